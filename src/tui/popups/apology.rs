//! An apology with a new appointment: the date and the reason for the delay; Tab moves
//! between them, Enter records it (with form 04 to print), Esc records nothing.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::text::Span;

use crate::tui::effects::{Change, Effect};
use crate::tui::input::LineInput;
use crate::tui::keymap::Action;
use crate::tui::strings::{self as s, keys, short_code};
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::Content;
use super::Popup;

pub struct Fields {
    pub target: Target,
    pub date: LineInput,
    pub reason: LineInput,
    pub on_reason: bool,
}

fn back(f: Fields, error: Option<String>) -> Option<Popup> {
    Some(Popup::Apology { target: f.target, date: f.date, reason: f.reason, on_reason: f.on_reason, error })
}

pub fn key(mut f: Fields, a: Option<Action>, k: &KeyEvent) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::NextField | Action::PrevField) => {
            f.on_reason = !f.on_reason;
            (back(f, None), vec![])
        }
        Some(Action::Choose) => {
            let parsed = NaiveDate::parse_from_str(f.date.text().trim(), "%d/%m/%Y").ok();
            match parsed {
                None => (back(f, Some(s::bad_date().into())), vec![]),
                Some(_) if f.reason.text().trim().is_empty() => {
                    (back(f, Some(s::popups::reason_required().into())), vec![])
                }
                Some(new_date) => {
                    let change = Change::Apology { new_date, reason: f.reason.text().trim().to_string() };
                    (None, vec![Effect::Apply { action: Action::Apology, targets: vec![f.target], change }])
                }
            }
        }
        _ => {
            let field = if f.on_reason { &mut f.reason } else { &mut f.date };
            field.handle(k);
            (back(f, None), vec![])
        }
    }
}

pub fn content<'a>(theme: &Theme, f: &Fields, error: &Option<String>) -> Content<'a> {
    let mut c = Content::new(keys::label(Action::Apology).to_string());
    c.line(Span::styled(short_code(&f.target.code).to_string(), theme.muted()));
    c.line(s::popups::apology_date_prompt());
    c.field(f.date.text(), f.date.cursor_cells(), !f.on_reason);
    c.line(s::popups::reason_for(Action::Apology));
    c.field(f.reason.text(), f.reason.cursor_cells(), f.on_reason);
    if let Some(e) = error {
        c.line(Span::styled(e.clone(), theme.error()));
    }
    c
}
