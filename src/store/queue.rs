//! The queue and the search: pages of dossiers read by key (never OFFSET), so scrolling a
//! million dossiers costs the same on the first page and the last.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Row;

use super::{day, Store};
use crate::domain::dossier::Channel;
use crate::domain::status::Status;
use crate::domain::text::fold;

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
    /// Due dates within [from, to] (either end open): the dashboard's buckets.
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
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
    pub assignee: String,
    pub phone: String,
    pub version: i64,
}

/// Where a page starts or ends: the sort key of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKey {
    pub sort: String,
    pub id: i64,
}

impl QueueRow {
    pub fn key(&self) -> QueueKey {
        QueueKey { sort: day(self.due_date), id: self.id }
    }
}

pub(super) const PENDING: &str = "d.status IN ('received', 'in_progress', 'supplement')";
pub(super) const COLUMNS: &str =
    "d.id, d.code, d.applicant_name, p.name, d.field, d.status, d.channel, d.due_date, d.assignee, \
                       d.phone, d.version";

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
    })
}

/// Which way a page is read from its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The first page, or the rows after the key.
    Forward,
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
        if let Some(d) = self.due_from {
            w.push("d.due_date >= ?".into());
            p.push(Value::Text(day(d)));
        }
        if let Some(d) = self.due_to {
            w.push("d.due_date <= ?".into());
            p.push(Value::Text(day(d)));
        }
        (w.join(" AND "), p)
    }
}

/// A search: what the clerk typed, read as a code, a phone, an ID number or a name.
fn search_clause(text: &str) -> Option<(String, Vec<Value>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let digits: String = t.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    let glob = |s: &str| Value::Text(format!("{}*", s.replace(['*', '?', '['], "")));
    if t.contains('-') && t.chars().any(|c| c.is_ascii_digit()) {
        return Some(("d.code GLOB ?".into(), vec![glob(&t.to_uppercase())]));
    }
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(("(d.phone GLOB ?1 OR d.applicant_id GLOB ?1)".into(), vec![glob(&digits)]));
    }
    Some(("d.name_key GLOB ?".into(), vec![glob(&fold(t))]))
}

impl Store {
    /// One page of the queue, most urgent first (due date, then intake order).
    pub fn queue_page(
        &self,
        f: &QueueFilter,
        from: Option<&QueueKey>,
        dir: Direction,
        limit: usize,
    ) -> Result<Vec<QueueRow>> {
        let (mut w, mut p) = f.clause();
        if let Some(k) = from {
            w.push_str(if dir == Direction::Forward {
                " AND (d.due_date, d.id) > (?, ?)"
            } else {
                " AND (d.due_date, d.id) < (?, ?)"
            });
            p.push(Value::Text(k.sort.clone()));
            p.push(Value::Integer(k.id));
        }
        let order = if dir == Direction::Forward { "d.due_date, d.id" } else { "d.due_date DESC, d.id DESC" };
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
                        "SELECT count(*) FROM dossiers d WHERE {w} AND (d.due_date, d.id) < (?, ?)"
                    ))?
                    .query_row(rusqlite::params_from_iter(p), |r| r.get::<_, i64>(0))?
            }
        };
        Ok((total as u64, ahead as u64))
    }

    /// Dossiers of any status matching a code, phone, ID number or name typed with or without
    /// diacritics, in index order, after `from` (a previous page's last row).
    pub fn search(&self, text: &str, from: Option<&QueueKey>, limit: usize) -> Result<Vec<QueueRow>> {
        let Some((w, mut p)) = search_clause(text) else {
            return Ok(vec![]);
        };
        // The name index orders by name_key; codes, phones and IDs by code.
        let sort = if w.contains("name_key") { "d.name_key" } else { "d.code" };
        let mut cond = w;
        if let Some(k) = from {
            cond = format!("({cond}) AND ({sort}, d.id) > (?, ?)");
            p.push(Value::Text(k.sort.clone()));
            p.push(Value::Integer(k.id));
        }
        let sql = format!(
            "SELECT {COLUMNS}, {sort} FROM dossiers d JOIN procedures p ON p.code = d.procedure_code \
             WHERE {cond} ORDER BY {sort}, d.id LIMIT {limit}"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(p), row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The sort key a search page continues from (the search orders by name or by code).
    pub fn search_key(text: &str, r: &QueueRow) -> QueueKey {
        match search_clause(text) {
            Some((w, _)) if w.contains("name_key") => QueueKey { sort: fold(&r.applicant_name), id: r.id },
            _ => QueueKey { sort: r.code.clone(), id: r.id },
        }
    }

    /// How many dossiers a search finds, counted up to `cap` (a common surname matches
    /// hundreds of thousands; "1.000+" is all a clerk needs to know).
    pub fn search_count(&self, text: &str, cap: u64) -> Result<u64> {
        let Some((w, p)) = search_clause(text) else {
            return Ok(0);
        };
        let n: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM (SELECT 1 FROM dossiers d WHERE {w} LIMIT {cap})"))?
            .query_row(rusqlite::params_from_iter(p), |r| r.get(0))?;
        Ok(n as u64)
    }
}
