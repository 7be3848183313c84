//! The article as word and punctuation tokens, with their word classes and quotation marks.

use super::words::*;
use crate::extract::Sentence;
use crate::extract::tokens::{
    ASCII_LETTERS, CAPITALISED, Span, Token, Tokens, WORD, tokenize_span,
};

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    /// End of the word without a possessive "'s".
    pub(super) end: usize,
    pub(super) word: bool,
    pub(super) cap: bool,
    pub(super) possessive: bool,
    /// Inside a direct quotation.
    pub(super) quoted: bool,
    /// For punctuation: the character.
    pub(super) punct: char,
    /// An opening quotation mark.
    pub(super) opens: bool,
    pub(super) class: Class,
}

impl Tok {
    pub(super) fn is(&self, class: Class) -> bool {
        self.class & class != 0
    }
}

/// The character at byte `at` (a char boundary) of `text`, with a fast path for ASCII.
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        None => None,
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text[at..].chars().next(),
    }
}

/// The tokens that the later passes start from, in text order, found while tokenizing: most
/// tokens are neither, and scanning every token of every sentence for them showed in the
/// profile.
#[derive(Default)]
pub(super) struct Marks {
    /// Words that can open a name: capitalised, outside quotations, in no COMMON, TIME or
    /// CONNECTOR class (what `find_mentions` starts a run at).
    pub(super) names: Vec<usize>,
    /// Speech verbs and participles, quoted or not (what `attribution` starts at).
    pub(super) speech: Vec<usize>,
}

impl Marks {
    pub(super) fn clear(&mut self) {
        self.names.clear();
        self.speech.clear();
    }

    /// Mark the word about to be pushed as token `index`.
    #[inline]
    pub(super) fn word(&mut self, index: usize, class: Class, cap: bool, quoted: bool) {
        if class & (SPEECH | PARTICIPLE) != 0 {
            self.speech.push(index);
        }
        if cap && !quoted && class & (COMMON | TIME | CONNECTOR) == 0 {
            self.names.push(index);
        }
    }
}

/// The part of the marks `marks` (token indexes, ascending) that lies in `range`.
pub(super) fn marks_in(marks: &[usize], range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    marks.partition_point(|&m| m < range.start)..marks.partition_point(|&m| m < range.end)
}

/// The article as the speaker passes read it, from the shared tokens of its sentences (and of
/// any text between them, which the sentence splitter leaves out): a word runs on across a
/// hyphen, apostrophe, period or ampersand with a letter or digit after it ("U.S", "co-op",
/// "AT&T"), keeps a period that belongs to it ("Mr.", "P.", "U.S."), and leaves out a
/// possessive "'s". Words inside direct quotations are marked; a quotation left open at a
/// paragraph break ends there: news style reopens it on the next paragraph.
pub(super) fn tokenize(
    text: &str,
    sentences: &[Sentence],
    shared: &Tokens,
    tokens: &mut Vec<Tok>,
    marks: &mut Marks,
) {
    tokens.clear();
    marks.clear();
    tokens.reserve(text.len() / 5 + 1);
    let mut builder = Builder {
        text,
        tokens,
        marks,
        word_classes: &WORD_CLASS,
        shared_classes: &SHARED_WORD_CLASS,
        word: None,
        joiner: None,
        in_quote: false,
        last_end: 0,
    };
    let ordered = shared.sentences.len() == sentences.len()
        && sentences.windows(2).all(|w| w[0].end <= w[1].start);
    if !ordered {
        // Sentences out of order or overlapping: the text itself, tokenized whole.
        builder.feed_all(&tokenize_span(text, 0, text.len()).tokens);
    } else {
        let mut previous_end = 0;
        for (index, sentence) in sentences.iter().enumerate() {
            builder.gap(previous_end, sentence.start);
            builder.feed_all(shared.of(index));
            previous_end = sentence.end;
        }
        builder.gap(previous_end, text.len());
    }
    builder.flush();
}

/// A word being read: its start, the end of its last letter or digit, and whether its first
/// character is upper case.
struct Word {
    start: usize,
    end: usize,
    cap: bool,
}

/// The speaker tokens built from shared ones, one shared token at a time.
struct Builder<'a> {
    text: &'a str,
    tokens: &'a mut Vec<Tok>,
    marks: &'a mut Marks,
    word_classes: &'a WordTable,
    shared_classes: &'a SharedKeyTable,
    word: Option<Word>,
    /// A mark right after `word` that joins it to a word right after the mark, if one follows.
    joiner: Option<Span>,
    in_quote: bool,
    /// The end of the last shared token read.
    last_end: usize,
}

