//! Merging a JSON-lines export into this database in one transaction: nothing is duplicated
//! (articles by content hash, claims by article and span, sources and events by uid), and each
//! claim's current status and assignee are recomputed from its merged events in time order.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::export::{claim_history, claim_keys};
use crate::error::{Error, Result};
use crate::model::Action;
use crate::report::interchange::{ClaimKey, Record};

/// What an import added; everything else was already there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub articles: u64,
    pub claims: u64,
    pub sources: u64,
    pub events: u64,
    pub matches: u64,
}

/// Per claim: the uids already stored, with their database ids.
#[derive(Default)]
struct Known {
    sources: HashMap<String, i64>,
    events: HashMap<String, i64>,
}

impl Store {
    /// Merge `records` (each with the line it came from, for messages). All or nothing.
    pub fn import(&mut self, records: &[(usize, Record)]) -> Result<Imported> {
        let transaction = self.write()?;
        let before: i64 =
            transaction.query_row("SELECT coalesce(max(id), 0) FROM claims", [], |row| {
                row.get(0)
            })?;
        let imported = merge(&transaction, records)?;
        super::claims::refresh_value_keys(&transaction)?;
        // Full-text rows and the matching index once the claims have their value keys.
        super::candidates::index_claims_after(&transaction, before)?;
        transaction.commit()?;
        Ok(imported)
    }
}

fn at_line(line: usize, error: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("line {line}: {error}"))
}

