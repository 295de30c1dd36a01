//! What `update` asks the outside world to do, and what comes back. Effects run on the
//! worker thread that owns the database connection, so a slow commit (a WAL checkpoint can
//! take a quarter of a second) never holds up typing or drawing.

use anyhow::Result;

use crate::domain::dossier::{Dossier, Event, Pause, Satisfaction};
use crate::domain::status::Status;
use crate::store::{Direction, MoveExtra, NewDossier, QueueFilter, QueueKey, QueueRow, Staff, Store};

use super::keymap::Action;
use super::screens::admin::save::{admin_data, admin_save};
use super::screens::admin::state::{AdminData, AdminSave};
use super::screens::document::state::Document;
use super::screens::queue::state::Select;
use super::target::Target;
use crate::domain::report::Period;
use crate::forms::job::{prepare, Extras};
use crate::forms::print::{print, Destination, Printout};
use crate::forms::{self, Form};
use crate::store::{Comparison, Dashboard, Review};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A page of the queue from `anchor` (None: first page forward, last page backward).
    LoadPage {
        req: u64,
        filter: QueueFilter,
        anchor: Option<QueueKey>,
        dir: Direction,
        limit: usize,
        select: Select,
    },
    Search {
        req: u64,
        text: String,
        after: Option<QueueKey>,
        offset: u64,
        limit: usize,
    },
    LoadDetail {
        code: String,
    },
    /// Status moves, assignments and apologies, one transaction per dossier.
    Apply {
        action: Action,
        targets: Vec<Target>,
        change: Change,
    },
    /// Registers a dossier from the intake form.
    /// The dossier and what `dossier add` passes beside it (--for, --delivery, the flags).
    AddDossier(Box<NewDossier>, Box<crate::domain::handover::IntakeExtra>),
    LoadDraft,
    LoadDashboard,
    LoadIndicators(Period),
    LoadReview,
    /// The head's reminder on the control sheet of each dossier.
    Remind(Vec<Target>),
    /// Writes the period's report or logbook as xlsx in the export folder.
    Export {
        what: Export,
        period: Period,
        dir: Result<std::path::PathBuf, String>,
    },
    /// A form of a stored dossier, filled and rendered (text and PDF).
    Document {
        form: Form,
        code: String,
        extras: Extras,
    },
    /// The counter refuses a dossier at intake: logged, then its Mẫu 03.
    RefuseAtIntake {
        nd: Box<NewDossier>,
        reason: String,
    },
    /// Mẫu 03 of a logged refusal at intake.
    RefusalDocument(i64),
    /// A supplement request (Mẫu 02) for a dossier not registered: the papers it lacks.
    SupplementAtIntake {
        nd: Box<NewDossier>,
        missing: Vec<String>,
    },
    /// Runs where the terminal is (pass-through printing writes to it).
    Print(Box<Printout>, Result<Destination, String>),
    /// Keeps the half-filled intake form (a newer one replaces an older one still queued).
    SaveDraft(String),
    DeleteDraft,
    /// Everything the Admin screen shows.
    LoadAdmin,
    /// A change from the Admin screen; the reference data of the screens is read again after it.
    SaveAdmin(AdminSave),
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Report,
    Logbook,
}

