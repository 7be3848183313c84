//! `claimtrack report --format html`: one self-contained page for an editor, for one article
//! or every article.

use std::collections::HashMap;
use std::io::Write;

use crate::cli::{ReportArgs, ReportFormat};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::html::{ArticlePage, render};
use crate::store::{ClaimFilter, Store};

pub fn run(config: &Config, store: &Store, args: &ReportArgs, out: &mut dyn Write) -> Result<()> {
    let ReportFormat::Html = args.format;
    let rows = store.progress_by_article(args.article)?;
    if rows.is_empty() {
        return Err(Error::Invalid(
            "no articles yet: add one with `claimtrack add FILE`".into(),
        ));
    }
    let mut bodies = Vec::new();
    let mut claims = Vec::new();
    let mut verdicts = Vec::new();
    for (article, _) in &rows {
        bodies.push(store.article_body(article.id)?);
        let article_claims = store.list_claims(&ClaimFilter {
            article_id: Some(article.id),
            // The editor's page highlights claims; a dismissed sentence is not one.
            hide_dismissed: true,
            ..ClaimFilter::default()
        })?;
        let mut given = HashMap::new();
        for claim in article_claims.iter().filter(|c| c.status.is_resolved()) {
            if let (Some(at), Some(by)) = store.verdict(claim.id, claim.status)? {
                given.insert(claim.id, (at, by));
            }
        }
        claims.push(article_claims);
        verdicts.push(given);
    }
    let pages: Vec<ArticlePage<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, (article, progress))| ArticlePage {
            article,
            body: &bodies[i],
            claims: &claims[i],
            progress,
            verdicts: &verdicts[i],
        })
        .collect();
    let html = render(&pages, &config.now_text());
    match &args.output {
        Some(path) => super::output::write_output(
            path,
            store.path(),
            html.as_bytes(),
            crate::report::html::is_report,
            args.force,
        )?,
        None => out.write_all(html.as_bytes())?,
    }
    Ok(())
}
