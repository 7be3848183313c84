//! Merging a JSON-lines export into this database in one transaction: nothing is duplicated
//! (articles by content hash, claims by article and span, sources and events by uid), and each
//! claim's current status and assignee are recomputed from its merged events in time order.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::export::{claim_history, claim_keys};
use super::import_rules::{at_line, check_records, check_text_at};
use crate::error::Result;
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
    pub values: u64,
    /// Further places in an article that state a claim again.
    pub occurrences: u64,
    /// Records that were already in the database, exactly as the file has them.
    pub already_present: u64,
}

/// Per claim: the uids already stored, with their database ids.
#[derive(Default)]
struct Known {
    sources: HashMap<String, i64>,
    events: HashMap<String, i64>,
}

impl Store {
    /// Merge `records` (each with the line it came from, for messages). All or nothing: a
    /// record the commands could not have written (`import_rules`) refuses the whole file.
    /// `now` is the time of the import: nothing may be dated after it.
    pub fn import(&mut self, records: &[(usize, Record)], now: DateTime<Utc>) -> Result<Imported> {
        check_records(records, now)?;
        let transaction = self.write()?;
        let before: i64 =
            transaction.query_row("SELECT coalesce(max(id), 0) FROM claims", [], |row| {
                row.get(0)
            })?;
        let imported = merge(&transaction, records)?;
        super::claims::refresh_value_keys(&transaction, before)?;
        // Full-text rows, matches and the matching index once the claims have their value keys.
        super::candidates::match_claims_after(&transaction, before)?;
        transaction.commit()?;
        Ok(imported)
    }
}

