//! The control sheet's steps (Mẫu 05) from a dossier's typed events: who gave the dossier to
//! whom and the deadline in force at each step. Pure: the caller fetches the events and staff.

use super::Step;
use crate::domain::dossier::{Dossier, Event, EventKind};
use crate::domain::status::Status;
use crate::store::Staff;

/// A login's full name; a login with no full name of its own (a head created by `init`
/// without `--head-name`) is left blank to write by hand, never printed as a login.
pub fn full_name(login: &str, staff: &[Staff]) -> String {
    match staff.iter().find(|s| s.login == login) {
        Some(s) if !s.full_name.trim().is_empty() && s.full_name != s.login => s.full_name.clone(),
        _ => String::new(),
    }
}

/// What a step did, in the words of a control sheet.
fn what(e: &Event) -> &'static str {
    match e.kind {
        EventKind::Intake => "Tiếp nhận hồ sơ",
        EventKind::Assign => "Giao hồ sơ",
        EventKind::Remind => "Nhắc xử lý",
        EventKind::Pause | EventKind::SupplementRequest => "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        EventKind::Resume => "Nhận hồ sơ bổ sung, tiếp tục giải quyết",
        EventKind::Apology => "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả",
        EventKind::Send => "Chuyển hồ sơ đến cơ quan giải quyết",
        EventKind::Receive => "Nhận kết quả từ cơ quan giải quyết",
        EventKind::Refuse => "Từ chối giải quyết, trả hồ sơ",
        EventKind::Move => match e.to {
            Status::InProgress => "Nhận hồ sơ để giải quyết",
            Status::Supplement => "Yêu cầu bổ sung, hoàn thiện hồ sơ",
            Status::Ready => "Có kết quả giải quyết, chuyển Bộ phận một cửa",
            Status::Returned => "Trả kết quả cho người nộp",
            Status::Rejected => "Từ chối giải quyết, trả hồ sơ",
            Status::Withdrawn => "Người nộp rút hồ sơ",
            Status::Received => "Tiếp nhận hồ sơ",
        },
    }
}

/// The steps, oldest first. `office` names the one-stop shop where it gives or receives.
/// Each step's deadline is the due date in force right after it: the intake one, then each
/// resume's (`due_after`); a pause keeps the one it found.
pub fn steps(d: &Dossier, events: &[Event], staff: &[Staff], office: &str) -> Vec<Step> {
    let name = |login: &str| full_name(login, staff);
    let applicant = format!("{} (người nộp hồ sơ)", d.applicant_name);
    // Who holds the dossier: the clerk after intake, the handler once they take it.
    let mut holder = String::new();
    let mut deadline = d.due_at_intake;
    let mut out = Vec::new();
    for e in events {
        if let Some(after) = e.due_after {
            deadline = after;
        }
        let actor = name(&e.actor);
        let other = |agency: &str| if agency.trim().is_empty() { String::new() } else { agency.trim().to_string() };
        let (giver, receiver) = match e.kind {
            EventKind::Intake => (applicant.clone(), actor.clone()),
            EventKind::Assign => (actor.clone(), e.assignee_to.as_deref().map(name).unwrap_or_default()),
            EventKind::Remind => (actor.clone(), name(&d.assignee)),
            EventKind::Pause | EventKind::SupplementRequest | EventKind::Apology | EventKind::Refuse => {
                (actor.clone(), applicant.clone())
            }
            EventKind::Resume => (applicant.clone(), actor.clone()),
            EventKind::Send => (actor.clone(), other(&e.agency)),
            EventKind::Receive => (other(&e.agency), actor.clone()),
            EventKind::Move => match e.to {
                Status::InProgress => (holder.clone(), actor.clone()),
                Status::Ready => (actor.clone(), office.to_string()),
                Status::Returned | Status::Rejected => (actor.clone(), applicant.clone()),
                Status::Withdrawn => (applicant.clone(), actor.clone()),
                Status::Received | Status::Supplement => (actor.clone(), applicant.clone()),
            },
        };
        // A hand-over names who will work on it; the dossier itself moves when they take it.
        let moves = matches!(e.kind, EventKind::Intake | EventKind::Resume | EventKind::Receive)
            || (e.kind == EventKind::Move && e.to == Status::InProgress);
        if moves && !receiver.is_empty() {
            holder = receiver.clone();
        }
        let mut notes: Vec<String> = Vec::new();
        if !e.reason.trim().is_empty() {
            // "Cần xác minh thêm." then "; hẹn lại …": the sentence's stop goes.
            notes.push(e.reason.trim().trim_end_matches('.').to_string());
        }
        if let Some(new) = e.appointment_after {
            notes.push(format!("hẹn lại {}", super::fields::time(new)));
        }
        if !e.note.trim().is_empty() {
            notes.push(e.note.trim().to_string());
        }
        out.push(Step { at: e.at, what: what(e).to_string(), giver, receiver, deadline, note: notes.join("; ") });
    }
    out
}
