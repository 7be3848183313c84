//! The article as word and punctuation tokens, with their word classes and quotation marks.

use super::words::*;

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    /// End of the word without a possessive "'s".
    pub(super) end: usize,
    pub(super) word: bool,
    pub(super) cap: bool,
    pub(super) possessive: bool,
    /// Inside a direct quotation.
    pub(super) quoted: bool,
    /// For punctuation: the character.
    pub(super) punct: char,
    /// An opening quotation mark.
    pub(super) opens: bool,
    pub(super) class: Class,
}

impl Tok {
    pub(super) fn is(&self, class: Class) -> bool {
        self.class & class != 0
    }
}

/// The character at byte `at` (a char boundary) of `text`, with a fast path for ASCII.
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        None => None,
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text[at..].chars().next(),
    }
}

pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Curly quotes, dashes and the ellipsis sit in General Punctuation, which has no letter or
    // digit (a test checks every code point): news text is full of them, and the Unicode
    // table lookup for each one showed in the profile.
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

pub(super) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The top bit of each of the eight bytes packed in `bytes` that is an ASCII letter or digit.
pub(super) fn alphanumeric_bytes(bytes: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // With the top bits cleared no addition carries into the next byte: the top bit of
    // `low + ONES * (0x80 - x)` says that byte >= x.
    let low = bytes & !HIGH_BITS;
    let at_least = |value: u64, x: u8| value + ONES * u64::from(0x80 - x);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // Setting the 0x20 bit folds exactly the capitals onto the small letters.
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    (digit | letter) & !bytes & HIGH_BITS
}

/// Where the word going on at byte `end` stops: letters and digits, joined by a hyphen,
/// apostrophe, period or ampersand that has a letter or digit after it ("U.S", "co-op").
pub(super) fn word_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits, the common case, eight bytes at a time, then a byte at a
        // time up to the first other byte.
        while let Some(chunk) = bytes.get(end..end + 8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            let others = !alphanumeric_bytes(u64::from_le_bytes(eight)) & HIGH_BITS;
            if others != 0 {
                end += (others.trailing_zeros() / 8) as usize;
                break;
            }
            end += 8;
        }
        while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
        let Some(d) = char_at(text, end) else {
            return end;
        };
        if !d.is_ascii() && is_word_char(d) {
            end += d.len_utf8();
            continue;
        }
        if matches!(d, '-' | '\'' | '’' | '.' | '&') {
            let after = end + d.len_utf8();
            if char_at(text, after).is_some_and(is_word_char) {
                end = after;
                continue;
            }
        }
        return end;
    }
}

/// The length and `word_key` of the word starting at `start` when it is a plain one, as most
/// are: ASCII letters and digits, shorter than `LONGEST_WORD`, ended by an ASCII byte that
/// neither joins it to more ("co-op", "U.S", "AT&T") nor brings a period or a possessive into
/// it. One 16-byte load then gives both, where the general path scans the word a byte at a
/// time and loads it again for the key. The caller has checked that the first byte is a letter
/// or digit.
#[inline]
pub(super) fn plain_word(bytes: &[u8], start: usize) -> Option<(usize, u128)> {
    let sixteen: &[u8; 16] = bytes.get(start..start + 16)?.try_into().ok()?;
    let half = |from: usize| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&sixteen[from..from + 8]);
        u64::from_le_bytes(eight)
    };
    let (low, high) = (half(0), half(8));
    let others = |half: u64| !alphanumeric_bytes(half) & HIGH_BITS;
    // Letters and digits lowercase alike by setting their 0x20 bit (digits have it already),
    // so the word's bytes are lowercased and cut off together.
    const CASE: u64 = 0x2020_2020_2020_2020;
    let (len, key_low, key_high) = match others(low) {
        0 => {
            let ends = others(high);
            if ends == 0 {
                return None;
            }
            let len = 8 + ends.trailing_zeros() / 8;
            (len, low | CASE, (high | CASE) & bytes_below(ends))
        }
        ends => (
            ends.trailing_zeros() / 8,
            (low | CASE) & bytes_below(ends),
            0,
        ),
    };
    let len = len as usize;
    let next = sixteen[len & 15];
    if !next.is_ascii() || matches!(next, b'-' | b'\'' | b'.' | b'&') {
        return None;
    }
    let key = u128::from(key_low) | u128::from(key_high) << 64 | (len as u128) << 120;
    Some((len, key))
}

/// All the bits of the bytes below the first byte whose top bit `flags` has (it has one).
pub(super) fn bytes_below(flags: u64) -> u64 {
    ((flags & flags.wrapping_neg()) >> 7) - 1
}

/// The tokens that the later passes start from, in text order, found while tokenizing: most
/// tokens are neither, and scanning every token of every sentence for them showed in the
/// profile.
#[derive(Default)]
pub(super) struct Marks {
    /// Words that can open a name: capitalised, outside quotations, in no COMMON, TIME or
    /// CONNECTOR class (what `find_mentions` starts a run at).
    pub(super) names: Vec<usize>,
    /// Speech verbs and participles, quoted or not (what `attribution` starts at).
    pub(super) speech: Vec<usize>,
}

impl Marks {
    pub(super) fn clear(&mut self) {
        self.names.clear();
        self.speech.clear();
    }

