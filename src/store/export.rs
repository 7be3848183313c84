//! Reading everything out for export: JSON-lines records with identities that survive a move
//! to another database, settled claims for ClaimReview, and one flat row per claim for CSV.

use std::collections::HashMap;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::{Store, article_from_row, status_from_sql};
use crate::error::Result;
use crate::model::{Article, Claim, Status};
use crate::report::interchange::{
    ArticleRecord, ClaimKey, ClaimRecord, EventRecord, MatchRecord, OccurrenceRecord, Record,
    SourceRecord, ValueRecord,
};

/// A claim with a verdict, with what ClaimReview and CSV need to describe it.
#[derive(Debug, Clone)]
pub struct Settled {
    pub claim: Claim,
    pub article: Article,
    /// When the current verdict was given (UTC), and by whom; None for a claim whose status
    /// did not come from an event (it cannot happen through claimtrack itself).
    pub verdict_at: Option<String>,
    pub verdict_by: Option<String>,
}

impl Store {
    /// Every record of the database, in an order `import` can replay: articles, then each
    /// claim with its values, other places, sources and events, then matches.
    pub fn export_records(&self) -> Result<Vec<Record>> {
        let connection = &self.connection;
        let mut records = Vec::new();
        let mut statement = connection.prepare(
            "SELECT a.id, a.title, a.url, a.outlet, a.published, a.reference_date, a.reference_source, a.added_at,
                    a.content_hash, t.body
             FROM articles a JOIN article_texts t ON t.article_id = a.id ORDER BY a.id",
        )?;
        let articles = statement.query_map([], |row| {
            let article = article_from_row(row)?;
            Ok(ArticleRecord {
                id: article.id,
                content_hash: article.content_hash,
                title: article.title,
                url: article.url,
                outlet: article.outlet,
                published: article.published,
                reference_date: article.reference_date,
                reference_source: article.reference_source,
                added_at: article.added_at,
                body: row.get(9)?,
            })
        })?;
        for article in articles {
            records.push(Record::Article(article?));
        }

        let keys = claim_keys(connection)?;
        let claims: Vec<Claim> = self.list_claims(&super::ClaimFilter::default())?;
        let mut source_uids: HashMap<i64, String> = HashMap::new();
        let mut histories = Vec::new();
        for claim in &claims {
            let key = &keys[&claim.id];
            let history = claim_history(connection, claim.id, key)?;
            for (source, _) in &history.sources {
                source_uids.insert(source.id, source.uid.clone());
            }
            histories.push(history);
        }
        for (claim, history) in claims.iter().zip(histories) {
            let key = keys[&claim.id].clone();
            records.push(Record::Claim(ClaimRecord {
                id: claim.id,
                uid: Some(claim.uid.clone()),
                article: key.article.clone(),
                start: claim.start,
                end: claim.end,
                position: claim.position,
                text: claim.text.clone(),
                kind: claim.kind,
                kinds: claim.kinds.clone(),
                score: claim.score,
                speaker: claim.speaker.clone(),
                status: claim.status,
                status_changed_at: claim.status_changed_at.clone(),
                assignee: claim.assignee.clone(),
            }));
            for (position, value) in claim.values.iter().enumerate() {
                records.push(Record::Value(ValueRecord {
                    claim: key.clone(),
                    position: position as i64 + 1,
                    value_type: value.value_type,
                    text: value.text.clone(),
                    value: value.value.clone(),
                    unit: value.unit.clone(),
                    start: value.start,
                    end: value.end,
                }));
            }
            for occurrence in &claim.occurrences {
                records.push(Record::Occurrence(OccurrenceRecord {
                    claim: key.clone(),
                    start: occurrence.start,
                    end: occurrence.end,
                    text: occurrence.text.clone(),
                }));
            }
            for (mut source, copied_from) in history.sources {
                source.copied_from = copied_from.and_then(|id| source_uids.get(&id).cloned());
                records.push(Record::Source(source));
            }
            records.extend(history.events.into_iter().map(Record::Event));
        }

        let mut statement = connection.prepare(
            "SELECT claim_id, matched_id, score FROM claim_matches ORDER BY claim_id, matched_id",
        )?;
        let matches = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?, row.get(2)?))
        })?;
        for row in matches {
            let (claim, matched, score) = row?;
            records.push(Record::Match(MatchRecord {
                claim: keys[&claim].clone(),
                matched: keys[&matched].clone(),
                score,
            }));
        }
        Ok(records)
    }

    /// Claims with a verdict (of one article or all), in id order, each with the event that
    /// gave it.
    pub fn settled_claims(&self, article: Option<i64>) -> Result<Vec<Settled>> {
        let claims = self.list_claims(&super::ClaimFilter {
            article_id: article,
            ..super::ClaimFilter::default()
        })?;
        let mut articles: HashMap<i64, Article> = HashMap::new();
        let mut settled = Vec::new();
        for claim in claims.into_iter().filter(|c| c.status.is_resolved()) {
            if let std::collections::hash_map::Entry::Vacant(entry) =
                articles.entry(claim.article_id)
            {
                entry.insert(self.article(claim.article_id)?);
            }
            let (verdict_at, verdict_by) = self.verdict(claim.id, claim.status)?;
            settled.push(Settled {
                article: articles[&claim.article_id].clone(),
                claim,
                verdict_at,
                verdict_by,
            });
        }
        Ok(settled)
    }

    /// When and by whom a claim was last moved into `status`.
    pub fn verdict(
        &self,
        claim_id: i64,
        status: Status,
    ) -> Result<(Option<String>, Option<String>)> {
        let mut statement = self.connection.prepare_cached(
            "SELECT at, by FROM events WHERE claim_id = ?1 AND to_status = ?2 AND from_status <> to_status
             ORDER BY at DESC, id DESC LIMIT 1",
        )?;
        let mut rows = statement
            .query_map(rusqlite::params![claim_id, status.as_str()], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        Ok(match rows.next() {
            Some(row) => {
                let (at, by) = row?;
                (Some(at), Some(by))
            }
            None => (None, None),
        })
    }

    /// The article text claims' byte spans point into.
    pub fn article_body(&self, article_id: i64) -> Result<String> {
        self.article(article_id)?;
        Ok(self.connection.query_row(
            "SELECT body FROM article_texts WHERE article_id = ?1",
            [article_id],
            |row| row.get(0),
        )?)
    }
}

