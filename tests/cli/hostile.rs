//! Hostile input (issue 16): a report cannot overwrite the database, stored text cannot
//! drive a browser, a spreadsheet or a terminal, names cannot forge lines, an import cannot
//! forge history, odd files cannot hang or exhaust `add`, and odd database files are refused
//! before anything is written. Each test failed on the build before the issue was fixed.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use claimtrack::cli::Cli;
use clap::Parser;
use serde_json::Value;

use crate::{Desk, SAMPLE, run_with_stdin};

fn claimtrack(db: &Path) -> Command {
    let mut command = Command::cargo_bin("claimtrack").unwrap();
    command
        .env_remove("CLAIMTRACK_DB")
        .env("NO_COLOR", "1")
        .env("USER", "ana")
        .arg("--db")
        .arg(db)
        .timeout(Duration::from_secs(60));
    command
}

/// The sample article with claim 1 verified on a source.
fn verified_desk() -> Desk {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&[
        "mark",
        "1",
        "verified",
        "--source",
        "https://example.org/evidence",
    ]);
    desk
}

fn error_of(desk: &Desk, args: &[&str]) -> String {
    match desk.run(args) {
        Ok(out) => panic!("claimtrack {args:?} was accepted:\n{out}"),
        Err(error) => error.to_string(),
    }
}

// ------------------------------------------------------------------ output files

#[test]
fn report_output_never_overwrites_the_database_or_a_foreign_file() {
    let desk = verified_desk();
    let before = std::fs::read(&desk.db).unwrap();
    let dir = desk.db.parent().unwrap();
    let symlink = dir.join("link.html");
    std::os::unix::fs::symlink(&desk.db, &symlink).unwrap();
    let hardlink = dir.join("hard.html");
    std::fs::hard_link(&desk.db, &hardlink).unwrap();
    for target in [&desk.db, &symlink, &hardlink] {
        let error = error_of(&desk, &["report", "--output", target.to_str().unwrap()]);
        assert!(error.contains("is the database"), "{error}");
        // Not even --force writes over the database.
        let error = error_of(
            &desk,
            &["report", "--output", target.to_str().unwrap(), "--force"],
        );
        assert!(error.contains("is the database"), "{error}");
    }
    assert_eq!(std::fs::read(&desk.db).unwrap(), before);

    let notes = dir.join("notes.html");
    std::fs::write(&notes, "my own notes").unwrap();
    let error = error_of(&desk, &["report", "--output", notes.to_str().unwrap()]);
    assert!(error.contains("--force"), "{error}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own notes");
    desk.ok(&["report", "--output", notes.to_str().unwrap(), "--force"]);
    assert!(
        std::fs::read_to_string(&notes)
            .unwrap()
            .contains("Fact-check report")
    );
    // An earlier report is replaced without --force, and no temporary file is left behind.
    desk.ok(&["report", "--output", notes.to_str().unwrap()]);
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// ------------------------------------------------------------------ escaping

#[test]
fn only_web_urls_are_taken_and_become_links() {
    let desk = Desk::new();
    for url in [
        "javascript:alert(document.cookie)",
        "data:text/html,<b>x",
        "//evil",
    ] {
        let error = error_of(&desk, &["add", SAMPLE, "--url", url]);
        assert!(error.contains("not a web address"), "{error}");
    }
    desk.ok(&["add", SAMPLE, "--url", "https://www.nysun.com/a"]);
    let html = desk.ok(&["report"]);
    assert!(html.contains("<a href=\"https://www.nysun.com/a\">"));
    assert!(!html.contains("javascript:"));
}

#[test]
fn claimreview_json_cannot_close_its_script_element() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Headline\n\nThe ministry said 28,500 troops </script><script>alert(1)</script> arrived in 2021.\n",
    )
    .unwrap();
    desk.ok(&["add", article.to_str().unwrap()]);
    desk.ok(&["mark", "1", "false", "--source", "https://example.org/e"]);
    let out = desk.ok(&["export", "--format", "claimreview"]);
    assert!(!out.contains('<') && !out.contains('>'), "{out}");
    assert!(out.contains("\\u003c/script\\u003e"), "{out}");
    let parsed: Value = serde_json::from_str(&out).unwrap();
    assert!(
        parsed[0]["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("</script><script>alert(1)</script>")
    );
}

