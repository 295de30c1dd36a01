//! No control character out: an older database whose text still holds raw escapes (an OSC
//! title change, a screen wipe, a printer switch, a bidi override) in every kind of text —
//! names, addresses, notes, move notes, the agency, the catalogue, holidays, staff — shows them
//! spelled out or blotted, never raw: not in a rendered screen buffer, not in a printed form,
//! not on the command line, not in an error message.

use crate::common::*;
use crate::screens::Screen;

use crossterm::event::KeyCode;
use motcua::domain::text::is_unsafe;
use motcua::forms::job::{prepare, Extras};
use motcua::forms::Form;
use motcua::store::Store;

const NASTY: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[5i\u{202e}\u{9b}";

fn poisoned_office(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let (db, mut store) = office(dir);
    let p = procedure(&store);
    let d = store.add_dossier(CLERK, &new_dossier(&p, "Lê Văn An"), now()).unwrap();
    store
        .move_dossier(CLERK, &d.code, None, motcua::domain::status::Status::InProgress, &Default::default(), now())
        .unwrap();
    drop(store);
    let c = rusqlite::Connection::open(&db).unwrap();
    // As sqlite3 would with `.dbconfig enable_trigger off`: the seals' triggers call a function
    // only motcua has.
    c.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false).unwrap();
    for sql in [
        "UPDATE dossiers SET applicant_name = 'Lê Văn An' || ?1, address = 'Số 1' || ?1, note = 'ghi chú' || ?1",
        "UPDATE events SET note = 'chuyển' || ?1",
        "UPDATE settings SET value = value || ?1 WHERE key IN ('agency_name', 'office_kind')",
        "UPDATE procedures SET name = name || ?1",
        "UPDATE staff SET full_name = full_name || ?1",
        "UPDATE holidays SET name = name || ?1",
    ] {
        c.execute(sql, [NASTY]).unwrap();
    }
    (db, d.code)
}

fn assert_clean(what: &str, s: &str) {
    assert!(!s.chars().any(is_unsafe), "{what}: a raw control character got through: {s:?}");
}

#[test]
fn no_screen_shows_a_raw_escape() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = poisoned_office(dir.path());
    let mut s = Screen::open_sized(&db, HEAD, (120, 40));
    let cells = |s: &Screen, what: &str| {
        let buf = s.buffer();
        for c in buf.content.iter() {
            assert_clean(what, c.symbol());
        }
        s.text()
    };
    let queue = cells(&s, "queue");
    assert!(queue.contains("Lê Văn An"), "{queue}");
    s.key(KeyCode::Enter);
    let detail = cells(&s, "detail");
    assert!(detail.contains("Số 1"), "the address is on the detail screen:\n{detail}");
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('d'));
    cells(&s, "dashboard");
    s.key(KeyCode::F(6));
    cells(&s, "admin");
    for _ in 0..4 {
        s.key(KeyCode::Tab);
        cells(&s, "admin pane");
    }
}

#[test]
fn no_printed_form_carries_a_raw_escape() {
    let dir = tempfile::tempdir().unwrap();
    let (db, code) = poisoned_office(dir.path());
    let mut store = Store::open(&db).unwrap();
    for form in [Form::Receipt, Form::ControlSheet] {
        let job = prepare(&mut store, &code, form, HEAD, now(), &Extras::default()).unwrap();
        assert_clean("form", &job.text.replace('\n', ""));
        assert!(job.text.contains("\\x1b]0;pwned"), "spelled out, so the clerk sees something was there");
    }
}

#[test]
fn the_command_line_and_its_errors_spell_escapes_out() {
    let dir = tempfile::tempdir().unwrap();
    let (db, code) = poisoned_office(dir.path());
    for args in [vec!["dossier", "show", code.as_str()], vec!["dossier", "find", "Le Van"], vec!["staff", "list"]] {
        let out = run(&db, HEAD, &args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert_clean(&format!("{args:?}"), &text(&out.stdout).replace(['\n', '\t'], ""));
    }
    // An error that quotes what was typed.
    let out = run(&db, HEAD, &["dossier", "show", &format!("X{NASTY}")]);
    assert!(!out.status.success());
    assert_clean("error", &text(&out.stderr).replace('\n', ""));
    // And what is typed is refused or cleaned on the way in.
    let p = procedure(&Store::open(&db).unwrap());
    let out = run(&db, CLERK, &["dossier", "add", "--procedure", &p, "--name", &format!("An{NASTY}")]);
    assert!(!out.status.success(), "a name with an escape is refused");
    let out = run(
        &db,
        CLERK,
        &["dossier", "add", "--procedure", &p, "--name", "Trần Bình", "--address", &format!("Số 2{NASTY}")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let new_code = text(&out.stdout).lines().last().unwrap().trim().to_string();
    let d = Store::open(&db).unwrap().dossier(&new_code).unwrap().unwrap();
    assert_eq!(d.address, "Số 2]0;pwned[2J[5i");
}
