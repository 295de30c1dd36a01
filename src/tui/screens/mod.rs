//! The screens, one folder each: state.rs (what it holds), update.rs (its keys, pure),
//! view.rs (drawing, from `&State` only).

pub mod admin;
pub mod dashboard;
pub mod detail;
pub mod document;
pub mod intake;
pub mod queue;
pub mod report;
