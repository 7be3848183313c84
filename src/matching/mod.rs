//! Claim matching: does a new claim state the same fact as one already stored? Pure functions:
//! the store keeps the candidate index (figure keys and rare word stems, see `index_keys` and
//! `lookup_keys`) and the document frequencies, and asks `judge` about each candidate.
//!
//! A pair is described by a few features (shared words and phrases, the rarest shared word,
//! shared names, equal figures and dates, a figure on one side only, how far apart the claims
//! stand in their articles), combined by a logistic model
//! whose weights are learned from labelled pairs of real news (`weights.txt`, written by
//! `cargo run --release --example train_matching`). One rule stays outside the model: a figure
//! of the same kind and unit on both sides with no value in common ("28,500 troops" against
//! "23,500 troops") is a different fact, whatever the wording.

mod synonyms;
mod text;

use std::sync::LazyLock;

use crate::extract::claims::shared_count;
use crate::model::{MatchWhy as Why, Normalized, Value};

pub use synonyms::{SynonymFilter, synonym_matches};
pub use text::{Stem, normalise_figure, stem_word, stems_of};

/// A claim reduced to what matching compares.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fingerprint {
    /// Content word stems, sorted by hash, without repeats.
    pub stems: Vec<Stem>,
    /// Hashes of adjacent content stems, sorted, without repeats: shared phrasing.
    bigrams: Vec<u64>,
    /// Figures and dates (see `value_key`).
    pub figures: Vec<Figure>,
    /// The figures' candidate-index keys (see `figure_keys`): made with the fingerprint, on
    /// `add`'s extraction threads, not once per use on the storing thread.
    figure_keys: Vec<u64>,
    /// Where the claim stands in its article, from 0 (the first claim) to 1 (the last):
    /// outlets telling the same story tend to tell it in the same order, lead first.
    pub place: f64,
}

/// One figure or date as matching compares it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The value type ("count", "money", "date"...).
    pub kind: String,
    /// The normalised value: "28500", "0.5", "2019-11-20", "10~20".
    pub value: String,
    /// The unit's last word, stemmed ("troop"), if any.
    pub unit: Option<String>,
}

impl Figure {
    fn is_date(&self) -> bool {
        self.kind == "date"
    }

    /// Counts and plain numbers are the same kind for comparing: the extractor calls a
    /// number with a unit a count, and "28.5 thousand" may come without one.
    fn kind_class(&self) -> &str {
        match self.kind.as_str() {
            "count" | "number" => "quantity",
            other => other,
        }
    }

    /// A figure that rarely recurs by chance: three or more digits and not a year, a decimal
    /// of two significant digits or more ("4.5" percent, not "0.5"), or a full date.
    fn is_distinctive(&self) -> bool {
        if self.is_date() {
            return self.value.len() == 10;
        }
        match self.value.parse::<f64>() {
            // "4.5%", "2.75 tons": a decimal of two digits or more is as rare by chance.
            Ok(n) if n.fract() != 0.0 => {
                let digits = self.value.trim_start_matches(['-', '0', '.']);
                digits.chars().filter(char::is_ascii_digit).count() >= 2
            }
            Ok(n) => n.abs() >= 100.0 && !(n.fract() == 0.0 && (1900.0..=2100.0).contains(&n)),
            Err(_) => false,
        }
    }
}

/// The figures and dates of a claim as one string, stored in `claims.value_key` and indexed
/// for search: `kind:value:unit` entries joined by `|`, in the order found.
pub fn value_key(values: &[Value]) -> String {
    let mut entries: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let normalised = match &value.value {
            Normalized::Number(n) => format!("{n}"),
            Normalized::Range(low, high) => format!("{}~{}", number(*low), number(*high)),
            Normalized::Date(d) => d.clone(),
            Normalized::DateRange(from, to) => format!(
                "{}~{}",
                from.as_deref().unwrap_or(""),
                to.as_deref().unwrap_or("")
            ),
        };
        let unit = value
            .unit
            .as_deref()
            .and_then(|u| u.split_whitespace().last())
            .map(text::stem_word)
            .unwrap_or_default();
        let entry = format!("{}:{normalised}:{unit}", value.value_type.as_str());
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    }
    entries.join("|")
}

