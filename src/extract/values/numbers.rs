//! Numbers in text: digits, number words, money, percent, ranges, counts and ordinals,
//! normalised; numbers that are part of a name or a code are left out.
//!
//! A scan finds raw numbers (digits with their separators and scale suffixes, or runs of number
//! words read by `number_words`), then each raw number is classified by its neighbours: a
//! currency sign makes money, "%" or "percent" a percentage, a following plural noun a count,
//! "between ... and ..." or "up to" a range. Names ("Covid-19", "Boeing 787", "S&P 500"),
//! instrument codes ("CLc1"), clock times and phone numbers yield nothing.

use std::sync::LazyLock;

use crate::extract::lexicon::{self, WordSet};
use crate::model::{Normalized, Value, ValueType};

use super::number_words::{self, WordKind};
use super::triggers;

#[cfg(test)]
pub(super) use super::number_words::is_number_word;

/// An ASCII-lower-cased copy of a short piece of text, kept on the stack. Classifying one
/// number compares a dozen neighbouring words in any case; a heap `String` for each of them
/// was a large share of the number pass. Longer text (rare) is copied to the heap, so what a
/// comparison sees never depends on the length.
enum Lower {
    Inline {
        buffer: [u8; LOWER_INLINE],
        len: usize,
    },
    Heap(String),
}

/// Long enough for any word and for the 40-byte look-ahead after a number.
const LOWER_INLINE: usize = 48;

/// `text` lower-cased (ASCII letters only, as `str::to_ascii_lowercase`).
fn lowercase(text: &str) -> Lower {
    let len = text.len();
    if len > LOWER_INLINE {
        return Lower::Heap(text.to_ascii_lowercase());
    }
    let mut buffer = [0u8; LOWER_INLINE];
    buffer[..len].copy_from_slice(text.as_bytes());
    buffer[..len].make_ascii_lowercase();
    Lower::Inline { buffer, len }
}

impl Lower {
    fn as_str(&self) -> &str {
        match self {
            // Lower-casing ASCII bytes keeps UTF-8 valid, so this never falls back.
            Lower::Inline { buffer, len } => std::str::from_utf8(&buffer[..*len]).unwrap_or(""),
            Lower::Heap(text) => text,
        }
    }
}

impl Default for Lower {
    fn default() -> Self {
        lowercase("")
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A number as first read, before its context decides what it is.
#[derive(Debug, Clone, PartialEq)]
struct Raw {
    start: usize,
    end: usize,
    value: f64,
    kind: WordKind,
    /// Read from words ("eight") rather than digits.
    words: bool,
    /// A second number joined by a hyphen or dash ("10-20", "$40-50 billion").
    high: Option<f64>,
}

/// The largest char boundary of `text` at or below `at` (clamped to its length).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The word (a run of non-space characters) that ends just before `pos`, skipping one run of
/// spaces. Returns the word and its start.
fn word_before(text: &str, pos: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let mut i = pos;
    let mut spaces = 0;
    while i > 0 && bytes[i - 1] == b' ' {
        i -= 1;
        spaces += 1;
    }
    if spaces == 0 || spaces > 2 {
        return None;
    }
    let end = i;
    while i > 0 && !bytes[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == end {
        return None;
    }
    text.get(i..end).map(|w| (w, i))
}

/// "01.23" or "9.30": hours below 24, a dot, two digits of minutes below 60.
fn is_dotted_clock(digits: &str) -> bool {
    let Some((hours, minutes)) = digits.split_once('.') else {
        return false;
    };
    (1..=2).contains(&hours.len())
        && minutes.len() == 2
        && hours.parse::<u32>().is_ok_and(|h| h < 24)
        && minutes.parse::<u32>().is_ok_and(|m| m < 60)
}

/// Does lower-cased `rest` start with a time zone, "local time" or "hours" and a zone, as
/// whole words?
fn is_time_zone(rest: &str) -> bool {
    let word_end = |s: &str| {
        s.find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(s.len())
    };
    let first = &rest[..word_end(rest)];
    let then = rest[first.len()..].strip_prefix(' ').unwrap_or("");
    let second = &then[..word_end(then)];
    match first {
        "local" => second == "time",
        "hours" => WORDS.time_zones.contains(second),
        // "1400 hrs": a clock time read as hours, with or without a zone.
        "hrs" => true,
        _ => WORDS.time_zones.contains(first),
    }
}

fn alpha_before(text: &str, pos: usize) -> Option<(Lower, usize)> {
    let (word, start) = word_before(text, pos)?;
    let trimmed = word.trim_matches(|c: char| !c.is_ascii_alphabetic());
    if trimmed.is_empty() {
        return None;
    }
    Some((lowercase(trimmed), start))
}

/// The next word after `pos` (skipping spaces, not punctuation): its text and byte span.
fn word_after(text: &str, pos: usize) -> Option<(&str, usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < bytes.len() && bytes[i] == b' ' {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'-') {
        i += 1;
    }
    if i == start {
        return None;
    }
    let word = text[start..i].trim_end_matches('-');
    Some((word, start, start + word.len()))
}

/// Scale letters glued to digits ("28.5k", "1.2bn"); `money` allows the letters that would
/// otherwise be units or names ("10M" is ten million dollars only after "$").
fn glued_scale(suffix: &str, money: bool) -> Option<f64> {
    match suffix {
        "k" | "K" => Some(1e3),
        "mil" | "mln" | "mn" => Some(1e6),
        "m" | "M" | "mm" | "MM" if money => Some(1e6),
        "bn" | "bln" | "b" => Some(1e9),
        "B" if money => Some(1e9),
        "tn" | "trn" | "tln" => Some(1e12),
        _ => None,
    }
}

/// A unit of measure glued to digits ("40C", "5km", "100mph"), as the unit to report. Only
/// units that are not also scales ("10M", "5bn") or names ("5G", "F-35").
fn glued_unit(suffix: &str) -> Option<&'static str> {
    Some(match suffix {
        "C" => "degrees Celsius",
        "F" => "degrees Fahrenheit",
        "km" => "km",
        "kg" => "kg",
        "cm" => "cm",
        "mm" => "mm",
        "mph" => "mph",
        "kph" => "km/h",
        "ft" => "feet",
        "lb" | "lbs" => "pounds",
        "GW" => "GW",
        "MW" => "MW",
        "kW" => "kW",
        "GWh" => "GWh",
        "MWh" => "MWh",
        "kWh" => "kWh",
        "ha" => "hectares",
        _ => return None,
    })
}

/// "10M", "1.5M users": a capital M glued to a number is a million without a currency sign
/// too, when the number has two digits or a decimal point (a lone digit is a name: "3M") and
/// nothing but a clause end or a word follows. The M of a race distance ("400M hurdles") is
/// metres.
fn glued_million(text: &str, start: usize, digits_end: usize, suffix_end: usize) -> bool {
    if &text[digits_end..suffix_end] != "M" {
        return false;
    }
    let digits = &text[start..digits_end];
    if digits.len() < 2 && !digits.contains('.') {
        return false;
    }
    let bytes = text.as_bytes();
    let clause_or_word = match bytes.get(suffix_end) {
        None => true,
        Some(b) => {
            b.is_ascii_whitespace() || matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?' | b')')
        }
    };
    if !clause_or_word {
        return false;
    }
    let next = word_after(text, suffix_end).map(|(w, _, _)| lowercase(w));
    !matches!(
        next.as_deref(),
        Some(
            "hurdles"
                | "relay"
                | "freestyle"
                | "dash"
                | "sprint"
                | "race"
                | "final"
                | "butterfly"
                | "backstroke"
                | "breaststroke"
                | "medley"
                | "individual"
        )
    )
}

/// A scale letter one or two spaces after a number at the end of a clause ("2.33 k",
/// "1,674.5 G"): its factor and end. Followed by a word, the letter is more likely a name.
fn spaced_scale(text: &str, end: usize) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let mut k = end;
    while k < bytes.len() && bytes[k] == b' ' && k - end < 2 {
        k += 1;
    }
    if k == end {
        return None;
    }
    let mut e = k;
    while e < bytes.len() && bytes[e].is_ascii_alphabetic() {
        e += 1;
    }
    let scale = match &text[k..e] {
        "k" | "K" => 1e3,
        "M" | "MM" => 1e6,
        "G" => 1e9,
        _ => return None,
    };
    let clause_end = match bytes.get(e) {
        None => true,
        Some(b',' | b';' | b':' | b'!' | b'?' | b')') => true,
        Some(b'.') => bytes.get(e + 1).is_none_or(u8::is_ascii_whitespace),
        _ => false,
    };
    clause_end.then_some((scale, e))
}

/// A power written out after a number: "1.3x10^6" and "6.23×10^-4" (times a power of ten),
/// "1.1^23" and "2.5^-1" (the number raised). Returns the end and the value; a sign before
/// the base is the caller's.
fn power_after(text: &str, end: usize, base: f64) -> Option<(usize, f64)> {
    let rest = &text[end..];
    let (times_ten, after) = if let Some(r) = ["x10^", "×10^", "*10^", "X10^"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
    {
        (true, r)
    } else {
        (false, rest.strip_prefix('^')?)
    };
    let signs = after
        .bytes()
        .take_while(|b| matches!(b, b'+' | b'-'))
        .count();
    let negative = after.as_bytes()[..signs]
        .iter()
        .filter(|b| **b == b'-')
        .count()
        % 2
        == 1;
    let digits = after[signs..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut exponent: f64 = after[signs..signs + digits].parse().ok()?;
    if negative {
        exponent = -exponent;
    }
    let value = if times_ten {
        base * 10f64.powf(exponent)
    } else {
        base.powf(exponent)
    };
    let power_end = end + (rest.len() - after.len()) + signs + digits;
    value.is_finite().then_some((power_end, value))
}

/// A vulgar fraction character at `i` ("½", "⅔"): its length in bytes and value.
pub(super) fn vulgar_at(text: &str, i: usize) -> Option<(usize, f64)> {
    let c = text.get(i..)?.chars().next()?;
    let value = match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅐' => 1.0 / 7.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅑' => 1.0 / 9.0,
        '⅒' => 0.1,
        _ => return None,
    };
    Some((c.len_utf8(), value))
}

fn currency_before(text: &str, start: usize) -> Option<&'static str> {
    currency_sign_before(text, start).map(|(code, _)| code)
}

