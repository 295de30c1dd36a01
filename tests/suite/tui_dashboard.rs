//! The office head's dashboard driven by keys: counts that open exactly their dossiers,
//! the indicators per period, the end-of-day review's actions, the report and its export.

use crate::screens;

use crossterm::event::KeyCode;
use crossterm::event::KeyModifiers;
use motcua::domain::report::PeriodKind;
use motcua::tui::screens::dashboard::state::{DashView, Pane, Row};
use motcua::tui::state::Screen as View;
use screens::{demo_db, Screen};

/// Resolved in the period on or before the due date, over all resolved in it (DOMAIN §2), as
/// the rates line writes it ("98,7%"): a second, simple count, straight from the file.
fn on_time_by_hand(db: &std::path::Path, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let (on_time, all): (i64, i64) = c
        .query_row(
            "SELECT total(substr(resolved_at, 1, 10) <= due_date), count(*) FROM dossiers
             WHERE substr(resolved_at, 1, 10) BETWEEN ?1 AND ?2",
            [from.to_string(), to.to_string()],
            |r| Ok((r.get::<_, f64>(0)? as i64, r.get(1)?)),
        )
        .unwrap();
    if all == 0 {
        return "-".into();
    }
    format!("{:.1}%", on_time as f64 * 100.0 / all as f64).replace('.', ",")
}

fn dash(s: &Screen) -> &DashView {
    s.st.dash.as_ref().unwrap()
}

#[test]
fn every_count_opens_exactly_its_dossiers() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.f(4);
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
            Row::All => data.pending,
            Row::Assignee(a) => data.by_assignee.iter().find(|(x, _)| x == a).unwrap().1,
            Row::Field(f) => data.by_field.iter().find(|(x, _)| x == f).unwrap().1,
        };
        let count = if col == 6 { want.total() } else { want.get(motcua::domain::urgency::Urgency::ALL[col]) };
        s.st.dash.as_mut().unwrap().row = row;
        s.st.dash.as_mut().unwrap().col = col;
        s.key(KeyCode::Enter);
        assert_eq!(s.st.screen, View::Queue);
        assert_eq!(s.st.queue.list.total, count, "row {row} col {col}");
        // Esc comes back to the dashboard, and gives the queue its own filter back.
        s.key(KeyCode::Esc);
        assert_eq!(s.st.screen, View::Dashboard);
        assert_eq!(s.st.queue.filter.due_from, None);
    }
}

#[test]
fn the_indicators_follow_the_period() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.f(4);
    s.key(KeyCode::Tab);
    assert_eq!(dash(&s).pane, Pane::Indicators);
    let month = dash(&s).comparison.clone().unwrap();
    assert_eq!(month.current.period.from.to_string(), "2026-11-01");
    assert_eq!(month.previous.period.from.to_string(), "2026-10-01");
    insta::assert_snapshot!("dashboard_rates_80x24", s.text());
    s.f(7);
    assert_eq!(dash(&s).kind, PeriodKind::Quarter);
    let q = dash(&s).comparison.clone().unwrap();
    assert_eq!(
        (q.current.period.from.to_string(), q.current.period.to.to_string()),
        ("2026-10-01".into(), "2026-12-31".into())
    );
    s.key_mod(KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(dash(&s).comparison.as_ref().unwrap().current.period.from.to_string(), "2026-07-01");
    s.alt('c');
    assert_eq!(dash(&s).comparison.as_ref().unwrap().current.period.from.to_string(), "2026-06-15");
    // The on-time rate shown, against a count made straight from the dossiers of that period.
    let p = dash(&s).period(s.st.today());
    let shown = on_time_by_hand(&db, p.from, p.to);
    assert!(s.text().contains(&shown), "{shown}\n{}", s.text());
}

#[test]
fn the_review_acts_on_what_is_late() {
    let (_d, db) = demo_db(2000);
    // The demo office sends its apologies; this one was forgotten: a same-day birth
    // registration received on Tuesday 17/11, three days before the test's Friday.
    let mut store = motcua::store::Store::open(&db).unwrap();
    let forgotten = motcua::store::NewDossier {
        procedure_code: "1.001193".into(),
        applicant_name: "Đỗ Thị Hoa".into(),
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
    };
    let tuesday = chrono::NaiveDateTime::parse_from_str("2026-11-17 09:00", "%Y-%m-%d %H:%M").unwrap();
    store.add_dossier("lan", &forgotten, tuesday).unwrap();
    drop(store);
    let mut s = Screen::open(&db, "head");
    s.f(4);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    let review = dash(&s).review.clone().unwrap();
    assert!(review.overdue_no_apology.total > 0);
    insta::assert_snapshot!("dashboard_review_80x24", s.text());
    let first = dash(&s).selected_review().unwrap().clone();
    // Remind the handler: asked first, then a line on the control sheet, the status unchanged.
    s.alt('h');
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    s.key(KeyCode::Enter);
    let d = s.store.dossier(&first.code).unwrap().unwrap();
    let last = s.store.events(d.id).unwrap().pop().unwrap();
    assert_eq!((last.from, last.to, last.actor.as_str()), (Some(d.status), d.status, "head"));
    assert!(last.note.starts_with("Nhắc"), "{}", last.note);
    // The apology letter: a new date, a reason, and Mẫu 04 on screen.
    s.alt('l');
    assert_eq!(s.popup().as_deref(), Some("Apology"), "{}", s.flash());
    s.typed("Chờ ý kiến cơ quan chuyên môn");
    s.key(KeyCode::Enter);
    assert!(s.flash().contains("đã lưu"), "{}", s.flash());
    let d = s.store.dossier(&first.code).unwrap().unwrap();
    assert!(d.apology.is_some());
    assert_eq!(s.st.screen, View::Document);
    assert_eq!(s.st.document.as_ref().unwrap().form.number(), "04");
    s.key(KeyCode::Esc);
    // Esc goes back to the review it came from; the dossier has left the "no apology" list.
    assert_eq!(s.st.screen, View::Dashboard);
    assert_eq!(dash(&s).pane, Pane::Review);
    let after = dash(&s).review.clone().unwrap();
    assert_eq!(after.overdue_no_apology.total, review.overdue_no_apology.total - 1);
    assert!(after.overdue_no_apology.rows.iter().all(|r| r.dossier.code != first.code));
}

