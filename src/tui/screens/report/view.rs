//! Drawing the period report as the official form (Biểu số II.06a/VPCP/KSTT, DOMAIN §5): the
//! 13 numbered columns, one row per field and the total, as `motcua report` prints it. At 80
//! columns the numbers (3)…(13) head the columns with a legend under the table, and the
//! field's names are shortened: the highlighted row's full name is written out below; a wider
//! window gives the names their room.

use ratatui::text::{Line, Span};

use crate::domain::form_06a::{self as form, Form06a, FormHeader, FormRow, WithdrawnRule};
use crate::domain::text::{pad, truncate, width};

use crate::tui::screens::dashboard::state::DashView;
use crate::tui::state::State;
use crate::tui::strings::{self as s, num};
use crate::tui::theme::Theme;

pub fn right(text: &str, w: usize) -> String {
    format!("{}{text}", " ".repeat(w.saturating_sub(width(text))))
}

pub fn period_line<'a>(st: &State, dv: &DashView, theme: &Theme) -> Line<'a> {
    let p = dv.period(st.today());
    let cut = if dv.cutoff && dv.custom.is_none() { format!(" {}", s::report::cutoff_mark()) } else { String::new() };
    let kind = if dv.custom.is_some() { s::report::custom_period() } else { s::report::period_kind(dv.kind) };
    Line::from(Span::styled(
        format!("{kind}{cut}: {} - {}", p.from.format("%d/%m/%Y"), p.to.format("%d/%m/%Y")),
        theme.header(),
    ))
}

/// The widths of the table: TT, the field's name, and each numbered column (a space included).
pub struct Widths {
    pub tt: usize,
    pub name: usize,
    pub col: usize,
}

/// Every column as wide as its widest number or its "(13)", and the name what is left (at least
/// 8, so a short name still reads).
pub fn widths(f: &Form06a, total_w: usize, columns: usize) -> Widths {
    let widest = f.rows.iter().chain([&f.total]).flat_map(|r| r.values.iter().chain([&r.withdrawn])).copied().max();
    let col = width(&num(widest.unwrap_or(0))).max(4) + 1;
    let tt = 4;
    let name = total_w.saturating_sub(tt + col * columns).max(8);
    Widths { tt, name, col }
}

/// The report pane's lines, and the line of the highlighted row (to keep it on screen).
pub fn report<'a>(st: &State, dv: &DashView, theme: &Theme) -> (Vec<Line<'a>>, usize) {
    let Some(cmp) = &dv.comparison else {
        return (vec![period_line(st, dv, theme), Line::from(Span::styled(s::loading(), theme.muted()))], 0);
    };
    let f = Form06a::new(&cmp.current, cmp.withdrawn, FormHeader::default());
    let separate = f.withdrawn == WithdrawnRule::Separate;
    let total_w = st.size.0 as usize;
    let w = widths(&f, total_w, if separate { 12 } else { 11 });
    // The form's own words for the period ("Kỳ báo cáo: Quý IV năm 2026 (Từ ngày …)").
    let running = if f.period.to >= st.today() {
        format!(" · {}", s::report::as_of(&st.now.format("%H:%M %d/%m/%Y").to_string()))
    } else {
        String::new()
    };
    // The unit gives way to the "as of" of a running period where both do not fit.
    let mut first = format!("{} · {}{running}", form::FORM_NUMBER, form::UNIT);
    if width(&first) > total_w && !running.is_empty() {
        first = format!("{}{running}", form::FORM_NUMBER);
    }
    let mut lines = vec![
        Line::from(Span::styled(truncate(&first, total_w), theme.muted())),
        Line::from(Span::styled(truncate(&f.period_line(), total_w), theme.header())),
    ];

    // The groups over their columns, then the numbers (1)…(13).
    let mut groups = format!("{}{}", pad(s::report::tt(), w.tt), pad(s::report::field_label(), w.name));
    for (name, (_, cols)) in s::report::groups().iter().zip(form::GROUPS) {
        let span = w.col * cols.count();
        groups.push_str(&centered(&truncate(name, span), span));
    }
    lines.push(Line::from(Span::styled(groups, theme.muted())));
    let mut head = format!("{}{}", pad("(1)", w.tt), pad("(2)", w.name));
    for n in 3..=13 {
        head.push_str(&right(&form::column_number(n), w.col));
    }
    if separate {
        head.push_str(&right("(*)", w.col));
    }
    lines.push(Line::from(Span::styled(head, theme.header())));

    let selected = dv.report_row.min(f.rows.len());
    let row = |tt: &str, name: &str, r: &FormRow| -> String {
        let mut text = format!("{}{}", pad(tt, w.tt), pad(&truncate(name, w.name.saturating_sub(1)), w.name));
        for v in r.values {
            text.push_str(&right(&num(v), w.col));
        }
        if separate {
            text.push_str(&right(&num(r.withdrawn), w.col));
        }
        text
    };
    let mut at = 0;
    for (i, r) in f.rows.iter().enumerate() {
        let style = if i == selected { theme.selected() } else { theme.normal() };
        if i == selected {
            at = lines.len();
        }
        lines.push(Line::from(Span::styled(row(&(i + 1).to_string(), &s::field_name(&r.field), r), style)));
    }
    if selected == f.rows.len() {
        at = lines.len();
    }
    let total_style = if selected == f.rows.len() { theme.selected() } else { theme.header() };
    lines.push(Line::from(Span::styled(row("", s::report::total_label(), &f.total), total_style)));

    // The highlighted row in full: its name is shortened in the table.
    let full = match f.rows.get(selected) {
        Some(r) => format!("▸ {} {}", selected + 1, s::field_name(&r.field)),
        None => format!("▸ {}", s::report::total_label()),
    };
    lines.push(Line::from(Span::styled(truncate(&full, total_w), theme.muted())));

    let t = &f.total;
    let apart = separate.then(|| num(t.withdrawn));
    let check =
        s::report::identity_line(&num(t.column(3)), &num(t.column(7)), &num(t.column(11)), apart.as_deref(), f.holds());
    let note = s::report::withdrawn_note(&num(t.withdrawn), separate);
    if width(&check) + 3 + width(&note) <= total_w {
        lines.push(Line::from(format!("{check} · {note}")));
    } else {
        lines.push(Line::from(truncate(&check, total_w)));
        lines.push(Line::from(truncate(&note, total_w)));
    }

    let rates = cmp.current.total().rates();
    lines.push(Line::from(format!(
        "{} {} · {} {}",
        s::dashboard::rate_names()[0],
        s::percent(rates.on_time),
        s::dashboard::rate_names()[1],
        s::percent(rates.online)
    )));

    // The legend of the numbered columns, as many to a line as fit.
    let mut legend: Vec<String> =
        s::report::columns().iter().enumerate().map(|(i, c)| format!("{} {c}", form::column_number(i + 3))).collect();
    if separate {
        legend.push(format!("(*) {}", s::report::withdrawn_column()));
    }
    let mut line = String::new();
    for item in legend {
        if !line.is_empty() && width(&line) + 3 + width(&item) > total_w {
            lines.push(Line::from(Span::styled(std::mem::take(&mut line), theme.muted())));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(&item);
    }
    lines.push(Line::from(Span::styled(line, theme.muted())));

    (lines, at)
}

fn centered(text: &str, w: usize) -> String {
    let left = w.saturating_sub(width(text)) / 2;
    pad(&format!("{}{text}", " ".repeat(left)), w)
}
