//! A dossier's clock, derived from what was recorded and never overwritten (DOMAIN §2
//! "Nothing is overwritten"): the due date at intake, each pause (from, to, working days left
//! at its start), the apology. The current due date — and the one known at any past moment,
//! for the report of a period that has ended — is computed here from those records.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::calendar::{Calendar, DayCount, TimeLimit};
use super::dossier::{Apology, Pause};

/// What the clock says at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The due date while the clock runs; while it is stopped, the due date before the pause.
    pub due: NaiveDate,
    /// Some(n): stopped for the citizen's supplement with n working days left. Such a dossier is
    /// not overdue: the time is the citizen's (DOMAIN §2).
    pub paused_days_left: Option<u32>,
}

impl Clock {
    /// Pending and overdue when judged on `day`: past its due date with the clock running (a
    /// pause that started after the due date does not stop it).
    pub fn overdue_on(&self, day: NaiveDate) -> bool {
        self.paused_days_left.is_none() && self.due < day
    }

    /// The queue's sort key, stored in `dossiers.sort_due`: the due date for a running clock (text
    /// order is date order); for a stopped one "~" and the days left, which sorts after every
    /// date — a paused dossier is not urgent for the office — fewest days left first.
    pub fn sort_key(&self) -> String {
        match self.paused_days_left {
            None => self.due.format("%Y-%m-%d").to_string(),
            Some(n) => format!("{PAUSED_KEY}{:05}", n.min(99_999)),
        }
    }
}

/// The first character of a stopped clock's sort key (after every digit).
pub const PAUSED_KEY: char = '~';

/// The clock as it stood at `at` (None: now, with every record): the pauses are taken in the
/// order they started; those that started after `at` did not happen yet, and one not resumed by
/// `at` is still running.
///
/// - A pause that starts on or before the due date stops the clock with the working days left
///   that were recorded at its start; on resume they are counted again from the resume day (the
///   resume day itself not counted, as a start day), or, under the procedure's "restart" rule,
///   the full limit counts from the resume. Once a resume has given its due date it is recorded
///   with the pause ([`Pause::resumed_due`]) and taken as it is.
/// - A pause that starts after the due date cannot erase the lateness: the clock keeps running
///   and the due date stays.
pub fn clock_at(cal: &Calendar, due_at_intake: NaiveDate, pauses: &[Pause], at: Option<NaiveDateTime>) -> Clock {
    let mut sorted: Vec<&Pause> = pauses.iter().filter(|p| at.is_none_or(|at| p.from <= at)).collect();
    sorted.sort_by_key(|p| p.from);
    let mut due = due_at_intake;
    for p in sorted {
        let late = p.from.date() > due;
        let resumed = p.to.filter(|to| at.is_none_or(|at| *to <= at));
        match resumed {
            Some(to) if !late => due = p.resumed_due.unwrap_or_else(|| due_after_resume(cal, p, to)),
            Some(_) => {}
            None if !late => return Clock { due, paused_days_left: Some(p.remaining_days) },
            // A late pause still open: the clock runs on, overdue.
            None => return Clock { due, paused_days_left: None },
        }
    }
    Clock { due, paused_days_left: None }
}

/// The due date a resume at `to` gives after pause `p` (begun on or before the due date).
pub fn due_after_resume(cal: &Calendar, p: &Pause, to: NaiveDateTime) -> NaiveDate {
    match p.restart {
        Some(limit) => cal.due(limit, to).due_date,
        None => match p.day_kind {
            DayCount::Working => cal.due_after_resume(to.date(), p.remaining_days),
            DayCount::Calendar => cal.due_after_resume_in_days(to.date(), p.remaining_days),
        },
    }
}

