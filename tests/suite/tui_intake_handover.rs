//! The intake form's handing-on fields (issue 11): how the citizen wants the result, the
//! digitized and synced ticks, and the office the dossier is received for, checked through
//! `dossier show --format json` as a script would read them.

use crate::common;
use crate::screens;

use crossterm::event::{KeyCode, KeyModifiers};
use motcua::tui::screens::intake::state::Field;
use screens::{demo_db, Screen};

fn focus(s: &Screen) -> Field {
    s.st.intake.as_ref().expect("the form is open").focus
}

/// Tab until `f` has the focus (the form has 16 fields: more Tabs than that is a loop).
fn tab_to(s: &mut Screen, f: Field) {
    for _ in 0..16 {
        if focus(s) == f {
            return;
        }
        s.key(KeyCode::Tab);
    }
    panic!("Tab never reached {f:?}");
}

#[test]
fn the_form_records_delivery_by_post_digitized_synced_and_the_office_received_for() {
    let (_d, db) = demo_db(20);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("1.004873");
    s.key(KeyCode::Enter);
    s.typed("Trần Văn Nam");
    tab_to(&mut s, Field::Digitized);
    s.key(KeyCode::Char(' '));
    tab_to(&mut s, Field::Synced);
    s.key(KeyCode::Char(' '));
    tab_to(&mut s, Field::Delivery);
    // In person: the counter is offered first; one step right is the post.
    assert!(s.text().contains("(•) tại quầy"), "{}", s.text());
    s.key(KeyCode::Right);
    assert!(s.text().contains("(•) bưu chính"), "{}", s.text());
    tab_to(&mut s, Field::ReceivedFor);
    s.typed("UBND xã Quảng Hòa");
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // No paper ticked: register anyway.
    assert_eq!(s.popup().as_deref(), Some("MissingPapers"));
    s.key(KeyCode::Enter);
    let doc = s.st.document.as_ref().expect("the receipt is shown");
    let code = doc.job.stem.trim_end_matches("-mau01").to_string();
    drop(s);

    let out = common::run(&db, "head", &["dossier", "show", &code, "--format", "json"]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["result_delivery"], "post");
    assert_eq!(v["intake_digitized"], true);
    assert_eq!(v["synced"], true);
    assert_eq!(v["received_for"], "UBND xã Quảng Hòa");
    assert_eq!(v["applicant_name"], "Trần Văn Nam");
}

#[test]
fn without_a_choice_the_result_comes_back_the_way_the_dossier_came_in() {
    let (_d, db) = demo_db(20);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("1.004873");
    s.key(KeyCode::Enter);
    s.typed("Lê Thị Bưu");
    tab_to(&mut s, Field::Channel);
    // In person → online → postal.
    s.key(KeyCode::Right);
    s.key(KeyCode::Right);
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.key(KeyCode::Enter);
    let code = s.st.document.as_ref().expect("receipt").job.stem.trim_end_matches("-mau01").to_string();
    drop(s);
    let out = common::run(&db, "head", &["dossier", "show", &code, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["channel"], "postal");
    assert_eq!(v["result_delivery"], "post");
    assert_eq!(v["intake_digitized"], false);
    assert_eq!(v["received_for"], "");
}

fn admin_form(s: &Screen) -> Option<&motcua::tui::screens::admin::form::EditForm> {
    s.st.popups.iter().rev().find_map(|p| match p {
        motcua::tui::popups::Popup::AdminForm(f) => Some(f.as_ref()),
        _ => None,
    })
}

#[test]
fn an_agency_set_in_admin_handles_the_next_dossier_and_an_unknown_one_is_refused() {
    use motcua::tui::screens::admin::form::FieldId;
    let (_d, db) = demo_db(20);
    let code = "1.004873";
    let mut s = Screen::open(&db, "head");
    assert_eq!(s.store.procedure_links(code).unwrap().agency, "", "the office handles it in the catalogue");
    s.key(KeyCode::F(6));
    s.typed(code);
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    for _ in 0..20 {
        if admin_form(&s).and_then(|f| f.focused()) == Some(FieldId::HandlingAgency) {
            break;
        }
        s.key(KeyCode::Tab);
    }
    assert_eq!(admin_form(&s).and_then(|f| f.focused()), Some(FieldId::HandlingAgency));
    s.typed("XYZ");
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let err = admin_form(&s).and_then(|f| f.error.clone()).expect("refused, the form stays");
    assert!(err.contains("«XYZ»") && err.contains("CA_XA") && err.contains("VPDK"), "{err}");
    assert_eq!(s.store.procedure_links(code).unwrap().agency, "", "nothing changed");
    for _ in 0..3 {
        s.key(KeyCode::Backspace);
    }
    s.typed("CA_XA");
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(admin_form(&s).is_none(), "saved: {:?}", admin_form(&s).and_then(|f| f.error.clone()));
    assert_eq!(s.store.procedure_links(code).unwrap().agency, "CA_XA");
    drop(s);

    // A clerk registers one: the commune police handle it.
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed(code);
    s.key(KeyCode::Enter);
    s.typed("Đỗ Văn Công");
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.key(KeyCode::Enter);
    let new = s.st.document.as_ref().expect("receipt").job.stem.trim_end_matches("-mau01").to_string();
    drop(s);
    let out = common::run(&db, "head", &["dossier", "show", &new, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["handling_agency"], "CA_XA");
}

#[test]
fn copies_are_asked_only_for_a_procedure_with_a_certification_book() {
    let (_d, db) = demo_db(20);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    s.typed("1.004873");
    s.key(KeyCode::Enter);
    tab_to(&mut s, Field::Sets);
    s.key(KeyCode::Tab);
    assert_eq!(focus(&s), Field::Fee, "no certification book: no copies field");
    assert!(!s.text().contains("Số bản chứng thực"), "{}", s.text());
    drop(s);

    // A fresh office: no draft of the first form in the way.
    let (_d, db) = demo_db(20);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::F(2));
    assert!(s.store.procedure_links("2.000815").unwrap().book.is_some(), "booked in the catalogue");
    assert!(s.st.booked.iter().any(|c| c == "2.000815"), "{:?}", s.st.booked);
    s.typed("2.000815");
    s.key(KeyCode::Enter);
    s.typed("Lê Thị Hoa");
    tab_to(&mut s, Field::Sets);
    s.key(KeyCode::Tab);
    let f = s.st.intake.as_ref().unwrap();
    assert_eq!(f.procedure.as_ref().map(|p| p.code.as_str()), Some("2.000815"));
    assert!(f.booked);
    assert_eq!(focus(&s), Field::Copies);
    assert!(s.text().contains("Số bản chứng thực 1"), "{}", s.text());
    s.key(KeyCode::Backspace);
    s.typed("3");
    s.key_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    if s.popup().as_deref() == Some("MissingPapers") {
        s.key(KeyCode::Enter);
    }
    let code = s.st.document.as_ref().expect("receipt").job.stem.trim_end_matches("-mau01").to_string();
    drop(s);
    let out = common::run(&db, "head", &["dossier", "show", &code, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["certification"];
    assert_eq!(c["last"].as_u64().unwrap() - c["first"].as_u64().unwrap() + 1, 3, "{v}");
}
