//! `claimtrack matches`: claims of other articles that say the same thing as one claim.

use std::io::Write;

use comfy_table::Cell;

use crate::cli::MatchesArgs;
use crate::config::Config;
use crate::error::Result;
use crate::model::MatchWhy;
use crate::report::{MatchesJson, excerpt};
use crate::store::Store;

pub fn run(config: &Config, store: &Store, args: &MatchesArgs, out: &mut dyn Write) -> Result<()> {
    let claim = store.claim(args.id)?;
    if args.json {
        return super::write_json(
            out,
            &MatchesJson {
                id: claim.id,
                matches: &claim.matches,
            },
        );
    }
    if claim.matches.is_empty() {
        writeln!(
            out,
            "claim {}: no matching claims in other articles",
            claim.id
        )?;
        return Ok(());
    }
    let mut table = config.style.table();
    table.set_header(vec!["id", "article", "status", "score", "shared", "claim"]);
    for m in &claim.matches {
        table.add_row(vec![
            Cell::new(m.id),
            Cell::new(m.article_id),
            config.style.status_cell(m.status),
            Cell::new(format!("{:.2}", m.score)),
            Cell::new(shared(&m.why)),
            Cell::new(excerpt(&m.text, 120)),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "settle claim {} with the same verdict: claimtrack mark {} --same-as ID",
        claim.id, claim.id
    )?;
    Ok(())
}

/// What two matched claims share, for the table: figures, then names, then the three most
/// distinctive other words.
fn shared(why: &MatchWhy) -> String {
    let words = why.words.iter().take(3);
    why.figures
        .iter()
        .chain(&why.names)
        .chain(words)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}
