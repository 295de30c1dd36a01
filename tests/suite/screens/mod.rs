//! A test harness for the screens: the real store on a temporary file, the pure `update`,
//! effects run synchronously, and the view drawn on ratatui's TestBackend.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use motcua::store::Store;
use motcua::tui::effects::{execute, ready, Effect};
use motcua::tui::state::State;
use motcua::tui::theme::Theme;
use motcua::tui::update::{start, update, Input};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

pub fn now() -> NaiveDateTime {
    motcua::clock::parse_time("2026-11-20T16:30:00+07:00").unwrap()
}

/// A demo office of `n` dossiers (seed 7), made once per test in its own directory.
pub fn demo_db(n: u64) -> (tempfile::TempDir, PathBuf) {
    motcua::i18n::set_lang(motcua::i18n::Lang::Vi);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let mut store =
        motcua::cli::create_database(&path, Some("000.17.22.H56"), Some("UBND xã Quảng Phú"), "head").unwrap();
    motcua::demo::fill(&mut store, n, 7, now(), "head").unwrap();
    (dir, path)
}

/// One key of an input method's byte stream.
#[derive(Debug, Clone, Copy)]
pub enum Ime {
    Char(char),
    Back,
}

/// Telex as Unikey/EVKey send it: each char of `typed`, with "⌫x" meaning a Backspace then x.
pub fn telex(stream: &str) -> Vec<Ime> {
    stream.chars().map(|c| if c == '⌫' { Ime::Back } else { Ime::Char(c) }).collect()
}

pub struct Screen {
    pub store: Store,
    pub st: State,
    pub theme: Theme,
    pub login: String,
    pub now: NaiveDateTime,
    /// Effects asked for but not run (none after `settle`).
    pub effects_run: usize,
    /// Where this screen prints forms (forms/) and writes exports (exports/).
    pub out: tempfile::TempDir,
}

impl Screen {
    pub fn open(path: &Path, login: &str) -> Screen {
        Self::open_sized(path, login, (80, 24))
    }

    pub fn open_sized(path: &Path, login: &str, size: (u16, u16)) -> Screen {
        let store = Store::open(path).unwrap();
        let mut st = State::new(login, now(), size);
        let out = tempfile::tempdir().unwrap();
        st.outputs = motcua::tui::outputs::Outputs::folder(out.path());
        let msg = ready(&store, login).unwrap();
        let mut s = Screen {
            store,
            st: st.clone(),
            theme: Theme { mono: false, ascii: false },
            login: login.into(),
            now: now(),
            effects_run: 0,
            out,
        };
        let mut fx = update(&mut st, Input::Msg(msg));
        fx.extend(start(&mut st));
        s.st = st;
        s.settle(fx);
        s
    }

    /// Runs effects and feeds their answers back until nothing more is asked.
    pub fn settle(&mut self, fx: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = fx.into();
        while let Some(e) = queue.pop_front() {
            self.effects_run += 1;
            for m in execute(&mut self.store, &self.login, e, self.now) {
                queue.extend(update(&mut self.st, Input::Msg(m)));
            }
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_mod(code, KeyModifiers::NONE);
    }

    pub fn key_mod(&mut self, code: KeyCode, mods: KeyModifiers) {
        let fx = update(&mut self.st, Input::Key(KeyEvent::new(code, mods)));
        self.settle(fx);
    }

    /// Types each character as a key press.
    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// An answer from the outside, as the worker would send it.
    pub fn msg(&mut self, m: motcua::tui::effects::Msg) {
        let fx = update(&mut self.st, Input::Msg(m));
        self.settle(fx);
    }

    pub fn alt(&mut self, c: char) {
        self.key_mod(KeyCode::Char(c), KeyModifiers::ALT);
    }

    pub fn ctrl(&mut self, c: char) {
        self.key_mod(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    pub fn f(&mut self, n: u8) {
        self.key(KeyCode::F(n));
    }

    /// Keys as a Vietnamese input method sends them: a letter typed, then, when the next
    /// letter completes a mark (Telex "as" → "á"), a Backspace and the composed letter.
    pub fn ime(&mut self, keys: &[Ime]) {
        for k in keys {
            match k {
                Ime::Char(c) => self.key(KeyCode::Char(*c)),
                Ime::Back => self.key(KeyCode::Backspace),
            }
        }
    }

    /// What the top popup is, by its debug name ("Confirm", "Reason", ...).
    pub fn popup(&self) -> Option<String> {
        self.st.popups.last().map(|p| format!("{p:?}").split([' ', '{', '(']).next().unwrap_or_default().to_string())
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        let fx = update(&mut self.st, Input::Resize(w, h));
        self.settle(fx);
    }

    pub fn buffer(&self) -> ratatui::buffer::Buffer {
        let (w, h) = self.st.size;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| motcua::tui::view::draw(f, &self.st, &self.theme)).unwrap();
        term.backend().buffer().clone()
    }

    /// The screen as text, one line per row (trailing spaces trimmed), with this screen's
    /// temporary output folder written as [out].
    pub fn text(&self) -> String {
        self.raw_text().replace(&self.out.path().display().to_string(), "[out]")
    }

    fn raw_text(&self) -> String {
        let buf = self.buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn flash(&self) -> String {
        self.st.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default()
    }
}
