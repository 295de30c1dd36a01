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
/// The form's three column groups (Biểu II.06a), over (3)–(6), (7)–(10) and (11)–(13).
pub fn groups() -> [&'static str; 3] {
    [tr("Nhận giải quyết", "Received"), tr("Đã giải quyết", "Resolved"), tr("Đang giải quyết", "Pending")]
}
/// What columns (3)–(13) of the form hold, for the legend under the numbered table.
pub fn columns() -> [&'static str; 11] {
    [
        tr("tổng nhận", "received"),
        tr("trực tuyến", "online"),
        tr("trực tiếp, BC", "counter/post"),
        tr("kỳ trước", "carried over"),
        tr("tổng đã GQ", "resolved"),
        tr("trước hạn", "early"),
        tr("đúng hạn", "on time"),
        tr("trễ hạn", "late"),
        tr("tổng đang GQ", "pending"),
        tr("trong hạn", "within due"),
        tr("quá hạn", "overdue"),
    ]
}
/// The column outside the form under `report.withdrawn = separate`.
pub fn withdrawn_column() -> &'static str {
    tr("rút (ngoài biểu)", "withdrawn (outside the form)")
}
/// "(3) 95 = (7) 24 + (11) 71 ✓", with the withdrawn column when it stands apart.
pub fn identity_line(received: &str, resolved: &str, pending: &str, apart: Option<&str>, holds: bool) -> String {
    let apart = apart.map(|w| format!(" + {} {w}", tr("rút", "withdrawn"))).unwrap_or_default();
    format!(
        "{} (3) {received} = (7) {resolved} + (11) {pending}{apart} {}",
        tr("Kiểm tra:", "Check:"),
        if holds { "✓" } else { "✗" }
    )
}
/// The note under the table: what column (9) holds.
pub fn withdrawn_note(n: &str, separate: bool) -> String {
    if separate {
        format!("{n} {}", tr("hồ sơ rút ở cột (*) ngoài biểu", "withdrawn in column (*), outside the form"))
    } else {
        format!("{} {n} {}", tr("(9) gồm cả", "(9) includes"), tr("hồ sơ công dân rút", "withdrawn by the applicant"))
    }
}
/// A period still running is judged at now: the pane says when.
pub fn as_of(at: &str) -> String {
    format!("{} {at}", tr("số liệu đến", "figures as of"))
}
pub fn tt() -> &'static str {
    "TT"
}
pub fn custom_period() -> &'static str {
    tr("Kỳ tự chọn", "Custom period")
}
pub fn field_label() -> &'static str {
    tr("Lĩnh vực", "Field")
}
pub fn total_label() -> &'static str {
    tr("Tổng cộng", "Total")
}
