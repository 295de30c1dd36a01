//! The intake form's keys. Letters and digits go to the field that has the focus (the input
//! method may rewrite them as it likes); the form's own actions sit on Tab, Space, Enter,
//! Ctrl-S/F10 and Alt combinations, from the key table.

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::dossier::{Channel, Procedure};

use crate::tui::effects::Effect;
use crate::tui::input::Edit;
use crate::tui::keymap::{action_for, is_text, Action, Scope};
use crate::tui::popups::{Confirmed, Popup};
use crate::tui::state::{Screen, State};

use crate::tui::strings as s;

use super::state::{rank, Field, IntakeForm, Outcome, ORDER};

impl IntakeForm {
    /// The focused field takes typed text (the notes take Enter too).
    fn takes_text(&self) -> bool {
        matches!(
            self.focus,
            Field::Procedure
                | Field::Name
                | Field::Id
                | Field::Phone
                | Field::Email
                | Field::Address
                | Field::Sets
                | Field::Copies
                | Field::Fee
                | Field::ReceivedFor
                | Field::Notes
        )
    }

    pub fn move_focus(&mut self, forward: bool) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = ORDER.len();
        self.focus = ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }];
        // The copies are asked only for a procedure with a certification book.
        if self.focus == Field::Copies && !self.booked {
            self.move_focus(forward);
        }
    }

    /// Save if nothing blocks; else move to the field that does.
    fn try_save(&mut self, now: NaiveDateTime) -> Outcome {
        if let Some(f) = self.blocking(now) {
            self.focus = f;
            return Outcome::Nothing;
        }
        if !self.missing_papers().is_empty() {
            return Outcome::AskMissing;
        }
        self.save_now()
    }

    /// A refusal needs the procedure asked for, who asked, and why (the notes).
    fn try_refuse(&mut self, now: NaiveDateTime) -> Outcome {
        if let Some(f) = self.blocking(now).filter(|f| *f != Field::Fee) {
            self.focus = f;
            return Outcome::Nothing;
        }
        let reason = crate::domain::text::nfc(self.notes.lines().join("\n").trim());
        if reason.is_empty() {
            self.focus = Field::Notes;
            return Outcome::NeedReason;
        }
        match self.new_dossier() {
            Some(nd) => Outcome::Refuse { nd, reason },
            None => Outcome::Nothing,
        }
    }

    pub fn save_now(&mut self) -> Outcome {
        match self.new_dossier() {
            Some(nd) => {
                self.saving = true;
                Outcome::Save(nd)
            }
            None => Outcome::Nothing,
        }
    }

    /// A key on the form: text for the focused field, else an action of the table.
    pub fn key(&mut self, k: &KeyEvent, procedures: &[Procedure], now: NaiveDateTime) -> Outcome {
        if self.saving {
            return Outcome::Nothing;
        }
        let typing = self.takes_text() && is_text(k);
        let action = if typing { None } else { action_for(k, &[Scope::Intake]) };
        let own = matches!(action, Some(Action::Save | Action::NextField | Action::PrevField | Action::Refuse));
        // The notes take every other key, Enter for a new line.
        if self.focus == Field::Notes && !own {
            return if self.notes.input(*k) { Outcome::Changed } else { Outcome::Nothing };
        }
        match action {
            Some(Action::Save) => self.try_save(now),
            Some(Action::Refuse) => self.try_refuse(now),
            Some(Action::NextField | Action::PrevField) => {
                self.move_focus(action == Some(Action::NextField));
                Outcome::Nothing
            }
            Some(a) => self.field_action(a, procedures),
            None if k.code == KeyCode::Enter => self.field_action(Action::Choose, procedures),
            None if self.takes_text() => self.text_key(k, procedures),
            None => self.arrow(k.code),
        }
    }

    fn text_key(&mut self, k: &KeyEvent, procedures: &[Procedure]) -> Outcome {
        if self.focus == Field::Procedure {
            match k.code {
                KeyCode::Down => self.pick_sel = (self.pick_sel + 1).min(self.matches.len().saturating_sub(1)),
                KeyCode::Up => self.pick_sel = self.pick_sel.saturating_sub(1),
                _ => {
                    if self.picker.handle(k) == Edit::Changed {
                        self.matches = rank(procedures, self.picker.text());
                        self.pick_sel = 0;
                        return Outcome::Changed;
                    }
                }
            }
            return Outcome::Nothing;
        }
        if matches!(k.code, KeyCode::Up | KeyCode::Down) {
            self.move_focus(k.code == KeyCode::Down);
            return Outcome::Nothing;
        }
        let field = match self.focus {
            Field::Name => &mut self.name,
            Field::Id => &mut self.id,
            Field::Phone => &mut self.phone,
            Field::Email => &mut self.email,
            Field::Address => &mut self.address,
            Field::Sets => &mut self.sets,
            Field::Copies => &mut self.copies,
            Field::ReceivedFor => &mut self.received_for,
            _ => &mut self.fee,
        };
        match field.handle(k) {
            Edit::Changed => Outcome::Changed,
            _ => Outcome::Nothing,
        }
    }

    /// Enter, Space, +, -, Alt-O, Alt-A on the field that has the focus.
    fn field_action(&mut self, a: Action, procedures: &[Procedure]) -> Outcome {
        match (self.focus, a) {
            (Field::Procedure, Action::Choose) => {
                let Some(p) = self.matches.get(self.pick_sel).and_then(|i| procedures.get(*i)) else {
                    return Outcome::Nothing;
                };
                let p = p.clone();
                self.choose(&p);
                self.focus = Field::Name;
                return Outcome::Changed;
            }
            (Field::Channel, Action::Toggle) => return self.arrow(KeyCode::Right),
            (Field::PaidOnline, Action::Toggle) => self.paid_online = !self.paid_online,
            (Field::Delivery, Action::Toggle) => return self.arrow(KeyCode::Right),
            (Field::Digitized, Action::Toggle) => self.digitized = !self.digitized,
            (Field::Synced, Action::Toggle) => self.synced = !self.synced,
            (Field::Papers, a) if a != Action::Choose && a != Action::Back => return self.papers_action(a),
            (_, Action::Choose) => {
                self.move_focus(true);
                return Outcome::Nothing;
            }
            _ => return Outcome::Nothing,
        }
        Outcome::Changed
    }

    fn arrow(&mut self, c: KeyCode) -> Outcome {
        match self.focus {
            Field::Channel if matches!(c, KeyCode::Left | KeyCode::Right) => {
                let i = Channel::ALL.iter().position(|x| *x == self.channel).unwrap_or(0);
                let next = if c == KeyCode::Right { (i + 1) % 3 } else { (i + 2) % 3 };
                self.channel = Channel::ALL[next];
                Outcome::Changed
            }
            Field::Delivery if matches!(c, KeyCode::Left | KeyCode::Right) => {
                use crate::domain::handover::Delivery;
                let i = Delivery::ALL.iter().position(|x| *x == self.delivery_shown()).unwrap_or(0);
                let next = if c == KeyCode::Right { (i + 1) % 3 } else { (i + 2) % 3 };
                self.delivery = Some(Delivery::ALL[next]);
                Outcome::Changed
            }
            Field::Papers if matches!(c, KeyCode::Up | KeyCode::Down) => {
                let n = self.papers.len();
                self.paper_sel = if c == KeyCode::Down {
                    (self.paper_sel + 1).min(n.saturating_sub(1))
                } else {
                    self.paper_sel.saturating_sub(1)
                };
                Outcome::Nothing
            }
            _ if matches!(c, KeyCode::Up | KeyCode::Down) => {
                self.move_focus(c == KeyCode::Down);
                Outcome::Nothing
            }
            _ => Outcome::Nothing,
        }
    }

    fn papers_action(&mut self, a: Action) -> Outcome {
        if a == Action::TickAll {
            let all = self.papers.iter().all(|p| p.ticked);
            self.papers.iter_mut().for_each(|p| p.ticked = !all);
            return Outcome::Changed;
        }
        let Some(p) = self.papers.get_mut(self.paper_sel) else { return Outcome::Nothing };
        match a {
            Action::Toggle => p.ticked = !p.ticked,
            Action::Original => p.original = !p.original,
            Action::More => p.count = (p.count + 1).min(99),
            Action::Fewer => p.count = p.count.saturating_sub(1).max(1),
            _ => return Outcome::Nothing,
        }
        Outcome::Changed
    }
}

