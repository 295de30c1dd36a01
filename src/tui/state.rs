//! What the screens know: the whole state of the application, changed only by `update`.
//! Each screen keeps its own part (screens/<name>/state.rs); popups sit on a stack above.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::Calendar;
use crate::domain::dossier::Procedure;
use crate::store::Staff;

use super::keymap::Scope;
use super::outputs::Outputs;
use super::popups::Popup;
use super::screens::admin::state::AdminView;
use super::screens::dashboard::state::{DashView, Pane as DashPane};
use super::screens::detail::state::DetailView;
use super::screens::document::state::Document;
use super::screens::intake::state::IntakeForm;
use super::screens::queue::state::QueueView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Detail,
    Intake,
    Dashboard,
    /// A printed form on screen (the receipt after a save, a supplement request…).
    Document,
    /// The office head's catalogue, holidays, staff and settings.
    Admin,
}

/// A line of feedback under the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

/// Everything the view draws from.
#[derive(Debug, Clone)]
pub struct State {
    pub login: String,
    /// None until loaded, or when the login is not on the staff list (then: view only).
    pub me: Option<Staff>,
    pub staff: Vec<Staff>,
    pub fields: Vec<String>,
    pub office: String,
    /// The other handling agencies (send, the queue's filter).
    pub agencies: Vec<crate::domain::handover::Agency>,
    /// Codes of the procedures with a certification book (their copies are numbered).
    pub booked: Vec<String>,
    pub calendar: Calendar,
    pub now: NaiveDateTime,
    pub size: (u16, u16),
    pub screen: Screen,
    /// The screens Esc goes back to, the last one first out.
    pub back: Vec<Screen>,
    /// Questions over the screen; Esc closes the top one only.
    pub popups: Vec<Popup>,
    pub queue: QueueView,
    pub detail: Option<DetailView>,
    pub intake: Option<IntakeForm>,
    pub dash: Option<DashView>,
    pub document: Option<Document>,
    pub admin: Option<AdminView>,
    /// Where forms are printed and exports written.
    pub outputs: Outputs,
    /// The active catalogue, for the intake picker.
    pub procedures: Vec<Procedure>,
    pub flash: Option<Flash>,
    /// Each query carries a number; an answer to an older one is dropped.
    pub page_req: u64,
    pub search_req: u64,
    /// Open the detail of the highlighted row when the next page arrives (next dossier at a
    /// page's edge).
    pub follow_detail: bool,
    /// The worker thread that runs the effects is gone: nothing more can be read or saved.
    pub worker_gone: bool,
    pub quit: bool,
}

impl State {
    pub fn new(login: &str, now: NaiveDateTime, size: (u16, u16)) -> State {
        State {
            login: login.to_string(),
            me: None,
            staff: vec![],
            fields: vec![],
            agencies: vec![],
            booked: vec![],
            office: String::new(),
            calendar: Calendar::default(),
            now,
            size,
            screen: Screen::Queue,
            back: vec![],
            popups: vec![],
            queue: QueueView::new(login),
            detail: None,
            intake: None,
            dash: None,
            document: None,
            admin: None,
            outputs: Outputs::from_env(),
            procedures: vec![],
            flash: None,
            page_req: 0,
            search_req: 0,
            follow_detail: false,
            worker_gone: false,
            quit: false,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// Table rows that fit: the screen less title, tabs, header, position line and footer.
    pub fn page_size(&self) -> usize {
        (self.size.1 as usize).saturating_sub(5).max(1)
    }

    /// The screen is big enough to be used.
    pub fn fits(&self) -> bool {
        self.size.0 >= 80 && self.size.1 >= 24
    }

    /// Esc on a screen: back to the one it was opened from (the queue at the bottom).
    pub fn go_back(&mut self) {
        self.screen = self.back.pop().unwrap_or(Screen::Queue);
    }

    /// A staff member's full name (the login when unknown), as every screen shows a handler.
    pub fn full_name<'a>(&'a self, login: &'a str) -> &'a str {
        self.staff.iter().find(|p| p.login == login).map(|p| p.full_name.as_str()).unwrap_or(login)
    }

    /// The scopes of the key table that apply to the screen under the popups.
    pub fn screen_scopes(&self) -> Vec<Scope> {
        let mut v = match self.screen {
            Screen::Queue => vec![Scope::Queue, Scope::Dossier],
            Screen::Detail => vec![Scope::Detail, Scope::Dossier],
            Screen::Intake => vec![Scope::Intake],
            Screen::Document => vec![Scope::Document],
            Screen::Dashboard => match self.dash.as_ref().map(|d| d.pane) {
                Some(DashPane::Review) => vec![Scope::Review, Scope::Dossier, Scope::Dashboard],
                Some(DashPane::Indicators | DashPane::Report) => vec![Scope::Period, Scope::Dashboard],
                _ => vec![Scope::Dashboard],
            },
            Screen::Admin => {
                use super::screens::admin::state::Pane;
                let pane = match self.admin.as_ref().map(|a| a.pane) {
                    Some(Pane::Holidays) => Scope::Holidays,
                    Some(Pane::Staff) => Scope::Staff,
                    Some(Pane::Settings) => Scope::Settings,
                    _ => Scope::Catalogue,
                };
                vec![pane, Scope::Admin]
            }
        };
        v.push(Scope::Global);
        v
    }

    /// The scopes that take keys now: the top popup's alone, or the screen's.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.popups.last() {
            Some(p) => vec![p.scope()],
            None => self.screen_scopes(),
        }
    }
}
