//! `product portfolio` end to end: the binary on a portfolio of three
//! products (two in git, one read at a revision) with a key taken twice and
//! a product file missing; every command in its formats, the exit codes,
//! and the manifest's commands keeping its comments.

mod common;
// Only the parser of the page is used here.
#[allow(dead_code)]
#[path = "common/page.rs"]
mod page;

use std::path::Path;

use common::portfolio::{self as fixture, line_of};
use common::{ok, ok_json, product, stderr, stdout};
use page::parse;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = product(dir).args(args).output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    (out.status.code(), stdout(&out), stderr(&out))
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

#[test]
fn a_missing_product_shows_as_such_and_the_rest_still_shows() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let home = manifest.parent().unwrap();
    let (code, out, err) = run(home, &["portfolio", "show", "--json"]);
    assert_eq!(code, Some(3), "{err}");
    let v = json(&out);
    assert_eq!(v["kind"], "portfolio_show");
    let products = v["products"].as_array().unwrap();
    assert_eq!(products.len(), 5);
    assert_eq!(products[0]["key"], "PAY");
    assert_eq!(products[0]["open_items"], 3);
    assert_eq!(products[1]["path"], "../cards/product.toml@main");
    assert_eq!(products[4]["key"], Value::Null);
    assert!(
        products[4]["error"]
            .as_str()
            .unwrap()
            .contains("gone/product.toml does not exist")
    );
    assert!(
        err.contains("1 product of the portfolio could not be read: ../gone/product.toml"),
        "{err}"
    );
    // For people: a line each, the failure in its row.
    let (code, out, _) = run(home, &["portfolio", "show"]);
    assert_eq!(code, Some(3));
    common::has_row(
        &out,
        "PAY Payments Ada Okafor 3 1/3 R1 O1 0.50 1 green 0 errors, 0 warnings too little history",
    );
    assert!(
        out.contains("cannot be") && out.contains("does not exist"),
        "{out}"
    );
    common::has_row(&out, "PO1 Pay in one tap 0.38");
    // For a spreadsheet, each figure in its own column.
    let (_, csv, _) = run(home, &["portfolio", "show", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "key,name,path,owner,open_items,mvp_done,mvp_total,now,objectives,kpis_green,kpis_amber,kpis_red,kpis_unknown,errors,warnings,mvp_p85,error"
    );
    assert_eq!(
        lines[1],
        "PAY,Payments,../payments/product.toml,Ada Okafor,3,1,3,R1,O1 0.50,1,0,0,0,0,0,,"
    );
    // Nothing, not zero, for the product that cannot be read.
    assert!(
        lines[5] == ",,../gone/product.toml,,,,,,,,,,,,,,../gone/product.toml does not exist",
        "{}",
        lines[5]
    );
    common::has_row(&out, "CARD O1: Cards everywhere 0.25");
}

