//! A desk's verification work: sources as records, history, undo, assignment, bulk selection,
//! transition rules and matching claims across articles.

use crate::{Desk, run_with_stdin};

/// Two short articles that state the same troop figure in different words, and one with a
/// different figure in the same words as the first.
const FIRST: &str = "Seoul, June 3, 2022\n\nThe United States has 28,500 troops stationed in South Korea, the Pentagon said.\n\nThe ruling party won 12 of the 17 races for governor and mayor.\n";
const PARAPHRASE: &str = "Tokyo, June 5, 2022\n\nWashington keeps some 28,500 troops in South Korea under the alliance, Pentagon officials said.\n";
const OTHER_FIGURE: &str = "Busan, June 6, 2022\n\nThe United States has 28,000 troops stationed in South Korea, the Pentagon said.\n";

fn add(desk: &Desk, text: &str, title: &str) -> serde_json::Value {
    let out = run_with_stdin(&desk.db, &["add", "-", "--title", title, "--json"], text).unwrap();
    serde_json::from_str(&out).unwrap()
}

fn claim(desk: &Desk, id: i64) -> serde_json::Value {
    desk.json(&["show", &id.to_string()])["claim"].clone()
}

fn troop_claim(added: &serde_json::Value) -> i64 {
    added["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("troops"))
        .expect("a troop claim")["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn source_add_keeps_url_title_excerpt_and_who() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&[
        "source",
        "add",
        "1",
        "2",
        "https://www.usfk.mil/About/",
        "--title",
        "USFK: About",
        "--excerpt",
        "approximately 28,500",
        "--by",
        "ana",
    ]);
    desk.ok(&["source", "add", "1", "Yonhap, 3 June 2022, p. 2"]);
    let sources = claim(&desk, 1)["sources"].clone();
    assert_eq!(sources.as_array().unwrap().len(), 2);
    assert_eq!(sources[0]["is_url"], true);
    assert_eq!(sources[0]["title"], "USFK: About");
    assert_eq!(sources[0]["excerpt"], "approximately 28,500");
    assert_eq!(sources[0]["added_by"], "ana");
    assert_eq!(
        sources[1]["is_url"], false,
        "anything but http(s) is a citation"
    );
    assert_eq!(claim(&desk, 2)["sources"].as_array().unwrap().len(), 1);
    assert_eq!(
        claim(&desk, 1)["status"],
        "unverified",
        "a source alone is not a verdict"
    );
    // The source given earlier settles a later verdict.
    desk.ok(&["mark", "1", "verified"]);
    let err = desk
        .run(&["source", "add", "1", "ftp://example.org/x"])
        .unwrap_err();
    assert!(err.to_string().contains("not a whole http(s) URL"), "{err}");
}

#[test]
fn undo_appends_a_compensating_event_and_undo_of_undo_reapplies() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "1", "in-progress"]);
    desk.ok(&[
        "mark",
        "1",
        "false",
        "--source",
        "https://example.org/record",
    ]);
    let verdicts =
        |desk: &Desk| desk.json(&["status", "--by-checker"])["checkers"][0]["verdicts"].clone();
    assert_eq!(verdicts(&desk), 1);
    desk.ok(&["undo", "1"]);
    assert_eq!(
        verdicts(&desk),
        0,
        "an undone verdict is not a verdict given"
    );
    let after_undo = claim(&desk, 1);
    assert_eq!(after_undo["status"], "in-progress");
    assert!(
        after_undo["sources"].as_array().unwrap().is_empty(),
        "the undone source is withdrawn"
    );
    let events = after_undo["events"].as_array().unwrap().clone();
    assert_eq!(events.len(), 3, "history is appended to, never rewritten");
    assert_eq!(events[2]["action"], "undo");
    assert_eq!(events[2]["undoes"], events[1]["id"]);
    assert_eq!(
        events[2]["withdrawn_sources"][0],
        "https://example.org/record"
    );

    desk.ok(&["undo", "1"]);
    let reapplied = claim(&desk, 1);
    assert_eq!(reapplied["status"], "false", "undo of an undo re-applies");
    assert_eq!(verdicts(&desk), 1);
    assert_eq!(reapplied["sources"].as_array().unwrap().len(), 1);
    assert_eq!(reapplied["events"].as_array().unwrap().len(), 4);
}

#[test]
fn undo_without_history_is_an_error() {
    let desk = Desk::new();
    desk.add_sample();
    let err = desk.run(&["undo", "1"]).unwrap_err();
    assert!(err.to_string().contains("no changes to undo"));
}

