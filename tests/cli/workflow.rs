//! The desk's loop, in-process: add an article, list its claims, mark them, read the history
//! and the progress table.

use crate::{Desk, SAMPLE, SAMPLE_PUBLISHED};

#[test]
fn empty_article_is_refused_and_nothing_is_stored() {
    let desk = Desk::new();
    let err = crate::run_with_stdin(&desk.db, &["add", "-"], " \n\t\n").unwrap_err();
    assert!(err.to_string().contains("is empty"), "{err}");
    assert!(!desk.db.exists(), "not even an empty database is made");
}

#[test]
fn same_text_added_twice_is_stored_once_and_named() {
    let desk = Desk::new();
    let first = desk.add_sample();
    let claims_before = desk.json(&["list"])["claims"].as_array().unwrap().len();
    let again = desk.json(&["add", SAMPLE, "--published", SAMPLE_PUBLISHED]);
    assert_eq!(again["already_present"], true);
    assert_eq!(again["article"]["id"], first);
    let text = desk.ok(&["add", SAMPLE]);
    assert!(
        text.contains(&format!("already stored as article {first}")),
        "{text}"
    );
    assert_eq!(
        desk.json(&["list"])["claims"].as_array().unwrap().len(),
        claims_before
    );
    assert_eq!(
        desk.json(&["status"])["articles"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn title_defaults_to_the_first_non_empty_line() {
    let desk = Desk::new();
    desk.add_sample();
    let status = desk.json(&["status"]);
    assert_eq!(
        status["articles"][0]["title"],
        "With Backing of Washington and Tokyo, Seoul Presses North Korea More Aggressively"
    );
}

#[test]
fn add_says_which_reference_date_it_used() {
    let desk = Desk::new();
    let out = desk.ok(&["add", SAMPLE, "--published", SAMPLE_PUBLISHED]);
    assert!(
        out.contains("resolved against 2022-06-03 (from --published)"),
        "{out}"
    );

    // The sample's only date near the top is a photo caption's: the picture's date, not the
    // article's. Without --published the article is dated the day it is added.
    let desk = Desk::new();
    let out = desk.json(&["add", SAMPLE]);
    assert_eq!(out["reference_source"], "none");
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(out["reference_date"], today.as_str());

    // A "Published" line at the top dates the article; a date deep in the body does not.
    let dir = tempfile::tempdir().unwrap();
    let dated = dir.path().join("dated.txt");
    std::fs::write(
        &dated,
        "Council passes budget\nPublished Nov. 19, 2019\n\nThe council approved the budget on Tuesday, officials said.\n",
    )
    .unwrap();
    let out = desk.json(&["add", dated.to_str().unwrap()]);
    assert_eq!(out["reference_source"], "text");
    assert_eq!(out["reference_date"], "2019-11-19");
    let archive = dir.path().join("archive.txt");
    let mut body = String::from("Mill burns\n\n");
    for i in 0..10 {
        body.push_str(&format!(
            "Paragraph {i} says the mill burned on Tuesday, officials said.\n\n"
        ));
    }
    body.push_str("The mill had opened on March 3, 1986, records show.\n");
    std::fs::write(&archive, body).unwrap();
    let out = desk.json(&["add", archive.to_str().unwrap()]);
    assert_eq!(out["reference_source"], "none", "1986 is the mill's date");
    assert_eq!(out["reference_date"], today.as_str());
}

#[test]
fn verdict_needs_a_source_given_now_or_earlier() {
    let desk = Desk::new();
    desk.add_sample();
    assert!(desk.run(&["mark", "1", "false"]).is_err());
    desk.ok(&[
        "mark",
        "1",
        "verified",
        "--source",
        "Ministry of Defense white paper, 2022",
    ]);
    // The source given before still settles the next verdict.
    desk.ok(&[
        "mark",
        "1",
        "misleading",
        "--note",
        "troop count is authorised strength",
    ]);
    let claim = &desk.json(&["show", "1"])["claim"];
    assert_eq!(claim["status"], "misleading");
    assert_eq!(claim["sources"].as_array().unwrap().len(), 1);
    assert_eq!(
        claim["sources"][0]["is_url"], false,
        "a citation, not a URL"
    );
}

#[test]
fn every_change_is_an_event_in_order() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "2", "in-progress", "--by", "ana"]);
    desk.ok(&[
        "mark",
        "2",
        "verified",
        "--source",
        "https://example.org/a",
        "--by",
        "ben",
        "--note",
        "matches the record",
    ]);
    let events = desk.json(&["show", "2"])["claim"]["events"].clone();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["from"], "unverified");
    assert_eq!(events[0]["to"], "in-progress");
    assert_eq!(events[0]["by"], "ana");
    assert_eq!(events[1]["from"], "in-progress");
    assert_eq!(events[1]["to"], "verified");
    assert_eq!(events[1]["by"], "ben");
    assert_eq!(events[1]["note"], "matches the record");
    assert_eq!(events[1]["source"], "https://example.org/a");
    assert!(
        events[1]["at"].as_str().unwrap().ends_with('Z'),
        "times are UTC"
    );
}

