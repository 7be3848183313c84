//! Turning what the user typed into a set of claims: ids, ranges (`7-9`) and filters.

use crate::cli::SelectArgs;
use crate::error::{Error, Result};
use crate::model::Action;
use crate::report::escape::visible;
use crate::store::{Change, ClaimFilter, Selection, Store};

/// The most claim ids one command may name, counting every id of every range: a million is
/// more than any desk holds, and bounds the memory and time a mistyped range can take.
pub const MAX_IDS: u64 = 1_000_000;

/// Claim ids as typed: single ids and inclusive ranges such as `7-9`, in order, without
/// repeats. Repeats are found with a set, so a million ids take a fraction of a second.
pub fn parse_ids(words: &[String]) -> Result<Vec<i64>> {
    let mut ranges = Vec::with_capacity(words.len());
    let mut total: u64 = 0;
    for word in words {
        let (low, high) = parse_id_word(word).ok_or_else(|| {
            Error::Invalid(format!(
                "'{}' is not a claim id (ids look like 12 or 7-9)",
                visible(word)
            ))
        })?;
        total = total.saturating_add((high - low) as u64 + 1);
        if total > MAX_IDS {
            return Err(Error::Invalid(format!(
                "too many claim ids: '{word}' takes the selection past {MAX_IDS}; give a smaller range or select with --article, --kind or --with-status"
            )));
        }
        ranges.push((low, high));
    }
    let mut seen = std::collections::HashSet::with_capacity(total as usize);
    let mut ids = Vec::with_capacity(total as usize);
    for (low, high) in ranges {
        ids.extend((low..=high).filter(|&id| seen.insert(id)));
    }
    Ok(ids)
}

/// True when `word` reads as a claim id or a range of them.
pub fn is_id_word(word: &str) -> bool {
    parse_id_word(word).is_some()
}

fn parse_id_word(word: &str) -> Option<(i64, i64)> {
    let (low, high) = match word.split_once('-') {
        Some((low, high)) => (low.trim().parse().ok()?, high.trim().parse().ok()?),
        None => {
            let id = word.trim().parse().ok()?;
            (id, id)
        }
    };
    (low >= 1 && high >= low).then_some((low, high))
}

/// The claims named by `ids` and narrowed by `select`, checked to exist.
pub fn resolve(store: &Store, ids: &[String], select: &SelectArgs) -> Result<Vec<i64>> {
    let selection = Selection {
        ids: parse_ids(ids)?,
        filter: ClaimFilter {
            article_id: select.article,
            status: select.with_status.as_deref().map(str::parse).transpose()?,
            kind: select.kind.as_deref().map(str::parse).transpose()?,
            assignee: select.assignee.clone(),
            // A filter picks claims as `list` shows them: `mark --article 3 in-progress` must
            // not reopen what was dismissed (`--with-status dismissed` picks those).
            hide_dismissed: true,
            ..ClaimFilter::default()
        },
    };
    store.select(&selection)
}

/// One line per claim saying what changed.
pub fn write_changes(out: &mut dyn std::io::Write, changes: &[Change]) -> Result<()> {
    for change in changes {
        let id = change.claim_id;
        match change.action {
            _ if change.unchanged && change.action == Action::Assign => writeln!(
                out,
                "claim {id}: already assigned to {}",
                visible(change.to_assignee.as_deref().unwrap_or("nobody"))
            )?,
            _ if change.unchanged => writeln!(out, "claim {id}: already {}", change.to)?,
            Action::Status | Action::SameAs | Action::Undo if change.from != change.to => {
                writeln!(out, "claim {id}: {} → {}", change.from, change.to)?
            }
            Action::Assign | Action::Undo if change.from_assignee != change.to_assignee => {
                writeln!(
                    out,
                    "claim {id}: assigned {} → {}",
                    visible(change.from_assignee.as_deref().unwrap_or("nobody")),
                    visible(change.to_assignee.as_deref().unwrap_or("nobody"))
                )?
            }
            Action::Source => writeln!(out, "claim {id}: source added ({})", change.to)?,
            Action::Note => writeln!(out, "claim {id}: note added")?,
            _ => writeln!(out, "claim {id}: {} reverted", change.action.as_str())?,
        }
    }
    Ok(())
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

    #[test]
    fn a_million_ids_resolve_and_one_more_is_refused_by_name() {
        assert_eq!(ids(&["1-999999", "5"]).unwrap().len(), 999_999);
        let err = ids(&["1-999999", "1000001-1000002"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("too many claim ids") && err.contains("1000001-1000002"),
            "{err}"
        );
        let err = ids(&["1-9223372036854775807"]).unwrap_err().to_string();
        assert!(err.contains("too many claim ids"), "{err}");
    }
}
