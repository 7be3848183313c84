//! The only module that speaks SQL: opens and upgrades the database, and reads and writes
//! articles, claims, values, sources and events, one transaction per command.
//!
//! `mod.rs` opens the file and owns the schema version; `claims.rs` stores and reads articles
//! and claims; `events.rs` applies every change as an event; `progress.rs` counts.

mod candidates;
mod claims;
mod corrections;
mod events;
mod export;
mod import;
mod import_rules;
mod labels;
mod progress;
mod reports;
mod search;
mod sync;

pub use candidates::{MatchKeys, WITHOUT_MATCHING_VARIABLE};
pub use claims::{Added, Batch, ClaimFilter, NewArticle, NewClaim};
pub use corrections::ArticleEdit;
pub use events::{Change, Mark, NewSource, Selection};
pub use export::{ArticleCache, Settled};
pub use import::Imported;
pub use labels::LabelledArticle;
pub use progress::CheckerProgress;
pub use reports::DayActivity;
pub use search::{Found, HIGHLIGHT_END, HIGHLIGHT_START};
pub use sync::{FAULT_VARIABLE, PgEnvironment, Remote, Synced};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::{Article, Claim, ClaimKind, Source, Status};

/// The whole current schema, applied to a new database.
const SCHEMA: &str = include_str!("../../schema.sql");

/// The schema version this binary writes. Upgrades from older versions are listed in
/// `UPGRADES`; a database with a higher version is refused.
pub const SCHEMA_VERSION: i64 = 11;

