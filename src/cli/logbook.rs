//! The dossier logbook (Sổ theo dõi hồ sơ, Mẫu 06) as CSV: export, and an all-or-nothing
//! import that names every bad line. Export → import into an empty database → export gives
//! the same bytes.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, bail, Result};
use chrono::{NaiveDate, NaiveDateTime};

use super::{parse_day, write_output, xlsx_out, Context, PeriodArgs};
use crate::clock::{parse_time, rfc3339};
use crate::domain::code::parse_dossier_code;
use crate::domain::dossier::{Channel, Dossier};
use crate::domain::status::Status;
use crate::domain::text::{clean, nfc};
use crate::domain::validate::{check_name, check_personal_id, check_phone};
use crate::export::logbook_xlsx;
use crate::i18n::{problem_text, tr};
use crate::store::ImportRow;

/// The first 17 columns every logbook has (a file without the handing-on columns that follow
/// still imports).
pub const LOGBOOK_REQUIRED: usize = 17;

/// The logbook's columns, in the order they are written: the 17 first ones, then the handing-on
/// columns (cli/logbook_handover.rs).
pub const LOGBOOK_HEADER: [&str; 24] = [
    "code",
    "procedure_code",
    "applicant_name",
    "applicant_id",
    "phone",
    "address",
    "channel",
    "received_at",
    "due_date",
    "resolved_at",
    "returned_at",
    "status",
    "fee_vnd",
    "paid_online",
    "result_digitized",
    "assignee",
    "note",
    "handling_agency",
    "sent_at",
    "result_delivery",
    "intake_digitized",
    "synced",
    "sets",
    "received_for",
];

fn opt_time(t: Option<NaiveDateTime>) -> String {
    t.map(rfc3339).unwrap_or_default()
}

/// Calls its argument with each dossier to write, in order.
pub type EachDossier<'a> = &'a mut dyn FnMut(&mut dyn FnMut(&Dossier) -> Result<()>) -> Result<()>;

/// The logbook columns of one dossier, in `LOGBOOK_HEADER` order: the CSV line and the xlsx
/// data sheet are both written from this, so they carry the same values.
pub fn logbook_fields(d: &Dossier) -> Vec<String> {
    // A withdrawn dossier keeps its withdrawal time in resolved_at: the logbook has no column of its own for it.
    let resolved = if d.status == Status::Withdrawn { d.withdrawn_at } else { d.resolved_at };
    vec![
        d.code.clone(),
        d.procedure_code.clone(),
        d.applicant_name.clone(),
        d.applicant_id.clone(),
        d.phone.clone(),
        d.address.clone(),
        d.channel.as_str().to_string(),
        rfc3339(d.received_at),
        d.due_date.format("%Y-%m-%d").to_string(),
        opt_time(resolved),
        opt_time(d.returned_at),
        d.status.as_str().to_string(),
        d.fee_vnd.to_string(),
        if d.paid_online { "1" } else { "0" }.to_string(),
        if d.result_digitized { "1" } else { "0" }.to_string(),
        d.assignee.clone(),
        d.note.clone(),
    ]
    .into_iter()
    .chain(super::logbook_handover::fields(d))
    .collect()
}

/// Writes the header and one line per dossier, after a UTF-8 byte-order mark so that a
/// spreadsheet opened with its default settings reads the Vietnamese letters right.
pub fn write_logbook(out: &mut dyn Write, each: EachDossier) -> Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(LOGBOOK_HEADER)?;
    each(&mut |d: &Dossier| {
        w.write_record(logbook_fields(d))?;
        Ok(())
    })?;
    w.flush()?;
    Ok(())
}

fn flag(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "false" | "no" | "không" => Some(false),
        "1" | "true" | "yes" | "có" | "x" => Some(true),
        _ => None,
    }
}

/// A logbook as rows of text cells, from a CSV file or a workbook's data sheet: the header
/// and each row with its physical line (row) number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogbookTable {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// What an import found: the good rows, every bad line as "line N: what is wrong", and what
/// it repaired of a spreadsheet's doing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedLogbook {
    pub rows: Vec<ImportRow>,
    pub bad: Vec<String>,
    /// ID numbers (11 digits) and phones (9 digits) whose leading 0 was restored.
    pub zeros_restored: usize,
    /// Procedure codes a spreadsheet had made numbers ("2.00072"), matched to the catalogue.
    pub codes_matched: usize,
}

