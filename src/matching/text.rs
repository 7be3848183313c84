//! Words as matching and search compare them: lower-cased, stop words and number words out,
//! reduced to their Snowball (Porter 2) stem, names marked, paraphrases joined into one class
//! (`paraphrases.txt`).

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// One content word of a claim, stemmed: its hash and what comparing needs, no text, so
/// that a cache of many claims' fingerprints stays small.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stem {
    pub hash: u64,
    /// The stem's length in bytes (at most 255): longer stems break ties between rare ones.
    pub length: u8,
    /// Written with a capital inside the sentence (or in capitals): a name, an acronym.
    pub name: bool,
    /// The hash of the stem's first `ROOT_LETTERS` letters, 0 for a shorter stem: Snowball
    /// leaves a word and its derivations apart ("diagnosi", "diagnos"; "exposur", "expos";
    /// "smoker", "smoke"), and outlets telling one fact often pick different ones. 32 bits,
    /// so that a stem stays 16 bytes: with 64 the fingerprint cache of `add` grew by 5 MB and
    /// adding 200 MB peaked over 150 MB; roots are only compared within one pair of claims.
    pub root: u32,
}

/// Letters of a stem that make its root (see `Stem::root`). Measured as a `train_matching`
/// design over whole words with 4 to 7 letters (README, "How matching decides"): 4 and 5 raised
/// the held-out figures alike, 6 and 7 left them as they were.
pub const ROOT_LETTERS: usize = 5;

/// The hash of a stem's root, or 0 when the stem is shorter than `ROOT_LETTERS` letters.
fn root_of(stem: &str) -> u32 {
    match stem.char_indices().nth(ROOT_LETTERS - 1) {
        // Never 0, which stands for no root.
        Some((at, c)) => (hash_bytes(b"~", &stem[..at + c.len_utf8()]) as u32).max(1),
        None => 0,
    }
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The stem of one lower-cased word.
pub fn stem_word(word: &str) -> String {
    STEMMER.stem(&word.to_lowercase()).into_owned()
}

/// Stems of the words met lately on this thread, by the word's hash: a fixed number of slots,
/// a new word taking its slot from the old. Snowball spent some 3,600 instructions per word, a
/// quarter of `add`'s (extraction threads make every claim's fingerprint), and news repeats
/// its words. A slot is known by the word's 64-bit hash alone, as stems are (`Stem::hash`):
/// comparing the word itself read a second string from memory the processor's caches did not
/// hold, most of the time `add`'s storing thread spent reading stored candidates' words.
struct StemSlots(Vec<Option<(u64, String)>>);

const STEM_SLOT_BITS: u32 = 14;

thread_local! {
    static STEMS: std::cell::RefCell<StemSlots> = std::cell::RefCell::new(StemSlots(
        std::iter::repeat_with(|| None).take(1 << STEM_SLOT_BITS).collect(),
    ));
}

/// `STEMMER.stem(lower)`, remembered.
fn stem_remembered(lower: &str) -> String {
    STEMS.with_borrow_mut(|slots| {
        let word = hash(lower);
        let slot = (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - STEM_SLOT_BITS)) as usize;
        match &slots.0[slot] {
            Some((known, stem)) if *known == word => stem.clone(),
            _ => {
                let stem = STEMMER.stem(lower).into_owned();
                slots.0[slot] = Some((word, stem.clone()));
                stem
            }
        }
    })
}

/// The content stems of a text in order, repeats kept (bigrams need the order).
pub fn stems_of(text: &str) -> Vec<Stem> {
    let mut stems = Vec::new();
    scan(text, |stem, _, _| stems.push(stem));
    stems
}

/// Read a text's content words: `each` gets every one's `Stem`, its stem and the word
/// lower-cased.
pub fn scan(text: &str, mut each: impl FnMut(Stem, &str, &str)) {
    let mut first = true;
    let mut lower = String::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')) {
        let raw = raw.trim_matches(|c| c == '\'' || c == '\u{2019}');
        let raw = raw
            .strip_suffix("'s")
            .or_else(|| raw.strip_suffix("\u{2019}s"))
            .unwrap_or(raw);
        if raw.is_empty() {
            continue;
        }
        let at_start = std::mem::replace(&mut first, false);
        if !raw.chars().any(char::is_alphabetic) || raw.chars().count() < 2 {
            continue;
        }
        lower.clear();
        lower.push_str(&raw.to_lowercase());
        if is_stop_word(&lower) {
            continue;
        }
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        let all_capitals = raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let stem = stem_remembered(&lower);
        let found = Stem {
            hash: paraphrase_class(hash(&stem)),
            length: stem.len().min(255) as u8,
            name: (capital && !at_start) || (all_capitals && raw.len() > 1),
            root: root_of(&stem),
        };
        each(found, &stem, &lower);
    }
}

