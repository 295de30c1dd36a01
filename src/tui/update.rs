//! The pure heart of the screens: `update(state, input) -> effects`. No terminal, no
//! database: keys and answers in, a changed state and requests out — tested without either.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use crate::domain::dossier::Satisfaction;
use crate::domain::status::{check_move, MoveRefused, Role, Status};
use crate::store::error::move_refused_text;
use crate::store::{Direction, Store, Tab};

use super::dashboard::{DashOutcome, DashView};
use super::effects::Export;
use super::effects::{Change, Effect, Msg};
use super::input::{Edit, LineInput};
use super::intake::{Draft, IntakeForm, Outcome};
use super::keymap::{action_for, Action, Scope};
use super::state::{DetailView, FilterOption, Flash, Modal, Screen, Select, State, Target};
use super::strings as s;
use crate::forms::job::Extras;
use crate::forms::Form;

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Key(KeyEvent),
    Msg(Msg),
    Resize(u16, u16),
}

/// The effects to run when the screens open.
pub fn start(st: &mut State) -> Vec<Effect> {
    vec![load(st, None, Direction::Forward, Select::Index(0))]
}

pub fn update(st: &mut State, input: Input) -> Vec<Effect> {
    match input {
        Input::Key(k) if k.kind == KeyEventKind::Release => vec![],
        Input::Key(k) => on_key(st, k),
        Input::Msg(m) => on_msg(st, m),
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

fn flash(st: &mut State, text: impl Into<String>, error: bool) {
    st.flash = Some(Flash { text: text.into(), error });
}

/// A page of the current queue (tab and filters), numbered so a late answer is dropped.
fn load(st: &mut State, anchor: Option<crate::store::QueueKey>, dir: Direction, select: Select) -> Effect {
    st.page_req += 1;
    Effect::LoadPage { req: st.page_req, filter: st.queue.filter.clone(), anchor, dir, limit: st.page_size(), select }
}

fn search(st: &mut State, after: Option<crate::store::QueueKey>, offset: u64) -> Vec<Effect> {
    let Some(se) = st.queue.search.as_ref() else { return vec![] };
    let text = se.input.text().to_string();
    st.search_req += 1;
    vec![Effect::Search { req: st.search_req, text, after, offset, limit: st.page_size() }]
}

/// Reads what is on screen again, in place (after a change, ours or another clerk's).
fn reload(st: &mut State) -> Vec<Effect> {
    let mut fx = vec![];
    let list = &st.queue.list;
    let anchor = list.rows.first().map(|r| r.key());
    let select = list.current().map(|r| Select::Id(r.id)).unwrap_or(Select::Index(0));
    let dir = if anchor.is_some() { Direction::At } else { Direction::Forward };
    fx.push(load(st, anchor, dir, select));
    if st.queue.search.as_ref().is_some_and(|se| !se.input.text().is_empty()) {
        fx.extend(search(st, None, 0));
    }
    if let (Screen::Detail, Some(d)) = (st.screen, &st.detail) {
        fx.push(Effect::LoadDetail { code: d.dossier.code.clone() });
    }
    if st.screen == Screen::Dashboard {
        fx.extend(dashboard_loads(st));
    }
    if st.screen == Screen::Admin {
        fx.push(Effect::LoadAdmin);
    }
    fx
}

/// What the dashboard reads: the counts, the period's indicators, and the review if it is open.
fn dashboard_loads(st: &State) -> Vec<Effect> {
    let Some(dv) = &st.dash else { return vec![] };
    let mut fx = vec![Effect::LoadDashboard, Effect::LoadIndicators(dv.period(st.today()))];
    if dv.pane == super::dashboard::Pane::Review {
        fx.push(Effect::LoadReview);
    }
    fx
}

fn open_dashboard(st: &mut State) -> Vec<Effect> {
    st.dash.get_or_insert_with(DashView::default);
    st.screen = Screen::Dashboard;
    dashboard_loads(st)
}

fn on_dashboard_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    st.flash = None;
    let Some(dv) = st.dash.as_mut() else { return vec![] };
    if dv.pane == super::dashboard::Pane::Review {
        let selected = dv.selected_review().cloned();
        let action = match k.code {
            KeyCode::Char('p') => Some(Action::Apology),
            KeyCode::Char('a') => Some(Action::Assign),
            KeyCode::Char('R') => Some(Action::Remind),
            KeyCode::Enter => Some(Action::Open),
            _ => None,
        };
        match (action, selected) {
            (Some(Action::Remind), Some(row)) => {
                return match &st.me {
                    Some(me) if me.role == Role::Head => vec![Effect::Remind(vec![Target::from(&row)])],
                    _ => {
                        flash(st, s::head_only(), true);
                        vec![]
                    }
                };
            }
            (Some(Action::Open), Some(row)) => {
                st.back_to = Screen::Dashboard;
                st.screen = Screen::Detail;
                st.detail = None;
                return vec![Effect::LoadDetail { code: row.code.clone() }];
            }
            (Some(a), Some(_)) => return begin_action(st, a),
            _ => {}
        }
    }
    let today = st.today();
    let Some(dv) = st.dash.as_mut() else { return vec![] };
    match dv.key(&k) {
        DashOutcome::Nothing => vec![],
        DashOutcome::Period => vec![Effect::LoadIndicators(dv.period(today))],
        DashOutcome::AskPeriod => {
            let p = dv.period(today);
            let d = |x: NaiveDate| LineInput::new(&x.format("%d/%m/%Y").to_string());
            st.modal = Some(Modal::Period { from: d(p.from), to: d(p.to), on_to: false, error: None });
            vec![]
        }
        DashOutcome::LoadReview => vec![Effect::LoadReview],
        DashOutcome::OpenQueue(filter) => {
            st.queue.filter = crate::store::QueueFilter { me: st.login.clone(), tab: Some(Tab::Pending), ..filter };
            st.queue.search = None;
            st.queue.list.loaded = false;
            st.screen = Screen::Queue;
            vec![load(st, None, Direction::Forward, Select::Index(0))]
        }
        DashOutcome::ExportReport => {
            vec![Effect::Export { what: Export::Report, period: dv.period(today), dir: st.outputs.export_dir.clone() }]
        }
        DashOutcome::ExportLogbook => {
            vec![Effect::Export { what: Export::Logbook, period: dv.period(today), dir: st.outputs.export_dir.clone() }]
        }
        DashOutcome::Close => {
            st.screen = Screen::Queue;
            vec![]
        }
    }
}

fn on_msg(st: &mut State, m: Msg) -> Vec<Effect> {
    match m {
        Msg::Ready { me, staff, fields, office, calendar, procedures } => {
            st.procedures = procedures;
            if me.is_none() {
                flash(st, s::not_staff(&st.login), true);
            }
            st.me = me;
            st.staff = staff;
            st.fields = fields;
            st.office = office;
            st.calendar = *calendar;
            vec![]
        }
        Msg::Page { req, rows, offset, total, select } => {
            if req != st.page_req {
                return vec![];
            }
            let list = &mut st.queue.list;
            let idx = match select {
                Select::Id(id) => rows.iter().position(|r| r.id == id).unwrap_or(list.selected),
                Select::Index(i) => i,
                Select::Last => rows.len().saturating_sub(1),
            };
            list.selected = idx.min(rows.len().saturating_sub(1));
            list.rows = rows;
            list.offset = offset;
            list.total = total;
            list.loaded = true;
            if std::mem::take(&mut st.follow_detail) {
                return open_detail(st);
            }
            vec![]
        }
        Msg::Found { req, text, rows, offset, count } => {
            if req != st.search_req {
                return vec![];
            }
            if let Some(se) = st.queue.search.as_mut() {
                se.answered = text;
                se.list.selected = se.list.selected.min(rows.len().saturating_sub(1));
                if offset == 0 {
                    se.list.selected = 0;
                }
                se.list.rows = rows;
                se.list.offset = offset;
                se.list.total = count;
                se.list.loaded = true;
            }
            vec![]
        }
        Msg::Detail { dossier, events, pauses } => {
            let scroll = st.detail.as_ref().filter(|d| d.dossier.code == dossier.code).map(|d| d.scroll).unwrap_or(0);
            st.detail = Some(DetailView { dossier: *dossier, events, pauses, scroll });
            vec![]
        }
        Msg::Applied { action, saved, refused } => {
            for code in &saved {
                st.queue.marked.retain(|_, t| &t.code != code);
            }
            match refused.first() {
                Some(first) => flash(st, first.clone(), true),
                None => flash(st, s::done(action, saved.len()), false),
            }
            let mut fx = reload(st);
            // The form the law asks for goes with the action: 02, 03 or 04.
            let form = match action {
                Action::Supplement => Some(Form::Supplement),
                Action::Reject => Some(Form::Refusal),
                Action::Apology => Some(Form::Apology),
                _ => None,
            };
            if let (Some(form), [code]) = (form, saved.as_slice()) {
                st.back_to = st.screen;
                st.document = None;
                st.screen = Screen::Document;
                fx.push(Effect::Document { form, code: code.clone(), extras: Extras::default() });
            }
            fx
        }
        Msg::Admin(data) => {
            super::admin::on_loaded(st, *data);
            vec![]
        }
        Msg::AdminSaved(result) => {
            super::admin::on_saved(st, result);
            vec![]
        }
        Msg::DataChanged => reload(st),
        Msg::Dashboard(d) => {
            if let Some(dv) = st.dash.as_mut() {
                dv.data = Some(*d);
                dv.row = dv.row.min(dv.rows().len().saturating_sub(1));
            }
            vec![]
        }
        Msg::Indicators(c) => {
            if let Some(dv) = st.dash.as_mut() {
                dv.comparison = Some(*c);
            }
            vec![]
        }
        Msg::Review(r) => {
            if let Some(dv) = st.dash.as_mut() {
                dv.review = Some(*r);
                dv.review_sel = dv.review_sel.min(dv.review_rows().len().saturating_sub(1));
            }
            vec![]
        }
        Msg::Exported(Ok(path)) => {
            flash(st, format!("{} {path}", s::exported()), false);
            vec![]
        }
        Msg::Exported(Err(why)) => {
            flash(st, why, true);
            vec![]
        }
        Msg::Draft(Some(body)) => {
            let blank = st.intake.as_ref().is_none_or(|f| f.is_blank());
            if let (Ok(draft), true) = (serde_json::from_str::<Draft>(&body), blank) {
                st.modal = Some(Modal::RestoreDraft { draft: Box::new(draft) });
            }
            vec![]
        }
        Msg::Draft(None) => vec![],
        Msg::Added(d) => {
            st.intake = None;
            flash(st, format!("{} {}", s::registered(), short_code(&d.code)), false);
            st.document = None;
            st.screen = Screen::Document;
            let mut fx =
                vec![Effect::Document { form: Form::Receipt, code: d.code.clone(), extras: Extras::default() }];
            fx.extend(reload(st));
            fx
        }
        // A form the counter hands over is printed as it arrives; `p` prints it again.
        Msg::Document(doc) => {
            if st.screen != Screen::Document {
                return vec![];
            }
            let job = doc.job.clone();
            st.document = Some(*doc);
            vec![Effect::Print(Box::new(job), st.outputs.printer.clone())]
        }
        Msg::Printed(result) => {
            let before = st.flash.as_ref().filter(|f| !f.error).map(|f| format!("{} · ", f.text)).unwrap_or_default();
            match result {
                Ok(place) => flash(st, format!("{before}{} {place}", s::printed()), false),
                Err(why) => flash(st, format!("{before}{why} — {}", s::print_retry()), true),
            }
            vec![]
        }
        Msg::RefusedAtIntake(id) => {
            st.intake = None;
            flash(st, s::refusal_logged(id), false);
            st.document = None;
            st.screen = Screen::Document;
            vec![Effect::RefusalDocument(id)]
        }
        Msg::AddFailed(text) => {
            if let Some(f) = st.intake.as_mut() {
                f.saving = false;
            }
            flash(st, text, true);
            vec![]
        }
        Msg::Now(t) => {
            st.now = t;
            vec![]
        }
        Msg::Failed(text) => {
            flash(st, text, true);
            vec![]
        }
    }
}

fn on_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    // Ctrl-C leaves from anywhere, as in any terminal program (a half-filled form stays a draft).
    if k.code == KeyCode::Char('c') && k.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) {
        st.quit = true;
        return vec![Effect::Quit];
    }
    if st.modal.is_some() {
        return on_modal_key(st, k);
    }
    if st.fits() && st.screen == Screen::Intake && k.code != KeyCode::F(1) {
        return on_intake_key(st, k);
    }
    if st.fits() && st.screen == Screen::Admin && k.code != KeyCode::F(1) {
        return super::admin::on_key(st, &k);
    }
    if st.fits() && st.screen == Screen::Document {
        return on_document_key(st, k);
    }
    if st.fits()
        && st.screen == Screen::Dashboard
        && !matches!(k.code, KeyCode::F(_) | KeyCode::Char('?') | KeyCode::Char('n'))
    {
        return on_dashboard_key(st, k);
    }
    if st.queue.search.as_ref().is_some_and(|se| se.editing) && st.screen == Screen::Queue {
        return on_search_key(st, k);
    }
    if !st.fits() {
        if matches!(k.code, KeyCode::Char('q') | KeyCode::F(10)) {
            st.quit = true;
            return vec![Effect::Quit];
        }
        return vec![];
    }
    let scope = match st.screen {
        Screen::Queue => Scope::Queue,
        Screen::Detail => Scope::Detail,
        _ => Scope::Global,
    };
    let Some(action) = action_for(&k, scope) else { return vec![] };
    // A new key clears the last message, unless it is the message's own follow-up.
    st.flash = None;
    if st.screen == Screen::Help {
        return on_help(st, action);
    }
    on_action(st, action)
}