/// `currency_before` with where its sign starts.
fn currency_sign_before(text: &str, start: usize) -> Option<(&'static str, usize)> {
    let before = text[..start].trim_end_matches(' ');
    // Every sign below ends in "$", "D", "R", "s", "." or the last byte of "€ £ ¥ ₩ ₹": this
    // runs for every number, most of which have none.
    if !matches!(
        before.as_bytes().last(),
        Some(b'$' | b'D' | b'R' | b's' | b'.' | 0xAC | 0xA3 | 0xA5 | 0xA9 | 0xB9)
    ) {
        return None;
    }
    let pairs: [(&str, &str); 15] = [
        ("US$", "USD"),
        ("C$", "CAD"),
        ("A$", "AUD"),
        ("HK$", "HKD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("₩", "KRW"),
        ("₹", "INR"),
        ("USD", "USD"),
        ("EUR", "EUR"),
        // Indian rupees, as Indian outlets write them: "Rs 500 crore", "Rs. 2.5 lakh".
        ("Rs.", "INR"),
        ("Rs", "INR"),
        ("INR", "INR"),
    ];
    for (sign, code) in pairs {
        if let Some(rest) = before.strip_suffix(sign) {
            // A sign glued to letters ("US10YT") is part of a code, except the prefixed dollars.
            if sign.len() > 1 && sign.ends_with('$') || rest.is_empty() {
                return Some((code, rest.len()));
            }
            let last = rest.as_bytes()[rest.len() - 1];
            if !last.is_ascii_alphanumeric() || sign == "$" {
                return Some((code, rest.len()));
            }
        }
    }
    None
}

/// The most comma groups a number can have: "1,000,000,000,000,000,000" has six.
const MAX_COMMA_GROUPS: usize = 8;

/// The digit groups after the commas that follow an integer part of `int_len` digits ending
/// at `j`, read only as far as they can still make a separated number (Western threes,
/// Indian twos then a three) or tell a decimal comma (one group) from a list. A list of
/// digits such as "1,2,3,…" is thus read a few groups ahead at each of its numbers, not to
/// its end.
fn comma_groups(bytes: &[u8], j: usize, int_len: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let (mut western, mut indian, mut indian_three) = (true, int_len <= 2, false);
    let mut k = j;
    while k < bytes.len() && bytes[k] == b',' {
        let mut g_end = k + 1;
        while g_end < bytes.len() && bytes[g_end].is_ascii_digit() && g_end - k <= 4 {
            g_end += 1;
        }
        if g_end == k + 1 {
            break;
        }
        // A run of more than four digits is enough to rule both patterns out; its true end
        // does not matter to any caller.
        let len = g_end - (k + 1);
        groups.push((k + 1, g_end));
        k = g_end;
        western &= len == 3;
        // Indian grouping is twos and a closing three: nothing may follow the three.
        indian &= !indian_three && (len == 2 || len == 3);
        indian_three = len == 3;
        if !western && !indian && groups.len() >= 2 || groups.len() > MAX_COMMA_GROUPS {
            break;
        }
    }
    groups
}

/// Read a digit number at `i` (which starts with a digit or a "." before a digit).
/// Returns its end, value and whether it looked like a plain year-shaped integer.
fn parse_digits(text: &str, i: usize) -> Option<(usize, f64)> {
    let bytes = text.as_bytes();
    let mut j = digits_from(bytes, i);
    let int_len = j - i;
    // The number without its separators. Until a separator is dropped it is `text[i..j]`
    // itself, so most numbers are parsed in place without a copy.
    let mut cleaned = Cleaned {
        text: String::new(),
        separated: false,
    };
    if j < bytes.len() && bytes[j] == b',' && int_len > 0 && int_len <= 3 {
        match comma_groups_read(text, i, j, &mut cleaned) {
            Ok(end) => j = end,
            Err(decimal_comma) => return decimal_comma,
        }
    } else if int_len > 0 && int_len <= 3 {
        j = space_groups_read(text, i, j, &mut cleaned);
    }
    // Decimal part, or European thousands ("1.111,11").
    if j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
        let d_end = digits_from(bytes, j + 1);
        if d_end - (j + 1) == 3
            && d_end + 1 < bytes.len()
            && bytes[d_end] == b','
            && bytes[d_end + 1].is_ascii_digit()
            && int_len <= 3
        {
            let f_end = digits_from(bytes, d_end + 1);
            let european = format!(
                "{}{}.{}",
                if cleaned.separated {
                    &cleaned.text
                } else {
                    &text[i..j]
                },
                &text[j + 1..d_end],
                &text[d_end + 1..f_end]
            );
            return european.parse().ok().map(|v| (f_end, v));
        }
        cleaned.push_if_separated(&text[j..d_end]);
        j = d_end;
    }
    // Scientific notation ("1e10", "1.3e6", "-12e-1").
    if j + 1 < bytes.len() && (bytes[j] == b'e' || bytes[j] == b'E') {
        let mut k = j + 1;
        if k < bytes.len() && (bytes[k] == b'+' || bytes[k] == b'-') {
            k += 1;
        }
        let e_end = digits_from(bytes, k);
        if e_end > k && (e_end >= bytes.len() || !bytes[e_end].is_ascii_alphabetic()) {
            cleaned.push_if_separated(&text[j..e_end]);
            j = e_end;
        }
    }
    let number = if cleaned.separated {
        &cleaned.text
    } else {
        &text[i..j]
    };
    number.parse().ok().map(|v| (j, v))
}

/// The digits of a number with its separators dropped, once one was (`separated`).
struct Cleaned {
    text: String,
    separated: bool,
}

impl Cleaned {
    fn push_if_separated(&mut self, part: &str) {
        if self.separated {
            self.text.push_str(part);
        }
    }
}

/// The end of the ASCII digits from `j`.
fn digits_from(bytes: &[u8], mut j: usize) -> usize {
    while j < bytes.len() && bytes[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Thousands separated by commas after the digits `i..j`, western ("1,234,567") or Indian
/// ("12,34,567"): where the number ends, its groups in `cleaned`. A decimal comma ("1,3",
/// "5,00"), as written in much of Europe, is the whole number (`Err`); but not at the end of
/// a list of numbers ("nrs. 22,24,26,31" ends with 31, not 26.31).
fn comma_groups_read(
    text: &str,
    i: usize,
    j: usize,
    cleaned: &mut Cleaned,
) -> Result<usize, Option<(usize, f64)>> {
    let bytes = text.as_bytes();
    let int_len = j - i;
    let groups = comma_groups(bytes, j, int_len);
    let lens: Vec<usize> = groups.iter().map(|(a, b)| b - a).collect();
    let western = !lens.is_empty() && lens.iter().all(|&l| l == 3);
    let indian = lens.len() >= 2
        && int_len <= 2
        && lens[..lens.len() - 1].iter().all(|&l| l == 2)
        && lens[lens.len() - 1] == 3;
    if western || indian {
        cleaned.text.push_str(&text[i..j]);
        cleaned.separated = true;
        for (a, b) in &groups {
            cleaned.text.push_str(&text[*a..*b]);
        }
        return Ok(groups.last().map_or(j, |g| g.1));
    }
    if lens.len() == 1
        && lens[0] <= 2
        && !(i >= 2 && bytes[i - 1] == b',' && bytes[i - 2].is_ascii_digit())
    {
        let mut decimal = text[i..j].to_string();
        decimal.push('.');
        decimal.push_str(&text[groups[0].0..groups[0].1]);
        return Err(decimal.parse().ok().map(|v| (groups[0].1, v)));
    }
    Ok(j)
}

/// "1 234 567" and "40\u{202f}000" after the digits `i..j`: only whole three-digit groups.
/// Where the number ends, its groups in `cleaned`.
fn space_groups_read(text: &str, i: usize, j: usize, cleaned: &mut Cleaned) -> usize {
    let bytes = text.as_bytes();
    let mut k = j;
    loop {
        let sep = if text[k..].starts_with(' ') {
            1
        } else if text[k..].starts_with('\u{202f}') || text[k..].starts_with('\u{a0}') {
            text[k..].chars().next().map_or(1, char::len_utf8)
        } else {
            0
        };
        if sep == 0 {
            break;
        }
        let g_end = digits_from(bytes, k + sep);
        let next_ok = g_end >= bytes.len() || !bytes[g_end].is_ascii_alphanumeric();
        if g_end - (k + sep) != 3 || !next_ok {
            break;
        }
        if !cleaned.separated {
            cleaned.text.push_str(&text[i..j]);
            cleaned.separated = true;
        }
        cleaned.text.push_str(&text[k + sep..g_end]);
        k = g_end;
    }
    k
}

/// Word prefixes that may be glued to a number without making it a name ("mid-2019").
static FREE_PREFIXES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::FREE_PREFIXES));

/// Find raw numbers in `text`.
/// `number_words`: where the number words of the text start (from the trigger pass), in order.
///
/// Only a digit, the lead byte of a vulgar fraction or a number word (with "a"/"an" before it)
/// can start a number, and most of a sentence is none of these: the scan jumps from one such
/// place to the next, to where reading byte by byte would have arrived (the start of the
/// letters or the "." glued before a digit), and reads byte by byte only from there.
fn scan(text: &str, number_words: &[usize]) -> Vec<Raw> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    // The next digit or fraction lead byte at or after `i` (stale once `i` passes it), and the
    // next number word at or after `i`.
    let mut hit = 0;
    let mut next_word = 0;
    while i < bytes.len() {
        if hit < i {
            hit = digit_or_fraction_from(bytes, i);
        }
        while number_words.get(next_word).is_some_and(|&w| w < i) {
            next_word += 1;
        }
        let mut stop = resume_before(bytes, hit);
        if let Some(&word) = number_words.get(next_word) {
            stop = stop.min(article_from(bytes, word));
        }
        if stop >= bytes.len() {
            break;
        }
        i = i.max(stop);
        let b = bytes[i];
        let prev = if i > 0 { bytes[i - 1] } else { b' ' };
        let starts_digits = b.is_ascii_digit()
            || (b == b'.'
                && i + 1 < bytes.len()
                && bytes[i + 1].is_ascii_digit()
                && !prev.is_ascii_digit()
                && !prev.is_ascii_alphabetic());
        if starts_digits && !prev.is_ascii_digit() {
            if let Some(raw) = scan_digits(text, i) {
                i = raw.end.max(i + 1);
                if let Some(raw) = raw.keep {
                    found.push(raw);
                }
                continue;
            }
            i += 1;
            continue;
        }
        if b.is_ascii_alphabetic() && !prev.is_ascii_alphanumeric() {
            let word_here = number_words.get(next_word) == Some(&i);
            i = at_letters(text, i, !number_words.is_empty(), word_here, &mut found);
            continue;
        }
        // "the result is ⅔": lead bytes of the vulgar fractions, always a char boundary.
        if (b == 0xC2 || b == 0xE2)
            && let Some((len, value)) = vulgar_at(text, i)
        {
            found.push(Raw {
                start: i,
                end: i + len,
                value,
                kind: WordKind::Fraction,
                words: false,
                high: None,
            });
            i += len;
            continue;
        }
        i += 1;
    }
    found
}

/// A word starting at `i`: a number in words ("twenty", "a dozen": `any_words` says the text
/// holds some, `word_here` that one starts here), letters glued to digits, or a word to step
/// over. Where the scan goes on.
fn at_letters(
    text: &str,
    i: usize,
    any_words: bool,
    word_here: bool,
    found: &mut Vec<Raw>,
) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j < bytes.len() && bytes[j].is_ascii_digit() {
        return letters_glued_to_digits(text, i, j, found);
    }
    let word = &bytes[i..j];
    let starts_number = if word.eq_ignore_ascii_case(b"a") || word.eq_ignore_ascii_case(b"an") {
        any_words && article_before_number(text, j)
    } else {
        word_here
    };
    if starts_number && let Some(n) = number_words::parse_at(text, i) {
        found.push(Raw {
            start: i,
            end: n.end,
            value: n.value,
            kind: n.kind,
            words: true,
            high: None,
        });
        return n.end;
    }
    j
}

/// Letters at `i..j` glued to digits: an ordinary lower-case word ("won12") is a typo for two
/// words, so the digits are read; anything else ("CLc1", "D4CC", "US10YT", "PM2.5") is a
/// code, stepped over whole with a decimal point inside it. Where the scan goes on.
fn letters_glued_to_digits(text: &str, i: usize, mut j: usize, found: &mut Vec<Raw>) -> usize {
    let bytes = text.as_bytes();
    let word = &text[i..j];
    if word.len() >= 3 && word.bytes().all(|c| c.is_ascii_lowercase()) {
        let digits = j;
        if let Some(raw) = scan_digits(text, digits) {
            if let Some(kept) = raw.keep {
                found.push(kept);
            }
            return raw.end.max(digits + 1);
        }
        return digits;
    }
    let inner_point = |j: usize| {
        bytes[j] == b'.'
            && bytes[j - 1].is_ascii_digit()
            && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
    };
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || inner_point(j)) {
        j += 1;
    }
    j
}

/// The first digit or lead byte of a vulgar fraction (0xC2, 0xE2) at or after `i`, or the
/// length of `bytes`; eight bytes at a time.
fn digit_or_fraction_from(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & triggers::HIGH_BITS;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Per byte with the high bit clear: at least '0' and not past '9'; the additions stay
        // below 0x100 in each byte. `zero_bytes` may also flag bytes after a true zero byte
        // (a borrow), never before one, so the lowest flag is exact.
        let low = x & triggers::LOW_BITS;
        let digits = (low + 0x5050_5050_5050_5050) & !(low + 0x4646_4646_4646_4646) & !x;
        let hits = (digits & triggers::HIGH_BITS)
            | zero_bytes(x ^ (0xC2 * ONES))
            | zero_bytes(x ^ (0xE2 * ONES));
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !(bytes[i].is_ascii_digit() || matches!(bytes[i], 0xC2 | 0xE2)) {
        i += 1;
    }
    i
}

