//! What the screens know: the whole state of the application, changed only by `update`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::Calendar;
use crate::domain::dossier::{Dossier, Event, Pause};
use crate::domain::status::Status;
use crate::store::{QueueFilter, QueueRow, Staff, Tab};

use super::input::LineInput;
use super::keymap::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Detail,
    Help,
    Intake,
    Dashboard,
    /// A printed form on screen (the receipt after a save, a supplement request…).
    Document,
    /// The office head's catalogue, holidays, staff and settings.
    Admin,
}

/// A form ready to print, as shown on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub form: crate::forms::Form,
    pub job: crate::forms::print::Printout,
    pub scroll: u16,
}

/// A dossier an action applies to, as the clerk saw it (the version guards against overwrites).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub code: String,
    pub version: i64,
    pub status: Status,
    pub assignee: String,
}

impl From<&QueueRow> for Target {
    fn from(r: &QueueRow) -> Target {
        Target { code: r.code.clone(), version: r.version, status: r.status, assignee: r.assignee.clone() }
    }
}

impl From<&Dossier> for Target {
    fn from(d: &Dossier) -> Target {
        Target { code: d.code.clone(), version: d.version, status: d.status, assignee: d.assignee.clone() }
    }
}

/// A question on top of the screen; the action waits for its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// A reason is typed (supplement, reject, withdraw).
    Reason { action: Action, targets: Vec<Target>, input: LineInput, error: Option<String> },
    /// A destructive action, with its reason, waits for Enter.
    Confirm { action: Action, targets: Vec<Target>, note: String },
    /// After a return: the citizen's rating.
    Satisfaction { targets: Vec<Target> },
    /// When the result is ready: is there a digitized result?
    Digitized { targets: Vec<Target> },
    /// Assign to a staff member.
    StaffPicker { targets: Vec<Target>, selected: usize },
    /// A new appointment date and the reason for the delay.
    Apology { target: Target, date: LineInput, reason: LineInput, on_reason: bool, error: Option<String> },
    /// Filter the queue by field, handler or channel.
    Filter { options: Vec<FilterOption>, selected: usize },
    /// A period typed by hand for the dashboard's rates and report.
    Period { from: LineInput, to: LineInput, on_to: bool, error: Option<String> },
    /// Which form of the dossier to print (detail screen).
    PrintPick { code: String },
    /// A half-filled intake form from before: take it up again or start afresh.
    RestoreDraft { draft: Box<super::intake::Draft> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterOption {
    Clear,
    Field(String),
    Assignee(String),
    Channel(crate::domain::dossier::Channel),
}

/// A line of feedback under the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

/// A window onto a long list of dossiers: the rows on screen, where they stand in the whole,
/// and the highlighted one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct List {
    pub rows: Vec<QueueRow>,
    /// Position of rows[0] among all rows (0-based), and how many there are.
    pub offset: u64,
    pub total: u64,
    pub selected: usize,
    pub loaded: bool,
}

impl List {
    pub fn current(&self) -> Option<&QueueRow> {
        self.rows.get(self.selected)
    }
    pub fn has_more_below(&self) -> bool {
        self.offset + (self.rows.len() as u64) < self.total
    }
}

/// Which row to highlight when a page arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    /// The same dossier if it is still there, else the same position.
    Id(i64),
    Index(usize),
    Last,
}

/// The search typed with `/`: results of every status, replacing the queue until Esc.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Search {
    pub input: LineInput,
    pub editing: bool,
    /// The text the shown rows answer (typing runs ahead of the results).
    pub answered: String,
    pub list: List,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueView {
    pub filter: QueueFilter,
    pub list: List,
    /// Marked dossiers by id, for actions on a set.
    pub marked: BTreeMap<i64, Target>,
    pub search: Option<Search>,
}

impl QueueView {
    pub fn tab(&self) -> Tab {
        self.filter.tab.unwrap_or(Tab::Pending)
    }
    /// The list on screen: the search's while one is open.
    pub fn list(&self) -> &List {
        self.search.as_ref().map(|s| &s.list).unwrap_or(&self.list)
    }
    pub fn list_mut(&mut self) -> &mut List {
        match self.search.as_mut() {
            Some(s) => &mut s.list,
            None => &mut self.list,
        }
    }
    pub fn current(&self) -> Option<&QueueRow> {
        self.list().current()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    pub dossier: Dossier,
    pub events: Vec<Event>,
    pub pauses: Vec<Pause>,
    pub scroll: u16,
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
    pub calendar: Calendar,
    pub now: NaiveDateTime,
    pub size: (u16, u16),
    pub screen: Screen,
    /// Where Esc from help returns.
    pub back_to: Screen,
    pub queue: QueueView,
    pub detail: Option<DetailView>,
    pub intake: Option<super::intake::IntakeForm>,
    pub dash: Option<super::dashboard::DashView>,
    pub document: Option<Document>,
    pub admin: Option<super::admin::AdminView>,
    /// Where forms are printed and exports written.
    pub outputs: super::effects::Outputs,
    /// The active catalogue, for the intake picker.
    pub procedures: Vec<crate::domain::dossier::Procedure>,
    pub modal: Option<Modal>,
    pub flash: Option<Flash>,
    pub help_scroll: u16,
    /// Each query carries a number; an answer to an older one is dropped.
    pub page_req: u64,
    pub search_req: u64,
    /// Open the detail of the highlighted row when the next page arrives (`]` at a page's edge).
    pub follow_detail: bool,
    pub quit: bool,
}

impl State {
    pub fn new(login: &str, now: NaiveDateTime, size: (u16, u16)) -> State {
        State {
            login: login.to_string(),
            me: None,
            staff: vec![],
            fields: vec![],
            office: String::new(),
            calendar: Calendar::default(),
            now,
            size,
            screen: Screen::Queue,
            back_to: Screen::Queue,
            queue: QueueView {
                filter: QueueFilter { me: login.to_string(), ..Default::default() },
                ..Default::default()
            },
            detail: None,
            intake: None,
            dash: None,
            document: None,
            admin: None,
            outputs: super::effects::Outputs::from_env(),
            procedures: vec![],
            modal: None,
            flash: None,
            help_scroll: 0,
            page_req: 0,
            search_req: 0,
            follow_detail: false,
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
}
