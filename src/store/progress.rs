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
        self.progress_from(only, 0)
    }

    /// Progress of the articles with an id of at least `from_id`.
    fn progress_from(&self, only: Option<i64>, from_id: i64) -> Result<Vec<(Article, Progress)>> {
        let articles = match only {
            Some(_) => self.articles(only)?,
            None => self.articles_from(from_id)?,
        };
        let mut statement = self.connection.prepare_cached(
            "SELECT article_id, status, claims FROM article_status_counts
             WHERE (?1 IS NULL OR article_id = ?1) AND article_id >= ?2 AND claims > 0",
        )?;
        let mut counts: HashMap<i64, Progress> = HashMap::new();
        let rows = statement.query_map(rusqlite::params![only, from_id], |row| {
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

    /// Like `progress_by_article`, but only the `limit` most recently added articles (in id
    /// order), and how many articles were left out.
    pub fn progress_by_article_limited(
        &self,
        only: Option<i64>,
        limit: Option<u32>,
    ) -> Result<(Vec<(Article, Progress)>, u64)> {
        let Some(limit) = limit else {
            return Ok((self.progress_by_article(only)?, 0));
        };
        let total: i64 = self
            .connection
            .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))?;
        let first_listed: i64 = self.connection.query_row(
            "SELECT coalesce(min(id), 0) FROM (SELECT id FROM articles ORDER BY id DESC LIMIT ?1)",
            [i64::from(limit)],
            |row| row.get(0),
        )?;
        let rows = self.progress_from(only, first_listed)?;
        let not_listed = (total as u64).saturating_sub(rows.len() as u64);
        Ok((rows, not_listed))
    }

    /// Claims counted by status over every article (or only `only`).
    pub fn total_progress(&self, only: Option<i64>) -> Result<Progress> {
        if let Some(id) = only {
            self.article(id)?;
        }
        let mut statement = self.connection.prepare_cached(
            "SELECT status, sum(claims) FROM article_status_counts
             WHERE (?1 IS NULL OR article_id = ?1) GROUP BY status",
        )?;
        let rows = statement.query_map([only], |row| {
            Ok((status_from_sql(row, 0)?, row.get::<_, i64>(1)?))
        })?;
        let mut progress = Progress::default();
        for row in rows {
            let (status, count) = row?;
            progress.add(status, count as u64);
        }
        Ok(progress)
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
        // A verdict that was undone is not a verdict given; an undo of that undo gives it back.
        // Undos point at earlier events, so walking them newest first settles every chain.
        let mut undos = self.connection.prepare_cached(
            "SELECT id, undoes FROM events WHERE action = 'undo' ORDER BY id DESC",
        )?;
        let mut undone = std::collections::HashSet::new();
        for row in undos.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)))? {
            let (id, target) = row?;
            if !undone.contains(&id) {
                undone.insert(target);
            }
        }
        let mut work = self.connection.prepare_cached(
            "SELECT by, id, action IN ('status', 'same-as') AND to_status NOT IN ('unverified', 'in-progress', 'dismissed')
             FROM events",
        )?;
        let rows = work.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, bool>(2)?,
            ))
        })?;
        for row in rows {
            let (name, id, verdict) = row?;
            let checker = checkers.entry(name).or_default();
            checker.events += 1;
            checker.verdicts += u64::from(verdict && !undone.contains(&id));
        }
        Ok(checkers)
    }
}
