//! The printed forms (DOMAIN §4) for a fixed dossier: golden texts, the 80-cell limit with
//! long Vietnamese names, and the PDF's embedded font and text.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use motcua::domain::calendar::CounterHours;
use motcua::domain::dossier::{Apology, Channel, Dossier, Event, EventKind, OnlineLevel, Paper, Procedure};
use motcua::domain::status::{Role, Status};
use motcua::domain::text::width;
use motcua::forms::steps::steps;
use motcua::forms::{render, render_pdf, Form, FormData, Step};
use motcua::store::{Settings, Staff};
use proptest::prelude::*;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn settings() -> Settings {
    Settings {
        office_kind: "Bộ phận Tiếp nhận và Trả kết quả".into(),
        agency_name: "UBND xã An Bình".into(),
        parent_name: "UBND huyện Điện Biên Đông".into(),
        agency_code: "000.17.22.H56".into(),
        hours: CounterHours::default(),
        place: "An Bình".into(),
        phone: "0215 3812 345".into(),
        head_name: "Phạm Quốc Hùng".into(),
        head_title: "Chủ tịch".into(),
        ..Settings::default()
    }
}

fn staff() -> Vec<Staff> {
    let s = |login: &str, name: &str, role| Staff { login: login.into(), full_name: name.into(), role, active: true };
    vec![
        s("lan", "Nguyễn Thị Lan", Role::Clerk),
        s("binh", "Lê Văn Bình", Role::Handler),
        s("hung", "Phạm Quốc Hùng", Role::Head),
        // A head made by `init` without --head-name: the login is all there is.
        s("truong", "truong", Role::Head),
    ]
}

