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
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(2));
    assert!(s.text().contains("NEW DOSSIER"), "{}", s.text());
    s.key(KeyCode::Esc);
    s.key_mod(KeyCode::Char('k'), crossterm::event::KeyModifiers::ALT);
    assert!(s.flash().contains("only") || s.flash().contains("cannot move"), "{}", s.flash());
}
