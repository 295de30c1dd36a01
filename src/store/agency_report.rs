//! The period report grouped by handling agency (`report --format json` → `by_agency`): the
//! same counting as by field, from the per-day counters of the dossiers another agency
//! handles; this office's row is the rest of the total.

use std::collections::BTreeMap;

use anyhow::Result;

use super::{day, Store};
use crate::domain::report::{Counts, Period, Report};

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
            "SELECT d.handling_agency, count(*), sum(d.due_date < ?1) FROM dossiers d
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

    /// One row per handling agency ("" = this office), for the same period as `report`.
    pub fn report_by_agency(&self, report: &Report) -> Result<Vec<(String, Counts)>> {
        let period: Period = report.period;
        let from = day(period.from);
        let after = day(period.to.succ_opt().unwrap_or(period.to));
        let mut groups: BTreeMap<String, Counts> = BTreeMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT agency, sum(recv_online + recv_other - res_early - res_ontime - res_late - withdrawn)
             FROM daily_agency_stats WHERE day < ?1 GROUP BY agency",
        )?;
        let mut rows = stmt.query([&from])?;
        while let Some(r) = rows.next()? {
            groups.entry(r.get(0)?).or_default().carried_over = r.get::<_, Option<i64>>(1)?.unwrap_or(0).max(0) as u64;
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT agency, sum(recv_online), sum(recv_other), sum(res_early), sum(res_ontime), sum(res_late),
                    sum(withdrawn), sum(with_fee), sum(paid_online), sum(digitized), sum(answers), sum(satisfied),
                    sum(recv_digitized), sum(recv_synced)
             FROM daily_agency_stats WHERE day >= ?1 AND day < ?2 GROUP BY agency",
        )?;
        let mut rows = stmt.query([&from, &after])?;
        while let Some(r) = rows.next()? {
            let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
            let c = groups.entry(r.get(0)?).or_default();
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
        // Overdue at the end, as in report.rs: still pending and past due, or closed late after it.
        let mut stmt = self.conn().prepare_cached(
            "SELECT handling_agency, count(*) FROM dossiers
             WHERE handling_agency <> '' AND due_date < ?1
               AND (status IN ('received', 'in_progress', 'supplement')
                    OR (closed_at >= ?2 AND closed_at > due_date || 'T'))
             GROUP BY handling_agency",
        )?;
        let mut rows = stmt.query([day(period.to), after.clone()])?;
        while let Some(r) = rows.next()? {
            groups.entry(r.get(0)?).or_default().overdue += r.get::<_, i64>(1)? as u64;
        }
        for c in groups.values_mut() {
            let pending = (c.received_total() as i64) - (c.resolved_total() as i64) - (c.withdrawn as i64);
            c.within_due = (pending - c.overdue as i64).max(0) as u64;
        }
        groups.retain(|_, c| *c != Counts::default());
        let parts: Vec<&Counts> = groups.values().collect();
        let own = minus(&report.total(), &parts);
        let mut out = vec![(String::new(), own)];
        out.extend(groups);
        out.retain(|(_, c)| *c != Counts::default());
        Ok(out)
    }

    /// Dossiers received in the period for another office ("phi địa giới"), by that office.
    pub fn received_for_counts(&self, period: Period) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT received_for, count(*) FROM dossiers
             WHERE received_for <> '' AND received_at >= ?1 AND received_at < ?2 GROUP BY received_for ORDER BY 1",
        )?;
        let after = day(period.to.succ_opt().unwrap_or(period.to));
        let rows = stmt.query_map([day(period.from), after], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