/// Where byte-by-byte reading handles the digit at `at`: at the letters glued before it
/// ("won12", "CLc1") or at a "." before it (".5").
fn resume_before(bytes: &[u8], at: usize) -> usize {
    if at >= bytes.len() {
        return bytes.len();
    }
    if at > 0 && bytes[at - 1] == b'.' {
        return at - 1;
    }
    let mut i = at;
    while i > 0 && bytes[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    i
}

/// Where byte-by-byte reading handles the number word at `at`: at the word before it when
/// spaces part them, which may be the article of "a dozen".
fn article_from(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i > 0 && bytes[i - 1] == b' ' {
        i -= 1;
    }
    if i == at {
        return at;
    }
    while i > 0 && bytes[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    i
}

/// "a"/"an" only starts a number before a multiplier or a fraction ("a dozen", "a third"):
/// check the next word before the full parse, since articles are everywhere.
fn article_before_number(text: &str, word_end: usize) -> bool {
    let rest = text[word_end..].trim_start_matches(' ');
    let next: &str = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let mut buffer = [0u8; 16];
    if next.is_empty() || next.len() > buffer.len() {
        return false;
    }
    buffer[..next.len()].copy_from_slice(next.as_bytes());
    buffer[..next.len()].make_ascii_lowercase();
    let lower = std::str::from_utf8(&buffer[..next.len()]).unwrap_or("");
    !matches!(lower, "one" | "second" | "first") && number_words::is_number_word(lower)
        || matches!(lower, "twenty" | "thirty")
}

struct Scanned {
    end: usize,
    keep: Option<Raw>,
}

/// Read the number whose digits start at `i`, with what is glued to it, and decide whether it
/// is a number at all (codes, times and phone numbers are skipped whole): what it is glued to,
/// forms that are read whole (clock times, powers, "2½"), letters glued after it, then
/// fractions, ranges and number words after it.
fn scan_digits(text: &str, i: usize) -> Option<Scanned> {
    if is_inside_a_code(text, i) {
        return Some(skip_token(text, i));
    }
    let (end, value) = parse_digits(text, i)?;
    if let Some(scanned) = read_whole(text, i, end, value) {
        return Some(scanned);
    }
    let (value, kind, number_end) = match glued_letters(text, i, end, value) {
        Ok(read) => read,
        Err(skipped) => return Some(skipped),
    };
    let raw = Raw {
        start: i,
        end: number_end,
        value,
        kind,
        words: false,
        high: None,
    };
    if kind == WordKind::Cardinal && number_end == end {
        return what_follows(text, end, raw);
    }
    Some(Scanned {
        end: raw.end,
        keep: Some(raw),
    })
}

/// The whole token from `i` skipped: letters, digits and the marks inside a code ("G-20",
/// "a=5", "12:30:45").
fn skip_token(text: &str, i: usize) -> Scanned {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'.' | b'=' | b':'))
        && !(bytes[j] == b'.' && (j + 1 >= bytes.len() || !bytes[j + 1].is_ascii_alphanumeric()))
    {
        j += 1;
    }
    Scanned { end: j, keep: None }
}

/// "Covid-19", "G-20", "SCP-173": a number hyphenated to a word is part of a name (not after
/// a free prefix: "mid-2019"); after "#", "/", ":", "=" or "_" it is part of a code.
fn is_inside_a_code(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
    if prev == b'-' && i >= 2 && bytes[i - 2].is_ascii_alphabetic() {
        let mut k = i - 1;
        while k > 0 && bytes[k - 1].is_ascii_alphabetic() {
            k -= 1;
        }
        let prefix = lowercase(&text[k..i - 1]);
        if !FREE_PREFIXES.contains(&prefix) {
            return true;
        }
    }
    matches!(prev, b'#' | b'/' | b':' | b'=' | b'_')
}

/// Forms read whole from the digits at `i..end`: clock times ("10:30", "4:30 a.m.", "by 1430
/// GMT", "9.30 BST") and addresses or versions ("192.168.1.2") skipped; a power ("10^6") or a
/// vulgar fraction ("2½") kept.
fn read_whole(text: &str, i: usize, end: usize, value: f64) -> Option<Scanned> {
    let bytes = text.as_bytes();
    let rest = &text[end..];
    if rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        let mut j = end + 1;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b':') {
            j += 1;
        }
        return Some(Scanned { end: j, keep: None });
    }
    // A second dot makes an address or a version, not a number.
    if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(skip_token(text, i));
    }
    let kept = |end: usize, value: f64, kind: WordKind| Scanned {
        end,
        keep: Some(Raw {
            start: i,
            end,
            value,
            kind,
            words: false,
            high: None,
        }),
    };
    if let Some((power_end, powered)) = power_after(text, end, value) {
        return Some(kept(power_end, powered, WordKind::Cardinal));
    }
    if value.fract() == 0.0
        && let Some((len, fraction)) = vulgar_at(text, end)
    {
        return Some(kept(end + len, value + fraction, WordKind::Fraction));
    }
    let lower_rest = lowercase(&rest[..floor_boundary(rest, 12)]);
    let trimmed = lower_rest.as_str().trim_start();
    let clock = ["a.m.", "p.m.", "am ", "pm ", "o'clock"]
        .iter()
        .any(|mark| trimmed.starts_with(mark))
        // wire copy's 24-hour clock
        || end - i == 4 && value <= 2359.0 && value % 100.0 < 60.0 && is_time_zone(trimmed)
        // the British way
        || is_dotted_clock(&text[i..end]) && is_time_zone(trimmed);
    clock.then_some(Scanned { end, keep: None })
}

/// Letters glued after the digits at `i..end`: a scale ("5bn", "3m"), an ordinal suffix
/// ("21st"), a unit ("40C", "5km"; `classify` reads it back), or else a code, skipped whole
/// (`Err`). Without letters, a scale word after a space ("5 million"). The value, its kind
/// and where the number ends.
fn glued_letters(
    text: &str,
    i: usize,
    end: usize,
    mut value: f64,
) -> Result<(f64, WordKind, usize), Scanned> {
    let bytes = text.as_bytes();
    let mut j = end;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j == end {
        if let Some((scale, scale_end)) = spaced_scale(text, end) {
            return Ok((value * scale, WordKind::Cardinal, scale_end));
        }
        return Ok((value, WordKind::Cardinal, end));
    }
    let suffix = &text[end..j];
    let followed_by_code = j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'=');
    let money = currency_before(text, i).is_some();
    if followed_by_code {
        return Err(skip_token(text, i));
    }
    let mut kind = WordKind::Cardinal;
    if let Some(scale) = glued_scale(suffix, money) {
        value *= scale;
    } else if glued_million(text, i, end, j) {
        value *= 1e6;
    } else if matches!(lowercase(suffix).as_str(), "st" | "nd" | "rd" | "th")
        && !text[i..end].contains('.')
    {
        kind = WordKind::Ordinal;
    } else if glued_unit(suffix).is_none()
        || bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        return Err(skip_token(text, i));
    }
    Ok((value, kind, j))
}

/// What follows a plain cardinal ending at `end`: a fraction ("7/32", "1-1/2", "2 1/4"), a
/// hyphenated pair (a range "10-20", or a phone number or code skipped whole), or number
/// words ("3 hundred and 21", "2.5 million"); else the number alone.
fn what_follows(text: &str, end: usize, mut raw: Raw) -> Option<Scanned> {
    let value = raw.value;
    if let Some((den_end, numerator, denominator)) = slash_fraction(text, end, value) {
        if denominator == 0.0 {
            return Some(Scanned {
                end: den_end,
                keep: None,
            });
        }
        raw.value = numerator / denominator;
        raw.end = den_end;
        raw.kind = WordKind::Fraction;
        return Some(Scanned {
            end: den_end,
            keep: Some(raw),
        });
    }
    if let Some((den_end, fraction)) = mixed_fraction(text, end, value) {
        raw.value = value + fraction;
        raw.end = den_end;
        return Some(Scanned {
            end: den_end,
            keep: Some(raw),
        });
    }
    let rest = &text[end..];
    if (rest.starts_with('-') || rest.starts_with('–'))
        && let Some(c) = rest.chars().next()
        && let k = end + c.len_utf8()
        && k < text.len()
        && text.as_bytes()[k].is_ascii_digit()
    {
        return hyphenated_pair(text, end, k, c == '-', raw);
    }
    let i = raw.start;
    if number_words::words_may_follow_digits(text, i)
        && let Some(n) = number_words::parse_at(text, i)
        && n.has_words
        && n.end > end
    {
        raw.value = n.value;
        raw.end = n.end;
        raw.kind = n.kind;
        return Some(Scanned {
            end: n.end,
            keep: Some(raw),
        });
    }
    Some(Scanned {
        end: raw.end,
        keep: Some(raw),
    })
}

/// Mixed number: "1-1/2" or "2  1/4" after the whole number `value` ending at `end`: where
/// the fraction ends and its value.
fn mixed_fraction(text: &str, end: usize, value: f64) -> Option<(usize, f64)> {
    let bytes = text.as_bytes();
    let mut k = end;
    while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'-') && k - end < 3 {
        k += 1;
    }
    if k > end
        && k < bytes.len()
        && bytes[k].is_ascii_digit()
        && let Some((num_end, numerator)) = parse_digits(text, k)
        && let Some((den_end, n, d)) = slash_fraction(text, num_end, numerator)
        && d > 0.0
        && n < d
        && value.fract() == 0.0
    {
        return Some((den_end, n / d));
    }
    None
}

/// Two numbers joined by a hyphen or dash, the second starting at `k`: a phone number or
/// code when more follows ("1-222-2222", "555-1234", "10-K") is skipped whole; else a range
/// when the second is larger ("10-20"), else the first alone.
fn hyphenated_pair(
    text: &str,
    end: usize,
    k: usize,
    hyphen: bool,
    mut raw: Raw,
) -> Option<Scanned> {
    let bytes = text.as_bytes();
    let (h_end, high) = parse_digits(text, k)?;
    let after = &text[h_end..];
    let chained = after.starts_with('-') && after[1..].starts_with(|c: char| c.is_ascii_digit());
    let phone = end - raw.start == 3 && h_end - k == 4 && hyphen;
    if chained || phone || after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let mut m = h_end;
        while m < bytes.len() && (bytes[m].is_ascii_alphanumeric() || bytes[m] == b'-') {
            m += 1;
        }
        return Some(Scanned { end: m, keep: None });
    }
    if high > raw.value {
        raw.high = Some(high);
        raw.end = h_end;
        return Some(Scanned {
            end: h_end,
            keep: Some(raw),
        });
    }
    Some(Scanned {
        end,
        keep: Some(raw),
    })
}

/// "/32" after a numerator: the end, numerator and denominator, unless a further "/" makes it
/// a date or a path.
fn slash_fraction(text: &str, end: usize, numerator: f64) -> Option<(usize, f64, f64)> {
    let bytes = text.as_bytes();
    if end + 1 >= bytes.len() || bytes[end] != b'/' || !bytes[end + 1].is_ascii_digit() {
        return None;
    }
    let mut k = end + 1;
    while k < bytes.len() && bytes[k].is_ascii_digit() {
        k += 1;
    }
    if k < bytes.len() && (bytes[k] == b'/' || bytes[k].is_ascii_alphanumeric()) {
        return None;
    }
    let denominator: f64 = text[end + 1..k].parse().ok()?;
    Some((k, numerator, denominator))
}

/// The value rules' word lists, each read from the lexicon once.
struct Words {
    labels: WordSet,
    voting_bodies: WordSet,
    quantity_openers: WordSet,
    time_zones: WordSet,
    score_outcomes: WordSet,
    change_verbs: WordSet,
    measure_units: WordSet,
    counted_units: WordSet,
    instruments: WordSet,
    non_nouns: WordSet,
    function_words: WordSet,
    irregular_plurals: WordSet,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    labels: WordSet::of(&lexicon::VALUE_LABELS),
    voting_bodies: WordSet::of(&lexicon::VOTING_BODIES),
    quantity_openers: WordSet::of(&lexicon::QUANTITY_OPENERS),
    time_zones: WordSet::of(&lexicon::TIME_ZONES),
    score_outcomes: WordSet::of(&lexicon::SCORE_OUTCOMES),
    change_verbs: WordSet::of(&lexicon::CHANGE_VERBS),
    measure_units: WordSet::of(&lexicon::MEASURE_UNITS),
    counted_units: WordSet::of(&lexicon::COUNTED_UNITS),
    instruments: WordSet::of(&lexicon::INSTRUMENT_WORDS),
    non_nouns: WordSet::of(&lexicon::NON_NOUNS),
    function_words: WordSet::of_all(&[&lexicon::FUNCTION_WORDS, &lexicon::COUNT_STOP_WORDS]),
    irregular_plurals: WordSet::of(&lexicon::IRREGULAR_PLURALS),
});

