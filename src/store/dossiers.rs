//! Dossiers and their control sheet: intake, status moves, assignment, apology, import.
//! Every change is one transaction that checks the version it read.

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::catalog::{actor_in, calendar_in, head_in, procedure_in, Staff};
use super::handover::{ImportHandover, ReadyMove, ResultBack};
use super::{audit, day, parse_ts, ts, Refusal, Store};
use crate::domain::calendar::Calendar;
use crate::domain::clock::{appointment, clock_at, days_left_at_pause, limit_to_text, Clock};
use crate::domain::code::dossier_code;
use crate::domain::dossier::{
    plausible_due, Apology, Channel, Dossier, Event, EventKind, Paper, Pause, Procedure, ResumeRule, Satisfaction,
};
use crate::domain::handover::{Delivery, IntakeExtra};
use crate::domain::status::{check_move, Role, Status};
use crate::domain::text::{checked_line, fold, free_text, ADDRESS_MAX, NOTE_MAX};
use crate::domain::validate::{check_name, check_personal_id, check_phone, Problem};

/// What the clerk typed at the counter.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDossier {
    pub procedure_code: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub phone: String,
    /// '' when not given.
    pub email: String,
    pub address: String,
    pub channel: Channel,
    pub papers: Vec<Paper>,
    /// None: the procedure's fee.
    pub fee_vnd: Option<i64>,
    pub paid_online: bool,
    pub note: String,
    /// Number of sets (bộ) handed in; 0 counts as 1.
    pub sets: u32,
}

/// What comes with a move: the reason or note, and for some moves the citizen's answer on
/// return or whether the result was digitized.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MoveExtra {
    pub note: String,
    pub satisfaction: Option<Satisfaction>,
    pub result_digitized: Option<bool>,
    /// At return: how the citizen collected the result (None: as chosen at intake).
    pub delivery: Option<Delivery>,
    /// At `ready`: which step's result came, or from which agency.
    pub result_back: ResultBack,
}

/// One line of the logbook (Mẫu 06), already parsed; see cli/logbook.rs for the CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: usize,
    pub code: Option<String>,
    pub procedure_code: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub phone: String,
    pub address: String,
    pub channel: Channel,
    pub received_at: NaiveDateTime,
    pub due_date: Option<NaiveDate>,
    pub resolved_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    pub status: Status,
    pub fee_vnd: Option<i64>,
    pub paid_online: bool,
    pub result_digitized: bool,
    pub assignee: String,
    pub note: String,
    /// The logbook's handing-on columns (empty for a 17-column logbook).
    pub handover: ImportHandover,
}

/// Every column of a dossier, its procedure's name, and its papers in full (`papers_json`).
static SELECT_DOSSIER: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT d.*, p.name AS procedure_name, {} AS papers_json FROM dossiers d \
         JOIN procedures p ON p.code = d.procedure_code",
        super::paper_names::PAPERS_JSON
    )
});

fn opt_ts(r: &Row, col: &str) -> rusqlite::Result<Option<NaiveDateTime>> {
    Ok(r.get::<_, Option<String>>(col)?.and_then(|s| parse_ts(&s)))
}

fn date_col(r: &Row, col: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&r.get::<_, String>(col)?, "%Y-%m-%d")
        .map_err(|_| rusqlite::Error::InvalidColumnName(col.to_string()))
}

fn dossier_from_row(r: &Row) -> rusqlite::Result<Dossier> {
    let bad = |col: &str| rusqlite::Error::InvalidColumnName(col.to_string());
    let papers: String = r.get("papers_json")?;
    let apology = match (opt_ts(r, "apology_at")?, opt_ts(r, "apology_appointment")?) {
        (Some(at), Some(new_appointment)) => Some(Apology { at, new_appointment, reason: r.get("apology_reason")? }),
        _ => None,
    };
    Ok(Dossier {
        id: r.get("id")?,
        code: r.get("code")?,
        procedure_code: r.get("procedure_code")?,
        procedure_name: r.get("procedure_name")?,
        field: r.get("field")?,
        applicant_name: r.get("applicant_name")?,
        applicant_id: r.get("applicant_id")?,
        phone: r.get("phone")?,
        email: r.get("email")?,
        address: r.get("address")?,
        channel: Channel::parse(&r.get::<_, String>("channel")?).ok_or_else(|| bad("channel"))?,
        papers: serde_json::from_str(&papers).unwrap_or_default(),
        received_at: opt_ts(r, "received_at")?.ok_or_else(|| bad("received_at"))?,
        due_at_intake: date_col(r, "due_at_intake")?,
        appointment_at_intake: opt_ts(r, "appointment_at_intake")?.ok_or_else(|| bad("appointment_at_intake"))?,
        due_date: date_col(r, "due_date")?,
        appointment_at: opt_ts(r, "appointment_at")?.ok_or_else(|| bad("appointment_at"))?,
        paused_days_left: r.get::<_, Option<i64>>("paused_days_left")?.map(|n| n.max(0) as u32),
        resolved_at: opt_ts(r, "resolved_at")?,
        returned_at: opt_ts(r, "returned_at")?,
        withdrawn_at: opt_ts(r, "withdrawn_at")?,
        apology,
        status: Status::parse(&r.get::<_, String>("status")?).ok_or_else(|| bad("status"))?,
        fee_vnd: r.get("fee_vnd")?,
        paid_online: r.get::<_, i64>("paid_online")? != 0,
        result_digitized: r.get::<_, i64>("result_digitized")? != 0,
        satisfaction: r.get::<_, Option<i64>>("satisfaction")?.and_then(Satisfaction::from_i64),
        assignee: r.get("assignee")?,
        note: r.get("note")?,
        version: r.get("version")?,
        updated_at: opt_ts(r, "updated_at")?.ok_or_else(|| bad("updated_at"))?,
        updated_by: r.get("updated_by")?,
        sets: r.get::<_, i64>("sets")?.clamp(1, 99) as u32,
        handover: super::handover::handover_from_row(r)?,
    })
}

fn by_code(conn: &Connection, code: &str) -> Result<Option<Dossier>> {
    let mut stmt = conn.prepare_cached(&format!("{} WHERE d.code = ?1", *SELECT_DOSSIER))?;
    Ok(stmt.query_row([code.trim()], dossier_from_row).optional()?)
}

/// The applicant's name, personal ID and phone as intake checks them (ID and phone optional),
/// for a dossier and for a refusal at intake alike.
pub(super) fn checked_applicant(nd: &NewDossier, today: NaiveDate) -> Result<(String, String, String)> {
    let name = check_name(&nd.applicant_name).map_err(|p| invalid("họ tên / name", p))?;
    let id_number = if nd.applicant_id.trim().is_empty() {
        String::new()
    } else {
        check_personal_id(&nd.applicant_id, today).map_err(|p| invalid("số định danh / ID", p))?.0
    };
    let phone = if nd.phone.trim().is_empty() {
        String::new()
    } else {
        check_phone(&nd.phone).map_err(|p| invalid("điện thoại / phone", p))?
    };
    Ok((name, id_number, phone))
}

pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Dossier> {
    let mut stmt = conn.prepare_cached(&format!("{} WHERE d.id = ?1", *SELECT_DOSSIER))?;
    Ok(stmt.query_row([id], dossier_from_row)?)
}

