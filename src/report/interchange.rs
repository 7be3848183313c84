//! The JSON-lines interchange format (`export --format jsonl`, `import`): one record a line,
//! each with a `"record"` field naming its type. Records refer to each other by identity, not
//! by database id, so that an export merges into any database: an article by its content
//! hash, a claim by its article and byte span, a source and an event by a `uid` computed from
//! what they say. Documented in README ("Interchange"); fields may be added, never renamed.

use serde::{Deserialize, Serialize};

use crate::model::{ClaimKind, Normalized, Status, ValueType};

/// One line of a JSON-lines export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "kebab-case")]
pub enum Record {
    Article(ArticleRecord),
    Claim(ClaimRecord),
    Value(ValueRecord),
    Occurrence(OccurrenceRecord),
    Source(SourceRecord),
    Event(EventRecord),
    Match(MatchRecord),
}

/// A claim's identity across databases: its article's content hash and its byte span.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClaimKey {
    pub article: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The id in the exporting database (informational: import matches by `content_hash`).
    pub id: i64,
    pub content_hash: String,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub reference_date: Option<String>,
    pub reference_source: String,
    pub added_at: String,
    /// The full text claims' byte spans point into.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: i64,
    /// Stable identity: a hash of the article's content hash and the byte span (the same as
    /// `show --json`'s `uid`); absent in files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// The article's content hash.
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub position: i64,
    pub text: String,
    pub kind: ClaimKind,
    pub kinds: Vec<ClaimKind>,
    pub score: f64,
    pub speaker: Option<String>,
    /// The status when exported; import recomputes it from the merged events.
    pub status: Status,
    pub status_changed_at: String,
    pub assignee: Option<String>,
}

impl ClaimRecord {
    pub fn key(&self) -> ClaimKey {
        ClaimKey {
            article: self.article.clone(),
            start: self.start,
            end: self.end,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueRecord {
    pub claim: ClaimKey,
    pub position: i64,
    #[serde(rename = "type")]
    pub value_type: ValueType,
    pub text: String,
    pub value: Normalized,
    pub unit: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OccurrenceRecord {
    pub claim: ClaimKey,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// Stable identity: a hash of the claim, reference, title, excerpt, note, who and when.
    pub uid: String,
    pub id: i64,
    pub claim: ClaimKey,
    pub reference: String,
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
    /// The uid of the source this one was copied from (`mark --same-as`).
    pub copied_from: Option<String>,
    /// Withdrawn by an undo when exported; import recomputes it from the merged events.
    pub withdrawn: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Stable identity: a hash of the claim and everything the event records.
    pub uid: String,
    pub id: i64,
    pub claim: ClaimKey,
    /// status, source, note, assign, same-as or undo.
    pub action: String,
    pub at: String,
    pub by: String,
    pub from: Status,
    pub to: Status,
    pub from_assignee: Option<String>,
    pub to_assignee: Option<String>,
    pub note: Option<String>,
    /// The uid of the event an undo reverts.
    pub undoes: Option<String>,
    /// The claim whose verdict a same-as decision copied.
    pub same_as: Option<ClaimKey>,
    /// Uids of the sources the event attached.
    pub sources_added: Vec<String>,
    /// Uids of the sources the event withdrew.
    pub sources_withdrawn: Vec<String>,
    /// Orders the claim's events within one second (see README, "A desk on several
    /// machines"); absent in files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tick: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchRecord {
    pub claim: ClaimKey,
    pub matched: ClaimKey,
    pub score: f64,
}
