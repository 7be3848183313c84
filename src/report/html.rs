//! The HTML report for editors: each article's text with every claim highlighted in its
//! status colour, a legend with the progress bar, and beside the text each claim's values,
//! verdict, checker and sources. One self-contained page: inline CSS, no scripts, no external
//! assets, everything HTML-escaped.

use std::fmt::Write;

use crate::model::{Article, Claim, Progress, Status, is_web_url};

/// One article as the page shows it.
pub struct ArticlePage<'a> {
    pub article: &'a Article,
    pub body: &'a str,
    pub claims: &'a [Claim],
    pub progress: &'a Progress,
    /// When and by whom each claim's current verdict was given, by claim id.
    pub verdicts: &'a std::collections::HashMap<i64, (String, String)>,
}

/// Status colours: background for highlights and badges. Chosen to stay readable in print
/// and for the common forms of colour blindness (each also carries its name in the badge).
fn colour(status: Status) -> &'static str {
    match status {
        Status::Unverified => "#e5e7eb",
        Status::InProgress => "#bfdbfe",
        Status::Verified => "#bbf7d0",
        Status::False => "#fecaca",
        Status::Misleading => "#fde68a",
        Status::Unverifiable => "#e9d5ff",
        Status::Dismissed => "#f3f4f6",
    }
}

