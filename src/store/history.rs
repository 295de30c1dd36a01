//! The migration to typed history (schema TYPED_HISTORY in schema.rs): the one place that
//! reads the old free-text notes ("old → new", "xin lỗi, hẹn lại …: reason") — once, into
//! typed columns — and that rebuilds each dossier's time accounting from its records.
//!
//! Before it, a resume overwrote the due date and an apology the appointment. The due date at
//! intake is then worked out again from the procedure's limit and the received time; the
//! current due date is derived from it and the pauses (domain/clock.rs), which also undoes the
//! old laundering of a late dossier by a pause after its due date. The counters follow through
//! their triggers; the audit chain is computed again over the new columns.
//!
//! Self-contained SQL on purpose: later migrations (of other issues) may change the tables the
//! store's usual readers select from.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, day, parse_ts, ts};
use crate::domain::calendar::{Calendar, CounterHours, DayCount, DayKind, TimeLimit, MAX_LIMIT_DAYS, MAX_LIMIT_HOURS};
use crate::domain::clock::{appointment, clock_at, limit_from_text, limit_to_text};
use crate::domain::dossier::{Apology, Pause};

pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    audit::unlock_events(conn)?;
    type_events(conn)?;
    let cal = calendar(conn)?;
    let limits = restart_limits(conn)?;
    conn.execute_batch(
        "UPDATE dossiers SET due_at_intake = due_date, appointment_at_intake = appointment_at, sort_due = due_date;",
    )?;
    rebuild_clocks(conn, &cal, &limits)?;
    // Done after this migration's transaction, in short batches (Store::finish_rechain).
    audit::schedule_rechain(conn)?;
    audit::lock_events(conn)
}

/// What an old event's note says, as typed columns.
#[derive(Debug, Default, PartialEq)]
struct Typed {
    kind: &'static str,
    assignee_from: Option<String>,
    assignee_to: Option<String>,
    appointment_after: Option<String>,
    reason: String,
    note: String,
}

/// Reads one old event: statuses and the note motcua wrote (or the user typed).
fn classify(from: Option<&str>, to: &str, note: &str) -> Typed {
    let keep = |kind| Typed { kind, note: note.to_string(), ..Typed::default() };
    let why = |kind| {
        if note == "import" {
            keep(kind)
        } else {
            Typed { kind, reason: note.to_string(), ..Typed::default() }
        }
    };
    let Some(from) = from else { return keep("intake") };
    if from == to {
        // "xin lỗi, hẹn lại HH:MM dd/mm/yyyy: reason"
        if let Some(rest) = note.strip_prefix("xin lỗi, hẹn lại ") {
            let (when, reason) = rest.split_once(": ").unwrap_or((rest, ""));
            let when = NaiveDateTime::parse_from_str(when.trim(), "%H:%M %d/%m/%Y").ok();
            return Typed {
                kind: "apology",
                appointment_after: when.map(ts),
                reason: reason.trim().to_string(),
                ..Typed::default()
            };
        }
        // "old → new" in logins ("→ new" when nobody had it): logins hold no spaces.
        if let Some((old, new)) = note.split_once('→') {
            let (old, new) = (old.trim(), new.trim());
            if !new.is_empty() && !new.contains(' ') && !old.contains(' ') {
                return Typed {
                    kind: "assign",
                    assignee_from: Some(old.to_string()),
                    assignee_to: Some(new.to_string()),
                    ..Typed::default()
                };
            }
        }
        return keep("remind");
    }
    match (from, to) {
        (_, "supplement") => why("pause"),
        ("supplement", "in_progress") => keep("resume"),
        (_, "rejected" | "withdrawn") => why("move"),
        _ => keep("move"),
    }
}

fn type_events(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare("SELECT id, from_status, to_status, note FROM events")?;
    let mut write = conn.prepare(
        "UPDATE events SET kind = ?1, assignee_from = ?2, assignee_to = ?3, appointment_after = ?4, reason = ?5,
           note = ?6 WHERE id = ?7",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, from, to, note): (i64, Option<String>, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let t = classify(from.as_deref(), &to, &note);
        write.execute(params![t.kind, t.assignee_from, t.assignee_to, t.appointment_after, t.reason, t.note, id])?;
    }
    Ok(())
}

