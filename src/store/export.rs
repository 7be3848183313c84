//! Reading everything out for export: JSON-lines records with identities that survive a move
//! to another database, settled claims for ClaimReview, and one flat row per claim for CSV.
//! Everything is handed to a callback as it is read, so that exporting a million claims
//! takes the memory of one claim, not of the archive.

use std::collections::HashMap;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::claims::{LISTED_MATCHES, value_from_row};
use super::{
    CLAIM_COLUMNS, ClaimFilter, Store, article_from_row, claim_from_row, source_from_row,
    status_from_sql,
};
use crate::error::Result;
use crate::model::{Article, Claim, Occurrence, Source, Status, Value};
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

/// Rows of a child table read alongside the claims, in claim id order: a merge join that
/// reads each table once in index order, instead of one query per claim (four per claim was
/// most of an export's time).
struct ClaimChildren<'s, T> {
    rows: rusqlite::Rows<'s>,
    map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    /// The claim id column of the query.
    id_column: usize,
    next: Option<(i64, T)>,
}

impl<'s, T> ClaimChildren<'s, T> {
    fn new(
        statement: &'s mut rusqlite::Statement<'_>,
        id_column: usize,
        map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Self> {
        let mut children = ClaimChildren {
            rows: statement.query([])?,
            map,
            id_column,
            next: None,
        };
        children.advance()?;
        Ok(children)
    }

    fn advance(&mut self) -> Result<()> {
        self.next = match self.rows.next()? {
            Some(row) => Some((row.get(self.id_column)?, (self.map)(row)?)),
            None => None,
        };
        Ok(())
    }

    /// The rows of `claim_id`, skipping those of claims before it (left out by a filter).
    fn take(&mut self, claim_id: i64) -> Result<Vec<T>> {
        let mut taken = Vec::new();
        while let Some((id, _)) = &self.next {
            if *id > claim_id {
                break;
            }
            let (id, child) = self.next.take().expect("checked above");
            if id == claim_id {
                taken.push(child);
            }
            self.advance()?;
        }
        Ok(taken)
    }
}

fn occurrence_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Occurrence> {
    Ok(Occurrence {
        start: row.get::<_, i64>(0)? as usize,
        end: row.get::<_, i64>(1)? as usize,
        text: row.get(2)?,
    })
}

impl Store {
    /// Hand each claim matching `filter` to `visit` as it is read, with its values, other
    /// places, sources and (with `with_matches`) its best matches, as `list_claims` gives
    /// them. One read transaction, so that every claim comes from the same snapshot.
    pub fn each_claim(
        &self,
        filter: &ClaimFilter,
        with_matches: bool,
        visit: &mut dyn FnMut(Claim) -> Result<()>,
    ) -> Result<()> {
        if filter.by_score || filter.limit.is_some() || filter.article_id.is_some() {
            // A page or one article: few claims, read one at a time.
            for mut claim in self.list_claims(filter)? {
                if !with_matches {
                    claim.matches.clear();
                }
                visit(claim)?;
            }
            return Ok(());
        }
        let snapshot = self.read_snapshot()?;
        self.each_claim_merged(filter, with_matches, visit)?;
        if let Some(snapshot) = snapshot {
            snapshot.commit()?;
        }
        Ok(())
    }

    /// A read transaction, unless one is open already (`each_record` reads claims in its own).
    fn read_snapshot(&self) -> Result<Option<rusqlite::Transaction<'_>>> {
        Ok(if self.connection.is_autocommit() {
            Some(self.connection.unchecked_transaction()?)
        } else {
            None
        })
    }

