//! The action menu (F9, or Enter on the detail): what this login may do to the dossier in
//! view or to the marked set; Enter opens that action's own question.

use ratatui::text::Span;

use crate::tui::actions;
use crate::tui::effects::Effect;
use crate::tui::keymap::{key_name, Action, Scope, BINDINGS};
use crate::tui::state::State;
use crate::tui::strings::{self as s, keys};
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{moved, Popup};

pub fn key(
    st: &mut State,
    targets: Vec<Target>,
    items: Vec<Action>,
    selected: usize,
    a: Option<Action>,
) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => match items.get(selected).copied() {
            Some(chosen) => {
                let keep = Popup::Actions { targets, items, selected };
                let depth = st.popups.len();
                let fx = actions::begin(st, chosen);
                // The action's question opens over the menu, so Esc comes back to it.
                st.popups.insert(depth, keep);
                (None, fx)
            }
            None => (None, vec![]),
        },
        Some(a) => {
            let selected = moved(selected, items.len(), a);
            (Some(Popup::Actions { targets, items, selected }), vec![])
        }
        None => (Some(Popup::Actions { targets, items, selected }), vec![]),
    }
}

/// The shortcut of an action, from the key table ("Alt-G").
fn shortcut(a: Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.action == a && b.scope == Scope::Dossier)
        .and_then(|b| b.keys.first())
        .map(key_name)
        .unwrap_or_default()
}

pub fn content<'a>(theme: &Theme, targets: &[Target], items: &[Action], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::actions_title(targets.len()));
    c.line(Span::styled(codes(targets), theme.muted()));
    if items.is_empty() {
        c.line(s::popups::no_action());
    }
    let labels: Vec<String> = items.iter().map(|a| format!("{}  ({})", keys::label(*a), shortcut(*a))).collect();
    c.choices(theme, &labels, selected);
    c
}
