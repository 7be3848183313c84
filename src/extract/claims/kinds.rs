//! What a sentence is as a claim: checkable or not (and why), its kinds, its check-worthiness.
//!
//! The rules follow the desk's guideline: a claim asserts something a checker can verify against
//! a record. Headings, questions, datelines, bylines, unattributed characterisations ("is widely
//! seen as") and predictions with nothing present to check are kept but marked not checkable.
//! A sentence with an opinion and a verifiable fact is a claim.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{ClaimKind, Value, ValueType};

use crate::extract::clean::Furniture;
use crate::extract::lexicon::{self, WordSet};
use crate::extract::sentences;
use crate::extract::speakers::SentenceSpeech;
use crate::extract::tokens::{self, SentenceTokens, Token};

/// Why a sentence is not a checkable claim: a type inside, rendered as the `why` of
/// `extract --all` and its JSON only at the edge (`as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotCheckable {
    /// Page furniture, as the cleaner named it.
    Furniture(Furniture),
    DatelineAlone,
    NoWords,
    Byline,
    Question,
    Headline,
    HeadingLine,
    LeadIn,
    UnnamedPrediction,
    NoComment,
    Characterisation,
    Prediction,
    Hope,
    OpenQuestion,
    Impression,
    Evaluation,
    /// No rule leaves it out; the check-worthiness model scores it below its threshold.
    BelowThreshold,
}

impl NotCheckable {
    /// The reason as `extract --all` and its JSON give it (a contract of their output).
    pub fn as_str(self) -> &'static str {
        match self {
            NotCheckable::Furniture(furniture) => furniture.as_str(),
            NotCheckable::DatelineAlone => "dateline alone",
            NotCheckable::NoWords => "no words: page furniture",
            NotCheckable::Byline => "byline",
            NotCheckable::Question => "question",
            NotCheckable::Headline => "headline: restates the body, checked there",
            NotCheckable::HeadingLine => "heading or caption line",
            NotCheckable::LeadIn => "lead-in to what follows",
            NotCheckable::UnnamedPrediction => "prediction by unnamed sources",
            NotCheckable::NoComment => "no comment, nothing to check",
            NotCheckable::Characterisation => "characterisation with nothing specific to check",
            NotCheckable::Prediction => "prediction or intention with no present fact",
            NotCheckable::Hope => "stated hope, nothing verifiable",
            NotCheckable::OpenQuestion => "open question, nothing to check",
            NotCheckable::Impression => "impression, nothing verifiable",
            NotCheckable::Evaluation => "evaluation with nothing verifiable",
            NotCheckable::BelowThreshold => {
                "not check-worthy: the model scores it below the threshold"
            }
        }
    }
}

/// Serialised as its text: the JSON contract is the string.
impl serde::Serialize for NotCheckable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for NotCheckable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a sentence sits in the article, as far as checkability cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement {
    /// The first sentence of the article.
    pub first: bool,
    /// The sentence is a line of its own: nothing else on the lines it occupies.
    pub own_line: bool,
}

/// Facts about a sentence shared by checkability, kinds and the model, read off its tokens:
/// word counts, and which rule words occur. A rule whose regex scans the whole sentence runs
/// only when one of its words is there, so most sentences cost no regex scan per rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// Words as `split_whitespace` counts them.
    pub words: usize,
    /// Words after the first that start with an uppercase letter: proper names.
    pub names: usize,
    /// Which rules have one of their words in the sentence (the `TRIGGER_*` bits).
    triggers: u8,
    /// The sentence's fingerprint (a hash of its letters and digits, lowercased) and their
    /// length in bytes: two places with the same wording have the same fingerprint (claims
    /// compare the wording of equal ones to find a claim stated twice).
    pub wording_hash: u64,
    pub wording_length: usize,
    /// A quotation mark (`"` or `“`) is in the sentence.
    pub quote: bool,
}

const TRIGGER_CHARACTERISATION: u8 = 1;
const TRIGGER_EVALUATION: u8 = 2;
const TRIGGER_IMPRESSION: u8 = 4;
const TRIGGER_ELECTION: u8 = 8;
const TRIGGER_ROLE: u8 = 16;
/// The word "comment", which every no-comment sentence ends its verb phrase with.
const TRIGGER_NO_COMMENT: u8 = 64;
/// An outcome word ("won", "passed", "took"): the election rule runs only if the sentence also
/// has a figure or an electoral noun, as each of the rule's outcome patterns needs.
const TRIGGER_OUTCOME: u8 = 32;

impl Features {
    /// Tokenize `text` and read its features (for callers outside the pipeline).
    pub fn of(text: &str) -> Features {
        let tokens = tokens::tokenize_span(text, 0, text.len());
        Features::from_tokens(text, &tokens.sentences[0], tokens.of(0))
    }

    /// The features of a sentence from its tokens (`source` is the text their spans index).
    /// Rule words are maximal runs of ASCII letters, which every match of the gated regexes
    /// contains (their words sit between ASCII word boundaries, spaces or digits): a word token
    /// of ASCII letters is one run, and the others are split into their runs.
    pub fn from_tokens(source: &str, sentence: &SentenceTokens, words: &[Token]) -> Features {
        let mut triggers = 0;
        let slots: &[(u64, u8)] = &TRIGGER_TABLE.0;
        for token in words.iter().filter(|t| t.is(tokens::WORD)) {
            if token.is(tokens::ASCII_LETTERS) {
                triggers |= rules_in(slots, token.key);
                // A suffix word has seven letters or more: a shorter word's text is not read.
                if token.span.end - token.span.start >= 7 {
                    triggers |= suffix_bits(token.text(source).as_bytes());
                }
            } else {
                for run in token
                    .text(source)
                    .as_bytes()
                    .split(|b| !b.is_ascii_alphabetic())
                    .filter(|r| !r.is_empty())
                {
                    triggers |= trigger_bits(run);
                }
            }
        }
        if triggers & (TRIGGER_OUTCOME | TRIGGER_ELECTION) == TRIGGER_OUTCOME
            && outcome_has_its_object(source, words)
        {
            triggers |= TRIGGER_ELECTION;
        }
        // The case-insensitive rules match "ſ" for "s" and the Kelvin sign for "k": with
        // either in the sentence, every rule runs.
        if sentence.folding_letters {
            triggers = u8::MAX;
        }
        Features {
            words: sentence.words,
            names: sentence.names,
            triggers,
            wording_hash: sentence.fingerprint,
            wording_length: sentence.fingerprint_length,
            quote: sentence.quote,
        }
    }

