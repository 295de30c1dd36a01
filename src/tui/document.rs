//! A printed form on screen (the receipt after an intake, a supplement request, …), to read
//! before printing it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::state::State;
use super::strings as s;
use super::theme::Theme;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect, status: Rect) {
    let Some(doc) = &st.document else {
        f.render_widget(Paragraph::new(s::loading()).style(theme.muted()), r);
        return;
    };
    let title = format!(" {} {} — {} ", s::form_label(), doc.form.number(), doc.form.title());
    let mut lines = vec![Line::from(Span::styled(title, theme.header()))];
    lines.extend(doc.job.text.lines().map(|l| Line::from(l.to_string())));
    f.render_widget(Paragraph::new(lines).scroll((doc.scroll, 0)), r);
    let (text, style) = match &st.flash {
        Some(fl) => (fl.text.clone(), if fl.error { theme.error() } else { theme.ok() }),
        None => (s::document_hint().to_string(), theme.muted()),
    };
    f.render_widget(
        Paragraph::new(Span::styled(crate::domain::text::truncate(&text, status.width as usize), style)),
        status,
    );
}
