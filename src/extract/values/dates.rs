//! Dates in text, absolute and relative, resolved against the reference date.
//!
//! Each pattern yields a candidate with its span and resolved value at its granularity
//! (`YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY`, or a Saturday–Sunday range for weekends);
//! overlapping candidates keep the longest. Relative expressions need a reference date and are
//! left out without one. The sentence's tense decides the direction of a bare weekday or a
//! month without a year: reported news looks back unless the clause speaks of the future.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::triggers::{self, Triggers};
use crate::extract::lexicon;

use super::when::{Period, Unit, When};
use crate::model::{Value, ValueType};

mod named_days;

/// The month and weekday names of the lexicon as regex alternations (one capture group each),
/// put where a pattern says `{MONTH}` or `{WEEKDAY}` (see `re`).
static MONTH: LazyLock<String> = LazyLock::new(|| lexicon::alternation(&lexicon::MONTHS));
static WEEKDAY: LazyLock<String> = LazyLock::new(|| lexicon::alternation(&lexicon::WEEKDAYS));
/// A month as a bare month is written: a capitalised full name ("May"), or a short form with
/// its period ("Sept."), so that the verb "may" and "Mar" in a name are left alone.
static CAPITALISED_MONTH: LazyLock<String> = LazyLock::new(|| {
    let capitalised = |w: &str| w[..1].to_ascii_uppercase() + &w[1..];
    let mut forms: Vec<String> = Vec::new();
    for month in lexicon::MONTHS.lines() {
        forms.push(capitalised(month[0]));
        forms.extend(month[1..].iter().map(|short| capitalised(short) + r"\."));
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    format!("({})", forms.join("|"))
});

/// Day-of-month words from the lexicon's number lists ("five", "fifth", "twenty-first"),
/// longest first so "twenty first" wins over "twenty".
static DAY_WORDS: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    // The forms of each value from one to nineteen, cardinal and ordinal.
    let forms_of = |value: u32| -> Vec<&'static str> {
        let cardinal = lexicon::NUMBER_UNITS.lines().nth(value as usize);
        let ordinal = lexicon::ORDINAL_UNITS.lines().nth(value as usize - 1);
        cardinal.into_iter().chain(ordinal).flatten().collect()
    };
    let tens = |list: &'static lexicon::List, i: usize| -> Vec<&'static str> {
        list.lines().nth(i).unwrap_or_default()
    };
    let mut words = Vec::new();
    for value in 1..20 {
        words.extend(forms_of(value).into_iter().map(|w| (w.to_string(), value)));
    }
    for (i, base) in [(0, 20u32), (1, 30u32)] {
        let mut plain = tens(&lexicon::NUMBER_TENS, i);
        plain.extend(tens(&lexicon::ORDINAL_TENS, i));
        words.extend(plain.iter().map(|w| (w.to_string(), base)));
        let head = tens(&lexicon::NUMBER_TENS, i);
        let last = if base == 30 { 1 } else { 9 };
        for unit in 1..=last {
            for (tens_word, unit_word) in head
                .iter()
                .flat_map(|t| forms_of(unit).into_iter().map(move |u| (t, u)))
            {
                for sep in [" ", "-"] {
                    words.push((format!("{tens_word}{sep}{unit_word}"), base + unit));
                }
            }
        }
    }
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    words
});

/// "a", "an", "one" ... "twelve": the words that count an offset, as a regex alternation.
static COUNT_WORDS: LazyLock<String> = LazyLock::new(|| {
    let numbers = lexicon::NUMBER_UNITS.lines().skip(1).take(12).flatten();
    let words: Vec<&str> = ["a", "an"].into_iter().chain(numbers).collect();
    words.join("|")
});

static DAY_WORD_ALT: LazyLock<String> = LazyLock::new(|| {
    DAY_WORDS
        .iter()
        .map(|(w, _)| w.replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
});

fn day_word_value(word: &str) -> Option<u32> {
    let folded = word
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    DAY_WORDS
        .iter()
        .find(|(w, _)| *w == folded)
        .map(|(_, v)| *v)
}

fn re(pattern: &str) -> Regex {
    let pattern = pattern
        .replace("{MONTH}", &MONTH)
        .replace("{WEEKDAY}", &WEEKDAY)
        .replace("{CAPITALISED_MONTH}", &CAPITALISED_MONTH)
        .replace("{COUNT}", &COUNT_WORDS);
    Regex::new(&pattern).expect("date pattern compiles")
}

/// "2022-06-03", "2019/aug/01", "2016 10 16", "20161016".
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?-u:\b)((?:1[6-9]|20)\d\d)(?:([-/. ])(\d{1,2})([-/. ])(\d{1,2})|(\d\d)(\d\d))(?-u:\b)")
});
/// "2019/aug/01", "2019-Aug-01", "2019/01/aug": the year first.
static YEAR_MONTH_NAME_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b((?:1[6-9]|20)\d\d)[-/]{MONTH}[-/](\d{1,2})\b|\b((?:1[6-9]|20)\d\d)/(\d{1,2})/{MONTH}\b",
    )
});
/// "September-2020-23", "23-2020-September": the year between month and day.
static MONTH_YEAR_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i-u)\b{MONTH}-((?:1[6-9]|20)\d\d)-(\d{1,2})\b|\b(\d{1,2})-((?:1[6-9]|20)\d\d)-{MONTH}\b")
});
/// "5/17/2018", "12/12/30", "22/04", "11/20".
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?-u:\b)"));
/// "June 3, 2022", "Dec. 31 , 1994", "Oct/2", "Sep-23-2020", "May twenty nine", "october, 1st".
/// Anchored: it runs only where a month name can start (see `captures_at_starts`).
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| re(&format!("^{}", month_day_pattern())));

fn month_day_pattern() -> String {
    format!(
        r"(?i-u)\b{{MONTH}}\.?(?:\s*[-/]\s*|\s*,\s*|\s+|)(\d{{1,2}}(?:st|nd|rd|th)?\b|(?:{})\b)(?:(?:\s*,\s*|\s+|-)(?:of\s+|in\s+)?((?:1[6-9]|20)\d\d)\b)?",
        *DAY_WORD_ALT
    )
}

/// "3 June 2022", "04th Jan 2019", "second of Aug", "15 April of 87", "05-Aug-2016".
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i-u)\b(\d{{1,2}}(?:st|nd|rd|th)?|{})(?:\s+of\s+|\s+|\s*[-/]\s*){{MONTH}}\b\.?(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:of\s+|in\s+)?((?:1[6-9]|20)\d\d|'?\d\d)\b)?",
        *DAY_WORD_ALT
    ))
});
/// "March 2019", "March of 2019".
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i-u)\b{MONTH}\b\.?,?\s+(?:of\s+)?((?:1[6-9]|20)\d\d)\b"));
/// A bare month name, capitalised, with an optional part-of-month, direction word or
/// preposition before it (`period_parts.txt`, `month_prepositions.txt`).
static BARE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let before = format!(
        "{}|last|next|this|{}",
        alternatives(&lexicon::PERIOD_PARTS),
        alternatives(&lexicon::MONTH_PREPOSITIONS)
    );
    re(&format!(
        r"(?-u)(?:\b(?i:({before}))[\s-]+)?\b{{CAPITALISED_MONTH}}(?:\b|\B)"
    ))
});
/// A year alone, with an optional part-of-year phrase: "in 2019", "the end of 2020".
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i-u)(?:\b{}[\s-]+)?\b(1[7-9]\d\d|20\d\d)\b",
        lexicon::alternation(&lexicon::PERIOD_PARTS)
    ))
});

/// The entries of `list` as regex alternatives, longest first, without a group of their own.
fn alternatives(list: &lexicon::List) -> String {
    let group = lexicon::alternation(list);
    group[1..group.len() - 1].to_string()
}
static WEEKDAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)(?:\b(this\s+past|past|last|previous|next|following|coming|this\s+coming|this\s+upcoming|upcoming|this)\s+)?(?:\b(next|last|this|previous)\s+week\s*(?:-|on|,)?\s*)?\b{WEEKDAY}\b\.?(?:\s+(?:of\s+)?(next|last|this|previous|the\s+following)\s+week\b)?(?:\s+(?:morning|afternoon|evening|night)\b)?",
    )
});
/// Weekday followed by a day of the month: "Monday 21", "Mon 13th", "tuesday the eleventh".
static WEEKDAY_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i-u)(?:\b(?:this|next|coming)\s+)?\b{{WEEKDAY}}\b,?\s+(?:the\s+)?(\d{{1,2}}(?:st|nd|rd|th)?|{})\b(?:\s*[/.-]\s*(\d{{1,2}}))?",
        *DAY_WORD_ALT
    ))
});
/// "yesterday", "last night", "later this month", "next summer", "over the weekend": the
/// days and periods of the lexicon's relative date words (see `relative_date_words.txt`).
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    let lines: Vec<Vec<&str>> = lexicon::RELATIVE_DATE_WORDS.lines().collect();
    let days = lines[..DAY_LINES].concat().join("|");
    let night = lines[DAY_LINES].join("|");
    let periods = lines[DAY_LINES + 1..].concat().join("|");
    re(&format!(
        r"(?i-u)\b(?:({days}|last\s+(?:{night}))|(?:(earlier|later)\s+)?(last|this|next|past)\s+({periods})|(?:over\s+)?the\s+(weekend))\b"
    ))
});
/// The first lines of `relative_date_words.txt` are days by themselves, from yesterday.
const DAY_LINES: usize = 3;
/// "year to date", "month-to-date": the period so far, read as the period itself (as "this
/// year"), with the periods of the lexicon's line after "night".
static TO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let lines: Vec<Vec<&str>> = lexicon::RELATIVE_DATE_WORDS.lines().collect();
    let periods = lines[DAY_LINES + 1].join("|");
    re(&format!(r"(?i-u)\b({periods})[-\s]to[-\s]date\b"))
});

/// The days a day word counts from the reference date: "yesterday" -1, "tomorrow" 1.
fn day_word_offset(word: &str) -> i64 {
    match lexicon::line_of(&lexicon::RELATIVE_DATE_WORDS, word) {
        Some(line) if line < DAY_LINES => line as i64 - 1,
        // "last night".
        _ => -1,
    }
}

/// "two days ago", "in 3 weeks", "3 days from today", "two days before yesterday".
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b(?:(in)\s+)?({COUNT}|\d{1,3})\s+(day|week|month|year|fortnight)s?(?:'s|’s|'|’)?(?:\s+(time))?(?:\s+(ago|later|from\s+(?:today|now|tomorrow|tmrw)|after\s+(?:today|tomorrow)|before\s+(?:today|yesterday)))?\b",
    )
});
/// "2 years 1 month 21 days later", "a year and two months ago": several units in one offset.
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b((?:(?:{COUNT}|\d{1,3})\s+(?:day|week|month|year)s?,?\s+(?:and\s+)?){2,4})(ago|later|from\s+now)\b",
    )
});
/// "on the 18th", "around the 21st".
static THE_NTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b(?:on|around|by|until|since)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(\s+(?:of\s+)?this\s+month)?",
    )
});
/// The markers of a future or past clause, from the lexicon.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| markers(&lexicon::FUTURE_MARKERS));
static PAST: LazyLock<Regex> = LazyLock::new(|| markers(&lexicon::PAST_MARKERS));

/// One regex for a list of marker phrases, in file order so that an earlier line wins at the
/// same start: words one or more spaces apart, `*` any word, and a marker that starts with an
/// apostrophe ("'ll") needs no word boundary before it. The word boundary before the others is
/// written once, outside their alternation, which keeps the search as fast as a hand-written
/// pattern.
fn markers(list: &lexicon::List) -> Regex {
    let phrase = |entry: &str| {
        let words: Vec<String> = entry
            .split(' ')
            .map(|w| regex::escape(w).replace(r"\*", r"\w+"))
            .collect();
        words.join(r"\s+")
    };
    let (glued, plain): (Vec<&str>, Vec<&str>) = list
        .phrases()
        .partition(|entry| entry.starts_with(['\'', '’']));
    let alternation = |entries: Vec<&str>| {
        entries
            .into_iter()
            .map(phrase)
            .collect::<Vec<_>>()
            .join("|")
    };
    let mut pattern = format!(r"(?i-u)\b(?:{})\b", alternation(plain));
    if !glued.is_empty() {
        pattern += &format!(r"|(?:{})\b", alternation(glued));
    }
    re(&pattern)
}

