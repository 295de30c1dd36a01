//! The intake form (Tiếp nhận): pick the procedure by typing, fill the applicant, tick the
//! papers, see the appointment live, save. Pure: keys in, the form and an outcome out.

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use tui_textarea::TextArea;

use crate::domain::calendar::{Calendar, Due, TimeLimit};
use crate::domain::dossier::{Channel, Paper, Procedure};
use crate::domain::text::{fold, nfc};
use crate::domain::validate::{check_name, check_personal_id, check_phone, Problem, Warning};
use crate::store::NewDossier;

use super::input::{Edit, LineInput};

/// The fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Procedure,
    Name,
    Id,
    Phone,
    Address,
    Channel,
    Papers,
    Fee,
    PaidOnline,
    Notes,
}

pub const ORDER: [Field; 10] = [
    Field::Procedure,
    Field::Name,
    Field::Id,
    Field::Phone,
    Field::Address,
    Field::Channel,
    Field::Papers,
    Field::Fee,
    Field::PaidOnline,
    Field::Notes,
];

/// A paper of the procedure's checklist, as the clerk ticks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperLine {
    pub name: String,
    /// Listed "if any" / "in the case of": not every applicant brings it.
    pub optional: bool,
    pub ticked: bool,
    pub original: bool,
    pub count: u32,
}

#[derive(Debug, Clone)]
pub struct IntakeForm {
    pub focus: Field,
    pub picker: LineInput,
    /// Indices into the catalogue, best match first.
    pub matches: Vec<usize>,
    pub pick_sel: usize,
    pub procedure: Option<Procedure>,
    pub name: LineInput,
    pub id: LineInput,
    pub phone: LineInput,
    pub address: LineInput,
    pub channel: Channel,
    pub papers: Vec<PaperLine>,
    pub paper_sel: usize,
    pub fee: LineInput,
    pub paid_online: bool,
    pub notes: TextArea<'static>,
    /// The "required papers are missing" question is open.
    pub asking_missing: bool,
    /// A save is on its way: keys wait.
    pub saving: bool,
}

/// What a key did, for the caller to turn into effects.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Nothing,
    /// The form changed: keep the draft.
    Changed,
    Save(NewDossier),
    /// Required papers are missing: the clerk chose to give a supplement request (Mẫu 02)
    /// instead of registering; the missing papers are listed.
    SupplementRequest(Vec<String>),
    /// F8: the counter refuses the dossier (Mẫu 03), for the reason written in the notes.
    Refuse {
        nd: NewDossier,
        reason: String,
    },
    /// F8 with nothing in the notes: the reason goes there first.
    NeedReason,
    /// Esc: leave the form (the draft stays).
    Close,
}

/// The form as kept in the database between sessions (drafts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub procedure_code: Option<String>,
    pub picker: String,
    pub name: String,
    pub id: String,
    pub phone: String,
    pub address: String,
    pub channel: Channel,
    pub papers: Vec<PaperLine>,
    pub fee: String,
    pub paid_online: bool,
    pub notes: Vec<String>,
    pub focus: Field,
}

fn optional_paper(name: &str) -> bool {
    let f = fold(name);
    ["neu co", "truong hop", "neu khong"].iter().any(|w| f.contains(w))
}

/// The catalogue filtered by what was typed, best match first: every typed word must appear in
/// the folded code + name; names that start with the words, then shorter names, come first.
pub fn rank(procedures: &[Procedure], typed: &str) -> Vec<usize> {
    let q = fold(typed);
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut hits: Vec<(usize, usize, usize)> = procedures
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let name = fold(&p.name);
            let hay = format!("{} {name}", p.code);
            if !words.iter().all(|w| hay.contains(w)) {
                return None;
            }
            let phrase = words.join(" ");
            let score = if p.code.starts_with(&phrase) {
                0
            } else if name.starts_with(&phrase) {
                1
            } else if name.contains(&phrase) {
                2
            } else {
                3
            };
            Some((score, name.len(), i))
        })
        .collect();
    hits.sort();
    hits.into_iter().map(|(_, _, i)| i).collect()
}

