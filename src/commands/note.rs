//! `claimtrack note`: write a note on claims; it becomes part of their history.

use std::io::Write;

use crate::cli::{NoteArgs, SelectArgs};
use crate::config::Config;
use crate::error::Result;
use crate::store::Store;

use super::select::{resolve, write_changes};

pub fn run(config: &Config, store: &mut Store, args: &NoteArgs, out: &mut dyn Write) -> Result<()> {
    let (text, id_words) = args
        .ids_and_text
        .split_last()
        .expect("clap requires the text");
    let ids = resolve(store, id_words, &SelectArgs::default())?;
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let changes = store.note(&ids, text, &by, &config.now_text())?;
    write_changes(out, &changes)
}
