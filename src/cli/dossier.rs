//! `motcua dossier add | show | move | find`: the screens' actions, for scripts.

use std::io::Write;

use anyhow::{anyhow, Result};
use serde_json::json;

use super::{Context, DossierCmd};
use crate::clock::rfc3339;
use crate::domain::dossier::{Channel, Dossier};
use crate::domain::handover::{Delivery, IntakeExtra};
use crate::domain::refusal::IntakeRefusal;
use crate::domain::status::Status;
use crate::forms::job::refusal_printout;
use crate::forms::print::{print, Destination};
use crate::i18n::tr;
use crate::store::error::status_label;
use crate::store::{MoveExtra, NewDossier, ResultBack};

pub fn run(ctx: &Context, cmd: DossierCmd) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        DossierCmd::Add {
            procedure,
            name,
            id,
            phone,
            email,
            address,
            channel,
            note,
            received_for,
            delivery,
            digitized,
            synced,
            copies,
            sets,
        } => {
            let channel = Channel::parse(&channel)
                .ok_or_else(|| anyhow!("--channel {channel}: in_person, online {} postal", tr("hoặc", "or")))?;
            let nd = NewDossier {
                procedure_code: procedure,
                applicant_name: name,
                applicant_id: id,
                phone,
                email,
                address,
                channel,
                papers: vec![],
                fee_vnd: None,
                paid_online: false,
                note,
                sets,
            };
            let extra = IntakeExtra {
                received_for,
                delivery: delivery.as_deref().map(parse_delivery).transpose()?,
                intake_digitized: digitized,
                synced,
                copies,
            };
            let d = store.add_dossier_with(&ctx.user, &nd, &extra, ctx.now)?;
            let mark = unofficial_mark(store.crosses_unofficial_holidays(&d)?);
            println!("{}: {}{mark}", tr("Hẹn trả", "Appointment"), d.appointment_at.format("%H:%M %d/%m/%Y"));
            if let Some(c) = store.handover(d.id)?.cert {
                println!("{}", c.line());
            }
            println!("{}", d.code);
        }
        DossierCmd::Show { code, format } => {
            let d = store.dossier(&code)?.ok_or_else(|| crate::store::Refusal::NoSuchDossier(code.clone()))?;
            let events = store.events(d.id)?;
            let unofficial = store.crosses_unofficial_holidays(&d)?;
            let h = store.handover(d.id)?;
            let steps = store.steps(d.id)?;
            if format == "json" {
                let mut v = to_json(&d, &events);
                v["unofficial_holidays"] = json!(unofficial);
                // The pauses the current due date is derived from (DOMAIN §2).
                v["pauses"] = store
                    .pauses(d.id)?
                    .iter()
                    .map(|p| {
                        json!({
                            "from": rfc3339(p.from), "to": p.to.map(rfc3339), "reason": p.reason,
                            "days_left": p.remaining_days, "resumed_due": p.resumed_due.map(|d| d.to_string()),
                        })
                    })
                    .collect();
                super::handover::add_json(&mut v, &h, &steps);
                println!("{v}");
            } else {
                // An old database may hold raw control characters: spelled out, never sent.
                print!("{}", crate::domain::text::escape(&to_text(&d, &events, unofficial), true));
                let where_it_is = super::handover::text(&store, &h, &steps, d.status.is_pending())?;
                print!("{}", crate::domain::text::escape(&where_it_is, true));
            }
        }
        DossierCmd::Move { code, status, note, version, delivery, step, from_agency } => {
            let to = Status::parse(&status).ok_or_else(|| {
                anyhow!(
                    "{status}: {} ({})",
                    tr("không có trạng thái này", "no such status"),
                    Status::ALL.map(|s| s.as_str()).join(", ")
                )
            })?;
            let extra = MoveExtra {
                note,
                delivery: delivery.as_deref().map(parse_delivery).transpose()?,
                result_back: ResultBack { step, from_agency },
                ..Default::default()
            };
            let d = store
                .move_dossier(&ctx.user, &code, version, to, &extra, ctx.now)
                .map_err(|e| stale_on_the_command_line(e, version))?;
            // Where the clock stands now: stopped with the days left, or the due date it runs to.
            let clock = match d.paused_days_left.filter(|_| d.status.is_pending()) {
                Some(n) => format!("{} {n} {}", tr("tạm dừng, còn", "paused,"), tr("ngày", "days left")),
                None if d.status.is_pending() => {
                    format!("{} {}", tr("hạn", "due"), d.due_date.format("%d/%m/%Y"))
                }
                None => String::new(),
            };
            println!(
                "{} → {}{}",
                d.code,
                status_label(d.status),
                if clock.is_empty() { clock } else { format!(" ({clock})") }
            );
        }
        DossierCmd::Send { code, to, note } => {
            let d = store.send_dossier(&ctx.user, &code, None, &to, &note, ctx.now)?;
            println!("{} → {}", d.code, store.handover(d.id)?.agency);
        }
        DossierCmd::Flags { code, digitized, synced } => {
            store.set_intake_flags(&ctx.user, &code, digitized, synced, ctx.now)?;
            println!("{}", code.trim());
        }
        DossierCmd::Apologize { code, new_date, reason } => {
            let day = super::parse_day(&new_date, "--new-date")?;
            let at = day.and_time(store.settings()?.hours.opening());
            let d = store.apologize(&ctx.user, &code, None, at, &reason, ctx.now)?;
            println!(
                "{}: {} — {} {}",
                d.code,
                tr("đã ghi thư xin lỗi", "apology recorded"),
                tr("hẹn lại", "new appointment"),
                d.appointment_at.format("%H:%M %d/%m/%Y")
            );
            println!("{}", tr("in thư: motcua print MÃ --form 04", "print the letter: motcua print CODE --form 04"));
        }
        DossierCmd::Refuse { procedure, name, reason, id, phone, address, channel, to } => {
            let channel = Channel::parse(&channel)
                .ok_or_else(|| anyhow!("--channel {channel}: in_person, online {} postal", tr("hoặc", "or")))?;
            // The destination is checked before anything is logged: a typo there changes nothing.
            let dest = destination(to.as_deref())?;
            let nd = NewDossier {
                procedure_code: procedure,
                applicant_name: name,
                applicant_id: id,
                phone,
                email: String::new(),
                address,
                channel,
                papers: vec![],
                fee_vnd: None,
                paid_online: false,
                note: String::new(),
                sets: 1,
            };
            let r = store.refuse_at_intake(&ctx.user, &nd, &reason, ctx.now)?;
            println!(
                "{} #{} — {} ({}) — {}",
                tr("Đã ghi từ chối tiếp nhận", "Refusal at intake logged"),
                r.id,
                r.applicant_name,
                r.procedure_code,
                tr("không đăng ký hồ sơ", "no dossier registered")
            );
            print_refusal(&store, &r, &dest).map_err(|e| {
                anyhow!(
                    "{e:#}\n{} `motcua dossier refusal-print {}`",
                    tr("Việc từ chối đã được ghi; in lại bằng", "The refusal is logged; print it again with"),
                    r.id
                )
            })?;
        }
        DossierCmd::Refusals { from, to } => {
            let from = from.as_deref().map(|d| super::parse_day(d, "--from")).transpose()?.unwrap_or(ctx.now.date());
            let to = to.as_deref().map(|d| super::parse_day(d, "--to")).transpose()?.unwrap_or(ctx.now.date());
            if from > to {
                return Err(anyhow!(
                    "--from {from} > --to {to}: {}",
                    tr("ngày đầu sau ngày cuối", "the first day is after the last")
                ));
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for r in store.intake_refusals(from, to)? {
                writeln!(
                    out,
                    "#{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.at.format("%H:%M %d/%m/%Y"),
                    r.actor,
                    r.procedure_code,
                    r.applicant_name,
                    r.reason
                )?;
            }
            out.flush()?;
        }
        DossierCmd::RefusalPrint { id, to } => {
            let dest = destination(to.as_deref())?;
            let r = store.intake_refusal(id)?.ok_or_else(|| {
                anyhow!("#{id}: {}", tr("không có lần từ chối tiếp nhận này", "no such refusal at intake"))
            })?;
            print_refusal(&store, &r, &dest)?;
        }
        DossierCmd::Find { text, limit } => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for r in store.search(&text, None, limit as usize)? {
                let e = |s: &str| crate::domain::text::escape(s, false).into_owned();
                writeln!(out, "{}\t{}\t{}\t{}", e(&r.code), e(&r.applicant_name), r.status.as_str(), r.due_date)?;
            }
            out.flush()?;
        }
    }
    Ok(())
}

