//! The word classes: every lexicon list as a bit of one table, looked up once per token.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::lexicon;

pub(super) const COMMON: u16 = 1;
pub(super) const TITLE: u16 = 2;
pub(super) const ORG: u16 = 4;
pub(super) const PLACE: u16 = 8;
pub(super) const TIME: u16 = 16;
/// Nouns for a body that "the X" can refer back to: "the agency said".
pub(super) const GROUP: u16 = 32;
/// Singular nouns for a person's role: "the envoy said", "the real estate agent said".
pub(super) const ROLE: u16 = 64;
/// Plural nouns for unnamed generic sources: "analysts say".
pub(super) const GENERIC: u16 = 128;
/// Auxiliaries and adverbs that sit between a subject and its speech verb.
pub(super) const SKIP: u16 = 256;
pub(super) const CONNECTOR: u16 = 512;
pub(super) const BE: u16 = 1024;
/// Speech verbs and "pointed" (from `lexicon::SPEECH_VERBS`), so the per-token scan is a bit test.
pub(super) const SPEECH: u16 = 2048;
/// Speech participles ("saying") and "according".
pub(super) const PARTICIPLE: u16 = 4096;
/// Abbreviations whose period belongs to the word (`ABBREVIATIONS`), so the tokenizer tests a
/// bit of the lookup it does anyway instead of comparing the word with each of them.
pub(super) const ABBREVIATION: u16 = 8192;
/// A text that speaks for whoever issued it: "the statement said".
pub(super) const DOCUMENT: u16 = 16384;
/// A place name of the gazetteer: a name made only of them is a place.
pub(super) const GAZETTEER_PLACE: u16 = 32768;

/// A multiply-rotate hash of eight bytes at a time (as rustc's FxHasher): the article's
/// names are looked up for most mentions and speakers, and SipHash, then FNV's byte at a
/// time, showed in the profile.
#[derive(Default, Clone, Copy)]
pub(super) struct NameHasher(u64);

impl NameHasher {
    pub(super) fn add(&mut self, word: u64) {
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

pub(super) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<NameHasher>>;

/// Hashes a packed word (`word_key`) with one wide multiply: the word tables are looked up
/// once per token of the article, so the lookup must cost a few instructions, not a few per
/// byte.
#[derive(Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

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
pub(super) const LONGEST_WORD: usize = 15;

/// An ASCII word of at most `LONGEST_WORD` bytes, lowercased and packed into one integer with
/// its length in the top byte; `None` for anything else (no table word is longer or non-ASCII).
#[inline]
pub(super) fn word_key(word: &[u8]) -> Option<u128> {
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
pub(super) fn word_key_at(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
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
pub(super) fn load_le(bytes: &[u8]) -> u64 {
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
pub(super) fn lowercase_ascii_bytes(bytes: u64) -> u64 {
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
pub(super) struct WordTable {
    pub(super) keys: Box<[u128; WordTable::SIZE]>,
    pub(super) classes: Box<[u16; WordTable::SIZE]>,
}

impl WordTable {
    /// log2 of the number of slots: about three per word keeps probes short.
    const BITS: u32 = 11;
    const SIZE: usize = 1 << Self::BITS;

    pub(super) fn slot(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::BITS)) as usize
    }

    pub(super) fn new(
        words: &HashMap<u128, u16, std::hash::BuildHasherDefault<KeyHasher>>,
    ) -> WordTable {
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
    pub(super) fn get(&self, key: u128) -> u16 {
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

pub(super) static WORD_CLASS: LazyLock<WordTable> = LazyLock::new(|| {
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

/// Abbreviations whose period belongs to the word ("Mr.", "Jr.", "Gov.").
pub(super) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "lt", "col", "gen", "gov", "sen", "sens", "rep",
    "reps", "sgt", "capt", "adm", "rev", "prof", "co", "inc", "corp", "ltd", "mt", "no", "maj",
    "ft", "vs",
];

#[inline]
pub(super) fn classify(word: &str) -> u16 {
    match word_key(word.trim_end_matches('.').as_bytes()) {
        Some(key) => WORD_CLASS.get(key),
        None => 0,
    }
}

/// `word` lowercased, without trailing periods: borrowed when it has no capital, as most
/// words of the lowercase phrases it is asked for have none.
pub(super) fn lowercase(word: &str) -> Cow<'_, str> {
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
pub(super) fn lower_is(word: &str, lower: &str) -> bool {
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
pub(super) fn lowercase_is(word: &str, lower: &str) -> bool {
    !word.is_ascii() && word.to_lowercase() == lower
}
