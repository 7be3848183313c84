//! Resolution: a subject (name, pronoun, phrase) to the full name the article gives.

use std::borrow::Cow;

use super::attribution::*;
use super::mentions::*;
use super::registry::*;
use super::tokens::is_quote_mark;
use super::words::*;

/// Per-sentence state the resolver keeps while walking the article.
/// Names are borrowed from the article (as `Cow`s: a few are made up, "the doctors"), and
/// only the speakers that are kept become strings: a sentence resolves several candidates, and
/// remembers the person it is about.
pub(super) struct Walk<'r> {
    pub(super) registry: &'r Registry<'r>,
    /// The person each earlier sentence is mostly about (its speaker or its first person).
    pub(super) salient_people: Vec<Option<Cow<'r, str>>>,
    /// The same, or failing that the person it names as an owner ("Mourinho's agents").
    pub(super) people_named: Vec<Option<Cow<'r, str>>>,
    /// The last body that spoke.
    pub(super) last_org_speaker: Option<Cow<'r, str>>,
    /// The last body that spoke under a plural common noun ("the doctors said").
    pub(super) last_group_speaker: Option<Cow<'r, str>>,
    /// The last speaker named by a plural phrase ("the authors"), with its sentence's index.
    pub(super) last_plural_speaker: Option<(usize, Cow<'r, str>)>,
    /// The speaker of the last sentence that had one.
    pub(super) last_speaker: Option<Cow<'r, str>>,
    /// People who spoke unnamed, under an indefinite phrase ("A doctor on the scene told"):
    /// the sentence's index, the phrase's head noun and the speaker as logged.
    pub(super) unnamed_speakers: Vec<(usize, Cow<'r, str>, Cow<'r, str>)>,
}

impl<'r> Walk<'r> {
    pub(super) fn full_person_name(&self, mention: &Mention<'r>, position: usize) -> Cow<'r, str> {
        if !mention.name.contains(' ') {
            let bare = trim_prefixes(mention.name, "Mr. ");
            if let Some(person) = self.registry.person_by_surname(bare, position) {
                return Cow::Borrowed(person.name);
            }
        }
        Cow::Borrowed(mention.name)
    }

    /// Keep what a later sentence refers back to: who this sentence is about (for a later "he
    /// said"), the body that spoke, and the speaker.
    pub(super) fn remember(
        &mut self,
        view: &SentenceView<'r>,
        speaker: &Option<Cow<'r, str>>,
        subject: &Option<Subject<'r>>,
    ) {
        let registry = self.registry;
        let position = view.tokens[view.range.start].start;
        let salient = speaker
            .clone()
            .filter(|s| {
                registry.is_person(s)
                    || matches!(subject, Some(Subject::Pronoun(p)) if *p == "he" || *p == "she")
                    || matches!(subject, Some(Subject::Name(m)) if view.mentions[*m].kind == EntityKind::Person)
            })
            .or_else(|| {
                view.mentions
                    .iter()
                    .find(|m| m.kind == EntityKind::Person && !m.possessive)
                    .map(|m| self.full_person_name(m, position))
            });
        if let (Some(s), Some(Subject::Name(m))) = (speaker, subject)
            && view.mentions[*m].kind == EntityKind::Org
        {
            self.last_org_speaker = Some(s.clone());
        }
        if let (Some(s), Some(Subject::Phrase(Phrase { words, .. }))) = (speaker, subject)
            && !registry.is_person(s)
        {
            self.last_org_speaker = Some(s.clone());
            if words.last().is_some_and(|w| w.ends_with('s')) {
                self.last_plural_speaker = Some((self.salient_people.len(), s.clone()));
                if !s.starts_with("the ") {
                    self.last_group_speaker = Some(s.clone());
                }
            }
        }
        if let (Some(s), Some(Subject::Phrase(phrase))) = (speaker, subject)
            && is_indefinite(phrase.determiner)
            && **s == *phrase.text
            && let Some(head) = phrase.words.last()
        {
            let sentence = self.salient_people.len();
            self.unnamed_speakers
                .push((sentence, head.clone(), s.clone()));
        }
        if speaker.is_some() {
            self.last_speaker = speaker.clone();
        }
        let named = salient.clone().or_else(|| {
            view.mentions
                .iter()
                .find(|m| m.kind == EntityKind::Person)
                .map(|m| self.full_person_name(m, position))
        });
        self.people_named.push(named);
        self.salient_people.push(salient);
    }

    pub(super) fn recent_salient_person(&self) -> Option<Cow<'r, str>> {
        self.salient_people
            .iter()
            .rev()
            .take(4)
            .find_map(|p| p.clone())
    }

