//! `claimtrack list`: stored claims, filtered, as a table or JSON.

use std::io::Write;

use crate::cli::ListArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::views::dropped_note;
use crate::report::{ClaimJson, ListJson, claims_table_fitted};
use crate::store::{ClaimFilter, Store};

pub fn run(config: &Config, store: &Store, args: &ListArgs, out: &mut dyn Write) -> Result<()> {
    let by_score = match args.sort.as_str() {
        "id" => false,
        "score" => true,
        other => {
            return Err(Error::Invalid(format!(
                "--sort takes id or score, not '{other}'"
            )));
        }
    };
    let filter = ClaimFilter {
        article_id: args.article,
        status: args.status.as_deref().map(str::parse).transpose()?,
        kind: args.kind.as_deref().map(str::parse).transpose()?,
        assignee: args.assignee.clone(),
        conflicts: args.conflicts,
        by_score,
        limit: args.limit,
        // Dismissed sentences are not claims: shown only when asked for by status.
        hide_dismissed: true,
    };
    let claims = store.list_claims(&filter)?;
    if args.json {
        return super::write_json(
            out,
            &ListJson {
                claims: claims.iter().map(|c| ClaimJson::new(c, None)).collect(),
            },
        );
    }
    if claims.is_empty() {
        writeln!(out, "no claims match")?;
        return Ok(());
    }
    let (table, dropped) = claims_table_fitted(&claims, config.style, true);
    writeln!(out, "{table}")?;
    if let Some(note) = dropped_note(&dropped, config.style.width) {
        writeln!(out, "{note}")?;
    }
    Ok(())
}
