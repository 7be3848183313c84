//! Learn claim matching's weights from labelled pairs of real news, and measure them on stories
//! they did not see.
//!
//! `cargo run --release --example train_matching -- ../shared/matching [--write] [--stage I,L,R,J]`
//!
//! `SHOW_MISSES=1` lists the pairs the held-out scores get wrong; `SHOW_NEGATIVES=1` the hard
//! negatives by held-out score, each with the same-fact pairs scored above it;
//! `SHOW_UNPROPOSED=1` puts each same-fact pair the candidate stage never proposes in the class
//! of the bound that holds it back; `DROP=name,name` measures
//! the model without some of `matching::FEATURES`; `SHOW_FOLD_WEIGHTS=1` prints each fold's
//! weights (a feature whose sign changes from fold to fold helps on some stories only). Every
//! run also scores each pair on a desk of its two claims alone (see `matching::SMALLEST_DESK`).
//!
//! Designs measured before any goes into `matching` (README, "How matching decides"):
//! `EXTRA=name,name` adds features computed here (`overlap_coefficient`, `bm25`,
//! `sum_of_parts`, `margin_cosine`, `reverse_margin_cosine`, `best_both_ways`, `idf_sum`,
//! `weighted_overlap`, `names_idf`, `unshared_names`, `unshared_words`, `shared_rare`,
//! `shorter_length`, `longer_length`, `words_times_rarest`, `equal_any_figure`,
//! `equal_figure_same_unit`, `equal_figure_other_unit`, the candidate stage's own ranking as
//! `stage_top`, `stage_rank`, `stage_share` and `stage_weight`, and WordNet
//! synonyms among the words not shared, `synonyms` counted and `synonyms_idf` weighed, with
//! `SYN_SENSES=1` for first senses only and `SYN_ADJ=0` for nouns and verbs only);
//! `KEYS=general|tiebreak|sum` (with `FREQ=file`, `KEYS_K`, `NAMES_FIRST=1`) chooses the
//! stems a claim is filed and looked up under by general-English rarity, and `EXTRA=` also
//! takes `general_rarest`, `general_sum`, `general_common` and `general_rare_count` (shared
//! words by that rarity; see `design_keys`);
//! `SYN_INTO_WORDS=1` counts a word with a synonym on the other side as a shared word;
//! `RIVALS=forward|backward|both` keeps a pair only when no competing pair of the same claims
//! scores higher; `IDF_SMOOTH=N` counts N claims of other topics in every IDF; `IDF_SAT=K`
//! saturates IDF (w(K+1)/(w+K)); `L2=` and `POSITIVE_SHARE=` set the fit; `NESTED=1` chooses
//! them per fold by leave-stories-out inside its training stories; `NESTED_SIGNS=1` leaves
//! out, per fold, the features whose sign changes across its inner folds.
//!
//! DIR holds `manifest.json`, `pairs.jsonl` and `articles/` (see its README). Each story's
//! articles are extracted as `add` would (published 2019-11-20), every pair sentence is mapped
//! to the claim covering it (as `score_matching.py` does), document frequencies are counted
//! over the story's claims (as the database counts them), and a logistic regression is fitted
//! to the pair features by plain gradient descent from zero: deterministic, no randomness.
//! `--write` refuses to run with `EXTRA` features, which `matching` does not compute.
//!
//! Leave-stories-out cross-validation: for each story, fit on the others and score its pairs.
//! The threshold is the lowest whose pooled out-of-story precision is at least `PRECISION`;
//! the printed figures are recall and precision of the held-out stories at it, and (stricter)
//! with each fold's threshold chosen on its own training stories. With `--write`, the weights
//! fitted on all stories and that threshold go to `src/matching/weights.txt`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use claimtrack::extract::{Context, extract};
use claimtrack::matching::{
    CandidateStage, FEATURE_COUNT, FEATURES, Figure, Fingerprint, Model, SynonymFilter,
    contradicting_figures, features, idf, rare_idf, synonym_matches, value_key,
};

/// Precision the threshold must keep, against the hard negatives.
const PRECISION: f64 = 0.90;
const STEPS: usize = 20_000;
const LEARNING_RATE: f64 = 0.5;
const L2: f64 = 1e-3;

struct Claim {
    id: i64,
    spans: Vec<(usize, usize)>,
    fingerprint: Fingerprint,
    /// The earlier claims the candidate stage proposed for it, by id.
    candidates: Vec<i64>,
    /// The weight of the keys each candidate was found under, in `candidates` order.
    candidate_weights: Vec<f64>,
    /// Document frequencies when its article was stored (the article's own claims counted).
    frequencies_then: std::rc::Rc<HashMap<u64, u64>>,
    claims_then: u64,
}

impl Claim {
    fn frequency(&self, key: u64) -> u64 {
        self.frequencies_then.get(&key).copied().unwrap_or(0)
    }
}

