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
