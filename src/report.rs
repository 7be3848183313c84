//! Renderers: comfy-table tables for people, and the `--json` structs that are the machine
//! contract (documented in README; fields may be added, never renamed).

use std::collections::BTreeMap;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::extract::{ExtractedClaim, Extraction, ReferenceSource, Sentence};
use crate::model::{
    Action, Article, ArticleEvent, Claim, ClaimKind, Event, Match, Occurrence, Progress, Source,
    Status, Value,
};
use crate::store::CheckerProgress;

pub mod escape;
pub mod export;
pub mod html;
pub mod interchange;
pub mod views;

/// The width of the terminal standard output goes to, asked of the terminal itself
/// (interactive shells do not export `COLUMNS`); `None` off a terminal.
pub fn terminal_width() -> Option<u16> {
    Table::new().width()
}

/// How tables look: width and colour are decided once, in `config`.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    pub width: u16,
    pub color: bool,
}

impl TableStyle {
    pub fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width);
        if !self.color {
            table.force_no_tty();
        } else {
            table.enforce_styling();
        }
        table
    }

    pub fn status_cell(&self, status: Status) -> Cell {
        self.in_status_colour(status, Cell::new(status.as_str()))
    }

    /// `cell` in the colour of `status`, when colour is on.
    pub fn in_status_colour(&self, status: Status, cell: Cell) -> Cell {
        if !self.color {
            return cell;
        }
        match status {
            Status::Verified => cell.fg(Color::Green),
            Status::False => cell.fg(Color::Red),
            Status::Misleading => cell.fg(Color::Yellow),
            Status::Unverifiable => cell.fg(Color::Magenta),
            Status::InProgress => cell.fg(Color::Cyan),
            Status::Unverified => cell,
            Status::Dismissed => cell.fg(Color::DarkGrey),
        }
    }
}

// ---------------------------------------------------------------- JSON contract

/// `extract --json`.
#[derive(Debug, Serialize)]
pub struct ExtractJson<'a> {
    pub reference_date: Option<String>,
    pub reference_source: ReferenceSource,
    pub claims: Vec<ExtractedClaimJson<'a>>,
    pub warnings: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ExtractedClaimJson<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: ClaimKind,
    pub kinds: &'a [ClaimKind],
    pub score: f64,
    pub values: &'a [Value],
    pub speaker: Option<&'a str>,
    pub checkable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'a str>,
    /// Index in `claims` of the first place that states the same claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<usize>,
}

impl<'a> ExtractJson<'a> {
    pub fn new(extraction: &'a Extraction, all: bool) -> Self {
        let claims = extraction
            .claims
            .iter()
            .filter(|c| all || c.checkable)
            .map(|c: &'a ExtractedClaim| ExtractedClaimJson {
                start: c.start,
                end: c.end,
                text: &c.text,
                kind: c.kind,
                kinds: &c.kinds,
                score: round(c.score),
                values: &c.values,
                speaker: c.speaker.as_deref(),
                checkable: c.checkable,
                why: c.why.map(|why| why.as_str()),
                duplicate_of: c.duplicate_of,
            })
            .collect();
        ExtractJson {
            reference_date: extraction.reference_date.map(|d| d.to_string()),
            reference_source: extraction.reference_source,
            claims,
            warnings: &extraction.warnings,
        }
    }
}

/// `split --json`.
#[derive(Debug, Serialize)]
pub struct SplitJson<'a> {
    pub sentences: &'a [Sentence],
}

/// A stored claim, as `list --json` and `show --json` print it.
#[derive(Debug, Serialize)]
pub struct ClaimJson<'a> {
    pub id: i64,
    /// The claim's identity on every replica (`id` is this database's own).
    pub uid: &'a str,
    /// Two verdicts were given apart and a sync brought them together (the later stands).
    pub conflict: bool,
    pub article_id: i64,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub kinds: &'a [ClaimKind],
    pub score: f64,
    pub status: Status,
    pub status_changed_at: &'a str,
    pub assignee: Option<&'a str>,
    pub values: &'a [Value],
    pub speaker: Option<&'a str>,
    pub sources: &'a [Source],
    /// Other places in the article that state the same claim.
    pub occurrences: &'a [Occurrence],
    /// Claims of other articles that say the same thing.
    pub matches: Vec<MatchJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<EventJson<'a>>>,
}