fn number(n: Option<f64>) -> String {
    n.map(|n| format!("{n}")).unwrap_or_default()
}

fn figure_keys(figures: &[Figure]) -> Vec<u64> {
    let mut keys: Vec<u64> = figures
        .iter()
        .map(|f| text::hash(&format!("#{}", f.value)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn parse_figures(value_key: &str) -> Vec<Figure> {
    value_key
        .split('|')
        .filter_map(|entry| {
            let mut parts = entry.splitn(3, ':');
            let (kind, value) = (parts.next()?, parts.next()?);
            let unit = parts.next().filter(|u| !u.is_empty());
            (!kind.is_empty() && !value.is_empty()).then(|| Figure {
                kind: kind.to_string(),
                value: value.to_string(),
                unit: unit.map(str::to_string),
            })
        })
        .collect()
}

impl Fingerprint {
    /// A claim's fingerprint from its text and `value_key`.
    pub fn new(text: &str, value_key: &str) -> Fingerprint {
        let mut words = Vec::new();
        text::scan(text, |stem, _, _| words.push(stem));
        let mut bigrams: Vec<u64> = words
            .windows(2)
            .map(|pair| pair[0].hash.rotate_left(17) ^ pair[1].hash)
            .collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let mut stems = words;
        stems.sort_by_key(|s| s.hash);
        // A word written once as a name and once not is a name.
        stems.dedup_by(|later, earlier| {
            let same = later.hash == earlier.hash;
            if same {
                earlier.name |= later.name;
            }
            same
        });
        let figures = parse_figures(value_key);
        Fingerprint {
            stems,
            bigrams,
            figure_keys: figure_keys(&figures),
            figures,
            place: 0.5,
        }
    }

    /// The fingerprint of the claim at `position` (1-based) of an article of `claims` claims.
    pub fn placed(mut self, position: usize, claims: usize) -> Fingerprint {
        self.place = if claims > 1 {
            (position.saturating_sub(1) as f64 / (claims - 1) as f64).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self
    }

    /// The keys under which the candidate index files this claim: every figure (by value
    /// alone, so that a count and a plain number meet) and the `stage.indexed_stems` rarest
    /// stems. `document_frequency` is how many claims have a stem, this one's article included.
    pub fn index_keys(
        &self,
        stage: &CandidateStage,
        document_frequency: &dyn Fn(u64) -> u64,
    ) -> Vec<u64> {
        self.keys(stage.indexed_stems, &|hash| Some(document_frequency(hash)))
    }

    /// The keys to look candidates up by: the figures and the `stage.lookup_stems` rarest
    /// stems among those other articles' claims have. `elsewhere` is how many claims of other
    /// articles have a stem: a stem no other claim has can find nothing, and the rarest of a
    /// claim's stems are mostly such words (an outlet's own wording), while what two outlets
    /// share is by definition found twice.
    pub fn lookup_keys(&self, stage: &CandidateStage, elsewhere: &dyn Fn(u64) -> u64) -> Vec<u64> {
        self.keys(stage.lookup_stems, &|hash| {
            Some(elsewhere(hash)).filter(|n| *n > 0)
        })
    }

    /// The candidate-index keys of the figures, by value alone (so that a count and a plain
    /// number meet), sorted, without repeats.
    pub fn figure_keys(&self) -> &[u64] {
        &self.figure_keys
    }

    /// The figure keys and the `stems` rarest stems `frequency` gives a count for.
    fn keys(&self, stems: usize, frequency: &dyn Fn(u64) -> Option<u64>) -> Vec<u64> {
        let mut keys = self.figure_keys.clone();
        let mut rare: Vec<(u64, u8, u64)> = self
            .stems
            .iter()
            .filter_map(|s| Some((frequency(s.hash)?, u8::MAX - s.length, s.hash)))
            .collect();
        // The rarest few picked, not the whole list sorted (the order is total, hashes being
        // distinct): the keys are sorted below anyway.
        if rare.len() > stems {
            rare.select_nth_unstable(stems);
            rare.truncate(stems);
        }
        keys.extend(rare.iter().map(|(_, _, hash)| *hash));
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// The candidate stage's sizes: what bounds matching's cost per claim. The store uses
/// `CandidateStage::SHIPPED`; the training command measures others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateStage {
    /// Stems a claim is filed under in the candidate index.
    pub indexed_stems: usize,
    /// Stems a new claim looks candidates up by.
    pub lookup_stems: usize,
    /// Claims read under one key, the newest: enough to find a wire copy or a paraphrase,
    /// and reading more would make a common key's cost grow with the archive.
    pub postings_read: usize,
    /// Candidates judged per new claim, those found under most keys first.
    pub judged: usize,
}

impl CandidateStage {
    pub const SHIPPED: CandidateStage = CandidateStage {
        indexed_stems: 10,
        lookup_stems: 8,
        postings_read: 4,
        judged: 6,
    };

    /// The claims to judge, from the postings read under each lookup key (each list newest
    /// first, at most `postings_read` used, with the key's IDF weight): those whose shared keys
    /// weigh most (a rare name found under one key tells more than two common words), then
    /// the newest.
    pub fn rank<'a>(&self, postings: impl IntoIterator<Item = (&'a [i64], f64)>) -> Vec<i64> {
        let ranked = self.rank_weighed(postings);
        ranked.into_iter().map(|(id, _)| id).collect()
    }

    /// `rank`, each claim with the weight of the keys it was found under.
    pub fn rank_weighed<'a>(
        &self,
        postings: impl IntoIterator<Item = (&'a [i64], f64)>,
    ) -> Vec<(i64, f64)> {
        let mut hits: Vec<(i64, f64)> = Vec::with_capacity(64);
        let mut seen = SeenIds::default();
        for (list, weight) in postings {
            for id in list.iter().take(self.postings_read) {
                match seen.position(&hits, *id) {
                    Some(at) => hits[at].1 += weight,
                    None => {
                        seen.insert(*id, hits.len());
                        hits.push((*id, weight));
                    }
                }
            }
        }
        let best = |a: &(i64, f64), b: &(i64, f64)| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0));
        // The best few picked, then sorted: the order is total (ids are distinct), so this is
        // the head of the whole sorted list, where sorting some forty hits to keep six was a
        // third of the ranking's instructions.
        if hits.len() > self.judged {
            hits.select_nth_unstable_by(self.judged, best);
            hits.truncate(self.judged);
        }
        hits.sort_unstable_by(best);
        hits
    }
}

/// Where each claim found by the candidate stage stands in its list of hits: open addressing
/// on the stack, where a scan of the hits for every posting read was half of the ranking's
/// instructions. Past `SeenIds::LIMIT` hits (a claim with dozens of figures, or a stage
/// measured without bounds) the rest are found by a scan.
struct SeenIds {
    /// Position in the hits plus one, 0 for an empty slot.
    slots: [u16; 512],
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds { slots: [0; 512] }
    }
}

