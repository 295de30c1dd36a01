//! Keyed seals over the tables that decide figures or what a citizen is given, beside the
//! event chain: the pauses (they drive the derived due dates), the refusals at intake, and the
//! office's rules (procedures, holidays, settings, staff). Each table's seal is its row count
//! and the XOR of an HMAC of every row (the office's key, see audit.rs), kept in `seals`.
//!
//! Triggers keep the seal in the same transaction as every write motcua makes: an insert XORs
//! the new row's MAC in, a delete XORs the old one out, an update both — O(1) per row, whatever
//! the table's size. The MAC is a function motcua registers on its own connections
//! (`motcua_mac`), so a write through sqlite3 either fails (no such function) or is made with
//! the triggers dropped or disabled, and then the table no longer matches its seal: `audit
//! verify` and `check` name the table and whether rows were changed, added or deleted.
//!
//! A column whose value is NULL or its declared (literal) default is left out of a row's MAC,
//! so a migration that adds a column with a default keeps every seal valid. A table added to
//! [`SEALED`] (one line) is sealed from its content the first time a migration runs.

use anyhow::Result;
use hmac::Mac;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::audit::{self, Hash};

/// The tables under a seal. One not (yet) in the schema is skipped.
pub const SEALED: &[&str] =
    &["pauses", "intake_refusals", "supplement_requests", "procedures", "holidays", "settings", "staff"];

/// The seals table (created by the migration that introduces the seals).
pub const SEALS_SQL: &str = "CREATE TABLE IF NOT EXISTS seals (
    tbl    TEXT PRIMARY KEY,
    rows   INTEGER NOT NULL,
    digest BLOB NOT NULL
) WITHOUT ROWID;";

/// Registers `motcua_mac(table, name, value, …)` and `motcua_xor(blob, blob, …)` on a connection.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function("motcua_mac", -1, FunctionFlags::SQLITE_UTF8, |ctx| {
        let key = audit::thread_key()
            .ok_or_else(|| rusqlite::Error::UserFunctionError("motcua: no audit key for this write".into()))?;
        let table = ctx.get_raw(0);
        let mut mac = audit::mac_with(&key);
        mac.update(b"seal:");
        if let ValueRef::Text(t) = table {
            mac.update(t);
        }
        let mut i = 1;
        while i + 1 < ctx.len() {
            if let ValueRef::Text(name) = ctx.get_raw(i) {
                feed_value(&mut mac, name, ctx.get_raw(i + 1));
            }
            i += 2;
        }
        Ok(mac.finalize().into_bytes().to_vec())
    })?;
    conn.create_scalar_function(
        "motcua_xor",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut out = [0u8; 32];
            for i in 0..ctx.len() {
                if let ValueRef::Blob(b) = ctx.get_raw(i) {
                    for (o, x) in out.iter_mut().zip(b) {
                        *o ^= x;
                    }
                }
            }
            Ok(out.to_vec())
        },
    )
}

/// One column into a row's MAC, length-prefixed; NULL (a default, see `value_expr`) is left out.
fn feed_value(mac: &mut hmac::Hmac<sha2::Sha256>, name: &[u8], v: ValueRef) {
    let text;
    let (tag, bytes): (u8, &[u8]) = match v {
        ValueRef::Null => return,
        ValueRef::Integer(i) => {
            text = i.to_string();
            (b't', text.as_bytes())
        }
        ValueRef::Real(f) => {
            text = f.to_string();
            (b't', text.as_bytes())
        }
        ValueRef::Text(t) => (b't', t),
        ValueRef::Blob(b) => (b'b', b),
    };
    mac.update(&(name.len() as u32).to_le_bytes());
    mac.update(name);
    mac.update(&[tag]);
    mac.update(&(bytes.len() as u64).to_le_bytes());
    mac.update(bytes);
}

fn exists(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
}

/// The sealed tables this database has.
pub fn present(conn: &Connection) -> rusqlite::Result<Vec<&'static str>> {
    let mut out = Vec::new();
    for t in SEALED {
        if exists(conn, t)? {
            out.push(*t);
        }
    }
    Ok(out)
}

