//! `claimtrack add`: read articles, extract their claims and store them. One article is one
//! transaction; many files or folders are streamed in batches, where each article is still
//! all-or-nothing and a bad file is reported while the rest go on.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::cli::AddArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::extract::{Context, Extraction, ReferenceSource, extract_on_the_day};
use crate::model::Occurrence;
use crate::report::escape::one_line;
use crate::report::{AddJson, ClaimJson, claims_table_fitted};
use crate::store::{Added, ClaimFilter, MatchKeys, NewArticle, NewClaim, Store};

use super::input::{ArticleText, check_readable, parse_max_size, parse_published, read_article};

/// A batch commits after this many bytes of article text: large enough that commits are rare,
/// small enough that an interrupted load loses little and memory stays flat. 4 MB rather
/// than 8: adding 20 MB peaked at 122 MB against 137 MB, for the same CPU time; the write
/// path alone took 0.97-1.01x with 2 MB and 0.96-1.11x with 32 MB batches (`--pieces`).
const BATCH_BYTES: usize = 4 * 1024 * 1024;

/// How many bytes of article text, read and extracted, may wait for the store: enough to keep
/// the workers going while the store commits a batch (when it takes no article for a while),
/// where 16 articles were not. Counted in bytes, not articles, so that long articles do not
/// raise the peak. Alternated with 16 articles on /tmp/c20 (README, Performance): 0.93-0.96x
/// the wall time with 512 KiB; 1 MiB was faster still but raised the peak of adding 200 MB
/// by 9 MB.
const PREPARED_AHEAD_BYTES: u64 = 512 * 1024;

/// The nice value of the extracting threads. The storing thread is `add`'s bottleneck (it has
/// the most CPU of any thread and the others wait for it), so a worker yields the core to it
/// whenever both want the same one.
const EXTRACTION_NICE: i32 = 5;

/// Lower the calling thread's priority to `EXTRACTION_NICE` (on Linux a nice value is per
/// thread); elsewhere, or if refused, the thread runs as before.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take plain integers; raising one's own nice value needs
    // no privilege and a failure changes nothing.
    unsafe {
        libc::setpriority(
            libc::PRIO_PROCESS,
            libc::gettid() as libc::id_t,
            EXTRACTION_NICE,
        );
    }
}

/// The articles one worker has prepared that the store has not taken yet, in bytes of text.
#[derive(Default)]
struct Ahead {
    state: std::sync::Mutex<AheadState>,
    changed: std::sync::Condvar,
}

#[derive(Default)]
struct AheadState {
    bytes: u64,
    stopped: bool,
}

impl Ahead {
    /// Wait until `size` more bytes fit within `limit` (an article always fits when none is
    /// waiting, so the article the store needs next is never held back); false once the
    /// store has stopped.
    fn reserve(&self, size: u64, limit: u64) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.stopped && state.bytes > 0 && state.bytes + size > limit {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.bytes += size;
        !state.stopped
    }

    fn taken(&self, size: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.bytes = state.bytes.saturating_sub(size);
        self.changed.notify_one();
    }
}

/// Wakes every waiting worker when the store stops, however it stops.
struct StopWorkers<'a>(&'a [Ahead]);

impl Drop for StopWorkers<'_> {
    fn drop(&mut self) {
        for ahead in self.0 {
            ahead
                .state
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .stopped = true;
            ahead.changed.notify_one();
        }
    }
}

/// What `add` was asked to read, checked before the database is opened so that a mistyped
/// path or date on a first `add` does not leave an empty database behind.
enum Input {
    One(ArticleText),
    Many,
}

fn prepare(args: &AddArgs, stdin: &mut dyn Read) -> Result<(Input, Option<chrono::NaiveDate>)> {
    let published = parse_published(args.published.as_deref())?;
    let max_size = parse_max_size(args.max_size.as_deref())?;
    if let Some(url) = &args.url
        && !crate::model::is_web_url(url)
    {
        return Err(Error::Invalid(format!(
            "--url '{}' is not a web address: give an http:// or https:// URL",
            crate::report::escape::visible(url)
        )));
    }
    let single =
        args.files.len() == 1 && (args.files[0] == "-" || !Path::new(&args.files[0]).is_dir());
    if single {
        let article = read_article(&args.files[0], stdin, max_size)?;
        return Ok((Input::One(article), published));
    }
    if args.files.iter().any(|f| f == "-") {
        return Err(Error::Invalid(
            "- (standard input) cannot be mixed with files and folders".into(),
        ));
    }
    if args.title.is_some() || args.url.is_some() {
        return Err(Error::Invalid(
            "--title and --url describe one article: give them with a single file".into(),
        ));
    }
    Ok((Input::Many, published))
}

