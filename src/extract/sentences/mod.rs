//! Sentence boundaries: where one checkable unit of text ends and the next begins.
//!
//! The text is read in three layers. Lines are grouped into paragraphs (a blank line always ends
//! one). Inside a paragraph, hard-wrapped lines are joined into one segment, while a line that is
//! complete on its own (a heading, a photo credit, a dateline, a list item) stays apart. Each
//! segment is then scanned byte by byte for sentence ends: `.`, `!`, `?` and ellipses, weighed
//! against abbreviations, initials, decimals, closing quotes and list markers. A dateline at the
//! start of an article ("WASHINGTON (AP) —") becomes a sentence of its own, so that the claim
//! after it starts where a fact-checker would start reading.
//!
//! Every `Sentence` keeps the exact byte span of the input (trimmed of white space) and a `text`
//! with each run of white space folded to one space.

use std::collections::HashSet;
use std::sync::LazyLock;

use memchr::{memchr, memchr_iter, memchr2, memchr2_iter, memchr3, memchr3_iter, memmem};

use crate::extract::Sentence;
use crate::extract::lexicon::{self, WordSet, WordTable};
use crate::extract::text::{dateline_len, fold_whitespace, is_space, space_len};

/// Split `text` into sentences in text order. Never panics; spans are on char boundaries, do
/// not overlap and never include a leading byte-order mark.
pub fn split(text: &str) -> Vec<Sentence> {
    // Room for a sentence every 64 bytes, more than news text has: growing the list copied
    // it several times per article.
    let mut out = Vec::with_capacity(text.len() / 64 + 8);
    let body_start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let lines = lines(text, body_start);
    let mut terminal_from: Vec<bool> = Vec::new();
    let mut paragraph_index = 0;
    let mut first = 0;
    while first < lines.len() {
        let mut last = first;
        while !lines[last].ends_paragraph && last + 1 < lines.len() {
            last += 1;
        }
        let paragraph = &lines[first..=last];
        split_paragraph(
            text,
            paragraph,
            paragraph_index,
            &mut terminal_from,
            &mut out,
        );
        paragraph_index += 1;
        first = last + 1;
    }
    out
}

/// One non-blank line: its trimmed byte span, and whether a blank line
/// (or the end of the text, or a paragraph separator) follows it.
struct Line {
    start: usize,
    end: usize,
    ends_paragraph: bool,
}

impl Line {
    /// Length in chars, for comparing line widths.
    fn chars(&self, text: &str) -> usize {
        text.as_bytes()[self.start..self.end]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
    }
}

/// The non-blank lines of `text` from `from` on. Line ends are `\n`, `\r\n`, a lone `\r` and
/// U+2028; U+2029 (paragraph separator) ends a paragraph like a blank line.
fn lines(text: &str, from: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines: Vec<Line> = Vec::new();
    if only_newlines(&bytes[from..]) {
        // The common case: `\n` is the only line end, found by a vectorised search.
        let mut line_start = from;
        for at in memchr_iter(b'\n', &bytes[from..]) {
            push_line(text, line_start, from + at, false, &mut lines);
            line_start = from + at + 1;
        }
        push_line(text, line_start, bytes.len(), true, &mut lines);
        return lines;
    }
    let mut line_start = from;
    let mut i = from;
    while i < bytes.len() {
        while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r' | 0xE2) {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let (terminator, paragraph) = match bytes[i] {
            b'\n' => (1, false),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => (2, false),
            b'\r' => (1, false),
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                (3, bytes[i + 2] == 0xA9)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        push_line(text, line_start, i, paragraph, &mut lines);
        i += terminator;
        line_start = i;
    }
    push_line(text, line_start, bytes.len(), true, &mut lines);
    lines
}

/// Whether `\n` is the only line end in `bytes`: no `\r`, no U+2028 or U+2029.
fn only_newlines(bytes: &[u8]) -> bool {
    if memchr(b'\r', bytes).is_some() {
        return false;
    }
    !memchr2_iter(0xA8, 0xA9, bytes).any(|at| at >= 2 && bytes[at - 2..at] == [0xE2, 0x80])
}

fn push_line(text: &str, start: usize, end: usize, paragraph: bool, lines: &mut Vec<Line>) {
    let (start, end) = trim(text, start, end);
    if start >= end {
        if let Some(previous) = lines.last_mut() {
            previous.ends_paragraph = true;
        }
        return;
    }
    lines.push(Line {
        start,
        end,
        ends_paragraph: paragraph,
    });
}

/// Split one paragraph: decide which line breaks are hard (end a segment), then split segments.
fn split_paragraph(
    text: &str,
    paragraph: &[Line],
    paragraph_index: usize,
    terminal_from: &mut Vec<bool>,
    out: &mut Vec<Sentence>,
) {
    if let [line] = paragraph {
        // The common case in web text: a paragraph on one line.
        split_segment(
            text,
            line.start,
            line.end,
            paragraph_index < DATELINE_PARAGRAPHS,
            out,
        );
        return;
    }
    let width = Width {
        chars: paragraph
            .iter()
            .map(|line| line.chars(text))
            .max()
            .unwrap_or(0),
        bytes: paragraph
            .iter()
            .map(|line| line.end - line.start)
            .max()
            .unwrap_or(0),
    };
    // terminal_from[k]: some line from k on holds sentence punctuation, so a fragment line
    // before it may be the start of a sentence that ends there. In a paragraph of short
    // fragments with no punctuation at all (a list) the lines stay apart.
    terminal_from.clear();
    terminal_from.resize(paragraph.len() + 1, false);
    for k in (0..paragraph.len()).rev() {
        let line = &text.as_bytes()[paragraph[k].start..paragraph[k].end];
        terminal_from[k] = terminal_from[k + 1]
            || memchr3(b'.', b'!', b'?', line).is_some()
            || ELLIPSIS.find(line).is_some();
    }
    let mut segment_start = paragraph[0].start;
    let mut first_segment = true;
    for (k, line) in paragraph.iter().enumerate() {
        let next = paragraph.get(k + 1);
        let joined = next.is_some_and(|next| joins(text, line, next, width, terminal_from[k + 1]));
        if joined {
            continue;
        }
        let dateline = first_segment && paragraph_index < DATELINE_PARAGRAPHS;
        split_segment(text, segment_start, line.end, dateline, out);
        first_segment = false;
        if let Some(next) = next {
            segment_start = next.start;
        }
    }
}

/// Datelines are only looked for in the first few paragraphs: a title, a subtitle and a photo
/// caption may come before it, but a dateline deep in an article is not one.
const DATELINE_PARAGRAPHS: usize = 8;

/// Whether the break between `line` and `next` is a hard wrap inside one sentence.
/// The longest line of a paragraph, in chars and in bytes: some tools wrap text by bytes, so a
/// line full of curly quotes looks short in chars.
#[derive(Clone, Copy)]
struct Width {
    chars: usize,
    bytes: usize,
}

