//! The office head's view (Theo dõi hạn): pending dossiers by urgency, the day's work and the
//! indicators, the intake of the last working days, the end-of-day review and the period
//! report. State and pure key handling; drawing is in dashboard_view.rs.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::report::{Period, PeriodKind};
use crate::domain::urgency::Urgency;
use crate::store::{Comparison, Dashboard, QueueFilter, QueueRow, Review};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Urgency,
    Indicators,
    Intake,
    Review,
    Report,
}

impl Pane {
    pub const ALL: [Pane; 5] = [Pane::Urgency, Pane::Indicators, Pane::Intake, Pane::Review, Pane::Report];
}

/// The periods `p` steps through (DOMAIN §5).
pub const KINDS: [PeriodKind; 6] = [
    PeriodKind::Day,
    PeriodKind::Month,
    PeriodKind::Quarter,
    PeriodKind::SixMonths,
    PeriodKind::NineMonths,
    PeriodKind::Year,
];

/// A row of the urgency table: everything, one assignee, or one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    All,
    Assignee(String),
    Field(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DashView {
    pub pane: Pane,
    pub data: Option<Dashboard>,
    pub comparison: Option<Comparison>,
    pub review: Option<Review>,
    pub kind: PeriodKind,
    pub cutoff: bool,
    /// How many periods back from the current one.
    pub back: u32,
    /// A period typed by hand (DOMAIN §5 "custom"): replaces the kind while set.
    pub custom: Option<Period>,
    /// The highlighted cell of the urgency table: a row, and a column (0–4 a step, 5 the total).
    pub row: usize,
    pub col: usize,
    pub review_sel: usize,
    /// The report's column group: 0 received, 1 resolved, 2 pending and withdrawn.
    pub report_cols: usize,
    pub scroll: u16,
}

/// What a key on the dashboard asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum DashOutcome {
    Nothing,
    /// The period changed: the indicators (and the report) are read again.
    Period,
    /// `/`: type a period by hand.
    AskPeriod,
    /// The review pane opened: its lists are read.
    LoadReview,
    /// Enter on a count: the queue with exactly those dossiers.
    OpenQueue(QueueFilter),
    /// Export the period's report (xlsx).
    ExportReport,
    /// Export the period's logbook (xlsx).
    ExportLogbook,
    Close,
}

impl Default for DashView {
    fn default() -> DashView {
        DashView {
            pane: Pane::Urgency,
            data: None,
            comparison: None,
            review: None,
            kind: PeriodKind::Month,
            cutoff: false,
            back: 0,
            custom: None,
            row: 0,
            col: 0,
            review_sel: 0,
            report_cols: 0,
            scroll: 0,
        }
    }
}

impl DashView {
    pub fn period(&self, today: NaiveDate) -> Period {
        if let Some(p) = self.custom {
            return p;
        }
        let mut p = Period::current(self.kind, today, self.cutoff);
        for _ in 0..self.back {
            p = p.previous();
        }
        p
    }

    /// The rows of the urgency table, in order (section headings are drawn between them).
    pub fn rows(&self) -> Vec<Row> {
        let Some(d) = &self.data else { return vec![] };
        let mut rows = vec![Row::All];
        rows.extend(d.by_assignee.iter().map(|(a, _)| Row::Assignee(a.clone())));
        rows.extend(d.by_field.iter().map(|(f, _)| Row::Field(f.clone())));
        rows
    }

    /// The review's rows in the order they are drawn.
    pub fn review_rows(&self) -> Vec<&QueueRow> {
        let Some(r) = &self.review else { return vec![] };
        [&r.overdue_no_apology, &r.last_day_for_apology, &r.supplement_waiting, &r.unassigned]
            .into_iter()
            .flat_map(|l| l.rows.iter().map(|x| &x.dossier))
            .collect()
    }

    /// Where each review list starts among the review's rows.
    fn review_starts(&self) -> Vec<usize> {
        let Some(r) = &self.review else { return vec![] };
        let mut at = 0;
        [&r.overdue_no_apology, &r.last_day_for_apology, &r.supplement_waiting, &r.unassigned]
            .into_iter()
            .map(|l| {
                let start = at;
                at += l.rows.len();
                start
            })
            .collect()
    }

