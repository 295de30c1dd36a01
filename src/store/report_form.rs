//! The settings of the period report's official form (Biểu số II.06a) and the form itself,
//! filled from the report, the office settings and the staff list.

use anyhow::Result;
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

use super::catalog::head_in;
use super::{Refusal, Store};
use crate::domain::form_06a::{Form06a, FormHeader, WithdrawnRule};
use crate::domain::report::{Period, Report};
use crate::domain::status::Role;
use crate::i18n::tr;

/// The form's settings, each stored under its key in `settings`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportSettings {
    /// `report.withdrawn`: on_time (default) or separate.
    pub withdrawn: WithdrawnRule,
    /// `report.recipient`: "Đơn vị nhận báo cáo"; empty: the parent authority.
    pub recipient: String,
    /// `report.place`: the place before the date; empty: from the office's name.
    pub place: String,
}

/// The keys `motcua setting` knows for the report.
pub const REPORT_KEYS: [&str; 3] = ["report.withdrawn", "report.recipient", "report.place"];

/// "UBND xã Quảng Phú" → "Quảng Phú": the place a form is dated at, by default.
fn place_of(agency: &str) -> String {
    let mut rest = agency.trim();
    for prefix in ["UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
        }
    }
    for unit in ["thị trấn", "phường", "xã", "huyện", "quận", "thị xã", "thành phố", "tỉnh"] {
        if let Some(r) = rest.strip_prefix(unit) {
            return r.trim().to_string();
        }
    }
    rest.to_string()
}

impl Store {
    pub fn report_settings(&self) -> Result<ReportSettings> {
        let get = |k: &str| -> Result<String> {
            let v: Option<String> =
                self.conn().query_row("SELECT value FROM settings WHERE key = ?1", [k], |r| r.get(0)).optional()?;
            Ok(v.unwrap_or_default())
        };
        Ok(ReportSettings {
            withdrawn: WithdrawnRule::parse(&get("report.withdrawn")?).unwrap_or_default(),
            recipient: get("report.recipient")?,
            place: get("report.place")?,
        })
    }

    /// Sets one of [`REPORT_KEYS`] (the office head only); a value the key cannot take is refused.
    /// Settings are shown on the report: a control character in one is refused.
    pub fn set_report_setting(&mut self, actor: &str, key: &str, value: &str) -> Result<()> {
        let value = super::dossiers::line_in("giá trị / value", value, 300)?;
        match key {
            "report.withdrawn" if WithdrawnRule::parse(&value).is_none() => {
                return Err(Refusal::Invalid(format!(
                    "report.withdrawn {value}: on_time {} separate",
                    tr("hoặc", "or")
                ))
                .into())
            }
            k if !REPORT_KEYS.contains(&k) => {
                return Err(Refusal::Invalid(format!(
                    "{key}: {} ({})",
                    tr("không có thiết lập này", "no such setting"),
                    REPORT_KEYS.join(", ")
                ))
                .into())
            }
            _ => {}
        }
        self.write(|tx| {
            head_in(tx, actor, "sửa thiết lập báo cáo / change the report settings")?;
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })
    }

    /// The official form of `period` as of `now`, made by `login`.
    pub fn form_06a(&self, period: Period, now: NaiveDateTime, login: &str) -> Result<Form06a> {
        self.form_of(&self.report(period, now)?, now, login)
    }

    /// The official form of a report already made, by `login` on `now`.
    pub fn form_of(&self, report: &Report, now: NaiveDateTime, login: &str) -> Result<Form06a> {
        let settings = self.settings()?;
        let rs = self.report_settings()?;
        let staff = self.staff_list()?;
        // Full names only: a login without one (init without --head-name) leaves the line blank.
        let real = |s: &&crate::store::Staff| s.full_name.trim() != s.login && !s.full_name.trim().is_empty();
        let name = |login: &str| staff.iter().filter(real).find(|s| s.login == login).map(|s| s.full_name.clone());
        // The head of the agency and the place from the office settings (issue 13) when set.
        let head = Some(settings.head_name.clone()).filter(|n| !n.trim().is_empty()).or_else(|| {
            staff.iter().filter(real).find(|s| s.role == Role::Head && s.active).map(|s| s.full_name.clone())
        });
        let recipient = if rs.recipient.is_empty() { settings.parent_name.clone() } else { rs.recipient };
        let place = match (rs.place.is_empty(), settings.place.trim().is_empty()) {
            (false, _) => rs.place,
            (true, false) => settings.place.trim().to_string(),
            (true, true) => place_of(&settings.agency_name),
        };
        let header = FormHeader {
            office: settings.agency_name,
            recipient,
            place,
            made_on: Some(now.date()),
            made_at: Some(now),
            preparer: name(login).unwrap_or_default(),
            head: head.unwrap_or_default(),
        };
        Ok(Form06a::new(report, rs.withdrawn, header))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_comes_from_the_office_name() {
        assert_eq!(place_of("UBND xã Quảng Phú"), "Quảng Phú");
        assert_eq!(place_of("Ủy ban nhân dân phường Hạc Thành"), "Hạc Thành");
        assert_eq!(place_of("Trung tâm Phục vụ hành chính công"), "Trung tâm Phục vụ hành chính công");
    }
}
