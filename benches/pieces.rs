//! What each part of `add`'s write path costs: the rows `add` stored, written again the way
//! `add` writes them (a savepoint per article, prepared statements, full-text rows when a
//! batch commits, match rows sorted at commit, foreign keys off), into fresh databases that
//! each leave one thing out or change one setting.
//! Every variant runs in the same process on the same rows, so the ratios are comparable;
//! the first variant runs again at the end to show the drift of a busy machine.

use std::path::Path;

/// One way of writing the rows.
struct Variant {
    name: &'static str,
    /// Text replacements applied to schema.sql before it is run.
    schema: &'static [(&'static str, &'static str)],
    /// SQL run after the schema and the usual settings.
    after: &'static [&'static str],
    savepoints: bool,
    full_text: bool,
    value_rows: bool,
    batch_bytes: usize,
    /// Count each article's claims in `article_status_counts` with one statement (for use
    /// with the per-row trigger dropped).
    count_per_article: bool,
    /// Foreign keys checked while the batch writes (`add` switches them off for a batch).
    foreign_keys: bool,
    /// The page cache, in KiB (`PRAGMA cache_size = -N`).
    cache_kib: i64,
}

const AS_ADD: Variant = Variant {
    name: "as add writes (schema.sql)",
    schema: &[],
    after: &[],
    savepoints: true,
    full_text: true,
    value_rows: true,
    batch_bytes: 4 << 20,
    count_per_article: true,
    foreign_keys: false,
    cache_kib: 8192,
};

/// Schema 8's CHECKs on sets of words, as IN lists (SQLite builds a b-tree for each at every
/// inserted row).
const IN_LIST_CHECKS: &[(&str, &str)] = &[
    (
        "CHECK (kind = 'election' OR kind = 'quantity' OR kind = 'date' OR kind = 'quote' OR kind = 'role' OR kind = 'statement')",
        "CHECK (kind IN ('election', 'quantity', 'date', 'quote', 'role', 'statement'))",
    ),
    (
        "CHECK (status = 'unverified' OR status = 'in-progress' OR status = 'verified' OR status = 'false' OR status = 'misleading' OR status = 'unverifiable' OR status = 'dismissed')",
        "CHECK (status IN ('unverified', 'in-progress', 'verified', 'false', 'misleading', 'unverifiable', 'dismissed'))",
    ),
    (
        "CHECK (type = 'count' OR type = 'number' OR type = 'money' OR type = 'percent' OR type = 'ordinal' OR type = 'range' OR type = 'date')",
        "CHECK (type IN ('count', 'number', 'money', 'percent', 'ordinal', 'range', 'date'))",
    ),
    (
        "CHECK (reference_source = 'given' OR reference_source = 'text' OR reference_source = 'none')",
        "CHECK (reference_source IN ('given', 'text', 'none'))",
    ),
];

/// claim_values keyed by (claim, position), without a rowid and its second b-tree.
const VALUES_WITHOUT_ROWID: &[(&str, &str)] = &[
    (
        "    id       INTEGER PRIMARY KEY,\n    claim_id INTEGER NOT NULL REFERENCES claims (id),\n    position INTEGER NOT NULL,\n    type",
        "    claim_id INTEGER NOT NULL REFERENCES claims (id),\n    position INTEGER NOT NULL,\n    type",
    ),
    (
        "    UNIQUE (claim_id, position)\n);",
        "    PRIMARY KEY (claim_id, position)\n) WITHOUT ROWID;",
    ),
];