/// `UPGRADES[n]` takes a database from version `n + 1` to `n + 2`. Append only.
const UPGRADES: &[&str] = &[
    // 1 to 2: claim_matches becomes a WITHOUT ROWID table keyed best first,
    // (claim_id, score DESC, matched_id), without its separate index (see schema.sql).
    "CREATE TABLE claim_matches_2 (
         claim_id   INTEGER NOT NULL REFERENCES claims (id),
         matched_id INTEGER NOT NULL REFERENCES claims (id),
         score      REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
         PRIMARY KEY (claim_id, score DESC, matched_id),
         CHECK (claim_id <> matched_id)
     ) WITHOUT ROWID;
     INSERT INTO claim_matches_2 (claim_id, matched_id, score)
         SELECT claim_id, matched_id, score FROM claim_matches;
     DROP TABLE claim_matches;
     ALTER TABLE claim_matches_2 RENAME TO claim_matches;",
    // 2 to 3 (upgrade by desk): the status CHECKs of claims and events accept 'dismissed', the
    // action CHECK of events accepts 'added' (`claim add`), and article corrections get their
    // own append-only table. Only CHECK constraints change, so the table definitions are
    // edited in place by SQLite's documented procedure for such changes
    // (https://www.sqlite.org/lang_altertable.html#otheralter) instead of rebuilding `claims`,
    // which every other table references: rows, triggers and indexes stay exactly as they
    // are. `writable_schema = RESET` reloads the schema on this connection; the CREATE TABLE
    // after it bumps the schema cookie, so other connections reload it too. `claims_upgraded`
    // in the tests checks the outcome on a version-2 file.
    "PRAGMA writable_schema = ON;
     UPDATE sqlite_master SET sql = replace(sql,
         '''misleading'', ''unverifiable'')', '''misleading'', ''unverifiable'', ''dismissed'')')
         WHERE type = 'table' AND name IN ('claims', 'events') AND sql NOT LIKE '%''dismissed''%';
     UPDATE sqlite_master SET sql = replace(sql,
         '''same-as'', ''undo'')', '''same-as'', ''undo'', ''added'')')
         WHERE type = 'table' AND name = 'events' AND sql NOT LIKE '%''added''%';
     PRAGMA writable_schema = RESET;
     CREATE TABLE IF NOT EXISTS article_events (
         id         INTEGER PRIMARY KEY,
         article_id INTEGER NOT NULL REFERENCES articles (id),
         field      TEXT    NOT NULL CHECK (field IN ('title', 'url', 'outlet', 'published')),
         old_value  TEXT,
         new_value  TEXT,
         at         TEXT    NOT NULL,
         by         TEXT    NOT NULL,
         note       TEXT
     );
     CREATE INDEX IF NOT EXISTS article_events_by_article ON article_events (article_id, id);
     CREATE TRIGGER IF NOT EXISTS article_events_are_append_only_update BEFORE UPDATE ON article_events
     BEGIN
         SELECT RAISE(ABORT, 'article events are append-only');
     END;
     CREATE TRIGGER IF NOT EXISTS article_events_are_append_only_delete BEFORE DELETE ON article_events
     BEGIN
         SELECT RAISE(ABORT, 'article events are append-only');
     END;",
    // 3 to 4 -- upgrade by sync: identities that hold on every replica, a per-claim tick that
    // orders an author's events within a second, the conflict flag, sync marks and settings.
    // `sync::backfill_identities` then fills uid and tick of the rows already there.
    "ALTER TABLE claims ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1));
     ALTER TABLE sources ADD COLUMN uid TEXT;
     ALTER TABLE events ADD COLUMN uid TEXT;
     ALTER TABLE events ADD COLUMN tick INTEGER;
     CREATE INDEX claims_in_conflict ON claims (id) WHERE conflict = 1;
     CREATE UNIQUE INDEX sources_by_uid ON sources (uid);
     CREATE UNIQUE INDEX events_by_uid ON events (uid);
     CREATE TABLE sync_marks (
         desk     TEXT    PRIMARY KEY,
         pulled   INTEGER NOT NULL DEFAULT 0,
         articles INTEGER NOT NULL DEFAULT 0,
         claims   INTEGER NOT NULL DEFAULT 0,
         sources  INTEGER NOT NULL DEFAULT 0,
         events   INTEGER NOT NULL DEFAULT 0,
         synced_at TEXT
     );
     CREATE TABLE settings (
         name  TEXT PRIMARY KEY,
         value TEXT NOT NULL
     );",
    // 4 to 5 (upgrade by speed): claim_values_by_claim repeated the first column of the
    // (claim_id, position) key; dropping it made inserting values 5% cheaper.
    "DROP INDEX IF EXISTS claim_values_by_claim;",
    // 5 to 6 (upgrade by matching): the candidate index and document frequencies of claim
    // matching, and a full-text index that stems words and holds normalised figures. Value
    // keys change form; `after_upgrade` recomputes them and fills the new tables.
    "CREATE TABLE IF NOT EXISTS match_terms (term INTEGER PRIMARY KEY, claims INTEGER NOT NULL);
     CREATE TABLE IF NOT EXISTS match_keys (
         key      INTEGER NOT NULL,
         claim_id INTEGER NOT NULL REFERENCES claims (id),
         PRIMARY KEY (key, claim_id)
     ) WITHOUT ROWID;
     DELETE FROM match_terms;
     DELETE FROM match_keys;
     DROP TABLE IF EXISTS claims_fts;
     CREATE VIRTUAL TABLE claims_fts USING fts5 (
         text, value_key, content = 'claims', content_rowid = 'id', tokenize = 'porter unicode61'
     );
     UPDATE claims SET value_key = '' WHERE value_key <> '';",
    // 6 to 7 (upgrade by matching3): the candidate index moves into match_terms, the newest
    // eight claims under each key, so that one read gives a key's frequency and candidates.
    // Rebuilt rather than altered: a database taken back from a newer schema (tests do) may
    // have the column already.
    "CREATE TABLE IF NOT EXISTS match_keys (
         key INTEGER NOT NULL, claim_id INTEGER NOT NULL, PRIMARY KEY (key, claim_id)
     ) WITHOUT ROWID;
     CREATE TEMP TABLE match_terms_7 AS
         SELECT term, claims, (
             SELECT group_concat(claim_id, ' ' ORDER BY claim_id DESC) FROM (
                 SELECT claim_id FROM match_keys k WHERE k.key = match_terms.term
                 ORDER BY claim_id DESC LIMIT 8)) AS postings
         FROM match_terms;
     DROP TABLE match_terms;
     CREATE TABLE match_terms (
         term     INTEGER PRIMARY KEY,
         claims   INTEGER NOT NULL,
         postings TEXT
     );
     INSERT INTO match_terms (term, claims, postings)
         SELECT term, claims, postings FROM match_terms_7;
     DROP TABLE match_terms_7;
     DROP TABLE match_keys;",
    // 7 to 8 -- upgrade by speed2: the store counts an article's new claims with one statement
    // instead of a trigger per inserted row (a fifth of add's writing, measured by
    // `--pieces-from` in benches/throughput.rs), and the index on value_key, which no query
    // read, goes (a tenth). Counts already stored stay as they are.
    "DROP TRIGGER IF EXISTS claims_counted_on_insert;
     DROP INDEX IF EXISTS claims_by_value_key;",
    // 8 to 9 -- upgrade by speed4: the CHECKs on a set of words of the tables `add` writes
    // become chains of `=`, which SQLite tests in place; for an IN list of more than two
    // values it built a temporary b-tree at every inserted row (7% of add's storing time,
    // perf). The same constraints, edited in place as in the 2-to-3 upgrade; the table
    // created and dropped bumps the schema cookie so that other connections reload it.
    "PRAGMA writable_schema = ON;
     UPDATE sqlite_master SET sql = replace(sql,
         'CHECK (kind IN (''election'', ''quantity'', ''date'', ''quote'', ''role'', ''statement''))',
         'CHECK (kind = ''election'' OR kind = ''quantity'' OR kind = ''date'' OR kind = ''quote'' OR kind = ''role'' OR kind = ''statement'')')
         WHERE type = 'table' AND name = 'claims';
     UPDATE sqlite_master SET sql = replace(sql,
         'CHECK (status IN (''unverified'', ''in-progress'', ''verified'', ''false'', ''misleading'', ''unverifiable'', ''dismissed''))',
         'CHECK (status = ''unverified'' OR status = ''in-progress'' OR status = ''verified'' OR status = ''false'' OR status = ''misleading'' OR status = ''unverifiable'' OR status = ''dismissed'')')
         WHERE type = 'table' AND name = 'claims';
     UPDATE sqlite_master SET sql = replace(sql,
         'CHECK (type IN (''count'', ''number'', ''money'', ''percent'', ''ordinal'', ''range'', ''date''))',
         'CHECK (type = ''count'' OR type = ''number'' OR type = ''money'' OR type = ''percent'' OR type = ''ordinal'' OR type = ''range'' OR type = ''date'')')
         WHERE type = 'table' AND name = 'claim_values';
     UPDATE sqlite_master SET sql = replace(sql,
         'CHECK (reference_source IN (''given'', ''text'', ''none''))',
         'CHECK (reference_source = ''given'' OR reference_source = ''text'' OR reference_source = ''none'')')
         WHERE type = 'table' AND name = 'articles';
     PRAGMA writable_schema = RESET;
     CREATE TABLE claimtrack_upgrade_9 (x);
     DROP TABLE claimtrack_upgrade_9;",
    // 9 to 10: matching reads paraphrases ("troops", "soldiers") as one word, so the words a
    // claim is counted and filed under changed; `after_upgrade` rebuilds the index from the
    // claims. Full-text rows and the matches already stored stay as they were.
    "DELETE FROM match_terms;",
    // 10 to 11 (upgrade by match10): more paraphrase classes ("fell"/"dropped",
    // "jobless"/"unemployment"), so the index is rebuilt again, as from 9 to 10.
    "DELETE FROM match_terms;",
];

