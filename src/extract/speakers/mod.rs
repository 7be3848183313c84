//! Who said it: quote attribution and speaker resolution across one article.
//!
//! A fact-checker logs a quote against the person (or body) who said it, by the full name the
//! article gives. Articles name a speaker once ("Sung Kim, the U.S. special envoy for North
//! Korea") and then refer back with "he said", "Mr. Kim", "the envoy" or "the agency". This
//! module tokenizes the article once, registers the people and organisations it names (with the
//! titles it gives them), finds the attribution of every sentence (a speech verb outside quotes
//! and its subject) and resolves that subject to a full name.
//!
//! The rules are heuristics about English news prose, not a parser: when a subject cannot be
//! resolved the sentence simply gets no speaker.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::Sentence;
use crate::extract::lexicon;

/// What the speaker pass found for one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceSpeech {
    /// The resolved speaker, full name as the article gives it.
    pub speaker: Option<String>,
    /// A person named in the sentence carries a title or position ("Sung Kim, the U.S. special
    /// envoy"; "Prime Minister Benjamin Netanyahu").
    pub names_role: bool,
    /// The sentence attributes its content to an unnamed, generic source ("analysts say").
    pub unnamed_source: bool,
    /// A speech verb outside quotes was found (even if its subject could not be resolved).
    pub has_attribution: bool,
}

// ---------------------------------------------------------------- word lists

const COMMON: u16 = 1;
const TITLE: u16 = 2;
const ORG: u16 = 4;
const PLACE: u16 = 8;
const TIME: u16 = 16;
/// Nouns for a body that "the X" can refer back to: "the agency said".
const GROUP: u16 = 32;
/// Singular nouns for a person's role: "the envoy said", "the real estate agent said".
const ROLE: u16 = 64;
/// Plural nouns for unnamed generic sources: "analysts say".
const GENERIC: u16 = 128;
/// Auxiliaries and adverbs that sit between a subject and its speech verb.
const SKIP: u16 = 256;
const CONNECTOR: u16 = 512;
const BE: u16 = 1024;
/// Speech verbs and "pointed" (from `lexicon::SPEECH_VERBS`), so the per-token scan is a bit test.
const SPEECH: u16 = 2048;
/// Speech participles ("saying") and "according".
const PARTICIPLE: u16 = 4096;
/// Abbreviations whose period belongs to the word (`ABBREVIATIONS`), so the tokenizer tests a
/// bit of the lookup it does anyway instead of comparing the word with each of them.
const ABBREVIATION: u16 = 8192;
/// A text that speaks for whoever issued it: "the statement said".
const DOCUMENT: u16 = 16384;
/// A place name of the gazetteer: a name made only of them is a place.
const GAZETTEER_PLACE: u16 = 32768;

/// A multiply-rotate hash of eight bytes at a time (as rustc's FxHasher): the article's
/// names are looked up for most mentions and speakers, and SipHash, then FNV's byte at a
/// time, showed in the profile.
#[derive(Default, Clone, Copy)]
struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for NameHasher {
    fn finish(&self) -> u64 {
        // The table's buckets come from the low bits, which the multiplications leave the
        // least mixed.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(eight));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(eight));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<NameHasher>>;

/// Hashes a packed word (`word_key`) with one wide multiply: the word tables are looked up
/// once per token of the article, so the lookup must cost a few instructions, not a few per
/// byte.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u128(&mut self, key: u128) {
        let folded = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let wide = u128::from(folded) * 0x2d35_8dcc_aa6c_78a5;
        self.0 = (wide as u64) ^ ((wide >> 64) as u64);
    }
}

/// Longest word in the word tables ("editor-in-chief"); longer words are in no table.
const LONGEST_WORD: usize = 15;

/// An ASCII word of at most `LONGEST_WORD` bytes, lowercased and packed into one integer with
/// its length in the top byte; `None` for anything else (no table word is longer or non-ASCII).
#[inline]
fn word_key(word: &[u8]) -> Option<u128> {
    if word.len() > LONGEST_WORD {
        return None;
    }
    let (head, tail) = word.split_at(word.len().min(8));
    let (low, high) = (load_le(head), load_le(tail));
    if (low | high) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let key =
        u128::from(lowercase_ascii_bytes(low)) | u128::from(lowercase_ascii_bytes(high)) << 64;
    Some(key | (word.len() as u128) << 120)
}

/// `word_key` of `bytes[start..start + len]`, without branching on the word's length when 16
/// bytes can be read from `start`: one 16-byte load, masked to the word. Word lengths vary
/// from token to token, and the branches of `load_le` on them were mispredicted.
#[inline]
fn word_key_at(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    let Some(wide) = bytes.get(start..start + 16) else {
        return word_key(bytes.get(start..start + len)?);
    };
    if len > LONGEST_WORD {
        return None;
    }
    let mut sixteen = [0u8; 16];
    sixteen.copy_from_slice(wide);
    let word = u128::from_le_bytes(sixteen) & ((1u128 << (8 * len)) - 1);
    let (low, high) = (word as u64, (word >> 64) as u64);
    if (low | high) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let key =
        u128::from(lowercase_ascii_bytes(low)) | u128::from(lowercase_ascii_bytes(high)) << 64;
    Some(key | (len as u128) << 120)
}

/// Up to eight bytes as a little-endian integer, zero-padded. Loaded straight from the slice
/// in at most two overlapping reads: copying the word through a buffer first stalled the CPU
/// on every word (a store-to-load forwarding failure).
fn load_le(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let u32_at = |from: usize| {
        bytes
            .get(from..from + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let u16_at = |from: usize| {
        bytes
            .get(from..from + 2)
            .and_then(|b| b.try_into().ok())
            .map_or(0, |b| u64::from(u16::from_le_bytes(b)))
    };
    match n {
        8.. => bytes
            .get(..8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes),
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        2..=3 => u16_at(0) | u16_at(n - 2) << (8 * (n - 2)),
        1 => u64::from(bytes[0]),
        _ => 0,
    }
}

/// ASCII-lowercase the eight ASCII bytes packed in `bytes` at once: a byte from `A` to `Z`
/// gets its 0x20 bit set.
fn lowercase_ascii_bytes(bytes: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // For ASCII bytes no addition carries into the next byte: the top bit of each byte of
    // `above_z` says byte > 'Z', of `from_a` that byte >= 'A'.
    let above_z = bytes + ONES * u64::from(0x7f - b'Z');
    let from_a = bytes + ONES * u64::from(0x80 - b'A');
    let upper = from_a & !above_z & (ONES * 0x80);
    bytes | (upper >> 2)
}

/// The word tables as one open-addressing table of packed keys: a lookup is a multiply, a
/// shift and usually one comparison. The arrays have a fixed size, so that a slot masked to
/// it needs no bounds check.
struct WordTable {
    keys: Box<[u128; WordTable::SIZE]>,
    classes: Box<[u16; WordTable::SIZE]>,
}

impl WordTable {
    /// log2 of the number of slots: about three per word keeps probes short.
    const BITS: u32 = 11;
    const SIZE: usize = 1 << Self::BITS;

    fn slot(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::BITS)) as usize
    }

    fn new(words: &HashMap<u128, u16, std::hash::BuildHasherDefault<KeyHasher>>) -> WordTable {
        let mut table = WordTable {
            keys: Box::new([0; Self::SIZE]),
            classes: Box::new([0; Self::SIZE]),
        };
        for (&key, &class) in words {
            let mut slot = Self::slot(key);
            while table.keys[slot] != 0 {
                slot = (slot + 1) & (Self::SIZE - 1);
            }
            table.keys[slot] = key;
            table.classes[slot] = class;
        }
        table
    }

    /// The classes of the word packed in `key`; 0 for a word in no table. An empty slot
    /// (key 0) ends the probe.
    fn get(&self, key: u128) -> u16 {
        let mut slot = Self::slot(key);
        loop {
            slot &= Self::SIZE - 1;
            match self.keys[slot] {
                found if found == key => return self.classes[slot],
                0 => return 0,
                _ => slot += 1,
            }
        }
    }
}

static WORD_CLASS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut map: HashMap<u128, u16, std::hash::BuildHasherDefault<KeyHasher>> = HashMap::default();
    let mut add = |class: u16, words: &str| {
        for word in words.split_whitespace() {
            if let Some(key) = word_key(word.as_bytes()) {
                *map.entry(key).or_default() |= class;
            }
        }
    };
    add(
        COMMON,
        "the a an in on at but and or however yet so if as after afterward afterwards before \
         during while when with without from for of to by this that these those there here it \
         its he she they we i you his her their our my your last next now then meanwhile \
         separately also still even although though because since until over under about \
         according more most some many several one two three four five six seven eight nine ten \
         both all each every no not another other such what who whom which where why how \
         instead despite among between into through against earlier later today yesterday \
         tomorrow tonight like just only once again already asked said says told added",
    );
    let mut add_list = |class: u16, list: &lexicon::List| {
        for word in list.words() {
            add(class, word);
        }
    };
    add_list(TIME, &lexicon::MONTHS);
    add_list(TIME, &lexicon::WEEKDAYS);
    add_list(TITLE, &lexicon::TITLES);
    add_list(ORG, &lexicon::ORGANISATION_CUES);
    add_list(PLACE, &lexicon::PLACE_CUES);
    add_list(GROUP, &lexicon::BODY_NOUNS);
    add_list(ROLE, &lexicon::ROLE_NOUNS);
    add_list(GENERIC, &lexicon::GENERIC_SOURCES);
    add_list(SPEECH, &lexicon::SPEECH_VERBS);
    add_list(PARTICIPLE, &lexicon::SPEECH_PARTICIPLES);
    add_list(DOCUMENT, &lexicon::DOCUMENTS);
    add_list(GAZETTEER_PLACE, &lexicon::PLACES);
    add(
        SKIP,
        "has have had also always already however then later reportedly previously repeatedly \
         recently once further sharply strongly bluntly publicly privately initially earlier \
         again never not just now would will could may might should did does do has been \
         often still even first last",
    );
    add(CONNECTOR, "of for the de du da von van bin al der la le");
    add(BE, "is are was were be been being");
    add(SPEECH, "pointed");
    add(PARTICIPLE, "according");
    for abbreviation in ABBREVIATIONS {
        add(ABBREVIATION, abbreviation);
    }
    // A month's short forms ("Sept.", "Nov.") keep their period.
    for month in lexicon::MONTHS.lines() {
        for short in &month[1..] {
            add(ABBREVIATION, short);
        }
    }
    WordTable::new(&map)
});

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    /// End of the word without a possessive "'s".
    end: usize,
    word: bool,
    cap: bool,
    possessive: bool,
    /// Inside a direct quotation.
    quoted: bool,
    /// For punctuation: the character.
    punct: char,
    /// An opening quotation mark.
    opens: bool,
    class: u16,
}

impl Tok {
    fn is(&self, class: u16) -> bool {
        self.class & class != 0
    }
}

/// Abbreviations whose period belongs to the word ("Mr.", "Jr.", "Gov.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "lt", "col", "gen", "gov", "sen", "sens", "rep",
    "reps", "sgt", "capt", "adm", "rev", "prof", "co", "inc", "corp", "ltd", "mt", "no", "maj",
    "ft", "vs",
];

#[inline]
fn classify(word: &str) -> u16 {
    match word_key(word.trim_end_matches('.').as_bytes()) {
        Some(key) => WORD_CLASS.get(key),
        None => 0,
    }
}

/// The character at byte `at` (a char boundary) of `text`, with a fast path for ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        None => None,
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text[at..].chars().next(),
    }
}

/// `word` lowercased, without trailing periods: borrowed when it has no capital, as most
/// words of the lowercase phrases it is asked for have none.
fn lowercase(word: &str) -> Cow<'_, str> {
    let word = word.trim_end_matches('.');
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// `lowercase(word) == lower` for an ASCII `lower`, without building the string for ASCII
/// words (nearly all of them). The lengths are compared first: most words asked about are
/// not the word asked for, and the periods are dropped by a byte test, not a char pattern.
#[inline]
fn lower_is(word: &str, lower: &str) -> bool {
    let periods = word.bytes().rev().take_while(|&b| b == b'.').count();
    let word = &word[..word.len() - periods];
    if word.len() == lower.len() && word.eq_ignore_ascii_case(lower) {
        return true;
    }
    // Outside ASCII only the Kelvin sign lowercases wholly to ASCII (to "k", a test checks
    // every char): no other word lowercases to an ASCII `lower`. Out of line, so that the
    // test inlines and folds for the constant words it is asked about.
    lower.contains('k') && lowercase_is(word, lower)
}

