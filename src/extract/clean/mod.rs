//! Site boilerplate that is never a claim: copyright lines, sign-in footers, photo credits,
//! bylines, datelines, separators, link labels and headings.
//!
//! Each rule is written for page furniture in general, not for one site: a fact-checker would
//! never spend time on any sentence these rules name. The rules look at the sentence's text
//! with white space folded, plus whether it stands alone on its line (a heading, a byline or an
//! outlet name is only furniture when nothing else shares its line).

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::extract::lexicon;
use crate::extract::text;

/// Why a sentence is page furniture: the reason `split` shows, as a type until it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Furniture {
    Separator,
    PhotoCredit,
    PhotoCaption,
    CopyrightLine,
    SignInFooter,
    LinkLine,
    GraphicCaption,
    GalleryOrAdvertisement,
    ShareOrFollowLine,
    Byline,
    StandardsFooter,
    SyndicationNote,
    EditorsNote,
    StockQuote,
    TimeStamp,
    ReferenceList,
    WireLine,
    EmbeddedTweet,
    Dateline,
    QuestionSubhead,
    Heading,
    PullQuote,
}

impl Furniture {
    /// The reason as `split` and `extract --all` print it (a contract of their output).
    pub fn as_str(self) -> &'static str {
        match self {
            Furniture::Separator => "separator",
            Furniture::PhotoCredit => "photo credit",
            Furniture::PhotoCaption => "photo caption",
            Furniture::CopyrightLine => "copyright line",
            Furniture::SignInFooter => "sign-in or terms footer",
            Furniture::LinkLine => "link line",
            Furniture::GraphicCaption => "graphic caption",
            Furniture::GalleryOrAdvertisement => "gallery or advertisement",
            Furniture::ShareOrFollowLine => "share or follow line",
            Furniture::Byline => "byline",
            Furniture::StandardsFooter => "standards footer",
            Furniture::SyndicationNote => "syndication note",
            Furniture::EditorsNote => "editor's note",
            Furniture::StockQuote => "stock quote",
            Furniture::TimeStamp => "time stamp",
            Furniture::ReferenceList => "reference list",
            Furniture::WireLine => "wire line",
            Furniture::EmbeddedTweet => "embedded tweet",
            Furniture::Dateline => "dateline",
            Furniture::QuestionSubhead => "question subhead",
            Furniture::Heading => "heading",
            Furniture::PullQuote => "pull quote",
        }
    }
}

impl std::fmt::Display for Furniture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why `sentence` is page furniture rather than article text, or `None` when it is text.
/// `whole_line` says the sentence is all there is on its line (or its paragraph, for
/// hard-wrapped text), which is what makes a short line without punctuation a heading.
pub fn boilerplate_reason(sentence: &str, whole_line: bool) -> Option<Furniture> {
    boilerplate_reason_of(sentence, whole_line, may_match_anywhere_rule(sentence))
}

/// `boilerplate_reason` of each of an article's sentences (`(text, whole_line)` in order),
/// with the pre-check of the `ANYWHERE` rules run once over them all (`may_match_anywhere`).
pub fn boilerplate_reasons(sentences: &[(&str, bool)]) -> Vec<Option<Furniture>> {
    let anywhere = may_match_anywhere(sentences.iter().map(|&(text, _)| text));
    sentences
        .iter()
        .zip(anywhere)
        .map(|(&(text, whole_line), may)| boilerplate_reason_of(text, whole_line, may))
        .collect()
}

/// `boilerplate_reason`, told whether the `ANYWHERE` rules' pre-check passed.
fn boilerplate_reason_of(sentence: &str, whole_line: bool, anywhere: bool) -> Option<Furniture> {
    let sentence = sentence.trim();
    if sentence.is_empty() {
        return None;
    }
    if !sentence.chars().any(char::is_alphanumeric) {
        return Some(Furniture::Separator);
    }
    if is_trimmed_credit(sentence) {
        return Some(Furniture::PhotoCredit);
    }
    if let Some(reason) = START_RULES.reason(sentence) {
        return Some(reason);
    }
    if anywhere && let Some(reason) = ANYWHERE_RULES.reason(sentence) {
        return Some(reason);
    }
    if let Some(reason) = widget_reason(sentence) {
        return Some(reason);
    }
    if sentence.ends_with(['—', '–', '-'])
        && text::dateline_len(sentence, true) == Some(sentence.len())
    {
        return Some(Furniture::Dateline);
    }
    if is_byline(sentence) {
        return Some(Furniture::Byline);
    }
    if whole_line {
        return line_reason(sentence);
    }
    None
}

/// Whether `text[start..end]` is all that stands on its line: only white space between it and
/// the line breaks (or the ends of the text) on either side.
pub fn is_whole_line(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n' && c != '\r')
        .all(text::is_space);
    before
        && text[end..]
            .chars()
            .take_while(|&c| c != '\n' && c != '\r')
            .all(text::is_space)
}

/// Number of words in folded text (one space between words); a cheap byte count.
fn word_count(folded: &str) -> usize {
    folded.bytes().filter(|&b| b == b' ').count() + 1
}

/// Reasons that only hold for a sentence alone on its line.
fn line_reason(sentence: &str) -> Option<Furniture> {
    let question = sentence.ends_with('?');
    let stripped = sentence.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let punctuated = stripped.ends_with(['.', '!', '?', '…', ':']);
    if (punctuated && !question) || word_count(sentence) > 20 || starts_with_list_marker(sentence) {
        return None;
    }
    if question {
        // A question alone on its line is a subhead ("What did the prosecutors say?"); a pure
        // question asserts nothing to check.
        return Some(Furniture::QuestionSubhead);
    }
    if !punctuated {
        // A line with no sentence punctuation: a heading, a kicker, an outlet name, a lone
        // "or" between two buttons.
        return Some(Furniture::Heading);
    }
    None
}

fn starts_with_list_marker(sentence: &str) -> bool {
    let first = sentence.chars().next().unwrap_or(' ');
    matches!(
        first,
        '•' | '⁃' | '‣' | '◦' | '▪' | '●' | '■' | '►' | '▸' | '*' | '-'
    ) || sentence.split_whitespace().next().is_some_and(|w| {
        w.len() <= 4 && w.starts_with(|c: char| c.is_ascii_digit()) && w.ends_with(['.', ')'])
    })
}

