//! `claimtrack assign`: put claims on a checker's list, or take them off.

use std::io::Write;

use crate::cli::AssignArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;

use super::select::{resolve, write_changes};

pub fn run(
    config: &Config,
    store: &mut Store,
    args: &AssignArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let to = match (&args.to, args.nobody) {
        (_, true) => None,
        (Some(name), false) if !name.trim().is_empty() => Some(name.trim()),
        _ => {
            return Err(Error::Invalid(
                "--to needs a checker's name (or use --nobody)".into(),
            ));
        }
    };
    let ids = resolve(store, &args.ids, &args.select)?;
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let changes = store.assign(&ids, to, &by, &config.now_text())?;
    write_changes(out, &changes)
}
