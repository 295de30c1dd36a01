//! Returning the result, after the rating: how the citizen collected it (at the counter, by
//! post, online), or as wished at intake. Enter records the return, Esc nothing.

use ratatui::text::Span;

use crate::domain::dossier::Satisfaction;
use crate::domain::handover::Delivery;

use crate::tui::effects::{Change, Effect};
use crate::tui::keymap::Action;
use crate::tui::strings as s;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

use super::view::{codes, Content};
use super::{moved, Popup};

const CHOICES: [Option<Delivery>; 4] = [None, Some(Delivery::Counter), Some(Delivery::Post), Some(Delivery::Online)];

pub fn key(
    targets: Vec<Target>,
    satisfaction: Option<Satisfaction>,
    selected: usize,
    a: Option<Action>,
) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => {
            let delivery = CHOICES.get(selected).copied().flatten();
            let change = Change::Return { satisfaction, delivery };
            (None, vec![Effect::Apply { action: Action::Return, targets, change }])
        }
        Some(a) => {
            (Some(Popup::Delivery { targets, satisfaction, selected: moved(selected, CHOICES.len(), a) }), vec![])
        }
        None => (Some(Popup::Delivery { targets, satisfaction, selected }), vec![]),
    }
}

pub fn content<'a>(theme: &Theme, targets: &[Target], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::titled(Action::Return, targets.len()));
    c.line(Span::styled(codes(targets), theme.muted()));
    c.line(s::popups::delivery_prompt());
    let items: Vec<String> = CHOICES
        .iter()
        .map(|d| match d {
            None => s::popups::delivery_as_wished().to_string(),
            Some(d) => crate::i18n::tr(d.label_vi(), d.label_en()).to_string(),
        })
        .collect();
    c.choices(theme, &items, selected);
    c
}
