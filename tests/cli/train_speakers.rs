//! `train speakers`: the shipped speaker weights are what the command writes from the devset,
//! byte for byte, and bad arguments are refused before anything is written.

use std::path::Path;

use super::Desk;

const DEVSET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/devset");
const SHIPPED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/extract/speakers/speakers.weights"
);

/// Retraining on the devset gives the file the build embeds: a change to the speaker rules
/// or features that is not retrained for fails here, and so would any randomness.
#[test]
fn the_shipped_speaker_weights_are_reproducible() {
    if !Path::new(DEVSET).join("gold").is_dir() {
        println!("skipped: {DEVSET} is absent");
        return;
    }
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("speakers.weights");
    let args = ["train", "speakers", "--devset", DEVSET, "--output"];
    let mut argv = args.to_vec();
    argv.push(output.to_str().unwrap());
    let printed = desk.ok(&argv);
    assert!(
        printed.contains("cross-validated, 6 folds by article"),
        "{printed}"
    );
    assert!(printed.contains("rules alone:"), "{printed}");
    let written = std::fs::read_to_string(&output).unwrap();
    let shipped = std::fs::read_to_string(SHIPPED).unwrap();
    assert!(
        written == shipped,
        "retrain with `claimtrack train speakers --devset ../shared/devset --output {SHIPPED}`"
    );
}

#[test]
fn bad_speaker_training_arguments_are_refused() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("speakers.weights");
    let output = output.to_str().unwrap();
    for (args, message) in [
        (vec!["--devset", "/nonexistent"], "cannot read"),
        (vec!["--devset", ".", "--folds", "1"], "at least 2 folds"),
        (
            vec!["--devset", ".", "--l2=-1"],
            "give a number of 0 or more",
        ),
    ] {
        let mut argv = vec!["train", "speakers"];
        argv.extend(args);
        argv.extend(["--output", output]);
        let error = desk.run(&argv).unwrap_err().to_string();
        assert!(error.contains(message), "{argv:?}: {error}");
    }
    assert!(
        !Path::new(output).exists(),
        "nothing written after a refusal"
    );
}
