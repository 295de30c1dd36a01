//! Handing dossiers on (DOMAIN §8–§9) in SQL: the agencies, what the catalogue says about
//! each procedure (agency, bundle, certification book), the steps of bundled dossiers, the
//! certification numbers, and sending a dossier to another agency.

use anyhow::Result;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::catalog::{actor_in, head_in, procedure_in};
use super::{day, parse_ts, ts, Refusal, Store};
use crate::domain::calendar::{Calendar, Due, TimeLimit};
use crate::domain::catalogue::{CatalogueProblem, CatalogueRow};
use crate::domain::dossier::{Channel, Event, EventKind, Procedure};
use crate::domain::handover::{
    all_ready, bundle_text, merge_bundle, parse_bundle, Agency, Book, CertNumbers, Delivery, Handover, IntakeExtra,
    Links, Step, StepStatus,
};
use crate::domain::status::{Role, Status};
use crate::domain::text::{clean, NAME_MAX, NOTE_MAX};
use crate::i18n::tr;

/// The handing-on columns of an imported logbook row (cli/logbook_handover.rs reads them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportHandover {
    pub agency: String,
    pub sent_at: Option<NaiveDateTime>,
    /// None: the logbook does not say (the receipt then follows the channel).
    pub delivery: Option<Delivery>,
    pub intake_digitized: bool,
    pub synced: bool,
    /// None: one set.
    pub sets: Option<u32>,
    pub received_for: String,
}

fn invalid(msg: String) -> anyhow::Error {
    Refusal::Invalid(msg).into()
}