/// Each claim's identity by its database id.
pub(crate) fn claim_keys(connection: &Connection) -> Result<HashMap<i64, ClaimKey>> {
    let mut statement = connection.prepare_cached(
        "SELECT c.id, a.content_hash, c.start, c.end FROM claims c JOIN articles a ON a.id = c.article_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            ClaimKey {
                article: row.get(1)?,
                start: row.get::<_, i64>(2)? as usize,
                end: row.get::<_, i64>(3)? as usize,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A claim's sources (with the database id each was copied from) and events, with uids.
pub(crate) struct History {
    pub sources: Vec<(SourceRecord, Option<i64>)>,
    pub events: Vec<EventRecord>,
}

/// Read one claim's sources and events and give each its uid. A uid hashes what the record
/// says, so the same source or event has the same uid in every database it was merged into;
/// identical records (the same note twice in one second) are told apart by their order.
pub(crate) fn claim_history(
    connection: &Connection,
    claim_id: i64,
    key: &ClaimKey,
) -> Result<History> {
    let key_parts = [
        Some(key.article.clone()),
        Some(key.start.to_string()),
        Some(key.end.to_string()),
    ];
    let mut statement = connection.prepare_cached(
        "SELECT id, reference, title, excerpt, note, added_by, added_at, copied_from, withdrawn, uid
         FROM sources WHERE claim_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map([claim_id], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, Option<String>>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, String>(6)?,
            row.get::<_, Option<i64>>(7)?,
            row.get::<_, bool>(8)?,
            row.get::<_, Option<String>>(9)?,
        ))
    })?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut sources = Vec::new();
    let mut source_uid_by_id: HashMap<i64, String> = HashMap::new();
    for row in rows {
        let (
            id,
            reference,
            title,
            excerpt,
            note,
            added_by,
            added_at,
            copied_from,
            withdrawn,
            stored,
        ) = row?;
        let mut parts = key_parts.to_vec();
        parts.extend([
            Some("source".into()),
            Some(reference.clone()),
            title.clone(),
            excerpt.clone(),
            note.clone(),
            Some(added_by.clone()),
            Some(added_at.clone()),
        ]);
        // The hash still counts repeats, so that a row without a stored uid (being
        // backfilled) gets the uid an export before the upgrade gave it.
        let uid = stored.unwrap_or(unique_uid(&parts, &mut seen));
        source_uid_by_id.insert(id, uid.clone());
        sources.push((
            SourceRecord {
                uid,
                id,
                claim: key.clone(),
                reference,
                title,
                excerpt,
                note,
                added_by,
                added_at,
                copied_from: None,
                withdrawn,
            },
            copied_from,
        ));
    }

    let keys_needed = connection.prepare_cached(
        "SELECT a.content_hash, c.start, c.end FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?1",
    );
    let mut same_as_key = keys_needed?;
    let mut statement = connection.prepare_cached(
        "SELECT e.id, e.action, e.at, e.by, e.from_status, e.to_status, e.from_assignee, e.to_assignee,
                e.note, e.undoes, e.same_as,
                (SELECT json_group_array(source_id) FROM (SELECT source_id FROM event_sources
                  WHERE event_id = e.id AND effect = 'add' ORDER BY source_id)),
                (SELECT json_group_array(source_id) FROM (SELECT source_id FROM event_sources
                  WHERE event_id = e.id AND effect = 'withdraw' ORDER BY source_id)),
                e.uid, e.tick
         FROM events e WHERE e.claim_id = ?1 ORDER BY e.id",
    )?;
    type EventRow = (
        i64,
        String,
        String,
        String,
        Status,
        Status,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        String,
        String,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<EventRow> = statement
        .query_map([claim_id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                status_from_sql(row, 4)?,
                status_from_sql(row, 5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
                row.get(9)?,
                row.get(10)?,
                row.get(11)?,
                row.get(12)?,
                row.get(13)?,
                row.get(14)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut event_uid_by_id: HashMap<i64, String> = HashMap::new();
    let mut events = Vec::new();
    for (
        id,
        action,
        at,
        by,
        from,
        to,
        from_assignee,
        to_assignee,
        note,
        undoes,
        same_as,
        added,
        withdrawn,
        stored,
        tick,
    ) in rows
    {
        let to_uids = |json: &str| -> Result<Vec<String>> {
            let ids: Vec<i64> = serde_json::from_str(json).map_err(std::io::Error::from)?;
            Ok(ids
                .iter()
                .filter_map(|id| source_uid_by_id.get(id).cloned())
                .collect())
        };
        let sources_added = to_uids(&added)?;
        let sources_withdrawn = to_uids(&withdrawn)?;
        let undoes = undoes.and_then(|id| event_uid_by_id.get(&id).cloned());
        let same_as = match same_as {
            Some(other) => Some(same_as_key.query_row([other], |row| {
                Ok(ClaimKey {
                    article: row.get(0)?,
                    start: row.get::<_, i64>(1)? as usize,
                    end: row.get::<_, i64>(2)? as usize,
                })
            })?),
            None => None,
        };
        let mut parts = key_parts.to_vec();
        parts.extend([
            Some("event".into()),
            Some(action.clone()),
            Some(at.clone()),
            Some(by.clone()),
            Some(from.as_str().into()),
            Some(to.as_str().into()),
            from_assignee.clone(),
            to_assignee.clone(),
            note.clone(),
            undoes.clone(),
            same_as
                .as_ref()
                .map(|k| format!("{}:{}:{}", k.article, k.start, k.end)),
            Some(sources_added.join(",")),
            Some(sources_withdrawn.join(",")),
        ]);
        let uid = stored.unwrap_or(unique_uid(&parts, &mut seen));
        event_uid_by_id.insert(id, uid.clone());
        events.push(EventRecord {
            uid,
            id,
            claim: key.clone(),
            action,
            at,
            by,
            from,
            to,
            from_assignee,
            to_assignee,
            note,
            undoes,
            same_as,
            sources_added,
            sources_withdrawn,
            tick,
        });
    }
    Ok(History { sources, events })
}

/// A 128-bit hex hash of `parts`; the n-th repeat of the same parts gets `#n` mixed in.
pub(crate) fn unique_uid(parts: &[Option<String>], seen: &mut HashMap<String, usize>) -> String {
    let canonical = serde_json::to_string(parts).expect("strings serialise");
    let count = seen.entry(canonical.clone()).or_insert(0);
    let mut hasher = Sha256::new();
    hasher.update(canonical.as_bytes());
    if *count > 0 {
        hasher.update(format!("#{count}").as_bytes());
    }
    *count += 1;
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}