pub fn run(
    config: &Config,
    args: &AddArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let (input, published) = prepare(args, stdin)?;
    let mut store = Store::open(&config.db_path)?;
    add(config, &mut store, args, input, published, out, err)
}

/// `run` on a store that is already open (tests use it to simulate a full disk).
pub fn run_with_store(
    config: &Config,
    store: &mut Store,
    args: &AddArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let (input, published) = prepare(args, stdin)?;
    add(config, store, args, input, published, out, err)
}

fn add(
    config: &Config,
    store: &mut Store,
    args: &AddArgs,
    input: Input,
    published: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match input {
        Input::One(article) => add_one(config, store, args, published, article, out),
        Input::Many => add_many(config, store, args, published, out, err),
    }
}

fn add_one(
    config: &Config,
    store: &mut Store,
    args: &AddArgs,
    published: Option<chrono::NaiveDate>,
    article: ArticleText,
    out: &mut dyn Write,
) -> Result<()> {
    let extraction = extract_on_the_day(
        &article.text,
        &Context {
            reference_date: published,
        },
        Some(config.now.date_naive()),
    );
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| title_from_text(&article.text));
    let claims = claims_to_store(&extraction);
    let new_article = new_article(
        &article,
        Dating::of(&extraction),
        claims,
        &title,
        args,
        published,
    );
    let added = store.add_article(new_article, &config.now_text())?;
    let (article_id, already_present) = match &added {
        Added::New { article_id, .. } => (*article_id, false),
        Added::AlreadyPresent { article_id, .. } => (*article_id, true),
    };
    let stored = store.article(article_id)?;
    let claims = store.list_claims(&ClaimFilter {
        article_id: Some(article_id),
        ..ClaimFilter::default()
    })?;
    if args.json {
        return super::write_json(
            out,
            &AddJson {
                article: &stored,
                already_present,
                reference_date: stored.reference_date.as_deref(),
                reference_source: &stored.reference_source,
                claims: claims.iter().map(|c| ClaimJson::new(c, None)).collect(),
                warnings: &extraction.warnings,
            },
        );
    }
    if already_present {
        writeln!(
            out,
            "already stored as article {article_id}: {} ({} claims); nothing added",
            crate::report::escape::visible(&stored.title),
            claims.len()
        )?;
        writeln!(
            out,
            "to correct its title, URL, outlet or date: claimtrack article edit {article_id} --published YYYY-MM-DD (or --title, --url, --outlet)"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "article {article_id}: {}",
        crate::report::escape::visible(&stored.title)
    )?;
    match (extraction.reference_source, extraction.reference_date) {
        (ReferenceSource::Given, Some(date)) => writeln!(
            out,
            "relative dates resolved against {date} (from --published)"
        )?,
        (ReferenceSource::Text, Some(date)) => writeln!(
            out,
            "relative dates resolved against {date} (a date found in the text; give --published to override)"
        )?,
        (ReferenceSource::None, Some(date)) => writeln!(
            out,
            "relative dates resolved against {date}, the day it was added (no --published, no date in the article's first lines)"
        )?,
        _ => writeln!(
            out,
            "no publication date given or found: relative dates left unresolved (give --published YYYY-MM-DD)"
        )?,
    }
    let matched = claims.iter().filter(|c| !c.matches.is_empty()).count();
    let (table, dropped) = claims_table_fitted(&claims, config.style, false);
    writeln!(out, "{table}")?;
    if let Some(note) = crate::report::views::dropped_note(&dropped, config.style.width) {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "{} claims added", claims.len())?;
    if matched > 0 {
        writeln!(
            out,
            "{matched} of them match claims of other articles: see `claimtrack matches ID`"
        )?;
    }
    Ok(())
}

