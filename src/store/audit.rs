//! The control sheets as one keyed chain. Every event is chained to the one before it by an
//! HMAC-SHA256 of its own content over the previous event's MAC, with a key kept in a file beside
//! the database (`DB.key`) that only the office's group (or the owner of a personal file) can read.
//! Each write's last event also carries the seal of its dossier's row as the event left it
//! (`row_hash`), so a dossier changed without an event no longer matches the seal of its last event.
//!
//! Where the MACs are kept (issue 14, database size): the previous MAC is not stored (it is the
//! MAC of the row before, which `verify` recomputes as it walks), and an event's own MAC is stored
//! only at a checkpoint: an event that carries a row seal, i.e. the last event of every write (a
//! clerk's write is one event, all checkpoints; the bulk loader and the logbook import write a
//! dossier's whole history at once and seal its last event). Between two checkpoints the MACs are
//! recomputed in order and the next stored one must match, so any edit, insertion or deletion in
//! between is still found — named as a range of events (one dossier's history in a bulk load)
//! instead of a single row; a deletion is named exactly by the gap it leaves in the event ids. The
//! last event is always a checkpoint, so the chain's head is still read in one lookup.
//!
//! Rows are read generically: every stored column by name, in name order, except the chain's
//! own (`id`, `prev_hash`, `hash`). A column whose value is NULL or its declared default is left
//! out, so a later migration that adds a column with a default keeps every existing hash valid;
//! values are hashed as text (blobs as bytes), so SQLite's type affinity cannot change a hash.
//! A migration that rewrites existing values must call [`rechain`].
//!
//! Without the key nobody can write a row that verifies; with the key (root) a rewritten chain
//! is still found against an anchor (count + head) printed on the period report and written
//! beside every backup. The guard triggers stop careless SQL; `verify` checks they are there.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use hmac::{Hmac, Mac};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use sha2::Sha256;

use super::{Refusal, Store};

pub type Hash = [u8; 32];
pub type Key = [u8; 32];

/// What the first event is chained to.
pub const GENESIS: Hash = [0; 32];

/// The columns of their own table the chain never covers (`prev_hash`: schemas before issue 14).
const CHAIN_COLUMNS: &[&str] = &["id", "prev_hash", "hash"];

/// The triggers that stop SQL from changing history by accident.
pub const GUARDS: &[&str] = &["events_keep_update", "events_keep_delete", "dossiers_keep_delete"];

const GUARD_SQL: &str = "CREATE TRIGGER IF NOT EXISTS events_keep_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'motcua: events are never changed'); END;
     CREATE TRIGGER IF NOT EXISTS events_keep_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'motcua: events are never deleted'); END;
     CREATE TRIGGER IF NOT EXISTS dossiers_keep_delete BEFORE DELETE ON dossiers
       BEGIN SELECT RAISE(ABORT, 'motcua: dossiers are never deleted; withdraw them'); END;";

// ---- the key ----------------------------------------------------------------------------

/// `motcua.db` → `motcua.db.key`.
pub fn key_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".key");
    PathBuf::from(p)
}

/// Reads the key beside `db`; None when there is no key file.
pub fn load_key(db: &Path) -> Result<Option<Key>> {
    let path = key_path(db);
    let mut f = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(Refusal::KeyUnreadable(path).into()),
    };
    let mut key = [0u8; 32];
    f.read_exact(&mut key).map_err(|_| Refusal::KeyUnreadable(path.clone()))?;
    Ok(Some(key))
}

/// Makes a new random key beside `db`, readable by its owner only (0600), or by its owner and
/// group (0640) when `group` is given (the setup of a shared server; root owns it there).
pub fn create_key(db: &Path, group: Option<u32>) -> Result<Key> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let path = key_path(db);
    let mut key = [0u8; 32];
    std::fs::File::open("/dev/urandom").and_then(|mut r| r.read_exact(&mut key)).context("/dev/urandom")?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| path.display().to_string())?;
    f.write_all(&key).and_then(|_| f.sync_all()).with_context(|| path.display().to_string())?;
    if let Some(gid) = group {
        std::os::unix::fs::chown(&path, Some(0), Some(gid)).with_context(|| path.display().to_string())?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))?;
    }
    Ok(key)
}

/// A private random key (in-memory databases).
pub fn random_key() -> Key {
    let mut key = [0u8; 32];
    let _ = std::fs::File::open("/dev/urandom").and_then(|mut r| r.read_exact(&mut key));
    key
}

thread_local! {
    /// The key of the store whose write is running on this thread: set by `Store::write` and
    /// `migrate` for the length of the transaction, so that the code appending events (in
    /// dossiers.rs, bulk.rs, migrations) need not carry it through every signature.
    static KEY: RefCell<Option<Key>> = const { RefCell::new(None) };
}

/// Sets this thread's key until the returned guard is dropped (then the one before is back).
pub(crate) struct KeyScope(Option<Key>);

pub(crate) fn key_scope(key: Option<Key>) -> KeyScope {
    KeyScope(KEY.with(|k| k.replace(key)))
}

impl Drop for KeyScope {
    fn drop(&mut self) {
        let old = self.0.take();
        KEY.with(|k| *k.borrow_mut() = old);
    }
}

/// This thread's key (see [`key_scope`]): the seals' SQL function reads it.
pub(crate) fn thread_key() -> Option<Key> {
    KEY.with(|k| *k.borrow())
}

pub(crate) fn mac_with(key: &Key) -> Hmac<Sha256> {
    mac_of(key)
}

fn current_key() -> Result<Key> {
    KEY.with(|k| *k.borrow()).ok_or_else(|| Refusal::NoKey.into())
}

fn mac_of(key: &Key) -> Hmac<Sha256> {
    Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length")
}

// ---- reading rows generically -----------------------------------------------------------

/// One table as the chain reads it: the stored columns in name order, each with the canonical
/// bytes of its declared default (None: no default, i.e. NULL).
#[derive(Clone)]
pub struct Layout {
    table: &'static str,
    cols: Vec<(String, Option<Canon>)>,
}

/// A stored value as the chain hashes it: a tag (`t` text, `b` blob) and its bytes.
type Canon = (u8, Vec<u8>);

/// A value as the chain hashes it: None for NULL; text for integers, reals and text (so that
/// column affinity cannot change it); bytes for blobs.
fn canon(v: ValueRef) -> Option<Canon> {
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some((b't', i.to_string().into_bytes())),
        ValueRef::Real(f) => Some((b't', f.to_string().into_bytes())),
        ValueRef::Text(t) => Some((b't', t.to_vec())),
        ValueRef::Blob(b) => Some((b'b', b.to_vec())),
    }
}

