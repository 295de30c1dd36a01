//! The period report from the per-day counters, plus small index reads for the dossiers still
//! pending at the day the report is judged on — all in one read transaction, so that the
//! figures are one snapshot even while clerks write (DOMAIN §5).
//!
//! The day judged is the period's last day once it has ended, today while it runs (DOMAIN §2
//! "Nothing is overwritten"). A period that has ended is computed from what was known on its
//! last day: the counters are per day and never move for a past day; the split of the pending
//! dossiers into within due and overdue uses each dossier's clock as it stood then, derived
//! from its records (domain/clock.rs), not its current due date.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;

use super::catalog::calendar_in;
use super::stats::{Grouping, BY_FIELD};
use super::{day, parse_ts, Store};
use crate::domain::clock::clock_at;
use crate::domain::dossier::Pause;
use crate::domain::report::{Counts, Period, Report};

impl Store {
    /// The report of `period` as of `now` (the injected clock).
    pub fn report(&self, period: Period, now: NaiveDateTime) -> Result<Report> {
        self.read(|conn| report_in(conn, period, now))
    }
}

/// The day a report judges pending dossiers on: the period's last day, or today while it runs.
pub fn judged_on(period: Period, now: NaiveDateTime) -> NaiveDate {
    period.to.min(now.date())
}

fn report_in(conn: &Connection, period: Period, now: NaiveDateTime) -> Result<Report> {
    let by_field =
        grouped(conn, period, now, &BY_FIELD)?.into_iter().filter(|(_, c)| *c != Counts::default()).collect();
    Ok(Report { period, by_field })
}

/// The report's rows by one grouping of the per-day counters (by field; by handling agency for
/// `by_agency`, see agency_report.rs).
pub(super) fn grouped(
    conn: &Connection,
    period: Period,
    now: NaiveDateTime,
    g: &Grouping,
) -> Result<BTreeMap<String, Counts>> {
    let from = day(period.from);
    let after = day(period.to.succ_opt().unwrap_or(period.to));
    let mut fields: BTreeMap<String, Counts> = BTreeMap::new();
    let (table, key) = (g.table, g.key);

    // Pending at the start = received before it − closed (resolved or withdrawn) before it.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {key}, sum(recv_online + recv_other - res_early - res_ontime - res_late - withdrawn)
         FROM {table} WHERE day < ?1 GROUP BY {key}"
    ))?;
    let mut rows = stmt.query([&from])?;
    while let Some(r) = rows.next()? {
        let c = fields.entry(r.get(0)?).or_default();
        c.carried_over = r.get::<_, Option<i64>>(1)?.unwrap_or(0).max(0) as u64;
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {key}, sum(recv_online), sum(recv_other), sum(res_early), sum(res_ontime), sum(res_late),
                sum(withdrawn), sum(with_fee), sum(paid_online), sum(digitized), sum(answers), sum(satisfied),
                sum(recv_digitized), sum(recv_synced)
         FROM {table} WHERE day >= ?1 AND day < ?2 GROUP BY {key}"
    ))?;
    let mut rows = stmt.query([&from, &after])?;
    while let Some(r) = rows.next()? {
        let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
        let c = fields.entry(r.get(0)?).or_default();
        c.new_online = n(1)?;
        c.new_other = n(2)?;
        c.before_due = n(3)?;
        c.on_time = n(4)?;
        c.late = n(5)?;
        c.withdrawn = n(6)?;
        c.with_fee = n(7)?;
        c.paid_online = n(8)?;
        c.digitized = n(9)?;
        c.answers = n(10)?;
        c.satisfied = n(11)?;
        c.intake_digitized = n(12)?;
        c.synced = n(13)?;
    }

    let judged = judged_on(period, now);
    let (overdue, paused) = pending_split(conn, judged, g)?;
    for (field, n) in overdue {
        fields.entry(field).or_default().overdue = n.max(0) as u64;
    }
    for (field, n) in paused {
        fields.entry(field).or_default().paused = n;
    }
    for c in fields.values_mut() {
        let pending = (c.received_total() as i64) - (c.resolved_total() as i64) - (c.withdrawn as i64);
        c.within_due = (pending - c.overdue as i64).max(0) as u64;
    }
    Ok(fields)
}

