//! `train checkworthy`: learning from annotated articles and from a desk's decisions, the
//! figures it prints, the weights file it writes, and its refusals.

use std::path::Path;

use claimtrack::extract::claims::model::Model;

use super::Desk;

/// Facts with figures and names are claims; musings are not.
const FACTS: &[&str] = &[
    "The council approved a budget of $4.2 million on Tuesday, officials said.",
    "Unemployment in Ohio fell to 4.1 percent in May, the state reported.",
    "Senator Jane Doe won 52 percent of the vote in the March primary.",
    "The company cut 2,400 jobs last year, according to its annual report.",
];
const MUSINGS: &[&str] = &[
    "It feels like a different world now.",
    "Perhaps that is how it should be.",
    "Nobody really knows what comes next.",
];

/// An annotated folder as the devset is laid out: `articles/NAME.txt` and `gold/NAME.json`,
/// every fact a gold claim.
fn annotated_folder(dir: &Path, articles: usize) {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("gold")).unwrap();
    for n in 0..articles {
        let mut text = String::new();
        let mut claims = Vec::new();
        for i in 0..4 {
            let fact = FACTS[(n + i) % FACTS.len()];
            claims.push(serde_json::json!({
                "text": fact, "start": text.len(), "end": text.len() + fact.len(),
                "checkworthy": true,
            }));
            text.push_str(fact);
            text.push_str("\n\n");
            text.push_str(MUSINGS[(n + i) % MUSINGS.len()]);
            text.push_str("\n\n");
        }
        let name = format!("article{n}");
        std::fs::write(dir.join("articles").join(format!("{name}.txt")), &text).unwrap();
        let gold = serde_json::json!({
            "article": format!("{name}.txt"), "reference_date": "2022-06-03",
            "claims": claims, "traps": [],
        });
        std::fs::write(
            dir.join("gold").join(format!("{name}.json")),
            gold.to_string(),
        )
        .unwrap();
    }
}

/// The number at the start of the summary line: labelled sentences.
fn labelled(out: &str) -> usize {
    out.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn training_writes_weights_that_read_and_reports_held_out_figures() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    annotated_folder(&dir.path().join("devset"), 4);
    let weights = dir.path().join("model.weights");
    let devset = dir.path().join("devset");
    let args = [
        "train",
        "checkworthy",
        "--devset",
        devset.to_str().unwrap(),
        "--folds",
        "2",
        "--output",
        weights.to_str().unwrap(),
    ];
    let out = desk.ok(&args);
    // 4 articles of 4 facts and 4 musings each.
    assert_eq!(labelled(&out), 32, "{out}");
    assert!(out.contains("cross-validated, 2 folds by article"), "{out}");
    assert!(out.contains("as score_claims.py: claimF1="), "{out}");
    let text = std::fs::read_to_string(&weights).unwrap();
    let model = Model::parse(&text).unwrap();
    assert!((0.0..1.0).contains(&model.threshold));
    // The same data gives the same file, byte for byte.
    desk.ok(&args);
    assert_eq!(std::fs::read_to_string(&weights).unwrap(), text);
}

/// A desk's verdicts are check-worthy sentences: they add to what the model learns from.
#[test]
fn a_desks_verdicts_are_learned_from() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "2", "unverifiable", "--note", "no record"]);
    desk.ok(&["mark", "3", "unverifiable", "--note", "no record"]);
    let dir = tempfile::tempdir().unwrap();
    let devset = dir.path().join("devset");
    annotated_folder(&devset, 3);
    let weights = dir.path().join("model.weights");
    let train = |with_desk: bool| {
        let mut args = vec![
            "train",
            "checkworthy",
            "--devset",
            devset.to_str().unwrap(),
            "--output",
            weights.to_str().unwrap(),
        ];
        if with_desk {
            args.extend(["--from-db", desk.db.to_str().unwrap()]);
        }
        labelled(&desk.ok(&args))
    };
    // Only the two decided claims count: nobody decided on the sample's other claims.
    assert_eq!(train(true), train(false) + 2);
}

#[test]
fn training_refuses_what_it_cannot_learn_from() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.weights");
    let output = output.to_str().unwrap();
    let missing = dir.path().join("missing.db");
    for (args, message) in [
        (vec!["--output", output], "nothing to learn from"),
        (
            vec!["--from-db", missing.to_str().unwrap(), "--output", output],
            "no such database file",
        ),
        (
            vec!["--devset", "/nonexistent", "--output", output],
            "cannot read",
        ),
        (
            vec!["--devset", ".", "--folds", "1", "--output", output],
            "at least 2 folds",
        ),
    ] {
        let mut argv = vec!["train", "checkworthy"];
        argv.extend(args);
        let error = desk.run(&argv).unwrap_err().to_string();
        assert!(error.contains(message), "{argv:?}: {error}");
    }
    assert!(
        !Path::new(output).exists(),
        "nothing written after a refusal"
    );
}
