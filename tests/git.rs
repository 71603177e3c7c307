//! Product files in git: a file with conflict markers is refused at
//! `file:line`; `product git setup` and `status`, and `init --git`, set git
//! up to merge product files with `product merge`; `product check`'s
//! `merge-driver-missing` rule. Run in real temporary repositories whose
//! home, global git config and global attributes file are temporary too,
//! so the developer's own are neither read nor changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use productfile::gitattributes::{self, AttributesFile, Merge};
use productfile::store::{self, StoreError};
use productfile::{Error, ErrorCode, ErrorKind};
use serde_json::Value;

use common::{MINIMAL, stderr, stdout, text};

const DRIVER: &str = "product merge %O %A %B --marker-size %L --path %P";

/// A temporary folder holding a work tree (`work`, a git repository unless
/// made with [`Sandbox::outside_git`]) and a home of its own.
struct Sandbox {
    tmp: tempfile::TempDir,
    work: PathBuf,
    home: PathBuf,
    /// `$GIT_CONFIG_GLOBAL`: the global git config.
    global: PathBuf,
    /// `$XDG_CONFIG_HOME`, when a test sets it.
    xdg: Option<PathBuf>,
}

impl Sandbox {
    fn outside_git() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let work = root.join("work");
        let home = root.join("home");
        std::fs::create_dir_all(&work).unwrap();
        std::fs::create_dir_all(&home).unwrap();
        let global = root.join("global.gitconfig");
        std::fs::write(&global, "").unwrap();
        Sandbox {
            tmp,
            work,
            home,
            global,
            xdg: None,
        }
    }

    fn repository() -> Sandbox {
        let sandbox = Sandbox::outside_git();
        sandbox.git(&["init", "-q"]);
        sandbox.git(&["config", "user.name", "Ada Byrne"]);
        sandbox.git(&["config", "user.email", "ada@example.org"]);
        sandbox.git(&["config", "commit.gpgsign", "false"]);
        sandbox
    }

    fn env(&self, cmd: &mut std::process::Command) {
        cmd.env("HOME", &self.home)
            .env("GIT_CONFIG_GLOBAL", &self.global)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            // Neither git nor `product` looks above the sandbox for a repository.
            .env("GIT_CEILING_DIRECTORIES", self.tmp.path())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        match &self.xdg {
            Some(xdg) => cmd.env("XDG_CONFIG_HOME", xdg),
            None => cmd.env_remove("XDG_CONFIG_HOME"),
        };
    }

    /// git in `work`; its output, whether it succeeded or not.
    fn git_output(&self, args: &[&str]) -> Output {
        let mut cmd = std::process::Command::new("git");
        cmd.current_dir(&self.work).args(args);
        self.env(&mut cmd);
        cmd.output().expect("git runs")
    }

    fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args);
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
        stdout(&out)
    }

    fn run_in(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = common::plain(dir);
        cmd.args(args);
        self.env(&mut cmd);
        cmd.output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(&self.work, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        stdout(&common::succeeded(self.run(args), args))
    }

    fn ok_json(&self, args: &[&str], kind: &str) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let v: Value = serde_json::from_str(&self.ok(&all)).unwrap();
        assert_eq!(v["kind"], kind, "{v:#}");
        assert_eq!(v["version"], 1, "{v:#}");
        v
    }

    /// Runs a command that must fail with `code`, in text and in JSON;
    /// returns its stderr and its JSON error.
    fn fails(&self, code: i32, args: &[&str]) -> (String, Value) {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        let said = stderr(&out);
        assert!(said.starts_with("error: "), "{said}");
        assert!(!said.contains("panicked"), "{said}");
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.run(&all);
        assert_eq!(out.status.code(), Some(code), "{all:?}");
        assert!(out.stdout.is_empty(), "{all:?}: {}", stdout(&out));
        let e: Value = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|_| panic!("{all:?}: stderr is not JSON: {}", stderr(&out)));
        assert_eq!(e["kind"], "error");
        assert_eq!(e["exit_code"], code);
        (said, e)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.work.join(name)
    }
}

