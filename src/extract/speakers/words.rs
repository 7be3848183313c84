//! The word classes: every lexicon list as a bit of one table, looked up once per token.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::lexicon;
use crate::extract::tokens::key_of_lower_bytes;

/// The classes a word is in, one bit each: the lists of the lexicon it is listed in.
pub(super) type Class = u32;

/// Function words (`function_words`, `sentence_adverbs`, `name_joiners`, `plain_speech_verbs`):
/// a capitalised one opens a sentence, not a name.
pub(super) const COMMON: Class = 1;
pub(super) const TITLE: Class = 1 << 1;
pub(super) const ORG: Class = 1 << 2;
pub(super) const PLACE: Class = 1 << 3;
pub(super) const TIME: Class = 1 << 4;
/// Nouns for a body that "the X" can refer back to: "the agency said".
pub(super) const GROUP: Class = 1 << 5;
/// Singular nouns for a person's role: "the envoy said", "the real estate agent said".
pub(super) const ROLE: Class = 1 << 6;
/// Plural nouns for unnamed generic sources: "analysts say".
pub(super) const GENERIC: Class = 1 << 7;
/// Auxiliaries and adverbs that sit between a subject and its speech verb.
pub(super) const SKIP: Class = 1 << 8;
/// Words inside a name that are not name words ("of", "von").
pub(super) const CONNECTOR: Class = 1 << 9;
pub(super) const BE: Class = 1 << 10;
/// Speech verbs, so the per-token scan is a bit test.
pub(super) const SPEECH: Class = 1 << 11;
/// Speech participles ("saying") and "according".
pub(super) const PARTICIPLE: Class = 1 << 12;
/// Words whose period belongs to them (short forms, forms of address, name suffixes), so the
/// tokenizer tests a bit of the lookup it does anyway instead of comparing the word with each.
pub(super) const ABBREVIATION: Class = 1 << 13;
/// A text that speaks for whoever issued it: "the statement said".
pub(super) const DOCUMENT: Class = 1 << 14;
/// A place name of the gazetteer: a name made only of them is a place. Set by `gazetteer`
/// only, never on a token.
pub(super) const GAZETTEER_PLACE: Class = 1 << 15;
/// A form of address ("Mr.", "Dr."): a title that names no position.
pub(super) const ADDRESS: Class = 1 << 16;
/// A word that closes a person's name without being their surname ("Jr.").
pub(super) const SUFFIX: Class = 1 << 17;
/// An acronym for a thing, not a body ("AI", "GDP").
pub(super) const THING_ACRONYM: Class = 1 << 18;
/// A word that says what kind of body a name is ("university", "ministry").
pub(super) const KIND_OF_BODY: Class = 1 << 19;
/// An auxiliary verb ("has", "did"): it ends a noun phrase.
pub(super) const AUXILIARY: Class = 1 << 20;
/// A preposition that names a source after it ("per the WHO"), as "according to" does.
pub(super) const SOURCE_PREPOSITION: Class = 1 << 21;
/// Plural nouns for people who speak for a body: "officials said" (a generic source too).
pub(super) const OFFICE: Class = 1 << 22;
/// The adjective of a people or country ("Chinese"): whose officials these are, never a
/// speaker alone.
pub(super) const DEMONYM: Class = 1 << 23;
/// A country's initials ("US", "UK"): a place when written in capitals, not a body.
pub(super) const COUNTRY_INITIALS: Class = 1 << 24;
/// A noun for a business ("company", "firm"): "the company said" is the one named most.
pub(super) const BUSINESS: Class = 1 << 25;
/// A preposition of place ("in", "atop"): its object is no subject of the verb after it.
pub(super) const PLACE_PREPOSITION: Class = 1 << 26;
/// A noun for a person the article may not name ("patient", "man"): "the patient said".
pub(super) const PERSON: Class = 1 << 27;
/// A given name of the gazetteer ("Jordan"); set by `gazetteer` only, never on a token.
pub(super) const GIVEN_NAME: Class = 1 << 28;

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
    pub(super) classes: Box<[Class; WordTable::SIZE]>,
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
        words: &HashMap<u128, Class, std::hash::BuildHasherDefault<KeyHasher>>,
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
    pub(super) fn get(&self, key: u128) -> Class {
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

/// `WORD_CLASS` keyed by the shared tokens' keys (`tokens::word_key`), for a word that is one
/// shared token: its key is already computed, where packing it again cost a fifth of the
/// stage. Empty slots hold key 0.
pub(super) struct SharedKeyTable {
    keys: Box<[u64; WordTable::SIZE]>,
    classes: Box<[Class; WordTable::SIZE]>,
}

impl SharedKeyTable {
    fn slot(key: u64) -> usize {
        (key >> (64 - WordTable::BITS)) as usize
    }

    /// The classes of the word whose shared key is `key`; 0 for a word in no table.
    #[inline]
    pub(super) fn get(&self, key: u64) -> Class {
        let mut slot = Self::slot(key);
        loop {
            slot &= WordTable::SIZE - 1;
            match self.keys[slot] {
                found if found == key => return self.classes[slot],
                0 => return 0,
                _ => slot += 1,
            }
        }
    }
}

/// `WORD_CLASS` again, under the shared tokens' keys of the same lower-case words.
pub(super) static SHARED_WORD_CLASS: LazyLock<SharedKeyTable> = LazyLock::new(|| {
    let mut table = SharedKeyTable {
        keys: Box::new([0; WordTable::SIZE]),
        classes: Box::new([0; WordTable::SIZE]),
    };
    let packed = &*WORD_CLASS;
    for (&key, &class) in packed.keys.iter().zip(packed.classes.iter()) {
        if key == 0 {
            continue;
        }
        // The packed key is the word's lower-case bytes with its length in the top byte.
        let len = (key >> 120) as usize;
        let shared = key_of_lower_bytes(&key.to_le_bytes()[..len]);
        let mut slot = SharedKeyTable::slot(shared);
        while table.keys[slot] != 0 {
            slot = (slot + 1) & (WordTable::SIZE - 1);
        }
        table.keys[slot] = shared;
        table.classes[slot] = class;
    }
    table
});

/// Each list of the lexicon this stage reads, with the classes its words are in.
fn lists() -> [(&'static lexicon::List, Class); 37] {
    use lexicon as l;
    [
        (&l::MONTHS, TIME),
        (&l::WEEKDAYS, TIME),
        (&l::TITLES, TITLE),
        (&l::ROLE_TITLES, TITLE | ROLE),
        (&l::FORMS_OF_ADDRESS, TITLE | ROLE | ADDRESS | ABBREVIATION),
        (&l::ROLE_NOUNS, ROLE),
        (&l::ORGANISATION_CUES, ORG),
        (&l::ORGANISATION_NOUNS, ORG | GROUP),
        (&l::KINDS_OF_BODY, ORG | KIND_OF_BODY),
        (&l::KIND_NOUNS, ORG | GROUP | KIND_OF_BODY),
        (&l::BODY_NOUNS, GROUP),
        (&l::PLACE_CUES, PLACE),
        (&l::GENERIC_SOURCES, GENERIC),
        (&l::OFFICE_HOLDERS, GENERIC | OFFICE),
        (&l::SPEECH_VERBS, SPEECH),
        (&l::AMBIGUOUS_SPEECH_VERBS, SPEECH),
        (&l::PLAIN_SPEECH_VERBS, SPEECH | COMMON),
        (&l::SPEECH_PARTICIPLES, PARTICIPLE),
        (&l::DOCUMENTS, DOCUMENT),
        (&l::FUNCTION_WORDS, COMMON),
        // "One" opening a sentence is a number, never a name.
        (&l::NUMBER_UNITS, COMMON),
        (&l::SENTENCE_ADVERBS, COMMON | SKIP),
        (&l::VERB_ADVERBS, SKIP),
        (&l::AUXILIARIES, SKIP | AUXILIARY),
        (&l::NAME_JOINERS, COMMON | CONNECTOR),
        (&l::NAME_PARTICLES, CONNECTOR),
        (&l::BE_VERBS, BE),
        (&l::NAME_SUFFIXES, SUFFIX | ABBREVIATION),
        (&l::ABBREVIATIONS, ABBREVIATION),
        (&l::COMMON_ACRONYMS, THING_ACRONYM),
        (&l::TIME_ZONES, THING_ACRONYM),
        (&l::SOURCE_PREPOSITIONS, PARTICIPLE | SOURCE_PREPOSITION),
        (&l::DEMONYMS, DEMONYM),
        (&l::COUNTRY_ACRONYMS, COUNTRY_INITIALS),
        (&l::BUSINESS_NOUNS, BUSINESS),
        (&l::PLACE_PREPOSITIONS, PLACE_PREPOSITION),
        (&l::PERSON_NOUNS, PERSON),
    ]
}

/// Lists whose lines hold a word and then its short forms ("governor gov"): the short forms
/// keep their period, and stand for the word (`short_forms`).
fn lists_with_short_forms() -> [&'static lexicon::List; 7] {
    use lexicon as l;
    [
        &l::MONTHS,
        &l::TITLES,
        &l::ROLE_TITLES,
        &l::FORMS_OF_ADDRESS,
        &l::ORGANISATION_CUES,
        &l::ORGANISATION_NOUNS,
        &l::PLACE_CUES,
    ]
}

pub(super) static WORD_CLASS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut map: HashMap<u128, Class, std::hash::BuildHasherDefault<KeyHasher>> =
        HashMap::default();
    let mut add = |class: Class, word: &str| {
        if let Some(key) = word_key(word.as_bytes()) {
            *map.entry(key).or_default() |= class;
        }
    };
    for (list, class) in lists() {
        list.words().for_each(|word| add(class, word));
    }
    // A short form ("Gov.", "Sept.", "Corp.") keeps its period. (Not a weekday's: "Sun." ends
    // more sentences than it shortens Sunday.)
    for list in lists_with_short_forms() {
        for line in list.lines() {
            line[1..].iter().for_each(|short| add(ABBREVIATION, short));
        }
    }
    // "According to" attributes as "saying" does; "according" is a function word all the same.
    add(PARTICIPLE, "according");
    WordTable::new(&map)
});

