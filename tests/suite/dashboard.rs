//! The dashboard and the end-of-day review on the hand-counted office of tests/common.

use crate::office;

use motcua::domain::report::{Counts, Period, PeriodKind};
use motcua::domain::urgency::{Urgency, UrgencyCounts};
use motcua::store::{ReviewList, INTAKE_DAYS};
use office::*;

fn counts(per_step: [u64; 6]) -> UrgencyCounts {
    let mut c = UrgencyCounts::default();
    for (u, n) in Urgency::ALL.into_iter().zip(per_step) {
        c.add(u, n);
    }
    c
}

fn codes(list: &ReviewList) -> Vec<String> {
    list.rows.iter().map(|r| r.dossier.code.clone()).collect()
}

#[test]
fn pending_steps_overall_by_assignee_and_by_field() {
    let (o, _) = fixture();
    let cal = o.store.calendar().unwrap();
    let dash = o.store.dashboard(d(TODAY), &cal).unwrap();
    // Steps on Fri 28 Aug: tomorrow = Tue 1 Sep (weekend and Mon 31 off), soon = up to Fri 4 Sep.
    assert_eq!((dash.days.tomorrow, dash.days.soon_until), (d("2026-09-01"), d("2026-09-04")));
    // Overdue A, B, G (paused after its due date); today C; tomorrow D, N; soon E; later F;
    // paused with days left H.
    assert_eq!(dash.pending, counts([3, 1, 2, 1, 1, 1]));
    assert_eq!(
        dash.by_assignee,
        vec![
            // Nobody's: C today, N tomorrow, E soon.
            (String::new(), counts([0, 1, 1, 1, 0, 0])),
            // hung: A, B, G overdue; H paused.
            ("hung".to_string(), counts([3, 0, 0, 0, 0, 1])),
            // mai: D tomorrow, F later.
            ("mai".to_string(), counts([0, 0, 1, 0, 1, 0])),
        ]
    );
    assert_eq!(
        dash.by_field,
        vec![
            // T1: C today, D and N tomorrow.
            (CHUNG_THUC.to_string(), counts([0, 1, 2, 0, 0, 0])),
            // T5: F later, H paused.
            (CU_TRU.to_string(), counts([0, 0, 0, 0, 1, 1])),
            // T3: A, B, G overdue; E soon.
            (HO_TICH.to_string(), counts([3, 0, 0, 1, 0, 0])),
        ]
    );
}

#[test]
fn every_count_opens_exactly_its_dossiers_in_the_queue() {
    let (o, _) = fixture();
    let cal = o.store.calendar().unwrap();
    let dash = o.store.dashboard(d(TODAY), &cal).unwrap();
    let in_queue = |u: Option<Urgency>, who: Option<&str>, field: Option<&str>| {
        o.store.queue_count(&dash.queue_filter(u, who, field), None).unwrap().0
    };
    assert_eq!(in_queue(None, None, None), 9);
    for u in Urgency::ALL {
        assert_eq!(in_queue(Some(u), None, None), dash.pending.get(u), "{u:?}");
        for (who, c) in &dash.by_assignee {
            assert_eq!(in_queue(Some(u), Some(who), None), c.get(u), "{u:?} {who}");
        }
        for (field, c) in &dash.by_field {
            assert_eq!(in_queue(Some(u), None, Some(field)), c.get(u), "{u:?} {field}");
        }
    }
}

