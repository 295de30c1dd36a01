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
use crate::domain::dossier::{Channel, Dossier};
use crate::domain::status::Status;
use crate::domain::text::{clean, nfc};
use crate::domain::validate::{check_name, check_personal_id, check_phone};
use crate::export::logbook_xlsx;
use crate::i18n::{problem_text, tr};
use crate::store::ImportRow;

pub const LOGBOOK_HEADER: [&str; 17] = [
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
];

fn opt_time(t: Option<NaiveDateTime>) -> String {
    t.map(rfc3339).unwrap_or_default()
}

/// Calls its argument with each dossier to write, in order.
pub type EachDossier<'a> = &'a mut dyn FnMut(&mut dyn FnMut(&Dossier) -> Result<()>) -> Result<()>;

/// Writes the header and one line per dossier.
pub fn write_logbook(out: &mut dyn Write, each: EachDossier) -> Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(LOGBOOK_HEADER)?;
    each(&mut |d: &Dossier| {
        // A withdrawn dossier keeps its withdrawal time in resolved_at: the logbook has no column of its own for it.
        let resolved = if d.status == Status::Withdrawn { d.withdrawn_at } else { d.resolved_at };
        w.write_record([
            d.code.as_str(),
            &d.procedure_code,
            &d.applicant_name,
            &d.applicant_id,
            &d.phone,
            &d.address,
            d.channel.as_str(),
            &rfc3339(d.received_at),
            &d.due_date.format("%Y-%m-%d").to_string(),
            &opt_time(resolved),
            &opt_time(d.returned_at),
            d.status.as_str(),
            &d.fee_vnd.to_string(),
            if d.paid_online { "1" } else { "0" },
            if d.result_digitized { "1" } else { "0" },
            &d.assignee,
            &d.note,
        ])?;
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

/// Reads a logbook. Returns the good rows and every bad line as "line N: what is wrong".
/// `procedures` maps each known code to whether it has a time limit.
pub fn parse_logbook(
    text: &str,
    procedures: &HashMap<String, bool>,
    today: NaiveDate,
) -> (Vec<ImportRow>, Vec<String>) {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut bad = Vec::new();
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return (vec![], vec![format!("line 1: {e}")]),
    };
    let missing: Vec<&str> = LOGBOOK_HEADER.iter().copied().filter(|c| !headers.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        return (vec![], vec![format!("line 1: {} {}", tr("thiếu cột", "missing columns"), missing.join(", "))]);
    }
    let col: HashMap<&str, usize> =
        LOGBOOK_HEADER.iter().map(|c| (*c, headers.iter().position(|h| h == c).unwrap_or(0))).collect();
    let mut rows = Vec::new();
    let mut seen_codes: HashMap<String, usize> = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                bad.push(format!("line {line}: {e}"));
                continue;
            }
        };
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |c: &str| rec.get(col[c]).unwrap_or("").to_string();
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
        }
        let procedure_code = clean(&get("procedure_code"));
        let has_limit = procedures.get(&procedure_code).copied();
        if has_limit.is_none() {
            why.push(format!(
                "procedure_code «{procedure_code}»: {}",
                tr("không có trong danh mục", "not in the catalogue")
            ));
        }
        let name = check_name(&get("applicant_name"))
            .map_err(|p| why.push(format!("applicant_name: {}", problem_text(&p))))
            .ok();
        let applicant_id = match get("applicant_id").trim() {
            "" => String::new(),
            v => check_personal_id(v, today)
                .map(|(id, _)| id)
                .map_err(|p| why.push(format!("applicant_id «{v}»: {}", problem_text(&p))))
                .unwrap_or_default(),
        };
        let phone = match get("phone").trim() {
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
        if !why.is_empty() {
            bad.push(format!("line {line}: {}", why.join("; ")));
            continue;
        }
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
            handover: Default::default(),
        });
    }
    (rows, bad)
}

pub fn import(ctx: &Context, file: &Path, skip_bad: bool) -> Result<()> {
    // Read with the user's rights: the group could read the database's key.
    let bytes =
        crate::account::as_real_group(|| std::fs::read(file)).map_err(|e| anyhow!("{}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow!(
            "{}: {}",
            file.display(),
            tr("không phải UTF-8 — lưu lại tệp dạng CSV UTF-8", "not UTF-8 — save the file as CSV UTF-8")
        )
    })?;
    let mut store = ctx.open()?;
    let procedures: HashMap<String, bool> =
        store.procedures(false)?.into_iter().map(|p| (p.code.clone(), p.time_limit().is_some())).collect();
    let (rows, bad) = parse_logbook(&text, &procedures, ctx.now.date());
    // Codes already in the database are bad lines too, found before anything is written.
    let mut bad = bad;
    let mut taken = HashSet::new();
    for r in &rows {
        if let Some(c) = &r.code {
            if store.dossier(c)?.is_some() {
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
