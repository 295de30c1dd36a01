//! Drawing the period report (the form's table on the handling of dossiers), four columns
//! at a time, with the period and the check that its identity holds.

use ratatui::text::{Line, Span};

use crate::domain::report::Counts;
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

pub fn report<'a>(st: &State, dv: &DashView, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![period_line(st, dv, theme)];
    let Some(cmp) = &dv.comparison else {
        lines.push(Line::from(Span::styled(s::loading(), theme.muted())));
        return lines;
    };
    let rep = &cmp.current;
    let heads = s::report::columns();
    let group: &[usize] = match dv.report_cols {
        0 => &[0, 1, 2, 3],
        1 => &[4, 5, 6, 7],
        _ => &[8, 9, 10, 11],
    };
    let groups = s::report::groups();
    lines.push(Line::from(Span::styled(
        format!("{} ({}/{}, ← →)", groups[dv.report_cols], dv.report_cols + 1, groups.len()),
        theme.muted(),
    )));
    const COL: usize = 12;
    // The field's name takes what the four numbers leave.
    let name_w = (st.size.0 as usize).saturating_sub(4 * COL + 4).max(20);
    let mut head = pad(s::report::field_label(), name_w);
    for i in group {
        head.push_str(&right(heads[*i], COL));
    }
    lines.push(Line::from(Span::styled(head, theme.header())));
    let row = |name: &str, c: &Counts, style| {
        let cells = c.form_row();
        let mut text = pad(&truncate(name, name_w), name_w);
        for i in group {
            text.push_str(&right(&num(cells[*i]), COL));
        }
        if dv.report_cols == 2 {
            text.push_str(if c.check().is_ok() { "  ✓" } else { "  ✗" });
        }
        Line::from(Span::styled(text, style))
    };
    for (f, c) in &rep.by_field {
        lines.push(row(&s::field_name(f), c, theme.normal()));
    }
    let total = rep.total();
    lines.push(row(s::report::total_label(), &total, theme.header()));
    let n = |v: u64| num(v);
    lines.push(Line::from(s::report::identity_line(
        &n(total.received_total()),
        &n(total.resolved_total()),
        &n(total.pending_total()),
        &n(total.withdrawn),
        rep.check().is_ok(),
    )));
    let rates = total.rates();
    lines.push(Line::from(format!(
        "{} {} · {} {}",
        s::dashboard::rate_names()[0],
        s::percent(rates.on_time),
        s::dashboard::rate_names()[1],
        s::percent(rates.online)
    )));
    lines
}
