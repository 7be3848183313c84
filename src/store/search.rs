//! Full-text search over claim texts with the FTS5 index `claims_fts`, ranked by bm25.

use rusqlite::params;

use super::Store;
use crate::error::{Error, Result};
use crate::model::Status;

/// Marks `highlight()` puts around each matched phrase; control characters cannot occur in a
/// claim's words, so renderers can replace them with brackets, bold or `<mark>`.
pub const HIGHLIGHT_START: char = '\u{2}';
pub const HIGHLIGHT_END: char = '\u{3}';

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
    /// Claims whose text contains every word of `query`, best first. Each word is searched for
    /// literally (quotes, `-`, `:` are not FTS5 syntax here), except that a trailing `*` asks
    /// for words starting with it.
    pub fn search(&self, query: &str, status: Option<Status>, limit: u32) -> Result<Vec<Found>> {
        let Some(fts_query) = fts_query(query) else {
            return Err(Error::Invalid(format!(
                "the query '{query}' has no words to search for"
            )));
        };
        let mut statement = self.connection.prepare_cached(
            "SELECT c.id, highlight(claims_fts, 0, char(2), char(3)), bm25(claims_fts)
             FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
             WHERE claims_fts MATCH ?1 AND (?2 IS NULL OR c.status = ?2)
             ORDER BY bm25(claims_fts), c.id LIMIT ?3",
        )?;
        let rows = statement.query_map(
            params![fts_query, status.map(Status::as_str), i64::from(limit)],
            |row| {
                Ok(Found {
                    claim_id: row.get(0)?,
                    highlighted: row.get(1)?,
                    relevance: -row.get::<_, f64>(2)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Turn what a user typed into an FTS5 query that cannot be a syntax error: every word is a
/// quoted string (inner quotes doubled), words without a letter or digit are dropped (FTS5
/// would find nothing in them), and a trailing `*` becomes a prefix search. None when no word
/// is left.
pub(crate) fn fts_query(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(stem) => (stem.trim_end_matches('*'), true),
                None => (word, false),
            };
            if !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            let quoted = format!("\"{}\"", word.replace('"', "\"\""));
            Some(if prefix { quoted + "*" } else { quoted })
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn every_word_is_quoted_so_fts_syntax_is_literal() {
        let cases = [
            ("troops", Some(r#""troops""#)),
            ("28,500 troops", Some(r#""28,500" "troops""#)),
            (r#"say "no""#, Some(r#""say" """no""""#)),
            ("-troops NOT:x", Some(r#""-troops" "NOT:x""#)),
            ("troo*", Some(r#""troo"*"#)),
            ("- : * \"", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fts_query(input).as_deref(), expected, "{input}");
        }
    }
}
