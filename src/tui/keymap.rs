//! The one table of key bindings, for every screen and popup: it drives the dispatch, the
//! footer hints and the help popup, so what the footer says is what the keys do.
//!
//! Clerks keep a Vietnamese input method (Telex, VNI) on all day, and it rewrites letters,
//! digits and some punctuation (`[` → ư in Telex) with a Backspace and a composed letter. So
//! every action sits on a key an input method never rewrites: F-keys, Alt or Ctrl
//! combinations, Enter, Esc, Tab, Space and the arrows. Letters and digits are always text:
//! where no field has focus, they start a search.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for, outside of the text typed in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextTab,
    PrevTab,
    NextField,
    PrevField,
    Mark,
    /// The menu of what can be done to the dossier (or the marked set).
    ActionMenu,
    Assign,
    TakeMine,
    Transfer,
    Supplement,
    Ready,
    Return,
    Reject,
    Withdraw,
    Apology,
    /// Hand the dossier (or a bundle's steps) to another handling agency.
    Send,
    /// The head's reminder from the end-of-day review.
    Remind,
    NextDossier,
    PrevDossier,
    Print,
    Search,
    Filter,
    Intake,
    Dashboard,
    /// The office head's Admin screen.
    Admin,
    Refresh,
    Help,
    Quit,
    /// Enter on a menu or a question: take the highlighted choice.
    Choose,
    Save,
    Toggle,
    Original,
    More,
    Fewer,
    TickAll,
    PeriodKind,
    CustomPeriod,
    PrevPeriod,
    NextPeriod,
    Cutoff,
    ExportReport,
    ExportLogbook,
    /// The counter refuses a dossier at intake (Mẫu 03): nothing is registered.
    Refuse,
    /// The official holiday table shipped with motcua, offered to the office's.
    UpdateHolidays,
    Edit,
    Add,
    Remove,
    Import,
    PrevYear,
    NextYear,
}

/// Where a binding works: a screen, a part of one, or a kind of popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Queue,
    Detail,
    /// Actions on "the" dossier: the queue, the detail and the end-of-day review.
    Dossier,
    Intake,
    Document,
    Dashboard,
    /// The dashboard's panes that show a period (indicators, report).
    Period,
    Review,
    Admin,
    Catalogue,
    Holidays,
    Staff,
    Settings,
    /// A popup list: pick with the arrows, take with Enter.
    Menu,
    /// A yes/no question on a change.
    Confirm,
    /// A popup with text fields (reason, apology, period).
    Dialog,
    /// The Admin screen's edit forms.
    Form,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}
const fn ch(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn alt(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::ALT)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
const fn alt_code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::ALT)
}
const fn f(n: u8) -> Key {
    code(KeyCode::F(n))
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    /// Shown in the footer (the rest only in help).
    pub footer: bool,
}

const fn b(keys: &'static [Key], action: Action, scope: Scope, footer: bool) -> Binding {
    Binding { keys, action, scope, footer }
}

use Action::*;
use KeyCode::{BackTab, Delete, Down as KDown, End, Enter, Esc, Home, Insert, Left as KLeft};
use KeyCode::{PageDown as KPgDn, PageUp as KPgUp, Right as KRight, Tab, Up as KUp};
use Scope::{Confirm as SConfirm, Dashboard as SDash, Global as G, Intake as SIntake, Menu as SMenu};