#[cold]
fn lowercase_is(word: &str, lower: &str) -> bool {
    !word.is_ascii() && word.to_lowercase() == lower
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Curly quotes, dashes and the ellipsis sit in General Punctuation, which has no letter or
    // digit (a test checks every code point): news text is full of them, and the Unicode
    // table lookup for each one showed in the profile.
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The top bit of each of the eight bytes packed in `bytes` that is an ASCII letter or digit.
fn alphanumeric_bytes(bytes: u64) -> u64 {
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
fn word_end(text: &str, mut end: usize) -> usize {
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
fn plain_word(bytes: &[u8], start: usize) -> Option<(usize, u128)> {
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
fn bytes_below(flags: u64) -> u64 {
    ((flags & flags.wrapping_neg()) >> 7) - 1
}

/// The tokens that the later passes start from, in text order, found while tokenizing: most
/// tokens are neither, and scanning every token of every sentence for them showed in the
/// profile.
#[derive(Default)]
struct Marks {
    /// Words that can open a name: capitalised, outside quotations, in no COMMON, TIME or
    /// CONNECTOR class (what `find_mentions` starts a run at).
    names: Vec<usize>,
    /// Speech verbs and participles, quoted or not (what `attribution` starts at).
    speech: Vec<usize>,
}

impl Marks {
    fn clear(&mut self) {
        self.names.clear();
        self.speech.clear();
    }

    /// Mark the word about to be pushed as token `index`.
    #[inline]
    fn word(&mut self, index: usize, class: u16, cap: bool, quoted: bool) {
        if class & (SPEECH | PARTICIPLE) != 0 {
            self.speech.push(index);
        }
        if cap && !quoted && class & (COMMON | TIME | CONNECTOR) == 0 {
            self.names.push(index);
        }
    }
}

/// The part of the marks `marks` (token indexes, ascending) that lies in `range`.
fn marks_in(marks: &[usize], range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    marks.partition_point(|&m| m < range.start)..marks.partition_point(|&m| m < range.end)
}

/// Split the whole article into word and punctuation tokens, marking words inside direct
/// quotations. A quotation left open at a paragraph break ends there: news style reopens it on
/// the next paragraph.
fn tokenize(text: &str, tokens: &mut Vec<Tok>, marks: &mut Marks) {
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
                        let class = word_classes.get(key);
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
            let (class, cap) = (class_of(start, len), c.is_uppercase());
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

fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}

// ---------------------------------------------------------------- mentions

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityKind {
    Person,
    Org,
    Place,
    Unknown,
}

/// A capitalised name in the text, classified.
#[derive(Debug, Clone)]
struct Mention<'t> {
    /// Token range of the whole capitalised run.
    first: usize,
    last: usize,
    kind: EntityKind,
    /// The name a checker logs: the person's name without titles, or the body's name.
    name: &'t str,
    possessive: bool,
    /// A title or position given with the name ("special envoy", "Gov."): a range of the
    /// article's title list, which holds the titles of every mention, so that a mention costs
    /// no allocation of its own.
    titles: std::ops::Range<usize>,
}

fn token_text<'t>(text: &'t str, tok: &Tok) -> &'t str {
    &text[tok.start..tok.end]
}

fn is_name_word(tok: &Tok) -> bool {
    tok.word && tok.cap && !tok.is(COMMON | TIME)
}

fn is_all_caps(word: &str) -> bool {
    // Called for every word: stop at the first lowercase letter, most often the first byte,
    // or for a capitalised word the second.
    let bytes = word.as_bytes();
    if bytes.iter().take(2).any(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn is_suffix(word: &str) -> bool {
    matches!(word, "Jr." | "Sr." | "Jr" | "Sr" | "II" | "III" | "IV")
}

/// Person-name-like token: capitalised, not a title, organisation, place or function word.
fn is_person_part(text: &str, tok: &Tok) -> bool {
    let word = token_text(text, tok);
    is_name_word(tok)
        && !tok.is(TITLE | ORG | PLACE | CONNECTOR)
        && !is_all_caps(word)
        && !word.bytes().any(|b| b.is_ascii_digit() || b == b'/')
}

/// Short forms of titles, with the title they stand for.
const SHORT_TITLES: &[(&str, &str)] = &[
    ("gov", "governor"),
    ("sen", "senator"),
    ("sens", "senator"),
    ("rep", "representative"),
    ("reps", "representative"),
    ("gen", "general"),
    ("lt", "lieutenant"),
    ("col", "colonel"),
    ("dr", "doctor"),
    ("prof", "professor"),
    ("co-founder", "founder"),
];

/// Could an ASCII word without trailing periods be a short form (by its length)?
fn may_be_short_title(trimmed: &str) -> bool {
    trimmed.len() <= 4 || trimmed.len() == "co-founder".len()
}

/// The title an ASCII word without trailing periods is the short form of, whatever its case.
fn full_title(trimmed: &str) -> Option<&'static str> {
    if !may_be_short_title(trimmed) {
        return None;
    }
    SHORT_TITLES
        .iter()
        .find(|(short, _)| trimmed.eq_ignore_ascii_case(short))
        .map(|&(_, full)| full)
}

/// The title `word` gives, lowercased. Borrowed from the text when the word is lowercase
/// already, as most title words are: a string per title word showed in the profile.
fn normalise_title(word: &str) -> Cow<'_, str> {
    let trimmed = word.trim_end_matches('.');
    if !trimmed.is_ascii() {
        // No short form lowercases from a word outside ASCII.
        return Cow::Owned(trimmed.to_lowercase());
    }
    if let Some(full) = full_title(trimmed) {
        Cow::Borrowed(full)
    } else if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(trimmed.to_ascii_lowercase())
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// Titles are kept as the article writes them ("Gov.", "Special") and compared as
/// `normalise_title` gives them, without making the lowercase string: most titles are only
/// ever compared, and many are capitalised. Is `title` the lowercase title `lower`?
fn title_is(title: &str, lower: &str) -> bool {
    let trimmed = title.trim_end_matches('.');
    if !trimmed.is_ascii() {
        return normalise_title(title) == lower;
    }
    match full_title(trimmed) {
        Some(full) => full == lower,
        // `lower` has no capital: equal ignoring case is equal once lowercased.
        None => trimmed.eq_ignore_ascii_case(lower),
    }
}

/// Does `title` name a role ("envoy", "Gov."), not just a form of address ("Mr.", "Dr.")?
fn is_role_title(title: &str) -> bool {
    let trimmed = title.trim_end_matches('.');
    if !trimmed.is_ascii() {
        let title = normalise_title(title);
        return classify(&title) & TITLE != 0
            && !matches!(&*title, "mr" | "mrs" | "ms" | "miss" | "doctor" | "sir");
    }
    let title = full_title(trimmed).unwrap_or(trimmed);
    classify(title) & TITLE != 0
        && !["mr", "mrs", "ms", "miss", "doctor", "sir"]
            .iter()
            .any(|address| title.eq_ignore_ascii_case(address))
}

/// Find the capitalised runs of `tokens[range]` outside quotations, classify them and push
/// them to `mentions`, their titles (with those of an appositive for a person) to `titles`.
/// `starts` are the words of the range that can open a run (`Marks::names`).
fn find_mentions<'t>(
    text: &'t str,
    tokens: &[Tok],
    range: std::ops::Range<usize>,
    starts: &[usize],
    mentions: &mut Vec<Mention<'t>>,
    titles: &mut Vec<&'t str>,
) {
    let mut i = range.start;
    for &first in starts {
        // A word inside the run before opens nothing.
        if first < i {
            continue;
        }
        let mut last = first;
        let mut j = first + 1;
        // A possessive ends a name ("Korea's Kim Gunn") unless a body's name goes on
        // ("the U.S. Attorney's Office for the Western District").
        while j < range.end
            && (!tokens[last].possessive || (tokens[j].cap && tokens[j].is(ORG) && tokens[j].word))
        {
            let next = &tokens[j];
            if next.quoted {
                break;
            }
            if is_name_word(next) && !next.is(CONNECTOR) {
                last = j;
                j += 1;
                continue;
            }
            // "Food and Drug Administration", "Department of Health and Human Services",
            // "Centers for Disease Control and Prevention": "and" inside a body's name. The
            // words after it end in a body's word that the words before it lack, or one word
            // that is not a body's follows a body's word. "United Nations and European Union"
            // and "Greg Patel and Susan Wu" stay two.
            if next.word && !next.cap && token_text(text, next) == "and" {
                let mut k = j + 1;
                while k < range.end
                    && is_name_word(&tokens[k])
                    && !tokens[k].is(CONNECTOR)
                    && !tokens[k].quoted
                {
                    k += 1;
                }
                if k > j + 1 {
                    let end = k - 1;
                    let body_word = |t: &Tok| t.is(ORG) && !is_all_caps(token_text(text, t));
                    let shared_head = body_word(&tokens[end]) && !tokens[last].is(ORG);
                    let one_more_word =
                        end == j + 1 && tokens[last].is(ORG) && !tokens[end].is(ORG);
                    if shared_head || one_more_word {
                        last = end;
                        j = k;
                        continue;
                    }
                }
            }
            // "Doctors for Camp Closure", "Pacific Gas & Electric": a connector inside a name.
            let connector = (next.word && next.is(CONNECTOR) && !next.cap) || next.punct == '&';
            // "Alex Horton of the Washington Post", "Wee of the Times", "Dr. Joneigh Khaldun
            // of the Michigan Department ...": a person's name ends where "of the" gives where
            // they work; a body's name ("Bank of the West") has a body's word before it.
            let of_the = connector
                && lower_is(token_text(text, next), "of")
                && tokens
                    .get(j + 1)
                    .is_some_and(|t| t.word && lower_is(token_text(text, t), "the"));
            if of_the
                && tokens[first..=last]
                    .iter()
                    .all(|t| is_person_part(text, t) || (t.is(TITLE) && !t.is(ORG)))
                && is_person_part(text, &tokens[last])
            {
                break;
            }
            if connector && j + 1 < range.end {
                let mut k = j + 1;
                // "Office for the Western District": allow "for the".
                if tokens[k].word && tokens[k].is(CONNECTOR) && !tokens[k].cap {
                    k += 1;
                }
                if k < range.end && is_name_word(&tokens[k]) && !tokens[k].quoted {
                    last = k;
                    j = k + 1;
                    continue;
                }
            }
            break;
        }
        // "Prosecutors told reporters", "Analysts say": a common noun capitalised only because
        // it opens the sentence is not a name.
        let opens_sentence = first == range.start
            || (first > range.start
                && !tokens[first - 1].word
                && is_quote_mark(tokens[first - 1].punct));
        // "Buttressed by the success ...", "Facing him ...": an opening participle.
        let word = token_text(text, &tokens[first]);
        let participle = (word.ends_with("ed") || word.ends_with("ing"))
            && word.len() > 5
            && tokens
                .get(first + 1)
                .is_some_and(|t| t.word && t.is(COMMON) && !t.is(SPEECH));
        let common_noun = tokens[first].is(GROUP | ROLE | GENERIC);
        if !(first == last && opens_sentence && (common_noun || participle)) {
            let mut mention = classify_run(text, tokens, first, last, range.start, titles);
            if mention.kind == EntityKind::Person {
                appositive_titles(text, tokens, &mention, &range, titles);
                mention.titles.end = titles.len();
            }
            mentions.push(mention);
        }
        i = last + 1;
    }
}

fn classify_run<'t>(
    text: &'t str,
    tokens: &[Tok],
    first: usize,
    last: usize,
    sentence_start: usize,
    titles: &mut Vec<&'t str>,
) -> Mention<'t> {
    let run = &tokens[first..=last];
    let possessive = tokens[last].possessive;
    // The person's name is the tail of the run: "Israeli Prime Minister [Benjamin Netanyahu]".
    let mut tail_start = last + 1;
    let mut k = last as isize;
    if is_suffix(token_text(text, &tokens[last])) {
        k -= 1;
    }
    while k >= first as isize && is_person_part(text, &tokens[k as usize]) {
        tail_start = k as usize;
        k -= 1;
    }
    let mut tail_len = (last + 1).saturating_sub(tail_start);
    let mut before_tail_is_connector = tail_start > first
        && (tokens[tail_start - 1].is(CONNECTOR) || tokens[tail_start - 1].punct == '&');
    // "Secretary of State Antony Blinken", "Minister of Finance Nirmala Sitharaman": a title
    // whose object ran into the name; the name is the last two words.
    if before_tail_is_connector && tail_len >= 3 && tokens[first].is(TITLE) {
        tail_start += tail_len - 2;
        tail_len = 2;
        before_tail_is_connector = false;
    }
    let has_org = run.iter().any(|t| t.is(ORG));
    let has_place = run.iter().any(|t| t.is(PLACE));
    let has_title = tokens[first..tail_start.min(last + 1)]
        .iter()
        .any(|t| t.is(TITLE));
    // Lowercase role words just before the run: "Commerzbank analyst [Carsten Fritsch]".
    let mut w = first;
    while w > sentence_start && first - w < 4 {
        let before = &tokens[w - 1];
        if !before.word || before.is(COMMON) || before.quoted {
            break;
        }
        w -= 1;
    }
    let preceded_by_group_noun = first > sentence_start
        && tokens[first - 1].word
        && tokens[first - 1].is(GROUP)
        && !tokens[first - 1].cap;
    let window_has_title = tokens[w..first].iter().any(|t| t.is(TITLE));
    let name_of = |from: usize| &text[tokens[from].start..tokens[last].end];
    // A full name ("Benjamin Netanyahu"), or one word with a title before it ("Mr. Kim",
    // "analyst Fritsch").
    let full_name = tail_len >= 2 && !before_tail_is_connector && !preceded_by_group_noun;
    let titled_surname = tail_len == 1
        && !before_tail_is_connector
        && !has_org
        && ((tail_start > first && has_title) || (tail_start == first && window_has_title));
    let acronym = first == last && {
        let word = token_text(text, &tokens[first]);
        is_all_caps(word) && !COMMON_ACRONYMS.contains(&word)
    };
    let (kind, name) = if full_name || titled_surname {
        (EntityKind::Person, name_of(tail_start.min(last)))
    } else if has_org || before_tail_is_connector || preceded_by_group_noun || acronym {
        (EntityKind::Org, name_of(first))
    } else if has_place {
        (EntityKind::Place, name_of(first))
    } else {
        (EntityKind::Unknown, name_of(first))
    };
    // Titles only matter for people: built only for them, prefix words first, then the
    // words before the run from the nearest outwards.
    let titles_start = titles.len();
    if kind == EntityKind::Person {
        let prefix = tokens[first..tail_start.min(last + 1)]
            .iter()
            .filter(|t| t.word);
        let window = tokens[w..first].iter().rev();
        titles.extend(prefix.chain(window).map(|t| token_text(text, t)));
    }
    Mention {
        first,
        last,
        kind,
        name,
        possessive,
        titles: titles_start..titles.len(),
    }
}

