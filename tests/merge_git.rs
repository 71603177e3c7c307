//! The merge driver end to end: real temporary git repositories with
//! `product merge` installed as the driver for `product.toml` and
//! `product.json`, branches edited through the `product` commands, and
//! `git merge`, `git rebase` and `git cherry-pick` run on them. Each test
//! asserts on git's exit code, the merged file's text and what the driver
//! said.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::merging::{PRODUCT_TOML, product_json};
use productfile::model::Product;
use serde_json::Value;

const PRIYA: &str = "Priya Shah";
const DAN: &str = "Dan Okafor";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fmt {
    Toml,
    Json,
}

impl Fmt {
    fn file(self) -> &'static str {
        match self {
            Fmt::Toml => "product.toml",
            Fmt::Json => "product.json",
        }
    }

    fn text(self) -> String {
        match self {
            Fmt::Toml => PRODUCT_TOML.to_owned(),
            Fmt::Json => product_json(),
        }
    }
}

/// A git repository (or a clone) with the driver installed by hand, as
/// `product git setup` would: the driver in the repository's config and the
/// product files routed to it in `.gitattributes`.
struct Repo {
    dir: tempfile::TempDir,
    /// The global git config every command sees (empty but for what a test adds).
    gitconfig: PathBuf,
    _home: tempfile::TempDir,
    fmt: Fmt,
    today: std::cell::RefCell<String>,
}

const TODAY: &str = "2026-12-01";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_product")
}

impl Repo {
    /// A repository on `main` whose first commit holds the product file,
    /// `.gitattributes` and a `.gitignore` for lock files.
    fn new(fmt: Fmt) -> Repo {
        Repo::with_text(fmt, &fmt.text())
    }

    fn with_text(fmt: Fmt, text: &str) -> Repo {
        let repo = Repo::empty(fmt);
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.configure();
        std::fs::write(repo.path(), text).unwrap();
        repo.commit("The product file");
        repo
    }

    /// A repository with nothing in it yet.
    fn empty(fmt: Fmt) -> Repo {
        let home = tempfile::tempdir().unwrap();
        let gitconfig = home.path().join("gitconfig");
        std::fs::write(&gitconfig, "").unwrap();
        Repo {
            dir: tempfile::tempdir().unwrap(),
            gitconfig,
            _home: home,
            fmt,
            today: std::cell::RefCell::new(TODAY.to_owned()),
        }
    }

    /// A clone of `origin` (a path), configured like a new repository.
    fn clone_of(origin: &Path, fmt: Fmt) -> Repo {
        let repo = Repo::empty(fmt);
        repo.git_ok(&["clone", "-q", origin.to_str().unwrap(), "."]);
        repo.configure();
        repo
    }

    /// The identity, the driver and the attributes (committed where new).
    fn configure(&self) {
        self.git_ok(&["config", "user.name", PRIYA]);
        self.git_ok(&["config", "user.email", "priya@example.org"]);
        self.git_ok(&["config", "commit.gpgsign", "false"]);
        self.git_ok(&["config", "merge.product.name", "product file merge"]);
        self.git_ok(&[
            "config",
            "merge.product.driver",
            &format!("'{}' merge %O %A %B --marker-size %L --path %P", bin()),
        ]);
        let attributes = self.dir().join(".gitattributes");
        if !attributes.exists() {
            std::fs::write(
                attributes,
                "product.toml merge=product\nproduct.json merge=product\n",
            )
            .unwrap();
            std::fs::write(self.dir().join(".gitignore"), "*.lock\n").unwrap();
        }
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self) -> PathBuf {
        self.dir().join(self.fmt.file())
    }

    fn set_today(&self, date: &str) {
        *self.today.borrow_mut() = date.to_owned();
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(self.dir())
            .env("GIT_CONFIG_GLOBAL", &self.gitconfig)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_EDITOR", "true")
            .env("PRODUCT_TODAY", self.today.borrow().as_str())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env("LANG", "C.UTF-8")
            .env("PRODUCT_LOCK_TIMEOUT", "60")
            .env_remove("PRODUCT_FILE")
            .env_remove("PRODUCT_AS")
            .env_remove("PRODUCT_COMPLETE")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("EDITOR")
            .env_remove("VISUAL");
        cmd
    }

    fn git(&self, args: &[&str]) -> Output {
        self.command("git").args(args).output().expect("git runs")
    }

    fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    fn product(&self, args: &[&str]) -> Output {
        self.command(bin())
            .arg("-f")
            .arg(self.fmt.file())
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.product(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "product {args:?}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    fn commit(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    fn branch(&self, name: &str) {
        self.git_ok(&["checkout", "-q", "-b", name]);
    }

    fn checkout(&self, name: &str) {
        self.git_ok(&["checkout", "-q", name]);
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.path()).unwrap()
    }

    /// The merged file, read by the library.
    fn product_now(&self) -> Product {
        productfile::store::load(&self.path())
            .unwrap_or_else(|e| panic!("the file does not read: {e:?}\n{}", self.text()))
    }

    /// The file's product as JSON.
    fn json(&self) -> Value {
        serde_json::to_value(self.product_now()).unwrap()
    }