/// `i` in decimal, written into `buf` (what `i.to_string()` gives).
fn integer_text(i: i64, buf: &mut [u8; 32]) -> &[u8] {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// A declared default as the chain hashes it. Literals are read here (the usual '' and 0);
/// anything else is asked of SQLite.
fn default_value(conn: &Connection, sql: &str) -> Result<Option<Canon>> {
    let t = sql.trim();
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') && !t[1..t.len() - 1].replace("''", "").contains('\'') {
        return Ok(Some((b't', t[1..t.len() - 1].replace("''", "'").into_bytes())));
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(Some((b't', i.to_string().into_bytes())));
    }
    if t.eq_ignore_ascii_case("null") {
        return Ok(None);
    }
    let v: Value = conn.query_row(&format!("SELECT {t}"), [], |r| r.get(0))?;
    Ok(canon((&v).into()))
}

impl Layout {
    pub fn of(conn: &Connection, table: &'static str) -> Result<Layout> {
        let mut cols = Vec::new();
        let mut stmt = conn.prepare_cached("SELECT name, dflt_value, hidden FROM pragma_table_xinfo(?1)")?;
        let mut rows = stmt.query([table])?;
        while let Some(r) = rows.next()? {
            let (name, dflt, hidden): (String, Option<String>, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            // hidden: 2 and 3 are generated columns, computed from the others.
            if hidden != 0 || (table == "events" || table == "dossiers") && CHAIN_COLUMNS.contains(&name.as_str()) {
                continue;
            }
            let default = match dflt {
                None => None,
                Some(sql) => default_value(conn, &sql)?,
            };
            cols.push((name, default));
        }
        cols.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Layout { table, cols })
    }

    /// Feeds the columns (values aligned with `self.cols`) into `mac`, each length-prefixed so
    /// no two different rows give the same bytes.
    fn feed<'v>(&self, mac: &mut Hmac<Sha256>, values: impl Iterator<Item = ValueRef<'v>>) {
        mac.update(self.table.as_bytes());
        // The same bytes as `canon` gives, without allocating: the demo feeds millions of values.
        let mut digits = [0u8; 32];
        for ((name, default), v) in self.cols.iter().zip(values) {
            let real;
            let (tag, bytes): (u8, &[u8]) = match v {
                ValueRef::Null => continue,
                ValueRef::Integer(i) => (b't', integer_text(i, &mut digits)),
                ValueRef::Real(f) => {
                    real = f.to_string();
                    (b't', real.as_bytes())
                }
                ValueRef::Text(t) => (b't', t),
                ValueRef::Blob(b) => (b'b', b),
            };
            if default.as_ref().is_some_and(|(t, d)| *t == tag && d.as_slice() == bytes) {
                continue;
            }
            mac.update(&(name.len() as u32).to_le_bytes());
            mac.update(name.as_bytes());
            mac.update(&[tag]);
            mac.update(&(bytes.len() as u64).to_le_bytes());
            mac.update(bytes);
        }
    }

    /// The positions of this layout's columns in a statement's result.
    fn positions(&self, names: &[String]) -> Result<Vec<usize>> {
        self.cols
            .iter()
            .map(|(c, _)| names.iter().position(|n| n == c).ok_or_else(|| anyhow::anyhow!("column {c} not selected")))
            .collect()
    }
}

fn values_of<'r>(row: &'r rusqlite::Row, at: &'r [usize]) -> impl Iterator<Item = ValueRef<'r>> + 'r {
    at.iter().map(move |&i| row.get_ref(i).unwrap_or(ValueRef::Null))
}

