//! The queue, detail and help screens driven by keys, without a terminal.

use crate::screens;

use crossterm::event::{KeyCode, KeyModifiers};
use motcua::domain::status::{Role, Status};
use motcua::domain::text::fold;
use motcua::store::{MoveExtra, Staff, Store, Tab};
use motcua::tui::state::Screen as View;
use screens::{demo_db, Screen};

#[test]
fn queue_opens_most_urgent_first_with_position_line() {
    let (_d, db) = demo_db(2000);
    let s = Screen::open(&db, "head");
    let rows = &s.st.queue.list.rows;
    assert_eq!(rows.len(), s.st.page_size());
    assert!(rows.windows(2).all(|w| (w[0].due_date, w[0].id) <= (w[1].due_date, w[1].id)), "sorted by due date");
    assert!(rows.iter().all(|r| r.status.is_pending()));
    let text = s.text();
    assert!(text.contains(&format!("1–19 / {}", s.st.queue.list.total)), "{text}");
    // The overdue marker is text, not only colour.
    assert!(text.lines().nth(3).unwrap().contains("!!"), "{text}");
    assert!(text.contains("quá"), "{text}");
    insta::assert_snapshot!("queue_all_80x24", text);
}

#[test]
fn every_tab_at_80x24() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "hung");
    for tab in Tab::ALL.iter().skip(1) {
        s.key(KeyCode::Tab);
        assert_eq!(s.st.queue.tab(), *tab);
        let want = match tab {
            Tab::Received => Some(Status::Received),
            Tab::InProgress => Some(Status::InProgress),
            Tab::Supplement => Some(Status::Supplement),
            Tab::Ready => Some(Status::Ready),
            _ => None,
        };
        for r in &s.st.queue.list.rows {
            if let Some(st) = want {
                assert_eq!(r.status, st, "{tab:?}");
            }
            if *tab == Tab::Mine {
                assert_eq!(r.assignee, "hung");
            }
        }
        insta::assert_snapshot!(format!("tab_{tab:?}"), s.text());
    }
    s.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(s.st.queue.tab(), Tab::Ready);
}

#[test]
fn paging_by_key_reaches_the_end_and_back() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    let total = s.st.queue.list.total;
    let first = s.st.queue.list.rows[0].code.clone();
    s.key(KeyCode::PageDown);
    assert_eq!(s.st.queue.list.offset, 19);
    assert!(s.st.queue.list.rows.iter().all(|r| r.code != first));
    s.key(KeyCode::Char('G'));
    let l = &s.st.queue.list;
    assert_eq!(l.offset + l.rows.len() as u64, total);
    assert_eq!(l.selected, l.rows.len() - 1);
    assert!(s.text().contains(&format!("/ {total}")));
    // j at the last row stays there; k walks up a row at a time across the page edge.
    s.key(KeyCode::Char('j'));
    assert_eq!(s.st.queue.list.offset + s.st.queue.list.selected as u64 + 1, total);
    s.key(KeyCode::Char('g'));
    assert_eq!(s.st.queue.list.offset, 0);
    assert_eq!(s.st.queue.list.rows[0].code, first);
    for _ in 0..19 {
        s.key(KeyCode::Down);
    }
    assert_eq!(s.st.queue.list.offset, 1, "scrolled one row past the first page");
    assert_eq!(s.st.queue.list.selected, 18);
    s.key(KeyCode::Up);
    for _ in 0..18 {
        s.key(KeyCode::Up);
    }
    assert_eq!(s.st.queue.list.offset, 0);
    assert_eq!(s.st.queue.list.selected, 0);
}

#[test]
fn search_ignores_diacritics_and_esc_clears_it() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::Char('/'));
    s.typed("nguyen van");
    let se = s.st.queue.search.as_ref().unwrap();
    assert_eq!(se.answered, "nguyen van");
    assert!(!se.list.rows.is_empty());
    assert!(se.list.rows.iter().all(|r| fold(&r.applicant_name).starts_with("nguyen van")));
    assert!(se.list.rows.iter().any(|r| r.applicant_name.starts_with("Nguyễn Văn")));
    insta::assert_snapshot!("search_typing", s.text());
    s.key(KeyCode::Enter);
    assert!(!s.st.queue.search.as_ref().unwrap().editing, "Enter keeps the results");
    s.key(KeyCode::Char('j'));
    assert_eq!(s.st.queue.search.as_ref().unwrap().list.selected, 1);
    s.key(KeyCode::Enter);
    assert_eq!(s.st.screen, View::Detail);
    let want = s.st.queue.search.as_ref().unwrap().list.rows[1].code.clone();
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, want);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Esc);
    assert!(s.st.queue.search.is_none());
    // A code typed as the screens show it (without the agency prefix) is found too.
    let code = s.st.queue.list.rows[0].code.clone();
    let short = code.split_once('-').unwrap().1.to_string();
    s.key(KeyCode::Char('/'));
    s.typed(&short);
    assert_eq!(s.st.queue.search.as_ref().unwrap().list.rows[0].code, code);
}

