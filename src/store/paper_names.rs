//! The papers a dossier came with, stored compactly: each name once in `paper_names`, each
//! dossier row a short JSON list `[[name id, original 0/1, count], …]` (about 30 bytes instead
//! of about 350), where a copy of one set is just its name id (`[4,[5,1,1],6]`: issue 14, most
//! papers are; about 8 bytes). Reading rebuilds the full list in SQL ([`PAPERS_JSON`]), so every
//! query that reads a dossier gets the papers as before, and rows from before either change (a
//! JSON list of objects, or of triples only) are read as they are.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

use crate::domain::dossier::Paper;

/// A SELECT expression giving `d.papers` as the JSON list of `Paper`s, old rows or new.
pub const PAPERS_JSON: &str = "CASE WHEN d.papers NOT LIKE '[{%' THEN (SELECT json_group_array(json_object( \
       'name', n.name, \
       'original', json(CASE WHEN j.type = 'array' AND j.value ->> 1 THEN 'true' ELSE 'false' END), \
       'count', CASE WHEN j.type = 'array' THEN j.value ->> 2 ELSE 1 END)) \
     FROM json_each(d.papers) j \
     CROSS JOIN paper_names n ON n.id = CASE WHEN j.type = 'array' THEN j.value ->> 0 ELSE j.value END) \
   ELSE d.papers END";

/// The id of a paper name, added to the list the first time it is seen. `known` remembers
/// the ids looked up on this connection (names are never changed or deleted).
fn name_id(conn: &Connection, known: &mut HashMap<String, i64>, name: &str) -> Result<i64> {
    if let Some(id) = known.get(name) {
        return Ok(*id);
    }
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM paper_names WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            conn.prepare_cached("INSERT INTO paper_names(name) VALUES (?1)")?.execute([name])?;
            conn.last_insert_rowid()
        }
    };
    known.insert(name.to_string(), id);
    Ok(id)
}

/// `papers` as stored in a new dossier row, inside the caller's write transaction.
/// `known` must not outlive a transaction that was rolled back (its new ids are gone then).
pub fn compact(conn: &Connection, known: &mut HashMap<String, i64>, papers: &[Paper]) -> Result<String> {
    let mut out = String::from("[");
    for (i, p) in papers.iter().enumerate() {
        let id = name_id(conn, known, &p.name)?;
        if i > 0 {
            out.push(',');
        }
        match (p.original, p.count) {
            (false, 1) => out.push_str(&id.to_string()),
            _ => out.push_str(&format!("[{id},{},{}]", u8::from(p.original), p.count)),
        }
    }
    out.push(']');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(name: &str, original: bool, count: u32) -> Paper {
        Paper { name: name.into(), original, count }
    }

    /// What goes in comes out, in order, for new rows; an old row's JSON is read unchanged.
    #[test]
    fn papers_come_back_as_they_were_given() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE paper_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
             CREATE TABLE dossiers (id INTEGER PRIMARY KEY, papers TEXT NOT NULL);",
        )
        .unwrap();
        let given = vec![paper("Tờ khai đăng ký khai sinh", true, 1), paper("Giấy chứng sinh", false, 2)];
        let second = vec![paper("Giấy chứng sinh", true, 1), paper("Sổ hộ khẩu \"cũ\"", false, 1)];
        let mut known = HashMap::new();
        for papers in [&given, &second, &vec![]] {
            let stored = compact(&conn, &mut known, papers).unwrap();
            conn.execute("INSERT INTO dossiers(papers) VALUES (?1)", [&stored]).unwrap();
        }
        let old = r#"[{"name":"Bản sao","original":false,"count":3}]"#;
        conn.execute("INSERT INTO dossiers(papers) VALUES (?1)", [old]).unwrap();
        // As rows written between the two changes keep it: every paper a triple.
        conn.execute("INSERT INTO dossiers(papers) VALUES ('[[2,0,1],[1,1,1]]')", []).unwrap();
        let read: Vec<Vec<Paper>> = conn
            .prepare(&format!("SELECT {PAPERS_JSON} FROM dossiers d ORDER BY id"))
            .unwrap()
            .query_map([], |r| Ok(serde_json::from_str(&r.get::<_, String>(0)?).unwrap()))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let triples = vec![paper("Giấy chứng sinh", false, 1), paper("Tờ khai đăng ký khai sinh", true, 1)];
        assert_eq!(read, vec![given, second.clone(), vec![], vec![paper("Bản sao", false, 3)], triples]);
        // One set of a copy is its name id alone; anything else keeps the triple.
        let stored = compact(&conn, &mut known, &second).unwrap();
        assert_eq!(stored, "[[2,1,1],3]");
        // Each name once.
        let names: i64 = conn.query_row("SELECT count(*) FROM paper_names", [], |r| r.get(0)).unwrap();
        assert_eq!(names, 3);
    }
}