/// Every match of `re` inside the trigger windows, or none when `on` is false. Each window is
/// searched as a prefix of `text` starting at the window, so offsets stay relative to `text`
/// and the look-behind checks after a match see the whole sentence.
fn captures_in<'t>(
    re: &'t Regex,
    text: &'t str,
    windows: &'t [(usize, usize)],
    on: bool,
) -> impl Iterator<Item = Captures<'t>> + 't {
    windows
        .iter()
        .filter(move |_| on)
        .flat_map(move |&(from, to)| {
            let haystack = &text[..to];
            let mut at = Some(from);
            std::iter::from_fn(move || {
                let c = re.captures_at(haystack, at?)?;
                let whole = c.get(0)?;
                // No pattern here matches the empty string; stop rather than loop if one did.
                at = (whole.end() > whole.start()).then_some(whole.end());
                Some(c)
            })
        })
}

/// Every match of `anchored` (a pattern that starts with `^`) in the trigger windows, or none
/// when `on` is false, with the offset of its start in `text` (the positions of the captures
/// are relative to it). The pattern is tried only at the places `may_start` picks, in order,
/// on the rest of the window: the same matches `captures_in` finds with the pattern
/// unanchored, as long as every match starts at such a place and the pattern's first
/// word-boundary test sees the same thing at the start of the slice as in the text (a place
/// after a character that is not a word character). Some patterns start with so common a
/// letter set that the regex engine's literal prefilter stops at most words, and a whole
/// window then cost several times a few anchored tries. `may_start` must reject every place
/// after a word character (as a `\b` before a word does).
fn captures_at_starts<'t>(
    anchored: &'t Regex,
    text: &'t str,
    windows: &'t [(usize, usize)],
    on: bool,
    may_start: fn(&[u8], usize) -> bool,
) -> impl Iterator<Item = (usize, Captures<'t>)> + 't {
    let bytes = text.as_bytes();
    windows
        .iter()
        .filter(move |_| on)
        .flat_map(move |&(from, to)| {
            let mut at = from;
            std::iter::from_fn(move || {
                while at < to {
                    let start = at;
                    at += 1;
                    let found = may_start(bytes, start)
                        .then(|| anchored.captures(&text[start..to]))
                        .flatten();
                    let Some(c) = found else {
                        // No start follows a word character: skip the rest of the word.
                        while at < to && is_word_byte(bytes[at - 1]) {
                            at += 1;
                        }
                        continue;
                    };
                    let length = c.get(0).map_or(0, |whole| whole.end());
                    // No pattern here matches the empty string; stop rather than loop if one did.
                    at = if length > 0 { start + length } else { to };
                    return Some((start, c));
                }
                None
            })
        })
}

/// The first three bytes of the word starting at `at` (no ASCII word character before it),
/// with ASCII letters lowercased, or `None`. `| 0x20` lowercases ASCII letters and turns no
/// other byte into one.
fn word_head(bytes: &[u8], at: usize) -> Option<[u8; 3]> {
    if at > 0 && is_word_byte(bytes[at - 1]) {
        return None;
    }
    let &[a, b, c] = bytes.get(at..at + 3)? else {
        return None;
    };
    Some([a | 0x20, b | 0x20, c | 0x20])
}

/// An ASCII word character, as `(?-u:\w)` and `(?-u:\b)` see them.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a month name can start at `at`: a word starts there with the first three letters
/// of a month, in any case.
fn month_may_start(bytes: &[u8], at: usize) -> bool {
    static HEADS: LazyLock<Vec<[u8; 3]>> = LazyLock::new(|| {
        lexicon::MONTHS
            .words()
            .filter_map(|w| w.as_bytes().get(..3)?.try_into().ok())
            .collect()
    });
    word_head(bytes, at).is_some_and(|head| HEADS.contains(&head))
}

/// Which way a date without a year or week looks from the reference date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tense {
    Past,
    Future,
    Neutral,
}

/// The tense of the clause around `start..end`: the 140 bytes before it and 40 after (a
/// place and its venue may stand between "will" and the date: "will loop into Shoreline
/// Amphitheatre at Mountain View, CA for a hometown show on Sept. 12").
fn tense_at(text: &str, start: usize, end: usize) -> Tense {
    let from = floor_char(text, start.saturating_sub(140));
    let to = ceil_char(text, (end + 40).min(text.len()));
    let before = &text[from..start];
    let after = &text[end..to];
    // The nearest marker before the date decides ("scheduled" is both: future wins); with
    // none before, the first marker after it ("In August, CBP announced").
    let last_future = FUTURE
        .find_iter(before)
        .filter(|m| is_modal(text, from + m.start(), m.as_str()))
        .last()
        .map(|m| m.end());
    let last_past = PAST.find_iter(before).last().map(|m| m.end());
    match (last_future, last_past) {
        (Some(f), Some(p)) if f >= p => return Tense::Future,
        (Some(_), None) => return Tense::Future,
        (_, Some(_)) => return Tense::Past,
        _ => {}
    }
    let first_future = FUTURE
        .find_iter(after)
        .find(|m| is_modal(text, end + m.start(), m.as_str()))
        .map(|m| m.start());
    let first_past = PAST.find(after).map(|m| m.start());
    match (first_future, first_past) {
        (Some(f), Some(p)) if f <= p => Tense::Future,
        (Some(_), None) => Tense::Future,
        (_, Some(_)) => Tense::Past,
        _ => Tense::Neutral,
    }
}

/// Whether a future marker found at `at` in `text` is one: the modal "may" written "May"
/// inside a sentence is the month or a name ("the May 3 vote", "Theresa May said"), and only
/// the first word of a sentence is capitalised as a modal ("May I ask").
fn is_modal(text: &str, at: usize, marker: &str) -> bool {
    !marker.starts_with(|c: char| c.is_ascii_uppercase())
        || month_from(marker).is_none()
        || text[..at].trim().is_empty()
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn month_from(name: &str) -> Option<u32> {
    lexicon::line_of(&lexicon::MONTHS, name).map(|line| line as u32 + 1)
}

fn weekday_from(name: &str) -> Option<Weekday> {
    let line = lexicon::line_of(&lexicon::WEEKDAYS, name)?;
    Weekday::try_from(line as u8).ok()
}

fn parse_day(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        day_word_value(text)
    } else {
        digits.parse().ok()
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let digits = text.trim_start_matches(['\'', '’']);
    let year: i32 = digits.parse().ok()?;
    if digits.len() == 2 {
        // Two-digit years: the nearer century, as in "12/12/30" -> 1930 or 2030.
        return Some(if year < 40 { 2000 + year } else { 1900 + year });
    }
    Some(year)
}

/// The date of `month`/`day` nearest the reference in the direction the tense gives.
fn month_day_year(month: u32, day: u32, reference: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day);
    match tense {
        Tense::Future => match this_year {
            Some(d) if d >= reference => Some(d),
            _ => NaiveDate::from_ymd_opt(reference.year() + 1, month, day),
        },
        Tense::Past => match this_year {
            Some(d) if d <= reference => Some(d),
            _ => NaiveDate::from_ymd_opt(reference.year() - 1, month, day),
        },
        Tense::Neutral => this_year.or_else(|| {
            // Feb 29 in a common year: the nearest leap year before.
            (1..8).find_map(|k| NaiveDate::from_ymd_opt(reference.year() - k, month, day))
        }),
    }
}

fn month_year_for(month: u32, reference: NaiveDate, tense: Tense) -> i32 {
    match tense {
        Tense::Future if month < reference.month() => reference.year() + 1,
        Tense::Past if month > reference.month() => reference.year() - 1,
        _ => reference.year(),
    }
}

fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

fn day_in_week(week_of: NaiveDate, weekday: Weekday) -> NaiveDate {
    week_start(week_of) + Duration::days(weekday.num_days_from_monday() as i64)
}

fn iso_week(date: NaiveDate) -> When {
    When::week_of(date)
}

fn ymd(date: NaiveDate) -> When {
    When::Day(date)
}

/// The last few bytes of `text` before `end`, lower-cased: enough for the look-behind checks,
/// without lower-casing (and allocating) the whole sentence or article before a match.
fn lower_tail(text: &str, end: usize) -> String {
    let from = floor_char(text, end.saturating_sub(24));
    text[from..end].to_ascii_lowercase()
}

/// A candidate date found in the text.
struct Found {
    start: usize,
    end: usize,
    value: Period,
    /// Priority among overlapping candidates of the same length: explicit dates beat others.
    explicit: bool,
    /// The unit of the offset that moved this date (b'd', b'w', b'm', b'y'), or 0: a weekday
    /// next to it picks its day from it ("Monday two weeks from now").
    offset_unit: u8,
}

fn found(start: usize, end: usize, value: When, explicit: bool) -> Found {
    Found {
        start,
        end,
        value: Period::At(value),
        explicit,
        offset_unit: 0,
    }
}

/// A period a rule counted rather than read, over the words of `whole`.
fn period_found(whole: &regex::Match, value: Period) -> Found {
    Found {
        start: whole.start(),
        end: whole.end(),
        value,
        explicit: false,
        offset_unit: 0,
    }
}

/// Every date in `text`, with offsets relative to `text`.
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<Value> {
    find_dates_with(text, reference, &Triggers::of(text))
}

/// `find_dates` with the sentence's triggers already read: every rule's candidates, the longest
/// of overlapping ones, a weekday joined to the date it names, then dates counted from another.
pub fn find_dates_with(text: &str, reference: Option<NaiveDate>, on: &Triggers) -> Vec<Value> {
    find_dates_in_passage(text, reference, on, None).0
}

/// `find_dates_with` for a sentence of a passage about `passage` (the date the sentences
/// before it last named): "the previous week" with no date before it in the sentence counts
/// from that one. Also gives the date this sentence leaves the passage about: its last
/// explicit date, or the last date counted from one.
pub(super) fn find_dates_in_passage(
    text: &str,
    reference: Option<NaiveDate>,
    on: &Triggers,
    passage: Option<When>,
) -> (Vec<Value>, Option<When>) {
    let all = candidates(text, reference, on);
    let mut kept = longest_without_overlap(all);
    chain_offsets(text, &mut kept);
    let mut merged = weekdays_joined(text, kept);
    static ANCHOR_WORDS: LazyLock<Vec<&str>> =
        LazyLock::new(|| lexicon::ANCHOR_WORDS.words().collect());
    let mut counted = Vec::new();
    if on.has(triggers::RELATIVE | triggers::SPAN) && ANCHOR_WORDS.iter().any(|w| text.contains(w))
    {
        counted = anchored_dates(text, &mut merged, passage);
    }
    let about = merged
        .iter()
        .rev()
        .filter(|f| f.explicit || counted.contains(&f.start))
        .find_map(|f| f.value.when());
    let values = merged.into_iter().map(|f| f.value_in(text)).collect();
    (values, about)
}

/// What every date rule finds, overlaps and all. Rules that count from the reference date run
/// only with one; halves of a named year run without it.
fn candidates(text: &str, reference: Option<NaiveDate>, on: &Triggers) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    explicit_dates(text, reference, on, &mut all);
    if on.decade {
        decades(text, &mut all);
    }
    if let Some(reference) = reference {
        halves(text, reference, on, &mut all);
    } else if on.year_digits {
        halves(text, NaiveDate::MIN, on, &mut all);
    }
    if let Some(reference) = reference {
        relative_dates(text, reference, on, &mut all);
        holidays(text, reference, on, &mut all);
    }
    all
}