/// A photo or picture credit: "Kim Hong-Ji/pool via AP", "(AP Photo/Evan Vucci)",
/// "Photo: Getty Images", "Credit: Jane Doe/Reuters". Short by nature: a caption that merely
/// mentions a photographer is not one.
pub(crate) fn is_credit(sentence: &str) -> bool {
    is_trimmed_credit(sentence.trim())
}

fn is_trimmed_credit(sentence: &str) -> bool {
    may_be_short_credit(sentence)
        && may_be_credit(sentence)
        && CREDIT_SET.reason(sentence).is_some()
}

/// A credit is short: at most 120 bytes and 12 words of trimmed text.
fn may_be_short_credit(sentence: &str) -> bool {
    sentence.len() <= 120 && word_count(sentence) <= 12
}

/// The marks one of which every `CREDITS` match holds when none of the phrases of
/// `CREDIT_NEEDED_LISTS` is in it: a slash (a photographer's credit), a colon (a label), "via"
/// (an agency's). The patterns fold case the Unicode way, which also matches "ſ" for "s" and
/// the Kelvin sign for "k": with either in the sentence, the patterns run.
const CREDIT_MARKS: &[&str] = &["/", ":", "ſ", "K", "via"];

/// The lists of which a `CREDITS` pattern with none of the `CREDIT_MARKS` needs a phrase:
/// what a credit credits ("Photo by ...") and the stock agencies ("Getty Images").
const CREDIT_NEEDED_LISTS: &[&str] = &["furniture_photo_nouns", "furniture_stock_agencies"];

static CREDIT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let phrases = CREDIT_NEEDED_LISTS
        .iter()
        .filter_map(|name| lexicon::list_named(name))
        .flat_map(lexicon::List::entries)
        .chain(CREDIT_MARKS.iter().map(|mark| mark.to_string()));
    literal_search(phrases.collect())
});

/// Whether a `CREDITS` pattern can match: a literal search is much cheaper than the patterns'
/// case-insensitive automaton, and most short sentences have none of the words.
fn may_be_credit(sentence: &str) -> bool {
    CREDIT_WORDS.is_match(&sentence.to_ascii_lowercase())
}

/// Photo and picture credits, short sentences all (`may_be_short_credit`).
const CREDITS: &[Rule] = &[
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"^[^.!?]{0,60}\s?/\s?{furniture_credit_sources}(?:\s?(?:via|/|for|-)\s?[a-z ./]{1,30})?\s*\)?$",
        examples: &[
            "Kim Hong-Ji/pool via AP",
            "Jim Watson/AFP via Getty Images",
            "Kim Hong-Ji / POOL",
        ],
        not: &["Sales rose 5% year/year, Reuters reported."],
    },
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"(?-u:\b)via {furniture_via_sources}\s*\)?$",
        examples: &["Jane Doe VIA AP", "The family via The Associated Press"],
        not: &["Aid arrived via Reuters' partners on Monday."],
    },
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"^\(?\s*{furniture_photo_agencies}?\s*{furniture_photo_nouns}s?\s*(?:/|:|by(?-u:\b)|{furniture_credit_labels}(?-u:\b))",
        examples: &[
            "(AP Photo/Evan Vucci)",
            "AP Photograph by Jane Doe",
            "Reuters photo: Jane Doe",
            "Photo: Getty Images",
        ],
        not: &["Photos of the damage spread online."],
    },
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"^\(?\s*(?:{furniture_photo_nouns} )?{furniture_credit_labels}s?\s*:",
        examples: &[
            "Credit: Jane Doe/Reuters",
            "Source: Reuters",
            "Image source: NASA",
        ],
        not: &["The source: a memo, she said."],
    },
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"^\(?\s*{furniture_photo_nouns}s? courtesy of(?-u:\b)",
        examples: &["Pictures courtesy of the family"],
        not: &["Courtesy of the family, the photos were shared."],
    },
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"^{furniture_stock_agencies}(?:\s*/\s*.*)?$",
        examples: &["Getty Images", "Shutterstock / Jane Doe", "iStockphoto"],
        not: &["Getty Images said its profit rose."],
    },
];

static CREDIT_SET: LazyLock<Rules> = LazyLock::new(|| Rules::new(CREDITS, "i", false));

/// The reason of a photo caption (a numbered gallery picture, an AP file photo), whose date
/// is the picture's, not the article's (see `extract::without_captions`).
pub const PHOTO_CAPTION: Furniture = Furniture::PhotoCaption;

