//! The dashboard's keys: panes, the urgency cell, the period, the review list; Enter on a
//! count opens exactly those dossiers in the queue (Esc comes back here).

use chrono::NaiveDate;

use crate::domain::status::Role;
use crate::domain::urgency::Urgency;
use crate::store::{QueueFilter, Tab};

use crate::tui::effects::{Effect, Export};
use crate::tui::input::LineInput;
use crate::tui::keymap::Action;
use crate::tui::popups::{Confirmed, Popup};
use crate::tui::screens::queue::update::first_page;
use crate::tui::state::{Flash, Screen, State};
use crate::tui::strings as s;
use crate::tui::target::Target;

use super::state::{DashOutcome, DashView, Pane, Row, KINDS};

/// What the dashboard reads: the counts, the period's indicators, and the review if it is open.
pub fn loads(st: &State) -> Vec<Effect> {
    let Some(dv) = &st.dash else { return vec![] };
    let mut fx = vec![Effect::LoadDashboard, Effect::LoadIndicators(dv.period(st.today()))];
    if dv.pane == Pane::Review {
        fx.push(Effect::LoadReview);
    }
    fx
}

/// F4: the dashboard, where the head left it.
pub fn open(st: &mut State) -> Vec<Effect> {
    st.dash.get_or_insert_with(DashView::default);
    if st.screen != Screen::Dashboard {
        st.back.push(st.screen);
        st.screen = Screen::Dashboard;
    }
    loads(st)
}

/// A dashboard action; the review's Enter and reminder first, then the panes.
pub fn on_action(st: &mut State, a: Action) -> Vec<Effect> {
    let today = st.today();
    let Some(dv) = st.dash.as_mut() else { return vec![] };
    if dv.pane == Pane::Review {
        let selected = dv.selected_review().cloned();
        match (a, selected) {
            (Action::Remind, Some(row)) => {
                if st.me.as_ref().is_some_and(|me| me.role == Role::Head) {
                    let targets = vec![Target::from(&row)];
                    let text = s::popups::confirm_remind(&targets);
                    st.popups.push(Popup::Confirm { text, then: Confirmed::Remind(targets) });
                } else {
                    st.flash = Some(Flash { text: s::dashboard::head_only().into(), error: true });
                }
                return vec![];
            }
            (Action::Open, Some(row)) => {
                st.back.push(Screen::Dashboard);
                st.screen = Screen::Detail;
                st.detail = None;
                return vec![Effect::LoadDetail { code: row.code.clone() }];
            }
            _ => {}
        }
    }
    match dv.act(a) {
        DashOutcome::Nothing => vec![],
        DashOutcome::Period => vec![Effect::LoadIndicators(dv.period(today))],
        DashOutcome::AskPeriod => {
            let p = dv.period(today);
            let d = |x: NaiveDate| LineInput::new(&x.format("%d/%m/%Y").to_string());
            st.popups.push(Popup::Period { from: d(p.from), to: d(p.to), on_to: false, error: None });
            vec![]
        }
        DashOutcome::LoadReview => vec![Effect::LoadReview],
        DashOutcome::OpenQueue(filter) => {
            // Esc on the queue gives the head back this dashboard and the queue its filter.
            let before = std::mem::replace(
                &mut st.queue.filter,
                QueueFilter { me: st.login.clone(), tab: Some(Tab::Pending), ..filter },
            );
            st.queue.before_drill.get_or_insert(before);
            st.queue.search = None;
            st.back.push(Screen::Dashboard);
            st.screen = Screen::Queue;
            first_page(st)
        }
        DashOutcome::ExportReport => {
            vec![Effect::Export { what: Export::Report, period: dv.period(today), dir: st.outputs.export_dir.clone() }]
        }
        DashOutcome::ExportLogbook => {
            vec![Effect::Export { what: Export::Logbook, period: dv.period(today), dir: st.outputs.export_dir.clone() }]
        }
    }
}

