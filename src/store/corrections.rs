//! Corrections a desk makes to what was stored: a claim the extractor missed (`claim add`)
//! and an article's details (`article edit`), each written with the event that records it.

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::error::{Error, Result};
use crate::model::{ArticleEvent, Value};

use super::NewClaim;

/// Each claim's values, found again against a new reference date.
pub type ResolvedValues = Vec<(i64, Vec<Value>)>;

/// Corrections to an article's details; `None` leaves a field as it is, and for the URL and
/// outlet `Some(None)` removes it.
#[derive(Debug, Clone, Default)]
pub struct ArticleEdit {
    pub title: Option<String>,
    pub url: Option<Option<String>>,
    pub outlet: Option<Option<String>>,
    /// The new publication date, with each claim's values resolved again against it.
    pub published: Option<(String, ResolvedValues)>,
    pub note: Option<String>,
}

impl Store {
    /// Store a claim a checker found by hand, with an 'added' event naming who added it.
    /// Refused when a claim of the article already has exactly this span.
    pub fn add_claim(
        &mut self,
        article_id: i64,
        claim: &NewClaim,
        by: &str,
        at: &str,
    ) -> Result<i64> {
        self.article(article_id)?;
        let transaction = self.write()?;
        let existing: Option<i64> = transaction
            .query_row(
                "SELECT id FROM claims WHERE article_id = ?1 AND start = ?2 AND end = ?3",
                params![article_id, claim.start as i64, claim.end as i64],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Err(Error::Invalid(format!(
                "claim {id} already is this passage: `claimtrack mark {id} unverified` reopens it if it was dismissed"
            )));
        }
        let position: i64 = transaction.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM claims WHERE article_id = ?1",
            [article_id],
            |row| row.get(0),
        )?;
        let value_key = crate::matching::value_key(&claim.values);
        transaction.execute(
            "INSERT INTO claims (article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at, value_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'unverified', ?10, ?11)",
            params![
                article_id,
                position,
                claim.text,
                claim.start as i64,
                claim.end as i64,
                claim.kind.as_str(),
                super::kinds_to_sql(&claim.kinds),
                claim.score,
                claim.speaker,
                at,
                value_key
            ],
        )?;
        let claim_id = transaction.last_insert_rowid();
        super::claims::count_new_claims(&transaction, article_id, 1)?;
        super::claims::insert_values(&transaction, claim_id, &claim.values)?;
        // Searchable at once, matched with the claims of other articles, and a candidate for
        // the matching of articles added later.
        super::candidates::match_claims_after(&transaction, claim_id - 1)?;
        transaction.execute(
            "INSERT INTO events (claim_id, action, at, by, from_status, to_status, note)
             VALUES (?1, 'added', ?2, ?3, 'unverified', 'unverified', 'added by hand: the extractor missed it')",
            params![claim_id, at, by],
        )?;
        transaction.commit()?;
        Ok(claim_id)
    }

    /// Apply corrections to an article, one event per field that changes; a new publication
    /// date also becomes the reference date, and the claims' values are replaced by the ones
    /// resolved against it. Returns the events written (none when nothing changed).
    pub fn edit_article(
        &mut self,
        article_id: i64,
        edit: &ArticleEdit,
        by: &str,
        at: &str,
    ) -> Result<Vec<ArticleEvent>> {
        let article = self.article(article_id)?;
        let transaction = self.write()?;
        let mut written = Vec::new();
        let mut record = |field: &str, from: Option<&str>, to: Option<&str>| -> Result<()> {
            if from == to {
                return Ok(());
            }
            let column = match field {
                "title" => "title",
                "url" => "url",
                "outlet" => "outlet",
                _ => "published",
            };
            transaction.execute(
                &format!("UPDATE articles SET {column} = ?2 WHERE id = ?1"),
                params![article_id, to],
            )?;
            transaction.execute(
                "INSERT INTO article_events (article_id, field, old_value, new_value, at, by, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![article_id, field, from, to, at, by, edit.note],
            )?;
            written.push(ArticleEvent {
                id: transaction.last_insert_rowid(),
                field: field.to_string(),
                from: from.map(str::to_string),
                to: to.map(str::to_string),
                at: at.to_string(),
                by: by.to_string(),
                note: edit.note.clone(),
            });
            Ok(())
        };
        if let Some(title) = &edit.title {
            record("title", Some(&article.title), Some(title))?;
        }
        if let Some(url) = &edit.url {
            record("url", article.url.as_deref(), url.as_deref())?;
        }
        if let Some(outlet) = &edit.outlet {
            record("outlet", article.outlet.as_deref(), outlet.as_deref())?;
        }
        if let Some((published, values)) = &edit.published {
            record("published", article.published.as_deref(), Some(published))?;
            // Also when only the reference date was wrong (found in the text, or missing).
            if article.reference_date.as_deref() != Some(published.as_str()) {
                transaction.execute(
                    "UPDATE articles SET reference_date = ?2, reference_source = 'given' WHERE id = ?1",
                    params![article_id, published],
                )?;
                for (claim_id, claim_values) in values {
                    replace_values(&transaction, *claim_id, claim_values)?;
                }
            }
        }
        transaction.commit()?;
        Ok(written)
    }

    /// Everyone who has made a change, been assigned a claim or added a source, sorted: the
    /// names shell completion offers after --by, --to and --assignee.
    pub fn checker_names(&self) -> Result<Vec<String>> {
        let mut statement = self.connection.prepare(
            "SELECT by FROM events UNION SELECT assignee FROM claims WHERE assignee IS NOT NULL
             UNION SELECT added_by FROM sources UNION SELECT by FROM article_events ORDER BY 1",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every correction made to an article, oldest first.
    pub fn article_events(&self, article_id: i64) -> Result<Vec<ArticleEvent>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, field, old_value, new_value, at, by, note FROM article_events
             WHERE article_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([article_id], |row| {
            Ok(ArticleEvent {
                id: row.get(0)?,
                field: row.get(1)?,
                from: row.get(2)?,
                to: row.get(3)?,
                at: row.get(4)?,
                by: row.get(5)?,
                note: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A claim's values resolved again: the rows, the key matching compares and the figures
/// `search` finds (the full-text row holds the key) are replaced.
fn replace_values(transaction: &Transaction<'_>, claim_id: i64, values: &[Value]) -> Result<()> {
    transaction.execute("DELETE FROM claim_values WHERE claim_id = ?1", [claim_id])?;
    super::claims::insert_values(transaction, claim_id, values)?;
    let (text, old_key): (String, String) = transaction.query_row(
        "SELECT text, value_key FROM claims WHERE id = ?1",
        [claim_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let new_key = crate::matching::value_key(values);
    if new_key == old_key {
        return Ok(());
    }
    // An external-content FTS5 row is taken out with the values it was indexed with.
    transaction.execute(
        "INSERT INTO claims_fts (claims_fts, rowid, text, value_key) VALUES ('delete', ?1, ?2, ?3)",
        params![claim_id, text, old_key],
    )?;
    transaction.execute(
        "UPDATE claims SET value_key = ?2 WHERE id = ?1",
        params![claim_id, new_key],
    )?;
    transaction.execute(
        "INSERT INTO claims_fts (rowid, text, value_key) VALUES (?1, ?2, ?3)",
        params![claim_id, text, new_key],
    )?;
    Ok(())
}
