//! Training and judging a check-worthiness model: L2-regularised logistic regression fitted by
//! accelerated batch gradient descent, cross-validation by article, the choice of threshold,
//! and counts as `score_claims.py` makes them. Pure and deterministic: a fixed number of
//! iterations, no randomness, folds by the caller's (sorted) article order.

use std::collections::{BTreeMap, BTreeSet};

use super::weights::{logistic, slot};

/// One labelled sentence: its article (for folds) and its feature slots, with repeats.
#[derive(Debug, Clone)]
pub struct Example {
    pub article: usize,
    pub label: bool,
    pub slots: Vec<u32>,
    /// The model decides this sentence in extraction. The others (sentences rules leave out)
    /// are only learned from: their words teach what is not a claim.
    pub judged: bool,
}

/// How to fit.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub bits: u32,
    /// Strength of the L2 penalty on the mean log loss (the bias is not penalised).
    pub l2: f64,
    pub iterations: usize,
}

/// A fitted model: bias and one weight per slot.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub bias: f64,
    pub weights: Vec<f64>,
}

impl Fitted {
    pub fn probability(&self, example: &Example) -> f64 {
        logistic(self.margin(example))
    }

    fn margin(&self, example: &Example) -> f64 {
        self.bias
            + example
                .slots
                .iter()
                .map(|&s| self.weights[s as usize])
                .sum::<f64>()
    }
}

/// Collects feature slots and the names that fall in each, for training.
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub names: BTreeMap<u32, BTreeSet<String>>,
}

impl Vocabulary {
    /// The slots of `features` (keys with names) in a table of `2^bits`, names remembered.
    pub fn slots(&mut self, bits: u32, features: &[(u64, String)]) -> Vec<u32> {
        features
            .iter()
            .map(|(key, name)| {
                let slot = slot(*key, bits) as u32;
                self.names.entry(slot).or_default().insert(name.clone());
                slot
            })
            .collect()
    }

    /// Every name with the weight of its slot.
    pub fn named_weights(&self, fitted: &Fitted) -> Vec<(String, f64)> {
        self.names
            .iter()
            .flat_map(|(&slot, names)| {
                names
                    .iter()
                    .map(move |name| (name.clone(), fitted.weights[slot as usize]))
            })
            .collect()
    }
}

/// Minimise the mean log loss plus `l2 / 2 * |w|^2` with Nesterov's accelerated gradient at a
/// fixed step of 1/L (L bounds the curvature: a quarter of the largest squared feature norm).
pub fn fit(examples: &[&Example], settings: Settings) -> Fitted {
    let size = 1usize << settings.bits;
    let n = examples.len().max(1) as f64;
    let largest_norm = examples
        .iter()
        .map(|e| squared_norm(&e.slots) + 1.0)
        .fold(1.0, f64::max);
    let step = 1.0 / (0.25 * largest_norm + settings.l2);
    let mut current = Fitted {
        bias: 0.0,
        weights: vec![0.0; size],
    };
    let mut previous = current.clone();
    let mut look = current.clone();
    let mut gradient = vec![0.0; size];
    for iteration in 0..settings.iterations {
        gradient.iter_mut().for_each(|g| *g = 0.0);
        let mut bias_gradient = 0.0;
        for example in examples {
            let error = look.probability(example) - f64::from(u8::from(example.label));
            bias_gradient += error;
            for &s in &example.slots {
                gradient[s as usize] += error;
            }
        }
        let momentum = iteration as f64 / (iteration as f64 + 3.0);
        let next_bias = look.bias - step * bias_gradient / n;
        for (i, g) in gradient.iter().enumerate() {
            let next = look.weights[i] - step * (g / n + settings.l2 * look.weights[i]);
            previous.weights[i] = current.weights[i];
            current.weights[i] = next;
            look.weights[i] = next + momentum * (next - previous.weights[i]);
        }
        previous.bias = current.bias;
        current.bias = next_bias;
        look.bias = next_bias + momentum * (next_bias - previous.bias);
    }
    current
}