/// The gazetteers (places, given names), in a table of their own: they hold thousands of
/// words, and are asked only about the names being judged a person or a place, while the word
/// table is asked about every token and stays small enough for the cache.
struct Gazetteer {
    table: lexicon::WordTable<Class>,
    /// One bit per hash of a word's `word_key` (`Gazetteer::bit`): most words asked about are
    /// in no gazetteer, and an 8 KB filter answers for them without reaching into the table.
    filter: Box<[u64; 1024]>,
}

impl Gazetteer {
    fn bit(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let lists = [
        (&lexicon::PLACES, GAZETTEER_PLACE),
        (&lexicon::GIVEN_NAMES, GIVEN_NAME),
        (
            &lexicon::GIVEN_NAMES_AND_PLACES,
            GAZETTEER_PLACE | GIVEN_NAME,
        ),
    ];
    let words = || {
        lists
            .into_iter()
            .flat_map(|(list, class)| list.words().map(move |word| (word, class)))
    };
    let mut filter = Box::new([0u64; 1024]);
    for key in words().filter_map(|(word, _)| word_key(word.as_bytes())) {
        let bit = Gazetteer::bit(key);
        filter[bit / 64] |= 1 << (bit % 64);
    }
    Gazetteer {
        table: lexicon::WordTable::new(words()),
        filter,
    }
});