/// What a batch did, as `add --json` prints it for several files.
#[derive(Debug, Default, Serialize)]
pub struct BatchSummary {
    pub files: usize,
    pub added: usize,
    pub already_present: usize,
    pub failed: Vec<FailedFile>,
    pub claims: usize,
    pub bytes: u64,
    pub seconds: f64,
    pub megabytes_per_second: f64,
    /// Where the reference date of each added article came from.
    pub reference_dates: ReferenceDates,
}

/// How many added articles took their reference date from `--published`, from a date in
/// their first lines, or from the day they were added.
#[derive(Debug, Default, Serialize)]
pub struct ReferenceDates {
    pub given: usize,
    pub text: usize,
    pub added: usize,
}

#[derive(Debug, Serialize)]
pub struct FailedFile {
    pub path: String,
    pub error: String,
}

fn add_many(
    config: &Config,
    store: &mut Store,
    args: &AddArgs,
    published: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let started = Instant::now();
    let max_size = parse_max_size(args.max_size.as_deref())?;
    let found = collect_paths(&args.files, &args.glob, err)?;
    let mut summary = BatchSummary {
        files: found.len(),
        ..BatchSummary::default()
    };
    // What cannot be read as an article (a FIFO would block the reading thread while the
    // batch holds the write lock, a device never ends) is reported before the lock is taken.
    let mut paths = Vec::with_capacity(found.len());
    for (path, _) in found {
        match check_readable(&path, max_size) {
            Ok(size) => paths.push((path, size)),
            Err(reason) => {
                let error = Error::Read {
                    path: path.clone(),
                    reason,
                };
                writeln!(err, "claimtrack: {}", one_line(&error.to_string()))?;
                summary.failed.push(FailedFile {
                    path: path.display().to_string(),
                    error: error.to_string(),
                });
            }
        }
    }
    let total_bytes: u64 = paths.iter().map(|(_, size)| size).sum();
    let bar = progress_bar(config.progress, total_bytes);
    let now = config.now_text();
    let today = config.now.date_naive();
    // Reading and extracting run on worker threads, ahead of the one thread that stores:
    // extraction is pure and SQLite writes from one connection. Worker `w` takes the paths
    // `w, w + n, w + 2n, ...` and the store reads the workers' channels in turn, so articles
    // are stored in path order whatever the number of cores. Each worker's bytes ahead
    // (`Ahead`) keep memory flat.
    let workers = extraction_workers(paths.len());
    let ahead_limit = PREPARED_AHEAD_BYTES.div_ceil(workers as u64);
    let (senders, receivers): (Vec<_>, Vec<_>) =
        (0..workers).map(|_| std::sync::mpsc::channel()).unzip();
    let ahead: Vec<Ahead> = (0..workers).map(|_| Ahead::default()).collect();
    std::thread::scope(|scope| -> Result<()> {
        // Moved in, so that a store error drops the receivers and wakes the workers, which stop.
        let receivers = receivers;
        let _stop = StopWorkers(&ahead);
        let prepared = (0..paths.len()).map_while(|index| {
            let worker = index % workers;
            let article = receivers[worker].recv().ok();
            ahead[worker].taken(paths[index].1);
            article
        });
        let paths = &paths;
        let reading = Reading {
            published,
            today,
            max_size,
        };
        for (worker, sender) in senders.into_iter().enumerate() {
            let ahead = &ahead[worker];
            let mine = paths.iter().skip(worker).step_by(workers);
            scope.spawn(move || prepare_ahead(mine, reading, ahead, ahead_limit, &sender));
        }
        let mut batch = store.batch()?;
        let mut batch_bytes = 0;
        for ((path, size), article) in paths.iter().zip(prepared) {
            let display = path.display().to_string();
            bar.set_message(display.clone());
            let outcome = article.and_then(|(article, dating, title, claims)| {
                let new = new_article(&article, dating, claims, &title, args, published);
                let claims = new.claims.len();
                let source = dating.source;
                batch.add(new, &now).map(|added| (added, claims, source))
            });
            match outcome {
                Ok((Added::New { .. }, claims, source)) => {
                    summary.added += 1;
                    summary.claims += claims;
                    match source {
                        ReferenceSource::Given => summary.reference_dates.given += 1,
                        ReferenceSource::Text => summary.reference_dates.text += 1,
                        ReferenceSource::None => summary.reference_dates.added += 1,
                    }
                }
                Ok((Added::AlreadyPresent { .. }, _, _)) => summary.already_present += 1,
                Err(error) if batch.is_broken() => {
                    // SQLite rolled back the whole batch (a full disk, say): stop, and say why.
                    bar.finish_and_clear();
                    return Err(error);
                }
                Err(error) => {
                    bar.suspend(|| writeln!(err, "claimtrack: {}", one_line(&error.to_string())))?;
                    summary.failed.push(FailedFile {
                        path: display,
                        error: error.to_string(),
                    });
                }
            }
            summary.bytes += size;
            bar.inc(*size);
            batch_bytes += *size as usize;
            if batch_bytes >= BATCH_BYTES {
                batch.commit()?;
                batch = store.batch()?;
                batch_bytes = 0;
            }
        }
        batch.commit()?;
        Ok(())
    })?;
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.megabytes_per_second = if summary.seconds > 0.0 {
        summary.bytes as f64 / 1e6 / summary.seconds
    } else {
        0.0
    };
    if args.json {
        super::write_json(out, &summary)?;
    } else {
        writeln!(
            out,
            "{} articles added ({} claims), {} already present, {} failed; {:.1} MB in {:.2} s ({:.1} MB/s)",
            summary.added,
            summary.claims,
            summary.already_present,
            summary.failed.len(),
            summary.bytes as f64 / 1e6,
            summary.seconds,
            summary.megabytes_per_second
        )?;
        let dates = &summary.reference_dates;
        writeln!(
            out,
            "relative dates resolved against: --published for {}, a date in the first lines for {}, the day added for {}",
            dates.given, dates.text, dates.added
        )?;
    }
    if !summary.failed.is_empty() {
        return Err(Error::SomeFailed {
            failed: summary.failed.len(),
            total: summary.files,
        });
    }
    Ok(())
}

