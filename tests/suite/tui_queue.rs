//! The queue and the detail driven by keys, without a terminal: order, paging, tabs, search,
//! the detail's walk through the queue, small windows, live refresh.

use crate::screens;

use crossterm::event::{KeyCode, KeyModifiers};
use motcua::domain::status::{Role, Status};
use motcua::domain::text::fold;
use motcua::store::{MoveExtra, NewDossier, Staff, Store, Tab};
use motcua::tui::state::Screen as View;
use screens::{demo_db, Screen};

pub fn fresh(name: &str) -> NewDossier {
    NewDossier {
        procedure_code: "1.004873".into(),
        applicant_name: name.into(),
        applicant_id: String::new(),
        phone: String::new(),
        email: String::new(),
        address: String::new(),
        channel: motcua::domain::dossier::Channel::InPerson,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    }
}

#[test]
fn queue_opens_most_urgent_first_with_position_line() {
    let (_d, db) = demo_db(2000);
    let s = Screen::open(&db, "head");
    let rows = &s.st.queue.list.rows;
    assert_eq!(rows.len(), 19, "24 rows less title, tabs, header, message and footer");
    assert!(rows.windows(2).all(|w| (w[0].due_date, w[0].id) <= (w[1].due_date, w[1].id)), "sorted by due date");
    assert!(rows.iter().all(|r| r.status.is_pending()));
    let text = s.text();
    assert!(text.contains(&format!("1-19 / {}", s.st.queue.list.total)), "{text}");
    // The overdue marker is text, not only colour.
    assert!(text.lines().nth(3).unwrap().starts_with("!!"), "{text}");
    insta::assert_snapshot!("queue_all_80x24", text);
}

#[test]
fn a_long_applicant_name_is_shown_whole_at_80_columns() {
    let (_d, db) = demo_db(50);
    let mut store = Store::open(&db).unwrap();
    let name = "Trần Nguyễn Phương Khuyên";
    assert_eq!(name.chars().count(), 25);
    store.add_dossier("lan", &fresh(name), screens::now()).unwrap();
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::Tab);
    let text = s.text();
    assert!(text.contains(name), "cut off:\n{text}");
    insta::assert_snapshot!("queue_long_name_80x24", text);
    // The procedure column is the one that shrinks; at 100 columns its short name is whole.
    s.resize(100, 30);
    assert!(s.text().contains("Xác nhận hôn nhân"), "{}", s.text());
}

#[test]
fn columns_widen_at_100_and_120_and_name_the_handler() {
    let (_d, db) = demo_db(2000);
    let s = Screen::open_sized(&db, "head", (120, 40));
    let text = s.text();
    let header = text.lines().nth(2).unwrap();
    assert!(header.contains("Xử lý"), "the handler column appears at 120:\n{text}");
    let assigned = s.st.queue.list.rows.iter().find(|r| !r.assignee.is_empty()).expect("an assigned row");
    let full = &s.st.staff.iter().find(|p| p.login == assigned.assignee).unwrap().full_name;
    assert!(text.contains(full.as_str()), "{full}:\n{text}");
    insta::assert_snapshot!("queue_all_120x40", text);
    let narrow = Screen::open(&db, "head").text();
    assert!(!narrow.lines().nth(2).unwrap().contains("Xử lý"), "not at 80: the names come first");
}