fn joins(text: &str, line: &Line, next: &Line, width: Width, ends_later: bool) -> bool {
    let this = &text[line.start..line.end];
    let following = &text[next.start..next.end];
    // A list item starts a sentence of its own, even after a full stop: the scanner does not
    // end a sentence before "- $60 billion for ...".
    if list_marker_len(following).is_some() {
        return fired(Rule::ListItem, false);
    }
    if ends_with_terminal(this) {
        // The sentence scanner decides: "Gov.\nEric Holcomb" goes on, "said.\nThe" ends.
        return true;
    }
    let next_lower = following
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() && !this.ends_with(':'));
    if list_marker_len(this).is_some() || dateline_len(this, true).is_some_and(|n| n == this.len())
    {
        return ends_later && following.chars().next().is_some_and(char::is_lowercase);
    }
    if crate::extract::clean::is_credit(this) {
        return fired(Rule::CreditLine, false);
    }
    // A line as long as the paragraph's longest, whose next word would not have fitted on it,
    // was wrapped by width; a shorter line was ended on purpose (a heading, a caption).
    let first_word = following
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let chars = line.chars(text);
    let wrapped = chars >= 20
        && (chars + 1 + first_word.chars().count() > width.chars
            || this.len() + 1 + first_word.len() > width.bytes);
    if this.ends_with(':') {
        // "commented:\n“Cannabis use ...”" is wrapped; a short label before a list is not.
        return ends_later && (next_lower || wrapped);
    }
    if !ends_later {
        // No sentence ends in the rest of the paragraph: a wrapped headline joins, short
        // fragments (a list) stay apart.
        return fired(Rule::LineWidth, wrapped);
    }
    // A title-case line is not taken for a heading here: names wrap too ("The United Nations
    // High Commissioner for Human\nRights said"), and a heading is usually followed by a blank
    // line or by a body line far longer than itself.
    if next_lower || ends_with_connector(this) {
        return fired(Rule::UnfinishedLine, true);
    }
    fired(Rule::LineWidth, wrapped)
}

/// Whether `line` ends with `.`, `!`, `?` or an ellipsis, possibly inside closing quotes.
fn ends_with_terminal(line: &str) -> bool {
    let stripped = line.trim_end_matches(is_closer);
    stripped.ends_with(['.', '!', '?', '…'])
}

/// A line that ends in a comma, a dash or a function word cannot be complete.
fn ends_with_connector(line: &str) -> bool {
    if line.ends_with([',', ';', '-', '—', '–', '(', '/', '&']) {
        return true;
    }
    let last = line.rsplit(' ').next().unwrap_or("");
    WORDS.unfinished_line.contains(last)
}

/// Scan one segment (a paragraph or the part of it between hard line breaks) for sentences.
fn split_segment(text: &str, start: usize, end: usize, dateline: bool, out: &mut Vec<Sentence>) {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        start,
        end,
        plain_spaces: has_only_plain_spaces(&text.as_bytes()[start..end]),
        next_ellipsis: 0,
        out,
    };
    let mut sentence_start = start;
    if dateline {
        let head = &text[start..floor_char_boundary(text, (start + 160).min(end))];
        if let Some(dash_end) = dateline_len(head, true) {
            let (next, _) = trim(text, start + dash_end, end);
            let starts_sentence = text[next..end]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening_quote(c));
            if fired(Rule::Dateline, starts_sentence) {
                scanner.push(start, start + dash_end);
                sentence_start = next;
            }
        }
    }
    scanner.run(sentence_start);
}

/// Searchers for "…" and two spaces, built once: `memmem::find` builds one per call, which
/// cost more than the search in a short line.
static ELLIPSIS: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("…".as_bytes()));
static DOUBLE_SPACE: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"  "));

/// Bytes that matter inside a list: terminal marks, the lead byte of "…" and of the bullets,
/// and white space, where the next list marker may start.
static SCAN_LIST: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'.', b'!', b'?', 0xE2, b' ', b'\t', b'\n', b'\r'];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// Whether the only white space in `bytes` is lone ASCII spaces (no tabs, line breaks, double
/// spaces or Unicode spaces), so its sentences can be copied without folding. Each check is a
/// vectorised search.
fn has_only_plain_spaces(bytes: &[u8]) -> bool {
    if memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr2(0x0b, 0x0c, bytes).is_some()
        || DOUBLE_SPACE.find(bytes).is_some()
    {
        return false;
    }
    let unicode_space = |at: usize| space_len(bytes, at) > 0;
    !memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(unicode_space)
        && !memchr2_iter(0xE3, 0xEF, bytes).any(unicode_space)
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The segment being scanned.
    start: usize,
    end: usize,
    /// The segment's only white space is single ASCII spaces, so sentences need no folding.
    plain_spaces: bool,
    /// Where the next "…" is at or after the scan position (`end` when there is none).
    next_ellipsis: usize,
    out: &'a mut Vec<Sentence>,
}

/// What a terminal punctuation run decides.
enum Step {
    /// The sentence ends at `end`; the next one starts at or after `end`.
    Boundary { end: usize },
    /// Not a sentence end; scanning goes on at `resume`.
    Continue { resume: usize },
}

/// A list marker at the start of a sentence ("1.", "2.)", "b)"), so the next one can be found.
#[derive(Clone, Copy)]
struct Marker {
    value: u32,
    letter: bool,
    upper: bool,
    style: &'static str,
}

