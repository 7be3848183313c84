//! Articles and claims: storing an extracted article in one transaction (with its full-text
//! rows and its matches against claims already stored), and reading claims back.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::candidates::{FingerprintCache, Learnt, MatchKeys, Pending, record_matches};
use super::{
    CLAIM_COLUMNS, SOURCE_COLUMNS, Store, article_from_row, claim_from_row, conversion_error,
    kinds_to_sql, source_from_row, status_from_sql,
};
use crate::error::{Error, Result};
use crate::matching::Fingerprint;
use crate::model::{
    Article, Claim, ClaimKind, Match, MatchWhy, Normalized, Occurrence, Status, Value, ValueType,
};

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
    /// What matching needs of the claim, computed where the claim is made: batch add makes
    /// claims on its reading thread, so the storing thread (the bottleneck) does not.
    pub keys: MatchKeys,
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
    pub assignee: Option<String>,
    /// Only claims flagged as a conflict by a sync.
    pub conflicts: bool,
    pub by_score: bool,
    pub limit: Option<u32>,
    /// Leave out dismissed claims (what `list` does unless asked for a status).
    pub hide_dismissed: bool,
}

/// Articles being added in one transaction; dropped without `commit`, none of them is kept.
pub struct Batch<'a> {
    transaction: Transaction<'a>,
    /// The store's cache, taken for the batch and given back by `commit`: if the batch is
    /// rolled back, the words of its claims (whose ids will be reused) are forgotten with it.
    words: FingerprintCache,
    home: &'a mut FingerprintCache,
    pending: Pending,
    broken: bool,
    /// Set to None at commit, so that the match and full-text rows are checked.
    checks: Option<PragmaOff<'a>>,
    /// Declared last, so that foreign keys come back on once the transaction has ended.
    _keys: PragmaOff<'a>,
}

/// A pragma switched off on a connection, and back on when dropped. A batch holds two:
///
/// - Foreign keys, set around the transaction (SQLite ignores the pragma inside one). A batch
///   only writes rows whose parents it inserted itself or read in the same transaction (an
///   article's claims, their values and places, matches between stored claims), yet with the
///   checks on each match row looked its two claims up: on a 685,559-claim archive those
///   random reads were a tenth of the storing thread's time.
/// - The schema's CHECKs, while the batch stores articles. What they guard in the rows
///   `insert_article` writes is either fixed by the types (kinds, statuses and value types are
///   enums, values are serialised by serde, dates formatted by chrono) or checked in Rust
///   first (`check_new_article`): evaluating them in SQL for every claim, value and article
///   was 5% of the storing thread's instructions. The batch's commit (match rows, full-text
///   rows) has them evaluated again.
///
/// Every other write, and every other program, still has both checked.
struct PragmaOff<'a> {
    connection: &'a Connection,
    /// The statement that switches it back on.
    on: &'static str,
}

/// The two pragmas a batch switches off: the statement that does it and the one that undoes it.
const FOREIGN_KEYS: [&str; 2] = ["PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON"];
const CHECKS: [&str; 2] = [
    "PRAGMA ignore_check_constraints = ON",
    "PRAGMA ignore_check_constraints = OFF",
];

impl<'a> PragmaOff<'a> {
    fn switch(connection: &'a Connection, [off, on]: [&'static str; 2]) -> Result<PragmaOff<'a>> {
        connection.prepare_cached(off)?.execute([])?;
        Ok(PragmaOff { connection, on })
    }
}

impl Drop for PragmaOff<'_> {
    fn drop(&mut self) {
        // Cannot fail outside a transaction; if it did, the next command's open sets it again.
        let _ = self.connection.execute_batch(self.on);
    }
}

