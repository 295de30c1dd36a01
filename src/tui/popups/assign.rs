//! Assign to a staff member: handlers first, then the head; Enter on a name assigns (the
//! title names the count).

use ratatui::text::Span;

use crate::store::error::role_label;

use crate::tui::actions::assignable;
use crate::tui::effects::{Change, Effect};
use crate::tui::keymap::Action;
use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{moved, Popup};

pub fn key(st: &State, targets: Vec<Target>, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    let people = assignable(st);
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => match people.get(selected) {
            Some(p) => {
                let change = Change::Assign { to: p.login.clone() };
                (None, vec![Effect::Apply { action: Action::Assign, targets, change }])
            }
            None => (None, vec![]),
        },
        Some(a) => (Some(Popup::Assign { targets, selected: moved(selected, people.len(), a) }), vec![]),
        None => (Some(Popup::Assign { targets, selected }), vec![]),
    }
}

pub fn content<'a>(st: &State, theme: &Theme, targets: &[Target], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::assign_title(targets.len()));
    c.line(Span::styled(codes(targets), theme.muted()));
    let items: Vec<String> =
        assignable(st).iter().map(|p| format!("{} ({})", p.full_name, role_label(p.role))).collect();
    c.choices(theme, &items, selected);
    c
}