/// Scoped bindings come before the global ones, so a screen may take a global key for its own
/// (F10 saves the intake form; elsewhere it quits).
pub const BINDINGS: &[Binding] = &[
    // Popups.
    b(&[code(KUp)], Up, SMenu, false),
    b(&[code(KDown)], Down, SMenu, false),
    b(&[code(Enter)], Choose, SMenu, true),
    b(&[code(Esc)], Back, SMenu, true),
    b(&[code(Enter)], Choose, SConfirm, true),
    b(&[code(Esc)], Back, SConfirm, true),
    b(&[code(Tab), code(KDown)], NextField, Scope::Dialog, true),
    b(&[code(BackTab), code(KUp)], PrevField, Scope::Dialog, false),
    b(&[code(Enter)], Choose, Scope::Dialog, true),
    b(&[code(Esc)], Back, Scope::Dialog, true),
    b(&[code(Tab)], NextField, Scope::Form, true),
    b(&[code(BackTab)], PrevField, Scope::Form, false),
    b(&[ctrl('s'), f(10)], Save, Scope::Form, true),
    b(&[code(Enter)], Choose, Scope::Form, false),
    b(&[ch(' ')], Toggle, Scope::Form, false),
    b(&[code(Esc)], Back, Scope::Form, true),
    b(&[code(KDown)], Down, Scope::Help, false),
    b(&[code(KUp)], Up, Scope::Help, false),
    b(&[code(KPgDn)], PageDown, Scope::Help, true),
    b(&[code(KPgUp)], PageUp, Scope::Help, true),
    b(&[code(Esc), f(1)], Back, Scope::Help, true),
    // The intake form.
    b(&[code(Tab)], NextField, SIntake, true),
    b(&[code(BackTab)], PrevField, SIntake, false),
    b(&[ctrl('s'), f(10)], Save, SIntake, true),
    b(&[f(8)], Refuse, SIntake, true),
    b(&[ch(' ')], Toggle, SIntake, false),
    b(&[alt('o')], Original, SIntake, false),
    b(&[ch('+')], More, SIntake, false),
    b(&[ch('-')], Fewer, SIntake, false),
    b(&[alt('a')], TickAll, SIntake, false),
    b(&[code(Esc)], Back, SIntake, true),
    // A form on screen (the receipt).
    b(&[ctrl('p')], Print, Scope::Document, true),
    b(&[code(Esc)], Back, Scope::Document, true),
    // The queue.
    b(&[code(Enter)], Open, Scope::Queue, true),
    b(&[ch(' '), code(Insert)], Mark, Scope::Queue, false),
    b(&[code(Tab)], NextTab, Scope::Queue, false),
    b(&[code(BackTab)], PrevTab, Scope::Queue, false),
    b(&[f(7)], Filter, Scope::Queue, false),
    // The detail.
    b(&[code(Enter)], ActionMenu, Scope::Detail, true),
    b(&[alt_code(KDown)], NextDossier, Scope::Detail, true),
    b(&[alt_code(KUp)], PrevDossier, Scope::Detail, false),
    b(&[ctrl('p')], Print, Scope::Detail, false),
    // The end-of-day review (a dashboard pane).
    b(&[code(Enter)], Open, Scope::Review, true),
    b(&[alt('h')], Remind, Scope::Review, false),
    // Actions on a dossier: each opens its question; nothing changes before its Enter.
    b(&[f(9)], ActionMenu, Scope::Dossier, true),
    b(&[alt('g')], Assign, Scope::Dossier, false),
    b(&[alt('n')], TakeMine, Scope::Dossier, false),
    b(&[alt('c')], Transfer, Scope::Dossier, false),
    b(&[alt('b')], Supplement, Scope::Dossier, false),
    b(&[alt('k')], Ready, Scope::Dossier, false),
    b(&[alt('t')], Return, Scope::Dossier, false),
    b(&[alt('x')], Reject, Scope::Dossier, false),
    b(&[alt('r')], Withdraw, Scope::Dossier, false),
    b(&[alt('l')], Apology, Scope::Dossier, false),
    b(&[alt('d')], Send, Scope::Dossier, false),
    // The dashboard.
    b(&[code(Tab)], NextTab, SDash, true),
    b(&[code(BackTab)], PrevTab, SDash, false),
    b(&[code(KLeft)], Left, SDash, false),
    b(&[code(KRight)], Right, SDash, false),
    b(&[code(Enter)], Open, SDash, true),
    b(&[f(7)], PeriodKind, Scope::Period, true),
    b(&[alt_code(KLeft)], PrevPeriod, Scope::Period, false),
    b(&[alt_code(KRight)], NextPeriod, Scope::Period, false),
    b(&[f(8)], CustomPeriod, Scope::Period, false),
    b(&[alt('c')], Cutoff, Scope::Period, false),
    b(&[alt('e')], ExportReport, Scope::Period, false),
    b(&[alt('s')], ExportLogbook, Scope::Period, false),
    // The Admin screen.
    b(&[code(Tab)], NextTab, Scope::Admin, true),
    b(&[code(BackTab)], PrevTab, Scope::Admin, false),
    b(&[code(Enter)], Edit, Scope::Catalogue, true),
    b(&[ch(' ')], Toggle, Scope::Catalogue, true),
    b(&[code(Insert), alt('a')], Add, Scope::Holidays, true),
    b(&[code(Delete)], Remove, Scope::Holidays, true),
    b(&[alt('i')], Import, Scope::Holidays, false),
    b(&[alt('u')], UpdateHolidays, Scope::Holidays, false),
    b(&[alt_code(KLeft)], PrevYear, Scope::Holidays, false),
    b(&[alt_code(KRight)], NextYear, Scope::Holidays, false),
    b(&[code(Insert), alt('a')], Add, Scope::Staff, true),
    b(&[code(Enter)], Edit, Scope::Staff, true),
    b(&[code(Delete)], Remove, Scope::Staff, true),
    b(&[code(Enter)], Edit, Scope::Settings, true),
    // Everywhere.
    b(&[code(KDown)], Down, G, false),
    b(&[code(KUp)], Up, G, false),
    b(&[code(KPgDn)], PageDown, G, false),
    b(&[code(KPgUp)], PageUp, G, false),
    b(&[code(Home)], Top, G, false),
    b(&[code(End)], Bottom, G, false),
    b(&[code(Esc)], Back, G, true),
    b(&[f(1), ch('?')], Help, G, true),
    b(&[f(2)], Intake, G, true),
    b(&[f(3), ch('/')], Search, G, true),
    b(&[f(4)], Dashboard, G, true),
    b(&[f(5)], Refresh, G, false),
    b(&[f(6)], Admin, G, false),
    b(&[f(10)], Quit, G, true),
];

