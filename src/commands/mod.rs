//! One file per subcommand. Each takes resolved settings and writes to an injected writer, so
//! tests can run them in-process.

pub mod add;
pub mod article;
pub mod articles;
pub mod assign;
pub mod claim;
pub mod completions;
pub mod export;
pub mod extract;
pub mod import;
pub mod input;
pub mod list;
pub mod manual;
pub mod mark;
pub mod matches;
pub mod note;
pub mod output;
pub mod report;
pub mod search;
pub mod select;
pub mod show;
pub mod source;
pub mod split;
pub mod status;
pub mod sync;
pub mod train;
pub mod train_speakers;
pub mod undo;

use std::io::{Read, Write};

use crate::cli::{Command, RemoteCommand};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;

/// Run one parsed command. Commands that need no database (`extract`, `split`, `completions`,
/// `man`) never open it. `err` receives warnings about single inputs of a batch; the error
/// that ends a command is returned, for `main` to print.
pub fn run(
    command: Command,
    config: &Config,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match command {
        Command::Extract(args) => extract::run(&args, stdin, out),
        Command::Split(args) => split::run(&args, stdin, out),
        Command::Add(args) => add::run(config, &args, stdin, out, err),
        Command::Completions(args) => completions::completions(&args, out),
        Command::Train(command) => train::run(&command, out),
        Command::Man => completions::man(out),
        Command::Where => {
            writeln!(out, "{}", config.db_path.display())?;
            Ok(())
        }
        // Called by completion scripts as the user types: quiet when there is nothing to offer.
        Command::Names if !config.db_path.exists() => Ok(()),
        command => {
            // Only bringing articles in (add, import, and a sync or a remote set on a laptop
            // joining the desk) creates a database: anything else on a missing file is a
            // mistyped path, and an empty database would answer "no articles yet".
            let creates = matches!(
                command,
                Command::Import(_) | Command::Sync(_) | Command::Remote(RemoteCommand::Set { .. })
            );
            if !creates && !config.db_path.exists() {
                return Err(Error::Database {
                    path: config.db_path.clone(),
                    reason: "does not exist: check --db or CLAIMTRACK_DB (`claimtrack where` prints the path in use), or add an article first with `claimtrack add FILE`".into(),
                });
            }
            // Commands that only read never write to the file, so they also work on a copy
            // on read-only media.
            let mut store = if reads_only(&command) {
                Store::open_read_only(&config.db_path)?
            } else {
                Store::open(&config.db_path)?
            };
            match command {
                Command::List(args) => list::run(config, &store, &args, out),
                Command::Show(args) => show::run(config, &store, &args, out),
                Command::Mark(args) => mark::run(config, &mut store, &args, out),
                Command::Status(args) => status::run(config, &store, &args, out),
                Command::Source(command) => source::run(config, &mut store, &command, out),
                Command::Note(args) => note::run(config, &mut store, &args, out),
                Command::Assign(args) => assign::run(config, &mut store, &args, out),
                Command::Undo(args) => undo::run(config, &mut store, &args, out),
                Command::Matches(args) => matches::run(config, &store, &args, out),
                Command::Articles(args) => articles::run(config, &store, &args, out),
                Command::Search(args) => search::run(config, &store, &args, out),
                Command::Export(args) => export::run(config, &store, &args, out),
                Command::Import(args) => import::run(config, &mut store, &args, stdin, out),
                Command::Report(args) => report::run(config, &store, &args, out),
                Command::Claim(command) => claim::run(config, &mut store, &command, out),
                Command::Names => completions::names(&store, out),
                Command::Article(command) => article::run(config, &mut store, &command, out),
                Command::Sync(args) => sync::run(config, &mut store, &args, out),
                Command::Remote(command) => sync::remote(&mut store, &command, out),
                Command::Extract(_)
                | Command::Split(_)
                | Command::Completions(_)
                | Command::Man
                | Command::Where
                | Command::Train(_)
                | Command::Add(_) => unreachable!("handled above"),
            }
        }
    }
}

/// True for the commands that never change the database.
fn reads_only(command: &Command) -> bool {
    matches!(
        command,
        Command::List(_)
            | Command::Show(_)
            | Command::Status(_)
            | Command::Matches(_)
            | Command::Articles(_)
            | Command::Search(_)
            | Command::Export(_)
            | Command::Report(_)
    )
}

/// Write `value` as pretty JSON followed by a newline.
pub(crate) fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