impl SeenIds {
    /// Hits the table holds: half its slots, so that a probe always meets an empty one.
    const LIMIT: usize = 256;

    fn slot(id: i64) -> usize {
        ((id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize
    }

    fn position(&self, hits: &[(i64, f64)], id: i64) -> Option<usize> {
        if hits.len() > Self::LIMIT {
            return hits.iter().position(|(seen, _)| *seen == id);
        }
        let mut slot = Self::slot(id);
        loop {
            match self.slots[slot] {
                0 => return None,
                at if hits[usize::from(at) - 1].0 == id => return Some(usize::from(at) - 1),
                _ => slot = (slot + 1) % self.slots.len(),
            }
        }
    }

    fn insert(&mut self, id: i64, at: usize) {
        if at >= Self::LIMIT {
            return;
        }
        let mut slot = Self::slot(id);
        while self.slots[slot] != 0 {
            slot = (slot + 1) % self.slots.len();
        }
        self.slots[slot] = (at + 1) as u16;
    }
}

/// A desk is weighed as if it held at least this many claims. On a desk of two one-sentence
/// claims every word is in every claim, so the counts cannot tell a name from a common word,
/// and two paraphrases' shared words weighed nothing. Chosen by `train_matching`'s measure of
/// each labelled pair on a desk of its two claims alone, with the eight features before
/// related words: 111 of 144 same-fact pairs and 19 of 124 hard negatives match at 6, 49 and 1
/// with no floor, 122 and 33 at 20 (with related words, 111 and 20 at 6). Desks of 23 claims
/// and more (where every labelled story is when its second article comes) are unchanged.
pub const SMALLEST_DESK: u64 = 6;

/// Inverse document frequency of a stem found in `frequency` of `claims` stored claims.
pub fn idf(frequency: u64, claims: u64) -> f64 {
    let claims = claims.max(SMALLEST_DESK);
    ((claims as f64 + 1.0) / (frequency as f64 + 0.5))
        .ln()
        .max(0.05)
}

/// The IDF of a rare word, found in one claim in fifty (and at least three claims): the unit
/// the rarest shared word is measured in, so that the feature means the same in a small
/// database and a large one.
pub fn rare_idf(claims: u64) -> f64 {
    let claims = claims.max(SMALLEST_DESK);
    idf((claims / 50).max(3), claims)
}

/// A fingerprint with the IDF of each of its stems (in `stems` order): what comparing it needs,
/// computed once however many claims it is compared with.
#[derive(Debug, Clone)]
pub struct Weighted<'a> {
    pub fingerprint: &'a Fingerprint,
    weights: Vec<f64>,
}

impl<'a> Weighted<'a> {
    pub fn new(fingerprint: &'a Fingerprint, weight: &dyn Fn(u64) -> f64) -> Weighted<'a> {
        let weights = fingerprint.stems.iter().map(|s| weight(s.hash)).collect();
        Weighted {
            fingerprint,
            weights,
        }
    }
}

/// The features of a pair, in `FEATURES` order. `weight` gives each stem's IDF.
pub fn features(
    a: &Fingerprint,
    b: &Fingerprint,
    weight: &dyn Fn(u64) -> f64,
    rare_weight: f64,
) -> [f64; FEATURE_COUNT] {
    pair_features(&Weighted::new(a, weight), b, rare_weight)
}

/// The features need of the words only what the two claims share, and a shared stem weighs
/// the same on both sides (one IDF table), so `a`'s weights are enough. Features that divided
/// by a claim's own word weights (cosine, containment, coverage of the longer claim) changed
/// sign from one training fold to another and were dropped (README, "How matching decides").
fn pair_features(wa: &Weighted<'_>, b: &Fingerprint, rare_weight: f64) -> [f64; FEATURE_COUNT] {
    let a = wa.fingerprint;
    let (mut count, mut names, mut top) = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut roots = UnsharedRoots::default();
    let (mut i, mut j) = (0, 0);
    while i < a.stems.len() && j < b.stems.len() {
        match a.stems[i].hash.cmp(&b.stems[j].hash) {
            std::cmp::Ordering::Less => {
                roots.mine(&a.stems[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                roots.theirs(&b.stems[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                count += 1.0;
                if a.stems[i].name && b.stems[j].name {
                    names += 1.0;
                }
                top = top.max(wa.weights[i]);
                i += 1;
                j += 1;
            }
        }
    }
    a.stems[i..].iter().for_each(|s| roots.mine(s));
    b.stems[j..].iter().for_each(|s| roots.theirs(s));
    let bigrams = shared(&a.bigrams, &b.bigrams) as f64;
    let figures = compare_figures(a, b);
    let related = roots.related() as f64;
    [
        (1.0 + count).ln(),
        (1.0 + names).ln(),
        (1.0 + bigrams).ln(),
        figures.equal_distinctive,
        figures.equal_dates,
        figures.one_side,
        top / rare_weight.max(1.0),
        (a.place - b.place).abs(),
        (1.0 + related).ln(),
    ]
}

/// The roots (`Stem::root`) of the words each of two claims lacks, gathered on the walk that
/// finds the words they share, on the stack: a claim has a few dozen words, and roots past
/// the 48th of a side are not looked at.
struct UnsharedRoots {
    mine: [u32; 48],
    mine_count: usize,
    theirs: [u32; 48],
    theirs_count: usize,
}

impl Default for UnsharedRoots {
    fn default() -> Self {
        UnsharedRoots {
            mine: [0; 48],
            mine_count: 0,
            theirs: [0; 48],
            theirs_count: 0,
        }
    }
}

impl UnsharedRoots {
    fn mine(&mut self, stem: &Stem) {
        if stem.root != 0 && self.mine_count < self.mine.len() {
            self.mine[self.mine_count] = stem.root;
            self.mine_count += 1;
        }
    }

    fn theirs(&mut self, stem: &Stem) {
        if stem.root != 0 && self.theirs_count < self.theirs.len() {
            self.theirs[self.theirs_count] = stem.root;
            self.theirs_count += 1;
        }
    }

    /// Words of the first claim that the other lacks, with a word of one root that the first
    /// lacks: "diagnosis" and "diagnosed", "exposures" and "exposed".
    fn related(&self) -> usize {
        let theirs = &self.theirs[..self.theirs_count];
        let mine = &self.mine[..self.mine_count];
        // A bit per root's low six bits: most roots have no bit set on the other side, and
        // are ruled out without a scan (the scans were a third of judging a pair).
        let bit = |root: &u32| 1u64 << (root & 63);
        let present = theirs.iter().fold(0u64, |mask, root| mask | bit(root));
        mine.iter()
            .filter(|root| present & bit(root) != 0 && theirs.contains(root))
            .count()
    }
}

/// `UnsharedRoots::related` of two claims.
#[cfg(test)]
fn related_words(a: &Fingerprint, b: &Fingerprint) -> usize {
    let at = FEATURES.iter().position(|f| *f == "related_words").unwrap();
    let feature = pair_features(&Weighted::new(a, &|_| 1.0), b, 1.0)[at];
    feature.exp().round() as usize - 1
}

/// Names of the features, in order: the keys of `weights.txt`.
pub const FEATURES: [&str; FEATURE_COUNT] = [
    "shared_words",
    "shared_names",
    "shared_phrases",
    "equal_distinctive_figures",
    "equal_dates",
    "figures_one_side",
    "rarest_shared_word",
    "place_gap",
    "related_words",
];
pub const FEATURE_COUNT: usize = 9;

#[derive(Debug, Default)]
struct FigureComparison {
    equal_distinctive: f64,
    equal_dates: f64,
    one_side: f64,
}

fn compare_figures(a: &Fingerprint, b: &Fingerprint) -> FigureComparison {
    let mut comparison = FigureComparison::default();
    for x in &a.figures {
        if !b.figures.iter().any(|y| y.value == x.value) {
            continue;
        }
        if x.is_date() {
            comparison.equal_dates += 1.0;
        } else if x.is_distinctive() {
            comparison.equal_distinctive += 1.0;
        }
    }
    let numbers = |f: &Fingerprint| f.figures.iter().any(|x| !x.is_date());
    comparison.one_side = f64::from(u8::from(numbers(a) != numbers(b)));
    comparison
}

/// True when both claims give a figure of the same kind and unit and no value of that kind
/// and unit is common to them: they state different amounts of the same thing. Dates never
/// veto (a report's "on Thursday" is often when it was said, not when it happened), nor do
/// plain numbers without a unit (an age and a count look alike).
pub fn contradicting_figures(a: &Fingerprint, b: &Fingerprint) -> bool {
    let vetoing = |f: &&Figure| {
        !f.is_date() && (f.unit.is_some() || f.kind == "percent" || f.kind == "money")
    };
    a.figures.iter().filter(vetoing).any(|x| {
        let same_kind = |f: &&Figure| f.kind_class() == x.kind_class() && same_unit(f, x);
        let mut theirs = b.figures.iter().filter(same_kind).peekable();
        theirs.peek().is_some()
            && !theirs.any(|y| {
                a.figures
                    .iter()
                    .filter(same_kind)
                    .any(|m| m.value == y.value)
            })
    })
}

/// Units of one class are one unit: "162 people" and "160 passengers" contradict.
fn same_unit(a: &Figure, b: &Figure) -> bool {
    a.unit.as_deref().map(text::unit_class) == b.unit.as_deref().map(text::unit_class)
}

/// The learned model: a weight per feature, a bias and the decision threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub weights: [f64; FEATURE_COUNT],
    pub bias: f64,
    pub threshold: f64,
}

impl Model {
    /// The probability-like score of a pair's features.
    pub fn score(&self, features: &[f64; FEATURE_COUNT]) -> f64 {
        let z: f64 = self.bias
            + self
                .weights
                .iter()
                .zip(features)
                .map(|(w, x)| w * x)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Read `weights.txt`: `name value` lines for `bias`, `threshold` and every feature;
    /// `#` starts a comment.
    pub fn parse(text: &str) -> Option<Model> {
        let mut model = Model {
            weights: [f64::NAN; FEATURE_COUNT],
            bias: f64::NAN,
            threshold: f64::NAN,
        };
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (name, value) = line.split_once(char::is_whitespace)?;
            let value: f64 = value.trim().parse().ok()?;
            match name {
                "bias" => model.bias = value,
                "threshold" => model.threshold = value,
                _ => model.weights[FEATURES.iter().position(|f| *f == name)?] = value,
            }
        }
        let finite = model
            .weights
            .iter()
            .chain([&model.bias, &model.threshold])
            .all(|w| w.is_finite());
        finite.then_some(model)
    }

    /// The model as `weights.txt` holds it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (name, weight) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name} {weight:.6}\n"));
        }
        out.push_str(&format!(
            "bias {:.6}\nthreshold {:.4}\n",
            self.bias, self.threshold
        ));
        out
    }
}

/// The weights shipped with the build.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(include_str!("weights.txt")).expect("src/matching/weights.txt is well formed")
});

/// The score of a pair under `model`, or `None` when the pair is not a match (below the
/// threshold, or vetoed by contradicting figures). Only `a`'s weights are needed (see
/// `pair_features`), so the store never reads the IDF of a candidate's own words.
pub fn judge(model: &Model, a: &Weighted<'_>, b: &Fingerprint, rare_weight: f64) -> Option<f64> {
    let x = a.fingerprint;
    if x.stems.is_empty() || b.stems.is_empty() || contradicting_figures(x, b) {
        return None;
    }
    let score = model.score(&pair_features(a, b, rare_weight));
    (score >= model.threshold).then_some(score)
}

/// What two claims share, for showing why they matched; `a_text` is the text of `a`, whose
/// words are shown as it writes them.
pub fn why(a: &Fingerprint, a_text: &str, b: &Fingerprint, weight: &dyn Fn(u64) -> f64) -> Why {
    let mut written: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
    text::scan(a_text, |stem, _, lower| {
        written
            .entry(stem.hash)
            .or_insert_with(|| lower.to_string());
    });
    let word = |hash: u64| written.get(&hash).cloned().unwrap_or_default();
    let mut why = Why::default();
    for x in &a.figures {
        if b.figures.iter().any(|y| y.value == x.value) && !why.figures.contains(&x.value) {
            why.figures.push(x.value.clone());
        }
    }
    let mut words: Vec<(f64, String)> = Vec::new();
    for_shared(&a.stems, &b.stems, |x, y| {
        if x.name && y.name {
            why.names.push(word(x.hash));
        } else {
            words.push((weight(x.hash), word(x.hash)));
        }
    });
    why.names.sort();
    words.sort_by(|p, q| q.0.total_cmp(&p.0).then_with(|| p.1.cmp(&q.1)));
    why.words = words.into_iter().map(|(_, w)| w).take(8).collect();
    why
}

fn for_shared<'a>(mine: &'a [Stem], theirs: &'a [Stem], mut each: impl FnMut(&'a Stem, &'a Stem)) {
    let (mut i, mut j) = (0, 0);
    while i < mine.len() && j < theirs.len() {
        match mine[i].hash.cmp(&theirs[j].hash) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                each(&mine[i], &theirs[j]);
                i += 1;
                j += 1;
            }
        }
    }
}

fn shared(mine: &[u64], theirs: &[u64]) -> usize {
    shared_count(mine, theirs)
}

#[cfg(test)]
mod tests;
