//! A reason typed for a supplement request, a refusal or a withdrawal; Enter asks to confirm.

use crossterm::event::KeyEvent;
use ratatui::text::Span;

use crate::domain::status::Status;

use crate::tui::actions::target_status;
use crate::tui::effects::{Change, Effect};
use crate::tui::input::LineInput;
use crate::tui::keymap::Action;
use crate::tui::state::State;
use crate::tui::strings::{self as s, keys};
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{Confirmed, Popup};

pub fn key(
    st: &mut State,
    (action, targets, mut input): (Action, Vec<Target>, LineInput),
    a: Option<Action>,
    k: &KeyEvent,
) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) if input.text().trim().is_empty() => {
            let error = Some(s::popups::reason_required().into());
            (Some(Popup::Reason { action, targets, input, error }), vec![])
        }
        Some(Action::Choose) => {
            let note = input.text().trim().to_string();
            let to = target_status(action).unwrap_or(Status::Withdrawn);
            let text = s::popups::confirm_action(action, &targets);
            let change = Change::Move { to, note, satisfaction: None, digitized: None };
            let then = Confirmed::Apply { action, targets: targets.clone(), change };
            st.popups.push(Popup::Reason { action, targets, input, error: None });
            st.popups.push(Popup::Confirm { text, then });
            (None, vec![])
        }
        Some(_) => (Some(Popup::Reason { action, targets, input, error: None }), vec![]),
        None => {
            input.handle(k);
            (Some(Popup::Reason { action, targets, input, error: None }), vec![])
        }
    }
}

pub fn content<'a>(
    theme: &Theme,
    action: Action,
    targets: &[Target],
    input: &LineInput,
    error: &Option<String>,
) -> Content<'a> {
    let mut c = Content::new(format!("{} - {}", keys::label(action), s::popups::count(targets.len())));
    c.line(Span::styled(codes(targets), theme.muted()));
    c.line(s::popups::reason_for(action));
    c.field(input.text(), input.cursor_cells(), true);
    if let Some(e) = error {
        c.line(Span::styled(e.clone(), theme.error()));
    }
    c
}
