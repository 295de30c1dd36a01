//! A dossier and a catalogue procedure as the law describes them (PRODUCT.md, DOMAIN §1–§4).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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

/// A procedure (TTHC) of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Procedure {
    pub code: String,
    pub name: String,
    pub name_en: String,
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
            field: field.into(),
            level: "xa".into(),
            days: Some(days),
            day_kind: DayCount::Working,
            cutoff: None,
            hours: None,
            fee_vnd: None,
            online: OnlineLevel::None,
            papers: vec![],
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
    pub address: String,
    pub channel: Channel,
    pub papers: Vec<Paper>,
    pub received_at: NaiveDateTime,
    pub due_date: NaiveDate,
    pub appointment_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub apology_at: Option<NaiveDateTime>,
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
}

/// An event of the control sheet (Mẫu 05).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: NaiveDateTime,
    pub actor: String,
    pub from: Option<Status>,
    pub to: Status,
    pub note: String,
}

/// A supplement pause: the clock stood still from `from` to `to` (DOMAIN §2).
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    pub from: NaiveDateTime,
    pub to: Option<NaiveDateTime>,
    pub reason: String,
    pub remaining_days: u32,
}