/// The next sequence number of `day`, taken inside the caller's write transaction so two
/// clerks saving at the same instant never get the same code.
fn next_seq(tx: &Transaction, d: NaiveDate) -> Result<u32> {
    let n: i64 = tx
        .prepare_cached(
            "INSERT INTO day_seq(day, last) VALUES (?1, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([day(d)], |r| r.get(0))?;
    Ok(n as u32)
}

fn agency_code(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = 'agency_code'", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "000.00.00.H00".to_string()))
}

/// Inserts event `e` of dossier `dossier_id` into the chain (see audit.rs) by its columns; the
/// event carries `seal`, its dossier's row as the event leaves it (None: the bulk loader's
/// events before a dossier's last). The dossier's code is not an event column: the seal covers
/// the dossier's row, code and all. `before` is the status the dossier's previous event left
/// (None: this is its first): see [`stored_from`].
pub(crate) fn insert_event(
    chain: &mut audit::Chain<'_>,
    dossier_id: i64,
    e: &Event,
    seal: Option<audit::Hash>,
    before: Option<Status>,
) -> Result<()> {
    fn text(s: &str) -> ValueRef<'_> {
        ValueRef::Text(s.as_bytes())
    }
    fn opt(v: &Option<String>) -> ValueRef<'_> {
        v.as_deref().map_or(ValueRef::Null, text)
    }
    let due_before = e.due_before.map(day);
    let due_after = e.due_after.map(day);
    let appointment_after = e.appointment_after.map(ts);
    chain.append_sealed(
        &[
            ("dossier_id", ValueRef::Integer(dossier_id)),
            ("at", ValueRef::Integer(super::event_at(e.at))),
            ("actor", text(&e.actor)),
            ("kind", text(e.kind.as_str())),
            ("from_status", stored_from(e.from, before).map_or(ValueRef::Null, text)),
            ("to_status", text(e.to.as_str())),
            ("due_before", opt(&due_before)),
            ("due_after", opt(&due_after)),
            ("appointment_after", opt(&appointment_after)),
            ("assignee_from", opt(&e.assignee_from)),
            ("assignee_to", opt(&e.assignee_to)),
            ("reason", text(&e.reason)),
            ("agency", text(&e.agency)),
            ("note", text(&e.note)),
        ],
        seal,
    )
}

/// An event's `from_status` as stored (issue 14, database size): nearly always the status the
/// dossier's previous event left, so that one is kept as NULL and read back from the previous
/// event (see [`read_from`]); an event with no status before it after other events (none that
/// motcua writes) as ''. The chain covers what is stored, and the status it stands for through
/// the previous event's `to_status`.
pub(crate) fn stored_from(from: Option<Status>, before: Option<Status>) -> Option<&'static str> {
    match from {
        _ if from == before => None,
        None => Some(""),
        Some(s) => Some(s.as_str()),
    }
}

/// The status before an event, from its stored `from_status` and the previous event's
/// `to_status` (None: the first event); see [`stored_from`].
pub(crate) fn read_from(stored: Option<&str>, before: Option<Status>) -> Option<Status> {
    match stored {
        None => before,
        Some(s) => Status::parse(s),
    }
}

