//! One cheap byte-level pass over a sentence that says which value patterns can match in it.
//!
//! Most sentences of an article have no digit, no month, no weekday and no number word, and
//! running a dozen date regexes and the number scanner over each of them cost several times
//! the whole sentence split. This pass reads each word once (lower-cased in a stack buffer,
//! never allocated), rejects almost every word with one table look-up on its first two letters
//! and its length, and records which kinds of trigger occur and where, so that callers run
//! only the patterns that can match, and only on windows around their triggers.

use std::sync::LazyLock;

use crate::extract::lexicon;
use crate::extract::tokens::{self, Token};

/// Kinds of trigger word, as bit flags.
pub const MONTH: u16 = 1;
pub const WEEKDAY: u16 = 1 << 1;
/// "today", "yesterday", "week", "month", "year", seasons: relative date words.
pub const RELATIVE: u16 = 1 << 2;
/// "day", "days", "weeks", "fortnight": units of an offset ("three days ago").
pub const SPAN: u16 = 1 << 3;
/// Named days of the year ("Christmas", "Easter", "Thanksgiving").
pub const HOLIDAY: u16 = 1 << 4;
/// A word that can start or continue a number written in words.
pub const NUMBER_WORD: u16 = 1 << 5;
/// "day" itself (also a `SPAN`): "the day before", "for the day".
pub const DAY: u16 = 1 << 6;
/// The first word of a named day that is no trigger alone ("New Year", "Good Friday",
/// "Labor Day"): not a date word, it opens no window.
pub const HOLIDAY_LEAD: u16 = 1 << 7;

/// Month and weekday names with their short forms, from the lexicon: the trigger scan is
/// derived from it, never kept beside it.
fn month_words() -> Vec<&'static str> {
    words_of(&lexicon::MONTHS)
}

fn weekday_words() -> Vec<&'static str> {
    words_of(&lexicon::WEEKDAYS)
}

/// Every word of a lexicon list.
fn words_of(list: &'static lexicon::List) -> Vec<&'static str> {
    list.words().collect()
}

/// Every number word `number_words` reads, plural ordinals included, from the lexicon.
fn number_trigger_words() -> Vec<String> {
    lexicon::number_words()
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}

/// Longest trigger word, in bytes; longer words are never looked up.
const MAX_WORD: usize = 16;

/// The trigger lexicon as an open-addressing hash table keyed by the word packed into an
/// integer: one multiply and usually one probe per word, no string comparison.
struct Lexicon {
    keys: [u64; TABLE_SIZE],
    flags: [u16; TABLE_SIZE],
}

const TABLE_BITS: u32 = 10;
const TABLE_SIZE: usize = 1 << TABLE_BITS;

/// A lower-case word packed into an integer: its first eight bytes and its length (0 is never
/// a word). Two words sharing eight letters and a length would collide; none of the lexicon's
/// do, and an ordinary word that did would only run a pattern that then finds nothing.
fn pack(lower: &[u8]) -> u64 {
    let key = lower
        .iter()
        .take(8)
        .fold(0u64, |key, &b| (key << 8) | u64::from(b));
    key ^ ((lower.len() as u64) << 59)
}

fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
}

/// The slot of a tokenizer's key: its top bits, already spread over every byte of the word.
fn token_slot(key: u64) -> usize {
    (key >> (64 - TABLE_BITS)) as usize
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| build(|w| pack(w.as_bytes()), slot));

/// The same words by the tokenizer's key (`tokens::word_key`): a token of up to eight ASCII
/// letters is looked up by the key it carries, without reading its text. (A longer word is
/// looked up by `pack`, whose collisions on the first eight letters this table would not
/// reproduce.)
static BY_TOKEN_KEY: LazyLock<Lexicon> = LazyLock::new(|| build(tokens::word_key, token_slot));

