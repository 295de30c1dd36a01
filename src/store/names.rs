//! The word index of applicants' names (SQLite FTS5 over the folded name): any word of a name
//! finds it ("oanh", "thi oanh"), the last word typed as the start of one. Kept by triggers on
//! every path that writes a dossier; the demo's bulk load adds each batch's names at once instead.
//! Prefixes of 1 to 6 letters are indexed (a Vietnamese syllable has at most 7), so the word
//! being typed is always one doclist, read lazily newest first.

use rusqlite::Connection;

/// The index and its triggers (the migration runs it; the bulk load runs the triggers again).
pub(super) const TRIGGERS: &str = r#"
CREATE TRIGGER IF NOT EXISTS dossier_names_ai AFTER INSERT ON dossiers BEGIN
    INSERT INTO dossier_names(rowid, name_key) VALUES (new.id, new.name_key);
END;
CREATE TRIGGER IF NOT EXISTS dossier_names_ad AFTER DELETE ON dossiers BEGIN
    INSERT INTO dossier_names(dossier_names, rowid, name_key) VALUES ('delete', old.id, old.name_key);
END;
CREATE TRIGGER IF NOT EXISTS dossier_names_au AFTER UPDATE OF name_key ON dossiers BEGIN
    INSERT INTO dossier_names(dossier_names, rowid, name_key) VALUES ('delete', old.id, old.name_key);
    INSERT INTO dossier_names(rowid, name_key) VALUES (new.id, new.name_key);
END;
"#;

/// The distinct folded names and how many dossiers have each (`name_forms`, made by the
/// migration NAME_FORMS with its own word index `name_form_words`, kept there by triggers on
/// name_forms): a search of common words asks these few thousand forms first whether any name
/// matches at all, instead of walking the long lists of dossier_names to the end to learn it
/// does not ("nguyen thi b"). A form no dossier has any more is deleted.
pub(super) const FORM_TRIGGERS: &str = r#"
CREATE TRIGGER IF NOT EXISTS name_forms_ai AFTER INSERT ON dossiers BEGIN
    INSERT INTO name_forms(name_key, n) VALUES (new.name_key, 1) ON CONFLICT(name_key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS name_forms_ad AFTER DELETE ON dossiers BEGIN
    UPDATE name_forms SET n = n - 1 WHERE name_key = old.name_key;
    DELETE FROM name_forms WHERE name_key = old.name_key AND n <= 0;
END;
CREATE TRIGGER IF NOT EXISTS name_forms_au AFTER UPDATE OF name_key ON dossiers WHEN old.name_key IS NOT new.name_key BEGIN
    UPDATE name_forms SET n = n - 1 WHERE name_key = old.name_key;
    DELETE FROM name_forms WHERE name_key = old.name_key AND n <= 0;
    INSERT INTO name_forms(name_key, n) VALUES (new.name_key, 1) ON CONFLICT(name_key) DO UPDATE SET n = n + 1;
END;
"#;

/// A batch's forms at once, for the dossiers `?1..=?2` written with the row triggers suspended
/// (the new forms' words go to name_form_words by name_forms' own trigger).
pub(super) const ADD_FORMS: &str = "INSERT INTO name_forms(name_key, n)
     SELECT name_key, count(*) FROM dossiers WHERE id BETWEEN ?1 AND ?2 GROUP BY name_key
     ON CONFLICT(name_key) DO UPDATE SET n = n + excluded.n";

/// The triggers of both word indexes (dossiers' names and their distinct forms).
pub(super) fn create_triggers(c: &Connection) -> rusqlite::Result<()> {
    c.execute_batch(TRIGGERS)?;
    c.execute_batch(FORM_TRIGGERS)
}

pub(super) fn drop_triggers(c: &Connection) -> rusqlite::Result<()> {
    c.execute_batch(
        "DROP TRIGGER IF EXISTS dossier_names_ai; DROP TRIGGER IF EXISTS dossier_names_ad;
         DROP TRIGGER IF EXISTS dossier_names_au; DROP TRIGGER IF EXISTS name_forms_ai;
         DROP TRIGGER IF EXISTS name_forms_ad; DROP TRIGGER IF EXISTS name_forms_au;",
    )
}

/// The folded names whose count in name_forms differs from a count of the dossiers that have
/// them (`motcua check`): a search might then wrongly find no name.
pub(super) fn form_problems(c: &Connection) -> rusqlite::Result<Vec<String>> {
    let off: i64 = c.query_row(
        "SELECT count(*) FROM (SELECT name_key, count(*) AS n FROM dossiers GROUP BY name_key) d
         FULL JOIN name_forms f USING (name_key) WHERE d.n IS NOT f.n",
        [],
        |r| r.get(0),
    )?;
    Ok(if off > 0 { vec![format!("{off} folded names counted wrong in name_forms")] } else { vec![] })
}

/// The words of a name search, folded: letters and digits only (FTS5 syntax cannot sneak in).
pub(super) fn words(text: &str) -> Vec<String> {
    crate::domain::text::fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The FTS5 query: every word whole, the last one also as the start of a word (typing runs
/// ahead of the name).
pub(super) fn fts_query(words: &[String]) -> String {
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| if i + 1 == n { format!("\"{w}\"*") } else { format!("\"{w}\"") })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The FTS5 query with every word whole (the first tier of a name search).
pub(super) fn fts_tier(words: &[String], exact: bool) -> String {
    match exact {
        true => words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" "),
        false => fts_query(words),
    }
}

/// The same match on the folded name column, for the pending dossiers read in due order:
/// the arguments are " word " (whole) and " last" (start of a word) against " name ".
pub(super) fn like_args(words: &[String]) -> Vec<String> {
    let n = words.len();
    words.iter().enumerate().map(|(i, w)| if i + 1 == n { format!(" {w}") } else { format!(" {w} ") }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_only_letters_and_digits() {
        let w = words("Thị  \"Oanh*");
        assert_eq!(w, ["thi", "oanh"]);
        assert_eq!(fts_query(&w), "\"thi\" \"oanh\"*");
        assert_eq!(like_args(&w), [" thi ", " oanh"]);
        assert_eq!(fts_tier(&w, true), "\"thi\" \"oanh\"");
        assert!(words("*[?").is_empty());
    }
}