/// Appends an event to the control sheet, chained to the one before it and sealing its
/// dossier's row as it is now (see audit.rs).
pub(crate) fn record_event(tx: &Transaction, dossier_id: i64, _code: &str, e: &Event) -> Result<()> {
    let mut chain = audit::Chain::begin(tx)?;
    let seal = chain.seal(dossier_id)?;
    let before: Option<String> = tx
        .prepare_cached("SELECT to_status FROM events WHERE dossier_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([dossier_id], |r| r.get(0))
        .optional()?;
    insert_event(&mut chain, dossier_id, e, Some(seal), before.as_deref().and_then(Status::parse))
}

/// Free text on its way into the file (see text::free_text), or the refusal naming the field.
pub(crate) fn text_in(what: &str, s: &str, max: usize, lines: bool) -> Result<String> {
    free_text(s, max, lines).map_err(|p| Refusal::Invalid(format!("{}: {p}", super::error::bilingual(what))).into())
}

/// A name or code on its way in (see text::checked_line).
pub(crate) fn line_in(what: &str, s: &str, max: usize) -> Result<String> {
    checked_line(s, max).map_err(|p| Refusal::Invalid(format!("{}: {p}", super::error::bilingual(what))).into())
}

pub(crate) fn pauses_in(conn: &Connection, dossier_id: i64) -> Result<Vec<Pause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_at, to_at, reason, remaining_days, restart_limit, due_after, day_kind FROM pauses WHERE dossier_id = ?1
         ORDER BY id",
    )?;
    let rows = stmt.query_map([dossier_id], |r| {
        Ok(Pause {
            from: parse_ts(&r.get::<_, String>(0)?).unwrap_or_default(),
            to: r.get::<_, Option<String>>(1)?.and_then(|s| parse_ts(&s)),
            reason: r.get(2)?,
            remaining_days: r.get::<_, i64>(3)?.max(0) as u32,
            day_kind: super::history::day_kind_of(r.get(6)?),
            restart: super::history::restart_of(r.get(4)?),
            resumed_due: r.get::<_, Option<String>>(5)?.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The dossier's clock from its records, and the derived columns set from it.
fn derive_clock(cal: &Calendar, d: &mut Dossier, pauses: &[Pause]) -> Clock {
    let clock = clock_at(cal, d.due_at_intake, pauses, None);
    d.due_date = clock.due;
    d.paused_days_left = clock.paused_days_left;
    d.appointment_at = appointment(d.appointment_at_intake, &clock, d.apology.as_ref());
    clock
}

/// The applicant's email: optional; a control character refuses it like any line, then its
/// shape and length are checked (validate::check_email).
pub(crate) fn email_in(s: &str) -> Result<String> {
    const WHAT: &str = "thư điện tử / email";
    let line = line_in(WHAT, s, crate::domain::validate::EMAIL_MAX_CHARS)?;
    if line.is_empty() {
        return Ok(line);
    }
    crate::domain::validate::check_email(&line).map_err(|p| invalid(WHAT, p))
}

fn invalid(what: &str, p: Problem) -> anyhow::Error {
    Refusal::Invalid(format!("{}: {}", super::error::bilingual(what), crate::i18n::problem_text(&p))).into()
}

fn active_procedure(conn: &Connection, code: &str) -> Result<Procedure> {
    let p = procedure_in(conn, code)?.ok_or_else(|| Refusal::NoSuchProcedure(code.to_string()))?;
    if !p.active || !super::handover::has_limit(conn, &p)? {
        return Err(Refusal::ProcedureInactive(code.to_string()).into());
    }
    // A limit typed before limits were checked (4000000000 days) would give a due date
    // centuries away: refused before anything is written.
    crate::domain::catalogue::check_limits(&p)
        .map_err(|why| Refusal::Invalid(super::error::catalogue_problem_text(&why)))?;
    Ok(p)
}

/// Writes the update only if nobody saved the dossier since `d` was read. The intake due date
/// and appointment are never written again.
pub(crate) fn save_changes(
    tx: &Transaction,
    d: &Dossier,
    expected_version: i64,
    actor: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let clock = Clock { due: d.due_date, paused_days_left: d.paused_days_left };
    let n = tx.execute(
        "UPDATE dossiers SET status = ?1, due_date = ?2, appointment_at = ?3, resolved_at = ?4, returned_at = ?5,
           withdrawn_at = ?6, apology_at = ?7, result_digitized = ?8, satisfaction = ?9, assignee = ?10,
           version = version + 1, updated_at = ?11, updated_by = ?12, apology_appointment = ?15,
           apology_reason = ?16, paused_days_left = ?17, sort_due = ?18
         WHERE id = ?13 AND version = ?14",
        params![
            d.status.as_str(),
            day(d.due_date),
            ts(d.appointment_at),
            d.resolved_at.map(ts),
            d.returned_at.map(ts),
            d.withdrawn_at.map(ts),
            d.apology.as_ref().map(|a| ts(a.at)),
            d.result_digitized,
            d.satisfaction.map(|s| s.as_i64()),
            d.assignee,
            ts(now),
            actor,
            d.id,
            expected_version,
            d.apology.as_ref().map(|a| ts(a.new_appointment)),
            d.apology.as_ref().map(|a| a.reason.as_str()).unwrap_or(""),
            d.paused_days_left,
            clock.sort_key(),
        ],
    )?;
    if n == 0 {
        return Err(stale(tx, d.id)?);
    }
    Ok(())
}

fn stale(conn: &Connection, id: i64) -> Result<anyhow::Error> {
    let now = by_id(conn, id)?;
    Ok(Refusal::Stale {
        code: now.code,
        by: now.updated_by,
        at: now.updated_at.format("%H:%M:%S %d/%m/%Y").to_string(),
        version: now.version,
    }
    .into())
}

/// Loads the dossier for a change and refuses if it moved on since the caller saw it.
pub(crate) fn load_for_change(tx: &Transaction, code: &str, seen_version: Option<i64>) -> Result<Dossier> {
    let d = by_code(tx, code)?.ok_or_else(|| Refusal::NoSuchDossier(code.to_string()))?;
    if let Some(v) = seen_version {
        if v != d.version {
            return Err(stale(tx, d.id)?);
        }
    }
    Ok(d)
}

/// A handler works the dossiers assigned to them (or nobody's yet); clerks and the head any.
fn may_touch(actor: &Staff, d: &Dossier) -> bool {
    actor.role != Role::Handler || d.assignee.is_empty() || d.assignee == actor.login
}

impl Store {
    /// Registers a dossier at the counter: validates, allocates the code, computes the due date,
    /// records the intake event — one transaction.
    pub fn add_dossier(&mut self, actor: &str, nd: &NewDossier, now: NaiveDateTime) -> Result<Dossier> {
        self.add_dossier_with(actor, nd, &IntakeExtra::default(), now)
    }

    /// The same, with what the clerk chose about handing on: the office it is received for,
    /// how the result is collected, the intake flags, the certified copies to number.
    pub fn add_dossier_with(
        &mut self,
        actor: &str,
        nd: &NewDossier,
        extra: &IntakeExtra,
        now: NaiveDateTime,
    ) -> Result<Dossier> {
        let (name, id_number, phone) = checked_applicant(nd, now.date())?;
        let email = email_in(&nd.email)?;
        if nd.sets > 99 {
            return Err(Refusal::Invalid(format!("{} > 99", super::error::bilingual("số bộ hồ sơ / sets"))).into());
        }
        let address = text_in("địa chỉ / address", &nd.address, ADDRESS_MAX, false)?;
        let note = text_in("ghi chú / note", &nd.note, NOTE_MAX, true)?;
        if nd.fee_vnd.is_some_and(|f| f < 0) {
            return Err(Refusal::Invalid("lệ phí / fee < 0".into()).into());
        }
        self.write(|tx| {
            let me = actor_in(tx, actor)?;
            if me.role == Role::Handler {
                return Err(Refusal::NotAllowed { login: actor.into(), what: "tiếp nhận / intake" }.into());
            }
            let p = active_procedure(tx, &nd.procedure_code)?;
            let cal = calendar_in(tx)?;
            // A bundle's due date comes from its steps (see handover.rs).
            let plan = super::handover::plan_intake(tx, &p, &cal, now)?;
            let due = plan.due;
            if !plausible_due(now.date(), due.due_date) {
                let what = crate::i18n::tr("hạn giải quyết", "the due date");
                return Err(Refusal::Invalid(super::error::date_out_of_range(what, due.due_date)).into());
            }
            let seq = next_seq(tx, now.date())?;
            let code = dossier_code(&agency_code(tx)?, now.date(), seq);
            tx.prepare_cached(
                "INSERT INTO dossiers(code, procedure_code, field, applicant_name, name_key, applicant_id, phone, address,
                   channel, papers, received_at, due_date, appointment_at, status, fee_vnd, paid_online, note,
                   updated_at, updated_by, due_at_intake, appointment_at_intake, sort_due)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'received', ?14, ?15, ?16, ?11, ?17,
                   ?12, ?13, ?12)",
            )?
            .execute(params![
                code,
                p.code,
                p.field,
                name,
                fold(&name),
                id_number,
                phone,
                address,
                nd.channel.as_str(),
                super::paper_names::compact(tx, &mut Default::default(), &nd.papers)?,
                ts(now),
                day(due.due_date),
                ts(due.appointment),
                nd.fee_vnd.or(p.fee_vnd).unwrap_or(0),
                nd.paid_online,
                note,
                actor,
            ])?;
            let id = tx.last_insert_rowid();
            // The number of sets handed in stays as given (issue 13).
            tx.prepare_cached("UPDATE dossiers SET sets = ?1, email = ?2 WHERE id = ?3")?
                .execute(params![nd.sets.clamp(1, 99), email, id])?;
            super::handover::record_intake(tx, id, &plan, extra, nd.channel, now)?;
            record_event(tx, id, &code, &Event::new(EventKind::Intake, now, actor, None, Status::Received))?;
            // Read back inside the transaction: a row that cannot be read is not committed.
            by_id(tx, id)
        })
    }

    pub fn dossier(&self, code: &str) -> Result<Option<Dossier>> {
        by_code(self.conn(), code)
    }

    /// The control sheet: every event, oldest first.
    pub fn events(&self, dossier_id: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, actor, kind, from_status, to_status, due_before, due_after, appointment_after, assignee_from,
               assignee_to, reason, agency, note FROM events WHERE dossier_id = ?1 ORDER BY id",
        )?;
        let date = |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        let mut before = None;
        let rows = stmt.query_map([dossier_id], |r| {
            let from = read_from(r.get::<_, Option<String>>(3)?.as_deref(), before);
            let to = Status::parse(&r.get::<_, String>(4)?).unwrap_or(Status::Received);
            before = Some(to);
            Ok(Event {
                at: super::from_event_at(r.get(0)?).unwrap_or_default(),
                actor: r.get(1)?,
                kind: EventKind::parse(&r.get::<_, String>(2)?).unwrap_or(EventKind::Move),
                from,
                to,
                due_before: date(r.get(5)?),
                due_after: date(r.get(6)?),
                appointment_after: r.get::<_, Option<String>>(7)?.and_then(|s| parse_ts(&s)),
                assignee_from: r.get(8)?,
                assignee_to: r.get(9)?,
                reason: r.get(10)?,
                agency: r.get(11)?,
                note: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every pause of the dossier, in the order they started.
    pub fn pauses(&self, dossier_id: i64) -> Result<Vec<Pause>> {
        pauses_in(self.conn(), dossier_id)
    }

    /// Moves a dossier to another status, as `actor`, if the status machine and their role allow,
    /// and nobody changed it since they saw `seen_version` (None: no check, for scripts).
    pub fn move_dossier(
        &mut self,
        actor: &str,
        code: &str,
        seen_version: Option<i64>,
        to: Status,
        extra: &MoveExtra,
        now: NaiveDateTime,
    ) -> Result<Dossier> {
        let note = text_in("ghi chú / note", &extra.note, NOTE_MAX, false)?;
        self.write(|tx| {
            let me = actor_in(tx, actor)?;
            let mut d = load_for_change(tx, code, seen_version)?;
            let version = d.version;
            // A result another agency sent back, or one step of a bundle (see handover.rs).
            let mut note = note.clone();
            let mut judge_as = me.role;
            let mut from_agency = String::new();
            if to == Status::Ready && d.status == Status::InProgress {
                match super::handover::before_ready(tx, actor, me.role, d.id, &extra.result_back, now)? {
                    ReadyMove::Proceed { judge_as: role, note: what, agency } => {
                        judge_as = role;
                        from_agency = agency;
                        if !what.is_empty() {
                            note = if note.is_empty() { what } else { format!("{what}: {note}") };
                        }
                    }
                    ReadyMove::StepOnly { note: what, agency } => {
                        if !may_touch(&me, &d) && me.role == Role::Handler {
                            return Err(Refusal::NotAllowed {
                                login: actor.into(),
                                what: "xử lý hồ sơ của người khác / work on a dossier assigned to someone else",
                            }
                            .into());
                        }
                        let kind = if agency.is_empty() { EventKind::Move } else { EventKind::Receive };
                        let mut event = Event::new(kind, now, actor, Some(d.status), d.status);
                        event.agency = agency;
                        event.note = if note.is_empty() { what } else { format!("{what}: {note}") };
                        save_changes(tx, &d, version, actor, now)?;
                        record_event(tx, d.id, &d.code, &event)?;
                        return by_id(tx, d.id);
                    }
                }
            }
            if to == Status::Returned && d.status == Status::Ready {
                let what = super::handover::confirm_delivery(tx, d.id, extra.delivery)?;
                if !what.is_empty() {
                    note = if note.is_empty() { what } else { format!("{what}: {note}") };
                }
            }
            check_move(judge_as, d.status, to, &note).map_err(|why| Refusal::Move { code: d.code.clone(), why })?;
            if !may_touch(&me, &d) {
                return Err(Refusal::NotAllowed {
                    login: actor.into(),
                    what: "xử lý hồ sơ của người khác / work on a dossier assigned to someone else",
                }
                .into());
            }
            let from = d.status;
            let cal = calendar_in(tx)?;
            let kind = if from_agency.is_empty() { EventKind::of_move(from, to) } else { EventKind::Receive };
            let mut event = Event::new(kind, now, actor, Some(from), to);
            event.agency = from_agency;
            // The words a move needs (supplement, rejection, withdrawal) are its reason.
            if crate::domain::status::transition(from, to).is_some_and(|t| t.needs_reason) {
                event.reason = note.clone();
            } else {
                event.note = note.clone();
            }
            match to {
                Status::Supplement => {
                    event.due_before = Some(d.due_date);
                    pause_clock(tx, &cal, &mut d, &note, now)?;
                }
                Status::InProgress if from == Status::Supplement => {
                    event.due_before = Some(d.due_date);
                    resume_clock(tx, &cal, &mut d, now)?;
                    event.due_after = Some(d.due_date);
                }
                Status::Ready | Status::Rejected => {
                    d.resolved_at = Some(now);
                    if let Some(dig) = extra.result_digitized {
                        d.result_digitized = dig;
                    }
                }
                Status::Returned => {
                    d.returned_at = Some(now);
                    d.satisfaction = extra.satisfaction;
                }
                Status::Withdrawn => d.withdrawn_at = Some(now),
                _ => {}
            }
            if to == Status::InProgress && d.assignee.is_empty() && me.role == Role::Handler {
                d.assignee = me.login.clone();
            }
            d.status = to;
            save_changes(tx, &d, version, actor, now)?;
            record_event(tx, d.id, &d.code, &event)?;
            by_id(tx, d.id)
        })
    }

    /// Gives a dossier to a handler. A clerk or the head assigns a new dossier; only the head
    /// takes one away from someone; a handler may take an unassigned one for themselves.
    pub fn assign(
        &mut self,
        actor: &str,
        code: &str,
        seen_version: Option<i64>,
        assignee: &str,
        now: NaiveDateTime,
    ) -> Result<Dossier> {
        self.write(|tx| {
            let me = actor_in(tx, actor)?;
            let mut d = load_for_change(tx, code, seen_version)?;
            let version = d.version;
            let target = actor_in(tx, assignee)?;
            if !d.status.is_pending() {
                return Err(Refusal::Closed(d.code.clone()).into());
            }
            let allowed = match me.role {
                Role::Head => true,
                Role::Clerk => d.assignee.is_empty(),
                Role::Handler => d.assignee.is_empty() && target.login == me.login,
            };
            if !allowed {
                return Err(Refusal::NotAllowed { login: actor.into(), what: "giao lại hồ sơ / reassign" }.into());
            }
            let event = Event {
                assignee_from: Some(d.assignee.clone()),
                assignee_to: Some(target.login.clone()),
                ..Event::new(EventKind::Assign, now, actor, Some(d.status), d.status)
            };
            d.assignee = target.login;
            save_changes(tx, &d, version, actor, now)?;
            record_event(tx, d.id, &d.code, &event)?;
            by_id(tx, d.id)
        })
    }

    /// The office head reminds the handler of a pending dossier (end-of-day review): a line on
    /// the control sheet, the status unchanged.
    pub fn remind(
        &mut self,
        actor: &str,
        code: &str,
        seen_version: Option<i64>,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<Dossier> {
        let note = text_in("ghi chú / note", note, NOTE_MAX, false)?;
        self.write(|tx| {
            super::catalog::head_in(tx, actor, "nhắc xử lý / remind")?;
            let d = load_for_change(tx, code, seen_version)?;
            if !d.status.is_pending() {
                return Err(Refusal::Closed(d.code.clone()).into());
            }
            save_changes(tx, &d, d.version, actor, now)?;
            let event = Event { note, ..Event::new(EventKind::Remind, now, actor, Some(d.status), d.status) };
            record_event(tx, d.id, &d.code, &event)?;
            by_id(tx, d.id)
        })
    }

    /// The apology letter (Mẫu 04): once per dossier, with a new appointment after the due date.
    /// The due date stays: a dossier resolved after it is late even with an apology (DOMAIN §2).
    pub fn apologize(
        &mut self,
        actor: &str,
        code: &str,
        seen_version: Option<i64>,
        new_appointment: NaiveDateTime,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<Dossier> {
        let reason = text_in("lý do / reason", reason, NOTE_MAX, false)?;
        self.write(|tx| {
            let me = actor_in(tx, actor)?;
            let mut d = load_for_change(tx, code, seen_version)?;
            let version = d.version;
            // The letter comes from whoever is late with the result (Decree 61 Art. 19(9)): the
            // handler of the dossier, or the head.
            if me.role == Role::Clerk || !may_touch(&me, &d) {
                return Err(Refusal::NotAllowed {
                    login: actor.into(), what: "gửi thư xin lỗi / send an apology"
                }
                .into());
            }
            if d.apology.is_some() {
                return Err(Refusal::ApologyTwice(d.code).into());
            }
            if !d.status.is_pending() {
                return Err(Refusal::Closed(d.code.clone()).into());
            }
            if reason.is_empty() {
                return Err(Refusal::Invalid(
                    crate::i18n::tr("cần ghi lý do chậm", "a reason for the delay is required").into(),
                )
                .into());
            }
            if new_appointment.date() <= d.due_date {
                return Err(Refusal::ApologyTooLate(d.code).into());
            }
            if !plausible_due(d.received_at.date(), new_appointment.date()) {
                return Err(Refusal::Invalid(super::error::date_out_of_range(
                    crate::i18n::tr("ngày hẹn mới", "the new appointment"),
                    new_appointment.date(),
                ))
                .into());
            }
            d.apology = Some(Apology { at: now, new_appointment, reason: reason.clone() });
            let pauses = pauses_in(tx, d.id)?;
            derive_clock(&calendar_in(tx)?, &mut d, &pauses);
            save_changes(tx, &d, version, actor, now)?;
            let event = Event {
                appointment_after: Some(new_appointment),
                reason,
                ..Event::new(EventKind::Apology, now, actor, Some(d.status), d.status)
            };
            record_event(tx, d.id, &d.code, &event)?;
            by_id(tx, d.id)
        })
    }

    /// Imports logbook rows (the caller has already refused bad lines). Everything a line can be
    /// refused for is checked first, without writing; the rows then go in in short batches of
    /// about [`super::batch::BATCH_TIME`], each its own transaction, so clerks keep working during
    /// a long import. Each batch does what the per-row triggers would (report counters, name
    /// words, pause seals) once before it commits, as the demo's bulk load does (store/bulk.rs);
    /// into a database without dossiers, a big import also builds the name, phone and ID
    /// indexes once at the end. Returns the codes, in order.
    pub fn import_dossiers(&mut self, actor: &str, rows: &[ImportRow], now: NaiveDateTime) -> Result<Vec<String>> {
        // Imported rows bypass the status machine, so only the head brings in an old logbook.
        head_in(self.conn(), actor, "nhập sổ theo dõi / import the logbook")?;
        let cal = calendar_in(self.conn())?;
        let clean = self.import_checked(rows, &cal)?;
        if clean.is_empty() {
            return Ok(Vec::new());
        }
        let agency = agency_code(self.conn())?;
        let mut codes = Vec::with_capacity(rows.len());
        let mut run = ImportRun {
            cal: &cal,
            agency: &agency,
            actor,
            now,
            procs: ImportProcedures::default(),
            insert_sql: std::collections::HashMap::new(),
            closing: std::time::Duration::ZERO,
        };
        let done = self.bulk_session(clean.len() >= DEFER_INDEXES_FROM, |conn| {
            let mut done = 0;
            while done < clean.len() {
                match run.batch(conn, &clean[done..], &mut codes) {
                    Ok(n) => done += n,
                    Err(error) => return Ok(Err(super::batch::Partial { done, error })),
                }
                // Let the clerks waiting to write in before the next batch takes the lock.
                if done < clean.len() {
                    super::batch::let_writers_in(conn);
                }
            }
            Ok(Ok(done))
        })?;
        match done {
            Ok(_) => Ok(codes),
            Err(p) if p.done == 0 => Err(p.error),
            Err(p) => Err(p.error.context(format!(
                "{} {} {}",
                crate::i18n::tr("đã nhập", "imported"),
                p.done,
                crate::i18n::tr(
                    "dòng đầu trước khi dừng — nhập lại các dòng còn lại",
                    "first lines before it stopped — import the remaining lines again"
                )
            ))),
        }
    }

    /// Whether a dossier with this code is in the file (an import's check of every line).
    pub fn has_dossier(&self, code: &str) -> Result<bool> {
        let mut stmt = self.conn().prepare_cached("SELECT 1 FROM dossiers WHERE code = ?1")?;
        Ok(stmt.query_row([code.trim()], |_| Ok(())).optional()?.is_some())
    }

    /// The rows cleaned as typed text is, and every refusal a line can meet found before
    /// anything is written: unknown procedure, no due date, a code already there or twice, a
    /// handing-on column with a control character.
    fn import_checked(&self, rows: &[ImportRow], cal: &Calendar) -> Result<Vec<ImportRow>> {
        let conn = self.conn();
        let mut seen = std::collections::HashSet::new();
        let mut procs = ImportProcedures::default();
        procs.refresh(conn)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let at = |m: &str| Refusal::Invalid(format!("line {}: {m}", r.line));
            // Names and codes with a control character in them refused, free text stripped of them.
            let in_line = |e: anyhow::Error| at(&e.to_string());
            let handover = ImportHandover {
                agency: line_in("handling_agency", &r.handover.agency, crate::domain::text::NAME_MAX)
                    .map_err(in_line)?,
                received_for: line_in("received_for", &r.handover.received_for, crate::domain::text::NAME_MAX)
                    .map_err(in_line)?,
                ..r.handover.clone()
            };
            let r = ImportRow {
                code: r.code.as_deref().map(|c| line_in("mã hồ sơ / code", c, 100)).transpose().map_err(in_line)?,
                applicant_name: check_name(&r.applicant_name).map_err(|p| in_line(invalid("họ tên / name", p)))?,
                address: text_in("địa chỉ / address", &r.address, ADDRESS_MAX, false).map_err(in_line)?,
                assignee: line_in("người xử lý / assignee", &r.assignee, 100).map_err(in_line)?,
                note: text_in("ghi chú / note", &r.note, NOTE_MAX, true).map_err(in_line)?,
                applicant_id: line_in("số định danh / ID", &r.applicant_id, 20).map_err(in_line)?,
                phone: line_in("điện thoại / phone", &r.phone, 20).map_err(in_line)?,
                handover,
                ..r.clone()
            };
            import_due_date(&mut procs, conn, cal, &r)?;
            if let Some(c) = &r.code {
                let there = conn
                    .prepare_cached("SELECT 1 FROM dossiers WHERE code = ?1")?
                    .query_row([c], |_| Ok(()))
                    .optional()?
                    .is_some();
                if there || !seen.insert(c.clone()) {
                    return Err(at(&format!("code {c} already exists")).into());
                }
            }
            out.push(r);
        }
        Ok(out)
    }

    /// Calls `f` with every dossier received between the two days (both included), in
    /// received order then code: the logbook's order.
    pub fn each_dossier_received(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut f: impl FnMut(&Dossier) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(&format!(
            "{} WHERE d.received_at >= ?1 AND d.received_at < ?2 ORDER BY d.received_at, d.code",
            *SELECT_DOSSIER
        ))?;
        let end = to.succ_opt().unwrap_or(to);
        let mut rows = stmt.query([day(from), day(end)])?;
        while let Some(r) = rows.next()? {
            f(&dossier_from_row(r)?)?;
        }
        Ok(())
    }

    /// The last sequence number used on each day (for bulk loads that number their own codes).
    pub fn day_sequences(&self) -> Result<std::collections::HashMap<NaiveDate, u32>> {
        let mut stmt = self.conn().prepare("SELECT day, last FROM day_seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (d, last) = row?;
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                out.insert(d, last.max(0) as u32);
            }
        }
        Ok(out)
    }

    /// Saves a clerk's half-filled intake form (replacing the previous one).
    pub fn put_draft(&mut self, login: &str, body: &str, now: NaiveDateTime) -> Result<()> {
        self.write(|tx| {
            actor_in(tx, login)?;
            tx.execute(
                "INSERT INTO drafts(login, updated_at, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT(login) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
                params![login, ts(now), body],
            )?;
            Ok(())
        })
    }

    pub fn draft(&self, login: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT body FROM drafts WHERE login = ?1", [login], |r| r.get(0)).optional()?)
    }

    pub fn delete_draft(&mut self, login: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE login = ?1", [login])?;
            Ok(())
        })
    }
}

/// A supplement asked during processing: the pause is recorded with the working days left on
/// the clock (0 when it starts after the due date, which it then cannot erase) and, under the
/// procedure's "restart" rule, the limit that will count again.
fn pause_clock(tx: &Transaction, cal: &Calendar, d: &mut Dossier, reason: &str, now: NaiveDateTime) -> Result<()> {
    let p = procedure_in(tx, &d.procedure_code)?;
    // A limit written in days keeps its days left in days (DOMAIN §2 Calendar days).
    let kind = p.as_ref().map(|p| p.day_kind).unwrap_or_default();
    let remaining = days_left_at_pause(cal, now.date(), d.due_date, kind);
    let restart = p.filter(|p| p.resume == ResumeRule::Restart).and_then(|p| p.time_limit());
    tx.execute(
        "INSERT INTO pauses(dossier_id, from_at, reason, remaining_days, restart_limit, day_kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![d.id, ts(now), reason, remaining, restart.map(limit_to_text), kind.as_str()],
    )?;
    let pauses = pauses_in(tx, d.id)?;
    derive_clock(cal, d, &pauses);
    Ok(())
}

/// When a supplement arrives the pause ends; the clock goes on as clock.rs derives it, and the
/// due date that gives is recorded with the pause (what the citizen is told, kept as given).
fn resume_clock(tx: &Transaction, cal: &Calendar, d: &mut Dossier, now: NaiveDateTime) -> Result<()> {
    tx.execute("UPDATE pauses SET to_at = ?1 WHERE dossier_id = ?2 AND to_at IS NULL", params![ts(now), d.id])?;
    let pauses = pauses_in(tx, d.id)?;
    derive_clock(cal, d, &pauses);
    tx.execute(
        "UPDATE pauses SET due_after = ?1 WHERE dossier_id = ?2 AND to_at = ?3 AND due_after IS NULL",
        params![day(d.due_date), d.id, ts(now)],
    )?;
    Ok(())
}

/// An import of at least this many rows into a database without dossiers drops the indexes
/// over random keys and builds them once at the end (store/bulk.rs); a smaller one keeps them.
const DEFER_INDEXES_FROM: usize = 5_000;

/// The procedures an import names, each read once — again after another writer changed the
/// catalogue between two batches (its seal changed, store/seals.rs): a row is written under the
/// procedure as it is then.
#[derive(Default)]
struct ImportProcedures {
    seal: Option<(i64, Vec<u8>)>,
    read: std::collections::HashMap<String, Option<std::rc::Rc<Procedure>>>,
}

impl ImportProcedures {
    /// Forgets what was read if the catalogue changed since (inside the batch's transaction).
    fn refresh(&mut self, conn: &Connection) -> Result<()> {
        let seal = conn
            .prepare_cached("SELECT rows, digest FROM seals WHERE tbl = 'procedures'")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if seal.is_none() || seal != self.seal {
            self.read.clear();
        }
        self.seal = seal;
        Ok(())
    }

    fn get(&mut self, conn: &Connection, code: &str) -> Result<Option<std::rc::Rc<Procedure>>> {
        if let Some(p) = self.read.get(code) {
            return Ok(p.clone());
        }
        let p = procedure_in(conn, code)?.map(std::rc::Rc::new);
        self.read.insert(code.to_string(), p.clone());
        Ok(p)
    }
}

/// The procedure and due date of an imported row, or the refusal of its line.
fn import_due_date(
    procs: &mut ImportProcedures,
    conn: &Connection,
    cal: &Calendar,
    r: &ImportRow,
) -> Result<(std::rc::Rc<Procedure>, NaiveDate)> {
    let at = |m: &str| Refusal::Invalid(format!("line {}: {m}", r.line));
    let p =
        procs.get(conn, &r.procedure_code)?.ok_or_else(|| at(&format!("unknown procedure {}", r.procedure_code)))?;
    let due_date = match (r.due_date, p.time_limit()) {
        (Some(d), _) => d,
        (None, Some(limit)) if crate::domain::catalogue::check_limits(&p).is_ok() => {
            cal.due(limit, r.received_at).due_date
        }
        (None, Some(_)) => return Err(at(&super::error::limit_out_of_range(&p.code)).into()),
        (None, None) => return Err(at("due_date is empty and the procedure has no time limit").into()),
    };
    if !plausible_due(r.received_at.date(), due_date) {
        return Err(at(&super::error::date_out_of_range("due_date", due_date)).into());
    }
    Ok((p, due_date))
}

/// What every batch of one import shares.
struct ImportRun<'a> {
    cal: &'a Calendar,
    agency: &'a str,
    actor: &'a str,
    now: NaiveDateTime,
    procs: ImportProcedures,
    /// The insert statement for each number of rows (`insert_sql`).
    insert_sql: std::collections::HashMap<usize, String>,
    /// How long the last batch's closing work took (the counters, name words and seals of its
    /// rows, the triggers back): the next batch's rows stop that much before
    /// [`super::batch::BATCH_TIME`], so the whole batch holds the lock about that long.
    closing: std::time::Duration,
}

impl ImportRun<'_> {
    /// One batch: one write transaction of about [`super::batch::BATCH_TIME`], from the first of
    /// `rows`, with one chain for all its events and the per-row triggers' work done once at its
    /// end (store/bulk.rs). Returns how many rows it wrote; their codes go to `codes` only once
    /// the batch has committed. On an error nothing of the batch stays.
    fn batch(&mut self, conn: &Connection, rows: &[ImportRow], codes: &mut Vec<String>) -> Result<usize> {
        let tx =
            Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate).map_err(Refusal::from_sqlite)?;
        let start = std::time::Instant::now();
        let rows_until = super::batch::BATCH_TIME.saturating_sub(self.closing);
        let pauses_before = super::bulk::suspend_row_triggers(&tx).map_err(Refusal::from_any)?;
        let mut chain = audit::Chain::begin(&tx).map_err(Refusal::from_any)?;
        self.procs.refresh(&tx).map_err(Refusal::from_any)?;
        let (mut ids, mut written) = (None, Vec::new());
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let (codes, first) = import_rows(&tx, &mut chain, self, chunk).map_err(Refusal::from_any)?;
            let last = first + codes.len() as i64 - 1;
            ids = Some(ids.map_or((first, last), |(before, _): (i64, i64)| (before, last)));
            written.extend(codes);
            if start.elapsed() >= rows_until {
                break;
            }
        }
        drop(chain);
        let closing = std::time::Instant::now();
        super::bulk::restore_row_triggers(&tx, ids, pauses_before).map_err(Refusal::from_any)?;
        self.closing = closing.elapsed().min(super::batch::BATCH_TIME / 2);
        tx.commit().map_err(Refusal::from_sqlite)?;
        let n = written.len();
        codes.extend(written);
        Ok(n)
    }
}

