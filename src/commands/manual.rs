//! `claimtrack man`: the whole manual page in roff. The commands and their options come from
//! the clap definitions (so the page cannot disagree with the binary); statuses and their
//! rules, exit codes, environment variables and files are written here, once.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;
use crate::model::{CITATION_MIN_WORDS, Status};
use crate::store::BUSY_TIMEOUT_VARIABLE;

pub fn write(out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    command.build();
    let mut page = String::new();
    page.push_str(&format!(
        ".TH CLAIMTRACK 1 \"\" \"claimtrack {}\" \"User Commands\"\n",
        env!("CARGO_PKG_VERSION")
    ));
    page.push_str(".SH NAME\nclaimtrack \\- track the checkable claims of news articles through verification\n");
    page.push_str(".SH SYNOPSIS\n.B claimtrack\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fB\\-\\-color\\fR \\fIWHEN\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n");
    page.push_str(DESCRIPTION);
    page.push_str(".SH GLOBAL OPTIONS\n");
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        page.push_str(&option(arg));
    }
    page.push_str(".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        commands(&mut page, sub, "claimtrack");
    }
    page.push_str(&statuses());
    page.push_str(&evidence());
    page.push_str(&rest());
    out.write_all(page.as_bytes())?;
    Ok(())
}

/// A command's section, and its subcommands' (`source add`, `claim add`, `article edit`).
fn commands(page: &mut String, command: &clap::Command, parent: &str) {
    // clap's own `help` has subcommands of its own (`help add`, `source help add`).
    if command.get_name() == "help" {
        return;
    }
    let name = format!("{parent} {}", command.get_name());
    if command.has_subcommands() {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            commands(page, sub, &name);
        }
        return;
    }
    page.push_str(&format!(".SS \"{}\"\n", escape(&name)));
    let usage = command.clone().bin_name(&name).render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    page.push_str(&format!(".B {}\n.PP\n", escape(usage)));
    if let Some(about) = command.get_long_about().or_else(|| command.get_about()) {
        page.push_str(&format!("{}.\n", escape(&about.to_string())));
    }
    for arg in command
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
    {
        page.push_str(&option(arg));
    }
}

/// One option or argument as a tagged paragraph, with its help and the values it takes.
fn option(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .map(|names| names.join(" "))
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let tag = match (arg.get_short(), arg.get_long()) {
        (Some(short), Some(long)) if takes_value => {
            format!(
                "\\fB\\-{short}\\fR, \\fB\\-\\-{long}\\fR \\fI{}\\fR",
                escape(&value)
            )
        }
        (Some(short), Some(long)) => format!("\\fB\\-{short}\\fR, \\fB\\-\\-{long}\\fR"),
        (None, Some(long)) if takes_value => {
            format!("\\fB\\-\\-{}\\fR \\fI{}\\fR", escape(long), escape(&value))
        }
        (None, Some(long)) => format!("\\fB\\-\\-{}\\fR", escape(long)),
        (Some(short), None) => format!("\\fB\\-{short}\\fR"),
        (None, None) => format!("\\fI{}\\fR", escape(&value)),
    };
    let mut help = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&format!(" (one of: {})", values.join(", ")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        help.push_str(&format!(" [default: {}]", defaults.join(", ")));
    }
    format!(".TP\n{tag}\n{}\n", escape(help.trim()))
}

fn statuses() -> String {
    let mut section = String::from(
        ".SH STATUSES\nEvery claim starts \\fBunverified\\fR. A status changes only with \\fBmark\\fR (or \\fBundo\\fR, \\fBmark \\-\\-same\\-as\\fR, \\fBimport\\fR), and every change is kept as an event with who, when, why and on what evidence.\n",
    );
    for status in Status::ALL {
        let rule = match status {
            Status::Unverified => "Not looked at yet. Counts towards progress as open.",
            Status::InProgress => "A checker is on it. Counts towards progress as open.",
            Status::Verified => {
                "True as stated. Needs a source (given now with \\-\\-source, or attached before). A verdict: resolved, and published in the ClaimReview export (rating 5)."
            }
            Status::False => "False. Needs a source. A verdict (ClaimReview rating 1).",
            Status::Misleading => {
                "Accurate in part, misleading as stated. Needs a source. A verdict (ClaimReview rating 2)."
            }
            Status::Unverifiable => {
                "Could not be settled. Needs \\-\\-note saying why. A verdict (ClaimReview rating \\-1, outside the scale)."
            }
            Status::Dismissed => {
                "Not a claim: an extraction error, or nothing to check. \\-\\-note is optional. Left out of the progress count, the ClaimReview export and the default \\fBlist\\fR (\\fBlist \\-\\-status dismissed\\fR shows them); marking the claim unverified or in-progress reopens it. Stored as the text 'dismissed': dismissals and verdicts are labelled data for retraining the extractor."
            }
        };
        section.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{rule}\n",
            escape(status.as_str())
        ));
    }
    section.push_str(".PP\nChanging a verdict (from verified, false, misleading or unverifiable to anything else) needs \\-\\-note saying why. \\fBundo\\fR of a change someone else made needs \\-\\-note too. A claim added by hand (\\fBclaim add\\fR) has no change to undo: dismiss it instead.\n");
    section
}

