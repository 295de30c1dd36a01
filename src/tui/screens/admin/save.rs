//! Running an Admin change against the store, and reading what the Admin screen shows.

use anyhow::Result;

use crate::store::Store;

use super::state::{AdminData, AdminSave};

pub fn admin_data(store: &Store) -> Result<AdminData> {
    Ok(AdminData {
        procedures: store.procedures(false)?,
        holidays: store.holidays()?,
        staff: store.staff_list()?,
        settings: store.settings()?,
        report: store.report_settings()?,
    })
}

/// Runs one Admin change; the words for what it did.
pub fn admin_save(store: &mut Store, login: &str, save: &AdminSave) -> Result<String> {
    let mut count = 1;
    match save {
        AdminSave::Procedure(p) => {
            store.upsert_procedures(login, std::slice::from_ref(p.as_ref()))?;
        }
        AdminSave::AddHoliday(h) => store.upsert_holidays(login, std::slice::from_ref(h))?,
        AdminSave::RemoveHoliday(d) => {
            count = usize::from(store.remove_holiday(login, *d)?);
        }
        AdminSave::ImportHolidays(path) => {
            let text = crate::account::as_real_group(|| std::fs::read_to_string(path))
                .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
            let rows = crate::domain::calendar::parse_holidays_csv(&text).map_err(|bad| {
                anyhow::anyhow!(
                    "{path}: {} ({} {})",
                    bad.first().cloned().unwrap_or_default(),
                    bad.len(),
                    crate::tui::strings::admin::errors()
                )
            })?;
            count = rows.len();
            store.upsert_holidays(login, &rows)?;
        }
        AdminSave::UpdateHolidays(changes) => count = store.apply_holiday_changes(login, changes)?,
        AdminSave::AddStaff(p) => store.add_staff(login, p)?,
        AdminSave::SetRole { login: who, role } => {
            store.set_role(login, who, *role)?;
        }
        AdminSave::Disable(who) => {
            store.disable_staff(login, who)?;
        }
        AdminSave::Enable(who) => {
            let mut p = store.staff(who)?.ok_or_else(|| crate::store::Refusal::UnknownStaff(who.clone()))?;
            p.active = true;
            store.put_staff(login, &p)?;
        }
        AdminSave::Settings(s, report) => store.set_settings_and_report(login, s, report, true)?,
    }
    Ok(crate::tui::strings::admin::done(save, count))
}
