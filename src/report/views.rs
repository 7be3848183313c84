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
            "dismissed" => "dis-\nmissed",
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
        self.to_fitted_table(style).0
    }

    /// `to_table`, narrowed to the style's width: status columns with no claims go first, then
    /// the least needed ones; ids, names and progress always stay. Also returns the names of
    /// the columns left out.
    pub fn to_fitted_table(&self, style: TableStyle) -> (comfy_table::Table, Vec<String>) {
        let mut table = self.full_table(style);
        let shown: Vec<&str> = self
            .header
            .iter()
            .map(String::as_str)
            .filter(|h| !matches!(*h, "resolved" | "open"))
            .collect();
        let all_zero = |name: &str| {
            let index = self.header.iter().position(|h| h == name);
            index.is_some_and(|i| {
                self.rows
                    .iter()
                    .chain(self.total.iter())
                    .all(|row| row[i] == Field::Count(0))
            })
        };
        const LEAST_NEEDED_FIRST: [&str; 13] = [
            "changes made",
            "verdicts given",
            "events",
            "dismissed",
            "unverifiable",
            "misleading",
            "in-progress",
            "false",
            "unverified",
            "verified",
            "settled",
            "claims",
            "assigned",
        ];
        let position = |name: &str| shown.iter().position(|h| *h == name);
        // Columns of nothing but zeros first (they lose no information), least needed first.
        let mut order: Vec<usize> = LEAST_NEEDED_FIRST
            .iter()
            .filter(|name| Status::ALL.iter().any(|s| s.as_str() == **name) && all_zero(name))
            .filter_map(|name| position(name))
            .collect();
        for name in LEAST_NEEDED_FIRST {
            if let Some(index) = position(name).filter(|i| !order.contains(i)) {
                order.push(index);
            }
        }
        let dropped = fit(&mut table, style.width, &shown, &order);
        (table, dropped)
    }

    fn full_table(&self, style: TableStyle) -> comfy_table::Table {
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

// ---------------------------------------------------------------- values and widths

/// A value as people write it, from its stored value, type and unit: `44%`, `$1.2 billion`,
/// `2/3`, `28,500 troops`, `3rd`, `2022-06-01`. Tables and `show` print this; CSV and JSON keep
/// the normalised number.
pub fn value_display(value: &crate::model::Value) -> String {
    use crate::model::{Normalized, ValueType};
    let unit = value.unit.as_deref();
    let number = |n: f64| match value.value_type {
        ValueType::Percent => format!("{}%", plain_number(n)),
        ValueType::Money => money(n, unit),
        ValueType::Ordinal => ordinal(n),
        ValueType::Number => fraction(n).unwrap_or_else(|| scaled(n, 10_000.0)),
        _ => scaled(n, 1_000.0),
    };
    let with_unit = |text: String| match (value.value_type, unit) {
        (ValueType::Count | ValueType::Number | ValueType::Range, Some(unit))
            if currency_symbol(unit).is_none() =>
        {
            format!("{text} {unit}")
        }
        _ => text,
    };
    match &value.value {
        Normalized::Number(n) => with_unit(number(*n)),
        Normalized::Range(low, high) => {
            let end = |n: &Option<f64>| match (n, unit) {
                (None, _) => "…".to_string(),
                (Some(n), Some(unit)) if currency_symbol(unit).is_some() => money(*n, Some(unit)),
                (Some(n), _) => scaled(*n, 1_000.0),
            };
            with_unit(format!("{}–{}", end(low), end(high)))
        }
        Normalized::Date(date) => date.clone(),
        Normalized::DateRange(low, high) => format!(
            "{}–{}",
            low.as_deref().unwrap_or("…"),
            high.as_deref().unwrap_or("…")
        ),
    }
}

fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "INR" => "₹",
        "KRW" => "₩",
        _ => return None,
    })
}

fn money(n: f64, unit: Option<&str>) -> String {
    let amount = scaled(n, 1_000.0);
    match unit {
        Some(code) => match currency_symbol(code) {
            Some(symbol) => format!("{symbol}{amount}"),
            None => format!("{code} {amount}"),
        },
        None => amount,
    }
}

/// `1.5 million` when the figure is a round number of millions (as written in the news),
/// else the figure with thousands separators from `separate_from` up.
fn scaled(n: f64, separate_from: f64) -> String {
    // An exact count stays exact ("1,234,567 votes"); a figure with a fraction this large
    // is a computed one, shown as the news would round it.
    let computed = n.fract() != 0.0;
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        let in_scale = n / scale;
        let round = ((in_scale * 100.0).round() - in_scale * 100.0).abs() < 1e-6;
        if n.abs() >= scale && (round || computed) {
            return format!(
                "{} {word}",
                plain_number((in_scale * 100.0).round() / 100.0)
            );
        }
    }
    if n.fract() == 0.0 && n.abs() >= separate_from && n.abs() < 1e15 {
        let digits = (n.abs() as i64).to_string();
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        return if n < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        };
    }
    plain_number(n)
}

