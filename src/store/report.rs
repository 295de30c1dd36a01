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
use crate::domain::clock::{clock_at, PAUSED_KEY};
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
    let reads = DayReads::of(conn, judged_on(period, now), now)?;
    report_with(conn, period, &reads)
}

/// The report by field from the reads of its day (shared with the by-agency rows, see
/// agency_report.rs).
pub(super) fn report_with(conn: &Connection, period: Period, reads: &DayReads) -> Result<Report> {
    let by_field =
        grouped(conn, period, reads, &BY_FIELD)?.into_iter().filter(|(_, c)| *c != Counts::default()).collect();
    Ok(Report { period, by_field })
}

/// The report's rows by one grouping of the per-day counters: by field, or by handling agency
/// for `by_agency` (see agency_report.rs), counted the same way.
pub(super) fn grouped(
    conn: &Connection,
    period: Period,
    reads: &DayReads,
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

    let (overdue, paused) = pending_split(conn, reads, g)?;
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

/// The groups a dossier counts in: its field, and its handling agency when another agency
/// handles it.
#[derive(Debug, Clone)]
pub(super) struct Keys {
    field: String,
    agency: String,
}

impl Keys {
    /// The group of `g` the dossier counts in, None when `g` does not count it (the grouping's
    /// `only`: BY_AGENCY counts the dossiers another agency handles).
    fn of(&self, g: &Grouping) -> Option<&str> {
        match g.source {
            "field" => Some(&self.field),
            _ if self.agency.is_empty() => None,
            _ => Some(&self.agency),
        }
    }
}

/// What a day's pending split reads from single dossiers, whatever the grouping: read once for
/// a report and its rows by agency, in the same transaction.
pub(super) struct DayReads {
    judged: NaiveDate,
    /// Judged today: the stopped clocks are an index count (see `pending_split`).
    today: bool,
    /// Past days: the dossiers stopped now — or when withdrawn, after the day judged — by a pause
    /// begun by the end of that day, and whether the late closures counted them.
    stopped: Vec<(Keys, bool)>,
    /// The dossiers with a pause changed after the day judged, and what judging them from their
    /// records changes — (keys, overdue then − counted overdue, stopped then).
    rejudged: Vec<(Keys, i64, bool)>,
}

impl DayReads {
    /// The reads for pending dossiers judged on `judged`, as of `now`.
    ///
    /// Past days: stopped now by a pause begun by the end of that day: stopped then as well, so
    /// not overdue. One withdrawn after its (pre-pause) due date was counted among the late
    /// closures (see `pending_split`): taken back out. Then the dossiers whose clock on that day
    /// may differ from the current one — those with a pause begun or resumed after it — are
    /// judged again from their records. While the period runs (judged today) there are
    /// normally none (only pauses recorded with a time after now), so the dashboard pays for
    /// no derivation.
    pub(super) fn of(conn: &Connection, judged: NaiveDate, now: NaiveDateTime) -> Result<DayReads> {
        let today = judged >= now.date();
        let mut reads = DayReads { judged, today, stopped: Vec::new(), rejudged: Vec::new() };
        let cut = day(judged);
        let after = day(judged.succ_opt().unwrap_or(judged));
        if !today {
            let mut stmt = conn.prepare_cached(
                "SELECT d.field, d.handling_agency, d.closed_at IS NOT NULL AND d.closed_at > d.due_date || 'T' AND d.due_date < ?2
                 FROM pauses p JOIN dossiers d ON d.id = p.dossier_id
                 WHERE p.to_at IS NULL AND p.from_at < ?1 AND d.paused_days_left IS NOT NULL
                   AND (d.status IN ('received', 'in_progress', 'supplement') OR d.closed_at >= ?1)",
            )?;
            let mut rows = stmt.query([&after, &cut])?;
            while let Some(r) = rows.next()? {
                reads.stopped.push((Keys { field: r.get(0)?, agency: r.get(1)? }, r.get(2)?));
            }
        }

        // The dossiers with a pause changed after the day judged, each with all its pauses: one
        // query, rows grouped by dossier. The ids come from the small table of paused dossiers,
        // so only those rows are read (`+d.received_at`: not by the index on received_at, which
        // would walk every dossier received before).
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT d.id, d.field, d.handling_agency, d.due_at_intake, d.due_date, d.sort_due, d.closed_at,
                    p.from_at, p.to_at, p.remaining_days, p.restart_limit, p.due_after, p.day_kind
             FROM dossiers d JOIN pauses p ON p.dossier_id = d.id
             WHERE d.id IN ({REJUDGED}) AND {CHANGED_AFTER}
               AND +d.received_at < ?1 AND (d.closed_at IS NULL OR d.closed_at >= ?1)
             ORDER BY d.id, p.id"
        ))?;
        struct Touched {
            id: i64,
            keys: Keys,
            intake_due: String,
            due: String,
            sort_due: String,
            closed_at: Option<String>,
            pauses: Vec<Pause>,
        }
        let mut touched: Vec<Touched> = Vec::new();
        let mut rows = stmt.query([&after])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if touched.last().is_none_or(|t| t.id != id) {
                touched.push(Touched {
                    id,
                    keys: Keys { field: r.get(1)?, agency: r.get(2)? },
                    intake_due: r.get(3)?,
                    due: r.get(4)?,
                    sort_due: r.get(5)?,
                    closed_at: r.get(6)?,
                    pauses: Vec::new(),
                });
            }
            let pause = Pause {
                from: parse_ts(&r.get::<_, String>(7)?).unwrap_or_default(),
                to: r.get::<_, Option<String>>(8)?.and_then(|s| parse_ts(&s)),
                reason: String::new(),
                remaining_days: r.get::<_, i64>(9)?.max(0) as u32,
                day_kind: super::history::day_kind_of(r.get(12)?),
                restart: super::history::restart_of(r.get(10)?),
                resumed_due: r.get::<_, Option<String>>(11)?.and_then(|s| parse_day(&s).ok()),
            };
            if let Some(t) = touched.last_mut() {
                t.pauses.push(pause);
            }
        }
        if touched.is_empty() {
            return Ok(reads);
        }
        let cal = calendar_in(conn)?;
        let end_of_day = judged.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
        for t in touched {
            let (Ok(intake_due), Ok(due)) = (parse_day(&t.intake_due), parse_day(&t.due)) else { continue };
            // What the index reads counted for this dossier: a pause changed after the day
            // judged, so it has no pause open since before it and the stopped ones skipped it.
            let counted_overdue = match &t.closed_at {
                None => t.sort_due < cut,
                Some(_) => due < judged,
            };
            let then = clock_at(&cal, intake_due, &t.pauses, Some(end_of_day));
            let delta = i64::from(then.overdue_on(judged)) - i64::from(counted_overdue);
            reads.rejudged.push((t.keys, delta, then.paused_days_left.is_some()));
        }
        Ok(reads)
    }
}