/// The version whose upgrade added sources' and events' uid and tick columns: a database
/// older than it has them filled in Rust (uids are hashes SQL cannot compute) after the SQL.
const IDENTITIES_SINCE: i64 = 4;

/// The version whose upgrade added matching's candidate index and a stemming full-text index:
/// a database older than it has its value keys recomputed and its claims indexed after the SQL.
const MATCHING_SINCE: i64 = 6;

/// The version from which matching joins the paraphrases of `paraphrases.txt` as they are now
/// into one word: an older database with a candidate index has it rebuilt after the SQL.
const PARAPHRASES_SINCE: i64 = 11;

/// Set on every open. WAL lets readers work while a checker writes; in WAL mode
/// `synchronous = NORMAL` cannot corrupt the database (a power cut may lose the last commits,
/// never half of one) and saves an fsync per commit. The page cache is 8 MiB: adding 20 MB
/// of articles peaked at 180 MB of memory with 64 MiB and 137 MB with 16 MiB, for the same
/// CPU time (14.8 and 14.4 s, one run each), and on top of a 680,000-claim archive for 6%
/// more system time (reads the OS cache serves). From 16 to 8 MiB, alternated on the idle
/// machine: adding 200 MB peaked at 141 MiB against 152.6 and 153.8 MiB (the target is 150), adding
/// 20 MB to a 685,559-claim database took 0.89-1.04x the CPU time, to an empty one 1.03-1.18x.
const OPEN_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;";