fn on_help(st: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Down => st.help_scroll = st.help_scroll.saturating_add(1),
        Action::Up => st.help_scroll = st.help_scroll.saturating_sub(1),
        Action::Back | Action::Help => st.screen = st.back_to,
        Action::Quit => {
            st.quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    vec![]
}

fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    use Action::*;
    match a {
        Up | Down | PageUp | PageDown | Top | Bottom => {
            if st.screen == Screen::Detail {
                let d = st.detail.as_mut();
                if let Some(d) = d {
                    d.scroll = match a {
                        Down => d.scroll.saturating_add(1),
                        Up => d.scroll.saturating_sub(1),
                        PageDown => d.scroll.saturating_add(10),
                        PageUp => d.scroll.saturating_sub(10),
                        Top => 0,
                        _ => d.scroll,
                    };
                }
                return vec![];
            }
            navigate(st, a)
        }
        Open => open_detail(st),
        Back => {
            match st.screen {
                Screen::Detail if st.back_to == Screen::Dashboard => {
                    st.screen = Screen::Dashboard;
                    st.back_to = Screen::Queue;
                    return dashboard_loads(st);
                }
                Screen::Detail => st.screen = Screen::Queue,
                _ if st.queue.search.is_some() => st.queue.search = None,
                _ if !st.queue.marked.is_empty() => st.queue.marked.clear(),
                _ => {}
            }
            vec![]
        }
        NextTab | PrevTab => {
            let i = Tab::ALL.iter().position(|t| *t == st.queue.tab()).unwrap_or(0);
            let n = Tab::ALL.len();
            let next = if a == NextTab { (i + 1) % n } else { (i + n - 1) % n };
            st.queue.filter.tab = Some(Tab::ALL[next]);
            st.queue.search = None;
            st.queue.list.loaded = false;
            vec![load(st, None, Direction::Forward, Select::Index(0))]
        }
        Mark => {
            if let Some(r) = st.queue.current().cloned() {
                if st.queue.marked.remove(&r.id).is_none() {
                    st.queue.marked.insert(r.id, Target::from(&r));
                }
                let n = st.queue.marked.len();
                flash(st, s::marked(n), false);
                return navigate(st, Down);
            }
            vec![]
        }
        Print => {
            match st.detail.as_ref().filter(|_| st.screen == Screen::Detail) {
                Some(d) => st.modal = Some(Modal::PrintPick { code: d.dossier.code.clone() }),
                None => flash(st, s::nothing_selected(), true),
            }
            vec![]
        }
        NextDossier | PrevDossier => {
            let list = st.queue.list_mut();
            let at_edge = if a == NextDossier { list.selected + 1 >= list.rows.len() } else { list.selected == 0 };
            if !at_edge {
                if a == NextDossier {
                    list.selected += 1;
                } else {
                    list.selected -= 1;
                }
                return open_detail(st);
            }
            let fx = navigate(st, if a == NextDossier { Down } else { Up });
            if fx.is_empty() {
                return vec![];
            }
            st.follow_detail = true;
            fx
        }
        Search => {
            let se = st.queue.search.get_or_insert_with(super::state::Search::default);
            se.editing = true;
            vec![]
        }
        Filter => {
            let mut options = vec![FilterOption::Clear];
            options.extend(st.fields.iter().cloned().map(FilterOption::Field));
            options.push(FilterOption::Assignee(String::new()));
            options.extend(
                st.staff
                    .iter()
                    .filter(|p| p.active && p.role != Role::Clerk)
                    .map(|p| FilterOption::Assignee(p.login.clone())),
            );
            options.extend(crate::domain::dossier::Channel::ALL.map(FilterOption::Channel));
            st.modal = Some(Modal::Filter { options, selected: 0 });
            vec![]
        }
        Assign | TakeMine | Transfer | Supplement | Ready | Return | Reject | Withdraw | Apology => begin_action(st, a),
        Intake => open_intake(st),
        Admin => super::admin::open(st),
        Dashboard => open_dashboard(st),
        Remind => vec![],
        Refresh => reload(st),
        Help => {
            st.back_to = st.screen;
            st.screen = Screen::Help;
            st.help_scroll = 0;
            vec![]
        }
        Quit => {
            st.quit = true;
            vec![Effect::Quit]
        }
    }
}

