//! The real executable: help, exit codes, one-line errors on stderr, closed pipes, and the
//! whole add-mark-status round trip as a user types it.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::{Desk, SAMPLE, SAMPLE_PUBLISHED};

fn claimtrack(desk: &Desk) -> Command {
    let mut command = Command::cargo_bin("claimtrack").unwrap();
    command
        .env_remove("CLAIMTRACK_DB")
        .env("NO_COLOR", "1")
        .env("USER", "ana")
        .arg("--db")
        .arg(&desk.db);
    command
}

#[test]
fn help_lists_every_command() {
    let desk = Desk::new();
    let assert = claimtrack(&desk).arg("--help").assert().success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for command in ["add", "extract", "split", "list", "show", "mark", "status"] {
        assert!(out.contains(command), "help lacks {command}:\n{out}");
    }
}

#[test]
fn add_mark_status_round_trip() {
    let desk = Desk::new();
    claimtrack(&desk)
        .args(["add", SAMPLE, "--published", SAMPLE_PUBLISHED])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "relative dates resolved against 2022-06-03",
        ));
    claimtrack(&desk)
        .args([
            "mark",
            "1",
            "verified",
            "--source",
            "https://www.usfk.mil/About/",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("claim 1: unverified → verified"));
    let assert = claimtrack(&desk)
        .args(["status", "--json"])
        .assert()
        .success();
    let status: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(status["total"]["by_status"]["verified"], 1);
    assert_eq!(status["total"]["resolved"], 1);
    let assert = claimtrack(&desk)
        .args(["show", "1", "--json"])
        .assert()
        .success();
    let show: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(
        show["claim"]["events"][0]["by"], "ana",
        "--by defaults to $USER"
    );
}

/// Each bad input: exit code 2, exactly one line on stderr starting `claimtrack: `.
#[test]
fn bad_input_gets_one_line_and_exit_code_2() {
    let desk = Desk::new();
    claimtrack(&desk)
        .args(["add", SAMPLE, "--published", SAMPLE_PUBLISHED])
        .assert()
        .success();
    let not_text = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_text.path(), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let not_text = not_text.path().to_str().unwrap().to_string();
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "unknown claim id",
            &["mark", "999", "in-progress"],
            "no claim with id 999",
        ),
        (
            "unknown status",
            &["mark", "1", "verifed"],
            "did you mean 'verified'?",
        ),
        (
            "missing file",
            &["add", "/nonexistent/article.txt"],
            "no such file",
        ),
        (
            "file that is not text",
            &["add", &not_text],
            "not a text file",
        ),
        (
            "verdict without a source",
            &["mark", "2", "false"],
            "needs a source",
        ),
        (
            "malformed date",
            &["add", SAMPLE, "--published", "03/06/2022"],
            "YYYY-MM-DD",
        ),
        (
            "unverifiable without a note",
            &["mark", "2", "unverifiable"],
            "needs a note",
        ),
        ("folder instead of a file", &["add", "/tmp"], "is a folder"),
    ];
    for (what, args, message) in cases {
        let assert = claimtrack(&desk).args(*args).assert().code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
        assert!(stderr.starts_with("claimtrack: "), "{what}: {stderr}");
        assert!(stderr.contains(message), "{what}: {stderr}");
    }
}

#[test]
fn add_reads_standard_input() {
    let desk = Desk::new();
    claimtrack(&desk)
        .args(["add", "-", "--title", "Piped", "--published", "2022-06-03"])
        .write_stdin("The ruling party won 12 of the 17 races on Wednesday, officials said.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("article 1: Piped"));
}

#[test]
fn database_from_a_newer_claimtrack_is_refused_untouched() {
    let desk = Desk::new();
    claimtrack(&desk).arg("status").assert().success();
    {
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        connection.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&desk.db).unwrap();
    claimtrack(&desk)
        .arg("status")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("newer claimtrack"));
    assert_eq!(std::fs::read(&desk.db).unwrap(), before);
}

#[test]
fn file_that_is_not_a_database_is_refused_untouched() {
    let desk = Desk::new();
    let junk = b"this is a text file, not a database\n".repeat(200);
    std::fs::write(&desk.db, &junk).unwrap();
    claimtrack(&desk)
        .arg("status")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a claimtrack database"));
    assert_eq!(std::fs::read(&desk.db).unwrap(), junk);
}

#[test]
fn database_location_comes_from_the_environment_then_xdg() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("xdg");
    let mut command = Command::cargo_bin("claimtrack").unwrap();
    command
        .env_remove("CLAIMTRACK_DB")
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", home.path())
        .arg("status")
        .assert()
        .success();
    assert!(xdg.join("claimtrack/claims.db").exists());
    let explicit = home.path().join("env/claims.db");
    let mut command = Command::cargo_bin("claimtrack").unwrap();
    command
        .env("CLAIMTRACK_DB", &explicit)
        .env("HOME", home.path())
        .arg("status")
        .assert()
        .success();
    assert!(
        explicit.exists(),
        "CLAIMTRACK_DB is used and its folder created"
    );
}