/// Rules anchored at the start of the sentence, with the reason each gives. A sentence that
/// does not begin like one of them is rejected after a few bytes. In a pattern, `{name}` is
/// the alternation of the phrases of the lexicon list `name.txt` (see `expand`); the words
/// left in the patterns are their grammar ("the", "this", "on") and the narrow classes that
/// keep article text out ("this story appeared", not "the report appeared to ...").
const STARTS: &[Rule] = &[
    Rule {
        reason: Furniture::CopyrightLine,
        pattern: r"^\s*(?:©|\(c\)\s*\d{4}|copyright(?-u:\b))",
        examples: &[
            "© 2025 The New York Sun Company",
            "Copyright 2019 The Associated Press.",
        ],
        not: &["The copyrights expired in 2019."],
    },
    Rule {
        reason: Furniture::SignInFooter,
        pattern: r"^{furniture_account_actions}(?-u:\b)",
        examples: &["Sign in", "Subscribe", "Log out"],
        not: &["Signing the treaty took two years."],
    },
    Rule {
        reason: Furniture::LinkLine,
        pattern: r"^{furniture_link_prompts}(?-u:\b)|^{furniture_more_prompts}(?-u:\b)\s*\W*$",
        examples: &["Click here to subscribe", "Continue reading", "Read more »"],
        not: &["Read more about the budget in the report."],
    },
    Rule {
        reason: Furniture::LinkLine,
        pattern: r"^\(?\s*{furniture_graphic_labels}\s*:[^)]*(?:-|–|—)\s*here\s*\)?\s*$",
        examples: &[
            "(Graphic: Global assets in 2019 - here)",
            "Factbox: the deal — here",
        ],
        not: &["The graphic shows 5 states."],
    },
    Rule {
        reason: Furniture::LinkLine,
        pattern: r"^(?:{furniture_link_labels}|more from [a-z ]+)\s*:",
        examples: &[
            "Related: Trump visits Seoul",
            "Profile: Julian Assange",
            "More from Reuters: markets",
        ],
        not: &["Related talks resumed on Monday."],
    },
    Rule {
        reason: Furniture::GraphicCaption,
        pattern: r"^(?:this|the) {furniture_graphic_nouns}(?-u:\b)",
        examples: &[
            "This graphic, provided by Statista, shows the U.S. states where marijuana is legal.",
        ],
        not: &["The mapping of the seabed took years."],
    },
    Rule {
        reason: Furniture::GalleryOrAdvertisement,
        pattern: r"^{furniture_page_prompts}(?-u:\b)|^{furniture_gallery_verbs} (?:the )?(?:photo |image )?(?:gallery|slideshow)(?-u:\b)|^advertisement\s*$",
        examples: &[
            "Loading photo gallery",
            "View the photo gallery",
            "Advertisement",
            "Story continues below",
        ],
        not: &["Viewers saw the gallery reopen in May."],
    },
    Rule {
        reason: Furniture::ShareOrFollowLine,
        pattern: r"^{furniture_follow_verbs} (?:us|[a-z0-9&.' \-]{1,40}?) on {furniture_social_networks}(?-u:\b)",
        examples: &[
            "Follow NBC Latino on Facebook, Twitter and Instagram.",
            "Like us on Facebook",
        ],
        not: &["Find out more on Tuesday."],
    },
    Rule {
        reason: Furniture::ShareOrFollowLine,
        pattern: r"^{furniture_share_verbs}(?: (?:this|article|story|page|on {furniture_social_networks}|via (?:email|{furniture_social_networks})))*\s*$|^share (?:this|on|via)(?-u:\b)",
        examples: &["Share this article", "Email", "Tweet", "Share on Facebook"],
        not: &["Shares rose 5% on Monday."],
    },
    Rule {
        reason: Furniture::Byline,
        pattern: r"^\(?\s*(?:additional )?{furniture_credit_lines} by(?-u:\b)",
        examples: &[
            "Reporting by Jane Doe; Editing by John Roe",
            "(Additional reporting by Kim Tong-Hyung)",
        ],
        not: &["Reporting bylaws changed in 2020."],
    },
    // Reuters' footer under every story: "Our Standards: The Thomson Reuters Trust Principles."
    Rule {
        reason: Furniture::StandardsFooter,
        pattern: r"^{furniture_standards_labels}\s*:",
        examples: &["Our Standards: The Thomson Reuters Trust Principles."],
        not: &["Our standards are high, the mayor said."],
    },
    Rule {
        reason: Furniture::Byline,
        pattern: r"^{furniture_contact_verbs} (?:the )?(?:{furniture_author_nouns}|us)(?-u:\b)|^{furniture_contact_verbs}\s*:",
        examples: &[
            "Contact the author: jane@example.com",
            "Email: tips@example.com",
        ],
        not: &["Contact between the two sides resumed."],
    },
    Rule {
        reason: Furniture::SyndicationNote,
        // The article's own history: an adverb may follow the auxiliary ("was originally
        // published"), and "a version of this story" is the article as well.
        pattern: r"^(?:this|the) {furniture_article_nouns} (?:has been|was|is|first|originally) {furniture_publication_verbs}(?-u:\b)|^this {furniture_article_nouns} (?:has been|was|is) (?:first|originally) {furniture_publication_verbs}(?-u:\b)|^(?:this|the) (?:article|story) (?:first |originally )?appeared(?-u:\b)|^originally (?:published|appeared)(?-u:\b)|^an? (?:earlier |previous )?version of this {furniture_article_nouns}(?-u:\b)",
        examples: &[
            "This article has been adapted from its original source.",
            "This story originally appeared in The Conversation.",
            "This article was originally published by Futurism.",
            "A version of this story was first published by Reuters.",
        ],
        not: &[
            "The report appeared to contradict the ministry.",
            "This report was first presented to the board in 2015.",
        ],
    },
    // A picture of a gallery, numbered: "[1/2] A view of oil pumpjacks ... REUTERS/...".
    Rule {
        reason: PHOTO_CAPTION,
        pattern: r"^\[\d{1,2}/\d{1,2}\]",
        examples: &["[1/2] A view of oil pumpjacks in Midland, Texas, U.S., Feb. 17, 2023."],
        not: &["[Laughter] The crowd cheered."],
    },
    // A note about the article itself, not a claim of it: "Editor's note: This story has
    // been updated ...", "Correction: An earlier version misstated ...".
    Rule {
        reason: Furniture::EditorsNote,
        pattern: r"^(?:editor(?:'|’)?s?(?:'|’)? note|{furniture_article_notes})\s*:",
        examples: &[
            "Editor’s note: This story has been updated to correct the year.",
            "Correction: An earlier version of this story misstated the number.",
        ],
        not: &["The correction: prices fell 3% on Monday."],
    },
];

/// Rules that may match anywhere in the sentence: phrases no article sentence uses. Every
/// pattern starts with a slot (`{name}`) or holds one that each match needs: the pre-check
/// (`ANYWHERE_WORDS`) looks for those lists' phrases.
const ANYWHERE: &[Rule] = &[
    Rule {
        reason: Furniture::CopyrightLine,
        pattern: r"{furniture_copyright_notices}(?-u:\b)",
        examples: &[
            "This material may not be published, broadcast, rewritten or redistributed.",
            "Images protected by copyright.",
        ],
        not: &["Rights groups reserved judgment on the plan."],
    },
    Rule {
        reason: Furniture::SignInFooter,
        pattern: r"{furniture_sign_in_prompts} (?:or|to)(?-u:\b)",
        examples: &["Please log in to continue.", "Blogin to continue"],
        not: &["The login tool failed on Monday."],
    },
    Rule {
        reason: Furniture::SignInFooter,
        pattern: r"(?:our|the site'?s?|this site'?s?) {furniture_site_policies}",
        examples: &[
            "Use of this site constitutes acceptance of our Terms of Use and Privacy Policy.",
        ],
        not: &["Facebook changed its terms of use in 2019, regulators said."],
    },
    Rule {
        reason: Furniture::SignInFooter,
        pattern: r"{furniture_footer_phrases}(?-u:\b)",
        examples: &[
            "Already have an account? Log in.",
            "Please create a free account.",
        ],
        not: &["Voters subscribed to the view that taxes were too high."],
    },
    Rule {
        reason: Furniture::SignInFooter,
        pattern: r"{furniture_newsletter_prompts} (?:our|the|a|free)(?-u:\b)",
        examples: &["Please sign up for our daily briefing."],
        not: &["She signed up for the army in 2001."],
    },
    Rule {
        reason: Furniture::GalleryOrAdvertisement,
        pattern: r"{furniture_gallery_phrases}(?-u:\b)",
        examples: &["More in our photo gallery"],
        not: &["The photographer's gallery opened in 2019."],
    },
    // Reuters' credit line under each picture: "REUTERS/Nick Oxford/File Photo Purchase
    // Licensing Rights, opens new tab".
    Rule {
        reason: Furniture::PhotoCredit,
        pattern: r"{furniture_credit_notices}(?-u:\b)",
        examples: &["REUTERS/Nick Oxford/File Photo Purchase Licensing Rights, opens new tab"],
        not: &["Rights to purchase licensing deals were sold."],
    },
    Rule {
        reason: Furniture::Byline,
        pattern: r"{furniture_contribution_phrases} (?:to|for) (?:this|the) (?:report|story|article)(?-u:\b)",
        examples: &["Associated Press writer Mark Sherman contributed to this report."],
        not: &["Exports contributed to the growth of the economy."],
    },
];

