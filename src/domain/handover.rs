//! Handing dossiers on (DOMAIN §8–§9): the agency that handles a procedure, bundled
//! (liên thông) procedures and their steps, how the citizen collects the result, the
//! intake flags of Decision 766 and the certification book of Decree 23/2015.

use chrono::{NaiveDate, NaiveDateTime};

/// How the citizen collects the result: at the counter, by public post, or online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Delivery {
    Counter,
    Post,
    Online,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Counter, Delivery::Post, Delivery::Online];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Counter => "counter",
            Delivery::Post => "post",
            Delivery::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    /// The logbook's "Hình thức nhận kết quả".
    pub fn label_vi(self) -> &'static str {
        match self {
            Delivery::Counter => "Trực tiếp tại Bộ phận Một cửa",
            Delivery::Post => "Qua dịch vụ bưu chính công ích",
            Delivery::Online => "Trực tuyến (kết quả điện tử)",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Delivery::Counter => "At the counter",
            Delivery::Post => "By public post",
            Delivery::Online => "Online (electronic result)",
        }
    }

    /// The citizen's likely wish when the clerk says nothing: the way the dossier came in.
    pub fn default_for(channel: super::dossier::Channel) -> Delivery {
        use super::dossier::Channel;
        match channel {
            Channel::InPerson => Delivery::Counter,
            Channel::Postal => Delivery::Post,
            Channel::Online => Delivery::Online,
        }
    }
}

/// A handling agency other than the office itself (land registration branch, commune
/// police, social insurance, …), named by a short code the catalogue and `send` use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub code: String,
    pub name: String,
}

/// The certification books kept under Decree 23/2015 Art. 13: one numbering per kind and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Book {
    /// Sổ chứng thực bản sao từ bản chính (the catalogue's `chung_thuc`).
    Copies,
    /// Sổ chứng thực chữ ký.
    Signatures,
    /// Sổ chứng thực hợp đồng, giao dịch.
    Contracts,
}

impl Book {
    pub const ALL: [Book; 3] = [Book::Copies, Book::Signatures, Book::Contracts];

    /// The catalogue's `book` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Book::Copies => "chung_thuc",
            Book::Signatures => "chung_thuc_chu_ky",
            Book::Contracts => "chung_thuc_hop_dong",
        }
    }

    pub fn parse(s: &str) -> Option<Book> {
        Book::ALL.into_iter().find(|b| b.as_str() == s.trim())
    }

    /// The book's symbol after the year, as offices write it ("SCT/BS").
    pub fn symbol(self) -> &'static str {
        match self {
            Book::Copies => "SCT/BS",
            Book::Signatures => "SCT/CK",
            Book::Contracts => "SCT/HĐGD",
        }
    }

    /// "01/2026-SCT/BS": volume 01 of the year. One volume a year is the common case; an
    /// office that fills it starts the next by hand.
    pub fn volume(self, year: i32) -> String {
        format!("01/{year}-{}", self.symbol())
    }
}

/// The numbers one dossier took in a certification book: `first` … `first + count - 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertNumbers {
    pub book: Book,
    pub year: i32,
    pub first: u32,
    pub count: u32,
}

impl CertNumbers {
    pub fn last(&self) -> u32 {
        self.first + self.count.max(1) - 1
    }

    /// The line printed on the receipt and the result: "Số chứng thực 15, Quyển số 01/2026-SCT/BS".
    pub fn line(&self) -> String {
        let numbers = if self.count > 1 { format!("{}–{}", self.first, self.last()) } else { self.first.to_string() };
        format!("Số chứng thực {numbers}, Quyển số {}", self.book.volume(self.year))
    }
}

/// One component of a bundle: a procedure code, and the working days the bundle's decision
/// gives that step when they differ from the procedure's own limit (`1.004222:2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub code: String,
    pub days: Option<u32>,
}

/// Reads the catalogue's `bundle` column: component codes joined by `+` (empty: not a bundle).
pub fn parse_bundle(s: &str) -> Result<Vec<Component>, String> {
    if s.trim().is_empty() {
        return Ok(vec![]);
    }
    let mut out: Vec<Component> = Vec::new();
    for part in s.split('+').map(str::trim) {
        let (code, days) = match part.split_once(':') {
            Some((c, d)) => {
                let n = d.trim().parse::<u32>().ok().filter(|n| *n <= 365).ok_or_else(|| format!("«{part}»"))?;
                (c.trim(), Some(n))
            }
            None => (part, None),
        };
        if code.is_empty() || code.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("«{part}»"));
        }
        if out.iter().any(|c| c.code == code) {
            return Err(format!("«{code}» ×2"));
        }
        out.push(Component { code: code.to_string(), days });
    }
    if out.len() < 2 {
        return Err(format!("«{s}»: ≥ 2"));
    }
    Ok(out)
}

pub fn bundle_text(list: &[Component]) -> String {
    list.iter()
        .map(|c| match c.days {
            Some(d) => format!("{}:{d}", c.code),
            None => c.code.clone(),
        })
        .collect::<Vec<_>>()
        .join("+")
}

