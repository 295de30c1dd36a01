//! Returning the result: the citizen's rating, or none; Enter records the return (the title
//! names the action and the count), Esc records nothing.

use ratatui::text::Span;

use crate::domain::dossier::Satisfaction;

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::strings as s;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{moved, Popup};

const CHOICES: [Option<Satisfaction>; 4] =
    [Some(Satisfaction::Satisfied), Some(Satisfaction::Neutral), Some(Satisfaction::Unsatisfied), None];

pub fn key(targets: Vec<Target>, selected: usize, a: Option<Action>) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => {
            // Then how the citizen collected it (DOMAIN §9), before anything is saved.
            let satisfaction = CHOICES.get(selected).copied().flatten();
            (Some(Popup::Delivery { targets, satisfaction, selected: 0 }), vec![])
        }
        Some(a) => (Some(Popup::Rating { targets, selected: moved(selected, CHOICES.len(), a) }), vec![]),
        None => (Some(Popup::Rating { targets, selected }), vec![]),
    }
}

pub fn content<'a>(theme: &Theme, targets: &[Target], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::titled(Action::Return, targets.len()));
    c.line(Span::styled(codes(targets), theme.muted()));
    c.line(s::popups::rating_prompt());
    let items: Vec<String> = CHOICES.iter().map(|x| s::popups::rating(*x).to_string()).collect();
    c.choices(theme, &items, selected);
    c
}
