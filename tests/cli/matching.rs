//! Claim matching as a checker meets it: the same fact told by another outlet is matched,
//! with its reasons; a different fact on the same topic, or the same sentence with another
//! figure, is not; and `search` finds figures and words however they are written.

use serde_json::Value;

use crate::{Desk, SAMPLE};

/// Add `body` as an article published on `published`; returns its claims.
fn add(desk: &Desk, dir: &std::path::Path, name: &str, body: &str, published: &str) -> Vec<Value> {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    let article = desk.json(&["add", path.to_str().unwrap(), "--published", published]);
    let id = article["article"]["id"].to_string();
    desk.json(&["list", "--article", &id, "--limit", "1000"])["claims"]
        .as_array()
        .unwrap()
        .clone()
}

/// The sample article, then the second outlet's article; the second's claims.
fn sample_and_second(desk: &Desk, dir: &std::path::Path) -> Vec<Value> {
    desk.add_sample();
    add(desk, dir, "pentagon.txt", SECOND_ARTICLE, "2022-06-10")
}

/// Two one-sentence articles telling one finding in other words ("researchers detected",
/// "scientists discovered"); the claims of each.
fn frog_paraphrases(desk: &Desk, dir: &std::path::Path) -> (Vec<Value>, Vec<Value>) {
    let article = |name, sentence| {
        let body = format!("Report\n\n{sentence}\n");
        add(desk, dir, name, &body, "2022-03-01")
    };
    (
        article(
            "one.txt",
            "Researchers detected 17 new species of frog in the Andes.",
        ),
        article(
            "two.txt",
            "Scientists discovered 17 new frog species in the Andes.",
        ),
    )
}

/// The claim whose text contains `words`.
fn claim_with<'a>(claims: &'a [Value], words: &str) -> &'a Value {
    claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no claim contains {words:?}"))
}

/// The texts of the claims `matches ID` lists for a claim.
fn matched_texts(desk: &Desk, claim: &Value) -> Vec<String> {
    desk.json(&["matches", &claim["id"].to_string()])["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

const SECOND_ARTICLE: &str = "Pentagon restates its commitment to Seoul\n\n\
Pentagon officials said on Thursday that the United States keeps about 28,500 troops in South Korea.\n\n\
North Korea launched eight ballistic missiles on Sunday, the South Korean military said.\n";

#[test]
fn a_paraphrase_from_another_outlet_matches_and_a_different_fact_does_not() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let second = sample_and_second(&desk, dir.path());
    let troops = claim_with(&second, "keeps about 28,500 troops");
    let matched = matched_texts(&desk, troops);
    assert!(
        matched
            .iter()
            .any(|t| t.contains("only has 28,500 troops in South Korea")),
        "the 28,500-troops paraphrase: {matched:?}"
    );
    let reasons = &desk.json(&["matches", &troops["id"].to_string()])["matches"][0]["why"];
    assert_eq!(
        reasons["figures"],
        serde_json::json!(["28500"]),
        "{reasons}"
    );
    assert!(
        reasons["words"].as_array().unwrap().len() + reasons["names"].as_array().unwrap().len()
            >= 2,
        "{reasons}"
    );
    let missiles = claim_with(&second, "launched eight ballistic missiles");
    assert_eq!(matched_texts(&desk, missiles), Vec::<String>::new());
}

/// Two outlets name the same finders and finding in other words ("researchers detected",
/// "scientists discovered"): words of one paraphrase class count as shared. The desk holds
/// another story too, so that the counts tell the story's words from the sample's.
#[test]
fn words_of_one_paraphrase_class_match() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    desk.add_sample();
    let (one, other) = frog_paraphrases(&desk, dir.path());
    assert_eq!(
        matched_texts(&desk, &other[0]),
        [one[0]["text"].as_str().unwrap()]
    );
    let reasons = &desk.json(&["matches", &other[0]["id"].to_string()])["matches"][0]["why"];
    assert!(
        reasons["words"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("scientists")),
        "{reasons}"
    );
}

