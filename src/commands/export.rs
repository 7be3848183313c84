//! `claimtrack export`: ClaimReview JSON-LD of settled claims, everything as JSON lines (what
//! `import` reads), or one CSV row per claim.

use std::io::Write;

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::export::{ClaimReview, write_claims_csv};
use crate::store::{ClaimFilter, Store};

pub fn run(_config: &Config, store: &Store, args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    match args.format {
        ExportFormat::Claimreview => {
            let settled = store.settled_claims(args.article)?;
            let reviews: Vec<ClaimReview> = settled
                .iter()
                .filter_map(|s| ClaimReview::new(s, &args.publisher, args.publisher_url.as_deref()))
                .collect();
            // ClaimReview is published inside an HTML <script> element: claim text must not
            // be able to close it.
            super::write_json(&mut crate::report::escape::ScriptSafe(out), &reviews)
        }
        ExportFormat::Jsonl => {
            if args.article.is_some() {
                // A partial export could name claims (same-as, matches) it does not carry,
                // and could not be merged back; everything is the unit of interchange.
                return Err(Error::Invalid(
                    "--format jsonl exports the whole database: leave out --article".into(),
                ));
            }
            for record in store.export_records()? {
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
                writeln!(out)?;
            }
            Ok(())
        }
        ExportFormat::Csv => {
            let claims = store.list_claims(&ClaimFilter {
                article_id: args.article,
                ..ClaimFilter::default()
            })?;
            let mut rows = Vec::with_capacity(claims.len());
            let mut articles = std::collections::HashMap::new();
            for claim in claims {
                if let std::collections::hash_map::Entry::Vacant(entry) =
                    articles.entry(claim.article_id)
                {
                    entry.insert(store.article(claim.article_id)?);
                }
                let verdict_by = if claim.status.is_resolved() {
                    store.verdict(claim.id, claim.status)?.1
                } else {
                    None
                };
                let article = articles[&claim.article_id].clone();
                rows.push((claim, article, verdict_by));
            }
            write_claims_csv(out, &rows)
        }
    }
}
