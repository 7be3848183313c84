//! Command-line syntax, as clap derive structs: parsing only, no logic and no I/O.

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::model::{ClaimKind, Status};

/// Track the checkable claims of news articles through verification.
#[derive(Debug, Parser)]
#[command(name = "claimtrack", version, about, long_about = None)]
pub struct Cli {
    /// Database file [default: $CLAIMTRACK_DB, else $XDG_DATA_HOME/claimtrack/claims.db]
    #[arg(long, global = true, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub db: Option<PathBuf>,

    /// When to colour tables: auto (only on a terminal), always or never
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        value_parser = Named(|| vec!["auto", "always", "never"])
    )]
    pub color: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read an article, extract its claims and store them
    Add(AddArgs),
    /// Extract claims from an article without storing anything
    Extract(ExtractArgs),
    /// Show the sentences the extractor sees
    Split(SplitArgs),
    /// List stored claims
    List(ListArgs),
    /// Show one claim with its values, sources and history
    Show(ShowArgs),
    /// Set the status of one or more claims
    Mark(MarkArgs),
    /// Show verification progress per article (or per checker)
    Status(StatusArgs),
    /// Attach sources to claims
    #[command(subcommand)]
    Source(SourceCommand),
    /// Write a note on claims
    Note(NoteArgs),
    /// Assign claims to a checker
    Assign(AssignArgs),
    /// Revert each claim's last change (an undo of an undo re-applies it)
    Undo(UndoArgs),
    /// Claims of other articles that say the same thing as a claim
    Matches(MatchesArgs),
    /// List articles with their publication details and progress
    Articles(ArticlesArgs),
    /// Full-text search over claims, best match first
    Search(SearchArgs),
    /// Write claims as ClaimReview JSON-LD, JSON lines or CSV
    Export(ExportArgs),
    /// Merge a JSON-lines export into this database without duplicates
    Import(ImportArgs),
    /// Write a self-contained HTML page of articles with their claims highlighted
    Report(ReportArgs),
    /// Add a claim the extractor missed
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Correct an article's title, URL, outlet or publication date
    #[command(subcommand)]
    Article(ArticleCommand),
    /// Print the path of the database this command line would use
    Where,
    /// Print the names of the checkers in the database, one a line (for shell completion of
    /// --by, --to and --assignee; prints nothing when there is no database)
    #[command(hide = true)]
    Names,
    /// Push this database's changes to the desk's shared PostgreSQL database and pull the others'
    Sync(SyncArgs),
    /// Store or show the shared PostgreSQL database `sync` uses
    #[command(subcommand)]
    Remote(RemoteCommand),
    /// Retrain a learned model of the extractor from labelled sentences
    #[command(subcommand)]
    Train(TrainCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    Man,
}

/// Which claims to act on, besides explicit ids: every filter narrows the selection.
#[derive(Debug, Args, Default)]
pub struct SelectArgs {
    /// Claims of this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Claims of this kind
    #[arg(long, value_parser = Named::kinds())]
    pub kind: Option<String>,
    /// Claims that currently have this status
    #[arg(long, value_name = "STATUS", value_parser = Named::statuses())]
    pub with_status: Option<String>,
    /// Claims assigned to this checker
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username)]
    pub assignee: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Attach a URL or citation to claims: `source add ID... URL_OR_CITATION`
    Add(SourceAddArgs),
}

#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// Claim ids (12, 7-9), then the URL (http or https) or citation
    #[arg(required = true, num_args = 2.., value_name = "ID... URL_OR_CITATION")]
    pub ids_and_reference: Vec<String>,
    /// The source's title
    #[arg(long)]
    pub title: Option<String>,
    /// The passage of the source that settles the claim
    #[arg(long)]
    pub excerpt: Option<String>,
    /// A note about the source
    #[arg(long)]
    pub note: Option<String>,
    /// Who added it [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
}

