//! The queue screen: pending dossiers, most urgent first, with tabs, filters and search.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{pad, thousands, truncate, width};
use crate::store::{QueueRow, Tab};

use super::state::State;
use super::strings as s;
use super::theme::Theme;
use super::update::short_code;
use super::view::draw_flash;

/// Column widths at 80 columns; the procedure takes what is left.
const MARK: usize = 3;
const CODE: usize = 11;
const NAME: usize = 17;
const STATUS: usize = 11;
const DUE: usize = 12;
const WHO: usize = 6;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, body: Rect, status: Rect) {
    let tabs = Rect { height: 1, ..body };
    let header = Rect { y: body.y + 1, height: 1, ..body };
    let table = Rect { y: body.y + 2, height: body.height.saturating_sub(2), ..body };
    draw_tabs(f, st, theme, tabs);
    let list = st.queue.list();
    let proc_w = (body.width as usize).saturating_sub(MARK + CODE + NAME + STATUS + DUE + WHO + 6);

    match &st.queue.search {
        Some(se) if se.editing || list.rows.is_empty() => {
            let prompt = s::search_prompt();
            let line = Line::from(vec![Span::styled(prompt, theme.header()), Span::raw(se.input.text().to_string())]);
            f.render_widget(Paragraph::new(line), header);
            if se.editing {
                let x = header.x + (width(prompt) + se.input.cursor_cells()) as u16;
                f.set_cursor_position((x.min(header.x + header.width.saturating_sub(1)), header.y));
            }
        }
        _ => {
            let c = s::columns();
            let text = format!(
                "{}{} {} {} {} {} {}",
                " ".repeat(MARK),
                pad(c[0], CODE),
                pad(c[1], NAME),
                pad(c[2], proc_w),
                pad(c[3], STATUS),
                pad(c[4], DUE),
                pad(c[5], WHO)
            );
            f.render_widget(Paragraph::new(text).style(theme.header()), header);
        }
    }

    if !list.loaded {
        f.render_widget(Paragraph::new(s::loading()).style(theme.muted()), table);
    } else if list.rows.is_empty() {
        let text = if st.queue.search.is_some() { s::no_match() } else { s::empty_queue() };
        f.render_widget(Paragraph::new(text).style(theme.muted()), table);
    }
    for (i, r) in list.rows.iter().enumerate().take(table.height as usize) {
        let line = row_line(st, theme, r, i == list.selected, proc_w);
        f.render_widget(Paragraph::new(line), Rect { y: table.y + i as u16, height: 1, ..table });
    }
    draw_flash(f, st, theme, status, position(st));
}

fn draw_tabs(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    let mut spans = vec![];
    for t in Tab::ALL {
        let style = if t == st.queue.tab() && st.queue.search.is_none() { theme.tab_active() } else { theme.normal() };
        spans.push(Span::styled(format!(" {} ", s::tab(t)), style));
        spans.push(Span::raw(if theme.ascii { "|" } else { "│" }));
    }
    let fl = &st.queue.filter;
    let mut filters = vec![];
    if let Some(x) = &fl.field {
        filters.push(x.clone());
    }
    if let Some(x) = &fl.assignee {
        filters.push(if x.is_empty() { s::unassigned().to_string() } else { x.clone() });
    }
    if let Some(c) = fl.channel {
        filters.push(s::channel(c).to_string());
    }
    if fl.due_from.is_some() || fl.due_to.is_some() {
        let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.format("%d/%m").to_string()).unwrap_or_default();
        filters.push(format!("{}–{}", d(fl.due_from), d(fl.due_to)));
    }
    if !filters.is_empty() {
        spans.push(Span::styled(format!(" ▸{}", filters.join(", ")), theme.marked()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// One table row: the urgency marker in text ("!!" overdue, "! " today) as well as colour.
fn row_line<'a>(st: &State, theme: &Theme, r: &QueueRow, selected: bool, proc_w: usize) -> Line<'a> {
    let days = st.calendar.working_days_between(st.today(), r.due_date);
    let pending = r.status.is_pending();
    // A dossier paused for the citizen's supplement is not overdue: "~" and the days left.
    let paused = r.paused_days_left.filter(|_| pending);
    let (marker, due_style) = match days {
        _ if paused.is_some() => ("~ ", theme.muted()),
        d if pending && d < 0 => ("!!", theme.overdue()),
        0 if pending => ("! ", theme.due_today()),
        _ => ("  ", theme.normal()),
    };
    let mark = if st.queue.marked.contains_key(&r.id) { "*" } else { " " };
    let due = match paused {
        Some(n) => s::paused_short(n),
        None if pending => s::due_relative(days),
        None => r.due_date.format("%d/%m/%y").to_string(),
    };
    let who = if r.assignee.is_empty() { "—".to_string() } else { r.assignee.clone() };
    let cells = [
        (format!("{mark}{marker}"), MARK, if mark == "*" { theme.marked() } else { due_style }),
        (short_code(&r.code).to_string(), CODE, theme.normal()),
        (r.applicant_name.clone(), NAME, theme.normal()),
        (r.procedure_name.clone(), proc_w, theme.muted()),
        (s::status_short(r.status).to_string(), STATUS, theme.normal()),
        (due, DUE, due_style),
        (who, WHO, theme.muted()),
    ];
    let mut spans = vec![];
    for (i, (text, w, style)) in cells.into_iter().enumerate() {
        let cell = pad(&truncate(&text, w), w);
        let style = if selected { theme.selected() } else { style };
        spans.push(Span::styled(cell, style));
        if i > 0 && i < 6 {
            spans.push(Span::styled(" ", if selected { theme.selected() } else { theme.normal() }));
        }
    }
    Line::from(spans)
}

/// "21–40 / 31.245" (and the count of a search, "1.000+" when capped).
fn position(st: &State) -> String {
    let list = st.queue.list();
    if !list.loaded {
        return String::new();
    }
    let total = match &st.queue.search {
        Some(_) if list.total >= super::effects::SEARCH_COUNT_CAP => format!("{}+", thousands(list.total as i64)),
        _ => thousands(list.total as i64),
    };
    let marks =
        if st.queue.marked.is_empty() { String::new() } else { format!("  · {}", s::marked(st.queue.marked.len())) };
    if list.rows.is_empty() {
        return format!("0 / {total}{marks}");
    }
    let first = list.offset + 1;
    let last = list.offset + list.rows.len() as u64;
    let found = if st.queue.search.is_some() { format!(" {}", s::search_found()) } else { String::new() };
    format!("{}–{} / {total}{found}{marks}", thousands(first as i64), thousands(last as i64))
}