fn procedure() -> Procedure {
    Procedure {
        fee_vnd: Some(8000),
        online: OnlineLevel::Partial,
        ..Procedure::new("1.000689", "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", "Hộ tịch", 3)
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The dossier's story, with every date worked out by hand on the 2024 calendar (Tết: days off
/// Thursday 08/02 to Wednesday 14/02):
/// - received Wednesday 07/02 10:05, 3 working days: 15/02 (1), 16/02 (2), Monday 19/02 (3),
///   so the receipt says 10 giờ 05 phút, ngày 19/02/2024;
/// - supplement requested Thursday 15/02 15:20 with 2 working days left (16/02, 19/02);
/// - supplement brought Tuesday 20/02 08:00: the 2 days run again, 21/02 and Thursday 22/02;
/// - apology Wednesday 21/02 (one working day before 22/02), new appointment Tuesday 27/02 07:30;
/// - result Monday 26/02 10:30 (after 22/02: late), returned 27/02 14:00.
fn dossier() -> Dossier {
    let paper = |name: &str, original, count| Paper { name: name.into(), original, count };
    Dossier {
        id: 1,
        code: "000.17.22.H56-240207-0003".into(),
        procedure_code: "1.000689".into(),
        procedure_name: procedure().name,
        field: "Hộ tịch".into(),
        applicant_name: "Trần Thị Hồng Nhung".into(),
        applicant_id: "001190012345".into(),
        phone: "0912345678".into(),
        email: String::new(),
        address: "Số 12, thôn Đông Hưng, xã An Bình, huyện Điện Biên Đông, tỉnh Điện Biên".into(),
        channel: Channel::InPerson,
        papers: vec![
            paper("Tờ khai đăng ký khai sinh kết hợp nhận cha, mẹ, con", true, 1),
            paper("Giấy chứng sinh", true, 1),
            paper("Chứng cứ chứng minh quan hệ cha, mẹ, con (kết luận giám định ADN)", false, 2),
        ],
        received_at: at("2024-02-07 10:05"),
        due_at_intake: day(2024, 2, 19),
        appointment_at_intake: at("2024-02-19 10:05"),
        due_date: day(2024, 2, 22),
        paused_days_left: None,
        appointment_at: at("2024-02-27 07:30"),
        resolved_at: Some(at("2024-02-26 10:30")),
        returned_at: Some(at("2024-02-27 14:00")),
        withdrawn_at: None,
        apology: Some(Apology {
            at: at("2024-02-21 09:00"),
            new_appointment: at("2024-02-27 07:30"),
            reason: "Cần xác minh thêm tại nơi cư trú trước đây của người nhận cha.".into(),
        }),
        status: Status::Returned,
        fee_vnd: 8000,
        paid_online: false,
        result_digitized: true,
        satisfaction: None,
        assignee: "binh".into(),
        note: String::new(),
        version: 9,
        updated_at: at("2024-02-27 14:00"),
        updated_by: "lan".into(),
        sets: 2,
        handover: Default::default(),
    }
}

/// The control sheet as typed records; the due dates by hand (see `dossier`).
fn events() -> Vec<Event> {
    use EventKind::*;
    use Status::*;
    let e = |kind, t: &str, actor: &str, from: Option<Status>, to| Event::new(kind, at(t), actor, from, to);
    vec![
        e(Intake, "2024-02-07 10:05", "lan", None, Received),
        Event {
            assignee_from: Some(String::new()),
            assignee_to: Some("binh".into()),
            ..e(Assign, "2024-02-07 10:20", "lan", Some(Received), Received)
        },
        e(Move, "2024-02-15 07:45", "binh", Some(Received), InProgress),
        Event {
            reason: "thiếu bản sao giấy tờ tùy thân của người nhận cha".into(),
            ..e(Pause, "2024-02-15 15:20", "binh", Some(InProgress), Supplement)
        },
        Event {
            due_before: Some(day(2024, 2, 19)),
            due_after: Some(day(2024, 2, 22)),
            note: "đã nhận bổ sung".into(),
            ..e(Resume, "2024-02-20 08:00", "lan", Some(Supplement), InProgress)
        },
        Event {
            appointment_after: Some(at("2024-02-27 07:30")),
            reason: "cần xác minh".into(),
            ..e(Apology, "2024-02-21 09:00", "hung", Some(InProgress), InProgress)
        },
        e(Move, "2024-02-26 10:30", "binh", Some(InProgress), Ready),
        e(Move, "2024-02-27 14:00", "lan", Some(Ready), Returned),
    ]
}

struct Fixture {
    settings: Settings,
    dossier: Dossier,
    steps: Vec<Step>,
    procedure: Procedure,
    to_add: Vec<String>,
}

fn fixture() -> Fixture {
    let d = dossier();
    let steps = steps(&d, &events(), &staff(), "Bộ phận Tiếp nhận và Trả kết quả");
    Fixture {
        settings: settings(),
        dossier: d,
        steps,
        procedure: procedure(),
        to_add: vec![
            "Bản sao giấy tờ tùy thân của người nhận cha".into(),
            "Tờ khai ký lại: chữ ký người đi đăng ký chưa khớp".into(),
        ],
    }
}

/// Each form as it is printed for its act: the receipt at intake, the request when it was
/// given, the refusal, the apology, the control sheet.
fn data<'a>(f: &'a Fixture, form: Form) -> FormData<'a> {
    let (clerk, act_at, reason) = match form {
        Form::Receipt | Form::ControlSheet => ("Nguyễn Thị Lan", at("2024-02-07 10:05"), ""),
        Form::Supplement => {
            ("Lê Văn Bình", at("2024-02-15 15:20"), "Hồ sơ chưa có giấy tờ chứng minh nhân thân của người nhận cha.")
        }
        Form::Refusal => (
            "Nguyễn Thị Lan",
            at("2024-02-07 10:05"),
            "Thủ tục thuộc thẩm quyền của UBND huyện, không thuộc thẩm quyền của UBND xã.",
        ),
        Form::Apology => ("", at("2024-02-21 09:00"), "Cần xác minh thêm tại nơi cư trú trước đây của người nhận cha."),
    };
    FormData {
        steps: &f.steps,
        procedure: Some(&f.procedure),
        number: if form == Form::Supplement { "YC-4" } else { "57/2024" },
        book: Some(("2024", 57)),
        papers_to_add: &f.to_add,
        reason,
        new_appointment: Some(at("2024-02-27 07:30")),
        now: at("2024-03-01 09:00"),
        ..FormData::new(&f.settings, &f.dossier, clerk, act_at)
    }
}

/// The text with line breaks and runs of spaces made single spaces.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn golden_forms() {
    let f = fixture();
    for form in Form::ALL {
        insta::assert_snapshot!(format!("mau{}", form.number()), render(form, &data(&f, form)));
    }
}

