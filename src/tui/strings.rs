//! Every word the screens show, in Vietnamese and English (MOTCUA_LANG=en).

use crate::domain::status::Status;
use crate::i18n::tr;
use crate::store::Tab;

use super::admin::{AdminSave, Pane};
use super::admin_form::{FieldId, FormTarget};
use super::keymap::Action;

pub fn app_title() -> &'static str {
    tr("MỘT CỬA", "ONE-STOP")
}
pub fn look_only() -> &'static str {
    tr("chỉ xem", "view only")
}
pub fn too_small() -> &'static str {
    tr("Cửa sổ quá nhỏ: cần ít nhất 80x24", "Window too small: needs at least 80x24")
}
pub fn too_small_hint() -> &'static str {
    tr(
        "Phóng to cửa sổ terminal; dữ liệu vẫn giữ nguyên. q: thoát",
        "Enlarge the terminal window; nothing is lost. q: quit",
    )
}
pub fn loading() -> &'static str {
    tr("đang tải…", "loading…")
}
pub fn empty_queue() -> &'static str {
    tr("Không có hồ sơ nào ở đây.", "No dossiers here.")
}
pub fn no_match() -> &'static str {
    tr("Không tìm thấy hồ sơ nào.", "No dossier found.")
}
pub fn search_prompt() -> &'static str {
    tr("Tìm (mã, tên, SĐT, số định danh): ", "Search (code, name, phone, ID): ")
}
pub fn search_found() -> &'static str {
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

/// Short status for a table cell.
pub fn status_short(s: Status) -> &'static str {
    match s {
        Status::Received => tr("Mới nhận", "Received"),
        Status::InProgress => tr("Đang xử lý", "In progress"),
        Status::Supplement => tr("Chờ bổ sung", "Supplement"),
        Status::Ready => tr("Chờ trả", "Ready"),
        Status::Returned => tr("Đã trả", "Returned"),
        Status::Rejected => tr("Từ chối", "Rejected"),
        Status::Withdrawn => tr("Đã rút", "Withdrawn"),
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

/// "quá 2 ngày", "hôm nay", "còn 3 ngày" — working days.
pub fn due_relative(days: i64) -> String {
    match days {
        d if d < 0 => format!("{} {} {}", tr("quá", "late"), -d, tr("ngày", "d")),
        0 => tr("hôm nay", "today").to_string(),
        d => format!("{} {} {}", tr("còn", "in"), d, tr("ngày", "d")),
    }
}

pub fn action_label(a: Action) -> &'static str {
    use Action::*;
    match a {
        Up => tr("lên", "up"),
        Down => tr("xuống", "down"),
        PageUp => tr("trang trước", "page up"),
        PageDown => tr("trang sau", "page down"),
        Top => tr("đầu danh sách", "first"),
        Bottom => tr("cuối danh sách", "last"),
        Open => tr("xem", "open"),
        Back => tr("quay lại / bỏ", "back / cancel"),
        NextTab => tr("thẻ sau", "next tab"),
        PrevTab => tr("thẻ trước", "previous tab"),
        Mark => tr("đánh dấu", "mark"),
        Assign => tr("giao", "assign"),
        TakeMine => tr("tôi nhận xử lý", "take it myself"),
        Transfer => tr("chuyển xử lý", "transfer"),
        Supplement => tr("yêu cầu bổ sung", "request supplement"),
        Ready => tr("có kết quả", "result ready"),
        Return => tr("trả kết quả", "return result"),
        Reject => tr("từ chối", "reject"),
        Withdraw => tr("rút hồ sơ", "withdraw"),
        Apology => tr("xin lỗi, hẹn lại", "apology, new date"),
        NextDossier => tr("hồ sơ sau", "next dossier"),
        PrevDossier => tr("hồ sơ trước", "previous dossier"),
        Print => tr("in phiếu", "print a form"),
        Remind => tr("nhắc xử lý", "remind"),
        Search => tr("tìm", "search"),
        Filter => tr("lọc", "filter"),
        Intake => tr("tiếp nhận", "intake"),
        Dashboard => tr("theo dõi hạn", "dashboard"),
        Admin => tr("quản trị (trưởng bộ phận)", "admin (office head)"),
        Refresh => tr("làm mới", "refresh"),
        Help => tr("trợ giúp", "help"),
        Quit => tr("thoát", "quit"),
    }
}

