//! A linear model's weights as a text file (read and written here), and the table that scores
//! features by their keys.
//!
//! The file is made for diffs: comment lines, then `bits`, `threshold` and `bias`, then one
//! `FAMILY NAME... WEIGHT` line per feature, sorted by name, with fixed decimals. The table has
//! `2^bits` slots; a feature's slot is the top bits of its key, as in training, so two names
//! that share a slot were trained as one weight and carry the same number.

use std::fmt::Write as _;

use super::features::{self, Evidence, Sink};

/// A trained logistic regression over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bits: u32,
    /// Sentences whose probability is at least this are check-worthy claims.
    pub threshold: f64,
    pub bias: f64,
    table: Vec<f32>,
}

/// The slot of a key in a table of `2^bits` slots.
pub fn slot(key: u64, bits: u32) -> usize {
    (key >> (64 - bits)) as usize
}

/// Table sizes a weights file may ask for: enough slots to keep collisions rare, few enough
/// that the table stays in cache.
pub const BITS: std::ops::RangeInclusive<u32> = 10..=20;

impl Model {
    /// A model from its weights by slot (`weights.len()` must be `2^bits`).
    pub fn new(bits: u32, threshold: f64, bias: f64, weights: &[f64]) -> Model {
        let table = weights.iter().map(|&w| w as f32).collect();
        Model {
            bits,
            threshold,
            bias,
            table,
        }
    }

    /// Read a weights file; the error says which line is wrong.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut header: [Option<f64>; 3] = [None; 3];
        let mut table: Option<Vec<f32>> = None;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |why: &str| format!("line {}: {why}: {line}", number + 1);
            let (name, weight) = line.rsplit_once(' ').ok_or_else(|| fail("no value"))?;
            let weight: f64 = weight
                .parse()
                .ok()
                .filter(|w: &f64| w.is_finite())
                .ok_or_else(|| fail("not a number"))?;
            let header_slot = ["bits", "threshold", "bias"]
                .iter()
                .position(|h| *h == name);
            match (header_slot, &mut table) {
                (Some(i), None) => header[i] = Some(weight),
                (None, table) => {
                    let bits = header[0].ok_or_else(|| fail("a feature before 'bits'"))?;
                    let bits = bits as u32;
                    if !BITS.contains(&bits) {
                        return Err(fail("bits out of range"));
                    }
                    let table = table.get_or_insert_with(|| vec![0.0; 1 << bits]);
                    let key = features::key_of_name(name).ok_or_else(|| fail("unknown name"))?;
                    table[slot(key, bits)] = weight as f32;
                }
                (Some(_), Some(_)) => return Err(fail("header after the features")),
            }
        }
        let [Some(bits), Some(threshold), Some(bias)] = header else {
            return Err("bits, threshold or bias missing".to_string());
        };
        let bits = bits as u32;
        if !BITS.contains(&bits) {
            return Err("bits out of range".to_string());
        }
        Ok(Model {
            bits,
            threshold,
            bias,
            table: table.unwrap_or_else(|| vec![0.0; 1 << bits]),
        })
    }

    /// The probability that the sentence is a check-worthy claim.
    pub fn probability(&self, evidence: &Evidence) -> f64 {
        let mut sum = Sum {
            model: self,
            total: self.bias,
        };
        features::visit(evidence, &mut sum);
        logistic(sum.total)
    }
}

/// Adds up the weights of the features it is handed.
struct Sum<'m> {
    model: &'m Model,
    total: f64,
}

impl Sink for Sum<'_> {
    #[inline]
    fn add(&mut self, key: u64, _name: &dyn Fn() -> String) {
        let weight = self.model.table[slot(key, self.model.bits)];
        self.total += f64::from(weight);
    }
}

pub fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The text of a weights file: `comments` (each line prefixed with "# "), the header, and
/// each named feature whose weight rounds to something other than zero.
pub fn write(
    comments: &str,
    bits: u32,
    threshold: f64,
    bias: f64,
    named: &[(String, f64)],
) -> String {
    let mut out = String::new();
    for line in comments.lines() {
        let _ = writeln!(out, "{}", format!("# {line}").trim_end());
    }
    let _ = writeln!(out, "bits {bits}");
    let _ = writeln!(out, "threshold {threshold:.4}");
    let _ = writeln!(out, "bias {bias:.4}");
    let mut named: Vec<&(String, f64)> = named.iter().collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, weight) in named {
        let rounded = format!("{weight:.4}");
        if rounded
            .trim_start_matches('-')
            .trim_matches(['0', '.'])
            .is_empty()
        {
            continue;
        }
        let _ = writeln!(out, "{name} {rounded}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_reads_back() {
        let named = vec![
            ("w said".to_string(), 0.5),
            ("f speaker".to_string(), -1.25),
            ("b <s> that".to_string(), 0.00001),
        ];
        let text = write("trained on nothing\n", 12, 0.4, -0.75, &named);
        assert!(!text.contains("that"), "a zero weight is left out: {text}");
        let model = Model::parse(&text).unwrap();
        assert_eq!((model.bits, model.threshold, model.bias), (12, 0.4, -0.75));
        let said = slot(features::word_key("said"), 12);
        assert_eq!(model.table[said], 0.5);
        assert_eq!(model.table.iter().filter(|w| **w != 0.0).count(), 2);
    }

    #[test]
    fn bad_files_are_refused_with_the_line() {
        for (text, error) in [
            (
                "bits 12\nthreshold 0.5\n",
                "bits, threshold or bias missing",
            ),
            ("w said 1\n", "line 1: a feature before 'bits'"),
            (
                "bits 40\nthreshold 0.5\nbias 0\nw a 1",
                "line 4: bits out of range",
            ),
            ("bits 12\nw said x\n", "line 2: not a number"),
            ("bits 12\nq said 1\n", "line 2: unknown name"),
            (
                "bits 12\nw said 1\nbias 0\n",
                "line 3: header after the features",
            ),
        ] {
            let got = Model::parse(text).unwrap_err();
            assert!(got.starts_with(error), "{text:?}: {got}");
        }
    }
}
