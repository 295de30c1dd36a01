//! The catalogue CSV's columns about handing procedures on (DOMAIN §8–§9): `agency` (the
//! handling agency's code, empty = this office), `bundle` (component codes joined by `+`,
//! optionally `code:N` for a step's own working days inside the bundle) and `book` (the
//! certification book: chung_thuc, chung_thuc_chu_ky, chung_thuc_hop_dong). A file without
//! one of these columns leaves it as the head set it.

use std::collections::HashSet;

use crate::domain::handover::{parse_bundle, Agency, Book, Component};
use crate::domain::text::clean;
use crate::i18n::tr;

pub const AGENCIES_CSV: &str = include_str!("../../assets/agencies.csv");

/// One row's values for the columns the file carries (None: the file has no such column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// The physical line the row starts on.
    pub line: usize,
    pub code: String,
    pub agency: Option<String>,
    pub bundle: Option<Vec<Component>>,
    pub book: Option<Option<Book>>,
}

/// Reads the three columns of every row; bad values as "line N: reason".
pub fn parse_links(text: &str) -> Result<Vec<LinkRow>, Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("line 1: {e}")]),
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (code_col, agency_col, bundle_col, book_col) = (col("code"), col("agency"), col("bundle"), col("book"));
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => continue, // the catalogue parser names this line
        }
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |i: Option<usize>| i.map(|i| clean(record.get(i).unwrap_or("")));
        let code = get(code_col).unwrap_or_default();
        if code.is_empty() {
            continue;
        }
        let mut why = Vec::new();
        let bundle = match get(bundle_col) {
            None => None,
            Some(b) => match parse_bundle(&b) {
                Ok(list) => Some(list),
                Err(e) => {
                    why.push(format!(
                        "bundle {e}: {}",
                        tr(
                            "mã thủ tục thành phần nối bằng + (ít nhất 2, mỗi mã một lần, mã:N ngày nếu khác)",
                            "component codes joined by + (at least 2, each once, code:N days where different)"
                        )
                    ));
                    None
                }
            },
        };
        if bundle.as_ref().is_some_and(|b| b.iter().any(|c| c.code == code)) {
            why.push(format!("bundle: {code} {}", tr("không gồm chính nó", "cannot contain itself")));
        }
        let book = match get(book_col) {
            None => None,
            Some(b) if b.is_empty() => Some(None),
            Some(b) => match Book::parse(&b) {
                Some(k) => Some(Some(k)),
                None => {
                    why.push(format!(
                        "book «{b}»: {}",
                        Book::ALL.map(|b| b.as_str()).join(", ") + tr(" hoặc để trống", " or empty")
                    ));
                    None
                }
            },
        };
        if !why.is_empty() {
            bad.push(format!("line {line}: {}", why.join("; ")));
            continue;
        }
        out.push(LinkRow { line, code, agency: get(agency_col), bundle, book });
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

/// Rows that name an agency or a bundle component nobody knows: neither in `known_agencies`
/// nor among `known_codes` (the file's own codes and the catalogue's).
pub fn unknown_references(rows: &[LinkRow], known_codes: &HashSet<String>, known_agencies: &[Agency]) -> Vec<String> {
    let mut bad = Vec::new();
    for r in rows {
        if let Some(a) = r.agency.as_deref().filter(|a| !a.is_empty()) {
            if !known_agencies.iter().any(|k| k.code == a) {
                bad.push(format!("line {}: agency: {}", r.line, crate::store::unknown_agency(a, known_agencies)));
            }
        }
        for c in r.bundle.iter().flatten() {
            if !known_codes.contains(&c.code) {
                bad.push(format!(
                    "line {}: bundle: «{}» {}",
                    r.line,
                    c.code,
                    tr("không có trong danh mục", "is not in the catalogue")
                ));
            }
        }
    }
    bad
}

