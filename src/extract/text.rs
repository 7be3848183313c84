//! Character classes, white space folding and the dateline shape that every stage reads text by.
//!
//! These sit below the stages: furniture, the sentence splitter and the claim builder all need to
//! know what counts as white space and where a dateline ("SEOUL —") ends, and none of them may
//! call back into another.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::lexicon;

/// White space as the splitter sees it: Unicode white space plus U+FEFF (a byte-order mark or
/// zero-width no-break space is never part of a sentence).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// `text` with each run of white space folded to one space, and none at either end. Works on
/// bytes: a lone ASCII space between words is copied with the words around it.
pub fn fold_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut folded = String::with_capacity(text.len());
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && !FOLD[usize::from(bytes[i])] {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        // A lone space between two ordinary bytes stays as it is, with the words around it.
        let lone = bytes[i] == b' '
            && i > 0
            && bytes
                .get(i + 1)
                .is_some_and(|&next| !FOLD[usize::from(next)]);
        let len = if lone { 0 } else { space_len(bytes, i) };
        if len == 0 {
            i += 1;
            continue;
        }
        folded.push_str(&text[run_start..i]);
        let mut j = i + len;
        loop {
            let len = space_len(bytes, j);
            if len == 0 {
                break;
            }
            j += len;
        }
        if j < bytes.len() && !folded.is_empty() {
            folded.push(' ');
        }
        run_start = j;
        i = j;
    }
    folded.push_str(&text[run_start..]);
    folded
}

/// Bytes that may start white space: ASCII white space and the lead bytes of the Unicode
/// spaces `space_len` knows.
static FOLD: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF,
    ];
    let mut k = 0;
    while k < starts.len() {
        table[starts[k] as usize] = true;
        k += 1;
    }
    table
};

/// Byte length of the white space character (as `is_space` sees it) at `i`, or 0.
pub fn space_len(bytes: &[u8], i: usize) -> usize {
    let Some(&b) = bytes.get(i) else {
        return 0;
    };
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        0xEF if at(1) == 0xBB && at(2) == 0xBF => 3,
        _ => 0,
    }
}

/// A dateline at the start of `text`: "WASHINGTON (AP) —", "COLUMBIA, S.C. (AP) —",
/// "NEW YORK (Reuters) -", "SEOUL —", "Indianapolis –", "PanARMENIAN.Net -". Returns the byte
/// length up to the end of the dash. `mixed_case` also accepts a place in ordinary case.
pub fn dateline_len(text: &str, mixed_case: bool) -> Option<usize> {
    let found = DATELINE.captures(text)?;
    if !mixed_case && found.name("caps").is_none() {
        return None;
    }
    found.name("dash").map(|dash| dash.end())
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let caps = r"(?P<caps>[A-Z][A-Z'’.\-]*[A-Z.](?:[ \t\u{a0}][A-Z][A-Z'’.\-]*[A-Z.]){0,3})";
    let mixed = r"[A-Z][a-z]+(?:[ \t\u{a0}][A-Z][a-z]+){0,2}";
    let site = r"[A-Za-z][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)+";
    let region = r"(?:,[ \t\u{a0}]+[A-Z][A-Za-z.]*(?:[ \t\u{a0}][A-Z][A-Za-z.]*){0,2})?";
    // A month by the first three letters of its name, as the lexicon lists it: "Sept.", "June".
    let months: Vec<String> = lexicon::MONTHS
        .lines()
        .map(|forms| lexicon::capitalised(&forms[0][..3]))
        .collect();
    let date = format!(
        r"(?:,?[ \t\u{{a0}}]+(?:{})[a-z]*\.?[ \t\u{{a0}}]+\d{{1,2}}(?:,[ \t\u{{a0}}]+\d{{4}})?)?",
        months.join("|")
    );
    let agency = r"(?:[ \t\u{a0}]*\([A-Z][A-Za-z .&/\-]{0,30}\))?";
    let dash = r"(?P<dash>[ \t\u{a0}]*(?:—|–|--)|[ \t\u{a0}]+-)";
    let pattern = format!(r"^(?:{caps}|{mixed}|{site}){region}{date}{agency}{dash}");
    Regex::new(&pattern).expect("dateline pattern is valid")
});
