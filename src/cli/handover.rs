//! `motcua agency`, `motcua book`, `motcua elsewhere` and what `dossier show` adds about
//! handing on: where the dossier is, its steps, its certification numbers.

use std::io::Write;

use anyhow::{anyhow, Result};
use serde_json::{json, Value};

use super::{parse_day, AgencyCmd, Context, PeriodArgs};
use crate::clock::rfc3339;
use crate::domain::handover::{Agency, Book, Handover, Step, StepStatus};
use crate::domain::report::{timeliness, Timeliness};
use crate::i18n::tr;
use crate::store::error::status_label;
use crate::store::Store;

pub fn agency(ctx: &Context, cmd: AgencyCmd) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        AgencyCmd::List => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for a in store.agencies()? {
                writeln!(out, "{}\t{}", a.code, a.name)?;
            }
            out.flush()?;
        }
        AgencyCmd::Waiting => {
            let agencies = store.agencies()?;
            let w = store.at_agencies(ctx.now.date())?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for (code, n, late) in &w.by_agency {
                let name = match agencies.iter().find(|a| &a.code == code) {
                    Some(a) => a.name.clone(),
                    None if code.is_empty() => tr("các bước liên thông", "bundle steps").to_string(),
                    None => code.clone(),
                };
                writeln!(out, "{code}\t{name}\t{n}\t{}: {late}", tr("quá hạn", "overdue"))?;
            }
            writeln!(out, "{}", waiting_line(w.total, w.overdue))?;
            out.flush()?;
        }
        AgencyCmd::Add { code, name } => {
            store.put_agencies(&ctx.user, &[Agency { code: code.clone(), name }])?;
            println!("{}", code.trim());
        }
    }
    Ok(())
}

/// "đang ở cơ quan khác: 12, quá hạn 2"
pub fn waiting_line(total: u64, overdue: u64) -> String {
    format!("{}: {total}, {} {overdue}", tr("đang ở cơ quan khác", "at other agencies"), tr("quá hạn", "overdue"))
}

fn period(p: &PeriodArgs) -> Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let from = parse_day(&p.from, "--from")?;
    let to = parse_day(&p.to, "--to")?;
    if from > to {
        anyhow::bail!("--from {from} > --to {to}");
    }
    Ok((from, to))
}

/// The certification book for a period: number(s), date, dossier, applicant.
pub fn book(ctx: &Context, p: &PeriodArgs, book: &str) -> Result<()> {
    let (from, to) = period(p)?;
    let kind =
        Book::parse(book).ok_or_else(|| anyhow!("--book {book}: {}", Book::ALL.map(|b| b.as_str()).join(", ")))?;
    let store = ctx.open()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} — {} {} {} {}",
        tr("SỔ CHỨNG THỰC", "CERTIFICATION BOOK"),
        tr("từ", "from"),
        from.format("%d/%m/%Y"),
        tr("đến", "to"),
        to.format("%d/%m/%Y")
    )?;
    for (n, code, name, at) in store.cert_book(kind, from, to)? {
        let numbers = if n.count > 1 { format!("{}–{}", n.first, n.last()) } else { n.first.to_string() };
        writeln!(out, "{}\t{numbers}\t{}\t{code}\t{name}", n.book.volume(n.year), at.format("%d/%m/%Y"))?;
    }
    out.flush()?;
    Ok(())
}