/// A catalogue row of a bundle merged with the procedure as it stands. A bundle without a limit
/// of its own takes its due date from its steps, so it is not "without a time limit": a new one
/// is offered at once and an active one stays active (the catalogue's other rules apply to the
/// rest, see domain::catalogue).
pub fn merge_bundle(
    row: &super::catalogue::CatalogueRow,
    existing: Option<&super::dossier::Procedure>,
) -> Result<super::dossier::Procedure, super::catalogue::CatalogueProblem> {
    if row.days.is_some() || row.hours.is_some() {
        return super::catalogue::merge(row, existing);
    }
    let quiet = super::catalogue::CatalogueRow { active: Some(false), ..row.clone() };
    let mut p = super::catalogue::merge(&quiet, existing)?;
    p.active = match (row.active, existing) {
        (Some(active), _) => active,
        (None, None) => true,
        (None, Some(old)) => old.active || old.time_limit().is_none(),
    };
    Ok(p)
}

/// What the catalogue says about handing a procedure on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The handling agency's code; empty: the office itself.
    pub agency: String,
    pub bundle: Vec<Component>,
    pub book: Option<Book>,
}

/// Where a step of a bundled dossier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// At this office, not handed on yet.
    Pending,
    /// With its handling agency.
    Sent,
    /// Its result is back.
    Ready,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Pending => "pending",
            StepStatus::Sent => "sent",
            StepStatus::Ready => "ready",
        }
    }

    pub fn parse(s: &str) -> Option<StepStatus> {
        [StepStatus::Pending, StepStatus::Sent, StepStatus::Ready].into_iter().find(|x| x.as_str() == s)
    }
}

/// One step of a bundled dossier: a component procedure with its own agency, deadline and result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub seq: u32,
    pub procedure_code: String,
    pub procedure_name: String,
    pub agency: String,
    pub due_date: NaiveDate,
    pub status: StepStatus,
    pub sent_at: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
}

impl Handover {
    /// With another agency now: sent and not back (the caller knows the dossier is pending).
    pub fn is_out(&self) -> bool {
        self.sent_at.is_some()
    }
}

/// A step's clock: its due date at intake, stopped by the dossier's supplement pauses that began
/// before its result came, each with the working days the step itself had left at the pause's
/// start (the dossier's own count is for its own due date). A "restart" procedure restarts the
/// dossier's limit, not a step's: steps keep their days left.
pub fn step_clock(
    cal: &super::calendar::Calendar,
    due_at_intake: NaiveDate,
    pauses: &[super::dossier::Pause],
    done_at: Option<NaiveDateTime>,
) -> super::clock::Clock {
    use super::clock::{clock_at, days_left_at_pause};
    let mut mine: Vec<super::dossier::Pause> =
        pauses.iter().filter(|p| done_at.is_none_or(|d| p.from < d)).cloned().collect();
    mine.sort_by_key(|p| p.from);
    for i in 0..mine.len() {
        let due_then = clock_at(cal, due_at_intake, &mine[..i], Some(mine[i].from)).due;
        mine[i].remaining_days = days_left_at_pause(cal, mine[i].from.date(), due_then, mine[i].day_kind);
        mine[i].restart = None;
        // The resume's due date kept with the pause is the dossier's, not this step's.
        mine[i].resumed_due = None;
    }
    clock_at(cal, due_at_intake, &mine, None)
}

/// A bundled dossier's result is ready when every step's is.
pub fn all_ready(steps: &[Step]) -> bool {
    !steps.is_empty() && steps.iter().all(|s| s.status == StepStatus::Ready)
}

/// What a dossier records about being handed on, beside its status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handover {
    /// The other competent office it was received for ("phi địa giới"); empty: this one.
    pub received_for: String,
    /// The citizen's wish at intake, confirmed (or changed) at return.
    pub delivery: Option<Delivery>,
    pub intake_digitized: bool,
    pub synced: bool,
    /// The handling agency: the catalogue's at intake, the one it was sent to after `send`;
    /// empty: this office (a bundle's steps carry their own).
    pub agency: String,
    /// When it was sent (for a bundle: the latest send of a step still out).
    pub sent_at: Option<NaiveDateTime>,
    pub cert: Option<CertNumbers>,
}

/// What the clerk chooses at intake beside the applicant's data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntakeExtra {
    pub received_for: String,
    /// None: as the dossier came in (see [`Delivery::default_for`]).
    pub delivery: Option<Delivery>,
    pub intake_digitized: bool,
    pub synced: bool,
    /// Certified copies (or signatures) to number in the book; 0 counts as 1.
    pub copies: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_reads_codes_and_overrides() {
        let b = parse_bundle("1.001193 + 1.004222:2+LOCAL.003:2").unwrap();
        assert_eq!(b.len(), 3);
        assert_eq!(b[1], Component { code: "1.004222".into(), days: Some(2) });
        assert_eq!(bundle_text(&b), "1.001193+1.004222:2+LOCAL.003:2");
        assert!(parse_bundle("").unwrap().is_empty());
        for bad in ["1.1", "1.1+", "1.1+1.1", "1.1+1.2:x", "1.1+1.2:400"] {
            assert!(parse_bundle(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_certification_line_reads_as_offices_write_it() {
        let one = CertNumbers { book: Book::Copies, year: 2026, first: 15, count: 1 };
        assert_eq!(one.line(), "Số chứng thực 15, Quyển số 01/2026-SCT/BS");
        let three = CertNumbers { count: 3, ..one };
        assert_eq!(three.line(), "Số chứng thực 15–17, Quyển số 01/2026-SCT/BS");
    }
}
