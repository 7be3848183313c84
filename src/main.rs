//! The `claimtrack` binary: parse arguments, resolve settings, run the command, and turn an
//! error into one line on stderr and an exit code. The only place that exits.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use claimtrack::cli::Cli;
use claimtrack::config::{Config, Environment};

fn main() -> ExitCode {
    claimtrack::return_freed_memory_promptly();
    let cli = Cli::parse();
    let lookup = |name: &str| std::env::var(name).ok();
    let stdout = std::io::stdout();
    let env = Environment {
        var: &lookup,
        stdout_is_terminal: stdout.is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        terminal_width: claimtrack::report::terminal_width(),
    };
    let result = Config::resolve(cli.db.clone(), &cli.color, &env).and_then(|config| {
        // Buffered: stdout is line-buffered, and a million-claim status would make a system
        // call per line.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        let mut stdin = std::io::stdin().lock();
        let mut err = std::io::stderr();
        claimtrack::commands::run(cli.command, &config, &mut stdin, &mut out, &mut err)?;
        out.flush()?;
        Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `claimtrack list | head` closes the pipe early: that is not an error worth a message.
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            let message = claimtrack::report::escape::one_line(&error.to_string());
            eprintln!("claimtrack: {message}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