#[test]
fn today_and_the_intake_chart() {
    let (o, _) = fixture();
    let cal = o.store.calendar().unwrap();
    let dash = o.store.dashboard(d(TODAY), &cal).unwrap();
    let t = dash.today;
    // Received today: D and N in person, E online, F by post. Resolved: K ready, L rejected.
    // Returned: J.
    assert_eq!(
        (t.received_in_person, t.received_online, t.received_postal, t.received(), t.resolved, t.returned),
        (2, 1, 1, 4, 2, 1)
    );
    assert_eq!(dash.intake.len(), INTAKE_DAYS);
    let last = dash.intake.last().unwrap();
    assert_eq!((last.day, last.online, last.in_person_postal), (d(TODAY), 1, 3));
    // 30 working days back from Fri 28 Aug is Mon 20 Jul (no day off in between).
    assert_eq!(dash.intake[0].day, d("2026-07-20"));
    let by_day = |day: &str| dash.intake.iter().find(|i| i.day == d(day)).map(|i| i.online + i.in_person_postal);
    // Mon 24 Aug: H and J. Mon 10 Aug: G. Thu 27: C and L.
    assert_eq!((by_day("2026-08-24"), by_day("2026-08-10"), by_day("2026-08-27")), (Some(2), Some(1), Some(2)));
    // Every dossier of the fixture was received on a working day inside the chart.
    let total: u64 = dash.intake.iter().map(|i| i.online + i.in_person_postal).sum();
    assert_eq!(total, 14);
}

#[test]
fn dashboard_agrees_with_the_report_and_the_hand_count() {
    let (o, _) = fixture();
    let cal = o.store.calendar().unwrap();
    let dash = o.store.dashboard(d(TODAY), &cal).unwrap();

    // The report from 1 Aug to today: its pending dossiers are the dashboard's.
    let to_today = o.store.report(Period::new(d("2026-08-01"), d(TODAY)).unwrap(), at(NOW)).unwrap();
    to_today.check().unwrap();
    let total = to_today.total();
    assert_eq!(total.overdue, dash.pending.get(Urgency::Overdue));
    assert_eq!(total.pending_total(), dash.pending.total());
    assert_eq!(total.paused, dash.pending.get(Urgency::Paused));
    let today = o.store.report(Period::containing(PeriodKind::Day, d(TODAY)), at(NOW)).unwrap().total();
    assert_eq!(today.new_received(), dash.today.received());
    assert_eq!(today.new_online, dash.today.received_online);
    assert_eq!(today.resolved_total(), dash.today.resolved);

    // The month of August, by hand, still running on Fri 28 Aug: judged at now, so C (due
    // today) is within its due date, not yet overdue.
    let month = o.store.report(Period::containing(PeriodKind::Month, d(TODAY)), at(NOW)).unwrap();
    let by_field: Vec<(&str, Counts)> = month.by_field.iter().map(|(f, c)| (f.as_str(), *c)).collect();
    let expect = |new_online, new_other, before_due, on_time, late, within_due, overdue, withdrawn| Counts {
        new_online,
        new_other,
        before_due,
        on_time,
        late,
        within_due,
        overdue,
        withdrawn,
        ..Counts::default()
    };
    // T1 (fee 2,000): C, D, J, L, N; J late, L rejected on its due date; C, D and N within;
    // all five with a fee, D paid online.
    let mut chung_thuc = expect(0, 5, 0, 1, 1, 3, 0, 0);
    chung_thuc.with_fee = 5;
    chung_thuc.paid_online = 1;
    // T5: F (post) within its due date and H paused: both within.
    let mut cu_tru = expect(0, 2, 0, 0, 0, 2, 0, 0);
    cu_tru.paused = 1;
    // T3: A, B, E (online), G, I, K, M. I before due (satisfied), K on time (digitized); A, B, G
    // overdue, E within; M withdrawn.
    let mut ho_tich = expect(1, 6, 1, 1, 0, 1, 3, 1);
    ho_tich.digitized = 1;
    ho_tich.answers = 1;
    ho_tich.satisfied = 1;
    assert_eq!(by_field, vec![(CHUNG_THUC, chung_thuc), (CU_TRU, cu_tru), (HO_TICH, ho_tich)]);

    // The indicators beside July's, when nothing happened.
    let cmp = o.store.indicators(Period::containing(PeriodKind::Month, d(TODAY)), at(NOW)).unwrap();
    assert_eq!((cmp.previous.period.from, cmp.previous.period.to), (d("2026-07-01"), d("2026-07-31")));
    assert!(cmp.previous.by_field.is_empty());
    let rates = cmp.current.total().rates();
    // On time: (I + K + L) / (I, J, K, L) = 3/4; online: E / 14; paid online: D / 5 with a fee.
    assert_eq!(rates.on_time, Some(0.75));
    assert_eq!(rates.online, Some(1.0 / 14.0));
    assert_eq!(rates.online_payment, Some(0.2));
    assert_eq!(rates.digitized_result, Some(0.25));
    assert_eq!(rates.satisfaction, Some(1.0));
}

