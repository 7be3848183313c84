//! Attribution: the speech verbs of a sentence and the noun phrases that are their subjects.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::mentions::*;
use super::tokens::*;
use super::words::*;
use crate::extract::lexicon;

/// A noun phrase found as the subject of a speech verb, before resolution. Its text is
/// borrowed from the article: subjects are found for every attributed sentence, and most are
/// never the speaker.
#[derive(Debug, Clone)]
pub(super) enum Subject<'t> {
    /// A capitalised name (index into the sentence's mentions).
    Name(usize),
    /// "he", "she", "it", "they".
    Pronoun(&'static str),
    /// A lowercase noun phrase.
    Phrase(Phrase<'t>),
}

/// A lowercase noun phrase: determiner, words (the last is the head), possessor text.
#[derive(Debug, Clone)]
pub(super) struct Phrase<'t> {
    pub(super) determiner: Option<&'static str>,
    pub(super) words: Vec<Cow<'t, str>>,
    pub(super) possessor: Option<&'t str>,
    /// The capitalised name among the modifiers ("the French foreign ministry", "PG&E
    /// officials").
    pub(super) named: Option<&'t str>,
    /// The name is one word of unknown kind that opens the sentence ("Defense attorneys"):
    /// maybe only capitalised for that.
    pub(super) named_opens_sentence: bool,
    pub(super) text: &'t str,
    /// The phrase's first token, its determiner or possessor included.
    pub(super) first: usize,
}

pub(super) struct SentenceView<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Tok],
    pub(super) range: std::ops::Range<usize>,
    pub(super) mentions: &'a [Mention<'a>],
}

