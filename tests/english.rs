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
    for word in ["Code", "Applicant", "All pending", "Staff", "open", "search"] {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    assert!(!text.contains("Mã hồ sơ"));
    insta::assert_snapshot!("queue_en", text);
    s.key(KeyCode::Char('n'));
    assert!(s.text().contains("NEW DOSSIER"), "{}", s.text());
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('y'));
    assert!(s.flash().contains("only") || s.flash().contains("cannot move"), "{}", s.flash());
}
