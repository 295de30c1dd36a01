//! Settings, the procedure catalogue, the holiday table and the staff list.

use anyhow::Result;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::dossiers::{line_in, text_in};
use super::{Refusal, Store};
use crate::domain::calendar::{Calendar, CounterHours, DayCount, DayKind, HolidayRow};
use crate::domain::catalogue::{check_limits, merge, CatalogueProblem, CatalogueRow};
use crate::domain::code::check_agency_code;
use crate::domain::dossier::{OnlineLevel, Procedure, ResumeRule};
use crate::domain::status::Role;
use crate::domain::text::fold;

/// The office: what its forms and codes say about it (keys and checks: settings.rs).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// e.g. "Bộ phận Một cửa" or "Trung tâm Phục vụ hành chính công xã".
    pub office_kind: String,
    pub agency_name: String,
    pub parent_name: String,
    pub agency_code: String,
    pub hours: CounterHours,
    /// The place a form is dated at: "An Bình" in "An Bình, ngày 07 tháng 02 năm 2024".
    pub place: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The head of the agency, who signs Mẫu 04 and the report: full name and title.
    pub head_name: String,
    pub head_title: String,
    /// "Quyển số" of the logbook; empty: one book a year, numbered by the year.
    pub book: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            office_kind: "Bộ phận Tiếp nhận và Trả kết quả".into(),
            agency_name: "UBND xã".into(),
            parent_name: String::new(),
            agency_code: DEFAULT_AGENCY_CODE.into(),
            hours: CounterHours::default(),
            place: String::new(),
            address: String::new(),
            phone: String::new(),
            email: String::new(),
            head_name: String::new(),
            head_title: "Chủ tịch".into(),
            book: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub login: String,
    pub full_name: String,
    pub role: Role,
    pub active: bool,
}

const DEFAULT_AGENCY_CODE: &str = "000.00.00.H00";

pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn procedure_from_row(r: &Row) -> rusqlite::Result<Procedure> {
    let cutoff: Option<String> = r.get("cutoff")?;
    let papers: String = r.get("papers")?;
    Ok(Procedure {
        code: r.get("code")?,
        name: r.get("name")?,
        name_en: r.get("name_en")?,
        short_name: r.get("short_name")?,
        short_name_en: r.get("short_name_en")?,
        field: r.get("field")?,
        level: r.get("level")?,
        days: r.get::<_, Option<i64>>("days")?.map(|d| d as u32),
        day_kind: DayCount::parse(&r.get::<_, String>("day_kind")?).unwrap_or_default(),
        cutoff: cutoff.and_then(|c| NaiveTime::parse_from_str(&c, "%H:%M").ok()),
        hours: r.get::<_, Option<i64>>("hours")?.map(|d| d as u32),
        fee_vnd: r.get("fee_vnd")?,
        online: OnlineLevel::parse(&r.get::<_, String>("online")?).unwrap_or(OnlineLevel::None),
        papers: papers.split('\n').filter(|p| !p.is_empty()).map(str::to_string).collect(),
        papers_en: r.get::<_, String>("papers_en")?.split('\n').filter(|p| !p.is_empty()).map(str::to_string).collect(),
        legal_basis: r.get("legal_basis")?,
        note: r.get("note")?,
        resume: if r.get::<_, String>("resume")? == "restart" { ResumeRule::Restart } else { ResumeRule::Remaining },
        active: r.get::<_, i64>("active")? != 0,
    })
}

pub(crate) fn procedure_in(conn: &Connection, code: &str) -> Result<Option<Procedure>> {
    Ok(conn.query_row("SELECT * FROM procedures WHERE code = ?1", [code], procedure_from_row).optional()?)
}

pub(crate) fn calendar_in(conn: &Connection) -> Result<Calendar> {
    let hours = match setting(conn, "counter_hours")? {
        Some(h) => CounterHours::parse(&h).unwrap_or_default(),
        None => CounterHours::default(),
    };
    let mut stmt = conn.prepare_cached("SELECT day, kind, status FROM holidays")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .filter_map(|r| r.ok())
        .filter_map(|(d, k, status)| {
            let d = NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()?;
            Some((d, if k == "work" { DayKind::Work } else { DayKind::Off }, status != "official"))
        })
        .collect::<Vec<_>>();
    let unofficial = rows.iter().filter(|r| r.2).map(|r| r.0).collect::<Vec<_>>();
    Ok(Calendar::new(rows.into_iter().map(|(d, k, _)| (d, k)), hours).with_unofficial(unofficial))
}