    pub fn selected_review(&self) -> Option<&QueueRow> {
        self.review_rows().get(self.review_sel).copied()
    }

    pub fn key(&mut self, k: &KeyEvent) -> DashOutcome {
        match k.code {
            KeyCode::Esc | KeyCode::Char('q') => return DashOutcome::Close,
            KeyCode::Tab | KeyCode::BackTab => {
                let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = Pane::ALL.len();
                self.pane = Pane::ALL[if k.code == KeyCode::Tab { (i + 1) % n } else { (i + n - 1) % n }];
                self.scroll = 0;
                return if self.pane == Pane::Review { DashOutcome::LoadReview } else { DashOutcome::Nothing };
            }
            KeyCode::Char(c @ '1'..='5') => {
                self.pane = Pane::ALL[(c as u8 - b'1') as usize];
                self.scroll = 0;
                return if self.pane == Pane::Review { DashOutcome::LoadReview } else { DashOutcome::Nothing };
            }
            _ => {}
        }
        if matches!(self.pane, Pane::Indicators | Pane::Report) {
            match k.code {
                KeyCode::Char('p') => {
                    let i = KINDS.iter().position(|x| *x == self.kind).unwrap_or(1);
                    // From a typed period, `p` comes back to the kinds where it was.
                    if self.custom.take().is_none() {
                        self.kind = KINDS[(i + 1) % KINDS.len()];
                    }
                    self.back = 0;
                    return DashOutcome::Period;
                }
                KeyCode::Char('/') => return DashOutcome::AskPeriod,
                KeyCode::Char('c') => {
                    self.custom = None;
                    self.cutoff = !self.cutoff;
                    return DashOutcome::Period;
                }
                KeyCode::Char('[') => {
                    self.custom = None;
                    self.back += 1;
                    return DashOutcome::Period;
                }
                KeyCode::Char(']') if self.back > 0 => {
                    self.custom = None;
                    self.back -= 1;
                    return DashOutcome::Period;
                }
                KeyCode::Char('e') => return DashOutcome::ExportReport,
                KeyCode::Char('E') => return DashOutcome::ExportLogbook,
                _ => {}
            }
        }
        match self.pane {
            Pane::Urgency => self.urgency_key(k),
            Pane::Review => {
                let n = self.review_rows().len();
                let starts = self.review_starts();
                match k.code {
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.review_sel = (self.review_sel + 1).min(n.saturating_sub(1))
                    }
                    KeyCode::Up | KeyCode::Char('k') => self.review_sel = self.review_sel.saturating_sub(1),
                    // The next or previous list that has rows.
                    KeyCode::Right | KeyCode::PageDown => {
                        if let Some(s) = starts.iter().copied().find(|s| *s > self.review_sel && *s < n) {
                            self.review_sel = s;
                        }
                    }
                    KeyCode::Left | KeyCode::PageUp => {
                        let current = starts.iter().copied().filter(|s| *s <= self.review_sel).max().unwrap_or(0);
                        self.review_sel = if current < self.review_sel {
                            current
                        } else {
                            starts.iter().copied().filter(|s| *s < current).max().unwrap_or(0)
                        };
                    }
                    _ => {}
                }
                DashOutcome::Nothing
            }
            Pane::Report => {
                match k.code {
                    KeyCode::Right | KeyCode::Char('v') => self.report_cols = (self.report_cols + 1) % 3,
                    KeyCode::Left => self.report_cols = (self.report_cols + 2) % 3,
                    KeyCode::Down | KeyCode::Char('j') => self.scroll = self.scroll.saturating_add(1),
                    KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
                    _ => {}
                }
                DashOutcome::Nothing
            }
            Pane::Indicators | Pane::Intake => DashOutcome::Nothing,
        }
    }

    fn urgency_key(&mut self, k: &KeyEvent) -> DashOutcome {
        let n = self.rows().len();
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => self.row = (self.row + 1).min(n.saturating_sub(1)),
            KeyCode::Up | KeyCode::Char('k') => self.row = self.row.saturating_sub(1),
            KeyCode::Right | KeyCode::Char('l') => self.col = (self.col + 1).min(6),
            KeyCode::Left | KeyCode::Char('h') => self.col = self.col.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.row = 0,
            KeyCode::Enter => {
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
