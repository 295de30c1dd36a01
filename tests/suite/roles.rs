//! Who may do what (DOMAIN §3, issue 6), checked in the store so every screen and command obeys:
//! clerk — intake, transfer, return, withdraw; handler — work assigned dossiers, supplement, ready,
//! reject; head — everything, plus catalogue, holidays, staff, settings, reassign.

use crate::common;

use crate::foundation::logbook_row;
use chrono::Duration;
use common::*;
use motcua::domain::calendar::DayKind;
use motcua::domain::dossier::Dossier;
use motcua::domain::status::{Role, Status};
use motcua::store::{MoveExtra, Refusal, Staff, Store};

use Status::*;

const GHOST: &str = "ghost";
const RETIRED: &str = "cu";

fn note() -> MoveExtra {
    MoveExtra { note: "lý do".into(), ..Default::default() }
}

/// A dossier in `status`, assigned to HANDLER, brought there by the head.
fn dossier_at(store: &mut Store, status: Status, n: usize) -> Dossier {
    let p = procedure(store);
    let d = store.add_dossier(HEAD, &new_dossier(&p, &format!("Người Số {}", "Một".repeat(n % 5 + 1))), now()).unwrap();
    store.assign(HEAD, &d.code, None, HANDLER, now()).unwrap();
    let path: &[Status] = match status {
        Received => &[],
        InProgress => &[InProgress],
        Supplement => &[InProgress, Supplement],
        Ready => &[InProgress, Ready],
        _ => unreachable!(),
    };
    for s in path {
        store.move_dossier(HEAD, &d.code, None, *s, &note(), now()).unwrap();
    }
    store.dossier(&d.code).unwrap().unwrap()
}

/// DOMAIN §3, written out rather than read from the code under test.
fn law_allows(role: Role, from: Status, to: Status) -> bool {
    let roles: &[Role] = match (from, to) {
        (Received | Supplement, InProgress) => &[Role::Clerk, Role::Handler, Role::Head],
        (InProgress, Supplement) | (InProgress, Ready) => &[Role::Handler, Role::Head],
        (Received | InProgress, Rejected) => &[Role::Handler, Role::Head],
        (Ready, Returned) => &[Role::Clerk, Role::Head],
        (Received | InProgress | Supplement, Withdrawn) => &[Role::Clerk, Role::Head],
        _ => &[],
    };
    roles.contains(&role)
}

fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = office(dir.path());
    store
        .put_staff(
            HEAD,
            &Staff { login: RETIRED.into(), full_name: "Cũ Văn Nghỉ".into(), role: Role::Clerk, active: true },
        )
        .unwrap();
    store.disable_staff(HEAD, RETIRED).unwrap();
    (dir, store)
}

#[test]
fn every_move_by_every_role_is_allowed_or_refused_as_the_law_says() {
    let (_dir, mut store) = setup();
    let mut n = 0;
    let mut allowed = 0;
    for (login, role) in [(CLERK, Role::Clerk), (HANDLER, Role::Handler), (HEAD, Role::Head)] {
        for from in [Received, InProgress, Supplement, Ready] {
            for to in Status::ALL {
                n += 1;
                let d = dossier_at(&mut store, from, n);
                let got = store.move_dossier(login, &d.code, Some(d.version), to, &note(), now());
                let after = store.dossier(&d.code).unwrap().unwrap();
                if law_allows(role, from, to) {
                    let moved = got.unwrap_or_else(|e| panic!("{login} {from} -> {to}: {e:#}"));
                    assert_eq!((moved.status, after.version), (to, d.version + 1));
                    allowed += 1;
                } else {
                    let e = got.expect_err(&format!("{login} {from} -> {to} should be refused"));
                    assert!(matches!(refusal(&e), Refusal::Move { .. }), "{login} {from} -> {to}: {e:#}");
                    assert_eq!((after.status, after.version), (from, d.version), "nothing changed");
                }
            }
        }
    }
    // The table's 10 moves: a clerk may make 6 of them, a handler 6, the head all 10.
    assert_eq!(allowed, 6 + 6 + 10);
}

#[test]
fn a_handler_works_only_their_own_dossiers_and_unassigned_ones() {
    let (_dir, mut store) = setup();
    for (i, (from, to)) in [
        (Received, InProgress),
        (InProgress, Supplement),
        (InProgress, Ready),
        (Received, Rejected),
        (Supplement, InProgress),
    ]
    .into_iter()
    .enumerate()
    {
        let d = dossier_at(&mut store, from, i);
        let e = store.move_dossier(OTHER_HANDLER, &d.code, None, to, &note(), now()).unwrap_err();
        assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }), "{from} -> {to}: {e:#}");
        store.move_dossier(HANDLER, &d.code, None, to, &note(), now()).unwrap();
    }
    // An unassigned dossier: a handler may take it, and becomes its assignee.
    let p = procedure(&store);
    let d = store.add_dossier(CLERK, &new_dossier(&p, "Phạm Văn Tự"), now()).unwrap();
    let taken = store.move_dossier(OTHER_HANDLER, &d.code, None, InProgress, &note(), now()).unwrap();
    assert_eq!(taken.assignee, OTHER_HANDLER);
}

