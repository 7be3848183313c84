//! `claimtrack completions SHELL` and `claimtrack man`: generated from the clap definitions,
//! so they never disagree with what the binary accepts.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "claimtrack", out);
    Ok(())
}

/// The manual page in roff; `claimtrack man > claimtrack.1 && man ./claimtrack.1`.
pub fn man(out: &mut dyn Write) -> Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(())
}