impl<'a> SentenceView<'a> {
    pub(super) fn word(&self, i: usize) -> &'a str {
        token_text(self.text, &self.tokens[i])
    }

    // Mentions are found left to right and never overlap, so they are sorted by position and
    // a binary search finds one: a linear scan per token made a long sentence quadratic.
    pub(super) fn mention_ending_at(&self, i: usize) -> Option<usize> {
        self.mentions.binary_search_by_key(&i, |m| m.last).ok()
    }

    pub(super) fn mention_at(&self, i: usize) -> Option<usize> {
        let m = self.mentions.partition_point(|m| m.last < i);
        (m < self.mentions.len() && self.mentions[m].first <= i).then_some(m)
    }

    /// Step left from `i` over auxiliaries and adverbs ("has already said").
    pub(super) fn skip_left(&self, mut i: usize) -> Option<usize> {
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

    /// "..., Kurinji Selvaraj, a research analyst at the Council on Energy, Environment and
    /// Water think tank told CBS News": an appositive that the verb closes without a comma
    /// leaves the name before it the subject. The name opens its clause ("with Trump, a second
    /// person briefed on the call said" is the second person speaking), and the appositive
    /// holds three words at least ("Kim, a diplomat said" is the diplomat).
    fn open_appositive_owner(&self, verb: usize) -> Option<Subject<'a>> {
        let from = verb.saturating_sub(30).max(self.range.start + 2);
        let mut found = None;
        for k in (from..verb).rev() {
            let tok = &self.tokens[k];
            if !tok.word {
                if is_quote_mark(tok.punct) || matches!(tok.punct, '.' | ';' | ':') {
                    break;
                }
                continue;
            }
            // The word test last: most words follow no comma.
            let after_comma = !self.tokens[k - 1].word && self.tokens[k - 1].punct == ',';
            if after_comma
                && verb - k > 3
                && (lower_is(self.word(k), "a") || lower_is(self.word(k), "an"))
            {
                found = Some(k);
            }
        }
        let m = self.mention_ending_at(found? - 2)?;
        let mention = &self.mentions[m];
        let opens_clause = mention.first == self.range.start || {
            let before = &self.tokens[mention.first - 1];
            !before.word && (before.punct == ',' || is_quote_mark(before.punct))
        };
        (mention.kind == EntityKind::Person && !mention.possessive && opens_clause)
            .then_some(Subject::Name(m))
    }

    /// The subject of a verb at `verb`, looking left: the phrase before it, unless that is no
    /// person and an appositive left open names one.
    pub(super) fn subject_before(&self, verb: usize) -> Option<Subject<'a>> {
        let nearest = self.nearest_subject_before(verb);
        let person = match &nearest {
            Some(Subject::Name(m)) => self.mentions[*m].kind == EntityKind::Person,
            Some(Subject::Pronoun(_)) => true,
            _ => false,
        };
        // Only a person named before the verb can own an appositive: most sentences are done
        // without a look.
        let person_before = self
            .mentions
            .iter()
            .any(|m| m.kind == EntityKind::Person && m.last + 3 < verb);
        if person || !person_before {
            return nearest;
        }
        self.open_appositive_owner(verb).or(nearest)
    }

    fn nearest_subject_before(&self, verb: usize) -> Option<Subject<'a>> {
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
                return self.subject_ending_at(i);
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

    /// The subject whose phrase ends at token `i`. A place or a thing after a preposition of
    /// place is where the subject is, not who speaks: "The US Embassy in New Delhi ... reported",
    /// "scientists using a telescope atop Mauna Kea have confirmed", "A doctor on the scene
    /// told", "researchers out of NASA's Goddard Space Flight Center in Greenbelt, Maryland,
    /// has confirmed": the phrase before the preposition is the subject.
    fn subject_ending_at(&self, mut i: usize) -> Option<Subject<'a>> {
        for _ in 0..3 {
            let subject = self.noun_phrase_ending_at(i)?;
            let Some(preposition) = self.placed_at(&subject) else {
                return Some(subject);
            };
            if preposition == self.range.start {
                return None;
            }
            i = self.skip_left(preposition - 1)?;
            let tok = &self.tokens[i];
            if !tok.word || tok.quoted {
                return None;
            }
        }
        None
    }

    /// The preposition of place before `subject`, when the subject is a place or a thing (no
    /// body, role or group) that such a preposition governs.
    fn placed_at(&self, subject: &Subject) -> Option<usize> {
        let first = match subject {
            Subject::Name(m) => {
                // A body stays: "an analyst at Goldman Sachs said" may be the bank's word.
                // Two capitalised words after "atop" are a place however they read ("Mauna
                // Kea").
                let mention = &self.mentions[*m];
                if mention.kind == EntityKind::Org {
                    return None;
                }
                mention.first
            }
            Subject::Phrase(phrase) => {
                let speaks = GROUP | ROLE | GENERIC | OFFICE | ORG | BUSINESS | DOCUMENT;
                let head = phrase.words.last()?;
                if phrase.named.is_some() || classify(head) & speaks != 0 {
                    return None;
                }
                phrase.first
            }
            Subject::Pronoun(_) => return None,
        };
        let before = first.checked_sub(1).filter(|&b| b >= self.range.start)?;
        let tok = &self.tokens[before];
        (tok.word && !tok.cap && !tok.quoted && tok.is(PLACE_PREPOSITION)).then_some(before)
    }

    /// The subject a name ending a noun phrase gives (mention `m`).
    fn name_subject(&self, m: usize) -> Option<Subject<'a>> {
        // Coordination: "The United Nations and European Union stressed" -> the first.
        let mention = &self.mentions[m];
        if mention.first >= self.range.start + 2
            && self.word(mention.first - 1) == "and"
            && let Some(previous) = self.mention_ending_at(mention.first - 2)
        {
            return Some(Subject::Name(previous));
        }
        // "Moody's said", "McDonald's announced": the possessive ends the phrase before the
        // verb, so the "'s" is the body's name. A person's would be "has" or a stray owner
        // ("Netanyahu's previously stated position"): no subject, as before.
        if mention.possessive && mention.kind == EntityKind::Person {
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
        Some(Subject::Name(m))
    }

    /// The noun phrase whose last word is token `i`.
    pub(super) fn noun_phrase_ending_at(&self, i: usize) -> Option<Subject<'a>> {
        let tok = self.tokens[i];
        // The pronouns are COMMON words: the class rules out the others at once.
        if let Some(pronoun) = pronoun(self.word(i)).filter(|_| tok.is(COMMON)) {
            return Some(Subject::Pronoun(pronoun));
        }
        if let Some(m) = self.mention_ending_at(i) {
            return self.name_subject(m);
        }
        if tok.cap && tok.is(COMMON) {
            return None;
        }
        self.lowercase_phrase(i)
    }

    /// A lowercase phrase ending at token `i`: walk left to a determiner or a stop.
    fn lowercase_phrase(&self, i: usize) -> Option<Subject<'a>> {
        let mut words = Vec::new();
        let mut possessor = None;
        let mut determiner = None;
        let mut named = None;
        let mut named_opens_sentence = false;
        let mut content_start = i;
        let mut first = usize::MAX;
        let mut k = i;
        loop {
            let t = self.tokens[k];
            if !t.word || t.quoted {
                break;
            }
            let w = self.word(k);
            // The determiners are all COMMON words: the class rules out the others at once.
            // "one Weibo commenter said": "one" is an indefinite article too.
            if let Some(article) = ["the", "a", "an", "one", "his", "her", "its", "their"]
                .into_iter()
                .find(|article| t.is(COMMON) && lower_is(w, article))
            {
                determiner = Some(article);
                first = k;
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
                named_opens_sentence = mention.first == self.range.start
                    && mention.first == mention.last
                    && mention.kind == EntityKind::Unknown;
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
        // Coordination: "Holcomb and GOP legislative leaders touted", "Paganini and his team
        // reported" -> the one named first.
        let phrase_start = first.min(content_start);
        if possessor.is_none()
            && phrase_start >= self.range.start + 2
            && self.word(phrase_start - 1) == "and"
            && let Some(previous) = self.mention_ending_at(phrase_start - 2)
            && !self.mentions[previous].possessive
        {
            return Some(Subject::Name(previous));
        }
        let text = &self.text[self.tokens[content_start].start..self.tokens[i].end];
        Some(Subject::Phrase(Phrase {
            determiner,
            words,
            possessor,
            named,
            named_opens_sentence,
            text,
            first: first.min(content_start),
        }))
    }

    /// "said a WeWork spokesperson when contacted": the role noun that closes the phrase the
    /// article `a` (token `article`) opens, past the names that qualify it.
    fn indefinite_role_after(&self, article: usize) -> Option<usize> {
        let mut k = article + 1;
        while k < self.range.end && self.tokens[k].word && !self.tokens[k].quoted {
            if let Some(m) = self.mention_at(k) {
                k = self.mentions[m].last + 1;
                continue;
            }
            return (!self.tokens[k].cap && self.tokens[k].is(ROLE)).then_some(k);
        }
        None
    }

    /// The subject after an inverted verb: "..., said Avi Bell, senior fellow" or "said
    /// another witness, former White House Russia adviser Fiona Hill".
    pub(super) fn subject_after(&self, verb: usize) -> Option<Subject<'a>> {
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
                // "said the president": a phrase up to the next punctuation, or to a
                // participle ("says the letter signed by seven physicians").
                let mut end = i + 1;
                while end < self.range.end
                    && self.tokens[end].word
                    && !self.tokens[end].is(COMMON)
                    && self.mention_at(end).is_none()
                    && !(end > i + 1 && is_participle_form(self.word(end)))
                {
                    end += 1;
                }
                if end > i + 1
                    && (end == self.range.end
                        || !self.tokens[end].word
                        || is_participle_form(self.word(end)))
                {
                    return self.noun_phrase_ending_at(end - 1);
                }
            }
            if i == verb + 1
                && (lower_is(word, "a") || lower_is(word, "an"))
                && let Some(head) = self.indefinite_role_after(i)
            {
                return self.noun_phrase_ending_at(head);
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

/// The subject pronoun `word` is, lowercased.
pub(super) fn pronoun(word: &str) -> Option<&'static str> {
    ["he", "she", "it", "they"]
        .into_iter()
        .find(|pronoun| lower_is(word, pronoun))
}

