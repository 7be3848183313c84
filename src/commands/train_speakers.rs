//! `claimtrack train speakers`: fit the model that chooses a claim's speaker among the
//! candidates the attribution rules find, print its cross-validated figures beside the rules'
//! own, and write the weights file the build embeds.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::train::{Gold, read_annotated};
use crate::cli::TrainSpeakersArgs;
use crate::error::{Error, Result};
use crate::extract::claims::model::train::{self, Example, Settings};
use crate::extract::speakers::choice::{self, FEATURES, Features, SpeakerModel};
use crate::extract::{Context, extract, speakers};

/// Enough steps for the accelerated descent to settle on a few dozen features.
const ITERATIONS: usize = 2000;

/// The threshold of a model that must never choose: above any probability.
const NEVER: f64 = 2.0;

/// The table `train::fit` fits has `2^BITS` slots, one per feature bit.
const BITS: u32 = 6;

/// A gold file, as far as speakers go.
/// A gold claim as the model sees it: the sentence the extractor logs for it, with that
/// sentence's candidates.
struct Case {
    article: usize,
    /// The gold speaker's last word, lowercased (`None`: the claim has no speaker).
    speaker: Option<String>,
    /// The sentence is a checkable claim `score_claims.py` matches to the gold claim; the
    /// others are only learned from.
    scored: bool,
    /// (last word, features) of each candidate.
    candidates: Vec<(String, Features)>,
}

pub fn speakers(args: &TrainSpeakersArgs, out: &mut dyn Write) -> Result<()> {
    if args.folds < 2 {
        return Err(Error::Invalid(format!(
            "--folds {}: cross-validation needs at least 2 folds",
            args.folds
        )));
    }
    if !(args.l2.is_finite() && args.l2 >= 0.0) {
        return Err(Error::Invalid(format!(
            "--l2 {}: give a number of 0 or more",
            args.l2
        )));
    }
    let (articles, cases) = read_devset(&args.devset)?;
    let settings = Settings {
        bits: BITS,
        l2: args.l2,
        iterations: ITERATIONS,
    };
    let keep_rules = !args.rank_all;
    let (examples, owners) = examples(&cases, keep_rules);
    if examples.iter().all(|e| e.label) || examples.iter().all(|e| !e.label) {
        return Err(Error::Invalid(
            "the annotated claims give no speaker to learn from".into(),
        ));
    }
    let folds = args.folds.min(articles);
    let held_out = train::held_out_probabilities(&examples, folds, settings);
    let thresholds: Vec<f64> = (0..folds)
        .map(|fold| {
            let others = |case: &Case| train::fold_of(case.article, folds) != fold;
            best_threshold(&cases, &owners, &held_out, others, keep_rules)
        })
        .collect();
    let fold_threshold = |case: &Case| thresholds[train::fold_of(case.article, folds)];
    let cv = tally(&cases, &owners, &held_out, fold_threshold, keep_rules);
    let all: Vec<&Example> = examples.iter().collect();
    let fitted = train::fit(&all, settings);
    let fitted_probabilities: Vec<f64> = examples.iter().map(|e| fitted.probability(e)).collect();
    let threshold = floor4(best_threshold(
        &cases,
        &owners,
        &held_out,
        |_| true,
        keep_rules,
    ));
    let plain = tally(
        &cases,
        &owners,
        &fitted_probabilities,
        |_| threshold,
        keep_rules,
    );
    let rules = rules_tally(&cases);

    let with_speaker = cases.iter().filter(|c| c.speaker.is_some()).count();
    let reachable = cases
        .iter()
        .filter(|c| c.scored && c.speaker.is_some())
        .filter(|c| {
            c.candidates
                .iter()
                .any(|(w, _)| Some(w) == c.speaker.as_ref())
        })
        .count();
    writeln!(
        out,
        "{} gold claims from {articles} articles, {with_speaker} with a speaker; {} candidates learned from; the right speaker is among a logged claim's candidates for {reachable}",
        cases.len(),
        examples.len()
    )?;
    writeln!(
        out,
        "{} features; L2 {}; {ITERATIONS} iterations",
        FEATURES.len(),
        args.l2
    )?;
    writeln!(out, "rules alone:")?;
    rules.write(out)?;
    writeln!(
        out,
        "cross-validated, {folds} folds by article (each fold's threshold chosen on the others):"
    )?;
    cv.write(out)?;
    writeln!(
        out,
        "training data (train = all, threshold {threshold:.4}):"
    )?;
    plain.write(out)?;
    // The model replaces the rules only where it does better on articles it has not seen.
    let beats = cv.right > rules.right && cv.net() >= rules.net();
    if !beats {
        writeln!(
            out,
            "the model does not beat the rules on held-out articles: the weights keep the rules' speakers alone"
        )?;
    }
    let mut weights = [0.0; FEATURES.len()];
    for (i, weight) in weights.iter_mut().enumerate() {
        *weight = fitted.weights[i];
    }
    let model = SpeakerModel {
        keep_rules: keep_rules || !beats,
        threshold: if beats { threshold } else { NEVER },
        bias: fitted.bias,
        weights,
    };
    let comments = format!(
        "claimtrack speaker model: logistic regression over the features of a sentence's speaker candidates.\n\
         Written by `claimtrack train speakers`; do not edit by hand, retrain (README).\n\
         Trained on {} candidates of {} gold claims ({with_speaker} with a speaker) from {articles} articles.\n\
         Cross-validated ({folds} folds by article): speakers {:.3} ({} wrong, {} given to claims without one); rules alone {:.3} ({} wrong, {} given).\n\
         {}\n\
         Threshold: the most right speakers less wrong and unwanted ones on held-out articles;\n\
         {NEVER} (never reached) when the model does not beat the rules there.",
        examples.len(),
        cases.len(),
        cv.score(),
        cv.wrong,
        cv.unwanted,
        rules.score(),
        rules.wrong,
        rules.unwanted,
        if !beats {
            "The model did not beat the rules: the rules' speakers stand alone."
        } else if keep_rules {
            "The rules' speaker stands where they find one; the model chooses for the sentences they leave without."
        } else {
            "The model chooses every speaker among the candidates, the rules' choice one of its features."
        }
    );
    std::fs::write(&args.output, model.write(&comments)).map_err(|e| Error::Read {
        path: args.output.clone(),
        reason: format!("cannot write: {e}"),
    })?;
    writeln!(out, "wrote {}", args.output.display())?;
    Ok(())
}

