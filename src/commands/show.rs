//! `claimtrack show`: one claim with its values, sources and whole history.

use std::io::Write;

use crate::cli::ShowArgs;
use crate::config::Config;
use crate::error::Result;
use crate::report::{ClaimJson, ShowJson, claim_detail};
use crate::store::Store;

pub fn run(config: &Config, store: &Store, args: &ShowArgs, out: &mut dyn Write) -> Result<()> {
    let claim = store.claim(args.id)?;
    let events = store.events(args.id)?;
    let corrections = store.article_events(claim.article_id)?;
    if args.json {
        return super::write_json(
            out,
            &ShowJson {
                claim: ClaimJson::new(&claim, Some(&events)),
                article_corrections: &corrections,
            },
        );
    }
    let article = store.article(claim.article_id)?;
    write!(
        out,
        "{}",
        claim_detail(&claim, &article, &corrections, &events, config.style)
    )?;
    Ok(())
}