/// A month or weekday written in full ("March 5" is no name followed by a number); short
/// forms are left to the dates ("Thu 7 Nov" is a date line, not a count of seven).
fn is_month_or_day(word: &str) -> bool {
    static FULL_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let full = |list: &'static lexicon::List| list.lines().map(|forms| forms[0]);
        full(&lexicon::MONTHS)
            .chain(full(&lexicon::WEEKDAYS))
            .collect()
    });
    FULL_NAMES.contains(&word)
}

/// Words after a hyphen that make "N-word" a measurement ("48-year-old", "four-year high").
fn is_unit_word(word: &str) -> bool {
    let w = word.trim_end_matches('s');
    WORDS.measure_units.contains(w) || WORDS.counted_units.contains(w)
}

/// Measurement and duration units: a number before one is type `number` with that unit.
fn is_measure_unit(word: &str) -> bool {
    WORDS.measure_units.contains(word.trim_end_matches('s'))
}

/// Words after a tenor ("10-year", "three-month") that make it an instrument's name.
fn is_instrument_word(word: &str) -> bool {
    WORDS.instruments.contains(&lowercase(word))
}

/// Words ending in "s" that are not plural nouns.
fn is_non_noun(word: &str) -> bool {
    WORDS.non_nouns.contains(word) || WORDS.function_words.contains(word)
}

/// Words that never start a counted noun phrase: the function words and the count stop words.
fn is_function_word(word: &str) -> bool {
    WORDS.function_words.contains(word)
}

fn is_irregular_plural(word: &str) -> bool {
    WORDS.irregular_plurals.contains(word)
}

fn plural_like(word: &str) -> bool {
    let lower = lowercase(word);
    let lower = lower.as_str();
    (lower.ends_with('s') && lower.len() > 2 && !lower.ends_with("ss") && !is_non_noun(lower))
        || is_irregular_plural(lower)
}

/// The counted noun after a number: "28,500 troops" -> "troops", "two Arab states" ->
/// "Arab states". Returns the unit and where it ends.
fn counted_noun(text: &str, end: usize, value: f64) -> Option<(String, usize)> {
    static MODIFIERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::COUNT_MODIFIERS));
    let (w1, _, e1) = word_after(text, end)?;
    if !text[end..].starts_with(' ') {
        return None;
    }
    let l1 = lowercase(w1);
    let l1 = l1.as_str();
    // "four other states", "three more people": the thing counted is the noun.
    if MODIFIERS.contains(l1)
        && let Some((w2, _, e2)) = word_after(text, e1)
        && text[e1..].starts_with(' ')
        && plural_like(w2)
        && !is_function_word(&lowercase(w2))
    {
        return Some((w2.to_string(), e2));
    }
    if is_function_word(l1) || l1.contains('-') && !l1.starts_with("in-") {
        if l1.starts_with("in-") {
            return None;
        }
        if !l1.contains('-') {
            return None;
        }
    }
    if plural_like(w1) && !w1.contains('-') {
        return Some((w1.to_string(), e1));
    }
    // Adjective + plural noun: "two Arab states", "40 fellow teachers".
    if let Some((w2, _, e2)) = word_after(text, e1)
        && text[e1..].starts_with(' ')
        && plural_like(w2)
        && !is_function_word(&lowercase(w2))
        && !is_function_word(l1)
    {
        return Some((format!("{w1} {w2}"), e2));
    }
    // "one toilet", "one in-person meeting": a single thing. A hyphenated number word after
    // "one" ("one twenty-first century problem") is a number of its own, not the thing.
    let number_head = l1
        .split('-')
        .next()
        .is_some_and(number_words::is_number_word);
    if value == 1.0
        && !number_head
        && !is_function_word(l1)
        && w1.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        if w1.contains('-')
            && let Some((w2, _, e2)) = word_after(text, e1)
            && text[e1..].starts_with(' ')
            && !is_function_word(&lowercase(w2))
        {
            return Some((w2.to_string(), e2));
        }
        return Some((w1.to_string(), e1));
    }
    None
}

/// "a day after", "about a month", "barely a year": one period counted with "a". Only where
/// the words around it make it a length of time; "once a year", "$5 a month" are rates.
static ONE_PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i-u)\b(?:(about|barely|nearly|almost|roughly|around|just|only|over|under|within|for|than|least)\s+)?an?\s+(day|week|month|year)\b",
    )
    .expect("ONE_PERIOD compiles")
});

/// Lengths of one period in `text` (see `ONE_PERIOD`), as numbers of 1 with the period as unit.
/// Only the trigger windows (around "day", "week", "month", "year") are searched, each with
/// the text before it in view for the word boundaries.
pub fn one_periods(text: &str, windows: &[(usize, usize)]) -> Vec<Value> {
    let mut found: Vec<Value> = Vec::new();
    let matches = windows.iter().flat_map(|&(from, to)| {
        let haystack = &text[..to];
        let mut at = Some(from);
        std::iter::from_fn(move || {
            // Finding is cheaper than capturing, and most windows hold no match.
            let whole = ONE_PERIOD.find_at(haystack, at?)?;
            at = Some(whole.end());
            ONE_PERIOD.captures_at(haystack, whole.start())
        })
    });
    for c in matches {
        let (Some(whole), Some(period)) = (c.get(0), c.get(2)) else {
            continue;
        };
        let next = word_after(text, whole.end()).map(|(w, _, _)| lowercase(w));
        let glued = text[whole.end()..].starts_with(['-', '\'', '’']);
        let measured = c.get(1).is_some() || matches!(next.as_deref(), Some("after" | "before"));
        if !measured || glued {
            continue;
        }
        // "about a month" keeps its hedge, as "about 30 days" would; "for a year" does not.
        let start = match c.get(1) {
            Some(q)
                if matches!(
                    lowercase(q.as_str()).as_str(),
                    "for" | "within" | "than" | "least"
                ) =>
            {
                whole.start()
                    + whole.as_str()[q.len()..]
                        .find(|c: char| c.is_ascii_alphabetic())
                        .map_or(0, |p| p + q.len())
            }
            _ => whole.start(),
        };
        // Windows may overlap: a match is kept once.
        if found.last().is_some_and(|last| last.end > start) {
            continue;
        }
        found.push(Value {
            value_type: ValueType::Number,
            text: text[start..whole.end()].to_string(),
            value: Normalized::Number(1.0),
            unit: Some(period.as_str().to_ascii_lowercase()),
            start,
            end: whole.end(),
        });
    }
    found
}

/// Every number in `text`, classified, with offsets relative to `text`.
pub fn find_numbers(text: &str) -> Vec<Value> {
    find_numbers_with(text, &triggers::Triggers::of(text).number_words)
}

/// `find_numbers` when the caller knows where the number words of `text` start.
pub fn find_numbers_with(text: &str, number_words: &[usize]) -> Vec<Value> {
    let raws = scan(text, number_words);
    let mut values: Vec<Value> = Vec::new();
    let mut skip_until = 0;
    // Where the last number that belongs to a name ended: "Boeing 787-9" goes on with "-9".
    let mut name_end = None;
    for (index, raw) in raws.iter().enumerate() {
        if raw.start < skip_until {
            continue;
        }
        let name_goes_on = name_end
            .and_then(|end| text.get(end..raw.start))
            .is_some_and(|between| matches!(between, "-" | "–"));
        if name_goes_on || is_name_or_idiom(text, raw) {
            name_end = Some(raw.end);
            continue;
        }
        if let Some((value, consumed_next)) = try_between(text, raw, raws.get(index + 1)) {
            skip_until = consumed_next;
            values.push(value);
            continue;
        }
        let mut extra = Vec::new();
        if let Some(value) = classify(text, raw, &mut extra) {
            values.extend(extra);
            values.push(value);
        }
    }
    let ratios = ratios(text, &values);
    // "12 of the 17 positions": the first number counts the same thing as the second.
    for i in 0..values.len().saturating_sub(1) {
        let (a, b) = (&values[i], &values[i + 1]);
        if a.unit.is_none()
            && matches!(a.value_type, ValueType::Number)
            && b.unit.is_some()
            && b.value_type == ValueType::Count
        {
            let between = text[a.end..b.start].trim();
            if matches!(
                between,
                "of the" | "of" | "out of" | "out of the" | "of its" | "of their"
            ) {
                let unit = values[i + 1].unit.clone();
                values[i].unit = unit;
                values[i].value_type = ValueType::Count;
            }
        }
    }
    values.extend(ratios);
    values
}

/// "one in three", "two out of five hundred", "1 over 20": a ratio of two numbers, reported
/// beside them (a checker compares "one in three" with a share from the source). "in" and
/// "out of" need the part no larger than the whole and a whole that is not a year or a
/// measure ("2 in 3 years"); "over" needs the clause to end after the second number ("won
/// 5 over 3 days" is not a fraction).
fn ratios(text: &str, values: &[Value]) -> Vec<Value> {
    let mut found = Vec::new();
    for pair in values.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (Normalized::Number(x), Normalized::Number(y)) = (&a.value, &b.value) else {
            continue;
        };
        let (x, y) = (*x, *y);
        if a.value_type != ValueType::Number
            || a.unit.is_some()
            || a.end > b.start
            || y == 0.0
            || !matches!(b.value_type, ValueType::Number | ValueType::Count)
        {
            continue;
        }
        let between = text[a.end..b.start].trim();
        let part_of_whole = (between.eq_ignore_ascii_case("in")
            || between.eq_ignore_ascii_case("out of"))
            && x >= 0.0
            && x <= y
            && (b.value_type == ValueType::Count || b.unit.is_none())
            && (!is_year(y) || b.text.contains(','));
        let over = between.eq_ignore_ascii_case("over")
            && b.unit.is_none()
            && !text[b.end..]
                .trim_start()
                .starts_with(|c: char| c.is_alphanumeric());
        if part_of_whole || over {
            found.push(Value {
                value_type: ValueType::Number,
                text: text[a.start..b.end].to_string(),
                value: Normalized::Number(x / y),
                unit: None,
                start: a.start,
                end: b.end,
            });
        }
    }
    found
}

/// Numbers that are part of a name or an idiom rather than a quantity.
/// "beat the Buffalo Bills 27-24", "Spain beat Italy 2-1": the score of a game or the tally
/// of a vote after a team's or a body's name, not a number of that name. A score puts the
/// larger figure first, and an outcome word comes before it; a model number has neither
/// ("a Boeing 737-800", "a Boeing 787-9 that beat its rivals").
fn is_score(text: &str, raw: &Raw) -> bool {
    if raw.words || raw.value.fract() != 0.0 || raw.value >= 1000.0 {
        return false;
    }
    let after = &text[raw.end..];
    let Some(second) = after.strip_prefix('-').or_else(|| after.strip_prefix('–')) else {
        return false;
    };
    let digits = second.bytes().take_while(u8::is_ascii_digit).count();
    let larger_first = (1..=3).contains(&digits)
        && !second[digits..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
        && second[..digits]
            .parse::<f64>()
            .is_ok_and(|second| second <= raw.value);
    larger_first
        && text[..raw.start]
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|word| WORDS.score_outcomes.contains(&lowercase(word)))
}

/// Is the number at `raw` part of a name, a code or an idiom rather than a value? A label
/// before it ("Phase 1"), a name before it ("Boeing 787"), "911", "© 2025"; then the idioms
/// of number words ("no one", "at first") or the tenor of a bond ("10-year notes").
fn is_name_or_idiom(text: &str, raw: &Raw) -> bool {
    let first_word = &text[raw.start..raw.end];
    // A label word before ("Phase 1", "phase one", "No. 5").
    if let Some((word, _)) = alpha_before(text, raw.start)
        && WORDS.labels.contains(&word)
    {
        return true;
    }
    if !raw.words && is_named_by_the_word_before(text, raw) {
        return true;
    }
    // "911 calls": the emergency number; "© 2025": a copyright line.
    if first_word == "911" || text[..raw.start].trim_end().ends_with('©') {
        return true;
    }
    if raw.words {
        is_a_word_number_idiom(text, raw)
    } else {
        is_a_tenor(text, raw)
    }
}

