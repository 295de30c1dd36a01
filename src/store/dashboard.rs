//! The office head's view: pending dossiers by urgency (overall, by assignee, by field), the
//! day's work, the intake of the last working days, the indicators beside the previous
//! period's, and the end-of-day review lists. Pending dossiers are read only through the
//! partial indexes on `status IN ('received', 'in_progress', 'supplement')`, so the cost
//! follows the few pending dossiers, not the million closed ones.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};

use super::queue::{row, COLUMNS, PENDING};
use super::{day, parse_ts, QueueFilter, QueueRow, Store};
use crate::domain::calendar::Calendar;
use crate::domain::clock::PAUSED_KEY;
use crate::domain::dossier::Channel;
use crate::domain::report::{Period, Report};
use crate::domain::urgency::{supplement_waiting_before, Urgency, UrgencyCounts, UrgencyDays};

/// Everything the dashboard shows except the indicators (see [`Store::indicators`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub days: UrgencyDays,
    pub pending: UrgencyCounts,
    /// By assignee login, "" = unassigned, in login order.
    pub by_assignee: Vec<(String, UrgencyCounts)>,
    /// By field (lĩnh vực), in name order.
    pub by_field: Vec<(String, UrgencyCounts)>,
    pub today: TodayCounts,
    /// The last 30 working days, oldest first (today last when it is a working day).
    pub intake: Vec<DayIntake>,
    /// Pending dossiers waiting at other agencies (DOMAIN §9).
    pub at_agencies: super::AtAgencies,
}

/// What happened today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TodayCounts {
    pub received_in_person: u64,
    pub received_online: u64,
    pub received_postal: u64,
    /// Became ready or were rejected today (DOMAIN §3: the moment a dossier is resolved).
    pub resolved: u64,
    pub returned: u64,
}

impl TodayCounts {
    pub fn received(&self) -> u64 {
        self.received_in_person + self.received_online + self.received_postal
    }
}

/// The intake of one day, split as in the report: online, and at the counter or by post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayIntake {
    pub day: NaiveDate,
    pub online: u64,
    pub in_person_postal: u64,
}

/// How many working days the intake chart covers.
pub const INTAKE_DAYS: usize = 30;

/// A period's report beside the previous period's, for the indicators (DOMAIN §6).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub current: Report,
    pub previous: Report,
    /// Where the form puts withdrawn dossiers (setting `report.withdrawn`): the report pane
    /// shows the form as `motcua report` prints it.
    pub withdrawn: crate::domain::form_06a::WithdrawnRule,
}

/// A dossier the office head must decide on today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub dossier: QueueRow,
    /// For a dossier waiting for a supplement: since when.
    pub waiting_since: Option<NaiveDateTime>,
}

/// The first rows of a review list, most urgent first, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewList {
    pub total: u64,
    pub rows: Vec<ReviewRow>,
}

/// The end-of-day review (issue 5): what needs a decision before the office closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Pending, due before today, no apology letter sent.
    pub overdue_no_apology: ReviewList,
    /// Pending, due after today up to the next working day, no apology yet: today is the last
    /// working day to send one (at the latest 1 working day before the due date, DOMAIN §2).
    pub last_day_for_apology: ReviewList,
    /// Waiting for the applicant's supplement for more than 5 working days.
    pub supplement_waiting: ReviewList,
    /// Pending and nobody's.
    pub unassigned: ReviewList,
}

/// Adds (key, sort_due, count) rows into counts per key: sort_due is the due date of a
/// running clock, or a stopped clock's key (clock.rs), which is the paused step.
fn by_key(rows: Vec<(String, String, i64)>, days: &UrgencyDays) -> Vec<(String, UrgencyCounts)> {
    let mut out: BTreeMap<String, UrgencyCounts> = BTreeMap::new();
    for (key, due, n) in rows {
        let step = if due.starts_with(PAUSED_KEY) {
            Urgency::Paused
        } else {
            days.of(NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap_or(NaiveDate::MIN))
        };
        out.entry(key).or_default().add(step, n.max(0) as u64);
    }
    out.into_iter().collect()
}

