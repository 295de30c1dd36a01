//! `motcua report`: the period report as a form for a person, JSON or CSV.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Result};

use super::{parse_day, write_output, xlsx_out, Context, PeriodArgs};
use crate::domain::report::{percent, Counts, Period, Report};
use crate::domain::text::{pad, thousands, truncate, width};
use crate::export::report_xlsx;
use crate::i18n::tr;

/// The column headers of the form (DOMAIN §5), short enough for a terminal.
pub fn report_headers() -> [&'static str; 12] {
    [
        tr("Tổng nhận", "Received"),
        tr("Kỳ trước", "Carried"),
        tr("Trực tuyến", "Online"),
        tr("Trực tiếp+BC", "Counter+post"),
        tr("Đã GQ", "Resolved"),
        tr("Trước hạn", "Early"),
        tr("Đúng hạn", "On time"),
        tr("Quá hạn", "Late"),
        tr("Đang GQ", "Pending"),
        tr("Trong hạn", "Within"),
        tr("Quá hạn", "Overdue"),
        tr("Rút", "Withdrawn"),
    ]
}

/// The report form as text: one row per field, the total, then the indicators.
pub fn render_table(r: &Report, office: &str) -> String {
    let mut s = String::new();
    let total = r.total();
    s.push_str(&format!(
        "{}\n{} {} {} {}\n\n",
        office,
        tr("TÌNH HÌNH GIẢI QUYẾT HỒ SƠ TTHC từ", "HANDLING OF DOSSIERS from"),
        r.period.from.format("%d/%m/%Y"),
        tr("đến", "to"),
        r.period.to.format("%d/%m/%Y")
    ));
    let name_w = 22;
    let hs = report_headers();
    let widths: Vec<usize> = hs.iter().map(|h| width(h).max(7)).collect();
    let mut line = pad(tr("Lĩnh vực", "Field"), name_w);
    for (h, w) in hs.iter().zip(&widths) {
        line.push(' ');
        line.push_str(&" ".repeat(w - width(h)));
        line.push_str(h);
    }
    s.push_str(line.trim_end());
    s.push('\n');
    let mut row = |name: &str, c: &Counts| {
        let mut line = pad(&truncate(name, name_w), name_w);
        for (v, w) in c.form_row().iter().zip(&widths) {
            line.push_str(&format!(" {:>w$}", thousands(*v as i64), w = *w));
        }
        s.push_str(&line);
        s.push('\n');
    };
    for (f, c) in &r.by_field {
        row(f, c);
    }
    row(tr("TỔNG CỘNG", "TOTAL"), &total);
    let rates = total.rates();
    s.push_str(&format!(
        "\n{}: {}   {}: {}   {}: {}   {}: {}   {}: {}\n",
        tr("Tỷ lệ đúng hạn", "On-time rate"),
        percent(rates.on_time),
        tr("Trực tuyến", "Online"),
        percent(rates.online),
        tr("Thanh toán trực tuyến", "Paid online"),
        percent(rates.online_payment),
        tr("Số hóa kết quả", "Digitized results"),
        percent(rates.digitized_result),
        tr("Hài lòng", "Satisfied"),
        percent(rates.satisfaction),
    ));
    s
}

fn write_csv(out: &mut dyn Write, r: &Report) -> Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record([
        "field",
        "received_total",
        "carried_over",
        "new_online",
        "new_in_person_postal",
        "resolved_total",
        "before_due",
        "on_time",
        "late",
        "pending_total",
        "within_due",
        "overdue",
        "withdrawn",
    ])?;
    let total = r.total();
    for (f, c) in r.by_field.iter().map(|(f, c)| (f.as_str(), c)).chain([("TỔNG CỘNG", &total)]) {
        let mut rec = vec![f.to_string()];
        rec.extend(c.form_row().iter().map(|v| v.to_string()));
        w.write_record(rec)?;
    }
    w.flush()?;
    Ok(())
}

pub fn run(ctx: &Context, period: &PeriodArgs, format: &str, out: Option<&Path>) -> Result<()> {
    let from = parse_day(&period.from, "--from")?;
    let to = parse_day(&period.to, "--to")?;
    let Some(p) = Period::new(from, to) else { bail!("--from {from} > --to {to}") };
    if !matches!(format, "table" | "json" | "csv" | "xlsx") {
        bail!("--format {format}: table, json, csv {} xlsx", tr("hoặc", "or"));
    }
    let xlsx = if format == "xlsx" { Some(xlsx_out(out)?) } else { None };
    let store = ctx.open()?;
    let report = store.report(p)?;
    report.check().map_err(|e| anyhow::anyhow!("report identity broken: {}", e.0))?;
    let settings = store.settings()?;
    if let Some(path) = xlsx {
        return report_xlsx(&report, &settings, path);
    }
    let office = settings.agency_name;
    write_output(out, |w| {
        match format {
            "json" => writeln!(w, "{}", super::handover::report_json(&store, &report)?)?,
            "csv" => write_csv(w, &report)?,
            _ => w.write_all(render_table(&report, &office).as_bytes())?,
        }
        Ok(())
    })
}
