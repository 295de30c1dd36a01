//! The edit forms of the Admin screen: one line per field (a list of lines for the papers);
//! the checks of what was typed are in form_check.rs.

use crossterm::event::{KeyCode, KeyEvent};
use tui_textarea::TextArea;

use crate::domain::calendar::{DayCount, DayKind};
use crate::domain::dossier::Procedure;
use crate::domain::status::Role;
use crate::store::{ReportSettings, Settings, Staff};

use crate::tui::input::{Edit, LineInput};
use crate::tui::keymap::{action_for, is_text, Action, Scope};

use super::state::{AdminData, AdminSave};

/// The fields of the edit forms, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Days,
    /// Checked: the days are calendar days (DOMAIN §2).
    CalendarDays,
    Hours,
    Cutoff,
    Fee,
    Active,
    /// The agency that handles the procedure (a known code; empty: this office).
    HandlingAgency,
    Papers,
    Date,
    Kind,
    HolidayName,
    Path,
    Login,
    FullName,
    Role,
    OfficeKind,
    AgencyName,
    ParentName,
    AgencyCode,
    CounterHours,
    Place,
    HeadName,
    HeadTitle,
    OfficeAddress,
    OfficePhone,
    OfficeEmail,
    /// The logbook's volume (`book`; empty: the year).
    Book,
    /// `report.withdrawn`: on_time | separate.
    ReportWithdrawn,
    ReportRecipient,
    ReportPlace,
}

#[derive(Debug, Clone)]
pub enum Value {
    Text(LineInput),
    Check(bool),
    Kind(DayKind),
    Role(Role),
    /// One entry a line (the papers of a procedure).
    Lines(Box<TextArea<'static>>),
}

#[derive(Debug, Clone)]
pub struct FormField {
    pub id: FieldId,
    pub value: Value,
}

/// What a form edits.
#[derive(Debug, Clone, PartialEq)]
pub enum FormTarget {
    Procedure(Box<Procedure>),
    Holiday,
    Import,
    NewStaff,
    Role(Staff),
    Settings,
}

#[derive(Debug, Clone)]
pub struct EditForm {
    pub target: FormTarget,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
}

pub fn text(id: FieldId, v: &str) -> FormField {
    FormField { id, value: Value::Text(LineInput::new(v)) }
}

fn lines(v: &[String]) -> TextArea<'static> {
    let mut t = TextArea::new(if v.is_empty() { vec![String::new()] } else { v.to_vec() });
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

impl EditForm {
    pub fn new(target: FormTarget, fields: Vec<FormField>) -> EditForm {
        EditForm { target, fields, focus: 0, error: None }
    }

    /// `agency`: the procedure's handling agency now ('' for the office itself).
    pub fn procedure(p: &Procedure, agency: &str) -> EditForm {
        let num = |v: Option<u32>| v.map(|d| d.to_string()).unwrap_or_default();
        EditForm::new(
            FormTarget::Procedure(Box::new(p.clone())),
            vec![
                text(FieldId::Days, &num(p.days)),
                text(FieldId::Hours, &num(p.hours)),
                text(FieldId::Cutoff, &p.cutoff.map(|c| c.format("%H:%M").to_string()).unwrap_or_default()),
                FormField { id: FieldId::CalendarDays, value: Value::Check(p.day_kind == DayCount::Calendar) },
                text(FieldId::Fee, &p.fee_vnd.map(|f| f.to_string()).unwrap_or_default()),
                FormField { id: FieldId::Active, value: Value::Check(p.active) },
                text(FieldId::HandlingAgency, agency),
                FormField { id: FieldId::Papers, value: Value::Lines(Box::new(lines(&p.papers))) },
            ],
        )
    }

    pub fn holiday() -> EditForm {
        EditForm::new(
            FormTarget::Holiday,
            vec![
                text(FieldId::Date, ""),
                FormField { id: FieldId::Kind, value: Value::Kind(DayKind::Off) },
                text(FieldId::HolidayName, ""),
            ],
        )
    }

