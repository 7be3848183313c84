//! From sentences to claims: kinds, quote speakers, check-worthiness and repeated claims.

use chrono::NaiveDate;

use crate::model::ClaimKind;

use super::{ExtractedClaim, Sentence, values};

/// Turn sentences into claims, one per sentence, in text order.
pub fn build(
    text: &str,
    sentences: &[Sentence],
    reference: Option<NaiveDate>,
) -> Vec<ExtractedClaim> {
    sentences
        .iter()
        .map(|sentence| {
            let slice = &text[sentence.start..sentence.end];
            let mut values = values::find_values(slice, reference);
            for value in &mut values {
                value.start += sentence.start;
                value.end += sentence.start;
            }
            let mut kinds = Vec::new();
            if !values.is_empty() {
                kinds.push(ClaimKind::Quantity);
            }
            if kinds.is_empty() {
                kinds.push(ClaimKind::Statement);
            }
            let checkable = sentence.boilerplate.is_none();
            ExtractedClaim {
                start: sentence.start,
                end: sentence.end,
                text: slice.to_string(),
                kind: kinds[0],
                kinds,
                score: if values.is_empty() { 0.3 } else { 0.7 },
                values,
                speaker: None,
                checkable,
                why: sentence.boilerplate.map(str::to_string),
                duplicate_of: None,
            }
        })
        .collect()
}
