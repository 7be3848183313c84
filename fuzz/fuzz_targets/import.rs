//! Fuzz target: `import` on any bytes must not panic, and whatever it accepts, importing the
//! same bytes again adds nothing (issue 16: importing any file twice changes nothing).
#![no_main]

use std::sync::{Mutex, OnceLock};

use claimtrack::cli::ImportArgs;
use claimtrack::commands::import;
use claimtrack::config::Config;
use claimtrack::report::TableStyle;
use claimtrack::store::Store;
use libfuzzer_sys::fuzz_target;

/// One database for the whole run: opening a new one per input would spend the time on
/// creating the schema. A refused import leaves it as it was; an accepted one grows it.
fn store() -> &'static Mutex<(tempfile::TempDir, Store)> {
    static STORE: OnceLock<Mutex<(tempfile::TempDir, Store)>> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("claims.db")).unwrap();
        Mutex::new((dir, store))
    })
}

fuzz_target!(|data: &[u8]| {
    let mut guard = store().lock().unwrap();
    let store = &mut guard.1;
    let config = Config {
        db_path: store.path().to_path_buf(),
        style: TableStyle {
            width: 120,
            color: false,
        },
        now: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        user: "fuzz".into(),
        progress: false,
    };
    let args = ImportArgs { file: "-".into() };
    let mut first = Vec::new();
    if import::run(&config, store, &args, &mut &data[..], &mut first).is_err() {
        return;
    }
    let mut second = Vec::new();
    import::run(&config, store, &args, &mut &data[..], &mut second)
        .expect("a file imported once imports again");
    let second = String::from_utf8(second).unwrap();
    assert!(
        second.starts_with(
            "imported 0 articles, 0 claims, 0 sources, 0 events, 0 matches, 0 values, 0 further places;"
        ),
        "the second import changed something: {second}"
    );
});
