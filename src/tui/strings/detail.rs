//! The detail's words: field labels, titles of its parts.

use crate::i18n::tr;

pub fn title() -> &'static str {
    tr("Chi tiết hồ sơ", "Dossier")
}
pub fn fields() -> [&'static str; 15] {
    [
        tr("Mã hồ sơ", "Code"),
        tr("Thủ tục", "Procedure"),
        tr("Lĩnh vực", "Field"),
        tr("Người nộp", "Applicant"),
        tr("Số định danh", "Personal ID"),
        tr("Điện thoại", "Phone"),
        email_label(),
        tr("Địa chỉ", "Address"),
        tr("Hình thức", "Channel"),
        tr("Trạng thái", "Status"),
        tr("Tiếp nhận", "Received"),
        tr("Hạn giải quyết", "Due"),
        tr("Hẹn trả", "Appointment"),
        tr("Người xử lý", "Handler"),
        tr("Lệ phí", "Fee"),
    ]
}
pub fn email_label() -> &'static str {
    tr("Thư điện tử", "Email")
}
pub fn paid_online() -> &'static str {
    tr("đã thanh toán trực tuyến", "paid online")
}
pub fn papers_title() -> &'static str {
    tr("Giấy tờ đã nhận", "Papers received")
}
pub fn pauses_title() -> &'static str {
    tr("Tạm dừng (chờ bổ sung)", "Pauses (supplement)")
}
/// In place of the end of a pause that has not ended.
pub fn still_paused() -> &'static str {
    tr("chưa bổ sung", "not yet supplemented")
}
pub fn events_title() -> &'static str {
    tr("Phiếu kiểm soát quá trình giải quyết", "Control sheet")
}
pub fn apology_sent() -> &'static str {
    tr("đã gửi thư xin lỗi", "apology sent")
}
pub fn step_result(t: Option<crate::domain::report::Timeliness>) -> &'static str {
    use crate::domain::report::Timeliness::*;
    match t {
        Some(BeforeDue) => tr("trước hạn", "before due"),
        Some(OnTime) => tr("đúng hạn", "on time"),
        Some(Late) => tr("quá hạn", "late"),
        None => "",
    }
}
pub fn note() -> &'static str {
    tr("Ghi chú", "Note")
}