/// The CSV as a table. Line numbers are the file's physical lines: blank lines and line
/// breaks inside quoted fields count, as in any editor. Err: the lines that cannot be read.
pub fn csv_table(text: &str) -> Result<LogbookTable, Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut table = LogbookTable::default();
    let mut bad = Vec::new();
    let mut first = true;
    let mut record = csv::StringRecord::new();
    // The reader's own line count lags a line behind CRLF files, so lines are counted here: the
    // record starts at the first byte past its position that is not a line break (blank lines
    // before it are skipped by the reader too).
    let bytes = text.as_bytes();
    let breaks: Vec<usize> = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i).collect();
    let line_at = |pos: Option<&csv::Position>| {
        let mut at = pos.map_or(0, |p| p.byte() as usize).min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        breaks.partition_point(|&b| b < at) + 1
    };
    loop {
        let start = rdr.position().clone();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_at(record.position().or(Some(&start)));
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
                if first {
                    // A byte-order mark read as text (inside the first quotes) is not part of the name.
                    table.header = cells.iter().map(|s| s.trim().trim_start_matches('\u{feff}').to_string()).collect();
                    first = false;
                } else {
                    table.rows.push((line, cells));
                }
            }
            Err(e) => {
                let line = line_at(e.position().or(Some(&start)));
                if first {
                    return Err(vec![format!("line {line}: {e}")]);
                }
                // A reading error (a broken quote) leaves the rest of the file unreadable.
                bad.push(format!("line {line}: {e}"));
                break;
            }
        }
    }
    if first {
        return Err(vec![format!("line 1: {}", tr("tệp trống", "the file is empty"))]);
    }
    if bad.is_empty() {
        Ok(table)
    } else {
        Err(bad)
    }
}

/// An ID number or phone as a spreadsheet may have left it, a number without its leading
/// zeros, padded back to `digits`; true when restored. A spreadsheet drops every leading 0,
/// so `lost` says how many may have been there: a 12-digit ID starts with its 3-digit
/// province code, 001–096, so one or two; a 10-digit phone starts with a single 0.
fn restore_zero(v: &str, digits: usize, lost: usize) -> (String, bool) {
    let v = v.trim();
    if v.len() < digits && v.len() + lost >= digits && v.bytes().all(|b| b.is_ascii_digit()) {
        (format!("{v:0>digits$}"), true)
    } else {
        (v.to_string(), false)
    }
}

/// A procedure code a spreadsheet turned into a number ("2.00072" for "2.000720"): the one
/// catalogue code of the same value, if exactly one fits.
fn code_from_number<'a>(v: &str, procedures: &'a HashMap<String, bool>) -> Result<&'a String, usize> {
    let Ok(value) = v.trim().parse::<f64>() else { return Err(0) };
    let fits: Vec<&String> = procedures.keys().filter(|c| c.parse::<f64>().is_ok_and(|n| n == value)).collect();
    match fits.as_slice() {
        [one] => Ok(one),
        more => Err(more.len()),
    }
}

/// Reads a logbook. Returns the good rows and every bad line as "line N: what is wrong".
/// `procedures` maps each known code to whether it has a time limit.
pub fn parse_logbook(
    text: &str,
    procedures: &HashMap<String, bool>,
    today: NaiveDate,
) -> (Vec<ImportRow>, Vec<String>) {
    let parsed = match csv_table(text) {
        Ok(table) => read_logbook(&table, procedures, today),
        Err(bad) => ParsedLogbook { bad, ..Default::default() },
    };
    (parsed.rows, parsed.bad)
}

