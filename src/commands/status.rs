//! `claimtrack status`: how far verification has got, per article and in total.

use std::io::Write;

use crate::cli::StatusArgs;
use crate::config::Config;
use crate::error::Result;
use crate::model::{Progress, Status};
use crate::report::{
    ArticleProgressJson, CheckersJson, ProgressJson, StatusJson, checkers_table, status_table,
};
use crate::store::Store;

pub fn run(config: &Config, store: &Store, args: &StatusArgs, out: &mut dyn Write) -> Result<()> {
    if args.by_checker {
        let checkers = store.progress_by_checker()?;
        let report = CheckersJson::new(&checkers);
        if args.json {
            return super::write_json(out, &report);
        }
        if report.checkers.is_empty() {
            writeln!(out, "nobody has been assigned claims or made changes yet")?;
            return Ok(());
        }
        writeln!(out, "{}", checkers_table(&report, config.style))?;
        return Ok(());
    }
    let rows = store.progress_by_article(args.article)?;
    let mut total = Progress::default();
    for (_, progress) in &rows {
        for status in Status::ALL {
            total.add(status, progress.count(status));
        }
    }
    if args.json {
        return super::write_json(
            out,
            &StatusJson {
                articles: rows
                    .iter()
                    .map(|(article, progress)| ArticleProgressJson {
                        id: article.id,
                        title: &article.title,
                        progress: ProgressJson::new(progress),
                    })
                    .collect(),
                total: ProgressJson::new(&total),
            },
        );
    }
    if rows.is_empty() {
        writeln!(out, "no articles yet: add one with `claimtrack add FILE`")?;
        return Ok(());
    }
    writeln!(out, "{}", status_table(&rows, &total, config.style))?;
    Ok(())
}
