//! The queue's keys: moving through a long list by key ranges, tabs, marks, and the search
//! that starts with the first letter typed.

use crossterm::event::KeyEvent;

use crate::store::{Direction, QueueKey, Store, Tab};

use crate::tui::effects::Effect;
use crate::tui::input::Edit;
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use crate::tui::target::Target;

use super::state::Select;
use crate::tui::strings as s;

use super::state::Search;

/// A page of the current queue (tab and filters), numbered so a late answer is dropped.
pub fn load(st: &mut State, anchor: Option<QueueKey>, dir: Direction, select: Select) -> Effect {
    st.page_req += 1;
    Effect::LoadPage { req: st.page_req, filter: st.queue.filter.clone(), anchor, dir, limit: st.page_size(), select }
}

pub fn search(st: &mut State, after: Option<QueueKey>, offset: u64) -> Vec<Effect> {
    let Some(se) = st.queue.search.as_ref().filter(|se| se.showing()) else { return vec![] };
    let text = se.input.text().to_string();
    st.search_req += 1;
    vec![Effect::Search { req: st.search_req, text, after, offset, limit: st.page_size() }]
}

/// Reads the queue again in place. At the top of the list, from the top (a new most-urgent
/// dossier shows first); further down, from the first row on screen, counting what arrived
/// above it.
pub fn reload(st: &mut State) -> Vec<Effect> {
    let list = &st.queue.list;
    let select = list.current().map(|r| Select::Id(r.id)).unwrap_or(Select::Index(0));
    let anchor = if list.offset == 0 { None } else { list.rows.first().map(|r| r.key()) };
    let dir = if anchor.is_some() { Direction::At } else { Direction::Forward };
    let mut fx = vec![load(st, anchor, dir, select)];
    fx.extend(search(st, None, 0));
    fx
}

pub fn first_page(st: &mut State) -> Vec<Effect> {
    st.queue.list.loaded = false;
    st.queue.list.new_above = 0;
    vec![load(st, None, Direction::Forward, Select::Index(0))]
}

/// Moves the highlight; at the edge of the page, reads the neighbouring rows by key.
pub fn navigate(st: &mut State, a: Action) -> Vec<Effect> {
    let searching = st.queue.searching();
    let list = st.queue.list_mut();
    let (n, sel) = (list.rows.len(), list.selected);
    let first = list.rows.first().map(|r| r.key());
    let last = list.rows.last().map(|r| r.key());
    let more_below = list.has_more_below();
    let more_above = list.offset > 0;
    match a {
        Action::Down if sel + 1 < n => list.selected += 1,
        Action::Up if sel > 0 => list.selected -= 1,
        Action::Down if more_below && !searching => return vec![load(st, first, Direction::Forward, Select::Last)],
        Action::Up if more_above && !searching => return vec![load(st, last, Direction::Backward, Select::Index(0))],
        Action::PageDown if more_below => {
            if searching {
                let offset = list.offset + n as u64;
                let row = list.rows.last().cloned();
                let text = st.queue.search.as_ref().map(|se| se.answered.clone()).unwrap_or_default();
                let key = row.map(|r| Store::search_key(&text, &r));
                return search(st, key, offset);
            }
            return vec![load(st, last, Direction::Forward, Select::Index(sel))];
        }
        Action::PageDown => list.selected = n.saturating_sub(1),
        Action::PageUp if more_above && !searching => {
            return vec![load(st, first, Direction::Backward, Select::Index(sel))];
        }
        Action::PageUp => list.selected = 0,
        Action::Top if searching => return search(st, None, 0),
        Action::Top => {
            st.queue.list.new_above = 0;
            return vec![load(st, None, Direction::Forward, Select::Index(0))];
        }
        Action::Bottom if !searching => return vec![load(st, None, Direction::Backward, Select::Last)],
        Action::Bottom => list.selected = n.saturating_sub(1),
        _ => {}
    }
    vec![]
}

pub fn open_detail(st: &mut State) -> Vec<Effect> {
    let Some(code) = st.queue.current().map(|r| r.code.clone()) else { return vec![] };
    if let Some(se) = st.queue.search.as_mut() {
        se.editing = false;
    }
    if st.screen != Screen::Detail {
        st.back.push(st.screen);
    }
    st.screen = Screen::Detail;
    if st.detail.as_ref().is_some_and(|d| d.dossier.code != code) {
        st.detail = None;
    }
    vec![Effect::LoadDetail { code }]
}

/// The queue's own actions (the dossier actions go through `actions`).
pub fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => navigate(st, a),
        Action::Open => open_detail(st),
        Action::NextTab | Action::PrevTab => {
            let i = Tab::ALL.iter().position(|t| *t == st.queue.tab()).unwrap_or(0);
            let n = Tab::ALL.len();
            let next = if a == Action::NextTab { (i + 1) % n } else { (i + n - 1) % n };
            st.queue.filter.tab = Some(Tab::ALL[next]);
            st.queue.search = None;
            first_page(st)
        }
        Action::Mark => {
            if let Some(r) = st.queue.current().cloned() {
                if st.queue.marked.remove(&r.id).is_none() {
                    st.queue.marked.insert(r.id, Target::from(&r));
                }
                let n = st.queue.marked.len();
                st.flash = Some(crate::tui::state::Flash { text: s::queue::marked(n), error: false });
                return navigate(st, Action::Down);
            }
            vec![]
        }
        _ => vec![],
    }
}

/// Opens the search box (F3, `/`), or starts it with the letter typed where no field had focus.
pub fn start_search(st: &mut State, first: Option<KeyEvent>) -> Vec<Effect> {
    if st.screen != Screen::Queue {
        st.back.clear();
        st.screen = Screen::Queue;
    }
    let se = st.queue.search.get_or_insert_with(Search::default);
    se.editing = true;
    match first {
        Some(k) => search_key(st, k),
        None => vec![],
    }
}

/// A key while the search box has the focus: text edits it, arrows move in the results.
pub fn search_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(se) = st.queue.search.as_mut() else { return vec![] };
    match se.input.handle(&k) {
        Edit::Changed if se.showing() => search(st, None, 0),
        Edit::Changed => {
            se.list = Default::default();
            vec![]
        }
        Edit::Submit => {
            se.editing = false;
            if !se.showing() {
                st.queue.search = None;
            }
            vec![]
        }
        Edit::Cancel => {
            st.queue.search = None;
            vec![]
        }
        Edit::Moved | Edit::Ignored => vec![],
    }
}
