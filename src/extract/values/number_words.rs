//! Numbers written in words ("twenty-eight thousand five hundred", "a dozen", "two-thirds",
//! "seventh"), read from a small token stream that may mix digits and words ("3 hundred and 21").
//!
//! The grammar follows how English speakers compose numbers: units and tens make a group below a
//! hundred, "hundred" and "dozen" multiply the group, "thousand" and larger scales close it. A
//! plural ordinal after a numerator is a fraction's denominator ("three fifths"); a singular
//! ordinal at the end makes the whole an ordinal ("one hundred twenty-fifth").

use crate::extract::lexicon::{self, NumberWord};

/// What a run of number words means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WordKind {
    Cardinal,
    Ordinal,
    Fraction,
}

/// A number read from words, ending at byte `end` of the text it was read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordNumber {
    pub end: usize,
    pub value: f64,
    pub kind: WordKind,
    /// True when at least one token was a word (not only digits).
    pub has_words: bool,
}

/// One token of the stream: a lower-cased ASCII word or a digit number.
#[derive(Debug, Clone)]
struct Token {
    end: usize,
    word: Option<Word>,
    digits: Option<f64>,
}

/// A lower-cased word on the stack: every call of `parse_at` reads a few words, and a heap
/// string for each was most of its cost. A word longer than any the grammar knows is kept
/// empty: it means nothing to the grammar either way.
#[derive(Debug, Clone, Copy)]
struct Word {
    letters: [u8; WORD_MAX],
    len: u8,
}

/// Longer than any lexicon word or joiner ("seventeenths", "hundredths").
const WORD_MAX: usize = 16;

impl Word {
    fn new(letters: &[u8]) -> Word {
        let mut word = Word {
            letters: [0; WORD_MAX],
            len: 0,
        };
        if letters.len() <= WORD_MAX {
            word.letters[..letters.len()].copy_from_slice(letters);
            word.letters[..letters.len()].make_ascii_lowercase();
            word.len = letters.len() as u8;
        }
        word
    }

    fn as_str(&self) -> &str {
        // ASCII letters only, so this never falls back.
        std::str::from_utf8(&self.letters[..usize::from(self.len)]).unwrap_or("")
    }
}

/// The meaning of one lexicon word.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lex {
    Unit(f64),
    Teen(f64),
    Tens(f64),
    Hundred,
    Dozen,
    Scale(f64),
    /// An ordinal word; `plural` when it ends in "s" ("fifths"), which only fractions use.
    Ordinal {
        value: f64,
        plural: bool,
    },
    Half,
    Quarter,
}

/// The grammar's reading of a word, from the lexicon's number lists.
fn lex(word: &str) -> Option<Lex> {
    Some(match lexicon::number_word(word)? {
        NumberWord::Unit(v) if v < 10 => Lex::Unit(f64::from(v)),
        NumberWord::Unit(v) => Lex::Teen(f64::from(v)),
        NumberWord::Tens(v) => Lex::Tens(f64::from(v)),
        NumberWord::Hundred => Lex::Hundred,
        NumberWord::Dozen => Lex::Dozen,
        NumberWord::Scale(v) => Lex::Scale(v),
        NumberWord::Half => Lex::Half,
        NumberWord::Quarter => Lex::Quarter,
        NumberWord::Ordinal { rank, plural } => Lex::Ordinal {
            value: rank,
            plural,
        },
    })
}

/// Is `word` (lower-cased) a singular ordinal word: "first", "third", "twelfth"?
pub(super) fn is_ordinal_word(word: &str) -> bool {
    matches!(
        lexicon::number_word(word),
        Some(NumberWord::Ordinal { plural: false, .. })
    )
}

/// True when `word` can start or continue a number written in words.
pub fn is_number_word(word: &str) -> bool {
    lex(word).is_some()
}

/// Where the separator between two tokens that starts at `i` ends: spaces, thin spaces, or a
/// hyphen with optional spaces around it. `None` when there is none, or at the end of text.
fn separator_end(text: &str, mut i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let before = i;
    let mut hyphens = 0;
    loop {
        if i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        } else if i < bytes.len() && bytes[i] == b'-' {
            hyphens += 1;
            i += 1;
        } else if text[i..].starts_with('\u{a0}') {
            i += '\u{a0}'.len_utf8();
        } else if text[i..].starts_with('\u{202f}') {
            // A narrow no-break space is three bytes: stepping two split it (a panic).
            i += '\u{202f}'.len_utf8();
        } else {
            break;
        }
    }
    (i > before && hyphens <= 1 && i < bytes.len()).then_some(i)
}

