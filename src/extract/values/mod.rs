//! All values of one sentence: dates first, then numbers that are not part of a date.

use chrono::NaiveDate;

use crate::extract::tokens::Token;
use crate::model::{Normalized, Value};
use when::When;

pub mod dates;
mod number_words;
pub mod numbers;
pub(super) mod triggers;
mod when;

/// Dates and numbers in `text`, in text order, offsets relative to `text`. A number inside a
/// date ("June 3, 2022") belongs to the date and is not reported again; a range of years
/// ("2008 to 2016") is kept whole instead of as two dates.
pub fn find_values(text: &str, reference: Option<NaiveDate>) -> Vec<Value> {
    values_of(text, triggers::Triggers::of(text), reference, None).0
}

/// `find_values` over a sentence already tokenized: `tokens` are those of exactly `text`,
/// which starts at byte `base` of the text their spans index. The trigger pass reads the
/// tokens instead of the bytes (the same triggers, for a fraction of the work).
pub fn find_values_in(
    text: &str,
    base: usize,
    tokens: &[Token],
    reference: Option<NaiveDate>,
) -> Vec<Value> {
    let on = triggers::Triggers::of_tokens(text, base, tokens);
    values_of(text, on, reference, None).0
}

/// `find_values_in` for the sentences of `article`, called in text order: a date counted from
/// another ("the previous week", "a year later") with none before it in its sentence counts
/// from the date the passage is about, the last one named in the same or the previous
/// paragraph. A call out of order forgets the passage.
pub fn in_passages(
    article: &str,
) -> impl Fn(&str, usize, &[Token], Option<NaiveDate>) -> Vec<Value> + '_ {
    let passage = std::cell::Cell::new(Passage::default());
    move |text, base, tokens, reference| {
        let mut now = passage.get();
        now.move_to(article, base);
        let on = triggers::Triggers::of_tokens(text, base, tokens);
        let (values, about) = values_of(text, on, reference, now.date());
        if about.is_some() {
            now.date = about;
            now.paragraph_breaks = 0;
        }
        now.read_to = base + text.len();
        passage.set(now);
        values
    }
}

/// The date the sentences read so far are about, and how far back it was named.
#[derive(Clone, Copy, Default)]
struct Passage {
    date: Option<When>,
    /// Paragraph breaks between the sentence that named `date` and the one being read.
    paragraph_breaks: usize,
    /// The end of the last sentence read.
    read_to: usize,
}

impl Passage {
    fn move_to(&mut self, article: &str, base: usize) {
        match article.get(self.read_to..base) {
            Some(gap) if gap.contains('\n') => self.paragraph_breaks += 1,
            Some(_) => {}
            None => *self = Passage::default(),
        }
    }

    fn date(&self) -> Option<When> {
        self.date.filter(|_| self.paragraph_breaks <= 1)
    }
}

fn values_of(
    text: &str,
    on: triggers::Triggers,
    reference: Option<NaiveDate>,
    passage: Option<When>,
) -> (Vec<Value>, Option<When>) {
    // Most sentences have no digit, no date word and no number word: stop at the one pass.
    if on.is_empty() {
        return (Vec::new(), None);
    }
    let mut numbers = if on.digits || on.has(triggers::NUMBER_WORD) {
        numbers::find_numbers_with(text, &on.number_words)
    } else {
        Vec::new()
    };
    if on.one_period {
        numbers.extend(numbers::one_periods(text, &on.windows));
    }
    let year_ranges = Cover::new(
        numbers
            .iter()
            .filter(|n| matches!(n.value, Normalized::DateRange(..)))
            .map(|n| (n.start, n.end)),
    );
    let (dates, about) = dates::find_dates_in_passage(text, reference, &on, passage);
    let mut found: Vec<Value> = dates
        .into_iter()
        .filter(|d| !year_ranges.contains(d.start, d.end))
        .collect();
    let dates = Cover::new(found.iter().map(|d| (d.start, d.end)));
    for number in numbers {
        if !dates.overlaps(number.start, number.end) {
            found.push(number);
        }
    }
    if found.is_empty() {
        return (found, about);
    }
    // Link text such as "(Graphic: Emerging markets in 2019 - here)" is page furniture.
    let mut spans = furniture_spans(text);
    spans.extend(crate::extract::clean::non_value_spans(text));
    let furniture = Cover::new(spans.into_iter());
    found.retain(|v| !furniture.contains(v.start, v.end));
    found.sort_by_key(|v| (v.start, v.end));
    (found, about)
}

