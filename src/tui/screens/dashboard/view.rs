//! Drawing the dashboard's panes (the report pane is drawn by screens/report).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{pad, truncate, width};
use crate::domain::urgency::{Urgency, UrgencyCounts};
use crate::store::error::role_label;

use crate::tui::screens::report::view::{period_line, report, right};
use crate::tui::state::State;
use crate::tui::strings::{self as s, num, short_code};
use crate::tui::theme::Theme;

use super::state::{DashView, Pane, Row};

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect, status: Rect) {
    let Some(dv) = &st.dash else { return };
    let mut spans = vec![];
    for (i, p) in Pane::ALL.iter().enumerate() {
        let style = if *p == dv.pane { theme.tab_active() } else { theme.normal() };
        let _ = i;
        spans.push(Span::styled(format!(" {} ", s::dashboard::pane(*p)), style));
        spans.push(Span::raw("│"));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), Rect { height: 1, ..r });
    let body = Rect { y: r.y + 1, height: r.height.saturating_sub(1), ..r };
    let Some(data) = &dv.data else {
        f.render_widget(Paragraph::new(s::loading()).style(theme.muted()), body);
        return;
    };
    let (lines, scroll) = match dv.pane {
        Pane::Urgency => (urgency(st, dv, theme, body), dv.scroll),
        Pane::Indicators => (indicators(st, dv, theme), dv.scroll),
        Pane::Intake => (intake(data, theme, body), dv.scroll),
        Pane::Review => {
            let (lines, at) = review(st, dv, theme, body);
            // Keep the highlighted row on screen.
            (lines, at.saturating_sub(body.height.saturating_sub(2) as usize) as u16)
        }
        Pane::Report => {
            let (lines, at) = report(st, dv, theme);
            (lines, at.saturating_sub(body.height.saturating_sub(4) as usize) as u16)
        }
    };
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    crate::tui::draw::draw_flash(f, st, theme, status, String::new());
}

/// The width of a count's column: its title and a space, and room for "!12.345".
fn col_w(title: &str) -> usize {
    (width(title) + 1).max(7)
}

