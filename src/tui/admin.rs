//! The office head's Admin screen: the procedure catalogue, the holiday table, the staff
//! list and the office settings. Keys in, the view and the change to save out; the store
//! checks again that the acting login is the head.

use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::calendar::HolidayRow;
use crate::domain::dossier::Procedure;
use crate::domain::status::Role;
use crate::domain::text::fold;
use crate::store::{Settings, Staff};

use super::admin_form::{text, EditForm, FieldId, FormField, FormKey, FormTarget, Value};
use super::effects::Effect;
use super::input::{Edit, LineInput};
use super::state::{Flash, Screen, State};
use super::strings as s;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Catalogue,
    Holidays,
    Staff,
    Settings,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Catalogue, Pane::Holidays, Pane::Staff, Pane::Settings];

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// What the screen shows, as read from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminData {
    /// Active and inactive alike.
    pub procedures: Vec<Procedure>,
    pub holidays: Vec<HolidayRow>,
    pub staff: Vec<Staff>,
    pub settings: Settings,
}

/// One change for the store, made as the acting login in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminSave {
    Procedure(Box<Procedure>),
    AddHoliday(HolidayRow),
    RemoveHoliday(NaiveDate),
    /// A holiday CSV file, read and checked where the effect runs.
    ImportHolidays(String),
    /// The official rows shipped with motcua, as offered to the table on screen.
    UpdateHolidays(Vec<crate::domain::holiday_update::HolidayChange>),
    AddStaff(Staff),
    SetRole {
        login: String,
        role: Role,
    },
    Disable(String),
    Enable(String),
    Settings(Box<Settings>),
}

/// What a key did, for the caller to turn into effects.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminOutcome {
    Nothing,
    Close,
    Reload,
    Quit,
    /// A message for the line under the list (a refusal before anything is asked of the store).
    Refused(String),
    Save(AdminSave),
}

/// A change that waits for Enter.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub save: AdminSave,
    pub text: String,
}

/// The row to highlight once the data comes back after a save.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Code(String),
    Day(NaiveDate),
    Login(String),
}

#[derive(Debug, Clone)]
pub struct AdminView {
    pub pane: Pane,
    pub data: Option<AdminData>,
    /// The highlighted row of each list pane, in the rows shown.
    pub cursor: [usize; 3],
    /// The year of the holiday table on screen.
    pub year: i32,
    /// Narrows the catalogue: every word must be in the folded code and name.
    pub filter: LineInput,
    pub filtering: bool,
    pub form: Option<EditForm>,
    pub confirm: Option<Confirm>,
    /// A save is on its way: keys wait for its answer.
    pub saving: bool,
    want: Option<Want>,
}

impl AdminView {
    pub fn new(year: i32) -> AdminView {
        AdminView {
            pane: Pane::Catalogue,
            data: None,
            cursor: [0; 3],
            year,
            filter: LineInput::default(),
            filtering: false,
            form: None,
            confirm: None,
            saving: false,
            want: None,
        }
    }

    /// The catalogue rows shown: all procedures, narrowed by the filter.
    pub fn procedures(&self) -> Vec<&Procedure> {
        let Some(d) = &self.data else { return vec![] };
        let q = fold(self.filter.text());
        let words: Vec<&str> = q.split_whitespace().collect();
        d.procedures
            .iter()
            .filter(|p| {
                let hay = format!("{} {}", p.code, fold(&p.name));
                words.iter().all(|w| hay.contains(w))
            })
            .collect()
    }

    /// The holiday rows of the year on screen.
    pub fn holidays(&self) -> Vec<&HolidayRow> {
        let Some(d) = &self.data else { return vec![] };
        d.holidays.iter().filter(|h| h.0.year() == self.year).collect()
    }

    pub fn staff(&self) -> Vec<&Staff> {
        self.data.as_ref().map(|d| d.staff.iter().collect()).unwrap_or_default()
    }

    /// Rows in the current pane (the settings pane has none).
    pub fn rows(&self) -> usize {
        match self.pane {
            Pane::Catalogue => self.procedures().len(),
            Pane::Holidays => self.holidays().len(),
            Pane::Staff => self.staff().len(),
            Pane::Settings => 0,
        }
    }

