//! A small office built through the Store API with an injected clock, whose every count is
//! worked out by hand in `fixture`'s comments. "Today" is Friday 28 August 2026, 17:00.
//!
//! Calendar of the fixture (made-up holidays): Mon 31 Aug and Wed 2 Sep are days off. So after
//! Fri 28 Aug the working days are Tue 1, Thu 3, Fri 4, Mon 7, Tue 8 Sep.

#![allow(dead_code)] // each test file uses part of it

use chrono::{NaiveDate, NaiveDateTime};
use motcua::domain::calendar::{CounterHours, DayKind};
use motcua::domain::dossier::{Channel, OnlineLevel, Procedure, Satisfaction};
use motcua::domain::status::{Role, Status};
use motcua::store::{MoveExtra, NewDossier, Settings, Staff, Store};

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub const TODAY: &str = "2026-08-28";
pub const NOW: &str = "2026-08-28 17:00";

pub const HO_TICH: &str = "Hộ tịch";
pub const CHUNG_THUC: &str = "Chứng thực";
pub const CU_TRU: &str = "Cư trú";

fn procedure(code: &str, name: &str, field: &str, days: u32, fee: Option<i64>) -> Procedure {
    Procedure { fee_vnd: fee, online: OnlineLevel::Partial, ..Procedure::new(code, name, field, days) }
}

pub fn settings() -> Settings {
    Settings {
        office_kind: "Bộ phận Một cửa".into(),
        agency_name: "UBND xã Thử Nghiệm".into(),
        parent_name: String::new(),
        agency_code: "000.17.22.H56".into(),
        hours: CounterHours::default(),
        ..Settings::default()
    }
}

pub struct Office {
    pub store: Store,
}

impl Office {
    fn add(&mut self, procedure: &str, name: &str, channel: Channel, paid_online: bool, when: &str) -> String {
        let nd = NewDossier {
            procedure_code: procedure.into(),
            applicant_name: name.into(),
            applicant_id: String::new(),
            phone: "0912345678".into(),
            email: String::new(),
            address: "Thôn Đông".into(),
            channel,
            papers: vec![],
            fee_vnd: None,
            paid_online,
            note: String::new(),
            sets: 1,
        };
        self.store.add_dossier("lan", &nd, at(when)).unwrap().code
    }

    fn assign(&mut self, code: &str, to: &str, when: &str) {
        self.store.assign("head", code, None, to, at(when)).unwrap();
    }

    fn mv(&mut self, actor: &str, code: &str, to: Status, when: &str, extra: MoveExtra) {
        self.store.move_dossier(actor, code, None, to, &extra, at(when)).unwrap();
    }

    fn note(s: &str) -> MoveExtra {
        MoveExtra { note: s.into(), ..MoveExtra::default() }
    }
}

/// The dossiers, by letter; due dates follow from the limits (T3 = 3 working days,
/// T1 = 1, T5 = 5; the start day not counted).
pub struct Codes {
    pub a: String,
    pub b: String,
    pub c: String,
    pub d: String,
    pub e: String,
    pub f: String,
    pub g: String,
    pub h: String,
    pub i: String,
    pub j: String,
    pub k: String,
    pub l: String,
    pub m: String,
    pub n: String,
}

