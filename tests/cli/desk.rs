//! What a desk needs to correct the extractor and trust what it is shown: dismissing
//! sentences that are not claims, adding missed claims, correcting an article's details,
//! read-only commands that never create a database, values and widths in tables, one set of
//! evidence rules, unambiguous notes, undo of another checker's change, man page and
//! completions.

use serde_json::Value;

use crate::Desk;

fn ids_of(value: &Value) -> Vec<i64> {
    value["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

fn status_total(desk: &Desk) -> Value {
    desk.json(&["status"])["total"].clone()
}

#[test]
fn dismissed_claims_leave_progress_export_and_default_list_and_can_be_reopened() {
    let desk = Desk::new();
    desk.add_sample();
    let all = ids_of(&desk.json(&["list"]));
    let before = status_total(&desk);
    assert_eq!(before["claims"].as_u64().unwrap(), all.len() as u64);
    let out = desk.ok(&["mark", "1", "2", "dismissed", "--note", "photo caption"]);
    assert_eq!(
        out,
        "claim 1: unverified → dismissed\nclaim 2: unverified → dismissed\n"
    );
    let listed = ids_of(&desk.json(&["list"]));
    assert!(!listed.contains(&1) && !listed.contains(&2), "{listed:?}");
    assert_eq!(listed.len(), all.len() - 2);
    assert_eq!(
        ids_of(&desk.json(&["list", "--status", "dismissed"])),
        [1, 2]
    );
    let total = status_total(&desk);
    assert_eq!(total["claims"].as_u64().unwrap(), all.len() as u64 - 2);
    assert_eq!(total["by_status"]["dismissed"], 2);
    // Settle every other claim: the article reaches 100% without giving 1 and 2 a verdict.
    let rest: Vec<String> = listed.iter().map(i64::to_string).collect();
    let mut args: Vec<&str> = vec!["mark"];
    args.extend(rest.iter().map(String::as_str));
    args.extend(["verified", "--source", "https://example.org/evidence"]);
    desk.ok(&args);
    assert_eq!(status_total(&desk)["progress"], 1.0);
    let reviews: Vec<Value> =
        serde_json::from_str(&desk.ok(&["export", "--format", "claimreview"])).unwrap();
    assert_eq!(
        reviews.len(),
        listed.len(),
        "no review for a dismissed claim"
    );
    // Reopened: back in the list and the denominator.
    assert_eq!(
        desk.ok(&["mark", "2", "unverified"]),
        "claim 2: dismissed → unverified\n"
    );
    assert!(ids_of(&desk.json(&["list"])).contains(&2));
    assert_eq!(
        status_total(&desk)["claims"].as_u64().unwrap(),
        all.len() as u64 - 1
    );
    // Stored as the plain text the retraining command reads.
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    let status: String = connection
        .query_row("SELECT status FROM claims WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "dismissed");
}

#[test]
fn dismissing_a_verdict_needs_a_note_and_a_dismissal_is_no_verdict_of_the_checker() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&[
        "mark",
        "3",
        "verified",
        "--source",
        "https://example.org/a",
        "--by",
        "ana",
    ]);
    let err = desk
        .run(&["mark", "3", "dismissed"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("needs a note"), "{err}");
    desk.ok(&["mark", "4", "dismissed", "--by", "ana"]);
    let checkers = desk.json(&["status", "--by", "checker"]);
    assert_eq!(checkers["checkers"][0]["name"], "ana");
    assert_eq!(checkers["checkers"][0]["verdicts"], 1);
}

/// A version-2 database (before `dismissed`) is upgraded in place on open: its CHECK
/// constraints then accept the new status and action, with triggers and indexes untouched.
#[test]
fn version_2_database_is_upgraded_to_accept_dismissed() {
    let desk = Desk::new();
    desk.add_sample();
    let schema = |db: &std::path::Path| -> Vec<(String, String)> {
        let connection = rusqlite::Connection::open(db).unwrap();
        let mut statement = connection
            .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        statement
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            // Compared as SQL, not layout.
            .map(|(name, sql)| {
                let code = sql
                    .lines()
                    .map(|line| line.split("--").next().unwrap_or(""));
                (
                    name,
                    // ALTER TABLE ADD COLUMN writes `uid TEXT)`, CREATE TABLE `uid TEXT\n)`.
                    code.flat_map(str::split_whitespace).collect::<String>(),
                )
            })
            .collect()
    };
    let fresh_schema = schema(&desk.db);
    {
        // Back to version 2, as a binary before this one left it.
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        crate::sync::take_back_to_schema_2(&connection);
        crate::reliability::take_back_to_in_lists(&connection);
        connection
            .execute_batch(
                "DROP TABLE article_events;
                 PRAGMA writable_schema = ON;
                 UPDATE sqlite_master SET sql = replace(sql, ', ''dismissed''', '') WHERE name IN ('claims', 'events');
                 UPDATE sqlite_master SET sql = replace(sql, ', ''added''', '') WHERE name = 'events';
                 PRAGMA writable_schema = RESET;
                 PRAGMA user_version = 2;",
            )
            .unwrap();
        let refused = connection.execute("UPDATE claims SET status = 'dismissed' WHERE id = 1", []);
        assert!(refused.is_err(), "the version-2 CHECK refuses 'dismissed'");
    }
    desk.ok(&["mark", "1", "dismissed"]);
    assert_eq!(desk.json(&["show", "1"])["claim"]["status"], "dismissed");
    assert_eq!(
        schema(&desk.db),
        fresh_schema,
        "tables, indexes and triggers as new"
    );
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    let check: String = connection
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, claimtrack::store::SCHEMA_VERSION);
}

fn error(desk: &Desk, args: &[&str]) -> String {
    desk.run(args)
        .map(|out| panic!("{args:?} should fail, printed {out}"))
        .unwrap_err()
        .to_string()
}

#[test]
fn every_route_that_adds_a_source_applies_the_same_evidence_rule() {
    let desk = Desk::new();
    desk.add_sample();
    for reference in ["ftp://example.org/report", "6", "Pentagon"] {
        let by_mark = error(&desk, &["mark", "1", "verified", "--source", reference]);
        let by_source = error(&desk, &["source", "add", "1", reference]);
        assert!(by_source.contains(reference), "{by_source}");
        assert!(by_mark.ends_with(&by_source), "{by_mark} / {by_source}");
    }
    // `source add 5 6`, the URL forgotten: refused, and claim 5 cannot then be verified.
    let forgotten = error(&desk, &["source", "add", "5", "6"]);
    assert!(forgotten.contains("is a number"), "{forgotten}");
    assert!(error(&desk, &["mark", "5", "verified"]).contains("needs a source"));
    desk.ok(&[
        "mark",
        "5",
        "verified",
        "--source",
        "Pentagon briefing, 2 June 2022",
    ]);
    // An export carrying a source the desk could not type is refused whole.
    let exported = desk.ok(&["export", "--format", "jsonl"]);
    let tampered = exported.replace("Pentagon briefing, 2 June 2022", "mailto:desk@example.org");
    let other = Desk::new();
    let refused = crate::run_with_stdin(&other.db, &["import", "-"], &tampered)
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("not evidence a reader can open"),
        "{refused}"
    );
    assert!(refused.contains("nothing was imported"), "{refused}");
    assert_eq!(other.json(&["status"])["total"]["claims"], 0);
}

