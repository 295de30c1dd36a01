//! Working days, due dates and appointments (DOMAIN.md §2).
//!
//! Working days are Monday–Friday, minus days off, plus swapped working
//! Saturdays, taken from a holiday table the office head edits each year as the
//! Prime Minister fixes the days (Labour Code 2019 Art. 111–112). A limit of N
//! working days ends on the Nth working day after the start day, the start day not
//! counted (Civil Code 2015 Art. 147–148). The same-day afternoon cut-off comes
//! from Decree 23/2015/NĐ-CP on certification (chứng thực).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound::{Excluded, Included};

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday};

use super::text;

/// A holiday-table entry: a day off, or a swapped working Saturday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Off,
    Work,
}

/// Counter opening hours, e.g. 07:30–11:30 and 13:30–17:00 (a setting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterHours {
    pub sessions: Vec<(NaiveTime, NaiveTime)>,
}

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => panic!("not a time of day"),
    }
}

// Evaluated at compile time, so a typo here fails the build rather than a clerk.
const DEFAULT_SESSIONS: [(NaiveTime, NaiveTime); 2] = [(hm(7, 30), hm(11, 30)), (hm(13, 30), hm(17, 0))];

impl Default for CounterHours {
    fn default() -> Self {
        CounterHours { sessions: DEFAULT_SESSIONS.to_vec() }
    }
}

impl CounterHours {
    /// Parse "07:30-11:30,13:30-17:00"; Err(String) with a clear English reason.
    pub fn parse(s: &str) -> Result<CounterHours, String> {
        if s.trim().is_empty() {
            return Err("no opening hours given (expected e.g. 07:30-11:30,13:30-17:00)".into());
        }
        let mut sessions: Vec<(NaiveTime, NaiveTime)> = Vec::new();
        for (i, part) in s.split(',').map(str::trim).enumerate() {
            let n = i + 1;
            let (from, to) = part
                .split_once(['-', '–'])
                .ok_or_else(|| format!("session {n} \"{part}\": expected start-end, e.g. 07:30-11:30"))?;
            let start =
                parse_hm(from).ok_or_else(|| format!("session {n}: \"{}\" is not a time HH:MM", from.trim()))?;
            let end = parse_hm(to).ok_or_else(|| format!("session {n}: \"{}\" is not a time HH:MM", to.trim()))?;
            if end <= start {
                return Err(format!("session {n} \"{part}\": ends before it starts"));
            }
            if let Some(&(_, previous_end)) = sessions.last() {
                if start < previous_end {
                    return Err(format!("session {n} \"{part}\": starts before the previous session ends"));
                }
            }
            sessions.push((start, end));
        }
        Ok(CounterHours { sessions })
    }

    /// Inverse of [`CounterHours::parse`].
    pub fn to_setting(&self) -> String {
        self.sessions
            .iter()
            .map(|(start, end)| format!("{}-{}", start.format("%H:%M"), end.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// First session start.
    pub fn opening(&self) -> NaiveTime {
        // min rather than first: `sessions` is public and may be built unsorted.
        self.sessions.iter().map(|s| s.0).min().unwrap_or(DEFAULT_SESSIONS[0].0)
    }

    /// Last session end.
    pub fn closing(&self) -> NaiveTime {
        self.sessions.iter().map(|s| s.1).max().unwrap_or(DEFAULT_SESSIONS[1].1)
    }

    /// Sorted, non-empty, non-overlapping sessions: the counting below relies on it.
    fn normalised(&self) -> CounterHours {
        let mut sorted: Vec<_> = self.sessions.iter().copied().filter(|(s, e)| s < e).collect();
        sorted.sort();
        let mut merged: Vec<(NaiveTime, NaiveTime)> = Vec::with_capacity(sorted.len());
        for (start, end) in sorted {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        if merged.is_empty() {
            CounterHours::default()
        } else {
            CounterHours { sessions: merged }
        }
    }
}

fn parse_hm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// A procedure's time limit (DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLimit {
    /// N >= 1 working days.
    Days(u32),
    /// N = 0; `None` = no afternoon cut-off.
    SameDay { cutoff: Option<NaiveTime> },
    /// N working hours inside counter hours.
    Hours(u32),
    /// N >= 1 calendar days: every day after the start day counts; a last day that is not a
    /// working day moves to the next working day (Civil Code 2015 Art. 147–148).
    CalendarDays(u32),
}

/// How a procedure's days are counted (catalogue column `day_kind`, DOMAIN §2): most limits
/// are written in working days, a few in plain days (land dispute mediation: 30 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayCount {
    #[default]
    Working,
    Calendar,
}

impl DayCount {
    pub fn as_str(self) -> &'static str {
        match self {
            DayCount::Working => "working",
            DayCount::Calendar => "calendar",
        }
    }

    /// `working` or `calendar` (any case); None for anything else.
    pub fn parse(s: &str) -> Option<DayCount> {
        match s.trim().to_ascii_lowercase().as_str() {
            "working" => Some(DayCount::Working),
            "calendar" => Some(DayCount::Calendar),
            _ => None,
        }
    }
}

/// The longest time limit a procedure may state, in days (0 = same day) and in working hours.
/// No procedure of the catalogue comes near a year; a larger figure is a typing mistake, and
/// would otherwise give due dates centuries away.
pub const MAX_LIMIT_DAYS: u32 = 365;
pub const MAX_LIMIT_HOURS: u32 = 720;

impl TimeLimit {
    /// From the catalogue's processing_days (0 = same day, with cutoff if given).
    pub fn from_days(days: u32, cutoff: Option<NaiveTime>) -> TimeLimit {
        match days {
            0 => TimeLimit::SameDay { cutoff },
            n => TimeLimit::Days(n),
        }
    }

