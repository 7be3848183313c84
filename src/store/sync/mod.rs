//! Sync with a shared PostgreSQL database: push what this replica has above its push marks,
//! pull what the remote has above its pull mark, merge it as `import` does, and derive the
//! touched claims' state from their events in the order every replica shares.
//!
//! `remote.rs` speaks to PostgreSQL; `records.rs` reads the local rows to push; `derive.rs`
//! turns a claim's ordered events into its status, assignee and conflict flag.

mod derive;
mod records;
mod remote;

pub(crate) use derive::{backfill_identities, derive_claim, fill_missing_uids, settle_conflict};
pub use remote::{PgEnvironment, Remote, has_password};

use std::collections::BTreeSet;

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::Store;
use crate::error::{Error, Result};
use crate::report::interchange::Record;

/// Set to the name of a point in `Store::sync` to make the process die there, as a crash or
/// a `kill -9` would (tests of interrupted syncs). Points: `pulled`, `pushed`, `merged`,
/// `remote-committed`.
pub const FAULT_VARIABLE: &str = "CLAIMTRACK_SYNC_FAULT";

/// How far this replica got with one remote.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Marks {
    pub pulled: i64,
    pub articles: i64,
    pub claims: i64,
    pub sources: i64,
    pub events: i64,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The remote, as messages name it (never with a password).
    pub remote: String,
    /// Records sent that the remote did not have.
    pub pushed: u64,
    /// Records received from the remote.
    pub pulled: u64,
    pub articles: u64,
    pub claims: u64,
    pub sources: u64,
    pub events: u64,
    /// Claims of this database flagged as a conflict after the sync.
    pub conflicts: u64,
}

