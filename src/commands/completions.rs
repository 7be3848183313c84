//! `claimtrack completions SHELL` and `claimtrack man`: generated from the clap definitions,
//! so they never disagree with what the binary accepts.
//!
//! Statuses, kinds and formats are offered from the definitions (`cli::Named`, value enums).
//! Checker names after --by, --to and --assignee come from the database: clap_complete's
//! scripts are static (its dynamic engine is behind an unstable feature), so for bash, zsh
//! and fish the place where the script would offer user names or files is pointed at the
//! hidden `claimtrack names` command instead. Elvish and PowerShell scripts offer no values.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;
use crate::store::Store;

/// What prints the names; errors (a mistyped database) must not reach the user's prompt.
const NAMES: &str = "claimtrack names 2>/dev/null";

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "claimtrack", &mut script);
    // clap_complete's zsh and fish scripts list hidden subcommands too; `names` is for the
    // scripts, not for people.
    let script: String = String::from_utf8_lossy(&script)
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("'names:") && !line.contains("-f -a \"names\""))
        .collect();
    let script = match args.shell {
        clap_complete::Shell::Bash => bash_names(&script),
        clap_complete::Shell::Zsh => zsh_names(&script),
        clap_complete::Shell::Fish => {
            script.replace("(__fish_complete_users)", &format!("({NAMES})"))
        }
        _ => script,
    };
    out.write_all(script.as_bytes())?;
    Ok(())
}

/// bash: clap_complete offers files for a user name; offer the database's names instead.
fn bash_names(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut names_next = false;
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim();
        if names_next && trimmed == r#"COMPREPLY=($(compgen -f "${cur}"))"# {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!(
                "{indent}COMPREPLY=($(compgen -W \"$({NAMES})\" -- \"${{cur}}\"))\n"
            ));
        } else {
            out.push_str(line);
        }
        names_next = matches!(trimmed, "--by)" | "--to)" | "--assignee)");
    }
    out
}

/// zsh: `_users` becomes a function that describes the database's names.
fn zsh_names(script: &str) -> String {
    let helper = format!(
        "(( $+functions[_claimtrack_names] )) ||\n_claimtrack_names() {{\n    local -a names\n    names=(${{(f)\"$({NAMES})\"}})\n    _describe -t names 'checker' names\n}}\n\n"
    );
    let script = script.replace(":_users", ":_claimtrack_names");
    match script.find("if [ \"$funcstack[1]\" = \"_claimtrack\" ]") {
        Some(at) => format!("{}{helper}{}", &script[..at], &script[at..]),
        None => format!("{script}\n{helper}"),
    }
}

/// `claimtrack names`: the checkers in the database, one a line.
pub fn names(store: &Store, out: &mut dyn Write) -> Result<()> {
    for name in store.checker_names()? {
        writeln!(out, "{name}")?;
    }
    Ok(())
}

/// The manual page in roff; `claimtrack man > claimtrack.1 && man ./claimtrack.1`.
pub fn man(out: &mut dyn Write) -> Result<()> {
    super::manual::write(out)
}
