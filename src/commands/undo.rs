//! `claimtrack undo`: revert each claim's last change with a compensating event.

use std::io::Write;

use crate::cli::{SelectArgs, UndoArgs};
use crate::config::Config;
use crate::error::Result;
use crate::store::Store;

use super::select::{resolve, write_changes};

pub fn run(config: &Config, store: &mut Store, args: &UndoArgs, out: &mut dyn Write) -> Result<()> {
    let ids = resolve(store, &args.ids, &SelectArgs::default())?;
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let changes = store.undo(&ids, args.note.as_deref(), &by, &config.now_text())?;
    write_changes(out, &changes)
}