/// The squared norm of a feature vector given as slots with repeats.
fn squared_norm(slots: &[u32]) -> f64 {
    let mut sorted = slots.to_vec();
    sorted.sort_unstable();
    let mut total = 0.0;
    let mut run = 0.0;
    for (i, s) in sorted.iter().enumerate() {
        run = if i > 0 && sorted[i - 1] == *s {
            run + 1.0
        } else {
            1.0
        };
        // (run)^2 - (run - 1)^2: the square of each slot's count, added up as it grows.
        total += 2.0 * run - 1.0;
    }
    total
}

/// The fold of article `article` among `folds`: articles dealt out in order.
pub fn fold_of(article: usize, folds: usize) -> usize {
    article % folds.max(1)
}

/// The probability each example gets from a model fitted without its article's fold.
pub fn held_out_probabilities(examples: &[Example], folds: usize, settings: Settings) -> Vec<f64> {
    let mut probabilities = vec![0.0; examples.len()];
    for fold in 0..folds {
        let training: Vec<&Example> = examples
            .iter()
            .filter(|e| fold_of(e.article, folds) != fold)
            .collect();
        let fitted = fit(&training, settings);
        for (i, example) in examples.iter().enumerate() {
            if fold_of(example.article, folds) == fold {
                probabilities[i] = fitted.probability(example);
            }
        }
    }
    probabilities
}

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Sentence counts at `threshold`; `missed` positives never reached the model (a rule left
/// them out) and count as false negatives.
pub fn counts_at(scored: &[(f64, bool)], threshold: f64, missed: usize) -> Counts {
    let mut counts = Counts {
        false_negatives: missed,
        ..Counts::default()
    };
    for &(p, label) in scored {
        match (p >= threshold, label) {
            (true, true) => counts.true_positives += 1,
            (true, false) => counts.false_positives += 1,
            (false, true) => counts.false_negatives += 1,
            (false, false) => {}
        }
    }
    counts
}

/// The threshold with the best F1 among those that keep recall at `min_recall` or more (the
/// lowest threshold, when none does), rounded down to four decimals as the weights file keeps
/// it. F1 within one sentence's worth of the best (one sentence moving across the threshold
/// changes F1 by about 1 / (2 TP + FP + FN)) is a tie, and ties go to the highest threshold:
/// fewer claims for a checker to dismiss. Held-out F1 is flat over a wide range (0.9631-0.9650
/// from 0.21 to 0.69 on the 36 articles), so without a tolerance a sentence or two decided
/// where the best lay: one sentence less in training moved it from 0.4464 to 0.3434.
pub fn choose_threshold(scored: &[(f64, bool)], missed: usize, min_recall: f64) -> f64 {
    let mut candidates: Vec<f64> = scored.iter().map(|&(p, _)| floor4(p)).collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let allowed: Vec<(f64, Counts)> = candidates
        .iter()
        .map(|&t| (t, counts_at(scored, t, missed)))
        .filter(|(_, counts)| counts.recall() + 1e-12 >= min_recall)
        .collect();
    let Some((_, best)) = allowed.iter().max_by(|a, b| a.1.f1().total_cmp(&b.1.f1())) else {
        return candidates.first().copied().unwrap_or(0.5);
    };
    let sentences = 2 * best.true_positives + best.false_positives + best.false_negatives;
    let tie = 1.0 / sentences.max(1) as f64;
    allowed
        .iter()
        .filter(|(_, counts)| counts.f1() + tie >= best.f1())
        .map(|&(t, _)| t)
        .fold(f64::NEG_INFINITY, f64::max)
}

/// The area under the ROC curve: the chance that a check-worthy sentence scores above one that
/// is not (ties count half). How well the model ranks, whatever the threshold.
pub fn area_under_curve(scored: &[(f64, bool)]) -> f64 {
    let mut sorted = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = sorted.iter().filter(|s| s.1).count();
    let negatives = sorted.len() - positives;
    if positives == 0 || negatives == 0 {
        return 1.0;
    }
    // Ranks from 1, tied scores sharing their mean rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let mean_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += mean_rank * sorted[i..j].iter().filter(|s| s.1).count() as f64;
        i = j;
    }
    let (p, n) = (positives as f64, negatives as f64);
    (rank_sum - p * (p + 1.0) / 2.0) / (p * n)
}