    fn has(&self, trigger: u8) -> bool {
        self.triggers & trigger != 0
    }
}

/// The electoral nouns of the lexicon, as the election rule's pre-check reads them.
static ELECTORAL_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lexicon::ELECTORAL_NOUNS.words().collect());

/// Whether a sentence with an outcome word may match `ELECTION`: its outcome patterns need a
/// digit (`\d` is any Unicode digit: a word that is not ASCII letters alone might hold one) or
/// an electoral noun after a word boundary, which starts a run of ASCII letters.
fn outcome_has_its_object(source: &str, words: &[Token]) -> bool {
    words.iter().filter(|t| t.is(tokens::WORD)).any(|token| {
        if !token.is(tokens::ASCII_LETTERS) {
            return true;
        }
        let run = token.text(source).as_bytes();
        ELECTORAL_NOUNS.iter().any(|noun| {
            run.len() >= noun.len() && run[..noun.len()].eq_ignore_ascii_case(noun.as_bytes())
        })
    })
}

/// The words that gate each rule: lexicon lists whose words are the rule's, and the fixed
/// words of its pattern. The gate is built from the lists the patterns read, so a word added
/// to a list reaches both.
fn gates() -> [(u8, Vec<&'static lexicon::List>, &'static [&'static str]); 7] {
    use lexicon as l;
    [
        (
            TRIGGER_CHARACTERISATION,
            vec![&l::CHARACTERISATION_VERBS],
            &[],
        ),
        (TRIGGER_EVALUATION, vec![], &["make", "makes"]),
        (
            TRIGGER_IMPRESSION,
            vec![&l::IMPRESSION_ADJECTIVES, &l::IMPRESSION_VERBS],
            &[],
        ),
        (
            TRIGGER_ELECTION,
            vec![],
            &["poll", "polls", "vote", "voted", "votes", "voting"],
        ),
        (TRIGGER_ROLE, vec![&l::ROLE_PHRASES], &[]),
        (TRIGGER_NO_COMMENT, vec![], &["comment"]),
        // "lead": "lead in the polls".
        (
            TRIGGER_OUTCOME,
            vec![&l::OUTCOME_VERBS, &l::TALLY_VERBS],
            &["lead"],
        ),
    ]
}

/// The gate words by the tokenizer's key of each (a word's key is that of its lower-case
/// form, so the look-up ignores ASCII case), open-addressed: a word that is no rule's costs
/// one probe.
struct TriggerTable(Vec<(u64, u8)>);

impl TriggerTable {
    /// The rules a word is a word of, by its key.
    #[inline]
    fn bits(&self, key: u64) -> u8 {
        rules_in(&self.0, key)
    }
}

/// `TriggerTable::bits` over the table's slots, which a caller probing every word of a
/// sentence borrows once (read through the lazy static, they were loaded again per word).
#[inline]
fn rules_in(slots: &[(u64, u8)], key: u64) -> u8 {
    let mask = slots.len() - 1;
    let mut slot = (key >> 40) as usize & mask;
    loop {
        let (k, rules) = slots[slot];
        if rules == 0 || k == key {
            return rules;
        }
        slot = (slot + 1) & mask;
    }
}

static TRIGGER_TABLE: LazyLock<TriggerTable> = LazyLock::new(|| {
    let mut words: Vec<(&str, u8)> = Vec::new();
    for (bit, lists, fixed) in gates() {
        for list in lists {
            for line in list.lines() {
                // A phrase is found by its first word.
                let line = if list.phrases { &line[..1] } else { &line[..] };
                words.extend(line.iter().map(|w| (*w, bit)));
            }
        }
        words.extend(fixed.iter().map(|w| (*w, bit)));
    }
    let size = (words.len() * 4).next_power_of_two();
    let mut table = vec![(0u64, 0u8); size];
    for (word, bit) in words {
        let key = tokens::key_of_lower_bytes(word.as_bytes());
        let mut slot = (key >> 40) as usize & (size - 1);
        while table[slot].1 != 0 && table[slot].0 != key {
            slot = (slot + 1) & (size - 1);
        }
        table[slot] = (key, table[slot].1 | bit);
    }
    TriggerTable(table)
});

/// The election words that have no word boundary before them in the rule ("re-elected").
#[inline]
fn suffix_bits(run: &[u8]) -> u8 {
    let length = run.len();
    let ends_with = |suffix: &[u8]| {
        length >= suffix.len() && run[length - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let suffix = length >= 7
        && match run[length - 1] | 0x20 {
            b'd' => ends_with(b"elected") || ends_with(b"unseated"),
            b'n' => ends_with(b"election"),
            b'e' => ends_with(b"landslide"),
            _ => false,
        };
    if suffix { TRIGGER_ELECTION } else { 0 }
}

/// The rules a run of ASCII letters is a word of, in any case.
fn trigger_bits(run: &[u8]) -> u8 {
    suffix_bits(run) | TRIGGER_TABLE.bits(tokens::key_of_ascii(run))
}

/// A rule over a sentence's text, with the examples it was written for: one test
/// (`text_rules_match_their_examples`) runs every rule of `TEXT_RULES` on its examples. In
/// `pattern`, `{name}` stands for the alternation of the lexicon list `name.txt`.
pub struct TextRule {
    pub name: &'static str,
    pattern: &'static str,
    /// The trigger bit the sentence must have for the rule to run (0: always runs).
    gate: u8,
    // Read by the tests only: the examples live beside the pattern they explain.
    #[cfg_attr(not(test), allow(dead_code))]
    examples: &'static [&'static str],
    #[cfg_attr(not(test), allow(dead_code))]
    not: &'static [&'static str],
}

impl TextRule {
    /// Whether the rule matches `text`, running its pattern only when the gate lets it. The
    /// pattern is taken lazy and forced only past the gate: forcing it for every sentence
    /// cost more than most gates.
    fn applies(&self, regex: &LazyLock<Regex>, features: &Features, text: &str) -> bool {
        (self.gate == 0 || features.has(self.gate)) && regex.is_match(text)
    }

    fn compile(&self) -> Regex {
        Regex::new(&expand(self.pattern)).unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }
}

/// `pattern` with each `{name}` replaced by the alternation of the lexicon list `name.txt`.
fn expand(pattern: &str) -> String {
    lexicon::fill_slots(pattern, lexicon::alternation)
}

/// Every rule with its compiled pattern, for the test that runs their examples.
#[cfg(test)]
fn text_rules() -> Vec<(&'static TextRule, &'static LazyLock<Regex>)> {
    vec![
        (&DATELINE_RULE, &DATELINE),
        (&BYLINE_RULE, &BYLINE),
        (&CHARACTERISATION_RULE, &CHARACTERISATION),
        (&PREDICTION_RULE, &PREDICTION),
        (&HOPE_RULE, &HOPE),
        (&EVALUATION_RULE, &EVALUATION),
        (&NO_COMMENT_RULE, &NO_COMMENT),
        (&OPEN_QUESTION_RULE, &OPEN_QUESTION),
        (&IMPRESSION_RULE, &IMPRESSION),
        (&UNNAMED_PREDICTION_RULE, &UNNAMED_PREDICTION),
        (&ELECTION_RULE, &ELECTION),
        (&ROLE_RULE, &ROLE_WORDS),
    ]
}

const DATELINE_RULE: TextRule = TextRule {
    name: "dateline",
    // A short capitalised place or source, optionally an agency in brackets, then a dash and
    // a space; or the agency alone, as wire copy republished without its city opens. Indian
    // outlets write "NEW DELHI:", which `dateline_len` takes only in capitals.
    pattern: r"^(?:[A-Z][A-Za-z.'’]*(?:,? [A-Z][A-Za-z.'’]*){0,3}(?: \([A-Za-z .]{1,20}\))?|\([A-Z][A-Za-z .]{0,19}\)) ?(?:[—–-]{1,2}|:)(?:\s+|$)",
    gate: 0,
    examples: &[
        "WASHINGTON (AP) — Ambassador Gordon Sondland",
        "COLUMBIA, S.C. (AP) — About a dozen",
        "SEOUL — Buttressed by the success",
        "Indianapolis – Several thousand teachers",
        "NEW YORK (Reuters) - Oil prices fell",
        "PanARMENIAN.Net - Verified video footage",
        "(Reuters) — The New York State Attorney General",
    ],
    not: &[
        "Oil prices fell sharply on Tuesday.",
        "(The figures are provisional.) — and may change",
    ],
};
static DATELINE: LazyLock<Regex> = LazyLock::new(|| DATELINE_RULE.compile());

const BYLINE_RULE: TextRule = TextRule {
    name: "byline",
    pattern: r"^(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and)\s+.*)?$",
    gate: 0,
    examples: &["By Jane Doe", "BY JANE DOE", "bY Jane Doe and John Roe"],
    not: &["By the end of the year, prices had doubled."],
};
static BYLINE: LazyLock<Regex> = LazyLock::new(|| BYLINE_RULE.compile());

const CHARACTERISATION_RULE: TextRule = TextRule {
    name: "unattributed characterisation",
    pattern: r"(?-u:\b)(?:is|are|was|were)\s+(?:{characterisation_adverbs}\s+)?{characterisation_verbs}\s+as(?-u:\b)",
    gate: TRIGGER_CHARACTERISATION,
    examples: &[
        "Settlements are seen as one of the most difficult issues in the conflict.",
        "The US policy shift was widely seen as an attempt to change the legal context.",
        "The plan was widely seen as a retreat.",
    ],
    not: &["Israel seized the territories, seen by many, in the 1967 war."],
};
static CHARACTERISATION: LazyLock<Regex> = LazyLock::new(|| CHARACTERISATION_RULE.compile());

const PREDICTION_RULE: TextRule = TextRule {
    name: "prediction",
    pattern: r"^(?:(?i:{clause_openers}),?\s+)?(?i:{subject_pronouns})\s+(?:will|would|'ll)\s",
    gate: 0,
    examples: &[
        "That would help Trump's farm belt constituency.",
        "If not, they will try to find other funding.",
        "It will rain.",
        "But they would go.",
        "So they 'll be there.",
    ],
    not: &[
        "If convicted, he could face decades in jail.",
        "The ministry will publish the figures on Monday.",
    ],
};
static PREDICTION: LazyLock<Regex> = LazyLock::new(|| PREDICTION_RULE.compile());

const HOPE_RULE: TextRule = TextRule {
    name: "stated hope",
    pattern: r"^(?i:{subject_pronouns})\s+(?:hopes?|wish(?:es)?)\s",
    gate: 0,
    examples: &["They hope for government funding to help pay the cost."],
    not: &["Hopes for a deal faded on Tuesday."],
};
static HOPE: LazyLock<Regex> = LazyLock::new(|| HOPE_RULE.compile());

const EVALUATION_RULE: TextRule = TextRule {
    name: "evaluation",
    pattern: r"(?-u:\b)makes? it\s+(?:that much\s+|even\s+|much\s+|all the more\s+)?{evaluation_comparatives}(?-u:\b)",
    gate: TRIGGER_EVALUATION,
    examples: &[
        "His late entry, though, makes it that much tougher to raise awareness.",
        "It makes it much harder to hire.",
        "The rule makes it more difficult to appeal.",
    ],
    not: &["The rule makes it illegal to sell the drug."],
};
static EVALUATION: LazyLock<Regex> = LazyLock::new(|| EVALUATION_RULE.compile());

const NO_COMMENT_RULE: TextRule = TextRule {
    name: "no comment",
    // The record of a question unanswered, which the guideline counts as a sentence a checker
    // has nothing to check in. The subject has no comma, so "Sales fell 5%, and the firm
    // declined to comment." is not one.
    pattern: r"^(?:[A-Z][^.;:!?,]{0,100}?\s)?(?:(?:has|have|had)\s+)?{refusal_verbs}\s+(?:to\s+)?comment(?:\s+(?:on|about|further)[^.;:!?,]{0,80})?\.?[\x22”]?$|^[A-Z][^.;:!?,]{0,100}?\s(?:did|does|has|have)\s+not\s+(?:immediately\s+)?(?:respond|reply|returned?)(?:ed)?\s+to\s+(?:an?\s+)?{contact_nouns}\s+(?:for|seeking)\s+comment(?:\s[^.;:!?,]{0,60})?\.?$|^[A-Z][^.;:!?,]{0,100}?\s(?:could|can)\s*not\s+(?:immediately\s+)?be\s+reached\s+for\s+comment(?:\s[^.;:!?,]{0,60})?\.?$",
    gate: TRIGGER_NO_COMMENT,
    examples: &[
        "WeWork declined to comment on the report.",
        "A spokesperson for the NYAG declined to comment.",
        "The ministry did not immediately respond to a request for comment.",
        "Smith did not respond to requests for comment on Friday.",
        "She could not be reached for comment",
    ],
    not: &["Sales fell 5%, and the firm declined to comment."],
};
static NO_COMMENT: LazyLock<Regex> = LazyLock::new(|| NO_COMMENT_RULE.compile());

const OPEN_QUESTION_RULE: TextRule = TextRule {
    name: "open question",
    // The sentence says what is not known, and there is nothing on record to compare it with.
    pattern: r"^It (?:is|was|remains|remained) (?:still )?(?:{uncertainty_phrases} (?:how|whether|if|what|when|why|who|which|where)|to be seen)(?-u:\b)",
    gate: 0,
    examples: &[
        "It is unclear how long Ukraine can sustain the effort.",
        "It remains to be seen whether the deal holds.",
        "It is too early to say whether the vaccine works.",
    ],
    not: &["It is unclear to investigators why the dam failed."],
};
static OPEN_QUESTION: LazyLock<Regex> = LazyLock::new(|| OPEN_QUESTION_RULE.compile());

const IMPRESSION_RULE: TextRule = TextRule {
    name: "impression",
    // An impression of a mood, with nothing on record to compare it with.
    pattern: r"(?:(?:is|are|was|were)\s+(?:almost\s+|very\s+|quite\s+|now\s+)?{impression_adjectives}\.?$|^\S+(?:\s+\S+)?\s+{impression_verbs}\s+(?:to be\s+)?{attitude_adjectives}(?-u:\b))",
    gate: TRIGGER_IMPRESSION,
    examples: &[
        "The sense of relief after the former president’s soft line is almost palpable.",
        "Washington appears anxious to capitalize on the wave of support.",
        "The relief is almost palpable.",
    ],
    not: &["The message is unmistakable: the United States has 28,500 troops."],
};
static IMPRESSION: LazyLock<Regex> = LazyLock::new(|| IMPRESSION_RULE.compile());

const UNNAMED_PREDICTION_RULE: TextRule = TextRule {
    name: "prediction by unnamed sources",
    pattern: r"^(?i:{unnamed_sources})\s+{forecast_verbs}\s.*(?-u:\b){modal_verbs}(?-u:\b)",
    gate: 0,
    examples: &[
        "Analysts say it will further embolden the settlement movement.",
        "Some believe the rate could rise again.",
    ],
    not: &["Analysts said the rate rose 2% in May."],
};
static UNNAMED_PREDICTION: LazyLock<Regex> = LazyLock::new(|| UNNAMED_PREDICTION_RULE.compile());

const ELECTION_RULE: TextRule = TextRule {
    name: "election result",
    // An outcome word with an electoral noun nearby; a poll lead with its figure; a poll's
    // figure ("26% in a September poll"); the tally of a vote ("voted 71-29", "by a vote of
    // 286 to 134", "278 votes to 249", "87% voting in favor", "passed the House 232-196");
    // or words that are results on their own. A bare percentage after "won", "lost" or
    // "took" is no result: shares lose 3% and buyers take a 5% stake every day. Decimals may
    // stand between the words ("won 51.3 percent of the vote"); the end of a sentence may
    // not.
    pattern: r"(?ix)(?-u:\b)(?:
            {outcome_verbs}
                (?:\d|(?-u:\b))(?:[^.;]|\.\d){0,80}?(?-u:\b)
                {electoral_nouns}
          | (?:leads|led|trails|trailed)\ (?:[a-z]+\ )?(?:with\ |by\ )?\d+(?:\.\d+)?\ ?(?:%|percent|points)
          | (?:%|percent)(?:[^.;]|\.\d){0,60}?(?-u:\b)polls?(?-u:\b)
          | polls?(?-u:\b)(?:[^.;]|\.\d){0,60}?\d(?:%|\ percent)
          | (?:voted|votes?|voting)\ (?:\d{1,3}\ ?[-–]\ ?\d{1,3}|\d+\ to\ \d+|unanimously)
          | vote\ of\ \d+\ ?(?:[-–]|to)\ ?\d+
          | \d+\ votes?\ to\ \d+
          | (?:%|percent)\ (?:voting|voted)\ (?:in\ favou?r|for|against|yes|no)
          | {tally_verbs}(?-u:\b)(?:[^.;]|\.\d){0,40}?
                (?-u:\b)(?:\d{1,3}\ ?[-–]\ ?\d{1,3}(?-u:\b)|\d+(?:\.\d+)?(?:%|\ percent)\ to\ \d+(?:\.\d+)?(?:%|\ percent))
          | (?:elected|re-elected|reelected|unseated|landslide|polling\ lead|lead\ in\ the\ polls|percent\ of\ the\ vote|%\ of\ the\ vote)(?-u:\b)
          | (?:reelection|re-election|election)\ (?:bid|victory|defeat|win|loss)
        )",
    gate: TRIGGER_ELECTION,
    examples: &[
        "Candidates of the ruling party won12 of the 17 positions in local elections on Wednesday.",
        "Gov. Matt Bevin, who lost his reelection bid this month, lashed out.",
        "He received 81,268,924 votes, the most ever.",
        "The Senate voted 71-29 to approve the bill.",
        "The bill passed the House 232-196.",
        "Voters approved the measure 61% to 39%.",
        "His approval rating stood at 26% in a September poll.",
    ],
    not: &[
        "Japan’s Nikkei futures lost 0.66%.",
        "The company took a 5% stake in the startup.",
        "The council approved the 2022-23 budget.",
        "The council voted to delay the project.",
    ],
};
static ELECTION: LazyLock<Regex> = LazyLock::new(|| ELECTION_RULE.compile());

const ROLE_RULE: TextRule = TextRule {
    name: "role",
    pattern: r"(?-u:\b){role_phrases}(?-u:\b)",
    gate: TRIGGER_ROLE,
    examples: &[
        "Customs and Border Protection, part of Homeland Security, did not accept the offer.",
        "She is a member of the board and was named as chairman.",
        "He served as ambassador to Japan.",
    ],
    not: &["The party was renamed last year."],
};
static ROLE_WORDS: LazyLock<Regex> = LazyLock::new(|| ROLE_RULE.compile());

/// Byte length of a dateline at the start of `sentence` ("WASHINGTON (AP) — "), or 0.
pub fn dateline_len(sentence: &str) -> usize {
    match DATELINE.find(sentence) {
        Some(found) if found.end() <= 48 => {
            // "The Palestinian Authority - which": a dateline is a place, so the words before
            // the dash must not be ordinary sentence words.
            let head = &sentence[..found.end()];
            let words: Vec<&str> = head
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
                .collect();
            let agency = head.contains('(');
            let shouting = words.iter().all(|w| {
                w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            });
            let one_word = words.len() == 1;
            // "Related:", "Analysis:" are labels; only a place in capitals takes a colon.
            if (agency || !shouting) && head.trim_end().ends_with(':') {
                return 0;
            }
            // A sentence opener in title case ("The", "He"; "A" and "I" alone) is an ordinary
            // word; in capitals it may be part of a place.
            let ordinary = words.iter().any(|w| {
                let title_case = w.len() == 1 || w.bytes().skip(1).any(|b| b.is_ascii_lowercase());
                title_case && sentences::is_sentence_starter(w)
            });
            if !ordinary && (agency || shouting || one_word) {
                found.end()
            } else {
                0
            }
        }
        _ => 0,
    }
}

// Byte tests that rule the anchored patterns out before their regex runs: each pattern's
// match needs what the test looks for, and most sentences fail the test.

/// `BYLINE` starts with "by" in any case ("b" and "y" fold to no other character).
fn may_be_byline(text: &str) -> bool {
    text.as_bytes()
        .get(..2)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"by"))
}

