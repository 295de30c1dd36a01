//! A change that waits for its Enter; Esc goes back to where the question came from.

use ratatui::text::Span;

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::screens::admin::update as admin;
use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

use super::view::Content;
use super::{Confirmed, Popup};

pub fn key(st: &mut State, text: String, then: Confirmed, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Choose) => {
            // The question closes with everything that led to it.
            st.popups.clear();
            let fx = match then {
                Confirmed::Apply { action, targets, change } => vec![Effect::Apply { action, targets, change }],
                Confirmed::Remind(targets) => vec![Effect::Remind(targets)],
                Confirmed::Admin(save) => admin::save(st, save),
                Confirmed::DiscardDraft => vec![Effect::DeleteDraft],
                Confirmed::RefuseAtIntake { nd, reason } => {
                    if let Some(f) = st.intake.as_mut() {
                        f.saving = true;
                    }
                    vec![Effect::RefuseAtIntake { nd, reason }]
                }
            };
            (None, fx)
        }
        Some(Action::Back) => (None, vec![]),
        _ => (Some(Popup::Confirm { text, then }), vec![]),
    }
}

pub fn content<'a>(theme: &Theme, text: &str) -> Content<'a> {
    let mut c = Content::new(s::popups::confirm_title());
    c.line(text.to_string());
    c.line("");
    c.line(Span::styled(s::popups::confirm_keys(), theme.overdue()));
    c
}
