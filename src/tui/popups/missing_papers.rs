//! Required papers are not ticked: register anyway, or give the citizen a supplement request
//! (Mẫu 02) instead of registering; Esc goes back to the checklist.

use ratatui::text::Span;

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::screens::intake::state::{Field, Outcome};
use crate::tui::state::{Screen, State};
use crate::tui::strings as s;
use crate::tui::theme::Theme;

use super::view::Content;
use super::{moved, Popup};

pub fn key(st: &mut State, missing: Vec<String>, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    let Some(form) = st.intake.as_mut() else { return (None, vec![]) };
    match a {
        Some(Action::Back) => {
            form.focus = Field::Papers;
            (None, vec![])
        }
        Some(Action::Choose) if selected == 0 => match form.save_now() {
            Outcome::Save(nd) => (None, vec![Effect::AddDossier(Box::new(nd), Box::new(form.extra()))]),
            _ => (None, vec![]),
        },
        Some(Action::Choose) => {
            let nd = form.new_dossier();
            st.intake = None;
            st.document = None;
            st.screen = Screen::Document;
            let mut fx = vec![Effect::DeleteDraft];
            if let Some(nd) = nd {
                fx.push(Effect::SupplementAtIntake { nd: Box::new(nd), missing });
            }
            (None, fx)
        }
        Some(a) => (Some(Popup::MissingPapers { missing, selected: moved(selected, 2, a) }), vec![]),
        None => (Some(Popup::MissingPapers { missing, selected }), vec![]),
    }
}

/// The papers are listed in the screen's language; the supplement request keeps the
/// catalogue's Vietnamese names (`missing` as the form gave it), being the legal record.
pub fn content<'a>(st: &State, theme: &Theme, missing: &[String], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::missing_title(missing.len()));
    let proc = st.intake.as_ref().and_then(|f| f.procedure.as_ref());
    for m in missing.iter().take(6) {
        let name = match proc {
            Some(p) => s::paper_name(std::slice::from_ref(p), &p.code, m),
            None => m.as_str(),
        };
        c.line(Span::styled(format!("- {}", crate::domain::text::truncate(name, 70)), theme.muted()));
    }
    let items = [s::popups::register_anyway().to_string(), s::popups::give_supplement().to_string()];
    c.choices(theme, &items, selected);
    c
}
