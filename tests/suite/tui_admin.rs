//! The office head's Admin screen driven by keys: the catalogue, the holiday table, staff and
//! settings; each change reaches the running screens (intake picker, due dates) at once.

use crate::screens;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyModifiers};
use motcua::domain::calendar::DayKind;
use motcua::domain::status::Role;
use motcua::store::{Refusal, Staff};
use motcua::tui::popups::Popup;
use motcua::tui::screens::admin::form::{EditForm, FieldId};
use motcua::tui::screens::admin::state::{AdminView, Pane};
use motcua::tui::state::Screen as View;
use screens::{demo_db, Screen};

fn ctrl(s: &mut Screen, c: char) {
    s.key_mod(KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn admin(s: &Screen) -> &AdminView {
    s.st.admin.as_ref().expect("the Admin screen is open")
}

fn form(s: &Screen) -> Option<&EditForm> {
    s.st.popups.iter().rev().find_map(|p| match p {
        Popup::AdminForm(f) => Some(f.as_ref()),
        _ => None,
    })
}

fn focus(s: &Screen) -> Option<FieldId> {
    form(s).and_then(|f| f.focused())
}

fn form_error(s: &Screen) -> String {
    form(s).and_then(|f| f.error.clone()).unwrap_or_default()
}

/// Moves the form's focus to `id` with Tab.
fn tab_to(s: &mut Screen, id: FieldId) {
    for _ in 0..20 {
        if focus(s) == Some(id) {
            return;
        }
        s.key(KeyCode::Tab);
    }
    panic!("no field {id:?}");
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_time_limit_set_here_puts_the_procedure_in_the_intake_picker() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    let code = "1.010028";
    assert!(!s.store.procedure(code).unwrap().unwrap().active, "inactive in the catalogue: no time limit");
    assert!(s.st.procedures.iter().all(|p| p.code != code));
    // A clerk's form looks for it in vain.
    s.key(KeyCode::F(2));
    s.typed("xoa dang ky tam tru");
    let miss = |s: &Screen| {
        let f = s.st.intake.as_ref().unwrap();
        f.matches.iter().all(|i| s.st.procedures[*i].code != code)
    };
    assert!(miss(&s));
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(6));
    assert_eq!(s.st.screen, View::Admin);
    let all = admin(&s).procedures().len();
    assert_eq!(all, s.store.procedures(false).unwrap().len(), "the pane lists inactive procedures too");
    assert!(all > s.st.procedures.len());
    insta::assert_snapshot!("admin_catalogue", s.text());

    // Typing narrows the catalogue (no key to press first).
    s.typed(code);
    s.key(KeyCode::Enter);
    assert_eq!(admin(&s).procedures().len(), 1);
    // Activating it as it stands is refused, with the reason.
    s.key(KeyCode::Char(' '));
    assert!(s.flash().contains("chưa có thời hạn"), "{}", s.flash());
    assert!(!s.store.procedure(code).unwrap().unwrap().active);

    s.key(KeyCode::Enter);
    assert_eq!(focus(&s), Some(FieldId::Days));
    tab_to(&mut s, FieldId::Active);
    s.key(KeyCode::Char(' '));
    ctrl(&mut s, 's');
    assert!(form_error(&s).contains("chưa có thời hạn"), "{}", form_error(&s));
    assert_eq!(focus(&s), Some(FieldId::Active));
    // Days and hours together are refused too.
    tab_to(&mut s, FieldId::Days);
    s.typed("5");
    s.key(KeyCode::Tab);
    s.typed("8");
    ctrl(&mut s, 's');
    assert!(form_error(&s).contains("không ghi cả hai"), "{}", form_error(&s));
    s.key(KeyCode::Backspace);
    insta::assert_snapshot!("admin_procedure_form", s.text());
    ctrl(&mut s, 's');
    assert!(form(&s).is_none(), "saved: {}", form_error(&s));
    assert_eq!(s.flash(), format!("Đã lưu thủ tục {code}"));
    let p = s.store.procedure(code).unwrap().unwrap();
    assert!(p.active);
    assert_eq!(p.days, Some(5));
    assert_eq!(p.hours, None);

    // The running screens have it: back to the queue, and into the intake picker.
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
    assert!(s.st.procedures.iter().any(|p| p.code == code));
    s.key(KeyCode::F(2));
    s.key(KeyCode::Enter);
    assert!(s.st.intake.as_ref().unwrap().picker.text().contains("xoa dang ky tam tru"), "the draft continued");
    assert!(!miss(&s), "the form finds it now");
    let form = s.st.intake.as_ref().unwrap();
    assert_eq!(s.st.procedures[form.matches[0]].code, code);
    s.key(KeyCode::Enter);
    let (due, _) = s.st.intake.as_ref().unwrap().due(&s.st.calendar, s.now).unwrap();
    // Friday 20/11 + 5 working days.
    assert_eq!(due.due_date, day(2026, 11, 27));
}

#[test]
fn a_holiday_added_here_moves_the_next_due_date_and_can_be_removed() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    let monday = day(2026, 11, 23);
    let birth = s.st.procedures.iter().find(|p| p.code == "1.001193").unwrap().time_limit().unwrap();
    assert_eq!(s.st.calendar.due(birth, s.now).due_date, monday, "after Friday's cut-off: Monday");
    s.key(KeyCode::F(6));
    s.key(KeyCode::Tab);
    assert_eq!(admin(&s).pane, Pane::Holidays);
    assert!(admin(&s).holidays().iter().all(|h| h.0.format("%Y").to_string() == "2026"));
    insta::assert_snapshot!("admin_holidays", s.text());
    s.key(KeyCode::Insert);
    s.typed("23/11/2026");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    assert!(form_error(&s).contains("tên ngày"), "a name is asked for: {}", form_error(&s));
    s.typed("Nghỉ bù thử");
    s.key(KeyCode::Enter);
    assert!(form(&s).is_none(), "{}", form_error(&s));
    assert!(!s.st.calendar.is_working_day(monday), "the screens' calendar has the new day off");
    let h = &admin(&s).holidays()[admin(&s).selected()];
    assert_eq!((h.0, h.1, h.2.as_str()), (monday, DayKind::Off, "Nghỉ bù thử"), "the new day is highlighted");

    // Birth registration after the 15:00 cut-off on Friday: due the next working day, now Tuesday.
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(2));
    s.typed("1.001193");
    s.key(KeyCode::Enter);
    assert_eq!(s.st.calendar.due(birth, s.now).due_date, day(2026, 11, 24));
    assert!(s.text().contains("Hẹn trả: 17:00 24/11/2026"), "{}", s.text());
    s.typed("Lê Thị Hoa");
    ctrl(&mut s, 's');
    s.key(KeyCode::Enter);
    let stem = s.st.document.as_ref().expect("receipt").job.stem.clone();
    let code = stem.trim_end_matches("-mau01");
    assert_eq!(s.store.dossier(code).unwrap().unwrap().due_date, day(2026, 11, 24));

    // Removed again: Monday works once more.
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(6));
    assert_eq!(admin(&s).pane, Pane::Holidays, "the screen comes back where it was left");
    s.key(KeyCode::Delete);
    assert!(s.text().contains("Xóa khỏi lịch nghỉ ngày 23/11/2026"), "{}", s.text());
    s.key(KeyCode::Enter);
    assert!(s.flash().contains("Đã xóa ngày 23/11/2026"), "{}", s.flash());
    assert!(s.st.calendar.is_working_day(monday));
    assert!(s.store.holidays().unwrap().iter().all(|h| h.0 != monday));
}

