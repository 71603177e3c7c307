//! Portfolios through the library, without the binary: the manifest read
//! and edited with its comments kept, products loaded (one at a git
//! revision, one missing, one with a key already taken), and what the
//! portfolio finds placed at each file's line; the roll-up's figures
//! against each product's own; and the changes to a manifest refused where
//! they would break it.

mod common;

use std::path::Path;
use std::time::Duration;

use common::portfolio::{self as fixture, line_of};
use productfile::check::{self, Tally};
use productfile::model::{Date, Horizon, Status};
use productfile::ops::portfolio::{self as ops, Listed};
use productfile::portfolio::check::Place;
use productfile::portfolio::deps::{Flag, Resolved};
use productfile::portfolio::{self, Member};
use productfile::query::{mvp::MvpReport, okr};
use productfile::store::{self, StoreError};
use productfile::{ErrorCode, ErrorKind};

fn today() -> Date {
    Date::from_ymd(2026, 11, 23).unwrap()
}

fn open(path: &Path) -> store::OpenPortfolio {
    store::open_portfolio(path).unwrap()
}

#[test]
fn every_problem_is_found_at_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let opened = open(&manifest);
    // The missing product does not hide the others.
    assert_eq!(opened.members.len(), 5);
    assert!(opened.members[0].is_ok());
    assert!(opened.members[1].is_ok());
    assert!(opened.members[2].is_ok());
    assert!(opened.members[3].is_ok());
    assert!(
        matches!(opened.members[4], Err(StoreError::Missing { .. })),
        "{:?}",
        opened.members[4]
    );
    // Cards is read at main: the item committed on the work branch is not there.
    let cards = opened.members[1].as_ref().unwrap();
    assert_eq!(cards.rev.as_deref(), Some("main"));
    assert!(cards.product.item("CARD-3").is_none());
    assert!(cards.product.item("CARD-1").is_some());

    let checked = portfolio::check::check(&opened.portfolio(), today());
    let manifest_text = std::fs::read_to_string(&manifest).unwrap();
    let text_of = |place: Place| match place {
        Place::Manifest => manifest_text.clone(),
        Place::Product(i) => opened.members[i].as_ref().unwrap().text.clone(),
    };
    let line = |place: Place, path: &productfile::model::KeyPath| -> Option<usize> {
        match place {
            Place::Manifest => store::Placer::new(&manifest_text, store::Format::Toml)
                .place(path)
                .map(|p| p.0),
            Place::Product(i) => opened.members[i]
                .as_ref()
                .unwrap()
                .placer()
                .place(path)
                .map(|p| p.0),
        }
    };
    let found = |rule: &str| -> Vec<(Place, usize, String)> {
        checked
            .findings
            .iter()
            .filter(|f| f.finding.rule == rule)
            .map(|f| {
                (
                    f.place,
                    line(f.place, &f.finding.path).unwrap(),
                    f.finding.message.clone(),
                )
            })
            .collect()
    };

    let unreadable = found("portfolio-product-unreadable");
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].0, Place::Manifest);
    assert_eq!(
        unreadable[0].1,
        line_of(&manifest_text, "../gone/product.toml")
    );
    assert!(
        unreadable[0]
            .2
            .contains("../gone/product.toml cannot be read"),
        "{}",
        unreadable[0].2
    );

    let duplicate = found("portfolio-duplicate-key");
    assert_eq!(duplicate.len(), 1);
    assert_eq!(
        duplicate[0].1,
        line_of(&manifest_text, "../legacy/product.toml")
    );
    assert!(
        duplicate[0]
            .2
            .contains("../payments/product.toml and ../legacy/product.toml both have the key PAY"),
        "{}",
        duplicate[0].2
    );

    let cycle = found("portfolio-dependency-cycle");
    assert_eq!(cycle.len(), 1, "{cycle:?}");
    assert_eq!(cycle[0].0, Place::Product(0));
    assert_eq!(
        cycle[0].1,
        line_of(&text_of(Place::Product(0)), "depends_on = [\"CARD-1\"]")
    );
    assert!(
        cycle[0].2.ends_with("PAY-1 → CARD-1 → PAY-1"),
        "{}",
        cycle[0].2
    );

    let later = found("portfolio-dependency-later");
    assert_eq!(later.len(), 1, "{later:?}");
    assert_eq!(
        later[0].1,
        line_of(fixture::PAYMENTS, "depends_on = [\"ID-3\"]")
    );
    assert_eq!(
        later[0].2,
        "PAY-2 (Now) depends on ID-3 of Identity, planned for Later"
    );

    let dangling = found("portfolio-dangling-reference");
    assert_eq!(dangling.len(), 1, "{dangling:?}");
    assert_eq!(
        dangling[0].1,
        line_of(fixture::PAYMENTS, "depends_on = [\"CARD-9\"]")
    );
    assert_eq!(
        dangling[0].2,
        "PAY-3 depends on CARD-9, which Cards does not have"
    );

    let dropped = found("portfolio-dependency-dropped");
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert_eq!(dropped[0].0, Place::Product(2));
    assert_eq!(
        dropped[0].1,
        line_of(fixture::IDENTITY, "depends_on = [\"CARD-2\"]")
    );

    let objective = found("portfolio-unknown-objective");
    assert_eq!(objective.len(), 1, "{objective:?}");
    assert_eq!(objective[0].0, Place::Product(1));
    assert_eq!(
        objective[0].1,
        line_of(fixture::CARDS, "contributes_to = [\"PO1\", \"PO9\"]")
    );
    assert_eq!(
        objective[0].2,
        "O1 contributes to PO9, which the portfolio does not have"
    );

    // Each product's own check is there too, and single-file check does
    // not call another product's item dangling.
    for (i, own) in checked.own.iter().enumerate() {
        match &opened.members[i] {
            Ok(m) => {
                let mut alone = check::check(&m.product, m.shape.as_ref(), today());
                alone.extend(check::merge_driver(&m.product, m.repository.as_ref()));
                assert_eq!(*own, Some(Tally::of(&alone)));
                assert!(
                    alone.iter().all(|f| f.rule != "dangling-reference"),
                    "{alone:?}"
                );
            }
            Err(_) => assert_eq!(*own, None),
        }
    }
}

