//! The intake form driven by keys: the picker, validation as you type, the live appointment,
//! saving with the receipt, the missing-papers question, drafts that outlive the process.

use crate::screens;

use crossterm::event::{KeyCode, KeyModifiers};
use motcua::domain::status::Status;
use motcua::tui::screens::intake::state::Field;
use motcua::tui::state::Screen as View;
use screens::{demo_db, Screen};

fn ctrl_s(s: &mut Screen) {
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// Keys beyond the typed text, counted as the clerk would press them.
struct Count<'a> {
    s: &'a mut Screen,
    keys: usize,
}

impl Count<'_> {
    fn key(&mut self, c: KeyCode) {
        self.keys += 1;
        self.s.key(c);
    }
    fn ctrl_s(&mut self) {
        self.keys += 1;
        ctrl_s(self.s);
    }
}

#[test]
fn a_birth_registration_in_four_keys_beyond_the_typing() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    let mut c = Count { s: &mut s, keys: 0 };
    c.key(KeyCode::F(2));
    assert_eq!(c.s.st.screen, View::Intake);
    c.s.typed("khai sinh");
    let form = c.s.st.intake.as_ref().unwrap();
    let best = &c.s.st.procedures[form.matches[0]];
    assert_eq!(best.code, "1.001193", "best match first: the plain birth registration");
    c.key(KeyCode::Enter);
    assert_eq!(c.s.st.intake.as_ref().unwrap().focus, Field::Name);
    c.s.typed("Nguyễn Văn An");
    c.ctrl_s();
    // Required papers not ticked: the clerk accepts anyway.
    assert_eq!(c.s.popup().as_deref(), Some("MissingPapers"));
    insta::assert_snapshot!("intake_missing_papers", c.s.text());
    c.key(KeyCode::Enter);
    assert!(c.keys <= 10, "{} keys", c.keys);
    assert_eq!(c.keys, 4);
    assert_eq!(s.st.screen, View::Document);
    let doc = s.st.document.as_ref().expect("the receipt is shown");
    assert!(doc.job.text.contains("GIẤY TIẾP NHẬN HỒ SƠ"));
    assert!(doc.job.text.contains("Nguyễn Văn An"));
    let code = doc.job.stem.trim_end_matches("-mau01").to_string();
    let d = s.store.dossier(&code).unwrap().unwrap();
    assert_eq!(d.procedure_code, "1.001193");
    assert_eq!(d.status, Status::Received);
    assert_eq!(s.store.events(d.id).unwrap().len(), 1);
    // 16:30 is after the 15:00 cut-off on a Friday: due the next working day, Monday.
    assert_eq!(d.due_date.to_string(), "2026-11-23");
    assert!(s.store.draft("lan").unwrap().is_none(), "the draft is gone once saved");
    insta::assert_snapshot!("receipt_on_screen", s.text());
}

#[test]
fn fields_validate_as_you_type_and_tab_walks_the_form() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("1.004873");
    s.key(KeyCode::Enter);
    // The copies are asked only for a procedure with a certification book: not this one.
    let order: Vec<Field> =
        motcua::tui::screens::intake::state::ORDER.into_iter().filter(|f| *f != Field::Copies).collect();
    for want in order.iter().skip(2).chain(order.iter().take(2)) {
        s.key(KeyCode::Tab);
        assert_eq!(s.st.intake.as_ref().unwrap().focus, *want);
    }
    s.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Procedure);
    s.key(KeyCode::Tab);
    s.typed("Trần 3");
    assert!(s.text().contains("chữ số"), "a name with a digit is flagged:\n{}", s.text());
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Tab);
    s.typed("0381990012345");
    assert!(s.text().contains("12 chữ số"), "{}", s.text());
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Tab);
    // An unknown province prefix warns but does not block.
    s.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    for _ in 0..12 {
        s.key(KeyCode::Backspace);
    }
    s.typed("003199001234");
    assert!(s.text().contains("003"), "{}", s.text());
    assert!(s.st.intake.as_ref().unwrap().blocking(s.now).is_none());
    s.key(KeyCode::Tab);
    s.typed("0912 345");
    ctrl_s(&mut s);
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Phone, "save stops at the bad phone");
    assert!(!s.st.intake.as_ref().unwrap().saving);
    // The appointment is shown live: 3 working days from Friday 16:30.
    assert!(s.text().contains("Hẹn trả: 16:30 25/11/2026 — 3 ngày làm việc"), "{}", s.text());
    insta::assert_snapshot!("intake_filled", s.text());
}

