//! Every word the screens show, in Vietnamese and English (MOTCUA_LANG=en), one file per
//! screen; here the words several screens share.

pub mod admin;
pub mod dashboard;
pub mod detail;
pub mod document;
pub mod intake;
pub mod keys;
pub mod popups;
pub mod queue;
pub mod refusals;
pub mod report;

use crate::domain::dossier::Procedure;
use crate::domain::status::Status;
use crate::i18n::{lang, tr, Lang};

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
        "Phóng to cửa sổ terminal; dữ liệu vẫn giữ nguyên. F10: thoát",
        "Enlarge the terminal window; nothing is lost. F10: quit",
    )
}
pub fn loading() -> &'static str {
    tr("đang tải…", "loading…")
}
/// "quá 2 ngày", "hôm nay", "còn 3 ngày" — working days.
pub fn due_relative(days: i64) -> String {
    match days {
        d if d < 0 => format!("{} {} {}", tr("quá", "late"), -d, tr("ngày", "d")),
        0 => tr("hôm nay", "today").to_string(),
        d => format!("{} {} {}", tr("còn", "in"), d, tr("ngày", "d")),
    }
}
pub fn channel(c: crate::domain::dossier::Channel) -> &'static str {
    use crate::domain::dossier::Channel::*;
    match c {
        InPerson => tr("trực tiếp", "in person"),
        Online => tr("trực tuyến", "online"),
        Postal => tr("bưu chính công ích", "public post"),
    }
}
pub fn original() -> &'static str {
    tr("bản chính", "original")
}
pub fn copy() -> &'static str {
    tr("bản sao", "copy")
}
pub fn none() -> &'static str {
    tr("(chưa có)", "(none)")
}
pub fn unassigned() -> &'static str {
    tr("(chưa giao)", "(unassigned)")
}
pub fn not_staff(login: &str) -> String {
    format!("«{login}» {}", tr("chưa có trong danh sách cán bộ: chỉ được xem", "is not on the staff list: view only"))
}
pub fn bad_date() -> &'static str {
    tr("ngày không hợp lệ — gõ dạng dd/mm/yyyy", "not a date — type dd/mm/yyyy")
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
pub fn registered() -> &'static str {
    tr("Đã tiếp nhận hồ sơ", "Registered dossier")
}
pub fn exported() -> &'static str {
    tr("Đã xuất:", "Exported:")
}
pub fn printed() -> &'static str {
    tr("Đã in:", "Printed:")
}
/// The files a form was written to, shorter when they are one form in several formats:
/// "[dir]/x-mau01 (.txt, .pdf)" for "[dir]/x-mau01.txt, [dir]/x-mau01.pdf", so that the
/// message line holds them whole.
pub fn files_compact(place: &str) -> String {
    let files: Vec<&str> = place.split(", ").collect();
    let parts: Option<Vec<(&str, &str)>> =
        files.iter().map(|f| f.rfind('.').filter(|d| !f[*d..].contains('/')).map(|d| f.split_at(d))).collect();
    match parts {
        Some(p) if p.len() > 1 && p.iter().all(|(stem, _)| *stem == p[0].0) => {
            let exts: Vec<&str> = p.iter().map(|(_, e)| *e).collect();
            format!("{} ({})", p[0].0, exts.join(", "))
        }
        _ => place.to_string(),
    }
}

pub fn print_retry() -> &'static str {
    tr("Ctrl-P: in lại", "Ctrl-P: print again")
}

/// The one word for each status, on every screen.
pub fn status(s: Status) -> &'static str {
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

/// A count with the language's digit grouping: 31.245 in Vietnamese, 31,245 in English.
pub fn num(n: u64) -> String {
    let dots = crate::domain::text::thousands(n as i64);
    match lang() {
        Lang::Vi => dots,
        Lang::En => dots.replace('.', ","),
    }
}

pub fn currency() -> &'static str {
    tr("đ", "VND")
}

/// The code as the screens show it: without the office's own agency prefix.
pub fn short_code(code: &str) -> &str {
    match code.split_once('-') {
        Some((agency, rest)) if agency.contains('.') => rest,
        _ => code,
    }
}

/// A procedure's name in the current language.
pub fn procedure_name(p: &Procedure) -> &str {
    match lang() {
        Lang::En if !p.name_en.is_empty() => &p.name_en,
        _ => &p.name,
    }
}

/// A required paper's name in the current language: in English the catalogue's English name
/// at the same place in the list, when it has a list that pairs with the Vietnamese one. The
/// dossier keeps the Vietnamese name (the legal record); only the screen translates it.
pub fn paper_name<'a>(procs: &'a [Procedure], code: &str, vi: &'a str) -> &'a str {
    if lang() != Lang::En {
        return vi;
    }
    procs
        .iter()
        .find(|p| p.code == code && p.papers_en.len() == p.papers.len())
        .and_then(|p| p.papers.iter().position(|x| x == vi).map(|i| p.papers_en[i].as_str()))
        .unwrap_or(vi)
}

