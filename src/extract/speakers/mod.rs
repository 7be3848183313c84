//! Who said it: quote attribution and speaker resolution across one article.
//!
//! A fact-checker logs a quote against the person (or body) who said it, by the full name the
//! article gives. Articles name a speaker once ("Sung Kim, the U.S. special envoy for North
//! Korea") and then refer back with "he said", "Mr. Kim", "the envoy" or "the agency". This
//! module reads the article's shared tokens as its own words, registers the people and organisations it names (with the
//! titles it gives them), finds the attribution of every sentence (a speech verb outside quotes
//! and its subject) and resolves that subject to a full name.
//!
//! The rules are heuristics about English news prose, not a parser: when a subject cannot be
//! resolved the sentence simply gets no speaker.
//!
//! In the order text flows: `words` (the lexicon's words as class bits of one table),
//! `tokens` (the shared tokens joined into the words names are made of), `mentions` (capitalised names: a person, a body, a
//! place), `registry` (the article's people and bodies, by any part of their names),
//! `attribution` (speech verbs and their subjects), `resolution` (a subject to a full name);
//! this file runs the three passes over the article.

mod attribution;
mod candidates;
pub mod choice;
mod mentions;
mod registry;
mod resolution;
mod tokens;
mod words;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use crate::extract::Sentence;
use crate::extract::tokens::Tokens;
use attribution::*;
use candidates::*;
use choice::{Candidate, Features, SPEAKERS};
use mentions::*;
use registry::*;
use resolution::*;
use tokens::*;
use words::*;

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

/// Resolve the speaker of every sentence of `text`, read through `shared`, the sentences'
/// tokens; boilerplate sentences are passed with `skip` set and get nothing.
pub fn resolve(
    text: &str,
    sentences: &[Sentence],
    shared: &Tokens,
    skip: &[bool],
) -> Vec<SentenceSpeech> {
    thread_local! {
        /// The token buffer, kept from one article to the next: allocating and freeing a
        /// buffer of an article's size each time cost more than filling it.
        static TOKENS: std::cell::Cell<(Vec<Tok>, Marks)> =
            const { std::cell::Cell::new((Vec::new(), Marks { names: Vec::new(), speech: Vec::new() })) };
    }
    let (mut tokens, mut marks) = TOKENS.take();
    tokenize(text, sentences, shared, &mut tokens, &mut marks);
    let model = &*SPEAKERS;
    let gather = match (model.keep_rules, model.threshold > 1.0) {
        (true, true) => Gather::Nothing,
        (true, false) => Gather::Undecided,
        (false, _) => Gather::All,
    };
    let choose = |results: &mut [SentenceSpeech], candidates: &mut [Vec<Candidate>]| {
        for (result, candidates) in results.iter_mut().zip(candidates) {
            // A sentence without candidates keeps what the rules found (nothing, unless
            // the model only fills in where they find no one).
            if candidates.is_empty() {
                continue;
            }
            choice::finish(candidates);
            result.speaker = model.choose(candidates).map(|c| c.name.to_string());
        }
    };
    let speech = resolve_tokens(text, sentences, skip, (&tokens, &marks), gather, choose);
    // A huge article's buffer is not worth keeping.
    if tokens.capacity() <= 1 << 20 {
        TOKENS.set((tokens, marks));
    }
    speech
}

/// The token range of each sentence. Sentences come in text order and are a few dozen tokens
/// long, so the search gallops on from the last answer (which is often the answer again)
/// instead of halving the whole article; an offset before the last answer (sentences out of
/// order) takes the whole binary search.
fn sentence_ranges(tokens: &[Tok], sentences: &[Sentence]) -> Vec<Range<usize>> {
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
    sentences
        .iter()
        .map(|s| first_token_from(s.start)..first_token_from(s.end))
        .collect()
}

/// What pass 1 finds: the mentions of every sentence, one after the other (`by_sentence`
/// says where each sentence's are), the titles of all of them, and the registry built from
/// them.
struct Names<'t> {
    registry: Registry<'t>,
    mentions: Vec<Mention<'t>>,
    titles: Vec<&'t str>,
    by_sentence: Vec<Range<usize>>,
}

/// The input of one article, as every pass reads it.
struct Article<'t> {
    text: &'t str,
    tokens: &'t [Tok],
    marks: &'t Marks,
    ranges: Vec<Range<usize>>,
    skip: &'t [bool],
}