impl DashView {
    pub fn act(&mut self, a: Action) -> DashOutcome {
        match a {
            Action::NextTab | Action::PrevTab => {
                let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = Pane::ALL.len();
                self.pane = Pane::ALL[if a == Action::NextTab { (i + 1) % n } else { (i + n - 1) % n }];
                self.scroll = 0;
                return if self.pane == Pane::Review { DashOutcome::LoadReview } else { DashOutcome::Nothing };
            }
            Action::PeriodKind => {
                let i = KINDS.iter().position(|x| *x == self.kind).unwrap_or(1);
                // From a typed period, F7 comes back to the kinds where it was.
                if self.custom.take().is_none() {
                    self.kind = KINDS[(i + 1) % KINDS.len()];
                }
                self.back = 0;
                return DashOutcome::Period;
            }
            Action::CustomPeriod => return DashOutcome::AskPeriod,
            Action::Cutoff => {
                self.custom = None;
                self.cutoff = !self.cutoff;
                return DashOutcome::Period;
            }
            Action::PrevPeriod => {
                self.custom = None;
                self.back += 1;
                return DashOutcome::Period;
            }
            Action::NextPeriod if self.back > 0 => {
                self.custom = None;
                self.back -= 1;
                return DashOutcome::Period;
            }
            Action::ExportReport => return DashOutcome::ExportReport,
            Action::ExportLogbook => return DashOutcome::ExportLogbook,
            _ => {}
        }
        match self.pane {
            Pane::Urgency => self.urgency(a),
            Pane::Review => {
                self.review_move(a);
                DashOutcome::Nothing
            }
            Pane::Report => {
                // The fields, then the total row.
                let last = self.comparison.as_ref().map_or(0, |c| c.current.by_field.len());
                match a {
                    Action::Down => self.report_row = (self.report_row + 1).min(last),
                    Action::Up => self.report_row = self.report_row.saturating_sub(1),
                    Action::Top => self.report_row = 0,
                    Action::Bottom => self.report_row = last,
                    _ => {}
                }
                DashOutcome::Nothing
            }
            Pane::Indicators | Pane::Intake => DashOutcome::Nothing,
        }
    }

    fn review_move(&mut self, a: Action) {
        let n = self.review_rows().len();
        let starts = self.review_starts();
        match a {
            Action::Down => self.review_sel = (self.review_sel + 1).min(n.saturating_sub(1)),
            Action::Up => self.review_sel = self.review_sel.saturating_sub(1),
            // The next or previous list that has rows.
            Action::Right | Action::PageDown => {
                if let Some(s) = starts.iter().copied().find(|s| *s > self.review_sel && *s < n) {
                    self.review_sel = s;
                }
            }
            Action::Left | Action::PageUp => {
                let current = starts.iter().copied().filter(|s| *s <= self.review_sel).max().unwrap_or(0);
                self.review_sel = if current < self.review_sel {
                    current
                } else {
                    starts.iter().copied().filter(|s| *s < current).max().unwrap_or(0)
                };
            }
            _ => {}
        }
    }

    fn urgency(&mut self, a: Action) -> DashOutcome {
        let n = self.rows().len();
        match a {
            Action::Down => self.row = (self.row + 1).min(n.saturating_sub(1)),
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Right => self.col = (self.col + 1).min(6),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Top => self.row = 0,
            Action::Bottom => self.row = n.saturating_sub(1),
            Action::Open => {
                let (Some(d), Some(row)) = (&self.data, self.rows().get(self.row).cloned()) else {
                    return DashOutcome::Nothing;
                };
                let urgency = Urgency::ALL.get(self.col).copied();
                let filter = match &row {
                    Row::All => d.queue_filter(urgency, None, None),
                    Row::Assignee(a) => d.queue_filter(urgency, Some(a), None),
                    Row::Field(f) => d.queue_filter(urgency, None, Some(f)),
                };
                return DashOutcome::OpenQueue(filter);
            }
            _ => {}
        }
        DashOutcome::Nothing
    }
}