    /// The highlighted row of the current pane.
    pub fn selected(&self) -> usize {
        match self.pane {
            Pane::Settings => 0,
            p => self.cursor[p.index()],
        }
    }

    fn select(&mut self, i: usize) {
        let n = self.rows();
        if self.pane != Pane::Settings {
            self.cursor[self.pane.index()] = i.min(n.saturating_sub(1));
        }
    }

    /// New data from the store: keeps the highlighted row, or moves to the one just saved.
    pub fn loaded(&mut self, data: AdminData) {
        self.data = Some(data);
        let pane = self.pane;
        if let Some(Want::Day(d)) = &self.want {
            self.year = d.year();
        }
        let found = match self.want.take() {
            Some(Want::Code(c)) => self.procedures().iter().position(|p| p.code == c).map(|i| (Pane::Catalogue, i)),
            Some(Want::Day(d)) => self.holidays().iter().position(|h| h.0 == d).map(|i| (Pane::Holidays, i)),
            Some(Want::Login(l)) => self.staff().iter().position(|p| p.login == l).map(|i| (Pane::Staff, i)),
            None => None,
        };
        for p in [Pane::Catalogue, Pane::Holidays, Pane::Staff] {
            self.pane = p;
            let i = match found {
                Some((fp, i)) if fp == p => i,
                _ => self.selected(),
            };
            self.select(i);
        }
        self.pane = pane;
    }

    /// The store answered a save: close the form when it took, else show why in it.
    pub fn saved(&mut self, result: &Result<String, String>) -> Option<Flash> {
        self.saving = false;
        match result {
            Ok(text) => {
                self.form = None;
                Some(Flash { text: text.clone(), error: false })
            }
            Err(why) => match self.form.as_mut() {
                Some(f) => {
                    f.error = Some(why.clone());
                    None
                }
                None => {
                    self.want = None;
                    Some(Flash { text: why.clone(), error: true })
                }
            },
        }
    }

    fn save(&mut self, save: AdminSave) -> AdminOutcome {
        self.want = match &save {
            AdminSave::Procedure(p) => Some(Want::Code(p.code.clone())),
            AdminSave::AddHoliday(h) => Some(Want::Day(h.0)),
            AdminSave::AddStaff(p) => Some(Want::Login(p.login.clone())),
            AdminSave::SetRole { login, .. } | AdminSave::Disable(login) | AdminSave::Enable(login) => {
                Some(Want::Login(login.clone()))
            }
            _ => None,
        };
        self.saving = true;
        AdminOutcome::Save(save)
    }

    pub fn key(&mut self, k: &KeyEvent) -> AdminOutcome {
        if self.saving {
            return AdminOutcome::Nothing;
        }
        if let Some(c) = self.confirm.take() {
            return match k.code {
                KeyCode::Enter | KeyCode::Char('y') | KeyCode::Char('c') => self.save(c.save),
                KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('k') => AdminOutcome::Nothing,
                _ => {
                    self.confirm = Some(c);
                    AdminOutcome::Nothing
                }
            };
        }
        if let Some(mut form) = self.form.take() {
            let Some(data) = &self.data else { return AdminOutcome::Nothing };
            return match form.key(k, data) {
                FormKey::Cancel => AdminOutcome::Nothing,
                FormKey::Stay => {
                    self.form = Some(form);
                    AdminOutcome::Nothing
                }
                FormKey::Save(save) => {
                    self.form = Some(form);
                    self.save(save)
                }
            };
        }
        if self.filtering {
            return self.filter_key(k);
        }
        if let Some(out) = self.common_key(k) {
            return out;
        }
        if self.data.is_none() {
            return AdminOutcome::Nothing;
        }
        match self.pane {
            Pane::Catalogue => self.catalogue_key(k),
            Pane::Holidays => self.holidays_key(k),
            Pane::Staff => self.staff_key(k),
            Pane::Settings => self.settings_key(k),
        }
    }

