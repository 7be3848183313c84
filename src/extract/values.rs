//! All values of one sentence: dates first, then numbers that are not part of a date.

use chrono::NaiveDate;

use crate::model::Value;

use super::{dates, numbers};

/// Dates and numbers in `text`, in text order, offsets relative to `text`. A number inside a
/// date ("June 3, 2022") belongs to the date and is not reported again.
pub fn find_values(text: &str, reference: Option<NaiveDate>) -> Vec<Value> {
    let mut found = dates::find_dates(text, reference);
    for number in numbers::find_numbers(text) {
        if !found
            .iter()
            .any(|d| number.start < d.end && d.start < number.end)
        {
            found.push(number);
        }
    }
    found.sort_by_key(|v| (v.start, v.end));
    found
}
