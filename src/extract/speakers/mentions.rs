//! Capitalised names in a sentence, told apart as a person, a body, a place or unknown.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::tokens::*;
use super::words::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EntityKind {
    Person,
    Org,
    Place,
    Unknown,
}

/// A capitalised name in the text, classified.
#[derive(Debug, Clone)]
pub(super) struct Mention<'t> {
    /// Token range of the whole capitalised run.
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) kind: EntityKind,
    /// The name a checker logs: the person's name without titles, or the body's name.
    pub(super) name: &'t str,
    pub(super) possessive: bool,
    /// A title or position given with the name ("special envoy", "Gov."): a range of the
    /// article's title list, which holds the titles of every mention, so that a mention costs
    /// no allocation of its own.
    pub(super) titles: std::ops::Range<usize>,
}

pub(super) fn is_name_word(tok: &Tok) -> bool {
    tok.word && tok.cap && !tok.is(COMMON | TIME)
}

pub(super) fn is_all_caps(word: &str) -> bool {
    // Called for every word: stop at the first lowercase letter, most often the first byte,
    // or for a capitalised word the second.
    let bytes = word.as_bytes();
    if bytes.iter().take(2).any(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

pub(super) fn is_suffix(word: &str) -> bool {
    // Every suffix is short ("III", "Jr."): the length rules out nearly every word at once.
    word.len() <= 4 && classify(word) & SUFFIX != 0
}

/// Person-name-like token: capitalised, not a title, organisation, place or function word.
pub(super) fn is_person_part(text: &str, tok: &Tok) -> bool {
    let word = token_text(text, tok);
    is_name_word(tok)
        && !tok.is(TITLE | ORG | PLACE | CONNECTOR)
        && !is_all_caps(word)
        && !word.bytes().any(|b| b.is_ascii_digit() || b == b'/')
}

/// Could an ASCII word without trailing periods be a short form (by its length)? Most words
/// asked about are not, and the length rules them out before the list is searched.
pub(super) fn may_be_short_title(trimmed: &str) -> bool {
    static LENGTHS: LazyLock<u64> = LazyLock::new(|| {
        SHORT_TITLES
            .iter()
            .fold(0, |bits, (short, _)| bits | 1 << short.len().min(63))
    });
    *LENGTHS >> trimmed.len().min(63) & 1 == 1
}

/// The title an ASCII word without trailing periods is the short form of, whatever its case.
pub(super) fn full_title(trimmed: &str) -> Option<&'static str> {
    if !may_be_short_title(trimmed) {
        return None;
    }
    let first = trimmed.as_bytes().first()?.to_ascii_lowercase();
    SHORT_TITLES
        .iter()
        .find(|(short, _)| short.as_bytes()[0] == first && trimmed.eq_ignore_ascii_case(short))
        .map(|&(_, full)| full)
}

/// The title `word` gives, lowercased. Borrowed from the text when the word is lowercase
/// already, as most title words are: a string per title word showed in the profile.
pub(super) fn normalise_title(word: &str) -> Cow<'_, str> {
    let trimmed = word.trim_end_matches('.');
    if !trimmed.is_ascii() {
        // No short form lowercases from a word outside ASCII.
        return Cow::Owned(trimmed.to_lowercase());
    }
    if let Some(full) = full_title(trimmed) {
        Cow::Borrowed(full)
    } else if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(trimmed.to_ascii_lowercase())
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// Titles are kept as the article writes them ("Gov.", "Special") and compared as
/// `normalise_title` gives them, without making the lowercase string: most titles are only
/// ever compared, and many are capitalised. Is `title` the lowercase title `lower`?
pub(super) fn title_is(title: &str, lower: &str) -> bool {
    let trimmed = title.trim_end_matches('.');
    if !trimmed.is_ascii() {
        return normalise_title(title) == lower;
    }
    match full_title(trimmed) {
        Some(full) => full == lower,
        // `lower` has no capital: equal ignoring case is equal once lowercased.
        None => trimmed.eq_ignore_ascii_case(lower),
    }
}

/// Does `title` name a role ("envoy", "Gov."), not just a form of address ("Mr.", "Dr.")?
pub(super) fn is_role_title(title: &str) -> bool {
    let trimmed = title.trim_end_matches('.');
    if !trimmed.is_ascii() {
        let title = normalise_title(title);
        return classify(&title) & (TITLE | ADDRESS) == TITLE;
    }
    let title = full_title(trimmed).unwrap_or(trimmed);
    classify(title) & (TITLE | ADDRESS) == TITLE
}

/// Find the capitalised runs of `tokens[range]` outside quotations, classify them and push
/// them to `mentions`, their titles (with those of an appositive for a person) to `titles`.
/// `starts` are the words of the range that can open a run (`Marks::names`).
pub(super) fn find_mentions<'t>(
    text: &'t str,
    tokens: &[Tok],
    range: std::ops::Range<usize>,
    starts: &[usize],
    mentions: &mut Vec<Mention<'t>>,
    titles: &mut Vec<&'t str>,
) {
    let mut i = range.start;
    for &first in starts {
        // A word inside the run before opens nothing; "Per" opening a sentence is the
        // preposition of "Per the Labor Department", not a name's first word.
        if first < i || first == range.start && tokens[first].is(SOURCE_PREPOSITION) {
            continue;
        }
        let last = run_end(text, tokens, first, &range);
        if !common_word_opening(text, tokens, first, last, &range) {
            let mut mention = classify_run(text, tokens, first, last, range.start, titles);
            if mention.kind == EntityKind::Person {
                appositive_titles(text, tokens, &mention, &range, titles);
                mention.titles.end = titles.len();
            }
            mentions.push(mention);
        }
        i = last + 1;
    }
}

