//! Realistic demo data: three years of a commune office's dossiers ending now, with
//! Vietnamese names, valid ID numbers, the real catalogue and control sheets that agree
//! with each dossier's status. The same seed gives the same office.

use anyhow::Result;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::domain::calendar::Calendar;
use crate::domain::code::dossier_code;
use crate::domain::dossier::{Channel, Dossier, Event, EventKind, Paper, Pause, Procedure, ResumeRule, Satisfaction};
use crate::domain::status::{Role, Status};
use crate::domain::text::fold;
use crate::domain::validate::PROVINCE_PREFIXES;
use crate::store::{Staff, Store};

/// splitmix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// An item by weight.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| *w as u64).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            if x < *w as u64 {
                return item;
            }
            x -= *w as u64;
        }
        &items[items.len() - 1].0
    }
}

/// Surnames by their share of the population.
const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 20),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Trịnh", 6),
    ("Lương", 5),
    ("Mai", 4),
];
const MIDDLE_MALE: &[&str] = &["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thành", "Ngọc", "Đình", "Quốc"];
const MIDDLE_FEMALE: &[&str] = &["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Phương", "Hồng", "Bích"];
const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hùng", "Huy", "Khánh", "Long", "Mạnh", "Nam", "Phong",
    "Phúc", "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Lâm", "Nghĩa", "Tâm", "Đông",
];
const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Ngân", "Nga",
    "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Xuân", "Huyền", "Ánh",
];
const HAMLETS: &[&str] = &[
    "Thôn Đông",
    "Thôn Tây",
    "Thôn Nam",
    "Thôn Bắc",
    "Thôn Trung",
    "Thôn Phú Quý",
    "Thôn Yên Lộc",
    "Thôn Hòa Bình",
    "Xóm Mới",
    "Thôn Thượng",
    "Thôn Hạ",
    "Thôn An Lạc",
];

/// How often each procedure is asked for at a commune counter (code prefix match; others 1).
const DEMAND: &[(&str, u32)] = &[
    ("2.000815", 40),
    ("1.001193", 14),
    ("2.000884", 12),
    ("2.000635", 10),
    ("1.004194", 8),
    ("1.004222", 6),
    ("1.004873", 6),
    ("1.000656", 4),
    ("1.000894", 4),
    ("2.001035", 4),
    ("1.013831", 3),
    ("1.001612", 2),
];

/// The demo office's people: clerks at the counter, handlers by field, and the head.
const STAFF: &[(&str, &str, Role)] = &[
    ("lan", "Nguyễn Thị Lan", Role::Clerk),
    ("tuan", "Trần Minh Tuấn", Role::Clerk),
    ("hung", "Lê Văn Hùng", Role::Handler),
    ("mai", "Phạm Thị Mai", Role::Handler),
    ("son", "Hoàng Đức Sơn", Role::Handler),
    ("thu", "Vũ Thị Thu", Role::Handler),
];

fn person(rng: &mut Rng, today: NaiveDate) -> (String, String) {
    let female = rng.chance(0.5);
    let surname = rng.weighted(SURNAMES);
    let (middle, given) = if female { (MIDDLE_FEMALE, GIVEN_FEMALE) } else { (MIDDLE_MALE, GIVEN_MALE) };
    let name = format!("{surname} {} {}", rng.pick(middle), rng.pick(given));
    // Adults of working age mostly; the office's own province (Thanh Hóa, 038) for most people.
    let year = (today.format("%Y").to_string().parse::<i64>().unwrap_or(2026)) - 18 - rng.below(62) as i64;
    let province = if rng.chance(0.8) { "038" } else { rng.pick(PROVINCE_PREFIXES) };
    let century = if year >= 2000 { 2 } else { 0 } + u64::from(female);
    let id = format!("{province}{century}{:02}{:06}", year % 100, rng.below(1_000_000));
    (name, id)
}

fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(&["09", "03", "08", "07", "05"]);
    format!("{prefix}{:08}", rng.below(100_000_000))
}

/// A moment `hours` of counter time after `t` (roughly; demo control sheets only need order).
fn later(t: NaiveDateTime, minutes: i64, cap: NaiveDateTime) -> NaiveDateTime {
    (t + Duration::minutes(minutes)).min(cap).max(t)
}

struct Ctx<'a> {
    cal: &'a Calendar,
    procedures: Vec<(Procedure, u32)>,
    handlers_by_field: Vec<(String, &'static str)>,
    agency: String,
    start: NaiveDate,
    now: NaiveDateTime,
}

