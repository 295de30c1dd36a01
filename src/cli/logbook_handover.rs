//! The logbook's columns about handing on (DOMAIN §9), after its 17 first ones:
//! `handling_agency,sent_at,result_delivery,intake_digitized,synced,sets,received_for`.
//! A file without them (the 17-column logbook) still imports: the dossier is then this
//! office's, never sent, one set, the wish taken from the channel, not digitized, not synced.

use chrono::NaiveDateTime;

use crate::clock::{parse_time, rfc3339};
use crate::domain::dossier::Dossier;
use crate::domain::handover::Delivery;
use crate::domain::text::clean;
use crate::i18n::tr;
use crate::store::ImportHandover;

#[cfg(test)]
const HANDOVER_COLUMNS: [&str; 7] =
    ["handling_agency", "sent_at", "result_delivery", "intake_digitized", "synced", "sets", "received_for"];

fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_string()
}

/// The seven values of one dossier, in `HANDOVER_COLUMNS` order.
pub fn fields(d: &Dossier) -> Vec<String> {
    let h = &d.handover;
    vec![
        h.agency.clone(),
        h.sent_at.map(rfc3339).unwrap_or_default(),
        h.delivery.map(|x| x.as_str().to_string()).unwrap_or_default(),
        flag(h.intake_digitized),
        flag(h.synced),
        d.sets.max(1).to_string(),
        h.received_for.clone(),
    ]
}

fn read_flag(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "" | "0" | "false" | "no" | "không" => Some(false),
        "1" | "true" | "yes" | "có" | "x" => Some(true),
        _ => None,
    }
}

/// Reads the seven columns of a row; `cell(name)` is None when the file has no such column.
/// Every bad value is named with its column; `received_at` bounds `sent_at`.
pub fn parse(
    cell: &dyn Fn(&str) -> Option<String>,
    received_at: Option<NaiveDateTime>,
    why: &mut Vec<String>,
) -> ImportHandover {
    let mut out = ImportHandover::default();
    let get = |c: &str| cell(c).map(|v| v.trim().to_string()).unwrap_or_default();
    out.agency = clean(&get("handling_agency"));
    let sent = get("sent_at");
    if !sent.is_empty() {
        match parse_time(&sent) {
            Some(t) if received_at.is_some_and(|r| t < r) => {
                why.push(format!("sent_at «{sent}»: {}", tr("trước thời điểm tiếp nhận", "before received_at")))
            }
            Some(t) => out.sent_at = Some(t),
            None => why.push(format!(
                "sent_at «{sent}»: {}",
                tr(
                    "không phải thời điểm (RFC 3339 hoặc YYYY-MM-DD HH:MM)",
                    "not a time (RFC 3339 or YYYY-MM-DD HH:MM)"
                )
            )),
        }
        if out.agency.is_empty() {
            why.push(format!(
                "sent_at: {}",
                tr("gửi mà không có handling_agency", "sent, but handling_agency is empty")
            ));
        }
    }
    let delivery = get("result_delivery");
    if !delivery.is_empty() {
        match Delivery::parse(&delivery) {
            Some(d) => out.delivery = Some(d),
            None => why.push(format!("result_delivery «{delivery}»: counter, post {} online", tr("hoặc", "or"))),
        }
    }
    for (c, slot) in [("intake_digitized", &mut out.intake_digitized), ("synced", &mut out.synced)] {
        let v = get(c);
        match read_flag(&v) {
            Some(b) => *slot = b,
            None => why.push(format!("{c} «{v}»: 0 {} 1", tr("hoặc", "or"))),
        }
    }
    let sets = get("sets");
    if !sets.is_empty() {
        match sets.parse::<u32>() {
            Ok(n) if (1..=99).contains(&n) => out.sets = Some(n),
            _ => why.push(format!("sets «{sets}»: {}", tr("số bộ từ 1 đến 99", "a number of sets from 1 to 99"))),
        }
    }
    out.received_for = clean(&get("received_for"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |c| pairs.iter().find(|(k, _)| *k == c).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_logbook_ends_with_these_columns() {
        let header = super::super::logbook::LOGBOOK_HEADER;
        assert_eq!(header[super::super::logbook::LOGBOOK_REQUIRED..], HANDOVER_COLUMNS);
    }

    #[test]
    fn a_17_column_row_is_this_offices_own() {
        let mut why = vec![];
        let h = parse(&cells(&[]), None, &mut why);
        assert!(why.is_empty());
        assert_eq!(h, ImportHandover::default());
    }

    #[test]
    fn bad_values_are_named_by_column() {
        let received = parse_time("2026-03-02 09:00");
        let row = [
            ("handling_agency", ""),
            ("sent_at", "2026-03-01 08:00"),
            ("result_delivery", "fax"),
            ("intake_digitized", "maybe"),
            ("synced", "1"),
            ("sets", "0"),
        ];
        let mut why = vec![];
        let h = parse(&cells(&row), received, &mut why);
        let text = why.join("; ");
        for c in ["sent_at", "result_delivery", "intake_digitized", "sets"] {
            assert!(text.contains(c), "{c} in {text}");
        }
        assert!(h.synced);
    }
}
