//! Realistic demo data: three years of a commune office's dossiers ending now, with
//! Vietnamese names, valid ID numbers, the real catalogue and control sheets that agree
//! with each dossier's status. The same seed gives the same office.
//!
//! The office is the one of the press reports (PRODUCT.md "The demo office"): about 99% of
//! dossiers resolved on time, most received online, supplements that come back, a handful
//! late with an apology. Each dossier's whole life is planned first (intake, transfer, maybe a
//! supplement, the result, the return), then cut at now: whatever is still ahead of now is
//! what is pending, so the queue holds mostly recent dossiers within their due date. Staff act
//! only in counter hours of working days; citizens file online at any hour.

use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::domain::calendar::{Calendar, DayCount, TimeLimit};
use crate::domain::clock::{appointment, clock_at, days_left_at_pause};
use crate::domain::dossier::{
    Apology, Channel, Dossier, Event, EventKind, OnlineLevel, Paper, Pause, Procedure, ResumeRule, Satisfaction,
};
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
    // Only a step of the LOCAL.001 bundle.
    ("LOCAL.003", 0),
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

const SUPPLEMENT_REASONS: &[&str] = &[
    "Thiếu bản sao giấy tờ tùy thân có chứng thực",
    "Tờ khai chưa ghi đủ thông tin, đề nghị bổ sung",
    "Thiếu giấy tờ chứng minh nơi cư trú",
    "Bản vẽ sơ đồ thửa đất chưa đúng mẫu",
];
const LATE_REASONS: &[&str] = &[
    "Cần xác minh thêm thông tin với cơ quan liên quan",
    "Chờ ý kiến của cơ quan chuyên môn cấp huyện",
    "Hệ thống cơ sở dữ liệu chuyên ngành gián đoạn",
];

/// How many online filings arrive in each hour of the day, relatively: most in office hours
/// and the evening, a few at night.
const ONLINE_BY_HOUR: [u64; 24] = [1, 1, 1, 1, 1, 2, 4, 7, 9, 9, 9, 8, 5, 6, 8, 8, 8, 7, 6, 7, 7, 6, 4, 2];

fn person(rng: &mut Rng, today: NaiveDate) -> (String, String) {
    let female = rng.chance(0.5);
    let surname = rng.weighted(SURNAMES);
    let (middle, given) = if female { (MIDDLE_FEMALE, GIVEN_FEMALE) } else { (MIDDLE_MALE, GIVEN_MALE) };
    let name = format!("{surname} {} {}", rng.pick(middle), rng.pick(given));
    // Adults of working age mostly; the office's own province (Thanh Hóa, 038) for most people.
    let year = i64::from(today.year()) - 18 - rng.below(62) as i64;
    let province = if rng.chance(0.8) { "038" } else { rng.pick(PROVINCE_PREFIXES) };
    let century = if year >= 2000 { 2 } else { 0 } + u64::from(female);
    let id = format!("{province}{century}{:02}{:06}", year % 100, rng.below(1_000_000));
    (name, id)
}

fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(&["09", "03", "08", "07", "05"]);
    format!("{prefix}{:08}", rng.below(100_000_000))
}

fn at_secs(day: NaiveDate, secs: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0).unwrap_or_default())
}

/// A random second of the day from pieces `(start, end, weight)` (seconds from midnight),
/// before `until`; None when no piece starts before it.
fn draw(rng: &mut Rng, pieces: &[(u32, u32, u64)], until: u32) -> Option<u32> {
    let clipped = |&(a, b, w): &(u32, u32, u64)| (a, b.min(until), w);
    let total: u64 = pieces.iter().map(clipped).filter(|(a, b, _)| a < b).map(|(a, b, w)| u64::from(b - a) * w).sum();
    if total == 0 {
        return None;
    }
    let mut x = rng.below(total);
    for (a, b, w) in pieces.iter().map(clipped).filter(|(a, b, _)| a < b) {
        let size = u64::from(b - a) * w;
        if x < size {
            return Some(a + (x / w) as u32);
        }
        x -= size;
    }
    None
}

/// When the office can act: the counter sessions of working days.
struct Counter<'a> {
    cal: &'a Calendar,
    /// The sessions, as weighted pieces of the day for [`draw`].
    sessions: Vec<(u32, u32, u64)>,
    online: Vec<(u32, u32, u64)>,
}

