//! Full-text search over claim texts with the FTS5 index `claims_fts`, ranked by bm25: words
//! by their Porter stem in the text, figures by their normalised value in `value_key`.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::{Error, Result};
use crate::model::Status;

/// Marks `highlight()` puts around each matched phrase; control characters cannot occur in a
/// claim's words, so renderers can replace them with brackets, bold or `<mark>`.
pub const HIGHLIGHT_START: char = '\u{2}';
pub const HIGHLIGHT_END: char = '\u{3}';

/// How many matching claims `search` ranks: the newest this many. A word that a fifth of a
/// million-claim archive contains cannot be ranked in full within a tenth of a second (bm25
/// reads each hit's sizes and positions); a checker narrows such a search with more words or
/// `--status`, and among that many the newest are the ones a desk works on.
pub const RANKED_HITS: i64 = 50_000;

/// One claim found by `search`.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub claim_id: i64,
    /// The claim text with each match between `HIGHLIGHT_START` and `HIGHLIGHT_END`.
    pub highlighted: String,
    /// bm25 relevance, higher is better (SQLite's bm25 is negated so that smaller sorts first).
    pub relevance: f64,
}

impl Store {
    /// Claims whose text has every word of `query` (by stem) and that give every figure of
    /// `figures` (normalised as `matching::value_key` stores them), best first among the
    /// newest `RANKED_HITS` such claims. Each word is
    /// searched for literally (quotes, `-`, `:` are not FTS5 syntax here), except that a
    /// trailing `*` asks for words starting with it.
    pub fn search(
        &self,
        query: &str,
        figures: &[String],
        status: Option<Status>,
        limit: u32,
    ) -> Result<Vec<Found>> {
        let Some(fts_query) = fts_query(query, figures) else {
            return Err(Error::Invalid(format!(
                "the query '{query}' has no words to search for"
            )));
        };
        let status = status.map(Status::as_str);
        // One snapshot for the three steps, so that a claim added meanwhile cannot shift them.
        let snapshot = self.connection.unchecked_transaction()?;
        let floor = self.ranking_floor(&fts_query, status)?;
        let ranked = self.ranked(&fts_query, status, floor, limit)?;
        let mut highlight = self.connection.prepare_cached(
            "SELECT highlight(claims_fts, 0, char(2), char(3)) FROM claims_fts
             WHERE claims_fts MATCH ?1 AND rowid = ?2",
        )?;
        let mut found = Vec::with_capacity(ranked.len());
        for (claim_id, bm25) in ranked {
            found.push(Found {
                claim_id,
                highlighted: highlight.query_row(params![fts_query, claim_id], |row| row.get(0))?,
                relevance: -bm25,
            });
        }
        drop(highlight);
        snapshot.commit()?;
        if !figures.is_empty() {
            for hit in &mut found {
                let values = super::claims::read_values(&self.connection, hit.claim_id)?;
                hit.highlighted = highlight_figures(&hit.highlighted, &values, figures);
            }
        }
        Ok(found)
    }
}

impl Store {
    /// The smallest claim id among the newest `RANKED_HITS` claims that match, or 0 when
    /// fewer match: ranking reads every ranked hit's sizes and positions, which on a word in a
    /// fifth of a million claims took 140 ms, the newest 50,000 of them 32 ms.
    fn ranking_floor(&self, fts_query: &str, status: Option<&str>) -> Result<i64> {
        let sql = match status {
            None => {
                "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2"
            }
            Some(_) => {
                "SELECT claims_fts.rowid FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
                 WHERE claims_fts MATCH ?1 AND c.status = ?3
                 ORDER BY claims_fts.rowid DESC LIMIT 1 OFFSET ?2"
            }
        };
        let mut statement = self.connection.prepare_cached(sql)?;
        let mut bound = vec![
            rusqlite::types::Value::Text(fts_query.into()),
            rusqlite::types::Value::Integer(RANKED_HITS - 1),
        ];
        bound.extend(status.map(|s| rusqlite::types::Value::Text(s.into())));
        let floor = statement
            .query_row(rusqlite::params_from_iter(bound), |row| row.get(0))
            .optional()?;
        Ok(floor.unwrap_or(0))
    }