/// Checks every row of a logbook table.
pub fn read_logbook(table: &LogbookTable, procedures: &HashMap<String, bool>, today: NaiveDate) -> ParsedLogbook {
    let mut out = ParsedLogbook::default();
    let headers = &table.header;
    let missing: Vec<&str> =
        LOGBOOK_HEADER[..LOGBOOK_REQUIRED].iter().copied().filter(|c| !headers.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        out.bad.push(format!("line 1: {} {}", tr("thiếu cột", "missing columns"), missing.join(", ")));
        return out;
    }
    let col: HashMap<&str, usize> = LOGBOOK_HEADER[..LOGBOOK_REQUIRED]
        .iter()
        .map(|c| (*c, headers.iter().position(|h| h == c).unwrap_or(0)))
        .collect();
    let bad = &mut out.bad;
    let rows = &mut out.rows;
    let mut seen_codes: HashMap<String, usize> = HashMap::new();
    for (line, rec) in &table.rows {
        let line = *line;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != headers.len() {
            bad.push(format!(
                "line {line}: {} {} {} {} — {}",
                rec.len(),
                tr("cột, trong khi dòng tiêu đề có", "columns where the header has"),
                headers.len(),
                tr("cột", "columns"),
                tr("thiếu hoặc thừa dấu phẩy?", "a comma missing or one too many?")
            ));
            continue;
        }
        let get = |c: &str| rec.get(col[c]).map_or("", |v| v.as_str()).to_string();
        let mut why: Vec<String> = Vec::new();
        let mut time = |c: &str, required: bool| -> Option<NaiveDateTime> {
            let v = get(c);
            if v.trim().is_empty() {
                if required {
                    why.push(format!("{c}: {}", tr("chưa có", "empty")));
                }
                return None;
            }
            let t = parse_time(&v);
            if t.is_none() {
                why.push(format!(
                    "{c} «{v}»: {}",
                    tr(
                        "không phải thời điểm (RFC 3339 hoặc YYYY-MM-DD HH:MM)",
                        "not a time (RFC 3339 or YYYY-MM-DD HH:MM)"
                    )
                ));
            }
            t
        };
        let received_at = time("received_at", true);
        let resolved_at = time("resolved_at", false);
        let returned_at = time("returned_at", false);
        let code = clean(&get("code"));
        if !code.is_empty() {
            if let Some(first) = seen_codes.insert(code.clone(), line) {
                why.push(format!("code {code}: {} {first}", tr("trùng với dòng", "repeats line")));
            }
            match parse_dossier_code(&code) {
                None => why.push(format!(
                    "code «{code}»: {}",
                    tr(
                        "không đúng dạng mã hồ sơ MÃ_CƠ_QUAN-YYMMDD-NNNN (000.17.22.H56-240207-0001)",
                        "not a dossier code AGENCY-YYMMDD-NNNN (000.17.22.H56-240207-0001)"
                    )
                )),
                Some((_, day, _)) if received_at.is_some_and(|r| r.date() != day) => why.push(format!(
                    "code {code}: {} {}",
                    tr("ngày trong mã khác ngày tiếp nhận", "the day in the code is not the day received"),
                    received_at.map(|r| r.date().format("%d/%m/%Y").to_string()).unwrap_or_default()
                )),
                Some(_) => {}
            }
        }
        let mut procedure_code = clean(&get("procedure_code"));
        if !procedures.contains_key(&procedure_code) {
            match code_from_number(&procedure_code, procedures) {
                Ok(known) => {
                    procedure_code = known.clone();
                    out.codes_matched += 1;
                }
                Err(n) if n > 1 => why.push(format!(
                    "procedure_code «{procedure_code}»: {n} {}",
                    tr(
                        "mã trong danh mục cùng giá trị số — ghi đủ mã",
                        "catalogue codes have that value — write the code in full"
                    )
                )),
                Err(_) => {}
            }
        }
        let has_limit = procedures.get(&procedure_code).copied();
        if has_limit.is_none() && !why.iter().any(|w| w.starts_with("procedure_code")) {
            why.push(format!(
                "procedure_code «{procedure_code}»: {}",
                tr("không có trong danh mục", "not in the catalogue")
            ));
        }
        let name = check_name(&get("applicant_name"))
            .map_err(|p| why.push(format!("applicant_name: {}", problem_text(&p))))
            .ok();
        let (id_typed, id_fixed) = restore_zero(&get("applicant_id"), 12, 2);
        let (phone_typed, phone_fixed) = restore_zero(&get("phone"), 10, 1);
        let applicant_id = match id_typed.as_str() {
            "" => String::new(),
            v => check_personal_id(v, today)
                .map(|(id, _)| id)
                .map_err(|p| why.push(format!("applicant_id «{v}»: {}", problem_text(&p))))
                .unwrap_or_default(),
        };
        let phone = match phone_typed.as_str() {
            "" => String::new(),
            v => check_phone(v).map_err(|p| why.push(format!("phone «{v}»: {}", problem_text(&p)))).unwrap_or_default(),
        };
        let channel = Channel::parse(&get("channel"));
        if channel.is_none() {
            why.push(format!("channel «{}»: in_person, online {} postal", get("channel"), tr("hoặc", "or")));
        }
        let status = Status::parse(&get("status"));
        if status.is_none() {
            why.push(format!("status «{}»: {}", get("status"), tr("không có trạng thái này", "no such status")));
        }
        let due_date = match get("due_date").trim() {
            "" => {
                if has_limit == Some(false) {
                    why.push(format!(
                        "due_date: {}",
                        tr("trống, mà thủ tục chưa có thời hạn", "empty, and the procedure has no time limit")
                    ));
                }
                None
            }
            v => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    why.push(format!("due_date «{v}»: {}", tr("ngày dạng YYYY-MM-DD", "a date YYYY-MM-DD")));
                    None
                }
            },
        };
        let fee_vnd = match get("fee_vnd").trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(f) if f >= 0 => Some(f),
                _ => {
                    why.push(format!("fee_vnd «{v}»: {}", tr("số tiền không âm", "a non-negative amount")));
                    None
                }
            },
        };
        let mut flag_of = |c: &str| {
            flag(&get(c)).unwrap_or_else(|| {
                why.push(format!("{c} «{}»: 0 {} 1", get(c), tr("hoặc", "or")));
                false
            })
        };
        let paid_online = flag_of("paid_online");
        let result_digitized = flag_of("result_digitized");
        if let (Some(st), Some(rec_at)) = (status, received_at) {
            if st.is_pending() && resolved_at.is_some() {
                why.push(
                    tr("hồ sơ đang giải quyết không có resolved_at", "a pending dossier has no resolved_at").into(),
                );
            }
            if (st.is_resolved() || st == Status::Withdrawn) && resolved_at.is_none() {
                why.push(format!("resolved_at: {} {st}", tr("cần có với trạng thái", "required with status")));
            }
            if st == Status::Returned && returned_at.is_none() {
                why.push(format!("returned_at: {} returned", tr("cần có với trạng thái", "required with status")));
            }
            if resolved_at.is_some_and(|r| r < rec_at) || returned_at.is_some_and(|r| r < rec_at) {
                why.push(
                    tr("thời điểm giải quyết/trả trước thời điểm tiếp nhận", "resolved or returned before received")
                        .into(),
                );
            }
            if due_date.is_some_and(|d| d < rec_at.date()) {
                why.push(tr("hạn giải quyết trước ngày tiếp nhận", "due_date before the day received").into());
            }
        }
        // The handing-on columns, where the file has them.
        let cell = |c: &str| headers.iter().position(|h| h == c).and_then(|i| rec.get(i)).cloned();
        let handover = super::logbook_handover::parse(&cell, received_at, &mut why);
        if !why.is_empty() {
            bad.push(format!("line {line}: {}", why.join("; ")));
            continue;
        }
        out.zeros_restored += usize::from(id_fixed) + usize::from(phone_fixed);
        let (Some(name), Some(channel), Some(status), Some(received_at)) = (name, channel, status, received_at) else {
            continue;
        };
        rows.push(ImportRow {
            line,
            code: (!code.is_empty()).then_some(code),
            procedure_code,
            applicant_name: name,
            applicant_id,
            phone,
            address: clean(&get("address")),
            channel,
            received_at,
            due_date,
            resolved_at,
            returned_at,
            status,
            fee_vnd,
            paid_online,
            result_digitized,
            assignee: clean(&get("assignee")),
            note: nfc(get("note").trim()),
            handover,
        });
    }
    out
}

