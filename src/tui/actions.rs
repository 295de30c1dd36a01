//! Actions on dossiers, shared by the queue, the detail and the end-of-day review: checked
//! against the status machine and the acting role first, then each opens its question. No
//! action changes a dossier before the Enter of that question.

use crate::domain::status::{check_move, MoveRefused, Role, Status};

use super::effects::{Change, Effect};
use super::input::LineInput;
use super::keymap::Action;
use super::popups::{Confirmed, Popup};
use super::state::{Flash, Screen, State};
use super::strings::{self as s, short_code};
use super::target::Target;

/// What the action menu offers, in its order.
pub const MENU: [Action; 9] = [
    Action::Assign,
    Action::TakeMine,
    Action::Transfer,
    Action::Supplement,
    Action::Ready,
    Action::Return,
    Action::Apology,
    Action::Reject,
    Action::Withdraw,
];

/// The status an action moves a dossier to.
pub fn target_status(a: Action) -> Option<Status> {
    match a {
        Action::Transfer => Some(Status::InProgress),
        Action::Supplement => Some(Status::Supplement),
        Action::Ready => Some(Status::Ready),
        Action::Return => Some(Status::Returned),
        Action::Reject => Some(Status::Rejected),
        Action::Withdraw => Some(Status::Withdrawn),
        _ => None,
    }
}

/// The dossiers an action applies to: the marked set on the queue, else the one in view.
pub fn targets(st: &State) -> Vec<Target> {
    if st.screen == Screen::Queue && !st.queue.marked.is_empty() {
        return st.queue.marked.values().cloned().collect();
    }
    match st.screen {
        Screen::Detail => st.detail.as_ref().map(|d| vec![Target::from(&d.dossier)]).unwrap_or_default(),
        Screen::Dashboard => {
            st.dash.as_ref().and_then(|d| d.selected_review()).map(|r| vec![Target::from(r)]).unwrap_or_default()
        }
        _ => st.queue.current().map(|r| vec![Target::from(r)]).unwrap_or_default(),
    }
}

fn refuse(st: &mut State, text: String) -> Vec<Effect> {
    st.flash = Some(Flash { text, error: true });
    vec![]
}

/// Why the acting login may not do `a` to `ts`, if it may not.
fn refusal(st: &State, a: Action, ts: &[Target]) -> Option<String> {
    let me = st.me.as_ref()?;
    if let Some((t, e)) = ts.iter().find_map(|t| {
        let to = target_status(a)?;
        check_move(me.role, t.status, to, "-").err().filter(|e| *e != MoveRefused::ReasonRequired).map(|e| (t, e))
    }) {
        return Some(format!("{}: {}", short_code(&t.code), s::refusals::move_refused(&e)));
    }
    // Assigning and apologising are for dossiers still being handled; taking one oneself is
    // for those who handle dossiers.
    if matches!(a, Action::Assign | Action::TakeMine | Action::Apology) {
        if let Some(t) = ts.iter().find(|t| !t.status.is_pending()) {
            return Some(format!("{}: {}", short_code(&t.code), s::popups::not_pending(t.status)));
        }
    }
    if a == Action::TakeMine && me.role == Role::Clerk {
        return Some(s::popups::clerks_do_not_handle().into());
    }
    if me.role == Role::Handler && target_status(a).is_some() {
        if let Some(t) = ts.iter().find(|t| !t.assignee.is_empty() && t.assignee != me.login) {
            return Some(format!("{}: {}", short_code(&t.code), s::popups::others_dossier()));
        }
    }
    None
}

/// F9 or Enter on the detail: the actions this login may take on the dossiers in view.
pub fn menu(st: &mut State) -> Vec<Effect> {
    if st.me.is_none() {
        return refuse(st, s::not_staff(&st.login));
    }
    let ts = targets(st);
    if ts.is_empty() {
        return refuse(st, s::popups::nothing_selected().into());
    }
    let items: Vec<Action> = MENU.iter().copied().filter(|a| refusal(st, *a, &ts).is_none()).collect();
    st.popups.push(Popup::Actions { targets: ts, items, selected: 0 });
    vec![]
}

/// Opens the question of an action (after checking it may be done at all).
pub fn begin(st: &mut State, a: Action) -> Vec<Effect> {
    let Some(me) = st.me.clone() else { return refuse(st, s::not_staff(&st.login)) };
    let ts = targets(st);
    if ts.is_empty() {
        return refuse(st, s::popups::nothing_selected().into());
    }
    if let Some(why) = refusal(st, a, &ts) {
        return refuse(st, why);
    }
    let plain = |to: Status| Change::Move { to, note: String::new(), satisfaction: None, digitized: None };
    let popup = match a {
        Action::Transfer => {
            let text = s::popups::confirm_action(a, &ts);
            Popup::Confirm {
                text,
                then: Confirmed::Apply { action: a, targets: ts, change: plain(Status::InProgress) },
            }
        }
        Action::TakeMine => {
            let text = s::popups::confirm_action(a, &ts);
            Popup::Confirm {
                text,
                then: Confirmed::Apply { action: a, targets: ts, change: Change::Assign { to: me.login } },
            }
        }
        Action::Ready => Popup::Digitized { targets: ts, selected: 0 },
        Action::Return => Popup::Rating { targets: ts, selected: 0 },
        Action::Supplement | Action::Reject | Action::Withdraw => {
            Popup::Reason { action: a, targets: ts, input: LineInput::default(), error: None }
        }
        Action::Apology => {
            let Some(target) = ts.into_iter().next() else { return vec![] };
            // Offer the first working day after the due date as the new date.
            let due = match st.screen {
                Screen::Detail => st.detail.as_ref().map(|d| d.dossier.due_date),
                Screen::Dashboard => st.dash.as_ref().and_then(|d| d.selected_review()).map(|r| r.due_date),
                _ => st.queue.current().map(|r| r.due_date),
            };
            let offer = due.map(|d| st.calendar.next_working_day(d.max(st.today())).format("%d/%m/%Y").to_string());
            let date = LineInput::new(&offer.unwrap_or_default());
            Popup::Apology { target, date, reason: LineInput::default(), on_reason: true, error: None }
        }
        Action::Assign => Popup::Assign { targets: ts, selected: 0 },
        _ => return vec![],
    };
    st.popups.push(popup);
    vec![]
}

/// The staff a dossier can be given to: handlers first, then the head.
pub fn assignable(st: &State) -> Vec<&crate::store::Staff> {
    let mut v: Vec<&crate::store::Staff> = st.staff.iter().filter(|p| p.active && p.role != Role::Clerk).collect();
    v.sort_by_key(|p| (p.role != Role::Handler, p.full_name.clone()));
    v
}
