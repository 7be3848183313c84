//! `claimtrack mark`: set the status of claims, with sources and a note, as one transaction.

use std::io::Write;

use crate::cli::MarkArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::store::{Mark, Store};

pub fn run(config: &Config, store: &mut Store, args: &MarkArgs, out: &mut dyn Write) -> Result<()> {
    let (status_word, id_words) = args
        .ids_and_status
        .split_last()
        .expect("clap requires at least two arguments");
    let status: Status = status_word.parse()?;
    let ids = parse_ids(id_words)?;
    let sources: Vec<String> = args.sources.iter().map(|s| s.trim().to_string()).collect();
    if sources.iter().any(String::is_empty) {
        return Err(Error::Invalid(
            "--source is empty: give a URL or a citation".into(),
        ));
    }
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let at = config.now_text();
    let changes = store.mark(
        &ids,
        &Mark {
            status,
            sources: &sources,
            note: args.note.as_deref(),
            by: &by,
            at: &at,
        },
    )?;
    for change in &changes {
        writeln!(
            out,
            "claim {}: {} → {}",
            change.claim_id, change.from, change.to
        )?;
    }
    Ok(())
}

/// Claim ids as typed: single ids and inclusive ranges such as `7-9`, in order, without repeats.
pub fn parse_ids(words: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for word in words {
        let bad = || {
            Error::Invalid(format!(
                "'{word}' is not a claim id (ids look like 12 or 7-9)"
            ))
        };
        let (low, high) = match word.split_once('-') {
            Some((low, high)) => (
                low.trim().parse::<i64>().map_err(|_| bad())?,
                high.trim().parse::<i64>().map_err(|_| bad())?,
            ),
            None => {
                let id = word.trim().parse::<i64>().map_err(|_| bad())?;
                (id, id)
            }
        };
        if low < 1 || high < low || high - low > 1_000_000 {
            return Err(bad());
        }
        for id in low..=high {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(words: &[&str]) -> Result<Vec<i64>> {
        parse_ids(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn ranges_expand_and_repeats_collapse() {
        assert_eq!(ids(&["3", "5", "7-9", "5"]).unwrap(), vec![3, 5, 7, 8, 9]);
    }

    #[test]
    fn words_and_backward_ranges_are_refused() {
        assert!(ids(&["three"]).is_err());
        assert!(ids(&["9-7"]).is_err());
        assert!(ids(&["0"]).is_err());
    }
}
