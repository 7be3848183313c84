//! Escaping at the output boundaries: control characters made visible in text for people,
//! spreadsheet formulas neutralised in CSV cells, and JSON made safe inside an HTML
//! `<script>` element. Renderers call these on every stored string they write, so text
//! from an article, an import or a flag cannot drive a terminal, a spreadsheet or a browser.

use std::borrow::Cow;

/// True for the characters a terminal may act on instead of printing: C0 controls other than
/// newline and tab (ESC, CR, BEL, backspace...), DEL and the C1 controls (U+0080..U+009F,
/// among them CSI U+009B and OSC U+009D, which some terminals obey like `ESC [` and `ESC ]`).
pub fn is_hostile_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// `text` with each hostile control character replaced by a visible stand-in: a C0 control
/// or DEL by its Unicode control picture (ESC as `␛`, CR as `␍`), a C1 control by `<U+009B>`
/// style text. Text without them is returned as it is, without a copy.
pub fn visible(text: &str) -> Cow<'_, str> {
    let hostile = |(i, c): (usize, char)| {
        // A CR that ends a CRLF line only moves to the start of the line the LF then leaves:
        // an article with Windows line ends is shown as it is. A lone CR is the forger's.
        is_hostile_control(c) && !(c == '\r' && text[i + 1..].starts_with('\n'))
    };
    if !text.char_indices().any(hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            c if !hostile((i, c)) => out.push(c),
            '\u{7f}' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).expect("control pictures exist"))
            }
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// `text` as one line for stderr: `visible`, and newlines shown as `␤`, so that a file name or
/// a word in an error message can neither drive the terminal nor forge a second line.
pub fn one_line(text: &str) -> String {
    visible(text).replace('\n', "\u{2424}")
}

/// A CSV cell a spreadsheet will not run: a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return is a formula (or becomes one) in Excel, LibreOffice and Google Sheets,
/// so it gets a leading `'` (the OWASP rule), which spreadsheets show as text. A plain
/// negative number (`-3.5`) is left alone: it is data, not a formula.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let starts_formula = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if starts_formula && text.parse::<f64>().is_err() {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// JSON made safe to embed in an HTML `<script type="application/ld+json">` element: `<`,
/// `>` and `&` become `\u003c`, `\u003e` and `\u0026`, so no `</script>` or `<!--` can end
/// the element early. These characters only occur inside JSON strings, where the escapes
/// mean the same characters, so the JSON parses to the same value.
pub fn json_for_script(json: &str) -> Cow<'_, str> {
    if !json.contains(['<', '>', '&']) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer that passes JSON through `json_for_script` as it streams: `<`, `>` and `&` are
/// ASCII, so bytes can be escaped one at a time whatever the write boundaries.
pub struct ScriptSafe<'a>(pub &'a mut dyn std::io::Write);

impl std::io::Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut start = 0;
        for (i, &byte) in buf.iter().enumerate() {
            let escaped: &[u8] = match byte {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            self.0.write_all(&buf[start..i])?;
            self.0.write_all(escaped)?;
            start = i + 1;
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_and_plain_text_is_untouched() {
        assert_eq!(visible("plain\ttext\nline"), "plain\ttext\nline");
        assert_eq!(visible("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(visible("ana\rclaim"), "ana\u{240d}claim");
        assert_eq!(visible("line\r\nnext\r"), "line\r\nnext\u{240d}");
        assert_eq!(visible("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(visible("del\u{7f}"), "del\u{2421}");
    }

    #[test]
    fn formula_cells_get_a_quote_and_numbers_do_not() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-3.5", "-3.5"),
            ("28,500 troops", "28,500 troops"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn script_json_cannot_close_its_element_and_parses_the_same() {
        let json = serde_json::to_string("</script><script>alert(1)</script> & <!--").unwrap();
        let safe = json_for_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script> & <!--");
        let mut streamed = Vec::new();
        std::io::Write::write_all(&mut ScriptSafe(&mut streamed), json.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), safe);
    }
}