#[derive(Debug, Serialize)]
pub struct MatchJson<'a> {
    pub id: i64,
    pub article_id: i64,
    pub status: Status,
    pub score: f64,
    pub text: &'a str,
    /// What the two claims share: figures, names and words.
    pub why: &'a crate::model::MatchWhy,
}

impl<'a> MatchJson<'a> {
    pub fn new(m: &'a Match) -> Self {
        MatchJson {
            id: m.id,
            article_id: m.article_id,
            status: m.status,
            score: round(m.score),
            text: &m.text,
            why: &m.why,
        }
    }
}

/// `matches --json`.
#[derive(Debug, Serialize)]
pub struct MatchesJson<'a> {
    pub id: i64,
    #[serde(serialize_with = "serialize_matches")]
    pub matches: &'a [Match],
}

fn serialize_matches<S: serde::Serializer>(
    matches: &&[Match],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(matches.iter().map(MatchJson::new))
}

#[derive(Debug, Serialize)]
pub struct EventJson<'a> {
    pub id: i64,
    /// status, source, note, assign, same-as or undo.
    pub action: Action,
    pub at: &'a str,
    pub from: Status,
    pub to: Status,
    pub by: &'a str,
    pub note: Option<&'a str>,
    /// The first source given with the change (all of them are in `sources`).
    pub source: Option<&'a str>,
    pub sources: &'a [String],
    pub withdrawn_sources: &'a [String],
    pub from_assignee: Option<&'a str>,
    pub to_assignee: Option<&'a str>,
    pub undoes: Option<i64>,
    pub same_as: Option<i64>,
}

impl<'a> ClaimJson<'a> {
    pub fn new(claim: &'a Claim, events: Option<&'a [Event]>) -> Self {
        ClaimJson {
            id: claim.id,
            uid: &claim.uid,
            conflict: claim.conflict,
            article_id: claim.article_id,
            text: &claim.text,
            start: claim.start,
            end: claim.end,
            kind: claim.kind,
            kinds: &claim.kinds,
            score: round(claim.score),
            status: claim.status,
            status_changed_at: &claim.status_changed_at,
            assignee: claim.assignee.as_deref(),
            values: &claim.values,
            speaker: claim.speaker.as_deref(),
            sources: &claim.sources,
            occurrences: &claim.occurrences,
            matches: claim.matches.iter().map(MatchJson::new).collect(),
            events: events.map(|events| {
                events
                    .iter()
                    .map(|e| EventJson {
                        id: e.id,
                        action: e.action,
                        at: &e.at,
                        from: e.from,
                        to: e.to,
                        by: &e.by,
                        note: e.note.as_deref(),
                        source: e.sources.first().map(String::as_str),
                        sources: &e.sources,
                        withdrawn_sources: &e.withdrawn_sources,
                        from_assignee: e.from_assignee.as_deref(),
                        to_assignee: e.to_assignee.as_deref(),
                        undoes: e.undoes,
                        same_as: e.same_as,
                    })
                    .collect()
            }),
        }
    }
}

/// `list --json`.
#[derive(Debug, Serialize)]
pub struct ListJson<'a> {
    pub claims: Vec<ClaimJson<'a>>,
}

/// `show --json`.
#[derive(Debug, Serialize)]
pub struct ShowJson<'a> {
    pub claim: ClaimJson<'a>,
    /// Corrections made to the claim's article (`article edit`), oldest first.
    pub article_corrections: &'a [ArticleEvent],
}

/// `add --json`.
#[derive(Debug, Serialize)]
pub struct AddJson<'a> {
    pub article: &'a Article,
    /// True when the same text was stored before; nothing new was written.
    pub already_present: bool,
    pub reference_date: Option<&'a str>,
    pub reference_source: &'a str,
    pub claims: Vec<ClaimJson<'a>>,
    pub warnings: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ProgressJson {
    pub claims: u64,
    pub by_status: BTreeMap<&'static str, u64>,
    pub resolved: u64,
    /// resolved / claims, from 0 to 1.
    pub progress: f64,
}