    /// Whether git's index still holds the file unmerged.
    fn unmerged(&self) -> String {
        self.git_ok(&["diff", "--name-only", "--diff-filter=U"])
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A repository with a `feature` branch cut from the first commit: `feature`
/// is run on it and committed, then `main` on main and committed. Left on main.
fn branched(fmt: Fmt, main: impl Fn(&Repo), feature: impl Fn(&Repo)) -> Repo {
    let repo = Repo::new(fmt);
    repo.branch("feature");
    feature(&repo);
    repo.commit("On the feature branch");
    repo.checkout("main");
    main(&repo);
    repo.commit("On main");
    repo
}

/// `git merge feature` on main: its output, and git's exit code.
fn merge_feature(repo: &Repo) -> (i32, String) {
    let out = repo.git(&["merge", "--no-edit", "feature"]);
    (
        out.status.code().unwrap(),
        format!("{}{}", stdout(&out), stderr(&out)),
    )
}

/// The items' ids and titles, in backlog order.
fn items(p: &Product) -> Vec<(String, String)> {
    p.items
        .iter()
        .map(|i| (i.id.clone(), i.title.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The conflict blocks of a text with markers of `size`: the lines between
/// `<<<<<<< ours` and `=======`, and between that and `>>>>>>> theirs`,
/// with the 1-based line of each opening marker.
fn conflict_blocks(text: &str, size: usize) -> Vec<(usize, Vec<String>, Vec<String>)> {
    let open = format!("{} ours", "<".repeat(size));
    let middle = "=".repeat(size);
    let close = format!("{} theirs", ">".repeat(size));
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line != open {
            assert!(
                !line.starts_with(&"<".repeat(size))
                    && line != middle
                    && !line.starts_with(&">".repeat(size)),
                "a stray marker at line {}: {line}\n{text}",
                n + 1
            );
            continue;
        }
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut in_theirs = false;
        loop {
            let (_, l) = lines.next().expect("a closed conflict block");
            if l == middle && !in_theirs {
                in_theirs = true;
            } else if l == close {
                break;
            } else if in_theirs {
                theirs.push(l.to_owned());
            } else {
                ours.push(l.to_owned());
            }
        }
        assert!(in_theirs, "no separator in the block at line {}", n + 1);
        blocks.push((n + 1, ours, theirs));
    }
    blocks
}

/// The text with each conflict block replaced by one side.
fn resolve(text: &str, take_ours: bool) -> String {
    let mut out = String::new();
    let mut state = 0; // 0 outside, 1 ours, 2 theirs
    for line in text.lines() {
        match (state, line) {
            (0, l) if l.starts_with("<<<<<<< ") => state = 1,
            (1, "=======") => state = 2,
            (2, l) if l.starts_with(">>>>>>> ") => state = 0,
            (1, l) if take_ours => out.push_str(&format!("{l}\n")),
            (2, l) if !take_ours => out.push_str(&format!("{l}\n")),
            (0, l) => out.push_str(&format!("{l}\n")),
            _ => {}
        }
    }
    out
}

fn parse_text(text: &str, fmt: Fmt) -> Product {
    common::merging::parse(text, fmt.file())
}

// ------------------------------------------------------ both sides add items

fn both_add_two_items(fmt: Fmt) {
    let repo = branched(
        fmt,
        |r| {
            r.ok(&["item", "add", "Print a card at home"]);
            r.ok(&["item", "add", "Pay a fine online"]);
        },
        |r| {
            r.ok(&["item", "add", "Join with a passport"]);
            r.ok(&[
                "item",
                "add",
                "Join with a utility bill",
                "--depends-on",
                "LC-4",
            ]);
        },
    );
    let ours_before = repo.text();
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{said}\n{}", repo.text());
    assert!(
        said.contains("renumbered theirs' ids (LC-4 → LC-6, LC-5 → LC-7)"),
        "{said}"
    );
    let merged = repo.product_now();
    assert_eq!(
        items(&merged),
        pairs(&[
            ("LC-1", "Join online"),
            ("LC-2", "Renew a card"),
            ("LC-3", "Report a lost card"),
            ("LC-4", "Print a card at home"),
            ("LC-5", "Pay a fine online"),
            ("LC-6", "Join with a passport"),
            ("LC-7", "Join with a utility bill"),
        ])
    );
    assert_eq!(merged.items[6].depends_on, ["LC-6"]);
    assert!(merged.items[3].depends_on.is_empty());
    // Ours' text is kept: the merge only appended theirs' two items.
    let text = repo.text();
    let kept = match fmt {
        // Up to the closing of the items array.
        Fmt::Json => ours_before.split("\n  ]").next().unwrap().to_owned(),
        Fmt::Toml => ours_before
            .split("\n[[decisions]]")
            .next()
            .unwrap()
            .to_owned(),
    };
    assert!(text.starts_with(&kept), "{text}");
    assert!(!text.contains("<<<<<<<"), "{text}");
    // The merge commit is made, and the next id is after every id issued.
    assert_eq!(repo.unmerged(), "");
    assert!(repo.ok(&["item", "add", "Next"]).contains("LC-8"));
    let check = repo.product(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn two_branches_adding_items_merge_with_theirs_renumbered_toml() {
    both_add_two_items(Fmt::Toml);
}

#[test]
fn two_branches_adding_items_merge_with_theirs_renumbered_json() {
    both_add_two_items(Fmt::Json);
}

// ------------------------------------------------------ fields of one item

#[test]
fn a_title_on_one_branch_and_size_and_tags_on_the_other_merge_cleanly() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = branched(
            fmt,
            |r| {
                r.ok(&["item", "edit", "LC-2", "--title", "Renew a card online"]);
            },
            |r| {
                r.ok(&["item", "edit", "LC-2", "--size", "5", "--tag", "renewals"]);
                r.ok(&["item", "edit", "LC-1", "--untag", "web", "--tag", "joining"]);
            },
        );
        let (code, said) = merge_feature(&repo);
        assert_eq!(code, 0, "{fmt:?}: {said}\n{}", repo.text());
        assert!(said.contains("no conflicts"), "{said}");
        let merged = repo.product_now();
        let lc2 = &merged.items[1];
        assert_eq!(lc2.title, "Renew a card online", "{fmt:?}");
        assert_eq!(lc2.size.map(|s| s.to_string()), Some("5".into()), "{fmt:?}");
        assert_eq!(lc2.tags, ["renewals"], "{fmt:?}");
        assert_eq!(merged.items[0].tags, ["joining"], "{fmt:?}");
        assert_eq!(repo.unmerged(), "");
    }
}

fn one_title_two_ways(fmt: Fmt) {
    let repo = branched(
        fmt,
        |r| {
            r.ok(&["item", "edit", "LC-2", "--title", "Renew online"]);
            r.ok(&["item", "add", "Print a card at home"]);
        },
        |r| {
            r.ok(&["item", "edit", "LC-2", "--title", "Renew by post"]);
            r.ok(&["item", "edit", "LC-1", "--size", "5"]);
        },
    );
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("conflict: items[LC-2].title"), "{said}");
    assert!(
        said.contains("CONFLICT (content): Merge conflict in"),
        "{said}"
    );
    let text = repo.text();
    let blocks = conflict_blocks(&text, 7);
    let (ours, theirs) = match fmt {
        Fmt::Toml => (r#"title = "Renew online""#, r#"title = "Renew by post""#),
        Fmt::Json => (
            r#"      "title": "Renew online","#,
            r#"      "title": "Renew by post","#,
        ),
    };
    assert_eq!(blocks.len(), 1, "{text}");
    assert_eq!(blocks[0].1, [ours], "{text}");
    assert_eq!(blocks[0].2, [theirs], "{text}");
    // Everything else is merged: theirs' size and ours' new item, and the
    // file reads once either side is taken.
    for take_ours in [true, false] {
        let resolved = parse_text(&resolve(&text, take_ours), fmt);
        assert_eq!(
            resolved.items[0].size.map(|s| s.to_string()),
            Some("5".into())
        );
        assert_eq!(resolved.items.len(), 4);
        assert_eq!(resolved.items[3].title, "Print a card at home");
        let title = if take_ours {
            "Renew online"
        } else {
            "Renew by post"
        };
        assert_eq!(resolved.items[1].title, title);
    }
    assert_eq!(repo.unmerged().trim(), fmt.file());

    // Reading a file with markers is an error at the marker's line (exit 3).
    // Once conflict-marker detection lands, the message also says to
    // resolve the conflict; the place is already the marker's line.
    let marker_line = blocks[0].0;
    let show = repo.product(&["show"]);
    assert_eq!(show.status.code(), Some(3), "{}", stderr(&show));
    assert!(
        stderr(&show).contains(&format!("{}:{marker_line}", fmt.file())),
        "not at line {marker_line}: {}",
        stderr(&show)
    );
    assert!(!stderr(&show).contains("panicked"));
}

#[test]
fn one_title_changed_two_ways_is_a_conflict_around_that_line_only_toml() {
    one_title_two_ways(Fmt::Toml);
}

#[test]
fn one_title_changed_two_ways_is_a_conflict_around_that_line_only_json() {
    one_title_two_ways(Fmt::Json);
}

// ------------------------------------------------------ order

#[test]
fn a_ranking_on_one_branch_and_additions_and_edits_on_the_other_both_land() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = branched(
            fmt,
            |r| {
                r.ok(&["rank", "--apply"]);
            },
            |r| {
                r.ok(&["item", "add", "Print a card at home"]);
                r.ok(&["item", "add", "Join with a passport"]);
                r.ok(&["item", "move", "LC-5", "--after", "LC-1"]);
                r.ok(&["item", "edit", "LC-1", "--title", "Join the library online"]);
                r.ok(&["item", "edit", "LC-2", "--size", "3"]);
            },
        );
        let (code, said) = merge_feature(&repo);
        assert_eq!(code, 0, "{fmt:?}: {said}\n{}", repo.text());
        let merged = repo.product_now();
        // The ranking (LC-3, LC-2, LC-1) stands; the item added at the
        // bottom stays at the bottom, the one moved just after LC-1 is there.
        assert_eq!(
            items(&merged),
            pairs(&[
                ("LC-3", "Report a lost card"),
                ("LC-2", "Renew a card"),
                ("LC-1", "Join the library online"),
                ("LC-5", "Join with a passport"),
                ("LC-4", "Print a card at home"),
            ]),
            "{fmt:?}"
        );
        assert_eq!(
            merged.items[2].size.map(|s| s.to_string()),
            Some("3".into())
        );
    }
}

#[test]
fn a_move_on_each_branch_of_different_items_keeps_both() {
    let repo = branched(
        Fmt::Toml,
        |r| {
            r.ok(&["item", "move", "LC-3", "--top"]);
        },
        |r| {
            r.ok(&["item", "add", "Print a card at home"]);
            r.ok(&["item", "move", "LC-1", "--after", "LC-2"]);
        },
    );
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{said}");
    let ids: Vec<String> = repo
        .product_now()
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(ids, ["LC-3", "LC-2", "LC-1", "LC-4"]);
}

// ------------------------------------------------------ decisions and check-ins

/// Both branches log D4 and D5 (a scope decision about the item each adds
/// as LC-4, and an agreed goals or metrics change) and check in O1.KR1, on
/// different days. `later_on_main`: main's check-in is the later one.
fn decisions_and_check_ins(fmt: Fmt, later_on_main: bool) {
    let (main_day, feature_day) = match later_on_main {
        true => ("2026-11-20", "2026-11-10"),
        false => ("2026-11-10", "2026-11-20"),
    };
    let repo = branched(
        fmt,
        |r| {
            r.ok(&[
                "--why",
                "Most asked for",
                "item",
                "add",
                "Print a card at home",
            ]);
            r.ok(&["okr", "checkin", "O1.KR1", "20", "--date", main_day]);
            r.ok(&[
                "--agreed-by",
                DAN,
                "okr",
                "kr",
                "add",
                "O1",
                "--title",
                "Renewals online",
                "--start",
                "0",
                "--target",
                "40",
            ]);
        },
        |r| {
            r.ok(&[
                "--why",
                "Fewer visits",
                "item",
                "add",
                "Join with a passport",
            ]);
            r.ok(&["okr", "checkin", "O1.KR1", "16", "--date", feature_day]);
            r.ok(&["--agreed-by", DAN, "kpi", "edit", "K1", "--target", "85"]);
        },
    );
    let base = repo
        .git_ok(&["merge-base", "main", "feature"])
        .trim()
        .to_owned();
    let feature = repo.git_ok(&["show", &format!("feature:{}", fmt.file())]);
    let theirs = parse_text(&feature, fmt);
    let ids: Vec<&str> = theirs.decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["D1", "D2", "D3", "D4", "D5"],
        "both branches log D4 and D5"
    );

    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{fmt:?}: {said}\n{}", repo.text());
    assert!(said.contains("LC-4 → LC-5"), "{said}");
    assert!(said.contains("D4 → D6, D5 → D7"), "{said}");
    let merged = repo.json();
    let decisions: Vec<(String, String, Value)> = merged["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_owned(),
                d["summary"].as_str().unwrap().to_owned(),
                d["refs"].clone(),
            )
        })
        .collect();
    let json = |v: &str| serde_json::from_str::<Value>(v).unwrap();
    assert_eq!(
        decisions[3..],
        [
            (
                "D4".into(),
                "LC-4 added: Print a card at home".into(),
                json(r#"["LC-4"]"#)
            ),
            (
                "D5".into(),
                "O1.KR2 added: Renewals online".into(),
                json(r#"["O1.KR2"]"#)
            ),
            (
                "D6".into(),
                "LC-5 added: Join with a passport".into(),
                json(r#"["LC-5"]"#)
            ),
            (
                "D7".into(),
                "K1 (User satisfaction) target: 90 -> 85".into(),
                json(r#"["K1"]"#)
            ),
        ],
        "{merged:#}"
    );
    assert_eq!(merged["decisions"][5]["rationale"], "Fewer visits");
    assert_eq!(merged["items"][4]["title"], "Join with a passport");
    assert_eq!(merged["items"][4]["id"], "LC-5");
    let kr = &merged["objectives"][0]["key_results"][0];
    let history: Vec<(String, f64)> = kr["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap().to_owned(),
                r["value"].as_f64().unwrap(),
            )
        })
        .collect();
    let (v10, v20) = if later_on_main {
        (16.0, 20.0)
    } else {
        (20.0, 16.0)
    };
    assert_eq!(
        history,
        [
            ("2026-11-01".to_owned(), 12.0),
            ("2026-11-10".to_owned(), v10),
            ("2026-11-20".to_owned(), v20)
        ],
        "{fmt:?}"
    );
    assert_eq!(kr["current"].as_f64(), Some(v20), "{fmt:?}: {kr}");
    assert_eq!(merged["kpis"][0]["target"].as_f64(), Some(85.0));

    // The merge keeps every decision the governance check looks for.
    let check = repo.product(&["check", "--base", &base]);
    assert_eq!(
        stdout(&check),
        format!(
            "{}: no problems found (governance checked since {base})\n",
            fmt.file()
        ),
        "{}",
        stderr(&check)
    );
    assert_eq!(check.status.code(), Some(0));
    // Without theirs' metrics decision, it would fail: the check has teeth.
    let mut without = repo.product_now();
    without.decisions.retain(|d| d.id != "D7");
    let text = match fmt {
        Fmt::Toml => toml::to_string(&without).unwrap(),
        Fmt::Json => serde_json::to_string_pretty(&without).unwrap(),
    };
    std::fs::write(repo.path(), text).unwrap();
    let check = repo.product(&["check", "--base", &base]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("K1 target: 90 -> 85"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn decisions_and_check_ins_on_both_branches_merge_cleanly_toml() {
    decisions_and_check_ins(Fmt::Toml, true);
    decisions_and_check_ins(Fmt::Toml, false);
}

#[test]
fn decisions_and_check_ins_on_both_branches_merge_cleanly_json() {
    decisions_and_check_ins(Fmt::Json, true);
    decisions_and_check_ins(Fmt::Json, false);
}

// ------------------------------------------------------ removed and edited

#[test]
fn an_item_removed_on_one_branch_and_edited_on_the_other_is_a_conflict() {
    for (fmt, remove_on_main) in [
        (Fmt::Toml, true),
        (Fmt::Toml, false),
        (Fmt::Json, true),
        (Fmt::Json, false),
    ] {
        let remove = |r: &Repo| {
            r.ok(&["item", "rm", "LC-2", "--yes"]);
        };
        let edit = |r: &Repo| {
            r.ok(&["item", "edit", "LC-2", "--title", "Renew a card online"]);
            r.ok(&["item", "edit", "LC-3", "--size", "2"]);
        };
        let repo = if remove_on_main {
            branched(fmt, remove, edit)
        } else {
            branched(fmt, edit, remove)
        };
        let (code, said) = merge_feature(&repo);
        assert_eq!(code, 1, "{fmt:?} {remove_on_main}: {said}");
        assert!(said.contains("conflict: items[LC-2]"), "{said}");
        let text = repo.text();
        let blocks = conflict_blocks(&text, 7);
        assert_eq!(blocks.len(), 1, "{text}");
        let (_, ours, theirs) = &blocks[0];
        let (removed, edited) = if remove_on_main {
            (ours, theirs)
        } else {
            (theirs, ours)
        };
        assert!(removed.is_empty(), "{fmt:?} {remove_on_main}: {text}");
        let edited = edited.join("\n");
        assert!(edited.contains("Renew a card online"), "{text}");
        assert!(edited.contains("LC-2"), "{text}");
        // Taking the edit gives the whole edited item back; taking the
        // removal leaves it out. The other edit is merged either way.
        let keep_edit = !remove_on_main;
        let resolved = parse_text(&resolve(&text, keep_edit), fmt);
        let ids: Vec<&str> = resolved.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["LC-1", "LC-2", "LC-3"], "{fmt:?} {remove_on_main}");
        assert_eq!(resolved.items[1].title, "Renew a card online");
        assert_eq!(
            resolved.items[1].size.map(|s| s.to_string()),
            Some("2".into())
        );
        assert_eq!(
            resolved.items[2].size.map(|s| s.to_string()),
            Some("2".into())
        );
        let resolved = parse_text(&resolve(&text, !keep_edit), fmt);
        let ids: Vec<&str> = resolved.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["LC-1", "LC-3"], "{fmt:?} {remove_on_main}");
        assert_eq!(
            resolved.items[1].size.map(|s| s.to_string()),
            Some("2".into())
        );
    }
}

// ------------------------------------------------------ rebase, cherry-pick, origin

/// Main adds two items; the feature branch adds two in one commit (the
/// second depending on the first) and edits LC-1 in a second.
fn two_commit_feature(fmt: Fmt) -> Repo {
    let repo = Repo::new(fmt);
    repo.branch("feature");
    repo.ok(&["item", "add", "Join with a passport"]);
    repo.ok(&[
        "item",
        "add",
        "Join with a utility bill",
        "--depends-on",
        "LC-4",
    ]);
    repo.commit("Two ways to join");
    repo.ok(&["item", "edit", "LC-1", "--size", "5", "--tag", "joining"]);
    repo.commit("LC-1 is bigger");
    repo.checkout("main");
    repo.ok(&["item", "add", "Print a card at home"]);
    repo.ok(&["item", "add", "Pay a fine online"]);
    repo.commit("On main");
    repo
}

fn main_ids_kept_and_features_renumbered(repo: &Repo, main_first: bool) {
    let merged = repo.product_now();
    let main_items = [
        ("LC-4", "Print a card at home"),
        ("LC-5", "Pay a fine online"),
    ];
    let feature_items = [
        ("LC-6", "Join with a passport"),
        ("LC-7", "Join with a utility bill"),
    ];
    let mut expected = vec![
        ("LC-1", "Join online"),
        ("LC-2", "Renew a card"),
        ("LC-3", "Report a lost card"),
    ];
    if main_first {
        expected.extend(main_items.iter().chain(&feature_items));
    } else {
        expected.extend(feature_items.iter().chain(&main_items));
    }
    assert_eq!(items(&merged), pairs(&expected), "{}", repo.text());
    let utility = merged.items.iter().find(|i| i.id == "LC-7").unwrap();
    assert_eq!(utility.depends_on, ["LC-6"]);
    assert_eq!(merged.items[0].tags, ["web", "joining"]);
    assert_eq!(
        merged.items[0].size.map(|s| s.to_string()),
        Some("5".into())
    );
    assert!(!repo.text().contains("<<<<<<<"));
}

#[test]
fn a_rebase_replays_each_commit_through_the_driver() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = two_commit_feature(fmt);
        repo.checkout("feature");
        let out = repo.git(&["rebase", "main"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            repo.text()
        );
        // The driver ran for both commits: the first renumbered, the second
        // merged the edit onto the renumbered file.
        assert_eq!(said.matches("product merge:").count(), 2, "{said}");
        assert!(
            said.contains("renumbered theirs' ids (LC-4 → LC-6, LC-5 → LC-7)"),
            "{said}"
        );
        main_ids_kept_and_features_renumbered(&repo, true);
        let log = repo.git_ok(&["log", "--format=%s", "main..HEAD"]);
        assert_eq!(log, "LC-1 is bigger\nTwo ways to join\n");
    }
}

#[test]
fn a_cherry_pick_goes_through_the_driver() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = two_commit_feature(fmt);
        let out = repo.git(&["cherry-pick", "feature~1"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            repo.text()
        );
        assert!(said.contains("LC-4 → LC-6, LC-5 → LC-7"), "{said}");
        let out = repo.git(&["cherry-pick", "feature"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        main_ids_kept_and_features_renumbered(&repo, true);
    }
}

/// A bare `origin` whose main has the product file, a clone of it on a
/// feature branch (`origin/HEAD` is set by the clone), and main moved on
/// upstream after the clone: two items added there and pushed.
fn upstream_moved_on(fmt: Fmt) -> (tempfile::TempDir, Repo, Repo) {
    let origin = tempfile::tempdir().unwrap();
    let seed = Repo::new(fmt);
    seed.git_ok(&[
        "init",
        "-q",
        "--bare",
        "-b",
        "main",
        origin.path().to_str().unwrap(),
    ]);
    seed.git_ok(&["remote", "add", "origin", origin.path().to_str().unwrap()]);
    seed.git_ok(&["push", "-q", "origin", "main"]);
    let dev = Repo::clone_of(origin.path(), fmt);
    assert_eq!(
        dev.git_ok(&["rev-parse", "--abbrev-ref", "origin/HEAD"])
            .trim(),
        "origin/main"
    );
    dev.branch("feature");
    dev.ok(&["item", "add", "Join with a passport"]);
    dev.ok(&[
        "item",
        "add",
        "Join with a utility bill",
        "--depends-on",
        "LC-4",
    ]);
    dev.commit("Two ways to join");
    dev.ok(&["item", "edit", "LC-1", "--size", "5", "--tag", "joining"]);
    dev.commit("LC-1 is bigger");
    seed.ok(&["item", "add", "Print a card at home"]);
    seed.ok(&["item", "add", "Pay a fine online"]);
    seed.commit("On main");
    seed.git_ok(&["push", "-q", "origin", "main"]);
    dev.git_ok(&["fetch", "-q", "origin"]);
    (origin, seed, dev)
}

#[test]
fn merging_origin_main_into_a_branch_keeps_mains_ids() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let (_origin, _seed, dev) = upstream_moved_on(fmt);
        let out = dev.git(&["merge", "--no-edit", "origin/main"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            dev.text()
        );
        assert!(
            said.contains("renumbered ours' ids (LC-4 → LC-6, LC-5 → LC-7)"),
            "{said}"
        );
        // Main's items keep their ids and come first where both added.
        main_ids_kept_and_features_renumbered(&dev, true);
        // And the branch is governed against where it left main.
        let check = dev.product(&["check", "--base", "origin/main"]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    }
}

#[test]
fn rebasing_a_branch_on_origin_main_keeps_mains_ids() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let (_origin, _seed, dev) = upstream_moved_on(fmt);
        let out = dev.git(&["rebase", "origin/main"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            dev.text()
        );
        main_ids_kept_and_features_renumbered(&dev, true);
    }
}

#[test]
fn an_explicit_upstream_keeps_its_ids_whichever_side_it_is() {
    // Merging main into the feature branch locally, with main named as the
    // upstream: main is theirs, and ours (the branch) is renumbered.
    let repo = two_commit_feature(Fmt::Toml);
    repo.checkout("feature");
    repo.git_ok(&[
        "config",
        "merge.product.driver",
        &format!(
            "'{}' merge %O %A %B --marker-size %L --path %P --upstream main",
            bin()
        ),
    ]);
    let out = repo.git(&["merge", "--no-edit", "main"]);
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        said.contains("renumbered ours' ids (LC-4 → LC-6, LC-5 → LC-7)"),
        "{said}"
    );
    main_ids_kept_and_features_renumbered(&repo, true);
}

