//! `claimtrack articles`: every article with its publication details and progress.

use std::io::Write;

use crate::cli::ArticlesArgs;
use crate::config::Config;
use crate::error::Result;
use crate::report::views::{ArticlesJson, articles_table};
use crate::store::Store;

pub fn run(config: &Config, store: &Store, args: &ArticlesArgs, out: &mut dyn Write) -> Result<()> {
    let rows = store.progress_by_article(None)?;
    let report = ArticlesJson::new(&rows);
    if args.json {
        return super::write_json(out, &report);
    }
    if report.articles.is_empty() {
        writeln!(out, "no articles yet: add one with `claimtrack add FILE`")?;
        return Ok(());
    }
    writeln!(out, "{}", articles_table(&report, config.style))?;
    Ok(())
}
