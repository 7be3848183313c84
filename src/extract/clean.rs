//! Site boilerplate that is never a claim: copyright lines, sign-in footers, photo credits.

/// Why `sentence` is page furniture rather than article text, or `None` when it is text.
pub fn boilerplate_reason(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    if sentence.starts_with('©') || lower.contains("all rights reserved") {
        return Some("copyright line");
    }
    if lower.contains("sign in")
        || lower.contains("privacy policy")
        || lower.contains("terms of use")
    {
        return Some("sign-in or terms footer");
    }
    if lower.ends_with("via ap") || lower.contains("/pool") {
        return Some("photo credit");
    }
    None
}
