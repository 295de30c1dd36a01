//! `motcua demo` (realistic, reproducible) and `motcua check` (finds what was changed behind
//! motcua's back).

use crate::foundation;

use std::collections::HashMap;
use std::path::Path;

use foundation::{export_all, logbook_rows, motcua, ok, stderr};

const NOW: &str = "2026-11-20T16:30:00+07:00";
const N: usize = 3000;

fn demo(dir: &Path, name: &str, seed: &str) -> std::path::PathBuf {
    let db = dir.join(name);
    ok(&db, NOW, &["demo", "--dossiers", &N.to_string(), "--seed", seed]);
    db
}

#[test]
fn the_same_seed_gives_the_same_office_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    let a = export_all(&demo(dir.path(), "a.db", "11"), NOW);
    let b = export_all(&demo(dir.path(), "b.db", "11"), NOW);
    let c = export_all(&demo(dir.path(), "c.db", "12"), NOW);
    assert!(a == b, "same seed, different logbooks");
    assert!(a != c, "different seeds, same logbook");
    assert_eq!(logbook_rows(&c).len(), N);
}

/// The counter's default opening hours (07:30–11:30, 13:30–17:00), as text times.
fn in_counter_hours(time: &str) -> bool {
    ("07:30:00"..="11:30:00").contains(&time) || ("13:30:00"..="17:00:00").contains(&time)
}

/// Whether the office works on `day` (YYYY-MM-DD): Monday to Friday unless the holiday table
/// lists it as a day off, a Saturday or Sunday only when it lists it as a working day.
fn working(conn: &rusqlite::Connection, day: &str) -> bool {
    let kind: Option<String> = conn.query_row("SELECT kind FROM holidays WHERE day = ?1", [day], |r| r.get(0)).ok();
    let weekday = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().format("%u").to_string();
    match kind.as_deref() {
        Some("off") => false,
        Some("work") => true,
        _ => weekday.as_str() < "6",
    }
}

fn all_pending_at_least(rows: &[HashMap<String, String>], n: usize) -> bool {
    rows.iter().filter(|r| ["received", "in_progress", "supplement"].contains(&r["status"].as_str())).count() >= n
}