struct Pair {
    text: String,
    story: String,
    same: bool,
    features: [f64; FEATURE_COUNT],
    /// Experimental features named in `EXTRA`, measured beside `matching::FEATURES`.
    extra: Vec<f64>,
    /// The vectors of the pairs that compete with this one (`RIVALS`): the later claim against
    /// its other candidates from the earlier claim's article, and the later article's other
    /// claims against the earlier claim.
    forward_rivals: Vec<Vec<f64>>,
    backward_rivals: Vec<Vec<f64>>,
    /// Vetoed by contradicting figures, or never proposed by the candidate index.
    excluded: bool,
    /// Proposed by the candidate index.
    proposed: bool,
    /// The features of the two claims on a desk that holds them alone (`None`: vetoed).
    alone: Option<[f64; FEATURE_COUNT]>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: train_matching DIR [--write]");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let stage = stage_of(&args);
    // `--stories a,b,c` measures on some stories only.
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--stories")
        .map(|i| args[i + 1].split(',').map(str::to_string).collect());
    let (mut pairs, logged, total) = load(dir, stage);
    if std::env::var_os("SHOW_UNPROPOSED").is_some() {
        show_unproposed(dir, stage, &pairs);
    }
    if let Some(only) = &only {
        pairs.retain(|p| only.contains(&p.story));
    }
    println!(
        "{} pairs with both sentences logged as claims, of {total} ({logged} of {} sentences logged)",
        pairs.len(),
        2 * total
    );
    let positives = pairs.iter().filter(|p| p.same).count();
    let proposed = pairs.iter().filter(|p| p.same && p.proposed).count();
    let negatives_proposed = pairs.iter().filter(|p| !p.same && p.proposed).count();
    println!(
        "candidate stage {stage:?}: proposes {proposed} of {positives} same-fact pairs, {negatives_proposed} negatives"
    );
    let excluded = pairs.iter().filter(|p| p.same && p.excluded).count();
    println!(
        "{excluded} same-fact pairs never proposed as candidates, or vetoed by a contradicting figure"
    );
    let stories: Vec<String> = pairs
        .iter()
        .map(|p| p.story.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let settings = Settings::from_env();
    let all: Vec<&Pair> = pairs.iter().collect();
    let (held_out, strict) = cross_validate(&all, &stories, settings, true);
    let threshold = choose_threshold(&all, &held_out);
    let (recall, precision) = measure(&all, &held_out, threshold);
    if std::env::var_os("SHOW_MISSES").is_some() {
        show_misses(&all, &held_out, threshold);
    }
    if std::env::var_os("SHOW_NEGATIVES").is_some() {
        show_negatives(&all, &held_out);
    }
    println!(
        "leave-stories-out, each fold's own threshold: recall={:.2} precision={:.2} ({} of {} same-fact pairs, {} negatives matched)",
        strict.0 as f64 / strict.2 as f64,
        strict.0 as f64 / (strict.0 + strict.1).max(1) as f64,
        strict.0,
        strict.2,
        strict.1
    );
    let (hits, false_hits) = counts(&all, &held_out, threshold);
    println!(
        "leave-stories-out, pooled threshold {threshold:.3}: recall={recall:.2} precision={precision:.2} ({hits} of {positives} same-fact pairs, {false_hits} negatives matched)"
    );
    show_stories(&all, &held_out, &stories, threshold);
    let linear = fit(&all, settings.fixed());
    let mut model = Model {
        weights: [0.0; FEATURE_COUNT],
        bias: linear.bias,
        threshold,
    };
    model
        .weights
        .copy_from_slice(&linear.weights[..FEATURE_COUNT]);
    let scores: Vec<f64> = all.iter().map(|p| score(&linear, p)).collect();
    let (recall, precision) = measure(&all, &scores, threshold);
    println!("all stories (in sample): recall={recall:.2} precision={precision:.2}");
    if std::env::var_os("SHOW_PAIRS").is_some() {
        show_pairs(&all, &scores);
    }
    if extra_names().is_empty() {
        show_alone(&all, &model);
    }
    for (name, weight) in feature_names().iter().zip(&linear.weights) {
        println!("  {name:28} {weight:+.3}");
    }
    println!("  {:28} {:+.3}", "bias", model.bias);
    if args.iter().any(|a| a == "--write") {
        assert!(
            extra_names().is_empty(),
            "EXTRA features are for measuring only"
        );
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/matching/weights.txt");
        let header = "# Written by `cargo run --release --example train_matching -- ../shared/matching --write`:\n# logistic regression over matching::FEATURES; threshold by leave-stories-out cross-validation.\n";
        std::fs::write(&path, format!("{header}{}", model.to_text())).expect("weights written");
        println!("wrote {}", path.display());
    }
}

/// `--stage INDEXED,LOOKUP,READ,JUDGED` measures other candidate-stage sizes.
fn stage_of(args: &[String]) -> CandidateStage {
    let Some(i) = args.iter().position(|a| a == "--stage") else {
        return CandidateStage::SHIPPED;
    };
    let n: Vec<usize> = args[i + 1]
        .split(',')
        .map(|x| x.parse().expect("--stage takes four numbers"))
        .collect();
    CandidateStage {
        indexed_stems: n[0],
        lookup_stems: n[1],
        postings_read: n[2],
        judged: n[3],
    }
}

/// `SHOW_NEGATIVES`: the hard negatives a held-out fold matched, by score, with how many
/// same-fact pairs scored above each.
fn show_negatives(all: &[&Pair], held_out: &[f64]) {
    let mut order: Vec<usize> = (0..all.len()).filter(|i| held_out[*i] > 0.0).collect();
    order.sort_by(|x, y| held_out[*y].total_cmp(&held_out[*x]));
    let mut found = 0;
    for i in order {
        if all[i].same {
            found += 1;
            continue;
        }
        let p = all[i];
        eprintln!(
            "negative {:.2} after {found} same-fact {} {:.2?} {}",
            held_out[i],
            p.story,
            p.vector(),
            p.text
        );
    }
}

/// Each story's pairs at the pooled threshold.
fn show_stories(all: &[&Pair], held_out: &[f64], stories: &[String], threshold: f64) {
    for story in stories {
        let (mine, scores): (Vec<&Pair>, Vec<f64>) = all
            .iter()
            .zip(held_out)
            .filter(|(p, _)| &p.story == story)
            .map(|(p, s)| (*p, *s))
            .unzip();
        let (hits, false_hits) = counts(&mine, &scores, threshold);
        let positives = mine.iter().filter(|p| p.same).count();
        println!(
            "  at the pooled threshold {story:12} positives {hits}/{positives}  negatives matched {false_hits}"
        );
    }
}

/// `SHOW_PAIRS`: every pair by its in-sample score.
fn show_pairs(all: &[&Pair], scores: &[f64]) {
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|x, y| scores[*y].total_cmp(&scores[*x]));
    for i in order {
        let p = all[i];
        let label = if p.same { "same" } else { "diff" };
        eprintln!("{:.2} {label} {:.2?} {}", scores[i], p.vector(), p.text);
    }
}

/// The model fitted on all stories, on desks of each pair's two claims alone.
fn show_alone(all: &[&Pair], model: &Model) {
    let (mut hit, mut false_hit, mut positives) = (0, 0, 0);
    for pair in all {
        positives += usize::from(pair.same);
        let matched = pair
            .alone
            .is_some_and(|x| model.score(&x) >= model.threshold);
        if matched && pair.same {
            hit += 1;
        } else if matched {
            false_hit += 1;
        }
    }
    println!(
        "each pair on a desk of its two claims alone (in sample): {hit} of {positives} same-fact pairs, {false_hit} negatives matched"
    );
}