#[test]
fn every_form_carries_the_office_header_number_and_the_date_of_its_act() {
    let f = fixture();
    let dated = [
        (Form::Receipt, "An Bình, ngày 07 tháng 02 năm 2024"),
        (Form::Supplement, "An Bình, ngày 15 tháng 02 năm 2024"),
        (Form::Refusal, "An Bình, ngày 07 tháng 02 năm 2024"),
        (Form::Apology, "An Bình, ngày 21 tháng 02 năm 2024"),
        (Form::ControlSheet, "An Bình, ngày 07 tháng 02 năm 2024"),
    ];
    for (form, date_line) in dated {
        let text = render(form, &data(&f, form));
        for must in ["UBND HUYỆN ĐIỆN BIÊN ĐÔNG", "UBND XÃ AN BÌNH", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"]
        {
            assert!(text.contains(must), "Mẫu {}: no {must}", form.number());
        }
        assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && text.contains("Độc lập - Tự do - Hạnh phúc"));
        assert!(text.contains(date_line), "Mẫu {}: no «{date_line}»\n{text}", form.number());
        let number = if form == Form::Supplement { "Số: YC-4" } else { "Số: 57/2024" };
        assert!(text.contains(number), "Mẫu {}: no {number}", form.number());
        assert!(text.contains(&form.title().to_uppercase()), "Mẫu {}: no title", form.number());
        assert!(!text.contains("{{"), "Mẫu {}: unfilled placeholder\n{text}", form.number());
        // Times in words, never "10:05 07/02/2024".
        assert!(!text.contains("10:05"), "Mẫu {}: a time in digits\n{text}", form.number());
    }
}

#[test]
fn receipt_keeps_the_intake_appointment_and_carries_the_book_lines() {
    let f = fixture();
    let text = render(Form::Receipt, &data(&f, Form::Receipt));
    assert!(text.contains("Giấy chứng sinh (bản chính: 1)"));
    assert!(flat(&text).contains("(kết luận giám định ADN) (bản sao: 2)"), "{text}");
    assert!(text.contains("4. Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 07/02/2024"), "{text}");
    // The apology moved the appointment to 27/02; the receipt still says what was promised.
    assert!(text.contains("5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 19/02/2024"), "{text}");
    assert!(!text.contains("27/02/2024"));
    assert!(text.contains("2. Số lượng hồ sơ: 02 (bộ)"));
    assert!(text.contains("3 ngày làm việc"));
    assert!(text.contains("8.000 đồng"));
    assert!(flat(&text).contains("Vào Sổ theo dõi hồ sơ, Quyển số: 2024 Số thứ tự: 57"), "{text}");
    assert!(text.contains("Email: "));
    let last = text.lines().last().unwrap();
    assert!(last.contains("Trần Thị Hồng Nhung") && last.contains("Nguyễn Thị Lan"), "{last}");
}

#[test]
fn supplement_request_lists_what_was_typed_and_whom_to_call() {
    let f = fixture();
    let text = flat(&render(Form::Supplement, &data(&f, Form::Supplement)));
    assert!(text.contains("1. Bản sao giấy tờ tùy thân của người nhận cha"), "{text}");
    assert!(text.contains("2. Tờ khai ký lại: chữ ký người đi đăng ký chưa khớp"));
    assert!(text.contains("Lý do: Hồ sơ chưa có giấy tờ chứng minh nhân thân của người nhận cha."));
    assert!(text.contains("liên hệ với Lê Văn Bình - số điện thoại 0215 3812 345"), "{text}");
    assert!(!text.contains("...."), "nothing left blank: {text}");
}

#[test]
fn apology_names_both_appointments_and_is_signed_by_the_head_with_title() {
    let f = fixture();
    let text = render(Form::Apology, &data(&f, Form::Apology));
    let words = flat(&text);
    assert!(words.contains("Ngày 07/02/2024, Bộ phận Tiếp nhận và Trả kết quả - UBND xã An Bình tiếp nhận"), "{text}");
    assert!(words.contains("Giấy tiếp nhận hồ sơ và hẹn trả kết quả là 10 giờ 05 phút, ngày 19/02/2024."), "{text}");
    assert!(words.contains("hẹn trả kết quả giải quyết hồ sơ vào 07 giờ 30 phút, ngày 27/02/2024."), "{text}");
    let sign: Vec<&str> = text.lines().rev().take(6).collect();
    assert!(sign.iter().any(|l| l.trim() == "CHỦ TỊCH"), "{text}");
    assert_eq!(sign[0].trim(), "Phạm Quốc Hùng");
}

