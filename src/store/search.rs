//! Full-text search over claim texts with the FTS5 index `claims_fts`, ranked by bm25: words
//! by their Porter stem in the text, figures by their normalised value in `value_key`.

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
    /// Claims whose text has every word of `query` (by stem) and that give every figure of
    /// `figures` (normalised as `matching::value_key` stores them), best first. Each word is
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
        let mut found = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if !figures.is_empty() {
            for hit in &mut found {
                let values = super::claims::read_values(&self.connection, hit.claim_id)?;
                hit.highlighted = highlight_figures(&hit.highlighted, &values, figures);
            }
        }
        Ok(found)
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
