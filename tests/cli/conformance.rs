//! Third-party conformance cases from `../shared` (beside the repository; a fresh clone does
//! not have it, and then these tests say they skipped). They guard scores already reached.

use std::path::PathBuf;

fn shared(path: &str) -> Option<PathBuf> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path);
    if file.exists() {
        Some(file)
    } else {
        eprintln!(
            "skipped: {} not found (it lives in ../shared beside the repository)",
            file.display()
        );
        None
    }
}

/// All 52 sentence-boundary Golden Rules (pragmatic_segmenter / pySBD), compared as the
/// shared scorer does: the stripped sentence texts equal the expected list.
#[test]
fn golden_rules_all_pass() {
    let Some(file) = shared("conformance/sentences/golden_rules_en.jsonl") else {
        return;
    };
    let mut failed = Vec::new();
    let cases = std::fs::read_to_string(file).unwrap();
    for line in cases.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = case["text"].as_str().unwrap();
        let want: Vec<&str> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().trim())
            .collect();
        let got: Vec<String> = claimtrack::extract::split(text)
            .into_iter()
            .map(|s| s.text.trim().to_string())
            .collect();
        if got != want {
            failed.push(format!("rule {}: want {want:?} got {got:?}", case["rule"]));
        }
    }
    assert!(
        failed.is_empty(),
        "{} rules fail:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// The devset's gold claims (real articles annotated by the guideline in ../shared/devset),
/// matched the way `score_claims.py` matches them: recall, precision and quote speakers stay
/// at least where they are.
#[test]
fn devset_claims_and_speakers_hold() {
    let Some(gold_dir) = shared("devset/gold") else {
        return;
    };
    let overlap = |a: (u64, u64), b: (u64, u64)| a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let (mut gold_total, mut gold_found, mut tool_total, mut tool_on_gold) = (0, 0, 0, 0);
    let (mut speakers, mut speakers_right) = (0, 0);
    let mut names: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let article = gold_dir
            .join("../articles")
            .join(gold["article"].as_str().unwrap());
        let text = std::fs::read_to_string(article).unwrap();
        let reference =
            chrono::NaiveDate::parse_from_str(gold["reference_date"].as_str().unwrap(), "%Y-%m-%d")
                .ok();
        let extraction = claimtrack::extract::extract(
            &text,
            &claimtrack::extract::Context {
                reference_date: reference,
            },
        );
        let tool: Vec<_> = extraction.claims.iter().filter(|c| c.checkable).collect();
        let gold_claims = gold["claims"].as_array().unwrap();
        let span =
            |c: &serde_json::Value| (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
        for g in gold_claims {
            gold_total += 1;
            let gs = span(g);
            let best = tool
                .iter()
                .filter(|t| {
                    let o = overlap(gs, (t.start as u64, t.end as u64));
                    o * 2 >= gs.1 - gs.0 && o * 10 >= 3 * (t.end - t.start) as u64
                })
                .max_by_key(|t| overlap(gs, (t.start as u64, t.end as u64)));
            if let Some(g_speaker) = g["speaker"].as_str() {
                speakers += 1;
                let last = |name: &str| name.split_whitespace().last().unwrap_or("").to_lowercase();
                if best
                    .and_then(|t| t.speaker.as_deref())
                    .is_some_and(|s| last(s) == last(g_speaker))
                {
                    speakers_right += 1;
                }
            }
            gold_found += usize::from(best.is_some());
        }
        for t in &tool {
            tool_total += 1;
            let on_gold = gold_claims.iter().any(|g| {
                overlap(span(g), (t.start as u64, t.end as u64)) * 10 > 3 * (t.end - t.start) as u64
            });
            tool_on_gold += usize::from(on_gold);
        }
    }
    let recall = gold_found as f64 / gold_total as f64;
    let precision = tool_on_gold as f64 / tool_total as f64;
    let speaker_rate = speakers_right as f64 / speakers as f64;
    println!("devset: recall {recall:.3} precision {precision:.3} speakers {speaker_rate:.3}");
    // Floors are what the build reaches on the 36-article devset (0.990 / 0.941 / 0.697 at
    // 5a0864f; 0.990 / 0.973 / 0.754 with the check-worthiness model and the speakers rules;
    // speakers 0.774 once trailing names, bodies that spoke and titled single names resolve;
    // 0.808 with progressive speech verbs, open appositives, "per", "they" and ages; 0.831
    // with unnamed officials and holders of a role logged as written, and well-known acronyms;
    // 0.837 (speakers8) with a company's management, countries' initials and peoples'
    // adjectives, "the company" as the business named most, "Moody's" and titles alone;
    // 0.843 (speakers9) with middle initials, unnamed people under their noun and the present
    // forms of speech verbs; precision 0.984 with the threshold's tie rule; 0.854 (speakers10)
    // with places and given names as data, bodies' acronyms and the names that sign posts; the floors stay a
    // few sentences below, for the other stages' changes to sentences);
    // raise them as extraction improves, never lower them. The model was trained on these
    // articles, so its precision here is not a forecast: `train checkworthy` prints the
    // cross-validated 0.947.
    assert!(recall >= 0.98, "recall {recall:.2}");
    assert!(precision >= 0.98, "precision {precision:.2}");
    assert!(speaker_rate >= 0.85, "speakers {speaker_rate:.2}");
}