impl Builder<'_> {
    /// The text between two sentences: tokenized when it holds more than white space.
    fn gap(&mut self, start: usize, end: usize) {
        if start < end && !self.text[start..end].trim().is_empty() {
            self.feed_all(&tokenize_span(self.text, start, end).tokens);
        }
    }

    fn feed_all(&mut self, shared: &[Token]) {
        for token in shared {
            self.feed(token);
        }
    }

    #[inline]
    fn feed(&mut self, token: &Token) {
        let span = token.span;
        if span.start != self.last_end {
            // White space: nothing joins across it.
            if self.word.is_some() {
                self.flush();
            }
            self.space(span.start);
        }
        self.last_end = span.end;
        if token.is(WORD) {
            if let Some(word) = &mut self.word {
                // After a joining mark, or a word the sentence splitter cut in two.
                if self.joiner.map_or(word.end, |j| j.end) == span.start {
                    word.end = span.end;
                    self.joiner = None;
                    return;
                }
                self.flush();
            }
            let cap = token.is(CAPITALISED);
            // Most words end at a byte that neither joins them to more nor brings in a period
            // or a possessive: they are whole at once.
            let whole = self.text.as_bytes().get(span.end).is_none_or(|b| {
                b.is_ascii()
                    && !b.is_ascii_alphanumeric()
                    && !matches!(b, b'-' | b'\'' | b'.' | b'&')
            });
            if whole {
                // No period or apostrophe in it: no possessive to cut, no period to trim.
                let (bytes, start) = (self.text.as_bytes(), span.start);
                let len = span.end - start;
                let class = if token.is(ASCII_LETTERS) {
                    if len <= LONGEST_WORD {
                        self.shared_classes.get(token.key)
                    } else {
                        0
                    }
                } else {
                    match word_key_at(bytes, start, len) {
                        Some(key) => self.word_classes.get(key),
                        None => 0,
                    }
                };
                let class = shouted(&bytes[start..span.end], cap, class);
                self.push(start, span.end, cap, false, class);
            } else {
                self.word = Some(Word {
                    start: span.start,
                    end: span.end,
                    cap,
                });
            }
            return;
        }
        let c = char_at(self.text, span.start).unwrap_or(' ');
        if self.word.is_some() {
            if self.joiner.is_none()
                && self.word.as_ref().is_some_and(|w| w.end == span.start)
                && matches!(c, '-' | '\'' | '’' | '.' | '&')
            {
                self.joiner = Some(span);
                return;
            }
            self.flush();
        }
        self.punct(span, c);
    }

    /// White space up to `end`: a paragraph break closes a quotation left open.
    #[inline]
    fn space(&mut self, end: usize) {
        let gap = &self.text.as_bytes()[self.last_end..end];
        if gap != b" " && gap.iter().filter(|&&b| b == b'\n').count() >= 2 {
            self.in_quote = false;
        }
    }

    /// Push the word being read.
    fn flush(&mut self) {
        if let Some(Word { start, end, cap }) = self.word.take() {
            let joiner = self.joiner.take();
            self.push_word(start, end, cap, joiner);
        }
    }

    /// Push the word `start..end`, with the period after it when that belongs to it, then
    /// `joiner`, a joining mark after it that joined nothing.
    #[inline]
    fn push_word(&mut self, start: usize, mut end: usize, cap: bool, mut joiner: Option<Span>) {
        let bytes = self.text.as_bytes();
        let class_of = |start: usize, len: usize| match word_key_at(bytes, start, len) {
            Some(key) => self.word_classes.get(key),
            None => 0,
        };
        // "Mr." "Jr." "P." "U.S.": the period belongs to the word.
        let mut initial = false;
        if let Some(period) = joiner.filter(|j| bytes[j.start] == b'.') {
            let word = &bytes[start..end];
            let single_capital = word.len() == 1 && word[0].is_ascii_uppercase();
            if single_capital
                || word.contains(&b'.')
                || class_of(start, word.len()) & ABBREVIATION != 0
            {
                end = period.end;
                joiner = None;
            }
            initial = single_capital;
        }
        let mut word_end = end;
        let mut possessive = false;
        // Both suffixes end in "s": most words are done after one byte.
        let word = &bytes[start..end];
        if word.last() == Some(&b's') {
            for suffix in ["'s", "’s"] {
                if word.ends_with(suffix.as_bytes()) && word.len() > suffix.len() {
                    word_end = end - suffix.len();
                    possessive = true;
                }
            }
        }
        // A token word ends in at most one period (the one taken in above), so dropping it
        // is `classify`'s trim.
        let len = word_end - start - usize::from(bytes[word_end - 1] == b'.');
        // "Sonya A. Zoghlin": an initial is part of a name, not the article "a" or "I".
        let class = if initial {
            0
        } else {
            shouted(&bytes[start..start + len], cap, class_of(start, len))
        };
        self.push(start, word_end, cap, possessive, class);
        if let Some(joiner) = joiner {
            let c = char_at(self.text, joiner.start).unwrap_or(' ');
            self.punct(joiner, c);
        }
    }

    #[inline]
    fn push(&mut self, start: usize, end: usize, cap: bool, possessive: bool, class: Class) {
        self.marks
            .word(self.tokens.len(), class, cap, self.in_quote);
        self.tokens.push(Tok {
            start,
            end,
            word: true,
            cap,
            possessive,
            quoted: self.in_quote,
            punct: ' ',
            opens: false,
            class,
        });
    }

    /// Push a mark, opening or closing a quotation.
    fn punct(&mut self, span: Span, c: char) {
        let mut quoted = self.in_quote;
        let mut opens = false;
        match c {
            '“' => {
                self.in_quote = true;
                quoted = true;
                opens = true;
            }
            '”' => self.in_quote = false,
            '"' => {
                opens = !self.in_quote;
                self.in_quote = !self.in_quote;
                quoted = true;
            }
            _ => {}
        }
        self.tokens.push(Tok {
            start: span.start,
            end: span.end,
            word: false,
            cap: false,
            possessive: false,
            quoted,
            punct: c,
            opens,
            class: 0,
        });
    }
}

/// `class` for `word`, except that a function word in capitals of three letters or more is an
/// acronym ("According to WHO"), not the word ("who").
#[inline]
fn shouted(word: &[u8], cap: bool, class: Class) -> Class {
    if cap
        && class & COMMON != 0
        && word.len() >= 3
        && word.get(1).is_some_and(u8::is_ascii_uppercase)
        && word.iter().all(u8::is_ascii_uppercase)
    {
        class & !COMMON
    } else {
        class
    }
}

pub(super) fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"')
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}

pub(super) fn token_text<'t>(text: &'t str, tok: &Tok) -> &'t str {
    &text[tok.start..tok.end]
}