fn open_intake(st: &mut State) -> Vec<Effect> {
    match &st.me {
        None => {
            flash(st, s::not_staff(&st.login), true);
            return vec![];
        }
        Some(me) if me.role == Role::Handler => {
            flash(st, s::intake_not_for_handlers(), true);
            return vec![];
        }
        Some(_) => {}
    }
    st.screen = Screen::Intake;
    if st.intake.is_some() {
        return vec![];
    }
    st.intake = Some(IntakeForm::new(&st.procedures));
    vec![Effect::LoadDraft]
}

fn on_intake_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(form) = st.intake.as_mut() else {
        st.screen = Screen::Queue;
        return vec![];
    };
    st.flash = None;
    match form.key(&k, &st.procedures, st.now) {
        Outcome::Nothing => vec![],
        Outcome::Changed => match serde_json::to_string(&form.to_draft()) {
            Ok(body) => vec![Effect::SaveDraft(body)],
            Err(_) => vec![],
        },
        Outcome::Save(nd) => vec![Effect::AddDossier(Box::new(nd))],
        Outcome::Refuse { nd, reason } => vec![Effect::RefuseAtIntake { nd: Box::new(nd), reason }],
        Outcome::NeedReason => {
            flash(st, s::refusal_needs_reason().to_string(), true);
            vec![]
        }
        Outcome::SupplementRequest(missing) => {
            let nd = form.request();
            st.intake = None;
            st.document = None;
            st.screen = Screen::Document;
            let mut fx = vec![Effect::DeleteDraft];
            if let Some(nd) = nd {
                fx.push(Effect::SupplementAtIntake { nd: Box::new(nd), missing });
            }
            fx
        }
        Outcome::Close => {
            if form.is_blank() {
                st.intake = None;
            }
            st.screen = Screen::Queue;
            vec![]
        }
    }
}