fn build(key_of: impl Fn(&str) -> u64, slot: fn(u64) -> usize) -> Lexicon {
    let size = TABLE_SIZE;
    let mut table = Lexicon {
        keys: [0; TABLE_SIZE],
        flags: [0; TABLE_SIZE],
    };
    let mut add = |words: &[&str], flag: u16| {
        for word in words {
            let key = key_of(word);
            let mut i = slot(key);
            while table.keys[i] != 0 && table.keys[i] != key {
                i = (i + 1) % size;
            }
            table.keys[i] = key;
            table.flags[i] |= flag;
        }
    };
    add(&month_words(), MONTH);
    add(&weekday_words(), WEEKDAY);
    add(&words_of(&lexicon::RELATIVE_DATE_WORDS), RELATIVE);
    add(&words_of(&lexicon::SPAN_WORDS), SPAN);
    add(&words_of(&lexicon::HOLIDAY_WORDS), HOLIDAY);
    add(&words_of(&lexicon::HOLIDAY_LEADS), HOLIDAY_LEAD);
    add(&["day"], DAY);
    let numbers = number_trigger_words();
    add(
        &numbers.iter().map(String::as_str).collect::<Vec<_>>(),
        NUMBER_WORD,
    );
    table
}

pub(crate) const LOW_BITS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const CASE_BITS: u64 = 0x2020_2020_2020_2020;

/// Where the run of ASCII letters that goes on at `i` ends. Eight bytes at a time: this pass
/// reads every letter of every sentence, and a test per byte was most of its cost.
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let others = not_letters(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The high bit of each byte of `x` (read little-endian) that is not an ASCII letter. Per
/// byte, with the high bit clear and the case bit set: at least 'a' and not past 'z'; the
/// additions stay below 0x100 in each byte, so no carry crosses bytes.
fn not_letters(x: u64) -> u64 {
    let lower = (x | CASE_BITS) & LOW_BITS;
    let from_a = lower + 0x1F1F_1F1F_1F1F_1F1F;
    let past_z = lower + 0x0505_0505_0505_0505;
    let letters = from_a & !past_z & !x & HIGH_BITS;
    !letters & HIGH_BITS
}

/// The end of the word of ASCII letters that starts at `start`, and its `pack`ed key: one
/// eight-byte load finds the end of a word of up to seven letters (most words) and gives its
/// key as well.
fn read_word(bytes: &[u8], start: usize) -> (usize, u64) {
    let (len, head) = match bytes.get(start..start + 8) {
        Some(chunk) => {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            let others = not_letters(x);
            let len = if others != 0 {
                (others.trailing_zeros() / 8) as usize
            } else {
                letters_end(bytes, start + 8) - start
            };
            (len, x.swap_bytes() | CASE_BITS)
        }
        None => {
            let len = letters_end(bytes, start + 1) - start;
            let head = bytes[start..start + len]
                .iter()
                .fold(0u64, |key, &b| (key << 8) | u64::from(b | 0x20));
            (len, head << (8 * (8 - len)))
        }
    };
    let key = if len < 8 {
        head >> (8 * (8 - len))
    } else {
        head
    };
    (start + len, key ^ ((len as u64) << 59))
}

/// The `pack`ed key of the word of `len` ASCII letters at `start`, its end already known (the
/// tokenizer found it): `read_word` without looking for the end.
fn key_at(bytes: &[u8], start: usize, len: usize) -> u64 {
    let head = match bytes.get(start..start + 8) {
        Some(chunk) => {
            let head = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])).swap_bytes();
            let head = head | CASE_BITS;
            if len < 8 {
                head >> (8 * (8 - len))
            } else {
                head
            }
        }
        None => bytes[start..start + len]
            .iter()
            .fold(0u64, |key, &b| (key << 8) | u64::from(b | 0x20)),
    };
    head ^ ((len as u64) << 59)
}

/// The trigger flags of one lower-case word (0 for an ordinary word).
#[cfg(test)]
fn word_flags(lower: &[u8]) -> u16 {
    if lower.len() < 2 || lower.len() > MAX_WORD {
        return 0;
    }
    flags_of_key(&LEXICON, pack(lower))
}