/// A capitalised name before a number ("Boeing 787", "S&P 500", "STOXX 600"), unless the
/// word before opens a quantity, is a month, or the figure is a share, a tally or owned.
fn is_named_by_the_word_before(text: &str, raw: &Raw) -> bool {
    let Some((word, _)) = word_before(text, raw.start) else {
        return false;
    };
    if !word.starts_with(|c: char| c.is_ascii_uppercase())
        || currency_before(text, raw.start).is_some()
    {
        return false;
    }
    let bare = lowercase(word.trim_end_matches([',', ':']));
    let bare = bare.as_str();
    let quantity_after = {
        let after = text[raw.end..].trim_start();
        let after = lowercase(&after[..floor_boundary(after, 12)]);
        let after = after.as_str();
        after.starts_with('%') || after.starts_with("percent") || after.starts_with("per cent")
    };
    // "306 electoral votes to Trump's 232": a possessive owns a figure unless a name goes on
    // after it ("Boeing's 737 MAX").
    let owned = (word.ends_with("'s") || word.ends_with("’s"))
        && !word_after(text, raw.end)
            .is_some_and(|(w, _, _)| w.starts_with(|c: char| c.is_ascii_uppercase()));
    // "passed the House 232-196": a vote tally, not a name.
    let tally = (WORDS.voting_bodies.contains(bare) && {
        let after = &text[raw.end..];
        let after = after
            .strip_prefix('-')
            .or_else(|| after.strip_prefix('–'))
            .or_else(|| after.strip_prefix(" to "));
        after.is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()))
    }) || is_score(text, raw);
    !word.ends_with(',')
        && !WORDS.quantity_openers.contains(bare.trim_end_matches('.'))
        && !WORDS.function_words.contains(bare)
        && !is_month_or_day(bare.trim_end_matches('.'))
        && !quantity_after
        && !tally
        && !owned
}

/// Number words that name or say rather than count: in a capitalised name ("Six-Day War"),
/// a hyphenated term ("two-state solution"), "one" as a pronoun ("no one", "one of"), an
/// ordinal as an adverb or idiom ("at first", "the first time"), "a second" as "another".
fn is_a_word_number_idiom(text: &str, raw: &Raw) -> bool {
    let lower = lowercase(&text[raw.start..raw.end]);
    let lower = lower.as_str();
    if is_in_a_capitalised_name(text, raw) || is_a_hyphenated_term(text, raw) {
        return true;
    }
    let next = word_after(text, raw.end).map(|(w, _, _)| lowercase(w));
    let next = next.as_deref().unwrap_or("");
    let prev = alpha_before(text, raw.start)
        .map(|(w, _)| w)
        .unwrap_or_default();
    let prev = prev.as_str();
    // "minus one", "negative one": a signed number, never an idiom.
    if matches!(prev, "minus" | "negative") {
        return false;
    }
    if lower == "one" && is_one_a_pronoun(prev, next) {
        return true;
    }
    if raw.kind == WordKind::Ordinal
        && let Some(idiom) = is_an_ordinal_idiom(text, raw, lower, prev, next)
    {
        return idiom;
    }
    // "a second person" is "another person"; "a third" alone without "of" is vague.
    (lower.starts_with("a ") || lower.starts_with("an ")) && lower.ends_with("second")
}

/// "Six-Day War", "First Amendment", "Big Three": capitalised number words in a name. At a
/// sentence's start (or after a colon: "Christopher L. Tays: Two warrants") a capital is no
/// sign of a name, and a count may go on past one ("Two United States service members").
fn is_in_a_capitalised_name(text: &str, raw: &Raw) -> bool {
    if !text[raw.start..].starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let sentence_start = text[..raw.start]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .is_empty()
        || text[..raw.start].trim_end().ends_with(':');
    let next_capital = text[raw.end..]
        .trim_start_matches([' ', '-'])
        .starts_with(|c: char| c.is_ascii_uppercase());
    let counts_at_start =
        sentence_start && (!next_capital || noun_past_a_name(text, raw).is_some());
    !counts_at_start && !ranked_session(text, raw)
}

/// Hyphenated word numbers: "two-state solution" is a term, "four-year" a measure, but
/// "four-year notes" an instrument's name; "second-biggest", "first-ever": a hyphenated
/// ordinal is still a rank.
fn is_a_hyphenated_term(text: &str, raw: &Raw) -> bool {
    if text.as_bytes().get(raw.end) != Some(&b'-') {
        return false;
    }
    let Some((unit, _, unit_end)) = word_after(text, raw.end + 1) else {
        return false;
    };
    let unit_lower = lowercase(unit);
    let head = unit_lower.split('-').next().unwrap_or("");
    if !is_unit_word(head) && raw.kind != WordKind::Ordinal {
        return true;
    }
    word_after(text, unit_end).is_some_and(|(next, _, _)| is_instrument_word(next))
}

/// "one of those interactions", "no one", "the one", "one who": "one" as a pronoun, not a
/// count, by the word after it or before it, or alone at the end.
fn is_one_a_pronoun(prev: &str, next: &str) -> bool {
    static ONE_IDIOMS: LazyLock<Vec<Vec<&str>>> =
        LazyLock::new(|| lexicon::ONE_AS_A_PRONOUN.lines().collect());
    let either = &ONE_IDIOMS[2];
    next.is_empty()
        || ONE_IDIOMS[0].contains(&next)
        || ONE_IDIOMS[1].contains(&prev)
        || either.contains(&next)
        || either.contains(&prev)
}

/// "the first time", "a second person", "at first", "at the eleventh hour": idioms, and an
/// ordinal alone at the end from "first" to "third" is an adverb ("came second" is a rank).
/// `None` when the ordinal is neither surely an idiom nor surely a value.
fn is_an_ordinal_idiom(text: &str, raw: &Raw, lower: &str, prev: &str, next: &str) -> Option<bool> {
    static IDIOMS: LazyLock<Vec<Vec<&str>>> =
        LazyLock::new(|| lexicon::ORDINAL_IDIOMS.lines().collect());
    // "the first time" is an idiom; "the third time" counts occurrences.
    let idiom_noun =
        IDIOMS[0].contains(&next) || matches!(next, "time" | "times") && raw.value <= 1.0;
    // "the third 90-day extension": a number follows, so the clause goes on.
    let clause_end = next.is_empty()
        && !text[raw.end..]
            .trim_start_matches([' ', '-'])
            .starts_with(|c: char| c.is_ascii_digit());
    if idiom_noun
        || matches!(prev, "at" | "a" | "an")
        || lower == "eleventh" && next == "hour"
        // "eleventh" or "two hundredth" is a rank whatever follows.
        || clause_end
            && raw.value <= 3.0
            && !IDIOMS[1].contains(&prev)
    {
        return Some(true);
    }
    (lower == "second" && matches!(next, "half" | "quarter" | "hand")).then_some(false)
}

/// "10-year notes", "30-year bond": a tenor is part of the instrument's name.
fn is_a_tenor(text: &str, raw: &Raw) -> bool {
    if text.as_bytes().get(raw.end) == Some(&b'-')
        && let Some((unit, _, unit_end)) = word_after(text, raw.end + 1)
        && is_unit_word(unit.split('-').next().unwrap_or(""))
        && let Some((next, _, _)) = word_after(text, unit_end)
    {
        return is_instrument_word(next);
    }
    false
}

/// "Two United States service members", "Two Bartholomew County warrants": a capitalised
/// cardinal opening the sentence counts the plural noun after a short capitalised name, where
/// "Six-Day War" or "Three Gorges Dam holds water" is a name whole. The plural must end the
/// noun phrase (a function word or a stop after it), or a verb in "s" would pass for a noun.
/// Returns the counted noun (without the name) and where it ends.
fn noun_past_a_name(text: &str, raw: &Raw) -> Option<(String, usize)> {
    if raw.kind != WordKind::Cardinal {
        return None;
    }
    let noun = |w: &str| plural_like(w) && !is_function_word(&lowercase(w));
    let phrase_ends = |end: usize| match word_after(text, end) {
        Some((w, _, _)) if text[end..].starts_with(' ') => is_function_word(&lowercase(w)),
        _ => text[end..].starts_with([',', '.', ':', ';', ')']) || end == text.len(),
    };
    let mut at = raw.end;
    for _ in 0..4 {
        let (word, start, end) = word_after(text, at)?;
        if !text[at..].starts_with(' ') {
            return None;
        }
        if word.starts_with(|c: char| c.is_ascii_lowercase()) {
            if noun(word) && phrase_ends(end) {
                return Some((word.to_string(), end));
            }
            // The noun may have a modifier of its own: "service members".
            let (second, _, second_end) = word_after(text, end)?;
            return (!is_function_word(&lowercase(word))
                && text[end..].starts_with(' ')
                && noun(second)
                && phrase_ends(second_end))
            .then(|| (text[start..second_end].to_string(), second_end));
        }
        at = end;
    }
    None
}

/// "Ninth Meeting of the ...", "Fifth Plenum of the Central Committee": a capitalised ordinal
/// past "third" before one capitalised noun and "of" numbers a session of a body, which is a
/// fact to check. "First" to "third" are left out: "First Lady of", "Second Secretary of" are
/// titles.
fn ranked_session(text: &str, raw: &Raw) -> bool {
    if raw.kind != WordKind::Ordinal || raw.value <= 3.0 {
        return false;
    }
    let Some((noun, _, noun_end)) = word_after(text, raw.end) else {
        return false;
    };
    noun.starts_with(|c: char| c.is_ascii_uppercase())
        && !noun.contains('-')
        && word_after(text, noun_end).is_some_and(|(w, _, _)| w == "of")
}

/// "between 10 and 20", "10 to 20", "from 2008 to 2016": a closed range of two raw numbers.
fn try_between(text: &str, raw: &Raw, next: Option<&Raw>) -> Option<(Value, usize)> {
    let next = next?;
    let (low_start, prev, dashed) = range_words(text, raw, next)?;
    let high_value = classify(text, next, &mut Vec::new())?;
    let low_text_start = if prev == "between" {
        alpha_before(text, low_start).map_or(low_start, |(_, s)| s)
    } else {
        low_start
    };
    let unit = high_value.unit.clone();
    let value = range_value(text, raw, next, &high_value, dashed);
    let end = high_value.end.max(next.end);
    Some((
        Value {
            value_type: ValueType::Range,
            text: text[low_text_start..end].to_string(),
            value,
            unit,
            start: low_text_start,
            end,
        },
        end,
    ))
}

/// Do the words between two cardinals make them one range? Both ends the same kind of thing
/// ("10% to 20%", "$10 to $20"), joined by "and" after "between" or by "to" or a dash, the
/// second larger, and no change and the level it reached ("Oil fell $1.20 to $56.30"; "rose
/// 10 to 20 percent" is a range of the change). Where the low end starts with its currency
/// sign, the word before it, and whether a dash joins them.
fn range_words(text: &str, raw: &Raw, next: &Raw) -> Option<(usize, Lower, bool)> {
    if raw.kind != WordKind::Cardinal || next.kind != WordKind::Cardinal || raw.high.is_some() {
        return None;
    }
    let gap = lowercase(text[raw.end..next.start].trim());
    let gap = gap.as_str();
    let low_percent = gap.starts_with('%');
    let high_percent = text[next.end..].starts_with('%');
    if low_percent != high_percent && low_percent {
        return None;
    }
    let gap = gap.trim_start_matches(['%']).trim();
    let money = currency_before(text, raw.start).is_some();
    if currency_before(text, next.start).is_some() && !money {
        return None;
    }
    let gap = gap.strip_suffix('$').unwrap_or(gap).trim();
    // The low end with its currency sign: "between $5 million and $10 million".
    let low_start = currency_sign_before(text, raw.start).map_or(raw.start, |(_, at)| at);
    let prev = alpha_before(text, low_start)
        .map(|(w, _)| w)
        .unwrap_or_default();
    let ok = match gap {
        "and" => prev == "between",
        "to" | "-" | "–" => prev != "from" || is_year(raw.value) && is_year(next.value),
        _ => false,
    };
    if !ok || next.value <= raw.value {
        return None;
    }
    if WORDS.change_verbs.contains(&prev) && next.value > 4.0 * raw.value {
        return None;
    }
    Some((low_start, prev, matches!(gap, "-" | "–")))
}

