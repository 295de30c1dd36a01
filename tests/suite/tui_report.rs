//! The report pane as the official form II.06a, on the small March 2024 logbook whose counts
//! tests/suite/report_form.rs works out by hand.

use crate::screens::Screen;

use crossterm::event::{KeyCode, KeyModifiers};

/// The report pane on a period typed by hand (F8), 01/03/2024–31/03/2024.
fn march_pane(size: (u16, u16)) -> (tempfile::TempDir, Screen) {
    motcua::i18n::set_lang(motcua::i18n::Lang::Vi);
    let dir = tempfile::tempdir().unwrap();
    let db = crate::report_form::march_office(dir.path());
    let mut s = Screen::open_sized(&db, crate::foundation::HEAD, size);
    s.f(4);
    s.key(KeyCode::BackTab);
    s.f(8);
    let ctrl_u = |s: &mut Screen| s.key_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    ctrl_u(&mut s);
    s.typed("01/03/2024");
    s.key(KeyCode::Tab);
    ctrl_u(&mut s);
    s.typed("31/03/2024");
    s.key(KeyCode::Enter);
    (dir, s)
}

fn numbers(line: &str) -> Vec<u64> {
    line.split_whitespace().filter_map(|w| w.parse().ok()).collect()
}

#[test]
fn the_total_row_is_the_hand_count() {
    let (_d, s) = march_pane((80, 24));
    let text = s.text();
    // The hand count of report_form.rs: received 12 = online 4 + counter/post 5 + carried 3;
    // resolved 5 + the 2 withdrawn under on time = 7 (before due 1, on time 2 + 2, late 2);
    // pending 5 (within due 1, overdue 4).
    let total = text.lines().find(|l| l.trim_start().starts_with("Tổng cộng")).expect(&text);
    assert_eq!(numbers(total), [12, 4, 5, 3, 7, 1, 4, 2, 5, 1, 4], "{text}");
    // Chứng thực (A1–A9): 7 = 2 + 4 + 1; 3 resolved + A4 withdrawn; 3 pending, 2 overdue.
    let row = text.lines().find(|l| l.starts_with("1 ")).expect(&text);
    assert!(row.contains("Chứng thực"), "{row}");
    assert_eq!(numbers(row), [1, 7, 2, 4, 1, 4, 1, 2, 1, 3, 1, 2], "{row}");
    assert!(text.contains("(1) (2)") && text.contains("(13)"), "{text}");
    assert!(text.contains("Kỳ báo cáo: Tháng 03 năm 2024 (Từ ngày 01/03/2024 đến ngày 31/03/2024)"), "{text}");
    assert!(text.contains("(9) gồm cả 2 hồ sơ công dân rút"), "{text}");
    insta::assert_snapshot!("march_report_80x24", text);
}

#[test]
fn the_highlighted_row_is_named_in_full_and_a_wide_window_names_every_field() {
    let (_d, mut s) = march_pane((120, 40));
    s.key(KeyCode::Down);
    s.key(KeyCode::Down);
    let text = s.text();
    assert!(text.contains("▸ 3 Đất đai"), "{text}");
    s.key(KeyCode::Down);
    assert!(s.text().contains("▸ Tổng cộng"), "{}", s.text());
    insta::assert_snapshot!("march_report_120x40", s.text());
}
