//! The names of the actions and of the places keys work, for the footer and help.

use crate::i18n::tr;
use crate::tui::keymap::{Action, Scope};

/// What an action does, short enough for the footer.
pub fn label(a: Action) -> &'static str {
    use Action::*;
    match a {
        Up => tr("lên", "up"),
        Down => tr("xuống", "down"),
        Left => tr("sang trái", "left"),
        Right => tr("sang phải", "right"),
        PageUp => tr("trang trước", "page up"),
        PageDown => tr("trang sau", "page down"),
        Top => tr("về đầu", "first"),
        Bottom => tr("về cuối", "last"),
        Open => tr("xem", "open"),
        Back => tr("quay lại", "back"),
        NextTab => tr("thẻ sau", "next tab"),
        PrevTab => tr("thẻ trước", "previous tab"),
        NextField => tr("ô sau", "next field"),
        PrevField => tr("ô trước", "previous field"),
        Mark => tr("đánh dấu", "mark"),
        ActionMenu => tr("thao tác", "actions"),
        Assign => tr("giao xử lý", "assign"),
        TakeMine => tr("tôi nhận xử lý", "take it myself"),
        Transfer => tr("chuyển xử lý", "transfer"),
        Supplement => tr("yêu cầu bổ sung", "request supplement"),
        Ready => tr("có kết quả", "result ready"),
        Return => tr("trả kết quả", "return result"),
        Reject => tr("từ chối", "reject"),
        Withdraw => tr("rút hồ sơ", "withdraw"),
        Apology => tr("xin lỗi, hẹn lại", "apology, new date"),
        Send => tr("gửi cơ quan khác", "send to an agency"),
        Remind => tr("nhắc xử lý", "remind"),
        NextDossier => tr("hồ sơ sau", "next dossier"),
        PrevDossier => tr("hồ sơ trước", "previous dossier"),
        Print => tr("in phiếu", "print"),
        Search => tr("tìm", "search"),
        Filter => tr("lọc", "filter"),
        Intake => tr("tiếp nhận", "intake"),
        Dashboard => tr("theo dõi hạn", "dashboard"),
        Admin => tr("quản trị", "admin"),
        Refresh => tr("làm mới", "refresh"),
        Help => tr("trợ giúp", "help"),
        Quit => tr("thoát", "quit"),
        Choose => tr("chọn", "choose"),
        Save => tr("lưu", "save"),
        Toggle => tr("chọn/bỏ", "tick"),
        Original => tr("bản chính/sao", "original/copy"),
        More => tr("thêm bản", "one more"),
        Fewer => tr("bớt bản", "one fewer"),
        TickAll => tr("chọn hết", "tick all"),
        PeriodKind => tr("loại kỳ", "period kind"),
        CustomPeriod => tr("kỳ tự chọn", "custom period"),
        PrevPeriod => tr("kỳ trước", "previous period"),
        NextPeriod => tr("kỳ sau", "next period"),
        Cutoff => tr("kỳ 15-14", "15th-14th"),
        ExportReport => tr("xuất báo cáo", "export report"),
        ExportLogbook => tr("xuất sổ theo dõi", "export logbook"),
        Refuse => tr("từ chối (Mẫu 03)", "refuse (form 03)"),
        UpdateHolidays => tr("lịch nghỉ mới", "official holidays"),
        Edit => tr("sửa", "edit"),
        Add => tr("thêm", "add"),
        Remove => tr("xóa/khóa", "remove"),
        Import => tr("nhập CSV", "import CSV"),
        PrevYear => tr("năm trước", "previous year"),
        NextYear => tr("năm sau", "next year"),
    }
}

/// The heading of a group of keys in help.
pub fn scope(s: Scope) -> &'static str {
    use Scope::*;
    match s {
        Global => tr("Mọi màn hình", "Everywhere"),
        Queue => tr("Danh sách hồ sơ", "Queue"),
        Detail => tr("Chi tiết hồ sơ", "Dossier detail"),
        Dossier => tr("Thao tác trên hồ sơ (đều hỏi lại trước khi lưu)", "Dossier actions (each asks first)"),
        Intake => tr("Tiếp nhận hồ sơ", "Intake form"),
        Document => tr("Phiếu trên màn hình", "Form on screen"),
        Dashboard => tr("Theo dõi hạn", "Dashboard"),
        Period => tr("Kỳ báo cáo", "Report period"),
        Review => tr("Rà soát cuối ngày", "End-of-day review"),
        Admin => tr("Quản trị", "Admin"),
        Catalogue => tr("Quản trị: thủ tục", "Admin: procedures"),
        Holidays => tr("Quản trị: ngày nghỉ", "Admin: holidays"),
        Staff => tr("Quản trị: cán bộ", "Admin: staff"),
        Settings => tr("Quản trị: cơ quan", "Admin: office"),
        Menu => tr("Hộp chọn", "Menu"),
        Confirm => tr("Câu hỏi xác nhận", "Confirmation"),
        Dialog => tr("Hộp nhập", "Dialog"),
        Form => tr("Biểu mẫu", "Form"),
        Help => tr("Trợ giúp", "Help"),
    }
}

/// How typing works, below the keys in help.
pub fn typing() -> [&'static str; 3] {
    [
        tr(
            "Chữ và số luôn là chữ gõ (bộ gõ Telex/VNI dùng được): ở nơi không có ô nhập, gõ là tìm hồ sơ.",
            "Letters and digits are always text (Telex/VNI work): where no field has focus, typing searches.",
        ),
        tr(
            "Khi đang gõ: Enter xác nhận, Esc bỏ, ←/→ di chuyển, Ctrl-U xóa dòng.",
            "While typing: Enter confirms, Esc cancels, ←/→ move, Ctrl-U clears.",
        ),
        tr("Ctrl-C thoát ở mọi nơi (bản nháp được giữ).", "Ctrl-C quits anywhere (the draft is kept)."),
    ]
}