/// `note 3 5 -m TEXT` or `note 3 5 -- TEXT`: the text is never taken from the ids, so a
/// forgotten text cannot turn the last id into a note.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Claim ids (12, 7-9)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The note
    #[arg(long, short = 'm', value_name = "TEXT", conflicts_with = "text_after")]
    pub text: Option<String>,
    /// The note as one argument after `--` (quoted)
    #[arg(last = true, value_name = "TEXT")]
    pub text_after: Vec<String>,
    /// Who wrote it [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Claim ids (12, 7-9); or use the filters
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// The checker to assign to
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name, required_unless_present = "nobody")]
    pub to: Option<String>,
    /// Take the claims off anyone's list
    #[arg(long, conflicts_with = "to")]
    pub nobody: bool,
    /// Who made the change [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Claim ids (12, 7-9)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Why: required to undo a change someone else made
    #[arg(long)]
    pub note: Option<String>,
    /// Who made the change [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct MatchesArgs {
    /// Claim id
    pub id: i64,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Article text files or folders (searched recursively), or - for standard input
    #[arg(required = true, value_name = "FILE|FOLDER|-")]
    pub files: Vec<String>,
    /// Which files of a folder are articles
    #[arg(long, default_value = "*.txt", value_name = "PATTERN")]
    pub glob: String,
    /// Title [default: the first non-empty line]
    #[arg(long)]
    pub title: Option<String>,
    /// Where the article was published online
    #[arg(long)]
    pub url: Option<String>,
    /// The publication (for example "The New York Sun")
    #[arg(long)]
    pub outlet: Option<String>,
    /// Publication date, YYYY-MM-DD: relative dates ("on Wednesday") resolve against it
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Largest article to read, in bytes or with K, M or G [default: 16M]
    #[arg(long, value_name = "SIZE")]
    pub max_size: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Check-worthiness: fit the model, print cross-validated figures, write its weights
    Checkworthy(TrainCheckworthyArgs),
    /// Speakers: fit the model that chooses a claim's speaker among the rules' candidates
    Speakers(TrainSpeakersArgs),
}

#[derive(Debug, Args)]
pub struct TrainSpeakersArgs {
    /// Annotated articles: DIR/articles/NAME.txt with DIR/gold/NAME.json (the devset format)
    #[arg(long, value_name = "DIR")]
    pub devset: PathBuf,
    /// Folds of the cross-validation, articles dealt out in name order
    #[arg(long, default_value_t = 6)]
    pub folds: usize,
    /// Strength of the L2 penalty
    #[arg(long, default_value_t = 0.01)]
    pub l2: f64,
    /// Let the model choose every speaker, not only where the rules find none
    #[arg(long)]
    pub rank_all: bool,
    /// Where to write the weights (the build embeds src/extract/speakers/speakers.weights)
    #[arg(long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct TrainCheckworthyArgs {
    /// Annotated articles: DIR/articles/NAME.txt with DIR/gold/NAME.json (the devset format)
    #[arg(long, value_name = "DIR")]
    pub devset: Option<PathBuf>,
    /// Also learn from a desk's decisions in this database: dismissed claims are not
    /// check-worthy, claims with a verdict are (repeatable)
    #[arg(long, value_name = "FILE")]
    pub from_db: Vec<PathBuf>,
    /// Folds of the cross-validation, articles dealt out in name order
    #[arg(long, default_value_t = 6)]
    pub folds: usize,
    /// Strength of the L2 penalty
    #[arg(long, default_value_t = 0.003)]
    pub l2: f64,
    /// The feature table has 2^BITS slots: more keeps words apart, fewer stays in cache
    #[arg(long, default_value_t = 14)]
    pub bits: u32,
    /// Drop features found in fewer articles than this
    #[arg(long, default_value_t = 2)]
    pub min_articles: usize,
    /// Recall of check-worthy sentences the threshold must keep on held-out articles
    #[arg(long, default_value_t = 0.97)]
    pub min_recall: f64,
    /// Print the cross-validated figures of each annotated article
    #[arg(long)]
    pub per_article: bool,
    /// Where to write the weights (the build embeds src/extract/claims/model/checkworthy.weights)
    #[arg(long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article text file, or - for standard input
    pub file: String,
    /// Publication date, YYYY-MM-DD: relative dates resolve against it
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// List every sentence, with why those that are not claims were left out
    #[arg(long)]
    pub all: bool,
    /// Largest article to read, in bytes or with K, M or G [default: 16M]
    #[arg(long, value_name = "SIZE")]
    pub max_size: Option<String>,
    /// Print JSON (the only format; kept so scripts can say what they expect)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// Article text file, or - for standard input
    pub file: String,
    /// Largest article to read, in bytes or with K, M or G [default: 16M]
    #[arg(long, value_name = "SIZE")]
    pub max_size: Option<String>,
    /// Print JSON instead of one sentence a line
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only claims of this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Only claims with this status
    #[arg(long, value_parser = Named::statuses())]
    pub status: Option<String>,
    /// Only claims of this kind
    #[arg(long, value_parser = Named::kinds())]
    pub kind: Option<String>,
    /// Only claims assigned to this checker
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username)]
    pub assignee: Option<String>,
    /// Only claims flagged as a conflict by a sync (two verdicts given apart)
    #[arg(long)]
    pub conflicts: bool,
    /// Order: id (article order) or score (most check-worthy first)
    #[arg(long, default_value = "id", value_parser = Named(|| vec!["id", "score"]))]
    pub sort: String,
    /// At most this many claims
    #[arg(long)]
    pub limit: Option<u32>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Claim id
    pub id: i64,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Claim ids (12, 7-9), then the new status (unverified, in-progress, verified, false,
    /// misleading, unverifiable, or dismissed for a sentence that is not a claim); with filters
    /// the ids may be left out; with --same-as the status is left out
    #[arg(
        required = true,
        value_name = "ID... STATUS",
        value_parser = Named::statuses(),
        hide_possible_values = true
    )]
    pub ids_and_status: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Copy the verdict and sources of this claim, which says the same thing
    #[arg(long, value_name = "ID")]
    pub same_as: Option<i64>,
    /// A URL or citation that settles the claim (repeatable)
    #[arg(long = "source", value_name = "URL_OR_CITATION")]
    pub sources: Vec<String>,
    /// Why: required for unverifiable
    #[arg(long)]
    pub note: Option<String>,
    /// Who made the change [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// One row per article (the default), kind, checker or day
    #[arg(long, value_enum, value_name = "VIEW")]
    pub by: Option<StatusView>,
    /// With the article view: how many of the most recently added articles to list (the total
    /// row always counts every article)
    #[arg(long, default_value_t = 25, value_name = "N")]
    pub limit: u32,
    /// With the article view: list every article
    #[arg(long)]
    pub all: bool,
    /// Same as --by checker (kept for scripts written before --by)
    #[arg(long, conflicts_with_all = ["article", "by"])]
    pub by_checker: bool,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "json")]
    pub format: Option<TableFormat>,
    /// Print JSON instead of a table (same as --format json)
    #[arg(long)]
    pub json: bool,
}