/// The range's value: two years as a range of years; else the low end scaled as the high
/// one is ("5 to 10 million": the scale word after the high end is read into it, and the
/// low end, written without one, shares it; "$500 to $1 million" is not five hundred
/// million to one million).
fn range_value(text: &str, raw: &Raw, next: &Raw, high_value: &Value, dashed: bool) -> Normalized {
    let mut scale = match &high_value.value {
        Normalized::Number(h) if next.value != 0.0 => h / next.value,
        _ => 1.0,
    };
    let bare = |raw: &Raw| {
        (!raw.words)
            .then(|| parse_digits(text, raw.start))
            .flatten()
            .map(|(_, v)| v)
    };
    if let (Some(low_bare), Some(high_bare)) = (bare(raw), bare(next))
        && low_bare == raw.value
        && high_bare != 0.0
        && next.value != high_bare
    {
        scale *= next.value / high_bare;
    }
    let both_years =
        is_year(raw.value) && is_year(next.value) && high_value.unit.is_none() && !raw.words;
    if both_years {
        return Normalized::DateRange(
            Some(format!("{}", raw.value as i64)),
            Some(format!("{}", next.value as i64)),
        );
    }
    let mut high = match &high_value.value {
        Normalized::Number(h) => *h,
        _ => next.value,
    };
    // "1000 - 5000": the dash joins the ends; it is not the high end's minus sign.
    if dashed {
        high = high.abs();
        scale = scale.abs();
    }
    let low = if scale == 1.0 || raw.value * scale > high {
        raw.value
    } else {
        raw.value * scale
    };
    Normalized::Range(Some(low), Some(high))
}

fn is_year(value: f64) -> bool {
    value.fract() == 0.0 && (1800.0..=2100.0).contains(&value)
}

/// What `classify` has read of one number so far: its span, value, type and unit, which each
/// step below may widen or change.
struct Reading {
    start: usize,
    end: usize,
    value: f64,
    high: Option<f64>,
    value_type: ValueType,
    unit: Option<String>,
}

/// Decide what one raw number is from its neighbours, in steps: its sign; "half" and
/// "quarter" as periods or shares; "a third" as a rank; the currency or percent sign and
/// words around it; a unit or counted noun after it; a range last.
fn classify(text: &str, raw: &Raw, extra: &mut Vec<Value>) -> Option<Value> {
    let mut r = Reading {
        start: raw.start,
        end: raw.end,
        value: raw.value,
        high: raw.high,
        value_type: match raw.kind {
            WordKind::Ordinal => ValueType::Ordinal,
            _ => ValueType::Number,
        },
        unit: None,
    };
    let lower = lowercase(&text[raw.start..raw.end]);
    let lower = lower.as_str();
    signed(text, raw, &mut r);
    if raw.words && is_a_period(text, raw, lower) {
        return None;
    }
    if raw.words && (lower == "half" || lower == "a half") {
        if let Some(share) = half_as_share(text, raw, lower, &r, extra) {
            return Some(share);
        }
        if lower == "half" {
            return None;
        }
    }
    if raw.words && raw.kind == WordKind::Fraction {
        fraction_as_rank(text, raw, lower, &mut r);
    }
    currency_and_scale(text, raw, &mut r);
    if r.value_type != ValueType::Money {
        percent_after(text, &mut r);
    }
    if r.value_type == ValueType::Number {
        money_named_after(text, &mut r);
    }
    if r.value_type == ValueType::Money {
        price_unit(text, &mut r);
    }
    // A unit glued to the digits: "40C", "5km".
    if r.value_type == ValueType::Number
        && !raw.words
        && let Some(glued) = glued_unit(
            text[raw.start..raw.end]
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ','),
        )
    {
        r.unit = Some(glued.to_string());
    }
    if matches!(r.value_type, ValueType::Number | ValueType::Ordinal) && r.unit.is_none() {
        measured_or_counted(text, raw, &mut r);
    }
    Some(finished(text, r, extra))
}

/// Negative numbers: "-1", "minus five"; but "plus or minus 3 points" is a margin of 3.
fn signed(text: &str, raw: &Raw, r: &mut Reading) {
    if !raw.words && raw.start > 0 {
        let before = &text[..raw.start];
        let trimmed = before.trim_end_matches(' ');
        // The minus sign may be U+2212, three bytes: what precedes it starts before all three.
        if let Some(sign @ ('-' | '−')) = trimmed.chars().next_back() {
            let before_sign = &trimmed[..trimmed.len() - sign.len_utf8()];
            if !before_sign.ends_with(|c: char| c.is_alphanumeric())
                && currency_before(text, raw.start).is_none()
            {
                r.start = before_sign.len();
                r.value = -r.value;
            }
        }
    }
    if let Some((word, word_start)) = alpha_before(text, raw.start)
        && (word == "minus" || word == "negative")
    {
        let before = text[..word_start].trim_end();
        let margin = word == "minus"
            && before
                .get(before.len().saturating_sub(7)..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case("plus or"));
        if !margin {
            r.start = word_start;
            r.value = -r.value;
        }
    }
}

/// "the first half of the season", "in the third quarter", "last quarter": a period of time,
/// not a share. A bare "quarter" is a share only as "quarter of" ("a quarter" is read whole).
fn is_a_period(text: &str, raw: &Raw, lower: &str) -> bool {
    static OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::PERIOD_OPENERS));
    if !(lower == "half" || lower == "quarter" || lower == "quarters") {
        return false;
    }
    let prev = alpha_before(text, raw.start)
        .map(|(w, _)| w)
        .unwrap_or_default();
    let next = word_after(text, raw.end).map(|(w, _, _)| lowercase(w));
    let period = OPENERS.contains(&prev) || number_words::is_ordinal_word(&prev);
    period || lower != "half" && next.as_deref() != Some("of")
}

/// "half of the districts": a share, which the desk records as a percentage; "more than
/// half", "up to half of": a bound on the share besides, reported as an open range, as for
/// "more than 30,000".
fn half_as_share(
    text: &str,
    raw: &Raw,
    lower: &str,
    r: &Reading,
    extra: &mut Vec<Value>,
) -> Option<Value> {
    static BOUNDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::SHARE_BOUNDS));
    static SHARE_OF: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::of(&lexicon::SHARE_CONTINUATIONS));
    let next = word_after(text, raw.end).map(|(w, _, _)| lowercase(w));
    let prev = alpha_before(text, raw.start)
        .map(|(w, _)| w)
        .unwrap_or_default();
    let share = BOUNDS.contains(&prev);
    let of_something = next.as_deref().is_some_and(|w| SHARE_OF.contains(w));
    if !(share && lower == "half" || of_something) {
        return None;
    }
    let (start, end) = (r.start, r.end);
    if let Some((lower_bound, phrase_start)) = open_range(text, start) {
        let bound = Some(50.0);
        extra.push(Value {
            value_type: ValueType::Range,
            text: text[phrase_start..end].to_string(),
            value: if lower_bound {
                Normalized::Range(bound, None)
            } else {
                Normalized::Range(None, bound)
            },
            unit: Some("percent".to_string()),
            start: phrase_start,
            end,
        });
    }
    Some(Value {
        value_type: ValueType::Percent,
        text: text[start..end].to_string(),
        value: Normalized::Number(50.0),
        unit: None,
        start,
        end,
    })
}

/// "a third term": an ordinal, not a fraction, unless "of" follows or it stands alone ("a
/// fifth").
fn fraction_as_rank(text: &str, raw: &Raw, lower: &str, r: &mut Reading) {
    if !(lower.starts_with("a ") || lower.starts_with("an ")) {
        return;
    }
    let next = word_after(text, raw.end).map(|(w, _, _)| lowercase(w));
    if next.is_some()
        && next.as_deref() != Some("of")
        && !lower.ends_with("half")
        && !lower.ends_with("quarter")
    {
        r.value = (1.0 / r.value).round();
        r.value_type = ValueType::Ordinal;
        r.start = raw.start + lower.find(' ').map_or(0, |p| p + 1);
    }
}

/// Currency before: "$1.2 billion", "€5", "US$ 1MM". A scale word after a hyphenated pair
/// scales both ends, money or not: "$40-50 billion".
fn currency_and_scale(text: &str, raw: &Raw, r: &mut Reading) {
    let money = currency_before(text, raw.start);
    if let Some(code) = money {
        r.value_type = ValueType::Money;
        r.unit = Some(code.to_string());
        let before = text[..raw.start].trim_end_matches(' ');
        let sign_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace() && !c.is_ascii_digit() && *c != '(')
            .last()
            .map_or(raw.start, |(p, _)| p);
        r.start = r.start.min(sign_start);
    }
    if (money.is_some() || r.high.is_some())
        && let Some((w, _, e)) = word_after(text, r.end)
        && text[r.end..].starts_with(' ')
        && let Some(scale) = word_scale(w)
    {
        r.value *= scale;
        r.high = r.high.map(|h| h * scale);
        r.end = e;
    }
}

/// Percentages: "10%", "10 percent", "10 per cent"; points: "2 percentage points", "25 basis
/// points". The look-ahead is cut at 40 bytes and compared in any case where it lies, without
/// a lower-cased copy (this runs for every number).
fn percent_after(text: &str, r: &mut Reading) {
    static PERCENT_WORDS: LazyLock<Vec<&str>> =
        LazyLock::new(|| lexicon::PERCENT_WORDS.phrases().collect());
    let after = &text[r.end..];
    let after_cut = &after[..floor_boundary(after, 40)];
    let after_trim = after_cut.trim_start();
    // (bytes consumed, the unit of points: "percentage points", "basis points")
    let percent = if after_cut.starts_with('%') {
        Some((1, None))
    } else if let Some(p) = PERCENT_WORDS.iter().find(|p| {
        starts_with_ignore_case(after_trim, p)
            && !after_trim[p.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
    }) {
        let word_start = after_cut.len() - after_trim.len();
        let points = if p.starts_with("basis") {
            Some("basis points")
        } else {
            p.contains("point").then_some("percentage points")
        };
        Some((word_start + p.len(), points))
    } else {
        None
    };
    if let Some((len, points)) = percent {
        r.end += len;
        if let Some(points) = points {
            r.unit = Some(points.to_string());
        } else {
            r.value_type = ValueType::Percent;
        }
    }
}

/// Money named after the number: "5,000 won", "20 dollars".
fn money_named_after(text: &str, r: &mut Reading) {
    let Some((w, _, e)) = word_after(text, r.end) else {
        return;
    };
    if !text[r.end..].starts_with(' ') {
        return;
    }
    static CURRENCY_NAMES: LazyLock<std::collections::HashMap<&str, String>> =
        LazyLock::new(|| {
            lexicon::CURRENCY_NAMES
                .lines()
                .flat_map(|words| {
                    let code = words[0].to_ascii_uppercase();
                    words[1..]
                        .iter()
                        .map(move |name| (*name, code.clone()))
                        .collect::<Vec<_>>()
                })
                .collect()
        });
    let code = CURRENCY_NAMES
        .get(lowercase(w).as_str())
        .filter(|code| *code != "GBP" || text[e..].trim_start().starts_with("sterling"));
    if let Some(code) = code {
        r.value_type = ValueType::Money;
        r.unit = Some(code.clone());
        r.end = e;
    }
}

/// "$55.12 per barrel", "$1,472.19 an ounce": the price's unit; "per metric ton", "a square
/// foot": both words.
fn price_unit(text: &str, r: &mut Reading) {
    static UNIT_MODIFIERS: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::of(&lexicon::UNIT_MODIFIERS));
    let Some((w, _, e)) = word_after(text, r.end) else {
        return;
    };
    let Some((noun, noun_start, ne)) = word_after(text, e) else {
        return;
    };
    if !(matches!(lowercase(w).as_str(), "a" | "an" | "per")
        && noun.bytes().all(|b| b.is_ascii_lowercase())
        && !is_function_word(noun))
    {
        return;
    }
    let (noun, ne) = match word_after(text, ne) {
        Some((next, _, next_end))
            if UNIT_MODIFIERS.contains(noun) && next.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            (&text[noun_start..next_end], next_end)
        }
        _ => (noun, ne),
    };
    r.unit = Some(format!("{} per {}", r.unit.as_deref().unwrap_or(""), noun));
    r.end = ne;
}

