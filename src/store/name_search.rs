//! A name search, read so that a letter costs at most about one walk of the word index:
//! the pending dossiers from their own small index, in the queue's order; the others newest
//! first from the word index, read lazily and stopped as soon as the page (and the count shown,
//! "200+") is known. A walk of the word index is what costs: a rare pair of common words
//! ("dinh bich t") reads the long lists of both to find its few dossiers, so each query is
//! walked once, not once for the pending part, once per tier and once more for the count.
//! Common whole words whose last word starts no name ("nguyen thi b" in the demo: its 55,000
//! "nguyen thi" would be read to the end to learn it) are first asked of the distinct folded
//! names (name_forms, some thousands): none there, none at all, and nothing is walked. The
//! shape that still costs one whole walk: common words whose last word starts a few names.

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::names;
use super::queue::{row, QueueKey, QueueRow, COLUMNS, PENDING};
use super::Store;

/// The three word-index queries of a name: every match (the last word whole or the start of
/// one), the matches with the last word whole, those where it only starts a word.
struct Tiers {
    any: String,
    whole: String,
    start_only: String,
}

fn tiers(words: &[String]) -> Tiers {
    let any = names::fts_query(words);
    let last = words.last().map(String::as_str).unwrap_or_default();
    Tiers { start_only: format!("({any}) NOT \"{last}\""), whole: names::fts_tier(words, true), any }
}

/// The word index's matches, newest first, by id only (the rows are read one by one, as needed).
/// FTS5 reads its lists backward lazily; ORDER BY rowid DESC needs no sort. (Ranges of ids read
/// forward would walk cheaper, but FTS5 finds the start of a range by walking up to it.)
const NEWEST: &str = "SELECT rowid FROM dossier_names WHERE dossier_names MATCH ?1 ORDER BY rowid DESC";
const NEWEST_BEFORE: &str =
    "SELECT rowid FROM dossier_names WHERE dossier_names MATCH ?1 AND rowid < ?2 ORDER BY rowid DESC";

/// Up to this many names with the whole words, a search looks at each name for the last word
/// rather than asking the word index.
const FEW: usize = 1000;

/// A few dossiers (a JSON list of ids), newest first: whether each is pending, and its folded
/// name (cut into words as the word index cuts it, by names::words).
const LOOK: &str = "SELECT d.id, d.status IN ('received', 'in_progress', 'supplement'), d.name_key \
     FROM dossiers d WHERE d.id IN (SELECT value FROM json_each(?1)) ORDER BY d.id DESC";

impl Store {
    /// A page of a name search after `from`, and (read from the top) how many dossiers match,
    /// counted up to `cap`; None when the page did not start at the top of the closed ones.
    pub(super) fn search_name(
        &self,
        words: &[String],
        from: Option<&QueueKey>,
        limit: usize,
        cap: u64,
    ) -> Result<(Vec<QueueRow>, Option<u64>)> {
        let mut rows = match from {
            None => self.pending_named(words, None, limit)?,
            Some(k) if k.sort.starts_with('A') => self.pending_named(words, Some(k), limit)?,
            _ => vec![],
        };
        let q = tiers(words);
        match from {
            Some(k) if k.sort == "B0" => {
                self.closed(&q.whole, Some(k.id), &mut rows, limit)?;
                self.closed(&q.start_only, None, &mut rows, limit)?;
                Ok((rows, None))
            }
            Some(k) if k.sort == "B1" => {
                self.closed(&q.start_only, Some(k.id), &mut rows, limit)?;
                Ok((rows, None))
            }
            _ => {
                let count = self.closed_from_top(words, &q, &mut rows, limit, cap.max(1))?;
                Ok((rows, Some(count)))
            }
        }
    }