impl<'a> Counter<'a> {
    fn new(cal: &'a Calendar) -> Counter<'a> {
        let sessions = cal
            .hours()
            .sessions
            .iter()
            .map(|(a, b)| (a.num_seconds_from_midnight(), b.num_seconds_from_midnight(), 1))
            .collect();
        let online = (0..24u32).map(|h| (h * 3600, (h + 1) * 3600, ONLINE_BY_HOUR[h as usize])).collect();
        Counter { cal, sessions, online }
    }

    /// `t` itself when the counter is open then, else its next opening.
    fn open_at(&self, t: NaiveDateTime) -> NaiveDateTime {
        let (mut day, mut s) = (t.date(), t.time().num_seconds_from_midnight());
        loop {
            if self.cal.is_working_day(day) {
                if let Some(&(a, _, _)) = self.sessions.iter().find(|(_, b, _)| s < *b) {
                    return at_secs(day, s.max(a));
                }
            }
            day = self.cal.next_working_day(day);
            s = 0;
        }
    }

    /// Some minutes of office time after `t`.
    fn after(&self, rng: &mut Rng, t: NaiveDateTime, min: u64, max: u64) -> NaiveDateTime {
        self.open_at(self.open_at(t) + Duration::minutes((min + rng.below(max - min + 1)) as i64))
    }

    /// A random moment of counter time on working day `day`, not before `from`.
    fn on(&self, rng: &mut Rng, day: NaiveDate, from: NaiveDateTime) -> NaiveDateTime {
        let day = self.cal.this_or_next_working_day(day);
        let start = if day == from.date() { from.time().num_seconds_from_midnight() } else { 0 };
        let later: Vec<_> = self.sessions.iter().map(|&(a, b, w)| (a.max(start), b, w)).collect();
        match draw(rng, &later, u32::MAX) {
            Some(s) => at_secs(day, s),
            None => self.after(rng, from, 5, 30),
        }
    }
}

/// A dossier's life, written step by step; steps after now are not written, and nothing
/// after the first of them.
struct Life<'a> {
    cal: &'a Calendar,
    d: Dossier,
    events: Vec<Event>,
    pauses: Vec<Pause>,
    now: NaiveDateTime,
    cut: bool,
    /// How the procedure counts its days: a pause keeps its days left in the same count.
    day_kind: DayCount,
}

impl Life<'_> {
    /// The due date, days left and appointment derived from the records so far, as the store
    /// derives them (domain/clock.rs).
    fn clock(&mut self) {
        let clock = clock_at(self.cal, self.d.due_at_intake, &self.pauses, None);
        self.d.due_date = clock.due;
        self.d.paused_days_left = clock.paused_days_left;
        self.d.appointment_at = appointment(self.d.appointment_at_intake, &clock, self.d.apology.as_ref());
    }

    /// Writes the move at `at` (never before the step before it); false once now is passed.
    fn step(&mut self, at: NaiveDateTime, actor: &str, to: Status, note: &str) -> bool {
        let at = at.max(self.d.updated_at);
        if self.cut || at > self.now {
            self.cut = true;
            return false;
        }
        let from = self.d.status;
        let kind = if from == to { EventKind::Apology } else { EventKind::of_move(from, to) };
        let mut e = Event::new(kind, at, actor, Some(from), to);
        // As the store records a move: the words a move needs are its reason.
        if from == to || crate::domain::status::transition(from, to).is_some_and(|t| t.needs_reason) {
            e.reason = note.into();
        } else {
            e.note = note.into();
        }
        self.events.push(e);
        self.d.status = to;
        self.d.updated_at = at;
        self.d.updated_by = actor.into();
        self.d.version += 1;
        true
    }
}

struct Ctx<'a> {
    cal: &'a Calendar,
    counter: Counter<'a>,
    procedures: Vec<(Procedure, u32)>,
    /// The ones a citizen can file online (days off bring only these).
    online_procedures: Vec<(Procedure, u32)>,
    handlers_by_field: Vec<(String, &'static str)>,
    now: NaiveDateTime,
}

