//! The final choice of a sentence's speaker: a logistic model ranks the candidates the rules
//! find (their own pick, every subject they tried, the speakers of the sentences around, the
//! people and bodies the sentence names, a source phrase as written) by generic features, and
//! the best one is the speaker when its probability reaches the model's threshold.
//!
//! The weights are a data file (`speakers.weights`, written by `claimtrack train speakers`):
//! one `NAME WEIGHT` line per feature below, after `threshold` and `bias`.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// A candidate's features, one bit each (see `FEATURES` for their names).
pub type Features = u64;

/// The name of each feature bit, in bit order: the weights file refers to features by name.
pub const FEATURES: [&str; 40] = [
    // Where the candidate comes from.
    "source rules_choice",
    "source first_subject",
    "source later_subject",
    "source last_resort",
    "source quotation_closed_by",
    "source previous_sentence",
    "source sentence_before_previous",
    "source phrase_as_written",
    "source person_named",
    "source body_named",
    "source salient_person",
    // What the rules' subject was.
    "subject person_name",
    "subject body_name",
    "subject other_name",
    "subject he_she",
    "subject it_they",
    "subject definite_phrase",
    "subject bare_phrase",
    "subject possessed_phrase",
    "head generic_source",
    "head role",
    "head group",
    // The verb that links it.
    "verb told",
    "verb according_to",
    "verb participle",
    "verb subject_after",
    "verb trailing",
    // The name itself.
    "name registry_person",
    "name registry_body",
    "name several_words",
    "name lowercase",
    "name gazetteer_place",
    "name quoted",
    "name possessive",
    // The sentence.
    "sentence opens_quoted",
    "sentence has_quote",
    "sentence attributed",
    // Agreement among sources.
    "agree two_sources",
    "agree three_sources",
    "agree rules_and_neighbour",
];

/// The bit of feature `name` (a name of `FEATURES`).
pub const fn bit(name: &str) -> Features {
    let mut i = 0;
    while i < FEATURES.len() {
        if const_eq(FEATURES[i], name) {
            return 1 << i;
        }
        i += 1;
    }
    panic!("no such speaker feature")
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub(super) const RULES_CHOICE: Features = bit("source rules_choice");
pub(super) const FIRST_SUBJECT: Features = bit("source first_subject");
pub(super) const LATER_SUBJECT: Features = bit("source later_subject");
pub(super) const LAST_RESORT: Features = bit("source last_resort");
pub(super) const CLOSED_BY: Features = bit("source quotation_closed_by");
pub(super) const PREVIOUS: Features = bit("source previous_sentence");
pub(super) const BEFORE_PREVIOUS: Features = bit("source sentence_before_previous");
pub(super) const AS_WRITTEN: Features = bit("source phrase_as_written");
pub(super) const PERSON_NAMED: Features = bit("source person_named");
pub(super) const BODY_NAMED: Features = bit("source body_named");
pub(super) const SALIENT: Features = bit("source salient_person");
pub(super) const SUBJECT_PERSON: Features = bit("subject person_name");
pub(super) const SUBJECT_BODY: Features = bit("subject body_name");
pub(super) const SUBJECT_OTHER_NAME: Features = bit("subject other_name");
pub(super) const SUBJECT_HE_SHE: Features = bit("subject he_she");
pub(super) const SUBJECT_IT_THEY: Features = bit("subject it_they");
pub(super) const SUBJECT_DEFINITE: Features = bit("subject definite_phrase");
pub(super) const SUBJECT_BARE: Features = bit("subject bare_phrase");
pub(super) const SUBJECT_POSSESSED: Features = bit("subject possessed_phrase");
pub(super) const HEAD_GENERIC: Features = bit("head generic_source");
pub(super) const HEAD_ROLE: Features = bit("head role");
pub(super) const HEAD_GROUP: Features = bit("head group");
pub(super) const VERB_TOLD: Features = bit("verb told");
pub(super) const VERB_ACCORDING: Features = bit("verb according_to");
pub(super) const VERB_PARTICIPLE: Features = bit("verb participle");
pub(super) const VERB_SUBJECT_AFTER: Features = bit("verb subject_after");
pub(super) const VERB_TRAILING: Features = bit("verb trailing");
pub(super) const NAME_PERSON: Features = bit("name registry_person");
pub(super) const NAME_BODY: Features = bit("name registry_body");
pub(super) const NAME_WORDS: Features = bit("name several_words");
pub(super) const NAME_LOWERCASE: Features = bit("name lowercase");
pub(super) const NAME_PLACE: Features = bit("name gazetteer_place");
pub(super) const NAME_QUOTED: Features = bit("name quoted");
pub(super) const NAME_POSSESSIVE: Features = bit("name possessive");
pub(super) const OPENS_QUOTED: Features = bit("sentence opens_quoted");
pub(super) const HAS_QUOTE: Features = bit("sentence has_quote");
pub(super) const ATTRIBUTED: Features = bit("sentence attributed");
const AGREE_TWO: Features = bit("agree two_sources");
const AGREE_THREE: Features = bit("agree three_sources");
const AGREE_NEIGHBOUR: Features = bit("agree rules_and_neighbour");

/// The sources: how many of them name a candidate is a feature of its own.
const SOURCES: Features = RULES_CHOICE
    | FIRST_SUBJECT
    | LATER_SUBJECT
    | LAST_RESORT
    | CLOSED_BY
    | PREVIOUS
    | BEFORE_PREVIOUS
    | AS_WRITTEN
    | PERSON_NAMED
    | BODY_NAMED
    | SALIENT;

/// One possible speaker of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'t> {
    pub name: Cow<'t, str>,
    pub features: Features,
}

