//! The period report on the handling of dossiers (DOMAIN §5, form II.06a under
//! Circular 01/2020/TT-VPCP) and the indicators of Decision 766/QĐ-TTg (DOMAIN §6).
//!
//! The store counts; this module adds up, checks the identities and computes rates.

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

/// Resolved before, on or after the due date: judged on dates (DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    BeforeDue,
    OnTime,
    Late,
}

pub fn timeliness(resolved_on: NaiveDate, due_date: NaiveDate) -> Timeliness {
    match resolved_on.cmp(&due_date) {
        std::cmp::Ordering::Less => Timeliness::BeforeDue,
        std::cmp::Ordering::Equal => Timeliness::OnTime,
        std::cmp::Ordering::Greater => Timeliness::Late,
    }
}

/// One row of the report form (a field, or the total), in dossiers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub carried_over: u64,
    pub new_online: u64,
    pub new_other: u64,
    pub before_due: u64,
    pub on_time: u64,
    pub late: u64,
    pub within_due: u64,
    pub overdue: u64,
    /// Of within due: pending with the clock stopped for the citizen's supplement (DOMAIN §2).
    pub paused: u64,
    pub withdrawn: u64,
    /// Dossiers received in the period with a fee, and of those paid online.
    pub with_fee: u64,
    pub paid_online: u64,
    /// Resolved in the period with a digitized (electronic) result.
    pub digitized: u64,
    /// Satisfaction answers given at return in the period, and the "satisfied" ones.
    pub answers: u64,
    pub satisfied: u64,
    /// Received in the period with their papers digitized at intake, and synchronised to the
    /// national portal (DOMAIN §9).
    pub intake_digitized: u64,
    pub synced: u64,
}

/// A report identity that does not hold: a bug in the counting, never a user error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityBroken(pub String);

impl Counts {
    pub fn new_received(&self) -> u64 {
        self.new_online + self.new_other
    }
    pub fn received_total(&self) -> u64 {
        self.carried_over + self.new_received()
    }
    pub fn resolved_total(&self) -> u64 {
        self.before_due + self.on_time + self.late
    }
    pub fn pending_total(&self) -> u64 {
        self.within_due + self.overdue
    }

    /// The row of the report form, in the order of its columns (DOMAIN §5): received (total,
    /// carried over, new online, new in person/post), resolved (total, before due, on time,
    /// late), pending (total, within due, overdue), withdrawn.
    pub fn form_row(&self) -> [u64; 12] {
        [
            self.received_total(),
            self.carried_over,
            self.new_online,
            self.new_other,
            self.resolved_total(),
            self.before_due,
            self.on_time,
            self.late,
            self.pending_total(),
            self.within_due,
            self.overdue,
            self.withdrawn,
        ]
    }

    pub fn add(&mut self, o: &Counts) {
        self.carried_over += o.carried_over;
        self.new_online += o.new_online;
        self.new_other += o.new_other;
        self.before_due += o.before_due;
        self.on_time += o.on_time;
        self.late += o.late;
        self.within_due += o.within_due;
        self.overdue += o.overdue;
        self.paused += o.paused;
        self.withdrawn += o.withdrawn;
        self.with_fee += o.with_fee;
        self.paid_online += o.paid_online;
        self.digitized += o.digitized;
        self.answers += o.answers;
        self.satisfied += o.satisfied;
        self.intake_digitized += o.intake_digitized;
        self.synced += o.synced;
    }

    /// received total = resolved + pending + withdrawn (DOMAIN §5), and the parts of the rates
    /// never exceed their wholes.
    pub fn check(&self) -> Result<(), IdentityBroken> {
        let out = self.resolved_total() + self.pending_total() + self.withdrawn;
        if self.received_total() != out {
            return Err(IdentityBroken(format!(
                "received {} != resolved {} + pending {} + withdrawn {}",
                self.received_total(),
                self.resolved_total(),
                self.pending_total(),
                self.withdrawn
            )));
        }
        if self.paid_online > self.with_fee
            || self.digitized > self.resolved_total()
            || self.satisfied > self.answers
            || self.intake_digitized > self.new_received()
            || self.synced > self.new_received()
            || self.paused > self.within_due
        {
            return Err(IdentityBroken("a rate's part exceeds its whole".into()));
        }
        Ok(())
    }