/// One dossier received at `received_at` with its whole life up to now.
fn dossier(
    rng: &mut Rng,
    c: &Ctx,
    p: &Procedure,
    channel: Channel,
    received_at: NaiveDateTime,
) -> (Dossier, Vec<Event>, Vec<Pause>) {
    let cal = c.cal;
    let limit = p.time_limit().unwrap_or(TimeLimit::Days(3));
    // Filed online or by post after hours: the clock starts when the counter opens (DOMAIN §2).
    let counted_from = if channel == Channel::InPerson { received_at } else { c.counter.open_at(received_at) };
    let due = cal.due(limit, counted_from);
    let age = years_on(received_at.date(), c.now.date());
    let online = channel == Channel::Online;
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
    let d = Dossier {
        id: 0,
        code: String::new(),
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
        due_date: due.due_date,
        appointment_at: due.appointment,
        resolved_at: None,
        returned_at: None,
        withdrawn_at: None,
        apology: None,
        due_at_intake: due.due_date,
        appointment_at_intake: due.appointment,
        paused_days_left: None,
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
        handover: Default::default(),
    };
    let intake = Event::new(EventKind::Intake, received_at, clerk, None, Status::Received);
    let mut l = Life { cal, d, events: vec![intake], pauses: vec![], now: c.now, cut: false, day_kind: p.day_kind };
    let restart = (p.resume == ResumeRule::Restart).then_some(limit);
    life(rng, c, &mut l, restart, due.start, clerk, handler, age);
    (l.d, l.events, l.pauses)
}

/// Plans the rest of a dossier's life and writes it up to now.
#[allow(clippy::too_many_arguments)]
fn life(
    rng: &mut Rng,
    c: &Ctx,
    l: &mut Life,
    restart: Option<TimeLimit>,
    start: NaiveDate,
    clerk: &str,
    handler: &str,
    age: f64,
) {
    let (cal, counter) = (c.cal, &c.counter);
    let received_at = l.d.received_at;
    let same_day = l.d.due_date <= start;
    // Handed to the handler: within minutes for same-day papers, within hours otherwise.
    let transfer_at =
        if same_day { counter.after(rng, received_at, 5, 40) } else { counter.after(rng, received_at, 20, 180) };
    if rng.chance(0.006) {
        let at = counter.after(rng, received_at, 30, 600);
        if l.step(at, clerk, Status::Withdrawn, "Công dân xin rút hồ sơ") {
            l.d.withdrawn_at = Some(at);
        }
        return;
    }
    if !l.step(transfer_at, clerk, Status::InProgress, "") {
        return;
    }
    l.d.assignee = handler.into();
    let mut working_from = transfer_at;

    // A supplement: most citizens bring the missing paper within a week.
    let span = cal.working_days_between(start, l.d.due_date).max(0) as u64;
    if span > 0 && rng.chance(0.06) {
        let asked_on = cal.add_working_days(start, rng.below(span) as u32);
        let at = counter.on(rng, asked_on, transfer_at);
        let reason = *rng.pick(SUPPLEMENT_REASONS);
        if !l.step(at, handler, Status::Supplement, reason) {
            return;
        }
        let remaining_days = days_left_at_pause(cal, at.date(), l.d.due_date, l.day_kind);
        let day_kind = l.day_kind;
        l.pauses.push(Pause {
            from: at,
            to: None,
            reason: reason.into(),
            remaining_days,
            day_kind,
            restart,
            resumed_due: None,
        });
        l.clock();
        if let Some(e) = l.events.last_mut() {
            e.due_before = Some(l.d.due_date);
        }
        let roll = rng.below(100);
        if roll >= 96 {
            // Never brought: the citizen withdraws the dossier a month and a half later.
            let wait = 30 + rng.below(10) as u32;
            let gone = counter.on(rng, cal.add_working_days(at.date(), wait), at);
            if l.step(gone, clerk, Status::Withdrawn, "Công dân không bổ sung được giấy tờ, xin rút hồ sơ")
            {
                l.d.withdrawn_at = Some(gone);
            }
            return;
        }
        let days = if roll < 82 { 1 + rng.below(5) } else { 6 + rng.below(15) };
        let back = counter.on(rng, cal.add_working_days(at.date(), days as u32), at);
        if !l.step(back, clerk, Status::InProgress, "Công dân đã bổ sung giấy tờ") {
            return;
        }
        if let Some(pause) = l.pauses.last_mut() {
            pause.to = Some(back);
        }
        let before = l.d.due_date;
        l.clock();
        // The due date the resume gave is kept with the pause, as the store keeps it.
        if let Some(pause) = l.pauses.last_mut() {
            pause.resumed_due = Some(l.d.due_date);
        }
        if let Some(e) = l.events.last_mut() {
            (e.due_before, e.due_after) = (Some(before), Some(l.d.due_date));
        }
        working_from = back;
    }

    // The result: about 99% by the due date, most before it.
    let first = working_from.date();
    let left = cal.working_days_between(first, l.d.due_date).max(0) as u64;
    let roll = rng.below(1000);
    if roll < 12 {
        let day = cal.add_working_days(first, rng.below(left + 1) as u32);
        let at = counter.on(rng, day, working_from + Duration::minutes(20));
        if l.step(at, handler, Status::Rejected, "Không đủ điều kiện theo quy định") {
            l.d.resolved_at = Some(at);
        }
        return;
    }
    let ready_day = if roll < 22 {
        // Late: a letter of apology at the latest the working day before the due date,
        // with a new appointment (Decree 61 Art. 19(9)), and the result after it.
        let late = if rng.chance(0.4) { 1 + rng.below(4) } else { 5 + rng.below(36) };
        let ready_day = cal.add_working_days(l.d.due_date, late as u32);
        // A few letters go out only once the due date has passed: the end-of-day review is
        // there to catch them.
        let letter_day = if rng.chance(0.15) {
            cal.add_working_days(l.d.due_date, 2)
        } else if left > 0 {
            cal.add_working_days(first, left as u32 - 1)
        } else {
            first
        };
        let at = counter.on(rng, letter_day, working_from + Duration::minutes(10));
        let new_appointment = ready_day.and_hms_opt(16, 0, 0).unwrap_or(ready_day.and_time(NaiveTime::MIN));
        let reason = rng.pick(LATE_REASONS);
        let status = l.d.status;
        if !l.step(at, handler, status, reason) {
            return;
        }
        if let Some(e) = l.events.last_mut() {
            e.appointment_after = Some(new_appointment);
        }
        let at = l.d.updated_at;
        l.d.apology = Some(Apology { at, new_appointment, reason: (*reason).into() });
        l.clock();
        ready_day
    } else if left > 0 && rng.chance(0.72) {
        cal.add_working_days(first, rng.below(left) as u32)
    } else {
        cal.add_working_days(first, left as u32)
    };
    let mut ready_at = counter.on(rng, ready_day, working_from + Duration::minutes(15));
    if ready_at.date() > ready_day {
        // No counter time left that day: the handler finishes it before going home.
        ready_at = (working_from + Duration::minutes(15)).min(ready_day.and_hms_opt(23, 0, 0).unwrap_or(ready_at));
    }
    if !l.step(ready_at, handler, Status::Ready, "") {
        return;
    }
    l.d.resolved_at = Some(l.d.updated_at);
    l.d.result_digitized = rng.chance(0.3 + 0.5 * age);

    // The citizen collects the result, mostly on the appointment day or soon after.
    if rng.chance(0.005) {
        return;
    }
    let wait = *rng.weighted(&[(0u32, 45), (1, 25), (2, 12), (3, 8), (5, 6), (10, 4)]);
    let ready_at = l.d.updated_at;
    let at = counter.on(rng, cal.add_working_days(ready_at.date(), wait), ready_at + Duration::minutes(5));
    if l.step(at, clerk, Status::Returned, "") {
        l.d.returned_at = Some(l.d.updated_at);
        if rng.chance(0.7) {
            l.d.satisfaction = Some(*rng.weighted(&[
                (Satisfaction::Satisfied, 85),
                (Satisfaction::Neutral, 10),
                (Satisfaction::Unsatisfied, 5),
            ]));
        }
    }
}

