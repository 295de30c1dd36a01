//! Drawing the Admin screen: the pane tabs and the list of the pane (its edit forms are
//! popups, drawn by form_view.rs).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{pad, truncate, width};
use crate::store::error::role_label;

use crate::tui::state::State;
use crate::tui::strings::admin as s;
use crate::tui::theme::Theme;

use super::form::FieldId;
use super::state::{AdminView, Pane};

pub const LABEL: usize = 20;

pub fn line_at(r: Rect, i: u16) -> Rect {
    Rect { x: r.x, y: r.y + i, width: r.width, height: 1 }
}

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect, status: Rect) {
    let Some(v) = &st.admin else { return };
    draw_tabs(f, v, theme, line_at(r, 0));
    let list = Rect { y: r.y + 1, height: r.height.saturating_sub(1), ..r };
    let mut position = String::new();
    match (&v.data, v.pane) {
        (None, _) => {
            let text = Span::styled(crate::tui::strings::loading(), theme.muted());
            f.render_widget(Paragraph::new(text), line_at(list, 0));
        }
        (Some(_), Pane::Catalogue) => position = catalogue(f, v, theme, list, st.popups.is_empty()),
        (Some(_), Pane::Holidays) => position = holidays(f, v, theme, list),
        (Some(_), Pane::Staff) => position = staff(f, v, theme, list),
        (Some(_), Pane::Settings) => settings(f, v, theme, list),
    }
    crate::tui::draw::draw_flash(f, st, theme, status, position);
}

