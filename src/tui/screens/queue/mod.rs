//! The queue (default screen): pending dossiers, most urgent first.

pub mod state;
pub mod update;
pub mod view;
