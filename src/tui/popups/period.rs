//! A period typed by hand for the dashboard's rates and report (F8): from and to, Tab between.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::text::Span;

use crate::domain::report::Period;

use crate::tui::effects::Effect;
use crate::tui::input::LineInput;
use crate::tui::keymap::Action;
use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

use super::view::Content;
use super::Popup;

pub fn key(
    st: &mut State,
    (mut from, mut to, on_to): (LineInput, LineInput, bool),
    a: Option<Action>,
    k: &KeyEvent,
) -> (Option<Popup>, Vec<Effect>) {
    let stay = |from, to, on_to, error| (Some(Popup::Period { from, to, on_to, error }), vec![]);
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::NextField | Action::PrevField) => stay(from, to, !on_to, None),
        Some(Action::Choose) => {
            let day = |t: &LineInput| NaiveDate::parse_from_str(t.text().trim(), "%d/%m/%Y").ok();
            match (day(&from), day(&to)) {
                (Some(a), Some(b)) if a <= b => {
                    let period = Period { from: a, to: b };
                    if let Some(dv) = st.dash.as_mut() {
                        dv.custom = Some(period);
                    }
                    (None, vec![Effect::LoadIndicators(period)])
                }
                (Some(_), Some(_)) => stay(from, to, on_to, Some(s::popups::period_backwards().to_string())),
                _ => stay(from, to, on_to, Some(s::bad_date().to_string())),
            }
        }
        _ => {
            if on_to {
                to.handle(k)
            } else {
                from.handle(k)
            };
            stay(from, to, on_to, None)
        }
    }
}

pub fn content<'a>(
    theme: &Theme,
    from: &LineInput,
    to: &LineInput,
    on_to: bool,
    error: &Option<String>,
) -> Content<'a> {
    let mut c = Content::new(s::popups::custom_period_title());
    c.line(s::popups::period_from());
    c.field(from.text(), from.cursor_cells(), !on_to);
    c.line(s::popups::period_to());
    c.field(to.text(), to.cursor_cells(), on_to);
    if let Some(e) = error {
        c.line(Span::styled(e.clone(), theme.error()));
    }
    c
}
