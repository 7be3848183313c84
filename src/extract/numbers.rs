//! Numbers in text: digits, number words, money, percent, ranges and ordinals, normalised.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Normalized, Value, ValueType};

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?-u:\b)\d+(?:\.\d+)?").unwrap()
});

/// Every number in `text`, with offsets relative to `text`.
pub fn find_numbers(text: &str) -> Vec<Value> {
    NUMBER
        .find_iter(text)
        .filter_map(|m| {
            let value: f64 = m.as_str().replace(',', "").parse().ok()?;
            Some(Value {
                value_type: ValueType::Number,
                text: m.as_str().to_string(),
                value: Normalized::Number(value),
                unit: None,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}