#[test]
fn detail_shows_control_sheet_and_walks_the_queue() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Enter);
    let second = s.st.queue.list.rows[1].code.clone();
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, second);
    let text = s.text();
    assert!(text.contains(&second), "{text}");
    assert!(!s.st.detail.as_ref().unwrap().events.is_empty(), "the control sheet is loaded");
    insta::assert_snapshot!("detail", text);
    s.key(KeyCode::Char(']'));
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, s.st.queue.list.rows[2].code);
    s.key(KeyCode::Char('['));
    s.key(KeyCode::Char('['));
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, s.st.queue.list.rows[0].code);
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
}

#[test]
fn help_lists_the_bindings_of_the_table() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('?'));
    assert_eq!(s.st.screen, View::Help);
    let text = s.text();
    for b in motcua::tui::keymap::BINDINGS.iter().take(10) {
        assert!(text.contains(motcua::tui::strings::action_label(b.action)), "{:?} missing", b.action);
    }
    insta::assert_snapshot!("help", text);
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
}

#[test]
fn a_small_window_says_so_and_keeps_everything() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open_sized(&db, "head", (60, 20));
    let text = s.text();
    assert!(text.contains("cần ít nhất 80x24"), "{text}");
    insta::assert_snapshot!("too_small_60x20", text);
    s.key(KeyCode::Char('j'));
    assert_eq!(s.st.queue.list.selected, 0, "keys other than quit do nothing while too small");
    s.resize(80, 24);
    assert!(s.text().contains("Mã hồ sơ"));
    s.key(KeyCode::Char('q'));
    assert!(s.st.quit);
}

#[test]
fn monochrome_theme_uses_no_colour_and_keeps_markers() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.theme = motcua::tui::theme::Theme { mono: true, ascii: true };
    let buf = s.buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    let text = s.text();
    assert!(text.contains("!!"));
    insta::assert_snapshot!("queue_mono", text);
    // The selected row is shown by reverse video.
    let selected_y = 3;
    assert!(buf[(5, selected_y)].modifier.contains(ratatui::style::Modifier::REVERSED));
}

fn staff(store: &mut Store, login: &str, name: &str, role: Role) {
    store.put_staff("head", &Staff { login: login.into(), full_name: name.into(), role, active: true }).unwrap();
}

#[test]
fn actions_follow_the_status_machine_and_roles() {
    let (_d, db) = demo_db(2000);
    // The clerk transfers a dossier received a moment ago.
    let mut store = Store::open(&db).unwrap();
    let fresh = motcua::store::NewDossier {
        procedure_code: "1.004873".into(),
        applicant_name: "Đỗ Thị Hoa".into(),
        applicant_id: String::new(),
        phone: String::new(),
        address: String::new(),
        channel: motcua::domain::dossier::Channel::InPerson,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
    };
    store.add_dossier("lan", &fresh, screens::now()).unwrap();
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::Tab);
    assert_eq!(s.st.queue.tab(), Tab::Received);
    let code = s.st.queue.list.rows[0].code.clone();
    s.key(KeyCode::Char('t'));
    assert!(s.flash().contains("đã lưu"), "{}", s.flash());
    assert_eq!(s.store.dossier(&code).unwrap().unwrap().status, Status::InProgress);
    // A clerk may not mark a result ready: the refusal says who may.
    s.key(KeyCode::Tab);
    assert_eq!(s.st.queue.list.rows[0].status, Status::InProgress);
    s.key(KeyCode::Char('y'));
    assert!(s.flash().contains("chỉ"), "{}", s.flash());
    assert!(s.st.modal.is_none());
    // Nor move a supplement-waiting dossier straight to ready: the status machine says no.
    s.key(KeyCode::Tab);
    s.key(KeyCode::Char('x'));
    assert!(s.flash().contains("không được chuyển"), "{}", s.flash());
    s.key(KeyCode::BackTab);
    s.key(KeyCode::BackTab);
    s.key(KeyCode::BackTab);
    // Withdrawing needs a reason and a confirmation.
    let target = s.st.queue.list.rows[0].code.clone();
    s.key(KeyCode::Char('w'));
    s.key(KeyCode::Enter);
    assert!(matches!(s.st.modal, Some(motcua::tui::state::Modal::Reason { error: Some(_), .. })));
    s.typed("Công dân xin rút");
    s.key(KeyCode::Enter);
    assert!(matches!(s.st.modal, Some(motcua::tui::state::Modal::Confirm { .. })));
    insta::assert_snapshot!("confirm_withdraw", s.text());
    s.key(KeyCode::Enter);
    let d = s.store.dossier(&target).unwrap().unwrap();
    assert_eq!(d.status, Status::Withdrawn);
    assert_eq!(s.store.events(d.id).unwrap().last().unwrap().reason, "Công dân xin rút");
}