fn score(model: &Linear, pair: &Pair) -> f64 {
    if pair.excluded {
        return 0.0;
    }
    let own = model.score(&pair.vector());
    // `RIVALS=forward|backward|both`: a pair counts only when no rival scores higher.
    let rivals = std::env::var("RIVALS").unwrap_or_default();
    let beaten = |list: &[Vec<f64>]| list.iter().any(|x| model.score(x) > own);
    let forward = matches!(rivals.as_str(), "forward" | "both") && beaten(&pair.forward_rivals);
    let backward = matches!(rivals.as_str(), "backward" | "both") && beaten(&pair.backward_rivals);
    if forward || backward { 0.0 } else { own }
}

/// Same-fact pairs found and negatives matched at `threshold`.
fn counts(pairs: &[&Pair], scores: &[f64], threshold: f64) -> (usize, usize) {
    let (mut hit, mut false_hit) = (0, 0);
    for (pair, s) in pairs.iter().zip(scores) {
        if *s >= threshold && *s > 0.0 {
            if pair.same { hit += 1 } else { false_hit += 1 }
        }
    }
    (hit, false_hit)
}

/// Recall over positives and precision against negatives at `threshold`.
fn measure(pairs: &[&Pair], scores: &[f64], threshold: f64) -> (f64, f64) {
    let (mut hit, mut false_hit) = (0.0, 0.0);
    for (pair, s) in pairs.iter().zip(scores) {
        if *s >= threshold && *s > 0.0 {
            if pair.same {
                hit += 1.0
            } else {
                false_hit += 1.0
            }
        }
    }
    let positives = pairs.iter().filter(|p| p.same).count() as f64;
    (hit / positives.max(1.0), hit / (hit + false_hit).max(1.0))
}

/// The lowest threshold at which precision stays at least `PRECISION` (more recall), among
/// the scores seen; ties resolved towards the higher threshold for a margin.
fn choose_threshold(pairs: &[&Pair], scores: &[f64]) -> f64 {
    let mut candidates: Vec<f64> = scores.iter().copied().filter(|s| *s > 0.0).collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mut best = (0.0, 0.99);
    for t in candidates {
        let (recall, precision) = measure(pairs, scores, t);
        if precision >= PRECISION && recall > best.0 {
            best = (recall, t);
        }
    }
    best.1
}

/// How the model is fitted: the L2 strength and how much a positive pair weighs against a
/// negative one; `None` chooses them per fold by leave-stories-out inside its training stories.
#[derive(Debug, Clone, Copy)]
struct Settings {
    fitting: Option<Fitting>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Fitting {
    l2: f64,
    /// The share of the loss the positives carry (0.5: both classes count equally).
    positive_share: f64,
    /// Features left out of the fit (bit i for feature i).
    dropped: u64,
}

const SHIPPED_FITTING: Fitting = Fitting {
    l2: L2,
    positive_share: 0.5,
    dropped: 0,
};

impl Settings {
    /// `NESTED=1` chooses the fitting per fold; `L2=` and `POSITIVE_SHARE=` set it.
    fn from_env() -> Settings {
        let read = |name: &str, default: f64| env_number(name).unwrap_or(default);
        let fitting = Fitting {
            l2: read("L2", L2),
            positive_share: read("POSITIVE_SHARE", 0.5),
            dropped: 0,
        };
        Settings {
            fitting: std::env::var_os("NESTED").is_none().then_some(fitting),
        }
    }

