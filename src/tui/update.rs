//! The pure heart of the screens: `update(state, input) -> effects`. No terminal, no
//! database: keys and answers in, a changed state and requests out — tested without either.
//! A key goes to the top popup if there is one, else to the screen; a letter or digit where
//! no field has focus starts a search with it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::actions;
use super::effects::{Effect, Msg};
use super::keymap::{action_for, is_text, Action};
use super::popups::{dispatch, filter, Popup};
use super::reload::reload;
use super::screens::{admin, dashboard, detail, document, intake, queue};
use super::state::{Screen, State};

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Key(KeyEvent),
    Msg(Msg),
    Resize(u16, u16),
}

/// The effects to run when the screens open.
pub fn start(st: &mut State) -> Vec<Effect> {
    queue::update::first_page(st)
}

pub fn update(st: &mut State, input: Input) -> Vec<Effect> {
    match input {
        Input::Key(k) if k.kind == KeyEventKind::Release => vec![],
        Input::Key(k) => on_key(st, k),
        Input::Msg(m) => super::answers::on_msg(st, m),
        Input::Resize(w, h) => {
            let before = st.page_size();
            st.size = (w, h);
            if st.page_size() != before && st.fits() {
                reload(st)
            } else {
                vec![]
            }
        }
    }
}

fn quit(st: &mut State) -> Vec<Effect> {
    st.quit = true;
    vec![Effect::Quit]
}

fn on_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    // Ctrl-C leaves from anywhere, as in any terminal program (a half-filled form stays a draft).
    if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
        return quit(st);
    }
    if !st.fits() {
        return if k.code == KeyCode::F(10) { quit(st) } else { vec![] };
    }
    if !st.popups.is_empty() {
        return dispatch::key(st, k);
    }
    match st.screen {
        Screen::Intake => match intake::update::on_key(st, k) {
            Some(fx) => fx,
            None => screen_key(st, k),
        },
        Screen::Queue if st.queue.search.as_ref().is_some_and(|se| se.editing) => {
            let own = matches!(k.code, KeyCode::Enter | KeyCode::Esc | KeyCode::Backspace | KeyCode::Delete)
                || matches!(k.code, KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End)
                || is_text(&k)
                || k == KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
            if own {
                st.flash = None;
                queue::update::search_key(st, k)
            } else {
                screen_key(st, k)
            }
        }
        Screen::Admin if st.admin.as_ref().is_some_and(|v| v.filtering) => {
            let own = is_text(&k) || matches!(k.code, KeyCode::Backspace | KeyCode::Enter | KeyCode::Esc);
            match (own, st.admin.as_mut()) {
                (true, Some(v)) => {
                    admin::update::filter_key(v, &k);
                    vec![]
                }
                _ => screen_key(st, k),
            }
        }
        _ => screen_key(st, k),
    }
}

/// A key on a screen without a focused field: the table, else type-to-search.
fn screen_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let scopes = st.screen_scopes();
    match action_for(&k, &scopes) {
        Some(a) => {
            // A new key clears the last message, unless it is the message's own follow-up.
            st.flash = None;
            on_action(st, a)
        }
        None if is_text(&k) && matches!(k.code, KeyCode::Char(c) if c.is_alphanumeric()) => {
            st.flash = None;
            match st.screen {
                Screen::Admin => admin::update::typed(st, k),
                Screen::Intake => vec![],
                _ => queue::update::start_search(st, Some(k)),
            }
        }
        None => vec![],
    }
}

/// Esc on a screen: close what is open on it first, then go back one screen.
fn back(st: &mut State) -> Vec<Effect> {
    match st.screen {
        Screen::Queue if st.queue.search.is_some() => st.queue.search = None,
        Screen::Queue if !st.queue.marked.is_empty() => st.queue.marked.clear(),
        Screen::Queue => {
            if let Some(filter) = st.queue.before_drill.take() {
                st.queue.filter = filter;
                st.go_back();
                let mut fx = queue::update::first_page(st);
                fx.extend(dashboard::update::loads(st));
                return fx;
            }
            st.go_back();
        }
        Screen::Intake => intake::update::close(st),
        Screen::Document => {
            st.document = None;
            st.go_back();
        }
        Screen::Dashboard => {
            st.go_back();
            return reload(st);
        }
        _ => {
            st.go_back();
            return reload(st);
        }
    }
    vec![]
}

fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    use Action::*;
    match a {
        Back => back(st),
        Help => {
            st.popups.push(Popup::Help { scroll: 0 });
            vec![]
        }
        Quit => quit(st),
        Intake => intake::update::open(st),
        Dashboard => dashboard::update::open(st),
        Admin => admin::update::open(st),
        Search => queue::update::start_search(st, None),
        Refresh => reload(st),
        Filter => filter::open(st),
        ActionMenu => actions::menu(st),
        Assign | TakeMine | Transfer | Supplement | Ready | Return | Reject | Withdraw | Apology | Send => {
            actions::begin(st, a)
        }
        _ => match st.screen {
            Screen::Queue => queue::update::on_action(st, a),
            Screen::Detail => detail::update::on_action(st, a),
            Screen::Document => document::update::on_action(st, a),
            Screen::Dashboard => dashboard::update::on_action(st, a),
            Screen::Admin => admin::update::on_action(st, a),
            Screen::Intake => vec![],
        },
    }
}