impl Scanner<'_> {
    fn run(&mut self, mut sentence_start: usize) {
        let mut marker = self.marker_at(sentence_start);
        let mut i = sentence_start + marker.map_or(0, |(_, len)| len);
        while i < self.end {
            // Skip to the next byte that can matter: white space and bullets only while a list
            // is open; otherwise only terminal marks, found by a vectorised search.
            if marker.is_some() {
                while i < self.end && !SCAN_LIST[usize::from(self.bytes[i])] {
                    i += 1;
                }
            } else {
                i = self.next_terminal(i);
            }
            if i >= self.end {
                break;
            }
            let b = self.bytes[i];
            let step = match b {
                b'.' | b'!' | b'?' => Some(self.terminal(i, sentence_start)),
                0xE2 if self.bytes[i + 1..].starts_with(&[0x80, 0xA6]) => {
                    Some(self.terminal(i, sentence_start))
                }
                0xE2 if is_bullet_at(self.bytes, i)
                    && i > sentence_start
                    && self.space_before(i) =>
                {
                    // A bullet in running text starts a new list item.
                    fired(Rule::ListItem, true);
                    Some(Step::Boundary { end: i })
                }
                b' ' | b'\t' | b'\n' | b'\r' if marker.is_some() => self
                    .next_marker_after(i, marker.and_then(|(m, _)| m))
                    .map(|at| {
                        fired(Rule::ListItem, true);
                        Step::Boundary { end: at }
                    }),
                _ => None,
            };
            match step {
                None => i += 1,
                Some(Step::Continue { resume }) => i = resume.max(i + 1),
                Some(Step::Boundary { end }) => {
                    self.push(sentence_start, end);
                    let (next, _) = trim(self.text, end, self.end);
                    sentence_start = next;
                    marker = self.marker_at(sentence_start);
                    i = (sentence_start + marker.map_or(0, |(_, len)| len)).max(i + 1);
                }
            }
        }
        if sentence_start < self.end {
            self.push_last(sentence_start);
        }
    }

    /// Push the last sentence of the segment, splitting off a trailing photo credit in
    /// parentheses ("... on Tuesday (AP Photo/Evan Vucci)").
    fn push_last(&mut self, sentence_start: usize) {
        let slice = &self.text[sentence_start..self.end];
        if slice.ends_with(')')
            && let Some(open) = slice.rfind('(')
            && open > 0
            && crate::extract::clean::is_credit(&slice[open..])
            && self.space_before(sentence_start + open)
        {
            self.push(sentence_start, sentence_start + open);
            self.push(sentence_start + open, self.end);
            return;
        }
        self.push(sentence_start, self.end);
    }

    fn push(&mut self, start: usize, end: usize) {
        let (start, end) = trim(self.text, start, end);
        if start < end {
            self.out.push(Sentence {
                start,
                end,
                text: if self.plain_spaces {
                    self.text[start..end].to_owned()
                } else {
                    fold_whitespace(&self.text[start..end])
                },
                boilerplate: None,
            });
        }
    }

    /// The first `.`, `!`, `?` or `…` at or after `i` (or `end`).
    fn next_terminal(&mut self, i: usize) -> usize {
        if self.next_ellipsis < i {
            let rest = &self.bytes[i..self.end];
            self.next_ellipsis = ELLIPSIS.find(rest).map_or(self.end, |at| i + at);
        }
        let mark =
            memchr3(b'.', b'!', b'?', &self.bytes[i..self.end]).map_or(self.end, |at| i + at);
        mark.min(self.next_ellipsis)
    }

    fn space_before(&self, i: usize) -> bool {
        self.text[..i].chars().next_back().is_some_and(is_space)
    }

    /// A list marker at the start of a sentence, with its length in bytes.
    fn marker_at(&self, at: usize) -> Option<(Option<Marker>, usize)> {
        let rest = &self.text[at..self.end];
        let len = list_marker_len(rest)?;
        let mut body = rest;
        if let Some(c) = body.chars().next()
            && (is_bullet(c) || c == '*' || c == '-')
        {
            body = body[c.len_utf8()..].trim_start_matches(is_space);
        }
        let marker = parse_marker(body);
        Some((marker, len))
    }

    /// The start of the list marker that follows `current`, when the white space at `i` is
    /// followed by it ("1. The first item 2. The second item").
    fn next_marker_after(&self, i: usize, current: Option<Marker>) -> Option<usize> {
        let current = current?;
        let at = i + 1;
        if at >= self.end || self.bytes[at].is_ascii_whitespace() {
            return None;
        }
        let rest = &self.text[at..self.end];
        list_marker_len(rest)?;
        let next = parse_marker(rest)?;
        let follows = next.letter == current.letter
            && next.upper == current.upper
            && next.style == current.style
            && next.value == current.value + 1;
        follows.then_some(at)
    }

    /// Decide whether the terminal punctuation starting at `i` ends the sentence.
    fn terminal(&self, i: usize, sentence_start: usize) -> Step {
        let bytes = self.bytes;
        // The run of terminal marks: "?!", "...", ". . . .", "…".
        let mut j = i;
        let mut dots = 0;
        let mut exclaim = false;
        let mut spaced = false;
        while j < self.end {
            match bytes[j] {
                b'.' => {
                    dots += 1;
                    j += 1;
                }
                b'!' | b'?' => {
                    exclaim = true;
                    j += 1;
                }
                0xE2 if bytes[j + 1..].starts_with(&[0x80, 0xA6]) => {
                    dots += 3;
                    j += 3;
                }
                b' ' | b'\n'
                    if dots > 0 && bytes.get(j + 1) == Some(&b'.') && lone_dot(bytes, j + 1) =>
                {
                    spaced = true;
                    j += 1;
                }
                _ => break,
            }
        }
        let run_end = j;
        let mut quoted = false;
        while j < self.end {
            let c = self.text[j..].chars().next().unwrap_or(' ');
            if !is_closer(c) {
                break;
            }
            quoted |= c != ')' && c != ']';
            j += c.len_utf8();
        }
        let after = j;
        if after >= self.end {
            return Step::Boundary { end: after };
        }
        let attached = i > self.start && !self.space_before(i);
        let next_char = self.text[after..].chars().next().unwrap_or(' ');
        if !is_space(next_char) {
            // "Hello world.Today is Tuesday.": a period glued to a capitalised word.
            if dots == 1
                && !exclaim
                && after == run_end
                && self.glued_boundary(i, after, sentence_start)
            {
                fired(Rule::GluedPeriod, true);
                return Step::Boundary { end: after };
            }
            return Step::Continue { resume: run_end };
        }
        let (next, _) = trim(self.text, after, self.end);
        let kind = next_kind(&self.text[next..self.end]);
        if quoted && kind == NextKind::Bracket || self.text[..i].ends_with('[') {
            // A citation after a quote ("...stairways [...]" (Smith 55).) and an omission in
            // brackets ("[...]") do not end the sentence.
            fired(Rule::Citation, false);
            return Step::Continue { resume: after };
        }
        let starts = kind.starts_sentence();
        let boundary = if dots >= 2 && !exclaim {
            if attached && matches!(bytes.get(i + 1), Some(b' ' | b'\n')) && spaced {
                // "compounds. . . . The practice": the period ends the sentence and the
                // ellipsis opens the next one.
                if starts {
                    fired(Rule::Ellipsis, true);
                    return Step::Boundary { end: i + 1 };
                }
                false
            } else if dots >= 4 || quoted {
                fired(Rule::Ellipsis, starts)
            } else {
                // A plain ellipsis marks an omission inside a sentence or a quote.
                fired(Rule::Ellipsis, false)
            }
        } else if exclaim {
            fired(Rule::Terminal, starts)
        } else {
            self.period_ends(i, sentence_start, kind, next)
        };
        if boundary && quoted && self.attribution_follows(next) {
            // "“... the investigation?’” Holmes testified." The quote and who said it are one.
            fired(Rule::QuoteAttribution, false);
            return Step::Continue { resume: after };
        }
        if boundary {
            Step::Boundary { end: after }
        } else {
            Step::Continue { resume: after }
        }
    }

    /// Whether a single period at `i`, followed by white space and then `kind` at `next`, ends
    /// the sentence: abbreviations, initials and numbered references say no.
    fn period_ends(&self, i: usize, sentence_start: usize, kind: NextKind, next: usize) -> bool {
        if kind == NextKind::Lower || kind == NextKind::Other {
            return fired(Rule::LowerCaseNext, false);
        }
        let word_start = self.word_start(i, sentence_start);
        let word = self.text[word_start..i].trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            return kind.starts_sentence();
        }
        if is_multi_period(word) {
            let lower = word.to_ascii_lowercase();
            if lower == "a.m" || lower == "p.m" {
                let ends = self.clock_time_ends(word_start, sentence_start, kind, next);
                return fired(Rule::ClockTime, ends);
            }
            return match WORDS.abbreviations.get(&lower) {
                Some(Abbreviation::Title) => fired(Rule::TitleAbbreviation, false),
                _ => fired(
                    Rule::ClosingAbbreviation,
                    self.postpositive_ends(kind, next),
                ),
            };
        }
        // "Tuesday.Mr" (no space after the first period): the abbreviation is the last part.
        let word = word.rsplit('.').next().unwrap_or(word);
        match abbreviation_class(word) {
            Some(Abbreviation::Title) => fired(Rule::TitleAbbreviation, false),
            Some(Abbreviation::BeforeNumber) => {
                fired(Rule::NumberAbbreviation, kind != NextKind::Digit)
            }
            Some(Abbreviation::After) => fired(
                Rule::ClosingAbbreviation,
                self.postpositive_ends(kind, next),
            ),
            None => {
                let mut chars = word.chars();
                let initial =
                    chars.next().is_some_and(|c| c.is_uppercase()) && chars.next().is_none();
                if initial && kind == NextKind::Upper {
                    // "Jonas E. Smith" is a name; "you and I. Did" ends a sentence.
                    let ends = self.previous_word_is_lowercase(word_start, sentence_start);
                    return fired(Rule::Initial, ends);
                }
                fired(Rule::Terminal, true)
            }
        }
    }

    /// After "Inc.", "Jr.", "U.S." or a month: the sentence ends only when the next word is one
    /// that opens sentences ("U.S. How about you?", not "U.S. Government").
    fn postpositive_ends(&self, kind: NextKind, next: usize) -> bool {
        match kind {
            NextKind::Upper => is_sentence_starter(first_word(&self.text[next..self.end])),
            NextKind::Quote => true,
            _ => false,
        }
    }

    /// After "a.m." or "p.m.": "At 5 a.m. Mr. Smith went" goes on (a short time phrase opens the
    /// sentence), "He left at 6 P.M. Mr. Smith then" ends; "6 p.m. Tuesday" goes on.
    fn clock_time_ends(
        &self,
        word_start: usize,
        sentence_start: usize,
        kind: NextKind,
        next: usize,
    ) -> bool {
        match kind {
            NextKind::Quote => true,
            NextKind::Upper => {
                let next_word = first_word(&self.text[next..self.end]);
                if is_time_word(next_word) {
                    return false;
                }
                let before = &self.text[sentence_start..word_start];
                before.split_whitespace().count() > 3
            }
            _ => false,
        }
    }

    fn previous_word_is_lowercase(&self, word_start: usize, sentence_start: usize) -> bool {
        let before = &self.text[sentence_start..word_start];
        let Some(previous) = before.split_whitespace().next_back() else {
            return false;
        };
        let previous = previous.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lower = previous.chars().next().is_some_and(char::is_lowercase);
        lower && !WORDS.name_particles.contains(previous)
    }

    /// Start of the word that ends at `i`, not before the sentence start `floor` (and bounded,
    /// so a very long token stays linear).
    fn word_start(&self, i: usize, floor: usize) -> usize {
        let lower_bound = floor_char_boundary(self.text, i.saturating_sub(64)).max(floor);
        let mut start = i;
        for (offset, c) in self.text[lower_bound..i].char_indices().rev() {
            if is_space(c) {
                break;
            }
            start = lower_bound + offset;
        }
        start
    }

    /// A period with no space after it ends a sentence when a lowercase word or a number runs
    /// into a capitalised word ("world.Today", "1,000.That"), but not inside an e-mail address, a
    /// web address or an abbreviation ("Mr.Smith").
    fn glued_boundary(&self, i: usize, after: usize, sentence_start: usize) -> bool {
        let bytes = self.bytes;
        let before_ok =
            i > self.start && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit());
        let next_ok = bytes[after].is_ascii_uppercase()
            && bytes.get(after + 1).is_some_and(|b| b.is_ascii_lowercase());
        if !before_ok || !next_ok {
            return false;
        }
        let word_start = self.word_start(i, sentence_start);
        let word = &self.text[word_start..i];
        if abbreviation_class(word).is_some() || word.len() == 1 {
            return false;
        }
        let token_end = self.text
            [after..floor_char_boundary(self.text, (after + 64).min(self.end))]
            .find(|c: char| is_space(c))
            .map_or(self.end.min(after + 64), |n| after + n);
        let token = &self.text[word_start..floor_char_boundary(self.text, token_end)];
        !(token.contains('@') || token.contains("://") || token.contains("www."))
    }

    /// Whether the words at `at` are a quote's attribution: a name or pronoun, then a verb of
    /// saying ("Holmes testified", "She said").
    fn attribution_follows(&self, at: usize) -> bool {
        let rest = &self.text[at..floor_char_boundary(self.text, (at + 120).min(self.end))];
        let mut words = rest.split_whitespace();
        for _ in 0..4 {
            let Some(word) = words.next() else {
                return false;
            };
            let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            if WORDS.quote_closing_verbs.contains(bare) {
                // The attribution must end there ("Holmes testified."), or go on with when or
                // where; "He said the plan would work" is a sentence of its own.
                let closes = bare.len() < word.len();
                let then = words.next().unwrap_or("");
                let then = then.trim_end_matches(|c: char| !c.is_alphanumeric());
                return closes || WORDS.attribution_continuations.get(then).is_some();
            }
            if !bare.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
        false
    }
}