/// The last word of a name, lowercased: two candidates with the same one are the same speaker
/// (as the devset scorer counts them), and the first name given for it is kept.
pub fn last_word(name: &str) -> String {
    name.split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether two names have the same last word, case aside (`last_word` without allocating).
fn same_last_word(a: &str, b: &str) -> bool {
    fn last(name: &str) -> &str {
        name.split_whitespace().next_back().unwrap_or("")
    }
    let lower = |word: &str| {
        word.chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (a, b) = (last(a), last(b));
    a.len() == b.len() && a.eq_ignore_ascii_case(b) || (!a.is_ascii() && lower(a) == lower(b))
}

/// Add a candidate, merging it with one of the same last word.
pub(super) fn add<'t>(candidates: &mut Vec<Candidate<'t>>, name: Cow<'t, str>, features: Features) {
    if name.trim().is_empty() {
        return;
    }
    match candidates
        .iter_mut()
        .find(|c| same_last_word(&c.name, &name))
    {
        Some(found) => found.features |= features,
        None => candidates.push(Candidate { name, features }),
    }
}

/// The agreement features, once every source has added its candidates.
pub(super) fn finish(candidates: &mut [Candidate]) {
    for candidate in candidates {
        let sources = (candidate.features & SOURCES).count_ones();
        if sources >= 2 {
            candidate.features |= AGREE_TWO;
        }
        if sources >= 3 {
            candidate.features |= AGREE_THREE;
        }
        let neighbour = CLOSED_BY | PREVIOUS | BEFORE_PREVIOUS;
        if candidate.features & RULES_CHOICE != 0 && candidate.features & neighbour != 0 {
            candidate.features |= AGREE_NEIGHBOUR;
        }
    }
}

/// A speaker model: logistic regression over the feature bits.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerModel {
    /// The rules' own speaker stands where they find one; the model only chooses for the
    /// sentences they leave without.
    pub keep_rules: bool,
    pub threshold: f64,
    pub bias: f64,
    pub weights: [f64; FEATURES.len()],
}

impl SpeakerModel {
    pub fn probability(&self, features: Features) -> f64 {
        let mut total = self.bias;
        let mut bits = features;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            total += self.weights.get(i).copied().unwrap_or(0.0);
            bits &= bits - 1;
        }
        1.0 / (1.0 + (-total).exp())
    }

    /// The candidate chosen: the most probable, if it reaches the threshold (the first of
    /// equals, so the rules' order breaks ties).
    pub fn choose<'c, 't>(&self, candidates: &'c [Candidate<'t>]) -> Option<&'c Candidate<'t>> {
        if self.keep_rules
            && let Some(rules) = candidates.iter().find(|c| c.features & RULES_CHOICE != 0)
        {
            return Some(rules);
        }
        let mut best: Option<(f64, &Candidate)> = None;
        for candidate in candidates {
            let p = self.probability(candidate.features);
            if best.is_none_or(|(q, _)| p > q) {
                best = Some((p, candidate));
            }
        }
        best.filter(|(p, _)| *p >= self.threshold).map(|(_, c)| c)
    }

    /// Read a weights file; the error says which line is wrong.
    pub fn parse(text: &str) -> Result<SpeakerModel, String> {
        let (mut threshold, mut bias, mut keep_rules) = (None, None, false);
        let mut weights = [0.0; FEATURES.len()];
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |why: &str| format!("line {}: {why}: {line}", number + 1);
            let (name, value) = line.rsplit_once(' ').ok_or_else(|| fail("no value"))?;
            let value: f64 = value
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| fail("not a number"))?;
            match name {
                "threshold" => threshold = Some(value),
                "bias" => bias = Some(value),
                "keep_rules" => keep_rules = value != 0.0,
                _ => {
                    let i = FEATURES
                        .iter()
                        .position(|f| *f == name)
                        .ok_or_else(|| fail("unknown feature"))?;
                    weights[i] = value;
                }
            }
        }
        match (threshold, bias) {
            (Some(threshold), Some(bias)) => Ok(SpeakerModel {
                keep_rules,
                threshold,
                bias,
                weights,
            }),
            _ => Err("threshold or bias missing".to_string()),
        }
    }

    /// The text of a weights file: `comments` (each line prefixed with "# "), the header and
    /// every feature in bit order, with fixed decimals so that retraining gives the same bytes.
    pub fn write(&self, comments: &str) -> String {
        let mut out = String::new();
        for line in comments.lines() {
            let _ = writeln!(out, "{}", format!("# {line}").trim_end());
        }
        let _ = writeln!(out, "keep_rules {}", u8::from(self.keep_rules));
        let _ = writeln!(out, "threshold {:.4}", self.threshold);
        let _ = writeln!(out, "bias {:.4}", self.bias);
        for (name, weight) in FEATURES.iter().zip(&self.weights) {
            let _ = writeln!(out, "{name} {weight:.4}");
        }
        out
    }
}