    pub fn rates(&self) -> Rates {
        Rates {
            on_time: ratio(self.before_due + self.on_time, self.resolved_total()),
            online: ratio(self.new_online, self.new_received()),
            online_payment: ratio(self.paid_online, self.with_fee),
            digitized_result: ratio(self.digitized, self.resolved_total()),
            satisfaction: ratio(self.satisfied, self.answers),
            digitized_intake: ratio(self.intake_digitized, self.new_received()),
            synced: ratio(self.synced, self.new_received()),
        }
    }

    pub fn groups_json(&self) -> serde_json::Map<String, Value> {
        let r = self.rates();
        let mut m = serde_json::Map::new();
        m.insert(
            "received".into(),
            json!({"total": self.received_total(), "carried_over": self.carried_over,
                   "online": self.new_online, "in_person_postal": self.new_other}),
        );
        m.insert(
            "resolved".into(),
            json!({"total": self.resolved_total(), "before_due": self.before_due,
                   "on_time": self.on_time, "late": self.late}),
        );
        m.insert(
            "pending".into(),
            json!({"total": self.pending_total(), "within_due": self.within_due, "overdue": self.overdue,
                   "paused": self.paused}),
        );
        m.insert("withdrawn".into(), json!(self.withdrawn));
        m.insert(
            "rates".into(),
            json!({"on_time": r.on_time, "online": r.online, "online_payment": r.online_payment,
                   "digitized_result": r.digitized_result, "satisfaction": r.satisfaction,
                   "digitized_intake": r.digitized_intake, "synced": r.synced}),
        );
        m
    }
}

/// Fractions 0–1; `None` where the denominator is 0 (nothing to rate).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub on_time: Option<f64>,
    pub online: Option<f64>,
    pub online_payment: Option<f64>,
    pub digitized_result: Option<f64>,
    pub satisfaction: Option<f64>,
    /// Digitized at intake / new received; synced to the national portal / new received.
    pub digitized_intake: Option<f64>,
    pub synced: Option<f64>,
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// "95,3%" — one decimal, Vietnamese decimal comma; "—" where there is nothing to rate.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1}%", r * 100.0).replace('.', ","),
        None => "—".to_string(),
    }
}

/// The report for a period: one row per field and the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub by_field: Vec<(String, Counts)>,
}

impl Report {
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for (_, c) in &self.by_field {
            t.add(c);
        }
        t
    }

    /// Checks every row and the total.
    pub fn check(&self) -> Result<(), IdentityBroken> {
        for (field, c) in &self.by_field {
            c.check().map_err(|e| IdentityBroken(format!("{field}: {}", e.0)))?;
        }
        self.total().check()
    }

    /// The object `motcua report --format json` prints.
    pub fn to_json(&self) -> Value {
        let mut top = serde_json::Map::new();
        top.insert("from".into(), json!(self.period.from.to_string()));
        top.insert("to".into(), json!(self.period.to.to_string()));
        top.extend(self.total().groups_json());
        let fields: Vec<Value> = self
            .by_field
            .iter()
            .map(|(f, c)| {
                let mut m = serde_json::Map::new();
                m.insert("field".into(), json!(f));
                m.extend(c.groups_json());
                Value::Object(m)
            })
            .collect();
        top.insert("by_field".into(), Value::Array(fields));
        Value::Object(top)
    }
}