    /// From the catalogue's processing_days and day_kind: calendar days only change a limit of
    /// N >= 1 days (the same day is the same day however days are counted).
    pub fn from_catalogue(days: u32, cutoff: Option<NaiveTime>, kind: DayCount) -> TimeLimit {
        match (days, kind) {
            (0, _) => TimeLimit::SameDay { cutoff },
            (n, DayCount::Working) => TimeLimit::Days(n),
            (n, DayCount::Calendar) => TimeLimit::CalendarDays(n),
        }
    }
}

/// What the receipt promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The day the clock starts (DOMAIN §2 Start).
    pub start: NaiveDate,
    /// The legal due date: statistics are judged on it.
    pub due_date: NaiveDate,
    /// When the citizen is told to come back.
    pub appointment: NaiveDateTime,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Exceptions to Monday–Friday; every other day follows the week.
    days: BTreeMap<NaiveDate, DayKind>,
    hours: CounterHours,
    /// Table entries not yet official (believed or provisional): a due date counted across one
    /// may move when the Prime Minister fixes the days.
    unofficial: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// When a date is listed twice, the later entry wins, as in a table edited
    /// top to bottom. Counter hours are sorted and merged; empty ones fall back to
    /// the default.
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>, hours: CounterHours) -> Calendar {
        Calendar { days: days.into_iter().collect(), hours: hours.normalised(), unofficial: BTreeSet::new() }
    }

    /// The same calendar, knowing which of its entries are not official yet.
    pub fn with_unofficial(mut self, days: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        self.unofficial = days.into_iter().collect();
        self
    }

    /// Whether a day still marked believed or provisional lies in [from, to]: a due date
    /// counted over it is shown with the mark "lịch nghỉ chưa chính thức".
    pub fn crosses_unofficial(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= to && self.unofficial.range(from..=to).next().is_some()
    }

    pub fn hours(&self) -> &CounterHours {
        &self.hours
    }

    /// Mon–Fri minus Off days, plus Work days (swapped working Saturdays).
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Off) => false,
            Some(DayKind::Work) => true,
            None => is_weekday(d),
        }
    }

    /// The first working day strictly after d.
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        self.add_working_days(d, 1)
    }

    /// d itself if working, else the next working day.
    pub fn this_or_next_working_day(&self, d: NaiveDate) -> NaiveDate {
        if self.is_working_day(d) {
            d
        } else {
            self.next_working_day(d)
        }
    }

    /// The n-th working day after d (d not counted); n = 0 -> d.
    /// Past the end of chrono's calendar the answer saturates at `NaiveDate::MAX`.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return d;
        }
        let n = i64::from(n);
        // A binary search over working_days_between, rather than stepping day by
        // day, so that a mistyped limit of millions of days cannot freeze the
        // counter. Upper bound: each 7 days hold 5 weekdays and each Off entry
        // removes at most one of them.
        let off_entries = self.days.values().filter(|k| **k == DayKind::Off).count() as i64;
        let span = ((n + off_entries) / 5 + 2) * 7;
        let mut hi = add_days(d, span);
        if self.working_days_between(d, hi) < n {
            return hi;
        }
        // Invariant: fewer than n working days in (d, lo], at least n in (d, hi].
        let mut lo = d;
        loop {
            let gap = (hi - lo).num_days();
            if gap <= 1 {
                return hi;
            }
            let mid = add_days(lo, gap / 2);
            if self.working_days_between(d, mid) >= n {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }

    /// Signed count of working days from a to b: the number of working days in
    /// (a, b] if b > a, minus the number in (b, a] if b < a, 0 if equal.
    /// Exact for any span: weekdays come from arithmetic, then each table entry in
    /// the span corrects the count.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        match a.cmp(&b) {
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Less => self.working_days_in(a, b),
            std::cmp::Ordering::Greater => -self.working_days_in(b, a),
        }
    }

    /// Working days in (a, b]; a < b.
    fn working_days_in(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let mut count = weekdays_through(b) - weekdays_through(a);
        for (d, kind) in self.days.range((Excluded(a), Included(b))) {
            match (kind, is_weekday(*d)) {
                (DayKind::Off, true) => count -= 1,
                (DayKind::Work, false) => count += 1,
                _ => {}
            }
        }
        count
    }

    /// Due date and appointment for a dossier received at `received` (local time
    /// +07:00, naive). The clock starts on the received day if it is a working
    /// day, else on the next working day.
    pub fn due(&self, limit: TimeLimit, received: NaiveDateTime) -> Due {
        let day = received.date();
        let start = self.this_or_next_working_day(day);
        let received_on_working_day = start == day;
        match limit {
            TimeLimit::Days(n) => {
                let due_date = self.add_working_days(start, n);
                let time = if received_on_working_day {
                    self.within_counter_hours(received.time())
                } else {
                    self.hours.opening()
                };
                Due { start, due_date, appointment: due_date.and_time(time) }
            }
            TimeLimit::SameDay { cutoff } => {
                // The cut-off only applies to a day the counter works: a dossier that
                // arrived online on Saturday evening is simply due on Monday.
                let after_cutoff = received_on_working_day && cutoff.is_some_and(|c| received.time() >= c);
                let due_date = if after_cutoff { self.next_working_day(start) } else { start };
                Due { start, due_date, appointment: due_date.and_time(self.hours.closing()) }
            }
            TimeLimit::Hours(n) => {
                let appointment = self.after_working_hours(received, n);
                Due { start, due_date: appointment.date(), appointment }
            }
            TimeLimit::CalendarDays(n) => {
                let due_date = self.this_or_next_working_day(add_days(start, i64::from(n)));
                let time = if received_on_working_day {
                    self.within_counter_hours(received.time())
                } else {
                    self.hours.opening()
                };
                Due { start, due_date, appointment: due_date.and_time(time) }
            }
        }
    }

    /// Working days left at a pause (supplement request on `paused_on`): the
    /// number of working days in (paused_on, due_date]; 0 if due_date <= paused_on.
    pub fn remaining_at_pause(&self, paused_on: NaiveDate, due_date: NaiveDate) -> u32 {
        let left = self.working_days_between(paused_on, due_date).max(0);
        u32::try_from(left).unwrap_or(u32::MAX)
    }

    /// New due date when the supplement arrives on `resumed_on`: the remaining
    /// days are counted again from the resume day (or the next working day).
    pub fn due_after_resume(&self, resumed_on: NaiveDate, remaining: u32) -> NaiveDate {
        self.add_working_days(self.this_or_next_working_day(resumed_on), remaining)
    }

    /// The same for a limit in calendar days: the days left count every day after the resume
    /// day (or the next working day, as at intake); a last day that is off moves to the next
    /// working day.
    pub fn due_after_resume_in_days(&self, resumed_on: NaiveDate, remaining: u32) -> NaiveDate {
        let start = self.this_or_next_working_day(resumed_on);
        self.this_or_next_working_day(add_days(start, i64::from(remaining)))
    }

    /// A time of day moved into counter hours: before opening -> opening, in a
    /// break -> the next session's start, after closing -> closing. A receipt
    /// must not name a time when the counter is shut.
    fn within_counter_hours(&self, t: NaiveTime) -> NaiveTime {
        for &(start, end) in &self.hours.sessions {
            if t <= end {
                return t.max(start);
            }
        }
        self.hours.closing()
    }

    /// The instant `hours` working hours after `from`, counting only inside the
    /// counter sessions of working days.
    fn after_working_hours(&self, from: NaiveDateTime, hours: u32) -> NaiveDateTime {
        let sessions = &self.hours.sessions;
        let per_day: i64 = sessions.iter().map(|(s, e)| (*e - *s).num_seconds()).sum();
        let mut left = i64::from(hours) * 3600;
        let (day, time) = if self.is_working_day(from.date()) {
            (from.date(), from.time())
        } else {
            (self.next_working_day(from.date()), NaiveTime::MIN)
        };
        if let Some(t) = spend_in_sessions(sessions, time, &mut left) {
            return day.and_time(t);
        }
        if per_day <= 0 {
            return day.and_time(self.hours.closing());
        }
        // Whole days are skipped at once; the last day then holds 1..=per_day seconds.
        let whole_days = (left - 1) / per_day;
        left -= whole_days * per_day;
        let day = self.add_working_days(day, u32::try_from(whole_days + 1).unwrap_or(u32::MAX));
        let t = spend_in_sessions(sessions, NaiveTime::MIN, &mut left).unwrap_or(self.hours.closing());
        day.and_time(t)
    }
}