/// `motcua_mac('t', 'a', nullif(P.a, dflt), …)` over a table's stored columns, with `P` the row
/// (`new`, `old`, or the table itself).
fn mac_expr(conn: &Connection, table: &str, row: &str) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare("SELECT name, dflt_value, hidden FROM pragma_table_xinfo(?1) ORDER BY name")?;
    let cols: Vec<(String, Option<String>, i64)> =
        stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut args = vec![format!("'{table}'")];
    for (name, dflt, hidden) in cols {
        // Generated columns are computed from the others.
        if hidden != 0 {
            continue;
        }
        let value = format!("{row}.\"{name}\"");
        // A literal default counts as absent; anything else (an expression) is hashed as stored.
        let literal = dflt.filter(|d| {
            let d = d.trim();
            (d.starts_with('\'') && d.ends_with('\'')) || d.parse::<f64>().is_ok()
        });
        args.push(format!("'{name}'"));
        args.push(match literal {
            Some(d) => format!("nullif({value}, {d})"),
            None => value,
        });
    }
    Ok(format!("motcua_mac({})", args.join(", ")))
}

fn trigger_names(table: &str) -> [String; 3] {
    [format!("seal_{table}_insert"), format!("seal_{table}_delete"), format!("seal_{table}_update")]
}

/// Every trigger a sealed table of this database must have (`verify` checks they are there).
pub fn triggers(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    Ok(present(conn)?.into_iter().flat_map(trigger_names).collect())
}

/// (Re)creates the triggers that keep each seal, over the tables' columns as they are now.
pub fn create_triggers(conn: &Connection) -> rusqlite::Result<()> {
    drop_triggers(conn)?;
    for t in present(conn)? {
        let (new, old) = (mac_expr(conn, t, "new")?, mac_expr(conn, t, "old")?);
        let [ins, del, upd] = trigger_names(t);
        conn.execute_batch(&format!(
            "CREATE TRIGGER {ins} AFTER INSERT ON {t} BEGIN
               UPDATE seals SET rows = rows + 1, digest = motcua_xor(digest, {new}) WHERE tbl = '{t}';
             END;
             CREATE TRIGGER {del} AFTER DELETE ON {t} BEGIN
               UPDATE seals SET rows = rows - 1, digest = motcua_xor(digest, {old}) WHERE tbl = '{t}';
             END;
             CREATE TRIGGER {upd} AFTER UPDATE ON {t} BEGIN
               UPDATE seals SET digest = motcua_xor(digest, {old}, {new}) WHERE tbl = '{t}';
             END;"
        ))?;
    }
    Ok(())
}

pub fn drop_triggers(conn: &Connection) -> rusqlite::Result<()> {
    for t in SEALED {
        for name in trigger_names(t) {
            conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}"))?;
        }
    }
    Ok(())
}

/// A table's seal from its content now: (rows, XOR of the rows' MACs). Needs this thread's key.
pub fn compute(conn: &Connection, table: &str) -> rusqlite::Result<(i64, Hash)> {
    let mut stmt = conn.prepare(&format!("SELECT {} FROM {table} AS t", mac_expr(conn, table, "t")?))?;
    let mut rows = stmt.query([])?;
    let (mut n, mut digest) = (0i64, [0u8; 32]);
    while let Some(r) = rows.next()? {
        n += 1;
        if let ValueRef::Blob(b) = r.get_ref(0)? {
            for (o, x) in digest.iter_mut().zip(b) {
                *o ^= x;
            }
        }
    }
    Ok((n, digest))
}