/// The office of the press reports (PRODUCT.md "The demo office").
#[test]
fn the_demo_looks_like_a_real_office() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "demo.db", "3");
    let rows = logbook_rows(&export_all(&db, NOW));
    assert_eq!(rows.len(), N);
    let share = |f: &dyn Fn(&HashMap<String, String>) -> bool| rows.iter().filter(|r| f(r)).count() as f64 / N as f64;

    // Most dossiers are resolved; what is pending is a small, recent queue.
    let pending =
        |r: &HashMap<String, String>| ["received", "in_progress", "supplement"].contains(&r["status"].as_str());
    let p = share(&pending);
    assert!((0.001..=0.03).contains(&p), "pending share {p}");
    let recent = rows.iter().filter(|r| pending(r) && r["received_at"].as_str() >= "2026-10-21").count();
    assert!(all_pending_at_least(&rows, 20), "a queue to work on");
    let all_pending = rows.iter().filter(|r| pending(r)).count();
    assert!(recent * 10 >= all_pending * 8, "{recent} of {all_pending} pending received in the last 30 days");

    // About 99% resolved by the due date, judged on dates (DOMAIN §2 "Timeliness").
    let resolved: Vec<_> = rows.iter().filter(|r| !r["resolved_at"].is_empty() && r["status"] != "withdrawn").collect();
    let late = resolved.iter().filter(|r| r["resolved_at"][..10] > *r["due_date"]).count();
    let on_time = 1.0 - late as f64 / resolved.len() as f64;
    assert!(late > 0 && (0.975..=0.998).contains(&on_time), "{late} late of {}", resolved.len());
    let online = share(&|r| r["channel"] == "online");
    assert!((0.54..=0.95).contains(&online), "online share {online}");
    assert!(share(&|r| r["channel"] == "postal") > 0.0);

    // A small office's last months (at least 27 citizens a working day, so about 155 days
    // for 3,000) ending now, every line complete and consistent.
    let first = rows.iter().map(|r| r["received_at"].as_str()).min().unwrap();
    let last = rows.iter().map(|r| r["received_at"].as_str()).max().unwrap();
    assert!(first.starts_with("2026-06-1"), "{first}");
    assert!(last <= "2026-11-20T16:30:00+07:00" && last.starts_with("2026-11-"), "{last}");
    for r in &rows {
        assert!(motcua::domain::code::parse_dossier_code(&r["code"]).is_some(), "{}", r["code"]);
        assert_eq!(r["applicant_id"].len(), 12, "{}", r["applicant_id"]);
        assert!(r["due_date"].as_str() >= &r["received_at"][..10], "{r:?}");
    }
    // Vietnamese names with diacritics.
    assert!(rows.iter().filter(|r| r["applicant_name"].starts_with("Nguyễn")).count() > N / 5);

    let conn = rusqlite::Connection::open(&db).unwrap();
    // At the counter only in counter hours of working days; online at any hour, days off too.
    let mut stmt = conn.prepare("SELECT received_at, channel FROM dossiers").unwrap();
    let intakes: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (at, channel) in &intakes {
        if channel != "online" {
            assert!(in_counter_hours(&at[11..]) && working(&conn, &at[..10]), "{channel} intake at {at}");
        }
    }
    assert!(
        intakes.iter().any(|(at, c)| c == "online" && !in_counter_hours(&at[11..])),
        "nobody files online after hours"
    );
    // Nothing after now.
    let latest: String = conn.query_row("SELECT datetime(max(at), 'unixepoch') FROM events", [], |r| r.get(0)).unwrap();
    assert!(latest.as_str() <= "2026-11-20 16:30:00", "{latest}");

    // A handful overdue, most with their letter of apology (the end-of-day review catches the
    // others); the paused ones are not overdue.
    let overdue: Vec<(String, Option<String>)> = conn
        .prepare(
            "SELECT code, apology_at FROM dossiers WHERE status IN ('received', 'in_progress')
               AND due_date < '2026-11-20'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(overdue.len() * 5 <= all_pending.max(5), "{} overdue of {all_pending} pending", overdue.len());
    let without = overdue.iter().filter(|(_, apology)| apology.is_none()).count();
    assert!(without * 2 <= overdue.len(), "{without} of {} overdue without an apology", overdue.len());
    // Supplements that come back: paused, resumed, then resolved.
    let back: i64 = conn
        .query_row(
            "SELECT count(*) FROM pauses p JOIN dossiers d ON d.id = p.dossier_id
             WHERE p.to_at IS NOT NULL AND d.resolved_at > p.to_at",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(back as usize * 100 >= N, "only {back} supplements came back");

    // Events agree with statuses, counters with rows.
    let out = motcua(&db, NOW, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Made at 00:46 on a Monday: nobody has come to the counter yet today, and nothing is dated
/// after now (the old demo put the whole day's intake at 00:46).
#[test]
fn a_demo_made_after_midnight_has_only_the_nights_online_filings_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let now = "2026-11-23T00:46:00+07:00";
    ok(&db, now, &["demo", "--dossiers", "2000", "--seed", "4"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (today, at_counter, latest): (i64, i64, String) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(channel <> 'online'), 0), (SELECT datetime(max(at), 'unixepoch') FROM events)
             FROM dossiers WHERE received_at >= '2026-11-23'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(at_counter, 0, "counter intake before the counter opened");
    assert!(today <= 2, "{today} dossiers in the first 46 minutes of the day");
    assert!(latest.as_str() <= "2026-11-23 00:46:00", "{latest}");
}

#[test]
fn check_finds_a_row_changed_behind_motcuas_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("small.db");
    ok(&db, NOW, &["demo", "--dossiers", "300", "--seed", "9"]);
    assert!(motcua(&db, NOW, &["check"]).status.success());

    let conn = rusqlite::Connection::open(&db).unwrap();
    let n = conn
        .execute("UPDATE dossiers SET status = 'received' WHERE id = (SELECT min(id) FROM dossiers WHERE status = 'returned')", [])
        .unwrap();
    assert_eq!(n, 1);
    drop(conn);
    let out = motcua(&db, NOW, &["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("1 pending dossiers with a resolved or withdrawn time"), "{err}");
    assert!(err.contains("1 dossiers whose last event disagrees with their status"), "{err}");

    // A report counter nudged by hand is found by the recount.
    let db2 = dir.path().join("small2.db");
    ok(&db2, NOW, &["demo", "--dossiers", "300", "--seed", "9"]);
    let conn = rusqlite::Connection::open(&db2).unwrap();
    let day: String = conn.query_row("SELECT min(day) FROM daily_stats", [], |r| r.get(0)).unwrap();
    conn.execute("UPDATE daily_stats SET recv_online = recv_online + 1 WHERE day = ?1", [&day]).unwrap();
    drop(conn);
    let out = motcua(&db2, NOW, &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&format!("report counters differ from a recount on {day}")), "{}", stderr(&out));
}

#[test]
fn a_second_demo_on_the_same_database_numbers_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("twice.db");
    ok(&db, NOW, &["demo", "--dossiers", "300", "--seed", "1"]);
    ok(&db, NOW, &["demo", "--dossiers", "300", "--seed", "2"]);
    let rows = logbook_rows(&export_all(&db, NOW));
    assert_eq!(rows.len(), 600);
    let codes: std::collections::HashSet<&String> = rows.iter().map(|r| &r["code"]).collect();
    assert_eq!(codes.len(), 600, "no code twice");
    ok(&db, NOW, &["check"]);
}