/// The longest of overlapping candidates (explicit ones first on ties), in text order.
fn longest_without_overlap(mut all: Vec<Found>) -> Vec<Found> {
    all.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.end - f.start),
            std::cmp::Reverse(f.explicit),
            f.start,
        )
    });
    let mut kept: Vec<Found> = Vec::new();
    // The kept spans never overlap, so the one starting last before a candidate's end is the
    // only one that can overlap it: a lookup, not a scan of all kept (thousands of years).
    let mut kept_spans = std::collections::BTreeSet::new();
    for candidate in all {
        let overlapping = kept_spans
            .range(..(candidate.end, 0))
            .next_back()
            .is_some_and(|&(_, end)| end > candidate.start);
        if !overlapping {
            kept_spans.insert((candidate.start, candidate.end));
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

/// "Tuesday, November 19": the weekday names the same day as the date next to it, so the two
/// are one date.
fn weekdays_joined(text: &str, kept: Vec<Found>) -> Vec<Found> {
    let mut merged: Vec<Found> = Vec::with_capacity(kept.len());
    for candidate in kept {
        let Some(last) = merged.last() else {
            merged.push(candidate);
            continue;
        };
        let start = last.start;
        if let Some(date) = weekday_of_the_other(text, last, &candidate) {
            merged.pop();
            merged.push(Found {
                start,
                value: Period::At(ymd(date)),
                offset_unit: 0,
                ..candidate
            });
        } else if is_weekday_of_explicit(text, last, &candidate) {
            merged.pop();
            merged.push(Found { start, ..candidate });
        } else {
            merged.push(candidate);
        }
    }
    merged
}

/// "Monday two weeks from now", "3 weeks after Christmas on Friday", "1st week of Oct. on
/// Friday": the weekday names a day of the week (or the days after) the other gives.
fn weekday_of_the_other(text: &str, last: &Found, candidate: &Found) -> Option<NaiveDate> {
    if last.end > candidate.start {
        return None;
    }
    let between = text[last.end..candidate.start].trim();
    if !(matches!(between, "" | ",") || between.eq_ignore_ascii_case("on")) {
        return None;
    }
    match (plain_weekday(text, last), plain_weekday(text, candidate)) {
        (Some(day), None) => weekday_near(candidate, day),
        (None, Some(day)) => weekday_near(last, day),
        _ => None,
    }
}

/// "Tuesday, November 19": a weekday alone before an explicit date is part of it.
fn is_weekday_of_explicit(text: &str, last: &Found, candidate: &Found) -> bool {
    candidate.explicit
        && last.end <= candidate.start
        && matches!(text[last.end..candidate.start].trim(), "" | ",")
        && text[last.start..last.end]
            .bytes()
            .all(|b| b.is_ascii_alphabetic())
        && weekday_from(&text[last.start..last.end]).is_some()
}

impl Found {
    /// The date as the rest of the extractor sees it: a typed value with its text.
    fn value_in(self, text: &str) -> Value {
        Value {
            value_type: if matches!(self.value, Period::Range(..)) {
                ValueType::Range
            } else {
                ValueType::Date
            },
            text: text[self.start..self.end].to_string(),
            value: self.value.normalized(),
            unit: None,
            start: self.start,
            end: self.end,
        }
    }
}

/// "the first half of 2019", "the second half of next year": six months of a year.
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b(?:the\s+)?(first|second|1st|2nd)\s+half\s+of\s+(?:(?:the\s+)?((?:1[6-9]|20)\d\d)\b|(last|next|this)\s+year\b|the\s+year\b)",
    )
});

/// Halves of a year (see `HALF`) as the range of their months; a year named by "last",
/// "next", "this" or "the year" needs the reference date (`NaiveDate::MIN` when there is
/// none, which rules those out).
fn halves(text: &str, reference: NaiveDate, on: &Triggers, all: &mut Vec<Found>) {
    // "half" is a number word: the trigger pass knows where each one starts.
    let may = (on.year_digits || on.has(triggers::RELATIVE))
        && on.number_words.iter().any(|&at| {
            text.get(at..at + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case("half"))
        });
    for c in captures_in(&HALF, text, &on.windows, may) {
        let whole = c.get(0).unwrap();
        let year = match (c.get(2), c.get(3)) {
            (Some(year), _) => year.as_str().parse().ok(),
            _ if reference == NaiveDate::MIN => None,
            (None, Some(which)) => Some(match which.as_str().to_ascii_lowercase().as_str() {
                "last" => reference.year() - 1,
                "next" => reference.year() + 1,
                _ => reference.year(),
            }),
            (None, None) => Some(reference.year()),
        };
        let Some(year) = year else {
            continue;
        };
        let first = matches!(c[1].as_bytes()[0], b'f' | b'F' | b'1');
        let (from, to) = if first { (1, 6) } else { (7, 12) };
        all.push(Found {
            start: whole.start(),
            end: whole.end(),
            value: Period::Range(
                Some(When::Month { year, month: from }),
                Some(When::Month { year, month: to }),
            ),
            explicit: true,
            offset_unit: 0,
        });
    }
}

/// "the 1990s", "1980's", "the 1300s": a decade, or a century where the tens are zero too,
/// as the range of its years. Found from each "0s" in the text, so the cost stays linear.
fn decades(text: &str, all: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    for (zero, _) in text.match_indices('0') {
        let suffix = match bytes.get(zero + 1..zero + 2) {
            Some(b"s") => 2,
            Some(b"'") if bytes.get(zero + 2) == Some(&b's') => 3,
            _ if text[zero + 1..].starts_with("’s") => 1 + "’s".len(),
            _ => continue,
        };
        let end = zero + suffix;
        if zero < 3
            || bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric())
            || !bytes[zero - 3..zero].iter().all(u8::is_ascii_digit)
            || zero > 3 && (bytes[zero - 4].is_ascii_alphanumeric() || bytes[zero - 4] == b'.')
        {
            continue;
        }
        let Ok(first) = text[zero - 3..=zero].parse::<i32>() else {
            continue;
        };
        if !(1000..2100).contains(&first) {
            continue;
        }
        let last = if first % 100 == 0 {
            first + 99
        } else {
            first + 9
        };
        let start = if zero >= 7
            && text
                .get(zero - 7..zero - 3)
                .is_some_and(|w| w.eq_ignore_ascii_case("the "))
        {
            zero - 7
        } else {
            zero - 3
        };
        all.push(Found {
            start,
            end,
            value: Period::Range(Some(When::Year(first)), Some(When::Year(last))),
            explicit: true,
            offset_unit: 0,
        });
    }
}

/// "the previous year", "a year earlier", "two months later": counted from a date given
/// before it in the sentence, not from the reference date.
static ANCHORED: LazyLock<Regex> = LazyLock::new(|| {
    let lines: Vec<Vec<&str>> = lexicon::ANCHOR_WORDS.lines().collect();
    let before = [&lines[0][..], &lines[1][..]].concat().join("|");
    let after = [&lines[2][..], &lines[3][..]].concat().join("|");
    re(&format!(
        r"(?i-u)\b(?:the\s+({before})\s+(year|month|week|day)|({{COUNT}}|\d{{1,2}})\s+(year|month|week|day)s?\s+({after}))\b"
    ))
});

/// Whether an anchor word counts back from its anchor: the first and third lines of
/// `anchor_words.txt`.
fn counts_back(word: &str) -> bool {
    matches!(lexicon::line_of(&lexicon::ANCHOR_WORDS, word), Some(0 | 2))
}

/// Dates counted from another date of the sentence ("down from $19.5 billion the previous
/// year" after "in 2018" is 2017). A count of units keeps that date's granularity ("a year
/// earlier" after "in March 2019" is March 2018); "the previous year" or "the following week"
/// names a whole year or week, the one before or after the date's. Without a date before them
/// in the sentence they count from the date of the `passage` ("the previous week" after a
/// sentence on September 30); without either they are left alone: "a year later" counted from
/// the reference date stays as the offset rules found it. Gives the starts of the dates it
/// counted.
fn anchored_dates(text: &str, found: &mut Vec<Found>, passage: Option<When>) -> Vec<usize> {
    let mut counted = Vec::new();
    for c in ANCHORED.captures_iter(text) {
        let whole = c.get(0).unwrap();
        // "two days later than planned" compares; it dates nothing.
        if text[whole.end()..].trim_start().starts_with("than") {
            continue;
        }
        let anchor = match found
            .iter()
            .rev()
            .find(|f| f.explicit && f.end <= whole.start())
        {
            Some(anchor) => anchor.value.when(),
            None => passage,
        };
        let Some(anchor) = anchor else {
            continue;
        };
        let Some(value) = anchored_value(&c, anchor) else {
            continue;
        };
        found.retain(|f| f.end <= whole.start() || whole.end() <= f.start);
        let at = found.partition_point(|f| f.start < whole.start());
        found.insert(at, period_found(&whole, Period::At(value)));
        counted.push(whole.start());
    }
    counted
}

/// The date an `ANCHORED` match names, counted from `anchor`: "the previous year" is the
/// whole year before the anchor's, "two months later" the anchor moved at its granularity.
fn anchored_value(c: &Captures, anchor: When) -> Option<When> {
    let (direction, unit, count, whole_unit) = match (c.get(1), c.get(3)) {
        (Some(which), _) => {
            let back = counts_back(which.as_str());
            (if back { -1 } else { 1 }, &c[2], 1, true)
        }
        (None, Some(count)) => {
            let count = parse_count(count.as_str());
            let back = counts_back(&c[5]);
            (if back { -1 } else { 1 }, &c[4], count, false)
        }
        _ => return None,
    };
    let unit = Unit::of(unit)?;
    let value = anchor.shifted(unit, direction * count)?;
    Some(if whole_unit {
        value.within(unit)
    } else {
        value
    })
}

/// "a", "one" ... "twelve" or digits (1 for anything else).
fn parse_count(word: &str) -> i64 {
    match count_word(word) {
        0 => 1,
        n => n,
    }
}

/// The weekday a candidate names when it is a weekday alone ("Friday", not "next Friday").
fn plain_weekday(text: &str, f: &Found) -> Option<Weekday> {
    let word = text[f.start..f.end].trim_end_matches('.');
    if f.explicit || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    weekday_from(word)
}

/// The day `weekday` of the week `f` names, or of the day an offset moved it to: the same
/// week for an offset in days or weeks, the first such weekday on or after the day for an
/// offset in months or years ("two months from today on Tuesday").
fn weekday_near(f: &Found, weekday: Weekday) -> Option<NaiveDate> {
    let value = f.value.when()?;
    if let When::Week { year, week } = value {
        return NaiveDate::from_isoywd_opt(year, week, weekday);
    }
    if f.offset_unit == 0 {
        return None;
    }
    let date = value.day()?;
    if matches!(f.offset_unit, b'm' | b'y') {
        let ahead = (7 + weekday.num_days_from_monday() as i64
            - date.weekday().num_days_from_monday() as i64)
            % 7;
        return Some(date + Duration::days(ahead));
    }
    Some(day_in_week(date, weekday))
}

/// The first letter of an offset unit, a fortnight counted in weeks.
fn unit_letter(unit: &str) -> u8 {
    match unit.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'f') => b'w',
        Some(b) => b,
        None => 0,
    }
}

/// "the 1st week of Oct.", "the last week of March 2020": the ISO week holding that part of
/// the month.
static WEEK_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b(?:the\s+)?(1st|2nd|3rd|4th|first|second|third|fourth|last)\s+week\s+of\s+{MONTH}\b\.?(?:,?\s+((?:1[6-9]|20)\d\d)\b)?",
    )
});
/// "on 5.12": a month and day with a dot, only after "on" and at the end of a clause.
static ON_DOTTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i-u)\bon\s+(\d{1,2})\.(\d{1,2})(?-u:\b)"));

/// What every date rule reads: the sentence, its reference date and its triggers.
struct Scan<'t> {
    text: &'t str,
    reference: Option<NaiveDate>,
    on: &'t Triggers,
}

impl Scan<'_> {
    /// A digit or number word is in the sentence.
    fn numeric(&self) -> bool {
        self.on.digits || self.on.has(triggers::NUMBER_WORD)
    }

    /// `start..end` touches a letter or digit (or follows "$"): part of a longer token.
    fn glued(&self, start: usize, end: usize) -> bool {
        let bytes = self.text.as_bytes();
        (start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'$'))
            || (end < bytes.len() && bytes[end].is_ascii_alphanumeric())
    }
}

/// A date rule: its name, the function that adds its candidates, and the examples it was
/// written for, each a text and the value the rule gives it (reference date 2019-11-20, a
/// Wednesday). `date_rules_find_their_examples` runs each rule on its examples.
struct DateRule {
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    find: fn(&Scan, &mut Vec<Found>),
    #[cfg_attr(not(test), allow(dead_code))]
    examples: &'static [(&'static str, &'static str)],
}

