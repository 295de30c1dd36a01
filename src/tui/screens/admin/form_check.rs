//! The checks that turn what was typed in an Admin form into a change for the store: each
//! refusal names the field it is about, in words the head understands.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::domain::calendar::{CounterHours, DayCount, DayKind, HolidayRow, MAX_LIMIT_DAYS, MAX_LIMIT_HOURS};
use crate::domain::code::check_agency_code;
use crate::domain::dossier::Procedure;
use crate::domain::status::Role;
use crate::domain::text::clean;
use crate::domain::validate::check_name;
use crate::i18n::problem_text;
use crate::store::{Settings, Staff};
use crate::tui::strings::admin as s;
use crate::tui::strings::bad_date;

use super::form::{EditForm, FieldId, FormTarget, Value};
use super::state::{AdminData, AdminSave};

impl EditForm {
    pub(super) fn check(&self, data: &AdminData) -> Result<AdminSave, (FieldId, String)> {
        match &self.target {
            FormTarget::Procedure(p) => {
                let p = self.check_procedure(p)?;
                let agency = self.check_handling_agency(data)?;
                Ok(AdminSave::Procedure(Box::new(p), Some(agency)))
            }
            FormTarget::Holiday => self.check_holiday().map(AdminSave::AddHoliday),
            FormTarget::Import => {
                let path = self.text(FieldId::Path);
                if path.is_empty() {
                    return Err((FieldId::Path, s::path_required().into()));
                }
                Ok(AdminSave::ImportHolidays(path))
            }
            FormTarget::NewStaff => {
                let login = self.text(FieldId::Login);
                if login.is_empty() || login.contains(char::is_whitespace) {
                    return Err((FieldId::Login, s::bad_login().into()));
                }
                if data.staff.iter().any(|p| p.login == login) {
                    return Err((FieldId::Login, crate::store::error::login_taken(&login)));
                }
                let name = check_name(&self.text(FieldId::FullName)).map_err(|p| {
                    (FieldId::FullName, format!("{}: {}", s::field(FieldId::FullName), problem_text(&p)))
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
            FormTarget::Settings => {
                self.check_settings().and_then(|s| Ok(AdminSave::Settings(Box::new(s), Box::new(self.check_report()?))))
            }
        }
    }

    /// One of the known agencies, or empty for the office itself; an unknown code lists them.
    fn check_handling_agency(&self, data: &AdminData) -> Result<String, (FieldId, String)> {
        let code = self.text(FieldId::HandlingAgency);
        if code.is_empty() || data.agencies.iter().any(|a| a.code == code) {
            return Ok(code);
        }
        Err((FieldId::HandlingAgency, crate::store::unknown_agency(&code, &data.agencies)))
    }

    pub(super) fn check_procedure(&self, p: &Procedure) -> Result<Procedure, (FieldId, String)> {
        // A time limit is 0–365 days or 1–720 working hours (the catalogue file's rule too).
        let count = |id: FieldId, max: u32| -> Result<Option<u32>, (FieldId, String)> {
            let t = self.text(id);
            if t.is_empty() {
                return Ok(None);
            }
            let n = t.parse::<u64>().map_err(|_| (id, s::bad_number(id, &t)))?;
            u32::try_from(n).ok().filter(|n| *n <= max).map(Some).ok_or_else(|| (id, s::limit_range(id, &t, max)))
        };
        let days = count(FieldId::Days, MAX_LIMIT_DAYS)?;
        let hours = count(FieldId::Hours, MAX_LIMIT_HOURS)?;
        let day_kind = match self.value(FieldId::CalendarDays) {
            Some(Value::Check(true)) => DayCount::Calendar,
            _ => DayCount::Working,
        };
        if hours == Some(0) {
            return Err((FieldId::Hours, s::zero_hours().into()));
        }
        if days.is_some() && hours.is_some() {
            return Err((FieldId::Hours, s::days_or_hours().into()));
        }
        let cutoff_text = self.text(FieldId::Cutoff);
        let cutoff = match cutoff_text.as_str() {
            "" => None,
            t => Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| (FieldId::Cutoff, s::bad_time(t)))?),
        };
        if cutoff.is_some() && days != Some(0) {
            return Err((FieldId::Cutoff, s::cutoff_same_day().into()));
        }
        let fee_text: String = self.text(FieldId::Fee).chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
        let fee = match fee_text.as_str() {
            "" => None,
            t => Some(t.parse::<i64>().map_err(|_| (FieldId::Fee, s::bad_number(FieldId::Fee, t)))?),
        };
        let active = matches!(self.value(FieldId::Active), Some(Value::Check(true)));
        let papers = match self.value(FieldId::Papers) {
            Some(Value::Lines(t)) => t.lines().iter().map(|l| clean(l)).filter(|l| !l.is_empty()).collect(),
            _ => p.papers.clone(),
        };
        // The English list pairs with the Vietnamese one by position: once the head changes the
        // papers it no longer matches, and the screens fall back to the Vietnamese names.
        let papers_en = if papers == p.papers { p.papers_en.clone() } else { vec![] };
        let out = Procedure { days, day_kind, hours, cutoff, fee_vnd: fee, active, papers, papers_en, ..p.clone() };
        if out.active && out.time_limit().is_none() {
            return Err((FieldId::Active, crate::store::error::no_time_limit().into()));
        }
        Ok(out)
    }

    pub(super) fn check_holiday(&self) -> Result<HolidayRow, (FieldId, String)> {
        let t = self.text(FieldId::Date);
        let day = NaiveDate::parse_from_str(&t, "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(&t, "%Y-%m-%d"))
            .map_err(|_| (FieldId::Date, bad_date().to_string()))?;
        let kind = match self.value(FieldId::Kind) {
            Some(Value::Kind(k)) => *k,
            _ => DayKind::Off,
        };
        // A working day swapped in is a Saturday or Sunday; on a weekday it would change nothing.
        if kind == DayKind::Work && day.weekday().num_days_from_monday() < 5 {
            return Err((FieldId::Kind, s::work_on_weekday().into()));
        }
        let name = clean(&self.text(FieldId::HolidayName));
        if name.is_empty() {
            return Err((FieldId::HolidayName, s::name_required().into()));
        }
        Ok((day, kind, name, "official".into()))
    }

    fn check_settings(&self) -> Result<Settings, (FieldId, String)> {
        let required = |id: FieldId| {
            let v = clean(&self.text(id));
            if v.is_empty() {
                Err((id, format!("{}: {}", s::field(id), s::required())))
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
            .map_err(|why| (FieldId::CounterHours, s::bad_hours(&why)))?;
        let typed = |id: FieldId| clean(&self.text(id));
        let email = typed(FieldId::OfficeEmail);
        crate::store::check_setting("email", &email).map_err(|e| (FieldId::OfficeEmail, e.to_string()))?;
        let book =
            crate::store::check_setting("book", &typed(FieldId::Book)).map_err(|e| (FieldId::Book, e.to_string()))?;
        Ok(Settings {
            office_kind,
            agency_name,
            parent_name,
            agency_code,
            hours,
            place: typed(FieldId::Place),
            head_name: typed(FieldId::HeadName),
            head_title: typed(FieldId::HeadTitle),
            address: typed(FieldId::OfficeAddress),
            phone: typed(FieldId::OfficePhone),
            email,
            book,
        })
    }

    /// The report's keys, checked as `motcua settings set` checks them.
    fn check_report(&self) -> Result<crate::store::ReportSettings, (FieldId, String)> {
        let key =
            |id: FieldId, k: &str| crate::store::check_setting(k, &self.text(id)).map_err(|e| (id, e.to_string()));
        let withdrawn = key(FieldId::ReportWithdrawn, "report.withdrawn")?;
        Ok(crate::store::ReportSettings {
            withdrawn: crate::domain::form_06a::WithdrawnRule::parse(&withdrawn).unwrap_or_default(),
            recipient: key(FieldId::ReportRecipient, "report.recipient")?,
            place: key(FieldId::ReportPlace, "report.place")?,
        })
    }
}