#[test]
fn missing_papers_can_become_a_supplement_request_instead() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    let before = s.store.queue_count(&Default::default(), None).unwrap().0;
    s.key(KeyCode::F(2));
    s.typed("khai sinh");
    s.key(KeyCode::Enter);
    s.typed("Phạm Thị Mai");
    // Tick the first paper only.
    for _ in 0..6 {
        s.key(KeyCode::Tab);
    }
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Papers);
    s.key(KeyCode::Char(' '));
    ctrl_s(&mut s);
    s.key(KeyCode::Down);
    s.key(KeyCode::Enter);
    assert_eq!(s.st.screen, View::Document);
    let doc = s.st.document.as_ref().unwrap();
    assert_eq!(doc.form.number(), "02");
    assert!(doc.job.text.contains("Phạm Thị Mai"));
    assert!(doc.job.text.contains("Giấy tờ tùy thân"), "the missing required paper is listed");
    assert!(!doc.job.text.contains("Tờ khai đăng ký khai sinh (hoặc"), "the ticked one is not");
    assert_eq!(s.store.queue_count(&Default::default(), None).unwrap().0, before, "nothing registered");
    // The request is kept (who, when, what) and can be printed again by its number.
    let saved = s.store.supplement_requests(5).unwrap();
    assert_eq!(saved.len(), 1);
    let req = &saved[0];
    assert_eq!(
        (req.actor.as_str(), req.applicant_name.as_str(), req.dossier_code.as_ref()),
        ("lan", "Phạm Thị Mai", None)
    );
    assert!(req.papers.iter().any(|p| p.contains("Giấy tờ tùy thân")), "{:?}", req.papers);
    assert!(doc.job.text.contains(&format!("Số: {}", req.reference())), "{}", doc.job.text);
    let reprint = motcua::forms::job::prepare(
        &mut s.store,
        &req.reference(),
        motcua::forms::Form::Supplement,
        "lan",
        req.at,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(reprint.text, doc.job.text);
}

#[test]
fn a_half_filled_form_survives_the_process() {
    let (_d, db) = demo_db(50);
    {
        let mut s = Screen::open(&db, "lan");
        s.key(KeyCode::F(2));
        s.typed("ket hon");
        s.key(KeyCode::Enter);
        s.typed("Võ Thị Ánh");
        s.key(KeyCode::Tab);
        s.typed("038199001234");
        // The window closes here without saving: the harness is dropped, as a killed process.
    }
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    assert_eq!(s.popup().as_deref(), Some("Draft"), "the draft is offered");
    assert!(s.st.intake.as_ref().unwrap().is_blank(), "over an empty form, never mixed into it");
    insta::assert_snapshot!("draft_offer", s.text());
    s.key(KeyCode::Enter);
    let f = s.st.intake.as_ref().unwrap();
    assert_eq!(f.name.text(), "Võ Thị Ánh");
    assert_eq!(f.id.text(), "038199001234");
    assert_eq!(f.procedure.as_ref().unwrap().code, "1.000894");
    assert_eq!(f.focus, Field::Id);
    // Another clerk's drafts are their own.
    let other = Screen::open(&db, "tuan");
    assert!(other.store.draft("tuan").unwrap().is_none());
}

#[test]
fn after_esc_the_next_intake_starts_empty_and_never_appends() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("tam tru");
    s.key(KeyCode::Enter);
    s.typed("Đặng Quốc Bảo");
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
    // The next citizen: the prompt offers the draft; "start new" asks before throwing it away.
    s.key(KeyCode::F(2));
    assert_eq!(s.popup().as_deref(), Some("Draft"));
    insta::assert_snapshot!("draft_prompt", s.text());
    s.key(KeyCode::Down);
    s.key(KeyCode::Enter);
    assert_eq!(s.popup().as_deref(), Some("Confirm"));
    s.key(KeyCode::Esc);
    assert_eq!(s.popup().as_deref(), Some("Draft"), "Esc comes back to the prompt");
    assert!(s.store.draft("lan").unwrap().is_some(), "kept until discarded");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    assert!(s.st.popups.is_empty());
    assert!(s.store.draft("lan").unwrap().is_none(), "discarded after its question");
    let f = s.st.intake.as_ref().unwrap();
    assert!(f.is_blank());
    s.typed("tam tru");
    s.key(KeyCode::Enter);
    s.typed("Bùi Thị Hoa");
    assert_eq!(s.st.intake.as_ref().unwrap().name.text(), "Bùi Thị Hoa");
}

#[test]
fn esc_on_the_draft_prompt_leaves_the_intake_and_keeps_the_draft() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("khai tu");
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(2));
    s.key(KeyCode::Esc);
    assert_eq!(s.st.screen, View::Queue);
    assert!(s.store.draft("lan").unwrap().unwrap().contains("khai tu"));
    // Continue: the form as it was left, no more, no less.
    s.key(KeyCode::F(2));
    s.key(KeyCode::Enter);
    assert_eq!(s.st.intake.as_ref().unwrap().picker.text(), "khai tu");
}