/// The rules of dates that carry their own day or month ("June 3, 2022", "in March", "2019"),
/// in the order they run.
const EXPLICIT_RULES: &[DateRule] = &[
    DateRule {
        name: "iso",
        find: iso_rule,
        examples: &[
            ("2022-06-03", "2022-06-03"),
            ("2016 10 16", "2016-10-16"),
            ("20161016", "2016-10-16"),
        ],
    },
    DateRule {
        name: "year_month_name_day",
        find: year_month_name_day_rule,
        examples: &[
            ("2019/aug/01", "2019-08-01"),
            ("2019-Aug-01", "2019-08-01"),
            ("2019/01/aug", "2019-08-01"),
            ("September-2020-23", "2020-09-23"),
            ("23-2020-September", "2020-09-23"),
        ],
    },
    DateRule {
        name: "week_of_month",
        find: week_of_month_rule,
        examples: &[("It happened in the first week of October.", "2019-W40")],
    },
    DateRule {
        name: "on_dotted",
        find: on_dotted_rule,
        examples: &[("We met on 5.12.", "2019-05-12")],
    },
    DateRule {
        name: "numeric",
        find: numeric_rule,
        examples: &[
            ("5/17/2018", "2018-05-17"),
            ("He left on 11/12.", "2019-11-12"),
        ],
    },
    DateRule {
        name: "month_day",
        find: month_day_rule,
        examples: &[
            ("June 3, 2022", "2022-06-03"),
            ("He said it on Oct. 31.", "2019-10-31"),
        ],
    },
    DateRule {
        name: "day_month",
        find: day_month_rule,
        examples: &[
            ("3 June 2022", "2022-06-03"),
            ("the second of Aug", "2019-08-02"),
        ],
    },
    DateRule {
        name: "month_year",
        find: month_year_rule,
        examples: &[("March 2019", "2019-03"), ("March of 2019", "2019-03")],
    },
    DateRule {
        name: "year",
        find: year_rule,
        examples: &[
            ("in 2019", "2019"),
            ("the end of 2020", "2020"),
            ("mid-2018", "2018"),
        ],
    },
    DateRule {
        name: "bare_month",
        find: bare_month_rule,
        examples: &[
            ("It rained in August.", "2019-08"),
            ("The vote is due next March.", "2020-03"),
        ],
    },
];

/// Dates that carry their own day or month ("June 3, 2022", "in March", "2019").
fn explicit_dates(text: &str, reference: Option<NaiveDate>, on: &Triggers, all: &mut Vec<Found>) {
    let scan = Scan {
        text,
        reference,
        on,
    };
    for rule in EXPLICIT_RULES {
        (rule.find)(&scan, all);
    }
}

fn iso_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let w = &s.on.windows;
    let on = s.on;
    let bytes = text.as_bytes();
    for c in captures_in(&ISO, text, w, on.year_digits) {
        let whole = c.get(0).unwrap();
        if whole.start() > 0 && bytes[whole.start() - 1].is_ascii_digit() {
            continue;
        }
        let year: i32 = c[1].parse().unwrap_or(0);
        let (month, day) = match (c.get(3), c.get(5), c.get(6), c.get(7)) {
            (Some(m), Some(d), _, _) => {
                if c.get(2).map(|s| s.as_str()) != c.get(4).map(|s| s.as_str()) {
                    continue;
                }
                (
                    m.as_str().parse().unwrap_or(0),
                    d.as_str().parse().unwrap_or(0),
                )
            }
            (_, _, Some(m), Some(d)) => (
                m.as_str().parse().unwrap_or(0),
                d.as_str().parse().unwrap_or(0),
            ),
            _ => continue,
        };
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            all.push(found(whole.start(), whole.end(), ymd(date), true));
        }
    }
}

/// The capture groups of a year, a month name and a day in one order: "2019/aug/01" and
/// "2019/01/aug" in `YEAR_MONTH_NAME_DAY`, "September-2020-23" and "23-2020-September" in
/// `MONTH_YEAR_DAY`, one alternative each.
const YEAR_FIRST: [[usize; 3]; 2] = [[1, 2, 3], [4, 6, 5]];
const YEAR_BETWEEN: [[usize; 3]; 2] = [[2, 1, 3], [5, 6, 4]];

/// A year, a month name and a day in any of the four orders written: each order is one
/// alternative of a pattern, read through the groups that hold its parts.
fn year_month_name_day_rule(s: &Scan, all: &mut Vec<Found>) {
    let on = s.on;
    let month_word = on.has(triggers::MONTH);
    let patterns = [
        (&*YEAR_MONTH_NAME_DAY, on.year_digits, YEAR_FIRST),
        (&*MONTH_YEAR_DAY, on.hyphened_year, YEAR_BETWEEN),
    ];
    for (pattern, gate, orders) in patterns {
        for c in captures_in(pattern, s.text, &on.windows, gate && month_word) {
            let Some([year, month, day]) = orders.into_iter().find(|[y, _, _]| c.get(*y).is_some())
            else {
                continue;
            };
            let whole = c.get(0).unwrap();
            if let (Ok(y), Some(m), Ok(d)) =
                (c[year].parse(), month_from(&c[month]), c[day].parse())
                && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
            {
                all.push(found(whole.start(), whole.end(), ymd(date), true));
            }
        }
    }
}

fn week_of_month_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let month = s.on.has(triggers::MONTH);
    let reference = s.reference;
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(
        &WEEK_OF_MONTH,
        text,
        w,
        month && on.has(triggers::RELATIVE) && text.contains("eek of"),
    ) {
        let whole = c.get(0).unwrap();
        let Some(month) = month_from(&c[2]) else {
            continue;
        };
        let year = match (c.get(3), reference) {
            (Some(y), _) => y.as_str().parse().unwrap_or(0),
            (None, Some(r)) => month_year_for(month, r, tense_at(text, whole.start(), whole.end())),
            (None, None) => continue,
        };
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        let day = match c[1].to_ascii_lowercase().as_str() {
            // The week that holds most of the month's last seven days.
            "last" => first
                .checked_add_months(Months::new(1))
                .map(|next| next - Duration::days(4)),
            ordinal => {
                let n = match ordinal.as_bytes()[0] {
                    b'1' | b'f' if ordinal != "fourth" => 0,
                    b'2' | b's' => 1,
                    b'3' | b't' => 2,
                    _ => 3,
                };
                Some(first + Duration::days(7 * n))
            }
        };
        if let Some(day) = day {
            // The period belongs to an abbreviated month ("Oct."), not to "March.".
            let mut end = whole.end();
            if whole.as_str().ends_with('.') && c[2].len() > 4 {
                end -= 1;
            }
            all.push(found(whole.start(), end, iso_week(day), true));
        }
    }
}

fn on_dotted_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let reference = s.reference;
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(&ON_DOTTED, text, w, on.dotted) {
        let whole = c.get(0).unwrap();
        let after = &text[whole.end()..];
        let clause_ends = after.trim_start().is_empty()
            || (after.starts_with(['.', ',', ';', '!', '?'])
                && !after[1..].starts_with(|ch: char| ch.is_ascii_digit()));
        let Some(reference) = reference else { continue };
        if !clause_ends {
            continue;
        }
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[2].parse().unwrap_or(0);
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        let tense = tense_at(text, whole.start(), whole.end());
        if let Some(date) = month_day_year(month, day, reference, tense) {
            let start = c.get(1).map_or(whole.start(), |m| m.start());
            all.push(found(start, whole.end(), ymd(date), true));
        }
    }
}

fn numeric_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let reference = s.reference;
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(&NUMERIC, text, w, on.slash) {
        let whole = c.get(0).unwrap();
        if s.glued(whole.start(), whole.end())
            || text[whole.end()..].starts_with(['/', '-'])
            || text[..whole.start()].ends_with(['/', '-', '.', ','])
        {
            continue;
        }
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[2].parse().unwrap_or(0);
        // US order (month/day), unless the first number cannot be a month.
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        match c.get(3) {
            Some(y) => {
                if let Some(year) = parse_year(y.as_str())
                    && let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
                {
                    all.push(found(whole.start(), whole.end(), ymd(date), true));
                }
            }
            None => {
                // "3/4" and "7/32" are fractions; a month/day pair needs a real date and a
                // denominator that fractions rarely use.
                let fraction_like = a < b && matches!(b, 2 | 3 | 4 | 8 | 16 | 32 | 64);
                if fraction_like || day > 31 {
                    continue;
                }
                let Some(reference) = reference else { continue };
                let tense = tense_at(text, whole.start(), whole.end());
                // "this 5/12": this year's, whichever side of the reference it falls.
                let tail = lower_tail(text, whole.start());
                let tail = tail.trim_end();
                let this_year = (tail == "this" || tail.ends_with(" this"))
                    .then(|| NaiveDate::from_ymd_opt(reference.year(), month, day))
                    .flatten();
                if let Some(date) =
                    this_year.or_else(|| month_day_year(month, day, reference, tense))
                {
                    all.push(found(whole.start(), whole.end(), ymd(date), true));
                }
            }
        }
    }
}

fn month_day_rule(s: &Scan, all: &mut Vec<Found>) {
    static READ_AS_VERBS: LazyLock<lexicon::WordSet> =
        LazyLock::new(|| lexicon::WordSet::of(&lexicon::MONTHS_READ_AS_VERBS));
    let text = s.text;
    let month = s.on.has(triggers::MONTH);
    let reference = s.reference;
    let w = &s.on.windows;
    let numeric = s.numeric();
    for (shift, c) in captures_at_starts(&MONTH_DAY, text, w, month && numeric, month_may_start) {
        let whole = c.get(0).unwrap();
        let (whole_start, whole_end) = (shift + whole.start(), shift + whole.end());
        let month_text = &c[1];
        // "may" and "march" in lower case are usually verbs.
        if READ_AS_VERBS.contains(month_text) && c.get(3).is_none() {
            let day_is_word = !c[2].starts_with(|ch: char| ch.is_ascii_digit());
            if day_is_word || month_text == "may" {
                continue;
            }
        }
        let Some(month) = month_from(month_text) else {
            continue;
        };
        let Some(day) = parse_day(&c[2]) else {
            continue;
        };
        if day == 0 || day > 31 {
            continue;
        }
        let mut end = whole_end;
        let date = match c.get(3) {
            Some(y) => parse_year(y.as_str()).and_then(|y| NaiveDate::from_ymd_opt(y, month, day)),
            None => match (spelled_year_after(text, end), reference) {
                (Some((year, year_end)), _) => {
                    end = year_end;
                    NaiveDate::from_ymd_opt(year, month, day)
                }
                (None, Some(r)) => {
                    month_day_year(month, day, r, tense_at(text, whole_start, whole_end))
                }
                (None, None) => None,
            },
        };
        if let Some(date) = date {
            all.push(found(whole_start, end, ymd(date), true));
        }
    }
}

fn day_month_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let month = s.on.has(triggers::MONTH);
    let reference = s.reference;
    let w = &s.on.windows;
    let numeric = s.numeric();
    for c in captures_in(&DAY_MONTH, text, w, month && numeric) {
        let whole = c.get(0).unwrap();
        let month_text = &c[2];
        if month_text == "may" || month_text == "mar" || month_text == "march" {
            continue;
        }
        let Some(month) = month_from(month_text) else {
            continue;
        };
        let Some(day) = parse_day(&c[1]) else {
            continue;
        };
        if day == 0 || day > 31 || text[..whole.start()].ends_with(['$', '.', ',']) {
            continue;
        }
        let mut end = whole.end();
        let date = match c.get(3) {
            Some(y) if !y.as_str().starts_with(['\'']) && y.as_str().len() == 2 => {
                // A bare two-digit number after a month is only a year after "of" ("of 87").
                if whole.as_str().to_ascii_lowercase().contains(" of ") {
                    parse_year(y.as_str()).and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                } else {
                    continue;
                }
            }
            Some(y) => parse_year(y.as_str()).and_then(|y| NaiveDate::from_ymd_opt(y, month, day)),
            None => match (spelled_year_after(text, end), reference) {
                (Some((year, year_end)), _) => {
                    end = year_end;
                    NaiveDate::from_ymd_opt(year, month, day)
                }
                (None, Some(r)) => {
                    month_day_year(month, day, r, tense_at(text, whole.start(), whole.end()))
                }
                (None, None) => None,
            },
        };
        if let Some(date) = date {
            all.push(found(whole.start(), end, ymd(date), true));
        }
    }
}

fn month_year_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let month = s.on.has(triggers::MONTH);
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(&MONTH_YEAR, text, w, month && on.year_digits) {
        let whole = c.get(0).unwrap();
        if c[1].eq_ignore_ascii_case("may") && !c[1].starts_with('M') {
            continue;
        }
        if let (Some(month), Ok(year)) = (month_from(&c[1]), c[2].parse::<i32>()) {
            all.push(found(
                whole.start(),
                whole.end(),
                When::Month { year, month },
                true,
            ));
        }
    }
}

fn year_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(&YEAR, text, w, on.year_digits) {
        let whole = c.get(0).unwrap();
        let year_match = c.get(2).unwrap();
        if s.glued(year_match.start(), year_match.end())
            || !is_year_context(text, year_match.start(), year_match.end())
        {
            continue;
        }
        all.push(found(
            whole.start(),
            whole.end(),
            When::Year(year_match.as_str().parse().unwrap_or_default()),
            true,
        ));
    }
}