pub fn help_title() -> &'static str {
    tr("Trợ giúp — phím tắt (Esc để đóng)", "Help — keys (Esc to close)")
}
pub fn help_scope(s: super::keymap::Scope) -> &'static str {
    use super::keymap::Scope::*;
    match s {
        Global => tr("Mọi màn hình", "Everywhere"),
        Queue => tr("Danh sách hồ sơ", "Queue"),
        Detail => tr("Chi tiết hồ sơ", "Dossier detail"),
        Dossier => tr("Thao tác trên hồ sơ", "Dossier actions"),
    }
}
pub fn help_typing() -> &'static str {
    tr(
        "Khi đang gõ: Enter xác nhận, Esc bỏ, ←/→ di chuyển, Ctrl-U xóa dòng. Ctrl-C thoát ở mọi nơi.",
        "While typing: Enter confirms, Esc cancels, ←/→ move, Ctrl-U clears. Ctrl-C quits anywhere.",
    )
}

pub fn detail_title() -> &'static str {
    tr("Chi tiết hồ sơ", "Dossier")
}
pub fn detail_fields() -> [&'static str; 14] {
    [
        tr("Mã hồ sơ", "Code"),
        tr("Thủ tục", "Procedure"),
        tr("Lĩnh vực", "Field"),
        tr("Người nộp", "Applicant"),
        tr("Số định danh", "Personal ID"),
        tr("Điện thoại", "Phone"),
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
pub fn channel(c: crate::domain::dossier::Channel) -> &'static str {
    use crate::domain::dossier::Channel::*;
    match c {
        InPerson => tr("trực tiếp", "in person"),
        Online => tr("trực tuyến", "online"),
        Postal => tr("bưu chính công ích", "public post"),
    }
}
pub fn paid_online() -> &'static str {
    tr("đã thanh toán trực tuyến", "paid online")
}
pub fn papers_title() -> &'static str {
    tr("Giấy tờ đã nhận", "Papers received")
}
pub fn original() -> &'static str {
    tr("bản chính", "original")
}
pub fn copy() -> &'static str {
    tr("bản sao", "copy")
}
pub fn pauses_title() -> &'static str {
    tr("Tạm dừng (chờ bổ sung)", "Pauses (supplement)")
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
pub fn none() -> &'static str {
    tr("(chưa có)", "(none)")
}
pub fn unassigned() -> &'static str {
    tr("(chưa giao)", "(unassigned)")
}

// Prompts and messages of the actions.
pub fn reason_for(a: Action) -> &'static str {
    match a {
        Action::Supplement => tr("Giấy tờ cần bổ sung và lý do:", "Papers to add and why:"),
        Action::Reject => tr("Lý do từ chối:", "Reason for refusal:"),
        Action::Withdraw => tr("Lý do rút hồ sơ:", "Reason for withdrawal:"),
        Action::Apology => tr("Lý do chậm trễ:", "Reason for the delay:"),
        _ => tr("Ghi chú:", "Note:"),
    }
}
pub fn confirm(a: Action, n: usize) -> String {
    format!(
        "{} {n} {}? (Enter: {}, Esc: {})",
        action_label(a),
        tr("hồ sơ", "dossier(s)"),
        tr("đồng ý", "yes"),
        tr("bỏ", "no")
    )
}
pub fn satisfaction_prompt() -> &'static str {
    tr(
        "Công dân đánh giá: 1 hài lòng · 2 bình thường · 3 không hài lòng · Esc bỏ qua",
        "Citizen's rating: 1 satisfied · 2 neutral · 3 not satisfied · Esc skip",
    )
}
pub fn digitized_prompt() -> &'static str {
    tr(
        "Kết quả có bản điện tử (số hóa)? y: có · n: không · Esc: bỏ",
        "Is there a digitized result? y: yes · n: no · Esc: cancel",
    )
}
pub fn staff_picker_title() -> &'static str {
    tr("Giao cho (Enter chọn, Esc bỏ)", "Assign to (Enter picks, Esc cancels)")
}
pub fn apology_date_prompt() -> &'static str {
    tr("Ngày hẹn mới (dd/mm/yyyy):", "New date (dd/mm/yyyy):")
}
pub fn bad_date() -> &'static str {
    tr("ngày không hợp lệ — gõ dạng dd/mm/yyyy", "not a date — type dd/mm/yyyy")
}
pub fn reason_required() -> &'static str {
    tr("cần ghi lý do", "a reason is required")
}
pub fn not_staff(login: &str) -> String {
    format!("«{login}» {}", tr("chưa có trong danh sách cán bộ: chỉ được xem", "is not on the staff list: view only"))
}
pub fn others_dossier() -> &'static str {
    tr("hồ sơ đang giao cho người khác", "the dossier is assigned to someone else")
}
pub fn nothing_selected() -> &'static str {
    tr("chưa chọn hồ sơ nào", "no dossier selected")
}
pub fn done(a: Action, n: usize) -> String {
    format!("{}: {n} {}", action_label(a), tr("hồ sơ — đã lưu", "dossier(s) — saved"))
}
pub fn marked(n: usize) -> String {
    format!("{n} {}", tr("đã đánh dấu", "marked"))
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
pub fn filter_channel() -> &'static str {
    tr("Hình thức", "Channel")
}

