//! The README's `console` examples, run as they are written: every `$ product
//! ...` line, with the output a user sees (stdout and stderr in the order
//! printed) and, after `? N`, the exit code. trycmd runs the whole README
//! as one sequence in one folder, so the tour's ids, scores and decisions
//! follow from each other as they do for a reader typing along.
//!
//! The folder starts with the README's fixtures (`tests/readme/`, such as
//! the CSV files it imports) and copies of the bundled example,
//! `examples/product.toml` and `examples/product.json`; the tour creates
//! `product.toml` beside them.
//! Today is [`common::TODAY`] and the actor is Ada Byrne, as the README says.
//!
//! After an intended change of output: `TRYCMD=overwrite cargo test --test
//! readme` rewrites the README's expected output; review `git diff README.md`.
//!
//! Blocks marked `sh` or `text` are not run here: they need a shell pipe, a
//! git history, keys or a terminal. Each is covered by an integration test:
//!
//! | README block | covered by |
//! |---|---|
//! | completion at <kbd>Tab</kbd> | `completions::item_ids_complete_with_titles_in_zsh` and the other tests of `tests/completions.rs` |
//! | `item list --json \| jq`, `okr list --json \| jq` | `readme_json_examples` (below) |
//! | `diff --base HEAD` | `git::diff_base_head_shows_governed_changes` |
//! | `check --base origin/main` | `check_base.rs` |
//! | signed agreements | `signatures.rs` |
//! | `git setup` | `git.rs` (`git_setup_*`) |
//! | `git merge main`, rebasing on GitHub | `merge_git.rs` |
//! | export then import | `interchange.rs` |
//! | `report --format markdown > REPORT.md` | `interchange.rs` (report) |

mod common;

use std::path::Path;

/// The README's starting folder is built in a temporary folder, with a copy
/// of the README as trycmd's case (`README.md`, `README.in/` to start from,
/// and an empty `README.out/`, which makes trycmd run in a scratch copy of
/// `README.in/` and check no files). With `TRYCMD=overwrite`, the copy
/// trycmd rewrote goes back over the README.
#[test]
fn readme() {
    assert!(
        std::env::var_os("PRODUCT_FILE").is_none(),
        "unset PRODUCT_FILE to run the README: it would pick the file for every command"
    );
    let case = tempfile::Builder::new()
        .prefix("readme-")
        .tempdir()
        .expect("a temporary folder");
    let readme = case.path().join("README.md");
    let original = std::fs::read_to_string(common::repo("README.md")).expect("read README.md");
    std::fs::write(&readme, &original).expect("copy README.md");

    let input = case.path().join("README.in");
    copy_dir(&common::repo("tests/readme"), &input);
    std::fs::create_dir_all(input.join("examples")).unwrap();
    for example in ["examples/product.toml", "examples/product.json"] {
        std::fs::copy(common::repo(example), input.join(example)).expect("copy the example");
    }
    std::fs::create_dir(case.path().join("README.out")).unwrap();

    trycmd::TestCases::new()
        .register_bin("product", Path::new(env!("CARGO_BIN_EXE_product")))
        .env("PRODUCT_TODAY", common::TODAY)
        .env("PRODUCT_AS", "Ada Byrne")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .env("PRODUCT_LOCK_TIMEOUT", "60")
        // Empty is as unset for these.
        .env("PRODUCT_COMPLETE", "")
        .env("EDITOR", "")
        .env("VISUAL", "")
        // Nobody's git identity or settings.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .case(&readme)
        .run();

    if std::env::var_os("TRYCMD").is_some_and(|m| m == "overwrite") {
        let updated = std::fs::read_to_string(&readme).expect("read the updated README");
        if updated != original {
            std::fs::write(common::repo("README.md"), updated).expect("write README.md");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).expect("read the fixtures") {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