fn bare_month_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let month = s.on.has(triggers::MONTH);
    let reference = s.reference;
    let w = &s.on.windows;
    if let Some(reference) = reference {
        for c in captures_in(&BARE_MONTH, text, w, month) {
            let whole = c.get(0).unwrap();
            let name = c.get(2).unwrap();
            let modifier = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
            // "May" and "March" are words too: only with a date word before them.
            if matches!(name.as_str(), "May" | "March") && modifier.is_none() {
                continue;
            }
            let Some(month) = month_from(name.as_str()) else {
                continue;
            };
            let tense = || tense_at(text, whole.start(), whole.end());
            let (from_name, year) = bare_month_year(month, modifier.as_deref(), reference, tense);
            let start = if from_name {
                name.start()
            } else {
                whole.start()
            };
            all.push(Found {
                start,
                end: name.end(),
                value: Period::At(When::Month { year, month }),
                explicit: false,
                offset_unit: 0,
            });
        }
    }
}

/// The year of a month named without one, from the word before it ("last March", "next
/// May") or else the clause's tense, and whether the date starts at the name (after a
/// preposition, which is no part of the date).
fn bare_month_year(
    month: u32,
    modifier: Option<&str>,
    reference: NaiveDate,
    tense: impl FnOnce() -> Tense,
) -> (bool, i32) {
    static PREPOSITIONS: LazyLock<lexicon::WordSet> =
        LazyLock::new(|| lexicon::WordSet::of(&lexicon::MONTH_PREPOSITIONS));
    match modifier {
        Some("last") => (
            false,
            if month < reference.month() {
                reference.year()
            } else {
                reference.year() - 1
            },
        ),
        Some("next") => (
            false,
            if month > reference.month() {
                reference.year()
            } else {
                reference.year() + 1
            },
        ),
        Some("this") => (false, reference.year()),
        Some(m) if PREPOSITIONS.contains(m) => (true, month_year_for(month, reference, tense())),
        _ => (false, month_year_for(month, reference, tense())),
    }
}

/// A four-digit number is a year unless it counts something or is money.
fn is_year_context(text: &str, start: usize, end: usize) -> bool {
    static WORDS: LazyLock<Vec<Vec<&str>>> =
        LazyLock::new(|| lexicon::YEAR_CONTEXT_WORDS.lines().collect());
    let before = text[..start].trim_end();
    let before_lower = lower_tail(before, before.len());
    if before.ends_with(['$', '€', '£', '#']) || before_lower.ends_with("no.") {
        return false;
    }
    if text[..start].ends_with('-') && !before_lower.ends_with("mid-") {
        // "Covid-2019"-like names; "mid-2019" is a date.
        let word_before = before.trim_end_matches('-');
        if word_before.ends_with(|c: char| c.is_ascii_alphabetic())
            && !lower_tail(word_before, word_before.len()).ends_with("mid")
        {
            return false;
        }
    }
    let after = text[end..].trim_start();
    if after.starts_with(['%', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let next: String = after
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    if WORDS[0].contains(&next.as_str()) {
        return false;
    }
    // "2000 troops": a plural noun after the number counts things.
    if next.len() > 3
        && next.ends_with('s')
        && !WORDS[1].contains(&next.as_str())
        && text[end..].starts_with(' ')
    {
        return false;
    }
    true
}

/// The rules of dates that need the reference date, in the order they run.
const RELATIVE_RULES: &[DateRule] = &[
    DateRule {
        name: "weekday",
        find: weekday_rule,
        examples: &[
            ("He spoke on Tuesday.", "2019-11-19"),
            ("The vote will be held next Friday.", "2019-11-29"),
        ],
    },
    DateRule {
        name: "weekday_day",
        find: weekday_day_rule,
        examples: &[("The match is on Thursday 21.", "2019-11-21")],
    },
    DateRule {
        name: "relative",
        find: relative_rule,
        examples: &[
            ("yesterday", "2019-11-19"),
            ("last week", "2019-W46"),
            ("later this month", "2019-11"),
        ],
    },
    DateRule {
        name: "to_date",
        find: to_date_rule,
        examples: &[
            ("Shares are up about 40% year to date.", "2019"),
            ("The stock is down 20% in the year to date.", "2019"),
            ("month-to-date sales", "2019-11"),
        ],
    },
    DateRule {
        name: "offset",
        find: offset_rule,
        examples: &[
            ("two days ago", "2019-11-18"),
            ("The plant closed four years ago.", "2015"),
        ],
    },
    DateRule {
        name: "compound",
        find: compound_rule,
        examples: &[("a year and two months ago", "2018-09-20")],
    },
    DateRule {
        name: "the_nth",
        find: the_nth_rule,
        examples: &[("It starts on the 28th.", "2019-11-28")],
    },
];

/// Dates that need the reference date: weekdays, "last week", "yesterday", "two days ago".
fn relative_dates(text: &str, reference: NaiveDate, on: &Triggers, all: &mut Vec<Found>) {
    let scan = Scan {
        text,
        reference: Some(reference),
        on,
    };
    for rule in RELATIVE_RULES {
        (rule.find)(&scan, all);
    }
}

fn weekday_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let Some(reference) = s.reference else { return };
    let w = &s.on.windows;
    let weekday = s.on.has(triggers::WEEKDAY);
    for c in captures_in(&WEEKDAY_RE, text, w, weekday) {
        let whole = c.get(0).unwrap();
        let name = c.get(3).unwrap().as_str();
        let full_name = name.len() > 4;
        if !reads_as_a_weekday(text, &c) {
            continue;
        }
        let Some(weekday) = weekday_from(name) else {
            continue;
        };
        let before_mod = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
        let week_mod = c
            .get(2)
            .or_else(|| c.get(4))
            .map(|m| m.as_str().to_ascii_lowercase());
        let tense = || tense_at(text, whole.start(), whole.end());
        let date = weekday_date(
            reference,
            weekday,
            before_mod.as_deref(),
            week_mod.as_deref(),
            tense,
        );
        // The period after a full name ends the sentence ("on Friday."); after "Fri." it is
        // the abbreviation's.
        let name_end = c.get(3).unwrap().end();
        let end = if full_name && whole.end() == name_end + 1 {
            name_end
        } else {
            whole.end()
        };
        all.push(found(whole.start(), end, ymd(date), false));
    }
}

/// Whether a `WEEKDAY_RE` match names a day. Abbreviations ("Sun", "Sat", "Wed") are words
/// too: only capitalised and with "on" or a week phrase before them. A full name is
/// capitalised or all lower case ("FrIdAy" is no day).
fn reads_as_a_weekday(text: &str, c: &Captures) -> bool {
    let name = c.get(3).unwrap().as_str();
    let capital = name.starts_with(|ch: char| ch.is_ascii_uppercase());
    if name.len() > 4 {
        return capital || name == name.to_ascii_lowercase();
    }
    let tail = lower_tail(text, c.get(0).unwrap().start());
    let on_before = tail.trim_end().ends_with(" on") || tail.trim_end().ends_with("or");
    capital && (on_before || c.get(2).is_some() || c.get(1).is_some())
}

/// The day a weekday names, from the words before it ("last", "this coming"), the week phrase
/// around it ("next week Monday", "Friday of last week"), or else the clause's tense.
fn weekday_date(
    reference: NaiveDate,
    weekday: Weekday,
    before_mod: Option<&str>,
    week_mod: Option<&str>,
    tense: impl FnOnce() -> Tense,
) -> NaiveDate {
    match (before_mod, week_mod) {
        (_, Some(w)) if w.starts_with("next") || w.contains("following") => {
            day_in_week(reference + Duration::days(7), weekday)
        }
        (_, Some(w)) if w.starts_with("last") || w.starts_with("previous") => {
            day_in_week(reference - Duration::days(7), weekday)
        }
        (_, Some(_)) => day_in_week(reference, weekday),
        (Some(m), None) if m.starts_with("last") || m.starts_with("previous") => {
            day_in_week(reference - Duration::days(7), weekday)
        }
        (Some(m), None) if m.starts_with("next") || m.starts_with("following") => {
            day_in_week(reference + Duration::days(7), weekday)
        }
        (Some(m), None) if m.contains("past") => {
            nearest_weekday(reference - Duration::days(1), weekday, -1)
        }
        (Some(m), None) if m.contains("coming") || m.contains("upcoming") => {
            nearest_weekday(reference + Duration::days(1), weekday, 1)
        }
        (Some(_), None) => day_in_week(reference, weekday),
        (None, None) => {
            let step = if tense() == Tense::Future { 1 } else { -1 };
            nearest_weekday(reference, weekday, step)
        }
    }
}

/// The first `weekday` from `from` on, stepping a day at a time forward (1) or back (-1).
fn nearest_weekday(from: NaiveDate, weekday: Weekday, step: i64) -> NaiveDate {
    let mut d = from;
    while d.weekday() != weekday {
        d += Duration::days(step);
    }
    d
}

fn weekday_day_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let Some(reference) = s.reference else { return };
    let w = &s.on.windows;
    let numeric = s.numeric();
    let weekday = s.on.has(triggers::WEEKDAY);
    for c in captures_in(&WEEKDAY_DAY, text, w, weekday && numeric) {
        let whole = c.get(0).unwrap();
        let Some(weekday) = weekday_from(&c[1]) else {
            continue;
        };
        let Some(first) = parse_day(&c[2]) else {
            continue;
        };
        // "Sunday 3 weeks after ...": the number counts an offset, not the day of the month.
        if starts_with_offset_unit(&text[whole.end()..]) {
            continue;
        }
        if let Some(second) = c.get(3) {
            // "Friday 7/6": month and day after the weekday.
            let day: u32 = second.as_str().parse().unwrap_or(0);
            if let Some(date) = month_day_year(first, day, reference, Tense::Neutral) {
                all.push(found(whole.start(), whole.end(), ymd(date), true));
            }
            continue;
        }
        if first == 0 || first > 31 {
            continue;
        }
        if let Some(date) = day_on_weekday(reference, first, weekday) {
            all.push(found(whole.start(), whole.end(), ymd(date), true));
        }
    }
}

/// Whether `rest` opens with an offset's unit ("weeks after ...").
fn starts_with_offset_unit(rest: &str) -> bool {
    let next_word = rest.trim_start().as_bytes();
    lexicon::OFFSET_UNITS.words().any(|unit| {
        next_word.len() >= unit.len()
            && next_word[..unit.len()].eq_ignore_ascii_case(unit.as_bytes())
    })
}

/// Day `day` of the month nearest the reference (this one first, then back) where it falls on
/// `weekday`: "Thursday 21".
fn day_on_weekday(reference: NaiveDate, day: u32, weekday: Weekday) -> Option<NaiveDate> {
    let this_month = NaiveDate::from_ymd_opt(reference.year(), reference.month(), day);
    this_month.filter(|d| d.weekday() == weekday).or_else(|| {
        (1..30).find_map(|k| {
            let month_start = NaiveDate::from_ymd_opt(reference.year(), reference.month(), 1)?
                .checked_sub_months(Months::new(k))?;
            NaiveDate::from_ymd_opt(month_start.year(), month_start.month(), day)
                .filter(|d| d.weekday() == weekday)
        })
    })
}

fn relative_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let Some(reference) = s.reference else { return };
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(&RELATIVE, text, w, on.has(triggers::RELATIVE)) {
        let whole = c.get(0).unwrap();
        let value = if let Some(word) = c.get(1) {
            let offset = day_word_offset(word.as_str());
            Period::At(ymd(reference + Duration::days(offset)))
        } else if c.get(5).is_some() {
            weekend(reference, tense_at(text, whole.start(), whole.end()), None)
        } else {
            let which = c[3].to_ascii_lowercase();
            let unit = c[4].to_ascii_lowercase();
            if which == "past" && unit != "weekend" {
                // "in the past month" is a window, not a date.
                continue;
            }
            let step: i32 = match which.as_str() {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            let Some(period) = period_counted(reference, step, &unit) else {
                continue;
            };
            period
        };
        all.push(period_found(&whole, value));
    }
}

