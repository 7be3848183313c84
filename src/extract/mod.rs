//! Pure text-to-claims extraction: article text plus a reference date in, sentences and claims out.
//!
//! Nothing in this module reads files, touches the database or looks at the clock, and nothing in
//! it can fail: odd input yields fewer claims and more warnings, never an error. That keeps it
//! testable with plain strings and safe to fuzz.

// The stages, in the order text flows through them; a stage uses only those above it.
pub mod claims;
pub mod clean;
pub mod lexicon;
pub mod sentences;
pub mod speakers;
pub mod text;
pub mod tokens;
pub mod values;

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ClaimKind, Value};

/// What the caller knows about the article besides its text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The publication date, when the caller knows it. Relative dates ("on Wednesday") resolve
    /// against it; without it the extractor looks for a date in the article's first lines.
    pub reference_date: Option<NaiveDate>,
}

/// Where the reference date used for relative dates came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReferenceSource {
    /// Given by the caller (`--published`).
    Given,
    /// Found in the article's first lines (a dateline, "Published ...", a date line).
    Text,
    /// Neither given nor found: relative dates resolve against the day the article is added
    /// (`extract_on_the_day`), or are left unresolved when that is not known either.
    None,
}

/// One sentence as the extractor sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Byte offsets into the input.
    pub start: usize,
    pub end: usize,
    /// The slice with every run of white space folded to one space, so that a hard-wrapped
    /// sentence reads as one line.
    pub text: String,
    /// Why this sentence is site furniture rather than article text, when it is.
    #[serde(skip)]
    pub boilerplate: Option<clean::Furniture>,
}

/// A sentence (or a run of sentences a checker would check as one) with what was found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedClaim {
    /// Byte offsets into the input; `text` is exactly that slice.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The most specific of `kinds`.
    pub kind: ClaimKind,
    pub kinds: Vec<ClaimKind>,
    /// Check-worthiness from 0 to 1: specific, consequential claims rank highest.
    pub score: f64,
    pub values: Vec<Value>,
    pub speaker: Option<String>,
    /// False for sentences that are not claims (kept so `extract --all` can show why).
    pub checkable: bool,
    /// Why a sentence is not checkable.
    pub why: Option<claims::NotCheckable>,
    /// Index (into `Extraction::claims`) of an earlier place in the article that states the
    /// same claim: a checker settles both at once.
    pub duplicate_of: Option<usize>,
}

/// Everything the extractor found in one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub reference_date: Option<NaiveDate>,
    pub reference_source: ReferenceSource,
    pub sentences: Vec<Sentence>,
    /// Every sentence unit in text order, checkable or not.
    pub claims: Vec<ExtractedClaim>,
    pub warnings: Vec<String>,
}

impl Extraction {
    /// The claims a checker should see: checkable ones, in text order.
    pub fn checkable_claims(&self) -> impl Iterator<Item = (usize, &ExtractedClaim)> {
        self.claims.iter().enumerate().filter(|(_, c)| c.checkable)
    }
}

/// Split `text` into sentences without looking for claims (what `claimtrack split` shows).
pub fn split(text: &str) -> Vec<Sentence> {
    let mut found = sentences::split(text);
    let lines: Vec<(&str, bool)> = found
        .iter()
        .map(|s| (s.text.as_str(), clean::is_whole_line(text, s.start, s.end)))
        .collect();
    let reasons = clean::boilerplate_reasons(&lines);
    for (sentence, reason) in found.iter_mut().zip(reasons) {
        sentence.boilerplate = reason;
    }
    mark_file_photo_captions(text, &mut found);
    mark_reference_entries(text, &mut found);
    mark_pull_quotes(text, &mut found);
    found
}

