//! `claimtrack source add`: attach a URL or citation to claims without changing their status.

use std::io::Write;

use crate::cli::{SelectArgs, SourceAddArgs, SourceCommand};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::{NewSource, Store, is_url};

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
    let reference = reference.trim();
    if reference.is_empty() {
        return Err(Error::Invalid(
            "the source is empty: give a URL or a citation".into(),
        ));
    }
    let lower = reference.to_ascii_lowercase();
    if lower.contains("://") && !is_url(reference) {
        return Err(Error::Invalid(format!(
            "'{reference}' looks like a link but is not http(s): give an http(s) URL or a plain citation"
        )));
    }
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
