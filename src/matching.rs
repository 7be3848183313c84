//! Claim matching: does a new claim say the same thing as one already checked? Pure functions;
//! the store finds candidates (claims with the same `value_key`, or for claims without figures
//! the full-text index with `candidate_query`) and asks `similarity` about each.
//!
//! Two claims match when their figures and dates are the same and their wording is similar.
//! The figures come first because they are what a checker verifies: "28,500 troops" and
//! "28,000 troops" in otherwise identical sentences are different claims, while a paraphrase
//! that keeps the figure is the same one.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use crate::model::{Normalized, Value};

/// Wording similarity needed when both claims carry the same figures or dates.
pub const THRESHOLD_WITH_VALUES: f64 = 0.40;
/// Wording similarity needed when the shared figures include a distinctive one (a number of
/// three or more digits that is not a year, or a full date): such a figure rarely recurs by
/// chance, so a looser paraphrase is still the same claim.
pub const THRESHOLD_WITH_DISTINCTIVE_VALUES: f64 = 0.25;
/// Wording similarity needed when neither has a figure or date: wording is all there is.
pub const THRESHOLD_WITHOUT_VALUES: f64 = 0.60;

/// A claim reduced to what matching compares.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub words: Words,
    pub values: BTreeSet<String>,
}

/// A claim's content words, reduced to what comparing wording needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Words {
    /// Hashes of the content words, sorted, without repeats: counting the words two claims
    /// share is then a merge of two short lists, with no string allocated per word. Matching
    /// compares every new claim with up to 20 stored ones, so this runs for every candidate.
    hashes: Vec<u64>,
    /// Which sides of `CONTRARIES` the words take: bit 2i for the first side of pair i, bit
    /// 2i+1 for the second.
    contraries: u32,
}