/// The words of a list a pattern starts with, in any case, and the bytes they start with: most
/// sentences are ruled out by their first byte.
struct FirstWords {
    first_bytes: [bool; 256],
    words: WordSet,
}

impl FirstWords {
    fn of(list: &'static lexicon::List) -> FirstWords {
        let mut first_bytes = [false; 256];
        for word in list.words() {
            let first = word.as_bytes()[0];
            first_bytes[usize::from(first)] = true;
            first_bytes[usize::from(first.to_ascii_uppercase())] = true;
        }
        FirstWords {
            first_bytes,
            words: WordSet::of(list),
        }
    }

    /// Whether the first word of `text`, in lower case, is one of the list's.
    fn start(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        if !bytes
            .first()
            .is_some_and(|&b| self.first_bytes[usize::from(b)])
        {
            return false;
        }
        let length = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        if length > 16 {
            return false;
        }
        let mut lower = [0u8; 16];
        lower[..length].copy_from_slice(&bytes[..length]);
        lower[..length].make_ascii_lowercase();
        std::str::from_utf8(&lower[..length]).is_ok_and(|w| self.words.contains(w))
    }
}

static UNNAMED_SOURCES: LazyLock<FirstWords> =
    LazyLock::new(|| FirstWords::of(&lexicon::UNNAMED_SOURCES));