fn write(path: &Path, text: &str) {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn findings_of<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

// --------------------------------------------------------------- git setup

#[test]
fn setup_then_status() {
    let s = Sandbox::repository();
    write(&s.file("product.toml"), MINIMAL);

    let before = s.ok_json(&["git", "status"], "git_status");
    assert_eq!(before["driver_configured"], false, "{before:#}");
    assert_eq!(before["routed"], false);
    assert_eq!(before["ready"], false);
    assert_eq!(before["merge_attribute"], "unspecified");
    assert_eq!(before["file"], "product.toml");
    assert_eq!(
        before["repository"].as_str().unwrap(),
        s.git(&["rev-parse", "--show-toplevel"]).trim()
    );
    let said = s.ok(&["git", "status"]);
    assert!(
        said.starts_with(
            "git does not merge product.toml with `product merge` yet: run `product git setup`\n"
        ),
        "{said}"
    );

    assert_eq!(
        s.ok(&["git", "setup"]),
        "Set merge.product.name in the repository's git config: product: semantic merge of product files\n\
         Set merge.product.driver in the repository's git config: product merge %O %A %B --marker-size %L --path %P\n\
         Added to .gitattributes: product.toml merge=product, product.json merge=product\n\
         Next: commit .gitattributes; in each other clone, run `product git setup` (or `product git setup --global` once)\n"
    );
    assert_eq!(
        text(&s.file(".gitattributes")),
        "product.toml merge=product\nproduct.json merge=product\n"
    );
    assert_eq!(
        s.git(&["config", "--local", "--get", "merge.product.driver"]),
        format!("{DRIVER}\n")
    );
    assert_eq!(
        s.git(&["config", "--local", "--get", "merge.product.name"]),
        "product: semantic merge of product files\n"
    );
    // git itself now routes the file to the driver; the global config is untouched.
    assert_eq!(
        s.git(&[
            "check-attr",
            "merge",
            "--",
            "product.toml",
            "docs/product.json"
        ]),
        "product.toml: merge: product\ndocs/product.json: merge: product\n"
    );
    assert_eq!(text(&s.global), "");

    let after = s.ok_json(&["git", "status"], "git_status");
    assert_eq!(after["driver_configured"], true, "{after:#}");
    assert_eq!(after["driver_scope"], "local");
    assert_eq!(after["driver"], DRIVER);
    assert_eq!(after["driver_current"], true);
    assert_eq!(after["merge_attribute"], "product");
    assert_eq!(after["routed"], true);
    assert_eq!(after["ready"], true);
    let said = s.ok(&["git", "status"]);
    assert!(
        said.starts_with("git merges product.toml with `product merge`\n"),
        "{said}"
    );
    assert!(
        said.contains(&format!("configured (local): {DRIVER}")),
        "{said}"
    );
}

#[test]
fn setup_twice_changes_nothing_and_keeps_what_the_file_had() {
    let s = Sandbox::repository();
    write(&s.file("product.toml"), MINIMAL);
    // CRLF, a comment, a blank line and no final newline.
    let original = "# Line endings\r\n*.png binary\r\n\r\n*.sh text eol=lf";
    write(&s.file(".gitattributes"), original);

    let first = s.ok_json(&["git", "setup"], "git_setup");
    assert_eq!(first["changed"], true, "{first:#}");
    assert_eq!(first["scope"], "local");
    assert_eq!(first["attributes_file"], ".gitattributes");
    assert_eq!(
        first["attributes_added"],
        serde_json::json!(["product.toml merge=product", "product.json merge=product"])
    );
    assert_eq!(first["config"][1]["key"], "merge.product.driver");
    assert_eq!(first["config"][1]["changed"], true);
    assert_eq!(first["config"][1]["previous"], Value::Null);
    let set_up = format!("{original}\r\nproduct.toml merge=product\r\nproduct.json merge=product");
    assert_eq!(text(&s.file(".gitattributes")), set_up);
    let config = text(&s.work.join(".git/config"));

    assert_eq!(
        s.ok(&["git", "setup"]),
        "Already set up: git merges product.toml and product.json with `product merge` (the repository's git config, .gitattributes)\n"
    );
    let again = s.ok_json(&["git", "setup"], "git_setup");
    assert_eq!(again["changed"], false, "{again:#}");
    assert_eq!(again["attributes_added"], serde_json::json!([]));
    assert_eq!(again["config"][1]["changed"], false);
    assert_eq!(again["config"][1]["previous"], DRIVER);
    assert_eq!(text(&s.file(".gitattributes")), set_up);
    assert_eq!(text(&s.work.join(".git/config")), config);

    // A driver configured otherwise is put right, and said so.
    s.git(&["config", "merge.product.driver", "old-product merge %A"]);
    let fixed = s.ok(&["git", "setup"]);
    assert!(
        fixed.contains(&format!(
            "Set merge.product.driver in the repository's git config: {DRIVER} (was: old-product merge %A)"
        )),
        "{fixed}"
    );
    assert!(fixed.contains(".gitattributes already routes"), "{fixed}");
    assert_eq!(text(&s.file(".gitattributes")), set_up);
}

#[test]
fn setup_adds_only_what_is_missing_and_the_files_own_name() {
    let s = Sandbox::repository();
    write(&s.file(".gitattributes"), "*.toml merge=product\n");
    write(&s.file("plans/roadmap.toml"), MINIMAL);
    let plans = s.work.join("plans");
    // From a subfolder, naming a file of another name: the top-level file gets it.
    let out = common::succeeded(
        s.run_in(&plans, &["-f", "roadmap.toml", "git", "setup"]),
        &["git", "setup"],
    );
    // Outside the working folder, the attributes file is named in full.
    let top_file = s.file(".gitattributes");
    assert!(
        stdout(&out).contains(&format!(
            "Added to {}: product.json merge=product\n",
            top_file.display()
        )),
        "{}",
        stdout(&out)
    );
    // roadmap.toml was already routed by `*.toml`.
    assert_eq!(
        text(&s.file(".gitattributes")),
        "*.toml merge=product\nproduct.json merge=product\n"
    );
    assert!(!plans.join(".gitattributes").exists());

    write(&s.file(".gitattributes"), "");
    common::succeeded(
        s.run_in(&plans, &["-f", "roadmap.toml", "git", "setup"]),
        &["git", "setup"],
    );
    assert_eq!(
        text(&s.file(".gitattributes")),
        "product.toml merge=product\nproduct.json merge=product\nroadmap.toml merge=product\n"
    );
    let out = common::succeeded(
        s.run_in(&plans, &["-f", "roadmap.toml", "git", "status", "--json"]),
        &["git", "status"],
    );
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["file"], "roadmap.toml");
    assert_eq!(status["ready"], true, "{status:#}");
}