/// A reporting period, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The kinds of period an office reports on (DOMAIN §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Day,
    Month,
    Quarter,
    SixMonths,
    NineMonths,
    Year,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }

    /// The calendar period of `kind` that contains `day` (6 and 9 months count from January).
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Period {
        let y = day.year();
        let (from, months) = match kind {
            PeriodKind::Day => return Period { from: day, to: day },
            PeriodKind::Month => (ymd(y, day.month(), 1), 1),
            PeriodKind::Quarter => (ymd(y, (day.month0() / 3) * 3 + 1, 1), 3),
            PeriodKind::SixMonths => (ymd(y, 1, 1), 6),
            PeriodKind::NineMonths => (ymd(y, 1, 1), 9),
            PeriodKind::Year => (ymd(y, 1, 1), 12),
        };
        Period { from, to: add_months(from, months).pred_opt().unwrap_or(from) }
    }

    /// The same period with the reporting cut-off: from the 15th of the month before its first
    /// month to the 14th of its last month.
    pub fn with_cutoff(self) -> Period {
        let from = add_months(ymd(self.from.year(), self.from.month(), 15), -1);
        let to = ymd(self.to.year(), self.to.month(), 14);
        Period { from, to }
    }

    /// The period of the same length just before this one (for "previous period" comparisons):
    /// calendar-aligned when this one is a whole number of months.
    pub fn previous(self) -> Period {
        let months = whole_months(self);
        match months {
            Some(m) => {
                let from = add_months(self.from, -(m as i32));
                Period { from, to: self.from.pred_opt().unwrap_or(self.from) }
            }
            None => {
                let len = (self.to - self.from).num_days();
                let to = self.from.pred_opt().unwrap_or(self.from);
                Period { from: to - chrono::Duration::days(len), to }
            }
        }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The reporting period of `kind` that `today` falls in. With the cut-off, the period in
    /// progress: on 20 November, "this month" is 15/11–14/12 (the report sent for December),
    /// since 15/10–14/11 is already closed. A day is a day either way. 6 and 9 months count
    /// from January, as in [`Period::containing`].
    pub fn current(kind: PeriodKind, today: NaiveDate, cutoff: bool) -> Period {
        let calendar = Period::containing(kind, today);
        if !cutoff || kind == PeriodKind::Day {
            return calendar;
        }
        let p = calendar.with_cutoff();
        match calendar.to.succ_opt() {
            Some(next) if today > p.to && calendar.contains(today) => Period::containing(kind, next).with_cutoff(),
            _ => p,
        }
    }
}

