//! Tabular reports in every format: the same grid of rows becomes a table for people, CSV for
//! spreadsheets or Markdown for a memo. Machine formats (CSV) never carry colour or bars.

use std::collections::BTreeMap;

use comfy_table::{Cell, CellAlignment, ColumnConstraint};
use serde::Serialize;

use super::{ProgressJson, TableStyle, progress_bar};
use crate::error::Result;
use crate::model::{Progress, Status};
use crate::store::DayActivity;

/// Blocks in a table's progress bar: narrow enough for six status columns in 120 columns.
const TABLE_BAR: usize = 8;

/// One cell of a report, kept typed so each format can write it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    Count(u64),
    /// A share from 0 to 1: a bar in a table, a number in CSV.
    Fraction(f64),
}

/// A report as rows under a header; `total` is the summary row tables and Markdown show last.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Field>>,
    pub total: Option<Vec<Field>>,
}

impl Grid {
    /// A grid whose rows are `key columns`, claims, a count per status, resolved and progress,
    /// then `extra` columns.
    fn progress(keys: &[&str], extra: &[&str]) -> Grid {
        let mut header: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        header.push("claims".into());
        header.extend(Status::ALL.iter().map(|s| s.as_str().to_string()));
        header.push("resolved".into());
        header.push("progress".into());
        header.extend(extra.iter().map(|e| e.to_string()));
        Grid {
            header,
            ..Grid::default()
        }
    }

    /// The header cell at `index`, coloured like the status it names when colour is on.
    fn header_cell(&self, index: usize, style: TableStyle) -> Cell {
        let name = &self.header[index];
        // Six status columns do not fit 120 columns with their names on one line; breaking
        // the long names where a reader would keeps the counts readable.
        let broken = match name.as_str() {
            "unverified" => "unveri-\nfied",
            "in-progress" => "in-\nprogress",
            "misleading" => "mis-\nleading",
            "unverifiable" => "unveri-\nfiable",
            "verdicts given" => "verdicts\ngiven",
            "changes made" => "changes\nmade",
            other => other,
        };
        match name.parse::<Status>() {
            Ok(status) if name == status.as_str() => {
                style.in_status_colour(status, Cell::new(broken))
            }
            _ => Cell::new(broken),
        }
    }