pub(crate) fn staff_in(conn: &Connection, login: &str) -> Result<Option<Staff>> {
    Ok(conn
        .query_row("SELECT login, full_name, role, active FROM staff WHERE login = ?1", [login], |r| {
            Ok(Staff {
                login: r.get(0)?,
                full_name: r.get(1)?,
                role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Clerk),
                active: r.get::<_, i64>(3)? != 0,
            })
        })
        .optional()?)
}

/// The acting person, who must be active staff to change anything.
pub(crate) fn actor_in(conn: &Connection, login: &str) -> Result<Staff> {
    match staff_in(conn, login)? {
        Some(s) if s.active => Ok(s),
        Some(_) => Err(Refusal::Disabled(login.to_string()).into()),
        None => Err(Refusal::UnknownStaff(login.to_string()).into()),
    }
}

/// The acting person, who must be the office head for `what`.
pub(crate) fn head_in(conn: &Connection, login: &str, what: &'static str) -> Result<Staff> {
    let me = actor_in(conn, login)?;
    if me.role != Role::Head {
        return Err(Refusal::NotAllowed { login: login.into(), what }.into());
    }
    Ok(me)
}

/// Refuses a change that would leave no active head (nobody could then manage staff).
fn keep_a_head(conn: &Connection, login: &str) -> Result<()> {
    let others: i64 =
        conn.query_row("SELECT count(*) FROM staff WHERE role = 'head' AND active AND login <> ?1", [login], |r| {
            r.get(0)
        })?;
    if others == 0 {
        return Err(Refusal::LastHead(login.to_string()).into());
    }
    Ok(())
}

pub(crate) fn upsert_procedure(conn: &Connection, p: &Procedure) -> Result<bool> {
    let existed: bool =
        conn.query_row("SELECT count(*) FROM procedures WHERE code = ?1", [&p.code], |r| r.get::<_, i64>(0))? > 0;
    conn.execute(
        "INSERT INTO procedures(code, name, name_en, name_key, field, level, days, cutoff, hours, fee_vnd, online,
                                papers, legal_basis, note, resume, active, day_kind, short_name, papers_en, short_name_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
           name_key = excluded.name_key, field = excluded.field, level = excluded.level, days = excluded.days,
           cutoff = excluded.cutoff, hours = excluded.hours, fee_vnd = excluded.fee_vnd, online = excluded.online,
           papers = excluded.papers, papers_en = excluded.papers_en, legal_basis = excluded.legal_basis, note = excluded.note,
           resume = excluded.resume, active = excluded.active, day_kind = excluded.day_kind,
           short_name = CASE WHEN excluded.short_name <> '' THEN excluded.short_name ELSE short_name END,
           short_name_en = CASE WHEN excluded.short_name_en <> '' THEN excluded.short_name_en ELSE short_name_en END",
        params![
            p.code,
            p.name,
            p.name_en,
            fold(&format!("{} {}", p.code, p.name)),
            p.field,
            p.level,
            p.days,
            p.cutoff.map(|c| c.format("%H:%M").to_string()),
            p.hours,
            p.fee_vnd,
            p.online.as_str(),
            p.papers.join("\n"),
            p.legal_basis,
            p.note,
            if p.resume == ResumeRule::Restart { "restart" } else { "remaining" },
            p.active,
            p.day_kind.as_str(),
            p.short_name,
            p.papers_en.join("\n"),
            p.short_name_en,
        ],
    )?;
    Ok(!existed)
}

/// A catalogue entry as it may be stored: codes and names without control characters, the
/// wording without them (the official texts are long: generous limits).
fn clean_procedure(p: &Procedure) -> Result<Procedure> {
    const LONG: usize = 8000;
    Ok(Procedure {
        code: line_in("mã thủ tục / procedure code", &p.code, 50)?,
        name: line_in("tên thủ tục / procedure name", &p.name, 1000)?,
        name_en: line_in("tên tiếng Anh / English name", &p.name_en, 1000)?,
        field: line_in("lĩnh vực / field", &p.field, 200)?,
        level: line_in("cấp / level", &p.level, 50)?,
        papers: p.papers.iter().map(|x| text_in("thành phần hồ sơ / papers", x, LONG, false)).collect::<Result<_>>()?,
        papers_en: p
            .papers_en
            .iter()
            .map(|x| text_in("thành phần hồ sơ tiếng Anh / English papers", x, LONG, false))
            .collect::<Result<_>>()?,
        legal_basis: text_in("căn cứ pháp lý / legal basis", &p.legal_basis, LONG, false)?,
        note: text_in("ghi chú / note", &p.note, LONG, true)?,
        ..p.clone()
    })
}

