//! The period report and the dashboard against a recount made dossier by dossier, on a small
//! demo office (three years, a few thousand dossiers, the real catalogue and holidays).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use motcua::cli::create_database;
use motcua::domain::dossier::{Dossier, Satisfaction};
use motcua::domain::report::{timeliness, Counts, Period, PeriodKind, Timeliness};
use motcua::domain::urgency::Urgency;
use motcua::store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn demo_office(dir: &tempfile::TempDir, now: NaiveDateTime) -> Store {
    let mut store = create_database(&dir.path().join("demo.db"), None, None, "head").unwrap();
    motcua::demo::fill(&mut store, 4000, 7, now, "head").unwrap();
    store
}

/// `x`'s due date as it stood at `end`, and whether its clock was stopped then for the
/// citizen (DOMAIN §2): a pause begun on or before its due date and not resumed by then. The
/// demo pauses a dossier at most once (checked); before the resume the due date is the intake
/// one, after it the one the dossier has now.
fn clock_at_end(store: &Store, x: &Dossier, end: NaiveDateTime) -> (NaiveDate, bool) {
    let pauses = store.pauses(x.id).unwrap();
    assert!(pauses.len() <= 1, "{}", x.code);
    match pauses.first() {
        None => {
            assert_eq!(x.due_date, x.due_at_intake, "{}", x.code);
            (x.due_at_intake, false)
        }
        Some(q) if q.from > end => (x.due_at_intake, false),
        Some(q) if q.to.is_some_and(|to| to <= end) => (x.due_date, false),
        Some(q) => (x.due_at_intake, q.from.date() <= x.due_at_intake),
    }
}

/// The report of `p` counted from each dossier as DOMAIN §5 words it, judged on the period's
/// last day, or on today while it runs.
fn recount(store: &Store, p: Period, today: NaiveDate) -> BTreeMap<String, Counts> {
    let judged = p.to.min(today);
    let end = judged.and_hms_opt(23, 59, 59).unwrap();
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    store
        .each_dossier_received(d("2000-01-01"), d("2100-01-01"), |x| {
            let c = out.entry(x.field.clone()).or_default();
            let received = x.received_at.date();
            let closed = x.resolved_at.or(x.withdrawn_at).map(|t| t.date());
            if received < p.from && closed.is_none_or(|c| c >= p.from) {
                c.carried_over += 1;
            }
            if p.contains(received) {
                if x.channel == motcua::domain::dossier::Channel::Online {
                    c.new_online += 1;
                } else {
                    c.new_other += 1;
                }
                if x.fee_vnd > 0 {
                    c.with_fee += 1;
                    c.paid_online += u64::from(x.paid_online);
                }
            }
            if let Some(r) = x.resolved_at.map(|t| t.date()).filter(|r| p.contains(*r)) {
                match timeliness(r, x.due_date) {
                    Timeliness::BeforeDue => c.before_due += 1,
                    Timeliness::OnTime => c.on_time += 1,
                    Timeliness::Late => c.late += 1,
                }
                c.digitized += u64::from(x.result_digitized);
            }
            if x.withdrawn_at.is_some_and(|w| p.contains(w.date())) {
                c.withdrawn += 1;
            }
            if received <= p.to && closed.is_none_or(|c| c > p.to) {
                let (due, paused) = clock_at_end(store, x, end);
                if paused {
                    c.within_due += 1;
                    c.paused += 1;
                } else if due < judged {
                    c.overdue += 1;
                } else {
                    c.within_due += 1;
                }
            }
            if let (Some(r), Some(s)) = (x.returned_at, x.satisfaction) {
                if p.contains(r.date()) {
                    c.answers += 1;
                    c.satisfied += u64::from(s == Satisfaction::Satisfied);
                }
            }
            Ok(())
        })
        .unwrap();
    out.retain(|_, c| *c != Counts::default());
    out
}

#[test]
fn report_equals_a_dossier_by_dossier_recount() {
    let dir = tempfile::tempdir().unwrap();
    let now = NaiveDateTime::parse_from_str("2026-11-20 17:00", "%Y-%m-%d %H:%M").unwrap();
    let store = demo_office(&dir, now);
    let today = now.date();
    let mut periods = vec![
        Period::new(d("2024-03-01"), d("2024-03-31")).unwrap(),
        Period::new(d("2025-01-01"), d("2025-12-31")).unwrap(),
        Period::new(d("2026-11-02"), d("2026-11-06")).unwrap(),
        Period::new(d("2026-12-01"), d("2026-12-31")).unwrap(),
    ];
    for kind in [PeriodKind::Day, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::SixMonths, PeriodKind::Year] {
        periods.push(Period::current(kind, today, false));
        periods.push(Period::current(kind, today, true));
        periods.push(Period::current(kind, today, true).previous());
    }
    let mut paused = 0;
    for p in periods {
        let report = store.report(p, now).unwrap();
        report.check().unwrap();
        paused += report.total().paused;
        let got: BTreeMap<String, Counts> = report.by_field.into_iter().collect();
        assert_eq!(got, recount(&store, p, today), "{p:?}");
    }
    assert!(paused > 0, "the demo has dossiers paused with days left");
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn dashboard_equals_a_recount_of_pending_dossiers() {
    let dir = tempfile::tempdir().unwrap();
    let now = NaiveDateTime::parse_from_str("2026-11-20 17:00", "%Y-%m-%d %H:%M").unwrap();
    let store = demo_office(&dir, now);
    let cal = store.calendar().unwrap();
    let today = now.date();
    let dash = store.dashboard(today, &cal).unwrap();
    let mut by_step: BTreeMap<Urgency, u64> = BTreeMap::new();
    let mut returned_today = 0;
    store
        .each_dossier_received(d("2000-01-01"), d("2100-01-01"), |x| {
            if x.status.is_pending() {
                let (due, paused) = clock_at_end(&store, x, now);
                let step = if paused { Urgency::Paused } else { dash.days.of(due) };
                *by_step.entry(step).or_default() += 1;
            }
            returned_today += u64::from(x.returned_at.is_some_and(|r| r.date() == today));
            Ok(())
        })
        .unwrap();
    for u in Urgency::ALL {
        assert_eq!(dash.pending.get(u), by_step.get(&u).copied().unwrap_or(0), "{u:?}");
    }
    // The fixture exercises several steps, overdue among them.
    assert!(dash.pending.get(Urgency::Overdue) > 0);
    assert!(Urgency::ALL.iter().filter(|u| dash.pending.get(**u) > 0).count() >= 3, "{:?}", dash.pending);
    assert_eq!(dash.today.returned, returned_today);
    // The report to today sees the same overdue dossiers.
    let to_today = store.report(Period::new(d("2026-01-01"), today).unwrap(), now).unwrap().total();
    assert_eq!(to_today.overdue, dash.pending.get(Urgency::Overdue));
    assert_eq!(to_today.paused, dash.pending.get(Urgency::Paused));
    assert!(to_today.paused > 0);
    assert_eq!(to_today.pending_total(), dash.pending.total());
}
