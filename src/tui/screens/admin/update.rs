//! The Admin screen's keys. Moving and opening forms are free; every change to the catalogue,
//! the holidays or the staff list passes through a question (a confirmation, or the form's own
//! save) before it reaches the store, which checks again that the acting login is the head.

use chrono::Datelike;
use crossterm::event::KeyEvent;

use crate::domain::dossier::Procedure;
use crate::domain::status::Role;

use crate::tui::effects::Effect;
use crate::tui::input::Edit;
use crate::tui::keymap::Action;
use crate::tui::popups::{Confirmed, Popup};
use crate::tui::state::{Flash, Screen, State};
use crate::tui::strings as s;

use super::form::{text, EditForm, FieldId, FormField, FormTarget, Value};
use super::state::{AdminData, AdminSave, AdminView, Pane};

fn is_head(st: &State) -> bool {
    st.me.as_ref().is_some_and(|me| me.role == Role::Head)
}

/// F6: the Admin screen, for the office head only.
pub fn open(st: &mut State) -> Vec<Effect> {
    if !is_head(st) {
        st.flash = Some(Flash { text: s::admin::head_only(&st.login), error: true });
        return vec![];
    }
    if st.screen != Screen::Admin {
        st.back.push(st.screen);
        st.screen = Screen::Admin;
    }
    st.admin.get_or_insert_with(|| AdminView::new(st.now.year()));
    vec![Effect::LoadAdmin]
}

fn ask(st: &mut State, text: String, save: AdminSave) {
    st.popups.push(Popup::Confirm { text, then: Confirmed::Admin(save) });
}

fn form(st: &mut State, f: EditForm) {
    st.popups.push(Popup::AdminForm(Box::new(f)));
}

/// A letter or digit typed on the catalogue narrows it (type-to-filter).
pub fn typed(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(v) = st.admin.as_mut() else { return vec![] };
    if v.pane == Pane::Catalogue {
        v.filtering = true;
        filter_key(v, &k);
    }
    vec![]
}

/// A key while the catalogue's filter box has the focus.
pub fn filter_key(v: &mut AdminView, k: &KeyEvent) {
    match v.filter.handle(k) {
        Edit::Changed => v.select(0),
        Edit::Submit => v.filtering = false,
        Edit::Cancel => {
            v.filter = Default::default();
            v.filtering = false;
        }
        _ => {}
    }
}

pub fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    let Some(v) = st.admin.as_mut() else { return vec![] };
    if v.saving {
        return vec![];
    }
    st.flash = None;
    let i = v.pane.index();
    let sel = v.selected();
    match a {
        Action::NextTab => v.pane = Pane::ALL[(i + 1) % 4],
        Action::PrevTab => v.pane = Pane::ALL[(i + 3) % 4],
        Action::Down => v.select(sel + 1),
        Action::Up => v.select(sel.saturating_sub(1)),
        Action::PageDown => v.select(sel + 10),
        Action::PageUp => v.select(sel.saturating_sub(10)),
        Action::Top => v.select(0),
        Action::Bottom => v.select(usize::MAX),
        Action::Refresh => return vec![Effect::LoadAdmin],
        Action::PrevYear | Action::NextYear => {
            v.year += if a == Action::PrevYear { -1 } else { 1 };
            v.cursor[Pane::Holidays.index()] = 0;
        }
        _ if v.data.is_none() => {}
        _ => return pane_action(st, a),
    }
    vec![]
}