/// Measurements and counts: "three days", "28,500 troops", "102.2 points"; "a 10-year plan"
/// counts years; an ordinal keeps what it ranks ("seventh straight session").
fn measured_or_counted(text: &str, raw: &Raw, r: &mut Reading) {
    if text[r.end..].starts_with('-') {
        hyphenated_unit(text, r);
        return;
    }
    let Some((w, w_start, e)) = word_after(text, r.end) else {
        return;
    };
    if !text[r.end..].starts_with(' ') {
        return;
    }
    let lw = lowercase(w);
    let lw = lw.as_str();
    if r.value_type == ValueType::Ordinal {
        // In "the first nine months" the rank is of a period the cardinal counts.
        let cardinal_after =
            number_words::parse_at(text, w_start).is_some_and(|n| n.kind == WordKind::Cardinal);
        // "first ever final": "ever" stresses the rank, it is not what is ranked.
        if !is_function_word(lw) && !cardinal_after && lw != "ever" {
            r.unit = Some(w.to_string());
        }
    } else if lw == "per" {
        if let Some((noun, _, ne)) = word_after(text, e) {
            r.unit = Some(format!("per {noun}"));
            r.end = ne;
        }
    } else if is_measure_unit(lw) {
        r.unit = Some(lw.to_string());
        r.end = e;
        // "1-1/2 year" reads as years; "5 km" stays km.
        if !lw.ends_with('s') && r.value != 1.0 && glued_unit(lw).is_none() {
            r.unit = Some(plural_of(lw));
        }
    } else if let Some((noun, noun_end)) = (raw.words
        && text[raw.start..].starts_with(|c: char| c.is_ascii_uppercase()))
    .then(|| noun_past_a_name(text, raw))
    .flatten()
    .or_else(|| counted_noun(text, r.end, r.value))
    {
        r.value_type = ValueType::Count;
        r.unit = Some(noun);
        r.end = noun_end;
    }
}

/// The plural of a unit of the lexicon: "centuries" after a consonant and "y", else an "s"
/// ("days", "years").
fn plural_of(unit: &str) -> String {
    match unit.strip_suffix('y') {
        Some(stem) if stem.ends_with(|c: char| !"aeiou".contains(c)) => format!("{stem}ies"),
        _ => format!("{unit}s"),
    }
}

/// "a 19th-century mill" ranks one century; "a 10-year plan" counts years.
fn hyphenated_unit(text: &str, r: &mut Reading) {
    let Some((w, _, _)) = word_after(text, r.end + 1) else {
        return;
    };
    let head = lowercase(w.split('-').next().unwrap_or(""));
    let head = head.as_str();
    if is_unit_word(head) {
        let plural = if head.ends_with('s') || r.value_type == ValueType::Ordinal {
            head.to_string()
        } else {
            plural_of(head)
        };
        r.unit = Some(plural);
        r.end = r.end + 1 + head.len();
    }
}

/// The value read: a closed range when a second number was joined to it; else the number,
/// with an open range beside it when a bound qualifies it ("up to 700", "more than 30,000",
/// "at least 5"). The bound is what the claim says, and the number is reported too, since a
/// checker looks up "600,000 Israelis" whatever the qualifier.
fn finished(text: &str, r: Reading, extra: &mut Vec<Value>) -> Value {
    let Reading {
        start,
        end,
        value,
        high,
        value_type,
        unit,
    } = r;
    let percent_unit = || Some("percent".to_string());
    if let Some(h) = high {
        return Value {
            value_type: ValueType::Range,
            text: text[start..end].to_string(),
            value: Normalized::Range(Some(value), Some(h)),
            unit: if value_type == ValueType::Percent {
                percent_unit()
            } else {
                unit
            },
            start,
            end,
        };
    }
    if let Some(open) = open_range(text, start) {
        let (low, high) = if open.0 {
            (Some(value), None)
        } else {
            (None, Some(value))
        };
        extra.push(Value {
            value_type: ValueType::Range,
            text: text[open.1..end].to_string(),
            value: Normalized::Range(low, high),
            unit: if value_type == ValueType::Percent {
                percent_unit()
            } else {
                unit.clone()
            },
            start: open.1,
            end,
        });
    }
    Value {
        value_type,
        text: text[start..end].to_string(),
        value: Normalized::Number(value),
        unit,
        start,
        end,
    }
}

/// A scale word after a number pair ("billion" in "$40-50 billion").
fn word_scale(word: &str) -> Option<f64> {
    let lower = lowercase(word);
    match lexicon::number_word(&lower) {
        Some(lexicon::NumberWord::Scale(scale)) => Some(scale),
        // "mn", "tn": the short forms written glued to digits, also written apart.
        _ if lower.len() == 2 => glued_scale(&lower, false),
        _ => None,
    }
}

/// "more than" / "up to" before `start`: (true for a lower bound, where the phrase starts).
fn open_range(text: &str, start: usize) -> Option<(bool, usize)> {
    const PHRASES: [(&str, bool); 11] = [
        ("more than", true),
        ("at least", true),
        ("upwards of", true),
        ("no fewer than", true),
        ("no less than", true),
        ("up to", false),
        ("as many as", false),
        ("as much as", false),
        ("fewer than", false),
        ("less than", false),
        ("at most", false),
    ];
    let before = text[..start].trim_end_matches(' ');
    let bytes = before.as_bytes();
    // Every phrase ends in "n", "t", "f", "o" or "s": most numbers stop at this one look.
    if !bytes
        .last()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'n' | b't' | b'f' | b'o' | b's'))
    {
        return None;
    }
    for &(phrase, lower_bound) in &PHRASES {
        if !ends_with_ignore_case(bytes, phrase) {
            continue;
        }
        let phrase_start = before.len() - phrase.len();
        if phrase_start > 0 && bytes[phrase_start - 1].is_ascii_alphabetic() {
            continue;
        }
        // "no more than 5" is an upper bound.
        if phrase == "more than" {
            let head = before[..phrase_start].trim_end();
            let head_bytes = head.as_bytes();
            if ends_with_ignore_case(head_bytes, "no")
                && (head_bytes.len() == 2
                    || !head_bytes[head_bytes.len() - 3].is_ascii_alphabetic())
            {
                return Some((false, head.len() - 2));
            }
        }
        return Some((lower_bound, phrase_start));
    }
    None
}

