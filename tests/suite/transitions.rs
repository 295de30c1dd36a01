//! Every status move through the store (DOMAIN §3): allowed exactly where the law's table
//! says, for the role that may; refused otherwise with nothing written.

use crate::foundation;

use foundation::{at, db_path, new_dossier, office, HEAD};
use motcua::domain::dossier::{Channel, Dossier, EventKind};
use motcua::domain::status::{MoveRefused, Status};
use motcua::store::{MoveExtra, Refusal, Store};

use Status::*;

const THREE_DAYS: &str = "1.004194";
/// One login per role (see foundation::office).
const CLERK: &str = "lan";
const HANDLER: &str = "hung";

/// DOMAIN §3, written out by hand: (from, to, logins that may). The head may do all.
const ALLOWED: &[(Status, Status, &[&str])] = &[
    (Received, InProgress, &[CLERK, HANDLER, HEAD]),
    (Supplement, InProgress, &[CLERK, HANDLER, HEAD]),
    (InProgress, Supplement, &[HANDLER, HEAD]),
    (InProgress, Ready, &[HANDLER, HEAD]),
    (Ready, Returned, &[CLERK, HEAD]),
    (Received, Rejected, &[HANDLER, HEAD]),
    (InProgress, Rejected, &[HANDLER, HEAD]),
    (Received, Withdrawn, &[CLERK, HEAD]),
    (InProgress, Withdrawn, &[CLERK, HEAD]),
    (Supplement, Withdrawn, &[CLERK, HEAD]),
];

fn reason(s: &str) -> MoveExtra {
    MoveExtra { note: s.into(), ..Default::default() }
}

/// A new dossier brought to `status` by the head (who may do every step).
fn dossier_in(store: &mut Store, status: Status) -> Dossier {
    let t = at("2024-03-04 08:00");
    let d = store.add_dossier(HEAD, &new_dossier(THREE_DAYS, "Lý Văn Chuyển", Channel::InPerson), t).unwrap();
    let path: &[Status] = match status {
        Received => &[],
        InProgress => &[InProgress],
        Supplement => &[InProgress, Supplement],
        Ready => &[InProgress, Ready],
        Returned => &[InProgress, Ready, Returned],
        Rejected => &[Rejected],
        Withdrawn => &[Withdrawn],
    };
    let mut d = d;
    for (i, s) in path.iter().enumerate() {
        let t = at(&format!("2024-03-04 {:02}:00", 9 + i));
        d = store.move_dossier(HEAD, &d.code, Some(d.version), *s, &reason("chuẩn bị"), t).unwrap();
    }
    assert_eq!(d.status, status);
    d
}

fn refusal(e: &anyhow::Error) -> &Refusal {
    e.downcast_ref::<Refusal>().unwrap_or_else(|| panic!("not a refusal: {e:#}"))
}

