//! A catalogue file read into the catalogue the office already has (issue 9 item 7).
//!
//! A published catalogue says what the law says: names, time limits, papers. The office head
//! then sets what the file does not know: working hours instead of days, the afternoon
//! cut-off, the restart rule, the provincial fee, whether the procedure is offered. Reading
//! the file again must not undo that, so each row says only what its file carries, and the
//! rest comes from the procedure as it stands.

use std::collections::BTreeMap;

use chrono::NaiveTime;

use super::calendar::{DayCount, MAX_LIMIT_DAYS, MAX_LIMIT_HOURS};
use super::dossier::{OnlineLevel, Procedure, ResumeRule};

/// The afternoon cut-off of same-day procedures unless the file or the head says otherwise
/// (Decree 23/2015 for chứng thực; DOMAIN §2).
pub const DEFAULT_CUTOFF: NaiveTime = match NaiveTime::from_hms_opt(15, 0, 0) {
    Some(t) => t,
    None => panic!("not a time of day"),
};

/// One row of a catalogue file. `None` in an optional field: the file does not carry the
/// column. For the head's settings (day kind, cut-off, hours, fee, restart rule, active) an
/// empty cell counts as not carried too: an empty fee means "set by the province", not "free".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogueRow {
    /// The physical line of the file the row starts on (the header is line 1).
    pub line: usize,
    pub code: String,
    pub name: String,
    pub field: String,
    /// processing_days; an empty cell: the file gives no time limit.
    pub days: Option<u32>,
    pub name_en: Option<String>,
    /// For table cells ("Khai sinh").
    pub short_name: Option<String>,
    pub short_name_en: Option<String>,
    pub level: Option<String>,
    pub online: Option<OnlineLevel>,
    pub papers: Option<Vec<String>>,
    /// required_documents_en: the same papers in English, as many and in the same order.
    pub papers_en: Option<Vec<String>>,
    pub legal_basis: Option<String>,
    pub note: Option<String>,
    pub day_kind: Option<DayCount>,
    /// Some(None): the file says "no cut-off".
    pub cutoff: Option<Option<NaiveTime>>,
    pub hours: Option<u32>,
    pub fee_vnd: Option<i64>,
    pub resume: Option<ResumeRule>,
    pub active: Option<bool>,
}

/// Why a row cannot go into the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueProblem {
    /// The same code on an earlier line of the same file.
    DuplicateCode {
        code: String,
        first_line: usize,
    },
    /// The row leaves an active procedure without a time limit, so it would stop being
    /// offered, and the file does not say `active` = no.
    SilentDeactivation {
        code: String,
    },
    /// `active` = yes on a procedure without a time limit.
    ActiveWithoutLimit {
        code: String,
    },
    DaysOutOfRange {
        code: String,
        days: u32,
    },
    HoursOutOfRange {
        code: String,
        hours: u32,
    },
}

/// Every code that appears again after its first line, as (line, problem).
pub fn duplicate_codes(rows: &[CatalogueRow]) -> Vec<(usize, CatalogueProblem)> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for r in rows {
        match first.get(r.code.as_str()) {
            Some(&first_line) => {
                out.push((r.line, CatalogueProblem::DuplicateCode { code: r.code.clone(), first_line }))
            }
            None => {
                first.insert(&r.code, r.line);
            }
        }
    }
    out
}

/// A time limit a procedure may state: 0–365 days, 1–720 working hours (DOMAIN §2).
pub fn check_limits(p: &Procedure) -> Result<(), CatalogueProblem> {
    if let Some(days) = p.days.filter(|d| *d > MAX_LIMIT_DAYS) {
        return Err(CatalogueProblem::DaysOutOfRange { code: p.code.clone(), days });
    }
    if let Some(hours) = p.hours.filter(|h| *h == 0 || *h > MAX_LIMIT_HOURS) {
        return Err(CatalogueProblem::HoursOutOfRange { code: p.code.clone(), hours });
    }
    Ok(())
}

