//! `claimtrack export`: ClaimReview JSON-LD of settled claims, everything as JSON lines (what
//! `import` reads), or one CSV row per claim.

use std::io::Write;

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::export::{ClaimReview, ClaimsCsv, JsonArray};
use crate::store::{ArticleCache, ClaimFilter, Store};

pub fn run(_config: &Config, store: &Store, args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    // Each format writes as it reads: a million claims take the memory of one.
    match args.format {
        ExportFormat::Claimreview => {
            // ClaimReview is published inside an HTML <script> element: claim text must not
            // be able to close it.
            let mut script_safe = crate::report::escape::ScriptSafe(out);
            let mut reviews = JsonArray::new(&mut script_safe);
            store.each_settled(args.article, &mut |settled| match ClaimReview::new(
                &settled,
                &args.publisher,
                args.publisher_url.as_deref(),
            ) {
                Some(review) => reviews.push(&review),
                None => Ok(()),
            })?;
            reviews.finish()
        }
        ExportFormat::Jsonl => {
            if args.article.is_some() {
                // A partial export could name claims (same-as, matches) it does not carry,
                // and could not be merged back; everything is the unit of interchange.
                return Err(Error::Invalid(
                    "--format jsonl exports the whole database: leave out --article".into(),
                ));
            }
            store.each_record(&mut |record| {
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
                writeln!(out)?;
                Ok(())
            })
        }
        ExportFormat::Csv => {
            let filter = ClaimFilter {
                article_id: args.article,
                ..ClaimFilter::default()
            };
            // A missing article is an error before the header is written.
            if let Some(id) = args.article {
                store.article(id)?;
            }
            let mut csv = ClaimsCsv::new(out)?;
            let mut articles = ArticleCache::default();
            store.each_claim(&filter, false, &mut |claim| {
                let verdict_by = if claim.status.is_resolved() {
                    store.verdict(claim.id, claim.status)?.1
                } else {
                    None
                };
                let article = articles.get(store, claim.article_id)?;
                csv.row(&claim, article, verdict_by.as_deref())
            })?;
            csv.finish()
        }
    }
}
