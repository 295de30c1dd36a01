//! The papers end to end through the command line: the office settings, the sets and the
//! appointment kept from intake, the supplement request saved and reprinted, and forms 03
//! and 04 only where a refusal or an apology exists. Dates are worked out by hand on the
//! 2024 calendar (Tết: days off Thursday 08/02 to Wednesday 14/02).

use std::path::PathBuf;
use std::process::{Command, Output};

struct Office {
    dir: tempfile::TempDir,
}

const CODE: &str = "000.17.22.H56-240207-0001";

impl Office {
    fn new() -> Office {
        let office = Office { dir: tempfile::tempdir().unwrap() };
        office.ok(
            "2024-02-07T08:00:00+07:00",
            "truong",
            &[
                "init",
                "--agency-code",
                "000.17.22.H56",
                "--agency-name",
                "UBND xã An Bình",
                "--head-name",
                "Phạm Quốc Hùng",
            ],
        );
        office.ok(
            "2024-02-07T08:00:00+07:00",
            "truong",
            &["staff", "add", "lan", "--name", "Nguyễn Thị Lan", "--role", "clerk"],
        );
        office.ok(
            "2024-02-07T08:00:00+07:00",
            "truong",
            &["staff", "add", "binh", "--name", "Lê Văn Bình", "--role", "handler"],
        );
        office
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, now: &str, user: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_motcua"))
            .arg("--db")
            .arg(self.path("motcua.db"))
            .args(args)
            .env("MOTCUA_NOW", now)
            .env("MOTCUA_USER", user)
            .env_remove("MOTCUA_LANG")
            .env_remove("MOTCUA_PRINTER")
            .env_remove("MOTCUA_DB")
            .output()
            .unwrap()
    }