/// One dossier with its events; `None` when the random moment falls after now.
fn dossier(rng: &mut Rng, c: &Ctx, received_at: NaiveDateTime, seq: u32) -> (Dossier, Vec<Event>, Vec<Pause>) {
    let p = rng.weighted(&c.procedures).clone();
    let limit = p.time_limit().unwrap_or(crate::domain::calendar::TimeLimit::Days(3));
    let due = c.cal.due(limit, received_at);
    let age = (received_at.date() - c.start).num_days() as f64 / (c.now.date() - c.start).num_days().max(1) as f64;
    // Online intake grows over the years, from about half to most dossiers.
    let online = p.online != crate::domain::dossier::OnlineLevel::None && rng.chance(0.55 + 0.4 * age);
    let channel = if online {
        Channel::Online
    } else if rng.chance(0.04) {
        Channel::Postal
    } else {
        Channel::InPerson
    };
    let (name, id) = person(rng, c.now.date());
    let fee = p.fee_vnd.unwrap_or(if rng.chance(0.5) { 0 } else { 10_000 * (1 + rng.below(5) as i64) });
    let paid_online = fee > 0 && rng.chance(if online { 0.75 } else { 0.15 });
    let clerk = if rng.chance(0.5) { "lan" } else { "tuan" };
    let handler = c
        .handlers_by_field
        .iter()
        .find(|(f, _)| *f == p.field)
        .map(|(_, h)| *h)
        .unwrap_or(STAFF[2 + rng.below(4) as usize].0);
    let papers: Vec<Paper> =
        p.papers.iter().take(3).map(|n| Paper { name: n.clone(), original: rng.chance(0.5), count: 1 }).collect();

    // When the result is ready: mostly before the due date, some on it, a few late.
    let span = c.cal.working_days_between(due.start, due.due_date).max(0) as u32;
    let roll = rng.below(100);
    let ready_day = if roll < 72 && span > 0 {
        c.cal.add_working_days(due.start, rng.below(span as u64) as u32)
    } else if roll < 92 {
        due.due_date
    } else {
        c.cal.add_working_days(due.due_date, 1 + rng.below(4) as u32)
    };
    let ready_at = ready_day
        .and_time(NaiveTime::from_hms_opt(8 + rng.below(8) as u32, rng.below(60) as u32, 0).unwrap_or_default());
    // A few dossiers stay stuck well past the normal pace (a missing paper, a site visit).
    let recent = (c.now.date() - received_at.date()).num_days() < 120;
    let stuck = recent && rng.chance(0.28);

    let transfer_at = later(received_at, 60 + rng.below(240) as i64, c.now);
    let ready_at = ready_at.max(transfer_at + Duration::minutes(30));
    let mut events = vec![Event::new(EventKind::Intake, received_at, clerk, None, Status::Received)];
    let mut d = Dossier {
        id: 0,
        code: dossier_code(&c.agency, received_at.date(), seq),
        procedure_code: p.code.clone(),
        procedure_name: p.name.clone(),
        field: p.field.clone(),
        applicant_name: name,
        applicant_id: id,
        phone: phone(rng),
        email: String::new(),
        address: format!("{}, xã Quảng Phú, tỉnh Thanh Hóa", rng.pick(HAMLETS)),
        channel,
        papers,
        received_at,
        due_at_intake: due.due_date,
        appointment_at_intake: due.appointment,
        due_date: due.due_date,
        appointment_at: due.appointment,
        paused_days_left: None,
        resolved_at: None,
        returned_at: None,
        withdrawn_at: None,
        apology: None,
        status: Status::Received,
        fee_vnd: fee,
        paid_online,
        result_digitized: false,
        satisfaction: None,
        assignee: String::new(),
        note: String::new(),
        version: 1,
        updated_at: received_at,
        updated_by: clerk.into(),
        sets: 1,
    };
    let mut push = |d: &mut Dossier, at: NaiveDateTime, actor: &str, to: Status, note: &str| {
        let mut e = Event::new(EventKind::of_move(d.status, to), at, actor, Some(d.status), to);
        if crate::domain::status::transition(d.status, to).is_some_and(|t| t.needs_reason) {
            e.reason = note.into();
        } else {
            e.note = note.into();
        }
        events.push(e);
        d.status = to;
        d.updated_at = at;
        d.updated_by = actor.into();
        d.version += 1;
    };
    if transfer_at <= c.now && rng.chance(0.99) {
        d.assignee = handler.into();
        push(&mut d, transfer_at, clerk, Status::InProgress, "");
    }
    if stuck || ready_at > c.now {
        if stuck && d.status == Status::InProgress && rng.chance(0.5) {
            let at = later(transfer_at, 24 * 60, c.now);
            let reason = "Thiếu bản sao giấy tờ tùy thân có chứng thực";
            push(&mut d, at, handler, Status::Supplement, reason);
            let remaining_days = crate::domain::clock::days_left_at_pause(c.cal, at.date(), d.due_date, p.day_kind);
            let restart = (p.resume == ResumeRule::Restart).then_some(limit);
            let pauses = vec![Pause {
                from: at,
                to: None,
                reason: reason.into(),
                remaining_days,
                day_kind: p.day_kind,
                restart,
                resumed_due: None,
            }];
            d.paused_days_left = crate::domain::clock::clock_at(c.cal, d.due_at_intake, &pauses, None).paused_days_left;
            return (d, events, pauses);
        }
        return (d, events, vec![]);
    }
    if d.status == Status::Received {
        // Never transferred: withdrawn by the citizen at the counter.
        let at = later(received_at, 90, c.now);
        push(&mut d, at, clerk, Status::Withdrawn, "Công dân xin rút hồ sơ");
        d.withdrawn_at = Some(at);
        return (d, events, vec![]);
    }
    if rng.chance(0.02) {
        push(&mut d, ready_at, handler, Status::Rejected, "Không đủ điều kiện theo quy định");
        d.resolved_at = Some(ready_at);
        return (d, events, vec![]);
    }
    d.result_digitized = rng.chance(0.3 + 0.5 * age);
    push(&mut d, ready_at, handler, Status::Ready, "");
    d.resolved_at = Some(ready_at);
    let returned_at = later(ready_at, (rng.below(3 * 24 * 60)) as i64, c.now + Duration::days(3650));
    if returned_at <= c.now && rng.chance(0.995) {
        push(&mut d, returned_at, clerk, Status::Returned, "");
        d.returned_at = Some(returned_at);
        if rng.chance(0.7) {
            d.satisfaction = Some(*rng.weighted(&[
                (Satisfaction::Satisfied, 85),
                (Satisfaction::Neutral, 10),
                (Satisfaction::Unsatisfied, 5),
            ]));
        }
    }
    (d, events, vec![])
}

