//! Issue 9 items 5–8: calendar-day limits, the corrected 2026 holidays offered to an old
//! database, a catalogue re-import that keeps the head's settings, and refusals at intake.
//! Expected dates are counted by hand from DOMAIN §2 and the published 2026 schedule
//! (29/8–2/9 off, Monday 31/8 swapped with Saturday 22/8), written out in the comments.

use std::path::Path;

use chrono::NaiveDateTime;
use motcua::domain::calendar::{DayCount, DayKind};
use motcua::domain::dossier::{Procedure, ResumeRule};
use motcua::store::{Refusal, Store};

use crate::common::{self, new_dossier, office, refusal, run, text, CLERK, HANDLER, HEAD};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn due_of(store: &mut Store, code: &str, received: &str) -> String {
    store.add_dossier(CLERK, &new_dossier(code, "Trần Thị Bình"), at(received)).unwrap().due_date.to_string()
}

/// Two procedures of 1 and 2 working days and one of 10 calendar days, typed by the head.
fn short_limits(store: &mut Store) {
    let cal10 = Procedure { day_kind: DayCount::Calendar, ..Procedure::new("T.C10", "Thử 10 ngày", "Thử", 10) };
    store
        .upsert_procedures(
            HEAD,
            &[Procedure::new("T.W1", "Thử 1 ngày", "Thử", 1), Procedure::new("T.W2", "Thử 2 ngày", "Thử", 2), cal10],
        )
        .unwrap();
}

#[test]
fn land_mediation_counts_30_calendar_days_and_a_sunday_end_moves_to_monday() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = office(dir.path());
    let p = store.procedure("1.012812").unwrap().unwrap();
    assert_eq!((p.days, p.day_kind), (Some(30), DayCount::Calendar));
    // Friday 6/3/2026 + 30 days: 25 days to the end of March (31), 5 into April = Sunday 5/4.
    // The last day is not a working day: due Monday 6/4.
    assert_eq!(due_of(&mut store, "1.012812", "2026-03-06 09:15"), "2026-04-06");
    // Friday 3/4/2026 + 30 days = Sunday 3/5, across Monday 27/4 (Hùng Kings), 30/4 and 1/5,
    // which count like any other day: due Monday 4/5. Counted in working days it would be
    // 30 working days later, in mid-May.
    assert_eq!(due_of(&mut store, "1.012812", "2026-04-03 10:00"), "2026-05-04");
}

#[test]
fn the_2026_national_day_swap_with_the_shipped_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = office(dir.path());
    short_limits(&mut store);
    let cal = store.calendar().unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert!(cal.is_working_day(day("2026-08-22")), "Saturday 22/8 is worked");
    assert!(!cal.is_working_day(day("2026-08-31")), "Monday 31/8 is off");
    // Friday 21/8 + 1 working day = the worked Saturday 22/8; + 2 = Monday 24/8.
    assert_eq!(due_of(&mut store, "T.W1", "2026-08-21 10:00"), "2026-08-22");
    assert_eq!(due_of(&mut store, "T.W2", "2026-08-21 10:00"), "2026-08-24");
    // Received online on the worked Saturday: the clock starts that day; + 1 = Monday 24/8.
    assert_eq!(due_of(&mut store, "T.W1", "2026-08-22 20:00"), "2026-08-24");
    // Friday 28/8 + 1: Saturday 29, Sunday 30, Monday 31 (swapped), 1/9 and 2/9 are off:
    // Thursday 3/9.
    assert_eq!(due_of(&mut store, "T.W1", "2026-08-28 10:00"), "2026-09-03");
    // Friday 21/8 + 10 calendar days = Monday 31/8, off, then 1/9 and 2/9: Thursday 3/9.
    assert_eq!(due_of(&mut store, "T.C10", "2026-08-21 10:00"), "2026-09-03");
}

/// The 2026 rows as motcua shipped them before the schedule was published.
fn make_it_old(store: &mut Store) {
    for d in ["2026-08-22", "2026-08-31"] {
        store.remove_holiday(HEAD, chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()).unwrap();
    }
    let row = |d: &str, kind, name: &str| {
        (chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(), kind, name.to_string(), "believed".to_string())
    };
    store
        .upsert_holidays(
            HEAD,
            &[
                row("2026-01-10", DayKind::Work, "Làm bù cho 2/1"),
                row("2026-09-01", DayKind::Off, "Quốc khánh"),
                row("2026-09-02", DayKind::Off, "Quốc khánh"),
            ],
        )
        .unwrap();
}

