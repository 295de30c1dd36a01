//! `motcua dossier find`: a name typed with or without diacritics, a code, a phone or an ID.

use crate::foundation;

use foundation::{motcua, ok};

const NOW: &str = "2024-03-04T09:00:00+07:00";

#[test]
fn find_by_name_with_or_without_diacritics_code_and_phone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let mut codes = vec![];
    for (name, phone) in [
        ("Nguyễn Văn An", "0912000001"),
        ("Nguyen Van Binh", "0912000002"),
        ("Nguyễn Thị Cúc", "0912000003"),
        ("Đặng Văn Dũng", "0987000004"),
    ] {
        let out = ok(&db, NOW, &["dossier", "add", "--procedure", "2.000815", "--name", name, "--phone", phone]);
        codes.push(out.lines().last().unwrap().to_string());
    }
    let find = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec!["dossier", "find"];
        all.extend_from_slice(args);
        ok(&db, NOW, &all).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    };
    let names = |rows: &[Vec<String>]| rows.iter().map(|r| r[1].clone()).collect::<Vec<_>>();

    // Each line: code, name, status, due date.
    let rows = find(&["nguyen van"]);
    assert_eq!(names(&rows), ["Nguyễn Văn An", "Nguyen Van Binh"]);
    assert_eq!(rows[0], [codes[0].as_str(), "Nguyễn Văn An", "received", "2024-03-04"]);
    // All pending and due the same day: in the order they came in.
    assert_eq!(names(&find(&["NGUYỄN"])), ["Nguyễn Văn An", "Nguyen Van Binh", "Nguyễn Thị Cúc"]);
    assert_eq!(names(&find(&["dang van"])), ["Đặng Văn Dũng"]);
    assert_eq!(names(&find(&["nguyen", "--limit", "1"])), ["Nguyễn Văn An"]);
    assert_eq!(names(&find(&["cuc"])), ["Nguyễn Thị Cúc"], "a word inside the name");
    assert_eq!(names(&find(&["+84 987 000 004"])), ["Đặng Văn Dũng"]);
    assert_eq!(names(&find(&["0912.000.003"])), ["Nguyễn Thị Cúc"]);
    assert_eq!(names(&find(&["0987"])), ["Đặng Văn Dũng"]);
    assert_eq!(names(&find(&[&codes[2]])), ["Nguyễn Thị Cúc"]);
    assert!(find(&["trần"]).is_empty());
    // Pattern characters typed by mistake are dropped, not read as a pattern.
    assert!(motcua(&db, NOW, &["dossier", "find", "*[?"]).status.success());
}

/// The pending dossiers of a name come first, most urgent first, then the others newest
/// first; paging by key neither skips nor repeats.
#[test]
fn a_name_lists_the_pending_first_and_pages_whole() {
    let (_dir, mut store) = foundation::office();
    let mut made = vec![];
    for (i, name) in
        ["Lê Thị Hoa", "Lê Thị Hoà", "Lê Thị Hoa", "Lê Thanh Hải", "Lê Thị Hoa", "Lê Thị Hồng"].iter().enumerate()
    {
        let at = foundation::at(&format!("2024-03-0{} 09:00", i + 1));
        let nd = foundation::new_dossier("2.000815", name, motcua::domain::dossier::Channel::InPerson);
        made.push((store.add_dossier("lan", &nd, at).unwrap(), *name));
    }
    // The first one is returned: no longer pending, it goes after the pending ones.
    let returned = &made[0].0;
    let done = foundation::at("2024-03-01 10:00");
    for to in [
        motcua::domain::status::Status::InProgress,
        motcua::domain::status::Status::Ready,
        motcua::domain::status::Status::Returned,
    ] {
        let d = store.dossier(&returned.code).unwrap().unwrap();
        store.move_dossier(foundation::HEAD, &d.code, None, to, &Default::default(), done).unwrap();
    }
    let first = store.search("le thi hoa", None, 10).unwrap();
    let hoa: Vec<i64> = first.iter().map(|r| r.id).collect();
    // Pending, by due date (received 03/03 then 05/03), then the returned one.
    let want = vec![made[1].0.id, made[2].0.id, made[4].0.id, made[0].0.id];
    assert_eq!(hoa, want, "same name (with or without the tone mark on a)");
    // Two at a time through everything with a word starting "t" after "le".
    let all = store.search("le t", None, 100).unwrap();
    let mut paged = vec![];
    let mut after = None;
    loop {
        let page = store.search("le t", after.as_ref(), 2).unwrap();
        let Some(last) = page.last() else { break };
        after = Some(motcua::store::Store::search_key("le t", last));
        paged.extend(page.into_iter().map(|r| r.id));
    }
    assert_eq!(paged, all.iter().map(|r| r.id).collect::<Vec<_>>());
    assert_eq!(paged.len(), 6);
}

