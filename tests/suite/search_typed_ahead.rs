//! Typing runs ahead of the worker: the answer to an older text that comes back late is
//! dropped, never drawn over the answer to the text in the box.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use motcua::tui::effects::{execute, Effect};
use motcua::tui::update::{update, Input};

use crate::screens::{demo_db, Screen};

#[test]
fn a_late_answer_to_an_older_search_is_not_drawn() {
    let (_d, db) = demo_db(600);
    let mut s = Screen::open(&db, "lan");
    s.key(KeyCode::Char('/'));
    let press = |s: &mut Screen, c: char| -> Vec<Effect> {
        update(&mut s.st, Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
    };
    let older = press(&mut s, 'n');
    let newer = press(&mut s, 'g');
    assert!(older.iter().any(|e| matches!(e, Effect::Search { text, .. } if text == "n")), "{older:?}");
    // The newer answer first, then the older one, late.
    for fx in [newer, older] {
        for e in fx {
            for m in execute(&mut s.store, "lan", e, s.now) {
                update(&mut s.st, Input::Msg(m));
            }
        }
    }
    let se = s.st.queue.search.as_ref().unwrap();
    assert_eq!(se.answered, "ng");
    let shown: Vec<String> = se.list.rows.iter().map(|r| r.code.clone()).collect();
    let want: Vec<String> =
        s.store.search("ng", None, se.list.rows.len().max(1)).unwrap().into_iter().map(|r| r.code).collect();
    assert_eq!(shown, want);
    // The older answer is another list: drawn, it would have replaced this one.
    let n_page: Vec<String> = s.store.search("n", None, shown.len()).unwrap().into_iter().map(|r| r.code).collect();
    assert_ne!(n_page, shown);
}
