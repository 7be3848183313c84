//! What `import` checks in a file before it touches the database, by the same rules the
//! commands apply: identities recomputed from content (an article's hash from its body, a
//! claim's text from its span, a source's and an event's uid from what they say), names and
//! times well-formed, no time in the future, statuses only with what `mark` requires.
//! Pure: the checks that need the database are in `import.rs`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::export::unique_uid;
use crate::error::{Error, Result};
use crate::model::{Action, check_name, content_hash, is_web_url};
use crate::report::interchange::{
    ArticleRecord, ClaimKey, ClaimRecord, EventRecord, Record, SourceRecord,
};

/// How far ahead of this machine's clock a record may be dated: clocks of two desks differ
/// by seconds, not days; a verdict dated in the future would stay the latest forever.
pub const CLOCK_SKEW_SECONDS: i64 = 10 * 60;

pub(crate) fn at_line(line: usize, error: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("line {line}: {error}"))
}

/// Check every record on its own and against the others of the file. `now` is the time
/// of the import.
pub fn check_records(records: &[(usize, Record)], now: DateTime<Utc>) -> Result<()> {
    let bodies: HashMap<&str, &str> = records
        .iter()
        .filter_map(|(_, record)| match record {
            Record::Article(a) => Some((a.content_hash.as_str(), a.body.as_str())),
            _ => None,
        })
        .collect();
    let mut seen_sources: HashMap<ClaimKey, Seen> = HashMap::new();
    let mut seen_events: HashMap<ClaimKey, Seen> = HashMap::new();
    for (line, record) in records {
        let line = *line;
        let checked = match record {
            Record::Article(article) => check_article(article, now),
            Record::Claim(claim) => check_claim(claim, bodies.get(claim.article.as_str()), now),
            Record::Value(value) => check_in_body(
                bodies.get(value.claim.article.as_str()),
                value.start,
                value.end,
            )
            .and_then(|_| check_position(value.position)),
            Record::Occurrence(occurrence) => check_in_body(
                bodies.get(occurrence.claim.article.as_str()),
                occurrence.start,
                occurrence.end,
            ),
            Record::Source(source) => check_source(
                source,
                seen_sources.entry(source.claim.clone()).or_default(),
                now,
            ),
            Record::Event(event) => check_event(
                event,
                seen_events.entry(event.claim.clone()).or_default(),
                now,
            ),
            Record::Match(found) => check_score(found.score).and_then(|_| {
                if found.claim == found.matched {
                    Err("matches a claim with itself".into())
                } else {
                    Ok(())
                }
            }),
        };
        checked.map_err(|reason| at_line(line, reason))?;
    }
    Ok(())
}

type Checked = std::result::Result<(), String>;

fn check_article(article: &ArticleRecord, now: DateTime<Utc>) -> Checked {
    if content_hash(&article.body) != article.content_hash {
        return Err(format!(
            "article '{}': its content_hash is not the SHA-256 of its body",
            crate::report::escape::visible(&article.title)
        ));
    }
    if article.body.trim().is_empty() {
        return Err("an article without text".into());
    }
    if article.title.trim().is_empty() {
        return Err("an article without a title".into());
    }
    if let Some(url) = &article.url
        && !is_web_url(url)
    {
        return Err("the article's url is not an http:// or https:// address".into());
    }
    if !matches!(article.reference_source.as_str(), "given" | "text" | "none") {
        return Err("reference_source is not given, text or none".into());
    }
    check_date("published", article.published.as_deref())?;
    check_date("reference_date", article.reference_date.as_deref())?;
    check_time("added_at", &article.added_at, now)
}

fn check_claim(claim: &ClaimRecord, body: Option<&&str>, now: DateTime<Utc>) -> Checked {
    check_span(claim.start, claim.end)?;
    if let Some(body) = body {
        check_text_at(body, claim.start, claim.end, &claim.text)?;
    }
    check_score(claim.score)?;
    if !claim.kinds.contains(&claim.kind) {
        return Err("the claim's kind is not among its kinds".into());
    }
    check_optional_name("assignee", claim.assignee.as_deref())?;
    check_time("status_changed_at", &claim.status_changed_at, now)
}