    pub fn settings(st: &Settings, report: &ReportSettings) -> EditForm {
        EditForm::new(
            FormTarget::Settings,
            vec![
                text(FieldId::OfficeKind, &st.office_kind),
                text(FieldId::AgencyName, &st.agency_name),
                text(FieldId::ParentName, &st.parent_name),
                text(FieldId::AgencyCode, &st.agency_code),
                text(FieldId::CounterHours, &st.hours.to_setting()),
                text(FieldId::Place, &st.place),
                text(FieldId::HeadName, &st.head_name),
                text(FieldId::HeadTitle, &st.head_title),
                text(FieldId::OfficeAddress, &st.address),
                text(FieldId::OfficePhone, &st.phone),
                text(FieldId::OfficeEmail, &st.email),
                text(FieldId::Book, &st.book),
                text(FieldId::ReportWithdrawn, report.withdrawn.as_str()),
                text(FieldId::ReportRecipient, &report.recipient),
                text(FieldId::ReportPlace, &report.place),
            ],
        )
    }

    pub fn value(&self, id: FieldId) -> Option<&Value> {
        self.fields.iter().find(|f| f.id == id).map(|f| &f.value)
    }

    pub(super) fn text(&self, id: FieldId) -> String {
        match self.value(id) {
            Some(Value::Text(t)) => t.text().trim().to_string(),
            _ => String::new(),
        }
    }

    pub fn focused(&self) -> Option<FieldId> {
        self.fields.get(self.focus).map(|f| f.id)
    }

    fn next(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
    }

    /// Keys on the form: Tab or Enter walk the fields, Enter on the last one or Ctrl-S saves.
    pub fn key(&mut self, k: &KeyEvent, data: &AdminData) -> FormKey {
        let last = self.focus + 1 == self.fields.len();
        let value = self.fields.get(self.focus).map(|f| &f.value);
        let in_lines = matches!(value, Some(Value::Lines(_)));
        let typing = matches!(value, Some(Value::Text(_) | Value::Lines(_))) && is_text(k);
        let action = if typing { None } else { action_for(k, &[Scope::Form]) };
        match action {
            Some(Action::Back) => return FormKey::Cancel,
            Some(Action::Save) => return self.submit(data),
            Some(Action::NextField | Action::PrevField) => {
                self.next(action == Some(Action::NextField));
                return FormKey::Stay;
            }
            Some(Action::Choose) if !in_lines && last => return self.submit(data),
            Some(Action::Choose) if !in_lines => {
                self.next(true);
                return FormKey::Stay;
            }
            _ => {}
        }
        if !in_lines && matches!(k.code, KeyCode::Down | KeyCode::Up) {
            self.next(k.code == KeyCode::Down);
            return FormKey::Stay;
        }
        let Some(field) = self.fields.get_mut(self.focus) else { return FormKey::Stay };
        let changed = match &mut field.value {
            Value::Text(t) => t.handle(k) == Edit::Changed,
            Value::Check(b) if k.code == KeyCode::Char(' ') => {
                *b = !*b;
                true
            }
            Value::Kind(kind) if matches!(k.code, KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right) => {
                *kind = if *kind == DayKind::Off { DayKind::Work } else { DayKind::Off };
                true
            }
            Value::Role(role) => {
                let i = Role::ALL.iter().position(|r| r == role).unwrap_or(0);
                let n = Role::ALL.len();
                let to = match k.code {
                    KeyCode::Char(' ') | KeyCode::Right => Some((i + 1) % n),
                    KeyCode::Left => Some((i + n - 1) % n),
                    _ => None,
                };
                if let Some(to) = to {
                    *role = Role::ALL[to];
                }
                to.is_some()
            }
            Value::Lines(t) => t.input(*k),
            _ => false,
        };
        if changed {
            self.error = None;
        }
        FormKey::Stay
    }

    /// Checks the whole form; the change to save, or the first problem in words.
    fn submit(&mut self, data: &AdminData) -> FormKey {
        match self.check(data) {
            Ok(save) => FormKey::Save(save),
            Err((id, why)) => {
                if let Some(i) = self.fields.iter().position(|f| f.id == id) {
                    self.focus = i;
                }
                self.error = Some(why);
                FormKey::Stay
            }
        }
    }
}

pub enum FormKey {
    Stay,
    Cancel,
    Save(AdminSave),
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn set(form: &mut EditForm, id: FieldId, v: &str) {
        if let Some(f) = form.fields.iter_mut().find(|f| f.id == id) {
            f.value = Value::Text(LineInput::new(v));
        }
    }

