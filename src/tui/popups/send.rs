//! Sending the dossier (or a bundle's steps) to another handling agency: pick the agency,
//! Enter sends, Esc nothing.

use ratatui::text::Span;

use crate::tui::effects::{Change, Effect};
use crate::tui::keymap::Action;
use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{moved, Popup};

pub fn key(st: &State, targets: Vec<Target>, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => match st.agencies.get(selected) {
            Some(agency) => {
                let change = Change::Send { agency: agency.code.clone() };
                (None, vec![Effect::Apply { action: Action::Send, targets, change }])
            }
            None => (None, vec![]),
        },
        Some(a) => (Some(Popup::Send { targets, selected: moved(selected, st.agencies.len(), a) }), vec![]),
        None => (Some(Popup::Send { targets, selected }), vec![]),
    }
}

pub fn content<'a>(st: &State, theme: &Theme, targets: &[Target], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::titled(Action::Send, targets.len()));
    c.line(Span::styled(codes(targets), theme.muted()));
    c.line(s::popups::send_prompt());
    let items: Vec<String> = st.agencies.iter().map(|a| format!("{} ({})", a.name, a.code)).collect();
    c.choices(theme, &items, selected);
    c
}