/// The longest digit token a number can be read from. "1,2,3,…" over a megabyte is one token,
/// and every number in it asking for the token's end made reading it quadratic.
const MAX_DIGIT_TOKEN: usize = 64;

/// The end of the digit token starting at `i`: digits, with single commas or points between
/// digits. Past `MAX_DIGIT_TOKEN` bytes the scan stops; callers read such a token as no number.
fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    let limit = bytes.len().min(i + MAX_DIGIT_TOKEN);
    while i < limit
        && (bytes[i].is_ascii_digit()
            || (matches!(bytes[i], b',' | b'.')
                && i + 1 < bytes.len()
                && bytes[i + 1].is_ascii_digit()))
    {
        i += 1;
    }
    i
}

/// Whether `parse_at` on the digits at `start` can read a word after them: only when the
/// next token is "and", "point" or a number word ("3 hundred", "2 point 5"). Most numbers
/// are followed by a noun, and reading those as a token stream cost as much as classifying
/// them.
pub fn words_may_follow_digits(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    if !bytes.get(start).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let digits_end = digits_end(bytes, start);
    if digits_end - start >= MAX_DIGIT_TOKEN
        || digits_end < bytes.len()
            && (bytes[digits_end].is_ascii_alphabetic() || bytes[digits_end] == b'/')
    {
        return false;
    }
    let Some(word_start) = separator_end(text, digits_end) else {
        return false;
    };
    let mut word_end = word_start;
    while word_end < bytes.len() && bytes[word_end].is_ascii_alphabetic() {
        word_end += 1;
    }
    if word_end == word_start || bytes.get(word_end).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let word = Word::new(&bytes[word_start..word_end]);
    matches!(word.as_str(), "and" | "point") || lex(word.as_str()).is_some()
}

/// Read up to `limit` tokens from `start`: words and digit numbers separated by spaces or a
/// hyphen. Anything else (punctuation, a word glued to digits) ends the stream.
fn tokenize(text: &str, start: usize, limit: usize) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = start;
    while tokens.len() < limit && i < bytes.len() {
        if !tokens.is_empty() {
            match separator_end(text, i) {
                Some(end) => i = end,
                None => break,
            }
        }
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            if j < bytes.len() && bytes[j].is_ascii_digit() {
                break;
            }
            let word = Word::new(&bytes[i..j]);
            // Nothing after a word that is neither a number word nor a joiner can belong to
            // the number: stop reading there.
            let joins = lex(word.as_str()).is_some()
                || matches!(word.as_str(), "and" | "a" | "an" | "point" | "of");
            tokens.push(Token {
                end: j,
                word: Some(word),
                digits: None,
            });
            i = j;
            if !joins {
                break;
            }
        } else if b.is_ascii_digit() {
            let j = digits_end(bytes, i);
            if j - i >= MAX_DIGIT_TOKEN
                || j < bytes.len() && (bytes[j].is_ascii_alphabetic() || bytes[j] == b'/')
            {
                break;
            }
            let number = &text[i..j];
            let parsed = if number.contains(',') {
                number.replace(',', "").parse::<f64>()
            } else {
                number.parse::<f64>()
            };
            let Ok(value) = parsed else {
                break;
            };
            tokens.push(Token {
                end: j,
                word: None,
                digits: Some(value),
            });
            i = j;
        } else {
            break;
        }
    }
    tokens
}

/// Read the number that starts at byte `start` of `text`, if words (or digits followed by
/// number words) start there. A lone digit number is left to the caller.
pub fn parse_at(text: &str, start: usize) -> Option<WordNumber> {
    let tokens = tokenize(text, start, 24);
    let parsed = parse_tokens(&tokens)?;
    let end = tokens[parsed.used - 1].end;
    Some(WordNumber {
        end,
        value: parsed.value,
        kind: parsed.kind,
        has_words: tokens[..parsed.used].iter().any(|t| t.word.is_some()),
    })
}

struct Parsed {
    used: usize,
    value: f64,
    kind: WordKind,
}

