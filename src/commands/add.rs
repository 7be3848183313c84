//! `claimtrack add`: read an article, extract its claims and store everything in one transaction.

use std::io::{Read, Write};

use crate::cli::AddArgs;
use crate::config::Config;
use crate::error::Result;
use crate::extract::{Context, Extraction, ReferenceSource, extract};
use crate::model::Occurrence;
use crate::report::{AddJson, ClaimJson, claims_table};
use crate::store::{Added, ClaimFilter, NewArticle, NewClaim, Store};

use super::input::{parse_published, read_article};

pub fn run(
    config: &Config,
    store: &mut Store,
    args: &AddArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<()> {
    let published = parse_published(args.published.as_deref())?;
    let article = read_article(&args.file, stdin)?;
    let extraction = extract(
        &article.text,
        &Context {
            reference_date: published,
        },
    );
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| title_from_text(&article.text));
    let reference_source = match extraction.reference_source {
        ReferenceSource::Given => "given",
        ReferenceSource::Text => "text",
        ReferenceSource::None => "none",
    };
    let new_article = NewArticle {
        title: &title,
        url: args.url.as_deref(),
        outlet: args.outlet.as_deref(),
        published: published.map(|d| d.to_string()),
        reference_date: extraction.reference_date.map(|d| d.to_string()),
        reference_source,
        content_hash: &article.content_hash,
        body: &article.text,
        claims: claims_to_store(&extraction),
    };
    let added = store.add_article(&new_article, &config.now_text())?;
    let (article_id, already_present) = match &added {
        Added::New { article_id, .. } => (*article_id, false),
        Added::AlreadyPresent { article_id, .. } => (*article_id, true),
    };
    let stored = store.article(article_id)?;
    let claims = store.list_claims(&ClaimFilter {
        article_id: Some(article_id),
        ..ClaimFilter::default()
    })?;
    if args.json {
        return super::write_json(
            out,
            &AddJson {
                article: &stored,
                already_present,
                reference_date: stored.reference_date.as_deref(),
                reference_source: &stored.reference_source,
                claims: claims.iter().map(|c| ClaimJson::new(c, None)).collect(),
                warnings: &extraction.warnings,
            },
        );
    }
    if already_present {
        writeln!(
            out,
            "already stored as article {article_id}: {} ({} claims); nothing added",
            stored.title,
            claims.len()
        )?;
        return Ok(());
    }
    writeln!(out, "article {article_id}: {}", stored.title)?;
    match (extraction.reference_source, extraction.reference_date) {
        (ReferenceSource::Given, Some(date)) => writeln!(
            out,
            "relative dates resolved against {date} (from --published)"
        )?,
        (ReferenceSource::Text, Some(date)) => writeln!(
            out,
            "relative dates resolved against {date} (a date found in the text; give --published to override)"
        )?,
        _ => writeln!(
            out,
            "no publication date given or found: relative dates left unresolved (give --published YYYY-MM-DD)"
        )?,
    }
    writeln!(out, "{}", claims_table(&claims, config.style, false))?;
    writeln!(out, "{} claims added", claims.len())?;
    Ok(())
}

/// The first non-empty line, trimmed, as a title of at most 200 characters.
fn title_from_text(text: &str) -> String {
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("untitled");
    line.chars().take(200).collect()
}

/// The checkable claims, with each repeated statement folded into the first place that states
/// it, so a checker settles it once.
fn claims_to_store(extraction: &Extraction) -> Vec<NewClaim> {
    let mut stored: Vec<NewClaim> = Vec::new();
    let mut stored_index_of = std::collections::HashMap::new();
    for (index, claim) in extraction.checkable_claims() {
        if let Some(first) = claim.duplicate_of.and_then(|d| stored_index_of.get(&d)) {
            let target: &mut NewClaim = &mut stored[*first];
            target.occurrences.push(Occurrence {
                start: claim.start,
                end: claim.end,
                text: claim.text.clone(),
            });
            continue;
        }
        stored_index_of.insert(index, stored.len());
        stored.push(NewClaim {
            text: claim.text.clone(),
            start: claim.start,
            end: claim.end,
            kind: claim.kind,
            kinds: claim.kinds.clone(),
            score: claim.score,
            speaker: claim.speaker.clone(),
            values: claim.values.clone(),
            occurrences: Vec::new(),
        });
    }
    stored
}