#[test]
fn every_move_for_every_role_is_allowed_or_refused_as_the_law_says() {
    let (_dir, mut store) = office();
    let now = at("2024-03-05 10:00");
    let mut allowed_count = 0;
    for actor in [CLERK, HANDLER, HEAD] {
        for from in Status::ALL {
            for to in Status::ALL {
                let d = dossier_in(&mut store, from);
                let events_before = store.events(d.id).unwrap().len();
                let expected = ALLOWED.iter().any(|(f, t, who)| *f == from && *t == to && who.contains(&actor));
                let got = store.move_dossier(actor, &d.code, Some(d.version), to, &reason("lý do"), now);
                let case = format!("{actor} {from} → {to}");
                match got {
                    Ok(after) => {
                        assert!(expected, "{case}: allowed but the law refuses it");
                        allowed_count += 1;
                        assert_eq!(after.status, to, "{case}");
                        assert_eq!(after.version, d.version + 1, "{case}");
                        let events = store.events(d.id).unwrap();
                        assert_eq!(events.len(), events_before + 1, "{case}");
                        let last = events.last().unwrap();
                        // DOMAIN §3: supplement, rejection and withdrawal need a reason; the
                        // clock's moves are pauses and resumes.
                        let (why, note) = if matches!(to, Supplement | Rejected | Withdrawn) {
                            ("lý do", "")
                        } else {
                            ("", "lý do")
                        };
                        let kind = match (from, to) {
                            (_, Supplement) => EventKind::Pause,
                            (Supplement, InProgress) => EventKind::Resume,
                            _ => EventKind::Move,
                        };
                        assert_eq!(
                            (
                                last.kind,
                                last.from,
                                last.to,
                                last.actor.as_str(),
                                last.reason.as_str(),
                                last.note.as_str()
                            ),
                            (kind, Some(from), to, actor, why, note),
                            "{case}"
                        );
                        assert_eq!(last.at, now);
                        match to {
                            Ready | Rejected => assert_eq!(after.resolved_at, Some(now), "{case}"),
                            Returned => assert_eq!(after.returned_at, Some(now), "{case}"),
                            Withdrawn => assert_eq!(after.withdrawn_at, Some(now), "{case}"),
                            Supplement => assert_eq!(store.pauses(d.id).unwrap().len(), 1, "{case}"),
                            _ => {}
                        }
                    }
                    Err(e) => {
                        assert!(!expected, "{case}: refused but the law allows it: {e:#}");
                        match refusal(&e) {
                            Refusal::Move { why: MoveRefused::SameStatus, .. } => assert_eq!(from, to, "{case}"),
                            Refusal::Move { why: MoveRefused::NotAllowed { .. }, .. } => {
                                assert!(!ALLOWED.iter().any(|(f, t, _)| *f == from && *t == to), "{case}")
                            }
                            Refusal::Move { why: MoveRefused::WrongRole { .. }, .. } => {
                                assert!(ALLOWED.iter().any(|(f, t, _)| *f == from && *t == to), "{case}")
                            }
                            other => panic!("{case}: unexpected refusal {other:?}"),
                        }
                        let unchanged = store.dossier(&d.code).unwrap().unwrap();
                        assert_eq!(unchanged, d, "{case}: a refused move changed the dossier");
                        assert_eq!(store.events(d.id).unwrap().len(), events_before, "{case}");
                    }
                }
            }
        }
    }
    // 10 moves; 3 + 3 + 2 + 2 + 2 + 2 + 2 + 2 + 2 + 2 = 22 (role, move) pairs.
    assert_eq!(allowed_count, 22);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
}

#[test]
fn supplement_rejection_and_withdrawal_need_a_reason() {
    let (_dir, mut store) = office();
    let now = at("2024-03-05 10:00");
    for (from, to, actor) in [
        (InProgress, Supplement, HANDLER),
        (Received, Rejected, HANDLER),
        (InProgress, Rejected, HEAD),
        (Received, Withdrawn, CLERK),
        (Supplement, Withdrawn, CLERK),
    ] {
        for note in ["", "   "] {
            let d = dossier_in(&mut store, from);
            let e = store.move_dossier(actor, &d.code, None, to, &reason(note), now).unwrap_err();
            assert!(
                matches!(refusal(&e), Refusal::Move { why: MoveRefused::ReasonRequired, .. }),
                "{from} → {to} with {note:?}: {e:#}"
            );
            assert_eq!(store.dossier(&d.code).unwrap().unwrap(), d);
        }
    }
    // The same moves with a reason go through.
    let d = dossier_in(&mut store, Received);
    let after = store.move_dossier(CLERK, &d.code, None, Withdrawn, &reason("Công dân xin rút"), now).unwrap();
    assert_eq!(after.status, Withdrawn);
}