/// The weights the build ships with.
pub const SPEAKER_WEIGHTS: &str = include_str!("speakers.weights");

/// The speaker model, read once. A unit test reads the embedded file, so a build whose weights
/// do not parse never passes its tests.
pub static SPEAKERS: LazyLock<SpeakerModel> = LazyLock::new(|| {
    SpeakerModel::parse(SPEAKER_WEIGHTS).unwrap_or_else(|error| panic!("speakers.weights: {error}"))
});

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(name: &str, features: Features) -> Candidate<'_> {
        Candidate {
            name: Cow::Borrowed(name),
            features,
        }
    }

    fn model(keep_rules: bool, threshold: f64) -> SpeakerModel {
        let mut weights = [0.0; FEATURES.len()];
        weights[PERSON_NAMED.trailing_zeros() as usize] = 3.0;
        weights[AS_WRITTEN.trailing_zeros() as usize] = -2.0;
        SpeakerModel {
            keep_rules,
            threshold,
            bias: 0.0,
            weights,
        }
    }

    #[test]
    fn the_shipped_weights_read() {
        let model = SpeakerModel::parse(SPEAKER_WEIGHTS).unwrap();
        assert!(model.threshold > 0.0);
    }

    /// A written model reads back to the same numbers, so retraining writes the same bytes.
    #[test]
    fn a_written_model_reads_back() {
        let written = model(true, 0.4).write("trained on nothing\n");
        assert!(written.starts_with("# trained on nothing\nkeep_rules 1\n"));
        let read = SpeakerModel::parse(&written).unwrap();
        assert_eq!(read, model(true, 0.4));
        assert_eq!(read.write("trained on nothing\n"), written);
    }

    #[test]
    fn bad_files_are_refused_with_the_line() {
        for (text, error) in [
            ("threshold 0.5\n", "threshold or bias missing"),
            ("bias 0\nsource nothing 1\n", "line 2: unknown feature"),
            ("bias x\n", "line 1: not a number"),
        ] {
            let got = SpeakerModel::parse(text).unwrap_err();
            assert!(got.starts_with(error), "{text:?}: {got}");
        }
    }

    /// The most probable candidate wins when it reaches the threshold; with `keep_rules` the
    /// rules' own speaker stands whatever the model thinks of the others.
    #[test]
    fn choice_takes_the_most_probable_or_keeps_the_rules() {
        let candidates = [
            candidate("analysts", AS_WRITTEN | RULES_CHOICE),
            candidate("Sung Kim", PERSON_NAMED),
        ];
        let name = |m: &SpeakerModel| m.choose(&candidates).map(|c| c.name.to_string());
        assert_eq!(name(&model(false, 0.5)).as_deref(), Some("Sung Kim"));
        assert_eq!(name(&model(false, 0.99)), None);
        assert_eq!(name(&model(true, 0.5)).as_deref(), Some("analysts"));
        assert_eq!(
            model(true, 0.5).choose(&candidates[1..]).unwrap().name,
            "Sung Kim"
        );
    }

    /// "Mr. Kim" and "Sung Kim" are one speaker: the first name given is kept, and the
    /// sources add up.
    #[test]
    fn candidates_with_the_same_last_word_merge() {
        let mut candidates = Vec::new();
        add(&mut candidates, Cow::Borrowed("Sung Kim"), RULES_CHOICE);
        add(&mut candidates, Cow::Borrowed("Kim"), PREVIOUS);
        add(&mut candidates, Cow::Borrowed("Kim Gunn"), PERSON_NAMED);
        finish(&mut candidates);
        assert_eq!(candidates.len(), 2);
        assert_eq!(candidates[0].name, "Sung Kim");
        let merged = RULES_CHOICE | PREVIOUS | AGREE_TWO | AGREE_NEIGHBOUR;
        assert_eq!(candidates[0].features, merged);
    }
}
