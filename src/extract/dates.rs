//! Dates in text, absolute and relative, resolved against the reference date.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::model::{Normalized, Value, ValueType};

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})").unwrap()
});

fn month_number(name: &str) -> u32 {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    .iter()
    .position(|m| *m == name)
    .map_or(1, |p| p as u32 + 1)
}

/// Every date in `text`, with offsets relative to `text`.
pub fn find_dates(text: &str, _reference: Option<NaiveDate>) -> Vec<Value> {
    MONTH_DAY_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let date = NaiveDate::from_ymd_opt(
                c[3].parse().ok()?,
                month_number(&c[1]),
                c[2].parse().ok()?,
            )?;
            Some(Value {
                value_type: ValueType::Date,
                text: whole.as_str().to_string(),
                value: Normalized::Date(date.format("%Y-%m-%d").to_string()),
                unit: None,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// A date the article states about itself (a dateline or the first full date), used as the
/// reference date when the caller gives none.
pub fn reference_date_from_text(text: &str) -> Option<NaiveDate> {
    find_dates(text, None)
        .into_iter()
        .find_map(|v| match v.value {
            Normalized::Date(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok(),
            _ => None,
        })
}