/// The boundary rules, each a decision the splitter takes at a line break or a terminal mark.
/// `BOUNDARY_RULES` gives each its examples; the test `boundary_rules_decide_their_examples`
/// splits them and checks that the rule took part in the split of the examples it names, and
/// in none of those it lists as `not`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// ".", "!" or "?" before a capital, a digit or a quote ends the sentence.
    Terminal,
    /// A period before a lower-case word does not.
    LowerCaseNext,
    /// "Mr.", "Gov.", "e.g." never end one.
    TitleAbbreviation,
    /// "No. 1", "p. 55": before a number the abbreviation goes on.
    NumberAbbreviation,
    /// "Inc.", "U.S.", "Sept." end one only when a sentence opener follows.
    ClosingAbbreviation,
    /// "5 a.m. Tuesday" goes on; a long sentence ending "at 6 p.m." ends.
    ClockTime,
    /// "Jonas E. Smith" is a name; "you and I. Did" ends.
    Initial,
    /// "world.Today": a period glued to a capitalised word.
    GluedPeriod,
    /// An ellipsis inside a sentence is an omission; four dots or a quoted one end it.
    Ellipsis,
    /// "“… the investigation?” Holmes testified.": the quote and who said it are one.
    QuoteAttribution,
    /// A citation or a bracketed omission after a quote goes on.
    Citation,
    /// Bullets and numbered items start sentences of their own.
    ListItem,
    /// A line ending in a function word or followed by a lower-case one was wrapped.
    UnfinishedLine,
    /// A line as long as the paragraph's longest was wrapped by width; a short one is apart.
    LineWidth,
    /// A photo credit line stays apart from the next.
    CreditLine,
    /// "WASHINGTON (AP) —" at the top is a sentence of its own.
    Dateline,
}

/// Record that `rule` decided (in tests), and pass its decision on.
#[inline]
fn fired(rule: Rule, decision: bool) -> bool {
    #[cfg(test)]
    tests::FIRED.with(|fired| fired.borrow_mut().push(rule));
    #[cfg(not(test))]
    let _ = rule;
    decision
}

/// What follows a candidate sentence end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NextKind {
    Upper,
    Lower,
    Digit,
    Quote,
    Bracket,
    Other,
}

impl NextKind {
    fn starts_sentence(self) -> bool {
        matches!(
            self,
            NextKind::Upper | NextKind::Digit | NextKind::Quote | NextKind::Bracket
        )
    }
}

fn next_kind(rest: &str) -> NextKind {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return NextKind::Other;
    };
    if c.is_uppercase() {
        NextKind::Upper
    } else if c.is_lowercase() {
        // "iPhone sales rose" starts a sentence like a capitalised word.
        if chars.next().is_some_and(char::is_uppercase) {
            NextKind::Upper
        } else {
            NextKind::Lower
        }
    } else if c.is_ascii_digit() || matches!(c, '$' | '£' | '€' | '¥') {
        NextKind::Digit
    } else if is_opening_quote(c) {
        NextKind::Quote
    } else if matches!(c, '(' | '[') || is_bullet(c) {
        NextKind::Bracket
    } else if c.is_alphabetic() {
        // Scripts without case.
        NextKind::Upper
    } else {
        NextKind::Other
    }
}

fn first_word(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abbreviation {
    /// Stands before a name and never ends a sentence: "Mr.", "Gov.", "Mt.", "vs.".
    Title,
    /// Stands before a number: "No. 1", "p. 55"; otherwise an ordinary word.
    BeforeNumber,
    /// Can end a sentence: "Inc.", "Jr.", "Calif.", "Sept.", "etc.".
    After,
}

/// The class of `word` (written without its period) as an abbreviation, or `None`. A
/// capitalised word of two letters or more is looked up in lower case in every class; a
/// lower-case one only among the abbreviations that are no word in lower case ("ill.").
fn abbreviation_class(word: &str) -> Option<Abbreviation> {
    if word.len() > 8 {
        return None;
    }
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return WORDS.abbreviations.get(word);
    }
    // A single capital is an initial ("V."), not the lower-case "v.".
    word.chars().nth(1)?;
    with_lower_case(word, |lower| {
        WORDS
            .abbreviations
            .get(lower)
            .or_else(|| WORDS.capitalised_abbreviations.get(lower))
    })
}