#[test]
fn every_tab_at_80x24() {
    let (_d, db) = demo_db(2000);
    // The demo moves its dossiers on; two received this afternoon make the first tab's rows.
    let mut store = Store::open(&db).unwrap();
    for name in ["Lê Văn Một", "Lê Thị Hai"] {
        store.add_dossier("lan", &fresh(name), screens::now()).unwrap();
    }
    let mut s = Screen::open(&db, "hung");
    for tab in Tab::ALL.iter().skip(1) {
        s.key(KeyCode::Tab);
        assert_eq!(s.st.queue.tab(), *tab);
        let rows = &s.st.queue.list.rows;
        assert!(!rows.is_empty(), "{tab:?} has rows in the demo office");
        for r in rows {
            match tab {
                Tab::Received => assert_eq!(r.status, Status::Received),
                Tab::InProgress => assert_eq!(r.status, Status::InProgress),
                Tab::Supplement => assert_eq!(r.status, Status::Supplement),
                Tab::Ready => assert_eq!(r.status, Status::Ready),
                Tab::Mine => assert_eq!(r.assignee, "hung"),
                Tab::Pending => unreachable!(),
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
    s.key(KeyCode::End);
    let l = &s.st.queue.list;
    assert_eq!(l.offset + l.rows.len() as u64, total);
    assert_eq!(l.selected, l.rows.len() - 1);
    assert!(s.text().contains(&format!("/ {total}")));
    // Down at the last row stays there; Up walks up a row at a time across the page edge.
    s.key(KeyCode::Down);
    assert_eq!(s.st.queue.list.offset + s.st.queue.list.selected as u64 + 1, total);
    s.key(KeyCode::Home);
    assert_eq!(s.st.queue.list.offset, 0);
    assert_eq!(s.st.queue.list.rows[0].code, first);
    for _ in 0..19 {
        s.key(KeyCode::Down);
    }
    assert_eq!(s.st.queue.list.offset, 1, "scrolled one row past the first page");
    assert_eq!(s.st.queue.list.selected, 18);
    for _ in 0..19 {
        s.key(KeyCode::Up);
    }
    assert_eq!((s.st.queue.list.offset, s.st.queue.list.selected), (0, 0));
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
    let words =
        |r: &motcua::store::QueueRow| fold(&r.applicant_name).split(' ').map(str::to_string).collect::<Vec<_>>();
    assert!(se
        .list
        .rows
        .iter()
        .all(|r| words(r).contains(&"nguyen".into()) && words(r).iter().any(|w| w.starts_with("van"))));
    // Pending first, most urgent first.
    let pending: Vec<_> = se.list.rows.iter().take_while(|r| r.status.is_pending()).collect();
    assert!(pending.windows(2).all(|w| (w[0].due_date, w[0].id) <= (w[1].due_date, w[1].id)));
    assert!(se.list.rows[pending.len()..].iter().all(|r| !r.status.is_pending()));
    assert!(se.list.rows.iter().any(|r| r.applicant_name.starts_with("Nguyễn Văn")));
    insta::assert_snapshot!("search_typing", s.text());
    s.key(KeyCode::Enter);
    assert!(!s.st.queue.search.as_ref().unwrap().editing, "Enter keeps the results");
    s.key(KeyCode::Down);
    assert_eq!(s.st.queue.search.as_ref().unwrap().list.selected, 1);
    s.key(KeyCode::Enter);
    assert_eq!(s.st.screen, View::Detail);
    let want = s.st.queue.search.as_ref().unwrap().list.rows[1].code.clone();
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, want);
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue, "Esc goes back one level: the results");
    assert!(s.st.queue.search.is_some());
    s.key(KeyCode::Esc);
    assert!(s.st.queue.search.is_none());
    // A code typed as the screens show it (without the agency prefix) is found too.
    let code = s.st.queue.list.rows[0].code.clone();
    let short = code.split_once('-').unwrap().1.to_string();
    s.typed(&short);
    assert_eq!(s.st.queue.search.as_ref().unwrap().list.rows[0].code, code);
}

#[test]
fn an_empty_search_box_shows_the_queue() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(3));
    let text = s.text();
    assert!(!text.contains("đang tải"), "{text}");
    assert_eq!(s.st.queue.list().rows, s.st.queue.list.rows, "the queue itself");
    s.typed("x");
    s.key(KeyCode::Backspace);
    assert!(!s.text().contains("đang tải"), "{}", s.text());
    assert_eq!(s.st.queue.list().rows.len(), 19);
}

#[test]
fn detail_shows_control_sheet_and_walks_the_queue() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Down);
    s.key(KeyCode::Enter);
    let second = s.st.queue.list.rows[1].code.clone();
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, second);
    let text = s.text();
    assert!(text.contains(&second), "{text}");
    assert!(!s.st.detail.as_ref().unwrap().events.is_empty(), "the control sheet is loaded");
    insta::assert_snapshot!("detail", text);
    s.key_mod(KeyCode::Down, KeyModifiers::ALT);
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, s.st.queue.list.rows[2].code);
    s.key_mod(KeyCode::Up, KeyModifiers::ALT);
    s.key_mod(KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(s.st.detail.as_ref().unwrap().dossier.code, s.st.queue.list.rows[0].code);
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
    s.key(KeyCode::Down);
    assert_eq!(s.st.queue.list.selected, 0, "keys other than quit do nothing while too small");
    s.resize(80, 24);
    assert!(s.text().contains("Mã hồ sơ"));
    s.key(KeyCode::F(10));
    assert!(s.st.quit);
}