#[test]
fn the_roll_up_agrees_with_each_products_own_commands() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let opened = open(&manifest);
    let shown = portfolio::show::show(&opened.portfolio(), today());
    assert_eq!(shown.name, "Money");
    assert_eq!(shown.unreadable, 1);
    assert_eq!(shown.products[4].path, "../gone/product.toml");
    assert!(
        shown.products[4]
            .error
            .as_deref()
            .unwrap()
            .contains("does not exist")
    );
    assert_eq!(shown.products[1].path, "../cards/product.toml@main");
    for (line, member) in shown.products.iter().zip(&opened.members) {
        let Ok(m) = member else { continue };
        let p = &m.product;
        let mvp = MvpReport::of(p);
        assert_eq!(line.key.as_deref(), Some(p.product.key.as_str()));
        assert_eq!(line.owner, p.product.owner);
        assert_eq!(line.open_items, Some(p.open_items().count()));
        assert_eq!(
            (line.mvp_done, line.mvp_total),
            (Some(mvp.items_done), Some(mvp.items_total))
        );
        let grades: Vec<Option<f64>> = okr::objectives(p, today())
            .iter()
            .map(|o| o.grade)
            .collect();
        assert_eq!(
            line.objectives.iter().map(|g| g.grade).collect::<Vec<_>>(),
            grades
        );
        // As `product check` runs them: the rules, then the merge driver's.
        let mut own = check::check(p, m.shape.as_ref(), today());
        own.extend(check::merge_driver(
            p,
            store::attributes_of(&m.file)
                .filter(|_| m.rev.is_none())
                .as_ref(),
        ));
        assert_eq!(line.check, Some(Tally::of(&own)));
    }
    // Payments by hand: PAY-1, PAY-2 and PAY-4 are the MVP, PAY-4 done;
    // three items open; O1 is (70-50)/(90-50) = 0.5; K1 is green.
    let pay = &shown.products[0];
    assert_eq!(
        (pay.open_items, pay.mvp_done, pay.mvp_total),
        (Some(3), Some(1), Some(3))
    );
    assert_eq!(pay.objectives[0].grade, Some(0.5));
    let kpis = pay.kpis.unwrap();
    assert_eq!((kpis.green, kpis.red), (1, 0));
    assert_eq!(
        pay.mvp_forecast_reason
            .as_deref()
            .map(|r| r.starts_with("found ")),
        Some(true)
    );
    assert_eq!(pay.now, vec!["R1".to_owned()]);
    // PO1: Payments O1 (0.5) and Cards O1 (0.25): a mean of 0.375.
    let po1 = &shown.objectives[0];
    assert_eq!(po1.id, "PO1");
    let from: Vec<(&str, &str)> = po1
        .contributions
        .iter()
        .map(|c| (c.product.as_str(), c.objective.as_str()))
        .collect();
    // Legacy shares the PAY key but has no objectives.
    assert_eq!(from, vec![("PAY", "O1"), ("CARD", "O1")]);
    assert_eq!(po1.grade, Some(0.375));
}

