//! Handing dossiers on (issue 11, DOMAIN §8–§9): a land dossier sent to the land registration
//! branch and returned by post, a bundle whose steps finish on different days, two clerks
//! numbering certified copies at once, the intake rates, and the catalogue's bundle check.
//!
//! Dates are March 2026, which has no day off: Monday 2 March is the day of receipt, and the
//! working days after it are Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.

use crate::common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Barrier};

use common::*;
use motcua::domain::handover::{CertNumbers, IntakeExtra};
use motcua::domain::report::Period;
use motcua::store::{Direction, QueueFilter, Store};

fn at(db: &Path, user: &str, now: &str, args: &[&str]) -> Output {
    motcua(db, user).env("MOTCUA_NOW", now).args(args).output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn json(db: &Path, code: &str) -> serde_json::Value {
    let out = ok(run(db, HEAD, &["dossier", "show", code, "--format", "json"]));
    serde_json::from_str(&out).unwrap()
}

fn add(db: &Path, now: &str, args: &[&str]) -> String {
    let mut all = vec!["dossier", "add", "--name", "Phạm Văn Đất"];
    all.extend_from_slice(args);
    ok(at(db, CLERK, now, &all)).trim().lines().last().unwrap().to_string()
}

const MON: &str = "2026-03-02T09:00:00+07:00";

#[test]
fn a_land_dossier_goes_to_the_land_office_and_comes_back_by_post() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    // 1.013831 (registration of changes): 5 working days, handled by the land registration branch.
    let code = add(&db, MON, &["--procedure", "1.013831", "--delivery", "post"]);
    let v = json(&db, &code);
    assert_eq!(v["due_date"], "2026-03-09", "5 working days after Mon 2/3: 3, 4, 5, 6, 9");
    assert_eq!(v["handling_agency"], "VPDK", "the catalogue's agency");
    assert_eq!(v["result_delivery"], "post");
    assert!(v["sent_at"].is_null());

    // Not in progress yet: the refusal says why, and nothing changes.
    let err = clear_failure(&at(&db, CLERK, "2026-03-02T10:00:00+07:00", &["dossier", "send", &code, "--to", "VPDK"]));
    assert!(err.contains("not in progress"), "{err}");
    assert_eq!(json(&db, &code)["version"], 1);

    ok(at(&db, CLERK, "2026-03-02T10:00:00+07:00", &["dossier", "move", &code, "in_progress"]));
    // An unknown agency: the known ones are listed.
    let err =
        clear_failure(&at(&db, CLERK, "2026-03-02T10:05:00+07:00", &["dossier", "send", &code, "--to", "SO_TNMT"]));
    assert!(err.contains("SO_TNMT") && err.contains("VPDK (Chi nhánh Văn phòng đăng ký đất đai)"), "{err}");
    assert!(err.contains("CA_XA (Công an xã)") && err.contains("BHXH"), "{err}");

    ok(at(&db, CLERK, "2026-03-02T10:10:00+07:00", &["dossier", "send", &code, "--to", "VPDK", "--note", "2 bộ"]));
    let v = json(&db, &code);
    assert_eq!(v["sent_at"], "2026-03-02T10:10:00+07:00");
    // The head sees it waiting at another agency.
    let waiting = ok(at(&db, HEAD, "2026-03-04T08:00:00+07:00", &["agency", "waiting"]));
    assert!(waiting.contains("at other agencies: 1, overdue 0"), "{waiting}");
    let late = ok(at(&db, HEAD, "2026-03-10T08:00:00+07:00", &["agency", "waiting"]));
    assert!(late.contains("at other agencies: 1, overdue 1"), "past 9/3: {late}");
    // The queue filtered to the land office (and to any other agency) shows it; the commune
    // police has nothing.
    let store = Store::open(&db).unwrap();
    let at_agency = |a: &str| QueueFilter { agency: Some(a.into()), ..QueueFilter::default() };
    let page = store.queue_page(&at_agency("VPDK"), None, Direction::Forward, 20).unwrap();
    assert_eq!(page.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), [code.as_str()]);
    assert_eq!(store.queue_count(&at_agency(""), None).unwrap().0, 1);
    assert_eq!(store.queue_count(&at_agency("CA_XA"), None).unwrap().0, 0);
    drop(store);
    // Sending twice is refused.
    let err = clear_failure(&at(&db, CLERK, "2026-03-03T10:00:00+07:00", &["dossier", "send", &code, "--to", "VPDK"]));
    assert!(err.contains("already sent"), "{err}");

    // The result comes back on Fri 6/3 (before the due date) and the clerk records it.
    ok(at(&db, CLERK, "2026-03-06T14:00:00+07:00", &["dossier", "move", &code, "ready", "--from", "VPDK"]));
    ok(at(&db, CLERK, "2026-03-09T09:00:00+07:00", &["dossier", "move", &code, "returned", "--delivery", "post"]));
    let v = json(&db, &code);
    assert_eq!(v["status"], "returned");
    assert_eq!(v["resolved_at"], "2026-03-06T14:00:00+07:00");
    assert_eq!(v["result_delivery"], "post");
    assert_eq!(v["handling_agency"], "VPDK", "kept for the logbook");
    // The control sheet has the send and the result back as typed events with their agency.
    let typed: Vec<(&str, &str, &str, &str)> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("");
            (s("kind"), s("from"), s("to"), s("agency"))
        })
        .collect();
    assert_eq!(
        typed,
        [
            ("intake", "", "received", ""),
            ("move", "received", "in_progress", ""),
            ("send", "in_progress", "in_progress", "VPDK"),
            ("receive", "in_progress", "ready", "VPDK"),
            ("move", "ready", "returned", ""),
        ]
    );
    let notes: Vec<String> =
        v["events"].as_array().unwrap().iter().map(|e| e["note"].as_str().unwrap().into()).collect();
    assert!(notes.iter().any(|n| n.contains("sent Chi nhánh Văn phòng đăng ký đất đai: 2 bộ")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("result received from Chi nhánh")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("By public post") || n.contains("bưu chính")), "{notes:?}");
    let after = ok(at(&db, HEAD, "2026-03-10T08:00:00+07:00", &["agency", "waiting"]));
    assert!(after.contains("at other agencies: 0, overdue 0"), "{after}");

    // The report: one dossier, resolved before due, under VPDK; this office has none.
    let r = ok(at(
        &db,
        HEAD,
        "2026-04-01T08:00:00+07:00",
        &["report", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"],
    ));
    let r: serde_json::Value = serde_json::from_str(&r).unwrap();
    let groups = r["by_agency"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["agency"], "VPDK");
    assert_eq!(groups[0]["resolved"]["before_due"], 1);
    assert_eq!(groups[0]["received"]["total"], 1);
    assert_eq!(ok(run(&db, HEAD, &["check"])).lines().count(), 1);
}