fn draw_tabs(f: &mut Frame, v: &AdminView, theme: &Theme, r: Rect) {
    let mut spans = vec![Span::styled(format!(" {} ", s::title()), theme.header())];
    for (i, p) in Pane::ALL.iter().enumerate() {
        // Brackets too, so the pane shows without colour.
        let (style, open, close) =
            if *p == v.pane { (theme.tab_active(), "[", "]") } else { (theme.normal(), " ", " ") };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!("{open}{} {}{close}", i + 1, s::pane(*p)), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// The first row shown so the highlighted one stays in a window of `rows`.
fn window(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

fn position(v: &AdminView) -> String {
    match v.rows() {
        0 => String::new(),
        n => format!("{}/{n}", v.selected() + 1),
    }
}

/// A table: a header line, the rows, and a line about the highlighted row at the bottom.
fn table(f: &mut Frame, theme: &Theme, r: Rect, header: Line, rows: Vec<(String, bool)>, sel: usize, about: String) {
    f.render_widget(Paragraph::new(header), line_at(r, 0));
    let room = r.height.saturating_sub(2) as usize;
    let start = window(sel, room);
    for (i, (text, dim)) in rows.iter().enumerate().skip(start).take(room) {
        let style = match (i == sel, dim) {
            (true, _) => theme.selected(),
            (false, true) => theme.muted(),
            (false, false) => theme.normal(),
        };
        let text = pad(text, r.width as usize);
        f.render_widget(Paragraph::new(Span::styled(text, style)), line_at(r, 1 + (i - start) as u16));
    }
    let last = line_at(r, r.height.saturating_sub(1));
    f.render_widget(Paragraph::new(Span::styled(truncate(&about, r.width as usize), theme.muted())), last);
}

fn catalogue(f: &mut Frame, v: &AdminView, theme: &Theme, r: Rect, popups_closed: bool) -> String {
    let w = r.width as usize;
    let (code_w, limit_w, fee_w) = (10, 17, 10);
    let name_w = w.saturating_sub(4 + code_w + 1 + limit_w + 1 + fee_w);
    let cols = s::columns();
    let header = if v.filtering || !v.filter.text().is_empty() {
        let prompt = s::filter_prompt();
        if v.filtering && popups_closed {
            f.set_cursor_position((r.x + (width(prompt) + v.filter.cursor_cells()) as u16, r.y));
        }
        Line::from(vec![Span::styled(prompt, theme.header()), Span::raw(v.filter.text().to_string())])
    } else {
        let text = format!(
            "    {}{} {} {}",
            pad(cols[0], code_w),
            pad(cols[1], name_w),
            pad(cols[2], limit_w),
            pad(cols[3], fee_w)
        );
        Line::from(Span::styled(text, theme.header()))
    };
    let list = v.procedures();
    let rows = list
        .iter()
        .map(|p| {
            let tick = if p.active { "[x] " } else { "[ ] " };
            let text = format!(
                "{tick}{}{} {} {}",
                pad(&p.code, code_w),
                pad(crate::tui::strings::procedure_name(p), name_w),
                pad(&s::limit_short(p.time_limit()), limit_w),
                pad(&s::fee_short(p.fee_vnd), fee_w)
            );
            (text, !p.active)
        })
        .collect();
    let about = list.get(v.selected()).map(|p| s::procedure_line(p)).unwrap_or_default();
    table(f, theme, r, header, rows, v.selected(), about);
    position(v)
}

fn holidays(f: &mut Frame, v: &AdminView, theme: &Theme, r: Rect) -> String {
    let list = v.holidays();
    let mut spans = vec![Span::styled(s::year(v.year, list.len()), theme.header())];
    // The shipped official rows this table lacks, offered until the head takes them (Alt-U).
    let offered = v.data.as_ref().map_or(0, |d| {
        crate::domain::holiday_update::official_changes(&d.holidays, &crate::domain::holiday_update::shipped_holidays())
            .len()
    });
    if offered > 0 {
        spans.push(Span::styled(format!("  {}", s::holidays_offered(offered)), theme.due_today()));
    }
    let header = Line::from(spans);
    let name_w = (r.width as usize).saturating_sub(10 + 1 + 4 + 9 + 12);
    let rows: Vec<(String, bool)> = list
        .iter()
        .map(|(d, kind, name, status)| {
            let text = format!(
                "{} {}{}{} {}",
                d.format("%d/%m/%Y"),
                pad(s::weekday(*d), 4),
                pad(s::day_kind(*kind), 9),
                pad(name, name_w.saturating_sub(1)),
                pad(s::holiday_status(status), 11)
            );
            (text, false)
        })
        .collect();
    if rows.is_empty() {
        f.render_widget(Paragraph::new(header), line_at(r, 0));
        f.render_widget(Paragraph::new(Span::styled(s::no_holidays(), theme.muted())), line_at(r, 2));
        return String::new();
    }
    table(f, theme, r, header, rows, v.selected(), String::new());
    position(v)
}

fn staff(f: &mut Frame, v: &AdminView, theme: &Theme, r: Rect) -> String {
    let cols = s::staff_columns();
    let (login_w, role_w, state_w) = (14, 20, 10);
    let name_w = (r.width as usize).saturating_sub(login_w + role_w + state_w);
    let header = Line::from(Span::styled(
        format!("{}{}{}", pad(cols[0], login_w), pad(cols[1], name_w), pad(cols[2], role_w)),
        theme.header(),
    ));
    let rows = v
        .staff()
        .iter()
        .map(|p| {
            let state = if p.active { "" } else { s::disabled() };
            let text = format!(
                "{}{}{}{}",
                pad(&p.login, login_w),
                pad(&p.full_name, name_w),
                pad(role_label(p.role), role_w),
                pad(state, state_w)
            );
            (text, !p.active)
        })
        .collect();
    table(f, theme, r, header, rows, v.selected(), String::new());
    position(v)
}

fn settings(f: &mut Frame, v: &AdminView, theme: &Theme, r: Rect) {
    let Some(d) = &v.data else { return };
    let st = &d.settings;
    let hours = st.hours.to_setting();
    let lines = [
        (FieldId::OfficeKind, st.office_kind.as_str()),
        (FieldId::AgencyName, &st.agency_name),
        (FieldId::ParentName, &st.parent_name),
        (FieldId::AgencyCode, &st.agency_code),
        (FieldId::CounterHours, &hours),
        (FieldId::Place, &st.place),
        (FieldId::HeadName, &st.head_name),
        (FieldId::HeadTitle, &st.head_title),
        (FieldId::OfficeAddress, &st.address),
        (FieldId::OfficePhone, &st.phone),
        (FieldId::OfficeEmail, &st.email),
        (FieldId::Book, &st.book),
        (FieldId::ReportWithdrawn, d.report.withdrawn.as_str()),
        (FieldId::ReportRecipient, &d.report.recipient),
        (FieldId::ReportPlace, &d.report.place),
    ];
    let room = (r.width as usize).saturating_sub(LABEL);
    for (i, (id, value)) in lines.iter().enumerate() {
        let spans = vec![Span::styled(pad(s::field(*id), LABEL), theme.muted()), Span::raw(truncate(value, room))];
        f.render_widget(Paragraph::new(Line::from(spans)), line_at(r, 1 + i as u16));
    }
    let hint = truncate(s::settings_hint(), r.width as usize);
    f.render_widget(Paragraph::new(Span::styled(hint, theme.muted())), line_at(r, 2 + lines.len() as u16));
}
