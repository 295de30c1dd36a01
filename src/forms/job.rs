//! A print job for a stored dossier: the form filled from the database (the command line's
//! `motcua print` and the screens share it). Forms 03 and 04 print only where a refusal or an
//! apology exists; Mẫu 02 prints a request that was given (and saves a new one).

use anyhow::Result;
use chrono::NaiveDateTime;

use super::print::Printout;
use super::steps::{full_name, steps};
use super::{render, render_pdf, Form, FormData};
use crate::domain::dossier::{Dossier, EventKind};
use crate::domain::status::Status;
use crate::i18n::tr;
use crate::store::{Refusal, Store, SupplementRequest};

/// What a form needs beyond the stored dossier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras {
    /// Mẫu 02 given now: the reason. Empty with no papers reprints the request on record.
    pub reason: String,
    pub papers_to_add: Vec<String>,
}

fn refuse(vi: &str, en: &str, code: &str) -> anyhow::Error {
    Refusal::Invalid(format!("{code}: {}", tr(vi, en))).into()
}

/// The form of dossier `code` (or of supplement request `YC-n`), printed by `login` at `now`.
/// Mẫu 02 with papers or a reason in `extras` is a new request: saved before it is printed.
pub fn prepare(
    store: &mut Store,
    code: &str,
    form: Form,
    login: &str,
    now: NaiveDateTime,
    extras: &Extras,
) -> Result<Printout> {
    if let Some(id) = SupplementRequest::parse_reference(code) {
        let req = store
            .supplement_request(id)?
            .ok_or_else(|| Refusal::Invalid(format!("{code}: {}", tr("không có phiếu này", "no such request"))))?;
        return request_printout(store, &req, form);
    }
    let d = store.dossier(code)?.ok_or_else(|| Refusal::NoSuchDossier(code.to_string()))?;
    let settings = store.settings()?;
    let events = store.events(d.id)?;
    let staff = store.staff_list()?;
    let procedure = store.procedure(&d.procedure_code)?;
    let (book, book_no) = store.book_entry(&d)?;
    let number = format!("{book_no}/{book}");
    let intake_clerk = events.first().map(|e| full_name(&e.actor, &staff)).unwrap_or_default();
    match form {
        Form::Supplement => {
            let given = !extras.papers_to_add.iter().all(|p| p.trim().is_empty()) || !extras.reason.trim().is_empty();
            let req = match store.last_supplement_request(d.id)? {
                // The law allows one request, in writing: a second is refused, the first reprinted.
                Some(req) if given => {
                    return Err(Refusal::Invalid(format!(
                        "{}: {} {} {} — {}",
                        d.code,
                        tr("đã yêu cầu bổ sung lúc", "a supplement was already requested at"),
                        super::fields::time(req.at),
                        req.reference(),
                        tr("in lại không kèm --paper/--reason", "print again without --paper/--reason")
                    ))
                    .into())
                }
                Some(req) => req,
                // During processing a request stops the clock: that is the move to supplement,
                // which comes first; the form then lists what the citizen brings.
                None if given && d.status != Status::Supplement => {
                    return Err(refuse(
                        "hồ sơ chưa chuyển sang chờ bổ sung — trước hết: motcua dossier move MÃ supplement --note LÝ_DO",
                        "the dossier is not waiting for a supplement — first: motcua dossier move CODE supplement --note REASON",
                        &d.code,
                    ))
                }
                None if given => {
                    let pause_reason = events
                        .iter()
                        .rev()
                        .find(|e| e.kind == EventKind::Pause)
                        .map(|e| e.reason.clone())
                        .unwrap_or_default();
                    let req = SupplementRequest {
                        id: 0,
                        at: now,
                        actor: login.to_string(),
                        dossier_code: Some(d.code.clone()),
                        procedure_code: d.procedure_code.clone(),
                        applicant_name: d.applicant_name.clone(),
                        applicant_id: d.applicant_id.clone(),
                        phone: d.phone.clone(),
                        address: d.address.clone(),
                        papers: extras.papers_to_add.clone(),
                        reason: if extras.reason.trim().is_empty() { pause_reason } else { extras.reason.clone() },
                    };
                    store.record_supplement_request(login, &req, now)?
                }
                None => match events
                    .iter()
                    .rev()
                    .find(|e| matches!(e.kind, EventKind::Pause | EventKind::SupplementRequest))
                {
                    // Requested with the status move (a reason, no list of papers).
                    Some(e) => SupplementRequest {
                        id: 0,
                        at: e.at,
                        actor: e.actor.clone(),
                        dossier_code: Some(d.code.clone()),
                        procedure_code: d.procedure_code.clone(),
                        applicant_name: d.applicant_name.clone(),
                        applicant_id: d.applicant_id.clone(),
                        phone: d.phone.clone(),
                        address: d.address.clone(),
                        papers: vec![],
                        reason: e.reason.clone(),
                    },
                    None => {
                        return Err(refuse(
                            "chưa có yêu cầu bổ sung nào — ghi giấy tờ cần bổ sung (--paper) và lý do (--reason)",
                            "no supplement was requested — name the papers (--paper) and the reason (--reason)",
                            &d.code,
                        ))
                    }
                },
            };
            let clerk = full_name(&req.actor, &staff);
            let number = if req.id > 0 { req.reference() } else { number };
            let data = FormData {
                procedure: procedure.as_ref(),
                number: &number,
                papers_to_add: &req.papers,
                reason: &req.reason,
                ..FormData::new(&settings, &d, &clerk, req.at)
            };
            Ok(printout(&d, form, &data))
        }
        Form::Refusal => {
            let refusal = events.iter().rev().find(|e| e.kind == EventKind::Refuse || e.to == Status::Rejected);
            let Some(e) = refusal.filter(|_| d.status == Status::Rejected) else {
                return Err(refuse(
                    "hồ sơ không bị từ chối: không có phiếu từ chối",
                    "the dossier was not refused: there is no refusal",
                    &d.code,
                ));
            };
            let clerk = full_name(&e.actor, &staff);
            let data = FormData { number: &number, reason: &e.reason, ..FormData::new(&settings, &d, &clerk, e.at) };
            Ok(printout(&d, form, &data))
        }
        Form::Apology => {
            let Some(a) = &d.apology else {
                return Err(refuse("hồ sơ chưa có thư xin lỗi", "no apology was made for this dossier", &d.code));
            };
            let data = FormData {
                number: &number,
                reason: &a.reason,
                new_appointment: Some(a.new_appointment),
                ..FormData::new(&settings, &d, "", a.at)
            };
            Ok(printout(&d, form, &data))
        }
        Form::Receipt | Form::ControlSheet => {
            let list = steps(&d, &events, &staff, &settings.office_kind);
            // The certification numbers the copies took at intake (Decree 23/2015 Art. 13).
            let cert_line = d.handover.cert.as_ref().map(|c| c.line()).unwrap_or_default();
            let data = FormData {
                cert_line: &cert_line,
                delivery: d.handover.delivery,
                procedure: procedure.as_ref(),
                number: &number,
                book: Some((&book, book_no)),
                steps: &list,
                now,
                unofficial_holidays: store.crosses_unofficial_holidays(&d)?,
                ..FormData::new(&settings, &d, &intake_clerk, d.received_at)
            };
            Ok(printout(&d, form, &data))
        }
    }
}