#[test]
fn holidays_import_from_a_csv_file_and_a_bad_file_changes_nothing() {
    let (dir, db) = demo_db(50);
    let good = dir.path().join("2031.csv");
    std::fs::write(
        &good,
        "date,kind,name,status\n2031-09-02,off,Quốc khánh,official\n2031-09-06,work,Làm bù,official\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "date,kind,name,status\n2031-13-01,off,Sai,official\n").unwrap();
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    s.key(KeyCode::Tab);
    let before = s.store.holidays().unwrap();
    s.alt('i');
    s.typed(&bad.display().to_string());
    s.key(KeyCode::Enter);
    assert!(form_error(&s).contains("line 2"), "the bad line is named: {}", form_error(&s));
    assert_eq!(s.store.holidays().unwrap(), before);
    ctrl(&mut s, 'u');
    s.typed(&good.display().to_string());
    s.key(KeyCode::Enter);
    assert!(s.flash().starts_with("Đã nhập 2 ngày"), "{}", s.flash());
    assert!(!s.st.calendar.is_working_day(day(2031, 9, 2)));
    assert!(s.st.calendar.is_working_day(day(2031, 9, 6)), "a swapped Saturday works");
    // The year is moved with Alt-←/→.
    for _ in 0..5 {
        s.key_mod(KeyCode::Right, KeyModifiers::ALT);
    }
    assert_eq!(admin(&s).year, 2031);
    assert_eq!(admin(&s).holidays().len(), 2);
}

#[test]
fn staff_added_and_its_role_changed_and_disabled() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    assert_eq!(admin(&s).pane, Pane::Staff);
    insta::assert_snapshot!("admin_staff", s.text());
    s.key(KeyCode::Insert);
    // An existing login is refused before anything is written.
    s.typed("lan");
    s.key(KeyCode::Tab);
    s.typed("Đỗ Thị Nga");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    assert!(form_error(&s).contains("đã có"), "{}", form_error(&s));
    assert_eq!(focus(&s), Some(FieldId::Login));
    ctrl(&mut s, 'u');
    s.typed("nga");
    ctrl(&mut s, 's');
    assert!(form(&s).is_none(), "{}", form_error(&s));
    let nga = s.store.staff("nga").unwrap().unwrap();
    assert_eq!(nga, Staff { login: "nga".into(), full_name: "Đỗ Thị Nga".into(), role: Role::Clerk, active: true });
    assert!(s.st.staff.iter().any(|p| p.login == "nga"), "the screens' staff list has her");
    let v = admin(&s);
    assert_eq!(v.staff()[v.selected()].login, "nga", "the new one is highlighted");

    s.key(KeyCode::Enter);
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Enter);
    assert_eq!(s.store.staff("nga").unwrap().unwrap().role, Role::Handler);
    assert!(s.flash().contains("chuyên viên xử lý"), "{}", s.flash());
    // A handler can be given dossiers from now on.
    assert!(s.st.staff.iter().filter(|p| p.active && p.role != Role::Clerk).any(|p| p.login == "nga"));

    s.key(KeyCode::Delete);
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    assert!(s.store.staff("nga").unwrap().unwrap().active, "asked first");
    s.key(KeyCode::Enter);
    assert!(!s.store.staff("nga").unwrap().unwrap().active);
    // The last head cannot give up the role: the store says why.
    let head_row = admin(&s).staff().iter().position(|p| p.login == "head").unwrap();
    s.key(KeyCode::Home);
    for _ in 0..head_row {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
    // Head → clerk: one step left.
    s.key(KeyCode::Left);
    s.key(KeyCode::Left);
    s.key(KeyCode::Enter);
    assert!(form_error(&s).contains("duy nhất"), "{}", form_error(&s));
    assert_eq!(s.store.staff("head").unwrap().unwrap().role, Role::Head);
}

