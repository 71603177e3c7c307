//! `check` and every edit read a JSON file alike: what an edit refuses,
//! `check` reports, at the same place and in the same words; a value
//! nested absurdly deep is refused, never a crash.

mod common;

use common::{product, refuses, scratch_text, stderr};

const HEAD: &str = r#"{
  "version": 1,
  "product": {"name": "P", "key": "RX"},
  "#;

/// `check` and `item add` both exit 3, naming the place (`file:line:`)
/// and saying `needles`.
fn both_refuse(text: &str, place: &str, needles: &[&str]) {
    let (dir, path) = scratch_text(text, "p.json");
    let check = product(dir.path())
        .args(["-f", "p.json", "check"])
        .output()
        .unwrap();
    let said = stderr(&check);
    assert_eq!(check.status.code(), Some(3), "check: {said}");
    for needle in needles.iter().chain([&place]) {
        assert!(said.contains(needle), "check: `{needle}` not in {said}");
    }
    let e = refuses(
        3,
        dir.path(),
        &path,
        &["-f", "p.json", "item", "add", "t"],
        needles,
    );
    assert_eq!(e["code"], "file_invalid", "{e}");
    let edit = product(dir.path())
        .args(["-f", "p.json", "item", "add", "t"])
        .output()
        .unwrap();
    assert!(stderr(&edit).contains(place), "{}", stderr(&edit));
    // The same first line: the same problem at the same place.
    assert_eq!(
        stderr(&edit).lines().next(),
        said.lines().next(),
        "check and edit disagree"
    );
}

#[test]
fn a_lone_surrogate_in_an_unknown_value_is_refused_alike_with_its_place() {
    let text = format!("{HEAD}\"notes\": \"half \\ud800 a pair\"\n}}\n");
    both_refuse(&text, "p.json:4:", &["notes", "lone surrogate"]);
}

#[test]
fn a_value_nested_too_deep_is_refused_alike_without_a_crash() {
    let depth = 200_000;
    let text = format!(
        "{HEAD}\"notes\": {}{}\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    both_refuse(&text, "p.json:4:", &["notes[...]", "nested deeper than"]);
}

#[test]
fn a_repeated_unknown_key_is_refused_by_check_as_by_edits() {
    let text = format!("{HEAD}\"notes\": 1,\n  \"notes\": 2\n}}\n");
    both_refuse(&text, "p.json:5:", &["duplicate key `notes`"]);
}
