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
        (
            "folder instead of a file",
            &["extract", "/tmp", "--json"],
            "is a folder",
        ),
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
    desk.add_sample();
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
    const ARTICLE: &str = "Headline\n\nThe ministry said 5,000 troops arrived on Monday.\n";
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("xdg");
    let mut command = Command::cargo_bin("claimtrack").unwrap();
    command
        .env_remove("CLAIMTRACK_DB")
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", home.path())
        .args(["add", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .success();
    assert!(xdg.join("claimtrack/claims.db").exists());
    let explicit = home.path().join("env/claims.db");
    let mut command = Command::cargo_bin("claimtrack").unwrap();
    command
        .env("CLAIMTRACK_DB", &explicit)
        .env("HOME", home.path())
        .args(["add", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .success();
    assert!(
        explicit.exists(),
        "CLAIMTRACK_DB is used and its folder created"
    );
}

/// Several checkers at once on one database file, as separate processes: every change lands,
/// nobody sees "database is locked", and the status counts equal a recount from the events.
#[test]
fn parallel_checkers_lose_no_update() {
    let desk = Desk::new();
    claimtrack(&desk)
        .args(["add", SAMPLE, "--published", SAMPLE_PUBLISHED])
        .assert()
        .success();
    let checkers = 4;
    let rounds = 8;
    let binary = assert_cmd::cargo::cargo_bin("claimtrack");
    let handles: Vec<_> = (0..checkers)
        .map(|checker| {
            let binary = binary.clone();
            let db = desk.db.clone();
            std::thread::spawn(move || {
                for round in 0..rounds {
                    // Every checker notes the same shared claim, and marks one of its own.
                    let own = (checker + 2).to_string();
                    let runs: [Vec<String>; 2] = [
                        vec![
                            "note".into(),
                            "1".into(),
                            "-m".into(),
                            format!("checker {checker} round {round}"),
                        ],
                        vec![
                            "mark".into(),
                            own,
                            if round % 2 == 0 {
                                "in-progress"
                            } else {
                                "unverified"
                            }
                            .into(),
                        ],
                    ];
                    for args in runs {
                        let output = std::process::Command::new(&binary)
                            .arg("--db")
                            .arg(&db)
                            .args(&args)
                            .env("USER", format!("checker{checker}"))
                            .output()
                            .unwrap();
                        assert!(
                            output.status.success(),
                            "{args:?}: {}",
                            String::from_utf8_lossy(&output.stderr)
                        );
                    }
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    let notes: i64 = connection
        .query_row(
            "SELECT count(*) FROM events WHERE claim_id = 1 AND action = 'note'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, (checkers * rounds) as i64, "every note landed");
    let marks: i64 = connection
        .query_row(
            "SELECT count(*) FROM events WHERE action = 'status'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(marks, (checkers * rounds) as i64, "every mark landed");
    // The current status of every claim equals the last event's, or unverified with none.
    let disagreeing: i64 = connection
        .query_row(
            "SELECT count(*) FROM claims c WHERE c.status <> coalesce(
                 (SELECT to_status FROM events e WHERE e.claim_id = c.id ORDER BY e.id DESC LIMIT 1),
                 'unverified')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(disagreeing, 0);
}
