//! What comes back from the effects, folded into the state (answers to older queries are
//! dropped by their number).

use super::effects::{Effect, Msg};
use super::keymap::Action;
use super::popups::Popup;
use super::reload::reload;
use super::screens::admin::update as admin;
use super::screens::detail::state::DetailView;
use super::screens::intake::state::Draft;
use super::screens::queue::state::Select;
use super::screens::queue::update::open_detail;
use super::state::{Screen, State};
use super::strings as s;
use super::strings::short_code;
use crate::forms::job::Extras;
use crate::forms::Form;

fn flash(st: &mut State, text: impl Into<String>, error: bool) {
    st.flash = Some(super::state::Flash { text: text.into(), error });
}

pub fn on_msg(st: &mut State, m: Msg) -> Vec<Effect> {
    match m {
        Msg::Ready { me, staff, fields, office, agencies, booked, calendar, procedures } => {
            st.agencies = agencies;
            st.booked = booked;
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
            // Rows that arrived above the first one on screen, while scrolled down.
            let first = list.rows.first().map(|r| r.id);
            if list.loaded && offset > list.offset && rows.first().map(|r| r.id) == first {
                list.new_above += offset - list.offset;
            }
            if offset == 0 {
                list.new_above = 0;
            }
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
                None => flash(st, s::popups::done(action, saved.len()), false),
            }
            let mut fx = reload(st);
            fx.extend(after_applied(st, action, &saved));
            fx
        }
        Msg::Admin(data) => {
            admin::on_loaded(st, *data);
            vec![]
        }
        Msg::AdminSaved(result) => {
            admin::on_saved(st, result);
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
        // A draft from before is offered over the new, empty form: never mixed into it.
        Msg::Draft(Some(body)) => {
            let blank = st.intake.as_ref().is_some_and(|f| f.is_blank());
            if let (Ok(draft), true, Screen::Intake) = (serde_json::from_str::<Draft>(&body), blank, st.screen) {
                st.popups.push(Popup::Draft { draft: Box::new(draft), selected: 0 });
            }
            vec![]
        }
        Msg::Draft(None) => vec![],
        Msg::Added(d) => {
            let mut fx = after_added(st, &d.code);
            fx.extend(reload(st));
            fx
        }
        // A form the counter hands over is printed as it arrives; Ctrl-P prints it again.
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
                Ok(place) => flash(st, format!("{before}{} {}", s::printed(), s::files_compact(&place)), false),
                Err(why) => flash(st, format!("{before}{why} - {}", s::print_retry()), true),
            }
            vec![]
        }
        Msg::RefusedAtIntake(id) => {
            st.intake = None;
            flash(st, s::intake::refusal_logged(id), false);
            st.document = None;
            // Mẫu 03 takes the form's place: Esc goes back to where the intake was opened from.
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
        Msg::Now(now) => {
            st.now = now;
            vec![]
        }
        Msg::Failed(text) => {
            flash(st, text, true);
            vec![]
        }
        Msg::WorkerGone => {
            st.worker_gone = true;
            flash(st, s::worker_gone(), true);
            vec![]
        }
    }
}

/// After a change was saved: the form the law asks for goes with it (02, 03 or 04).
fn after_applied(st: &mut State, action: Action, saved: &[String]) -> Vec<Effect> {
    let form = match action {
        Action::Supplement => Some(Form::Supplement),
        Action::Reject => Some(Form::Refusal),
        Action::Apology => Some(Form::Apology),
        _ => None,
    };
    match (form, saved) {
        (Some(form), [code]) => {
            st.back.push(st.screen);
            st.document = None;
            st.screen = Screen::Document;
            vec![Effect::Document { form, code: code.clone(), extras: Extras::default() }]
        }
        _ => vec![],
    }
}

/// The intake was saved: the receipt, on screen and printed.
fn after_added(st: &mut State, code: &str) -> Vec<Effect> {
    st.intake = None;
    flash(st, format!("{} {}", s::registered(), short_code(code)), false);
    st.document = None;
    // The receipt takes the form's place: Esc goes back to where the intake was opened from.
    st.screen = Screen::Document;
    vec![Effect::Document { form: Form::Receipt, code: code.to_string(), extras: Extras::default() }]
}
