//! The edit forms of the Admin screen: one line per field (a list of lines for the papers),
//! and the checks that turn what was typed into a change for the store.

use chrono::{Datelike, NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::TextArea;

use crate::domain::calendar::{CounterHours, DayCount, DayKind, HolidayRow, MAX_LIMIT_DAYS, MAX_LIMIT_HOURS};
use crate::domain::code::check_agency_code;
use crate::domain::dossier::Procedure;
use crate::domain::status::Role;
use crate::domain::text::clean;
use crate::domain::validate::check_name;
use crate::i18n::problem_text;
use crate::store::{Settings, Staff};

use super::admin::{AdminData, AdminSave};
use super::input::{Edit, LineInput};
use super::strings as s;

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

pub(super) fn text(id: FieldId, v: &str) -> FormField {
    FormField { id, value: Value::Text(LineInput::new(v)) }
}

fn lines(v: &[String]) -> TextArea<'static> {
    let mut t = TextArea::new(if v.is_empty() { vec![String::new()] } else { v.to_vec() });
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

fn is_ctrl(k: &KeyEvent, c: char) -> bool {
    k.code == KeyCode::Char(c) && k.modifiers.contains(KeyModifiers::CONTROL)
}

impl EditForm {
    pub(super) fn new(target: FormTarget, fields: Vec<FormField>) -> EditForm {
        EditForm { target, fields, focus: 0, error: None }
    }

    pub(super) fn procedure(p: &Procedure) -> EditForm {
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
                FormField { id: FieldId::Papers, value: Value::Lines(Box::new(lines(&p.papers))) },
            ],
        )
    }

    pub(super) fn holiday() -> EditForm {
        EditForm::new(
            FormTarget::Holiday,
            vec![
                text(FieldId::Date, ""),
                FormField { id: FieldId::Kind, value: Value::Kind(DayKind::Off) },
                text(FieldId::HolidayName, ""),
            ],
        )
    }

    pub(super) fn settings(st: &Settings) -> EditForm {
        EditForm::new(
            FormTarget::Settings,
            vec![
                text(FieldId::OfficeKind, &st.office_kind),
                text(FieldId::AgencyName, &st.agency_name),
                text(FieldId::ParentName, &st.parent_name),
                text(FieldId::AgencyCode, &st.agency_code),
                text(FieldId::CounterHours, &st.hours.to_setting()),
            ],
        )
    }

    pub fn value(&self, id: FieldId) -> Option<&Value> {
        self.fields.iter().find(|f| f.id == id).map(|f| &f.value)
    }

    fn text(&self, id: FieldId) -> String {
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
    pub(super) fn key(&mut self, k: &KeyEvent, data: &AdminData) -> FormKey {
        let last = self.focus + 1 == self.fields.len();
        let in_lines = matches!(self.fields.get(self.focus).map(|f| &f.value), Some(Value::Lines(_)));
        match k.code {
            KeyCode::Esc => return FormKey::Cancel,
            KeyCode::F(10) => return self.submit(data),
            _ if is_ctrl(k, 's') => return self.submit(data),
            KeyCode::Tab => {
                self.next(true);
                return FormKey::Stay;
            }
            KeyCode::BackTab => {
                self.next(false);
                return FormKey::Stay;
            }
            KeyCode::Down | KeyCode::Up if !in_lines => {
                self.next(k.code == KeyCode::Down);
                return FormKey::Stay;
            }
            KeyCode::Enter if !in_lines && last => return self.submit(data),
            KeyCode::Enter if !in_lines => {
                self.next(true);
                return FormKey::Stay;
            }
            _ => {}
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
                    KeyCode::Char(c @ '1'..='3') => Some(c as usize - '1' as usize),
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

    fn check(&self, data: &AdminData) -> Result<AdminSave, (FieldId, String)> {
        match &self.target {
            FormTarget::Procedure(p) => self.check_procedure(p).map(|p| AdminSave::Procedure(Box::new(p))),
            FormTarget::Holiday => self.check_holiday().map(AdminSave::AddHoliday),
            FormTarget::Import => {
                let path = self.text(FieldId::Path);
                if path.is_empty() {
                    return Err((FieldId::Path, s::admin_path_required().into()));
                }
                Ok(AdminSave::ImportHolidays(path))
            }
            FormTarget::NewStaff => {
                let login = self.text(FieldId::Login);
                if login.is_empty() || login.contains(char::is_whitespace) {
                    return Err((FieldId::Login, s::admin_bad_login().into()));
                }
                if data.staff.iter().any(|p| p.login == login) {
                    return Err((FieldId::Login, crate::store::error::login_taken(&login)));
                }
                let name = check_name(&self.text(FieldId::FullName)).map_err(|p| {
                    (FieldId::FullName, format!("{}: {}", s::admin_field(FieldId::FullName), problem_text(&p)))
                })?;
                let role = match self.value(FieldId::Role) {
                    Some(Value::Role(r)) => *r,
                    _ => Role::Clerk,
                };
                Ok(AdminSave::AddStaff(Staff { login, full_name: name, role, active: true }))
            }
            FormTarget::Role(who) => {
                let role = match self.value(FieldId::Role) {
                    Some(Value::Role(r)) => *r,
                    _ => who.role,
                };
                Ok(AdminSave::SetRole { login: who.login.clone(), role })
            }
            FormTarget::Settings => self.check_settings().map(|s| AdminSave::Settings(Box::new(s))),
        }
    }

    fn check_procedure(&self, p: &Procedure) -> Result<Procedure, (FieldId, String)> {
        // A time limit is 0–365 days or 1–720 working hours (the catalogue file's rule too).
        let count = |id: FieldId, max: u32| -> Result<Option<u32>, (FieldId, String)> {
            let t = self.text(id);
            if t.is_empty() {
                return Ok(None);
            }
            let n = t.parse::<u64>().map_err(|_| (id, s::admin_bad_number(id, &t)))?;
            u32::try_from(n).ok().filter(|n| *n <= max).map(Some).ok_or_else(|| (id, s::admin_limit_range(id, &t, max)))
        };
        let days = count(FieldId::Days, MAX_LIMIT_DAYS)?;
        let hours = count(FieldId::Hours, MAX_LIMIT_HOURS)?;
        let day_kind = match self.value(FieldId::CalendarDays) {
            Some(Value::Check(true)) => DayCount::Calendar,
            _ => DayCount::Working,
        };
        if hours == Some(0) {
            return Err((FieldId::Hours, s::admin_zero_hours().into()));
        }
        if days.is_some() && hours.is_some() {
            return Err((FieldId::Hours, s::admin_days_or_hours().into()));
        }
        let cutoff_text = self.text(FieldId::Cutoff);
        let cutoff = match cutoff_text.as_str() {
            "" => None,
            t => Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| (FieldId::Cutoff, s::admin_bad_time(t)))?),
        };
        if cutoff.is_some() && days != Some(0) {
            return Err((FieldId::Cutoff, s::admin_cutoff_same_day().into()));
        }
        let fee_text: String = self.text(FieldId::Fee).chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
        let fee = match fee_text.as_str() {
            "" => None,
            t => Some(t.parse::<i64>().map_err(|_| (FieldId::Fee, s::admin_bad_number(FieldId::Fee, t)))?),
        };
        let active = matches!(self.value(FieldId::Active), Some(Value::Check(true)));
        let papers = match self.value(FieldId::Papers) {
            Some(Value::Lines(t)) => t.lines().iter().map(|l| clean(l)).filter(|l| !l.is_empty()).collect(),
            _ => p.papers.clone(),
        };
        let out = Procedure { days, day_kind, hours, cutoff, fee_vnd: fee, active, papers, ..p.clone() };
        if out.active && out.time_limit().is_none() {
            return Err((FieldId::Active, crate::store::error::no_time_limit().into()));
        }
        Ok(out)
    }

    fn check_holiday(&self) -> Result<HolidayRow, (FieldId, String)> {
        let t = self.text(FieldId::Date);
        let day = NaiveDate::parse_from_str(&t, "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(&t, "%Y-%m-%d"))
            .map_err(|_| (FieldId::Date, s::bad_date().to_string()))?;
        let kind = match self.value(FieldId::Kind) {
            Some(Value::Kind(k)) => *k,
            _ => DayKind::Off,
        };
        // A working day swapped in is a Saturday or Sunday; on a weekday it would change nothing.
        if kind == DayKind::Work && day.weekday().num_days_from_monday() < 5 {
            return Err((FieldId::Kind, s::admin_work_on_weekday().into()));
        }
        let name = clean(&self.text(FieldId::HolidayName));
        if name.is_empty() {
            return Err((FieldId::HolidayName, s::admin_name_required().into()));
        }
        Ok((day, kind, name, "official".into()))
    }

    fn check_settings(&self) -> Result<Settings, (FieldId, String)> {
        let required = |id: FieldId| {
            let v = clean(&self.text(id));
            if v.is_empty() {
                Err((id, format!("{}: {}", s::admin_field(id), s::admin_required())))
            } else {
                Ok(v)
            }
        };
        let office_kind = required(FieldId::OfficeKind)?;
        let agency_name = required(FieldId::AgencyName)?;
        let parent_name = clean(&self.text(FieldId::ParentName));
        let agency_code = check_agency_code(&self.text(FieldId::AgencyCode))
            .map_err(|e| (FieldId::AgencyCode, crate::store::error::bad_agency_code(&e.0)))?;
        let hours = CounterHours::parse(&self.text(FieldId::CounterHours))
            .map_err(|why| (FieldId::CounterHours, s::admin_bad_hours(&why)))?;
        Ok(Settings { office_kind, agency_name, parent_name, agency_code, hours })
    }
}

pub(super) enum FormKey {
    Stay,
    Cancel,
    Save(AdminSave),
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut f = EditForm::procedure(&procedure());
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
        let mut f = EditForm::procedure(&procedure());
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
            EditForm::procedure(&p).value(FieldId::CalendarDays).map(|v| matches!(v, Value::Check(true))),
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