fn calendar(conn: &Connection) -> rusqlite::Result<Calendar> {
    let hours: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = 'counter_hours'", [], |r| r.get(0)).optional()?;
    let hours = hours.and_then(|h| CounterHours::parse(&h).ok()).unwrap_or_default();
    let mut stmt = conn.prepare("SELECT day, kind FROM holidays")?;
    let days: Vec<(NaiveDate, DayKind)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(|r| r.ok())
        .filter_map(|(d, k)| {
            let d = NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()?;
            Some((d, if k == "work" { DayKind::Work } else { DayKind::Off }))
        })
        .collect();
    Ok(Calendar::new(days, hours))
}

/// Each procedure's time limit and whether its clock restarts after a supplement.
fn restart_limits(conn: &Connection) -> rusqlite::Result<HashMap<String, (Option<TimeLimit>, bool)>> {
    // day_kind comes from the catalogue migration just before this one.
    let mut stmt = conn.prepare("SELECT code, days, hours, cutoff, resume, day_kind FROM procedures")?;
    let rows = stmt.query_map([], |r| {
        let (code, days, hours, cutoff, resume): (String, Option<i64>, Option<i64>, Option<String>, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let count = if r.get::<_, String>(5)? == "calendar" { DayCount::Calendar } else { DayCount::Working };
        let cutoff = cutoff.and_then(|c| NaiveTime::parse_from_str(&c, "%H:%M").ok());
        // Limits beyond what any procedure allows (typed before they were checked) give none.
        let limit = match (hours.filter(|h| *h > 0), days) {
            (Some(h), _) => u32::try_from(h).ok().filter(|h| *h <= MAX_LIMIT_HOURS).map(TimeLimit::Hours),
            (None, Some(d)) => u32::try_from(d)
                .ok()
                .filter(|d| *d <= MAX_LIMIT_DAYS)
                .map(|d| TimeLimit::from_catalogue(d, cutoff, count)),
            _ => None,
        };
        Ok((code, (limit, resume == "restart")))
    })?;
    rows.collect()
}

/// Dossiers whose clock is more than their intake due date: with pauses or an apology.
fn rebuild_clocks(
    conn: &Connection,
    cal: &Calendar,
    limits: &HashMap<String, (Option<TimeLimit>, bool)>,
) -> rusqlite::Result<()> {
    let mut read = conn.prepare(
        "SELECT id, procedure_code, received_at, due_date, appointment_at, apology_at FROM dossiers
         WHERE apology_at IS NOT NULL OR id IN (SELECT dossier_id FROM pauses)",
    )?;
    let mut pauses =
        conn.prepare("SELECT id, from_at, to_at, reason, remaining_days FROM pauses WHERE dossier_id = ?1")?;
    let mut restart = conn.prepare("UPDATE pauses SET restart_limit = ?1 WHERE id = ?2")?;
    let mut apology = conn.prepare(
        "SELECT at, appointment_after, reason FROM events WHERE dossier_id = ?1 AND kind = 'apology' ORDER BY id DESC LIMIT 1",
    )?;
    let mut resume_event = conn.prepare(
        "UPDATE events SET due_before = ?1, due_after = ?2 WHERE dossier_id = ?3 AND kind = 'resume' AND at = ?4",
    )?;
    let mut write = conn.prepare(
        "UPDATE dossiers SET due_at_intake = ?1, appointment_at_intake = ?2, apology_appointment = ?3, apology_reason = ?4,
           due_date = ?5, appointment_at = ?6, paused_days_left = ?7, sort_due = ?8 WHERE id = ?9",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, procedure, received, due, appointment_at, apology_at): (
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
        ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let (Some(received), Ok(due), Some(appointment_at)) =
            (parse_ts(&received), NaiveDate::parse_from_str(&due, "%Y-%m-%d"), parse_ts(&appointment_at))
        else {
            continue;
        };
        let (limit, restarts) = limits.get(&procedure).copied().unwrap_or((None, false));
        let mut list = Vec::new();
        let rows = pauses.query_map([id], |p| {
            Ok((
                p.get::<_, i64>(0)?,
                p.get::<_, String>(1)?,
                p.get::<_, Option<String>>(2)?,
                p.get(3)?,
                p.get::<_, i64>(4)?,
            ))
        })?;
        for row in rows {
            let (pause_id, from, to, reason, left) = row?;
            let Some(from) = parse_ts(&from) else { continue };
            let restart_limit = limit.filter(|_| restarts);
            if let Some(l) = restart_limit {
                restart.execute(params![limit_to_text(l), pause_id])?;
            }
            list.push(Pause {
                from,
                to: to.as_deref().and_then(parse_ts),
                reason,
                remaining_days: u32::try_from(left.max(0)).unwrap_or(0),
                // Databases from before issue 9 counted every pause in working days.
                day_kind: crate::domain::calendar::DayCount::Working,
                restart: restart_limit,
                // Recorded by the next migration (PAUSE_DUES), from this same derivation.
                resumed_due: None,
            });
        }
        // A resume overwrote the due date (and moved the appointment with it): the receipt's
        // are computed again, as intake did.
        let resumed = list.iter().any(|p| p.to.is_some());
        let again = limit.map(|l| cal.due(l, received));
        let due_at_intake = match again {
            Some(a) if resumed => a.due_date,
            _ => due,
        };
        let appointment_at_intake = match again {
            Some(a) if a.due_date == due_at_intake => a.appointment,
            Some(a) => due_at_intake.and_time(a.appointment.time()),
            None if apology_at.is_some() || resumed => due_at_intake.and_time(appointment_at.time()),
            None => appointment_at,
        };
        let apology_record = match apology_at.as_deref().and_then(parse_ts) {
            Some(at) => {
                let row: Option<(String, Option<String>, String)> =
                    apology.query_row([id], |a| Ok((a.get(0)?, a.get(1)?, a.get(2)?))).optional()?;
                let (new, reason) = match row {
                    Some((_, new, reason)) => (new.as_deref().and_then(parse_ts).unwrap_or(appointment_at), reason),
                    None => (appointment_at, String::new()),
                };
                Some(Apology { at, new_appointment: new, reason })
            }
            None => None,
        };
        for p in list.iter().filter(|p| p.to.is_some()) {
            let to = p.to.unwrap_or(p.from);
            let before = clock_at(cal, due_at_intake, &list, Some(to - chrono::Duration::seconds(1))).due;
            let after = clock_at(cal, due_at_intake, &list, Some(to)).due;
            resume_event.execute(params![day(before), day(after), id, ts(to)])?;
        }
        let clock = clock_at(cal, due_at_intake, &list, None);
        let current = appointment(appointment_at_intake, &clock, apology_record.as_ref());
        write.execute(params![
            day(due_at_intake),
            ts(appointment_at_intake),
            apology_record.as_ref().map(|a| ts(a.new_appointment)),
            apology_record.as_ref().map(|a| a.reason.clone()).unwrap_or_default(),
            day(clock.due),
            ts(current),
            clock.paused_days_left,
            clock.sort_key(),
            id,
        ])?;
    }
    Ok(())
}

/// The `day_kind` column of a pause: how its days left count.
pub(crate) fn day_kind_of(s: Option<String>) -> crate::domain::calendar::DayCount {
    s.as_deref().and_then(crate::domain::calendar::DayCount::parse).unwrap_or_default()
}

/// Migration PAUSE_DUES: records with each resumed pause the due date its resume gave, derived
/// in order as the resume did (see `rebuild_clocks`).
pub fn record_resume_dues(conn: &Connection) -> rusqlite::Result<()> {
    let cal = calendar(conn)?;
    let mut dossiers = conn.prepare(
        "SELECT id, due_at_intake FROM dossiers WHERE id IN (SELECT dossier_id FROM pauses WHERE to_at IS NOT NULL)",
    )?;
    let mut pauses = conn.prepare(
        "SELECT id, from_at, to_at, remaining_days, restart_limit FROM pauses WHERE dossier_id = ?1 ORDER BY from_at, id",
    )?;
    let mut write = conn.prepare("UPDATE pauses SET due_after = ?1 WHERE id = ?2")?;
    let list: Vec<(i64, String)> =
        dossiers.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (id, intake) in list {
        let Ok(intake) = NaiveDate::parse_from_str(&intake, "%Y-%m-%d") else { continue };
        let rows: Vec<(i64, Pause)> = pauses
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    Pause {
                        from: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
                        to: r.get::<_, Option<String>>(2)?.and_then(|s| parse_ts(&s)),
                        reason: String::new(),
                        remaining_days: u32::try_from(r.get::<_, i64>(3)?.max(0)).unwrap_or(0),
                        day_kind: crate::domain::calendar::DayCount::Working,
                        restart: restart_of(r.get(4)?),
                        resumed_due: None,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut list: Vec<Pause> = rows.iter().map(|(_, p)| p.clone()).collect();
        for (i, (pause_id, p)) in rows.iter().enumerate() {
            let Some(to) = p.to else { continue };
            let due = clock_at(&cal, intake, &list, Some(to)).due;
            list[i].resumed_due = Some(due);
            write.execute(params![day(due), pause_id])?;
        }
    }
    Ok(())
}

/// Reads a pause's stored restart limit.
pub(crate) fn restart_of(text: Option<String>) -> Option<TimeLimit> {
    text.as_deref().and_then(limit_from_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{schema, stats, Store};
    use std::path::PathBuf;

    /// A database of the first motcua (schema 1) as the old code left it: a resumed dossier whose
    /// due date was overwritten, one laundered by a pause after its due date, and an apology that
    /// overwrote the appointment. November 2026 has no holiday, and none is in the table.
    fn old_database() -> Store {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(schema::MIGRATIONS[0].sql).unwrap();
        conn.execute_batch(
            "INSERT INTO procedures(code, name, name_key, field, days) VALUES ('1.1', 'Thủ tục', 'thu tuc', 'Hộ tịch', 3);
             INSERT INTO dossiers(id, code, procedure_code, field, applicant_name, name_key, channel, received_at, due_date,
               appointment_at, resolved_at, apology_at, status, updated_at, updated_by) VALUES
             (1, 'A-261102-0001', '1.1', 'Hộ tịch', 'An', 'an', 'in_person', '2026-11-02 10:00:00', '2026-11-11',
               '2026-11-11 10:00:00', NULL, NULL, 'in_progress', '2026-11-09 08:00:00', 'hung'),
             (2, 'A-261102-0002', '1.1', 'Hộ tịch', 'Bình', 'binh', 'in_person', '2026-11-02 10:00:00', '2026-11-11',
               '2026-11-11 10:00:00', '2026-11-11 15:00:00', NULL, 'ready', '2026-11-11 15:00:00', 'hung'),
             (3, 'A-261102-0003', '1.1', 'Hộ tịch', 'Chi', 'chi', 'in_person', '2026-11-02 10:00:00', '2026-11-05',
               '2026-11-10 14:00:00', NULL, '2026-11-04 09:00:00', 'in_progress', '2026-11-04 09:00:00', 'hung');
             INSERT INTO pauses(dossier_id, from_at, to_at, reason, remaining_days) VALUES
               (1, '2026-11-03 09:00:00', '2026-11-09 08:00:00', 'thiếu giấy', 2),
               (2, '2026-11-09 09:00:00', '2026-11-11 08:00:00', 'thiếu giấy', 0);
             INSERT INTO events(dossier_id, at, actor, from_status, to_status, note) VALUES
               (1, '2026-11-02 10:00:00', 'lan', NULL, 'received', ''),
               (1, '2026-11-02 10:05:00', 'lan', 'received', 'received', '→ hung'),
               (1, '2026-11-02 11:00:00', 'hung', 'received', 'in_progress', ''),
               (1, '2026-11-03 09:00:00', 'hung', 'in_progress', 'supplement', 'thiếu giấy'),
               (1, '2026-11-09 08:00:00', 'lan', 'supplement', 'in_progress', 'đã nhận'),
               (2, '2026-11-02 10:00:00', 'lan', NULL, 'received', ''),
               (2, '2026-11-02 11:00:00', 'hung', 'received', 'in_progress', ''),
               (2, '2026-11-09 09:00:00', 'hung', 'in_progress', 'supplement', 'thiếu giấy'),
               (2, '2026-11-11 08:00:00', 'lan', 'supplement', 'in_progress', ''),
               (2, '2026-11-11 15:00:00', 'hung', 'in_progress', 'ready', ''),
               (3, '2026-11-02 10:00:00', 'lan', NULL, 'received', ''),
               (3, '2026-11-02 11:00:00', 'hung', 'received', 'in_progress', ''),
               (3, '2026-11-04 09:00:00', 'hung', 'in_progress', 'in_progress', 'xin lỗi, hẹn lại 14:00 10/11/2026: chờ xác minh');
             PRAGMA user_version = 1;",
        )
        .unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
        let mut store = Store { conn, path: PathBuf::from(":memory:"), key: Some(super::super::audit::random_key()) };
        store.migrate().unwrap();
        store
    }

    #[test]
    fn the_migration_types_the_history_and_rebuilds_the_clocks() {
        let store = old_database();
        let get = |code: &str| store.dossier(code).unwrap().unwrap();
        // Received Mon 2/11 10:00 with 3 working days: due Thu 5/11 (Tue 3, Wed 4, Thu 5).
        let a = get("A-261102-0001");
        assert_eq!((a.due_at_intake, a.appointment_at_intake), (d("2026-11-05"), t("2026-11-05 10:00")));
        // Paused Tue 3/11 with 2 days left (Wed 4, Thu 5), resumed Mon 9/11: Tue 10, Wed 11.
        assert_eq!((a.due_date, a.appointment_at), (d("2026-11-11"), t("2026-11-11 10:00")));
        let events = store.events(a.id).unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["intake", "assign", "move", "pause", "resume"]);
        assert_eq!(events[1].assignee_to.as_deref(), Some("hung"));
        assert_eq!(events[1].note, "");
        assert_eq!((events[3].reason.as_str(), events[3].note.as_str()), ("thiếu giấy", ""));
        assert_eq!((events[4].due_before, events[4].due_after), (Some(d("2026-11-05")), Some(d("2026-11-11"))));
        // The resume's due date is kept with the pause too; the late pause of B changed nothing.
        let pauses: Vec<Option<NaiveDate>> = store.pauses(a.id).unwrap().into_iter().map(|p| p.resumed_due).collect();
        assert_eq!(pauses, [Some(d("2026-11-11"))]);
        // Paused Mon 9/11, after its due date Thu 5/11: the pause erases nothing; resolved 11/11, late.
        let b = get("A-261102-0002");
        assert_eq!(b.due_date, d("2026-11-05"));
        assert_eq!(store.pauses(b.id).unwrap()[0].resumed_due, Some(d("2026-11-05")));
        // The apology's appointment is a record; the receipt's is worked out again.
        let c = get("A-261102-0003");
        let apology = c.apology.clone().unwrap();
        assert_eq!((apology.new_appointment, apology.reason.as_str()), (t("2026-11-10 14:00"), "chờ xác minh"));
        assert_eq!(
            (c.due_date, c.appointment_at_intake, c.appointment_at),
            (d("2026-11-05"), t("2026-11-05 10:00"), t("2026-11-10 14:00"))
        );
        assert_eq!(store.events(c.id).unwrap()[2].appointment_after, Some(t("2026-11-10 14:00")));
        // The chain holds over the new columns; the counters (rebuilt: the old file had no
        // triggers) count B late.
        assert_eq!(store.verify_chain().unwrap().first_break, None);
        stats::rebuild(store.conn()).unwrap();
        let late: i64 = store.conn().query_row("SELECT sum(res_late) FROM daily_stats", [], |r| r.get(0)).unwrap();
        assert_eq!(late, 1);
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn old_notes_become_typed_columns() {
        let t = classify(Some("received"), "received", "→ hung");
        assert_eq!((t.kind, t.assignee_from.as_deref(), t.assignee_to.as_deref()), ("assign", Some(""), Some("hung")));
        let t = classify(Some("in_progress"), "in_progress", "hung → mai");
        assert_eq!(
            (t.assignee_from.as_deref(), t.assignee_to.as_deref(), t.note.as_str()),
            (Some("hung"), Some("mai"), "")
        );
        let t =
            classify(Some("in_progress"), "in_progress", "xin lỗi, hẹn lại 10:00 21/02/2024: chờ xác minh: thôn Đông");
        assert_eq!(t.kind, "apology");
        assert_eq!(t.appointment_after.as_deref(), Some("2024-02-21 10:00:00"));
        assert_eq!(t.reason, "chờ xác minh: thôn Đông");
        let t = classify(Some("in_progress"), "in_progress", "nhắc: sắp đến hạn → gọi lại");
        assert_eq!((t.kind, t.note.as_str()), ("remind", "nhắc: sắp đến hạn → gọi lại"));
        let t = classify(Some("in_progress"), "supplement", "thiếu sổ hộ khẩu");
        assert_eq!((t.kind, t.reason.as_str(), t.note.as_str()), ("pause", "thiếu sổ hộ khẩu", ""));
        assert_eq!(classify(Some("supplement"), "in_progress", "đã nhận").kind, "resume");
        assert_eq!(classify(Some("received"), "rejected", "không thuộc thẩm quyền").reason, "không thuộc thẩm quyền");
        assert_eq!(classify(None, "received", "import").note, "import");
        assert_eq!(classify(Some("received"), "supplement", "import").reason, "");
        assert_eq!(classify(Some("ready"), "returned", "").kind, "move");
    }
}
