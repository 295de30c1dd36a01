//! A dossier and a catalogue procedure as the law describes them (PRODUCT.md, DOMAIN §1–§4).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::calendar::{DayCount, TimeLimit};
use super::status::Status;

/// How the dossier reached the office (trực tiếp / trực tuyến / bưu chính công ích).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InPerson,
    Online,
    Postal,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::InPerson, Channel::Online, Channel::Postal];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::Online => "online",
            Channel::Postal => "postal",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}

/// How far a procedure can be done online (DOMAIN §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineLevel {
    Full,
    Partial,
    None,
}

impl OnlineLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            OnlineLevel::Full => "toan_trinh",
            OnlineLevel::Partial => "mot_phan",
            OnlineLevel::None => "",
        }
    }

    pub fn parse(s: &str) -> Option<OnlineLevel> {
        match s.trim() {
            "toan_trinh" => Some(OnlineLevel::Full),
            "mot_phan" => Some(OnlineLevel::Partial),
            "" => Some(OnlineLevel::None),
            _ => None,
        }
    }
}

/// What happens to the clock when a supplement arrives (DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeRule {
    /// The remaining working days are counted again from the resume day.
    Remaining,
    /// The full time limit starts again.
    Restart,
}

/// The latest a due date or a new appointment may fall after the day of receipt: the longest
/// limit in working days, with every weekend and holiday of two years around it.
pub const MAX_DUE_SPAN_DAYS: i64 = 2 * 366;

/// Whether `due` can be the due date (or appointment) of a dossier received on `received`
/// (and be written as YYYY-MM-DD).
pub fn plausible_due(received: NaiveDate, due: NaiveDate) -> bool {
    due >= received && (due - received).num_days() <= MAX_DUE_SPAN_DAYS && due.year() <= 9999
}

/// A procedure (TTHC) of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Procedure {
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// For table cells ("Khai sinh"); empty: the name is used.
    pub short_name: String,
    /// The same in English ("Birth"); empty: the English name is used.
    pub short_name_en: String,
    pub field: String,
    pub level: String,
    /// None: the catalogue gives no time limit; the procedure stays inactive until the head sets one.
    pub days: Option<u32>,
    /// Whether `days` are working days (the default) or calendar days.
    pub day_kind: DayCount,
    pub cutoff: Option<NaiveTime>,
    pub hours: Option<u32>,
    /// None: the fee is set by the provincial People's Council and varies.
    pub fee_vnd: Option<i64>,
    pub online: OnlineLevel,
    pub papers: Vec<String>,
    /// The same papers in English, in the same order (empty: the catalogue gives none).
    pub papers_en: Vec<String>,
    pub legal_basis: String,
    pub note: String,
    pub resume: ResumeRule,
    pub active: bool,
}

impl Procedure {
    /// An active commune-level procedure of `days` working days, with nothing else set yet
    /// (fee by the province, no papers): the start of one typed by the head or a test.
    pub fn new(code: &str, name: &str, field: &str, days: u32) -> Procedure {
        Procedure {
            code: code.into(),
            name: name.into(),
            name_en: String::new(),
            short_name: String::new(),
            short_name_en: String::new(),
            field: field.into(),
            level: "xa".into(),
            days: Some(days),
            day_kind: DayCount::Working,
            cutoff: None,
            hours: None,
            fee_vnd: None,
            online: OnlineLevel::None,
            papers: vec![],
            papers_en: vec![],
            legal_basis: String::new(),
            note: String::new(),
            resume: ResumeRule::Remaining,
            active: true,
        }
    }

    /// The time limit, if the procedure has one.
    pub fn time_limit(&self) -> Option<TimeLimit> {
        match (self.hours, self.days) {
            (Some(h), _) if h > 0 => Some(TimeLimit::Hours(h)),
            (_, Some(d)) => Some(TimeLimit::from_catalogue(d, self.cutoff, self.day_kind)),
            _ => None,
        }
    }
}

