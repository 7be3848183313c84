//! Times `extract` on inputs built to be slow, at two sizes, so superlinear work shows as a
//! ratio well over 2 between the 512 KB and the 1 MB run.
//!
//! `cargo run --release --example adversarial [-- MB]` (default 1). Every input is generated
//! here from a fixed seed; none needs files. Issue 13 asks each 1 MB input to take under 2 s.
//! Not a test: timings on a shared machine are figures to read, not assertions.

use std::time::Instant;

use claimtrack::extract::{Context, extract};

/// A small deterministic generator, so each run times the same text.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        items[(self.0 >> 33) as usize % items.len()]
    }
}

/// `piece` repeated (or generated) until the text reaches `size` bytes.
fn fill(size: usize, mut piece: impl FnMut(usize) -> String) -> String {
    let mut text = String::with_capacity(size + 64);
    let mut index = 0;
    while text.len() < size {
        text.push_str(&piece(index));
        index += 1;
    }
    text
}

fn inputs(size: usize) -> Vec<(&'static str, String)> {
    let mut rng = Lcg(7);
    let digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "234"];
    let years = ["1984", "2001", "2019", "1999", "2020", "1870"];
    let first = ["John", "Mary", "Ali", "Sung", "Mr.", "Dr.", "Senator"];
    let last = ["Smith", "Jones", "Khan", "Kim", "O'Neil", "McDonald"];
    let dates = [
        "Jan. 5",
        "March 3, 2020",
        "Monday",
        "last week",
        "2019",
        "May 2",
    ];
    let words = [
        "three", "hundred", "and", "twenty", "million", "5", "point", "two",
    ];
    let prose = [
        "the",
        "council",
        "said",
        "42",
        "percent",
        "of",
        "Springfield",
        "voted",
    ];
    let mut list = |items: &[&str], lead: &str, close: &str| {
        let mut text = lead.to_string();
        while text.len() < size {
            text.push_str(rng.pick(items));
            text.push_str(", ");
        }
        text + close
    };
    vec![
        ("comma-separated digits", list(&digits, "", "")),
        ("years in one sentence", list(&years, "In ", ".")),
        ("dates in one sentence", list(&dates, "On ", ".")),
        ("names then said", {
            let names: Vec<String> = (0..7 * 6)
                .map(|i| format!("{} {}", first[i % 7], last[i / 7]))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            list(&names, "\"We won 5 seats,\" said ", ".")
        }),
        ("number words", list(&words, "", "")),
        ("one line of prose", list(&prose, "", "")),
        (
            "\"He said 5.\" repeated",
            fill(size, |_| "He said 5. ".into()),
        ),
        ("one figure, distinct wording", {
            fill(size, |i| {
                format!("Officials in Town{i} reported that 5 farmers left River{i}. ")
            })
        }),
        ("opening brackets", fill(size, |_| "(Graphic 2019 ".into())),
        ("quotes", "\"".repeat(size)),
    ]
}

fn main() {
    let megabytes: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1.0);
    let full = (megabytes * 1_048_576.0) as usize;
    let context = Context {
        reference_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
    };
    println!(
        "{:<32} {:>10} {:>10} {:>7}",
        "input", "half (s)", "full (s)", "ratio"
    );
    let halves = inputs(full / 2);
    for ((name, half), (_, whole)) in halves.iter().zip(inputs(full)) {
        let time = |text: &str| {
            let started = Instant::now();
            let claims = extract(text, &context).claims.len();
            (started.elapsed().as_secs_f64(), claims)
        };
        let (half_secs, _) = time(half);
        let (full_secs, claims) = time(&whole);
        println!(
            "{name:<32} {half_secs:>10.3} {full_secs:>10.3} {:>7.2}   ({claims} claims, {} KB)",
            full_secs / half_secs.max(1e-6),
            whole.len() / 1024
        );
    }
}
