//! Drawing the queue: tabs, the table (columns widen at 100 and 120 columns), the position
//! line and the search box.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{pad, truncate, width};
use crate::store::{QueueRow, Tab};

use crate::tui::draw::draw_flash;
use crate::tui::state::State;
use crate::tui::strings::{self as s, num, short_code};
use crate::tui::theme::Theme;

/// The width of each column at a terminal width; the procedure takes what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub mark: usize,
    pub code: usize,
    pub name: usize,
    pub procedure: usize,
    pub status: usize,
    pub due: usize,
    /// 0: not shown (80 columns); the detail names the handler.
    pub who: usize,
}

impl Columns {
    /// At a terminal width, for names up to `longest` cells: the applicant's name is never cut
    /// (up to 25 letters at 80 columns), the procedure takes what is left.
    pub fn at(w: usize, longest: usize) -> Columns {
        let (most, who) = match w {
            0..=99 => (25, 0),
            100..=119 => (25, 16),
            _ => (28, 22),
        };
        let name = longest.clamp(12, most);
        // The due column holds "quá 100 ngày" and "dừng, còn 12" whole.
        let (mark, code, status, due) = (2, 11, 11, 12);
        // One space after each column but the mark and the last.
        let gaps = if who > 0 { 5 } else { 4 };
        let procedure = w.saturating_sub(mark + code + name + status + due + who + gaps).max(8);
        Columns { mark, code, name, procedure, status, due, who }
    }
}

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, body: Rect, status: Rect) {
    let tabs = Rect { height: 1, ..body };
    let header = Rect { y: body.y + 1, height: 1, ..body };
    let table = Rect { y: body.y + 2, height: body.height.saturating_sub(2), ..body };
    draw_tabs(f, st, theme, tabs);
    let list = st.queue.list();
    let longest =
        list.rows.iter().map(|r| width(&r.applicant_name)).max().unwrap_or(0).max(width(s::queue::columns()[1]));
    let cols = Columns::at(body.width as usize, longest);

    match &st.queue.search {
        Some(se) if se.editing || se.showing() => {
            let prompt = s::queue::search_prompt();
            let line = Line::from(vec![Span::styled(prompt, theme.header()), Span::raw(se.input.text().to_string())]);
            f.render_widget(Paragraph::new(line), header);
            if se.editing && st.popups.is_empty() {
                let x = header.x + (width(prompt) + se.input.cursor_cells()) as u16;
                f.set_cursor_position((x.min(header.x + header.width.saturating_sub(1)), header.y));
            }
        }
        _ => {
            let c = s::queue::columns();
            let mut text = format!(
                "{}{} {} {} {} {}",
                " ".repeat(cols.mark),
                pad(c[0], cols.code),
                pad(c[1], cols.name),
                pad(c[2], cols.procedure),
                pad(c[3], cols.status),
                pad(c[4], cols.due),
            );
            if cols.who > 0 {
                text.push(' ');
                text.push_str(&pad(c[5], cols.who));
            }
            f.render_widget(Paragraph::new(text).style(theme.header()), header);
        }
    }

    if !list.loaded {
        f.render_widget(Paragraph::new(s::loading()).style(theme.muted()), table);
    } else if list.rows.is_empty() {
        let text = if st.queue.searching() { s::queue::no_match() } else { s::queue::empty() };
        f.render_widget(Paragraph::new(text).style(theme.muted()), table);
    }
    for (i, r) in list.rows.iter().enumerate().take(table.height as usize) {
        let line = row_line(st, theme, r, i == list.selected, cols);
        f.render_widget(Paragraph::new(line), Rect { y: table.y + i as u16, height: 1, ..table });
    }
    draw_flash(f, st, theme, status, position(st));
}

fn draw_tabs(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    let mut spans = vec![];
    for t in Tab::ALL {
        let style = if t == st.queue.tab() && !st.queue.searching() { theme.tab_active() } else { theme.normal() };
        spans.push(Span::styled(format!(" {} ", s::queue::tab(t)), style));
        spans.push(Span::raw("│"));
    }
    let fl = &st.queue.filter;
    let mut filters = vec![];
    if let Some(x) = &fl.field {
        filters.push(s::field_name(x));
    }
    if let Some(x) = &fl.assignee {
        filters.push(if x.is_empty() { s::unassigned().to_string() } else { st.full_name(x).to_string() });
    }
    if let Some(c) = fl.channel {
        filters.push(s::channel(c).to_string());
    }
    if fl.due_from.is_some() || fl.due_to.is_some() {
        let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.format("%d/%m").to_string()).unwrap_or_default();
        filters.push(format!("{}-{}", d(fl.due_from), d(fl.due_to)));
    }
    if !filters.is_empty() {
        spans.push(Span::styled(format!(" ▸{}", filters.join(", ")), theme.marked()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// One table row: the urgency marker in text ("!!" overdue, "! " today) as well as colour.
fn row_line<'a>(st: &State, theme: &Theme, r: &QueueRow, selected: bool, cols: Columns) -> Line<'a> {
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
    let marked = st.queue.marked.contains_key(&r.id);
    let mark = if marked { "* ".to_string() } else { marker.to_string() };
    let due = match paused {
        Some(n) => s::paused_short(n),
        None if pending => s::due_relative(days),
        None => r.due_date.format("%d/%m/%y").to_string(),
    };
    let who = if r.assignee.is_empty() { "-".to_string() } else { st.full_name(&r.assignee).to_string() };
    let mut cells = vec![
        (mark, cols.mark, if marked { theme.marked() } else { due_style }),
        (short_code(&r.code).to_string(), cols.code, theme.normal()),
        (r.applicant_name.clone(), cols.name, theme.normal()),
        (s::procedure_short(&st.procedures, &r.procedure_code, &r.procedure_name), cols.procedure, theme.muted()),
        (s::status(r.status).to_string(), cols.status, theme.normal()),
        (due, cols.due, due_style),
    ];
    if cols.who > 0 {
        cells.push((who, cols.who, theme.muted()));
    }
    let last = cells.len() - 1;
    let mut spans = vec![];
    for (i, (text, w, style)) in cells.into_iter().enumerate() {
        let cell = pad(&truncate(&text, w), w);
        let style = if selected { theme.selected() } else { style };
        spans.push(Span::styled(cell, style));
        if i > 0 && i < last {
            spans.push(Span::styled(" ", if selected { theme.selected() } else { theme.normal() }));
        }
    }
    Line::from(spans)
}

/// "21-40 / 31.245" (the count of a search "200+" when capped), the marked set, and the
/// dossiers that arrived above while the clerk was scrolled down.
fn position(st: &State) -> String {
    let list = st.queue.list();
    if !list.loaded {
        return String::new();
    }
    let searching = st.queue.searching();
    let total = match searching {
        true if list.total >= crate::tui::effects::SEARCH_COUNT_CAP => format!("{}+", num(list.total)),
        _ => num(list.total),
    };
    let mut tail = String::new();
    if !st.queue.marked.is_empty() {
        tail.push_str(&format!("  · {}", s::queue::marked(st.queue.marked.len())));
    }
    if !searching && list.new_above > 0 {
        tail.push_str(&format!("  · {}", s::queue::new_above(list.new_above)));
    }
    if list.rows.is_empty() {
        return format!("0 / {total}{tail}");
    }
    let first = list.offset + 1;
    let last = list.offset + list.rows.len() as u64;
    let found = if searching { format!(" {}", s::queue::found()) } else { String::new() };
    format!("{}-{} / {total}{found}{tail}", num(first), num(last))
}