#[test]
fn assignment_notes_and_work_per_checker() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["assign", "1-4", "--to", "ana"]);
    desk.ok(&["assign", "5", "6", "--to", "ben"]);
    desk.ok(&[
        "note",
        "5",
        "-m",
        "called the ministry, waiting",
        "--by",
        "ben",
    ]);
    desk.ok(&[
        "mark",
        "1",
        "verified",
        "--source",
        "https://example.org/a",
        "--by",
        "ana",
    ]);
    desk.ok(&["mark", "2", "in-progress", "--by", "ana"]);
    let listed = desk.json(&["list", "--assignee", "ana"]);
    let ids: Vec<i64> = listed["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![1, 2, 3, 4]);
    assert_eq!(listed["claims"][0]["assignee"], "ana");

    let checkers = desk.json(&["status", "--by-checker"])["checkers"].clone();
    let ana = checkers
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ana")
        .unwrap();
    assert_eq!(ana["assigned"]["claims"], 4);
    assert_eq!(ana["open"], 3);
    assert_eq!(ana["verdicts"], 1);
    let ben = checkers
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ben")
        .unwrap();
    assert_eq!(ben["assigned"]["claims"], 2);
    assert_eq!(ben["events"], 1, "the note");
    let events = claim(&desk, 5)["events"].clone();
    assert_eq!(events[1]["action"], "note");
    assert_eq!(events[1]["note"], "called the ministry, waiting");
    // Unassigning is a change too, and undo gives the claim back.
    desk.ok(&["assign", "6", "--nobody"]);
    assert!(claim(&desk, 6)["assignee"].is_null());
    desk.ok(&["undo", "6"]);
    assert_eq!(claim(&desk, 6)["assignee"], "ben");
}

#[test]
fn bulk_selection_by_ids_ranges_and_filters_is_one_transaction() {
    let desk = Desk::new();
    desk.add_sample();
    add(&desk, FIRST, "second");
    desk.ok(&["mark", "3", "5", "7-9", "in-progress"]);
    let in_progress = desk.json(&["list", "--status", "in-progress"])["claims"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(in_progress, 5);
    desk.ok(&["mark", "--article", "2", "in-progress"]);
    let second: Vec<serde_json::Value> = desk.json(&["list", "--article", "2"])["claims"]
        .as_array()
        .unwrap()
        .clone();
    assert!(second.iter().all(|c| c["status"] == "in-progress"));
    // Filters narrow explicit ids: only the first article's claims among 1-3 change.
    desk.ok(&["assign", "1-3", "--article", "1", "--to", "ana"]);
    assert_eq!(
        desk.json(&["list", "--assignee", "ana"])["claims"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // One claim of the selection breaks a rule: nothing changes.
    let err = desk
        .run(&["mark", "--article", "1", "verified"])
        .unwrap_err();
    assert!(err.to_string().contains("needs a source"));
    assert_eq!(
        desk.json(&["list", "--status", "verified"])["claims"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert!(
        desk.run(&["mark", "--article", "9", "in-progress"])
            .is_err()
    );
}

#[test]
fn transition_rules() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "1", "verified", "--source", "https://example.org/a"]);
    let err = desk.run(&["mark", "1", "unverified"]).unwrap_err();
    assert!(
        err.to_string().contains("needs a note"),
        "reopening needs a note: {err}"
    );
    let err = desk.run(&["mark", "1", "false"]).unwrap_err();
    assert!(
        err.to_string().contains("needs a note"),
        "changing a verdict needs a note: {err}"
    );
    desk.ok(&[
        "mark",
        "1",
        "in-progress",
        "--note",
        "the figure is disputed",
    ]);
    assert_eq!(claim(&desk, 1)["status"], "in-progress");
    let out = desk.ok(&["mark", "1", "in-progress"]);
    assert!(out.contains("already in-progress"), "{out}");
    assert_eq!(
        claim(&desk, 1)["events"].as_array().unwrap().len(),
        2,
        "no event for no change"
    );
}

#[test]
fn paraphrase_with_the_same_figure_is_matched_and_settled_with_same_as() {
    let desk = Desk::new();
    let first = add(&desk, FIRST, "first");
    let old = troop_claim(&first);
    desk.ok(&[
        "mark",
        &old.to_string(),
        "verified",
        "--source",
        "https://www.usfk.mil/About/",
        "--by",
        "ana",
    ]);
    let second = add(&desk, PARAPHRASE, "paraphrase");
    let new = troop_claim(&second);
    let matches = desk.json(&["matches", &new.to_string()])["matches"].clone();
    assert_eq!(matches[0]["id"], old, "{matches}");
    assert_eq!(matches[0]["status"], "verified");
    let listed = desk.json(&["list", "--article", "2"]);
    let listed_new = listed["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == new)
        .unwrap();
    assert_eq!(listed_new["matches"][0]["id"], old);
    let text = desk.ok(&["matches", &new.to_string()]);
    assert!(text.contains("--same-as"), "{text}");

    desk.ok(&[
        "mark",
        &new.to_string(),
        "--same-as",
        &old.to_string(),
        "--by",
        "ben",
    ]);
    let settled = claim(&desk, new);
    assert_eq!(settled["status"], "verified");
    assert_eq!(
        settled["sources"][0]["reference"],
        "https://www.usfk.mil/About/"
    );
    assert_eq!(settled["events"][0]["action"], "same-as");
    assert_eq!(settled["events"][0]["same_as"], old);

    let third = add(&desk, OTHER_FIGURE, "other figure");
    let different = troop_claim(&third);
    let matches = desk.json(&["matches", &different.to_string()])["matches"].clone();
    assert!(
        matches.as_array().unwrap().is_empty(),
        "same words, different figure: {matches}"
    );
}

#[test]
fn same_as_needs_a_settled_claim() {
    let desk = Desk::new();
    desk.add_sample();
    let err = desk.run(&["mark", "2", "--same-as", "1"]).unwrap_err();
    assert!(err.to_string().contains("no verdict yet"), "{err}");
    let err = desk
        .run(&["mark", "2", "verified", "--same-as", "1"])
        .unwrap_err();
    assert!(err.to_string().contains("leave out the status"), "{err}");
}
