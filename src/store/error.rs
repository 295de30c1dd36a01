//! What the store refuses, as values the screens and the command line put into words.

use std::fmt;
use std::path::PathBuf;

use crate::domain::status::{MoveRefused, Role, Status};
use crate::i18n::tr;

#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    Missing(PathBuf),
    Exists(PathBuf),
    NoDirectory(PathBuf),
    NotMotcua(PathBuf),
    Newer {
        found: i64,
        known: i64,
    },
    ReadOnly,
    DiskFull,
    /// The operating system refused a write (a file size limit, a failing disk).
    WriteFailed,
    /// SQLite found damaged pages while reading or writing.
    Corrupt,
    Busy,
    NoSuchDossier(String),
    NoSuchProcedure(String),
    ProcedureInactive(String),
    UnknownStaff(String),
    /// On the staff list but disabled by the head.
    Disabled(String),
    /// The change would leave the office without an active head.
    LastHead(String),
    /// Another program has the database open (restore refuses to overwrite it).
    InUse(PathBuf),
    NotAllowed {
        login: String,
        what: &'static str,
    },
    /// Someone else saved the dossier after it was read: nothing was overwritten.
    Stale {
        code: String,
        by: String,
        at: String,
        /// The version the dossier is at now.
        version: i64,
    },
    Move {
        code: String,
        why: MoveRefused,
    },
    ApologyTwice(String),
    /// The dossier is no longer pending: nothing more to assign, remind or apologise for.
    Closed(String),
    ApologyTooLate(String),
    Invalid(String),
    /// Another process has the database open (restore refuses), named by the OS.
    InUseBy {
        path: PathBuf,
        pid: i32,
        login: String,
    },
    /// A write waited too long for another process's write, which the OS names.
    BusyBy {
        pid: i32,
        login: String,
    },
    /// The folder of the database cannot be written: SQLite cannot make the -wal and -shm files.
    FolderReadOnly(PathBuf),
    /// The -wal file is gone while the database is still open elsewhere.
    WalMissing(PathBuf),
    /// An SQLite file whose pages are damaged.
    Damaged(PathBuf),
    /// The audit key beside the database is missing: nothing that appends an event is written.
    NoKey,
    /// The audit key exists but this process may not read it.
    KeyUnreadable(PathBuf),
}

impl Refusal {
    /// Turns SQLite's failures that a person can do something about into words.
    pub fn from_sqlite(e: rusqlite::Error) -> anyhow::Error {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DatabaseBusy) | Some(DatabaseLocked) => Refusal::Busy.into(),
            Some(ReadOnly) => Refusal::ReadOnly.into(),
            Some(DiskFull) => Refusal::DiskFull.into(),
            Some(DatabaseCorrupt) | Some(NotADatabase) => Refusal::Corrupt.into(),
            Some(SystemIoFailure) => Refusal::WriteFailed.into(),
            _ => e.into(),
        }
    }

    /// The same, for an error that may carry a SQLite failure inside.
    pub fn from_any(e: anyhow::Error) -> anyhow::Error {
        match e.downcast::<rusqlite::Error>() {
            Ok(sqlite) => Refusal::from_sqlite(sqlite),
            Err(other) => other,
        }
    }
}

/// The status as the Vietnamese forms print it, whatever the screen language.
pub fn status_vi(s: Status) -> &'static str {
    match s {
        Status::Received => "Đã tiếp nhận",
        Status::InProgress => "Đang xử lý",
        Status::Supplement => "Chờ bổ sung",
        Status::Ready => "Có kết quả, chờ trả",
        Status::Returned => "Đã trả kết quả",
        Status::Rejected => "Từ chối giải quyết",
        Status::Withdrawn => "Công dân rút hồ sơ",
    }
}

/// The status in the current language.
pub fn status_label(s: Status) -> &'static str {
    tr(
        status_vi(s),
        match s {
            Status::Received => "Received",
            Status::InProgress => "In progress",
            Status::Supplement => "Awaiting supplement",
            Status::Ready => "Result ready",
            Status::Returned => "Returned",
            Status::Rejected => "Rejected",
            Status::Withdrawn => "Withdrawn",
        },
    )
}

pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::Clerk => tr("cán bộ tiếp nhận", "clerk"),
        Role::Handler => tr("chuyên viên xử lý", "handler"),
        Role::Head => tr("trưởng bộ phận", "office head"),
    }
}

