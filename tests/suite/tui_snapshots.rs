//! Every screen and every popup at 80x24 and at 120x40, to read before accepting. Volatile
//! text (the temporary output folder) is masked by the harness.

use crate::screens;

use crossterm::event::{KeyCode, KeyModifiers};
use motcua::store::Tab;
use screens::{demo_db, Screen};

type Setup = fn(&mut Screen);

fn tab(s: &mut Screen, t: Tab) {
    while s.st.queue.tab() != t {
        s.key(KeyCode::Tab);
    }
}

fn intake(s: &mut Screen) {
    s.f(2);
    if s.popup().as_deref() == Some("Draft") {
        s.key(KeyCode::Down);
        s.key(KeyCode::Enter);
        s.key(KeyCode::Enter);
    }
}

fn filled(s: &mut Screen) {
    intake(s);
    s.typed("khai sinh");
    s.key(KeyCode::Enter);
    s.typed("Nguyễn Thị Thu Hương");
    s.key(KeyCode::Tab);
    s.typed("001190012345");
}

const CASES: &[(&str, Setup)] = &[
    ("queue", |_| {}),
    ("detail", |s| s.key(KeyCode::Enter)),
    ("search", |s| s.typed("thi hoa")),
    ("intake_empty", intake),
    ("intake_picker", |s| {
        intake(s);
        s.typed("chung thuc");
    }),
    ("intake_filled", filled),
    ("receipt", |s| {
        filled(s);
        s.ctrl('s');
        s.key(KeyCode::Enter);
    }),
    ("dashboard_deadlines", |s| s.f(4)),
    ("dashboard_rates", |s| {
        s.f(4);
        s.key(KeyCode::Tab);
    }),
    ("dashboard_chart", |s| {
        s.f(4);
        s.key(KeyCode::Tab);
        s.key(KeyCode::Tab);
    }),
    ("dashboard_review", |s| {
        s.f(4);
        s.key(KeyCode::BackTab);
        s.key(KeyCode::BackTab);
    }),
    ("report", |s| {
        s.f(4);
        s.key(KeyCode::BackTab);
    }),
    ("admin_catalogue", |s| s.f(6)),
    ("admin_holidays", |s| {
        s.f(6);
        s.key(KeyCode::Tab);
    }),
    ("admin_staff", |s| {
        s.f(6);
        s.key(KeyCode::Tab);
        s.key(KeyCode::Tab);
    }),
    ("admin_settings", |s| {
        s.f(6);
        s.key(KeyCode::BackTab);
    }),
    ("popup_help", |s| s.f(1)),
    ("popup_actions", |s| s.f(9)),
    ("popup_reason", |s| {
        tab(s, Tab::Received);
        s.alt('r');
        s.typed("Công dân xin rút");
    }),
    ("popup_confirm", |s| {
        tab(s, Tab::Received);
        s.alt('r');
        s.typed("Công dân xin rút");
        s.key(KeyCode::Enter);
    }),
    ("popup_rating", |s| {
        tab(s, Tab::Ready);
        s.alt('t');
    }),
    ("popup_digitized", |s| {
        tab(s, Tab::InProgress);
        s.alt('k');
    }),
    ("popup_assign", |s| s.alt('g')),
    ("popup_apology", |s| s.alt('l')),
    ("popup_filter", |s| s.f(7)),
    ("popup_period", |s| {
        s.f(4);
        s.key(KeyCode::Tab);
        s.f(8);
    }),
    ("popup_print", |s| {
        s.key(KeyCode::Enter);
        s.ctrl('p');
    }),
    ("popup_draft", |s| {
        intake(s);
        s.typed("ket hon");
        s.key(KeyCode::Esc);
        s.f(2);
    }),
    ("popup_missing_papers", |s| {
        filled(s);
        s.ctrl('s');
    }),
    ("popup_admin_form", |s| {
        s.f(6);
        s.key(KeyCode::Enter);
    }),
    ("popup_admin_holiday", |s| {
        s.f(6);
        s.key(KeyCode::Tab);
        s.key(KeyCode::Insert);
    }),
    ("popup_admin_confirm", |s| {
        s.f(6);
        s.key(KeyCode::Tab);
        s.key(KeyCode::Tab);
        s.key(KeyCode::Delete);
    }),
];

#[test]
fn every_screen_and_popup_at_80x24_and_120x40() {
    let (_d, db) = demo_db(2000);
    for size in [(80, 24), (120, 40)] {
        for (name, setup) in CASES {
            let mut s = Screen::open_sized(&db, "head", size);
            setup(&mut s);
            let text = s.text();
            // Nothing drawn past the frame, every line within the width.
            assert!(text.lines().all(|l| l.chars().count() <= size.0 as usize), "{name}");
            assert!(!s.flash().contains("lỗi"), "{name}: {}", s.flash());
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), text);
            // Leave no draft behind for the next case.
            s.store.delete_draft("head").unwrap();
            let _ = KeyModifiers::NONE;
        }
    }
}
