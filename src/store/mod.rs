//! The only module that speaks SQL: opens and upgrades the database, and reads and writes
//! articles, claims, values, sources and events, one transaction per command.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::error::{Error, Result};
use crate::model::{
    Article, Claim, ClaimKind, Event, Normalized, Occurrence, Progress, Source, Status, Value,
    ValueType,
};

/// The whole current schema, applied to a new database.
const SCHEMA: &str = include_str!("../../schema.sql");

/// The schema version this binary writes. Upgrades from older versions are listed in
/// `UPGRADES`; a database with a higher version is refused.
pub const SCHEMA_VERSION: i64 = 1;

/// `UPGRADES[n]` takes a database from version `n + 1` to `n + 2`. Append only.
const UPGRADES: &[&str] = &[];

/// How long a command waits for another checker's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open claimtrack database.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

/// An article ready to be stored, with its claims.
#[derive(Debug, Clone)]
pub struct NewArticle<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub published: Option<String>,
    pub reference_date: Option<String>,
    pub reference_source: &'a str,
    pub content_hash: &'a str,
    pub body: &'a str,
    pub claims: Vec<NewClaim>,
}

/// A claim ready to be stored.
#[derive(Debug, Clone)]
pub struct NewClaim {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub kinds: Vec<ClaimKind>,
    pub score: f64,
    pub speaker: Option<String>,
    pub values: Vec<Value>,
    pub occurrences: Vec<Occurrence>,
}

/// What `add_article` did.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    New {
        article_id: i64,
        claim_ids: Vec<i64>,
    },
    /// The same text was stored before: nothing was written.
    AlreadyPresent { article_id: i64, title: String },
}

/// Which claims `list_claims` returns.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub article_id: Option<i64>,
    pub status: Option<Status>,
    pub kind: Option<ClaimKind>,
    pub by_score: bool,
    pub limit: Option<u32>,
}

/// A status change to apply to claims.
#[derive(Debug, Clone)]
pub struct Mark<'a> {
    pub status: Status,
    pub sources: &'a [String],
    pub note: Option<&'a str>,
    pub by: &'a str,
    pub at: &'a str,
}

/// One claim's change as applied by `mark`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub claim_id: i64,
    pub from: Status,
    pub to: Status,
}

