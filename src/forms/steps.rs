//! The control sheet's steps (Mẫu 05) from a dossier's events: who gave the dossier to whom
//! and the deadline in force at each step. Pure: the caller fetches the events and staff.

use chrono::NaiveDate;

use super::Step;
use crate::domain::dossier::{Dossier, Event};
use crate::domain::status::Status;
use crate::store::Staff;

/// The deadline each event worked under: the due date in force right after it (a resume sets
/// a new one; a pause keeps the one it found).
pub type Deadlines<'a> = &'a dyn Fn(usize, &Event) -> NaiveDate;

/// A login's full name; a login with no full name of its own (a head created by `init`
/// without `--head-name`) is left blank to write by hand, never printed as a login.
pub fn full_name(login: &str, staff: &[Staff]) -> String {
    match staff.iter().find(|s| s.login == login) {
        Some(s) if !s.full_name.trim().is_empty() && s.full_name != s.login => s.full_name.clone(),
        _ => String::new(),
    }
}

/// The steps, oldest first. `office` names the one-stop shop where it gives or receives.
pub fn steps(d: &Dossier, events: &[Event], staff: &[Staff], office: &str, deadline: Deadlines) -> Vec<Step> {
    let name = |login: &str| full_name(login, staff);
    let applicant = format!("{} (người nộp hồ sơ)", d.applicant_name);
    // Who holds the dossier: the clerk after intake, the handler once they take it.
    let mut holder = String::new();
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let actor = name(&e.actor);
        let next_actor = events.get(i + 1).map(|n| n.actor.as_str());
        let (what, giver, receiver) = match (e.from, e.to) {
            (None, _) => ("Tiếp nhận hồ sơ", applicant.clone(), actor.clone()),
            (Some(from), to) if from == to && d.apology_at == Some(e.at) => {
                ("Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả", actor.clone(), applicant.clone())
            }
            (Some(from), to) if from == to => {
                // Handing over: to whoever acts next on it, else to the one it is assigned to.
                let to_login = next_actor.filter(|a| *a != e.actor).unwrap_or(d.assignee.as_str());
                ("Giao hồ sơ", actor.clone(), name(to_login))
            }
            (Some(Status::Supplement), Status::InProgress) => {
                ("Nhận hồ sơ bổ sung, tiếp tục giải quyết", applicant.clone(), actor.clone())
            }
            (_, Status::InProgress) => ("Nhận hồ sơ để giải quyết", holder.clone(), actor.clone()),
            (_, Status::Supplement) => ("Yêu cầu bổ sung, hoàn thiện hồ sơ", actor.clone(), applicant.clone()),
            (_, Status::Ready) => ("Có kết quả giải quyết, chuyển Bộ phận một cửa", actor.clone(), office.to_string()),
            (_, Status::Returned) => ("Trả kết quả cho người nộp", actor.clone(), applicant.clone()),
            (_, Status::Rejected) => ("Từ chối giải quyết, trả hồ sơ", actor.clone(), applicant.clone()),
            (_, Status::Withdrawn) => ("Người nộp rút hồ sơ", applicant.clone(), actor.clone()),
            (_, Status::Received) => ("Tiếp nhận hồ sơ", applicant.clone(), actor.clone()),
        };
        // A hand-over names who will work on it; the dossier itself moves when they take it.
        if what != "Giao hồ sơ" && !receiver.is_empty() && receiver != applicant && receiver != office {
            holder = receiver.clone();
        }
        out.push(Step {
            at: e.at,
            what: what.to_string(),
            giver,
            receiver,
            deadline: deadline(i, e),
            // A hand-over's note holds logins; the giver and receiver already say it in names.
            note: if what == "Giao hồ sơ" { String::new() } else { e.note.clone() },
        });
    }
    out
}