#[test]
fn a_handler_may_not_touch_another_handlers_dossier() {
    let (_dir, mut store) = office();
    let now = at("2024-03-05 10:00");
    let d = dossier_in(&mut store, Received);
    let d = store.assign(HEAD, &d.code, Some(d.version), HANDLER, now).unwrap();
    assert_eq!(d.assignee, HANDLER);

    // "mai" is a handler too, but the dossier is hung's.
    let e = store.move_dossier("mai", &d.code, None, InProgress, &MoveExtra::default(), now).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { login, .. } if login == "mai"), "{e:#}");
    let e = store.assign("mai", &d.code, None, "mai", now).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }), "{e:#}");
    assert_eq!(store.dossier(&d.code).unwrap().unwrap(), d, "nothing changed");

    let d = store.move_dossier(HANDLER, &d.code, None, InProgress, &MoveExtra::default(), now).unwrap();
    let e = store.move_dossier("mai", &d.code, None, Ready, &MoveExtra::default(), now).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }), "{e:#}");
    let d = store.move_dossier(HANDLER, &d.code, None, Ready, &MoveExtra::default(), now).unwrap();
    assert_eq!(d.status, Ready);
}

#[test]
fn a_handler_who_takes_an_unassigned_dossier_becomes_its_assignee() {
    let (_dir, mut store) = office();
    let d = dossier_in(&mut store, Received);
    assert_eq!(d.assignee, "");
    let d =
        store.move_dossier("mai", &d.code, None, InProgress, &MoveExtra::default(), at("2024-03-05 10:00")).unwrap();
    assert_eq!(d.assignee, "mai");
    let e =
        store.move_dossier(HANDLER, &d.code, None, Ready, &MoveExtra::default(), at("2024-03-05 11:00")).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::NotAllowed { .. }), "{e:#}");
}

#[test]
fn someone_not_on_the_staff_list_changes_nothing() {
    let (_dir, mut store) = office();
    let d = dossier_in(&mut store, Received);
    let e = store
        .move_dossier("stranger", &d.code, None, InProgress, &MoveExtra::default(), at("2024-03-05 10:00"))
        .unwrap_err();
    assert!(matches!(refusal(&e), Refusal::UnknownStaff(l) if l == "stranger"), "{e:#}");
    assert_eq!(store.dossier(&d.code).unwrap().unwrap(), d);
}

#[test]
fn a_save_on_a_stale_version_is_refused_and_overwrites_nothing() {
    let (dir, mut first) = office();
    let d = dossier_in(&mut first, InProgress);
    let mut second = Store::open(&db_path(&dir)).unwrap();

    // Both clerks have the dossier on screen at version v.
    let seen_by_first = first.dossier(&d.code).unwrap().unwrap();
    let seen_by_second = second.dossier(&d.code).unwrap().unwrap();
    assert_eq!(seen_by_first.version, seen_by_second.version);

    let saved = first
        .move_dossier(
            HANDLER,
            &d.code,
            Some(seen_by_first.version),
            Ready,
            &MoveExtra::default(),
            at("2024-03-05 10:00"),
        )
        .unwrap();
    let e = second
        .move_dossier(
            HEAD,
            &d.code,
            Some(seen_by_second.version),
            Rejected,
            &reason("Không đủ điều kiện"),
            at("2024-03-05 10:01"),
        )
        .unwrap_err();
    match refusal(&e) {
        Refusal::Stale { code, by, .. } => {
            assert_eq!(code, &d.code);
            assert_eq!(by, HANDLER, "the refusal says who saved first");
        }
        other => panic!("expected Stale, got {other:?}"),
    }
    let now = second.dossier(&d.code).unwrap().unwrap();
    assert_eq!(now, saved, "the first save stands");
    assert_eq!(now.status, Ready);
    assert_eq!(second.events(d.id).unwrap().last().unwrap().to, Ready);

    // The same holds for assignment.
    let e = second.assign(HEAD, &d.code, Some(seen_by_second.version), "mai", at("2024-03-05 10:02")).unwrap_err();
    assert!(matches!(refusal(&e), Refusal::Stale { .. }), "{e:#}");
    assert_eq!(second.dossier(&d.code).unwrap().unwrap().assignee, saved.assignee);
}
