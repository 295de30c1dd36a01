//! The rules of a one-stop counter (DOMAIN.md), in plain Rust: no terminal, no SQL.

pub mod calendar;
pub mod catalogue;
pub mod clock;
pub mod code;
pub mod dossier;
pub mod form_06a;
pub mod handover;
pub mod holiday_update;
pub mod refusal;
pub mod report;
pub mod status;
pub mod text;
pub mod urgency;
pub mod validate;