#[test]
fn check_places_every_finding_and_exits_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let home = manifest.parent().unwrap();
    let (code, out, _) = run(home, &["portfolio", "check"]);
    assert_eq!(code, Some(3), "{out}");
    let cycle = line_of(fixture::PAYMENTS, "depends_on = [\"CARD-1\"]");
    let contributes = line_of(fixture::CARDS, "\"PO9\"]");
    let gone = line_of(fixture::MANIFEST, "../gone/");
    for expected in [
        format!("portfolio.toml:{gone}:1: error[portfolio-product-unreadable]"),
        format!("../payments/product.toml:{cycle}:15: error[portfolio-dependency-cycle]: open items of 2 products wait for each other: PAY-1 → CARD-1 → PAY-1"),
        format!("../cards/product.toml@main:{contributes}:26: error[portfolio-unknown-objective]"),
        "hint: agree which comes first with the other owners, then remove one dependency, e.g. `product -f ../payments/product.toml item edit PAY-1 --unlink-depends-on CARD-1`".to_owned(),
        "warning[portfolio-dependency-later]: PAY-2 (Now) depends on ID-3 of Identity, planned for Later".to_owned(),
        "portfolio.toml: 5 errors, 7 warnings, 1 info in 5 products, 1 could not be read".to_owned(),
    ] {
        assert!(out.contains(&expected), "no {expected:?} in:\n{out}");
    }
    // The manifest's findings come first, then each product's in order.
    let first = |s: &str| out.find(s).unwrap();
    assert!(first("portfolio.toml:") < first("../payments/"));
    assert!(first("../payments/") < first("../cards/"));

    // Without the missing product and the duplicate: findings exit 1.
    ok(home, &["portfolio", "rm", "../gone/product.toml"]);
    ok(home, &["portfolio", "rm", "../legacy/product.toml"]);
    let (code, out, _) = run(home, &["portfolio", "check", "--json"]);
    assert_eq!(code, Some(1));
    let v = json(&out);
    assert_eq!(v["kind"], "portfolio_check");
    assert_eq!(v["passed"], false);
    assert_eq!(v["summary"]["errors"], 3);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|r| r.starts_with("portfolio-"))
        .collect();
    assert_eq!(
        rules,
        [
            "portfolio-dependency-cycle",
            "portfolio-dependency-later",
            "portfolio-dangling-reference",
            "portfolio-unknown-objective",
            "portfolio-dependency-dropped",
        ]
    );
    // Each product's own check, with its findings among the rest.
    assert_eq!(v["products"][1]["check"]["warnings"], 3);
    assert!(
        out.contains("\"file\": \"../cards/product.toml@main\""),
        "{out}"
    );

    // For CI: annotations and SARIF name the files as in their repositories.
    let (code, out, _) = run(home, &["portfolio", "check", "--format", "github"]);
    assert_eq!(code, Some(1));
    // The portfolio folder is in no repository here: paths from the working folder.
    assert!(out.contains(&format!("::error file=../payments/product.toml,line={cycle},col=15,title=portfolio-dependency-cycle (error)::")), "{out}");
    let (_, out, _) = run(home, &["portfolio", "check", "--format", "sarif"]);
    let sarif = json(&out);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), v["findings"].as_array().unwrap().len());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "portfolio-dependency-cycle");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        cycle
    );
    // --deny warnings, markdown and CSV as check has them.
    let (_, out, _) = run(home, &["portfolio", "check", "--format", "csv"]);
    assert!(
        out.starts_with("Severity,Rule,Where,Message,Hint\n"),
        "{out}"
    );
}

