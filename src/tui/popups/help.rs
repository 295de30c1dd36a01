//! Help: the keys of the screen and of the popup under it, from the key table that drives
//! them; it scrolls, and says when there is more below.

use ratatui::text::{Line, Span};

use crate::domain::text::pad;

use crate::tui::effects::Effect;
use crate::tui::keymap::{active, key_name, Action, Scope};
use crate::tui::state::State;
use crate::tui::strings::{self as s, keys};
use crate::tui::theme::Theme;

use super::view::Content;
use super::Popup;

pub fn key(scroll: u16, a: Option<Action>, rows: u16, total: u16) -> (Option<Popup>, Vec<Effect>) {
    let last = total.saturating_sub(rows);
    let scroll = match a {
        Some(Action::Back) => return (None, vec![]),
        Some(Action::Down) => scroll.saturating_add(1),
        Some(Action::Up) => scroll.saturating_sub(1),
        Some(Action::PageDown) => scroll.saturating_add(rows.saturating_sub(1)),
        Some(Action::PageUp) => scroll.saturating_sub(rows.saturating_sub(1)),
        _ => scroll,
    };
    (Some(Popup::Help { scroll: scroll.min(last) }), vec![])
}

/// The scopes help is about: the popup under it (if any), then the screen.
fn scopes(st: &State) -> Vec<Scope> {
    let under = st.popups.iter().rev().find(|p| !matches!(p, Popup::Help { .. }));
    let mut v: Vec<Scope> = under.map(|p| vec![p.scope()]).unwrap_or_default();
    v.extend(st.screen_scopes());
    v
}

/// Every line of help, before scrolling.
pub fn all_lines<'a>(st: &State, theme: &Theme) -> Vec<Line<'a>> {
    let scopes = scopes(st);
    let bindings = active(&scopes);
    let mut lines = vec![];
    for scope in &scopes {
        let mine: Vec<_> = bindings.iter().filter(|b| b.scope == *scope).collect();
        if mine.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(keys::scope(*scope), theme.header())));
        for b in mine {
            let names: Vec<String> = b.keys.iter().map(key_name).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&names.join(" "), 13)), theme.key()),
                Span::raw(format!(" {}", keys::label(b.action))),
            ]));
        }
    }
    for l in keys::typing() {
        lines.push(Line::from(Span::styled(l, theme.muted())));
    }
    lines
}

/// The rows help has on screen.
pub fn rows(st: &State) -> u16 {
    st.size.1.saturating_sub(6)
}

pub fn content<'a>(st: &State, theme: &Theme, scroll: u16) -> Content<'a> {
    let all = all_lines(st, theme);
    let rows = rows(st) as usize;
    let mut c = Content::new(s::popups::help_title());
    let more = all.len() > scroll as usize + rows;
    let shown = if more { rows - 1 } else { rows };
    c.lines = all.into_iter().skip(scroll as usize).take(shown).collect();
    if more {
        c.line(Span::styled(s::popups::help_more(), theme.marked()));
    }
    c
}