/// The procedure after `row` is read, given the procedure as it stands (None: a new one).
pub fn merge(row: &CatalogueRow, existing: Option<&Procedure>) -> Result<Procedure, CatalogueProblem> {
    let text = |given: &Option<String>, old: fn(&Procedure) -> &String| {
        given.clone().or_else(|| existing.map(|p| old(p).clone())).unwrap_or_default()
    };
    let days = row.days;
    // A cut-off only ever means something for a same-day procedure: the head's cut-off is
    // kept while the procedure stays same-day; one that becomes same-day gets the default.
    let cutoff = match (row.cutoff, existing) {
        (Some(given), _) => given,
        (None, Some(old)) if old.days == Some(0) && days == Some(0) => old.cutoff,
        (None, _) => days.filter(|d| *d == 0).map(|_| DEFAULT_CUTOFF),
    };
    let mut p = Procedure {
        code: row.code.clone(),
        name: row.name.clone(),
        name_en: text(&row.name_en, |p| &p.name_en),
        short_name: text(&row.short_name, |p| &p.short_name),
        short_name_en: text(&row.short_name_en, |p| &p.short_name_en),
        field: row.field.clone(),
        level: text(&row.level, |p| &p.level),
        days,
        day_kind: row.day_kind.or(existing.map(|p| p.day_kind)).unwrap_or_default(),
        cutoff,
        hours: row.hours.or(existing.and_then(|p| p.hours)),
        fee_vnd: row.fee_vnd.or(existing.and_then(|p| p.fee_vnd)),
        online: row.online.or(existing.map(|p| p.online)).unwrap_or(OnlineLevel::None),
        papers: row.papers.clone().or_else(|| existing.map(|p| p.papers.clone())).unwrap_or_default(),
        papers_en: english_papers(row, existing),
        legal_basis: text(&row.legal_basis, |p| &p.legal_basis),
        note: text(&row.note, |p| &p.note),
        resume: row.resume.or(existing.map(|p| p.resume)).unwrap_or(ResumeRule::Remaining),
        active: false,
    };
    check_limits(&p)?;
    let has_limit = p.time_limit().is_some();
    p.active = match (row.active, existing) {
        (Some(true), _) if !has_limit => return Err(CatalogueProblem::ActiveWithoutLimit { code: p.code }),
        (Some(active), _) => active,
        // A new procedure is offered as soon as it has a time limit.
        (None, None) => has_limit,
        (None, Some(old)) if old.active && !has_limit => {
            return Err(CatalogueProblem::SilentDeactivation { code: p.code })
        }
        (None, Some(old)) if old.active => true,
        // Inactive only because it had no time limit: that was never the head's choice, and
        // now that the file gives one it is offered. Switched off by the head: it stays off.
        (None, Some(old)) => old.time_limit().is_none() && has_limit,
    };
    Ok(p)
}

