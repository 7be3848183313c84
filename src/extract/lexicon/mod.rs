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
    /// Each line is one entry of one or more words ("if not", "member of").
    pub phrases: bool,
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

    /// The lines of a list of phrases (one entry a line, its words one space apart), in file
    /// order.
    pub fn phrases(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|line| !line.is_empty())
    }

    /// The entries of the list: its lines with their words joined by one space in a list of
    /// phrases, its words otherwise.
    pub fn entries(&self) -> Vec<String> {
        if self.phrases {
            self.lines().map(|words| words.join(" ")).collect()
        } else {
            self.words().map(str::to_string).collect()
        }
    }
}

macro_rules! lists {
    (@phrases) => { false };
    (@phrases phrases) => { true };
    ($($(#[$doc:meta])* $name:ident = $file:literal $($phrases:ident)?;)*) => {
        $($(#[$doc])* pub static $name: List = List {
            name: $file,
            text: include_str!($file),
            phrases: lists!(@phrases $($phrases)?),
        };)*
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
    // -- values3
    /// Number words below twenty; the line is the value.
    NUMBER_UNITS = "number_units.txt";
    /// "twenty" to "ninety"; line i is 20 + 10 i.
    NUMBER_TENS = "number_tens.txt";
    /// "hundred", then "dozen": they multiply the group before them.
    NUMBER_MULTIPLIERS = "number_multipliers.txt";
    /// "thousand" to "trillion"; line i is 1000 to the power i + 1.
    NUMBER_SCALES = "number_scales.txt";
    /// "lakh", "crore"; line i is 100,000 times 100 to the power i.
    NUMBER_SCALES_INDIAN = "number_scales_indian.txt";
    /// "half", then "quarter".
    NUMBER_FRACTIONS = "number_fractions.txt";
    /// "first" to "nineteenth"; line i is rank i + 1.
    ORDINAL_UNITS = "ordinal_units.txt";
    /// "twentieth" to "ninetieth"; line i is rank 20 + 10 i.
    ORDINAL_TENS = "ordinal_tens.txt";
    /// Words after which a number is a label ("Phase 1").
    VALUE_LABELS = "value_labels.txt";
    /// Bodies whose name may stand before a tally ("the Senate 52-48").
    VOTING_BODIES = "voting_bodies.txt";
    /// Words that may stand capitalised before a quantity ("About 500"), besides function words.
    QUANTITY_OPENERS = "quantity_openers.txt";
    /// Words before a game's score or a vote's tally ("beat", "approved").
    SCORE_OUTCOMES = "score_outcomes.txt";
    /// Verbs of change before a figure ("rose", "fell").
    CHANGE_VERBS = "change_verbs.txt";
    /// Measurement and duration units, singular.
    MEASURE_UNITS = "measure_units.txt";
    /// Nouns that make "N-word" a measure but are counted things, singular ("seat").
    COUNTED_UNITS = "counted_units.txt";
    /// Words after a tenor that make it an instrument's name ("10-year notes").
    INSTRUMENT_WORDS = "instrument_words.txt";
    /// Words ending in "s" that are no plural noun, besides the function words.
    NON_NOUNS = "non_nouns.txt";
    /// Words after a number that are not what it counts, besides the function words ("were",
    /// "percent", "ago"): "5 were hurt" counts nothing.
    COUNT_STOP_WORDS = "count_stop_words.txt";
    /// Plural nouns without a final "s".
    IRREGULAR_PLURALS = "irregular_plurals.txt";
    /// Words that open a relative date ("yesterday", "last week").
    RELATIVE_DATE_WORDS = "relative_date_words.txt";
    /// Units of an offset ("three days ago").
    SPAN_WORDS = "span_words.txt";
    /// Words that name a day of the year ("Christmas").
    HOLIDAY_WORDS = "holiday_words.txt";
    /// First words of named days that are no date word alone ("Labor Day").
    HOLIDAY_LEADS = "holiday_leads.txt";
    // -- stages4
    /// Words a complete line cannot end with: the line was wrapped inside its sentence.
    UNFINISHED_LINE_WORDS = "unfinished_line_words.txt";
    /// Words that open sentences, read after an abbreviation that may also end one.
    SENTENCE_OPENERS = "sentence_openers.txt";
    /// Verbs that may close a quotation: the quote and its attribution are one sentence.
    QUOTE_CLOSING_VERBS = "quote_closing_verbs.txt";
    /// Words after a quote's attribution that keep it one sentence ("said on Tuesday").
    ATTRIBUTION_CONTINUATIONS = "attribution_continuations.txt";
    /// Abbreviations before a name, which never end a sentence ("Mr.", "Gov.").
    ABBREVIATIONS_BEFORE_NAMES = "abbreviations_before_names.txt";
    /// Abbreviations before a number ("No. 1", "p. 55").
    ABBREVIATIONS_BEFORE_NUMBERS = "abbreviations_before_numbers.txt";
    /// Abbreviations that may end a sentence, in any case ("Inc.", "etc.").
    ABBREVIATIONS_CLOSING = "abbreviations_closing.txt";
    /// Abbreviations that may end a sentence, only capitalised ("Ill.", "Wash.").
    ABBREVIATIONS_CLOSING_CAPITALISED = "abbreviations_closing_capitalised.txt";
    /// Participles of an unattributed characterisation ("seen as").
    CHARACTERISATION_VERBS = "characterisation_verbs.txt";
    /// Adverbs inside a characterisation ("widely seen as").
    CHARACTERISATION_ADVERBS = "characterisation_adverbs.txt";
    /// Adjectives that close an impression of a mood ("palpable").
    IMPRESSION_ADJECTIVES = "impression_adjectives.txt";
    /// Verbs of an outward impression ("appears").
    IMPRESSION_VERBS = "impression_verbs.txt";
    /// Attitudes an impression ascribes ("anxious").
    ATTITUDE_ADJECTIVES = "attitude_adjectives.txt";
    /// Verbs of a contest's outcome ("won", "took").
    OUTCOME_VERBS = "outcome_verbs.txt";
    /// Verbs of a vote's result before its tally ("passed").
    TALLY_VERBS = "tally_verbs.txt";
    /// Unnamed sources of a prediction ("analysts").
    UNNAMED_SOURCES = "unnamed_sources.txt";
    /// Verbs that introduce an unnamed source's forecast ("predict").
    FORECAST_VERBS = "forecast_verbs.txt";
    /// Modal verbs of a forecast ("will", "could").
    MODAL_VERBS = "modal_verbs.txt";
    /// Pronouns that stand as a clause's subject ("they").
    SUBJECT_PRONOUNS = "subject_pronouns.txt";
    /// Words that may open a clause before its subject ("but", "if not").
    CLAUSE_OPENERS = "clause_openers.txt" phrases;
    /// What an evaluation makes a thing ("tougher", "more difficult").
    EVALUATION_COMPARATIVES = "evaluation_comparatives.txt" phrases;
    /// What is not known ("unclear", "too early to say").
    UNCERTAINTY_PHRASES = "uncertainty_phrases.txt" phrases;
    /// Verbs of a refusal to comment ("declined").
    REFUSAL_VERBS = "refusal_verbs.txt";
    /// What a newsroom sent for comment ("requests", "emails").
    CONTACT_NOUNS = "contact_nouns.txt";
    /// Words that give someone a role ("member of", "appointed").
    ROLE_PHRASES = "role_phrases.txt" phrases;
    /// Words too common to tell two wordings of a claim apart ("would").
    WORDING_STOP_WORDS = "wording_stop_words.txt";
    // -- values4
    /// Words and phrases that put a clause in the future ("will", "scheduled for"), one a line.
    FUTURE_MARKERS = "future_markers.txt" phrases;
    /// Words and phrases that put a clause in the past ("said", "would have"), one a line.
    PAST_MARKERS = "past_markers.txt" phrases;
    /// Words that count a date from another date of the sentence ("the previous year", "a
    /// year earlier"), one role a line.
    ANCHOR_WORDS = "anchor_words.txt";
    // -- speakers6
    /// Plural nouns for people who hold office in a body and speak for it ("officials said").
    OFFICE_HOLDERS = "office_holders.txt";
    /// Bodies named by an acronym the world over, with their full names ("who world health
    /// organization"), one a line.
    WELL_KNOWN_BODIES = "well_known_bodies.txt" phrases;
    // -- stages6: the furniture rules' phrases (clean/), each list one slot of a rule's pattern.
    /// Sign-in and subscription buttons a line opens with ("Sign in", "Subscribe").
    FURNITURE_ACCOUNT_ACTIONS = "furniture_account_actions.txt" phrases;
    /// Link prompts a line opens with ("Click here").
    FURNITURE_LINK_PROMPTS = "furniture_link_prompts.txt" phrases;
    /// Buttons that are a whole line ("Read more").
    FURNITURE_MORE_PROMPTS = "furniture_more_prompts.txt" phrases;
    /// Labels of a link to a graphic ("Graphic: ... - here").
    FURNITURE_GRAPHIC_LABELS = "furniture_graphic_labels.txt" phrases;
    /// Labels before a colon that open a link line ("Related:").
    FURNITURE_LINK_LABELS = "furniture_link_labels.txt" phrases;
    /// What "This ..." opens a caption of ("This graphic").
    FURNITURE_GRAPHIC_NOUNS = "furniture_graphic_nouns.txt";
    /// Page prompts a line opens with ("Story continues below").
    FURNITURE_PAGE_PROMPTS = "furniture_page_prompts.txt" phrases;
    /// Verbs of a gallery prompt ("View the gallery").
    FURNITURE_GALLERY_VERBS = "furniture_gallery_verbs.txt";
    /// Verbs of a follow line ("Follow us on ...").
    FURNITURE_FOLLOW_VERBS = "furniture_follow_verbs.txt";
    /// Social networks of follow and share lines.
    FURNITURE_SOCIAL_NETWORKS = "furniture_social_networks.txt";
    /// Share buttons ("Share this article").
    FURNITURE_SHARE_VERBS = "furniture_share_verbs.txt";
    /// Work a byline credits ("Reporting by").
    FURNITURE_CREDIT_LINES = "furniture_credit_lines.txt";
    /// Labels of a standards footer ("Our Standards:").
    FURNITURE_STANDARDS_LABELS = "furniture_standards_labels.txt" phrases;
    /// Verbs of a contact line ("Contact the author").
    FURNITURE_CONTACT_VERBS = "furniture_contact_verbs.txt";
    /// Who a contact line reaches ("the reporter").
    FURNITURE_AUTHOR_NOUNS = "furniture_author_nouns.txt";
    /// What a syndication note calls the article ("This story").
    FURNITURE_ARTICLE_NOUNS = "furniture_article_nouns.txt";
    /// What a syndication note says was done to the article ("was first published").
    FURNITURE_PUBLICATION_VERBS = "furniture_publication_verbs.txt" phrases;
    /// Labels of a note about the article ("Correction:").
    FURNITURE_ARTICLE_NOTES = "furniture_article_notes.txt";
    /// Copyright notices anywhere in a sentence ("All rights reserved").
    FURNITURE_COPYRIGHT_NOTICES = "furniture_copyright_notices.txt" phrases;
    /// Sign-in prompts before "or"/"to" ("Sign in or ...").
    FURNITURE_SIGN_IN_PROMPTS = "furniture_sign_in_prompts.txt" phrases;
    /// Sign-in, consent and subscription phrases anywhere in a sentence.
    FURNITURE_FOOTER_PHRASES = "furniture_footer_phrases.txt" phrases;
    /// A site's policies ("our Privacy Policy").
    FURNITURE_SITE_POLICIES = "furniture_site_policies.txt" phrases;
    /// Newsletter prompts ("Sign up for our ...").
    FURNITURE_NEWSLETTER_PROMPTS = "furniture_newsletter_prompts.txt" phrases;
    /// Gallery phrases anywhere in a sentence ("photo gallery").
    FURNITURE_GALLERY_PHRASES = "furniture_gallery_phrases.txt" phrases;
    /// Credit notices under a picture ("Purchase Licensing Rights").
    FURNITURE_CREDIT_NOTICES = "furniture_credit_notices.txt" phrases;
    /// A contributor's line ("contributed reporting to this report").
    FURNITURE_CONTRIBUTION_PHRASES = "furniture_contribution_phrases.txt" phrases;
    // -- clean7: the credit, wire-line, address and byline words of clean/.
    /// Who a picture is credited to after a slash ("Jane Doe/Reuters").
    FURNITURE_CREDIT_SOURCES = "furniture_credit_sources.txt" phrases;
    /// Who a picture came through at a credit's end ("... via AP").
    FURNITURE_VIA_SOURCES = "furniture_via_sources.txt" phrases;
    /// Agencies that open a picture's credit ("AP Photo/...").
    FURNITURE_PHOTO_AGENCIES = "furniture_photo_agencies.txt";
    /// What a credit credits ("Photo: ...").
    FURNITURE_PHOTO_NOUNS = "furniture_photo_nouns.txt";
    /// Labels of a credit before a colon ("Credit: ...").
    FURNITURE_CREDIT_LABELS = "furniture_credit_labels.txt";
    /// Picture agencies whose name is a whole credit ("Getty Images").
    FURNITURE_STOCK_AGENCIES = "furniture_stock_agencies.txt" phrases;
    /// News agencies whose name alone is a wire line ("(Reuters) -").
    FURNITURE_WIRE_AGENCIES = "furniture_wire_agencies.txt" phrases;
    /// Words that end a street's name after a house number, one a line: the full word, then
    /// its short forms ("street st").
    STREET_WORDS = "street_words.txt";
    /// Words after "By" that start a phrase of time or manner, not an author's name.
    BYLINE_NON_NAMES = "byline_non_names.txt";
    /// Lower-case words between the names of a byline ("and", "von").
    FURNITURE_BYLINE_JOINERS = "furniture_byline_joiners.txt";
    /// Jobs a correspondent's name line ends with ("diplomatic correspondent").
    FURNITURE_BYLINE_ROLES = "furniture_byline_roles.txt" phrases;
    /// Labels of a time stamp ("Updated 3 minutes ago").
    FURNITURE_STAMP_LABELS = "furniture_stamp_labels.txt";
    /// Units of a time stamp's age ("2 hours ago").
    FURNITURE_STAMP_UNITS = "furniture_stamp_units.txt";
    /// What a syndication line says an agency did ("Distributed by").
    FURNITURE_SYNDICATION_VERBS = "furniture_syndication_verbs.txt";
    /// What a gallery's counter counts ("Photo 3 of 12").
    FURNITURE_SLIDE_NOUNS = "furniture_slide_nouns.txt";
    // -- values6
    /// Words that tell an article's own date in its first lines from an event's ("Updated",
    /// "born"), one role a line.
    ARTICLE_DATE_WORDS = "article_date_words.txt";
    /// Words after or before "one" that make it a pronoun ("one of", "no one"), one role a
    /// line.
    ONE_AS_A_PRONOUN = "one_as_a_pronoun.txt";
    /// Currencies named after a figure ("20 dollars"), one a line: the ISO code, then the
    /// names.
    CURRENCY_NAMES = "currency_names.txt";
    // -- values7
    /// Words after a figure that make it a percentage ("per cent", "basis points"), one a
    /// line, longest first where one starts another.
    PERCENT_WORDS = "percent_words.txt" phrases;
    /// Words before "half" or "quarter" that make it a period ("last quarter").
    PERIOD_OPENERS = "period_openers.txt";
    /// Words around an ordinal that make it an idiom or a rank ("first place", "came second"),
    /// one role a line.
    ORDINAL_IDIOMS = "ordinal_idioms.txt";
    /// Words that open a two-word unit after "per" ("per square mile").
    UNIT_MODIFIERS = "unit_modifiers.txt";
    /// Words that may be hyphenated to a number outside a name ("mid-2019").
    FREE_PREFIXES = "free_prefixes.txt";
    /// Words after a four-digit number that make it a count or leave it a year ("2000
    /// people", "2020 elections"), one role a line.
    YEAR_CONTEXT_WORDS = "year_context_words.txt";
    /// Units after a weekday's number that make it an offset ("Sunday 3 weeks after"), each
    /// a prefix of the words it stands for.
    OFFSET_UNITS = "offset_units.txt";
    /// Words between a number and the plural it counts ("three more people").
    COUNT_MODIFIERS = "count_modifiers.txt";
    /// Words before "half" that make it a bounded share ("nearly half").
    SHARE_BOUNDS = "share_bounds.txt";
    /// Prepositions before a month named without a year ("since May").
    MONTH_PREPOSITIONS = "month_prepositions.txt";
    /// Words after "half" that make it a share of something ("half of the districts").
    SHARE_CONTINUATIONS = "share_continuations.txt";
    /// Month and weekday forms that in lower case are usually other words ("may").
    MONTHS_READ_AS_VERBS = "months_read_as_verbs.txt";
    // -- dates8
    /// Words before a month or a year that name a part of it ("early", "the end of").
    PERIOD_PARTS = "period_parts.txt" phrases;
    // -- speakers8
    /// The adjectives of peoples and countries ("Chinese"): whose officials they are.
    DEMONYMS = "demonyms.txt";
    /// Countries named by their initials ("US", "UK"): places, not bodies.
    COUNTRY_ACRONYMS = "country_acronyms.txt";
    /// Nouns for a business ("the company"), a pick of the body nouns.
    BUSINESS_NOUNS = "business_nouns.txt";
    // -- dates9
    /// Words of a record or a count of occasions, after which "in three years" measures how
    /// long since ("the first time in 25 years").
    RECORD_WORDS = "record_words.txt";
    // -- speakers9
    /// Prepositions of place: their object is never the subject of the verb after it.
    PLACE_PREPOSITIONS = "place_prepositions.txt";
    /// Nouns for a person the article may not name ("the patient"), who speaks under them.
    PERSON_NOUNS = "person_nouns.txt";
    /// Particles after "called" that make a call, not words said ("called in").
    CALL_PARTICLES = "call_particles.txt";
    // -- speakers10
    /// Given names: a name that opens with one may be a person's even where it holds a place.
    GIVEN_NAMES = "given_names.txt";
    /// Words that are both a given name and a place ("Jordan").
    GIVEN_NAMES_AND_PLACES = "given_names_and_places.txt";
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

/// The list of the lexicon file `name.txt`.
pub fn list_named(name: &str) -> Option<&'static List> {
    ALL.iter()
        .find(|list| list.name.strip_suffix(".txt") == Some(name))
        .copied()
}

/// `pattern` with each `{name}` slot replaced by `group` of the lexicon list `name.txt`, so
/// that a rule's pattern names its word lists instead of copying them. A `{` not followed by
/// a list name and `}` is the pattern's own, as in `\d{1,2}`.
pub fn fill_slots(pattern: &str, group: impl Fn(&List) -> String) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            let name = &after[..name_len];
            let list = list_named(name).unwrap_or_else(|| panic!("no lexicon list {name}.txt"));
            out.push_str(&group(list));
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Month and weekday names and short forms, longest first, as one regex alternation: a
/// pattern built from the lexicon instead of a copy of it.
pub fn alternation(list: &List) -> String {
    let mut entries = list.entries();
    entries.sort_by_key(|w| std::cmp::Reverse(w.len()));
    // The words of a phrase are apart by any white space; the lists hold no regex syntax but
    // the hyphen and the apostrophe, which stand for themselves.
    let entries: Vec<String> = entries.iter().map(|e| e.replace(' ', r"\s+")).collect();
    format!("({})", entries.join("|"))
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

// -- values3
/// The words of one list as a set for exact, case-sensitive lookups of words the caller has
/// already lower-cased: the value rules ask several of these for every number.
pub struct WordSet(WordTable<()>);

impl WordSet {
    pub fn of(list: &'static List) -> WordSet {
        WordSet::of_all(&[list])
    }

    /// The words of several lists as one set: a class that is one list's words and another's.
    pub fn of_all(lists: &[&'static List]) -> WordSet {
        WordSet(WordTable::new(
            lists.iter().flat_map(|list| list.words()).map(|w| (w, ())),
        ))
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.0.get(word).is_some()
    }
}

/// Words of up to 16 bytes mapped to a value, each word packed into two integers (its bytes,
/// zero-padded) in an open-addressing table: a lookup is one multiply and usually one
/// comparison of two integers, as cheap as the `match` on strings the lists replaced.
/// Longer words (none of the lists has one) are kept aside and compared one by one.
pub struct WordTable<T> {
    keys: Vec<(u64, u64)>,
    values: Vec<Option<T>>,
    long: Vec<(String, T)>,
}

impl<T: Copy> WordTable<T> {
    pub fn new<'a>(entries: impl Iterator<Item = (&'a str, T)>) -> WordTable<T> {
        let entries: Vec<(&str, T)> = entries.collect();
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut table = WordTable {
            keys: vec![(0, 0); size],
            values: vec![None; size],
            long: Vec::new(),
        };
        for (word, value) in entries {
            let Some(key) = pack16(word.as_bytes()) else {
                table.long.push((word.to_string(), value));
                continue;
            };
            let mut i = table.slot(key);
            while table.values[i].is_some() && table.keys[i] != key {
                i = (i + 1) & (size - 1);
            }
            table.keys[i] = key;
            table.values[i] = Some(value);
        }
        table
    }

    #[inline]
    fn slot(&self, key: (u64, u64)) -> usize {
        let mixed = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 40) as usize & (self.keys.len() - 1)
    }

    #[inline]
    pub fn get(&self, word: &str) -> Option<T> {
        let Some(key) = pack16(word.as_bytes()) else {
            return self.long.iter().find(|(w, _)| w == word).map(|(_, v)| *v);
        };
        let mut i = self.slot(key);
        loop {
            let value = self.values[i]?;
            if self.keys[i] == key {
                return Some(value);
            }
            i = (i + 1) & (self.keys.len() - 1);
        }
    }
}

/// A word of 1 to 16 bytes as two little-endian integers, zero-padded; `None` otherwise (and
/// for a word ending in a zero byte, which padding would make ambiguous).
#[inline]
fn pack16(word: &[u8]) -> Option<(u64, u64)> {
    if word.is_empty() || word.len() > 16 || word.last() == Some(&0) {
        return None;
    }
    let mut buffer = [0u8; 16];
    buffer[..word.len()].copy_from_slice(word);
    let (low, high) = buffer.split_at(8);
    Some((
        u64::from_le_bytes(low.try_into().ok()?),
        u64::from_le_bytes(high.try_into().ok()?),
    ))
}

/// What one number word means, read from the number lists: the one place that knows that
/// "forty" is 40 and "mln" a million. Matching may read numbers written in words with it too.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    /// Zero to nineteen.
    Unit(u32),
    /// Twenty to ninety.
    Tens(u32),
    Hundred,
    Dozen,
    /// Thousand and up, lakh and crore.
    Scale(f64),
    Half,
    Quarter,
    /// "first", "twentieth", "millionth"; `plural` for a fraction's denominator ("fifths").
    Ordinal {
        rank: f64,
        plural: bool,
    },
}

/// The meaning of a lower-case number word ("forty", "mln", "fifths"), or `None`.
#[inline]
pub fn number_word(word: &str) -> Option<NumberWord> {
    static WORDS: LazyLock<WordTable<NumberWord>> = LazyLock::new(|| {
        let words = number_words();
        WordTable::new(words.iter().map(|(w, meaning)| (w.as_str(), *meaning)))
    });
    WORDS.get(word)
}

/// Every number word with its meaning, each form once: what `number_word` reads and what the
/// value stage's fast pre-check is built from.
pub fn number_words() -> Vec<(String, NumberWord)> {
    let mut words: Vec<(String, NumberWord)> = Vec::new();
    let mut add = |list: &List, meaning: &dyn Fn(usize) -> NumberWord| {
        for (i, forms) in list.lines().enumerate() {
            words.extend(forms.into_iter().map(|w| (w.to_string(), meaning(i))));
        }
    };
    add(&NUMBER_UNITS, &|i| NumberWord::Unit(i as u32));
    add(&NUMBER_TENS, &|i| NumberWord::Tens(20 + 10 * i as u32));
    add(&NUMBER_MULTIPLIERS, &|i| {
        if i == 0 {
            NumberWord::Hundred
        } else {
            NumberWord::Dozen
        }
    });
    add(&NUMBER_SCALES, &|i| {
        NumberWord::Scale(1e3f64.powi(i as i32 + 1))
    });
    add(&NUMBER_SCALES_INDIAN, &|i| {
        NumberWord::Scale(1e5 * 100f64.powi(i as i32))
    });
    add(&NUMBER_FRACTIONS, &|i| {
        if i == 0 {
            NumberWord::Half
        } else {
            NumberWord::Quarter
        }
    });
    let ordinal = |rank: f64| NumberWord::Ordinal {
        rank,
        plural: false,
    };
    add(&ORDINAL_UNITS, &|i| ordinal(i as f64 + 1.0));
    add(&ORDINAL_TENS, &|i| ordinal(20.0 + 10.0 * i as f64));
    // The ordinal of a scale is its first word with "th": "hundredth", "millionth".
    let hundred = NUMBER_MULTIPLIERS.lines().next().map(|forms| forms[0]);
    words.extend(hundred.map(|w| (format!("{w}th"), ordinal(100.0))));
    for (i, forms) in NUMBER_SCALES.lines().enumerate() {
        words.push((
            format!("{}th", forms[0]),
            ordinal(1e3f64.powi(i as i32 + 1)),
        ));
    }
    // A plural ordinal is a fraction's denominator: "three fifths", "three twenty-firsts";
    // "seconds" are a unit of time.
    let plurals: Vec<(String, NumberWord)> = words
        .iter()
        .filter_map(|(w, meaning)| match *meaning {
            NumberWord::Ordinal { rank, .. } if rank != 2.0 => {
                Some((format!("{w}s"), NumberWord::Ordinal { rank, plural: true }))
            }
            _ => None,
        })
        .collect();
    words.extend(plurals);
    words
}

// -- dates8
/// Days named rather than numbered, with the rule that places each in a year.
mod named_days;
pub use named_days::{DayRule, NAMED_DAYS, NamedDay};

#[cfg(test)]
mod tests {
    use super::*;

    /// A word listed twice in one list is a sign that two people kept two copies.
    #[test]
    fn no_list_repeats_a_word() {
        for list in ALL {
            let mut seen = std::collections::HashSet::new();
            for word in list.entries() {
                assert!(
                    seen.insert(word.clone()),
                    "{} lists {word:?} twice",
                    list.name
                );
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
        // -- values3: words the value rules read in one role and other stages in another
        // ("council" votes a tally and names a body; "people" is counted and speaks; "day"
        // measures and dates; "second" ranks and measures; "said" starts no noun phrase).
        ("ambiguous_speech_verbs.txt", "instrument_words.txt"),
        ("body_nouns.txt", "voting_bodies.txt"),
        ("change_verbs.txt", "relative_date_words.txt"),
        ("change_verbs.txt", "score_outcomes.txt"),
        ("counted_units.txt", "electoral_nouns.txt"),
        ("counted_units.txt", "generic_sources.txt"),
        ("counted_units.txt", "irregular_plurals.txt"),
        ("counted_units.txt", "titles.txt"),
        ("counted_units.txt", "value_labels.txt"),
        ("documents.txt", "instrument_words.txt"),
        ("function_words.txt", "score_outcomes.txt"),
        ("function_words.txt", "speech_verbs.txt"),
        ("function_words.txt", "value_labels.txt"),
        ("generic_sources.txt", "irregular_plurals.txt"),
        ("holiday_leads.txt", "place_cues.txt"),
        ("instrument_words.txt", "organisation_cues.txt"),
        ("irregular_plurals.txt", "measure_units.txt"),
        ("measure_units.txt", "ordinal_units.txt"),
        ("measure_units.txt", "relative_date_words.txt"),
        ("measure_units.txt", "span_words.txt"),
        ("non_nouns.txt", "organisation_cues.txt"),
        ("non_nouns.txt", "quantity_openers.txt"),
        ("organisation_cues.txt", "voting_bodies.txt"),
        ("quantity_openers.txt", "score_outcomes.txt"),
        ("quantity_openers.txt", "speech_verbs.txt"),
        // -- the merge of speakers3 and values3: the speakers stage's word classes and the value
        // rules' lists meet on words in two roles ("ten" is no name and a number; "were" ends a
        // noun phrase and starts no counted one).
        ("auxiliaries.txt", "count_stop_words.txt"), // could, had, has, have
        ("auxiliaries.txt", "non_nouns.txt"),        // does
        ("be_verbs.txt", "count_stop_words.txt"),    // are, be, been, is
        ("change_verbs.txt", "count_stop_words.txt"), // down, up
        ("change_verbs.txt", "plain_speech_verbs.txt"), // added
        ("count_stop_words.txt", "generic_sources.txt"), // others
        ("count_stop_words.txt", "measure_units.txt"), // percent, point
        ("count_stop_words.txt", "name_joiners.txt"), // for, of, the
        ("count_stop_words.txt", "plain_speech_verbs.txt"), // said, says
        ("count_stop_words.txt", "sentence_adverbs.txt"), // also, earlier, just, later
        ("count_stop_words.txt", "source_prepositions.txt"), // per
        ("count_stop_words.txt", "speech_verbs.txt"), // points
        ("function_words.txt", "non_nouns.txt"),     // afterwards
        ("function_words.txt", "quantity_openers.txt"), // all, another, next, our
        ("function_words.txt", "relative_date_words.txt"), // today, tomorrow, tonight, yesterday
        ("irregular_plurals.txt", "kind_nouns.txt"), // police
        ("kind_nouns.txt", "voting_bodies.txt"),     // court
        ("kinds_of_body.txt", "voting_bodies.txt"),  // congress, house, parliament, senate
        ("non_nouns.txt", "verb_adverbs.txt"),       // always
        ("ordinal_units.txt", "verb_adverbs.txt"),   // first
        ("organisation_nouns.txt", "voting_bodies.txt"), // board, committee, council
        ("place_cues.txt", "speech_verbs.txt"),      // city
        ("quantity_openers.txt", "sentence_adverbs.txt"), // last
        // -- values4: the tense markers are verbs other lists read in another role ("had" is
        // an auxiliary to the speakers stage and a past tense to the dates).
        ("auxiliaries.txt", "future_markers.txt"), // could, might, should, will, would
        ("count_stop_words.txt", "future_markers.txt"), // could, will, would
        ("function_words.txt", "future_markers.txt"), // until
        ("future_markers.txt", "months.txt"),      // may
        ("auxiliaries.txt", "past_markers.txt"),   // did, had
        ("be_verbs.txt", "past_markers.txt"),      // was, were
        ("change_verbs.txt", "past_markers.txt"),  // fell, lost, rose
        ("count_stop_words.txt", "past_markers.txt"), // had, said, was, were
        ("past_markers.txt", "plain_speech_verbs.txt"), // said, told
        ("past_markers.txt", "score_outcomes.txt"), // lost, won
        ("outcome_verbs.txt", "past_markers.txt"), // lost, took, won
        ("anchor_words.txt", "count_stop_words.txt"), // earlier, later
        ("anchor_words.txt", "sentence_adverbs.txt"), // earlier, later
        ("future_markers.txt", "sentence_openers.txt"), // let's
        // -- stages6: a furniture rule's slot holds the words of its own pattern, some of them
        // words other stages read in another role ("email" a share button and a contact
        // line's verb, a document, a contact noun; "poll" a graphic's label and an electoral
        // noun), and rules of one kind of furniture share words ("video" a graphic's label, a
        // link's label and what a caption shows).
        (
            "furniture_account_actions.txt",
            "furniture_sign_in_prompts.txt",
        ), // sign in, login
        ("counted_units.txt", "furniture_article_nouns.txt"), // story
        ("documents.txt", "furniture_article_nouns.txt"),     // report
        ("furniture_article_nouns.txt", "organisation_cues.txt"), // post
        ("furniture_article_nouns.txt", "value_labels.txt"),  // article
        ("furniture_author_nouns.txt", "role_titles.txt"),    // author
        ("furniture_author_nouns.txt", "titles.txt"),         // reporter
        ("contact_nouns.txt", "furniture_contact_verbs.txt"), // email
        // What a syndication note says was done to an article is what a dateline labels.
        ("article_date_words.txt", "furniture_publication_verbs.txt"), // published, updated
        // "Place" ends a street's name ("12 Downing Place") and follows a rank ("first place").
        ("ordinal_idioms.txt", "street_words.txt"), // place
        ("documents.txt", "furniture_contact_verbs.txt"), // email
        ("furniture_contact_verbs.txt", "furniture_share_verbs.txt"), // email, e-mail
        ("contact_nouns.txt", "furniture_share_verbs.txt"), // email
        ("documents.txt", "furniture_share_verbs.txt"), // email
        (
            "furniture_credit_lines.txt",
            "furniture_publication_verbs.txt",
        ), // produced
        ("furniture_credit_lines.txt", "speech_participles.txt"), // reporting
        ("function_words.txt", "furniture_follow_verbs.txt"), // like
        ("electoral_nouns.txt", "furniture_graphic_labels.txt"), // poll
        (
            "furniture_graphic_labels.txt",
            "furniture_graphic_nouns.txt",
        ), // chart, map, video
        ("furniture_graphic_labels.txt", "furniture_link_labels.txt"), // photo, timeline
        ("furniture_graphic_nouns.txt", "furniture_link_labels.txt"), // video
        ("function_words.txt", "furniture_link_labels.txt"), // more
        ("furniture_link_labels.txt", "furniture_more_prompts.txt"), // read more
        ("furniture_link_labels.txt", "organisation_cues.txt"), // watch
        ("furniture_link_labels.txt", "speech_verbs.txt"), // recommended
        ("furniture_publication_verbs.txt", "impression_verbs.txt"), // appeared
        ("furniture_publication_verbs.txt", "role_phrases.txt"), // part of
        // -- clean7: the agencies that credit pictures also send the wire and sell stock
        // pictures, and are organisations to the speakers stage.
        (
            "furniture_credit_sources.txt",
            "furniture_wire_agencies.txt",
        ), // reuters, ap, afp
        (
            "furniture_credit_sources.txt",
            "furniture_stock_agencies.txt",
        ), // getty images
        ("furniture_credit_sources.txt", "organisation_cues.txt"), // reuters
        ("furniture_wire_agencies.txt", "organisation_cues.txt"),  // reuters
        // "PA": an agency and Pennsylvania's short form
        (
            "abbreviations_closing_capitalised.txt",
            "furniture_credit_sources.txt",
        ),
        // "photo", "video": what a credit credits, a graphic's label and a link's label
        ("furniture_graphic_labels.txt", "furniture_photo_nouns.txt"),
        ("furniture_graphic_nouns.txt", "furniture_photo_nouns.txt"),
        ("furniture_link_labels.txt", "furniture_photo_nouns.txt"),
        // -- values7: "the first thing" and "one thing": the noun after a number that makes it
        // an idiom, read by two rules
        ("one_as_a_pronoun.txt", "ordinal_idioms.txt"), // thing
        // -- dates8: "mid-2019" is no name to the number rules and the middle of a year to
        // the date rules.
        ("free_prefixes.txt", "period_parts.txt"),
        // -- speakers8: "US" the country, "us" the pronoun (lookups fold case; the speakers
        // stage reads a country's initials only written in capitals)
        ("country_acronyms.txt", "non_nouns.txt"),
        ("country_acronyms.txt", "quantity_openers.txt"),
        // -- dates9: "time" a unit of measure and a count of occasions ("the first time"),
        // "times" a multiplier, a paper's name and a count of occasions.
        ("measure_units.txt", "record_words.txt"),
        ("non_nouns.txt", "record_words.txt"),
        ("organisation_cues.txt", "record_words.txt"),
    ];

    /// -- stages4: role lists, a stage's pick of words for one role from the lists named beside
    /// it (the words that cannot end a line are function words). A word of a role list that
    /// one of those lists holds is that list's word; any other word of it is in no other list.
    const ROLES: &[(&str, &[&str])] = &[
        // -- speakers8: "the company" and "the firm" refer back to the business named most
        (
            "business_nouns.txt",
            &["organisation_nouns.txt", "body_nouns.txt"],
        ),
        // a line ending in "the", "is" or "said" was wrapped ("than": a count's stop word too)
        (
            "unfinished_line_words.txt",
            &[
                "function_words.txt",
                "plain_speech_verbs.txt",
                "count_stop_words.txt",
            ],
        ),
        // the splitter keeps a quote and "she said" together, but not "She agreed."
        (
            "quote_closing_verbs.txt",
            &["speech_verbs.txt", "plain_speech_verbs.txt"],
        ),
        // "... ,” she said on Tuesday / last week."
        (
            "attribution_continuations.txt",
            &["function_words.txt", "sentence_adverbs.txt"],
        ),
        // "May" opens sentences as a modal; "Police" as a subject
        ("sentence_openers.txt", &["months.txt", "kind_nouns.txt"]),
        // the claims rules' words that are also words of other classes: "often" an adverb,
        // "won" a score's outcome, "some" a function word, "warn" a speech verb, "may" a
        // month, "declined" a change, "email" a document
        ("characterisation_adverbs.txt", &["verb_adverbs.txt"]),
        ("outcome_verbs.txt", &["score_outcomes.txt"]),
        (
            "tally_verbs.txt",
            &["score_outcomes.txt", "outcome_verbs.txt"],
        ),
        (
            "unnamed_sources.txt",
            &["generic_sources.txt", "function_words.txt"],
        ),
        (
            "forecast_verbs.txt",
            &["speech_verbs.txt", "plain_speech_verbs.txt"],
        ),
        ("modal_verbs.txt", &["auxiliaries.txt", "months.txt"]),
        ("subject_pronouns.txt", &["function_words.txt"]),
        (
            "clause_openers.txt",
            &["function_words.txt", "sentence_adverbs.txt"],
        ),
        ("refusal_verbs.txt", &["change_verbs.txt"]),
        ("contact_nouns.txt", &["documents.txt"]),
        // the common words that say nothing of a claim's content are function words,
        // auxiliaries, forms of "be" and sentence adverbs
        (
            "wording_stop_words.txt",
            &[
                "function_words.txt",
                "auxiliaries.txt",
                "be_verbs.txt",
                "sentence_adverbs.txt",
                "unfinished_line_words.txt",
                "count_stop_words.txt",
            ],
        ),
        // the period's role of a title, a place cue or a company word's short form; "Mt." is
        // a mountain's and Mountain Time, "Pt." a part's and Pacific Time, "No." a number's
        // and a function word, "La." Louisiana's and a particle, "Miss." a state's and a form
        // of address
        (
            "abbreviations_before_names.txt",
            &[
                "abbreviations.txt",
                "forms_of_address.txt",
                "place_cues.txt",
                "role_titles.txt",
                "titles.txt",
            ],
        ),
        (
            "abbreviations_before_numbers.txt",
            &["function_words.txt", "value_labels.txt", "time_zones.txt"],
        ),
        (
            "abbreviations_closing.txt",
            &[
                "name_particles.txt",
                "name_suffixes.txt",
                "organisation_cues.txt",
                "organisation_nouns.txt",
                "time_zones.txt",
            ],
        ),
        (
            "abbreviations_closing_capitalised.txt",
            &["forms_of_address.txt", "name_particles.txt"],
        ),
        // -- values6: "since", "until", "from", "by" before a date make it an event's
        (
            "article_date_words.txt",
            &["function_words.txt", "future_markers.txt"],
        ),
        // "one of", "one could", "one day", "no one": the words around a pronoun "one"
        (
            "one_as_a_pronoun.txt",
            &[
                "function_words.txt",
                "auxiliaries.txt",
                "be_verbs.txt",
                "modal_verbs.txt",
                "measure_units.txt",
                "count_stop_words.txt",
                "quantity_openers.txt",
                "sentence_openers.txt",
            ],
        ),
        // "5,000 won": a currency and a past tense
        ("currency_names.txt", &["score_outcomes.txt"]),
        // -- clean7: "via AP" is a pick of the slash credits' agencies; "AP Photo" of those
        // and the wire's; "Street" is a place cue, "Lane" a counted unit, "Court" a body,
        // "Ave." closes a company's address, "way" follows a pronoun "one";
        // "By The ..." and "By Then ..." open no name
        (
            "furniture_via_sources.txt",
            &["furniture_credit_sources.txt"],
        ),
        (
            "furniture_photo_agencies.txt",
            &[
                "furniture_credit_sources.txt",
                "furniture_wire_agencies.txt",
            ],
        ),
        (
            "street_words.txt",
            &[
                "place_cues.txt",
                "counted_units.txt",
                "voting_bodies.txt",
                "abbreviations_closing.txt",
                "abbreviations_before_names.txt",
                "one_as_a_pronoun.txt",
            ],
        ),
        (
            "byline_non_names.txt",
            &[
                "function_words.txt",
                "count_stop_words.txt",
                "sentence_adverbs.txt",
            ],
        ),
        // a byline's joiners are name particles and "and"; its jobs are titles and roles
        (
            "furniture_byline_joiners.txt",
            &[
                "name_particles.txt",
                "function_words.txt",
                "abbreviations_closing_capitalised.txt",
            ],
        ),
        (
            "furniture_byline_roles.txt",
            &[
                "titles.txt",
                "role_titles.txt",
                "role_nouns.txt",
                "furniture_author_nouns.txt",
            ],
        ),
        // a time stamp's labels are a dateline's and a syndication note's verbs, its units
        // measures ("min" also closes an abbreviation); a gallery counts photos
        (
            "furniture_stamp_labels.txt",
            &["article_date_words.txt", "furniture_publication_verbs.txt"],
        ),
        (
            "furniture_stamp_units.txt",
            &["measure_units.txt", "abbreviations_closing.txt"],
        ),
        ("furniture_slide_nouns.txt", &["furniture_photo_nouns.txt"]),
        // -- values7: the words of a value rule that other lists read in another role
        // ("percent" a count's stop word and a unit; "last" a quantity's opener; "was" a form
        // of "be"; "square" a place cue; "post" a body's word and "won" a past tense)
        (
            "percent_words.txt",
            &["count_stop_words.txt", "measure_units.txt"],
        ),
        (
            "period_openers.txt",
            &[
                "function_words.txt",
                "count_stop_words.txt",
                "quantity_openers.txt",
                "sentence_adverbs.txt",
                "source_prepositions.txt",
                "anchor_words.txt",
            ],
        ),
        (
            "ordinal_idioms.txt",
            &["count_stop_words.txt", "be_verbs.txt", "past_markers.txt"],
        ),
        ("unit_modifiers.txt", &["place_cues.txt"]),
        (
            "free_prefixes.txt",
            &[
                "organisation_cues.txt",
                "furniture_article_nouns.txt",
                "score_outcomes.txt",
                "past_markers.txt",
            ],
        ),
        // "2000 people", "2020 elections", "Sunday 3 weeks": counted things, scales, electoral
        // nouns and units that other stages read as such
        (
            "year_context_words.txt",
            &[
                "count_stop_words.txt",
                "number_scales.txt",
                "electoral_nouns.txt",
                "irregular_plurals.txt",
                "past_markers.txt",
            ],
        ),
        (
            "offset_units.txt",
            &[
                "relative_date_words.txt",
                "span_words.txt",
                "measure_units.txt",
            ],
        ),
        // "three more people", "nearly half", "since May": function words, openers of a
        // quantity and adverbs in another role
        (
            "count_modifiers.txt",
            &["function_words.txt", "verb_adverbs.txt"],
        ),
        (
            "share_bounds.txt",
            &[
                "function_words.txt",
                "count_stop_words.txt",
                "quantity_openers.txt",
                "score_outcomes.txt",
            ],
        ),
        (
            "month_prepositions.txt",
            &[
                "function_words.txt",
                "count_stop_words.txt",
                "future_markers.txt",
            ],
        ),
        (
            "share_continuations.txt",
            &["function_words.txt", "count_stop_words.txt"],
        ),
        // "may", "march", "sun": month and weekday forms
        ("months_read_as_verbs.txt", &["months.txt", "weekdays.txt"]),
        // -- speakers9: "in", "on", "at" are function words to every other rule, "across"
        // no noun, "within" and "around" words about a count
        (
            "place_prepositions.txt",
            &[
                "function_words.txt",
                "non_nouns.txt",
                "quantity_openers.txt",
                "count_stop_words.txt",
            ],
        ),
        // "man" is a counted noun, "mother" and "father" lead holidays' names
        (
            "person_nouns.txt",
            &["counted_units.txt", "holiday_leads.txt"],
        ),
        // "in" is a function word, "up" and "out" also stop a count ("up 5%"), "up" is a change
        // verb
        (
            "call_particles.txt",
            &[
                "function_words.txt",
                "count_stop_words.txt",
                "change_verbs.txt",
            ],
        ),
    ];

    /// Whether `word` of `list` is a role list's pick from one of its classes.
    fn picked(list: &List, word: &str) -> bool {
        let Some((_, classes)) = ROLES.iter().find(|(role, _)| *role == list.name) else {
            return false;
        };
        ALL.iter()
            .filter(|class| classes.contains(&class.name))
            .any(|class| class.entries().iter().any(|w| w == word))
    }

    #[test]
    fn no_word_is_in_two_lists() {
        let mut owner: std::collections::HashMap<String, &str> = Default::default();
        for list in ALL {
            for word in list
                .entries()
                .into_iter()
                .collect::<std::collections::HashSet<_>>()
            {
                if picked(list, &word) {
                    continue;
                }
                if let Some(other) = owner.insert(word.clone(), list.name) {
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
            for word in list.entries() {
                assert_eq!(word, word.to_lowercase(), "{}", list.name);
                assert!(!word.ends_with('.'), "{} {word}", list.name);
            }
        }
        assert_eq!(MONTHS.lines().count(), 12);
        assert_eq!(WEEKDAYS.lines().count(), 7);
    }

    /// -- stages4: an entry no consumer can see is dead weight that looks like coverage. The
    /// consumers read words made of letters and digits, with the marks that stay inside a word
    /// ("re-election", "gov't", "it’s", "u.s", "n°"); an entry with any other character (a
    /// comma, a bracket, a quotation mark) is never looked up. Lists of phrases are read by
    /// regexes only, each word of a phrase as a word.
    #[test]
    fn every_entry_can_be_reached() {
        let inside_a_word = |c: char| c.is_alphanumeric() || "-'’.°º".contains(c);
        for list in ALL {
            for entry in list.entries() {
                for word in entry.split(' ') {
                    // in a phrase, "*" is any letters ("*ed") and "'ll" is glued to the word
                    // before
                    let word = if list.phrases {
                        word.trim_start_matches('*')
                    } else {
                        word
                    };
                    let glued = list.phrases && word.starts_with(['\'', '’']);
                    assert!(
                        list.phrases && word.is_empty()
                            || word.chars().all(inside_a_word)
                                && (glued
                                    || word.chars().next().is_some_and(char::is_alphanumeric)),
                        "{}: {word:?} holds a character no consumer reads",
                        list.name
                    );
                }
            }
        }
        for list in ALL.iter().filter(|list| list.phrases) {
            let phrases = list.entries();
            assert!(phrases.iter().any(|p| p.contains(' ')), "{}", list.name);
        }
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

    // -- values3
    /// A number word has one meaning: the grammar and matching read the same value for it.
    #[test]
    fn number_words_have_one_meaning() {
        let mut seen = std::collections::HashMap::new();
        for (word, meaning) in number_words() {
            let other = seen.insert(word.clone(), meaning);
            assert!(other.is_none(), "{word} is {other:?} and {meaning:?}");
        }
        let cases = [
            ("forty", Some(NumberWord::Tens(40))),
            ("fourteen", Some(NumberWord::Unit(14))),
            ("mln", Some(NumberWord::Scale(1e6))),
            ("crore", Some(NumberWord::Scale(1e7))),
            ("dozens", Some(NumberWord::Dozen)),
            (
                "nineth",
                Some(NumberWord::Ordinal {
                    rank: 9.0,
                    plural: false,
                }),
            ),
            (
                "millionth",
                Some(NumberWord::Ordinal {
                    rank: 1e6,
                    plural: false,
                }),
            ),
            (
                "fifths",
                Some(NumberWord::Ordinal {
                    rank: 5.0,
                    plural: true,
                }),
            ),
            ("seconds", None),
            ("forties", None),
        ];
        for (word, want) in cases {
            assert_eq!(number_word(word), want, "{word}");
        }
    }
}
