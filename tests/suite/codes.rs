//! Dossier codes (DOMAIN §1): `<agency>-<YYMMDD>-<NNNN>`, a per-day sequence from 0001 that
//! is never reused, even when clerks save at the same instant.

use crate::foundation;

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};

use foundation::{at, db_path, logbook_row, new_dossier, office, AGENCY, HEAD};
use motcua::domain::dossier::Channel;
use motcua::store::{ImportRow, Store};

const SAME_DAY: &str = "2.000815";

#[test]
fn each_day_has_its_own_sequence() {
    let (_dir, mut store) = office();
    let mut add =
        |t: &str| store.add_dossier(HEAD, &new_dossier(SAME_DAY, "Bùi Văn Mã", Channel::InPerson), at(t)).unwrap().code;
    assert_eq!(add("2024-05-06 08:00"), format!("{AGENCY}-240506-0001"));
    assert_eq!(add("2024-05-06 08:01"), format!("{AGENCY}-240506-0002"));
    assert_eq!(add("2024-05-07 08:00"), format!("{AGENCY}-240507-0001"));
    assert_eq!(add("2024-05-06 16:00"), format!("{AGENCY}-240506-0003"));
}

#[test]
fn an_imported_code_is_never_given_again() {
    let (_dir, mut store) = office();
    let row = ImportRow {
        code: Some(format!("{AGENCY}-240508-0007")),
        ..logbook_row(2, SAME_DAY, "Hồ Văn Cũ", at("2024-05-08 08:00"))
    };
    store.import_dossiers(HEAD, &[row], at("2024-05-08 09:00")).unwrap();
    let d = store
        .add_dossier(HEAD, &new_dossier(SAME_DAY, "Hồ Văn Mới", Channel::InPerson), at("2024-05-08 10:00"))
        .unwrap();
    assert_eq!(d.code, format!("{AGENCY}-240508-0008"));
}

#[test]
fn four_clerks_saving_at_once_never_share_a_code() {
    let (dir, store) = office();
    drop(store);
    let path = db_path(&dir);
    const PER_THREAD: usize = 25;
    let start = Arc::new(Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            let start = start.clone();
            std::thread::spawn(move || -> Vec<String> {
                let mut store = Store::open(&path).unwrap();
                start.wait();
                (0..PER_THREAD)
                    .map(|n| {
                        let name = format!("Nguyễn Văn Luồng {}", ["An", "Bình", "Cường", "Dũng"][i]);
                        let nd = new_dossier(SAME_DAY, &name, Channel::InPerson);
                        let t = at(&format!("2024-05-06 09:{n:02}"));
                        store.add_dossier(HEAD, &nd, t).unwrap_or_else(|e| panic!("thread {i}: {e:#}")).code
                    })
                    .collect()
            })
        })
        .collect();
    let codes: Vec<String> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    let unique: BTreeSet<&String> = codes.iter().collect();
    assert_eq!(unique.len(), 4 * PER_THREAD, "duplicate codes among {codes:?}");
    // No gaps either: exactly 0001..0100, as one clerk adding them in turn would get.
    let expected: BTreeSet<String> = (1..=4 * PER_THREAD).map(|n| format!("{AGENCY}-240506-{n:04}")).collect();
    assert_eq!(unique, expected.iter().collect());
    let store = Store::open(&path).unwrap();
    assert!(store.check().unwrap().is_empty());
}