/// Set on a read-only open: what `OPEN_PRAGMAS` sets that does not write to the file.
const READ_PRAGMAS: &str =
    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";

/// How long a command waits for another checker's write to finish before giving up, unless
/// `BUSY_TIMEOUT_VARIABLE` says otherwise.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The environment variable that overrides `BUSY_TIMEOUT`, in milliseconds. Read here rather
/// than in `Config` because it only tunes how the connection waits, and so that tests can make
/// a blocked writer give up in a fraction of a second.
pub const BUSY_TIMEOUT_VARIABLE: &str = "CLAIMTRACK_BUSY_TIMEOUT_MS";

const FOREIGN_DATABASE: &str = "is an SQLite database of another program (it has tables but no claimtrack schema version); refusing to change it";

/// The columns `source_from_row` reads, in order.
pub(crate) const SOURCE_COLUMNS: &str = "SELECT id, reference, is_url, title, excerpt, note, added_by, added_at, copied_from FROM sources";

/// Stop SQLite keeping memory statistics, which nothing here reads: each of its allocations
/// took a global mutex for them, 5% of `add`'s time (measured with perf on 5 MB). It can only
/// be set before SQLite starts, hence once, before the first connection; if SQLite has started
/// already, the call is refused and nothing changes.
fn switch_off_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: the option takes one int. Called once (the Once); if SQLite has already
        // started it returns SQLITE_MISUSE and changes nothing.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
}

/// An open claimtrack database.
pub struct Store {
    connection: Connection,
    path: PathBuf,
    busy_timeout: Duration,
    /// Content words of stored claims, by claim id, for matching (see `candidates::FingerprintCache`).
    words: candidates::FingerprintCache,
}