/// What an action changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Move {
        to: Status,
        note: String,
        satisfaction: Option<Satisfaction>,
        digitized: Option<bool>,
    },
    Assign {
        to: String,
    },
    Apology {
        new_date: chrono::NaiveDate,
        reason: String,
    },
    /// To another handling agency.
    Send {
        agency: String,
    },
    /// The result handed over: the citizen's rating and how it was collected (None: as wished
    /// at intake).
    Return {
        satisfaction: Option<Satisfaction>,
        delivery: Option<crate::domain::handover::Delivery>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Who is acting and the office's reference data, once at start.
    Ready {
        me: Option<Staff>,
        staff: Vec<Staff>,
        fields: Vec<String>,
        office: String,
        agencies: Vec<crate::domain::handover::Agency>,
        /// Codes of the procedures with a certification book.
        booked: Vec<String>,
        // Boxed: the calendar is the largest part of any message.
        calendar: Box<crate::domain::calendar::Calendar>,
        procedures: Vec<crate::domain::dossier::Procedure>,
    },
    Page {
        req: u64,
        rows: Vec<QueueRow>,
        offset: u64,
        total: u64,
        select: Select,
    },
    Found {
        req: u64,
        text: String,
        rows: Vec<QueueRow>,
        offset: u64,
        count: u64,
    },
    Detail {
        dossier: Box<Dossier>,
        events: Vec<Event>,
        pauses: Vec<Pause>,
    },
    /// An action's outcome: the codes saved, and a message for each refused one.
    Applied {
        action: Action,
        saved: Vec<String>,
        refused: Vec<String>,
    },
    Draft(Option<String>),
    Dashboard(Box<Dashboard>),
    Indicators(Box<Comparison>),
    Review(Box<Review>),
    /// Where the export went, or why it did not.
    Exported(Result<String, String>),
    Document(Box<Document>),
    /// Where the form went, or why it did not.
    Printed(Result<String, String>),
    /// The intake was saved: the dossier as registered.
    Added(Box<Dossier>),
    /// The intake was not saved (the form stays as it was).
    AddFailed(String),
    /// A refusal at intake was logged under this number.
    RefusedAtIntake(i64),
    Admin(Box<AdminData>),
    /// What an Admin save did, in words, or why the store refused it.
    AdminSaved(Result<String, String>),
    /// Another clerk committed: the visible data may be out of date.
    DataChanged,
    /// The clock moved (with other answers, and at each new minute).
    Now(chrono::NaiveDateTime),
    Failed(String),
    /// The worker thread stopped (it panicked): the screen says so instead of freezing.
    WorkerGone,
}

/// Prints a form; `terminal` receives pass-through printing.
pub fn print_now(job: &Printout, dest: &Result<Destination, String>, terminal: &mut dyn std::io::Write) -> Msg {
    let result = match dest {
        Ok(dest) => print(dest, job, terminal).map_err(|e| e.to_string()),
        Err(e) => Err(e.clone()),
    };
    Msg::Printed(result)
}

/// How many rows of each end-of-day review list are read.
pub const REVIEW_ROWS: usize = 30;

/// Writes the report (the official form) or the logbook of `p` into `dir`, as `login`.
fn export(
    store: &Store,
    what: Export,
    p: Period,
    dir: &std::path::Path,
    now: chrono::NaiveDateTime,
    login: &str,
) -> Result<String> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let span = format!("{}_{}", p.from.format("%Y%m%d"), p.to.format("%Y%m%d"));
    let settings = store.settings()?;
    let path = match what {
        Export::Report => {
            let path = dir.join(format!("baocao_{span}.xlsx"));
            let report = store.report(p, now)?;
            crate::export::report_xlsx(&store.form_of(&report, now, login)?, &report, &path)?;
            path
        }
        Export::Logbook => {
            let path = dir.join(format!("sotheodoi_{span}.xlsx"));
            crate::export::logbook_xlsx(store, p.from, p.to, &settings, &path)?;
            path
        }
    };
    Ok(path.display().to_string())
}

/// How many search results are counted before saying "200+" (more tells a clerk nothing).
pub const SEARCH_COUNT_CAP: u64 = 200;

/// Runs one effect against the store as `login` at the current time.
pub fn execute(store: &mut Store, login: &str, effect: Effect, now: chrono::NaiveDateTime) -> Vec<Msg> {
    match run(store, login, effect, now) {
        Ok(msgs) => msgs,
        Err(e) => vec![Msg::Failed(super::strings::refusals::store_error(&e))],
    }
}