#[test]
fn outside_git_setup_and_init_git_exit_2_and_status_says_so() {
    let s = Sandbox::outside_git();
    write(&s.file("product.toml"), MINIMAL);
    let (said, e) = s.fails(2, &["git", "setup"]);
    assert!(said.contains("is not in a git repository"), "{said}");
    assert!(
        said.contains("hint: ") && said.contains("product git setup --global"),
        "{said}"
    );
    assert_eq!(e["code"], "not_in_git", "{e}");
    assert!(!s.file(".gitattributes").exists());

    let empty = s.work.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = s.run_in(&empty, &["init", "--git", "--owner", "Ada Byrne"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not in a git repository"));
    assert!(
        !empty.join("product.toml").exists(),
        "init --git wrote outside git"
    );

    let status = s.ok_json(&["git", "status"], "git_status");
    assert_eq!(status["repository"], Value::Null, "{status:#}");
    assert_eq!(status["merge_attribute"], Value::Null);
    assert_eq!(status["ready"], false);
    assert!(
        s.ok(&["git", "status"])
            .contains("attributes: not in a git repository")
    );
}

#[test]
fn global_setup_writes_the_users_own_config_and_attributes() {
    let mut s = Sandbox::repository();
    write(&s.file("product.toml"), MINIMAL);
    let said = s.ok(&["git", "setup", "--global"]);
    assert!(said.contains("in your global git config"), "{said}");
    assert!(!said.contains("Next: commit"), "{said}");
    let attributes = s.home.join(".config/git/attributes");
    assert_eq!(
        text(&attributes),
        "product.toml merge=product\nproduct.json merge=product\n"
    );
    assert_eq!(
        s.git(&["config", "--global", "--get", "merge.product.driver"]),
        format!("{DRIVER}\n")
    );
    // Nothing in the repository.
    assert!(!s.file(".gitattributes").exists());
    assert_eq!(
        s.git_output(&["config", "--local", "--get", "merge.product.driver"])
            .status
            .code(),
        Some(1)
    );
    // git reads both, so the file is merged with the driver here ...
    let status = s.ok_json(&["git", "status"], "git_status");
    assert_eq!(status["driver_scope"], "global", "{status:#}");
    assert_eq!(status["routed"], true);
    assert_eq!(status["ready"], true);
    // ... but a clone elsewhere is not: the check reads committed attributes only.
    let report = s.ok_json(&["check"], "check");
    assert_eq!(findings_of(&report, "merge-driver-missing").len(), 1);
    assert!(
        s.ok(&["git", "setup", "--global"])
            .starts_with("Already set up: git merges product.toml and product.json with `product merge` (your global git config, ")
    );

    // $XDG_CONFIG_HOME, then core.attributesFile, say where the file is.
    let xdg = s.tmp.path().join("xdg");
    s.xdg = Some(xdg.clone());
    s.ok(&["git", "setup", "--global"]);
    assert!(text(&xdg.join("git/attributes")).contains("product.toml merge=product"));
    let named = s.tmp.path().join("my-attributes");
    s.git(&[
        "config",
        "--global",
        "core.attributesFile",
        named.to_str().unwrap(),
    ]);
    let setup = s.ok_json(&["git", "setup", "--global"], "git_setup");
    assert_eq!(setup["scope"], "global");
    assert_eq!(
        text(&named),
        "product.toml merge=product\nproduct.json merge=product\n"
    );
}

#[test]
fn init_git_creates_the_file_and_sets_git_up() {
    let s = Sandbox::repository();
    let said = s.ok(&[
        "init",
        "--name",
        "Library cards",
        "--owner",
        "Ada Byrne",
        "--git",
    ]);
    assert!(
        said.starts_with("Created product.toml for Library cards"),
        "{said}"
    );
    assert!(
        said.contains("Set git up to merge it with `product merge`"),
        "{said}"
    );
    assert_eq!(
        text(&s.file(".gitattributes")),
        "product.toml merge=product\nproduct.json merge=product\n"
    );
    assert_eq!(s.ok_json(&["git", "status"], "git_status")["ready"], true);

    // JSON, with a file of another name.
    let other = Sandbox::repository();
    let created = other.ok_json(
        &[
            "-f",
            "plans.json",
            "init",
            "--name",
            "Plans",
            "--owner",
            "Ada Byrne",
            "--git",
        ],
        "init",
    );
    assert_eq!(created["git"]["changed"], true, "{created:#}");
    assert_eq!(
        created["git"]["attributes_added"],
        serde_json::json!([
            "product.toml merge=product",
            "product.json merge=product",
            "plans.json merge=product"
        ])
    );

    // Without --git nothing is set up, and output that is not a terminal
    // gets no tip.
    let plain = Sandbox::repository();
    let said = plain.ok(&["init", "--name", "Library cards", "--owner", "Ada Byrne"]);
    assert!(!said.contains("git setup"), "{said}");
    assert!(!plain.file(".gitattributes").exists());
    assert_eq!(
        plain.ok_json(&["init", "--force", "--owner", "Ada Byrne"], "init")["git"],
        Value::Null
    );
}

// ------------------------------------------------------ merge-driver-missing

#[test]
fn check_notes_a_missing_merge_driver_until_setup() {
    let s = Sandbox::repository();
    write(&s.file("plans/product.toml"), MINIMAL);
    let plans = s.work.join("plans");
    let check = |dir: &Path, args: &[&str]| -> Value {
        let mut all = args.to_vec();
        all.extend(["check", "--json"]);
        let out = s.run_in(dir, &all);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let report = check(&plans, &[]);
    let found = findings_of(&report, "merge-driver-missing");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "info");
    assert_eq!(found[0]["line"], Value::Null);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("git merges plans/product.toml line by line"),
        "{}",
        found[0]
    );
    assert!(
        found[0]["hint"]
            .as_str()
            .unwrap()
            .contains("`product git setup`"),
        "{}",
        found[0]
    );
    // Info only: the check still passes.
    assert_eq!(report["passed"], true);
    let out = s.run_in(&plans, &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains(
            "product.toml: info[merge-driver-missing]: git merges plans/product.toml line by line"
        ),
        "{}",
        stdout(&out)
    );
    // A named file: the hinted command names it too.
    let named = check(&plans, &["-f", "product.toml"]);
    assert!(
        findings_of(&named, "merge-driver-missing")[0]["hint"]
            .as_str()
            .unwrap()
            .contains("`product -f product.toml git setup`")
    );

    common::succeeded(s.run_in(&plans, &["git", "setup"]), &["git", "setup"]);
    let report = check(&plans, &[]);
    assert!(
        findings_of(&report, "merge-driver-missing").is_empty(),
        "{report:#}"
    );

    // A deeper .gitattributes that takes the file away from the driver wins.
    write(&plans.join(".gitattributes"), "*.toml -merge\n");
    assert_eq!(
        findings_of(&check(&plans, &[]), "merge-driver-missing").len(),
        1
    );
    std::fs::remove_file(plans.join(".gitattributes")).unwrap();

    // The local config alone does not count: a CI clone has none.
    std::fs::remove_file(s.file(".gitattributes")).unwrap();
    assert_eq!(
        findings_of(&check(&plans, &[]), "merge-driver-missing").len(),
        1
    );

    // The file can turn the rule off.
    write(
        &plans.join("product.toml"),
        &format!("{MINIMAL}\n[check.rules]\nmerge-driver-missing = \"off\"\n"),
    );
    let report = check(&plans, &[]);
    assert!(
        findings_of(&report, "merge-driver-missing").is_empty(),
        "{report:#}"
    );
    assert!(findings_of(&report, "unknown-key").is_empty(), "{report:#}");
}

#[test]
fn check_says_nothing_of_merge_drivers_outside_git() {
    let s = Sandbox::outside_git();
    write(&s.file("product.toml"), MINIMAL);
    let report = s.ok_json(&["check"], "check");
    assert!(
        findings_of(&report, "merge-driver-missing").is_empty(),
        "{report:#}"
    );
    let listed = s.ok_json(&["check", "--list-rules"], "check_rules");
    let rule = listed["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "merge-driver-missing")
        .expect("the rule is listed");
    assert_eq!(rule["severity"], "info");
    assert_eq!(rule["area"], "git");
}

/// The library's matcher against git's own answer, over the patterns a
/// product file's routing is likely to use.
#[test]
fn the_attribute_matcher_agrees_with_git() {
    let s = Sandbox::repository();
    let cases: &[(&str, &str, &str)] = &[
        // (top-level .gitattributes, plans/.gitattributes, path)
        ("product.toml merge=product\n", "", "product.toml"),
        ("product.toml merge=product\n", "", "plans/product.toml"),
        ("*.toml merge=product\n", "", "plans/a/product.toml"),
        ("* merge=product\n", "", "product.json"),
        ("/product.toml merge=product\n", "", "plans/product.toml"),
        (
            "plans/product.toml merge=product\n",
            "",
            "plans/product.toml",
        ),
        ("plans/*.toml merge=product\n", "", "plans/a/product.toml"),
        (
            "plans/**/*.toml merge=product\n",
            "",
            "plans/a/b/product.toml",
        ),
        ("**/product.toml merge=product\n", "", "product.toml"),
        ("plans/** merge=product\n", "", "plans/a/product.toml"),
        ("product.[tj]*[!x] merge=product\n", "", "product.json"),
        ("product.?oml merge=product\n", "", "product.toml"),
        ("\"my plan.toml\" merge=product\n", "", "plans/my plan.toml"),
        ("a\\*b.toml merge=product\n", "", "a*b.toml"),
        ("a\\*b.toml merge=product\n", "", "axb.toml"),
        ("plans/ merge=product\n", "", "plans"),
        (
            "*.toml merge=product\nproduct.toml -merge\n",
            "",
            "product.toml",
        ),
        (
            "*.toml merge=product\nproduct.toml merge=text\n",
            "",
            "product.toml",
        ),
        ("*.toml merge=product\n* !merge\n", "", "product.toml"),
        ("*.toml merge=product binary\n", "", "product.toml"),
        ("*.toml merge\n", "", "product.toml"),
        (
            "  # comment\n\n\tproduct.toml   merge=product  \r\n",
            "",
            "product.toml",
        ),
        ("*.toml merge=product\n", "* -merge\n", "plans/product.toml"),
        (
            "*.toml -merge\n",
            "product.toml merge=product\n",
            "plans/product.toml",
        ),
        ("", "product.toml merge=product\n", "product.toml"),
        ("", "/product.toml merge=product\n", "plans/product.toml"),
        ("", "", "product.toml"),
    ];
    for (top, plans, path) in cases {
        write(&s.file(".gitattributes"), top);
        write(&s.file("plans/.gitattributes"), plans);
        let files = [
            AttributesFile {
                dir: String::new(),
                text: (*top).into(),
            },
            AttributesFile {
                dir: "plans".into(),
                text: (*plans).into(),
            },
        ];
        let ours = gitattributes::merge_attribute(&files, path);
        let said = s.git(&["check-attr", "merge", "--", path]);
        let git = said.trim_end().rsplit(": merge: ").next().unwrap();
        assert_eq!(ours.as_str(), git, "{top:?} {plans:?} {path}");
        assert_eq!(
            gitattributes::routes_to_product(&files, path),
            git == "product",
            "{top:?} {plans:?} {path}"
        );
    }
    assert_eq!(
        gitattributes::merge_attribute(&[], "product.toml"),
        Merge::Unspecified
    );
}

// ---------------------------------------------------------- conflict markers

/// A product file with a conflict from a real `git merge` of two branches
/// that each changed the same item's title; the line of its `<<<<<<<`.
fn conflicted_repository() -> (Sandbox, usize) {
    let s = Sandbox::repository();
    let path = s.file("product.toml");
    write(&path, MINIMAL);
    s.git(&["add", "-A"]);
    s.git(&["commit", "-q", "-m", "The product file"]);
    s.git(&["branch", "-M", "main"]);
    s.git(&["checkout", "-q", "-b", "online"]);
    write(&path, &MINIMAL.replace("Join online", "Join online today"));
    s.git(&["commit", "-q", "-am", "Online"]);
    s.git(&["checkout", "-q", "main"]);
    write(&path, &MINIMAL.replace("Join online", "Join at the desk"));
    s.git(&["commit", "-q", "-am", "Desk"]);
    let merge = s.git_output(&["merge", "-q", "online"]);
    assert!(!merge.status.success(), "the merge was meant to conflict");
    let now = text(&path);
    let line = now
        .lines()
        .position(|l| l.starts_with("<<<<<<< "))
        .expect("git left conflict markers")
        + 1;
    (s, line)
}

#[test]
fn a_file_with_conflict_markers_is_refused_at_its_line() {
    let (s, line) = conflicted_repository();
    let path = s.file("product.toml");
    let before = text(&path);
    let place = format!("product.toml:{line}:1: the file has git conflict markers (<<<<<<<)");
    for args in [
        &["show"][..],
        &["item", "list"],
        &["check"],
        &["--as", "Ada Byrne", "item", "add", "Renew online"],
        &[
            "--as",
            "Ada Byrne",
            "item",
            "edit",
            "LC-2",
            "--title",
            "Renew",
        ],
    ] {
        let (said, e) = s.fails(3, args);
        assert!(said.contains(&place), "{args:?}: {said}");
        assert!(
            said.contains("hint: resolve the conflict: keep what should stay between the markers, delete the marker lines, then run `product check`"),
            "{args:?}: {said}"
        );
        assert_eq!(e["code"], "conflict_markers", "{e}");
        assert_eq!(
            e["message"],
            format!("product.toml:{line}: the file has git conflict markers (<<<<<<<)")
        );
        assert_eq!(e["problems"][0]["line"], line, "{e}");
        assert_eq!(e["problems"][0]["file"], "product.toml", "{e}");
        assert_eq!(text(&path), before, "{args:?} wrote");
    }
}

#[test]
fn check_base_refuses_a_revision_with_conflict_markers() {
    let (s, line) = conflicted_repository();
    // Committed as it was, then resolved in the work tree.
    s.git(&["commit", "-q", "-am", "Merged, markers and all"]);
    write(&s.file(".gitattributes"), "product.toml merge=product\n");
    write(&s.file("product.toml"), MINIMAL);
    let (said, e) = s.fails(3, &["check", "--base", "HEAD"]);
    assert!(
        said.contains(&format!(
            ":product.toml:{line}:1: the file has git conflict markers (<<<<<<<)"
        )),
        "{said}"
    );
    assert_eq!(e["code"], "conflict_markers", "{e}");
    // Without --base the resolved file is fine.
    s.ok(&["check"]);
}

const JSON_FILE: &str = r#"{
  "version": 1,
  "product": {"name": "Library cards", "key": "LC"},
  "items": [
    {"id": "LC-1", "title": "Join online", "kind": "feature", "status": "idea"}
  ]
}
"#;

/// The text with `title` of LC-1 in conflict, markers `size` long.
fn with_conflict(text: &str, size: usize, ours: &str, theirs: &str) -> (String, usize) {
    let at = text.find(ours).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = at + text[at..].find('\n').unwrap() + 1;
    let line = &text[line_start..line_end];
    let marked = format!(
        "{open} ours\n{line}{eq}\n{other}{close} theirs\n",
        open = "<".repeat(size),
        eq = "=".repeat(size),
        other = line.replace(ours, theirs),
        close = ">".repeat(size),
    );
    let number = text[..line_start].matches('\n').count() + 1;
    (
        format!("{}{marked}{}", &text[..line_start], &text[line_end..]),
        number,
    )
}

fn refused_at(result: Result<productfile::model::Product, StoreError>) -> (usize, String) {
    match result {
        Err(StoreError::ConflictMarkers { line, marker, .. }) => (line, marker),
        other => panic!("expected conflict markers, got {other:?}"),
    }
}

#[test]
fn markers_are_found_at_their_line_in_toml_and_json() {
    for size in [7, 9] {
        let (toml, line) = with_conflict(MINIMAL, size, "Join online", "Join at the desk");
        assert_eq!(
            refused_at(store::parse(&toml, Path::new("product.toml"))),
            (line, "<".repeat(size))
        );
        let (json, line) = with_conflict(JSON_FILE, size, "Join online", "Join at the desk");
        assert_eq!(
            refused_at(store::parse(&json, Path::new("product.json"))),
            (line, "<".repeat(size))
        );
    }
    // Half resolved: a closing marker left behind, after the open one went.
    let half = MINIMAL.replace("status = \"idea\"", "status = \"idea\"\n>>>>>>> theirs");
    let line = half.lines().position(|l| l.starts_with(">>>>>>>")).unwrap() + 1;
    assert_eq!(
        refused_at(store::parse(&half, Path::new("product.toml"))),
        (line, ">>>>>>>".into())
    );
    // A whole conflict inside a multi-line string parses as text, but is refused.
    let in_string = MINIMAL.replace(
        "status = \"idea\"\n",
        "status = \"idea\"\ndescription = \"\"\"\n<<<<<<< ours\nBy post\n=======\nAt the desk\n>>>>>>> theirs\n\"\"\"\n",
    );
    let line = in_string
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    assert_eq!(
        refused_at(store::parse(&in_string, Path::new("product.toml"))).0,
        line
    );
}

#[test]
fn files_without_markers_are_unaffected() {
    assert!(store::parse(MINIMAL, Path::new("product.toml")).is_ok());
    assert!(store::parse(JSON_FILE, Path::new("product.json")).is_ok());
    // A line of `=` under a heading in a description is text, not a marker.
    let underline = MINIMAL.replace(
        "status = \"idea\"\n",
        "status = \"idea\"\ndescription = \"\"\"\nRenewals\n=======\nBy post or online.\n\"\"\"\n",
    );
    let product = store::parse(&underline, Path::new("product.toml")).unwrap();
    assert!(
        product.items[1]
            .description
            .as_deref()
            .unwrap()
            .contains("=======\n")
    );
    // And a file broken for another reason says that, not "conflict".
    let broken = underline.replace("size = 5", "size = \"big\"");
    match store::parse(&broken, Path::new("product.toml")) {
        Err(StoreError::Invalid { problems, .. }) => {
            assert!(
                problems[0].message.contains("expected a number"),
                "{problems:?}"
            )
        }
        other => panic!("expected an invalid file, got {other:?}"),
    }
}

#[test]
fn edits_and_loads_refuse_markers_and_the_error_places_them() {
    let dir = tempfile::tempdir().unwrap();
    for (name, base) in [("product.toml", MINIMAL), ("product.json", JSON_FILE)] {
        let path = dir.path().join(name);
        let (conflicted, line) = with_conflict(base, 7, "Join online", "Join at the desk");
        std::fs::write(&path, &conflicted).unwrap();
        assert_eq!(refused_at(store::load(&path)).0, line, "{name}");
        let e = match store::Edit::open(&path, Duration::from_secs(5)) {
            Err(e) => e,
            Ok(_) => panic!("{name}: an edit opened a conflicted file"),
        };
        let e = Error::from(e);
        assert_eq!(e.code, ErrorCode::ConflictMarkers, "{name}");
        assert_eq!(e.code.as_str(), "conflict_markers");
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!(e.problems[0].line_col, Some((line, 1)), "{name}");
        assert_eq!(
            e.message,
            format!(
                "{}:{line}: the file has git conflict markers (<<<<<<<)",
                path.display()
            )
        );
        assert_eq!(text(&path), conflicted, "{name}");
    }
}

// ------------------------------------------------------------- git status

/// `git status --porcelain`, untracked files listed one by one.
fn porcelain(s: &Sandbox, dir: &Path) -> String {
    let mut cmd = std::process::Command::new("git");
    cmd.current_dir(dir)
        .args(["status", "--porcelain", "--untracked-files=all"]);
    s.env(&mut cmd);
    let out = cmd.output().expect("git runs");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn init_and_commands_leave_only_the_product_file_in_git_status() {
    let s = Sandbox::repository();
    s.ok(&["init", "--name", "Library cards", "--owner", "Ada Byrne"]);
    s.ok(&["item", "add", "Join online"]);
    s.ok(&["item", "list"]);
    assert_eq!(porcelain(&s, &s.work), "?? product.toml\n");
    // The lock file stays (removing it would reopen races) but git is told
    // to ignore it, once.
    assert!(s.file("product.toml.lock").exists());
    let exclude = s.file(".git/info/exclude");
    let lines = |text: String| {
        text.lines()
            .filter(|l| l.ends_with(".lock"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(text(&exclude)), ["/product.toml.lock"]);
    std::fs::remove_file(s.file("product.toml.lock")).unwrap();
    s.ok(&["item", "add", "Renew a card"]);
    assert_eq!(lines(text(&exclude)), ["/product.toml.lock"]);

    // A file in a folder, in a linked work tree (where `.git` is a file):
    // the line goes to the repository's own exclude file, anchored at the
    // folder.
    std::fs::create_dir(s.file("plans")).unwrap();
    s.ok(&[
        "init",
        "-f",
        "plans/product.json",
        "--name",
        "Plans",
        "--owner",
        "Ada Byrne",
    ]);
    assert_eq!(
        porcelain(&s, &s.work),
        "?? plans/product.json\n?? product.toml\n"
    );
    commit_all_in(&s);
    let linked = s.tmp.path().join("linked");
    s.git(&["worktree", "add", "-q", linked.to_str().unwrap()]);
    assert!(linked.join(".git").is_file());
    let out = s.run_in(
        &linked.join("plans"),
        &["-f", "product.json", "item", "add", "Plan a launch"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(porcelain(&s, &linked), " M plans/product.json\n");
    assert_eq!(
        lines(text(&exclude)),
        ["/product.toml.lock", "/plans/product.json.lock"]
    );
}

fn commit_all_in(s: &Sandbox) {
    s.git(&["add", "-A"]);
    s.git(&["commit", "-q", "-m", "Plans"]);
}