#[test]
fn a_bundle_is_ready_when_its_last_step_is_and_each_step_is_judged_on_its_own_date() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    // LOCAL.001: birth registration (same day, this office) + permanent residence (2 working
    // days inside the bundle, commune police) + health-insurance card (2 working days, social
    // insurance); the bundle itself: 3 working days.
    let code = add(&db, MON, &["--procedure", "LOCAL.001"]);
    let v = json(&db, &code);
    assert_eq!(v["due_date"], "2026-03-05", "3 working days after Mon 2/3");
    let steps = v["steps"].as_array().unwrap();
    let got: Vec<(&str, &str, &str, &str)> = steps
        .iter()
        .map(|s| {
            (
                s["procedure_code"].as_str().unwrap(),
                s["agency"].as_str().unwrap(),
                s["due_date"].as_str().unwrap(),
                s["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1.001193", "", "2026-03-02", "pending"),
            ("1.004222", "CA_XA", "2026-03-04", "pending"),
            ("LOCAL.003", "BHXH", "2026-03-04", "pending"),
        ]
    );
    ok(at(&db, CLERK, "2026-03-02T09:30:00+07:00", &["dossier", "move", &code, "in_progress"]));
    ok(at(&db, CLERK, "2026-03-02T09:40:00+07:00", &["dossier", "send", &code, "--to", "CA_XA"]));
    ok(at(&db, CLERK, "2026-03-02T09:41:00+07:00", &["dossier", "send", &code, "--to", "BHXH"]));
    // No step goes to the land office.
    let err = clear_failure(&at(&db, CLERK, "2026-03-02T09:42:00+07:00", &["dossier", "send", &code, "--to", "VPDK"]));
    assert!(err.contains("VPDK"), "{err}");
    // Which step? The clerk must say when more than one is open.
    let err = clear_failure(&at(&db, HANDLER, "2026-03-02T11:00:00+07:00", &["dossier", "move", &code, "ready"]));
    assert!(err.contains("--step"), "{err}");
    // Birth certificate the same day (on time), residence on Tue 3/3 (before due), the card
    // on Thu 5/3 (one day late against Wed 4/3).
    ok(at(&db, HANDLER, "2026-03-02T11:00:00+07:00", &["dossier", "move", &code, "ready", "--step", "1"]));
    ok(at(&db, CLERK, "2026-03-03T15:00:00+07:00", &["dossier", "move", &code, "ready", "--from", "CA_XA"]));
    let v = json(&db, &code);
    assert_eq!(v["status"], "in_progress", "one step still out");
    ok(at(&db, CLERK, "2026-03-05T10:00:00+07:00", &["dossier", "move", &code, "ready", "--from", "BHXH"]));
    let v = json(&db, &code);
    assert_eq!(v["status"], "ready", "every step has its result");
    assert_eq!(v["resolved_at"], "2026-03-05T10:00:00+07:00");
    let done: Vec<&str> = v["steps"].as_array().unwrap().iter().map(|s| s["done_at"].as_str().unwrap()).collect();
    assert_eq!(done, ["2026-03-02T11:00:00+07:00", "2026-03-03T15:00:00+07:00", "2026-03-05T10:00:00+07:00"]);
    assert!(v["steps"].as_array().unwrap().iter().all(|s| s["status"] == "ready"));
    let shown = ok(run(&db, HEAD, &["dossier", "show", &code]));
    let judged: Vec<&str> = shown.lines().filter(|l| l.contains(" — due ")).collect();
    assert!(judged[0].ends_with("[on time]"), "{shown}");
    assert!(judged[1].ends_with("[before due]"), "{shown}");
    assert!(judged[2].ends_with("[late]"), "{shown}");
    // The dossier itself is judged on its own due date (5/3): on time.
    let r = ok(at(
        &db,
        HEAD,
        "2026-04-01T08:00:00+07:00",
        &["report", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"],
    ));
    let r: serde_json::Value = serde_json::from_str(&r).unwrap();
    assert_eq!(r["resolved"]["on_time"], 1);
}

#[test]
fn two_clerks_numbering_certified_copies_at_the_same_instant_leave_no_gap_and_no_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    const PER_CLERK: usize = 15;
    let start = Arc::new(Barrier::new(2));
    let now = motcua::clock::parse_time(MON).unwrap();
    let clerks: Vec<_> = [CLERK, HEAD]
        .into_iter()
        .enumerate()
        .map(|(k, who)| {
            let (db, start) = (db.clone(), start.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                start.wait();
                let mut got = Vec::new();
                for i in 0..PER_CLERK {
                    // 1, 2 or 3 copies, differently in each thread.
                    let extra = IntakeExtra { copies: ((i + k) % 3 + 1) as u32, ..Default::default() };
                    let d = store.add_dossier_with(who, &new_dossier("2.000815", "Lê Thị Hoa"), &extra, now).unwrap();
                    got.push((store.handover(d.id).unwrap().cert.unwrap(), extra.copies));
                }
                got
            })
        })
        .collect();
    let all: Vec<(CertNumbers, u32)> = clerks.into_iter().flat_map(|t| t.join().unwrap()).collect();
    let mut numbers: Vec<u32> = Vec::new();
    for (c, copies) in &all {
        assert_eq!(c.count, *copies);
        assert_eq!(c.book.volume(c.year), "01/2026-SCT/BS");
        numbers.extend(c.first..=c.last());
    }
    let wanted: u32 = all.iter().map(|(_, n)| n).sum();
    let unique: HashSet<u32> = numbers.iter().copied().collect();
    assert_eq!(unique.len(), numbers.len(), "a number handed out twice");
    numbers.sort();
    assert_eq!(numbers, (1..=wanted).collect::<Vec<_>>(), "numbers 1..{wanted} without a gap");
    // The receipt carries the line.
    let code = add(&db, MON, &["--procedure", "2.000815", "--copies", "2"]);
    let out = ok(run(&db, CLERK, &["print", &code, "--form", "01", "--to", &format!("file:{}", dir.path().display())]));
    assert!(out.contains(&code));
    let receipt = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .unwrap();
    let receipt = std::fs::read_to_string(receipt).unwrap();
    let line = format!("Số chứng thực {}–{}, Quyển số 01/2026-SCT/BS", wanted + 1, wanted + 2);
    assert!(receipt.contains(&line), "{receipt}");
}