impl ProgressJson {
    pub fn new(progress: &Progress) -> Self {
        ProgressJson {
            claims: progress.claims,
            by_status: Status::ALL
                .into_iter()
                .map(|s| (s.as_str(), progress.count(s)))
                .collect(),
            resolved: progress.resolved(),
            progress: round(progress.fraction()),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ArticleProgressJson<'a> {
    pub id: i64,
    pub title: &'a str,
    #[serde(flatten)]
    pub progress: ProgressJson,
}

/// `status --json`.
#[derive(Debug, Serialize)]
pub struct StatusJson<'a> {
    pub articles: Vec<ArticleProgressJson<'a>>,
    /// Articles counted in `total` but not listed (`status --all` lists every one).
    pub articles_not_listed: u64,
    pub total: ProgressJson,
    /// Claims flagged as a conflict by a sync (`list --conflicts` lists them).
    pub conflicts: u64,
}

#[derive(Debug, Serialize)]
pub struct CheckerJson<'a> {
    pub name: &'a str,
    /// Claims assigned to this checker, by status.
    pub assigned: ProgressJson,
    /// Assigned claims still unverified or in progress.
    pub open: u64,
    /// Verdicts this checker gave.
    pub verdicts: u64,
    /// Every change this checker made.
    pub events: u64,
}

/// `status --by-checker --json`.
#[derive(Debug, Serialize)]
pub struct CheckersJson<'a> {
    pub checkers: Vec<CheckerJson<'a>>,
}

