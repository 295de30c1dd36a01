//! Drawing: a function of the state only (it takes `&State`; it cannot change anything).
//! Every screen has the same frame: the title line, the screen, a message line, and the
//! footer written from the key table; popups are drawn over it.

use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::text::{truncate, width};
use crate::store::error::role_label;

use super::keymap::{active, key_name, Action};
use super::popups::dispatch;
use super::screens::{admin, dashboard, detail, document, intake, queue};
use super::state::{Screen, State};
use super::strings::{self as s, keys};
use super::theme::Theme;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme) {
    draw_screens(f, st, theme);
    // Whatever the text held, no control character leaves in a cell (see safe.rs); then, in
    // ASCII mode, every cell folded to ASCII.
    super::safe::clean_buffer(f.buffer_mut());
    theme.finish(f.buffer_mut());
}

fn draw_screens(f: &mut Frame, st: &State, theme: &Theme) {
    let area = f.area();
    if !st.fits() {
        let msg = vec![
            Line::from(Span::styled(s::too_small(), theme.error())),
            Line::from(format!("{}x{}", area.width, area.height)),
            Line::from(s::too_small_hint()),
        ];
        let y = area.height.saturating_sub(3) / 2;
        let r = Rect { x: area.x, y: area.y + y, width: area.width, height: area.height.min(3) };
        f.render_widget(Paragraph::new(msg).alignment(Alignment::Center).wrap(Wrap { trim: true }), r);
        return;
    }
    let title = Rect { height: 1, ..area };
    // A message longer than the line (the files a receipt was printed to) takes a second line
    // from the screen rather than being cut.
    let rows = match &st.flash {
        Some(fl) if width(&fl.text) > area.width as usize => 2,
        _ => 1,
    };
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(2 + rows), ..area };
    let status = Rect { y: area.y + area.height - 1 - rows, height: rows, ..area };
    let foot = Rect { y: area.y + area.height - 1, height: 1, ..area };
    draw_title(f, st, theme, title);
    match st.screen {
        Screen::Queue => queue::view::draw(f, st, theme, body, status),
        Screen::Detail => {
            detail::view::draw(f, st, theme, body);
            super::draw::draw_flash(f, st, theme, status, String::new());
        }
        Screen::Intake => intake::view::draw(f, st, theme, body, status),
        Screen::Dashboard => dashboard::view::draw(f, st, theme, body, status),
        Screen::Document => document::view::draw(f, st, theme, body, status),
        Screen::Admin => admin::view::draw(f, st, theme, body, status),
    }
    draw_footer(f, st, theme, foot);
    dispatch::draw(f, st, theme, area, body);
}

fn draw_title(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    let (name, role) = match &st.me {
        Some(me) => (me.full_name.as_str(), role_label(me.role)),
        None => (st.login.as_str(), s::look_only()),
    };
    let clock = st.now.format("%H:%M %d/%m/%Y").to_string();
    let left = format!(" {} · {}", s::app_title(), st.office);
    let room = (r.width as usize).saturating_sub(width(&clock) + 2);
    // On a short line the program's name goes first, then the role: the name is never cut.
    let tries = [
        format!("{left} · {name} ({role})"),
        format!(" {} · {name} ({role})", st.office),
        format!(" {} · {name}", st.office),
    ];
    let line = tries.iter().find(|t| width(t) <= room).unwrap_or(&tries[2]).clone();
    let mut text = truncate(&line, room);
    let gap = (r.width as usize).saturating_sub(width(&text) + width(&clock) + 1);
    text.push_str(&" ".repeat(gap));
    text.push_str(&clock);
    text.push(' ');
    f.render_widget(Paragraph::new(text).style(theme.title()), r);
}

/// The keys that work here, from the table: the popup's if one is open, else the screen's.
/// F1 help always comes first; a hint that does not fit whole is left out, never cut.
fn draw_footer(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    if st.worker_gone {
        f.render_widget(Paragraph::new(Span::styled(truncate(s::worker_gone(), r.width as usize), theme.error())), r);
        return;
    }
    let scopes = st.scopes();
    let mut shown = active(&scopes).into_iter().filter(|b| b.footer).collect::<Vec<_>>();
    // Help first and quit last, both always; the others as they fit.
    shown.sort_by_key(|b| match b.action {
        Action::Help => 0,
        Action::Quit => 2,
        _ => 1,
    });
    let hint = |b: &super::keymap::Binding| {
        let key = b.keys.first().map(key_name).unwrap_or_default();
        let label = keys::label(b.action);
        let w = width(&key) + width(label) + 3;
        (key, label, w)
    };
    // Esc where there is nothing to go back to says nothing.
    let top = st.popups.is_empty()
        && st.screen == Screen::Queue
        && st.back.is_empty()
        && st.queue.search.is_none()
        && st.queue.marked.is_empty();
    shown.retain(|b| !(top && b.action == Action::Back));
    // The key of the screen one is on says nothing there.
    let here = match st.screen {
        Screen::Intake => Some(Action::Intake),
        Screen::Dashboard => Some(Action::Dashboard),
        Screen::Admin => Some(Action::Admin),
        _ => None,
    };
    shown.retain(|b| Some(b.action) != here || !st.popups.is_empty());
    let mut seen = vec![];
    shown.retain(|b| {
        let new = !seen.contains(&b.action);
        seen.push(b.action);
        new
    });
    let reserved: usize = shown.iter().filter(|b| b.action == Action::Quit).map(|b| hint(b).2).sum();
    let mut spans = vec![];
    let mut used = 0;
    for b in shown {
        let (key, label, w) = hint(b);
        let room =
            if b.action == Action::Quit { r.width as usize } else { (r.width as usize).saturating_sub(reserved) };
        if used + w > room {
            continue;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}