/// A furniture rule with the examples it was written for (`furniture_rules_name_their_examples`
/// runs them): what it is, a pattern over the whole sentence, sentences it names and article
/// sentences it must leave alone.
struct Rule {
    reason: Furniture,
    pattern: &'static str,
    // Read by the tests only: the examples live beside the pattern they explain.
    #[cfg_attr(not(test), allow(dead_code))]
    examples: &'static [&'static str],
    #[cfg_attr(not(test), allow(dead_code))]
    not: &'static [&'static str],
}

/// Widgets, stamps and notes that whole sentences are made of. Every pattern is anchored at
/// both ends, so a sentence of article text fails after a few bytes.
const WIDGET_RULES: &[Rule] = &[
    Rule {
        reason: Furniture::StockQuote,
        pattern: r"^[A-Z][A-Za-z0-9.&]*\s+(?:[A-Z0-9][A-Za-z0-9.&]*\s+){0,4}\$?\d[\d,]*(?:\.\d+)?\s+[+\-−]\s?\d[\d,]*(?:\.\d+)?(?:\s+\(?[+\-−]?\d+(?:\.\d+)?%\)?)?\s*$",
        examples: &[
            "HD 234.12 +2.31 (0.99%)",
            "Dow Jones Industrial Average 27,934.02 -102.20 -0.36%",
            "S&P 500 3,120.18 -1.71 (-0.05%)",
        ],
        not: &[
            "The index rose 1.2% to 3,120.",
            "Shares closed at $234.12 on Tuesday.",
        ],
    },
    Rule {
        reason: Furniture::TimeStamp,
        pattern: r"^(?:(?:last )?{furniture_stamp_labels}\s*:?\s*)?(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?|\d{1,3}\s+{furniture_stamp_units}s?\s+ago|just now)\s*$",
        examples: &[
            "12:45 p.m. ET",
            "Updated 3 minutes ago",
            "2 hours ago",
            "09:30 GMT",
        ],
        not: &[
            "The vote was held at 12:45 p.m. ET.",
            "He left 2 hours ago, she said.",
        ],
    },
    Rule {
        reason: Furniture::ReferenceList,
        // "More information:" heads the paper a science wire's article is about.
        pattern: r"^(?:doi\s*:?\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/\S+\s*$|^.{0,300}(?:19|20)\d\d\s*;\s*\d+\s*(?:\(\d+\))?\s*:\s*e?\d+.{0,80}$|^more information\s*:",
        examples: &[
            "doi: 10.1001/jamapsychiatry.2019.3671",
            "More information: G.",
            "https://doi.org/10.1038/s41550-019-0933-6",
            "Hasin DS, Shmulewitz D. Cannabis use disorder. JAMA Psychiatry. 2019;76(12):1234-1241.",
        ],
        not: &["The study was published in JAMA Psychiatry on Wednesday."],
    },
    Rule {
        reason: Furniture::SyndicationNote,
        pattern: r"^read the original article(?:\s+here)?\W*$|^{furniture_syndication_verbs} by\s",
        examples: &[
            "Read the original article.",
            "Read the original article here",
            "Distributed by Tribune Content Agency, LLC.",
        ],
        not: &["Read the original report, the senator urged."],
    },
    Rule {
        reason: Furniture::WireLine,
        pattern: r"^\(?{furniture_wire_agencies}\)?\s*[-–—]?\s*$",
        examples: &["(Reuters) -", "The Associated Press", "AFP —"],
        not: &["Reuters reported the deal on Monday."],
    },
    Rule {
        reason: Furniture::EmbeddedTweet,
        pattern: r"^[—–-]\s*[^()]{1,80}\(@\w{1,15}\)\s+(?:[a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [a-z]+ \d{4})\s*$|^(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*$",
        examples: &[
            "— Tottenham Hotspur (@SpursOfficial) November 20, 2019",
            "- Jane Doe (@janedoe) 3 June 2022",
            "pic.twitter.com/dUO6AJlMxR",
            "https://t.co/AbC123",
        ],
        not: &["— and then, he said (quietly), it was over."],
    },
    Rule {
        reason: Furniture::GalleryOrAdvertisement,
        pattern: r"^(?:{furniture_slide_nouns}\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\.?\s*$",
        examples: &["1 of 4.", "Photo 3 of 12", "2/10"],
        not: &["1 of 4 voters said no."],
    },
];

static WIDGET_SET: LazyLock<Rules> = LazyLock::new(|| Rules::new(WIDGET_RULES, "i", true));

/// The widget rule a sentence is, if any: a long sentence is article text, and is let
/// through without running the rules.
fn widget_reason(sentence: &str) -> Option<Furniture> {
    // Widgets are short lines; the long ones (a reference entry, a tweet's signature) carry
    // a semicolon, "doi" or "(@". Most article sentences are none of these, and skip the set.
    let short = sentence.len() <= 80;
    let marked = || {
        sentence.len() <= 400
            && (sentence.contains(';') || sentence.contains("(@") || sentence.contains("doi"))
    };
    if !short && !marked() {
        return None;
    }
    WIDGET_SET.reason(sentence)
}

