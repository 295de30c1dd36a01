//! Terminals as they are: no 256-colour codes where the terminal does not read them, ASCII only
//! with --ascii or a locale that is not UTF-8.

use crate::screens;

use crossterm::event::KeyCode;
use motcua::tui::theme::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use screens::{demo_db, Screen};

/// The bytes a real terminal would receive for the screen as it is.
fn bytes(s: &Screen) -> Vec<u8> {
    let mut out = vec![];
    {
        let backend = CrosstermBackend::new(&mut out);
        let opts = ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, s.st.size.0, s.st.size.1)),
        };
        let mut term = Terminal::with_options(backend, opts).unwrap();
        term.draw(|f| motcua::tui::view::draw(f, &s.st, &s.theme)).unwrap();
    }
    out
}

fn places() -> Vec<fn(&mut Screen)> {
    vec![
        |_| {},
        |s| s.key(KeyCode::Enter),
        |s| s.f(1),
        |s| {
            s.f(4);
            s.key(KeyCode::Tab);
            s.key(KeyCode::Tab);
        },
        |s| {
            s.f(4);
            s.key(KeyCode::BackTab);
        },
        |s| s.f(6),
        |s| s.f(9),
    ]
}

#[test]
fn linux_vt100_and_dumb_terminals_get_no_256_colour_codes() {
    let (_d, db) = demo_db(2000);
    for term in ["linux", "vt100", "dumb"] {
        let theme = Theme::from_env(false, false, Some(term), Some("vi_VN.UTF-8"));
        for go in places() {
            let mut s = Screen::open(&db, "head");
            s.theme = theme;
            go(&mut s);
            let out = bytes(&s);
            let text = String::from_utf8_lossy(&out);
            assert!(!text.contains("38;5;") && !text.contains("48;5;"), "{term}: a 256-colour code");
        }
    }
    // An xterm does get colour.
    let s = Screen::open(&db, "head");
    assert!(String::from_utf8_lossy(&bytes(&s)).contains("\x1b["), "colour");
}

#[test]
fn ascii_mode_and_a_latin1_locale_print_only_ascii() {
    let (_d, db) = demo_db(2000);
    for theme in [
        Theme::from_env(false, true, Some("xterm"), Some("vi_VN.UTF-8")),
        Theme::from_env(false, false, Some("xterm"), Some("C")),
    ] {
        assert!(theme.ascii);
        for go in places() {
            let mut s = Screen::open(&db, "head");
            s.theme = theme;
            go(&mut s);
            let text = s.text();
            let bad: String = text.chars().filter(|c| !c.is_ascii()).collect();
            assert!(bad.is_empty(), "not ASCII: {bad:?}\n{text}");
        }
    }
    let mut s = Screen::open(&db, "head");
    s.theme = Theme { mono: true, ascii: true };
    s.key(KeyCode::Enter);
    insta::assert_snapshot!("detail_ascii_80x24", s.text());
}

#[test]
fn monochrome_keeps_the_markers_and_reverses_the_selection() {
    let (_d, db) = demo_db(2000);
    let mut s = Screen::open(&db, "head");
    s.theme = Theme { mono: true, ascii: true };
    let buf = s.buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    let text = s.text();
    assert!(text.contains("!!"));
    insta::assert_snapshot!("queue_mono", text);
    assert!(buf[(5, 3)].modifier.contains(ratatui::style::Modifier::REVERSED));
}