impl Store {
    /// Open the database at `path`, creating it (and its folders) on first use and upgrading
    /// an older schema. A file that is not a claimtrack database is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let fail = |reason: String| Error::Database {
            path: path.to_path_buf(),
            reason,
        };
        refuse_special_name(path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| fail(format!("cannot create its folder: {e}")))?;
        }
        if path.is_dir() {
            return Err(fail("is a folder, not a database file".into()));
        }
        let busy_timeout = busy_timeout_from(std::env::var(BUSY_TIMEOUT_VARIABLE).ok())?;
        switch_off_memory_statistics();
        // No SQLITE_OPEN_URI: a path is a file name, never `file:...?mode=memory`.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection =
            Connection::open_with_flags(path, flags).map_err(|e| fail(e.to_string()))?;
        connection
            .busy_timeout(busy_timeout)
            .map_err(|e| fail(e.to_string()))?;
        let version = check_claimtrack(&connection).map_err(fail)?;
        let mut store = Store {
            connection,
            path: path.to_path_buf(),
            busy_timeout,
            words: candidates::FingerprintCache::default(),
        };
        // Setting WAL rewrites the file header: only now that the file is known to be ours.
        store
            .connection
            .execute_batch(OPEN_PRAGMAS)
            .map_err(|e| fail(describe_open_error(&e)))?;
        store.plan_stably().map_err(fail)?;
        store.migrate(version)?;
        Ok(store)
    }

    /// Open an existing database for reading only: nothing is written to it, not even the
    /// switch to WAL, and it can be read on read-only media (when SQLite cannot create the
    /// WAL index next to it, the file is opened as immutable). A database that does not
    /// exist yet, or has an older schema, is opened by `open`, which creates or upgrades it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let fail = |reason: String| Error::Database {
            path: path.to_path_buf(),
            reason,
        };
        refuse_special_name(path)?;
        if !path.exists() {
            return Store::open(path);
        }
        if path.is_dir() {
            return Err(fail("is a folder, not a database file".into()));
        }
        let busy_timeout = busy_timeout_from(std::env::var(BUSY_TIMEOUT_VARIABLE).ok())?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection =
            Connection::open_with_flags(path, flags).map_err(|e| fail(e.to_string()))?;
        connection
            .busy_timeout(busy_timeout)
            .map_err(|e| fail(e.to_string()))?;
        let connection = match check_claimtrack(&connection) {
            Ok(_) => connection,
            Err(reason) if !cannot_open_read_only(&connection) => return Err(fail(reason)),
            Err(_) => {
                let immutable = Connection::open_with_flags(
                    immutable_uri(path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(|e| fail(e.to_string()))?;
                check_claimtrack(&immutable).map_err(fail)?;
                immutable
            }
        };
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| fail(describe_open_error(&e)))?;
        if version != SCHEMA_VERSION {
            drop(connection);
            return Store::open(path);
        }
        let store = Store {
            connection,
            path: path.to_path_buf(),
            busy_timeout,
            words: candidates::FingerprintCache::default(),
        };
        store
            .connection
            .execute_batch(READ_PRAGMAS)
            .map_err(|e| fail(describe_open_error(&e)))?;
        store.plan_stably().map_err(fail)?;
        Ok(store)
    }

    /// The query planner stability guarantee: without it SQLite re-prepares a statement
    /// whenever a parameter it might plan by is bound to a new value. Matching binds the new
    /// article's first claim id into its two candidate queries, so both were parsed and
    /// planned again for every article of a batch (a seventh of `add` on a large archive).
    /// claimtrack never runs ANALYZE, so no plan depended on those values.
    fn plan_stably(&self) -> std::result::Result<(), String> {
        self.connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map(|_| ())
            .map_err(|e| e.to_string())
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
                    reason: FOREIGN_DATABASE.into(),
                });
            }
            transaction.execute_batch(SCHEMA)?;
        } else {
            let from = usize::try_from(version - 1)
                .ok()
                .filter(|&i| i < UPGRADES.len());
            let Some(from) = from else {
                return Err(Error::Database {
                    path,
                    reason: format!(
                        "has an unknown schema version {version}; refusing to change it"
                    ),
                });
            };
            for upgrade in &UPGRADES[from..] {
                transaction.execute_batch(upgrade)?;
            }
            if version < IDENTITIES_SINCE {
                sync::backfill_identities(&transaction)?;
            }
            if version < MATCHING_SINCE {
                claims::refresh_value_keys(&transaction, 0)?;
                candidates::index_claims_after(&transaction, 0)?;
            } else if version < PARAPHRASES_SINCE {
                candidates::reindex_terms(&transaction)?;
            }
        }
        transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        transaction.commit()?;
        Ok(())
    }

    /// Start a write transaction that takes the write lock at once, so that two checkers never
    /// both read, then both try to write and one fails with "database is locked".
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>> {
        begin_write(&mut self.connection, &self.path, self.busy_timeout)
    }

    /// Cap the database at `pages` pages (never below its current size) and return the cap in
    /// force. This exists for tests: it makes the next write fail as on a full disk, so they can
    /// check that the failed command rolls back and leaves nothing half-written.
    pub fn limit_pages_for_tests(&self, pages: i64) -> Result<i64> {
        Ok(self
            .connection
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |row| {
                row.get(0)
            })?)
    }

    /// How many pages the database has now (for `limit_pages_for_tests`).
    pub fn page_count(&self) -> Result<i64> {
        Ok(self
            .connection
            .query_row("PRAGMA page_count", [], |row| row.get(0))?)
    }
}