#[inline]
fn flags_of_key(lexicon: &Lexicon, key: u64) -> u16 {
    lexicon.probe(key, slot(key))
}

impl Lexicon {
    /// The flags of `key`, looked for from slot `i` on.
    #[inline]
    fn probe(&self, key: u64, mut i: usize) -> u16 {
        loop {
            let k = self.keys[i];
            if k == key {
                return self.flags[i];
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & (TABLE_SIZE - 1);
        }
    }
}

/// What one pass over a sentence found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Triggers {
    /// Any ASCII digit.
    pub digits: bool,
    /// A run of four digits from 1600 to 2099, or of eight digits ("20161016").
    pub year_digits: bool,
    /// Digits, a slash, digits ("5/17", "7/32").
    pub slash: bool,
    /// One or two digits with an ordinal suffix ("18th").
    pub ordinal_digits: bool,
    /// "on 5.12": one or two digits, a dot and a digit, after "on".
    pub dotted: bool,
    /// A year between hyphens ("September-2020-23").
    pub hyphened_year: bool,
    /// Four digits ending in 0 before "s" or an apostrophe: a decade ("the 1990s").
    pub decade: bool,
    /// "a" before a day, week, month or year word: a period counted with the article.
    pub one_period: bool,
    /// Union of the word flags seen.
    pub words: u16,
    /// Where each number word starts, in order: the number scan looks nowhere else for one.
    pub number_words: Vec<usize>,
    /// Byte spans around the date triggers (merged, on char boundaries): date patterns need
    /// only look there.
    pub windows: Vec<(usize, usize)>,
}

/// The bytes that are no digit, no ASCII letter and no lead byte of a vulgar fraction: the
/// pass steps over them.
static PASSED: [bool; 256] = {
    let mut passed = [true; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        passed[b] = !(byte.is_ascii_alphanumeric() || byte == 0xC2 || byte == 0xE2);
        b += 1;
    }
    passed
};

/// Whether the word at `start` follows "a " (or "A ") as a word of its own.
fn a_before(bytes: &[u8], start: usize) -> bool {
    start >= 2
        && bytes[start - 1] == b' '
        && bytes[start - 2] | 0x20 == b'a'
        && (start == 2 || !bytes[start - 3].is_ascii_alphanumeric())
}

/// How far around a trigger a date pattern may reach ("the beginning of" before a month,
/// ", 2022" after a day).
const REACH_BEFORE: usize = 28;
const REACH_AFTER: usize = 32;

impl Triggers {
    /// Read `text` once.
    pub fn of(text: &str) -> Triggers {
        let mut found = Triggers::default();
        found.read_bytes(text, 0, text.len(), &LEXICON);
        found
    }

    /// `of`, with the words read from the tokenizer's tokens of `text` instead of its bytes:
    /// `tokens` are those of exactly `text`, whose first byte is at `base` in the text their
    /// spans index. A word of ASCII letters alone (most words) is one look-up, by the key the
    /// tokenizer gave it (or, past eight letters, by its packed text); only words with digits
    /// or other letters are read byte by byte, within the word.
    /// Spaces and marks are never read: no trigger starts there (a vulgar fraction is a word).
    pub fn of_tokens(text: &str, base: usize, tokens: &[Token]) -> Triggers {
        let bytes = text.as_bytes();
        let lexicon = &*LEXICON;
        let by_token_key = &*BY_TOKEN_KEY;
        // Tokens are in text order: when the first and the last lie inside `text`, every one
        // does. Tokens that do not (a caller's mistake) are not trusted: the bytes are read.
        let inside = |t: &Token| t.span.start >= base && t.span.end <= base + bytes.len();
        if !tokens.first().is_none_or(inside) || !tokens.last().is_none_or(inside) {
            return Triggers::of(text);
        }
        let mut found = Triggers::default();
        for token in tokens {
            if !token.is(tokens::WORD) {
                continue;
            }
            let (start, end) = (token.span.start - base, token.span.end - base);
            if token.is(tokens::ASCII_LETTERS) {
                let len = end - start;
                let flags = match len {
                    2..=8 => by_token_key.probe(token.key, token_slot(token.key)),
                    9..=MAX_WORD => flags_of_key(lexicon, key_at(bytes, start, len)),
                    _ => 0,
                };
                if flags != 0 {
                    found.add_word(text, start, end, flags);
                }
            } else {
                found.read_bytes(text, start, end, lexicon);
            }
        }
        found
    }