fn to_date_rule(s: &Scan, all: &mut Vec<Found>) {
    let Some(reference) = s.reference else { return };
    // One substring search first: most sentences with a period word have no "date".
    let on = s.on.has(triggers::RELATIVE) && s.text.contains("date");
    for c in captures_in(&TO_DATE, s.text, &s.on.windows, on) {
        let whole = c.get(0).unwrap();
        let unit = c[1].to_ascii_lowercase();
        if let Some(value) = period_counted(reference, 0, &unit) {
            all.push(period_found(&whole, value));
        }
    }
}

/// The week, month, year, weekend or season `step` of them from the reference date's
/// ("last month" is -1, "this summer" 0).
fn period_counted(reference: NaiveDate, step: i32, unit: &str) -> Option<Period> {
    let period = match unit {
        "week" => Period::At(iso_week(reference + Duration::days(7 * step as i64))),
        "month" => {
            let first = NaiveDate::from_ymd_opt(reference.year(), reference.month(), 1)
                .unwrap_or(reference);
            let date = if step < 0 {
                first.checked_sub_months(Months::new(1))
            } else {
                first.checked_add_months(Months::new(step as u32))
            };
            let date = date?;
            Period::At(When::month_of(date))
        }
        "year" => Period::At(When::Year(reference.year() + step)),
        "weekend" => weekend(reference, Tense::Neutral, Some(step)),
        season => {
            // The year of the most recent (or next) such season.
            let season_month = match season {
                "spring" => 3,
                "summer" => 6,
                "winter" => 12,
                _ => 9,
            };
            let year = match step {
                -1 if reference.month() > season_month + 2 => reference.year(),
                -1 => reference.year() - 1,
                1 if reference.month() < season_month => reference.year(),
                1 => reference.year() + 1,
                _ => reference.year(),
            };
            Period::At(When::Year(year))
        }
    };
    Some(period)
}

fn offset_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let Some(reference) = s.reference else { return };
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(
        &OFFSET,
        text,
        w,
        on.has(triggers::RELATIVE | triggers::SPAN),
    ) {
        let whole = c.get(0).unwrap();
        let has_in = c.get(1).is_some();
        // "in a fortnight's time" is always ahead.
        let time = c.get(4).is_some();
        let tail = c.get(5).map(|m| m.as_str().to_ascii_lowercase());
        if !has_in && tail.is_none() {
            continue;
        }
        // "in 3 years" is a date only when the clause is about the future; in reported news
        // it is usually a span ("the biggest drop in 3 years").
        if has_in
            && tail.is_none()
            && !time
            && (tense_at(text, whole.start(), whole.end()) != Tense::Future
                || after_a_record(text, whole.start()))
        {
            continue;
        }
        let count = count_word(&c[2]);
        let (anchor, sign) = offset_anchor(reference, tail.as_deref());
        let unit = c[3].to_ascii_lowercase();
        let date = shift(anchor, &unit, sign * count);
        // "a year ago", "four years ago": as precise as the sentence is, a year.
        let value = |date: NaiveDate| {
            if unit == "year" && tail.as_deref() == Some("ago") {
                When::Year(date.year())
            } else {
                ymd(date)
            }
        };
        if let Some(date) = date {
            all.push(Found {
                offset_unit: unit_letter(&unit),
                ..found(whole.start(), whole.end(), value(date), false)
            });
        }
    }
}

/// Whether the clause before `at` names a record or an occasion ("for the first time in 25
/// years", "their highest in two years"): "in 25 years" then measures how long since. The
/// words of the 40 bytes before it are read, as far back as a comma.
fn after_a_record(text: &str, at: usize) -> bool {
    static RECORD: LazyLock<lexicon::WordSet> =
        LazyLock::new(|| lexicon::WordSet::of(&lexicon::RECORD_WORDS));
    let before = &text[floor_char(text, at.saturating_sub(40))..at];
    let clause = before.rsplit([',', ';']).next().unwrap_or(before);
    clause
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| !word.is_empty() && RECORD.contains(&word.to_ascii_lowercase()))
}

/// The day an offset counts from and its direction, from the words after it: "ago" back from
/// the reference date, "before yesterday" back from yesterday, "from tomorrow" on from it.
fn offset_anchor(reference: NaiveDate, tail: Option<&str>) -> (NaiveDate, i64) {
    match tail {
        Some("ago") => (reference, -1),
        Some(t) if t.ends_with("tomorrow") || t.ends_with("tmrw") => {
            (reference + Duration::days(1), 1)
        }
        Some(t) if t.starts_with("before") && t.ends_with("yesterday") => {
            (reference - Duration::days(1), -1)
        }
        Some(t) if t.starts_with("before") => (reference, -1),
        _ => (reference, 1),
    }
}

fn compound_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let Some(reference) = s.reference else { return };
    let w = &s.on.windows;
    // Most offsets have one unit: look for several only where an ending word is present.
    let compound = s.on.has(triggers::SPAN)
        && (text.contains("ago") || text.contains("later") || text.contains(" now"));
    for c in captures_in(&COMPOUND, text, w, compound) {
        let whole = c.get(0).unwrap();
        let sign = if c[2].eq_ignore_ascii_case("ago") {
            -1
        } else {
            1
        };
        let mut date = Some(reference);
        let mut words = c[1]
            .split(|ch: char| ch.is_ascii_whitespace() || ch == ',')
            .filter(|word| !word.is_empty() && !word.eq_ignore_ascii_case("and"));
        let mut last_unit = 0;
        while let (Some(count), Some(unit)) = (words.next(), words.next()) {
            let unit = unit.to_ascii_lowercase();
            let unit = unit.trim_end_matches('s');
            last_unit = unit_letter(unit);
            date = date.and_then(|d| shift(d, unit, sign * count_word(count)));
        }
        if let Some(date) = date {
            all.push(Found {
                offset_unit: last_unit,
                ..found(whole.start(), whole.end(), ymd(date), false)
            });
        }
    }
}

fn the_nth_rule(s: &Scan, all: &mut Vec<Found>) {
    let text = s.text;
    let Some(reference) = s.reference else { return };
    let w = &s.on.windows;
    let on = s.on;
    for c in captures_in(&THE_NTH, text, w, on.ordinal_digits) {
        let whole = c.get(0).unwrap();
        let day: u32 = c[1].parse().unwrap_or(0);
        // "since the 14th century": a rank of centuries, not a day of this month.
        let next = text[whole.end()..].trim_start_matches([' ', '-']);
        if next
            .get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case("century"))
            || next
                .get(..9)
                .is_some_and(|w| w.eq_ignore_ascii_case("centuries"))
        {
            continue;
        }
        let this_month = NaiveDate::from_ymd_opt(reference.year(), reference.month(), day);
        if let Some(date) = this_month {
            let start = whole.start() + whole.as_str().find("the").unwrap_or(0);
            all.push(found(start, whole.end(), ymd(date), false));
        }
    }
}

/// "3 days after January 12th", "two months after next Friday", "2 weeks before Christmas":
/// an offset stated before a resolved day moves that day and takes in the offset's words.
static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i-u)\b({COUNT}|\d{1,3})\s+(day|week|month|year|fortnight)s?\s+(after|before|from)\s+(?:the\s+)?$",
    )
});

fn chain_offsets(text: &str, kept: &mut [Found]) {
    let mut previous_end = 0;
    for f in kept.iter_mut() {
        let floor = previous_end;
        previous_end = f.end;
        let Some(date) = f.value.when().and_then(When::day) else {
            continue;
        };
        // Only a short stretch before the date can hold the offset.
        // It may not reach into the date before (kept dates never overlap).
        let from = floor_char(text, f.start.saturating_sub(40)).max(floor);
        let Some(c) = CHAIN.captures(&text[from..f.start]) else {
            continue;
        };
        let count = count_word(&c[1]);
        let sign = if c[3].eq_ignore_ascii_case("before") {
            -1
        } else {
            1
        };
        let Some(moved) = shift(date, &c[2].to_ascii_lowercase(), sign * count) else {
            continue;
        };
        f.start = from + c.get(0).map_or(0, |m| m.start());
        f.value = Period::At(ymd(moved));
        f.offset_unit = unit_letter(&c[2]);
    }
}

fn count_word(word: &str) -> i64 {
    let lower = word.to_ascii_lowercase();
    if lower == "a" || lower == "an" {
        return 1;
    }
    match lexicon::number_word(&lower) {
        Some(lexicon::NumberWord::Unit(n)) => i64::from(n),
        _ => lower.parse().unwrap_or(0),
    }
}

/// `date` moved by `count` units (negative for earlier).
fn shift(date: NaiveDate, unit: &str, count: i64) -> Option<NaiveDate> {
    match unit {
        "day" => date.checked_add_signed(Duration::days(count)),
        "week" => date.checked_add_signed(Duration::days(7 * count)),
        "fortnight" => date.checked_add_signed(Duration::days(14 * count)),
        "month" => shift_months(date, count),
        _ => shift_months(date, 12 * count),
    }
}

/// A year spelled out after a day and month: "nineteen eighty six", "nineteen hundred ninety
/// three", "seventeen hundred thirty three", "two thousand and thirty two". Returns the year
/// and where it ends.
fn spelled_year_after(text: &str, at: usize) -> Option<(i32, usize)> {
    let words = words_up_to_a_stop(text, at);
    let first = small_number(&words.first()?.0)?;
    let (year, used) = if first == 2 && words.get(1)?.0 == "thousand" {
        match below_hundred(&words, skip_and(&words, 2)) {
            Some((t, used)) if t < 100 => (2000 + t, used),
            _ => (2000, 2),
        }
    } else if (10..=20).contains(&first) {
        if words.get(1)?.0 == "hundred" {
            match below_hundred(&words, skip_and(&words, 2)) {
                Some((t, used)) if t < 100 => (first * 100 + t, used),
                _ => (first * 100, 2),
            }
        } else {
            let (t, used) = below_hundred(&words, 1)?;
            if !(10..100).contains(&t) && words[1].0 != "oh" {
                return None;
            }
            (first * 100 + t, used)
        }
    } else {
        return None;
    };
    Some((year, words[used - 1].1))
}

/// The words of letters from `at`, lower-cased, each with where it ends, up to six: a year
/// spelled out is no longer. A comma or a sentence stop ends them ("nineteen eighty six." ends
/// the sentence with the year: the stop is no part of it).
fn words_up_to_a_stop(text: &str, at: usize) -> Vec<(String, usize)> {
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut offset = 0;
    for piece in text[at..].split_inclusive([' ', '-', ',']) {
        let piece_len = piece.len();
        let (piece, last) = match piece.find(['.', '!', '?', ';', ':', '\n']) {
            Some(stop) => (&piece[..stop], true),
            None => (piece, false),
        };
        let word = piece.trim_end_matches([' ', '-', ',']);
        let word_end = at + offset + word.len();
        offset += piece_len;
        if word.is_empty() {
            if words.is_empty() && !last {
                continue;
            }
            break;
        }
        if !word.bytes().all(|b| b.is_ascii_alphabetic()) || words.len() == 6 {
            break;
        }
        words.push((word.to_ascii_lowercase(), word_end));
        if piece.ends_with(',') || last {
            break;
        }
    }
    words
}

/// A unit or tens word's value: "six" is 6, "eighty" 80; "hundred" is none.
fn small_number(word: &str) -> Option<i32> {
    match lexicon::number_word(word)? {
        lexicon::NumberWord::Unit(n) | lexicon::NumberWord::Tens(n) => Some(n as i32),
        _ => None,
    }
}

/// The part of a spelled year below a hundred from word `from`: "eighty six", "seventy",
/// "thirteen", "oh five"; with the index of the word after it.
fn below_hundred(words: &[(String, usize)], from: usize) -> Option<(i32, usize)> {
    let first = words.get(from)?;
    if first.0 == "oh" {
        let unit = small_number(&words.get(from + 1)?.0).filter(|u| (1..10).contains(u))?;
        return Some((unit, from + 2));
    }
    let value = small_number(&first.0)?;
    if value >= 20
        && let Some(unit) = words.get(from + 1).and_then(|w| small_number(&w.0))
        && (1..10).contains(&unit)
    {
        return Some((value + unit, from + 2));
    }
    Some((value, from + 1))
}

/// "two thousand and thirty two": the "and" after a scale word is no part of the number.
fn skip_and(words: &[(String, usize)], i: usize) -> usize {
    if words.get(i).is_some_and(|w| w.0 == "and") {
        i + 1
    } else {
        i
    }
}

/// Days named rather than numbered: holidays, "for the day", "the day before", "the 15th day of
/// next month".
fn holidays(text: &str, reference: NaiveDate, on: &Triggers, all: &mut Vec<Found>) {
    named_days::named_days(text, reference, on, all);
    if on.has(triggers::DAY) {
        the_day_alone(text, reference, on, all);
        day_of_month(text, reference, on, all);
    }
}

