//! `claimtrack report --format html`: one self-contained page for an editor, for one article
//! or every article.

use std::collections::HashMap;
use std::io::Write;

use crate::cli::{ReportArgs, ReportFormat};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Article, Progress};
use crate::report::html::{ArticlePage, PAGE_END, page_start, render_article};
use crate::store::{ClaimFilter, Store};

pub fn run(config: &Config, store: &Store, args: &ReportArgs, out: &mut dyn Write) -> Result<()> {
    let ReportFormat::Html = args.format;
    let rows = store.progress_by_article(args.article)?;
    if rows.is_empty() {
        return Err(Error::Invalid(
            "no articles yet: add one with `claimtrack add FILE`".into(),
        ));
    }
    match &args.output {
        // Never over the database or a foreign file, and renamed into place at the end, so
        // that a failure half-way leaves no half page under the name asked for.
        Some(path) => super::output::write_output(
            path,
            store.path(),
            crate::report::html::is_report,
            args.force,
            |file| write_report(config, store, &rows, file),
        ),
        None => write_report(config, store, &rows, out),
    }
}

/// The page, written an article at a time as each is read: a report of the whole archive
/// holds one article's claims, not all of them.
fn write_report(
    config: &Config,
    store: &Store,
    rows: &[(Article, Progress)],
    out: &mut dyn Write,
) -> Result<()> {
    let title = match rows {
        [(only, _)] => only.title.clone(),
        _ => format!("{} articles", rows.len()),
    };
    out.write_all(page_start(&title, &config.now_text()).as_bytes())?;
    for (article, progress) in rows {
        let body = store.article_body(article.id)?;
        let claims = store.list_claims(&ClaimFilter {
            article_id: Some(article.id),
            // The editor's page highlights claims; a dismissed sentence is not one.
            hide_dismissed: true,
            ..ClaimFilter::default()
        })?;
        let mut verdicts = HashMap::new();
        for claim in claims.iter().filter(|c| c.status.is_resolved()) {
            if let (Some(at), Some(by)) = store.verdict(claim.id, claim.status)? {
                verdicts.insert(claim.id, (at, by));
            }
        }
        let mut html = String::new();
        render_article(
            &mut html,
            &ArticlePage {
                article,
                body: &body,
                claims: &claims,
                progress,
                verdicts: &verdicts,
            },
        );
        out.write_all(html.as_bytes())?;
    }
    out.write_all(PAGE_END.as_bytes())?;
    Ok(())
}
