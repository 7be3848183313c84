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

/// Tells the allocator to hand freed pages back to the system at once rather than after its
/// default 10 ms, so that the pages one batch of `add` frees are not still counted when the
/// next batch grows: on 200 MB of articles in one process the peak went from 153 to 145 MiB
/// (`MIMALLOC_PURGE_DELAY=0` measured the same), at the same wall time within the noise. The
/// binary calls it first thing; a library user may skip it.
pub fn return_freed_memory_promptly() {
    // mimalloc.h 2.x: `mi_option_purge_delay`, which the -sys crate names no constant for.
    #[cfg(not(fuzzing))]
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain store that mimalloc allows at any time, and the
    // value 0 ("purge at once") is one the option documents.
    #[cfg(not(fuzzing))]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0)
    };
}
