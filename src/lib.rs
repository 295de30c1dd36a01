//! motcua: the one-stop counter's dossier book, for Vietnamese commune and district offices.

pub mod account;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod export;
pub mod forms;
pub mod i18n;
pub mod store;
pub mod tui;
