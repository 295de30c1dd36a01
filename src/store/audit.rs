//! The control sheets as one hash chain: every event row stores the hash of the row before it
//! and a hash of its own content over that. A row changed or deleted outside motcua (with the
//! sqlite3 shell, say) breaks the chain at that row, and `motcua audit verify` names it.
//!
//! The chain has no secret key: it shows a careless or hurried edit, not a forger who recomputes
//! every later hash. Deleting the very last rows leaves an intact (shorter) chain; `motcua check`
//! then finds dossiers whose status disagrees with their last event.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::Store;

pub type Hash = [u8; 32];

/// What the first event's `prev_hash` is.
pub const GENESIS: Hash = [0; 32];

/// The part of an event row the chain vouches for (as stored: times and dates as text,
/// statuses and kinds by name): every typed column of the event.
#[derive(Debug, Clone, Copy)]
pub struct EventContent<'a> {
    pub code: &'a str,
    pub at: &'a str,
    pub actor: &'a str,
    pub kind: &'a str,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub due_before: Option<&'a str>,
    pub due_after: Option<&'a str>,
    pub appointment_after: Option<&'a str>,
    pub assignee_from: Option<&'a str>,
    pub assignee_to: Option<&'a str>,
    pub reason: &'a str,
    pub agency: &'a str,
    pub note: &'a str,
}

/// SHA-256 of the previous hash and the content, each field length-prefixed (and an absent one
/// told apart from an empty one) so that no two different rows give the same bytes.
pub fn event_hash(prev: &Hash, c: &EventContent) -> Hash {
    let mut h = Sha256::new();
    h.update(prev);
    let opt = |v: Option<&str>| v.map(|f| format!("+{f}")).unwrap_or_default();
    let fields = [
        c.code.to_string(),
        c.at.to_string(),
        c.actor.to_string(),
        c.kind.to_string(),
        opt(c.from),
        c.to.to_string(),
        opt(c.due_before),
        opt(c.due_after),
        opt(c.appointment_after),
        opt(c.assignee_from),
        opt(c.assignee_to),
        c.reason.to_string(),
        c.agency.to_string(),
        c.note.to_string(),
    ];
    for field in &fields {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().into()
}

/// The columns of an event row the chain covers, in [`StoredEvent::from_row`]'s order, after
/// the dossier's code.
pub(crate) const CONTENT_COLUMNS: &str =
    "e.at, e.actor, e.kind, e.from_status, e.to_status, e.due_before, e.due_after, \
     e.appointment_after, e.assignee_from, e.assignee_to, e.reason, e.agency, e.note";

/// An event row as read back for the chain.
pub(crate) struct StoredEvent {
    code: String,
    text: [String; 6],
    opt: [Option<String>; 6],
    note: String,
}

impl StoredEvent {
    /// Reads the code at column `i`, then [`CONTENT_COLUMNS`].
    pub(crate) fn from_row(r: &rusqlite::Row, i: usize) -> rusqlite::Result<StoredEvent> {
        Ok(StoredEvent {
            code: r.get(i)?,
            // at, actor, kind, to, reason, agency
            text: [r.get(i + 1)?, r.get(i + 2)?, r.get(i + 3)?, r.get(i + 5)?, r.get(i + 11)?, r.get(i + 12)?],
            // from, due_before, due_after, appointment_after, assignee_from, assignee_to
            opt: [r.get(i + 4)?, r.get(i + 6)?, r.get(i + 7)?, r.get(i + 8)?, r.get(i + 9)?, r.get(i + 10)?],
            note: r.get(i + 13)?,
        })
    }

    pub(crate) fn content(&self) -> EventContent<'_> {
        let [at, actor, kind, to, reason, agency] = &self.text;
        let [from, due_before, due_after, appointment_after, assignee_from, assignee_to] = &self.opt;
        EventContent {
            code: &self.code,
            at,
            actor,
            kind,
            from: from.as_deref(),
            to,
            due_before: due_before.as_deref(),
            due_after: due_after.as_deref(),
            appointment_after: appointment_after.as_deref(),
            assignee_from: assignee_from.as_deref(),
            assignee_to: assignee_to.as_deref(),
            reason,
            agency,
            note: &self.note,
        }
    }

    pub(crate) fn code(&self) -> &str {
        &self.code
    }

    pub(crate) fn at(&self) -> &str {
        &self.text[0]
    }
}