fn parse_delivery(s: &str) -> Result<Delivery> {
    Delivery::parse(s).ok_or_else(|| anyhow!("--delivery {s}: counter, post {} online", tr("hoặc", "or")))
}

fn destination(to: Option<&str>) -> Result<Destination> {
    Ok(match to {
        Some(to) => Destination::parse(to)?,
        None => Destination::from_env()?,
    })
}

fn print_refusal(store: &crate::store::Store, r: &IntakeRefusal, dest: &Destination) -> Result<()> {
    let job = refusal_printout(store, r)?;
    let done = print(dest, &job, &mut std::io::stdout().lock())?;
    println!("{} 03: {done}", tr("Đã in mẫu", "Printed form"));
    Ok(())
}

fn opt(t: Option<chrono::NaiveDateTime>) -> serde_json::Value {
    t.map(|t| json!(rfc3339(t))).unwrap_or(serde_json::Value::Null)
}

pub fn to_json(d: &Dossier, events: &[crate::domain::dossier::Event]) -> serde_json::Value {
    let mut v = json!({
        "code": d.code, "procedure_code": d.procedure_code, "procedure": d.procedure_name, "field": d.field,
        "applicant_name": d.applicant_name, "applicant_id": d.applicant_id, "phone": d.phone, "email": d.email,
        "address": d.address,
        "channel": d.channel.as_str(), "papers": d.papers, "received_at": rfc3339(d.received_at),
        "due_date": d.due_date.to_string(), "appointment_at": rfc3339(d.appointment_at),
        "resolved_at": opt(d.resolved_at), "returned_at": opt(d.returned_at), "withdrawn_at": opt(d.withdrawn_at),
        "apology_at": opt(d.apology.as_ref().map(|a| a.at)), "status": d.status.as_str(), "fee_vnd": d.fee_vnd,
        "paid_online": d.paid_online, "result_digitized": d.result_digitized,
        "satisfaction": d.satisfaction.map(|s| s.as_i64()), "assignee": d.assignee, "note": d.note,
        "version": d.version,
    });
    // The records the current due date is derived from (DOMAIN §2 "Nothing is overwritten").
    let extra = [
        ("due_at_intake", json!(d.due_at_intake.to_string())),
        ("appointment_at_intake", json!(rfc3339(d.appointment_at_intake))),
        ("paused_days_left", json!(d.paused_days_left)),
        (
            "apology",
            d.apology.as_ref().map_or(
                serde_json::Value::Null,
                |a| json!({"at": rfc3339(a.at), "new_appointment": rfc3339(a.new_appointment), "reason": a.reason}),
            ),
        ),
        ("events", serde_json::Value::Array(events.iter().map(event_json).collect())),
    ];
    if let Some(m) = v.as_object_mut() {
        m.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v)));
    }
    v
}