fn variants() -> Vec<Variant> {
    vec![
        AS_ADD,
        Variant {
            name: "schema 8: CHECKs as IN lists",
            schema: IN_LIST_CHECKS,
            ..AS_ADD
        },
        Variant {
            name: "foreign keys checked (before 9)",
            foreign_keys: true,
            ..AS_ADD
        },
        Variant {
            name: "schema 8 as add wrote it then",
            schema: IN_LIST_CHECKS,
            foreign_keys: true,
            ..AS_ADD
        },
        Variant {
            name: "no savepoint per article",
            savepoints: false,
            ..AS_ADD
        },
        Variant {
            name: "no full-text rows",
            full_text: false,
            ..AS_ADD
        },
        Variant {
            name: "full-text detail=column",
            schema: &[(
                "tokenize = 'porter unicode61'\n",
                "tokenize = 'porter unicode61', detail = 'column'\n",
            )],
            ..AS_ADD
        },
        Variant {
            name: "full-text without value_key column",
            schema: &[("text, value_key, content", "text, content")],
            ..AS_ADD
        },
        Variant {
            name: "full-text automerge 8",
            after: &["INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 8)"],
            ..AS_ADD
        },
        Variant {
            name: "full-text pgsz 8000",
            after: &["INSERT INTO claims_fts (claims_fts, rank) VALUES ('pgsz', 8000)"],
            ..AS_ADD
        },
        Variant {
            name: "no claim_values rows",
            value_rows: false,
            ..AS_ADD
        },
        Variant {
            name: "claim_values without rowid",
            schema: VALUES_WITHOUT_ROWID,
            ..AS_ADD
        },
        Variant {
            name: "no claims_by_status index",
            after: &["DROP INDEX claims_by_status"],
            ..AS_ADD
        },
        Variant {
            name: "no UNIQUE (article_id, start, end)",
            schema: &[(
                "UNIQUE (article_id, position),\n    UNIQUE (article_id, start, end)",
                "UNIQUE (article_id, position)",
            )],
            ..AS_ADD
        },
        Variant {
            name: "page size 8192",
            schema: &[(
                "CREATE TABLE articles",
                "PRAGMA page_size = 8192; CREATE TABLE articles",
            )],
            ..AS_ADD
        },
        Variant {
            name: "cache 64 MiB",
            cache_kib: 65536,
            ..AS_ADD
        },
        Variant {
            name: "wal_autocheckpoint 10000 pages",
            after: &["PRAGMA wal_autocheckpoint = 10000"],
            ..AS_ADD
        },
        Variant {
            name: "batches of 16 MB",
            batch_bytes: 16 << 20,
            ..AS_ADD
        },
    ]
}

struct Article {
    title: String,
    hash: String,
    body: String,
    claims: Vec<Claim>,
}

/// A row of claim_values after its claim id: position, type, text, value, unit, start, end.
type ValueRow = (i64, String, String, String, Option<String>, i64, i64);

struct Claim {
    position: i64,
    text: String,
    start: i64,
    end: i64,
    kind: String,
    kinds: String,
    score: f64,
    speaker: Option<String>,
    value_key: String,
    values: Vec<ValueRow>,
    occurrences: Vec<(i64, i64, String)>,
}

/// Time every variant on the rows of `from` (a database `add` wrote), `rounds` times each,
/// printing each with its ratio to the first.
pub fn measure(from: &Path, work: &Path, rounds: usize) {
    let articles = read(from);
    let matches = read_matches(from);
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut variants = variants();
    variants.push(Variant {
        name: "as add writes, again (drift)",
        ..AS_ADD
    });
    // Rounds interleave the variants, and each keeps its least CPU time: the machine is
    // shared, and what another process takes is not the write path's cost.
    let mut best = vec![f64::INFINITY; variants.len()];
    for _ in 0..rounds {
        for (variant, best) in variants.iter().zip(&mut best) {
            *best = best.min(write(&articles, &matches, variant, &work.join("pieces.db")));
        }
    }
    for (variant, seconds) in variants.iter().zip(&best) {
        println!(
            "write path, {:<36} {:>6.2} CPU s = {:>5.1} MB/s, {:.2}x of the first",
            variant.name,
            seconds,
            bytes as f64 / 1e6 / seconds,
            seconds / best[0]
        );
    }
}

/// CPU time of the calling thread, in seconds.
fn thread_cpu_seconds() -> f64 {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `time` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    time.tv_sec as f64 + time.tv_nsec as f64 / 1e9
}

/// A row of claim_matches: claim, matched claim, score.
type MatchRow = (i64, i64, f64);

/// The match rows of `from`, in the order their newer claim was stored: claim ids come out the
/// same when the articles are written again in order into a fresh database.
fn read_matches(from: &Path) -> Vec<MatchRow> {
    let source = rusqlite::Connection::open(from).unwrap();
    let mut rows: Vec<MatchRow> = source
        .prepare("SELECT claim_id, matched_id, score FROM claim_matches")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.sort_unstable_by_key(|m| m.0.max(m.1));
    rows
}