#[test]
fn end_of_day_review() {
    let (o, c) = fixture();
    let cal = o.store.calendar().unwrap();
    let review = o.store.review(d(TODAY), &cal, 50).unwrap();
    // Overdue without apology: G (due 13 Aug) then A (due 20 Aug); B has had its apology.
    assert_eq!(codes(&review.overdue_no_apology), vec![c.g.clone(), c.a.clone()]);
    // Due on Tue 1 Sep, the next working day, so today is the last day for the apology: D, N.
    // H was due then too, but its clock is stopped: it has no due date while paused.
    assert_eq!(codes(&review.last_day_for_apology), vec![c.d.clone(), c.n.clone()]);
    // G has waited since Mon 17 Aug; H only since Wed 26 Aug (2 working days).
    assert_eq!(codes(&review.supplement_waiting), vec![c.g.clone()]);
    assert_eq!(review.supplement_waiting.rows[0].waiting_since, Some(at("2026-08-17 09:00")));
    // Nobody's: C (due today), N (1 Sep), E (4 Sep).
    assert_eq!(codes(&review.unassigned), vec![c.c.clone(), c.n.clone(), c.e.clone()]);
    assert_eq!(review.unassigned.rows[0].dossier.procedure_name, "Chứng thực bản sao");

    // Cut to one row, the totals still say how many there are.
    let short = o.store.review(d(TODAY), &cal, 1).unwrap();
    assert_eq!((short.unassigned.rows.len(), short.unassigned.total), (1, 3));
    assert_eq!((short.last_day_for_apology.rows.len(), short.last_day_for_apology.total), (1, 2));
    assert_eq!(short.overdue_no_apology.total, 2);

    // Three working days later (Thu 3 Sep) H, asked on 26 Aug, has still waited only 4 working
    // days (27, 28, 1, 3); on Mon 7 Sep, 6.
    let later = o.store.review(d("2026-09-03"), &cal, 50).unwrap();
    assert_eq!(codes(&later.supplement_waiting), vec![c.g.clone()]);
    let later = o.store.review(d("2026-09-07"), &cal, 50).unwrap();
    assert_eq!(codes(&later.supplement_waiting), vec![c.g.clone(), c.h.clone()]);
}

#[test]
fn an_apology_takes_a_dossier_off_the_review() {
    let (mut o, c) = fixture();
    let cal = o.store.calendar().unwrap();
    let row = o.store.review(d(TODAY), &cal, 50).unwrap().last_day_for_apology.rows[0].dossier.clone();
    assert_eq!(row.code, c.d);
    // The row carries the version the screen saw, so a concurrent change is refused, not lost.
    o.store.apologize("head", &row.code, Some(row.version), at("2026-09-04 09:00"), "Chờ ký", at(NOW)).unwrap();
    let review = o.store.review(d(TODAY), &cal, 50).unwrap();
    assert_eq!(codes(&review.last_day_for_apology), vec![c.n.clone()]);
    assert!(o.store.apologize("head", &c.h, Some(1), at("2026-09-04 09:00"), "x", at(NOW)).is_err());
}

#[test]
fn counters_stay_right() {
    let (o, _) = fixture();
    assert_eq!(o.store.check().unwrap(), Vec::<String>::new());
}
