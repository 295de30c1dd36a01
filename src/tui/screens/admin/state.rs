//! What the office head's Admin screen holds: the catalogue, the holiday table, the staff list
//! and the office settings as read, the highlighted row of each, and the change on its way.

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::HolidayRow;
use crate::domain::dossier::Procedure;
use crate::domain::status::Role;
use crate::domain::text::fold;
use crate::store::{Settings, Staff};

use crate::tui::input::LineInput;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Catalogue,
    Holidays,
    Staff,
    Settings,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Catalogue, Pane::Holidays, Pane::Staff, Pane::Settings];

    pub fn index(self) -> usize {
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
    /// The report's keys (report.*), edited with the office settings.
    pub report: crate::store::ReportSettings,
    /// The handling agencies the catalogue may name.
    pub agencies: Vec<crate::domain::handover::Agency>,
    /// Procedure code → its handling agency, for those handled elsewhere.
    pub handling: std::collections::BTreeMap<String, String>,
}

/// One change for the store, made as the acting login in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminSave {
    /// The procedure, and its handling agency when the form set it (None: left as it is).
    Procedure(Box<Procedure>, Option<String>),
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
    /// The office settings and the report's keys, saved together.
    Settings(Box<Settings>, Box<crate::store::ReportSettings>),
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

    pub fn select(&mut self, i: usize) {
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

    /// The store answered a save: the message for the line under the list, and whether it
    /// is a refusal.
    pub fn saved(&mut self, result: &Result<String, String>) -> (String, bool) {
        self.saving = false;
        match result {
            Ok(text) => (text.clone(), false),
            Err(why) => {
                self.want = None;
                (why.clone(), true)
            }
        }
    }

    /// A change leaves for the store: the row to highlight when the data comes back.
    pub fn save(&mut self, save: &AdminSave) {
        self.want = match save {
            AdminSave::Procedure(p, _) => Some(Want::Code(p.code.clone())),
            AdminSave::AddHoliday(h) => Some(Want::Day(h.0)),
            AdminSave::AddStaff(p) => Some(Want::Login(p.login.clone())),
            AdminSave::SetRole { login, .. } | AdminSave::Disable(login) | AdminSave::Enable(login) => {
                Some(Want::Login(login.clone()))
            }
            _ => None,
        };
        self.saving = true;
    }
}