pub fn import(ctx: &Context, file: &Path, skip_bad: bool) -> Result<()> {
    let is_xlsx = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let table = if is_xlsx {
        // Read with the user's rights: the group could read the database's key.
        crate::account::as_real_group(|| crate::export::read_logbook_xlsx(file))?
    } else {
        let bytes =
            crate::account::as_real_group(|| std::fs::read(file)).map_err(|e| anyhow!("{}: {e}", file.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            anyhow!(
                "{}: {}",
                file.display(),
                tr("không phải UTF-8 — lưu lại tệp dạng CSV UTF-8", "not UTF-8 — save the file as CSV UTF-8")
            )
        })?;
        match csv_table(&text) {
            Ok(t) => t,
            Err(bad) => {
                for b in &bad {
                    eprintln!("{}: {b}", file.display());
                }
                bail!("{} {}", bad.len(), tr("dòng lỗi; không nhập dòng nào", "bad lines; nothing imported"));
            }
        }
    };
    let mut store = ctx.open()?;
    let procedures: HashMap<String, bool> =
        store.procedures(false)?.into_iter().map(|p| (p.code.clone(), p.time_limit().is_some())).collect();
    let parsed = read_logbook(&table, &procedures, ctx.now.date());
    let (rows, bad) = (parsed.rows, parsed.bad);
    // Codes already in the database are bad lines too, found before anything is written.
    let mut bad = bad;
    let mut taken = HashSet::new();
    for r in &rows {
        if let Some(c) = &r.code {
            if store.has_dossier(c)? {
                bad.push(format!(
                    "line {}: code {c}: {}",
                    r.line,
                    tr("đã có trong cơ sở dữ liệu", "already in the database")
                ));
                taken.insert(r.line);
            }
        }
    }
    bad.sort_by_key(|b| {
        b.split(':').next().and_then(|l| l.trim_start_matches("line ").parse::<usize>().ok()).unwrap_or(0)
    });
    for b in &bad {
        eprintln!("{}: {b}", file.display());
    }
    if !bad.is_empty() && !skip_bad {
        bail!(
            "{} {} — {}",
            bad.len(),
            tr("dòng lỗi; không nhập dòng nào", "bad lines; nothing imported"),
            tr(
                "sửa các dòng trên, hoặc dùng --skip-bad để nhập các dòng đúng",
                "fix the lines above, or use --skip-bad to import the good ones"
            )
        );
    }
    let good: Vec<ImportRow> = rows.into_iter().filter(|r| !taken.contains(&r.line)).collect();
    let codes = store.import_dossiers(&ctx.user, &good, ctx.now)?;
    println!("{} {} {}", tr("đã nhập", "imported"), codes.len(), tr("hồ sơ", "dossiers"));
    if parsed.zeros_restored > 0 {
        println!(
            "{} {} {}",
            tr("đã thêm lại số 0 đầu cho", "restored the leading zeros of"),
            parsed.zeros_restored,
            tr(
                "số định danh / số điện thoại (bảng tính đã bỏ mất)",
                "ID numbers / phones (a spreadsheet had dropped them)"
            )
        );
    }
    if parsed.codes_matched > 0 {
        println!(
            "{} {} {}",
            tr("đã nhận ra", "recognised"),
            parsed.codes_matched,
            tr("mã thủ tục bị bảng tính đổi thành số", "procedure codes a spreadsheet had turned into numbers")
        );
    }
    if !bad.is_empty() {
        println!("{} {}", tr("bỏ qua", "skipped"), bad.len());
    }
    Ok(())
}