/// The gazetteer classes of `word` (`GAZETTEER_PLACE`, `GIVEN_NAME`), in any case.
pub(super) fn gazetteer(word: &str) -> Class {
    let word = word.trim_end_matches('.');
    let gazetteer = &*GAZETTEER;
    let Some(key) = word_key(word.as_bytes()) else {
        return gazetteer.table.get(&lowercase(word)).unwrap_or(0);
    };
    let bit = Gazetteer::bit(key);
    if gazetteer.filter[bit / 64] >> (bit % 64) & 1 == 0 {
        return 0;
    }
    // The key holds the word's lowercase bytes, its length in the top byte.
    let bytes = key.to_le_bytes();
    std::str::from_utf8(&bytes[..word.len()]).map_or(0, |w| gazetteer.table.get(w).unwrap_or(0))
}

/// The titles' short forms, with the title each stands for ("gov" for "governor").
pub(super) static SHORT_TITLES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let mut pairs = Vec::new();
    for list in [
        &lexicon::TITLES,
        &lexicon::ROLE_TITLES,
        &lexicon::FORMS_OF_ADDRESS,
    ] {
        for line in list.lines() {
            pairs.extend(line[1..].iter().map(|&short| (short, line[0])));
        }
    }
    pairs
});

#[inline]
pub(super) fn classify(word: &str) -> Class {
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
