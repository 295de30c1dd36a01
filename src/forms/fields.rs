//! What each form says about the dossier: the values its template uses (DOMAIN §4).
//! Forms are official Vietnamese documents, so their words do not follow MOTCUA_LANG.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::template::Values;
use super::{Form, FormData, Step};
use crate::domain::calendar::TimeLimit;
use crate::domain::dossier::Channel;
use crate::domain::report::{timeliness, Timeliness};
use crate::domain::status::Status;
use crate::domain::text::thousands;

/// Left blank on paper, to be written by hand.
const BLANK: &str = "....................";

/// "10 giờ 05 phút, ngày 07/02/2024", as the circular writes times.
pub fn time(t: NaiveDateTime) -> String {
    format!("{:02} giờ {:02} phút, ngày {}", t.hour(), t.minute(), date(t.date()))
}

pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// "An Bình, ngày 07 tháng 02 năm 2024": the place from the settings, the day of the act.
pub fn place_date(place: &str, at: NaiveDateTime) -> String {
    let place = if place.trim().is_empty() { "..........".to_string() } else { place.trim().to_string() };
    format!("{place}, ngày {:02} tháng {:02} năm {}", at.day(), at.month(), at.year())
}

fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        BLANK.to_string()
    } else {
        s.trim().to_string()
    }
}

pub fn values(form: Form, data: &FormData) -> Values {
    let d = data.dossier;
    let s = data.settings;
    let intake_appointment = d.appointment_at_intake;
    let mut v = Values::new()
        .text("parent", s.parent_name.to_uppercase())
        .text("agency", s.agency_name.to_uppercase())
        .text("agency_name", s.agency_name.clone())
        .text("office", s.office_kind.clone())
        .text("office_upper", s.office_kind.to_uppercase())
        .text("number", or_blank(data.number))
        .text("place_date", place_date(&s.place, data.act_at))
        .text("code", d.code.clone())
        .text("applicant", d.applicant_name.clone())
        .text("id", d.applicant_id.clone())
        .text("address", or_blank(&d.address))
        .text("phone", or_blank(&d.phone))
        .text("email", or_blank(&d.email))
        .text("procedure", d.procedure_name.clone())
        .text("received", time(d.received_at))
        .text("received_date", date(d.received_at.date()))
        .text("intake_appointment", time(intake_appointment))
        .text("clerk", or_blank(data.clerk))
        .text("reason", or_blank(data.reason));
    match form {
        Form::Receipt => {
            let (book, no) = match data.book {
                Some((b, n)) => (b.to_string(), n.to_string()),
                None => (BLANK.to_string(), BLANK.to_string()),
            };
            v = v
                .text("channel", channel(d.channel))
                .text("sets", format!("{:02}", d.sets.max(1)))
                .text("time_limit", data.procedure.and_then(|p| p.time_limit()).map(time_limit).unwrap_or_default())
                // The appointment given at intake: an apology never rewrites the receipt.
                .text("appointment", time(intake_appointment))
                .text("collect_at", collect_at(data))
                .text("cert_line", data.cert_line)
                .text("fee", fee(d.fee_vnd, d.paid_online))
                .text("book", book)
                .text("book_no", no)
                .text("unofficial_holidays", if data.unofficial_holidays { "x" } else { "" })
                .list("papers", papers(data));
        }
        Form::Supplement => {
            let items = numbered(data.papers_to_add.iter().map(|p| Values::new().text("paper", p.trim())));
            v = v
                .list("to_add", items)
                .text("contact", or_blank(data.contact))
                .text("contact_phone", or_blank(data.contact_phone));
        }
        Form::Refusal => {}
        Form::Apology => {
            let title = if s.head_title.trim().is_empty() {
                "THỦ TRƯỞNG CƠ QUAN".to_string()
            } else {
                s.head_title.to_uppercase()
            };
            v = v
                .text(
                    "new_appointment",
                    data.new_appointment
                        .or(d.apology.as_ref().map(|a| a.new_appointment))
                        .map(time)
                        .unwrap_or_else(|| BLANK.to_string()),
                )
                .text("head_title", title)
                .text("head", or_blank(&s.head_name));
        }
        Form::ControlSheet => {
            let steps = numbered(data.steps.iter().map(step));
            v = v.list("steps", steps).text("outcome", outcome(data));
        }
    }
    v
}

fn numbered(items: impl Iterator<Item = Values>) -> Vec<Values> {
    items.enumerate().map(|(n, item)| item.text("no", (n + 1).to_string())).collect()
}

fn papers(data: &FormData) -> Vec<Values> {
    numbered(data.dossier.papers.iter().map(|p| {
        Values::new()
            .text("paper", p.name.clone())
            .text("kind", if p.original { "bản chính" } else { "bản sao" })
            .text("count", p.count.to_string())
    }))
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::InPerson => "Trực tiếp",
        Channel::Online => "Trực tuyến",
        Channel::Postal => "Qua dịch vụ bưu chính công ích",
    }
}

fn collect_at(data: &FormData) -> String {
    use crate::domain::handover::Delivery;
    match data.delivery {
        Some(Delivery::Post) => return "Qua dịch vụ bưu chính công ích, theo địa chỉ trên".to_string(),
        Some(Delivery::Online) => return "Trực tuyến (kết quả điện tử)".to_string(),
        Some(Delivery::Counter) => return format!("{} - {}", data.settings.office_kind, data.settings.agency_name),
        None => {}
    }
    match data.dossier.channel {
        Channel::Postal => "Qua dịch vụ bưu chính công ích, theo địa chỉ trên".to_string(),
        _ => format!("{} - {}", data.settings.office_kind, data.settings.agency_name),
    }
}

fn time_limit(limit: TimeLimit) -> String {
    match limit {
        TimeLimit::Days(n) => format!("{n} ngày làm việc"),
        TimeLimit::SameDay { .. } => "trong ngày".to_string(),
        TimeLimit::Hours(n) => format!("{n} giờ làm việc"),
        TimeLimit::CalendarDays(n) => format!("{n} ngày"),
    }
}

fn fee(vnd: i64, paid_online: bool) -> String {
    match (vnd, paid_online) {
        (0, _) => String::new(),
        (v, true) => format!("{} đồng (đã nộp trực tuyến)", thousands(v)),
        (v, false) => format!("{} đồng", thousands(v)),
    }
}

fn timeliness_label(t: Timeliness) -> &'static str {
    match t {
        Timeliness::BeforeDue => "Trước hạn",
        Timeliness::OnTime => "Đúng hạn",
        Timeliness::Late => "Quá hạn",
    }
}

fn step(st: &Step) -> Values {
    Values::new()
        .text("at", time(st.at))
        .text("step", st.what.clone())
        .text("giver", or_blank(&st.giver))
        .text("receiver", or_blank(&st.receiver))
        .text("deadline", date(st.deadline))
        .text("result", timeliness_label(timeliness(st.at.date(), st.deadline)))
        .text("note", st.note.clone())
}

fn outcome(data: &FormData) -> String {
    let d = data.dossier;
    match d.resolved_at {
        Some(at) => format!("{} ({})", timeliness_label(timeliness(at.date(), d.due_date)), time(at)),
        None if d.status == Status::Withdrawn => "Công dân rút hồ sơ".to_string(),
        None if data.now.date() > d.due_date => "Chưa có kết quả, đã quá hạn".to_string(),
        None => "Chưa có kết quả, còn hạn".to_string(),
    }
}
