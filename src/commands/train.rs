//! `claimtrack train checkworthy`: fit the check-worthiness model on annotated articles and a
//! desk's decisions, print cross-validated figures, and write the weights file the build embeds.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::cli::{TrainCheckworthyArgs, TrainCommand};
use crate::error::{Error, Result};
use crate::extract::claims::model::train::{
    self, Counts, Example, GoldSpan, ScorerCounts, Settings, Vocabulary,
};
use crate::extract::claims::model::weights;
use crate::extract::{Context, TrainingSentence, training_sentences};
use crate::store::Store;

/// Enough steps for the accelerated descent to settle at the default penalty.
const ITERATIONS: usize = 1500;

pub fn run(command: &TrainCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        TrainCommand::Checkworthy(args) => checkworthy(args, out),
        TrainCommand::Speakers(args) => super::train_speakers::speakers(args, out),
    }
}

/// One article's sentences with their labels (`None`: nobody decided).
struct Article {
    name: String,
    sentences: Vec<TrainingSentence>,
    labels: Vec<Option<bool>>,
    /// For annotated articles: the gold claims and the traps that are whole sentences.
    gold: Option<Annotation>,
}

struct Annotation {
    claims: Vec<GoldSpan>,
    sentence_traps: Vec<(usize, usize)>,
}

fn checkworthy(args: &TrainCheckworthyArgs, out: &mut dyn Write) -> Result<()> {
    validate(args)?;
    let mut articles = Vec::new();
    if let Some(dir) = &args.devset {
        articles.extend(read_devset(dir)?);
    }
    for path in &args.from_db {
        articles.extend(read_database(path)?);
    }
    let settings = Settings {
        bits: args.bits,
        l2: args.l2,
        iterations: ITERATIONS,
    };
    let mut vocabulary = Vocabulary::default();
    let (examples, index) = examples(&articles, args.bits, args.min_articles, &mut vocabulary);
    if examples.iter().all(|e| e.label) || examples.iter().all(|e| !e.label) {
        return Err(Error::Invalid(format!(
            "{} labelled sentences, all of one class: a model needs both check-worthy sentences and others",
            examples.len()
        )));
    }
    let folds = args.folds.min(articles.len());
    let held_out = train::held_out_probabilities(&examples, folds, settings);
    let missed = missed_positives(&articles);
    let decided = cross_validated_decisions(&examples, &held_out, &missed, folds, args.min_recall);
    let scored: Vec<(f64, bool)> = held_out
        .iter()
        .zip(&examples)
        .filter(|(_, e)| e.judged)
        .map(|(&p, e)| (p, e.label))
        .collect();
    let threshold = train::choose_threshold(&scored, missed.iter().sum(), args.min_recall);
    let all: Vec<&Example> = examples.iter().collect();
    let fitted = train::fit(&all, settings);
    let plain: Vec<bool> = examples
        .iter()
        .map(|e| e.judged && fitted.probability(e) >= threshold)
        .collect();

    let labelled = examples.iter().filter(|e| e.judged).count();
    let positives = examples.iter().filter(|e| e.judged && e.label).count();
    writeln!(
        out,
        "{labelled} labelled sentences ({positives} check-worthy) from {} articles; {} more check-worthy ones left out by rules",
        articles.len(),
        missed.iter().sum::<usize>()
    )?;
    writeln!(
        out,
        "{} feature names in {} slots (each in {} articles or more); L2 {}; {ITERATIONS} iterations",
        vocabulary.names.values().map(|n| n.len()).sum::<usize>(),
        1u32 << args.bits,
        args.min_articles,
        args.l2
    )?;
    let cv = report(&articles, &examples, &index, &decided, &missed);
    let fit = report(&articles, &examples, &index, &plain, &missed);
    writeln!(
        out,
        "cross-validated, {folds} folds by article (each fold's threshold chosen on the others):"
    )?;
    write_figures(out, &cv)?;
    writeln!(
        out,
        "  ranking: area under the ROC curve {:.3} (held-out probabilities of {labelled} sentences)",
        train::area_under_curve(&scored)
    )?;
    writeln!(
        out,
        "training data (train = all, threshold {threshold:.4}):"
    )?;
    write_figures(out, &fit)?;
    if args.per_article {
        write_per_article(out, &articles, &cv.per_article)?;
    }
    let comments = format!(
        "claimtrack check-worthiness model: logistic regression over hashed words, the opening word pair and named flags.\n\
         Written by `claimtrack train checkworthy`; do not edit by hand, retrain (README).\n\
         Trained on {labelled} sentences ({positives} check-worthy) from {} articles.\n\
         Cross-validated ({folds} folds by article): precision {:.3}, recall {:.3}, F1 {:.3}.\n\
         Threshold: best F1 with recall >= {} on held-out articles.",
        articles.len(),
        cv.sentences.precision(),
        cv.sentences.recall(),
        cv.sentences.f1(),
        args.min_recall
    );
    let text = weights::write(
        &comments,
        args.bits,
        threshold,
        fitted.bias,
        &vocabulary.named_weights(&fitted),
    );
    std::fs::write(&args.output, text).map_err(|e| Error::Read {
        path: args.output.clone(),
        reason: format!("cannot write: {e}"),
    })?;
    writeln!(out, "wrote {}", args.output.display())?;
    Ok(())
}

