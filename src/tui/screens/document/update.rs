//! The form on screen: scroll, print again, close.

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::state::State;

pub fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    let Some(doc) = st.document.as_mut() else { return vec![] };
    match a {
        Action::Down => doc.scroll = doc.scroll.saturating_add(1),
        Action::Up => doc.scroll = doc.scroll.saturating_sub(1),
        Action::PageDown => doc.scroll = doc.scroll.saturating_add(10),
        Action::PageUp => doc.scroll = doc.scroll.saturating_sub(10),
        Action::Top => doc.scroll = 0,
        Action::Print => {
            st.flash = None;
            return vec![Effect::Print(Box::new(doc.job.clone()), st.outputs.printer.clone())];
        }
        _ => {}
    }
    vec![]
}
