//! The HTML report: self-contained, escaped, and rendered by a real browser with one
//! highlight per claim. The browser part needs Debian's `chromium` and says it skipped
//! where /usr/bin/chromium is absent.

use std::path::Path;
use std::process::Command;

use crate::Desk;

const CHROMIUM: &str = "/usr/bin/chromium";

fn report(desk: &Desk) -> (std::path::PathBuf, Vec<i64>) {
    desk.ok(&[
        "add",
        crate::SAMPLE,
        "--published",
        crate::SAMPLE_PUBLISHED,
        "--outlet",
        "The <New> York Sun",
    ]);
    let ids: Vec<i64> = desk.json(&["list"])["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let first = ids[0].to_string();
    desk.ok(&[
        "mark",
        &first,
        "verified",
        "--source",
        "https://example.org/?a=1&b=<2>",
        "--by",
        "ana",
    ]);
    let path = desk.db.with_file_name("report.html");
    desk.ok(&[
        "report",
        "--format",
        "html",
        "--output",
        path.to_str().unwrap(),
    ]);
    (path, ids)
}

fn chromium(args: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let desk = Desk::new();
    let (path, ids) = report(&desk);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(external), "page uses {external}");
    }
    assert!(html.contains("The &lt;New&gt; York Sun"));
    assert!(html.contains("https://example.org/?a=1&amp;b=&lt;2&gt;"));
    assert!(!html.contains("<New>"));
    assert_eq!(html.matches("data-claim-id=").count(), ids.len());
    for id in &ids {
        assert!(
            html.contains(&format!("data-claim-id=\"{id}\"")),
            "claim {id}"
        );
    }
}

#[test]
fn html_report_renders_in_chromium_with_one_highlight_per_claim() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("skipped: {CHROMIUM} is absent (install Debian's chromium to run this test)");
        return;
    }
    let desk = Desk::new();
    let (path, ids) = report(&desk);

    let dom = chromium(&["--dump-dom"], &path);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    // The DOM as the browser built it: one <mark> per claim, each with its id.
    let marks = dom.matches("<mark data-claim-id=").count();
    assert_eq!(marks, ids.len(), "one highlight per claim");

    let png = path.with_file_name("report.png");
    let shot = chromium(
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,2000",
        ],
        &path,
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&png).expect("a screenshot was written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // A blank 1200x2000 page compresses to a few kilobytes; text and colour take far more.
    assert!(
        bytes.len() > 50_000,
        "screenshot is only {} bytes",
        bytes.len()
    );
}
