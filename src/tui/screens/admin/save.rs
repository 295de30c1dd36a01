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
        agencies: store.agencies()?,
        handling: handling(store)?,
    })
}

/// Which procedures another agency handles (the catalogue's `agency` column).
fn handling(store: &Store) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for p in store.procedures(false)? {
        let agency = store.procedure_links(&p.code)?.agency;
        if !agency.is_empty() {
            out.insert(p.code, agency);
        }
    }
    Ok(out)
}

/// Runs one Admin change; the words for what it did.
pub fn admin_save(store: &mut Store, login: &str, save: &AdminSave) -> Result<String> {
    let mut count = 1;
    match save {
        AdminSave::Procedure(p, agency) => {
            // The agency is checked first (the store refuses an unknown one and changes
            // nothing), so a refused agency leaves the rest of the procedure as it was.
            if let Some(agency) = agency {
                let mut links = store.procedure_links(&p.code)?;
                if &links.agency != agency {
                    links.agency = agency.clone();
                    store.set_procedure_links(login, &[(p.code.clone(), links)])?;
                }
            }
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