    fn each_claim_merged(
        &self,
        filter: &ClaimFilter,
        with_matches: bool,
        visit: &mut dyn FnMut(Claim) -> Result<()>,
    ) -> Result<()> {
        let (sql, parameters) = self.filtered(CLAIM_COLUMNS, filter, "id")?;
        let mut claims = self.connection.prepare(&sql)?;
        let mut values = self.connection.prepare(
            "SELECT type, text, value, unit, start, end, claim_id FROM claim_values ORDER BY claim_id, position",
        )?;
        let mut occurrences = self.connection.prepare(
            "SELECT start, end, text, claim_id FROM claim_occurrences ORDER BY claim_id, start",
        )?;
        let mut sources = self.connection.prepare(
            "SELECT id, reference, is_url, title, excerpt, note, added_by, added_at, copied_from, claim_id
             FROM sources WHERE withdrawn = 0 ORDER BY claim_id, id",
        )?;
        let mut values = ClaimChildren::<Value>::new(&mut values, 6, value_from_row)?;
        let mut occurrences =
            ClaimChildren::<Occurrence>::new(&mut occurrences, 3, occurrence_from_row)?;
        let mut sources = ClaimChildren::<Source>::new(&mut sources, 9, source_from_row)?;
        let mut rows = claims.query(rusqlite::params_from_iter(parameters))?;
        while let Some(row) = rows.next()? {
            let mut claim = claim_from_row(row)?;
            claim.values = values.take(claim.id)?;
            claim.occurrences = occurrences.take(claim.id)?;
            claim.sources = sources.take(claim.id)?;
            if with_matches {
                claim.matches = self.matches_limited(claim.id, Some(LISTED_MATCHES))?;
            }
            visit(claim)?;
        }
        Ok(())
    }