#[test]
fn an_upstream_that_cannot_be_read_leaves_ours_its_ids_and_says_so() {
    let repo = two_commit_feature(Fmt::Toml);
    repo.checkout("feature");
    repo.git_ok(&[
        "config",
        "merge.product.driver",
        &format!(
            "'{}' merge %O %A %B --marker-size %L --path %P --upstream no-such-branch",
            bin()
        ),
    ]);
    let out = repo.git(&["merge", "--no-edit", "main"]);
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("renumbered theirs' ids"), "{said}");
    assert!(
        said.contains("note: the upstream could not be read") && said.contains("no-such-branch"),
        "{said}"
    );
}

// ------------------------------------------------------ replayed commits

/// The feature branch adds LC-4 on 1 December and edits it in a later
/// commit; main adds another LC-4, on `main_day`. Rebasing the branch
/// renumbers its LC-4 in the first commit; the second commit's edit is to
/// an id that now names main's item.
fn replay_an_edit_of_a_renumbered_item(fmt: Fmt, main_day: &str, edit: &[&str]) -> (Repo, Output) {
    let repo = Repo::new(fmt);
    repo.branch("feature");
    repo.ok(&["item", "add", "Join with a passport"]);
    repo.commit("Join with a passport");
    let mut args = vec!["item", "edit", "LC-4"];
    args.extend(edit);
    repo.ok(&args);
    repo.commit("Edit LC-4");
    repo.checkout("main");
    repo.set_today(main_day);
    repo.ok(&["item", "add", "Print a card at home"]);
    repo.commit("On main");
    repo.set_today(TODAY);
    repo.checkout("feature");
    let out = repo.git(&["rebase", "main"]);
    (repo, out)
}

