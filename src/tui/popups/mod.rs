//! Questions over the screen, on a stack: the top one takes the keys and Esc closes it alone,
//! so Esc always goes back exactly one level. A change waits in a popup as a value
//! (`Confirmed`) until its Enter. This file holds the types only; each popup's keys and
//! lines are in its own file, put together by dispatch.rs.

pub mod action_menu;
pub mod admin_form;
pub mod apology;
pub mod assign;
pub mod confirm;
pub mod delivery;
pub mod digitized;
pub mod dispatch;
pub mod draft;
pub mod filter;
pub mod help;
pub mod missing_papers;
pub mod period;
pub mod print_pick;
pub mod rating;
pub mod reason;
pub mod send;
pub mod view;

use crate::tui::effects::Change;
use crate::tui::input::LineInput;
use crate::tui::keymap::{Action, Scope};
use crate::tui::screens::admin::form::EditForm;
use crate::tui::screens::admin::state::AdminSave;
use crate::tui::screens::intake::state::Draft;
use crate::tui::target::Target;

#[derive(Debug, Clone)]
pub enum Popup {
    /// The keys of the screen and of the popup under it.
    Help { scroll: u16 },
    /// What can be done to the dossier in view or the marked set.
    Actions { targets: Vec<Target>, items: Vec<Action>, selected: usize },
    /// A reason is typed (supplement, reject, withdraw), then confirmed.
    Reason { action: Action, targets: Vec<Target>, input: LineInput, error: Option<String> },
    /// A change waits for Enter.
    Confirm { text: String, then: Confirmed },
    /// Returning the result: the citizen's rating (or none), Enter records the return.
    Rating { targets: Vec<Target>, selected: usize },
    /// The result is ready: is there a digitized result? Enter records it.
    Digitized { targets: Vec<Target>, selected: usize },
    /// Assign to a staff member.
    Assign { targets: Vec<Target>, selected: usize },
    /// Send to another handling agency (the list of `motcua agency list`).
    Send { targets: Vec<Target>, selected: usize },
    /// Returning the result, after the rating: how the citizen collected it.
    Delivery { targets: Vec<Target>, satisfaction: Option<crate::domain::dossier::Satisfaction>, selected: usize },
    /// A new appointment date and the reason for the delay.
    Apology { target: Target, date: LineInput, reason: LineInput, on_reason: bool, error: Option<String> },
    /// Filter the queue by field, handler or channel.
    Filter { options: Vec<FilterOption>, selected: usize },
    /// A period typed by hand for the dashboard's rates and report.
    Period { from: LineInput, to: LineInput, on_to: bool, error: Option<String> },
    /// Which form of the dossier to print.
    PrintPick { code: String, selected: usize },
    /// A half-filled intake form from before: continue it, or start a new one.
    Draft { draft: Box<Draft>, selected: usize },
    /// Required papers are not ticked: register anyway, or give a supplement request.
    MissingPapers { missing: Vec<String>, selected: usize },
    /// An Admin edit form.
    AdminForm(Box<EditForm>),
}

/// A change that passed its question.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    Apply {
        action: Action,
        targets: Vec<Target>,
        change: Change,
    },
    Remind(Vec<Target>),
    Admin(AdminSave),
    /// The intake draft of before, thrown away for a new form.
    DiscardDraft,
    /// The counter refuses the dossier at intake: logged, then Mẫu 03.
    RefuseAtIntake {
        nd: Box<crate::store::NewDossier>,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterOption {
    Clear,
    Field(String),
    Assignee(String),
    Channel(crate::domain::dossier::Channel),
    /// Sent to another agency and not back: "" any, else that agency's code.
    Agency(String),
}

impl Popup {
    /// Where its keys are in the key table.
    pub fn scope(&self) -> Scope {
        match self {
            Popup::Help { .. } => Scope::Help,
            Popup::Confirm { .. } => Scope::Confirm,
            Popup::Reason { .. } | Popup::Apology { .. } | Popup::Period { .. } => Scope::Dialog,
            Popup::AdminForm(_) => Scope::Form,
            _ => Scope::Menu,
        }
    }
}

/// A highlight moved in a list of `n` choices.
pub fn moved(selected: usize, n: usize, a: Action) -> usize {
    match a {
        Action::Down => (selected + 1).min(n.saturating_sub(1)),
        Action::Up => selected.saturating_sub(1),
        Action::Top | Action::PageUp => 0,
        Action::Bottom | Action::PageDown => n.saturating_sub(1),
        _ => selected,
    }
}