impl Store {
    /// Open the database at `path`, creating it (and its folders) on first use and upgrading
    /// an older schema. A file that is not a claimtrack database is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let fail = |reason: String| Error::Database {
            path: path.to_path_buf(),
            reason,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| fail(format!("cannot create its folder: {e}")))?;
        }
        if path.is_dir() {
            return Err(fail("is a folder, not a database file".into()));
        }
        let connection = Connection::open(path).map_err(|e| fail(e.to_string()))?;
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(e.to_string()))?;
        // Reading the version first touches nothing, and fails on a file that is not SQLite.
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| fail(describe_open_error(&e)))?;
        if version > SCHEMA_VERSION {
            return Err(fail(format!(
                "was written by a newer claimtrack (schema version {version}, this one knows up to {SCHEMA_VERSION}): upgrade claimtrack"
            )));
        }
        let mut store = Store {
            connection,
            path: path.to_path_buf(),
        };
        store
            .connection
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| fail(describe_open_error(&e)))?;
        store.migrate(version)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self, version: i64) -> Result<()> {
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let transaction = self.write()?;
        // Another process may have created or upgraded the schema while we waited for the lock.
        let version: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version == 0 {
            let tables: i64 = transaction.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |row| row.get(0),
            )?;
            if tables > 0 {
                return Err(Error::Database {
                    path,
                    reason: "is an SQLite database of another program (it has tables but no claimtrack schema version); refusing to change it".into(),
                });
            }
            transaction.execute_batch(SCHEMA)?;
        } else {
            for upgrade in &UPGRADES[(version - 1) as usize..] {
                transaction.execute_batch(upgrade)?;
            }
        }
        transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        transaction.commit()?;
        Ok(())
    }

    /// Start a write transaction that takes the write lock at once, so that two checkers never
    /// both read, then both try to write and one fails with "database is locked".
    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Store an article with its claims and values, or report the article already stored with
    /// the same text.
    pub fn add_article(&mut self, article: &NewArticle<'_>, now: &str) -> Result<Added> {
        let transaction = self.write()?;
        let existing: Option<(i64, String)> = transaction
            .query_row(
                "SELECT id, title FROM articles WHERE content_hash = ?1",
                [article.content_hash],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((article_id, title)) = existing {
            return Ok(Added::AlreadyPresent { article_id, title });
        }
        transaction.execute(
            "INSERT INTO articles (title, url, outlet, published, reference_date, reference_source, added_at, content_hash, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                article.title,
                article.url,
                article.outlet,
                article.published,
                article.reference_date,
                article.reference_source,
                now,
                article.content_hash,
                article.body
            ],
        )?;
        let article_id = transaction.last_insert_rowid();
        let mut claim_ids = Vec::with_capacity(article.claims.len());
        {
            let mut insert_claim = transaction.prepare_cached(
                "INSERT INTO claims (article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'unverified', ?10)",
            )?;
            let mut insert_value = transaction.prepare_cached(
                "INSERT INTO claim_values (claim_id, position, type, text, value, unit, start, end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut insert_occurrence = transaction.prepare_cached(
                "INSERT INTO claim_occurrences (claim_id, start, end, text) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (position, claim) in article.claims.iter().enumerate() {
                insert_claim.execute(params![
                    article_id,
                    position as i64 + 1,
                    claim.text,
                    claim.start as i64,
                    claim.end as i64,
                    claim.kind.as_str(),
                    kinds_to_sql(&claim.kinds),
                    claim.score,
                    claim.speaker,
                    now
                ])?;
                let claim_id = transaction.last_insert_rowid();
                claim_ids.push(claim_id);
                for (value_position, value) in claim.values.iter().enumerate() {
                    insert_value.execute(params![
                        claim_id,
                        value_position as i64 + 1,
                        value.value_type.as_str(),
                        value.text,
                        serde_json::to_string(&value.value).expect("a value serialises"),
                        value.unit,
                        value.start as i64,
                        value.end as i64
                    ])?;
                }
                for occurrence in &claim.occurrences {
                    insert_occurrence.execute(params![
                        claim_id,
                        occurrence.start as i64,
                        occurrence.end as i64,
                        occurrence.text
                    ])?;
                }
            }
        }
        transaction.commit()?;
        Ok(Added::New {
            article_id,
            claim_ids,
        })
    }

    pub fn article(&self, id: i64) -> Result<Article> {
        self.connection
            .query_row(
                "SELECT id, title, url, outlet, published, reference_date, reference_source, added_at, content_hash
                 FROM articles WHERE id = ?1",
                [id],
                article_from_row,
            )
            .optional()?
            .ok_or(Error::NoSuchArticle(id))
    }

    pub fn articles(&self, only: Option<i64>) -> Result<Vec<Article>> {
        if let Some(id) = only {
            return Ok(vec![self.article(id)?]);
        }
        let mut statement = self.connection.prepare(
            "SELECT id, title, url, outlet, published, reference_date, reference_source, added_at, content_hash
             FROM articles ORDER BY id",
        )?;
        let rows = statement.query_map([], article_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims matching `filter`, each with its values, other places and sources.
    pub fn list_claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        if let Some(id) = filter.article_id {
            self.article(id)?;
        }
        let mut sql = String::from(CLAIM_COLUMNS);
        sql.push_str(" WHERE (?1 IS NULL OR article_id = ?1) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR kind = ?3)");
        if filter.by_score {
            sql.push_str(" ORDER BY score DESC, id");
        } else {
            sql.push_str(" ORDER BY id");
        }
        sql.push_str(" LIMIT ?4");
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(
            params![
                filter.article_id,
                filter.status.map(Status::as_str),
                filter.kind.map(ClaimKind::as_str),
                filter.limit.map_or(-1, i64::from)
            ],
            claim_from_row,
        )?;
        let mut claims = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for claim in &mut claims {
            self.fill_claim(claim)?;
        }
        Ok(claims)
    }

    /// One claim with its values, other places and sources.
    pub fn claim(&self, id: i64) -> Result<Claim> {
        let sql = format!("{CLAIM_COLUMNS} WHERE id = ?1");
        let mut claim = self
            .connection
            .query_row(&sql, [id], claim_from_row)
            .optional()?
            .ok_or(Error::NoSuchClaim(id))?;
        self.fill_claim(&mut claim)?;
        Ok(claim)
    }

    fn fill_claim(&self, claim: &mut Claim) -> Result<()> {
        let mut values = self.connection.prepare_cached(
            "SELECT type, text, value, unit, start, end FROM claim_values WHERE claim_id = ?1 ORDER BY position",
        )?;
        claim.values = values
            .query_map([claim.id], |row| {
                let value_type: String = row.get(0)?;
                let value: String = row.get(2)?;
                Ok(Value {
                    value_type: value_type
                        .parse::<ValueType>()
                        .map_err(|e| conversion_error(0, e))?,
                    text: row.get(1)?,
                    value: serde_json::from_str::<Normalized>(&value)
                        .map_err(|e| conversion_error(2, e))?,
                    unit: row.get(3)?,
                    start: row.get::<_, i64>(4)? as usize,
                    end: row.get::<_, i64>(5)? as usize,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut occurrences = self.connection.prepare_cached(
            "SELECT start, end, text FROM claim_occurrences WHERE claim_id = ?1 ORDER BY start",
        )?;
        claim.occurrences = occurrences
            .query_map([claim.id], |row| {
                Ok(Occurrence {
                    start: row.get::<_, i64>(0)? as usize,
                    end: row.get::<_, i64>(1)? as usize,
                    text: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut sources = self.connection.prepare_cached(
            "SELECT id, reference, is_url, title, note, added_by, added_at FROM sources WHERE claim_id = ?1 ORDER BY id",
        )?;
        claim.sources = sources
            .query_map([claim.id], source_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    /// The status history of one claim, oldest first.
    pub fn events(&self, claim_id: i64) -> Result<Vec<Event>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT e.id, e.at, e.by, e.from_status, e.to_status, e.note,
                    (SELECT json_group_array(s.reference) FROM event_sources es JOIN sources s ON s.id = es.source_id
                     WHERE es.event_id = e.id)
             FROM events e WHERE e.claim_id = ?1 ORDER BY e.id",
        )?;
        let rows = statement.query_map([claim_id], |row| {
            let sources: String = row.get(6)?;
            Ok(Event {
                id: row.get(0)?,
                at: row.get(1)?,
                by: row.get(2)?,
                from: status_from_sql(row, 3)?,
                to: status_from_sql(row, 4)?,
                note: row.get(5)?,
                sources: serde_json::from_str(&sources).map_err(|e| conversion_error(6, e))?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Set the status of every claim in `claim_ids`, all or none: one event per claim, the
    /// sources stored and linked to it, and the claim's current status updated in the same
    /// transaction.
    pub fn mark(&mut self, claim_ids: &[i64], mark: &Mark<'_>) -> Result<Vec<Change>> {
        let transaction = self.write()?;
        let mut changes = Vec::with_capacity(claim_ids.len());
        for &claim_id in claim_ids {
            let from: Status = transaction
                .query_row(
                    "SELECT status FROM claims WHERE id = ?1",
                    [claim_id],
                    |row| status_from_sql(row, 0),
                )
                .optional()?
                .ok_or(Error::NoSuchClaim(claim_id))?;
            let sources_before: i64 = transaction.query_row(
                "SELECT count(*) FROM sources WHERE claim_id = ?1",
                [claim_id],
                |row| row.get(0),
            )?;
            if mark.status.needs_source() && mark.sources.is_empty() && sources_before == 0 {
                return Err(Error::Invalid(format!(
                    "claim {claim_id}: '{}' needs a source: give one with --source URL_OR_CITATION",
                    mark.status
                )));
            }
            if mark.status.needs_note() && mark.note.is_none_or(|n| n.trim().is_empty()) {
                return Err(Error::Invalid(format!(
                    "claim {claim_id}: '{}' needs a note saying why: give one with --note TEXT",
                    mark.status
                )));
            }
            transaction.execute(
                "INSERT INTO events (claim_id, at, by, from_status, to_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![claim_id, mark.at, mark.by, from.as_str(), mark.status.as_str(), mark.note],
            )?;
            let event_id = transaction.last_insert_rowid();
            for reference in mark.sources {
                transaction.execute(
                    "INSERT INTO sources (claim_id, reference, is_url, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![claim_id, reference, is_url(reference), mark.by, mark.at],
                )?;
                let source_id = transaction.last_insert_rowid();
                transaction.execute(
                    "INSERT INTO event_sources (event_id, source_id) VALUES (?1, ?2)",
                    params![event_id, source_id],
                )?;
            }
            transaction.execute(
                "UPDATE claims SET status = ?2, status_changed_at = ?3 WHERE id = ?1",
                params![claim_id, mark.status.as_str(), mark.at],
            )?;
            changes.push(Change {
                claim_id,
                from,
                to: mark.status,
            });
        }
        transaction.commit()?;
        Ok(changes)
    }

    /// Claims counted by status, per article (all articles, or only `only`).
    pub fn progress_by_article(&self, only: Option<i64>) -> Result<Vec<(Article, Progress)>> {
        let articles = self.articles(only)?;
        let mut statement = self.connection.prepare_cached(
            "SELECT article_id, status, count(*) FROM claims
             WHERE (?1 IS NULL OR article_id = ?1) GROUP BY article_id, status",
        )?;
        let mut counts: std::collections::HashMap<i64, Progress> = std::collections::HashMap::new();
        let rows = statement.query_map([only], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                status_from_sql(row, 1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (article_id, status, count) = row?;
            counts
                .entry(article_id)
                .or_default()
                .add(status, count as u64);
        }
        Ok(articles
            .into_iter()
            .map(|article| {
                let progress = counts.remove(&article.id).unwrap_or_default();
                (article, progress)
            })
            .collect())
    }
}

const CLAIM_COLUMNS: &str = "SELECT id, article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at FROM claims";

fn claim_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    let kind: String = row.get(6)?;
    let kinds: String = row.get(7)?;
    Ok(Claim {
        id: row.get(0)?,
        article_id: row.get(1)?,
        position: row.get(2)?,
        text: row.get(3)?,
        start: row.get::<_, i64>(4)? as usize,
        end: row.get::<_, i64>(5)? as usize,
        kind: kind.parse().map_err(|e| conversion_error(6, e))?,
        kinds: kinds
            .split(',')
            .map(str::parse)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| conversion_error(7, e))?,
        score: row.get(8)?,
        speaker: row.get(9)?,
        status: status_from_sql(row, 10)?,
        status_changed_at: row.get(11)?,
        values: Vec::new(),
        occurrences: Vec::new(),
        sources: Vec::new(),
    })
}

fn article_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: row.get(0)?,
        title: row.get(1)?,
        url: row.get(2)?,
        outlet: row.get(3)?,
        published: row.get(4)?,
        reference_date: row.get(5)?,
        reference_source: row.get(6)?,
        added_at: row.get(7)?,
        content_hash: row.get(8)?,
    })
}

fn source_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        reference: row.get(1)?,
        is_url: row.get(2)?,
        title: row.get(3)?,
        note: row.get(4)?,
        added_by: row.get(5)?,
        added_at: row.get(6)?,
    })
}

fn status_from_sql(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Status> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e| conversion_error(index, e))
}

fn conversion_error(
    index: usize,
    error: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(error))
}

fn kinds_to_sql(kinds: &[ClaimKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A source is a URL when it is an http(s) link; anything else is kept as a citation.
pub fn is_url(reference: &str) -> bool {
    let lower = reference.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !reference.trim().contains(char::is_whitespace)
}

fn describe_open_error(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "is not a claimtrack database (not an SQLite file, or a damaged one); refusing to touch it".into()
        }
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "is busy: another claimtrack is writing to it; try again".into()
        }
        _ => error.to_string(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Error::Storage(describe_open_error(&error))
    }
}