#[test]
fn only_the_head_reminds() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    s.f(4);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    let first = dash(&s).selected_review().unwrap().clone();
    let before = s.store.dossier(&first.code).unwrap().unwrap().version;
    s.alt('h');
    assert!(s.flash().contains("trưởng bộ phận"), "{}", s.flash());
    assert_eq!(s.store.dossier(&first.code).unwrap().unwrap().version, before);
}

#[test]
fn the_report_pane_holds_its_identity_and_exports() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.f(4);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    let text = s.text();
    assert!(text.contains("✓"), "{text}");
    insta::assert_snapshot!("dashboard_report_80x24", text);
    // Down to a field whose name is cut in the table: it is written out in full under it.
    for _ in 0..6 {
        s.key(KeyCode::Down);
    }
    let text = s.text();
    assert!(text.contains("▸ 7 Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)"), "{text}");
    insta::assert_snapshot!("dashboard_report_row_80x24", text);
    s.alt('e');
    assert!(s.flash().starts_with("Đã xuất"), "{}", s.flash());
    let exports = s.out.path().join("exports");
    assert!(exports.join("baocao_20261101_20261130.xlsx").exists());
    s.alt('s');
    assert!(exports.join("sotheodoi_20261101_20261130.xlsx").exists(), "{}", s.flash());
}

#[test]
fn a_bigger_window_shows_more() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open_sized(&db, "head", (120, 40));
    s.f(4);
    insta::assert_snapshot!("dashboard_deadlines_120x40", s.text());
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    insta::assert_snapshot!("dashboard_intake_120x40", s.text());
    let chart = s.text();
    assert!(chart.contains('█') && chart.contains('▒'), "both channels drawn");
}

#[test]
fn a_period_typed_by_hand() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.f(4);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.f(8);
    let ctrl_u = |s: &mut Screen| s.key_mod(KeyCode::Char('u'), crossterm::event::KeyModifiers::CONTROL);
    ctrl_u(&mut s);
    s.typed("31/03/2025");
    s.key(KeyCode::Tab);
    ctrl_u(&mut s);
    s.typed("01/01/2025");
    s.key(KeyCode::Enter);
    assert!(
        matches!(s.st.popups.last(), Some(motcua::tui::popups::Popup::Period { error: Some(_), .. })),
        "a backwards period is refused"
    );
    s.key(KeyCode::BackTab);
    ctrl_u(&mut s);
    s.typed("01/01/2025");
    s.key(KeyCode::Tab);
    ctrl_u(&mut s);
    s.typed("31/03/2025");
    s.key(KeyCode::Enter);
    assert!(s.st.popups.is_empty());
    let cmp = dash(&s).comparison.clone().unwrap();
    assert_eq!(
        (cmp.current.period.from.to_string(), cmp.current.period.to.to_string()),
        ("2025-01-01".into(), "2025-03-31".into())
    );
    assert_eq!(cmp.previous.period.from.to_string(), "2024-10-01");
    // The report pane names the period in the form's words: typed by hand, it is still a quarter.
    assert!(s.text().contains("Kỳ báo cáo: Quý I năm 2025 (Từ ngày 01/01/2025 đến ngày 31/03/2025)"), "{}", s.text());
    let by_hand = on_time_by_hand(&db, cmp.current.period.from, cmp.current.period.to);
    assert!(s.text().contains(&by_hand) || by_hand == "-", "{by_hand}\n{}", s.text());
    // F7 goes back to the period kinds.
    s.f(7);
    assert_eq!(dash(&s).comparison.as_ref().unwrap().current.period.from.to_string(), "2026-11-01");
}

#[test]
fn tomorrows_list_and_back_with_esc() {
    let (_d, db) = demo_db(2000);
    // A birth registration at 16:30 on Friday, after the 15:00 cut-off: due Monday.
    let mut store = motcua::store::Store::open(&db).unwrap();
    let mut nd = crate::tui_queue::fresh("Lò Văn Thứ Hai");
    nd.procedure_code = "1.001193".into();
    let d = store.add_dossier("lan", &nd, screens::now()).unwrap();
    assert_eq!(d.due_date.to_string(), "2026-11-23");
    let mut s = Screen::open(&db, "head");
    s.f(4);
    // The "all" row, the "tomorrow" column.
    s.key(KeyCode::Right);
    s.key(KeyCode::Right);
    s.key(KeyCode::Enter);
    assert_eq!(s.st.screen, View::Queue);
    // Friday 20/11/2026: tomorrow's working day is Monday 23/11.
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert!(s.st.queue.list.rows.iter().any(|r| r.id == d.id), "Monday's dossier is there");
    assert!(s.st.queue.list.rows.iter().all(|r| r.due_date == monday), "only Monday's");
    insta::assert_snapshot!("drill_tomorrow_80x24", s.text());
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Dashboard);
    assert_eq!(dash(&s).col, 2, "the dashboard as it was left");
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
    assert!(s.st.queue.list.rows.iter().any(|r| r.due_date != monday), "the whole queue again");
}