/// Per field, the dossiers pending at the end of `judged` that were overdue then, and those
/// whose clock was stopped for the citizen (part of within due).
///
/// From the indexes, by the current clock: still pending with a running clock due before that
/// day (sort_due: a stopped clock sorts after every date), or closed after it, and so closed
/// late, with a due date before it. Then the dossiers whose clock on that day differs from the
/// current one — those with a pause still open at the day's end, or begun after it — are
/// judged again from their records and the counts corrected.
fn pending_split(
    conn: &Connection,
    judged: NaiveDate,
    g: &Grouping,
) -> Result<(HashMap<String, i64>, HashMap<String, u64>)> {
    let source = g.source;
    // Which dossiers the grouping counts ("1": all).
    let only = if g.only == "1" { String::new() } else { format!(" AND d.{}", g.only) };
    let cut = day(judged);
    let after = day(judged.succ_opt().unwrap_or(judged));
    let mut overdue: HashMap<String, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.{source}, count(*) FROM dossiers d
         WHERE d.status IN ('received', 'in_progress', 'supplement') AND d.sort_due < ?1{only} GROUP BY d.{source}
         UNION ALL
         SELECT d.{source}, count(*) FROM dossiers d
         WHERE d.closed_at >= ?2 AND d.closed_at > d.due_date || 'T' AND d.due_date < ?1{only} GROUP BY d.{source}"
    ))?;
    let mut rows = stmt.query([&cut, &after])?;
    while let Some(r) = rows.next()? {
        *overdue.entry(r.get(0)?).or_default() += r.get::<_, i64>(1)?;
    }

    let mut paused: HashMap<String, u64> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.id, d.{source}, d.due_at_intake, d.due_date, d.sort_due, d.closed_at FROM dossiers d
         WHERE d.id IN (SELECT dossier_id FROM pauses WHERE to_at IS NULL OR to_at >= ?1)
           AND d.received_at < ?1 AND (d.closed_at IS NULL OR d.closed_at >= ?1){only}"
    ))?;
    let touched: Vec<(i64, String, String, String, String, Option<String>)> = stmt
        .query_map([&after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if touched.is_empty() {
        return Ok((overdue, paused));
    }
    let cal = calendar_in(conn)?;
    let end_of_day = judged.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
    let mut pauses = conn.prepare_cached(
        "SELECT from_at, to_at, remaining_days, restart_limit FROM pauses WHERE dossier_id = ?1 ORDER BY id",
    )?;
    for (id, field, intake_due, due, sort_due, closed_at) in touched {
        let (Ok(intake_due), Ok(due)) = (parse_day(&intake_due), parse_day(&due)) else { continue };
        let list: Vec<Pause> = pauses
            .query_map([id], |r| {
                Ok(Pause {
                    from: parse_ts(&r.get::<_, String>(0)?).unwrap_or_default(),
                    to: r.get::<_, Option<String>>(1)?.and_then(|s| parse_ts(&s)),
                    reason: String::new(),
                    remaining_days: r.get::<_, i64>(2)?.max(0) as u32,
                    restart: super::history::restart_of(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // What the index reads above counted for this dossier.
        let counted = match &closed_at {
            None => sort_due < cut,
            Some(_) => due < judged,
        };
        let then = clock_at(&cal, intake_due, &list, Some(end_of_day));
        let was_overdue = then.overdue_on(judged);
        *overdue.entry(field.clone()).or_default() += i64::from(was_overdue) - i64::from(counted);
        if then.paused_days_left.is_some() {
            *paused.entry(field).or_default() += 1;
        }
    }
    Ok((overdue, paused))
}

fn parse_day(s: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
}