/// True when `text` is exactly the bytes `start..end` of `body`: a claim's identity is its
/// span, so a claim record cannot put other words at a stored claim's place.
pub(crate) fn check_text_at(body: &str, start: usize, end: usize, text: &str) -> Checked {
    match body.get(start..end) {
        Some(found) if found == text => Ok(()),
        Some(_) => Err(format!(
            "the claim's text is not the article's text at bytes {start}..{end}"
        )),
        None => Err(format!(
            "bytes {start}..{end} are not a span of the article"
        )),
    }
}

fn check_source(source: &SourceRecord, seen: &mut Seen, now: DateTime<Utc>) -> Checked {
    let reference = source.reference.trim();
    if reference.is_empty() {
        return Err("a source without a reference".into());
    }
    // The one evidence rule every route that adds a source applies.
    crate::model::check_evidence(reference)?;
    check_name(&source.added_by).map_err(|e| format!("added_by: {e}"))?;
    check_time("added_at", &source.added_at, now)?;
    let mut parts = key_parts(&source.claim);
    parts.extend([
        Some("source".into()),
        Some(source.reference.clone()),
        source.title.clone(),
        source.excerpt.clone(),
        source.note.clone(),
        Some(source.added_by.clone()),
        Some(source.added_at.clone()),
    ]);
    check_uid(&source.uid, &parts, &parts, seen)
}

fn check_event(event: &EventRecord, seen: &mut Seen, now: DateTime<Utc>) -> Checked {
    let action = Action::parse(&event.action).ok_or_else(|| {
        format!(
            "unknown action '{}'",
            crate::report::escape::visible(&event.action)
        )
    })?;
    check_name(&event.by).map_err(|e| format!("by: {e}"))?;
    check_optional_name("from_assignee", event.from_assignee.as_deref())?;
    check_optional_name("to_assignee", event.to_assignee.as_deref())?;
    check_time("at", &event.at, now)?;
    check_transition(action, event)?;
    let mut parts = key_parts(&event.claim);
    parts.extend([
        Some("event".into()),
        Some(event.action.clone()),
        Some(event.at.clone()),
        Some(event.by.clone()),
        Some(event.from.as_str().into()),
        Some(event.to.as_str().into()),
        event.from_assignee.clone(),
        event.to_assignee.clone(),
        event.note.clone(),
        event.undoes.clone(),
        event
            .same_as
            .as_ref()
            .map(|k| format!("{}:{}:{}", k.article, k.start, k.end)),
        Some(event.sources_added.join(",")),
        Some(event.sources_withdrawn.join(",")),
    ]);
    // The tick tells apart an author's identical events of one second (two equal notes).
    let mut content = parts.clone();
    content.push(event.tick.map(|tick| tick.to_string()));
    check_uid(&event.uid, &parts, &content, seen)
}

/// The rules `mark` applies (README, "Transition rules"), on what the event itself says; that
/// a verdict's claim has a source is checked against the merged sources in `import.rs`.
fn check_transition(action: Action, event: &EventRecord) -> Checked {
    let has_note = event.note.as_deref().is_some_and(|n| !n.trim().is_empty());
    let changes_status = event.from != event.to;
    match action {
        Action::Status if !changes_status => {
            return Err("a status event that does not change the status".into());
        }
        Action::Source | Action::Note | Action::Assign if changes_status => {
            return Err(format!(
                "a {} event cannot change the status",
                action.as_str()
            ));
        }
        Action::Note if !has_note => return Err("a note event without a note".into()),
        _ => {}
    }
    if matches!(action, Action::Status | Action::SameAs) && changes_status {
        if event.to.needs_note() && !has_note {
            return Err(format!("'{}' needs a note saying why", event.to));
        }
        if action == Action::Status && event.from.is_resolved() && !has_note {
            return Err(format!(
                "changing the verdict '{}' needs a note saying why",
                event.from
            ));
        }
    }
    Ok(())
}

