//! Counting for the reports: claims by kind, and the desk's activity and progress per day,
//! read from the event log.

use std::collections::{BTreeMap, HashMap};

use super::{Store, status_from_sql};
use crate::error::Result;
use crate::model::{ClaimKind, Progress, Status};

/// What happened on one day (UTC) and where the claims stood at its end.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DayActivity {
    /// YYYY-MM-DD.
    pub day: String,
    /// Changes of any kind made that day.
    pub events: u64,
    /// Claims that reached a verdict that day (an event from an open status to a resolved
    /// one), counted by the verdict.
    pub settled: Progress,
    /// Every claim stored by the end of the day, by its status at the end of the day.
    pub at_end: Progress,
}

impl Store {
    /// Claims counted by status, per kind, for all articles or only `article`. Kinds without
    /// claims are left out.
    pub fn progress_by_kind(&self, article: Option<i64>) -> Result<Vec<(ClaimKind, Progress)>> {
        if let Some(id) = article {
            self.article(id)?;
        }
        let mut statement = self.connection.prepare_cached(
            "SELECT kind, status, count(*) FROM claims
             WHERE (?1 IS NULL OR article_id = ?1) GROUP BY kind, status",
        )?;
        let mut by_kind: BTreeMap<ClaimKind, Progress> = BTreeMap::new();
        let rows = statement.query_map([article], |row| {
            let kind: String = row.get(0)?;
            Ok((
                kind.parse::<ClaimKind>()
                    .map_err(|e| super::conversion_error(0, e))?,
                status_from_sql(row, 1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (kind, status, count) = row?;
            by_kind.entry(kind).or_default().add(status, count as u64);
        }
        Ok(by_kind.into_iter().collect())
    }

    /// One entry per day on which an event was recorded, oldest first. A claim counts from
    /// the day its article was added; its status at the end of a day is that of its last
    /// event up to then (events in time order), else `unverified`.
    pub fn activity_by_day(&self, article: Option<i64>) -> Result<Vec<DayActivity>> {
        if let Some(id) = article {
            self.article(id)?;
        }
        let mut claims_statement = self.connection.prepare_cached(
            "SELECT c.id, substr(a.added_at, 1, 10) FROM claims c JOIN articles a ON a.id = c.article_id
             WHERE (?1 IS NULL OR c.article_id = ?1)",
        )?;
        let claims: Vec<(i64, String)> = claims_statement
            .query_map([article], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut events_statement = self.connection.prepare_cached(
            "SELECT e.claim_id, substr(e.at, 1, 10), e.from_status, e.to_status
             FROM events e JOIN claims c ON c.id = e.claim_id
             WHERE (?1 IS NULL OR c.article_id = ?1) ORDER BY e.at, e.id",
        )?;
        let events: Vec<(i64, String, Status, Status)> = events_statement
            .query_map([article], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    status_from_sql(row, 2)?,
                    status_from_sql(row, 3)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut days: Vec<DayActivity> = Vec::new();
        let mut current: HashMap<i64, Status> = HashMap::new();
        let mut index = 0;
        while index < events.len() {
            let day = events[index].1.clone();
            let mut activity = DayActivity {
                day: day.clone(),
                ..DayActivity::default()
            };
            while index < events.len() && events[index].1 == day {
                let (claim_id, _, from, to) = events[index];
                activity.events += 1;
                if to.is_resolved() && !from.is_resolved() {
                    activity.settled.add(to, 1);
                }
                current.insert(claim_id, to);
                index += 1;
            }
            for (claim_id, added) in &claims {
                if *added <= day {
                    let status = current.get(claim_id).copied().unwrap_or(Status::Unverified);
                    activity.at_end.add(status, 1);
                }
            }
            days.push(activity);
        }
        Ok(days)
    }
}