/// An event's time as the app shows it: stored as seconds of the naive local time since issue
/// 14 (see `super::event_at`), as text before.
fn event_time(v: ValueRef) -> String {
    match v {
        ValueRef::Integer(i) => super::from_event_at(i).map(super::ts).unwrap_or_default(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        _ => String::new(),
    }
}

/// Two MACs compared in constant time (as `Mac::verify_slice` does).
fn same_mac(a: &Hash, b: &Hash) -> bool {
    a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn as_hash(v: ValueRef) -> Option<Hash> {
    match v {
        ValueRef::Blob(b) => b.try_into().ok(),
        _ => None,
    }
}

// ---- writing ----------------------------------------------------------------------------

type Layouts = (Layout, Layout, Vec<usize>);

thread_local! {
    /// The two tables' layouts, by database file and schema version: read once, not on every
    /// event (a 60,000-row import appends some 200,000).
    static LAYOUTS: RefCell<HashMap<(String, i64), Layouts>> = RefCell::new(HashMap::new());
}

fn layouts(conn: &Connection) -> Result<Layouts> {
    let version: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    let file = conn.path().unwrap_or("").to_string();
    // An in-memory database has no name: never cached, as two of them may differ.
    if !file.is_empty() {
        if let Some(l) = LAYOUTS.with(|c| c.borrow().get(&(file.clone(), version)).cloned()) {
            return Ok(l);
        }
    }
    let dossiers = Layout::of(conn, "dossiers")?;
    let names: Vec<String> =
        conn.prepare("SELECT * FROM dossiers LIMIT 0")?.column_names().iter().map(|s| s.to_string()).collect();
    let l = (Layout::of(conn, "events")?, dossiers.clone(), dossiers.positions(&names)?);
    if !file.is_empty() {
        LAYOUTS.with(|c| c.borrow_mut().insert((file, version), l.clone()));
    }
    Ok(l)
}

/// Appends events to the chain inside one write transaction. `record_event` makes one per
/// event; the demo's bulk loader keeps one for the whole load.
pub struct Chain<'c> {
    conn: &'c Connection,
    events: Layout,
    dossiers: Layout,
    dossier_cols: Vec<usize>,
    mac: Hmac<Sha256>,
    prev: Hash,
    /// The column names of the last insert and its SQL text.
    insert: (Vec<String>, String),
}

impl<'c> Chain<'c> {
    pub fn begin(conn: &'c Connection) -> Result<Chain<'c>> {
        let key = current_key()?;
        let (events, dossiers, dossier_cols) = layouts(conn)?;
        Ok(Chain {
            conn,
            events,
            dossiers,
            dossier_cols,
            mac: mac_of(&key),
            prev: last_hash(conn)?,
            insert: (Vec::new(), String::new()),
        })
    }

    /// The seal of a dossier's row as it is now.
    pub fn seal(&self, dossier_id: i64) -> Result<Hash> {
        let mut stmt = self.conn.prepare_cached("SELECT * FROM dossiers WHERE id = ?1")?;
        let mut rows = stmt.query([dossier_id])?;
        let row = rows.next()?.ok_or_else(|| anyhow::anyhow!("dossier {dossier_id} not found"))?;
        let mut mac = self.mac.clone();
        self.dossiers.feed(&mut mac, values_of(row, &self.dossier_cols));
        Ok(mac.finalize().into_bytes().into())
    }

    /// Inserts an event from its columns by name (not `row_hash` or the chain's columns), with
    /// the seal of its dossier as it is now.
    pub fn append(&mut self, values: &[(&str, ValueRef)]) -> Result<()> {
        let id = values
            .iter()
            .find_map(|(n, v)| match (n, v) {
                (&"dossier_id", ValueRef::Integer(i)) => Some(*i),
                _ => None,
            })
            .ok_or_else(|| anyhow::anyhow!("an event needs dossier_id"))?;
        let seal = self.seal(id)?;
        self.append_sealed(values, Some(seal))
    }

    /// As `append`, with the seal given (None: the event leaves no seal; the bulk loader seals
    /// only each dossier's last event, the row being inserted in its final state). A sealed event
    /// is a checkpoint and keeps its MAC; an unsealed one does not (see the module doc), so the
    /// last event a write appends must be sealed: the next write chains to its stored MAC.
    pub fn append_sealed(&mut self, values: &[(&str, ValueRef)], seal: Option<Hash>) -> Result<()> {
        let seal_value = match &seal {
            Some(s) => ValueRef::Blob(s),
            None => ValueRef::Null,
        };
        let lookup = |c: &str| -> ValueRef {
            if c == "row_hash" {
                return seal_value;
            }
            values.iter().find(|(n, _)| *n == c).map(|(_, v)| *v).unwrap_or(ValueRef::Null)
        };
        let mut mac = self.mac.clone();
        mac.update(&self.prev);
        self.events.feed(&mut mac, self.events.cols.iter().map(|(c, _)| lookup(c)));
        let hash: Hash = mac.finalize().into_bytes().into();
        // The statement's text depends only on the column names: built once per set of names.
        if self.insert.0.len() != values.len() || self.insert.0.iter().zip(values).any(|(a, (b, _))| a != b) {
            let mut names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
            names.extend(["row_hash", "hash"]);
            let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO events({}) VALUES ({})", names.join(", "), marks.join(", "));
            self.insert = (values.iter().map(|(n, _)| n.to_string()).collect(), sql);
        }
        let stored = match seal {
            Some(_) => ValueRef::Blob(&hash),
            None => ValueRef::Null,
        };
        let args = values.iter().map(|(_, v)| *v).chain([seal_value, stored]).map(ToSqlOutput::Borrowed);
        self.conn.prepare_cached(&self.insert.1)?.execute(params_from_iter(args))?;
        self.prev = hash;
        Ok(())
    }
}

/// The hash the next event chains to. Called inside the write transaction, so writers queue.
pub fn last_hash(conn: &Connection) -> Result<Hash> {
    let last: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT hash FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(last.flatten().and_then(|h| h.try_into().ok()).unwrap_or(GENESIS))
}

/// Migration to schema 2: the guard triggers (the chain itself is made by [`rechain`] in the
/// migrations that change what it covers).
pub fn forbid_changes(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(GUARD_SQL)
}

/// After the events table is rebuilt (schema.rs COMPACT_EVENTS): its guards back, and the
/// chain recomputed, as every event's time is now hashed as its integer.
pub fn after_compact_events(conn: &Connection) -> rusqlite::Result<()> {
    lock_events(conn)?;
    schedule_rechain(conn)
}

/// Lets a migration rewrite event rows (then [`rechain`] and [`lock_events`]).
pub(crate) fn unlock_events(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("DROP TRIGGER IF EXISTS events_keep_update; DROP TRIGGER IF EXISTS events_keep_delete;")
}

pub(crate) fn lock_events(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(GUARD_SQL)
}

/// Recomputes the whole chain with this thread's key, every dossier's last event sealing its
/// row as it is now, in one go (see [`schedule_rechain`] for the migrations' way).
pub fn rechain(conn: &Connection) -> rusqlite::Result<()> {
    schedule_rechain(conn)?;
    while !rechain_step(conn, None)? {}
    Ok(())
}

/// What is left of a rechain: the next event to recompute and the hash it chains to. Kept in
/// the database so that a rechain cut short (a crash, a power cut) goes on at the next open.
const PENDING_SQL: &str = "CREATE TABLE IF NOT EXISTS rechain_pending (
    one     INTEGER PRIMARY KEY CHECK (one = 1),
    next_id INTEGER NOT NULL,
    prev    BLOB NOT NULL,
    step_at INTEGER NOT NULL DEFAULT 0
);";

/// Milliseconds since the epoch (when a rechain's last step ran: see [`rechain_is_stalled`]).
fn epoch_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// True when a pending rechain has not moved for two seconds: whoever ran it stopped (a crash),
/// and the process opening the database takes it over. Otherwise a clerk opening motcua
/// meanwhile leaves it to the process doing it, and gets to work at once.
pub fn rechain_is_stalled(conn: &Connection) -> rusqlite::Result<bool> {
    if !rechain_pending(conn)? {
        return Ok(false);
    }
    let at: i64 = conn.query_row("SELECT step_at FROM rechain_pending WHERE one = 1", [], |r| r.get(0))?;
    Ok(epoch_ms() - at > 2000)
}

/// A migration that rewrites values (or changes what the chain covers) asks for the chain to be
/// recomputed from the first event; `Store::finish_rechain` does it after the migration's
/// transaction, in short batches, so that nobody waits on a million events at once.
pub fn schedule_rechain(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(PENDING_SQL)?;
    conn.execute(
        "INSERT INTO rechain_pending(one, next_id, prev, step_at) VALUES (1, 0, ?1, ?2)
         ON CONFLICT(one) DO UPDATE SET next_id = 0, prev = excluded.prev, step_at = excluded.step_at",
        rusqlite::params![&GENESIS[..], epoch_ms()],
    )?;
    Ok(())
}

/// True when a rechain is waiting (or was cut short).
pub fn rechain_pending(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'rechain_pending'",
        [],
        |r| r.get(0),
    )
}