fn pane_action(st: &mut State, a: Action) -> Vec<Effect> {
    let Some(v) = st.admin.as_ref() else { return vec![] };
    match (v.pane, a) {
        (Pane::Catalogue, Action::Edit) => {
            if let Some(p) = v.procedures().get(v.selected()).map(|p| (*p).clone()) {
                let agency =
                    st.admin.as_ref().and_then(|a| a.data.as_ref()?.handling.get(&p.code).cloned()).unwrap_or_default();
                form(st, EditForm::procedure(&p, &agency));
            }
        }
        (Pane::Catalogue, Action::Toggle) => {
            let Some(p) = v.procedures().get(v.selected()).map(|p| (*p).clone()) else { return vec![] };
            if !p.active && p.time_limit().is_none() {
                let text = format!("{}: {}", p.code, crate::store::error::no_time_limit());
                st.flash = Some(Flash { text, error: true });
                return vec![];
            }
            let text = s::admin::confirm_active(&p);
            ask(st, text, AdminSave::Procedure(Box::new(Procedure { active: !p.active, ..p }), None));
        }
        (Pane::Holidays, Action::Add) => form(st, EditForm::holiday()),
        (Pane::Holidays, Action::Import) => form(st, EditForm::new(FormTarget::Import, vec![text(FieldId::Path, "")])),
        (Pane::Holidays, Action::UpdateHolidays) => {
            let current = v.data.as_ref().map(|d| d.holidays.as_slice()).unwrap_or_default();
            let shipped = crate::domain::holiday_update::shipped_holidays();
            let changes = crate::domain::holiday_update::official_changes(current, &shipped);
            if changes.is_empty() {
                st.flash = Some(Flash { text: s::admin::holidays_up_to_date().into(), error: false });
                return vec![];
            }
            ask(st, s::admin::confirm_holiday_update(&changes), AdminSave::UpdateHolidays(changes));
        }
        (Pane::Holidays, Action::Remove) => {
            if let Some(h) = v.holidays().get(v.selected()).map(|h| (*h).clone()) {
                ask(st, s::admin::confirm_remove(&h), AdminSave::RemoveHoliday(h.0));
            }
        }
        (Pane::Staff, Action::Add) => {
            let fields = vec![
                text(FieldId::Login, ""),
                text(FieldId::FullName, ""),
                FormField { id: FieldId::Role, value: Value::Role(Role::Clerk) },
            ];
            form(st, EditForm::new(FormTarget::NewStaff, fields));
        }
        (Pane::Staff, Action::Edit) => {
            if let Some(p) = v.staff().get(v.selected()).map(|p| (*p).clone()) {
                let role = FormField { id: FieldId::Role, value: Value::Role(p.role) };
                form(st, EditForm::new(FormTarget::Role(p), vec![role]));
            }
        }
        (Pane::Staff, Action::Remove) => {
            if let Some(p) = v.staff().get(v.selected()).map(|p| (*p).clone()) {
                let save =
                    if p.active { AdminSave::Disable(p.login.clone()) } else { AdminSave::Enable(p.login.clone()) };
                ask(st, s::admin::confirm_staff(&p), save);
            }
        }
        (Pane::Settings, Action::Edit) => {
            if let Some(d) = &v.data {
                let f = EditForm::settings(&d.settings, &d.report);
                form(st, f);
            }
        }
        _ => {}
    }
    vec![]
}

/// A confirmed or submitted change: off to the store.
pub fn save(st: &mut State, save: AdminSave) -> Vec<Effect> {
    match st.admin.as_mut() {
        Some(v) => {
            v.save(&save);
            vec![Effect::SaveAdmin(save)]
        }
        None => vec![],
    }
}

pub fn on_loaded(st: &mut State, data: AdminData) {
    if let Some(v) = st.admin.as_mut() {
        v.loaded(data);
    }
    // The picker of a form left open holds places in the catalogue, which may have changed.
    if let Some(f) = st.intake.as_mut() {
        f.matches = crate::tui::screens::intake::state::rank(&st.procedures, f.picker.text());
        f.pick_sel = 0;
    }
    // The head may have just given up the role or the login: the screen is theirs no more.
    if st.screen == Screen::Admin && !is_head(st) {
        st.popups.clear();
        st.go_back();
    }
}

/// The store answered: a form that took closes; one that did not shows why.
pub fn on_saved(st: &mut State, result: Result<String, String>) {
    let Some(v) = st.admin.as_mut() else { return };
    let (text, error) = v.saved(&result);
    let flash = Flash { text, error };
    let form = st.popups.iter().rposition(|p| matches!(p, Popup::AdminForm(_)));
    match (form, &result) {
        (Some(i), Ok(_)) => {
            st.popups.truncate(i);
            st.flash = Some(flash);
        }
        (Some(i), Err(why)) => {
            if let Some(Popup::AdminForm(f)) = st.popups.get_mut(i) {
                f.error = Some(why.clone());
            }
        }
        (None, _) => st.flash = Some(flash),
    }
}
