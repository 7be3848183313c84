//! The people and bodies an article names, with their titles, looked up by part of the name.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::mentions::*;
use super::tokens::*;
use super::words::*;

#[derive(Debug, Default)]
pub(super) struct Person<'t> {
    pub(super) name: &'t str,
    /// As written (see `title_is`), those of every mention: a title given twice is only
    /// ever asked whether it is there, and finding the ones given already cost more than
    /// keeping them.
    pub(super) titles: Vec<&'t str>,
    /// Byte positions where the person is mentioned, ascending.
    pub(super) mentions: Vec<usize>,
}

#[derive(Debug, Default)]
pub(super) struct Org<'t> {
    pub(super) name: &'t str,
    pub(super) words: Vec<Cow<'t, str>>,
    pub(super) mentions: Vec<usize>,
}

#[derive(Debug, Default)]
pub(super) struct Registry<'t> {
    pub(super) people: Vec<Person<'t>>,
    pub(super) orgs: Vec<Org<'t>>,
    /// The article, for the acronyms it defines: found only when an all-capitals name must be
    /// expanded, which most articles never ask for.
    pub(super) text: &'t str,
    pub(super) tokens: &'t [Tok],
    /// The tokens that can open a name (`Marks::names`).
    pub(super) name_starts: &'t [usize],
    pub(super) acronyms: std::cell::OnceCell<FastMap<String, &'t str>>,
    /// Capitalised words that follow a lowercase word somewhere in the article: names, not
    /// words capitalised for opening a sentence. Found only when asked, as `acronyms`.
    pub(super) mid_sentence_capitals: std::cell::OnceCell<FastMap<&'t str, ()>>,
    /// Indexes, so that a long text costs time in proportion to its length.
    pub(super) person_index: FastMap<&'t str, usize>,
    pub(super) org_index: FastMap<&'t str, usize>,
    /// Full names (two words or more) by surname.
    pub(super) by_surname: FastMap<&'t str, Vec<usize>>,
    /// Full names by their first word: "Li" for "Li Jifeng", whose family name comes first,
    /// and "Hunter" for "Hunter Biden" where a story uses the given name.
    pub(super) by_first_word: FastMap<&'t str, Vec<usize>>,
    /// One-word names that are no person, body or place the article says ("WeWork"): often
    /// the business it is about. Positions ascending.
    pub(super) single_names: FastMap<&'t str, Vec<usize>>,
    /// Where the business named most changes, in text order (`business_before`): found only
    /// when "the company" is asked for.
    pub(super) business_leaders: std::cell::OnceCell<Vec<(usize, &'t str)>>,
    /// The names that sign the posts the article embeds ("— Tottenham Hotspur (@SpursOfficial)
    /// November 20, 2019"): an account's full name, for a body the prose names by a short one.
    pub(super) signed_names: Vec<&'t str>,
}

pub(super) fn surname_of(name: &str) -> &str {
    name.split_whitespace()
        .rev()
        .find(|w| !is_suffix(w))
        .unwrap_or(name)
}

/// `text` without any number of leading `prefix`es, as `trim_start_matches` gives, without
/// setting up its substring searcher.
pub(super) fn trim_prefixes<'a>(mut text: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = text.strip_prefix(prefix) {
        text = rest;
    }
    text
}

/// The latest mention before `position`, or failing that how far after it the first one is.
pub(super) fn recency(mentions: &[usize], position: usize) -> Option<(bool, usize)> {
    let index = mentions.partition_point(|&m| m < position);
    if index > 0 {
        Some((true, mentions[index - 1]))
    } else {
        mentions.first().map(|&m| (false, m))
    }
}

/// The number of chars of `text`, without decoding them when it is ASCII.
pub(super) fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// Rank candidates: mentioned before `position` beats mentioned after; later before beats
/// earlier before; earlier after beats later after.
pub(super) fn best_by_recency<'r, T>(
    candidates: impl Iterator<Item = &'r T>,
    mentions: impl Fn(&T) -> &[usize],
    position: usize,
) -> Option<&'r T>
where
    T: 'r,
{
    let mut best: Option<(&T, (bool, i64))> = None;
    for candidate in candidates {
        if let Some((before, at)) = recency(mentions(candidate), position) {
            let key = (before, if before { at as i64 } else { -(at as i64) });
            if best.as_ref().is_none_or(|(_, k)| key > *k) {
                best = Some((candidate, key));
            }
        }
    }
    best.map(|(c, _)| c)
}