pub(super) fn is_speech_verb(view: &SentenceView, i: usize) -> bool {
    let tok = &view.tokens[i];
    // The class test first: it fails for nearly every token, punctuation included.
    if !tok.is(SPEECH) || !tok.word || tok.quoted || tok.cap && i != view.range.start {
        return false;
    }
    // Only ASCII words have a class.
    let word = view.word(i);
    if lower_is(word, "pointed") || lower_is(word, "points") {
        // "pointed out", "points out".
        return i + 1 < view.range.end && lower_is(view.word(i + 1), "out");
    }
    if lower_is(word, "agreed") {
        // "agreed that ...", "..., she agreed.": words; "agreed to a rescue", "agreed a deal":
        // a deal made.
        let next = i + 1;
        return next >= view.range.end
            || !view.tokens[next].word
            || lower_is(view.word(next), "that");
    }
    if lower_is(word, "describe") || lower_is(word, "describes") {
        // "to describe his city as a gas chamber"; "describes the process" says nothing.
        let end = view.range.end.min(i + 10);
        return (i + 1..end).any(|k| view.tokens[k].word && lower_is(view.word(k), "as"));
    }
    // Passive "was told", "is said", "are often called", "so-called"; "pleaded guilty".
    let before = (i > view.range.start)
        .then(|| view.skip_left(i - 1))
        .flatten();
    if let Some(b) = before {
        let before = &view.tokens[b];
        if before.word && before.is(BE) {
            return false;
        }
    }
    if lower_is(word, "called") && names_a_thing(view, i, before) {
        return false;
    }
    if lower_is(word, "pleaded") && i + 1 < view.range.end && lower_is(view.word(i + 1), "guilty") {
        return false;
    }
    let plural_noun = i > view.range.start && ambiguous_noun(view, i, word);
    !plural_noun && !writes_a_thing(view, i, word)
}