/// A number without a trailing `.0`, and at most three decimals.
fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let text = format!("{n:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `2/3` for two-thirds: a share below one that is a simple fraction.
fn fraction(n: f64) -> Option<String> {
    if n.fract() == 0.0 || n.abs() >= 1.0 {
        return None;
    }
    (2..=12).find_map(|denominator: i64| {
        let numerator = n * denominator as f64;
        ((numerator - numerator.round()).abs() < 1e-6)
            .then(|| format!("{}/{denominator}", numerator.round() as i64))
    })
}

fn ordinal(n: f64) -> String {
    if n.fract() != 0.0 || n < 0.0 {
        return plain_number(n);
    }
    let n = n as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The narrowest a column of wrapping text may get: below it, columns are dropped instead,
/// so that no column is ever wrapped to a character or two per line.
pub const MIN_TEXT_WIDTH: u16 = 16;

/// Hide columns of `table`, in `drop_order` (column indexes), until it fits `width` with each
/// wrapping column at least `MIN_TEXT_WIDTH` wide (or as wide as its content, if less).
/// Columns whose constraint is `ContentWidth` never wrap. Returns the names (`names[index]`)
/// of the columns left out, for the caller to say so; a table that still does not fit is left
/// wider than `width` rather than wrapped one character per line.
pub fn fit(
    table: &mut comfy_table::Table,
    width: u16,
    names: &[&str],
    drop_order: &[usize],
) -> Vec<String> {
    let widths = table.column_max_content_widths();
    let need = |table: &comfy_table::Table, index: usize| -> u32 {
        let column = table.column(index).expect("a column per width");
        if column.is_hidden() {
            return 0;
        }
        let wraps = !matches!(column.constraint(), Some(ColumnConstraint::ContentWidth));
        let content = if wraps {
            widths[index].min(MIN_TEXT_WIDTH)
        } else {
            widths[index]
        };
        // One space of padding each side and a border.
        u32::from(content) + 3
    };
    let total =
        |table: &comfy_table::Table| (0..widths.len()).map(|i| need(table, i)).sum::<u32>() + 1;
    let mut dropped = Vec::new();
    for &index in drop_order {
        if total(table) <= u32::from(width) {
            break;
        }
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::Hidden);
            dropped.push(names.get(index).copied().unwrap_or_default().to_string());
        }
    }
    dropped
}

/// The lines a table prints under itself when `fit` left columns out, wrapped to `width`.
pub fn dropped_note(dropped: &[String], width: u16) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let text = format!("(not shown in {width} columns: {})", dropped.join(", "));
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > usize::from(width)
        {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Normalized, Value, ValueType};

    fn check(value_type: ValueType, value: Normalized, unit: Option<&str>, expected: &str) {
        let value = Value {
            value_type,
            text: String::new(),
            value,
            unit: unit.map(str::to_string),
            start: 0,
            end: 0,
        };
        assert_eq!(value_display(&value), expected);
    }

    #[test]
    fn values_read_as_people_write_them() {
        use Normalized::{Date, DateRange, Number, Range};
        check(ValueType::Percent, Number(44.0), None, "44%");
        check(ValueType::Percent, Number(3.5), None, "3.5%");
        check(ValueType::Money, Number(1.2e9), Some("USD"), "$1.2 billion");
        check(ValueType::Money, Number(300e6), Some("EUR"), "€300 million");
        check(ValueType::Money, Number(1250.0), Some("CHF"), "CHF 1,250");
        check(ValueType::Number, Number(2.0 / 3.0), None, "2/3");
        check(
            ValueType::Count,
            Number(28500.0),
            Some("troops"),
            "28,500 troops",
        );
        check(
            ValueType::Count,
            Number(1_234_567.0),
            Some("votes"),
            "1,234,567 votes",
        );
        check(
            ValueType::Count,
            Number(1.5e6),
            Some("people"),
            "1.5 million people",
        );
        check(ValueType::Ordinal, Number(3.0), None, "3rd");
        check(ValueType::Ordinal, Number(12.0), None, "12th");
        check(
            ValueType::Date,
            Date("2022-06-01".into()),
            None,
            "2022-06-01",
        );
        check(
            ValueType::Range,
            Range(Some(10e6), Some(20e6)),
            Some("units"),
            "10 million–20 million units",
        );
        check(
            ValueType::Range,
            DateRange(Some("2008".into()), Some("2016".into())),
            None,
            "2008–2016",
        );
    }

    #[test]
    fn the_note_on_dropped_columns_wraps_to_the_width() {
        let dropped: Vec<String> = ["in-progress", "verified", "false", "misleading"]
            .map(String::from)
            .to_vec();
        let note = dropped_note(&dropped, 40).unwrap();
        assert!(note.lines().all(|l| l.chars().count() <= 40), "{note}");
        assert!(note.contains("misleading"));
        assert_eq!(dropped_note(&[], 40), None);
    }
}