/// A paper of the checklist as received at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    pub name: String,
    /// true: the original (bản chính); false: a copy (bản sao).
    pub original: bool,
    pub count: u32,
}

/// A citizen's answer when the result is returned (DOMAIN §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Satisfaction {
    Satisfied,
    Neutral,
    Unsatisfied,
}

impl Satisfaction {
    pub fn as_i64(self) -> i64 {
        match self {
            Satisfaction::Satisfied => 1,
            Satisfaction::Neutral => 2,
            Satisfaction::Unsatisfied => 3,
        }
    }

    pub fn from_i64(v: i64) -> Option<Satisfaction> {
        match v {
            1 => Some(Satisfaction::Satisfied),
            2 => Some(Satisfaction::Neutral),
            3 => Some(Satisfaction::Unsatisfied),
            _ => None,
        }
    }
}

/// A dossier as stored. Times are local office time (+07:00).
#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    pub id: i64,
    pub code: String,
    pub procedure_code: String,
    pub procedure_name: String,
    pub field: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub phone: String,
    /// The applicant's email, '' when not given (Mẫu 01 prints it).
    pub email: String,
    pub address: String,
    pub channel: Channel,
    pub papers: Vec<Paper>,
    pub received_at: NaiveDateTime,
    /// The due date and appointment the receipt gave (Mẫu 01): never overwritten.
    pub due_at_intake: NaiveDate,
    pub appointment_at_intake: NaiveDateTime,
    /// The current due date, derived from the intake one and the pauses (clock.rs); stored
    /// for the indexes and checked by `motcua check`. While the clock is stopped: the due
    /// date before the pause.
    pub due_date: NaiveDate,
    /// The current appointment: the apology's, or the intake one moved with the due date.
    pub appointment_at: NaiveDateTime,
    /// Some(n): paused for the citizen's supplement with n working days left, not overdue.
    pub paused_days_left: Option<u32>,
    pub resolved_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub apology: Option<Apology>,
    pub status: Status,
    pub fee_vnd: i64,
    pub paid_online: bool,
    pub result_digitized: bool,
    pub satisfaction: Option<Satisfaction>,
    pub assignee: String,
    pub note: String,
    pub version: i64,
    pub updated_at: NaiveDateTime,
    pub updated_by: String,
    /// Number of sets (bộ) handed in at intake (Mẫu 01, Mẫu 06).
    pub sets: u32,
    /// Where it was received for, sent to, and how its result is collected (DOMAIN §9).
    pub handover: super::handover::Handover,
}

/// What an event of the control sheet records (Mẫu 05). Stored by name in `events.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// The dossier was registered (or brought in from an old logbook: note "import").
    Intake,
    /// A status change without a clock effect (transfer, result ready, return, rejection,
    /// withdrawal).
    Move,
    /// Handed to another handler: `assignee_from` → `assignee_to`.
    Assign,
    /// The head reminded the handler; the status unchanged.
    Remind,
    /// A supplement requested during processing (to `supplement`): the clock stops.
    Pause,
    /// The supplement arrived (from `supplement`): the clock goes on; `due_before` → `due_after`.
    Resume,
    /// The late apology (Mẫu 04): `appointment_after`, `reason`.
    Apology,
    /// Sent to another handling agency (`agency`).
    Send,
    /// The result came back from `agency`.
    Receive,
    /// Refused (Mẫu 03).
    Refuse,
    /// A supplement requested (Mẫu 02) without stopping a clock.
    SupplementRequest,
}