    /// Keys that work the same on every pane: switching panes, moving, leaving.
    fn common_key(&mut self, k: &KeyEvent) -> Option<AdminOutcome> {
        let i = self.pane.index();
        let sel = self.selected();
        let page = 10;
        match k.code {
            KeyCode::Esc => return Some(AdminOutcome::Close),
            KeyCode::Char('q') | KeyCode::F(10) => return Some(AdminOutcome::Quit),
            KeyCode::F(5) => return Some(AdminOutcome::Reload),
            KeyCode::Tab => self.pane = Pane::ALL[(i + 1) % 4],
            KeyCode::BackTab => self.pane = Pane::ALL[(i + 3) % 4],
            KeyCode::Char(c @ '1'..='4') => self.pane = Pane::ALL[c as usize - '1' as usize],
            KeyCode::Down | KeyCode::Char('j') => self.select(sel + 1),
            KeyCode::Up | KeyCode::Char('k') => self.select(sel.saturating_sub(1)),
            KeyCode::PageDown => self.select(sel + page),
            KeyCode::PageUp => self.select(sel.saturating_sub(page)),
            KeyCode::Home | KeyCode::Char('g') => self.select(0),
            KeyCode::End | KeyCode::Char('G') => self.select(usize::MAX),
            _ => return None,
        }
        Some(AdminOutcome::Nothing)
    }

    fn filter_key(&mut self, k: &KeyEvent) -> AdminOutcome {
        match k.code {
            KeyCode::Down | KeyCode::Up => {
                let sel = self.selected();
                self.select(if k.code == KeyCode::Down { sel + 1 } else { sel.saturating_sub(1) });
                return AdminOutcome::Nothing;
            }
            KeyCode::Esc => {
                self.filter = LineInput::default();
                self.filtering = false;
            }
            _ => {}
        }
        match self.filter.handle(k) {
            Edit::Changed => self.select(0),
            Edit::Submit => self.filtering = false,
            _ => {}
        }
        AdminOutcome::Nothing
    }

    fn catalogue_key(&mut self, k: &KeyEvent) -> AdminOutcome {
        let Some(p) = self.procedures().get(self.selected()).map(|p| (*p).clone()) else {
            if k.code == KeyCode::Char('/') {
                self.filtering = true;
            }
            return AdminOutcome::Nothing;
        };
        match k.code {
            KeyCode::Char('/') => self.filtering = true,
            KeyCode::Enter | KeyCode::Char('e') => self.form = Some(EditForm::procedure(&p)),
            KeyCode::Char(' ') => {
                if !p.active && p.time_limit().is_none() {
                    return AdminOutcome::Refused(format!("{}: {}", p.code, crate::store::error::no_time_limit()));
                }
                return self.save(AdminSave::Procedure(Box::new(Procedure { active: !p.active, ..p })));
            }
            _ => {}
        }
        AdminOutcome::Nothing
    }

    fn holidays_key(&mut self, k: &KeyEvent) -> AdminOutcome {
        match k.code {
            KeyCode::Left | KeyCode::Char('[') | KeyCode::Right | KeyCode::Char(']') => {
                let back = matches!(k.code, KeyCode::Left | KeyCode::Char('['));
                self.year += if back { -1 } else { 1 };
                self.cursor[Pane::Holidays.index()] = 0;
            }
            KeyCode::Char('a') | KeyCode::Insert => self.form = Some(EditForm::holiday()),
            KeyCode::Char('i') => {
                self.form = Some(EditForm::new(FormTarget::Import, vec![text(FieldId::Path, "")]));
            }
            KeyCode::Char('u') => {
                let current = self.data.as_ref().map(|d| d.holidays.as_slice()).unwrap_or_default();
                let changes = crate::domain::holiday_update::official_changes(
                    current,
                    &crate::domain::holiday_update::shipped_holidays(),
                );
                if changes.is_empty() {
                    return AdminOutcome::Refused(s::admin_holidays_up_to_date().into());
                }
                self.confirm = Some(Confirm {
                    text: s::admin_confirm_holiday_update(&changes),
                    save: AdminSave::UpdateHolidays(changes),
                });
            }
            KeyCode::Char('x') | KeyCode::Delete => {
                if let Some(h) = self.holidays().get(self.selected()).map(|h| (*h).clone()) {
                    self.confirm =
                        Some(Confirm { text: s::admin_confirm_remove(&h), save: AdminSave::RemoveHoliday(h.0) });
                }
            }
            _ => {}
        }
        AdminOutcome::Nothing
    }