impl Article<'_> {
    fn skipped(&self, index: usize) -> bool {
        self.skip.get(index).copied().unwrap_or(false)
    }
}

/// Every sentence's speaker candidates, with their features, for training the speaker model:
/// the rules' own speakers are among them, marked `source rules_choice`.
pub fn training_candidates(
    text: &str,
    sentences: &[Sentence],
    skip: &[bool],
) -> Vec<Vec<Candidate<'static>>> {
    let (mut tokens, mut marks) = (
        Vec::new(),
        Marks {
            names: Vec::new(),
            speech: Vec::new(),
        },
    );
    let shared = crate::extract::tokens::tokenize(text, sentences.iter().map(|s| (s.start, s.end)));
    tokenize(text, sentences, &shared, &mut tokens, &mut marks);
    let mut found = Vec::new();
    resolve_tokens(
        text,
        sentences,
        skip,
        (&tokens, &marks),
        Gather::All,
        |_, candidates| {
            found = candidates
                .iter_mut()
                .map(|candidates| {
                    choice::finish(candidates);
                    let owned = candidates.iter().map(|c| Candidate {
                        name: Cow::Owned(c.name.to_string()),
                        features: c.features,
                    });
                    owned.collect()
                })
                .collect();
        },
    );
    found
}

/// Which sentences get speaker candidates: gathering them for every sentence that speaks
/// cost a third of the stage's speed, and the model needs them only where it chooses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gather {
    /// Every sentence that quotes or attributes words (training; a model that ranks all).
    All,
    /// Those the rules leave without a speaker (a model that only fills in).
    Undecided,
    /// None (the rules' speakers stand alone).
    Nothing,
}

impl Gather {
    fn wants(self, rules_found_none: bool) -> bool {
        match self {
            Gather::All => true,
            Gather::Undecided => rules_found_none,
            Gather::Nothing => false,
        }
    }
}

/// The three passes, then `choose` with the rules' results and every sentence's candidates.
fn resolve_tokens(
    text: &str,
    sentences: &[Sentence],
    skip: &[bool],
    (tokens, marks): (&[Tok], &Marks),
    gather: Gather,
    choose: impl FnOnce(&mut [SentenceSpeech], &mut [Vec<Candidate>]),
) -> Vec<SentenceSpeech> {
    let article = Article {
        text,
        tokens,
        marks,
        ranges: sentence_ranges(tokens, sentences),
        skip,
    };
    let names = register_names(&article);
    let (mut results, mut candidates, shapes) = attribute_sentences(&article, &names, gather);
    continue_quotations(&article, &mut results, &mut candidates, (&shapes, gather));
    choose(&mut results, &mut candidates);
    results
}

/// Pass 1: every name in the article, with its titles, so that "Pompeo" and "the doctors" can
/// be resolved even where the full name comes later.
fn register_names<'t>(article: &Article<'t>) -> Names<'t> {
    let (text, tokens) = (article.text, article.tokens);
    // Room for a name every 32 tokens or so, as news prose has: growing the indexes showed in
    // the profile.
    let names = tokens.len() / 32 + 8;
    let mut registry = Registry {
        text,
        tokens,
        name_starts: &article.marks.names,
        person_index: FastMap::with_capacity_and_hasher(names, Default::default()),
        org_index: FastMap::with_capacity_and_hasher(names, Default::default()),
        by_surname: FastMap::with_capacity_and_hasher(names, Default::default()),
        by_first_word: FastMap::with_capacity_and_hasher(names, Default::default()),
        ..Registry::default()
    };
    // Reserved for about a mention per eight tokens (news prose has one per fifteen or so):
    // growing them showed in the profile.
    let mut mentions: Vec<Mention> = Vec::with_capacity(tokens.len() / 8);
    let mut titles: Vec<&str> = Vec::with_capacity(tokens.len() / 8);
    let mut by_sentence = Vec::with_capacity(article.ranges.len());
    for (index, range) in article.ranges.iter().enumerate() {
        let first = mentions.len();
        if article.skipped(index)
            && !range.is_empty()
            && let (Some(open), Some(close)) = (tokens.get(range.start), tokens.get(range.end - 1))
            && let Some(name) = signed_name(&text[open.start..close.end])
        {
            registry.signed_names.push(name);
        }
        if !article.skipped(index) {
            let names = &article.marks.names;
            let starts = &names[marks_in(names, range)];
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
        by_sentence.push(first..mentions.len());
    }
    registry.finish();
    single_names_as_people(&mut registry, &mut mentions, &titles, tokens);
    register_single_names(&mut registry, &mentions, &by_sentence, article);
    Names {
        registry,
        mentions,
        titles,
        by_sentence,
    }
}