impl IntakeForm {
    pub fn new(procedures: &[Procedure]) -> IntakeForm {
        let mut notes = TextArea::default();
        notes.set_cursor_line_style(ratatui::style::Style::default());
        IntakeForm {
            focus: Field::Procedure,
            picker: LineInput::default(),
            matches: rank(procedures, ""),
            pick_sel: 0,
            procedure: None,
            name: LineInput::default(),
            id: LineInput::default(),
            phone: LineInput::default(),
            address: LineInput::default(),
            channel: Channel::InPerson,
            papers: vec![],
            paper_sel: 0,
            fee: LineInput::default(),
            paid_online: false,
            notes,
            asking_missing: false,
            saving: false,
        }
    }

    pub fn choose(&mut self, p: &Procedure) {
        self.papers = p
            .papers
            .iter()
            .map(|n| PaperLine {
                name: n.clone(),
                optional: optional_paper(n),
                ticked: false,
                original: true,
                count: 1,
            })
            .collect();
        self.fee = LineInput::new(&p.fee_vnd.unwrap_or(0).to_string());
        self.picker = LineInput::new(&p.name);
        self.procedure = Some(p.clone());
        self.paper_sel = 0;
    }

    /// The appointment the receipt will give, if a procedure is chosen.
    pub fn due(&self, cal: &Calendar, now: NaiveDateTime) -> Option<(Due, TimeLimit)> {
        let limit = self.procedure.as_ref()?.time_limit()?;
        Some((cal.due(limit, now), limit))
    }

    pub fn name_check(&self) -> Result<String, Problem> {
        check_name(self.name.text())
    }

    /// None when empty (the ID is optional at the counter: a child, a foreigner).
    pub fn id_check(&self, now: NaiveDateTime) -> Option<Result<(String, Vec<Warning>), Problem>> {
        (!self.id.text().trim().is_empty()).then(|| check_personal_id(self.id.text(), now.date()))
    }

    pub fn phone_check(&self) -> Option<Result<String, Problem>> {
        (!self.phone.text().trim().is_empty()).then(|| check_phone(self.phone.text()))
    }

    pub fn fee_value(&self) -> Option<i64> {
        let digits: String = self.fee.text().chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
        if digits.is_empty() {
            return Some(0);
        }
        digits.parse::<i64>().ok().filter(|f| *f >= 0)
    }

    /// The first field that stops a save, with its place in the Tab order.
    pub fn blocking(&self, now: NaiveDateTime) -> Option<Field> {
        if self.procedure.is_none() {
            return Some(Field::Procedure);
        }
        if self.name_check().is_err() {
            return Some(Field::Name);
        }
        if matches!(self.id_check(now), Some(Err(_))) {
            return Some(Field::Id);
        }
        if matches!(self.phone_check(), Some(Err(_))) {
            return Some(Field::Phone);
        }
        if self.fee_value().is_none() {
            return Some(Field::Fee);
        }
        None
    }

    pub fn missing_papers(&self) -> Vec<String> {
        self.papers.iter().filter(|p| !p.optional && !p.ticked).map(|p| p.name.clone()).collect()
    }

    /// The dossier as typed so far (for a supplement request at the counter).
    pub fn request(&self) -> Option<NewDossier> {
        self.new_dossier()
    }

    fn new_dossier(&self) -> Option<NewDossier> {
        let p = self.procedure.as_ref()?;
        Some(NewDossier {
            procedure_code: p.code.clone(),
            applicant_name: self.name.text().to_string(),
            applicant_id: self.id.text().to_string(),
            phone: self.phone.text().to_string(),
            address: self.address.text().to_string(),
            channel: self.channel,
            papers: self
                .papers
                .iter()
                .filter(|p| p.ticked)
                .map(|p| Paper { name: p.name.clone(), original: p.original, count: p.count })
                .collect(),
            fee_vnd: self.fee_value(),
            paid_online: self.paid_online,
            note: nfc(&self.notes.lines().join("\n")),
        })
    }