    /// Hand every record of the database to `write`, in an order `import` can replay:
    /// articles, then each claim with its values, other places, sources and events, then
    /// matches.
    pub fn each_record(&self, write: &mut dyn FnMut(Record) -> Result<()>) -> Result<()> {
        let snapshot = self.read_snapshot()?;
        let connection = &self.connection;
        let mut statement = connection.prepare(
            "SELECT a.id, a.title, a.url, a.outlet, a.published, a.reference_date, a.reference_source, a.added_at,
                    a.content_hash, t.body
             FROM articles a JOIN article_texts t ON t.article_id = a.id ORDER BY a.id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            write(Record::Article(article_record(row)?))?;
        }
        let source_uids = copied_source_uids(connection)?;
        let mut hashes = ArticleHashes::default();
        self.each_claim(&ClaimFilter::default(), false, &mut |claim| {
            let key = ClaimKey {
                article: hashes.of(connection, claim.article_id)?,
                start: claim.start,
                end: claim.end,
            };
            claim_records(connection, claim, key, &source_uids, write)
        })?;
        let mut statement = connection.prepare(
            "SELECT a.content_hash, c.start, c.end, b.content_hash, d.start, d.end, m.score
             FROM claim_matches m
             JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id
             JOIN claims d ON d.id = m.matched_id JOIN articles b ON b.id = d.article_id
             ORDER BY m.claim_id, m.matched_id",
        )?;
        let mut rows = statement.query([])?;
        let key = |row: &rusqlite::Row<'_>, at: usize| -> rusqlite::Result<ClaimKey> {
            Ok(ClaimKey {
                article: row.get(at)?,
                start: row.get::<_, i64>(at + 1)? as usize,
                end: row.get::<_, i64>(at + 2)? as usize,
            })
        };
        while let Some(row) = rows.next()? {
            write(Record::Match(MatchRecord {
                claim: key(row, 0)?,
                matched: key(row, 3)?,
                score: row.get(6)?,
            }))?;
        }
        drop(rows);
        drop(statement);
        if let Some(snapshot) = snapshot {
            snapshot.commit()?;
        }
        Ok(())
    }

    /// Hand each claim with a verdict (of one article or all) to `visit`, in id order, with
    /// the event that gave it.
    pub fn each_settled(
        &self,
        article: Option<i64>,
        visit: &mut dyn FnMut(Settled) -> Result<()>,
    ) -> Result<()> {
        let filter = ClaimFilter {
            article_id: article,
            ..ClaimFilter::default()
        };
        let mut articles = ArticleCache::default();
        self.each_claim(&filter, false, &mut |claim| {
            if !claim.status.is_resolved() {
                return Ok(());
            }
            let (verdict_at, verdict_by) = self.verdict(claim.id, claim.status)?;
            visit(Settled {
                article: articles.get(self, claim.article_id)?.clone(),
                claim,
                verdict_at,
                verdict_by,
            })
        })
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

/// The article of the claims being read, kept while the next claim is of the same article
/// (claims are read in id order, so an article's claims come together).
#[derive(Default)]
pub struct ArticleCache(Option<Article>);

impl ArticleCache {
    pub fn get(&mut self, store: &Store, id: i64) -> Result<&Article> {
        if self.0.as_ref().is_none_or(|a| a.id != id) {
            self.0 = Some(store.article(id)?);
        }
        Ok(self.0.as_ref().expect("just read"))
    }
}

/// An article's content hash, the same way.
#[derive(Default)]
struct ArticleHashes(Option<(i64, String)>);

impl ArticleHashes {
    fn of(&mut self, connection: &Connection, id: i64) -> Result<String> {
        if self.0.as_ref().is_none_or(|(cached, _)| *cached != id) {
            let hash = connection
                .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")?
                .query_row([id], |row| row.get(0))?;
            self.0 = Some((id, hash));
        }
        Ok(self.0.as_ref().expect("just read").1.clone())
    }
}

/// The uids of the sources that other sources were copied from: a source's record names the
/// one it was copied from by uid, and that one may belong to a later claim. Only these are
/// held, not every source's.
fn copied_source_uids(connection: &Connection) -> Result<HashMap<i64, String>> {
    let mut statement = connection.prepare(
        "SELECT DISTINCT s.claim_id, a.content_hash, c.start, c.end
         FROM sources s JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id
         WHERE s.id IN (SELECT copied_from FROM sources WHERE copied_from IS NOT NULL)",
    )?;
    let owners = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                ClaimKey {
                    article: row.get(1)?,
                    start: row.get::<_, i64>(2)? as usize,
                    end: row.get::<_, i64>(3)? as usize,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut uids = HashMap::new();
    for (claim_id, key) in owners {
        for (source, _) in claim_history(connection, claim_id, &key)?.sources {
            uids.insert(source.id, source.uid);
        }
    }
    Ok(uids)
}

/// One claim's records: the claim, its values, other places, sources and events.
fn claim_records(
    connection: &Connection,
    claim: Claim,
    key: ClaimKey,
    source_uids: &HashMap<i64, String>,
    write: &mut dyn FnMut(Record) -> Result<()>,
) -> Result<()> {
    let history = claim_history(connection, claim.id, &key)?;
    write(Record::Claim(ClaimRecord {
        id: claim.id,
        uid: Some(claim.uid),
        article: key.article.clone(),
        start: claim.start,
        end: claim.end,
        position: claim.position,
        text: claim.text,
        kind: claim.kind,
        kinds: claim.kinds,
        score: claim.score,
        speaker: claim.speaker,
        status: claim.status,
        status_changed_at: claim.status_changed_at,
        assignee: claim.assignee,
    }))?;
    for (position, value) in claim.values.into_iter().enumerate() {
        write(Record::Value(ValueRecord {
            claim: key.clone(),
            position: position as i64 + 1,
            value_type: value.value_type,
            text: value.text,
            value: value.value,
            unit: value.unit,
            start: value.start,
            end: value.end,
        }))?;
    }
    for occurrence in claim.occurrences {
        write(Record::Occurrence(OccurrenceRecord {
            claim: key.clone(),
            start: occurrence.start,
            end: occurrence.end,
            text: occurrence.text,
        }))?;
    }
    for (mut source, copied_from) in history.sources {
        source.copied_from = copied_from.and_then(|id| source_uids.get(&id).cloned());
        write(Record::Source(source))?;
    }
    for event in history.events {
        write(Record::Event(event))?;
    }
    Ok(())
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

/// An article as an interchange record, from a row of the article columns `article_from_row`
/// reads followed by the body (column 9): `export` and `sync` select the same columns.
pub(super) fn article_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRecord> {
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
}