/// "closed for the day." is the day of the report; "the day before" / "the day after" with
/// nothing after them, the day next to it.
fn the_day_alone(text: &str, reference: NaiveDate, on: &Triggers, all: &mut Vec<Found>) {
    let ends_clause = |end: usize| {
        !text[end..]
            .trim_start()
            .starts_with(|ch: char| ch.is_alphanumeric())
    };
    for c in captures_in(&FOR_THE_DAY, text, &on.windows, true) {
        let (whole, the) = (c.get(0).unwrap(), c.get(1).unwrap());
        if ends_clause(whole.end()) {
            all.push(found(the.start(), the.end(), ymd(reference), false));
        }
    }
    for c in captures_in(&DAY_BEFORE_AFTER, text, &on.windows, true) {
        let whole = c.get(0).unwrap();
        if !ends_clause(whole.end()) {
            continue;
        }
        let step = if c[1].eq_ignore_ascii_case("before") {
            -1
        } else {
            1
        };
        all.push(found(
            whole.start(),
            whole.end(),
            ymd(reference + Duration::days(step)),
            false,
        ));
    }
}

/// "the 15th day of next month", "the twenty third day of September".
fn day_of_month(text: &str, reference: NaiveDate, on: &Triggers, all: &mut Vec<Found>) {
    for c in captures_in(&DAY_OF, text, &on.windows, true) {
        let whole = c.get(0).unwrap();
        let Some(day) = parse_day(&c[1]) else {
            continue;
        };
        let date = if let Some(which) = c.get(2) {
            let first = NaiveDate::from_ymd_opt(reference.year(), reference.month(), 1);
            let step = match which.as_str().to_ascii_lowercase().as_str() {
                "next" => 1,
                "last" => -1,
                _ => 0,
            };
            first
                .and_then(|f| shift_months(f, step))
                .and_then(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), day))
        } else {
            month_from(&c[3]).and_then(|month| {
                month_day_year(
                    month,
                    day,
                    reference,
                    tense_at(text, whole.start(), whole.end()),
                )
            })
        };
        if let Some(date) = date {
            all.push(found(whole.start(), whole.end(), ymd(date), true));
        }
    }
}

static FOR_THE_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i-u)\bfor\s+(the\s+day)\b"));

static DAY_BEFORE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i-u)\bthe\s+day\s+(before|after)\b"));

static DAY_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i-u)\bthe\s+(\d{{1,2}}(?:st|nd|rd|th)|{})\s+day\s+of\s+(?:(next|last|this)\s+month|{{MONTH}})\b",
        *DAY_WORD_ALT
    ))
});

fn shift_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months as u32))
    } else {
        date.checked_sub_months(Months::new((-months) as u32))
    }
}

/// Saturday and Sunday of the weekend meant: the last one before the reference in past or
/// neutral speech, the next one in the future (or with "next"/"this" when it is ahead).
fn weekend(reference: NaiveDate, tense: Tense, step: Option<i32>) -> Period {
    let this_saturday = day_in_week(reference, Weekday::Sat);
    let saturday = match (step, tense) {
        (Some(1), _) => {
            this_saturday
                + if reference >= this_saturday {
                    Duration::days(7)
                } else {
                    Duration::days(0)
                }
        }
        (Some(0), _) => this_saturday,
        (None, Tense::Future) => this_saturday,
        _ => {
            if reference >= this_saturday {
                this_saturday
            } else {
                this_saturday - Duration::days(7)
            }
        }
    };
    Period::Range(Some(ymd(saturday)), Some(ymd(saturday + Duration::days(1))))
}

/// How many non-empty lines at the top of an article can hold its own date: title, standfirst,
/// byline, date line and dateline paragraph. Further down, a date is an event's.
const HEAD_LINES: usize = 8;
/// And how many bytes at most: one long first line is a body, not a head.
const HEAD_BYTES: usize = 2000;

/// The date the article states about itself, used as the reference date when the caller gives
/// none. Only the first lines count (`HEAD_LINES`), and there only a date that reads as the
/// article's: after "Published", "Updated" or "Posted"; alone on a short line (a date line or
/// byline); or in a dateline ("SEOUL, June 3, 2022 —"). A date deep in the body, in a caption
/// or after "born", "since" or "until" is an event's, and is never taken.
pub fn reference_date_from_text(text: &str) -> Option<NaiveDate> {
    let head = article_head(text);
    let mut explicit = Vec::new();
    explicit_dates(head, None, &Triggers::of(head), &mut explicit);
    explicit.sort_by_key(|f| f.start);
    explicit.into_iter().find_map(|f| {
        let day = f.value.when().and_then(When::day)?;
        let before = lower_tail(head, f.start);
        let context = before.trim_end();
        if ARTICLE_DATE_WORDS[2]
            .iter()
            .any(|w| context.ends_with(w) || context.ends_with(&format!("{w} on")))
        {
            return None;
        }
        is_the_articles_date(head, f.start, f.end).then_some(day)
    })
}

/// `article_date_words.txt` by role: labels, labels with a colon, words of an event's date.
static ARTICLE_DATE_WORDS: LazyLock<Vec<Vec<&str>>> =
    LazyLock::new(|| lexicon::ARTICLE_DATE_WORDS.lines().collect());

/// The first `HEAD_LINES` non-empty lines of `text`, `HEAD_BYTES` at most.
fn article_head(text: &str) -> &str {
    let mut end = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        if end + line.len() > HEAD_BYTES || lines == HEAD_LINES {
            break;
        }
        end += line.len();
        lines += usize::from(!line.trim().is_empty());
    }
    if end == 0 {
        end = ceil_char(text, HEAD_BYTES.min(text.len()));
    }
    &text[..end]
}

