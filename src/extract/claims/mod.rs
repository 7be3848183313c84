//! From sentences to claims: the claim span, checkability, kinds, speakers, check-worthiness
//! and repeated claims folded together.
//!
//! One sentence is one claim unit. Quotations that run over several sentences are not merged:
//! each sentence is checked against the same speaker, and keeps its own figures. The devset
//! annotators join most such runs inside a paragraph (53 of 61), but the matching pairs
//! (../shared/matching) count two sentences of one quotation as two facts: joining them
//! (quotation still open, or a new one after an attributed quote; 2–3 sentences, at most
//! 300–600 bytes) moved rest_C values 0.95 → 0.95–0.96 and dates 0.91 → 0.91–0.93, and cross-outlet
//! matching precision 0.90 → 0.76–0.84 (false matches 11 → 18–29 of 124 hard negatives).
//! Joining needs matching that compares a joined claim's sentences one by one first.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::model::{ClaimKind, Normalized, Value, ValueType};

pub mod kinds;
pub mod model;

use crate::extract::lexicon::{self, WordSet};
use crate::extract::speakers::{self, SentenceSpeech};
use crate::extract::tokens::{self, Token, Tokens};
use crate::extract::{ExtractedClaim, Sentence, values};
pub use kinds::NotCheckable;
use kinds::{Features, Placement};
use model::{Evidence, Model};

/// Turn sentences into claims, one per sentence, in text order. Sentences that are not claims
/// stay in the list with `checkable: false` and a `why`.
pub fn build(
    text: &str,
    sentences: &[Sentence],
    tokens: &Tokens,
    reference: Option<NaiveDate>,
) -> Vec<ExtractedClaim> {
    build_with(text, sentences, tokens, reference, values::find_values_in)
}

/// `build` with the value finder passed in, so the speed of claims-building can be measured
/// apart from the speed of finding numbers and dates (`examples/extract_speed.rs`).
pub fn build_with(
    text: &str,
    sentences: &[Sentence],
    tokens: &Tokens,
    reference: Option<NaiveDate>,
    find_values: impl Fn(&str, usize, &[Token], Option<NaiveDate>) -> Vec<Value>,
) -> Vec<ExtractedClaim> {
    let skip: Vec<bool> = sentences.iter().map(|s| s.boilerplate.is_some()).collect();
    let speech = speakers::resolve(text, sentences, tokens, &skip);
    let model = &*model::CHECKWORTHY;
    let (mut claims, wordings): (Vec<ExtractedClaim>, Vec<(u64, usize)>) =
        units(text, sentences, tokens, &speech, reference, find_values)
            .into_iter()
            .map(|unit| unit.into_claim(model))
            .unzip();
    mark_duplicates(&mut claims, &wordings);
    claims
}

/// One sentence with everything found in it, before its check-worthiness is decided.
pub struct Unit<'t> {
    /// The claim span: the sentence with its dateline trimmed.
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    /// The article text, which the tokens' spans index, and the unit's tokens.
    source: &'t str,
    tokens: Cow<'t, [Token]>,
    pub values: Vec<Value>,
    pub speech: &'t SentenceSpeech,
    pub kinds: Vec<ClaimKind>,
    features: Features,
    /// Why a rule leaves it out (furniture, a heading, a question...): the model never sees it.
    pub why: Option<NotCheckable>,
    own_line: bool,
    paragraph_start: bool,
    dateline: bool,
    furniture_before: bool,
    furniture_after: bool,
    index: usize,
    count: usize,
}

impl<'t> Unit<'t> {
    /// What the check-worthiness model reads.
    pub fn evidence(&self) -> Evidence<'_> {
        Evidence {
            text: self.text,
            tokens: &self.tokens,
            source: self.source,
            quote: self.features.quote,
            values: &self.values,
            speech: self.speech,
            words: self.features.words,
            names: self.features.names,
            own_line: self.own_line,
            paragraph_start: self.paragraph_start,
            dateline: self.dateline,
            furniture_before: self.furniture_before,
            furniture_after: self.furniture_after,
            index: self.index,
            count: self.count,
            election: self.kinds.contains(&ClaimKind::Election),
            role: self.kinds.contains(&ClaimKind::Role),
        }
    }

    /// The claim, checkable when no rule leaves it out and the model's probability reaches
    /// the threshold; its score is that probability.
    fn into_claim(self, model: &Model) -> (ExtractedClaim, (u64, usize)) {
        let (score, why) = match self.why {
            Some(why) => (0.0, Some(why)),
            None => {
                let probability = model.probability(&self.evidence());
                let why = (probability < model.threshold).then_some(NotCheckable::BelowThreshold);
                (probability, why)
            }
        };
        let claim = ExtractedClaim {
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            kind: self.kinds[0],
            kinds: self.kinds,
            score,
            values: self.values,
            speaker: self.speech.speaker.clone(),
            checkable: why.is_none(),
            why,
            duplicate_of: None,
        };
        let wording = (self.features.wording_hash, self.features.wording_length);
        (claim, wording)
    }
}