pub(crate) fn agencies_in(conn: &Connection) -> Result<Vec<Agency>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM agencies ORDER BY code")?;
    let rows = stmt.query_map([], |r| Ok(Agency { code: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn agency_in(conn: &Connection, code: &str) -> Result<Option<Agency>> {
    Ok(conn
        .query_row("SELECT code, name FROM agencies WHERE code = ?1", [code.trim()], |r| {
            Ok(Agency { code: r.get(0)?, name: r.get(1)? })
        })
        .optional()?)
}

/// "unknown agency X; known: A (name), B (name)" — what `send` and the catalogue say.
pub fn unknown_agency(code: &str, known: &[Agency]) -> String {
    let list: Vec<String> = known.iter().map(|a| format!("{} ({})", a.code, a.name)).collect();
    format!(
        "{} «{code}»; {}: {}",
        tr("không có cơ quan", "no agency"),
        tr("các cơ quan đã khai báo", "known agencies"),
        if list.is_empty() { "—".to_string() } else { list.join(", ") }
    )
}

pub(crate) fn links_in(conn: &Connection, code: &str) -> Result<Links> {
    let row: Option<(String, String, String)> = conn
        .query_row("SELECT agency, bundle, book FROM procedures WHERE code = ?1", [code], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((agency, bundle, book)) = row else { return Ok(Links::default()) };
    Ok(Links { agency, bundle: parse_bundle(&bundle).unwrap_or_default(), book: Book::parse(&book) })
}

/// Checks a procedure's links against the agencies and the catalogue, then stores them.
fn put_links(tx: &Transaction, code: &str, links: &Links) -> Result<()> {
    if !links.agency.is_empty() && agency_in(tx, &links.agency)?.is_none() {
        return Err(invalid(format!("{code}: {}", unknown_agency(&links.agency, &agencies_in(tx)?))));
    }
    for c in &links.bundle {
        if procedure_in(tx, &c.code)?.is_none() {
            return Err(invalid(format!(
                "{code}: bundle {}: «{}» {}",
                bundle_text(&links.bundle),
                c.code,
                tr("không có trong danh mục", "is not in the catalogue")
            )));
        }
        if !links_in(tx, &c.code)?.bundle.is_empty() {
            return Err(invalid(format!(
                "{code}: «{}» {}",
                c.code,
                tr("là thủ tục liên thông, không làm thành phần được", "is itself a bundle")
            )));
        }
    }
    tx.execute(
        "UPDATE procedures SET agency = ?1, bundle = ?2, book = ?3 WHERE code = ?4",
        params![links.agency, bundle_text(&links.bundle), links.book.map(|b| b.as_str()).unwrap_or(""), code],
    )?;
    Ok(())
}

/// Whether a procedure can give a due date: its own limit, or (a bundle) each component's.
pub(crate) fn has_limit(conn: &Connection, p: &Procedure) -> Result<bool> {
    if p.time_limit().is_some() {
        return Ok(true);
    }
    let links = links_in(conn, &p.code)?;
    if links.bundle.is_empty() {
        return Ok(false);
    }
    for c in &links.bundle {
        let limit = c.days.is_some() || procedure_in(conn, &c.code)?.and_then(|p| p.time_limit()).is_some();
        if !limit {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A step as planned at intake.
pub(crate) struct PlannedStep {
    code: String,
    agency: String,
    due_date: NaiveDate,
}

/// What intake needs from the catalogue: the due date and, for a bundle, its steps.
pub(crate) struct Plan {
    pub due: Due,
    steps: Vec<PlannedStep>,
    book: Option<Book>,
    agency: String,
}

/// The due date of a dossier of `p` received at `now`. A bundle's steps all start at intake,
/// each with its own limit; the dossier is due at the bundle's own limit, or when its last
/// step is if the bundle has none.
pub(crate) fn plan_intake(conn: &Connection, p: &Procedure, cal: &Calendar, now: NaiveDateTime) -> Result<Plan> {
    let links = links_in(conn, &p.code)?;
    let mut steps = Vec::new();
    for c in &links.bundle {
        let cp = procedure_in(conn, &c.code)?.ok_or_else(|| Refusal::NoSuchProcedure(c.code.clone()))?;
        let limit = match c.days {
            Some(d) => TimeLimit::from_catalogue(d, cp.cutoff, cp.day_kind),
            None => cp.time_limit().ok_or_else(|| Refusal::ProcedureInactive(cp.code.clone()))?,
        };
        let agency = links_in(conn, &cp.code)?.agency;
        steps.push(PlannedStep { code: cp.code, agency, due_date: cal.due(limit, now).due_date });
    }
    let due = match (p.time_limit(), steps.iter().map(|s| s.due_date).max()) {
        (Some(limit), _) => cal.due(limit, now),
        (None, Some(last)) => {
            let start = cal.this_or_next_working_day(now.date());
            Due { start, due_date: last, appointment: last.and_time(cal.hours().closing()) }
        }
        (None, None) => return Err(Refusal::ProcedureInactive(p.code.clone()).into()),
    };
    Ok(Plan { due, steps, book: links.book, agency: links.agency })
}

/// Records at intake what the clerk chose beside the applicant's data, the bundle's steps and
/// the certification numbers (taken inside the intake transaction, so two clerks never get the
/// same number and a refused intake takes none).
pub(crate) fn record_intake(
    tx: &Transaction,
    dossier_id: i64,
    plan: &Plan,
    extra: &IntakeExtra,
    channel: Channel,
    now: NaiveDateTime,
) -> Result<()> {
    let delivery = extra.delivery.unwrap_or_else(|| Delivery::default_for(channel));
    let received_for = super::dossiers::line_in("tiếp nhận thay cho / received for", &extra.received_for, NAME_MAX)?;
    let (book, year, first, count) = match plan.book {
        Some(book) => {
            let count = extra.copies.max(1);
            let year = now.year();
            let last: i64 = tx.query_row(
                "INSERT INTO cert_seq(book, year, last) VALUES (?1, ?2, ?3)
                 ON CONFLICT(book, year) DO UPDATE SET last = last + excluded.last RETURNING last",
                params![book.as_str(), year, count],
                |r| r.get(0),
            )?;
            (book.as_str(), Some(year), Some(last - count as i64 + 1), Some(count))
        }
        None => ("", None, None, None),
    };
    tx.execute(
        "UPDATE dossiers SET received_for = ?1, result_delivery = ?2, intake_digitized = ?3, synced = ?4,
           cert_book = ?5, cert_year = ?6, cert_first = ?7, cert_count = ?8
         WHERE id = ?9",
        params![
            received_for,
            delivery.as_str(),
            extra.intake_digitized,
            extra.synced,
            book,
            year,
            first,
            count,
            dossier_id
        ],
    )?;
    for (i, s) in plan.steps.iter().enumerate() {
        tx.execute(
            "INSERT INTO dossier_steps(dossier_id, seq, procedure_code, agency, due_date) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![dossier_id, i as i64 + 1, s.code, s.agency, day(s.due_date)],
        )?;
    }
    if plan.steps.is_empty() && !plan.agency.is_empty() {
        tx.execute("UPDATE dossiers SET handling_agency = ?1 WHERE id = ?2", params![plan.agency, dossier_id])?;
    }
    Ok(())
}

pub(crate) fn handover_in(conn: &Connection, dossier_id: i64) -> Result<Handover> {
    Ok(conn.query_row("SELECT * FROM dossiers WHERE id = ?1", [dossier_id], handover_from_row)?)
}

/// The handing-on columns of a dossier row (read with the rest of the row).
pub(crate) fn handover_from_row(r: &rusqlite::Row) -> rusqlite::Result<Handover> {
    let cert = match (
        Book::parse(&r.get::<_, String>("cert_book")?),
        r.get::<_, Option<i64>>("cert_year")?,
        r.get::<_, Option<i64>>("cert_first")?,
        r.get::<_, Option<i64>>("cert_count")?,
    ) {
        (Some(book), Some(year), Some(first), Some(count)) => {
            Some(CertNumbers { book, year: year as i32, first: first as u32, count: count as u32 })
        }
        _ => None,
    };
    Ok(Handover {
        received_for: r.get("received_for")?,
        delivery: Delivery::parse(&r.get::<_, String>("result_delivery")?),
        intake_digitized: r.get::<_, i64>("intake_digitized")? != 0,
        synced: r.get::<_, i64>("synced")? != 0,
        agency: r.get("handling_agency")?,
        sent_at: r.get::<_, Option<String>>("sent_at")?.and_then(|s| parse_ts(&s)),
        cert,
    })
}

/// The steps of a dossier, each due date derived from the one given at intake and the dossier's
/// pauses (domain/clock.rs): a supplement stops every step's clock as it stops the dossier's.
pub(crate) fn steps_in(conn: &Connection, dossier_id: i64) -> Result<Vec<Step>> {
    let mut steps = steps_at_intake(conn, dossier_id)?;
    if steps.is_empty() {
        return Ok(steps);
    }
    let pauses = super::dossiers::pauses_in(conn, dossier_id)?;
    if !pauses.is_empty() {
        let cal = super::catalog::calendar_in(conn)?;
        for s in &mut steps {
            s.due_date = crate::domain::handover::step_clock(&cal, s.due_date, &pauses, s.done_at).due;
        }
    }
    Ok(steps)
}

/// The steps as stored: the due date each was given at intake, never written again.
fn steps_at_intake(conn: &Connection, dossier_id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.seq, s.procedure_code, coalesce(p.name, ''), s.agency, s.due_date, s.status, s.sent_at, s.done_at
         FROM dossier_steps s LEFT JOIN procedures p ON p.code = s.procedure_code
         WHERE s.dossier_id = ?1 ORDER BY s.seq",
    )?;
    let rows = stmt.query_map([dossier_id], |r| {
        Ok(Step {
            seq: r.get::<_, i64>(0)? as u32,
            procedure_code: r.get(1)?,
            procedure_name: r.get(2)?,
            agency: r.get(3)?,
            due_date: NaiveDate::parse_from_str(&r.get::<_, String>(4)?, "%Y-%m-%d").unwrap_or_default(),
            status: StepStatus::parse(&r.get::<_, String>(5)?).unwrap_or(StepStatus::Pending),
            sent_at: r.get::<_, Option<String>>(6)?.and_then(|s| parse_ts(&s)),
            done_at: r.get::<_, Option<String>>(7)?.and_then(|s| parse_ts(&s)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sends a dossier (not a bundle) to `agency`: kept after the result comes back, for the logbook.
fn set_sent(tx: &Transaction, dossier_id: i64, agency: &str, at: NaiveDateTime) -> Result<()> {
    tx.execute(
        "UPDATE dossiers SET handling_agency = ?1, sent_at = ?2 WHERE id = ?3",
        params![agency, ts(at), dossier_id],
    )?;
    Ok(())
}

/// A bundle stays this office's dossier; `sent_at` says a step of it is out (the latest send),
/// and is cleared when none is.
fn set_bundle_out(tx: &Transaction, dossier_id: i64, steps: &[Step]) -> Result<()> {
    let out = steps.iter().filter(|s| s.status == StepStatus::Sent).filter_map(|s| s.sent_at).max();
    tx.execute("UPDATE dossiers SET sent_at = ?1 WHERE id = ?2", params![out.map(ts), dossier_id])?;
    Ok(())
}

/// What a `ready` move does to a dossier handed on: which steps got their result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultBack {
    /// The step (1-based) whose result came; None: pick by agency, or the only one left.
    pub step: Option<u32>,
    /// The agency the result came from; empty: the one the dossier or step was sent to.
    pub from_agency: String,
}

/// The outcome of [`before_ready`]: the move goes on (with the role it is judged under), or
/// only some steps got their result and the dossier stays where it is.
pub(crate) enum ReadyMove {
    /// `agency`: the result came back from it ("" for this office's own result).
    Proceed {
        judge_as: Role,
        note: String,
        agency: String,
    },
    StepOnly {
        note: String,
        agency: String,
    },
}

/// Before a dossier becomes ready: a bundle's steps are marked and it becomes ready only with
/// its last one; a dossier with another agency comes back from it. The clerk at the counter
/// may record a result that another agency sent back (it is not their decision).
pub(crate) fn before_ready(
    tx: &Transaction,
    login: &str,
    me_role: Role,
    dossier_id: i64,
    back: &ResultBack,
    now: NaiveDateTime,
) -> Result<ReadyMove> {
    let h = handover_in(tx, dossier_id)?;
    let steps = steps_in(tx, dossier_id)?;
    let name =
        |code: &str| -> Result<String> { Ok(agency_in(tx, code)?.map(|a| a.name).unwrap_or_else(|| code.to_string())) };
    if steps.is_empty() {
        if h.sent_at.is_none() {
            if !back.from_agency.is_empty() {
                return Err(invalid(format!(
                    "--from {}: {}",
                    back.from_agency,
                    tr("hồ sơ không gửi cơ quan nào", "the dossier was not sent to any agency")
                )));
            }
            return Ok(ReadyMove::Proceed { judge_as: me_role, note: String::new(), agency: String::new() });
        }
        if !back.from_agency.is_empty() && back.from_agency != h.agency {
            return Err(invalid(format!(
                "--from {}: {} {}",
                back.from_agency,
                tr("hồ sơ đang ở", "the dossier is with"),
                h.agency
            )));
        }
        let note = format!("{} {}", tr("nhận kết quả từ", "result received from"), name(&h.agency)?);
        return Ok(ReadyMove::Proceed { judge_as: me_role.max_for_results(), note, agency: h.agency });
    }
    // A bundle: the chosen step, those of the named agency, or the only one still open.
    let open: Vec<&Step> = steps.iter().filter(|s| s.status != StepStatus::Ready).collect();
    let chosen: Vec<&Step> = match (back.step, back.from_agency.as_str()) {
        (Some(n), _) => steps.iter().filter(|s| s.seq == n).collect(),
        (None, "") if open.len() == 1 => open.clone(),
        (None, "") => vec![],
        (None, a) => open.iter().copied().filter(|s| s.agency == a && s.status == StepStatus::Sent).collect(),
    };
    let describe = |list: &[&Step]| -> String {
        list.iter()
            .map(|s| format!("{} {} ({})", s.seq, s.procedure_code, if s.agency.is_empty() { "—" } else { &s.agency }))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if chosen.is_empty() || chosen.iter().any(|s| s.status == StepStatus::Ready) {
        return Err(invalid(format!(
            "{}: {}",
            tr(
                "chọn bước có kết quả (--step N hoặc --from CƠ_QUAN); còn mở",
                "choose the step whose result came (--step N or --from AGENCY); open"
            ),
            describe(&open)
        )));
    }
    let from_elsewhere = chosen.iter().all(|s| s.status == StepStatus::Sent);
    if !from_elsewhere && me_role == Role::Clerk {
        return Err(Refusal::NotAllowed {
            login: login.into(),
            what: "ghi kết quả bước do cơ quan mình xử lý / record a step this office handles",
        }
        .into());
    }
    for s in &chosen {
        tx.execute(
            "UPDATE dossier_steps SET status = 'ready', done_at = ?1 WHERE dossier_id = ?2 AND seq = ?3",
            params![ts(now), dossier_id, s.seq],
        )?;
    }
    let steps = steps_in(tx, dossier_id)?;
    set_bundle_out(tx, dossier_id, &steps)?;
    let mut parts = Vec::new();
    for s in &chosen {
        let late = if now.date() > s.due_date { tr(" [quá hạn]", " [late]") } else { "" };
        let from = if s.status == StepStatus::Sent {
            format!(" {} {}", tr("từ", "from"), name(&s.agency)?)
        } else {
            String::new()
        };
        parts.push(format!("{} {} {}{from}{late}", tr("bước", "step"), s.seq, s.procedure_code));
    }
    let note = format!("{}: {}", tr("có kết quả", "result"), parts.join("; "));
    // The agency the results came from, when they all came from one.
    let agency = if from_elsewhere { chosen[0].agency.clone() } else { String::new() };
    if all_ready(&steps) {
        let judge_as = if from_elsewhere { me_role.max_for_results() } else { me_role };
        Ok(ReadyMove::Proceed { judge_as, note, agency })
    } else {
        Ok(ReadyMove::StepOnly { note, agency })
    }
}

trait ResultRole {
    fn max_for_results(self) -> Role;
}

impl ResultRole for Role {
    /// A result another agency decided is recorded at the counter: a clerk does it as a handler would.
    fn max_for_results(self) -> Role {
        if self == Role::Clerk {
            Role::Handler
        } else {
            self
        }
    }
}

/// The citizen's way of collecting the result, confirmed at return: a line on the control
/// sheet when the clerk says how it was handed over (the wish from intake stands otherwise).
pub(crate) fn confirm_delivery(tx: &Transaction, dossier_id: i64, delivery: Option<Delivery>) -> Result<String> {
    let Some(d) = delivery else { return Ok(String::new()) };
    tx.execute("UPDATE dossiers SET result_delivery = ?1 WHERE id = ?2", params![d.as_str(), dossier_id])?;
    Ok(format!("{}: {}", tr("trả", "delivered"), d.label_vi()))
}

/// motcua's rules over the handing-on columns (for `motcua check`).
pub(crate) fn invariant_problems(conn: &Connection) -> Result<Vec<String>> {
    let checks: &[(&str, &str)] = &[
        (
            "bundled dossiers resolved as ready with a step still open",
            "SELECT count(*) FROM dossiers d WHERE d.status IN ('ready', 'returned')
               AND EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.status <> 'ready')",
        ),
        (
            "certification numbers taken twice",
            "SELECT count(*) FROM dossiers a JOIN dossiers b ON a.cert_book = b.cert_book AND a.cert_year = b.cert_year
               AND a.id < b.id AND a.cert_first <= b.cert_first + b.cert_count - 1 AND b.cert_first <= a.cert_first + a.cert_count - 1
             WHERE a.cert_book <> '' AND b.cert_book <> ''",
        ),
        (
            "certification numbers beyond their book's last number",
            "SELECT count(*) FROM dossiers d JOIN cert_seq s ON s.book = d.cert_book AND s.year = d.cert_year
             WHERE d.cert_first + d.cert_count - 1 > s.last",
        ),
    ];
    let mut out = Vec::new();
    for (what, sql) in checks {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        if n > 0 {
            out.push(format!("{n} {what}"));
        }
    }
    Ok(out)
}

impl Store {
    pub fn agencies(&self) -> Result<Vec<Agency>> {
        agencies_in(self.conn())
    }

    /// Adds or renames handling agencies (office head only).
    pub fn put_agencies(&mut self, actor: &str, list: &[Agency]) -> Result<()> {
        self.write(|tx| {
            head_in(tx, actor, "sửa danh sách cơ quan / edit the agencies")?;
            for a in list {
                let code = super::dossiers::line_in("mã cơ quan / agency code", &a.code, 40)?;
                let name = super::dossiers::line_in("tên cơ quan / agency name", &a.name, NAME_MAX)?;
                if code.is_empty() || code.chars().any(|c| c.is_whitespace()) || name.is_empty() {
                    return Err(invalid(format!(
                        "«{}» «{}»: {}",
                        a.code,
                        a.name,
                        tr("mã (không dấu cách) và tên là bắt buộc", "a code (no spaces) and a name are required")
                    )));
                }
                tx.execute(
                    "INSERT INTO agencies(code, name) VALUES (?1, ?2) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
                    params![code, name],
                )?;
            }
            Ok(())
        })
    }

    pub fn procedure_links(&self, code: &str) -> Result<Links> {
        links_in(self.conn(), code)
    }

    /// Sets what the catalogue says about handing procedures on (head only), in one transaction.
    pub fn set_procedure_links(&mut self, actor: &str, list: &[(String, Links)]) -> Result<()> {
        self.write(|tx| {
            head_in(tx, actor, "sửa danh mục thủ tục / edit the procedure catalogue")?;
            for (code, links) in list {
                put_links(tx, code, links)?;
            }
            Ok(())
        })
    }

    /// The catalogue import (see Store::import_catalogue) with the handing-on columns, in one
    /// transaction: Ok(Err(problems)) names the rows that cannot go in, and nothing changed.
    #[allow(clippy::type_complexity)]
    pub fn import_catalogue_linked(
        &mut self,
        actor: &str,
        rows: &[CatalogueRow],
        links: &[(String, Links)],
    ) -> Result<Result<(usize, usize), Vec<(usize, CatalogueProblem)>>> {
        let mut problems = crate::domain::catalogue::duplicate_codes(rows);
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let bundled: std::collections::HashSet<&str> =
            links.iter().filter(|(_, l)| !l.bundle.is_empty()).map(|(c, _)| c.as_str()).collect();
        self.write(|tx| {
            head_in(tx, actor, "sửa danh mục thủ tục / edit the procedure catalogue")?;
            let mut merged = Vec::with_capacity(rows.len());
            for r in rows {
                let existing = procedure_in(tx, &r.code)?;
                let p = if bundled.contains(r.code.as_str()) {
                    merge_bundle(r, existing.as_ref())
                } else {
                    crate::domain::catalogue::merge(r, existing.as_ref())
                };
                match p {
                    Ok(p) => merged.push(p),
                    Err(why) => problems.push((r.line, why)),
                }
            }
            if !problems.is_empty() {
                return Ok(Err(std::mem::take(&mut problems)));
            }
            let mut added = 0;
            for p in &merged {
                added += usize::from(super::catalog::upsert_procedure(tx, p)?);
            }
            for (code, l) in links {
                put_links(tx, code, l)?;
            }
            for p in merged.iter().filter(|p| p.active && bundled.contains(p.code.as_str())) {
                if !has_limit(tx, p)? {
                    return Err(invalid(format!("{}: {}", p.code, super::error::no_time_limit())));
                }
            }
            Ok(Ok((added, merged.len() - added)))
        })
    }

    pub fn handover(&self, dossier_id: i64) -> Result<Handover> {
        handover_in(self.conn(), dossier_id)
    }

    pub fn steps(&self, dossier_id: i64) -> Result<Vec<Step>> {
        steps_in(self.conn(), dossier_id)
    }

    /// Sets the intake flags after the fact (the papers were scanned later, the portal synced):
    /// a line on the control sheet, the status unchanged.
    pub fn set_intake_flags(
        &mut self,
        actor: &str,
        code: &str,
        digitized: Option<bool>,
        synced: Option<bool>,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(|tx| {
            let me = actor_in(tx, actor)?;
            let d = super::dossiers::load_for_change(tx, code, None)?;
            if me.role == Role::Handler && digitized.is_some() {
                return Err(Refusal::NotAllowed {
                    login: actor.into(),
                    what: "số hóa hồ sơ đầu vào / digitize intake papers",
                }
                .into());
            }
            tx.execute(
                "UPDATE dossiers SET intake_digitized = coalesce(?1, intake_digitized), synced = coalesce(?2, synced)
                 WHERE id = ?3",
                params![digitized, synced, d.id],
            )?;
            super::dossiers::save_changes(tx, &d, d.version, actor, now)?;
            let yes_no = |b: bool| if b { tr("có", "yes") } else { tr("không", "no") };
            let mut what = Vec::new();
            if let Some(b) = digitized {
                what.push(format!("{}: {}", tr("số hóa hồ sơ đầu vào", "intake digitized"), yes_no(b)));
            }
            if let Some(b) = synced {
                what.push(format!("{}: {}", tr("đồng bộ Cổng DVCQG", "synced to the national portal"), yes_no(b)));
            }
            let mut event = Event::new(EventKind::Move, now, actor, Some(d.status), d.status);
            event.note = what.join("; ");
            super::dossiers::record_event(tx, d.id, &d.code, &event)?;
            Ok(())
        })
    }

    /// Sends an in-progress dossier (or, for a bundle, its steps of that agency) to another
    /// handling agency: when and to whom, on the control sheet.
    pub fn send_dossier(
        &mut self,
        actor: &str,
        code: &str,
        seen_version: Option<i64>,
        agency: &str,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<crate::domain::dossier::Dossier> {
        let note = super::dossiers::text_in("ghi chú / note", note, NOTE_MAX, true)?;
        let id = self.write(|tx| {
            let me = actor_in(tx, actor)?;
            let d = super::dossiers::load_for_change(tx, code, seen_version)?;
            // A dossier received for another office goes to that office: `--to` may name it or
            // be left out.
            let received_for = handover_in(tx, d.id)?.received_for;
            let forward = !received_for.is_empty() && (agency.trim().is_empty() || clean(agency) == received_for);
            let a = match agency_in(tx, agency)? {
                _ if forward => Agency { code: received_for.clone(), name: received_for.clone() },
                Some(a) => a,
                None => return Err(invalid(unknown_agency(agency, &agencies_in(tx)?))),
            };
            if me.role == Role::Handler && !d.assignee.is_empty() && d.assignee != me.login {
                return Err(Refusal::NotAllowed {
                    login: actor.into(),
                    what: "gửi hồ sơ của người khác / send a dossier assigned to someone else",
                }
                .into());
            }
            if d.status != Status::InProgress {
                let why = match d.status {
                    Status::Received => tr(
                        "chưa chuyển xử lý (chuyển sang Đang xử lý trước)",
                        "not in progress yet (move it to in_progress first)",
                    ),
                    Status::Supplement => tr("đang chờ công dân bổ sung", "waiting for the citizen's supplement"),
                    _ => tr("đã kết thúc", "already closed"),
                };
                return Err(invalid(format!(
                    "{}: {} — {}",
                    d.code,
                    tr("không gửi được", "cannot be sent"),
                    format_args!("{} ({why})", crate::store::error::status_label(d.status))
                )));
            }
            let steps = steps_in(tx, d.id)?;
            let mut what = String::new();
            if steps.is_empty() {
                let h = handover_in(tx, d.id)?;
                if h.sent_at.is_some() {
                    return Err(invalid(format!("{}: {} {}", d.code, tr("đã gửi", "already sent to"), h.agency)));
                }
                set_sent(tx, d.id, &a.code, now)?;
            } else {
                let mine: Vec<&Step> =
                    steps.iter().filter(|s| s.agency == a.code && s.status == StepStatus::Pending).collect();
                if mine.is_empty() {
                    let list: Vec<String> = steps
                        .iter()
                        .filter(|s| s.status == StepStatus::Pending && !s.agency.is_empty())
                        .map(|s| format!("{} {} → {}", s.seq, s.procedure_code, s.agency))
                        .collect();
                    return Err(invalid(format!(
                        "{}: {} {}; {}: {}",
                        d.code,
                        tr("không có bước nào chờ gửi", "no step waits to go to"),
                        a.code,
                        tr("bước chờ gửi", "steps waiting"),
                        if list.is_empty() { "—".into() } else { list.join(", ") }
                    )));
                }
                for s in &mine {
                    tx.execute(
                        "UPDATE dossier_steps SET status = 'sent', sent_at = ?1 WHERE dossier_id = ?2 AND seq = ?3",
                        params![ts(now), d.id, s.seq],
                    )?;
                }
                what = mine.iter().map(|s| format!(" {} {}", tr("bước", "step"), s.seq)).collect::<String>();
                let steps = steps_in(tx, d.id)?;
                set_bundle_out(tx, d.id, &steps)?;
            }
            super::dossiers::save_changes(tx, &d, d.version, actor, now)?;
            let mut event = Event::new(EventKind::Send, now, actor, Some(d.status), d.status);
            event.agency = a.code.clone();
            event.note = format!(
                "{}{what} {}{}",
                tr("gửi", "sent"),
                a.name,
                if note.is_empty() { String::new() } else { format!(": {note}") }
            );
            super::dossiers::record_event(tx, d.id, &d.code, &event)?;
            Ok(d.id)
        })?;
        super::dossiers::by_id(self.conn(), id)
    }

    /// Dossiers received in the period for another office ("phi địa giới"), in received order.
    pub fn received_for_others(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(crate::domain::dossier::Dossier, Handover)>> {
        let mut stmt = self.conn().prepare(
            "SELECT id FROM dossiers WHERE received_for <> '' AND received_at >= ?1 AND received_at < ?2
             ORDER BY received_at, code",
        )?;
        let end = to.succ_opt().unwrap_or(to);
        let ids: Vec<i64> = stmt.query_map([day(from), day(end)], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| Ok((super::dossiers::by_id(self.conn(), id)?, handover_in(self.conn(), id)?)))
            .collect()
    }

    /// The year's certification book for a period: every dossier that took numbers in it.
    pub fn cert_book(
        &self,
        book: Book,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(CertNumbers, String, String, NaiveDateTime)>> {
        let mut stmt = self.conn().prepare(
            "SELECT cert_year, cert_first, cert_count, code, applicant_name, received_at FROM dossiers
             WHERE cert_book = ?1 AND received_at >= ?2 AND received_at < ?3 ORDER BY cert_year, cert_first",
        )?;
        let end = to.succ_opt().unwrap_or(to);
        let rows = stmt.query_map(params![book.as_str(), day(from), day(end)], |r| {
            Ok((
                CertNumbers {
                    book,
                    year: r.get::<_, i64>(0)? as i32,
                    first: r.get::<_, i64>(1)? as u32,
                    count: r.get::<_, i64>(2)? as u32,
                },
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                parse_ts(&r.get::<_, String>(5)?).unwrap_or_default(),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