pub fn registered() -> &'static str {
    tr("Đã tiếp nhận hồ sơ", "Registered dossier")
}
pub fn intake_not_for_handlers() -> &'static str {
    tr(
        "chuyên viên xử lý không tiếp nhận hồ sơ — việc của cán bộ một cửa",
        "handlers do not take dossiers in — that is the counter clerk's job",
    )
}
pub fn intake_title() -> &'static str {
    tr("TIẾP NHẬN HỒ SƠ", "NEW DOSSIER")
}
pub fn intake_labels() -> [&'static str; 10] {
    [
        tr("Thủ tục", "Procedure"),
        tr("Họ tên", "Full name"),
        tr("Số định danh", "Personal ID"),
        tr("Điện thoại", "Phone"),
        tr("Địa chỉ", "Address"),
        tr("Hình thức", "Channel"),
        tr("Giấy tờ", "Papers"),
        tr("Lệ phí (đ)", "Fee (VND)"),
        tr("Đã TT trực tuyến", "Paid online"),
        tr("Ghi chú", "Notes"),
    ]
}
pub fn refusal_needs_reason() -> &'static str {
    tr(
        "Từ chối tiếp nhận: ghi lý do vào ô Ghi chú (in trên Mẫu 03) rồi bấm F8",
        "Refuse the dossier: write the reason in Notes (it is printed on form 03), then F8",
    )
}
pub fn refusal_logged(id: i64) -> String {
    format!(
        "{} #{id} — {}",
        tr("Đã ghi từ chối tiếp nhận", "Refusal at intake logged"),
        tr("không đăng ký hồ sơ, in Mẫu 03", "no dossier registered; form 03 follows")
    )
}
pub fn intake_hint() -> &'static str {
    tr(
        "Ctrl-S/F10: lưu · F8: từ chối (Mẫu 03) · Tab/S-Tab: trường · Space: chọn · o: chính/sao · +/-: số bản · Esc: đóng (giữ nháp)",
        "Ctrl-S/F10: save · F8: refuse (form 03) · Tab/S-Tab: field · Space: tick · o: original/copy · +/-: count · Esc: close (draft kept)",
    )
}
pub fn picker_hint() -> &'static str {
    tr("gõ tên hoặc mã thủ tục, ↑/↓ chọn, Enter lấy", "type a name or code, ↑/↓ choose, Enter takes it")
}
pub fn appointment_line(when: &str, limit: &str) -> String {
    format!("{} {when} — {limit}", tr("Hẹn trả:", "Come back:"))
}
pub fn limit_text(l: crate::domain::calendar::TimeLimit) -> String {
    use crate::domain::calendar::TimeLimit::*;
    match l {
        Days(n) => format!("{n} {}", tr("ngày làm việc", "working days")),
        SameDay { .. } => tr("trong ngày", "same day").to_string(),
        Hours(n) => format!("{n} {}", tr("giờ làm việc", "working hours")),
        CalendarDays(n) => format!("{n} {}", tr("ngày (tính cả ngày nghỉ)", "calendar days")),
    }
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
pub fn missing_papers_prompt(n: usize) -> String {
    format!(
        "{n} {} — Enter: {} · b: {} · Esc: {}",
        tr("giấy tờ bắt buộc chưa đánh dấu", "required papers not ticked"),
        tr("vẫn tiếp nhận", "register anyway"),
        tr("lập phiếu yêu cầu bổ sung (Mẫu 02)", "give a supplement request (form 02)"),
        tr("quay lại", "back")
    )
}
pub fn restore_draft_prompt(when: &str) -> String {
    format!(
        "{} {when}. Enter: {} · Esc: {}",
        tr("Có hồ sơ đang nhập dở", "A half-filled form from"),
        tr("nhập tiếp", "continue it"),
        tr("bỏ, nhập mới", "discard, start afresh")
    )
}
pub fn restore_draft_title() -> &'static str {
    tr("Bản nháp", "Draft")
}
pub fn document_hint() -> &'static str {
    tr("p: in · n: tiếp nhận hồ sơ mới · Esc: đóng", "p: print · n: next intake · Esc: close")
}
pub fn no_procedure() -> &'static str {
    tr("chưa chọn thủ tục", "no procedure chosen")
}
pub fn printed() -> &'static str {
    tr("Đã in:", "Printed:")
}
pub fn print_retry() -> &'static str {
    tr("p: in lại", "p: print again")
}
pub fn print_pick() -> &'static str {
    tr(
        "In mẫu: 1 giấy tiếp nhận · 2 yêu cầu bổ sung · 3 từ chối · 4 xin lỗi · 5 phiếu kiểm soát · Esc bỏ",
        "Print form: 1 receipt · 2 supplement · 3 refusal · 4 apology · 5 control sheet · Esc cancel",
    )
}

