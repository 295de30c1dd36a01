//! Issue 12, item 1: no key changes a dossier or the catalogue without its question; Esc always
//! cancels; letters and digits are text (type-to-search), fed as a Vietnamese input method
//! sends them (a letter, then a Backspace and the composed letter).

use crate::screens;

use crossterm::event::KeyCode;
use motcua::domain::status::Status;
use motcua::store::Tab;
use motcua::tui::state::Screen as View;
use screens::{telex, Screen};

/// The demo office, with a few dossiers received this afternoon (the demo moves its own on).
fn demo_db(n: u64) -> (tempfile::TempDir, std::path::PathBuf) {
    let (d, db) = screens::demo_db(n);
    let mut store = motcua::store::Store::open(&db).unwrap();
    for name in ["Lê Văn Một", "Lê Thị Hai", "Lê Văn Ba", "Lê Thị Bốn"] {
        store.add_dossier("lan", &crate::tui_queue::fresh(name), screens::now()).unwrap();
    }
    (d, db)
}

/// Everything a key could change, counted straight from the file.
fn fingerprint(db: &std::path::Path) -> (i64, i64, i64, i64, i64, i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    let one = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        one("SELECT count(*) FROM dossiers"),
        one("SELECT CAST(total(version) AS INTEGER) FROM dossiers"),
        one("SELECT count(*) FROM events"),
        one("SELECT count(*) FROM procedures WHERE active"),
        one("SELECT count(*) FROM holidays"),
        one("SELECT count(*) FROM staff WHERE active"),
    )
}

/// A way to reach a screen from the queue.
type Place = Box<dyn Fn(&mut Screen)>;

fn tab(s: &mut Screen, t: Tab) {
    while s.st.queue.tab() != t {
        s.key(KeyCode::Tab);
    }
    assert!(!s.st.queue.list.rows.is_empty(), "{t:?} has rows");
}

