//! The detail's keys: scrolling, the next and previous dossier of the queue, printing.

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::popups::Popup;
use crate::tui::screens::queue::update::{navigate, open_detail};
use crate::tui::state::State;

pub fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top => {
            if let Some(d) = st.detail.as_mut() {
                d.scroll = match a {
                    Action::Down => d.scroll.saturating_add(1),
                    Action::Up => d.scroll.saturating_sub(1),
                    Action::PageDown => d.scroll.saturating_add(10),
                    Action::PageUp => d.scroll.saturating_sub(10),
                    _ => 0,
                };
            }
            vec![]
        }
        Action::NextDossier | Action::PrevDossier => {
            let next = a == Action::NextDossier;
            let list = st.queue.list_mut();
            let at_edge = if next { list.selected + 1 >= list.rows.len() } else { list.selected == 0 };
            if !at_edge {
                if next {
                    list.selected += 1;
                } else {
                    list.selected -= 1;
                }
                return open_detail(st);
            }
            let fx = navigate(st, if next { Action::Down } else { Action::Up });
            st.follow_detail = !fx.is_empty();
            fx
        }
        Action::Print => {
            if let Some(d) = &st.detail {
                st.popups.push(Popup::PrintPick { code: d.dossier.code.clone(), selected: 0 });
            }
            vec![]
        }
        _ => vec![],
    }
}