impl Store {
    /// The dashboard for `today`, on the office calendar.
    pub fn dashboard(&self, today: NaiveDate, cal: &Calendar) -> Result<Dashboard> {
        let days = UrgencyDays::on(today, cal);
        let grouped = |sql: &str| -> Result<Vec<(String, String, i64)>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        // Grouped by due date in index order (no sort): a few thousand groups at most; the steps
        // are then a matter of comparing dates.
        let by_assignee = by_key(
            grouped(&format!(
                "SELECT d.assignee, d.sort_due, count(*) FROM dossiers d WHERE {PENDING} GROUP BY d.assignee, d.sort_due"
            ))?,
            &days,
        );
        let by_field = by_key(
            grouped(&format!(
                "SELECT d.field, d.sort_due, count(*) FROM dossiers d WHERE {PENDING} GROUP BY d.field, d.sort_due"
            ))?,
            &days,
        );
        let mut pending = UrgencyCounts::default();
        for (_, c) in &by_assignee {
            for u in Urgency::ALL {
                pending.add(u, c.get(u));
            }
        }
        Ok(Dashboard {
            days,
            pending,
            by_assignee,
            by_field,
            today: self.today_counts(today)?,
            intake: self.intake(today, cal)?,
            at_agencies: self.at_agencies(today)?,
        })
    }

    fn today_counts(&self, today: NaiveDate) -> Result<TodayCounts> {
        let mut t = TodayCounts::default();
        let mut stmt = self.conn().prepare_cached(
            "SELECT channel, count(*) FROM dossiers WHERE received_at >= ?1 AND received_at < ?2 GROUP BY channel",
        )?;
        let mut rows = stmt.query([day(today), day(today.succ_opt().unwrap_or(today))])?;
        while let Some(r) = rows.next()? {
            let n = r.get::<_, i64>(1)?.max(0) as u64;
            match Channel::parse(&r.get::<_, String>(0)?) {
                Some(Channel::Online) => t.received_online += n,
                Some(Channel::Postal) => t.received_postal += n,
                _ => t.received_in_person += n,
            }
        }
        let (resolved, returned): (Option<i64>, Option<i64>) = self
            .conn()
            .prepare_cached(
                "SELECT sum(res_early + res_ontime + res_late), sum(returned) FROM daily_stats WHERE day = ?1",
            )?
            .query_row([day(today)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        t.resolved = resolved.unwrap_or(0).max(0) as u64;
        t.returned = returned.unwrap_or(0).max(0) as u64;
        Ok(t)
    }

    /// Dossiers received on each of the last working days. Those that came in online on a day
    /// off are not drawn: the chart is of the counter's working days.
    fn intake(&self, today: NaiveDate, cal: &Calendar) -> Result<Vec<DayIntake>> {
        let mut days = Vec::with_capacity(INTAKE_DAYS);
        let mut d = today;
        while days.len() < INTAKE_DAYS {
            if cal.is_working_day(d) {
                days.push(d);
            }
            match d.pred_opt() {
                Some(p) => d = p,
                None => break,
            }
        }
        days.reverse();
        let Some(first) = days.first().copied() else { return Ok(vec![]) };
        let mut stmt = self.conn().prepare_cached(
            "SELECT day, sum(recv_online), sum(recv_other) FROM daily_stats WHERE day >= ?1 AND day <= ?2 GROUP BY day",
        )?;
        let counted: BTreeMap<String, (i64, i64)> = stmt
            .query_map([day(first), day(today)], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(days
            .into_iter()
            .map(|d| {
                let (online, other) = counted.get(&day(d)).copied().unwrap_or((0, 0));
                DayIntake { day: d, online: online.max(0) as u64, in_person_postal: other.max(0) as u64 }
            })
            .collect())
    }

    /// The report of `period` and of the period before it, as of `now`.
    pub fn indicators(&self, period: Period, now: NaiveDateTime) -> Result<Comparison> {
        Ok(Comparison {
            current: self.report(period, now)?,
            previous: self.report(period.previous(), now)?,
            withdrawn: self.report_settings()?.withdrawn,
        })
    }

    /// The end-of-day review for `today`, each list cut at `limit` rows.
    pub fn review(&self, today: NaiveDate, cal: &Calendar, limit: usize) -> Result<Review> {
        let days = UrgencyDays::on(today, cal);
        let no_apology = format!("{PENDING} AND d.apology_at IS NULL");
        let after_today = days.range(Urgency::DueTomorrow).0.unwrap_or(today);
        Ok(Review {
            // On sort_due: a paused clock's key sorts after every date, so it is never in these.
            overdue_no_apology: self.review_list(&format!("{no_apology} AND d.sort_due < ?1"), &[day(today)], limit)?,
            last_day_for_apology: self.review_list(
                &format!("{no_apology} AND d.sort_due >= ?1 AND d.sort_due <= ?2"),
                &[day(after_today), day(days.tomorrow)],
                limit,
            )?,
            supplement_waiting: self.supplement_waiting(supplement_waiting_before(today, cal), limit)?,
            unassigned: self.review_list(&format!("{PENDING} AND d.assignee = ''"), &[], limit)?,
        })
    }

    fn review_list(&self, cond: &str, args: &[String], limit: usize) -> Result<ReviewList> {
        let total: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM dossiers d WHERE {cond}"))?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossiers d JOIN procedures p ON p.code = d.procedure_code \
             WHERE {cond} ORDER BY d.sort_due, d.id LIMIT {limit}"
        ))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| Ok(ReviewRow { dossier: row(r)?, waiting_since: None }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ReviewList { total: total as u64, rows })
    }

    /// Dossiers waiting for a supplement asked for before `asked_before`. The wait starts at the
    /// open pause; a dossier imported already waiting has no pause, so its move to "supplement"
    /// in the control sheet stands in. The wait is worked out from indexes only; the rows shown
    /// are read afterwards.
    fn supplement_waiting(&self, asked_before: NaiveDate, limit: usize) -> Result<ReviewList> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, since FROM (
               SELECT d.id, d.due_date, coalesce(
                 (SELECT max(pa.from_at) FROM pauses pa WHERE pa.dossier_id = d.id AND pa.to_at IS NULL),
                 (SELECT datetime(e.at, 'unixepoch') FROM events e WHERE e.dossier_id = d.id AND e.to_status = 'supplement'
                    AND coalesce(e.from_status, (SELECT b.to_status FROM events b WHERE b.dossier_id = e.dossier_id
                      AND b.id < e.id ORDER BY b.id DESC LIMIT 1), '') <> 'supplement'
                    ORDER BY e.id DESC LIMIT 1)) AS since
               FROM dossiers d WHERE d.status = 'supplement')
             WHERE since < ?1 ORDER BY due_date, id",
        )?;
        let waiting: Vec<(i64, String)> =
            stmt.query_map([day(asked_before)], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut one = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossiers d JOIN procedures p ON p.code = d.procedure_code WHERE d.id = ?1"
        ))?;
        let mut rows = Vec::with_capacity(limit.min(waiting.len()));
        for (id, since) in waiting.iter().take(limit) {
            rows.push(ReviewRow { dossier: one.query_row([id], row)?, waiting_since: parse_ts(since) });
        }
        Ok(ReviewList { total: waiting.len() as u64, rows })
    }
}