impl Store {
    /// Refuses unless `login` is an active office head: for what touches the whole file (a
    /// backup holds every citizen's record; a restore replaces the record).
    pub fn require_head(&self, login: &str, what: &'static str) -> Result<()> {
        head_in(self.conn(), login, what).map(|_| ())
    }

    pub fn settings(&self) -> Result<Settings> {
        let c = self.conn();
        let d = Settings::default();
        let get = |k: &str, d: &str| -> Result<String> { Ok(setting(c, k)?.unwrap_or_else(|| d.to_string())) };
        Ok(Settings {
            office_kind: get("office_kind", &d.office_kind)?,
            agency_name: get("agency_name", &d.agency_name)?,
            parent_name: get("parent_name", &d.parent_name)?,
            agency_code: get("agency_code", &d.agency_code)?,
            hours: CounterHours::parse(&get("counter_hours", "")?).unwrap_or_default(),
            place: get("place", &d.place)?,
            address: get("address", &d.address)?,
            phone: get("phone", &d.phone)?,
            email: get("email", &d.email)?,
            head_name: get("head_name", &d.head_name)?,
            head_title: get("head_title", &d.head_title)?,
            book: get("book", &d.book)?,
        })
    }

    pub fn set_settings(&mut self, actor: &str, s: &Settings) -> Result<()> {
        self.set_settings_and_report(actor, s, &super::ReportSettings::default(), false)
    }

    /// The office settings and, when `with_report`, the report's keys (the Admin form edits
    /// both): checked as `motcua settings set` checks them, saved in one transaction.
    pub fn set_settings_and_report(
        &mut self,
        actor: &str,
        s: &Settings,
        report: &super::ReportSettings,
        with_report: bool,
    ) -> Result<()> {
        let mut extra = vec![];
        if with_report {
            for (k, v) in [
                ("report.withdrawn", report.withdrawn.as_str().to_string()),
                ("report.recipient", report.recipient.clone()),
                ("report.place", report.place.clone()),
            ] {
                let v = super::settings::check_setting(k, &v)?;
                extra.push((k, line_in(k, &v, 300)?));
            }
        }
        let book = line_in("quyển số / book", &super::settings::check_setting("book", &s.book)?, 100)?;
        // Every dossier code starts with the agency code: a bad one would spoil them all.
        let code =
            check_agency_code(&s.agency_code).map_err(|e| Refusal::Invalid(super::error::bad_agency_code(&e.0)))?;
        let s = &Settings {
            agency_code: code,
            office_kind: line_in("tên bộ phận / office", &s.office_kind, 200)?,
            agency_name: line_in("tên cơ quan / agency name", &s.agency_name, 200)?,
            parent_name: line_in("cơ quan cấp trên / parent agency", &s.parent_name, 200)?,
            book,
            ..s.clone()
        };
        self.write(|tx| {
            head_in(tx, actor, "sửa thông tin cơ quan / edit the office settings")?;
            for (k, v) in [
                ("office_kind", s.office_kind.clone()),
                ("agency_name", s.agency_name.clone()),
                ("parent_name", s.parent_name.clone()),
                ("agency_code", s.agency_code.clone()),
                ("counter_hours", s.hours.to_setting()),
                ("place", s.place.clone()),
                ("address", s.address.clone()),
                ("phone", s.phone.clone()),
                ("email", s.email.clone()),
                ("head_name", s.head_name.clone()),
                ("head_title", s.head_title.clone()),
                ("book", s.book.clone()),
            ]
            .into_iter()
            .chain(extra.iter().map(|(k, v)| (*k, v.clone())))
            {
                tx.execute(
                    "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![k, v],
                )?;
            }
            Ok(())
        })
    }

    pub fn calendar(&self) -> Result<Calendar> {
        calendar_in(self.conn())
    }

    /// Whether the dossier's due date was counted over a day off not yet official (from the
    /// day received to the due date): screens and the receipt mark it "lịch nghỉ chưa chính thức".
    pub fn crosses_unofficial_holidays(&self, d: &crate::domain::dossier::Dossier) -> Result<bool> {
        Ok(self.calendar()?.crosses_unofficial(d.received_at.date(), d.due_date))
    }

    pub fn procedure(&self, code: &str) -> Result<Option<Procedure>> {
        procedure_in(self.conn(), code)
    }

