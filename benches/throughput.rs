//! Archive-scale benchmark on a corpus of distinct articles: extraction alone on one core
//! and on all cores, `claimtrack add` as processes in batches (MB/s, the first and the last
//! batch's time as the database grows, peak memory), the raw SQLite insert of the same rows
//! into the same schema in the same run, bytes per claim, then on an archive of at least a
//! million claims the latency of `status`, `list` and `search` and the rate and peak memory
//! of `export --format csv`, each as a whole process.
//!
//! `cargo bench --bench throughput -- --corpus DIR [--batches N] [--keep DIR] [--binary PATH]
//! [--pieces]`; `--pieces-from DB` measures only the write path's parts (benches/pieces.rs).
//!
//! The corpus is a folder of article files. Realistic ones come from
//! `../shared/tools/gen_archive.py DIR MB ../shared/devset/articles ../shared/matching/articles`
//! (distinct articles mixed from real texts, 10% wire copies); `CLAIMTRACK_BENCH_CORPUS`
//! names it too. Without one the bench writes `--megabytes N` (default 20) of variations of
//! the sample article, which repeat one another and so flatter matching: it says so.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use claimtrack::extract::{Context, extract};

mod pieces;

const SAMPLE: &str = include_str!("../fixtures/seed_nysun_korea.txt");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let megabytes: usize = option("--megabytes")
        .and_then(|m| m.parse().ok())
        .unwrap_or(20);
    let batches: usize = option("--batches")
        .and_then(|m| m.parse().ok())
        .unwrap_or(4)
        .max(1);
    let keep = option("--keep").map(PathBuf::from);
    let work = tempfile::tempdir().expect("a temporary folder");
    let root = keep.clone().unwrap_or_else(|| work.path().to_path_buf());
    std::fs::create_dir_all(&root).unwrap();
    // `--binary PATH` measures another build (an earlier commit's) in the same session.
    let binary = option("--binary").unwrap_or_else(|| env!("CARGO_BIN_EXE_claimtrack").into());
    let binary = binary.as_str();
    if let Some(db) = option("--pieces-from") {
        pieces::measure(Path::new(&db), &root, batches);
        return;
    }

    let corpus = option("--corpus")
        .or_else(|| std::env::var("CLAIMTRACK_BENCH_CORPUS").ok())
        .map(PathBuf::from);
    let corpus = match corpus {
        Some(folder) => {
            println!("corpus: {}", folder.display());
            folder
        }
        None => {
            let folder = root.join("corpus");
            write_corpus(&folder, megabytes * 1_000_000);
            println!(
                "corpus: {megabytes} MB of variations of one sample article (not realistic: \
                 give --corpus DIR from ../shared/tools/gen_archive.py)"
            );
            folder
        }
    };
    let paths = files(&corpus);
    let bytes: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    println!(
        "{} articles, {:.1} MB; {} cores",
        paths.len(),
        bytes as f64 / 1e6,
        cores()
    );

    extraction_speed(&paths);

    let db = root.join("bench.db");
    remove_database(&db);
    let (mut add_seconds, mut add_cpu_seconds) = (0.0, 0.0);
    let mut peak_kib = 0;
    let chunk = paths.len().div_ceil(batches);
    for (index, batch) in paths.chunks(chunk).enumerate() {
        let Timed {
            seconds,
            cpu_seconds,
            peak_kib: peak,
        } = timed_process(
            Command::new(binary)
                .arg("--db")
                .arg(&db)
                .arg("add")
                .args(batch)
                .arg("--json"),
        );
        add_seconds += seconds;
        add_cpu_seconds += cpu_seconds;
        peak_kib = peak_kib.max(peak);
        let batch_bytes: u64 = batch
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum();
        if index == 0 || (index + 1) * chunk >= paths.len() {
            println!(
                "add batch {} of {}: {:.1} MB in {:.2} s ({:.1} MB/s), database then {} claims",
                index + 1,
                paths.len().div_ceil(chunk),
                batch_bytes as f64 / 1e6,
                seconds,
                batch_bytes as f64 / 1e6 / seconds,
                count(&db, "SELECT count(*) FROM claims")
            );
        }
    }
    let claims = count(&db, "SELECT count(*) FROM claims");
    let matches = count(&db, "SELECT count(*) FROM claim_matches");
    println!(
        "add (end to end, {batches} processes): {:.1} MB/s; {claims} claims ({matches} match rows) in {:.2} s, {:.2} s of CPU; peak memory {:.1} MB",
        bytes as f64 / 1e6 / add_seconds,
        add_seconds,
        add_cpu_seconds,
        peak_kib as f64 / 1024.0
    );
    checkpoint(&db);
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "database: {:.1} MB, {:.0} bytes per claim",
        db_bytes as f64 / 1e6,
        db_bytes as f64 / claims.max(1) as f64
    );

    // The same add with matching switched off, in one process: what the rest of the write
    // path and extraction cost, apart from matching (which has its own measurements).
    let unmatched = root.join("unmatched.db");
    remove_database(&unmatched);
    let unmatched_run = timed_process(
        Command::new(binary)
            .env(claimtrack::store::WITHOUT_MATCHING_VARIABLE, "1")
            .arg("--db")
            .arg(&unmatched)
            .arg("add")
            .arg(&corpus),
    );
    println!(
        "add with matching switched off (1 process): {:.1} MB/s in {:.2} s, {:.2} s of CPU; peak memory {:.1} MB",
        bytes as f64 / 1e6 / unmatched_run.seconds,
        unmatched_run.seconds,
        unmatched_run.cpu_seconds,
        unmatched_run.peak_kib as f64 / 1024.0
    );
    remove_database(&unmatched);
    if args.iter().any(|a| a == "--pieces") {
        pieces::measure(&db, &root, 3);
    }

    let raw_seconds = raw_insert(&db, &root.join("raw.db"), 1);
    println!(
        "raw SQLite insert of the same rows (no extraction, no search for matches): {:.2} s = {:.1} MB/s; add / raw = {:.2}",
        raw_seconds,
        bytes as f64 / 1e6 / raw_seconds,
        raw_seconds / add_seconds
    );

    // The latency figures are taken on an archive of at least a million claims: the rows add
    // stored, inserted again under new ids until there are enough.
    let copies = (1_000_000 + claims - 1) / claims.max(1);
    let large = root.join("large.db");
    raw_insert(&db, &large, copies);
    checkpoint(&large);
    let claims = count(&large, "SELECT count(*) FROM claims");
    let articles = count(&large, "SELECT count(*) FROM articles");
    println!(
        "archive for latency: {claims} claims in {articles} articles ({copies} copies of the rows add stored)"
    );
    let word = common_word(&large);
    for args in [
        vec!["status"],
        vec!["status", "--json"],
        vec!["list", "--status", "unverified", "--limit", "50"],
        vec!["list", "--status", "unverified", "--limit", "50", "--json"],
        vec!["search", word.as_str(), "--limit", "20"],
    ] {
        let mut times = Vec::new();
        for _ in 0..7 {
            let run = timed_process(Command::new(binary).arg("--db").arg(&large).args(&args));
            times.push(run.seconds);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<48} median {:>6.1} ms, best {:>6.1} ms (whole process, {claims} claims)",
            args.join(" "),
            times[times.len() / 2] * 1e3,
            times[0] * 1e3
        );
    }
    let export = timed_process_to(
        Command::new(binary)
            .arg("--db")
            .arg(&large)
            .args(["export", "--format", "csv"]),
        &root.join("export.csv"),
    );
    println!(
        "export --format csv: {claims} claims in {:.2} s = {:.0} claims/s; peak memory {:.1} MB",
        export.seconds,
        claims as f64 / export.seconds,
        export.peak_kib as f64 / 1024.0
    );
    if keep.is_none() {
        drop(work);
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Extraction alone over the first 2,000 articles read into memory: on one core, then on
/// every core (the articles dealt out to one thread per core).
fn extraction_speed(paths: &[PathBuf]) {
    let texts: Vec<String> = paths
        .iter()
        .take(2000)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let context = Context {
        reference_date: chrono::NaiveDate::from_ymd_opt(2022, 6, 3),
    };
    for threads in [1, cores()] {
        let started = Instant::now();
        let mut rounds = 0;
        while started.elapsed() < Duration::from_secs(3) || rounds == 0 {
            std::thread::scope(|scope| {
                for thread in 0..threads {
                    let (texts, context) = (&texts, &context);
                    scope.spawn(move || {
                        for text in texts.iter().skip(thread).step_by(threads) {
                            std::hint::black_box(extract(text, context));
                        }
                    });
                }
            });
            rounds += 1;
        }
        println!(
            "extraction alone: {:.1} MB/s on {threads} thread(s) ({} articles x {rounds})",
            (bytes * rounds) as f64 / 1e6 / started.elapsed().as_secs_f64(),
            texts.len()
        );
    }
}

/// The most frequent word of four letters or more among the first claims: a search with many
/// hits, the slow case.
fn common_word(db: &Path) -> String {
    let connection = rusqlite::Connection::open(db).unwrap();
    let texts: Vec<String> = query(&connection, "SELECT text FROM claims LIMIT 2000", |r| {
        r.get(0)
    });
    let mut counts = std::collections::HashMap::new();
    for text in &texts {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.len() >= 4 {
                *counts.entry(word.to_lowercase()).or_insert(0) += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(word, count)| (*count, word.clone()))
        .map_or("said".into(), |(word, _)| word)
}

fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// Fold the write-ahead log into the file, so that its size is the database's.
fn checkpoint(db: &Path) {
    rusqlite::Connection::open(db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
}

/// Insert the rows `add` stored (articles and their texts, claims, full-text rows, values,
/// other places, status counts, matching's index and frequencies, and matches) into a fresh database of the same schema and settings, in one
/// transaction with prepared statements: the ceiling for what `add` could reach with
/// extraction and the search for matches free.
///
/// With `copies` above 1 the rows are inserted again under new ids and content hashes, which
/// builds a database of archive size for the latency figures; only the first copy is timed.
fn raw_insert(from: &Path, to: &Path, copies: i64) -> f64 {
    remove_database(to);
    let source = rusqlite::Connection::open(from).unwrap();
    let articles: Vec<(String, String, String)> = query(
        &source,
        "SELECT a.title, a.content_hash, t.body FROM articles a JOIN article_texts t ON t.article_id = a.id ORDER BY a.id",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    type ClaimRow = (i64, i64, String, i64, i64, String, String, f64, String);
    let claims: Vec<ClaimRow> = query(
        &source,
        "SELECT article_id, position, text, start, end, kind, kinds, score, value_key FROM claims ORDER BY id",
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        },
    );
    type ValueRow = (i64, i64, String, String, String, Option<String>, i64, i64);
    let values: Vec<ValueRow> = query(
        &source,
        "SELECT claim_id, position, type, text, value, unit, start, end FROM claim_values ORDER BY id",
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    );
    type OccurrenceRow = (i64, i64, i64, String);
    let occurrences: Vec<OccurrenceRow> = query(
        &source,
        "SELECT claim_id, start, end, text FROM claim_occurrences ORDER BY rowid",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    );
    let matches: Vec<(i64, i64, f64)> = query(
        &source,
        "SELECT claim_id, matched_id, score FROM claim_matches",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    // Matching's index: each key's count and its newest postings (claim ids, newest first).
    let terms: Vec<(i64, i64, Option<String>)> = query(
        &source,
        "SELECT term, claims, postings FROM match_terms",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    let mut target = rusqlite::Connection::open(to).unwrap();
    target.execute_batch(include_str!("../schema.sql")).unwrap();
    target
        .pragma_update(None, "user_version", claimtrack::store::SCHEMA_VERSION)
        .unwrap();
    // `add`'s settings while it stores a batch: foreign keys off (store::claims::Batch) and
    // its 8 MiB page cache (store::OPEN_PRAGMAS); with 64 MiB the ceiling was not the same
    // write path.
    target
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; \
             PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;",
        )
        .unwrap();
    let mut first_copy_seconds = 0.0;
    let (article_count, claim_count) = (articles.len() as i64, claims.len() as i64);
    for copy in 0..copies {
        let (article_offset, claim_offset) = (copy * article_count, copy * claim_count);
        let started = Instant::now();
        let transaction = target.transaction().unwrap();
        {
            transaction
                .execute_batch("PRAGMA ignore_check_constraints = ON")
                .unwrap();
            let mut article = transaction
            .prepare("INSERT INTO articles (id, title, reference_source, added_at, content_hash) VALUES (?1, ?2, 'given', '2026-01-01T00:00:00Z', ?3)")
            .unwrap();
            let mut text = transaction
                .prepare("INSERT INTO article_texts (article_id, body) VALUES (?1, ?2)")
                .unwrap();
            for (index, (title, hash, body)) in articles.iter().enumerate() {
                let id = article_offset + index as i64 + 1;
                article
                    .execute(rusqlite::params![id, title, format!("{hash}-{copy}")])
                    .unwrap();
                text.execute(rusqlite::params![id, body]).unwrap();
            }
            let mut claim = transaction
            .prepare("INSERT INTO claims (id, article_id, position, text, start, end, kind, kinds, score, status_changed_at, value_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '2026-01-01T00:00:00Z', ?10)")
            .unwrap();
            for (index, c) in claims.iter().enumerate() {
                let id = claim_offset + index as i64 + 1;
                claim
                    .execute(rusqlite::params![
                        id,
                        c.0 + article_offset,
                        c.1,
                        c.2,
                        c.3,
                        c.4,
                        c.5,
                        c.6,
                        c.7,
                        c.8
                    ])
                    .unwrap();
            }
            let mut value = transaction
            .prepare("INSERT INTO claim_values (claim_id, position, type, text, value, unit, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .unwrap();
            for v in &values {
                value
                    .execute(rusqlite::params![
                        v.0 + claim_offset,
                        v.1,
                        v.2,
                        v.3,
                        v.4,
                        v.5,
                        v.6,
                        v.7
                    ])
                    .unwrap();
            }
            let mut occurrence = transaction
                .prepare("INSERT INTO claim_occurrences (claim_id, start, end, text) VALUES (?1, ?2, ?3, ?4)")
                .unwrap();
            for o in &occurrences {
                occurrence
                    .execute(rusqlite::params![o.0 + claim_offset, o.1, o.2, o.3])
                    .unwrap();
            }
            // As `add` does: the rows of articles are written without SQL CHECKs, and the
            // commit's rows (full text, counts, matching's index, matches) with them.
            transaction
                .execute_batch("PRAGMA ignore_check_constraints = OFF")
                .unwrap();
            // The full-text rows in one statement, as `add` writes them: row by row, FTS5
            // costs several times more.
            transaction
                .execute(
                    "INSERT INTO claims_fts (rowid, text, value_key)
                     SELECT id, text, value_key FROM claims WHERE id > ?1",
                    [claim_offset],
                )
                .unwrap();
            let mut matched = transaction
                .prepare(
                    "INSERT INTO claim_matches (claim_id, matched_id, score) VALUES (?1, ?2, ?3)",
                )
                .unwrap();
            // Claims per article and status, one statement per batch as `add` counts them.
            transaction
                .execute(
                    "INSERT INTO article_status_counts (article_id, status, claims)
                     SELECT article_id, status, count(*) FROM claims WHERE id > ?1 GROUP BY 1, 2",
                    [claim_offset],
                )
                .unwrap();
            let mut term = transaction
                .prepare(
                    "INSERT INTO match_terms (term, claims, postings) VALUES (?1, ?2, ?3)
                     ON CONFLICT (term) DO UPDATE SET claims = claims + ?2, postings = ?3",
                )
                .unwrap();
            for (key, claims, postings) in &terms {
                let shifted = postings.as_deref().map(|ids| {
                    ids.split(' ')
                        .filter_map(|id| id.parse::<i64>().ok())
                        .map(|id| (id + claim_offset).to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                term.execute(rusqlite::params![key, claims, shifted])
                    .unwrap();
            }
            for m in &matches {
                matched
                    .execute(rusqlite::params![
                        m.0 + claim_offset,
                        m.1 + claim_offset,
                        m.2
                    ])
                    .unwrap();
            }
        }
        transaction.commit().unwrap();
        if copy == 0 {
            first_copy_seconds = started.elapsed().as_secs_f64();
        }
    }
    first_copy_seconds
}

fn query<T>(
    connection: &rusqlite::Connection,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Vec<T> {
    let mut statement = connection.prepare(sql).unwrap();
    statement
        .query_map([], map)
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// What running a command to completion took.
struct Timed {
    /// Wall-clock seconds.
    seconds: f64,
    /// User and system CPU seconds of the command: on a shared machine this moves less with
    /// the load than wall time does.
    cpu_seconds: f64,
    /// Peak resident memory, KiB.
    peak_kib: i64,
}

/// Run a command to completion, its output thrown away.
fn timed_process(command: &mut Command) -> Timed {
    timed_process_to(command, Path::new("/dev/null"))
}

/// `timed_process` with standard output written to `out`. Peak memory is the child's VmHWM,
/// read every few milliseconds while it runs: getrusage and wait4 count, from the moment of
/// exec, the resident memory of the process that spawned it (this bench holds hundreds of MB
/// of rows), which hid the child's own figure. CPU time is the growth of
/// `getrusage(RUSAGE_CHILDREN)` across the run, which counts the child once it is waited for.
fn timed_process_to(command: &mut Command, out: &Path) -> Timed {
    let errors = tempfile::NamedTempFile::new().unwrap();
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    let mut child = command
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(errors.reopen().unwrap())
        .spawn()
        .expect("claimtrack runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Some(kib) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|status| high_water_kib(&status))
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        status.success(),
        "{command:?} failed: {}",
        std::fs::read_to_string(errors.path()).unwrap_or_default()
    );
    Timed {
        seconds,
        cpu_seconds: children_cpu_seconds() - cpu_before,
        peak_kib,
    }
}

/// User and system CPU seconds of every child this process has waited for.
fn children_cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct it is given and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The `VmHWM:` line of /proc/PID/status, in KiB.
fn high_water_kib(status: &str) -> Option<i64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn files(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    found
}

/// Write articles made from the sample until `target_bytes` are written: each varies the
/// figures, weekdays, months and names and keeps a random subset of paragraphs, so no two
/// have the same text and the extractor sees realistic variety.
fn write_corpus(folder: &Path, target_bytes: usize) -> (usize, usize) {
    std::fs::create_dir_all(folder).unwrap();
    let paragraphs: Vec<&str> = SAMPLE.split("\n\n").collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut written, mut files) = (0, 0);
    while written < target_bytes {
        let mut text = String::with_capacity(SAMPLE.len());
        for (i, paragraph) in paragraphs.iter().enumerate() {
            // Keep the headline and the footer; drop a fifth of the body paragraphs.
            if i != 0 && i + 8 < paragraphs.len() && rng.below(5) == 0 {
                continue;
            }
            text.push_str(&vary(paragraph, &mut rng));
            text.push_str("\n\n");
        }
        let path = folder.join(format!("article-{files:06}.txt"));
        std::fs::write(&path, &text).unwrap();
        written += text.len();
        files += 1;
    }
    (files, written)
}

const NAMES: &[&str] = &[
    "Sung Kim",
    "Kim Gunn",
    "Takehiro Funakoshi",
    "Wendy Sherman",
    "Maria Lopez",
    "David Chen",
    "Amina Diallo",
    "Peter Novak",
    "Laura Rossi",
    "Omar Haddad",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &["June", "July", "March", "October", "December"];

fn vary(paragraph: &str, rng: &mut XorShift) -> String {
    let mut out = String::with_capacity(paragraph.len() + 16);
    let mut rest = paragraph;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let digits = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b',')
                .count();
            let original: u64 = rest[..digits].replace(',', "").parse().unwrap_or(1);
            let varied = if (1900..2100).contains(&original) {
                2015 + rng.below(10)
            } else {
                1 + rng.below(original.max(2) * 2)
            };
            out.push_str(&varied.to_string());
            rest = &rest[digits..];
            continue;
        }
        let replaced = [NAMES, WEEKDAYS, MONTHS].iter().find_map(|list| {
            list.iter()
                .find(|w| rest.starts_with(**w))
                .map(|w| (w.len(), list[rng.below(list.len() as u64) as usize]))
        });
        match replaced {
            Some((len, word)) => {
                out.push_str(word);
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