fn same(k: &Key, key: &KeyEvent) -> bool {
    // Shift is part of upper-case letters, `?` and some terminals' BackTab: compare without it.
    let strip = |m: KeyModifiers| m - KeyModifiers::SHIFT;
    let lower = |c: KeyCode| match c {
        KeyCode::Char(c) => KeyCode::Char(c.to_ascii_lowercase()),
        c => c,
    };
    lower(k.0) == lower(key.code) && strip(k.1) == strip(key.modifiers)
}

/// The binding a key has among `scopes` (in the order given), if any.
pub fn binding_for(key: &KeyEvent, scopes: &[Scope]) -> Option<&'static Binding> {
    scopes
        .iter()
        .find_map(|s| BINDINGS.iter().filter(|bd| bd.scope == *s).find(|bd| bd.keys.iter().any(|k| same(k, key))))
}

pub fn action_for(key: &KeyEvent, scopes: &[Scope]) -> Option<Action> {
    binding_for(key, scopes).map(|bd| bd.action)
}

/// A plain letter, digit or sign: text, never an action (except where the table says so).
pub fn is_text(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(c) if !c.is_control())
        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// How a key is written in hints: "Enter", "F2", "Alt-G", "Ctrl-S".
pub fn key_name(key: &Key) -> String {
    let base = match key.0 {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) if key.1.is_empty() => c.to_string(),
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.1.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else if key.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// The bindings that work among `scopes`, once each, a key taken by an earlier scope left out
/// of the later ones (what help and the footer list).
pub fn active(scopes: &[Scope]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = vec![];
    for s in scopes {
        for bd in BINDINGS.iter().filter(|bd| bd.scope == *s) {
            let shadowed = bd.keys.iter().all(|k| out.iter().any(|o| o.keys.iter().any(|ok| ok == k)));
            if !shadowed {
                out.push(bd);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let mut seen = std::collections::HashSet::new();
        for bd in BINDINGS {
            for k in bd.keys {
                assert!(seen.insert((bd.scope, k.0, k.1)), "{:?} twice in {:?}", k.0, bd.scope);
            }
        }
    }

    #[test]
    fn no_action_sits_on_a_plain_letter_or_digit() {
        // What an input method rewrites must stay text (issue 12, item 1).
        for bd in BINDINGS {
            for k in bd.keys {
                if let KeyCode::Char(c) = k.0 {
                    assert!(!c.is_alphanumeric() || !k.1.is_empty(), "{c:?} acts as {:?} in {:?}", bd.action, bd.scope);
                    assert!(!"[]{}".contains(c) || !k.1.is_empty(), "Telex rewrites {c:?}");
                }
            }
        }
    }
}
