//! Claim matching: does a new claim say the same thing as one already checked? Pure functions;
//! the store finds candidates (claims with the same `value_key`, or for claims without figures
//! the full-text index with `candidate_query`) and asks `similarity` about each.
//!
//! Two claims match when their figures and dates are the same and their wording is similar.
//! The figures come first because they are what a checker verifies: "28,500 troops" and
//! "28,000 troops" in otherwise identical sentences are different claims, while a paraphrase
//! that keeps the figure is the same one.

use std::collections::BTreeSet;
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
        scan_words(text, |word| words.push(word), |_, _| {});
        words.finish();
        words
    }

    fn push(&mut self, word: &str) {
        self.hashes.push(hash(word));
        self.contraries |= contrary_sides(word);
    }

    fn finish(&mut self) {
        self.hashes.sort_unstable();
        self.hashes.dedup();
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

    /// The fingerprint with the search tokens of the text (see `search_token`, sorted and
    /// without repeats) and, for a claim without figures, the terms that propose candidates
    /// for it (its three longest candidate terms, all required: long words are the rare,
    /// distinctive ones, and requiring them all keeps the search an intersection of short
    /// lists on a million claims). All three from one reading of the text, which `add` does
    /// for every claim it stores.
    pub fn with_search_keys(
        text: &str,
        values: &[Value],
    ) -> (Fingerprint, Vec<u64>, Option<Vec<String>>) {
        let values: BTreeSet<String> = values.iter().map(value_key).collect();
        let mut words = Words::default();
        let mut tokens = Vec::new();
        let mut terms = Vec::new();
        scan_words(
            text,
            |word| words.push(word),
            |term, token| {
                tokens.push(token);
                if values.is_empty() {
                    terms.push(term.to_string());
                }
            },
        );
        words.finish();
        tokens.sort_unstable();
        tokens.dedup();
        let terms = (values.is_empty()).then(|| longest_terms(terms)).flatten();
        (Fingerprint { words, values }, tokens, terms)
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
    // The prefixes by first byte, each with its side's bit: a word is compared only with
    // the few prefixes that begin as it does, not with all eighty.
    static BY_FIRST_BYTE: LazyLock<Vec<Vec<(&'static str, u32)>>> = LazyLock::new(|| {
        let mut table = vec![Vec::new(); 256];
        for (i, (one, other)) in CONTRARIES.iter().enumerate() {
            for (bit, side) in [(2 * i, one), (2 * i + 1, other)] {
                for prefix in side.iter() {
                    table[usize::from(prefix.as_bytes()[0])].push((*prefix, 1 << bit));
                }
            }
        }
        table
    });
    let Some(&first) = word.as_bytes().first() else {
        return 0;
    };
    BY_FIRST_BYTE[usize::from(first)]
        .iter()
        .filter(|(prefix, _)| word.starts_with(prefix))
        .fold(0, |mask, (_, bit)| mask | bit)
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

/// Reads a text's words once, lower-cased in one reused buffer, and calls `content` with
/// each word worth comparing (not a stop word or number word, crudely singular) and
/// `candidate` with each word that can be a candidate term (letters only, more than three of
/// them, not a stop word: a word FTS5's default tokenizer indexes whole) and its search token.
fn scan_words(text: &str, mut content: impl FnMut(&str), mut candidate: impl FnMut(&str, u64)) {
    let mut word = String::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.len() < 3 {
            continue;
        }
        let ascii = raw.is_ascii();
        let (any_letter, all_letters, raw_chars) = if ascii {
            (
                raw.bytes().any(|b| b.is_ascii_alphabetic()),
                raw.bytes().all(|b| b.is_ascii_alphabetic()),
                raw.len(),
            )
        } else {
            (
                raw.chars().any(char::is_alphabetic),
                raw.chars().all(char::is_alphabetic),
                raw.chars().count(),
            )
        };
        if !any_letter {
            continue;
        }
        word.clear();
        if ascii {
            word.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            word.push_str(&raw.to_lowercase());
        }
        let token = hash(&word);
        let stop = stop_word(token);
        if all_letters && raw_chars > 3 && stop != Some(StopWord::Stop) {
            candidate(&word, token);
        }
        let chars = if ascii {
            word.len()
        } else {
            word.chars().count()
        };
        if chars <= 2 || stop.is_some() {
            continue;
        }
        if word.len() > 4 && word.ends_with("ies") {
            word.truncate(word.len() - 3);
            word.push('y');
        } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
            word.pop();
        }
        content(&word);
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum StopWord {
    /// Left out of wording and of candidate terms.
    Stop,
    /// A number word: left out of wording (figures are compared as values), but a candidate
    /// term.
    Number,
}

/// Whether the lower-cased word with this hash is a stop word or a number word. Looked up by
/// the hash the word needs anyway: a word whose 64-bit hash equals a stop word's is vanishingly
/// rare, and would only lose one word of a comparison.
fn stop_word(token: u64) -> Option<StopWord> {
    static HASHES: LazyLock<Vec<(u64, StopWord)>> = LazyLock::new(|| {
        let mut hashes: Vec<(u64, StopWord)> = STOP_WORDS
            .iter()
            .map(|w| (hash(w), StopWord::Stop))
            .chain(NUMBER_WORDS.iter().map(|w| (hash(w), StopWord::Number)))
            .collect();
        // A word in both lists is a stop word.
        hashes.sort_by_key(|(h, kind)| (*h, *kind != StopWord::Stop));
        hashes.dedup_by_key(|(h, _)| *h);
        hashes
    });
    HASHES
        .binary_search_by_key(&token, |(h, _)| *h)
        .ok()
        .map(|i| HASHES[i].1)
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

/// The three longest of a claim's candidate terms (see `scan_words`), or `None` when it
/// has fewer than two.
fn longest_terms(mut terms: Vec<String>) -> Option<Vec<String>> {
    terms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    terms.dedup();
    terms.truncate(3);
    (terms.len() >= 2).then_some(terms)
}

/// Candidate terms as a full-text (FTS5) query.
pub fn candidate_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The search token of one candidate term: its hash. The tokens of a text are those of its
/// candidate terms (see `scan_words`), the words a full-text query could ask for;
/// `Unindexed` in the store looks new claims up by them until they are in the index.
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

    /// The terms that propose candidates for a claim without figures.
    fn terms(text: &str) -> Option<Vec<String>> {
        Fingerprint::with_search_keys(text, &[]).2
    }

    #[test]
    fn number_words_are_search_terms_but_not_wording() {
        // "hundred" can find candidates; as wording it would make "a hundred" and "three
        // hundred" look alike, so it is left to the values.
        assert_eq!(
            terms("Hundred soldiers crossed").unwrap(),
            ["soldiers", "crossed", "hundred"]
        );
        assert_eq!(Words::new("Hundred soldiers crossed").len(), 2);
        // Stop words are neither.
        assert!(terms("their would should soldiers").is_none());
        assert_eq!(Words::new("Their soldiers would cross").len(), 2);
        // A claim with figures is found by them, not by terms.
        let (_, _, with_values) =
            Fingerprint::with_search_keys("Hundred soldiers crossed", &[count(100.0)]);
        assert!(with_values.is_none());
    }

    /// The tokens are those of the words a full-text query could ask for: lower-cased, of
    /// letters only, longer than three letters, no stop words; sorted, without repeats.
    #[test]
    fn search_tokens_are_the_words_a_query_can_ask_for() {
        let text = "Officials said the 100 Soldiers crossed the river, the RIVER, at dawn.";
        let (fingerprint, tokens, _) = Fingerprint::with_search_keys(text, &[]);
        let mut expected: Vec<u64> = ["officials", "soldiers", "crossed", "river", "dawn"]
            .iter()
            .map(|term| search_token(term))
            .collect();
        expected.sort_unstable();
        assert_eq!(tokens, expected);
        assert_eq!(fingerprint, Fingerprint::new(text, &[]));
    }

    #[test]
    fn query_requires_the_longest_words_and_survives_quotes() {
        let terms = terms("He said \"deterrence\" matters to allies").unwrap();
        assert_eq!(
            candidate_query(&terms),
            "\"deterrence\" AND \"matters\" AND \"allies\""
        );
        assert!(self::terms("a to of").is_none());
    }
}
