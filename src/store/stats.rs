//! The per-day report counters (`daily_stats`): one SQL description of what a dossier
//! contributes, used three ways — by the triggers that keep the counters inside every
//! write, by the rebuild after a bulk load, and by `motcua check`, which recounts.

use rusqlite::Connection;

/// What a dossier adds on one day: the day, when it applies, and (column, value) pairs.
struct Contribution {
    day: String,
    cond: String,
    cols: Vec<(&'static str, String)>,
}

/// What one dossier row (`r` = NEW or OLD, or a table alias) adds to the counters.
fn contributions(r: &str) -> Vec<Contribution> {
    [
        (
            format!("substr({r}.received_at, 1, 10)"),
            "1".to_string(),
            vec![
                ("recv_online", format!("({r}.channel = 'online')")),
                ("recv_other", format!("({r}.channel <> 'online')")),
                ("with_fee", format!("({r}.fee_vnd > 0)")),
                ("paid_online", format!("({r}.fee_vnd > 0 AND {r}.paid_online <> 0)")),
            ],
        ),
        (
            format!("substr({r}.resolved_at, 1, 10)"),
            format!("{r}.resolved_at IS NOT NULL"),
            vec![
                ("res_early", format!("(substr({r}.resolved_at, 1, 10) < {r}.due_date)")),
                ("res_ontime", format!("(substr({r}.resolved_at, 1, 10) = {r}.due_date)")),
                ("res_late", format!("(substr({r}.resolved_at, 1, 10) > {r}.due_date)")),
                ("digitized", format!("({r}.result_digitized <> 0)")),
            ],
        ),
        (
            format!("substr({r}.withdrawn_at, 1, 10)"),
            format!("{r}.withdrawn_at IS NOT NULL"),
            vec![("withdrawn", "1".to_string())],
        ),
        (
            format!("substr({r}.returned_at, 1, 10)"),
            format!("{r}.returned_at IS NOT NULL"),
            vec![
                ("returned", "1".to_string()),
                ("answers", format!("({r}.satisfaction IS NOT NULL)")),
                ("satisfied", format!("({r}.satisfaction IS 1)")),
            ],
        ),
    ]
    .into_iter()
    .map(|(day, cond, cols)| Contribution { day, cond, cols })
    .collect()
}

/// Upserts that add `sign` × the contribution of row `r`.
fn upserts(r: &str, sign: &str) -> String {
    let mut sql = String::new();
    for Contribution { day, cond, cols } in contributions(r) {
        let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
        let values: Vec<String> = cols.iter().map(|(_, v)| format!("{sign}{v}")).collect();
        let sets: Vec<String> = names.iter().map(|c| format!("{c} = {c} + excluded.{c}")).collect();
        sql.push_str(&format!(
            "INSERT INTO daily_stats(day, field, {}) SELECT {day}, {r}.field, {} WHERE {cond}\n  \
             ON CONFLICT(day, field) DO UPDATE SET {};\n",
            names.join(", "),
            values.join(", "),
            sets.join(", ")
        ));
    }
    sql
}

/// The columns whose change moves a counter.
const WATCHED: &[&str] = &[
    "received_at",
    "channel",
    "fee_vnd",
    "paid_online",
    "resolved_at",
    "due_date",
    "result_digitized",
    "withdrawn_at",
    "returned_at",
    "satisfaction",
    "field",
];

/// Creates the triggers (dropped during a bulk load, then rebuilt).
pub fn create_triggers(conn: &Connection) -> rusqlite::Result<()> {
    let changed: Vec<String> = WATCHED.iter().map(|c| format!("OLD.{c} IS NOT NEW.{c}")).collect();
    let sql = format!(
        "CREATE TRIGGER IF NOT EXISTS dossiers_stats_insert AFTER INSERT ON dossiers BEGIN\n{}END;\n\
         CREATE TRIGGER IF NOT EXISTS dossiers_stats_update AFTER UPDATE ON dossiers WHEN {} BEGIN\n{}{}END;\n",
        upserts("NEW", "+"),
        changed.join(" OR "),
        upserts("OLD", "-"),
        upserts("NEW", "+"),
    );
    conn.execute_batch(&sql)
}

pub fn drop_triggers(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("DROP TRIGGER IF EXISTS dossiers_stats_insert; DROP TRIGGER IF EXISTS dossiers_stats_update;")
}

/// The counter columns of daily_stats, in table order.
const COLUMNS: [&str; 12] = [
    "recv_online",
    "recv_other",
    "with_fee",
    "paid_online",
    "res_early",
    "res_ontime",
    "res_late",
    "digitized",
    "withdrawn",
    "answers",
    "satisfied",
    "returned",
];

/// The counters recounted from the dossiers, as a SELECT with the columns of daily_stats.
fn recount_select() -> String {
    recount_where("1")
}

/// The counters of the dossiers `d` that match `filter`.
fn recount_where(filter: &str) -> String {
    let mut parts = Vec::new();
    for Contribution { day, cond, cols } in contributions("d") {
        let exprs: Vec<String> = COLUMNS
            .iter()
            .map(|c| match cols.iter().find(|(n, _)| n == c) {
                Some((_, v)) => format!("{v} AS {c}"),
                None => format!("0 AS {c}"),
            })
            .collect();
        parts.push(format!(
            "SELECT {day} AS day, d.field AS field, {} FROM dossiers d WHERE {cond} AND {filter}",
            exprs.join(", ")
        ));
    }
    let sums: Vec<String> = COLUMNS.iter().map(|c| format!("sum({c})")).collect();
    format!("SELECT day, field, {} FROM ({}) GROUP BY day, field", sums.join(", "), parts.join(" UNION ALL "))
}

/// Throws the counters away and counts them again from the dossiers.
pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!("DELETE FROM daily_stats; INSERT INTO daily_stats {};", recount_select()))
}

/// Adds the counters of the dossiers with ids `first..=last`: a bulk load's batch, inserted
/// without the triggers, counted once by the same description the triggers use.
pub fn add_counts(conn: &Connection, first: i64, last: i64) -> rusqlite::Result<()> {
    let sets: Vec<String> = COLUMNS.iter().map(|c| format!("{c} = {c} + excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO daily_stats(day, field, {columns}) SELECT * FROM ({recount}) WHERE true \
         ON CONFLICT(day, field) DO UPDATE SET {sets}",
        columns = COLUMNS.join(", "),
        recount = recount_where("d.id BETWEEN ?1 AND ?2"),
        sets = sets.join(", "),
    );
    conn.prepare_cached(&sql)?.execute([first, last])?;
    Ok(())
}

/// Days and fields where the kept counters differ from a recount (empty when all is right).
pub fn mismatches(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let sql = format!(
        "WITH fresh AS ({recount}), kept AS (SELECT day, field, {columns} FROM daily_stats WHERE {any} <> 0) \
         SELECT day, field FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) \
         UNION SELECT day, field FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) LIMIT 20",
        recount = recount_select(),
        columns = COLUMNS.join(", "),
        any = COLUMNS.join(" + "),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| Ok(format!("{} {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.collect()
}