#[test]
fn a_replayed_edit_of_an_id_that_now_names_another_item_is_a_conflict() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let (repo, out) = replay_an_edit_of_a_renumbered_item(fmt, "2026-12-02", &["--size", "3"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_ne!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            repo.text()
        );
        assert!(said.contains("conflict: items[LC-4]"), "{said}");
        let text = repo.text();
        let blocks = conflict_blocks(&text, 7);
        assert_eq!(blocks.len(), 1, "{text}");
        let (_, ours, theirs) = &blocks[0];
        // Ours is main's item as it is; theirs is the edit, meant for the
        // item the first commit added.
        let ours = ours.join("\n");
        let theirs = theirs.join("\n");
        assert!(ours.contains("Print a card at home"), "{text}");
        assert!(!ours.contains("size"), "{text}");
        assert!(theirs.contains("Join with a passport"), "{text}");
        assert!(theirs.contains("size"), "{text}");
        // Nowhere is the edit applied to main's item.
        let resolved = parse_text(&resolve(&text, true), fmt);
        let print = resolved.items.iter().find(|i| i.id == "LC-4").unwrap();
        assert_eq!(print.title, "Print a card at home");
        assert_eq!(print.size, None);
        let passport = resolved.items.iter().find(|i| i.id == "LC-5").unwrap();
        assert_eq!(passport.title, "Join with a passport");
        repo.git_ok(&["rebase", "--abort"]);
    }
}