#[test]
fn an_old_database_is_offered_the_official_rows_and_changed_only_on_yes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    make_it_old(&mut store);
    short_limits(&mut store);
    // On the old table Monday 31/8 is a working day, and 1/9–2/9 only believed off.
    assert_eq!(due_of(&mut store, "T.W1", "2026-08-28 10:00"), "2026-08-31");
    let before = store.holidays().unwrap();
    drop(store);

    let shown = run(&db, HEAD, &["holidays", "update"]);
    assert!(shown.status.success(), "{}", text(&shown.stderr));
    let out = text(&shown.stdout);
    let listed: Vec<&str> = out.lines().filter(|l| l.trim_start().starts_with(['+', '~', '-'])).collect();
    assert_eq!(listed.len(), 5, "{out}");
    for (sign, day) in
        [("+", "22/08/2026"), ("+", "31/08/2026"), ("~", "10/01/2026"), ("~", "01/09/2026"), ("~", "02/09/2026")]
    {
        assert!(listed.iter().any(|l| l.trim_start().starts_with(&format!("{sign} {day}"))), "{sign} {day}: {out}");
    }
    assert!(out.contains("--yes"), "{out}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.holidays().unwrap(), before, "shown, not applied");
    drop(store);

    // A clerk may look, not apply.
    let clerk = run(&db, CLERK, &["holidays", "update", "--yes"]);
    common::clear_failure(&clerk);
    assert_eq!(Store::open(&db).unwrap().holidays().unwrap(), before);

    let applied = run(&db, HEAD, &["holidays", "update", "--yes"]);
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    let mut store = Store::open(&db).unwrap();
    let now = store.holidays().unwrap();
    let shipped = motcua::domain::holiday_update::shipped_holidays();
    for day in ["2026-01-10", "2026-08-22", "2026-08-31", "2026-09-01", "2026-09-02"] {
        let find =
            |rows: &[motcua::domain::calendar::HolidayRow]| rows.iter().find(|r| r.0.to_string() == day).cloned();
        assert_eq!(find(&now), find(&shipped), "{day}");
    }
    // The dossier already received keeps its due date; a new one is counted on the new table.
    let old = store.dossier("000.17.22.H56-260828-0001").unwrap().unwrap();
    assert_eq!(old.due_date.to_string(), "2026-08-31");
    assert_eq!(due_of(&mut store, "T.W1", "2026-08-28 11:00"), "2026-09-03");
    drop(store);
    let again = run(&db, HEAD, &["holidays", "update"]);
    assert!(text(&again.stdout).contains("nothing to change"), "{}", text(&again.stdout));
}

#[test]
fn a_due_date_over_a_provisional_day_carries_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    short_limits(&mut store);
    // Wednesday 30/12/2026 + 2 working days: Thursday 31/12, then 1/1/2027 (provisional, off),
    // the weekend: Monday 4/1/2027.
    let marked = store.add_dossier(CLERK, &new_dossier("T.W2", "Lê Văn Cường"), at("2026-12-30 09:00")).unwrap();
    assert_eq!(marked.due_date.to_string(), "2027-01-04");
    assert!(store.crosses_unofficial_holidays(&marked).unwrap());
    let plain = store.add_dossier(CLERK, &new_dossier("T.W2", "Lê Văn Dũng"), at("2026-12-01 09:00")).unwrap();
    assert!(!store.crosses_unofficial_holidays(&plain).unwrap());
    drop(store);

    let show = |code: &str, json: bool| {
        let mut args = vec!["dossier", "show", code];
        if json {
            args.extend(["--format", "json"]);
        }
        text(&run(&db, CLERK, &args).stdout)
    };
    assert!(show(&marked.code, false).contains("Due: 04/01/2027 (holiday table not yet official)"));
    assert!(!show(&plain.code, false).contains("not yet official"));
    let v: serde_json::Value = serde_json::from_str(&show(&marked.code, true)).unwrap();
    assert_eq!(v["unofficial_holidays"], serde_json::json!(true));
    let v: serde_json::Value = serde_json::from_str(&show(&plain.code, true)).unwrap();
    assert_eq!(v["unofficial_holidays"], serde_json::json!(false));

    let forms = dir.path().join("forms");
    let printed =
        run(&db, CLERK, &["print", &marked.code, "--form", "01", "--to", &format!("file:{}", forms.display())]);
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    let receipt = std::fs::read_to_string(forms.join(format!("{}-mau01.txt", marked.code))).unwrap();
    assert!(receipt.contains("lịch nghỉ chưa chính thức"), "{receipt}");
    run(&db, CLERK, &["print", &plain.code, "--form", "01", "--to", &format!("file:{}", forms.display())]);
    let receipt = std::fs::read_to_string(forms.join(format!("{}-mau01.txt", plain.code))).unwrap();
    assert!(!receipt.contains("chưa chính thức"), "{receipt}");
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