    /// The catalogue by field and name; `active_only` for the intake picker.
    pub fn procedures(&self, active_only: bool) -> Result<Vec<Procedure>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT * FROM procedures WHERE active OR NOT ?1 ORDER BY field, name")?;
        let rows = stmt.query_map([active_only], procedure_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or updates procedures by code, all in one transaction. Returns (added, updated).
    pub fn upsert_procedures(&mut self, actor: &str, list: &[Procedure]) -> Result<(usize, usize)> {
        self.write(|tx| {
            head_in(tx, actor, "sửa danh mục thủ tục / edit the procedure catalogue")?;
            let mut added = 0;
            for p in list {
                let p = &clean_procedure(p)?;
                // A dossier of it could not be given a due date.
                if p.active && !super::handover::has_limit(tx, p)? {
                    return Err(Refusal::Invalid(format!("{}: {}", p.code, super::error::no_time_limit())).into());
                }
                check_limits(p).map_err(|why| Refusal::Invalid(super::error::catalogue_problem_text(&why)))?;
                added += usize::from(upsert_procedure(tx, p)?);
            }
            Ok((added, list.len() - added))
        })
    }

    /// Reads a catalogue file's rows into the catalogue, keeping what the head set that the
    /// file does not carry (see domain::catalogue), all in one transaction. Ok(Err(problems))
    /// when some row cannot go in: then nothing was changed. Ok(Ok((added, updated))) otherwise.
    #[allow(clippy::type_complexity)]
    pub fn import_catalogue(
        &mut self,
        actor: &str,
        rows: &[CatalogueRow],
    ) -> Result<Result<(usize, usize), Vec<(usize, CatalogueProblem)>>> {
        let mut problems = crate::domain::catalogue::duplicate_codes(rows);
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let outcome = self.write(|tx| {
            head_in(tx, actor, "sửa danh mục thủ tục / edit the procedure catalogue")?;
            let mut merged = Vec::with_capacity(rows.len());
            for r in rows {
                match merge(r, procedure_in(tx, &r.code)?.as_ref()) {
                    Ok(p) => merged.push(p),
                    Err(why) => problems.push((r.line, why)),
                }
            }
            if !problems.is_empty() {
                // Nothing written yet: the transaction ends without a change.
                return Ok(Err(std::mem::take(&mut problems)));
            }
            let mut added = 0;
            for p in &merged {
                added += usize::from(upsert_procedure(tx, p)?);
            }
            Ok(Ok((added, merged.len() - added)))
        })?;
        Ok(outcome)
    }

    /// Replaces the holiday entries of the given days (adds or updates each).
    pub fn upsert_holidays(&mut self, actor: &str, days: &[(NaiveDate, DayKind, String, String)]) -> Result<()> {
        self.write(|tx| {
            head_in(tx, actor, "sửa lịch nghỉ / edit the holidays")?;
            for (d, kind, name, status) in days {
                let name = text_in("tên ngày nghỉ / holiday name", name, 200, false)?;
                let status = line_in("trạng thái / status", status, 50)?;
                tx.execute(
                    "INSERT INTO holidays(day, kind, name, status) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name, status = excluded.status",
                    params![
                        super::day(*d),
                        if *kind == DayKind::Work { "work" } else { "off" },
                        name,
                        status
                    ],
                )?;
            }
            Ok(())
        })
    }

    /// Applies the changes offered from the shipped official table (see
    /// domain::holiday_update), all or none. Returns how many days changed.
    pub fn apply_holiday_changes(
        &mut self,
        actor: &str,
        changes: &[crate::domain::holiday_update::HolidayChange],
    ) -> Result<usize> {
        use crate::domain::holiday_update::HolidayChange;
        self.write(|tx| {
            head_in(tx, actor, "sửa lịch nghỉ / edit the holidays")?;
            for c in changes {
                // The offer was made from the table as it was read: if someone edited that day
                // since, nothing is applied and the head looks again.
                let now: Option<(String, String, String)> = tx
                    .query_row("SELECT kind, name, status FROM holidays WHERE day = ?1", [super::day(c.day())], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                let as_row = |r: &HolidayRow| {
                    Some(((if r.1 == DayKind::Work { "work" } else { "off" }).to_string(), r.2.clone(), r.3.clone()))
                };
                let expected = match c {
                    HolidayChange::Add(_) => None,
                    HolidayChange::Replace { old, .. } | HolidayChange::Remove(old) => as_row(old),
                };
                if now != expected {
                    return Err(Refusal::Invalid(super::error::holidays_changed_meanwhile(c.day())).into());
                }
                match c {
                    HolidayChange::Add(r) | HolidayChange::Replace { new: r, .. } => {
                        tx.execute(
                            "INSERT INTO holidays(day, kind, name, status) VALUES (?1, ?2, ?3, ?4)
                             ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                               status = excluded.status",
                            params![super::day(r.0), if r.1 == DayKind::Work { "work" } else { "off" }, r.2, r.3],
                        )?;
                    }
                    HolidayChange::Remove(r) => {
                        tx.execute("DELETE FROM holidays WHERE day = ?1", [super::day(r.0)])?;
                    }
                }
            }
            Ok(changes.len())
        })
    }

    /// The whole holiday table, by day.
    pub fn holidays(&self) -> Result<Vec<HolidayRow>> {
        let mut stmt = self.conn().prepare_cached("SELECT day, kind, name, status FROM holidays ORDER BY day")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = vec![];
        for row in rows {
            let (d, kind, name, status) = row?;
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                out.push((d, if kind == "work" { DayKind::Work } else { DayKind::Off }, name, status));
            }
        }
        Ok(out)
    }

    /// Takes a day out of the holiday table (office head only). False when it was not there.
    pub fn remove_holiday(&mut self, actor: &str, d: NaiveDate) -> Result<bool> {
        self.write(|tx| {
            head_in(tx, actor, "sửa lịch nghỉ / edit the holidays")?;
            Ok(tx.execute("DELETE FROM holidays WHERE day = ?1", [super::day(d)])? > 0)
        })
    }

    pub fn staff(&self, login: &str) -> Result<Option<Staff>> {
        staff_in(self.conn(), login)
    }

    pub fn staff_list(&self) -> Result<Vec<Staff>> {
        let mut stmt = self.conn().prepare_cached("SELECT login FROM staff ORDER BY role DESC, full_name")?;
        let logins: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        logins.iter().filter_map(|l| staff_in(self.conn(), l).transpose()).collect()
    }

    /// Adds or updates a staff member. Only the head may, except for the very first one
    /// (the login that runs `init` becomes the head).
    pub fn put_staff(&mut self, actor: &str, s: &Staff) -> Result<()> {
        let s = &Staff {
            login: line_in("tên đăng nhập / login", &s.login, 64)?,
            full_name: line_in("họ tên / name", &s.full_name, crate::domain::text::NAME_MAX)?,
            ..s.clone()
        };
        self.write(|tx| {
            let count: i64 = tx.query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?;
            if count > 0 {
                head_in(tx, actor, "sửa danh sách cán bộ / manage staff")?;
                if s.role != Role::Head || !s.active {
                    keep_a_head(tx, &s.login)?;
                }
            } else if s.role != Role::Head || !s.active {
                return Err(Refusal::LastHead(s.login.clone()).into());
            }
            tx.execute(
                "INSERT INTO staff(login, full_name, role, active) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(login) DO UPDATE SET full_name = excluded.full_name, role = excluded.role,
                   active = excluded.active",
                params![s.login, s.full_name, s.role.as_str(), s.active],
            )?;
            Ok(())
        })
    }

    /// Adds a staff member whose login is new: an existing one is refused, never overwritten.
    pub fn add_staff(&mut self, actor: &str, s: &Staff) -> Result<()> {
        self.write(|tx| {
            head_in(tx, actor, "sửa danh sách cán bộ / manage staff")?;
            if staff_in(tx, &s.login)?.is_some() {
                return Err(Refusal::Invalid(super::error::login_taken(&s.login)).into());
            }
            tx.execute(
                "INSERT INTO staff(login, full_name, role, active) VALUES (?1, ?2, ?3, ?4)",
                params![s.login, s.full_name, s.role.as_str(), s.active],
            )?;
            Ok(())
        })
    }

    /// Changes a staff member's role (office head only; the last head stays a head).
    pub fn set_role(&mut self, actor: &str, login: &str, role: Role) -> Result<Staff> {
        self.change_staff(actor, login, |s| s.role = role)
    }

    /// Disables a login: it may still look, but changes nothing. Its past events keep its name.
    pub fn disable_staff(&mut self, actor: &str, login: &str) -> Result<Staff> {
        self.change_staff(actor, login, |s| s.active = false)
    }

    fn change_staff(&mut self, actor: &str, login: &str, change: impl FnOnce(&mut Staff)) -> Result<Staff> {
        self.write(|tx| {
            head_in(tx, actor, "sửa danh sách cán bộ / manage staff")?;
            let mut s = staff_in(tx, login)?.ok_or_else(|| Refusal::UnknownStaff(login.to_string()))?;
            change(&mut s);
            if s.role != Role::Head || !s.active {
                keep_a_head(tx, &s.login)?;
            }
            tx.execute(
                "UPDATE staff SET role = ?1, active = ?2 WHERE login = ?3",
                params![s.role.as_str(), s.active, s.login],
            )?;
            Ok(s)
        })
    }
}