/// True when `haystack` ends with `needle`, ignoring ASCII case (no allocation).
/// Whether `text` starts with the ASCII `prefix` in any case; the match ends on a char
/// boundary, since every byte it covers is ASCII.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn ends_with_ignore_case(haystack: &[u8], needle: &str) -> bool {
    haystack.len() >= needle.len()
        && haystack[haystack.len() - needle.len()..].eq_ignore_ascii_case(needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expected<'a> = (&'a str, Normalized, Option<&'a str>);

    /// The eight-byte search for digits and fraction lead bytes agrees with a byte loop, at
    /// every offset and next to every byte value.
    #[test]
    fn digit_search_agrees_with_bytes() {
        let mut text: Vec<u8> = "It rose ½ to 3.5%, “up” — 12 of ⅔ x".as_bytes().to_vec();
        for b in 0u8..=255 {
            text.extend([
                b'q', b'/', b':', b'q', b'q', b'q', b'q', b'q', b'q', b'q', b,
            ]);
        }
        for start in 0..=text.len() {
            let expected = (start..text.len())
                .find(|&i| text[i].is_ascii_digit() || matches!(text[i], 0xC2 | 0xE2))
                .unwrap_or(text.len());
            assert_eq!(digit_or_fraction_from(&text, start), expected, "{start}");
        }
    }

    /// Run `find_numbers` on `input` and compare (type, value, unit) of each value found;
    /// print a mismatch and return false so a table reports every failing case at once.
    fn check(input: &str, expected: &[Expected]) -> bool {
        let got: Vec<(String, Normalized, Option<String>)> = find_numbers(input)
            .into_iter()
            .map(|v| (v.value_type.as_str().to_string(), v.value, v.unit))
            .collect();
        let ok = got.len() == expected.len()
            && got.iter().zip(expected).all(|(g, w)| {
                let close = match (&g.1, &w.1) {
                    (Normalized::Number(a), Normalized::Number(b)) => {
                        (a - b).abs() < 1e-6 * b.abs().max(1.0)
                    }
                    (a, b) => a == b,
                };
                g.0 == w.0 && close && g.2.as_deref() == w.2
            });
        if !ok {
            eprintln!("{input}: got {got:?}, want {expected:?}");
        }
        ok
    }

    #[test]
    fn stack_lowercase_matches_the_heap_one() {
        let long = "Forty-Eight Bytes Is The Inline Buffer; This Text Is Longer Than That";
        let cases = [
            ("", "empty"),
            ("Troops", "a capitalised word"),
            ("PERCENTAGE POINTS", "upper case"),
            ("Ärzte Über", "non-ASCII letters stay as they are"),
            (&long[..LOWER_INLINE], "exactly the inline length"),
            (long, "longer than the buffer goes to the heap"),
        ];
        for (input, what) in cases {
            assert_eq!(
                lowercase(input).as_str(),
                input.to_ascii_lowercase(),
                "{what}"
            );
        }
    }

    fn n(v: f64) -> Normalized {
        Normalized::Number(v)
    }

    #[test]
    fn counts_money_and_percent() {
        let cases: &[(&str, &[Expected])] = &[
            ("28,500 troops", &[("count", n(28500.0), Some("troops"))]),
            ("nine witnesses", &[("count", n(9.0), Some("witnesses"))]),
            ("two Arab states", &[("count", n(2.0), Some("Arab states"))]),
            ("$1.2 billion", &[("money", n(1.2e9), Some("USD"))]),
            ("28.5k", &[("number", n(28500.0), None)]),
            // Regression: a narrow no-break space between groups split a character (a panic).
            (
                "1\u{202f}234\u{202f}567.89 is",
                &[("number", n(1234567.89), None)],
            ),
            ("40 000 is", &[("number", n(40000.0), None)]),
            (
                "rose 3.38% to $55.12 per barrel",
                &[
                    ("percent", n(3.38), None),
                    ("money", n(55.12), Some("USD per barrel")),
                ],
            ),
            (
                "$1,472.19 an ounce",
                &[("money", n(1472.19), Some("USD per ounce"))],
            ),
            (
                "a fee of $900 per metric ton",
                &[("money", n(900.0), Some("USD per metric ton"))],
            ),
            ("10 per cent", &[("percent", n(10.0), None)]),
            ("5,000 won", &[("money", n(5000.0), Some("KRW"))]),
            (
                "€5 and £6 and ¥7",
                &[
                    ("money", n(5.0), Some("EUR")),
                    ("money", n(6.0), Some("GBP")),
                    ("money", n(7.0), Some("JPY")),
                ],
            ),
            (
                "rose 25 basis points",
                &[("number", n(25.0), Some("basis points"))],
            ),
            (
                "a margin of error of plus or minus 3 percentage points",
                &[("number", n(3.0), Some("percentage points"))],
            ),
            (
                "along with four other states",
                &[("count", n(4.0), Some("states"))],
            ),
            (
                "three more people died",
                &[("count", n(3.0), Some("people"))],
            ),
            // Units glued to the digits, and apart.
            (
                "temperatures hit 40C",
                &[("number", n(40.0), Some("degrees Celsius"))],
            ),
            ("A 5km race", &[("number", n(5.0), Some("km"))]),
            ("a 5 km race", &[("number", n(5.0), Some("km"))]),
            ("100mph winds", &[("number", n(100.0), Some("mph"))]),
            // Indian outlets' rupees and scales.
            ("Rs 500 crore", &[("money", n(5e9), Some("INR"))]),
            ("INR 300 crore", &[("money", n(3e9), Some("INR"))]),
            ("45 lakh units", &[("count", n(4.5e6), Some("units"))]),
            ("the Mrs 500 club", &[]),
            ("three days", &[("number", n(3.0), Some("days"))]),
            ("a 48-year-old man", &[("number", n(48.0), Some("years"))]),
            ("a 1-1/2 year high", &[("number", n(1.5), Some("years"))]),
            ("fell 7/32 in price", &[("number", n(0.21875), None)]),
            (
                "won12 of the 17 positions",
                &[
                    ("count", n(12.0), Some("positions")),
                    ("count", n(17.0), Some("positions")),
                ],
            ),
            ("half of the state", &[("percent", n(50.0), None)]),
            // A bound on a share is an open range beside the share, as with digits.
            (
                "more than half of the districts",
                &[
                    (
                        "range",
                        Normalized::Range(Some(50.0), None),
                        Some("percent"),
                    ),
                    ("percent", n(50.0), None),
                ],
            ),
            (
                "up to half of them",
                &[
                    (
                        "range",
                        Normalized::Range(None, Some(50.0)),
                        Some("percent"),
                    ),
                    ("percent", n(50.0), None),
                ],
            ),
            (
                "a dozen small-business owners",
                &[("count", n(12.0), Some("small-business owners"))],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn ranges() {
        let r = |a: Option<f64>, b: Option<f64>| Normalized::Range(a, b);
        let cases: &[(&str, &[Expected])] = &[
            (
                "between 10 and 20",
                &[("range", r(Some(10.0), Some(20.0)), None)],
            ),
            ("10-20", &[("range", r(Some(10.0), Some(20.0)), None)]),
            (
                "$40-50 billion",
                &[("range", r(Some(4e10), Some(5e10)), Some("USD"))],
            ),
            // "piano more than 5" is not "no more than"; "No more than 5" is.
            (
                "a piano more than 5",
                &[
                    ("range", r(Some(5.0), None), None),
                    ("number", n(5.0), None),
                ],
            ),
            (
                "No more than 5",
                &[
                    ("range", r(None, Some(5.0)), None),
                    ("number", n(5.0), None),
                ],
            ),
            // An open range keeps its bound and also reports the number it bounds.
            (
                "up to 700",
                &[
                    ("range", r(None, Some(700.0)), None),
                    ("number", n(700.0), None),
                ],
            ),
            (
                "more than 30,000 people",
                &[
                    ("range", r(Some(30000.0), None), Some("people")),
                    ("count", n(30000.0), Some("people")),
                ],
            ),
            (
                "aged 12 to 17",
                &[("range", r(Some(12.0), Some(17.0)), None)],
            ),
            // A scale word after the high end is the low end's too, when it fits.
            (
                "$5 to $10 million",
                &[("range", r(Some(5e6), Some(1e7)), Some("USD"))],
            ),
            (
                "$500 to $1 million",
                &[("range", r(Some(500.0), Some(1e6)), Some("USD"))],
            ),
            (
                "between $5 million and $10 million",
                &[("range", r(Some(5e6), Some(1e7)), Some("USD"))],
            ),
            // A change and the level it reached are two figures.
            (
                "oil fell $1.20 to $56.30",
                &[
                    ("money", n(1.2), Some("USD")),
                    ("money", n(56.3), Some("USD")),
                ],
            ),
            (
                "the number range is 1000 - 5000",
                &[("range", r(Some(1000.0), Some(5000.0)), None)],
            ),
            (
                "prices rose 10 to 20 percent",
                &[("range", r(Some(10.0), Some(20.0)), None)],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn ratios_vulgar_fractions_spaced_scales_and_signs() {
        let cases: &[(&str, &[Expected])] = &[
            // A ratio is reported beside its two numbers.
            (
                "one in three adults",
                &[
                    ("number", n(1.0), None),
                    ("count", n(3.0), Some("adults")),
                    ("number", n(1.0 / 3.0), None),
                ],
            ),
            (
                "1 over 20",
                &[
                    ("number", n(1.0), None),
                    ("number", n(20.0), None),
                    ("number", n(0.05), None),
                ],
            ),
            // Not ratios: a year, a measure, a part larger than the whole, "over" before a noun.
            (
                "3 in 2019",
                &[("number", n(3.0), None), ("number", n(2019.0), None)],
            ),
            (
                "2 in 3 years",
                &[("number", n(2.0), None), ("number", n(3.0), Some("years"))],
            ),
            (
                "5 in 3",
                &[("number", n(5.0), None), ("number", n(3.0), None)],
            ),
            (
                "won 5 over 3 days",
                &[("number", n(5.0), None), ("number", n(3.0), Some("days"))],
            ),
            // Vulgar fraction characters, alone or after a whole number.
            ("the result is ⅔", &[("number", n(2.0 / 3.0), None)]),
            ("2½ miles", &[("number", n(2.5), Some("miles"))]),
            // A scale letter after a space, at the end of a clause only.
            ("2.33 k", &[("number", n(2330.0), None)]),
            ("1,674.5 G.", &[("number", n(1.6745e12), None)]),
            ("1 M Street", &[("number", n(1.0), None)]),
            // A currency sign before a number is not a capitalised name.
            ("target is US$ 1MM", &[("money", n(1e6), Some("USD"))]),
            ("The answer is minus one", &[("number", n(-1.0), None)]),
            // Powers written out.
            ("1.3x10^6", &[("number", n(1.3e6), None)]),
            ("6.23x10^-4", &[("number", n(6.23e-4), None)]),
            ("-2.5^-1", &[("number", n(-0.4), None)]),
            // Addresses and versions are not numbers.
            ("at 192.168.1.2 now", &[]),
            ("iOS 13.1.2", &[]),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    /// Comma groups are read only as far as they can still make one number (issue 13: a
    /// megabyte of "1,2,3,…" took minutes when every number read the list to its end).
    #[test]
    fn comma_groups_read_no_further_than_a_number() {
        let cases: &[(&str, &[Expected])] = &[
            ("1,000,000,000 people", &[("count", n(1e9), Some("people"))]),
            (
                "1,23,45,678 rupees",
                &[("money", n(12_345_678.0), Some("INR"))],
            ),
            ("12,34,567", &[("number", n(1_234_567.0), None)]),
            (
                "1,234,56 and",
                &[
                    ("number", n(1.0), None),
                    ("number", n(234.0), None),
                    ("number", n(56.0), None),
                ],
            ),
            ("3,5 litres", &[("number", n(3.5), Some("litres"))]),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
        // Every number of a long list is still found, each on its own.
        let list: Vec<String> = (0..3000).map(|i| (i % 10).to_string()).collect();
        let found = find_numbers(&list.join(","));
        assert_eq!(found.len(), 3000);
        assert!(
            found
                .iter()
                .zip(0..)
                .all(|(v, i)| v.value == n(f64::from(i % 10)))
        );
    }

    #[test]
    fn lists_glued_millions_and_ranked_sessions() {
        let cases: &[(&str, &[Expected])] = &[
            // A list of numbers written with commas: the last pair is not a decimal comma.
            (
                "nrs. 22,24,26,31",
                &[
                    ("number", n(22.0), None),
                    ("number", n(24.0), None),
                    ("number", n(26.0), None),
                    ("number", n(31.0), None),
                ],
            ),
            // Still a decimal comma alone, still a thousands separator with three digits.
            ("1,5 is", &[("number", n(1.5), None)]),
            ("26,310 people", &[("count", n(26310.0), Some("people"))]),
            // A capital M glued to two digits or a decimal is a million.
            ("It grew 10M.", &[("number", n(1e7), None)]),
            ("1.5M users", &[("count", n(1.5e6), Some("users"))]),
            // A capitalised ordinal numbering a session of a body.
            (
                "The Ninth Meeting of the board",
                &[("ordinal", n(9.0), Some("Meeting"))],
            ),
            (
                "Nineth Meeting of the board",
                &[("ordinal", n(9.0), Some("Meeting"))],
            ),
            // Fractions whose denominator is a compound ordinal.
            ("owns one twenty-fifth of it", &[("number", n(0.04), None)]),
            // Before a noun the compound ordinal is a rank of its own, not what "one" counts.
            (
                "one twenty-first century problem",
                &[
                    ("number", n(1.0), None),
                    ("ordinal", n(21.0), Some("century")),
                ],
            ),
            (
                "one hundred and fifth anniversary",
                &[("ordinal", n(105.0), Some("anniversary"))],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn bare_ordinal_words() {
        let cases: &[(&str, &[Expected])] = &[
            // Past "third", an ordinal word is a rank even at the end of a clause.
            ("They finished in eleventh", &[("ordinal", n(11.0), None)]),
            ("twenty-first", &[("ordinal", n(21.0), None)]),
            ("two hundredth", &[("ordinal", n(200.0), None)]),
            ("the two millionth", &[("ordinal", n(2e6), None)]),
            // "first" to "third" alone stay adverbs; "the first time" stays an idiom.
            ("He came in first", &[]),
            ("agreed at the eleventh hour", &[]),
            ("It wasn't the first time", &[]),
            // Past "first", "time" counts occurrences; a number after an ordinal goes on.
            (
                "It was the third time",
                &[("ordinal", n(3.0), Some("time"))],
            ),
            (
                "the third 90-day extension",
                &[("ordinal", n(3.0), None), ("number", n(90.0), Some("days"))],
            ),
            ("their first ever final", &[("ordinal", n(1.0), None)]),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn ordinals() {
        let cases: &[(&str, &[Expected])] = &[
            ("the 33rd", &[("ordinal", n(33.0), None)]),
            (
                "a seventh straight session",
                &[("ordinal", n(7.0), Some("straight"))],
            ),
            ("the second-biggest", &[("ordinal", n(2.0), None)]),
            (
                "its 1,000th death",
                &[("ordinal", n(1000.0), Some("death"))],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn a_tally_or_a_score_after_a_name_is_not_part_of_it() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "passed the House 232-196",
                &[("number", n(232.0), None), ("number", n(196.0), None)],
            ),
            (
                "approved by the Senate 52 to 48",
                &[("number", n(52.0), None), ("number", n(48.0), None)],
            ),
            // A model number keeps its name.
            ("a Boeing 737-800 jet", &[]),
            (
                "306 votes to Trump's 232.",
                &[
                    ("count", n(306.0), Some("votes")),
                    ("number", n(232.0), None),
                ],
            ),
            ("Boeing's 737 MAX", &[]),
            // A game's score after a team's name; a model number after a maker's.
            (
                "beat the Buffalo Bills 27-24 on Sunday",
                &[("number", n(27.0), None), ("number", n(24.0), None)],
            ),
            (
                "Spain beat Italy 2-1.",
                &[("number", n(2.0), None), ("number", n(1.0), None)],
            ),
            ("a Boeing 787-9 that beat its rivals", &[]),
            // A capitalised number opening a sentence counts past a short name; a name whole
            // is no count.
            (
                "Two United States service members were killed",
                &[("count", n(2.0), Some("service members"))],
            ),
            (
                "Two Bartholomew County warrants, one out-of-county warrant",
                &[
                    ("count", n(2.0), Some("warrants")),
                    ("count", n(1.0), Some("warrant")),
                ],
            ),
            ("Three Gorges Dam holds water", &[]),
            (
                "Christopher L. Tays: Two Bartholomew County warrants.",
                &[("count", n(2.0), Some("warrants"))],
            ),
            ("Six-Day War veterans met", &[]),
            ("United ordered Boeing 767-300 jets", &[]),
            // A unit in "y" after a consonant is spelt "ies" in the plural.
            (
                "a 3-century history over 2 days",
                &[
                    ("number", n(3.0), Some("centuries")),
                    ("number", n(2.0), Some("days")),
                ],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn what_an_ordinal_ranks() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "a 19th-century mill",
                &[("ordinal", n(19.0), Some("century"))],
            ),
            (
                "in the first nine months of the year",
                &[
                    ("ordinal", n(1.0), None),
                    ("number", n(9.0), Some("months")),
                ],
            ),
            (
                "the company's third quarter",
                &[("ordinal", n(3.0), Some("quarter"))],
            ),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn halves_and_quarters_of_a_period_are_not_shares() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "profit rose in the third quarter",
                &[("ordinal", n(3.0), Some("quarter"))],
            ),
            (
                "the first half of the season",
                &[("ordinal", n(1.0), Some("half"))],
            ),
            ("growth slowed last quarter", &[]),
            ("the quarter ended", &[]),
            // Shares stay shares.
            ("a quarter of voters", &[("number", n(0.25), None)]),
            ("half of the districts", &[("percent", n(50.0), None)]),
            ("three quarters of the budget", &[("number", n(0.75), None)]),
        ];
        let failed = cases.iter().filter(|(i, e)| !check(i, e)).count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn names_codes_and_idioms_are_not_values() {
        let cases = [
            "Covid-19",
            "a Boeing 787 jet",
            "the G-20 summit",
            "Section 230",
            "Phase 1",
            "the S&P 500 index",
            "the STOXX 600",
            "10-year notes",
            "the 30-year bond",
            "Three-month aluminum",
            "CLc1 LCOc1 .MIWD00000PUS US10YT=RR CMCU3 D4CC",
            "levels of PM2.5 and PM10",
            "call 555-1234",
            "at 5 p.m. or 10:30",
            // Wire copy's 24-hour clock.
            "shares rose by 1430 GMT",
            "at 0900 local time",
            "Thu 7 Nov 2024 01.23 GMT",
            "© 2025",
            "one of those interactions",
            "It wasn't the first time",
            "a second person briefed",
            "the Six-Day War and a two-state solution",
            "the First Amendment",
            "hundreds of rounds",
            "several dozen",
            "911 calls",
            // A lone digit glued to M is a name; M after a race distance is metres.
            "shares of 3M fell",
            "the 400M hurdles",
            // Titles and court names with a capitalised ordinal.
            "the First Lady of France",
            "the Ninth Circuit",
        ];
        let failed = cases.iter().filter(|i| !check(i, &[])).count();
        assert_eq!(failed, 0);
    }
}