impl<'t> Registry<'t> {
    /// Does the article capitalise `word` after a lowercase word somewhere?
    pub(super) fn capitalised_mid_sentence(&self, word: &str) -> bool {
        self.mid_sentence_capitals
            .get_or_init(|| {
                let tokens = self.tokens;
                let after_lowercase =
                    |&&i: &&usize| i > 0 && tokens[i - 1].word && !tokens[i - 1].cap;
                self.name_starts
                    .iter()
                    .filter(after_lowercase)
                    .map(|&i| (token_text(self.text, &tokens[i]), ()))
                    .collect()
            })
            .contains_key(word)
    }

    pub(super) fn is_person(&self, name: &str) -> bool {
        self.person_index.contains_key(name)
    }

    pub(super) fn add_person(&mut self, name: &'t str, titles: &[&'t str], position: usize) {
        if let Some(person) = self.person_index.get(name).map(|&i| &mut self.people[i]) {
            person.mentions.push(position);
            person.titles.extend_from_slice(titles);
            return;
        }
        self.person_index.insert(name, self.people.len());
        if name.contains(' ') {
            self.by_surname
                .entry(surname_of(name))
                .or_default()
                .push(self.people.len());
            if let Some(first) = name.split_whitespace().next() {
                self.by_first_word
                    .entry(first)
                    .or_default()
                    .push(self.people.len());
            }
        }
        self.people.push(Person {
            name,
            titles: titles.to_vec(),
            mentions: vec![position],
        });
    }

    pub(super) fn add_org(&mut self, name: &'t str, position: usize) {
        let name = trim_prefixes(trim_prefixes(name, "the "), "The ");
        if let Some(&index) = self.org_index.get(name) {
            self.orgs[index].mentions.push(position);
            return;
        }
        self.org_index.insert(name, self.orgs.len());
        self.orgs.push(Org {
            name,
            words: name.split_whitespace().map(lowercase).collect(),
            mentions: vec![position],
        });
    }

    pub(super) fn finish(&mut self) {
        for person in &mut self.people {
            person.mentions.sort_unstable();
        }
        for org in &mut self.orgs {
            org.mentions.sort_unstable();
        }
    }

    /// A multi-word name for a single word: "Kim" -> "Sung Kim", "Arroyo" -> "Luz Contreras
    /// Arroyo". Only full names (two words or more) qualify.
    pub(super) fn person_by_surname(&self, word: &str, position: usize) -> Option<&Person<'t>> {
        // A surname first; failing that the one full name that opens with the word.
        let indexes = match self.by_surname.get(word) {
            Some(indexes) => indexes,
            None => self.by_first_word.get(word).filter(|i| i.len() == 1)?,
        };
        best_by_recency(
            indexes.iter().map(|&i| &self.people[i]),
            |p| &p.mentions,
            position,
        )
    }

    pub(super) fn person_by_title(
        &self,
        head: &str,
        modifiers: &[Cow<str>],
        position: usize,
    ) -> Option<&Person<'t>> {
        // Only a word for a position can pick a person out: "the envoy", not "the group".
        if classify(head) & (TITLE | ROLE) == 0 {
            return None;
        }
        let head = normalise_title(head);
        // "The premier" is how a prime minister is referred back to.
        let also = match &*head {
            "premier" => "prime",
            "governor" => "gov",
            _ => "",
        };
        let matching: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| {
                p.name.contains(' ')
                    && p.titles
                        .iter()
                        .any(|t| title_is(t, &head) || (!also.is_empty() && title_is(t, also)))
            })
            .collect();
        if matching.is_empty() {
            return None;
        }
        // Prefer the people whose titles share the most modifiers ("defense secretary").
        let score = |p: &Person| {
            modifiers
                .iter()
                .filter(|m| p.titles.iter().any(|t| title_is(t, m)))
                .count()
        };
        let top = matching.iter().map(|p| score(p)).max().unwrap_or(0);
        best_by_recency(
            matching.into_iter().filter(|p| score(p) == top),
            |p| &p.mentions,
            position,
        )
    }

    /// A body whose name shares a word with `word` ("the doctors" -> "Doctors for Camp
    /// Closure", "prosecutors" -> "Swedish Prosecution Authority"), or with a word that
    /// names the same people ("physicians" for doctors, "attorney" for prosecutors).
    pub(super) fn org_by_word(&self, word: &str, position: usize) -> Option<&Org<'t>> {
        const SAME_PEOPLE: &[(&str, &str)] = &[
            ("prosecutor", "attorney"),
            ("physician", "doctor"),
            ("doctor", "physician"),
        ];
        let word = word.trim_end_matches('s');
        if char_count(word) < 4 {
            return None;
        }
        // A stem is the first six characters, with how many characters a word needs to share
        // it; counted once, not for every word of every body.
        fn stem(w: &str) -> (&str, usize) {
            let end = w.char_indices().nth(6).map_or(w.len(), |(at, _)| at);
            (&w[..end], char_count(&w[..end]).min(5))
        }
        let mut stems = vec![stem(word)];
        for (from, to) in SAME_PEOPLE {
            if word == *from {
                stems.push(stem(to));
            }
        }
        let shares = |w: &Cow<str>| {
            let w = w.trim_end_matches('s');
            let count = char_count(w);
            stems.iter().any(|(prefix, needed)| {
                count >= *needed && (w.starts_with(prefix) || prefix.starts_with(w) && count >= 5)
            })
        };
        best_by_recency(
            self.orgs.iter().filter(|o| o.words.iter().any(shares)),
            |o| &o.mentions,
            position,
        )
    }

    /// A body whose full name begins with `phrase` ("U.S. attorney's office" -> "U.S.
    /// Attorney’s Office for the Western District of New York").
    pub(super) fn org_by_prefix(&self, phrase: &str, position: usize) -> Option<&Org<'t>> {
        let fold = |s: &str| s.to_lowercase().replace('’', "'");
        let phrase = fold(phrase);
        if phrase.len() < 6 {
            return None;
        }
        best_by_recency(
            self.orgs
                .iter()
                .filter(|o| fold(o.name).starts_with(&phrase)),
            |o| &o.mentions,
            position,
        )
    }

    pub(super) fn org_named(&self, name: &str) -> Option<&Org<'t>> {
        self.org_index.get(name).map(|&i| &self.orgs[i])
    }

    /// The body named last before `position`, for "the company said" and "it said". A news
    /// agency ("(Reuters) —", "told Reuters") reports the story and is not what it is about.
    pub(super) fn latest_org_before(&self, position: usize) -> Option<&Org<'t>> {
        let reported_on = self.orgs.iter().filter(|o| !is_news_agency(o.name));
        best_by_recency(reported_on, |o| &o.mentions, position)
            .filter(|o| o.mentions.first().is_some_and(|&m| m < position))
    }

    pub(super) fn expand(&self, name: &'t str) -> Cow<'t, str> {
        if is_all_caps(name) {
            let key: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
            let acronyms = self
                .acronyms
                .get_or_init(|| build_acronyms(self.text, self.tokens));
            if let Some(full) = acronyms.get(&key) {
                return Cow::Borrowed(full);
            }
            if let Some(full) = well_known_body(&key) {
                return Cow::Borrowed(full);
            }
        }
        // "The Chinese CDC": the acronym's body, whose full name opens with the people.
        if let Some((people, acronym)) = name.rsplit_once(' ')
            && is_all_caps(acronym)
            && is_place_or_people(people)
            && let Cow::Borrowed(full) = self.expand(acronym)
            && full != acronym
        {
            return Cow::Borrowed(full);
        }
        // One word for a body named in full: "Amnesty" for "Amnesty International", and
        // "Tottenham" for "Tottenham Hotspur", named in full only where a post is signed.
        if name.contains(' ') {
            return Cow::Borrowed(name);
        }
        let extends = |full: &str| full.starts_with(name) && full[name.len()..].starts_with(' ');
        let full = (self.orgs.iter().map(|o| o.name))
            .chain(self.signed_names.iter().copied())
            .find(|full| extends(full));
        Cow::Borrowed(full.unwrap_or(name))
    }

    /// The business "the company said" means: the body or one-word name the article names
    /// most before `position`, the latest of equals. Not a news agency.
    pub(super) fn business_before(&self, position: usize) -> Option<&'t str> {
        let leaders = self
            .business_leaders
            .get_or_init(|| self.business_leaders());
        let after = leaders.partition_point(|&(at, _)| at < position);
        after.checked_sub(1).map(|k| leaders[k].1)
    }

    /// The mentions of every business in text order, counted as they come: a name mentioned
    /// as often as the leader is the latest of equals and leads. One pass, so that an article
    /// of many names and many "the company said" costs time in proportion to its length.
    fn business_leaders(&self) -> Vec<(usize, &'t str)> {
        let mut names: Vec<&'t str> = Vec::new();
        let mut mentions: Vec<(usize, usize)> = Vec::new();
        let orgs = self.orgs.iter().filter(|o| !is_news_agency(o.name));
        let orgs = orgs.map(|o| (o.name, &o.mentions));
        for (name, at) in orgs.chain(self.single_names.iter().map(|(n, at)| (*n, at))) {
            mentions.extend(at.iter().map(|&position| (position, names.len())));
            names.push(name);
        }
        mentions.sort_unstable();
        let (mut counts, mut most) = (vec![0usize; names.len()], 0);
        let mut leaders: Vec<(usize, &'t str)> = Vec::new();
        for (position, index) in mentions {
            counts[index] += 1;
            if counts[index] >= most {
                most = counts[index];
                if leaders.last().is_none_or(|&(_, name)| name != names[index]) {
                    leaders.push((position, names[index]));
                }
            }
        }
        leaders
    }
}