pub fn fixture() -> (Office, Codes) {
    let mut store = Store::in_memory().unwrap();
    for (login, role) in [("head", Role::Head), ("lan", Role::Clerk), ("hung", Role::Handler), ("mai", Role::Handler)] {
        store.put_staff("head", &Staff { login: login.into(), full_name: login.into(), role, active: true }).unwrap();
    }
    store.set_settings("head", &settings()).unwrap();
    store
        .upsert_procedures(
            "head",
            &[
                procedure("T3", "Cấp giấy xác nhận tình trạng hôn nhân", HO_TICH, 3, None),
                procedure("T1", "Chứng thực bản sao", CHUNG_THUC, 1, Some(2000)),
                procedure("T5", "Đăng ký thường trú", CU_TRU, 5, None),
            ],
        )
        .unwrap();
    store
        .upsert_holidays(
            "head",
            &[
                (d("2026-08-31"), DayKind::Off, "Nghỉ bù".into(), "official".into()),
                (d("2026-09-02"), DayKind::Off, "Quốc khánh".into(), "official".into()),
            ],
        )
        .unwrap();
    let mut o = Office { store };
    let none = MoveExtra::default;
    use Channel::*;
    use Status::*;

    // A: T3 received Mon 17 Aug → due Thu 20 Aug. In progress with hung: overdue, no apology.
    let a = o.add("T3", "Nguyễn Văn An", InPerson, false, "2026-08-17 09:00");
    o.assign(&a, "hung", "2026-08-17 10:00");
    o.mv("hung", &a, InProgress, "2026-08-17 10:05", none());
    // B: T3 received Tue 18 Aug → due Fri 21 Aug. In progress with hung; apology sent on Thu 20:
    // overdue, but not in the "without apology" list.
    let b = o.add("T3", "Trần Thị Bình", InPerson, false, "2026-08-18 09:00");
    o.assign(&b, "hung", "2026-08-18 10:00");
    o.mv("hung", &b, InProgress, "2026-08-18 10:05", none());
    o.store.apologize("head", &b, None, at("2026-09-03 09:00"), "Chờ xác minh", at("2026-08-20 16:00")).unwrap();
    // C: T1 received Thu 27 Aug → due Fri 28 Aug (today). Received, nobody's.
    let c = o.add("T1", "Lê Văn Cường", InPerson, false, "2026-08-27 10:00");
    // D: T1 received today 09:00, fee paid online → due Tue 1 Sep (the next working day). With mai.
    let d_ = o.add("T1", "Phạm Thị Dung", InPerson, true, "2026-08-28 09:00");
    o.assign(&d_, "mai", "2026-08-28 09:30");
    o.mv("mai", &d_, InProgress, "2026-08-28 09:35", none());
    // E: T3 received today online → due Fri 4 Sep (Tue 1, Thu 3, Fri 4): within 3 working days.
    let e = o.add("T3", "Hoàng Văn Em", Online, false, "2026-08-28 10:00");
    // F: T5 received today by post → due Tue 8 Sep: later. With mai.
    let f = o.add("T5", "Vũ Thị Phương", Postal, false, "2026-08-28 11:00");
    o.assign(&f, "mai", "2026-08-28 11:30");
    // G: T3 received Mon 10 Aug → due Thu 13 Aug; supplement asked Mon 17 Aug 09:00, after the
    // due date, and still awaited (9 working days: 18–21, 24–28): a pause after the due date
    // does not stop the clock, so overdue, no apology, supplement waiting. With hung.
    let g = o.add("T3", "Đỗ Văn Giang", InPerson, false, "2026-08-10 08:00");
    o.assign(&g, "hung", "2026-08-10 09:00");
    o.mv("hung", &g, InProgress, "2026-08-10 09:05", none());
    o.mv("hung", &g, Supplement, "2026-08-17 09:00", Office::note("Thiếu bản sao CCCD"));
    // H: T5 received Mon 24 Aug → due Tue 1 Sep (25, 26, 27, 28, then 1 Sep); supplement asked
    // Wed 26 Aug with 3 working days left (27, 28 Aug, 1 Sep): paused, "tạm dừng, còn 3 ngày",
    // not due on any day until the citizen brings the paper (2 working days ago: not yet to
    // remind). With hung.
    let h = o.add("T5", "Bùi Thị Hoa", InPerson, false, "2026-08-24 08:30");
    o.assign(&h, "hung", "2026-08-24 09:00");
    o.mv("hung", &h, InProgress, "2026-08-24 09:05", none());
    o.mv("hung", &h, Supplement, "2026-08-26 14:00", Office::note("Thiếu giấy tờ nhà"));
    // I: T3 received Mon 3 Aug → due Thu 6 Aug; ready Wed 5 (before due), returned Fri 7, satisfied.
    let i = o.add("T3", "Ngô Văn Ích", InPerson, false, "2026-08-03 09:00");
    o.assign(&i, "hung", "2026-08-03 09:10");
    o.mv("hung", &i, InProgress, "2026-08-03 09:15", none());
    o.mv("hung", &i, Ready, "2026-08-05 10:00", none());
    o.mv(
        "lan",
        &i,
        Returned,
        "2026-08-07 08:00",
        MoveExtra { satisfaction: Some(Satisfaction::Satisfied), ..MoveExtra::default() },
    );
    // J: T1 received Mon 24 Aug → due Tue 25; ready Wed 26 (late); returned today, no answer.
    let j = o.add("T1", "Dương Thị Kim", InPerson, false, "2026-08-24 09:00");
    o.assign(&j, "mai", "2026-08-24 09:10");
    o.mv("mai", &j, InProgress, "2026-08-24 09:15", none());
    o.mv("mai", &j, Ready, "2026-08-26 10:00", none());
    o.mv("lan", &j, Returned, "2026-08-28 10:00", none());
    // K: T3 received Tue 25 Aug → due Fri 28 Aug; ready today (on time), digitized result.
    let k = o.add("T3", "Lý Văn Long", InPerson, false, "2026-08-25 09:00");
    o.assign(&k, "hung", "2026-08-25 09:10");
    o.mv("hung", &k, InProgress, "2026-08-25 09:15", none());
    o.mv("hung", &k, Ready, "2026-08-28 14:00", MoveExtra { result_digitized: Some(true), ..MoveExtra::default() });
    // L: T1 received Thu 27 Aug → due Fri 28; rejected today (resolved on time).
    let l = o.add("T1", "Mai Thị Lan", InPerson, false, "2026-08-27 11:00");
    o.mv("head", &l, Rejected, "2026-08-28 15:00", Office::note("Không đủ điều kiện"));
    // M: T3 received Wed 26 Aug, withdrawn Thu 27.
    let m = o.add("T3", "Trịnh Văn Minh", InPerson, false, "2026-08-26 09:00");
    o.mv("lan", &m, Withdrawn, "2026-08-27 09:00", Office::note("Công dân xin rút"));
    // N: T1 received today 16:00 → due Tue 1 Sep; received, nobody's.
    let n = o.add("T1", "Lương Văn Nam", InPerson, false, "2026-08-28 16:00");

    let codes = Codes { a, b, c, d: d_, e, f, g, h, i, j, k, l, m, n };
    (o, codes)
}
