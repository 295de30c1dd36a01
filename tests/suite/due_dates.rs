//! Due dates through the store, on the embedded 2024 holiday table (DOMAIN §2):
//! Tết 8–14 Feb 2024 off; 29 Apr–1 May off and Saturday 4 May 2024 worked instead.

use crate::foundation;

use chrono::NaiveDate;
use foundation::{at, new_dossier, office, HEAD};
use motcua::domain::dossier::Channel;
use motcua::domain::report::Period;
use motcua::domain::status::Status;
use motcua::store::MoveExtra;

/// Đăng ký tạm trú: 3 working days.
const THREE_DAYS: &str = "1.004194";
/// Đăng ký thường trú: 7 working days.
const SEVEN_DAYS: &str = "1.004222";
/// Chứng thực bản sao: same day, 15:00 cut-off (the catalogue's default for 0-day procedures).
const SAME_DAY: &str = "2.000815";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn three_days_across_tet_2024() {
    let (_dir, mut store) = office();
    // Wed 7 Feb; Thu 8 – Wed 14 off; working days after: Thu 15 (1), Fri 16 (2), Mon 19 (3).
    let d = store
        .add_dossier(HEAD, &new_dossier(THREE_DAYS, "Trần Văn Tết", Channel::InPerson), at("2024-02-07 10:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-02-19"));
    assert_eq!(d.appointment_at, at("2024-02-19 10:00"));
    // Fri 2 Feb, 7 days: 5, 6, 7, 15, 16, 19, 20 Feb.
    let d = store
        .add_dossier(HEAD, &new_dossier(SEVEN_DAYS, "Lê Thị Bảy", Channel::InPerson), at("2024-02-02 14:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-02-20"));
}

#[test]
fn the_swapped_saturday_4_may_2024_is_a_working_day() {
    let (_dir, mut store) = office();
    // Fri 26 Apr: Sat 27, Sun 28 weekend; Mon 29, Tue 30, Wed 1 off; Thu 2 (1), Fri 3 (2), Sat 4 (3).
    let d = store
        .add_dossier(HEAD, &new_dossier(THREE_DAYS, "Phạm Văn Một", Channel::InPerson), at("2024-04-26 09:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-05-04"));
    // Thu 2 May: Fri 3 (1), Sat 4 (2), Mon 6 (3) — without the swap it would be Tue 7.
    let d = store
        .add_dossier(HEAD, &new_dossier(THREE_DAYS, "Phạm Văn Hai", Channel::InPerson), at("2024-05-02 09:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-05-06"));
    // At the counter on the working Saturday itself, a same-day procedure is due that day.
    let d = store
        .add_dossier(HEAD, &new_dossier(SAME_DAY, "Phạm Văn Ba", Channel::InPerson), at("2024-05-04 10:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-05-04"));
}

#[test]
fn same_day_procedures_have_the_1500_cut_off() {
    let (_dir, mut store) = office();
    let mut add =
        |name: &str, t: &str| store.add_dossier(HEAD, &new_dossier(SAME_DAY, name, Channel::InPerson), at(t)).unwrap();
    let before = add("Ngô Văn Trước", "2024-05-06 14:59");
    assert_eq!(before.due_date, date("2024-05-06"));
    assert_eq!(before.appointment_at, at("2024-05-06 17:00"), "the result is ready by closing time");
    let on = add("Ngô Văn Đúng", "2024-05-06 15:00");
    assert_eq!(on.due_date, date("2024-05-07"), "15:00 itself is after the cut-off");
    // Friday after 15:00: the next working day is the swapped Saturday.
    let friday = add("Ngô Văn Sáu", "2024-05-03 15:30");
    assert_eq!(friday.due_date, date("2024-05-04"));
}

#[test]
fn a_weekend_online_intake_starts_on_the_next_working_day() {
    let (_dir, mut store) = office();
    // Sat 2 Mar 2024 at 21:00: the clock starts Mon 4 Mar; 5 (1), 6 (2), 7 (3).
    let d = store
        .add_dossier(HEAD, &new_dossier(THREE_DAYS, "Vũ Văn Mạng", Channel::Online), at("2024-03-02 21:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-03-07"));
    assert_eq!(d.appointment_at, at("2024-03-07 07:30"), "the appointment is at opening time");
    // A same-day procedure filed on Sunday evening: due Monday, the cut-off does not apply.
    let d = store
        .add_dossier(HEAD, &new_dossier(SAME_DAY, "Vũ Thị Chủ Nhật", Channel::Online), at("2024-03-03 20:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-03-04"));
    // Filed online during Tết (Sat 10 Feb): starts Thu 15 Feb; 16 (1), 19 (2), 20 (3).
    let d = store
        .add_dossier(HEAD, &new_dossier(THREE_DAYS, "Vũ Văn Tết", Channel::Online), at("2024-02-10 08:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-02-20"));
}

