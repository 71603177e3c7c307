//! Help text: the top-level, item and rank help are kept as golden files.
//! (That every command explains itself is a unit test of the binary's
//! command line, which these tests cannot reach.)

mod common;

#[test]
fn help_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    for (args, golden) in [
        (&["--help"][..], "product.txt"),
        (&["item", "--help"], "item.txt"),
        (&["rank", "--help"], "rank.txt"),
    ] {
        let out = common::product(dir.path()).args(args).output().unwrap();
        assert!(out.status.success());
        common::assert_golden(
            &common::repo("tests/golden/help").join(golden),
            &String::from_utf8(out.stdout).unwrap(),
        );
    }
}