    fn fixed(&self) -> Fitting {
        self.fitting.unwrap_or(SHIPPED_FITTING)
    }
}

/// Leave-stories-out scores of every pair, and (found, negatives matched, positives) with each
/// fold's threshold chosen on its training stories.
fn cross_validate(
    pairs: &[&Pair],
    stories: &[String],
    settings: Settings,
    print: bool,
) -> (Vec<f64>, (usize, usize, usize)) {
    let mut held_out = vec![0.0; pairs.len()];
    let mut strict = (0, 0, 0);
    for story in stories {
        let train: Vec<&Pair> = pairs
            .iter()
            .copied()
            .filter(|p| &p.story != story)
            .collect();
        let mut fitting = settings
            .fitting
            .unwrap_or_else(|| choose_fitting(&train, stories, story));
        if std::env::var_os("NESTED_SIGNS").is_some() {
            fitting.dropped = unstable_signs(&train, stories, story, fitting);
        }
        let model = fit(&train, fitting);
        if print && std::env::var_os("SHOW_FOLD_WEIGHTS").is_some() {
            let weights: Vec<String> = model.weights.iter().map(|w| format!("{w:+.2}")).collect();
            println!("  dropped bits {:b}", fitting.dropped);
            println!("  weights without {story:12} {}", weights.join(" "));
        }
        let train_scores: Vec<f64> = train.iter().map(|p| score(&model, p)).collect();
        let threshold = choose_threshold(&train, &train_scores);
        let (mut hit, mut false_hit, mut positives) = (0, 0, 0);
        for (i, pair) in pairs.iter().enumerate().filter(|(_, p)| &p.story == story) {
            held_out[i] = score(&model, pair);
            positives += usize::from(pair.same);
            if held_out[i] >= threshold {
                if pair.same {
                    hit += 1;
                } else {
                    false_hit += 1;
                }
            }
        }
        if print {
            let chosen = if settings.fitting.is_none() {
                format!(", {fitting:?}")
            } else {
                String::new()
            };
            println!(
                "  held out {story:12} positives {hit}/{positives}  negatives matched {false_hit}  (fold threshold {threshold:.3}{chosen})"
            );
        }
        strict = (strict.0 + hit, strict.1 + false_hit, strict.2 + positives);
    }
    (held_out, strict)
}

/// The fitting whose pooled leave-stories-out recall at `PRECISION` is best on `train`
/// (the stories but `outer`), ties to the earlier in the grid.
fn choose_fitting(train: &[&Pair], stories: &[String], outer: &str) -> Fitting {
    let inner: Vec<String> = stories.iter().filter(|s| *s != outer).cloned().collect();
    let mut best = (-1.0, SHIPPED_FITTING);
    for l2 in [1e-4, 1e-3, 1e-2, 1e-1] {
        for positive_share in [0.3, 0.5, 0.7] {
            let fitting = Fitting {
                l2,
                positive_share,
                dropped: 0,
            };
            let settings = Settings {
                fitting: Some(fitting),
            };
            let (scores, _) = cross_validate(train, &inner, settings, false);
            let (recall, _) = measure(train, &scores, choose_threshold(train, &scores));
            if recall > best.0 {
                best = (recall, fitting);
            }
        }
    }
    best.1
}

/// The features whose weight changes sign across the leave-one-story-out fits of `train`
/// (the stories but `outer`): their effect depends on which stories the model saw.
fn unstable_signs(train: &[&Pair], stories: &[String], outer: &str, fitting: Fitting) -> u64 {
    let mut positive = 0u64;
    let mut negative = 0u64;
    for inner in stories.iter().filter(|s| *s != outer) {
        let fold: Vec<&Pair> = train
            .iter()
            .copied()
            .filter(|p| &p.story != inner)
            .collect();
        for (i, w) in fit(&fold, fitting).weights.iter().enumerate() {
            if *w > 0.0 {
                positive |= 1 << i;
            } else if *w < 0.0 {
                negative |= 1 << i;
            }
        }
    }
    positive & negative
}

/// A logistic model over `matching::FEATURES` and the `EXTRA` features.
struct Linear {
    weights: Vec<f64>,
    bias: f64,
}

impl Linear {
    fn score(&self, x: &[f64]) -> f64 {
        let z: f64 = self.bias + self.weights.iter().zip(x).map(|(w, x)| w * x).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Logistic regression by full-batch gradient descent from zero weights; the positives carry
/// `fitting.positive_share` of the loss.
fn fit(pairs: &[&Pair], fitting: Fitting) -> Linear {
    let used: Vec<(Vec<f64>, bool)> = pairs
        .iter()
        .filter(|p| !p.excluded)
        .map(|p| (p.vector(), p.same))
        .collect();
    let positives = used.iter().filter(|p| p.1).count().max(1) as f64;
    let negatives = (used.len() as f64 - positives).max(1.0);
    let width = feature_names().len();
    let mut model = Linear {
        weights: vec![0.0; width],
        bias: 0.0,
    };
    let mut gradient = vec![0.0; width];
    for _ in 0..STEPS {
        gradient.iter_mut().for_each(|g| *g = 0.0);
        let mut bias_gradient = 0.0;
        for (x, same) in &used {
            let weight = if *same {
                fitting.positive_share / positives
            } else {
                (1.0 - fitting.positive_share) / negatives
            };
            let error = weight * (model.score(x) - f64::from(u8::from(*same)));
            for (g, x) in gradient.iter_mut().zip(x) {
                *g += error * x;
            }
            bias_gradient += error;
        }
        for (i, (w, g)) in model.weights.iter_mut().zip(&gradient).enumerate() {
            if fitting.dropped >> i & 1 == 0 {
                *w -= LEARNING_RATE * (g + fitting.l2 * *w);
            }
        }
        model.bias -= LEARNING_RATE * bias_gradient;
    }
    model
}

/// Why the candidate stage never proposes some same-fact pairs: each is put in the class of
/// the first bound that, lifted, lets it through (the bounds lifted one after another, in the
/// order a claim meets them from the end: candidates judged, postings read, stems filed, stems
/// looked up); those still missing share no figure and no word. Also how many candidates a
/// claim gets, on average.
fn show_unproposed(dir: &Path, stage: CandidateStage, pairs: &[Pair]) {
    let all = usize::MAX / 4;
    let lifted = [
        (
            "candidates judged",
            CandidateStage {
                judged: all,
                ..stage
            },
        ),
        (
            "postings read",
            CandidateStage {
                judged: all,
                postings_read: all,
                ..stage
            },
        ),
        (
            "stems filed",
            CandidateStage {
                judged: all,
                postings_read: all,
                indexed_stems: all,
                ..stage
            },
        ),
        (
            "stems looked up",
            CandidateStage {
                judged: all,
                postings_read: all,
                indexed_stems: all,
                lookup_stems: all,
            },
        ),
    ];
    let mut class: Vec<Option<&str>> = pairs
        .iter()
        .map(|p| (p.same && !p.proposed).then_some("no shared figure or word, or vetoed"))
        .collect();
    for (name, wider) in lifted.iter().rev() {
        let (wide, _, _) = load(dir, *wider);
        for (i, pair) in wide.iter().enumerate() {
            if class[i].is_some() && pair.proposed {
                class[i] = Some(name);
            }
        }
    }
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (pair, class) in pairs.iter().zip(&class) {
        if let Some(class) = class {
            *counts.entry((class, pair.story.as_str())).or_default() += 1;
            eprintln!("never proposed ({class}) {} {}", pair.story, pair.text);
        }
    }
    for ((class, story), n) in counts {
        println!("  never proposed, let through by lifting {class:36} {story:12} {n}");
    }
}

/// The pairs the held-out scores get wrong at `threshold`, on stderr.
fn show_misses(pairs: &[&Pair], held_out: &[f64], threshold: f64) {
    for (pair, score) in pairs.iter().zip(held_out) {
        let label = match (pair.same, *score >= threshold && *score > 0.0) {
            (true, false) => "missed",
            (false, true) => "false match",
            _ => continue,
        };
        eprintln!(
            "{label} {score:.2} {} proposed={} {:.2?} {}",
            pair.story, pair.proposed, pair.features, pair.text
        );
    }
}

/// The features with those named in `DROP` (commas between) set to zero: the model as it
/// would be without them.
fn masked(mut x: [f64; FEATURE_COUNT]) -> [f64; FEATURE_COUNT] {
    if let Ok(dropped) = std::env::var("DROP") {
        let dropped: Vec<&str> = dropped.split(',').collect();
        for (v, name) in x.iter_mut().zip(FEATURES) {
            if dropped.contains(&name) {
                *v = 0.0;
            }
        }
    }
    x
}

/// Every labelled pair of every story, with its features; and how many pair sentences were
/// logged as claims, of how many pairs.
fn load(dir: &Path, stage: CandidateStage) -> (Vec<Pair>, usize, usize) {
    let manifest: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest.json"),
    )
    .expect("manifest is JSON");
    let mut stories: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in &manifest {
        stories
            .entry(entry["group"].as_str().unwrap().to_string())
            .or_default()
            .push(entry["name"].as_str().unwrap().to_string());
    }
    let lines = std::fs::read_to_string(dir.join("pairs.jsonl")).expect("pairs.jsonl");
    let labelled: Vec<serde_json::Value> = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let (mut pairs, mut logged, mut total) = (Vec::new(), 0, 0);
    for (story, mut names) in stories {
        names.sort();
        let texts: HashMap<String, String> = names
            .iter()
            .map(|n| {
                (
                    n.clone(),
                    std::fs::read_to_string(dir.join("articles").join(format!("{n}.txt")))
                        .expect("article"),
                )
            })
            .collect();
        let claims: HashMap<String, Vec<Claim>> = simulate(&names, &texts, stage);
        let place: HashMap<*const Claim, (usize, usize)> = names
            .iter()
            .enumerate()
            .flat_map(|(article, n)| {
                claims[n]
                    .iter()
                    .enumerate()
                    .map(move |(i, c)| (c as *const Claim, (article, i)))
            })
            .collect();
        let by_id: HashMap<i64, &Claim> = claims.values().flatten().map(|c| (c.id, c)).collect();
        let place_of = |c: &Claim| place[&(c as *const Claim)];
        for pair in labelled.iter().filter(|p| p["group"] == story.as_str()) {
            total += 1;
            let find = |side: &str| {
                let name = pair[side].as_str().unwrap();
                let sentence = pair[&format!("{side}_text")].as_str().unwrap();
                covering(&texts[name], &claims[name], sentence)
            };
            let (a, b) = (find("a"), find("b"));
            logged += usize::from(a.is_some()) + usize::from(b.is_some());
            let (Some(a), Some(b)) = (a, b) else { continue };
            // The claim stored later looks the earlier one up, as `add` does.
            let (earlier, later) = if place[&(a as *const Claim)] < place[&(b as *const Claim)] {
                (a, b)
            } else {
                (b, a)
            };
            let proposed = later.candidates.contains(&earlier.id);
            pairs.push(Pair {
                text: format!(
                    "{} || {}",
                    pair["a_text"].as_str().unwrap(),
                    pair["b_text"].as_str().unwrap()
                ),
                story: story.clone(),
                same: pair["same"].as_bool().unwrap(),
                features: masked(pair_features(later, earlier)),
                extra: extra_features(later, earlier, &by_id, &claims[&names[place_of(later).0]]),
                forward_rivals: later
                    .candidates
                    .iter()
                    .filter(|id| **id != earlier.id)
                    .filter_map(|id| by_id.get(id))
                    .filter(|c| place_of(c).0 == place_of(earlier).0)
                    .filter(|c| !contradicting_figures(&later.fingerprint, &c.fingerprint))
                    .map(|c| vector_of(later, c, &by_id, &claims[&names[place_of(later).0]]))
                    .collect(),
                backward_rivals: claims[&names[place_of(later).0]]
                    .iter()
                    .filter(|c| c.id != later.id && c.candidates.contains(&earlier.id))
                    .filter(|c| !contradicting_figures(&c.fingerprint, &earlier.fingerprint))
                    .map(|c| vector_of(c, earlier, &by_id, &claims[&names[place_of(later).0]]))
                    .collect(),
                proposed,
                alone: on_a_desk_alone(a, b),
                excluded: !proposed
                    || contradicting_figures(&later.fingerprint, &earlier.fingerprint)
                    || a.fingerprint.stems.is_empty()
                    || b.fingerprint.stems.is_empty(),
            });
        }
    }
    (pairs, logged, total)
}

/// The features of two claims on a desk that holds only them (each the first claim of its
/// article): what a desk that has just begun sees.
fn on_a_desk_alone(a: &Claim, b: &Claim) -> Option<[f64; FEATURE_COUNT]> {
    let (a, b) = (
        a.fingerprint.clone().placed(1, 1),
        b.fingerprint.clone().placed(1, 1),
    );
    if a.stems.is_empty() || b.stems.is_empty() || contradicting_figures(&b, &a) {
        return None;
    }
    let mut frequencies: HashMap<u64, u64> = HashMap::new();
    for key in all_keys(&a).chain(all_keys(&b)) {
        *frequencies.entry(key).or_default() += 1;
    }
    let weight = |h: u64| idf(frequencies.get(&h).copied().unwrap_or(0), 2);
    Some(masked(features(&b, &a, &weight, rare_idf(2))))
}

/// The features of `later` judged against `earlier` with `later`'s document frequencies.
/// `SYN_INTO_WORDS=1` (measuring) counts a word with a WordNet synonym on the other side as a
/// shared word.
fn pair_features(later: &Claim, earlier: &Claim) -> [f64; FEATURE_COUNT] {
    let mut x = features(
        &later.fingerprint,
        &earlier.fingerprint,
        &|h| weight(later, h),
        rare_idf(later.claims_then),
    );
    if std::env::var_os("SYN_INTO_WORDS").is_some() {
        let shared = x[0].exp() - 1.0;
        x[0] = (1.0 + shared + synonyms(later, earlier).len() as f64).ln();
    }
    x
}

/// A stem's weight as `later` sees it: the database's IDF, or (measuring) with `IDF_SMOOTH`
/// claims of other topics added to the count, saturated by `IDF_SAT` (w(k+1)/(w+k)).
fn weight(later: &Claim, hash: u64) -> f64 {
    // Read once: this runs for every stem of every pair.
    static SMOOTH: LazyLock<u64> =
        LazyLock::new(|| env_number::<f64>("IDF_SMOOTH").unwrap_or(0.0) as u64);
    static SATURATION: LazyLock<Option<f64>> = LazyLock::new(|| env_number("IDF_SAT"));
    let w = idf(later.frequency(hash), later.claims_then + *SMOOTH);
    match *SATURATION {
        Some(k) => w * (k + 1.0) / (w + k),
        None => w,
    }
}

/// A measuring switch's number, `None` when it is not set. A value that is no number stops
/// the run: ignored, it would measure the default under the switch's name.
fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {value:?}")),
    )
}

