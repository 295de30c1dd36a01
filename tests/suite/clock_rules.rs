//! The rules of DOMAIN §2 through the store, on a calendar written out here day by day: every
//! expected date below is counted by hand from the law's wording ("the Nth working day after
//! the start day, the start day not counted"; "the working days left at the moment of the pause
//! are kept; on resume they are counted again from the resume day"), not by the code under test.
//!
//! The calendar (2026, the official schedule): Tết off Sat 14 – Sun 22 Feb; National Day off
//! Sat 29 Aug – Wed 2 Sep with Mon 31 Aug swapped for Saturday 22 Aug, which is worked.

use chrono::{NaiveDate, NaiveDateTime};
use motcua::domain::calendar::{CounterHours, DayKind};
use motcua::domain::dossier::{Channel, EventKind, Procedure};
use motcua::domain::report::Period;
use motcua::domain::status::{Role, Status};
use motcua::domain::urgency::Urgency;
use motcua::store::{MoveExtra, NewDossier, Staff, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// An office with T1, T3 and T5 (1, 3 and 5 working days) and the 2026 days above.
fn office() -> Store {
    let mut store = Store::in_memory().unwrap();
    for (login, role) in [("head", Role::Head), ("lan", Role::Clerk), ("hung", Role::Handler)] {
        store.put_staff("head", &Staff { login: login.into(), full_name: login.into(), role, active: true }).unwrap();
    }
    store
        .upsert_procedures(
            "head",
            &[
                Procedure::new("T1", "Một ngày", "Chứng thực", 1),
                Procedure::new("T3", "Ba ngày", "Hộ tịch", 3),
                Procedure::new("T5", "Năm ngày", "Cư trú", 5),
            ],
        )
        .unwrap();
    let mut days: Vec<(NaiveDate, DayKind, String, String)> = Vec::new();
    for day in 14..=22 {
        days.push((NaiveDate::from_ymd_opt(2026, 2, day).unwrap(), DayKind::Off, "Tết".into(), "official".into()));
    }
    days.push((d("2026-08-22"), DayKind::Work, "Làm bù cho 31/8".into(), "official".into()));
    for day in ["2026-08-31", "2026-09-01", "2026-09-02"] {
        days.push((d(day), DayKind::Off, "Quốc khánh".into(), "official".into()));
    }
    store.upsert_holidays("head", &days).unwrap();
    assert_eq!(store.calendar().unwrap().hours(), &CounterHours::default());
    store
}

fn intake(store: &mut Store, procedure: &str, channel: Channel, when: &str) -> String {
    let nd = NewDossier {
        procedure_code: procedure.into(),
        applicant_name: "Nguyễn Văn Thử".into(),
        applicant_id: String::new(),
        phone: String::new(),
        email: String::new(),
        address: String::new(),
        channel,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    };
    store.add_dossier("lan", &nd, at(when)).unwrap().code
}

fn mv(store: &mut Store, code: &str, to: Status, note: &str, when: &str) {
    let extra = MoveExtra { note: note.into(), ..MoveExtra::default() };
    store.move_dossier("hung", code, None, to, &extra, at(when)).unwrap();
}

/// The report of one day, judged at the end of it.
fn report_of(store: &Store, day: &str) -> motcua::domain::report::Counts {
    let p = Period::new(d(day), d(day)).unwrap();
    let r = store.report(p, at(&format!("{day} 17:00"))).unwrap();
    r.check().unwrap();
    r.total()
}

#[test]
fn a_pause_with_days_left_is_not_overdue_and_resumes_with_them() {
    let mut store = office();
    // T5 received Mon 2 Nov: Tue 3 (1), Wed 4 (2), Thu 5 (3), Fri 6 (4), Mon 9 Nov (5).
    let code = intake(&mut store, "T5", Channel::InPerson, "2026-11-02 09:00");
    mv(&mut store, &code, Status::InProgress, "", "2026-11-02 10:00");
    // Asked for a paper on Wed 4 Nov: left Thu 5, Fri 6, Mon 9 = 3 working days.
    mv(&mut store, &code, Status::Supplement, "Thiếu bản sao giấy khai sinh", "2026-11-04 10:00");
    let x = store.dossier(&code).unwrap().unwrap();
    assert_eq!(x.paused_days_left, Some(3));
    assert_eq!(x.due_at_intake, d("2026-11-09"));
    // Tue 10 Nov, past the intake due date: the citizen's time, not overdue anywhere.
    let cal = store.calendar().unwrap();
    let dash = store.dashboard(d("2026-11-10"), &cal).unwrap();
    assert_eq!((dash.pending.get(Urgency::Overdue), dash.pending.get(Urgency::Paused)), (0, 1));
    let review = store.review(d("2026-11-10"), &cal, 10).unwrap();
    assert_eq!(review.overdue_no_apology.total, 0);
    let c = report_of(&store, "2026-11-10");
    assert_eq!((c.within_due, c.overdue, c.paused), (1, 0, 1));
    // The supplement comes on Thu 12 Nov: Fri 13 (1), Mon 16 (2), Tue 17 Nov (3).
    mv(&mut store, &code, Status::InProgress, "", "2026-11-12 14:00");
    let x = store.dossier(&code).unwrap().unwrap();
    assert_eq!((x.due_date, x.paused_days_left, x.due_at_intake), (d("2026-11-17"), None, d("2026-11-09")));
    assert_eq!(x.appointment_at, at("2026-11-17 09:00"), "the appointment moves with the due date");
    assert_eq!(x.appointment_at_intake, at("2026-11-09 09:00"), "the receipt's stays");
    let events = store.events(x.id).unwrap();
    let pause = &events[events.len() - 2];
    assert_eq!((pause.kind, pause.reason.as_str()), (EventKind::Pause, "Thiếu bản sao giấy khai sinh"));
    let resume = events.last().unwrap();
    assert_eq!(
        (resume.kind, resume.due_before, resume.due_after),
        (EventKind::Resume, Some(d("2026-11-09")), Some(d("2026-11-17")))
    );
    let pauses = store.pauses(x.id).unwrap();
    assert_eq!((pauses[0].remaining_days, pauses[0].to), (3, Some(at("2026-11-12 14:00"))));
    // Resolved on Tue 17 Nov: on time.
    mv(&mut store, &code, Status::Ready, "", "2026-11-17 15:00");
    let c = report_of(&store, "2026-11-17");
    assert_eq!((c.before_due, c.on_time, c.late), (0, 1, 0));
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn a_pause_after_the_due_date_stays_overdue_and_late() {
    let mut store = office();
    // T3 received Mon 2 Nov: due Thu 5 Nov (3, 4, 5).
    let code = intake(&mut store, "T3", Channel::InPerson, "2026-11-02 09:00");
    mv(&mut store, &code, Status::InProgress, "", "2026-11-02 10:00");
    // Overdue on Mon 9 Nov; the handler asks for a supplement that day.
    mv(&mut store, &code, Status::Supplement, "Thiếu giấy", "2026-11-09 10:00");
    let x = store.dossier(&code).unwrap().unwrap();
    assert_eq!((x.due_date, x.paused_days_left), (d("2026-11-05"), None));
    let cal = store.calendar().unwrap();
    let dash = store.dashboard(d("2026-11-10"), &cal).unwrap();
    assert_eq!((dash.pending.get(Urgency::Overdue), dash.pending.get(Urgency::Paused)), (1, 0));
    let review = store.review(d("2026-11-10"), &cal, 10).unwrap();
    assert_eq!(review.overdue_no_apology.total, 1);
    let c = report_of(&store, "2026-11-10");
    assert_eq!((c.within_due, c.overdue, c.paused), (0, 1, 0));
    // Resumed Wed 11, resolved Thu 12 Nov: the due date is still 5 Nov, so late.
    mv(&mut store, &code, Status::InProgress, "", "2026-11-11 09:00");
    assert_eq!(store.dossier(&code).unwrap().unwrap().due_date, d("2026-11-05"));
    mv(&mut store, &code, Status::Ready, "", "2026-11-12 09:00");
    let c = report_of(&store, "2026-11-12");
    assert_eq!((c.before_due, c.on_time, c.late), (0, 0, 1));
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn a_resume_before_tet_counts_its_days_after_tet() {
    let mut store = office();
    // T5 received Mon 2 Feb 2026: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 Feb.
    let code = intake(&mut store, "T5", Channel::InPerson, "2026-02-02 09:00");
    assert_eq!(store.dossier(&code).unwrap().unwrap().due_date, d("2026-02-09"));
    mv(&mut store, &code, Status::InProgress, "", "2026-02-02 10:00");
    // Paused Wed 4 Feb: left Thu 5, Fri 6, Mon 9 = 3.
    mv(&mut store, &code, Status::Supplement, "Thiếu ảnh", "2026-02-04 10:00");
    // Resumed Fri 13 Feb, the last working day before Tết: Sat 14 – Sun 22 off, so Mon 23 (1),
    // Tue 24 (2), Wed 25 Feb (3).
    mv(&mut store, &code, Status::InProgress, "", "2026-02-13 16:00");
    assert_eq!(store.dossier(&code).unwrap().unwrap().due_date, d("2026-02-25"));
}

#[test]
fn the_swapped_saturday_22_august_and_the_national_day_2026() {
    let mut store = office();
    // T3 received Thu 20 Aug: Fri 21 (1), Sat 22 worked (2), Mon 24 Aug (3).
    let a = intake(&mut store, "T3", Channel::InPerson, "2026-08-20 10:00");
    assert_eq!(store.dossier(&a).unwrap().unwrap().due_date, d("2026-08-24"));
    // Received online on the worked Saturday 22 Aug: the clock starts that day; T1 → Mon 24.
    let b = intake(&mut store, "T1", Channel::Online, "2026-08-22 09:00");
    assert_eq!(store.dossier(&b).unwrap().unwrap().due_date, d("2026-08-24"));
    // T3 received Fri 28 Aug: Sat 29, Sun 30, Mon 31 (off, swapped), Tue 1, Wed 2 Sep off; then
    // Thu 3 (1), Fri 4 (2), Mon 7 Sep (3).
    let c = intake(&mut store, "T3", Channel::InPerson, "2026-08-28 10:00");
    assert_eq!(store.dossier(&c).unwrap().unwrap().due_date, d("2026-09-07"));
    // T5 received Tue 25 Aug: Wed 26, Thu 27, Fri 28, Thu 3 Sep, Fri 4 Sep. Paused Thu 27 Aug
    // with Fri 28, Thu 3, Fri 4 = 3 left; resumed Fri 28 Aug at 15:00: Thu 3 (1), Fri 4 (2),
    // Mon 7 Sep (3).
    let e = intake(&mut store, "T5", Channel::InPerson, "2026-08-25 08:00");
    assert_eq!(store.dossier(&e).unwrap().unwrap().due_date, d("2026-09-04"));
    mv(&mut store, &e, Status::InProgress, "", "2026-08-25 09:00");
    mv(&mut store, &e, Status::Supplement, "Thiếu giấy", "2026-08-27 09:00");
    assert_eq!(store.dossier(&e).unwrap().unwrap().paused_days_left, Some(3));
    mv(&mut store, &e, Status::InProgress, "", "2026-08-28 15:00");
    assert_eq!(store.dossier(&e).unwrap().unwrap().due_date, d("2026-09-07"));
}

#[test]
fn an_apology_moves_the_appointment_never_the_due_date() {
    let mut store = office();
    // T3 received Mon 2 Nov: due Thu 5 Nov. Apology on Wed 4 Nov with a new date Tue 10 Nov.
    let code = intake(&mut store, "T3", Channel::InPerson, "2026-11-02 09:00");
    mv(&mut store, &code, Status::InProgress, "", "2026-11-02 10:00");
    store.apologize("hung", &code, None, at("2026-11-10 14:00"), "Chờ xác minh", at("2026-11-04 09:00")).unwrap();
    let x = store.dossier(&code).unwrap().unwrap();
    assert_eq!((x.due_date, x.appointment_at), (d("2026-11-05"), at("2026-11-10 14:00")));
    assert_eq!(x.appointment_at_intake, at("2026-11-05 09:00"));
    let a = x.apology.unwrap();
    assert_eq!((a.new_appointment, a.reason.as_str()), (at("2026-11-10 14:00"), "Chờ xác minh"));
    let last = store.events(x.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.kind, last.appointment_after, last.reason.as_str()),
        (EventKind::Apology, Some(at("2026-11-10 14:00")), "Chờ xác minh")
    );
    // Resolved on the new date: late against 5 Nov all the same.
    mv(&mut store, &code, Status::Ready, "", "2026-11-10 14:00");
    assert_eq!(report_of(&store, "2026-11-10").late, 1);
    // A second apology, or a date years away, is refused.
    assert!(store.apologize("hung", &code, None, at("2026-11-20 14:00"), "x", at("2026-11-04 09:00")).is_err());
    let other = intake(&mut store, "T3", Channel::InPerson, "2026-11-02 09:30");
    let far = store.apologize("head", &other, None, at("2031-01-01 09:00"), "x", at("2026-11-04 09:00"));
    assert!(far.is_err());
    assert!(store.dossier(&other).unwrap().unwrap().apology.is_none(), "a refused apology writes nothing");
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// A due date a resume gave is kept as given: a day off added to the table later (the head's
/// edit, or `holidays update`) moves neither it nor the report, and `motcua check` stays clean.
#[test]
fn a_holiday_added_later_moves_no_due_date_already_given() {
    let mut store = office();
    // T5 received Mon 2 Nov → due Mon 9 Nov; paused Wed 4 with 3 left; resumed Thu 12 → Tue 17.
    let code = intake(&mut store, "T5", Channel::InPerson, "2026-11-02 09:00");
    mv(&mut store, &code, Status::InProgress, "", "2026-11-02 10:00");
    mv(&mut store, &code, Status::Supplement, "Thiếu giấy", "2026-11-04 10:00");
    mv(&mut store, &code, Status::InProgress, "", "2026-11-12 14:00");
    let before = store.dossier(&code).unwrap().unwrap();
    assert_eq!(before.due_date, d("2026-11-17"));
    let p = Period::new(d("2026-11-01"), d("2026-11-16")).unwrap();
    let report = store.report(p, at("2026-11-20 17:00")).unwrap().to_json().to_string();
    // A day off on Mon 16 Nov, added afterwards, would have made it Wed 18 Nov.
    store
        .upsert_holidays("head", &[(d("2026-11-16"), DayKind::Off, "Nghỉ đột xuất".into(), "official".into())])
        .unwrap();
    let after = store.dossier(&code).unwrap().unwrap();
    assert_eq!((after.due_date, after.due_at_intake), (d("2026-11-17"), d("2026-11-09")));
    assert_eq!(store.pauses(after.id).unwrap()[0].resumed_due, Some(d("2026-11-17")));
    assert_eq!(store.report(p, at("2026-11-20 17:00")).unwrap().to_json().to_string(), report);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}