/// Push the titles given in an appositive: "Sung Kim, the U.S. special envoy for North
/// Korea," or "South Korea's nuclear envoy, Kim Gunn,".
fn appositive_titles<'t>(
    text: &'t str,
    tokens: &[Tok],
    mention: &Mention,
    range: &std::ops::Range<usize>,
    titles: &mut Vec<&'t str>,
) {
    let words_of = |from: usize, to: usize, titles: &mut Vec<&'t str>| {
        titles.extend(
            tokens[from..to]
                .iter()
                .filter(|t| t.word)
                .map(|t| token_text(text, t)),
        );
    };
    // After: ", the/a/an ... ,"
    let after = mention.last + 1;
    if after + 1 < range.end && tokens[after].punct == ',' {
        let det = &tokens[after + 1];
        let word = token_text(text, det);
        if det.word
            && ["the", "a", "an", "who", "now"]
                .iter()
                .any(|lower| lower_is(word, lower))
        {
            let mut end = after + 2;
            while end < range.end && tokens[end].word && end - after < 12 {
                end += 1;
            }
            words_of(after + 2, end, titles);
        }
    }
    // Before: "the ... envoy, NAME"
    if mention.first >= range.start + 2 && tokens[mention.first - 1].punct == ',' {
        let mut from = mention.first - 1;
        while from > range.start && tokens[from - 1].word && mention.first - from < 10 {
            from -= 1;
        }
        words_of(from, mention.first - 1, titles);
    }
}

// ---------------------------------------------------------------- registry

#[derive(Debug, Default)]
struct Person<'t> {
    name: &'t str,
    /// As written (see `title_is`), those of every mention: a title given twice is only
    /// ever asked whether it is there, and finding the ones given already cost more than
    /// keeping them.
    titles: Vec<&'t str>,
    /// Byte positions where the person is mentioned, ascending.
    mentions: Vec<usize>,
}

#[derive(Debug, Default)]
struct Org<'t> {
    name: &'t str,
    words: Vec<Cow<'t, str>>,
    mentions: Vec<usize>,
}

#[derive(Debug, Default)]
struct Registry<'t> {
    people: Vec<Person<'t>>,
    orgs: Vec<Org<'t>>,
    /// The article, for the acronyms it defines: found only when an all-capitals name must be
    /// expanded, which most articles never ask for.
    text: &'t str,
    tokens: &'t [Tok],
    acronyms: std::cell::OnceCell<FastMap<String, &'t str>>,
    /// Indexes, so that a long text costs time in proportion to its length.
    person_index: FastMap<&'t str, usize>,
    org_index: FastMap<&'t str, usize>,
    /// Full names (two words or more) by surname.
    by_surname: FastMap<&'t str, Vec<usize>>,
    /// Full names by their first word: "Li" for "Li Jifeng", whose family name comes first,
    /// and "Hunter" for "Hunter Biden" where a story uses the given name.
    by_first_word: FastMap<&'t str, Vec<usize>>,
}

fn surname_of(name: &str) -> &str {
    name.split_whitespace()
        .rev()
        .find(|w| !is_suffix(w))
        .unwrap_or(name)
}

/// `text` without any number of leading `prefix`es, as `trim_start_matches` gives, without
/// setting up its substring searcher.
fn trim_prefixes<'a>(mut text: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = text.strip_prefix(prefix) {
        text = rest;
    }
    text
}

/// The latest mention before `position`, or failing that how far after it the first one is.
fn recency(mentions: &[usize], position: usize) -> Option<(bool, usize)> {
    let index = mentions.partition_point(|&m| m < position);
    if index > 0 {
        Some((true, mentions[index - 1]))
    } else {
        mentions.first().map(|&m| (false, m))
    }
}

/// The number of chars of `text`, without decoding them when it is ASCII.
fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// Rank candidates: mentioned before `position` beats mentioned after; later before beats
/// earlier before; earlier after beats later after.
fn best_by_recency<'r, T>(
    candidates: impl Iterator<Item = &'r T>,
    mentions: impl Fn(&T) -> &[usize],
    position: usize,
) -> Option<&'r T>
where
    T: 'r,
{
    let mut best: Option<(&T, (bool, i64))> = None;
    for candidate in candidates {
        if let Some((before, at)) = recency(mentions(candidate), position) {
            let key = (before, if before { at as i64 } else { -(at as i64) });
            if best.as_ref().is_none_or(|(_, k)| key > *k) {
                best = Some((candidate, key));
            }
        }
    }
    best.map(|(c, _)| c)
}

impl<'t> Registry<'t> {
    fn is_person(&self, name: &str) -> bool {
        self.person_index.contains_key(name)
    }

    fn add_person(&mut self, name: &'t str, titles: &[&'t str], position: usize) {
        if let Some(person) = self.person_index.get(name).map(|&i| &mut self.people[i]) {
            person.mentions.push(position);
            person.titles.extend_from_slice(titles);
            return;
        }
        self.person_index.insert(name, self.people.len());
        if name.contains(' ') {
            self.by_surname
                .entry(surname_of(name))
                .or_default()
                .push(self.people.len());
            if let Some(first) = name.split_whitespace().next() {
                self.by_first_word
                    .entry(first)
                    .or_default()
                    .push(self.people.len());
            }
        }
        self.people.push(Person {
            name,
            titles: titles.to_vec(),
            mentions: vec![position],
        });
    }

    fn add_org(&mut self, name: &'t str, position: usize) {
        let name = trim_prefixes(trim_prefixes(name, "the "), "The ");
        if let Some(&index) = self.org_index.get(name) {
            self.orgs[index].mentions.push(position);
            return;
        }
        self.org_index.insert(name, self.orgs.len());
        self.orgs.push(Org {
            name,
            words: name.split_whitespace().map(lowercase).collect(),
            mentions: vec![position],
        });
    }

    fn finish(&mut self) {
        for person in &mut self.people {
            person.mentions.sort_unstable();
        }
        for org in &mut self.orgs {
            org.mentions.sort_unstable();
        }
    }

    /// A multi-word name for a single word: "Kim" -> "Sung Kim", "Arroyo" -> "Luz Contreras
    /// Arroyo". Only full names (two words or more) qualify.
    fn person_by_surname(&self, word: &str, position: usize) -> Option<&Person<'t>> {
        // A surname first; failing that the one full name that opens with the word.
        let indexes = match self.by_surname.get(word) {
            Some(indexes) => indexes,
            None => self.by_first_word.get(word).filter(|i| i.len() == 1)?,
        };
        best_by_recency(
            indexes.iter().map(|&i| &self.people[i]),
            |p| &p.mentions,
            position,
        )
    }

    fn person_by_title(
        &self,
        head: &str,
        modifiers: &[Cow<str>],
        position: usize,
    ) -> Option<&Person<'t>> {
        // Only a word for a position can pick a person out: "the envoy", not "the group".
        if classify(head) & (TITLE | ROLE) == 0 {
            return None;
        }
        let head = normalise_title(head);
        // "The premier" is how a prime minister is referred back to.
        let also = match &*head {
            "premier" => "prime",
            "governor" => "gov",
            _ => "",
        };
        let matching: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| {
                p.name.contains(' ')
                    && p.titles
                        .iter()
                        .any(|t| title_is(t, &head) || (!also.is_empty() && title_is(t, also)))
            })
            .collect();
        if matching.is_empty() {
            return None;
        }
        // Prefer the people whose titles share the most modifiers ("defense secretary").
        let score = |p: &Person| {
            modifiers
                .iter()
                .filter(|m| p.titles.iter().any(|t| title_is(t, m)))
                .count()
        };
        let top = matching.iter().map(|p| score(p)).max().unwrap_or(0);
        best_by_recency(
            matching.into_iter().filter(|p| score(p) == top),
            |p| &p.mentions,
            position,
        )
    }

    /// A body whose name shares a word with `word` ("the doctors" -> "Doctors for Camp
    /// Closure", "prosecutors" -> "Swedish Prosecution Authority"), or with a word that
    /// names the same people ("physicians" for doctors, "attorney" for prosecutors).
    fn org_by_word(&self, word: &str, position: usize) -> Option<&Org<'t>> {
        const SAME_PEOPLE: &[(&str, &str)] = &[
            ("prosecutor", "attorney"),
            ("physician", "doctor"),
            ("doctor", "physician"),
        ];
        let word = word.trim_end_matches('s');
        if char_count(word) < 4 {
            return None;
        }
        // A stem is the first six characters, with how many characters a word needs to share
        // it; counted once, not for every word of every body.
        fn stem(w: &str) -> (&str, usize) {
            let end = w.char_indices().nth(6).map_or(w.len(), |(at, _)| at);
            (&w[..end], char_count(&w[..end]).min(5))
        }
        let mut stems = vec![stem(word)];
        for (from, to) in SAME_PEOPLE {
            if word == *from {
                stems.push(stem(to));
            }
        }
        let shares = |w: &Cow<str>| {
            let w = w.trim_end_matches('s');
            let count = char_count(w);
            stems.iter().any(|(prefix, needed)| {
                count >= *needed && (w.starts_with(prefix) || prefix.starts_with(w) && count >= 5)
            })
        };
        best_by_recency(
            self.orgs.iter().filter(|o| o.words.iter().any(shares)),
            |o| &o.mentions,
            position,
        )
    }

    /// A body whose full name begins with `phrase` ("U.S. attorney's office" -> "U.S.
    /// Attorney’s Office for the Western District of New York").
    fn org_by_prefix(&self, phrase: &str, position: usize) -> Option<&Org<'t>> {
        let fold = |s: &str| s.to_lowercase().replace('’', "'");
        let phrase = fold(phrase);
        if phrase.len() < 6 {
            return None;
        }
        best_by_recency(
            self.orgs
                .iter()
                .filter(|o| fold(o.name).starts_with(&phrase)),
            |o| &o.mentions,
            position,
        )
    }

    fn org_named(&self, name: &str) -> Option<&Org<'t>> {
        self.org_index.get(name).map(|&i| &self.orgs[i])
    }

    fn latest_org_before(&self, position: usize) -> Option<&Org<'t>> {
        best_by_recency(self.orgs.iter(), |o| &o.mentions, position)
            .filter(|o| o.mentions.first().is_some_and(|&m| m < position))
    }

    fn expand(&self, name: &'t str) -> Cow<'t, str> {
        if is_all_caps(name) {
            let key: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
            let acronyms = self
                .acronyms
                .get_or_init(|| build_acronyms(self.text, self.tokens));
            if let Some(full) = acronyms.get(&key) {
                return Cow::Borrowed(full);
            }
        }
        // "Amnesty" for "Amnesty International".
        let longer = self
            .orgs
            .iter()
            .find(|o| o.name.starts_with(name) && o.name[name.len()..].starts_with(' '));
        match longer {
            Some(org) if !name.contains(' ') => Cow::Borrowed(org.name),
            _ => Cow::Borrowed(name),
        }
    }
}