/// A desk that has just begun: two articles of one sentence each, the same fact in other words,
/// and nothing else stored. Every word is in every claim there, so the database's counts say
/// nothing about which words are rare; the two must match all the same.
#[test]
fn paraphrases_match_on_a_desk_of_two_claims() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let (one, other) = frog_paraphrases(&desk, dir.path());
    assert_eq!(
        desk.json(&["list", "--limit", "10"])["claims"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        matched_texts(&desk, &other[0]),
        [one[0]["text"].as_str().unwrap()]
    );
}

#[test]
fn a_contradicting_figure_of_the_same_kind_does_not_match() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    desk.add_sample();
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("28,500", "23,500");
    let changed = add(&desk, dir.path(), "changed.txt", &text, "2022-06-03");
    let troops = claim_with(&changed, "only has 23,500 troops");
    let matched = matched_texts(&desk, troops);
    assert!(
        !matched.iter().any(|t| t.contains("28,500")),
        "23,500 troops is another claim than 28,500 troops: {matched:?}"
    );
    // The rest of the copy still matches its original.
    let envoys = claim_with(&changed, "The remarks of the two envoys");
    assert_eq!(matched_texts(&desk, envoys).len(), 1);
}

/// The cases a new user tried: the same figure said with other words around it.
#[test]
fn the_same_figure_in_other_words_matches() {
    let cases = [
        (
            "A Malaysia Airlines plane carrying 162 people went missing over the Java Sea on Sunday, the airline said.\n",
            "The Malaysia Airlines jet had 162 passengers and crew on board when it went missing over the Java Sea, officials said.\n",
        ),
        (
            "Flight MH370 disappeared on March 8 with 239 passengers and crew aboard, the airline said.\n",
            "The Boeing 777 vanished from radar on March 8 with 239 on board, investigators said.\n",
        ),
        // A small figure with a decimal, the month in other words, and no word in common but
        // two of one paraphrase class each ("fell"/"dropped", "unemployment"/"jobless").
        (
            "Unemployment fell to 4.5 percent in February, the bureau said.\n",
            "The jobless rate dropped to 4.5% last month, figures showed.\n",
        ),
        // Nothing in common but the month and a decimal figure, which rarely recur together
        // by chance.
        (
            "Inflation stood at 2.7 percent in February, the statistics office said.\n",
            "Consumer prices were 2.7% higher last month than a year earlier.\n",
        ),
    ];
    for (first, second) in cases {
        let desk = Desk::new();
        let dir = tempfile::tempdir().unwrap();
        let one = add(
            &desk,
            dir.path(),
            "one.txt",
            &format!("Report\n\n{first}"),
            "2014-03-20",
        );
        let other = add(
            &desk,
            dir.path(),
            "two.txt",
            &format!("Report\n\n{second}"),
            "2014-03-20",
        );
        assert_eq!(
            matched_texts(&desk, &other[0]),
            [one[0]["text"].as_str().unwrap()],
            "{first} / {second}"
        );
    }
}

#[test]
fn search_finds_figures_in_any_written_form_and_words_by_their_stem() {
    let desk = Desk::new();
    desk.add_sample();
    for query in ["28500", "28,500", "28.5 thousand"] {
        let found = desk.json(&["search", query]);
        let first = &found["claims"][0];
        assert!(
            first["text"].as_str().unwrap().contains("28,500 troops"),
            "search {query}: {found}"
        );
        let text = first["text"].as_str().unwrap();
        let marked = &first["highlights"][0];
        let (start, end) = (
            marked[0].as_u64().unwrap() as usize,
            marked[1].as_u64().unwrap() as usize,
        );
        assert!(
            text[start..end].starts_with("28,500"),
            "the figure is highlighted: {first}"
        );
    }
    let found = desk.json(&["search", "envoy"]);
    assert!(
        found["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["text"].as_str().unwrap().contains("two envoys")),
        "search envoy finds envoys: {found}"
    );
}

#[test]
fn a_claim_added_by_hand_is_matched_with_the_claims_of_other_articles() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let second = sample_and_second(&desk, dir.path());
    let article = second[0]["article_id"].to_string();
    let passage = "the United States keeps about 28,500 troops in South Korea";
    let added = desk.json(&["claim", "add", &article, passage])["claim"].clone();
    let matched = matched_texts(&desk, &added);
    assert!(
        matched
            .iter()
            .any(|t| t.contains("only has 28,500 troops in South Korea")),
        "the hand-added claim meets the sample's: {matched:?}"
    );
    assert!(
        !matched.iter().any(|t| t.contains("Pentagon officials")),
        "a claim of its own article is no match: {matched:?}"
    );
}

