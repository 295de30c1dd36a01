//! Small drawing helpers every screen uses.

use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::text::truncate;

use super::state::State;
use super::theme::Theme;

/// The message line: the last action's outcome, or `default` (e.g. the position in the list).
pub fn draw_flash(f: &mut Frame, st: &State, theme: &Theme, r: Rect, default: String) {
    let (text, style) = match &st.flash {
        Some(fl) => (fl.text.clone(), if fl.error { theme.error() } else { theme.ok() }),
        None => (default, theme.muted()),
    };
    // Two lines at most (see view.rs): what still does not fit ends in "…".
    let room =
        (r.width as usize * r.height as usize).saturating_sub(if r.height > 1 { r.width as usize / 2 } else { 0 });
    f.render_widget(Paragraph::new(truncate(&text, room)).style(style).wrap(Wrap { trim: false }), r);
}