/// How far into the three years before `today` a day is, from 0 (three years ago) to 1: the
/// online share and digitized results grow over them.
fn years_on(day: NaiveDate, today: NaiveDate) -> f64 {
    (1.0 - (today - day).num_days() as f64 / (3.0 * 365.0)).clamp(0.0, 1.0)
}

/// The fewest dossiers a working day brings (the default demo of 20,000 has about this many).
const PER_WORKING_DAY: f64 = 27.0;

/// Adds `n` dossiers received over the three years before `now` (a small demo: over the last
/// months, at [`PER_WORKING_DAY`]); returns how many.
pub fn fill(store: &mut Store, n: u64, seed: u64, now: NaiveDateTime, head: &str) -> Result<u64> {
    for (login, name, role) in STAFF {
        if store.staff(login)?.is_none() {
            store.put_staff(
                head,
                &Staff { login: (*login).into(), full_name: (*name).into(), role: *role, active: true },
            )?;
        }
    }
    let now = now.with_nanosecond(0).unwrap_or(now);
    let cal = store.calendar()?;
    let procedures: Vec<(Procedure, u32)> = store
        .procedures(true)?
        .into_iter()
        .map(|p| {
            let w = DEMAND.iter().find(|(c, _)| *c == p.code).map(|(_, w)| *w).unwrap_or(1);
            (p, w)
        })
        .collect();
    // A bundle without a limit of its own gets its due date from steps, which the bulk writer
    // does not make: the demo leaves those out, and the components that exist only inside a
    // bundle (weight 0 in DEMAND), so its draw stays what it was before bundles had steps.
    let mut procedures = procedures;
    let mut kept = Vec::with_capacity(procedures.len());
    for (p, w) in procedures.drain(..) {
        if w > 0 && (p.time_limit().is_some() || store.procedure_links(&p.code)?.bundle.is_empty()) {
            kept.push((p, w));
        }
    }
    let procedures = kept;
    anyhow::ensure!(!procedures.is_empty(), "no active procedure in the catalogue");
    let online_procedures: Vec<(Procedure, u32)> =
        procedures.iter().filter(|(p, _)| p.online != OnlineLevel::None).cloned().collect();
    let mut fields: Vec<String> = procedures.iter().map(|(p, _)| p.field.clone()).collect();
    fields.sort();
    fields.dedup();
    let handlers = ["hung", "mai", "son", "thu"];
    let handlers_by_field = fields.iter().enumerate().map(|(i, f)| (f.clone(), handlers[i % handlers.len()])).collect();
    // Three years, or fewer for a small demo: an office of this size serves at least
    // [`PER_WORKING_DAY`] citizens a working day, so its queue looks the same at any size.
    let days = (n as f64 / PER_WORKING_DAY * 7.0 / 5.0).ceil() as i64;
    let start = now.date() - Duration::days(days.clamp(30, 3 * 365));
    let c = Ctx { cal: &cal, counter: Counter::new(&cal), procedures, online_procedures, handlers_by_field, now };

    // Each day's share of the dossiers: a working day counts 1, a day off (online filings only)
    // 0.05; today only the part of it that has passed.
    let until_now = now.time().num_seconds_from_midnight();
    let passed = |pieces: &[(u32, u32, u64)]| {
        let total: u64 = pieces.iter().map(|&(a, b, w)| u64::from(b - a) * w).sum();
        let gone: u64 = pieces.iter().map(|&(a, b, w)| u64::from(b.min(until_now).saturating_sub(a)) * w).sum();
        gone as f64 / total.max(1) as f64
    };
    let mut days = Vec::new();
    let mut d = start;
    while d <= now.date() {
        let working = cal.is_working_day(d);
        let mut weight = if working {
            1.0
        } else if c.online_procedures.is_empty() {
            0.0
        } else {
            0.05
        };
        if d == now.date() {
            weight *= passed(if working { &c.counter.sessions } else { &c.counter.online });
        }
        days.push((d, working, weight));
        d = d.succ_opt().unwrap_or(d);
    }
    let per_weight = n as f64 / days.iter().map(|(_, _, w)| w).sum::<f64>().max(f64::MIN_POSITIVE);
    let mut rng = Rng::new(seed);
    let mut made = 0u64;
    let mut carry = 0.0;
    store.bulk_load(|w| {
        for (i, &(day, working, weight)) in days.iter().enumerate() {
            carry += weight * per_weight;
            let mut count = (carry.floor() as u64).min(n - made);
            if i == days.len() - 1 {
                count = n - made;
            }
            carry -= count as f64;
            let until = if day == now.date() { until_now + 1 } else { 86_400 };
            let mut today: Vec<(NaiveDateTime, &Procedure, Channel)> = (0..count)
                .map(|_| {
                    let mut p = rng.weighted(&c.procedures);
                    let online_share = 0.58 + 0.32 * years_on(day, now.date());
                    let mut channel = if p.online != OnlineLevel::None && rng.chance(online_share) {
                        Channel::Online
                    } else if rng.chance(0.04) {
                        Channel::Postal
                    } else {
                        Channel::InPerson
                    };
                    // The counter is shut on days off and before it opens: only online filings then.
                    let at_counter = if working && channel != Channel::Online {
                        draw(&mut rng, &c.counter.sessions, until)
                    } else {
                        None
                    };
                    let second = match at_counter {
                        Some(s) => s,
                        None => {
                            if channel != Channel::Online {
                                channel = Channel::Online;
                                if p.online == OnlineLevel::None {
                                    p = rng.weighted(&c.online_procedures);
                                }
                            }
                            draw(&mut rng, &c.counter.online, until).unwrap_or(0)
                        }
                    };
                    (at_secs(day, second).min(now), p, channel)
                })
                .collect();
            today.sort_by_key(|(t, _, _)| *t);
            for (t, p, channel) in today {
                // The code is given by the writer: each day's numbers go on from its last one.
                let (mut dossier, events, pauses) = dossier(&mut rng, &c, p, channel, t);
                let key = fold(&dossier.applicant_name);
                w.insert(&mut dossier, &key, &events, &pauses)?;
                made += 1;
            }
        }
        Ok(())
    })?;
    Ok(made)
}
