//! Properties of the store on generated products: what is written reads
//! back as itself, in TOML and JSON; an edit of one item changes the file
//! only inside that item; and the product an edit reads from its
//! format-keeping document is the one the `toml` crate reads from the text.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use productfile::model::{Date, Item, Kind, Moscow, Product, Status};
use productfile::store::{self, Edit};
use proptest::prelude::*;

const TOML_START: &str =
    "version = 1\n\n# Written by hand.\n[product]\nname = \"Prop\"\nkey = \"PT\"\n";
const JSON_START: &str = "{\n  \"version\": 1,\n  \"product\": {\n    \"name\": \"Prop\",\n    \"key\": \"PT\"\n  }\n}\n";

/// Text as people type it: quotes, backslashes, `#`, tabs, line breaks,
/// accents and emoji; no `[` so an item's header can be found by its text.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.:'\"\\\\#\t\né✓😀-]{1,24}"
}

fn number() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![
        (0u32..40).prop_map(f64::from),
        (0.0f64..1000.0),
    ])
}

fn item(n: usize) -> impl Strategy<Value = Item> {
    let kinds = prop::sample::select(vec![Kind::Feature, Kind::Bug, Kind::Debt, Kind::Spike]);
    let statuses = prop::sample::select(Status::ALL.to_vec());
    let moscow = prop::option::of(prop::sample::select(vec![
        Moscow::Must,
        Moscow::Should,
        Moscow::Could,
        Moscow::Wont,
    ]));
    (
        (text(), prop::option::of(text()), kinds, statuses, moscow),
        (
            prop::collection::vec("[a-z0-9-]{1,8}", 0..3),
            prop::collection::vec(text(), 0..3),
            any::<bool>(),
            prop::option::of(0u32..3000),
        ),
        (number(), number(), number(), number(), number()),
    )
        .prop_map(
            move |(
                (title, description, kind, status, moscow),
                (tags, acceptance, mvp, created),
                (value, time_criticality, risk_reduction, size, confidence),
            )| {
                let today = Date::from_ymd(2026, 11, 24).unwrap();
                let mut item = Item::new(format!("PT-{n}"), title, kind, today);
                item.description = description;
                item.status = status;
                item.moscow = moscow;
                item.tags = tags;
                item.acceptance = acceptance;
                item.mvp = mvp;
                item.created = created.and_then(|d| {
                    today
                        .0
                        .checked_sub_days(chrono::Days::new(u64::from(d)))
                        .map(Date)
                });
                item.value = value;
                item.time_criticality = time_criticality;
                item.risk_reduction = risk_reduction;
                item.size = size;
                item.confidence = confidence;
                item
            },
        )
}

fn product() -> impl Strategy<Value = Product> {
    (0usize..12)
        .prop_flat_map(|n| (1..=n).map(item).collect::<Vec<_>>())
        .prop_map(|items| {
            let mut product = Product::new("Prop".into(), "PT".into());
            product.items = items;
            product
        })
}

/// Writes `product` over a file that starts as `start`, through the same
/// edit every command makes, and returns the file's text.
fn write(path: &Path, start: &str, product: &Product) -> String {
    std::fs::write(path, start).unwrap();
    let (_, mut edit) = Edit::open(path, Duration::from_secs(5)).unwrap();
    edit.save(product).unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// The product read from the document of `text`, and the one the `toml`
/// crate reads from `text`: equal, or both refused.
fn read_both_ways(text: &str, name: &str) -> Option<Product> {
    let doc: toml_edit::DocumentMut = text
        .parse()
        .unwrap_or_else(|e| panic!("{name} is not TOML: {e}"));
    let ours = store::product_from_document(&doc);
    let theirs = toml::from_str::<Product>(text);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(ours, theirs, "{name}: the two reads differ");
            Some(ours)
        }
        (Err(_), Err(_)) => None,
        (ours, theirs) => panic!(
            "{name}: read from the document: {:?}; by the toml crate: {:?}",
            ours.err(),
            theirs.err().map(|e| e.to_string())
        ),
    }
}

/// The product a [`store::Placer`] reads from its own parse (what `product
/// check` uses) is the one `store::parse` reads, or both refuse the text
/// with the same message.
fn placer_reads_as_the_store_does(text: &str, name: &str) {
    let file = Path::new("product.toml");
    let placer = store::Placer::new(text, store::Format::Toml);
    match (placer.product(file), store::parse(text, file)) {
        (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs, "{name}"),
        (Err(ours), Err(theirs)) => assert_eq!(ours.to_string(), theirs.to_string(), "{name}"),
        (ours, theirs) => panic!("{name}: placer {:?}, store {:?}", ours.err(), theirs.err()),
    }
}

/// The TOML files kept in the repository: the example, the golden inputs
/// and outputs, and the fuzzing seeds.
fn repository_toml_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("examples/product.toml")];
    for dir in ["tests/golden", "fuzz/seeds/toml_round_trip"] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_repository_files_read_the_same_from_the_document() {
    let files = repository_toml_files();
    assert!(files.len() >= 10, "{files:?}");
    let mut read = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        read += usize::from(read_both_ways(text, &path.display().to_string()).is_some());
        placer_reads_as_the_store_does(text, &path.display().to_string());
    }
    assert!(read >= 10, "only {read} files read");
}