#[test]
fn dependencies_and_lanes_read_across_products() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let opened = open(&manifest);
    let p = opened.portfolio();
    let deps = portfolio::deps::dependencies(&p);
    let summary: Vec<(&str, &str, Resolved, Option<Flag>)> = deps
        .iter()
        .map(|d| (d.item.as_str(), d.depends_on.as_str(), d.resolved, d.flag))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("PAY-1", "CARD-1", Resolved::Found, Some(Flag::Cycle)),
            ("PAY-2", "ID-3", Resolved::Found, Some(Flag::LaterHorizon)),
            (
                "PAY-3",
                "CARD-9",
                Resolved::MissingItem,
                Some(Flag::Missing)
            ),
            ("CARD-1", "PAY-1", Resolved::Found, Some(Flag::Cycle)),
            ("ID-1", "CARD-2", Resolved::Found, Some(Flag::Dropped)),
        ]
    );
    assert_eq!(deps[0].on_status, Some(Status::Doing));
    let lanes = portfolio::roadmap::roadmap(&p);
    let now: Vec<(&str, &str, bool)> = lanes.lanes[0]
        .entries
        .iter()
        .map(|e| {
            (
                e.product.as_str(),
                e.entry.id.as_str(),
                e.entry.date.is_some(),
            )
        })
        .collect();
    assert_eq!(lanes.lanes[0].horizon, Horizon::Now);
    assert_eq!(now, vec![("PAY", "R1", false), ("CARD", "R1", true)]);
    assert_eq!(lanes.lanes[2].entries[0].entry.title, "Passkeys");
}

#[test]
fn a_product_that_is_not_in_the_portfolio_is_not_a_missing_item() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let mut opened = open(&manifest);
    // Without Cards, CARD-1 names no product of the portfolio.
    opened.manifest.products.remove(1);
    drop(opened.members.remove(1));
    opened.reasons.remove(1);
    let deps = portfolio::deps::dependencies(&opened.portfolio());
    let card = deps.iter().find(|d| d.depends_on == "CARD-1").unwrap();
    // A product could not be read (gone/), so it may be that one.
    assert_eq!(card.resolved, Resolved::UnreadableProduct);
    opened.manifest.products.pop();
    opened.members.pop();
    opened.reasons.pop();
    let deps = portfolio::deps::dependencies(&opened.portfolio());
    let card = deps.iter().find(|d| d.depends_on == "CARD-1").unwrap();
    assert_eq!(
        (card.resolved, card.flag),
        (Resolved::UnknownProduct, Some(Flag::Missing))
    );
}

#[test]
fn editing_the_manifest_keeps_its_comments_and_refuses_what_would_break_it() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixture::write(dir.path());
    let opened = open(&manifest);
    let listed: Vec<Listed> = opened
        .manifest
        .products
        .iter()
        .zip(&opened.members)
        .map(|(m, l)| Listed {
            member: m.clone(),
            key: l.as_ref().ok().map(|l| l.product.product.key.clone()),
        })
        .collect();
    let wait = Duration::from_secs(5);
    let before = std::fs::read_to_string(&manifest).unwrap();

    // A key already taken is refused, and the file is untouched.
    let again = Member {
        path: "../payments/copy.toml".into(),
        rev: None,
    };
    let err = store::edit_manifest(&manifest, wait, |m| {
        ops::add(m, again.clone(), "CARD", &listed).map(|m| (m, ()))
    })
    .unwrap_err();
    assert_eq!(
        (err.kind, err.code),
        (ErrorKind::Usage, ErrorCode::DuplicateKey)
    );
    assert!(
        err.message.contains(
            "../payments/copy.toml has the key CARD, which ../cards/product.toml@main has already"
        ),
        "{}",
        err.message
    );
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), before);

    // The missing product comes out by its path; legacy by its key... which
    // Payments shares, so the first product with it is the one named: rm
    // by path for the second.
    let removed = store::edit_manifest(&manifest, wait, |m| {
        ops::remove(m, "../gone/product.toml", &listed)
    })
    .unwrap();
    assert_eq!(removed.path, "../gone/product.toml");
    let removed = store::edit_manifest(&manifest, wait, |m| {
        ops::remove(m, "../legacy/product.toml", &listed)
    })
    .unwrap();
    assert_eq!(removed.path, "../legacy/product.toml");
    let after = std::fs::read_to_string(&manifest).unwrap();
    assert!(after.starts_with("# The money products.\n"), "{after}");
    assert!(
        after.contains("rev = \"main\"   # what has shipped"),
        "{after}"
    );
    assert!(
        !after.contains("gone") && !after.contains("legacy"),
        "{after}"
    );
    assert!(after.contains("[[objectives]]\nid = \"PO1\""), "{after}");

    // An unknown key is refused with those there are.
    let err = ops::remove(&store::read_manifest(&manifest).unwrap(), "NOPE", &listed).unwrap_err();
    assert!(err.hint.unwrap().contains("PAY, CARD, ID"));

    // Adding at a path relative to the manifest, after the others.
    let new = Member {
        path: store::relative_to_manifest(&manifest, &dir.path().join("legacy/product.toml"))
            .unwrap(),
        rev: None,
    };
    assert_eq!(new.path, "../legacy/product.toml");
    store::edit_manifest(&manifest, wait, |m| {
        ops::add(m, new.clone(), "LEG", &[]).map(|m| (m, ()))
    })
    .unwrap();
    let read = store::read_manifest(&manifest).unwrap();
    assert_eq!(read.products.last(), Some(&new));
    assert!(
        std::fs::read_to_string(&manifest)
            .unwrap()
            .contains("# The money products.")
    );
}