#[test]
fn intake_is_for_clerks_and_the_head() {
    let (_dir, mut store) = setup();
    let p = procedure(&store);
    for (login, ok) in [(CLERK, true), (HEAD, true), (HANDLER, false), (GHOST, false), (RETIRED, false)] {
        let got = store.add_dossier(login, &new_dossier(&p, "Đỗ Thị Hoa"), now());
        match (ok, got) {
            (true, Ok(d)) => assert_eq!(d.status, Received),
            (false, Err(e)) => {
                let expected = match login {
                    GHOST => Refusal::UnknownStaff(GHOST.into()),
                    RETIRED => Refusal::Disabled(RETIRED.into()),
                    _ => Refusal::NotAllowed { login: login.into(), what: "tiếp nhận / intake" },
                };
                assert_eq!(refusal(&e), expected);
            }
            (ok, got) => panic!("{login}: expected ok={ok}, got {:?}", got.map(|d| d.code)),
        }
    }
}

#[test]
fn assigning_and_reassigning() {
    let (_dir, mut store) = setup();
    let p = procedure(&store);
    let add = |store: &mut Store| store.add_dossier(CLERK, &new_dossier(&p, "Vũ Văn Nam"), now()).unwrap().code;
    // A clerk hands a new dossier to a handler, but cannot take it away again.
    let a = add(&mut store);
    store.assign(CLERK, &a, None, HANDLER, now()).unwrap();
    let e = store.assign(CLERK, &a, None, OTHER_HANDLER, now()).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }));
    // Neither can the other handler; the head can.
    let e = store.assign(OTHER_HANDLER, &a, None, OTHER_HANDLER, now()).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }));
    assert_eq!(store.assign(HEAD, &a, None, OTHER_HANDLER, now()).unwrap().assignee, OTHER_HANDLER);
    // A handler takes an unassigned dossier for themselves only.
    let b = add(&mut store);
    let e = store.assign(HANDLER, &b, None, OTHER_HANDLER, now()).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }));
    assert_eq!(store.assign(HANDLER, &b, None, HANDLER, now()).unwrap().assignee, HANDLER);
    let e = store.assign(GHOST, &b, None, HANDLER, now()).unwrap_err();
    assert_eq!(refusal(&e), Refusal::UnknownStaff(GHOST.into()));
}

#[test]
fn the_apology_comes_from_the_dossiers_handler_or_the_head() {
    let (_dir, mut store) = setup();
    for (i, (login, ok)) in
        [(CLERK, false), (OTHER_HANDLER, false), (GHOST, false), (HANDLER, true), (HEAD, true)].into_iter().enumerate()
    {
        let d = dossier_at(&mut store, InProgress, i);
        let later = (d.due_date + Duration::days(3)).and_hms_opt(9, 0, 0).unwrap();
        let got = store.apologize(login, &d.code, None, later, "thiếu hồ sơ gốc", now());
        assert_eq!(got.is_ok(), ok, "{login}: {:?}", got.err());
        let after = store.dossier(&d.code).unwrap().unwrap();
        assert_eq!(after.apology.is_some(), ok);
    }
}