fn validate(args: &TrainCheckworthyArgs) -> Result<()> {
    if args.devset.is_none() && args.from_db.is_empty() {
        return Err(Error::Invalid(
            "nothing to learn from: give --devset DIR or --from-db FILE".into(),
        ));
    }
    if args.folds < 2 {
        return Err(Error::Invalid(format!(
            "--folds {}: cross-validation needs at least 2 folds",
            args.folds
        )));
    }
    if !weights::BITS.contains(&args.bits) {
        return Err(Error::Invalid(format!(
            "--bits {}: give {} to {}",
            args.bits,
            weights::BITS.start(),
            weights::BITS.end()
        )));
    }
    if !(args.l2.is_finite() && args.l2 >= 0.0) {
        return Err(Error::Invalid(format!(
            "--l2 {}: give a number of 0 or more",
            args.l2
        )));
    }
    if !(0.0..=1.0).contains(&args.min_recall) {
        return Err(Error::Invalid(format!(
            "--min-recall {}: give a number from 0 to 1",
            args.min_recall
        )));
    }
    Ok(())
}

/// A gold file as `../shared/devset/README.md` describes it (only what the training commands
/// read).
#[derive(Deserialize)]
pub(super) struct Gold {
    pub(super) article: String,
    reference_date: Option<String>,
    pub(super) claims: Vec<GoldClaim>,
    #[serde(default)]
    traps: Vec<Span>,
}

#[derive(Deserialize)]
pub(super) struct GoldClaim {
    pub(super) start: usize,
    pub(super) end: usize,
    #[serde(default)]
    checkworthy: bool,
    #[serde(default)]
    pub(super) speaker: Option<String>,
}

#[derive(Deserialize)]
struct Span {
    start: usize,
    end: usize,
}

/// A devset file that cannot be read or parsed, and why.
fn unreadable(path: &Path, reason: String) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        reason,
    }
}

/// The devset's gold files (DIR/gold/*.json) in name order; an error when there are none.
fn gold_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let gold_dir = dir.join("gold");
    let mut paths: Vec<_> = std::fs::read_dir(&gold_dir)
        .map_err(|e| unreadable(&gold_dir, e.to_string()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(unreadable(&gold_dir, "no gold .json files in it".into()));
    }
    Ok(paths)
}

/// Each annotated article of the devset in name order: its gold, its text and its reference
/// date.
pub(super) fn read_annotated(dir: &Path) -> Result<Vec<(Gold, String, Option<NaiveDate>)>> {
    gold_files(dir)?
        .iter()
        .map(|path| {
            let json =
                std::fs::read_to_string(path).map_err(|e| unreadable(path, e.to_string()))?;
            let gold: Gold = serde_json::from_str(&json)
                .map_err(|e| unreadable(path, format!("not a gold file: {e}")))?;
            let text_path = dir.join("articles").join(&gold.article);
            let text = std::fs::read_to_string(&text_path)
                .map_err(|e| unreadable(&text_path, e.to_string()))?;
            let reference = parse_date(gold.reference_date.as_deref(), path)?;
            Ok((gold, text, reference))
        })
        .collect()
}

fn read_devset(dir: &Path) -> Result<Vec<Article>> {
    Ok(read_annotated(dir)?
        .iter()
        .map(|(gold, text, reference)| annotated_article(gold, text, *reference))
        .collect())
}

fn parse_date(text: Option<&str>, path: &Path) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| Error::Read {
            path: path.to_path_buf(),
            reason: format!("reference date '{t}' is not YYYY-MM-DD"),
        })
    })
    .transpose()
}