pub(crate) fn merge(
    transaction: &Transaction<'_>,
    records: &[(usize, Record)],
) -> Result<Imported> {
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
            imported.already_present += 1;
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

    let mut new_claims: HashSet<i64> = HashSet::new();
    let mut claim_ids: HashMap<ClaimKey, i64> = claim_keys(transaction)?
        .into_iter()
        .map(|(id, key)| (key, id))
        .collect();
    for (line, record) in records {
        let Record::Claim(claim) = record else {
            continue;
        };
        let key = claim.key();
        if claim_ids.contains_key(&key) {
            imported.already_present += 1;
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
        let body: String = transaction.query_row(
            "SELECT body FROM article_texts WHERE article_id = ?1",
            [article_id],
            |row| row.get(0),
        )?;
        check_text_at(&body, claim.start, claim.end, &claim.text)
            .map_err(|reason| at_line(*line, reason))?;
        // Positions are the article's order; a claim new to this article goes last.
        transaction
            .prepare_cached(
                "INSERT INTO claims (article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at)
                 VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM claims WHERE article_id = ?1),
                         ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'unverified', ?9)",
            )?
            .execute(
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
        super::claims::count_new_claims(transaction, article_id, 1)?;
        claim_ids.insert(key, id);
        new_claims.insert(id);
        imported.claims += 1;
    }
    merge_values(transaction, records, &claim_ids, &new_claims, &mut imported)?;

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
            imported.already_present += 1;
            continue;
        }
        let copied_from = match &source.copied_from {
            Some(uid) => match source_ids_by_uid.get(uid) {
                Some(&id) => Some(id),
                // Copied from a source merged before (an earlier sync or import).
                None => transaction
                    .query_row("SELECT id FROM sources WHERE uid = ?1", [uid], |row| {
                        row.get(0)
                    })
                    .optional()?,
            },
            None => None,
        };
        transaction
            .prepare_cached(
                "INSERT INTO sources (claim_id, reference, is_url, title, excerpt, note, added_by, added_at, copied_from, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(
                params![
                    id,
                    source.reference,
                    super::is_url(&source.reference),
                    source.title,
                    source.excerpt,
                    source.note,
                    source.added_by,
                    source.added_at,
                    copied_from,
                    source.uid
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
            imported.already_present += 1;
            continue;
        }
        // An event the database has under another uid is a copy, not news: storing it would
        // replay a verdict on every import.
        let copy_of: Option<String> = transaction
            .prepare_cached(
                // `+at`, `+by`: read the claim's few events (events_by_claim), never the checker's
                // index, under which one `note 1-2100` puts 2,100 events in the same second.
                "SELECT uid FROM events WHERE claim_id = ?1 AND action = ?2 AND +at = ?3 AND +by = ?4
                     AND from_status = ?5 AND to_status = ?6 AND note IS ?7
                     AND (?8 IS NULL OR tick = ?8) LIMIT 1",
            )?
            .query_row(
                params![
                    id,
                    event.action,
                    event.at,
                    event.by,
                    event.from.as_str(),
                    event.to.as_str(),
                    event.note,
                    event.tick
                ],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(uid) = copy_of {
            return Err(at_line(
                *line,
                format!(
                    "event {} is a copy of event {uid} already stored: one event, one uid",
                    event.uid
                ),
            ));
        }
        let claim_known = &known[&id];
        // `mark`'s rule: a verdict needs a source, given with it or already on the claim.
        let verdict = matches!(
            Action::parse(&event.action),
            Some(Action::Status | Action::SameAs)
        );
        if verdict
            && event.from != event.to
            && event.to.needs_source()
            && event.sources_added.is_empty()
            && claim_known.sources.is_empty()
        {
            return Err(at_line(
                *line,
                format!("'{}' needs a source, and the claim has none", event.to),
            ));
        }
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
            .prepare_cached(
                "INSERT INTO events (claim_id, action, at, by, from_status, to_status, from_assignee, to_assignee, note, undoes, same_as, uid, tick)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                         coalesce(?13, (SELECT coalesce(max(tick), 0) + 1 FROM events WHERE claim_id = ?1)))",
            )?
            .execute(
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
                    same_as,
                    event.uid,
                    event.tick
                ],
            )
            .map_err(|e| at_line(*line, e))?;
        let event_id = transaction.last_insert_rowid();
        for (source_id, effect) in links {
            transaction
                .prepare_cached(
                    "INSERT INTO event_sources (event_id, source_id, effect) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![event_id, source_id, effect])
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
        let added = transaction
            .prepare_cached(
                "INSERT INTO claim_matches (claim_id, matched_id, score)
                 SELECT ?1, ?2, ?3 WHERE NOT EXISTS
                     (SELECT 1 FROM claim_matches WHERE claim_id = ?1 AND matched_id = ?2)",
            )?
            .execute(params![claim, matched, found.score])
            .map_err(|e| at_line(*line, e))? as u64;
        imported.matches += added;
        imported.already_present += 1 - added;
    }

    for claim in changed {
        recompute(transaction, claim)?;
    }
    Ok(imported)
}

/// The database id of the claim `key` names, or an error naming the line.
fn claim_id(ids: &HashMap<ClaimKey, i64>, line: usize, key: &ClaimKey) -> Result<i64> {
    ids.get(key).copied().ok_or_else(|| {
        at_line(
            line,
            format!(
                "refers to claim {}..{} of article {}, which is neither in the file nor in the database",
                key.start, key.end, key.article
            ),
        )
    })
}

/// Values and further places come only with their claim: for a claim this import adds they
/// are stored; for a claim already here they must be what it already has, or a file could
/// slip a figure into a verified claim.
fn merge_values(
    transaction: &Transaction<'_>,
    records: &[(usize, Record)],
    claim_ids: &HashMap<ClaimKey, i64>,
    new_claims: &HashSet<i64>,
    imported: &mut Imported,
) -> Result<()> {
    let mut insert_value = transaction.prepare(
        "INSERT OR IGNORE INTO claim_values (claim_id, position, type, text, value, unit, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut has_value = transaction.prepare(
        "SELECT EXISTS (SELECT 1 FROM claim_values WHERE claim_id = ?1 AND position = ?2 AND type = ?3
             AND text = ?4 AND value = ?5 AND unit IS ?6 AND start = ?7 AND end = ?8)",
    )?;
    let mut insert_occurrence = transaction.prepare(
        "INSERT OR IGNORE INTO claim_occurrences (claim_id, start, end, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut has_occurrence = transaction.prepare(
        "SELECT EXISTS (SELECT 1 FROM claim_occurrences WHERE claim_id = ?1 AND start = ?2 AND end = ?3 AND text = ?4)",
    )?;
    for (line, record) in records {
        let (added, counter) = match record {
            Record::Value(value) => {
                let id = claim_id(claim_ids, *line, &value.claim)?;
                let row = params![
                    id,
                    value.position,
                    value.value_type.as_str(),
                    value.text,
                    serde_json::to_string(&value.value).expect("a value serialises"),
                    value.unit,
                    value.start as i64,
                    value.end as i64
                ];
                let added = if new_claims.contains(&id) {
                    insert_value.execute(row).map_err(|e| at_line(*line, e))? > 0
                } else if has_value.query_row(row, |r| r.get::<_, bool>(0))? {
                    false
                } else {
                    return Err(at_line(*line, not_with_claim("a value", &value.claim)));
                };
                (added, &mut imported.values)
            }
            Record::Occurrence(occurrence) => {
                let id = claim_id(claim_ids, *line, &occurrence.claim)?;
                let row = params![
                    id,
                    occurrence.start as i64,
                    occurrence.end as i64,
                    occurrence.text
                ];
                let added = if new_claims.contains(&id) {
                    insert_occurrence
                        .execute(row)
                        .map_err(|e| at_line(*line, e))?
                        > 0
                } else if has_occurrence.query_row(row, |r| r.get::<_, bool>(0))? {
                    false
                } else {
                    return Err(at_line(
                        *line,
                        not_with_claim("a further place", &occurrence.claim),
                    ));
                };
                (added, &mut imported.occurrences)
            }
            _ => continue,
        };
        if added {
            *counter += 1;
        } else {
            imported.already_present += 1;
        }
    }
    Ok(())
}

fn not_with_claim(what: &str, key: &ClaimKey) -> String {
    format!(
        "adds {what} to claim {}..{} of article {}, which is already stored: values and places come only with their claim",
        key.start, key.end, key.article
    )
}

/// Bring a claim in step with its merged history: status, assignee, conflict flag and
/// withdrawn sources from its events in the order every replica shares (`sync::derive`).
fn recompute(transaction: &Transaction<'_>, claim_id: i64) -> Result<()> {
    super::sync::derive_claim(transaction, claim_id)
}