#[test]
fn telex_typed_on_the_queue_searches_and_changes_nothing() {
    let (_d, db) = demo_db(2000);
    let before = fingerprint(&db);
    let mut s = Screen::open(&db, "head");
    // "traanf" in Telex: t r a, then "a" makes "â" (⌫ â), "f" puts the grave on it (⌫⌫ ần).
    s.ime(&telex("tra⌫ân⌫⌫ần"));
    let se = s.st.queue.search.as_ref().expect("typing started a search");
    assert_eq!(se.input.text(), "trần");
    assert!(!se.list.rows.is_empty());
    assert!(se.list.rows.iter().all(|r| motcua::domain::text::fold(&r.applicant_name).contains("tran")));
    assert!(s.st.popups.is_empty());
    assert_eq!(fingerprint(&db), before);
    // The keys that acted before ("t" transfer, "m" mark, "a" assign) are letters like any other.
    s.key(KeyCode::Esc);
    s.ime(&telex("mmmt"));
    assert_eq!(s.st.queue.search.as_ref().unwrap().input.text(), "mmmt");
    assert!(s.st.queue.marked.is_empty());
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn vni_digits_and_every_letter_on_every_screen_act_on_nothing() {
    let (_d, db) = demo_db(2000);
    let before = fingerprint(&db);
    let mut s = Screen::open(&db, "head");
    let all: String = ('a'..='z').chain('A'..='Z').chain('0'..='9').chain("[]{}-=+.,;'".chars()).collect();
    // The queue, the detail, the dashboard's panes, the Admin panes: each gets every letter.
    let mut places: Vec<Place> = vec![
        Box::new(|s| s.key(KeyCode::Esc)),
        Box::new(|s| {
            s.key(KeyCode::Esc);
            s.key(KeyCode::Esc);
            s.key(KeyCode::Enter);
        }),
    ];
    for pane in 0..5 {
        places.push(Box::new(move |s| {
            s.f(4);
            for _ in 0..pane {
                s.key(KeyCode::Tab);
            }
        }));
    }
    for pane in 0..4 {
        places.push(Box::new(move |s| {
            s.f(6);
            for _ in 0..pane {
                s.key(KeyCode::Tab);
            }
        }));
    }
    for go in places {
        go(&mut s);
        for c in all.chars() {
            s.key(KeyCode::Char(c));
            // VNI: "a1" arrives as a, ⌫, á.
            s.key(KeyCode::Backspace);
        }
        assert!(s.st.popups.is_empty(), "{:?} opened on {:?}", s.popup(), s.st.screen);
        assert_eq!(fingerprint(&db), before, "{:?}", s.st.screen);
        // Back to a known place.
        for _ in 0..4 {
            s.key(KeyCode::Esc);
        }
    }
}

/// Each action: its key opens a question and nothing is saved; Esc closes it; the second
/// time, its Enter saves.
#[test]
fn each_mutating_key_asks_first_and_esc_cancels() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    // (tab, key, the status after, extra keys before the final Enter)
    let cases: &[(Tab, char, Option<Status>, &str)] = &[
        (Tab::Received, 'c', Some(Status::InProgress), ""),
        (Tab::InProgress, 'b', Some(Status::Supplement), "Thiếu bản sao sổ hộ khẩu"),
        (Tab::InProgress, 'k', Some(Status::Ready), ""),
        (Tab::InProgress, 'x', Some(Status::Rejected), "Không đủ điều kiện"),
        (Tab::Ready, 't', Some(Status::Returned), ""),
        (Tab::Received, 'r', Some(Status::Withdrawn), "Công dân xin rút"),
        (Tab::Pending, 'g', None, ""),
        (Tab::Pending, 'n', None, ""),
        (Tab::Pending, 'l', None, "Chờ ý kiến cơ quan chuyên môn"),
    ];
    for (t, key, to, reason) in cases {
        tab(&mut s, *t);
        // The apology goes to the most urgent dossier that has none yet (the demo office has
        // already written to its late ones, and a letter is sent only once); other keys act on
        // the first row.
        let row = if *key == 'l' {
            let first_without =
                s.st.queue.list.rows.iter().position(|r| s.store.dossier(&r.code).unwrap().unwrap().apology.is_none());
            for _ in 0..first_without.expect("a pending dossier without an apology") {
                s.key(KeyCode::Down);
            }
            s.st.queue.list.rows[first_without.unwrap()].clone()
        } else {
            s.st.queue.list.rows[0].clone()
        };
        let before = fingerprint(&db);
        s.alt(*key);
        assert!(!s.st.popups.is_empty(), "Alt-{key} asks");
        assert_eq!(fingerprint(&db), before, "Alt-{key} alone saves nothing");
        s.typed(reason);
        // Esc, as many times as there are questions open, leaves everything as it was.
        let depth = s.st.popups.len();
        s.key(KeyCode::Esc);
        assert_eq!(s.st.popups.len(), depth - 1, "Esc closes one level");
        while !s.st.popups.is_empty() {
            s.key(KeyCode::Esc);
        }
        assert_eq!(fingerprint(&db), before, "Alt-{key} then Esc");
        assert_eq!(s.st.screen, View::Queue);
        // Now answered: the first Enter leads on, the last one saves.
        s.alt(*key);
        s.typed(reason);
        for _ in 0..3 {
            if s.st.popups.is_empty() {
                break;
            }
            s.key(KeyCode::Enter);
        }
        let d = s.store.dossier(&row.code).unwrap().unwrap();
        assert_ne!(d.version, row.version, "Alt-{key} saved after its Enter: {}", s.flash());
        if let Some(to) = to {
            assert_eq!(d.status, *to, "Alt-{key}");
        }
        // A form the law asks for may be on screen (02, 03, 04): back to the queue.
        if s.st.screen == View::Document {
            s.key(KeyCode::Esc);
        }
        assert_eq!(s.st.screen, View::Queue, "Alt-{key}");
    }
}

#[test]
fn a_marked_set_is_named_with_its_count_in_the_question() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    tab(&mut s, Tab::Received);
    let codes: Vec<String> = s.st.queue.list.rows.iter().take(3).map(|r| r.code.clone()).collect();
    assert_eq!(codes.len(), 3);
    for _ in 0..3 {
        s.key(KeyCode::Char(' '));
    }
    assert_eq!(s.st.queue.marked.len(), 3);
    let before = fingerprint(&db);
    s.alt('c');
    let text = s.text();
    assert!(text.contains("3 hồ sơ"), "{text}");
    insta::assert_snapshot!("confirm_transfer_marked", text);
    assert_eq!(fingerprint(&db), before);
    s.key(KeyCode::Enter);
    for c in &codes {
        assert_eq!(s.store.dossier(c).unwrap().unwrap().status, Status::InProgress);
    }
    assert!(s.st.queue.marked.is_empty());
}