/// What the schema's CHECKs on articles, claims and other places would refuse and the types
/// do not rule out, refused the same way before anything is written.
fn check_new_article(article: &NewArticle<'_>) -> Result<()> {
    let refuse = |what: &str| Err(Error::Invalid(format!("cannot store the article: {what}")));
    let is_day = |text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .is_ok_and(|day| day.format("%Y-%m-%d").to_string() == text)
    };
    if !matches!(article.reference_source, "given" | "text" | "none") {
        return refuse("unknown reference source");
    }
    for day in [&article.published, &article.reference_date]
        .into_iter()
        .flatten()
    {
        if !is_day(day) {
            return refuse("a date that is not YYYY-MM-DD");
        }
    }
    for claim in &article.claims {
        let spans = std::iter::once((claim.start, claim.end))
            .chain(claim.occurrences.iter().map(|o| (o.start, o.end)));
        if spans.into_iter().any(|(start, end)| end <= start) {
            return refuse("a claim whose span is empty");
        }
        if !(0.0..=1.0).contains(&claim.score) {
            return refuse("a claim whose score is outside 0 to 1");
        }
    }
    Ok(())
}

impl Batch<'_> {
    /// Add one article; on error the article leaves no trace and the batch goes on, unless
    /// SQLite itself rolled the whole batch back (a full disk, an I/O error): then
    /// `is_broken` says so and the batch must stop.
    pub fn add(&mut self, article: NewArticle<'_>, now: &str) -> Result<Added> {
        let result = self.try_add(article, now);
        if let Err(Error::StorageFull(_)) = result {
            self.broken = true;
        }
        result
    }

    fn try_add(&mut self, article: NewArticle<'_>, now: &str) -> Result<Added> {
        check_new_article(&article)?;
        // A savepoint by prepared statements: rusqlite's `savepoint()` parses its SQL afresh
        // for every article, which was a twentieth of a batch's time.
        let transaction = &self.transaction;
        transaction
            .prepare_cached("SAVEPOINT article")?
            .execute([])?;
        let mut learnt = self.pending.learnt();
        let inserted = insert_article(
            transaction,
            article,
            now,
            &mut self.words,
            &mut self.pending,
            &mut learnt,
        )
        .and_then(|added| {
            transaction.prepare_cached("RELEASE article")?.execute([])?;
            Ok(added)
        });
        match inserted {
            Ok(added) => {
                let fingerprints = learnt.keep(&mut self.pending);
                self.words.extend(fingerprints);
                Ok(added)
            }
            Err(error) => {
                // Undo this article only. If SQLite already rolled the whole transaction
                // back (a full disk), there is no savepoint left and `is_broken` says so.
                let _ = transaction.execute_batch("ROLLBACK TO article; RELEASE article");
                Err(error)
            }
        }
    }

    /// True when the batch cannot go on: the disk is full or failed (nothing more can be
    /// written), or SQLite rolled the transaction back, so the next articles would be written
    /// outside any transaction.
    pub fn is_broken(&self) -> bool {
        self.broken || self.transaction.is_autocommit()
    }

    /// Index the batch's claims for full-text search and make the batch durable.
    pub fn commit(mut self) -> Result<()> {
        drop(self.checks.take());
        self.pending.write(&self.transaction)?;
        self.transaction.commit()?;
        *self.home = self.words;
        Ok(())
    }
}

/// How many matches `list` shows per claim: the best few are what a checker acts on.
pub const LISTED_MATCHES: usize = 5;

impl Store {
    /// Store an article with its claims, values and full-text rows, and record which stored
    /// claims of other articles each new claim matches; or report the article already stored
    /// with the same text. One transaction: all of it or none of it.
    pub fn add_article(&mut self, article: NewArticle<'_>, now: &str) -> Result<Added> {
        let transaction = super::begin_write(&mut self.connection, &self.path, self.busy_timeout)?;
        let mut pending = Pending::begin(&transaction)?;
        let mut learnt = pending.learnt();
        let added = insert_article(
            &transaction,
            article,
            now,
            &mut self.words,
            &mut pending,
            &mut learnt,
        )?;
        let fingerprints = learnt.keep(&mut pending);
        pending.write(&transaction)?;
        transaction.commit()?;
        self.words.extend(fingerprints);
        Ok(added)
    }