/// The units of an article's sentences, in text order.
pub fn units<'t>(
    text: &'t str,
    sentences: &[Sentence],
    tokens: &'t Tokens,
    speech: &'t [SentenceSpeech],
    reference: Option<NaiveDate>,
    find_values: impl Fn(&str, usize, &[Token], Option<NaiveDate>) -> Vec<Value>,
) -> Vec<Unit<'t>> {
    let first_text_sentence = sentences.iter().position(|s| s.boilerplate.is_none());
    let count = sentences.iter().filter(|s| s.boilerplate.is_none()).count();
    let furniture = |i: Option<usize>| {
        i.and_then(|i| sentences.get(i))
            .is_some_and(|s| s.boilerplate.is_some())
    };
    let mut real_index = 0;
    sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| {
            let whole = &text[sentence.start..sentence.end];
            // A dateline opening a paragraph ("WASHINGTON (AP) —") is not part of the claim.
            let at_paragraph_start = text[..sentence.start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n')
                || text[..sentence.start].trim().is_empty();
            let skip_dateline = if at_paragraph_start && sentence.boilerplate.is_none() {
                kinds::dateline_len(whole)
            } else {
                0
            };
            let start = sentence.start + skip_dateline;
            let end = sentence.end.max(start);
            let slice = &text[start..end];
            let speech = &speech[index];
            let own_line = own_line(text, sentence.start, sentence.end);
            let placement = Placement {
                first: Some(index) == first_text_sentence,
                own_line,
            };
            let whole_features = || {
                let sentence_tokens = &tokens.sentences[index];
                Features::from_tokens(text, sentence_tokens, tokens.of(index))
            };
            // The sentence was tokenized whole; a trimmed dateline (rare) is tokenized without.
            let (mut features, mut unit_tokens) = if skip_dateline > 0 {
                let own = tokens::tokenize_span(text, start, end);
                let features = Features::from_tokens(text, &own.sentences[0], own.of(0));
                (features, Cow::Owned(own.tokens))
            } else {
                (whole_features(), Cow::Borrowed(tokens.of(index)))
            };
            // The values of the claim span, read from its tokens.
            let mut values = find_values(slice, start, &unit_tokens, reference);
            for value in &mut values {
                value.start += start;
                value.end += start;
            }
            let why = match sentence.boilerplate {
                Some(reason) => Some(NotCheckable::Furniture(reason)),
                None => kinds::not_checkable_reason(slice, &features, placement, speech, &values),
            };
            // A sentence that is only a dateline keeps its whole span so `--all` shows it.
            let (start, slice) = if slice.trim().is_empty() {
                features = whole_features();
                unit_tokens = Cow::Borrowed(tokens.of(index));
                (sentence.start, whole)
            } else {
                (start, slice)
            };
            let kinds = kinds::kinds(slice, &features, &values, speech);
            let unit = Unit {
                start,
                end,
                text: slice,
                source: text,
                tokens: unit_tokens,
                values,
                speech,
                kinds,
                features,
                why,
                own_line,
                paragraph_start: at_paragraph_start,
                dateline: skip_dateline > 0,
                furniture_before: furniture(index.checked_sub(1)),
                furniture_after: furniture(Some(index + 1)),
                index: real_index,
                count,
            };
            real_index += usize::from(sentence.boilerplate.is_none());
            unit
        })
        .collect()
}

/// Nothing else shares the lines the sentence occupies. Scans only from the sentence outwards
/// and stops at the first other character, so a long paragraph costs nothing per sentence.
fn own_line(text: &str, start: usize, end: usize) -> bool {
    text[..start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace)
        && text[end..]
            .chars()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace)
}

