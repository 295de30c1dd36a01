//! `motcua holidays list | update`: the office's holiday table, and the official rows that
//! ship with this build offered to it (never applied without the head's yes).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;
use chrono::{Datelike, NaiveDate, Weekday};

use super::{Context, HolidaysCmd};
use crate::domain::calendar::{DayKind, HolidayRow};
use crate::domain::holiday_update::{official_changes, shipped_holidays, HolidayChange};
use crate::i18n::tr;

pub fn run(ctx: &Context, cmd: HolidaysCmd) -> Result<()> {
    match cmd {
        HolidaysCmd::List { year } => {
            let store = ctx.open()?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for r in store.holidays()?.iter().filter(|r| year.is_none_or(|y| r.0.year() == y)) {
                writeln!(out, "{}", row_text(r))?;
            }
            out.flush()?;
            Ok(())
        }
        HolidaysCmd::Update { yes } => update(ctx, yes),
    }
}

fn update(ctx: &Context, yes: bool) -> Result<()> {
    let mut store = ctx.open()?;
    let changes = official_changes(&store.holidays()?, &shipped_holidays());
    if changes.is_empty() {
        println!(
            "{}",
            tr(
                "Lịch nghỉ đã khớp lịch chính thức đi kèm motcua — không có gì thay đổi.",
                "The holiday table already matches the official table shipped with motcua — nothing to change."
            )
        );
        return Ok(());
    }
    println!(
        "{} ({} {}):",
        tr("Lịch nghỉ chính thức đi kèm motcua khác lịch đang dùng", "The official table shipped with motcua differs"),
        changes.len(),
        tr("thay đổi", "changes")
    );
    for c in &changes {
        println!("  {}", change_text(c));
    }
    let apply = yes || (std::io::stdin().is_terminal() && ask(changes.len())?);
    if !apply {
        println!(
            "{}",
            tr("Chưa áp dụng gì. Chạy lại với --yes để áp dụng.", "Nothing applied. Run again with --yes to apply.")
        );
        return Ok(());
    }
    let n = store.apply_holiday_changes(&ctx.user, &changes)?;
    println!(
        "{} {n} {}. {}",
        tr("Đã áp dụng", "Applied"),
        tr("thay đổi", "changes"),
        tr(
            "Hạn của hồ sơ đã tiếp nhận giữ nguyên; hồ sơ tiếp nhận từ nay tính theo lịch mới.",
            "Dossiers already received keep their due dates; new ones are counted on the new table."
        )
    );
    Ok(())
}

fn ask(n: usize) -> Result<bool> {
    print!("{} {n} {}? [c/K] ", tr("Áp dụng", "Apply"), tr("thay đổi", "changes"));
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(crate::domain::text::fold(answer.trim()).as_str(), "c" | "co" | "y" | "yes"))
}

fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => tr("Thứ Hai", "Mon"),
        Weekday::Tue => tr("Thứ Ba", "Tue"),
        Weekday::Wed => tr("Thứ Tư", "Wed"),
        Weekday::Thu => tr("Thứ Năm", "Thu"),
        Weekday::Fri => tr("Thứ Sáu", "Fri"),
        Weekday::Sat => tr("Thứ Bảy", "Sat"),
        Weekday::Sun => tr("Chủ nhật", "Sun"),
    }
}

fn kind(k: DayKind) -> &'static str {
    match k {
        DayKind::Off => tr("nghỉ", "off"),
        DayKind::Work => tr("làm bù", "worked"),
    }
}

fn status(s: &str) -> &str {
    match s {
        "official" => tr("chính thức", "official"),
        "believed" => tr("dự kiến", "believed"),
        "provisional" => tr("tạm tính", "provisional"),
        other => other,
    }
}

fn row_text(r: &HolidayRow) -> String {
    format!("{} {:<8} {:<7} {} [{}]", r.0.format("%d/%m/%Y"), weekday(r.0), kind(r.1), r.2, status(&r.3))
}

fn change_text(c: &HolidayChange) -> String {
    match c {
        HolidayChange::Add(r) => format!("+ {}", row_text(r)),
        HolidayChange::Replace { old, new } => {
            let mut what = Vec::new();
            if old.1 != new.1 {
                what.push(format!("{} → {}", kind(old.1), kind(new.1)));
            }
            if old.3 != new.3 {
                what.push(format!("{} → {}", status(&old.3), status(&new.3)));
            }
            format!("~ {} ({})", row_text(new), what.join(", "))
        }
        HolidayChange::Remove(r) => format!(
            "- {} ({})",
            row_text(r),
            tr("lịch chính thức của năm không có ngày này", "not in the year's official table")
        ),
    }
}