#[test]
fn a_login_is_never_printed_where_a_name_belongs() {
    let f = fixture();
    let mut s = f.settings.clone();
    s.head_name = String::new();
    let text = render(Form::Apology, &FormData { settings: &s, ..data(&f, Form::Apology) });
    assert!(!text.split_whitespace().any(|w| w == "truong" || w == "hung"), "{text}");
    assert_eq!(text.lines().last().unwrap().trim(), "....................", "a line to sign by hand");
    // The head made by init without a name: blank, not "truong".
    assert_eq!(motcua::forms::steps::full_name("truong", &staff()), "");
    assert_eq!(motcua::forms::steps::full_name("lan", &staff()), "Nguyễn Thị Lan");
    let sheet = render(Form::ControlSheet, &data(&f, Form::ControlSheet));
    for login in ["lan", "binh", "hung"] {
        assert!(!sheet.split_whitespace().any(|w| w == login), "{login} on the sheet:\n{sheet}");
    }
}

#[test]
fn control_sheet_judges_each_step_against_its_own_deadline() {
    let f = fixture();
    let text = render(Form::ControlSheet, &data(&f, Form::ControlSheet));
    let block = |when: &str| {
        let lines: Vec<&str> = text.lines().collect();
        let step_line = |l: &&str| l.contains(&format!("Thời gian giao, nhận: {when}"));
        let i = lines.iter().position(step_line).unwrap_or_else(|| panic!("no step at {when}\n{text}"));
        flat(&lines[i - 1..(i + 4).min(lines.len())].join("\n"))
    };
    // Brought back on 20/02, after the 19/02 of the intake: on time, since the clock was
    // stopped and the resume set 22/02. Judged against 22/02 the result on 26/02 is late.
    let intake = block("10 giờ 05 phút, ngày 07/02/2024");
    assert!(intake.contains("Giao: Trần Thị Hồng Nhung (người nộp hồ sơ) Nhận: Nguyễn Thị Lan"), "{intake}");
    assert!(intake.contains("Hạn của bước: 19/02/2024 Kết quả: Trước hạn"), "{intake}");
    let handover = block("10 giờ 20 phút, ngày 07/02/2024");
    assert!(handover.contains("Giao: Nguyễn Thị Lan Nhận: Lê Văn Bình"), "{handover}");
    let resume = block("08 giờ 00 phút, ngày 20/02/2024");
    assert!(resume.contains("Hạn của bước: 22/02/2024 Kết quả: Trước hạn"), "{resume}");
    assert!(resume.contains("Giao: Trần Thị Hồng Nhung (người nộp hồ sơ) Nhận: Nguyễn Thị Lan"), "{resume}");
    let ready = block("10 giờ 30 phút, ngày 26/02/2024");
    assert!(ready.contains("Giao: Lê Văn Bình Nhận: Bộ phận Tiếp nhận và Trả kết quả"), "{ready}");
    assert!(ready.contains("Hạn của bước: 22/02/2024 Kết quả: Quá hạn"), "{ready}");
    let apology = block("09 giờ 00 phút, ngày 21/02/2024");
    assert!(apology.contains("xin lỗi") && apology.contains("Giao: Phạm Quốc Hùng"), "{apology}");
    assert!(text.contains("Kết quả giải quyết hồ sơ: Quá hạn (10 giờ 30 phút, ngày 26/02/2024)"), "{text}");
}

#[test]
fn empty_reason_leaves_a_line_to_write_by_hand() {
    let f = fixture();
    let text = render(Form::Refusal, &FormData { reason: "  ", ..data(&f, Form::Refusal) });
    assert!(text.contains("   ...................."), "{text}");
}