/// "Prosecutors told reporters", "Analysts say": a common noun capitalised only because it
/// opens the sentence is not a name; nor is an opening participle ("Buttressed by the
/// success ...", "Facing him ...").
fn common_word_opening(
    text: &str,
    tokens: &[Tok],
    first: usize,
    last: usize,
    range: &std::ops::Range<usize>,
) -> bool {
    let opens_sentence = first == range.start
        || (first > range.start
            && !tokens[first - 1].word
            && is_quote_mark(tokens[first - 1].punct));
    let word = token_text(text, &tokens[first]);
    let participle = (word.ends_with("ed") || word.ends_with("ing"))
        && word.len() > 5
        && tokens
            .get(first + 1)
            .is_some_and(|t| t.word && t.is(COMMON) && !t.is(SPEECH));
    let common_noun = tokens[first].is(GROUP | ROLE | GENERIC);
    first == last && opens_sentence && (common_noun || participle)
}

/// The last token of the capitalised run that opens at `first`.
fn run_end(text: &str, tokens: &[Tok], first: usize, range: &std::ops::Range<usize>) -> usize {
    let mut last = first;
    let mut j = first + 1;
    // A possessive ends a name ("Korea's Kim Gunn") unless a body's name goes on ("the U.S.
    // Attorney's Office for the Western District").
    while j < range.end
        && (!tokens[last].possessive || (tokens[j].cap && tokens[j].is(ORG) && tokens[j].word))
    {
        let next = &tokens[j];
        if next.quoted {
            break;
        }
        if is_name_word(next) && !next.is(CONNECTOR) {
            last = j;
            j += 1;
            continue;
        }
        if let Some(end) = and_inside_body_name(text, tokens, last, j, range) {
            last = end;
            j = end + 1;
            continue;
        }
        match joined_by_connector(text, tokens, first, last, j, range) {
            Some(k) => {
                last = k;
                j = k + 1;
            }
            None => break,
        }
    }
    last
}

/// "Food and Drug Administration", "Department of Health and Human Services", "Centers for
/// Disease Control and Prevention": "and" (token `and`) inside a body's name. The words after
/// it end in a body's word that the words before it lack, or one word that is not a body's
/// follows a body's word. "United Nations and European Union" and "Greg Patel and Susan Wu"
/// stay two. The run's new last token.
fn and_inside_body_name(
    text: &str,
    tokens: &[Tok],
    last: usize,
    and: usize,
    range: &std::ops::Range<usize>,
) -> Option<usize> {
    let next = &tokens[and];
    if !(next.word && !next.cap && token_text(text, next) == "and") {
        return None;
    }
    let mut k = and + 1;
    while k < range.end && is_name_word(&tokens[k]) && !tokens[k].is(CONNECTOR) && !tokens[k].quoted
    {
        k += 1;
    }
    if k == and + 1 {
        return None;
    }
    let end = k - 1;
    let body_word = |t: &Tok| t.is(ORG) && !is_all_caps(token_text(text, t));
    let shared_head = body_word(&tokens[end]) && !tokens[last].is(ORG);
    let one_more_word = end == and + 1 && tokens[last].is(ORG) && !tokens[end].is(ORG);
    (shared_head || one_more_word).then_some(end)
}

