//! The queue's words: tabs, columns, the search box, the position line.

use crate::i18n::tr;
use crate::store::Tab;

pub fn empty() -> &'static str {
    tr("Không có hồ sơ nào ở đây.", "No dossiers here.")
}
pub fn no_match() -> &'static str {
    tr("Không tìm thấy hồ sơ nào.", "No dossier found.")
}
pub fn search_prompt() -> &'static str {
    tr("Tìm (mã, tên, SĐT, số định danh): ", "Search (code, name, phone, ID): ")
}
pub fn found() -> &'static str {
    tr("kết quả", "found")
}
pub fn tab(t: Tab) -> &'static str {
    match t {
        Tab::Pending => tr("Tất cả", "All pending"),
        Tab::Received => tr("Mới nhận", "Received"),
        Tab::InProgress => tr("Đang xử lý", "In progress"),
        Tab::Supplement => tr("Chờ bổ sung", "Supplement"),
        Tab::Ready => tr("Chờ trả", "Ready"),
        Tab::Mine => tr("Của tôi", "Mine"),
    }
}
pub fn columns() -> [&'static str; 6] {
    [
        tr("Mã hồ sơ", "Code"),
        tr("Người nộp", "Applicant"),
        tr("Thủ tục", "Procedure"),
        tr("Trạng thái", "Status"),
        tr("Hạn", "Due"),
        tr("Xử lý", "Staff"),
    ]
}
pub fn marked(n: usize) -> String {
    format!("{n} {}", tr("đã đánh dấu", "marked"))
}
/// Dossiers that arrived above the rows on screen (the clerk scrolled down).
pub fn new_above(n: u64) -> String {
    format!("{} {}", super::num(n), tr("hồ sơ mới ở đầu danh sách (Home)", "new dossier(s) at the top (Home)"))
}