static SUBJECT_PRONOUNS: LazyLock<FirstWords> =
    LazyLock::new(|| FirstWords::of(&lexicon::SUBJECT_PRONOUNS));

/// `PREDICTION` needs "will", "would" or "'ll".
fn has_future_auxiliary(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'w', b'\'', bytes).any(|at| {
        let rest = &bytes[at..];
        rest.starts_with(b"will") || rest.starts_with(b"would") || rest.starts_with(b"'ll")
    })
}

/// Why `text` (a sentence, dateline already trimmed) is not a checkable claim, or `None`.
pub fn not_checkable_reason(
    text: &str,
    features: &Features,
    placement: Placement,
    speech: &SentenceSpeech,
    values: &[Value],
) -> Option<NotCheckable> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(NotCheckable::DatelineAlone);
    }
    if !trimmed.chars().any(char::is_alphanumeric) {
        return Some(NotCheckable::NoWords);
    }
    let closing: &[char] = &['"', '”', '’', '\'', ')', ']', '*', ' '];
    let core = trimmed.trim_end_matches(closing);
    let last = core.chars().last().unwrap_or(' ');
    let words = features.words;
    if words <= 12 && may_be_byline(trimmed) && BYLINE.is_match(trimmed) {
        return Some(NotCheckable::Byline);
    }
    if last == '?' && !question_inside_quote(trimmed) {
        return Some(NotCheckable::Question);
    }
    let is_list_item = trimmed.starts_with(['-', '*', '•']);
    if placement.own_line && !matches!(last, '.' | '!' | '?' | ';') && !is_list_item && words <= 20
    {
        return Some(if placement.first {
            NotCheckable::Headline
        } else {
            NotCheckable::HeadingLine
        });
    }
    if last == ':' && words <= 12 && values.is_empty() {
        // "Key provisions:", "He added:": the lines after it say what is to be checked.
        return Some(NotCheckable::LeadIn);
    }
    if speech.speaker.is_none()
        && UNNAMED_SOURCES.start(trimmed)
        && UNNAMED_PREDICTION.is_match(trimmed)
    {
        return Some(NotCheckable::UnnamedPrediction);
    }
    if NO_COMMENT_RULE.applies(&NO_COMMENT, features, trimmed) {
        return Some(NotCheckable::NoComment);
    }
    let has_number = values.iter().any(|v| v.value_type != ValueType::Date);
    if has_number {
        return None;
    }
    if speech.speaker.is_none()
        && CHARACTERISATION_RULE.applies(&CHARACTERISATION, features, trimmed)
    {
        return Some(NotCheckable::Characterisation);
    }
    if !speech.has_attribution && has_future_auxiliary(trimmed) && PREDICTION.is_match(trimmed) {
        return Some(NotCheckable::Prediction);
    }
    if !speech.has_attribution && SUBJECT_PRONOUNS.start(trimmed) && HOPE.is_match(trimmed) {
        return Some(NotCheckable::Hope);
    }
    if !speech.has_attribution && trimmed.starts_with("It ") && OPEN_QUESTION.is_match(trimmed) {
        return Some(NotCheckable::OpenQuestion);
    }
    if !speech.has_attribution && IMPRESSION_RULE.applies(&IMPRESSION, features, trimmed) {
        return Some(NotCheckable::Impression);
    }
    if EVALUATION_RULE.applies(&EVALUATION, features, trimmed) {
        return Some(NotCheckable::Evaluation);
    }
    None
}

