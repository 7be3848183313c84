//! Days named rather than numbered ("Christmas", "last Thanksgiving", "Easter 2019"): the
//! names and the rules that place them in a year are `lexicon/named_days.txt`; this file finds
//! the names in a sentence and gives each its date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::{Found, Tense, captures_in, found, lower_tail, re, tense_at, ymd};
use crate::extract::lexicon::{self, DayRule};
use crate::extract::values::triggers::{self, Triggers};

/// Named days: fixed ones ("Christmas", "Independence Day") and movable feasts ("Easter",
/// "Thanksgiving", "Black Friday"), with an optional year or "last"/"next" before them. The
/// names are one group (2), the lexicon's forms in file order.
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = lexicon::NAMED_DAYS
        .iter()
        .map(|day| day.pattern.as_str())
        .collect();
    re(&format!(
        r"(?i-u)\b(?:(last|previous|next|following|this)\s+)?({})\b(?:\s+(?:of\s+)?(?:((?:1[6-9]|20)\d\d)\b|(this|last|next)\s+year\b))?",
        names.join("|")
    ))
});

/// Each named day's forms as a whole name, to tell which line a `HOLIDAY` match is.
static WHOLE_NAMES: LazyLock<Vec<(Regex, DayRule)>> = LazyLock::new(|| {
    lexicon::NAMED_DAYS
        .iter()
        .map(|day| (re(&format!("(?i-u)^(?:{})$", day.pattern)), day.rule))
        .collect()
});

/// The date of a named day in `year`: the rule of the first line whose forms are `name`.
fn holiday_in(name: &str, year: i32) -> Option<NaiveDate> {
    let (_, rule) = WHOLE_NAMES.iter().find(|(forms, _)| forms.is_match(name))?;
    match *rule {
        DayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
        DayRule::Nth {
            month,
            weekday,
            n,
            days,
        } => {
            let weekday = Weekday::try_from(weekday).ok()?;
            let day = if n == 0 {
                last_weekday_of(year, month, weekday)
            } else {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
            };
            day.map(|day| day + Duration::days(days))
        }
        DayRule::Easter { days } => easter(year).map(|sunday| sunday + Duration::days(days)),
    }
}

/// The last `weekday` of `month` in `year`.
fn last_weekday_of(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let next_first = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut d = next_first - Duration::days(1);
    while d.weekday() != weekday {
        d -= Duration::days(1);
    }
    Some(d)
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm, as published by Nature
/// in 1876).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// "Christmas", "last Thanksgiving", "Easter 2019", "Independence Day next year".
pub(super) fn named_days(text: &str, reference: NaiveDate, on: &Triggers, all: &mut Vec<Found>) {
    // Every named day is a holiday word, or a lead word before "day", "year(s)", "Friday" or
    // "Monday": "last year" alone, the common case, runs nothing.
    let named_day = on.has(triggers::HOLIDAY)
        || on.has(triggers::HOLIDAY_LEAD)
            && on.has(triggers::SPAN | triggers::WEEKDAY | triggers::RELATIVE);
    for c in captures_in(&HOLIDAY, text, &on.windows, named_day) {
        let whole = c.get(0).unwrap();
        if is_vague_new_year(text, &c) {
            continue;
        }
        if let Some(date) = named_day_date(text, &c, reference) {
            all.push(found(whole.start(), whole.end(), ymd(date), true));
        }
    }
}

/// "May Day" and "the new year" alone are too vague; "in the New Year" is a season.
fn is_vague_new_year(text: &str, c: &Captures) -> bool {
    let name = &c[2];
    let lower = name.to_ascii_lowercase();
    if !lower.starts_with("new") || lower.contains("day") || lower.contains("eve") {
        return false;
    }
    let capital = name.starts_with('N');
    let after_the = lower_tail(text, c.get(0).unwrap().start())
        .trim_end()
        .ends_with("the");
    !capital && c.get(1).is_none() && after_the
}

/// The date of a `HOLIDAY` match: in the year it names ("Easter 2019", "Christmas last year"),
/// else the one "last"/"next" points to, else the one the tense points to from the reference.
fn named_day_date(text: &str, c: &Captures, reference: NaiveDate) -> Option<NaiveDate> {
    let whole = c.get(0).unwrap();
    let name = c[2].to_ascii_lowercase();
    if let Some(y) = c.get(3) {
        return y
            .as_str()
            .parse()
            .ok()
            .and_then(|year| holiday_in(&name, year));
    }
    if let Some(which) = c.get(4) {
        let step = match which.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        return holiday_in(&name, reference.year() + step);
    }
    let this_year = holiday_in(&name, reference.year());
    let before = |strictly: bool| {
        this_year
            .filter(|d| *d < reference || !strictly && *d == reference)
            .or_else(|| holiday_in(&name, reference.year() - 1))
    };
    let after = |strictly: bool| {
        this_year
            .filter(|d| *d > reference || !strictly && *d == reference)
            .or_else(|| holiday_in(&name, reference.year() + 1))
    };
    let modifier = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
    match modifier.as_deref() {
        Some("last" | "previous") => before(true),
        Some("next" | "following") => after(true),
        Some(_) => this_year,
        None => match tense_at(text, whole.start(), whole.end()) {
            Tense::Past => before(false),
            Tense::Future => after(false),
            Tense::Neutral => this_year,
        },
    }
}
