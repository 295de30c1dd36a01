//! The result is ready: with a digitized copy or without; Enter records it, Esc nothing.

use ratatui::text::Span;

use crate::domain::status::Status;

use crate::tui::effects::{Change, Effect};
use crate::tui::keymap::Action;
use crate::tui::strings as s;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{moved, Popup};

pub fn key(targets: Vec<Target>, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => {
            let change = Change::Move {
                to: Status::Ready,
                note: String::new(),
                satisfaction: None,
                digitized: Some(selected == 0),
            };
            (None, vec![Effect::Apply { action: Action::Ready, targets, change }])
        }
        Some(a) => (Some(Popup::Digitized { targets, selected: moved(selected, 2, a) }), vec![]),
        None => (Some(Popup::Digitized { targets, selected }), vec![]),
    }
}

pub fn content<'a>(theme: &Theme, targets: &[Target], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::titled(Action::Ready, targets.len()));
    c.line(Span::styled(codes(targets), theme.muted()));
    c.line(s::popups::digitized_prompt());
    let items = [s::popups::digitized(true).to_string(), s::popups::digitized(false).to_string()];
    c.choices(theme, &items, selected);
    c
}