/// The name that signs an embedded post, from its signature line ("— Tottenham Hotspur
/// (@SpursOfficial) November 20, 2019"): two capitalised words at least before the handle.
pub(super) fn signed_name(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(['—', '–', '-', ' ']);
    let name = &line[..line.find(" (@")?];
    let words = name.split_whitespace();
    (name.len() <= 60
        && words.clone().count() >= 2
        && words.clone().all(|w| w.starts_with(char::is_uppercase)))
    .then_some(name)
}

/// Is `name` a news agency of the wire lines ("Reuters", "the Associated Press")?
pub(super) fn is_news_agency(name: &str) -> bool {
    static AGENCIES: LazyLock<Vec<String>> =
        LazyLock::new(|| crate::extract::lexicon::FURNITURE_WIRE_AGENCIES.entries());
    let name = trim_prefixes(trim_prefixes(name, "the "), "The ");
    AGENCIES
        .iter()
        .any(|agency| agency.len() == name.len() && agency.eq_ignore_ascii_case(name))
}

/// The full name of a body news names by an acronym the world over ("WHO"), as a name is
/// written: each word capitalised but the joining words ("of", "the", "for", "and").
pub(super) fn well_known_body(acronym: &str) -> Option<&'static str> {
    static BODIES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
        let capitalised = |word: &str| match word {
            "of" | "the" | "for" | "and" => word.to_string(),
            _ => crate::extract::lexicon::capitalised(word),
        };
        let lines = crate::extract::lexicon::WELL_KNOWN_BODIES.lines();
        lines
            .filter_map(|words| {
                let (acronym, name) = words.split_first()?;
                let name: Vec<String> = name.iter().map(|w| capitalised(w)).collect();
                Some((acronym.to_uppercase(), name.join(" ")))
            })
            .collect()
    });
    BODIES.get(acronym).map(String::as_str)
}

