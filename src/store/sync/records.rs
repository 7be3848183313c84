//! What this replica has that it has not pushed yet: the rows above each push mark, read as
//! interchange records (the same records `export` writes), each with the identity the remote
//! keeps it under.

use rusqlite::{Connection, params};

use super::Marks;
use crate::error::Result;
use crate::model::{ClaimKind, Normalized, ValueType};
use crate::report::interchange::{
    ClaimKey, ClaimRecord, EventRecord, MatchRecord, OccurrenceRecord, Record, SourceRecord,
    ValueRecord,
};
use crate::store::{conversion_error, status_from_sql};

/// A record with the identity it has on every replica, in the order it must be merged.
pub(crate) struct Outgoing {
    pub uid: String,
    pub record: Record,
}

/// The remote identity of a record: a type letter and what identifies it in the interchange
/// format (content hash, claim key, uid).
pub(crate) fn remote_uid(record: &Record) -> String {
    let key = |k: &ClaimKey| format!("{}:{}:{}", k.article, k.start, k.end);
    match record {
        Record::Article(a) => format!("a:{}", a.content_hash),
        Record::Claim(c) => format!("c:{}", key(&c.key())),
        Record::Value(v) => format!("v:{}:{}", key(&v.claim), v.position),
        Record::Occurrence(o) => format!("o:{}:{}", key(&o.claim), o.start),
        Record::Source(s) => format!("s:{}", s.uid),
        Record::Event(e) => format!("e:{}", e.uid),
        Record::Match(m) => format!("m:{}|{}", key(&m.claim), key(&m.matched)),
    }
}

/// Every record above the marks: articles, claims with their values and other places,
/// sources, events (in the order they were stored, so an undo follows what it undoes), then
/// matches of the new claims.
pub(crate) fn since(connection: &Connection, marks: &Marks) -> Result<Vec<Outgoing>> {
    let mut records = Vec::new();
    articles(connection, marks.articles, &mut records)?;
    claims(connection, marks.claims, &mut records)?;
    values(connection, marks.claims, &mut records)?;
    sources(connection, marks.sources, &mut records)?;
    events(connection, marks.events, &mut records)?;
    matches(connection, marks.claims, &mut records)?;
    Ok(records
        .into_iter()
        .map(|record| Outgoing {
            uid: remote_uid(&record),
            record,
        })
        .collect())
}