    pub(super) fn resolve(
        &self,
        view: &SentenceView<'r>,
        subject: &Subject<'r>,
        position: usize,
        before_token: usize,
    ) -> Option<Cow<'r, str>> {
        match subject {
            Subject::Name(m) if self.adverb_opening(view, &view.mentions[*m]) => None,
            Subject::Name(m) => self.resolve_name(&view.mentions[*m], position),
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
                // "The authors said ... they wrote": the plural speaker of a sentence just
                // before.
                "they" => self
                    .last_plural_speaker
                    .as_ref()
                    .filter(|(sentence, _)| self.salient_people.len() <= sentence + 3)
                    .map(|(_, speaker)| speaker.clone()),
                "it" => self.last_org_speaker.clone().or_else(|| {
                    self.registry
                        .latest_org_before(position)
                        .map(|o| self.registry.expand(o.name))
                }),
                _ => None,
            },
            Subject::Phrase(phrase) => {
                // "Defense attorneys said": a word capitalised only because it opens the
                // sentence names no body, unless the article capitalises it elsewhere too.
                let named = phrase.named.filter(|name| {
                    !phrase.named_opens_sentence
                        || is_gazetteer_place(name)
                        || self.registry.capitalised_mid_sentence(name)
                });
                match phrase.possessor {
                    Some(owner) => self.resolve_possessed(phrase, owner, position),
                    None => self.resolve_phrase(phrase, named, position),
                }
            }
        }
    }

    /// "Nearly half of voters said", "Shortly before, Webb admitted": an adverb in "-ly"
    /// capitalised only because it opens the sentence is no name. Unless a given name
    /// ("Kelly", "Emily") or the article's name for someone or something ("Daly said" after
    /// "Ann Daly"; "Bradley" capitalised in mid-sentence too).
    fn adverb_opening(&self, view: &SentenceView<'r>, mention: &Mention<'r>) -> bool {
        let word = mention.name;
        let opens = mention.first == view.range.start || {
            let before = &view.tokens[mention.first - 1];
            !before.word && is_quote_mark(before.punct)
        };
        opens
            && mention.kind == EntityKind::Unknown
            && mention.first == mention.last
            && word.len() > 4
            && word.ends_with("ly")
            && gazetteer(word) & GIVEN_NAME == 0
            && self.registry.person_by_surname(word, usize::MAX).is_none()
            && self.registry.org_named(word).is_none()
            && !self.registry.capitalised_mid_sentence(word)
    }

    fn resolve_name(&self, mention: &Mention<'r>, position: usize) -> Option<Cow<'r, str>> {
        if mention.possessive && mention.kind != EntityKind::Person {
            return self.name_with_its_s(mention.name);
        }
        match mention.kind {
            EntityKind::Person => Some(self.full_person_name(mention, position)),
            EntityKind::Org => Some(self.registry.expand(mention.name)),
            EntityKind::Place | EntityKind::Unknown => {
                if let Some(person) = self.registry.person_by_surname(mention.name, position) {
                    return Some(Cow::Borrowed(person.name));
                }
                // "The President said", "the Whip said": a title alone, capitalised, is the
                // person introduced with it, and never a name of its own.
                let words: Vec<Cow<str>> =
                    mention.name.split_whitespace().map(Cow::Borrowed).collect();
                if let Some((head, modifiers)) = words.split_last()
                    && words.iter().all(|w| classify(w) & TITLE != 0)
                {
                    let person = self.registry.person_by_title(head, modifiers, position);
                    return person.map(|p| Cow::Borrowed(p.name));
                }
                // "authorities in Beijing announced": a place does not speak, nor a people.
                if is_place_or_people(mention.name) {
                    return None;
                }
                Some(self.registry.expand(mention.name))
            }
        }
    }

    /// "Moody's said": the body's name is the word with its "'s" ("Moody's Investors Service"
    /// where the article gives the longer name). Not a place's ("China's said" is no one).
    fn name_with_its_s(&self, name: &'r str) -> Option<Cow<'r, str>> {
        if is_place_or_people(name) {
            return None;
        }
        let text = self.registry.text;
        let start = (name.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        let end = start + name.len();
        let rest = text.get(end..)?;
        let s_len = ["'s", "’s"].iter().find(|s| rest.starts_with(**s))?.len();
        let with_s = text.get(start..end + s_len)?;
        let longer = self
            .registry
            .orgs
            .iter()
            .find(|o| o.name.starts_with(with_s) && o.name[with_s.len()..].starts_with(' '));
        Some(Cow::Borrowed(longer.map_or(with_s, |o| o.name)))
    }

    /// "Carlineo's attorney": the person introduced with that title; "Russia's foreign
    /// ministry", "the prosecutor's office": named as written.
    fn resolve_possessed(
        &self,
        phrase: &Phrase<'r>,
        owner: &'r str,
        position: usize,
    ) -> Option<Cow<'r, str>> {
        let head = phrase.words.last()?;
        let head_class = classify(head);
        if let Some(org) = self.registry.org_by_prefix(phrase.text, position) {
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
        let modifiers = &phrase.words[..phrase.words.len() - 1];
        if head_class & ROLE != 0
            && let Some(person) = self.registry.person_by_title(head, modifiers, position)
        {
            return Some(Cow::Borrowed(person.name));
        }
        Some(Cow::Borrowed(phrase.text))
    }

    /// A phrase without a possessor: a person by the title given ("the defense secretary"), a
    /// body by its name or by the kind of body ("the agency"), a document by who issued it.
    /// `named`: the phrase's name, unless it names nothing (`Phrase::named_opens_sentence`).
    fn resolve_phrase(
        &self,
        phrase: &Phrase<'r>,
        named: Option<&'r str>,
        position: usize,
    ) -> Option<Cow<'r, str>> {
        let Phrase {
            determiner,
            words,
            text,
            ..
        } = phrase;
        let head = words.last()?;
        let head_class = classify(head);
        let modifiers = &words[..words.len() - 1];
        // "His office said": the office of the person the sentence is about.
        if matches!(determiner, Some("his" | "her")) && head_class & GROUP != 0 {
            let owner = self.recent_salient_person()?;
            let mut noun = head.to_string();
            if let Some(first) = noun.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            return Some(Cow::Owned(format!("{noun} of {owner}")));
        }
        // "A doctor on the scene told Ruptly ... “...,” the doctor said": the one who spoke
        // under that noun a few sentences before, even where someone named earlier holds
        // that title too.
        if *determiner == Some("the")
            && let Some(name) = self.unnamed_by_head(head)
        {
            return Some(name);
        }
        // "The defense secretary said": the person introduced with that title. "A doctor on
        // the scene told" introduces someone new, not the doctor named before.
        if determiner.is_some()
            && !is_indefinite(*determiner)
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
        let people_of = named.is_some() && head.ends_with('s') && {
            let singular = head.strip_suffix('s').unwrap_or(head);
            head_class & GENERIC != 0 || classify(singular) & ROLE != 0
        };
        if let Some(name) = named.filter(|name| people_of && is_place_or_people(name)) {
            return Some(Cow::Owned(format!("{name} {head}")));
        }
        // "The statement said": whoever spoke last issued it.
        if head_class & DOCUMENT != 0 && determiner.is_some() && modifiers.is_empty() {
            return self.last_speaker.clone();
        }
        if let Some(name) = named.filter(|_| people_of) {
            return Some(self.registry.expand(name));
        }
        self.resolve_body_or_role(phrase, head, position)
    }

    /// "The utilities commission", "the doctors", "prosecutors": a body named earlier with
    /// the same word; "the agency": the body named last; "the real estate agent": the person
    /// the text is about.
    fn resolve_body_or_role(
        &self,
        phrase: &Phrase<'r>,
        head: &str,
        position: usize,
    ) -> Option<Cow<'r, str>> {
        let head_class = classify(head);
        let words = &phrase.words;
        let the = phrase.determiner == Some("the");
        let org_by_word = self.registry.org_by_word(head, position);
        if let Some(org) = org_by_word.filter(|o| o.mentions[0] < position) {
            return Some(self.registry.expand(org.name));
        }
        if head_class & GROUP != 0
            && the
            && words.len() == 1
            && let Some(org) = self.body_referred_back(head, position)
        {
            return Some(org);
        }
        if let Some(org) = org_by_word {
            return Some(self.registry.expand(org.name));
        }
        // "A WeWork spokesperson said", "an Associated Press journalist reported": someone
        // in that role whom the article does not name, logged as written.
        let indefinite = is_indefinite(phrase.determiner);
        if is_unnamed_office(phrase) || indefinite && head_class & (ROLE | PERSON) != 0 {
            return Some(Cow::Borrowed(phrase.text));
        }
        if !the {
            return None;
        }
        if head_class & ROLE != 0 {
            return self.recent_salient_person();
        }
        // "The patient wrote in the case report": someone the article does not name, logged
        // as written, as "a WeWork spokesperson" is; not the person the text is about, who
        // may be the doctor who treated them.
        if head_class & PERSON != 0 {
            return Some(Cow::Borrowed(phrase.text));
        }
        // "The 56-year-old said": an age describes the person the text is about, who may
        // have been named as an owner only ("Mourinho's representatives").
        if head.ends_with("-year-old") {
            return self
                .people_named
                .iter()
                .rev()
                .take(4)
                .find_map(|p| p.clone());
        }
        // "The physicians stated", after the group of physicians spoke: that group.
        // Otherwise "the authors" is definite, resolvable by the reader, and logged as
        // written; not a run of words that holds another noun for people or bodies ("the
        // minister met union leaders" is a clause, not a phrase).
        let singular = head.strip_suffix('s').unwrap_or(head);
        let one_noun = words[..words.len() - 1]
            .iter()
            .all(|w| classify(w) & (ROLE | TITLE | GROUP | GENERIC) == 0);
        if head.ends_with('s') && classify(singular) & ROLE != 0 && one_noun {
            return self
                .last_group_speaker
                .clone()
                .or_else(|| Some(Cow::Owned(format!("the {}", words.join(" ")))));
        }
        None
    }

    /// The speaker who spoke unnamed under the noun `head` within the last four sentences.
    fn unnamed_by_head(&self, head: &str) -> Option<Cow<'r, str>> {
        let now = self.salient_people.len();
        self.unnamed_speakers
            .iter()
            .rev()
            .take_while(|(sentence, _, _)| now <= sentence + 4)
            .find(|(_, noun, _)| noun.eq_ignore_ascii_case(head))
            .map(|(_, _, name)| name.clone())
    }

    /// "The agency said": the body named last, unless its name says it is another kind of
    /// body ("the ministry said" after "Charles University"); the body that spoke last before
    /// one it spoke about ("The group announced that WeWork had reached an agreement with
    /// JLL. The group said ..."). Not a news agency: "(Reuters) — ... The company said" is
    /// the company the agency reports on, and "the company" is the business named most.
    fn body_referred_back(&self, head: &str, position: usize) -> Option<Cow<'r, str>> {
        if let Some(org) = self.last_org_speaker.as_deref()
            && let Some(org) = self.registry.org_named(org)
            && !other_kind_of_body(org, head)
            && !is_news_agency(org.name)
        {
            return Some(self.registry.expand(org.name));
        }
        if classify(head) & BUSINESS != 0
            && let Some(name) = self.registry.business_before(position)
        {
            return Some(self.registry.expand(name));
        }
        self.registry
            .latest_org_before(position)
            .filter(|org| !other_kind_of_body(org, head))
            .map(|org| self.registry.expand(org.name))
    }
}

/// "Officials say", "police officers announced": people who speak for a body the article
/// leaves unnamed, logged as written; "analysts say" (outside commentators) is no one's.
pub(super) fn is_unnamed_office(phrase: &Phrase) -> bool {
    let Some((head, modifiers)) = phrase.words.split_last() else {
        return false;
    };
    phrase.determiner.is_none()
        && phrase.possessor.is_none()
        && classify(head) & OFFICE != 0
        && modifiers
            .iter()
            .all(|w| classify(w) & (ROLE | TITLE | GENERIC) == 0)
}

/// "a", "an" or "one": a phrase that introduces someone new ("A doctor on the scene told"),
/// never someone named before.
fn is_indefinite(determiner: Option<&str>) -> bool {
    matches!(determiner, Some("a" | "an" | "one"))
}