/// The agencies file (code,name), as shipped in assets/.
pub fn parse_agencies(text: &str) -> Result<Vec<Agency>, Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                let code = clean(r.get(0).unwrap_or(""));
                let name = clean(r.get(1).unwrap_or(""));
                if code.is_empty() || name.is_empty() {
                    bad.push(format!("line {line}: {}", tr("cần mã và tên", "a code and a name are needed")));
                } else {
                    out.push(Agency { code, name });
                }
            }
            Err(e) => bad.push(e.to_string()),
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

/// Writes the parsed catalogue rows and their handing-on columns in one transaction, after
/// checking that every agency and bundle component named exists. Ok(Err(lines)): every bad
/// line as "line N: reason", and nothing changed.
pub fn upsert(
    store: &mut crate::store::Store,
    actor: &str,
    text: &str,
    rows: &[crate::domain::catalogue::CatalogueRow],
) -> anyhow::Result<Result<(usize, usize), Vec<String>>> {
    let links = match parse_links(text) {
        Ok(l) => l,
        Err(bad) => return Ok(Err(bad)),
    };
    let mut known: HashSet<String> = rows.iter().map(|r| r.code.clone()).collect();
    known.extend(store.procedures(false)?.into_iter().map(|p| p.code));
    let bad = unknown_references(&links, &known, &store.agencies()?);
    if !bad.is_empty() {
        return Ok(Err(bad));
    }
    let mut merged = Vec::new();
    for r in links {
        // A column the file does not carry keeps what the head set.
        let mut l = store.procedure_links(&r.code)?;
        if let Some(a) = r.agency {
            l.agency = a;
        }
        if let Some(b) = r.bundle {
            l.bundle = b;
        }
        if let Some(b) = r.book {
            l.book = b;
        }
        merged.push((r.code, l));
    }
    Ok(store.import_catalogue_linked(actor, rows, &merged)?.map_err(|bad| {
        bad.iter()
            .map(|(line, why)| format!("line {line}: {}", crate::store::error::catalogue_problem_text(why)))
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_bundles_name_known_components() {
        let text = include_str!("../../assets/procedures.csv");
        let rows = parse_links(text).unwrap();
        let codes: HashSet<String> = rows.iter().map(|r| r.code.clone()).collect();
        let agencies = parse_agencies(AGENCIES_CSV).unwrap();
        assert_eq!(unknown_references(&rows, &codes, &agencies), Vec::<String>::new());
        let bundles: Vec<&LinkRow> = rows.iter().filter(|r| r.bundle.as_ref().is_some_and(|b| !b.is_empty())).collect();
        assert_eq!(bundles.len(), 2, "the two bundles of DOMAIN §8");
    }

    /// An existing database gets the shipped agencies with the migration: the two lists agree.
    #[test]
    fn the_migration_brings_the_shipped_agencies() {
        let store = crate::store::Store::in_memory().unwrap();
        let mut shipped = parse_agencies(AGENCIES_CSV).unwrap();
        shipped.sort_by(|a, b| a.code.cmp(&b.code));
        assert_eq!(store.agencies().unwrap(), shipped);
    }

    #[test]
    fn an_unknown_component_is_named_with_its_line() {
        // The quoted note spans two physical lines, so the row of 9.9 starts on line 4.
        let text = "code,name_vi,field_vi,processing_days,processing_note,bundle\n\
                    1.1,A,F,1,\"one\ntwo\",\n\
                    9.9,Bundle,F,,,1.1+7.7\n";
        let rows = parse_links(text).unwrap();
        let codes: HashSet<String> = rows.iter().map(|r| r.code.clone()).collect();
        let bad = unknown_references(&rows, &codes, &[]);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].starts_with("line 4: bundle: «7.7»"), "{}", bad[0]);
        let bad = parse_links("code,bundle,book\n1.1,1.1+1.2,\n2.2,,sổ\n").unwrap_err();
        assert!(bad[0].starts_with("line 2:") && bad[1].starts_with("line 3:"), "{bad:?}");
    }
}
