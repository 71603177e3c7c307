//! The stakeholder report as one self-contained HTML page
//! (`product report --format html`): the sections in the order a
//! stakeholder reads them, the charts inline as SVG, the style inline, and
//! a Content-Security-Policy that forbids every request the page could
//! make, so it can be opened from a file, a CI artifact or a static site
//! with nothing fetched from anywhere.
//!
//! Written with maud, whose `html!` escapes every value it is given:
//! user text (titles, names, rationale, the vision) can only ever be text.
//! maud rather than askama: the page is built from the library's read
//! models in Rust, so a macro checked by the compiler, with no template
//! files to ship or find at run time, fits; both escape by default.

mod chart;
mod goals;
mod needs;
mod people;
mod plans;
mod portfolio;
mod service;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use productfile::query::report::Report;

use super::items::ItemRow;

pub use portfolio::{PortfolioPage, portfolio_page};

/// The page's style sheet, inline; its hash goes in the CSP.
const STYLE: &str = include_str!("page.css");

/// The style sheet as the browser hashes it: an HTML parser reads CRLF as
/// LF, so a checkout with CRLF line ends (Git for Windows' default) would
/// otherwise hash to something else and lose all of its style.
fn style() -> String {
    STYLE.replace("\r\n", "\n")
}

/// What the page draws: the library's report and the top of the backlog as
/// the tables show it.
pub struct Page<'a> {
    pub report: &'a Report,
    pub top: &'a [ItemRow],
    /// The score column's heading, e.g. `WSJF`.
    pub score_label: &'a str,
    /// Why there is no burn-up when there is none, e.g. "the file is not
    /// in a git repository".
    pub no_burn_up: Option<&'a str>,
}

/// The Content-Security-Policy: nothing may be fetched, run or framed;
/// only the page's own style sheet, by its hash, applies.
fn policy(style: &str) -> String {
    let digest = Sha256::digest(style.as_bytes());
    format!(
        "default-src 'none'; style-src 'sha256-{}'; img-src 'none'; script-src 'none'; \
         form-action 'none'; base-uri 'none'",
        base64(&digest)
    )
}

/// Standard base64 with padding, as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The whole page.
pub fn page(p: &Page) -> String {
    let r = p.report;
    let name = &r.product.name;
    document(
        &format!("{name} · product report {}", r.as_of),
        html! {
            header.top {
                h1 { (name) }
                p.meta {
                    @if let Some(owner) = &r.product.owner { "Product owner: " strong { (owner) } " · " }
                    "Data as of " time datetime=(r.as_of) { (r.as_of) }
                }
            }
            main {
                (plans::vision(r))
                (plans::roadmap(r))
                (plans::mvp(r))
                (goals::objectives(&r.objectives))
                (goals::kpis(&r.kpis))
                (needs::needs(&r.needs))
                (plans::top(p))
                (plans::burn_up(r.burn_up.as_ref(), p.no_burn_up, r.as_of))
                (people::decisions(&r.decisions, r.decisions_since))
                (needs::requests(&r.requests))
                (service::service(r.service.as_ref()))
                (people::stakeholders(r))
            }
            footer { "Made by " code { "product report --format html" } " from the product file." }
        },
    )
}

/// A self-contained page around `body`: the style inline, and a policy
/// that lets nothing be fetched.
fn document(title: &str, body: Markup) -> String {
    let style = style();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy(&style));
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                style { (PreEscaped(&style)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// An empty section's line: what to add, and the command that adds it.
pub(super) fn empty(what: &str, command: &str) -> Markup {
    html! { p.empty { (what) " Add one with " code { (command) } "." } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    /// The colour `--name` is set to in the style sheet.
    fn colour(name: &str) -> [f64; 3] {
        let at = STYLE.find(&format!("--{name}: #")).unwrap() + name.len() + 5;
        let hex = &STYLE[at..at + 6];
        [0, 2, 4].map(|i| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()))
    }

    /// WCAG 2.1's contrast ratio of two colours.
    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let luminance = |c: [f64; 3]| {
            let [r, g, b] = c.map(|v| {
                let v = v / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            });
            0.2126 * r + 0.7152 * g + 0.0722 * b
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_colours_keep_a_contrast_of_at_least_4_5() {
        assert!((contrast([0.0; 3], [255.0; 3]) - 21.0).abs() < 1e-9);
        // Each colour text is set in, on each background it is set on.
        for (text, background) in [
            ("ink", "paper"),
            ("ink", "panel"),
            ("muted", "paper"),
            ("muted", "panel"),
            ("accent", "paper"),
            ("red", "paper"),
            ("green", "green-bg"),
            ("amber", "amber-bg"),
            ("red", "red-bg"),
        ] {
            let ratio = contrast(colour(text), colour(background));
            assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}");
        }
    }

    #[test]
    fn the_policy_allows_the_style_sheet_by_its_hash_and_nothing_else() {
        let csp = policy(&style());
        assert!(
            csp.starts_with("default-src 'none'; style-src 'sha256-"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe") && !csp.contains("http"), "{csp}");
    }
}
