//! Properties of the store on generated products: what is written reads
//! back as itself, in TOML and JSON, and an edit of one item changes the
//! file only inside that item.

use std::path::Path;
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
            write(&path, start, &product);
            let read = store::load(&path).unwrap();
            prop_assert_eq!(&read, &product, "{}", name);
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
}
