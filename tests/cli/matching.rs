//! Precision and recall of claim matching on labelled pairs (fixtures/matching_pairs.tsv): the
//! extractor finds each claim's figures and dates, then `matching::similarity` decides.
//! Run with `cargo test --test cli matching -- --nocapture` to see the figures.

use claimtrack::extract::{Context, extract};
use claimtrack::matching::{Fingerprint, similarity};

fn fingerprint(text: &str) -> Fingerprint {
    let extraction = extract(
        text,
        &Context {
            reference_date: chrono::NaiveDate::from_ymd_opt(2022, 6, 3),
        },
    );
    let values: Vec<_> = extraction
        .claims
        .iter()
        .flat_map(|c| c.values.iter().cloned())
        .collect();
    Fingerprint::new(text, &values)
}

#[test]
fn matching_precision_and_recall_on_labelled_pairs() {
    let pairs = include_str!("../../fixtures/matching_pairs.tsv");
    let (mut true_positive, mut false_positive, mut false_negative, mut true_negative) =
        (0, 0, 0, 0);
    for line in pairs
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [label, a, b] = fields[..] else {
            panic!("malformed line: {line}");
        };
        let matched = similarity(&fingerprint(a), &fingerprint(b)).is_some();
        match (label == "same", matched) {
            (true, true) => true_positive += 1,
            (true, false) => {
                false_negative += 1;
                println!("missed:  {a} | {b}");
            }
            (false, true) => {
                false_positive += 1;
                println!("wrongly matched: {a} | {b}");
            }
            (false, false) => true_negative += 1,
        }
    }
    let precision = f64::from(true_positive) / f64::from(true_positive + false_positive);
    let recall = f64::from(true_positive) / f64::from(true_positive + false_negative);
    println!(
        "matching: precision {precision:.2} recall {recall:.2} ({true_positive} found, {false_positive} wrong, {false_negative} missed, {true_negative} rightly apart)"
    );
    assert!(precision >= 0.90, "precision {precision:.2}");
    assert!(recall >= 0.80, "recall {recall:.2}");
}