#[test]
fn return_asks_for_satisfaction_and_marks_work_in_bulk() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    for _ in 0..4 {
        s.key(KeyCode::Tab);
    }
    assert_eq!(s.st.queue.tab(), Tab::Ready);
    let code = s.st.queue.list.rows[0].code.clone();
    s.key(KeyCode::Char('r'));
    insta::assert_snapshot!("satisfaction", s.text());
    s.key(KeyCode::Char('1'));
    let d = s.store.dossier(&code).unwrap().unwrap();
    assert_eq!(d.status, Status::Returned);
    assert_eq!(d.satisfaction, Some(motcua::domain::dossier::Satisfaction::Satisfied));
    // Mark two dossiers in the "all" tab and assign both to a handler at once.
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    let a = s.st.queue.list.rows[0].code.clone();
    let b = s.st.queue.list.rows[1].code.clone();
    s.key(KeyCode::Char('m'));
    s.key(KeyCode::Char('m'));
    assert_eq!(s.st.queue.marked.len(), 2);
    s.key(KeyCode::Char('a'));
    let pick = motcua::tui::update::assignable(&s.st).iter().position(|p| p.login == "son").unwrap();
    for _ in 0..pick {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
    assert!(s.st.queue.marked.is_empty(), "{}", s.flash());
    for c in [a, b] {
        assert_eq!(s.store.dossier(&c).unwrap().unwrap().assignee, "son");
    }
}

#[test]
fn an_unknown_login_may_only_look() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "stranger");
    assert!(s.flash().contains("chỉ được xem"), "{}", s.flash());
    let code = s.st.queue.list.rows[0].code.clone();
    let before = s.store.dossier(&code).unwrap().unwrap();
    s.key(KeyCode::Char('t'));
    assert_eq!(s.store.dossier(&code).unwrap().unwrap(), before);
    assert!(s.text().contains("chỉ xem"));
}

#[test]
fn another_clerks_change_is_seen_and_a_stale_action_overwrites_nothing() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    let mut other = Store::open(&db).unwrap();
    staff(&mut other, "mai2", "Phạm Mai", Role::Handler);
    let row = s.st.queue.list.rows[0].clone();
    let seen = s.store.data_version().unwrap();

    // Another clerk assigns the dossier on screen.
    other.assign("head", &row.code, None, "mai2", screens::now()).unwrap();
    assert_ne!(s.store.data_version().unwrap(), seen, "the watcher notices the other connection's commit");

    // Acting on what was seen is refused: nothing overwritten, who changed it is named.
    s.key(KeyCode::Char('A'));
    assert!(s.flash().contains("head"), "{}", s.flash());
    assert!(s.flash().contains("không ghi đè"), "{}", s.flash());
    assert_eq!(s.store.dossier(&row.code).unwrap().unwrap().assignee, "mai2");
    // The row was read again with the other clerk's change.
    let now_row = s.st.queue.list.rows.iter().find(|r| r.code == row.code).unwrap();
    assert_eq!(now_row.assignee, "mai2");

    // A change while idle arrives with the watcher's DataChanged message.
    other
        .move_dossier(
            "head",
            &row.code,
            None,
            Status::Withdrawn,
            &MoveExtra { note: "rút".into(), ..Default::default() },
            screens::now(),
        )
        .unwrap();
    let fx =
        motcua::tui::update::update(&mut s.st, motcua::tui::update::Input::Msg(motcua::tui::effects::Msg::DataChanged));
    s.settle(fx);
    assert!(s.st.queue.list.rows.iter().all(|r| r.code != row.code), "the withdrawn dossier left the queue");
}

#[test]
fn footer_hints_come_from_the_binding_table() {
    let (_d, db) = demo_db(50);
    let s = Screen::open(&db, "head");
    let footer = s.text().lines().last().unwrap().to_string();
    for b in motcua::tui::keymap::footer(motcua::tui::keymap::Scope::Queue).take(4) {
        assert!(footer.contains(motcua::tui::strings::action_label(b.action)), "{footer}");
    }
}
