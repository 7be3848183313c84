//! `claimtrack claim add`: a claim the extractor missed, found in the article's stored text
//! and measured by the extractor like any other.

use std::io::Write;

use chrono::NaiveDate;

use crate::cli::{ClaimAddArgs, ClaimCommand};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::extract::{Context, claim_at};
use crate::report::{ClaimJson, ShowJson, claims_table};
use crate::store::{ClaimFilter, MatchKeys, NewClaim, Store};

pub fn run(
    config: &Config,
    store: &mut Store,
    command: &ClaimCommand,
    out: &mut dyn Write,
) -> Result<()> {
    match command {
        ClaimCommand::Add(args) => add(config, store, args, out),
    }
}

fn add(config: &Config, store: &mut Store, args: &ClaimAddArgs, out: &mut dyn Write) -> Result<()> {
    let article = store.article(args.article)?;
    let body = store.article_body(args.article)?;
    let (start, end) = find_passage(&body, &args.text).ok_or_else(|| {
        Error::Invalid(format!(
            "the text does not occur in article {} ('{}'): copy it from the article as stored (`claimtrack report --article {}` shows it)",
            article.id, article.title, article.id
        ))
    })?;
    let context = Context {
        reference_date: article
            .reference_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    };
    let found = claim_at(&body, start, end, &context);
    let claim = NewClaim {
        keys: MatchKeys::new(&found.text, &found.values),
        text: found.text,
        start: found.start,
        end: found.end,
        kind: found.kind,
        kinds: found.kinds,
        score: found.score,
        speaker: found.speaker,
        values: found.values,
        occurrences: Vec::new(),
    };
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let claim_id = store.add_claim(article.id, &claim, &by, &config.now_text())?;
    let stored = store.claim(claim_id)?;
    if args.json {
        let events = store.events(claim_id)?;
        return super::write_json(
            out,
            &ShowJson {
                claim: ClaimJson::new(&stored, Some(&events)),
                article_corrections: &[],
            },
        );
    }
    writeln!(
        out,
        "claim {claim_id} added to article {} by {by}",
        article.id
    )?;
    // Often the missed claim is a clause of a longer sentence the extractor kept whole.
    let around = store.list_claims(&ClaimFilter {
        article_id: Some(article.id),
        ..ClaimFilter::default()
    })?;
    for other in around
        .iter()
        .filter(|c| c.id != claim_id && c.start <= stored.start && stored.end <= c.end)
    {
        writeln!(
            out,
            "it lies inside claim {} ({}), which stays as it is",
            other.id, other.status
        )?;
    }
    writeln!(out, "{}", claims_table(&[stored], config.style, false))?;
    Ok(())
}

/// Where `wanted` occurs in `body`, ignoring differences of white space (a hard-wrapped
/// article, a passage copied from a browser) and of straight and curly quotes; the first
/// place wins. Byte offsets of the passage as it is in `body`.
pub fn find_passage(body: &str, wanted: &str) -> Option<(usize, usize)> {
    let words: Vec<String> = wanted
        .split_whitespace()
        .map(|word| {
            word.chars()
                .map(|c| match c {
                    '\'' | '‘' | '’' => "['‘’]".to_string(),
                    '"' | '“' | '”' => "[\"“”]".to_string(),
                    c => regex::escape(&c.to_string()),
                })
                .collect()
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let pattern = regex::Regex::new(&words.join(r"\s+")).ok()?;
    pattern.find(body).map(|m| (m.start(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_is_found_across_line_breaks_and_quote_styles() {
        let body = "He said: “We will\nnot   yield,” on Monday.";
        let (start, end) = find_passage(body, "\"We will not yield,\"").unwrap();
        assert_eq!(&body[start..end], "“We will\nnot   yield,”");
        assert_eq!(find_passage(body, "we will not yield"), None);
        assert_eq!(find_passage(body, "   "), None);
    }
}