/// XORs into `table`'s seal the rows with a rowid above `after`: a bulk load runs without the
/// triggers (a MAC and an update per row) and seals what it added once, at its end, without
/// taking in whatever the table held before unchecked.
pub fn seal_added(conn: &Connection, table: &str, after: i64) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare(&format!("SELECT {} FROM {table} AS t WHERE rowid > ?1", mac_expr(conn, table, "t")?))?;
    let mut rows = stmt.query([after])?;
    let (mut n, mut digest) = (0i64, [0u8; 32]);
    while let Some(r) = rows.next()? {
        n += 1;
        if let ValueRef::Blob(b) = r.get_ref(0)? {
            for (o, x) in digest.iter_mut().zip(b) {
                *o ^= x;
            }
        }
    }
    conn.execute(
        "UPDATE seals SET rows = rows + ?2, digest = motcua_xor(digest, ?3) WHERE tbl = ?1",
        rusqlite::params![table, n, &digest[..]],
    )?;
    Ok(())
}

/// Seals `table` from its content (a table sealed for the first time, or after a bulk load).
pub fn reseal(conn: &Connection, table: &str) -> rusqlite::Result<()> {
    let (n, digest) = compute(conn, table)?;
    conn.execute(
        "INSERT INTO seals(tbl, rows, digest) VALUES (?1, ?2, ?3)
         ON CONFLICT(tbl) DO UPDATE SET rows = excluded.rows, digest = excluded.digest",
        rusqlite::params![table, n, &digest[..]],
    )?;
    Ok(())
}

/// After every migration: a sealed table without a seal yet (new in this schema) is sealed from
/// its content, and the triggers are made over the columns the tables have now.
pub fn after_migrations(conn: &Connection) -> rusqlite::Result<()> {
    if !exists(conn, "seals")? {
        return Ok(());
    }
    for t in present(conn)? {
        let sealed: bool = conn.query_row("SELECT count(*) > 0 FROM seals WHERE tbl = ?1", [t], |r| r.get(0))?;
        if !sealed {
            reseal(conn, t)?;
        }
    }
    create_triggers(conn)
}

/// The migration that introduces the seals: every sealed table from its content.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SEALS_SQL)?;
    for t in present(conn)? {
        reseal(conn, t)?;
    }
    create_triggers(conn)
}

/// How a sealed table differs from its seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealBreak {
    pub table: String,
    /// Rows the seal counts, and rows there are.
    pub sealed_rows: i64,
    pub rows: i64,
    /// No seal at all for this table (its row in `seals` was deleted).
    pub missing: bool,
}

/// The first sealed table that differs from its seal. Needs this thread's key.
pub fn check(conn: &Connection) -> Result<Option<SealBreak>> {
    if !exists(conn, "seals")? {
        return Ok(None);
    }
    for t in present(conn)? {
        let (rows, digest) = compute(conn, t)?;
        let stored: Option<(i64, Vec<u8>)> = {
            let mut s = conn.prepare("SELECT rows, digest FROM seals WHERE tbl = ?1")?;
            let mut r = s.query([t])?;
            match r.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?)),
                None => None,
            }
        };
        match stored {
            None => return Ok(Some(SealBreak { table: t.into(), sealed_rows: 0, rows, missing: true })),
            Some((n, d)) if n != rows || d != digest => {
                return Ok(Some(SealBreak { table: t.into(), sealed_rows: n, rows, missing: false }))
            }
            _ => {}
        }
    }
    Ok(None)
}

/// What a sealed table is, for the office (`audit verify`).
pub fn table_words(table: &str) -> &'static str {
    use crate::i18n::tr;
    match table {
        "pauses" => tr("các lần tạm dừng hồ sơ", "the dossiers' pauses"),
        "intake_refusals" => tr("sổ từ chối tiếp nhận", "the refusals at intake"),
        "supplement_requests" => tr("các yêu cầu bổ sung", "the supplement requests"),
        "procedures" => tr("danh mục thủ tục", "the procedure catalogue"),
        "holidays" => tr("lịch ngày nghỉ", "the holiday calendar"),
        "settings" => tr("cài đặt cơ quan", "the office's settings"),
        "staff" => tr("danh sách cán bộ", "the staff list"),
        _ => "",
    }
}