#[test]
fn the_intake_rates_count_digitized_and_synced_dossiers_over_those_received() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    // Five dossiers: digitized A, B; synced A, C, D (by hand: 2/5 and 3/5); then E is
    // digitized later by action and D's sync is taken back: 3/5 and 2/5.
    let a = add(&db, MON, &["--procedure", "1.004194", "--digitized", "--synced"]);
    add(&db, MON, &["--procedure", "1.004194", "--digitized"]);
    add(&db, MON, &["--procedure", "1.004194", "--synced"]);
    let d = add(&db, MON, &["--procedure", "1.004194", "--synced", "--for", "UBND xã Quảng Hòa"]);
    let e = add(&db, MON, &["--procedure", "1.004194"]);
    let rates = |db: &Path| {
        let r = ok(at(
            db,
            HEAD,
            "2026-04-01T08:00:00+07:00",
            &["report", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"],
        ));
        let r: serde_json::Value = serde_json::from_str(&r).unwrap();
        (r["rates"]["digitized_intake"].as_f64(), r["rates"]["synced"].as_f64(), r)
    };
    let (dig, syn, r) = rates(&db);
    assert_eq!((dig, syn), (Some(0.4), Some(0.6)));
    assert_eq!(r["received_for_others"]["total"], 1);
    assert_eq!(r["received_for_others"]["by_office"][0]["office"], "UBND xã Quảng Hòa");
    ok(at(&db, CLERK, "2026-03-03T08:00:00+07:00", &["dossier", "flags", &e, "--digitized", "true"]));
    ok(at(&db, CLERK, "2026-03-03T08:00:00+07:00", &["dossier", "flags", &d, "--synced", "false"]));
    assert_eq!((rates(&db).0, rates(&db).1), (Some(0.6), Some(0.4)));
    assert!(json(&db, &a)["intake_digitized"].as_bool().unwrap());
    // It is forwarded to that office like a sent dossier (no --to needed), and waits there.
    ok(at(&db, CLERK, "2026-03-03T08:10:00+07:00", &["dossier", "move", &d, "in_progress"]));
    ok(at(&db, CLERK, "2026-03-03T08:20:00+07:00", &["dossier", "send", &d]));
    let v = json(&db, &d);
    assert_eq!(
        (v["handling_agency"].as_str(), v["sent_at"].as_str()),
        (Some("UBND xã Quảng Hòa"), Some("2026-03-03T08:20:00+07:00"))
    );
    let err = clear_failure(&at(&db, CLERK, "2026-03-03T08:30:00+07:00", &["dossier", "send", &e]));
    assert!(err.contains("CA_XA (Công an xã)"), "a dossier of this office needs --to: {err}");
    // The "phi địa giới" logbook lists only the dossier received for another office.
    let book = ok(run(&db, HEAD, &["elsewhere", "--from", "2026-03-01", "--to", "2026-03-31"]));
    assert_eq!(book.lines().count(), 2, "{book}");
    assert!(book.contains(&d) && book.contains("UBND xã Quảng Hòa"), "{book}");
    // The counters the report reads agree with a recount.
    let store = Store::open(&db).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let report = store
        .report(
            Period::new(
                chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            )
            .unwrap(),
            motcua::clock::parse_time("2026-04-01T08:00:00+07:00").unwrap(),
        )
        .unwrap();
    assert_eq!(report.total().intake_digitized, 3);
}

