//! Eight clerks writing to one file at once: no error, no "database is locked", no duplicate
//! code, no lost update. Each successful change adds exactly one event and bumps the dossier's
//! version by one, so counting events against the operations that reported success finds any
//! lost or doubled write.
//!
//! The long runs: `cargo test --test concurrency -- --ignored --nocapture`
//! (MOTCUA_STRESS_SECS, default 60, sets how long each runs).

use crate::common;

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use motcua::domain::code::parse_dossier_code;
use motcua::domain::status::Status;
use motcua::store::{MoveExtra, Refusal, Store};

const WORKERS: usize = 8;

/// What one worker saw.
#[derive(Default)]
struct Tally {
    adds: Vec<String>,
    moves: usize,
    /// Moves on the contested dossiers that won the race.
    won: usize,
    /// Moves on the contested dossiers refused because another clerk moved it first.
    lost: usize,
}

fn stress_secs(default: u64) -> Duration {
    Duration::from_secs(std::env::var("MOTCUA_STRESS_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(default))
}

/// `n` dossiers every worker will try to move at once.
fn contested(db: &Path, n: usize) -> Vec<String> {
    let mut store = Store::open(db).unwrap();
    let p = procedure(&store);
    (0..n).map(|_| store.add_dossier(CLERK, &new_dossier(&p, "Tranh Văn Chấp"), now()).unwrap().code).collect()
}

/// Everything that must hold after the storm.
fn audit_after(db: &Path, tallies: &[Tally], contested: &[String], events_before: i64) {
    let store = Store::open(db).unwrap();
    let adds: Vec<&String> = tallies.iter().flat_map(|t| &t.adds).collect();
    let unique: HashSet<&String> = adds.iter().copied().collect();
    assert_eq!(unique.len(), adds.len(), "duplicate codes handed out");
    // Sequence numbers of the day are 1..N with no gap and no repeat.
    let mut seqs: Vec<u32> = adds.iter().copied().chain(contested).map(|c| parse_dossier_code(c).unwrap().2).collect();
    seqs.sort();
    assert_eq!(seqs, (1..=seqs.len() as u32).collect::<Vec<_>>());
    for c in contested {
        let d = store.dossier(c).unwrap().unwrap();
        assert_eq!((d.status, d.version), (Status::InProgress, 2), "{c} moved exactly once");
    }
    let won: usize = tallies.iter().map(|t| t.won).sum();
    assert_eq!(won, contested.len(), "each contested dossier moved by exactly one clerk");
    let ops: usize = tallies.iter().map(|t| t.adds.len() + t.moves + t.won).sum();
    let report = store.verify_chain().unwrap();
    assert_eq!(report.events as i64 - events_before, ops as i64, "events written = operations reported");
    assert_eq!(report.first_break, None);
    for c in &adds {
        let d = store.dossier(c).unwrap().unwrap_or_else(|| panic!("{c} lost"));
        assert_eq!(d.version as usize, store.events(d.id).unwrap().len(), "{c}: a lost or doubled update");
    }
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let (adds, moves, lost): (usize, usize, usize) =
        tallies.iter().fold((0, 0, 0), |a, t| (a.0 + t.adds.len(), a.1 + t.moves, a.2 + t.lost));
    eprintln!(
        "{WORKERS} workers: {adds} intakes, {moves} moves, {} contested dossiers ({won} won, {lost} refused as stale)",
        contested.len()
    );
}

/// What a worker has for one round: who it is, the database, a procedure, and this round's
/// contested dossier if any.
struct Round<'a> {
    w: usize,
    db: &'a Path,
    procedure: &'a str,
    contested: Option<&'a String>,
}

/// Eight workers started together, each with its own state from `open`, doing `round` until
/// `rounds` are done and `secs` have passed; then everything is audited.
fn storm<S: 'static>(secs: Duration, rounds: usize, open: fn(&Path) -> S, round: fn(&mut S, Round<'_>, &mut Tally)) {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    let p = procedure(&store);
    drop(store);
    let shared = contested(&db, rounds);
    let before = Store::open(&db).unwrap().verify_chain().unwrap().events as i64;
    let start = Arc::new(Barrier::new(WORKERS));
    let deadline = Instant::now() + secs;
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let (db, p, shared, start) = (db.clone(), p.clone(), shared.clone(), start.clone());
            thread::spawn(move || {
                let mut state = open(&db);
                let mut t = Tally::default();
                start.wait();
                let mut i = 0;
                while i < rounds || Instant::now() < deadline {
                    round(&mut state, Round { w, db: &db, procedure: &p, contested: shared.get(i) }, &mut t);
                    i += 1;
                }
                t
            })
        })
        .collect();
    let tallies: Vec<Tally> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    audit_after(&db, &tallies, &shared, before);
}

/// Eight threads, each with its own connection, as eight clerks' screens would be.
fn threads(secs: Duration, rounds: usize) {
    storm(
        secs,
        rounds,
        |db| Store::open(db).unwrap(),
        |store, r, t| {
            let name = format!("Khách {}", ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám"][r.w]);
            let d = store.add_dossier(CLERK, &new_dossier(r.procedure, &name), now()).unwrap();
            t.adds.push(d.code.clone());
            store
                .move_dossier(CLERK, &d.code, Some(d.version), Status::InProgress, &MoveExtra::default(), now())
                .unwrap();
            t.moves += 1;
            if let Some(c) = r.contested {
                // Every worker saw version 1 on its screen and presses the same key.
                match store.move_dossier(CLERK, c, Some(1), Status::InProgress, &MoveExtra::default(), now()) {
                    Ok(_) => t.won += 1,
                    Err(e) => match e.downcast_ref::<Refusal>() {
                        Some(Refusal::Stale { .. }) => t.lost += 1,
                        _ => panic!("worker {}: {e:#}", r.w),
                    },
                }
            }
        },
    );
}

/// Eight processes of the binary at a time, each clerk running one command after another.
fn processes(secs: Duration, rounds: usize) {
    storm(
        secs,
        rounds,
        |_| (),
        |_, r, t| {
            let out = run(r.db, CLERK, &["dossier", "add", "--procedure", r.procedure, "--name", "Khách Hàng Đông"]);
            assert!(out.status.success(), "worker {} add: {}", r.w, text(&out.stderr));
            let code = text(&out.stdout).lines().last().unwrap().to_string();
            t.adds.push(code.clone());
            let out = run(r.db, CLERK, &["dossier", "move", &code, "in_progress"]);
            assert!(out.status.success(), "worker {} move: {}", r.w, text(&out.stderr));
            t.moves += 1;
            if let Some(c) = r.contested {
                // The command line moves without a version: the loser hears "already in that status".
                let out = run(r.db, CLERK, &["dossier", "move", c, "in_progress"]);
                if out.status.success() {
                    t.won += 1;
                } else {
                    let line = clear_failure(&out);
                    assert!(line.contains("already in that status"), "worker {}: {line}", r.w);
                    t.lost += 1;
                }
            }
        },
    );
}

#[test]
fn eight_connections_write_at_once() {
    threads(Duration::ZERO, 40);
}

#[test]
fn eight_processes_write_at_once() {
    processes(Duration::ZERO, 8);
}

#[test]
#[ignore = "long: cargo test --test concurrency -- --ignored --nocapture"]
fn eight_connections_write_for_a_while() {
    threads(stress_secs(60), 200);
}

#[test]
#[ignore = "long: cargo test --test concurrency -- --ignored --nocapture"]
fn eight_processes_write_for_a_while() {
    processes(stress_secs(60), 50);
}
