//! A claim's current state derived from its events in one order that every replica shares:
//! by time, then tick, then uid. This is what makes replicas converge whatever order they
//! synced in, and where a conflict (a verdict overwritten by someone who had not seen it) is
//! recognised.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::model::{Action, Status};
use crate::store::export::{claim_history, claim_keys};

/// One event as the derivation reads it.
struct Step {
    action: String,
    at: String,
    from: Status,
    to: Status,
    from_assignee: Option<String>,
    to_assignee: Option<String>,
}

/// What a claim's ordered events add up to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Derived {
    pub status: Status,
    pub status_changed_at: Option<String>,
    pub assignee: Option<String>,
    pub conflict: bool,
}

/// Walk the events in order. The status is the last status change's; the assignee the last
/// reassignment's. A status change whose author saw another status than the one standing
/// (its `from` differs) and that replaces a verdict with something else is a conflict; it
/// stands until an event whose author saw the standing status, other than an assignment,
/// comes after it (a mark, a note, a source, an undo).
fn walk(steps: &[Step]) -> Derived {
    let mut derived = Derived {
        status: Status::Unverified,
        status_changed_at: None,
        assignee: None,
        conflict: false,
    };
    for step in steps {
        if step.from != step.to {
            derived.conflict = step.from != derived.status
                && derived.status.is_resolved()
                && step.to != derived.status;
            derived.status = step.to;
            derived.status_changed_at = Some(step.at.clone());
        } else if step.action != Action::Assign.as_str() && step.from == derived.status {
            derived.conflict = false;
        }
        if step.from_assignee != step.to_assignee {
            derived.assignee = step.to_assignee.clone();
        }
    }
    derived
}