    /// The byte-level pass over `text[from..to]`, which starts and ends at word boundaries.
    fn read_bytes(&mut self, text: &str, from: usize, to: usize, lexicon: &Lexicon) {
        let bytes = text.as_bytes();
        let mut i = from;
        while i < to {
            let b = bytes[i];
            // Nearly half the bytes are the spaces and punctuation between words.
            if PASSED[usize::from(b)] {
                i += 1;
                continue;
            }
            if b.is_ascii_digit() {
                i = self.digits_at(text, i);
                continue;
            }
            if b.is_ascii_alphabetic() {
                i = self.word_at(text, i, lexicon);
                continue;
            }
            // A vulgar fraction ("½" is C2 BD, "⅔" is E2 85 94) counts as a digit.
            if (b == 0xC2 && matches!(bytes.get(i + 1), Some(0xBC..=0xBE)))
                || (b == 0xE2
                    && bytes.get(i + 1) == Some(&0x85)
                    && matches!(bytes.get(i + 2), Some(0x90..=0x9E)))
            {
                self.digits = true;
            }
            i += 1;
        }
    }

    /// The digits from `start`: what they may start (a year, "11/5", "5th", "1990s", "on
    /// 5.11", "-2019-"), with a window around those that may be a date's. Where they end.
    fn digits_at(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let mut i = start;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        self.digits = true;
        let run = &bytes[start..i];
        let year_like = (run.len() == 4 || run.len() == 8)
            && matches!(&run[..2], b"16" | b"17" | b"18" | b"19" | b"20");
        self.year_digits |= year_like;
        let slash = i + 1 < bytes.len() && bytes[i] == b'/' && bytes[i + 1].is_ascii_digit();
        self.slash |= slash;
        let ordinal = run.len() <= 2
            && i + 1 < bytes.len()
            && matches!(
                [bytes[i] | 0x20, bytes[i + 1] | 0x20],
                [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h']
            );
        self.ordinal_digits |= ordinal;
        // "1990s", "1980's", "1300’s": four digits ending in 0 with an "s" or an apostrophe
        // (ASCII, or the first byte of a curly one) after them.
        if run.len() == 4 && run[3] == b'0' {
            self.decade |= matches!(bytes.get(i), Some(b's' | b'\'' | 0xE2));
        }
        let dotted = run.len() <= 2
            && i + 1 < bytes.len()
            && bytes[i] == b'.'
            && bytes[i + 1].is_ascii_digit()
            && start >= 3
            && bytes[start - 1] == b' '
            && bytes[start - 3] | 0x20 == b'o'
            && bytes[start - 2] | 0x20 == b'n';
        self.dotted |= dotted;
        self.hyphened_year |= year_like
            && run.len() == 4
            && start > 0
            && bytes[start - 1] == b'-'
            && bytes.get(i) == Some(&b'-');
        // Other digits ("28,500", "3 days") belong to a date only next to a date word, whose
        // own window covers them.
        if year_like || slash || ordinal || dotted {
            self.add_window(text, start, i);
        }
        i
    }

    /// The word from `start`: its lexicon flags, where a number word starts, and a window
    /// around a date word (or a number word after one). Where it ends.
    fn word_at(&mut self, text: &str, start: usize, lexicon: &Lexicon) -> usize {
        let (i, key) = read_word(text.as_bytes(), start);
        let len = i - start;
        if (2..=MAX_WORD).contains(&len) {
            let flags = flags_of_key(lexicon, key);
            if flags != 0 {
                self.add_word(text, start, i, flags);
            }
        }
        i
    }

    /// A word from `start` to `end` with trigger `flags`.
    fn add_word(&mut self, text: &str, start: usize, end: usize, flags: u16) {
        self.words |= flags;
        if flags & NUMBER_WORD != 0 {
            self.number_words.push(start);
        }
        if flags & !(NUMBER_WORD | HOLIDAY_LEAD) != 0
            || flags & NUMBER_WORD != 0 && self.words & (MONTH | SPAN | RELATIVE) != 0
        {
            // Number words count as triggers after a date word: "May twenty nine",
            // spelled-out years, "three days".
            self.add_window(text, start, end);
            // "a day", "a year": a period counted with the article alone.
            if flags & (SPAN | RELATIVE) != 0 && a_before(text.as_bytes(), start) {
                self.one_period = true;
            }
        }
    }

    /// Grow a trigger span by the reach of the date patterns, snap the ends outwards to white
    /// space (so word boundaries at a window's edge are real ones) and merge it with the last
    /// window when they overlap.
    fn add_window(&mut self, text: &str, start: usize, end: usize) {
        let bytes = text.as_bytes();
        if let Some(last) = self.windows.last()
            && end + REACH_AFTER <= last.1
        {
            return;
        }
        let mut from = start.saturating_sub(REACH_BEFORE);
        while from > 0 && !bytes[from - 1].is_ascii_whitespace() {
            from -= 1;
        }
        let mut to = (end + REACH_AFTER).min(bytes.len());
        while to < bytes.len() && !bytes[to].is_ascii_whitespace() {
            to += 1;
        }
        match self.windows.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => self.windows.push((from, to)),
        }
    }