/// The rows `status` counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusView {
    Article,
    Kind,
    Checker,
    Day,
}

/// How tabular reports are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table for people (coloured only on a terminal)
    Table,
    /// JSON, as documented in README
    Json,
    /// CSV with a header row (RFC 4180)
    Csv,
    /// A Markdown table
    Markdown,
}

#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for; every word must occur (quotes, -, : and * are taken literally)
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only claims with this status
    #[arg(long, value_parser = Named::statuses())]
    pub status: Option<String>,
    /// At most this many claims
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// claimreview (JSON-LD of settled claims), jsonl (everything) or csv (one row per claim)
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// The fact-checking organisation named as ClaimReview author
    #[arg(long, value_name = "NAME", default_value = "claimtrack")]
    pub publisher: String,
    /// The publisher's web site
    #[arg(long, value_name = "URL")]
    pub publisher_url: Option<String>,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Claimreview,
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `export --format jsonl`, or - for standard input
    pub file: String,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The shared database, as postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=...]
    /// [default: CLAIMTRACK_REMOTE, else the one stored with `remote set`]; the password comes
    /// from PGPASSWORD or ~/.pgpass
    #[arg(
        long,
        value_name = "URL",
        env = "CLAIMTRACK_REMOTE",
        hide_env_values = true
    )]
    pub remote: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RemoteCommand {
    /// Store the URL `sync` uses from now on (never with a password)
    Set {
        /// postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=...]
        url: String,
    },
    /// Print the stored URL
    Show,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this article [default: every article, one section each]
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// The only format so far; kept so scripts can say what they expect
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to this file instead of standard output (never over the database, nor over a
    /// file that is not an earlier report unless --force)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Let --output replace an existing file that is not a claimtrack report
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
}

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Add a claim the extractor missed: TEXT must occur in the article as stored
    Add(ClaimAddArgs),
}

#[derive(Debug, Args)]
pub struct ClaimAddArgs {
    /// The article's id
    pub article: i64,
    /// The claim as it reads in the article (line breaks and runs of spaces may differ)
    pub text: String,
    /// Who added it [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Correct an article's details; each change is recorded with who made it
    Edit(ArticleEditArgs),
}

#[derive(Debug, Args)]
pub struct ArticleEditArgs {
    /// The article's id
    pub id: i64,
    /// The right title
    #[arg(long)]
    pub title: Option<String>,
    /// The right URL (an empty string removes it)
    #[arg(long, value_hint = clap::ValueHint::Url)]
    pub url: Option<String>,
    /// The right outlet (an empty string removes it)
    #[arg(long)]
    pub outlet: Option<String>,
    /// The right publication date, YYYY-MM-DD: the article's relative dates are resolved
    /// again against it
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Why
    #[arg(long)]
    pub note: Option<String>,
    /// Who made the change [default: $USER]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username, value_parser = crate::model::check_name)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// A word clap passes on as typed, leaving the check (and its "did you mean") to the command,
/// while offering the valid names to shell completions and `--help`.
#[derive(Debug, Clone, Copy)]
pub struct Named(pub fn() -> Vec<&'static str>);

impl Named {
    pub fn statuses() -> Named {
        Named(|| Status::ALL.iter().map(|s| s.as_str()).collect())
    }

    pub fn kinds() -> Named {
        Named(|| ClaimKind::ALL.iter().map(|k| k.as_str()).collect())
    }
}

impl TypedValueParser for Named {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(PossibleValue::new)))
    }
}