    /// Start adding many articles: each `Batch::add` is all-or-nothing for its article (a
    /// savepoint), and `Batch::commit` makes the whole batch durable at once, which is what
    /// makes loading an archive fast.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let keys = PragmaOff::switch(&self.connection, FOREIGN_KEYS)?;
        let transaction =
            super::begin_write_shared(&self.connection, &self.path, self.busy_timeout)?;
        let pending = Pending::begin(&transaction)?;
        let checks = Some(PragmaOff::switch(&self.connection, CHECKS)?);
        Ok(Batch {
            transaction,
            pending,
            checks,
            words: std::mem::take(&mut self.words),
            home: &mut self.words,
            broken: false,
            _keys: keys,
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
        self.articles_from(0)
    }

    /// Every article with an id of at least `from_id`, in id order.
    pub fn articles_from(&self, from_id: i64) -> Result<Vec<Article>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, title, url, outlet, published, reference_date, reference_source, added_at, content_hash
             FROM articles WHERE id >= ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([from_id], article_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims matching `filter`, each with its values, other places, sources and its best
    /// matches (at most `LISTED_MATCHES`; `matches` gives them all).
    pub fn list_claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let order = if filter.by_score {
            "score DESC, id"
        } else {
            "id"
        };
        let (sql, values) = self.filtered(CLAIM_COLUMNS, filter, order)?;
        // One read transaction: every claim and its sources and matches come from the same
        // snapshot while other checkers write, and SQLite takes its read lock once instead of
        // once per query (two hundred queries for fifty claims).
        let snapshot = self.connection.unchecked_transaction()?;
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), claim_from_row)?;
        let mut claims = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for claim in &mut claims {
            self.fill_claim(claim, Some(LISTED_MATCHES))?;
        }
        drop(statement);
        snapshot.commit()?;
        Ok(claims)
    }

    /// Ids of the claims matching `filter`, in id order.
    pub fn claim_ids(&self, filter: &ClaimFilter) -> Result<Vec<i64>> {
        let (sql, values) = self.filtered("SELECT id FROM claims", filter, "id")?;
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `select` with a WHERE clause naming only the filters in use, so that SQLite can pick
    /// the index that fits (a catch-all `?1 IS NULL OR ...` clause would scan every claim).
    pub(super) fn filtered(
        &self,
        select: &str,
        filter: &ClaimFilter,
        order: &str,
    ) -> Result<(String, Vec<rusqlite::types::Value>)> {
        use rusqlite::types::Value as Sql;
        if let Some(id) = filter.article_id {
            self.article(id)?;
        }
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        if let Some(id) = filter.article_id {
            conditions.push("article_id = ?");
            values.push(Sql::Integer(id));
        }
        if let Some(status) = filter.status {
            conditions.push("status = ?");
            values.push(Sql::Text(status.as_str().into()));
        }
        if filter.hide_dismissed && filter.status.is_none() {
            conditions.push("status <> 'dismissed'");
        }
        if let Some(kind) = filter.kind {
            conditions.push("kind = ?");
            values.push(Sql::Text(kind.as_str().into()));
        }
        if let Some(assignee) = &filter.assignee {
            conditions.push("assignee = ?");
            values.push(Sql::Text(assignee.clone()));
        }
        if filter.conflicts {
            conditions.push("conflict = 1");
        }
        let mut sql = select.to_string();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY ");
        sql.push_str(order);
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            values.push(Sql::Integer(i64::from(limit)));
        }
        Ok((sql, values))
    }

    /// One claim with its values, other places, sources and matches.
    pub fn claim(&self, id: i64) -> Result<Claim> {
        let sql = format!("{CLAIM_COLUMNS} WHERE id = ?1");
        let mut claim = self
            .connection
            .query_row(&sql, [id], claim_from_row)
            .optional()?
            .ok_or(Error::NoSuchClaim(id))?;
        self.fill_claim(&mut claim, None)?;
        Ok(claim)
    }

    pub(super) fn fill_claim(&self, claim: &mut Claim, matches: Option<usize>) -> Result<()> {
        claim.values = read_values(&self.connection, claim.id)?;
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
        let mut sources = self.connection.prepare_cached(&format!(
            "{SOURCE_COLUMNS} WHERE claim_id = ?1 AND withdrawn = 0 ORDER BY id"
        ))?;
        claim.sources = sources
            .query_map([claim.id], source_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        claim.matches = self.matches_limited(claim.id, matches)?;
        Ok(())
    }

    /// Claims of other articles that say the same thing as `claim_id`, best first. Matches are
    /// symmetric: an older claim lists the newer ones that matched it.
    pub fn matches(&self, claim_id: i64) -> Result<Vec<Match>> {
        self.matches_limited(claim_id, None)
    }

    pub(super) fn matches_limited(
        &self,
        claim_id: i64,
        limit: Option<usize>,
    ) -> Result<Vec<Match>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT c.id, c.article_id, c.status, m.score, c.text
             FROM claim_matches m JOIN claims c ON c.id = m.matched_id
             WHERE m.claim_id = ?1 ORDER BY m.score DESC, m.matched_id LIMIT ?2",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let rows = statement.query_map(params![claim_id, limit], |row| {
            Ok(Match {
                id: row.get(0)?,
                article_id: row.get(1)?,
                status: status_from_sql(row, 2)?,
                score: row.get(3)?,
                text: row.get(4)?,
                why: MatchWhy::default(),
            })
        })?;
        let mut matches = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for m in &mut matches {
            m.why = super::candidates::why(&self.connection, claim_id, m.id)?;
        }
        Ok(matches)
    }
}