#[test]
fn the_return_dialogs_esc_records_nothing() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    tab(&mut s, Tab::Ready);
    let row = s.st.queue.list.rows[0].clone();
    s.alt('t');
    insta::assert_snapshot!("return_rating", s.text());
    s.key(KeyCode::Esc);
    assert_eq!(s.store.dossier(&row.code).unwrap().unwrap().status, Status::Ready);
    s.alt('t');
    s.key(KeyCode::Enter);
    let d = s.store.dossier(&row.code).unwrap().unwrap();
    assert_eq!(d.status, Status::Returned);
    assert_eq!(d.satisfaction, Some(motcua::domain::dossier::Satisfaction::Satisfied));
}

#[test]
fn the_action_menu_offers_what_this_login_may_do() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    tab(&mut s, Tab::InProgress);
    s.f(9);
    let text = s.text();
    insta::assert_snapshot!("action_menu_clerk", text);
    // A clerk does not mark results ready nor refuses (DOMAIN §3): not offered.
    assert!(!text.contains("có kết quả"), "{text}");
    assert!(!text.contains("từ chối"), "{text}");
    assert!(text.contains("rút hồ sơ"), "{text}");
    // Enter on "withdraw" opens its reason; Esc comes back to the menu, Esc again closes it.
    let items = match s.st.popups.last() {
        Some(motcua::tui::popups::Popup::Actions { items, .. }) => items.clone(),
        other => panic!("{other:?}"),
    };
    let at = items.iter().position(|a| *a == motcua::tui::keymap::Action::Withdraw).unwrap();
    for _ in 0..at {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
    assert_eq!(s.popup().as_deref(), Some("Reason"));
    s.key(KeyCode::Esc);
    assert_eq!(s.popup().as_deref(), Some("Actions"));
    s.key(KeyCode::Esc);
    assert!(s.st.popups.is_empty());
}

#[test]
fn the_f_keys_users_know_still_work() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.f(1);
    assert_eq!(s.popup().as_deref(), Some("Help"));
    s.key(KeyCode::Esc);
    s.f(2);
    assert_eq!(s.st.screen, View::Intake);
    s.key(KeyCode::Esc);
    s.f(3);
    assert!(s.st.queue.search.as_ref().is_some_and(|se| se.editing));
    s.key(KeyCode::Esc);
    s.f(4);
    assert_eq!(s.st.screen, View::Dashboard);
    s.f(6);
    assert_eq!(s.st.screen, View::Admin);
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Dashboard, "Esc goes back one screen");
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
}

#[test]
fn an_unknown_login_may_only_look() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "stranger");
    assert!(s.flash().contains("chỉ được xem"), "{}", s.flash());
    tab(&mut s, Tab::Received);
    let code = s.st.queue.list.rows[0].code.clone();
    assert_eq!(s.st.queue.list.rows[0].status, Status::Received, "a dossier staff could transfer");
    let before = s.store.dossier(&code).unwrap().unwrap();
    s.alt('c');
    assert!(s.st.popups.is_empty());
    assert!(s.flash().contains("chỉ được xem"), "{}", s.flash());
    assert_eq!(s.store.dossier(&code).unwrap().unwrap(), before);
    assert!(s.text().contains("chỉ xem"));
}

#[test]
fn a_clerk_is_refused_what_the_status_machine_refuses() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    tab(&mut s, Tab::InProgress);
    let row = s.st.queue.list.rows[0].clone();
    // A head could mark it ready: the refusal is the role's, and says who may.
    s.alt('k');
    assert!(s.flash().contains("chỉ"), "{}", s.flash());
    assert!(s.st.popups.is_empty());
    assert_eq!(s.store.dossier(&row.code).unwrap().unwrap().version, row.version);
    // A supplement-waiting dossier cannot be refused outright by anyone.
    tab(&mut s, Tab::Supplement);
    s.alt('x');
    assert!(s.flash().contains("không được chuyển") || s.flash().contains("chỉ"), "{}", s.flash());
}