/// A running cardinal: `total` holds closed scales, `hundreds` and `small` the open group.
#[derive(Clone, Copy, Default)]
struct Acc {
    total: f64,
    hundreds: f64,
    small: f64,
    /// The last token's category, to decide what may follow.
    last: Last,
    /// The largest scale closed so far (for "and a half" after "million").
    last_scale: f64,
    any: bool,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum Last {
    #[default]
    None,
    Unit,
    Teen,
    Tens,
    Digits,
    Hundred,
    Dozen,
    Scale,
}

impl Acc {
    fn value(&self) -> f64 {
        self.total + self.hundreds + self.small
    }
    fn group(&self) -> f64 {
        self.hundreds + self.small
    }
}

fn word_of(token: &Token) -> Option<&str> {
    token.word.as_ref().map(Word::as_str)
}

impl Parsed {
    fn new(used: usize, value: f64, kind: WordKind) -> Option<Parsed> {
        Some(Parsed { used, value, kind })
    }
}

/// What one word does to the number being read: it goes on, the number ended before it, or
/// the word finished it.
enum Step {
    Next,
    Stop,
    Done(Option<Parsed>),
}

/// Parse a cardinal, fraction or ordinal from the start of `tokens`: the lead word ("a",
/// "half"), then one word at a time into `Acc`, remembering the last place a whole number
/// ended.
fn parse_tokens(tokens: &[Token]) -> Option<Parsed> {
    let (mut acc, mut i) = match lead(tokens) {
        Ok(start) => start,
        Err(done) => return done,
    };
    let mut checkpoint: Option<(usize, f64)> = None;
    while i < tokens.len() {
        let token = &tokens[i];
        if let Some(value) = token.digits {
            if !matches!(acc.last, Last::None | Last::Scale) {
                break;
            }
            acc.small = value;
            acc.last = Last::Digits;
            acc.any = true;
            i += 1;
            checkpoint = Some((i, acc.value()));
            continue;
        }
        let word = word_of(token).unwrap_or("");
        if word == "and" {
            match parse_and(tokens, i, &acc) {
                AndResult::Join(next_acc, next_i) => {
                    acc = next_acc;
                    i = next_i;
                    checkpoint = Some((i, acc.value()));
                    continue;
                }
                AndResult::Stop => break,
                finished => return finished.parsed(),
            }
        }
        if word == "point" && acc.any {
            if let Some((value, used)) = parse_point(tokens, i + 1) {
                return Parsed::new(used, acc.value() + value, WordKind::Cardinal);
            }
            break;
        }
        let Some(lexed) = lex(word) else { break };
        let step = match lexed {
            Lex::Unit(v) => unit_word(tokens, i, &mut acc, v),
            Lex::Teen(v) => match acc.last {
                Last::None | Last::Hundred | Last::Scale => {
                    acc.small = v;
                    acc.last = Last::Teen;
                    Step::Next
                }
                _ => Step::Stop,
            },
            Lex::Tens(v) => tens_word(tokens, i, &mut acc, v),
            Lex::Hundred | Lex::Dozen | Lex::Scale(_) => multiplier(&mut acc, lexed),
            Lex::Ordinal { value, plural } => ordinal_word(tokens, i, &acc, value, plural),
            Lex::Half | Lex::Quarter => half_or_quarter(tokens, i, &acc, word, lexed),
        };
        match step {
            Step::Next => {}
            Step::Stop => break,
            Step::Done(parsed) => return parsed,
        }
        acc.any = true;
        i += 1;
        checkpoint = Some((i, acc.value()));
    }
    let (used, value) = checkpoint?;
    Parsed::new(used, value, WordKind::Cardinal)
}

/// The lead word: "a"/"an" count as one only before a multiplier or a fraction ("a dozen",
/// "a third"); "half" and "quarter" scale what follows ("half a million", "quarter million")
/// or stand alone. `Ok` with where the word-by-word reading starts, `Err` with the answer.
fn lead(tokens: &[Token]) -> Result<(Acc, usize), Option<Parsed>> {
    let mut acc = Acc::default();
    match tokens.first().and_then(word_of) {
        Some("a" | "an") => {
            let Some(next) = tokens.get(1).and_then(word_of).and_then(lex) else {
                return Err(None);
            };
            match next {
                Lex::Hundred | Lex::Dozen | Lex::Scale(_) => {
                    acc.small = 1.0;
                    acc.last = Last::Unit;
                    acc.any = true;
                    Ok((acc, 1))
                }
                Lex::Half | Lex::Quarter => {
                    let value = if next == Lex::Half { 0.5 } else { 0.25 };
                    Err(Parsed::new(2, value, WordKind::Fraction))
                }
                Lex::Ordinal { value, .. } if value > 2.0 => {
                    Err(Parsed::new(2, 1.0 / value, WordKind::Fraction))
                }
                Lex::Tens(tens) => {
                    // "a twenty-first": one over a compound ordinal.
                    let unit = tokens.get(2).and_then(word_of).and_then(lex);
                    if let Some(Lex::Ordinal { value, .. }) = unit
                        && value < 10.0
                    {
                        return Err(Parsed::new(3, 1.0 / (tens + value), WordKind::Fraction));
                    }
                    Err(None)
                }
                _ => Err(None),
            }
        }
        Some(w @ ("half" | "quarter")) => {
            let part = if w == "half" { 0.5 } else { 0.25 };
            let j = if tokens.get(1).and_then(word_of) == Some("a") {
                2
            } else {
                1
            };
            Err(match tokens.get(j).and_then(word_of).and_then(lex) {
                Some(Lex::Scale(scale)) => Parsed::new(j + 1, part * scale, WordKind::Cardinal),
                Some(Lex::Dozen) => Parsed::new(j + 1, part * 12.0, WordKind::Cardinal),
                _ => Parsed::new(1, part, WordKind::Fraction),
            })
        }
        _ => Ok((acc, 0)),
    }
}

/// A unit word ("five") at `i`: the small part of the group, or after a tens word its unit.
fn unit_word(tokens: &[Token], i: usize, acc: &mut Acc, v: f64) -> Step {
    match acc.last {
        Last::None | Last::Hundred | Last::Scale => {
            acc.small = v;
            acc.last = Last::Unit;
            Step::Next
        }
        // "one one hundred fifth" is 1/105: a lone "one" before a whole ordinal phrase is
        // the numerator of a fraction, as in "one fifth".
        Last::Unit if acc.value() == 1.0 && acc.total == 0.0 => match parse_tokens(&tokens[i..]) {
            Some(rest)
                if rest.kind == WordKind::Ordinal
                    && rest.value > 2.0
                    && ends_fraction(tokens, i + rest.used) =>
            {
                Step::Done(Parsed::new(
                    i + rest.used,
                    1.0 / rest.value,
                    WordKind::Fraction,
                ))
            }
            _ => Step::Stop,
        },
        Last::Tens => {
            acc.small += v;
            acc.last = Last::Unit;
            Step::Next
        }
        _ => Step::Stop,
    }
}

/// A tens word ("thirty") at `i`: the small part of the group, or the denominator of a
/// fraction ("one hundred thirty fifths" is 100/35, "one twenty-fifth" 1/25).
fn tens_word(tokens: &[Token], i: usize, acc: &mut Acc, v: f64) -> Step {
    match acc.last {
        Last::None | Last::Hundred | Last::Scale => {
            // A tens word followed by a plural ordinal unit is the denominator when a
            // numerator precedes it.
            if acc.any
                && acc.last != Last::Scale
                && let Some(f) = compound_denominator(tokens, i, v, false)
            {
                return Step::Done(Parsed::new(f.1, acc.value() / f.0, WordKind::Fraction));
            }
            acc.small = v;
            acc.last = Last::Tens;
            Step::Next
        }
        _ => {
            // After a lone "one" a singular compound ordinal is the denominator, as "one
            // fifth" is 1/5.
            let lone_one =
                acc.last == Last::Unit && acc.value() == 1.0 && ends_fraction(tokens, i + 2);
            if let Some(f) = compound_denominator(tokens, i, v, lone_one) {
                return Step::Done(Parsed::new(f.1, acc.value() / f.0, WordKind::Fraction));
            }
            Step::Stop
        }
    }
}

/// "hundred", "dozen" or a scale word: it multiplies the group read so far ("three lakh
/// crore": stacked scales multiply; a larger scale after a smaller one starts a new number).
fn multiplier(acc: &mut Acc, lexed: Lex) -> Step {
    if !acc.any {
        return Step::Stop;
    }
    match lexed {
        Lex::Hundred => {
            if matches!(acc.last, Last::Hundred | Last::Dozen) || acc.hundreds > 0.0 {
                return Step::Stop;
            }
            acc.hundreds = acc.small * 100.0;
            acc.small = 0.0;
            acc.last = Last::Hundred;
        }
        Lex::Dozen => {
            if acc.last == Last::Dozen {
                return Step::Stop;
            }
            acc.small = acc.small.max(1.0) * 12.0;
            acc.last = Last::Dozen;
        }
        Lex::Scale(scale) => {
            if acc.last == Last::Scale {
                acc.total *= scale;
            } else {
                if acc.last_scale > 0.0 && scale >= acc.last_scale {
                    return Step::Stop;
                }
                acc.total += acc.group().max(if acc.group() == 0.0 { 0.0 } else { 1.0 }) * scale;
                acc.hundreds = 0.0;
                acc.small = 0.0;
            }
            acc.last_scale = scale;
            acc.last = Last::Scale;
        }
        _ => return Step::Stop,
    }
    Step::Next
}

/// An ordinal word at `i` ends the number: a rank alone ("fifth"), the denominator of a
/// fraction ("two thirds", "one fifth", "two thirds of a million"), or the last word of a
/// compound rank ("one hundred twenty-fifth").
fn ordinal_word(tokens: &[Token], i: usize, acc: &Acc, value: f64, plural: bool) -> Step {
    if !acc.any {
        if plural {
            return Step::Stop;
        }
        return Step::Done(Parsed::new(i + 1, value, WordKind::Ordinal));
    }
    let singular_one = acc.value() == 1.0 && acc.last == Last::Unit;
    if plural || (singular_one && value > 2.0) {
        if value == 2.0 && !plural {
            return Step::Stop;
        }
        let mut used = i + 1;
        let mut result = acc.value() / value;
        if let Some(scale) = of_a_scale(tokens, used) {
            result *= scale.0;
            used = scale.1;
        }
        return Step::Done(Parsed::new(used, result, WordKind::Fraction));
    }
    let combined = match acc.last {
        Last::Tens if value < 10.0 => acc.total + acc.hundreds + acc.small + value,
        Last::Hundred | Last::Scale if value < 100.0 => acc.value() + value,
        Last::Unit | Last::Teen | Last::Digits if value >= 100.0 => acc.total + acc.group() * value,
        // "a hundred trillionth", "two hundred millionth".
        Last::Hundred if value >= 1000.0 => acc.total + acc.group() * value,
        _ => return Step::Stop,
    };
    Step::Done(Parsed::new(i + 1, combined, WordKind::Ordinal))
}

/// "three halves", "one half", "three quarter(s)": a fraction of what was read, scaled by a
/// scale word after it ("three quarters million").
fn half_or_quarter(tokens: &[Token], i: usize, acc: &Acc, word: &str, lexed: Lex) -> Step {
    let denominator = if lexed == Lex::Half { 2.0 } else { 4.0 };
    let one = acc.last == Last::Unit && acc.value() == 1.0;
    if !(acc.last == Last::Unit && (word.ends_with('s') || one) || word == "quarter" && acc.any) {
        return Step::Stop;
    }
    let value = acc.value() / denominator;
    if let Some(Lex::Scale(s)) = tokens.get(i + 1).and_then(word_of).and_then(lex) {
        return Step::Done(Parsed::new(i + 2, value * s, WordKind::Cardinal));
    }
    Step::Done(Parsed::new(i + 1, value, WordKind::Fraction))
}

/// A singular ordinal after "one" is a denominator only at the end of the phrase or before
/// "of" ("one twenty-fifth of the budget"); before a noun it is a rank ("one twenty-first
/// century problem").
fn ends_fraction(tokens: &[Token], next: usize) -> bool {
    match tokens.get(next) {
        None => true,
        Some(token) => matches!(word_of(token), Some("of")),
    }
}

/// "of a million" after a fraction.
fn of_a_scale(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    if tokens.get(i).and_then(word_of) != Some("of") {
        return None;
    }
    let mut j = i + 1;
    if matches!(tokens.get(j).and_then(word_of), Some("a" | "an")) {
        j += 1;
    }
    match tokens.get(j).and_then(word_of).and_then(lex) {
        Some(Lex::Scale(s)) => Some((s, j + 1)),
        _ => None,
    }
}

/// A tens word followed by a plural ordinal unit ("thirty fifths", "twenty-firsts"), or by a
/// singular one when `singular_ok` (after a lone "one"): the denominator and the tokens used.
fn compound_denominator(
    tokens: &[Token],
    i: usize,
    tens: f64,
    singular_ok: bool,
) -> Option<(f64, usize)> {
    match tokens.get(i + 1).and_then(word_of).and_then(lex) {
        Some(Lex::Ordinal { value, plural }) if value < 10.0 && (plural || singular_ok) => {
            Some((tens + value, i + 2))
        }
        _ => None,
    }
}

enum AndResult {
    Join(Acc, usize),
    /// "one hundred and fifth": an ordinal closing the cardinal, with the tokens used.
    Ordinal(f64, usize),
    /// A finished number: value, tokens used, and whether a scale made it a whole number.
    Fraction(f64, usize),
    Scaled(f64, usize),
    Stop,
}

impl AndResult {
    /// The number an "and" finished, if it did.
    fn parsed(self) -> Option<Parsed> {
        match self {
            AndResult::Fraction(value, used) => Parsed::new(used, value, WordKind::Fraction),
            AndResult::Ordinal(value, used) => Parsed::new(used, value, WordKind::Ordinal),
            AndResult::Scaled(value, used) => Parsed::new(used, value, WordKind::Cardinal),
            AndResult::Join(..) | AndResult::Stop => None,
        }
    }
}

/// What "and" at `i` joins: the rest of a group ("hundred and six"), a fraction ("one and a
/// half", "twenty and three fifths", "one million and a half") or nothing.
fn parse_and(tokens: &[Token], i: usize, acc: &Acc) -> AndResult {
    if !acc.any {
        return AndResult::Stop;
    }
    let rest = &tokens[i + 1..];
    let Some(sub) = parse_tokens(rest) else {
        return AndResult::Stop;
    };
    match sub.kind {
        WordKind::Fraction if sub.value < 1.0 => and_a_part(tokens, i, acc, &sub),
        // "one hundred and three and two thirds" is 103 2/3: a fraction with its own "and"
        // is added whole (below), not split into a numerator for the group.
        WordKind::Fraction
            if acc.last == Last::Hundred
                && !rest[..sub.used].iter().any(|t| word_of(t) == Some("and")) =>
        {
            and_a_numerator(rest, i, acc, &sub)
        }
        WordKind::Fraction => {
            // "twenty and three and three fifths": a whole number then a fraction.
            AndResult::Fraction(acc.value() + sub.value, i + 1 + sub.used)
        }
        WordKind::Cardinal => and_the_rest_of_the_group(tokens, i, acc, &sub),
        // "one hundred and fifth", "two thousand and twenty-first": the ordinal ends the
        // number; only a part smaller than the group before "and" may close it.
        WordKind::Ordinal => {
            let limit = match acc.last {
                Last::Hundred => 100.0,
                Last::Scale => acc.last_scale,
                _ => return AndResult::Stop,
            };
            if sub.value < limit {
                AndResult::Ordinal(acc.value() + sub.value, i + 1 + sub.used)
            } else {
                AndResult::Stop
            }
        }
    }
}

/// "and a half" after a number: added to it, or to its group before a scale word ("five and
/// a half million" is 5.5 million; "one billion and a half million" adds half a million),
/// or a part of the scale just closed ("one million and a half").
fn and_a_part(tokens: &[Token], i: usize, acc: &Acc, sub: &Parsed) -> AndResult {
    let mut used = i + 1 + sub.used;
    let part = sub.value;
    if let Some(Lex::Scale(s)) = tokens.get(used).and_then(word_of).and_then(lex) {
        used += 1;
        if acc.last == Last::Scale {
            return AndResult::Scaled(acc.value() + part * s, used);
        }
        return AndResult::Scaled(acc.total + (acc.group() + part) * s, used);
    }
    if acc.last == Last::Scale {
        return AndResult::Scaled(acc.value() + part * acc.last_scale, used);
    }
    AndResult::Fraction(acc.value() + part, used)
}

/// "one hundred and thirty fifths" is 130/5: the numerator after "and" joins the group.
fn and_a_numerator(rest: &[Token], i: usize, acc: &Acc, sub: &Parsed) -> AndResult {
    for n in (1..sub.used).rev() {
        if let Some(card) = parse_tokens(&rest[..n])
            && card.used == n
            && card.kind == WordKind::Cardinal
            && card.value > 0.0
        {
            let denominator = card.value / sub.value;
            return AndResult::Fraction((acc.value() + card.value) / denominator, i + 1 + sub.used);
        }
    }
    AndResult::Stop
}

/// A cardinal after "and": only a smaller part may join ("three hundred and two" but not "3
/// hundred and 2 hundred", two numbers), and after a tens or unit word only a fraction goes on
/// ("twenty and three and three fifths").
fn and_the_rest_of_the_group(tokens: &[Token], i: usize, acc: &Acc, sub: &Parsed) -> AndResult {
    let rest = &tokens[i + 1..];
    let limit = match acc.last {
        Last::Hundred => 100.0,
        Last::Scale => acc.last_scale,
        Last::Tens | Last::Unit | Last::Teen => {
            if let AndResult::Fraction(v, used) = parse_and_fraction(tokens, i, acc) {
                return AndResult::Fraction(v, used);
            }
            return AndResult::Stop;
        }
        _ => return AndResult::Stop,
    };
    // Take only the part below the limit: re-parse a prefix without larger scales.
    let mut best: Option<(f64, usize)> = None;
    for n in 1..=sub.used {
        if let Some(p) = parse_tokens(&rest[..n])
            && p.kind == WordKind::Cardinal
            && p.used == n
            && p.value > 0.0
            && p.value < limit
            && (n == sub.used
                || matches!(
                    rest.get(n).and_then(word_of).and_then(lex),
                    Some(Lex::Scale(_))
                ))
        {
            best = Some((p.value, n));
        }
    }
    let Some((value, n)) = best else {
        return AndResult::Stop;
    };
    let mut next = *acc;
    next.small += value;
    next.last = match lex(word_of(&rest[n - 1]).unwrap_or("")) {
        Some(Lex::Hundred) => Last::Hundred,
        Some(Lex::Tens(_)) => Last::Tens,
        Some(Lex::Teen(_)) => Last::Teen,
        _ => Last::Unit,
    };
    if next.last == Last::Hundred {
        next.hundreds += next.small;
        next.small = 0.0;
    }
    AndResult::Join(next, i + 1 + n)
}

/// After a tens or unit word: "and three and three fifths" continues only into a fraction.
fn parse_and_fraction(tokens: &[Token], i: usize, acc: &Acc) -> AndResult {
    let rest = &tokens[i + 1..];
    // A whole number, "and", then a fraction.
    for n in 1..rest.len() {
        if word_of(&rest[n]) == Some("and")
            && let Some(whole) = parse_tokens(&rest[..n])
            && whole.used == n
            && whole.kind == WordKind::Cardinal
            && whole.value < 10.0
            && let Some(frac) = parse_tokens(&rest[n + 1..])
            && frac.kind == WordKind::Fraction
            && frac.value < 1.0
        {
            return AndResult::Fraction(
                acc.value() + whole.value + frac.value,
                i + 1 + n + 1 + frac.used,
            );
        }
    }
    AndResult::Stop
}

/// Digits after "point": "zero three" = .03, "seventy-one" = .71, "eleven" = .11.
fn parse_point(tokens: &[Token], mut i: usize) -> Option<(f64, usize)> {
    let mut digits = String::new();
    while let Some(lexed) = tokens.get(i).and_then(word_of).and_then(lex) {
        match lexed {
            Lex::Unit(v) => digits.push_str(&format!("{}", v as u32)),
            Lex::Teen(v) => digits.push_str(&format!("{}", v as u32)),
            Lex::Tens(v) => {
                let mut value = v as u32;
                if let Some(Lex::Unit(u)) = tokens.get(i + 1).and_then(word_of).and_then(lex) {
                    value += u as u32;
                    i += 1;
                }
                digits.push_str(&format!("{value}"));
            }
            _ => break,
        }
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let value: f64 = format!("0.{digits}").parse().ok()?;
    Some((value, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick test before `parse_at` on digits lets through every case where it reads a
    /// word.
    #[test]
    fn words_may_follow_digits_misses_no_word() {
        let mut read = 0;
        for rest in [
            " hundred",
            " Hundred and 21",
            "-million",
            " \u{a0}billion",
            "\u{202f}thousand",
            " and a half",
            " point 5",
            " and 4",
            " fifths",
            " quarter",
            " people",
            " of them",
            " a dozen",
            " 5",
            "th",
            "/4",
            ",000 people",
            ".5 million",
            " -- million",
            " ",
            "",
            " thirty-first",
            " dozen",
            " x1",
            " lakh crore",
            " BN",
        ] {
            for digits in ["3", "12,500", "2.5", "1.2.3"] {
                let text = format!("{digits}{rest}");
                let end = digits_end(text.as_bytes(), 0);
                let words = parse_at(&text, 0).is_some_and(|n| n.has_words && n.end > end);
                read += usize::from(words);
                assert!(!words || words_may_follow_digits(&text, 0), "{text:?}");
            }
        }
        assert!(read > 20);
    }

    /// Parse `input` from its start and compare value and kind; print a mismatch and return
    /// false so a table reports every failing case at once.
    fn check(input: &str, expected: Option<(f64, WordKind)>) -> bool {
        let got = parse_at(input, 0).map(|n| (n.value, n.kind));
        let ok = match (got, expected) {
            (Some((v, k)), Some((ev, ek))) => (v - ev).abs() < 1e-6 * ev.abs().max(1.0) && k == ek,
            (got, expected) => got == expected,
        };
        if !ok {
            eprintln!("{input}: got {got:?}, want {expected:?}");
        }
        ok
    }

    #[test]
    fn cardinals() {
        use WordKind::Cardinal as C;
        let cases = [
            ("eight", 8.0),
            ("twenty-eight thousand five hundred", 28500.0),
            ("one hundred and twenty", 120.0),
            ("a dozen", 12.0),
            ("three dozen immigrants", 36.0),
            ("half a million", 500_000.0),
            ("half a dozen", 6.0),
            ("fifty - two", 52.0),
            // "and" between groups, and a smaller group after a scale
            ("two hundred and two thousand", 202_000.0),
            ("two thousand and two hundred", 2200.0),
            (
                "twenty-one trillion and three hundred",
                21_000_000_000_300.0,
            ),
            // digits mixed with words
            ("3 hundred and 21", 321.0),
            ("4 thousand 3 hundred and 21", 4321.0),
            ("2.5 million", 2_500_000.0),
            ("three hundred and two dozens", 324.0),
            ("two hundred point zero three", 200.03),
            ("five and a half million", 5_500_000.0),
            ("one million and a half", 1_500_000.0),
            ("one billion and three quarters million", 1_000_750_000.0),
        ];
        let failed = cases
            .iter()
            .filter(|(i, v)| !check(i, Some((*v, C))))
            .count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn two_numbers_are_not_joined() {
        // "3 hundred and 2 hundred" is two numbers: the first stops before "and".
        assert!(check(
            "3 hundred and 2 hundred",
            Some((300.0, WordKind::Cardinal))
        ));
        assert!(check("three-nought-four", Some((3.0, WordKind::Cardinal))));
        assert!(check("two and a previous", Some((2.0, WordKind::Cardinal))));
        // "one one" with no ordinal after it is not a fraction.
        assert!(check("one one five", Some((1.0, WordKind::Cardinal))));
        // Before a noun a compound ordinal is a rank, not the denominator of "one".
        assert!(check(
            "one twenty-first century problem",
            Some((1.0, WordKind::Cardinal))
        ));
        assert!(check(
            "one one hundred fifth birthday",
            Some((1.0, WordKind::Cardinal))
        ));
        // An ordinal after "and" larger than the group before it is a second number.
        assert!(check(
            "one hundred and two hundredth",
            Some((100.0, WordKind::Cardinal))
        ));
    }

    #[test]
    fn fractions_and_ordinals() {
        use WordKind::{Fraction as F, Ordinal as O};
        let cases = [
            ("two-thirds", 2.0 / 3.0, F),
            ("a third", 1.0 / 3.0, F),
            ("one eighth", 0.125, F),
            ("one and a half", 1.5, F),
            ("twenty and three fifths", 20.6, F),
            ("one hundred thirty fifths", 100.0 / 35.0, F),
            ("one hundred and thirty fifths", 26.0, F),
            ("twenty twenty fifths", 0.8, F),
            ("two thirds of a million", 2e6 / 3.0, F),
            ("seventh", 7.0, O),
            ("twenty-fifth", 25.0, O),
            ("one hundred twenty-fifth", 125.0, O),
            ("two hundredth", 200.0, O),
            ("a hundred trillionth", 1e14, O),
            // A whole number with "and" inside it, then a fraction: the fraction is added,
            // not read as the denominator of the last group.
            ("one hundred and three and two thirds", 103.0 + 2.0 / 3.0, F),
            ("one hundred and thirty and two fifths", 130.4, F),
            ("one half", 0.5, F),
            // A lone "one" before a compound or whole ordinal phrase is a numerator.
            ("one twenty-fifth", 0.04, F),
            ("one one hundred fifth", 1.0 / 105.0, F),
            ("one one hundred and fifth", 1.0 / 105.0, F),
            // An ordinal after "and" closes the number.
            ("one hundred and fifth", 105.0, O),
            ("two thousand and twenty-first", 2021.0, O),
            ("one twenty-fifth of the budget", 0.04, F),
            ("two million and one half", 2.5e6, WordKind::Cardinal),
        ];
        let failed = cases
            .iter()
            .filter(|(i, v, k)| !check(i, Some((*v, *k))))
            .count();
        assert_eq!(failed, 0);
    }

    #[test]
    fn not_numbers() {
        // A lone article, or words that merely look numeric, start nothing.
        assert!(check("a man", None));
        assert!(check("and then", None));
        assert!(check("hundreds of rounds", None));
    }
}