/// Which of the `candidates` (byte spans of `text`, each a line of its own) are pull quotes:
/// words of a longer line of the article set apart as a display quote ("“We write with
/// urgency”" above "... so we write with urgency to ask ..."). A pull quote repeats a claim the
/// body makes and checks; the body's sentence is the claim. Words are compared in lower case,
/// by letters and digits only, so quotation marks and dashes do not hide a repetition.
pub fn pull_quotes(text: &str, candidates: &[(usize, usize)]) -> Vec<bool> {
    candidates
        .iter()
        .enumerate()
        .map(|(k, &(start, end))| {
            // Bounded: a page has a few pull quotes, near its top.
            k < PULL_QUOTE_CANDIDATES && repeats_a_longer_line(text, start, end)
        })
        .collect()
}

/// Whether the words of `text[start..end]` stand inside a longer line of `text`. Only the
/// lines that hold the quote's longest word, as written in the body (lower case, or
/// capitalised at a sentence start), are compared: one vectorised search per candidate.
fn repeats_a_longer_line(text: &str, start: usize, end: usize) -> bool {
    if end - start > PULL_QUOTE_BYTES {
        return false;
    }
    // The two longest words after the first, as written: the body writes them the same way
    // (the first word may be capitalised in one place only). A line that holds the first is
    // compared only if it holds the second too.
    let mut anchors: Vec<&str> = text[start..end]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1)
        .collect();
    if !PULL_QUOTE_WORDS.contains(&(anchors.len() + 1)) {
        return false;
    }
    anchors.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let (anchor, second) = (anchors[0], anchors[1]);
    let bytes = text.as_bytes();
    let mut last_line = usize::MAX;
    let mut quote: Option<String> = None;
    // Each line once, and a bounded number of them: a common word is in many lines.
    memchr::memmem::find_iter(bytes, anchor.as_bytes())
        .filter_map(|at| {
            let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            let new_line = std::mem::replace(&mut last_line, line_start) != line_start;
            let own = (line_start..=line_end).contains(&start);
            let longer = line_end - line_start > end - start;
            (new_line && !own && longer).then_some((line_start, line_end))
        })
        .take(PULL_QUOTE_LINES)
        .any(|(line_start, line_end)| {
            let raw = &bytes[line_start..line_end];
            if memchr::memmem::find(raw, second.as_bytes()).is_none() {
                return false;
            }
            let quote = quote.get_or_insert_with(|| wording(&text[start..end]));
            let line = wording(&text[line_start..line_end]);
            line.len() > quote.len() && line.contains(quote.as_str())
        })
}

/// The words of `slice` in lower case, each followed by one space and the first preceded by
/// one: letters and digits only, so quotation marks and dashes do not hide a repetition.
fn wording(slice: &str) -> String {
    let mut out = String::with_capacity(slice.len() + 2);
    out.push(' ');
    let bytes = slice.as_bytes();
    let mut spaced = true;
    let mut i = 0;
    // Byte by byte for ASCII, the bulk of any line; a character is decoded only where one
    // starts (a curly quote, an accented letter).
    while i < bytes.len() {
        let byte = bytes[i];
        let (word_char, width) = if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                out.push(char::from(byte.to_ascii_lowercase()));
            }
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            let c = slice[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            }
            (c.is_alphanumeric(), c.len_utf8())
        };
        if word_char {
            spaced = false;
        } else if !spaced {
            out.push(' ');
            spaced = true;
        }
        i += width;
    }
    if !spaced {
        out.push(' ');
    }
    out
}

/// How many own lines of an article are compared with its other lines, and how many words a
/// pull quote has.
const PULL_QUOTE_CANDIDATES: usize = 32;
const PULL_QUOTE_WORDS: std::ops::RangeInclusive<usize> = 4..=40;
/// Longer than this, a line has more than 40 words of news text, and is ruled out unread.
const PULL_QUOTE_BYTES: usize = 400;
/// How many lines holding a candidate's longest word are compared with it.
const PULL_QUOTE_LINES: usize = 16;

/// Spans of `sentence` whose digits are not values: telephone numbers, street addresses and
/// numbered streets, tweet links and DOIs ("call 555-123-4567", "at 1600 Pennsylvania Avenue",
/// "near 17th Street", "pic.twitter.com/x1"). A dated web address keeps its date ("archive-2018-09-23").
pub fn non_value_spans(sentence: &str) -> Vec<(usize, usize)> {
    static DIGIT_NAMES: LazyLock<Regex> = LazyLock::new(|| {
        // ASCII classes (`-u`): Unicode word boundaries keep a regex off its fast engines on
        // any text with a curly quote, and these shapes are ASCII.
        Regex::new(&format!(
            concat!(
                r"(?-u)(?:\+\d{{1,3}}[\s.-]?)?\(?\b\d{{3}}\)?[\s.-]\d{{3}}[.-]\d{{4}}\b",
                r"|\b1-800-\d{{3}}-\d{{4}}\b",
                r"|\b\d{{1,5}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){{1,3}}{streets}",
                r"|\b\d{{1,3}}(?:st|nd|rd|th)\s+{streets}",
                r"|https?://t\.co/\w+|\bpic\.twitter\.com/\w+|\b10\.\d{{4,9}}/[\w./;()-]+",
            ),
            streets = street_words()
        ))
        .expect("digit name patterns are valid")
    });
    if !has_ascii_digit(sentence) {
        return Vec::new();
    }
    DIGIT_NAMES
        .find_iter(sentence)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// The words that end a street's name, capitalised, as one group: each full word, and each
/// short form with its period ("Street", "St.").
fn street_words() -> String {
    let words: Vec<String> = lexicon::STREET_WORDS
        .lines()
        .flat_map(|line| {
            let (full, short) = line.split_at(1);
            let short = short
                .iter()
                .map(|w| format!(r"{}\.", regex::escape(&lexicon::capitalised(w))));
            full.iter()
                .map(|w| regex::escape(&lexicon::capitalised(w)))
                .chain(short)
                .collect::<Vec<_>>()
        })
        .collect();
    format!("(?:{})", words.join("|"))
}

/// Whether `text` holds an ASCII digit: every sentence is asked, and most have none. Read in
/// blocks with no early exit inside one, which compile to vector compares.
fn has_ascii_digit(text: &str) -> bool {
    text.as_bytes()
        .chunks(32)
        .any(|block| block.iter().fold(false, |any, b| any | b.is_ascii_digit()))
}

/// The first rule of `rules` that matches, by a set built from them.
struct Rules {
    /// One regex for all of them: most sentences match none, and one pass tells.
    any: Regex,
    set: RegexSet,
    reasons: Vec<Furniture>,
}

impl Rules {
    /// `flags` are regex flags for every rule: `i-u` (ASCII case folding) lets rules made of
    /// ASCII words use the fast literal search.
    /// `anchored` rules all start with `^`: saying so makes a sentence that starts otherwise
    /// fail after a few bytes instead of after a scan of the whole sentence.
    fn new(rules: &[Rule], flags: &str, anchored: bool) -> Rules {
        let patterns: Vec<String> = rules
            .iter()
            .map(|rule| format!("(?{flags}:{})", expand(rule.pattern)))
            .collect();
        Rules {
            any: Regex::new(&format!(
                "{}(?:{})",
                if anchored { "^" } else { "" },
                patterns.join("|")
            ))
            .expect("boilerplate patterns are valid"),
            set: RegexSet::new(&patterns).expect("boilerplate patterns are valid"),
            reasons: rules.iter().map(|rule| rule.reason).collect(),
        }
    }

    fn reason(&self, sentence: &str) -> Option<Furniture> {
        if !self.any.is_match(sentence) {
            return None;
        }
        let index = self.set.matches(sentence).iter().next()?;
        Some(self.reasons[index])
    }
}

/// The phrases one of which every `ANYWHERE` match holds: those of the list in each rule's
/// first slot, as ASCII-lowercased text; a phrase that holds another is left to the shorter.
static ANYWHERE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let phrases: Vec<String> = ANYWHERE
        .iter()
        .filter_map(|rule| slots(rule.pattern).next())
        .filter_map(lexicon::list_named)
        .flat_map(lexicon::List::entries)
        .collect();
    literal_search(phrases)
});