    fn procedure() -> Procedure {
        Procedure {
            fee_vnd: Some(10_000),
            papers: vec!["Tờ khai".into()],
            ..Procedure::new("9.999", "Thử", "Hộ tịch", 3)
        }
    }

    #[test]
    fn a_cutoff_only_for_same_day_and_hours_alone() {
        crate::i18n::set_lang(crate::i18n::Lang::Vi);
        let mut f = EditForm::procedure(&procedure(), "");
        set(&mut f, FieldId::Cutoff, "15:00");
        assert_eq!(f.check_procedure(&procedure()).unwrap_err().0, FieldId::Cutoff);
        set(&mut f, FieldId::Days, "0");
        let p = f.check_procedure(&procedure()).unwrap();
        assert_eq!(p.cutoff, NaiveTime::from_hms_opt(15, 0, 0));
        set(&mut f, FieldId::Cutoff, "");
        set(&mut f, FieldId::Days, "");
        set(&mut f, FieldId::Hours, "4");
        set(&mut f, FieldId::Fee, "1.500.000");
        let p = f.check_procedure(&procedure()).unwrap();
        assert_eq!((p.days, p.hours, p.fee_vnd), (None, Some(4), Some(1_500_000)));
        set(&mut f, FieldId::Hours, "0");
        assert_eq!(f.check_procedure(&procedure()).unwrap_err().0, FieldId::Hours);
        set(&mut f, FieldId::Hours, "");
        set(&mut f, FieldId::Fee, "");
        set(&mut f, FieldId::Days, "2");
        assert_eq!(f.check_procedure(&procedure()).unwrap().fee_vnd, None, "an empty fee: set by the council");
    }

    #[test]
    fn calendar_days_and_the_range_of_a_limit() {
        crate::i18n::set_lang(crate::i18n::Lang::Vi);
        let mut f = EditForm::procedure(&procedure(), "");
        assert!(matches!(f.value(FieldId::CalendarDays), Some(Value::Check(false))));
        if let Some(fl) = f.fields.iter_mut().find(|f| f.id == FieldId::CalendarDays) {
            fl.value = Value::Check(true);
        }
        set(&mut f, FieldId::Days, "30");
        let p = f.check_procedure(&procedure()).unwrap();
        assert_eq!(p.time_limit(), Some(crate::domain::calendar::TimeLimit::CalendarDays(30)));
        set(&mut f, FieldId::Days, "365");
        assert!(f.check_procedure(&procedure()).is_ok());
        for bad in ["366", "4000000000", "-1"] {
            set(&mut f, FieldId::Days, bad);
            assert_eq!(f.check_procedure(&procedure()).unwrap_err().0, FieldId::Days, "{bad}");
        }
        set(&mut f, FieldId::Days, "");
        set(&mut f, FieldId::Hours, "720");
        assert!(f.check_procedure(&procedure()).is_ok());
        set(&mut f, FieldId::Hours, "721");
        assert_eq!(f.check_procedure(&procedure()).unwrap_err().0, FieldId::Hours);
        assert_eq!(
            EditForm::procedure(&p, "").value(FieldId::CalendarDays).map(|v| matches!(v, Value::Check(true))),
            Some(true)
        );
    }

    #[test]
    fn a_swapped_working_day_falls_on_a_weekend() {
        let mut f = EditForm::holiday();
        set(&mut f, FieldId::Date, "2026-11-23");
        set(&mut f, FieldId::HolidayName, "  Làm   bù ");
        if let Some(fl) = f.fields.iter_mut().find(|f| f.id == FieldId::Kind) {
            fl.value = Value::Kind(DayKind::Work);
        }
        assert_eq!(f.check_holiday().unwrap_err().0, FieldId::Kind, "a Monday");
        set(&mut f, FieldId::Date, "28/11/2026");
        let h = f.check_holiday().unwrap();
        assert_eq!((h.0.to_string().as_str(), h.1, h.2.as_str()), ("2026-11-28", DayKind::Work, "Làm bù"));
    }
}