/// Words that carry the content of a claim, for comparing two wordings of it: distinct,
/// lowercased, sorted. A sorted list and a merge count the shared words with no hashing and
/// one allocation; a hash set cost more to build than the comparison saved.
fn content_words(text: &str) -> Vec<Word<'_>> {
    let mut words: Vec<Word> = Vec::new();
    for w in alphanumeric_runs(text) {
        if w.len() < 4 {
            continue;
        }
        if w.is_ascii() && w.len() <= 16 {
            // The common case: lowercased in place and packed, with no allocation.
            let mut bytes = [0u8; 16];
            bytes[..w.len()].copy_from_slice(w.as_bytes());
            bytes[..w.len()].make_ascii_lowercase();
            if !is_stop_word(&bytes[..w.len()]) {
                words.push(Word::Packed(u128::from_be_bytes(bytes)));
            }
            continue;
        }
        // Most words are lowercase already: borrowed, not copied.
        let word = if w
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        };
        if !is_stop_word(word.as_bytes()) {
            words.push(Word::of(word));
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// A content word, lowercased. One that is ASCII and at most 16 bytes long is always packed
/// into an integer (big-endian, zero-padded: the order of the words, and equal only for equal
/// words, as words have no zero bytes), so the common words are compared and sorted without
/// `memcmp` and kept without allocating.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Word<'a> {
    Packed(u128),
    Text(Cow<'a, str>),
}

impl<'a> Word<'a> {
    fn of(lower: Cow<'a, str>) -> Word<'a> {
        if lower.is_ascii() && lower.len() <= 16 {
            let mut bytes = [0u8; 16];
            bytes[..lower.len()].copy_from_slice(lower.as_bytes());
            Word::Packed(u128::from_be_bytes(bytes))
        } else {
            Word::Text(lower)
        }
    }
}

/// How many items two sorted lists without repeats share: a merge, no allocation. Used here for
/// the words of repeated claims in one article, and by matching.
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

#[cfg(test)]
impl PartialEq<&str> for Word<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == Word::of(Cow::Borrowed(*other))
    }
}

/// Words too common to say two wordings are of one claim, given lower-cased.
fn is_stop_word(word: &[u8]) -> bool {
    static WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::WORDING_STOP_WORDS));
    std::str::from_utf8(word).is_ok_and(|word| WORDS.contains(word))
}

/// The pieces of `text` between characters that are not alphanumeric, as
/// `text.split(|c: char| !c.is_alphanumeric())` gives them, reading ASCII bytes without
/// decoding them.
fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            let (separator, width) = if b.is_ascii() {
                (!b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (!c.is_alphanumeric(), c.len_utf8())
            };
            i += width;
            if separator {
                let run = &text[start..i - width];
                start = i;
                return Some(run);
            }
        }
        if done {
            return None;
        }
        done = true;
        Some(&text[start..])
    })
}

fn number_keys(values: &[Value]) -> Vec<u64> {
    values
        .iter()
        .filter(|v| v.value_type != ValueType::Date)
        .filter_map(|v| match v.value {
            Normalized::Number(n) => Some(n.to_bits()),
            _ => None,
        })
        .collect()
}

