//! The library's error type; `main` turns it into one line on stderr and an exit code.

use std::io;
use std::path::PathBuf;

use crate::model::UnknownName;

/// Everything that can go wrong in a command. Messages start lower-case and end without a
/// period, so `main` can print them as `claimtrack: <message>`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user asked for something that cannot be done as asked.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
    #[error("no claim with id {0}")]
    NoSuchClaim(i64),
    #[error("no article with id {0}")]
    NoSuchArticle(i64),
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("database {}: {reason}", path.display())]
    Database { path: PathBuf, reason: String },
    /// Some inputs of a batch failed; each was reported as it happened, the rest were added.
    #[error("{failed} of {total} files could not be added (each is named above); the others were")]
    SomeFailed { failed: usize, total: usize },
    /// A failure of the storage itself (a full disk, an I/O error): nothing more can be written
    /// in this command, so a batch stops instead of going on to the next article.
    #[error("database: {0}")]
    StorageFull(String),
    /// An SQLite failure in the middle of a command (the transaction was rolled back).
    #[error("database: {0}")]
    Storage(String),
    /// The shared PostgreSQL database of `sync` failed or refused; nothing was changed
    /// locally. `remote` names it without a password.
    #[error("remote {remote}: {reason}")]
    Remote { remote: String, reason: String },
    /// A search or filter found nothing: exit code 1, like grep, so scripts can test for it.
    #[error("{0}")]
    NothingMatched(String),
    /// Writing the output failed (a closed pipe is handled quietly by `main`).
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Error {
    /// The process exit code for this error, as documented in README: 1 when a command that
    /// documents it found nothing (`search`), 2 for every error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::NothingMatched(_) => 1,
            _ => 2,
        }
    }

    /// True when the error is only that the reader of our output went away (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
