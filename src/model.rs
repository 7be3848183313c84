//! Plain data shared by every layer: claim kinds, statuses, extracted values.
//!
//! Nothing here does I/O; the store maps these types to and from SQL and `report` to and from JSON.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a claim is about. Ordered from the most specific to the least, which is the order
/// `kinds` lists them in and the rule that picks `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Election,
    Quantity,
    Date,
    Quote,
    Role,
    Statement,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Election,
        ClaimKind::Quantity,
        ClaimKind::Date,
        ClaimKind::Quote,
        ClaimKind::Role,
        ClaimKind::Statement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Election => "election",
            ClaimKind::Quantity => "quantity",
            ClaimKind::Date => "date",
            ClaimKind::Quote => "quote",
            ClaimKind::Role => "role",
            ClaimKind::Statement => "statement",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimKind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let names: Vec<&str> = ClaimKind::ALL.iter().map(|k| k.as_str()).collect();
        ClaimKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownName::new("kind", s, &names))
    }
}

/// Where a claim stands in verification. Every new claim starts `Unverified`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unverified,
    InProgress,
    Verified,
    False,
    Misleading,
    Unverifiable,
    /// Not a claim at all (an extraction error, or nothing to check): out of the progress
    /// count, the ClaimReview export and the default `list`; reopened by marking it again.
    /// Stored as the plain text 'dismissed', which retraining reads as a negative label.
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Unverified,
        Status::InProgress,
        Status::Verified,
        Status::False,
        Status::Misleading,
        Status::Unverifiable,
        Status::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::InProgress => "in-progress",
            Status::Verified => "verified",
            Status::False => "false",
            Status::Misleading => "misleading",
            Status::Unverifiable => "unverifiable",
            Status::Dismissed => "dismissed",
        }
    }

    /// A verdict has been reached: the claim no longer needs a checker's time. A dismissed
    /// claim has no verdict: it is not counted at all (`counts_towards_progress`).
    pub fn is_resolved(self) -> bool {
        !matches!(
            self,
            Status::Unverified | Status::InProgress | Status::Dismissed
        )
    }

    /// Whether claims in this status are part of the work to do: every status but `dismissed`.
    pub fn counts_towards_progress(self) -> bool {
        self != Status::Dismissed
    }

    /// A verdict about the truth of the claim must point at the evidence that settles it.
    pub fn needs_source(self) -> bool {
        matches!(self, Status::Verified | Status::False | Status::Misleading)
    }

    /// "We could not settle this" is only useful with the reason written down.
    pub fn needs_note(self) -> bool {
        matches!(self, Status::Unverifiable)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        // "in progress" and "inprogress" are what people type; accept them rather than nag.
        let wanted = match wanted.as_str() {
            "in progress" | "inprogress" => "in-progress".to_string(),
            _ => wanted,
        };
        let names: Vec<&str> = Status::ALL.iter().map(|k| k.as_str()).collect();
        Status::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| UnknownName::new("status", s, &names))
    }
}

/// The fewest words a citation may have: "Yonhap, 3 June" names where to look; "6" or
/// "Pentagon" does not (and "6" is most often a claim id typed where the source belongs).
pub const CITATION_MIN_WORDS: usize = 3;