/// "called" (token `i`, with `before`, the word before it past any adverbs) naming a thing or
/// making a call, not words said: "what's called “feather duvet lung”", "Often called bird
/// fancier's asthma", "spotted Webb's sedan and called 911", "has called in ESA's Concurrent
/// Design Facility". "Called for", "called on", "called it a betrayal" still say something.
fn names_a_thing(view: &SentenceView, i: usize, before: Option<usize>) -> bool {
    static CALL_PARTICLES: LazyLock<lexicon::WordSet> =
        LazyLock::new(|| lexicon::WordSet::of(&lexicon::CALL_PARTICLES));
    // Past adverbs, which `skip_left` steps over only in lower case.
    let opens = before.is_none_or(|b| b == view.range.start && view.tokens[b].is(SKIP));
    let after_what = before.is_some_and(|b| lower_is(view.word(b), "what"));
    let next = (i + 1 < view.range.end).then(|| &view.tokens[i + 1]);
    let object_is_no_one = next.is_some_and(|t| {
        let word = view.word(i + 1);
        (!t.word && is_quote_mark(t.punct))
            || word.starts_with(|c: char| c.is_ascii_digit())
            || CALL_PARTICLES.contains(&word.to_ascii_lowercase())
    });
    opens || after_what || object_is_no_one
}

/// "news reports", "the claims": a plural noun unless a name, a pronoun or a break comes
/// before it ("Reuters reports", "it claims", ", reports Reuters") or "that" after it.
fn ambiguous_noun(view: &SentenceView, i: usize, word: &str) -> bool {
    if lexicon::line_of(&lexicon::AMBIGUOUS_SPEECH_VERBS, word).is_none() {
        return false;
    }
    let before = &view.tokens[i - 1];
    let that_follows = i + 1 < view.range.end && lower_is(view.word(i + 1), "that");
    let after_noun =
        before.word && !before.cap && pronoun(view.word(i - 1)).is_none() && !before.is(SKIP);
    // "Lowe's reports", "Moody's estimates": an owner's reports, unless "that" follows.
    (after_noun || before.word && before.possessive) && !that_follows
}

/// "Marsh wrote 214 checks to herself", "wrote a book": writing a thing, not words said;
/// "wrote in a letter", "wrote that" still attribute, and so does an inverted verb after a
/// quotation ("...,” writes the Associated Press").
fn writes_a_thing(view: &SentenceView, i: usize, word: &str) -> bool {
    if !(lower_is(word, "wrote") || lower_is(word, "writes")) || i + 1 >= view.range.end {
        return false;
    }
    let inverted = i > view.range.start && !view.tokens[i - 1].word;
    let next = view.word(i + 1);
    !inverted
        && (next.starts_with(|c: char| c.is_ascii_digit())
            || [
                "a", "an", "the", "his", "her", "their", "its", "two", "three", "dozens",
            ]
            .iter()
            .any(|object| lower_is(next, object)))
}

/// What `attribution` found: subjects in order of preference, the verb whose sentence subject
/// to fall back on, and whether the sentence attributes anything at all.
pub(super) struct Attribution<'a> {
    pub(super) candidates: Vec<(Subject<'a>, usize)>,
    /// Only looked for when no candidate resolves: the search builds a noun phrase, and most
    /// attributed sentences never need it.
    pub(super) last_resort: Option<usize>,
    pub(super) attributed: bool,
    /// The verb of a trailing attribution (", X said."), which frames the whole sentence.
    pub(super) trailing: Option<usize>,
}