/// The wording of a claim with everything but letters and digits dropped, lowercased: two
/// places with the same wording compare equal however they are punctuated.
fn normalised_wording(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// A claim stated twice in one article is one thing to check: the later place points at the
/// first. Two places state the same claim when they share a figure and most of the words of
/// the shorter wording appear in the longer one; without a figure, only when the wording is
/// the same.
fn mark_duplicates(claims: &mut [ExtractedClaim], wordings: &[(u64, usize)]) {
    let originals = find_duplicates(claims, wordings);
    for (claim, original) in claims.iter_mut().zip(originals) {
        claim.duplicate_of = original;
    }
}

/// Claims by a 64-bit key (a figure's bits or a wording hash), hashed with one multiply
/// instead of SipHash: the keys come from the article, not from an adversary.
type KeyMap = HashMap<u64, Places, BuildHasherDefault<KeyHasher>>;

/// The claims filed under one key, in the order they were filed. Most keys hold one claim,
/// which is kept without allocating a list.
#[derive(Default)]
struct Places {
    first: Option<usize>,
    more: Vec<usize>,
}

impl Places {
    fn push(&mut self, index: usize) {
        if self.first.is_none() {
            self.first = Some(index);
        } else {
            self.more.push(index);
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.first.into_iter().chain(self.more.iter().copied())
    }
}

#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, key: u64) {
        // A figure's informative bits are its high ones: the byte swap brings them down to
        // where the multiply spreads them over the whole hash.
        self.0 = key.swap_bytes().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// How many earlier claims with the same figure a claim is compared with.
const MAX_SAME_FIGURE_CANDIDATES: usize = 64;

/// For each claim, the earlier place stating the same claim (see `mark_duplicates`).
/// `wordings`: for each claim, the hash of `normalised_wording` of its text and its length,
/// from the sentence's `Features`.
fn find_duplicates(claims: &[ExtractedClaim], wordings: &[(u64, usize)]) -> Vec<Option<usize>> {
    let mut originals = vec![None; claims.len()];
    // Sized for every claim at once: growing them one rehash at a time cost more than the
    // look-ups (nothing iterates them, so their size changes no result).
    let capacity = claims.len();
    let mut by_number: KeyMap = HashMap::with_capacity_and_hasher(capacity, Default::default());
    // First places by the hash of their wording; equal hashes are compared in full.
    let mut by_text: KeyMap = HashMap::with_capacity_and_hasher(capacity, Default::default());
    let mut words_cache: Vec<Option<Vec<Word>>> = vec![None; claims.len()];
    for index in 0..claims.len() {
        if !claims[index].checkable {
            continue;
        }
        let keys = number_keys(&claims[index].values);
        let mut original = None;
        'search: for key in &keys {
            if let Some(earlier) = by_number.get(key) {
                // A claim of under four content words matches nothing; and one figure shared
                // by thousands of claims ("He said 5." repeated) is compared with its first
                // few only, so the search stays linear in the article.
                let mine =
                    words_cache[index].get_or_insert_with(|| content_words(&claims[index].text));
                if mine.len() < 4 {
                    break;
                }
                for candidate in earlier.iter().take(MAX_SAME_FIGURE_CANDIDATES) {
                    words_cache[candidate]
                        .get_or_insert_with(|| content_words(&claims[candidate].text));
                    let (Some(mine), Some(theirs)) = (&words_cache[index], &words_cache[candidate])
                    else {
                        continue;
                    };
                    let shared = shared_count(mine, theirs);
                    let smaller = mine.len().min(theirs.len());
                    if smaller >= 4 && shared * 10 >= smaller * 7 {
                        original = Some(candidate);
                        break 'search;
                    }
                }
            }
        }
        if original.is_none() {
            let (hash, length) = wordings.get(index).copied().unwrap_or_default();
            if length >= 20 {
                let firsts = by_text.entry(hash).or_default();
                let same = firsts.iter().find(|&first| {
                    normalised_wording(&claims[first].text)
                        .eq(normalised_wording(&claims[index].text))
                });
                match same {
                    Some(first) => original = Some(first),
                    None => firsts.push(index),
                }
            }
        }
        match original {
            Some(first) => originals[index] = Some(first),
            None => {
                for key in keys {
                    by_number.entry(key).or_default().push(index);
                }
            }
        }
    }
    originals
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Content words are distinct, lowercased and sorted, and `shared_count` counts the words
    /// two wordings have in common once each.
    #[test]
    fn content_words_are_a_sorted_set() {
        let first = content_words("Troops LEFT Korea; the troops left with 28,500 troops.");
        // Words under four letters (and the figure's digit groups) do not count.
        assert_eq!(first, ["korea", "left", "troops"]);
        let second = content_words("Korea said 28,500 troops stayed");
        assert_eq!(shared_count(&first, &second), 2);
        assert_eq!(shared_count(&first, &[]), 0);
    }

    /// A word is packed or not by its lowercased form, so the two forms never hold one word.
    #[test]
    fn packed_words_are_canonical() {
        let words = content_words("\u{212A}elvin kelvin KELVIN Straße STRASSE strasse");
        assert_eq!(words, ["kelvin", "strasse", "straße"]);
        let long = content_words("Internationalisation internationalisation");
        assert_eq!(long, ["internationalisation"]);
    }

    /// The byte loop splits as `str::split` on characters that are not alphanumeric.
    #[test]
    fn alphanumeric_runs_split_like_str_split() {
        for text in [
            "",
            "a",
            " ",
            "Troops LEFT Korea; the troops left with 28,500 troops.",
            "“Quoted” — dashes, café, naïve, Ωmega ½ x²  end",
            "..trailing..",
            "日本語のテキスト、句読点。",
        ] {
            let expected: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
            assert_eq!(
                alphanumeric_runs(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }

    fn sentences_of(text: &str) -> Vec<Sentence> {
        super::super::split(text)
    }

    fn claims_of(text: &str) -> Vec<ExtractedClaim> {
        let sentences = sentences_of(text);
        let tokens = tokens::tokenize(text, sentences.iter().map(|s| (s.start, s.end)));
        build(
            text,
            &sentences,
            &tokens,
            NaiveDate::from_ymd_opt(2022, 6, 3),
        )
    }

    /// `expected`: for each pair (later sentence containing `later`, earlier one containing
    /// `earlier`), whether the later is marked a duplicate of the earlier.
    fn check(name: &str, text: &str, later: &str, earlier: &str, duplicate: bool) {
        let claims = claims_of(text);
        let later_index = claims
            .iter()
            .position(|c| c.text.contains(later))
            .unwrap_or_else(|| panic!("case {name}: no claim with {later:?}"));
        let earlier_index = claims
            .iter()
            .position(|c| c.text.contains(earlier))
            .unwrap();
        let got = claims[later_index].duplicate_of == Some(earlier_index);
        assert_eq!(got, duplicate, "case {name}: {claims:#?}");
    }

    #[test]
    fn duplicates() {
        check(
            "same figure, reworded and extended",
            "The message is unmistakable: the United States only has 28,500 troops in South Korea, and Washington is ready to send reinforcements.\n\n\
             Officials met on Friday.\n\n\
             The message was unmistakable: Although the United States only has 28,500 troops in South Korea, Washington is ready to send in reinforcements if needed and also to send warplanes.\n",
            "warplanes",
            "message is unmistakable",
            true,
        );
        check(
            "same figure in an unrelated sentence is not a duplicate",
            "The company employs 28,500 people in Ohio.\n\nThe army keeps 28,500 troops in South Korea near the border.\n",
            "troops",
            "company",
            false,
        );
        check(
            "same wording with a different figure is a different claim",
            "Unemployment rose to 5 percent in the state in May.\n\nUnemployment rose to 6 percent in the state in June.\n",
            "6 percent",
            "5 percent",
            false,
        );
    }

    #[test]
    fn identical_sentences_without_figures_are_duplicates() {
        let text = "Israeli courts have declared most major settlements legal.\n\nOther news followed.\n\nIsraeli courts have declared most major settlements legal.\n";
        let claims = claims_of(text);
        let last = claims
            .iter()
            .rposition(|c| c.text.contains("Israeli"))
            .unwrap();
        assert_eq!(claims[last].duplicate_of, Some(0));
    }

    #[test]
    fn dateline_is_trimmed_from_the_claim_span() {
        let text = "WASHINGTON (AP) — Ambassador Gordon Sondland faces questions on Wednesday.\n";
        let claims = claims_of(text);
        // Whether the splitter cuts the dateline off as its own sentence or the claim trims
        // it, the checkable claim starts after it and the dateline alone is never a claim.
        let checkable: Vec<_> = claims.iter().filter(|c| c.checkable).collect();
        assert_eq!(checkable.len(), 1);
        assert_eq!(
            checkable[0].text,
            "Ambassador Gordon Sondland faces questions on Wednesday."
        );
        assert_eq!(
            &text[checkable[0].start..checkable[0].end],
            checkable[0].text
        );
    }

    #[test]
    fn spans_are_slices_on_char_boundaries_for_odd_input() {
        for text in [
            "",
            "—",
            "SEOUL —",
            "“”",
            "A — b",
            "\u{feff}é — x",
            "ÉÉ (A) — ü.",
        ] {
            for claim in claims_of(text) {
                assert!(text.is_char_boundary(claim.start) && text.is_char_boundary(claim.end));
                assert_eq!(&text[claim.start..claim.end], claim.text);
            }
        }
    }
}
