//! Every change to a claim is an event appended in the same transaction that updates the
//! claim's current status and assignee: marks, sources, notes, assignments, same-as decisions
//! and undos. Nothing here updates or deletes an event.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{SOURCE_COLUMNS, Store, source_from_row, status_from_sql};
use crate::error::{Error, Result};
use crate::model::{Action, Event, Source, Status};

/// A status change to apply to claims.
#[derive(Debug, Clone)]
pub struct Mark<'a> {
    pub status: Status,
    pub sources: &'a [NewSource],
    pub note: Option<&'a str>,
    pub by: &'a str,
    pub at: &'a str,
}

/// A source as the checker gave it.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub reference: String,
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub note: Option<String>,
}

/// Which claims a command acts on: explicit ids, filters, or ids narrowed by filters.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub ids: Vec<i64>,
    pub filter: super::ClaimFilter,
}

impl Selection {
    fn has_filter(&self) -> bool {
        let f = &self.filter;
        f.article_id.is_some() || f.status.is_some() || f.kind.is_some() || f.assignee.is_some()
    }
}

/// What one command did to one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub claim_id: i64,
    pub action: Action,
    pub from: Status,
    pub to: Status,
    pub from_assignee: Option<String>,
    pub to_assignee: Option<String>,
    /// Set when nothing had to change (the claim already had that status).
    pub unchanged: bool,
}

/// A claim's current status and assignee.
#[derive(Debug, Clone)]
struct State {
    status: Status,
    assignee: Option<String>,
}

/// An event about to be appended.
struct NewEvent<'a> {
    claim_id: i64,
    action: Action,
    by: &'a str,
    at: &'a str,
    from: &'a State,
    to_status: Status,
    to_assignee: Option<&'a str>,
    note: Option<&'a str>,
    undoes: Option<i64>,
    same_as: Option<i64>,
}