pub(super) fn read_values(connection: &rusqlite::Connection, claim_id: i64) -> Result<Vec<Value>> {
    let mut values = connection.prepare_cached(
        "SELECT type, text, value, unit, start, end FROM claim_values WHERE claim_id = ?1 ORDER BY position",
    )?;
    let rows = values.query_map([claim_id], value_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A value from the columns `type, text, value, unit, start, end` of `claim_values`.
pub(super) fn value_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    let value_type: String = row.get(0)?;
    let value: String = row.get(2)?;
    Ok(Value {
        value_type: value_type
            .parse::<ValueType>()
            .map_err(|e| conversion_error(0, e))?,
        text: row.get(1)?,
        value: serde_json::from_str::<Normalized>(&value).map_err(|e| conversion_error(2, e))?,
        unit: row.get(3)?,
        start: row.get::<_, i64>(4)? as usize,
        end: row.get::<_, i64>(5)? as usize,
    })
}

/// An article's row and text, as `add` and `import` both store them.
pub(super) struct ArticleRow<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub published: Option<&'a str>,
    pub reference_date: Option<&'a str>,
    pub reference_source: &'a str,
    pub added_at: &'a str,
    pub content_hash: &'a str,
    pub body: &'a str,
}

/// Insert an article and its text; returns the new article's id.
pub(super) fn insert_article_row(
    connection: &Connection,
    row: &ArticleRow<'_>,
) -> rusqlite::Result<i64> {
    // Cached statements: a batch stores thousands of articles, and preparing these for each
    // cost more than running them.
    connection.prepare_cached(
        "INSERT INTO articles (title, url, outlet, published, reference_date, reference_source, added_at, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?.execute(params![
            row.title,
            row.url,
            row.outlet,
            row.published,
            row.reference_date,
            row.reference_source,
            row.added_at,
            row.content_hash
        ],
    )?;
    let article_id = connection.last_insert_rowid();
    connection
        .prepare_cached("INSERT INTO article_texts (article_id, body) VALUES (?1, ?2)")?
        .execute(params![article_id, row.body])?;
    Ok(article_id)
}

