//! Semantic styles: what a thing means (overdue, muted, selected), not which colour it is.
//! Colours are the 16 ANSI ones; the monochrome theme uses bold, reverse and underline, and
//! every meaning also has a text marker so colour is never the only signal. In ASCII mode the
//! finished frame is folded to ASCII, letters and signs alike, whatever a screen drew.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mono: bool,
    pub ascii: bool,
}

/// `+-|` borders for terminals without line-drawing characters.
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// From the flags and the environment: `NO_COLOR` and the terminals that know no
    /// 256-colour codes (TERM=linux, vt100, dumb…) get no colour; a locale that is not UTF-8
    /// gets ASCII only.
    pub fn detect(mono_flag: bool, ascii_flag: bool) -> Theme {
        let var = |k: &str| std::env::var(k).ok().filter(|s| !s.is_empty());
        let no_color = var("NO_COLOR").is_some();
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|v| var(v));
        Theme::from_env(mono_flag || no_color, ascii_flag, var("TERM").as_deref(), locale.as_deref())
    }

    /// The theme for a TERM and a locale (None: unset).
    pub fn from_env(mono: bool, ascii: bool, term: Option<&str>, locale: Option<&str>) -> Theme {
        let utf8 = locale.is_some_and(|l| {
            let l = l.to_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        });
        // crossterm writes the 16 colours as 256-colour codes (ESC[38;5;Nm), which these
        // terminals do not read: they get the monochrome theme.
        let plain = match term {
            None => true,
            Some(t) => ["linux", "vt100", "vt102", "vt220", "dumb", "ansi", "cons25"].iter().any(|p| t.starts_with(p)),
        };
        let dumb = term.is_none_or(|t| t == "dumb");
        Theme { mono: mono || plain, ascii: ascii || !utf8 || dumb }
    }

    /// The last step of every frame: in ASCII mode, every cell folded to ASCII.
    pub fn finish(&self, buf: &mut ratatui::buffer::Buffer) {
        if !self.ascii {
            return;
        }
        for cell in buf.content.iter_mut() {
            let sym = cell.symbol();
            if !sym.is_ascii() {
                let a = to_ascii(sym);
                cell.set_symbol(&a);
            }
        }
    }

    pub fn border(&self) -> border::Set {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    fn pick(&self, color: Style, mono: Style) -> Style {
        if self.mono {
            mono
        } else {
            color
        }
    }

    pub fn normal(&self) -> Style {
        Style::default()
    }
    pub fn muted(&self) -> Style {
        self.pick(Style::default().fg(Color::DarkGray), Style::default().add_modifier(Modifier::DIM))
    }
    pub fn title(&self) -> Style {
        self.pick(
            Style::default().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    pub fn header(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )
    }
    pub fn selected(&self) -> Style {
        self.pick(Style::default().bg(Color::Blue).fg(Color::White), Style::default().add_modifier(Modifier::REVERSED))
    }
    pub fn tab_active(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    pub fn overdue(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn due_today(&self) -> Style {
        self.pick(Style::default().fg(Color::Yellow), Style::default().add_modifier(Modifier::UNDERLINED))
    }
    pub fn ok(&self) -> Style {
        self.pick(Style::default().fg(Color::Green), Style::default())
    }
    pub fn marked(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn error(&self) -> Style {
        self.pick(
            Style::default().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    pub fn key(&self) -> Style {
        self.pick(Style::default().fg(Color::Black).bg(Color::Gray), Style::default().add_modifier(Modifier::REVERSED))
    }
}

/// One cell's text in ASCII: letters without their marks (đ → d), signs by their nearest.
pub fn to_ascii(sym: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in sym.nfd() {
        let a = match c {
            c if c.is_ascii() => Some(c),
            'đ' => Some('d'),
            'Đ' => Some('D'),
            '\u{300}'..='\u{36f}' => None,
            '…' | '·' | '•' => Some('.'),
            '–' | '—' | '─' | '━' => Some('-'),
            '│' | '┃' => Some('|'),
            '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => Some('+'),
            '↑' | '▲' => Some('^'),
            '↓' | '▼' => Some('v'),
            '←' | '◀' | '«' => Some('<'),
            '→' | '▶' | '▸' | '»' => Some('>'),
            '▒' | '░' => Some(':'),
            '█' | '▓' => Some('#'),
            '×' | '✗' => Some('x'),
            '✓' => Some('v'),
            '≤' => Some('<'),
            '≥' => Some('>'),
            _ => Some('?'),
        };
        if let Some(a) = a {
            out.push(a);
        }
    }
    if out.is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_without_256_colours_get_none() {
        for term in ["linux", "vt100", "dumb"] {
            assert!(Theme::from_env(false, false, Some(term), Some("vi_VN.UTF-8")).mono, "{term}");
        }
        let x = Theme::from_env(false, false, Some("xterm-256color"), Some("vi_VN.UTF-8"));
        assert_eq!(x, Theme { mono: false, ascii: false });
        assert!(Theme::from_env(false, false, Some("xterm"), Some("C")).ascii, "a locale without UTF-8");
        assert!(Theme::from_env(false, false, Some("xterm"), None).ascii);
    }

    #[test]
    fn ascii_folds_letters_and_signs() {
        let folded: String = "Nguyễn Đức · … ↑▒–×".chars().map(|c| to_ascii(&c.to_string())).collect();
        assert_eq!(folded, "Nguyen Duc . . ^:-x");
    }
}
