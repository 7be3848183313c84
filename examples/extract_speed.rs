//! Repeatable measurement of the extractor by phase, for speed work on `src/extract/`.
//!
//! `cargo run --release --example extract_speed -- [--rounds N] [--synthetic] [FILE|DIR]...`
//!
//! Without files it uses the sample article. Each phase runs over the same articles: splitting
//! (sentences and boilerplate), tokenizing, the speaker pass, the values of every sentence, claims-building
//! with values stubbed out (so work on numbers and dates does not hide work on claims), and the
//! whole `extract`. With `--rounds N` it runs a fixed amount of work (for callgrind, whose
//! instruction counts are repeatable on a loaded machine); otherwise each phase runs ~2 s.

use std::path::Path;
use std::time::{Duration, Instant};

use claimtrack::extract::{self, Context, claims, speakers, values};

/// One measured phase: runs once over every text and returns how many items it found.
type Phase<'a> = Box<dyn Fn() -> usize + 'a>;

const SAMPLE: &str = include_str!("../fixtures/seed_nysun_korea.txt");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds: Option<usize> = None;
    let mut synthetic = false;
    let mut only: Option<String> = None;
    let mut texts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--rounds" => {
                rounds = args.get(i + 1).and_then(|r| r.parse().ok());
                i += 1;
            }
            "--phase" => {
                only = args.get(i + 1).cloned();
                i += 1;
            }
            "--synthetic" => synthetic = true,
            path => read(Path::new(path), &mut texts),
        }
        i += 1;
    }
    if synthetic {
        texts.push(synthetic_article(200_000));
    }
    if texts.is_empty() {
        texts.push(SAMPLE.to_string());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let reference = chrono::NaiveDate::from_ymd_opt(2022, 6, 3);
    let context = Context {
        reference_date: reference,
    };
    println!("{} texts, {:.1} KB", texts.len(), bytes as f64 / 1e3);
    let split: Vec<_> = texts.iter().map(|t| extract::split(t)).collect();
    let tokens: Vec<_> = texts
        .iter()
        .zip(&split)
        .map(|(t, s)| extract::tokenize(t, s))
        .collect();

    let phases: Vec<(&str, Phase)> = vec![
        (
            "split",
            Box::new(|| texts.iter().map(|t| extract::split(t).len()).sum()),
        ),
        (
            "tokens",
            Box::new(|| {
                texts
                    .iter()
                    .zip(&split)
                    .map(|(t, s)| extract::tokenize(t, s).tokens.len())
                    .sum()
            }),
        ),
        (
            "speakers",
            Box::new(|| {
                texts
                    .iter()
                    .zip(&split)
                    .zip(&tokens)
                    .map(|((t, s), tokens)| {
                        let skip: Vec<bool> = s.iter().map(|s| s.boilerplate.is_some()).collect();
                        speakers::resolve(t, s, tokens, &skip).len()
                    })
                    .sum()
            }),
        ),
        (
            "values",
            Box::new(|| {
                texts
                    .iter()
                    .zip(&split)
                    .zip(&tokens)
                    .map(|((t, s), k)| {
                        s.iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let sentence = &t[s.start..s.end];
                                values::find_values_in(sentence, s.start, k.of(i), reference).len()
                            })
                            .sum::<usize>()
                    })
                    .sum()
            }),
        ),
        (
            "claims without values",
            Box::new(|| {
                texts
                    .iter()
                    .zip(&split)
                    .zip(&tokens)
                    .map(|((t, s), k)| {
                        claims::build_with(t, s, k, reference, |_, _, _, _| Vec::new()).len()
                    })
                    .sum()
            }),
        ),
        (
            "extract",
            Box::new(|| {
                texts
                    .iter()
                    .map(|t| extract::extract(t, &context).claims.len())
                    .sum()
            }),
        ),
    ];
    for (name, phase) in &phases {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let started = Instant::now();
        let mut done = 0;
        let mut count = 0;
        loop {
            count += phase();
            done += 1;
            match rounds {
                Some(r) if done >= r => break,
                None if started.elapsed() > Duration::from_secs(2) => break,
                _ => {}
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name:<24} {:>7.1} MB/s  ({done} rounds, {} items)",
            (bytes * done) as f64 / 1e6 / seconds,
            count / done
        );
    }
}

fn read(path: &Path, texts: &mut Vec<String>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for entry in entries {
            read(&entry, texts);
        }
    } else if let Ok(text) = std::fs::read_to_string(path) {
        texts.push(text);
    }
}

/// News-like prose: quotes with speakers, titles, figures, dates, curly quotes and dashes.
fn synthetic_article(target: usize) -> String {
    const SUBJECTS: &[&str] = &[
        "Sung Kim, the U.S. special envoy for North Korea,",
        "Mr. Kim",
        "The ministry",
        "Prime Minister Benjamin Netanyahu",
        "Analysts",
        "She",
        "The company",
        "Gov. Matt Bevin",
    ];
    const VERBS: &[&str] = &[
        "said",
        "told reporters",
        "added",
        "warned",
        "noted on Wednesday",
    ];
    const CLAIMS: &[&str] = &[
        "the United States has 28,500 troops in South Korea",
        "unemployment rose to 5.2 percent in June",
        "the party won 12 of the 17 positions in local elections",
        "the budget would grow by $1.2 billion next year",
        "prices are widely seen as too high",
        "the deal was signed on June 3, 2022, after two years of talks",
        "about a dozen schools closed — some for the second time",
    ];
    let mut out = String::from("Seoul Presses North Korea on Talks\n\nSEOUL — ");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    while out.len() < target {
        for _ in 0..3 {
            let subject = SUBJECTS[next(SUBJECTS.len())];
            let verb = VERBS[next(VERBS.len())];
            let claim = CLAIMS[next(CLAIMS.len())];
            match next(3) {
                0 => out.push_str(&format!(
                    "“{claim},” {} {verb}. ",
                    subject.trim_end_matches(',')
                )),
                1 => out.push_str(&format!("{subject} {verb} that {claim}. ")),
                _ => out.push_str(&format!("{}{}. ", claim[..1].to_uppercase(), &claim[1..])),
            }
        }
        out.push_str("\n\n");
    }
    out.push_str("© 2025 The New York Sun Company, LLC. All rights reserved.\n");
    out
}
