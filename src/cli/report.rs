//! `motcua report`: the period report as the official form (Biểu số II.06a/VPCP/KSTT) for a
//! person — a table, CSV or a workbook — or as JSON for scripts. The form's words are those of
//! an official document and do not follow MOTCUA_LANG; the indicators under it do.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Result};

use super::{parse_day, write_output, xlsx_out, Context, PeriodArgs};
use crate::domain::form_06a::{self as form, Form06a, FormRow, WithdrawnRule};
use crate::domain::report::{percent, Period, Report};
use crate::domain::text::{pad, thousands, truncate, width};
use crate::export::report_xlsx;
use crate::i18n::tr;

/// Short names of columns (3)–(13), for a table that fits a landscape page.
pub fn report_headers() -> [&'static str; 11] {
    [
        "Tổng số",
        "Trực tuyến",
        "Trực tiếp, BC",
        "Kỳ trước",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
    ]
}

const TT_W: usize = 4;
const FIELD_W: usize = 30;

fn centered(text: &str, w: usize) -> String {
    let t = truncate(text, w);
    let left = w.saturating_sub(width(&t)) / 2;
    pad(&format!("{}{t}", " ".repeat(left)), w)
}

fn right(text: &str, w: usize) -> String {
    format!("{}{text}", " ".repeat(w.saturating_sub(width(text))))
}

