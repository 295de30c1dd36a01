//! Refusals at intake (Mẫu 03): their own table, outside dossiers and their counters.

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row};

use super::catalog::{actor_in, procedure_in};
use super::{day, parse_ts, ts, NewDossier, Refusal, Store};
use crate::domain::dossier::Channel;
use crate::domain::refusal::IntakeRefusal;
use crate::domain::status::Role;

const SELECT: &str = "SELECT r.*, p.name AS procedure_name FROM intake_refusals r \
                      JOIN procedures p ON p.code = r.procedure_code";

fn from_row(r: &Row) -> rusqlite::Result<IntakeRefusal> {
    Ok(IntakeRefusal {
        id: r.get("id")?,
        at: parse_ts(&r.get::<_, String>("at")?).unwrap_or_default(),
        actor: r.get("actor")?,
        procedure_code: r.get("procedure_code")?,
        procedure_name: r.get("procedure_name")?,
        applicant_name: r.get("applicant_name")?,
        applicant_id: r.get("applicant_id")?,
        phone: r.get("phone")?,
        address: r.get("address")?,
        channel: Channel::parse(&r.get::<_, String>("channel")?).unwrap_or(Channel::InPerson),
        reason: r.get("reason")?,
    })
}

impl Store {
    /// Logs that the counter refused to accept a dossier (Mẫu 03), as `actor` at `now`. The
    /// applicant is checked as at intake; the reason is required. No dossier is registered.
    pub fn refuse_at_intake(
        &mut self,
        actor: &str,
        nd: &NewDossier,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<IntakeRefusal> {
        let (name, id_number, phone) = super::dossiers::checked_applicant(nd, now.date())?;
        let reason = super::dossiers::text_in("lý do / reason", reason, crate::domain::text::NOTE_MAX, false)?;
        let address =
            super::dossiers::text_in("địa chỉ / address", &nd.address, crate::domain::text::ADDRESS_MAX, false)?;
        if reason.is_empty() {
            return Err(Refusal::Invalid(super::error::refusal_reason_required().into()).into());
        }
        let id = self.write(|tx| {
            let me = actor_in(tx, actor)?;
            // The counter refuses, as it receives: clerks and the head.
            if me.role == Role::Handler {
                return Err(Refusal::NotAllowed {
                    login: actor.into(), what: "từ chối tiếp nhận / refuse at intake"
                }
                .into());
            }
            let p = procedure_in(tx, &nd.procedure_code)?
                .ok_or_else(|| Refusal::NoSuchProcedure(nd.procedure_code.trim().to_string()))?;
            tx.execute(
                "INSERT INTO intake_refusals(at, actor, procedure_code, applicant_name, applicant_id, phone, address,
                   channel, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![ts(now), actor, p.code, name, id_number, phone, address, nd.channel.as_str(), reason],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.intake_refusal(id)?.ok_or_else(|| Refusal::Invalid(format!("#{id}")).into())
    }

    pub fn intake_refusal(&self, id: i64) -> Result<Option<IntakeRefusal>> {
        let mut stmt = self.conn().prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?;
        Ok(stmt.query_row([id], from_row).optional()?)
    }

    /// The refusals of the days from `from` to `to` (both included), oldest first.
    pub fn intake_refusals(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<IntakeRefusal>> {
        let mut stmt =
            self.conn().prepare_cached(&format!("{SELECT} WHERE r.at >= ?1 AND r.at < ?2 ORDER BY r.at, r.id"))?;
        let end = to.succ_opt().unwrap_or(to);
        let rows = stmt.query_map([day(from), day(end)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::super::schema::{self, CATALOGUE_DAY_KIND_AND_REFUSALS, MIGRATIONS};
    use super::*;

    /// A database as the build before issue 9 items 5 and 8 left it, brought up to date.
    #[test]
    fn an_older_database_gains_day_kinds_and_the_refusal_log() {
        let mine = MIGRATIONS.iter().position(|m| m.sql == CATALOGUE_DAY_KIND_AND_REFUSALS).unwrap();
        let conn = Connection::open_in_memory().unwrap();
        for m in &MIGRATIONS[..mine] {
            conn.execute_batch(m.sql).unwrap();
            (m.then)(&conn).unwrap();
        }
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", mine as i64).unwrap();
        for (code, days) in [("1.012812", 30), ("1.001193", 0), ("9.001", 30)] {
            conn.execute(
                "INSERT INTO procedures(code, name, name_key, field, days) VALUES (?1, 'x', 'x', 'f', ?2)",
                params![code, days],
            )
            .unwrap();
        }
        let mut store = Store { conn, path: ":memory:".into(), key: Some(super::super::audit::random_key()) };
        store.migrate().unwrap();
        let kind = |code: &str| store.procedure(code).unwrap().unwrap().day_kind;
        // Only the land mediation row as shipped: "không quá 30 ngày" (Luật Đất đai 2024 Art. 235).
        assert_eq!(kind("1.012812"), crate::domain::calendar::DayCount::Calendar);
        assert_eq!(kind("9.001"), crate::domain::calendar::DayCount::Working);
        assert_eq!(kind("1.001193"), crate::domain::calendar::DayCount::Working);
        let n: i64 = store.conn.query_row("SELECT count(*) FROM intake_refusals", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }
}