/// A search for any of `phrases` as plain text; a phrase that holds another is left to the
/// shorter.
fn literal_search(mut phrases: Vec<String>) -> Regex {
    let all = phrases.clone();
    phrases.retain(|p| !all.iter().any(|q| q != p && p.contains(q.as_str())));
    phrases.sort();
    phrases.dedup();
    let escaped: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
    Regex::new(&escaped.join("|")).expect("boilerplate words are valid")
}

/// The names in the `{name}` slots of `pattern`, in order (a `{` before a digit is a
/// repetition, not a slot).
fn slots(pattern: &str) -> impl Iterator<Item = &str> {
    pattern.split('{').skip(1).filter_map(|after| {
        let name = &after[..after.find('}')?];
        (!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
            .then_some(name)
    })
}

/// `pattern` with each `{name}` slot replaced by the phrases of the lexicon list `name.txt` as
/// one group: escaped, longest first, the words of a phrase one space apart (the rules read
/// text with its white space folded).
fn expand(pattern: &str) -> String {
    lexicon::fill_slots(pattern, |list| {
        let mut entries = list.entries();
        entries.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let escaped: Vec<String> = entries.iter().map(|e| regex::escape(e)).collect();
        format!("(?:{})", escaped.join("|"))
    })
}

/// Whether an `ANYWHERE` rule can match: a plain literal search of the lowercased sentence
/// (vectorised) is many times faster than running the case-insensitive rules over every
/// sentence, and nearly every sentence has none of the words. The rules fold ASCII case only
/// (`i-u`), so ASCII lowercasing is exact.
fn may_match_anywhere_rule(sentence: &str) -> bool {
    ANYWHERE_WORDS.is_match(&sentence.to_ascii_lowercase())
}

/// `may_match_anywhere_rule` of each sentence, by one search of them all, lower-cased and
/// joined by line breaks (which no phrase holds, so no match spans two): a search per
/// sentence paid the searcher's set-up and its slow path for short texts on every one.
fn may_match_anywhere<'a>(sentences: impl Iterator<Item = &'a str> + Clone) -> Vec<bool> {
    let mut joined = String::with_capacity(sentences.clone().map(|s| s.len() + 1).sum());
    let mut ends = Vec::new();
    for sentence in sentences {
        joined.push_str(sentence);
        joined.push('\n');
        ends.push(joined.len());
    }
    joined.make_ascii_lowercase();
    let mut may = vec![false; ends.len()];
    for found in ANYWHERE_WORDS.find_iter(&joined) {
        may[ends.partition_point(|&end| end <= found.start())] = true;
    }
    may
}

static START_RULES: LazyLock<Rules> = LazyLock::new(|| Rules::new(STARTS, "i", true));
static ANYWHERE_RULES: LazyLock<Rules> = LazyLock::new(|| Rules::new(ANYWHERE, "i-u", false));

/// A byline: "By Jane Doe, Associated Press", "By JANE DOE and JOHN ROE", or a
/// correspondent's name line ("Caroline Hawley, BBC diplomatic correspondent"). A byline has no
/// sentence punctuation at its end, which keeps "By Tuesday, 300 schools had closed." a claim.
fn is_byline(sentence: &str) -> bool {
    if sentence.ends_with(['.', '!', '?', '"', '”']) || word_count(sentence) > 14 {
        return false;
    }
    let mut words = sentence.split_whitespace();
    let starts_with_by = words.next().is_some_and(|w| w.eq_ignore_ascii_case("by"));
    if starts_with_by
        && words
            .next()
            .is_some_and(|w| is_not_a_name(w.trim_end_matches(',')))
    {
        return false;
    }
    BYLINES.is_match(sentence)
}

/// Words after "By" that start a phrase of time or manner, not an author's name.
fn is_not_a_name(word: &str) -> bool {
    let capitalised_full_name = |list: &'static lexicon::List| {
        word.starts_with(|c: char| c.is_ascii_uppercase())
            && lexicon::line_of(list, word).is_some_and(|line| {
                list.lines()
                    .nth(line)
                    .is_some_and(|w| w[0].len() == word.len())
            })
    };
    capitalised_full_name(&lexicon::MONTHS)
        || capitalised_full_name(&lexicon::WEEKDAYS)
        || lexicon::BYLINE_NON_NAMES
            .words()
            .any(|w| lexicon::capitalised(w) == word)
}