#[test]
fn csv_cells_that_would_be_formulas_start_with_a_quote() {
    let desk = Desk::new();
    let title = "=HYPERLINK(\"https://evil.example\",\"click\")";
    desk.ok(&["add", SAMPLE, "--title", title, "--outlet", "@SUM(A1:A9)"]);
    let csv = desk.ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[2], format!("'{title}"));
    assert_eq!(&row[4], "'@SUM(A1:A9)");
    assert_eq!(&row[0], "1", "numbers stay numbers");
    let status = desk.ok(&["status", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(status.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert!(
        row.iter().any(|cell| cell.starts_with("'=HYPERLINK")),
        "{status}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Head\u{1b}]0;pwned\u{7}line\n\nThe ministry said 28,500 troops arrived \u{1b}[2J in 2021.\n",
    )
    .unwrap();
    desk.ok(&["add", article.to_str().unwrap(), "--outlet", "Out\u{9b}let"]);
    desk.ok(&[
        "note",
        "1",
        "-m",
        "see\rclaim 9: verified \u{1b}]8;;http://x\u{7}",
    ]);
    let outputs = [
        desk.ok(&["list"]),
        desk.ok(&["show", "1"]),
        desk.ok(&["status"]),
        desk.ok(&["status", "--format", "markdown"]),
        desk.ok(&["articles"]),
        desk.ok(&["search", "troops"]),
        desk.ok(&["report"]),
    ];
    for out in &outputs {
        assert!(
            !out.contains(['\u{1b}', '\r', '\u{7}', '\u{9b}']),
            "a control character got through:\n{out:?}"
        );
    }
    assert!(outputs[1].contains('\u{240d}'), "CR is shown as ␍");
    assert!(outputs[1].contains('\u{241b}'), "ESC is shown as ␛");
}

/// Windows line ends are line ends, not hostile carriage returns: the report shows them as
/// they are, with no `␍` at every line.
#[test]
fn crlf_articles_are_shown_without_control_pictures() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&article, text).unwrap();
    desk.ok(&["add", article.to_str().unwrap()]);
    let html = desk.ok(&["report"]);
    assert!(html.contains("\r\n") && !html.contains('\u{240d}'));
}

#[test]
fn names_are_one_line_of_printable_text() {
    let parse = |args: &[&str]| {
        let mut argv = vec!["claimtrack"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv)
    };
    for bad in [
        "",
        "   ",
        "ana\nclaim 4: verified → false",
        "ana\u{1b}[2J",
        "a\rb",
    ] {
        assert!(
            parse(&["mark", "1", "in-progress", "--by", bad]).is_err(),
            "{bad:?}"
        );
        assert!(
            parse(&["note", "1", "-m", "text", "--by", bad]).is_err(),
            "{bad:?}"
        );
        assert!(parse(&["assign", "1", "--to", bad]).is_err(), "{bad:?}");
    }
    assert!(parse(&["mark", "1", "in-progress", "--by", "Ana Müller"]).is_ok());
    let desk = verified_desk();
    claimtrack(&desk.db)
        .env("USER", "ana\nclaim 1: verified → false")
        .args(["note", "1", "-m", "x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "$USER is not a usable checker name",
        ));
}

// ------------------------------------------------------------------ import