#[test]
fn a_note_never_takes_an_id_as_its_text() {
    let desk = Desk::new();
    desk.add_sample();
    let err = error(&desk, &["note", "1", "2", "3"]);
    assert!(err.contains("no note given"), "{err}");
    let err = error(&desk, &["note", "1", "called the ministry"]);
    assert!(err.contains("-m TEXT"), "{err}");
    desk.ok(&["note", "1", "2", "-m", "called the ministry"]);
    desk.ok(&["note", "3", "--", "asked the embassy"]);
    let notes = |id: &str| -> Vec<String> {
        desk.json(&["show", id])["claim"]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["note"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(notes("1"), ["called the ministry"]);
    assert_eq!(notes("2"), ["called the ministry"]);
    assert_eq!(notes("3"), ["asked the embassy"]);
}

#[test]
fn undoing_someone_elses_change_needs_a_note() {
    let desk = Desk::new();
    desk.add_sample();
    let evidence = "https://example.org/evidence";
    desk.ok(&["mark", "1", "verified", "--source", evidence, "--by", "ana"]);
    let err = error(&desk, &["undo", "1", "--by", "ben"]);
    assert!(
        err.contains("made by ana") && err.contains("--note"),
        "{err}"
    );
    assert_eq!(desk.json(&["show", "1"])["claim"]["status"], "verified");
    desk.ok(&[
        "undo",
        "1",
        "--by",
        "ben",
        "--note",
        "wrong claim, ana agreed",
    ]);
    let claim = desk.json(&["show", "1"])["claim"].clone();
    assert_eq!(claim["status"], "unverified");
    let note = claim["events"][1]["note"].as_str().unwrap();
    assert!(note.ends_with("wrong claim, ana agreed"), "{note}");
    // One's own change needs no note.
    desk.ok(&["mark", "2", "in-progress", "--by", "ben"]);
    desk.ok(&["undo", "2", "--by", "ben"]);
}

/// An article as a checker met it: a dateline, a relative date, and a checkable clause the
/// extractor leaves inside a longer sentence, over a line break.
const MILL: &str = "Fire destroys mill\n\nBRISTOL, Vt. (AP) — A fire early Wednesday destroyed a mill that employed 120 people, officials said.\n\nThe old mill had stood on the river\nsince 1887, and the town loved it.\n\nInsurance covers two-thirds of the $4.5 million loss, he said.\n";

fn add_mill(desk: &Desk, published: &str) -> i64 {
    let out = crate::run_with_stdin(
        &desk.db,
        &["add", "-", "--published", published, "--json"],
        MILL,
    )
    .unwrap();
    serde_json::from_str::<Value>(&out).unwrap()["article"]["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn claim_add_stores_a_missed_claim_measured_by_the_extractor_with_who_added_it() {
    let desk = Desk::new();
    let article = add_mill(&desk, "2022-06-03").to_string();
    let before = ids_of(&desk.json(&["list"])).len();
    // Typed on one line; the article wraps it.
    let added = desk.json(&[
        "claim",
        "add",
        &article,
        "The old mill had stood on the river since 1887",
        "--by",
        "ana",
    ])["claim"]
        .clone();
    let body_start = MILL.find("The old mill").unwrap();
    assert_eq!(added["start"], body_start);
    assert_eq!(
        added["text"],
        "The old mill had stood on the river\nsince 1887"
    );
    let values: Vec<&str> = added["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["1887"]);
    assert_eq!(added["events"][0]["action"], "added");
    let inside = desk.ok(&["claim", "add", &article, "120 people"]);
    assert!(
        inside.contains("it lies inside claim 1 (unverified)"),
        "{inside}"
    );
    assert_eq!(added["events"][0]["by"], "ana");
    assert_eq!(added["status"], "unverified");
    assert_eq!(ids_of(&desk.json(&["list"])).len(), before + 2);
    assert_eq!(
        desk.json(&["search", "1887"])["claims"][0]["id"],
        added["id"]
    );
    // Not in the article, or already a claim: refused, nothing written.
    let err = error(&desk, &["claim", "add", &article, "The mill burned twice."]);
    assert!(err.contains("does not occur in article"), "{err}");
    let err = error(
        &desk,
        &[
            "claim",
            "add",
            &article,
            "The old mill had stood on the river since 1887",
        ],
    );
    assert!(err.contains("already is this passage"), "{err}");
    assert_eq!(ids_of(&desk.json(&["list"])).len(), before + 2);
    // An added claim is undone by dismissing it, not by undo.
    let id = added["id"].to_string();
    assert!(error(&desk, &["undo", &id, "--by", "ana"]).contains("dismissed"));
}

#[test]
fn article_edit_records_corrections_and_a_new_date_resolves_relative_dates_again() {
    let desk = Desk::new();
    let article = add_mill(&desk, "2022-06-03").to_string();
    let wednesday = |desk: &Desk| -> String {
        let claims = desk.json(&["list"])["claims"].as_array().unwrap().clone();
        let fire = claims
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains("Wednesday"))
            .unwrap();
        fire["values"][0]["value"].as_str().unwrap().to_string()
    };
    assert_eq!(wednesday(&desk), "2022-06-01");
    let out = desk.ok(&[
        "article",
        "edit",
        &article,
        "--published",
        "2022-06-10",
        "--outlet",
        "Associated Press",
        "--title",
        "Fire destroys Bristol mill",
        "--by",
        "ana",
        "--note",
        "date from the AP wire",
    ]);
    assert!(out.contains("published 2022-06-03 → 2022-06-10"), "{out}");
    assert_eq!(wednesday(&desk), "2022-06-08");
    // The full-text index holds each claim's value key: it follows the new dates, or a later
    // change to the row would take out entries that are not there.
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    connection
        .execute(
            "INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("search index in step with the claims");
    let listed = &desk.json(&["articles"])["articles"][0];
    assert_eq!(listed["published"], "2022-06-10");
    assert_eq!(listed["outlet"], "Associated Press");
    assert_eq!(listed["title"], "Fire destroys Bristol mill");
    let shown = desk.ok(&["show", "1"]);
    assert!(
        shown.contains("published 2022-06-03 → 2022-06-10 by ana")
            && shown.contains("relative dates resolved again"),
        "{shown}"
    );
    let corrections = desk.json(&["show", "1"])["article_corrections"].clone();
    let fields: Vec<&str> = corrections
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "outlet", "published"]);
    assert_eq!(corrections[0]["note"], "date from the AP wire");
    // The same again changes nothing and records nothing.
    let again = desk.ok(&["article", "edit", &article, "--published", "2022-06-10"]);
    assert!(again.contains("nothing changed"), "{again}");
    assert!(
        error(
            &desk,
            &["article", "edit", &article, "--published", "10/06/2022"]
        )
        .contains("YYYY-MM-DD")
    );
    assert!(error(&desk, &["article", "edit", &article]).contains("nothing to correct"));
}

#[test]
fn read_only_commands_never_create_a_database_and_where_names_it() {
    let desk = Desk::new();
    for args in [
        &["status"][..],
        &["list"][..],
        &["show", "1"][..],
        &["articles"][..],
        &["search", "troops"][..],
        &["export", "--format", "jsonl"][..],
        &["mark", "1", "in-progress"][..],
        &["remote", "show"][..],
    ] {
        let err = error(&desk, args);
        assert!(
            err.contains(desk.db.to_str().unwrap()) && err.contains("does not exist"),
            "{args:?}: {err}"
        );
        assert!(!desk.db.exists(), "{args:?} created the database");
    }
    assert_eq!(desk.ok(&["where"]), format!("{}\n", desk.db.display()));
    desk.add_sample();
    let status = desk.ok(&["status"]);
    assert_eq!(
        status.lines().next().unwrap(),
        format!("database: {}", desk.db.display())
    );
    for format in ["csv", "markdown", "json"] {
        let out = desk.ok(&["status", "--format", format]);
        assert!(!out.contains("database:"), "{format}: {out}");
    }
}

#[test]
fn tables_show_values_as_written_and_show_quotes_other_places() {
    let desk = Desk::new();
    add_mill(&desk, "2022-06-03");
    let list = desk.ok(&["list"]);
    for written in ["2/3", "$4.5 million", "120 people", "2022-06-01"] {
        assert!(list.contains(written), "{written}:\n{list}");
    }
    assert!(!list.contains("0.666"), "{list}");
    let sample = Desk::new();
    sample.add_sample();
    let troops = sample.json(&["list"])["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["occurrences"].as_array().unwrap().is_empty())
        .unwrap()["id"]
        .to_string();
    let shown = sample.ok(&["show", &troops]);
    assert!(
        shown.contains("also stated later as: \"The message was unmistakable"),
        "{shown}"
    );
    assert!(!shown.contains("bytes"), "{shown}");
}

/// Run the real binary with its standard output and error on a pseudo-terminal of 70 columns,
/// with COLUMNS unset unless `columns` is given: the width must come from the terminal itself.
#[cfg(target_os = "linux")]
fn run_in_terminal(desk: &Desk, args: &[&str], columns: Option<&str>) -> String {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 50,
        ws_col: 70,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors, which are owned from here on.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty");
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut child = {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"));
        command
            .arg("--db")
            .arg(&desk.db)
            .args(args)
            .env_remove("COLUMNS")
            .env("NO_COLOR", "1")
            .env("USER", "ana")
            .stdin(std::process::Stdio::null())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave);
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        command.spawn().unwrap()
        // The command, holding the parent's copies of the terminal's slave side, is dropped
        // here: reading the master ends when the child closes its copies.
    };
    let reader = std::thread::spawn(move || {
        let mut terminal = std::fs::File::from(master);
        let mut output = Vec::new();
        // Linux reports EIO at the end of a pseudo-terminal's output; what was read is kept.
        let _ = terminal.read_to_end(&mut output);
        output
    });
    assert!(child.wait().unwrap().success());
    let output = reader.join().unwrap();
    String::from_utf8(output).unwrap().replace("\r\n", "\n")
}

#[cfg(target_os = "linux")]
#[test]
fn tables_take_the_terminal_width_and_drop_columns_rather_than_wrap_letters() {
    let desk = Desk::new();
    desk.add_sample();
    add_mill(&desk, "2022-06-03");
    desk.ok(&["assign", "1-4", "--to", "ana"]);
    desk.ok(&["mark", "1", "dismissed", "--by", "ben"]);
    let widest = |out: &str| out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    for args in [
        &["list"][..],
        &["status"][..],
        &["status", "--by", "checker"][..],
        &["status", "--by", "kind"][..],
        &["articles"][..],
    ] {
        let out = run_in_terminal(&desk, args, None);
        assert!(
            widest(&out) <= 70,
            "{args:?} wider than the terminal:\n{out}"
        );
        assert!(
            widest(&out) >= 60,
            "{args:?} did not use the terminal's width:\n{out}"
        );
        // No column squeezed to a letter or two: every table row starts with a whole id or name.
        assert!(
            !out.contains("│ c ┆") && !out.contains("│ a ┆"),
            "{args:?}:\n{out}"
        );
    }
    // The checker view needs more than 70 columns: it leaves columns out and says which.
    let checkers = run_in_terminal(&desk, &["status", "--by", "checker"], None);
    assert!(checkers.contains("not shown in 70 columns"), "{checkers}");
    assert!(checkers.contains("│ ana"), "{checkers}");
    // `show`: its prose is left to the terminal to wrap, its history table fits.
    desk.ok(&[
        "mark",
        "2",
        "verified",
        "--source",
        "https://example.org/evidence",
    ]);
    let shown = run_in_terminal(&desk, &["show", "2"], None);
    let table: Vec<&str> = shown
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '└']))
        .collect();
    assert!(!table.is_empty(), "{shown}");
    assert!(table.iter().all(|l| l.chars().count() <= 70), "{shown}");
    // COLUMNS overrides the terminal.
    let wide = run_in_terminal(&desk, &["list"], Some("100"));
    assert!(widest(&wide) > 70 && widest(&wide) <= 100, "{wide}");
    // Forty columns: ids stay whole, the claim text keeps a readable width.
    let narrow = desk_with_columns(&desk, "40");
    assert!(widest(&narrow) <= 40, "{narrow}");
    assert!(narrow.contains("not shown in 40 columns"), "{narrow}");
}

