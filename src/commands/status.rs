//! `claimtrack status`: how far verification has got, per article (with a total), per kind,
//! per checker or per day, as a table, JSON, CSV or Markdown.

use std::io::Write;

use crate::cli::{StatusArgs, StatusView, TableFormat};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::views::{
    DaysJson, Grid, KindProgressJson, KindsJson, articles_grid, checkers_grid, days_grid,
    dropped_note, kinds_grid, total_of,
};
use crate::report::{ArticleProgressJson, CheckersJson, ProgressJson, StatusJson};
use crate::store::Store;

pub fn run(config: &Config, store: &Store, args: &StatusArgs, out: &mut dyn Write) -> Result<()> {
    let format = match (args.json, args.format) {
        (true, _) => TableFormat::Json,
        (false, Some(format)) => format,
        (false, None) => TableFormat::Table,
    };
    let view = if args.by_checker {
        StatusView::Checker
    } else {
        args.by.unwrap_or(StatusView::Article)
    };
    match view {
        StatusView::Article => {
            // On an archive, listing every article would bury the ones being worked on and
            // take seconds; the total still counts them all.
            let limit = (!args.all && args.article.is_none()).then_some(args.limit);
            let (rows, not_listed) = store.progress_by_article_limited(args.article, limit)?;
            let total = store.total_progress(args.article)?;
            let conflicts = store.conflicting_claims()?.len() as u64;
            if format == TableFormat::Json {
                return super::write_json(
                    out,
                    &StatusJson {
                        articles_not_listed: not_listed,
                        articles: rows
                            .iter()
                            .map(|(article, progress)| ArticleProgressJson {
                                id: article.id,
                                title: &article.title,
                                progress: ProgressJson::new(progress),
                            })
                            .collect(),
                        total: ProgressJson::new(&total),
                        conflicts,
                    },
                );
            }
            let empty = "no articles yet: add one with `claimtrack add FILE`";
            write_grid(config, out, format, &articles_grid(&rows, &total), empty)?;
            if conflicts > 0 && format == TableFormat::Table {
                writeln!(
                    out,
                    "{} two verdicts given apart (the later stands): `claimtrack list --conflicts`, then mark them again",
                    super::sync::claims_have(conflicts)
                )?;
            }
            if not_listed > 0 && format == TableFormat::Table {
                writeln!(
                    out,
                    "the total counts {not_listed} earlier articles not listed: `status --all` lists every one, `--limit N` the last N"
                )?;
            }
            Ok(())
        }
        StatusView::Kind => {
            let rows = store.progress_by_kind(args.article)?;
            let total = total_of(rows.iter().map(|(_, progress)| progress));
            if format == TableFormat::Json {
                return super::write_json(
                    out,
                    &KindsJson {
                        kinds: rows
                            .iter()
                            .map(|(kind, progress)| KindProgressJson {
                                kind: kind.as_str(),
                                progress: ProgressJson::new(progress),
                            })
                            .collect(),
                        total: ProgressJson::new(&total),
                    },
                );
            }
            let empty = "no claims yet: add an article with `claimtrack add FILE`";
            write_grid(config, out, format, &kinds_grid(&rows, &total), empty)
        }
        StatusView::Checker => {
            if args.article.is_some() {
                return Err(Error::Invalid(
                    "--by checker counts every article: leave out --article".into(),
                ));
            }
            let checkers = store.progress_by_checker()?;
            let report = CheckersJson::new(&checkers);
            if format == TableFormat::Json {
                return super::write_json(out, &report);
            }
            let empty = "nobody has been assigned claims or made changes yet";
            write_grid(config, out, format, &checkers_grid(&report), empty)
        }
        StatusView::Day => {
            let days = store.activity_by_day(args.article)?;
            if format == TableFormat::Json {
                return super::write_json(out, &DaysJson::new(&days));
            }
            let empty = "no changes recorded yet";
            write_grid(config, out, format, &days_grid(&days), empty)
        }
    }
}

/// Write a grid in a format for people or spreadsheets. An empty table is a sentence saying
/// why; empty CSV is still its header row, so scripts always get the columns.
fn write_grid(
    config: &Config,
    out: &mut dyn Write,
    format: TableFormat,
    grid: &Grid,
    empty: &str,
) -> Result<()> {
    if format == TableFormat::Table {
        // Only for people: which database they are looking at (CSV, Markdown and JSON stay
        // pure data).
        writeln!(out, "database: {}", config.db_path.display())?;
    }
    match format {
        TableFormat::Csv => grid.write_csv(out),
        TableFormat::Table | TableFormat::Markdown if grid.rows.is_empty() => {
            writeln!(out, "{empty}")?;
            Ok(())
        }
        TableFormat::Table => {
            let (table, dropped) = grid.to_fitted_table(config.style);
            writeln!(out, "{table}")?;
            if let Some(note) = dropped_note(&dropped, config.style.width) {
                writeln!(out, "{note}")?;
            }
            Ok(())
        }
        TableFormat::Markdown => {
            write!(out, "{}", grid.to_markdown())?;
            Ok(())
        }
        TableFormat::Json => unreachable!("JSON is written by each view"),
    }
}