/// Adds `n` dossiers received over the three years before `now`; returns how many.
pub fn fill(store: &mut Store, n: u64, seed: u64, now: NaiveDateTime, head: &str) -> Result<u64> {
    for (login, name, role) in STAFF {
        if store.staff(login)?.is_none() {
            store.put_staff(
                head,
                &Staff { login: (*login).into(), full_name: (*name).into(), role: *role, active: true },
            )?;
        }
    }
    let cal = store.calendar()?;
    let procedures: Vec<(Procedure, u32)> = store
        .procedures(true)?
        .into_iter()
        .map(|p| {
            let w = DEMAND.iter().find(|(c, _)| *c == p.code).map(|(_, w)| *w).unwrap_or(1);
            (p, w)
        })
        .collect();
    anyhow::ensure!(!procedures.is_empty(), "no active procedure in the catalogue");
    let mut fields: Vec<String> = procedures.iter().map(|(p, _)| p.field.clone()).collect();
    fields.sort();
    fields.dedup();
    let handlers = ["hung", "mai", "son", "thu"];
    let handlers_by_field = fields.iter().enumerate().map(|(i, f)| (f.clone(), handlers[i % handlers.len()])).collect();
    let start = now.date() - Duration::days(3 * 365);
    let c = Ctx { cal: &cal, procedures, handlers_by_field, agency: store.settings()?.agency_code, start, now };
    // A database that already has dossiers: each day's numbers go on from its last one.
    let taken = store.day_sequences()?;

    // Spread the dossiers over the working days (a few online ones on days off), in time order.
    let mut days = Vec::new();
    let mut d = start;
    while d <= now.date() {
        days.push((d, cal.is_working_day(d)));
        d = d.succ_opt().unwrap_or(d);
    }
    let working = days.iter().filter(|(_, w)| *w).count().max(1) as f64;
    let per_day = n as f64 / (working + 0.05 * (days.len() as f64 - working));
    let mut rng = Rng::new(seed);
    let mut made = 0u64;
    let mut carry = 0.0;
    store.bulk_load(|w| {
        for (i, (day, is_working)) in days.iter().enumerate() {
            carry += if *is_working { per_day } else { per_day * 0.05 };
            let mut today = carry.floor() as u64;
            if i == days.len() - 1 || made + today > n {
                today = n - made;
            }
            carry -= today as f64;
            let mut times: Vec<NaiveDateTime> = (0..today)
                .map(|_| {
                    let (first, span) = if *is_working { (7 * 60 + 30, 9 * 60 + 30) } else { (6 * 60, 16 * 60) };
                    // Today only up to now.
                    let span = if *day == now.date() {
                        (now.hour() as u64 * 60 + now.minute() as u64).saturating_sub(first).clamp(1, span)
                    } else {
                        span
                    };
                    let minute = first + rng.below(span);
                    day.and_time(
                        NaiveTime::from_hms_opt((minute / 60) as u32, (minute % 60) as u32, rng.below(60) as u32)
                            .unwrap_or_default(),
                    )
                })
                .collect();
            times.sort();
            let mut seq = taken.get(day).copied().unwrap_or(0);
            for t in times {
                let t = t.min(now).with_nanosecond(0).unwrap_or(t);
                seq += 1;
                let (dossier, events, pauses) = dossier(&mut rng, &c, t, seq);
                w.insert(&dossier, &fold(&dossier.applicant_name), &events, &pauses, seq)?;
                made += 1;
            }
        }
        Ok(())
    })?;
    Ok(made)
}
