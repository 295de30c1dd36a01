//! The office settings one key at a time (`motcua settings`, `motcua settings set KEY VALUE`):
//! which keys exist, what each holds, and the check a value must pass before it is saved.

use anyhow::Result;
use rusqlite::params;

use super::catalog::{head_in, setting};
use super::{Refusal, Settings, Store};
use crate::domain::calendar::CounterHours;
use crate::domain::code::check_agency_code;
use crate::domain::text::clean;
use crate::i18n::tr;

/// One key: its name on the command line (and in the settings table) and what it holds.
pub struct SettingKey {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

const fn key(key: &'static str, vi: &'static str, en: &'static str) -> SettingKey {
    SettingKey { key, vi, en }
}

/// Every key, in the order `motcua settings` shows them.
pub const SETTING_KEYS: &[SettingKey] = &[
    key("agency_name", "Tên cơ quan", "Agency name"),
    key("parent_name", "Cơ quan chủ quản (cấp trên)", "Parent authority"),
    key("office_kind", "Tên bộ phận một cửa", "Office (one-stop shop) name"),
    key("agency_code", "Mã cơ quan (QCVN 102:2016)", "Agency code (QCVN 102:2016)"),
    key("place", "Địa danh ghi trên giấy tờ", "Place written on the forms"),
    key("address", "Địa chỉ", "Address"),
    key("phone", "Điện thoại", "Phone"),
    key("email", "Thư điện tử", "Email"),
    key("head_name", "Họ tên thủ trưởng cơ quan", "Head of the agency, full name"),
    key("head_title", "Chức vụ thủ trưởng", "Head of the agency, title"),
    key("counter_hours", "Giờ tiếp nhận", "Counter hours"),
    key("book", "Quyển số sổ theo dõi (trống: theo năm)", "Logbook volume (empty: by year)"),
    key(
        "report.withdrawn",
        "Báo cáo: hồ sơ rút (on_time | separate)",
        "Report: withdrawn dossiers (on_time | separate)",
    ),
    key("report.recipient", "Báo cáo: đơn vị nhận (trống: cơ quan cấp trên)", "Report: recipient (empty: the parent)"),
    key("report.place", "Báo cáo: địa danh (trống: như place)", "Report: place (empty: as place)"),
];

/// The value of `key` in `s` (keys outside `Settings` are read from the table by the caller).
fn value_of(s: &Settings, key: &str) -> Option<String> {
    Some(match key {
        "agency_name" => s.agency_name.clone(),
        "parent_name" => s.parent_name.clone(),
        "office_kind" => s.office_kind.clone(),
        "agency_code" => s.agency_code.clone(),
        "place" => s.place.clone(),
        "address" => s.address.clone(),
        "phone" => s.phone.clone(),
        "email" => s.email.clone(),
        "head_name" => s.head_name.clone(),
        "head_title" => s.head_title.clone(),
        "counter_hours" => s.hours.to_setting(),
        "book" => s.book.clone(),
        _ => return None,
    })
}

fn bad(key: &str, value: &str, why: &str) -> anyhow::Error {
    Refusal::Invalid(format!("{key} «{value}»: {why}")).into()
}

/// The value as it will be stored, or why it cannot be.
pub fn check_setting(key: &str, value: &str) -> Result<String> {
    let v = clean(value);
    match key {
        "agency_name" | "office_kind" if v.is_empty() => {
            Err(bad(key, value, tr("không được để trống", "may not be empty")))
        }
        "agency_code" => {
            check_agency_code(&v).map_err(|e| Refusal::Invalid(super::error::bad_agency_code(&e.0)).into())
        }
        "counter_hours" => CounterHours::parse(&v).map(|h| h.to_setting()).map_err(|why| bad(key, value, &why)),
        "email" if !v.is_empty() && !plausible_email(&v) => {
            Err(bad(key, value, tr("không phải địa chỉ thư điện tử", "not an email address")))
        }
        "report.withdrawn" if !matches!(v.as_str(), "on_time" | "separate") => {
            Err(bad(key, value, tr("on_time hoặc separate", "on_time or separate")))
        }
        k if SETTING_KEYS.iter().any(|s| s.key == k) => Ok(v),
        _ => Err(Refusal::Invalid(format!(
            "{key}: {} ({})",
            tr("không có khóa này", "no such key"),
            SETTING_KEYS.iter().map(|s| s.key).collect::<Vec<_>>().join(", ")
        ))
        .into()),
    }
}

fn plausible_email(s: &str) -> bool {
    let Some((user, host)) = s.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !s.contains(' ')
}

impl Store {
    /// Every key with its value, for `motcua settings`.
    pub fn setting_pairs(&self) -> Result<Vec<(&'static SettingKey, String)>> {
        let s = self.settings()?;
        let mut out = Vec::new();
        for k in SETTING_KEYS {
            let v = match value_of(&s, k.key) {
                Some(v) => v,
                None => setting(self.conn(), k.key)?.unwrap_or_default(),
            };
            out.push((k, v));
        }
        Ok(out)
    }

    /// A setting by its key, as stored (None: never set).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        setting(self.conn(), key)
    }

    /// Sets one key (office head only). Returns the value as stored.
    pub fn set_setting(&mut self, actor: &str, key: &str, value: &str) -> Result<String> {
        let v = check_setting(key, value)?;
        // The report's keys are the report form's (report_form.rs): one place checks them.
        if super::REPORT_KEYS.contains(&key) {
            self.set_report_setting(actor, key, &v)?;
            return Ok(v);
        }
        self.write(|tx| {
            head_in(tx, actor, "sửa thông tin cơ quan / edit the office settings")?;
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, v],
            )?;
            Ok(())
        })?;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_before_they_are_saved() {
        assert_eq!(check_setting("place", "  An   Bình ").unwrap(), "An Bình");
        assert!(check_setting("agency_code", "000.17.22.h56").is_err());
        assert!(check_setting("agency_name", "  ").is_err());
        assert!(check_setting("email", "ubnd.anbinh").is_err());
        assert_eq!(check_setting("email", "ubnd@anbinh.gov.vn").unwrap(), "ubnd@anbinh.gov.vn");
        assert!(check_setting("report.withdrawn", "late").is_err());
        assert!(check_setting("colour", "x").is_err());
        assert_eq!(check_setting("report.recipient", " UBND  huyện ").unwrap(), "UBND huyện");
        assert_eq!(check_setting("counter_hours", "07:30-11:30, 13:30-17:00").unwrap(), "07:30-11:30,13:30-17:00");
    }
}
