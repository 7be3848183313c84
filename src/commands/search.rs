//! `claimtrack search`: full-text search over claims, best match first, matches highlighted.

use std::io::Write;

use crate::cli::SearchArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::views::{FoundJson, SearchJson, search_table};
use crate::store::Store;

/// Finding nothing is exit code 1 (README, "Exit codes"), after the empty result is printed,
/// so that scripts can test for it as they do with grep.
pub fn run(config: &Config, store: &Store, args: &SearchArgs, out: &mut dyn Write) -> Result<()> {
    let query = args.query.join(" ");
    let status = args.status.as_deref().map(str::parse).transpose()?;
    let found = store.search(&query, status, args.limit)?;
    let mut claims = Vec::with_capacity(found.len());
    for hit in &found {
        claims.push(FoundJson::new(&store.claim(hit.claim_id)?, hit));
    }
    let report = SearchJson {
        query: &query,
        claims,
    };
    if args.json {
        super::write_json(out, &report)?;
    } else if !report.claims.is_empty() {
        writeln!(out, "{}", search_table(&report, config.style))?;
    }
    if report.claims.is_empty() {
        return Err(Error::NothingMatched(format!("no claims match '{query}'")));
    }
    Ok(())
}