/// A label written "Vietnamese / English" (kept in one literal where it is used), in the
/// current language.
pub fn bilingual(label: &str) -> &str {
    label.split_once(" / ").map(|(vi, en)| tr(vi, en)).unwrap_or(label)
}

/// Why a status move was refused, in words.
pub fn move_refused_text(why: &MoveRefused) -> String {
    match why {
        MoveRefused::SameStatus => tr("hồ sơ đã ở trạng thái này", "the dossier is already in that status").into(),
        MoveRefused::NotAllowed { from, to } => {
            format!("{} «{}» → «{}»", tr("không được chuyển", "cannot move"), status_label(*from), status_label(*to))
        }
        MoveRefused::WrongRole { to, allowed } => {
            let who: Vec<&str> = allowed.iter().map(|r| role_label(*r)).collect();
            format!("{} «{}»: {}", tr("chỉ", "only"), status_label(*to), who.join(", ")).replacen(
                ':',
                tr(" do", " by"),
                1,
            )
        }
        MoveRefused::ReasonRequired => tr("cần ghi lý do", "a reason is required").into(),
    }
}

/// Why a procedure stays inactive.
pub fn no_time_limit() -> &'static str {
    tr(
        "chưa có thời hạn giải quyết nên chưa áp dụng được — ghi số ngày hoặc số giờ làm việc trước",
        "has no time limit, so it cannot be active — set working days or hours first",
    )
}

/// Why a catalogue row was refused (issue 9 item 7), in words.
pub fn catalogue_problem_text(p: &crate::domain::catalogue::CatalogueProblem) -> String {
    use crate::domain::calendar::{MAX_LIMIT_DAYS, MAX_LIMIT_HOURS};
    use crate::domain::catalogue::CatalogueProblem::*;
    match p {
        DuplicateCode { code, first_line } => format!(
            "{} {code} {} {first_line}",
            tr("mã thủ tục", "procedure code"),
            tr("đã có ở dòng", "is already on line")
        ),
        SilentDeactivation { code } => format!(
            "{code}: {}",
            tr(
                "không có thời hạn giải quyết nên thủ tục đang áp dụng sẽ bị ngừng — ghi thời hạn, hoặc ghi rõ active = 0 nếu muốn ngừng",
                "no time limit, so this active procedure would stop being offered — give a limit, or say active = 0 to stop it"
            )
        ),
        ActiveWithoutLimit { code } => format!("{code}: {}", no_time_limit()),
        DaysOutOfRange { code, days } => format!(
            "{code}: {days} {} 0–{MAX_LIMIT_DAYS} {}",
            tr("ngày — thời hạn chỉ từ", "days — a time limit is"),
            tr("ngày", "days")
        ),
        HoursOutOfRange { code, hours } => format!(
            "{code}: {hours} {} 1–{MAX_LIMIT_HOURS} {}",
            tr("giờ — thời hạn chỉ từ", "hours — a time limit is"),
            tr("giờ làm việc", "working hours")
        ),
    }
}

pub fn holidays_changed_meanwhile(day: chrono::NaiveDate) -> String {
    format!(
        "{} {}: {}",
        tr("ngày", "day"),
        day.format("%d/%m/%Y"),
        tr(
            "lịch nghỉ vừa được sửa ở nơi khác — không áp dụng gì, hãy xem lại",
            "the holiday table was just changed elsewhere — nothing applied, look again"
        )
    )
}

pub fn refusal_reason_required() -> &'static str {
    tr(
        "cần ghi lý do từ chối tiếp nhận (in trên Mẫu 03)",
        "a reason for refusing the dossier is required (it is printed on form 03)",
    )
}

/// A procedure whose time limit is beyond what any procedure's text allows.
pub fn limit_out_of_range(code: &str) -> String {
    format!(
        "{code}: {}",
        tr(
            "thời hạn giải quyết phải từ 0 đến 365 ngày hoặc từ 1 đến 720 giờ làm việc",
            "the time limit must be 0–365 days or 1–720 working hours",
        )
    )
}

/// A due date or appointment too far from the day of receipt to be meant.
pub fn date_out_of_range(what: &str, date: chrono::NaiveDate) -> String {
    format!(
        "{what} {}: {}",
        date.format("%d/%m/%Y"),
        tr("quá xa ngày tiếp nhận (tối đa 2 năm)", "too far from the day of receipt (2 years at most)")
    )
}