static BYLINES: LazyLock<RegexSet> = LazyLock::new(|| {
    let name = r"[A-Z][\p{L}'’.\-]*";
    RegexSet::new([
        expand(&format!(
            r"^(?i:by)\s+{name}(?:\s+(?:{name}|&|{{furniture_byline_joiners}}))*(?:\s*(?:,|\||—|–|-|for|of)\s*.{{0,80}})?$"
        )),
        expand(&format!(
            r"^{name}(?:\s+{name}){{1,3}},\s+(?:[\p{{L}}'’\-]+\s+){{0,4}}(?i:{{furniture_byline_roles}})s?$"
        )),
    ])
    .expect("byline patterns are valid")
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Pull quotes are compared by their words: the ASCII path and the Unicode one agree.
    #[test]
    fn wording_keeps_letters_and_digits_in_lower_case() {
        assert_eq!(
            wording("\"We write--with URGENCY\" 2"),
            " we write with urgency 2 "
        );
        assert_eq!(
            wording("“We write—with URGENCY” 2"),
            " we write with urgency 2 "
        );
        assert_eq!(wording("École, 12"), " école 12 ");
        assert_eq!(wording("..."), " ");
    }

    /// `sentence` (alone on its line when `whole_line`) gets `expected` as its reason.
    fn check(sentence: &str, whole_line: bool, expected: Option<&str>) {
        assert_eq!(
            boilerplate_reason(sentence, whole_line).map(Furniture::as_str),
            expected,
            "sentence: {sentence:?}"
        );
    }

    /// The word filter before the credit patterns, built from their lists, lets through the
    /// examples of every pattern (also in odd case), and stops a short sentence with none of
    /// its words.
    #[test]
    fn credit_word_filter_covers_every_pattern() {
        for rule in CREDITS {
            for example in rule.examples {
                let odd = example.to_ascii_uppercase();
                for sentence in [*example, odd.as_str()] {
                    assert!(CREDIT_SET.reason(sentence).is_some(), "{sentence}");
                    assert!(may_be_credit(sentence), "{sentence}");
                }
            }
        }
        assert!(!may_be_credit("The ministry said it would respond."));
        assert!(may_be_credit("ſhutterſtock"), "Unicode case folding");
    }

    /// Street words end an address capitalised, in full or short with a period.
    #[test]
    fn street_words_are_capitalised_with_short_forms() {
        let words = street_words();
        assert!(words.starts_with(r"(?:Street|St\.|Avenue|Ave\."), "{words}");
        assert!(words.ends_with("|Highway)"), "{words}");
    }

    /// "By" before a word of time or manner opens no byline, only capitalised as written.
    #[test]
    fn byline_needs_a_name_after_by() {
        for word in ["Then", "The", "Midnight", "March", "Tuesday"] {
            assert!(is_not_a_name(word), "{word}");
        }
        for word in ["THE", "then", "Jane", "Mar"] {
            assert!(!is_not_a_name(word), "{word}");
        }
        assert!(!is_byline("By Midnight the polls had closed"));
        assert!(is_byline("By Jane Doe"));
        assert!(is_byline("By Maria del Carmen Ruiz and Ali bin Said"));
        assert!(is_byline("Jane Doe, BBC staff writers"));
    }

    /// The word filter before the `ANYWHERE` rules, built from the rules' lists, lets through
    /// the examples of every rule (also in odd case), and stops plain news text.
    #[test]
    fn anywhere_word_filter_covers_every_rule() {
        for rule in ANYWHERE {
            for example in rule.examples {
                let odd = example.to_ascii_uppercase();
                for sentence in [*example, odd.as_str()] {
                    assert!(ANYWHERE_RULES.reason(sentence).is_some(), "{sentence}");
                    assert!(may_match_anywhere_rule(sentence), "{sentence}");
                }
            }
        }
        for sentence in [
            "The United States has 28,500 troops in South Korea.",
            "“We are ready,” Mr. Kim said on Wednesday.",
            // Short words of the rules inside common words and phrases.
            "Human rights groups said the technology's design was, in terms of cost, a signal.",
        ] {
            assert!(!may_match_anywhere_rule(sentence), "{sentence}");
        }
    }

    /// The reasons of an article's sentences found together (one pre-check over them all) are
    /// the reasons found one by one, for every rule's examples and counter-examples in a row.
    #[test]
    fn reasons_together_are_reasons_alone() {
        let mut sentences: Vec<(&str, bool)> = Vec::new();
        for rule in CREDITS
            .iter()
            .chain(STARTS)
            .chain(ANYWHERE)
            .chain(WIDGET_RULES)
        {
            for (i, sentence) in rule.examples.iter().chain(rule.not).enumerate() {
                sentences.push((sentence, i % 2 == 0));
            }
        }
        let alone: Vec<Option<Furniture>> = sentences
            .iter()
            .map(|&(text, whole_line)| boilerplate_reason(text, whole_line))
            .collect();
        assert_eq!(boilerplate_reasons(&sentences), alone);
        assert!(alone.iter().any(Option::is_none) && alone.iter().any(Option::is_some));
    }

    /// Each furniture rule names its own examples and leaves its counter-examples alone, and
    /// every slot of its pattern is a lexicon list.
    #[test]
    fn furniture_rules_name_their_examples() {
        for rule in CREDITS
            .iter()
            .chain(STARTS)
            .chain(ANYWHERE)
            .chain(WIDGET_RULES)
        {
            assert!(!rule.examples.is_empty(), "{}", rule.pattern);
            for name in slots(rule.pattern) {
                assert!(lexicon::list_named(name).is_some(), "{name}");
            }
            for example in rule.examples {
                assert_eq!(
                    boilerplate_reason(example, true),
                    Some(rule.reason),
                    "{example}"
                );
            }
            for sentence in rule.not {
                assert_ne!(
                    boilerplate_reason(sentence, false),
                    Some(rule.reason),
                    "{sentence}"
                );
            }
        }
    }

    /// A slot is replaced by its list's phrases, longest first; a repetition stays.
    #[test]
    fn patterns_expand_their_slots() {
        let expanded = expand(r"^\d{1,2} {furniture_article_notes}\s*:");
        assert_eq!(expanded, r"^\d{1,2} (?:clarification|correction)\s*:");
    }

    /// Digits of a telephone number, an address or a link are not values.
    #[test]
    fn digits_in_names_of_places_and_lines_are_spans() {
        let cases: &[(&str, &[&str])] = &[
            ("Call 555-123-4567 for tickets.", &["555-123-4567"]),
            ("Call (212) 555-0199 today.", &["(212) 555-0199"]),
            (
                "Protesters met at 1600 Pennsylvania Avenue.",
                &["1600 Pennsylvania Avenue"],
            ),
            (
                "See pic.twitter.com/dUO6AJlMxR now",
                &["pic.twitter.com/dUO6AJlMxR"],
            ),
            // A numbered street is a name, wherever it stands; a ranked noun is not.
            (
                "He was stopped near 17th Street and 6th Avenue.",
                &["17th Street", "6th Avenue"],
            ),
            ("They met on 3rd St. by the school.", &["3rd St."]),
            ("It was the 17th straight loss.", &[]),
            ("It cost $5 million, up 10%.", &[]),
        ];
        for (sentence, spans) in cases {
            let found: Vec<&str> = non_value_spans(sentence)
                .into_iter()
                .map(|(s, e)| &sentence[s..e])
                .collect();
            assert_eq!(&found, spans, "{sentence}");
        }
    }

    #[test]
    fn page_furniture_is_named() {
        let cases: &[(&str, bool, Option<&str>)] = &[
            // copyright and rights
            (
                "© 2025 The New York Sun Company, LLC. All rights reserved.",
                true,
                Some("copyright line"),
            ),
            (
                "Copyright 2019 The Associated Press.",
                false,
                Some("copyright line"),
            ),
            (
                "This material may not be published, broadcast, rewritten or redistributed.",
                false,
                Some("copyright line"),
            ),
            // sign-in, subscribe, terms
            (
                "Use of this site constitutes acceptance of our Terms of Use and Privacy Policy.",
                true,
                Some("sign-in or terms footer"),
            ),
            (
                "Sign in or Create a free account",
                true,
                Some("sign-in or terms footer"),
            ),
            (
                "By continuing you agree to our Privacy Policy and Terms of Use",
                true,
                Some("sign-in or terms footer"),
            ),
            (
                "Subscribe now for unlimited access.",
                true,
                Some("sign-in or terms footer"),
            ),
            // photo credits
            ("Kim Hong-Ji/pool via AP", true, Some("photo credit")),
            ("Kim Hong-Ji/pool via AP", false, Some("photo credit")),
            ("(AP Photo/Evan Vucci)", false, Some("photo credit")),
            ("Photo: Getty Images", true, Some("photo credit")),
            ("Credit: Jane Doe/Reuters", true, Some("photo credit")),
            (
                "Jim Watson/AFP via Getty Images",
                true,
                Some("photo credit"),
            ),
            // galleries, graphics, links, shares
            (
                "Loading photo gallery",
                true,
                Some("gallery or advertisement"),
            ),
            (
                "This graphic, provided by Statista, shows the U.S. states where marijuana is legal.",
                true,
                Some("graphic caption"),
            ),
            (
                "(Graphic: Global assets in 2019 - here)",
                true,
                Some("link line"),
            ),
            ("Related: Trump visits Seoul", true, Some("link line")),
            ("Profile: Julian Assange", true, Some("link line")),
            (
                "Follow NBC Latino on Facebook, Twitter and Instagram.",
                true,
                Some("share or follow line"),
            ),
            ("Share this article", true, Some("share or follow line")),
            // bylines and notes
            ("By Jane Doe, Associated Press", true, Some("byline")),
            ("By JANE DOE and JOHN ROE", true, Some("byline")),
            (
                "Associated Press writer Mark Sherman contributed to this report.",
                false,
                Some("byline"),
            ),
            (
                "Caroline Hawley, BBC diplomatic correspondent",
                true,
                Some("byline"),
            ),
            (
                "This article has been adapted from its original source.",
                true,
                Some("syndication note"),
            ),
            (
                "Editor’s note: This story has been updated to correct the year.",
                true,
                Some("editor's note"),
            ),
            (
                "Correction: An earlier version of this story misstated the number.",
                true,
                Some("editor's note"),
            ),
            (
                "[1/2] A view of oil pumpjacks in Midland, Texas, U.S., Feb. 17, 2023.",
                false,
                Some("photo caption"),
            ),
            (
                "REUTERS/Nick Oxford/File Photo Purchase Licensing Rights, opens new tab",
                false,
                Some("photo credit"),
            ),
            ("The correction: prices fell 3% on Monday.", false, None),
            (
                "Our Standards: The Thomson Reuters Trust Principles.",
                true,
                Some("standards footer"),
            ),
            // separators, datelines, headings
            ("___", true, Some("separator")),
            ("* * *", true, Some("separator")),
            ("WASHINGTON (AP) —", false, Some("dateline")),
            ("Indianapolis –", false, Some("dateline")),
            ("The New York Sun", true, Some("heading")),
            ("or", true, Some("heading")),
            ("Overcrowded conditions worsen risk", true, Some("heading")),
            ("\"We write with urgency\"", true, Some("heading")),
            (
                "What did the prosecutors say?",
                true,
                Some("question subhead"),
            ),
        ];
        for (sentence, whole_line, expected) in cases {
            check(sentence, *whole_line, *expected);
        }
    }

    #[test]
    fn article_text_is_not_boilerplate() {
        let cases: &[(&str, bool)] = &[
            // a claim that mentions terms of use is still a claim
            (
                "Facebook changed its terms of use in 2019, regulators said.",
                true,
            ),
            ("By Tuesday, 300 schools had closed.", true),
            (
                "The photographer, Kim Hong-Ji, has worked for Reuters since 2005.",
                true,
            ),
            (
                "More than 600,000 Israelis live in settlements in east Jerusalem and the West Bank.",
                true,
            ),
            (
                "Oil prices fell sharply on Tuesday on oversupply concerns.",
                true,
            ),
            // a fragment that shares its line with a sentence is not a heading
            (
                "To win South Carolina he would need a base of support from voters who comprise roughly",
                false,
            ),
            ("“Our bottom line has not changed,” Sung Kim said.", true),
            (
                "The U.S. special envoy for North Korea, Sung Kim, during a meeting at Seoul June 3, 2022.",
                false,
            ),
            ("• 28,500 US troops are stationed in South Korea", true),
            ("More importantly, the plan would cut taxes.", true),
        ];
        for (sentence, whole_line) in cases {
            check(sentence, *whole_line, None);
        }
    }

    #[test]
    fn whole_line_detection() {
        let text = "Title here\nFirst sentence. Second one.\n  Alone.  \r\nLast";
        let at = |s: &str| text.find(s).unwrap();
        assert!(is_whole_line(text, 0, "Title here".len()));
        assert!(!is_whole_line(
            text,
            at("First"),
            at("First") + "First sentence.".len()
        ));
        assert!(!is_whole_line(
            text,
            at("Second"),
            at("Second") + "Second one.".len()
        ));
        assert!(is_whole_line(text, at("Alone."), at("Alone.") + 6));
        assert!(is_whole_line(text, at("Last"), text.len()));
    }
}
