//! The table-driven regression cases of `tests/extraction.cases`: loads the file, runs every
//! case through `claimtrack::extract::extract` and reports every failing case by name and line.
//!
//! The format is described at the top of the data file; this module only reads it. A failure
//! prints what the build produced in the file's own syntax, so a fixed or new case can be
//! pasted back after a fact-checker has agreed with it.

use chrono::NaiveDate;
use claimtrack::extract::{Context, ExtractedClaim, Extraction, ReferenceSource, extract};
use claimtrack::model::{Normalized, Value, ValueType};

const CASES: &str = include_str!("../extraction.cases");

/// One expectation, with the line it was written on.
#[derive(Debug)]
struct Expect {
    line: usize,
    key: String,
    value: String,
}

/// Expectations on one claim unit: the one containing `fragment`, or the whole text when
/// `fragment` is `None`.
#[derive(Debug, Default)]
struct Scope {
    fragment: Option<(usize, String)>,
    expects: Vec<Expect>,
}

#[derive(Debug, Default)]
struct Case {
    name: String,
    line: usize,
    text: String,
    reference: Option<NaiveDate>,
    /// Expectations on the whole text (`claims:`, `source:`, and the keys written before any
    /// `claim:` line), then one scope per `claim:` line.
    scopes: Vec<Scope>,
}

/// Keys that may appear in a scope; `case`, `text`, `reference` and `claim` are read apart.
const SCOPE_KEYS: &[&str] = &[
    "claims",
    "source",
    "checkable",
    "why",
    "speaker",
    "kind",
    "value",
    "values",
    "date",
    "dates",
];

/// Parse the file; a malformed line is an error naming its line, so a typo never silently
/// drops an expectation.
fn parse(source: &str) -> Result<Vec<Case>, String> {
    let mut cases: Vec<Case> = Vec::new();
    let mut continuing_text = false;
    // Empty lines inside an indented text are paragraph breaks; they are known to be inside
    // only when the next indented line comes.
    let mut blank_lines = 0;
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        if continuing_text && raw.trim().is_empty() {
            blank_lines += 1;
            continue;
        }
        if let Some(rest) = raw.strip_prefix("  ") {
            let case = cases.last_mut().filter(|_| continuing_text);
            let case = case.ok_or(format!(
                "line {line}: an indented line continues only text:"
            ))?;
            case.text.push_str(&"\n".repeat(blank_lines + 1));
            case.text.push_str(rest.trim_end());
            blank_lines = 0;
            continue;
        }
        continuing_text = false;
        blank_lines = 0;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (key, value) = trimmed.split_once(':').ok_or(format!(
            "line {line}: expected `key: value`, got {trimmed:?}"
        ))?;
        let (key, value) = (key.trim(), value.trim().to_string());
        if key == "case" {
            if cases.iter().any(|c| c.name == value) {
                return Err(format!("line {line}: case {value:?} is named twice"));
            }
            cases.push(Case {
                name: value,
                line,
                scopes: vec![Scope::default()],
                ..Case::default()
            });
            continue;
        }
        let case = cases
            .last_mut()
            .ok_or(format!("line {line}: `{key}:` before the first `case:`"))?;
        match key {
            "text" => {
                case.text = value;
                continuing_text = true;
            }
            "reference" => {
                let date = NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                    .map_err(|e| format!("line {line}: reference {value:?}: {e}"))?;
                case.reference = Some(date);
            }
            "claim" => case.scopes.push(Scope {
                fragment: Some((line, value)),
                expects: Vec::new(),
            }),
            _ if SCOPE_KEYS.contains(&key) => {
                let scope = case.scopes.last_mut().expect("a case starts with a scope");
                if scope.fragment.is_some() && matches!(key, "claims" | "source") {
                    return Err(format!("line {line}: `{key}:` belongs before any `claim:`"));
                }
                scope.expects.push(Expect {
                    line,
                    key: key.to_string(),
                    value,
                });
            }
            _ => return Err(format!("line {line}: unknown key `{key}:`")),
        }
    }
    match cases.iter().find(|c| c.text.is_empty()) {
        Some(c) => Err(format!("line {}: case {:?} has no text:", c.line, c.name)),
        None => Ok(cases),
    }
}

