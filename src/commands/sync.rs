//! `claimtrack sync` and `claimtrack remote`: share this database's work with the desk through
//! a PostgreSQL database, and store which one.

use std::io::Write;

use crate::cli::{RemoteCommand, SyncArgs};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::SyncJson;
use crate::store::{PgEnvironment, Remote, Store};

pub fn run(config: &Config, store: &mut Store, args: &SyncArgs, out: &mut dyn Write) -> Result<()> {
    let url = match &args.remote {
        Some(url) if !url.trim().is_empty() => url.clone(),
        _ => store.stored_remote()?.ok_or_else(|| {
            Error::Invalid(
                "no remote to sync with: give --remote postgresql://USER@HOST/DATABASE, set CLAIMTRACK_REMOTE, or store one with `claimtrack remote set URL`".into(),
            )
        })?,
    };
    // libpq's variables (PGHOST, PGPASSWORD, ...) are the remote's settings, so they are read
    // where the remote is resolved, as every PostgreSQL client does.
    let var = |name: &str| std::env::var(name).ok();
    let remote = Remote::resolve(&url, &PgEnvironment { var: &var })?;
    let synced = store.sync(&remote, &config.now_text())?;
    if args.json {
        return super::write_json(out, &SyncJson::new(&synced));
    }
    writeln!(
        out,
        "synced with {}: pushed {} records, pulled {} ({} articles, {} claims, {} sources, {} events new here)",
        synced.remote,
        synced.pushed,
        synced.pulled,
        synced.articles,
        synced.claims,
        synced.sources,
        synced.events
    )?;
    if synced.conflicts > 0 {
        writeln!(
            out,
            "{} two verdicts given apart (the later stands): see `claimtrack list --conflicts`, then mark them again",
            claims_have(synced.conflicts)
        )?;
    }
    Ok(())
}

pub fn remote(store: &mut Store, command: &RemoteCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        RemoteCommand::Set { url } => {
            store.set_remote(url)?;
            writeln!(out, "remote set: `claimtrack sync` now syncs with {url}")?;
        }
        RemoteCommand::Show => match store.stored_remote()? {
            Some(url) => writeln!(out, "{url}")?,
            None => writeln!(
                out,
                "no remote stored: `claimtrack remote set postgresql://USER@HOST/DATABASE`"
            )?,
        },
    }
    Ok(())
}

/// "1 claim has" or "N claims have".
pub(crate) fn claims_have(count: u64) -> String {
    if count == 1 {
        "1 claim has".into()
    } else {
        format!("{count} claims have")
    }
}