/// The words of `s`, in order, found in `text` (wrapping moves them, never drops them).
fn words_kept(s: &str, text: &str) -> bool {
    let all: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    s.split_whitespace().all(|w| {
        while i < all.len() && !all[i].contains(w) {
            i += 1;
        }
        i < all.len()
    })
}

fn vi_words() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Thị",
        "Văn",
        "Hữu",
        "Ngọc",
        "Thanh",
        "Xuân",
        "Quỳnh",
        "Khánh",
        "Thường",
        "Nghiêng",
        "Khuyến",
        "Điện",
        "Biên",
        "Đông",
        "Hưng",
        "ỦY",
        "BAN",
        "NHÂN",
        "DÂN",
        "HUYỆN",
        "TRƯỜNG",
        "SƠN",
        "chứng",
        "thực",
        "khai",
        "sinh",
        "đăng",
        "ký",
        "giấy",
        "xác",
        "nhận",
        "tình",
        "trạng",
        "hôn",
        "nhân",
        "阮",
        "000.17.22.H56-240207",
    ]);
    prop::collection::vec(word, 1..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_line_exceeds_80_cells(
        name in vi_words(), address in vi_words(), procedure in vi_words(), agency in vi_words(),
        parent in vi_words(), reason in vi_words(), paper in vi_words(),
    ) {
        let mut f = fixture();
        f.dossier.applicant_name = name.clone();
        f.dossier.address = address;
        f.dossier.procedure_name = procedure.clone();
        f.dossier.papers[0].name = paper.clone();
        f.settings.agency_name = agency;
        f.settings.parent_name = parent;
        f.to_add = vec![paper.clone()];
        f.steps[3].note = reason.clone();
        for form in Form::ALL {
            let text = render(form, &FormData { reason: &reason, ..data(&f, form) });
            for line in text.lines() {
                prop_assert!(width(line) <= 80, "Mẫu {}: {} cells: {line}", form.number(), width(line));
            }
            prop_assert!(words_kept(&name, &text), "Mẫu {}: name cut\n{text}", form.number());
            prop_assert!(words_kept(&procedure, &text), "Mẫu {}: procedure cut\n{text}", form.number());
        }
    }
}

/// Just enough of a PDF reader to check what motcua writes: objects by number, the text
/// shown on each line decoded through each font's ToUnicode map.
struct Pdf {
    text: String,
    objects: HashMap<usize, String>,
}

impl Pdf {
    fn read(bytes: &[u8]) -> Pdf {
        let text = String::from_utf8(bytes.to_vec()).expect("the PDF is ASCII");
        let mut objects = HashMap::new();
        let xref = text.rfind("\nxref\n").unwrap() + 1;
        for (n, line) in text[xref..].lines().skip(3).take_while(|l| l.ends_with(" n ")).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            let header = format!("{} 0 obj\n", n + 1);
            assert!(text[offset..].starts_with(&header), "xref entry {} points at the wrong place", n + 1);
            let body = &text[offset + header.len()..];
            objects.insert(n + 1, body[..body.find("\nendobj").unwrap()].to_string());
        }
        Pdf { text, objects }
    }

    fn reference(dict: &str, key: &str) -> usize {
        let at = dict.find(&format!("{key} ")).unwrap_or_else(|| panic!("no {key} in {dict}")) + key.len() + 1;
        dict[at..].split(' ').next().unwrap().parse().unwrap()
    }

    fn stream(&self, id: usize) -> &str {
        let body = &self.objects[&id];
        let start = body.find("stream\n").unwrap() + 7;
        &body[start..body.rfind("\nendstream").unwrap()]
    }

    /// The text of every page, one line per baseline.
    fn shown(&self) -> String {
        let mut out = String::new();
        for page in self.objects.values().filter(|o| o.starts_with("<< /Type /Page ")) {
            let mut maps = HashMap::new();
            for f in ["/F0", "/F1"] {
                let font = &self.objects[&Pdf::reference(page, f)];
                let cmap = self.stream(Pdf::reference(font, "/ToUnicode"));
                let mut map = HashMap::new();
                for line in cmap.lines().filter(|l| l.starts_with('<') && !l.starts_with("<0000> <FFFF>")) {
                    let (cid, uni) = line.split_once("> <").unwrap();
                    let units: Vec<u16> = uni
                        .trim_end_matches('>')
                        .as_bytes()
                        .chunks(4)
                        .map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
                        .collect();
                    map.insert(cid[1..].to_string(), String::from_utf16(&units).unwrap());
                }
                maps.insert(f, map);
            }
            let mut last_y = String::new();
            for op in self.stream(Pdf::reference(page, "/Contents")).lines() {
                let parts: Vec<&str> = op.split(' ').collect();
                let (font, y, hex) = (parts[1], parts[7], parts[9].trim_matches(|c| c == '<' || c == '>'));
                out.push_str(if y == last_y { " " } else { "\n" });
                last_y = y.to_string();
                for cid in hex.as_bytes().chunks(4) {
                    out.push_str(&maps[font][std::str::from_utf8(cid).unwrap()]);
                }
            }
        }
        out
    }
}

