//! A half-filled intake form from before: continue it, or start a new form (the draft is
//! thrown away only after its own question). Esc leaves the intake; the draft stays.

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::screens::intake::state::{Draft, IntakeForm};
use crate::tui::screens::intake::update::close;
use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

use super::view::Content;
use super::{moved, Confirmed, Popup};

fn who(d: &Draft) -> String {
    if d.name.is_empty() {
        d.picker.clone()
    } else {
        d.name.clone()
    }
}

pub fn key(st: &mut State, draft: Box<Draft>, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => {
            close(st);
            (None, vec![])
        }
        Some(Action::Choose) if selected == 0 => {
            st.intake = Some(IntakeForm::from_draft(&draft, &st.procedures));
            (None, vec![])
        }
        Some(Action::Choose) => {
            let text = s::popups::confirm_discard_draft(&who(&draft));
            st.popups.push(Popup::Draft { draft, selected });
            st.popups.push(Popup::Confirm { text, then: Confirmed::DiscardDraft });
            (None, vec![])
        }
        Some(a) => (Some(Popup::Draft { draft, selected: moved(selected, 2, a) }), vec![]),
        None => (Some(Popup::Draft { draft, selected }), vec![]),
    }
}

pub fn content<'a>(theme: &Theme, draft: &Draft, selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::draft_title());
    c.line(s::popups::draft_prompt(&who(draft)));
    let items = [s::popups::draft_continue().to_string(), s::popups::draft_new().to_string()];
    c.choices(theme, &items, selected);
    c
}