pub fn login_taken(login: &str) -> String {
    format!("«{login}» {}", tr("đã có trong danh sách cán bộ", "is already on the staff list"))
}

pub fn bad_agency_code(code: &str) -> String {
    format!(
        "{} «{code}»: {}",
        tr("mã cơ quan", "agency code"),
        tr("phải có dạng 000.00.00.H00 (QCVN 102:2016)", "must look like 000.00.00.H00 (QCVN 102:2016)")
    )
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = |p: &PathBuf| p.display().to_string();
        let s = match self {
            Refusal::Missing(path) => format!(
                "{} {} — {}",
                tr("không có tệp", "no such file"),
                p(path),
                tr("tạo bằng `motcua init`", "create it with `motcua init`")
            ),
            Refusal::Exists(path) => {
                format!("{} {}", tr("tệp đã có, không ghi đè:", "file exists, not overwritten:"), p(path))
            }
            Refusal::NoDirectory(path) => format!("{} {}", tr("không có thư mục", "no such directory"), p(path)),
            Refusal::NotMotcua(path) => format!(
                "{} {}",
                p(path),
                tr("không phải cơ sở dữ liệu motcua (hoặc đã hỏng)", "is not a motcua database (or is damaged)")
            ),
            Refusal::Newer { found, known } => format!(
                "{} ({found} > {known}) — {}",
                tr("cơ sở dữ liệu của phiên bản motcua mới hơn", "the database is from a newer motcua"),
                tr("hãy cập nhật motcua", "update motcua")
            ),
            Refusal::ReadOnly => tr(
                "cơ sở dữ liệu chỉ đọc: không lưu được — kiểm tra quyền ghi của tệp và thư mục chứa nó",
                "the database is read-only: nothing was saved — check the permissions of the file and its folder",
            )
            .into(),
            Refusal::DiskFull => tr(
                "đĩa đầy: không lưu được, dữ liệu cũ vẫn nguyên — giải phóng dung lượng rồi thử lại",
                "the disk is full: nothing was saved, earlier data is intact — free space and retry",
            )
            .into(),
            Refusal::WriteFailed => tr(
                "không ghi được xuống đĩa (đĩa đầy hoặc hỏng): không lưu gì, dữ liệu cũ vẫn nguyên — báo người quản trị máy chủ",
                "could not write to the disk (full or failing): nothing was saved, earlier data is intact — tell the server's administrator",
            )
            .into(),
            Refusal::Corrupt => tr(
                "tệp cơ sở dữ liệu bị hỏng — khôi phục bản sao lưu mới nhất bằng `motcua restore`",
                "the database file is damaged — restore the latest backup with `motcua restore`",
            )
            .into(),
            Refusal::Busy => tr(
                "cơ sở dữ liệu đang bận quá lâu — thử lại sau giây lát",
                "the database stayed busy too long — retry in a moment",
            )
            .into(),
            Refusal::NoSuchDossier(c) => format!("{} {c}", tr("không có hồ sơ", "no dossier")),
            Refusal::NoSuchProcedure(c) => format!("{} {c}", tr("không có thủ tục", "no procedure")),
            Refusal::ProcedureInactive(c) => format!(
                "{} {c} {}",
                tr("thủ tục", "procedure"),
                tr("chưa có thời hạn giải quyết (chưa kích hoạt)", "has no time limit yet (inactive)")
            ),
            Refusal::UnknownStaff(l) => format!(
                "{} «{l}» {}",
                tr("người dùng", "user"),
                tr(
                    "chưa có trong danh sách cán bộ, chỉ được xem — trưởng bộ phận thêm bằng `motcua staff add`",
                    "is not on the staff list and may only look — the office head adds it with `motcua staff add`"
                )
            ),
            Refusal::Disabled(l) => format!(
                "{} «{l}» {}",
                tr("người dùng", "user"),
                tr(
                    "đã bị khóa — chỉ được xem; trưởng bộ phận mở lại bằng `motcua staff add`",
                    "is disabled — may only look; the office head re-enables it with `motcua staff add`"
                )
            ),
            Refusal::LastHead(l) => format!(
                "«{l}»: {}",
                tr(
                    "là trưởng bộ phận duy nhất còn hoạt động — thêm trưởng bộ phận khác trước",
                    "is the only active office head — add another head first"
                )
            ),
            Refusal::InUse(path) => format!(
                "{} {} — {}",
                p(path),
                tr("đang có người dùng", "is in use"),
                tr(
                    "mọi người thoát motcua rồi thử lại; không ghi đè gì",
                    "ask everyone to quit motcua and retry; nothing was overwritten"
                )
            ),
            Refusal::NotAllowed { login, what } => {
                let what = bilingual(what);
                format!("«{login}» {} {what}", tr("không có quyền", "may not"))
            }
            Refusal::Stale { code, by, at, version } => format!(
                "{} {code} {} {by} {} {at} ({} {version}) — {}",
                tr("hồ sơ", "dossier"),
                tr("vừa được", "was just changed by"),
                tr("sửa lúc", "at"),
                tr("nay là phiên bản", "now version"),
                tr("không ghi đè; đã tải lại", "nothing overwritten; reloaded")
            ),
            Refusal::Move { code, why } => format!("{code}: {}", move_refused_text(why)),
            Refusal::Closed(c) => format!("{c}: {}", tr("hồ sơ đã xong", "the dossier is closed")),
            Refusal::ApologyTwice(c) => format!(
                "{c}: {}",
                tr("đã gửi thư xin lỗi một lần (chỉ được một lần)", "an apology was already sent (only once)")
            ),
            Refusal::ApologyTooLate(c) => format!(
                "{c}: {}",
                tr("ngày hẹn mới phải sau hạn giải quyết", "the new appointment must be after the due date")
            ),
            Refusal::Invalid(m) => m.clone(),
            Refusal::InUseBy { path, pid, login } => format!(
                "{} {} {login} (pid {pid}) — {}",
                p(path),
                tr("đang được dùng bởi", "is in use by"),
                tr(
                    "mọi người thoát motcua rồi thử lại; không ghi đè gì",
                    "ask everyone to quit motcua and retry; nothing was overwritten"
                )
            ),
            Refusal::BusyBy { pid, login } => format!(
                "{} {login} (pid {pid}) — {}",
                tr("cơ sở dữ liệu đang bận quá lâu: đang ghi là", "the database stayed busy too long: the writer is"),
                tr(
                    "không lưu gì; thử lại sau giây lát, hoặc hỏi người đó",
                    "nothing was saved; retry in a moment, or ask them"
                )
            ),
            Refusal::FolderReadOnly(dir) => format!(
                "{} {} — {}",
                tr("không ghi được vào thư mục", "cannot write in the folder"),
                p(dir),
                tr(
                    "motcua cần tạo tệp -wal và -shm bên cạnh cơ sở dữ liệu; quản trị viên chạy `sudo motcua setup …` hoặc cấp quyền ghi",
                    "motcua must make the -wal and -shm files beside the database; the administrator runs `sudo motcua setup …` or grants write access"
                )
            ),
            Refusal::WalMissing(path) => format!(
                "{} {} {}",
                tr("tệp nhật ký ghi (WAL) của", "the write-ahead log (WAL) of"),
                p(path),
                tr(
                    "đã bị xóa trong khi cơ sở dữ liệu đang mở: mọi người thoát motcua để không mất thêm gì, rồi chạy `motcua check`",
                    "was deleted while the database was open: ask everyone to quit motcua so nothing more is lost, then run `motcua check`"
                )
            ),
            Refusal::Damaged(path) => format!(
                "{} {} — {}",
                p(path),
                tr("bị hỏng", "is damaged"),
                tr(
                    "khôi phục bản sao lưu mới nhất: `motcua restore --force BẢN_SAO` (tệp hỏng được giữ lại bên cạnh)",
                    "restore the latest backup: `motcua restore --force COPY` (the damaged file is kept beside it)"
                )
            ),
            Refusal::NoKey => tr(
                "thiếu khóa kiểm toán bên cạnh cơ sở dữ liệu (tệp .key) — quản trị viên chạy `sudo motcua setup …` để tạo lại",
                "the audit key beside the database (the .key file) is missing — the administrator runs `sudo motcua setup …` to make it",
            )
            .into(),
            Refusal::KeyUnreadable(path) => format!(
                "{} {} — {}",
                tr("không đọc được khóa kiểm toán", "cannot read the audit key"),
                p(path),
                tr(
                    "dùng motcua đã cài (setgid) hoặc nhờ quản trị viên chạy `sudo motcua setup …`",
                    "use the installed (setgid) motcua, or ask the administrator to run `sudo motcua setup …`"
                )
            ),
        };
        f.write_str(&s)
    }
}

impl std::error::Error for Refusal {}