/// A claim's identity on every replica: a 128-bit hex hash of its article's content hash and
/// its byte span.
pub fn claim_uid(article_hash: &str, start: usize, end: usize) -> String {
    let digest = Sha256::digest(format!("{article_hash}:{start}:{end}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn fault(point: &str) {
    if std::env::var(FAULT_VARIABLE).is_ok_and(|v| v == point) {
        std::process::abort();
    }
}

impl Store {
    /// The remote stored with `remote set`, if any.
    pub fn stored_remote(&self) -> Result<Option<String>> {
        Ok(self
            .connection
            .query_row(
                "SELECT value FROM settings WHERE name = 'remote'",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Store the remote URL for later syncs; one with a password is refused.
    pub fn set_remote(&mut self, url: &str) -> Result<()> {
        if let Err(reason) = remote::check_url(url) {
            return Err(Error::Invalid(format!(
                "'{url}' is not a PostgreSQL connection URL ({reason}): give postgresql://USER@HOST/DATABASE"
            )));
        }
        if has_password(url) {
            return Err(Error::Invalid(
                "the remote URL has a password, which claimtrack never stores: give it without one and put the password in ~/.pgpass or PGPASSWORD".into(),
            ));
        }
        let transaction = self.write()?;
        transaction.execute(
            "INSERT INTO settings (name, value) VALUES ('remote', ?1)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [url],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Push, pull and merge in one transaction on each side. The remote commits first: if the
    /// process dies before the local commit, the next sync pushes the same records again
    /// (the remote keeps one of each) and pulls again (the merge skips what it has).
    pub fn sync(&mut self, remote: &Remote, now: &str) -> Result<Synced> {
        let mut client = remote.connect()?;
        let fail = remote::failure(remote);
        let transaction = self.write()?;
        let mut remote_transaction = client.transaction().map_err(&fail)?;
        let desk = remote::prepare(remote, &mut remote_transaction)?;
        let marks = read_marks(&transaction, &desk)?;
        fill_missing_uids(&transaction, marks.events, marks.sources)?;
        let outgoing = records::since(&transaction, &marks)?;
        let pushed_claims = pushed_event_claims(&transaction, marks.events)?;
        if !outgoing.is_empty() {
            remote::lock(remote, &mut remote_transaction)?;
        }
        let incoming = remote::pull(remote, &mut remote_transaction, marks.pulled)?;
        fault("pulled");
        let pushed = remote::push(remote, &mut remote_transaction, &outgoing)?;
        fault("pushed");
        // Under the push lock nobody else can have pushed since the pull; without it, only
        // what was read is known to be complete.
        let pulled_to = if outgoing.is_empty() {
            incoming.last().map_or(marks.pulled, |(seq, _)| *seq)
        } else {
            remote::last_sequence(remote, &mut remote_transaction)?
        };
        let merged = merge_incoming(&transaction, remote, &incoming)?;
        // A local event may sort before one pulled earlier (another clock ahead of ours):
        // derive what was pushed too, so this replica shows what the others will.
        for claim_id in pushed_claims {
            derive_claim(&transaction, claim_id)?;
        }
        write_marks(&transaction, &desk, pulled_to, now)?;
        fault("merged");
        remote_transaction.commit().map_err(&fail)?;
        fault("remote-committed");
        let conflicts: i64 = transaction.query_row(
            "SELECT count(*) FROM claims WHERE conflict = 1",
            [],
            |row| row.get(0),
        )?;
        transaction.commit()?;
        Ok(Synced {
            remote: remote.describe(),
            pushed,
            pulled: incoming.len() as u64,
            articles: merged.articles,
            claims: merged.claims,
            sources: merged.sources,
            events: merged.events,
            conflicts: conflicts as u64,
        })
    }

    /// Claim ids flagged as a conflict.
    pub fn conflicting_claims(&self) -> Result<Vec<i64>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT id FROM claims WHERE conflict = 1 ORDER BY id")?;
        let ids = statement.query_map([], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }
}

/// Parse the pulled records and merge them as `import` does (skipping what is here).
fn merge_incoming(
    transaction: &rusqlite::Transaction<'_>,
    remote: &Remote,
    incoming: &[(i64, String)],
) -> Result<super::Imported> {
    let mut parsed = Vec::with_capacity(incoming.len());
    for (seq, body) in incoming {
        let record: Record = serde_json::from_str(body)
            .map_err(|e| remote.fail(format!("record {seq} is not a claimtrack record: {e}")))?;
        parsed.push((*seq as usize, record));
    }
    let before: i64 =
        transaction.query_row("SELECT coalesce(max(id), 0) FROM claims", [], |row| {
            row.get(0)
        })?;
    // The merge names a record by its place in the batch, which is its sequence number.
    let merged = super::import::merge(transaction, &parsed).map_err(|error| match error {
        Error::Invalid(reason) => remote.fail(format!(
            "a record cannot be merged, nothing was changed here: record {reason}"
        )),
        error => error,
    })?;
    if !parsed.is_empty() {
        super::claims::refresh_value_keys(transaction, before)?;
        // Full-text rows, matches and the matching index of the pulled claims, as `import` does.
        super::candidates::match_claims_after(transaction, before)?;
    }
    Ok(merged)
}

fn read_marks(connection: &rusqlite::Connection, desk: &str) -> Result<Marks> {
    Ok(connection
        .query_row(
            "SELECT pulled, articles, claims, sources, events FROM sync_marks WHERE desk = ?1",
            [desk],
            |row| {
                Ok(Marks {
                    pulled: row.get(0)?,
                    articles: row.get(1)?,
                    claims: row.get(2)?,
                    sources: row.get(3)?,
                    events: row.get(4)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Everything stored now is on the remote or came from it: the push marks move to the top.
fn write_marks(
    connection: &rusqlite::Connection,
    desk: &str,
    pulled: i64,
    now: &str,
) -> Result<()> {
    connection.execute(
        "INSERT INTO sync_marks (desk, pulled, articles, claims, sources, events, synced_at)
         VALUES (?1, ?2, (SELECT coalesce(max(id), 0) FROM articles), (SELECT coalesce(max(id), 0) FROM claims),
                 (SELECT coalesce(max(id), 0) FROM sources), (SELECT coalesce(max(id), 0) FROM events), ?3)
         ON CONFLICT (desk) DO UPDATE SET pulled = excluded.pulled, articles = excluded.articles,
             claims = excluded.claims, sources = excluded.sources, events = excluded.events,
             synced_at = excluded.synced_at",
        params![desk, pulled, now],
    )?;
    Ok(())
}

fn pushed_event_claims(connection: &rusqlite::Connection, mark: i64) -> Result<BTreeSet<i64>> {
    let mut statement =
        connection.prepare_cached("SELECT DISTINCT claim_id FROM events WHERE id > ?1")?;
    let ids = statement.query_map([mark], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}