/// Recomputes the events from where the last step stopped, inside the caller's transaction,
/// until `budget` has passed (None: to the end). The guard against updates is dropped and put
/// back within the step, so no committed state lacks it. True when the chain is done.
pub fn rechain_step(conn: &Connection, budget: Option<std::time::Duration>) -> rusqlite::Result<bool> {
    if !rechain_pending(conn)? {
        return Ok(true);
    }
    let start = std::time::Instant::now();
    let to_sql = |e: anyhow::Error| rusqlite::Error::ToSqlConversionFailure(e.into());
    let key = current_key().map_err(to_sql)?;
    let (from, mut prev): (i64, Vec<u8>) =
        conn.query_row("SELECT next_id, prev FROM rechain_pending WHERE one = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut prev: Hash = std::mem::take(&mut prev).try_into().unwrap_or(GENESIS);
    conn.execute_batch("DROP TRIGGER IF EXISTS events_keep_update;")?;
    let events = Layout::of(conn, "events").map_err(to_sql)?;
    let chain = Chain::begin(conn).map_err(to_sql)?;
    let mut last_of = conn.prepare_cached("SELECT max(id) FROM events WHERE dossier_id = ?1")?;
    let mut read = conn.prepare("SELECT * FROM events WHERE id >= ?1 ORDER BY id")?;
    let names: Vec<String> = read.column_names().iter().map(|s| s.to_string()).collect();
    let at = events.positions(&names).map_err(to_sql)?;
    let pos = |n: &str| names.iter().position(|c| c == n);
    let (id_at, dossier_at) = (pos("id").unwrap_or(0), pos("dossier_id").unwrap_or(0));
    // Before the keyed-chain migration adds `row_hash`, a rechain has no seals to write.
    let seal_at = pos("row_hash");
    // Since issue 14 no event keeps the previous MAC, and only checkpoints keep their own: the
    // events sealed now (each dossier's last) and those that kept a MAC before (every event of a
    // database made before issue 14), so a rechain names a changed row as closely as before.
    let checkpoints = pos("prev_hash").is_none();
    let hash_at = pos("hash");
    let mut write = conn.prepare(match (seal_at.is_some(), checkpoints) {
        (true, true) => "UPDATE events SET row_hash = ?1, hash = ?3 WHERE id = ?4 AND ?2 IS NOT NULL",
        (true, false) => "UPDATE events SET row_hash = ?1, prev_hash = ?2, hash = ?3 WHERE id = ?4",
        (false, _) => "UPDATE events SET prev_hash = ?2, hash = ?3 WHERE id = ?4 AND ?1 IS NULL",
    })?;
    let mut rows = read.query([from])?;
    let base = mac_of(&key);
    let (mut next, mut done) = (None, 0u64);
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(id_at)?;
        // At least one event a step, however short the budget.
        if done > 0 && budget.is_some_and(|b| start.elapsed() >= b) {
            next = Some(id);
            break;
        }
        done += 1;
        let dossier: i64 = r.get(dossier_at)?;
        let last: Option<i64> = last_of.query_row([dossier], |r| r.get(0))?;
        let seal = match seal_at {
            Some(_) if last == Some(id) => Some(chain.seal(dossier).map_err(to_sql)?),
            _ => None,
        };
        let seal_value = seal.map(|s| Value::Blob(s.to_vec()));
        let mut mac = base.clone();
        mac.update(&prev);
        let vals = at.iter().map(|&i| {
            if Some(i) == seal_at {
                seal_value.as_ref().map(ValueRef::from).unwrap_or(ValueRef::Null)
            } else {
                r.get_ref(i).unwrap_or(ValueRef::Null)
            }
        });
        events.feed(&mut mac, vals);
        let hash: Hash = mac.finalize().into_bytes().into();
        let was_checkpoint = hash_at.is_some_and(|i| !matches!(r.get_ref(i), Ok(ValueRef::Null)));
        let stored = (!checkpoints || seal.is_some() || was_checkpoint).then_some(&hash[..]);
        write.execute(rusqlite::params![seal_value, &prev[..], stored, id])?;
        prev = hash;
    }
    drop(rows);
    match next {
        Some(id) => {
            conn.execute(
                "UPDATE rechain_pending SET next_id = ?1, prev = ?2, step_at = ?3 WHERE one = 1",
                rusqlite::params![id, &prev[..], epoch_ms()],
            )?;
        }
        None => conn.execute_batch("DROP TABLE rechain_pending")?,
    }
    conn.execute_batch(GUARD_SQL)?;
    Ok(next.is_none())
}

// ---- checking ---------------------------------------------------------------------------

/// How the record was found wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// The event's content no longer matches its MAC.
    Changed,
    /// Between two checkpoints (see the module doc): this event or one after it, up to the
    /// event given (whose stored MAC no longer matches), was changed or added.
    ChangedBetween(i64),
    /// The event does not follow the one before it: rows between were deleted (or that row edited).
    AfterGap,
    /// The last events have no MAC (a write always ends on a checkpoint): added outside motcua.
    Unhashed,
    /// A dossier row differs from the seal its last event keeps: changed without an event.
    RowChanged,
    /// A dossier row no event ever sealed (inserted outside motcua).
    RowUnsealed,
    /// A guard trigger was dropped.
    GuardMissing,
    /// The chain is shorter than the anchor: its last events were deleted.
    TailMissing,
    /// The event at the anchor's count is not the anchor's: the chain was rewritten.
    AnchorMismatch,
    /// No key file: the chain cannot be checked.
    NoKey,
    /// A sealed table (see seals.rs, named in `code`) has the rows its seal counts, but one of
    /// them differs from what motcua wrote. `at` is "sealed rows → rows".
    TableChanged,
    /// A sealed table has fewer rows than its seal counts.
    TableRowsDeleted,
    /// The chain is being recomputed after an upgrade (from event `event_id`): try again soon.
    RechainPending,
    /// A sealed table has more rows than its seal counts.
    TableRowsAdded,
    /// A sealed table's seal itself was deleted.
    TableSealMissing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The event named (0 for a dossier row or a trigger).
    pub event_id: i64,
    /// The dossier code, or empty; for a missing guard, the trigger's name.
    pub code: String,
    pub at: String,
    pub kind: BreakKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub events: u64,
    pub first_break: Option<ChainBreak>,
}

/// The chain's head, to keep outside the database: how many events and the last one's MAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub events: u64,
    pub hash: Hash,
}

