//! Which form of the dossier to print (Ctrl-P on the detail); Enter shows it, ready to print.

use ratatui::text::Span;

use crate::forms::job::Extras;
use crate::forms::Form;

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use crate::tui::strings::{self as s, short_code};
use crate::tui::theme::Theme;

use super::view::Content;
use super::{moved, Popup};

const FORMS: [Form; 5] = [Form::Receipt, Form::Supplement, Form::Refusal, Form::Apology, Form::ControlSheet];

pub fn key(st: &mut State, code: String, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => {
            let form = FORMS[selected.min(FORMS.len() - 1)];
            st.back.push(st.screen);
            st.document = None;
            st.screen = Screen::Document;
            (None, vec![Effect::Document { form, code, extras: Extras::default() }])
        }
        Some(a) => (Some(Popup::PrintPick { code, selected: moved(selected, FORMS.len(), a) }), vec![]),
        None => (Some(Popup::PrintPick { code, selected }), vec![]),
    }
}

pub fn content<'a>(theme: &Theme, code: &str, selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::print_title());
    c.line(Span::styled(short_code(code).to_string(), theme.muted()));
    let items: Vec<String> =
        FORMS.iter().map(|f| format!("{} {} - {}", s::document::form_label(), f.number(), f.title())).collect();
    c.choices(theme, &items, selected);
    c
}