/// What a citizen says at the counter: a given name, the middle and given names, a phone
/// with the country code.
#[test]
fn any_part_of_a_name_finds_it() {
    let (_dir, mut store) = foundation::office();
    let at = foundation::at("2024-03-04 09:00");
    for name in ["Nguyễn Thị Oanh", "Trần Phương Yến", "Lê Văn Thịnh", "Hoàng Oanh"] {
        let nd = foundation::new_dossier("2.000815", name, motcua::domain::dossier::Channel::InPerson);
        store.add_dossier("lan", &nd, at).unwrap();
    }
    let names = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = store.search(q, None, 20).unwrap().into_iter().map(|r| r.applicant_name).collect();
        v.sort();
        v
    };
    assert_eq!(names("oanh"), ["Hoàng Oanh", "Nguyễn Thị Oanh"]);
    assert_eq!(names("thi oanh"), ["Nguyễn Thị Oanh"]);
    assert_eq!(names("phuong yen"), ["Trần Phương Yến"]);
    assert_eq!(names("phuong ye"), ["Trần Phương Yến"], "the last word as it is being typed");
    assert_eq!(names("thi"), ["Lê Văn Thịnh", "Nguyễn Thị Oanh"], "a word, or the start of one");
    assert!(names("oan h").is_empty(), "words are whole but the last");
    assert_eq!(store.search_count("oanh", 1000).unwrap(), 2);
}

/// Among the dossiers no longer pending, a name with the last word typed whole comes before
/// one where it only starts a word ("hoa" before "Hoàng"), each newest first.
#[test]
fn a_whole_word_ranks_before_the_start_of_one() {
    let (_dir, mut store) = foundation::office();
    let mut ids = vec![];
    for (i, name) in ["Nguyễn Thị Hoa", "Hoàng Thị Nga", "Trần Thị Hoa"].iter().enumerate() {
        let at = foundation::at(&format!("2024-03-0{} 09:00", i + 1));
        let nd = foundation::new_dossier("2.000815", name, motcua::domain::dossier::Channel::InPerson);
        let d = store.add_dossier("lan", &nd, at).unwrap();
        for to in [
            motcua::domain::status::Status::InProgress,
            motcua::domain::status::Status::Ready,
            motcua::domain::status::Status::Returned,
        ] {
            store.move_dossier(foundation::HEAD, &d.code, None, to, &Default::default(), at).unwrap();
        }
        ids.push(d.id);
    }
    let found: Vec<i64> = store.search("thi hoa", None, 10).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(found, [ids[2], ids[0], ids[1]]);
    // One at a time, the same order.
    let mut paged = vec![];
    let mut after = None;
    while let Some(r) = store.search("thi hoa", after.as_ref(), 1).unwrap().pop() {
        after = Some(motcua::store::Store::search_key("thi hoa", &r));
        paged.push(r.id);
    }
    assert_eq!(paged, found);
}

/// The pending part of a name search against a second reading: the whole queue in its own
/// order, filtered by the words here (every word whole, the last also as the start of one).
/// "n" starts the names of more than 2000 dossiers (read by walking the pending ones); the
/// others are rarer (read from the word index, the pending ones kept).
#[test]
fn the_pending_part_of_a_name_search_is_the_queue_filtered_by_name() {
    let (_d, db) = crate::screens::demo_db(4500);
    let store = motcua::store::Store::open(&db).unwrap();
    let queue = store
        .queue_page(&motcua::store::QueueFilter::default(), None, motcua::store::Direction::Forward, 100_000)
        .unwrap();
    assert!(queue.len() > 50, "{} pending", queue.len());
    assert!(store.search_count("n", 5000).unwrap() > 2000, "the common case is met");
    let words = |s: &str| -> Vec<String> {
        motcua::domain::text::fold(s)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    for q in ["n", "thi", "nguyen thi", "thi oanh", "hoang ngoc o", "tran", "phuong yen"] {
        let typed = words(q);
        let (last, whole) = typed.split_last().unwrap();
        let want: Vec<i64> = queue
            .iter()
            .filter(|r| {
                let name = words(&r.applicant_name);
                whole.iter().all(|w| name.contains(w)) && name.iter().any(|w| w.starts_with(last.as_str()))
            })
            .map(|r| r.id)
            .take(30)
            .collect();
        let got: Vec<i64> =
            store.search(q, None, 30).unwrap().into_iter().filter(|r| r.status.is_pending()).map(|r| r.id).collect();
        assert_eq!(got, want, "{q}");
    }
}