fn merge(transaction: &Transaction<'_>, records: &[(usize, Record)]) -> Result<Imported> {
    let mut imported = Imported::default();
    let mut article_ids: HashMap<String, i64> = HashMap::new();
    {
        let mut statement = transaction.prepare("SELECT content_hash, id FROM articles")?;
        for row in statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))? {
            let (hash, id) = row?;
            article_ids.insert(hash, id);
        }
    }
    for (line, record) in records {
        let Record::Article(article) = record else {
            continue;
        };
        if article_ids.contains_key(&article.content_hash) {
            continue;
        }
        let article_id = super::claims::insert_article_row(
            transaction,
            &super::claims::ArticleRow {
                title: &article.title,
                url: article.url.as_deref(),
                outlet: article.outlet.as_deref(),
                published: article.published.as_deref(),
                reference_date: article.reference_date.as_deref(),
                reference_source: &article.reference_source,
                added_at: &article.added_at,
                content_hash: &article.content_hash,
                body: &article.body,
            },
        )
        .map_err(|e| at_line(*line, e))?;
        article_ids.insert(article.content_hash.clone(), article_id);
        imported.articles += 1;
    }

    let mut claim_ids: HashMap<ClaimKey, i64> = claim_keys(transaction)?
        .into_iter()
        .map(|(id, key)| (key, id))
        .collect();
    let claim_id = |ids: &HashMap<ClaimKey, i64>, line: usize, key: &ClaimKey| {
        ids.get(key).copied().ok_or_else(|| {
            at_line(
                line,
                format!(
                    "refers to claim {}..{} of article {}, which is neither in the file nor in the database",
                    key.start, key.end, key.article
                ),
            )
        })
    };
    for (line, record) in records {
        let Record::Claim(claim) = record else {
            continue;
        };
        let key = claim.key();
        if claim_ids.contains_key(&key) {
            continue;
        }
        let article_id = *article_ids.get(&claim.article).ok_or_else(|| {
            at_line(
                *line,
                format!(
                    "claim of article {}, which is neither in the file nor in the database",
                    claim.article
                ),
            )
        })?;
        // Positions are the article's order; a claim new to this article goes last.
        transaction
            .execute(
                "INSERT INTO claims (article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at)
                 VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM claims WHERE article_id = ?1),
                         ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'unverified', ?9)",
                params![
                    article_id,
                    claim.text,
                    claim.start as i64,
                    claim.end as i64,
                    claim.kind.as_str(),
                    super::kinds_to_sql(&claim.kinds),
                    claim.score,
                    claim.speaker,
                    claim.status_changed_at
                ],
            )
            .map_err(|e| at_line(*line, e))?;
        let id = transaction.last_insert_rowid();
        claim_ids.insert(key, id);
        imported.claims += 1;
    }

    for (line, record) in records {
        match record {
            Record::Value(value) => {
                let id = claim_id(&claim_ids, *line, &value.claim)?;
                transaction
                    .execute(
                        "INSERT OR IGNORE INTO claim_values (claim_id, position, type, text, value, unit, start, end)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            id,
                            value.position,
                            value.value_type.as_str(),
                            value.text,
                            serde_json::to_string(&value.value).expect("a value serialises"),
                            value.unit,
                            value.start as i64,
                            value.end as i64
                        ],
                    )
                    .map_err(|e| at_line(*line, e))?;
            }
            Record::Occurrence(occurrence) => {
                let id = claim_id(&claim_ids, *line, &occurrence.claim)?;
                transaction
                    .execute(
                        "INSERT OR IGNORE INTO claim_occurrences (claim_id, start, end, text) VALUES (?1, ?2, ?3, ?4)",
                        params![id, occurrence.start as i64, occurrence.end as i64, occurrence.text],
                    )
                    .map_err(|e| at_line(*line, e))?;
            }
            _ => {}
        }
    }

    // What each claim touched by the file already has, by uid.
    let mut known: HashMap<i64, Known> = HashMap::new();
    let load = |id: i64, key: &ClaimKey, known: &mut HashMap<i64, Known>| -> Result<()> {
        if known.contains_key(&id) {
            return Ok(());
        }
        let history = claim_history(transaction, id, key)?;
        known.insert(
            id,
            Known {
                sources: history
                    .sources
                    .iter()
                    .map(|(s, _)| (s.uid.clone(), s.id))
                    .collect(),
                events: history
                    .events
                    .iter()
                    .map(|e| (e.uid.clone(), e.id))
                    .collect(),
            },
        );
        Ok(())
    };
    let mut source_ids_by_uid: HashMap<String, i64> = HashMap::new();
    let mut changed: HashSet<i64> = HashSet::new();
    for (line, record) in records {
        let Record::Source(source) = record else {
            continue;
        };
        let id = claim_id(&claim_ids, *line, &source.claim)?;
        load(id, &source.claim, &mut known)?;
        if let Some(&existing) = known[&id].sources.get(&source.uid) {
            source_ids_by_uid.insert(source.uid.clone(), existing);
            continue;
        }
        let copied_from = source
            .copied_from
            .as_ref()
            .and_then(|uid| source_ids_by_uid.get(uid).copied());
        transaction
            .execute(
                "INSERT INTO sources (claim_id, reference, is_url, title, excerpt, note, added_by, added_at, copied_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    source.reference,
                    super::is_url(&source.reference),
                    source.title,
                    source.excerpt,
                    source.note,
                    source.added_by,
                    source.added_at,
                    copied_from
                ],
            )
            .map_err(|e| at_line(*line, e))?;
        let source_id = transaction.last_insert_rowid();
        known
            .get_mut(&id)
            .expect("loaded")
            .sources
            .insert(source.uid.clone(), source_id);
        source_ids_by_uid.insert(source.uid.clone(), source_id);
        changed.insert(id);
        imported.sources += 1;
    }

    for (line, record) in records {
        let Record::Event(event) = record else {
            continue;
        };
        let id = claim_id(&claim_ids, *line, &event.claim)?;
        load(id, &event.claim, &mut known)?;
        if known[&id].events.contains_key(&event.uid) {
            continue;
        }
        if Action::parse(&event.action).is_none() {
            return Err(at_line(*line, format!("unknown action '{}'", event.action)));
        }
        let claim_known = &known[&id];
        let undoes = match &event.undoes {
            Some(uid) => Some(*claim_known.events.get(uid).ok_or_else(|| {
                at_line(
                    *line,
                    format!("undoes event {uid}, which is not an earlier event of the claim"),
                )
            })?),
            None => None,
        };
        let same_as = match &event.same_as {
            Some(key) => Some(claim_id(&claim_ids, *line, key)?),
            None => None,
        };
        let mut links = Vec::new();
        for (uids, effect) in [
            (&event.sources_added, "add"),
            (&event.sources_withdrawn, "withdraw"),
        ] {
            for uid in uids {
                let source_id = *claim_known.sources.get(uid).ok_or_else(|| {
                    at_line(
                        *line,
                        format!("names source {uid}, which the claim does not have"),
                    )
                })?;
                links.push((source_id, effect));
            }
        }
        transaction
            .execute(
                "INSERT INTO events (claim_id, action, at, by, from_status, to_status, from_assignee, to_assignee, note, undoes, same_as)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    id,
                    event.action,
                    event.at,
                    event.by,
                    event.from.as_str(),
                    event.to.as_str(),
                    event.from_assignee,
                    event.to_assignee,
                    event.note,
                    undoes,
                    same_as
                ],
            )
            .map_err(|e| at_line(*line, e))?;
        let event_id = transaction.last_insert_rowid();
        for (source_id, effect) in links {
            transaction
                .execute(
                    "INSERT INTO event_sources (event_id, source_id, effect) VALUES (?1, ?2, ?3)",
                    params![event_id, source_id, effect],
                )
                .map_err(|e| at_line(*line, e))?;
        }
        known
            .get_mut(&id)
            .expect("loaded")
            .events
            .insert(event.uid.clone(), event_id);
        changed.insert(id);
        imported.events += 1;
    }

    for (line, record) in records {
        let Record::Match(found) = record else {
            continue;
        };
        let claim = claim_id(&claim_ids, *line, &found.claim)?;
        let matched = claim_id(&claim_ids, *line, &found.matched)?;
        // A pair already matched is kept as it is, whatever score the other desk gave it:
        // the key includes the score (for `list`'s best-first order), so INSERT OR IGNORE
        // alone would store the pair twice if two versions of claimtrack scored it apart.
        imported.matches += transaction
            .execute(
                "INSERT INTO claim_matches (claim_id, matched_id, score)
                 SELECT ?1, ?2, ?3 WHERE NOT EXISTS
                     (SELECT 1 FROM claim_matches WHERE claim_id = ?1 AND matched_id = ?2)",
                params![claim, matched, found.score],
            )
            .map_err(|e| at_line(*line, e))? as u64;
    }

    for claim in changed {
        recompute(transaction, claim)?;
    }
    Ok(imported)
}