/// The first bad thing, in words (`audit verify` and `check`).
pub fn describe(b: &ChainBreak) -> String {
    use crate::i18n::tr;
    let code = if b.code.is_empty() { tr("(không có hồ sơ)", "(no dossier)") } else { &b.code };
    let at_event = |why: &str| {
        format!(
            "{} #{} — {} {code}, {} {}: {why}",
            tr("chuỗi kiểm toán đứt ở sự kiện", "audit chain broken at event"),
            b.event_id,
            tr("hồ sơ", "dossier"),
            tr("lúc", "at"),
            b.at
        )
    };
    let at_dossier = |why: &str| {
        format!(
            "{} {code} ({} {}): {why}",
            tr("chuỗi kiểm toán đứt ở hồ sơ", "audit chain broken at dossier"),
            tr("sửa lần cuối", "last saved"),
            b.at
        )
    };
    match b.kind {
        BreakKind::Changed => at_event(tr("dòng này bị sửa ngoài motcua", "this row was changed outside motcua")),
        BreakKind::ChangedBetween(last) => at_event(&format!(
            "{} #{last} {}",
            tr("dòng này hoặc một dòng sau nó đến sự kiện", "this row or one after it up to event"),
            tr("bị sửa hoặc thêm ngoài motcua", "was changed or added outside motcua")
        )),
        BreakKind::AfterGap => at_event(tr(
            "dòng ngay trước nó bị xóa hoặc sửa ngoài motcua",
            "the row just before it was deleted or changed outside motcua",
        )),
        BreakKind::Unhashed => at_event(tr("dòng này được thêm ngoài motcua", "this row was added outside motcua")),
        BreakKind::AnchorMismatch => at_event(tr(
            "khác với mốc đã lưu: chuỗi đã bị viết lại từ đây trở về trước",
            "differs from the saved anchor: the chain was rewritten up to here",
        )),
        BreakKind::RowChanged => at_dossier(tr(
            "dòng hồ sơ bị sửa ngoài motcua (không có sự kiện nào ghi thay đổi này)",
            "the dossier row was changed outside motcua (no event records the change)",
        )),
        BreakKind::RowUnsealed => {
            at_dossier(tr("dòng hồ sơ được thêm ngoài motcua", "the dossier row was added outside motcua"))
        }
        BreakKind::GuardMissing => format!(
            "{} {}: {}",
            tr("chuỗi kiểm toán: thiếu trigger bảo vệ", "audit chain: guard trigger missing"),
            b.code,
            tr("ai đó đã xóa nó bằng SQL ngoài motcua", "someone dropped it with SQL outside motcua")
        ),
        BreakKind::TailMissing => format!(
            "{} ({} {}): {}",
            tr("chuỗi kiểm toán ngắn hơn mốc đã lưu", "the audit chain is shorter than the saved anchor"),
            tr("sự kiện", "events"),
            b.at,
            tr("các sự kiện cuối đã bị xóa", "its last events were deleted")
        ),
        BreakKind::TableChanged
        | BreakKind::TableRowsDeleted
        | BreakKind::TableRowsAdded
        | BreakKind::TableSealMissing => {
            let (sealed_rows, rows) = b.at.split_once(" → ").unwrap_or(("0", "0"));
            super::seals::describe(&super::seals::SealBreak {
                table: b.code.clone(),
                sealed_rows: sealed_rows.parse().unwrap_or(0),
                rows: rows.parse().unwrap_or(0),
                missing: b.kind == BreakKind::TableSealMissing,
            })
        }
        BreakKind::RechainPending => format!(
            "{} #{}: {}",
            tr(
                "chuỗi kiểm toán đang được tính lại sau khi nâng cấp, đến sự kiện",
                "the audit chain is being recomputed after an upgrade, at event"
            ),
            b.event_id,
            tr("kiểm lại sau ít phút", "check again in a few minutes")
        ),
        BreakKind::NoKey => format!(
            "{} {}: {}",
            tr("không kiểm được chuỗi: thiếu khóa", "cannot check the chain: no key"),
            b.code,
            tr("quản trị viên chạy `sudo motcua setup …`", "the administrator runs `sudo motcua setup …`")
        ),
    }
}

fn hex(h: &Hash) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

impl fmt::Display for Anchor {
    /// One line, the form `audit verify --anchor` reads back.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "motcua-anchor events={} head={}", self.events, hex(&self.hash))
    }
}

impl Anchor {
    /// Reads the line [`Display`] writes, anywhere in `text` (a report footer, a file).
    pub fn find(text: &str) -> Option<Anchor> {
        let at = text.find("motcua-anchor events=")?;
        let mut words = text[at..].split_whitespace().skip(1);
        let events = words.next()?.strip_prefix("events=")?.parse().ok()?;
        let h = words.next()?.strip_prefix("head=")?;
        if h.len() != 64 || !h.is_ascii() {
            return None;
        }
        let mut hash = [0u8; 32];
        for (i, b) in hash.iter_mut().enumerate() {
            *b = u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Anchor { events, hash })
    }
}

