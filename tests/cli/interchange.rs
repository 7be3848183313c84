//! Interchange: ClaimReview JSON-LD, CSV, and the JSON-lines export that `import` merges.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::{Desk, run_with_stdin};

fn ids(desk: &Desk) -> Vec<String> {
    desk.json(&["list"])["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].to_string())
        .collect()
}

/// One claim in each status, with a speaker-less claim and the outlet given.
fn desk_with_every_status() -> Desk {
    let desk = Desk::new();
    desk.ok(&[
        "add",
        crate::SAMPLE,
        "--published",
        crate::SAMPLE_PUBLISHED,
        "--outlet",
        "The New York Sun",
        "--url",
        "https://www.nysun.com/article/seoul",
    ]);
    let ids = ids(&desk);
    let src = ["--source", "https://example.org/evidence", "--by", "ana"];
    desk.ok(&[&["mark", &ids[0], "verified"][..], &src].concat());
    desk.ok(&[&["mark", &ids[1], "false"][..], &src].concat());
    desk.ok(&[&["mark", &ids[2], "misleading"][..], &src].concat());
    desk.ok(&[
        "mark",
        &ids[3],
        "unverifiable",
        "--note",
        "no record",
        "--by",
        "ben",
    ]);
    desk.ok(&["mark", &ids[4], "in-progress"]);
    desk
}

fn export(desk: &Desk, args: &[&str]) -> String {
    desk.ok(&[&["export", "--format"][..], args].concat())
}

#[test]
fn claimreview_has_the_required_fields_for_each_status() {
    let desk = desk_with_every_status();
    let claims = desk.json(&["list"])["claims"].as_array().unwrap().clone();
    let text = export(
        &desk,
        &[
            "claimreview",
            "--publisher",
            "Desk Check",
            "--publisher-url",
            "https://desk.example",
        ],
    );
    let reviews: Vec<Value> = serde_json::from_str(&text).unwrap();
    let settled: Vec<&Value> = claims
        .iter()
        .filter(|c| !["unverified", "in-progress"].contains(&c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(reviews.len(), settled.len(), "one review per settled claim");
    let expected: BTreeMap<&str, (i64, &str)> = [
        ("verified", (5, "True")),
        ("false", (1, "False")),
        ("misleading", (2, "Misleading")),
        ("unverifiable", (-1, "Unverifiable")),
    ]
    .into();
    for (review, claim) in reviews.iter().zip(&settled) {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(!review["claimReviewed"].as_str().unwrap().is_empty());
        let item = &review["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        let author_type = item["author"]["@type"].as_str().unwrap();
        if claim["speaker"].is_null() {
            assert_eq!(author_type, "Organization");
            assert_eq!(item["author"]["name"], "The New York Sun");
        } else {
            assert_eq!(author_type, "Person");
            assert_eq!(item["author"]["name"], claim["speaker"]);
        }
        assert_eq!(item["datePublished"], "2022-06-03");
        assert_eq!(
            item["appearance"][0]["url"],
            "https://www.nysun.com/article/seoul"
        );
        let (value, name) = expected[claim["status"].as_str().unwrap()];
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert_eq!(rating["ratingValue"], value);
        assert_eq!(rating["alternateName"], name);
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Desk Check");
        assert_eq!(review["author"]["url"], "https://desk.example");
        let date = review["datePublished"].as_str().unwrap();
        assert_eq!(date.len(), 10, "{date}");
        assert_eq!(
            &claim["status_changed_at"].as_str().unwrap()[..10],
            date,
            "the day the verdict was given"
        );
    }
}

#[test]
fn csv_has_one_parsable_row_per_claim() {
    let desk = desk_with_every_status();
    let claims = desk.json(&["list"])["claims"].as_array().unwrap().clone();
    let text = export(&desk, &["csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), claims.len());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, claim) in rows.iter().zip(&claims) {
        assert_eq!(row[column("claim_id")], claim["id"].to_string());
        assert_eq!(&row[column("status")], claim["status"].as_str().unwrap());
        assert_eq!(&row[column("outlet")], "The New York Sun");
    }
    let verified = rows
        .iter()
        .find(|r| &r[column("status")] == "verified")
        .unwrap();
    assert_eq!(&verified[column("sources")], "https://example.org/evidence");
    assert_eq!(&verified[column("verdict_by")], "ana");
}

/// The CSV of the whole archive is read table by table alongside the claims (not claim by
/// claim): each row must still carry its own claim's values and sources, also where the
/// claims around it have none, and none of a source taken back.
#[test]
fn csv_rows_carry_their_own_claims_values_and_sources() {
    let desk = desk_with_every_status();
    let folder = tempfile::tempdir().unwrap();
    let second = folder.path().join("second.txt");
    std::fs::write(
        &second,
        "Council vote\n\nThe council spent $4.5 million on 12 new buses in 2021, the mayor said.\n\nNothing else happened.\n",
    )
    .unwrap();
    desk.ok(&["add", second.to_str().unwrap()]);
    let claims = desk.json(&["list"])["claims"].as_array().unwrap().clone();
    let last = claims.last().unwrap()["id"].to_string();
    desk.ok(&[
        "source",
        "add",
        &last,
        "https://example.org/buses",
        "--by",
        "ana",
    ]);
    desk.ok(&[
        "source",
        "add",
        &last,
        "https://example.org/wrong",
        "--by",
        "ana",
    ]);
    desk.ok(&["undo", &last, "--by", "ana"]);
    let claims = desk.json(&["list"])["claims"].as_array().unwrap().clone();
    let text = export(&desk, &["csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), claims.len());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let count = |cell: &str| cell.split("; ").filter(|p| !p.is_empty()).count();
    for (row, claim) in rows.iter().zip(&claims) {
        assert_eq!(row[column("claim_id")], claim["id"].to_string());
        let values = claim["values"].as_array().unwrap().len();
        assert_eq!(count(&row[column("values")]), values, "{row:?}");
        let sources: Vec<&str> = claim["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["reference"].as_str().unwrap())
            .collect();
        assert_eq!(&row[column("sources")], sources.join("; "), "{row:?}");
    }
    let last_row = rows.last().unwrap();
    assert_eq!(&last_row[column("sources")], "https://example.org/buses");
}

fn totals(desk: &Desk) -> (Value, Value) {
    (
        desk.json(&["list"]),
        desk.json(&["status"])["total"].clone(),
    )
}

#[test]
fn export_import_into_an_empty_database_and_again_changes_nothing() {
    let desk = desk_with_every_status();
    desk.ok(&["undo", &ids(&desk)[0], "--by", "ana"]);
    desk.ok(&["note", &ids(&desk)[5], "-m", "ask the ministry"]);
    let jsonl = export(&desk, &["jsonl"]);
    for line in jsonl.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        assert!(record["record"].is_string(), "{line}");
    }
    let other = Desk::new();
    run_with_stdin(&other.db, &["import", "-"], &jsonl).unwrap();
    assert_eq!(totals(&other), totals(&desk));
    let again = run_with_stdin(&other.db, &["import", "-"], &jsonl).unwrap();
    assert!(
        again.contains("imported 0 articles, 0 claims, 0 sources, 0 events"),
        "{again}"
    );
    assert_eq!(totals(&other), totals(&desk));
    // The history came along too, and a second export is the same file.
    assert_eq!(
        export(&other, &["jsonl"]).lines().count(),
        jsonl.lines().count()
    );
}

#[test]
fn two_checkers_merge_their_work_and_the_latest_verdict_wins() {
    let base = Desk::new();
    base.add_sample();
    let ids = ids(&base);
    let start = export(&base, &["jsonl"]);
    let ana = Desk::new();
    let ben = Desk::new();
    run_with_stdin(&ana.db, &["import", "-"], &start).unwrap();
    run_with_stdin(&ben.db, &["import", "-"], &start).unwrap();
    ana.ok(&[
        "mark",
        &ids[0],
        "verified",
        "--source",
        "USFK fact sheet, 2022",
        "--by",
        "ana",
    ]);
    ben.ok(&["mark", &ids[1], "in-progress", "--by", "ben"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // Ben settles the same claim later, differently.
    ben.ok(&[
        "mark",
        &ids[0],
        "false",
        "--source",
        "Pentagon press briefing, June 2022",
        "--by",
        "ben",
    ]);

    run_with_stdin(&ana.db, &["import", "-"], &export(&ben, &["jsonl"])).unwrap();
    let merged = ana.json(&["show", &ids[0]])["claim"].clone();
    assert_eq!(merged["status"], "false", "ben's later verdict");
    assert_eq!(merged["events"].as_array().unwrap().len(), 2);
    assert_eq!(merged["sources"].as_array().unwrap().len(), 2);
    assert_eq!(
        ana.json(&["show", &ids[1]])["claim"]["status"],
        "in-progress"
    );

    // Merging back the other way converges on the same state (source ids are local to each
    // database, so compare what the sources say).
    run_with_stdin(&ben.db, &["import", "-"], &export(&ana, &["jsonl"])).unwrap();
    let state = |desk: &Desk| -> Vec<(Value, Value, Vec<String>)> {
        desk.json(&["list"])["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut sources: Vec<String> = c["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["reference"].as_str().unwrap().to_string())
                    .collect();
                sources.sort();
                (c["id"].clone(), c["status"].clone(), sources)
            })
            .collect()
    };
    assert_eq!(state(&ben), state(&ana));
    assert_eq!(totals(&ben).1, totals(&ana).1);
}

#[test]
fn a_malformed_line_is_refused_with_its_number_and_nothing_is_written() {
    let desk = desk_with_every_status();
    let jsonl = export(&desk, &["jsonl"]);
    let mut lines: Vec<&str> = jsonl.lines().collect();
    lines.insert(3, "{\"record\": \"claim\", \"oops\": true}");
    let broken = lines.join("\n");
    let empty = Desk::new();
    let err = run_with_stdin(&empty.db, &["import", "-"], &broken).unwrap_err();
    assert!(err.to_string().contains("line 4"), "{err}");
    assert_eq!(empty.json(&["status"])["total"]["claims"], 0);

    // A record pointing at a claim nobody has is refused the same way, after parsing.
    let orphan = lines
        .iter()
        .filter(|l| !l.contains("\"record\":\"claim\"") && !l.contains("oops"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let err = run_with_stdin(&empty.db, &["import", "-"], &orphan).unwrap_err();
    assert!(err.to_string().contains("line "), "{err}");
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(
        empty.json(&["articles"])["articles"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn a_match_scored_differently_elsewhere_is_not_stored_twice() {
    let desk = Desk::new();
    desk.add_sample();
    let dir = tempfile::tempdir().unwrap();
    let variant = dir.path().join("variant.txt");
    let text = std::fs::read_to_string(crate::SAMPLE).unwrap();
    std::fs::write(&variant, text.replace("Sung Kim", "Someone Else")).unwrap();
    desk.ok(&[
        "add",
        variant.to_str().unwrap(),
        "--published",
        crate::SAMPLE_PUBLISHED,
    ]);
    let count = |desk: &Desk| -> usize {
        ids(desk)
            .iter()
            .map(|id| {
                desk.json(&["matches", id])["matches"]
                    .as_array()
                    .unwrap()
                    .len()
            })
            .sum()
    };
    let before = count(&desk);
    assert!(before > 0, "the variant matches the sample");
    // The same export, as a desk whose claimtrack scored every pair a little differently.
    let rescored: String = export(&desk, &["jsonl"])
        .lines()
        .map(|line| {
            let mut record: Value = serde_json::from_str(line).unwrap();
            if record["record"] == "match" {
                let score = record["score"].as_f64().unwrap();
                record["score"] = Value::from(score * 0.9);
            }
            record.to_string() + "\n"
        })
        .collect();
    run_with_stdin(&desk.db, &["import", "-"], &rescored).unwrap();
    assert_eq!(count(&desk), before);
}