impl Dashboard {
    /// The queue filter that shows exactly the pending dossiers of a count: a step (or all of
    /// them), narrowed to an assignee ("" = unassigned) and/or a field.
    pub fn queue_filter(&self, urgency: Option<Urgency>, assignee: Option<&str>, field: Option<&str>) -> QueueFilter {
        let (due_from, due_to) = urgency.map(|u| self.days.range(u)).unwrap_or((None, None));
        QueueFilter {
            assignee: assignee.map(str::to_string),
            field: field.map(str::to_string),
            due_from,
            due_to,
            paused: urgency == Some(Urgency::Paused),
            ..QueueFilter::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan of `sql` as SQLite will run it.
    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn pending_counts_never_read_the_table() {
        let store = Store::in_memory().unwrap();
        let p = plan(
            &store,
            &format!("SELECT d.assignee, d.sort_due, count(*) FROM dossiers d WHERE {PENDING} GROUP BY d.assignee, d.sort_due"),
        );
        assert!(p.contains("COVERING INDEX dossiers_pending_assignee"), "{p}");
        assert!(!p.contains("TEMP B-TREE"), "{p}");
        let p = plan(
            &store,
            &format!(
                "SELECT d.field, d.sort_due, count(*) FROM dossiers d WHERE {PENDING} GROUP BY d.field, d.sort_due"
            ),
        );
        assert!(p.contains("COVERING INDEX dossiers_pending_field"), "{p}");
        let p = plan(
            &store,
            &format!("SELECT count(*) FROM dossiers d WHERE {PENDING} AND d.apology_at IS NULL AND d.sort_due < '2026-01-01'"),
        );
        assert!(p.contains("COVERING INDEX dossiers_pending "), "{p}");
        let p = plan(&store, "SELECT d.id FROM dossiers d WHERE d.status = 'supplement' ORDER BY d.due_date, d.id");
        assert!(p.contains("COVERING INDEX dossiers_supplement"), "{p}");
        // Dossiers at other agencies: counted from their own small index, never the table.
        let p = plan(
            &store,
            &format!("SELECT d.handling_agency, count(*), sum(d.sort_due < '2026-01-01') FROM dossiers d WHERE {PENDING} AND d.sent_at IS NOT NULL GROUP BY d.handling_agency"),
        );
        assert!(p.contains("COVERING INDEX dossiers_pending_agency"), "{p}");
    }
}
