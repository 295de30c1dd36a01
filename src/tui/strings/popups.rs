//! The words of the popups: questions, choices, confirmations.

use crate::i18n::tr;
use crate::tui::keymap::Action;
use crate::tui::target::Target;

pub fn help_title() -> &'static str {
    tr("Trợ giúp: phím của màn hình này (Esc đóng, PgUp/PgDn cuộn)", "Help: keys here (Esc closes, PgUp/PgDn scroll)")
}
pub fn reason_for(a: Action) -> &'static str {
    match a {
        Action::Supplement => tr("Giấy tờ cần bổ sung và lý do:", "Papers to add and why:"),
        Action::Reject => tr("Lý do từ chối:", "Reason for refusal:"),
        Action::Withdraw => tr("Lý do rút hồ sơ:", "Reason for withdrawal:"),
        Action::Apology => tr("Lý do chậm trễ:", "Reason for the delay:"),
        _ => tr("Ghi chú:", "Note:"),
    }
}
pub fn rating_prompt() -> &'static str {
    tr(
        "Công dân đánh giá (↑↓ chọn, Enter ghi trả kết quả, Esc không ghi gì):",
        "Citizen's rating (↑↓ pick, Enter records the return, Esc records nothing):",
    )
}
pub fn digitized_prompt() -> &'static str {
    tr(
        "Kết quả có bản điện tử (số hóa)? Enter ghi, Esc không ghi gì:",
        "Is there a digitized result? Enter records it, Esc records nothing:",
    )
}
pub fn apology_date_prompt() -> &'static str {
    tr("Ngày hẹn mới (dd/mm/yyyy):", "New date (dd/mm/yyyy):")
}
pub fn reason_required() -> &'static str {
    tr("cần ghi lý do", "a reason is required")
}
pub fn others_dossier() -> &'static str {
    tr("hồ sơ đang giao cho người khác", "the dossier is assigned to someone else")
}
pub fn nothing_selected() -> &'static str {
    tr("chưa chọn hồ sơ nào", "no dossier selected")
}
pub fn done(a: Action, n: usize) -> String {
    format!("{}: {n} {}", super::keys::label(a), tr("hồ sơ, đã lưu", "dossier(s), saved"))
}
pub fn filter_title() -> &'static str {
    tr("Lọc theo (Enter chọn, Esc bỏ)", "Filter by (Enter picks, Esc cancels)")
}
pub fn filter_any() -> &'static str {
    tr("(bỏ lọc)", "(clear filter)")
}
pub fn filter_field() -> &'static str {
    tr("Lĩnh vực", "Field")
}
pub fn filter_assignee() -> &'static str {
    tr("Người xử lý", "Handler")
}
pub fn filter_agency() -> &'static str {
    tr("Đang ở cơ quan", "With agency")
}
pub fn any_agency() -> &'static str {
    tr("bất kỳ cơ quan khác", "any other agency")
}
pub fn send_not_in_progress(st: crate::domain::status::Status) -> String {
    format!(
        "{} ({})",
        tr("chỉ gửi được hồ sơ đang xử lý", "only a dossier in progress can be sent"),
        crate::store::error::status_label(st)
    )
}
pub fn no_agencies() -> &'static str {
    tr("chưa khai báo cơ quan nào (motcua agency add)", "no agency yet (motcua agency add)")
}
pub fn send_prompt() -> &'static str {
    tr("Gửi đến cơ quan:", "Send to:")
}
pub fn delivery_prompt() -> &'static str {
    tr("Công dân nhận kết quả:", "The citizen collected the result:")
}
pub fn delivery_as_wished() -> &'static str {
    tr("như đã chọn khi tiếp nhận", "as chosen at intake")
}
pub fn filter_channel() -> &'static str {
    tr("Hình thức", "Channel")
}
pub fn custom_period_title() -> &'static str {
    tr("Kỳ tự chọn (Tab: chuyển ô, Enter: xem, Esc: bỏ)", "Custom period (Tab: next field, Enter: show, Esc: cancel)")
}
pub fn period_from() -> &'static str {
    tr("Từ ngày (dd/mm/yyyy):", "From (dd/mm/yyyy):")
}
pub fn period_to() -> &'static str {
    tr("Đến ngày (dd/mm/yyyy):", "To (dd/mm/yyyy):")
}
pub fn period_backwards() -> &'static str {
    tr("ngày bắt đầu sau ngày kết thúc", "the first day is after the last")
}
pub fn help_more() -> &'static str {
    tr("(còn nữa: PgDn)", "(more below: PgDn)")
}
pub fn confirm_title() -> &'static str {
    tr("Xác nhận", "Confirm")
}
pub fn confirm_keys() -> &'static str {
    tr("Enter: đồng ý · Esc: không", "Enter: yes · Esc: no")
}
/// "3 hồ sơ".
pub fn count(n: usize) -> String {
    format!("{n} {}", tr("hồ sơ", "dossier(s)"))
}
/// "Trả kết quả - 3 hồ sơ".
pub fn titled(a: Action, n: usize) -> String {
    format!("{} - {}", super::keys::label(a), count(n))
}
/// "Chuyển xử lý: 3 hồ sơ (261120-0001, 261120-0002, 261120-0003)?".
pub fn confirm_action(a: Action, ts: &[Target]) -> String {
    let label = super::keys::label(a);
    let mut first: Vec<char> = label.chars().collect();
    if let Some(c) = first.first_mut() {
        *c = c.to_uppercase().next().unwrap_or(*c);
    }
    let label: String = first.into_iter().collect();
    let codes: Vec<&str> = ts.iter().take(3).map(|t| super::short_code(&t.code)).collect();
    let more = if ts.len() > 3 { ", ..." } else { "" };
    format!("{label}: {} ({}{more})?", count(ts.len()), codes.join(", "))
}
pub fn confirm_remind(ts: &[Target]) -> String {
    confirm_action(Action::Remind, ts)
}
pub fn rating(x: Option<crate::domain::dossier::Satisfaction>) -> &'static str {
    use crate::domain::dossier::Satisfaction::*;
    match x {
        Some(Satisfied) => tr("Hài lòng", "Satisfied"),
        Some(Neutral) => tr("Bình thường", "Neutral"),
        Some(Unsatisfied) => tr("Không hài lòng", "Not satisfied"),
        None => tr("Không đánh giá", "No rating"),
    }
}
pub fn digitized(yes: bool) -> &'static str {
    if yes {
        tr("Có bản điện tử", "Digitized")
    } else {
        tr("Không có bản điện tử", "Not digitized")
    }
}
pub fn assign_title(n: usize) -> String {
    format!("{} {} {}", tr("Giao", "Assign"), count(n), tr("cho", "to"))
}
pub fn actions_title(n: usize) -> String {
    format!("{} - {}", tr("Thao tác", "Actions"), count(n))
}
pub fn no_action() -> &'static str {
    tr("Không có thao tác nào bạn được làm với hồ sơ này.", "Nothing you may do to this dossier.")
}
pub fn print_title() -> &'static str {
    tr("In phiếu (Enter xem để in)", "Print a form (Enter shows it)")
}
pub fn draft_title() -> &'static str {
    tr("Hồ sơ đang nhập dở", "Half-filled form")
}
pub fn draft_prompt(who: &str) -> String {
    format!("{} «{who}».", tr("Còn bản nháp của", "A draft is kept for"))
}
pub fn draft_continue() -> &'static str {
    tr("Nhập tiếp bản nháp này", "Continue this draft")
}
pub fn draft_new() -> &'static str {
    tr("Nhập hồ sơ mới (bỏ bản nháp)", "Start a new form (discard the draft)")
}
pub fn confirm_discard_draft(who: &str) -> String {
    format!("{} «{who}»?", tr("Bỏ hẳn bản nháp của", "Throw away the draft for"))
}
pub fn missing_title(n: usize) -> String {
    format!("{n} {}", tr("giấy tờ bắt buộc chưa đánh dấu", "required paper(s) not ticked"))
}
pub fn register_anyway() -> &'static str {
    tr("Vẫn tiếp nhận hồ sơ", "Register anyway")
}
pub fn give_supplement() -> &'static str {
    tr("Lập phiếu yêu cầu bổ sung (Mẫu 02), không tiếp nhận", "Give a supplement request (form 02) instead")
}
pub fn not_pending(status: crate::domain::status::Status) -> String {
    format!("{} ({})", tr("hồ sơ không còn đang giải quyết", "the dossier is no longer pending"), super::status(status))
}
pub fn clerks_do_not_handle() -> &'static str {
    tr(
        "cán bộ tiếp nhận không nhận xử lý hồ sơ: giao cho chuyên viên (Alt-G)",
        "counter clerks do not handle dossiers: assign it to a handler (Alt-G)",
    )
}