/// `speech`: the sentence's speech verbs and participles (`Marks::speech`).
pub(super) fn attribution<'a>(view: &SentenceView<'a>, speech: &[usize]) -> Attribution<'a> {
    // Every way of attributing starts at a speech verb or participle: most sentences have
    // none and are done here.
    if speech.is_empty() {
        return Attribution {
            candidates: Vec::new(),
            last_resort: None,
            attributed: false,
            trailing: None,
        };
    }
    let verbs: Vec<usize> = speech
        .iter()
        .copied()
        .filter(|&i| is_speech_verb(view, i) || is_progressive(view, i))
        .collect();
    let mut candidates: Vec<(Subject<'a>, usize)> = Vec::new();
    let trailing = trailing_verb(view, &verbs);
    for verb in trailing.into_iter().chain(verbs.iter().copied()) {
        verb_subjects(view, verb, &mut candidates);
    }
    participle_subjects(view, speech, verbs.is_empty(), &mut candidates);
    // Last resort for a speech verb whose own subject was not understood ("The doctors
    // offering to run the clinic noted ..."; "Another diplomat, former envoy Kurt Volker,
    // shifted his account to say ..."): the subject the sentence opens with.
    // Not for a trailing attribution: ", prosecutors said." names its own subject.
    let last_resort = verbs.first().copied().filter(|_| trailing.is_none());
    let attributed = !candidates.is_empty() || !verbs.is_empty();
    Attribution {
        candidates,
        last_resort,
        attributed,
        trailing,
    }
}

/// A speech participle after a form of "be" is the sentence's verb: "A group of physicians
/// ... is urging the Department", "Michigan health authorities are reporting a sixth death",
/// "regulators are demanding answers".
fn is_progressive(view: &SentenceView, i: usize) -> bool {
    let tok = &view.tokens[i];
    tok.word
        && !tok.quoted
        && !tok.cap
        && tok.is(PARTICIPLE)
        && i > view.range.start
        && view.tokens[i - 1].word
        && view.tokens[i - 1].is(BE)
        && !view.tokens[i - 1].quoted
}

/// A trailing attribution (", X said." closing the sentence) frames the whole sentence;
/// otherwise the first speech verb is the main one.
fn trailing_verb(view: &SentenceView, verbs: &[usize]) -> Option<usize> {
    let last_break = view
        .range
        .clone()
        .rev()
        .find(|&i| {
            let t = &view.tokens[i];
            !t.word && (t.punct == ',' || matches!(t.punct, '”' | '"'))
        })
        .unwrap_or(view.range.start);
    let verb = *verbs.iter().find(|&&v| v > last_break)?;
    let short_subject = verb - last_break <= 8;
    let short_rest = view.range.end - verb <= 6;
    (last_break > view.range.start && short_subject && short_rest).then_some(verb)
}

/// The subjects of speech verb `verb`, in the order they are worth trying.
fn verb_subjects<'a>(
    view: &SentenceView<'a>,
    verb: usize,
    candidates: &mut Vec<(Subject<'a>, usize)>,
) {
    let mut found = |subject: Option<Subject<'a>>| candidates.extend(subject.map(|s| (s, verb)));
    // "... is urging": the subject stands before the form of "be", and none follows.
    if is_progressive(view, verb) {
        found(view.subject_before(verb - 1));
        return;
    }
    let before = (verb > view.range.start).then(|| &view.tokens[verb - 1]);
    let after_quote = before.is_some_and(|b| !b.word && is_quote_mark(b.punct));
    let after_comma = before.is_some_and(|b| !b.word && matches!(b.punct, ',' | ':'));
    let at_start = before.is_none();
    // Whoever follows "told" is the one told ("told Reuters"): it is never inverted.
    let told = ["told", "tells", "tell"]
        .iter()
        .any(|w| lower_is(view.word(verb), w));
    // "“...,” said Hill": the subject follows. "Hill, a teacher, said": it precedes, and an
    // inverted reading is only tried when that fails. "..., said Serene Gregg, local
    // president of the union.": a name right after the verb is the speaker, whatever the
    // clause before it opens with.
    if told {
        found(view.subject_before(verb));
    } else if after_quote || at_start || (after_comma && names_follow(view, verb)) {
        found(view.subject_after(verb));
        found(view.subject_before(verb));
    } else if after_comma {
        found(view.subject_before(verb));
        found(view.subject_after(verb));
    } else {
        found(view.subject_before(verb));
    }
}

