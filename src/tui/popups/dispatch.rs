//! The top popup takes the key; every popup of the stack is drawn, the top one last.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::Frame;

use crate::tui::effects::Effect;
use crate::tui::keymap::{action_for, is_text, Scope};
use crate::tui::state::State;
use crate::tui::theme::Theme;

use super::view::{draw as draw_box, Content};
use super::*;

pub fn key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(top) = st.popups.pop() else { return vec![] };
    let scope = top.scope();
    let typing = matches!(scope, Scope::Dialog | Scope::Form) && is_text(&k);
    if !typing && k.code == KeyCode::F(1) && scope != Scope::Help {
        st.popups.push(top);
        st.popups.push(Popup::Help { scroll: 0 });
        return vec![];
    }
    let a = if typing { None } else { action_for(&k, &[scope]) };
    let depth = st.popups.len();
    let (keep, fx) = match top {
        Popup::Help { scroll } => {
            let total = help::all_lines(st, &Theme { mono: true, ascii: false }).len() as u16;
            help::key(scroll, a, help::rows(st), total)
        }
        Popup::Actions { targets, items, selected } => action_menu::key(st, targets, items, selected, a),
        Popup::Reason { action, targets, input, .. } => reason::key(st, (action, targets, input), a, &k),
        Popup::Confirm { text, then } => confirm::key(st, text, then, a),
        Popup::Rating { targets, selected } => rating::key(targets, selected, a),
        Popup::Digitized { targets, selected } => digitized::key(targets, selected, a),
        Popup::Assign { targets, selected } => assign::key(st, targets, selected, a),
        Popup::Send { targets, selected } => send::key(st, targets, selected, a),
        Popup::Delivery { targets, satisfaction, selected } => delivery::key(targets, satisfaction, selected, a),
        Popup::Apology { target, date, reason, on_reason, .. } => {
            apology::key(apology::Fields { target, date, reason, on_reason }, a, &k)
        }
        Popup::Filter { options, selected } => filter::key(st, options, selected, a),
        Popup::Period { from, to, on_to, .. } => period::key(st, (from, to, on_to), a, &k),
        Popup::PrintPick { code, selected } => print_pick::key(st, code, selected, a),
        Popup::Draft { draft, selected } => draft::key(st, draft, selected, a),
        Popup::MissingPapers { missing, selected } => missing_papers::key(st, missing, selected, a),
        Popup::AdminForm(form) => admin_form::key(st, form, &k),
    };
    if let Some(p) = keep {
        st.popups.insert(depth.min(st.popups.len()), p);
    }
    fx
}

fn content<'a>(st: &State, theme: &Theme, p: &Popup) -> Option<Content<'a>> {
    Some(match p {
        Popup::Help { scroll } => help::content(st, theme, *scroll),
        Popup::Actions { targets, items, selected } => action_menu::content(theme, targets, items, *selected),
        Popup::Reason { action, targets, input, error } => reason::content(theme, *action, targets, input, error),
        Popup::Confirm { text, .. } => confirm::content(theme, text),
        Popup::Rating { targets, selected } => rating::content(theme, targets, *selected),
        Popup::Digitized { targets, selected } => digitized::content(theme, targets, *selected),
        Popup::Assign { targets, selected } => assign::content(st, theme, targets, *selected),
        Popup::Send { targets, selected } => send::content(st, theme, targets, *selected),
        Popup::Delivery { targets, selected, .. } => delivery::content(theme, targets, *selected),
        Popup::Apology { target, date, reason, on_reason, error } => {
            let f = apology::Fields {
                target: target.clone(),
                date: date.clone(),
                reason: reason.clone(),
                on_reason: *on_reason,
            };
            apology::content(theme, &f, error)
        }
        Popup::Filter { options, selected } => filter::content(st, theme, options, *selected),
        Popup::Period { from, to, on_to, error } => period::content(theme, from, to, *on_to, error),
        Popup::PrintPick { code, selected } => print_pick::content(theme, code, *selected),
        Popup::Draft { draft, selected } => draft::content(theme, draft, *selected),
        Popup::MissingPapers { missing, selected } => missing_papers::content(st, theme, missing, *selected),
        Popup::AdminForm(_) => return None,
    })
}

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, area: Rect, body: Rect) {
    let n = st.popups.len();
    for (i, p) in st.popups.iter().enumerate() {
        let top = i + 1 == n;
        match (p, content(st, theme, p)) {
            (Popup::AdminForm(form), _) => crate::tui::screens::admin::form_view::draw_form(f, theme, form, body, top),
            (_, Some(c)) => draw_box(f, theme, c, area, top),
            (_, None) => {}
        }
    }
}