/// Rows of a batch go in this many at a time, in one INSERT: the statement's constant lists
/// (the CHECKs' and partial indexes' `status IN (…)`) are built once per statement run, which
/// one row per statement paid for each row.
const ROWS_PER_INSERT: usize = 32;

/// The columns an imported row is inserted with, and their number (see `insert_sql`).
const IMPORT_COLUMNS: &str = "code, procedure_code, field, applicant_name, name_key, applicant_id, phone, address,
    channel, received_at, due_date, appointment_at, resolved_at, returned_at, withdrawn_at, status, fee_vnd,
    paid_online, result_digitized, assignee, note, updated_at, updated_by, handling_agency, sent_at,
    result_delivery, intake_digitized, synced, received_for, sets, due_at_intake, appointment_at_intake, sort_due";
const IMPORT_VALUES: usize = 30;

/// `INSERT INTO dossiers(…) VALUES (…), …` for `n` rows; the last three columns repeat the
/// row's due date and appointment (the intake values and the sort key of a clock not stopped).
fn insert_sql(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|j| {
            let o = j * IMPORT_VALUES;
            let marks: Vec<String> = (1..=IMPORT_VALUES).chain([11, 12, 11]).map(|i| format!("?{}", o + i)).collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!("INSERT INTO dossiers({IMPORT_COLUMNS}) VALUES {}", rows.join(", "))
}

/// What a row is stored with beyond the logbook's own text, computed before the insert.
struct RowValues {
    code: String,
    procedure: std::rc::Rc<Procedure>,
    name_key: String,
    received: String,
    due: String,
    appointment: String,
    resolved: Option<String>,
    returned: Option<String>,
    withdrawn_at: Option<NaiveDateTime>,
    withdrawn: Option<String>,
    sent: Option<String>,
}

/// The code (the logbook's, or the day's next number) and the stored values of one row.
fn row_values(tx: &Transaction, run: &mut ImportRun, r: &ImportRow) -> Result<RowValues> {
    let (p, due_date) = import_due_date(&mut run.procs, tx, run.cal, r)?;
    let code = match &r.code {
        Some(c) => {
            // Another agency's code is kept as it is, but this office's numbers are its own.
            if let Some((_, d, seq)) = crate::domain::code::parse_dossier_code(c).filter(|(a, _, _)| a == run.agency) {
                tx.prepare_cached(
                    "INSERT INTO day_seq(day, last) VALUES (?1, ?2) ON CONFLICT(day) DO UPDATE SET last = max(last, excluded.last)",
                )?
                .execute(params![day(d), seq])?;
            }
            c.clone()
        }
        None => dossier_code(run.agency, r.received_at.date(), next_seq(tx, r.received_at.date())?),
    };
    let withdrawn_at =
        (r.status == Status::Withdrawn).then(|| r.resolved_at.or(r.returned_at).unwrap_or(r.received_at));
    let resolved_at = if r.status == Status::Withdrawn { None } else { r.resolved_at };
    Ok(RowValues {
        code,
        procedure: p,
        name_key: fold(&r.applicant_name),
        received: ts(r.received_at),
        due: day(due_date),
        appointment: ts(due_date.and_time(r.received_at.time())),
        resolved: resolved_at.map(ts),
        returned: r.returned_at.map(ts),
        withdrawn_at,
        withdrawn: withdrawn_at.map(ts),
        sent: r.handover.sent_at.map(ts),
    })
}

/// The first [`IMPORT_VALUES`] parameters of `insert_sql` for one row.
fn row_params<'a>(
    r: &'a ImportRow,
    v: &'a RowValues,
    updated_at: &'a str,
    actor: &'a str,
) -> [rusqlite::types::ToSqlOutput<'a>; IMPORT_VALUES] {
    use rusqlite::types::{ToSqlOutput, Value};
    let text = |s: &'a str| ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()));
    let opt = |s: &'a Option<String>| s.as_deref().map_or(ToSqlOutput::Borrowed(ValueRef::Null), text);
    let int = |i: i64| ToSqlOutput::Owned(Value::Integer(i));
    let h = &r.handover;
    [
        text(&v.code),
        text(&v.procedure.code),
        text(&v.procedure.field),
        text(&r.applicant_name),
        text(&v.name_key),
        text(&r.applicant_id),
        text(&r.phone),
        text(&r.address),
        text(r.channel.as_str()),
        text(&v.received),
        text(&v.due),
        text(&v.appointment),
        opt(&v.resolved),
        opt(&v.returned),
        opt(&v.withdrawn),
        text(r.status.as_str()),
        int(r.fee_vnd.or(v.procedure.fee_vnd).unwrap_or(0)),
        int(r.paid_online.into()),
        int(r.result_digitized.into()),
        text(&r.assignee),
        text(&r.note),
        text(updated_at),
        text(actor),
        // The handing-on columns (their defaults for a 17-column logbook). The agency is kept
        // as the logbook names it: an old logbook may name one this office no longer lists.
        text(&h.agency),
        opt(&v.sent),
        text(h.delivery.map(|d| d.as_str()).unwrap_or("")),
        int(h.intake_digitized.into()),
        int(h.synced.into()),
        text(&h.received_for),
        int(h.sets.unwrap_or(1).clamp(1, 99).into()),
    ]
}

