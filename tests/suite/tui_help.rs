//! Help (F1, ?) lists the keys of the screen and of the popup under it, scrolls with
//! PgUp/PgDn and says when there is more; Esc closes it alone.

use crate::screens;

use crossterm::event::KeyCode;
use screens::{demo_db, Screen};

fn help(s: &mut Screen) -> String {
    s.f(1);
    assert_eq!(s.popup().as_deref(), Some("Help"));
    s.text()
}

/// All of help, page by page.
fn all_of_help(s: &mut Screen) -> String {
    let mut text = help(s);
    for _ in 0..10 {
        s.key(KeyCode::PageDown);
        text.push_str(&s.text());
    }
    text
}

#[test]
fn help_on_the_queue_names_its_actions_and_says_there_is_more() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    let first = help(&mut s);
    insta::assert_snapshot!("help_queue_80x24", first);
    assert!(first.contains("còn nữa: PgDn"), "{first}");
    s.key(KeyCode::Esc);
    let all = all_of_help(&mut s);
    // What a clerk needs at the queue, written out by hand.
    for want in ["F9", "thao tác", "Alt-G", "giao xử lý", "Alt-C", "chuyển xử lý", "Space", "đánh dấu", "F7", "lọc"]
    {
        assert!(all.contains(want), "{want} missing:\n{all}");
    }
    let last = s.text();
    assert!(!last.contains("còn nữa"), "the last page says no more:\n{last}");
    s.key(KeyCode::Esc);
    assert!(s.st.popups.is_empty());
}

#[test]
fn help_follows_the_screen_and_the_popup() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.f(2);
    if s.popup().as_deref() == Some("Draft") {
        s.key(KeyCode::Esc);
        s.f(2);
    }
    let intake = all_of_help(&mut s);
    for want in ["Ctrl-S", "lưu", "Alt-O", "bản chính/sao", "Tab", "ô sau"] {
        assert!(intake.contains(want), "{want}:\n{intake}");
    }
    assert!(!intake.contains("Alt-G"), "no queue actions on the form");
    s.key(KeyCode::Esc);
    s.key(KeyCode::Esc);
    s.f(4);
    s.key(KeyCode::Tab);
    let dash = all_of_help(&mut s);
    for want in ["F7", "loại kỳ", "Alt-E", "xuất báo cáo", "F8", "kỳ tự chọn"] {
        assert!(dash.contains(want), "{want}:\n{dash}");
    }
    s.key(KeyCode::Esc);
    s.f(6);
    let admin = all_of_help(&mut s);
    for want in ["Quản trị: thủ tục", "Space", "Enter", "sửa"] {
        assert!(admin.contains(want), "{want}:\n{admin}");
    }
    s.key(KeyCode::Esc);
    // Over a question: its own keys first, then the screen's.
    s.key(KeyCode::Char(' '));
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    let over = help(&mut s);
    insta::assert_snapshot!("help_over_confirm_80x24", over);
    assert!(over.contains("Câu hỏi xác nhận"), "{over}");
    s.key(KeyCode::Esc);
    assert_eq!(s.popup().as_deref(), Some("Confirm"), "Esc closes help alone");
}
