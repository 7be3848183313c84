//! What a fact-checker expects from the sample article once it is stored: the figures with
//! their units, the repeated troop claim logged once with both places, the election result
//! with its resolved date, the quotes' speakers, and no page furniture.

use serde_json::Value;

use crate::{Desk, SAMPLE};

fn claims(desk: &Desk) -> Vec<Value> {
    desk.json(&["list"])["claims"].as_array().unwrap().clone()
}

fn claim_with<'a>(claims: &'a [Value], needle: &str) -> &'a Value {
    claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no claim containing {needle:?}"))
}

fn has_value(claim: &Value, value_type: &str, value: Value, unit: Option<&str>) -> bool {
    claim["values"].as_array().unwrap().iter().any(|v| {
        v["type"] == value_type && v["value"] == value && unit.is_none_or(|u| v["unit"] == u)
    })
}

#[test]
fn troop_figure_is_one_claim_stated_in_two_places() {
    let desk = Desk::new();
    desk.add_sample();
    let claims = claims(&desk);
    let troops: Vec<&Value> = claims
        .iter()
        .filter(|c| c["text"].as_str().unwrap().contains("28,500 troops"))
        .collect();
    assert_eq!(troops.len(), 1, "one thing to check, not two");
    let claim = troops[0];
    assert!(
        has_value(claim, "count", serde_json::json!(28500.0), Some("troops")),
        "{claim}"
    );
    let occurrences = claim["occurrences"].as_array().unwrap();
    assert_eq!(
        occurrences.len(),
        1,
        "the second place is recorded: {claim}"
    );
    assert!(
        occurrences[0]["text"]
            .as_str()
            .unwrap()
            .contains("28,500 troops")
    );
    let body = std::fs::read_to_string(SAMPLE).unwrap();
    let (start, end) = (
        occurrences[0]["start"].as_u64().unwrap() as usize,
        occurrences[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&body[start..end], occurrences[0]["text"].as_str().unwrap());
}

#[test]
fn election_result_is_12_of_17_on_wednesday_june_1() {
    let desk = Desk::new();
    desk.add_sample();
    let claims = claims(&desk);
    let election = claim_with(&claims, "won12 of the 17 positions");
    assert_eq!(election["kind"], "election");
    assert!(
        has_value(
            election,
            "count",
            serde_json::json!(12.0),
            Some("positions")
        ),
        "{election}"
    );
    assert!(
        has_value(election, "count", serde_json::json!(17.0), None),
        "{election}"
    );
    assert!(
        has_value(election, "date", serde_json::json!("2022-06-01"), None),
        "{election}"
    );
}

#[test]
fn quotes_are_attributed_to_the_three_officials() {
    let desk = Desk::new();
    desk.add_sample();
    let claims = claims(&desk);
    for (needle, speaker) in [
        ("“We are preparing", "Sung Kim"),
        ("relentless pursuit of nuclear weapons", "Kim Gunn"),
        (
            "trilateral cooperation is all the more important",
            "Takehiro Funakoshi",
        ),
        ("Our bottom line has not changed", "Sung Kim"),
    ] {
        let claim = claim_with(&claims, needle);
        assert_eq!(claim["speaker"], speaker, "{needle}");
        assert!(claim["kinds"].as_array().unwrap().contains(&"quote".into()));
    }
}

#[test]
fn footer_credits_and_names_with_numbers_yield_nothing() {
    let desk = Desk::new();
    desk.add_sample();
    for claim in claims(&desk) {
        let text = claim["text"].as_str().unwrap();
        for furniture in [
            "via AP",
            "©",
            "All rights reserved",
            "Sign in",
            "Terms of Use",
            "Create a free account",
        ] {
            assert!(!text.contains(furniture), "{furniture} in {text}");
        }
        for value in claim["values"].as_array().unwrap() {
            let shown = value["text"].as_str().unwrap();
            if text.contains("Covid-19") {
                assert!(!shown.contains("19"), "Covid-19 gave {value}");
            }
            assert_ne!(
                value["value"],
                serde_json::json!(2025.0),
                "© 2025 gave a value"
            );
            assert_ne!(
                value["value"],
                serde_json::json!("2025"),
                "© 2025 gave a value"
            );
        }
    }
}

#[test]
fn relative_dates_follow_the_reference_date() {
    let desk = Desk::new();
    desk.add_sample();
    let claims = claims(&desk);
    let talks = claim_with(&claims, "The trilateral talks on Friday");
    assert!(
        has_value(talks, "date", serde_json::json!("2022-06-03"), None),
        "{talks}"
    );
    let next_week = claim_with(&claims, "next week");
    assert!(
        has_value(next_week, "date", serde_json::json!("2022-W23"), None),
        "{next_week}"
    );
}
