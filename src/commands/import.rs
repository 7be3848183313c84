//! `claimtrack import`: merge a JSON-lines export into this database, all or nothing.

use std::io::{Read, Write};

use crate::cli::ImportArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::check_evidence;
use crate::report::interchange::Record;
use crate::store::Store;

/// Every line is parsed before anything is written, so a malformed line anywhere refuses the
/// whole file with its line number.
pub fn run(
    config: &Config,
    store: &mut Store,
    args: &ImportArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<()> {
    let mut text = String::new();
    let name = if args.file == "-" {
        stdin.read_to_string(&mut text).map_err(|e| Error::Read {
            path: "standard input".into(),
            reason: e.to_string(),
        })?;
        "standard input".to_string()
    } else {
        // A FIFO or a device is not an export: `/dev/zero` would be read until memory ran out.
        super::input::check_readable(std::path::Path::new(&args.file), u64::MAX).map_err(
            |reason| Error::Read {
                path: args.file.clone().into(),
                reason,
            },
        )?;
        text = std::fs::read_to_string(&args.file).map_err(|e| Error::Read {
            path: args.file.clone().into(),
            reason: e.to_string(),
        })?;
        args.file.clone()
    };
    let mut records = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(line).map_err(|e| {
            Error::Invalid(format!(
                "{name}: line {}: not an export record: {e}",
                index + 1
            ))
        })?;
        // The same evidence rule as `mark --source` and `source add`: a file cannot bring in
        // what the desk could not type.
        if let Record::Source(source) = &record {
            check_evidence(&source.reference).map_err(|why| {
                Error::Invalid(format!(
                    "{name}: line {}: {why}; nothing was imported",
                    index + 1
                ))
            })?;
        }
        records.push((index + 1, record));
    }
    let imported = store.import(&records, config.now).map_err(|e| match e {
        Error::Invalid(message) => {
            Error::Invalid(format!("{name}: {message}; nothing was imported"))
        }
        other => other,
    })?;
    writeln!(
        out,
        "imported {} articles, {} claims, {} sources, {} events, {} matches, {} values, {} further places; {} records were already here",
        imported.articles,
        imported.claims,
        imported.sources,
        imported.events,
        imported.matches,
        imported.values,
        imported.occurrences,
        imported.already_present
    )?;
    Ok(())
}