/// Escape text for HTML element content and attribute values; control characters are made
/// visible as in every other output for people (`escape::visible`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::escape::visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #111827; margin: 0; background: #f9fafb; }
header { padding: 16px 32px; background: #111827; color: #f9fafb; font-family: Helvetica, Arial, sans-serif; }
header h1 { margin: 0; font-size: 20px; }
section.article { padding: 16px 32px 32px; border-bottom: 1px solid #d1d5db; }
section.article h2 { margin: 8px 0 4px; }
.meta { color: #4b5563; font: 14px Helvetica, Arial, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0; font: 14px Helvetica, Arial, sans-serif; }
.bar { width: 240px; height: 14px; background: #e5e7eb; border-radius: 7px; overflow: hidden; display: inline-block; vertical-align: middle; }
.bar span { display: block; height: 100%; background: #16a34a; }
.badge { padding: 1px 8px; border-radius: 10px; font: 13px Helvetica, Arial, sans-serif; border: 1px solid #9ca3af; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 32px; }
.text { white-space: pre-wrap; background: #fff; padding: 16px 20px; border: 1px solid #e5e7eb; }
mark { color: inherit; padding: 1px 0; border-bottom: 2px solid #6b7280; }
mark sup { font: bold 10px Helvetica, Arial, sans-serif; color: #374151; margin-left: 2px; }
ol.claims { list-style: none; padding: 0; margin: 0; font: 14px/1.45 Helvetica, Arial, sans-serif; }
ol.claims li { background: #fff; border: 1px solid #e5e7eb; border-left-width: 6px; padding: 8px 12px; margin-bottom: 8px; }
ol.claims .quote { color: #374151; margin: 4px 0; }
ol.claims dl { margin: 4px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
ol.claims dt { color: #6b7280; }
ol.claims dd { margin: 0; overflow-wrap: anywhere; }
";

/// The tag that marks a page as claimtrack's, so that `report --output` knows it may replace it.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"claimtrack\">";

/// True when `start` (the first bytes of a file) is a report this program wrote: with the
/// generator tag, or the header reports had before the tag was added.
pub fn is_report(start: &str) -> bool {
    start.starts_with("<!DOCTYPE html>")
        && (start.contains(GENERATOR) || start.contains(" by claimtrack</div></header>"))
}

/// The page up to the first article (`title`: the article's, or how many): `report` writes
/// it, then each article as it reads it (`render_article`), then `PAGE_END`, so that a report
/// of the whole archive is never held whole.
pub fn page_start(title: &str, generated_at: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{GENERATOR}\n<title>Fact-check: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>Fact-check report</h1><div>generated {} by claimtrack</div></header>\n",
        escape(title),
        escape(generated_at)
    )
}

pub const PAGE_END: &str = "</body>\n</html>\n";

/// One article's section, appended to `html`.
pub fn render_article(html: &mut String, page: &ArticlePage<'_>) {
    let article = page.article;
    let _ = write!(
        html,
        "<section class=\"article\" id=\"article-{}\">\n<h2>{}</h2>\n<div class=\"meta\">",
        article.id,
        escape(&article.title)
    );
    let mut meta = vec![format!("article {}", article.id)];
    if let Some(outlet) = &article.outlet {
        meta.push(escape(outlet));
    }
    if let Some(published) = &article.published {
        meta.push(format!("published {}", escape(published)));
    }
    if let Some(url) = article.url.as_deref().filter(|url| is_web_url(url)) {
        meta.push(format!("<a href=\"{0}\">{0}</a>", escape(url)));
    }
    html.push_str(&meta.join(" · "));
    html.push_str("</div>\n");

    // Legend: the progress bar, then each status with its colour and count.
    let percent = (page.progress.fraction() * 100.0).round();
    let _ = write!(
        html,
        "<div class=\"legend\"><span class=\"bar\" title=\"{percent}% resolved\"><span style=\"width: {percent}%\"></span></span> <strong>{} of {} resolved ({percent}%)</strong>",
        page.progress.resolved(),
        page.progress.claims
    );
    for status in Status::ALL {
        let _ = write!(
            html,
            " <span class=\"badge\" style=\"background: {}\">{} {}</span>",
            colour(status),
            status.as_str(),
            page.progress.count(status)
        );
    }
    html.push_str("</div>\n<div class=\"columns\">\n<div class=\"text\">");

    // The text with highlights. Spans are byte offsets into the body; a span that is out of
    // range, not on a character boundary or overlapping the previous one is listed but not
    // highlighted rather than breaking the page.
    let mut claims: Vec<&Claim> = page.claims.iter().collect();
    claims.sort_by_key(|c| (c.start, c.end));
    let mut cursor = 0;
    for claim in claims {
        let body = page.body;
        let fits = claim.start >= cursor
            && claim.end <= body.len()
            && body.is_char_boundary(claim.start)
            && body.is_char_boundary(claim.end);
        if !fits {
            continue;
        }
        html.push_str(&escape(&body[cursor..claim.start]));
        let _ = write!(
            html,
            "<mark data-claim-id=\"{0}\" data-status=\"{1}\" style=\"background: {2}\" title=\"claim {0}: {1}\">{3}<sup>{0}</sup></mark>",
            claim.id,
            claim.status.as_str(),
            colour(claim.status),
            escape(&body[claim.start..claim.end])
        );
        cursor = claim.end;
    }
    html.push_str(&escape(&page.body[cursor..]));
    html.push_str("</div>\n<ol class=\"claims\">\n");

    for claim in page.claims {
        let _ = write!(
            html,
            "<li id=\"claim-{0}\" style=\"border-left-color: {1}\"><strong>{0}</strong> <span class=\"badge\" style=\"background: {1}\">{2}</span> <span class=\"meta\">{3}</span>\n<div class=\"quote\">{4}</div>\n<dl>",
            claim.id,
            colour(claim.status),
            claim.status.as_str(),
            claim.kind.as_str(),
            escape(&super::excerpt(&claim.text, 220))
        );
        if let Some(speaker) = &claim.speaker {
            let _ = write!(html, "<dt>speaker</dt><dd>{}</dd>", escape(speaker));
        }
        if !claim.values.is_empty() {
            let values: Vec<String> = claim
                .values
                .iter()
                .map(|v| format!("{} = {}", escape(&v.text), escape(&super::value_summary(v))))
                .collect();
            let _ = write!(html, "<dt>values</dt><dd>{}</dd>", values.join("; "));
        }
        if let Some((at, by)) = page.verdicts.get(&claim.id) {
            let _ = write!(
                html,
                "<dt>verdict</dt><dd>{} by {} on {}</dd>",
                claim.status.as_str(),
                escape(by),
                escape(at)
            );
        }
        if let Some(assignee) = &claim.assignee {
            let _ = write!(html, "<dt>checker</dt><dd>{}</dd>", escape(assignee));
        }
        if !claim.sources.is_empty() {
            let sources: Vec<String> = claim
                .sources
                .iter()
                .map(|s| {
                    let label = escape(s.title.as_deref().unwrap_or(&s.reference));
                    if s.is_url && is_web_url(&s.reference) {
                        format!("<a href=\"{}\">{label}</a>", escape(&s.reference))
                    } else {
                        label
                    }
                })
                .collect();
            let _ = write!(html, "<dt>sources</dt><dd>{}</dd>", sources.join("<br>"));
        }
        html.push_str("</dl></li>\n");
    }
    html.push_str("</ol>\n</div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
