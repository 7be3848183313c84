//! Integration tests: most run commands in-process against a temporary database; `binary`
//! runs the real executable for what only a process shows (exit codes, stderr, pipes).

mod batch;
mod binary;
mod conformance;
mod desk;
mod extraction_cases;
mod hostile;
mod html;
mod interchange;
mod matching;
mod properties;
mod reliability;
mod reports;
mod sample;
mod sync;
mod train_speakers;
mod training;
mod verification;
mod workflow;

use std::path::{Path, PathBuf};

use claimtrack::cli::Cli;
use claimtrack::config::{Config, Environment};
use clap::Parser;

/// The sample article the user gave, with its known publication date.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seed_nysun_korea.txt");
pub const SAMPLE_PUBLISHED: &str = "2022-06-03";

/// A temporary database that disappears with the test.
pub struct Desk {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Default for Desk {
    fn default() -> Self {
        Self::new()
    }
}

impl Desk {
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("claims.db");
        Desk { _dir: dir, db }
    }

    /// Run `claimtrack --db <db> ARGS` in-process; stdout as text, or the error.
    pub fn run(&self, args: &[&str]) -> Result<String, claimtrack::Error> {
        run_with_stdin(&self.db, args, "")
    }

    /// Like `run`, but a failure is a test failure.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args)
            .unwrap_or_else(|e| panic!("claimtrack {args:?} failed: {e}"))
    }

    /// Run with `--json` appended and parse what it printed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&self.ok(&args)).expect("--json output parses")
    }

    /// Add the sample article with its publication date; returns the article id.
    pub fn add_sample(&self) -> i64 {
        let out = self.json(&["add", SAMPLE, "--published", SAMPLE_PUBLISHED]);
        out["article"]["id"].as_i64().unwrap()
    }
}

pub fn run_with_stdin(db: &Path, args: &[&str], stdin: &str) -> Result<String, claimtrack::Error> {
    let mut argv = vec!["claimtrack", "--db", db.to_str().unwrap()];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{args:?} does not parse: {e}"));
    let vars = |name: &str| match name {
        "USER" => Some("tester".to_string()),
        _ => None,
    };
    let env = Environment {
        var: &vars,
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        terminal_width: Some(120),
    };
    let config = Config::resolve(cli.db.clone(), &cli.color, &env)?;
    let mut out = Vec::new();
    let mut err = Vec::new();
    claimtrack::commands::run(
        cli.command,
        &config,
        &mut stdin.as_bytes(),
        &mut out,
        &mut err,
    )?;
    Ok(String::from_utf8(out).unwrap())
}