fn printout(d: &Dossier, form: Form, data: &FormData) -> Printout {
    Printout {
        stem: Printout::stem(&d.code, form.number(), data.act_at),
        text: render(form, data),
        pdf: Some(render_pdf(form, data)),
    }
}

/// A saved request printed again, with or without its dossier.
fn request_printout(store: &Store, req: &SupplementRequest, form: Form) -> Result<Printout> {
    if form != Form::Supplement {
        return Err(refuse("chỉ in được mẫu 02", "only form 02 prints", &req.reference()));
    }
    let settings = store.settings()?;
    let staff = store.staff_list()?;
    let procedure =
        store.procedure(&req.procedure_code)?.ok_or_else(|| Refusal::NoSuchProcedure(req.procedure_code.clone()))?;
    let d = match &req.dossier_code {
        Some(c) => store.dossier(c)?.ok_or_else(|| Refusal::NoSuchDossier(c.clone()))?,
        None => {
            let nd = crate::store::NewDossier {
                procedure_code: req.procedure_code.clone(),
                applicant_name: req.applicant_name.clone(),
                applicant_id: req.applicant_id.clone(),
                phone: req.phone.clone(),
                email: String::new(),
                address: req.address.clone(),
                channel: crate::domain::dossier::Channel::InPerson,
                papers: vec![],
                fee_vnd: None,
                paid_online: false,
                note: String::new(),
                sets: 1,
            };
            super::unregistered(&nd, &procedure, req.at)
        }
    };
    Ok(request_job(&settings, &staff, &procedure, &d, req))
}

