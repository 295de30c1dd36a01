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

#[test]
fn the_demo_looks_like_a_real_office() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "demo.db", "3");
    let rows = logbook_rows(&export_all(&db, NOW));
    assert_eq!(rows.len(), N);
    let share = |f: &dyn Fn(&HashMap<String, String>) -> bool| rows.iter().filter(|r| f(r)).count() as f64 / N as f64;

    let pending =
        |r: &HashMap<String, String>| ["received", "in_progress", "supplement"].contains(&r["status"].as_str());
    let p = share(&pending);
    assert!((0.015..=0.05).contains(&p), "pending share {p}");
    let overdue = rows.iter().filter(|r| pending(r) && r["due_date"].as_str() < "2026-11-20").count();
    assert!(overdue > 0, "some pending dossiers are overdue");
    let online = share(&|r| r["channel"] == "online");
    assert!((0.5..=0.95).contains(&online), "online share {online}");
    assert!(share(&|r| r["channel"] == "postal") > 0.0);

    // Three years ending now, every line complete and consistent.
    let first = rows.iter().map(|r| r["received_at"].as_str()).min().unwrap();
    let last = rows.iter().map(|r| r["received_at"].as_str()).max().unwrap();
    assert!(first.starts_with("2023-11"), "{first}");
    assert!(last <= "2026-11-20T16:30:00+07:00" && last.starts_with("2026-11-"), "{last}");
    for r in &rows {
        assert!(motcua::domain::code::parse_dossier_code(&r["code"]).is_some(), "{}", r["code"]);
        assert_eq!(r["applicant_id"].len(), 12, "{}", r["applicant_id"]);
        assert!(r["due_date"].as_str() >= &r["received_at"][..10], "{r:?}");
    }
    // Vietnamese names with diacritics.
    assert!(rows.iter().filter(|r| r["applicant_name"].starts_with("Nguyễn")).count() > N / 5);

    // Events agree with statuses, counters with rows.
    let out = motcua(&db, NOW, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
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
