//! What each form says about the dossier: the values its template uses (DOMAIN §4).
//! Forms are official Vietnamese documents, so their words do not follow MOTCUA_LANG.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::template::Values;
use super::{Form, FormData};
use crate::domain::calendar::TimeLimit;
use crate::domain::dossier::{Channel, Event, EventKind};
use crate::domain::report::{timeliness, Timeliness};
use crate::domain::status::{Role, Status};
use crate::domain::text::thousands;

/// Left blank on paper, to be written by hand.
const BLANK: &str = "....................";

pub fn time(t: NaiveDateTime) -> String {
    t.format("%H:%M %d/%m/%Y").to_string()
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
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
    let mut v = Values::new()
        .text("parent", s.parent_name.to_uppercase())
        .text("agency", s.agency_name.to_uppercase())
        .text("agency_name", s.agency_name.clone())
        .text("office", s.office_kind.clone())
        .text("place_date", format!("ngày {:02} tháng {:02} năm {}", data.now.day(), data.now.month(), data.now.year()))
        .text("code", d.code.clone())
        .text("applicant", d.applicant_name.clone())
        .text("id", d.applicant_id.clone())
        .text("address", or_blank(&d.address))
        .text("phone", or_blank(&d.phone))
        .text("procedure", d.procedure_name.clone())
        .text("received", time(d.received_at))
        .text("received_date", date(d.received_at.date()))
        .text("due", date(d.due_date))
        .text("appointment", time(d.appointment_at))
        .text("clerk", or_blank(data.clerk))
        .text("reason", or_blank(data.reason));
    match form {
        Form::Receipt => {
            // The receipt's appointment is the one given at intake: an apology or a resume
            // never rewrites it (DOMAIN §4).
            v = v
                .text("appointment", time(d.appointment_at_intake))
                .text("channel", channel(d.channel))
                .text("sets", data.sets.max(1).to_string())
                .text("time_limit", data.procedure.and_then(|p| p.time_limit()).map(time_limit).unwrap_or_default())
                .text("collect_at", collect_at(data))
                .text("cert_line", data.cert_line)
                .text("fee", fee(d.fee_vnd, d.paid_online))
                .text("unofficial_holidays", if data.unofficial_holidays { "x" } else { "" })
                .list("papers", papers(data));
        }
        Form::Supplement => {
            let items = numbered(data.papers_to_add.iter().map(|p| Values::new().text("paper", p.trim())));
            v = v.list("to_add", items).text("contact_phone", or_blank(data.contact_phone));
        }
        Form::Refusal => {}
        Form::Apology => {
            // "the date on the receipt": the appointment given at intake.
            v = v.text("due", date(d.appointment_at_intake.date()));
            let new = data.new_appointment.or(d.apology.as_ref().map(|a| a.new_appointment));
            v = v.text("new_appointment", new.map(time).unwrap_or_else(|| BLANK.to_string())).text("head", head(data));
        }
        Form::ControlSheet => {
            let events = numbered(data.events.iter().map(|e| event(e, data)));
            v = v.list("events", events).text("outcome", outcome(data));
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

fn name_of(login: &str, data: &FormData) -> String {
    data.staff.iter().find(|s| s.login == login).map_or_else(|| login.to_string(), |s| s.full_name.clone())
}

fn head(data: &FormData) -> String {
    data.staff
        .iter()
        .find(|s| s.role == Role::Head && s.active)
        .map_or_else(|| BLANK.to_string(), |s| s.full_name.clone())
}

fn timeliness_label(t: Timeliness) -> &'static str {
    match t {
        Timeliness::BeforeDue => "Trước hạn",
        Timeliness::OnTime => "Đúng hạn",
        Timeliness::Late => "Quá hạn",
    }
}

/// The step an event records, in the words of a control sheet.
fn step(e: &Event) -> &'static str {
    match e.kind {
        EventKind::Intake => "Tiếp nhận hồ sơ",
        EventKind::Apology => "Gửi phiếu xin lỗi, hẹn lại",
        EventKind::Assign => "Giao hồ sơ",
        EventKind::Remind => "Nhắc xử lý",
        EventKind::Pause => "Yêu cầu bổ sung hồ sơ",
        EventKind::Resume => "Nhận bổ sung, tiếp tục xử lý",
        EventKind::Send => "Chuyển cơ quan giải quyết",
        EventKind::Receive => "Nhận kết quả từ cơ quan giải quyết",
        EventKind::Refuse => "Từ chối tiếp nhận",
        EventKind::SupplementRequest => "Yêu cầu bổ sung hồ sơ",
        EventKind::Move => match e.to {
            Status::InProgress => "Chuyển xử lý",
            Status::Supplement => "Yêu cầu bổ sung hồ sơ",
            Status::Ready => "Có kết quả giải quyết",
            Status::Returned => "Trả kết quả",
            Status::Rejected => "Từ chối giải quyết",
            Status::Withdrawn => "Công dân rút hồ sơ",
            Status::Received => "Tiếp nhận hồ sơ",
        },
    }
}

fn event(e: &Event, data: &FormData) -> Values {
    // The sheet names people, not logins; the typed details say what the step did.
    let mut parts: Vec<String> = Vec::new();
    if let Some(to) = e.assignee_to.as_deref().filter(|to| !to.is_empty()) {
        parts.push(format!("giao cho {}", name_of(to, data)));
    }
    if !e.agency.is_empty() {
        parts.push(e.agency.clone());
    }
    if let Some(new) = e.appointment_after {
        parts.push(format!("hẹn lại {}", time(new)));
    }
    if !e.reason.is_empty() {
        parts.push(e.reason.clone());
    }
    if let (Some(before), Some(after)) = (e.due_before, e.due_after) {
        if before != after {
            parts.push(format!("hạn {} → {}", date(before), date(after)));
        }
    }
    if !e.note.is_empty() {
        parts.push(e.note.clone());
    }
    Values::new()
        .text("at", time(e.at))
        .text("result", timeliness_label(timeliness(e.at.date(), data.dossier.due_date)))
        .text("step", step(e))
        .text("actor", name_of(&e.actor, data))
        .text("note", parts.join("; "))
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
