//! Drawing a popup: a box in the middle of the screen with a title, its lines, and the
//! cursor where the typing goes.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::text::{truncate, width};

use crate::tui::strings::short_code;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

/// What a popup shows.
pub struct Content<'a> {
    pub title: String,
    pub lines: Vec<Line<'a>>,
    /// Row and column (cells) of the cursor inside the box.
    pub cursor: Option<(usize, usize)>,
}

impl<'a> Content<'a> {
    pub fn new(title: impl Into<String>) -> Content<'a> {
        Content { title: title.into(), lines: vec![], cursor: None }
    }
    pub fn line(&mut self, l: impl Into<Line<'a>>) {
        self.lines.push(l.into());
    }
    /// A text field with its cursor when it has the focus.
    pub fn field(&mut self, text: &str, cursor_cells: usize, focus: bool) {
        if focus {
            self.cursor = Some((self.lines.len(), cursor_cells));
        }
        self.lines.push(Line::from(text.to_string()));
    }
    /// A list of choices, the highlighted one in reverse.
    pub fn choices(&mut self, theme: &Theme, items: &[String], selected: usize) {
        for (i, text) in items.iter().enumerate() {
            let mark = if i == selected { "> " } else { "  " };
            let style = if i == selected { theme.selected() } else { theme.normal() };
            self.lines.push(Line::from(Span::styled(format!("{mark}{text}"), style)));
        }
    }
}

/// The codes of the dossiers a question is about, with their count.
pub fn codes(ts: &[Target]) -> String {
    let list: Vec<&str> = ts.iter().map(|t| short_code(&t.code)).collect();
    truncate(&list.join(", "), 60)
}

/// A title starts with a capital letter, whatever the label it is made of.
fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub fn draw(f: &mut Frame, theme: &Theme, c: Content, area: Rect, top: bool) {
    let inner_w = c.lines.iter().map(|l| l.spans.iter().map(|sp| width(&sp.content)).sum::<usize>()).max();
    let w = (inner_w.unwrap_or(20).max(width(&c.title) + 4).max(40) + 4).min(area.width as usize) as u16;
    // A long line wraps: the box is as tall as the wrapped text, so no choice falls out of it.
    let room = (w as usize).saturating_sub(2).max(1);
    let rows: usize =
        c.lines.iter().map(|l| l.spans.iter().map(|sp| width(&sp.content)).sum::<usize>().div_ceil(room).max(1)).sum();
    let h = (rows + 2) as u16;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {} ", capital(&c.title)), theme.header()));
    let inner = block.inner(r);
    f.render_widget(Paragraph::new(c.lines).block(block).wrap(Wrap { trim: false }), r);
    if let (Some((row, col)), true) = (c.cursor, top) {
        let x = (inner.x + col as u16).min(inner.x + inner.width.saturating_sub(1));
        f.set_cursor_position((x, inner.y + row as u16));
    }
}
