//! The intake form's words.

use crate::i18n::tr;

pub fn not_for_handlers() -> &'static str {
    tr(
        "chuyên viên xử lý không tiếp nhận hồ sơ — việc của cán bộ một cửa",
        "handlers do not take dossiers in — that is the counter clerk's job",
    )
}
pub fn title() -> &'static str {
    tr("TIẾP NHẬN HỒ SƠ", "NEW DOSSIER")
}
pub fn labels() -> [&'static str; 17] {
    [
        tr("Thủ tục", "Procedure"),
        tr("Họ tên", "Full name"),
        tr("Số định danh", "Personal ID"),
        tr("Điện thoại", "Phone"),
        tr("Thư điện tử", "Email"),
        tr("Địa chỉ", "Address"),
        tr("Hình thức", "Channel"),
        tr("Giấy tờ", "Papers"),
        tr("Số bộ hồ sơ", "Sets"),
        tr("Số bản chứng thực", "Certified copies"),
        tr("Lệ phí (đ)", "Fee (VND)"),
        tr("Đã TT trực tuyến", "Paid online"),
        tr("Số hóa", "Digitized"),
        tr("Đồng bộ Cổng DVC", "Synced to portal"),
        tr("Nhận kết quả", "Result by"),
        tr("Nhận thay cho", "Received for"),
        tr("Ghi chú", "Notes"),
    ]
}
pub fn picker_hint() -> &'static str {
    tr("gõ tên hoặc mã thủ tục, ↑/↓ chọn, Enter lấy", "type a name or code, ↑/↓ choose, Enter takes it")
}
pub fn appointment_line(when: &str, limit: &str) -> String {
    format!("{} {when} — {limit}", tr("Hẹn trả:", "Come back:"))
}
pub fn online_level(l: crate::domain::dossier::OnlineLevel) -> &'static str {
    use crate::domain::dossier::OnlineLevel::*;
    match l {
        Full => tr("toàn trình", "fully online"),
        Partial => tr("một phần", "partly online"),
        None => tr("không trực tuyến", "not online"),
    }
}
pub fn optional_mark() -> &'static str {
    tr("(nếu có)", "(if any)")
}
pub fn no_procedure() -> &'static str {
    tr("chưa chọn thủ tục", "no procedure chosen")
}
pub fn fee_by_province() -> &'static str {
    tr("lệ phí theo HĐND tỉnh", "fee set by the province")
}
pub fn bad_sets() -> &'static str {
    tr("số bộ từ 1 đến 99", "from 1 to 99 sets")
}
pub fn bad_amount() -> &'static str {
    tr("số tiền không hợp lệ", "not an amount")
}
pub fn refusal_needs_reason() -> &'static str {
    tr(
        "Từ chối tiếp nhận: ghi lý do vào ô Ghi chú (in trên Mẫu 03) rồi bấm F8",
        "Refuse the dossier: write the reason in Notes (it is printed on form 03), then F8",
    )
}
pub fn refusal_logged(id: i64) -> String {
    format!(
        "{} #{id}: {}",
        tr("Đã ghi từ chối tiếp nhận", "Refusal at intake logged"),
        tr("không đăng ký hồ sơ, in Mẫu 03", "no dossier registered; form 03 follows")
    )
}
pub fn confirm_refusal(who: &str, reason: &str) -> String {
    format!(
        "{} «{who}» ({}: {reason})? {}",
        tr("Từ chối tiếp nhận hồ sơ của", "Refuse the dossier of"),
        tr("lý do", "reason"),
        tr("Không đăng ký hồ sơ; in Mẫu 03.", "Nothing is registered; form 03 is printed.")
    )
}

/// How the result is collected, as the form offers it.
pub fn delivery(d: crate::domain::handover::Delivery) -> &'static str {
    use crate::domain::handover::Delivery;
    match d {
        Delivery::Counter => tr("tại quầy", "counter"),
        Delivery::Post => tr("bưu chính", "post"),
        Delivery::Online => tr("trực tuyến", "online"),
    }
}
pub fn received_for_hint() -> &'static str {
    tr("(nếu nhận cho cơ quan khác: UBND xã …)", "(if for another office: UBND xã …)")
}
pub fn bad_copies() -> &'static str {
    tr("số bản từ 1 đến 999", "copies from 1 to 999")
}