fn floor4(p: f64) -> f64 {
    (p * 10_000.0).floor() / 10_000.0
}

/// A gold claim span of an annotated article.
#[derive(Debug, Clone, Copy)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub checkworthy: bool,
}

/// What `score_claims.py` counts for one article.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScorerCounts {
    pub gold: usize,
    pub gold_found: usize,
    pub checkworthy: usize,
    pub checkworthy_found: usize,
    pub tool: usize,
    pub tool_on_gold: usize,
    pub trap_sentences_hit: usize,
}

impl ScorerCounts {
    pub fn add(&mut self, other: &ScorerCounts) {
        self.gold += other.gold;
        self.gold_found += other.gold_found;
        self.checkworthy += other.checkworthy;
        self.checkworthy_found += other.checkworthy_found;
        self.tool += other.tool;
        self.tool_on_gold += other.tool_on_gold;
        self.trap_sentences_hit += other.trap_sentences_hit;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tool_on_gold, self.tool)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn checkworthy_recall(&self) -> f64 {
        ratio(self.checkworthy_found, self.checkworthy)
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Whether a claim span counts as on a gold claim, as `score_claims.py` decides precision:
/// some gold claim covers more than 30% of it. This is also the label of a devset sentence.
pub fn on_gold(span: (usize, usize), gold: &[GoldSpan]) -> bool {
    let length = span.1.saturating_sub(span.0);
    gold.iter()
        .any(|g| overlap((g.start, g.end), span) * 10 > 3 * length)
}

/// The counts `score_claims.py` makes for one article from the spans of the claims a build
/// logs (`tool`), its gold claims, and its sentence traps (those not inside a gold claim).
pub fn scorer_counts(
    tool: &[(usize, usize)],
    gold: &[GoldSpan],
    sentence_traps: &[(usize, usize)],
) -> ScorerCounts {
    let mut counts = ScorerCounts {
        gold: gold.len(),
        tool: tool.len(),
        ..ScorerCounts::default()
    };
    for g in gold {
        let gs = (g.start, g.end);
        let found = tool.iter().any(|&t| {
            let o = overlap(gs, t);
            o * 2 >= gs.1 - gs.0 && o * 10 >= 3 * (t.1 - t.0) && o > 0
        });
        counts.checkworthy += usize::from(g.checkworthy);
        counts.gold_found += usize::from(found);
        counts.checkworthy_found += usize::from(found && g.checkworthy);
    }
    counts.tool_on_gold = tool.iter().filter(|&&t| on_gold(t, gold)).count();
    counts.trap_sentences_hit = sentence_traps
        .iter()
        .filter(|&&trap| {
            tool.iter()
                .any(|&t| overlap(trap, t) * 2 >= trap.1 - trap.0)
        })
        .count();
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(article: usize, label: bool, slots: &[u32]) -> Example {
        Example {
            article,
            label,
            slots: slots.to_vec(),
            judged: true,
        }
    }

    const SETTINGS: Settings = Settings {
        bits: 4,
        l2: 0.01,
        iterations: 300,
    };

    /// A feature only positives have gets a positive weight, one only negatives have a
    /// negative weight, and fitting twice gives the same numbers.
    #[test]
    fn fitting_learns_the_telling_feature_and_is_repeatable() {
        let examples: Vec<Example> = (0..20)
            .map(|i| example(i, i % 3 != 0, if i % 3 != 0 { &[1, 2] } else { &[3, 2] }))
            .collect();
        let refs: Vec<&Example> = examples.iter().collect();
        let fitted = fit(&refs, SETTINGS);
        assert!(
            fitted.weights[1] > 0.5 && fitted.weights[3] < -0.5,
            "{fitted:?}"
        );
        assert!(fitted.probability(&examples[1]) > 0.8);
        assert!(fitted.probability(&examples[0]) < 0.2);
        let again = fit(&refs, SETTINGS);
        assert_eq!(again.weights, fitted.weights);
    }

    /// A held-out probability comes from a model that never saw the article: a feature seen
    /// in one article only tells nothing about it.
    #[test]
    fn held_out_articles_are_not_learned_from() {
        let mut examples: Vec<Example> = (0..12)
            .map(|i| example(i, i % 2 == 0, if i % 2 == 0 { &[1] } else { &[2] }))
            .collect();
        examples.push(example(12, true, &[5]));
        let probabilities = held_out_probabilities(&examples, 6, SETTINGS);
        assert!(probabilities[0] > 0.7 && probabilities[1] < 0.3);
        assert!(
            (probabilities[12] - 0.5).abs() < 0.1,
            "{}",
            probabilities[12]
        );
    }

    #[test]
    fn threshold_keeps_recall_then_maximises_f1() {
        let scored = [
            (0.9, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.3, false),
            (0.25, false),
            (0.2, true),
        ];
        // Best F1 alone cuts at 0.6 (3 of 4 found); a recall floor of 1 takes in 0.2.
        assert_eq!(choose_threshold(&scored, 0, 0.7), 0.6);
        assert_eq!(choose_threshold(&scored, 0, 1.0), 0.2);
        // Within one sentence's worth of the best F1 (1/15 here), the higher threshold wins:
        // 0.9 keeps 6 of 7 (F1 0.923), 0.8 all seven and one stray (0.933).
        let near = [
            0.95, 0.94, 0.93, 0.92, 0.91, 0.9, 0.85, 0.8, 0.3, 0.2, 0.1, 0.05,
        ];
        let labels = [
            true, true, true, true, true, true, false, true, false, false, false, false,
        ];
        let flat: Vec<(f64, bool)> = near.into_iter().zip(labels).collect();
        assert_eq!(choose_threshold(&flat, 0, 0.8), 0.9);
        let counts = counts_at(&scored, 0.6, 1);
        assert_eq!((counts.true_positives, counts.false_positives), (3, 1));
        assert_eq!(counts.false_negatives, 2);
    }

    #[test]
    fn area_under_curve_counts_pairs_in_order() {
        assert_eq!(area_under_curve(&[(0.9, true), (0.1, false)]), 1.0);
        assert_eq!(area_under_curve(&[(0.1, true), (0.9, false)]), 0.0);
        assert_eq!(area_under_curve(&[(0.5, true), (0.5, false)]), 0.5);
        let mixed = [(0.9, true), (0.6, false), (0.5, true), (0.2, false)];
        assert_eq!(area_under_curve(&mixed), 0.75);
    }

    #[test]
    fn scorer_counts_follow_score_claims() {
        let gold = [
            GoldSpan {
                start: 0,
                end: 100,
                checkworthy: true,
            },
            GoldSpan {
                start: 200,
                end: 300,
                checkworthy: false,
            },
        ];
        // Half of the first gold claim; a sentence off gold; a trap logged.
        let tool = [(0, 50), (120, 180), (400, 450)];
        let counts = scorer_counts(&tool, &gold, &[(400, 440), (500, 520)]);
        assert_eq!((counts.gold_found, counts.checkworthy_found), (1, 1));
        assert_eq!((counts.tool, counts.tool_on_gold), (3, 1));
        assert_eq!(counts.trap_sentences_hit, 1);
    }
}