fn articles(connection: &Connection, mark: i64, out: &mut Vec<Record>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT a.id, a.title, a.url, a.outlet, a.published, a.reference_date, a.reference_source,
                a.added_at, a.content_hash, t.body
         FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id > ?1 ORDER BY a.id",
    )?;
    let rows = statement.query_map([mark], |row| {
        Ok(Record::Article(crate::store::export::article_record(row)?))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(())
}

fn claim_key(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<ClaimKey> {
    Ok(ClaimKey {
        article: row.get(first)?,
        start: row.get::<_, i64>(first + 1)? as usize,
        end: row.get::<_, i64>(first + 2)? as usize,
    })
}

fn claims(connection: &Connection, mark: i64, out: &mut Vec<Record>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT c.id, a.content_hash, c.start, c.end, c.position, c.text, c.kind, c.kinds, c.score,
                c.speaker, c.status, c.status_changed_at, c.assignee
         FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id > ?1 ORDER BY c.id",
    )?;
    let rows = statement.query_map([mark], |row| {
        let key = claim_key(row, 1)?;
        let kind: String = row.get(6)?;
        let kinds: String = row.get(7)?;
        Ok(Record::Claim(ClaimRecord {
            id: row.get(0)?,
            uid: Some(super::claim_uid(&key.article, key.start, key.end)),
            article: key.article,
            start: key.start,
            end: key.end,
            position: row.get(4)?,
            text: row.get(5)?,
            kind: kind.parse().map_err(|e| conversion_error(6, e))?,
            kinds: kinds
                .split(',')
                .map(str::parse::<ClaimKind>)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| conversion_error(7, e))?,
            score: row.get(8)?,
            speaker: row.get(9)?,
            status: status_from_sql(row, 10)?,
            status_changed_at: row.get(11)?,
            assignee: row.get(12)?,
        }))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(())
}

fn values(connection: &Connection, mark: i64, out: &mut Vec<Record>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT a.content_hash, c.start, c.end, v.position, v.type, v.text, v.value, v.unit, v.start, v.end
         FROM claim_values v JOIN claims c ON c.id = v.claim_id JOIN articles a ON a.id = c.article_id
         WHERE v.claim_id > ?1 ORDER BY v.claim_id, v.position",
    )?;
    let rows = statement.query_map([mark], |row| {
        let value_type: String = row.get(4)?;
        let value: String = row.get(6)?;
        Ok(Record::Value(ValueRecord {
            claim: claim_key(row, 0)?,
            position: row.get(3)?,
            value_type: value_type
                .parse::<ValueType>()
                .map_err(|e| conversion_error(4, e))?,
            text: row.get(5)?,
            value: serde_json::from_str::<Normalized>(&value)
                .map_err(|e| conversion_error(6, e))?,
            unit: row.get(7)?,
            start: row.get::<_, i64>(8)? as usize,
            end: row.get::<_, i64>(9)? as usize,
        }))
    })?;
    for row in rows {
        out.push(row?);
    }
    let mut statement = connection.prepare_cached(
        "SELECT a.content_hash, c.start, c.end, o.start, o.end, o.text
         FROM claim_occurrences o JOIN claims c ON c.id = o.claim_id JOIN articles a ON a.id = c.article_id
         WHERE o.claim_id > ?1 ORDER BY o.claim_id, o.start",
    )?;
    let rows = statement.query_map([mark], |row| {
        Ok(Record::Occurrence(OccurrenceRecord {
            claim: claim_key(row, 0)?,
            start: row.get::<_, i64>(3)? as usize,
            end: row.get::<_, i64>(4)? as usize,
            text: row.get(5)?,
        }))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(())
}

fn sources(connection: &Connection, mark: i64, out: &mut Vec<Record>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT s.uid, s.id, a.content_hash, c.start, c.end, s.reference, s.title, s.excerpt, s.note,
                s.added_by, s.added_at, f.uid, s.withdrawn
         FROM sources s JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id
         LEFT JOIN sources f ON f.id = s.copied_from
         WHERE s.id > ?1 ORDER BY s.id",
    )?;
    let rows = statement.query_map([mark], |row| {
        Ok(Record::Source(SourceRecord {
            uid: row.get(0)?,
            id: row.get(1)?,
            claim: claim_key(row, 2)?,
            reference: row.get(5)?,
            title: row.get(6)?,
            excerpt: row.get(7)?,
            note: row.get(8)?,
            added_by: row.get(9)?,
            added_at: row.get(10)?,
            copied_from: row.get(11)?,
            withdrawn: row.get(12)?,
        }))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(())
}

fn events(connection: &Connection, mark: i64, out: &mut Vec<Record>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT e.uid, e.id, a.content_hash, c.start, c.end, e.action, e.at, e.by, e.from_status,
                e.to_status, e.from_assignee, e.to_assignee, e.note, u.uid,
                sa.content_hash, sc.start, sc.end, e.tick,
                (SELECT json_group_array(uid) FROM (SELECT s.uid FROM event_sources es
                  JOIN sources s ON s.id = es.source_id WHERE es.event_id = e.id AND es.effect = 'add'
                  ORDER BY s.id)),
                (SELECT json_group_array(uid) FROM (SELECT s.uid FROM event_sources es
                  JOIN sources s ON s.id = es.source_id WHERE es.event_id = e.id AND es.effect = 'withdraw'
                  ORDER BY s.id))
         FROM events e JOIN claims c ON c.id = e.claim_id JOIN articles a ON a.id = c.article_id
         LEFT JOIN events u ON u.id = e.undoes
         LEFT JOIN claims sc ON sc.id = e.same_as LEFT JOIN articles sa ON sa.id = sc.article_id
         WHERE e.id > ?1 ORDER BY e.id",
    )?;
    let rows = statement.query_map([mark], |row| {
        let same_as = match row.get::<_, Option<String>>(14)? {
            Some(_) => Some(claim_key(row, 14)?),
            None => None,
        };
        let uids = |index: usize| -> rusqlite::Result<Vec<String>> {
            let json: String = row.get(index)?;
            serde_json::from_str(&json).map_err(|e| conversion_error(index, e))
        };
        Ok(Record::Event(EventRecord {
            uid: row.get(0)?,
            id: row.get(1)?,
            claim: claim_key(row, 2)?,
            action: row.get(5)?,
            at: row.get(6)?,
            by: row.get(7)?,
            from: status_from_sql(row, 8)?,
            to: status_from_sql(row, 9)?,
            from_assignee: row.get(10)?,
            to_assignee: row.get(11)?,
            note: row.get(12)?,
            undoes: row.get(13)?,
            same_as,
            tick: row.get(17)?,
            sources_added: uids(18)?,
            sources_withdrawn: uids(19)?,
        }))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(())
}

fn matches(connection: &Connection, mark: i64, out: &mut Vec<Record>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT a.content_hash, c.start, c.end, b.content_hash, d.start, d.end, m.score
         FROM claim_matches m JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id
         JOIN claims d ON d.id = m.matched_id JOIN articles b ON b.id = d.article_id
         WHERE m.claim_id > ?1",
    )?;
    let rows = statement.query_map(params![mark], |row| {
        Ok((
            claim_key(row, 0)?,
            claim_key(row, 3)?,
            row.get::<_, f64>(6)?,
        ))
    })?;
    // Matches are stored both ways; a new claim's rows give both, whichever claim is older.
    for row in rows {
        let (claim, matched, score) = row?;
        out.push(Record::Match(MatchRecord {
            claim: matched.clone(),
            matched: claim.clone(),
            score,
        }));
        out.push(Record::Match(MatchRecord {
            claim,
            matched,
            score,
        }));
    }
    Ok(())
}