impl Words {
    pub fn new(text: &str) -> Words {
        let mut words = Words::default();
        for_each_content_word(text, |word| {
            words.hashes.push(hash(word));
            words.contraries |= contrary_sides(word);
        });
        words.hashes.sort_unstable();
        words.hashes.dedup();
        words
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    fn shared_with(&self, other: &Words) -> usize {
        shared_count(&self.hashes, &other.hashes)
    }
}

/// How many items two sorted lists without repeats share: a merge, no allocation. Used here
/// for hashed words and by the extractor for the words of repeated claims in one article.
pub fn shared_count<T: Ord>(mine: &[T], theirs: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < mine.len() && j < theirs.len() {
        match mine[i].cmp(&theirs[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

impl Fingerprint {
    pub fn new(text: &str, values: &[Value]) -> Fingerprint {
        Fingerprint {
            words: Words::new(text),
            values: values.iter().map(value_key).collect(),
        }
    }

    /// The figures and dates as one string: equal for claims that can match, empty for a
    /// claim without any.
    pub fn value_key(&self) -> String {
        self.values.iter().cloned().collect::<Vec<_>>().join("|")
    }
}

/// How alike two claims are, from 0 to 1, or `None` when they cannot be the same claim
/// (different figures or dates, or wording too far apart).
pub fn similarity(a: &Fingerprint, b: &Fingerprint) -> Option<f64> {
    if a.values != b.values {
        return None;
    }
    wording_similarity(a, &b.words)
}

/// `similarity` for a candidate already known to carry the same figures and dates as `a`
/// (the store finds candidates by them): only the wording is compared.
pub fn wording_similarity(a: &Fingerprint, other: &Words) -> Option<f64> {
    if a.words.is_empty() || other.is_empty() {
        return None;
    }
    if contradicts(a.words.contraries, other.contraries) {
        return None;
    }
    let shared = a.words.shared_with(other) as f64;
    // Dice over content words: symmetric, and kinder than Jaccard to a paraphrase that adds
    // a clause.
    let dice = 2.0 * shared / (a.words.len() + other.len()) as f64;
    let threshold = if a.values.is_empty() {
        THRESHOLD_WITHOUT_VALUES
    } else if a.values.iter().any(|key| is_distinctive(key)) {
        THRESHOLD_WITH_DISTINCTIVE_VALUES
    } else {
        THRESHOLD_WITH_VALUES
    };
    (dice >= threshold).then_some(dice)
}

/// FNV-1a: a collision between two of a claim's few dozen words is vanishingly rare, and
/// would only nudge a similarity score.
fn hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Words that say opposite things about the same figure: "rose 1.1 percent" and "fell 1.1
/// percent", "approved 2,342 homes" and "demolished 2,342 homes" share figure and most words,
/// yet are different claims. Each entry is two sides; the words are prefixes of lower-cased
/// words, so that they cover the inflections.
const CONTRARIES: &[(&[&str], &[&str])] = &[
    (
        &[
            "rise", "rose", "risen", "increas", "gain", "climb", "jump", "grew", "grow", "surg",
            "soar", "higher",
        ],
        &[
            "fell", "fall", "drop", "declin", "decreas", "lower", "plung", "slid", "slump",
            "tumbl", "sank",
        ],
    ),
    (
        &[
            "approv", "sign", "pass", "adopt", "accept", "allow", "grant", "built", "build",
        ],
        &[
            "reject", "veto", "block", "deni", "deny", "demolish", "refus", "overturn", "struck",
        ],
    ),
    (
        &["impos", "introduc", "add", "rais", "new"],
        &[
            "roll", "lift", "remov", "scrap", "cancel", "suspend", "eas", "waiv",
        ],
    ),
    (
        &["won", "win", "victor"],
        &["lost", "lose", "defeat", "conced"],
    ),
    (
        &["die", "dead", "death", "kill", "fatal"],
        &["injur", "wound", "surviv", "hurt", "rescu"],
    ),
    (&["face", "facing"], &["sentenc", "jailed", "imprison"]),
    (&["guilty", "convict"], &["acquit", "innocent", "cleared"]),
];

/// The sides of `CONTRARIES` that one word takes, as bits (see `Words::contraries`).
fn contrary_sides(word: &str) -> u32 {
    // The first byte is compared inline before the whole prefix: most words share no first
    // letter with most prefixes.
    let first = word.as_bytes().first();
    let has = |side: &[&str]| {
        side.iter()
            .any(|prefix| first == prefix.as_bytes().first() && word.starts_with(prefix))
    };
    CONTRARIES
        .iter()
        .enumerate()
        .fold(0, |mask, (i, (one, other))| {
            mask | (u32::from(has(one)) << (2 * i)) | (u32::from(has(other)) << (2 * i + 1))
        })
}

/// True when one claim has a word of one side of a contrary pair and the other claim a word of
/// the other side that the first does not also have.
fn contradicts(a: u32, b: u32) -> bool {
    (0..CONTRARIES.len()).any(|i| {
        let side = |mask: u32, bit: usize| mask >> (2 * i + bit) & 1 == 1;
        (side(a, 0) && side(b, 1) && !side(a, 1) && !side(b, 0))
            || (side(a, 1) && side(b, 0) && !side(a, 0) && !side(b, 1))
    })
}

/// A value key (see `value_key`) for a figure that rarely recurs by chance.
fn is_distinctive(key: &str) -> bool {
    if let Some(number) = key.strip_prefix("n:").and_then(|n| n.parse::<f64>().ok()) {
        let year_like = number.fract() == 0.0 && (1900.0..=2100.0).contains(&number);
        return number.abs() >= 100.0 && !year_like;
    }
    // A full date, YYYY-MM-DD, names one day.
    key.strip_prefix("d:").is_some_and(|d| d.len() == 10)
}

/// Calls `f` with each word worth comparing: lower-cased, without stop words, crudely
/// singular. One buffer is reused for every word.
fn for_each_content_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.len() < 3 || !raw.chars().any(char::is_alphabetic) {
            continue;
        }
        word.clear();
        if raw.is_ascii() {
            word.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            word.push_str(&raw.to_lowercase());
        }
        if word.chars().count() <= 2 || is_stop_word(&word) {
            continue;
        }
        if word.len() > 4 && word.ends_with("ies") {
            word.truncate(word.len() - 3);
            word.push('y');
        } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
            word.pop();
        }
        f(&word);
    }
}

fn is_stop_word(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| STOP_WORDS.iter().chain(NUMBER_WORDS).copied().collect());
    WORDS.contains(word)
}

/// A value as matching compares it: its normalised value, whatever words expressed it.
fn value_key(value: &Value) -> String {
    match &value.value {
        Normalized::Number(n) => format!("n:{n}"),
        Normalized::Range(low, high) => format!("r:{low:?}:{high:?}"),
        Normalized::Date(d) => format!("d:{d}"),
        Normalized::DateRange(from, to) => format!("dr:{from:?}:{to:?}"),
    }
}

/// Number words are compared as values, not as wording.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
    "dozen", "half",
];