pub fn ready(store: &Store, login: &str) -> Result<Msg> {
    let staff = store.staff_list()?;
    let me = staff.iter().find(|s| s.login == login && s.active).cloned();
    let mut fields: Vec<String> = store.procedures(false)?.into_iter().map(|p| p.field).collect();
    fields.sort();
    fields.dedup();
    let settings = store.settings()?;
    let procedures = store.procedures(true)?;
    let mut booked = vec![];
    for p in &procedures {
        if store.procedure_links(&p.code)?.book.is_some() {
            booked.push(p.code.clone());
        }
    }
    Ok(Msg::Ready {
        booked,
        me,
        staff,
        fields,
        office: settings.agency_name,
        agencies: store.agencies()?,
        calendar: Box::new(store.calendar()?),
        procedures,
    })
}

fn run(store: &mut Store, login: &str, effect: Effect, now: chrono::NaiveDateTime) -> Result<Vec<Msg>> {
    Ok(match effect {
        Effect::LoadPage { req, filter, anchor, dir, limit, select } => {
            let mut rows = store.queue_page(&filter, anchor.as_ref(), dir, limit)?;
            // Past the end (the last rows left meanwhile): show the last page instead.
            if rows.is_empty() && anchor.is_some() {
                rows = store.queue_page(&filter, None, Direction::Backward, limit)?;
            }
            let (total, offset) = store.queue_count(&filter, rows.first().map(|r| r.key()).as_ref())?;
            vec![Msg::Page { req, rows, offset, total, select }]
        }
        Effect::Search { req, text, after, offset, limit } => {
            let (rows, count) = store.search_counted(&text, after.as_ref(), limit, SEARCH_COUNT_CAP)?;
            vec![Msg::Found { req, text, rows, offset, count }]
        }
        Effect::LoadDetail { code } => match store.dossier(&code)? {
            Some(d) => {
                let events = store.events(d.id)?;
                let pauses = store.pauses(d.id)?;
                vec![Msg::Detail { dossier: Box::new(d), events, pauses }]
            }
            None => vec![Msg::Failed(crate::store::Refusal::NoSuchDossier(code).to_string())],
        },
        Effect::Apply { action, targets, change } => {
            let mut saved = vec![];
            let mut refused = vec![];
            for t in &targets {
                let result = match &change {
                    Change::Move { to, note, satisfaction, digitized } => {
                        let extra = MoveExtra {
                            note: note.clone(),
                            satisfaction: *satisfaction,
                            result_digitized: *digitized,
                            ..Default::default()
                        };
                        store.move_dossier(login, &t.code, Some(t.version), *to, &extra, now)
                    }
                    Change::Assign { to } => store.assign(login, &t.code, Some(t.version), to, now),
                    Change::Send { agency } => store.send_dossier(login, &t.code, Some(t.version), agency, "", now),
                    Change::Return { satisfaction, delivery } => {
                        let extra =
                            MoveExtra { satisfaction: *satisfaction, delivery: *delivery, ..Default::default() };
                        store.move_dossier(login, &t.code, Some(t.version), Status::Returned, &extra, now)
                    }
                    Change::Apology { new_date, reason } => {
                        let at = new_date.and_time(store.settings()?.hours.opening());
                        store.apologize(login, &t.code, Some(t.version), at, reason, now)
                    }
                };
                match result {
                    Ok(d) => saved.push(d.code),
                    Err(e) => refused.push(super::strings::refusals::store_error(&e)),
                }
            }
            vec![Msg::Now(now), Msg::Applied { action, saved, refused }]
        }
        Effect::AddDossier(nd, extra) => match store.add_dossier_with(login, &nd, &extra, now) {
            Ok(d) => {
                store.delete_draft(login)?;
                vec![Msg::Now(now), Msg::Added(Box::new(d))]
            }
            Err(e) => vec![Msg::AddFailed(super::strings::refusals::store_error(&e))],
        },
        Effect::RefuseAtIntake { nd, reason } => match store.refuse_at_intake(login, &nd, &reason, now) {
            Ok(r) => {
                store.delete_draft(login)?;
                vec![Msg::Now(now), Msg::RefusedAtIntake(r.id)]
            }
            // The form stays as typed, with the reason for the refusal of the refusal.
            Err(e) => vec![Msg::AddFailed(super::strings::refusals::store_error(&e))],
        },
        Effect::RefusalDocument(id) => {
            let r = store.intake_refusal(id)?.ok_or_else(|| crate::store::Refusal::Invalid(format!("#{id}")))?;
            let job = crate::forms::job::refusal_printout(store, &r)?;
            vec![Msg::Document(Box::new(Document { form: Form::Refusal, job, scroll: 0 }))]
        }
        Effect::LoadDraft => vec![Msg::Draft(store.draft(login)?)],
        Effect::LoadDashboard => {
            let cal = store.calendar()?;
            vec![Msg::Now(now), Msg::Dashboard(Box::new(store.dashboard(now.date(), &cal)?))]
        }
        Effect::LoadIndicators(p) => vec![Msg::Indicators(Box::new(store.indicators(p, now)?))],
        Effect::LoadReview => {
            let cal = store.calendar()?;
            vec![Msg::Review(Box::new(store.review(now.date(), &cal, REVIEW_ROWS)?))]
        }
        Effect::Remind(targets) => {
            let mut saved = vec![];
            let mut refused = vec![];
            for t in &targets {
                match store.remind(login, &t.code, Some(t.version), super::strings::dashboard::remind_note(), now) {
                    Ok(d) => saved.push(d.code),
                    Err(e) => refused.push(super::strings::refusals::store_error(&e)),
                }
            }
            vec![Msg::Applied { action: Action::Remind, saved, refused }]
        }
        Effect::Export { what, period, dir } => {
            let done = dir.and_then(|d: std::path::PathBuf| {
                export(store, what, period, &d, now, login).map_err(|e| format!("{e:#}"))
            });
            vec![Msg::Exported(done)]
        }
        Effect::Document { form, code, extras } => {
            let job = prepare(store, &code, form, login, now, &extras)?;
            vec![Msg::Document(Box::new(Document { form, job, scroll: 0 }))]
        }
        Effect::SupplementAtIntake { nd, missing } => {
            let procedure = store
                .procedure(&nd.procedure_code)?
                .ok_or_else(|| crate::store::Refusal::NoSuchProcedure(nd.procedure_code.clone()))?;
            // The request is kept (who, when, what) before it is printed: `motcua print YC-N` reprints it.
            let req = crate::store::SupplementRequest {
                id: 0,
                at: now,
                actor: login.to_string(),
                dossier_code: None,
                procedure_code: nd.procedure_code.clone(),
                applicant_name: nd.applicant_name.clone(),
                applicant_id: nd.applicant_id.clone(),
                phone: nd.phone.clone(),
                address: nd.address.clone(),
                papers: missing.clone(),
                reason: String::new(),
            };
            let req = match store.record_supplement_request(login, &req, now) {
                Ok(r) => r,
                Err(e) => return Ok(vec![Msg::Failed(format!("{e:#}"))]),
            };
            let d = forms::unregistered(&nd, &procedure, now);
            let job = forms::job::request_job(&store.settings()?, &store.staff_list()?, &procedure, &d, &req);
            vec![Msg::Document(Box::new(Document { form: Form::Supplement, job, scroll: 0 }))]
        }
        Effect::Print(job, dest) => vec![print_now(&job, &dest, &mut std::io::sink())],
        Effect::SaveDraft(body) => {
            store.put_draft(login, &body, now)?;
            vec![]
        }
        Effect::DeleteDraft => {
            store.delete_draft(login)?;
            vec![]
        }
        Effect::LoadAdmin => vec![Msg::Admin(Box::new(admin_data(store)?))],
        Effect::SaveAdmin(save) => {
            let result = admin_save(store, login, &save).map_err(|e| format!("{e:#}"));
            let ok = result.is_ok();
            let mut msgs = vec![Msg::Now(now), Msg::AdminSaved(result)];
            if ok {
                // The intake picker and the due dates of the running screens follow the change.
                match ready(store, login).and_then(|r| Ok((r, admin_data(store)?))) {
                    Ok((r, data)) => msgs.extend([r, Msg::Admin(Box::new(data))]),
                    Err(e) => msgs.push(Msg::Failed(super::strings::refusals::store_error(&e))),
                }
            }
            msgs
        }
        Effect::Quit => vec![],
    })
}