#[test]
fn settings_with_a_bad_agency_code_are_refused_then_a_good_one_saved() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    s.key(KeyCode::BackTab);
    assert_eq!(admin(&s).pane, Pane::Settings);
    insta::assert_snapshot!("admin_settings", s.text());
    let before = s.store.settings().unwrap();
    s.key(KeyCode::Enter);
    tab_to(&mut s, FieldId::AgencyCode);
    ctrl(&mut s, 'u');
    s.typed("000.17.22.h5");
    s.key(KeyCode::Tab);
    ctrl(&mut s, 'u');
    s.typed("07:30-11:30,13:30-17:30");
    ctrl(&mut s, 's');
    assert!(form_error(&s).contains("000.00.00.H00"), "{}", form_error(&s));
    assert_eq!(focus(&s), Some(FieldId::AgencyCode));
    insta::assert_snapshot!("admin_settings_refused", s.text());
    assert_eq!(s.store.settings().unwrap(), before, "nothing saved");
    ctrl(&mut s, 'u');
    s.typed("000.17.22.H57");
    s.key(KeyCode::Tab);
    // The counter hours are no longer the last field (the place and the head's name follow).
    ctrl(&mut s, 's');
    assert!(form(&s).is_none(), "{}", form_error(&s));
    assert_eq!(s.flash(), "Đã lưu thông tin cơ quan");
    let after = s.store.settings().unwrap();
    assert_eq!(after.agency_code, "000.17.22.H57");
    assert_eq!(after.hours.to_setting(), "07:30-11:30,13:30-17:30");
    assert_eq!(after.agency_name, before.agency_name);
    assert_eq!(s.st.calendar.hours().closing().to_string(), "17:30:00", "the screens count hours anew");
    // Bad counter hours are refused too.
    s.key(KeyCode::Enter);
    tab_to(&mut s, FieldId::CounterHours);
    ctrl(&mut s, 'u');
    s.typed("13:30-11:30");
    ctrl(&mut s, 's');
    assert!(form_error(&s).contains("giờ tiếp dân"), "{}", form_error(&s));
    assert_eq!(s.store.settings().unwrap(), after);
}

