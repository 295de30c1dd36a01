//! What the detail shows: the dossier as stored, its events and pauses.

use crate::domain::dossier::{Dossier, Event, Pause};

#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    pub dossier: Dossier,
    pub events: Vec<Event>,
    pub pauses: Vec<Pause>,
    pub scroll: u16,
}
