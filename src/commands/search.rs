//! `claimtrack search`: full-text search over claims, best match first, matches highlighted.

use std::io::Write;

use crate::cli::SearchArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::extract::values::find_values;
use crate::matching::normalise_figure;
use crate::model::{Value, ValueType};
use crate::report::views::{FoundJson, SearchJson, search_table};
use crate::store::Store;

/// The figures of a query, read by the extractor's values stage and normalised as claims'
/// figures are (so "28,500", "28500" and "28.5 thousand" are one figure), and the query's
/// other words. The values stage alone: the whole extractor built every stage's patterns for
/// a query of a word or two, over half of a search's time.
fn split_figures(query: &str) -> (String, Vec<String>) {
    let values: Vec<Value> = find_values(query, None)
        .into_iter()
        .filter(|v| v.value_type != ValueType::Date)
        .collect();
    let mut words = String::new();
    let mut at = 0;
    for word in query.split_whitespace() {
        let start = at + query[at..].find(word).unwrap_or(0);
        let end = start + word.len();
        at = end;
        if !values.iter().any(|v| v.start < end && start < v.end) {
            words.push_str(word);
            words.push(' ');
        }
    }
    let mut figures = normalise_figure(&values);
    figures.dedup();
    (words.trim_end().to_string(), figures)
}

/// Finding nothing is exit code 1 (README, "Exit codes"), after the empty result is printed,
/// so that scripts can test for it as they do with grep.
pub fn run(config: &Config, store: &Store, args: &SearchArgs, out: &mut dyn Write) -> Result<()> {
    let query = args.query.join(" ");
    let status = args.status.as_deref().map(str::parse).transpose()?;
    let (words, figures) = split_figures(&query);
    let found = store.search(&words, &figures, status, args.limit)?;
    let mut claims = Vec::with_capacity(found.len());
    for hit in &found {
        claims.push(FoundJson::new(&store.claim(hit.claim_id)?, hit));
    }
    let report = SearchJson {
        query: &query,
        claims,
    };
    if args.json {
        super::write_json(out, &report)?;
    } else if !report.claims.is_empty() {
        writeln!(out, "{}", search_table(&report, config.style))?;
    }
    if report.claims.is_empty() {
        return Err(Error::NothingMatched(format!("no claims match '{query}'")));
    }
    Ok(())
}