fn evidence() -> String {
    format!(
        ".SH EVIDENCE\nEvery way of attaching a source (\\fBmark \\-\\-source\\fR, \\fBsource add\\fR, \\fBimport\\fR) applies one rule: an http or https URL, or a citation of at least {CITATION_MIN_WORDS} words (who, what, when: \"Pentagon briefing, 2 June 2022\"). A link of another scheme (ftp:, mailto:, file:), a link without its scheme (www.example.org) or a bare number (a claim id typed where the source belongs) is refused with a hint.\n"
    )
}

fn rest() -> String {
    format!(
        r#".SH EXIT STATUS
.TP
\fB0\fR
Success.
.TP
\fB1\fR
\fBsearch\fR found nothing (as grep does), so scripts can test for it.
.TP
\fB2\fR
Any error: bad input, an unknown id, a missing or foreign database, a refused change. One line on standard error, starting "claimtrack: "; nothing was changed.
.PP
A closed pipe (\fBclaimtrack list | head\fR) ends the command quietly with status 0.
.SH ENVIRONMENT
.TP
\fBCLAIMTRACK_DB\fR
The database file, when \-\-db is not given.
.TP
\fBXDG_DATA_HOME\fR, \fBHOME\fR
Where the database is when neither \-\-db nor CLAIMTRACK_DB is set: $XDG_DATA_HOME/claimtrack/claims.db, else ~/.local/share/claimtrack/claims.db.
.TP
\fBUSER\fR, \fBUSERNAME\fR
Who makes a change when \-\-by is not given.
.TP
\fBCOLUMNS\fR
The width of tables; overrides the width the terminal reports. Off a terminal tables are 120 columns wide. Below what a table needs, columns are left out (and named under the table) rather than squeezed.
.TP
\fBNO_COLOR\fR, \fBTERM\fR
With \-\-color auto, tables are coloured only on a terminal, and never when NO_COLOR is set or TERM is dumb.
.TP
\fB{BUSY_TIMEOUT_VARIABLE}\fR
How long, in milliseconds, a command waits for another checker's write to finish (default 10000).
.TP
\fBCLAIMTRACK_REMOTE\fR
The shared PostgreSQL database \fBsync\fR uses when \-\-remote is not given (else the one stored with \fBremote set\fR).
.TP
\fBPGHOST\fR, \fBPGPORT\fR, \fBPGUSER\fR, \fBPGDATABASE\fR, \fBPGSSLMODE\fR, \fBPGSSLROOTCERT\fR, \fBPGPASSWORD\fR, \fBPGPASSFILE\fR
What the remote URL leaves out, as for psql; the password from PGPASSWORD, else ~/.pgpass (or PGPASSFILE). A password is never stored.
.SH FILES
.TP
\fI$XDG_DATA_HOME/claimtrack/claims.db\fR
The default database (an SQLite file, with \fIclaims.db\-wal\fR and \fIclaims.db\-shm\fR beside it while in use). \fBclaimtrack where\fR prints the path in use. Only \fBadd\fR, \fBimport\fR, \fBsync\fR and \fBremote set\fR create a database; every other command refuses a missing file and names it.
.SH EXAMPLES
.nf
claimtrack add story.txt \-\-published 2022\-06\-03 \-\-outlet "The New York Sun"
claimtrack list \-\-sort score
claimtrack mark 3 verified \-\-source https://www.usfk.mil/About/
claimtrack mark 7 dismissed \-\-note "photo caption"
claimtrack claim add 1 "The old mill had stood on the river since 1887"
claimtrack article edit 1 \-\-published 2022\-06\-10
claimtrack note 3 5 \-m "called the ministry"
claimtrack status
claimtrack export \-\-format claimreview > reviews.json
claimtrack remote set postgresql://ana@db.desk.example/claims
claimtrack sync
claimtrack completions bash > ~/.local/share/bash\-completion/completions/claimtrack
.fi
.SH SEE ALSO
\fBsqlite3\fR(1), \fBpsql\fR(1)
"#
    )
}

const DESCRIPTION: &str = ".SH DESCRIPTION\n\\fBclaimtrack\\fR reads a news article, extracts the sentences that make checkable claims (figures, dates, election results, quotes, roles), stores them in an SQLite database and tracks each claim's verification as an append\\-only history of events. A desk corrects the extractor with \\fBmark ... dismissed\\fR (not a claim), \\fBclaim add\\fR (a claim it missed) and \\fBarticle edit\\fR (an article's details).\n";

/// Text for roff: backslashes doubled, hyphens as minus signs, and a line that would start
/// with a control character guarded.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|line| {
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
