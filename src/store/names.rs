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

pub(super) fn drop_triggers(c: &Connection) -> rusqlite::Result<()> {
    c.execute_batch(
        "DROP TRIGGER IF EXISTS dossier_names_ai; DROP TRIGGER IF EXISTS dossier_names_ad;
         DROP TRIGGER IF EXISTS dossier_names_au;",
    )
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
