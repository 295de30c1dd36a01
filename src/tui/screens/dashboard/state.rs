//! What the office head's view (Theo dõi hạn) holds: the counts by urgency, the period and
//! its indicators, the end-of-day review, and the highlighted cell of each pane.

use chrono::NaiveDate;

use crate::domain::report::{Period, PeriodKind};
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

/// The periods F7 steps through (DOMAIN §5).
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
    /// The highlighted cell of the urgency table: a row, and a column (0–5 a step, 6 the total).
    pub row: usize,
    pub col: usize,
    pub review_sel: usize,
    /// The report's highlighted row: a field, or (one past the fields) the total.
    pub report_row: usize,
    pub scroll: u16,
}

/// What a key on the dashboard asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum DashOutcome {
    Nothing,
    /// The period changed: the indicators (and the report) are read again.
    Period,
    /// Type a period by hand.
    AskPeriod,
    /// The review pane opened: its lists are read.
    LoadReview,
    /// Enter on a count: the queue with exactly those dossiers.
    OpenQueue(QueueFilter),
    /// Export the period's report (xlsx).
    ExportReport,
    /// Export the period's logbook (xlsx).
    ExportLogbook,
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
            report_row: 0,
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
    pub fn review_starts(&self) -> Vec<usize> {
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
}