    /// Mark the word about to be pushed as token `index`.
    #[inline]
    pub(super) fn word(&mut self, index: usize, class: Class, cap: bool, quoted: bool) {
        if class & (SPEECH | PARTICIPLE) != 0 {
            self.speech.push(index);
        }
        if cap && !quoted && class & (COMMON | TIME | CONNECTOR) == 0 {
            self.names.push(index);
        }
    }
}

/// The part of the marks `marks` (token indexes, ascending) that lies in `range`.
pub(super) fn marks_in(marks: &[usize], range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    marks.partition_point(|&m| m < range.start)..marks.partition_point(|&m| m < range.end)
}

/// Split the whole article into word and punctuation tokens, marking words inside direct
/// quotations. A quotation left open at a paragraph break ends there: news style reopens it on
/// the next paragraph.
pub(super) fn tokenize(text: &str, tokens: &mut Vec<Tok>, marks: &mut Marks) {
    tokens.clear();
    marks.clear();
    tokens.reserve(text.len() / 5 + 1);
    let word_classes = &*WORD_CLASS;
    let bytes = text.as_bytes();
    let class_of = |start: usize, len: usize| match word_key_at(bytes, start, len) {
        Some(key) => word_classes.get(key),
        None => 0,
    };
    let mut in_quote = false;
    let mut newlines = 0;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        // ASCII bytes, nearly all of them, are told apart without decoding a char.
        let c = match byte {
            b'\n' => {
                newlines += 1;
                if newlines >= 2 {
                    in_quote = false;
                }
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {
                i += 1;
                continue;
            }
            0x80.. => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                c
            }
            _ => {
                if byte.is_ascii_alphanumeric()
                    && let Some(mut word) = plain_word(bytes, i)
                {
                    newlines = 0;
                    // A run of plain words, each followed by one space, as most of the text
                    // is, is taken here without going back to the tests above for each byte.
                    loop {
                        let (len, key) = word;
                        let cap = bytes[i].is_ascii_uppercase();
                        let class = shouted(&bytes[i..i + len], cap, word_classes.get(key));
                        marks.word(tokens.len(), class, cap, in_quote);
                        tokens.push(Tok {
                            start: i,
                            end: i + len,
                            word: true,
                            cap,
                            possessive: false,
                            quoted: in_quote,
                            punct: ' ',
                            opens: false,
                            class,
                        });
                        i += len;
                        if bytes.get(i) != Some(&b' ') {
                            break;
                        }
                        i += 1;
                        match bytes.get(i) {
                            Some(next) if next.is_ascii_alphanumeric() => {}
                            _ => break,
                        }
                        match plain_word(bytes, i) {
                            Some(next) => word = next,
                            None => break,
                        }
                    }
                    continue;
                }
                char::from(byte)
            }
        };
        let width = c.len_utf8();
        newlines = 0;
        if is_word_char(c) {
            let start = i;
            let mut end = word_end(text, i + width);
            // "Mr." "Jr." "P." "U.S.": the period belongs to the word.
            if bytes.get(end) == Some(&b'.') {
                let word = &bytes[start..end];
                let single_capital = word.len() == 1 && byte.is_ascii_uppercase();
                if single_capital
                    || word.contains(&b'.')
                    || class_of(start, word.len()) & ABBREVIATION != 0
                {
                    end += 1;
                }
            }
            let mut word_end = end;
            let mut possessive = false;
            // Both suffixes end in "s": most words are done after one byte.
            let word = &bytes[start..end];
            if word.last() == Some(&b's') {
                for suffix in ["'s", "’s"] {
                    if word.ends_with(suffix.as_bytes()) && word.len() > suffix.len() {
                        word_end = end - suffix.len();
                        possessive = true;
                    }
                }
            }
            // A token word ends in at most one period (the one taken in above), so dropping it
            // is `classify`'s trim; the table is looked up once per article.
            let len = word_end - start - usize::from(bytes[word_end - 1] == b'.');
            let cap = c.is_uppercase();
            let class = shouted(&bytes[start..start + len], cap, class_of(start, len));
            marks.word(tokens.len(), class, cap, in_quote);
            tokens.push(Tok {
                start,
                end: word_end,
                word: true,
                cap,
                possessive,
                quoted: in_quote,
                punct: ' ',
                opens: false,
                class,
            });
            i = end;
            continue;
        }
        let mut quoted = in_quote;
        let mut opens = false;
        match c {
            '“' => {
                in_quote = true;
                quoted = true;
                opens = true;
            }
            '”' => in_quote = false,
            '"' => {
                opens = !in_quote;
                in_quote = !in_quote;
                quoted = true;
            }
            _ => {}
        }
        tokens.push(Tok {
            start: i,
            end: i + width,
            word: false,
            cap: false,
            possessive: false,
            quoted,
            punct: c,
            opens,
            class: 0,
        });
        i += width;
    }
}

/// `class` for `word`, except that a function word in capitals of three letters or more is an
/// acronym ("According to WHO"), not the word ("who").
#[inline]
fn shouted(word: &[u8], cap: bool, class: Class) -> Class {
    if cap
        && class & COMMON != 0
        && word.len() >= 3
        && word.get(1).is_some_and(u8::is_ascii_uppercase)
        && word.iter().all(u8::is_ascii_uppercase)
    {
        class & !COMMON
    } else {
        class
    }
}

pub(super) fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"')
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}

pub(super) fn token_text<'t>(text: &'t str, tok: &Tok) -> &'t str {
    &text[tok.start..tok.end]
}
