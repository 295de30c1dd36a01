//! `motcua print CODE|YC-N [--form 01..05] [--to DEST] [--reason T] [--paper P]…`: the counter's forms from
//! scripts, and a way to try printing end to end.

use anyhow::{anyhow, Result};

use super::Context;
use crate::forms::job::{prepare, Extras};
use crate::forms::print::{print, Destination};
use crate::forms::Form;
use crate::i18n::tr;

pub struct PrintArgs {
    pub code: String,
    pub form: String,
    pub to: Option<String>,
    pub reason: String,
    pub papers: Vec<String>,
}

pub fn run(ctx: &Context, args: PrintArgs) -> Result<()> {
    let form = Form::parse(&args.form)
        .ok_or_else(|| anyhow!("--form {}: 01, 02, 03, 04 {} 05", args.form, tr("hoặc", "or")))?;
    let dest = match &args.to {
        Some(to) => Destination::parse(to)?,
        None => Destination::from_env()?,
    };
    let mut store = ctx.open()?;
    let extras = Extras { reason: args.reason.clone(), papers_to_add: args.papers.clone() };
    let job = prepare(&mut store, &args.code, form, &ctx.user, ctx.now, &extras)?;
    let done = print(&dest, &job, &mut std::io::stdout().lock())?;
    println!("{} {} {}: {done}", tr("Đã in mẫu", "Printed form"), form.number(), args.code);
    Ok(())
}