// The dashboard (Theo dõi hạn).
pub fn pane(p: super::dashboard::Pane) -> &'static str {
    use super::dashboard::Pane::*;
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
/// The same, short enough for the queue's due column (12 cells).
pub fn paused_short(n: u32) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Vi => format!("dừng, còn {n}"),
        crate::i18n::Lang::En => format!("paused, {n} d"),
    }
}
/// A dossier whose clock is stopped for the citizen's supplement, in place of its due date.
pub fn paused_left(n: u32) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Vi => format!("tạm dừng, còn {n} ngày"),
        crate::i18n::Lang::En => format!("paused, {n} days left"),
    }
}
pub fn all_pending() -> &'static str {
    tr("Tất cả hồ sơ đang giải quyết", "All pending dossiers")
}
pub fn by_assignee() -> &'static str {
    tr("Theo người xử lý", "By handler")
}
pub fn by_field() -> &'static str {
    tr("Theo lĩnh vực", "By field")
}
pub fn urgency_hint() -> &'static str {
    tr(
        "↑↓←→ chọn ô · Enter: mở danh sách đúng các hồ sơ đó · Tab/1–5: mục · Esc: đóng",
        "arrows pick a cell · Enter: open exactly those dossiers · Tab/1–5: panes · Esc: close",
    )
}
pub fn period_hint() -> &'static str {
    tr(
        "p: loại kỳ · [ ]: kỳ trước/sau · /: tự chọn · c: kỳ 15–14 · e: xuất báo cáo · E: xuất sổ",
        "p: period kind · [ ]: previous/next · /: custom · c: 15th–14th · e: export report · E: export logbook",
    )
}
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
pub fn rate_names() -> [&'static str; 5] {
    [
        tr("Tỷ lệ đúng hạn", "On-time rate"),
        tr("Tỷ lệ trực tuyến", "Online rate"),
        tr("Thanh toán trực tuyến", "Paid online"),
        tr("Số hóa kết quả", "Digitized results"),
        tr("Hài lòng", "Satisfaction"),
    ]
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
pub fn review_hint() -> &'static str {
    tr(
        "↑↓ chọn · ←→ danh sách · p: xin lỗi · a: giao lại · R: nhắc · Enter: xem · Esc: đóng",
        "↑↓ pick · ←→ list · p: apology · a: reassign · R: remind · Enter: open · Esc: close",
    )
}
pub fn review_none() -> &'static str {
    tr("(không có)", "(none)")
}
pub fn report_groups() -> [&'static str; 3] {
    [
        tr("Tiếp nhận", "Received"),
        tr("Đã giải quyết", "Resolved"),
        tr("Đang giải quyết và rút", "Pending and withdrawn"),
    ]
}
/// The report form's columns in full, for a screen that shows four at a time.
pub fn report_columns() -> [&'static str; 12] {
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
pub fn exported() -> &'static str {
    tr("Đã xuất:", "Exported:")
}
pub fn remind_note() -> &'static str {
    tr("Nhắc xử lý (rà soát cuối ngày)", "Reminder (end-of-day review)")
}
pub fn head_only() -> &'static str {
    tr("chỉ trưởng bộ phận được làm việc này", "only the office head may do this")
}

