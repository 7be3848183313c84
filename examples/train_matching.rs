//! Learn claim matching's weights from labelled pairs of real news, and measure them on stories
//! they did not see.
//!
//! `cargo run --release --example train_matching -- ../shared/matching [--write] [--stage I,L,R,J]`
//!
//! `SHOW_MISSES=1` lists the pairs the held-out scores get wrong; `DROP=name,name` measures
//! the model without some of `matching::FEATURES`.
//!
//! DIR holds `manifest.json`, `pairs.jsonl` and `articles/` (see its README). Each story's
//! articles are extracted as `add` would (published 2019-11-20), every pair sentence is mapped
//! to the claim covering it (as `score_matching.py` does), document frequencies are counted
//! over the story's claims (as the database counts them), and a logistic regression is fitted
//! to the pair features by plain gradient descent from zero: deterministic, no randomness.
//!
//! Leave-stories-out cross-validation: for each story, fit on the others and score its pairs.
//! The threshold is the lowest whose pooled out-of-story precision is at least `PRECISION`;
//! the printed figures are recall and precision of the held-out stories at it, and (stricter)
//! with each fold's threshold chosen on its own training stories. With `--write`, the weights
//! fitted on all stories and that threshold go to `src/matching/weights.txt`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use claimtrack::extract::{Context, extract};
use claimtrack::matching::{
    CandidateStage, FEATURE_COUNT, FEATURES, Fingerprint, Model, contradicting_figures, features,
    idf, rare_idf, value_key,
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
    /// Vetoed by contradicting figures, or never proposed by the candidate index.
    excluded: bool,
    /// Proposed by the candidate index.
    proposed: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: train_matching DIR [--write]");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    // `--stage INDEXED,LOOKUP,READ,JUDGED` measures other candidate-stage sizes.
    let stage = match args.iter().position(|a| a == "--stage") {
        Some(i) => {
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
        None => CandidateStage::SHIPPED,
    };
    // `--stories a,b,c` measures on some stories only.
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--stories")
        .map(|i| args[i + 1].split(',').map(str::to_string).collect());
    let (mut pairs, logged, total) = load(dir, stage);
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
    println!("candidate stage {stage:?}: proposes {proposed} of {positives} same-fact pairs");
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
    let mut held_out = vec![0.0; pairs.len()];
    let mut strict = (0, 0, 0);
    for story in &stories {
        let train: Vec<&Pair> = pairs.iter().filter(|p| &p.story != story).collect();
        let model = fit(&train);
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
        println!(
            "  held out {story:12} positives {hit}/{positives}  negatives matched {false_hit}  (fold threshold {threshold:.3})"
        );
        strict = (strict.0 + hit, strict.1 + false_hit, strict.2 + positives);
    }
    let all: Vec<&Pair> = pairs.iter().collect();
    let threshold = choose_threshold(&all, &held_out);
    let (recall, precision) = measure(&all, &held_out, threshold);
    if std::env::var_os("SHOW_MISSES").is_some() {
        show_misses(&all, &held_out, threshold);
    }
    println!(
        "leave-stories-out, each fold's own threshold: recall={:.2} precision={:.2}",
        strict.0 as f64 / strict.2 as f64,
        strict.0 as f64 / (strict.0 + strict.1).max(1) as f64
    );
    println!(
        "leave-stories-out, pooled threshold {threshold:.3}: recall={recall:.2} precision={precision:.2}"
    );
    let mut model = fit(&all);
    model.threshold = threshold;
    let scores: Vec<f64> = all.iter().map(|p| score(&model, p)).collect();
    let (recall, precision) = measure(&all, &scores, threshold);
    println!("all stories (in sample): recall={recall:.2} precision={precision:.2}");
    if std::env::var_os("SHOW_PAIRS").is_some() {
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|x, y| scores[*y].total_cmp(&scores[*x]));
        for i in order {
            let p = all[i];
            let label = if p.same { "same" } else { "diff" };
            eprintln!("{:.2} {label} {:.2?} {}", scores[i], p.features, p.text);
        }
    }
    for (name, weight) in FEATURES.iter().zip(model.weights) {
        println!("  {name:28} {weight:+.3}");
    }
    println!("  {:28} {:+.3}", "bias", model.bias);
    if args.iter().any(|a| a == "--write") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/matching/weights.txt");
        let header = "# Written by `cargo run --release --example train_matching -- ../shared/matching --write`:\n# logistic regression over matching::FEATURES; threshold by leave-stories-out cross-validation.\n";
        std::fs::write(&path, format!("{header}{}", model.to_text())).expect("weights written");
        println!("wrote {}", path.display());
    }
}

fn score(model: &Model, pair: &Pair) -> f64 {
    if pair.excluded {
        0.0
    } else {
        model.score(&pair.features)
    }
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

/// Logistic regression by full-batch gradient descent from zero weights; positives and
/// negatives weighted to count equally.
fn fit(pairs: &[&Pair]) -> Model {
    let used: Vec<&&Pair> = pairs.iter().filter(|p| !p.excluded).collect();
    let positives = used.iter().filter(|p| p.same).count().max(1) as f64;
    let negatives = (used.len() as f64 - positives).max(1.0);
    let mut model = Model {
        weights: [0.0; FEATURE_COUNT],
        bias: 0.0,
        threshold: 0.5,
    };
    for _ in 0..STEPS {
        let mut gradient = [0.0; FEATURE_COUNT];
        let mut bias_gradient = 0.0;
        for pair in &used {
            let weight = if pair.same {
                0.5 / positives
            } else {
                0.5 / negatives
            };
            let error = weight * (model.score(&pair.features) - f64::from(u8::from(pair.same)));
            for (g, x) in gradient.iter_mut().zip(pair.features) {
                *g += error * x;
            }
            bias_gradient += error;
        }
        for (w, g) in model.weights.iter_mut().zip(gradient) {
            *w -= LEARNING_RATE * (g + L2 * *w);
        }
        model.bias -= LEARNING_RATE * bias_gradient;
    }
    model
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
                features: masked(features(
                    &later.fingerprint,
                    &earlier.fingerprint,
                    &|h| idf(later.frequency(h), later.claims_then),
                    rare_idf(later.claims_then),
                )),
                proposed,
                excluded: !proposed
                    || contradicting_figures(&later.fingerprint, &earlier.fingerprint)
                    || a.fingerprint.stems.is_empty()
                    || b.fingerprint.stems.is_empty(),
            });
        }
    }
    (pairs, logged, total)
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
                .iter()
                .map(|key| {
                    let ids = index
                        .get(key)
                        .map(|ids| ids.iter().rev().copied().collect())
                        .unwrap_or_default();
                    (ids, idf(df(*key), total))
                })
                .collect();
            claim.candidates = stage.rank(lists.iter().map(|(ids, w)| (ids.as_slice(), *w)));
            claim.frequencies_then = std::rc::Rc::clone(&then);
            claim.claims_then = total;
            for key in claim.fingerprint.index_keys(&stage, &df) {
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
