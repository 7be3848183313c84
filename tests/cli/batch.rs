//! Loading many articles at once: folders, a bad file among good ones, and a load that is
//! interrupted and run again.

use std::path::Path;

use crate::{Desk, SAMPLE};

/// Write `count` small, distinct articles under `folder`, numbered from `first`.
fn write_articles(folder: &Path, first: usize, count: usize) {
    std::fs::create_dir_all(folder).unwrap();
    for i in first..first + count {
        let text = format!(
            "Council vote number {i}\n\nThe city council approved a budget of ${} million on Tuesday, officials said.\n\nThe mayor said {} residents had signed the petition.\n",
            100 + i,
            1000 + 7 * i
        );
        std::fs::write(folder.join(format!("article-{i:03}.txt")), text).unwrap();
    }
}

#[test]
fn a_folder_is_added_recursively_with_a_summary() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    write_articles(&dir.path().join("2022"), 0, 3);
    write_articles(&dir.path().join("2023/june"), 3, 2);
    std::fs::write(dir.path().join("notes.md"), "not an article").unwrap();
    let folder = dir.path().to_str().unwrap();
    let summary = desk.json(&["add", folder]);
    assert_eq!(summary["files"], 3 + 2, "only *.txt files: {summary}");
    assert_eq!(summary["added"], 5);
    assert_eq!(summary["already_present"], 0);
    assert!(summary["claims"].as_u64().unwrap() >= 5);
    assert_eq!(
        desk.json(&["status"])["articles"].as_array().unwrap().len(),
        5
    );
    let text = desk.ok(&["add", folder, "--glob", "*.md"]);
    assert!(
        text.contains("1 articles added"),
        "--glob picks other files: {text}"
    );
}

/// A batch says where the reference dates came from: these articles carry no date, so
/// without --published each is dated the day it is added.
#[test]
fn a_batch_says_which_reference_dates_it_used() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0, 3);
    let folder = dir.path().to_str().unwrap();
    let summary = desk.json(&["add", folder]);
    assert_eq!(summary["reference_dates"]["added"], 3, "{summary}");
    assert_eq!(summary["reference_dates"]["given"], 0);
    write_articles(dir.path(), 3, 2);
    let text = desk.ok(&["add", folder, "--published", "2022-06-03"]);
    assert!(
        text.contains("--published for 2, a date in the first lines for 0, the day added for 0"),
        "{text}"
    );
}

#[test]
fn a_bad_file_is_reported_and_the_rest_are_added() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0, 3);
    std::fs::write(dir.path().join("article-001b.txt"), b"caf\xe9 latin-1 text").unwrap();
    let folder = dir.path().to_str().unwrap();
    let err = desk.run(&["add", folder, SAMPLE]).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.to_string().contains("1 of 5 files could not be added"),
        "{err}"
    );
    let status = desk.json(&["status"]);
    assert_eq!(
        status["articles"].as_array().unwrap().len(),
        4,
        "the good files were added"
    );
}

#[test]
fn an_interrupted_load_run_again_adds_only_what_is_missing() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0, 3);
    let folder = dir.path().to_str().unwrap();
    desk.json(&["add", folder]);
    let claims_after_first = desk.json(&["status"])["total"]["claims"].as_u64().unwrap();
    // The rest of the archive arrives; the whole folder is loaded again.
    write_articles(dir.path(), 0, 5);
    let summary = desk.json(&["add", folder]);
    assert_eq!(summary["already_present"], 3);
    assert_eq!(summary["added"], 2);
    let fresh = Desk::new();
    fresh.json(&["add", folder]);
    assert_eq!(
        desk.json(&["status"])["total"],
        fresh.json(&["status"])["total"],
        "two runs give what one clean run gives"
    );
    assert!(desk.json(&["status"])["total"]["claims"].as_u64().unwrap() > claims_after_first);
}

#[test]
fn standard_input_and_title_belong_to_a_single_article() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0, 1);
    let folder = dir.path().to_str().unwrap();
    assert!(desk.run(&["add", folder, "-"]).is_err());
    assert!(desk.run(&["add", folder, "--title", "x"]).is_err());
}