fn urgency<'a>(st: &State, dv: &DashView, theme: &Theme, r: Rect) -> Vec<Line<'a>> {
    let Some(d) = &dv.data else { return vec![] };
    let titles = s::dashboard::urgency_columns();
    let widths: Vec<usize> = titles.iter().map(|t| col_w(t)).collect();
    let label_w = (r.width as usize).saturating_sub(widths.iter().sum::<usize>() + 1);
    let mut head = pad("", label_w);
    for (c, w) in titles.iter().zip(&widths) {
        head.push_str(&right(c, *w));
    }
    let mut lines = vec![Line::from(Span::styled(head, theme.header()))];
    let rows = dv.rows();
    let name = |login: &str| -> String {
        if login.is_empty() {
            return s::unassigned().to_string();
        }
        match st.staff.iter().find(|p| p.login == login) {
            // Handlers by name alone; anyone else with the role, so a head's row reads as such.
            Some(p) if p.role == crate::domain::status::Role::Handler => p.full_name.clone(),
            Some(p) => format!("{} ({})", p.full_name, role_label(p.role)),
            None => login.to_string(),
        }
    };
    for (i, row) in rows.iter().enumerate() {
        let (label, counts): (String, &UrgencyCounts) = match row {
            Row::All => (s::dashboard::all_pending().to_string(), &d.pending),
            Row::Assignee(a) => {
                let c = d.by_assignee.iter().find(|(x, _)| x == a).map(|(_, c)| c).unwrap_or(&d.pending);
                (format!("  {}", name(a)), c)
            }
            Row::Field(fl) => {
                let c = d.by_field.iter().find(|(x, _)| x == fl).map(|(_, c)| c).unwrap_or(&d.pending);
                (format!("  {}", s::field_short(fl)), c)
            }
        };
        if i == 1 && !d.by_assignee.is_empty() {
            lines.push(Line::from(Span::styled(s::dashboard::by_assignee(), theme.header())));
        }
        if matches!(row, Row::Field(_)) && !matches!(rows.get(i.wrapping_sub(1)), Some(Row::Field(_))) {
            lines.push(Line::from(Span::styled(s::dashboard::by_field(), theme.header())));
        }
        let mut spans = vec![Span::raw(pad(&truncate(&label, label_w), label_w))];
        let values = Urgency::ALL.iter().map(|u| counts.get(*u)).chain([counts.total()]);
        for (c, v) in values.enumerate() {
            let mut style = match c {
                0 if v > 0 => theme.overdue(),
                1 if v > 0 => theme.due_today(),
                6 => theme.header(),
                _ => theme.normal(),
            };
            if i == dv.row && c == dv.col {
                style = theme.selected();
            }
            // Overdue counts carry a text marker too, not only colour.
            let text = if c == 0 && v > 0 { format!("!{}", num(v)) } else { num(v) };
            spans.push(Span::styled(right(&text, widths[c.min(widths.len() - 1)]), style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

fn indicators<'a>(st: &State, dv: &DashView, theme: &Theme) -> Vec<Line<'a>> {
    let Some(d) = &dv.data else { return vec![] };
    let t = &d.today;
    let today = s::dashboard::today_line(
        t.received(),
        t.received_in_person,
        t.received_online,
        t.received_postal,
        t.resolved,
        t.returned,
    );
    let mut lines: Vec<Line> = today.lines().map(|l| Line::from(l.to_string())).collect();
    lines.push(Line::from(""));
    lines.push(period_line(st, dv, theme));
    let Some(cmp) = &dv.comparison else {
        lines.push(Line::from(Span::styled(s::loading(), theme.muted())));
        return lines;
    };
    let (cur, prev) = (cmp.current.total(), cmp.previous.total());
    let (rc, rp) = (cur.rates(), prev.rates());
    lines.push(Line::from(Span::styled(
        format!(
            "{}{}{}",
            pad("", 26),
            right(s::dashboard::this_period(), 12),
            right(s::dashboard::previous_period(), 12)
        ),
        theme.muted(),
    )));
    let pairs = [
        (rc.on_time, rp.on_time),
        (rc.online, rp.online),
        (rc.online_payment, rp.online_payment),
        (rc.digitized_result, rp.digitized_result),
        (rc.satisfaction, rp.satisfaction),
    ];
    for (name, (a, b)) in s::dashboard::rate_names().iter().zip(pairs) {
        let trend = match (a, b) {
            (Some(a), Some(b)) if a > b + 0.0005 => "▲",
            (Some(a), Some(b)) if a + 0.0005 < b => "▼",
            _ => " ",
        };
        lines.push(Line::from(format!(
            "{}{}{} {trend}",
            pad(name, 26),
            right(&s::percent(a), 12),
            right(&s::percent(b), 12)
        )));
    }
    lines.push(Line::from(""));
    let counts = [
        (cur.received_total(), prev.received_total()),
        (cur.resolved_total(), prev.resolved_total()),
        (cur.pending_total(), prev.pending_total()),
        (cur.overdue, prev.overdue),
    ];
    for (name, (a, b)) in s::dashboard::count_names().iter().zip(counts) {
        lines.push(Line::from(format!("{}{}{}", pad(name, 26), right(&num(a), 12), right(&num(b), 12))));
    }
    lines
}

/// Intake per working day as stacked columns: online (█) under counter and post (▒), so the
/// split reads without colour.
fn intake<'a>(d: &crate::store::Dashboard, theme: &Theme, r: Rect) -> Vec<Line<'a>> {
    let days = &d.intake;
    let mut lines = vec![Line::from(Span::styled(s::dashboard::intake_chart_title(days.len()), theme.header()))];
    let height = (r.height as usize).saturating_sub(4).clamp(3, 14);
    let max = days.iter().map(|x| x.online + x.in_person_postal).max().unwrap_or(0).max(1);
    let scale = |v: u64| (v as f64 * height as f64 / max as f64).round() as usize;
    let axis = width(&num(max)) + 1;
    for level in (1..=height).rev() {
        let label = if level == height { num(max) } else { String::new() };
        let bar = if theme.ascii { "|" } else { "│" };
        let mut spans = vec![Span::styled(format!("{}{bar}", right(&label, axis)), theme.muted())];
        for x in days {
            let online = scale(x.online);
            let total = scale(x.online + x.in_person_postal);
            let (cell, style) = if level <= online {
                (if theme.ascii { "# " } else { "█ " }, theme.header())
            } else if level <= total {
                (if theme.ascii { ": " } else { "▒ " }, theme.normal())
            } else {
                ("  ", theme.normal())
            };
            spans.push(Span::styled(cell, style));
        }
        lines.push(Line::from(spans));
    }
    let (corner, line) = if theme.ascii { ("+", "--") } else { ("└", "──") };
    let mut ticks = format!("{}{corner}", " ".repeat(axis));
    let mut labels = " ".repeat(axis + 1);
    for (i, x) in days.iter().enumerate() {
        ticks.push_str(line);
        if i % 5 == 0 && labels.chars().count() <= axis + 1 + i * 2 {
            labels.push_str(&" ".repeat(axis + 1 + i * 2 - labels.chars().count()));
            labels.push_str(&x.day.format("%d/%m").to_string());
        }
    }
    lines.push(Line::from(Span::styled(ticks, theme.muted())));
    lines.push(Line::from(Span::styled(labels, theme.muted())));
    lines.push(Line::from(vec![
        Span::styled(if theme.ascii { "# " } else { "█ " }, theme.header()),
        Span::raw(format!("{}   ", s::dashboard::legend_online())),
        Span::raw(if theme.ascii { ": " } else { "▒ " }),
        Span::raw(s::dashboard::legend_counter()),
    ]));
    lines
}

/// The review's lists, and the line of the highlighted row.
fn review<'a>(st: &State, dv: &DashView, theme: &Theme, r: Rect) -> (Vec<Line<'a>>, usize) {
    let Some(rv) = &dv.review else { return (vec![Line::from(Span::styled(s::loading(), theme.muted()))], 0) };
    let mut lines = vec![];
    let mut at = 0;
    let mut idx = 0;
    let w = r.width as usize;
    for (title, list) in s::dashboard::review_lists().iter().zip([
        &rv.overdue_no_apology,
        &rv.last_day_for_apology,
        &rv.supplement_waiting,
        &rv.unassigned,
    ]) {
        lines.push(Line::from(Span::styled(truncate(&format!("{title}: {}", num(list.total)), w), theme.header())));
        if list.rows.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", s::dashboard::review_none()), theme.muted())));
        }
        for row in &list.rows {
            let x = &row.dossier;
            let days = st.calendar.working_days_between(st.today(), x.due_date);
            let who = if x.assignee.is_empty() { "-".to_string() } else { st.full_name(&x.assignee).to_string() };
            // The handler's name where there is room (100 columns and more).
            let who_w = if w >= 100 { 22 } else { 0 };
            let proc_w = w.saturating_sub(2 + 12 + 26 + 1 + 12 + who_w).clamp(8, 30);
            let who = if who_w == 0 { String::new() } else { truncate(&who, who_w) };
            let text = format!(
                "  {} {} {} {} {}",
                pad(short_code(&x.code), 11),
                pad(&truncate(&x.applicant_name, 25), 25),
                pad(
                    &truncate(&s::procedure_short(&st.procedures, &x.procedure_code, &x.procedure_name), proc_w),
                    proc_w
                ),
                pad(&s::due_relative(days), 11),
                who
            );
            if idx == dv.review_sel {
                at = lines.len();
            }
            let style = if idx == dv.review_sel {
                theme.selected()
            } else if days < 0 {
                theme.overdue()
            } else {
                theme.normal()
            };
            lines.push(Line::from(Span::styled(truncate(&text, w), style)));
            idx += 1;
        }
    }
    (lines, at)
}
