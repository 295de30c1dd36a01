//! Bulk loading for the demo generator: one transaction, prepared statements, the report
//! counters rebuilt once at the end instead of by a trigger per row.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Statement};

use super::audit::Chain;
use super::dossiers::insert_event;
use super::{day, stats, ts, Store};
use crate::domain::clock::{limit_to_text, Clock};
use crate::domain::dossier::{Dossier, Event, Pause};

/// Indexes that are cheaper to build once, sorted, than to grow row by row.
const REBUILT_INDEXES: &[&str] =
    &["dossiers_name_key", "dossiers_phone", "dossiers_applicant_id", "dossiers_received", "dossiers_pending_name"];

pub struct BulkWriter<'a> {
    conn: &'a rusqlite::Connection,
    dossier: Statement<'a>,
    pause: Statement<'a>,
    seq: BTreeMap<NaiveDate, u32>,
    /// The audit chain: the demo's events are chained like any others.
    chain: Chain<'a>,
}

impl BulkWriter<'_> {
    /// Inserts a complete dossier and its control sheet; `d.code`'s day and sequence are
    /// recorded so later codes never repeat it.
    pub fn insert(&mut self, d: &Dossier, name_key: &str, events: &[Event], pauses: &[Pause], seq: u32) -> Result<()> {
        self.dossier.execute(params![
            d.code,
            d.procedure_code,
            d.field,
            d.applicant_name,
            name_key,
            d.applicant_id,
            d.phone,
            d.address,
            d.channel.as_str(),
            serde_json::to_string(&d.papers)?,
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
        let id = self.conn.last_insert_rowid();
        // The row goes in in its final state: its last event seals it, the others carry no seal.
        let seal = self.chain.seal(id)?;
        for (i, e) in events.iter().enumerate() {
            insert_event(&mut self.chain, id, e, (i + 1 == events.len()).then_some(seal))?;
        }
        for p in pauses {
            self.pause.execute(params![
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
        let last = self.seq.entry(d.received_at.date()).or_default();
        *last = (*last).max(seq);
        Ok(())
    }
}

impl Store {
    /// Runs `f` with a bulk writer inside one transaction, then rebuilds the dropped indexes and
    /// the report counters. Meant for a database nobody else is using (the demo).
    pub fn bulk_load(&mut self, f: impl FnOnce(&mut BulkWriter) -> Result<()>) -> Result<()> {
        let _ = self.conn().pragma_update(None, "cache_size", -262_144);
        let index_sql: Vec<String> = REBUILT_INDEXES
            .iter()
            .filter_map(|name| {
                self.conn()
                    .query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |r| r.get(0))
                    .ok()
            })
            .collect();
        self.write(|tx| {
            stats::drop_triggers(tx)?;
            // The pauses' seal is kept once at the end, not by a trigger per row.
            let pauses_before: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM pauses", [], |r| r.get(0))?;
            super::seals::drop_triggers(tx)?;
            super::names::drop_triggers(tx)?;
            for name in REBUILT_INDEXES {
                tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
            }
            let mut w = BulkWriter {
                conn: tx,
                dossier: tx.prepare(
                    "INSERT INTO dossiers(code, procedure_code, field, applicant_name, name_key, applicant_id, phone, address,
                       channel, papers, received_at, due_date, appointment_at, resolved_at, returned_at, withdrawn_at, status,
                       fee_vnd, paid_online, result_digitized, satisfaction, assignee, note, updated_at, updated_by,
                       due_at_intake, appointment_at_intake, apology_at, apology_appointment, apology_reason,
                       paused_days_left, sort_due, sets)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
                       ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)",
                )?,
                pause: tx.prepare(
                    "INSERT INTO pauses(dossier_id, from_at, to_at, reason, remaining_days, restart_limit, due_after, day_kind)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?,
                seq: BTreeMap::new(),
                chain: Chain::begin(tx)?,
            };
            f(&mut w)?;
            for (d, last) in &w.seq {
                tx.execute(
                    "INSERT INTO day_seq(day, last) VALUES (?1, ?2) ON CONFLICT(day) DO UPDATE SET last = max(last, excluded.last)",
                    params![day(*d), last],
                )?;
            }
            drop(w);
            for sql in &index_sql {
                tx.execute_batch(sql)?;
            }
            stats::rebuild(tx)?;
            stats::create_triggers(tx)?;
            super::seals::seal_added(tx, "pauses", pauses_before)?;
            super::seals::create_triggers(tx)?;
            super::names::rebuild(tx)?;
            Ok(())
        })?;
        // Sampled statistics are all the planner needs; a full ANALYZE reads every index (~2 s at 1M).
        self.conn().execute_batch("PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA optimize;")?;
        let _ = self.conn().pragma_update(None, "cache_size", -32_768);
        Ok(())
    }
}
