//! The office head's Admin screen: the procedure catalogue, the holiday table, the staff list
//! and the office settings.

pub mod form;
mod form_check;
pub mod form_view;
pub mod save;
pub mod state;
pub mod update;
pub mod view;
