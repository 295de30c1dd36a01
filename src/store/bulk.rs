//! Bulk loading for the demo generator: prepared statements, short transactions, and the
//! report counters added once per batch instead of by a trigger per row.
//!
//! Each batch is one write transaction of about [`BATCH_TIME`]: the stats, name-index and seal
//! triggers are dropped inside it, the batch's rows go in, the counters and name words of
//! exactly those rows are added, the triggers come back, and it commits. Other connections therefore only ever see complete
//! dossiers with their counters and triggers, and a clerk's intake gets the lock between two
//! batches (their busy handler polls every few milliseconds) instead of waiting for the demo.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Chain};
use super::dossiers::insert_event;
use super::{day, stats, ts, Refusal, Store};
use crate::domain::clock::{limit_to_text, Clock};
use crate::domain::code::dossier_code;
use crate::domain::dossier::{Dossier, Event, Pause};

/// How long one batch holds the write lock before it commits.
pub const BATCH_TIME: Duration = Duration::from_millis(100);

/// The pause after each commit, long enough for a waiting writer to take the lock.
const BETWEEN_BATCHES: Duration = Duration::from_millis(3);

const INSERT_DOSSIER: &str = "INSERT INTO dossiers(code, procedure_code, field, applicant_name, name_key, applicant_id,
    phone, address, channel, papers, received_at, due_date, appointment_at, resolved_at, returned_at, withdrawn_at,
    status, fee_vnd, paid_online, result_digitized, satisfaction, assignee, note, updated_at, updated_by,
    due_at_intake, appointment_at_intake, apology_at, apology_appointment, apology_reason, paused_days_left, sort_due, sets)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
    ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)";
const INSERT_PAUSE: &str = "INSERT INTO pauses(dossier_id, from_at, to_at, reason, remaining_days, restart_limit,
    due_after, day_kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The open batch: when it began and the dossier ids it wrote.
struct Batch<'a> {
    began: Instant,
    ids: Option<(i64, i64)>,
    /// The last sequence number this batch gave on each day.
    seq: BTreeMap<NaiveDate, u32>,
    /// The audit chain: the demo's events are chained like any others, after whatever other
    /// writers appended between two batches.
    chain: Chain<'a>,
    /// The last pause before the batch: the batch's pauses are sealed once, at its commit,
    /// instead of by a trigger per row (store/seals.rs).
    pauses_before: i64,
}

pub struct BulkWriter<'a> {
    conn: &'a Connection,
    batch: Option<Batch<'a>>,
    /// The office's agency code, the first part of every dossier code.
    agency: String,
    /// Paper names already in the list (valid while no batch has been rolled back).
    paper_ids: HashMap<String, i64>,
}

