//! Resolution: a subject (name, pronoun, phrase) to the full name the article gives.

use std::borrow::Cow;

use super::attribution::*;
use super::mentions::*;
use super::registry::*;
use super::words::*;

/// Per-sentence state the resolver keeps while walking the article.
/// Names are borrowed from the article (as `Cow`s: a few are made up, "the doctors"), and
/// only the speakers that are kept become strings: a sentence resolves several candidates, and
/// remembers the person it is about.
pub(super) struct Walk<'r> {
    pub(super) registry: &'r Registry<'r>,
    /// The person each earlier sentence is mostly about (its speaker or its first person).
    pub(super) salient_people: Vec<Option<Cow<'r, str>>>,
    /// The last body that spoke.
    pub(super) last_org_speaker: Option<Cow<'r, str>>,
    /// The last body that spoke under a plural common noun ("the doctors said").
    pub(super) last_group_speaker: Option<Cow<'r, str>>,
    /// The speaker of the last sentence that had one.
    pub(super) last_speaker: Option<Cow<'r, str>>,
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
        if let (Some(s), Some(Subject::Phrase { words, .. })) = (speaker, subject)
            && !registry.is_person(s)
        {
            self.last_org_speaker = Some(s.clone());
            if words.last().is_some_and(|w| w.ends_with('s')) && !s.starts_with("the ") {
                self.last_group_speaker = Some(s.clone());
            }
        }
        if speaker.is_some() {
            self.last_speaker = speaker.clone();
        }
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
            Subject::Name(m) => {
                let mention = &view.mentions[*m];
                match mention.kind {
                    EntityKind::Person => Some(self.full_person_name(mention, position)),
                    EntityKind::Org => Some(self.registry.expand(mention.name)),
                    EntityKind::Place | EntityKind::Unknown => {
                        if let Some(person) =
                            self.registry.person_by_surname(mention.name, position)
                        {
                            return Some(Cow::Borrowed(person.name));
                        }
                        // "authorities in Beijing announced": a place does not speak.
                        if is_gazetteer_place(mention.name) {
                            return None;
                        }
                        Some(self.registry.expand(mention.name))
                    }
                }
            }
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
                "it" => self.last_org_speaker.clone().or_else(|| {
                    self.registry
                        .latest_org_before(position)
                        .map(|o| self.registry.expand(o.name))
                }),
                _ => None,
            },
            Subject::Phrase {
                determiner,
                words,
                possessor,
                named,
                text,
            } => {
                let head = words.last()?;
                let head_class = classify(head);
                let modifiers = &words[..words.len() - 1];
                let the = *determiner == Some("the");
                // "Carlineo's attorney": the person introduced with that title; "Russia's
                // foreign ministry", "the prosecutor's office": named as written.
                if let Some(owner) = possessor {
                    if let Some(org) = self.registry.org_by_prefix(text, position) {
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
                    if head_class & ROLE != 0
                        && let Some(person) =
                            self.registry.person_by_title(head, modifiers, position)
                    {
                        return Some(Cow::Borrowed(person.name));
                    }
                    return Some(Cow::Borrowed(text));
                }
                // "His office said": the office of the person the sentence is about.
                if matches!(determiner, Some("his" | "her")) && head_class & GROUP != 0 {
                    let owner = self.recent_salient_person()?;
                    let mut noun = head.to_string();
                    if let Some(first) = noun.get_mut(0..1) {
                        first.make_ascii_uppercase();
                    }
                    return Some(Cow::Owned(format!("{noun} of {owner}")));
                }
                // "The defense secretary said": the person introduced with that title.
                if determiner.is_some()
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
                let singular = head.strip_suffix('s').unwrap_or(head);
                if let Some(name) = named.filter(|name| is_gazetteer_place(name))
                    && head.ends_with('s')
                    && (head_class & GENERIC != 0 || classify(singular) & ROLE != 0)
                {
                    return Some(Cow::Owned(format!("{name} {head}")));
                }
                // "The statement said": whoever spoke last issued it.
                if head_class & DOCUMENT != 0 && determiner.is_some() && modifiers.is_empty() {
                    return self.last_speaker.clone();
                }
                if let Some(name) = named
                    && head.ends_with('s')
                    && (head_class & GENERIC != 0 || classify(singular) & ROLE != 0)
                {
                    return Some(self.registry.expand(name));
                }
                // "The utilities commission", "the doctors", "prosecutors": a body named
                // earlier with the same word.
                let org_by_word = self.registry.org_by_word(head, position);
                if let Some(org) = org_by_word.filter(|o| o.mentions[0] < position) {
                    return Some(self.registry.expand(org.name));
                }
                // "The agency said": the body named last, unless its name says it is another
                // kind of body ("the ministry said" after "Charles University").
                if head_class & GROUP != 0 && the && modifiers.is_empty() {
                    // The body that spoke last, not one it spoke about ("The group announced
                    // that WeWork had reached an agreement with JLL. The group said ...").
                    if let Some(org) = self.last_org_speaker.as_deref()
                        && let Some(org) = self.registry.org_named(org)
                        && !other_kind_of_body(org, head)
                    {
                        return Some(self.registry.expand(org.name));
                    }
                    if let Some(org) = self.registry.latest_org_before(position)
                        && !other_kind_of_body(org, head)
                    {
                        return Some(self.registry.expand(org.name));
                    }
                }
                if let Some(org) = org_by_word {
                    return Some(self.registry.expand(org.name));
                }
                if !the {
                    return None;
                }
                // "The real estate agent said": the person the text is about.
                if head_class & ROLE != 0 {
                    return self.recent_salient_person();
                }
                // "The physicians stated", after the group of physicians spoke: that group.
                // Otherwise "the authors" is definite, resolvable by the reader, and logged as
                // written.
                if head.ends_with('s') && classify(singular) & ROLE != 0 {
                    return self
                        .last_group_speaker
                        .clone()
                        .or_else(|| Some(Cow::Owned(format!("the {}", words.join(" ")))));
                }
                None
            }
        }
    }
}