#[cfg(target_os = "linux")]
fn desk_with_columns(desk: &Desk, columns: &str) -> String {
    run_in_terminal(desk, &["list", "--limit", "3"], Some(columns))
}

#[test]
fn man_page_covers_commands_statuses_exit_codes_environment_and_files() {
    let desk = Desk::new();
    let page = desk.ok(&["man"]);
    for section in [
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH STATUSES",
        ".SH EVIDENCE",
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "{section}");
    }
    for command in [
        "claimtrack add",
        "claimtrack mark",
        "claimtrack source add",
        "claimtrack claim add",
        "claimtrack article edit",
        "claimtrack where",
        "claimtrack note",
        "claimtrack undo",
        "claimtrack sync",
        "claimtrack remote set",
        "claimtrack train checkworthy",
    ] {
        assert!(page.contains(&format!(".SS \"{command}\"")), "{command}");
    }
    assert!(
        !page.contains(" help "),
        "clap's help subcommands are not commands of the page"
    );
    for status in ["unverified", "in\\-progress", "dismissed", "unverifiable"] {
        assert!(page.contains(&format!(".TP\n\\fB{status}\\fR")), "{status}");
    }
    for variable in [
        "CLAIMTRACK_DB",
        "XDG_DATA_HOME",
        "COLUMNS",
        "NO_COLOR",
        "USER",
        "CLAIMTRACK_REMOTE",
        "PGHOST",
    ] {
        assert!(page.contains(&format!("\\fB{variable}\\fR")), "{variable}");
    }
    assert!(
        !page.contains("claimtrack-add(1)"),
        "no pages that do not exist"
    );
    // groff finds nothing to warn about, when it is installed.
    let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        println!("skipped: groff is not installed");
        return;
    };
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let output = groff.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn completions_offer_statuses_kinds_formats_and_the_databases_checkers() {
    let desk = Desk::new();
    let bash = desk.ok(&["completions", "bash"]);
    let statuses = "unverified in-progress verified false misleading unverifiable dismissed";
    assert!(
        bash.contains(&format!("compgen -W \"{statuses}\"")),
        "statuses"
    );
    assert!(bash.contains("compgen -W \"election quantity date quote role statement\""));
    assert!(
        bash.contains("compgen -W \"claimreview jsonl csv\""),
        "export formats"
    );
    assert!(
        bash.contains("compgen -W \"table json csv markdown\""),
        "status formats"
    );
    let by = bash.find("--by)\n").unwrap();
    assert!(
        bash[by..by + 120].contains("claimtrack names"),
        "{}",
        &bash[by..by + 120]
    );
    let zsh = desk.ok(&["completions", "zsh"]);
    assert!(zsh.contains(":NAME:_claimtrack_names") && zsh.contains("_claimtrack_names() {"));
    assert!(
        !zsh.contains("'names:"),
        "the hidden command is not offered"
    );
    let fish = desk.ok(&["completions", "fish"]);
    assert!(
        !fish.contains("-a \"names\""),
        "the hidden command is not offered"
    );
    assert!(fish.contains("-l by") && fish.contains("(claimtrack names 2>/dev/null)"));
    // The names: nothing (and no error) without a database, then everyone who worked.
    assert_eq!(desk.ok(&["names"]), "");
    assert!(!desk.db.exists());
    desk.add_sample();
    desk.ok(&["assign", "1", "--to", "chloe", "--by", "ana"]);
    desk.ok(&["mark", "2", "in-progress", "--by", "ben"]);
    assert_eq!(desk.ok(&["names"]), "ana\nben\nchloe\n");
}

#[test]
fn filters_leave_dismissed_claims_alone_and_interchange_keeps_them() {
    let desk = Desk::new();
    let article = desk.add_sample().to_string();
    desk.ok(&["mark", "1", "dismissed", "--by", "ana"]);
    desk.ok(&["mark", "--article", &article, "in-progress"]);
    assert_eq!(desk.json(&["show", "1"])["claim"]["status"], "dismissed");
    desk.ok(&[
        "claim",
        "add",
        &article,
        "The message is unmistakable",
        "--by",
        "ben",
    ]);
    let exported = desk.ok(&["export", "--format", "jsonl"]);
    let other = Desk::new();
    crate::run_with_stdin(&other.db, &["import", "-"], &exported).unwrap();
    assert_eq!(
        other.json(&["list", "--status", "dismissed"])["claims"][0]["text"],
        desk.json(&["show", "1"])["claim"]["text"]
    );
    assert_eq!(
        other.json(&["status"])["total"],
        desk.json(&["status"])["total"]
    );
}