/// A procedure's name for a table cell: its short name from the catalogue when it has one.
pub fn procedure_short(procs: &[Procedure], code: &str, stored: &str) -> String {
    match procs.iter().find(|p| p.code == code) {
        Some(p) if lang() == Lang::Vi && !p.short_name.is_empty() => p.short_name.clone(),
        Some(p) if lang() == Lang::En && !p.short_name_en.is_empty() => p.short_name_en.clone(),
        Some(p) => procedure_name(p).to_string(),
        None => stored.to_string(),
    }
}

/// A procedure's full name in the current language.
pub fn procedure_full(procs: &[Procedure], code: &str, stored: &str) -> String {
    procs.iter().find(|p| p.code == code).map(|p| procedure_name(p).to_string()).unwrap_or_else(|| stored.into())
}

pub fn worker_gone() -> &'static str {
    tr(
        "Mất kết nối với cơ sở dữ liệu (luồng xử lý đã dừng): không đọc hay lưu được nữa. F10 thoát rồi mở lại.",
        "The database worker stopped: nothing more can be read or saved. F10 quits; open again.",
    )
}

/// Beside a due date counted over a day off not yet official.
pub fn unofficial_holidays() -> &'static str {
    tr("lịch nghỉ chưa chính thức", "holiday table not yet official")
}

/// A dossier paused for the citizen's supplement, short enough for the queue's due column.
pub fn paused_short(n: u32) -> String {
    match lang() {
        Lang::Vi => format!("dừng, còn {n}"),
        Lang::En => format!("paused, {n} d"),
    }
}

/// A dossier whose clock is stopped for the citizen's supplement, in place of its due date.
pub fn paused_left(n: u32) -> String {
    match lang() {
        Lang::Vi => format!("tạm dừng, còn {n} ngày"),
        Lang::En => format!("paused, {n} days left"),
    }
}

/// A field of procedures (lĩnh vực) in the current language: the catalogue writes them in
/// Vietnamese; the shipped ones have an English name here, others stay as written.
/// A field for a table cell: the two long official names shortened as the office says them
/// ("Hộ kinh doanh", "Cư trú (Công an)"); others as `field_name`.
pub fn field_short(vi: &str) -> String {
    let short = match (lang(), vi.trim()) {
        (Lang::Vi, "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)") => "Hộ kinh doanh",
        (Lang::Vi, "Đăng ký, quản lý cư trú (Công an)") => "Cư trú (Công an)",
        (Lang::En, "Đăng ký, quản lý cư trú (Công an)") => "Residence (police)",
        (Lang::En, "Thi đua, khen thưởng") => "Commendation",
        _ => return field_name(vi),
    };
    short.to_string()
}

pub fn field_name(vi: &str) -> String {
    if lang() == Lang::Vi {
        return vi.to_string();
    }
    let one = |f: &str| -> String {
        match f.trim() {
            "Hộ tịch" => "Civil status",
            "Chứng thực" => "Certification",
            "Cư trú" => "Residence",
            "Đăng ký, quản lý cư trú (Công an)" => "Residence registration (police)",
            "Bảo trợ xã hội" => "Social protection",
            "Bảo hiểm xã hội" => "Social insurance",
            "Bảo hiểm y tế" => "Health insurance",
            "Người có công" => "Persons with merits",
            "Đất đai" => "Land",
            "Hoạt động xây dựng" => "Construction",
            "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)" => "Household businesses",
            "Thi đua, khen thưởng" => "Emulation and commendation",
            other => other,
        }
        .to_string()
    };
    vi.split(';').map(one).collect::<Vec<_>>().join("; ")
}

/// A rate as the language writes it: 91,7% in Vietnamese, 91.7% in English; "-" when there
/// is nothing to divide.
pub fn percent(rate: Option<f64>) -> String {
    match (rate, lang()) {
        (None, _) => "-".into(),
        (Some(_), Lang::Vi) => crate::domain::report::percent(rate),
        (Some(r), Lang::En) => format!("{:.1}%", r * 100.0),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_form_in_two_formats_is_named_once() {
        let two = "/tmp/forms/000.17.22.H56-261120-0004-mau01.txt, /tmp/forms/000.17.22.H56-261120-0004-mau01.pdf";
        assert_eq!(super::files_compact(two), "/tmp/forms/000.17.22.H56-261120-0004-mau01 (.txt, .pdf)");
        let other = "/tmp/forms/a.txt, /tmp/forms/b.txt";
        assert_eq!(super::files_compact(other), other, "two forms: both named");
        assert_eq!(super::files_compact("máy in"), "máy in");
    }
}
