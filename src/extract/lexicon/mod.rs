//! Every word list the extractor reads, once, as data files embedded in the binary; the loader.
//!
//! A file is a list of entries, one a line; `#` starts a comment. A line may hold several words:
//! in `months.txt` and `weekdays.txt` a line is one month or day (full name first, then short
//! forms), elsewhere each word is an entry of its own and the lines only group them for reading.
//! Words are lower case; an abbreviation is written without its period.

use std::sync::LazyLock;

/// One word list: its file name (for messages and tests) and its text.
pub struct List {
    pub name: &'static str,
    text: &'static str,
}

impl List {
    /// The lines that hold words, each split into its words.
    pub fn lines(&self) -> impl Iterator<Item = Vec<&'static str>> + '_ {
        self.text
            .lines()
            .map(|line| line.split('#').next().unwrap_or(""))
            .map(|line| line.split_whitespace().collect::<Vec<_>>())
            .filter(|words| !words.is_empty())
    }

    /// Every word of the list, in file order.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.lines().flatten()
    }
}

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $($(#[$doc])* pub static $name: List = List { name: $file, text: include_str!($file) };)*
        /// Every list, for the tests that check them all.
        pub static ALL: &[&List] = &[$(&$name),*];
    };
}

lists! {
    /// Month names and their short forms, one month a line in calendar order.
    MONTHS = "months.txt";
    /// Weekday names and their short forms, one day a line from Monday.
    WEEKDAYS = "weekdays.txt";
    /// Finite verbs that attribute words to their subject.
    SPEECH_VERBS = "speech_verbs.txt";
    /// Speech verbs that are also plural nouns (not in `SPEECH_VERBS`).
    AMBIGUOUS_SPEECH_VERBS = "ambiguous_speech_verbs.txt";
    /// Participles that attribute to the subject of their clause.
    SPEECH_PARTICIPLES = "speech_participles.txt";
    /// Titles, ranks and positions given with a person's name.
    TITLES = "titles.txt";
    /// Singular nouns for a person's role ("the envoy said").
    ROLE_NOUNS = "role_nouns.txt";
    /// Nouns for a body ("the agency said").
    BODY_NOUNS = "body_nouns.txt";
    /// Plural nouns for unnamed generic sources ("analysts say").
    GENERIC_SOURCES = "generic_sources.txt";
    /// Words that make a capitalised name a body's.
    ORGANISATION_CUES = "organisation_cues.txt";
    /// Words that make a capitalised name a place's.
    PLACE_CUES = "place_cues.txt";
    /// Place names: a name made of them alone is a place, not a speaker.
    PLACES = "places.txt";
    /// Nouns for a text that speaks for whoever issued it ("the statement said").
    DOCUMENTS = "documents.txt";
    // -- stages
    /// Nouns that make an outcome word an election result ("won the race").
    ELECTORAL_NOUNS = "electoral_nouns.txt";
    /// Time zones that continue a clock time ("9 a.m. ET").
    TIME_ZONES = "time_zones.txt";
    // -- speakers3
    /// Titles that are also a role "the X said" refers back with ("envoy").
    ROLE_TITLES = "role_titles.txt";
    /// Forms of address ("Mr.", "Dr."): titles that name no position.
    FORMS_OF_ADDRESS = "forms_of_address.txt";
    /// Words that close a person's name ("Jr.").
    NAME_SUFFIXES = "name_suffixes.txt";
    /// Short words whose period belongs to them, that no other list holds.
    ABBREVIATIONS = "abbreviations.txt";
    /// Nouns that make a name a body's and refer back to one ("authority").
    ORGANISATION_NOUNS = "organisation_nouns.txt";
    /// Words that make a name a body's of a kind ("university").
    KINDS_OF_BODY = "kinds_of_body.txt";
    /// Nouns for a kind of body that refer back to one ("ministry").
    KIND_NOUNS = "kind_nouns.txt";
    /// The commonest speech verbs, which are also function words ("said").
    PLAIN_SPEECH_VERBS = "plain_speech_verbs.txt";
    /// Function words: never a name, and they end a noun phrase.
    FUNCTION_WORDS = "function_words.txt";
    /// Function words that also sit between a subject and its verb ("also").
    SENTENCE_ADVERBS = "sentence_adverbs.txt";
    /// Adverbs between a subject and its verb ("repeatedly").
    VERB_ADVERBS = "verb_adverbs.txt";
    /// Auxiliaries ("has", "did").
    AUXILIARIES = "auxiliaries.txt";
    /// Function words that join the words of a body's name ("of").
    NAME_JOINERS = "name_joiners.txt";
    /// Particles inside a person's name ("von").
    NAME_PARTICLES = "name_particles.txt";
    /// Forms of "be".
    BE_VERBS = "be_verbs.txt";
    /// Acronyms for things, not bodies ("GDP").
    COMMON_ACRONYMS = "common_acronyms.txt";
    /// Prepositions that name a source after them ("per").
    SOURCE_PREPOSITIONS = "source_prepositions.txt";
}

