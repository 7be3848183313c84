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
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Unverified,
        Status::InProgress,
        Status::Verified,
        Status::False,
        Status::Misleading,
        Status::Unverifiable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::InProgress => "in-progress",
            Status::Verified => "verified",
            Status::False => "false",
            Status::Misleading => "misleading",
            Status::Unverifiable => "unverifiable",
        }
    }

    /// A verdict has been reached: the claim no longer needs a checker's time.
    pub fn is_resolved(self) -> bool {
        !matches!(self, Status::Unverified | Status::InProgress)
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
    pub fn add(&mut self, status: Status, count: u64) {
        self.claims += count;
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
