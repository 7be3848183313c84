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

/// The largest article `add`, `extract` and `split` read unless `--max-size` says otherwise:
/// far above any news article, far below what would exhaust memory.
pub const DEFAULT_MAX_SIZE: u64 = 16 * 1024 * 1024;

/// Read `path` (or standard input for `-`). Offsets in the output are byte offsets into the
/// input exactly as read, so the text is refused rather than repaired when it is not UTF-8.
/// Only a regular file is opened (a FIFO would block, a device never ends), its size is
/// checked before a byte is read, and standard input is read no further than `max_size`.
pub fn read_article(path: &str, stdin: &mut dyn Read, max_size: u64) -> Result<ArticleText> {
    let display = if path == "-" {
        PathBuf::from("standard input")
    } else {
        PathBuf::from(path)
    };
    let fail = |reason: String| Error::Read {
        path: display.clone(),
        reason,
    };
    let too_big = |size: String| {
        fail(format!(
            "is {size} bytes, more than the limit of {max_size} for one article (--max-size)"
        ))
    };
    let mut bytes = Vec::new();
    if path == "-" {
        stdin
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
    } else {
        check_readable(Path::new(path), max_size).map_err(fail)?;
        let file = std::fs::File::open(path).map_err(|e| fail(describe_io_error(&e)))?;
        // The file may have been swapped since it was looked at: the open handle is checked
        // again, and the read is bounded whatever its size says.
        let metadata = file.metadata().map_err(|e| fail(describe_io_error(&e)))?;
        if !metadata.is_file() {
            return Err(fail(NOT_A_FILE.into()));
        }
        file.take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| fail(describe_io_error(&e)))?;
    }
    if bytes.len() as u64 > max_size {
        return Err(too_big(format!("more than {max_size}")));
    }
    let text = decode(bytes).map_err(fail)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(fail("is empty: there is no article text to read".into()));
    }
    let content_hash = crate::model::content_hash(&text);
    Ok(ArticleText { text, content_hash })
}

const NOT_A_FILE: &str =
    "is not a regular file (a FIFO, device or socket); give an article text file";

/// Why `path` cannot be read as an article, looked up without opening it (opening a FIFO
/// blocks until someone writes to it): a folder, anything but a regular file, or more than
/// `max_size` bytes. Batch mode uses it to skip such files before it takes the write lock.
pub fn check_readable(path: &Path, max_size: u64) -> std::result::Result<u64, String> {
    let metadata = std::fs::metadata(path).map_err(|e| describe_io_error(&e))?;
    if metadata.is_dir() {
        return Err("is a folder; give an article text file".into());
    }
    if !metadata.is_file() {
        return Err(NOT_A_FILE.into());
    }
    if metadata.len() > max_size {
        return Err(format!(
            "is {} bytes, more than the limit of {max_size} for one article (--max-size)",
            metadata.len()
        ));
    }
    Ok(metadata.len())
}

/// Parse `--max-size`: a number of bytes, or with a K, M or G suffix (powers of 1024).
pub fn parse_max_size(value: Option<&str>) -> Result<u64> {
    let Some(text) = value else {
        return Ok(DEFAULT_MAX_SIZE);
    };
    let trimmed = text.trim();
    let (digits, unit) = match trimmed.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((index, _)) => trimmed.split_at(index),
        None => (trimmed, ""),
    };
    let scale: u64 = match unit.trim().to_ascii_uppercase().trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => 0,
    };
    digits
        .parse::<u64>()
        .ok()
        .filter(|&n| n > 0 && scale > 0)
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| {
            Error::Invalid(format!(
                "--max-size '{text}' is not a size: write bytes or a number with K, M or G, for example 16M"
            ))
        })
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
