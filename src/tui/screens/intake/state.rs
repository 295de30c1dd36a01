//! What the intake form (Tiếp nhận) holds: the procedure picked by typing, the applicant,
//! the papers ticked, the checks of each field, and the draft kept between sessions.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tui_textarea::TextArea;

use crate::domain::calendar::{Calendar, Due, TimeLimit};
use crate::domain::dossier::{Channel, Paper, Procedure};
use crate::domain::handover::{Delivery, IntakeExtra};
use crate::domain::text::{fold, nfc};
use crate::domain::validate::{
    check_email, check_name, check_personal_id, check_phone, Problem, Warning, EMAIL_MAX_CHARS,
};
use crate::store::NewDossier;

use crate::tui::input::LineInput;

/// The fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Procedure,
    Name,
    Id,
    Phone,
    Email,
    Address,
    Channel,
    Papers,
    Sets,
    /// Certified copies to number in the book (procedures with a certification book only).
    Copies,
    Fee,
    PaidOnline,
    /// How the citizen wants the result (counter / post / online).
    Delivery,
    /// Papers digitized at intake.
    Digitized,
    /// Synchronised to the national portal.
    Synced,
    /// Received for another competent office ("phi địa giới"), optional.
    ReceivedFor,
    Notes,
}

pub const ORDER: [Field; 17] = [
    Field::Procedure,
    Field::Name,
    Field::Id,
    Field::Phone,
    Field::Email,
    Field::Address,
    Field::Channel,
    Field::Papers,
    Field::Sets,
    Field::Copies,
    Field::Fee,
    Field::PaidOnline,
    Field::Digitized,
    Field::Synced,
    Field::Delivery,
    Field::ReceivedFor,
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
    pub email: LineInput,
    pub address: LineInput,
    pub channel: Channel,
    pub papers: Vec<PaperLine>,
    pub paper_sel: usize,
    /// Number of sets (bộ) handed in, 1–99 (Mẫu 01, the logbook).
    pub sets: LineInput,
    pub fee: LineInput,
    pub paid_online: bool,
    /// None: as the dossier came in (the channel), like `dossier add` without --delivery.
    pub delivery: Option<Delivery>,
    pub digitized: bool,
    pub synced: bool,
    pub received_for: LineInput,
    /// Certified copies, 1–999; asked only when `booked`.
    pub copies: LineInput,
    /// The chosen procedure has a certification book (set by the screen from the catalogue).
    pub booked: bool,
    pub notes: TextArea<'static>,
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
    /// Required papers are not ticked: ask before registering.
    AskMissing,
    /// F8: the counter refuses the dossier (Mẫu 03), for the reason written in the notes.
    Refuse {
        nd: NewDossier,
        reason: String,
    },
    /// F8 with nothing in the notes: the reason goes there first.
    NeedReason,
}

/// The form as kept in the database between sessions (drafts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub procedure_code: Option<String>,
    pub picker: String,
    pub name: String,
    pub id: String,
    pub phone: String,
    /// Drafts kept before the field existed have none.
    #[serde(default)]
    pub email: String,
    pub address: String,
    pub channel: Channel,
    pub papers: Vec<PaperLine>,
    #[serde(default = "one_set")]
    pub sets: String,
    pub fee: String,
    pub paid_online: bool,
    /// Drafts kept before these fields existed have none.
    #[serde(default)]
    pub delivery: Option<Delivery>,
    #[serde(default)]
    pub digitized: bool,
    #[serde(default)]
    pub synced: bool,
    #[serde(default)]
    pub received_for: String,
    pub notes: Vec<String>,
    pub focus: Field,
}

fn one_set() -> String {
    "1".into()
}

fn optional_paper(name: &str) -> bool {
    let f = fold(name);
    ["neu co", "truong hop", "neu khong"].iter().any(|w| f.contains(w))
}

