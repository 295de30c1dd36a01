//! The Admin screen's words.

use crate::i18n::tr;
use crate::tui::screens::admin::form::{FieldId, FormTarget};
use crate::tui::screens::admin::state::{AdminSave, Pane};

pub fn head_only(login: &str) -> String {
    format!(
        "«{login}»: {}",
        tr("chỉ trưởng bộ phận được vào màn hình quản trị", "only the office head may open the Admin screen")
    )
}
pub fn title() -> &'static str {
    tr("QUẢN TRỊ", "ADMIN")
}
pub fn pane(p: Pane) -> &'static str {
    match p {
        Pane::Catalogue => tr("Thủ tục", "Procedures"),
        Pane::Holidays => tr("Ngày nghỉ", "Holidays"),
        Pane::Staff => tr("Cán bộ", "Staff"),
        Pane::Settings => tr("Cơ quan", "Office"),
    }
}
pub fn field(id: FieldId) -> &'static str {
    use FieldId::*;
    match id {
        Days => tr("Số ngày", "Days"),
        CalendarDays => tr("Tính ngày lịch", "Calendar days"),
        Hours => tr("Số giờ làm việc", "Working hours"),
        Cutoff => tr("Giờ chốt (HH:MM)", "Cut-off (HH:MM)"),
        Fee => tr("Lệ phí (đ)", "Fee (VND)"),
        Active => tr("Đang áp dụng", "Active"),
        HandlingAgency => tr("Cơ quan giải quyết", "Handling agency"),
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
        Place => tr("Địa danh (ghi ngày)", "Place (for the date)"),
        HeadName => tr("Họ tên thủ trưởng", "Head's full name"),
        HeadTitle => tr("Chức vụ thủ trưởng", "Head's title"),
        OfficeAddress => tr("Địa chỉ", "Address"),
        OfficePhone => tr("Điện thoại", "Phone"),
        OfficeEmail => tr("Thư điện tử", "Email"),
        Book => tr("Quyển số sổ", "Logbook volume"),
        ReportWithdrawn => tr("Báo cáo: hồ sơ rút", "Report: withdrawn"),
        ReportRecipient => tr("Báo cáo: nơi nhận", "Report: recipient"),
        ReportPlace => tr("Báo cáo: địa danh", "Report: place"),
    }
}
pub fn form_title(t: &FormTarget) -> String {
    match t {
        FormTarget::Procedure(p) => format!("{} {}", tr("Sửa thủ tục", "Edit procedure"), p.code),
        FormTarget::Holiday => tr("Thêm ngày nghỉ / ngày làm bù", "Add a day off / a swapped working day").into(),
        FormTarget::Import => tr("Nhập lịch nghỉ từ tệp CSV", "Import holidays from a CSV file").into(),
        FormTarget::NewStaff => tr("Thêm cán bộ", "Add staff").into(),
        FormTarget::Role(p) => format!("{} {} ({})", tr("Đổi vai trò", "Change role"), p.full_name, p.login),
        FormTarget::Settings => tr("Thông tin cơ quan", "Office settings").into(),
    }
}
pub fn columns() -> [&'static str; 4] {
    [tr("Mã", "Code"), tr("Tên thủ tục", "Procedure"), tr("Thời hạn", "Time limit"), tr("Lệ phí", "Fee")]
}
pub fn staff_columns() -> [&'static str; 3] {
    [tr("Đăng nhập", "Login"), tr("Họ tên", "Full name"), tr("Vai trò", "Role")]
}
pub fn filter_prompt() -> &'static str {
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
pub fn procedure_line(p: &crate::domain::dossier::Procedure) -> String {
    format!(
        "{} · {} · {} {} · {}",
        p.field,
        p.time_limit().map(super::limit_text).unwrap_or_else(|| tr("chưa có thời hạn", "no time limit").into()),
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
pub fn year(year: i32, n: usize) -> String {
    format!("◀ {year} ▶  {n} {}", tr("ngày trong bảng", "days in the table"))
}
pub fn no_holidays() -> &'static str {
    tr("Chưa có ngày nào cho năm này: Ins thêm, Alt-I nhập CSV", "No days for this year: Ins adds, Alt-I imports a CSV")
}
pub fn disabled() -> &'static str {
    tr("đã khóa", "disabled")
}
pub fn settings_hint() -> &'static str {
    tr(
        "Mã cơ quan đứng đầu mọi mã hồ sơ mới; giờ tiếp dân dùng để tính hạn theo giờ.",
        "The agency code starts every new dossier code; counter hours count limits in hours.",
    )
}
pub fn path_required() -> &'static str {
    tr("gõ đường dẫn tệp CSV (date,kind,name,status)", "type the path of the CSV file (date,kind,name,status)")
}
pub fn bad_login() -> &'static str {
    tr("tên đăng nhập không được trống hay có dấu cách", "a login has no spaces")
}
pub fn bad_number(id: FieldId, t: &str) -> String {
    format!("{}: «{t}» {}", field(id), tr("không phải số hợp lệ", "is not a valid number"))
}
pub fn limit_range(id: FieldId, t: &str, max: u32) -> String {
    let low = if id == FieldId::Hours { 1 } else { 0 };
    format!("{}: «{t}» {} {low}-{max}", field(id), tr("ngoài khoảng", "is outside"))
}
pub fn zero_hours() -> &'static str {
    tr("số giờ phải lớn hơn 0 (để trống nếu tính theo ngày)", "hours must be above 0 (leave empty for days)")
}
pub fn days_or_hours() -> &'static str {
    tr("ghi số ngày hoặc số giờ, không ghi cả hai", "give days or hours, not both")
}
pub fn bad_time(t: &str) -> String {
    format!("«{t}»: {}", tr("giờ dạng HH:MM, ví dụ 15:00", "a time HH:MM, e.g. 15:00"))
}
pub fn cutoff_same_day() -> &'static str {
    tr(
        "giờ chốt chỉ dùng cho thủ tục giải quyết trong ngày (0 ngày)",
        "a cut-off applies only to same-day procedures (0 days)",
    )
}
pub fn work_on_weekday() -> &'static str {
    tr(
        "ngày làm bù là thứ Bảy hoặc Chủ nhật — ngày thường đã là ngày làm việc",
        "a swapped working day is a Saturday or Sunday — weekdays already are working days",
    )
}
pub fn name_required() -> &'static str {
    tr("cần ghi tên ngày (ví dụ: Quốc khánh)", "a name is required (e.g. National Day)")
}
pub fn required() -> &'static str {
    tr("chưa nhập", "required")
}
pub fn bad_hours(why: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Vi => {
            "giờ tiếp dân dạng 07:30-11:30,13:30-17:00 (các buổi theo thứ tự, không chồng nhau)".into()
        }
        crate::i18n::Lang::En => format!("counter hours: {why}"),
    }
}
pub fn errors() -> &'static str {
    tr("lỗi, không nhập gì", "errors, nothing imported")
}
pub fn confirm_remove(h: &crate::domain::calendar::HolidayRow) -> String {
    format!("{} {} ({})?", tr("Xóa khỏi lịch nghỉ ngày", "Remove from the holiday table"), h.0.format("%d/%m/%Y"), h.2)
}
pub fn confirm_staff(p: &crate::store::Staff) -> String {
    let what = if p.active {
        tr("Khóa tài khoản (chỉ còn được xem)", "Disable the login (it may only look)")
    } else {
        tr("Mở lại tài khoản", "Re-enable the login")
    };
    format!("{what} {} ({})?", p.full_name, p.login)
}
/// What an Admin save did.
/// The question before the shipped official holiday rows go into the table.
pub fn confirm_holiday_update(changes: &[crate::domain::holiday_update::HolidayChange]) -> String {
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
    format!(
        "{} ({} {})? {}",
        tr("Áp dụng lịch nghỉ chính thức", "Apply the official holidays"),
        changes.len(),
        tr("ngày", "days"),
        days.join(" ")
    )
}
pub fn holidays_offered(n: usize) -> String {
    format!(
        "· {n} {}",
        tr("ngày theo lịch chính thức mới: Alt-U xem", "days of a newer official table: Alt-U shows them")
    )
}
pub fn holidays_up_to_date() -> &'static str {
    tr(
        "Lịch nghỉ đã khớp lịch chính thức đi kèm motcua: không có gì thay đổi",
        "The holiday table already matches the official table shipped with motcua",
    )
}
pub fn done(save: &AdminSave, count: usize) -> String {
    match save {
        AdminSave::UpdateHolidays(_) => format!(
            "{} {count} {}",
            tr("Đã cập nhật theo lịch chính thức:", "Updated from the official table:"),
            tr("ngày (hạn của hồ sơ đã nhận giữ nguyên)", "days (due dates already given stay)")
        ),
        AdminSave::Procedure(p, _) => format!("{} {}", tr("Đã lưu thủ tục", "Saved procedure"), p.code),
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
        AdminSave::Settings(..) => tr("Đã lưu thông tin cơ quan", "Office settings saved").into(),
    }
}
pub fn confirm_active(p: &crate::domain::dossier::Procedure) -> String {
    let what = if p.active {
        tr("Ngừng áp dụng thủ tục", "Deactivate the procedure")
    } else {
        tr("Áp dụng lại thủ tục", "Activate the procedure")
    };
    format!("{what} {} ({})?", p.code, super::procedure_name(p))
}

/// Under the handling agency field: empty is the office; the known codes.
pub fn handling_agency_hint() -> &'static str {
    tr("để trống: cơ quan mình", "empty: this office")
}
