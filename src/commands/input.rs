//! Reading an article: from a file or standard input, refusing what is not UTF-8 text.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// An article's text exactly as read, and its bytes' SHA-256.
pub struct ArticleText {
    pub text: String,
    pub content_hash: String,
}

/// Read `path` (or standard input for `-`). Offsets in the output are byte offsets into the
/// input exactly as read, so the text is refused rather than repaired when it is not UTF-8.
pub fn read_article(path: &str, stdin: &mut dyn Read) -> Result<ArticleText> {
    let display = if path == "-" {
        PathBuf::from("standard input")
    } else {
        PathBuf::from(path)
    };
    let fail = |reason: String| Error::Read {
        path: display.clone(),
        reason,
    };
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        stdin
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
        bytes
    } else {
        let file = Path::new(path);
        if file.is_dir() {
            return Err(fail("is a folder; give an article text file".into()));
        }
        std::fs::read(file).map_err(|e| fail(describe_io_error(&e)))?
    };
    let text = decode(bytes).map_err(fail)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(fail("is empty: there is no article text to read".into()));
    }
    let content_hash = sha256_hex(text.as_bytes());
    Ok(ArticleText { text, content_hash })
}

fn decode(bytes: Vec<u8>) -> std::result::Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)".into());
    }
    if bytes.contains(&0) {
        return Err("is not a text file (it contains NUL bytes)".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        )
    })
}

fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parse `--published`: a calendar date written YYYY-MM-DD.
pub fn parse_published(value: Option<&str>) -> Result<Option<NaiveDate>> {
    value
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                Error::Invalid(format!(
                    "--published '{text}' is not a date: write it as YYYY-MM-DD, for example 2022-06-03"
                ))
            })
        })
        .transpose()
}