/// "“Why?” he asked." ends in a question mark only inside the quotation.
fn question_inside_quote(text: &str) -> bool {
    let core = text.trim_end();
    core.ends_with("?”") && core.starts_with('“') && core.matches('“').count() > 1
}

/// The kinds of a checkable claim, most specific first.
pub fn kinds(
    text: &str,
    features: &Features,
    values: &[Value],
    speech: &SentenceSpeech,
) -> Vec<ClaimKind> {
    let mut kinds = Vec::with_capacity(3);
    if ELECTION_RULE.applies(&ELECTION, features, text) {
        kinds.push(ClaimKind::Election);
    }
    if values.iter().any(|v| v.value_type != ValueType::Date) {
        kinds.push(ClaimKind::Quantity);
    }
    if values.iter().any(|v| v.value_type == ValueType::Date) {
        kinds.push(ClaimKind::Date);
    }
    if speech.speaker.is_some() {
        kinds.push(ClaimKind::Quote);
    }
    if speech.names_role || ROLE_RULE.applies(&ROLE_WORDS, features, text) {
        kinds.push(ClaimKind::Role);
    }
    if kinds.is_empty() {
        kinds.push(ClaimKind::Statement);
    }
    kinds.sort();
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Normalized;

    /// The byte tests before the anchored patterns let their matches through.
    #[test]
    fn pattern_pretests_cover_their_patterns() {
        let folds_to = |pattern: &str| {
            let re = Regex::new(pattern).unwrap();
            ('\u{80}'..=char::MAX)
                .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
                .count()
        };
        assert_eq!(folds_to("^(?i:b)$"), 0);
        assert_eq!(folds_to("^(?i:y)$"), 0);
        for byline in ["By Jane Doe", "BY JANE DOE", "bY Jane Doe and John Roe"] {
            assert!(BYLINE.is_match(byline) && may_be_byline(byline), "{byline}");
        }
        for prediction in [
            "It will rain.",
            "But they would go.",
            "So they 'll be there.",
        ] {
            assert!(PREDICTION.is_match(prediction), "{prediction}");
            assert!(has_future_auxiliary(prediction), "{prediction}");
        }
        assert!(!has_future_auxiliary("They went home while it rained."));
        for example in UNNAMED_PREDICTION_RULE.examples {
            assert!(UNNAMED_SOURCES.start(example), "{example}");
        }
        for example in HOPE_RULE
            .examples
            .iter()
            .chain(&["WE HOPE so.", "she wishes it."])
        {
            assert!(SUBJECT_PRONOUNS.start(example), "{example}");
        }
        assert!(!SUBJECT_PRONOUNS.start("Theyre"));
        assert!(!UNNAMED_SOURCES.start("“Analysts say"));
    }

    fn number(text: &str, value: f64) -> Value {
        Value {
            value_type: ValueType::Count,
            text: text.to_string(),
            value: Normalized::Number(value),
            unit: None,
            start: 0,
            end: 0,
        }
    }

    fn date(text: &str, iso: &str) -> Value {
        Value {
            value_type: ValueType::Date,
            text: text.to_string(),
            value: Normalized::Date(iso.to_string()),
            unit: None,
            start: 0,
            end: 0,
        }
    }

    fn speech(speaker: Option<&str>, attributed: bool) -> SentenceSpeech {
        SentenceSpeech {
            speaker: speaker.map(str::to_string),
            names_role: false,
            unnamed_source: false,
            has_attribution: attributed,
        }
    }

    fn body() -> Placement {
        Placement::default()
    }

    fn line() -> Placement {
        Placement {
            first: false,
            own_line: true,
        }
    }

    /// name, text, placement, speech, values, expected checkable.
    type CheckableCase<'a> = (
        &'a str,
        &'a str,
        Placement,
        SentenceSpeech,
        Vec<Value>,
        bool,
    );

    fn check_checkable(cases: &[CheckableCase]) {
        for (name, text, placement, speech, values, checkable) in cases {
            let reason =
                not_checkable_reason(text, &Features::of(text), *placement, speech, values);
            assert_eq!(
                reason.is_none(),
                *checkable,
                "case {name}: {text:?} -> {reason:?}"
            );
        }
    }

    #[test]
    fn checkability() {
        check_checkable(&[
            (
                "a figure is checkable",
                "The U.S. has 28,500 troops in South Korea.",
                body(),
                speech(None, false),
                vec![number("28,500 troops", 28500.0)],
                true,
            ),
            (
                "a plain past action is checkable",
                "Israeli courts have declared most major settlements legal.",
                body(),
                speech(None, false),
                vec![],
                true,
            ),
            (
                "headline on the first line",
                "With Backing of Washington and Tokyo, Seoul Presses North Korea",
                Placement {
                    first: true,
                    own_line: true,
                },
                speech(None, false),
                vec![],
                false,
            ),
            (
                "subhead line",
                "Overcrowded conditions worsen risk",
                line(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "quoted subhead line",
                "\"Alarming mortality rate\"",
                line(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "byline with a role",
                "Caroline Hawley, BBC diplomatic correspondent",
                line(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "byline with by",
                "By Jane Doe and John Roe",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "question subhead",
                "What did the prosecutors say?",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "quoted question in reported speech stays",
                "“And I asked, well, on whose authority?” said Hill.",
                body(),
                speech(Some("Fiona Hill"), true),
                vec![],
                true,
            ),
            (
                "a line of its own that is a full sentence stays",
                "Emerging market stocks rose 0.48%.",
                line(),
                speech(None, false),
                vec![number("0.48%", 0.48)],
                true,
            ),
            (
                "unattributed characterisation",
                "Settlements are seen as one of the most difficult issues in the conflict.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "characterisation with a fact stays",
                "Israel seized the territories, seen as pivotal parts of a state, in the 1967 war.",
                body(),
                speech(None, false),
                vec![date("1967", "1967")],
                true,
            ),
            (
                "widely seen as",
                "The US policy shift was widely seen as an attempt to change the legal context.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "prediction by unnamed analysts",
                "Analysts say it will further embolden the settlement movement.",
                body(),
                speech(None, true),
                vec![],
                false,
            ),
            (
                "speculation with would",
                "That would help Trump's farm belt constituency.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "future intention",
                "If not, they will try to find other funding.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "a legal possibility stays",
                "If convicted, he could face decades in jail.",
                body(),
                speech(None, false),
                vec![],
                true,
            ),
            (
                "attributed forecast stays",
                "But it may morph into something bigger, people familiar with the matter said.",
                body(),
                speech(None, true),
                vec![],
                true,
            ),
            (
                "stated hope",
                "They hope for government funding to help pay the cost.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "evaluation",
                "His late entry, though, makes it that much tougher to raise awareness.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "dateline alone",
                "",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "separator",
                "___",
                line(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "a lead-in to a list",
                "Key provisions:",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "a lead-in with a figure stays",
                "The law includes $370 billion for three programs:",
                body(),
                speech(None, false),
                vec![number("$370 billion", 370e9)],
                true,
            ),
            (
                "no comment",
                "A spokesperson for the NYAG declined to comment.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "no comment on a topic",
                "WeWork declined to comment on the report.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "no response",
                "The ministry did not immediately respond to a request for comment.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "not reached",
                "Smith could not be reached for comment on Friday.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "a fact before the refusal stays",
                "Sales fell 5% in May, and the firm declined to comment.",
                body(),
                speech(None, false),
                vec![number("5%", 5.0)],
                true,
            ),
            (
                "a refusal as the news stays",
                "The senator declined to comment to the committee, breaking with 40 years of practice.",
                body(),
                speech(None, false),
                vec![number("40 years", 40.0)],
                true,
            ),
            (
                "an open question",
                "It is unclear how long Ukraine can sustain the pace of interceptions.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "it remains to be seen",
                "It remains to be seen whether the deal will hold.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "a stated unknown with a figure stays",
                "It was unclear how many of the 300 workers had returned.",
                body(),
                speech(None, false),
                vec![number("300 workers", 300.0)],
                true,
            ),
            (
                "unclear as a description stays",
                "It is unclear to investigators why the dam failed, the ministry said.",
                body(),
                speech(Some("the ministry"), true),
                vec![],
                true,
            ),
            (
                "a mood is not on record",
                "The sense of relief after the former president’s soft line is almost palpable.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "an impression of eagerness",
                "Washington appears anxious to capitalize on the wave of support.",
                body(),
                speech(None, false),
                vec![],
                false,
            ),
            (
                "a message stated with a figure stays",
                "The message is unmistakable: the United States has 28,500 troops in South Korea.",
                body(),
                speech(None, false),
                vec![number("28,500 troops", 28500.0)],
                true,
            ),
        ]);
    }

    #[test]
    fn datelines_are_found_at_the_start() {
        // name, sentence, what remains of it once the dateline is cut off.
        let cases: &[(&str, &str, &str)] = &[
            (
                "wire dateline",
                "WASHINGTON (AP) — Ambassador Gordon Sondland",
                "Ambassador Gordon Sondland",
            ),
            (
                "city and state",
                "COLUMBIA, S.C. (AP) — About a dozen",
                "About a dozen",
            ),
            (
                "bare city in capitals",
                "SEOUL — Buttressed by the success",
                "Buttressed by the success",
            ),
            (
                "city in capitals with a colon, as Indian outlets write it",
                "NEW DELHI: India's economy shrank",
                "India's economy shrank",
            ),
            (
                "a label with a colon is not a dateline",
                "Analysis: The economy shrank",
                "Analysis: The economy shrank",
            ),
            (
                "city in title case with en dash",
                "Indianapolis – Several thousand teachers",
                "Several thousand teachers",
            ),
            (
                "source label",
                "PanARMENIAN.Net - Verified video footage",
                "Verified video footage",
            ),
            (
                "reuters",
                "NEW YORK (Reuters) - Oil prices fell",
                "Oil prices fell",
            ),
            ("dateline alone", "WASHINGTON (AP) —", ""),
            (
                "an agency without its city",
                "(Reuters) — The New York State Attorney General",
                "The New York State Attorney General",
            ),
            (
                "a parenthetical dash in a sentence is no dateline",
                "The Palestinian Authority - which considers",
                "The Palestinian Authority - which considers",
            ),
            (
                "a name and a dash is no dateline",
                "Sung Kim - the envoy - said so.",
                "Sung Kim - the envoy - said so.",
            ),
            (
                "no dash",
                "Oil prices fell sharply on Tuesday.",
                "Oil prices fell sharply on Tuesday.",
            ),
        ];
        for (name, text, rest) in cases {
            assert_eq!(&text[dateline_len(text)..], *rest, "case {name}");
        }
    }

    #[test]
    fn kinds_most_specific_first() {
        type KindCase<'a> = (
            &'a str,
            &'a str,
            Vec<Value>,
            Option<&'a str>,
            Vec<ClaimKind>,
        );
        let cases: &[KindCase] = &[
            (
                "election result with a count and a date",
                "Candidates of the ruling party won12 of the 17 positions in local elections on Wednesday.",
                vec![
                    number("12 of the 17 positions", 12.0),
                    date("on Wednesday", "2022-06-01"),
                ],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity, ClaimKind::Date],
            ),
            (
                "lost a reelection bid",
                "Gov. Matt Bevin, who lost his reelection bid this month, lashed out.",
                vec![],
                None,
                vec![ClaimKind::Election],
            ),
            (
                "polling lead",
                "Joe Biden has maintained a significant polling lead for months.",
                vec![],
                None,
                vec![ClaimKind::Election],
            ),
            (
                "votes received are a result",
                "He received 81,268,924 votes, the most ever.",
                vec![number("81,268,924 votes", 81268924.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a loss on the market is not an election",
                "Japan’s Nikkei futures lost 0.66%.",
                vec![number("0.66%", 0.66)],
                None,
                vec![ClaimKind::Quantity],
            ),
            (
                "a fall of whole percent on the market is not an election",
                "Shares of Apple lost 3% on Tuesday.",
                vec![number("3%", 3.0)],
                None,
                vec![ClaimKind::Quantity],
            ),
            (
                "taking a stake is not an election",
                "The company took a 5% stake in the startup.",
                vec![number("5%", 5.0)],
                None,
                vec![ClaimKind::Quantity],
            ),
            (
                "a decimal share of the vote is a result",
                "Biden won 51.3 percent of the popular vote.",
                vec![number("51.3 percent", 51.3)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a poll lead with its figure",
                "Smith leads with 31%.",
                vec![number("31%", 31.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a poll's figure",
                "His approval rating stood at 26% in a September poll.",
                vec![number("26%", 26.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a survey's figure is no election",
                "A survey found that 84% of children had used social media.",
                vec![number("84%", 84.0)],
                None,
                vec![ClaimKind::Quantity],
            ),
            (
                "a chamber's tally",
                "The Senate voted 71-29 to approve the bill.",
                vec![number("71", 71.0), number("29", 29.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a vote of N to M",
                "The House passed the measure by a vote of 286 to 134.",
                vec![number("286", 286.0), number("134", 134.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "N votes to M",
                "The resolution was adopted by 278 votes to 249.",
                vec![number("278 votes", 278.0), number("249", 249.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a share voting in favour",
                "Members ratified the deal, with 87% voting in favor.",
                vec![number("87%", 87.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a measure approved by its shares",
                "Voters approved the measure 61% to 39%.",
                vec![number("61%", 61.0), number("39%", 39.0)],
                None,
                vec![ClaimKind::Election, ClaimKind::Quantity],
            ),
            (
                "a unanimous vote",
                "Parliament voted unanimously to extend the mission.",
                vec![],
                None,
                vec![ClaimKind::Election],
            ),
            (
                "voting without a result is not one",
                "The council voted to delay the project.",
                vec![],
                None,
                vec![ClaimKind::Statement],
            ),
            (
                "a budget year is no tally",
                "The council approved the 2022-23 budget.",
                vec![],
                None,
                vec![ClaimKind::Statement],
            ),
            (
                "quote",
                "“Our bottom line has not changed,” Sung Kim said.",
                vec![],
                Some("Sung Kim"),
                vec![ClaimKind::Quote],
            ),
            (
                "membership is a role",
                "Customs and Border Protection, part of Homeland Security, did not accept the offer.",
                vec![],
                None,
                vec![ClaimKind::Role],
            ),
            (
                "plain statement",
                "Israeli courts have declared most major settlements legal.",
                vec![],
                None,
                vec![ClaimKind::Statement],
            ),
        ];
        for (name, text, values, speaker, expected) in cases {
            let got = kinds(
                text,
                &Features::of(text),
                values,
                &speech(*speaker, speaker.is_some()),
            );
            assert_eq!(&got, expected, "case {name}");
        }
    }

    /// Every rule names the sentences it was written for and matches them, its gate lets them
    /// through, and it leaves the article sentences it names alone.
    #[test]
    fn text_rules_match_their_examples() {
        let mut count = 0;
        for (rule, regex) in text_rules() {
            assert!(
                !rule.examples.is_empty() && !rule.not.is_empty(),
                "{}",
                rule.name
            );
            for example in rule.examples {
                let features = Features::of(example);
                assert!(
                    rule.applies(regex, &features, example),
                    "{}: {example:?}",
                    rule.name
                );
                count += 1;
            }
            for sentence in rule.not {
                let features = Features::of(sentence);
                assert!(
                    !regex.is_match(sentence),
                    "{} matches {sentence:?}",
                    rule.name
                );
                assert!(!rule.applies(regex, &features, sentence), "{}", rule.name);
            }
        }
        assert!(count >= 40, "{count} examples");
    }

    /// The gate reads runs of ASCII letters: a gate word with any other character would never
    /// be seen, and its rule would never run on the sentences it was written for.
    #[test]
    fn gate_words_can_be_seen() {
        for (bit, lists, fixed) in gates() {
            // A phrase is gated by its first word.
            let listed = lists.iter().flat_map(|list| {
                list.lines().flat_map(move |line| {
                    if list.phrases {
                        line[..1].to_vec()
                    } else {
                        line
                    }
                })
            });
            for word in listed.chain(fixed.iter().copied()) {
                let bits = trigger_bits(word.as_bytes());
                assert!(
                    word.bytes().all(|b| b.is_ascii_lowercase()) && bits & bit != 0,
                    "{word:?}"
                );
            }
        }
    }

    /// A gated rule must never lose a match: wherever its regex matches, its words are found.
    #[test]
    fn rule_words_gate_every_match() {
        let rules: [(&str, &Regex, u8); 6] = [
            (
                "characterisation",
                &CHARACTERISATION,
                TRIGGER_CHARACTERISATION,
            ),
            ("evaluation", &EVALUATION, TRIGGER_EVALUATION),
            ("impression", &IMPRESSION, TRIGGER_IMPRESSION),
            ("election", &ELECTION, TRIGGER_ELECTION),
            ("role", &ROLE_WORDS, TRIGGER_ROLE),
            ("no comment", &NO_COMMENT, TRIGGER_NO_COMMENT),
        ];
        // Each sentence matches at least one rule; the comment says what it catches.
        let sentences = [
            "The plan was widely seen as a retreat.",
            "It makes it much harder to hire.",
            "The relief is almost palpable.",
            "Washington appears anxious to act.",
            // A figure glued to the verb.
            "The party won12 of the 17 positions.",
            // Election words after a hyphen or a prefix.
            "He was re-elected, then reelected.",
            "His reelection bid failed.",
            "Biden keeps a polling lead.",
            "She took 52 percent of the vote.",
            "LOST THE VOTE in a LANDSLIDE",
            "She is a member of the board and was named as chairman.",
            // An outcome word with a figure or an electoral noun.
            "The bill passed the House 232-196.",
            "He won the race, and she lost her Seat.",
            "The party won twelve positions.",
            "Leads by 4.5 points",
            "WeWork declined to comment.",
            "Smith did not respond to requests for comment on Friday.",
            "She could not be reached for comment",
            // Unicode case folding: the long s and the Kelvin sign.
            "They loſt the vote.",
            "The party tooK 52 seats.",
        ];
        for sentence in sentences {
            let features = Features::of(sentence);
            let mut matched = false;
            for (name, regex, trigger) in &rules {
                if regex.is_match(sentence) {
                    matched = true;
                    assert!(features.has(*trigger), "{name} in {sentence:?}");
                }
            }
            assert!(matched, "no rule matches {sentence:?}");
        }
        // An outcome word with neither a figure nor an electoral noun skips the election rule.
        for sentence in [
            "She took the train home after he won.",
            "The talks led nowhere.",
        ] {
            assert!(!Features::of(sentence).has(TRIGGER_ELECTION), "{sentence}");
        }
    }

    /// Word counts as `split_whitespace` gives them, names as capitalised words after the first.
    #[test]
    fn features_count_words_and_names() {
        let cases: &[(&str, usize, usize)] = &[
            ("", 0, 0),
            ("  one  ", 1, 0),
            ("The U.S. has 28,500 troops", 5, 1),
            // Non-breaking and em spaces separate words; an accented capital is a name.
            ("a\u{a0}b\u{2003}Émile", 3, 1),
            ("“Kim said” — Mr. Funakoshi", 5, 2),
        ];
        for (text, words, names) in cases {
            let features = Features::of(text);
            assert_eq!(
                (features.words, features.names),
                (*words, *names),
                "{text:?}"
            );
            assert_eq!(features.words, text.split_whitespace().count(), "{text:?}");
        }
    }

    /// The wording hash ignores case, spacing and punctuation, and nothing else.
    #[test]
    fn wording_hash_follows_letters_and_digits() {
        let key = |text: &str| {
            let features = Features::of(text);
            (features.wording_hash, features.wording_length)
        };
        // name, two texts, whether their wordings are the same.
        let cases: &[(&str, &str, &str, bool)] = &[
            (
                "case and punctuation",
                "Israeli courts have declared it legal.",
                "“israeli COURTS, have declared it legal”",
                true,
            ),
            ("accented capitals", "École 12", "école12", true),
            (
                "a different figure",
                "rose to 5 percent",
                "rose to 6 percent",
                false,
            ),
            (
                "a different word",
                "the troops left",
                "the troops stay",
                false,
            ),
        ];
        for (name, first, second, same) in cases {
            assert_eq!(key(first) == key(second), *same, "{name}");
        }
        assert_eq!(key("a-b c").1, 3, "length counts letters and digits only");
    }
}