#[test]
fn footer_names_the_keys_that_work_here() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    let footer = s.text().lines().last().unwrap().to_string();
    // Written by hand from what the queue is for, not read back from the key table.
    for hint in ["F1 trợ giúp", "Enter xem", "F9 thao tác", "F2 tiếp nhận", "F10 thoát"] {
        assert!(footer.contains(hint), "{hint}: {footer}");
    }
    assert!(!footer.contains('…'), "{footer}");
    s.key(KeyCode::Enter);
    let footer = s.text().lines().last().unwrap().to_string();
    for hint in ["Enter thao tác", "Alt-↓ hồ sơ sau", "Esc quay lại"] {
        assert!(footer.contains(hint), "{hint}: {footer}");
    }
}

fn staff(store: &mut Store, login: &str, name: &str, role: Role) {
    store.put_staff("head", &Staff { login: login.into(), full_name: name.into(), role, active: true }).unwrap();
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
    s.alt('n');
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    s.key(KeyCode::Enter);
    assert!(s.flash().contains("không ghi đè"), "{}", s.flash());
    assert_eq!(s.store.dossier(&row.code).unwrap().unwrap().assignee, "mai2");
    // The row was read again with the other clerk's change.
    let now_row = s.st.queue.list.rows.iter().find(|r| r.code == row.code).unwrap();
    assert_eq!(now_row.assignee, "mai2");

    // A change while idle arrives with the watcher's DataChanged message.
    let extra = MoveExtra { note: "rút".into(), ..Default::default() };
    other.move_dossier("head", &row.code, None, Status::Withdrawn, &extra, screens::now()).unwrap();
    s.msg(motcua::tui::effects::Msg::DataChanged);
    assert!(s.st.queue.list.rows.iter().all(|r| r.code != row.code), "the withdrawn dossier left the queue");
}

#[test]
fn a_new_most_urgent_dossier_shows_at_the_top_or_is_counted_when_scrolled() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    let mut other = Store::open(&db).unwrap();
    // Another clerk's dossier, made the most urgent of all by hand (due long ago).
    let d = other.add_dossier("lan", &fresh("Lò Văn Mới"), screens::now()).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE dossiers SET due_date = '2020-01-01', sort_due = '2020-01-01' WHERE id = ?1", [d.id]).unwrap();
    s.msg(motcua::tui::effects::Msg::DataChanged);
    assert_eq!(s.st.queue.list.rows[0].id, d.id, "at the top of the list: it shows first");
    // Scrolled down, another one is counted instead of moving the rows away.
    s.key(KeyCode::PageDown);
    let first = s.st.queue.list.rows[0].id;
    let e = other.add_dossier("lan", &fresh("Lò Thị Sau"), screens::now()).unwrap();
    conn.execute("UPDATE dossiers SET due_date = '2020-01-01', sort_due = '2020-01-01' WHERE id = ?1", [e.id]).unwrap();
    s.msg(motcua::tui::effects::Msg::DataChanged);
    assert_eq!(s.st.queue.list.rows[0].id, first, "the rows on screen stay");
    assert!(s.text().contains("1 hồ sơ mới ở đầu danh sách"), "{}", s.text());
    s.key(KeyCode::Home);
    assert_eq!(s.st.queue.list.rows[1].id, e.id.max(d.id));
    assert!(!s.text().contains("mới ở đầu"));
}

#[test]
fn the_clock_in_the_header_follows_the_minute() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    assert!(s.text().lines().next().unwrap().ends_with("16:30 20/11/2026"), "{}", s.text());
    s.msg(motcua::tui::effects::Msg::Now(motcua::clock::parse_time("2026-11-20T16:31:00+07:00").unwrap()));
    assert!(s.text().lines().next().unwrap().ends_with("16:31 20/11/2026"));
}

#[test]
fn a_stopped_worker_is_said_on_the_screen() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.msg(motcua::tui::effects::Msg::WorkerGone);
    let text = s.text();
    assert!(text.lines().last().unwrap().contains("Mất kết nối với cơ sở dữ liệu"), "{text}");
    assert!(s.st.worker_gone);
}