/// The working days left when a pause starts on `paused_on` with the clock due on `due`: the
/// working days in (paused_on, due]; 0 on or after the due date.
/// For a limit written in calendar days, the days in (paused_on, due] all count.
pub fn days_left_at_pause(cal: &Calendar, paused_on: NaiveDate, due: NaiveDate, kind: DayCount) -> u32 {
    match kind {
        DayCount::Working => cal.remaining_at_pause(paused_on, due),
        DayCount::Calendar => u32::try_from((due - paused_on).num_days().max(0)).unwrap_or(u32::MAX),
    }
}

/// The appointment the citizen holds: the apology's new one, unless the clock moved past it
/// since; otherwise the intake appointment, moved with the due date (same time of day).
pub fn appointment(appointment_at_intake: NaiveDateTime, clock: &Clock, apology: Option<&Apology>) -> NaiveDateTime {
    let moved = if clock.due == appointment_at_intake.date() {
        appointment_at_intake
    } else {
        clock.due.and_time(appointment_at_intake.time())
    };
    match apology {
        Some(a) if a.new_appointment >= moved => a.new_appointment,
        _ => moved,
    }
}

/// A time limit as stored with a pause under the "restart" rule: "days:N", "same_day",
/// "same_day:HH:MM" (with the afternoon cut-off), "hours:N", "calendar_days:N".
pub fn limit_to_text(limit: TimeLimit) -> String {
    match limit {
        TimeLimit::Days(n) => format!("days:{n}"),
        TimeLimit::SameDay { cutoff: None } => "same_day".to_string(),
        TimeLimit::SameDay { cutoff: Some(c) } => format!("same_day:{}", c.format("%H:%M")),
        TimeLimit::Hours(n) => format!("hours:{n}"),
        TimeLimit::CalendarDays(n) => format!("calendar_days:{n}"),
    }
}