/// How many threads read and extract: one per core, and one for the storing thread to
/// overlap with on a single core.
fn extraction_workers(files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    cores.clamp(1, files.max(1))
}

/// Where an article's relative dates were resolved from: all that storing needs of its
/// extraction once the claims are made.
#[derive(Debug, Clone, Copy)]
struct Dating {
    date: Option<chrono::NaiveDate>,
    source: ReferenceSource,
}

impl Dating {
    fn of(extraction: &Extraction) -> Dating {
        Dating {
            date: extraction.reference_date,
            source: extraction.reference_source,
        }
    }
}

/// An article read and extracted, ready to store: its text, dating, title and claims.
type Prepared = (ArticleText, Dating, String, Vec<NewClaim>);

/// What every worker reads articles with.
#[derive(Clone, Copy)]
struct Reading {
    published: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    max_size: u64,
}

/// A worker: prepare `paths` in turn and send them to the store, at most `limit` bytes of
/// text ahead of it, at a lower priority than the store.
fn prepare_ahead<'a>(
    paths: impl Iterator<Item = &'a (PathBuf, u64)>,
    reading: Reading,
    ahead: &Ahead,
    limit: u64,
    sender: &std::sync::mpsc::Sender<Result<Prepared>>,
) {
    lower_priority();
    for (path, size) in paths {
        let article = || prepare_article(path, reading.published, reading.today, reading.max_size);
        if !ahead.reserve(*size, limit) || sender.send(article()).is_err() {
            // The store stopped (a full disk): nothing more is wanted.
            return;
        }
    }
}

/// Read and extract one file, ready to store. The extraction is dropped here, on the worker
/// that made it, so that the storing thread (the bottleneck) does not free its memory.
fn prepare_article(
    path: &Path,
    published: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    max_size: u64,
) -> Result<Prepared> {
    let text = read_article(&path.display().to_string(), &mut std::io::empty(), max_size);
    text.map(|article| {
        let extraction = extract_on_the_day(
            &article.text,
            &Context {
                reference_date: published,
            },
            Some(today),
        );
        let claims = claims_to_store(&extraction);
        let title = title_from_text(&article.text);
        (article, Dating::of(&extraction), title, claims)
    })
}

