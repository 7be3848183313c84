//! Counting: claims by status per article, and work per checker.

use std::collections::{BTreeMap, HashMap};

use super::{Store, status_from_sql};
use crate::error::Result;
use crate::model::{Article, Progress};

/// One checker's work: claims assigned to them by status, and what they did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckerProgress {
    /// Claims currently assigned to this checker.
    pub assigned: Progress,
    /// Verdicts this checker gave (status events into a resolved status, undos excluded).
    pub verdicts: u64,
    /// Every change this checker made.
    pub events: u64,
}

impl Store {
    /// Claims counted by status, per article (all articles, or only `only`).
    pub fn progress_by_article(&self, only: Option<i64>) -> Result<Vec<(Article, Progress)>> {
        let articles = self.articles(only)?;
        let mut statement = self.connection.prepare_cached(
            "SELECT article_id, status, count(*) FROM claims
             WHERE (?1 IS NULL OR article_id = ?1) GROUP BY article_id, status",
        )?;
        let mut counts: HashMap<i64, Progress> = HashMap::new();
        let rows = statement.query_map([only], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                status_from_sql(row, 1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (article_id, status, count) = row?;
            counts
                .entry(article_id)
                .or_default()
                .add(status, count as u64);
        }
        Ok(articles
            .into_iter()
            .map(|article| {
                let progress = counts.remove(&article.id).unwrap_or_default();
                (article, progress)
            })
            .collect())
    }

    /// Work per checker: everyone who has claims assigned or has made a change, by name.
    pub fn progress_by_checker(&self) -> Result<BTreeMap<String, CheckerProgress>> {
        let mut checkers: BTreeMap<String, CheckerProgress> = BTreeMap::new();
        let mut assigned = self.connection.prepare_cached(
            "SELECT assignee, status, count(*) FROM claims WHERE assignee IS NOT NULL GROUP BY assignee, status",
        )?;
        let rows = assigned.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                status_from_sql(row, 1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (name, status, count) = row?;
            checkers
                .entry(name)
                .or_default()
                .assigned
                .add(status, count as u64);
        }
        let mut work = self.connection.prepare_cached(
            "SELECT by, count(*),
                    sum(action IN ('status', 'same-as') AND to_status NOT IN ('unverified', 'in-progress'))
             FROM events GROUP BY by",
        )?;
        let rows = work.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (name, events, verdicts) = row?;
            let checker = checkers.entry(name).or_default();
            checker.events = events as u64;
            checker.verdicts = verdicts as u64;
        }
        Ok(checkers)
    }
}