/// Logbook rows into the file (checked by `import_checked`), [`ROWS_PER_INSERT`] or fewer,
/// with the history each status implies, inside a batch of `ImportRun::batch`: each row goes
/// in in its final state, handing-on columns included, and its last event seals it. Returns
/// the codes and the first row's id (the rows' ids follow: nobody else writes in the batch).
fn import_rows(
    tx: &Transaction,
    chain: &mut audit::Chain,
    run: &mut ImportRun,
    rows: &[ImportRow],
) -> Result<(Vec<String>, i64)> {
    let values: Vec<RowValues> = rows.iter().map(|r| row_values(tx, run, r)).collect::<Result<_>>()?;
    let updated_at = ts(run.now);
    let params = rows.iter().zip(&values).flat_map(|(r, v)| row_params(r, v, &updated_at, run.actor));
    let sql = run.insert_sql.entry(rows.len()).or_insert_with(|| insert_sql(rows.len()));
    if let Err(e) = tx.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params)) {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
            // The line whose code is taken: by a dossier already there or a row before it (a
            // new number given to a line without a code, which a later line claims).
            let mut seen = std::collections::HashSet::new();
            for (r, v) in rows.iter().zip(&values) {
                let there = tx
                    .prepare_cached("SELECT 1 FROM dossiers WHERE code = ?1")?
                    .query_row([&v.code], |_| Ok(()))
                    .optional()?
                    .is_some();
                if there || !seen.insert(v.code.as_str()) {
                    return Err(Refusal::Invalid(format!("line {}: code {} already exists", r.line, v.code)).into());
                }
            }
        }
        return Err(e.into());
    }
    let first = tx.last_insert_rowid() - rows.len() as i64 + 1;
    for (j, (r, v)) in rows.iter().zip(&values).enumerate() {
        let id = first + j as i64;
        if r.status == Status::Supplement {
            imported_pause(tx, run.cal, id, run.now)?;
        }
        // One seal for the row's whole history, as the bulk load does: the row is in its final
        // state and its last event seals it.
        let history = synthetic_history(r, v.withdrawn_at);
        let seal = chain.seal(id)?;
        for (i, (at_time, from, to)) in history.iter().copied().enumerate() {
            let kind = from.map_or(EventKind::Intake, |f| EventKind::of_move(f, to));
            let event = Event { note: "import".into(), ..Event::new(kind, at_time, run.actor, from, to) };
            let before = i.checked_sub(1).map(|j| history[j].2);
            insert_event(chain, id, &event, (i + 1 == history.len()).then_some(seal), before)?;
        }
    }
    Ok((values.into_iter().map(|v| v.code).collect(), first))
}