#[test]
fn a_bad_manifest_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portfolio.toml");
    std::fs::write(&path, "name = \"Money\"\n\n[[objectives]]\nid = \"PO1\"\ntitle = \"A\"\n\n[[objectives]]\nid = \"PO1\"\ntitle = \"B\"\n").unwrap();
    let StoreError::InvalidManifest { problems, .. } = store::read_manifest(&path).unwrap_err()
    else {
        panic!("not an invalid manifest")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line_col, Some((8, 1)));
    assert!(problems[0].message.contains("duplicate objective id `PO1`"));
    std::fs::write(&path, "name = 3\n").unwrap();
    let err = productfile::Error::from(store::read_manifest(&path).unwrap_err());
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(
        err.message.contains("is not a valid portfolio manifest"),
        "{}",
        err.message
    );
    assert_eq!(err.problems[0].line_col.map(|l| l.0), Some(1));
    // JSON reads the same.
    let json = dir.path().join("portfolio.json");
    std::fs::write(
        &json,
        r#"{"name": "Money", "products": [{"path": "a/product.json", "rev": "-x"}]}"#,
    )
    .unwrap();
    let StoreError::InvalidManifest { problems, .. } = store::read_manifest(&json).unwrap_err()
    else {
        panic!("not an invalid manifest")
    };
    assert!(problems[0].message.contains("`-x` is not a git revision"));
    // None found: the error says how to make one.
    let empty = tempfile::tempdir().unwrap();
    let err = productfile::Error::from(store::discover_manifest(None, empty.path()).unwrap_err());
    assert!(err.hint.unwrap().contains("product portfolio init"));
}

/// A manifest with one product, in `dir`, named `name`, of this text.
fn manifest_of(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn member(path: &str) -> Member {
    Member {
        path: path.into(),
        rev: None,
    }
}

#[test]
fn an_inline_list_of_products_is_edited_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = manifest_of(
        dir.path(),
        "portfolio.toml",
        "name = \"T\"\n# the list\nproducts = [\n  { path = \"../pay/product.toml\", team = \"a\" },  # pay\n]\n\n[[objectives]]\nid = \"PO1\"\ntitle = \"One\"\n",
    );
    let wait = Duration::from_secs(5);
    store::edit_manifest(&path, wait, |m| {
        ops::add(m, member("../cards/product.json"), "CARD", &[]).map(|m| (m, ()))
    })
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            "# the list\nproducts = [\n  { path = \"../pay/product.toml\", team = \"a\" },"
        ),
        "{text}"
    );
    assert!(
        text.contains("{ path = \"../cards/product.json\" }"),
        "{text}"
    );
    assert!(text.contains("[[objectives]]\nid = \"PO1\""), "{text}");
    let read = store::read_manifest(&path).unwrap();
    assert_eq!(read.products.len(), 2);
    // `team` is not the manifest's: kept, and reported.
    assert_eq!(
        read.unknown_keys
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>(),
        ["products[1].team"]
    );
}