    /// The best `limit` hits from `floor` up, with their bm25 (smaller is better), claim id
    /// breaking ties. Only ids and scores: highlighting every hit before keeping the best
    /// twenty doubled the time.
    fn ranked(
        &self,
        fts_query: &str,
        status: Option<&str>,
        floor: i64,
        limit: u32,
    ) -> Result<Vec<(i64, f64)>> {
        let sql = match status {
            None => {
                "SELECT rowid, bm25(claims_fts) FROM claims_fts
                 WHERE claims_fts MATCH ?1 AND rowid >= ?2
                 ORDER BY bm25(claims_fts), rowid LIMIT ?3"
            }
            Some(_) => {
                "SELECT claims_fts.rowid, bm25(claims_fts)
                 FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
                 WHERE claims_fts MATCH ?1 AND claims_fts.rowid >= ?2 AND c.status = ?4
                 ORDER BY bm25(claims_fts), claims_fts.rowid LIMIT ?3"
            }
        };
        let mut statement = self.connection.prepare_cached(sql)?;
        let mut bound = vec![
            rusqlite::types::Value::Text(fts_query.into()),
            rusqlite::types::Value::Integer(floor),
            rusqlite::types::Value::Integer(i64::from(limit)),
        ];
        bound.extend(status.map(|s| rusqlite::types::Value::Text(s.into())));
        let rows = statement.query_map(rusqlite::params_from_iter(bound), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Mark, in a claim text already highlighted by FTS5, the figures the query asked for: FTS5
/// found them in `value_key`, so it could not mark them where the text writes them.
fn highlight_figures(
    highlighted: &str,
    values: &[crate::model::Value],
    figures: &[String],
) -> String {
    let mut out = highlighted.to_string();
    for value in values {
        let normalised = crate::matching::normalise_figure(std::slice::from_ref(value));
        if !normalised.iter().any(|n| figures.contains(n)) {
            continue;
        }
        // The figure as written, or its first word when FTS5 already marked its unit.
        let first_word = value.text.split_whitespace().next().unwrap_or_default();
        for written in [value.text.as_str(), first_word] {
            if let Some(at) = out.find(written).filter(|_| !written.is_empty()) {
                let end = at + written.len();
                out = format!(
                    "{}{HIGHLIGHT_START}{written}{HIGHLIGHT_END}{}",
                    &out[..at],
                    &out[end..]
                );
                break;
            }
        }
    }
    out
}

/// Turn what a user typed into an FTS5 query that cannot be a syntax error: every word is a
/// quoted string (inner quotes doubled) searched in the text, every figure a quoted string
/// searched in `value_key`; words without a letter or digit are dropped (FTS5 would find
/// nothing in them), and a trailing `*` becomes a prefix search. None when nothing is left.
pub(crate) fn fts_query(query: &str, figures: &[String]) -> Option<String> {
    let quote = |word: &str| format!("\"{}\"", word.replace('"', "\"\""));
    let mut terms: Vec<String> = query
        .split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(stem) => (stem.trim_end_matches('*'), true),
                None => (word, false),
            };
            if !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            let quoted = quote(word);
            Some(format!(
                "text : {}",
                if prefix { quoted + "*" } else { quoted }
            ))
        })
        .collect();
    terms.extend(figures.iter().map(|f| format!("value_key : {}", quote(f))));
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn every_word_is_quoted_so_fts_syntax_is_literal() {
        let cases = [
            ("troops", Some(r#"text : "troops""#)),
            (r#"say "no""#, Some(r#"text : "say" text : """no""""#)),
            ("-troops NOT:x", Some(r#"text : "-troops" text : "NOT:x""#)),
            ("troo*", Some(r#"text : "troo"*"#)),
            ("- : * \"", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fts_query(input, &[]).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn figures_are_searched_in_their_normalised_form() {
        assert_eq!(
            fts_query("troops", &["28500".into()]).as_deref(),
            Some(r#"text : "troops" value_key : "28500""#)
        );
        assert_eq!(
            fts_query("", &["28500".into()]).as_deref(),
            Some(r#"value_key : "28500""#)
        );
    }
}