/// A logbook row waiting for the citizen's supplement gets its pause, so its clock stands still
/// as a supplement asked on the screens would make it. The logbook has no column for the day
/// the supplement was asked, so the pause starts at the import (docs/rules.md, import): the time
/// before it counts as the office's, and a dossier already past its due date stays overdue (a
/// pause after the due date erases nothing). Written before the row's events, whose last one
/// seals the row.
fn imported_pause(tx: &Transaction, cal: &Calendar, id: i64, now: NaiveDateTime) -> Result<()> {
    let mut d = by_id(tx, id)?;
    pause_clock(tx, cal, &mut d, IMPORTED_PAUSE, now)?;
    let clock = Clock { due: d.due_date, paused_days_left: d.paused_days_left };
    tx.execute(
        "UPDATE dossiers SET due_date = ?1, appointment_at = ?2, paused_days_left = ?3, sort_due = ?4 WHERE id = ?5",
        params![day(d.due_date), ts(d.appointment_at), d.paused_days_left, clock.sort_key(), id],
    )?;
    Ok(())
}

/// The reason of an imported pause: the logbook said "supplement" without the day it was asked.
pub const IMPORTED_PAUSE: &str = "Nhập từ sổ: đang chờ bổ sung (sổ không ghi ngày yêu cầu; tính từ lúc nhập)";