/// The all-capitals words the article uses, and the first characters of them (ASCII ones as
/// bits; whether one is outside ASCII): a run whose first initial is none of them defines
/// nothing, and most runs are such.
fn acronyms_used(text: &str, tokens: &[Tok]) -> (FastMap<String, ()>, u128, bool) {
    let mut used: FastMap<String, ()> = FastMap::default();
    let mut first_initials: u128 = 0;
    let mut non_ascii_initial = false;
    let bytes = text.as_bytes();
    for tok in tokens {
        if !tok.word || tok.end - tok.start > 8 {
            continue;
        }
        // A small letter among the first two bytes rules out most words before any char of
        // them is decoded (a token word has one byte at least).
        let second = bytes.get(tok.start + 1).filter(|_| tok.end - tok.start > 1);
        if bytes[tok.start].is_ascii_lowercase() || second.is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let word = token_text(text, tok);
        if is_all_caps(word) {
            let key: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
            match key.chars().next() {
                Some(c) if c.is_ascii() => first_initials |= 1 << u32::from(c),
                Some(_) => non_ascii_initial = true,
                None => {}
            }
            used.insert(key, ());
        }
    }
    (used, first_initials, non_ascii_initial)
}

/// Acronyms defined by the text itself: any capitalised sequence ("Customs and Border
/// Protection") whose initials spell an all-capitals word used in the article ("CBP").
pub(super) fn build_acronyms<'t>(text: &'t str, tokens: &[Tok]) -> FastMap<String, &'t str> {
    let (used, first_initials, non_ascii_initial) = acronyms_used(text, tokens);
    let may_open_acronym = |c: char| {
        if c.is_ascii() {
            first_initials >> u32::from(c) & 1 == 1
        } else {
            non_ascii_initial
        }
    };
    let mut map = FastMap::default();
    if used.is_empty() {
        return map;
    }
    // Reused for every capitalised run: most runs are one word and define nothing.
    let mut words: Vec<usize> = Vec::new();
    let mut buffers = (String::new(), Vec::new());
    let mut i = 0;
    while i < tokens.len() {
        if !(tokens[i].word && tokens[i].cap && !tokens[i].is(COMMON)) {
            i += 1;
            continue;
        }
        let mut j = i;
        words.clear();
        words.push(i);
        while j + 2 < tokens.len() {
            let next = &tokens[j + 1];
            let joins = next.punct == '&'
                || (next.word
                    && !next.cap
                    && (next.is(CONNECTOR) || token_text(text, next) == "and"));
            if next.word && next.cap && !next.is(COMMON) {
                j += 1;
                words.push(j);
            } else if joins && tokens[j + 2].word && tokens[j + 2].cap {
                j += 2;
                words.push(j);
            } else {
                break;
            }
        }
        // "Chinese Center for Disease Control and Prevention" is the CDC, "Hong Kong's Hang
        // Seng Index" the HSI: the initials may leave out the place or people the name opens
        // with, which the full name keeps.
        let mut from = 0;
        while from < 2
            && words.len() >= from + 3
            && is_place_or_people(token_text(text, &tokens[words[from]]).trim_end_matches("'s"))
        {
            from += 1;
        }
        for skip in 0..=from {
            let run = Run {
                words: &words,
                skip,
            };
            let opens = &may_open_acronym;
            acronyms_of_run(text, tokens, run, &used, opens, &mut buffers, &mut map);
        }
        i = j + 1;
    }
    map
}