/// Words a news report uses for one thing ("killed", "died"; "troops", "soldiers"), one class
/// per line of `paraphrases.txt`: every member's stem hash leads to the class's own hash, so
/// two claims that use two members share a word, weighed by how many claims use the class.
/// Lines that start with `units:` hold classes of figure units only ("162 people", "162
/// passengers"), words too broad to count as shared wording.
static PARAPHRASES: LazyLock<Paraphrases> =
    LazyLock::new(|| Paraphrases::parse(include_str!("paraphrases.txt")));

#[derive(Debug, Default)]
struct Paraphrases {
    words: std::collections::HashMap<u64, u64>,
    units: std::collections::HashMap<u64, u64>,
}

impl Paraphrases {
    /// Words split by spaces, `#` starts a comment; a word already in an earlier class stays
    /// there. A word class is a unit class too, and a `units:` line widens it.
    fn parse(text: &str) -> Paraphrases {
        let mut table = Paraphrases::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let (units_only, words) = match line.strip_prefix("units:") {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let stems: Vec<String> = words.split_whitespace().map(stem_word).collect();
            let Some(first) = stems.first() else {
                continue;
            };
            let mut class = hash(&format!("={first}"));
            if units_only {
                // A unit class joins the word class its words are already in.
                let known = stems.iter().find_map(|s| table.units.get(&hash(s)));
                class = known.copied().unwrap_or(class);
            }
            for stem in &stems {
                if !units_only {
                    table.words.entry(hash(stem)).or_insert(class);
                }
                table.units.entry(hash(stem)).or_insert(class);
            }
        }
        table
    }
}

/// The hash a stem is compared by: its paraphrase class's, or its own.
pub fn paraphrase_class(stem: u64) -> u64 {
    PARAPHRASES.words.get(&stem).copied().unwrap_or(stem)
}

/// The class of a figure's (stemmed) unit: "peopl", "passeng" and "crew" are one.
pub fn unit_class(unit: &str) -> u64 {
    let stem = hash(unit);
    PARAPHRASES.units.get(&stem).copied().unwrap_or(stem)
}

/// The search form of a figure written in a query ("28,500", "28.5 thousand"): the number
/// as `value_key` stores it, or `None` when the text is not a figure.
pub fn normalise_figure(values: &[crate::model::Value]) -> Vec<String> {
    let key = super::value_key(values);
    super::parse_figures(&key)
        .into_iter()
        .map(|f| f.value)
        .collect()
}

/// FNV-1a: a collision between two of a claim's few dozen stems is vanishingly rare, and
/// would only nudge a score.
pub fn hash(word: &str) -> u64 {
    hash_bytes(b"", word)
}

/// `hash` of `lead` followed by `word`, without joining them in a new string.
fn hash_bytes(lead: &[u8], word: &str) -> u64 {
    lead.iter()
        .chain(word.as_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn is_stop_word(word: &str) -> bool {
    static WORDS: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| STOP_WORDS.iter().chain(NUMBER_WORDS).copied().collect());
    WORDS.contains(word)
}

/// Number words are compared as values, not as wording.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
    "dozen", "half",
];

const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "as",
    "is",
    "it",
    "be",
    "he",
    "we",
    "if",
    "so",
    "no",
    "do",
    "up",
    "us",
    "my",
    "me",
    "for",
    "are",
    "but",
    "not",
    "you",
    "all",
    "any",
    "can",
    "had",
    "her",
    "was",
    "our",
    "out",
    "has",
    "have",
    "his",
    "him",
    "she",
    "they",
    "them",
    "their",
    "this",
    "that",
    "these",
    "those",
    "with",
    "from",
    "will",
    "would",
    "could",
    "should",
    "into",
    "than",
    "then",
    "there",
    "what",
    "when",
    "which",
    "who",
    "whom",
    "why",
    "how",
    "also",
    "only",
    "been",
    "being",
    "were",
    "its",
    "about",
    "over",
    "after",
    "before",
    "said",
    "says",
    "say",
    "told",
    "according",
    "more",
    "most",
    "some",
    "such",
    "very",
    "just",
    "while",
    "where",
    "other",
    "each",
    "both",
    "did",
    "does",
    "may",
    "might",
    "must",
    "per",
    "cent",
    "percent",
    "yet",
    "still",
    "even",
    "i",
    "it's",
    "said,",
    "mr",
    "ms",
    "mrs",
    "dr",
];