impl BulkWriter<'_> {
    /// Inserts a complete dossier and its control sheet, giving it the next code of the day it
    /// was received (a clerk may take numbers of the same day between two batches), and
    /// returns that code. Commits when the batch has run its time.
    pub fn insert(&mut self, d: &mut Dossier, name_key: &str, events: &[Event], pauses: &[Pause]) -> Result<()> {
        if self.batch.is_none() {
            self.begin()?;
        }
        let conn = self.conn;
        let Some(b) = self.batch.as_mut() else { return Ok(()) };
        let received = d.received_at.date();
        let seq = match b.seq.get(&received) {
            Some(last) => last + 1,
            None => {
                let last: Option<i64> = conn
                    .prepare_cached("SELECT last FROM day_seq WHERE day = ?1")?
                    .query_row([day(received)], |r| r.get(0))
                    .optional()?;
                last.unwrap_or(0).max(0) as u32 + 1
            }
        };
        b.seq.insert(received, seq);
        d.code = dossier_code(&self.agency, received, seq);
        conn.prepare_cached(INSERT_DOSSIER)?.execute(params![
            d.code,
            d.procedure_code,
            d.field,
            d.applicant_name,
            name_key,
            d.applicant_id,
            d.phone,
            d.address,
            d.channel.as_str(),
            super::paper_names::compact(conn, &mut self.paper_ids, &d.papers)?,
            ts(d.received_at),
            day(d.due_date),
            ts(d.appointment_at),
            d.resolved_at.map(ts),
            d.returned_at.map(ts),
            d.withdrawn_at.map(ts),
            d.status.as_str(),
            d.fee_vnd,
            d.paid_online,
            d.result_digitized,
            d.satisfaction.map(|s| s.as_i64()),
            d.assignee,
            d.note,
            ts(d.updated_at),
            d.updated_by,
            day(d.due_at_intake),
            ts(d.appointment_at_intake),
            d.apology.as_ref().map(|a| ts(a.at)),
            d.apology.as_ref().map(|a| ts(a.new_appointment)),
            d.apology.as_ref().map(|a| a.reason.as_str()).unwrap_or(""),
            d.paused_days_left,
            Clock { due: d.due_date, paused_days_left: d.paused_days_left }.sort_key(),
            d.sets.clamp(1, 99),
        ])?;
        let id = conn.last_insert_rowid();
        b.ids = Some(b.ids.map_or((id, id), |(first, _)| (first, id)));
        // The row goes in in its final state: its last event seals it, the others carry no seal.
        let seal = b.chain.seal(id)?;
        for (i, e) in events.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| events[j].to);
            insert_event(&mut b.chain, id, e, (i + 1 == events.len()).then_some(seal), before)?;
        }
        let mut pause = conn.prepare_cached(INSERT_PAUSE)?;
        for p in pauses {
            pause.execute(params![
                id,
                ts(p.from),
                p.to.map(ts),
                p.reason,
                p.remaining_days,
                p.restart.map(limit_to_text),
                p.resumed_due.map(day),
                p.day_kind.as_str()
            ])?;
        }
        if b.began.elapsed() >= BATCH_TIME {
            self.commit()?;
        }
        Ok(())
    }

    fn begin(&mut self) -> Result<()> {
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(Refusal::from_sqlite)?;
        let begun = (|| -> Result<Batch> {
            let pauses_before = suspend_row_triggers(self.conn)?;
            Ok(Batch {
                began: Instant::now(),
                ids: None,
                seq: BTreeMap::new(),
                chain: Chain::begin(self.conn)?,
                pauses_before,
            })
        })();
        match begun {
            Ok(b) => {
                self.batch = Some(b);
                Ok(())
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Ends the open batch: day sequences, the batch's counters, the triggers back, commit.
    fn commit(&mut self) -> Result<()> {
        let Some(b) = self.batch.take() else { return Ok(()) };
        let done = (|| -> Result<()> {
            for (d, last) in &b.seq {
                self.conn
                    .prepare_cached(
                        "INSERT INTO day_seq(day, last) VALUES (?1, ?2)
                         ON CONFLICT(day) DO UPDATE SET last = excluded.last",
                    )?
                    .execute(params![day(*d), last])?;
            }
            restore_row_triggers(self.conn, b.ids, b.pauses_before)?;
            self.conn.execute_batch("COMMIT").map_err(Refusal::from_sqlite)?;
            Ok(())
        })();
        if done.is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        done?;
        std::thread::sleep(BETWEEN_BATCHES);
        Ok(())
    }
}

/// Drops, inside the caller's write transaction, the triggers that do per-row work a batch does
/// once at its end (the report counters, the name words, the seals of the pauses); returns the
/// last pause before the batch, for [`restore_row_triggers`]. Other connections never see the
/// tables without them: the same transaction brings them back before it commits.
pub(super) fn suspend_row_triggers(conn: &Connection) -> Result<i64> {
    stats::drop_triggers(conn)?;
    super::names::drop_triggers(conn)?;
    super::seals::drop_triggers(conn)?;
    Ok(conn.query_row("SELECT coalesce(max(rowid), 0) FROM pauses", [], |r| r.get(0))?)
}

/// Before the batch commits: what the dropped triggers would have done for the dossiers
/// `ids` (first, last; the batch's rows are one range, nobody else writes inside it) and the
/// pauses after `pauses_before`, then the triggers back.
pub(super) fn restore_row_triggers(conn: &Connection, ids: Option<(i64, i64)>, pauses_before: i64) -> Result<()> {
    if let Some((first, last)) = ids {
        stats::add_counts(conn, first, last)?;
        // The batch's names into the word index (FTS5 writes them as one segment).
        conn.prepare_cached(
            "INSERT INTO dossier_names(rowid, name_key) SELECT id, name_key FROM dossiers
             WHERE id BETWEEN ?1 AND ?2",
        )?
        .execute([first, last])?;
        conn.prepare_cached(super::names::ADD_FORMS)?.execute([first, last])?;
    }
    super::seals::seal_added(conn, "pauses", pauses_before)?;
    super::seals::create_triggers(conn)?;
    stats::create_triggers(conn)?;
    super::names::create_triggers(conn)?;
    Ok(())
}

/// Indexes over keys in random order (names, phones, ID numbers): every batch would dirty, and
/// write to the log again, a leaf page of each for nearly every row — at 1M dossiers that is
/// two fifths of the demo's time. Into a database without dossiers they are built once at the
/// end instead, sorted (about 1.5 s each at 1M, each its own transaction).
const RANDOM_KEY_INDEXES: &[&str] = &["dossiers_phone", "dossiers_applicant_id"];

impl Store {
    /// Runs `f` with a bulk writer that commits in batches of about [`BATCH_TIME`], so other
    /// clerks keep working on the database meanwhile. When `f` fails, the batches already
    /// committed stay (each is complete dossiers with their counters); the open one is rolled
    /// back. A database that has no dossiers yet gets [`RANDOM_KEY_INDEXES`] rebuilt at the end
    /// (searches by name, phone or ID scan the table until then); one that has keeps every index.
    pub fn bulk_load(&mut self, f: impl FnOnce(&mut BulkWriter) -> Result<()>) -> Result<()> {
        let agency = self.settings()?.agency_code;
        self.bulk_session(true, |conn| {
            let mut w = BulkWriter { conn, batch: None, agency, paper_ids: HashMap::new() };
            let loaded = f(&mut w).and_then(|_| w.commit());
            if w.batch.take().is_some() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            loaded
        })
    }

    /// The setting of a long load in batches (the demo's, a big import's): the office's key for
    /// the chain, a bigger page cache, fewer checkpoints, and — when `defer_indexes` and the
    /// database has no dossiers yet — [`RANDOM_KEY_INDEXES`] dropped and built once at the end,
    /// whether or not `f` went through. `f` makes its own transactions.
    /// Builds again the indexes a load killed before its end left dropped (see
    /// [`Store::bulk_session`]): those of a process that is no longer running. One still running
    /// (a clerk opening motcua during an import) is left to finish its own.
    pub(super) fn restore_deferred_indexes(&mut self) -> Result<()> {
        let left: Vec<(String, String, i64)> = self
            .conn()
            .prepare("SELECT name, sql, pid FROM deferred_indexes ORDER BY name")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, sql, pid) in left.into_iter().filter(|(_, _, pid)| !running(*pid)) {
            self.write(|tx| {
                // Another process may have rebuilt it meanwhile.
                let still: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM deferred_indexes WHERE name = ?1 AND pid = ?2",
                    rusqlite::params![name, pid],
                    |r| r.get(0),
                )?;
                if still {
                    rebuild_index(tx, &name, &sql)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    pub(super) fn bulk_session<R>(
        &mut self,
        defer_indexes: bool,
        f: impl FnOnce(&Connection) -> Result<R>,
    ) -> Result<R> {
        // The office's key for the chain, for every batch (Store::write sets it per transaction).
        let _key = audit::key_scope(self.key);
        let empty: bool =
            self.conn().query_row("SELECT NOT EXISTS (SELECT 1 FROM dossiers)", [], |r| r.get(0)).unwrap_or(false);
        let mut deferred = Vec::new();
        if empty && defer_indexes {
            deferred = self.write(|tx| {
                let mut sqls = Vec::new();
                for name in RANDOM_KEY_INDEXES {
                    let sql: Option<String> = tx
                        .query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |r| {
                            r.get(0)
                        })
                        .optional()?;
                    if let Some(sql) = sql {
                        tx.execute_batch(&format!("DROP INDEX {name}"))?;
                        tx.execute(
                            "INSERT OR REPLACE INTO deferred_indexes(name, sql, pid) VALUES (?1, ?2, ?3)",
                            rusqlite::params![name, sql, std::process::id()],
                        )?;
                        sqls.push((name, sql));
                    }
                }
                Ok(sqls)
            })?;
        }
        let _ = self.conn().pragma_update(None, "cache_size", -262_144);
        // Checkpoint every 64 MB of log rather than every 4 MB: a page the batches keep
        // changing (an index's, the counters') is copied into the database once per checkpoint,
        // and the commits wait less on it. Each commit is still synced (synchronous = FULL).
        let checkpoint: i64 = self.conn().query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0)).unwrap_or(1000);
        let _ = self.conn().pragma_update(None, "wal_autocheckpoint", 16_384);
        let loaded = f(self.conn());
        // The indexes come back whether or not the load went through.
        let mut rebuilt = Ok(());
        for (name, sql) in &deferred {
            if rebuilt.is_ok() {
                rebuilt = self.write(|tx| rebuild_index(tx, name, sql));
                std::thread::sleep(BETWEEN_BATCHES);
            }
        }
        let _ = self.conn().pragma_update(None, "cache_size", -32_768);
        let _ = self.conn().pragma_update(None, "wal_autocheckpoint", checkpoint);
        let loaded = loaded?;
        rebuilt?;
        // Sampled statistics are all the planner needs; a full ANALYZE reads every index (~2 s at 1M).
        self.conn().execute_batch("PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA optimize;")?;
        Ok(loaded)
    }
}

/// Builds one index set aside by a load (if it is not there) and forgets it, in one transaction.
fn rebuild_index(tx: &Connection, name: &str, sql: &str) -> Result<()> {
    let there: bool =
        tx.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |r| {
            r.get(0)
        })?;
    if !there {
        tx.execute_batch(sql)?;
    }
    tx.execute("DELETE FROM deferred_indexes WHERE name = ?1", [name])?;
    Ok(())
}

/// Whether process `pid` still runs (on this machine, where the database is). Our own pid is a
/// reused one: the process that wrote it is gone.
fn running(pid: i64) -> bool {
    if pid <= 0 || pid == i64::from(std::process::id()) {
        return false;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    // EPERM: it runs, as another user.
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}
