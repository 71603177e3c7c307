//! What the shell offers at <TAB> for an argument that names something in the
//! product file: item, objective, key result, KPI, roadmap and decision ids,
//! each with its title as help. They are read from the file when the shell
//! asks, so a new item can be completed the moment it is added.
//!
//! The file is the one the command line being completed would use: its
//! `-f/--file`, else `$PRODUCT_FILE`, else the one found from the working
//! folder. Whatever goes wrong (no file, a broken one), there are simply no
//! candidates: a message would land in the middle of the user's prompt.

use std::ffi::OsString;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use productfile::model::Product;
use productfile::store;

use super::Cli;

/// Every backlog item.
pub fn items() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(|p| item_candidates(p, false)))
}

/// Items still open: the only ones that can be moved, done or dropped.
pub fn open_items() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(|p| item_candidates(p, true)))
}

pub fn objectives() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(objective_candidates))
}

/// Key results, as `O1.KR1`.
pub fn key_results() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(key_result_candidates))
}

pub fn kpis() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(kpi_candidates))
}

/// What an experiment can be measured by: a KPI or a key result.
pub fn measures() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            let mut all = kpi_candidates(p);
            all.extend(key_result_candidates(p));
            all
        })
    })
}

pub fn roadmap() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(roadmap_candidates))
}

/// Roadmap entries, and `none`, which takes an item off the roadmap.
pub fn roadmap_or_none() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let mut all = listed(roadmap_candidates);
        all.push(CompletionCandidate::new("none").help(Some("take it off the roadmap".into())));
        all
    })
}

/// Assessment recommendations (`A1.R3`), and `none`, which unlinks one.
pub fn recommendations_or_none() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let mut all = listed(|p| {
            p.assessments
                .iter()
                .flat_map(|a| {
                    a.recommendations
                        .iter()
                        .map(move |r| candidate(&a.recommendation_ref(r), &r.text))
                })
                .collect()
        });
        all.push(CompletionCandidate::new("none").help(Some("unlink the recommendation".into())));
        all
    })
}

/// Assessments, by id and phase.
pub fn assessments() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            p.assessments
                .iter()
                .map(|a| candidate(&a.id, &format!("{} assessment, {}", a.phase, a.date)))
                .collect()
        })
    })
}

pub fn needs() -> ArgValueCandidates {
    ArgValueCandidates::new(|| listed(need_candidates))
}

pub fn requests() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            p.requests
                .iter()
                .map(|r| candidate(&r.id, &r.text))
                .collect()
        })
    })
}

/// Open requests: the only ones that can be triaged.
pub fn open_requests() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            p.requests
                .iter()
                .filter(|r| r.is_open())
                .map(|r| candidate(&r.id, &r.text))
                .collect()
        })
    })
}

/// What a request can be merged into: a need or an item.
pub fn needs_and_items() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            let mut all = need_candidates(p);
            all.extend(item_candidates(p, false));
            all
        })
    })
}

fn need_candidates(product: &Product) -> Vec<CompletionCandidate> {
    product
        .needs
        .iter()
        .map(|n| candidate(&n.id, &n.statement))
        .collect()
}

pub fn decisions() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            p.decisions
                .iter()
                .map(|d| candidate(&d.id, &d.summary))
                .collect()
        })
    })
}

/// Anything a decision can refer to: items, objectives, key results, KPIs
/// and roadmap entries.
pub fn anything() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        listed(|p| {
            let mut all = item_candidates(p, false);
            all.extend(objective_candidates(p));
            all.extend(key_result_candidates(p));
            all.extend(kpi_candidates(p));
            all.extend(roadmap_candidates(p));
            all
        })
    })
}

fn item_candidates(product: &Product, open_only: bool) -> Vec<CompletionCandidate> {
    product
        .items
        .iter()
        .filter(|i| !open_only || i.is_open())
        .map(|i| candidate(&i.id, &i.title))
        .collect()
}

fn objective_candidates(product: &Product) -> Vec<CompletionCandidate> {
    product
        .objectives
        .iter()
        .map(|o| candidate(&o.id, &o.title))
        .collect()
}

fn key_result_candidates(product: &Product) -> Vec<CompletionCandidate> {
    product
        .objectives
        .iter()
        .flat_map(|o| {
            o.key_results
                .iter()
                .map(move |kr| candidate(&o.kr_ref(kr), &kr.title))
        })
        .collect()
}

fn kpi_candidates(product: &Product) -> Vec<CompletionCandidate> {
    product
        .kpis
        .iter()
        .map(|k| candidate(&k.id, &k.name))
        .collect()
}

fn roadmap_candidates(product: &Product) -> Vec<CompletionCandidate> {
    product
        .roadmap
        .iter()
        .map(|r| candidate(&r.id, &r.title))
        .collect()
}

fn candidate(id: &str, title: &str) -> CompletionCandidate {
    // Shells show one line of help; a title never needs more.
    let title = title.lines().next().unwrap_or_default().trim();
    CompletionCandidate::new(id).help((!title.is_empty()).then(|| title.to_owned().into()))
}

/// The candidates `list` makes from the product file, or none when it cannot be read.
fn listed(list: impl FnOnce(&Product) -> Vec<CompletionCandidate>) -> Vec<CompletionCandidate> {
    quietly(|| load().map(|p| list(&p))).unwrap_or_default()
}

/// Runs `f`, turning a panic into `None` without a word on stderr. The store
/// does not panic on any input, but a panic here would print its message
/// into the user's command line, where no one expects it.
fn quietly<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f)).ok().flatten();
    std::panic::set_hook(hook);
    result
}

/// The product the command line being completed would work on.
fn load() -> Option<Product> {
    let cwd = std::env::current_dir().ok()?;
    let given = file_named(completed_words(std::env::args_os()));
    let path = store::discover(given.as_deref(), &cwd).ok()?;
    store::load(&path).ok()
}

/// The words of the command line being completed: the shell passes them
/// after `--` (`product -- product item show RX`).
fn completed_words(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    args.into_iter().skip_while(|a| a != "--").skip(1).collect()
}

/// The file a command line names with `-f/--file`, else `$PRODUCT_FILE`.
/// clap reads it as the command itself would, told to get past what is
/// still missing or half typed.
fn file_named(words: Vec<OsString>) -> Option<PathBuf> {
    let parsed = Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .ignore_errors(true)
        .try_get_matches_from(words);
    match parsed {
        Ok(matches) => matches.get_one::<PathBuf>("file").cloned(),
        Err(_) => std::env::var_os("PRODUCT_FILE")
            .filter(|f| !f.is_empty())
            .map(PathBuf::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_words_completed_are_those_after_the_double_dash() {
        assert_eq!(
            completed_words(words("/bin/product -- product item show ")),
            words("product item show ")
        );
        assert!(completed_words(words("/bin/product")).is_empty());
    }

    #[test]
    fn the_file_given_on_the_line_being_completed_is_found() {
        for line in [
            "product -f other.toml item show ",
            "product --file other.toml item show R",
            "product --file=other.toml item edit RX-1 --roadmap ",
            "product item show -f other.toml ",
            "product item move RX-1 -fother.toml --before ",
            "product -qf other.toml item show ",
        ] {
            assert_eq!(
                file_named(words(line)),
                Some(PathBuf::from("other.toml")),
                "{line}"
            );
        }
    }
}