/// "according to Amnesty International"; a participle "with Safadi warning", "..., saying".
fn participle_subjects<'a>(
    view: &SentenceView<'a>,
    speech: &[usize],
    no_verb: bool,
    candidates: &mut Vec<(Subject<'a>, usize)>,
) {
    for &i in speech {
        let tok = &view.tokens[i];
        if !tok.word || tok.quoted || !tok.is(PARTICIPLE) || is_progressive(view, i) {
            continue;
        }
        // The PARTICIPLE class is the speech participles plus "according" and "per".
        let according = lower_is(view.word(i), "according");
        if according && i + 2 < view.range.end && lower_is(view.word(i + 1), "to") {
            candidates.extend(according_to(view, i + 2).map(|s| (s, i)));
        }
        if tok.is(SOURCE_PREPOSITION) {
            if per_names_a_source(view, i) {
                candidates.extend(according_to(view, i + 1).map(|s| (s, i)));
            }
            continue;
        }
        if let Some(subject) = quoted_as_saying(view, i) {
            candidates.push((subject, i));
            continue;
        }
        if !according && i > view.range.start {
            if let Some(m) = view.mention_ending_at(i - 1) {
                candidates.push((Subject::Name(m), i));
                continue;
            }
            if no_verb {
                candidates.extend(sentence_subject(view, i).map(|s| (s, i)));
            }
        }
    }
}

/// "Mark Smith was quoted by the Financial Times as saying", "he was quoted as saying": the
/// subject of the passive "quoted", not the paper that quoted them. `i` is the participle.
fn quoted_as_saying<'a>(view: &SentenceView<'a>, i: usize) -> Option<Subject<'a>> {
    let start = view.range.start;
    if i < start + 4 || !lower_is(view.word(i - 1), "as") {
        return None;
    }
    let quoted = (start + 1..i - 1)
        .rev()
        .take(12)
        .find(|&k| view.tokens[k].word && lower_is(view.word(k), "quoted"))?;
    let be = quoted - 1;
    if !(view.tokens[be].word && view.tokens[be].is(BE)) || be == start {
        return None;
    }
    view.noun_phrase_ending_at(view.skip_left(be - 1)?)
}

/// "per the WHO", "per Feng": a source; "per cent", "per share", "per the agreement": not.
fn per_names_a_source(view: &SentenceView, i: usize) -> bool {
    let next = i + 1;
    let name_at = |k: usize| k < view.range.end && view.mention_at(k).is_some();
    name_at(next)
        || (next < view.range.end && lower_is(view.word(next), "the") && name_at(next + 1))
}

/// Does a person's name, or a body's, follow speech verb `verb` directly ("said Juan Perez")?
pub(super) fn names_follow(view: &SentenceView, verb: usize) -> bool {
    verb + 1 < view.range.end
        && view.mention_at(verb + 1).is_some_and(|m| {
            let mention = &view.mentions[m];
            !mention.possessive && matches!(mention.kind, EntityKind::Person | EntityKind::Org)
        })
}

/// The source named after "according to" (from token `from`): a name ("according to Amnesty
/// International", "according to data from MarketAxess") or a phrase the article resolves
/// ("according to the analyst").
pub(super) fn according_to<'a>(view: &SentenceView<'a>, from: usize) -> Option<Subject<'a>> {
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

/// "signed", "offering": a word that ends a noun phrase it follows.
fn is_participle_form(word: &str) -> bool {
    word.ends_with("ing") || word.ends_with("ed")
}

/// Last word of the first noun phrase of the sentence ("The utilities commission").
pub(super) fn first_noun_end(view: &SentenceView) -> Option<usize> {
    let mut i = view.range.start;
    while i < view.range.end && !view.tokens[i].word {
        i += 1;
    }
    let mut last = None;
    while i < view.range.end {
        let tok = &view.tokens[i];
        let word = view.word(i);
        // "The doctors offering ...", "Two people briefed ...": a participle ends the phrase,
        // and so does an auxiliary ("It did not reveal ... and said").
        let participle = !tok.cap && last.is_some() && is_participle_form(word);
        let auxiliary = !tok.cap && last.is_some() && tok.is(AUXILIARY);
        if !tok.word
            || auxiliary
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
pub(super) fn sentence_subject<'a>(view: &SentenceView<'a>, before: usize) -> Option<Subject<'a>> {
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
            Subject::Phrase(Phrase {
                possessor: Some(_),
                ..
            })
        )
    })
}