/// Does the date at `start..end` of `head` read as the article's own? Rules, each with the
/// examples of `reference_from_text`: a label before it ("Updated Nov. 24, 2026"), a short
/// line of its own ("By Jane Doe | November 19, 2019"), or a dateline's dash after it.
fn is_the_articles_date(head: &str, start: usize, end: usize) -> bool {
    let line_start = head[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = head[end..].find('\n').map_or(head.len(), |i| end + i);
    let before = head[line_start..start].to_ascii_lowercase();
    let labelled = ARTICLE_DATE_WORDS[0]
        .iter()
        .any(|label| before.contains(label))
        || ARTICLE_DATE_WORDS[1]
            .iter()
            .any(|label| before.contains(&format!("{label}:")));
    let short_line = head[line_start..line_end].trim().len() <= 100;
    let after = head[end..line_end].trim_start();
    let dateline = start - line_start <= 60
        && (after.starts_with('—') || after.starts_with('–') || after.starts_with("- "));
    labelled || short_line || dateline
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each date rule finds the value its examples name, on its own, with the reference date
    /// the examples were written for.
    #[test]
    fn date_rules_find_their_examples() {
        let reference = NaiveDate::from_ymd_opt(2019, 11, 20);
        for rule in EXPLICIT_RULES.iter().chain(RELATIVE_RULES) {
            for &(text, expected) in rule.examples {
                let on = Triggers::of(text);
                let scan = Scan {
                    text,
                    reference,
                    on: &on,
                };
                let mut found = Vec::new();
                (rule.find)(&scan, &mut found);
                let values: Vec<String> = found
                    .iter()
                    .map(|f| match f.value.normalized() {
                        crate::model::Normalized::Date(date) => date,
                        other => format!("{other:?}"),
                    })
                    .collect();
                assert!(
                    values.iter().any(|v| v == expected),
                    "rule {} on {text:?}: {values:?}, want {expected}",
                    rule.name
                );
            }
        }
    }
    use crate::model::Normalized;

    /// The anchored month-day pattern tried where a month can start finds what the pattern
    /// finds unanchored over the whole window.
    #[test]
    fn anchored_month_day_finds_the_unanchored_matches() {
        let unanchored = re(&month_day_pattern());
        for text in [
            "On June 3, 2022 and on Dec. 31 , 1994 it met; then Oct/2 and Sep-23-2020.",
            "It may be May twenty nine, or october, 1st, or 5June 7, or Junefirst, or mar 3.",
            "AUGUST 15th 2019 x_jan 4 janvier 3 Jan. 2 jan-3 “June 4” (Nov 30) Mayday 3",
            "sept 9 september 9 sep. 9 novel 8 decade 7 marathon 6 apr 31st",
        ] {
            let windows = [(0, text.len()), (text.len() / 2, text.len())];
            for window in windows {
                let expected: Vec<Vec<Option<(usize, usize)>>> =
                    captures_in(&unanchored, text, &[window], true)
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                        .collect();
                let got: Vec<Vec<Option<(usize, usize)>>> =
                    captures_at_starts(&MONTH_DAY, text, &[window], true, month_may_start)
                        .map(|(shift, c)| {
                            c.iter()
                                .map(|m| m.map(|m| (shift + m.start(), shift + m.end())))
                                .collect()
                        })
                        .collect();
                assert!(!expected.is_empty(), "{text:?}");
                assert_eq!(got, expected, "{text:?} {window:?}");
            }
        }
    }

    #[test]
    fn a_weekday_ending_the_sentence_leaves_the_period_out() {
        let reference = NaiveDate::from_ymd_opt(2019, 11, 7);
        let texts: Vec<String> = ["They met on Friday.", "They met on Fri. and left."]
            .iter()
            .flat_map(|t| find_dates(t, reference))
            .map(|v| v.text)
            .collect();
        assert_eq!(texts, ["Friday", "Fri."]);
    }

    /// Dates found in `input` with reference `reference`, as their normalised strings.
    fn check(input: &str, reference: &str, expected: &[&str]) -> bool {
        let reference = NaiveDate::parse_from_str(reference, "%Y-%m-%d").ok();
        let got: Vec<String> = find_dates(input, reference)
            .into_iter()
            .map(|v| match v.value {
                Normalized::Date(s) => s,
                Normalized::DateRange(a, b) => {
                    format!("{}..{}", a.unwrap_or_default(), b.unwrap_or_default())
                }
                other => format!("{other:?}"),
            })
            .collect();
        let ok = got == expected;
        if !ok {
            eprintln!("{input} (ref {reference:?}): got {got:?}, want {expected:?}");
        }
        ok
    }

    /// A weekday next to an offset or a week of a month names a day of the week they land in.
    #[test]
    fn weekdays_next_to_an_offset_or_a_week_of_a_month() {
        let cases: &[(&str, &str, &[&str])] = &[
            // A weekday before an offset in weeks: that weekday of the week it lands in.
            (
                "I'll go back Monday two weeks from now.",
                "2016-11-09",
                &["2016-11-21"],
            ),
            (
                "I'll go back Thursday, two year from now.",
                "2021-01-02",
                &["2023-01-05"],
            ),
            // "on Friday" after a chained offset in weeks: the same week.
            (
                "I'll go back 3 weeks after Christmas on Friday.",
                "2021-01-02",
                &["2022-01-14"],
            ),
            // After an offset in months: the first such weekday from that day on.
            (
                "I'll go back two months from today on Tuesday.",
                "2016-07-01",
                &["2016-09-06"],
            ),
            // The number after a weekday counts the offset, not the day of the month.
            (
                "I'll go back Sunday 3 weeks after January 15th.",
                "2021-01-02",
                &["2021-02-07"],
            ),
            // A week of a month is an ISO week; a weekday after it is a day of that week.
            ("in the first week of October", "2019-11-07", &["2019-W40"]),
            ("1st week of Oct. on Friday.", "2019-11-07", &["2019-10-04"]),
            ("the last week of March 2020", "2019-11-07", &["2020-W13"]),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// Rarer forms: the year between month and day, dotted days, offsets in several units,
    /// the day itself.
    #[test]
    fn rarer_forms_of_days_and_offsets() {
        let cases: &[(&str, &str, &[&str])] = &[
            // The year between month and day.
            (
                "I'll go back September-2020-23.",
                "2016-11-07",
                &["2020-09-23"],
            ),
            (
                "i'll go back 23-2020-September",
                "2016-11-07",
                &["2020-09-23"],
            ),
            // "this" before a month/day keeps this year even when it has passed.
            (
                "This task should be done this 5/12",
                "2019-05-20",
                &["2019-05-12"],
            ),
            // A dotted month and day after a weekday or after "on" at the end of a clause.
            (
                "a call on this Friday 7.6 with Jim.",
                "2019-05-20",
                &["2019-07-06"],
            ),
            (
                "This task should be done on 5.12",
                "2019-05-20",
                &["2020-05-12"],
            ),
            ("It rose on 5.12 percent growth.", "2019-05-20", &[]),
            // "in a fortnight's time" is ahead whatever the tense.
            ("in a fortnight’s time", "2021-05-20", &["2021-06-03"]),
            // An offset in several units.
            (
                "I left here 2 years 1 month 21 days later",
                "2017-11-23",
                &["2020-01-13"],
            ),
            ("a year and two months ago", "2017-11-23", &["2016-09-23"]),
            // "otd" and "for the day" name the reference day; "the day" inside a phrase does not.
            ("Pierre de Fermat died otd.", "2021-01-15", &["2021-01-15"]),
            ("I'm blocked for the day", "2018-05-22", &["2018-05-22"]),
            ("We waited for the day when it came.", "2018-05-22", &[]),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    #[test]
    fn absolute_dates() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("on June 3, 2022", "2019-01-01", &["2022-06-03"]),
            ("on 3 June 2022", "2019-01-01", &["2022-06-03"]),
            ("on 2022-06-03", "2019-01-01", &["2022-06-03"]),
            ("on Jun. 3", "2022-06-10", &["2022-06-03"]),
            ("until Dec. 15", "2019-11-20", &["2019-12-15"]),
            ("in March", "2019-11-20", &["2019-03"]),
            ("in 2019", "2020-11-20", &["2019"]),
            ("last February", "2019-11-20", &["2019-02"]),
            ("by mid-December", "2019-11-19", &["2019-12"]),
            ("by the end of October", "2019-11-19", &["2019-10"]),
            ("by the end of 2020", "2019-11-19", &["2020"]),
            ("Tuesday, November 19", "2019-11-20", &["2019-11-19"]),
            ("the 2016 election", "2019-11-20", &["2016"]),
            ("5/17/2018", "2019-11-20", &["2018-05-17"]),
        ];
        let failed = cases.iter().filter(|(i, r, e)| !check(i, r, e)).count();
        assert_eq!(failed, 0);
    }

    /// A weekday or a month without "next" or "last" looks back in a past clause and ahead in a
    /// future, scheduled or modal one.
    #[test]
    fn relative_dates_follow_the_tense() {
        let cases: &[(&str, &str, &[&str])] = &[
            // Friday 2022-06-03: a past weekday is the most recent one.
            (
                "local elections on Wednesday were won",
                "2022-06-03",
                &["2022-06-01"],
            ),
            ("they will meet on Friday", "2022-06-01", &["2022-06-03"]),
            (
                "Sondland, who will testify Thursday",
                "2019-11-20",
                &["2019-11-21"],
            ),
            // "a scheduled Dec. 15 ..." names a date still to come, whatever the verb.
            (
                "Trump decided that cancelling a scheduled Dec. 15 increase is needed",
                "2019-11-20",
                &["2019-12-15"],
            ),
            (
                "they postponed the planned March 1 vote",
                "2022-01-10",
                &["2022-03-01"],
            ),
            // A modal looks ahead, unless "have" makes it look back.
            (
                "Fauci added that distribution could begin in December",
                "2020-11-18",
                &["2020-12"],
            ),
            (
                "he said it could have been stopped in December",
                "2020-11-18",
                &["2019-12"],
            ),
            // An obligation looks ahead too: a sentence's reporting date is still to come.
            (
                "Marsh must report to prison by Jan. 15",
                "2026-11-25",
                &["2027-01-15"],
            ),
            (
                "the letter must have arrived on Jan. 15",
                "2026-11-25",
                &["2026-01-15"],
            ),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// Weeks, months, years, days and weekends named from the reference date.
    #[test]
    fn periods_count_from_the_reference_date() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("talks next week", "2022-06-03", &["2022-W23"]),
            ("Last week, he said", "2019-11-20", &["2019-W46"]),
            ("this week", "2019-11-19", &["2019-W47"]),
            ("last year", "2019-11-19", &["2018"]),
            ("next month", "2019-11-19", &["2019-12"]),
            ("earlier this month", "2019-11-19", &["2019-11"]),
            (
                "yesterday and today and tomorrow",
                "2019-11-19",
                &["2019-11-18", "2019-11-19", "2019-11-20"],
            ),
            (
                "over the weekend",
                "2019-11-20",
                &["2019-11-16..2019-11-17"],
            ),
            ("last weekend", "2019-11-20", &["2019-11-16..2019-11-17"]),
            ("last spring", "2019-11-19", &["2019"]),
            ("two days ago", "2019-11-19", &["2019-11-17"]),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    #[test]
    fn named_days_take_the_year_they_name_or_the_tense() {
        let cases: &[(&str, &str, &[&str])] = &[
            // A named day with its year, or by "last"/"next", or by the tense.
            ("on easter 2018", "2016-11-07", &["2018-04-01"]),
            ("on Black Friday 2010", "2016-11-07", &["2010-11-26"]),
            ("When was the last easter?", "2019-06-12", &["2019-04-21"]),
            ("the next Thanksgiving", "2019-11-01", &["2019-11-28"]),
            (
                "shops opened on Christmas Day",
                "2019-11-20",
                &["2018-12-25"],
            ),
            ("we will meet on Christmas", "2019-11-20", &["2019-12-25"]),
            (
                "on Independence Day of this year",
                "2018-07-17",
                &["2018-07-04"],
            ),
            (
                "We will meet 5 days before new year.",
                "2016-11-07",
                &["2016-12-27"],
            ),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// An offset before a resolved day moves it; "ago" keeps the precision of its unit.
    #[test]
    fn offsets_move_the_day_they_count_from() {
        let cases: &[(&str, &str, &[&str])] = &[
            // An offset before a resolved day moves it.
            (
                "It will happen 3 days after January 12th.",
                "2016-11-07",
                &["2017-01-15"],
            ),
            (
                "It happened 2 weeks before May 13 1999.",
                "2016-11-07",
                &["1999-04-29"],
            ),
            (
                "It will end two months after next Friday.",
                "2016-11-07",
                &["2017-01-18"],
            ),
            // Regression: an offset between a weekday date and the date it moves panicked.
            (
                "I'll go back Sunday 3, 3 weeks after January 15th.",
                "2021-01-02",
                &["2021-01-03", "2021-02-05"],
            ),
            (
                "We will come back on the 15th day of next month",
                "2020-07-01",
                &["2020-08-15"],
            ),
            // "the day before" alone is next to the reference; before a date it is not.
            (
                "What happened the day before",
                "2018-11-08",
                &["2018-11-07"],
            ),
            (
                "Pochettino was sacked last night.",
                "2019-11-20",
                &["2019-11-19"],
            ),
            // "years ago" is as precise as a year; "months ago" keeps its day, as the
            // Recognizers suite reads it.
            ("Costs fell 10% from a year ago.", "2019-11-18", &["2018"]),
            ("He left four years ago.", "2019-11-18", &["2015"]),
            ("She left three months ago.", "2019-11-18", &["2019-08-18"]),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// Years in words after a day and month, and a day glued to its month.
    #[test]
    fn spelled_years_and_days_glued_to_their_month() {
        let cases: &[(&str, &str, &[&str])] = &[
            // A spelled year at the end of the sentence keeps its last word.
            (
                "He was born on January twenty five nineteen eighty six.",
                "2019-11-20",
                &["1986-01-25"],
            ),
            // Years in words after a day and month.
            (
                "born on January twenty five nineteen eighty six",
                "2019-05-30",
                &["1986-01-25"],
            ),
            (
                "on 6 April seventeen hundred thirty three",
                "2019-05-30",
                &["1733-04-06"],
            ),
            (
                "on january first two thousand and thirty two",
                "2019-04-25",
                &["2032-01-01"],
            ),
            // A day glued to its month.
            ("sold on Dec31 , 1994", "2018-05-01", &["1994-12-31"]),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// Decades, centuries and halves of a year as the range of their years or months.
    #[test]
    fn decades_and_halves_are_ranges() {
        let cases: &[(&str, &str, &[&str])] = &[
            // Decades and centuries as the range of their years.
            (
                "in the 1990s, the 1300s and the 1980's",
                "2019-11-20",
                &["1990..1999", "1300..1399", "1980..1989"],
            ),
            ("since the 14th century", "2019-11-20", &[]),
            // Halves of a year as the range of their months.
            (
                "exports in the first half of 2019 sank",
                "2019-11-18",
                &["2019-01..2019-06"],
            ),
            (
                "a jury will pick the design in the second half of next year",
                "2019-11-20",
                &["2020-07..2020-12"],
            ),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// "A year earlier", "the previous year": counted from the date before them in the sentence.
    #[test]
    fn dates_anchored_to_another_date_of_the_sentence() {
        let cases: &[(&str, &str, &[&str])] = &[
            // Counted from the date before them in the sentence, at its granularity.
            (
                "Exports fell to $9 billion in 2018, down from $19 billion the previous year.",
                "2019-11-18",
                &["2018", "2017"],
            ),
            (
                "Sales rose 5% in March 2019 from a year earlier.",
                "2019-11-18",
                &["2019-03", "2018-03"],
            ),
            // "The previous year", "the following week": the whole unit before or after.
            (
                "Sales rose 5% in March 2019, after falling the previous year.",
                "2019-11-18",
                &["2019-03", "2018"],
            ),
            (
                "The strike began on Nov. 4 and ended the following week.",
                "2019-11-20",
                &["2019-11-04", "2019-W46"],
            ),
            (
                "The deal closed on June 3, 2021, and the plant opened two months later.",
                "2019-11-18",
                &["2021-06-03", "2021-08-03"],
            ),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    /// A month and day or a weekday without a year or week: the tense says which one.
    #[test]
    fn the_tense_decides_a_date_without_its_year() {
        let cases: &[(&str, &str, &[&str])] = &[
            // A month and day without a year, by tense: past is the most recent one.
            (
                "Johnson vowed to leave the EU by Oct. 31.",
                "2019-11-18",
                &["2019-10-31"],
            ),
            ("He will leave on March 3.", "2019-11-18", &["2020-03-03"]),
            // "is likely to" looks ahead, as "will" does.
            (
                "pollution is likely to reach severe levels on Wednesday",
                "2019-11-08",
                &["2019-11-13"],
            ),
            // A passive future is future: "will be held", "will be announced".
            (
                "The meeting will be held on Friday.",
                "2019-11-18",
                &["2019-11-22"],
            ),
            (
                "Job cuts will be announced on Tuesday, he said.",
                "2019-11-18",
                &["2019-11-19"],
            ),
        ];
        assert_eq!(cases.iter().filter(|(i, r, e)| !check(i, r, e)).count(), 0);
    }

    #[test]
    fn no_reference_leaves_relative_dates_out() {
        assert!(check("on Wednesday and last week", "", &[]));
        assert!(check("I may go", "2019-11-19", &[]));
        assert!(check("2000 troops", "2019-11-19", &[]));
    }

    /// A plural noun after a number counts things, but "2005 levels" are those of a year.
    #[test]
    fn a_baseline_year_is_a_date() {
        assert!(check(
            "cut emissions 40% below 2005 levels by 2030",
            "2022-08-16",
            &["2005", "2030"]
        ));
    }

    #[test]
    fn reference_from_text() {
        let cases = [
            ("SEOUL, June 3, 2022 — talks", Some("2022-06-03")),
            (
                "He was born on May 5, 1950. Published Jan. 2, 2020.",
                Some("2020-01-02"),
            ),
            ("No date here.", None),
            (
                "Oil rises\nUpdated Nov. 24, 2026 10:02 GMT\n\nPrices rose.",
                Some("2026-11-24"),
            ),
            (
                "Oil rises\nBy Jane Doe | November 19, 2019\n\nPrices rose.",
                Some("2019-11-19"),
            ),
            (
                "WASHINGTON (AP) Nov. 19, 2019 — The House voted on a bill that would cost billions.",
                Some("2019-11-19"),
            ),
            // A date in the body of the first paragraph is an event's.
            (
                "Mill burns\n\nThe mill, which opened on March 3, 1986, burned down on Wednesday night, officials said after a long inquiry.",
                None,
            ),
            // A date below the first lines is an event's, however it is written.
            ("A\nB\nC\nD\nE\nF\nG\nH\nI\nPublished Jan. 2, 2010.", None),
        ];
        for (input, want) in cases {
            let got = reference_date_from_text(input).map(|d| ymd(d).iso());
            assert_eq!(got.as_deref(), want, "{input}");
        }
    }
}