#[test]
fn a_bundle_naming_an_unknown_component_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    let before = store.procedures(false).unwrap();
    drop(store);
    let file = dir.path().join("catalogue.csv");
    std::fs::write(
        &file,
        "code,name_vi,field_vi,processing_days,bundle,agency\n\
         9.000001,Thành phần,Hộ tịch,2,,CA_XA\n\
         9.000002,Liên thông thử,Hộ tịch,,9.000001+1.001193,\n\
         9.000003,Liên thông sai,Hộ tịch,3,1.001193+9.999999,\n",
    )
    .unwrap();
    let err = clear_failure(&run(&db, HEAD, &["import", "procedures", file.to_str().unwrap()]));
    let all = text(&run(&db, HEAD, &["import", "procedures", file.to_str().unwrap()]).stderr);
    assert!(all.contains("line 4: bundle: «9.999999»"), "{all}");
    assert!(!all.contains("line 3"), "the bundle of the file's own component is fine: {all}");
    assert!(!err.is_empty());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.procedures(false).unwrap(), before, "nothing imported");
    drop(store);
    // Without the bad line it goes in, and a bundle with no limit of its own is active.
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().lines().take(3).collect::<Vec<_>>().join("\n"))
        .unwrap();
    ok(run(&db, HEAD, &["import", "procedures", file.to_str().unwrap()]));
    let store = Store::open(&db).unwrap();
    assert!(store.procedure("9.000002").unwrap().unwrap().active);
    assert_eq!(store.procedure_links("9.000001").unwrap().agency, "CA_XA");
    assert_eq!(store.procedure_links("9.000002").unwrap().bundle.len(), 2);
}