pub fn limit_from_text(s: &str) -> Option<TimeLimit> {
    let (kind, value) = s.split_once(':').unwrap_or((s, ""));
    match kind {
        "days" => value.parse().ok().map(TimeLimit::Days),
        "same_day" if value.is_empty() => Some(TimeLimit::SameDay { cutoff: None }),
        "same_day" => NaiveTime::parse_from_str(value, "%H:%M").ok().map(|c| TimeLimit::SameDay { cutoff: Some(c) }),
        "hours" => value.parse().ok().map(TimeLimit::Hours),
        "calendar_days" => value.parse().ok().map(TimeLimit::CalendarDays),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CounterHours, DayKind};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn pause(from: &str, to: Option<&str>, left: u32) -> Pause {
        Pause {
            from: t(from),
            to: to.map(t),
            reason: "thiếu giấy".into(),
            remaining_days: left,
            day_kind: DayCount::Working,
            restart: None,
            resumed_due: None,
        }
    }

    /// A plain week: no holidays in November 2026.
    fn week() -> Calendar {
        Calendar::default()
    }

    #[test]
    fn without_pauses_the_intake_due_date_holds() {
        let c = clock_at(&week(), d("2026-11-10"), &[], None);
        assert_eq!(c, Clock { due: d("2026-11-10"), paused_days_left: None });
        assert!(c.overdue_on(d("2026-11-11")));
        assert!(!c.overdue_on(d("2026-11-10")), "on its due date a dossier is not yet overdue");
    }

    #[test]
    fn a_pause_with_days_left_stops_the_clock_and_resumes_from_the_resume_day() {
        // Due Fri 20/11/2026; paused Mon 16/11 with Tue–Fri = 4 working days left.
        let p = pause("2026-11-16 09:00", None, 4);
        let c = clock_at(&week(), d("2026-11-20"), std::slice::from_ref(&p), None);
        assert_eq!(c.paused_days_left, Some(4));
        assert!(!c.overdue_on(d("2026-12-01")), "paused: not overdue however long the citizen takes");
        assert_eq!(c.sort_key(), "~00004");
        // Resumed Wed 25/11: 4 working days after it are Thu 26, Fri 27, Mon 30/11, Tue 1/12.
        let p = Pause { to: Some(t("2026-11-25 14:00")), ..p };
        let c = clock_at(&week(), d("2026-11-20"), std::slice::from_ref(&p), None);
        assert_eq!(c, Clock { due: d("2026-12-01"), paused_days_left: None });
        // As known on 24/11 (before the resume) it was paused; on 19/11 before the pause, due 20/11.
        let c = clock_at(&week(), d("2026-11-20"), std::slice::from_ref(&p), Some(t("2026-11-24 23:59")));
        assert_eq!(c.paused_days_left, Some(4));
        let c = clock_at(&week(), d("2026-11-20"), &[p], Some(t("2026-11-13 23:59")));
        assert_eq!(c, Clock { due: d("2026-11-20"), paused_days_left: None });
    }

    #[test]
    fn a_pause_after_the_due_date_keeps_it_overdue() {
        // Due Fri 13/11; the supplement is asked on Tue 17/11, resumed Fri 20/11.
        let open = pause("2026-11-17 10:00", None, 0);
        let c = clock_at(&week(), d("2026-11-13"), std::slice::from_ref(&open), None);
        assert_eq!(c, Clock { due: d("2026-11-13"), paused_days_left: None });
        assert!(c.overdue_on(d("2026-11-18")));
        let closed = Pause { to: Some(t("2026-11-20 08:00")), ..open };
        assert_eq!(clock_at(&week(), d("2026-11-13"), &[closed], None).due, d("2026-11-13"));
    }

    #[test]
    fn a_resume_before_tet_counts_its_days_after_tet() {
        // Tết 2026 (Bính Ngọ): off Mon 16/2 – Fri 20/2/2026, written out here by hand.
        let tet = ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"];
        let cal = Calendar::new(tet.iter().map(|s| (d(s), DayKind::Off)), CounterHours::default());
        // Resumed Fri 13/2 with 2 days left: Mon 23/2 and Tue 24/2.
        let p = pause("2026-02-09 08:00", Some("2026-02-13 15:00"), 2);
        assert_eq!(clock_at(&cal, d("2026-02-11"), &[p], None).due, d("2026-02-24"));
    }

    #[test]
    fn a_recorded_resume_due_date_is_taken_as_it_is() {
        // Resumed Wed 25/11 with 4 days left; a day off added later on Thu 26/11 would move the
        // computed date to 2/12, but the date the resume gave, 1/12, is kept.
        let p = Pause { resumed_due: Some(d("2026-12-01")), ..pause("2026-11-16 09:00", Some("2026-11-25 14:00"), 4) };
        let later = Calendar::new([(d("2026-11-26"), DayKind::Off)], CounterHours::default());
        assert_eq!(clock_at(&later, d("2026-11-20"), std::slice::from_ref(&p), None).due, d("2026-12-01"));
        let unrecorded = Pause { resumed_due: None, ..p };
        assert_eq!(clock_at(&later, d("2026-11-20"), &[unrecorded], None).due, d("2026-12-02"));
    }

    #[test]
    fn the_restart_rule_counts_the_whole_limit_again() {
        let p = Pause { restart: Some(TimeLimit::Days(3)), ..pause("2026-11-16 09:00", Some("2026-11-19 09:00"), 4) };
        // Resumed Thu 19/11: 3 working days after it are Fri 20, Mon 23, Tue 24.
        assert_eq!(clock_at(&week(), d("2026-11-20"), &[p], None).due, d("2026-11-24"));
    }

    #[test]
    fn two_pauses_follow_each_other() {
        // Due Fri 20/11. First pause Mon 16 (4 left) → resumed Wed 18: due Tue 24/11. Second
        // pause Mon 23/11 with 1 left (Tue 24) → resumed Thu 26: due Fri 27/11.
        let a = pause("2026-11-16 09:00", Some("2026-11-18 09:00"), 4);
        let b = pause("2026-11-23 09:00", Some("2026-11-26 09:00"), 1);
        assert_eq!(clock_at(&week(), d("2026-11-20"), &[b.clone(), a.clone()], None).due, d("2026-11-27"));
        let c = clock_at(&week(), d("2026-11-20"), &[a, b], Some(t("2026-11-23 12:00")));
        assert_eq!(c, Clock { due: d("2026-11-24"), paused_days_left: Some(1) });
    }

    #[test]
    fn the_appointment_follows_the_apology_or_the_due_date() {
        let intake = t("2026-11-20 10:00");
        let running = Clock { due: d("2026-11-20"), paused_days_left: None };
        assert_eq!(appointment(intake, &running, None), intake);
        let moved = Clock { due: d("2026-12-01"), paused_days_left: None };
        assert_eq!(appointment(intake, &moved, None), t("2026-12-01 10:00"));
        let apology = Apology { at: t("2026-11-19 09:00"), new_appointment: t("2026-11-25 14:00"), reason: "x".into() };
        assert_eq!(appointment(intake, &running, Some(&apology)), t("2026-11-25 14:00"));
        assert_eq!(appointment(intake, &moved, Some(&apology)), t("2026-12-01 10:00"));
    }

    #[test]
    fn limits_as_text_and_back() {
        let c = NaiveTime::from_hms_opt(15, 0, 0);
        for l in [
            TimeLimit::Days(7),
            TimeLimit::Hours(8),
            TimeLimit::SameDay { cutoff: None },
            TimeLimit::SameDay { cutoff: c },
        ] {
            assert_eq!(limit_from_text(&limit_to_text(l)), Some(l));
        }
        assert_eq!(limit_to_text(TimeLimit::SameDay { cutoff: c }), "same_day:15:00");
        assert_eq!(limit_from_text("weeks:2"), None);
    }

    /// Land dispute mediation, 30 days (calendar): received Monday 2/11/2026, due Wednesday
    /// 2/12 (2/11 + 30 days). The supplement is asked on Friday 20/11: the days in (20/11, 2/12]
    /// are 21/11 … 2/12 = 12 days (a working-day count would give 8: 23–27/11, 30/11, 1/12,
    /// 2/12). The citizen answers on Thursday 26/11: 26/11 + 12 days = Tuesday 8/12.
    /// Answered on Friday 27/11 instead: + 12 = Wednesday 9/12. Answered on Monday 30/11:
    /// + 12 = Saturday 12/12, a day off: due Monday 14/12.
    #[test]
    fn a_calendar_day_limit_keeps_and_counts_its_days_left_in_days() {
        let cal = week();
        let due = d("2026-12-02");
        assert_eq!(days_left_at_pause(&cal, d("2026-11-20"), due, DayCount::Calendar), 12);
        assert_eq!(days_left_at_pause(&cal, d("2026-11-20"), due, DayCount::Working), 8);
        // Paused on the due date or after it: nothing left, in either count.
        assert_eq!(days_left_at_pause(&cal, d("2026-12-02"), due, DayCount::Calendar), 0);
        assert_eq!(days_left_at_pause(&cal, d("2026-12-05"), due, DayCount::Calendar), 0);
        let p = |to: &str| Pause { day_kind: DayCount::Calendar, ..pause("2026-11-20 09:00", Some(to), 12) };
        assert_eq!(clock_at(&cal, due, &[p("2026-11-26 10:00")], None).due, d("2026-12-08"));
        assert_eq!(clock_at(&cal, due, &[p("2026-11-27 10:00")], None).due, d("2026-12-09"));
        assert_eq!(clock_at(&cal, due, &[p("2026-11-30 10:00")], None).due, d("2026-12-14"));
        // While paused, the 12 days stand still.
        let open = Pause { to: None, ..p("2026-11-26 10:00") };
        assert_eq!(clock_at(&cal, due, &[open], None).paused_days_left, Some(12));
    }
}
