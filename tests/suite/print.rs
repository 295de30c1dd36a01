//! Printing end to end through `motcua print`: file naming, the terminal pass-through
//! framing, the spooler (`lp`) missing or failing, and retrying after a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use motcua::forms::print::{passthrough_bytes, print, Destination, PrintError, Printout};

const CODE: &str = "000.17.22.H56-240207-0001";

struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn new() -> Office {
        let office = Office { dir: tempfile::tempdir().unwrap() };
        office.ok(&["init", "--agency-code", "000.17.22.H56", "--agency-name", "UBND xã An Bình"]);
        office.ok(&["staff", "add", "lan", "--name", "Nguyễn Thị Lan", "--role", "head"]);
        let added = office.ok(&[
            "dossier",
            "add",
            "--procedure",
            "1.000689",
            "--name",
            "Trần Thị Hồng Nhung",
            "--phone",
            "0912345678",
        ]);
        assert!(String::from_utf8_lossy(&added.stdout).contains(CODE));
        office
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
        c.arg("--db")
            .arg(self.path("motcua.db"))
            .args(args)
            .env("MOTCUA_NOW", "2024-02-07T08:15:00+07:00")
            .env("MOTCUA_USER", "lan")
            .env_remove("MOTCUA_LANG")
            .env_remove("MOTCUA_PRINTER")
            .env_remove("MOTCUA_DB");
        c
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.cmd(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn file_destination_names_files_by_code_and_form() {
    let office = Office::new();
    let dir = office.path("forms");
    let to = format!("file:{}", dir.display());
    office.ok(&["print", CODE, "--to", &to]);
    office.ok(&["print", CODE, "--form", "05", "--to", &to]);
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!("{CODE}-mau01.pdf"),
            format!("{CODE}-mau01.txt"),
            format!("{CODE}-mau05.pdf"),
            format!("{CODE}-mau05.txt"),
        ]
    );
    let receipt = std::fs::read_to_string(dir.join(format!("{CODE}-mau01.txt"))).unwrap();
    assert!(receipt.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") && receipt.contains("Trần Thị Hồng Nhung"));
    assert!(receipt.lines().last().unwrap().contains("Nguyễn Thị Lan"), "the clerk's full name signs");
    let sheet = std::fs::read_to_string(dir.join(format!("{CODE}-mau05.txt"))).unwrap();
    assert!(sheet.contains("1. Tiếp nhận hồ sơ") && sheet.contains("Nhận: Nguyễn Thị Lan"), "{sheet}");
}

#[test]
fn motcua_printer_chooses_the_destination() {
    let office = Office::new();
    let dir = office.path("from-env");
    let out = office.cmd(&["print", CODE]).env("MOTCUA_PRINTER", format!("file:{}", dir.display())).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join(format!("{CODE}-mau01.pdf")).exists());
}

#[test]
fn passthrough_frames_the_pdf_between_printer_on_and_off() {
    let office = Office::new();
    let dir = office.path("forms");
    office.ok(&["print", CODE, "--to", &format!("file:{}", dir.display())]);
    let pdf = std::fs::read(dir.join(format!("{CODE}-mau01.pdf"))).unwrap();
    let out = office.ok(&["print", CODE, "--to", "passthrough"]);
    let mut expected = b"\x1b[5i".to_vec();
    expected.extend_from_slice(&pdf);
    expected.extend_from_slice(b"\x1b[4i");
    assert!(out.stdout.starts_with(&expected), "ESC [5i, the same PDF, ESC [4i");
    let after = String::from_utf8_lossy(&out.stdout[expected.len()..]).to_string();
    assert!(after.starts_with("Đã in mẫu 01") && !after.contains('\x1b'), "{after:?}");
}

#[test]
fn passthrough_of_text_has_crlf_line_ends() {
    let job = Printout { stem: "x-mau01".into(), text: "Mã hồ sơ\nHẹn trả\n".into(), pdf: None };
    let expected = [b"\x1b[5i".as_slice(), "Mã hồ sơ\r\nHẹn trả\r\n".as_bytes(), b"\x1b[4i"].concat();
    assert_eq!(passthrough_bytes(&job), expected);
    let mut terminal = Vec::new();
    print(&Destination::Passthrough, &job, &mut terminal).unwrap();
    assert_eq!(terminal, expected);
}