#[test]
fn catalogue_holidays_settings_staff_and_import_are_for_the_head() {
    let (_dir, mut store) = setup();
    let mut proc = store.procedures(true).unwrap().remove(0);
    proc.fee_vnd = Some(12_345);
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 8).unwrap();
    let holiday = vec![(day, DayKind::Off, "Nghỉ thử".to_string(), "official".to_string())];
    let mut settings = store.settings().unwrap();
    settings.agency_name = "UBND xã Mới".into();
    let newcomer = Staff { login: "moi".into(), full_name: "Người Mới".into(), role: Role::Clerk, active: true };
    let row = logbook_row(2, &proc.code, "Hồ Văn Cũ", now() - Duration::days(30));
    type Action<'a> = Box<dyn Fn(&mut Store, &str) -> anyhow::Result<()> + 'a>;
    let actions: Vec<(&str, Action)> = vec![
        ("upsert_procedures", Box::new(|s, who| s.upsert_procedures(who, &[proc.clone()]).map(|_| ()))),
        ("upsert_holidays", Box::new(|s, who| s.upsert_holidays(who, &holiday))),
        ("set_settings", Box::new(|s, who| s.set_settings(who, &settings))),
        ("put_staff", Box::new(|s, who| s.put_staff(who, &newcomer))),
        ("set_role", Box::new(|s, who| s.set_role(who, OTHER_HANDLER, Role::Clerk).map(|_| ()))),
        ("disable_staff", Box::new(|s, who| s.disable_staff(who, OTHER_HANDLER).map(|_| ()))),
        ("import_dossiers", Box::new(|s, who| s.import_dossiers(who, std::slice::from_ref(&row), now()).map(|_| ()))),
    ];
    for (name, act) in &actions {
        for who in [CLERK, HANDLER, GHOST, RETIRED] {
            let e = act(&mut store, who).expect_err(&format!("{who} {name}"));
            assert!(
                matches!(refusal(&e), Refusal::NotAllowed { .. } | Refusal::UnknownStaff(_) | Refusal::Disabled(_)),
                "{who} {name}: {e:#}"
            );
        }
    }
    // Nothing of it happened...
    assert_ne!(store.procedure(&proc.code).unwrap().unwrap().fee_vnd, Some(12_345));
    assert!(store.calendar().unwrap().is_working_day(day));
    assert_ne!(store.settings().unwrap().agency_name, "UBND xã Mới");
    assert!(store.staff("moi").unwrap().is_none());
    assert_eq!(store.staff(OTHER_HANDLER).unwrap().unwrap().role, Role::Handler);
    // ...until the head does it.
    for (name, act) in &actions {
        act(&mut store, HEAD).unwrap_or_else(|e| panic!("head {name}: {e:#}"));
    }
    assert_eq!(store.procedure(&proc.code).unwrap().unwrap().fee_vnd, Some(12_345));
    assert!(!store.calendar().unwrap().is_working_day(day));
    assert_eq!(store.settings().unwrap().agency_name, "UBND xã Mới");
    assert_eq!(store.staff("moi").unwrap().unwrap().role, Role::Clerk);
    assert!(!store.staff(OTHER_HANDLER).unwrap().unwrap().active);
}

#[test]
fn the_office_always_keeps_an_active_head() {
    let (_dir, mut store) = setup();
    assert_eq!(refusal(&store.disable_staff(HEAD, HEAD).unwrap_err()), Refusal::LastHead(HEAD.into()));
    assert_eq!(refusal(&store.set_role(HEAD, HEAD, Role::Clerk).unwrap_err()), Refusal::LastHead(HEAD.into()));
    store.set_role(HEAD, HANDLER, Role::Head).unwrap();
    store.set_role(HEAD, HEAD, Role::Clerk).unwrap();
    // The former head is now a clerk and may no longer manage staff.
    let e = store.set_role(HEAD, CLERK, Role::Head).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }));
    assert_eq!(store.staff(HEAD).unwrap().unwrap().role, Role::Clerk);
}

#[test]
fn an_unknown_login_may_look_but_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let p = procedure(&store);
    let code = store.add_dossier(CLERK, &new_dossier(&p, "Ngô Văn Xem"), now()).unwrap().code;
    drop(store);
    for args in [vec!["dossier", "show", &code], vec!["staff", "list"], vec!["check"], vec!["audit", "verify"]] {
        let out = run(&db, GHOST, &args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let writes: Vec<Vec<&str>> = vec![
        vec!["dossier", "add", "--procedure", &p, "--name", "Ngô Văn Ghi"],
        vec!["dossier", "move", &code, "in_progress"],
        vec!["staff", "add", GHOST, "--name", "Ma Văn Ghost", "--role", "head"],
        vec!["staff", "set-role", CLERK, "head"],
        vec!["staff", "disable", CLERK],
    ];
    for args in writes {
        let line = clear_failure(&run(&db, GHOST, &args));
        assert!(line.contains("«ghost» is not on the staff list and may only look"), "{args:?}: {line}");
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.dossier(&code).unwrap().unwrap().status, Received);
    assert!(store.staff(GHOST).unwrap().is_none());
}

#[test]
fn staff_commands_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    let line = clear_failure(&run(&db, CLERK, &["staff", "set-role", HANDLER, "head"]));
    assert_eq!(line, "motcua: «lan» may not manage staff");
    let out = run(&db, HEAD, &["staff", "set-role", HANDLER, "head"]);
    assert_eq!(text(&out.stdout).trim(), "hung: office head");
    let out = run(&db, HEAD, &["staff", "disable", CLERK]);
    assert_eq!(text(&out.stdout).trim(), "lan: disabled, may only look");
    let line = clear_failure(&run(&db, HEAD, &["staff", "set-role", HANDLER, "boss"]));
    assert!(line.contains("boss: clerk, handler or head"), "{line}");
    let line = clear_failure(&run(&db, HEAD, &["staff", "disable", "nobody"]));
    assert!(line.contains("«nobody» is not on the staff list"), "{line}");
    let list = text(&run(&db, CLERK, &["staff", "list"]).stdout);
    assert!(list.contains("lan\tNguyễn Thị Lan\tclerk\t(disabled)"), "{list}");
}
