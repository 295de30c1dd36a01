//! Drawing an Admin edit form (a popup over the list): one line per field, a list of lines
//! for the papers, and the error of the last save at the bottom.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::domain::text::{pad, truncate};
use crate::store::error::role_label;

use crate::tui::strings::admin as s;
use crate::tui::theme::Theme;

use super::form::{EditForm, FormTarget, Value};
use super::view::{line_at, LABEL};

pub fn draw_form(f: &mut Frame, theme: &Theme, form: &EditForm, r: Rect, top: bool) {
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(format!(" {} ", s::form_title(&form.target)));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let room = (inner.width as usize).saturating_sub(LABEL);
    let mut y = 0u16;
    if let FormTarget::Procedure(p) = &form.target {
        let about =
            truncate(&format!("{} · {}", crate::tui::strings::procedure_name(p), p.field), inner.width as usize);
        f.render_widget(Paragraph::new(Span::styled(about, theme.muted())), line_at(inner, y));
        y += 2;
    }
    let mut cursor = None;
    // The last line of the box is for the error.
    let bottom = inner.height.saturating_sub(1);
    for (i, field) in form.fields.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let focus = i == form.focus;
        let label = Span::styled(pad(s::field(field.id), LABEL), if focus { theme.selected() } else { theme.muted() });
        match &field.value {
            Value::Text(t) => {
                let text = truncate(t.text(), room);
                let mut spans = vec![label, Span::raw(text)];
                if field.id == super::form::FieldId::HandlingAgency && t.text().is_empty() {
                    spans.push(Span::styled(truncate(s::handling_agency_hint(), room), theme.muted()));
                }
                f.render_widget(Paragraph::new(Line::from(spans)), line_at(inner, y));
                if focus {
                    cursor = Some((inner.x + (LABEL + t.cursor_cells().min(room)) as u16, inner.y + y));
                }
            }
            Value::Check(b) => {
                let mark = if *b { "[x]" } else { "[ ]" };
                f.render_widget(Paragraph::new(Line::from(vec![label, Span::raw(mark)])), line_at(inner, y));
            }
            Value::Kind(k) => {
                let text = format!("◀ {} ▶", s::day_kind(*k));
                f.render_widget(Paragraph::new(Line::from(vec![label, Span::raw(text)])), line_at(inner, y));
            }
            Value::Role(role) => {
                let text = format!("◀ {} ▶", role_label(*role));
                f.render_widget(Paragraph::new(Line::from(vec![label, Span::raw(text)])), line_at(inner, y));
            }
            Value::Lines(t) => {
                f.render_widget(Paragraph::new(Line::from(vec![label])), line_at(inner, y));
                y += 1;
                let h = bottom.saturating_sub(y).max(1);
                let area = Rect { x: inner.x + 2, y: inner.y + y, width: inner.width.saturating_sub(2), height: h };
                if focus {
                    f.render_widget(t.as_ref(), area);
                } else {
                    // Its cursor only where the typing goes.
                    let mut quiet = t.as_ref().clone();
                    quiet.set_cursor_style(ratatui::style::Style::default());
                    f.render_widget(&quiet, area);
                }
                y += h - 1;
            }
        }
        y += 1;
    }
    if let Some(e) = &form.error {
        let e = truncate(e, inner.width as usize);
        f.render_widget(Paragraph::new(Span::styled(e, theme.error())), line_at(inner, bottom));
    }
    if let Some(c) = cursor.filter(|_| top) {
        f.set_cursor_position(c);
    }
}
