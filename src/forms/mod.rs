//! The forms the counter prints (DOMAIN §4, appendix of Circular 01/2018/TT-VPCP): pure
//! functions from a dossier to text and PDF. No terminal, no SQL: the screens and the
//! command line fetch the data and hand it over.

mod fields;
pub mod job;
mod layout;
mod pdf;
pub mod print;
pub mod steps;
mod template;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::dossier::{Dossier, Procedure};
use crate::domain::status::Status;
use crate::store::{NewDossier, Settings};

pub use layout::WIDTH;
pub use template::{expand, Line, Segment, Value, Values};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
    Receipt,
    /// Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    Supplement,
    /// Mẫu 03 Phiếu từ chối tiếp nhận, giải quyết hồ sơ.
    Refusal,
    /// Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả.
    Apology,
    /// Mẫu 05 Phiếu kiểm soát quá trình giải quyết hồ sơ.
    ControlSheet,
}

impl Form {
    pub const ALL: [Form; 5] = [Form::Receipt, Form::Supplement, Form::Refusal, Form::Apology, Form::ControlSheet];

    /// The form's number in the circular: "01" … "05".
    pub fn number(self) -> &'static str {
        match self {
            Form::Receipt => "01",
            Form::Supplement => "02",
            Form::Refusal => "03",
            Form::Apology => "04",
            Form::ControlSheet => "05",
        }
    }

    /// "01", "1" or "mau01".
    pub fn parse(s: &str) -> Option<Form> {
        let s = s.trim().to_lowercase();
        let n = s.strip_prefix("mau").unwrap_or(&s);
        Form::ALL.into_iter().find(|f| f.number() == n || f.number().trim_start_matches('0') == n)
    }

    pub fn title(self) -> &'static str {
        match self {
            Form::Receipt => "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            Form::Supplement => "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            Form::Refusal => "Phiếu từ chối tiếp nhận, giải quyết hồ sơ",
            Form::Apology => "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            Form::ControlSheet => "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Form::Receipt => include_str!("../../assets/forms/mau01.txt"),
            Form::Supplement => include_str!("../../assets/forms/mau02.txt"),
            Form::Refusal => include_str!("../../assets/forms/mau03.txt"),
            Form::Apology => include_str!("../../assets/forms/mau04.txt"),
            Form::ControlSheet => include_str!("../../assets/forms/mau05.txt"),
        }
    }
}

const HEADER: &str = include_str!("../../assets/forms/header.txt");

/// One step of the control sheet (Mẫu 05): who handed the dossier to whom, when, and the
/// deadline that was in force for that step (the due date after any pause or resume that
/// step made; never the final due date judged backwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub at: NaiveDateTime,
    /// "Tiếp nhận hồ sơ", "Chuyển xử lý", …
    pub what: String,
    /// Full names, or the applicant; never a login.
    pub giver: String,
    pub receiver: String,
    pub deadline: NaiveDate,
    pub note: String,
}

/// Everything a form may print. `FormData::new` fills the parts every form needs; the rest
/// is set per form with struct update syntax.
#[derive(Debug, Clone)]
pub struct FormData<'a> {
    pub settings: &'a Settings,
    /// Its papers (the receipt's checklist) and number of sets come with it.
    pub dossier: &'a Dossier,
    /// The control sheet's steps (Mẫu 05), oldest first.
    pub steps: &'a [Step],
    /// The time limit printed on the receipt.
    pub procedure: Option<&'a Procedure>,
    /// Full name of the clerk who signs (01, 02, 03); empty leaves the name to write by hand.
    pub clerk: &'a str,
    /// "Số:" in the header: the logbook entry ("125/2024") or the request ("YC-12").
    pub number: &'a str,
    /// The logbook volume and the dossier's number in it (Mẫu 01).
    pub book: Option<(&'a str, u64)>,
    /// Mẫu 02: the papers to add or correct.
    pub papers_to_add: &'a [String],
    /// Mẫu 02, 03, 04: the reason. Empty leaves a line to write by hand.
    pub reason: &'a str,
    /// Mẫu 04: the new appointment.
    pub new_appointment: Option<NaiveDateTime>,
    /// Mẫu 02: whom the citizen may call, and the number.
    pub contact: &'a str,
    pub contact_phone: &'a str,
    /// The moment of the act the form records (intake, request, refusal, apology): the date
    /// on the header, whenever the form is printed.
    pub act_at: NaiveDateTime,
    /// Mẫu 05: the moment the sheet is printed, for a dossier still pending.
    pub now: NaiveDateTime,
    /// The receipt's "Số chứng thực …, Quyển số …" (empty: not a certification).
    pub cert_line: &'a str,
    /// Where the citizen chose to collect the result (None: from the way the dossier came in).
    pub delivery: Option<crate::domain::handover::Delivery>,
    /// The due date was counted over a day off not yet official: the receipt says so.
    pub unofficial_holidays: bool,
}

impl<'a> FormData<'a> {
    pub fn new(settings: &'a Settings, dossier: &'a Dossier, clerk: &'a str, act_at: NaiveDateTime) -> FormData<'a> {
        FormData {
            settings,
            dossier,
            steps: &[],
            procedure: None,
            clerk,
            number: "",
            book: None,
            papers_to_add: &[],
            reason: "",
            new_appointment: None,
            contact: clerk,
            contact_phone: &settings.phone,
            act_at,
            now: act_at,
            cert_line: "",
            delivery: None,
            unofficial_holidays: false,
        }
    }
}

/// A form as lines fitted to 80 cells, for text and PDF alike.
pub fn lines(form: Form, data: &FormData) -> Vec<Line> {
    let values = fields::values(form, data);
    let mut lines = expand(HEADER, &values);
    lines.extend(expand(form.template(), &values));
    layout::fit(&lines, WIDTH)
}

/// The form as plain text: at most 80 cells a line, `\n` line ends.
pub fn render(form: Form, data: &FormData) -> String {
    layout::to_text(&lines(form, data), WIDTH)
}

/// The form as an A5 PDF with its font embedded.
pub fn render_pdf(form: Form, data: &FormData) -> Vec<u8> {
    pdf::write(&lines(form, data), form.title())
}

/// A dossier not registered yet, for a supplement request at intake (Mẫu 02): no code and
/// no clock (DOMAIN §2 Start).
pub fn unregistered(nd: &NewDossier, procedure: &Procedure, now: NaiveDateTime) -> Dossier {
    Dossier {
        id: 0,
        code: String::new(),
        procedure_code: procedure.code.clone(),
        procedure_name: procedure.name.clone(),
        field: procedure.field.clone(),
        applicant_name: crate::domain::text::clean(&nd.applicant_name),
        applicant_id: nd.applicant_id.trim().to_string(),
        phone: nd.phone.trim().to_string(),
        email: nd.email.trim().to_string(),
        address: crate::domain::text::clean(&nd.address),
        channel: nd.channel,
        papers: nd.papers.clone(),
        received_at: now,
        due_at_intake: now.date(),
        appointment_at_intake: now,
        due_date: now.date(),
        appointment_at: now,
        paused_days_left: None,
        resolved_at: None,
        returned_at: None,
        withdrawn_at: None,
        apology: None,
        status: Status::Received,
        fee_vnd: nd.fee_vnd.or(procedure.fee_vnd).unwrap_or(0),
        paid_online: nd.paid_online,
        result_digitized: false,
        satisfaction: None,
        assignee: String::new(),
        note: nd.note.clone(),
        version: 0,
        updated_at: now,
        updated_by: String::new(),
        sets: nd.sets.clamp(1, 99),
        handover: Default::default(),
    }
}