#[test]
fn a_supplement_pauses_the_clock_and_resume_counts_the_remaining_days() {
    let (_dir, mut store) = office();
    // Thu 1 Feb 2024, 7 days: 2, 5, 6, 7, 15, 16, 19 → due Mon 19 Feb.
    let d = store
        .add_dossier(HEAD, &new_dossier(SEVEN_DAYS, "Đỗ Văn Bổ", Channel::InPerson), at("2024-02-01 09:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-02-19"));
    let none = MoveExtra::default();
    store.move_dossier("lan", &d.code, Some(d.version), Status::InProgress, &none, at("2024-02-01 10:00")).unwrap();
    // Paused Mon 5 Feb: left are 6, 7, 15, 16, 19 Feb = 5 working days.
    let reason = MoveExtra { note: "Thiếu bản sao sổ hộ khẩu".into(), ..Default::default() };
    let paused =
        store.move_dossier("hung", &d.code, None, Status::Supplement, &reason, at("2024-02-05 09:00")).unwrap();
    assert_eq!(paused.due_date, date("2024-02-19"), "the due date stands still while paused");
    // Resumed Fri 16 Feb: 5 working days from then are 19, 20, 21, 22, 23 → Fri 23 Feb.
    let resumed = store.move_dossier("lan", &d.code, None, Status::InProgress, &none, at("2024-02-16 10:00")).unwrap();
    assert_eq!(resumed.due_date, date("2024-02-23"));
    assert_eq!(resumed.appointment_at, at("2024-02-23 09:00"), "the appointment moves with the due date");
    let pauses = store.pauses(d.id).unwrap();
    assert_eq!(pauses.len(), 1);
    assert_eq!(pauses[0].from, at("2024-02-05 09:00"));
    assert_eq!(pauses[0].to, Some(at("2024-02-16 10:00")));
    assert_eq!(pauses[0].reason, "Thiếu bản sao sổ hộ khẩu");
    assert_eq!(pauses[0].remaining_days, 5);

    // Resolved on the moved due date: on time, not late against the original 19 Feb.
    store.move_dossier("hung", &d.code, None, Status::Ready, &none, at("2024-02-23 15:00")).unwrap();
    let feb = store
        .report(Period::new(date("2024-02-01"), date("2024-02-29")).unwrap(), at("2024-03-01 08:00"))
        .unwrap()
        .total();
    assert_eq!((feb.before_due, feb.on_time, feb.late), (0, 1, 0));
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
}

#[test]
fn a_supplement_resumed_on_a_weekend_counts_from_the_next_working_day() {
    let (_dir, mut store) = office();
    // Mon 4 Mar 2024, 3 days → due Thu 7 Mar. Paused Tue 5 Mar: left 6, 7 = 2 days.
    let d = store
        .add_dossier(HEAD, &new_dossier(THREE_DAYS, "Đỗ Thị Hai", Channel::InPerson), at("2024-03-04 08:00"))
        .unwrap();
    assert_eq!(d.due_date, date("2024-03-07"));
    let none = MoveExtra::default();
    store.move_dossier("hung", &d.code, None, Status::InProgress, &none, at("2024-03-04 09:00")).unwrap();
    let reason = MoveExtra { note: "Thiếu ảnh".into(), ..Default::default() };
    store.move_dossier("hung", &d.code, None, Status::Supplement, &reason, at("2024-03-05 09:00")).unwrap();
    // The citizen brings the paper online on Sat 9 Mar: counting starts Mon 11 → 12 (1), 13 (2).
    let resumed = store.move_dossier("lan", &d.code, None, Status::InProgress, &none, at("2024-03-09 11:00")).unwrap();
    assert_eq!(resumed.due_date, date("2024-03-13"));
    assert_eq!(store.pauses(d.id).unwrap()[0].remaining_days, 2);
}