#[test]
fn only_the_office_head_opens_admin() {
    let (_d, db) = demo_db(50);
    for login in ["lan", "hung", "ghost"] {
        let mut s = Screen::open(&db, login);
        s.key(KeyCode::F(6));
        assert_eq!(s.st.screen, View::Queue, "{login}");
        assert!(s.st.admin.is_none());
        assert!(s.flash().contains("chỉ trưởng bộ phận"), "{login}: {}", s.flash());
    }
}

#[test]
fn the_store_refuses_what_the_screen_refuses() {
    let (_d, db) = demo_db(10);
    let mut store = motcua::store::Store::open(&db).unwrap();
    let d = day(2026, 9, 2);
    let refusal = |e: anyhow::Error| e.downcast::<Refusal>().unwrap();
    assert!(matches!(refusal(store.remove_holiday("lan", d).unwrap_err()), Refusal::NotAllowed { .. }));
    assert!(store.holidays().unwrap().iter().any(|h| h.0 == d));
    assert!(store.remove_holiday("head", d).unwrap());
    assert!(!store.remove_holiday("head", d).unwrap(), "gone already");
    let newcomer = Staff { login: "moi".into(), full_name: "Người Mới".into(), role: Role::Clerk, active: true };
    assert!(matches!(refusal(store.add_staff("lan", &newcomer).unwrap_err()), Refusal::NotAllowed { .. }));
    assert!(matches!(refusal(store.add_staff("ghost", &newcomer).unwrap_err()), Refusal::UnknownStaff(_)));
    assert!(store.staff("moi").unwrap().is_none());
    let lan = store.staff("lan").unwrap().unwrap();
    let again = Staff { full_name: "Người khác".into(), ..lan.clone() };
    assert!(matches!(refusal(store.add_staff("head", &again).unwrap_err()), Refusal::Invalid(_)));
    assert_eq!(store.staff("lan").unwrap().unwrap(), lan, "not overwritten");
    let mut settings = store.settings().unwrap();
    settings.agency_code = "17.22".into();
    assert!(matches!(refusal(store.set_settings("head", &settings).unwrap_err()), Refusal::Invalid(_)));
    let mut p = store.procedure("1.010028").unwrap().unwrap();
    p.active = true;
    assert!(matches!(refusal(store.upsert_procedures("head", &[p]).unwrap_err()), Refusal::Invalid(_)));
    assert!(!store.procedure("1.010028").unwrap().unwrap().active);
}