fn as_hash(v: Option<Vec<u8>>) -> Option<Hash> {
    v.and_then(|v| v.try_into().ok())
}

/// The hash the next event chains to. Called inside the write transaction, so writers queue.
pub fn last_hash(conn: &Connection) -> Result<Hash> {
    let last: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT hash FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(match last {
        None => GENESIS,
        Some(h) => as_hash(h).unwrap_or(GENESIS),
    })
}

const KEEP_EVENTS: &str = "CREATE TRIGGER events_keep_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'motcua: events are never changed'); END;
     CREATE TRIGGER events_keep_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'motcua: events are never deleted'); END;";

/// Migration to schema 2: forbids changing or deleting events (and deleting dossiers) from SQL.
/// (Schema 2 also chained the events already there; the chain now covers the typed columns of
/// a later schema, so the migration that adds them chains every event, see [`rechain`].)
pub fn forbid_changes(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "{KEEP_EVENTS}
         CREATE TRIGGER dossiers_keep_delete BEFORE DELETE ON dossiers
           BEGIN SELECT RAISE(ABORT, 'motcua: dossiers are never deleted; withdraw them'); END;"
    ))
}

/// Lets a migration rewrite event rows (then [`rechain`] and [`lock_events`]).
pub(crate) fn unlock_events(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("DROP TRIGGER IF EXISTS events_keep_update; DROP TRIGGER IF EXISTS events_keep_delete;")
}

pub(crate) fn lock_events(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(KEEP_EVENTS)
}

/// Chains every event again, in id order, over its current content.
pub(crate) fn rechain(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare(&format!(
        "SELECT e.id, coalesce(d.code, ''), {CONTENT_COLUMNS} FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id"
    ))?;
    let mut write = conn.prepare("UPDATE events SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    let mut rows = read.query([])?;
    let mut prev = GENESIS;
    while let Some(r) = rows.next()? {
        let stored = StoredEvent::from_row(r, 1)?;
        let hash = event_hash(&prev, &stored.content());
        write.execute(params![&prev[..], &hash[..], r.get::<_, i64>(0)?])?;
        prev = hash;
    }
    Ok(())
}

/// How the chain broke at a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// The row's content no longer matches its hash.
    Changed,
    /// The row does not follow the one before it: rows between were deleted (or that row's hash edited).
    AfterGap,
    /// No hash at all (written outside motcua).
    Unhashed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub event_id: i64,
    /// The dossier code, or empty when the event points to no dossier.
    pub code: String,
    pub at: String,
    pub kind: BreakKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub events: u64,
    pub first_break: Option<ChainBreak>,
}