#[test]
fn a_replayed_edit_is_a_conflict_even_when_both_items_were_added_the_same_day() {
    // The items' created dates are the same: what tells is that ours holds
    // the base's LC-4 under the id the earlier commit's merge gave it.
    for fmt in [Fmt::Toml, Fmt::Json] {
        let (repo, out) = replay_an_edit_of_a_renumbered_item(fmt, TODAY, &["--size", "3"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_ne!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            repo.text()
        );
        assert!(said.contains("conflict: items[LC-4]"), "{said}");
        let resolved = parse_text(&resolve(&repo.text(), true), fmt);
        let print = resolved.items.iter().find(|i| i.id == "LC-4").unwrap();
        assert_eq!(
            (print.title.as_str(), print.size),
            ("Print a card at home", None)
        );
        repo.git_ok(&["rebase", "--abort"]);
    }
}

// ------------------------------------------------------ bad input: git's merge

/// Every line of `side` is in `merged` (nothing lost), in order.
fn keeps_every_line(merged: &str, side: &str) {
    let mut lines = merged.lines();
    for line in side.lines() {
        assert!(
            lines.any(|l| l == line),
            "`{line}` is missing or out of order in:\n{merged}"
        );
    }
}

#[test]
fn a_file_added_on_both_branches_falls_back_to_gits_merge() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = Repo::empty(fmt);
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.configure();
        std::fs::write(repo.dir().join("README.md"), "# Library cards\n").unwrap();
        repo.commit("A start");
        repo.branch("feature");
        std::fs::write(repo.path(), fmt.text()).unwrap();
        repo.ok(&["item", "add", "Join with a passport"]);
        repo.commit("The product file, on the branch");
        let theirs = repo.text();
        repo.checkout("main");
        std::fs::write(repo.path(), fmt.text()).unwrap();
        repo.ok(&["item", "add", "Print a card at home"]);
        repo.commit("The product file, on main");
        let ours = repo.text();
        let (code, said) = merge_feature(&repo);
        // Git hands the driver an empty base: it cannot be read as a
        // product, so git's own merge runs, and leaves both additions.
        assert_eq!(code, 1, "{fmt:?}: {said}");
        assert!(
            said.contains("product merge: not merged as products: base"),
            "{said}"
        );
        assert!(said.contains("the file is empty"), "{said}");
        assert!(
            said.contains("merged as text by `git merge-file`: 1 conflict"),
            "{said}"
        );
        let text = repo.text();
        assert_eq!(conflict_blocks(&text, 7).len(), 1, "{text}");
        keeps_every_line(&resolve(&text, true), &ours);
        keeps_every_line(&resolve(&text, false), &theirs);
    }
}