/// Sổ theo dõi hồ sơ phi địa giới: dossiers received here for another office of the province.
pub fn elsewhere(ctx: &Context, p: &PeriodArgs) -> Result<()> {
    let (from, to) = period(p)?;
    let store = ctx.open()?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(std::io::stdout().lock());
    w.write_record([
        "code",
        "received_at",
        "applicant_name",
        "procedure_code",
        "received_for",
        "handling_agency",
        "sent_at",
        "status",
    ])?;
    for (d, h) in store.received_for_others(from, to)? {
        w.write_record([
            d.code.as_str(),
            &rfc3339(d.received_at),
            &d.applicant_name,
            &d.procedure_code,
            &h.received_for,
            &h.agency,
            &h.sent_at.map(rfc3339).unwrap_or_default(),
            d.status.as_str(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn step_json(s: &Step) -> Value {
    json!({
        "seq": s.seq, "procedure_code": s.procedure_code, "procedure": s.procedure_name, "agency": s.agency,
        "due_date": s.due_date.to_string(), "status": s.status.as_str(),
        "sent_at": s.sent_at.map(rfc3339), "done_at": s.done_at.map(rfc3339),
    })
}

/// The handing-on keys of `dossier show --format json`.
pub fn add_json(v: &mut Value, h: &Handover, steps: &[Step]) {
    let Some(m) = v.as_object_mut() else { return };
    m.insert("received_for".into(), json!(h.received_for));
    m.insert("result_delivery".into(), json!(h.delivery.map(|d| d.as_str())));
    m.insert("intake_digitized".into(), json!(h.intake_digitized));
    m.insert("synced".into(), json!(h.synced));
    m.insert("handling_agency".into(), json!(h.agency));
    m.insert("sent_at".into(), json!(h.sent_at.map(rfc3339)));
    m.insert(
        "certification".into(),
        h.cert.as_ref().map_or(
            Value::Null,
            |c| json!({"book": c.book.volume(c.year), "first": c.first, "last": c.last(), "line": c.line()}),
        ),
    );
    m.insert("steps".into(), Value::Array(steps.iter().map(step_json).collect()));
}

/// Where the dossier is and its steps, for `dossier show`.
pub fn text(store: &Store, h: &Handover, steps: &[Step], pending: bool) -> Result<String> {
    let name = |code: &str| -> Result<String> {
        if code.is_empty() {
            return Ok(tr("cơ quan mình", "this office").to_string());
        }
        Ok(store.agencies()?.into_iter().find(|a| a.code == code).map(|a| a.name).unwrap_or_else(|| code.to_string()))
    };
    let mut s = String::new();
    let sent = |t: chrono::NaiveDateTime| format!("{} {}", tr("gửi lúc", "sent"), t.format("%H:%M %d/%m/%Y"));
    let at = match (h.sent_at, steps.is_empty()) {
        (Some(t), true) if pending => format!("{} ({})", name(&h.agency)?, sent(t)),
        (Some(t), false) if pending => {
            let out: Vec<String> = steps
                .iter()
                .filter(|s| s.status == StepStatus::Sent)
                .map(|s| name(&s.agency))
                .collect::<Result<_>>()?;
            format!("{} ({})", out.join(", "), sent(t))
        }
        _ => name("")?,
    };
    s.push_str(&format!("{}: {at}\n", tr("Đang ở", "Now with")));
    if !h.agency.is_empty() {
        s.push_str(&format!("{}: {}\n", tr("Cơ quan giải quyết", "Handling agency"), name(&h.agency)?));
    }
    if let (Some(t), false) = (h.sent_at.filter(|_| steps.is_empty()), pending) {
        s.push_str(&format!("{}: {}\n", tr("Đã gửi", "Sent"), t.format("%H:%M %d/%m/%Y")));
    }
    if !h.received_for.is_empty() {
        s.push_str(&format!("{}: {}\n", tr("Tiếp nhận thay cho", "Received for"), h.received_for));
    }
    if let Some(d) = h.delivery {
        s.push_str(&format!("{}: {}\n", tr("Nhận kết quả", "Result by"), tr(d.label_vi(), d.label_en())));
    }
    if let Some(c) = &h.cert {
        s.push_str(&format!("{}\n", c.line()));
    }
    if !steps.is_empty() {
        s.push_str(&format!("{}:\n", tr("Các bước liên thông", "Bundle steps")));
        for st in steps {
            let judged = match (st.status, st.done_at) {
                (StepStatus::Ready, Some(t)) => match timeliness(t.date(), st.due_date) {
                    Timeliness::BeforeDue => tr(" [trước hạn]", " [before due]"),
                    Timeliness::OnTime => tr(" [đúng hạn]", " [on time]"),
                    Timeliness::Late => tr(" [quá hạn]", " [late]"),
                },
                _ => "",
            };
            let status = match st.status {
                StepStatus::Pending => tr("chưa gửi", "not sent"),
                StepStatus::Sent => tr("đã gửi", "sent"),
                StepStatus::Ready => status_label(crate::domain::status::Status::Ready),
            };
            s.push_str(&format!(
                "  {}. {} {} — {} — {} {} — {status}{judged}\n",
                st.seq,
                st.procedure_code,
                st.procedure_name,
                name(&st.agency)?,
                tr("hạn", "due"),
                st.due_date.format("%d/%m/%Y"),
            ));
        }
    }
    Ok(s)
}

/// `report --format json`: the report's keys, then `by_agency` (same groups as `by_field`;
/// agency "" is this office) and `received_for_others` (dossiers received here for another
/// office, counted apart; they are in the report's rows too, since this office received them).
pub fn report_json(store: &Store, full: &crate::store::FullReport) -> Result<Value> {
    let mut v = full.report.to_json();
    let agencies = store.agencies()?;
    let by_agency: Vec<Value> = full
        .by_agency
        .iter()
        .map(|(code, c)| {
            let mut m = serde_json::Map::new();
            let name = agencies.iter().find(|a| &a.code == code).map(|a| a.name.clone()).unwrap_or_default();
            m.insert("agency".into(), json!(code));
            m.insert("agency_name".into(), json!(name));
            m.extend(c.groups_json());
            Value::Object(m)
        })
        .collect();
    let others = &full.received_for;
    if let Some(m) = v.as_object_mut() {
        m.insert("by_agency".into(), Value::Array(by_agency));
        m.insert(
            "received_for_others".into(),
            json!({
                "total": others.iter().map(|(_, n)| n).sum::<u64>(),
                "by_office": others.iter().map(|(o, n)| json!({"office": o, "received": n})).collect::<Vec<_>>(),
            }),
        );
    }
    Ok(v)
}
