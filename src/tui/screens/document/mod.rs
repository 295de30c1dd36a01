//! A printed form on screen (the receipt after an intake, a supplement request, …), to read
//! before printing it.

pub mod state;
pub mod update;
pub mod view;