fn vector_of(
    later: &Claim,
    earlier: &Claim,
    by_id: &HashMap<i64, &Claim>,
    later_article: &[Claim],
) -> Vec<f64> {
    let mut x = masked(pair_features(later, earlier)).to_vec();
    x.extend(extra_features(later, earlier, by_id, later_article));
    x
}

/// Names of the features measured beside `matching::FEATURES`, from `EXTRA` (commas between).
fn extra_names() -> Vec<String> {
    std::env::var("EXTRA")
        .map(|v| {
            v.split(',')
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn feature_names() -> Vec<String> {
    let mut names: Vec<String> = FEATURES.iter().map(|n| n.to_string()).collect();
    names.extend(extra_names());
    names
}

impl Pair {
    fn vector(&self) -> Vec<f64> {
        let mut x = self.features.to_vec();
        x.extend(&self.extra);
        x
    }
}

/// What the `EXTRA` features of one pair read.
struct PairView<'a> {
    later: &'a Claim,
    earlier: &'a Claim,
    by_id: &'a HashMap<i64, &'a Claim>,
    later_article: &'a [Claim],
    /// The stem hashes the two claims share.
    shared: Vec<u64>,
}

/// The `EXTRA` features of a pair: designs measured before any goes into `matching`, each
/// family in a function of its own.
fn extra_features(
    later: &Claim,
    earlier: &Claim,
    by_id: &HashMap<i64, &Claim>,
    later_article: &[Claim],
) -> Vec<f64> {
    let shared = later
        .fingerprint
        .stems
        .iter()
        .filter(|s| earlier.fingerprint.stems.iter().any(|t| t.hash == s.hash))
        .map(|s| s.hash)
        .collect();
    let view = PairView {
        later,
        earlier,
        by_id,
        later_article,
        shared,
    };
    extra_names()
        .iter()
        .map(|name| {
            general_feature(&view, name)
                .or_else(|| wording_feature(&view, name))
                .or_else(|| length_feature(&view, name))
                .or_else(|| context_feature(&view, name))
                .or_else(|| figure_feature(&view, name))
                .unwrap_or_else(|| panic!("unknown EXTRA feature {name}"))
        })
        .collect()
}

/// Shared words weighed by their rarity in general English (`zipf`), not in the desk.
fn general_feature(v: &PairView, name: &str) -> Option<f64> {
    let shared = &v.shared;
    Some(match name {
        "general_rarest" => shared
            .iter()
            .map(|h| (6.5 - zipf(*h)).max(0.0) / 5.0)
            .fold(0.0, f64::max),
        "general_sum" => (1.0
            + shared
                .iter()
                .map(|h| (6.5 - zipf(*h)).max(0.0))
                .sum::<f64>())
        .ln(),
        "general_common" => (1.0 + shared.iter().filter(|h| zipf(**h) >= 4.5).count() as f64).ln(),
        "general_rare_count" => {
            (1.0 + shared.iter().filter(|h| zipf(**h) < 3.5).count() as f64).ln()
        }
        _ => return None,
    })
}

/// The wording two claims share, weighed by the desk's counts or by WordNet.
fn wording_feature(v: &PairView, name: &str) -> Option<f64> {
    let later = v.later;
    let earlier = v.earlier;
    let shared = &v.shared;
    let (l, e) = (&v.later.fingerprint, &v.earlier.fingerprint);
    Some(match name {
        "overlap_coefficient" => {
            shared.len() as f64 / l.stems.len().min(e.stems.len()).max(1) as f64
        }
        "bm25" => {
            let (k1, b, average) = (1.2, 0.75, 12.0);
            let norm = 1.0 + k1 * (1.0 - b + b * e.stems.len() as f64 / average);
            let own: f64 = l.stems.iter().map(|s| weight(later, s.hash)).sum();
            let sum: f64 = shared
                .iter()
                .map(|h| weight(later, *h) * (k1 + 1.0) / norm)
                .sum();
            sum / own.max(1e-9) / (k1 + 1.0)
        }
        // WordNet synonyms among the words the two claims do not share (`SYN_SENSES=1`:
        // first senses only; `SYN_ADJ=0`: nouns and verbs only).
        "synonyms" => (1.0 + synonyms(later, earlier).len() as f64).ln(),
        "synonyms_idf" => {
            let sum: f64 = synonyms(later, earlier)
                .iter()
                .map(|i| weight(later, l.stems[*i].hash))
                .sum();
            sum / rare_idf(later.claims_then).max(1.0)
        }
        "idf_sum" => {
            let sum: f64 = shared.iter().map(|h| weight(later, *h)).sum();
            sum / rare_idf(later.claims_then).max(1.0)
        }
        "weighted_overlap" => {
            let sum: f64 = shared.iter().map(|h| weight(later, *h)).sum();
            let mass =
                |f: &Fingerprint| -> f64 { f.stems.iter().map(|s| weight(later, s.hash)).sum() };
            sum / mass(l).min(mass(e)).max(1e-9)
        }
        "names_idf" => {
            let sum: f64 = l
                .stems
                .iter()
                .filter(|s| s.name && e.stems.iter().any(|t| t.hash == s.hash && t.name))
                .map(|s| weight(later, s.hash))
                .sum();
            sum / rare_idf(later.claims_then).max(1.0)
        }
        "shared_rare" => {
            let rare = rare_idf(later.claims_then) * 0.75;
            let n = shared.iter().filter(|h| weight(later, **h) >= rare).count();
            (1.0 + n as f64).ln()
        }
        "words_times_rarest" => {
            let x = pair_features(later, earlier);
            x[0] * x[6]
        }
        _ => return None,
    })
}

/// How long the two claims are, and what they do not share.
fn length_feature(v: &PairView, name: &str) -> Option<f64> {
    let shared = &v.shared;
    let (l, e) = (&v.later.fingerprint, &v.earlier.fingerprint);
    Some(match name {
        "unshared_names" => {
            let names = |f: &Fingerprint, g: &Fingerprint| {
                f.stems
                    .iter()
                    .filter(|s| s.name && !g.stems.iter().any(|t| t.hash == s.hash))
                    .count()
            };
            (1.0 + names(l, e).min(names(e, l)) as f64).ln()
        }
        "shorter_length" => (1.0 + l.stems.len().min(e.stems.len()) as f64).ln(),
        "longer_length" => (1.0 + l.stems.len().max(e.stems.len()) as f64).ln(),
        "unshared_words" => {
            let n = l.stems.len().min(e.stems.len()) - shared.len();
            (1.0 + n as f64).ln()
        }
        _ => return None,
    })
}

/// How the pair ranks among the claims around it: other candidates, the later article's claims, the candidate stage.
fn context_feature(v: &PairView, name: &str) -> Option<f64> {
    let later = v.later;
    let earlier = v.earlier;
    let by_id = v.by_id;
    let later_article = v.later_article;
    let cosine = |x: &Claim, y: &Claim| pair_features(x, y)[0];
    let best_other = |values: Vec<f64>| values.into_iter().fold(0.0, f64::max);
    Some(match name {
        "margin_cosine" => {
            let others = later
                .candidates
                .iter()
                .filter(|id| **id != earlier.id)
                .filter_map(|id| by_id.get(id))
                .map(|c| cosine(later, c))
                .collect();
            cosine(later, earlier) - best_other(others)
        }
        "reverse_margin_cosine" => {
            let others = later_article
                .iter()
                .filter(|c| c.id != later.id)
                .map(|c| cosine(c, earlier))
                .collect();
            cosine(later, earlier) - best_other(others)
        }
        "best_both_ways" => {
            let own = cosine(later, earlier);
            let forward = later
                .candidates
                .iter()
                .filter(|id| **id != earlier.id)
                .filter_map(|id| by_id.get(id))
                .all(|c| cosine(later, c) < own);
            let backward = later_article
                .iter()
                .filter(|c| c.id != later.id)
                .all(|c| cosine(c, earlier) < own);
            f64::from(u8::from(forward && backward))
        }
        "stage_top" => {
            let rank = later.candidates.iter().position(|id| *id == earlier.id);
            f64::from(u8::from(rank == Some(0)))
        }
        "stage_rank" => {
            let rank = later.candidates.iter().position(|id| *id == earlier.id);
            rank.map_or(0.0, |r| 1.0 / (1.0 + r as f64))
        }
        "stage_share" => {
            let rank = later.candidates.iter().position(|id| *id == earlier.id);
            let top = later.candidate_weights.first().copied().unwrap_or(1.0);
            rank.map_or(0.0, |r| later.candidate_weights[r] / top.max(1e-9))
        }
        "stage_weight" => {
            let rank = later.candidates.iter().position(|id| *id == earlier.id);
            let w = rank.map_or(0.0, |r| later.candidate_weights[r]);
            w / rare_idf(later.claims_then).max(1.0)
        }
        _ => return None,
    })
}

/// Figures the two claims share beyond what `matching` compares.
fn figure_feature(v: &PairView, name: &str) -> Option<f64> {
    let (l, e) = (&v.later.fingerprint, &v.earlier.fingerprint);
    Some(match name {
        "sum_of_parts" => f64::from(u8::from(
            sum_of_parts(&l.figures, &e.figures) || sum_of_parts(&e.figures, &l.figures),
        )),
        "equal_any_figure" => equal_figures(l, e, |_, _| true),
        "equal_figure_same_unit" => {
            equal_figures(l, e, |x, y| x.unit.is_some() && y.unit == x.unit)
        }
        "equal_figure_other_unit" => equal_figures(l, e, |x, y| y.unit != x.unit),
        _ => return None,
    })
}

/// How many figures of `l` other than dates `e` has with the same value, where `units` holds
/// between the two, on a log scale.
fn equal_figures(
    l: &Fingerprint,
    e: &Fingerprint,
    units: impl Fn(&Figure, &Figure) -> bool,
) -> f64 {
    let n = l
        .figures
        .iter()
        .filter(|x| x.kind != "date" && e.figures.iter().any(|y| y.value == x.value && units(x, y)))
        .count();
    (1.0 + n as f64).ln()
}

/// The stems of `later` with a synonym among `earlier`'s other words (`SYN_SENSES`, `SYN_ADJ`).
fn synonyms(later: &Claim, earlier: &Claim) -> Vec<usize> {
    static FILTER: LazyLock<SynonymFilter> = LazyLock::new(|| SynonymFilter {
        adjectives: env_number::<u8>("SYN_ADJ").unwrap_or(1) == 1,
        senses: env_number("SYN_SENSES").unwrap_or(3),
    });
    let (l, e) = (&later.fingerprint, &earlier.fingerprint);
    let found = synonym_matches(&l.stems, &e.stems, *FILTER);
    if std::env::var_os("SHOW_SYNONYMS").is_some() && !found.is_empty() {
        eprintln!("synonyms {found:?}");
    }
    found
}

/// True when a figure of `totals` is the sum of two or more figures of `parts` (not dates):
/// "239 people" and "227 passengers and 12 crew".
fn sum_of_parts(
    totals: &[claimtrack::matching::Figure],
    parts: &[claimtrack::matching::Figure],
) -> bool {
    let numbers = |figures: &[claimtrack::matching::Figure]| -> Vec<f64> {
        figures
            .iter()
            .filter(|f| f.kind != "date")
            .filter_map(|f| f.value.parse::<f64>().ok())
            .collect()
    };
    let (totals, parts) = (numbers(totals), numbers(parts));
    let close = |x: f64, y: f64| (x - y).abs() < 1e-6 * x.abs().max(1.0);
    totals.iter().any(|t| {
        let pairs = parts
            .iter()
            .enumerate()
            .any(|(i, x)| parts[i + 1..].iter().any(|y| close(x + y, *t)));
        pairs || (parts.len() > 2 && close(parts.iter().sum(), *t))
    })
}

/// Store a story's articles one after another as `add` does (each into a database holding the
/// ones before it): every claim's candidates from the index of the earlier articles, and the
/// document frequencies it was judged with.
fn simulate(
    names: &[String],
    texts: &HashMap<String, String>,
    stage: CandidateStage,
) -> HashMap<String, Vec<Claim>> {
    let mut stored: HashMap<u64, u64> = HashMap::new();
    let mut stored_claims = 0;
    let mut index: HashMap<u64, Vec<i64>> = HashMap::new();
    let mut next_id = 1;
    let mut out = HashMap::new();
    for name in names {
        let mut claims = claims_of(&texts[name]);
        let mut own: HashMap<u64, u64> = HashMap::new();
        for claim in &claims {
            for key in all_keys(&claim.fingerprint) {
                *own.entry(key).or_default() += 1;
            }
        }
        let total = stored_claims + claims.len() as u64;
        // The frequencies the article's claims are judged with: the stored claims' and its own.
        let mut then = stored.clone();
        for (key, n) in &own {
            *then.entry(*key).or_default() += n;
        }
        let then = std::rc::Rc::new(then);
        let mut postings_added = Vec::new();
        for claim in &mut claims {
            claim.id = next_id;
            next_id += 1;
            let elsewhere = |h: u64| stored.get(&h).copied().unwrap_or(0);
            let df = |h: u64| elsewhere(h) + own.get(&h).copied().unwrap_or(0);
            let lists: Vec<(Vec<i64>, f64)> = claim
                .fingerprint
                .lookup_keys(&stage, &elsewhere)
                .or_design(|| {
                    let found = |h| Some(elsewhere(h)).filter(|n| *n > 0);
                    design_keys(&claim.fingerprint, stage.lookup_stems, &found)
                })
                .iter()
                .map(|key| {
                    let ids = index
                        .get(key)
                        .map(|ids| ids.iter().rev().copied().collect())
                        .unwrap_or_default();
                    (ids, idf(df(*key), total))
                })
                .collect();
            let ranked = stage.rank_weighed(lists.iter().map(|(ids, w)| (ids.as_slice(), *w)));
            claim.candidates = ranked.iter().map(|(id, _)| *id).collect();
            claim.candidate_weights = ranked.iter().map(|(_, w)| *w).collect();
            claim.frequencies_then = std::rc::Rc::clone(&then);
            claim.claims_then = total;
            let filed = claim.fingerprint.index_keys(&stage, &df).or_design(|| {
                design_keys(&claim.fingerprint, stage.indexed_stems, &|h| Some(df(h)))
            });
            for key in filed {
                postings_added.push((key, claim.id));
            }
        }
        for (key, id) in postings_added {
            index.entry(key).or_default().push(id);
        }
        for (key, n) in own {
            *stored.entry(key).or_default() += n;
        }
        stored_claims = total;
        out.insert(name.clone(), claims);
    }
    out
}

/// Every key a claim is counted under: its stems and its figure keys.
fn all_keys(fingerprint: &Fingerprint) -> impl Iterator<Item = u64> + '_ {
    let stems = fingerprint.stems.iter().map(|s| s.hash);
    stems.chain(fingerprint.figure_keys().iter().copied())
}

/// The claims `add` stores for an article: checkable ones, a repeated claim folded into its
/// first place.
fn claims_of(text: &str) -> Vec<Claim> {
    let context = Context {
        reference_date: chrono::NaiveDate::from_ymd_opt(2019, 11, 20),
    };
    let extraction = extract(text, &context);
    let mut claims: Vec<Claim> = Vec::new();
    let mut stored_index_of = HashMap::new();
    for (index, claim) in extraction.checkable_claims() {
        if let Some(first) = claim.duplicate_of.and_then(|d| stored_index_of.get(&d)) {
            let target: &mut Claim = &mut claims[*first];
            target.spans.push((claim.start, claim.end));
            continue;
        }
        stored_index_of.insert(index, claims.len());
        claims.push(Claim {
            spans: vec![(claim.start, claim.end)],
            fingerprint: Fingerprint::new(&claim.text, &value_key(&claim.values)),
            id: 0,
            candidates: Vec::new(),
            candidate_weights: Vec::new(),
            frequencies_then: Default::default(),
            claims_then: 0,
        });
    }
    let count = claims.len();
    for (i, claim) in claims.iter_mut().enumerate() {
        claim.fingerprint = std::mem::take(&mut claim.fingerprint).placed(i + 1, count);
    }
    claims
}

/// The claim covering at least half of `sentence` in `text`, the one covering most.
fn covering<'a>(text: &str, claims: &'a [Claim], sentence: &str) -> Option<&'a Claim> {
    let start = text.find(sentence)?;
    let end = start + sentence.len();
    let mut best = (None, 0);
    for claim in claims {
        for &(s, e) in &claim.spans {
            let overlap = end.min(e).saturating_sub(start.max(s));
            if 2 * overlap >= end - start && overlap > best.1 {
                best = (Some(claim), overlap);
            }
        }
    }
    best.0
}