/// Bring a claim in step with its merged history: status and assignee from its last event in
/// time order, and each source withdrawn or not by the last event that linked it.
fn recompute(transaction: &Transaction<'_>, claim_id: i64) -> Result<()> {
    let last: Option<(String, Option<String>)> = transaction
        .query_row(
            "SELECT to_status, to_assignee FROM events WHERE claim_id = ?1 ORDER BY at DESC, id DESC LIMIT 1",
            [claim_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((status, assignee)) = last else {
        return Ok(());
    };
    let changed_at: Option<String> = transaction
        .query_row(
            "SELECT at FROM events WHERE claim_id = ?1 AND from_status <> to_status ORDER BY at DESC, id DESC LIMIT 1",
            [claim_id],
            |row| row.get(0),
        )
        .optional()?;
    transaction.execute(
        "UPDATE claims SET status = ?2, assignee = ?3, status_changed_at = coalesce(?4, status_changed_at) WHERE id = ?1",
        params![claim_id, status, assignee, changed_at],
    )?;
    transaction.execute(
        "UPDATE sources SET withdrawn = coalesce((
             SELECT es.effect = 'withdraw' FROM event_sources es JOIN events e ON e.id = es.event_id
             WHERE es.source_id = sources.id ORDER BY e.at DESC, e.id DESC LIMIT 1), 0)
         WHERE claim_id = ?1",
        [claim_id],
    )?;
    Ok(())
}