/// A normalised value as the file writes it: a number, `low..high` (open ends empty), an ISO
/// date, or `from/to` for a span of dates (ISO 8601's interval mark; open ends empty).
fn show_normalized(value: &Normalized) -> String {
    let end = |n: &Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    let date_end = |d: &Option<String>| d.clone().unwrap_or_default();
    match value {
        Normalized::Number(n) => n.to_string(),
        Normalized::Range(low, high) => format!("{}..{}", end(low), end(high)),
        Normalized::Date(date) => date.clone(),
        Normalized::DateRange(from, to) => format!("{}/{}", date_end(from), date_end(to)),
    }
}

fn show_value(value: &Value) -> String {
    let unit = value.unit.as_deref().unwrap_or("-");
    format!(
        "{} | {} | {} | {}",
        value.value_type.as_str(),
        value.text,
        show_normalized(&value.value),
        unit
    )
}

fn show_date(value: &Value) -> String {
    format!("{} | {}", value.text, show_normalized(&value.value))
}

/// Cells split on `|` and trimmed, so spacing around the bars never matters.
fn cells(text: &str) -> String {
    text.split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// What the build produced for the claim units in scope, in the file's syntax.
fn actual(units: &[&ExtractedClaim]) -> String {
    let mut lines = Vec::new();
    for unit in units {
        lines.push(format!("    claim: {}", unit.text));
        lines.push(format!(
            "    checkable: {}",
            if unit.checkable { "yes" } else { "no" }
        ));
        if let Some(why) = unit.why {
            lines.push(format!("    why: {why}"));
        }
        lines.push(format!(
            "    speaker: {}",
            unit.speaker.as_deref().unwrap_or("none")
        ));
        lines.push(format!("    kind: {}", unit.kind.as_str()));
        for value in &unit.values {
            match value.value_type {
                ValueType::Date => lines.push(format!("    date: {}", show_date(value))),
                _ => lines.push(format!("    value: {}", show_value(value))),
            }
        }
    }
    lines.join("\n")
}

/// Check the expectations of one scope; each failure is one message.
fn check_scope(extraction: &Extraction, scope: &Scope, failures: &mut Vec<String>) {
    let units: Vec<&ExtractedClaim> = match &scope.fragment {
        None => extraction.claims.iter().collect(),
        Some((line, fragment)) => match extraction
            .claims
            .iter()
            .find(|c| c.text.contains(fragment.as_str()))
        {
            Some(unit) => vec![unit],
            None => {
                failures.push(format!("line {line}: no claim unit contains {fragment:?}"));
                return;
            }
        },
    };
    let values = |dates: bool| -> Vec<String> {
        let all = units.iter().flat_map(|u| &u.values);
        all.filter(|v| (v.value_type == ValueType::Date) == dates)
            .map(|v| if dates { show_date(v) } else { show_value(v) })
            .collect()
    };
    let listed = |key: &str| -> Vec<String> {
        let all = scope.expects.iter().filter(|e| e.key == key);
        all.map(|e| cells(&e.value)).collect()
    };
    for (key, none_key, dates) in [("value", "values", false), ("date", "dates", true)] {
        let want = listed(key);
        let said_none = scope.expects.iter().any(|e| e.key == none_key);
        if want.is_empty() && !said_none {
            continue;
        }
        let line = scope
            .expects
            .iter()
            .find(|e| e.key == key || e.key == none_key);
        let got = values(dates);
        if got != want {
            failures.push(format!(
                "line {}: {key}s: want {want:?}, got {got:?}",
                line.map_or(0, |e| e.line)
            ));
        }
    }
    for expect in &scope.expects {
        if let Some(message) = check_one(extraction, &units, expect) {
            failures.push(format!("line {}: {}", expect.line, message));
        }
    }
}

/// One `key: value` expectation other than values and dates; `None` when it holds.
fn check_one(
    extraction: &Extraction,
    units: &[&ExtractedClaim],
    expect: &Expect,
) -> Option<String> {
    let want = expect.value.as_str();
    let single = || match units {
        [unit] => Ok(*unit),
        _ => Err(format!(
            "`{}:` needs one claim unit, the text has {}: add a `claim:` line",
            expect.key,
            units.len()
        )),
    };
    let got = match expect.key.as_str() {
        "claims" => extraction.checkable_claims().count().to_string(),
        "source" => match extraction.reference_source {
            ReferenceSource::Given => "given",
            ReferenceSource::Text => "text",
            ReferenceSource::None => "none",
        }
        .to_string(),
        "checkable" => match single() {
            Ok(unit) => (if unit.checkable { "yes" } else { "no" }).to_string(),
            Err(e) => return Some(e),
        },
        "why" => match single() {
            Ok(unit) => unit.why.map_or("none", |why| why.as_str()).to_string(),
            Err(e) => return Some(e),
        },
        "speaker" => match single() {
            Ok(unit) => unit.speaker.clone().unwrap_or_else(|| "none".to_string()),
            Err(e) => return Some(e),
        },
        "kind" => match single() {
            Ok(unit) => unit.kind.as_str().to_string(),
            Err(e) => return Some(e),
        },
        _ => return None,
    };
    (got != want).then(|| format!("{}: want {want:?}, got {got:?}", expect.key))
}

/// Run one case; every failing expectation, then what the build produced.
fn run(case: &Case) -> Vec<String> {
    let context = Context {
        reference_date: case.reference,
    };
    let extraction = extract(&case.text, &context);
    let mut failures = Vec::new();
    for scope in &case.scopes {
        check_scope(&extraction, scope, &mut failures);
    }
    if !failures.is_empty() {
        let units: Vec<&ExtractedClaim> = extraction.claims.iter().collect();
        failures.push(format!("the build gave:\n{}", actual(&units)));
    }
    failures
}

#[test]
fn every_case_in_the_file_holds() {
    let cases = parse(CASES).unwrap_or_else(|e| panic!("tests/extraction.cases: {e}"));
    assert!(!cases.is_empty(), "tests/extraction.cases has no case");
    let mut report = Vec::new();
    for case in &cases {
        let failures = run(case);
        if !failures.is_empty() {
            report.push(format!(
                "case {:?} (tests/extraction.cases:{}):\n  {}",
                case.name,
                case.line,
                failures.join("\n  ")
            ));
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} cases fail:\n\n{}",
        report.len(),
        cases.len(),
        report.join("\n\n")
    );
}

/// The runner itself: a wrong expectation is reported with its line, a typo in a key is
/// refused, and an indented line outside `text:` is refused, so the file cannot pass by
/// accident.
#[test]
fn the_runner_reports_a_wrong_case_and_refuses_a_malformed_file() {
    let wrong = "case: wrong\ntext: The plan costs $5 billion.\nclaims: 1\nvalue: money | $5 billion | 6000000000 | USD\n";
    let cases = parse(wrong).unwrap();
    let failures = run(&cases[0]);
    assert!(failures[0].starts_with("line 4: values"), "{failures:?}");

    let right = wrong.replace("6000000000", "5000000000");
    assert!(run(&parse(&right).unwrap()[0]).is_empty());

    let typo = "case: typo\ntext: It rose 5%.\nvalu: percent | 5% | 5 | -\n";
    assert!(parse(typo).unwrap_err().starts_with("line 3: unknown key"));
    let stray = "case: stray\nclaims: 0\n  indented\n";
    assert!(parse(stray).unwrap_err().starts_with("line 3:"));
    let twice = "case: a\ntext: x\ncase: a\ntext: y\n";
    assert!(parse(twice).unwrap_err().contains("named twice"));

    let paragraphs = "case: p\ntext: One.\n\n  Two.\n\nclaims: 2\n";
    assert_eq!(parse(paragraphs).unwrap()[0].text, "One.\n\nTwo.");
}