/// "Doctors for Camp Closure", "Pacific Gas & Electric": a connector (token `j`) inside a
/// name; the name word after it. "Alex Horton of the Washington Post", "Dr. Joneigh Khaldun
/// of the Michigan Department ...", "Martin Taylor of Aberdeenshire", "Patrick Liu-Shiu-Cheong
/// of Victoria Hospital": a person's name ends where "of" gives where they work or live; a
/// body's name ("Bank of the West", "Office of Governor Eric Holcomb") has a body's word
/// before it.
fn joined_by_connector(
    text: &str,
    tokens: &[Tok],
    first: usize,
    last: usize,
    j: usize,
    range: &std::ops::Range<usize>,
) -> Option<usize> {
    let next = &tokens[j];
    let connector = (next.word && next.is(CONNECTOR) && !next.cap) || next.punct == '&';
    let of = connector && lower_is(token_text(text, next), "of");
    let person = || {
        tokens[first..=last]
            .iter()
            .all(|t| is_person_part(text, t) || (t.is(TITLE) && !t.is(ORG)))
            && is_person_part(text, &tokens[last])
    };
    if !connector || j + 1 >= range.end || (of && person()) {
        return None;
    }
    let mut k = j + 1;
    // "Office for the Western District": allow "for the".
    if tokens[k].word && tokens[k].is(CONNECTOR) && !tokens[k].cap {
        k += 1;
    }
    (k < range.end && is_name_word(&tokens[k]) && !tokens[k].quoted).then_some(k)
}

pub(super) fn classify_run<'t>(
    text: &'t str,
    tokens: &[Tok],
    first: usize,
    last: usize,
    sentence_start: usize,
    titles: &mut Vec<&'t str>,
) -> Mention<'t> {
    let run = &tokens[first..=last];
    let possessive = tokens[last].possessive;
    // The person's name is the tail of the run: "Israeli Prime Minister [Benjamin Netanyahu]".
    let mut tail_start = last + 1;
    let mut k = last as isize;
    if tokens[last].is(SUFFIX) {
        k -= 1;
    }
    while k >= first as isize && is_person_part(text, &tokens[k as usize]) {
        tail_start = k as usize;
        k -= 1;
    }
    let mut tail_len = (last + 1).saturating_sub(tail_start);
    let mut before_tail_is_connector = tail_start > first
        && (tokens[tail_start - 1].is(CONNECTOR) || tokens[tail_start - 1].punct == '&');
    // "Secretary of State Antony Blinken", "Minister of Finance Nirmala Sitharaman": a title
    // whose object ran into the name; the name is the last two words.
    if before_tail_is_connector && tail_len >= 3 && tokens[first].is(TITLE) {
        tail_start += tail_len - 2;
        tail_len = 2;
        before_tail_is_connector = false;
    }
    let has_org = run.iter().any(|t| t.is(ORG));
    let has_place = run.iter().any(|t| t.is(PLACE));
    let has_title = tokens[first..tail_start.min(last + 1)]
        .iter()
        .any(|t| t.is(TITLE));
    // Lowercase role words just before the run: "Commerzbank analyst [Carsten Fritsch]".
    let mut w = first;
    while w > sentence_start && first - w < 4 {
        let before = &tokens[w - 1];
        if !before.word || before.is(COMMON) || before.quoted {
            break;
        }
        w -= 1;
    }
    let preceded_by_group_noun = first > sentence_start
        && tokens[first - 1].word
        && tokens[first - 1].is(GROUP)
        && !tokens[first - 1].cap;
    let window_has_title = tokens[w..first].iter().any(|t| t.is(TITLE));
    let name_of = |from: usize| &text[tokens[from].start..tokens[last].end];
    // A full name ("Benjamin Netanyahu"), or one word with a title before it ("Mr. Kim",
    // "analyst Fritsch").
    let full_name = tail_len >= 2 && !before_tail_is_connector && !preceded_by_group_noun;
    let titled_surname = tail_len == 1
        && !before_tail_is_connector
        && !has_org
        && ((tail_start > first && has_title) || (tail_start == first && window_has_title));
    let acronym = first == last && {
        let word = token_text(text, &tokens[first]);
        is_all_caps(word)
            && classify(word) & (THING_ACRONYM | TITLE | COMMON | COUNTRY_INITIALS) == 0
    };
    let (kind, name) = if full_name || titled_surname {
        (EntityKind::Person, name_of(tail_start.min(last)))
    } else if has_org || before_tail_is_connector || preceded_by_group_noun || acronym {
        (EntityKind::Org, name_of(first))
    } else if has_place {
        (EntityKind::Place, name_of(first))
    } else {
        (EntityKind::Unknown, name_of(first))
    };
    // Titles only matter for people: built only for them, prefix words first, then the
    // words before the run from the nearest outwards.
    let titles_start = titles.len();
    if kind == EntityKind::Person {
        let prefix = tokens[first..tail_start.min(last + 1)]
            .iter()
            .filter(|t| t.word);
        let window = tokens[w..first].iter().rev();
        titles.extend(prefix.chain(window).map(|t| token_text(text, t)));
    }
    Mention {
        first,
        last,
        kind,
        name,
        possessive,
        titles: titles_start..titles.len(),
    }
}

