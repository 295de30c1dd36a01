//! The office head's dashboard driven by keys: counts that open exactly their dossiers,
//! the indicators per period, the end-of-day review's actions, the report and its export.

use crate::screens;

use crossterm::event::KeyCode;
use motcua::domain::report::PeriodKind;
use motcua::tui::dashboard::Pane;
use motcua::tui::state::{Modal, Screen as View};
use screens::{demo_db, Screen};

fn dash(s: &Screen) -> &motcua::tui::dashboard::DashView {
    s.st.dash.as_ref().unwrap()
}

#[test]
fn every_count_opens_exactly_its_dossiers() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('d'));
    assert_eq!(s.st.screen, View::Dashboard);
    insta::assert_snapshot!("dashboard_deadlines_80x24", s.text());
    let rows = dash(&s).rows().len();
    assert!(rows > 5, "all, handlers and fields");
    // Each step of the "all" row, then every row's total.
    let mut cells: Vec<(usize, usize)> = (0..7).map(|c| (0, c)).collect();
    cells.extend((1..rows).map(|r| (r, 6)));
    for (row, col) in cells {
        let data = dash(&s).data.clone().unwrap();
        let want = match &dash(&s).rows()[row] {
            motcua::tui::dashboard::Row::All => data.pending,
            motcua::tui::dashboard::Row::Assignee(a) => data.by_assignee.iter().find(|(x, _)| x == a).unwrap().1,
            motcua::tui::dashboard::Row::Field(f) => data.by_field.iter().find(|(x, _)| x == f).unwrap().1,
        };
        let count = if col == 6 { want.total() } else { want.get(motcua::domain::urgency::Urgency::ALL[col]) };
        s.st.dash.as_mut().unwrap().row = row;
        s.st.dash.as_mut().unwrap().col = col;
        s.key(KeyCode::Enter);
        assert_eq!(s.st.screen, View::Queue);
        assert_eq!(s.st.queue.list.total, count, "row {row} col {col}");
        s.key(KeyCode::Char('d'));
    }
}

#[test]
fn the_indicators_follow_the_period() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('2'));
    assert_eq!(dash(&s).pane, Pane::Indicators);
    let month = dash(&s).comparison.clone().unwrap();
    assert_eq!(month.current.period.from.to_string(), "2026-11-01");
    assert_eq!(month.previous.period.from.to_string(), "2026-10-01");
    insta::assert_snapshot!("dashboard_rates_80x24", s.text());
    s.key(KeyCode::Char('p'));
    assert_eq!(dash(&s).kind, PeriodKind::Quarter);
    let q = dash(&s).comparison.clone().unwrap();
    assert_eq!(
        (q.current.period.from.to_string(), q.current.period.to.to_string()),
        ("2026-10-01".into(), "2026-12-31".into())
    );
    s.key(KeyCode::Char('['));
    assert_eq!(dash(&s).comparison.as_ref().unwrap().current.period.from.to_string(), "2026-07-01");
    s.key(KeyCode::Char('c'));
    assert_eq!(dash(&s).comparison.as_ref().unwrap().current.period.from.to_string(), "2026-06-15");
    // The screen shows the same rates as the report of that period.
    let rep = s.store.report(dash(&s).period(s.st.today()), s.now).unwrap();
    let shown = motcua::domain::report::percent(rep.total().rates().on_time);
    assert!(s.text().contains(&shown), "{shown}\n{}", s.text());
}