/// The English papers after a row: the file's own list when it has one; the stored list while
/// the Vietnamese papers stay as they were; none once the file changes the Vietnamese papers
/// without giving English (an old translation would name papers no longer asked for).
fn english_papers(row: &CatalogueRow, existing: Option<&Procedure>) -> Vec<String> {
    match (&row.papers_en, &row.papers, existing) {
        (Some(en), _, _) => en.clone(),
        (None, Some(vi), Some(old)) if *vi != old.papers => vec![],
        (None, _, Some(old)) => old.papers_en.clone(),
        (None, _, None) => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::TimeLimit;

    fn row(code: &str, days: Option<u32>) -> CatalogueRow {
        CatalogueRow {
            line: 2,
            code: code.into(),
            name: "Thử".into(),
            field: "Hộ tịch".into(),
            days,
            ..Default::default()
        }
    }

    fn head_set() -> Procedure {
        Procedure {
            hours: Some(4),
            cutoff: None,
            fee_vnd: Some(8_000),
            resume: ResumeRule::Restart,
            day_kind: DayCount::Calendar,
            papers: vec!["Tờ khai".into()],
            ..Procedure::new("1.1", "Cũ", "Hộ tịch", 3)
        }
    }

    #[test]
    fn the_heads_settings_stay_when_the_file_does_not_carry_them() {
        let old = head_set();
        let p = merge(&row("1.1", Some(5)), Some(&old)).unwrap();
        assert_eq!(p.name, "Thử", "the file's name");
        assert_eq!(p.days, Some(5), "the file's days");
        assert_eq!(p.hours, Some(4));
        assert_eq!(p.fee_vnd, Some(8_000));
        assert_eq!(p.resume, ResumeRule::Restart);
        assert_eq!(p.day_kind, DayCount::Calendar);
        assert_eq!(p.papers, vec!["Tờ khai".to_string()]);
        assert!(p.active);
    }

    #[test]
    fn what_the_file_carries_wins() {
        let r = CatalogueRow {
            fee_vnd: Some(0),
            resume: Some(ResumeRule::Remaining),
            day_kind: Some(DayCount::Working),
            papers: Some(vec![]),
            active: Some(false),
            ..row("1.1", Some(5))
        };
        let p = merge(&r, Some(&head_set())).unwrap();
        assert_eq!(
            (p.fee_vnd, p.resume, p.day_kind, p.active),
            (Some(0), ResumeRule::Remaining, DayCount::Working, false)
        );
        assert!(p.papers.is_empty());
    }

    #[test]
    fn a_same_day_cutoff_set_by_the_head_stays() {
        let old = Procedure { cutoff: None, ..Procedure::new("2.1", "Chứng thực", "Chứng thực", 0) };
        assert_eq!(merge(&row("2.1", Some(0)), Some(&old)).unwrap().cutoff, None, "the head took the cut-off away");
        assert_eq!(merge(&row("2.1", Some(0)), None).unwrap().cutoff, Some(DEFAULT_CUTOFF), "a new one: 15:00");
        let was_days = Procedure::new("2.1", "x", "y", 3);
        assert_eq!(merge(&row("2.1", Some(0)), Some(&was_days)).unwrap().cutoff, Some(DEFAULT_CUTOFF));
        let none = CatalogueRow { cutoff: Some(None), ..row("2.1", Some(0)) };
        assert_eq!(merge(&none, None).unwrap().time_limit(), Some(TimeLimit::SameDay { cutoff: None }));
    }

    #[test]
    fn an_active_procedure_is_not_switched_off_without_saying_so() {
        let old = Procedure::new("1.1", "Cũ", "Hộ tịch", 3);
        assert_eq!(
            merge(&row("1.1", None), Some(&old)),
            Err(CatalogueProblem::SilentDeactivation { code: "1.1".into() })
        );
        let said = CatalogueRow { active: Some(false), ..row("1.1", None) };
        assert!(!merge(&said, Some(&old)).unwrap().active);
        // Hours set by the head keep it offered.
        let by_hours = Procedure { hours: Some(8), days: None, ..old.clone() };
        assert!(merge(&row("1.1", None), Some(&by_hours)).unwrap().active);
        assert_eq!(
            merge(&CatalogueRow { active: Some(true), ..row("1.9", None) }, None),
            Err(CatalogueProblem::ActiveWithoutLimit { code: "1.9".into() })
        );
    }

    #[test]
    fn inactive_stays_inactive_unless_only_the_limit_was_missing() {
        let switched_off = Procedure { active: false, ..Procedure::new("1.1", "Cũ", "Hộ tịch", 3) };
        assert!(!merge(&row("1.1", Some(4)), Some(&switched_off)).unwrap().active);
        let no_limit = Procedure { active: false, days: None, ..switched_off };
        assert!(merge(&row("1.1", Some(4)), Some(&no_limit)).unwrap().active);
        assert!(!merge(&row("1.2", None), None).unwrap().active, "new, no limit: not offered");
    }

    #[test]
    fn limits_out_of_range_are_refused() {
        assert!(merge(&row("1.1", Some(365)), None).is_ok());
        assert_eq!(
            merge(&row("1.1", Some(366)), None),
            Err(CatalogueProblem::DaysOutOfRange { code: "1.1".into(), days: 366 })
        );
        assert!(merge(&CatalogueRow { hours: Some(720), ..row("1.1", None) }, None).is_ok());
        assert_eq!(
            merge(&CatalogueRow { hours: Some(721), ..row("1.1", None) }, None),
            Err(CatalogueProblem::HoursOutOfRange { code: "1.1".into(), hours: 721 })
        );
    }

    #[test]
    fn duplicates_name_both_lines() {
        let rows = [
            CatalogueRow { line: 2, ..row("1.1", Some(1)) },
            CatalogueRow { line: 3, ..row("1.2", Some(1)) },
            CatalogueRow { line: 5, ..row("1.1", Some(2)) },
        ];
        assert_eq!(
            duplicate_codes(&rows),
            vec![(5, CatalogueProblem::DuplicateCode { code: "1.1".into(), first_line: 2 })]
        );
    }
}