/// The store's keys, or (measuring, `KEYS=`) those a design chooses.
trait OrDesign {
    fn or_design(self, design: impl FnOnce() -> Vec<u64>) -> Vec<u64>;
}

impl OrDesign for Vec<u64> {
    fn or_design(self, design: impl FnOnce() -> Vec<u64>) -> Vec<u64> {
        match std::env::var_os("KEYS") {
            Some(_) => design(),
            None => self,
        }
    }
}

/// General-English zipf frequency of stems (`FREQ=path`, word<TAB>zipf lines, as written by
/// the README's wordfreq command), the highest of the words that stem to it; a word not in the
/// file counts as `UNKNOWN_ZIPF` (1.5, rarer than any listed).
static GENERAL: LazyLock<HashMap<u64, f64>> = LazyLock::new(|| {
    let mut table = HashMap::new();
    if let Ok(path) = std::env::var("FREQ") {
        for line in std::fs::read_to_string(path).expect("FREQ file").lines() {
            let Some((word, zipf)) = line.split_once('\t') else {
                continue;
            };
            let zipf: f64 = zipf.parse().unwrap();
            for stem in claimtrack::matching::stems_of(word) {
                let e = table.entry(stem.hash).or_insert(zipf);
                if *e < zipf {
                    *e = zipf;
                }
            }
        }
    }
    table
});

