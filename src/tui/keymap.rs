//! The one table of key bindings: it drives the dispatch, the footer hints and the help
//! screen, so what the footer says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for outside a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextTab,
    PrevTab,
    Mark,
    Assign,
    TakeMine,
    Transfer,
    Supplement,
    Ready,
    Return,
    Reject,
    Withdraw,
    Apology,
    NextDossier,
    PrevDossier,
    Print,
    /// The head's reminder from the end-of-day review.
    Remind,
    Search,
    Filter,
    Intake,
    Dashboard,
    /// The office head's Admin screen.
    Admin,
    Refresh,
    Help,
    Quit,
}

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen.
    Global,
    /// The queue.
    Queue,
    /// The detail of one dossier.
    Detail,
    /// The queue and the detail (actions on "the" dossier).
    Dossier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn k(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    /// Shown in the footer of its screens (the rest only in help).
    pub footer: bool,
}

const fn b(keys: &'static [Key], action: Action, scope: Scope, footer: bool) -> Binding {
    Binding { keys, action, scope, footer }
}

use Action::*;
use Scope::*;

pub const BINDINGS: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], Down, Global, false),
    b(&[k('k'), code(KeyCode::Up)], Up, Global, false),
    b(&[code(KeyCode::PageDown)], PageDown, Global, false),
    b(&[code(KeyCode::PageUp)], PageUp, Global, false),
    b(&[k('g'), code(KeyCode::Home)], Top, Global, false),
    b(&[k('G'), Key(KeyCode::Char('G'), KeyModifiers::SHIFT), code(KeyCode::End)], Bottom, Global, false),
    b(&[code(KeyCode::Enter)], Open, Queue, true),
    b(&[code(KeyCode::Esc)], Back, Global, false),
    b(&[code(KeyCode::Tab)], NextTab, Queue, false),
    b(&[code(KeyCode::BackTab), Key(KeyCode::BackTab, KeyModifiers::SHIFT)], PrevTab, Queue, false),
    b(&[k('/'), code(KeyCode::F(3))], Search, Queue, true),
    b(&[k('f')], Filter, Queue, false),
    b(&[k('m'), k(' ')], Mark, Queue, false),
    b(&[k('a')], Assign, Dossier, true),
    b(&[k('A'), Key(KeyCode::Char('A'), KeyModifiers::SHIFT)], TakeMine, Dossier, false),
    b(&[k('t')], Transfer, Dossier, true),
    b(&[k('s')], Supplement, Dossier, false),
    b(&[k('y')], Ready, Dossier, true),
    b(&[k('r')], Return, Dossier, true),
    b(&[k('x')], Reject, Dossier, false),
    b(&[k('w')], Withdraw, Dossier, false),
    b(&[k('p')], Apology, Dossier, false),
    b(&[k(']')], NextDossier, Detail, true),
    b(&[k('[')], PrevDossier, Detail, false),
    b(&[k('P'), Key(KeyCode::Char('P'), KeyModifiers::SHIFT)], Print, Detail, true),
    b(&[k('n'), code(KeyCode::F(2))], Intake, Global, true),
    b(&[k('d'), code(KeyCode::F(4))], Dashboard, Global, false),
    b(&[code(KeyCode::F(6))], Admin, Global, false),
    b(&[code(KeyCode::F(5))], Refresh, Global, false),
    b(&[k('?'), code(KeyCode::F(1))], Help, Global, true),
    b(&[k('q'), code(KeyCode::F(10))], Quit, Global, true),
];

impl Scope {
    fn covers(self, screen: Scope) -> bool {
        self == Global || self == screen || (self == Dossier && matches!(screen, Queue | Detail))
    }
}

/// The action a key asks for on a screen, if any.
pub fn action_for(key: &KeyEvent, screen: Scope) -> Option<Action> {
    // Shift is part of upper-case letters and of some terminals' BackTab: compare without it.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    BINDINGS
        .iter()
        .filter(|bd| bd.scope.covers(screen))
        .find(|bd| bd.keys.iter().any(|kk| kk.0 == key.code && kk.1 - KeyModifiers::SHIFT == mods))
        .map(|bd| bd.action)
}

/// How a key is written in hints: "j", "↓", "Enter", "F2".
pub fn key_name(key: &Key) -> String {
    match key.0 {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

/// The bindings shown in a screen's footer.
pub fn footer(screen: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |bd| bd.footer && bd.scope.covers(screen))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_by_screen() {
        assert_eq!(action_for(&key(KeyCode::Char('j')), Scope::Queue), Some(Down));
        assert_eq!(action_for(&key(KeyCode::F(10)), Scope::Detail), Some(Quit));
        assert_eq!(action_for(&key(KeyCode::Char(']')), Scope::Queue), None);
        assert_eq!(action_for(&key(KeyCode::Char(']')), Scope::Detail), Some(NextDossier));
        assert_eq!(action_for(&key(KeyCode::Char('y')), Scope::Detail), Some(Ready));
        assert_eq!(action_for(&KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT), Scope::Queue), Some(TakeMine));
        assert_eq!(action_for(&KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), Scope::Queue), None);
    }

    #[test]
    fn no_key_is_bound_twice_on_one_screen() {
        for screen in [Scope::Queue, Scope::Detail] {
            let mut seen = std::collections::HashSet::new();
            for bd in BINDINGS.iter().filter(|bd| bd.scope.covers(screen)) {
                // One binding may list a key with and without Shift (terminals differ).
                let own: std::collections::HashSet<_> =
                    bd.keys.iter().map(|kk| (kk.0, kk.1 - KeyModifiers::SHIFT)).collect();
                for kk in own {
                    assert!(seen.insert(kk), "{:?} twice on {screen:?}", kk.0);
                }
            }
        }
    }
}