/// Mẫu 02 for a saved request (also what the intake screen prints right after saving one).
pub fn request_job(
    settings: &crate::store::Settings,
    staff: &[crate::store::Staff],
    procedure: &crate::domain::dossier::Procedure,
    d: &Dossier,
    req: &SupplementRequest,
) -> Printout {
    let clerk = full_name(&req.actor, staff);
    let number = req.reference();
    let data = FormData {
        procedure: Some(procedure),
        number: &number,
        papers_to_add: &req.papers,
        reason: &req.reason,
        ..FormData::new(settings, d, &clerk, req.at)
    };
    let form = Form::Supplement;
    let stem =
        if d.code.is_empty() { format!("{}-mau02", number) } else { Printout::stem(&d.code, form.number(), req.at) };
    Printout { stem, text: render(form, &data), pdf: Some(render_pdf(form, &data)) }
}

/// Mẫu 03 for a refusal at intake, before any dossier exists (the refusal record is the
/// caller's): dated the moment of the refusal, signed by the clerk who refused.
pub fn intake_refusal_job(
    settings: &crate::store::Settings,
    staff: &[crate::store::Staff],
    procedure: &crate::domain::dossier::Procedure,
    nd: &crate::store::NewDossier,
    reason: &str,
    actor: &str,
    at: NaiveDateTime,
) -> Printout {
    let d = super::unregistered(nd, procedure, at);
    let clerk = full_name(actor, staff);
    let data = FormData { procedure: Some(procedure), reason, ..FormData::new(settings, &d, &clerk, at) };
    let form = Form::Refusal;
    Printout {
        stem: Printout::stem("", form.number(), at),
        text: render(form, &data),
        pdf: Some(render_pdf(form, &data)),
    }
}

/// Mẫu 03 of a logged refusal at intake (store::refusals), the first print or a reprint: the
/// clerk who refused signs, whoever prints it again.
pub fn refusal_printout(store: &Store, r: &crate::domain::refusal::IntakeRefusal) -> Result<Printout> {
    let settings = store.settings()?;
    let staff = store.staff_list()?;
    let procedure =
        store.procedure(&r.procedure_code)?.ok_or_else(|| Refusal::NoSuchProcedure(r.procedure_code.clone()))?;
    let nd = crate::store::NewDossier {
        procedure_code: r.procedure_code.clone(),
        applicant_name: r.applicant_name.clone(),
        applicant_id: r.applicant_id.clone(),
        phone: r.phone.clone(),
        email: String::new(),
        address: r.address.clone(),
        channel: r.channel,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    };
    let mut job = intake_refusal_job(&settings, &staff, &procedure, &nd, &r.reason, &r.actor, r.at);
    job.stem = Printout::stem(&format!("tuchoi-{}", r.id), Form::Refusal.number(), r.at);
    Ok(job)
}