#[test]
fn pdf_embeds_its_font_and_shows_the_form_text() {
    let f = fixture();
    let bytes = render_pdf(Form::Receipt, &data(&f, Form::Receipt));
    assert!(bytes.starts_with(b"%PDF-1.7\n") && bytes.ends_with(b"%%EOF\n"));
    assert!(bytes.iter().all(|b| *b == b'\n' || (0x20..0x7f).contains(b)), "7-bit ASCII only");
    let pdf = Pdf::read(&bytes);
    assert!(pdf.text.contains("/MediaBox [0 0 419.53 595.28]"), "A5 portrait");
    let programs: Vec<&String> = pdf.objects.values().filter(|o| o.contains("/Length1 ")).collect();
    assert_eq!(programs.len(), 2, "regular and bold fonts embedded");
    assert!(pdf.text.contains("+DejaVuSerifCondensed /Flags") && pdf.text.contains("/FontFile2 "));
    let shown = pdf.shown();
    for must in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ: 000.17.22.H56-240207-0003",
        "Tiếp nhận hồ sơ của: Trần Thị Hồng Nhung",
        "Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 19/02/2024",
        "NGƯỜI NỘP HỒ SƠ NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Thị Hồng Nhung Nguyễn Thị Lan",
    ] {
        assert!(shown.contains(must), "PDF does not show {must:?}:\n{shown}");
    }
    assert!(bytes.len() < 80_000, "subset font keeps the receipt small: {} bytes", bytes.len());
}

#[test]
fn a_long_control_sheet_runs_onto_more_pages() {
    let mut f = fixture();
    let step = f.steps[2].clone();
    f.steps.extend(std::iter::repeat_n(step, 60));
    let pdf = Pdf::read(&render_pdf(Form::ControlSheet, &data(&f, Form::ControlSheet)));
    let count = pdf.objects.values().filter(|o| o.starts_with("<< /Type /Page ")).count();
    assert!(count >= 2, "{count} page(s)");
    assert!(pdf.text.contains(&format!("/Count {count}")));
}

/// The receipt (Mẫu 01) and the apology's "date on the receipt" (Mẫu 04) are the intake
/// appointment, however the current one moved since (DOMAIN §4: an apology never rewrites the
/// receipt).
#[test]
fn the_receipt_keeps_the_intake_appointment() {
    let f = fixture();
    let mut d = f.dossier.clone();
    d.appointment_at = at("2024-02-22 14:00");
    d.due_date = NaiveDate::from_ymd_opt(2024, 2, 22).unwrap();
    d.apology =
        Some(Apology { at: at("2024-02-15 09:00"), new_appointment: at("2024-02-22 14:00"), reason: "x".into() });
    let receipt = render(Form::Receipt, &FormData { dossier: &d, ..data(&f, Form::Receipt) });
    assert!(
        flat(&receipt).contains("Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 19/02/2024"),
        "{receipt}"
    );
    // Without a new date given, the apology's own record gives it.
    let apology = render(Form::Apology, &FormData { dossier: &d, new_appointment: None, ..data(&f, Form::Apology) });
    assert!(flat(&apology).contains("hẹn trả kết quả là 10 giờ 05 phút, ngày 19/02/2024."), "{apology}");
    assert!(flat(&apology).contains("vào 14 giờ 00 phút, ngày 22/02/2024."), "{apology}");
}
