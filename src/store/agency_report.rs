//! The period report grouped by handling agency (`report --format json` → `by_agency`): the
//! same counting as by field, from the per-day counters of the dossiers another agency
//! handles; this office's row is the rest of the total.

use anyhow::Result;
use chrono::NaiveDateTime;

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::report::{grouped, judged_on, report_with, DayReads};
use super::stats::BY_AGENCY;
use super::{day, Store};
use crate::domain::report::{Counts, Period, Report};

/// The period report with what only the JSON form shows: see [`Store::full_report`].
#[derive(Debug, Clone)]
pub struct FullReport {
    pub report: Report,
    /// One row per handling agency, "" (this office) first.
    pub by_agency: Vec<(String, Counts)>,
    /// Dossiers received in the period for another office, by that office.
    pub received_for: Vec<(String, u64)>,
}

fn minus(total: &Counts, parts: &[&Counts]) -> Counts {
    let mut c = *total;
    for p in parts {
        c.carried_over -= p.carried_over.min(c.carried_over);
        c.new_online -= p.new_online.min(c.new_online);
        c.new_other -= p.new_other.min(c.new_other);
        c.before_due -= p.before_due.min(c.before_due);
        c.on_time -= p.on_time.min(c.on_time);
        c.late -= p.late.min(c.late);
        c.within_due -= p.within_due.min(c.within_due);
        c.overdue -= p.overdue.min(c.overdue);
        c.withdrawn -= p.withdrawn.min(c.withdrawn);
        c.with_fee -= p.with_fee.min(c.with_fee);
        c.paid_online -= p.paid_online.min(c.paid_online);
        c.digitized -= p.digitized.min(c.digitized);
        c.answers -= p.answers.min(c.answers);
        c.satisfied -= p.satisfied.min(c.satisfied);
        c.intake_digitized -= p.intake_digitized.min(c.intake_digitized);
        c.synced -= p.synced.min(c.synced);
        c.paused -= p.paused.min(c.paused);
    }
    c
}

/// Pending dossiers waiting at other agencies, and of those the overdue ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AtAgencies {
    pub total: u64,
    pub overdue: u64,
    /// Per agency code ("" = the steps of bundles, which carry their own agencies): (code, total, overdue).
    pub by_agency: Vec<(String, u64, u64)>,
}

impl Store {
    /// "đang ở cơ quan khác: 12, quá hạn 2": from the partial index of dossiers sent out.
    pub fn at_agencies(&self, today: chrono::NaiveDate) -> Result<AtAgencies> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.handling_agency, count(*), sum(d.sort_due < ?1) FROM dossiers d
             WHERE d.status IN ('received', 'in_progress', 'supplement') AND d.sent_at IS NOT NULL
             GROUP BY d.handling_agency ORDER BY d.handling_agency",
        )?;
        let rows = stmt.query_map([day(today)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64, r.get::<_, Option<i64>>(2)?.unwrap_or(0) as u64))
        })?;
        let mut out = AtAgencies::default();
        for row in rows {
            let (a, n, late) = row?;
            out.total += n;
            out.overdue += late;
            out.by_agency.push((a, n, late));
        }
        Ok(out)
    }

    /// The report of `period` as of `now` with its rows by handling agency and the dossiers
    /// received for other offices — what `report --format json` prints — from one read
    /// transaction, so that the rows by agency add up to the same total (one snapshot), and
    /// with the reads of single dossiers the pending split needs made once for both groupings.
    pub fn full_report(&self, period: Period, now: NaiveDateTime) -> Result<FullReport> {
        self.read(|conn| {
            let reads = DayReads::of(conn, judged_on(period, now), now)?;
            let report = report_with(conn, period, &reads)?;
            let by_agency = by_agency(&report, grouped(conn, period, &reads, &BY_AGENCY)?);
            let received_for = received_for_in(conn, period)?;
            Ok(FullReport { report, by_agency, received_for })
        })
    }

    /// Dossiers received in the period for another office ("phi địa giới"), by that office.
    pub fn received_for_counts(&self, period: Period) -> Result<Vec<(String, u64)>> {
        received_for_in(self.conn(), period)
    }
}

/// One row per handling agency ("" = this office, the rest of the total), from the rows of the
/// agencies' own counters.
fn by_agency(report: &Report, mut groups: BTreeMap<String, Counts>) -> Vec<(String, Counts)> {
    groups.retain(|_, c| *c != Counts::default());
    let parts: Vec<&Counts> = groups.values().collect();
    let own = minus(&report.total(), &parts);
    let mut out = vec![(String::new(), own)];
    out.extend(groups);
    out.retain(|(_, c)| *c != Counts::default());
    out
}

fn received_for_in(conn: &Connection, period: Period) -> Result<Vec<(String, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT received_for, count(*) FROM dossiers
         WHERE received_for <> '' AND received_at >= ?1 AND received_at < ?2 GROUP BY received_for ORDER BY 1",
    )?;
    let after = day(period.to.succ_opt().unwrap_or(period.to));
    let rows = stmt.query_map([day(period.from), after], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