/// Lines of their own in quotation marks that repeat words of a longer line (see
/// `clean::pull_quotes`). Without a final period a display quote is also a heading, which it
/// stays if its words are said nowhere else.
fn mark_pull_quotes(text: &str, sentences: &mut [Sentence]) {
    let candidates: Vec<usize> = (0..sentences.len())
        .filter(|&i| {
            let sentence = &sentences[i];
            // Most sentences are ruled out by their first byte: `"`, or the lead byte of
            // "“", "‘" (0xE2) and "«" (0xC2).
            if !matches!(sentence.text.as_bytes().first(), Some(b'"' | 0xE2 | 0xC2)) {
                return false;
            }
            let quoted = sentence.text.starts_with(['"', '“', '‘', '«'])
                && sentence.text.ends_with(['"', '”', '’', '»']);
            let whole_line = || match sentence.boilerplate {
                Some(clean::Furniture::Heading) => true,
                None => clean::is_whole_line(text, sentence.start, sentence.end),
                Some(_) => false,
            };
            quoted && whole_line()
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let spans: Vec<(usize, usize)> = candidates
        .iter()
        .map(|&i| (sentences[i].start, sentences[i].end))
        .collect();
    for (i, pull) in candidates.into_iter().zip(clean::pull_quotes(text, &spans)) {
        if pull {
            sentences[i].boilerplate = Some(clean::Furniture::PullQuote);
        }
    }
}

/// "Hasin DS, Shmulewitz D. Cannabis use disorder. JAMA Psychiatry. 2019;76(12):1234-1241.":
/// the splitter cuts a reference entry at its initials and titles, and only the part with the
/// volume and pages looks like one. The short pieces before it on its line are the same entry.
fn mark_reference_entries(text: &str, sentences: &mut [Sentence]) {
    for index in 1..sentences.len() {
        if sentences[index].boilerplate != Some(clean::Furniture::ReferenceList) {
            continue;
        }
        let mut before = index;
        while before > 0 {
            let (previous, next) = (&sentences[before - 1], &sentences[before]);
            let same_line = !text[previous.end..next.start].contains('\n');
            let short = previous.text.split(' ').count() <= 12;
            if !same_line || !short || previous.boilerplate.is_some() {
                break;
            }
            before -= 1;
            sentences[before].boilerplate = Some(clean::Furniture::ReferenceList);
        }
    }
}

/// "FILE - Firefighters battle a blaze ... on Aug. 3, 2019. (AP Photo/...)": the caption of
/// an old picture, to the end of its line. It describes the picture, and its date is the
/// picture's: taken for the story's, it sent "Wednesday" back to 2019.
fn mark_file_photo_captions(text: &str, sentences: &mut [Sentence]) {
    let mut caption = false;
    let mut previous_end = 0;
    for sentence in sentences.iter_mut() {
        if caption && text[previous_end..sentence.start].contains('\n') {
            caption = false;
        }
        previous_end = sentence.end;
        if matches!(
            sentence.text.as_str(),
            "FILE -" | "FILE –" | "FILE —" | "FILE-" | "FILE:"
        ) {
            caption = true;
            sentence.boilerplate = Some(clean::PHOTO_CAPTION);
        } else if caption && sentence.boilerplate.is_none() {
            sentence.boilerplate = Some(clean::PHOTO_CAPTION);
        }
    }
}

/// Extract the claims of one article. Never fails and never panics.
pub fn extract(text: &str, context: &Context) -> Extraction {
    extract_on_the_day(text, context, None)
}

/// `extract` for an article being added on `added_on`: the reference date when neither the
/// caller nor the article's first lines give one.
pub fn extract_on_the_day(
    text: &str,
    context: &Context,
    added_on: Option<NaiveDate>,
) -> Extraction {
    let sentences = split(text);
    let (reference_date, reference_source) = reference(text, &sentences, context, added_on);
    let mut warnings = Vec::new();
    match reference_date {
        None => warnings.push(
            "no publication date given or found in the article's first lines: relative dates are left unresolved"
                .to_string(),
        ),
        Some(date) if reference_source == ReferenceSource::None => warnings.push(format!(
            "no publication date given or found in the article's first lines: relative dates resolved against {date}, the day the article was added"
        )),
        Some(_) => {}
    }
    let tokens = tokenize(text, &sentences);
    let claims = claims::build_with(
        text,
        &sentences,
        &tokens,
        reference_date,
        values::in_passages(text),
    );
    Extraction {
        reference_date,
        reference_source,
        sentences,
        claims,
        warnings,
    }
}

/// The claim a checker marks by hand at `start..end` of `text` (byte offsets on character
/// boundaries): values, kinds, score and speaker computed as for extracted claims, with the
/// article's other sentences around it for the speakers. The span is the checker's, kept as
/// given; relative dates resolve against `context.reference_date` alone.
pub fn claim_at(text: &str, start: usize, end: usize, context: &Context) -> ExtractedClaim {
    let mut sentences: Vec<Sentence> = split(text)
        .into_iter()
        .filter(|s| s.end <= start || s.start >= end)
        .collect();
    let index = sentences.partition_point(|s| s.end <= start);
    let folded = text[start..end].split_whitespace().collect::<Vec<_>>();
    sentences.insert(
        index,
        Sentence {
            start,
            end,
            text: folded.join(" "),
            boilerplate: None,
        },
    );
    let tokens = tokenize(text, &sentences);
    let mut claim =
        claims::build(text, &sentences, &tokens, context.reference_date).swap_remove(index);
    if claim.start != start {
        // The builder leaves a dateline out of a claim; the checker chose to keep it.
        claim.start = start;
        claim.text = text[start..end].to_string();
    }
    claim.duplicate_of = None;
    claim
}

/// The tokens of every sentence, in one stream.
pub fn tokenize(text: &str, sentences: &[Sentence]) -> tokens::Tokens {
    tokens::tokenize(text, sentences.iter().map(|s| (s.start, s.end)))
}

/// The reference date for relative dates, and where it came from: given, else the article's
/// first lines, else the day it is added (`added_on`, when known).
fn reference(
    text: &str,
    sentences: &[Sentence],
    context: &Context,
    added_on: Option<NaiveDate>,
) -> (Option<NaiveDate>, ReferenceSource) {
    match context.reference_date {
        Some(date) => (Some(date), ReferenceSource::Given),
        None => match values::dates::reference_date_from_text(&without_captions(text, sentences)) {
            Some(date) => (Some(date), ReferenceSource::Text),
            None => (added_on, ReferenceSource::None),
        },
    }
}

/// One sentence as the check-worthiness model is trained on it.
#[derive(Debug, Clone)]
pub struct TrainingSentence {
    /// The claim span `extract` gives the sentence.
    pub start: usize,
    pub end: usize,
    /// Why a rule leaves it out, so that no model can make it a claim.
    pub left_out: Option<claims::NotCheckable>,
    /// The cleaner marked it as page furniture (one of the reasons for leaving it out).
    pub furniture: bool,
    /// The model's features: keys with their names.
    pub features: Vec<(u64, String)>,
}

/// Every sentence of `text` with the features the check-worthiness model reads, computed by
/// the same stages as `extract`.
pub fn training_sentences(text: &str, context: &Context) -> Vec<TrainingSentence> {
    struct Named(Vec<(u64, String)>);
    impl claims::model::features::Sink for Named {
        fn add(&mut self, key: u64, name: &dyn Fn() -> String) {
            self.0.push((key, name()));
        }
    }
    let sentences = split(text);
    let (reference_date, _) = reference(text, &sentences, context, None);
    let skip: Vec<bool> = sentences.iter().map(|s| s.boilerplate.is_some()).collect();
    let tokens = tokenize(text, &sentences);
    let speech = speakers::resolve(text, &sentences, &tokens, &skip);
    claims::units(
        text,
        &sentences,
        &tokens,
        &speech,
        reference_date,
        values::in_passages(text),
    )
    .iter()
    .zip(&sentences)
    .map(|(unit, sentence)| {
        let mut named = Named(Vec::new());
        claims::model::features::visit(&unit.evidence(), &mut named);
        TrainingSentence {
            start: unit.start,
            end: unit.end,
            left_out: unit.why,
            furniture: sentence.boilerplate.is_some(),
            features: named.0,
        }
    })
    .collect()
}

/// The text with its photo captions blanked out, offsets kept: a numbered gallery caption
/// ("[1/2] A view of ... Feb. 17, 2023. REUTERS/... File Photo") or an AP file-photo caption
/// dates the picture, not the article. Headings stay: "Updated ... Nov. 24, 2026" is the
/// article's. Most articles have no caption: their text is borrowed, not copied.
fn without_captions<'t>(text: &'t str, sentences: &[Sentence]) -> Cow<'t, str> {
    let mut captions = sentences
        .iter()
        .filter(|s| s.boilerplate == Some(clean::PHOTO_CAPTION))
        .peekable();
    if captions.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for sentence in captions {
        // Whole sentences are replaced, so the text stays valid UTF-8.
        bytes[sentence.start..sentence.end].fill(b' ');
    }
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An AP file-photo caption is not a claim, and its date is not the story's.
    #[test]
    fn pull_quotes_are_furniture() {
        // name, article, the sentence looked at, whether it is a pull quote.
        let cases: &[(&str, &str, &str, bool)] = &[
            (
                "a quoted display line repeating a body sentence",
                "Doctors wrote to the agency.\n\n“This is how epidemics begin.”\n\n\
                 “This is how epidemics begin,” Dr. Luz Arroyo told NBC News.",
                "“This is how epidemics begin.”",
                true,
            ),
            (
                "a display quote without a period, words inside a longer sentence",
                "Flu season has begun, so we write with urgency to ask for help.\n\n\
                 \"We write with urgency\"\n\nThe letter went out on Nov. 5.",
                "\"We write with urgency\"",
                true,
            ),
            (
                "a quoted paragraph said once is text",
                "The mayor spoke.\n\n“We will rebuild every home.”\n\nShe left.",
                "“We will rebuild every home.”",
                false,
            ),
            (
                "a heading not repeated stays a heading",
                "Overcrowded conditions worsen risk\n\nThe camps hold 5,000 people.",
                "Overcrowded conditions worsen risk",
                false,
            ),
        ];
        for (name, text, sentence, pull) in cases {
            let found = split(text);
            let sentence = found
                .iter()
                .find(|s| s.text == *sentence)
                .unwrap_or_else(|| panic!("{name}: {found:#?}"));
            let is_pull = sentence.boilerplate == Some(clean::Furniture::PullQuote);
            assert_eq!(is_pull, *pull, "{name}: {:?}", sentence.boilerplate);
        }
    }

    #[test]
    fn file_photo_captions_are_not_claims() {
        let text = "Fire destroys mill\n\nFILE - Firefighters battle a blaze in Bristol, Vt., \
                    on Aug. 3, 2019. (AP Photo/Lisa Rathke, File)\n\nBRISTOL, Vt. (AP) — A \
                    fire early Wednesday destroyed a mill, officials said.";
        let extraction = extract(
            text,
            &Context {
                reference_date: None,
            },
        );
        let checkable: Vec<&str> = extraction
            .checkable_claims()
            .map(|(_, c)| c.text.as_str())
            .collect();
        assert_eq!(
            checkable,
            ["A fire early Wednesday destroyed a mill, officials said."]
        );
        assert_eq!(extraction.reference_date, None);
    }

    /// Without `--published`, the article's date comes from its text, but not from the date
    /// of a numbered gallery picture, which is often a file photo; a dated heading counts.
    #[test]
    fn reference_date_from_the_text_skips_gallery_captions() {
        let context = Context {
            reference_date: None,
        };
        let gallery = "Oil rises\n\n[1/2] Pumpjacks in Midland, Texas, Feb. 17, 2023. \
                       REUTERS/Nick Oxford/File Photo Purchase Licensing Rights\n\n\
                       Oil prices rose on Monday, traders said.";
        let extraction = extract(gallery, &context);
        assert_eq!(extraction.reference_date, None);
        assert_eq!(extraction.reference_source, ReferenceSource::None);
        let headed = "Oil rises\nUpdated Nov. 24, 2026\n\nOil prices rose on Monday.";
        let extraction = extract(headed, &context);
        assert_eq!(
            extraction.reference_date,
            NaiveDate::from_ymd_opt(2026, 11, 24)
        );
        assert_eq!(extraction.reference_source, ReferenceSource::Text);
    }

    /// The score is the check-worthiness model's probability: a result with figures and names
    /// ranks above a musing, and a claim's score reaches the model's threshold.
    #[test]
    fn scores_rank_results_above_colour() {
        let text = "Candidates of the ruling People Power Party won 12 of the 17 positions, \
                    the National Election Commission said on Thursday.\n\n\
                    It feels like a different world now.\n";
        let extraction = extract(
            text,
            &Context {
                reference_date: NaiveDate::from_ymd_opt(2022, 6, 3),
            },
        );
        let score = |needle: &str| {
            let claim = extraction.claims.iter().find(|c| c.text.contains(needle));
            claim.unwrap().score
        };
        let (result, musing) = (score("17 positions"), score("different world"));
        assert!(result > musing + 0.1, "{result} vs {musing}");
        let threshold = claims::model::CHECKWORTHY.threshold;
        for claim in &extraction.claims {
            assert!((0.0..=1.0).contains(&claim.score));
            assert_eq!(claim.checkable, claim.score >= threshold, "{claim:?}");
        }
    }

    /// The sample article: what a fact-checker expects from the claims side of the extractor
    /// (speakers, the repeated troops claim, the election claim, nothing from the footer).
    #[test]
    fn sample_article_claims() {
        let text = include_str!("../../fixtures/seed_nysun_korea.txt");
        let extraction = extract(
            text,
            &Context {
                reference_date: NaiveDate::from_ymd_opt(2022, 6, 3),
            },
        );
        let claims = &extraction.claims;
        let find = |needle: &str| {
            claims
                .iter()
                .position(|c| c.checkable && c.text.contains(needle))
                .unwrap_or_else(|| panic!("no checkable claim with {needle:?}"))
        };
        // Quotes attributed to the three speakers, through "Mr. Kim" and "he said".
        let cases: &[(&str, &str)] = &[
            ("said bluntly", "Sung Kim"),
            ("relentless pursuit of nuclear weapons", "Kim Gunn"),
            ("would come up with a united response", "Kim Gunn"),
            ("on all levels", "Kim Gunn"),
            (
                "trilateral cooperation is all the more important",
                "Takehiro Funakoshi",
            ),
            ("highlighted our mutual deterrence", "Takehiro Funakoshi"),
            ("Our bottom line has not changed", "Sung Kim"),
        ];
        for (needle, speaker) in cases {
            let claim = &claims[find(needle)];
            assert_eq!(claim.speaker.as_deref(), Some(*speaker), "{needle}");
            assert!(claim.kinds.contains(&ClaimKind::Quote), "{needle}");
        }
        // The 28,500-troops claim is stated twice: the later place points at the first.
        let first = find("The message is unmistakable");
        let second = find("The message was unmistakable");
        assert_eq!(claims[second].duplicate_of, Some(first));
        assert_eq!(claims[first].duplicate_of, None);
        // The election result.
        let election = &claims[find("won12 of the 17 positions")];
        assert_eq!(election.kind, ClaimKind::Election);
        // Nothing from the footer, the photo credits or the headline is a claim.
        for claim in claims.iter().filter(|c| c.checkable) {
            for furniture in [
                "via AP",
                "©",
                "Sign in",
                "Privacy Policy",
                "New York Sun",
                "Seoul Presses",
            ] {
                assert!(
                    !claim.text.contains(furniture),
                    "{furniture}: {:?}",
                    claim.text
                );
            }
        }
        // Opinion with nothing on record is kept, but not as a claim.
        let mood = claims
            .iter()
            .find(|c| c.text.contains("almost palpable"))
            .unwrap();
        assert!(!mood.checkable && mood.why.is_some());
    }
}