/// `f` of `word` in lower case, without allocating for a short ASCII word (the splitter looks
/// up the capitalised word before every period that may end a sentence).
fn with_lower_case<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.is_ascii() && word.len() <= 16 {
        let mut buffer = [0u8; 16];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).unwrap_or_default());
    }
    f(&word.to_lowercase())
}

/// The words that open a sentence: the word classes that often do, and last the splitter's own
/// list of the other openers.
static OPENER_LISTS: [&lexicon::List; 8] = [
    &lexicon::FUNCTION_WORDS,
    &lexicon::SENTENCE_ADVERBS,
    &lexicon::AUXILIARIES,
    &lexicon::BE_VERBS,
    &lexicon::NAME_JOINERS,
    &lexicon::NUMBER_UNITS,
    &lexicon::GENERIC_SOURCES,
    &lexicon::SENTENCE_OPENERS,
];

/// The splitter's word classes, read from the lexicon once.
struct Words {
    unfinished_line: WordSet,
    openers: WordSet,
    quote_closing_verbs: WordSet,
    attribution_continuations: WordTable<()>,
    name_particles: WordSet,
    /// Abbreviations matched in either case.
    abbreviations: WordTable<Abbreviation>,
    /// Abbreviations matched only capitalised: their lower-case forms are words.
    capitalised_abbreviations: WordTable<Abbreviation>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let classed = |lists: &[(&'static lexicon::List, Abbreviation)]| {
        let entries: Vec<(&str, Abbreviation)> = lists
            .iter()
            .flat_map(|(list, class)| list.words().map(|w| (w, *class)))
            .collect();
        WordTable::new(entries.into_iter())
    };
    // The short forms of months and weekdays are the words after the full name on their line.
    let short_forms: Vec<&str> = [&lexicon::MONTHS, &lexicon::WEEKDAYS]
        .into_iter()
        .flat_map(|list| list.lines().flat_map(|forms| forms.into_iter().skip(1)))
        .collect();
    let capitalised_words = lexicon::ABBREVIATIONS_CLOSING_CAPITALISED.words();
    let weekdays = lexicon::WEEKDAYS
        .lines()
        .map(|forms| lexicon::capitalised(forms[0]));
    let continuations = WordTable::new(
        lexicon::ATTRIBUTION_CONTINUATIONS
            .words()
            .map(|w| (w.to_string(), ()))
            .chain(weekdays.into_iter().map(|w| (w, ())))
            .collect::<Vec<_>>()
            .iter()
            .map(|(w, unit)| (w.as_str(), *unit)),
    );
    Words {
        unfinished_line: WordSet::of(&lexicon::UNFINISHED_LINE_WORDS),
        openers: WordSet::of_all(&OPENER_LISTS),
        quote_closing_verbs: WordSet::of(&lexicon::QUOTE_CLOSING_VERBS),
        attribution_continuations: continuations,
        name_particles: WordSet::of(&lexicon::NAME_PARTICLES),
        abbreviations: classed(&[
            (&lexicon::ABBREVIATIONS_BEFORE_NAMES, Abbreviation::Title),
            (
                &lexicon::ABBREVIATIONS_BEFORE_NUMBERS,
                Abbreviation::BeforeNumber,
            ),
            (&lexicon::ABBREVIATIONS_CLOSING, Abbreviation::After),
        ]),
        capitalised_abbreviations: WordTable::new(
            capitalised_words
                .chain(short_forms)
                .map(|w| (w, Abbreviation::After)),
        ),
    }
});

/// "U.S", "a.m", "J.P", "Ph.D" (the final period is not part of `word`).
fn is_multi_period(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() < 3 || !bytes.contains(&b'.') {
        return false;
    }
    bytes
        .split(|&b| b == b'.')
        .all(|part| !part.is_empty() && part.len() <= 2 && part.iter().all(u8::is_ascii_alphabetic))
}

/// Words that open sentences, used after abbreviations that can also end one (and by claims to
/// tell a dateline from a sentence's first words).
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    with_lower_case(word, |lower| WORDS.openers.contains(lower))
}

/// Words that continue a clock time: "6 p.m. Tuesday", "9 a.m. ET". Months in every form and
/// weekdays by their full names, capitalised, and the time zones of the lexicon.
fn is_time_word(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
        let mut words = HashSet::new();
        for month in lexicon::MONTHS.words() {
            words.insert(lexicon::capitalised(month));
        }
        for weekday in lexicon::WEEKDAYS.lines() {
            words.insert(lexicon::capitalised(weekday[0]));
        }
        for zone in lexicon::TIME_ZONES.words() {
            if zone.len() <= 4 {
                words.insert(zone.to_ascii_uppercase());
            } else {
                words.insert(lexicon::capitalised(zone));
                words.insert(zone.to_string());
            }
        }
        words
    });
    WORDS.contains(word)
}

/// Length in bytes of a list marker at the start of `line`, up to the white space after it: a
/// bullet, "1.", "2.)", "3)", "a.", "b)" (a marker must be followed by white space).
fn list_marker_len(line: &str) -> Option<usize> {
    if let Some(c) = line.chars().next()
        && (is_bullet(c) || c == '*' || c == '-')
    {
        let at = c.len_utf8();
        let after = &line[at..];
        let rest = after.trim_start_matches(is_space);
        // "-5%" or "*Note" is not a list item; "- item", "⁃9." and "• 9." are.
        if rest.is_empty() || (rest.len() == after.len() && !is_bullet(c)) {
            return None;
        }
        let skipped = after.len() - rest.len();
        return Some(enumerator_len(rest).map_or(at, |n| at + skipped + n));
    }
    enumerator_len(line)
}

/// Length of "12." / "12.)" / "12)" / "a." / "b)" at the start of `text`, which must be
/// followed by white space.
fn enumerator_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let body = if digits > 0 {
        if digits > 3 {
            return None;
        }
        digits
    } else if bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        1
    } else {
        return None;
    };
    let style = if bytes[body..].starts_with(b".)") {
        2
    } else if matches!(bytes.get(body), Some(b'.' | b')')) {
        1
    } else {
        return None;
    };
    let end = body + style;
    let followed_by_space = text[end..].chars().next().is_some_and(is_space);
    followed_by_space.then_some(end)
}

fn parse_marker(body: &str) -> Option<Marker> {
    let len = enumerator_len(body)?;
    let marker = &body[..len];
    let digits = marker.bytes().take_while(u8::is_ascii_digit).count();
    let style = match &marker[digits.max(1)..] {
        ".)" => ".)",
        ")" => ")",
        _ => ".",
    };
    if digits > 0 {
        let value = marker[..digits].parse().ok()?;
        return Some(Marker {
            value,
            letter: false,
            upper: false,
            style,
        });
    }
    let letter = marker.as_bytes()[0];
    Some(Marker {
        value: u32::from(letter.to_ascii_lowercase()),
        letter: true,
        upper: letter.is_ascii_uppercase(),
        style,
    })
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '‣' | '◦' | '▪' | '●' | '■' | '►' | '▸')
}

fn is_bullet_at(bytes: &[u8], i: usize) -> bool {
    // Bullets used here all start with 0xE2; decode only then.
    let end = (i + 3).min(bytes.len());
    std::str::from_utf8(&bytes[i..end])
        .ok()
        .and_then(|s| s.chars().next())
        .is_some_and(is_bullet)
}

/// A dot that stands alone in a spaced ellipsis (". . ."), not one that starts ".45".
fn lone_dot(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i + 1) {
        None => true,
        Some(b) => matches!(b, b' ' | b'.' | b'"' | b'\'' | b')' | b'\n' | b'\r' | 0xE2),
    }
}

/// Characters that close a quote or a parenthesis after a sentence's final punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '„')
}

