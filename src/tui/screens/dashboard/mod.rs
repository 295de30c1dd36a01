//! The office head's view (Theo dõi hạn): pending dossiers by urgency, the day's work and the
//! indicators, the intake of the last working days, the end-of-day review; the period report
//! is its last pane (screens/report).

pub mod state;
pub mod update;
pub mod view;
