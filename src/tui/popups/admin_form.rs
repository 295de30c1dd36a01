//! An Admin edit form as a popup: its keys go to the form; a save waits for the store.

use crossterm::event::KeyEvent;

use crate::tui::effects::Effect;
use crate::tui::screens::admin::form::{EditForm, FormKey};
use crate::tui::screens::admin::update::save;
use crate::tui::state::State;

use super::Popup;

pub fn key(st: &mut State, mut form: Box<EditForm>, k: &KeyEvent) -> (Option<Popup>, Vec<Effect>) {
    let saving = st.admin.as_ref().is_some_and(|v| v.saving);
    let Some(data) = st.admin.as_ref().and_then(|v| v.data.clone()) else { return (None, vec![]) };
    if saving {
        return (Some(Popup::AdminForm(form)), vec![]);
    }
    match form.key(k, &data) {
        FormKey::Cancel => (None, vec![]),
        FormKey::Stay => (Some(Popup::AdminForm(form)), vec![]),
        // The form stays open until the store answers (it closes on success).
        FormKey::Save(change) => {
            let fx = save(st, change);
            (Some(Popup::AdminForm(form)), fx)
        }
    }
}