/// The number of articles read, and the gold claims of all of them as cases.
fn read_devset(dir: &Path) -> Result<(usize, Vec<Case>)> {
    let articles = read_annotated(dir)?;
    let mut cases = Vec::new();
    for (article, (gold, text, reference)) in articles.iter().enumerate() {
        cases.extend(article_cases(article, gold, text, *reference));
    }
    Ok((articles.len(), cases))
}

/// Each gold claim with the candidates of the sentence the extractor logs for it, matched as
/// `score_claims.py` matches them (among checkable claims; failing that, among all sentences,
/// to learn from).
fn article_cases(
    article: usize,
    gold: &Gold,
    text: &str,
    reference: Option<NaiveDate>,
) -> Vec<Case> {
    let extraction = extract(
        text,
        &Context {
            reference_date: reference,
        },
    );
    let sentences = &extraction.sentences;
    let skip: Vec<bool> = sentences.iter().map(|s| s.boilerplate.is_some()).collect();
    let candidates = speakers::training_candidates(text, sentences, &skip);
    let claims = &extraction.claims;
    gold.claims
        .iter()
        .filter_map(|g| {
            let matched = |checkable: bool| best_match((g.start, g.end), claims, checkable);
            let (index, scored) = match matched(true) {
                Some(i) => (i, true),
                None => (matched(false)?, false),
            };
            let candidates = candidates.get(index)?;
            Some(Case {
                article,
                speaker: g.speaker.as_deref().map(choice::last_word),
                scored,
                candidates: candidates
                    .iter()
                    .map(|c| (choice::last_word(&c.name), c.features))
                    .collect(),
            })
        })
        .collect()
}

/// The claim `score_claims.py` matches to a gold span: it covers half of the gold span, the
/// gold span covers 30% of it, and it overlaps most.
fn best_match(
    gold: (usize, usize),
    claims: &[crate::extract::ExtractedClaim],
    checkable: bool,
) -> Option<usize> {
    let overlap = |a: (usize, usize), b: (usize, usize)| a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let mut best: Option<(usize, usize)> = None;
    for (i, claim) in claims.iter().enumerate() {
        if checkable && !claim.checkable {
            continue;
        }
        let o = overlap(gold, (claim.start, claim.end));
        let fits = o * 2 >= gold.1 - gold.0 && o * 10 >= 3 * (claim.end - claim.start) && o > 0;
        if fits && best.is_none_or(|(_, bo)| o > bo) {
            best = Some((i, o));
        }
    }
    best.map(|(i, _)| i)
}

/// One example per candidate (positive when its last word is the gold speaker's), and for
/// each case the range of its examples (empty when `keep_rules` and the rules decide it).
fn examples(cases: &[Case], keep_rules: bool) -> (Vec<Example>, Vec<std::ops::Range<usize>>) {
    let mut examples = Vec::new();
    let mut owners = Vec::with_capacity(cases.len());
    for case in cases {
        let first = examples.len();
        // Where the rules' speaker stands, the model has nothing to learn.
        let decided = keep_rules && rules_choice(case).is_some();
        for (word, features) in case.candidates.iter().filter(|_| !decided) {
            examples.push(Example {
                article: case.article,
                label: case.speaker.as_ref() == Some(word),
                slots: bits_of(*features),
                judged: true,
            });
        }
        owners.push(first..examples.len());
    }
    (examples, owners)
}