/// The one rule for evidence, applied by every route that attaches a source (`mark --source`,
/// `source add`, `import`): an http(s) URL, or a citation of at least `CITATION_MIN_WORDS`
/// words. Anything that looks like a link of another scheme, or a bare number, is refused with
/// a hint. Returns the reference as it will be stored (trimmed), or why it is refused.
pub fn check_evidence(reference: &str) -> Result<&str, String> {
    let reference = reference.trim();
    let lower = reference.to_ascii_lowercase();
    if reference.is_empty() {
        return Err("the source is empty: give an http(s) URL or a citation".into());
    }
    let scheme = lower.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    let looks_like_link = lower.contains("://") || lower.starts_with("www.");
    if matches!(scheme, Some("http" | "https")) || looks_like_link {
        let rest = lower.split_once("://").map_or("", |(_, rest)| rest);
        let is_web_url = matches!(scheme, Some("http" | "https"))
            && lower[scheme.map_or(0, str::len)..].starts_with("://")
            && !rest.is_empty()
            && !reference.contains(char::is_whitespace);
        if is_web_url {
            return Ok(reference);
        }
        return Err(if lower.starts_with("www.") {
            format!("'{reference}' is a link without its scheme: write it as https://{reference}")
        } else {
            format!(
                "'{reference}' looks like a link but is not a whole http(s) URL: give an http(s) URL, or a citation of at least {CITATION_MIN_WORDS} words"
            )
        });
    }
    if matches!(
        scheme,
        Some("mailto" | "file" | "ftp" | "tel" | "javascript" | "data")
    ) {
        return Err(format!(
            "'{reference}' is not evidence a reader can open: give an http(s) URL, or a citation of at least {CITATION_MIN_WORDS} words"
        ));
    }
    if reference
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ',' | ' '))
    {
        return Err(format!(
            "'{reference}' is a number, not a source: give the claim ids first and the URL or citation last"
        ));
    }
    let words = reference
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words < CITATION_MIN_WORDS {
        return Err(format!(
            "'{reference}' is too short to find again: a citation needs at least {CITATION_MIN_WORDS} words (who, what, when: \"Pentagon briefing, 2 June 2022\"), or give an http(s) URL"
        ));
    }
    Ok(reference)
}

/// A name that is not one of a fixed set, with the closest valid name when one is near.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub what: &'static str,
    pub given: String,
    pub suggestion: Option<String>,
    pub valid: Vec<String>,
}

impl UnknownName {
    fn new(what: &'static str, given: &str, valid: &[&str]) -> Self {
        let lowered = given.to_ascii_lowercase();
        let suggestion = valid
            .iter()
            .map(|name| (edit_distance(&lowered, name), *name))
            .filter(|(distance, name)| *distance <= 2.max(name.len() / 3))
            .min()
            .map(|(_, name)| name.to_string());
        UnknownName {
            what,
            given: given.to_string(),
            suggestion,
            valid: valid.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}'", self.what, self.given)?;
        match &self.suggestion {
            Some(s) => write!(f, ": did you mean '{s}'?"),
            None => write!(f, ": expected one of {}", self.valid.join(", ")),
        }
    }
}

impl std::error::Error for UnknownName {}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The type of an extracted value, as named in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    Count,
    Number,
    Money,
    Percent,
    Ordinal,
    Range,
    Date,
}

impl ValueType {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Count => "count",
            ValueType::Number => "number",
            ValueType::Money => "money",
            ValueType::Percent => "percent",
            ValueType::Ordinal => "ordinal",
            ValueType::Range => "range",
            ValueType::Date => "date",
        }
    }
}

impl FromStr for ValueType {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let all = [
            ValueType::Count,
            ValueType::Number,
            ValueType::Money,
            ValueType::Percent,
            ValueType::Ordinal,
            ValueType::Range,
            ValueType::Date,
        ];
        let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
        all.into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownName::new("value type", s, &names))
    }
}

/// A normalised value: a number, a range with open ends as `None`, or an ISO date at its
/// granularity (`YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM` or `YYYY`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Normalized {
    Number(f64),
    Range(Option<f64>, Option<f64>),
    Date(String),
    /// A span of dates ("over the weekend", "2008 to 2016"), each end an ISO date at its
    /// granularity; `None` for an open end.
    DateRange(Option<String>, Option<String>),
}

/// One number or date found in a claim. `start`/`end` are byte offsets into the text the
/// extractor was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    #[serde(rename = "type")]
    pub value_type: ValueType,
    pub text: String,
    pub value: Normalized,
    pub unit: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// True for an absolute http or https URL with a host, and nothing a browser would read