    fn move_focus(&mut self, forward: bool) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = ORDER.len();
        self.focus = ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    /// Save if nothing blocks; else move to the field that does.
    fn try_save(&mut self, now: NaiveDateTime) -> Outcome {
        if let Some(f) = self.blocking(now) {
            self.focus = f;
            return Outcome::Nothing;
        }
        if !self.missing_papers().is_empty() {
            self.asking_missing = true;
            return Outcome::Nothing;
        }
        self.save_now()
    }

    /// A refusal needs the procedure asked for, who asked, and why (the notes).
    fn try_refuse(&mut self, now: NaiveDateTime) -> Outcome {
        if let Some(f) = self.blocking(now).filter(|f| *f != Field::Fee) {
            self.focus = f;
            return Outcome::Nothing;
        }
        let reason = nfc(self.notes.lines().join("\n").trim());
        if reason.is_empty() {
            self.focus = Field::Notes;
            return Outcome::NeedReason;
        }
        match self.new_dossier() {
            Some(nd) => {
                self.saving = true;
                Outcome::Refuse { nd, reason }
            }
            None => Outcome::Nothing,
        }
    }

    fn save_now(&mut self) -> Outcome {
        match self.new_dossier() {
            Some(nd) => {
                self.saving = true;
                Outcome::Save(nd)
            }
            None => Outcome::Nothing,
        }
    }

