//! The queue and the search: pages of dossiers read by key (never OFFSET), so scrolling a
//! million dossiers costs the same on the first page and the last.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Row;

use super::{day, Store};
use crate::domain::clock::{Clock, PAUSED_KEY};
use crate::domain::dossier::Channel;
use crate::domain::status::Status;

/// The tabs of the queue screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Pending,
    Received,
    InProgress,
    Supplement,
    Ready,
    Mine,
}

impl Tab {
    pub const ALL: [Tab; 6] = [Tab::Pending, Tab::Received, Tab::InProgress, Tab::Supplement, Tab::Ready, Tab::Mine];
}

/// What the queue shows: a tab, narrowed by field, assignee, channel and due dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub tab: Option<Tab>,
    /// The acting login, for the "mine" tab.
    pub me: String,
    pub field: Option<String>,
    /// Some("") = unassigned.
    pub assignee: Option<String>,
    pub channel: Option<Channel>,
    /// Due dates within [from, to] (either end open): the dashboard's buckets. Either set
    /// means a running clock: a paused dossier has no due date to compare.
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Sent to another agency and not back: Some("") any agency, Some(code) that one.
    pub agency: Option<String>,
    /// Only the dossiers whose clock is stopped for the citizen's supplement.
    pub paused: bool,
}

/// A row of the queue (what the table shows, and what an action needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub id: i64,
    pub code: String,
    pub applicant_name: String,
    pub procedure_name: String,
    pub field: String,
    pub status: Status,
    pub channel: Channel,
    pub due_date: NaiveDate,
    /// Some(n): paused with n working days left ("tạm dừng, còn N ngày"), not overdue.
    pub paused_days_left: Option<u32>,
    pub assignee: String,
    pub phone: String,
    pub version: i64,
    /// The catalogue code, for the procedure's short and English names.
    pub procedure_code: String,
}

/// Where a page starts or ends: the sort key of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKey {
    pub sort: String,
    pub id: i64,
}

impl QueueRow {
    pub fn key(&self) -> QueueKey {
        QueueKey { sort: Clock { due: self.due_date, paused_days_left: self.paused_days_left }.sort_key(), id: self.id }
    }
}

/// How many matches of a name a page read from the top sorts before each tier reads on alone
/// (see name_search.rs): the count the screen shows, so counting costs nothing more.
const NAME_COUNT_CAP: u64 = 200;

pub(super) const PENDING: &str = "d.status IN ('received', 'in_progress', 'supplement')";
pub(super) const COLUMNS: &str =
    "d.id, d.code, d.applicant_name, p.name, d.field, d.status, d.channel, d.due_date, d.assignee, \
                       d.phone, d.version, d.paused_days_left, d.procedure_code";

pub(super) fn row(r: &Row) -> rusqlite::Result<QueueRow> {
    Ok(QueueRow {
        id: r.get(0)?,
        code: r.get(1)?,
        applicant_name: r.get(2)?,
        procedure_name: r.get(3)?,
        field: r.get(4)?,
        status: Status::parse(&r.get::<_, String>(5)?).unwrap_or(Status::Received),
        channel: Channel::parse(&r.get::<_, String>(6)?).unwrap_or(Channel::InPerson),
        due_date: NaiveDate::parse_from_str(&r.get::<_, String>(7)?, "%Y-%m-%d").unwrap_or_default(),
        assignee: r.get(8)?,
        phone: r.get(9)?,
        version: r.get(10)?,
        paused_days_left: r.get::<_, Option<i64>>(11)?.map(|n| n.max(0) as u32),
        procedure_code: r.get(12)?,
    })
}

/// Which way a page is read from its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The first page, or the rows after the key.
    Forward,
    /// The rows from the key on, the key's own row included (a page read again in place).
    At,
    /// The rows before the key (or the last page), returned in display order.
    Backward,
}