/// A capitalised run of words (token indexes), whose initials are read from `skip` on.
#[derive(Clone, Copy)]
struct Run<'w> {
    words: &'w [usize],
    skip: usize,
}

/// The acronyms among `used` that the initials of a prefix of the run `words[skip..]` spell,
/// each added to `map` with the run's text from its first word. `buffers` (the initials and
/// where each word's ends) are reused from run to run.
fn acronyms_of_run<'t>(
    text: &'t str,
    tokens: &[Tok],
    Run { words, skip }: Run,
    used: &FastMap<String, ()>,
    may_open_acronym: &dyn Fn(char) -> bool,
    (initials, initial_ends): &mut (String, Vec<usize>),
    map: &mut FastMap<String, &'t str>,
) {
    let opens = token_text(text, &tokens[words[skip]])
        .chars()
        .next()
        .is_some_and(may_open_acronym);
    if words.len() - skip < 2 || !opens {
        return;
    }
    initials.clear();
    initial_ends.clear();
    for &w in &words[skip..] {
        if let Some(first) = token_text(text, &tokens[w]).chars().next() {
            initials.push(first);
        }
        initial_ends.push(initials.len());
    }
    for end in (2..=words.len() - skip).rev() {
        let initials = &initials[..initial_ends[end - 1]];
        if used.contains_key(initials) && !map.contains_key(initials) {
            let end = end + skip;
            // "Pacific Gas & Electric Co." for "PG&E": keep the corporate suffix; "Centers for
            // Disease Control and Prevention" for "CDC": keep the one word joined by "and"
            // that ends the run.
            let mut last = words[end - 1];
            if end < words.len()
                && (classify(token_text(text, &tokens[words[end]])) & (ORG | ABBREVIATION)
                    == ORG | ABBREVIATION
                    || end + 1 == words.len()
                        && lower_is(token_text(text, &tokens[words[end] - 1]), "and"))
            {
                last = words[end];
            }
            let full = &text[tokens[words[0]].start..tokens[last].end];
            map.insert(initials.to_string(), full);
        }
    }
}

/// Does `org`'s name name a kind of body that a phrase headed by `head` ("ministry",
/// "agency") cannot mean?
pub(super) fn other_kind_of_body(org: &Org<'_>, head: &str) -> bool {
    let head = head.to_ascii_lowercase();
    let mut kinds = org
        .words
        .iter()
        .filter(|w| classify(w) & KIND_OF_BODY != 0)
        .peekable();
    kinds.peek().is_some()
        && !kinds.any(|kind| head.starts_with(&**kind) || kind.starts_with(&head))
}