impl Store {
    /// Walks the whole chain, oldest first, and stops at the first broken row.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT e.id, e.prev_hash, e.hash, coalesce(d.code, ''), {CONTENT_COLUMNS}
             FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS;
        let mut events = 0;
        while let Some(r) = rows.next()? {
            events += 1;
            let stored_prev = as_hash(r.get(1)?);
            let stored = as_hash(r.get(2)?);
            let row = StoredEvent::from_row(r, 3)?;
            let kind = match (stored_prev, stored) {
                (Some(p), Some(_)) if p != expected_prev => Some(BreakKind::AfterGap),
                (Some(p), Some(h)) if event_hash(&p, &row.content()) != h => Some(BreakKind::Changed),
                (Some(_), Some(h)) => {
                    expected_prev = h;
                    None
                }
                _ => Some(BreakKind::Unhashed),
            };
            if let Some(kind) = kind {
                return Ok(ChainReport {
                    events,
                    first_break: Some(ChainBreak {
                        event_id: r.get(0)?,
                        code: row.code().to_string(),
                        at: row.at().to_string(),
                        kind,
                    }),
                });
            }
        }
        Ok(ChainReport { events, first_break: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;
    use std::path::PathBuf;

    /// A database made by the first motcua (schema 1), with events and no hashes, gets its
    /// chain when a newer motcua opens it.
    #[test]
    fn the_migration_chains_the_events_already_there() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(schema::MIGRATIONS[0].sql).unwrap();
        conn.execute_batch(
            "INSERT INTO procedures(code, name, name_key, field, days) VALUES ('1.1', 'Thủ tục', 'thu tuc', 'Hộ tịch', 3);
             INSERT INTO dossiers(code, procedure_code, field, applicant_name, name_key, channel, received_at, due_date,
               appointment_at, status, updated_at, updated_by)
             VALUES ('A-240208-0001', '1.1', 'Hộ tịch', 'An', 'an', 'in_person', '2024-02-08 10:00:00', '2024-02-13',
               '2024-02-13 10:00:00', 'in_progress', '2024-02-08 10:00:00', 'lan');
             INSERT INTO events(dossier_id, at, actor, from_status, to_status, note) VALUES
               (1, '2024-02-08 10:00:00', 'lan', NULL, 'received', ''),
               (1, '2024-02-08 11:00:00', 'lan', 'received', 'in_progress', '');
             PRAGMA user_version = 1;",
        )
        .unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
        let mut store = Store { conn, path: PathBuf::from(":memory:") };
        store.migrate().unwrap();
        let report = store.verify_chain().unwrap();
        assert_eq!((report.events, report.first_break), (2, None));
        let first = event_hash(&GENESIS, &EventContent { code: "A-240208-0001", kind: "intake", ..content("", None) });
        let (prev, hash): (Vec<u8>, Vec<u8>) = store
            .conn()
            .query_row("SELECT prev_hash, hash FROM events WHERE id = 2", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(prev, first.to_vec());
        assert_ne!(hash, first.to_vec());
        assert_eq!(
            store.conn().query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(),
            schema::latest()
        );
    }

    fn content<'a>(note: &'a str, from: Option<&'a str>) -> EventContent<'a> {
        EventContent {
            code: "000.00.00.H00-240208-0001",
            at: "2024-02-08 10:00:00",
            actor: "lan",
            kind: "move",
            from,
            to: "received",
            due_before: None,
            due_after: None,
            appointment_after: None,
            assignee_from: None,
            assignee_to: None,
            reason: "",
            agency: "",
            note,
        }
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_hash() {
        let base = event_hash(&GENESIS, &content("", None));
        assert_ne!(base, event_hash(&[1; 32], &content("", None)));
        assert_ne!(base, event_hash(&GENESIS, &content("x", None)));
        assert_ne!(base, event_hash(&GENESIS, &content("", Some(""))));
        assert_ne!(base, event_hash(&GENESIS, &EventContent { kind: "pause", ..content("", None) }));
        assert_ne!(base, event_hash(&GENESIS, &EventContent { due_after: Some("2024-02-09"), ..content("", None) }));
        assert_ne!(base, event_hash(&GENESIS, &EventContent { reason: "x", ..content("", None) }));
        assert_ne!(base, event_hash(&GENESIS, &EventContent { agency: "x", ..content("", None) }));
        assert_ne!(base, event_hash(&GENESIS, &EventContent { assignee_to: Some(""), ..content("", None) }));
        // The same words as a reason or as a note are different rows.
        let a = EventContent { reason: "x", ..content("", None) };
        assert_ne!(event_hash(&GENESIS, &a), event_hash(&GENESIS, &content("x", None)));
        // Moving text from one field to the next must not give the same bytes.
        let a = EventContent { actor: "la", note: "n", ..content("", None) };
        let b = EventContent { actor: "l", note: "an", ..content("", None) };
        assert_ne!(event_hash(&GENESIS, &a), event_hash(&GENESIS, &b));
        assert_eq!(base, event_hash(&GENESIS, &content("", None)));
    }
}