    fn ok(&self, now: &str, user: &str, args: &[&str]) -> String {
        let out = self.run(now, user, args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn fails(&self, now: &str, user: &str, args: &[&str]) -> String {
        let out = self.run(now, user, args);
        assert!(!out.status.success(), "{args:?} should fail: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stderr).to_string()
    }

    /// The text of form `form` of `code`, printed to files.
    fn form(&self, now: &str, user: &str, code: &str, form: &str, extra: &[&str]) -> String {
        let dir = self.path("forms");
        let to = format!("file:{}", dir.display());
        let mut args = vec!["print", code, "--form", form, "--to", &to];
        args.extend_from_slice(extra);
        self.ok(now, user, &args);
        std::fs::read_to_string(dir.join(format!("{code}-mau{form}.txt"))).unwrap()
    }
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn settings_show_and_set_by_the_head_only() {
    let o = Office::new();
    let shown = o.ok("2024-02-07T08:00:00+07:00", "truong", &["settings"]);
    assert!(shown.lines().any(|l| l.starts_with("head_name") && l.contains("Phạm Quốc Hùng")), "{shown}");
    assert!(shown.lines().any(|l| l.starts_with("agency_name") && l.contains("UBND xã An Bình")), "{shown}");
    o.ok("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "place", "An Bình"]);
    o.ok("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "head_title", "Chủ tịch"]);
    let err = o.fails("2024-02-07T08:00:00+07:00", "lan", &["settings", "set", "place", "Hà Nội"]);
    assert!(err.contains("lan"), "{err}");
    let err = o.fails("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "email", "not-an-address"]);
    assert!(err.contains("email") && err.contains("not-an-address"), "{err}");
    let err = o.fails("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "colour", "blue"]);
    assert!(err.contains("colour") && err.contains("head_name"), "names the keys: {err}");
    let shown = o.ok("2024-02-07T08:00:00+07:00", "lan", &["settings"]);
    assert!(shown.lines().any(|l| l.starts_with("place") && l.contains("An Bình")), "{shown}");
    assert!(!shown.contains("Hà Nội"));
}

#[test]
fn the_receipt_keeps_what_was_given_at_intake_after_a_supplement_and_an_apology() {
    let o = Office::new();
    o.ok("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "place", "An Bình"]);
    // Wednesday 07/02/2024 10:05; 3 working days after Tết: 15/02, 16/02, Monday 19/02.
    let added = o.ok(
        "2024-02-07T10:05:00+07:00",
        "lan",
        &["dossier", "add", "--procedure", "1.000689", "--name", "Trần Thị Hồng Nhung", "--sets", "2"],
    );
    assert!(added.contains(CODE), "{added}");
    assert!(added.contains("19/02/2024"), "the calendar gives 19/02: {added}");
    let receipt = o.form("2024-02-07T10:06:00+07:00", "lan", CODE, "01", &[]);
    assert!(receipt.contains("2. Số lượng hồ sơ: 02 (bộ)"), "{receipt}");
    assert!(
        receipt.contains("5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 19/02/2024"),
        "{receipt}"
    );
    assert!(receipt.contains("An Bình, ngày 07 tháng 02 năm 2024"));
    assert!(flat(&receipt).contains("Quyển số: 2024 Số thứ tự: 1"), "{receipt}");

    // Before any refusal or apology there is no Mẫu 03 or 04 to print.
    let err =
        o.fails("2024-02-08T09:00:00+07:00", "lan", &["print", CODE, "--form", "03", "--to", "file:/nonexistent"]);
    assert!(err.contains("không bị từ chối"), "{err}");
    let err =
        o.fails("2024-02-08T09:00:00+07:00", "lan", &["print", CODE, "--form", "04", "--to", "file:/nonexistent"]);
    assert!(err.contains("xin lỗi"), "{err}");

    o.ok("2024-02-15T07:45:00+07:00", "binh", &["dossier", "move", CODE, "in_progress"]);
    // A request during processing stops the clock: the move to supplement comes first.
    let err = o.fails(
        "2024-02-15T15:00:00+07:00",
        "binh",
        &["print", CODE, "--form", "02", "--paper", "x", "--to", "file:/nonexistent"],
    );
    assert!(err.contains("dossier move"), "{err}");
    o.ok("2024-02-15T15:20:00+07:00", "binh", &["dossier", "move", CODE, "supplement", "--note", "thiếu giấy tờ"]);
    let request = o.form(
        "2024-02-15T15:25:00+07:00",
        "binh",
        CODE,
        "02",
        &["--paper", "Bản sao giấy tờ tùy thân của người nhận cha", "--reason", "Chưa có giấy tờ nhân thân."],
    );
    assert!(flat(&request).contains("1. Bản sao giấy tờ tùy thân của người nhận cha"), "{request}");
    assert!(request.contains("An Bình, ngày 15 tháng 02 năm 2024") && request.contains("Số: YC-1"), "{request}");
    assert!(request.lines().last().unwrap().contains("Lê Văn Bình"));
    // Given once: a second request is refused; printing again without papers reprints the first.
    let err = o.fails(
        "2024-02-16T08:00:00+07:00",
        "binh",
        &["print", CODE, "--form", "02", "--paper", "x", "--to", "file:/nonexistent"],
    );
    assert!(err.contains("YC-1"), "{err}");
    let again = o.form("2024-02-20T07:40:00+07:00", "lan", CODE, "02", &[]);
    assert_eq!(again, request, "the reprint is the request as given");

    // Resumed Tuesday 20/02 with 2 working days left: 21/02, Thursday 22/02.
    o.ok("2024-02-20T08:00:00+07:00", "lan", &["dossier", "move", CODE, "in_progress"]);
    let err = o.fails(
        "2024-02-21T09:00:00+07:00",
        "binh",
        &["dossier", "apologize", CODE, "--new-date", "2024-02-22", "--reason", "x"],
    );
    assert!(!err.is_empty());
    o.ok(
        "2024-02-21T09:00:00+07:00",
        "binh",
        &["dossier", "apologize", CODE, "--new-date", "2024-02-27", "--reason", "Cần xác minh thêm tại nơi cư trú cũ."],
    );
    let apology = o.form("2024-02-21T09:05:00+07:00", "binh", CODE, "04", &[]);
    let words = flat(&apology);
    assert!(apology.contains("An Bình, ngày 21 tháng 02 năm 2024"), "{apology}");
    assert!(words.contains("hẹn trả kết quả là 10 giờ 05 phút, ngày 19/02/2024."), "{apology}");
    assert!(words.contains("vào 07 giờ 30 phút, ngày 27/02/2024."), "{apology}");
    assert!(words.contains("Cần xác minh thêm tại nơi cư trú cũ."), "{apology}");
    assert_eq!(apology.lines().last().unwrap().trim(), "Phạm Quốc Hùng");

    let receipt_after = o.form("2024-02-21T09:10:00+07:00", "lan", CODE, "01", &[]);
    assert_eq!(receipt_after, receipt, "an apology never rewrites the receipt");
}

#[test]
fn a_refused_dossier_prints_its_refusal_dated_the_day_it_was_refused() {
    let o = Office::new();
    o.ok("2024-02-07T10:05:00+07:00", "lan", &["dossier", "add", "--procedure", "1.000689", "--name", "Đỗ Văn Tú"]);
    o.ok("2024-02-15T08:00:00+07:00", "binh", &["dossier", "move", CODE, "in_progress"]);
    o.ok(
        "2024-02-16T09:30:00+07:00",
        "binh",
        &["dossier", "move", CODE, "rejected", "--note", "Không thuộc thẩm quyền của UBND xã."],
    );
    let refusal = o.form("2024-03-01T08:00:00+07:00", "lan", CODE, "03", &[]);
    assert!(refusal.contains(", ngày 16 tháng 02 năm 2024"), "{refusal}");
    assert!(refusal.contains("Không thuộc thẩm quyền của UBND xã."));
    assert_eq!(refusal.lines().last().unwrap().trim(), "Lê Văn Bình");
}

#[test]
fn a_head_without_a_full_name_is_never_printed_as_a_login() {
    let o = Office { dir: tempfile::tempdir().unwrap() };
    o.ok("2024-02-07T08:00:00+07:00", "truong", &["init", "--agency-code", "000.17.22.H56"]);
    o.ok("2024-02-07T10:05:00+07:00", "truong", &["dossier", "add", "--procedure", "1.000689", "--name", "Đỗ Văn Tú"]);
    let receipt = o.form("2024-02-07T10:06:00+07:00", "truong", CODE, "01", &[]);
    assert!(!receipt.split_whitespace().any(|w| w == "truong"), "{receipt}");
}

#[test]
fn a_refusal_at_intake_prints_without_a_dossier() {
    use motcua::domain::dossier::{Channel, Procedure};
    use motcua::domain::status::Role;
    use motcua::store::{NewDossier, Settings, Staff};
    let settings =
        Settings { agency_name: "UBND xã An Bình".into(), place: "An Bình".into(), ..Settings::default() };
    let staff =
        [Staff { login: "lan".into(), full_name: "Nguyễn Thị Lan".into(), role: Role::Clerk, active: true }];
    let procedure = Procedure::new("1.000689", "Đăng ký khai sinh", "Hộ tịch", 3);
    let nd = NewDossier {
        procedure_code: "1.000689".into(),
        applicant_name: "Đỗ Văn Tú".into(),
        applicant_id: String::new(),
        phone: String::new(),
        email: String::new(),
        address: "Thôn Đông".into(),
        channel: Channel::InPerson,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    };
    let at = chrono::NaiveDate::from_ymd_opt(2024, 2, 15).unwrap().and_hms_opt(9, 40, 0).unwrap();
    let job = motcua::forms::job::intake_refusal_job(
        &settings,
        &staff,
        &procedure,
        &nd,
        "Không thuộc thẩm quyền.",
        "lan",
        at,
    );
    assert!(job.text.contains("An Bình, ngày 15 tháng 02 năm 2024"), "{}", job.text);
    assert!(job.text.contains("Tiếp nhận hồ sơ của: Đỗ Văn Tú") && job.text.contains("Không thuộc thẩm quyền."));
    assert!(!job.text.contains("Mã hồ sơ"), "no code: nothing was registered");
    assert_eq!(job.text.lines().last().unwrap().trim(), "Nguyễn Thị Lan");
    assert_eq!(job.stem, "tiepnhan-20240215-094000-mau03");
}

#[test]
fn the_report_keys_are_set_through_settings_too() {
    let o = Office::new();
    o.ok("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "report.withdrawn", "separate"]);
    let err = o.fails("2024-02-07T08:00:00+07:00", "truong", &["settings", "set", "report.withdrawn", "late"]);
    assert!(err.contains("on_time"), "{err}");
    let shown = o.ok("2024-02-07T08:00:00+07:00", "truong", &["settings"]);
    assert!(shown.lines().any(|l| l.starts_with("report.withdrawn") && l.contains("separate")), "{shown}");
    assert!(shown.lines().any(|l| l.starts_with("report.recipient")), "{shown}");
}

#[test]
fn the_applicants_email_is_kept_shown_and_printed_on_the_receipt() {
    let o = Office::new();
    let add = |email: &str| {
        o.run(
            "2024-02-07T10:05:00+07:00",
            "lan",
            &["dossier", "add", "--procedure", "1.000689", "--name", "Trần Thị Hồng Nhung", "--email", email],
        )
    };
    // Refused, and nothing written: the first good one still gets sequence 1.
    for bad in ["nhung.gmail.com", "nhung@gmail", "nh ung@gmail.com", "nhung@\u{1b}[31mgmail.com"] {
        let out = add(bad);
        assert!(!out.status.success(), "{bad:?} was taken");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("thư điện tử"), "says which field: {err}");
        assert!(!err.contains('\u{1b}'), "no raw escape back to the terminal: {err:?}");
    }
    let long = format!("{}@gmail.com", "a".repeat(250));
    assert!(!add(&long).status.success(), "255+ characters");
    assert!(add("  nhung.tran@gmail.com ").status.success());

    let shown = o.ok("2024-02-07T10:06:00+07:00", "lan", &["dossier", "show", CODE]);
    assert!(shown.lines().any(|l| l.starts_with("Thư điện tử") && l.ends_with("nhung.tran@gmail.com")), "{shown}");
    let json = o.ok("2024-02-07T10:06:00+07:00", "lan", &["dossier", "show", CODE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["email"], "nhung.tran@gmail.com");

    let receipt = o.form("2024-02-07T10:06:00+07:00", "lan", CODE, "01", &[]);
    assert!(flat(&receipt).contains("Email: nhung.tran@gmail.com"), "{receipt}");
    // The logbook's columns are fixed: the email is not one of them.
    let csv = o.ok(
        "2024-02-07T10:06:00+07:00",
        "lan",
        &["export", "dossiers", "--from", "2024-02-01", "--to", "2024-02-29", "--format", "csv"],
    );
    assert!(csv.contains("Trần Thị Hồng Nhung") && !csv.contains("gmail"), "{csv}");
}