/// Byte spans sorted by start, with the furthest end reached by each prefix: whether a span
/// holds or meets a value is then a binary search, not a scan of every span (a sentence of
/// thousands of years has thousands of each).
struct Cover {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl Cover {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let starts = spans.iter().map(|s| s.0).collect();
        let furthest_end = spans
            .iter()
            .scan(0, |furthest, s| {
                *furthest = s.1.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Cover {
            starts,
            furthest_end,
        }
    }

    /// The furthest end among spans starting at or before `at` (`inclusive`) or before it.
    fn furthest_end_from(&self, at: usize, inclusive: bool) -> Option<usize> {
        let count = self
            .starts
            .partition_point(|&s| if inclusive { s <= at } else { s < at });
        count.checked_sub(1).map(|last| self.furthest_end[last])
    }

    /// Whether one span holds all of `start..end`.
    fn contains(&self, start: usize, end: usize) -> bool {
        self.furthest_end_from(start, true)
            .is_some_and(|furthest| furthest >= end)
    }

    /// Whether one span shares a byte with `start..end`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        self.furthest_end_from(end, false)
            .is_some_and(|furthest| furthest > start)
    }
}

/// Parenthesised wire-service furniture: graphic links and reporting credits.
fn furniture_spans(text: &str) -> Vec<(usize, usize)> {
    const OPENERS: [&str; 7] = [
        "(Graphic",
        "(Reporting",
        "(Additional reporting",
        "(Editing",
        "(Writing by",
        "(Compiled by",
        "(Video",
    ];
    let mut spans = Vec::new();
    // The next ")" is looked for once per stretch, not once per opener: "(Graphic" repeated
    // without a close would otherwise read to the end of the text each time.
    let mut close = None;
    for (start, _) in text.match_indices('(') {
        if OPENERS.iter().any(|o| text[start..].starts_with(o)) {
            if close.is_none_or(|c| c < start) {
                close = Some(text[start..].find(')').map_or(text.len(), |e| start + e));
            }
            let end = close.map_or(text.len(), |c| (c + 1).min(text.len()));
            spans.push((start, end));
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (type, text) pairs found in `input` with reference 2019-11-20.
    fn check(input: &str, expected: &[(&str, &str)]) -> bool {
        let reference = NaiveDate::from_ymd_opt(2019, 11, 20);
        let got: Vec<(String, String)> = find_values(input, reference)
            .into_iter()
            .map(|v| (v.value_type.as_str().to_string(), v.text))
            .collect();
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(expected)
                .all(|(g, e)| g.0 == e.0 && g.1 == e.1);
        if !ok {
            eprintln!("{input}: got {got:?}, want {expected:?}");
        }
        ok
    }

    /// The dates `in_passages` finds in each sentence of `article`, reference 2019-11-18.
    fn passage_dates(article: &str) -> Vec<Vec<String>> {
        let reference = NaiveDate::from_ymd_opt(2019, 11, 18);
        let sentences = crate::extract::sentences::split(article);
        let tokens =
            crate::extract::tokens::tokenize(article, sentences.iter().map(|s| (s.start, s.end)));
        let find = in_passages(article);
        sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                find(&article[s.start..s.end], s.start, tokens.of(i), reference)
                    .into_iter()
                    .filter_map(|v| match v.value {
                        Normalized::Date(date) => Some(format!("{}={date}", v.text)),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn counted_dates_count_from_the_date_of_the_passage() {
        let cases: &[(&str, &[&[&str]])] = &[
            // The date named in the previous paragraph is the one the passage is about.
            (
                "It shelved its IPO on September 30.\n\nNeumann had resigned the previous week.",
                &[
                    &["September 30=2019-09-30"],
                    &["the previous week=2019-W39"],
                ],
            ),
            // A count keeps the granularity of that date, and a counted date carries on.
            (
                "It filed in March 2015. A year later, it had 40 stores. Two years later, 3 closed.",
                &[
                    &["March 2015=2015-03"],
                    &["A year later=2016-03"],
                    &["Two years later=2018-03"],
                ],
            ),
            // A date of the sentence itself comes first.
            (
                "It filed in 2015. Sales rose in 2017, up from the previous year.",
                &[&["2015=2015"], &["2017=2017", "the previous year=2016"]],
            ),
            // Two paragraphs on, the passage is about something else: left alone.
            (
                "It shelved its IPO on September 30.\n\nWeWork has 500 sites.\n\nNeumann had resigned the previous week.",
                &[&["September 30=2019-09-30"], &[], &[]],
            ),
        ];
        for (article, expected) in cases {
            let got = passage_dates(article);
            let want: Vec<Vec<String>> = expected
                .iter()
                .map(|s| s.iter().map(|d| d.to_string()).collect())
                .collect();
            assert_eq!(got, want, "{article}");
        }
    }

    #[test]
    fn dates_own_their_numbers() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // The day and year of a date are not numbers of their own.
            (
                "On June 3, 2022, 28,500 troops",
                &[("date", "June 3, 2022"), ("count", "28,500 troops")],
            ),
            ("in 2016", &[("date", "2016")]),
            // One period counted with "a" is a length of time; "a month" as a rate is not.
            (
                "a day after the vote, about a month",
                &[("number", "a day"), ("number", "about a month")],
            ),
            (
                "$5 a month, once a year, a year-long wait",
                &[("money", "$5 a month")],
            ),
            ("the decline in the 1990s", &[("range", "the 1990s")]),
            ("from 2008 to 2016", &[("range", "2008 to 2016")]),
            (
                "$2000 in 3 years",
                &[("money", "$2000"), ("number", "3 years")],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    /// Throughput of `find_values` alone over the sample article's sentences repeated to about
    /// 8 MB; extra article files may be named in `CLAIMTRACK_SPEED_FILES` (colon-separated).
    /// Run with `cargo test --release -- --ignored speed --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        let mut texts = vec![include_str!("../../../fixtures/seed_nysun_korea.txt").to_string()];
        if let Ok(paths) = std::env::var("CLAIMTRACK_SPEED_FILES") {
            texts.extend(
                paths
                    .split(':')
                    .filter_map(|p| std::fs::read_to_string(p).ok()),
            );
        }
        let mut sentences: Vec<String> = Vec::new();
        for text in &texts {
            for s in crate::extract::sentences::split(text) {
                sentences.push(text[s.start..s.end].to_string());
            }
        }
        let one_pass: usize = sentences.iter().map(String::len).sum();
        let rounds = (8_000_000 / one_pass.max(1)).max(1);
        let reference = NaiveDate::from_ymd_opt(2022, 6, 3);
        // CPU time of this thread, not wall time: the machine is shared.
        let cpu_seconds = || {
            let mut t = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: clock_gettime only writes the timespec it is given.
            unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
            t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
        };
        // Compile every regex before the clock starts: that is a once-per-process cost.
        for s in &sentences {
            find_values(s, reference);
        }
        let started = cpu_seconds();
        let mut found = 0;
        for _ in 0..rounds {
            for s in &sentences {
                found += find_values(s, reference).len();
            }
        }
        let seconds = cpu_seconds() - started;
        let trigger_started = cpu_seconds();
        let mut windows = 0;
        for _ in 0..rounds {
            for s in &sentences {
                windows += triggers::Triggers::of(s).windows.len();
            }
        }
        let trigger_seconds = cpu_seconds() - trigger_started;
        println!(
            "of which the trigger pass alone: {:.1} MB/s ({windows} windows)",
            (one_pass * rounds) as f64 / 1e6 / trigger_seconds
        );
        let megabytes = (one_pass * rounds) as f64 / 1e6;
        println!(
            "find_values: {:.1} MB/s of CPU time ({megabytes:.1} MB, {} sentences x {rounds}, {found} values)",
            megabytes / seconds,
            sentences.len()
        );
    }
}
