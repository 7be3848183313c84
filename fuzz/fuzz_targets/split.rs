//! Fuzz target: the sentence splitter on any valid UTF-8 must not panic, and its sentences must
//! be non-empty, in order, on character boundaries, and never start or end with white space.
#![no_main]

use claimtrack::extract::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Only valid UTF-8 reaches the splitter in claimtrack (input.rs refuses the rest), so
    // invalid inputs are skipped rather than repaired: no fuzzing time goes to U+FFFD.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut previous_end = 0;
    for sentence in split(text) {
        assert!(sentence.start < sentence.end, "empty sentence");
        assert!(sentence.start >= previous_end, "sentences overlap or are out of order");
        let slice = text
            .get(sentence.start..sentence.end)
            .expect("sentence on character boundaries");
        assert!(!slice.starts_with(char::is_whitespace));
        assert!(!slice.ends_with(char::is_whitespace));
        previous_end = sentence.end;
    }
});