    /// A comfy-table for people: progress as a bar, counts aligned right. The `resolved` and
    /// `open` counts are left out (the bar shows them, and CSV and JSON carry them) so that
    /// every view fits 120 columns.
    pub fn to_table(&self, style: TableStyle) -> comfy_table::Table {
        let shown: Vec<usize> = (0..self.header.len())
            .filter(|&i| !matches!(self.header[i].as_str(), "resolved" | "open"))
            .collect();
        let mut table = style.table();
        table.set_header(
            shown
                .iter()
                .map(|&i| self.header_cell(i, style))
                .collect::<Vec<_>>(),
        );
        for row in self.rows.iter().chain(self.total.iter()) {
            table.add_row(shown.iter().map(|&i| match &row[i] {
                Field::Text(text) => Cell::new(super::escape::visible(text)),
                Field::Count(n) => Cell::new(n).set_alignment(CellAlignment::Right),
                Field::Fraction(f) => Cell::new(progress_bar(*f, TABLE_BAR)),
            }));
        }
        // Counts and bars never wrap; only text (a title, a checker's name) gives way.
        if let Some(first) = self.rows.first() {
            for (column_index, &i) in shown.iter().enumerate() {
                let wraps = matches!(&first[i], Field::Text(_));
                if !wraps && let Some(column) = table.column_mut(column_index) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        table
    }

    /// RFC 4180 CSV with a header row; no total row (a spreadsheet sums for itself) and
    /// progress as a number from 0 to 1.
    pub fn write_csv(&self, out: &mut dyn std::io::Write) -> Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.header).map_err(csv_error)?;
        for row in &self.rows {
            writer
                .write_record(row.iter().map(|field| match field {
                    Field::Text(text) => super::escape::csv_cell(text).into_owned(),
                    Field::Count(n) => n.to_string(),
                    Field::Fraction(f) => format!("{}", super::round(*f)),
                }))
                .map_err(csv_error)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// A GitHub-flavoured Markdown table, total row last, progress as bar and percent.
    pub fn to_markdown(&self) -> String {
        let escape = |text: &str| {
            super::escape::visible(text)
                .replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace('\n', " ")
        };
        let mut out = String::new();
        out.push_str(&format!(
            "| {} |\n",
            self.header
                .iter()
                .map(|h| escape(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        let first = self.rows.first().or(self.total.as_ref());
        let alignment: String = (0..self.header.len())
            .map(|i| match first.and_then(|row| row.get(i)) {
                Some(Field::Text(_)) | None => " --- |",
                Some(_) => " ---: |",
            })
            .collect();
        out.push_str(&format!("|{alignment}\n"));
        for (index, row) in self.rows.iter().chain(self.total.iter()).enumerate() {
            let is_total = index == self.rows.len();
            let cells: Vec<String> = row
                .iter()
                .map(|field| {
                    let text = match field {
                        Field::Text(text) => escape(text),
                        Field::Count(n) => n.to_string(),
                        Field::Fraction(f) => progress_bar(*f, TABLE_BAR),
                    };
                    if is_total && !text.is_empty() {
                        format!("**{text}**")
                    } else {
                        text
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

pub(crate) fn csv_error(error: csv::Error) -> crate::error::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => crate::error::Error::Io(io),
        other => crate::error::Error::Invalid(format!("csv: {other:?}")),
    }
}

fn progress_fields(progress: &Progress) -> Vec<Field> {
    let mut fields = vec![Field::Count(progress.claims)];
    fields.extend(Status::ALL.iter().map(|s| Field::Count(progress.count(*s))));
    fields.push(Field::Count(progress.resolved()));
    fields.push(Field::Fraction(progress.fraction()));
    fields
}

/// Progress summed over rows.
pub fn total_of<'a>(progresses: impl IntoIterator<Item = &'a Progress>) -> Progress {
    let mut total = Progress::default();
    for progress in progresses {
        for status in Status::ALL {
            total.add(status, progress.count(status));
        }
    }
    total
}

/// `status` (per article) as a grid.
pub fn articles_grid(rows: &[(crate::model::Article, Progress)], total: &Progress) -> Grid {
    let mut grid = Grid::progress(&["id", "article"], &[]);
    for (article, progress) in rows {
        let mut row = vec![
            Field::Text(article.id.to_string()),
            Field::Text(super::excerpt(&article.title, 40)),
        ];
        row.extend(progress_fields(progress));
        grid.rows.push(row);
    }
    let mut total_row = vec![Field::Text(String::new()), Field::Text("total".into())];
    total_row.extend(progress_fields(total));
    grid.total = Some(total_row);
    grid
}

/// `status --by kind --json`: one row per claim kind that has claims.
#[derive(Debug, Serialize)]
pub struct KindsJson {
    pub kinds: Vec<KindProgressJson>,
    pub total: ProgressJson,
}

#[derive(Debug, Serialize)]
pub struct KindProgressJson {
    pub kind: &'static str,
    #[serde(flatten)]
    pub progress: ProgressJson,
}

/// `status --by kind` as a grid.
pub fn kinds_grid(rows: &[(crate::model::ClaimKind, Progress)], total: &Progress) -> Grid {
    let mut grid = Grid::progress(&["kind"], &[]);
    for (kind, progress) in rows {
        let mut row = vec![Field::Text(kind.as_str().into())];
        row.extend(progress_fields(progress));
        grid.rows.push(row);
    }
    let mut total_row = vec![Field::Text("total".into())];
    total_row.extend(progress_fields(total));
    grid.total = Some(total_row);
    grid
}

/// `status --by day --json`: one row per day (UTC) on which something changed.
#[derive(Debug, Serialize)]
pub struct DaysJson<'a> {
    pub days: Vec<DayJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DayJson<'a> {
    /// YYYY-MM-DD, in UTC.
    pub day: &'a str,
    /// Changes of any kind made that day.
    pub events: u64,
    /// Claims that reached a verdict that day (from unverified or in-progress).
    pub settled: u64,
    /// Verdicts reached that day, by status.
    pub settled_by_status: BTreeMap<&'static str, u64>,
    /// Where every claim stood at the end of the day: `claims`, `by_status`, `resolved`,
    /// `progress` as in `status --json`.
    #[serde(flatten)]
    pub progress: ProgressJson,
}

impl<'a> DaysJson<'a> {
    pub fn new(days: &'a [DayActivity]) -> Self {
        DaysJson {
            days: days
                .iter()
                .map(|d| DayJson {
                    day: &d.day,
                    events: d.events,
                    settled: d.settled.claims,
                    settled_by_status: Status::ALL
                        .into_iter()
                        .filter(|s| s.is_resolved())
                        .map(|s| (s.as_str(), d.settled.count(s)))
                        .collect(),
                    progress: ProgressJson::new(&d.at_end),
                })
                .collect(),
        }
    }
}

/// `status --by day` as a grid: the counts per status are where the claims stood at the end
/// of the day, so the progress column shows the desk's progress over time.
pub fn days_grid(days: &[DayActivity]) -> Grid {
    let mut grid = Grid::progress(&["day", "events", "settled"], &[]);
    for day in days {
        let mut row = vec![
            Field::Text(day.day.clone()),
            Field::Count(day.events),
            Field::Count(day.settled.claims),
        ];
        row.extend(progress_fields(&day.at_end));
        grid.rows.push(row);
    }
    grid
}

/// `status --by checker` as a grid: claims assigned to each checker by status, and the work
/// they did.
pub fn checkers_grid(checkers: &super::CheckersJson<'_>) -> Grid {
    let mut grid = Grid::progress(&["checker"], &["open", "verdicts given", "changes made"]);
    grid.header[1] = "assigned".into();
    for checker in &checkers.checkers {
        let mut row = vec![Field::Text(checker.name.to_string())];
        row.push(Field::Count(checker.assigned.claims));
        row.extend(
            Status::ALL
                .iter()
                .map(|s| Field::Count(checker.assigned.by_status[s.as_str()])),
        );
        row.push(Field::Count(checker.assigned.resolved));
        row.push(Field::Fraction(checker.assigned.progress));
        row.push(Field::Count(checker.open));
        row.push(Field::Count(checker.verdicts));
        row.push(Field::Count(checker.events));
        grid.rows.push(row);
    }
    grid
}

/// `articles --json`.
#[derive(Debug, Serialize)]
pub struct ArticlesJson<'a> {
    pub articles: Vec<ArticleJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    pub id: i64,
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    /// YYYY-MM-DD or null.
    pub published: Option<&'a str>,
    pub added_at: &'a str,
    /// `claims`, `by_status`, `resolved`, `progress` as in `status --json`.
    #[serde(flatten)]
    pub progress: ProgressJson,
}

impl<'a> ArticlesJson<'a> {
    pub fn new(rows: &'a [(crate::model::Article, Progress)]) -> Self {
        ArticlesJson {
            articles: rows
                .iter()
                .map(|(a, progress)| ArticleJson {
                    id: a.id,
                    title: &a.title,
                    url: a.url.as_deref(),
                    outlet: a.outlet.as_deref(),
                    published: a.published.as_deref(),
                    added_at: &a.added_at,
                    progress: ProgressJson::new(progress),
                })
                .collect(),
        }
    }
}

/// The table `articles` prints.
pub fn articles_table(articles: &ArticlesJson<'_>, style: TableStyle) -> comfy_table::Table {
    let mut table = style.table();
    table.set_header(vec![
        "id",
        "title",
        "outlet",
        "published",
        "claims",
        "progress",
    ]);
    for a in &articles.articles {
        table.add_row(vec![
            Cell::new(a.id),
            Cell::new(super::excerpt(a.title, 60)),
            Cell::new(super::escape::visible(a.outlet.unwrap_or(""))),
            Cell::new(super::escape::visible(a.published.unwrap_or(""))),
            Cell::new(a.progress.claims).set_alignment(CellAlignment::Right),
            Cell::new(progress_bar(a.progress.progress, 10)),
        ]);
    }
    table
}

/// `search --json`.
#[derive(Debug, Serialize)]
pub struct SearchJson<'a> {
    pub query: &'a str,
    pub claims: Vec<FoundJson>,
}

#[derive(Debug, Serialize)]
pub struct FoundJson {
    pub id: i64,
    pub article_id: i64,
    pub status: Status,
    pub kind: crate::model::ClaimKind,
    pub text: String,
    /// Byte ranges `[start, end)` of `text` that matched the query.
    pub highlights: Vec<[usize; 2]>,
    /// bm25 relevance: higher is a better match; only comparable within one search.
    pub relevance: f64,
}

/// Split a string marked by `highlight()` into the plain text and the byte ranges of the marks.
pub fn split_highlights(marked: &str) -> (String, Vec<[usize; 2]>) {
    use crate::store::{HIGHLIGHT_END, HIGHLIGHT_START};
    let mut text = String::with_capacity(marked.len());
    let mut ranges = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            HIGHLIGHT_START => open = Some(text.len()),
            HIGHLIGHT_END => {
                if let Some(start) = open.take() {
                    ranges.push([start, text.len()]);
                }
            }
            c => text.push(c),
        }
    }
    (text, ranges)
}

impl FoundJson {
    pub fn new(claim: &crate::model::Claim, found: &crate::store::Found) -> FoundJson {
        let (text, highlights) = split_highlights(&found.highlighted);
        FoundJson {
            id: claim.id,
            article_id: claim.article_id,
            status: claim.status,
            kind: claim.kind,
            text,
            highlights,
            relevance: super::round(found.relevance),
        }
    }
}

/// The table `search` prints: matches between `[` and `]`, best match first.
pub fn search_table(found: &SearchJson<'_>, style: TableStyle) -> comfy_table::Table {
    let mut table = style.table();
    table.set_header(vec!["id", "article", "status", "claim"]);
    for claim in &found.claims {
        let mut marked = String::new();
        let mut last = 0;
        for [start, end] in &claim.highlights {
            marked.push_str(&claim.text[last..*start]);
            marked.push('[');
            marked.push_str(&claim.text[*start..*end]);
            marked.push(']');
            last = *end;
        }
        marked.push_str(&claim.text[last..]);
        table.add_row(vec![
            Cell::new(claim.id),
            Cell::new(claim.article_id),
            style.status_cell(claim.status),
            Cell::new(super::excerpt(&marked, usize::MAX)),
        ]);
    }
    table
}
