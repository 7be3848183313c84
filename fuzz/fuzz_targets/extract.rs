//! Fuzz target: the whole extractor on any text must not panic, and every claim and value it
//! reports must be a span of the input on character boundaries whose `text` is that slice.
#![no_main]

use chrono::NaiveDate;
use claimtrack::extract::{Context, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks whether a reference date is given, so both paths are explored; the
    // rest becomes text the way a careless caller would make it, with lossy decoding.
    let (given, bytes) = match data.split_first() {
        Some((first, rest)) => (first % 2 == 0, rest),
        None => (false, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let context = Context {
        reference_date: given.then(|| NaiveDate::from_ymd_opt(2022, 6, 3).unwrap()),
    };
    let extraction = extract(&text, &context);
    let mut previous_end = 0;
    for claim in &extraction.claims {
        assert!(claim.start <= claim.end && claim.end <= text.len());
        assert!(claim.start >= previous_end, "claims overlap or are out of order");
        assert_eq!(text.get(claim.start..claim.end), Some(claim.text.as_str()));
        assert!(!claim.kinds.is_empty() && claim.kinds[0] == claim.kind);
        assert!((0.0..=1.0).contains(&claim.score));
        for value in &claim.values {
            assert!(value.start >= claim.start && value.end <= claim.end);
            assert_eq!(text.get(value.start..value.end), Some(value.text.as_str()));
        }
        if let Some(first) = claim.duplicate_of {
            assert!(first < extraction.claims.len());
        }
        previous_end = claim.end;
    }
});
