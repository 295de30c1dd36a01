//! A print job for a stored dossier: the form filled from the database (the command line's
//! `motcua print` and the screens share it).

use anyhow::Result;
use chrono::NaiveDateTime;

use super::print::Printout;
use super::{render, render_pdf, Form, FormData};
use crate::domain::dossier::{Event, EventKind};
use crate::domain::status::Status;
use crate::store::{Refusal, Store};

/// What a form needs beyond the stored dossier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras {
    /// Empty: the reason the control sheet already holds for this form.
    pub reason: String,
    pub papers_to_add: Vec<String>,
    pub sets: u32,
}

/// The form of dossier `code`, printed by `login` at `now`.
pub fn prepare(
    store: &Store,
    code: &str,
    form: Form,
    login: &str,
    now: NaiveDateTime,
    extras: &Extras,
) -> Result<Printout> {
    let d = store.dossier(code)?.ok_or_else(|| Refusal::NoSuchDossier(code.to_string()))?;
    let settings = store.settings()?;
    let events = store.events(d.id)?;
    let staff = store.staff_list()?;
    let procedure = store.procedure(&d.procedure_code)?;
    let clerk = staff.iter().find(|s| s.login == login).map_or_else(|| login.to_string(), |s| s.full_name.clone());
    let reason = if extras.reason.trim().is_empty() { recorded_reason(form, &events) } else { extras.reason.clone() };
    let handover = store.handover(d.id)?;
    let cert_line = handover.cert.map(|c| c.line()).unwrap_or_default();
    let data = FormData {
        cert_line: &cert_line,
        delivery: handover.delivery,
        events: &events,
        staff: &staff,
        procedure: procedure.as_ref(),
        sets: extras.sets.max(1),
        papers_to_add: &extras.papers_to_add,
        reason: &reason,
        unofficial_holidays: store.crosses_unofficial_holidays(&d)?,
        ..FormData::new(&settings, &d, &clerk, now)
    };
    Ok(Printout {
        stem: Printout::stem(&d.code, form.number(), now),
        text: render(form, &data),
        pdf: Some(render_pdf(form, &data)),
    })
}

/// The reason the control sheet already holds for this form: that of the last supplement
/// request (02), rejection (03) or apology (04).
fn recorded_reason(form: Form, events: &[Event]) -> String {
    let wanted = |e: &&Event| match form {
        Form::Supplement => matches!(e.kind, EventKind::Pause | EventKind::SupplementRequest),
        Form::Refusal => e.to == Status::Rejected || e.kind == EventKind::Refuse,
        Form::Apology => e.kind == EventKind::Apology,
        Form::Receipt | Form::ControlSheet => false,
    };
    events.iter().rev().find(wanted).map(|e| e.reason.clone()).unwrap_or_default()
}

/// Mẫu 03 for a refusal at intake (no dossier registered): the form's own code, filled from
/// the logged refusal, dated the day it was made.
pub fn refusal_printout(store: &Store, r: &crate::domain::refusal::IntakeRefusal) -> Result<Printout> {
    let settings = store.settings()?;
    let procedure =
        store.procedure(&r.procedure_code)?.ok_or_else(|| Refusal::NoSuchProcedure(r.procedure_code.clone()))?;
    // The clerk who refused signs, whoever reprints it.
    let clerk = store.staff(&r.actor)?.map_or_else(|| r.actor.clone(), |s| s.full_name);
    let nd = crate::store::NewDossier {
        procedure_code: r.procedure_code.clone(),
        applicant_name: r.applicant_name.clone(),
        applicant_id: r.applicant_id.clone(),
        phone: r.phone.clone(),
        address: r.address.clone(),
        channel: r.channel,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
    };
    let d = super::unregistered(&nd, &procedure, r.at);
    let data =
        FormData { procedure: Some(&procedure), reason: &r.reason, ..FormData::new(&settings, &d, &clerk, r.at) };
    let form = Form::Refusal;
    Ok(Printout {
        stem: Printout::stem(&format!("tuchoi-{}", r.id), form.number(), r.at),
        text: render(form, &data),
        pdf: Some(render_pdf(form, &data)),
    })
}