/// Count `claims` new claims of an article in `article_status_counts`. Every claim is
/// inserted 'unverified', and whatever inserts claims calls this in the same transaction:
/// one statement per article, where a trigger per inserted row cost a fifth of `add`'s
/// writing. Status changes and deletions are counted by the triggers of schema.sql.
pub(super) fn count_new_claims(
    connection: &Connection,
    article_id: i64,
    claims: usize,
) -> rusqlite::Result<()> {
    if claims == 0 {
        return Ok(());
    }
    connection
        .prepare_cached(
            "INSERT INTO article_status_counts (article_id, status, claims)
             VALUES (?1, 'unverified', ?2)
             ON CONFLICT (article_id, status) DO UPDATE SET claims = claims + ?2",
        )?
        .execute(params![article_id, claims as i64])?;
    Ok(())
}

/// A claim's values as rows, numbered from 1 in the order given (`add`, `claim add`, and an
/// article whose date was corrected).
pub(super) fn insert_values(
    connection: &Connection,
    claim_id: i64,
    values: &[Value],
) -> Result<()> {
    let mut insert = value_insert(connection)?;
    insert_values_with(&mut insert, claim_id, values)
}

fn value_insert(connection: &Connection) -> rusqlite::Result<rusqlite::CachedStatement<'_>> {
    connection.prepare_cached(
        "INSERT INTO claim_values (claim_id, position, type, text, value, unit, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
}

/// `insert_values` with the statement taken once for an article's claims: taking it from the
/// cache and handing it back for every claim was a seventh of the cost of the value rows.
fn insert_values_with(
    insert: &mut rusqlite::Statement<'_>,
    claim_id: i64,
    values: &[Value],
) -> Result<()> {
    for (position, value) in values.iter().enumerate() {
        insert.execute(params![
            claim_id,
            position as i64 + 1,
            value.value_type.as_str(),
            value.text,
            serde_json::to_string(&value.value).expect("a value serialises"),
            value.unit,
            value.start as i64,
            value.end as i64
        ])?;
    }
    Ok(())
}

/// Compute the value keys of the claims above `after` that have values but no key yet: claims
/// brought in by `import` or `sync`, or every claim after the upgrade that changed the keys' form.
pub(super) fn refresh_value_keys(connection: &Connection, after: i64) -> Result<()> {
    // Only claims above `after` (those just merged, or all after an upgrade): an import into a
    // large archive must not scan every claim.
    let ids: Vec<i64> = connection
        .prepare(
            "SELECT id FROM claims c WHERE id > ?1 AND value_key = ''
             AND EXISTS (SELECT 1 FROM claim_values v WHERE v.claim_id = c.id)",
        )?
        .query_map([after], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let key = crate::matching::value_key(&read_values(connection, id)?);
        connection.execute(
            "UPDATE claims SET value_key = ?2 WHERE id = ?1",
            params![id, key],
        )?;
    }
    Ok(())
}