fn key_parts(key: &ClaimKey) -> Vec<Option<String>> {
    vec![
        Some(key.article.clone()),
        Some(key.start.to_string()),
        Some(key.end.to_string()),
    ]
}

/// What a file has said so far about one claim's sources or events.
#[derive(Default)]
pub(crate) struct Seen {
    /// How often each content appeared: export's hash recipe counts repeats.
    counts: HashMap<String, usize>,
    /// The uid each content came with first.
    uids: HashMap<String, String>,
}

/// A uid is a 128-bit hex identity: random since schema 4 (`sync`), or the hash of the record
/// that older exports gave. Either way one content has one uid: a record that says what an
/// earlier record of the file says under another uid is a copy, refused, so that it cannot
/// be stored twice (the database side is checked in `import.rs`).
fn check_uid(
    given: &str,
    legacy: &[Option<String>],
    content: &[Option<String>],
    seen: &mut Seen,
) -> Checked {
    let hex = given.len() == 32
        && given
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !hex {
        return Err(format!(
            "uid {} is not a 128-bit identity (32 hex digits)",
            crate::report::escape::visible(given)
        ));
    }
    let legacy_uid = unique_uid(legacy, &mut seen.counts);
    let canonical = serde_json::to_string(content).expect("strings serialise");
    let first = seen
        .uids
        .entry(canonical)
        .or_insert_with(|| given.to_string());
    if *first == given || given == legacy_uid {
        Ok(())
    } else {
        Err(format!(
            "uid {given} names a copy of the record with uid {first}: one record, one uid"
        ))
    }
}

fn check_span(start: usize, end: usize) -> Checked {
    if start < end {
        Ok(())
    } else {
        Err(format!("bytes {start}..{end} are not a span"))
    }
}

/// A value's or a further place's span, inside its article's body when the file has it.
fn check_in_body(body: Option<&&str>, start: usize, end: usize) -> Checked {
    check_span(start, end)?;
    match body {
        Some(body) if body.get(start..end).is_none() => Err(format!(
            "bytes {start}..{end} are not a span of the article"
        )),
        _ => Ok(()),
    }
}

fn check_position(position: i64) -> Checked {
    if position >= 1 {
        Ok(())
    } else {
        Err(format!("position {position} is not 1 or more"))
    }
}

fn check_score(score: f64) -> Checked {
    if (0.0..=1.0).contains(&score) {
        Ok(())
    } else {
        Err(format!("score {score} is not between 0 and 1"))
    }
}

fn check_optional_name(field: &str, name: Option<&str>) -> Checked {
    match name {
        Some(name) => check_name(name)
            .map(|_| ())
            .map_err(|e| format!("{field}: {e}")),
        None => Ok(()),
    }
}

/// A time as claimtrack stores it (`2022-06-03T14:05:00Z`, which also sorts as text), no
/// later than `now` plus `CLOCK_SKEW_SECONDS`.
fn check_time(field: &str, text: &str, now: DateTime<Utc>) -> Checked {
    let shown = crate::report::escape::visible(text);
    let time = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
        .ok()
        .filter(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string() == text)
        .ok_or_else(|| format!("{field} '{shown}' is not a time written YYYY-MM-DDTHH:MM:SSZ"))?
        .and_utc();
    if (time - now).num_seconds() > CLOCK_SKEW_SECONDS {
        return Err(format!("{field} '{shown}' is in the future"));
    }
    Ok(())
}

fn check_date(field: &str, text: Option<&str>) -> Checked {
    let Some(text) = text else {
        return Ok(());
    };
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == text)
        .map(|_| ())
        .ok_or_else(|| {
            format!(
                "{field} '{}' is not a date written YYYY-MM-DD",
                crate::report::escape::visible(text)
            )
        })
}