/// The form as text: its header, the 13 numbered columns, one row per field and the total,
/// the note, the place and date and the signature block; then the indicators.
pub fn render_table(f: &Form06a, report: &Report, now: chrono::NaiveDateTime) -> String {
    let separate = f.withdrawn == WithdrawnRule::Separate;
    let mut heads: Vec<&str> = report_headers().to_vec();
    if separate {
        heads.push("Rút (ngoài biểu)");
    }
    let widths: Vec<usize> = heads.iter().map(|h| width(h).max(7)).collect();
    let line_w = TT_W + 1 + FIELD_W + widths.iter().map(|w| w + 1).sum::<usize>();
    let mut s = String::new();
    let mut push = |line: String| {
        s.push_str(line.trim_end());
        s.push('\n');
    };
    let corner = |left: &str, right_text: &str| {
        let gap = line_w.saturating_sub(width(left) + width(right_text)).max(2);
        format!("{left}{}{right_text}", " ".repeat(gap))
    };
    push(corner(&format!("Đơn vị báo cáo: {}", f.office), form::FORM_NUMBER));
    push(corner(&format!("Đơn vị nhận báo cáo: {}", f.recipient), form::FORM_BASIS));
    push(String::new());
    push(centered(form::TITLE, line_w));
    push(centered(&f.period_line(), line_w));
    if let Some(as_of) = f.as_of_line(now) {
        push(centered(&as_of, line_w));
    }
    push(right(form::UNIT, line_w));
    push(String::new());

    // Group names over their columns, then the short names, then the column numbers.
    let span =
        |cols: std::ops::RangeInclusive<usize>| -> usize { cols.clone().map(|n| widths[n - 3] + 1).sum::<usize>() - 1 };
    let mut groups = format!("{} {}", pad("", TT_W), pad("", FIELD_W));
    let short = ["Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết"];
    for (name, (_, cols)) in short.iter().zip(form::GROUPS) {
        groups.push(' ');
        groups.push_str(&centered(name, span(cols)));
    }
    push(groups);
    let mut names = format!("{} {}", pad(form::COLUMNS[0], TT_W), pad("Lĩnh vực", FIELD_W));
    for (h, w) in heads.iter().zip(&widths) {
        names.push(' ');
        names.push_str(&right(h, *w));
    }
    push(names);
    let mut numbers = format!("{} {}", pad("(1)", TT_W), pad("(2)", FIELD_W));
    for (i, w) in widths.iter().enumerate().take(11) {
        numbers.push(' ');
        numbers.push_str(&right(&form::column_number(i + 3), *w));
    }
    push(numbers);
    let row = |tt: &str, r: &FormRow| -> String {
        let mut line = format!("{} {}", pad(tt, TT_W), pad(&truncate(&r.field, FIELD_W), FIELD_W));
        let mut values: Vec<u64> = r.values.to_vec();
        if separate {
            values.push(r.withdrawn);
        }
        for (v, w) in values.iter().zip(&widths) {
            line.push(' ');
            line.push_str(&right(&thousands(*v as i64), *w));
        }
        line
    };
    for (i, r) in f.rows.iter().enumerate() {
        push(row(&(i + 1).to_string(), r));
    }
    push(row("", &f.total));
    push(f.note());
    push(String::new());
    let half = line_w / 2;
    push(format!("{}{}", pad("", half), centered(&f.place_date(), line_w - half)));
    push(format!("{}{}", centered("NGƯỜI LẬP BIỂU", half), centered("THỦ TRƯỞNG ĐƠN VỊ", line_w - half)));
    push(format!(
        "{}{}",
        centered("(Ký, ghi rõ họ tên)", half),
        centered("(Ký, đóng dấu, ghi rõ họ tên)", line_w - half)
    ));
    push(String::new());
    push(String::new());
    push(format!("{}{}", centered(&f.preparer, half), centered(&f.head, line_w - half)));

    let rates = report.total().rates();
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

/// The form as CSV: the header lines, the 13 columns (with their group, name and number rows),
/// one record per field and the total, the note and the signatures.
fn write_csv(out: &mut dyn Write, f: &Form06a, now: chrono::NaiveDateTime) -> Result<()> {
    let mut w = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(out);
    let separate = f.withdrawn == WithdrawnRule::Separate;
    w.write_record([form::FORM_NUMBER])?;
    w.write_record([form::FORM_BASIS])?;
    w.write_record([form::TITLE])?;
    w.write_record([f.period_line()])?;
    if let Some(as_of) = f.as_of_line(now) {
        w.write_record([as_of])?;
    }
    w.write_record([format!("Đơn vị báo cáo: {}", f.office)])?;
    w.write_record([format!("Đơn vị nhận báo cáo: {}", f.recipient)])?;
    w.write_record([form::UNIT])?;
    let mut groups = vec![String::new(); 13];
    for (name, cols) in form::GROUPS {
        groups[cols.start() - 1] = name.to_string();
    }
    w.write_record(&groups)?;
    let mut names: Vec<String> = form::COLUMNS.iter().map(|c| c.to_string()).collect();
    if separate {
        names.push(form::WITHDRAWN_COLUMN.to_string());
    }
    w.write_record(&names)?;
    w.write_record((1..=13).map(form::column_number))?;
    let record = |tt: String, r: &FormRow| -> Vec<String> {
        let mut rec = vec![tt, r.field.clone()];
        rec.extend(r.values.iter().map(|v| v.to_string()));
        if separate {
            rec.push(r.withdrawn.to_string());
        }
        rec
    };
    for (i, r) in f.rows.iter().enumerate() {
        w.write_record(record((i + 1).to_string(), r))?;
    }
    w.write_record(record(String::new(), &f.total))?;
    w.write_record([f.note()])?;
    w.write_record([f.place_date()])?;
    w.write_record(["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"])?;
    w.write_record([f.preparer.as_str(), f.head.as_str()])?;
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
    let broken = |e: crate::domain::report::IdentityBroken| anyhow::anyhow!("report identity broken: {}", e.0);
    if format == "json" {
        // One read transaction for the report and its rows by agency: one snapshot even while
        // clerks write.
        let full = store.full_report(p, ctx.now)?;
        full.report.check().map_err(broken)?;
        let json = super::handover::report_json(&store, &full)?;
        return write_output(out, |w| Ok(writeln!(w, "{json}")?));
    }
    // One read transaction: the report is one snapshot even while clerks write.
    let report = store.report(p, ctx.now)?;
    report.check().map_err(broken)?;
    let f = store.form_of(&report, ctx.now, &ctx.user)?;
    if !f.holds() {
        bail!("report identity broken: the form's columns do not add up");
    }
    if let Some(path) = xlsx {
        return report_xlsx(&f, &report, path);
    }
    // The chain's head on the printed report: a paper copy outside the server to check against
    // (`motcua audit verify --anchor`).
    let anchor = store.audit_anchor()?;
    write_output(out, |w| {
        match format {
            "csv" => write_csv(w, &f, ctx.now)?,
            _ => {
                let table = render_table(&f, &report, ctx.now);
                w.write_all(crate::domain::text::escape(&table, true).as_bytes())?;
                writeln!(w, "{} {anchor}", tr("Mốc kiểm toán:", "Audit anchor:"))?;
            }
        }
        Ok(())
    })
}

/// `motcua setting KEY [VALUE]`: prints the setting, or sets it (the office head).
pub fn setting(ctx: &Context, key: &str, value: Option<&str>) -> Result<()> {
    let mut store = ctx.open()?;
    if let Some(v) = value {
        store.set_report_setting(&ctx.user, key, v)?;
    }
    let rs = store.report_settings()?;
    let shown = match key {
        "report.withdrawn" => rs.withdrawn.as_str().to_string(),
        "report.recipient" => rs.recipient,
        "report.place" => rs.place,
        _ => bail!(
            "{key}: {} ({})",
            tr("không có thiết lập này", "no such setting"),
            crate::store::REPORT_KEYS.join(", ")
        ),
    };
    println!("{key} = {shown}");
    Ok(())
}