/// Spends `left` seconds in the sessions from time `from` on; the instant it runs
/// out, or None (with `left` reduced) when the day's sessions are used up.
fn spend_in_sessions(sessions: &[(NaiveTime, NaiveTime)], from: NaiveTime, left: &mut i64) -> Option<NaiveTime> {
    for &(start, end) in sessions {
        if from >= end {
            continue;
        }
        let begin = from.max(start);
        let available = (end - begin).num_seconds();
        if *left <= available {
            return Some(begin + TimeDelta::seconds(*left));
        }
        *left -= available;
    }
    None
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Number of Mondays–Fridays from a fixed far-past Monday up to and including d;
/// differences of it count weekdays in a span without walking it.
fn weekdays_through(d: NaiveDate) -> i64 {
    // Day 1 of the common era (0001-01-01) is a Monday.
    let n = i64::from(d.num_days_from_ce());
    n.div_euclid(7) * 5 + n.rem_euclid(7).min(5)
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    u64::try_from(n).ok().and_then(|n| d.checked_add_days(Days::new(n))).unwrap_or(NaiveDate::MAX)
}

/// One row of the holiday table: date, kind, name, status.
pub type HolidayRow = (NaiveDate, DayKind, String, String);

const HOLIDAYS_HEADER: [&str; 4] = ["date", "kind", "name", "status"];
const STATUSES: [&str; 3] = ["official", "believed", "provisional"];

/// Parse the holiday table CSV (header `date,kind,name,status`, kind = off|work,
/// status = official|believed|provisional). Returns (date, kind, name, status)
/// rows, or every bad line as "line N: reason" (line 1 is the header). Blank lines
/// are skipped; a date listed twice is an error, since the later row would
/// silently win.
pub fn parse_holidays_csv(text: &str) -> Result<Vec<HolidayRow>, Vec<String>> {
    // Excel saves UTF-8 CSV with a byte-order mark.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line));
    let mut errors = Vec::new();
    let header_ok = lines.next().is_some_and(|(_, header)| {
        split_csv_line(header).is_ok_and(|fields| {
            fields.len() == HOLIDAYS_HEADER.len()
                && fields.iter().zip(HOLIDAYS_HEADER).all(|(f, h)| f.trim().eq_ignore_ascii_case(h))
        })
    });
    if !header_ok {
        errors.push(format!("line 1: expected the header {}", HOLIDAYS_HEADER.join(",")));
    }
    let mut rows = Vec::new();
    let mut first_seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        match parse_holiday_row(line) {
            Ok(row) => match first_seen.get(&row.0) {
                Some(first) => errors.push(format!("line {n}: {} is already on line {first}", row.0)),
                None => {
                    first_seen.insert(row.0, n);
                    rows.push(row);
                }
            },
            Err(reason) => errors.push(format!("line {n}: {reason}")),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn parse_holiday_row(line: &str) -> Result<HolidayRow, String> {
    let fields = split_csv_line(line)?;
    let [date, kind, name, status] = <[String; 4]>::try_from(fields)
        .map_err(|fields| format!("expected 4 fields (date,kind,name,status), found {}", fields.len()))?;
    // Every problem of the line at once, so the head fixes it in one go.
    let mut reasons = Vec::new();
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| reasons.push(format!("bad date \"{}\" (expected YYYY-MM-DD)", date.trim())))
        .ok();
    let kind = match kind.trim().to_ascii_lowercase().as_str() {
        "off" => Some(DayKind::Off),
        "work" => Some(DayKind::Work),
        _ => {
            reasons.push(format!("unknown kind \"{}\" (expected off or work)", kind.trim()));
            None
        }
    };
    let status = status.trim().to_ascii_lowercase();
    if !STATUSES.contains(&status.as_str()) {
        reasons.push(format!("unknown status \"{status}\" (expected official, believed or provisional)"));
    }
    match (date, kind) {
        (Some(date), Some(kind)) if reasons.is_empty() => Ok((date, kind, text::clean(&name), status)),
        _ => Err(reasons.join("; ")),
    }
}

/// One CSV record on one line: fields may be double-quoted, with "" for a quote
/// and commas inside the quotes.
fn split_csv_line(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut after_closing_quote = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_closing_quote = true;
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                fields.push(std::mem::take(&mut field));
                after_closing_quote = false;
            }
            '"' if !after_closing_quote && field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
            }
            _ if after_closing_quote => {
                if !c.is_whitespace() {
                    return Err(format!("unexpected \"{c}\" after a closing quote"));
                }
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err("a quoted field is not closed".into());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        date.and_time(hm(h, m))
    }

    /// 2024 as decided: Tết 8–14 Feb, 29 Apr–1 May off, Saturday 4 May worked.
    fn cal_2024() -> Calendar {
        let mut days: Vec<(NaiveDate, DayKind)> = (8..=14).map(|day| (d(2024, 2, day), DayKind::Off)).collect();
        days.extend([
            (d(2024, 4, 29), DayKind::Off),
            (d(2024, 4, 30), DayKind::Off),
            (d(2024, 5, 1), DayKind::Off),
            (d(2024, 5, 4), DayKind::Work),
        ]);
        Calendar::new(days, CounterHours::default())
    }

    fn cutoff_15() -> TimeLimit {
        TimeLimit::SameDay { cutoff: Some(hm(15, 0)) }
    }

    #[test]
    fn tet_2024_days_3_from_wednesday_before() {
        let due = cal_2024().due(TimeLimit::Days(3), at(d(2024, 2, 7), 10, 0));
        assert_eq!(due.start, d(2024, 2, 7));
        assert_eq!(due.due_date, d(2024, 2, 19));
        assert_eq!(due.appointment, at(d(2024, 2, 19), 10, 0));
    }

    #[test]
    fn received_online_during_tet_starts_after_it() {
        let due = cal_2024().due(TimeLimit::Days(1), at(d(2024, 2, 9), 21, 15));
        assert_eq!(due.start, d(2024, 2, 15));
        assert_eq!(due.due_date, d(2024, 2, 16));
        assert_eq!(due.appointment, at(d(2024, 2, 16), 7, 30));
    }

    #[test]
    fn swapped_saturday_counts() {
        let cal = cal_2024();
        assert!(cal.is_working_day(d(2024, 5, 4)));
        assert!(!cal.is_working_day(d(2024, 4, 29)));
        assert!(!cal.is_working_day(d(2024, 5, 5)));
        let friday = at(d(2024, 5, 3), 9, 0);
        assert_eq!(cal.due(TimeLimit::Days(1), friday).due_date, d(2024, 5, 4));
        assert_eq!(cal.due(TimeLimit::Days(2), friday).due_date, d(2024, 5, 6));
    }

    #[test]
    fn same_day_with_cutoff() {
        let cal = cal_2024();
        let tuesday = d(2024, 3, 12);
        let due = cal.due(cutoff_15(), at(tuesday, 14, 59));
        assert_eq!(due.due_date, tuesday);
        assert_eq!(due.appointment, at(tuesday, 17, 0));
        assert_eq!(cal.due(cutoff_15(), at(tuesday, 15, 0)).due_date, d(2024, 3, 13));
        assert_eq!(cal.due(cutoff_15(), at(tuesday, 16, 30)).due_date, d(2024, 3, 13));
        let friday_late = cal.due(cutoff_15(), at(d(2024, 3, 15), 15, 30));
        assert_eq!(friday_late.start, d(2024, 3, 15));
        assert_eq!(friday_late.due_date, d(2024, 3, 18));
    }

    #[test]
    fn same_day_without_cutoff() {
        let due = cal_2024().due(TimeLimit::SameDay { cutoff: None }, at(d(2024, 3, 12), 16, 30));
        assert_eq!(due.due_date, d(2024, 3, 12));
    }

    #[test]
    fn weekend_online_same_day_is_due_next_working_day() {
        let due = cal_2024().due(cutoff_15(), at(d(2024, 3, 9), 16, 0));
        assert_eq!(due.start, d(2024, 3, 11));
        assert_eq!(due.due_date, d(2024, 3, 11));
        assert_eq!(due.appointment, at(d(2024, 3, 11), 17, 0));
    }

    #[test]
    fn hours_span_the_lunch_break() {
        // 1.5 h in the morning (10:00–11:30), the other 2.5 h from 13:30.
        let due = cal_2024().due(TimeLimit::Hours(4), at(d(2024, 3, 11), 10, 0));
        assert_eq!(due.appointment, at(d(2024, 3, 11), 16, 0));
        assert_eq!(due.due_date, d(2024, 3, 11));
    }

    #[test]
    fn hours_continue_after_the_weekend() {
        // Friday 16:00–17:00 = 1 h, Monday 07:30–11:30 = 4 h, 13:30–16:30 = 3 h.
        let due = cal_2024().due(TimeLimit::Hours(8), at(d(2024, 3, 15), 16, 0));
        assert_eq!(due.start, d(2024, 3, 15));
        assert_eq!(due.appointment, at(d(2024, 3, 18), 16, 30));
    }

    #[test]
    fn hours_received_outside_sessions() {
        let cal = cal_2024();
        // In the lunch break: counting starts at 13:30, 3.5 h to closing, 0.5 h next day.
        let lunch = cal.due(TimeLimit::Hours(4), at(d(2024, 3, 12), 12, 0));
        assert_eq!(lunch.appointment, at(d(2024, 3, 13), 8, 0));
        // On a Saturday: counting starts at Monday's opening.
        let saturday = cal.due(TimeLimit::Hours(2), at(d(2024, 3, 9), 10, 0));
        assert_eq!(saturday.start, d(2024, 3, 11));
        assert_eq!(saturday.appointment, at(d(2024, 3, 11), 9, 30));
        // Ending exactly at a session end stays on that session.
        let to_noon = cal.due(TimeLimit::Hours(4), at(d(2024, 3, 12), 7, 30));
        assert_eq!(to_noon.appointment, at(d(2024, 3, 12), 11, 30));
    }

    #[test]
    fn many_hours_skip_whole_days_and_holidays() {
        // 7.5 h a day: 16 h from Wed 7 Feb 07:30 = two days and 1 h; Tết is skipped.
        let due = cal_2024().due(TimeLimit::Hours(16), at(d(2024, 2, 7), 7, 30));
        assert_eq!(due.appointment, at(d(2024, 2, 16), 8, 30));
    }

    #[test]
    fn days_appointment_kept_inside_counter_hours() {
        let cal = cal_2024();
        let tuesday = d(2024, 3, 12);
        let due_on = d(2024, 3, 13);
        let early = cal.due(TimeLimit::Days(1), at(tuesday, 6, 45));
        assert_eq!(early.appointment, at(due_on, 7, 30));
        let lunch = cal.due(TimeLimit::Days(1), at(tuesday, 12, 10));
        assert_eq!(lunch.appointment, at(due_on, 13, 30));
        let late = cal.due(TimeLimit::Days(1), at(tuesday, 18, 0));
        assert_eq!(late.appointment, at(due_on, 17, 0));
    }

    #[test]
    fn pause_and_resume() {
        let cal = cal_2024();
        let remaining = cal.remaining_at_pause(d(2024, 3, 11), d(2024, 3, 15));
        assert_eq!(remaining, 4);
        assert_eq!(cal.due_after_resume(d(2024, 3, 20), remaining), d(2024, 3, 26));
        assert_eq!(cal.remaining_at_pause(d(2024, 3, 15), d(2024, 3, 15)), 0);
        assert_eq!(cal.remaining_at_pause(d(2024, 3, 18), d(2024, 3, 15)), 0);
        // Resumed on a Sunday: counting again from Monday.
        assert_eq!(cal.due_after_resume(d(2024, 3, 17), 1), d(2024, 3, 19));
    }

    #[test]
    fn working_days_between_signs_and_values() {
        let cal = cal_2024();
        let friday = d(2024, 3, 8);
        let monday = d(2024, 3, 11);
        assert_eq!(cal.working_days_between(friday, monday), 1);
        assert_eq!(cal.working_days_between(monday, friday), -1);
        assert_eq!(cal.working_days_between(monday, monday), 0);
        assert_eq!(cal.working_days_between(d(2024, 3, 9), d(2024, 3, 10)), 0);
        // Across 29 Apr–1 May off and the worked Saturday 4 May: 2, 3, 4, 6 May.
        assert_eq!(cal.working_days_between(d(2024, 4, 26), d(2024, 5, 6)), 4);
        assert_eq!(cal.working_days_between(d(2024, 5, 6), d(2024, 4, 26)), -4);
        // Across Tết: only the 7th is a working day in (6 Feb, 14 Feb].
        assert_eq!(cal.working_days_between(d(2024, 2, 6), d(2024, 2, 14)), 1);
    }

    #[test]
    fn fast_counting_matches_walking_day_by_day() {
        let cal = cal_2024();
        let walk_add = |from: NaiveDate, n: u32| {
            let mut day = from;
            for _ in 0..n {
                day = day.succ_opt().expect("in range");
                while !cal.is_working_day(day) {
                    day = day.succ_opt().expect("in range");
                }
            }
            day
        };
        let first = d(2024, 1, 20);
        for offset in 0..130 {
            let a = first + Days::new(offset);
            for n in 0..25 {
                assert_eq!(cal.add_working_days(a, n), walk_add(a, n), "{a} + {n}");
            }
            let mut walked = 0;
            let mut b = a;
            for _ in 0..40 {
                b = b.succ_opt().expect("in range");
                walked += i64::from(cal.is_working_day(b));
                assert_eq!(cal.working_days_between(a, b), walked, "{a}..{b}");
                assert_eq!(cal.working_days_between(b, a), -walked, "{b}..{a}");
            }
        }
    }

    #[test]
    fn next_working_day_variants() {
        let cal = cal_2024();
        assert_eq!(cal.next_working_day(d(2024, 2, 7)), d(2024, 2, 15));
        assert_eq!(cal.next_working_day(d(2024, 5, 3)), d(2024, 5, 4));
        assert_eq!(cal.this_or_next_working_day(d(2024, 5, 3)), d(2024, 5, 3));
        assert_eq!(cal.this_or_next_working_day(d(2024, 5, 5)), d(2024, 5, 6));
        assert_eq!(cal.add_working_days(d(2024, 5, 5), 0), d(2024, 5, 5));
    }

    #[test]
    fn absurd_inputs_neither_panic_nor_hang() {
        let cal = cal_2024();
        assert_eq!(cal.add_working_days(d(2024, 1, 1), u32::MAX), NaiveDate::MAX);
        assert_eq!(cal.next_working_day(NaiveDate::MAX), NaiveDate::MAX);
        let span = cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(span > 0);
        assert_eq!(cal.working_days_between(NaiveDate::MAX, NaiveDate::MIN), -span);
        let hours = cal.due(TimeLimit::Hours(u32::MAX), at(d(2024, 1, 2), 8, 0));
        assert_eq!(hours.due_date, NaiveDate::MAX);
        assert_eq!(i64::from(cal.remaining_at_pause(NaiveDate::MIN, NaiveDate::MAX)), span);
    }

    #[test]
    fn later_table_entry_wins() {
        let saturday = d(2024, 3, 9);
        let cal = Calendar::new([(saturday, DayKind::Off), (saturday, DayKind::Work)], CounterHours::default());
        assert!(cal.is_working_day(saturday));
    }

    #[test]
    fn default_calendar_is_plain_week_with_default_hours() {
        let cal = Calendar::default();
        assert!(cal.is_working_day(d(2024, 2, 12)));
        assert!(!cal.is_working_day(d(2024, 2, 10)));
        assert_eq!(cal.hours().opening(), hm(7, 30));
        assert_eq!(cal.hours().closing(), hm(17, 0));
    }

    #[test]
    fn time_limit_from_catalogue_days() {
        assert_eq!(TimeLimit::from_days(5, None), TimeLimit::Days(5));
        assert_eq!(TimeLimit::from_days(0, Some(hm(15, 0))), TimeLimit::SameDay { cutoff: Some(hm(15, 0)) });
    }

    /// 2026 as published: Hùng Kings' day moved to Monday 27/4, 30/4–1/5 off.
    fn cal_2026_spring() -> Calendar {
        let days = [(d(2026, 4, 27), DayKind::Off), (d(2026, 4, 30), DayKind::Off), (d(2026, 5, 1), DayKind::Off)];
        Calendar::new(days, CounterHours::default())
    }

    #[test]
    fn calendar_days_ending_on_a_sunday_move_to_monday() {
        // Friday 6/3/2026 + 30 days = Sunday 5/4/2026 (March has 31 days): due Monday 6/4.
        let due = cal_2026_spring().due(TimeLimit::CalendarDays(30), at(d(2026, 3, 6), 9, 15));
        assert_eq!(due.start, d(2026, 3, 6));
        assert_eq!(due.due_date, d(2026, 4, 6));
        assert_eq!(due.appointment, at(d(2026, 4, 6), 9, 15));
        // The same count from Monday 2/3 ends on Wednesday 1/4, a working day: no move.
        let due = cal_2026_spring().due(TimeLimit::CalendarDays(30), at(d(2026, 3, 2), 8, 0));
        assert_eq!(due.due_date, d(2026, 4, 1));
    }

    #[test]
    fn calendar_days_count_holidays_but_do_not_end_on_one() {
        let cal = cal_2026_spring();
        // Wednesday 22/4 + 14 days = Wednesday 6/5: 27/4, 30/4 and 1/5 are counted like any day.
        assert_eq!(cal.due(TimeLimit::CalendarDays(14), at(d(2026, 4, 22), 10, 0)).due_date, d(2026, 5, 6));
        // 14 working days from the same day skip the weekends and the three days off: 23, 24, 28,
        // 29 April, 4–8 May, 11–15 May -> Friday 15/5 (the 14th).
        assert_eq!(cal.due(TimeLimit::Days(14), at(d(2026, 4, 22), 10, 0)).due_date, d(2026, 5, 15));
        // Friday 24/4 + 7 days = Friday 1/5, a day off, then the weekend: due Monday 4/5.
        assert_eq!(cal.due(TimeLimit::CalendarDays(7), at(d(2026, 4, 24), 10, 0)).due_date, d(2026, 5, 4));
    }

    #[test]
    fn calendar_days_received_on_a_day_off_start_on_the_next_working_day() {
        // Online on Saturday 7/3/2026: the clock starts Monday 9/3; + 5 days = Saturday 14/3 ->
        // Monday 16/3, at the opening hour.
        let due = cal_2026_spring().due(TimeLimit::CalendarDays(5), at(d(2026, 3, 7), 20, 0));
        assert_eq!(due.start, d(2026, 3, 9));
        assert_eq!(due.appointment, at(d(2026, 3, 16), 7, 30));
    }

    #[test]
    fn calendar_limits_from_the_catalogue() {
        assert_eq!(TimeLimit::from_catalogue(30, None, DayCount::Calendar), TimeLimit::CalendarDays(30));
        assert_eq!(TimeLimit::from_catalogue(30, None, DayCount::Working), TimeLimit::Days(30));
        let cutoff = Some(hm(15, 0));
        assert_eq!(TimeLimit::from_catalogue(0, cutoff, DayCount::Calendar), TimeLimit::SameDay { cutoff });
        assert_eq!(DayCount::parse(" Calendar "), Some(DayCount::Calendar));
        assert_eq!(DayCount::parse("working"), Some(DayCount::Working));
        assert_eq!(DayCount::parse("ngày"), None);
    }

    #[test]
    fn crossing_an_unofficial_day() {
        let cal = cal_2024().with_unofficial([d(2024, 9, 2)]);
        assert!(cal.crosses_unofficial(d(2024, 8, 28), d(2024, 9, 4)));
        assert!(cal.crosses_unofficial(d(2024, 9, 2), d(2024, 9, 2)));
        assert!(!cal.crosses_unofficial(d(2024, 9, 3), d(2024, 9, 10)));
        assert!(!cal.crosses_unofficial(d(2024, 8, 1), d(2024, 9, 1)));
        assert!(!cal.crosses_unofficial(d(2024, 9, 4), d(2024, 8, 28)), "an empty span");
    }

    #[test]
    fn counter_hours_parse_and_back() {
        let hours = CounterHours::parse("07:30-11:30,13:30-17:00").expect("valid");
        assert_eq!(hours, CounterHours::default());
        assert_eq!(hours.to_setting(), "07:30-11:30,13:30-17:00");
        let spaced = CounterHours::parse(" 7:00 – 11:00 , 13:00 - 16:30 ").expect("valid");
        assert_eq!(spaced.to_setting(), "07:00-11:00,13:00-16:30");
        assert_eq!(spaced.opening(), hm(7, 0));
        assert_eq!(spaced.closing(), hm(16, 30));
    }

    #[test]
    fn counter_hours_parse_errors() {
        let err = |s: &str| CounterHours::parse(s).expect_err(s);
        assert!(err("").contains("no opening hours"));
        assert!(err("07:30").contains("expected start-end"));
        assert!(err("07:30-25:00").contains("\"25:00\" is not a time"));
        assert!(err("11:30-07:30").contains("ends before it starts"));
        assert!(err("07:30-11:30,11:00-17:00").contains("session 2"));
        assert!(err("07:30-11:30,").contains("session 2"));
    }

    #[test]
    fn unsorted_hours_are_normalised() {
        let hours =
            CounterHours { sessions: vec![(hm(13, 30), hm(17, 0)), (hm(7, 30), hm(11, 30)), (hm(9, 0), hm(8, 0))] };
        let cal = Calendar::new([], hours);
        assert_eq!(cal.hours(), &CounterHours::default());
        let empty = Calendar::new([], CounterHours { sessions: vec![] });
        assert_eq!(empty.hours(), &CounterHours::default());
    }

    #[test]
    fn holidays_csv_with_quoted_commas() {
        let csv = "\u{FEFF}date,kind,name,status\r\n\
                   2024-04-30,off,\"Ngày Chiến thắng, Quốc tế lao động\",official\r\n\
                   \r\n\
                   2024-05-04,work,Làm bù cho 29/4,believed\r\n\
                   2025-01-01,OFF,\"Tết \"\"Dương\"\" lịch\",provisional\n";
        let rows = parse_holidays_csv(csv).expect("valid table");
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            (d(2024, 4, 30), DayKind::Off, "Ngày Chiến thắng, Quốc tế lao động".to_string(), "official".to_string())
        );
        assert_eq!(rows[1].1, DayKind::Work);
        assert_eq!(rows[1].3, "believed");
        assert_eq!(rows[2].1, DayKind::Off);
        assert_eq!(rows[2].2, "Tết \"Dương\" lịch");
    }

    #[test]
    fn holidays_csv_reports_every_bad_line() {
        let csv = "date,kind,name,status\n\
                   2024-02-30,off,Tết,official\n\
                   2024-05-04,holiday,Làm bù,official\n\
                   2024-09-02,off,Quốc khánh,official\n\
                   2024-09-02,off,Quốc khánh,official\n\
                   2024-09-03,off,\"Quốc khánh,official\n\
                   2024-09-04,off,Quốc khánh\n\
                   2024-13-01,weekend,x,maybe\n";
        let errors = parse_holidays_csv(csv).expect_err("bad lines");
        assert_eq!(errors.len(), 6, "{errors:?}");
        assert!(errors[0].starts_with("line 2: bad date \"2024-02-30\""), "{errors:?}");
        assert!(errors[1].starts_with("line 3: unknown kind \"holiday\""), "{errors:?}");
        assert_eq!(errors[2], "line 5: 2024-09-02 is already on line 4");
        assert!(errors[3].starts_with("line 6: a quoted field"), "{errors:?}");
        assert!(errors[4].starts_with("line 7: expected 4 fields"), "{errors:?}");
        assert!(errors[5].starts_with("line 8: bad date"), "{errors:?}");
        assert!(errors[5].contains("unknown kind \"weekend\""), "{errors:?}");
        assert!(errors[5].contains("unknown status \"maybe\""), "{errors:?}");
    }

    #[test]
    fn holidays_csv_needs_its_header() {
        let errors = parse_holidays_csv("2024-01-01,off,Tết Dương lịch,official\n").expect_err("no header");
        assert_eq!(errors, vec!["line 1: expected the header date,kind,name,status"]);
        assert!(parse_holidays_csv("").is_err());
        assert_eq!(parse_holidays_csv("date,kind,name,status\n"), Ok(vec![]));
    }

    #[test]
    fn csv_line_splitting() {
        assert_eq!(
            split_csv_line("a, \"b,c\" ,\"\"").expect("valid"),
            vec!["a".to_string(), "b,c".to_string(), String::new()]
        );
        assert!(split_csv_line("\"a\"b,c").is_err());
    }
}
