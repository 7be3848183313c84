//! `claimtrack mark`: set the status of claims, with sources and a note, as one transaction;
//! or copy the verdict of a matching claim with `--same-as`.

use std::io::Write;

use crate::cli::MarkArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Status, check_evidence};
use crate::store::{Mark, NewSource, Store};

use super::select::{is_id_word, resolve, write_changes};

pub fn run(config: &Config, store: &mut Store, args: &MarkArgs, out: &mut dyn Write) -> Result<()> {
    let by = args.by.clone().unwrap_or_else(|| config.user.clone());
    let at = config.now_text();
    if let Some(settled_id) = args.same_as {
        if let Some(word) = args.ids_and_status.iter().find(|w| !is_id_word(w)) {
            return Err(Error::Invalid(format!(
                "--same-as copies the verdict of claim {settled_id}: leave out the status ('{word}')"
            )));
        }
        if !args.sources.is_empty() {
            return Err(Error::Invalid(
                "--same-as copies the sources of the settled claim: add others with `claimtrack source add`".into(),
            ));
        }
        let ids = resolve(store, &args.ids_and_status, &args.select)?;
        let changes = store.same_as(&ids, settled_id, args.note.as_deref(), &by, &at)?;
        return write_changes(out, &changes);
    }
    let (status_word, id_words) = args
        .ids_and_status
        .split_last()
        .expect("clap requires the status");
    let status: Status = status_word.parse()?;
    let ids = resolve(store, id_words, &args.select)?;
    let sources = args
        .sources
        .iter()
        .map(|s| {
            let reference =
                check_evidence(s).map_err(|why| Error::Invalid(format!("--source: {why}")))?;
            Ok(NewSource {
                reference: reference.to_string(),
                ..NewSource::default()
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let changes = store.mark(
        &ids,
        &Mark {
            status,
            sources: &sources,
            note: args.note.as_deref(),
            by: &by,
            at: &at,
        },
    )?;
    write_changes(out, &changes)
}
