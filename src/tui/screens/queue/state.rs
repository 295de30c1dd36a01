//! What the queue knows: the page on screen, the tab and filters, the marked set, the search.

use std::collections::BTreeMap;

use crate::store::{QueueFilter, QueueRow, Tab};

use crate::tui::input::LineInput;
use crate::tui::target::Target;

/// A window onto a long list of dossiers: the rows on screen, where they stand in the whole,
/// and the highlighted one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct List {
    pub rows: Vec<QueueRow>,
    /// Position of rows[0] among all rows (0-based), and how many there are.
    pub offset: u64,
    pub total: u64,
    pub selected: usize,
    pub loaded: bool,
    /// Dossiers that arrived above the rows on screen since the clerk scrolled down.
    pub new_above: u64,
}

impl List {
    pub fn current(&self) -> Option<&QueueRow> {
        self.rows.get(self.selected)
    }
    pub fn has_more_below(&self) -> bool {
        self.offset + (self.rows.len() as u64) < self.total
    }
}

/// The search: results of every status, pending first, replacing the queue until Esc.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Search {
    pub input: LineInput,
    pub editing: bool,
    /// The text the shown rows answer (typing runs ahead of the results).
    pub answered: String,
    pub list: List,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueView {
    pub filter: QueueFilter,
    pub list: List,
    /// Marked dossiers by id, for actions on a set.
    pub marked: BTreeMap<i64, Target>,
    pub search: Option<Search>,
    /// The filter before a dashboard drill-down, given back by Esc.
    pub before_drill: Option<QueueFilter>,
}

impl QueueView {
    pub fn new(login: &str) -> QueueView {
        QueueView { filter: QueueFilter { me: login.to_string(), ..Default::default() }, ..Default::default() }
    }
    pub fn tab(&self) -> Tab {
        self.filter.tab.unwrap_or(Tab::Pending)
    }
    /// The list on screen: the search's while one has text, else the queue.
    pub fn list(&self) -> &List {
        match &self.search {
            Some(s) if s.showing() => &s.list,
            _ => &self.list,
        }
    }
    pub fn list_mut(&mut self) -> &mut List {
        match self.search.as_mut() {
            Some(s) if s.showing() => &mut s.list,
            _ => &mut self.list,
        }
    }
    pub fn current(&self) -> Option<&QueueRow> {
        self.list().current()
    }
    /// The rows on screen are search results.
    pub fn searching(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.showing())
    }
}

impl Search {
    /// An empty box shows the queue itself.
    pub fn showing(&self) -> bool {
        !self.input.text().trim().is_empty()
    }
}

/// Which row to highlight when a page arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    /// The same dossier if it is still there, else the same position.
    Id(i64),
    Index(usize),
    Last,
}
