//! How close a pending dossier is to its due date, in the steps the office head acts on:
//! already overdue, due today, due on the next working day (the last day to send the apology
//! letter, DOMAIN §2), due within three working days, later — and, apart, paused for the
//! citizen's supplement with days left, which is none of these (DOMAIN §2).

use chrono::NaiveDate;

use super::calendar::Calendar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    DueToday,
    DueTomorrow,
    DueSoon,
    Later,
    /// The clock stopped for the citizen's supplement ("tạm dừng, còn N ngày"): not overdue.
    Paused,
}

impl Urgency {
    pub const ALL: [Urgency; 6] =
        [Urgency::Overdue, Urgency::DueToday, Urgency::DueTomorrow, Urgency::DueSoon, Urgency::Later, Urgency::Paused];
    /// The steps of a running clock, by due date.
    pub const DATED: [Urgency; 5] =
        [Urgency::Overdue, Urgency::DueToday, Urgency::DueTomorrow, Urgency::DueSoon, Urgency::Later];

    fn index(self) -> usize {
        self as usize
    }
}

/// The boundaries of the steps on one day. The ranges are contiguous, so a due date that is
/// not a working day (imported, or a holiday added after intake) still falls in exactly one:
/// on a Friday, a dossier due on Saturday counts as due "tomorrow" with Monday's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrgencyDays {
    pub today: NaiveDate,
    /// The next working day after today.
    pub tomorrow: NaiveDate,
    /// The 3rd working day after today: the last day of "within 3 working days".
    pub soon_until: NaiveDate,
}

impl UrgencyDays {
    pub fn on(today: NaiveDate, cal: &Calendar) -> UrgencyDays {
        UrgencyDays { today, tomorrow: cal.next_working_day(today), soon_until: cal.add_working_days(today, 3) }
    }

    pub fn of(&self, due_date: NaiveDate) -> Urgency {
        if due_date < self.today {
            Urgency::Overdue
        } else if due_date == self.today {
            Urgency::DueToday
        } else if due_date <= self.tomorrow {
            Urgency::DueTomorrow
        } else if due_date <= self.soon_until {
            Urgency::DueSoon
        } else {
            Urgency::Later
        }
    }

    /// The step of a pending dossier's clock: paused, or by its due date.
    pub fn of_clock(&self, due_date: NaiveDate, paused_days_left: Option<u32>) -> Urgency {
        match paused_days_left {
            Some(_) => Urgency::Paused,
            None => self.of(due_date),
        }
    }

    /// The due dates of a step, both ends included, `None` = open: what the queue filter
    /// needs to show exactly the dossiers counted in it (with a running clock; the paused
    /// step has no dates, both ends open).
    pub fn range(&self, u: Urgency) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        match u {
            Urgency::Overdue => (None, self.today.pred_opt()),
            Urgency::DueToday => (Some(self.today), Some(self.today)),
            Urgency::DueTomorrow => (Some(next(self.today)), Some(self.tomorrow)),
            Urgency::DueSoon => (Some(next(self.tomorrow)), Some(self.soon_until)),
            Urgency::Later => (Some(next(self.soon_until)), None),
            Urgency::Paused => (None, None),
        }
    }
}

/// Working days after which a dossier waiting for the applicant's supplement needs a reminder
/// (a practice choice; the law sets no limit on the applicant).
pub const SUPPLEMENT_REMINDER_DAYS: i64 = 5;

/// The first day whose supplement requests have not yet waited more than
/// [`SUPPLEMENT_REMINDER_DAYS`] working days on `today`: a request made before it has.
pub fn supplement_waiting_before(today: NaiveDate, cal: &Calendar) -> NaiveDate {
    // The working days in (asked, today] only grow as `asked` goes back: step back to the last
    // day with one day too many. A few weeks at most, even around Tết.
    let mut asked = today;
    while cal.working_days_between(asked, today) <= SUPPLEMENT_REMINDER_DAYS {
        match asked.pred_opt() {
            Some(d) => asked = d,
            None => return asked,
        }
    }
    asked.succ_opt().unwrap_or(asked)
}

/// Dossiers in each step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UrgencyCounts([u64; 6]);