/// Acronyms defined by the text itself: any capitalised sequence ("Customs and Border
/// Protection") whose initials spell an all-capitals word used in the article ("CBP").
fn build_acronyms<'t>(text: &'t str, tokens: &[Tok]) -> FastMap<String, &'t str> {
    let mut used: FastMap<String, ()> = FastMap::default();
    // The first characters of the acronyms used (ASCII ones as bits): a run whose first
    // initial is none of them defines nothing, and most runs are such.
    let mut first_initials: u128 = 0;
    let mut non_ascii_initial = false;
    let bytes = text.as_bytes();
    for tok in tokens {
        if !tok.word || tok.end - tok.start > 8 {
            continue;
        }
        // A small letter among the first two bytes rules out most words before any char of
        // them is decoded (a token word has one byte at least).
        let second = bytes.get(tok.start + 1).filter(|_| tok.end - tok.start > 1);
        if bytes[tok.start].is_ascii_lowercase() || second.is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let word = token_text(text, tok);
        if is_all_caps(word) {
            let key: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
            match key.chars().next() {
                Some(c) if c.is_ascii() => first_initials |= 1 << u32::from(c),
                Some(_) => non_ascii_initial = true,
                None => {}
            }
            used.insert(key, ());
        }
    }
    let may_open_acronym = |c: char| {
        if c.is_ascii() {
            first_initials >> u32::from(c) & 1 == 1
        } else {
            non_ascii_initial
        }
    };
    let mut map = FastMap::default();
    if used.is_empty() {
        return map;
    }
    // Reused for every capitalised run: most runs are one word and define nothing.
    let mut words: Vec<usize> = Vec::new();
    let mut initials = String::new();
    let mut initial_ends: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !(tokens[i].word && tokens[i].cap && !tokens[i].is(COMMON)) {
            i += 1;
            continue;
        }
        let mut j = i;
        words.clear();
        words.push(i);
        while j + 2 < tokens.len() {
            let next = &tokens[j + 1];
            let joins = next.punct == '&'
                || (next.word
                    && !next.cap
                    && (next.is(CONNECTOR) || token_text(text, next) == "and"));
            if next.word && next.cap && !next.is(COMMON) {
                j += 1;
                words.push(j);
            } else if joins && tokens[j + 2].word && tokens[j + 2].cap {
                j += 2;
                words.push(j);
            } else {
                break;
            }
        }
        let opens = token_text(text, &tokens[i])
            .chars()
            .next()
            .is_some_and(may_open_acronym);
        if words.len() >= 2 && opens {
            // The initials of the whole run once; those of its first `end` words are a prefix.
            initials.clear();
            initial_ends.clear();
            for &w in &words {
                if let Some(first) = token_text(text, &tokens[w]).chars().next() {
                    initials.push(first);
                }
                initial_ends.push(initials.len());
            }
            for end in (2..=words.len()).rev() {
                let initials = &initials[..initial_ends[end - 1]];
                if used.contains_key(initials) && !map.contains_key(initials) {
                    // "Pacific Gas & Electric Co." for "PG&E": keep the corporate suffix.
                    let mut last = words[end - 1];
                    if end < words.len()
                        && matches!(
                            token_text(text, &tokens[words[end]]),
                            "Co." | "Inc." | "Corp." | "Ltd." | "LLC" | "Co" | "Inc"
                        )
                    {
                        last = words[end];
                    }
                    let full = &text[tokens[words[0]].start..tokens[last].end];
                    map.insert(initials.to_string(), full);
                }
            }
        }
        i = j + 1;
    }
    map
}

// ---------------------------------------------------------------- attribution

/// A noun phrase found as the subject of a speech verb, before resolution. Its text is
/// borrowed from the article: subjects are found for every attributed sentence, and most are
/// never the speaker.
#[derive(Debug, Clone)]
enum Subject<'t> {
    /// A capitalised name (index into the sentence's mentions).
    Name(usize),
    /// "he", "she", "it", "they".
    Pronoun(&'static str),
    /// A lowercase noun phrase: determiner, words (the last is the head), possessor text.
    Phrase {
        determiner: Option<&'static str>,
        words: Vec<Cow<'t, str>>,
        possessor: Option<&'t str>,
        /// The capitalised name among the modifiers ("the French foreign ministry", "PG&E
        /// officials").
        named: Option<&'t str>,
        text: &'t str,
    },
}

struct SentenceView<'a> {
    text: &'a str,
    tokens: &'a [Tok],
    range: std::ops::Range<usize>,
    mentions: &'a [Mention<'a>],
}

impl<'a> SentenceView<'a> {
    fn word(&self, i: usize) -> &'a str {
        token_text(self.text, &self.tokens[i])
    }

    // Mentions are found left to right and never overlap, so they are sorted by position and
    // a binary search finds one: a linear scan per token made a long sentence quadratic.
    fn mention_ending_at(&self, i: usize) -> Option<usize> {
        self.mentions.binary_search_by_key(&i, |m| m.last).ok()
    }

    fn mention_at(&self, i: usize) -> Option<usize> {
        let m = self.mentions.partition_point(|m| m.last < i);
        (m < self.mentions.len() && self.mentions[m].first <= i).then_some(m)
    }

    /// Step left from `i` over auxiliaries and adverbs ("has already said").
    fn skip_left(&self, mut i: usize) -> Option<usize> {
        loop {
            let tok = &self.tokens[i];
            let adverb = tok.word
                && !tok.cap
                && ((tok.is(SKIP) && self.mention_at(i).is_none()) || self.word(i).ends_with("ly"));
            if adverb {
                if i == self.range.start {
                    return None;
                }
                i -= 1;
            } else {
                return Some(i);
            }
        }
    }

    /// The subject of a verb at `verb`, looking left.
    fn subject_before(&self, verb: usize) -> Option<Subject<'a>> {
        if verb == self.range.start {
            return None;
        }
        let mut i = self.skip_left(verb - 1)?;
        let mut hops = 0;
        loop {
            let tok = self.tokens[i];
            if tok.quoted && !tok.word {
                return None;
            }
            if tok.word && !tok.quoted {
                let word = self.word(i);
                if lower_is(word, "who") || lower_is(word, "which") {
                    // "Sung Kim, who said": the antecedent.
                    let mut k = i.checked_sub(1)?;
                    if self.tokens[k].punct == ',' {
                        k = k.checked_sub(1)?;
                    }
                    if k < self.range.start {
                        return None;
                    }
                    i = k;
                    continue;
                }
                return self.noun_phrase_ending_at(i);
            }
            if (tok.punct == ',' || is_dash(tok.punct)) && hops < 2 {
                hops += 1;
                // An appositive or an aside between commas: "Scissors, who consults with
                // officials, said"; "Carlineo's attorney, Sonya Zoghlin, said".
                let mut k = i;
                let mut opening = None;
                while k > self.range.start {
                    k -= 1;
                    let t = &self.tokens[k];
                    if t.punct == tok.punct || (is_dash(tok.punct) && is_dash(t.punct)) {
                        opening = Some(k);
                        break;
                    }
                    if !t.word && is_quote_mark(t.punct) {
                        break;
                    }
                }
                let opening = opening?;
                let inner = opening + 1..i;
                if inner.is_empty() {
                    return None;
                }
                if let Some(m) = self.mention_at(inner.start) {
                    let mention = &self.mentions[m];
                    if mention.kind == EntityKind::Person && mention.last + 1 == inner.end {
                        return Some(Subject::Name(m));
                    }
                }
                if opening == self.range.start {
                    return None;
                }
                i = self.skip_left(opening - 1)?;
                continue;
            }
            return None;
        }
    }

    /// The noun phrase whose last word is token `i`.
    fn noun_phrase_ending_at(&self, i: usize) -> Option<Subject<'a>> {
        let tok = self.tokens[i];
        // The pronouns are COMMON words: the class rules out the others at once.
        if let Some(pronoun) = pronoun(self.word(i)).filter(|_| tok.is(COMMON)) {
            return Some(Subject::Pronoun(pronoun));
        }
        if let Some(m) = self.mention_ending_at(i) {
            // Coordination: "The United Nations and European Union stressed" -> the first.
            let mention = &self.mentions[m];
            if mention.first >= self.range.start + 2
                && self.word(mention.first - 1) == "and"
                && let Some(previous) = self.mention_ending_at(mention.first - 2)
            {
                return Some(Subject::Name(previous));
            }
            if mention.possessive {
                return None;
            }
            // "Joneigh Khaldun of the Michigan Department ... says", "Wee of the Times
            // reports": the person, not where they work.
            let mut k = mention.first;
            if k > self.range.start + 1 && lower_is(self.word(k - 1), "the") {
                k -= 1;
            }
            if k > self.range.start + 1
                && lower_is(self.word(k - 1), "of")
                && let Some(person) = self.mention_ending_at(k - 2)
                && self.mentions[person].kind == EntityKind::Person
                && !self.mentions[person].possessive
            {
                return Some(Subject::Name(person));
            }
            return Some(Subject::Name(m));
        }
        if tok.cap && tok.is(COMMON) {
            return None;
        }
        // A lowercase phrase: walk left to a determiner or a stop.
        let mut words = Vec::new();
        let mut possessor = None;
        let mut determiner = None;
        let mut named = None;
        let mut content_start = i;
        let mut k = i;
        loop {
            let t = self.tokens[k];
            if !t.word || t.quoted {
                break;
            }
            let w = self.word(k);
            // The determiners are all COMMON words: the class rules out the others at once.
            if let Some(article) = ["the", "a", "an", "his", "her", "its", "their"]
                .into_iter()
                .find(|article| t.is(COMMON) && lower_is(w, article))
            {
                determiner = Some(article);
                break;
            }
            if t.possessive {
                let mut from = self
                    .mention_ending_at(k)
                    .map_or(k, |m| self.mentions[m].first);
                // "the U.S. attorney's office": the name before the possessive word too.
                if from == k
                    && k > self.range.start
                    && let Some(m) = self.mention_ending_at(k - 1)
                {
                    from = self.mentions[m].first;
                }
                possessor = Some(&self.text[self.tokens[from].start..t.end]);
                content_start = from;
                break;
            }
            if t.is(COMMON | BE | SPEECH) {
                break;
            }
            if let Some(m) = self.mention_ending_at(k) {
                // "The Wikileaks founder", "The French foreign ministry": a name as modifier.
                let mention = &self.mentions[m];
                words.push(lowercase(mention.name));
                named = Some(mention.name);
                content_start = mention.first;
                if mention.first <= self.range.start || words.len() > 5 {
                    break;
                }
                k = mention.first - 1;
                continue;
            }
            words.push(lowercase(w));
            content_start = k;
            if k == self.range.start || words.len() > 5 {
                break;
            }
            k -= 1;
        }
        if words.is_empty() || words.len() > 5 {
            return None;
        }
        words.reverse();
        // Coordination: "Holcomb and GOP legislative leaders touted" -> Holcomb.
        if determiner.is_none()
            && possessor.is_none()
            && content_start >= self.range.start + 2
            && self.word(content_start - 1) == "and"
            && let Some(previous) = self.mention_ending_at(content_start - 2)
            && !self.mentions[previous].possessive
        {
            return Some(Subject::Name(previous));
        }
        let text = &self.text[self.tokens[content_start].start..self.tokens[i].end];
        Some(Subject::Phrase {
            determiner,
            words,
            possessor,
            named,
            text,
        })
    }

    /// The subject after an inverted verb: "..., said Avi Bell, senior fellow" or "said
    /// another witness, former White House Russia adviser Fiona Hill".
    fn subject_after(&self, verb: usize) -> Option<Subject<'a>> {
        let mut i = verb + 1;
        let mut segment_has_words = false;
        let mut best: Option<usize> = None;
        while i < self.range.end {
            let tok = &self.tokens[i];
            if tok.quoted && tok.word {
                break;
            }
            if !tok.word {
                if matches!(tok.punct, '.' | ';' | ':' | '!' | '?') || is_quote_mark(tok.punct) {
                    break;
                }
                if tok.punct == ',' {
                    if best.is_some() {
                        break;
                    }
                    if segment_has_words {
                        segment_has_words = false;
                    }
                }
                i += 1;
                continue;
            }
            segment_has_words = true;
            if let Some(m) = self.mention_at(i) {
                if !self.mentions[m].possessive {
                    best = Some(m);
                }
                i = self.mentions[m].last + 1;
                continue;
            }
            // "said Marcelo Claure in an email ... reviewed by Reuters", "said a WeWork
            // spokesperson when contacted by Reuters": the name the verb is followed by; a
            // word that is no title ends the subject.
            if best.is_some() && !tok.cap && !tok.is(TITLE | ROLE) {
                break;
            }
            let word = self.word(i);
            if i == verb + 1
                && ["the", "his", "her", "its"]
                    .iter()
                    .any(|d| lower_is(word, d))
            {
                // "said the president": a phrase up to the next punctuation.
                let mut end = i + 1;
                while end < self.range.end
                    && self.tokens[end].word
                    && !self.tokens[end].is(COMMON)
                    && self.mention_at(end).is_none()
                {
                    end += 1;
                }
                if end > i + 1 && (end == self.range.end || !self.tokens[end].word) {
                    return self.noun_phrase_ending_at(end - 1);
                }
            }
            if i == verb + 1
                && let Some(pronoun) = pronoun(word)
            {
                return Some(Subject::Pronoun(pronoun));
            }
            if lower_is(word, "who") || lower_is(word, "which") {
                break;
            }
            i += 1;
        }
        best.map(Subject::Name)
    }
}