fn bits_of(features: Features) -> Vec<u32> {
    (0..FEATURES.len() as u32)
        .filter(|&i| features & (1 << i) != 0)
        .collect()
}

/// Speakers as `score_claims.py` counts them, and the mistakes a checker would notice.
#[derive(Debug, Default)]
struct Tally {
    /// Gold claims with a speaker, and those given the right one.
    speakers: usize,
    right: usize,
    /// Given another speaker.
    wrong: usize,
    /// Claims without a speaker given one.
    unwanted: usize,
}

impl Tally {
    fn score(&self) -> f64 {
        train::ratio(self.right, self.speakers)
    }

    /// What the threshold is chosen for: right speakers less wrong and unwanted ones.
    fn net(&self) -> isize {
        self.right as isize - self.wrong as isize - self.unwanted as isize
    }

    fn count(&mut self, case: &Case, chosen: Option<&str>) {
        if !case.scored {
            self.speakers += usize::from(case.speaker.is_some());
            return;
        }
        match (&case.speaker, chosen) {
            (Some(gold), Some(word)) if gold == word => self.right += 1,
            (Some(_), Some(_)) => self.wrong += 1,
            (None, Some(_)) => self.unwanted += 1,
            _ => {}
        }
        self.speakers += usize::from(case.speaker.is_some());
    }

    fn write(&self, out: &mut dyn Write) -> Result<()> {
        writeln!(
            out,
            "  speakers={:.3} ({} of {} gold speakers right, {} wrong; {} claims without a speaker given one)",
            self.score(),
            self.right,
            self.speakers,
            self.wrong,
            self.unwanted
        )?;
        Ok(())
    }
}

/// The model's choice for a case: its most probable candidate, if it reaches `threshold`
/// (the rules' speaker first, with `keep_rules`).
fn chosen<'c>(
    case: &'c Case,
    probabilities: &[f64],
    threshold: f64,
    keep_rules: bool,
) -> Option<&'c str> {
    if keep_rules && let Some(rules) = rules_choice(case) {
        return Some(rules);
    }
    let mut best: Option<(f64, &str)> = None;
    for ((word, _), &p) in case.candidates.iter().zip(probabilities) {
        if best.is_none_or(|(q, _)| p > q) {
            best = Some((p, word));
        }
    }
    best.filter(|(p, _)| *p >= threshold).map(|(_, w)| w)
}

fn tally(
    cases: &[Case],
    owners: &[std::ops::Range<usize>],
    probabilities: &[f64],
    threshold: impl Fn(&Case) -> f64,
    keep_rules: bool,
) -> Tally {
    let mut tally = Tally::default();
    for (case, range) in cases.iter().zip(owners) {
        let chosen = chosen(
            case,
            &probabilities[range.clone()],
            threshold(case),
            keep_rules,
        );
        tally.count(case, chosen);
    }
    tally
}

fn rules_tally(cases: &[Case]) -> Tally {
    let mut tally = Tally::default();
    for case in cases {
        tally.count(case, rules_choice(case));
    }
    tally
}

fn rules_choice(case: &Case) -> Option<&str> {
    case.candidates
        .iter()
        .find(|(_, f)| f & choice::bit("source rules_choice") != 0)
        .map(|(w, _)| w.as_str())
}

/// The threshold with the best net count on the cases `include` keeps (ties to the lower
/// threshold: more speakers for the same net).
fn best_threshold(
    cases: &[Case],
    owners: &[std::ops::Range<usize>],
    probabilities: &[f64],
    include: impl Fn(&Case) -> bool,
    keep_rules: bool,
) -> f64 {
    let mut candidates: Vec<f64> = cases
        .iter()
        .zip(owners)
        .filter(|(c, _)| include(c))
        .flat_map(|(_, r)| probabilities[r.clone()].iter().map(|&p| floor4(p)))
        .collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mut best: Option<(isize, f64)> = None;
    for &t in &candidates {
        let mut tally = Tally::default();
        for (case, range) in cases.iter().zip(owners).filter(|(c, _)| include(c)) {
            let probabilities = &probabilities[range.clone()];
            tally.count(case, chosen(case, probabilities, t, keep_rules));
        }
        if best.is_none_or(|(net, _)| tally.net() > net) {
            best = Some((tally.net(), t));
        }
    }
    best.map_or(0.5, |(_, t)| t)
}

fn floor4(p: f64) -> f64 {
    (p * 10_000.0).floor() / 10_000.0
}
