//! The help screen, written from the binding table (the same one that drives the keys).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::pad;

use super::keymap::{key_name, Scope, BINDINGS};
use super::state::State;
use super::strings as s;
use super::theme::Theme;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    let mut lines = vec![Line::from(Span::styled(s::help_title(), theme.header()))];
    for scope in [Scope::Global, Scope::Queue, Scope::Dossier, Scope::Detail] {
        lines.push(Line::from(Span::styled(s::help_scope(scope), theme.header())));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let keys: Vec<String> = b.keys.iter().map(key_name).collect();
            let mut uniq = keys.clone();
            uniq.dedup();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&uniq.join(" "), 14)), theme.key()),
                Span::raw(format!(" {}", s::action_label(b.action))),
            ]));
        }
    }
    lines.push(Line::from(s::help_typing()));
    f.render_widget(Paragraph::new(lines).scroll((st.help_scroll, 0)), r);
}