impl Store {
    /// The claim ids a selection names, checked to exist. Explicit ids narrowed by filters keep
    /// only the ids that pass them.
    pub fn select(&self, selection: &Selection) -> Result<Vec<i64>> {
        if selection.ids.is_empty() && !selection.has_filter() {
            return Err(Error::Invalid(
                "no claims selected: give claim ids (3 5 7-9) or filters (--article, --kind)"
                    .into(),
            ));
        }
        let mut exists_query = self
            .connection
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?1)")?;
        for &id in &selection.ids {
            let exists: bool = exists_query.query_row([id], |row| row.get(0))?;
            if !exists {
                return Err(Error::NoSuchClaim(id));
            }
        }
        if !selection.has_filter() {
            return Ok(selection.ids.clone());
        }
        let filtered = self.claim_ids(&selection.filter)?;
        let chosen: Vec<i64> = if selection.ids.is_empty() {
            filtered
        } else {
            let filtered: std::collections::HashSet<i64> = filtered.into_iter().collect();
            selection
                .ids
                .iter()
                .copied()
                .filter(|id| filtered.contains(id))
                .collect()
        };
        if chosen.is_empty() {
            return Err(Error::Invalid("no claims match the selection".into()));
        }
        Ok(chosen)
    }

    /// Set the status of every claim in `claim_ids`, all or none. Rules (README, "Transition
    /// rules"): a verdict needs a source in force or given now; `unverifiable` needs a note;
    /// taking a claim away from a verdict needs a note. A claim already in the status only
    /// gets the new sources, if any.
    pub fn mark(&mut self, claim_ids: &[i64], mark: &Mark<'_>) -> Result<Vec<Change>> {
        let transaction = self.write()?;
        let mut changes = Vec::with_capacity(claim_ids.len());
        for &claim_id in claim_ids {
            let state = current_state(&transaction, claim_id)?;
            let unchanged = state.status == mark.status;
            if unchanged && mark.sources.is_empty() && mark.note.is_none() {
                changes.push(change(claim_id, Action::Status, &state, &state, true));
                continue;
            }
            if !unchanged {
                check_transition(&transaction, claim_id, &state, mark)?;
            }
            let action = if !unchanged {
                Action::Status
            } else if !mark.sources.is_empty() {
                Action::Source
            } else {
                Action::Note
            };
            let event_id = append_event(
                &transaction,
                &NewEvent {
                    claim_id,
                    action,
                    by: mark.by,
                    at: mark.at,
                    from: &state,
                    to_status: mark.status,
                    to_assignee: state.assignee.as_deref(),
                    note: mark.note,
                    undoes: None,
                    same_as: None,
                },
            )?;
            for source in mark.sources {
                let source_id =
                    insert_source(&transaction, claim_id, source, mark.by, mark.at, None)?;
                link_source(&transaction, event_id, source_id, Effect::Add)?;
            }
            let after = State {
                status: mark.status,
                assignee: state.assignee.clone(),
            };
            changes.push(change(claim_id, action, &state, &after, unchanged));
        }
        transaction.commit()?;
        Ok(changes)
    }

    /// Attach a source to claims without changing their status.
    pub fn add_source(
        &mut self,
        claim_ids: &[i64],
        source: &NewSource,
        by: &str,
        at: &str,
    ) -> Result<Vec<Change>> {
        let transaction = self.write()?;
        let mut changes = Vec::new();
        for &claim_id in claim_ids {
            let state = current_state(&transaction, claim_id)?;
            let event_id = append_event(
                &transaction,
                &NewEvent {
                    claim_id,
                    action: Action::Source,
                    by,
                    at,
                    from: &state,
                    to_status: state.status,
                    to_assignee: state.assignee.as_deref(),
                    note: source.note.as_deref(),
                    undoes: None,
                    same_as: None,
                },
            )?;
            let source_id = insert_source(&transaction, claim_id, source, by, at, None)?;
            link_source(&transaction, event_id, source_id, Effect::Add)?;
            changes.push(change(claim_id, Action::Source, &state, &state, false));
        }
        transaction.commit()?;
        Ok(changes)
    }

    /// Write a note on claims.
    pub fn note(
        &mut self,
        claim_ids: &[i64],
        text: &str,
        by: &str,
        at: &str,
    ) -> Result<Vec<Change>> {
        if text.trim().is_empty() {
            return Err(Error::Invalid("the note is empty".into()));
        }
        self.simple_event(claim_ids, Action::Note, None, Some(text), by, at)
    }

    /// Assign claims to a checker (`Some`) or take them off anyone's list (`None`).
    pub fn assign(
        &mut self,
        claim_ids: &[i64],
        to: Option<&str>,
        by: &str,
        at: &str,
    ) -> Result<Vec<Change>> {
        self.simple_event(claim_ids, Action::Assign, Some(to), None, by, at)
    }

    fn simple_event(
        &mut self,
        claim_ids: &[i64],
        action: Action,
        assignee: Option<Option<&str>>,
        note: Option<&str>,
        by: &str,
        at: &str,
    ) -> Result<Vec<Change>> {
        let transaction = self.write()?;
        let mut changes = Vec::new();
        for &claim_id in claim_ids {
            let state = current_state(&transaction, claim_id)?;
            let to_assignee = match assignee {
                Some(to) => to,
                None => state.assignee.as_deref(),
            };
            if action == Action::Assign && to_assignee == state.assignee.as_deref() {
                changes.push(change(claim_id, action, &state, &state, true));
                continue;
            }
            append_event(
                &transaction,
                &NewEvent {
                    claim_id,
                    action,
                    by,
                    at,
                    from: &state,
                    to_status: state.status,
                    to_assignee,
                    note,
                    undoes: None,
                    same_as: None,
                },
            )?;
            let after = State {
                status: state.status,
                assignee: to_assignee.map(str::to_string),
            };
            changes.push(change(claim_id, action, &state, &after, false));
        }
        transaction.commit()?;
        Ok(changes)
    }

    /// Give claims the verdict of `settled_id`, which says the same thing, and copy the sources
    /// in force on it, with one event per claim that names the claim copied from.
    pub fn same_as(
        &mut self,
        claim_ids: &[i64],
        settled_id: i64,
        note: Option<&str>,
        by: &str,
        at: &str,
    ) -> Result<Vec<Change>> {
        let transaction = self.write()?;
        let settled = current_state(&transaction, settled_id)?;
        if !settled.status.is_resolved() {
            return Err(Error::Invalid(format!(
                "claim {settled_id} has no verdict yet ('{}'): settle it first",
                settled.status
            )));
        }
        let sources: Vec<Source> = {
            let mut statement = transaction.prepare_cached(&format!(
                "{SOURCE_COLUMNS} WHERE claim_id = ?1 AND withdrawn = 0 ORDER BY id"
            ))?;
            statement
                .query_map([settled_id], source_from_row)?
                .collect::<rusqlite::Result<_>>()?
        };
        let default_note = format!("same claim as {settled_id}");
        let mut changes = Vec::new();
        for &claim_id in claim_ids {
            if claim_id == settled_id {
                return Err(Error::Invalid(format!(
                    "claim {claim_id} cannot be the same as itself"
                )));
            }
            let state = current_state(&transaction, claim_id)?;
            let event_id = append_event(
                &transaction,
                &NewEvent {
                    claim_id,
                    action: Action::SameAs,
                    by,
                    at,
                    from: &state,
                    to_status: settled.status,
                    to_assignee: state.assignee.as_deref(),
                    note: Some(note.unwrap_or(&default_note)),
                    undoes: None,
                    same_as: Some(settled_id),
                },
            )?;
            for source in &sources {
                let copy = NewSource {
                    reference: source.reference.clone(),
                    title: source.title.clone(),
                    excerpt: source.excerpt.clone(),
                    note: source.note.clone(),
                };
                let source_id =
                    insert_source(&transaction, claim_id, &copy, by, at, Some(source.id))?;
                link_source(&transaction, event_id, source_id, Effect::Add)?;
            }
            let after = State {
                status: settled.status,
                assignee: state.assignee.clone(),
            };
            changes.push(change(claim_id, Action::SameAs, &state, &after, false));
        }
        transaction.commit()?;
        Ok(changes)
    }

    /// Revert each claim's last change by appending a compensating event: the status and
    /// assignee go back, sources it attached are withdrawn (and those it withdrew come back).
    /// The last change of a claim just undone is that undo, so undoing again re-applies.
    /// Undoing a change someone else made needs `note`, saying why, as changing their verdict
    /// with `mark` does. A claim added by hand (`claim add`) has no change to undo: dismiss it.
    pub fn undo(
        &mut self,
        claim_ids: &[i64],
        note: Option<&str>,
        by: &str,
        at: &str,
    ) -> Result<Vec<Change>> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let transaction = self.write()?;
        let mut changes = Vec::new();
        for &claim_id in claim_ids {
            let state = current_state(&transaction, claim_id)?;
            let last: Option<(i64, String, String, Option<String>, String)> = transaction
                .query_row(
                    "SELECT id, action, from_status, from_assignee, by FROM events
                     WHERE claim_id = ?1 ORDER BY id DESC LIMIT 1",
                    [claim_id],
                    |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get(3)?,
                            row.get(4)?,
                        ))
                    },
                )
                .optional()?;
            let Some((last_id, last_action, from_status, from_assignee, last_by)) = last else {
                return Err(Error::Invalid(format!(
                    "claim {claim_id} has no changes to undo"
                )));
            };
            if last_action == Action::Added.as_str() {
                return Err(Error::Invalid(format!(
                    "claim {claim_id} was added by hand and has no change to undo: mark it dismissed if it is not a claim"
                )));
            }
            if last_by != by && note.is_none() {
                return Err(Error::Invalid(format!(
                    "claim {claim_id}: its last change was made by {last_by}: undoing someone else's change needs a note saying why (--note TEXT)"
                )));
            }
            let to_status: Status = from_status.parse()?;
            let note = match note {
                Some(why) => format!("undo of event {last_id} ({last_action}): {why}"),
                None => format!("undo of event {last_id} ({last_action})"),
            };
            let event_id = append_event(
                &transaction,
                &NewEvent {
                    claim_id,
                    action: Action::Undo,
                    by,
                    at,
                    from: &state,
                    to_status,
                    to_assignee: from_assignee.as_deref(),
                    note: Some(&note),
                    undoes: Some(last_id),
                    same_as: None,
                },
            )?;
            let linked: Vec<(i64, String)> = {
                let mut statement = transaction.prepare_cached(
                    "SELECT source_id, effect FROM event_sources WHERE event_id = ?1",
                )?;
                statement
                    .query_map([last_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?
            };
            for (source_id, effect) in linked {
                let opposite = if effect == "add" {
                    Effect::Withdraw
                } else {
                    Effect::Add
                };
                link_source(&transaction, event_id, source_id, opposite)?;
            }
            let after = State {
                status: to_status,
                assignee: from_assignee,
            };
            changes.push(change(claim_id, Action::Undo, &state, &after, false));
        }
        transaction.commit()?;
        Ok(changes)
    }

    /// The whole history of one claim, oldest first.
    pub fn events(&self, claim_id: i64) -> Result<Vec<Event>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT e.id, e.action, e.at, e.by, e.from_status, e.to_status, e.from_assignee, e.to_assignee,
                    e.note, e.undoes, e.same_as,
                    (SELECT json_group_array(s.reference) FROM event_sources es JOIN sources s ON s.id = es.source_id
                     WHERE es.event_id = e.id AND es.effect = 'add'),
                    (SELECT json_group_array(s.reference) FROM event_sources es JOIN sources s ON s.id = es.source_id
                     WHERE es.event_id = e.id AND es.effect = 'withdraw')
             FROM events e WHERE e.claim_id = ?1 ORDER BY e.id",
        )?;
        let rows = statement.query_map([claim_id], |row| {
            let action: String = row.get(1)?;
            let added: String = row.get(11)?;
            let withdrawn: String = row.get(12)?;
            Ok(Event {
                id: row.get(0)?,
                action: Action::parse(&action).ok_or_else(|| {
                    super::conversion_error(1, crate::error::Error::Invalid(action.clone()))
                })?,
                at: row.get(2)?,
                by: row.get(3)?,
                from: status_from_sql(row, 4)?,
                to: status_from_sql(row, 5)?,
                from_assignee: row.get(6)?,
                to_assignee: row.get(7)?,
                note: row.get(8)?,
                undoes: row.get(9)?,
                same_as: row.get(10)?,
                sources: serde_json::from_str(&added)
                    .map_err(|e| super::conversion_error(11, e))?,
                withdrawn_sources: serde_json::from_str(&withdrawn)
                    .map_err(|e| super::conversion_error(12, e))?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The transition rules README documents: a verdict needs a source in force or given now;
/// `unverifiable` needs a note; taking a claim away from a verdict needs a note.
fn check_transition(
    transaction: &Transaction<'_>,
    claim_id: i64,
    state: &State,
    mark: &Mark<'_>,
) -> Result<()> {
    if mark.status.needs_source()
        && mark.sources.is_empty()
        && sources_in_force(transaction, claim_id)? == 0
    {
        return Err(Error::Invalid(format!(
            "claim {claim_id}: '{}' needs a source: give one with --source URL_OR_CITATION",
            mark.status
        )));
    }
    let has_note = mark.note.is_some_and(|n| !n.trim().is_empty());
    if mark.status.needs_note() && !has_note {
        return Err(Error::Invalid(format!(
            "claim {claim_id}: '{}' needs a note saying why: give one with --note TEXT",
            mark.status
        )));
    }
    if state.status.is_resolved() && !has_note {
        return Err(Error::Invalid(format!(
            "claim {claim_id} is already '{}': changing a verdict needs a note saying why (--note TEXT)",
            state.status
        )));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy)]
enum Effect {
    Add,
    Withdraw,
}

fn change(claim_id: i64, action: Action, before: &State, after: &State, unchanged: bool) -> Change {
    Change {
        claim_id,
        action,
        from: before.status,
        to: after.status,
        from_assignee: before.assignee.clone(),
        to_assignee: after.assignee.clone(),
        unchanged,
    }
}

fn current_state(transaction: &Transaction<'_>, claim_id: i64) -> Result<State> {
    transaction
        .query_row(
            "SELECT status, assignee FROM claims WHERE id = ?1",
            [claim_id],
            |row| {
                Ok(State {
                    status: status_from_sql(row, 0)?,
                    assignee: row.get(1)?,
                })
            },
        )
        .optional()?
        .ok_or(Error::NoSuchClaim(claim_id))
}

fn sources_in_force(transaction: &Transaction<'_>, claim_id: i64) -> Result<i64> {
    Ok(transaction.query_row(
        "SELECT count(*) FROM sources WHERE claim_id = ?1 AND withdrawn = 0",
        [claim_id],
        |row| row.get(0),
    )?)
}

/// Append one event and bring the claim's current status and assignee in step with it.
fn append_event(transaction: &Transaction<'_>, event: &NewEvent<'_>) -> Result<i64> {
    transaction.execute(
        "INSERT INTO events (claim_id, action, at, by, from_status, to_status, from_assignee, to_assignee, note, undoes, same_as, uid, tick)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, lower(hex(randomblob(16))),
                 (SELECT coalesce(max(tick), 0) + 1 FROM events WHERE claim_id = ?1))",
        params![
            event.claim_id,
            event.action.as_str(),
            event.at,
            event.by,
            event.from.status.as_str(),
            event.to_status.as_str(),
            event.from.assignee,
            event.to_assignee,
            event.note,
            event.undoes,
            event.same_as
        ],
    )?;
    let event_id = transaction.last_insert_rowid();
    super::sync::settle_conflict(transaction, event.claim_id, event.action)?;
    if event.to_status != event.from.status {
        transaction.execute(
            "UPDATE claims SET status = ?2, status_changed_at = ?3 WHERE id = ?1",
            params![event.claim_id, event.to_status.as_str(), event.at],
        )?;
    }
    if event.to_assignee != event.from.assignee.as_deref() {
        transaction.execute(
            "UPDATE claims SET assignee = ?2 WHERE id = ?1",
            params![event.claim_id, event.to_assignee],
        )?;
    }
    Ok(event_id)
}

fn insert_source(
    transaction: &Transaction<'_>,
    claim_id: i64,
    source: &NewSource,
    by: &str,
    at: &str,
    copied_from: Option<i64>,
) -> Result<i64> {
    transaction.execute(
        "INSERT INTO sources (claim_id, reference, is_url, title, excerpt, note, added_by, added_at, copied_from, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, lower(hex(randomblob(16))))",
        params![
            claim_id,
            source.reference,
            super::is_url(&source.reference),
            source.title,
            source.excerpt,
            source.note,
            by,
            at,
            copied_from
        ],
    )?;
    Ok(transaction.last_insert_rowid())
}

fn link_source(
    transaction: &Transaction<'_>,
    event_id: i64,
    source_id: i64,
    effect: Effect,
) -> Result<()> {
    let (effect, withdrawn) = match effect {
        Effect::Add => ("add", 0),
        Effect::Withdraw => ("withdraw", 1),
    };
    transaction.execute(
        "INSERT INTO event_sources (event_id, source_id, effect) VALUES (?1, ?2, ?3)",
        params![event_id, source_id, effect],
    )?;
    transaction.execute(
        "UPDATE sources SET withdrawn = ?2 WHERE id = ?1",
        params![source_id, withdrawn],
    )?;
    Ok(())
}