/// Per-sentence state the resolver keeps while walking the article.
/// Names are borrowed from the article (as `Cow`s: a few are made up, "the doctors"), and
/// only the speakers that are kept become strings: a sentence resolves several candidates, and
/// remembers the person it is about.
struct Walk<'r> {
    registry: &'r Registry<'r>,
    /// The person each earlier sentence is mostly about (its speaker or its first person).
    salient_people: Vec<Option<Cow<'r, str>>>,
    /// The last body that spoke.
    last_org_speaker: Option<Cow<'r, str>>,
    /// The last body that spoke under a plural common noun ("the doctors said").
    last_group_speaker: Option<Cow<'r, str>>,
    /// The speaker of the last sentence that had one.
    last_speaker: Option<Cow<'r, str>>,
}

impl<'r> Walk<'r> {
    fn full_person_name(&self, mention: &Mention<'r>, position: usize) -> Cow<'r, str> {
        if !mention.name.contains(' ') {
            let bare = trim_prefixes(mention.name, "Mr. ");
            if let Some(person) = self.registry.person_by_surname(bare, position) {
                return Cow::Borrowed(person.name);
            }
        }
        Cow::Borrowed(mention.name)
    }

    fn recent_salient_person(&self) -> Option<Cow<'r, str>> {
        self.salient_people
            .iter()
            .rev()
            .take(4)
            .find_map(|p| p.clone())
    }

    fn resolve(
        &self,
        view: &SentenceView<'r>,
        subject: &Subject<'r>,
        position: usize,
        before_token: usize,
    ) -> Option<Cow<'r, str>> {
        match subject {
            Subject::Name(m) => {
                let mention = &view.mentions[*m];
                match mention.kind {
                    EntityKind::Person => Some(self.full_person_name(mention, position)),
                    EntityKind::Org => Some(self.registry.expand(mention.name)),
                    EntityKind::Place | EntityKind::Unknown => {
                        if let Some(person) =
                            self.registry.person_by_surname(mention.name, position)
                        {
                            return Some(Cow::Borrowed(person.name));
                        }
                        // "authorities in Beijing announced": a place does not speak.
                        if is_gazetteer_place(mention.name) {
                            return None;
                        }
                        Some(self.registry.expand(mention.name))
                    }
                }
            }
            Subject::Pronoun(pronoun) => match *pronoun {
                "he" | "she" => {
                    // A person named earlier in the same sentence, outside quotes.
                    let same = view.mentions.iter().find(|m| {
                        m.kind == EntityKind::Person && !m.possessive && m.last < before_token
                    });
                    if let Some(mention) = same {
                        return Some(self.full_person_name(mention, position));
                    }
                    self.recent_salient_person()
                }
                "it" => self.last_org_speaker.clone().or_else(|| {
                    self.registry
                        .latest_org_before(position)
                        .map(|o| self.registry.expand(o.name))
                }),
                _ => None,
            },
            Subject::Phrase {
                determiner,
                words,
                possessor,
                named,
                text,
            } => {
                let head = words.last()?;
                let head_class = classify(head);
                let modifiers = &words[..words.len() - 1];
                let the = *determiner == Some("the");
                // "Carlineo's attorney": the person introduced with that title; "Russia's
                // foreign ministry", "the prosecutor's office": named as written.
                if let Some(owner) = possessor {
                    if let Some(org) = self.registry.org_by_prefix(text, position) {
                        return Some(Cow::Borrowed(org.name));
                    }
                    // "The prosecutor's office": the prosecutors' body named in the article.
                    let owner_word = lowercase(owner.trim_end_matches("'s").trim_end_matches("’s"));
                    if head_class & GROUP != 0
                        && !owner_word.contains(' ')
                        && let Some(org) = self.registry.org_by_word(&owner_word, position)
                    {
                        return Some(Cow::Borrowed(org.name));
                    }
                    if head_class & ROLE != 0
                        && let Some(person) =
                            self.registry.person_by_title(head, modifiers, position)
                    {
                        return Some(Cow::Borrowed(person.name));
                    }
                    return Some(Cow::Borrowed(text));
                }
                // "His office said": the office of the person the sentence is about.
                if matches!(determiner, Some("his" | "her")) && head_class & GROUP != 0 {
                    let owner = self.recent_salient_person()?;
                    let mut noun = head.to_string();
                    if let Some(first) = noun.get_mut(0..1) {
                        first.make_ascii_uppercase();
                    }
                    return Some(Cow::Owned(format!("{noun} of {owner}")));
                }
                // "The defense secretary said": the person introduced with that title.
                if determiner.is_some()
                    && let Some(person) = self.registry.person_by_title(head, modifiers, position)
                {
                    return Some(Cow::Borrowed(person.name));
                }
                // "The French foreign ministry said": a body named by the phrase itself.
                if named.is_some() && head_class & GROUP != 0 {
                    return Some(Cow::Borrowed(text));
                }
                // "PG&E officials said": the body they speak for; "Beijing officials" are not
                // Beijing, and are logged as written.
                let singular = head.strip_suffix('s').unwrap_or(head);
                if let Some(name) = named.filter(|name| is_gazetteer_place(name))
                    && head.ends_with('s')
                    && (head_class & GENERIC != 0 || classify(singular) & ROLE != 0)
                {
                    return Some(Cow::Owned(format!("{name} {head}")));
                }
                // "The statement said": whoever spoke last issued it.
                if head_class & DOCUMENT != 0 && determiner.is_some() && modifiers.is_empty() {
                    return self.last_speaker.clone();
                }
                if let Some(name) = named
                    && head.ends_with('s')
                    && (head_class & GENERIC != 0 || classify(singular) & ROLE != 0)
                {
                    return Some(self.registry.expand(name));
                }
                // "The utilities commission", "the doctors", "prosecutors": a body named
                // earlier with the same word.
                let org_by_word = self.registry.org_by_word(head, position);
                if let Some(org) = org_by_word.filter(|o| o.mentions[0] < position) {
                    return Some(self.registry.expand(org.name));
                }
                // "The agency said": the body named last, unless its name says it is another
                // kind of body ("the ministry said" after "Charles University").
                if head_class & GROUP != 0 && the && modifiers.is_empty() {
                    // The body that spoke last, not one it spoke about ("The group announced
                    // that WeWork had reached an agreement with JLL. The group said ...").
                    if let Some(org) = self.last_org_speaker.as_deref()
                        && let Some(org) = self.registry.org_named(org)
                        && !other_kind_of_body(org, head)
                    {
                        return Some(self.registry.expand(org.name));
                    }
                    if let Some(org) = self.registry.latest_org_before(position)
                        && !other_kind_of_body(org, head)
                    {
                        return Some(self.registry.expand(org.name));
                    }
                }
                if let Some(org) = org_by_word {
                    return Some(self.registry.expand(org.name));
                }
                if !the {
                    return None;
                }
                // "The real estate agent said": the person the text is about.
                if head_class & ROLE != 0 {
                    return self.recent_salient_person();
                }
                // "The physicians stated", after the group of physicians spoke: that group.
                // Otherwise "the authors" is definite, resolvable by the reader, and logged as
                // written.
                if head.ends_with('s') && classify(singular) & ROLE != 0 {
                    return self
                        .last_group_speaker
                        .clone()
                        .or_else(|| Some(Cow::Owned(format!("the {}", words.join(" ")))));
                }
                None
            }
        }
    }
}

/// Capitals that name a thing, a measure or a title, not a body that could speak: "its AI
/// processors" must not make "the company said" mean "AI".
const COMMON_ACRONYMS: &[&str] = &[
    "AI", "GDP", "CEO", "CFO", "COO", "CTO", "IPO", "TV", "EV", "EVs", "GPU", "GPUs", "CPU", "DNA",
    "RNA", "HIV", "AIDS", "COVID", "PM", "AM", "GMT", "EST", "EDT", "PST", "PDT", "UTC", "ID",
    "IT", "IQ", "OK", "PDF", "URL", "SUV", "ATM", "VAT", "LNG", "MP", "MPs", "CO2",
];

/// Words that make an organisation's name say what kind of body it is.
const KINDS_OF_BODY: &[&str] = &[
    "ministry",
    "university",
    "college",
    "school",
    "hospital",
    "museum",
    "church",
    "court",
    "police",
    "army",
    "navy",
    "embassy",
    "parliament",
    "senate",
    "congress",
    "house",
    "bank",
    "party",
    "union",
];

/// Does `org`'s name name a kind of body that a phrase headed by `head` ("ministry",
/// "agency") cannot mean?
fn other_kind_of_body(org: &Org<'_>, head: &str) -> bool {
    let head = head.to_ascii_lowercase();
    let kinds: Vec<&str> = org
        .words
        .iter()
        .filter_map(|w| {
            let w = w.to_ascii_lowercase();
            KINDS_OF_BODY.iter().copied().find(|kind| *kind == w)
        })
        .collect();
    !kinds.is_empty()
        && !kinds
            .iter()
            .any(|kind| head.starts_with(kind) || kind.starts_with(&head))
}

/// Is `name` a place of the gazetteer ("Beijing", "New Delhi", "South Korea"), made only of
/// place words with one of the gazetteer's among them?
fn is_gazetteer_place(name: &str) -> bool {
    let mut gazetteer = false;
    for word in name.split_whitespace() {
        let class = classify(word);
        if class & (GAZETTEER_PLACE | PLACE) == 0 {
            return false;
        }
        gazetteer |= class & GAZETTEER_PLACE != 0;
    }
    gazetteer
}

/// The subject pronoun `word` is, lowercased.
fn pronoun(word: &str) -> Option<&'static str> {
    ["he", "she", "it", "they"]
        .into_iter()
        .find(|pronoun| lower_is(word, pronoun))
}

fn is_speech_verb(view: &SentenceView, i: usize) -> bool {
    let tok = &view.tokens[i];
    // The class test first: it fails for nearly every token, punctuation included.
    if !tok.is(SPEECH) || !tok.word || tok.quoted || tok.cap && i != view.range.start {
        return false;
    }
    // The SPEECH class is the speech verbs plus "pointed", and only ASCII words have a class.
    let word = view.word(i);
    if lower_is(word, "pointed") {
        // "pointed out".
        return i + 1 < view.range.end && lower_is(view.word(i + 1), "out");
    }
    // Passive "was told", "is said", "so-called"; "pleaded guilty".
    if i > view.range.start {
        let before = &view.tokens[i - 1];
        if before.word && before.is(BE) {
            return false;
        }
    }
    if lower_is(word, "pleaded") && i + 1 < view.range.end && lower_is(view.word(i + 1), "guilty") {
        return false;
    }
    // "news reports", "the claims": a plural noun unless a name, a pronoun or a break comes
    // before it ("Reuters reports", "it claims", ", reports Reuters") or "that" after it.
    if lexicon::line_of(&lexicon::AMBIGUOUS_SPEECH_VERBS, word).is_some() && i > view.range.start {
        let before = &view.tokens[i - 1];
        let that_follows = i + 1 < view.range.end && lower_is(view.word(i + 1), "that");
        let after_noun =
            before.word && !before.cap && pronoun(view.word(i - 1)).is_none() && !before.is(SKIP);
        if after_noun && !that_follows {
            return false;
        }
    }
    // "Marsh wrote 214 checks to herself", "wrote a book": writing a thing, not words said;
    // "wrote in a letter", "wrote that" still attribute.
    if (lower_is(word, "wrote") || lower_is(word, "writes")) && i + 1 < view.range.end {
        let next = view.word(i + 1);
        if next.starts_with(|c: char| c.is_ascii_digit())
            || [
                "a", "an", "the", "his", "her", "their", "its", "two", "three", "dozens",
            ]
            .iter()
            .any(|object| lower_is(next, object))
        {
            return false;
        }
    }
    true
}

/// Find the attribution of one sentence. Returns the subject, whether one was attributed at
/// all, and the verb's token index.
/// What `attribution` found: subjects in order of preference, the verb whose sentence subject
/// to fall back on, and whether the sentence attributes anything at all.
struct Attribution<'a> {
    candidates: Vec<(Subject<'a>, usize)>,
    /// Only looked for when no candidate resolves: the search builds a noun phrase, and most
    /// attributed sentences never need it.
    last_resort: Option<usize>,
    attributed: bool,
}