impl QueueFilter {
    /// The WHERE clause (written so SQLite can use the partial indexes) and its parameters.
    fn clause(&self) -> (String, Vec<Value>) {
        let mut w = vec![];
        let mut p: Vec<Value> = vec![];
        match self.tab.unwrap_or(Tab::Pending) {
            Tab::Ready => w.push("d.status = 'ready'".to_string()),
            tab => {
                w.push(PENDING.to_string());
                let status = match tab {
                    Tab::Received => Some(Status::Received),
                    Tab::InProgress => Some(Status::InProgress),
                    Tab::Supplement => Some(Status::Supplement),
                    _ => None,
                };
                if let Some(s) = status {
                    w.push(format!("d.status = '{}'", s.as_str()));
                }
                if tab == Tab::Mine {
                    w.push("d.assignee = ?".into());
                    p.push(Value::Text(self.me.clone()));
                }
            }
        }
        if let Some(f) = &self.field {
            w.push("d.field = ?".into());
            p.push(Value::Text(f.clone()));
        }
        if let Some(a) = &self.assignee {
            w.push("d.assignee = ?".into());
            p.push(Value::Text(a.clone()));
        }
        if let Some(c) = self.channel {
            w.push("d.channel = ?".into());
            p.push(Value::Text(c.as_str().into()));
        }
        if let Some(a) = &self.agency {
            // `sent_at IS NOT NULL` repeats the partial index's condition (dossiers_pending_agency).
            w.push("d.sent_at IS NOT NULL".into());
            if !a.is_empty() {
                w.push("d.handling_agency = ?".into());
                p.push(Value::Text(a.clone()));
            }
        }
        // On sort_due (clock.rs): a date while the clock runs, after every date when it stops.
        if let Some(d) = self.due_from {
            w.push("d.sort_due >= ?".into());
            p.push(Value::Text(day(d)));
        }
        if let Some(d) = self.due_to {
            w.push("d.sort_due <= ?".into());
            p.push(Value::Text(day(d)));
        }
        if self.due_from.is_some() || self.due_to.is_some() {
            w.push(format!("d.sort_due < '{PAUSED_KEY}'"));
        }
        if self.paused {
            w.push(format!("d.sort_due >= '{PAUSED_KEY}'"));
        }
        (w.join(" AND "), p)
    }
}

/// A search: what the clerk typed, read as a code, a phone, an ID number or a name.
/// One way a search matches: a condition on an indexed column, read in that column's order.
struct Part {
    cond: &'static str,
    sort: &'static str,
    arg: Value,
}

/// How a search is read.
enum Query {
    Nothing,
    /// A code, a phone or an ID number: prefixes of indexed columns.
    Parts(Vec<Part>),
    /// Words of a name, folded.
    Name(Vec<String>),
}

/// A dossier code as typed: whole, or as printed short without the agency ("240207-0001").
fn is_code(t: &str) -> bool {
    let (date, _) = t.split_once('-').unwrap_or((t, ""));
    t.contains('-') && (date.contains('.') || (date.len() == 6 && date.chars().all(|c| c.is_ascii_digit())))
}

/// A code, a phone or ID number, or a name (without diacritics). Digits may be a phone or an ID
/// number (both start with 0): both are looked up, each by its own index; a phone may be typed
/// with +84, spaces, dots or dashes.
fn read_query(text: &str, agency: &str) -> Query {
    let t = text.trim();
    if t.is_empty() {
        return Query::Nothing;
    }
    let glob = |s: &str| Value::Text(format!("{}*", s.replace(['*', '?', '['], "")));
    if is_code(t) {
        let code = t.to_uppercase();
        let whole = if code.starts_with(|c: char| c.is_ascii_digit()) && !code.contains('.') {
            format!("{agency}-{code}")
        } else {
            code
        };
        return Query::Parts(vec![Part { cond: "d.code GLOB ?", sort: "d.code", arg: glob(&whole) }]);
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '(' | ')')).collect();
    let digits = match compact.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return Query::Parts(vec![
            // `<> ''` repeats the partial indexes' condition so SQLite uses them.
            Part { cond: "d.phone <> '' AND d.phone GLOB ?", sort: "d.phone", arg: glob(&digits) },
            Part { cond: "d.applicant_id <> '' AND d.applicant_id GLOB ?", sort: "d.applicant_id", arg: glob(&digits) },
        ]);
    }
    match super::names::words(t) {
        w if w.is_empty() => Query::Nothing,
        w => Query::Name(w),
    }
}

