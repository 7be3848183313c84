//! Sentence boundaries: where one checkable unit of text ends and the next begins.

use super::Sentence;

/// Split `text` into sentences. Blank lines always end a sentence; within a paragraph a
/// sentence ends at `.`, `!` or `?` followed by white space and a capital letter or a quote.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let at_break = if b == b'\n' {
            true
        } else if matches!(b, b'.' | b'!' | b'?') {
            let next = text[i + 1..].chars().next();
            next.is_none_or(|c| c.is_whitespace())
        } else {
            false
        };
        if at_break {
            let end = if b == b'\n' { i } else { i + 1 };
            push(text, start, end, &mut sentences);
            start = end;
        }
        i += 1;
    }
    push(text, start, text.len(), &mut sentences);
    sentences
}

fn push(text: &str, start: usize, end: usize, sentences: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = start + slice.trim_end().len();
    if trimmed_start >= trimmed_end {
        return;
    }
    sentences.push(Sentence {
        start: trimmed_start,
        end: trimmed_end,
        text: text[trimmed_start..trimmed_end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        boilerplate: None,
    });
}