#[test]
fn a_reimport_keeps_what_the_head_set() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let get = |s: &Store, c: &str| s.procedure(c).unwrap().unwrap();
    // The head's settings, none of which the shipped file carries for these rows: working
    // hours instead of days, a fee the file leaves to the province, the restart rule, no
    // cut-off, a procedure switched off.
    let birth_combined = Procedure { hours: Some(8), fee_vnd: Some(10_000), ..get(&store, "1.000689") };
    let residence = Procedure { resume: ResumeRule::Restart, ..get(&store, "1.004222") };
    let copies = Procedure { cutoff: None, ..get(&store, "2.000815") };
    let merit = Procedure { active: false, ..get(&store, "1.000748") };
    store.upsert_procedures(HEAD, &[birth_combined, residence, copies, merit]).unwrap();
    drop(store);

    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/procedures.csv");
    let out = run(&db, HEAD, &["import", "procedures", shipped]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "added 0, updated 43");
    let store = Store::open(&db).unwrap();
    let p = get(&store, "1.000689");
    assert_eq!((p.hours, p.fee_vnd, p.days), (Some(8), Some(10_000), Some(3)));
    assert_eq!(get(&store, "1.004222").resume, ResumeRule::Restart);
    assert_eq!(get(&store, "2.000815").cutoff, None);
    assert!(!get(&store, "1.000748").active);
    drop(store);

    // A file that does carry a column sets it: the fee of 2.000815 and the restart rule.
    let file = write(
        dir.path(),
        "fees.csv",
        "code,name_vi,field_vi,processing_days,fee_vnd,resume\n\
         2.000815,\"Chứng thực bản sao từ bản chính giấy tờ, văn bản\",Chứng thực,0,3.000,\n\
         1.004222,Đăng ký thường trú,\"Đăng ký, quản lý cư trú (Công an)\",7,,remaining\n",
    );
    let out = run(&db, HEAD, &["import", "procedures", &file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let store = Store::open(&db).unwrap();
    assert_eq!(get(&store, "2.000815").fee_vnd, Some(3_000));
    assert_eq!(get(&store, "2.000815").cutoff, None, "the head's no-cut-off stays");
    let r = get(&store, "1.004222");
    assert_eq!((r.resume, r.fee_vnd), (ResumeRule::Remaining, Some(20_000)), "an empty fee cell keeps the fee");
}

#[test]
fn duplicates_silent_deactivation_and_absurd_limits_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    let before = store.procedures(false).unwrap();
    drop(store);
    let refused = |body: &str| {
        let file = write(dir.path(), "bad.csv", body);
        let out = run(&db, HEAD, &["import", "procedures", &file]);
        let err = text(&out.stderr);
        common::clear_failure(&out);
        assert_eq!(Store::open(&db).unwrap().procedures(false).unwrap(), before, "nothing changed: {err}");
        err
    };
    let header = "code,name_vi,field_vi,processing_days\n";
    let err = refused(&format!("{header}1.000689,A,Hộ tịch,3\n1.004222,B,Cư trú,7\n1.000689,C,Hộ tịch,5\n"));
    assert!(err.contains("line 4: procedure code 1.000689 is already on line 2"), "{err}");
    // 1.001193 is active (same day); an empty processing_days would switch it off unsaid.
    let err = refused(&format!("{header}1.004222,B,Cư trú,7\n1.001193,Đăng ký khai sinh,Hộ tịch,\n"));
    assert!(err.contains("line 3: 1.001193:"), "{err}");
    assert!(err.contains("active = 0"), "{err}");
    let err = refused(&format!("{header}1.004222,B,Cư trú,4000000000\n1.001193,A,Hộ tịch,366\n"));
    assert!(err.contains("line 2: processing_days 4000000000"), "{err}");
    assert!(err.contains("line 3: processing_days 366"), "{err}");
    let err = refused("code,name_vi,field_vi,processing_days,hours\n1.004222,B,Cư trú,,721\n");
    assert!(err.contains("line 2: hours 721"), "{err}");
    let err = refused(&format!("{header}1.004222,B,Cư trú,7,extra\n"));
    assert!(err.contains("line 2:"), "{err}");

    // Saying so is accepted: the procedure stops being offered.
    let file = write(
        dir.path(),
        "off.csv",
        "code,name_vi,field_vi,processing_days,active\n1.001193,Đăng ký khai sinh,Hộ tịch,,0\n",
    );
    let out = run(&db, HEAD, &["import", "procedures", &file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!Store::open(&db).unwrap().procedure("1.001193").unwrap().unwrap().active);
}

#[test]
fn a_refusal_at_intake_is_logged_printed_and_counted_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let code = common::procedure(&store);
    store.add_dossier(CLERK, &new_dossier(&code, "Phạm Thị Hoa"), common::now()).unwrap();
    drop(store);
    let report = || {
        let out = run(&db, HEAD, &["report", "--from", "2024-02-01", "--to", "2024-02-29", "--format", "json"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let before = report();
    let forms = dir.path().join("forms");
    let reason = "Yêu cầu cấp phép khai thác cát không thuộc thẩm quyền của UBND xã";
    let out = run(
        &db,
        CLERK,
        &[
            "dossier",
            "refuse",
            "--procedure",
            &code,
            "--name",
            "Nguyễn Văn Bảo",
            "--reason",
            reason,
            "--phone",
            "0912345678",
            "--to",
            &format!("file:{}", forms.display()),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Refusal at intake logged #1"), "{}", text(&out.stdout));
    let form = std::fs::read_to_string(forms.join("tuchoi-1-mau03.txt")).unwrap();
    assert!(form.contains("PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"), "{form}");
    assert!(form.contains("Nguyễn Văn Bảo") && form.contains("0912345678"), "{form}");
    assert!(form.contains("khai thác cát"), "{form}");
    assert!(form.contains("Nguyễn Thị Lan"), "signed by the clerk's full name: {form}");
    assert!(!form.contains("Mã hồ sơ"), "no dossier code: {form}");

    assert_eq!(report(), before, "the report does not count it");
    let store = Store::open(&db).unwrap();
    let logged = store.intake_refusals(common::now().date(), common::now().date()).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!((logged[0].actor.as_str(), logged[0].reason.as_str()), (CLERK, reason));
    assert_eq!(logged[0].at, common::now());
    assert!(store.dossier("000.17.22.H56-240208-0002").unwrap().is_none(), "no dossier, no number taken");
    drop(store);
    let listed = text(&run(&db, HEAD, &["dossier", "refusals"]).stdout);
    assert!(listed.contains("#1\t10:00 08/02/2024\tlan\t") && listed.contains("khai thác cát"), "{listed}");

    // Without a reason, by a handler, or for an unknown procedure: refused, nothing logged.
    let to = format!("file:{}", forms.display());
    let base = ["dossier", "refuse", "--name", "Nguyễn Văn Bảo", "--to", to.as_str()];
    for (who, extra) in [
        (CLERK, vec!["--procedure", code.as_str(), "--reason", " "]),
        (HANDLER, vec!["--procedure", code.as_str(), "--reason", "x"]),
        (CLERK, vec!["--procedure", "9.999", "--reason", "x"]),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(extra);
        common::clear_failure(&run(&db, who, &args));
    }
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.intake_refusals(common::now().date(), common::now().date()).unwrap().len(), 1);
    let e = refusal(
        &store.refuse_at_intake(HANDLER, &new_dossier(&code, "Nguyễn Văn Bảo"), "x", common::now()).unwrap_err(),
    );
    assert!(matches!(e, Refusal::NotAllowed { .. }), "{e:?}");
}

#[test]
fn the_intake_screen_refuses_with_f8_and_the_notes_as_reason() {
    use crate::screens::{demo_db, Screen};
    use crossterm::event::KeyCode;
    let (_d, db) = demo_db(0);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(2));
    s.typed("khai sinh");
    s.key(KeyCode::Enter);
    s.typed("Nguyễn Văn An");
    s.key(KeyCode::F(8));
    // No reason yet: the notes are where it goes, and nothing is logged.
    assert!(s.flash().contains("Ghi chú"), "{}", s.flash());
    assert_eq!(s.st.intake.as_ref().unwrap().focus, motcua::tui::screens::intake::state::Field::Notes);
    s.typed("Việc khai sinh cho người đã thành niên ở nước ngoài thuộc thẩm quyền Sở Tư pháp");
    s.key(KeyCode::F(8));
    // The refusal is a record the office keeps: asked first, Esc logs nothing.
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    s.key(KeyCode::Esc);
    let day = screens_now().date();
    assert!(s.store.intake_refusals(day, day).unwrap().is_empty());
    s.key(KeyCode::F(8));
    s.key(KeyCode::Enter);
    assert_eq!(s.st.screen, motcua::tui::state::Screen::Document);
    let doc = s.st.document.as_ref().expect("Mẫu 03 on screen");
    assert!(doc.job.text.contains("PHIẾU TỪ CHỐI TIẾP NHẬN"), "{}", doc.job.text);
    let flat = doc.job.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Nguyễn Văn An") && flat.contains("thuộc thẩm quyền Sở Tư pháp"), "{flat}");
    assert_eq!(doc.job.stem, "tuchoi-1-mau03");
    let logged = s.store.intake_refusals(day, day).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!((logged[0].actor.as_str(), logged[0].procedure_code.as_str()), ("head", "1.001193"));
    assert!(s.store.draft("head").unwrap().is_none(), "the draft is gone");
    assert!(s.store.each_dossier_received(day, day, |_| panic!("a dossier was registered")).is_ok());
}

fn screens_now() -> NaiveDateTime {
    crate::screens::now()
}

#[test]
fn the_admin_screen_offers_the_official_holidays_and_applies_on_enter() {
    use crate::screens::{demo_db, Screen};
    use crossterm::event::KeyCode;
    let (_d, db) = demo_db(0);
    {
        let mut store = Store::open(&db).unwrap();
        store.remove_holiday("head", chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap()).unwrap();
    }
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    s.key(KeyCode::Tab);
    assert!(s.text().contains("1 ngày theo lịch chính thức mới: Alt-U xem"), "{}", s.text());
    s.alt('u');
    let confirm = match s.st.popups.last() {
        Some(motcua::tui::popups::Popup::Confirm { text, .. }) => text.clone(),
        other => panic!("a question first: {other:?}"),
    };
    assert!(confirm.contains("+31/08/2026"), "{confirm}");
    assert!(
        s.store.calendar().unwrap().is_working_day(chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap()),
        "not yet"
    );
    s.key(KeyCode::Esc);
    assert!(s.store.holidays().unwrap().iter().all(|h| h.0.to_string() != "2026-08-31"), "Esc: nothing applied");
    s.alt('u');
    s.key(KeyCode::Enter);
    assert!(s.store.holidays().unwrap().iter().any(|h| h.0.to_string() == "2026-08-31"), "{}", s.flash());
    assert!(!s.st.calendar.is_working_day(chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap()));
    assert!(!s.text().contains("lịch chính thức mới"), "{}", s.text());
    s.alt('u');
    assert!(s.flash().contains("đã khớp"), "{}", s.flash());
}

#[test]
fn a_limit_stored_before_limits_were_checked_is_refused_at_intake_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    // As an older motcua let it in: 4,000,000,000 days fits in 32 bits.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false).unwrap();
    conn.execute("UPDATE procedures SET days = 4000000000 WHERE code = '1.004222'", []).unwrap();
    drop(conn);
    let out = run(&db, CLERK, &["dossier", "add", "--procedure", "1.004222", "--name", "Đỗ Văn Giang"]);
    let err = common::clear_failure(&out);
    assert!(err.contains("4000000000") && err.contains("0–365"), "{err}");
    let store = Store::open(&db).unwrap();
    let mut n = 0;
    store
        .each_dossier_received(common::now().date(), common::now().date(), |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(n, 0, "no dossier half-saved");
    assert!(store.day_sequences().unwrap().is_empty(), "no number taken");
}
