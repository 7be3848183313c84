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

/// mimalloc (its version 2) for every binary built on this library. The extractor makes a
/// few small allocations per sentence, and glibc's malloc and free were 12% of its
/// instructions; `add` also frees on its storing thread what the reading thread allocated,
/// which glibc serialises on an arena lock. Version 3, the crate's default, keeps huge pages
/// resident and took `add` of 200 MB to 155 MB; version 2 stays under the 150 MB budget.
/// Fuzzing builds keep the system allocator, so that AddressSanitizer sees every allocation.
#[cfg(not(fuzzing))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