#[test]
fn space_on_the_catalogue_asks_before_deactivating() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    let p = admin(&s).procedures()[admin(&s).selected()].clone();
    assert!(p.active, "{}", p.code);
    s.key(KeyCode::Char(' '));
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    insta::assert_snapshot!("admin_confirm_deactivate", s.text());
    s.key(KeyCode::Esc);
    assert!(s.store.procedure(&p.code).unwrap().unwrap().active, "Esc: nothing changed");
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Enter);
    assert!(!s.store.procedure(&p.code).unwrap().unwrap().active);
}

#[test]
fn the_head_types_the_names_the_forms_sign_with() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    s.key(KeyCode::BackTab);
    assert_eq!(admin(&s).pane, Pane::Settings);
    s.key(KeyCode::Enter);
    tab_to(&mut s, FieldId::Place);
    s.typed("Quảng Phú");
    tab_to(&mut s, FieldId::HeadName);
    s.typed("Lê Văn Thủ");
    tab_to(&mut s, FieldId::OfficeEmail);
    s.typed("ubnd@");
    ctrl(&mut s, 's');
    assert_eq!(focus(&s), Some(FieldId::OfficeEmail), "a bad email is refused: {}", form_error(&s));
    s.typed("quangphu.gov.vn");
    ctrl(&mut s, 's');
    assert!(form(&s).is_none(), "{}", form_error(&s));
    let after = s.store.settings().unwrap();
    assert_eq!((after.place.as_str(), after.head_name.as_str()), ("Quảng Phú", "Lê Văn Thủ"));
    assert_eq!(after.email, "ubnd@quangphu.gov.vn");
    assert_eq!(after.head_title, "Chủ tịch", "an untouched field keeps its value");
}

#[test]
fn the_head_sets_the_logbook_volume_and_the_report_keys_here_as_on_the_command_line() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "head");
    s.key(KeyCode::F(6));
    s.key(KeyCode::BackTab);
    assert_eq!(admin(&s).pane, Pane::Settings);
    s.key(KeyCode::Enter);
    tab_to(&mut s, FieldId::Book);
    s.typed("03/2026");
    tab_to(&mut s, FieldId::ReportWithdrawn);
    ctrl(&mut s, 'u');
    s.typed("late");
    ctrl(&mut s, 's');
    // The command line's word for it: on_time or separate.
    assert_eq!(focus(&s), Some(FieldId::ReportWithdrawn), "{}", form_error(&s));
    assert!(form_error(&s).contains("on_time hoặc separate"), "{}", form_error(&s));
    assert_eq!(s.store.settings().unwrap().book, "", "nothing saved");
    ctrl(&mut s, 'u');
    s.typed("separate");
    tab_to(&mut s, FieldId::ReportRecipient);
    s.typed("  UBND   huyện Quảng Xương ");
    tab_to(&mut s, FieldId::ReportPlace);
    s.typed("Quảng Phú");
    ctrl(&mut s, 's');
    assert!(form(&s).is_none(), "{}", form_error(&s));
    assert_eq!(s.store.settings().unwrap().book, "03/2026");
    for (k, v) in [
        ("report.withdrawn", "separate"),
        ("report.recipient", "UBND huyện Quảng Xương"),
        ("report.place", "Quảng Phú"),
    ] {
        assert_eq!(s.store.setting(k).unwrap().as_deref(), Some(v), "{k}");
    }
    // Shown on the pane, and the form opens with what was saved.
    assert!(s.text().contains("UBND huyện Quảng Xương"), "{}", s.text());
    s.key(KeyCode::Enter);
    tab_to(&mut s, FieldId::ReportWithdrawn);
    let typed = match form(&s).and_then(|f| f.value(FieldId::ReportWithdrawn)) {
        Some(motcua::tui::screens::admin::form::Value::Text(t)) => t.text().to_string(),
        _ => String::new(),
    };
    assert_eq!(typed, "separate");
    // The head only, in the store too.
    let settings = s.store.settings().unwrap();
    let report = s.store.report_settings().unwrap();
    assert!(s.store.set_settings_and_report("lan", &settings, &report, true).is_err());
}
