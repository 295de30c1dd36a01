//! The detail of one dossier: every field, the papers, the pauses and the control sheet.

pub mod state;
pub mod update;
pub mod view;