    fn staff_key(&mut self, k: &KeyEvent) -> AdminOutcome {
        let current = self.staff().get(self.selected()).map(|p| (*p).clone());
        match (k.code, current) {
            (KeyCode::Char('a') | KeyCode::Insert, _) => {
                self.form = Some(EditForm::new(
                    FormTarget::NewStaff,
                    vec![
                        text(FieldId::Login, ""),
                        text(FieldId::FullName, ""),
                        FormField { id: FieldId::Role, value: Value::Role(Role::Clerk) },
                    ],
                ));
            }
            (KeyCode::Char('r') | KeyCode::Enter, Some(p)) => {
                let role = FormField { id: FieldId::Role, value: Value::Role(p.role) };
                self.form = Some(EditForm::new(FormTarget::Role(p), vec![role]));
            }
            (KeyCode::Char('d'), Some(p)) => {
                let save =
                    if p.active { AdminSave::Disable(p.login.clone()) } else { AdminSave::Enable(p.login.clone()) };
                self.confirm = Some(Confirm { text: s::admin_confirm_staff(&p), save });
            }
            _ => {}
        }
        AdminOutcome::Nothing
    }

    fn settings_key(&mut self, k: &KeyEvent) -> AdminOutcome {
        if matches!(k.code, KeyCode::Enter | KeyCode::Char('e')) {
            if let Some(d) = &self.data {
                self.form = Some(EditForm::settings(&d.settings));
            }
        }
        AdminOutcome::Nothing
    }
}

fn flash(st: &mut State, text: String, error: bool) {
    st.flash = Some(Flash { text, error });
}

fn is_head(st: &State) -> bool {
    st.me.as_ref().is_some_and(|me| me.role == Role::Head)
}

/// F6: the Admin screen, for the office head only.
pub fn open(st: &mut State) -> Vec<Effect> {
    if !is_head(st) {
        flash(st, s::admin_head_only(&st.login), true);
        return vec![];
    }
    st.screen = Screen::Admin;
    st.admin.get_or_insert_with(|| AdminView::new(st.now.year()));
    vec![Effect::LoadAdmin]
}

pub fn on_key(st: &mut State, k: &KeyEvent) -> Vec<Effect> {
    let Some(view) = st.admin.as_mut() else {
        st.screen = Screen::Queue;
        return vec![];
    };
    st.flash = None;
    match view.key(k) {
        AdminOutcome::Nothing => vec![],
        AdminOutcome::Close => {
            st.screen = Screen::Queue;
            vec![]
        }
        AdminOutcome::Reload => vec![Effect::LoadAdmin],
        AdminOutcome::Quit => {
            st.quit = true;
            vec![Effect::Quit]
        }
        AdminOutcome::Refused(why) => {
            flash(st, why, true);
            vec![]
        }
        AdminOutcome::Save(save) => vec![Effect::SaveAdmin(save)],
    }
}

pub fn on_loaded(st: &mut State, data: AdminData) {
    if let Some(v) = st.admin.as_mut() {
        v.loaded(data);
    }
    // The picker of a form left open holds places in the catalogue, which may have changed.
    if let Some(f) = st.intake.as_mut() {
        f.matches = super::intake::rank(&st.procedures, f.picker.text());
        f.pick_sel = 0;
    }
    // The head may have just given up the role or the login: the screen is theirs no more.
    if st.screen == Screen::Admin && !is_head(st) {
        st.screen = Screen::Queue;
    }
}

pub fn on_saved(st: &mut State, result: Result<String, String>) {
    if let Some(fl) = st.admin.as_mut().and_then(|v| v.saved(&result)) {
        st.flash = Some(fl);
    }
}