#[test]
fn the_review_acts_on_what_is_late() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('4'));
    let review = dash(&s).review.clone().unwrap();
    assert!(review.overdue_no_apology.total > 0);
    insta::assert_snapshot!("dashboard_review_80x24", s.text());
    let first = dash(&s).selected_review().unwrap().clone();
    // Remind the handler: a line on the control sheet, the status unchanged.
    s.key(KeyCode::Char('R'));
    let d = s.store.dossier(&first.code).unwrap().unwrap();
    let last = s.store.events(d.id).unwrap().pop().unwrap();
    assert_eq!((last.from, last.to, last.actor.as_str()), (Some(d.status), d.status, "head"));
    assert!(last.note.starts_with("Nhắc"), "{}", last.note);
    // The apology letter: a new date, a reason, and Mẫu 04 on screen.
    s.key(KeyCode::Char('p'));
    assert!(matches!(s.st.modal, Some(Modal::Apology { .. })), "{}", s.flash());
    s.typed("Chờ ý kiến cơ quan chuyên môn");
    s.key(KeyCode::Enter);
    assert!(s.flash().contains("đã lưu"), "{}", s.flash());
    let d = s.store.dossier(&first.code).unwrap().unwrap();
    assert!(d.apology.is_some());
    assert_eq!(s.st.screen, View::Document);
    assert_eq!(s.st.document.as_ref().unwrap().form.number(), "04");
    s.key(KeyCode::Esc);
    // Back on the dashboard, the dossier has left the "no apology" list.
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('4'));
    let after = dash(&s).review.clone().unwrap();
    assert_eq!(after.overdue_no_apology.total, review.overdue_no_apology.total - 1);
    assert!(after.overdue_no_apology.rows.iter().all(|r| r.dossier.code != first.code));
}

#[test]
fn only_the_head_reminds() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('4'));
    let first = dash(&s).selected_review().unwrap().clone();
    let before = s.store.dossier(&first.code).unwrap().unwrap().version;
    s.key(KeyCode::Char('R'));
    assert!(s.flash().contains("trưởng bộ phận"), "{}", s.flash());
    assert_eq!(s.store.dossier(&first.code).unwrap().unwrap().version, before);
}

#[test]
fn the_report_pane_holds_its_identity_and_exports() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('5'));
    let text = s.text();
    assert!(text.contains("✓"), "{text}");
    insta::assert_snapshot!("dashboard_report_80x24", text);
    s.key(KeyCode::Right);
    s.key(KeyCode::Right);
    insta::assert_snapshot!("dashboard_report_pending_80x24", s.text());
    s.key(KeyCode::Char('e'));
    assert!(s.flash().starts_with("Đã xuất"), "{}", s.flash());
    let exports = s.out.path().join("exports");
    assert!(exports.join("baocao_20261101_20261130.xlsx").exists());
    s.key(KeyCode::Char('E'));
    assert!(exports.join("sotheodoi_20261101_20261130.xlsx").exists(), "{}", s.flash());
}

#[test]
fn a_bigger_window_shows_more() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open_sized(&db, "head", (120, 40));
    s.key(KeyCode::Char('d'));
    insta::assert_snapshot!("dashboard_deadlines_120x40", s.text());
    s.key(KeyCode::Char('3'));
    insta::assert_snapshot!("dashboard_intake_120x40", s.text());
    let chart = s.text();
    assert!(chart.contains('█') && chart.contains('▒'), "both channels drawn");
}

#[test]
fn a_period_typed_by_hand() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('5'));
    s.key(KeyCode::Char('/'));
    let ctrl_u = |s: &mut Screen| s.key_mod(KeyCode::Char('u'), crossterm::event::KeyModifiers::CONTROL);
    ctrl_u(&mut s);
    s.typed("31/03/2025");
    s.key(KeyCode::Tab);
    ctrl_u(&mut s);
    s.typed("01/01/2025");
    s.key(KeyCode::Enter);
    assert!(matches!(s.st.modal, Some(Modal::Period { error: Some(_), .. })), "a backwards period is refused");
    s.key(KeyCode::BackTab);
    ctrl_u(&mut s);
    s.typed("01/01/2025");
    s.key(KeyCode::Tab);
    ctrl_u(&mut s);
    s.typed("31/03/2025");
    s.key(KeyCode::Enter);
    assert!(s.st.modal.is_none());
    let cmp = dash(&s).comparison.clone().unwrap();
    assert_eq!(
        (cmp.current.period.from.to_string(), cmp.current.period.to.to_string()),
        ("2025-01-01".into(), "2025-03-31".into())
    );
    assert_eq!(cmp.previous.period.from.to_string(), "2024-10-01");
    assert!(s.text().contains("Kỳ tự chọn: 01/01/2025 – 31/03/2025"), "{}", s.text());
    assert_eq!(cmp.current, s.store.report(cmp.current.period, s.now).unwrap());
    // p goes back to the period kinds.
    s.key(KeyCode::Char('p'));
    assert_eq!(dash(&s).comparison.as_ref().unwrap().current.period.from.to_string(), "2026-11-01");
}