/// Store an article and find its matches. What matching learns (its claims' fingerprints,
/// postings, frequencies and match rows) goes to `learnt`, for the caller to keep once the article is
/// stored whole.
fn insert_article(
    transaction: &Connection,
    article: NewArticle<'_>,
    now: &str,
    words: &mut FingerprintCache,
    pending: &mut Pending,
    learnt: &mut Learnt,
) -> Result<Added> {
    let existing: Option<(i64, String)> = transaction
        .prepare_cached("SELECT id, title FROM articles WHERE content_hash = ?1")?
        .query_row([article.content_hash], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    if let Some((article_id, title)) = existing {
        return Ok(Added::AlreadyPresent { article_id, title });
    }
    let article_id = insert_article_row(
        transaction,
        &ArticleRow {
            title: article.title,
            url: article.url,
            outlet: article.outlet,
            published: article.published.as_deref(),
            reference_date: article.reference_date.as_deref(),
            reference_source: article.reference_source,
            added_at: now,
            content_hash: article.content_hash,
            body: article.body,
        },
    )?;
    let mut claim_ids = Vec::with_capacity(article.claims.len());
    let mut insert_claim = transaction.prepare_cached(
        "INSERT INTO claims (article_id, position, text, start, end, kind, kinds, score, speaker, status, status_changed_at, value_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'unverified', ?10, ?11)",
    )?;
    let mut insert_occurrence = transaction.prepare_cached(
        "INSERT INTO claim_occurrences (claim_id, start, end, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut insert_value = value_insert(transaction)?;
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
            now,
            claim.keys.value_key
        ])?;
        let claim_id = transaction.last_insert_rowid();
        claim_ids.push(claim_id);
        insert_values_with(&mut insert_value, claim_id, &claim.values)?;
        for occurrence in &claim.occurrences {
            insert_occurrence.execute(params![
                claim_id,
                occurrence.start as i64,
                occurrence.end as i64,
                occurrence.text
            ])?;
        }
    }
    let count = article.claims.len();
    count_new_claims(transaction, article_id, count)?;
    let keyed: Vec<(i64, Fingerprint)> = claim_ids
        .iter()
        .zip(article.claims)
        .enumerate()
        .map(|(i, (id, claim))| (*id, claim.keys.fingerprint.placed(i + 1, count)))
        .collect();
    record_matches(keyed, transaction, words, pending, learnt)?;
    Ok(Added::New {
        article_id,
        claim_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::Store;

    fn foreign_keys(store: &Store) -> i64 {
        store
            .connection
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .unwrap()
    }

    /// A batch writes with foreign keys off; whatever the store does next has them checked
    /// again, whether the batch was committed or dropped (a failed load).
    #[test]
    fn foreign_keys_are_checked_again_after_a_batch() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let batch = store.batch().unwrap();
        assert_eq!(
            batch
                .transaction
                .query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            0
        );
        batch.commit().unwrap();
        assert_eq!(foreign_keys(&store), 1);
        drop(store.batch().unwrap());
        assert_eq!(foreign_keys(&store), 1);
        let orphan = store.connection.execute(
            "INSERT INTO claim_values (claim_id, position, type, text, value, start, end)
             VALUES (99, 1, 'count', '3', '3', 0, 1)",
            [],
        );
        assert!(orphan.is_err(), "a value of no claim was stored");
    }

    fn article<'a>(hash: &'a str, start: usize, end: usize, score: f64) -> super::NewArticle<'a> {
        let text = "Unemployment fell to 4 percent.";
        super::NewArticle {
            title: "t",
            url: None,
            outlet: None,
            published: Some("2024-03-01".into()),
            reference_date: Some("2024-03-01".into()),
            reference_source: "given",
            content_hash: hash,
            body: text,
            claims: vec![super::NewClaim {
                text: text.into(),
                start,
                end,
                kind: crate::model::ClaimKind::Statement,
                kinds: vec![crate::model::ClaimKind::Statement],
                score,
                speaker: None,
                values: Vec::new(),
                occurrences: Vec::new(),
                keys: super::MatchKeys::new(text, &[]),
            }],
        }
    }

    /// A batch skips the schema's CHECKs while it stores articles: what they refuse is refused
    /// before the article is written, the batch goes on, and later writes are checked again.
    #[test]
    fn a_batch_refuses_what_the_checks_would_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let mut batch = store.batch().unwrap();
        assert!(
            batch
                .add(article("a", 5, 5, 0.5), "2024-03-02T00:00:00Z")
                .is_err()
        );
        assert!(
            batch
                .add(article("b", 0, 31, 1.5), "2024-03-02T00:00:00Z")
                .is_err()
        );
        assert!(
            batch
                .add(article("c", 0, 31, 0.5), "2024-03-02T00:00:00Z")
                .is_ok()
        );
        batch.commit().unwrap();
        let stored: i64 = store
            .connection
            .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, 1);
        let empty_span = store.connection.execute(
            "UPDATE claims SET end = start WHERE id = (SELECT max(id) FROM claims)",
            [],
        );
        assert!(empty_span.is_err(), "a claim with an empty span was stored");
    }
}