fn on_document_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(doc) = st.document.as_mut() else {
        st.screen = Screen::Queue;
        return vec![];
    };
    match k.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => {
            st.document = None;
            st.screen =
                if st.back_to == Screen::Detail && st.detail.is_some() { Screen::Detail } else { Screen::Queue };
            st.back_to = Screen::Queue;
        }
        KeyCode::Down | KeyCode::Char('j') => doc.scroll = doc.scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => doc.scroll = doc.scroll.saturating_sub(1),
        KeyCode::PageDown => doc.scroll = doc.scroll.saturating_add(10),
        KeyCode::PageUp => doc.scroll = doc.scroll.saturating_sub(10),
        KeyCode::Char('n') | KeyCode::F(2) => {
            st.document = None;
            return open_intake(st);
        }
        KeyCode::Char('p') | KeyCode::Char('P') => {
            st.flash = None;
            return vec![Effect::Print(Box::new(doc.job.clone()), st.outputs.printer.clone())];
        }
        _ => {}
    }
    vec![]
}

/// Moves the highlight; at the edge of the page, reads the neighbouring rows by key.
fn navigate(st: &mut State, a: Action) -> Vec<Effect> {
    let searching = st.queue.search.is_some();
    let list = st.queue.list_mut();
    let (n, sel) = (list.rows.len(), list.selected);
    let first = list.rows.first().map(|r| r.key());
    let last = list.rows.last().map(|r| r.key());
    let more_below = list.has_more_below();
    let more_above = list.offset > 0;
    match a {
        Action::Down if sel + 1 < n => list.selected += 1,
        Action::Up if sel > 0 => list.selected -= 1,
        Action::Down if more_below && !searching => {
            return vec![load(st, first, Direction::Forward, Select::Last)];
        }
        Action::Up if more_above && !searching => {
            return vec![load(st, last, Direction::Backward, Select::Index(0))];
        }
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
        Action::Top => return vec![load(st, None, Direction::Forward, Select::Index(0))],
        Action::Bottom if !searching => return vec![load(st, None, Direction::Backward, Select::Last)],
        Action::Bottom => list.selected = n.saturating_sub(1),
        _ => {}
    }
    vec![]
}