fn progress_bar(enabled: bool, total_bytes: u64) -> indicatif::ProgressBar {
    if !enabled {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {wide_msg}",
        )
        .expect("a valid template"),
    );
    bar
}

/// Every file named, and every file under the folders named whose name matches `glob`, in a
/// stable order, with its size. Only paths are held, never the texts.
fn collect_paths(
    inputs: &[String],
    glob: &str,
    err: &mut dyn Write,
) -> Result<Vec<(PathBuf, u64)>> {
    let mut found = Vec::new();
    for input in inputs {
        let path = PathBuf::from(input);
        if path.is_dir() {
            walk(&path, glob, &mut found, err)?;
        } else {
            // A missing file is reported when it is read, like any other bad file.
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            found.push((path, size));
        }
    }
    Ok(found)
}

fn walk(
    folder: &Path,
    glob: &str,
    found: &mut Vec<(PathBuf, u64)>,
    err: &mut dyn Write,
) -> Result<()> {
    let mut entries: Vec<_> = match std::fs::read_dir(folder) {
        Ok(entries) => entries.filter_map(|e| e.ok()).collect(),
        Err(error) => {
            writeln!(
                err,
                "claimtrack: cannot read folder {}: {error}",
                folder.display()
            )?;
            return Ok(());
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, glob, found, err)?;
        } else if matches_glob(glob, &entry.file_name().to_string_lossy()) {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            found.push((path, size));
        }
    }
    Ok(())
}

/// Shell-style wildcard match of a file name: `*` is any run of characters, `?` one character.
fn matches_glob(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    let (mut p, mut n) = (0, 0);
    let (mut star, mut resume) = (None, 0);
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some(p);
            resume = n;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            resume += 1;
            n = resume;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

fn new_article<'a>(
    article: &'a ArticleText,
    dating: Dating,
    claims: Vec<NewClaim>,
    title: &'a str,
    args: &'a AddArgs,
    published: Option<chrono::NaiveDate>,
) -> NewArticle<'a> {
    NewArticle {
        title,
        url: args.url.as_deref(),
        outlet: args.outlet.as_deref(),
        published: published.map(|d| d.to_string()),
        reference_date: dating.date.map(|d| d.to_string()),
        reference_source: match dating.source {
            ReferenceSource::Given => "given",
            ReferenceSource::Text => "text",
            ReferenceSource::None => "none",
        },
        content_hash: &article.content_hash,
        body: &article.text,
        claims,
    }
}

/// The first non-empty line, trimmed, as a title of at most 200 characters.
fn title_from_text(text: &str) -> String {
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("untitled");
    line.chars().take(200).collect()
}

/// The checkable claims, with each repeated statement folded into the first place that states
/// it, so a checker settles it once.
fn claims_to_store(extraction: &Extraction) -> Vec<NewClaim> {
    let mut stored: Vec<NewClaim> = Vec::new();
    let mut stored_index_of = std::collections::HashMap::new();
    for (index, claim) in extraction.checkable_claims() {
        if let Some(first) = claim.duplicate_of.and_then(|d| stored_index_of.get(&d)) {
            let target: &mut NewClaim = &mut stored[*first];
            target.occurrences.push(Occurrence {
                start: claim.start,
                end: claim.end,
                text: claim.text.clone(),
            });
            continue;
        }
        stored_index_of.insert(index, stored.len());
        stored.push(NewClaim {
            text: claim.text.clone(),
            start: claim.start,
            end: claim.end,
            kind: claim.kind,
            kinds: claim.kinds.clone(),
            score: claim.score,
            speaker: claim.speaker.clone(),
            values: claim.values.clone(),
            occurrences: Vec::new(),
            keys: MatchKeys::new(&claim.text, &claim.values),
        });
    }
    stored
}

#[cfg(test)]
mod tests {
    use super::matches_glob;

    #[test]
    fn glob_matches_file_names_like_a_shell() {
        let cases = [
            ("*.txt", "article.txt", true),
            ("*.txt", "article.txt.bak", false),
            ("*.txt", ".txt", true),
            ("art?cle.*", "article.md", true),
            ("*", "anything", true),
            ("*2019*.txt", "reuters-2019-11.txt", true),
            ("*.txt", "notes.md", false),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(matches_glob(pattern, name), expected, "{pattern} vs {name}");
        }
    }
}