#[test]
fn a_supplement_stops_the_clock_of_every_step_of_a_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    // LOCAL.001 received Mon 2/3: steps due 2/3, 4/3, 4/3 (see the test above).
    let code = add(&db, MON, &["--procedure", "LOCAL.001"]);
    ok(at(&db, CLERK, "2026-03-02T09:30:00+07:00", &["dossier", "move", &code, "in_progress"]));
    ok(at(&db, HANDLER, "2026-03-02T11:00:00+07:00", &["dossier", "move", &code, "ready", "--step", "1"]));
    // Tue 3/3 the handler asks for a supplement: the two open steps have 1 working day left
    // (Wed 4/3). The citizen brings it on Mon 9/3: one working day after that is Tue 10/3.
    let note = ["--note", "Thiếu giấy chứng sinh"];
    ok(at(&db, HANDLER, "2026-03-03T09:00:00+07:00", &[&["dossier", "move", &code, "supplement"][..], &note].concat()));
    ok(at(&db, CLERK, "2026-03-09T08:00:00+07:00", &["dossier", "move", &code, "in_progress"]));
    let v = json(&db, &code);
    let due: Vec<&str> = v["steps"].as_array().unwrap().iter().map(|s| s["due_date"].as_str().unwrap()).collect();
    assert_eq!(due[1..], ["2026-03-10", "2026-03-10"], "{v}");
}