/// Events that agree with an imported row's status, so its control sheet is not empty.
fn synthetic_history(
    r: &ImportRow,
    withdrawn_at: Option<NaiveDateTime>,
) -> Vec<(NaiveDateTime, Option<Status>, Status)> {
    use Status::*;
    let mut ev = vec![(r.received_at, None, Received)];
    let resolved = r.resolved_at.unwrap_or(r.received_at);
    match r.status {
        Received => {}
        InProgress | Supplement => {
            ev.push((r.received_at, Some(Received), InProgress));
            if r.status == Supplement {
                ev.push((r.received_at, Some(InProgress), Supplement));
            }
        }
        Ready | Returned => {
            ev.push((r.received_at, Some(Received), InProgress));
            ev.push((resolved, Some(InProgress), Ready));
            if r.status == Returned {
                ev.push((r.returned_at.unwrap_or(resolved), Some(Ready), Returned));
            }
        }
        Rejected => ev.push((resolved, Some(Received), Rejected)),
        Withdrawn => ev.push((withdrawn_at.unwrap_or(r.received_at), Some(Received), Withdrawn)),
    }
    ev
}

/// motcua's own rules over the stored rows (used by `motcua check`).
pub(crate) fn invariant_problems(conn: &Connection) -> Result<Vec<String>> {
    let checks: &[(&str, &str)] = &[
        (
            "pending dossiers with a resolved or withdrawn time",
            "status IN ('received','in_progress','supplement') AND closed_at IS NOT NULL",
        ),
        (
            "resolved dossiers without a resolved time",
            "status IN ('ready','returned','rejected') AND resolved_at IS NULL",
        ),
        ("returned dossiers without a return time", "status = 'returned' AND returned_at IS NULL"),
        ("withdrawn dossiers without a withdrawal time", "status = 'withdrawn' AND withdrawn_at IS NULL"),
        ("due dates before the day of receipt", "due_date < substr(received_at, 1, 10)"),
        ("search keys out of date", "name_key = '' AND applicant_name <> ''"),
    ];
    let mut out = Vec::new();
    for (what, cond) in checks {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM dossiers WHERE {cond}"), [], |r| r.get(0))?;
        if n > 0 {
            out.push(format!("{n} {what}"));
        }
    }
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM dossiers d WHERE d.status <> (SELECT to_status FROM events e WHERE e.dossier_id = d.id ORDER BY e.id DESC LIMIT 1)
           OR NOT EXISTS (SELECT 1 FROM events e WHERE e.dossier_id = d.id)",
        [],
        |r| r.get(0),
    )?;
    if n > 0 {
        out.push(format!("{n} dossiers whose last event disagrees with their status"));
    }
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM dossiers d JOIN day_seq s ON s.day = '20' || substr(d.code, length(d.code) - 10, 2) || '-'
           || substr(d.code, length(d.code) - 8, 2) || '-' || substr(d.code, length(d.code) - 6, 2)
         WHERE d.code GLOB '*-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'
           AND d.code LIKE (SELECT value FROM settings WHERE key = 'agency_code') || '-%'
           AND CAST(substr(d.code, length(d.code) - 3) AS INTEGER) > s.last",
        [],
        |r| r.get(0),
    )?;
    if n > 0 {
        out.push(format!("{n} codes beyond their day's sequence (a new code could repeat them)"));
    }
    // The due date a resume gave is kept twice: with the pause, and on the (chained) event.
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM pauses p JOIN events e ON e.dossier_id = p.dossier_id AND e.kind = 'resume'
           AND e.at = unixepoch(p.to_at) WHERE e.due_after IS NOT p.due_after",
        [],
        |r| r.get(0),
    )?;
    if n > 0 {
        out.push(format!("{n} resumed pauses whose due date differs from their resume on the control sheet"));
    }
    let n = clock_mismatches(conn)?;
    if n > 0 {
        out.push(format!(
            "{n} dossiers whose stored due date, appointment or pause differs from the one derived from their records"
        ));
    }
    Ok(out)
}

