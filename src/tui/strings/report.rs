//! The period report's words.

use crate::i18n::tr;

pub fn period_kind(k: crate::domain::report::PeriodKind) -> &'static str {
    use crate::domain::report::PeriodKind::*;
    match k {
        Day => tr("Ngày", "Day"),
        Month => tr("Tháng", "Month"),
        Quarter => tr("Quý", "Quarter"),
        SixMonths => tr("6 tháng", "6 months"),
        NineMonths => tr("9 tháng", "9 months"),
        Year => tr("Năm", "Year"),
    }
}
pub fn cutoff_mark() -> &'static str {
    tr("(kỳ 15–14)", "(15th–14th)")
}
pub fn groups() -> [&'static str; 3] {
    [
        tr("Tiếp nhận", "Received"),
        tr("Đã giải quyết", "Resolved"),
        tr("Đang giải quyết và rút", "Pending and withdrawn"),
    ]
}
/// The report form's columns in full, for a screen that shows four at a time.
pub fn columns() -> [&'static str; 12] {
    [
        tr("Tổng nhận", "Total"),
        tr("Kỳ trước", "Carried"),
        tr("Trực tuyến", "Online"),
        tr("Trực tiếp+BC", "Counter+post"),
        tr("Tổng GQ", "Total"),
        tr("Trước hạn", "Early"),
        tr("Đúng hạn", "On time"),
        tr("Quá hạn", "Late"),
        tr("Đang GQ", "Pending"),
        tr("Trong hạn", "Within due"),
        tr("Quá hạn", "Overdue"),
        tr("Rút", "Withdrawn"),
    ]
}
pub fn identity_line(received: &str, resolved: &str, pending: &str, withdrawn: &str, holds: bool) -> String {
    format!(
        "{} {received} = {} {resolved} + {} {pending} + {} {withdrawn} {}",
        tr("Tổng nhận", "Received"),
        tr("đã GQ", "resolved"),
        tr("đang GQ", "pending"),
        tr("rút", "withdrawn"),
        if holds { "✓" } else { "✗" }
    )
}
pub fn custom_period() -> &'static str {
    tr("Kỳ tự chọn", "Custom period")
}
pub fn field_label() -> &'static str {
    tr("Lĩnh vực", "Field")
}
pub fn total_label() -> &'static str {
    tr("TỔNG CỘNG", "TOTAL")
}