/// Within a batch the full-text index is written at commit, and matching looks among the
/// batch's own claims another way: the matches and search hits must be exactly those of
/// adding the same articles one at a time.
#[test]
fn a_batch_finds_the_same_matches_as_adding_one_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let files = [
        ("a.txt", text.clone()),
        ("b.txt", format!("{text}\nReprinted with permission.\n")),
        (
            "c.txt",
            text.replace("28,500", "28,000")
                .replace("Sung Kim", "Kim Sung"),
        ),
    ];
    for (name, body) in &files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let (batch, single) = (Desk::new(), Desk::new());
    batch.ok(&["add", dir.path().to_str().unwrap()]);
    for (name, _) in &files {
        single.ok(&["add", dir.path().join(name).to_str().unwrap()]);
    }
    let claims = single.json(&["list"])["claims"].as_array().unwrap().len();
    assert_eq!(
        batch.json(&["list"])["claims"].as_array().unwrap().len(),
        claims
    );
    let mut matched = 0;
    for id in 1..=claims {
        let id = id.to_string();
        let (from_batch, one_by_one) = (
            batch.json(&["matches", &id])["matches"].clone(),
            single.json(&["matches", &id])["matches"].clone(),
        );
        assert_eq!(from_batch, one_by_one, "claim {id}");
        matched += usize::from(!one_by_one.as_array().unwrap().is_empty());
    }
    assert!(matched > claims / 2, "{matched} of {claims} claims matched");
    for query in ["Seoul", "troops", "governors"] {
        assert_eq!(
            batch.ok(&["search", query, "--json"]),
            single.ok(&["search", query, "--json"]),
            "search {query}"
        );
    }
}

/// `add` stores a batch with foreign-key checks off (they cost a tenth of its storing time on a
/// large archive): every row it writes must still have its parent, matches included.
#[test]
fn a_batch_leaves_no_row_without_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    std::fs::write(dir.path().join("b.txt"), text.replace("28,500", "28,000")).unwrap();
    write_articles(dir.path(), 0, 3);
    let desk = Desk::new();
    desk.ok(&["add", dir.path().to_str().unwrap()]);
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    let count = |sql: &str| -> i64 { connection.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(count("SELECT count(*) FROM claim_matches") > 0);
    assert!(count("SELECT count(*) FROM claim_values") > 0);
    let orphans: Vec<String> = connection
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        orphans.is_empty(),
        "rows without their parent in {orphans:?}"
    );
}

/// An article that fails half-way through being stored (here a trigger refuses one of its
/// values, after its article row and first claim are written) leaves no trace, and the batch
/// goes on with the others.
#[test]
fn an_article_failing_half_way_is_rolled_back_alone() {
    let desk = Desk::new();
    // An empty database, made by importing nothing (read-only commands never create one).
    crate::run_with_stdin(&desk.db, &["import", "-"], "").unwrap();
    {
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        connection
            .execute_batch(
                "CREATE TRIGGER refuse_troops BEFORE INSERT ON claim_values
                 WHEN NEW.unit = 'troops' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
            )
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0, 3);
    std::fs::copy(SAMPLE, dir.path().join("article-001b.txt")).unwrap();
    let err = desk
        .run(&["add", dir.path().to_str().unwrap()])
        .unwrap_err();
    assert!(
        err.to_string().contains("1 of 4 files could not be added"),
        "{err}"
    );
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    let count = |sql: &str| -> i64 { connection.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM articles"), 3);
    assert_eq!(
        count("SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)"),
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM claims_fts"),
        count("SELECT count(*) FROM claims")
    );
    assert_eq!(
        count("SELECT sum(claims) FROM article_status_counts"),
        count("SELECT count(*) FROM claims")
    );
    connection
        .execute_batch("DROP TRIGGER refuse_troops")
        .unwrap();
    let summary = desk.json(&["add", dir.path().to_str().unwrap()]);
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["already_present"], 3);
}