pub fn export(ctx: &Context, period: &PeriodArgs, format: &str, out: Option<&Path>) -> Result<()> {
    let from = parse_day(&period.from, "--from")?;
    let to = parse_day(&period.to, "--to")?;
    if from > to {
        bail!("--from {from} > --to {to}");
    }
    if !matches!(format, "csv" | "xlsx") {
        bail!("--format {format}: csv {} xlsx", tr("hoặc", "or"));
    }
    let xlsx = if format == "xlsx" { Some(xlsx_out(out)?) } else { None };
    let store = ctx.open()?;
    if let Some(path) = xlsx {
        return logbook_xlsx(&store, from, to, &store.settings()?, path);
    }
    write_output(out, |w| write_logbook(w, &mut |f| store.each_dossier_received(from, to, |d| f(d))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(codes: &[&str]) -> HashMap<String, bool> {
        codes.iter().map(|c| (c.to_string(), true)).collect()
    }

    #[test]
    fn a_code_made_a_number_is_matched_only_when_one_code_fits() {
        let one = catalogue(&["2.000720", "1.000689"]);
        assert_eq!(code_from_number("2.00072", &one), Ok(&"2.000720".to_string()));
        assert_eq!(code_from_number("3.1", &one), Err(0));
        assert_eq!(code_from_number("x", &one), Err(0));
        let two = catalogue(&["1.00157", "1.001570"]);
        assert_eq!(code_from_number("1.00157", &two).map(|_| ()), Err(2));
    }

    #[test]
    fn only_a_number_short_by_the_zeros_it_can_have_gets_them_back() {
        assert_eq!(restore_zero("38166655494", 12, 2), ("038166655494".to_string(), true));
        // Hà Nội (001): two zeros gone.
        assert_eq!(restore_zero("1190012345", 12, 2), ("001190012345".to_string(), true));
        assert_eq!(restore_zero("119001234", 12, 2), ("119001234".to_string(), false), "an old 9-digit ID stays");
        assert_eq!(restore_zero(" 912345678 ", 10, 1), ("0912345678".to_string(), true));
        assert_eq!(restore_zero("038166655494", 12, 2), ("038166655494".to_string(), false));
        assert_eq!(restore_zero("91234567", 10, 1), ("91234567".to_string(), false));
        assert_eq!(restore_zero("9123x5678", 10, 1), ("9123x5678".to_string(), false));
    }

    #[test]
    fn csv_lines_are_physical_lines_with_lf_or_crlf() {
        for end in ["\n", "\r\n"] {
            let text = ["h1,h2", "a,\"two", "lines\"", "", "b,c", "", "", "d,e"].join(end);
            let t = csv_table(&text).unwrap();
            let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [2, 5, 8], "line ends {end:?}");
        }
        let bom = csv_table("\u{feff}code,x\n1,2\n").unwrap();
        assert_eq!(bom.header, ["code", "x"]);
    }
}
