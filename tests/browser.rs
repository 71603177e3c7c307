//! The HTML page in a real browser: headless Chromium (Debian's `chromium`)
//! loads it from a file with the network cut off, takes screenshots at
//! desktop and phone sizes that are checked not to be blank, dumps the DOM
//! it built, and reports nothing on its console: no error, no blocked
//! request. A page made to break those rules shows that they are seen.
//!
//! `.ci/run` installs Chromium and sets `PRODUCT_BROWSER_TESTS=require`.
//! Elsewhere, without Chromium, these tests say so and pass, so that
//! `cargo test` works on a machine without a browser. The README's
//! screenshot comes from here: `UPDATE_SCREENSHOT=1 cargo test --test
//! browser` writes it again.

mod common;
#[path = "common/page.rs"]
mod page;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo, scratch_text};
use page::{IMAGE, SCRIPT, elements, hostile_example, parse};

/// The browser to run: `$PRODUCT_CHROMIUM`, else `chromium` or
/// `chromium-browser` on the path; `None` (and a note) when there is none
/// and the tests are not required.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PRODUCT_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| {
            ["chromium", "chromium-browser"].iter().find_map(|name| {
                std::env::var_os("PATH").and_then(|paths| {
                    std::env::split_paths(&paths)
                        .map(|p| p.join(name))
                        .find(|p| p.is_file())
                })
            })
        });
    if found.is_none() {
        assert!(
            std::env::var("PRODUCT_BROWSER_TESTS").as_deref() != Ok("require"),
            "PRODUCT_BROWSER_TESTS=require but no chromium: apt-get install chromium"
        );
        eprintln!("no chromium on this machine: the browser tests are skipped");
    }
    found
}

/// What one run of the browser gave: its standard output and the console
/// lines of its log.
struct Run {
    stdout: String,
    console: Vec<String>,
}

/// Runs headless Chromium on a page file with `args`, the network cut
/// off: every host name resolves to nothing and the proxy is a closed port.
fn run(browser: &Path, page: &Path, args: &[String]) -> Run {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        console: String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_owned)
            .collect(),
    }
}

/// A screenshot of the page at `width`×`height`, as PNG bytes.
fn screenshot(browser: &Path, page: &Path, width: u32, height: u32) -> (Vec<u8>, Run) {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    let run = run(
        browser,
        page,
        &[
            format!("--window-size={width},{height}"),
            format!("--screenshot={}", shot.display()),
        ],
    );
    (std::fs::read(&shot).unwrap(), run)
}

/// How much of a picture is drawn: its size, the share of pixels that are
/// not the page's white, and how many distinct colours it has.
struct Pixels {
    width: u32,
    height: u32,
    inked: f64,
    colours: usize,
}

fn pixels(png_bytes: &[u8]) -> Pixels {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let data = &buf[..info.buffer_size()];
    let mut inked = 0usize;
    let mut colours = std::collections::HashSet::new();
    for px in data.chunks(channels) {
        let rgb = (px[0], px[1 % channels], px[2 % channels]);
        if rgb != (255, 255, 255) {
            inked += 1;
        }
        colours.insert(rgb);
    }
    Pixels {
        width: info.width,
        height: info.height,
        inked: inked as f64 / (data.len() / channels) as f64,
        colours: colours.len(),
    }
}

/// The page of the hostile example, written to a file.
fn hostile_page() -> (tempfile::TempDir, PathBuf) {
    let (dir, _) = scratch_text(&hostile_example(), "product.toml");
    let html = page::page(dir.path(), &["--since", "2026-09-01"]);
    let file = dir.path().join("report.html");
    std::fs::write(&file, html).unwrap();
    (dir, file)
}

#[test]
fn screenshots_at_desktop_and_phone_sizes_are_drawn() {
    let Some(browser) = chromium() else { return };
    let (_dir, file) = hostile_page();
    for (width, height) in [(1280, 900), (375, 812)] {
        let (png, run) = screenshot(&browser, &file, width, height);
        let p = pixels(&png);
        assert_eq!((p.width, p.height), (width, height));
        // Text, panels and bars: a blank or unstyled page has far less.
        assert!(
            p.inked > 0.05,
            "{width}x{height}: only {:.3} inked",
            p.inked
        );
        assert!(p.colours > 50, "{width}x{height}: {} colours", p.colours);
        assert!(run.console.is_empty(), "{:#?}", run.console);
    }
}

#[test]
fn the_dom_the_browser_builds_has_the_lanes_charts_and_text_and_no_injected_element() {
    let Some(browser) = chromium() else { return };
    let (_dir, file) = hostile_page();
    let run = run(&browser, &file, &["--dump-dom".into()]);
    assert!(run.console.is_empty(), "{:#?}", run.console);
    let (dom, _) = parse(&run.stdout);
    let all = elements(&dom);
    for lane in ["lane-now", "lane-next", "lane-later"] {
        assert!(all.iter().any(|e| e.attr("id") == Some(lane)), "no {lane}");
    }
    let svgs = |class: &str| {
        all.iter()
            .filter(|e| e.name == "svg" && e.has_class(class))
            .count()
    };
    assert_eq!(svgs("spark"), 3, "one per KPI");
    assert_eq!(svgs("grade"), 2, "one per objective");
    assert!(!all.iter().any(|e| e.name == "script" || e.name == "img"));
    assert!(
        !all.iter()
            .any(|e| e.attrs.iter().any(|(n, _)| n == "onerror" || n == "src"))
    );
    let words = page::text(&dom);
    assert!(words.contains(SCRIPT) && words.contains(IMAGE), "{words}");
    for expected in [
        "Now",
        "Next",
        "Later",
        "Hard date 2027-03-01",
        "Manage closely",
        "amber",
    ] {
        assert!(words.contains(expected), "no `{expected}`");
    }
}