#[test]
fn the_manifest_commands_write_it_and_refuse_what_would_break_it() {
    let dir = tempfile::tempdir().unwrap();
    fixture::write(dir.path());
    let home = dir.path().join("mine");
    std::fs::create_dir_all(&home).unwrap();
    let v = ok_json(
        &home,
        &[
            "portfolio",
            "init",
            "Mine",
            "../payments/product.toml",
            "../identity/product.toml",
        ],
        "portfolio_init",
    );
    assert_eq!(v["products"][1]["key"], "ID");
    let text = std::fs::read_to_string(home.join("portfolio.toml")).unwrap();
    assert_eq!(
        text,
        "name = \"Mine\"\n\n[[products]]\npath = \"../payments/product.toml\"\n\n[[products]]\npath = \"../identity/product.toml\"\n"
    );
    // A comment of the owner's stays through every change.
    std::fs::write(home.join("portfolio.toml"), format!("# Ours.\n{text}")).unwrap();
    let v = ok_json(
        &home,
        &["portfolio", "add", "../cards/product.toml", "--rev", "main"],
        "portfolio_add",
    );
    assert_eq!(
        (v["key"].as_str(), v["rev"].as_str()),
        (Some("CARD"), Some("main"))
    );
    // A key already there: refused, exit 2, the manifest untouched.
    let before = std::fs::read_to_string(home.join("portfolio.toml")).unwrap();
    let (code, _, err) = run(&home, &["portfolio", "add", "../legacy/product.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "../legacy/product.toml has the key PAY, which ../payments/product.toml has already"
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(home.join("portfolio.toml")).unwrap(),
        before
    );
    // The hint speaks of the portfolio, not of the file being added.
    let (_, _, err) = run(
        &home,
        &["portfolio", "add", "../cards/product.toml", "--rev", "main"],
    );
    assert!(
        err.contains("hint: `product portfolio show` lists its products"),
        "{err}"
    );
    // A file that does not read: exit 3, untouched.
    let (code, _, err) = run(&home, &["portfolio", "add", "../nothing/product.toml"]);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(
        std::fs::read_to_string(home.join("portfolio.toml")).unwrap(),
        before
    );
    ok_json(&home, &["portfolio", "rm", "ID"], "portfolio_rm");
    let after = std::fs::read_to_string(home.join("portfolio.toml")).unwrap();
    assert!(after.starts_with("# Ours.\n"), "{after}");
    assert!(after.contains("rev = \"main\""), "{after}");
    assert!(!after.contains("identity"), "{after}");
    // An unknown key says which there are.
    let (code, _, err) = run(&home, &["portfolio", "rm", "NOPE"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("PAY, CARD"), "{err}");
    // init will not overwrite.
    let (code, _, _) = run(&home, &["portfolio", "init", "Again"]);
    assert_eq!(code, Some(2));
}

#[test]
fn the_manifest_is_found_given_or_named_by_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let inner = manifest.parent().unwrap().join("deeper/still");
    std::fs::create_dir_all(&inner).unwrap();
    // Found in a parent folder.
    let (code, out, _) = run(&inner, &["portfolio", "roadmap", "--json"]);
    assert_eq!(code, Some(3));
    assert_eq!(json(&out)["kind"], "portfolio_roadmap");
    // Given, from elsewhere; and by $PRODUCT_PORTFOLIO.
    let (code, _, _) = run(
        dir.path(),
        &[
            "portfolio",
            "--manifest",
            "portfolio/portfolio.toml",
            "deps",
        ],
    );
    assert_eq!(code, Some(3));
    let out = product(dir.path())
        .env("PRODUCT_PORTFOLIO", "portfolio/portfolio.toml")
        .args(["portfolio", "deps", "--flagged", "--json"])
        .output()
        .unwrap();
    let v = json(&stdout(&out));
    assert_eq!(v["kind"], "portfolio_deps");
    // The missing, the dropped, the later, and the two of the cycle.
    assert_eq!(v["flagged"], 5);
    assert_eq!(v["dependencies"].as_array().unwrap().len(), 5);
    // None anywhere: exit 3 with how to make one.
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run(empty.path(), &["portfolio", "show"]);
    assert_eq!(code, Some(3));
    assert!(err.contains("no portfolio manifest"), "{err}");
    assert!(err.contains("product portfolio init"), "{err}");
    // A check format elsewhere is a usage error.
    let (code, _, _) = run(
        dir.path(),
        &[
            "portfolio",
            "--manifest",
            "portfolio/portfolio.toml",
            "show",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(code, Some(2));
}

#[test]
fn the_roadmap_lanes_and_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let home = manifest.parent().unwrap();
    let (_, out, _) = run(home, &["portfolio", "roadmap", "--format", "csv"]);
    assert!(
        out.contains("CARD,now,R1,Tokenised cards,,,2027-03-01,The card scheme's deadline,0,1"),
        "{out}"
    );
    let (_, out, _) = run(home, &["portfolio", "roadmap"]);
    assert!(out.contains("CARD R1 Tokenised cards"), "{out}");
    assert!(out.contains("by 2027-03-01"), "{out}");
    let (code, html, _) = run(home, &["portfolio", "report", "--format", "html"]);
    assert_eq!(code, Some(3));
    let (_, errors) = parse(&html);
    assert!(errors.is_empty(), "{errors:?}");
    for piece in [
        "<h1>Money</h1>",
        "id=\"product-PAY\"",
        "id=\"product-CARD\"",
        "Pay in one tap",
        "Hard date",
        "Cannot be read",
    ] {
        assert!(html.contains(piece), "no {piece} in the page");
    }
    let (_, md, _) = run(home, &["portfolio", "report", "--format", "markdown"]);
    assert!(md.contains("5 dependencies, 5 flagged"), "{md}");
}

#[test]
fn a_single_file_treats_another_products_item_as_external() {
    let dir = tempfile::tempdir().unwrap();
    fixture::write(dir.path());
    let pay = dir.path().join("payments");
    // check does not call CARD-9 dangling in Payments alone.
    let v = ok_json(&pay, &["check"], "check");
    assert_eq!(v["summary"]["errors"], 0, "{v:#}");
    // mvp and forecast name it, outside the file.
    let v = ok_json(&pay, &["mvp"], "mvp");
    assert_eq!(v["external_dependencies"][0]["depends_on"], "CARD-1");
    let v = ok_json(&pay, &["forecast", "--mvp"], "forecast");
    let set = &v["target"];
    assert!(
        set["external_dependencies"].to_string().contains("ID-3"),
        "{v:#}"
    );
    // rank --apply orders the backlog around it, without a word about it.
    let before = std::fs::read_to_string(pay.join("product.toml")).unwrap();
    let (code, _, err) = run(&pay, &["--as", "Ada Okafor", "rank", "--apply"]);
    assert_eq!(code, Some(0), "{err}");
    let after = std::fs::read_to_string(pay.join("product.toml")).unwrap();
    assert!(
        after.contains("depends_on = [\"CARD-1\"]") && after.contains("depends_on = [\"CARD-9\"]")
    );
    assert_eq!(
        before.matches("[[items]]").count(),
        after.matches("[[items]]").count()
    );
    // An item can be made to depend on one; an unknown own id is still refused.
    ok(
        &pay,
        &[
            "--as",
            "Ada Okafor",
            "item",
            "edit",
            "PAY-3",
            "--depends-on",
            "ID-2",
        ],
    );
    let (code, _, _) = run(
        &pay,
        &[
            "--as",
            "Ada Okafor",
            "item",
            "edit",
            "PAY-3",
            "--depends-on",
            "PAY-99",
        ],
    );
    assert_eq!(code, Some(3));
    // And an objective can contribute to a portfolio objective.
    ok(
        &pay,
        &[
            "--as",
            "Ada Okafor",
            "okr",
            "edit",
            "O1",
            "--contributes-to",
            "PO2",
        ],
    );
    assert!(
        std::fs::read_to_string(pay.join("product.toml"))
            .unwrap()
            .contains("contributes_to = [\"PO1\", \"PO2\"]")
    );
    let out = ok(&pay, &["okr", "show", "O1"]);
    assert!(out.contains("PO1, PO2 (portfolio objectives)"), "{out}");
    let v = ok_json(&pay, &["okr", "list"], "okr_list");
    assert_eq!(
        v["objectives"][0]["contributes_to"],
        serde_json::json!(["PO1", "PO2"])
    );
}

#[test]
fn adding_beside_an_unreadable_product_says_its_key_went_unchecked() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let home = manifest.parent().unwrap();
    std::fs::create_dir_all(dir.path().join("extra")).unwrap();
    std::fs::write(
        dir.path().join("extra/product.toml"),
        "version = 1\n\n[product]\nname = \"Extra\"\nkey = \"EXT\"\n",
    )
    .unwrap();
    let v = ok_json(
        home,
        &["portfolio", "add", "../extra/product.toml"],
        "portfolio_add",
    );
    assert_eq!(
        v["warnings"][0],
        "../gone/product.toml cannot be read, so its key could not be compared"
    );
    // A hint about a product read at a revision says where to change it.
    let (_, out, _) = run(home, &["portfolio", "check"]);
    assert!(
        out.contains(
            "(the portfolio reads ../cards/product.toml at main: change it where main is made)"
        ),
        "{out}"
    );
    // The manifest's folder stands for it.
    let (code, out, _) = run(
        dir.path(),
        &["portfolio", "--manifest", "portfolio", "roadmap", "--json"],
    );
    assert_eq!(code, Some(3));
    assert_eq!(json(&out)["kind"], "portfolio_roadmap");
}

#[test]
fn annotations_name_files_from_the_top_of_the_portfolios_repository() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    std::fs::create_dir_all(top.join("payments")).unwrap();
    std::fs::write(top.join("payments/product.toml"), fixture::PAYMENTS).unwrap();
    std::fs::create_dir_all(top.join("portfolio")).unwrap();
    std::fs::write(
        top.join("portfolio/portfolio.toml"),
        "name = \"Mono\"\n\n[[products]]\npath = \"../payments/product.toml\"\n\n[[objectives]]\nid = \"PO1\"\ntitle = \"One\"\n",
    )
    .unwrap();
    common::commit_all(top, "Ada Okafor", "Everything");
    let (code, out, _) = run(
        &top.join("portfolio"),
        &["portfolio", "check", "--format", "github"],
    );
    assert_eq!(code, Some(1), "{out}");
    let line = line_of(fixture::PAYMENTS, "depends_on = [\"CARD-1\"]");
    assert!(
        out.contains(&format!("::error file=payments/product.toml,line={line},col=15,title=portfolio-dangling-reference (error)::PAY-1 depends on CARD-1, but no product of the portfolio has the key CARD")),
        "{out}"
    );
}

/// What a head of product reads, kept as golden files
/// (`tests/golden/portfolio/`; `UPDATE_GOLDEN=1` rewrites them).
#[test]
fn the_portfolio_as_people_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let home = manifest.parent().unwrap();
    let golden = common::repo("tests/golden/portfolio");
    for (name, args) in [
        ("show.txt", &["portfolio", "show"][..]),
        ("roadmap.txt", &["portfolio", "roadmap"]),
        ("deps.txt", &["portfolio", "deps"]),
        ("check.txt", &["portfolio", "check"]),
        (
            "report.md",
            &["portfolio", "report", "--format", "markdown"],
        ),
    ] {
        let (code, out, _) = run(home, args);
        assert_eq!(code, Some(3), "{args:?}");
        common::assert_golden(&golden.join(name), &out);
    }
}