pub fn describe(b: &SealBreak) -> String {
    use crate::i18n::tr;
    let what = if b.missing {
        tr("dấu niêm phong của bảng đã bị xóa", "the table's seal was deleted").to_string()
    } else if b.rows < b.sealed_rows {
        format!(
            "{} {} {}",
            b.sealed_rows - b.rows,
            tr("dòng bị xóa", "rows deleted"),
            tr("ngoài motcua", "outside motcua")
        )
    } else if b.rows > b.sealed_rows {
        format!(
            "{} {} {}",
            b.rows - b.sealed_rows,
            tr("dòng được thêm", "rows added"),
            tr("ngoài motcua", "outside motcua")
        )
    } else {
        tr("một dòng bị sửa ngoài motcua", "a row was changed outside motcua").to_string()
    };
    format!(
        "{} {} ({}, {} {}): {what}",
        tr("niêm phong bị phá ở bảng", "seal broken on table"),
        b.table,
        table_words(&b.table),
        b.rows,
        tr("dòng", "rows")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema::{self, MIGRATIONS};
    use crate::store::Store;

    /// A database from before the seals, with rules and a pause in it, is sealed from what it
    /// holds when it is upgraded; a later edit behind motcua's back is then found.
    #[test]
    fn an_older_database_is_sealed_from_its_content_at_the_upgrade() {
        let mine = MIGRATIONS.iter().position(|m| m.sql == SEALS_SQL).unwrap();
        let conn = Connection::open_in_memory().unwrap();
        let key = crate::store::audit::random_key();
        {
            let _k = crate::store::audit::key_scope(Some(key));
            for m in &MIGRATIONS[..mine] {
                conn.execute_batch(m.sql).unwrap();
                (m.then)(&conn).unwrap();
            }
        }
        conn.execute_batch(
            "INSERT INTO procedures(code, name, name_key, field, days) VALUES ('1.1', 'Thủ tục', 'thu tuc', 'Hộ tịch', 3);
             INSERT INTO staff(login, full_name, role) VALUES ('truong', 'Trưởng', 'head'), ('lan', 'Lan', 'clerk');
             INSERT INTO holidays(day, kind, name) VALUES ('2026-09-02', 'off', 'Quốc khánh');
             INSERT INTO dossiers(code, procedure_code, field, applicant_name, name_key, channel, received_at, due_date,
               appointment_at, status, updated_at, updated_by) VALUES ('X-1', '1.1', 'Hộ tịch', 'An', 'an', 'in_person',
               '2026-11-02 10:00:00', '2026-11-05', '2026-11-05 10:00:00', 'supplement', '2026-11-02 10:00:00', 'lan');
             INSERT INTO pauses(dossier_id, from_at, reason, remaining_days) VALUES (1, '2026-11-03 09:00:00', 'thiếu', 2);",
        )
        .unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", mine as i64).unwrap();
        let mut store = Store { conn, path: ":memory:".into(), key: Some(key) };
        store.migrate().unwrap();
        let rows = |t: &str| -> i64 {
            store.conn.query_row("SELECT rows FROM seals WHERE tbl = ?1", [t], |r| r.get(0)).unwrap()
        };
        // Counted from the inserts above.
        assert_eq!((rows("procedures"), rows("staff"), rows("holidays"), rows("pauses")), (1, 2, 1, 1));
        let _k = crate::store::audit::key_scope(Some(key));
        assert_eq!(check(&store.conn).unwrap(), None);
        // motcua's own write through the triggers keeps it.
        store.conn.execute("UPDATE pauses SET to_at = '2026-11-04 08:00:00'", []).unwrap();
        assert_eq!(check(&store.conn).unwrap(), None);
        // The same write with the triggers off does not.
        store.conn.execute_batch("DROP TRIGGER seal_pauses_update").unwrap();
        store.conn.execute("UPDATE pauses SET to_at = '2026-11-20 08:00:00'", []).unwrap();
        let b = check(&store.conn).unwrap().unwrap();
        assert_eq!((b.table.as_str(), b.sealed_rows, b.rows, b.missing), ("pauses", 1, 1, false));
    }
}