fn read(from: &Path) -> Vec<Article> {
    let source = rusqlite::Connection::open(from).unwrap();
    let mut articles: Vec<(i64, Article)> = source
        .prepare(
            "SELECT a.id, a.title, a.content_hash, t.body FROM articles a
             JOIN article_texts t ON t.article_id = a.id ORDER BY a.id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                Article {
                    title: r.get(1)?,
                    hash: r.get(2)?,
                    body: r.get(3)?,
                    claims: Vec::new(),
                },
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let index: std::collections::HashMap<i64, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut claim_at = std::collections::HashMap::new();
    let mut statement = source
        .prepare(
            "SELECT id, article_id, position, text, start, end, kind, kinds, score, speaker, value_key
             FROM claims ORDER BY id",
        )
        .unwrap();
    let mut rows = statement.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let article = index[&r.get::<_, i64>(1).unwrap()];
        let claims = &mut articles[article].1.claims;
        claim_at.insert(r.get::<_, i64>(0).unwrap(), (article, claims.len()));
        claims.push(Claim {
            position: r.get(2).unwrap(),
            text: r.get(3).unwrap(),
            start: r.get(4).unwrap(),
            end: r.get(5).unwrap(),
            kind: r.get(6).unwrap(),
            kinds: r.get(7).unwrap(),
            score: r.get(8).unwrap(),
            speaker: r.get(9).unwrap(),
            value_key: r.get(10).unwrap(),
            values: Vec::new(),
            occurrences: Vec::new(),
        });
    }
    let mut statement = source
        .prepare(
            "SELECT claim_id, position, type, text, value, unit, start, end FROM claim_values
             ORDER BY claim_id, position",
        )
        .unwrap();
    let mut rows = statement.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (a, c) = claim_at[&r.get::<_, i64>(0).unwrap()];
        articles[a].1.claims[c].values.push((
            r.get(1).unwrap(),
            r.get(2).unwrap(),
            r.get(3).unwrap(),
            r.get(4).unwrap(),
            r.get(5).unwrap(),
            r.get(6).unwrap(),
            r.get(7).unwrap(),
        ));
    }
    let mut statement = source
        .prepare("SELECT claim_id, start, end, text FROM claim_occurrences ORDER BY rowid")
        .unwrap();
    let mut rows = statement.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (a, c) = claim_at[&r.get::<_, i64>(0).unwrap()];
        articles[a].1.claims[c].occurrences.push((
            r.get(1).unwrap(),
            r.get(2).unwrap(),
            r.get(3).unwrap(),
        ));
    }
    articles.into_iter().map(|(_, a)| a).collect()
}

