//! The period report from the per-day counters, plus two small index reads for the dossiers
//! still pending and past due at the period's end.

use std::collections::BTreeMap;

use anyhow::Result;

use super::{day, Store};
use crate::domain::report::{Counts, Period, Report};

impl Store {
    pub fn report(&self, period: Period) -> Result<Report> {
        let from = day(period.from);
        let after = day(period.to.succ_opt().unwrap_or(period.to));
        let mut fields: BTreeMap<String, Counts> = BTreeMap::new();

        // Pending at the start = received before it − closed (resolved or withdrawn) before it.
        let mut stmt = self.conn().prepare_cached(
            "SELECT field, sum(recv_online + recv_other - res_early - res_ontime - res_late - withdrawn)
             FROM daily_stats WHERE day < ?1 GROUP BY field",
        )?;
        let mut rows = stmt.query([&from])?;
        while let Some(r) = rows.next()? {
            let c = fields.entry(r.get(0)?).or_default();
            c.carried_over = r.get::<_, Option<i64>>(1)?.unwrap_or(0).max(0) as u64;
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT field, sum(recv_online), sum(recv_other), sum(res_early), sum(res_ontime), sum(res_late),
                    sum(withdrawn), sum(with_fee), sum(paid_online), sum(digitized), sum(answers), sum(satisfied),
                    sum(recv_digitized), sum(recv_synced)
             FROM daily_stats WHERE day >= ?1 AND day < ?2 GROUP BY field",
        )?;
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

        // Overdue at the end: pending then and due before the last day. Either still pending now
        // (from the pending index), or closed after the period, and so closed late (from the
        // index of late closures). Both were received before the end, since no dossier is due
        // before the day it was received (checked by `motcua check`).
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.field, count(*) FROM dossiers d
             WHERE d.status IN ('received', 'in_progress', 'supplement') AND d.due_date < ?1 GROUP BY d.field
             UNION ALL
             SELECT field, count(*) FROM dossiers
             WHERE closed_at >= ?2 AND closed_at > due_date || 'T' AND due_date < ?1 GROUP BY field",
        )?;
        let mut rows = stmt.query([day(period.to), after.clone()])?;
        while let Some(r) = rows.next()? {
            let c = fields.entry(r.get(0)?).or_default();
            c.overdue += r.get::<_, i64>(1)? as u64;
        }
        for c in fields.values_mut() {
            let pending = (c.received_total() as i64) - (c.resolved_total() as i64) - (c.withdrawn as i64);
            c.within_due = (pending - c.overdue as i64).max(0) as u64;
        }
        let by_field = fields.into_iter().filter(|(_, c)| *c != Counts::default()).collect();
        Ok(Report { period, by_field })
    }
}