    /// Nothing here can be a number or a date.
    pub fn is_empty(&self) -> bool {
        !self.digits && self.words & !HOLIDAY_LEAD == 0
    }

    /// Any of the word flags in `mask` occurs.
    pub fn has(&self, mask: u16) -> bool {
        self.words & mask != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (digits, year_digits, slash, word flags) of a sentence.
    type Found = (bool, bool, bool, u16);

    fn check(input: &str, expected: Found) -> bool {
        let t = Triggers::of(input);
        let got = (t.digits, t.year_digits, t.slash, t.words);
        if got != expected {
            eprintln!("{input}: got {got:?}, want {expected:?}");
        }
        got == expected
    }

    #[test]
    fn triggers_of_sentences() {
        let cases: &[(&str, Found)] = &[
            // Ordinary words are no trigger.
            ("The talks went well, he said.", (false, false, false, 0)),
            // Months and weekdays in any case, and glued to digits.
            (
                "on WEDNESDAY in June",
                (false, false, false, MONTH | WEEKDAY),
            ),
            ("Jan3", (true, false, false, MONTH)),
            // Years and slashes.
            ("in 2019 and 5/17", (true, true, true, 0)),
            ("28,500 troops", (true, false, false, 0)),
            // Relative words, spans, holidays and number words.
            (
                "three days after Christmas last year",
                (false, false, false, NUMBER_WORD | SPAN | HOLIDAY | RELATIVE),
            ),
            ("two-thirds", (false, false, false, NUMBER_WORD)),
            ("the fifths", (false, false, false, NUMBER_WORD)),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, *e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn number_words_agree_with_the_reader() {
        for word in number_trigger_words() {
            let word = word.as_str();
            assert!(super::super::numbers::is_number_word(word), "{word}");
            assert_ne!(word_flags(word.as_bytes()) & NUMBER_WORD, 0, "{word}");
        }
    }

    #[test]
    fn no_two_trigger_words_share_a_key() {
        let numbers = number_trigger_words();
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let lists = [
            month_words(),
            weekday_words(),
            words_of(&lexicon::RELATIVE_DATE_WORDS),
            words_of(&lexicon::SPAN_WORDS),
            words_of(&lexicon::HOLIDAY_WORDS),
            words_of(&lexicon::HOLIDAY_LEADS),
            numbers,
        ];
        let mut seen = std::collections::HashMap::new();
        for word in lists.iter().flat_map(|l| l.iter()) {
            let other = seen.insert(pack(word.as_bytes()), *word);
            assert!(other.is_none_or(|o| o == *word), "{word} and {other:?}");
        }
    }

    /// Both tables give every trigger word the same flags.
    #[test]
    fn tables_by_token_key_and_by_text_agree() {
        let numbers = number_trigger_words();
        let words = [
            month_words(),
            weekday_words(),
            words_of(&lexicon::SPAN_WORDS),
            numbers.iter().map(String::as_str).collect(),
        ];
        for word in words.iter().flatten() {
            let key = tokens::word_key(word);
            let by_token = BY_TOKEN_KEY.probe(key, token_slot(key));
            assert_eq!(by_token, word_flags(word.as_bytes()), "{word}");
        }
    }

    /// The eight-byte word reading agrees with reading byte by byte, at every offset and
    /// for every byte value next to letters.
    #[test]
    fn word_reading_agrees_with_bytes() {
        let mut text: Vec<u8> = b"Twenty-eight thousand FIVE hundred, xmas@[`{Zz Aa ".to_vec();
        text.extend(0u8..=255);
        text.extend(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ".iter());
        for b in 0u8..=255 {
            text.extend([b'q', b, b'Q', b'q', b'q', b'q', b'q', b'q', b'q', b]);
        }
        for start in 0..text.len() {
            let mut end = start;
            while end < text.len() && text[end].is_ascii_alphabetic() {
                end += 1;
            }
            assert_eq!(letters_end(&text, start), end, "{start}");
            if end > start && end - start <= MAX_WORD {
                let lower = text[start..end].to_ascii_lowercase();
                assert_eq!(read_word(&text, start), (end, pack(&lower)), "{start}");
            }
        }
    }

    /// Reading the tokens finds what reading the bytes finds, on a whole article's sentences
    /// and on words glued to digits, letters beyond ASCII, fractions and long words that share
    /// eight letters and a length with a trigger ("septembers", "thousandx").
    #[test]
    fn tokens_give_the_triggers_bytes_give() {
        let article = include_str!("../../../fixtures/seed_nysun_korea.txt");
        let mut texts: Vec<String> = crate::extract::sentences::split(article)
            .iter()
            .map(|s| article[s.start..s.end].to_string())
            .collect();
        texts.extend(
            [
                "Jan3 and 5th of May, 1990s and 1980’s, on 5.12 at 11/5, -2019- a",
                "Mayéa caf\u{e9} Ωmega twenty½ ⅔ of ½ x²  a day a Year, A week",
                "thousandx septembers Septembe twenty-eight THOUSAND Wednesdays",
                "a year-long wait, three days after Christmas; New Year’s Eve 2022",
                "ſeptember K 2000s 20161016 September-2020-23 fifteenth",
                "x",
                "",
            ]
            .map(String::from),
        );
        for text in &texts {
            for base in [0, 3] {
                let padded = format!("{}{text}", " ".repeat(base));
                let tokens = tokens::tokenize_span(&padded, base, padded.len());
                let got = Triggers::of_tokens(text, base, tokens.of(0));
                assert_eq!(got, Triggers::of(text), "{text:?}");
            }
        }
        // Tokens of another text are not read: the bytes are.
        let other = "in June 2019 three days later";
        let tokens = tokens::tokenize_span(other, 0, other.len());
        let text = "on May 5";
        assert_eq!(
            Triggers::of_tokens(text, 0, tokens.of(0)),
            Triggers::of(text)
        );
    }

    #[test]
    fn windows_cover_triggers_and_merge() {
        let text = "x ".repeat(100) + "on June 3 and June 4 " + &"y ".repeat(100);
        let t = Triggers::of(&text);
        assert_eq!(t.windows.len(), 1);
        let (from, to) = t.windows[0];
        assert!(from < 200 && to > 221);
        assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
    }
}
