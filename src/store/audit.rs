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

/// The part of an event row the chain vouches for (as stored: times as text, statuses by name).
pub struct EventContent<'a> {
    pub code: &'a str,
    pub at: &'a str,
    pub actor: &'a str,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub note: &'a str,
}

/// SHA-256 of the previous hash and the content, each field length-prefixed so that no two
/// different rows give the same bytes.
pub fn event_hash(prev: &Hash, c: &EventContent) -> Hash {
    let mut h = Sha256::new();
    h.update(prev);
    let from = c.from.map(|f| format!("+{f}")).unwrap_or_default();
    for field in [c.code, c.at, c.actor, &from, c.to, c.note] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().into()
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

/// Migration to schema 2: chains the events already there, in id order, then forbids changing
/// or deleting them (and deleting dossiers) from SQL.
pub fn chain_existing(conn: &Connection) -> rusqlite::Result<()> {
    {
        let mut read = conn.prepare(
            "SELECT e.id, coalesce(d.code, ''), e.at, e.actor, e.from_status, e.to_status, e.note
             FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id",
        )?;
        let mut write = conn.prepare("UPDATE events SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
        let mut rows = read.query([])?;
        let mut prev = GENESIS;
        while let Some(r) = rows.next()? {
            let (code, at, actor, from, to, note): (String, String, String, Option<String>, String, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            let content =
                EventContent { code: &code, at: &at, actor: &actor, from: from.as_deref(), to: &to, note: &note };
            let hash = event_hash(&prev, &content);
            write.execute(params![&prev[..], &hash[..], r.get::<_, i64>(0)?])?;
            prev = hash;
        }
    }
    conn.execute_batch(
        "CREATE TRIGGER events_keep_update BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'motcua: events are never changed'); END;
         CREATE TRIGGER events_keep_delete BEFORE DELETE ON events
           BEGIN SELECT RAISE(ABORT, 'motcua: events are never deleted'); END;
         CREATE TRIGGER dossiers_keep_delete BEFORE DELETE ON dossiers
           BEGIN SELECT RAISE(ABORT, 'motcua: dossiers are never deleted; withdraw them'); END;",
    )
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
        let mut stmt = self.conn().prepare(
            "SELECT e.id, coalesce(d.code, ''), e.at, e.actor, e.from_status, e.to_status, e.note, e.prev_hash, e.hash
             FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS;
        let mut events = 0;
        while let Some(r) = rows.next()? {
            events += 1;
            let (code, at, actor, from, to, note): (String, String, String, Option<String>, String, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            let stored_prev = as_hash(r.get(7)?);
            let stored = as_hash(r.get(8)?);
            let content =
                EventContent { code: &code, at: &at, actor: &actor, from: from.as_deref(), to: &to, note: &note };
            let kind = match (stored_prev, stored) {
                (Some(p), Some(h)) if p != expected_prev => Some((BreakKind::AfterGap, h)),
                (Some(p), Some(h)) if event_hash(&p, &content) != h => Some((BreakKind::Changed, h)),
                (Some(_), Some(h)) => {
                    expected_prev = h;
                    None
                }
                _ => Some((BreakKind::Unhashed, GENESIS)),
            };
            if let Some((kind, _)) = kind {
                return Ok(ChainReport {
                    events,
                    first_break: Some(ChainBreak { event_id: r.get(0)?, code, at, kind }),
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
        let first = event_hash(
            &GENESIS,
            &EventContent {
                code: "A-240208-0001",
                at: "2024-02-08 10:00:00",
                actor: "lan",
                from: None,
                to: "received",
                note: "",
            },
        );
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
            from,
            to: "received",
            note,
        }
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_hash() {
        let base = event_hash(&GENESIS, &content("", None));
        assert_ne!(base, event_hash(&[1; 32], &content("", None)));
        assert_ne!(base, event_hash(&GENESIS, &content("x", None)));
        assert_ne!(base, event_hash(&GENESIS, &content("", Some(""))));
        // Moving text from one field to the next must not give the same bytes.
        let a = EventContent { actor: "la", note: "n", ..content("", None) };
        let b = EventContent { actor: "l", note: "an", ..content("", None) };
        assert_ne!(event_hash(&GENESIS, &a), event_hash(&GENESIS, &b));
        assert_eq!(base, event_hash(&GENESIS, &content("", None)));
    }
}