/// The chain's head of the database open on `conn` (a backup copy, say).
///
/// The count is the last event's id: events are never deleted (a guard trigger) and always
/// inserted without an id, so SQLite numbers them 1, 2, 3, … without a gap, and a deletion
/// behind motcua's back breaks the chain at that row anyway. Counting the rows instead read the
/// whole table on every printed report (135 ms at 4M events).
pub fn anchor_of(conn: &Connection) -> Result<Anchor> {
    let (events, hash): (i64, Option<Vec<u8>>) = conn
        .query_row("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, None));
    Ok(Anchor { events: events.max(0) as u64, hash: hash.and_then(|h| h.try_into().ok()).unwrap_or(GENESIS) })
}

impl Store {
    /// The chain's head now.
    pub fn audit_anchor(&self) -> Result<Anchor> {
        anchor_of(self.conn())
    }

    /// Walks the whole chain, oldest first, then every dossier row, then the guard triggers,
    /// and stops at the first broken thing.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        self.verify_against(None)
    }

    /// As `verify_chain`, and against an anchor taken earlier.
    pub fn verify_against(&self, anchor: Option<&Anchor>) -> Result<ChainReport> {
        // One snapshot: a dossier a clerk adds between reading the events and reading the rows
        // would otherwise look like a row added outside motcua.
        self.read(|_| self.verify_snapshot(anchor))
    }

    fn verify_snapshot(&self, anchor: Option<&Anchor>) -> Result<ChainReport> {
        let broke = |events, event_id, code: String, at: String, kind| {
            Ok(ChainReport { events, first_break: Some(ChainBreak { event_id, code, at, kind }) })
        };
        if rechain_pending(self.conn())? {
            let next: i64 = self.conn().query_row("SELECT next_id FROM rechain_pending", [], |r| r.get(0))?;
            return broke(0, next, String::new(), String::new(), BreakKind::RechainPending);
        }
        let Some(key) = self.key else {
            return broke(0, 0, key_path(self.path()).display().to_string(), String::new(), BreakKind::NoKey);
        };
        let base = mac_of(&key);
        let conn = self.conn();
        let events = Layout::of(conn, "events")?;
        let mut stmt = conn.prepare(
            "SELECT e.*, coalesce(d.code, '') AS motcua_code FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id",
        )?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let at_cols = events.positions(&names)?;
        let pos = |n: &str| names.iter().position(|c| c == n).unwrap_or(0);
        let (id_at, dossier_at, code_at, time_at, hash_at) =
            (pos("id"), pos("dossier_id"), pos("motcua_code"), pos("at"), pos("hash"));
        let seal_at = names.iter().position(|n| n == "row_hash");
        let mut seals: HashMap<i64, Hash> = HashMap::new();
        let mut rows = stmt.query([])?;
        // The MAC the next event is chained to, recomputed row by row (no event stores it).
        let mut prev = GENESIS;
        let mut prev_id = 0;
        // Since the last checkpoint: the first event (and its count), and the first event that
        // follows a gap in the ids (the rows before it were deleted).
        let mut open: Option<(u64, i64, String, String)> = None;
        let mut gap: Option<(u64, i64, String, String)> = None;
        let mut pending_seals: Vec<(i64, Hash)> = Vec::new();
        let mut count = 0u64;
        while let Some(r) = rows.next()? {
            count += 1;
            let id: i64 = r.get(id_at)?;
            let here = || -> rusqlite::Result<(u64, i64, String, String)> {
                Ok((count, id, r.get(code_at)?, event_time(r.get_ref(time_at)?)))
            };
            if open.is_none() {
                open = Some(here()?);
            }
            if id != prev_id + 1 && gap.is_none() {
                gap = Some(here()?);
            }
            let mut mac = base.clone();
            mac.update(&prev);
            events.feed(&mut mac, values_of(r, &at_cols));
            let hash: Hash = mac.finalize().into_bytes().into();
            if let Some(seal) = seal_at.and_then(|i| as_hash(r.get_ref(i).ok()?)) {
                pending_seals.push((r.get(dossier_at)?, seal));
            }
            match r.get_ref(hash_at)? {
                ValueRef::Null => {}
                stored => {
                    if !as_hash(stored).is_some_and(|h| same_mac(&h, &hash)) {
                        let (first, kind) = match (gap.take(), open.take()) {
                            (Some(g), _) => (g, BreakKind::AfterGap),
                            (None, Some(o)) if o.1 == id => (o, BreakKind::Changed),
                            (None, Some(o)) => (o, BreakKind::ChangedBetween(id)),
                            (None, None) => (here()?, BreakKind::Changed),
                        };
                        return broke(first.0, first.1, first.2, first.3, kind);
                    }
                    // Everything since the last checkpoint is confirmed, seals included.
                    open = None;
                    gap = None;
                    seals.extend(pending_seals.drain(..));
                }
            }
            if let Some(a) = anchor.filter(|a| a.events == count) {
                if !same_mac(&a.hash, &hash) {
                    let (_, id, code, at) = here()?;
                    return broke(count, id, code, at, BreakKind::AnchorMismatch);
                }
            }
            prev = hash;
            prev_id = id;
        }
        // The last event is always a checkpoint: rows after it were added outside motcua.
        if let Some((n, id, code, at)) = open {
            return broke(n, id, code, at, BreakKind::Unhashed);
        }
        drop(rows);
        if let Some(a) = anchor.filter(|a| a.events > count) {
            return broke(count, 0, String::new(), format!("{} > {count}", a.events), BreakKind::TailMissing);
        }
        let dossiers = Layout::of(conn, "dossiers")?;
        let mut stmt = conn.prepare("SELECT * FROM dossiers ORDER BY id")?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let at_cols = dossiers.positions(&names)?;
        let pos = |n: &str| names.iter().position(|c| c == n).unwrap_or(0);
        let (id_at, code_at, time_at) = (pos("id"), pos("code"), pos("updated_at"));
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(id_at)?;
            let text = |i: usize| r.get::<_, Option<String>>(i).ok().flatten().unwrap_or_default();
            let Some(seal) = seals.get(&id) else {
                return broke(count, 0, text(code_at), text(time_at), BreakKind::RowUnsealed);
            };
            let mut mac = base.clone();
            dossiers.feed(&mut mac, values_of(r, &at_cols));
            if mac.verify_slice(seal).is_err() {
                return broke(count, 0, text(code_at), text(time_at), BreakKind::RowChanged);
            }
        }
        // The sealed tables: pauses, refusals, the office's rules.
        let sealed = {
            let _k = key_scope(Some(key));
            super::seals::check(conn)?
        };
        if let Some(s) = sealed {
            let kind = if s.missing {
                BreakKind::TableSealMissing
            } else if s.rows < s.sealed_rows {
                BreakKind::TableRowsDeleted
            } else if s.rows > s.sealed_rows {
                BreakKind::TableRowsAdded
            } else {
                BreakKind::TableChanged
            };
            return broke(count, 0, s.table, format!("{} → {}", s.sealed_rows, s.rows), kind);
        }
        // Last: a changed row says more than the dropped trigger that let it be changed.
        let seal_triggers = super::seals::triggers(conn)?;
        for g in GUARDS.iter().copied().chain(seal_triggers.iter().map(String::as_str)) {
            let there: bool = self.conn().query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [g],
                |r| r.get(0),
            )?;
            if !there {
                return broke(count, 0, g.to_string(), String::new(), BreakKind::GuardMissing);
            }
        }
        Ok(ChainReport { events: count, first_break: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_and_the_key_change_the_mac_and_defaults_are_left_out() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE events (id INTEGER PRIMARY KEY, a TEXT, b TEXT NOT NULL DEFAULT '', n INTEGER DEFAULT 0, prev_hash BLOB, hash BLOB)").unwrap();
        let l = Layout::of(&conn, "events").unwrap();
        assert_eq!(l.cols.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["a", "b", "n"]);
        let mac = |key: &Key, vals: [Value; 3]| -> Hash {
            let mut m = mac_of(key);
            l.feed(&mut m, vals.iter().map(ValueRef::from));
            m.finalize().into_bytes().into()
        };
        let t = |s: &str| Value::Text(s.into());
        let base = mac(&[1; 32], [t("x"), t(""), Value::Integer(0)]);
        // A default value counts as absent: a column added later with a default keeps old MACs.
        assert_eq!(base, mac(&[1; 32], [t("x"), Value::Null, Value::Null]));
        // Affinity: the integer 0 and the text "0" are the same stored value.
        assert_eq!(base, mac(&[1; 32], [t("x"), t(""), t("0")]));
        assert_ne!(base, mac(&[2; 32], [t("x"), t(""), Value::Integer(0)]));
        assert_ne!(base, mac(&[1; 32], [t("y"), t(""), Value::Integer(0)]));
        assert_ne!(base, mac(&[1; 32], [t("x"), t("z"), Value::Integer(0)]));
        assert_ne!(base, mac(&[1; 32], [t("x"), t(""), Value::Integer(1)]));
        // Moving text from one column to the next must not give the same bytes.
        assert_ne!(mac(&[1; 32], [t("ab"), t("c"), Value::Null]), mac(&[1; 32], [t("a"), t("bc"), Value::Null]));
    }

    #[test]
    fn integers_are_hashed_as_their_decimal_text() {
        let mut buf = [0u8; 32];
        for i in [0, 7, -7, 10, 1_000_000, i64::MAX, i64::MIN] {
            assert_eq!(integer_text(i, &mut buf), i.to_string().as_bytes());
        }
    }

    #[test]
    fn an_anchor_reads_back_from_any_text_around_it() {
        let a = Anchor { events: 42, hash: [0xab; 32] };
        let page = format!("Báo cáo …\n{a}\n");
        assert_eq!(Anchor::find(&page), Some(a));
        assert_eq!(Anchor::find("motcua-anchor events=4 head=zz"), None);
    }

    /// Someone with the key (root) edits an event and recomputes the whole chain: every MAC is
    /// right again, and only the anchor taken before finds it — at the anchor's row.
    #[test]
    fn a_chain_rewritten_with_the_key_is_found_by_the_anchor() {
        let (_dir, _db, store, _nd) = office_of(&["Lê Văn An", "Trần Thị Bích", "Phạm Văn Cường"]);
        let anchor = store.audit_anchor().unwrap();
        assert_eq!(anchor.events, 3);
        store
            .conn()
            .execute_batch("DROP TRIGGER events_keep_update; UPDATE events SET actor = 'x' WHERE id = 2")
            .unwrap();
        {
            let _k = key_scope(store.key);
            rechain(store.conn()).unwrap();
        }
        assert_eq!(store.verify_chain().unwrap().first_break, None, "the MACs alone cannot tell");
        let b = store.verify_against(Some(&anchor)).unwrap().first_break.unwrap();
        assert_eq!((b.event_id, b.kind), (3, BreakKind::AnchorMismatch));
    }
}

