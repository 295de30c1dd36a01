//! Drawing a form on screen, with the keys that print or close it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect, status: Rect) {
    let Some(doc) = &st.document else {
        f.render_widget(Paragraph::new(s::loading()).style(theme.muted()), r);
        return;
    };
    let title = format!(" {} {} - {} ", s::document::form_label(), doc.form.number(), doc.form.title());
    let mut lines = vec![Line::from(Span::styled(title, theme.header()))];
    lines.extend(doc.job.text.lines().map(|l| Line::from(l.to_string())));
    f.render_widget(Paragraph::new(lines).scroll((doc.scroll, 0)), r);
    crate::tui::draw::draw_flash(f, st, theme, status, String::new());
}
