//! Export formats for others to read: schema.org ClaimReview JSON-LD for settled claims, and
//! CSV with one row per claim for editors' spreadsheets. Both are documented in README.

use serde::Serialize;

use crate::error::Result;
use crate::model::{Claim, Status};
use crate::store::Settled;

/// How a verdict reads on the ClaimReview rating scale (1 = false … 5 = true). `unverifiable`
/// is published too, with -1: outside the scale on purpose, since "we could not settle it" is
/// not a point between true and false (Google's guidance lets a text rating carry the meaning).
pub fn rating(status: Status) -> Option<(i64, &'static str)> {
    match status {
        Status::Verified => Some((5, "True")),
        Status::Misleading => Some((2, "Misleading")),
        Status::False => Some((1, "False")),
        Status::Unverifiable => Some((-1, "Unverifiable")),
        // A dismissed sentence was never a claim: there is nothing to publish about it.
        Status::Unverified | Status::InProgress | Status::Dismissed => None,
    }
}

pub const BEST_RATING: i64 = 5;
pub const WORST_RATING: i64 = 1;

/// One ClaimReview (https://schema.org/ClaimReview).
#[derive(Debug, Serialize)]
pub struct ClaimReview {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "claimReviewed")]
    pub claim_reviewed: String,
    #[serde(rename = "itemReviewed")]
    pub item_reviewed: ItemReviewed,
    #[serde(rename = "reviewRating")]
    pub review_rating: Rating,
    pub author: Party,
    /// The day the verdict was given (UTC).
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// Where the review itself is published. claimtrack does not know that page, so it is
    /// left out unless a later flag supplies it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// claimtrack's claim id, so a reader can come back to it.
    pub identifier: String,
}

#[derive(Debug, Serialize)]
pub struct ItemReviewed {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Party>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    pub appearance: Vec<Appearance>,
}

#[derive(Debug, Serialize)]
pub struct Party {
    /// Person (a speaker) or Organization (an outlet, the publisher).
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Appearance {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub headline: String,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Rating {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "ratingValue")]
    pub rating_value: i64,
    #[serde(rename = "bestRating")]
    pub best_rating: i64,
    #[serde(rename = "worstRating")]
    pub worst_rating: i64,
    #[serde(rename = "alternateName")]
    pub alternate_name: &'static str,
}

impl ClaimReview {
    /// The review of one settled claim; None for a claim without a verdict.
    pub fn new(settled: &Settled, publisher: &str, publisher_url: Option<&str>) -> Option<Self> {
        let (value, name) = rating(settled.claim.status)?;
        let article = &settled.article;
        let author = match (&settled.claim.speaker, &article.outlet) {
            (Some(speaker), _) => Some(Party {
                kind: "Person",
                name: speaker.clone(),
                url: None,
            }),
            (None, Some(outlet)) => Some(Party {
                kind: "Organization",
                name: outlet.clone(),
                url: None,
            }),
            (None, None) => None,
        };
        Some(ClaimReview {
            context: "https://schema.org",
            kind: "ClaimReview",
            claim_reviewed: super::excerpt(&settled.claim.text, usize::MAX),
            item_reviewed: ItemReviewed {
                kind: "Claim",
                author,
                date_published: article.published.clone(),
                appearance: vec![Appearance {
                    kind: "CreativeWork",
                    url: article.url.clone(),
                    headline: article.title.clone(),
                    date_published: article.published.clone(),
                }],
            },
            review_rating: Rating {
                kind: "Rating",
                rating_value: value,
                best_rating: BEST_RATING,
                worst_rating: WORST_RATING,
                alternate_name: name,
            },
            author: Party {
                kind: "Organization",
                name: publisher.to_string(),
                url: publisher_url.map(str::to_string),
            },
            date_published: settled
                .verdict_at
                .as_ref()
                .map(|at| at.chars().take(10).collect()),
            url: None,
            identifier: format!("claimtrack:claim:{}", settled.claim.id),
        })
    }
}

/// The columns of `export --format csv`, one row per claim.
pub const CSV_COLUMNS: [&str; 18] = [
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published",
    "position",
    "kind",
    "kinds",
    "speaker",
    "text",
    "values",
    "status",
    "status_changed_at",
    "verdict_by",
    "assignee",
    "sources",
    "score",
];

/// `export --format csv` written a row at a time as the claims are read.
pub struct ClaimsCsv<'a> {
    writer: csv::Writer<&'a mut dyn std::io::Write>,
}

impl<'a> ClaimsCsv<'a> {
    /// Start the file: the header row.
    pub fn new(out: &'a mut dyn std::io::Write) -> Result<Self> {
        let mut writer = csv::Writer::from_writer(out);
        writer
            .write_record(CSV_COLUMNS)
            .map_err(super::views::csv_error)?;
        Ok(ClaimsCsv { writer })
    }

    pub fn row(
        &mut self,
        claim: &Claim,
        article: &crate::model::Article,
        verdict_by: Option<&str>,
    ) -> Result<()> {
        // Cells that a spreadsheet would run as a formula are neutralised (`escape::csv_cell`).
        let record = claim_csv_record(claim, article, verdict_by);
        let cells = record.each_ref().map(|cell| super::escape::csv_cell(cell));
        self.writer
            .write_record(cells.iter().map(|cell| cell.as_bytes()))
            .map_err(super::views::csv_error)
    }

    pub fn finish(mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

/// One claim's CSV cells, in `CSV_COLUMNS` order: list-valued cells (`kinds`, `values`,
/// `sources`) are joined with `"; "` (`kinds` with `,`) so that each claim stays one row.
pub fn claim_csv_record(
    claim: &Claim,
    article: &crate::model::Article,
    verdict_by: Option<&str>,
) -> [String; 18] {
    [
        claim.id.to_string(),
        article.id.to_string(),
        article.title.clone(),
        article.url.clone().unwrap_or_default(),
        article.outlet.clone().unwrap_or_default(),
        article.published.clone().unwrap_or_default(),
        claim.position.to_string(),
        claim.kind.as_str().to_string(),
        claim
            .kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(","),
        claim.speaker.clone().unwrap_or_default(),
        super::excerpt(&claim.text, usize::MAX),
        claim
            .values
            .iter()
            .map(super::value_summary)
            .collect::<Vec<_>>()
            .join("; "),
        claim.status.as_str().to_string(),
        claim.status_changed_at.clone(),
        verdict_by.unwrap_or_default().to_string(),
        claim.assignee.clone().unwrap_or_default(),
        claim
            .sources
            .iter()
            .map(|s| s.reference.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        format!("{}", super::round(claim.score)),
    ]
}

/// A JSON array written one element at a time, laid out as `serde_json`'s pretty printer
/// lays out a whole array, so that a long export need not be held in memory first.
pub struct JsonArray<'a> {
    out: &'a mut dyn std::io::Write,
    written: usize,
}

impl<'a> JsonArray<'a> {
    pub fn new(out: &'a mut dyn std::io::Write) -> Self {
        JsonArray { out, written: 0 }
    }

    pub fn push(&mut self, element: &impl Serialize) -> Result<()> {
        let pretty = serde_json::to_string_pretty(element).map_err(std::io::Error::from)?;
        self.out
            .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        // Strings are escaped, so every line break is the printer's own.
        for (index, line) in pretty.split('\n').enumerate() {
            if index > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        self.written += 1;
        Ok(())
    }

    /// Close the array and end the line.
    pub fn finish(self) -> Result<()> {
        self.out
            .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}
