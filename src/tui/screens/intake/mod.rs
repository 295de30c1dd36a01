//! The intake form (Tiếp nhận): pick the procedure by typing, fill the applicant, tick the
//! papers, see the appointment live, save.

pub mod state;
pub mod update;
pub mod view;
