//! `claimtrack note`: write a note on claims; it becomes part of their history.

use std::io::Write;

use crate::cli::{NoteArgs, SelectArgs};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;

use super::select::{is_id_word, resolve, write_changes};

pub fn run(config: &Config, store: &mut Store, args: &NoteArgs, out: &mut dyn Write) -> Result<()> {
    if let Some(word) = args.ids.iter().find(|w| !is_id_word(w)) {
        return Err(Error::Invalid(format!(
            "'{word}' is not a claim id: give the note with -m TEXT, or as one argument after -- (note 3 5 -- \"TEXT\")"
        )));
    }
    let text = match (&args.text, args.text_after.as_slice()) {
        (Some(text), _) => text,
        (None, [text]) => text,
        (None, []) => {
            return Err(Error::Invalid(
                "no note given: write it with -m TEXT, or as one argument after -- (note 3 5 -- \"TEXT\")".into(),
            ));
        }
        (None, _) => {
            return Err(Error::Invalid(
                "after -- the note is one argument: put it in quotes".into(),
            ));
        }
    };
    let ids = resolve(store, &args.ids, &SelectArgs::default())?;
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let changes = store.note(&ids, text, &by, &config.now_text())?;
    write_changes(out, &changes)
}