/// `word` with its first character in upper case: "may" is "May". The lists are lower case;
/// rules that match a word only capitalised read it through this.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Month and weekday names and short forms, longest first, as one regex alternation: a
/// pattern built from the lexicon instead of a copy of it.
pub fn alternation(list: &List) -> String {
    let mut words: Vec<&str> = list.words().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!("({})", words.join("|"))
}

/// The index of the line that holds `word` (case-insensitive, a trailing period ignored):
/// month 0 is January, weekday 0 is Monday.
pub fn line_of(list: &'static List, word: &str) -> Option<usize> {
    static INDEXES: LazyLock<Vec<std::collections::HashMap<&'static str, usize>>> =
        LazyLock::new(|| {
            ALL.iter()
                .map(|list| {
                    list.lines()
                        .enumerate()
                        .flat_map(|(i, words)| words.into_iter().map(move |w| (w, i)))
                        .collect()
                })
                .collect()
        });
    let index = ALL.iter().position(|l| std::ptr::eq(*l, list))?;
    let word = word.trim_end_matches('.');
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        INDEXES[index]
            .get(word.to_ascii_lowercase().as_str())
            .copied()
    } else {
        INDEXES[index].get(word).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word listed twice in one list is a sign that two people kept two copies.
    #[test]
    fn no_list_repeats_a_word() {
        for list in ALL {
            let mut seen = std::collections::HashSet::new();
            for word in list.words() {
                assert!(seen.insert(word), "{} lists {word:?} twice", list.name);
            }
        }
    }

    /// Lists that share words on purpose: a subset, or one word in two roles. Any other word in
    /// two lists is a copy someone keeps beside the other.
    const SHARED: &[(&str, &str)] = &[
        // (speakers3: a word with several classes for the speakers stage is in the one list
        // that gives it all of them, e.g. `role_titles`, `organisation_nouns`.)
        // "Eastern", "Central": a region of a place name and a time zone.
        ("place_cues.txt", "time_zones.txt"),
    ];

    #[test]
    fn no_word_is_in_two_lists() {
        let mut owner: std::collections::HashMap<&str, &str> = Default::default();
        for list in ALL {
            for word in list.words().collect::<std::collections::HashSet<_>>() {
                if let Some(other) = owner.insert(word, list.name) {
                    let shared = SHARED.contains(&(other, list.name))
                        || SHARED.contains(&(list.name, other));
                    assert!(shared, "{word:?} is in {other} and {}", list.name);
                }
            }
        }
    }

    /// Lookups fold case, so the lists must be written in lower case to be reachable.
    #[test]
    fn every_word_is_lower_case_without_a_period() {
        for list in ALL {
            for word in list.words() {
                assert_eq!(word, word.to_lowercase(), "{}", list.name);
                assert!(!word.ends_with('.'), "{} {word}", list.name);
            }
        }
        assert_eq!(MONTHS.lines().count(), 12);
        assert_eq!(WEEKDAYS.lines().count(), 7);
    }

    #[test]
    fn months_and_weekdays_are_found_by_any_form() {
        let cases = [
            (&MONTHS, "Sept.", Some(8)),
            (&MONTHS, "december", Some(11)),
            (&MONTHS, "Mayday", None),
            (&WEEKDAYS, "Thurs", Some(3)),
            (&WEEKDAYS, "SUNDAY", Some(6)),
        ];
        for (list, word, want) in cases {
            assert_eq!(line_of(list, word), want, "{word}");
        }
    }
}
