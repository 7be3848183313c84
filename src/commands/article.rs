//! `claimtrack article edit`: correct an article's title, URL, outlet or publication date. A
//! new date resolves the article's relative dates ("on Wednesday") again.

use std::io::Write;

use chrono::NaiveDate;

use crate::cli::{ArticleCommand, ArticleEditArgs};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::extract::values::find_values;
use crate::model::Value;
use crate::store::{ArticleEdit, ClaimFilter, Store};

pub fn run(
    config: &Config,
    store: &mut Store,
    command: &ArticleCommand,
    out: &mut dyn Write,
) -> Result<()> {
    match command {
        ArticleCommand::Edit(args) => edit(config, store, args, out),
    }
}

fn edit(
    config: &Config,
    store: &mut Store,
    args: &ArticleEditArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let article = store.article(args.id)?;
    if args.title.is_none()
        && args.url.is_none()
        && args.outlet.is_none()
        && args.published.is_none()
    {
        return Err(Error::Invalid(
            "nothing to correct: give --title, --url, --outlet or --published".into(),
        ));
    }
    let optional = |value: &Option<String>| {
        value
            .as_deref()
            .map(|v| Some(v.trim().to_string()).filter(|v| !v.is_empty()))
    };
    let title = match args.title.as_deref().map(str::trim) {
        Some("") => {
            return Err(Error::Invalid(
                "--title is empty: an article needs a title".into(),
            ));
        }
        other => other.map(str::to_string),
    };
    let published = match &args.published {
        None => None,
        Some(text) => {
            let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                Error::Invalid(format!(
                    "--published '{text}' is not a date: write it YYYY-MM-DD"
                ))
            })?;
            Some((date.to_string(), resolved_again(store, article.id, date)?))
        }
    };
    // An empty --url removes the link; anything else must be a web address, as at `add`, since
    // the HTML report makes it a link.
    if let Some(url) = args.url.as_deref().map(str::trim)
        && !url.is_empty()
        && !crate::model::is_web_url(url)
    {
        return Err(Error::Invalid(format!(
            "--url '{}' is not a web address: give an http:// or https:// URL",
            crate::report::escape::visible(url)
        )));
    }
    let edit = ArticleEdit {
        title,
        url: optional(&args.url),
        outlet: optional(&args.outlet),
        published,
        note: args.note.clone(),
    };
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let written = store.edit_article(article.id, &edit, &by, &config.now_text())?;
    if written.is_empty() {
        writeln!(
            out,
            "article {}: nothing changed (it already reads so)",
            article.id
        )?;
    }
    for event in &written {
        write!(
            out,
            "article {}: {} {} → {}",
            article.id,
            event.field,
            event.from.as_deref().unwrap_or("(none)"),
            event.to.as_deref().unwrap_or("(none)")
        )?;
        if event.field == "published" {
            write!(out, " (relative dates resolved again against it)")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Every claim's values found again with `date` as the reference, as extraction finds them
/// (in the claim's own span, offsets into the article).
fn resolved_again(
    store: &Store,
    article_id: i64,
    date: NaiveDate,
) -> Result<Vec<(i64, Vec<Value>)>> {
    let body = store.article_body(article_id)?;
    let claims = store.list_claims(&ClaimFilter {
        article_id: Some(article_id),
        ..ClaimFilter::default()
    })?;
    Ok(claims
        .iter()
        .filter_map(|claim| {
            let span = body.get(claim.start..claim.end)?;
            let mut values = find_values(span, Some(date));
            for value in &mut values {
                value.start += claim.start;
                value.end += claim.start;
            }
            Some((claim.id, values))
        })
        .collect())
}
