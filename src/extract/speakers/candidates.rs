//! The candidates of one sentence, with their features: every subject the attribution rules
//! tried (resolved, or as written when it does not resolve), their last resort, and the people
//! and bodies the sentence names. The speakers of the sentences around are added by the pass
//! over quotations (`mod.rs`).

use std::borrow::Cow;

use super::attribution::*;
use super::choice::*;
use super::mentions::*;
use super::resolution::*;
use super::words::*;

/// Sentence-wide features: whether it opens inside a quotation, holds one, attributes words.
pub(super) fn sentence_features(view: &SentenceView, attributed: bool) -> Features {
    let tokens = &view.tokens[view.range.clone()];
    let mut features = 0;
    if tokens.first().is_some_and(|t| t.quoted) {
        features |= OPENS_QUOTED;
    }
    if tokens.iter().any(|t| t.quoted) {
        features |= HAS_QUOTE;
    }
    if attributed {
        features |= ATTRIBUTED;
    }
    features
}

/// Whether a sentence can have a speaker at all: it attributes words, or quotes some. The
/// others get no candidates, which keeps the model off most sentences.
pub(super) fn speaks(sentence: Features) -> bool {
    sentence & (HAS_QUOTE | ATTRIBUTED) != 0
}

/// The candidates the sentence itself gives, with `rules` (the rules' speaker) marked.
pub(super) fn own_candidates<'r>(
    walk: &Walk<'r>,
    view: &SentenceView<'r>,
    found: &Attribution<'r>,
    rules: Option<&Cow<'r, str>>,
    sentence: Features,
) -> Vec<Candidate<'r>> {
    let mut candidates = Vec::new();
    let registry = walk.registry;
    let position = view.tokens[view.range.start].start;
    let name_features = |name: &str| {
        let mut features = 0;
        if registry.is_person(name) {
            features |= NAME_PERSON;
        }
        if registry.org_named(name).is_some() {
            features |= NAME_BODY;
        }
        if name.contains(' ') {
            features |= NAME_WORDS;
        }
        if name.starts_with(|c: char| c.is_lowercase()) {
            features |= NAME_LOWERCASE;
        }
        if is_gazetteer_place(name) {
            features |= NAME_PLACE;
        }
        features
    };
    if let Some(name) = rules {
        let features = RULES_CHOICE | sentence | name_features(name);
        add(&mut candidates, name.clone(), features);
    }
    for (rank, (subject, verb)) in found.candidates.iter().enumerate() {
        let source = if rank == 0 {
            FIRST_SUBJECT
        } else {
            LATER_SUBJECT
        };
        let features = source | sentence | subject_features(view, subject, *verb, found.trailing);
        match walk.resolve(view, subject, position, *verb) {
            Some(name) => {
                let features = features | name_features(&name);
                add(&mut candidates, name, features);
            }
            None => {
                if let Subject::Phrase(phrase) = subject {
                    let name = Cow::Borrowed(phrase.text);
                    let features = features | AS_WRITTEN | name_features(phrase.text);
                    add(&mut candidates, name, features);
                }
            }
        }
    }
    if let Some(verb) = found.last_resort
        && let Some(subject) = sentence_subject(view, verb)
    {
        let features = LAST_RESORT | sentence | subject_features(view, &subject, verb, None);
        if let Some(name) = walk.resolve(view, &subject, position, verb) {
            let features = features | name_features(&name);
            add(&mut candidates, name, features);
        }
    }
    for mention in view.mentions.iter().take(6) {
        let mut features = sentence;
        if view.tokens[mention.first].quoted {
            features |= NAME_QUOTED;
        }
        if mention.possessive {
            features |= NAME_POSSESSIVE;
        }
        let name = match mention.kind {
            EntityKind::Person => {
                features |= PERSON_NAMED;
                walk.full_person_name(mention, position)
            }
            EntityKind::Org => {
                features |= BODY_NAMED;
                registry.expand(mention.name)
            }
            EntityKind::Place | EntityKind::Unknown => continue,
        };
        let features = features | name_features(&name);
        add(&mut candidates, name, features);
    }
    if let Some(name) = walk.recent_salient_person() {
        let features = SALIENT | sentence | name_features(&name);
        add(&mut candidates, name, features);
    }
    candidates
}

/// What kind of subject the rules found, and how its verb links it.
fn subject_features(
    view: &SentenceView,
    subject: &Subject,
    verb: usize,
    trailing: Option<usize>,
) -> Features {
    let mut features = 0;
    let verb_token = &view.tokens[verb];
    let verb_word = view.word(verb);
    if ["told", "tells", "tell"]
        .iter()
        .any(|w| lower_is(verb_word, w))
    {
        features |= VERB_TOLD;
    } else if lower_is(verb_word, "according") || verb_token.is(SOURCE_PREPOSITION) {
        features |= VERB_ACCORDING;
    } else if verb_token.is(PARTICIPLE) {
        features |= VERB_PARTICIPLE;
    }
    if trailing == Some(verb) {
        features |= VERB_TRAILING;
    }
    let verb_start = verb_token.start;
    let after = |start: usize| start > verb_start;
    match subject {
        Subject::Name(m) => {
            let mention = &view.mentions[*m];
            features |= match mention.kind {
                EntityKind::Person => SUBJECT_PERSON,
                EntityKind::Org => SUBJECT_BODY,
                EntityKind::Place | EntityKind::Unknown => SUBJECT_OTHER_NAME,
            };
            if after(view.tokens[mention.first].start) {
                features |= VERB_SUBJECT_AFTER;
            }
        }
        Subject::Pronoun(pronoun) => {
            features |= if matches!(*pronoun, "he" | "she") {
                SUBJECT_HE_SHE
            } else {
                SUBJECT_IT_THEY
            };
            if verb + 1 < view.range.end && pronoun_at(view, verb + 1) {
                features |= VERB_SUBJECT_AFTER;
            }
        }
        Subject::Phrase(phrase) => {
            features |= if phrase.possessor.is_some() {
                SUBJECT_POSSESSED
            } else if phrase.determiner.is_some() {
                SUBJECT_DEFINITE
            } else {
                SUBJECT_BARE
            };
            let head = phrase.words.last().map_or("", |w| &**w);
            let class = classify(head);
            let singular = classify(head.strip_suffix('s').unwrap_or(head));
            if class & GENERIC != 0 {
                features |= HEAD_GENERIC;
            }
            if (class | singular) & ROLE != 0 {
                features |= HEAD_ROLE;
            }
            if (class | singular) & GROUP != 0 {
                features |= HEAD_GROUP;
            }
            // The phrase borrows from the article: its offset says on which side it stands.
            let start = (phrase.text.as_ptr() as usize).wrapping_sub(view.text.as_ptr() as usize);
            if after(start) {
                features |= VERB_SUBJECT_AFTER;
            }
        }
    }
    features
}

fn pronoun_at(view: &SentenceView, i: usize) -> bool {
    view.tokens[i].word && pronoun(view.word(i)).is_some()
}
