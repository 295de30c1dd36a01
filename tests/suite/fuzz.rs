//! Property tests: whatever a clerk pastes or a spreadsheet exports, the readers and validators
//! answer with a value — never a panic — and the logbook import names every bad line.

use std::collections::HashMap;

use chrono::NaiveDate;
use motcua::cli::{parse_logbook, parse_procedures_csv, LOGBOOK_HEADER};
use motcua::domain::calendar::{parse_holidays_csv, CounterHours};
use motcua::domain::code::{check_agency_code, parse_dossier_code};
use motcua::domain::validate::{check_name, check_personal_id, check_phone};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 8).unwrap()
}

fn catalogue() -> HashMap<String, bool> {
    HashMap::from([("1.000689".to_string(), true), ("2.000001".to_string(), false)])
}

/// A field value: often a plausible one, sometimes noise (never a line break: one record, one line).
fn field(good: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(good).prop_map(str::to_string),
        1 => "[^\r\n]{0,16}",
        1 => "[0-9 .:+T-]{0,25}",
    ]
}

fn logbook_row() -> impl Strategy<Value = Vec<String>> {
    (
        (
            field(&["", "000.17.22.H56-240101-0001", "000.17.22.H56-240102-0007"]),
            field(&["1.000689", "2.000001", "9.999999"]),
            field(&["Nguyễn Văn An", "Trần Thị Bích", "", "An2"]),
            field(&["", "038095001234", "001203004567", "12345"]),
            field(&["", "0912345678", "912345678"]),
            field(&["thôn Đông", ""]),
            field(&["in_person", "online", "postal", "fax"]),
            field(&["2024-01-02T08:00:00+07:00", "2024-01-03 09:30", "", "02/01/2024"]),
        ),
        (
            field(&["", "2024-01-10", "2023-12-01"]),
            field(&["", "2024-01-05T10:00:00+07:00"]),
            field(&["", "2024-01-06T10:00:00+07:00"]),
            field(&["received", "in_progress", "ready", "returned", "rejected", "withdrawn", "done"]),
            field(&["", "0", "50000", "-1"]),
            field(&["0", "1", "có", "maybe"]),
            field(&["0", "1"]),
            field(&["", "hung"]),
            field(&["", "ghi chú"]),
        ),
    )
        .prop_map(|(a, b)| vec![a.0, a.1, a.2, a.3, a.4, a.5, a.6, a.7, b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7, b.8])
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
    w.write_record(LOGBOOK_HEADER).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// "line N: ..." → N
fn line_of(bad: &str) -> usize {
    bad.strip_prefix("line ")
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a bad line that does not say which: {bad}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every non-blank line is either imported or named as bad, exactly once, by its number.
    #[test]
    fn every_logbook_line_is_imported_or_named(rows in proptest::collection::vec(logbook_row(), 0..12)) {
        let text = csv_text(&rows);
        let (good, bad) = parse_logbook(&text, &catalogue(), today());
        let mut seen: Vec<usize> = good.iter().map(|r| r.line).chain(bad.iter().map(|b| line_of(b))).collect();
        seen.sort();
        let expected: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.iter().all(|f| f.trim().is_empty()))
            .map(|(i, _)| i + 2)
            .collect();
        prop_assert_eq!(seen, expected);
        for r in &good {
            prop_assert!(catalogue().contains_key(&r.procedure_code));
            prop_assert!(!r.applicant_name.is_empty());
            prop_assert!(r.due_date.is_none_or(|d| d >= r.received_at.date()));
        }
    }

    /// Short rows, long rows, stray quotes, BOMs and any other bytes: an answer, not a panic.
    #[test]
    fn the_logbook_reader_survives_any_text(junk in "\\PC{0,400}", keep_header in any::<bool>()) {
        let text = if keep_header { format!("{}\n{junk}", LOGBOOK_HEADER.join(",")) } else { junk };
        let (good, bad) = parse_logbook(&text, &catalogue(), today());
        for b in &bad {
            line_of(b);
        }
        for r in &good {
            prop_assert!(r.line >= 2);
        }
    }

    #[test]
    fn the_catalogue_and_holiday_readers_survive_any_text(junk in "\\PC{0,300}") {
        for text in [junk.clone(), format!("code,name_vi,field_vi,processing_days\n{junk}"),
                     format!("date,kind,name,status\n{junk}")] {
            if let Err(bad) = parse_procedures_csv(&text) {
                prop_assert!(bad.iter().all(|b| b.starts_with("line ")), "{:?}", bad);
            }
            let _ = parse_holidays_csv(&text);
        }
    }

    #[test]
    fn the_validators_answer_any_text(s in "\\PC{0,40}", digits in "[0-9]{0,14}") {
        for input in [s.as_str(), digits.as_str()] {
            if let Ok(name) = check_name(input) {
                prop_assert!(!name.is_empty() && name.chars().count() <= 100);
                prop_assert!(!name.chars().any(|c| c.is_ascii_digit()));
            }
            if let Ok((id, _)) = check_personal_id(input, today()) {
                prop_assert!(id.len() == 12 || id.len() == 9);
                prop_assert!(id.chars().all(|c| c.is_ascii_digit()));
            }
            if let Ok(phone) = check_phone(input) {
                prop_assert!(phone.len() == 10 && phone.starts_with('0'));
            }
            if let Ok(code) = check_agency_code(input) {
                prop_assert_eq!(code.len(), 13);
            }
            let _ = parse_dossier_code(input);
            let _ = CounterHours::parse(input);
            let _ = motcua::clock::parse_time(input);
        }
    }
}