/// Every sentence of an annotated article is labelled: check-worthy when a gold claim covers
/// enough of it for `score_claims.py` to count it as on gold.
fn annotated_article(gold: &Gold, text: &str, reference: Option<NaiveDate>) -> Article {
    let spans: Vec<GoldSpan> = gold
        .claims
        .iter()
        .map(|c| GoldSpan {
            start: c.start,
            end: c.end,
            checkworthy: c.checkworthy,
        })
        .collect();
    // A trap mostly inside a gold claim is a value trap; the others are sentences not to log.
    let sentence_traps = gold
        .traps
        .iter()
        .filter(|t| {
            let inside = spans.iter().any(|g| {
                let overlap = t.end.min(g.end).saturating_sub(t.start.max(g.start));
                overlap * 10 >= 6 * (t.end - t.start)
            });
            !inside
        })
        .map(|t| (t.start, t.end))
        .collect();
    let sentences = training_sentences(
        text,
        &Context {
            reference_date: reference,
        },
    );
    let labels = sentences
        .iter()
        .map(|s| Some(train::on_gold((s.start, s.end), &spans)))
        .collect();
    let name = gold.article.trim_end_matches(".txt").to_string();
    Article {
        name,
        sentences,
        labels,
        gold: Some(Annotation {
            claims: spans,
            sentence_traps,
        }),
    }
}

fn read_database(path: &Path) -> Result<Vec<Article>> {
    if !path.is_file() {
        return Err(Error::Read {
            path: path.to_path_buf(),
            reason: "no such database file".into(),
        });
    }
    let store = Store::open(path)?;
    let labelled = store.labelled_articles()?;
    let mut articles = Vec::with_capacity(labelled.len());
    for article in labelled {
        let reference = parse_date(article.reference_date.as_deref(), path)?;
        let sentences = training_sentences(
            &article.body,
            &Context {
                reference_date: reference,
            },
        );
        let mut labels = vec![None; sentences.len()];
        for &(start, end, label) in &article.claims {
            // The sentence that holds most of the stored claim, if it holds half of it.
            let best = sentences
                .iter()
                .enumerate()
                .map(|(i, s)| (s.end.min(end).saturating_sub(s.start.max(start)), i))
                .max();
            if let Some((_, i)) = best.filter(|&(o, _)| o > 0 && o * 2 >= end.saturating_sub(start))
            {
                labels[i] = Some(label);
            }
        }
        articles.push(Article {
            name: format!("{} article {}", path.display(), article.id),
            sentences,
            labels,
            gold: None,
        });
    }
    Ok(articles)
}

/// The examples the model learns from, and for each the article and sentence it came from:
/// every labelled sentence that is not page furniture. Those a rule leaves out (questions,
/// predictions, headings) are never judged by the model, but their words teach it what is
/// not a claim (cross-validated ROC area 0.897 against 0.869 without them). A feature found in
/// fewer than `min_articles` articles is dropped: it can only teach one article's quirks.
fn examples(
    articles: &[Article],
    bits: u32,
    min_articles: usize,
    vocabulary: &mut Vocabulary,
) -> (Vec<Example>, Vec<(usize, usize)>) {
    // In how many articles each feature name occurs (the last article counted, the count).
    let mut seen_in: HashMap<&str, (usize, usize)> = HashMap::new();
    let learned = |sentence: &TrainingSentence, label: &Option<bool>| {
        // Page furniture teaches nothing about sentences: the cleaner already knows it.
        label.is_some() && !sentence.furniture
    };
    for (a, article) in articles.iter().enumerate() {
        for (sentence, label) in article.sentences.iter().zip(&article.labels) {
            if !learned(sentence, label) {
                continue;
            }
            for (_, name) in &sentence.features {
                let entry = seen_in.entry(name).or_insert((usize::MAX, 0));
                if entry.0 != a {
                    *entry = (a, entry.1 + 1);
                }
            }
        }
    }
    let mut examples = Vec::new();
    let mut index = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (s, (sentence, label)) in article.sentences.iter().zip(&article.labels).enumerate() {
            let (true, Some(label)) = (learned(sentence, label), *label) else {
                continue;
            };
            let kept: Vec<(u64, String)> = sentence
                .features
                .iter()
                .filter(|(_, name)| seen_in[name.as_str()].1 >= min_articles)
                .cloned()
                .collect();
            examples.push(Example {
                article: a,
                label,
                slots: vocabulary.slots(bits, &kept),
                judged: sentence.left_out.is_none(),
            });
            index.push((a, s));
        }
    }
    (examples, index)
}

/// Per article: check-worthy sentences a rule leaves out, which no threshold can bring back.
fn missed_positives(articles: &[Article]) -> Vec<usize> {
    articles
        .iter()
        .map(|article| {
            article
                .sentences
                .iter()
                .zip(&article.labels)
                .filter(|(s, l)| s.left_out.is_some() && **l == Some(true))
                .count()
        })
        .collect()
}