    pub fn key(&mut self, k: &KeyEvent, procedures: &[Procedure], now: NaiveDateTime) -> Outcome {
        if self.saving {
            return Outcome::Nothing;
        }
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if self.asking_missing {
            return match k.code {
                KeyCode::Enter => {
                    self.asking_missing = false;
                    self.save_now()
                }
                KeyCode::Char('b') => {
                    self.asking_missing = false;
                    Outcome::SupplementRequest(self.missing_papers())
                }
                KeyCode::Esc => {
                    self.asking_missing = false;
                    self.focus = Field::Papers;
                    Outcome::Nothing
                }
                _ => Outcome::Nothing,
            };
        }
        match k.code {
            KeyCode::Char('s') if ctrl => return self.try_save(now),
            KeyCode::F(10) => return self.try_save(now),
            KeyCode::F(8) => return self.try_refuse(now),
            KeyCode::Esc => return Outcome::Close,
            KeyCode::Tab => {
                self.move_focus(true);
                return Outcome::Nothing;
            }
            KeyCode::BackTab => {
                self.move_focus(false);
                return Outcome::Nothing;
            }
            _ => {}
        }
        match self.focus {
            Field::Procedure => self.picker_key(k, procedures),
            Field::Name | Field::Id | Field::Phone | Field::Address | Field::Fee => {
                if k.code == KeyCode::Enter {
                    self.move_focus(true);
                    return Outcome::Nothing;
                }
                let field = match self.focus {
                    Field::Name => &mut self.name,
                    Field::Id => &mut self.id,
                    Field::Phone => &mut self.phone,
                    Field::Address => &mut self.address,
                    _ => &mut self.fee,
                };
                match field.handle(k) {
                    Edit::Changed => Outcome::Changed,
                    _ => Outcome::Nothing,
                }
            }
            Field::Channel => {
                let i = Channel::ALL.iter().position(|c| *c == self.channel).unwrap_or(0);
                let next = match k.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Down => (i + 1) % 3,
                    KeyCode::Left | KeyCode::Up => (i + 2) % 3,
                    KeyCode::Char('1') => 0,
                    KeyCode::Char('2') => 1,
                    KeyCode::Char('3') => 2,
                    KeyCode::Enter => {
                        self.move_focus(true);
                        return Outcome::Nothing;
                    }
                    _ => return Outcome::Nothing,
                };
                self.channel = Channel::ALL[next];
                Outcome::Changed
            }
            Field::Papers => self.papers_key(k),
            Field::PaidOnline => match k.code {
                KeyCode::Char(' ') => {
                    self.paid_online = !self.paid_online;
                    Outcome::Changed
                }
                KeyCode::Enter => {
                    self.move_focus(true);
                    Outcome::Nothing
                }
                _ => Outcome::Nothing,
            },
            Field::Notes => {
                if self.notes.input(*k) {
                    Outcome::Changed
                } else {
                    Outcome::Nothing
                }
            }
        }
    }

    fn picker_key(&mut self, k: &KeyEvent, procedures: &[Procedure]) -> Outcome {
        match k.code {
            KeyCode::Down => {
                self.pick_sel = (self.pick_sel + 1).min(self.matches.len().saturating_sub(1));
                Outcome::Nothing
            }
            KeyCode::Up => {
                self.pick_sel = self.pick_sel.saturating_sub(1);
                Outcome::Nothing
            }
            KeyCode::Enter => {
                let Some(p) = self.matches.get(self.pick_sel).and_then(|i| procedures.get(*i)) else {
                    return Outcome::Nothing;
                };
                let p = p.clone();
                self.choose(&p);
                self.focus = Field::Name;
                Outcome::Changed
            }
            _ => match self.picker.handle(k) {
                Edit::Changed => {
                    self.matches = rank(procedures, self.picker.text());
                    self.pick_sel = 0;
                    Outcome::Changed
                }
                _ => Outcome::Nothing,
            },
        }
    }

    fn papers_key(&mut self, k: &KeyEvent) -> Outcome {
        let n = self.papers.len();
        let Some(p) = self.papers.get_mut(self.paper_sel) else {
            if k.code == KeyCode::Enter {
                self.move_focus(true);
            }
            return Outcome::Nothing;
        };
        match k.code {
            KeyCode::Char(' ') => p.ticked = !p.ticked,
            KeyCode::Char('o') => p.original = !p.original,
            KeyCode::Char('+') => p.count = (p.count + 1).min(99),
            KeyCode::Char('-') => p.count = p.count.saturating_sub(1).max(1),
            KeyCode::Char('a') => {
                let all = self.papers.iter().all(|p| p.ticked);
                self.papers.iter_mut().for_each(|p| p.ticked = !all);
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.paper_sel = (self.paper_sel + 1).min(n - 1);
                return Outcome::Nothing;
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.paper_sel = self.paper_sel.saturating_sub(1);
                return Outcome::Nothing;
            }
            KeyCode::Enter => {
                self.move_focus(true);
                return Outcome::Nothing;
            }
            _ => return Outcome::Nothing,
        }
        Outcome::Changed
    }

    pub fn to_draft(&self) -> Draft {
        Draft {
            procedure_code: self.procedure.as_ref().map(|p| p.code.clone()),
            picker: self.picker.text().to_string(),
            name: self.name.text().to_string(),
            id: self.id.text().to_string(),
            phone: self.phone.text().to_string(),
            address: self.address.text().to_string(),
            channel: self.channel,
            papers: self.papers.clone(),
            fee: self.fee.text().to_string(),
            paid_online: self.paid_online,
            notes: self.notes.lines().to_vec(),
            focus: self.focus,
        }
    }

    pub fn from_draft(d: &Draft, procedures: &[Procedure]) -> IntakeForm {
        let mut f = IntakeForm::new(procedures);
        if let Some(p) = d.procedure_code.as_ref().and_then(|c| procedures.iter().find(|p| &p.code == c)) {
            f.choose(p);
            f.papers = d.papers.clone();
        } else {
            f.picker = LineInput::new(&d.picker);
            f.matches = rank(procedures, &d.picker);
        }
        f.name = LineInput::new(&d.name);
        f.id = LineInput::new(&d.id);
        f.phone = LineInput::new(&d.phone);
        f.address = LineInput::new(&d.address);
        f.channel = d.channel;
        f.fee = LineInput::new(&d.fee);
        f.paid_online = d.paid_online;
        f.notes = TextArea::new(d.notes.clone());
        f.notes.set_cursor_line_style(ratatui::style::Style::default());
        f.focus = d.focus;
        f
    }

    /// Nothing typed yet: no draft worth keeping.
    pub fn is_blank(&self) -> bool {
        self.procedure.is_none()
            && self.picker.text().is_empty()
            && self.name.text().is_empty()
            && self.id.text().is_empty()
            && self.phone.text().is_empty()
            && self.address.text().is_empty()
            && self.notes.lines().iter().all(|l| l.is_empty())
    }
}