fn zipf(hash: u64) -> f64 {
    GENERAL
        .get(&hash)
        .copied()
        .unwrap_or(env_number("UNKNOWN_ZIPF").unwrap_or(1.5))
}

/// The figure keys and the `n` stems a design ranks first among those `frequency` counts:
/// `KEYS=general` by general-English frequency (`FREQ`), ties by the desk's counts;
/// `tiebreak` by the desk's counts, ties by general frequency (where the store breaks them by
/// length); `sum` by ln(count) + `KEYS_K` times the zipf frequency. `NAMES_FIRST=1` ranks
/// names before every other word.
fn design_keys(fp: &Fingerprint, n: usize, frequency: &dyn Fn(u64) -> Option<u64>) -> Vec<u64> {
    let design = std::env::var("KEYS").unwrap();
    let k: f64 = env_number("KEYS_K").unwrap_or(1.0);
    let names_first = std::env::var_os("NAMES_FIRST").is_some();
    let mut keys = fp.figure_keys().to_vec();
    let mut rare: Vec<(f64, u64)> = fp
        .stems
        .iter()
        .filter_map(|s| {
            let df = frequency(s.hash)? as f64;
            let z = zipf(s.hash);
            let mut r = match design.as_str() {
                "general" => z * 100.0 + df,
                "tiebreak" => df * 100.0 + z,
                "sum" => df.ln() + k * z,
                other => panic!("KEYS={other}"),
            };
            if names_first && s.name {
                r -= 1e6;
            }
            Some((r, s.hash))
        })
        .collect();
    rare.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    keys.extend(rare.iter().take(n).map(|(_, h)| *h));
    keys.sort_unstable();
    keys.dedup();
    keys
}