/// The benchmark generator (`examples/generate.rs`), built if this test
/// run did not build it already.
fn generator() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_product"));
    let profile_dir = bin.parent().unwrap();
    let generate = profile_dir
        .join("examples")
        .join(format!("generate{}", std::env::consts::EXE_SUFFIX));
    if !generate.exists() {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--quiet", "--example", "generate"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir.ends_with("release") {
            cargo.arg("--release");
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "building the generator failed");
    }
    generate
}

#[test]
fn generated_files_read_the_same_from_the_document() {
    let generate = generator();
    for args in [
        &["--items", "300", "--seed", "1"][..],
        &["--items", "300", "--seed", "7", "--edits", "20"],
        &["--items", "40", "--seed", "3"],
    ] {
        let out = Command::new(&generate).args(args).output().unwrap();
        assert!(out.status.success(), "generate {args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        placer_reads_as_the_store_does(&text, &format!("generate {args:?}"));
        let product = read_both_ways(&text, &format!("generate {args:?}"));
        let product = product.unwrap_or_else(|| panic!("generate {args:?} does not read"));
        assert!(!product.items.is_empty());
    }
}

/// The byte range of item `id` in the file's text.
fn item_span(text: &str, id: &str, json: bool) -> (usize, usize) {
    let at = text
        .find(&format!("\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in {text}"));
    let (open, close) = if json {
        ("\n    {", "\n    }")
    } else {
        ("[[items]]", "\n[[")
    };
    let start = text[..at].rfind(open).unwrap();
    let end = text[at..]
        .find(close)
        .map_or(text.len(), |e| at + e + close.len());
    (start, end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_written_product_reads_back_as_itself(product in product()) {
        let dir = tempfile::tempdir().unwrap();
        for (name, start) in [("product.toml", TOML_START), ("product.json", JSON_START)] {
            let path = dir.path().join(name);
            let text = write(&path, start, &product);
            let read = store::load(&path).unwrap();
            prop_assert_eq!(&read, &product, "{}", name);
            if name.ends_with(".toml") {
                let from_document = read_both_ways(&text, name);
                prop_assert_eq!(from_document.as_ref(), Some(&product));
                // And an edit reads it so.
                let (opened, _edit) = Edit::open(&path, Duration::from_secs(5)).unwrap();
                prop_assert_eq!(&opened, &product);
            }
        }
    }

    #[test]
    fn an_edit_of_one_item_changes_nothing_outside_it(
        product in product().prop_filter("has items", |p| !p.items.is_empty()),
        pick in any::<prop::sample::Index>(),
        title in text(),
        size in number(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (name, start, json) in [
            ("product.toml", TOML_START, false),
            ("product.json", JSON_START, true),
        ] {
            let path = dir.path().join(name);
            let before = write(&path, start, &product);
            let k = pick.index(product.items.len());
            let mut edited = product.clone();
            edited.items[k].title.clone_from(&title);
            edited.items[k].size = size;
            let (mut changed, mut edit) = Edit::open(&path, Duration::from_secs(5)).unwrap();
            changed.items[k].title.clone_from(&title);
            changed.items[k].size = size;
            edit.save(&changed).unwrap();
            let after = std::fs::read_to_string(&path).unwrap();
            prop_assert_eq!(&store::load(&path).unwrap(), &edited);

            // Everything before and after the item is as it was.
            let (start, end) = item_span(&before, &product.items[k].id, json);
            let tail = before.len() - end;
            prop_assert!(after.len() >= start + tail);
            prop_assert_eq!(&after[..start], &before[..start], "{}: before the item", name);
            prop_assert_eq!(&after[after.len() - tail..], &before[end..], "{}: after the item", name);
        }
    }

    #[test]
    fn items_reordered_removed_and_added_read_back_as_written(
        product in product().prop_filter("has items", |p| p.items.len() >= 2),
        moves in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..4),
        remove in prop::option::of(any::<prop::sample::Index>()),
        added in prop::collection::vec((text(), any::<prop::sample::Index>()), 0..3),
        retitle in prop::option::of((any::<prop::sample::Index>(), text())),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (name, start) in [("product.toml", TOML_START), ("product.json", JSON_START)] {
            let path = dir.path().join(name);
            write(&path, start, &product);
            let (mut changed, mut edit) = Edit::open(&path, Duration::from_secs(5)).unwrap();
            for (from, to) in &moves {
                let item = changed.items.remove(from.index(changed.items.len()));
                let at = to.index(changed.items.len() + 1);
                changed.items.insert(at, item);
            }
            if let Some(k) = remove {
                changed.items.remove(k.index(changed.items.len()));
            }
            for (n, (title, at)) in added.iter().enumerate() {
                let today = Date::from_ymd(2026, 11, 24).unwrap();
                let item = Item::new(format!("PT-{}", 100 + n), title.clone(), Kind::Bug, today);
                let at = at.index(changed.items.len() + 1);
                changed.items.insert(at, item);
            }
            if let Some((k, title)) = &retitle {
                let k = k.index(changed.items.len());
                changed.items[k].title.clone_from(title);
            }
            edit.save(&changed).unwrap();
            drop(edit);
            prop_assert_eq!(&store::load(&path).unwrap(), &changed, "{}", name);
        }
    }
}