/// `Store::write` on the connection alone, so that a caller can hold the transaction and
/// another field of the store at once.
fn begin_write<'c>(
    connection: &'c mut Connection,
    path: &Path,
    waited: Duration,
) -> Result<Transaction<'c>> {
    begin_write_shared(connection, path, waited)
}

/// `begin_write` on a shared borrow of the connection, for a batch that also needs the
/// connection once its transaction has ended (`claims::PragmaOff`).
fn begin_write_shared<'c>(
    connection: &'c Connection,
    path: &Path,
    waited: Duration,
) -> Result<Transaction<'c>> {
    Transaction::new_unchecked(connection, TransactionBehavior::Immediate)
            .map_err(|error| match error.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    Error::Database {
                        path: path.to_path_buf(),
                        reason: format!(
                            "is busy: another claimtrack is writing to it and did not finish within {} ms ({BUSY_TIMEOUT_VARIABLE}); nothing was changed, try again",
                            waited.as_millis()
                        ),
                    }
                }
                _ => error.into(),
            })
}

/// The busy timeout: `BUSY_TIMEOUT`, or the value of `BUSY_TIMEOUT_VARIABLE` in milliseconds.
fn busy_timeout_from(value: Option<String>) -> Result<Duration> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(BUSY_TIMEOUT),
        Some(text) => text.parse().map(Duration::from_millis).map_err(|_| {
            Error::Invalid(format!(
                "{BUSY_TIMEOUT_VARIABLE}='{text}' is not a number of milliseconds"
            ))
        }),
    }
}

pub(crate) const CLAIM_COLUMNS: &str = "SELECT id, article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at, assignee, conflict, (SELECT content_hash FROM articles WHERE articles.id = claims.article_id) FROM claims";

pub(crate) fn claim_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    let kind: String = row.get(6)?;
    let kinds: String = row.get(7)?;
    let start = row.get::<_, i64>(4)? as usize;
    let end = row.get::<_, i64>(5)? as usize;
    let article_hash: String = row.get(14)?;
    Ok(Claim {
        id: row.get(0)?,
        uid: sync::claim_uid(&article_hash, start, end),
        conflict: row.get(13)?,
        article_id: row.get(1)?,
        position: row.get(2)?,
        text: row.get(3)?,
        start,
        end,
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
        assignee: row.get(12)?,
        values: Vec::new(),
        occurrences: Vec::new(),
        sources: Vec::new(),
        matches: Vec::new(),
    })
}

pub(crate) fn article_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
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

pub(crate) fn source_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        reference: row.get(1)?,
        is_url: row.get(2)?,
        title: row.get(3)?,
        excerpt: row.get(4)?,
        note: row.get(5)?,
        added_by: row.get(6)?,
        added_at: row.get(7)?,
        copied_from: row.get(8)?,
    })
}

pub(crate) fn status_from_sql(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Status> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e| conversion_error(index, e))
}

pub(crate) fn conversion_error(
    index: usize,
    error: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(error))
}