/// Each example's decision with a threshold chosen without its fold's labels: the held-out
/// probabilities of the other folds choose it.
fn cross_validated_decisions(
    examples: &[Example],
    held_out: &[f64],
    missed: &[usize],
    folds: usize,
    min_recall: f64,
) -> Vec<bool> {
    let thresholds: Vec<f64> = (0..folds)
        .map(|fold| {
            let others: Vec<(f64, bool)> = examples
                .iter()
                .zip(held_out)
                .filter(|(e, _)| e.judged && train::fold_of(e.article, folds) != fold)
                .map(|(e, &p)| (p, e.label))
                .collect();
            let missed_elsewhere = missed
                .iter()
                .enumerate()
                .filter(|(a, _)| train::fold_of(*a, folds) != fold)
                .map(|(_, m)| m)
                .sum();
            train::choose_threshold(&others, missed_elsewhere, min_recall)
        })
        .collect();
    examples
        .iter()
        .zip(held_out)
        .map(|(e, &p)| e.judged && p >= thresholds[train::fold_of(e.article, folds)])
        .collect()
}

/// Figures for one set of decisions.
struct Figures {
    sentences: Counts,
    scorer: ScorerCounts,
    traps: usize,
    per_article: Vec<Option<ScorerCounts>>,
}

fn report(
    articles: &[Article],
    examples: &[Example],
    index: &[(usize, usize)],
    decided: &[bool],
    missed: &[usize],
) -> Figures {
    let mut sentences = Counts {
        false_negatives: missed.iter().sum(),
        ..Counts::default()
    };
    let mut logged: Vec<Vec<(usize, usize)>> = vec![Vec::new(); articles.len()];
    for ((example, &(a, s)), &yes) in examples.iter().zip(index).zip(decided) {
        if !example.judged {
            continue;
        }
        match (yes, example.label) {
            (true, true) => sentences.true_positives += 1,
            (true, false) => sentences.false_positives += 1,
            (false, true) => sentences.false_negatives += 1,
            (false, false) => {}
        }
        if yes {
            let sentence = &articles[a].sentences[s];
            logged[a].push((sentence.start, sentence.end));
        }
    }
    let mut scorer = ScorerCounts::default();
    let mut traps = 0;
    let per_article = articles
        .iter()
        .zip(&logged)
        .map(|(article, tool)| {
            let gold = article.gold.as_ref()?;
            let counts = train::scorer_counts(tool, &gold.claims, &gold.sentence_traps);
            scorer.add(&counts);
            traps += gold.sentence_traps.len();
            Some(counts)
        })
        .collect();
    Figures {
        sentences,
        scorer,
        traps,
        per_article,
    }
}

fn write_figures(out: &mut dyn Write, figures: &Figures) -> Result<()> {
    let s = &figures.sentences;
    writeln!(
        out,
        "  sentences: precision {:.3} recall {:.3} F1 {:.3} ({} logged, {} check-worthy missed)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.true_positives + s.false_positives,
        s.false_negatives
    )?;
    if figures.per_article.iter().any(Option::is_some) {
        let c = &figures.scorer;
        writeln!(
            out,
            "  as score_claims.py: claimF1={:.2} cwRecall={:.2} precision={:.2} recall={:.2} sentence traps={}/{}",
            c.f1(),
            c.checkworthy_recall(),
            c.precision(),
            c.recall(),
            c.trap_sentences_hit,
            figures.traps
        )?;
    }
    Ok(())
}

fn write_per_article(
    out: &mut dyn Write,
    articles: &[Article],
    per_article: &[Option<ScorerCounts>],
) -> Result<()> {
    writeln!(out, "cross-validated, per annotated article:")?;
    writeln!(
        out,
        "  {:42} {:>4} {:>4} {:>5} {:>5} {:>5} {:>4}",
        "article", "gold", "tool", "P", "R", "cwR", "trap"
    )?;
    for (article, counts) in articles.iter().zip(per_article) {
        let Some(c) = counts else { continue };
        writeln!(
            out,
            "  {:42} {:4} {:4} {:5.2} {:5.2} {:5.2} {:4}   ({}/{}/{}/{}/{}/{})",
            article.name,
            c.gold,
            c.tool,
            c.precision(),
            c.recall(),
            c.checkworthy_recall(),
            c.trap_sentences_hit,
            c.tool_on_gold,
            c.tool,
            c.gold_found,
            c.gold,
            c.checkworthy_found,
            c.checkworthy
        )?;
    }
    Ok(())
}