impl UrgencyCounts {
    pub fn get(&self, u: Urgency) -> u64 {
        self.0[u.index()]
    }

    pub fn add(&mut self, u: Urgency, n: u64) {
        self.0[u.index()] += n;
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CounterHours, DayKind};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// 2026: Mon 31 Aug and Wed 2 Sep off (National Day), Tue 1 Sep a normal day here.
    fn cal() -> Calendar {
        Calendar::new([(d("2026-08-31"), DayKind::Off), (d("2026-09-02"), DayKind::Off)], CounterHours::default())
    }

    #[test]
    fn steps_across_a_weekend_and_a_holiday() {
        // Friday 28 Aug: next working day Tue 1 Sep (Sat, Sun, Mon off), then Thu 3, Fri 4.
        let u = UrgencyDays::on(d("2026-08-28"), &cal());
        assert_eq!((u.tomorrow, u.soon_until), (d("2026-09-01"), d("2026-09-04")));
        assert_eq!(u.of(d("2026-08-27")), Urgency::Overdue);
        assert_eq!(u.of(d("2026-08-28")), Urgency::DueToday);
        // Due on the weekend or the holiday: the next working day is the last chance for all.
        for day in ["2026-08-29", "2026-08-30", "2026-08-31", "2026-09-01"] {
            assert_eq!(u.of(d(day)), Urgency::DueTomorrow, "{day}");
        }
        for day in ["2026-09-02", "2026-09-03", "2026-09-04"] {
            assert_eq!(u.of(d(day)), Urgency::DueSoon, "{day}");
        }
        assert_eq!(u.of(d("2026-09-05")), Urgency::Later);
        assert_eq!(u.range(Urgency::Overdue), (None, Some(d("2026-08-27"))));
        assert_eq!(u.range(Urgency::DueTomorrow), (Some(d("2026-08-29")), Some(d("2026-09-01"))));
        assert_eq!(u.range(Urgency::DueSoon), (Some(d("2026-09-02")), Some(d("2026-09-04"))));
        assert_eq!(u.range(Urgency::Later), (Some(d("2026-09-05")), None));
    }

    #[test]
    fn ranges_cover_every_day_once() {
        let cal = cal();
        for start in 0..30 {
            let today = d("2026-08-20") + chrono::Duration::days(start);
            let u = UrgencyDays::on(today, &cal);
            for off in -10..20 {
                let due = today + chrono::Duration::days(off);
                let inside: Vec<Urgency> = Urgency::DATED
                    .into_iter()
                    .filter(|s| {
                        let (from, to) = u.range(*s);
                        from.is_none_or(|f| f <= due) && to.is_none_or(|t| due <= t)
                    })
                    .collect();
                assert_eq!(inside, vec![u.of(due)], "today {today}, due {due}");
            }
        }
    }

    #[test]
    fn supplement_reminder_counts_working_days() {
        let cal = cal();
        // Friday 4 Sep: the working days back are Fri 4, Thu 3, Tue 1, Fri 28, Thu 27, Wed 26 Aug
        // (Wed 2 and Mon 31 off). Asked on Wed 26 Aug: 5 days since (27, 28, 1, 3, 4), not yet;
        // asked on Tue 25: 6, remind.
        let before = supplement_waiting_before(d("2026-09-04"), &cal);
        assert_eq!(before, d("2026-08-26"));
        assert_eq!(cal.working_days_between(d("2026-08-25"), d("2026-09-04")), 6);
        assert_eq!(cal.working_days_between(d("2026-08-26"), d("2026-09-04")), 5);
        // Monday 30 Nov: a request on Saturday 21 has waited Mon 23 … Mon 30 = 6 working days.
        assert_eq!(supplement_waiting_before(d("2026-11-30"), &Calendar::default()), d("2026-11-23"));
    }

    #[test]
    fn counts_add_up() {
        let mut c = UrgencyCounts::default();
        c.add(Urgency::Overdue, 2);
        c.add(Urgency::Later, 3);
        c.add(Urgency::Overdue, 1);
        assert_eq!((c.get(Urgency::Overdue), c.get(Urgency::DueToday), c.total()), (3, 0, 6));
    }
}
