//! Drawing: a function of the state only (it takes `&State`; it cannot change anything).

use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{truncate, width};
use crate::store::error::role_label;

use super::keymap::{footer, key_name, Scope};
use super::state::{Screen, State};
use super::strings as s;
use super::theme::Theme;
use super::{admin_view, dashboard_view, detail, document, help, intake_view, modal, queue};

pub fn draw(f: &mut Frame, st: &State, theme: &Theme) {
    draw_screens(f, st, theme);
    // Whatever the text held, no control character leaves in a cell (see safe.rs).
    super::safe::clean_buffer(f.buffer_mut());
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
        f.render_widget(
            Paragraph::new(msg).alignment(Alignment::Center).wrap(ratatui::widgets::Wrap { trim: true }),
            r,
        );
        return;
    }
    let title = Rect { height: 1, ..area };
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(3), ..area };
    let status = Rect { y: area.y + area.height - 2, height: 1, ..area };
    let foot = Rect { y: area.y + area.height - 1, height: 1, ..area };
    draw_title(f, st, theme, title);
    let scope = match st.screen {
        Screen::Queue => {
            queue::draw(f, st, theme, body, status);
            Scope::Queue
        }
        Screen::Detail => {
            detail::draw(f, st, theme, body);
            draw_flash(f, st, theme, status, String::new());
            Scope::Detail
        }
        Screen::Help => {
            help::draw(f, st, theme, body);
            Scope::Global
        }
        Screen::Intake => {
            intake_view::draw(f, st, theme, Rect { height: body.height + 1, ..body }, foot);
            Scope::Global
        }
        Screen::Dashboard => {
            dashboard_view::draw(f, st, theme, Rect { height: body.height + 1, ..body }, foot);
            Scope::Global
        }
        Screen::Document => {
            document::draw(f, st, theme, body, foot);
            Scope::Global
        }
        Screen::Admin => {
            admin_view::draw(f, st, theme, body, status, foot);
            Scope::Global
        }
    };
    if !matches!(st.screen, Screen::Intake | Screen::Document | Screen::Dashboard | Screen::Admin) {
        draw_footer(f, theme, foot, scope);
    }
    if let Some(m) = &st.modal {
        modal::draw(f, st, theme, m, area);
    }
}

fn draw_title(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    let who = match &st.me {
        Some(me) => format!("{} ({})", me.full_name, role_label(me.role)),
        None => format!("{} ({})", st.login, s::look_only()),
    };
    let clock = st.now.format("%H:%M %d/%m/%Y").to_string();
    let left = format!(" {} · {}", s::app_title(), st.office);
    let room = (r.width as usize).saturating_sub(width(&clock) + 2);
    let mut text = truncate(&format!("{left} · {who}"), room);
    let gap = (r.width as usize).saturating_sub(width(&text) + width(&clock) + 1);
    text.push_str(&" ".repeat(gap));
    text.push_str(&clock);
    text.push(' ');
    f.render_widget(Paragraph::new(text).style(theme.title()), r);
}

/// The message line: the last action's outcome, or `default` (e.g. the position in the list).
pub fn draw_flash(f: &mut Frame, st: &State, theme: &Theme, r: Rect, default: String) {
    let (text, style) = match &st.flash {
        Some(fl) => (fl.text.clone(), if fl.error { theme.error() } else { theme.ok() }),
        None => (default, theme.muted()),
    };
    f.render_widget(Paragraph::new(truncate(&text, r.width as usize)).style(style), r);
}

fn draw_footer(f: &mut Frame, theme: &Theme, r: Rect, scope: Scope) {
    let mut spans = vec![];
    let mut used = 0;
    for b in footer(scope) {
        let key = b.keys.first().map(key_name).unwrap_or_default();
        let label = s::action_label(b.action);
        let w = width(&key) + width(label) + 3;
        if used + w > r.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}
