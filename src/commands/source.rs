//! `claimtrack source add`: attach a URL or citation to claims without changing their status.

use std::io::Write;

use crate::cli::{SelectArgs, SourceAddArgs, SourceCommand};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::check_evidence;
use crate::store::{NewSource, Store};

use super::select::{resolve, write_changes};

pub fn run(
    config: &Config,
    store: &mut Store,
    command: &SourceCommand,
    out: &mut dyn Write,
) -> Result<()> {
    match command {
        SourceCommand::Add(args) => add(config, store, args, out),
    }
}

fn add(
    config: &Config,
    store: &mut Store,
    args: &SourceAddArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let (reference, id_words) = args
        .ids_and_reference
        .split_last()
        .expect("clap requires the reference");
    let reference = check_evidence(reference).map_err(Error::Invalid)?;
    let ids = resolve(store, id_words, &SelectArgs::default())?;
    let source = NewSource {
        reference: reference.to_string(),
        title: args.title.clone(),
        excerpt: args.excerpt.clone(),
        note: args.note.clone(),
    };
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let changes = store.add_source(&ids, &source, &by, &config.now_text())?;
    write_changes(out, &changes)
}