pub(crate) fn kinds_to_sql(kinds: &[ClaimKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A source is a URL when it is an http(s) link; anything else is kept as a citation.
pub fn is_url(reference: &str) -> bool {
    crate::model::is_web_url(reference.trim())
}

/// The tables every claimtrack schema version has had: a file whose `user_version` claims to
/// be ours but lacks them was written by another program.
const CLAIMTRACK_TABLES: [&str; 4] = ["articles", "article_texts", "claims", "events"];

/// The schema version of a claimtrack database (0 for an empty file), or why the file is not
/// one this binary may touch: not SQLite, another program's database, a negative or newer
/// version. Only reads.
fn check_claimtrack(connection: &Connection) -> std::result::Result<i64, String> {
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| describe_open_error(&e))?;
    if version > SCHEMA_VERSION {
        return Err(format!(
            "was written by a newer claimtrack (schema version {version}, this one knows up to {SCHEMA_VERSION}): upgrade claimtrack"
        ));
    }
    if version < 0 {
        return Err(format!(
            "has schema version {version}, which no claimtrack writes: it is another program's file; refusing to change it"
        ));
    }
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| describe_open_error(&e))?;
    if version == 0 && !tables.is_empty() {
        return Err(FOREIGN_DATABASE.into());
    }
    if version > 0
        && !CLAIMTRACK_TABLES
            .iter()
            .all(|wanted| tables.iter().any(|t| t == wanted))
    {
        return Err(format!(
            "is an SQLite database of another program (schema version {version}, but not claimtrack's tables); refusing to change it"
        ));
    }
    Ok(version)
}

/// True when a read-only connection failed because SQLite could not open the WAL index
/// (a WAL database on read-only media, where the `-shm` file cannot be created).
fn cannot_open_read_only(connection: &Connection) -> bool {
    let probe = connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    });
    matches!(
        probe.as_ref().err().and_then(|e| e.sqlite_error_code()),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// `path` as an SQLite URI with `immutable=1`: no locks, no WAL index, no writes. Only for
/// a file nobody can be changing, which read-only media is.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'?' | b'#' | b'%' | 0x80.. => uri.push_str(&format!("%{byte:02X}")),
            _ => uri.push(byte as char),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The names SQLite gives a meaning of its own: `:memory:` and an empty name are databases
/// that vanish when the command ends, and a `file:` name is a URI whose options (`mode=memory`,
/// `vfs=`) would silently store nothing. claimtrack only ever opens a plain file.
pub fn refuse_special_name(path: &Path) -> Result<()> {
    let name = path.to_string_lossy();
    let reason = if name.is_empty() || name == ":memory:" {
        "is an in-memory database: nothing would be kept; give a file path"
    } else if name.starts_with("file:") {
        "looks like an SQLite URI; claimtrack takes a plain file path (write ./file:... for a file named so)"
    } else {
        return Ok(());
    };
    Err(Error::Database {
        path: path.to_path_buf(),
        reason: reason.into(),
    })
}

fn describe_open_error(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "is not a claimtrack database (not an SQLite file, or a damaged one); refusing to touch it".into()
        }
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "is busy: another claimtrack is writing to it; try again".into()
        }
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => format!(
            "cannot be opened for writing ({error}): check that the file and its folder can be written; the commands that only read (list, show, status, export, report) also work on read-only media"
        ),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            "is damaged (database disk image is malformed); refusing to change it: restore it from a backup".into()
        }
        // Seen on a full disk, and when a test caps the size with `limit_pages_for_tests`.
        Some(rusqlite::ErrorCode::DiskFull) => {
            "the disk is full (or the database reached its size limit): the change was rolled back and nothing was written; free some space and try again".into()
        }
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            format!("input/output error ({error}): the change was rolled back; check the disk")
        }
        _ => error.to_string(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure) => {
                Error::StorageFull(describe_open_error(&error))
            }
            _ => Error::Storage(describe_open_error(&error)),
        }
    }
}
