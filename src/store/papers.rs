//! What the printed forms need beyond the dossier row: the supplement requests (Mẫu 02) as
//! given, and a dossier's place in the logbook ("Quyển số … Số thứ tự …").

use anyhow::Result;
use chrono::{Datelike, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row};

use super::catalog::{actor_in, procedure_in};
use super::{parse_ts, ts, Refusal, Store};
use crate::domain::dossier::Dossier;
use crate::domain::text::clean;
use crate::i18n::tr;

/// A supplement request (Mẫu 02) as it was handed to the citizen.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplementRequest {
    pub id: i64,
    pub at: NaiveDateTime,
    /// Who gave it (a login).
    pub actor: String,
    /// None: given at intake, before any dossier was registered.
    pub dossier_code: Option<String>,
    pub procedure_code: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub phone: String,
    pub address: String,
    /// The papers to add or correct, one per entry.
    pub papers: Vec<String>,
    pub reason: String,
}

impl SupplementRequest {
    /// The reference a clerk types to print it again: `YC-<id>`.
    pub fn reference(&self) -> String {
        format!("YC-{}", self.id)
    }

    /// `YC-12` → 12.
    pub fn parse_reference(s: &str) -> Option<i64> {
        let s = s.trim();
        let n = s.strip_prefix("YC-").or_else(|| s.strip_prefix("yc-"))?;
        n.parse().ok().filter(|n| *n > 0)
    }
}

const SELECT_REQUEST: &str = "SELECT r.*, d.code AS dossier_code FROM supplement_requests r \
                              LEFT JOIN dossiers d ON d.id = r.dossier_id";

fn request_from_row(r: &Row) -> rusqlite::Result<SupplementRequest> {
    let papers: String = r.get("papers")?;
    Ok(SupplementRequest {
        id: r.get("id")?,
        at: parse_ts(&r.get::<_, String>("at")?).unwrap_or_default(),
        actor: r.get("actor")?,
        dossier_code: r.get("dossier_code")?,
        procedure_code: r.get("procedure_code")?,
        applicant_name: r.get("applicant_name")?,
        applicant_id: r.get("applicant_id")?,
        phone: r.get("phone")?,
        address: r.get("address")?,
        papers: serde_json::from_str(&papers).unwrap_or_default(),
        reason: r.get("reason")?,
    })
}

impl Store {
    /// Keeps a supplement request as given (who, when, what). `req.id`, `req.at` and
    /// `req.actor` are set here; a request names at least one paper or a reason.
    pub fn record_supplement_request(
        &mut self,
        actor: &str,
        req: &SupplementRequest,
        now: NaiveDateTime,
    ) -> Result<SupplementRequest> {
        let papers: Vec<String> = req.papers.iter().map(|p| clean(p)).filter(|p| !p.is_empty()).collect();
        let reason = clean(&req.reason);
        if papers.is_empty() && reason.is_empty() {
            return Err(Refusal::Invalid(
                tr(
                    "phiếu yêu cầu bổ sung cần ít nhất một giấy tờ hoặc lý do",
                    "a supplement request names at least one paper or a reason",
                )
                .into(),
            )
            .into());
        }
        let id = self.write(|tx| {
            actor_in(tx, actor)?;
            let dossier_id: Option<i64> = match &req.dossier_code {
                Some(code) => Some(
                    tx.query_row("SELECT id FROM dossiers WHERE code = ?1", [code.trim()], |r| r.get(0))
                        .optional()?
                        .ok_or_else(|| Refusal::NoSuchDossier(code.clone()))?,
                ),
                None => None,
            };
            procedure_in(tx, &req.procedure_code)?
                .ok_or_else(|| Refusal::NoSuchProcedure(req.procedure_code.clone()))?;
            tx.execute(
                "INSERT INTO supplement_requests(at, actor, dossier_id, procedure_code, applicant_name, applicant_id,
                   phone, address, papers, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    ts(now),
                    actor,
                    dossier_id,
                    req.procedure_code,
                    clean(&req.applicant_name),
                    req.applicant_id.trim(),
                    req.phone.trim(),
                    clean(&req.address),
                    serde_json::to_string(&papers)?,
                    reason,
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.supplement_request(id)?.ok_or_else(|| Refusal::Invalid(format!("YC-{id}")).into())
    }

    pub fn supplement_request(&self, id: i64) -> Result<Option<SupplementRequest>> {
        let mut stmt = self.conn().prepare_cached(&format!("{SELECT_REQUEST} WHERE r.id = ?1"))?;
        Ok(stmt.query_row([id], request_from_row).optional()?)
    }

    /// The last request given for a dossier.
    pub fn last_supplement_request(&self, dossier_id: i64) -> Result<Option<SupplementRequest>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SELECT_REQUEST} WHERE r.dossier_id = ?1 ORDER BY r.id DESC LIMIT 1"))?;
        Ok(stmt.query_row([dossier_id], request_from_row).optional()?)
    }

    /// Every request, newest first (at most `limit`).
    pub fn supplement_requests(&self, limit: usize) -> Result<Vec<SupplementRequest>> {
        let mut stmt = self.conn().prepare_cached(&format!("{SELECT_REQUEST} ORDER BY r.id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit as i64], request_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Where the dossier stands in the logbook: the volume ("Quyển số": the `book` setting, or
    /// the year received, a book a year) and its number in that year, in the logbook's order
    /// (received time, then code).
    pub fn book_entry(&self, d: &Dossier) -> Result<(String, u64)> {
        let year = d.received_at.year();
        let book = match self.setting("book")? {
            Some(b) if !b.trim().is_empty() => b,
            _ => year.to_string(),
        };
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM dossiers WHERE received_at >= ?1 AND (received_at < ?2 OR (received_at = ?2 AND code <= ?3))",
            params![format!("{year:04}-01-01"), ts(d.received_at), d.code],
            |r| r.get(0),
        )?;
        Ok((book, n as u64))
    }

    /// How many dossiers of `year` were received before `before` (the logbook's first STT).
    pub fn book_position_before(&self, before: chrono::NaiveDate) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM dossiers WHERE received_at >= ?1 AND received_at < ?2",
            params![format!("{:04}-01-01", before.year()), super::day(before)],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}