/// A total and its parts are one fact: "239 people on board" and "227 passengers and 12 crew"
/// of the same flight match, though their units differ.
#[test]
fn a_total_matches_its_parts() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let first = add(
        &desk,
        dir.path(),
        "first.txt",
        "Plane lost\n\nThe Malaysia Airlines Boeing 777 was carrying 227 passengers and 12 crew \
         members when it vanished on March 8 over the South China Sea, officials said.\n",
        "2014-03-20",
    );
    add(
        &desk,
        dir.path(),
        "second.txt",
        "Search goes on\n\nThe Malaysia Airlines plane vanished on March 8 with 239 people on \
         board, officials said.\n",
        "2014-03-21",
    );
    let parts = claim_with(&first, "227 passengers and 12 crew");
    assert!(
        matched_texts(&desk, parts)
            .iter()
            .any(|t| t.contains("239 people on board")),
        "the total matches its parts"
    );
}

/// After an upgrade, a new article's paraphrase of the sample's 28,500 troops still finds it.
fn assert_sample_still_found(desk: &Desk) {
    let dir = tempfile::tempdir().unwrap();
    let second = add(
        desk,
        dir.path(),
        "pentagon.txt",
        SECOND_ARTICLE,
        "2022-06-10",
    );
    let troops = claim_with(&second, "keeps about 28,500 troops");
    assert!(
        matched_texts(desk, troops)
            .iter()
            .any(|t| t.contains("only has 28,500 troops in South Korea")),
        "the claims stored before the upgrade are still candidates"
    );
}

/// A version-9 database filed its claims under words before paraphrases were joined, a
/// version-10 one before the classes of version 11: the upgrade rebuilds the index from the
/// claims, so the archive is still found, and the index is the one a new database would hold.
#[test]
fn a_version_9_or_10_database_has_its_candidate_index_rebuilt_on_upgrade() {
    for version in [9, 10] {
        version_database_has_its_candidate_index_rebuilt(version);
    }
}

fn version_database_has_its_candidate_index_rebuilt(version: i64) {
    let desk = Desk::new();
    desk.add_sample();
    let terms = |desk: &Desk| -> Vec<(i64, i64, Option<String>)> {
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        let mut statement = connection
            .prepare("SELECT term, claims, postings FROM match_terms ORDER BY term")
            .unwrap();
        statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let fresh = terms(&desk);
    {
        // An index under other word keys: every key moved, counts and postings kept.
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        connection
            .execute_batch(&format!(
                "UPDATE match_terms SET term = term + 1 WHERE term <> 0;
                 PRAGMA user_version = {version};"
            ))
            .unwrap();
    }
    desk.ok(&["status"]);
    assert_eq!(
        terms(&desk),
        fresh,
        "the index a new database holds ({version})"
    );
    assert_sample_still_found(&desk);
}

#[test]
fn a_version_6_database_keeps_its_candidate_index_on_upgrade() {
    let desk = Desk::new();
    desk.add_sample();
    {
        // Back to version 6: the candidate index in its own table, one row per posting.
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        connection
            .execute_batch(
                "CREATE TABLE match_keys (
                     key INTEGER NOT NULL,
                     claim_id INTEGER NOT NULL REFERENCES claims (id),
                     PRIMARY KEY (key, claim_id)
                 ) WITHOUT ROWID;
                 INSERT INTO match_keys (key, claim_id)
                     SELECT m.term, CAST(j.value AS INTEGER) FROM match_terms m,
                         json_each('[' || replace(m.postings, ' ', ',') || ']') j
                     WHERE m.postings IS NOT NULL;
                 CREATE TABLE old_terms AS SELECT term, claims FROM match_terms;
                 DROP TABLE match_terms;
                 CREATE TABLE match_terms (term INTEGER PRIMARY KEY, claims INTEGER NOT NULL);
                 INSERT INTO match_terms SELECT term, claims FROM old_terms;
                 DROP TABLE old_terms;
                 PRAGMA user_version = 6;",
            )
            .unwrap();
    }
    assert_sample_still_found(&desk);
}