/// One-word names still unknown ("WeWork"), where they stand inside a sentence: at its start
/// a capitalised word may be any word. Not in capitals: an acronym that is no body's is a
/// thing's ("AI").
fn register_single_names<'t>(
    registry: &mut Registry<'t>,
    mentions: &[Mention<'t>],
    by_sentence: &[Range<usize>],
    article: &Article,
) {
    for (range, sentence) in by_sentence.iter().zip(&article.ranges) {
        for mention in &mentions[range.clone()] {
            if mention.kind == EntityKind::Unknown
                && mention.first > sentence.start
                && !mention.name.contains(' ')
                && !is_all_caps(mention.name)
                && !is_place_or_people(mention.name)
            {
                let position = article.tokens[mention.first].start;
                registry
                    .single_names
                    .entry(mention.name)
                    .or_default()
                    .push(position);
            }
        }
    }
}

/// Single names count as mentions of the full name they stand for, and make a surname
/// ("Netanyahu", "Sondland") a person for "he said".
fn single_names_as_people<'t>(
    registry: &mut Registry<'t>,
    mentions: &mut [Mention<'t>],
    titles: &[&'t str],
    tokens: &[Tok],
) {
    let mut extra_mentions: Vec<(usize, usize, Range<usize>)> = Vec::new();
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
}

/// Pass 2: attribution, in text order: the rules' speakers, and the candidates of the
/// sentences that attribute or quote words.
fn attribute_sentences<'t>(
    article: &Article<'t>,
    names: &'t Names<'t>,
    gather: Gather,
) -> (Vec<SentenceSpeech>, Vec<Vec<Candidate<'t>>>, Vec<Features>) {
    let mut walk = Walk {
        registry: &names.registry,
        salient_people: Vec::with_capacity(article.ranges.len()),
        people_named: Vec::with_capacity(article.ranges.len()),
        last_org_speaker: None,
        last_group_speaker: None,
        last_plural_speaker: None,
        last_speaker: None,
        unnamed_speakers: Vec::new(),
    };
    let mut results = vec![SentenceSpeech::default(); article.ranges.len()];
    let mut candidates = vec![Vec::new(); article.ranges.len()];
    let mut shapes = vec![0; article.ranges.len()];
    for (index, range) in article.ranges.iter().enumerate() {
        if article.skipped(index) || range.is_empty() {
            walk.salient_people.push(None);
            walk.people_named.push(None);
            continue;
        }
        let view = SentenceView {
            text: article.text,
            tokens: article.tokens,
            range: range.clone(),
            mentions: &names.mentions[names.by_sentence[index].clone()],
        };
        let speech = &article.marks.speech;
        let found = attribution(&view, &speech[marks_in(speech, range)]);
        let attributed = found.attributed;
        let (speaker, subject, unnamed) = choose_speaker(&walk, &view, &found);
        let sentence = sentence_features(&view, attributed);
        shapes[index] = sentence;
        if speaks(sentence) && gather.wants(speaker.is_none()) {
            candidates[index] = own_candidates(&walk, &view, &found, speaker.as_ref(), sentence);
        }
        let names_role = view.mentions.iter().any(|m| {
            m.kind == EntityKind::Person
                && names.titles[m.titles.clone()]
                    .iter()
                    .any(|t| is_role_title(t))
        });
        walk.remember(&view, &speaker, &subject);
        results[index] = SentenceSpeech {
            speaker: speaker.map(Cow::into_owned),
            names_role,
            unnamed_source: unnamed,
            has_attribution: attributed,
        };
    }
    (results, candidates, shapes)
}