#[test]
fn a_page_that_breaks_the_rules_is_caught() {
    let Some(browser) = chromium() else { return };
    let (dir, file) = hostile_page();
    // The same page with a request and a script put in by hand: the
    // policy blocks both, and the browser says so on its console.
    let broken = std::fs::read_to_string(&file).unwrap().replacen(
        "<body>",
        "<body><img src=\"http://example.com/x.png\" alt=\"\"><script>console.error('boom')</script>",
        1,
    );
    let bad = dir.path().join("bad.html");
    std::fs::write(&bad, broken).unwrap();
    let run = run(&browser, &bad, &["--dump-dom".into()]);
    assert!(
        run.console
            .iter()
            .any(|l| l.contains("example.com/x.png") && l.contains("blocked")),
        "{:#?}",
        run.console
    );
    assert!(
        run.console.iter().any(|l| l.contains("inline script")),
        "{:#?}",
        run.console
    );
    // And a blank page is told from a drawn one.
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>blank</title>").unwrap();
    let (png, _) = screenshot(&browser, &blank, 375, 812);
    assert!(pixels(&png).inked < 0.01);
}

#[test]
fn the_page_prints_on_a4() {
    let Some(browser) = chromium() else { return };
    let (dir, file) = hostile_page();
    let pdf = dir.path().join("report.pdf");
    let run = run(
        &browser,
        &file,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    assert!(run.console.is_empty(), "{:#?}", run.console);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Every page is A4 (210 × 297 mm, 595 × 842 points), as `@page` asks.
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(at, _)| {
            let rest = &text[at + 11..];
            &rest[..rest.find(']').unwrap()]
        })
        .collect();
    assert!(!boxes.is_empty());
    for b in &boxes {
        let n: Vec<f64> = b.split_whitespace().map(|v| v.parse().unwrap()).collect();
        assert!(
            (n[2] - 595.0).abs() < 1.0 && (n[3] - 842.0).abs() < 1.0,
            "{b}"
        );
    }
}

/// The README's screenshot: the bundled example at 1280×900.
#[test]
fn the_readme_screenshot_is_the_example_page() {
    let Some(browser) = chromium() else { return };
    let (dir, _) = scratch_text(
        &std::fs::read_to_string(repo("examples/product.toml")).unwrap(),
        "product.toml",
    );
    let file = dir.path().join("report.html");
    std::fs::write(&file, page::page(dir.path(), &[])).unwrap();
    let (png, run) = screenshot(&browser, &file, 1280, 900);
    assert!(run.console.is_empty(), "{:#?}", run.console);
    assert!(pixels(&png).inked > 0.05);
    let committed = repo("docs/report.png");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        std::fs::write(&committed, &png).unwrap();
    }
    // The committed picture is of the same page at the same size.
    let p = pixels(&std::fs::read(&committed).expect("docs/report.png"));
    assert_eq!((p.width, p.height), (1280, 900));
}

#[test]
fn the_portfolio_page_draws_in_the_browser_with_a_section_per_product() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let manifest = common::portfolio::write(dir.path());
    // The missing product is on the page with its reason; the exit says so.
    let out = common::product(manifest.parent().unwrap())
        .args(["portfolio", "report", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let file = dir.path().join("portfolio.html");
    std::fs::write(&file, &out.stdout).unwrap();
    let (png, run) = screenshot(&browser, &file, 1280, 900);
    let p = pixels(&png);
    assert!(p.inked > 0.05, "only {:.3} inked", p.inked);
    assert!(run.console.is_empty(), "{:#?}", run.console);
    let run = run_dom(&browser, &file);
    let (dom, _) = parse(&run);
    let all = elements(&dom);
    for id in [
        "product-PAY",
        "product-CARD",
        "product-ID",
        "portfolio-roadmap",
        "dependencies",
    ] {
        assert!(all.iter().any(|e| e.attr("id") == Some(id)), "no {id}");
    }
    // PO1, and each product objective: Payments O1 and Cards O1.
    let grades = all
        .iter()
        .filter(|e| e.name == "svg" && e.has_class("grade"))
        .count();
    assert_eq!(grades, 3);
    let words = page::text(&dom);
    for expected in [
        "Pay in one tap",
        "Cannot be read",
        "Hard date",
        "2027-03-01",
        "later horizon",
    ] {
        assert!(words.contains(expected), "no {expected:?} in {words}");
    }
}

fn run_dom(browser: &Path, page: &Path) -> String {
    let run = run(browser, page, &["--dump-dom".into()]);
    assert!(run.console.is_empty(), "{:#?}", run.console);
    run.stdout
}
