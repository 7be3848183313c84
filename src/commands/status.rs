//! `claimtrack status`: how far verification has got, per article and in total.

use std::io::Write;

use crate::cli::StatusArgs;
use crate::config::Config;
use crate::error::Result;
use crate::model::{Progress, Status};
use crate::report::{ArticleProgressJson, ProgressJson, StatusJson, status_table};
use crate::store::Store;

pub fn run(config: &Config, store: &Store, args: &StatusArgs, out: &mut dyn Write) -> Result<()> {
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
