//! The one tokenizer: each sentence's words and marks as `Token`s with byte spans, word flags
//! and a hashed lower-case key, in one pass over its bytes.
//!
//! Later stages read tokens instead of re-scanning the text: the speakers stage's name words,
//! the claim kinds' rule triggers, the word counts and the check-worthiness model's word
//! features all come from this pass. A
//! word is a maximal run of alphanumeric characters (`char::is_alphanumeric`): apostrophes and
//! hyphens split words ("isn’t" is "isn" and "t"). Every other character that is not white
//! space is a mark token of its own.

use std::ops::Range;

/// Byte offsets into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A word or a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// The hash of the word lower-cased character by character (`word_key`); 0 for a mark.
    pub key: u64,
    /// The `WORD`, `CAPITALISED`, ... bits.
    pub flags: u8,
}

/// A run of letters and digits (otherwise a mark: punctuation, a symbol).
pub const WORD: u8 = 1;
/// The first character is upper case.
pub const CAPITALISED: u8 = 2;
/// The word holds an ASCII digit.
pub const DIGIT: u8 = 4;
/// The word is ASCII letters only.
pub const ASCII_LETTERS: u8 = 8;
/// White space (or the start of the sentence) comes before it: it starts a word as
/// `split_whitespace` counts them.
pub const SPACED: u8 = 16;
/// A mark that opens or is a quotation: `"` or `“`.
pub const QUOTE: u8 = 32;

impl Token {
    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The token's text in `text`, the text its span is an offset into.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.start..self.span.end]
    }
}

/// What the tokenizer counts over a whole sentence besides its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceTokens {
    /// The sentence's tokens: a range of `Tokens::tokens`.
    pub range: Range<usize>,
    /// Words as `split_whitespace` counts them, and those after the first that start with an
    /// upper-case character: proper names.
    pub words: usize,
    pub names: usize,
    /// A hash of the sentence's letters and digits, lower-cased, and their length in bytes: two
    /// sentences with the same wording, however punctuated, have the same fingerprint.
    pub fingerprint: u64,
    pub fingerprint_length: usize,
    /// A letter that Unicode case folding turns into an ASCII one ("ſ" is "s", the Kelvin sign
    /// "k"): a case-insensitive regex may match where an ASCII pre-check sees no word.
    pub folding_letters: bool,
    /// A quotation mark (`"` or `“`) is among the marks.
    pub quote: bool,
}

/// The tokens of an article's sentences, in one vector.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    /// One entry per span given to `tokenize`, in order.
    pub sentences: Vec<SentenceTokens>,
}

impl Tokens {
    /// The tokens of sentence `index`.
    pub fn of(&self, index: usize) -> &[Token] {
        &self.tokens[self.sentences[index].range.clone()]
    }
}

/// Tokenize `text[start..end]` for each span, in order.
pub fn tokenize<I>(text: &str, spans: I) -> Tokens
where
    I: IntoIterator<Item = (usize, usize)>,
    I::IntoIter: Clone,
{
    let spans = spans.into_iter();
    let mut tokens = Tokens::default();
    // About one token in five bytes of news text: room made once saves copying as it grows.
    let (count, bytes) = spans
        .clone()
        .fold((0, 0), |(n, b), (s, e)| (n + 1, b + e.saturating_sub(s)));
    tokens.tokens.reserve(bytes / 4);
    tokens.sentences.reserve(count);
    for (start, end) in spans {
        let sentence = tokenize_into(text, start, end, &mut tokens.tokens);
        tokens.sentences.push(sentence);
    }
    tokens
}

/// Tokenize one span of `text`.
pub fn tokenize_span(text: &str, start: usize, end: usize) -> Tokens {
    tokenize(text, [(start, end)])
}

const WORD_SEED: u64 = 0x243F_6A88_85A3_08D3;
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// One byte more of a key.
pub const fn step(hash: u64, byte: u8) -> u64 {
    (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01B3)
}

/// Spread the bits, so that the top bits (a table slot) depend on every byte.
pub const fn finish(hash: u64) -> u64 {
    (hash ^ (hash >> 29)).wrapping_mul(MULTIPLIER)
}

/// The key of a word given lower-cased: what `Token::key` is for a word whose lower-case form
/// it is.
pub const fn word_key(lower: &str) -> u64 {
    key_of_lower_bytes(lower.as_bytes())
}