/// How many months `p` spans, when it runs from a day of the month to the day before the same
/// day some months later (1st to month end, or 15th to 14th).
fn whole_months(p: Period) -> Option<u32> {
    if p.from.day() > 28 {
        return None;
    }
    let next = p.to.succ_opt()?;
    if next.day() != p.from.day() {
        return None;
    }
    let m = (next.year() - p.from.year()) * 12 + next.month() as i32 - p.from.month() as i32;
    u32::try_from(m).ok().filter(|m| *m > 0)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// `d` moved by `months` (its day kept; only called with days 1 and 15, which every month has).
fn add_months(d: NaiveDate, months: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months;
    ymd(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn timeliness_is_judged_on_dates() {
        assert_eq!(timeliness(d("2024-02-18"), d("2024-02-19")), Timeliness::BeforeDue);
        assert_eq!(timeliness(d("2024-02-19"), d("2024-02-19")), Timeliness::OnTime);
        assert_eq!(timeliness(d("2024-02-20"), d("2024-02-19")), Timeliness::Late);
    }

    fn sample() -> Counts {
        Counts {
            carried_over: 3,
            new_online: 6,
            new_other: 4,
            before_due: 5,
            on_time: 2,
            late: 1,
            within_due: 2,
            overdue: 1,
            paused: 1,
            withdrawn: 2,
            with_fee: 4,
            paid_online: 3,
            digitized: 6,
            answers: 5,
            satisfied: 4,
            intake_digitized: 7,
            synced: 10,
        }
    }

    #[test]
    fn identities_and_rates() {
        let c = sample();
        assert_eq!(c.received_total(), 13);
        assert_eq!(c.resolved_total() + c.pending_total() + c.withdrawn, 13);
        c.check().unwrap();
        let r = c.rates();
        assert_eq!(r.on_time, Some(7.0 / 8.0));
        assert_eq!(r.online, Some(0.6));
        assert_eq!(r.online_payment, Some(0.75));
        assert_eq!(r.digitized_result, Some(0.75));
        assert_eq!(r.satisfaction, Some(0.8));
        // 6 online + 4 other new dossiers: 7 digitized at intake, all 10 synced.
        assert_eq!(r.digitized_intake, Some(0.7));
        assert_eq!(r.synced, Some(1.0));
        assert_eq!(percent(r.on_time), "87,5%");
        assert_eq!(percent(Counts::default().rates().on_time), "—");

        let mut broken = c;
        broken.late += 1;
        assert!(broken.check().is_err());
        // Paused dossiers are a part of those within due.
        let mut broken = c;
        broken.paused = 3;
        assert!(broken.check().is_err());
    }

    #[test]
    fn json_has_the_documented_shape() {
        let rep = Report {
            period: Period::new(d("2025-01-01"), d("2025-03-31")).unwrap(),
            by_field: vec![("Hộ tịch".into(), sample()), ("Đất đai".into(), Counts::default())],
        };
        rep.check().unwrap();
        let v = rep.to_json();
        assert_eq!(v["from"], "2025-01-01");
        assert_eq!(v["received"]["total"], 13);
        assert_eq!(v["received"]["in_person_postal"], 4);
        assert_eq!(v["resolved"]["total"], 8);
        assert_eq!(v["pending"]["overdue"], 1);
        assert_eq!(v["pending"]["paused"], 1);
        assert_eq!(v["withdrawn"], 2);
        assert_eq!(v["rates"]["online"], 0.6);
        assert_eq!(v["by_field"][1]["field"], "Đất đai");
        assert!(v["by_field"][1]["rates"]["on_time"].is_null());
    }

    #[test]
    fn periods() {
        let day = d("2025-08-20");
        let q = Period::containing(PeriodKind::Quarter, day);
        assert_eq!((q.from, q.to), (d("2025-07-01"), d("2025-09-30")));
        let m = Period::containing(PeriodKind::Month, d("2024-02-10"));
        assert_eq!(m.to, d("2024-02-29"));
        assert_eq!(Period::containing(PeriodKind::NineMonths, day).to, d("2025-09-30"));
        assert_eq!(Period::containing(PeriodKind::Year, day).to, d("2025-12-31"));
        let c = q.with_cutoff();
        assert_eq!((c.from, c.to), (d("2025-06-15"), d("2025-09-14")));
        let jan = Period::containing(PeriodKind::Month, d("2025-01-05")).with_cutoff();
        assert_eq!((jan.from, jan.to), (d("2024-12-15"), d("2025-01-14")));
        let p = q.previous();
        assert_eq!((p.from, p.to), (d("2025-04-01"), d("2025-06-30")));
        let custom = Period::new(d("2025-03-10"), d("2025-03-19")).unwrap().previous();
        assert_eq!((custom.from, custom.to), (d("2025-02-28"), d("2025-03-09")));
        assert!(Period::new(d("2025-03-10"), d("2025-03-01")).is_none());
        // A cut-off period is preceded by the cut-off period before it, not by the same number of days.
        let p = c.previous();
        assert_eq!((p.from, p.to), (d("2025-03-15"), d("2025-06-14")));
        let p = Period::new(d("2025-10-15"), d("2025-11-14")).unwrap().previous();
        assert_eq!((p.from, p.to), (d("2025-09-15"), d("2025-10-14")));
    }

    #[test]
    fn the_period_in_progress() {
        let nov20 = d("2026-11-20");
        let cur = |k, cutoff| {
            let p = Period::current(k, nov20, cutoff);
            (p.from.to_string(), p.to.to_string())
        };
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(cur(PeriodKind::Month, false), s("2026-11-01", "2026-11-30"));
        assert_eq!(cur(PeriodKind::Month, true), s("2026-11-15", "2026-12-14"));
        assert_eq!(cur(PeriodKind::Quarter, true), s("2026-09-15", "2026-12-14"));
        assert_eq!(cur(PeriodKind::Day, true), s("2026-11-20", "2026-11-20"));
        assert_eq!(cur(PeriodKind::Year, true), s("2025-12-15", "2026-12-14"));
        assert_eq!(cur(PeriodKind::NineMonths, true), s("2025-12-15", "2026-09-14"));
        // After the 14th of a quarter's last month, the next quarter's reporting period has begun.
        let p = Period::current(PeriodKind::Quarter, d("2026-12-20"), true);
        assert_eq!((p.from, p.to), (d("2026-12-15"), d("2027-03-14")));
        let p = Period::current(PeriodKind::Year, d("2026-12-15"), true);
        assert_eq!((p.from, p.to), (d("2026-12-15"), d("2027-12-14")));
        let p = Period::current(PeriodKind::Month, d("2026-11-14"), true);
        assert_eq!((p.from, p.to), (d("2026-10-15"), d("2026-11-14")));
    }
}