#[test]
fn lp_missing_says_so_and_nothing_else_changes() {
    let office = Office::new();
    let out = office.cmd(&["print", CODE, "--to", "lp:HP_LaserJet"]).env("PATH", "").output().unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("không có lệnh lp") && err.contains("hồ sơ vẫn được lưu"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
    let en = office.cmd(&["print", CODE, "--to", "lp"]).env("PATH", "").env("MOTCUA_LANG", "en").output().unwrap();
    assert!(stderr(&en).contains("the server has no lp command"), "{}", stderr(&en));
    // The dossier is untouched and still prints elsewhere.
    let shown = office.ok(&["dossier", "show", CODE, "--format", "json"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!((shown["version"].as_i64(), shown["status"].as_str()), (Some(1), Some("received")));
}

/// A stand-in `lp` that records its arguments and input, or fails like CUPS does.
fn fake_lp(dir: &Path, fail: bool) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = if fail {
        "#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n".to_string()
    } else {
        format!(
            "#!/bin/sh\necho \"$@\" > {0}/lp-args\ncat > {0}/lp-input\necho 'request id is HP_LaserJet-7 (1 file(s))'\n",
            dir.display()
        )
    };
    let lp = bin.join("lp");
    std::fs::write(&lp, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn path_with(bin: &Path) -> String {
    format!("{}:/usr/bin:/bin", bin.display())
}

#[cfg(unix)]
#[test]
fn lp_gets_the_pdf_and_the_printer_name() {
    let office = Office::new();
    let bin = fake_lp(office.dir.path(), false);
    let out = office.cmd(&["print", CODE, "--to", "lp:HP_LaserJet"]).env("PATH", path_with(&bin)).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let args = std::fs::read_to_string(office.path("lp-args")).unwrap();
    assert_eq!(args.trim(), format!("-d HP_LaserJet -t {CODE}-mau01"));
    let input = std::fs::read(office.path("lp-input")).unwrap();
    assert!(input.starts_with(b"%PDF-") && input.ends_with(b"%%EOF\n"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("request id is HP_LaserJet-7"));
}

#[cfg(unix)]
#[test]
fn lp_failure_is_reported_with_the_spooler_words() {
    let office = Office::new();
    let bin = fake_lp(office.dir.path(), true);
    let out = office.cmd(&["print", CODE, "--to", "lp:Nope"]).env("PATH", path_with(&bin)).output().unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("lp không in được trên Nope") && err.contains("The printer or class does not exist"), "{err}");
}

#[test]
fn a_failed_file_print_can_be_retried() {
    let office = Office::new();
    let blocker = office.path("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let out = office.cmd(&["print", CODE, "--to", &format!("file:{}", blocker.display())]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("không ghi được"), "{}", stderr(&out));
    let good = office.path("forms");
    office.ok(&["print", CODE, "--to", &format!("file:{}", good.display())]);
    let names: Vec<_> = std::fs::read_dir(&good).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "the .txt and .pdf, no temporary files left: {names:?}");
}

#[test]
fn bad_destination_and_form_are_one_clear_line() {
    let office = Office::new();
    let out = office.cmd(&["print", CODE, "--to", "printer9"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("printer9: không rõ nơi in"), "{}", stderr(&out));
    let out = office.cmd(&["print", CODE, "--form", "07", "--to", "passthrough"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--form 07"), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing reached the printer");
    let out = office.cmd(&["print", "000.17.22.H56-240207-0099", "--to", "passthrough"]).output().unwrap();
    assert!(stderr(&out).contains("không có hồ sơ"), "{}", stderr(&out));
    assert!(matches!(Destination::parse("ftp:x"), Err(PrintError::BadDestination(_))));
}

#[test]
fn recorded_reasons_fill_the_refusal() {
    let office = Office::new();
    office.ok(&["dossier", "move", CODE, "rejected", "--note", "Không thuộc thẩm quyền của UBND xã"]);
    let dir = office.path("forms");
    office.ok(&["print", CODE, "--form", "03", "--to", &format!("file:{}", dir.display())]);
    let text = std::fs::read_to_string(dir.join(format!("{CODE}-mau03.txt"))).unwrap();
    assert!(text.contains("   Không thuộc thẩm quyền của UBND xã"), "{text}");
}
