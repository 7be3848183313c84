//! claimtrack: track the checkable claims of news articles through verification.
//!
//! The binary is a thin shell over this library: `cli` parses, `config` resolves settings,
//! `commands` run against a `store::Store` and write to any `std::io::Write`. `extract` is the
//! pure text-to-claims core.

pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod extract;
pub mod matching;
pub mod model;
pub mod report;
pub mod store;

pub use error::{Error, Result};