/// A fresh office whose head "truong" registered one dossier for each name on 08/02/2024, and a
/// maker of more applications of the same procedure.
#[cfg(test)]
fn office_of(
    names: &[&str],
) -> (tempfile::TempDir, std::path::PathBuf, Store, impl Fn(&str) -> crate::store::NewDossier) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut store = crate::cli::create_database(&db, None, None, "truong").unwrap();
    let now = crate::clock::parse_time("2024-02-08T10:00:00+07:00").unwrap();
    let p: String = store
        .conn()
        .query_row("SELECT code FROM procedures WHERE active AND days > 0 LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let nd = move |name: &str| crate::store::NewDossier {
        procedure_code: p.clone(),
        applicant_name: name.into(),
        applicant_id: String::new(),
        phone: String::new(),
        email: String::new(),
        address: String::new(),
        channel: crate::domain::dossier::Channel::InPerson,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    };
    for name in names {
        store.add_dossier("truong", &nd(name), now).unwrap();
    }
    (dir, db, store, nd)
}

#[cfg(test)]
mod resumable {
    use super::*;

    /// A rechain cut short after a few events (as by a power cut between two batches), with a
    /// clerk's intake in between: the next open finishes it, and the chain comes out exactly as
    /// the intakes wrote it event by event — the anchor taken before still matches.
    #[test]
    fn a_rechain_cut_short_is_finished_by_the_next_open() {
        let names = ["Lê Văn An", "Trần Thị Bích", "Phạm Văn Cường", "Đỗ Thị Dung", "Vũ Văn Em"];
        let (_dir, db, mut store, nd) = office_of(&names);
        let now = crate::clock::parse_time("2024-02-08T10:00:00+07:00").unwrap();
        let before = store.audit_anchor().unwrap();
        // What an older schema left: hashes that are not this key's.
        store
            .conn()
            .execute_batch("DROP TRIGGER events_keep_update; UPDATE events SET hash = zeroblob(32), row_hash = NULL;")
            .unwrap();
        {
            let _k = key_scope(store.key);
            schedule_rechain(store.conn()).unwrap();
            // Two steps with no time at all: one event each.
            for _ in 0..2 {
                assert!(!rechain_step(store.conn(), Some(std::time::Duration::ZERO)).unwrap());
            }
        }
        let next: i64 = store.conn().query_row("SELECT next_id FROM rechain_pending", [], |r| r.get(0)).unwrap();
        assert_eq!(next, 3);
        // The guard is back after every step.
        let guard: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'events_keep_update'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(guard, 1);
        store.add_dossier("truong", &nd("Hoàng Thị Giang"), now).unwrap();
        drop(store);
        // Its last step was just now: an open leaves it to whoever runs it, and verify says so.
        let store = Store::open(&db).unwrap();
        assert!(rechain_pending(store.conn()).unwrap());
        let b = store.verify_chain().unwrap().first_break.unwrap();
        assert_eq!((b.kind, b.event_id), (BreakKind::RechainPending, 3));
        // As if that process died long ago: the next open takes it over and finishes it.
        store.conn().execute_batch("UPDATE rechain_pending SET step_at = 0").unwrap();
        drop(store);
        let store = Store::open(&db).unwrap();
        assert!(!rechain_pending(store.conn()).unwrap());
        let report = store.verify_against(Some(&before)).unwrap();
        assert_eq!((report.events, report.first_break), (6, None));
    }
}

#[cfg(test)]
mod cost {
    use super::*;