const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "have", "his", "him", "she", "they", "them", "their", "this",
    "that", "these", "those", "with", "from", "will", "would", "could", "should", "into", "than",
    "then", "there", "what", "when", "which", "who", "whom", "why", "how", "also", "only", "been",
    "being", "were", "its", "about", "over", "after", "before", "said", "says", "say", "more",
    "most", "some", "such", "very", "just", "while", "where", "other", "each", "both", "did",
    "does", "may", "might", "must", "per", "cent", "percent", "yet", "still", "even",
];

/// The words that propose candidates for a claim without figures: its three longest content
/// words, all required. Long words are the rare, distinctive ones, and requiring them all
/// keeps the search an intersection of short lists, which stays fast on a million claims.
pub fn candidate_terms(text: &str) -> Option<Vec<String>> {
    let mut terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(candidate_term)
        .collect();
    terms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    terms.dedup();
    terms.truncate(3);
    (terms.len() >= 2).then_some(terms)
}

/// A word that can be a candidate term, lower-cased: letters only, more than three of them,
/// not a stop word.
fn candidate_term(word: &str) -> Option<String> {
    if !(word.chars().all(char::is_alphabetic) && word.chars().count() > 3) {
        return None;
    }
    let word = word.to_lowercase();
    (!STOP_WORDS.contains(&word.as_str())).then_some(word)
}

/// `candidate_terms` as a full-text (FTS5) query.
pub fn candidate_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The tokens of a text that `candidate_terms` can ask for, as the full-text index sees them
/// (FTS5's default tokenizer splits on what is not a letter or digit and lower-cases), hashed:
/// what candidates are looked up in, for claims not yet in the index.
pub fn search_tokens(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(candidate_term)
        .map(|w| hash(&w))
}

/// `search_tokens`' hash of one term.
pub fn search_token(term: &str) -> u64 {
    hash(term)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueType;

    fn count(n: f64) -> Value {
        Value {
            value_type: ValueType::Count,
            text: n.to_string(),
            value: Normalized::Number(n),
            unit: Some("troops".into()),
            start: 0,
            end: 0,
        }
    }

    fn check(a: &str, a_values: &[f64], b: &str, b_values: &[f64], should_match: bool) {
        let a_values: Vec<Value> = a_values.iter().map(|n| count(*n)).collect();
        let b_values: Vec<Value> = b_values.iter().map(|n| count(*n)).collect();
        let score = similarity(
            &Fingerprint::new(a, &a_values),
            &Fingerprint::new(b, &b_values),
        );
        assert_eq!(score.is_some(), should_match, "{a:?} vs {b:?}: {score:?}");
    }

    #[test]
    fn paraphrase_with_the_same_figure_matches() {
        check(
            "Although the United States only has 28,500 troops in South Korea, Washington is ready to send reinforcements.",
            &[28500.0],
            "The United States keeps 28,500 troops stationed in South Korea.",
            &[28500.0],
            true,
        );
    }

    #[test]
    fn same_wording_with_a_different_figure_does_not_match() {
        check(
            "The United States has 28,500 troops in South Korea.",
            &[28500.0],
            "The United States has 28,000 troops in South Korea.",
            &[28000.0],
            false,
        );
    }

    #[test]
    fn a_figure_on_one_side_only_does_not_match() {
        check(
            "The United States has troops in South Korea.",
            &[],
            "The United States has 28,500 troops in South Korea.",
            &[28500.0],
            false,
        );
    }

    #[test]
    fn unrelated_claims_with_the_same_figure_do_not_match() {
        check(
            "Police said 12 people were arrested after the protest in Tehran.",
            &[12.0],
            "The ruling party won 12 of the governor races on Wednesday.",
            &[12.0],
            false,
        );
    }

    #[test]
    fn claims_without_figures_need_closer_wording() {
        check(
            "Sweden dropped its investigation into a rape allegation against Julian Assange.",
            &[],
            "Swedish prosecutors dropped the rape investigation against Julian Assange.",
            &[],
            true,
        );
        check(
            "Sweden dropped its investigation into Julian Assange.",
            &[],
            "Julian Assange remains in a London prison.",
            &[],
            false,
        );
    }

    #[test]
    fn query_requires_the_longest_words_and_survives_quotes() {
        let terms = candidate_terms("He said \"deterrence\" matters to allies").unwrap();
        assert_eq!(
            candidate_query(&terms),
            "\"deterrence\" AND \"matters\" AND \"allies\""
        );
        assert!(candidate_terms("a to of").is_none());
    }
}