/// Push the titles given in an appositive: "Sung Kim, the U.S. special envoy for North
/// Korea," or "South Korea's nuclear envoy, Kim Gunn,".
pub(super) fn appositive_titles<'t>(
    text: &'t str,
    tokens: &[Tok],
    mention: &Mention,
    range: &std::ops::Range<usize>,
    titles: &mut Vec<&'t str>,
) {
    let words_of = |from: usize, to: usize, titles: &mut Vec<&'t str>| {
        titles.extend(
            tokens[from..to]
                .iter()
                .filter(|t| t.word)
                .map(|t| token_text(text, t)),
        );
    };
    // After: ", the/a/an ... ,"
    let after = mention.last + 1;
    if after + 1 < range.end && tokens[after].punct == ',' {
        let det = &tokens[after + 1];
        let word = token_text(text, det);
        if det.word
            && ["the", "a", "an", "who", "now"]
                .iter()
                .any(|lower| lower_is(word, lower))
        {
            let mut end = after + 2;
            while end < range.end && tokens[end].word && end - after < 12 {
                end += 1;
            }
            words_of(after + 2, end, titles);
        }
    }
    // Before: "the ... envoy, NAME"
    if mention.first >= range.start + 2 && tokens[mention.first - 1].punct == ',' {
        let mut from = mention.first - 1;
        while from > range.start && tokens[from - 1].word && mention.first - from < 10 {
            from -= 1;
        }
        words_of(from, mention.first - 1, titles);
    }
}

/// Is `name` a place of the gazetteer ("Beijing", "New Delhi", "South Korea", "US"), made only
/// of place words with one of the gazetteer's among them?
pub(super) fn is_gazetteer_place(name: &str) -> bool {
    let mut gazetteer = false;
    for word in name.split_whitespace() {
        let class = place_class(word);
        if class & (GAZETTEER_PLACE | PLACE) == 0 {
            return false;
        }
        gazetteer |= class & GAZETTEER_PLACE != 0;
    }
    gazetteer
}

/// A word's classes, with a country's initials a gazetteer place when written in capitals
/// ("US", not the pronoun "us").
fn place_class(word: &str) -> Class {
    let class = classify(word) | gazetteer(word);
    if class & COUNTRY_INITIALS != 0 && is_all_caps(word) {
        class | GAZETTEER_PLACE
    } else {
        class
    }
}

/// Is `name` a place or a people ("Chinese", "US", "South Korean"): what "X officials" are
/// officials of, and no speaker alone.
pub(super) fn is_place_or_people(name: &str) -> bool {
    is_gazetteer_place(name)
        || name
            .split_whitespace()
            .all(|w| place_class(w) & (DEMONYM | PLACE) != 0)
            && name.split_whitespace().any(|w| classify(w) & DEMONYM != 0)
}
