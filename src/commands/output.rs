//! Writing a report to a file named by `--output` without destroying anything: never over
//! the database (or a file that resolves to it), never over a file that is not an earlier
//! report unless forced, and never half-written (a temporary file renamed into place).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Write what `write` produces to `output` for a database at `database`, as it is produced
/// (a report of the whole archive is never held in memory). `is_ours` recognises the first
/// bytes of a file this command wrote before, which may be replaced without `force`.
pub fn write_output(
    output: &Path,
    database: &Path,
    is_ours: impl Fn(&str) -> bool,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let fail = |reason: String| Error::Invalid(format!("--output {}: {reason}", output.display()));
    if resolves_to_database(output, database) {
        return Err(fail(
            "is the database (or a link to it); refusing to write over it".into(),
        ));
    }
    if let Ok(metadata) = std::fs::metadata(output) {
        if metadata.is_dir() {
            return Err(fail("is a folder; name a file".into()));
        }
        if !metadata.is_file() {
            return Err(fail(
                "is not a regular file; refusing to write to it".into(),
            ));
        }
        if !force && !is_ours(&first_bytes(output)) {
            return Err(fail(
                "exists and is not an earlier claimtrack report; give --force to replace it".into(),
            ));
        }
    }
    let temporary = temporary_path(output);
    let cannot = |e: std::io::Error| fail(format!("cannot write it: {e}; nothing was changed"));
    let written = (|| -> Result<()> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(cannot)?;
        let mut buffered = std::io::BufWriter::new(file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(|e| cannot(e.into_error()))?;
        file.sync_all().map_err(cannot)?;
        std::fs::rename(&temporary, output).map_err(cannot)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// True when `output` is the database or one of its companion files (`-wal`, `-shm`,
/// `-journal`), by name or through a symbolic or hard link: compared by device and inode.
fn resolves_to_database(output: &Path, database: &Path) -> bool {
    let mut protected = vec![database.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        protected.push(PathBuf::from(name));
    }
    protected.iter().any(|file| same_file(output, file))
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The first 16 KiB of `path` as text (lossy), enough to recognise an earlier report.
fn first_bytes(path: &Path) -> String {
    let mut start = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(16 * 1024).read_to_end(&mut start);
    }
    String::from_utf8_lossy(&start).into_owned()
}

/// A new name next to `output` (the same folder, so the rename cannot cross file systems).
fn temporary_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    output.with_file_name(format!(".{name}.{}.{stamp}.tmp", std::process::id()))
}