/// Where a name search's page continues: among the pending ("A" and the queue's sort key), or
/// among the others, newest first by id: "B0" where the last word typed is a whole word of the
/// name, "B1" where it only starts one.
fn name_key(words: &[String], r: &QueueRow) -> QueueKey {
    if r.status.is_pending() {
        return QueueKey { sort: format!("A{}", r.key().sort), id: r.id };
    }
    let whole = words.last().is_some_and(|w| super::names::words(&r.applicant_name).contains(w));
    QueueKey { sort: if whole { "B0" } else { "B1" }.into(), id: r.id }
}

impl Store {
    fn agency_code(&self) -> Result<String> {
        Ok(self.settings()?.agency_code)
    }

    /// One page of the queue, most urgent first (due date, then intake order; the paused ones
    /// last, fewest days left first).
    pub fn queue_page(
        &self,
        f: &QueueFilter,
        from: Option<&QueueKey>,
        dir: Direction,
        limit: usize,
    ) -> Result<Vec<QueueRow>> {
        let (mut w, mut p) = f.clause();
        if let Some(k) = from {
            w.push_str(match dir {
                Direction::Forward => " AND (d.sort_due, d.id) > (?, ?)",
                Direction::At => " AND (d.sort_due, d.id) >= (?, ?)",
                Direction::Backward => " AND (d.sort_due, d.id) < (?, ?)",
            });
            p.push(Value::Text(k.sort.clone()));
            p.push(Value::Integer(k.id));
        }
        let order = if dir == Direction::Backward { "d.sort_due DESC, d.id DESC" } else { "d.sort_due, d.id" };
        let sql = format!(
            "SELECT {COLUMNS} FROM dossiers d JOIN procedures p ON p.code = d.procedure_code \
             WHERE {w} ORDER BY {order} LIMIT {limit}"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows: Vec<QueueRow> =
            stmt.query_map(rusqlite::params_from_iter(p), row)?.collect::<rusqlite::Result<_>>()?;
        if dir == Direction::Backward {
            rows.reverse();
        }
        Ok(rows)
    }

    /// How many dossiers the filter shows, and how many come before `key` (for "21–40 / 31.245").
    pub fn queue_count(&self, f: &QueueFilter, before: Option<&QueueKey>) -> Result<(u64, u64)> {
        let (w, p) = f.clause();
        let total: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM dossiers d WHERE {w}"))?
            .query_row(rusqlite::params_from_iter(p.clone()), |r| r.get(0))?;
        let ahead = match before {
            None => 0,
            Some(k) => {
                let mut p = p;
                p.push(Value::Text(k.sort.clone()));
                p.push(Value::Integer(k.id));
                self.conn()
                    .prepare_cached(&format!(
                        "SELECT count(*) FROM dossiers d WHERE {w} AND (d.sort_due, d.id) < (?, ?)"
                    ))?
                    .query_row(rusqlite::params_from_iter(p), |r| r.get::<_, i64>(0))?
            }
        };
        Ok((total as u64, ahead as u64))
    }

    /// Dossiers of any status matching a code, phone, ID number or name typed with or without
    /// diacritics, after `from` (a previous page's last row). A name: the pending dossiers
    /// first, most urgent first, then the others, newest first.
    pub fn search(&self, text: &str, from: Option<&QueueKey>, limit: usize) -> Result<Vec<QueueRow>> {
        match read_query(text, &self.agency_code()?) {
            Query::Nothing => Ok(vec![]),
            Query::Name(words) => Ok(self.search_name(&words, from, limit, NAME_COUNT_CAP)?.0),
            Query::Parts(parts) => self.search_parts(&parts, from, limit),
        }
    }

    /// A page of a search and how many dossiers it finds, counted up to `cap` (what the search
    /// box shows as the clerk types): a name's page counts as it reads, the rest apart.
    pub fn search_counted(
        &self,
        text: &str,
        from: Option<&QueueKey>,
        limit: usize,
        cap: u64,
    ) -> Result<(Vec<QueueRow>, u64)> {
        let (rows, count) = match read_query(text, &self.agency_code()?) {
            Query::Nothing => (vec![], Some(0)),
            Query::Name(words) => self.search_name(&words, from, limit, cap)?,
            Query::Parts(parts) => (self.search_parts(&parts, from, limit)?, None),
        };
        let count = match count {
            Some(n) => n,
            None => self.search_count(text, cap)?,
        };
        Ok((rows, count))
    }

    fn search_parts(&self, parts: &[Part], from: Option<&QueueKey>, limit: usize) -> Result<Vec<QueueRow>> {
        // Digits look in two indexes: their first page is all a clerk needs (more digits narrow it).
        if parts.is_empty() || (parts.len() > 1 && from.is_some()) {
            return Ok(vec![]);
        }
        // Digits (a phone or an ID number): the pending dossiers first, most urgent first, read
        // in the queue's order from their own small index; then the others, by the indexes.
        let digits = parts.len() > 1;
        let mut rows: Vec<QueueRow> = vec![];
        if digits {
            let any = parts.iter().map(|p| format!("({})", p.cond)).collect::<Vec<_>>().join(" OR ");
            let sql = format!(
                "SELECT {COLUMNS} FROM dossiers d INDEXED BY dossiers_pending \
                 JOIN procedures p ON p.code = d.procedure_code \
                 WHERE {PENDING} AND ({any}) ORDER BY d.sort_due, d.id LIMIT {limit}"
            );
            let args = parts.iter().map(|p| p.arg.clone());
            let mut stmt = self.conn().prepare_cached(&sql)?;
            rows = stmt.query_map(rusqlite::params_from_iter(args), row)?.collect::<rusqlite::Result<_>>()?;
            if rows.len() >= limit {
                return Ok(rows);
            }
        }
        let limit = limit - rows.len();
        let mut p = vec![];
        let mut selects = vec![];
        for part in parts {
            let mut cond = part.cond.to_string();
            if digits {
                cond = format!("{cond} AND NOT {PENDING}");
            }
            p.push(part.arg.clone());
            if let Some(k) = from {
                cond = format!("{cond} AND ({}, d.id) > (?2, ?3)", part.sort);
                p.push(Value::Text(k.sort.clone()));
                p.push(Value::Integer(k.id));
            }
            // The page's keys come from the index alone; then only the page's rows are read.
            selects.push(format!(
                "SELECT * FROM (SELECT {COLUMNS} FROM \
                   (SELECT d.id AS kid, {sort} AS ks FROM dossiers d WHERE {cond} ORDER BY {sort}, d.id LIMIT {limit}) k \
                 JOIN dossiers d ON d.id = k.kid JOIN procedures p ON p.code = d.procedure_code \
                 ORDER BY k.ks, k.kid)",
                sort = part.sort
            ));
        }
        let sql = format!("{} LIMIT {limit}", selects.join(" UNION ALL "));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        for r in stmt.query_map(rusqlite::params_from_iter(p), row)? {
            rows.push(r?);
        }
        Ok(rows)
    }

    /// The sort key a search page continues from.
    pub fn search_key(text: &str, r: &QueueRow) -> QueueKey {
        match read_query(text, "") {
            Query::Name(words) => name_key(&words, r),
            _ => QueueKey { sort: r.code.clone(), id: r.id },
        }
    }

    /// How many dossiers a search finds, counted up to `cap` (a common surname matches
    /// hundreds of thousands; "1.000+" is all a clerk needs to know).
    pub fn search_count(&self, text: &str, cap: u64) -> Result<u64> {
        let mut n = 0;
        match read_query(text, &self.agency_code()?) {
            Query::Nothing => {}
            Query::Name(words) => {
                let sql = format!(
                    "SELECT count(*) FROM (SELECT 1 FROM dossier_names WHERE dossier_names MATCH ?1 LIMIT {cap})"
                );
                let q = super::names::fts_query(&words);
                n = self.conn().prepare_cached(&sql)?.query_row([q], |r| r.get::<_, i64>(0))? as u64;
            }
            Query::Parts(parts) => {
                for part in parts {
                    let sql =
                        format!("SELECT count(*) FROM (SELECT 1 FROM dossiers d WHERE {} LIMIT {cap})", part.cond);
                    n += self.conn().prepare_cached(&sql)?.query_row([part.arg], |r| r.get::<_, i64>(0))? as u64;
                }
            }
        }
        Ok(n.min(cap))
    }
}