/// `speech`: the sentence's speech verbs and participles (`Marks::speech`).
fn attribution<'a>(view: &SentenceView<'a>, speech: &[usize]) -> Attribution<'a> {
    // Every way of attributing starts at a speech verb or participle: most sentences have
    // none and are done here.
    if speech.is_empty() {
        return Attribution {
            candidates: Vec::new(),
            last_resort: None,
            attributed: false,
        };
    }
    let verbs: Vec<usize> = speech
        .iter()
        .copied()
        .filter(|&i| is_speech_verb(view, i))
        .collect();
    let mut candidates: Vec<(Subject<'a>, usize)> = Vec::new();
    // A trailing attribution (", X said." closing the sentence) frames the whole sentence;
    // otherwise the first speech verb is the main one.
    let last_break = view
        .range
        .clone()
        .rev()
        .find(|&i| {
            let t = &view.tokens[i];
            !t.word && (t.punct == ',' || matches!(t.punct, '”' | '"'))
        })
        .unwrap_or(view.range.start);
    let mut trailing = None;
    if let Some(&verb) = verbs.iter().find(|&&v| v > last_break) {
        let short_subject = verb - last_break <= 8;
        let short_rest = view.range.end - verb <= 6;
        if last_break > view.range.start && short_subject && short_rest {
            trailing = Some(verb);
        }
    }
    let trailing_attribution = trailing.is_some();
    for verb in trailing.into_iter().chain(verbs.iter().copied()) {
        let before = (verb > view.range.start).then(|| &view.tokens[verb - 1]);
        let after_quote = before.is_some_and(|b| !b.word && is_quote_mark(b.punct));
        let after_comma = before.is_some_and(|b| !b.word && matches!(b.punct, ',' | ':'));
        let at_start = before.is_none();
        // "“...,” said Hill": the subject follows. "Hill, a teacher, said": it precedes, and an
        // inverted reading is only tried when that fails.
        let mut found =
            |subject: Option<Subject<'a>>| candidates.extend(subject.map(|s| (s, verb)));
        // Whoever follows "told" is the one told ("told Reuters"): it is never inverted.
        let told = ["told", "tells", "tell"]
            .iter()
            .any(|w| lower_is(view.word(verb), w));
        if told {
            found(view.subject_before(verb));
        } else if after_quote || at_start {
            found(view.subject_after(verb));
            found(view.subject_before(verb));
        } else if after_comma && names_follow(view, verb) {
            // "..., said Serene Gregg, local president of the union.": a name right after
            // the verb is the speaker, whatever the clause before it opens with.
            found(view.subject_after(verb));
            found(view.subject_before(verb));
        } else if after_comma {
            found(view.subject_before(verb));
            found(view.subject_after(verb));
        } else {
            found(view.subject_before(verb));
        }
    }
    // "according to Amnesty International"; a participle "with Safadi warning", "..., saying".
    for &i in speech {
        let tok = &view.tokens[i];
        if !tok.word || tok.quoted || !tok.is(PARTICIPLE) {
            continue;
        }
        // The PARTICIPLE class is the speech participles plus "according".
        let according = lower_is(view.word(i), "according");
        if according && i + 2 < view.range.end && lower_is(view.word(i + 1), "to") {
            candidates.extend(according_to(view, i + 2).map(|s| (s, i)));
        }
        if !according && i > view.range.start {
            if let Some(m) = view.mention_ending_at(i - 1) {
                candidates.push((Subject::Name(m), i));
                continue;
            }
            if verbs.is_empty() {
                candidates.extend(sentence_subject(view, i).map(|s| (s, i)));
            }
        }
    }
    // Last resort for a speech verb whose own subject was not understood ("The doctors
    // offering to run the clinic noted ..."; "Another diplomat, former envoy Kurt Volker,
    // shifted his account to say ..."): the subject the sentence opens with.
    // Not for a trailing attribution: ", prosecutors said." names its own subject.
    let last_resort = verbs.first().copied().filter(|_| !trailing_attribution);
    let attributed = !candidates.is_empty() || !verbs.is_empty();
    Attribution {
        candidates,
        last_resort,
        attributed,
    }
}

/// Does a person's name, or a body's, follow speech verb `verb` directly ("said Juan Perez")?
fn names_follow(view: &SentenceView, verb: usize) -> bool {
    verb + 1 < view.range.end
        && view.mention_at(verb + 1).is_some_and(|m| {
            let mention = &view.mentions[m];
            !mention.possessive && matches!(mention.kind, EntityKind::Person | EntityKind::Org)
        })
}

/// The source named after "according to" (from token `from`): a name ("according to Amnesty
/// International", "according to data from MarketAxess") or a phrase the article resolves
/// ("according to the analyst").
fn according_to<'a>(view: &SentenceView<'a>, from: usize) -> Option<Subject<'a>> {
    let mut end = None;
    for k in from..view.range.end.min(from + 6) {
        let tok = &view.tokens[k];
        if !tok.word || tok.quoted {
            break;
        }
        if let Some(m) = view.mention_at(k) {
            let mention = &view.mentions[m];
            return (mention.kind != EntityKind::Place && !is_gazetteer_place(mention.name))
                .then_some(Subject::Name(m));
        }
        // "data from", "figures from", "a report by": the source is further on.
        if ["from", "by", "of"]
            .iter()
            .any(|w| lower_is(view.word(k), w))
        {
            end = None;
            continue;
        }
        if tok.is(COMMON) {
            if end.is_some() {
                break;
            }
            continue;
        }
        end = Some(k);
    }
    view.noun_phrase_ending_at(end?)
}

/// Last word of the first noun phrase of the sentence ("The utilities commission").
fn first_noun_end(view: &SentenceView) -> Option<usize> {
    let mut i = view.range.start;
    while i < view.range.end && !view.tokens[i].word {
        i += 1;
    }
    let mut last = None;
    while i < view.range.end {
        let tok = &view.tokens[i];
        let word = view.word(i);
        // "The doctors offering ...", "Two people briefed ...": a participle ends the phrase.
        let participle =
            !tok.cap && last.is_some() && (word.ends_with("ing") || word.ends_with("ed"));
        if !tok.word
            || tok.quoted
            || tok.is(BE)
            || participle
            || (i > view.range.start && tok.is(COMMON) && last.is_some())
        {
            break;
        }
        last = Some(i);
        i += 1;
    }
    last
}

/// The subject a sentence opens with, before token `before`: a person or body named in
/// apposition to the opening phrase ("Another diplomat, former envoy Kurt Volker,"), a name
/// opening the sentence, or the opening noun phrase itself ("The doctors").
fn sentence_subject<'a>(view: &SentenceView<'a>, before: usize) -> Option<Subject<'a>> {
    let end = first_noun_end(view)?;
    if end >= before {
        return None;
    }
    if let Some(m) = view.mention_at(end) {
        let mention = &view.mentions[m];
        return (!mention.possessive && mention.kind != EntityKind::Place)
            .then_some(Subject::Name(m));
    }
    // "Another diplomat, former special envoy to Ukraine Kurt Volker, shifted": the name
    // closing the appositive.
    if end + 1 < before && view.tokens[end + 1].punct == ',' {
        let mut k = end + 2;
        while k < before && view.tokens[k].word {
            k += 1;
        }
        if k < before
            && view.tokens[k].punct == ','
            && let Some(m) = view.mention_ending_at(k - 1)
            && matches!(view.mentions[m].kind, EntityKind::Person | EntityKind::Org)
        {
            return Some(Subject::Name(m));
        }
    }
    view.noun_phrase_ending_at(end).filter(|s| {
        !matches!(
            s,
            Subject::Phrase {
                possessor: Some(_),
                ..
            }
        )
    })
}

/// Resolve the speaker of every sentence of `text`. `units` are the claim spans (byte ranges)
/// in text order; boilerplate sentences are passed with `skip` set and get nothing.
pub fn resolve(text: &str, sentences: &[Sentence], skip: &[bool]) -> Vec<SentenceSpeech> {
    thread_local! {
        /// The token buffer, kept from one article to the next: allocating and freeing a
        /// buffer of an article's size each time cost more than filling it.
        static TOKENS: std::cell::Cell<(Vec<Tok>, Marks)> =
            const { std::cell::Cell::new((Vec::new(), Marks { names: Vec::new(), speech: Vec::new() })) };
    }
    let (mut tokens, mut marks) = TOKENS.take();
    tokenize(text, &mut tokens, &mut marks);
    let speech = resolve_tokens(text, sentences, skip, &tokens, &marks);
    // A huge article's buffer is not worth keeping.
    if tokens.capacity() <= 1 << 20 {
        TOKENS.set((tokens, marks));
    }
    speech
}

