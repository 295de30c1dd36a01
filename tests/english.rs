//! The screens in English (MOTCUA_LANG=en): a test binary of its own (beside tests/suite), since the language is
//! fixed once per process.

#[path = "suite/screens/mod.rs"]
mod screens;

use crossterm::event::KeyCode;
use screens::Screen;

#[test]
fn the_screens_speak_english_when_asked() {
    // The harness asks for Vietnamese only if nothing was chosen yet; choose English first.
    motcua::i18n::set_lang(motcua::i18n::Lang::En);
    let (_d, db) = screens::demo_db(2000);
    let mut s = Screen::open(&db, "lan");
    let text = s.text();
    for word in ["Code", "Applicant", "All pending", "Status", "open", "search", "actions"] {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    assert!(!text.contains("Mã hồ sơ"));
    insta::assert_snapshot!("queue_en", text);
    // Numbers are grouped the English way; procedures have their English names.
    assert_eq!(motcua::tui::strings::num(31245), "31,245");
    assert_eq!(motcua::tui::strings::percent(Some(0.917)), "91.7%");
    s.key(KeyCode::Enter);
    let detail = s.text();
    let d = &s.st.detail.as_ref().unwrap().dossier;
    let en = &s.st.procedures.iter().find(|p| p.code == d.procedure_code).unwrap().name_en;
    assert!(!en.is_empty() && detail.contains(en.as_str()), "{en}:\n{detail}");
    // The field too, not only the procedure.
    assert!(!detail.contains("Chứng thực") && !detail.contains("Hộ tịch"), "{detail}");
    // The papers received, in English too (the dossier keeps them in Vietnamese).
    let proc = s.st.procedures.iter().find(|p| p.code == d.procedure_code).unwrap();
    assert!(!d.papers.is_empty() && proc.papers_en.len() == proc.papers.len(), "{}", d.procedure_code);
    for paper in &d.papers {
        let i = proc.papers.iter().position(|x| *x == paper.name).unwrap();
        let head: String = proc.papers_en[i].chars().take(20).collect();
        assert!(detail.contains(&head), "{head}:\n{detail}");
        assert!(!detail.contains(&paper.name), "{}:\n{detail}", paper.name);
    }
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(2));
    assert!(s.text().contains("NEW DOSSIER"), "{}", s.text());
    // The birth registration's checklist, translated by hand from "Giấy chứng sinh; nếu không
    // có: …" and "Biên bản xác nhận trẻ bị bỏ rơi …".
    s.typed("1.001193");
    s.key(KeyCode::Enter);
    let intake = s.text();
    for paper in ["Birth certificate from the hospital", "Record confirming the child was"] {
        assert!(intake.contains(paper), "{paper}:\n{intake}");
    }
    assert!(!intake.contains("Giấy chứng sinh"), "{intake}");
    // Saved with no paper ticked: the question lists the missing papers in English as well.
    s.typed("Trần Văn Nam");
    s.key_mod(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    assert_eq!(s.popup().as_deref(), Some("MissingPapers"), "{}", s.text());
    let asked = s.text();
    // "Tờ khai đăng ký khai sinh" and "Giấy tờ tùy thân của người đi đăng ký", by hand.
    assert!(asked.contains("- Birth registration form"), "{asked}");
    assert!(asked.contains("- Identity paper of the person registering"), "{asked}");
    assert!(!asked.contains("Tờ khai") && !asked.contains("Giấy tờ"), "{asked}");
    s.key(KeyCode::Esc);
    assert_eq!(s.popup(), None, "Esc goes back to the checklist");
    s.key(KeyCode::Esc);
    s.key(KeyCode::Esc);
    s.key_mod(KeyCode::Char('k'), crossterm::event::KeyModifiers::ALT);
    assert!(s.flash().contains("only") || s.flash().contains("cannot move"), "{}", s.flash());
}