/// Per group of `g`, the dossiers pending at the end of the day judged that were overdue then,
/// and those whose clock was stopped for the citizen (part of within due).
///
/// From the indexes, by the current clock: still pending with a running clock due before that
/// day (sort_due: a stopped clock sorts after every date), or closed after it, and so closed
/// late, with a due date before it; stopped now by a pause that had begun by then. Then the
/// corrections of the dossiers judged again from their records (`DayReads`).
fn pending_split(
    conn: &Connection,
    reads: &DayReads,
    g: &Grouping,
) -> Result<(HashMap<String, i64>, HashMap<String, u64>)> {
    // The group's column of the dossiers, and which dossiers the grouping counts.
    let source = g.source;
    let only = if g.only == "1" { String::new() } else { format!(" AND d.{}", g.only) };
    let judged = reads.judged;
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

    // The clocks stopped at the end of the day judged.
    let mut paused: HashMap<String, u64> = HashMap::new();
    if reads.today {
        // Judged today: every pause has begun by now, and nothing closed after today yet — the
        // stopped clocks are the pending dossiers whose sort key says so (an index count).
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT d.{source}, count(*) FROM dossiers d
             WHERE d.status IN ('received', 'in_progress', 'supplement') AND d.sort_due >= '{PAUSED_KEY}'{only}
             GROUP BY d.{source}"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            *paused.entry(r.get(0)?).or_default() += r.get::<_, i64>(1)?.max(0) as u64;
        }
    }
    for (keys, counted_late) in &reads.stopped {
        let Some(k) = keys.of(g) else { continue };
        if *counted_late {
            *overdue.entry(k.to_string()).or_default() -= 1;
        }
        *paused.entry(k.to_string()).or_default() += 1;
    }
    for (keys, delta, stopped) in &reads.rejudged {
        let Some(k) = keys.of(g) else { continue };
        *overdue.entry(k.to_string()).or_default() += delta;
        if *stopped {
            *paused.entry(k.to_string()).or_default() += 1;
        }
    }
    Ok((overdue, paused))
}

/// The dossiers received before ?1 (the day after the one judged) with a pause begun or resumed
/// since — the only ones pending then whose clock then may differ from the current one — from
/// the paused dossiers' table (see schema.rs, PAUSED_RECEIVED), an index range; the pauses
/// themselves decide (`CHANGED_AFTER`).
const REJUDGED: &str = "SELECT dossier_id FROM paused_received WHERE changed_at >= ?1 AND received_at < ?1";

/// Dossier `d` has a pause begun or resumed after ?1's eve.
const CHANGED_AFTER: &str =
    "EXISTS (SELECT 1 FROM pauses q WHERE q.dossier_id = d.id AND (q.from_at >= ?1 OR q.to_at >= ?1))";

/// The dossiers with a pause that `paused_received` lacks, holds with another received time or
/// with a last change before one of its pauses (`motcua check`): a past period's report might
/// not judge them again.
pub(super) fn paused_received_problems(conn: &Connection) -> Result<Vec<String>> {
    let missing: i64 = conn.query_row(
        "SELECT count(*) FROM (
           SELECT p.dossier_id, d.received_at, max(coalesce(max(p.from_at, p.to_at), p.from_at)) AS changed
           FROM pauses p JOIN dossiers d ON d.id = p.dossier_id GROUP BY p.dossier_id) t
         WHERE NOT EXISTS (SELECT 1 FROM paused_received k WHERE k.dossier_id = t.dossier_id
                             AND k.received_at = t.received_at AND k.changed_at >= t.changed)",
        [],
        |r| r.get(0),
    )?;
    Ok(if missing > 0 {
        vec![format!("{missing} paused dossiers missing or behind in paused_received")]
    } else {
        vec![]
    })
}

fn parse_day(s: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dossiers a past period's report judges again are found by one index range over the
    /// paused dossiers: the cost follows the pauses changed since, not every pause or dossier.
    #[test]
    fn the_dossiers_judged_again_are_read_by_index() {
        let store = Store::in_memory().unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {REJUDGED}")).unwrap();
        let plan: Vec<String> =
            stmt.query_map(["2026-01-01"], |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect();
        let plan = plan.join("\n");
        assert_eq!(plan, "SEARCH paused_received USING COVERING INDEX paused_received_changed (changed_at>?)");
        assert!(!plan.contains("dossiers"), "{plan}");
    }
}