/// F2: a new, empty form; a draft from before is offered, never mixed in.
pub fn open(st: &mut State) -> Vec<Effect> {
    match &st.me {
        None => {
            st.flash = Some(crate::tui::state::Flash { text: s::not_staff(&st.login), error: true });
            return vec![];
        }
        Some(me) if me.role == crate::domain::status::Role::Handler => {
            st.flash = Some(crate::tui::state::Flash { text: s::intake::not_for_handlers().into(), error: true });
            return vec![];
        }
        Some(_) => {}
    }
    if st.screen == Screen::Intake {
        return vec![];
    }
    // From a receipt, the next intake takes its place; from elsewhere, Esc comes back there.
    match st.screen {
        Screen::Document => st.document = None,
        screen => st.back.push(screen),
    }
    st.screen = Screen::Intake;
    st.intake = Some(IntakeForm::new(&st.procedures));
    vec![Effect::LoadDraft]
}

/// Leaves the form; what was typed stays as the draft in the database.
pub fn close(st: &mut State) {
    st.intake = None;
    st.go_back();
}

/// A key on the intake screen; None when it is not the form's (a global F-key).
pub fn on_key(st: &mut State, k: KeyEvent) -> Option<Vec<Effect>> {
    let Some(form) = st.intake.as_mut() else {
        st.go_back();
        return Some(vec![]);
    };
    form.booked = form.procedure.as_ref().is_some_and(|p| st.booked.contains(&p.code));
    let typing = form.takes_text() && is_text(&k);
    match action_for(&k, &[Scope::Intake, Scope::Global]).filter(|_| !typing) {
        Some(Action::Back) => {
            close(st);
            return Some(vec![]);
        }
        Some(a) if !own(a) => return None,
        _ => {}
    }
    st.flash = None;
    let out = form.key(&k, &st.procedures, st.now);
    form.booked = form.procedure.as_ref().is_some_and(|p| st.booked.contains(&p.code));
    Some(match out {
        Outcome::Nothing => vec![],
        Outcome::Changed => match serde_json::to_string(&form.to_draft()) {
            Ok(body) => vec![Effect::SaveDraft(body)],
            Err(_) => vec![],
        },
        Outcome::Save(nd) => vec![Effect::AddDossier(Box::new(nd), Box::new(form.extra()))],
        Outcome::AskMissing => {
            let missing = form.missing_papers();
            st.popups.push(Popup::MissingPapers { missing, selected: 0 });
            vec![]
        }
        // Nothing is logged before its question: the refusal is a record the office keeps.
        Outcome::Refuse { nd, reason } => {
            let text = s::intake::confirm_refusal(&nd.applicant_name, &reason);
            st.popups.push(Popup::Confirm { text, then: Confirmed::RefuseAtIntake { nd: Box::new(nd), reason } });
            vec![]
        }
        Outcome::NeedReason => {
            st.flash = Some(crate::tui::state::Flash { text: s::intake::refusal_needs_reason().into(), error: true });
            vec![]
        }
    })
}

/// The actions the form handles itself (moving in it included); the rest are global.
fn own(a: Action) -> bool {
    use Action::*;
    matches!(
        a,
        Save | Refuse
            | NextField
            | PrevField
            | Toggle
            | Original
            | More
            | Fewer
            | TickAll
            | Up
            | Down
            | PageUp
            | PageDown
            | Top
            | Bottom
    )
}
