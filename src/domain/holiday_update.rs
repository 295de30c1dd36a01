//! Offering an office the holiday table that ships with motcua (issue 9 item 6).
//!
//! The Prime Minister fixes each year's days off late, sometimes after a provisional table
//! was already in use, so a database made with an older motcua holds rows that are now
//! wrong or missing (2026: Monday 31/8 off in exchange for Saturday 22/8). The head's table
//! is theirs: motcua only offers the official rows that differ, and applies them when asked.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::calendar::{parse_holidays_csv, HolidayRow};

/// The table in assets/, as this build ships it.
pub const SHIPPED_HOLIDAYS_CSV: &str = include_str!("../../assets/holidays.csv");

/// The shipped table, parsed (it is checked by a test, so an error here is a build mistake).
pub fn shipped_holidays() -> Vec<HolidayRow> {
    parse_holidays_csv(SHIPPED_HOLIDAYS_CSV).unwrap_or_default()
}

/// One change offered to the office's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayChange {
    /// An official day the office's table does not have.
    Add(HolidayRow),
    /// The office's row for that day differs in kind or status from the official one.
    Replace { old: HolidayRow, new: HolidayRow },
    /// A row not yet official in the office's table, for a day the official table of a fixed
    /// year (every shipped row of it official) does not list: it turned out not to be off.
    Remove(HolidayRow),
}

impl HolidayChange {
    pub fn day(&self) -> NaiveDate {
        match self {
            HolidayChange::Add(r) | HolidayChange::Remove(r) | HolidayChange::Replace { new: r, .. } => r.0,
        }
    }
}

/// What the shipped official rows would change in `current`, by day. A row that differs only
/// in its name keeps the office's wording; rows the office added itself are never touched.
pub fn official_changes(current: &[HolidayRow], shipped: &[HolidayRow]) -> Vec<HolidayChange> {
    let have: BTreeMap<NaiveDate, &HolidayRow> = current.iter().map(|r| (r.0, r)).collect();
    let listed: BTreeMap<NaiveDate, &HolidayRow> = shipped.iter().map(|r| (r.0, r)).collect();
    let mut out = Vec::new();
    for new in shipped.iter().filter(|r| r.3 == "official") {
        match have.get(&new.0) {
            None => out.push(HolidayChange::Add(new.clone())),
            Some(old) if old.1 != new.1 || old.3 != new.3 => {
                out.push(HolidayChange::Replace { old: (*old).clone(), new: new.clone() })
            }
            Some(_) => {}
        }
    }
    let fixed_year = |y: i32| {
        let mut rows = shipped.iter().filter(|r| r.0.year() == y).peekable();
        rows.peek().is_some() && rows.all(|r| r.3 == "official")
    };
    for old in current.iter().filter(|r| r.3 != "official" && !listed.contains_key(&r.0) && fixed_year(r.0.year())) {
        out.push(HolidayChange::Remove(old.clone()));
    }
    out.sort_by_key(HolidayChange::day);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::DayKind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn row(day: &str, kind: DayKind, name: &str, status: &str) -> HolidayRow {
        (d(day), kind, name.into(), status.into())
    }

    #[test]
    fn the_shipped_table_has_the_2026_national_day_swap() {
        let rows = shipped_holidays();
        assert_eq!(rows.len(), 96 - 1, "every line of assets/holidays.csv but the header");
        let find = |day: &str| rows.iter().find(|r| r.0 == d(day)).cloned();
        assert_eq!(find("2026-08-22").map(|r| (r.1, r.3)), Some((DayKind::Work, "official".into())));
        assert_eq!(find("2026-08-31").map(|r| (r.1, r.3)), Some((DayKind::Off, "official".into())));
        assert_eq!(find("2026-01-10").map(|r| r.3), Some("official".into()));
    }

    #[test]
    fn only_official_differences_are_offered() {
        let current = vec![
            row("2026-01-10", DayKind::Work, "Làm bù cho 2/1", "believed"),
            row("2026-09-01", DayKind::Off, "Quốc khánh", "believed"),
            row("2026-09-02", DayKind::Off, "Lễ Quốc khánh", "official"),
            row("2026-09-04", DayKind::Off, "Nghỉ bù (dự đoán)", "provisional"),
            row("2026-11-20", DayKind::Off, "Ngày của xã", "official"),
            row("2027-02-12", DayKind::Off, "Dự kiến", "provisional"),
        ];
        let shipped = vec![
            row("2026-01-10", DayKind::Work, "Làm bù cho 2/1", "official"),
            row("2026-08-22", DayKind::Work, "Làm bù cho 31/8", "official"),
            row("2026-09-01", DayKind::Off, "Quốc khánh", "official"),
            row("2026-09-02", DayKind::Off, "Quốc khánh", "official"),
            row("2027-02-05", DayKind::Off, "Tết", "provisional"),
        ];
        let changes = official_changes(&current, &shipped);
        let days: Vec<String> = changes.iter().map(|c| c.day().to_string()).collect();
        // 2/9 differs only in name; 20/11 is the office's own; 2027 is not fixed yet.
        assert_eq!(days, ["2026-01-10", "2026-08-22", "2026-09-01", "2026-09-04"]);
        assert!(matches!(&changes[1], HolidayChange::Add(r) if r.1 == DayKind::Work));
        assert!(matches!(&changes[3], HolidayChange::Remove(r) if r.3 == "provisional"));
        assert!(official_changes(&shipped, &shipped).is_empty(), "nothing to offer twice");
    }
}
