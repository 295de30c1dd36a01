//! A dossier an action applies to, as the clerk saw it: the version guards against
//! overwriting another clerk's change made since.

use crate::domain::dossier::Dossier;
use crate::domain::status::Status;
use crate::store::QueueRow;

/// A dossier an action applies to, as the clerk saw it (the version guards against overwrites).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub code: String,
    pub version: i64,
    pub status: Status,
    pub assignee: String,
}

impl From<&QueueRow> for Target {
    fn from(r: &QueueRow) -> Target {
        Target { code: r.code.clone(), version: r.version, status: r.status, assignee: r.assignee.clone() }
    }
}

impl From<&Dossier> for Target {
    fn from(d: &Dossier) -> Target {
        Target { code: d.code.clone(), version: d.version, status: d.status, assignee: d.assignee.clone() }
    }
}