/// The speaker of one sentence among what `attribution` found, with the subject it came
/// from, and whether the sentence quotes an unnamed generic source instead.
fn choose_speaker<'r>(
    walk: &Walk<'r>,
    view: &SentenceView<'r>,
    found: &Attribution<'r>,
) -> (Option<Cow<'r, str>>, Option<Subject<'r>>, bool) {
    let position = view.tokens[view.range.start].start;
    let mut unnamed = false;
    // The first candidate that resolves to a person or a named body wins; a bare unknown word
    // ("Israel") only when nothing better is found.
    let mut fallback = None;
    for (candidate, verb) in found.candidates.iter() {
        let Some(resolved) = walk.resolve(view, candidate, position, *verb) else {
            if let Subject::Phrase(Phrase {
                words, determiner, ..
            }) = candidate
            {
                let head = words.last().map_or("", |w| &**w);
                unnamed |= classify(head) & GENERIC != 0 && determiner.is_none();
            }
            continue;
        };
        let weak = matches!(candidate, Subject::Name(m)
            if matches!(view.mentions[*m].kind, EntityKind::Unknown | EntityKind::Place)
                && !walk.registry.is_person(&resolved));
        if weak {
            if fallback.is_none() {
                fallback = Some((resolved, candidate.clone()));
            }
            continue;
        }
        // "Officials say": a speaker, and still a source the article leaves unnamed.
        let office = matches!(candidate, Subject::Phrase(p) if is_unnamed_office(p));
        return (Some(resolved), Some(candidate.clone()), office);
    }
    if let Some(verb) = found.last_resort
        && let Some(candidate) = sentence_subject(view, verb)
        && let Some(resolved) = walk.resolve(view, &candidate, position, verb)
    {
        return (Some(resolved), Some(candidate), false);
    }
    match fallback {
        Some((resolved, candidate)) => (Some(resolved), Some(candidate), false),
        None => (None, None, unnamed),
    }
}

/// Pass 3: quotation sentences with no attribution of their own belong to the speaker of the
/// quotation they continue: the sentence where the quotation closes, else the one before.
/// Every sentence with candidates also gets those speakers as candidates.
fn continue_quotations(
    article: &Article,
    results: &mut [SentenceSpeech],
    candidates: &mut [Vec<Candidate>],
    (shapes, gather): (&[Features], Gather),
) {
    for index in 0..results.len() {
        if article.skipped(index) || article.ranges[index].is_empty() {
            continue;
        }
        // Backward: the two sentences of text before, past any furniture between them
        // (an embedded tweet's signature, a "Club statement" label).
        let before = |results: &[SentenceSpeech]| {
            let mut found = (0..index)
                .rev()
                .filter(|&k| !article.skipped(k) && !article.ranges[k].is_empty())
                .take(2)
                .map(|k| results[k].speaker.clone());
            (found.next().flatten(), found.next().flatten())
        };
        let continues = results[index].speaker.is_none()
            && !results[index].has_attribution
            && article.tokens[article.ranges[index].start].quoted;
        if continues {
            let found = quotation_closed_by(article, results, index).or_else(|| {
                let (previous, before_previous) = before(results);
                previous.or(before_previous)
            });
            if let Some(name) = &found {
                let features = choice::RULES_CHOICE | shapes[index];
                choice::add(&mut candidates[index], Cow::Owned(name.clone()), features);
            }
            results[index].speaker = found;
        }
        let sentence = shapes[index];
        if !speaks(sentence) || !gather.wants(results[index].speaker.is_none()) {
            continue;
        }
        let closed_by = quotation_closed_by(article, results, index);
        let (previous, before_previous) = before(results);
        for (name, source) in [
            (closed_by, choice::CLOSED_BY),
            (previous, choice::PREVIOUS),
            (before_previous, choice::BEFORE_PREVIOUS),
        ] {
            if let Some(name) = name {
                choice::add(&mut candidates[index], Cow::Owned(name), source | sentence);
            }
        }
    }
}

/// The speaker of the sentence that closes the quotation sentence `index` opens, when it goes
/// on into the next sentences (three at most).
fn quotation_closed_by(
    article: &Article,
    results: &[SentenceSpeech],
    index: usize,
) -> Option<String> {
    let tokens = article.tokens;
    // The quotation is still open after a sentence when the next token is inside it.
    let open_after = |r: &Range<usize>| tokens.get(r.end).is_some_and(|t| t.quoted && !t.opens);
    let mut open = open_after(&article.ranges[index]);
    let mut next = index + 1;
    while open && next < results.len() && next <= index + 3 {
        if article.skipped(next) {
            return None;
        }
        if let Some(speaker) = &results[next].speaker {
            return Some(speaker.clone());
        }
        open = open_after(&article.ranges[next]);
        next += 1;
    }
    None
}