/// Bring one claim in step with its events: status, assignee, conflict flag and which of its
/// sources are withdrawn (by the last event in order that linked each). A claim without
/// events keeps what it has.
pub(crate) fn derive_claim(connection: &Connection, claim_id: i64) -> Result<()> {
    let steps: Vec<Step> = {
        let mut statement = connection.prepare_cached(
            "SELECT action, at, from_status, to_status, from_assignee, to_assignee FROM events
             WHERE claim_id = ?1 ORDER BY at, tick, uid",
        )?;
        statement
            .query_map([claim_id], |row| {
                Ok(Step {
                    action: row.get(0)?,
                    at: row.get(1)?,
                    from: crate::store::status_from_sql(row, 2)?,
                    to: crate::store::status_from_sql(row, 3)?,
                    from_assignee: row.get(4)?,
                    to_assignee: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?
    };
    if steps.is_empty() {
        return Ok(());
    }
    let derived = walk(&steps);
    connection.execute(
        "UPDATE claims SET status = ?2, assignee = ?3, conflict = ?4,
                status_changed_at = coalesce(?5, status_changed_at)
         WHERE id = ?1 AND (status <> ?2 OR assignee IS NOT ?3 OR conflict <> ?4
                            OR status_changed_at IS NOT coalesce(?5, status_changed_at))",
        params![
            claim_id,
            derived.status.as_str(),
            derived.assignee,
            derived.conflict,
            derived.status_changed_at
        ],
    )?;
    connection.execute(
        "UPDATE sources SET withdrawn = coalesce((
             SELECT es.effect = 'withdraw' FROM event_sources es JOIN events e ON e.id = es.event_id
             WHERE es.source_id = sources.id ORDER BY e.at DESC, e.tick DESC, e.uid DESC LIMIT 1), 0)
         WHERE claim_id = ?1",
        [claim_id],
    )?;
    Ok(())
}

/// A new local event: its author saw the claim as it stands, so anything but an assignment
/// settles a conflict (the same rule `walk` applies).
pub(crate) fn settle_conflict(
    connection: &Connection,
    claim_id: i64,
    action: Action,
) -> Result<()> {
    if action != Action::Assign {
        connection.execute(
            "UPDATE claims SET conflict = 0 WHERE id = ?1 AND conflict = 1",
            [claim_id],
        )?;
    }
    Ok(())
}

/// Give the sources and events of a database upgraded from before uids their uid and tick:
/// the uid an export gave them (a hash of what they say, see `export::claim_history`), so
/// that desks that already exchanged files by export and import see the same records as
/// one; the tick counts the claim's events in the order they were stored.
pub(crate) fn backfill_identities(connection: &Connection) -> Result<()> {
    connection.execute_batch(
        "DROP TRIGGER events_are_append_only_update;
         UPDATE events SET tick = (SELECT count(*) FROM events e
                                   WHERE e.claim_id = events.claim_id AND e.id <= events.id);",
    )?;
    let keys = claim_keys(connection)?;
    let claims: Vec<i64> = connection
        .prepare("SELECT claim_id FROM events UNION SELECT claim_id FROM sources")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut sources: HashMap<i64, String> = HashMap::new();
    for claim_id in claims {
        let history = claim_history(connection, claim_id, &keys[&claim_id])?;
        for (source, _) in history.sources {
            sources.insert(source.id, source.uid);
        }
        for event in history.events {
            connection
                .prepare_cached("UPDATE events SET uid = ?2 WHERE id = ?1")?
                .execute(params![event.id, event.uid])?;
        }
    }
    for (id, uid) in sources {
        connection
            .prepare_cached("UPDATE sources SET uid = ?2 WHERE id = ?1")?
            .execute(params![id, uid])?;
    }
    connection.execute_batch(APPEND_ONLY)?;
    Ok(())
}

/// The trigger of schema.sql that refuses updates of events, put back after filling uids.
const APPEND_ONLY: &str = "CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
     BEGIN
         SELECT RAISE(ABORT, 'events are append-only');
     END;";

/// Give a uid to sources and events above the push marks that were stored without one (by a
/// code path written before sync), so that they can be pushed. Nothing to do is one look-up.
pub(crate) fn fill_missing_uids(connection: &Connection, events: i64, sources: i64) -> Result<()> {
    let missing: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE id > ?1 AND uid IS NULL)
             OR EXISTS (SELECT 1 FROM sources WHERE id > ?2 AND uid IS NULL)",
        params![events, sources],
        |row| row.get(0),
    )?;
    if !missing {
        return Ok(());
    }
    connection.execute("DROP TRIGGER events_are_append_only_update", [])?;
    connection.execute(
        "UPDATE events SET uid = lower(hex(randomblob(16))),
             tick = coalesce(tick, (SELECT count(*) FROM events e
                                    WHERE e.claim_id = events.claim_id AND e.id <= events.id))
         WHERE id > ?1 AND uid IS NULL",
        [events],
    )?;
    connection.execute(
        "UPDATE sources SET uid = lower(hex(randomblob(16))) WHERE id > ?1 AND uid IS NULL",
        [sources],
    )?;
    connection.execute_batch(APPEND_ONLY)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(action: Action, from: Status, to: Status, at: &str) -> Step {
        Step {
            action: action.as_str().into(),
            at: at.into(),
            from,
            to,
            from_assignee: None,
            to_assignee: None,
        }
    }

    use Status::{False, InProgress, Unverified, Verified};

    #[test]
    fn two_verdicts_given_apart_conflict_and_the_later_stands() {
        let steps = [
            step(Action::Status, Unverified, Verified, "t1"),
            step(Action::Status, Unverified, False, "t2"),
        ];
        let derived = walk(&steps);
        assert_eq!(derived.status, False);
        assert!(derived.conflict);
        assert_eq!(derived.status_changed_at.as_deref(), Some("t2"));
    }

    #[test]
    fn a_mark_or_note_by_someone_who_saw_the_verdict_settles_it_an_assignment_does_not() {
        let mut steps = vec![
            step(Action::Status, Unverified, Verified, "t1"),
            step(Action::Status, Unverified, False, "t2"),
            step(Action::Assign, False, False, "t3"),
        ];
        assert!(walk(&steps).conflict);
        steps.push(step(Action::Note, Verified, Verified, "t4"));
        assert!(
            walk(&steps).conflict,
            "the note's author had not seen 'false'"
        );
        steps.push(step(Action::Note, False, False, "t5"));
        assert!(!walk(&steps).conflict);
    }

    #[test]
    fn agreeing_verdicts_or_replacing_work_in_progress_is_no_conflict() {
        let agreeing = [
            step(Action::Status, Unverified, Verified, "t1"),
            step(Action::Status, Unverified, Verified, "t2"),
        ];
        assert!(!walk(&agreeing).conflict);
        let progress = [
            step(Action::Status, Unverified, InProgress, "t1"),
            step(Action::Status, Unverified, Verified, "t2"),
        ];
        let derived = walk(&progress);
        assert_eq!(derived.status, Verified);
        assert!(!derived.conflict);
    }

    #[test]
    fn a_linear_history_derives_what_was_appended() {
        let mut steps = vec![
            step(Action::Status, Unverified, InProgress, "t1"),
            step(Action::Status, InProgress, Verified, "t1"),
            step(Action::Source, Verified, Verified, "t2"),
        ];
        steps[2].to_assignee = Some("ana".into());
        steps[2].action = Action::Assign.as_str().into();
        let derived = walk(&steps);
        assert_eq!(derived.status, Verified);
        assert_eq!(derived.assignee.as_deref(), Some("ana"));
        assert!(!derived.conflict);
    }
}
