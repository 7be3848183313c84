//! Synonym groups from WordNet 3.0 (`synonyms.txt`, written by `examples/wordnet_synonyms.rs`):
//! which of two claims' different words are general-English synonyms ("lawyer"/"attorney").
//! Measured by `train_matching` as a feature and not kept (README, "How matching decides": it
//! lowered the held-out figure), so `judge` does not read it; kept so the measure can be rerun.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::{Stem, hash, paraphrase_class};

/// Which groups and members count: parts of speech and the highest sense number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynonymFilter {
    /// Adjective groups too (nouns and verbs always).
    pub adjectives: bool,
    /// Members up to this sense number (1: a word's first sense only; the file holds up to 3).
    pub senses: u8,
}

/// Each stem's groups, by the stem's comparison hash: (group, part of speech, sense number).
type Groups = HashMap<u64, Vec<(u32, u8, u8)>>;

static GROUPS: LazyLock<Groups> = LazyLock::new(|| parse(include_str!("synonyms.txt")));

fn parse(text: &str) -> Groups {
    let mut table = Groups::new();
    let lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    for (group, line) in lines.enumerate() {
        let mut fields = line.split_whitespace();
        let pos = fields.next().and_then(|p| p.bytes().next()).unwrap_or(b'n');
        for member in fields {
            let (stem, sense) = match member.split_once('/') {
                Some((stem, sense)) => (stem, sense.parse().unwrap_or(u8::MAX)),
                None => (member, 1),
            };
            let key = paraphrase_class(hash(stem));
            table
                .entry(key)
                .or_default()
                .push((group as u32, pos, sense));
        }
    }
    table
}

/// The synonym groups of `stem` under `filter`.
fn groups_of(stem: u64, filter: SynonymFilter) -> impl Iterator<Item = u32> {
    GROUPS
        .get(&stem)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(move |(_, pos, sense)| {
            *sense <= filter.senses && (filter.adjectives || *pos != b'a')
        })
        .map(|(group, _, _)| *group)
}

/// The stems of `a` (indices into `a`) that `b` lacks but one of whose synonyms `b` has, that
/// synonym itself not a word of `a`: wording the two claims share only through a thesaurus.
pub fn synonym_matches(a: &[Stem], b: &[Stem], filter: SynonymFilter) -> Vec<usize> {
    let has = |stems: &[Stem], h: u64| stems.binary_search_by_key(&h, |s| s.hash).is_ok();
    let mut theirs: Vec<u32> = b
        .iter()
        .filter(|s| !has(a, s.hash))
        .flat_map(|s| groups_of(s.hash, filter))
        .collect();
    if theirs.is_empty() {
        return Vec::new();
    }
    theirs.sort_unstable();
    (0..a.len())
        .filter(|i| !has(b, a[*i].hash))
        .filter(|i| groups_of(a[*i].hash, filter).any(|g| theirs.binary_search(&g).is_ok()))
        .collect()
}