/// Trim white space from both ends of `text[start..end]`; returns the trimmed span.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // The common case: a printable ASCII byte at either end, which no white space starts.
    let printable = |b: u8| (0x21..0x7f).contains(&b);
    if start < end && printable(bytes[start]) && printable(bytes[end - 1]) {
        return (start, end);
    }
    let slice = &text[start..end];
    let front = slice.len() - slice.trim_start_matches(is_space).len();
    let back = slice.trim_end_matches(is_space).len();
    if front >= back {
        return (end, end);
    }
    (start + front, start + back)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// The rules that decided while splitting, in order (see `fired`).
        pub(super) static FIRED: std::cell::RefCell<Vec<Rule>> = const {
            std::cell::RefCell::new(Vec::new())
        };
    }

    /// An input and the sentences it splits into.
    type Example = (&'static str, &'static [&'static str]);

    /// Each boundary rule with inputs it decides (`examples`) and inputs split without it
    /// (`not`): the near cases it must leave to the other rules.
    const BOUNDARY_RULES: &[(Rule, &[Example], &[Example])] = &[
        (
            Rule::Terminal,
            &[(
                "It rained. Then it stopped!",
                &["It rained.", "Then it stopped!"],
            )],
            &[("It rained", &["It rained"])],
        ),
        (
            Rule::LowerCaseNext,
            &[("He paid 5 p. and left.", &["He paid 5 p. and left."])],
            &[("He paid. And left.", &["He paid.", "And left."])],
        ),
        (
            Rule::TitleAbbreviation,
            &[
                (
                    "Mr. Kim met Gov. Holcomb. They talked.",
                    &["Mr. Kim met Gov. Holcomb.", "They talked."],
                ),
                (
                    "Fruit, e.g. Apples, sold well.",
                    &["Fruit, e.g. Apples, sold well."],
                ),
            ],
            &[("He met Kim. They talked.", &["He met Kim.", "They talked."])],
        ),
        (
            Rule::NumberAbbreviation,
            &[
                ("It ranked No. 1 in May.", &["It ranked No. 1 in May."]),
                (
                    "He said no. The talks ended.",
                    &["He said no.", "The talks ended."],
                ),
            ],
            &[],
        ),
        (
            Rule::ClosingAbbreviation,
            &[
                (
                    "He works at Acme Inc. The firm grew.",
                    &["He works at Acme Inc.", "The firm grew."],
                ),
                (
                    "He works at Acme Inc. Headquarters grew.",
                    &["He works at Acme Inc. Headquarters grew."],
                ),
                (
                    "The U.S. Government agreed.",
                    &["The U.S. Government agreed."],
                ),
            ],
            &[],
        ),
        (
            Rule::ClockTime,
            &[
                (
                    "At 5 a.m. Tuesday the polls opened.",
                    &["At 5 a.m. Tuesday the polls opened."],
                ),
                (
                    "He left the building at 6 p.m. Mr. Smith then went home.",
                    &[
                        "He left the building at 6 p.m.",
                        "Mr. Smith then went home.",
                    ],
                ),
            ],
            &[],
        ),
        (
            Rule::Initial,
            &[
                ("Jonas E. Smith spoke.", &["Jonas E. Smith spoke."]),
                (
                    "It was you and I. Did it matter?",
                    &["It was you and I.", "Did it matter?"],
                ),
            ],
            &[("Jonas Smith spoke.", &["Jonas Smith spoke."])],
        ),
        (
            Rule::GluedPeriod,
            &[(
                "Hello world.Today is Tuesday.",
                &["Hello world.", "Today is Tuesday."],
            )],
            &[(
                "Write to jane.Doe@example.com today.",
                &["Write to jane.Doe@example.com today."],
            )],
        ),
        (
            Rule::Ellipsis,
            &[
                (
                    "He said ... the plan works.",
                    &["He said ... the plan works."],
                ),
                (
                    "It ended.... Then a new one began.",
                    &["It ended....", "Then a new one began."],
                ),
            ],
            &[],
        ),
        (
            Rule::QuoteAttribution,
            &[(
                "“Was it the investigation?” Holmes testified.",
                &["“Was it the investigation?” Holmes testified."],
            )],
            &[(
                "He warned of “the dire situation.” She agreed.",
                &["He warned of “the dire situation.”", "She agreed."],
            )],
        ),
        (
            Rule::Citation,
            &[(
                "It was “steep.” (Smith 55). He left.",
                &["It was “steep.” (Smith 55).", "He left."],
            )],
            &[],
        ),
        (
            Rule::ListItem,
            &[
                (
                    "Key points:\n- $60 billion for roads\n- $5 billion for ports",
                    &[
                        "Key points:",
                        "- $60 billion for roads",
                        "- $5 billion for ports",
                    ],
                ),
                (
                    "1. The first item 2. The second item",
                    &["1. The first item", "2. The second item"],
                ),
            ],
            &[],
        ),
        (
            Rule::UnfinishedLine,
            &[(
                "The minister said the\nplan would work.",
                &["The minister said the plan would work."],
            )],
            &[],
        ),
        (
            Rule::LineWidth,
            &[(
                "Markets\nStocks rose sharply on Tuesday after the report.",
                &[
                    "Markets",
                    "Stocks rose sharply on Tuesday after the report.",
                ],
            )],
            &[],
        ),
        (
            Rule::CreditLine,
            &[(
                "AP Photo/Evan Vucci\nThe envoy spoke on Tuesday.",
                &["AP Photo/Evan Vucci", "The envoy spoke on Tuesday."],
            )],
            &[],
        ),
        (
            Rule::Dateline,
            &[(
                "WASHINGTON (AP) — The envoy spoke.",
                &["WASHINGTON (AP) —", "The envoy spoke."],
            )],
            &[("The envoy spoke.", &["The envoy spoke."])],
        ),
    ];

    /// Every rule decides the splits of its examples and none of those it leaves to others.
    #[test]
    fn boundary_rules_decide_their_examples() {
        let split_recording = |input: &str| {
            FIRED.with(|fired| fired.borrow_mut().clear());
            let got: Vec<String> = split(input).into_iter().map(|s| s.text).collect();
            (got, FIRED.with(|fired| fired.borrow().clone()))
        };
        for (rule, examples, not) in BOUNDARY_RULES {
            assert!(!examples.is_empty(), "{rule:?}");
            for (input, expected) in *examples {
                let (got, fired) = split_recording(input);
                assert_eq!(got, *expected, "{rule:?}: {input:?}");
                assert!(
                    fired.contains(rule),
                    "{rule:?} did not decide {input:?}: {fired:?}"
                );
            }
            for (input, expected) in *not {
                let (got, fired) = split_recording(input);
                assert_eq!(got, *expected, "{rule:?}: {input:?}");
                assert!(!fired.contains(rule), "{rule:?} decided {input:?}");
            }
        }
    }

    /// The time words read from the lexicon are those the splitter always continued a clock
    /// time with, in the case it wrote them.
    #[test]
    fn time_words_come_from_the_lexicon() {
        for word in [
            "January", "Sept", "May", "Tuesday", "ET", "GMT", "Pacific", "local",
        ] {
            assert!(is_time_word(word), "{word}");
        }
        for word in ["Tue", "et", "Et", "may", "tuesday", "LOCALLY"] {
            assert!(!is_time_word(word), "{word}");
        }
    }

    /// Entries the splitter could never read: an opener already in a list it reads openers
    /// from, a capitalised-only abbreviation that an any-case one shadows, or an abbreviation
    /// longer than the eight bytes `abbreviation_class` looks at.
    #[test]
    fn splitter_entries_can_be_reached() {
        let read_with = &OPENER_LISTS[..OPENER_LISTS.len() - 1];
        for word in lexicon::SENTENCE_OPENERS.words() {
            let copy = read_with
                .iter()
                .find(|list| list.words().any(|w| w == word));
            assert!(
                copy.is_none(),
                "{word:?} is read from {:?}",
                copy.map(|l| l.name)
            );
            assert!(is_sentence_starter(&lexicon::capitalised(word)), "{word}");
        }
        for word in lexicon::ABBREVIATIONS_CLOSING_CAPITALISED.words() {
            assert!(
                WORDS.abbreviations.get(word).is_none(),
                "{word} is shadowed"
            );
        }
        let abbreviations = [
            &lexicon::ABBREVIATIONS_BEFORE_NAMES,
            &lexicon::ABBREVIATIONS_BEFORE_NUMBERS,
            &lexicon::ABBREVIATIONS_CLOSING,
            &lexicon::ABBREVIATIONS_CLOSING_CAPITALISED,
        ];
        for list in abbreviations {
            for word in list.words() {
                let capitalised = lexicon::capitalised(word);
                let seen = abbreviation_class(&capitalised).is_some()
                    || abbreviation_class(word).is_some();
                assert!(seen && word.len() <= 8, "{}: {word}", list.name);
            }
        }
    }

    /// Split `input` and compare the folded sentence texts.
    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = split(input).into_iter().map(|s| s.text).collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn abbreviations_titles_and_places() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "titles before names",
                "Mr. Kim met Gov. Holcomb and Lt. Col. Alexander Vindman. They talked.",
                &[
                    "Mr. Kim met Gov. Holcomb and Lt. Col. Alexander Vindman.",
                    "They talked.",
                ],
            ),
            (
                "city council and police titles",
                "He disputed it. Ald. Scott Waguespack and Ofc. Jane Doe spoke. Brig. Gen. Ann Lee left.",
                &[
                    "He disputed it.",
                    "Ald. Scott Waguespack and Ofc. Jane Doe spoke.",
                    "Brig. Gen. Ann Lee left.",
                ],
            ),
            (
                "abbreviations in capitals, as wire copy writes them",
                "MR. SMITH LEFT ST. JOSEPH. He said so.",
                &["MR. SMITH LEFT ST. JOSEPH.", "He said so."],
            ),
            (
                "plural title",
                "Sens. Cory Booker and Kamala Harris spoke. Then they left.",
                &[
                    "Sens. Cory Booker and Kamala Harris spoke.",
                    "Then they left.",
                ],
            ),
            (
                "state after a city",
                "She lives in Pittsburgh, Pa. The city is large.",
                &["She lives in Pittsburgh, Pa.", "The city is large."],
            ),
            (
                "state inside a sentence",
                "Omar, D-Minn., and Rep. Smith of Ind. Gov. Holcomb's state.",
                &["Omar, D-Minn., and Rep. Smith of Ind. Gov. Holcomb's state."],
            ),
            (
                "rupees before an amount",
                "He paid Rs. 2.5 lakh to the firm. It was late.",
                &["He paid Rs. 2.5 lakh to the firm.", "It was late."],
            ),
            (
                "month before a day",
                "It starts Dec. 15 and ends Sept. 1. Then it stops.",
                &["It starts Dec. 15 and ends Sept. 1.", "Then it stops."],
            ),
            (
                "month at the end",
                "Sentencing is scheduled for Feb. 14.",
                &["Sentencing is scheduled for Feb. 14."],
            ),
            (
                "number abbreviation",
                "He was No. 1 in the list. It was p. 5.",
                &["He was No. 1 in the list.", "It was p. 5."],
            ),
            (
                "company ends a sentence",
                "He works at Tempus Inc. The firm is big.",
                &["He works at Tempus Inc.", "The firm is big."],
            ),
            (
                "company inside a sentence",
                "Pacific Gas & Electric Co. was set to begin.",
                &["Pacific Gas & Electric Co. was set to begin."],
            ),
            (
                "U.S. before a noun",
                "The U.S. Attorney’s Office said so. It is final.",
                &["The U.S. Attorney’s Office said so.", "It is final."],
            ),
            (
                "U.N. ends a sentence",
                "He spoke at the U.N. The crowd cheered.",
                &["He spoke at the U.N.", "The crowd cheered."],
            ),
            (
                "vs. in a label",
                "Global currencies vs. Dollar index here.",
                &["Global currencies vs. Dollar index here."],
            ),
            (
                "British titles without a period",
                "Ms Persson said so. Mr Assange denies it.",
                &["Ms Persson said so.", "Mr Assange denies it."],
            ),
        ];
        for (name, input, expected) in cases {
            eprintln!("case: {name}");
            check(input, expected);
        }
    }

    #[test]
    fn initials_and_numbers() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "middle initial",
                "Patrick W. Carlineo Jr., 55, pleaded guilty.",
                &["Patrick W. Carlineo Jr., 55, pleaded guilty."],
            ),
            (
                "initials run together",
                "J.P. Morgan rose. Citi fell.",
                &["J.P. Morgan rose.", "Citi fell."],
            ),
            (
                "doctor and initial",
                "Dr. Silvia S. Martins commented.",
                &["Dr. Silvia S. Martins commented."],
            ),
            (
                "decimal",
                "Oil fell 3.38% to $55.12 per barrel. Gold rose.",
                &["Oil fell 3.38% to $55.12 per barrel.", "Gold rose."],
            ),
            (
                "number ends a sentence",
                "The index closed at 8,570.66. Bonds rose.",
                &["The index closed at 8,570.66.", "Bonds rose."],
            ),
            (
                "year then a name",
                "It was taken June 3, 2022. Kim Hong-Ji/pool via AP",
                &["It was taken June 3, 2022.", "Kim Hong-Ji/pool via AP"],
            ),
            (
                "instrument codes",
                "The index .DJI fell and US10YT=RR rose.",
                &["The index .DJI fell and US10YT=RR rose."],
            ),
            (
                "caliber",
                "He had a loaded .45-caliber handgun.",
                &["He had a loaded .45-caliber handgun."],
            ),
            (
                "clock time then a day",
                "Polls close at 8 p.m. Tuesday in the state.",
                &["Polls close at 8 p.m. Tuesday in the state."],
            ),
            (
                "clock time ends a sentence",
                "They left about 4:30 a.m. The rally began at noon.",
                &["They left about 4:30 a.m.", "The rally began at noon."],
            ),
        ];
        for (name, input, expected) in cases {
            eprintln!("case: {name}");
            check(input, expected);
        }
    }

    #[test]
    fn quotes_and_ellipses() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "curly quote closes after the period",
                "He warned of “the dire situation.” She agreed.",
                &["He warned of “the dire situation.”", "She agreed."],
            ),
            (
                "comma inside the quote",
                "“It will strengthen our deterrence,” he said. Korea agreed.",
                &[
                    "“It will strengthen our deterrence,” he said.",
                    "Korea agreed.",
                ],
            ),
            (
                "quoted question then the speaker",
                "“Is he going to do it?’” Holmes testified. “He is.”",
                &["“Is he going to do it?’” Holmes testified.", "“He is.”"],
            ),
            (
                "question inside a quote with lowercase attribution",
                "\"On whose authority?” said Hill.",
                &["\"On whose authority?” said Hill."],
            ),
            (
                "ellipsis character inside a quote",
                "Kim said, “We are preparing … to make adjustments.” It was clear.",
                &[
                    "Kim said, “We are preparing … to make adjustments.”",
                    "It was clear.",
                ],
            ),
            (
                "ellipsis before a capital in a quote",
                "\"We will ask... the International Criminal Court (ICC) to act,\" he added.",
                &["\"We will ask... the International Criminal Court (ICC) to act,\" he added."],
            ),
            (
                "period then an ellipsis",
                "“I come in humbly. ... I want to be a listener.”",
                &["“I come in humbly.", "... I want to be a listener.”"],
            ),
            (
                "straight quote opens the next sentence",
                "He said no. \"We stand tall.\"",
                &["He said no.", "\"We stand tall.\""],
            ),
        ];
        for (name, input, expected) in cases {
            eprintln!("case: {name}");
            check(input, expected);
        }
    }

    #[test]
    fn lines_paragraphs_and_datelines() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "hard wrap inside a sentence",
                "Although the United States only has 28,500 troops in South Korea,\nWashington is ready to send in reinforcements if needed and also\nto send warplanes.",
                &[
                    "Although the United States only has 28,500 troops in South Korea, Washington is ready to send in reinforcements if needed and also to send warplanes.",
                ],
            ),
            (
                "dashed list items after full sentences stay apart",
                "Key provisions:\n- A tax credit of up to $7,500.\n- $60 billion for manufacturing.\n- A methane fee.",
                &[
                    "Key provisions:",
                    "- A tax credit of up to $7,500.",
                    "- $60 billion for manufacturing.",
                    "- A methane fee.",
                ],
            ),
            (
                "blank line always ends a sentence",
                "A sentence with no end\n\nAnother one.",
                &["A sentence with no end", "Another one."],
            ),
            (
                "heading above a paragraph",
                "Overcrowded conditions worsen risk\nThe doctors offering to operate the flu vaccination clinic noted findings of overcrowded conditions.",
                &[
                    "Overcrowded conditions worsen risk",
                    "The doctors offering to operate the flu vaccination clinic noted findings of overcrowded conditions.",
                ],
            ),
            (
                "photo credit line above a caption",
                "Kim Hong-Ji/pool via AP\nThe U.S. special envoy for North Korea, Sung Kim, during a meeting at Seoul.",
                &[
                    "Kim Hong-Ji/pool via AP",
                    "The U.S. special envoy for North Korea, Sung Kim, during a meeting at Seoul.",
                ],
            ),
            (
                "wrapped line ending in a colon",
                "Senior author Dr. Silvia S. Martins of Columbia University commented:\n\"Cannabis use disorder is associated with long-term harm.\"",
                &[
                    "Senior author Dr. Silvia S. Martins of Columbia University commented: \"Cannabis use disorder is associated with long-term harm.\"",
                ],
            ),
            (
                "wrapped inside a spaced ellipsis",
                "\"I come in humbly.\n... I want to be a listener.\"",
                &["\"I come in humbly.", "... I want to be a listener.\""],
            ),
            (
                "short label before a list",
                "Key facts:\nThe troops stay.",
                &["Key facts:", "The troops stay."],
            ),
            (
                "wrapped headline",
                "With Backing of Washington and Tokyo, Seoul Presses North Korea More\nAggressively",
                &[
                    "With Backing of Washington and Tokyo, Seoul Presses North Korea More Aggressively",
                ],
            ),
            (
                "wrapped caption with its credit",
                "The U.S. special envoy for North Korea, Sung Kim, during a meeting with\nhis South Korean and Japanese counterparts at Seoul June 3, 2022. Kim\nHong-Ji/pool via AP",
                &[
                    "The U.S. special envoy for North Korea, Sung Kim, during a meeting with his South Korean and Japanese counterparts at Seoul June 3, 2022.",
                    "Kim Hong-Ji/pool via AP",
                ],
            ),
            (
                "abbreviation at a line end",
                "Republican Gov.\nEric Holcomb spoke.",
                &["Republican Gov. Eric Holcomb spoke."],
            ),
            (
                "CRLF line ends",
                "One sentence.\r\n\r\nTwo sentences\r\nwrapped here.",
                &["One sentence.", "Two sentences wrapped here."],
            ),
            (
                "non-breaking spaces",
                "It rose 5\u{a0}percent.\u{a0}It fell.",
                &["It rose 5 percent.", "It fell."],
            ),
            (
                "byte-order mark",
                "\u{feff}SEOUL — Buttressed by success, Seoul warned.",
                &["SEOUL —", "Buttressed by success, Seoul warned."],
            ),
            (
                "wire dateline",
                "WASHINGTON (AP) — Ambassador Gordon Sondland spoke.",
                &["WASHINGTON (AP) —", "Ambassador Gordon Sondland spoke."],
            ),
            (
                "dateline with a state",
                "COLUMBIA, S.C. (AP) — About a dozen owners met.",
                &["COLUMBIA, S.C. (AP) —", "About a dozen owners met."],
            ),
            (
                "Reuters dateline with a hyphen",
                "NEW YORK (Reuters) - Oil prices fell.",
                &["NEW YORK (Reuters) -", "Oil prices fell."],
            ),
            (
                "mixed-case dateline",
                "Indianapolis – Several thousand teachers rallied.",
                &["Indianapolis –", "Several thousand teachers rallied."],
            ),
            (
                "site label",
                "PanARMENIAN.Net - Verified video footage shows it.",
                &["PanARMENIAN.Net -", "Verified video footage shows it."],
            ),
            (
                "a name and a dash is not a dateline",
                "Sondland — who is rich — spoke.",
                &["Sondland — who is rich — spoke."],
            ),
            (
                "trailing parenthetical credit",
                "Trump speaks on Tuesday (AP Photo/Evan Vucci)",
                &["Trump speaks on Tuesday", "(AP Photo/Evan Vucci)"],
            ),
            (
                "question subhead",
                "What did the prosecutors say?\n\nThey said no.",
                &["What did the prosecutors say?", "They said no."],
            ),
        ];
        for (name, input, expected) in cases {
            eprintln!("case: {name}");
            check(input, expected);
        }
    }

    #[test]
    fn spans_are_exact_and_text_is_folded() {
        let input = "\u{feff}  First  line\nwrapped here.\n\n Second.";
        let found = split(input);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &input[found[0].start..found[0].end],
            "First  line\nwrapped here."
        );
        assert_eq!(found[0].text, "First line wrapped here.");
        assert_eq!(&input[found[1].start..found[1].end], "Second.");
    }

    #[test]
    fn glued_periods_do_not_reach_before_the_sentence() {
        // Found by the property test: a glued period split "a.m.Mr." mid-token, and the word
        // before the next period was then looked for before the new sentence's start.
        let found = split("a.m.Mr.AaU.S.\rMr.");
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn odd_input_gives_no_sentences() {
        for input in ["", " ", "\n\n", "\u{feff}", "\u{a0}\r\n"] {
            assert!(split(input).is_empty(), "input: {input:?}");
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn reference_fold(slice: &str) -> String {
            slice
                .split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }

        fn assert_well_formed(text: &str) {
            let found = split(text);
            let mut previous_end = 0;
            for s in &found {
                assert!(s.start < s.end, "empty span in {text:?}");
                assert!(s.start >= previous_end, "overlap or disorder in {text:?}");
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let slice = &text[s.start..s.end];
                assert_eq!(s.text, reference_fold(slice), "fold of {slice:?}");
                assert!(!slice.starts_with(is_space) && !slice.ends_with(is_space));
                previous_end = s.end;
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn any_string(text in any::<String>()) {
                assert_well_formed(&text);
            }

            #[test]
            fn prose_like(text in "([A-Za-z]{1,8}|[.!?…“”\"'()•⁃ \n\r\u{a0}]|[0-9]{1,4}|Mr\\.|U\\.S\\.|a\\.m\\.|—|\\. \\. \\.){0,80}") {
                assert_well_formed(&text);
            }

            #[test]
            fn only_punctuation(text in "[.!?…“”\"' \n]{0,200}") {
                assert_well_formed(&text);
            }
        }

        #[test]
        fn very_long_line() {
            let long = "word ".repeat(50_000) + &"a.".repeat(10_000) + &".".repeat(10_000);
            assert_well_formed(&long);
        }
    }
}
