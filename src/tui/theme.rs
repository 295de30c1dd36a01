//! Semantic styles: what a thing means (overdue, muted, selected), not which colour it is.
//! Colours are the 16 ANSI ones; the monochrome theme uses bold, reverse and underline, and
//! every meaning also has a text marker so colour is never the only signal.

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
    /// From the flags and the environment: `NO_COLOR` turns colours off; a locale that is not
    /// UTF-8 gets ASCII borders.
    pub fn detect(mono_flag: bool, ascii_flag: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let locale =
            ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
        let utf8 = locale.is_some_and(|l| {
            let l = l.to_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        });
        Theme { mono: mono_flag || no_color, ascii: ascii_flag || !utf8 }
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