/// Whether the catalogue asks for the paper as a copy ("Bản sao …", "Bản chụp …"): the
/// checklist then starts at "bản sao", so the clerk does not record a copy as an original.
fn asked_as_copy(name: &str) -> bool {
    let f = fold(name);
    f.starts_with("ban sao") || f.starts_with("ban chup")
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
            email: LineInput::default(),
            address: LineInput::default(),
            channel: Channel::InPerson,
            papers: vec![],
            paper_sel: 0,
            sets: LineInput::new(&one_set()),
            fee: LineInput::default(),
            paid_online: false,
            delivery: None,
            digitized: false,
            synced: false,
            received_for: LineInput::default(),
            copies: LineInput::new("1"),
            booked: false,
            notes,
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
                original: !asked_as_copy(n),
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

    /// None when empty (most applicants give no email).
    pub fn email_check(&self) -> Option<Result<String, String>> {
        (!self.email.text().trim().is_empty()).then(|| {
            if crate::domain::text::checked_line(self.email.text(), EMAIL_MAX_CHARS).is_err() {
                return Err(crate::domain::text::TextProblem::Control.to_string());
            }
            check_email(self.email.text()).map_err(|p| crate::i18n::problem_text(&p))
        })
    }

    /// The number of sets, 1–99; None when it is not one.
    pub fn sets_value(&self) -> Option<u32> {
        self.sets.text().trim().parse::<u32>().ok().filter(|n| (1..=99).contains(n))
    }

    /// The number of certified copies, 1–999; None when it is not one.
    pub fn copies_value(&self) -> Option<u32> {
        self.copies.text().trim().parse::<u32>().ok().filter(|n| (1..=999).contains(n))
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
        if matches!(self.email_check(), Some(Err(_))) {
            return Some(Field::Email);
        }
        if self.sets_value().is_none() {
            return Some(Field::Sets);
        }
        if self.booked && self.copies_value().is_none() {
            return Some(Field::Copies);
        }
        if self.fee_value().is_none() {
            return Some(Field::Fee);
        }
        None
    }

    pub fn missing_papers(&self) -> Vec<String> {
        self.papers.iter().filter(|p| !p.optional && !p.ticked).map(|p| p.name.clone()).collect()
    }

    /// The dossier as typed so far (to register, or for a supplement request at the counter).
    pub fn new_dossier(&self) -> Option<NewDossier> {
        let p = self.procedure.as_ref()?;
        Some(NewDossier {
            procedure_code: p.code.clone(),
            applicant_name: self.name.text().to_string(),
            applicant_id: self.id.text().to_string(),
            phone: self.phone.text().to_string(),
            email: self.email.text().trim().to_string(),
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
            sets: self.sets_value().unwrap_or(1),
        })
    }

    /// How the result will be collected: the clerk's choice, else the channel's default.
    pub fn delivery_shown(&self) -> Delivery {
        self.delivery.unwrap_or_else(|| Delivery::default_for(self.channel))
    }

    /// What `dossier add` passes beside the dossier: --for, --delivery, --digitized, --synced.
    pub fn extra(&self) -> IntakeExtra {
        IntakeExtra {
            received_for: nfc(self.received_for.text().trim()),
            delivery: self.delivery,
            intake_digitized: self.digitized,
            synced: self.synced,
            copies: if self.booked { self.copies_value().unwrap_or(1) } else { 0 },
        }
    }

    pub fn to_draft(&self) -> Draft {
        Draft {
            procedure_code: self.procedure.as_ref().map(|p| p.code.clone()),
            picker: self.picker.text().to_string(),
            name: self.name.text().to_string(),
            id: self.id.text().to_string(),
            phone: self.phone.text().to_string(),
            email: self.email.text().to_string(),
            address: self.address.text().to_string(),
            channel: self.channel,
            papers: self.papers.clone(),
            sets: self.sets.text().to_string(),
            fee: self.fee.text().to_string(),
            paid_online: self.paid_online,
            delivery: self.delivery,
            digitized: self.digitized,
            synced: self.synced,
            received_for: self.received_for.text().to_string(),
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
        f.email = LineInput::new(&d.email);
        f.sets = LineInput::new(&d.sets);
        f.address = LineInput::new(&d.address);
        f.channel = d.channel;
        f.fee = LineInput::new(&d.fee);
        f.paid_online = d.paid_online;
        f.delivery = d.delivery;
        f.digitized = d.digitized;
        f.synced = d.synced;
        f.received_for = LineInput::new(&d.received_for);
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
            && self.email.text().is_empty()
            && self.address.text().is_empty()
            && self.received_for.text().is_empty()
            && self.notes.lines().iter().all(|l| l.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_asked_as_copies_start_as_copies() {
        let p = Procedure {
            papers: vec![
                "Tờ khai đăng ký khai tử".into(),
                "Bản sao Giấy chứng tử trước đây".into(),
                "Bản chụp Giấy chứng sinh".into(),
                "Giấy tờ tùy thân (bản sao có chứng thực)".into(),
            ],
            ..Procedure::new("9.1", "Thử", "Hộ tịch", 3)
        };
        let mut f = IntakeForm::new(std::slice::from_ref(&p));
        f.choose(&p);
        let originals: Vec<bool> = f.papers.iter().map(|l| l.original).collect();
        // Only the names that begin "Bản sao"/"Bản chụp": the last one may be shown as the original.
        assert_eq!(originals, [true, false, false, true]);
    }
}
