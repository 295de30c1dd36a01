//! A one-line text field that keeps Vietnamese text in NFC and its cursor on whole letters,
//! whatever the input method sends (Telex and VNI rewrite a letter with backspaces; some
//! terminals send a base letter followed by a combining mark).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::text::{nfc, width};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineInput {
    text: String,
    /// In chars of the NFC text.
    cursor: usize,
}

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Submit,
    Cancel,
    Ignored,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        let text = nfc(text);
        let cursor = text.chars().count();
        LineInput { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cells from the start of the text to the cursor.
    pub fn cursor_cells(&self) -> usize {
        width(&self.text.chars().take(self.cursor).collect::<String>())
    }

    fn split(&self) -> (String, String) {
        let head: String = self.text.chars().take(self.cursor).collect();
        let tail: String = self.text.chars().skip(self.cursor).collect();
        (head, tail)
    }

    pub fn insert(&mut self, c: char) {
        let (mut head, tail) = self.split();
        head.push(c);
        let head = nfc(&head);
        self.cursor = head.chars().count();
        self.text = head + &tail;
    }

    pub fn handle(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => Edit::Submit,
            KeyCode::Esc => Edit::Cancel,
            KeyCode::Char('u') if ctrl => {
                let (_, tail) = self.split();
                self.text = tail;
                self.cursor = 0;
                Edit::Changed
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.insert(c);
                Edit::Changed
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let (head, tail) = self.split();
                let mut head: Vec<char> = head.chars().collect();
                head.pop();
                self.cursor = head.len();
                self.text = head.into_iter().collect::<String>() + &tail;
                Edit::Changed
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let (head, tail) = self.split();
                self.text = head + &tail.chars().skip(1).collect::<String>();
                Edit::Changed
            }
            KeyCode::Left if self.cursor > 0 => {
                self.cursor -= 1;
                Edit::Moved
            }
            KeyCode::Right if self.cursor < self.text.chars().count() => {
                self.cursor += 1;
                Edit::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::End => {
                self.cursor = self.text.chars().count();
                Edit::Moved
            }
            _ => Edit::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn typed(s: &str) -> LineInput {
        let mut f = LineInput::default();
        for c in s.chars() {
            f.handle(&key(KeyCode::Char(c)));
        }
        f
    }

    #[test]
    fn combining_marks_compose_and_the_cursor_stays_on_letters() {
        // "Nguyễn" typed as base letters followed by combining marks (NFD).
        let f = typed("Nguye\u{302}\u{303}n");
        assert_eq!(f.text(), "Nguyễn");
        assert_eq!(f.cursor_cells(), 6);
    }

    #[test]
    fn telex_rewrites_with_backspace() {
        // Telex: "Vieet" -> the input method sends backspaces and the composed letter.
        let mut f = typed("Vie");
        f.handle(&key(KeyCode::Backspace));
        f.handle(&key(KeyCode::Char('ê')));
        f.handle(&key(KeyCode::Backspace));
        f.handle(&key(KeyCode::Char('ệ')));
        f.handle(&key(KeyCode::Char('t')));
        assert_eq!(f.text(), "Việt");
    }

    #[test]
    fn editing_in_the_middle() {
        let mut f = typed("Lê Văn");
        for _ in 0..4 {
            f.handle(&key(KeyCode::Left));
        }
        f.handle(&key(KeyCode::Char('x')));
        assert_eq!(f.text(), "Lêx Văn");
        assert_eq!(f.cursor_cells(), 3);
        f.handle(&key(KeyCode::Delete));
        assert_eq!(f.text(), "LêxVăn");
        assert_eq!(f.handle(&key(KeyCode::Enter)), Edit::Submit);
        assert_eq!(f.handle(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)), Edit::Changed);
        assert_eq!(f.text(), "Văn");
    }
}