    /// What the keyed chain and the row seal add to one intake: `cargo test --release --lib
    /// audit::cost -- --ignored --nocapture`. Prints the mean of the chain's part (layouts,
    /// last hash, the row's seal, the event's MAC) and of a whole intake (with its fsync).
    #[test]
    #[ignore = "a measurement, not a check"]
    fn the_chain_part_of_an_intake() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::cli::create_database(&dir.path().join("m.db"), None, None, "truong").unwrap();
        let now = crate::clock::parse_time("2024-02-08T10:00:00+07:00").unwrap();
        let p: String = store
            .conn()
            .query_row("SELECT code FROM procedures WHERE active AND days > 0 LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let nd = crate::store::NewDossier {
            procedure_code: p,
            applicant_name: "Lê Văn An".into(),
            applicant_id: String::new(),
            phone: "0912345678".into(),
            email: String::new(),
            address: "Số 1, Thôn Đông, xã Quảng Phú".into(),
            channel: crate::domain::dossier::Channel::InPerson,
            papers: vec![],
            fee_vnd: None,
            paid_online: false,
            note: String::new(),
            sets: 1,
        };
        const N: u32 = 300;
        let t = std::time::Instant::now();
        for _ in 0..N {
            store.add_dossier("truong", &nd, now).unwrap();
        }
        let intake = t.elapsed() / N;
        let _k = key_scope(store.key);
        let t = std::time::Instant::now();
        for id in 1..=N as i64 {
            let mut chain = Chain::begin(store.conn()).unwrap();
            let seal = chain.seal(id).unwrap();
            let mut mac = chain.mac.clone();
            mac.update(&chain.prev);
            let at = "2024-02-08 10:00:00";
            let vals = [
                ValueRef::Integer(id),
                ValueRef::Text(at.as_bytes()),
                ValueRef::Text(b"truong"),
                ValueRef::Blob(&seal),
            ];
            chain.events.feed(&mut mac, vals.into_iter());
            std::hint::black_box(mac.finalize());
            chain.prev = seal;
        }
        let part = t.elapsed() / N;
        println!("one intake: {intake:.2?}; the chain's part of it: {part:.2?}");
    }
}

#[cfg(test)]
mod upgrade {
    use super::*;
    use crate::domain::status::Status;
    use crate::store::{schema, MoveExtra};

    /// A database as motcua left it before issue 14 (events with `prev_hash`, every MAC, times
    /// as text, every `from_status`, the name index and the word index with column sizes),
    /// opened by this build: it upgrades, verifies, and reads back the same control sheets.
    #[test]
    fn a_database_of_the_previous_schema_upgrades_and_verifies() {
        let (_dir, db, mut store, _nd) = office_of(&["Lê Văn An", "Trần Thị Bích"]);
        let now = crate::clock::parse_time("2024-02-08T10:00:00+07:00").unwrap();
        let code: String = store.conn().query_row("SELECT code FROM dossiers WHERE id = 1", [], |r| r.get(0)).unwrap();
        let why = MoveExtra { note: "thiếu giấy".into(), ..Default::default() };
        for to in [Status::InProgress, Status::Supplement, Status::InProgress] {
            store.move_dossier("truong", &code, None, to, &why, now).unwrap();
        }
        let sheets = |s: &Store| [s.events(1).unwrap(), s.events(2).unwrap()];
        let before = sheets(&store);
        assert_eq!(before[0].len(), 4);
        // The previous layout, by hand, and its chain as that code computed it (every event's
        // MAC and the one before it).
        store
            .conn()
            .execute_batch(
                "DROP TRIGGER events_keep_update; DROP TRIGGER events_keep_delete;
                 CREATE TABLE events_old (
                     id INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL REFERENCES dossiers(id), at TEXT NOT NULL,
                     actor TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
                     prev_hash BLOB, hash BLOB, kind TEXT NOT NULL DEFAULT 'move', due_before TEXT, due_after TEXT,
                     appointment_after TEXT, assignee_from TEXT, assignee_to TEXT, reason TEXT NOT NULL DEFAULT '',
                     agency TEXT NOT NULL DEFAULT '', row_hash BLOB);
                 INSERT INTO events_old SELECT id, dossier_id, datetime(at, 'unixepoch'), actor,
                     CASE WHEN from_status IS NULL THEN lag(to_status) OVER w ELSE nullif(from_status, '') END,
                     to_status, note, NULL, hash, kind, due_before, due_after, appointment_after, assignee_from,
                     assignee_to, reason, agency, row_hash
                   FROM events WINDOW w AS (PARTITION BY dossier_id ORDER BY id) ORDER BY id;
                 DROP TABLE events;
                 ALTER TABLE events_old RENAME TO events;
                 CREATE INDEX events_dossier ON events(dossier_id, id);
                 CREATE INDEX dossiers_name_key ON dossiers(name_key);
                 DROP TABLE dossier_names;
                 CREATE VIRTUAL TABLE dossier_names USING fts5(name_key, content = 'dossiers', content_rowid = 'id',
                     tokenize = 'ascii', prefix = '1 2 3 4 5 6', detail = 'none');
                 INSERT INTO dossier_names(dossier_names) VALUES ('rebuild');",
            )
            .unwrap();
        // And what came after it: the table of indexes set aside by a load.
        store
            .conn()
            .execute_batch(
                "DROP TABLE deferred_indexes; DROP TRIGGER name_forms_ai; DROP TRIGGER name_forms_ad;
                 DROP TRIGGER name_forms_au; DROP TABLE name_form_words; DROP TABLE name_forms;",
            )
            .unwrap();
        store.conn().pragma_update(None, "user_version", schema::before_compact_events()).unwrap();
        {
            let _k = key_scope(store.key);
            rechain(store.conn()).unwrap();
        }
        let c = store.conn();
        let (texts, froms, hashes): (i64, i64, i64) = c
            .query_row("SELECT sum(typeof(at) = 'text'), count(from_status), count(prev_hash) FROM events", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((texts, froms, hashes), (5, 3, 5), "the old layout, every column filled");
        assert_eq!(store.verify_chain().unwrap().first_break, None, "the old chain holds before the upgrade");
        drop(store);

        let store = Store::open(&db).unwrap();
        assert_eq!(store.verify_chain().unwrap(), ChainReport { events: 5, first_break: None });
        assert_eq!(sheets(&store), before);
        let c = store.conn();
        let (ints, froms, hashes): (i64, i64, i64) = c
            .query_row("SELECT sum(typeof(at) = 'integer'), count(from_status), count(hash) FROM events", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        // Every event kept its MAC (each was its own write), none keeps the previous one.
        assert_eq!((ints, froms, hashes), (5, 0, 5));
        let old: i64 = c
            .query_row(
                "SELECT (SELECT count(*) FROM pragma_table_info('events') WHERE name = 'prev_hash')
                   + (SELECT count(*) FROM sqlite_schema WHERE name IN ('dossiers_name_key', 'dossier_names_docsize'))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0);
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
        // A name is still found by its words after the word index was rebuilt.
        let found = store.search("bich", None, 10).unwrap();
        assert_eq!(found.len(), 1);
    }
}