    /// The pending dossiers whose name has the words, most urgent first: every pending dossier
    /// read in the queue's order from its own index, which holds the folded name (a few
    /// thousand short entries; no table row is read but for a match).
    fn pending_named(&self, words: &[String], from: Option<&QueueKey>, limit: usize) -> Result<Vec<QueueRow>> {
        if limit == 0 {
            return Ok(vec![]);
        }
        let mut w = vec![PENDING.to_string()];
        let mut p: Vec<rusqlite::types::Value> = vec![];
        for a in names::like_args(words) {
            w.push("instr(' ' || d.name_key || ' ', ?) > 0".into());
            p.push(a.into());
        }
        if let Some(k) = from {
            w.push("(d.sort_due, d.id) > (?, ?)".into());
            p.push(k.sort[1..].to_string().into());
            p.push(k.id.into());
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM dossiers d INDEXED BY dossiers_pending_name \
             JOIN procedures p ON p.code = d.procedure_code \
             WHERE {} ORDER BY d.sort_due, d.id LIMIT {limit}",
            w.join(" AND ")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(p), row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The dossiers, newest first, whose names have every word typed before the last one whole,
    /// when there are at most FEW of them.
    fn few_before_last(&self, words: &[String]) -> Result<Option<Vec<i64>>> {
        let Some((_, before)) = words.split_last().filter(|(_, b)| !b.is_empty()) else { return Ok(None) };
        let sql = format!("{NEWEST} LIMIT {}", FEW + 1);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let ids: Vec<i64> =
            stmt.query_map([names::fts_tier(before, true)], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok((ids.len() <= FEW).then_some(ids))
    }

    /// Whether any dossier's name matches the word-index query `query`, asked of the distinct
    /// folded names (their own small word index; it stops at the first form that matches).
    fn any_form(&self, query: &str) -> Result<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM name_form_words WHERE name_form_words MATCH ?1)";
        Ok(self.conn().prepare_cached(sql)?.query_row([query], |r| r.get(0))?)
    }

    /// Whether any name has this word (one look in the word index's terms).
    fn has_word(&self, word: &str) -> Result<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM dossier_names WHERE dossier_names MATCH ?1)";
        Ok(self.conn().prepare_cached(sql)?.query_row([format!("\"{word}\"")], |r| r.get(0))?)
    }

    /// One dossier's row, by id.
    fn row_by_id(&self, id: i64) -> Result<Option<QueueRow>> {
        let sql =
            format!("SELECT {COLUMNS} FROM dossiers d JOIN procedures p ON p.code = d.procedure_code WHERE d.id = ?1");
        Ok(self.conn().prepare_cached(&sql)?.query_row([id], row).optional()?)
    }

    /// Adds to `page`, newest first (older than `before`), the dossiers not pending that
    /// `query` matches, until the page has `limit` rows or the matches end.
    fn closed(&self, query: &str, before: Option<i64>, page: &mut Vec<QueueRow>, limit: usize) -> Result<()> {
        if page.len() >= limit {
            return Ok(());
        }
        let mut stmt = self.conn().prepare_cached(if before.is_some() { NEWEST_BEFORE } else { NEWEST })?;
        let mut ids = match before {
            Some(b) => stmt.query(rusqlite::params![query, b])?,
            None => stmt.query([query])?,
        };
        while let Some(r) = ids.next()? {
            if let Some(d) = self.row_by_id(r.get(0)?)?.filter(|d| !d.status.is_pending()) {
                page.push(d);
                if page.len() >= limit {
                    break;
                }
            }
        }
        Ok(())
    }

    /// The dossiers not pending, from the top: those with the last word whole, newest first,
    /// then those where it only starts a word. Returns how many dossiers of any status match,
    /// up to `cap`.
    ///
    /// One walk of every match, newest first, sorts the first `cap` of them into the two tiers
    /// as it meets them: when the matches end there, both tiers are whole and so is the count
    /// (the rare names, whose walk is the costly one, are read once). When `cap` matches are met
    /// before the first tier fills the page, each tier reads on from the last one met, from the
    /// matches of its own query (the tiers split the matches, so nothing is skipped or repeated).
    /// Once the page is full, the walk only counts on, by id, up to `cap`.
    fn closed_from_top(
        &self,
        words: &[String],
        q: &Tiers,
        rows: &mut Vec<QueueRow>,
        limit: usize,
        cap: u64,
    ) -> Result<u64> {
        let want = limit.saturating_sub(rows.len());
        let last = words.last().cloned().unwrap_or_default();
        let mut seen: u64 = 0;
        // Few names with the whole words before the last ("dinh bich t"): looking at each of
        // them costs less than walking the word index with the start of the last word, whose
        // list can hold half the names ("t").
        if let Some(ids) = self.few_before_last(words)? {
            let ids = format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
            let mut stmt = self.conn().prepare_cached(LOOK)?;
            let met = stmt.query_map([ids], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?, names::words(&r.get::<_, String>(2)?)))
            })?;
            let (mut first, mut second) = (vec![], vec![]);
            for m in met {
                let (id, pending, name) = m?;
                if !name.iter().any(|w| w.starts_with(last.as_str())) {
                    continue;
                }
                let whole = name.contains(&last);
                seen += 1;
                match (pending, whole) {
                    (true, _) => {}
                    (false, true) => first.push(id),
                    (false, false) => second.push(id),
                }
            }
            for id in first.into_iter().chain(second).take(want) {
                rows.extend(self.row_by_id(id)?);
            }
            return Ok(seen.min(cap));
        }
        // Many names with the whole words before the last: when no distinct name matches
        // ("nguyen thi b"), no dossier does, and the long lists are not walked to learn it.
        if words.len() > 1 && !self.any_form(&q.any)? {
            return Ok(0);
        }
        // When no name has the last word whole ("le van h"), every match is of the second
        // tier: the walk then fills the page as it goes, without sorting what it meets.
        let any_whole = self.has_word(&last)?;
        let whole = |r: &QueueRow| !any_whole || names::words(&r.applicant_name).contains(&last);
        let (mut first, mut second) = (vec![], vec![]);
        let mut last_met = None;
        let mut ended = true;
        {
            let mut stmt = self.conn().prepare_cached(NEWEST)?;
            let mut ids = stmt.query([&q.any])?;
            while let Some(r) = ids.next()? {
                if seen >= cap {
                    ended = false;
                    break;
                }
                let id: i64 = r.get(0)?;
                if first.len() < want {
                    if let Some(d) = self.row_by_id(id)?.filter(|d| !d.status.is_pending()) {
                        if whole(&d) {
                            first.push(d);
                        } else {
                            second.push(d);
                        }
                    }
                }
                seen += 1;
                last_met = Some(id);
            }
        }
        if first.len() < want && !ended {
            // `cap` matches met and the first tier is still short: each tier reads on.
            self.closed(&q.whole, last_met, &mut first, want)?;
            if first.len() < want {
                self.closed(&q.start_only, last_met, &mut second, want - first.len())?;
            }
        }
        rows.extend(first.into_iter().chain(second).take(want));
        Ok(seen)
    }
}