fn open_detail(st: &mut State) -> Vec<Effect> {
    let Some(code) = st.queue.current().map(|r| r.code.clone()) else { return vec![] };
    if let Some(se) = st.queue.search.as_mut() {
        se.editing = false;
    }
    st.screen = Screen::Detail;
    if st.detail.as_ref().is_some_and(|d| d.dossier.code != code) {
        st.detail = None;
    }
    vec![Effect::LoadDetail { code }]
}

fn on_search_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(se) = st.queue.search.as_mut() else { return vec![] };
    match k.code {
        KeyCode::Down | KeyCode::Up | KeyCode::PageDown | KeyCode::PageUp => {
            let a = action_for(&k, Scope::Queue).unwrap_or(Action::Down);
            return navigate(st, a);
        }
        _ => {}
    }
    match se.input.handle(&k) {
        Edit::Changed => {
            if se.input.text().trim().is_empty() {
                se.list = Default::default();
                return vec![];
            }
            search(st, None, 0)
        }
        Edit::Submit => {
            se.editing = false;
            if se.input.text().trim().is_empty() {
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

/// The status an action moves a dossier to.
fn target_status(a: Action) -> Option<Status> {
    match a {
        Action::Transfer => Some(Status::InProgress),
        Action::Supplement => Some(Status::Supplement),
        Action::Ready => Some(Status::Ready),
        Action::Return => Some(Status::Returned),
        Action::Reject => Some(Status::Rejected),
        Action::Withdraw => Some(Status::Withdrawn),
        _ => None,
    }
}

/// The dossiers an action applies to: the marked set on the queue, else the one in view.
fn targets(st: &State) -> Vec<Target> {
    if st.screen == Screen::Queue && !st.queue.marked.is_empty() {
        return st.queue.marked.values().cloned().collect();
    }
    match st.screen {
        Screen::Detail => st.detail.as_ref().map(|d| vec![Target::from(&d.dossier)]).unwrap_or_default(),
        Screen::Dashboard => {
            st.dash.as_ref().and_then(|d| d.selected_review()).map(|r| vec![Target::from(r)]).unwrap_or_default()
        }
        _ => st.queue.current().map(|r| vec![Target::from(r)]).unwrap_or_default(),
    }
}

/// Checks the action against the status machine and the acting role before asking anything.
fn begin_action(st: &mut State, a: Action) -> Vec<Effect> {
    let Some(me) = st.me.clone() else {
        flash(st, s::not_staff(&st.login), true);
        return vec![];
    };
    let ts = targets(st);
    if ts.is_empty() {
        flash(st, s::nothing_selected(), true);
        return vec![];
    }
    if let Some(first_bad) = ts.iter().find_map(|t| {
        let to = target_status(a)?;
        check_move(me.role, t.status, to, "-").err().filter(|e| *e != MoveRefused::ReasonRequired).map(|e| (t, e))
    }) {
        let text = format!("{}: {}", short_code(&first_bad.0.code), move_refused_text(&first_bad.1));
        flash(st, text, true);
        return vec![];
    }
    if me.role == Role::Handler && target_status(a).is_some() {
        if let Some(t) = ts.iter().find(|t| !t.assignee.is_empty() && t.assignee != me.login) {
            flash(st, format!("{}: {}", short_code(&t.code), s::others_dossier()), true);
            return vec![];
        }
    }
    let move_to = |to: Status| Change::Move { to, note: String::new(), satisfaction: None, digitized: None };
    match a {
        Action::Transfer => vec![Effect::Apply { action: a, targets: ts, change: move_to(Status::InProgress) }],
        Action::Ready => {
            st.modal = Some(Modal::Digitized { targets: ts });
            vec![]
        }
        Action::Return => {
            st.modal = Some(Modal::Satisfaction { targets: ts });
            vec![]
        }
        Action::Supplement | Action::Reject | Action::Withdraw => {
            st.modal = Some(Modal::Reason { action: a, targets: ts, input: LineInput::default(), error: None });
            vec![]
        }
        Action::Apology => {
            let Some(target) = ts.into_iter().next() else { return vec![] };
            // Offer the first working day after the due date as the new date.
            let due = match st.screen {
                Screen::Detail => st.detail.as_ref().map(|d| d.dossier.due_date),
                Screen::Dashboard => st.dash.as_ref().and_then(|d| d.selected_review()).map(|r| r.due_date),
                _ => st.queue.current().map(|r| r.due_date),
            };
            let offer = due.map(|d| st.calendar.next_working_day(d.max(st.today())).format("%d/%m/%Y").to_string());
            st.modal = Some(Modal::Apology {
                target,
                date: LineInput::new(&offer.unwrap_or_default()),
                reason: LineInput::default(),
                on_reason: true,
                error: None,
            });
            vec![]
        }
        Action::Assign => {
            st.modal = Some(Modal::StaffPicker { targets: ts, selected: 0 });
            vec![]
        }
        Action::TakeMine => vec![Effect::Apply { action: a, targets: ts, change: Change::Assign { to: me.login } }],
        _ => vec![],
    }
}

/// The staff a dossier can be given to: handlers first, then the head.
pub fn assignable(st: &State) -> Vec<&crate::store::Staff> {
    let mut v: Vec<&crate::store::Staff> = st.staff.iter().filter(|p| p.active && p.role != Role::Clerk).collect();
    v.sort_by_key(|p| (p.role != Role::Handler, p.full_name.clone()));
    v
}

fn on_modal_key(st: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(modal) = st.modal.take() else { return vec![] };
    let (keep, fx) = modal_key(st, modal, &k);
    st.modal = keep;
    fx
}

type ModalOutcome = (Option<Modal>, Vec<Effect>);

fn modal_key(st: &mut State, modal: Modal, k: &KeyEvent) -> ModalOutcome {
    let esc = k.code == KeyCode::Esc;
    match modal {
        Modal::Reason { action, targets, mut input, .. } => match input.handle(k) {
            Edit::Cancel => (None, vec![]),
            Edit::Submit if input.text().trim().is_empty() => {
                (Some(Modal::Reason { action, targets, input, error: Some(s::reason_required().into()) }), vec![])
            }
            Edit::Submit => {
                let note = input.text().trim().to_string();
                if action == Action::Supplement {
                    let change = Change::Move { to: Status::Supplement, note, satisfaction: None, digitized: None };
                    (None, vec![Effect::Apply { action, targets, change }])
                } else {
                    (Some(Modal::Confirm { action, targets, note }), vec![])
                }
            }
            _ => (Some(Modal::Reason { action, targets, input, error: None }), vec![]),
        },
        Modal::Confirm { action, targets, note } => match k.code {
            KeyCode::Enter | KeyCode::Char('y') => {
                let to = target_status(action).unwrap_or(Status::Withdrawn);
                let change = Change::Move { to, note, satisfaction: None, digitized: None };
                (None, vec![Effect::Apply { action, targets, change }])
            }
            KeyCode::Esc | KeyCode::Char('n') => (None, vec![]),
            _ => (Some(Modal::Confirm { action, targets, note }), vec![]),
        },
        Modal::Satisfaction { targets } => {
            let answer = match k.code {
                KeyCode::Char('1') => Some(Some(Satisfaction::Satisfied)),
                KeyCode::Char('2') => Some(Some(Satisfaction::Neutral)),
                KeyCode::Char('3') => Some(Some(Satisfaction::Unsatisfied)),
                KeyCode::Esc => Some(None),
                _ => None,
            };
            match answer {
                Some(satisfaction) => {
                    let change =
                        Change::Move { to: Status::Returned, note: String::new(), satisfaction, digitized: None };
                    (None, vec![Effect::Apply { action: Action::Return, targets, change }])
                }
                None => (Some(Modal::Satisfaction { targets }), vec![]),
            }
        }
        Modal::Digitized { targets } => {
            let answer = match k.code {
                KeyCode::Char('y') | KeyCode::Char('c') => Some(true),
                KeyCode::Char('n') | KeyCode::Char('k') => Some(false),
                _ => None,
            };
            match (answer, esc) {
                (_, true) => (None, vec![]),
                (Some(d), _) => {
                    let change =
                        Change::Move { to: Status::Ready, note: String::new(), satisfaction: None, digitized: Some(d) };
                    (None, vec![Effect::Apply { action: Action::Ready, targets, change }])
                }
                (None, _) => (Some(Modal::Digitized { targets }), vec![]),
            }
        }
        Modal::StaffPicker { targets, selected } => {
            let n = assignable(st).len();
            match k.code {
                KeyCode::Esc => (None, vec![]),
                KeyCode::Down | KeyCode::Char('j') => {
                    (Some(Modal::StaffPicker { targets, selected: (selected + 1).min(n.saturating_sub(1)) }), vec![])
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    (Some(Modal::StaffPicker { targets, selected: selected.saturating_sub(1) }), vec![])
                }
                KeyCode::Enter => match assignable(st).get(selected) {
                    Some(p) => {
                        let change = Change::Assign { to: p.login.clone() };
                        (None, vec![Effect::Apply { action: Action::Assign, targets, change }])
                    }
                    None => (None, vec![]),
                },
                _ => (Some(Modal::StaffPicker { targets, selected }), vec![]),
            }
        }
        Modal::Apology { target, mut date, mut reason, on_reason, .. } => {
            if matches!(k.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down) {
                return (Some(Modal::Apology { target, date, reason, on_reason: !on_reason, error: None }), vec![]);
            }
            let field = if on_reason { &mut reason } else { &mut date };
            match field.handle(k) {
                Edit::Cancel => (None, vec![]),
                Edit::Submit => {
                    let parsed = NaiveDate::parse_from_str(date.text().trim(), "%d/%m/%Y").ok();
                    let error = match parsed {
                        None => Some(s::bad_date().to_string()),
                        Some(_) if reason.text().trim().is_empty() => Some(s::reason_required().to_string()),
                        Some(_) => None,
                    };
                    match (parsed, error) {
                        (Some(new_date), None) => {
                            let change = Change::Apology { new_date, reason: reason.text().trim().to_string() };
                            (None, vec![Effect::Apply { action: Action::Apology, targets: vec![target], change }])
                        }
                        (_, error) => (Some(Modal::Apology { target, date, reason, on_reason, error }), vec![]),
                    }
                }
                _ => (Some(Modal::Apology { target, date, reason, on_reason, error: None }), vec![]),
            }
        }
        Modal::Period { mut from, mut to, on_to, .. } => {
            if matches!(k.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down) {
                return (Some(Modal::Period { from, to, on_to: !on_to, error: None }), vec![]);
            }
            let field = if on_to { &mut to } else { &mut from };
            match field.handle(k) {
                Edit::Cancel => (None, vec![]),
                Edit::Submit => {
                    let day = |t: &LineInput| NaiveDate::parse_from_str(t.text().trim(), "%d/%m/%Y").ok();
                    match (day(&from), day(&to)) {
                        (Some(a), Some(b)) if a <= b => {
                            let period = crate::domain::report::Period { from: a, to: b };
                            if let Some(dv) = st.dash.as_mut() {
                                dv.custom = Some(period);
                            }
                            (None, vec![Effect::LoadIndicators(period)])
                        }
                        (Some(_), Some(_)) => {
                            let error = Some(s::period_backwards().to_string());
                            (Some(Modal::Period { from, to, on_to, error }), vec![])
                        }
                        _ => (Some(Modal::Period { from, to, on_to, error: Some(s::bad_date().to_string()) }), vec![]),
                    }
                }
                _ => (Some(Modal::Period { from, to, on_to, error: None }), vec![]),
            }
        }
        Modal::PrintPick { code } => {
            let form = match k.code {
                KeyCode::Char(c) => Form::parse(&c.to_string()),
                _ => None,
            };
            match (form, k.code) {
                (_, KeyCode::Esc) => (None, vec![]),
                (Some(form), _) => {
                    st.back_to = st.screen;
                    st.document = None;
                    st.screen = Screen::Document;
                    (None, vec![Effect::Document { form, code, extras: Extras::default() }])
                }
                (None, _) => (Some(Modal::PrintPick { code }), vec![]),
            }
        }
        Modal::RestoreDraft { draft } => match k.code {
            KeyCode::Enter | KeyCode::Char('y') => {
                st.intake = Some(IntakeForm::from_draft(&draft, &st.procedures));
                (None, vec![])
            }
            KeyCode::Esc | KeyCode::Char('n') => (None, vec![Effect::DeleteDraft]),
            _ => (Some(Modal::RestoreDraft { draft }), vec![]),
        },
        Modal::Filter { options, selected } => match k.code {
            KeyCode::Esc => (None, vec![]),
            KeyCode::Down | KeyCode::Char('j') => {
                let selected = (selected + 1).min(options.len().saturating_sub(1));
                (Some(Modal::Filter { options, selected }), vec![])
            }
            KeyCode::Up | KeyCode::Char('k') => {
                (Some(Modal::Filter { options, selected: selected.saturating_sub(1) }), vec![])
            }
            KeyCode::Enter => {
                let f = &mut st.queue.filter;
                match options.get(selected) {
                    Some(FilterOption::Clear) => {
                        f.field = None;
                        f.assignee = None;
                        f.channel = None;
                        f.due_from = None;
                        f.due_to = None;
                    }
                    Some(FilterOption::Field(x)) => f.field = Some(x.clone()),
                    Some(FilterOption::Assignee(x)) => f.assignee = Some(x.clone()),
                    Some(FilterOption::Channel(c)) => f.channel = Some(*c),
                    None => {}
                }
                st.queue.search = None;
                (None, vec![load(st, None, Direction::Forward, Select::Index(0))])
            }
            _ => (Some(Modal::Filter { options, selected }), vec![]),
        },
    }
}

/// The code as the screens show it: without the office's own agency prefix.
pub fn short_code(code: &str) -> &str {
    match code.split_once('-') {
        Some((agency, rest)) if agency.contains('.') => rest,
        _ => code,
    }
}
