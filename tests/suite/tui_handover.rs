//! Issue 11 on the screens: send a dossier to another agency from the queue (Alt-D), and find
//! what waits at other agencies with the queue's filter (F7).

use crate::screens;

use crossterm::event::KeyCode;
use motcua::store::Tab;
use screens::Screen;

#[test]
fn a_clerk_sends_a_dossier_and_the_filter_finds_it_at_the_agency() {
    let (_d, db) = screens::demo_db(500);
    let mut s = Screen::open(&db, "lan");
    while s.st.queue.tab() != Tab::InProgress {
        s.key(KeyCode::Tab);
    }
    let row = s.st.queue.list.rows[0].clone();
    s.alt('d');
    assert_eq!(s.popup().as_deref(), Some("Send"), "{}", s.text());
    // The agencies in code order: BHXH, CA_XA, VPDK — the third.
    let text = s.text();
    assert!(text.contains("Chi nhánh Văn phòng đăng ký đất đai (VPDK)"), "{text}");
    s.key(KeyCode::Down);
    s.key(KeyCode::Down);
    s.key(KeyCode::Enter);
    let d = s.store.dossier(&row.code).unwrap().unwrap();
    assert_eq!(d.handover.agency, "VPDK");
    assert!(d.handover.sent_at.is_some(), "{}", s.flash());
    // The detail says where it is.
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("Chi nhánh Văn phòng đăng ký đất đai (gửi"), "{text}");
    s.key(KeyCode::Esc);
    // F7, then the last choices: "with agency: any", BHXH, CA_XA, VPDK.
    s.f(7);
    let n = match s.st.popups.last() {
        Some(motcua::tui::popups::Popup::Filter { options, .. }) => options.len(),
        other => panic!("{other:?}"),
    };
    for _ in 0..n - 1 {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
    assert_eq!(s.st.queue.filter.agency.as_deref(), Some("VPDK"));
    let codes: Vec<String> = s.st.queue.list.rows.iter().map(|r| r.code.clone()).collect();
    assert_eq!(codes, std::slice::from_ref(&row.code));
    // The dashboard counts what waits at other agencies (the demo dossier is long overdue).
    s.f(4);
    let text = s.text();
    assert!(text.contains("đang ở cơ quan khác: 1, quá hạn 1"), "{text}");
    s.key(KeyCode::Esc);
    // A dossier not in progress cannot be sent: the refusal says why, nothing opens.
    s.f(7);
    s.key(KeyCode::Enter);
    while s.st.queue.tab() != Tab::Ready {
        s.key(KeyCode::Tab);
    }
    s.alt('d');
    assert!(s.st.popups.is_empty());
    assert!(s.flash().contains("chỉ gửi được hồ sơ đang xử lý"), "{}", s.flash());
}