impl EventKind {
    pub const ALL: [EventKind; 11] = [
        EventKind::Intake,
        EventKind::Move,
        EventKind::Assign,
        EventKind::Remind,
        EventKind::Pause,
        EventKind::Resume,
        EventKind::Apology,
        EventKind::Send,
        EventKind::Receive,
        EventKind::Refuse,
        EventKind::SupplementRequest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Intake => "intake",
            EventKind::Move => "move",
            EventKind::Assign => "assign",
            EventKind::Remind => "remind",
            EventKind::Pause => "pause",
            EventKind::Resume => "resume",
            EventKind::Apology => "apology",
            EventKind::Send => "send",
            EventKind::Receive => "receive",
            EventKind::Refuse => "refuse",
            EventKind::SupplementRequest => "supplement_request",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The kind of a status move: the clock's moves have their own.
    pub fn of_move(from: Status, to: Status) -> EventKind {
        match (from, to) {
            (_, Status::Supplement) => EventKind::Pause,
            (Status::Supplement, Status::InProgress) => EventKind::Resume,
            _ => EventKind::Move,
        }
    }
}

/// An event of the control sheet (Mẫu 05), as a typed record: nothing is read back out of
/// its note.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: NaiveDateTime,
    pub actor: String,
    pub kind: EventKind,
    pub from: Option<Status>,
    pub to: Status,
    /// The due date before and after the event, where the event moves it (a resume).
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    /// The new appointment an apology gives.
    pub appointment_after: Option<NaiveDateTime>,
    /// An assignment: from whom ("" = nobody) to whom (logins).
    pub assignee_from: Option<String>,
    pub assignee_to: Option<String>,
    /// Why: the supplement asked for, the rejection, the withdrawal, the delay.
    pub reason: String,
    /// The other handling agency (send, receive).
    pub agency: String,
    /// A free remark.
    pub note: String,
}

impl Event {
    /// An event of `kind` with nothing but its moment, actor and statuses; the typed details
    /// are set with struct update syntax.
    pub fn new(kind: EventKind, at: NaiveDateTime, actor: &str, from: Option<Status>, to: Status) -> Event {
        Event {
            at,
            actor: actor.to_string(),
            kind,
            from,
            to,
            due_before: None,
            due_after: None,
            appointment_after: None,
            assignee_from: None,
            assignee_to: None,
            reason: String::new(),
            agency: String::new(),
            note: String::new(),
        }
    }
}

/// A supplement pause: the clock stood still from `from` to `to` (DOMAIN §2). Kept as it was
/// recorded; the due date after it is derived (see clock.rs).
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    pub from: NaiveDateTime,
    pub to: Option<NaiveDateTime>,
    pub reason: String,
    /// Days left on the clock when the pause started (0 when it started on or after the due
    /// date): working days, or plain days for a limit written in days (`day_kind`).
    pub remaining_days: u32,
    /// How `remaining_days` counts: a procedure whose limit is in calendar days keeps, and
    /// counts again, calendar days (DOMAIN §2 Calendar days).
    pub day_kind: crate::domain::calendar::DayCount,
    /// The procedure's "restart" rule at the time of the pause: the full limit counts again
    /// from the resume. None: the remaining days do.
    pub restart: Option<TimeLimit>,
    /// The due date the resume gave, as the office told the citizen then (like the receipt's):
    /// kept, so that a later edit of the holiday table moves no due date already given. None
    /// while the pause is open.
    pub resumed_due: Option<NaiveDate>,
}

/// The late apology (Mẫu 04): once per dossier; moves the appointment, never the due date.
#[derive(Debug, Clone, PartialEq)]
pub struct Apology {
    pub at: NaiveDateTime,
    pub new_appointment: NaiveDateTime,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_due_date_lies_within_two_years_of_receipt() {
        assert!(plausible_due(d("2026-11-20"), d("2026-11-20")));
        assert!(plausible_due(d("2026-11-20"), d("2028-11-20")), "731 days");
        assert!(!plausible_due(d("2026-11-20"), d("2028-11-22")), "733 days");
        assert!(!plausible_due(d("2026-11-20"), d("2026-11-19")), "before receipt");
        assert!(!plausible_due(d("9999-12-30"), NaiveDate::from_ymd_opt(10000, 1, 4).unwrap()), "not YYYY-MM-DD");
    }
}
