//! `motcua print CODE [--form 01..05] [--to DEST] [--reason T]`: the counter's forms from
//! scripts, and a way to try printing end to end.

use anyhow::{anyhow, Result};

use super::Context;
use crate::domain::dossier::Event;
use crate::domain::status::Status;
use crate::forms::print::{print, Destination, Printout};
use crate::forms::{render, render_pdf, Form, FormData};
use crate::i18n::tr;
use crate::store::Refusal;

pub struct PrintArgs {
    pub code: String,
    pub form: String,
    pub to: Option<String>,
    pub reason: String,
    pub papers: Vec<String>,
    pub sets: u32,
}

pub fn run(ctx: &Context, args: PrintArgs) -> Result<()> {
    let form = Form::parse(&args.form)
        .ok_or_else(|| anyhow!("--form {}: 01, 02, 03, 04 {} 05", args.form, tr("hoặc", "or")))?;
    let dest = match &args.to {
        Some(to) => Destination::parse(to)?,
        None => Destination::from_env()?,
    };
    let store = ctx.open()?;
    let d = store.dossier(&args.code)?.ok_or_else(|| Refusal::NoSuchDossier(args.code.clone()))?;
    let settings = store.settings()?;
    let events = store.events(d.id)?;
    let staff = store.staff_list()?;
    let procedure = store.procedure(&d.procedure_code)?;
    let clerk = staff.iter().find(|s| s.login == ctx.user).map_or_else(|| ctx.user.clone(), |s| s.full_name.clone());
    let reason = if args.reason.trim().is_empty() { recorded_reason(form, &events) } else { args.reason.clone() };
    let data = FormData {
        events: &events,
        staff: &staff,
        procedure: procedure.as_ref(),
        sets: args.sets,
        papers_to_add: &args.papers,
        reason: &reason,
        ..FormData::new(&settings, &d, &clerk, ctx.now)
    };
    let job = Printout {
        stem: Printout::stem(&d.code, form.number(), ctx.now),
        text: render(form, &data),
        pdf: Some(render_pdf(form, &data)),
    };
    let done = print(&dest, &job, &mut std::io::stdout().lock())?;
    println!("{} {} {}: {done}", tr("Đã in mẫu", "Printed form"), form.number(), d.code);
    Ok(())
}

/// The reason the control sheet already holds for this form: the note of the last move to
/// supplement (02) or rejection (03), or of the apology (04).
fn recorded_reason(form: Form, events: &[Event]) -> String {
    let wanted = |e: &&Event| match form {
        Form::Supplement => e.to == Status::Supplement && e.from != Some(e.to),
        Form::Refusal => e.to == Status::Rejected,
        Form::Apology => e.from == Some(e.to) && e.note.starts_with("xin lỗi"),
        Form::Receipt | Form::ControlSheet => false,
    };
    let note = events.iter().rev().find(wanted).map(|e| e.note.as_str()).unwrap_or("");
    match form {
        // "xin lỗi, hẹn lại 10:00 21/02/2024: <reason>"
        Form::Apology => note.split_once(": ").map_or(note, |(_, r)| r).to_string(),
        _ => note.to_string(),
    }
}