impl<'a> CheckersJson<'a> {
    pub fn new(checkers: &'a std::collections::BTreeMap<String, CheckerProgress>) -> Self {
        CheckersJson {
            checkers: checkers
                .iter()
                .map(|(name, c)| CheckerJson {
                    name,
                    assigned: ProgressJson::new(&c.assigned),
                    open: c.assigned.claims - c.assigned.resolved(),
                    verdicts: c.verdicts,
                    events: c.events,
                })
                .collect(),
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

// ---------------------------------------------------------------- tables

use escape::visible;

/// Shorten `text` to at most `max` characters, on a character boundary, with an ellipsis.
/// Control characters are made visible (`escape::visible`): an excerpt is always for people.
pub fn excerpt(text: &str, max: usize) -> String {
    let folded: String = if is_folded(text.as_bytes()) {
        // Most claims: nothing to fold, and splitting every claim of an export on Unicode
        // whitespace was a tenth of its time.
        text.to_string()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let folded = visible(&folded).into_owned();
    if folded.len() <= max || folded.chars().count() <= max {
        return folded;
    }
    let mut cut: String = folded.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Whether `split_whitespace` and a join with single spaces would give `text` back: no space
/// at either end, no two in a row, and no other whitespace (ASCII, or the UTF-8 of U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000).
fn is_folded(text: &[u8]) -> bool {
    if text.first() == Some(&b' ') || text.last() == Some(&b' ') {
        return false;
    }
    text.iter().enumerate().all(|(i, &b)| {
        let next = |k: usize| text.get(i + k).copied().unwrap_or(0);
        match b {
            b' ' => next(1) != b' ',
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => false,
            0xC2 => !matches!(next(1), 0x85 | 0xA0),
            0xE1 => !(next(1) == 0x9A && next(2) == 0x80),
            0xE2 => !matches!(
                (next(1), next(2)),
                (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
            ),
            0xE3 => !(next(1) == 0x80 && next(2) == 0x80),
            _ => true,
        }
    })
}

/// A value as a checker reads it: `28,500 troops = 28500 troops`.
pub fn value_summary(value: &Value) -> String {
    let normalised = match &value.value {
        crate::model::Normalized::Number(n) => format_number(*n),
        crate::model::Normalized::Range(low, high) => format!(
            "{}–{}",
            low.map_or("…".to_string(), format_number),
            high.map_or("…".to_string(), format_number)
        ),
        crate::model::Normalized::Date(date) => date.clone(),
        crate::model::Normalized::DateRange(low, high) => format!(
            "{}–{}",
            low.as_deref().unwrap_or("…"),
            high.as_deref().unwrap_or("…")
        ),
    };
    match &value.unit {
        Some(unit) => format!("{normalised} {}", visible(unit)),
        None => normalised,
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn values_cell(values: &[Value]) -> String {
    values
        .iter()
        .map(views::value_display)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The table `add` and `list` print: one row per claim, narrowed to the terminal (see
/// `claims_table_fitted`).
pub fn claims_table(claims: &[Claim], style: TableStyle, with_status: bool) -> Table {
    claims_table_fitted(claims, style, with_status).0
}

/// `claims_table` and the columns left out to fit the width: only the claim's text wraps;
/// the kind goes first, then the values, then the status.
pub fn claims_table_fitted(
    claims: &[Claim],
    style: TableStyle,
    with_status: bool,
) -> (Table, Vec<String>) {
    let mut table = claims_table_unfitted(claims, style, with_status);
    let fixed = if with_status { 4 } else { 3 };
    for index in 0..fixed {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    let (names, order): (&[&str], &[usize]) = if with_status {
        (&["id", "kind", "values", "status", "claim"], &[1, 2, 3])
    } else {
        (&["id", "kind", "values", "claim"], &[1, 2])
    };
    let dropped = views::fit(&mut table, style.width, names, order);
    (table, dropped)
}

fn claims_table_unfitted(claims: &[Claim], style: TableStyle, with_status: bool) -> Table {
    let mut table = style.table();
    let mut header = vec!["id", "kind", "values"];
    if with_status {
        header.push("status");
    }
    header.push("claim");
    table.set_header(header);
    for claim in claims {
        let mut row = vec![
            Cell::new(claim.id),
            Cell::new(claim.kind.as_str()),
            Cell::new(values_cell(&claim.values)),
        ];
        if with_status {
            row.push(style.status_cell(claim.status));
        }
        let mut text = excerpt(&claim.text, 160);
        if let Some(speaker) = &claim.speaker {
            text.push_str(&format!("\n— {}", visible(speaker)));
        }
        if !claim.occurrences.is_empty() {
            text.push_str(&format!(
                "\n(stated {} times in the article)",
                claim.occurrences.len() + 1
            ));
        }
        row.push(Cell::new(text));
        table.add_row(row);
    }
    table
}

/// A text progress bar: `████████░░░░  67%`.
pub fn progress_bar(fraction: f64, width: usize) -> String {
    let fraction = fraction.clamp(0.0, 1.0);
    let filled = (fraction * width as f64).round() as usize;
    format!(
        "{}{} {:>3}%",
        "█".repeat(filled),
        "░".repeat(width - filled),
        (fraction * 100.0).round() as u64
    )
}

/// `show` as text: the claim, its values, sources and history.
pub fn claim_detail(
    claim: &Claim,
    article: &Article,
    corrections: &[ArticleEvent],
    events: &[Event],
    style: TableStyle,
) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "claim {}  [{}]  {}\n",
        claim.id,
        claim.status,
        claim
            .kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if claim.conflict {
        out.push_str(
            "CONFLICT: two verdicts were given without one knowing the other; the later stands until someone marks the claim again\n",
        );
    }
    out.push_str(&format!("identity: {}\n", claim.uid));
    out.push_str(&format!(
        "article {}: {}\n\n{}\n",
        article.id,
        visible(&article.title),
        excerpt(&claim.text, usize::MAX)
    ));
    for correction in corrections {
        out.push_str(&format!(
            "article corrected: {} {} → {} by {} at {}{}\n",
            correction.field,
            visible(correction.from.as_deref().unwrap_or("(none)")),
            visible(correction.to.as_deref().unwrap_or("(none)")),
            visible(&correction.by),
            correction.at,
            if correction.field == "published" {
                " (relative dates resolved again)"
            } else {
                ""
            }
        ));
    }
    if let Some(speaker) = &claim.speaker {
        out.push_str(&format!("speaker: {}\n", visible(speaker)));
    }
    out.push_str(&format!("check-worthiness: {:.2}\n", claim.score));
    if let Some(assignee) = &claim.assignee {
        out.push_str(&format!("assigned to: {}\n", visible(assignee)));
    }
    for occurrence in &claim.occurrences {
        out.push_str(&format!(
            "also stated later as: \"{}\"\n",
            excerpt(&occurrence.text, 100)
        ));
    }
    if !claim.values.is_empty() {
        out.push_str("\nvalues:\n");
        for value in &claim.values {
            out.push_str(&format!(
                "  {:<8} {:<24} = {}\n",
                value.value_type.as_str(),
                excerpt(&value.text, 24),
                views::value_display(value)
            ));
        }
    }
    out.push_str("\nsources:\n");
    if claim.sources.is_empty() {
        out.push_str("  (none yet)\n");
    }
    for source in &claim.sources {
        out.push_str(&format!(
            "  [{}] {}  (added by {} at {})\n",
            source.id,
            visible(&source.reference),
            visible(&source.added_by),
            visible(&source.added_at)
        ));
    }
    if !claim.matches.is_empty() {
        out.push_str("\nsame claim elsewhere (settle with `mark ID --same-as OTHER`):\n");
        for m in &claim.matches {
            out.push_str(&format!(
                "  claim {} (article {}, {}, similarity {:.2}): {}\n",
                m.id,
                m.article_id,
                m.status,
                m.score,
                excerpt(&m.text, 80)
            ));
        }
    }
    out.push_str("\nhistory:\n");
    if events.is_empty() {
        out.push_str("  (no changes since it was added)\n");
    } else {
        let mut table = style.table();
        table.set_header(vec!["#", "when (UTC)", "by", "change", "note", "source"]);
        for event in events {
            table.add_row(vec![
                Cell::new(event.id),
                Cell::new(visible(&event.at)),
                Cell::new(visible(&event.by)),
                Cell::new(describe_event(event)),
                Cell::new(visible(event.note.as_deref().unwrap_or(""))),
                Cell::new(
                    event
                        .sources
                        .iter()
                        .map(|s| visible(s).into_owned())
                        .chain(
                            event
                                .withdrawn_sources
                                .iter()
                                .map(|s| format!("(withdrawn) {}", visible(s))),
                        )
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            ]);
        }
        // The time stamp and names never wrap; on a narrow terminal the sources column goes
        // first (the sources in force are listed above).
        for index in 0..3 {
            if let Some(column) = table.column_mut(index) {
                column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
            }
        }
        let names = ["#", "when (UTC)", "by", "change", "note", "source"];
        let dropped = views::fit(&mut table, style.width, &names, &[5]);
        out.push_str(&table.to_string());
        out.push('\n');
        if let Some(note) = views::dropped_note(&dropped, style.width) {
            out.push_str(&note);
            out.push('\n');
        }
    }
    out
}

fn describe_event(event: &Event) -> String {
    let status = format!("{} → {}", event.from, event.to);
    let assignee = format!(
        "assigned {} → {}",
        visible(event.from_assignee.as_deref().unwrap_or("nobody")),
        visible(event.to_assignee.as_deref().unwrap_or("nobody"))
    );
    match event.action {
        Action::Status => status,
        Action::SameAs => format!(
            "{status} (same as claim {})",
            event.same_as.unwrap_or_default()
        ),
        Action::Source => "source added".to_string(),
        Action::Note => "note".to_string(),
        Action::Added => "added by hand".to_string(),
        Action::Assign => assignee,
        Action::Undo => {
            let mut what = format!("undo of #{}", event.undoes.unwrap_or_default());
            if event.from != event.to {
                what.push_str(&format!(": {status}"));
            }
            if event.from_assignee != event.to_assignee {
                what.push_str(&format!(": {assignee}"));
            }
            what
        }
    }
}

/// `sync --json`.
#[derive(Debug, Serialize)]
pub struct SyncJson<'a> {
    /// The remote, without a password.
    pub remote: &'a str,
    /// Records sent that the remote did not have.
    pub pushed: u64,
    /// Records received.
    pub pulled: u64,
    /// What the records received added here.
    pub articles: u64,
    pub claims: u64,
    pub sources: u64,
    pub events: u64,
    /// Claims of this database flagged as a conflict.
    pub conflicts: u64,
}

impl<'a> SyncJson<'a> {
    pub fn new(synced: &'a crate::store::Synced) -> Self {
        SyncJson {
            remote: &synced.remote,
            pushed: synced.pushed,
            pulled: synced.pulled,
            articles: synced.articles,
            claims: synced.claims,
            sources: synced.sources,
            events: synced.events,
            conflicts: synced.conflicts,
        }
    }
}

#[cfg(test)]
mod tests {
    /// `excerpt` skips the fold when `is_folded` says there is nothing to fold: that must
    /// agree with folding, for every whitespace character and its neighbours in UTF-8.
    #[test]
    fn is_folded_agrees_with_folding() {
        let spaces = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        let near = [
            '\u{2019}', '\u{201c}', '\u{2030}', '\u{00e9}', '\u{1681}', '\u{3001}', 'a',
        ];
        for c in spaces.chain(near) {
            for text in [
                format!("a{c}b"),
                format!("{c}a"),
                format!("a{c}"),
                format!("a {c}b"),
            ] {
                let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(
                    super::is_folded(text.as_bytes()),
                    folded == text,
                    "{text:?}"
                );
            }
        }
    }
}