#[test]
fn a_side_that_is_not_a_product_file_falls_back_to_gits_merge() {
    // Someone committed a file that does not read on the branch; main edits
    // elsewhere. Git's merge merges it cleanly, keeping both.
    let repo = Repo::new(Fmt::Toml);
    repo.branch("feature");
    let broken = PRODUCT_TOML.replace("[[decisions]]\nid = \"D3\"", "[[decisions\nid = \"D3\"");
    std::fs::write(repo.path(), &broken).unwrap();
    repo.commit("A broken file");
    repo.checkout("main");
    repo.ok(&["item", "edit", "LC-1", "--title", "Join the library online"]);
    repo.commit("On main");
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("not merged as products: theirs"), "{said}");
    assert!(
        said.contains("merged as text by `git merge-file`: no conflicts"),
        "{said}"
    );
    let text = repo.text();
    assert_eq!(
        text,
        broken
            .replace(
                "title = \"Join online\"",
                "title = \"Join the library online\""
            )
            .replace(
                "size = 3\ncreated = 2026-11-01\n",
                "size = 3\ncreated = 2026-11-01\nupdated = 2026-12-01\n"
            )
    );
}

#[test]
fn a_side_with_conflict_markers_falls_back_to_gits_merge() {
    // A file committed with markers still in it (on main), merged with a
    // branch that edits far from them and with one that edits inside them.
    let repo = Repo::new(Fmt::Toml);
    repo.branch("feature");
    repo.ok(&["item", "edit", "LC-3", "--size", "2"]);
    repo.commit("LC-3 is bigger");
    repo.checkout("main");
    repo.branch("clash");
    repo.ok(&["item", "edit", "LC-1", "--title", "Join us"]);
    repo.commit("LC-1 retitled");
    repo.checkout("main");
    let marked = PRODUCT_TOML.replace(
        "title = \"Join online\"\n",
        "<<<<<<< ours\ntitle = \"Join online\"\n=======\ntitle = \"Join the library\"\n>>>>>>> theirs\n",
    );
    std::fs::write(repo.path(), &marked).unwrap();
    repo.commit("Committed with markers");
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("not merged as products: ours"), "{said}");
    let text = repo.text();
    let edited = marked.replace(
        "size = 1\ncreated = 2026-11-01\n",
        "size = 2\ncreated = 2026-11-01\nupdated = 2026-12-01\n",
    );
    assert_eq!(text, edited);

    let out = repo.git(&["merge", "--no-edit", "clash"]);
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("merged as text by `git merge-file`: 1 conflict"),
        "{said}"
    );
    let text = repo.text();
    keeps_every_line(&text, &edited);
    assert!(text.contains("title = \"Join us\""), "{text}");
}