/// `word_key` of bytes already in lower case.
pub const fn key_of_lower_bytes(lower: &[u8]) -> u64 {
    let mut hash = WORD_SEED;
    let mut i = 0;
    while i < lower.len() {
        hash = step(hash, lower[i]);
        i += 1;
    }
    finish(hash)
}

/// The key of an ASCII word in any case: what the tokenizer gives it.
pub fn key_of_ascii(word: &[u8]) -> u64 {
    finish(
        word.iter()
            .fold(WORD_SEED, |hash, b| step(hash, b.to_ascii_lowercase())),
    )
}

/// The fingerprint after one more character.
fn mix(hash: u64, c: u32) -> u64 {
    (hash.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// For each byte: its ASCII lower-case form when it is an ASCII letter or digit, else 0.
static ASCII_WORD_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// No word is being read.
const NONE: usize = usize::MAX;

/// One pass over `text[start..end]`: its tokens appended to `out`, its counts returned. The
/// word being read lives in locals (start, hash, flags), which keeps the byte loop in registers.
fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> SentenceTokens {
    // Cut at `end`, so that reading a byte checks one bound, not two.
    let bytes = &text.as_bytes()[..end];
    let first = out.len();
    let mut sentence = SentenceTokens::default();
    let (mut word_start, mut hash, mut flags) = (NONE, WORD_SEED, 0u8);
    let mut spaced = true;
    let mut i = start;
    while i < end {
        let byte = bytes[i];
        if byte.is_ascii_alphanumeric() {
            if word_start == NONE {
                word_start = i;
                hash = WORD_SEED;
                flags = WORD | ASCII_LETTERS;
                if byte.is_ascii_uppercase() {
                    flags |= CAPITALISED;
                }
            }
            if std::mem::take(&mut spaced) {
                flags |= SPACED;
                sentence.count_word(byte.is_ascii_uppercase());
            }
            // The bulk of any sentence: a run of ASCII letters and digits in one tight loop.
            let mut fingerprint = sentence.fingerprint;
            // The AND of the run's lower-case bytes: every lower-case letter has bit 0x40,
            // no digit has it, so the bit is clear when the run holds a digit (one `and` a
            // byte instead of a compare).
            let mut letters = u8::MAX;
            let mut length = 0;
            // One table look-up per byte: its lower-case form, or 0 when it ends the run.
            for &byte in &bytes[i..end] {
                let lower = ASCII_WORD_BYTE[usize::from(byte)];
                if lower == 0 {
                    break;
                }
                letters &= lower;
                hash = step(hash, lower);
                fingerprint = mix(fingerprint, u32::from(lower));
                length += 1;
            }
            i += length;
            if letters & 0x40 == 0 {
                flags = (flags | DIGIT) & !ASCII_LETTERS;
            }
            sentence.fingerprint = fingerprint;
            sentence.fingerprint_length += length;
            // An ASCII byte after the run (or the end) ends the word whatever it is, white
            // space or a mark: the word is closed here, and a plain space (the commonest byte
            // after a word) is stepped over, without the general path's decoding.
            if i >= end || bytes[i].is_ascii() {
                close(&mut word_start, hash, flags, i, out);
                if i < end && bytes[i] == b' ' {
                    spaced = true;
                    i += 1;
                }
            }
            continue;
        }
        let (c, width) = if byte.is_ascii() {
            (char::from(byte), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_ascii_whitespace() || c == '\u{0b}' || (!c.is_ascii() && c.is_whitespace()) {
            close(&mut word_start, hash, flags, i, out);
            spaced = true;
        } else if is_mark(c) {
            close(&mut word_start, hash, flags, i, out);
            let mut mark = 0;
            if std::mem::take(&mut spaced) {
                mark |= SPACED;
                sentence.count_word(c.is_uppercase());
            }
            if c == '"' || c == '“' {
                mark |= QUOTE;
                sentence.quote = true;
            }
            out.push(Token {
                span: Span {
                    start: i,
                    end: i + width,
                },
                key: 0,
                flags: mark,
            });
        } else {
            // A letter or digit beyond ASCII.
            let upper = c.is_uppercase();
            if word_start == NONE {
                word_start = i;
                hash = WORD_SEED;
                flags = WORD | if upper { CAPITALISED } else { 0 };
            }
            flags &= !ASCII_LETTERS;
            if std::mem::take(&mut spaced) {
                flags |= SPACED;
                sentence.count_word(upper);
            }
            sentence.folding_letters |= matches!(c, 'ſ' | 'K');
            for lower in c.to_lowercase() {
                let mut buffer = [0u8; 4];
                for &b in lower.encode_utf8(&mut buffer).as_bytes() {
                    hash = step(hash, b);
                }
                sentence.fingerprint = mix(sentence.fingerprint, u32::from(lower));
                sentence.fingerprint_length += lower.len_utf8();
            }
        }
        i += width;
    }
    close(&mut word_start, hash, flags, end, out);
    sentence.range = first..out.len();
    sentence
}

impl SentenceTokens {
    /// A word as `split_whitespace` counts them starts.
    fn count_word(&mut self, upper: bool) {
        self.words += 1;
        if self.words > 1 && upper {
            self.names += 1;
        }
    }
}

/// Not white space and not a letter or digit. Dashes, curly quotes and the other general
/// punctuation (U+2010 to U+2027, U+2030 to U+205E) are told by their range, without the
/// Unicode tables: they are the bulk of the non-ASCII characters of news text.
fn is_mark(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric() && !matches!(c, ' ' | '\t'..='\r');
    }
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
        || (!c.is_whitespace() && !c.is_alphanumeric())
}

fn close(word_start: &mut usize, hash: u64, flags: u8, end: usize, out: &mut Vec<Token>) {
    if *word_start != NONE {
        out.push(Token {
            span: Span {
                start: std::mem::replace(word_start, NONE),
                end,
            },
            key: finish(hash),
            flags,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let tokens = tokenize_span(text, 0, text.len());
        tokens
            .of(0)
            .iter()
            .filter(|t| t.is(WORD))
            .map(|t| t.text(text))
            .collect()
    }

    /// Words are the runs of letters and digits, as `str::split` on other characters gives them.
    #[test]
    fn words_are_alphanumeric_runs() {
        for text in [
            "",
            "a",
            "Troops LEFT Korea; the troops left with 28,500 troops.",
            "“Quoted” — dashes, café, naïve, Ωmega ½ x²  end",
            "isn’t e-mail ſ K\u{2028}x\u{a0}y\u{200b}z",
            "日本語のテキスト、句読点。",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    /// Word counts, names, keys and flags as later stages read them.
    #[test]
    fn counts_keys_and_flags() {
        let text = "Émile SAID “28,500 troops” left — ſo K.";
        let tokens = tokenize_span(text, 0, text.len());
        let sentence = &tokens.sentences[0];
        assert_eq!(sentence.words, text.split_whitespace().count());
        assert_eq!(sentence.names, 2, "SAID and K, not the opening Émile");
        assert!(sentence.quote && sentence.folding_letters);
        let all = tokens.of(0);
        assert_eq!(all[0].key, word_key("émile"));
        assert!(all[0].is(CAPITALISED) && !all[0].is(ASCII_LETTERS));
        assert_eq!(all[1].key, word_key("said"));
        assert!(all[1].is(ASCII_LETTERS | SPACED));
        assert!(all[2].is(QUOTE) && !all[2].is(WORD));
        assert!(all[3].is(DIGIT) && !all[3].is(SPACED));
    }

    /// The punctuation told by its range is neither white space nor a letter nor a digit, so
    /// skipping the Unicode tables for it changes nothing.
    #[test]
    fn punctuation_by_range_is_a_mark() {
        for c in ('\u{2010}'..='\u{2027}').chain('\u{2030}'..='\u{205E}') {
            assert!(
                !c.is_whitespace() && !c.is_alphanumeric() && !c.is_uppercase(),
                "{c:?}"
            );
            assert!(is_mark(c));
        }
    }

    /// The fingerprint is the same for two wordings that differ only in punctuation and case,
    /// and differs when a letter differs.
    #[test]
    fn fingerprints_ignore_punctuation_and_case() {
        let fingerprint = |text: &str| {
            let sentence = tokenize_span(text, 0, text.len()).sentences[0].clone();
            (sentence.fingerprint, sentence.fingerprint_length)
        };
        assert_eq!(
            fingerprint("The e-mail, sent."),
            fingerprint("the EMAIL sent")
        );
        assert_ne!(
            fingerprint("The email sent."),
            fingerprint("The email sent!a")
        );
    }
}