#[test]
fn line_ends_a_byte_order_mark_and_the_lists_comment_stay() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}name = \"T\"\r\n\r\n# the products\r\n[[products]]\r\npath = \"a/product.toml\"\r\n\r\n[[products]]\r\npath = \"b/product.toml\"\r\n";
    let path = manifest_of(dir.path(), "portfolio.toml", text);
    let wait = Duration::from_secs(5);
    store::edit_manifest(&path, wait, |m| ops::remove(m, "a/product.toml", &[])).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        "\u{feff}name = \"T\"\r\n\r\n# the products\r\n[[products]]\r\npath = \"b/product.toml\"\r\n"
    );
    // JSON keeps its own layout and unknown keys too.
    let json = manifest_of(
        dir.path(),
        "portfolio.json",
        "{\n    \"name\": \"T\",\n    \"owner\": \"x\",\n    \"products\": [{\"path\": \"a/product.json\", \"note\": 1}]\n}\n",
    );
    store::edit_manifest(&json, wait, |m| {
        ops::add(m, member("b/product.json"), "B", &[]).map(|m| (m, ()))
    })
    .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["owner"], "x");
    assert_eq!(v["products"][0]["note"], 1);
    assert_eq!(v["products"][1]["path"], "b/product.json");
    assert!(
        std::fs::read_to_string(&json)
            .unwrap()
            .contains("\n    \"name\"")
    );
}

#[test]
fn a_wrong_type_is_placed_at_its_key_and_an_unknown_key_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = manifest_of(
        dir.path(),
        "portfolio.json",
        "{\"name\": \"B\",\n \"products\": [{\"path\": 3}]}\n",
    );
    let StoreError::InvalidManifest { problems, .. } = store::read_manifest(&path).unwrap_err()
    else {
        panic!("not an invalid manifest")
    };
    assert_eq!(problems[0].path, "products[1].path");
    assert_eq!(problems[0].line_col, Some((2, 24)));
    assert!(
        problems[0].message.contains("expected a string"),
        "{}",
        problems[0].message
    );
    // A misspelt `rev` is a finding of the portfolio's check, at its line.
    let manifest = fixture::write(dir.path());
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("rev = \"main\"", "revv = \"main\"");
    std::fs::write(&manifest, &text).unwrap();
    let opened = open(&manifest);
    let found = portfolio::check::portfolio_findings(&opened.portfolio());
    let unknown: Vec<_> = found
        .iter()
        .filter(|f| f.finding.rule == "portfolio-unknown-key")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].finding.path.to_string(), "products[2].revv");
    let at = store::Placer::new(&text, store::Format::Toml).place(&unknown[0].finding.path);
    assert_eq!(at.map(|a| a.0), Some(line_of(&text, "revv")));
}

#[cfg(unix)]
#[test]
fn a_manifest_reached_through_a_link_reads_its_products_from_the_links_target() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("a/port");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(dir.path().join("a/pay")).unwrap();
    std::fs::write(
        dir.path().join("a/pay/product.toml"),
        "version = 1\n\n[product]\nname = \"P\"\nkey = \"PAY\"\n",
    )
    .unwrap();
    manifest_of(
        &real,
        "portfolio.toml",
        "name = \"T\"\n\n[[products]]\npath = \"../pay/product.toml\"\n",
    );
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("b/port")).unwrap();
    // Given as the folder: its manifest.
    let linked = store::discover_manifest(Some(&dir.path().join("b/port")), dir.path()).unwrap();
    let manifest = store::read_manifest(&linked).unwrap();
    let members = store::load_members(&linked, &manifest.products);
    assert!(members[0].is_ok(), "{:?}", members[0]);
}

#[test]
fn a_manifest_saved_by_something_else_meanwhile_is_refused_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = manifest_of(
        dir.path(),
        "portfolio.toml",
        "name = \"T\"\n\n[[products]]\npath = \"a/product.toml\"\n",
    );
    let by_hand = "name = \"T\"\n# saved by an editor\n\n[[products]]\npath = \"a/product.toml\"\n";
    let target = path.clone();
    // An editor saves the file just as the change is about to be swapped in.
    store::set_after_sync_hook(Some(Box::new(move |_: &Path| {
        std::fs::write(&target, by_hand).unwrap();
    })));
    let result = store::edit_manifest(&path, Duration::from_secs(5), |m| {
        ops::add(m, member("b/product.toml"), "B", &[]).map(|m| (m, ()))
    });
    store::set_after_sync_hook(None);
    let err = result.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict, "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), by_hand);
}
