//! `product man`: one roff page per command at every depth, named after its
//! place in the command tree, written where asked.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{ok, ok_json, product, stdout};

/// The page every command should have: `product.1`, `product-item-add.1`,
/// ...: the command tree, walked through each command's own `--help`.
fn expected_pages() -> BTreeSet<String> {
    fn walk(dir: &Path, path: &[String], out: &mut BTreeSet<String>) {
        out.insert(format!(
            "product{}.1",
            path.iter().map(|p| format!("-{p}")).collect::<String>()
        ));
        let mut args = path.to_vec();
        args.push("--help".into());
        let help = stdout(&product(dir).args(&args).output().unwrap());
        let Some(commands) = help.split("\nCommands:\n").nth(1) else {
            return;
        };
        for line in commands.lines().take_while(|l| l.starts_with("  ")) {
            let Some(name) = line.split_whitespace().next() else {
                continue;
            };
            // Indented more deeply: a description running on.
            if line.starts_with("   ") || name == "help" {
                continue;
            }
            let mut sub = path.to_vec();
            sub.push(name.to_owned());
            walk(dir, &sub, out);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut out = BTreeSet::new();
    walk(dir.path(), &[], &mut out);
    out
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect()
}

/// The page's title line: the first after the string definitions roff
/// pages open with (`.ie`/`.el`, for a typographer's apostrophe).
fn title_line(page: &str) -> &str {
    page.lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap_or_default()
}

#[test]
fn a_page_is_written_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pages");
    let printed = ok(dir.path(), &["man", "--out", "pages"]);
    let expected = expected_pages();
    assert!(expected.len() > 50, "{expected:?}");
    assert!(expected.contains("product-okr-kr-add.1"));
    assert_eq!(files_in(&out), expected);
    for name in &expected {
        let page = std::fs::read_to_string(out.join(name)).unwrap();
        let stem = name.trim_end_matches(".1");
        assert!(
            title_line(&page).starts_with(&format!(".TH {stem} 1 ")),
            "{name}: {}",
            title_line(&page)
        );
        assert!(page.contains(".SH NAME"), "{name}");
        assert!(printed.contains(&format!("pages/{name}")), "{printed}");
    }
    assert!(
        printed.contains(&format!("Wrote {} man pages in pages", expected.len())),
        "{printed}"
    );
    // A page says what its help says: the flags and the examples.
    let add = std::fs::read_to_string(out.join("product-item-add.1")).unwrap();
    assert!(add.contains("depends\\-on"), "{add}");
    assert!(add.contains("Examples:"), "{add}");
}

#[test]
fn pages_go_to_man_man1_by_default_and_are_replaced_when_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man/man1");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("product.1"), "an old page\n").unwrap();
    ok(dir.path(), &["man"]);
    assert_eq!(files_in(&pages), expected_pages());
    let page = std::fs::read_to_string(pages.join("product.1")).unwrap();
    assert!(title_line(&page).starts_with(".TH product 1 "), "{page}");
}

#[test]
fn json_lists_the_pages_written() {
    let dir = tempfile::tempdir().unwrap();
    let v = ok_json(dir.path(), &["man", "--out", "doc/man1"], "man");
    assert_eq!(v["folder"], "doc/man1");
    let files: BTreeSet<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let f = f.as_str().unwrap();
            assert!(dir.path().join(f).is_file(), "{f}");
            f.strip_prefix("doc/man1/").unwrap().to_owned()
        })
        .collect();
    assert_eq!(files, expected_pages());
    // The parent's page comes before its subcommands'.
    assert_eq!(v["files"][0], "doc/man1/product.1");
}

#[test]
fn a_folder_that_cannot_be_made_exits_6_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // A plain file where a folder should be: no one can create a folder in
    // it, whatever their rights.
    let blocker = dir.path().join("taken");
    std::fs::write(&blocker, "a file\n").unwrap();
    let out_dir = blocker.join("man1");
    let out_dir = out_dir.to_str().unwrap();
    let e = common::refuses(
        6,
        dir.path(),
        &blocker,
        &["man", "--out", out_dir],
        &[out_dir],
    );
    assert_eq!(e["code"], "io");
    // Nothing is written, and no product file is needed to try.
    assert_eq!(files_in(dir.path()), BTreeSet::from(["taken".to_owned()]));
    let out = product(dir.path())
        .args(["man", "--out", "ok"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_the_folder_is_replaced_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    // Someone with write access to the folder points a page's name at a
    // file of yours.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    std::os::unix::fs::symlink(&victim, pages.join("product-item-add.1")).unwrap();
    // And at a missing file, which writing through would create.
    let elsewhere = dir.path().join("created-elsewhere");
    std::os::unix::fs::symlink(&elsewhere, pages.join("product.1")).unwrap();
    ok(dir.path(), &["man", "--out", "pages"]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(!elsewhere.exists());
    for name in ["product-item-add.1", "product.1"] {
        let meta = std::fs::symlink_metadata(pages.join(name)).unwrap();
        assert!(meta.file_type().is_file(), "{name} is still a link");
        let page = std::fs::read_to_string(pages.join(name)).unwrap();
        assert!(title_line(&page).starts_with(".TH product"), "{page}");
    }
    // Only the pages are left: no temporary files.
    assert_eq!(files_in(&pages), expected_pages());
}

#[cfg(unix)]
#[test]
fn a_page_written_again_keeps_its_mode_and_a_new_one_is_readable_by_all() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let kept = pages.join("product.1");
    std::fs::write(&kept, "old\n").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    // What any program creating a file here gets: 0o666 less the umask.
    let probe = dir.path().join("probe");
    std::fs::File::create(&probe).unwrap();
    let usual = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    ok(dir.path(), &["man", "--out", "pages"]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(format!("{:o}", mode(&kept)), "640");
    assert_eq!(
        format!("{:o}", mode(&pages.join("product-item-add.1"))),
        format!("{usual:o}")
    );
}