// The Admin screen.
pub fn admin_head_only(login: &str) -> String {
    format!(
        "«{login}»: {}",
        tr("chỉ trưởng bộ phận được vào màn hình quản trị", "only the office head may open the Admin screen")
    )
}
pub fn admin_title() -> &'static str {
    tr("QUẢN TRỊ", "ADMIN")
}
pub fn admin_pane(p: Pane) -> &'static str {
    match p {
        Pane::Catalogue => tr("Thủ tục", "Procedures"),
        Pane::Holidays => tr("Ngày nghỉ", "Holidays"),
        Pane::Staff => tr("Cán bộ", "Staff"),
        Pane::Settings => tr("Cơ quan", "Office"),
    }
}
pub fn admin_field(id: FieldId) -> &'static str {
    use FieldId::*;
    match id {
        Days => tr("Số ngày", "Days"),
        CalendarDays => tr("Tính ngày lịch", "Calendar days"),
        Hours => tr("Số giờ làm việc", "Working hours"),
        Cutoff => tr("Giờ chốt (HH:MM)", "Cut-off (HH:MM)"),
        Fee => tr("Lệ phí (đ)", "Fee (VND)"),
        Active => tr("Đang áp dụng", "Active"),
        Papers => tr("Giấy tờ", "Papers"),
        Date => tr("Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"),
        Kind => tr("Loại", "Kind"),
        HolidayName => tr("Tên ngày", "Name"),
        Path => tr("Tệp CSV", "CSV file"),
        Login => tr("Tên đăng nhập", "Login"),
        FullName => tr("Họ tên", "Full name"),
        Role => tr("Vai trò", "Role"),
        OfficeKind => tr("Tên bộ phận", "Office kind"),
        AgencyName => tr("Tên cơ quan", "Agency name"),
        ParentName => tr("Cơ quan cấp trên", "Parent authority"),
        AgencyCode => tr("Mã cơ quan", "Agency code"),
        CounterHours => tr("Giờ tiếp dân", "Counter hours"),
    }
}
pub fn admin_form_title(t: &FormTarget) -> String {
    match t {
        FormTarget::Procedure(p) => format!("{} {}", tr("Sửa thủ tục", "Edit procedure"), p.code),
        FormTarget::Holiday => tr("Thêm ngày nghỉ / ngày làm bù", "Add a day off / a swapped working day").into(),
        FormTarget::Import => tr("Nhập lịch nghỉ từ tệp CSV", "Import holidays from a CSV file").into(),
        FormTarget::NewStaff => tr("Thêm cán bộ", "Add staff").into(),
        FormTarget::Role(p) => format!("{} {} ({})", tr("Đổi vai trò", "Change role"), p.full_name, p.login),
        FormTarget::Settings => tr("Thông tin cơ quan", "Office settings").into(),
    }
}
pub fn admin_form_hint(papers: bool) -> &'static str {
    if papers {
        tr(
            "Giấy tờ: mỗi dòng một loại · Tab: trường · Ctrl-S/F10: lưu · Esc: bỏ",
            "Papers: one a line · Tab: field · Ctrl-S/F10: save · Esc: cancel",
        )
    } else {
        tr(
            "Tab/Enter: trường sau · Space: chọn · Ctrl-S, Enter ở cuối: lưu · Esc: bỏ",
            "Tab/Enter: next · Space: choose · Ctrl-S, Enter at the end: save · Esc: cancel",
        )
    }
}
pub fn admin_hint(p: Pane) -> &'static str {
    match p {
        Pane::Catalogue => tr(
            "Enter sửa · Space áp dụng/ngừng · / lọc · Tab mục sau · Esc đóng",
            "Enter edit · Space (de)activate · / filter · Tab next pane · Esc close",
        ),
        Pane::Holidays => tr(
            "←/→ năm · a thêm · x xóa · i nhập CSV · u lịch mới · Tab mục sau · Esc đóng",
            "←/→ year · a add · x remove · i import CSV · u update · Tab next · Esc close",
        ),
        Pane::Staff => tr(
            "a thêm · r đổi vai trò · d khóa/mở lại · Tab mục sau · Esc đóng",
            "a add · r change role · d disable/re-enable · Tab next pane · Esc close",
        ),
        Pane::Settings => tr("Enter sửa · Tab mục sau · Esc đóng", "Enter edit · Tab next pane · Esc close"),
    }
}
pub fn admin_columns() -> [&'static str; 4] {
    [tr("Mã", "Code"), tr("Tên thủ tục", "Procedure"), tr("Thời hạn", "Time limit"), tr("Lệ phí", "Fee")]
}
pub fn admin_staff_columns() -> [&'static str; 3] {
    [tr("Đăng nhập", "Login"), tr("Họ tên", "Full name"), tr("Vai trò", "Role")]
}
pub fn admin_filter_prompt() -> &'static str {
    tr("Lọc: ", "Filter: ")
}
/// A time limit in a table cell.
pub fn limit_short(l: Option<crate::domain::calendar::TimeLimit>) -> String {
    use crate::domain::calendar::TimeLimit::*;
    match l {
        Some(Days(n)) => format!("{n} {}", tr("ngày", "days")),
        Some(SameDay { cutoff: Some(c) }) => format!("{} <{}", tr("trong ngày", "same day"), c.format("%H:%M")),
        Some(SameDay { cutoff: None }) => tr("trong ngày", "same day").into(),
        Some(Hours(n)) => format!("{n} {}", tr("giờ", "hours")),
        Some(CalendarDays(n)) => format!("{n} {}", tr("ngày lịch", "cal. days")),
        None => tr("chưa có", "none").into(),
    }
}
pub fn fee_short(fee: Option<i64>) -> String {
    match fee {
        Some(0) => tr("miễn phí", "free").into(),
        Some(f) => crate::domain::text::thousands(f),
        None => tr("theo HĐND", "varies").into(),
    }
}
pub fn admin_procedure_line(p: &crate::domain::dossier::Procedure) -> String {
    format!(
        "{} · {} · {} {} · {}",
        p.field,
        p.time_limit().map(limit_text).unwrap_or_else(|| tr("chưa có thời hạn", "no time limit").into()),
        p.papers.len(),
        tr("giấy tờ", "papers"),
        if p.active { tr("đang áp dụng", "active") } else { tr("chưa áp dụng", "inactive") }
    )
}
pub fn weekday(d: chrono::NaiveDate) -> &'static str {
    use chrono::{Datelike, Weekday::*};
    match d.weekday() {
        Mon => tr("T2", "Mon"),
        Tue => tr("T3", "Tue"),
        Wed => tr("T4", "Wed"),
        Thu => tr("T5", "Thu"),
        Fri => tr("T6", "Fri"),
        Sat => tr("T7", "Sat"),
        Sun => tr("CN", "Sun"),
    }
}
pub fn day_kind(k: crate::domain::calendar::DayKind) -> &'static str {
    match k {
        crate::domain::calendar::DayKind::Off => tr("nghỉ", "day off"),
        crate::domain::calendar::DayKind::Work => tr("làm bù", "work day"),
    }
}
pub fn holiday_status(s: &str) -> &str {
    match s {
        "official" => tr("chính thức", "official"),
        "believed" => tr("dự kiến", "believed"),
        "provisional" => tr("tạm tính", "provisional"),
        other => other,
    }
}
pub fn admin_year(year: i32, n: usize) -> String {
    format!("◀ {year} ▶  {n} {}", tr("ngày trong bảng", "days in the table"))
}
pub fn admin_no_holidays() -> &'static str {
    tr("Chưa có ngày nào cho năm này — a: thêm · i: nhập CSV", "No days for this year — a: add · i: import CSV")
}
pub fn disabled() -> &'static str {
    tr("đã khóa", "disabled")
}
pub fn admin_settings_hint() -> &'static str {
    tr(
        "Mã cơ quan đứng đầu mọi mã hồ sơ mới; giờ tiếp dân dùng để tính hạn theo giờ.",
        "The agency code starts every new dossier code; counter hours count limits in hours.",
    )
}
pub fn admin_path_required() -> &'static str {
    tr("gõ đường dẫn tệp CSV (date,kind,name,status)", "type the path of the CSV file (date,kind,name,status)")
}
pub fn admin_bad_login() -> &'static str {
    tr("tên đăng nhập không được trống hay có dấu cách", "a login has no spaces")
}
pub fn admin_bad_number(id: FieldId, t: &str) -> String {
    format!("{}: «{t}» {}", admin_field(id), tr("không phải số hợp lệ", "is not a valid number"))
}
pub fn admin_limit_range(id: FieldId, t: &str, max: u32) -> String {
    let low = if id == FieldId::Hours { 1 } else { 0 };
    format!("{}: «{t}» {} {low}–{max}", admin_field(id), tr("ngoài khoảng", "is outside"))
}
pub fn admin_zero_hours() -> &'static str {
    tr("số giờ phải lớn hơn 0 (để trống nếu tính theo ngày)", "hours must be above 0 (leave empty for days)")
}
pub fn admin_days_or_hours() -> &'static str {
    tr("ghi số ngày hoặc số giờ, không ghi cả hai", "give days or hours, not both")
}
pub fn admin_bad_time(t: &str) -> String {
    format!("«{t}»: {}", tr("giờ dạng HH:MM, ví dụ 15:00", "a time HH:MM, e.g. 15:00"))
}
pub fn admin_cutoff_same_day() -> &'static str {
    tr(
        "giờ chốt chỉ dùng cho thủ tục giải quyết trong ngày (0 ngày)",
        "a cut-off applies only to same-day procedures (0 days)",
    )
}
pub fn admin_work_on_weekday() -> &'static str {
    tr(
        "ngày làm bù là thứ Bảy hoặc Chủ nhật — ngày thường đã là ngày làm việc",
        "a swapped working day is a Saturday or Sunday — weekdays already are working days",
    )
}
pub fn admin_name_required() -> &'static str {
    tr("cần ghi tên ngày (ví dụ: Quốc khánh)", "a name is required (e.g. National Day)")
}
pub fn admin_required() -> &'static str {
    tr("chưa nhập", "required")
}
pub fn admin_bad_hours(why: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Vi => {
            "giờ tiếp dân dạng 07:30-11:30,13:30-17:00 (các buổi theo thứ tự, không chồng nhau)".into()
        }
        crate::i18n::Lang::En => format!("counter hours: {why}"),
    }
}
pub fn admin_errors() -> &'static str {
    tr("lỗi, không nhập gì", "errors, nothing imported")
}
pub fn admin_confirm_remove(h: &crate::domain::calendar::HolidayRow) -> String {
    format!(
        "{} {} ({})? Enter: {} · Esc: {}",
        tr("Xóa khỏi lịch nghỉ ngày", "Remove from the holiday table"),
        h.0.format("%d/%m/%Y"),
        h.2,
        tr("xóa", "remove"),
        tr("bỏ", "cancel")
    )
}
pub fn admin_confirm_staff(p: &crate::store::Staff) -> String {
    let what = if p.active {
        tr("Khóa tài khoản (chỉ còn được xem)", "Disable the login (it may only look)")
    } else {
        tr("Mở lại tài khoản", "Re-enable the login")
    };
    format!("{what} {} ({})? Enter: {} · Esc: {}", p.full_name, p.login, tr("đồng ý", "yes"), tr("bỏ", "cancel"))
}
/// What an Admin save did.
/// The question before the shipped official holiday rows go into the table.
pub fn admin_confirm_holiday_update(changes: &[crate::domain::holiday_update::HolidayChange]) -> String {
    use crate::domain::holiday_update::HolidayChange::*;
    let days: Vec<String> = changes
        .iter()
        .map(|c| {
            let sign = match c {
                Add(_) => "+",
                Replace { .. } => "~",
                Remove(_) => "-",
            };
            format!("{sign}{}", c.day().format("%d/%m/%Y"))
        })
        .collect();
    // The keys first: on a narrow screen the list of days is what gets cut.
    format!(
        "{} ({} {})? Enter: {} · Esc: {} — {}",
        tr("Áp dụng lịch nghỉ chính thức", "Apply the official holidays"),
        changes.len(),
        tr("ngày", "days"),
        tr("áp dụng", "apply"),
        tr("bỏ", "cancel"),
        days.join(" ")
    )
}
pub fn admin_holidays_offered(n: usize) -> String {
    format!("· {n} {}", tr("ngày theo lịch chính thức mới — u: xem", "days of a newer official table — u: see"))
}
pub fn admin_holidays_up_to_date() -> &'static str {
    tr(
        "Lịch nghỉ đã khớp lịch chính thức đi kèm motcua — không có gì thay đổi",
        "The holiday table already matches the official table shipped with motcua",
    )
}
pub fn admin_done(save: &AdminSave, count: usize) -> String {
    match save {
        AdminSave::UpdateHolidays(_) => format!(
            "{} {count} {}",
            tr("Đã cập nhật theo lịch chính thức:", "Updated from the official table:"),
            tr("ngày (hạn của hồ sơ đã nhận giữ nguyên)", "days (due dates already given stay)")
        ),
        AdminSave::Procedure(p) => format!("{} {}", tr("Đã lưu thủ tục", "Saved procedure"), p.code),
        AdminSave::AddHoliday(h) => format!("{} {}", tr("Đã lưu ngày", "Saved day"), h.0.format("%d/%m/%Y")),
        AdminSave::RemoveHoliday(d) if count == 0 => {
            format!("{} {}", d.format("%d/%m/%Y"), tr("không có trong lịch nghỉ", "was not in the holiday table"))
        }
        AdminSave::RemoveHoliday(d) => format!("{} {}", tr("Đã xóa ngày", "Removed day"), d.format("%d/%m/%Y")),
        AdminSave::ImportHolidays(path) => {
            format!("{} {count} {} {path}", tr("Đã nhập", "Imported"), tr("ngày từ", "days from"))
        }
        AdminSave::AddStaff(p) => format!("{} {} ({})", tr("Đã thêm cán bộ", "Added"), p.full_name, p.login),
        AdminSave::SetRole { login, role } => {
            format!("{login}: {}", crate::store::error::role_label(*role))
        }
        AdminSave::Disable(login) => format!("{login}: {}", tr("đã khóa, chỉ được xem", "disabled, may only look")),
        AdminSave::Enable(login) => format!("{login}: {}", tr("đã mở lại", "re-enabled")),
        AdminSave::Settings(_) => tr("Đã lưu thông tin cơ quan", "Office settings saved").into(),
    }
}
/// Beside a due date counted over a day off not yet official.
pub fn unofficial_holidays() -> &'static str {
    tr("lịch nghỉ chưa chính thức", "holiday table not yet official")
}
pub fn fee_by_province() -> &'static str {
    tr("lệ phí theo HĐND tỉnh", "fee set by the province")
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
pub fn custom_period() -> &'static str {
    tr("Kỳ tự chọn", "Custom period")
}
pub fn field_label() -> &'static str {
    tr("Lĩnh vực", "Field")
}
pub fn form_label() -> &'static str {
    tr("Mẫu", "Form")
}
pub fn bad_amount() -> &'static str {
    tr("số tiền không hợp lệ", "not an amount")
}
pub fn total_label() -> &'static str {
    tr("TỔNG CỘNG", "TOTAL")
}
pub fn note_label() -> &'static str {
    tr("Ghi chú", "Note")
}