// ------------------------------------------------------ product merge on files

/// A scratch folder with base, ours and theirs (no extension, as git's
/// temporary files).
fn three_files(base: &str, ours: &str, theirs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn merge_files(dir: &Path, extra: &[&str]) -> Output {
    Command::new(bin())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PRODUCT_TODAY", TODAY)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("PRODUCT_FILE")
        .args(["merge", "base", "ours", "theirs"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn product_merge_on_files_writes_the_merge_over_ours() {
    let ours = PRODUCT_TOML.replace("title = \"Renew a card\"", "title = \"Renew online\"");
    let theirs = PRODUCT_TOML.replace("size = 2\n", "size = 5\n");
    let dir = three_files(PRODUCT_TOML, &ours, &theirs);
    let out = merge_files(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "product merge: 1 entity changed on ours, 1 on theirs; no conflicts\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ours")).unwrap(),
        ours.replace("size = 2\n", "size = 5\n")
    );
    // Base and theirs are left as they were.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("theirs")).unwrap(),
        theirs
    );
    // --quiet says nothing when all went well.
    let dir = three_files(PRODUCT_TOML, &ours, &theirs);
    let out = merge_files(dir.path(), &["--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn product_merge_on_files_uses_the_marker_size_and_the_format_asked_for() {
    let json = product_json();
    let ours = json.replace("\"Renew a card\"", "\"Renew online\"");
    let theirs = json.replace("\"Renew a card\"", "\"Renew by post\"");
    for path in [&["--path", "docs/product.json"][..], &[]] {
        let dir = three_files(&json, &ours, &theirs);
        let mut args = vec!["--marker-size", "10"];
        args.extend(path);
        let out = merge_files(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{path:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("1 conflict\n"), "{}", stderr(&out));
        let text = std::fs::read_to_string(dir.path().join("ours")).unwrap();
        let blocks = conflict_blocks(&text, 10);
        assert_eq!(blocks.len(), 1, "{text}");
        assert_eq!(blocks[0].1, [r#"      "title": "Renew online","#]);
        assert_eq!(blocks[0].2, [r#"      "title": "Renew by post","#]);
    }
}

#[test]
fn product_merge_when_a_side_cannot_be_read_at_all_exits_6_and_writes_nothing() {
    let dir = three_files(PRODUCT_TOML, PRODUCT_TOML, PRODUCT_TOML);
    std::fs::remove_file(dir.path().join("theirs")).unwrap();
    let out = merge_files(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not merged as products: theirs"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("git merge-file"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ours")).unwrap(),
        PRODUCT_TOML
    );
}

#[test]
fn product_merge_of_text_that_is_no_product_uses_gits_merge() {
    let dir = three_files("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n");
    let out = merge_files(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ours")).unwrap(),
        "A\nb\nC\n"
    );
    let dir = three_files("a\nb\nc\n", "A\nb\nc\n", "a2\nb\nc\n");
    let out = merge_files(dir.path(), &["--marker-size", "3"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ours")).unwrap(),
        "<<< ours\nA\n===\na2\n>>> theirs\nb\nc\n"
    );
}

// ------------------------------------------------------ comments

#[test]
fn theirs_comments_on_what_theirs_added_are_kept_and_others_reported() {
    let repo = Repo::new(Fmt::Toml);
    repo.branch("feature");
    repo.ok(&["item", "add", "Join with a passport"]);
    let text = repo
        .text()
        .replace(
            "[[items]]\nid = \"LC-4\"\ntitle = \"Join with a passport\"\n",
            "# Asked for at every branch.\n[[items]]\nid = \"LC-4\"\ntitle = \"Join with a passport\" # a working title\n",
        )
        .replace(
            "[[items]]\nid = \"LC-2\"",
            "# Renewals wait for the new card system.\n[[items]]\nid = \"LC-2\"",
        );
    std::fs::write(repo.path(), &text).unwrap();
    repo.commit("Join with a passport, with comments");
    repo.checkout("main");
    repo.ok(&["item", "add", "Print a card at home"]);
    let ours = repo.text().replace(
        "[[items]]\nid = \"LC-4\"",
        "# Ours: the printer is on order.\n[[items]]\nid = \"LC-4\"",
    );
    std::fs::write(repo.path(), &ours).unwrap();
    repo.commit("Print a card at home");

    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{said}");
    let merged = repo.text();
    // Ours' text, comments and all, then theirs' item with its comments,
    // under its new id.
    let kept = ours.split("\n[[decisions]]").next().unwrap();
    assert!(merged.starts_with(kept), "{merged}");
    assert!(
        merged.contains(
            "\n# Asked for at every branch.\n[[items]]\nid = \"LC-5\"\ntitle = \"Join with a passport\" # a working title\n"
        ),
        "{merged}"
    );
    // The comment theirs put on an item ours has is not in the file: it is
    // reported, with its line in theirs.
    assert!(!merged.contains("Renewals wait"), "{merged}");
    let line = text
        .lines()
        .position(|l| l.starts_with("# Renewals wait"))
        .unwrap()
        + 1;
    assert!(
        said.contains(&format!(
            "comment not placed (theirs line {line}: # Renewals wait for the new card system.)"
        )),
        "{said}"
    );
}

// ------------------------------------------------------ the JSON report

#[test]
fn the_json_report_has_the_envelope_the_renumbering_and_the_conflicts() {
    let ours = PRODUCT_TOML.replace("title = \"Renew a card\"", "title = \"Renew online\"")
        + "\n[[items]]\nid = \"LC-4\"\ntitle = \"Print a card at home\"\nkind = \"feature\"\nstatus = \"idea\"\n";
    let theirs = PRODUCT_TOML.replace("title = \"Renew a card\"", "title = \"Renew by post\"")
        + "\n[[items]]\nid = \"LC-4\"\ntitle = \"Join with a passport\"\nkind = \"feature\"\nstatus = \"idea\"\n";
    let dir = three_files(PRODUCT_TOML, &ours, &theirs);
    let out = merge_files(dir.path(), &["--json", "--path", "product.toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "the report is on stdout, and only there");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "kind": "merge",
            "version": 1,
            "how": "semantic",
            "changed": {"ours": 2, "theirs": 2},
            "renumbered": [
                {"entity": "item", "side": "theirs", "from": "LC-4", "to": "LC-5"}
            ],
            "conflict_count": 1,
            "conflicts": [
                {"path": "items[LC-2].title", "ours": "Renew online", "theirs": "Renew by post"}
            ],
            "notes": [],
            "unplaced_comments": []
        })
    );

    // A clean merge: exit 0, no conflicts; a textual one says why.
    let dir = three_files(PRODUCT_TOML, &ours, PRODUCT_TOML);
    let out = merge_files(dir.path(), &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["conflict_count"], 0);
    assert_eq!(
        report["changed"],
        serde_json::json!({"ours": 2, "theirs": 0})
    );
    let dir = three_files("a\n", "b\n", "a\n");
    let out = merge_files(dir.path(), &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["kind"], "merge");
    assert_eq!(report["how"], "textual");
    assert!(
        report["fallback_reason"]
            .as_str()
            .unwrap()
            .starts_with("base (base): "),
        "{report}"
    );
}

#[test]
fn a_commit_cherry_picked_to_main_and_the_branch_merged_later_gives_one_item() {
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = Repo::new(fmt);
        repo.branch("feature");
        repo.ok(&["item", "add", "Join with a passport"]);
        repo.commit("Join with a passport");
        repo.ok(&["item", "edit", "LC-4", "--size", "3", "--tag", "joining"]);
        repo.commit("Size LC-4");
        repo.checkout("main");
        repo.git_ok(&["cherry-pick", "feature~1"]);
        repo.ok(&["item", "edit", "LC-1", "--size", "5"]);
        repo.commit("On main");
        let (code, said) = merge_feature(&repo);
        assert_eq!(code, 0, "{fmt:?}: {said}\n{}", repo.text());
        assert!(!said.contains("renumbered"), "{said}");
        let merged = repo.product_now();
        assert_eq!(
            items(&merged),
            pairs(&[
                ("LC-1", "Join online"),
                ("LC-2", "Renew a card"),
                ("LC-3", "Report a lost card"),
                ("LC-4", "Join with a passport"),
            ])
        );
        assert_eq!(merged.items[3].tags, ["joining"]);
        assert_eq!(
            merged.items[3].size.map(|s| s.to_string()),
            Some("3".into())
        );
        assert_eq!(
            merged.items[0].size.map(|s| s.to_string()),
            Some("5".into())
        );
    }
}

#[test]
fn a_replayed_commit_that_refers_to_a_renumbered_item_follows_it() {
    // The branch adds LC-4, then an item that depends on it and a decision
    // about both; main adds its own LC-4. Rebased, the first commit's LC-4
    // becomes LC-5, and the second commit's references go with it.
    for fmt in [Fmt::Toml, Fmt::Json] {
        let repo = Repo::new(fmt);
        repo.branch("feature");
        repo.ok(&["item", "add", "Join with a passport"]);
        repo.commit("Join with a passport");
        repo.ok(&[
            "item",
            "add",
            "Join with a utility bill",
            "--depends-on",
            "LC-4",
        ]);
        repo.ok(&[
            "decide",
            "--kind",
            "scope",
            "--summary",
            "LC-5 needs LC-4 first",
            "--ref",
            "LC-4",
            "--ref",
            "LC-5",
        ]);
        repo.commit("Join with a utility bill");
        repo.checkout("main");
        repo.ok(&["item", "add", "Print a card at home"]);
        repo.commit("On main");
        repo.checkout("feature");
        let out = repo.git(&["rebase", "main"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fmt:?}: {said}\n{}",
            repo.text()
        );
        let merged = repo.product_now();
        assert_eq!(
            items(&merged),
            pairs(&[
                ("LC-1", "Join online"),
                ("LC-2", "Renew a card"),
                ("LC-3", "Report a lost card"),
                ("LC-4", "Print a card at home"),
                ("LC-5", "Join with a passport"),
                ("LC-6", "Join with a utility bill"),
            ]),
            "{fmt:?}"
        );
        assert_eq!(merged.items[5].depends_on, ["LC-5"], "{fmt:?}");
        let decision = merged.decisions.last().unwrap();
        assert_eq!(decision.refs, ["LC-5", "LC-6"], "{fmt:?}");
        assert_eq!(decision.summary, "LC-6 needs LC-5 first", "{fmt:?}");
    }
}

#[test]
fn merging_a_branch_again_never_applies_its_edit_to_the_item_that_took_its_id() {
    let repo = branched(
        Fmt::Toml,
        |r| {
            r.ok(&["item", "add", "Print a card at home"]);
        },
        |r| {
            r.ok(&["item", "add", "Join with a passport"]);
        },
    );
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("LC-4 → LC-5"), "{said}");
    // The branch goes on, editing its LC-4, and is merged again.
    repo.checkout("feature");
    repo.ok(&["item", "edit", "LC-4", "--size", "3"]);
    repo.ok(&[
        "item",
        "add",
        "Join with a utility bill",
        "--depends-on",
        "LC-4",
    ]);
    repo.commit("More on the branch");
    repo.checkout("main");
    let (code, said) = merge_feature(&repo);
    assert_eq!(code, 1, "{said}\n{}", repo.text());
    assert!(said.contains("conflict: items[LC-4]"), "{said}");
    let resolved = parse_text(&resolve(&repo.text(), true), Fmt::Toml);
    let print = resolved.items.iter().find(|i| i.id == "LC-4").unwrap();
    assert_eq!(
        (print.title.as_str(), print.size),
        ("Print a card at home", None)
    );
    // The branch's new item depends on the branch's item, under its id on main.
    let utility = resolved
        .items
        .iter()
        .find(|i| i.title == "Join with a utility bill")
        .unwrap();
    assert_eq!(utility.depends_on, ["LC-5"]);
}
