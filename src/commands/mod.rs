//! One file per subcommand. Each takes resolved settings and writes to an injected writer, so
//! tests can run them in-process.

pub mod add;
pub mod articles;
pub mod assign;
pub mod completions;
pub mod export;
pub mod extract;
pub mod import;
pub mod input;
pub mod list;
pub mod mark;
pub mod matches;
pub mod note;
pub mod report;
pub mod search;
pub mod select;
pub mod show;
pub mod source;
pub mod split;
pub mod status;
pub mod train;
pub mod undo;

use std::io::{Read, Write};

use crate::cli::Command;
use crate::config::Config;
use crate::error::Result;
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
        command => {
            let mut store = Store::open(&config.db_path)?;
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
                Command::Extract(_)
                | Command::Split(_)
                | Command::Completions(_)
                | Command::Man
                | Command::Train(_)
                | Command::Add(_) => unreachable!("handled above"),
            }
        }
    }
}

/// Write `value` as pretty JSON followed by a newline.
pub(crate) fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