/// Dossiers whose stored clock columns (due_date, appointment_at, paused_days_left, sort_due)
/// are not what clock.rs derives from the intake due date, the pauses and the apology. Without
/// either, that is the intake values themselves (one SQL count); the others are derived here.
fn clock_mismatches(conn: &Connection) -> Result<u64> {
    let plain: i64 = conn.query_row(
        "SELECT count(*) FROM dossiers d WHERE d.apology_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM pauses p WHERE p.dossier_id = d.id)
           AND (d.due_date IS NOT d.due_at_intake OR d.appointment_at IS NOT d.appointment_at_intake
                OR d.paused_days_left IS NOT NULL OR d.sort_due IS NOT d.due_date)",
        [],
        |r| r.get(0),
    )?;
    let cal = calendar_in(conn)?;
    let mut stmt = conn.prepare(&format!(
        "{} WHERE d.apology_at IS NOT NULL
           OR d.id IN (SELECT dossier_id FROM pauses)",
        *SELECT_DOSSIER
    ))?;
    let mut rows = stmt.query([])?;
    let mut n = plain as u64;
    while let Some(r) = rows.next()? {
        let stored = dossier_from_row(r)?;
        let sort_due: String = r.get("sort_due")?;
        let mut derived = stored.clone();
        let clock = derive_clock(&cal, &mut derived, &pauses_in(conn, stored.id)?);
        if derived != stored || clock.sort_key() != sort_due {
            n += 1;
        }
    }
    Ok(n)
}