/// Write every article as `variant` says into a fresh database at `db`; the CPU seconds it
/// took (SQLite writes from the calling thread).
fn write(articles: &[Article], matches: &[MatchRow], variant: &Variant, db: &Path) -> f64 {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut schema = include_str!("../schema.sql").to_string();
    for (from, to) in variant.schema {
        assert!(schema.contains(from), "{} not in schema.sql", from);
        schema = schema.replace(from, to);
    }
    let mut connection = rusqlite::Connection::open(db).unwrap();
    connection.execute_batch(&schema).unwrap();
    connection
        .execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = {}; \
             PRAGMA cache_size = -{}; PRAGMA temp_store = MEMORY;",
            if variant.foreign_keys { "ON" } else { "OFF" },
            variant.cache_kib
        ))
        .unwrap();
    for sql in variant.after {
        connection.execute_batch(sql).unwrap();
    }
    let started = thread_cpu_seconds();
    let mut done = 0;
    let mut matches_done = 0;
    while done < articles.len() {
        let transaction = connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        let indexed_up_to: i64 = transaction
            .query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get(0))
            .unwrap();
        let mut batch_bytes = 0;
        while done < articles.len() && batch_bytes < variant.batch_bytes {
            let article = &articles[done];
            if variant.savepoints {
                transaction
                    .prepare_cached("SAVEPOINT article")
                    .unwrap()
                    .execute([])
                    .unwrap();
            }
            write_article(&transaction, article, variant);
            if variant.savepoints {
                transaction
                    .prepare_cached("RELEASE article")
                    .unwrap()
                    .execute([])
                    .unwrap();
            }
            batch_bytes += article.body.len();
            done += 1;
        }
        if variant.full_text {
            let columns = if variant.schema.iter().any(|(_, to)| *to == "text, content") {
                "text"
            } else {
                "text, value_key"
            };
            transaction
                .execute(
                    &format!(
                        "INSERT INTO claims_fts (rowid, {columns})
                         SELECT id, {columns} FROM claims WHERE id > ?1"
                    ),
                    [indexed_up_to],
                )
                .unwrap();
        }
        // The batch's match rows, in the table's order, as `add` writes them when it commits.
        let stored: i64 = transaction
            .query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get(0))
            .unwrap();
        let mut batch: Vec<MatchRow> = matches[matches_done..]
            .iter()
            .take_while(|m| m.0.max(m.1) <= stored)
            .copied()
            .collect();
        matches_done += batch.len();
        batch.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
        let mut insert = transaction
            .prepare_cached(
                "INSERT OR IGNORE INTO claim_matches (claim_id, matched_id, score) VALUES (?1, ?2, ?3)",
            )
            .unwrap();
        for (claim, matched, score) in batch {
            insert
                .execute(rusqlite::params![claim, matched, score])
                .unwrap();
        }
        drop(insert);
        transaction.commit().unwrap();
    }
    thread_cpu_seconds() - started
}

fn write_article(connection: &rusqlite::Connection, article: &Article, variant: &Variant) {
    use rusqlite::{OptionalExtension, params};
    let existing: Option<i64> = connection
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")
        .unwrap()
        .query_row([&article.hash], |r| r.get(0))
        .optional()
        .unwrap();
    assert!(existing.is_none());
    connection
        .prepare_cached(
            "INSERT INTO articles (title, reference_source, added_at, content_hash)
             VALUES (?1, 'none', '2026-01-01T00:00:00Z', ?2)",
        )
        .unwrap()
        .execute(params![article.title, article.hash])
        .unwrap();
    let article_id = connection.last_insert_rowid();
    connection
        .prepare_cached("INSERT INTO article_texts (article_id, body) VALUES (?1, ?2)")
        .unwrap()
        .execute(params![article_id, article.body])
        .unwrap();
    let mut insert_claim = connection
        .prepare_cached(
            "INSERT INTO claims (article_id, position, text, start, end, kind, kinds, score, speaker,
             status, status_changed_at, value_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'unverified', '2026-01-01T00:00:00Z', ?10)",
        )
        .unwrap();
    let mut insert_value = connection
        .prepare_cached(
            "INSERT INTO claim_values (claim_id, position, type, text, value, unit, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .unwrap();
    let mut insert_occurrence = connection
        .prepare_cached(
            "INSERT INTO claim_occurrences (claim_id, start, end, text) VALUES (?1, ?2, ?3, ?4)",
        )
        .unwrap();
    for claim in &article.claims {
        insert_claim
            .execute(params![
                article_id,
                claim.position,
                claim.text,
                claim.start,
                claim.end,
                claim.kind,
                claim.kinds,
                claim.score,
                claim.speaker,
                claim.value_key
            ])
            .unwrap();
        let claim_id = connection.last_insert_rowid();
        if variant.value_rows {
            for v in &claim.values {
                insert_value
                    .execute(params![claim_id, v.0, v.1, v.2, v.3, v.4, v.5, v.6])
                    .unwrap();
            }
        }
        for o in &claim.occurrences {
            insert_occurrence
                .execute(params![claim_id, o.0, o.1, o.2])
                .unwrap();
        }
    }
    if variant.count_per_article && !article.claims.is_empty() {
        connection
            .prepare_cached(
                "INSERT INTO article_status_counts (article_id, status, claims)
                 VALUES (?1, 'unverified', ?2)",
            )
            .unwrap()
            .execute(params![article_id, article.claims.len() as i64])
            .unwrap();
    }
}
