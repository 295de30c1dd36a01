//! Filter the queue by field, handler or channel (F7 on the queue).

use crate::domain::status::Role;

use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::screens::queue::update::first_page;
use crate::tui::state::State;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

use super::view::Content;
use super::{moved, FilterOption, Popup};

/// The choices: none, each field, unassigned and each handler, each channel.
pub fn open(st: &mut State) -> Vec<Effect> {
    let mut options = vec![FilterOption::Clear];
    options.extend(st.fields.iter().cloned().map(FilterOption::Field));
    options.push(FilterOption::Assignee(String::new()));
    options.extend(
        st.staff.iter().filter(|p| p.active && p.role != Role::Clerk).map(|p| FilterOption::Assignee(p.login.clone())),
    );
    options.extend(crate::domain::dossier::Channel::ALL.map(FilterOption::Channel));
    if !st.agencies.is_empty() {
        options.push(FilterOption::Agency(String::new()));
        options.extend(st.agencies.iter().map(|a| FilterOption::Agency(a.code.clone())));
    }
    st.popups.push(Popup::Filter { options, selected: 0 });
    vec![]
}

pub fn key(
    st: &mut State,
    options: Vec<FilterOption>,
    selected: usize,
    a: Option<Action>,
) -> (Option<Popup>, Vec<Effect>) {
    match a {
        Some(Action::Back) => (None, vec![]),
        Some(Action::Choose) => {
            let f = &mut st.queue.filter;
            match options.get(selected) {
                Some(FilterOption::Clear) => {
                    f.field = None;
                    f.assignee = None;
                    f.channel = None;
                    f.due_from = None;
                    f.due_to = None;
                    f.agency = None;
                }
                Some(FilterOption::Agency(x)) => f.agency = Some(x.clone()),
                Some(FilterOption::Field(x)) => f.field = Some(x.clone()),
                Some(FilterOption::Assignee(x)) => f.assignee = Some(x.clone()),
                Some(FilterOption::Channel(c)) => f.channel = Some(*c),
                None => {}
            }
            st.queue.search = None;
            (None, first_page(st))
        }
        Some(a) => (Some(Popup::Filter { selected: moved(selected, options.len(), a), options }), vec![]),
        None => (Some(Popup::Filter { options, selected }), vec![]),
    }
}

pub fn content<'a>(st: &State, theme: &Theme, options: &[FilterOption], selected: usize) -> Content<'a> {
    let mut c = Content::new(s::popups::filter_title());
    let rows = (st.size.1 as usize).saturating_sub(8).max(3);
    let skip = selected.saturating_sub(rows - 1);
    let items: Vec<String> = options
        .iter()
        .skip(skip)
        .take(rows)
        .map(|o| match o {
            FilterOption::Clear => s::popups::filter_any().to_string(),
            FilterOption::Field(x) => format!("{}: {}", s::popups::filter_field(), s::field_name(x)),
            FilterOption::Assignee(x) if x.is_empty() => {
                format!("{}: {}", s::popups::filter_assignee(), s::unassigned())
            }
            FilterOption::Assignee(x) => format!("{}: {}", s::popups::filter_assignee(), st.full_name(x)),
            FilterOption::Channel(ch) => format!("{}: {}", s::popups::filter_channel(), s::channel(*ch)),
            FilterOption::Agency(x) if x.is_empty() => {
                format!("{}: {}", s::popups::filter_agency(), s::popups::any_agency())
            }
            FilterOption::Agency(x) => format!(
                "{}: {}",
                s::popups::filter_agency(),
                st.agencies.iter().find(|a| &a.code == x).map_or(x.as_str(), |a| a.name.as_str())
            ),
        })
        .collect();
    c.choices(theme, &items, selected - skip);
    c
}