#[test]
fn marking_several_claims_is_all_or_nothing() {
    let desk = Desk::new();
    desk.add_sample();
    let err = desk
        .run(&["mark", "1", "2", "999", "in-progress"])
        .unwrap_err();
    assert!(err.to_string().contains("999"));
    let listed = desk.json(&["list", "--status", "in-progress"]);
    assert!(
        listed["claims"].as_array().unwrap().is_empty(),
        "nothing was half-written"
    );
    assert!(
        desk.json(&["show", "1"])["claim"]["events"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn list_filters_by_status_kind_article_and_limit() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "1-3", "in-progress"]);
    let in_progress = desk.json(&["list", "--status", "in-progress"]);
    let ids: Vec<i64> = in_progress["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![1, 2, 3]);
    assert_eq!(
        desk.json(&["list", "--limit", "2"])["claims"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    for claim in desk.json(&["list", "--kind", "quantity"])["claims"]
        .as_array()
        .unwrap()
    {
        assert_eq!(claim["kind"], "quantity");
    }
    assert!(
        desk.run(&["list", "--article", "7"]).is_err(),
        "unknown article is an error"
    );
    assert!(desk.run(&["list", "--kind", "opinion"]).is_err());
}

#[test]
fn status_counts_resolved_claims_per_article_and_in_total() {
    let desk = Desk::new();
    desk.add_sample();
    crate::run_with_stdin(
        &desk.db,
        &["add", "-", "--title", "second"],
        "Officials said 40 people attended the meeting on Tuesday.\n",
    )
    .unwrap();
    let before = desk.json(&["status"]);
    let claims = before["total"]["claims"].as_u64().unwrap();
    desk.ok(&["mark", "1", "verified", "--source", "https://example.org/a"]);
    desk.ok(&["mark", "2", "unverifiable", "--note", "no public record"]);
    desk.ok(&["mark", "3", "in-progress"]);
    let after = desk.json(&["status"]);
    assert_eq!(after["total"]["claims"].as_u64().unwrap(), claims);
    assert_eq!(after["total"]["resolved"], 2, "in-progress is not resolved");
    assert_eq!(after["articles"][0]["by_status"]["unverifiable"], 1);
    let progress = after["articles"][0]["progress"].as_f64().unwrap();
    let expected = 2.0 / after["articles"][0]["claims"].as_f64().unwrap();
    assert!((progress - expected).abs() < 1e-3);
    let table = desk.ok(&["status"]);
    assert!(table.contains("total"), "{table}");
}

#[test]
fn extract_and_split_store_nothing() {
    let desk = Desk::new();
    let out = desk.json(&["extract", SAMPLE, "--published", SAMPLE_PUBLISHED]);
    assert!(!out["claims"].as_array().unwrap().is_empty());
    assert!(!desk.db.exists(), "extract never opens the database");
    desk.ok(&["split", SAMPLE]);
    assert!(!desk.db.exists());
}

#[test]
fn extract_json_spans_are_slices_of_the_input() {
    let desk = Desk::new();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let out = desk.json(&["extract", SAMPLE, "--published", SAMPLE_PUBLISHED, "--all"]);
    for claim in out["claims"].as_array().unwrap() {
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], claim["text"].as_str().unwrap());
        let score = claim["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        if claim["checkable"] == false {
            assert!(claim["why"].is_string(), "--all says why: {claim}");
        }
    }
}

/// `status` reads counts kept in step with the claims; they must always equal a recount.
#[test]
fn status_counts_equal_a_recount_of_the_claims() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "1-4", "in-progress"]);
    desk.ok(&["mark", "2", "verified", "--source", "https://example.org/a"]);
    desk.ok(&["undo", "3"]);
    desk.ok(&["mark", "5", "unverifiable", "--note", "no record"]);
    let claims = desk.json(&["list"])["claims"].as_array().unwrap().clone();
    let status = desk.json(&["status"]);
    for name in [
        "unverified",
        "in-progress",
        "verified",
        "false",
        "misleading",
        "unverifiable",
    ] {
        let recount = claims.iter().filter(|c| c["status"] == name).count() as u64;
        assert_eq!(
            status["total"]["by_status"][name].as_u64().unwrap(),
            recount,
            "{name}"
        );
    }
    assert_eq!(status["total"]["by_status"]["in-progress"], 2);
}

/// A first `add` with a mistyped path or date must not leave an empty database behind.
#[test]
fn failed_first_add_creates_no_database() {
    let desk = Desk::new();
    assert!(desk.run(&["add", "/nonexistent/article.txt"]).is_err());
    assert!(desk.run(&["add", SAMPLE, "--published", "June 3"]).is_err());
    assert!(!desk.db.exists());
}

/// On an archive `status` lists the most recent articles; the total still counts every one.
#[test]
fn status_lists_the_latest_articles_and_totals_them_all() {
    let desk = Desk::new();
    for i in 0..3 {
        crate::run_with_stdin(
            &desk.db,
            &["add", "-", "--title", &format!("article {i}")],
            &format!(
                "Officials said {} people attended the meeting on Tuesday.\n",
                10 + i
            ),
        )
        .unwrap();
    }
    let all = desk.json(&["status", "--all"]);
    let limited = desk.json(&["status", "--limit", "2"]);
    let titles: Vec<&str> = limited["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["article 1", "article 2"]);
    assert_eq!(limited["articles_not_listed"], 1);
    assert_eq!(limited["total"], all["total"]);
    assert_eq!(all["articles"].as_array().unwrap().len(), 3);
    let table = desk.ok(&["status", "--limit", "2"]);
    assert!(table.contains("1 earlier articles not listed"), "{table}");
}
