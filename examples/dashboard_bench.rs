//! Times the dashboard, the end-of-day review and the period reports in one warm connection,
//! as a running screen pays them. On the 1,000,000-dossier demo:
//!
//! ```sh
//! MOTCUA_NOW=2026-11-20T16:30:00+07:00 MOTCUA_USER=head \
//!   target/release/motcua --db bench-data/big.db demo --dossiers 1000000
//! MOTCUA_NOW=2026-11-20T17:00:00+07:00 cargo run --release --example dashboard_bench -- bench-data/big.db
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use motcua::domain::report::{Period, PeriodKind};
use motcua::store::Store;

const RUNS: usize = 20;

/// The median of `RUNS` calls of `f`, and the first call's time.
fn time<T>(mut f: impl FnMut() -> Result<T>) -> Result<(Duration, Duration)> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed());
    }
    let first = times[0];
    times.sort();
    Ok((times[RUNS / 2], first))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<()> {
    let path = PathBuf::from(std::env::args().nth(1).context("usage: dashboard_bench DB")?);
    let now = motcua::clock::now()?;
    let today = now.date();
    let started = Instant::now();
    let store = Store::open(&path)?;
    let cal = store.calendar()?;
    let dash = store.dashboard(today, &cal)?;
    println!("open + calendar + first dashboard: {}", ms(started.elapsed()));
    println!(
        "{today}: {} pending (overdue {}, today {}, tomorrow {}, ≤3 days {}, later {}), {} assignees, {} fields",
        dash.pending.total(),
        dash.pending.get(motcua::domain::urgency::Urgency::Overdue),
        dash.pending.get(motcua::domain::urgency::Urgency::DueToday),
        dash.pending.get(motcua::domain::urgency::Urgency::DueTomorrow),
        dash.pending.get(motcua::domain::urgency::Urgency::DueSoon),
        dash.pending.get(motcua::domain::urgency::Urgency::Later),
        dash.by_assignee.len(),
        dash.by_field.len()
    );

    let report = |label: &str, p: Period| -> Result<()> {
        let (median, first) = time(|| store.report(p, now))?;
        println!("{label:<34} median {} (first {})", ms(median), ms(first));
        Ok(())
    };
    let (median, first) = time(|| store.dashboard(today, &cal))?;
    println!("{:<34} median {} (first {})", "dashboard", ms(median), ms(first));
    let month = Period::containing(PeriodKind::Month, today);
    let (median, first) = time(|| store.indicators(month, now))?;
    println!("{:<34} median {} (first {})", "indicators, month + previous", ms(median), ms(first));
    let (median, first) = time(|| {
        store.dashboard(today, &cal)?;
        store.indicators(month, now)
    })?;
    println!("{:<34} median {} (first {})", "dashboard + month indicators", ms(median), ms(first));
    let (median, first) = time(|| store.review(today, &cal, 50))?;
    println!("{:<34} median {} (first {})", "end-of-day review (50 rows each)", ms(median), ms(first));
    report("report, this year", Period::containing(PeriodKind::Year, today))?;
    report("report, this quarter", Period::containing(PeriodKind::Quarter, today))?;
    let (median, first) = time(|| store.indicators(Period::containing(PeriodKind::Year, today), now))?;
    println!("{:<34} median {} (first {})", "indicators, year + previous", ms(median), ms(first));
    Ok(())
}