fn event_json(e: &crate::domain::dossier::Event) -> serde_json::Value {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    json!({
        "at": rfc3339(e.at), "actor": e.actor, "kind": e.kind.as_str(), "from": e.from.map(|s| s.as_str()),
        "to": e.to.as_str(), "due_before": day(e.due_before), "due_after": day(e.due_after),
        "appointment_after": e.appointment_after.map(rfc3339), "assignee_from": e.assignee_from,
        "assignee_to": e.assignee_to, "reason": e.reason, "agency": e.agency, "note": e.note
    })
}

/// After a due date counted over a day off not yet official.
fn unofficial_mark(unofficial: bool) -> String {
    if unofficial {
        format!(" ({})", tr("lịch nghỉ chưa chính thức", "holiday table not yet official"))
    } else {
        String::new()
    }
}

fn to_text(d: &Dossier, events: &[crate::domain::dossier::Event], unofficial: bool) -> String {
    let mut s = String::new();
    let t = |x: chrono::NaiveDateTime| x.format("%H:%M %d/%m/%Y").to_string();
    let lines = [
        (tr("Mã hồ sơ", "Code"), d.code.clone()),
        (tr("Thủ tục", "Procedure"), format!("{} ({})", d.procedure_name, d.procedure_code)),
        (tr("Người nộp", "Applicant"), d.applicant_name.clone()),
        (tr("Số định danh", "Personal ID"), d.applicant_id.clone()),
        (tr("Điện thoại", "Phone"), d.phone.clone()),
        (tr("Thư điện tử", "Email"), d.email.clone()),
        (tr("Địa chỉ", "Address"), d.address.clone()),
        (tr("Trạng thái", "Status"), status_label(d.status).to_string()),
        (tr("Tiếp nhận", "Received"), t(d.received_at)),
        (
            tr("Hạn giải quyết", "Due"),
            match d.paused_days_left.filter(|_| d.status.is_pending()) {
                Some(n) => format!("{} {n} {}", tr("tạm dừng, còn", "paused,"), tr("ngày", "days left")),
                None => format!("{}{}", d.due_date.format("%d/%m/%Y"), unofficial_mark(unofficial)),
            },
        ),
        (tr("Hẹn trả", "Appointment"), t(d.appointment_at)),
        (tr("Người xử lý", "Assignee"), d.assignee.clone()),
    ];
    for (k, v) in lines {
        s.push_str(&format!("{k}: {v}\n"));
    }
    s.push_str(&format!("{}:\n", tr("Quá trình giải quyết", "Control sheet")));
    for e in events {
        let words: Vec<String> = [
            e.assignee_to.as_ref().map(|to| format!("→ {to}")),
            e.appointment_after.map(|a| format!("{} {}", tr("hẹn lại", "new appointment"), t(a))),
            e.due_after
                .filter(|a| Some(*a) != e.due_before)
                .map(|a| format!("{} {}", tr("hạn", "due"), a.format("%d/%m/%Y"))),
            (!e.agency.is_empty()).then(|| e.agency.clone()),
            (!e.reason.is_empty()).then(|| e.reason.clone()),
            (!e.note.is_empty()).then(|| e.note.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        s.push_str(&format!(
            "  {}  {}  {} → {}  {}\n",
            t(e.at),
            e.actor,
            e.from.map(status_label).unwrap_or("—"),
            status_label(e.to),
            words.join("; ")
        ));
    }
    s
}

/// The screens reload a dossier someone else saved first; a script on the command line has
/// nothing reloaded, so it is told who changed it, when, the version now, and what to do.
fn stale_on_the_command_line(e: anyhow::Error, sent: Option<i64>) -> anyhow::Error {
    let Some(crate::store::Refusal::Stale { code, by, at, version }) = e.downcast_ref::<crate::store::Refusal>() else {
        return e;
    };
    let sent = sent.map(|v| format!(" (--version {v})")).unwrap_or_default();
    anyhow!(
        "{} {code} {} {by} {} {at}, {} {version}{sent} — {}; {} `motcua dossier show {code}` {}",
        tr("hồ sơ", "dossier"),
        tr("đã được", "was changed by"),
        tr("sửa lúc", "at"),
        tr("nay là phiên bản", "now at version"),
        tr("không thay đổi gì", "nothing changed"),
        tr("chạy", "run"),
        tr("rồi thử lại", "and try again"),
    )
}