/// The export of `desk` as JSON values, one per line.
fn export_lines(desk: &Desk) -> Vec<Value> {
    desk.ok(&["export", "--format", "jsonl"])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn import(desk: &Desk, lines: &[Value]) -> Result<String, String> {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    run_with_stdin(&desk.db, &["import", "-"], &text).map_err(|e| e.to_string())
}

fn line_of(lines: &[Value], record: &str) -> usize {
    lines.iter().position(|l| l["record"] == record).unwrap()
}

#[test]
fn import_refuses_an_article_whose_body_does_not_hash_to_its_identity() {
    let mut lines = export_lines(&verified_desk());
    let at = line_of(&lines, "article");
    lines[at]["body"] = Value::from(format!("{} Forged.", lines[at]["body"].as_str().unwrap()));
    let fresh = Desk::new();
    let error = import(&fresh, &lines).unwrap_err();
    assert!(
        error.contains(&format!("line {}", at + 1)) && error.contains("content_hash"),
        "{error}"
    );
    // Nothing was written: the real article can still be added.
    fresh.add_sample();
}

#[test]
fn import_refuses_a_copied_event_under_a_changed_uid_and_twice_changes_nothing() {
    let desk = verified_desk();
    let mut lines = export_lines(&desk);
    let at = line_of(&lines, "event");
    let mut copy = lines[at].clone();
    copy["uid"] = Value::from("00000000000000000000000000000000");
    lines.push(copy);
    let error = import(&desk, &lines).unwrap_err();
    assert!(error.contains(&format!("line {}", lines.len())), "{error}");
    assert!(error.contains("uid"), "{error}");
    lines.pop();
    let again = import(&desk, &lines).unwrap();
    assert!(again.starts_with("imported 0 articles, 0 claims, 0 sources, 0 events, 0 matches, 0 values, 0 further places"), "{again}");
    let show = desk.json(&["show", "1"]);
    assert_eq!(show["claim"]["events"].as_array().unwrap().len(), 1);
}

#[test]
fn import_refuses_times_in_the_future_or_malformed() {
    let desk = verified_desk();
    let lines = export_lines(&desk);
    let at = line_of(&lines, "event");
    for time in [
        "9999-12-31T23:59:59Z",
        "2024-13-01T00:00:00Z",
        "yesterday",
        "2024-01-01 10:00:00",
    ] {
        let mut forged = lines.clone();
        forged[at]["at"] = Value::from(time);
        let error = import(&Desk::new(), &forged).unwrap_err();
        assert!(
            error.contains(&format!("line {}", at + 1)),
            "{time}: {error}"
        );
    }
}

/// The uid `export` gives an event (store/export.rs): what a forger can compute too, so that
/// the rules below are tested on events whose identity is in order.
fn event_uid(event: &Value) -> String {
    use sha2::{Digest, Sha256};
    let text = |v: &Value| v.as_str().map(str::to_string);
    let claim = &event["claim"];
    let same_as = event["same_as"].as_object().map(|k| {
        format!(
            "{}:{}:{}",
            k["article"].as_str().unwrap(),
            k["start"],
            k["end"]
        )
    });
    let join = |v: &Value| {
        let uids: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect();
        Some(uids.join(","))
    };
    let parts = vec![
        text(&claim["article"]),
        Some(claim["start"].to_string()),
        Some(claim["end"].to_string()),
        Some("event".to_string()),
        text(&event["action"]),
        text(&event["at"]),
        text(&event["by"]),
        text(&event["from"]),
        text(&event["to"]),
        text(&event["from_assignee"]),
        text(&event["to_assignee"]),
        text(&event["note"]),
        text(&event["undoes"]),
        same_as,
        join(&event["sources_added"]),
        join(&event["sources_withdrawn"]),
    ];
    let canonical = serde_json::to_string(&parts).unwrap();
    Sha256::digest(canonical.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn import_applies_marks_rules_to_verdicts() {
    let desk = verified_desk();
    desk.ok(&["mark", "2", "unverifiable", "--note", "no record kept"]);
    let lines = export_lines(&desk);
    // A verdict whose source record is dropped: no source on the claim.
    let without_source: Vec<Value> = lines
        .iter()
        .filter(|l| l["record"] != "source")
        .map(|l| {
            let mut l = l.clone();
            if l["record"] == "event" {
                l["sources_added"] = Value::Array(vec![]);
                l["uid"] = Value::from(event_uid(&l));
            }
            l
        })
        .collect();
    let error = import(&Desk::new(), &without_source).unwrap_err();
    assert!(error.contains("needs a source"), "{error}");
    // Unverifiable without its note.
    let mut without_note = lines.clone();
    let at = lines
        .iter()
        .position(|l| l["record"] == "event" && l["to"] == "unverifiable")
        .unwrap();
    without_note[at]["note"] = Value::Null;
    without_note[at]["uid"] = Value::from(event_uid(&without_note[at]));
    let error = import(&Desk::new(), &without_note).unwrap_err();
    assert!(error.contains(&format!("line {}", at + 1)), "{error}");
    assert!(error.contains("needs a note"), "{error}");
}

#[test]
fn import_takes_values_only_with_their_claims_and_counts_them() {
    let desk = verified_desk();
    let lines = export_lines(&desk);
    let at = line_of(&lines, "value");
    let mut value = lines[at].clone();
    value["text"] = Value::from("999,999 troops");
    value["value"] = Value::from(999999.0);
    value["position"] = Value::from(9);
    let error = import(&desk, &[value]).unwrap_err();
    assert!(
        error.contains("line 1") && error.contains("only with their claim"),
        "{error}"
    );
    let fresh = Desk::new();
    let summary = import(&fresh, &lines).unwrap();
    let values = lines.iter().filter(|l| l["record"] == "value").count();
    assert!(summary.contains(&format!("{values} values")), "{summary}");
    let again = import(&fresh, &lines).unwrap();
    assert!(
        again.ends_with(&format!("{} records were already here\n", lines.len())),
        "{again}"
    );
}

#[test]
fn import_reads_only_regular_files() {
    let desk = verified_desk();
    let error = error_of(&desk, &["import", "/dev/zero"]);
    assert!(error.contains("not a regular file"), "{error}");
}

// ------------------------------------------------------------------ inputs

#[test]
fn add_reads_only_regular_files_within_the_size_limit() {
    let desk = Desk::new();
    let error = error_of(&desk, &["add", "/dev/zero"]);
    assert!(error.contains("not a regular file"), "{error}");
    let dir = tempfile::tempdir().unwrap();
    let sparse = dir.path().join("huge.txt");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let error = error_of(&desk, &["add", sparse.to_str().unwrap()]);
    assert!(error.contains("more than the limit"), "{error}");
    let error = error_of(&desk, &["add", SAMPLE, "--max-size", "1K"]);
    assert!(error.contains("--max-size"), "{error}");
    let error = run_with_stdin(
        &desk.db,
        &["add", "-", "--max-size", "10"],
        "Headline\n\nA long enough text.",
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("standard input") && error.contains("limit"),
        "{error}"
    );
    desk.ok(&["add", SAMPLE, "--max-size", "1M"]);
}

#[test]
fn a_fifo_in_a_batch_folder_is_skipped_without_holding_the_lock() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, dir.path().join("a.txt")).unwrap();
    let fifo = dir.path().join("b.txt");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    claimtrack(&desk.db)
        .args(["add", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stdout(predicates::str::contains("1 articles added"))
        .stderr(predicates::str::contains("b.txt: is not a regular file"));
}

// ------------------------------------------------------------------ ids

#[test]
fn id_ranges_past_the_cap_are_refused_with_a_clear_message() {
    let desk = verified_desk();
    let error = error_of(&desk, &["mark", "1-2000000", "in-progress"]);
    assert!(error.contains("too many claim ids"), "{error}");
    let error = error_of(
        &desk,
        &["mark", "1-600000", "400000-1000001", "in-progress"],
    );
    assert!(error.contains("too many claim ids"), "{error}");
}

// ------------------------------------------------------------------ database files

fn foreign_database(path: &Path, version: i64) {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    connection
        .pragma_update(None, "user_version", version)
        .unwrap();
}

#[test]
fn foreign_files_with_any_version_are_refused_untouched_and_without_a_panic() {
    for version in [1, 2, -1, i64::from(i32::MIN)] {
        let desk = Desk::new();
        foreign_database(&desk.db, version);
        let before = std::fs::read(&desk.db).unwrap();
        for args in [&["list"][..], &["mark", "1", "in-progress"][..]] {
            claimtrack(&desk.db)
                .args(args)
                .assert()
                .code(2)
                .stderr(predicates::str::contains("refusing to change it"));
        }
        assert_eq!(
            std::fs::read(&desk.db).unwrap(),
            before,
            "version {version}"
        );
        let wal = desk.db.with_file_name("claims.db-wal");
        assert!(!wal.exists(), "version {version}: switched to WAL");
    }
}

#[test]
fn sqlite_uris_and_memory_databases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file:{}?mode=memory", dir.path().join("x.db").display());
    for db in [":memory:", uri.as_str()] {
        claimtrack(Path::new(db))
            .args(["add", SAMPLE])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("claimtrack: database"));
    }
}

#[test]
fn read_only_commands_never_change_the_file() {
    let desk = verified_desk();
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let (bytes, mtime) = (std::fs::read(&desk.db).unwrap(), modified(&desk.db));
    std::thread::sleep(Duration::from_millis(20));
    let reads: [&[&str]; 6] = [
        &["list"],
        &["show", "1"],
        &["status"],
        &["articles"],
        &["export", "--format", "jsonl"],
        &["report"],
    ];
    for args in reads {
        desk.ok(args);
    }
    assert_eq!(std::fs::read(&desk.db).unwrap(), bytes);
    assert_eq!(modified(&desk.db), mtime);
}

/// Read-only media, simulated with the immutable attribute (`chattr +i`), which even root
/// cannot write through: the database and its folder, with no WAL index beside it. Skipped
/// where the attribute cannot be set (not root, or a file system without it).
#[test]
fn a_database_on_read_only_media_can_be_read_and_exported() {
    let desk = verified_desk();
    let folder = desk.db.parent().unwrap().to_path_buf();
    for companion in ["claims.db-wal", "claims.db-shm"] {
        let _ = std::fs::remove_file(folder.join(companion));
    }
    struct Immutable(Vec<std::path::PathBuf>);
    impl Drop for Immutable {
        fn drop(&mut self) {
            for path in &self.0 {
                let _ = std::process::Command::new("chattr")
                    .arg("-i")
                    .arg(path)
                    .status();
            }
        }
    }
    let set = |path: &Path| {
        std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let _undo = Immutable(vec![desk.db.clone(), folder.clone()]);
    if !(set(&desk.db) && set(&folder)) {
        println!("skipped: chattr +i is not available here");
        return;
    }
    for args in [
        &["list"][..],
        &["show", "1"],
        &["status"],
        &["articles"],
        &["search", "troops"],
        &["export", "--format", "jsonl"],
        &["report"],
    ] {
        desk.ok(args);
    }
    assert_eq!(desk.json(&["list"])["claims"][0]["status"], "verified");
    let error = error_of(&desk, &["mark", "2", "in-progress"]);
    assert!(error.contains("read-only media"), "{error}");
}
