//! Reports: status views and formats, the article list and search. Expectations are derived
//! from `list --json`, never from how many claims the extractor finds.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::Desk;

const STATUSES: [&str; 6] = [
    "unverified",
    "in-progress",
    "verified",
    "false",
    "misleading",
    "unverifiable",
];

fn claims(desk: &Desk) -> Vec<Value> {
    desk.json(&["list"])["claims"].as_array().unwrap().clone()
}

/// Two verdicts by ana and an open claim assigned to ben: enough for every view to differ.
fn worked_desk() -> (Desk, Vec<Value>) {
    let desk = Desk::new();
    desk.add_sample();
    let all = claims(&desk);
    let id = |i: usize| all[i]["id"].to_string();
    desk.ok(&[
        "mark",
        &id(0),
        "verified",
        "--source",
        "https://example.org/a",
        "--by",
        "ana",
    ]);
    desk.ok(&[
        "mark",
        &id(1),
        "false",
        "--source",
        "Ministry of Interior record",
        "--by",
        "ana",
    ]);
    desk.ok(&["mark", &id(2), "in-progress", "--by", "ben"]);
    desk.ok(&["assign", &id(2), "--to", "ben"]);
    let all = claims(&desk);
    (desk, all)
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn status_by_kind_counts_every_claim_once_per_kind() {
    let (desk, all) = worked_desk();
    let report = desk.json(&["status", "--by", "kind"]);
    let mut expected: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for claim in &all {
        *expected
            .entry(claim["kind"].as_str().unwrap().into())
            .or_default()
            .entry(claim["status"].as_str().unwrap().into())
            .or_default() += 1;
    }
    let kinds = report["kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), expected.len());
    for row in kinds {
        let want = &expected[row["kind"].as_str().unwrap()];
        for status in STATUSES {
            assert_eq!(
                row["by_status"][status].as_u64().unwrap(),
                want.get(status).copied().unwrap_or(0),
                "{row}"
            );
        }
    }
    assert_eq!(report["total"]["claims"], all.len());
    assert_eq!(report["total"]["resolved"], 2);
}

#[test]
fn status_by_checker_and_the_old_flag_agree() {
    let (desk, _) = worked_desk();
    let by = desk.json(&["status", "--by", "checker"]);
    let old = desk.json(&["status", "--by-checker"]);
    assert_eq!(by, old);
    let checkers = by["checkers"].as_array().unwrap();
    let ana = checkers.iter().find(|c| c["name"] == "ana").unwrap();
    assert_eq!(ana["verdicts"], 2);
    let ben = checkers.iter().find(|c| c["name"] == "ben").unwrap();
    assert_eq!(ben["assigned"]["by_status"]["in-progress"], 1);
    assert_eq!(ben["open"], 1);
}

#[test]
fn status_by_day_counts_events_and_claims_settled() {
    let (desk, all) = worked_desk();
    let days = desk.json(&["status", "--by", "day"])["days"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(days.len(), 1, "every change was made today: {days:?}");
    let today = &days[0];
    // Two verdicts, one in-progress, one assignment.
    assert_eq!(today["events"], 4);
    assert_eq!(today["settled"], 2);
    assert_eq!(today["settled_by_status"]["verified"], 1);
    assert_eq!(today["settled_by_status"]["false"], 1);
    assert_eq!(today["claims"], all.len());
    assert_eq!(today["resolved"], 2);
    assert!(
        today["day"]
            .as_str()
            .unwrap()
            .chars()
            .filter(|c| *c == '-')
            .count()
            == 2
    );
}

#[test]
fn status_csv_parses_and_matches_json() {
    let (desk, _) = worked_desk();
    let json = desk.json(&["status"]);
    let (header, rows) = parse_csv(&desk.ok(&["status", "--format", "csv"]));
    for column in ["id", "article", "claims", "resolved", "progress"]
        .into_iter()
        .chain(STATUSES)
    {
        assert!(
            header.iter().any(|h| h == column),
            "no {column} in {header:?}"
        );
    }
    assert_eq!(rows.len(), 1, "one article, and CSV has no total row");
    assert_eq!(rows[0]["claims"], json["articles"][0]["claims"].to_string());
    assert_eq!(rows[0]["verified"], "1");
    let progress: f64 = rows[0]["progress"].parse().unwrap();
    assert_eq!(progress, json["articles"][0]["progress"].as_f64().unwrap());

    for view in ["kind", "checker", "day"] {
        let (header, rows) = parse_csv(&desk.ok(&["status", "--by", view, "--format", "csv"]));
        assert!(header.contains(&"progress".to_string()), "{view}");
        assert!(!rows.is_empty(), "{view}");
    }
}

#[test]
fn status_markdown_is_a_table_with_a_total_row() {
    let (desk, _) = worked_desk();
    let markdown = desk.ok(&["status", "--format", "markdown"]);
    let lines: Vec<&str> = markdown.lines().collect();
    assert!(
        lines[0].starts_with("| id | article | claims |"),
        "{markdown}"
    );
    assert!(lines[1].starts_with("| --- |"), "{markdown}");
    assert!(lines.last().unwrap().contains("**total**"), "{markdown}");
    assert!(lines.iter().all(|l| l.starts_with('|') && l.ends_with('|')));
}

#[test]
fn tables_fit_the_width_and_machine_formats_never_colour() {
    let (desk, _) = worked_desk();
    for view in ["article", "kind", "checker", "day"] {
        let table = desk.ok(&["--color", "always", "status", "--by", view]);
        assert!(table.contains('█'), "{view}: a progress bar\n{table}");
        assert!(table.contains("\u{1b}["), "{view}: --color always colours");
        let plain = desk.ok(&["status", "--by", view]);
        assert!(
            !plain.contains("\u{1b}["),
            "{view}: no colour off a terminal"
        );
        for line in plain.lines() {
            assert!(line.chars().count() <= 120, "{view}: too wide\n{plain}");
        }
        for format in ["csv", "markdown", "json"] {
            let out = desk.ok(&[
                "--color", "always", "status", "--by", view, "--format", format,
            ]);
            assert!(!out.contains("\u{1b}["), "{view} {format} has colour");
        }
    }
}

#[test]
fn articles_lists_publication_details_and_progress() {
    let (desk, all) = worked_desk();
    let articles = desk.json(&["articles"])["articles"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(articles[0]["published"], "2022-06-03");
    assert_eq!(articles[0]["claims"], all.len());
    assert_eq!(articles[0]["resolved"], 2);
    for field in [
        "id",
        "title",
        "url",
        "outlet",
        "added_at",
        "progress",
        "by_status",
    ] {
        assert!(articles[0].get(field).is_some(), "no {field}");
    }
    let table = desk.ok(&["articles"]);
    assert!(
        table.contains("2022-06-03") && table.contains('%'),
        "{table}"
    );
}

#[test]
fn search_ranks_highlights_and_filters_by_status() {
    let (desk, all) = worked_desk();
    let with_troops: Vec<i64> = all
        .iter()
        .filter(|c| c["text"].as_str().unwrap().contains("troops"))
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(!with_troops.is_empty(), "the sample mentions troops");
    let found = desk.json(&["search", "troops"])["claims"]
        .as_array()
        .unwrap()
        .clone();
    let mut ids: Vec<i64> = found.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    let relevance: Vec<f64> = found
        .iter()
        .map(|c| c["relevance"].as_f64().unwrap())
        .collect();
    assert!(relevance.windows(2).all(|w| w[0] >= w[1]), "best first");
    ids.sort();
    assert_eq!(ids, with_troops);
    for claim in &found {
        let text = claim["text"].as_str().unwrap();
        let [start, end] = [0, 1].map(|i| claim["highlights"][0][i].as_u64().unwrap() as usize);
        assert_eq!(text[start..end].to_lowercase(), "troops");
    }
    let table = desk.ok(&["search", "troops"]);
    assert!(table.contains("[troops]"), "{table}");

    let status = found[0]["status"].as_str().unwrap();
    let narrowed = desk.json(&["search", "troops", "--status", status])["claims"]
        .as_array()
        .unwrap()
        .clone();
    assert!(narrowed.iter().all(|c| c["status"] == status));
}

#[test]
fn search_takes_fts_syntax_literally_and_nothing_found_is_exit_one() {
    let (desk, _) = worked_desk();
    for query in [
        r#""troops"#,
        "troops -",
        "NOT: troops",
        "troo*",
        "28,500 AND troops",
    ] {
        // Every word must occur, so some find nothing; none may be an FTS5 syntax error.
        match desk.run(&["search", query]) {
            Ok(_) | Err(claimtrack::Error::NothingMatched(_)) => {}
            Err(e) => panic!("{query}: {e}"),
        }
    }
    assert!(
        desk.run(&["search", "troo*"]).is_ok(),
        "a trailing * is a prefix"
    );
    let err = desk.run(&["search", r#"" : *"#]).unwrap_err();
    assert!(err.to_string().contains("no words"), "{err}");
    let err = desk.run(&["search", "zebra"]).unwrap_err();
    assert_eq!(err.exit_code(), 1);
    assert_eq!(err.to_string(), "no claims match 'zebra'");
}

#[test]
fn completions_and_man_page_are_generated() {
    let desk = Desk::new();
    let bash = desk.ok(&["completions", "bash"]);
    assert!(
        bash.contains("claimtrack") && bash.contains("search"),
        "{bash}"
    );
    let man = desk.ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH"), "{man}");
    assert!(man.contains("claimtrack"));
}

#[test]
fn search_that_finds_nothing_exits_one_from_the_real_binary() {
    let desk = Desk::new();
    desk.add_sample();
    let output = assert_cmd::Command::cargo_bin("claimtrack")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["--db", desk.db.to_str().unwrap(), "search", "zebra"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "claimtrack: no claims match 'zebra'\n"
    );
}