fn resolve_tokens(
    text: &str,
    sentences: &[Sentence],
    skip: &[bool],
    tokens: &[Tok],
    marks: &Marks,
) -> Vec<SentenceSpeech> {
    // The first token starting at or after `at`. Sentences come in text order and are a few
    // dozen tokens long, so the search gallops on from the last answer (which is often the
    // answer again) instead of halving the whole article; an offset before the last answer
    // (sentences out of order) takes the whole binary search.
    let mut cursor = 0;
    let mut first_token_from = |at: usize| {
        if cursor > 0 && tokens[cursor - 1].start >= at {
            cursor = tokens.partition_point(|t| t.start < at);
            return cursor;
        }
        // All tokens before `cursor` start before `at`; double the step while that holds.
        let mut step = 1;
        while cursor + step <= tokens.len() && tokens[cursor + step - 1].start < at {
            cursor += step;
            step *= 2;
        }
        let end = (cursor + step).min(tokens.len());
        cursor += tokens[cursor..end].partition_point(|t| t.start < at);
        cursor
    };
    let ranges: Vec<std::ops::Range<usize>> = sentences
        .iter()
        .map(|s| first_token_from(s.start)..first_token_from(s.end))
        .collect();
    // Pass 1: every name in the article, with its titles, so that "Pompeo" and "the doctors"
    // can be resolved even where the full name comes later.
    // Room for a name every 32 tokens or so, as news prose has: growing the indexes showed in
    // the profile.
    let names = tokens.len() / 32 + 8;
    let mut registry = Registry {
        text,
        tokens,
        person_index: FastMap::with_capacity_and_hasher(names, Default::default()),
        org_index: FastMap::with_capacity_and_hasher(names, Default::default()),
        by_surname: FastMap::with_capacity_and_hasher(names, Default::default()),
        by_first_word: FastMap::with_capacity_and_hasher(names, Default::default()),
        ..Registry::default()
    };
    // The mentions of every sentence, one after the other (`sentence_mentions` says where
    // each sentence's are), and the titles of all of them.
    // Reserved for about a mention per eight tokens (news prose has one per fifteen or so):
    // growing them showed in the profile.
    let mut mentions: Vec<Mention> = Vec::with_capacity(tokens.len() / 8);
    let mut titles: Vec<&str> = Vec::with_capacity(tokens.len() / 8);
    let mut sentence_mentions: Vec<std::ops::Range<usize>> = Vec::with_capacity(sentences.len());
    for (index, range) in ranges.iter().enumerate() {
        let first = mentions.len();
        if !skip.get(index).copied().unwrap_or(false) {
            let starts = &marks.names[marks_in(&marks.names, range)];
            find_mentions(
                text,
                tokens,
                range.clone(),
                starts,
                &mut mentions,
                &mut titles,
            );
        }
        for mention in &mentions[first..] {
            let position = tokens[mention.first].start;
            match mention.kind {
                // "Prince Andrew", "President Trump": a single name given with a title is a
                // person's too, so that "Andrew" alone later is that person.
                EntityKind::Person if mention.name.contains(' ') || !mention.titles.is_empty() => {
                    registry.add_person(mention.name, &titles[mention.titles.clone()], position);
                }
                EntityKind::Org => registry.add_org(mention.name, position),
                _ => {}
            }
        }
        sentence_mentions.push(first..mentions.len());
    }
    // Single names count as mentions of the full name they stand for, and make a surname
    // ("Netanyahu", "Sondland") a person for "he said".
    registry.finish();
    let mut extra_mentions: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
    for mention in mentions.iter_mut() {
        if mention.name.contains(' ')
            || !matches!(mention.kind, EntityKind::Person | EntityKind::Unknown)
        {
            continue;
        }
        let position = tokens[mention.first].start;
        if registry.by_surname.contains_key(mention.name)
            || registry.is_person(mention.name)
            || registry
                .by_first_word
                .get(mention.name)
                .is_some_and(|people| people.len() == 1)
        {
            mention.kind = EntityKind::Person;
        }
        if let Some(person) = registry
            .person_by_surname(mention.name, position)
            .and_then(|p| registry.person_index.get(&p.name).copied())
        {
            extra_mentions.push((person, position, mention.titles.clone()));
        }
    }
    for (person, position, range) in extra_mentions {
        let person = &mut registry.people[person];
        person.mentions.push(position);
        person.titles.extend_from_slice(&titles[range]);
    }
    registry.finish();

    // Pass 2: attribution, in text order.
    let mut walk = Walk {
        registry: &registry,
        salient_people: Vec::with_capacity(sentences.len()),
        last_org_speaker: None,
        last_group_speaker: None,
        last_speaker: None,
    };
    let mut results = vec![SentenceSpeech::default(); sentences.len()];
    for (index, range) in ranges.iter().enumerate() {
        if skip.get(index).copied().unwrap_or(false) || range.is_empty() {
            walk.salient_people.push(None);
            continue;
        }
        let view = SentenceView {
            text,
            tokens,
            range: range.clone(),
            mentions: &mentions[sentence_mentions[index].clone()],
        };
        let Attribution {
            candidates,
            last_resort,
            attributed,
        } = attribution(&view, &marks.speech[marks_in(&marks.speech, range)]);
        let position = tokens[range.start].start;
        let mut speaker = None;
        let mut subject = None;
        let mut unnamed = false;
        // The first candidate that resolves to a person or a named body wins; a bare unknown
        // word ("Israel") only when nothing better is found.
        let mut fallback = None;
        for (candidate, verb) in &candidates {
            let Some(resolved) = walk.resolve(&view, candidate, position, *verb) else {
                if let Subject::Phrase {
                    words, determiner, ..
                } = candidate
                {
                    let head = words.last().map_or("", |w| &**w);
                    unnamed |= classify(head) & GENERIC != 0 && determiner.is_none();
                }
                continue;
            };
            let weak = matches!(candidate, Subject::Name(m)
                if matches!(view.mentions[*m].kind, EntityKind::Unknown | EntityKind::Place)
                    && !registry.is_person(&resolved));
            if weak {
                if fallback.is_none() {
                    fallback = Some((resolved, candidate.clone()));
                }
                continue;
            }
            speaker = Some(resolved);
            subject = Some(candidate.clone());
            break;
        }
        if speaker.is_none()
            && let Some(verb) = last_resort
            && let Some(candidate) = sentence_subject(&view, verb)
            && let Some(resolved) = walk.resolve(&view, &candidate, position, verb)
        {
            speaker = Some(resolved);
            subject = Some(candidate);
        }
        if speaker.is_none()
            && let Some((resolved, candidate)) = fallback
        {
            speaker = Some(resolved);
            subject = Some(candidate);
        }
        if speaker.is_some() {
            unnamed = false;
        }
        let names_role = view.mentions.iter().any(|m| {
            m.kind == EntityKind::Person
                && titles[m.titles.clone()].iter().any(|t| is_role_title(t))
        });
        // Who this sentence is about, for a later "he said".
        let salient = speaker
            .clone()
            .filter(|s| {
                registry.is_person(s)
                    || matches!(&subject, Some(Subject::Pronoun(p)) if *p == "he" || *p == "she")
                    || matches!(&subject, Some(Subject::Name(m)) if view.mentions[*m].kind == EntityKind::Person)
            })
            .or_else(|| {
                view.mentions
                    .iter()
                    .find(|m| m.kind == EntityKind::Person && !m.possessive)
                    .map(|m| walk.full_person_name(m, position))
            });
        if let (Some(s), Some(Subject::Name(m))) = (&speaker, &subject)
            && view.mentions[*m].kind == EntityKind::Org
        {
            walk.last_org_speaker = Some(s.clone());
        }
        if let (Some(s), Some(Subject::Phrase { words, .. })) = (&speaker, &subject)
            && !registry.is_person(s)
        {
            walk.last_org_speaker = Some(s.clone());
            if words.last().is_some_and(|w| w.ends_with('s')) && !s.starts_with("the ") {
                walk.last_group_speaker = Some(s.clone());
            }
        }
        if speaker.is_some() {
            walk.last_speaker = speaker.clone();
        }
        walk.salient_people.push(salient);
        results[index] = SentenceSpeech {
            speaker: speaker.map(Cow::into_owned),
            names_role,
            unnamed_source: unnamed,
            has_attribution: attributed,
        };
    }

    // Pass 3: quotation sentences with no attribution of their own belong to the speaker of
    // the quotation they continue: the sentence where the quotation closes, else the one
    // before.
    for index in 0..sentences.len() {
        if results[index].speaker.is_some() || skip.get(index).copied().unwrap_or(false) {
            continue;
        }
        let range = &ranges[index];
        if range.is_empty() || results[index].has_attribution {
            continue;
        }
        let first = &tokens[range.start];
        let starts_quoted = first.quoted;
        if !starts_quoted {
            continue;
        }
        // Forward: the quotation continues into the next sentences and closes with a speaker.
        let mut found = None;
        // The quotation is still open after a sentence when the next token is inside it.
        let open_after =
            |r: &std::ops::Range<usize>| tokens.get(r.end).is_some_and(|t| t.quoted && !t.opens);
        let mut open = open_after(range);
        let mut next = index + 1;
        while open && next < sentences.len() && next <= index + 3 {
            if skip.get(next).copied().unwrap_or(false) {
                break;
            }
            if let Some(speaker) = &results[next].speaker {
                found = Some(speaker.clone());
                break;
            }
            let r = &ranges[next];
            open = open_after(r);
            next += 1;
        }
        // Backward: the two sentences of text before, past any furniture between them (an
        // embedded tweet's signature, a "Club statement" label).
        if found.is_none() {
            found = (0..index)
                .rev()
                .filter(|&k| !skip.get(k).copied().unwrap_or(false) && !ranges[k].is_empty())
                .take(2)
                .find_map(|k| results[k].speaker.clone());
        }
        results[index].speaker = found;
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Speakers of each sentence of `text`, one sentence per line (blank lines split
    /// paragraphs and are not sentences).
    fn speakers_of(text: &str) -> Vec<Option<String>> {
        let mut sentences = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if !trimmed.is_empty() {
                sentences.push(Sentence {
                    start: offset,
                    end: offset + trimmed.len(),
                    text: trimmed.to_string(),
                    boilerplate: None,
                });
            }
            offset += line.len();
        }
        let skip = vec![false; sentences.len()];
        resolve(text, &sentences, &skip)
            .into_iter()
            .map(|s| s.speaker)
            .collect()
    }

    /// A quotation that goes on after furniture (an embedded tweet's signature, a label) is
    /// still its speaker's: skynews_mourinho_tottenham, where "Club statement" and a tweet
    /// signature stand between the statement's paragraphs.
    #[test]
    fn a_quotation_continues_past_furniture() {
        let text = "Tottenham said in a statement: \"Jose is one of the most accomplished managers.\n                    \"He is renowned for his tactical prowess.\n                    Club statement\n                    — Tottenham Hotspur (@SpursOfficial) November 20, 2019\n                    \"He has won a domestic title in a record four different countries.\"\n";
        let mut sentences = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_end();
            sentences.push(Sentence {
                start: offset,
                end: offset + trimmed.len(),
                text: trimmed.to_string(),
                boilerplate: None,
            });
            offset += line.len();
        }
        let skip = [false, false, true, true, false];
        let speakers: Vec<_> = resolve(text, &sentences, &skip)
            .into_iter()
            .map(|s| s.speaker)
            .collect();
        assert_eq!(speakers[4].as_deref(), Some("Tottenham"), "{speakers:?}");
    }

    /// The 16-byte load of `word_key_at` gives the key `word_key` gives, for every length
    /// and case, near the end of the text (the fallback) and away from it.
    #[test]
    fn word_key_at_agrees_with_word_key() {
        let text = "Spokesman SAID the editor-in-chief, éclair; a x envoy-extraordinary. ";
        let padded = format!("{text}{}", " ".repeat(16));
        for haystack in [text, padded.as_str()] {
            let bytes = haystack.as_bytes();
            for start in 0..bytes.len() {
                for len in 0..=(bytes.len() - start).min(LONGEST_WORD + 2) {
                    assert_eq!(
                        word_key_at(bytes, start, len),
                        word_key(&bytes[start..start + len]),
                        "{start} {len}"
                    );
                }
            }
        }
    }

    /// The eight-byte scan of `word_end` and the tokenizer's ASCII whitespace agree with the
    /// char tests they stand for, for every byte in every lane.
    #[test]
    fn byte_tests_agree_with_char_tests() {
        for byte in 0u8..=255 {
            for lane in 0..8 {
                let mut eight = [b'a'; 8];
                eight[lane] = byte;
                let found = alphanumeric_bytes(u64::from_le_bytes(eight));
                for (k, &b) in eight.iter().enumerate() {
                    let bit = found >> (8 * k + 7) & 1 == 1;
                    assert_eq!(bit, b.is_ascii_alphanumeric(), "{byte} {lane} {k}");
                }
            }
        }
        let whitespace: Vec<u8> = (0u8..0x80)
            .filter(|&b| char::from(b).is_whitespace())
            .collect();
        assert_eq!(whitespace, b"\t\n\x0b\x0c\r ");
    }

    /// Where `plain_word` takes a word, the general path (`word_end`, the period and
    /// possessive rules, `word_key_at`) makes the same token of it.
    #[test]
    fn plain_words_are_tokenized_as_by_the_general_path() {
        let text = "Mr. Kim's co-op AT&T U.S. said: “No,” 42 times; abcdefghijklmno \
                    abcdefghijklmnop Zoë café's x.y e.g. don't Smith’s a-b & c. ";
        let padded = format!("{text}{}", " ".repeat(16));
        let bytes = padded.as_bytes();
        let mut taken = 0;
        for start in 0..bytes.len() {
            if !bytes[start].is_ascii_alphanumeric() {
                continue;
            }
            let Some((len, key)) = plain_word(bytes, start) else {
                continue;
            };
            taken += 1;
            let end = word_end(&padded, start + 1);
            assert_eq!(end, start + len, "{start}");
            assert_ne!(bytes[end], b'.', "{start}");
            assert!(!padded[start..end].ends_with("'s"), "{start}");
            assert_eq!(word_key_at(bytes, start, len), Some(key), "{start}");
        }
        assert!(taken > 20, "{taken}");
        let mut tokens = Vec::new();
        tokenize(&padded, &mut tokens, &mut Marks::default());
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.word)
            .map(|t| &padded[t.start..t.end])
            .collect();
        assert_eq!(
            words,
            [
                "Mr.",
                "Kim",
                "co-op",
                "AT&T",
                "U.S.",
                "said",
                "No",
                "42",
                "times",
                "abcdefghijklmno",
                "abcdefghijklmnop",
                "Zoë",
                "café",
                "x.y",
                "e.g.",
                "don't",
                "Smith",
                "a-b",
                "c"
            ]
        );
    }

    /// `lower_is` tries `to_lowercase` only for a `lower` with a "k": no char outside ASCII
    /// lowercases to ASCII but the Kelvin sign.
    #[test]
    fn only_the_kelvin_sign_lowercases_into_ascii() {
        let into_ascii: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(into_ascii, ['\u{212A}']);
        assert!(lower_is("\u{212A}ing", "king") && lower_is("SAID.", "said"));
        assert!(!lower_is("saïd", "said") && !lower_is("sai", "said"));
    }

    /// `is_word_char` answers "no" for all of General Punctuation without the Unicode lookup:
    /// that is only right while the block holds no letter or digit.
    #[test]
    fn general_punctuation_has_no_word_characters() {
        let word_chars: Vec<char> = ('\u{2000}'..='\u{206F}')
            .filter(|c| c.is_alphanumeric())
            .collect();
        assert!(word_chars.is_empty(), "{word_chars:?}");
        assert!(is_word_char('é') && is_word_char('7') && !is_word_char('—'));
    }

    /// `expected`: the speaker of the LAST sentence of `text`.
    fn check(name: &str, text: &str, expected: Option<&str>) {
        let speakers = speakers_of(text);
        let last = speakers.last().cloned().flatten();
        assert_eq!(last.as_deref(), expected, "case {name}: {speakers:?}");
    }

    #[test]
    fn speakers_are_resolved_to_full_names() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "direct quote, pronoun after: he is the person named just before",
                "South Korea’s nuclear envoy, Kim Gunn, opening the session, was emphatic.\n\
                 “Our pursuit can only strengthen deterrence,” he said.",
                Some("Kim Gunn"),
            ),
            (
                "honorific and surname resolve to the full name given earlier",
                "The U.S. special envoy for North Korea, Sung Kim, met his counterparts.\n\
                 At the opening of talks, Mr. Kim said bluntly, “We are preparing.”",
                Some("Sung Kim"),
            ),
            (
                "title resolves to the person introduced with it",
                "Defense Secretary Lloyd Austin met the delegation on Monday.\n\
                 The talks lasted three hours.\n\
                 The defense secretary said the talks were useful.",
                Some("Lloyd Austin"),
            ),
            (
                "inverted attribution with an appositive role",
                "“The breaking of that consensus is important,” said Avi Bell, senior fellow at the forum.",
                Some("Avi Bell"),
            ),
            (
                "inverted attribution after a vague noun phrase takes the name in the appositive",
                "He was in charge, said another witness in the probe, former White House adviser Fiona Hill.",
                Some("Fiona Hill"),
            ),
            (
                "titles before the name are not part of it",
                "Israeli Prime Minister Benjamin Netanyahu, however, said he was very moved.",
                Some("Benjamin Netanyahu"),
            ),
            (
                "lowercase role words before the name are not part of it",
                "“Russia failed to fulfil its cuts,” Commerzbank analyst Carsten Fritsch said.",
                Some("Carsten Fritsch"),
            ),
            (
                "a relative clause between subject and verb is skipped",
                "Derek Scissors is a scholar.\n\
                 Scissors, who consults with administration officials, said a deal is near.",
                Some("Derek Scissors"),
            ),
            (
                "a name in apposition to a possessive phrase is the speaker",
                "Carlineo's attorney, Sonya Zoghlin, said in an email that he never intended harm.",
                Some("Sonya Zoghlin"),
            ),
            (
                "trailing attribution frames the sentence, not the reported speech inside it",
                "Timothy Morrison was there.\n\
                 Afterward, Sondland said he had relayed the message, Morrison testified.",
                Some("Timothy Morrison"),
            ),
            (
                "a possessive name is not the antecedent of he",
                "Japan’s Takehiro Funakoshi said cooperation is important.\n\
                 Mr. Biden’s visits, he said, “highlighted our mutual deterrence.”",
                Some("Takehiro Funakoshi"),
            ),
            (
                "coordinated subjects: the first one speaks",
                "The United Nations and European Union stressed the decision changed nothing.",
                Some("United Nations"),
            ),
            (
                "an acronym resolves to the name it abbreviates",
                "Customs and Border Protection did not accept the offer.\n\
                 In August, CBP announced that it would not vaccinate families.",
                Some("Customs and Border Protection"),
            ),
            (
                "it resolves to the body that spoke last",
                "The decision was taken, the Swedish Prosecution Authority said.\n\
                 “The evidence has weakened,” it added.",
                Some("Swedish Prosecution Authority"),
            ),
            (
                "the agency resolves to the body named before",
                "The Federal Aviation Administration grounded the planes.\n\
                 The agency said the inspections would take a week.",
                Some("Federal Aviation Administration"),
            ),
            (
                "a definite plural refers to a group named with the same word",
                "The doctors, members of a group Doctors for Camp Closure, offered help.\n\
                 The doctors said they have a network of volunteers.",
                Some("Doctors for Camp Closure"),
            ),
            (
                "according to a named body",
                "At least 106 protesters were killed, according to Amnesty International.",
                Some("Amnesty International"),
            ),
            (
                "an unattributed quotation continues the previous speaker",
                "Erekat said it was only the latest move.\n\
                 “They wanted us on our knees.”",
                Some("Erekat"),
            ),
            (
                "she resolves to the woman named in the sentence before",
                "Eyamba Sowers didn’t know Patrick was coming.\n\
                 She said she was impressed with his record.",
                Some("Eyamba Sowers"),
            ),
            (
                "unnamed generic sources are not speakers",
                "Analysts say it will further embolden the movement.",
                None,
            ),
            (
                "no speech verb, no speaker",
                "Oil prices fell sharply on Tuesday on oversupply concerns.",
                None,
            ),
            (
                "passive said is not an attribution",
                "The plan is said to cost a lot.",
                None,
            ),
            (
                "pleaded guilty is not speech",
                "A New York man pleaded guilty Monday to threatening a lawmaker.",
                None,
            ),
            (
                "his office is the office of the person last named",
                "Teachers didn’t see Gov. Eric Holcomb at the Statehouse on Tuesday.\n\
                 His office said he was keeping long-standing plans.",
                Some("Office of Eric Holcomb"),
            ),
            (
                "a title with an object before the name: the name is the last two words",
                "Secretary of State Antony Blinken met his counterpart on Friday.\n\
                 “We will not back down,” Blinken told reporters.",
                Some("Antony Blinken"),
            ),
            (
                "the ministry is not the university named last",
                "“It is a disaster,” said Peter Novak, a professor at Charles University.\n\
                 The ministry said in a statement that 1,200 soldiers had been deployed.",
                None,
            ),
            (
                "whoever follows told is the one told, not the speaker",
                "Ms. Jane Doe, 54, a nurse in Leeds, told Reuters she had not been tested.",
                Some("Jane Doe"),
            ),
            (
                "writing checks is not speaking",
                "Linda Marsh, 61, pleaded guilty in June.\n\
                 According to court documents, Marsh wrote 214 checks to herself.",
                None,
            ),
            (
                "writing in a letter is",
                "Linda Marsh, 61, pleaded guilty in June.\n\
                 Marsh wrote in a letter that she was sorry.",
                Some("Linda Marsh"),
            ),
            (
                "a country's body keeps the country in its name",
                "The quake struck on Saturday, the U.S. Geological Survey said.",
                Some("U.S. Geological Survey"),
            ),
            (
                "and inside a body's name",
                "More than 40% of adults are obese, according to the Centers for Disease \
                 Control and Prevention.",
                Some("Centers for Disease Control and Prevention"),
            ),
            (
                "and before a body's word",
                "The Food and Drug Administration said the drug was safe.",
                Some("Food and Drug Administration"),
            ),
            (
                "and inside a department's name",
                "The Department of Health and Human Services said it would appeal.",
                Some("Department of Health and Human Services"),
            ),
            (
                "and between two people",
                "Board members Greg Patel and Susan Wu voted no, saying the plan cost too much.",
                Some("Greg Patel"),
            ),
            (
                "a thing's acronym is no body that speaks",
                "Nvidia forecast revenue above estimates.\n\
                 Data center revenue, which includes its AI processors, rose.\n\
                 The company said it returned $37 billion to shareholders.",
                None,
            ),
            (
                "a body's acronym still is one",
                "The FBI opened an inquiry on Monday.\n\
                 The agency said the inquiry would take months.",
                Some("FBI"),
            ),
            (
                "the agency is the agency named last",
                "The Environmental Protection Agency issued a rule on Monday.\n\
                 The agency said the rule would save lives.",
                Some("Environmental Protection Agency"),
            ),
        ];
        for (name, text, expected) in cases {
            check(name, text, *expected);
        }
    }

    /// Attribution beyond "said", and a person told from a place or a workplace: each rule
    /// with the examples it was written for.
    #[test]
    fn attribution_rules_carry_their_examples() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "person of the body: the person, not where they work",
                "Dr. Maria Lopez of the State Health Department says the risk remains.",
                Some("Maria Lopez"),
            ),
            (
                "inverted reporting verb takes the name after it",
                "The reporter Anna Berg covered the story.\n\
                 Two hospitals were closed, reports Berg of the Times.",
                Some("Anna Berg"),
            ),
            (
                "an inverted subject ends at the first word that is no title",
                "“We are cooperating,” said Acme Corp. spokesperson Jane Doe in an email reviewed by Reuters.",
                Some("Jane Doe"),
            ),
            (
                "according to a phrase resolves through the titles given before",
                "Wells Fargo analyst Tom Reed rates the stock a buy.\n\
                 Shares could gain 20%, according to the analyst.",
                Some("Tom Reed"),
            ),
            (
                "according to data from a named source",
                "The bond fell 3% on Monday, according to data from MarketAxess.",
                Some("MarketAxess"),
            ),
            (
                "a document speaks for whoever issued it",
                "Two soldiers were killed, the Army said in a statement.\n\
                 “The cause is under investigation,” the statement said.",
                Some("Army"),
            ),
            (
                "a place does not speak",
                "Officials in Sydney announced new limits on Monday.",
                None,
            ),
            (
                "a place's officials are not the place",
                "Beijing officials admitted that cases had been hidden.",
                Some("Beijing officials"),
            ),
            (
                "a name written family name first is referred back to by its first word",
                "Health official Li Jifeng spoke to reporters.\n\
                 Li explained that cases must be verified.",
                Some("Li Jifeng"),
            ),
            (
                "a plural noun is not a speech verb",
                "Local news reports put the toll at 12.",
                None,
            ),
            // "..., said NAME, appositive.": the name after the verb, not the clause's opening
            // phrase (usatoday_epstein, deccanherald_us_china, reuters_global_markets).
            (
                "a name after the verb is the speaker, over a possessive opening",
                "At the time of Epstein's suicide, there were more than 30 staff vacancies at the facility, said Serene Gregg, local president of the prison workers' union.",
                Some("Serene Gregg"),
            ),
            (
                "a name after the verb is the speaker, over a quoted title",
                "\"The president wants a bigger deal. Bigger than just the little deal\" announced in October, said Derek Scissors, a China scholar with the American Enterprise Institute.",
                Some("Derek Scissors"),
            ),
            (
                "a name after the verb is the speaker, over the clause's subject",
                "If the data lowered expectations, the greenback may be in for some weakness, said Juan Perez, senior foreign exchange trader at Tempus.",
                Some("Juan Perez"),
            ),
            // "The group, NAME, ...": the appositive names the body; "the group said" is then
            // the body that spoke last, not one it spoke about (therealdeal_wework ×3, and
            // msn_migrant_flu_vaccines' "CBP announced ... the agency said").
            (
                "a body named in apposition to the opening phrase speaks",
                "The group, WeWorkers Coalition, sent a letter to management stating that they want respect.",
                Some("WeWorkers Coalition"),
            ),
            (
                "the group is the body that spoke, not the one it spoke about",
                "The group, WeWorkers Coalition, sent a letter to management stating that they want respect.\n\
                 The group announced that WeWork had reached an agreement with JLL to accept 1,000 workers.\n\
                 The group said on Twitter that the contract has confused employees.",
                Some("WeWorkers Coalition"),
            ),
            (
                "the group added, after the group spoke about another body",
                "The group, WeWorkers Coalition, sent a letter to management stating that they want respect.\n\
                 The group announced that WeWork had reached an agreement with JLL to accept 1,000 workers.\n\
                 In a separate tweet, the group added that WeWork is not keeping its promise.",
                Some("WeWorkers Coalition"),
            ),
            (
                "the agency is the body that spoke just before",
                "In August, the Acme Agency announced that it would not vaccinate families.\n\
                 At the time, the agency said in a statement that stays were short.",
                Some("Acme Agency"),
            ),
            // A single name given with a title ("Prince Andrew", "President Trump", "Queen
            // Elizabeth" in washingtonexaminer_prince_andrew_opinion) is a person's, so that the
            // bare name later makes that person the one "he" means.
            (
                "a titled single name makes the bare name a person for a later pronoun",
                "The real Prince Andrew was busy distancing himself from a royal drama.\n\
                 In an interview, BBC’s Emily Maitlis did an excellent job pressing Andrew.\n\
                 Andrew doesn’t remember any of it, but he definitely remembers going to get pizza.\n\
                 \"Going to Pizza Express in Woking is an unusual thing for me to do,\" he said.",
                Some("Andrew"),
            ),
            (
                "a titled single name after another person is named",
                "President Trump spoke at the rally.\n\
                 Reporters asked Senator Ben Sasse about the plan.\n\
                 Trump repeated his claim later, and he said the economy had grown 3%.",
                Some("Trump"),
            ),
        ];
        for (name, text, expected) in cases {
            check(name, text, *expected);
        }
    }

    #[test]
    fn multi_sentence_quotation_takes_the_speaker_where_it_closes() {
        let text = "“The illegality was stated as a fact.\n\
                    The breaking of that consensus is important,” said Avi Bell.";
        let speakers = speakers_of(text);
        assert_eq!(
            speakers,
            vec![Some("Avi Bell".to_string()), Some("Avi Bell".to_string())]
        );
    }

    #[test]
    fn boilerplate_names_are_not_registered() {
        let text = "Kim Hong-Ji/pool via AP\nMr. Kim said the talks went well.";
        let sentences = vec![
            Sentence {
                start: 0,
                end: 23,
                text: String::new(),
                boilerplate: Some(crate::extract::clean::Furniture::PhotoCredit),
            },
            Sentence {
                start: 24,
                end: text.len(),
                text: String::new(),
                boilerplate: None,
            },
        ];
        let result = resolve(text, &sentences, &[true, false]);
        assert_eq!(result[0].speaker, None);
        assert_eq!(result[1].speaker.as_deref(), Some("Kim"));
    }

    #[test]
    fn messy_text_never_panics() {
        for text in [
            "",
            "“",
            "”\"“",
            "Mr.",
            "said",
            ", said",
            "He said.",
            "’s",
            "é said Ü",
        ] {
            let sentences = vec![Sentence {
                start: 0,
                end: text.len(),
                text: text.to_string(),
                boilerplate: None,
            }];
            let _ = resolve(text, &sentences, &[false]);
        }
    }

    /// The packed word keys lowercase like `to_ascii_lowercase`, whatever the case.
    #[test]
    fn word_keys_ignore_case_only() {
        for byte in 0u8..0x80 {
            let packed = lowercase_ascii_bytes(u64::from_le_bytes([byte; 8]));
            assert_eq!(
                packed,
                u64::from_le_bytes([byte.to_ascii_lowercase(); 8]),
                "{byte}"
            );
        }
        // name, word, the class bits it must have (0: none).
        let cases: &[(&str, &str, u16)] = &[
            ("lowercase", "said", SPEECH),
            ("capitalised", "Said", SPEECH),
            ("shouting", "SAID", SPEECH),
            ("abbreviation with its period", "Gov.", TITLE),
            ("longest table word", "Editor-in-Chief", TITLE),
            ("longer than any table word", "editor-in-chiefs", 0),
            ("non-ASCII", "saïd", 0),
            ("empty", "", 0),
        ];
        for (name, word, class) in cases {
            let got = classify(word);
            if *class == 0 {
                assert_eq!(got, 0, "{name}");
            } else {
                assert!(got & class != 0, "{name}: {got}");
            }
        }
    }
}