/// differently (no spaces or control characters). Only such URLs ever become links, so a
/// `javascript:` or `data:` "URL" from a flag or an import is shown as text, never run.
pub fn is_web_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with(['/', '?', '#'])
            && !text.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// A checker's name (`--by`, `--to`, `$USER`) as it will be stored: trimmed, non-empty, at
/// most 100 characters, on one line and printable. A newline or a terminal escape in a name
/// would forge lines in `show` and rows in `status --by checker`.
pub fn check_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("a name cannot be empty".into());
    }
    if name.chars().count() > 100 {
        return Err("a name is at most 100 characters".into());
    }
    if name
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err(
            "a name must be one line of printable text (no newlines, tabs or control characters)"
                .into(),
        );
    }
    Ok(name.to_string())
}

/// An article's identity: the SHA-256 of its text exactly as read, in lower-case hex.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub reference_date: Option<String>,
    pub reference_source: String,
    pub added_at: String,
    pub content_hash: String,
}

/// A further place in the article that states a stored claim again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Evidence attached to a claim: a URL or a citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: i64,
    pub reference: String,
    pub is_url: bool,
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
    /// The source of another claim this one was copied from (`mark --same-as`).
    pub copied_from: Option<i64>,
}

/// What kind of change an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// The status changed (`mark`).
    Status,
    /// A source was attached without a status change (`source add`).
    Source,
    /// A note was written (`note`).
    Note,
    /// The claim was assigned to a checker, or unassigned (`assign`).
    Assign,
    /// The verdict and sources of a matching claim were copied (`mark --same-as`).
    SameAs,
    /// A compensating event that reverts an earlier one (`undo`).
    Undo,
    /// A checker added the claim by hand (`claim add`): the extractor missed it.
    Added,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Status => "status",
            Action::Source => "source",
            Action::Note => "note",
            Action::Assign => "assign",
            Action::SameAs => "same-as",
            Action::Undo => "undo",
            Action::Added => "added",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        [
            Action::Status,
            Action::Source,
            Action::Note,
            Action::Assign,
            Action::SameAs,
            Action::Undo,
            Action::Added,
        ]
        .into_iter()
        .find(|a| a.as_str() == text)
    }
}

/// One change to a claim, with who made it, when, why and on what evidence. The status and
/// assignee before and after are recorded on every event (equal when unchanged).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub action: Action,
    pub at: String,
    pub by: String,
    pub from: Status,
    pub to: Status,
    pub from_assignee: Option<String>,
    pub to_assignee: Option<String>,
    pub note: Option<String>,
    /// The sources this change attached, by reference.
    pub sources: Vec<String>,
    /// The sources this change withdrew (an undo of a change that attached them).
    pub withdrawn_sources: Vec<String>,
    /// For an undo: the event it reverts.
    pub undoes: Option<i64>,
    /// For a same-as decision: the claim whose verdict was copied.
    pub same_as: Option<i64>,
}

/// One correction to an article's details (`article edit`): the field, its value before and
/// after (`None` for empty), who made it, when and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleEvent {
    pub id: i64,
    /// title, url, outlet or published.
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub at: String,
    pub by: String,
    pub note: Option<String>,
}

/// A stored claim from another article that says the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub id: i64,
    pub article_id: i64,
    pub status: Status,
    pub score: f64,
    pub text: String,
    /// What the two claims share.
    pub why: MatchWhy,
}

/// Why two claims matched: what they share.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MatchWhy {
    /// Figures and dates both give, normalised ("28500", "2019-11-20").
    pub figures: Vec<String>,
    /// Names both mention ("seoul", "pentagon"), lower-cased as the claim writes them.
    pub names: Vec<String>,
    /// Other shared words (compared by stem), most distinctive first (at most eight).
    pub words: Vec<String>,
}