#[test]
fn telex_in_the_form_writes_the_letters_the_input_method_means() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("khai sinh");
    s.key(KeyCode::Enter);
    // "Nguyeenx Vawn Anh": Unikey sends the base letters, then ⌫ and the composed ones.
    s.ime(&screens::telex("Nguye⌫ê⌫ễn Va⌫ăn Anh"));
    assert_eq!(s.st.intake.as_ref().unwrap().name.text(), "Nguyễn Văn Anh");
    // Space ticks a paper only where the papers have the focus; in a name it is a space.
    assert!(s.st.intake.as_ref().unwrap().papers.iter().all(|p| !p.ticked));
}

#[test]
fn handlers_do_not_take_dossiers_in() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "hung");
    s.key(KeyCode::F(2));
    assert_eq!(s.st.screen, View::Queue);
    assert!(s.flash().contains("không tiếp nhận"), "{}", s.flash());
}

#[test]
fn printing_a_form_writes_it_where_motcua_printer_says() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("chung thuc chu ky");
    s.key(KeyCode::Enter);
    s.typed("Đinh Văn Long");
    ctrl_s(&mut s);
    s.key(KeyCode::Enter);
    // The receipt is printed as soon as it is made.
    let stem = s.st.document.as_ref().unwrap().job.stem.clone();
    assert!(s.flash().contains("Đã in"), "{}", s.flash());
    let forms = s.out.path().join("forms");
    let txt = std::fs::read_to_string(forms.join(format!("{stem}.txt"))).unwrap();
    assert!(txt.contains("Đinh Văn Long"));
    assert!(forms.join(format!("{stem}.pdf")).exists());
    // Ctrl-P prints it again; a failure says so and the dossier stays saved.
    std::fs::remove_dir_all(&forms).unwrap();
    std::fs::write(&forms, "a file where the folder should be").unwrap();
    s.ctrl('p');
    assert!(s.st.flash.as_ref().unwrap().error, "{}", s.flash());
    assert!(s.flash().contains("Ctrl-P: in lại"), "{}", s.flash());
    std::fs::remove_file(&forms).unwrap();
    s.ctrl('p');
    assert!(s.flash().starts_with("Đã in"), "{}", s.flash());
    assert!(forms.join(format!("{stem}.txt")).exists());
}

#[test]
fn ctrl_c_leaves_from_the_form_and_keeps_the_draft() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("khai tu");
    s.key(KeyCode::Enter);
    s.typed("Hà Văn Tư");
    s.key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(s.st.quit);
    let draft = s.store.draft("lan").unwrap().expect("the draft stays");
    assert!(draft.contains("Hà Văn Tư"));
}

#[test]
fn the_email_and_the_number_of_sets_typed_at_the_counter_are_kept() {
    let (_d, db) = demo_db(50);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("1.004873");
    s.key(KeyCode::Enter);
    s.typed("Trần Văn Nam");
    // Name → ID → phone → email.
    for _ in 0..3 {
        s.key(KeyCode::Tab);
    }
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Email);
    s.typed("nam.tran@gmail");
    assert!(s.text().contains("ten@mien.vn"), "the shape is asked for:\n{}", s.text());
    ctrl_s(&mut s);
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Email, "save stops at the bad email");
    s.typed(".com");
    // Email → address → channel → papers → sets: "1" is there; 0 and 100 are refused.
    for _ in 0..4 {
        s.key(KeyCode::Tab);
    }
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Sets);
    s.key(KeyCode::Backspace);
    s.typed("100");
    assert!(s.text().contains("số bộ từ 1 đến 99"), "{}", s.text());
    ctrl_s(&mut s);
    assert_eq!(s.st.intake.as_ref().unwrap().focus, Field::Sets);
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Backspace);
    s.typed("3");
    ctrl_s(&mut s);
    // Papers not ticked: accept anyway.
    assert_eq!(s.popup().as_deref(), Some("MissingPapers"));
    s.key(KeyCode::Enter);
    let doc = s.st.document.as_ref().expect("the receipt is shown");
    assert!(doc.job.text.contains("nam.tran@gmail.com"), "{}", doc.job.text);
    assert!(doc.job.text.contains("Số lượng hồ sơ: 03 (bộ)"), "{}", doc.job.text);
    let code = doc.job.stem.trim_end_matches("-mau01").to_string();
    let d = s.store.dossier(&code).unwrap().unwrap();
    assert_eq!((d.email.as_str(), d.sets), ("nam.tran@gmail.com", 3));
}
