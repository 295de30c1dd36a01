//! The dashboard's words (Theo dõi hạn).

use crate::i18n::tr;

pub fn pane(p: crate::tui::screens::dashboard::state::Pane) -> &'static str {
    use crate::tui::screens::dashboard::state::Pane::*;
    match p {
        Urgency => tr("Hạn xử lý", "Deadlines"),
        Indicators => tr("Chỉ số", "Rates"),
        Intake => tr("Biểu đồ", "Intake"),
        Review => tr("Rà soát cuối ngày", "End of day"),
        Report => tr("Báo cáo", "Report"),
    }
}
pub fn urgency_columns() -> [&'static str; 7] {
    [
        tr("Quá hạn", "Overdue"),
        tr("Hôm nay", "Today"),
        tr("Ngày mai", "Tomorrow"),
        tr("≤3 ngày", "≤3 days"),
        tr("Sau đó", "Later"),
        tr("Tạm dừng", "Paused"),
        tr("Tổng", "Total"),
    ]
}
pub fn all_pending() -> &'static str {
    tr("Tất cả đang giải quyết", "All pending")
}
pub fn by_assignee() -> &'static str {
    tr("Theo người xử lý", "By handler")
}
pub fn by_field() -> &'static str {
    tr("Theo lĩnh vực", "By field")
}
pub fn today_line(received: u64, in_person: u64, online: u64, postal: u64, resolved: u64, returned: u64) -> String {
    format!(
        "{} {received} ({} {in_person} · {} {online} · {} {postal})\n{} {resolved} · {} {returned}",
        tr("Hôm nay: nhận", "Today: received"),
        tr("trực tiếp", "in person"),
        tr("trực tuyến", "online"),
        tr("bưu chính", "post"),
        tr("Đã giải quyết", "Resolved"),
        tr("đã trả kết quả", "returned")
    )
}
pub fn this_period() -> &'static str {
    tr("Kỳ này", "This period")
}
pub fn previous_period() -> &'static str {
    tr("Kỳ trước", "Previous")
}
pub fn rate_names() -> [&'static str; 7] {
    [
        tr("Tỷ lệ đúng hạn", "On-time rate"),
        tr("Tỷ lệ trực tuyến", "Online rate"),
        tr("Thanh toán trực tuyến", "Paid online"),
        tr("Số hóa kết quả", "Digitized results"),
        tr("Hài lòng", "Satisfaction"),
        tr("Số hóa hồ sơ đầu vào", "Digitized at intake"),
        tr("Đồng bộ Cổng DVCQG", "Synced to the portal"),
    ]
}
/// "đang ở cơ quan khác: 12, quá hạn 2".
pub fn at_agencies(total: u64, overdue: u64) -> String {
    format!("{}: {total}, {} {overdue}", tr("đang ở cơ quan khác", "at other agencies"), tr("quá hạn", "overdue"))
}
pub fn count_names() -> [&'static str; 4] {
    [
        tr("Hồ sơ nhận", "Received"),
        tr("Đã giải quyết", "Resolved"),
        tr("Đang giải quyết", "Pending"),
        tr("Quá hạn", "Overdue"),
    ]
}
pub fn intake_chart_title(days: usize) -> String {
    format!(
        "{} {days} {}",
        tr("Hồ sơ nhận trong", "Dossiers received over the last"),
        tr("ngày làm việc gần nhất", "working days")
    )
}
pub fn legend_online() -> &'static str {
    tr("trực tuyến", "online")
}
pub fn legend_counter() -> &'static str {
    tr("trực tiếp + bưu chính", "counter + post")
}
pub fn review_lists() -> [&'static str; 4] {
    [
        tr("Quá hạn, chưa gửi thư xin lỗi", "Overdue, no apology sent"),
        tr(
            "Đến hạn ngày làm việc tới — hôm nay là hạn cuối gửi thư xin lỗi",
            "Due next working day — last day for an apology",
        ),
        tr("Chờ bổ sung quá 5 ngày làm việc", "Waiting for a supplement over 5 working days"),
        tr("Chưa giao người xử lý", "Not assigned"),
    ]
}
pub fn review_none() -> &'static str {
    tr("(không có)", "(none)")
}
pub fn remind_note() -> &'static str {
    tr("Nhắc xử lý (rà soát cuối ngày)", "Reminder (end-of-day review)")
}
pub fn head_only() -> &'static str {
    tr("chỉ trưởng bộ phận được làm việc này", "only the office head may do this")
}