/// A stored claim with what hangs off it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: i64,
    /// The claim's identity on every replica: a hash of its article's content hash and its
    /// byte span (local ids differ from one database to another).
    pub uid: String,
    /// Two verdicts were given without one knowing the other (see README, "A desk on several
    /// machines"); cleared by the next mark or note.
    pub conflict: bool,
    pub article_id: i64,
    pub position: i64,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub kinds: Vec<ClaimKind>,
    pub score: f64,
    pub speaker: Option<String>,
    pub status: Status,
    pub status_changed_at: String,
    pub assignee: Option<String>,
    pub values: Vec<Value>,
    pub occurrences: Vec<Occurrence>,
    /// Sources in force (withdrawn ones are only in the history).
    pub sources: Vec<Source>,
    pub matches: Vec<Match>,
}

/// Claims counted by status for one article or for the whole database.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    pub claims: u64,
    pub by_status: std::collections::BTreeMap<Status, u64>,
}

impl Progress {
    /// Count `count` claims in `status`; dismissed claims are kept by status but are not part of
    /// `claims`, the denominator of progress.
    pub fn add(&mut self, status: Status, count: u64) {
        if status.counts_towards_progress() {
            self.claims += count;
        }
        *self.by_status.entry(status).or_default() += count;
    }

    pub fn count(&self, status: Status) -> u64 {
        self.by_status.get(&status).copied().unwrap_or(0)
    }

    pub fn resolved(&self) -> u64 {
        Status::ALL
            .into_iter()
            .filter(|s| s.is_resolved())
            .map(|s| self.count(s))
            .sum()
    }

    /// Share of claims resolved, from 0 to 1 (1 for an article with no claims: nothing is left).
    pub fn fraction(&self) -> f64 {
        if self.claims == 0 {
            1.0
        } else {
            self.resolved() as f64 / self.claims as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelled_status_suggests_the_right_one() {
        let err = "verifed".parse::<Status>().unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("verified"));
        assert_eq!(
            err.to_string(),
            "unknown status 'verifed': did you mean 'verified'?"
        );
    }

    #[test]
    fn unrelated_status_lists_the_valid_ones() {
        let err = "banana".parse::<Status>().unwrap_err();
        assert!(
            err.to_string()
                .contains("unverified, in-progress, verified")
        );
    }

    #[test]
    fn status_accepts_spelling_variants_people_type() {
        assert_eq!("In Progress".parse::<Status>(), Ok(Status::InProgress));
        assert_eq!("in_progress".parse::<Status>(), Ok(Status::InProgress));
        assert_eq!("FALSE".parse::<Status>(), Ok(Status::False));
    }

    #[test]
    fn evidence_is_an_http_url_or_a_citation_of_a_few_words() {
        let accepted = [
            "https://www.usfk.mil/About/",
            "HTTP://example.org/x",
            "  Yonhap, 3 June 2022, p. 2 ",
            "Pentagon briefing, 2 June",
            "Ministry of Interior annual report",
        ];
        for reference in accepted {
            assert_eq!(
                check_evidence(reference),
                Ok(reference.trim()),
                "{reference}"
            );
        }
        let refused = [
            ("", "empty"),
            ("6", "is a number"),
            ("7-9", "is a number"),
            ("ftp://example.org/x", "not a whole http(s) URL"),
            ("ftp\n://example.org/x", "not a whole http(s) URL"),
            ("https://", "not a whole http(s) URL"),
            ("https://exa mple.org", "not a whole http(s) URL"),
            ("www.example.org", "https://www.example.org"),
            ("mailto:desk@example.org", "not evidence a reader can open"),
            ("file:/etc/passwd", "not evidence a reader can open"),
            ("Pentagon", "at least 3 words"),
            ("Ministry record", "at least 3 words"),
        ];
        for (reference, why) in refused {
            let error = check_evidence(reference).unwrap_err();
            assert!(error.contains(why), "{reference:?}: {error}");
        }
    }

    #[test]
    fn resolved_means_a_verdict_was_reached() {
        let resolved: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| s.is_resolved())
            .collect();
        assert_eq!(
            resolved,
            vec![
                Status::Verified,
                Status::False,
                Status::Misleading,
                Status::Unverifiable
            ]
        );
    }
}
