//! The three-way merge in-process: `productfile::merge::merge` on products
//! made from text, and `productfile::ops::merge::merge_files` on files in a
//! scratch folder (the driver's work without the binary or git, except for
//! git's own merge when a side is not a product file).

mod common;

use std::path::Path;

use common::merging::{PRODUCT_TOML, parse, product, product_json};
use productfile::merge::{Conflict, Merged, Options, PathText, Renumbered, Side, merge};
use productfile::model::Product;
use productfile::ops::merge::{How, MergeFiles, MergeReport, merge_files};
use serde_json::{Value, json};

/// The fixture with `edit` made to its text.
fn edited(edit: impl Fn(String) -> String) -> Product {
    parse(&edit(PRODUCT_TOML.to_owned()), "product.toml")
}

/// The fixture with `tables` appended.
fn with(tables: &str) -> Product {
    edited(|t| t + tables)
}

fn merged(base: &Product, ours: &Product, theirs: &Product) -> Merged {
    merge(base, ours, theirs, Options::default())
}

fn json_of(p: &Product) -> Value {
    serde_json::to_value(p).unwrap()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

fn renumbered(entity: &'static str, side: Side, from: &str, to: &str) -> Renumbered {
    Renumbered {
        entity,
        side,
        from: from.into(),
        to: to.into(),
    }
}

fn conflict_paths(conflicts: &[Conflict]) -> Vec<String> {
    conflicts
        .iter()
        .map(|c| PathText(&c.path).to_string())
        .collect()
}

fn item(id: &str, title: &str, extra: &str) -> String {
    format!(
        "\n[[items]]\nid = \"{id}\"\ntitle = \"{title}\"\nkind = \"feature\"\nstatus = \"idea\"\ncreated = 2026-12-01\n{extra}"
    )
}

// ------------------------------------------------------------ id clashes

/// Ours adds an item, an objective, a KPI, a roadmap entry and a decision;
/// theirs adds others under the same ids, each referring to the others.
fn clashing_sides() -> (Product, Product, Product) {
    let ours = edited(|t| {
        t.replace(
            "\n# The backlog",
            "\n[[objectives]]\nid = \"O2\"\ntitle = \"Ours' objective\"\n\n[[kpis]]\nid = \"K2\"\nname = \"Ours' KPI\"\ndirection = \"up\"\n\n[[roadmap]]\nid = \"R1\"\ntitle = \"Ours' entry\"\nhorizon = \"now\"\n\n# The backlog",
        )
        .replace(
            "\n[[decisions]]\nid = \"D1\"",
            &(item("LC-4", "Print a card at home", "") + "\n[[decisions]]\nid = \"D1\""),
        ) + "\n[[decisions]]\nid = \"D4\"\ndate = 2026-12-01\nkind = \"scope\"\nsummary = \"LC-4 added\"\ndecided_by = \"Priya Shah\"\nrefs = [\"LC-4\"]\n"
    });
    let theirs = edited(|t| {
        t.replace(
            "\n# The backlog",
            "\n[[objectives]]\nid = \"O2\"\ntitle = \"Theirs' objective\"\n\n[[objectives.key_results]]\nid = \"KR1\"\ntitle = \"Passports seen\"\nstart = 0.0\ntarget = 100.0\n\n[[kpis]]\nid = \"K2\"\nname = \"Theirs' KPI\"\ndirection = \"down\"\n\n[[roadmap]]\nid = \"R1\"\ntitle = \"Theirs' entry\"\nhorizon = \"next\"\nobjectives = [\"O2\"]\n\n# The backlog",
        )
        .replace(
            "\n[[decisions]]\nid = \"D1\"",
            &(item(
                "LC-4",
                "Join with a passport",
                "roadmap = \"R1\"\nkey_results = [\"O2.KR1\", \"O1.KR1\"]\nexperiment = { hypothesis = \"People have passports\", measure = \"K2\" }\n",
            ) + &item("LC-5", "Join with a utility bill", "depends_on = [\"LC-4\"]\n")
                + "\n[[decisions]]\nid = \"D1\""),
        ) + "\n[[decisions]]\nid = \"D4\"\ndate = 2026-12-01\nkind = \"scope\"\nsummary = \"LC-4 and LC-5 added under R1 for O2.KR1; K2 measures LC-4.\"\ndecided_by = \"Priya Shah\"\nrefs = [\"LC-4\", \"LC-5\", \"R1\", \"O2.KR1\", \"O2\", \"K2\"]\n"
    });
    (product(), ours, theirs)
}

#[test]
fn ids_both_sides_added_are_renumbered_on_theirs_with_every_reference() {
    let (base, ours, theirs) = clashing_sides();
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.renumbered,
        [
            renumbered("item", Side::Theirs, "LC-4", "LC-6"),
            renumbered("objective", Side::Theirs, "O2", "O3"),
            renumbered("KPI", Side::Theirs, "K2", "K3"),
            renumbered("roadmap entry", Side::Theirs, "R1", "R2"),
            renumbered("decision", Side::Theirs, "D4", "D5"),
        ]
    );
    let p = json_of(&m.product);
    assert_eq!(
        ids(&p["items"]),
        ["LC-1", "LC-2", "LC-3", "LC-4", "LC-6", "LC-5"]
    );
    assert_eq!(ids(&p["objectives"]), ["O1", "O2", "O3"]);
    assert_eq!(ids(&p["kpis"]), ["K1", "K2", "K3"]);
    assert_eq!(ids(&p["roadmap"]), ["R1", "R2"]);
    assert_eq!(ids(&p["decisions"]), ["D1", "D2", "D3", "D4", "D5"]);
    let passport = &p["items"][4];
    assert_eq!(passport["title"], "Join with a passport");
    assert_eq!(passport["roadmap"], "R2");
    assert_eq!(passport["key_results"], json!(["O3.KR1", "O1.KR1"]));
    assert_eq!(passport["experiment"]["measure"], "K3");
    assert_eq!(p["items"][5]["depends_on"], json!(["LC-6"]));
    assert_eq!(p["items"][3]["title"], "Print a card at home");
    assert_eq!(p["objectives"][2]["title"], "Theirs' objective");
    assert_eq!(p["objectives"][2]["key_results"][0]["id"], "KR1");
    assert_eq!(p["roadmap"][1]["objectives"], json!(["O3"]));
    assert_eq!(p["kpis"][2]["name"], "Theirs' KPI");
    let theirs_decision = &p["decisions"][4];
    assert_eq!(
        theirs_decision["refs"],
        json!(["LC-6", "LC-5", "R2", "O3.KR1", "O3", "K3"])
    );
    assert_eq!(
        theirs_decision["summary"],
        "LC-6 and LC-5 added under R2 for O3.KR1; K3 measures LC-6."
    );
    assert_eq!(p["decisions"][3]["refs"], json!(["LC-4"]));
    // Nothing dangles.
    assert!(
        m.product.dangling().is_empty(),
        "{:?}",
        m.product.dangling()
    );
}

#[test]
fn the_merge_is_symmetric_up_to_the_side_renumbered() {
    let (base, ours, theirs) = clashing_sides();
    let one = merged(&base, &ours, &theirs);
    let other = merged(&base, &theirs, &ours);
    assert!(other.renumbered.iter().all(|r| r.side == Side::Theirs));
    // The same entities, by title, with the same content but for ids.
    let titles = |m: &Merged| {
        let mut t: Vec<String> = m.product.items.iter().map(|i| i.title.clone()).collect();
        t.sort();
        t
    };
    assert_eq!(titles(&one), titles(&other));
    assert_eq!(one.product.decisions.len(), other.product.decisions.len());
    // Deterministic: the same merge twice is the same product.
    let again = merged(&base, &ours, &theirs);
    assert_eq!(json_of(&one.product), json_of(&again.product));
    assert_eq!(one.renumbered, again.renumbered);
}

#[test]
fn ids_on_the_upstream_are_never_renumbered() {
    let (base, ours, theirs) = clashing_sides();
    // Theirs is the upstream (ours is a branch merging origin/main in).
    let m = merge(
        &base,
        &ours,
        &theirs,
        Options {
            upstream: Some(&theirs),
        },
    );
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert!(
        m.renumbered.iter().all(|r| r.side == Side::Ours),
        "{:?}",
        m.renumbered
    );
    let p = json_of(&m.product);
    let passport = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Join with a passport")
        .unwrap();
    assert_eq!(passport["id"], "LC-4");
    assert_eq!(passport["roadmap"], "R1");
    let print = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Print a card at home")
        .unwrap();
    assert_eq!(print["id"], "LC-6");
    // Ours' decision about its item follows it.
    let ours_decision = p["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["refs"] == json!(["LC-6"]))
        .unwrap();
    assert_eq!(ours_decision["summary"], "LC-6 added");
    // The upstream's items come first where both added at one place.
    assert_eq!(ids(&p["items"])[3..], ["LC-4", "LC-5", "LC-6"]);
}

#[test]
fn key_results_added_to_one_objective_on_both_sides_clash_by_id() {
    let kr = |title: &str| {
        format!(
            "\n[[objectives.key_results]]\nid = \"KR2\"\ntitle = \"{title}\"\nstart = 0.0\ntarget = 10.0\n"
        )
    };
    let base = product();
    let ours = edited(|t| t.replace("\n[[kpis]]", &(kr("Renewals online") + "\n[[kpis]]")));
    let theirs = edited(|t| {
        t.replace("\n[[kpis]]", &(kr("Cards printed") + "\n[[kpis]]"))
            .replace(
                "tags = [\"web\"]\n",
                "tags = [\"web\"]\nkey_results = [\"O1.KR2\"]\n",
            )
    });
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.renumbered,
        [renumbered("key result", Side::Theirs, "O1.KR2", "O1.KR3")]
    );
    let p = json_of(&m.product);
    let krs = &p["objectives"][0]["key_results"];
    assert_eq!(ids(krs), ["KR1", "KR2", "KR3"]);
    assert_eq!(krs[2]["title"], "Cards printed");
    assert_eq!(p["items"][0]["key_results"], json!(["O1.KR3"]));
}

#[test]
fn an_id_ours_issued_and_removed_is_not_given_to_theirs() {
    // Ours added LC-4 and removed it (the mark remembers 4); theirs added
    // its own LC-4. In the merged file LC-4 would name two items.
    let base = product();
    let ours = with("\n[product.last_ids]\nitems = 4\n");
    let ours = {
        let mut o = ours;
        o.product.requires = Some("0.2".into());
        o
    };
    let theirs = edited(|t| {
        t.replace(
            "\n[[decisions]]\nid = \"D1\"",
            &(item("LC-4", "Join with a passport", "") + "\n[[decisions]]\nid = \"D1\""),
        )
    });
    let m = merged(&base, &ours, &theirs);
    assert_eq!(
        m.renumbered,
        [renumbered("item", Side::Theirs, "LC-4", "LC-5")]
    );
    assert_eq!(
        ids(&json_of(&m.product)["items"]),
        ["LC-1", "LC-2", "LC-3", "LC-5"]
    );
    // The other way round, ours keeps its ids: theirs' removal of LC-4
    // leaves nothing to renumber.
    let m = merged(&base, &theirs, &ours);
    assert!(m.renumbered.is_empty());
    assert_eq!(
        ids(&json_of(&m.product)["items"]),
        ["LC-1", "LC-2", "LC-3", "LC-4"]
    );
}

#[test]
fn a_key_result_number_ours_issued_and_removed_is_not_given_to_theirs() {
    let base = product();
    let ours = edited(|t| {
        t.replace(
            "owner = \"Priya Shah\"\n",
            "owner = \"Priya Shah\"\nrequires = \"0.2\"\n\n[product.last_ids]\nkey_results = { O1 = 2 }\n",
        )
    });
    let theirs = edited(|t| {
        t.replace(
            "\n[[kpis]]",
            "\n[[objectives.key_results]]\nid = \"KR2\"\ntitle = \"Cards printed\"\nstart = 0.0\ntarget = 10.0\n\n[[kpis]]",
        )
    });
    let m = merged(&base, &ours, &theirs);
    assert_eq!(
        m.renumbered,
        [renumbered("key result", Side::Theirs, "O1.KR2", "O1.KR3")]
    );
}

#[test]
fn an_item_cherry_picked_and_edited_since_is_one_item() {
    // Ours has theirs' first commit cherry-picked; theirs edited the item since.
    let base = product();
    let added = item("LC-4", "Join with a passport", "");
    let ours = with(&added);
    let theirs = with(&(added.clone() + "size = 3\n"));
    let m = merged(&base, &ours, &theirs);
    assert!(m.renumbered.is_empty(), "{:?}", m.renumbered);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let p = json_of(&m.product);
    assert_eq!(ids(&p["items"]), ["LC-1", "LC-2", "LC-3", "LC-4"]);
    assert_eq!(p["items"][3]["size"], 3);
    // Two different items under one id are still two.
    let theirs = with(&item("LC-4", "Print a card at home", ""));
    let m = merged(&base, &ours, &theirs);
    assert_eq!(m.renumbered.len(), 1);
}

#[test]
fn the_high_water_marks_merge_as_the_highest() {
    let base = product();
    let ours = edited(|t| {
        t.replace(
            "owner = \"Priya Shah\"\n",
            "owner = \"Priya Shah\"\nrequires = \"0.2\"\n\n[product.last_ids]\nitems = 9\ndecisions = 5\n",
        )
    });
    let theirs = edited(|t| {
        t.replace(
            "owner = \"Priya Shah\"\n",
            "owner = \"Priya Shah\"\nrequires = \"0.2\"\n\n[product.last_ids]\nitems = 7\ndecisions = 8\nkpis = 3\n",
        )
    });
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let marks = &m.product.product.last_ids;
    assert_eq!(
        (marks.items, marks.decisions, marks.kpis),
        (Some(9), Some(8), Some(3))
    );
    assert_eq!(m.product.product.requires.as_deref(), Some("0.2"));
}

// ------------------------------------------------------------ values

#[test]
fn fields_sets_and_sequences_merge_three_ways() {
    let base = edited(|t| {
        t.replace(
            "statement = \"Anyone can join the library online.\"\n",
            "statement = \"Anyone can join the library online.\"\nusers = [\"Readers\", \"Staff\"]\n",
        )
    });
    let ours = edited(|t| {
        t.replace(
            "statement = \"Anyone can join the library online.\"\n",
            "statement = \"Anyone can join the library online.\"\nusers = [\"Readers\", \"Carers\", \"Staff\"]\n",
        )
        .replace("tags = [\"web\"]", "tags = [\"web\", \"mobile\"]")
        .replace(
            "acceptance = [\"Given my details, when I join, then I get a card number\"]",
            "acceptance = [\"Given my details, when I join, then I get a card number\", \"Ours: a welcome email\"]",
        )
        .replace("roles = [\"leadership\"]", "roles = [\"leadership\", \"team\"]")
    });
    let theirs = edited(|t| {
        t.replace(
            "statement = \"Anyone can join the library online.\"\n",
            "statement = \"Anyone can join the library online.\"\nusers = [\"Students\", \"Readers\"]\n",
        )
        .replace("tags = [\"web\"]", "tags = [\"joining\"]")
        .replace(
            "acceptance = [\"Given my details, when I join, then I get a card number\"]",
            "acceptance = [\"Theirs: a form that fits a phone\", \"Given my details, when I join, then I get a card number\"]",
        )
        .replace("title = \"Renew a card\"", "title = \"Renew online\"")
        .replace("roles = [\"leadership\"]", "roles = [\"leadership\", \"stakeholder\"]")
    });
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let p = json_of(&m.product);
    // Sets: both additions, theirs' removal.
    assert_eq!(p["items"][0]["tags"], json!(["mobile", "joining"]));
    assert_eq!(
        p["people"][1]["roles"],
        json!(["leadership", "team", "stakeholder"])
    );
    // Sequences: each side's line after the line it follows; theirs' removal.
    assert_eq!(
        p["vision"]["users"],
        json!(["Students", "Readers", "Carers"])
    );
    assert_eq!(
        p["items"][0]["acceptance"],
        json!([
            "Theirs: a form that fits a phone",
            "Given my details, when I join, then I get a card number",
            "Ours: a welcome email"
        ])
    );
    assert_eq!(p["items"][1]["title"], "Renew online");
}

#[test]
fn readings_merge_by_date_and_current_is_the_latest() {
    let history = |readings: &str| {
        let readings = readings.to_owned();
        edited(move |t| {
            t.replace(
                "history = [{ date = 2026-11-01, value = 84.0 }]",
                &format!("history = [{readings}]"),
            )
            .replace(
                "current = 12.0\nhistory = [{ date = 2026-11-01, value = 12.0 }]",
                &format!(
                    "current = {}\nhistory = [{readings}]",
                    if readings.contains("2026-11-20") {
                        "20.0"
                    } else if readings.contains("2026-11-10") {
                        "10.0"
                    } else {
                        "12.0"
                    }
                ),
            )
        })
    };
    let base = history("{ date = 2026-11-01, value = 12.0 }, { date = 2026-11-05, value = 5.0 }");
    // Ours adds the 20th and corrects the 5th; theirs adds the 10th and
    // removes the 1st.
    let ours = history(
        "{ date = 2026-11-01, value = 12.0 }, { date = 2026-11-05, value = 6.0 }, { date = 2026-11-20, value = 20.0 }",
    );
    let theirs = history("{ date = 2026-11-05, value = 5.0 }, { date = 2026-11-10, value = 10.0 }");
    for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merged(&base, o, t);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let p = json_of(&m.product);
        let readings = |h: &Value| -> Vec<(String, f64)> {
            h.as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["date"].as_str().unwrap().to_owned(),
                        r["value"].as_f64().unwrap(),
                    )
                })
                .collect()
        };
        let expected = [
            ("2026-11-05".to_owned(), 6.0),
            ("2026-11-10".to_owned(), 10.0),
            ("2026-11-20".to_owned(), 20.0),
        ];
        assert_eq!(readings(&p["kpis"][0]["history"]), expected);
        let kr = &p["objectives"][0]["key_results"][0];
        assert_eq!(readings(&kr["history"]), expected);
        assert_eq!(kr["current"].as_f64(), Some(20.0));
    }
    // Two values for one day: a conflict on the history.
    let ours = history(
        "{ date = 2026-11-01, value = 12.0 }, { date = 2026-11-05, value = 5.0 }, { date = 2026-11-10, value = 11.0 }",
    );
    let m = merged(&base, &ours, &theirs);
    assert_eq!(
        conflict_paths(&m.conflicts),
        [
            "objectives[O1].key_results[KR1].history",
            "kpis[K1].history"
        ]
    );
}

#[test]
fn updated_takes_the_later_date_and_never_conflicts() {
    let base = product();
    let ours = edited(|t| {
        t.replace(
            "size = 2\ncreated = 2026-11-01\n",
            "size = 3\ncreated = 2026-11-01\nupdated = 2026-12-03\n",
        )
    });
    let theirs = edited(|t| {
        t.replace("title = \"Renew a card\"", "title = \"Renew online\"")
            .replace(
                "size = 2\ncreated = 2026-11-01\n",
                "size = 2\ncreated = 2026-11-01\nupdated = 2026-12-05\n",
            )
    });
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let lc2 = &json_of(&m.product)["items"][1];
    assert_eq!(
        (lc2["updated"].as_str(), lc2["size"].as_i64()),
        (Some("2026-12-05"), Some(3))
    );
    assert_eq!(lc2["title"], "Renew online");
}

#[test]
fn removals_stand_unless_the_other_side_changed_what_was_removed() {
    let base = product();
    let without_lc2 = edited(|t| {
        let start = t.find("[[items]]\nid = \"LC-2\"").unwrap();
        let end = t.find("[[items]]\nid = \"LC-3\"").unwrap();
        format!("{}{}", &t[..start], &t[end..])
    });
    let retitled = edited(|t| t.replace("title = \"Renew a card\"", "title = \"Renew online\""));
    let resized = edited(|t| t.replace("size = 1\n", "size = 2\n"));
    // Unchanged on the other side: removed.
    let m = merged(&base, &without_lc2, &resized);
    assert!(m.conflicts.is_empty());
    assert_eq!(ids(&json_of(&m.product)["items"]), ["LC-1", "LC-3"]);
    // Changed on the other side: a conflict that keeps the change in its place.
    for (o, t, ours_has) in [
        (&without_lc2, &retitled, false),
        (&retitled, &without_lc2, true),
    ] {
        let m = merged(&base, o, t);
        assert_eq!(conflict_paths(&m.conflicts), ["items[LC-2]"]);
        assert_eq!(m.conflicts[0].ours.is_some(), ours_has);
        assert_eq!(m.conflicts[0].theirs.is_some(), !ours_has);
        assert_eq!(ids(&json_of(&m.product)["items"]), ["LC-1", "LC-2", "LC-3"]);
        assert_eq!(m.product.items[1].title, "Renew online");
    }
    // The decision log is append-only: both sides' new decisions are kept.
    let d = |id: &str, summary: &str| {
        format!(
            "\n[[decisions]]\nid = \"{id}\"\ndate = 2026-12-01\nkind = \"scope\"\nsummary = \"{summary}\"\ndecided_by = \"Priya Shah\"\n"
        )
    };
    let m = merged(&base, &with(&d("D4", "Ours")), &with(&d("D4", "Theirs")));
    let summaries: Vec<&str> = m
        .product
        .decisions
        .iter()
        .map(|d| d.summary.as_str())
        .collect();
    assert_eq!(summaries[3..], ["Ours", "Theirs"]);
}

#[test]
fn a_replayed_edit_is_never_applied_to_another_entity() {
    // Base: the branch's first commit (its LC-4); ours: main with its own
    // LC-4 and the branch's renumbered to LC-5; theirs: the branch's second
    // commit, editing its LC-4.
    let passport = item("LC-4", "Join with a passport", "");
    let base = with(&passport);
    for (print_created, renumbered_copy) in [("2026-12-02", false), ("2026-12-01", true)] {
        let print = item("LC-4", "Print a card at home", "").replace(
            "created = 2026-12-01",
            &format!("created = {print_created}"),
        );
        let ours = with(
            &(print.clone()
                + &if renumbered_copy {
                    passport.replace("LC-4", "LC-5")
                } else {
                    String::new()
                }),
        );
        let theirs = with(&(passport.clone() + "size = 3\n"));
        let m = merged(&base, &ours, &theirs);
        assert_eq!(
            conflict_paths(&m.conflicts),
            ["items[LC-4]"],
            "{print_created}"
        );
        let lc4 = m.product.items.iter().find(|i| i.id == "LC-4").unwrap();
        assert_eq!(
            (lc4.title.as_str(), lc4.size),
            ("Print a card at home", None)
        );
    }
    // The same item retitled on ours, edited on theirs: no conflict.
    let ours = with(&passport.replace("Join with a passport", "Join with an ID card"));
    let theirs = with(&(passport.clone() + "size = 3\n"));
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
}

#[test]
fn merging_with_an_unchanged_side_gives_the_other() {
    let (base, ours, theirs) = clashing_sides();
    for x in [&ours, &theirs] {
        let m = merged(&base, &base, x);
        assert_eq!(json_of(&m.product), json_of(x));
        assert!(m.conflicts.is_empty() && m.renumbered.is_empty());
        let m = merged(&base, x, &base);
        assert_eq!(json_of(&m.product), json_of(x));
        let m = merged(&base, x, x);
        assert_eq!(json_of(&m.product), json_of(x));
    }
}

// ------------------------------------------------------------ merge_files

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new(base: &str, ours: &str, theirs: &str) -> Files {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Files { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn merge(&self, path: Option<&str>) -> MergeReport {
        let (base, ours, theirs) = (self.path("base"), self.path("ours"), self.path("theirs"));
        merge_files(&MergeFiles {
            base: &base,
            ours: &ours,
            theirs: &theirs,
            path: path.map(Path::new),
            marker_size: 7,
            upstream: None,
        })
        .unwrap()
    }

    fn ours(&self) -> String {
        std::fs::read_to_string(self.path("ours")).unwrap()
    }
}

/// The lines between the markers of each conflict block.
fn blocks(text: &str) -> Vec<(Vec<&str>, Vec<&str>)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line != "<<<<<<< ours" {
            continue;
        }
        let ours: Vec<&str> = lines.by_ref().take_while(|l| *l != "=======").collect();
        let theirs: Vec<&str> = lines
            .by_ref()
            .take_while(|l| *l != ">>>>>>> theirs")
            .collect();
        out.push((ours, theirs));
    }
    out
}

/// A conflict in each of these places of the file, written where it is (no
/// block at the end of the file), in TOML and in JSON.
#[test]
fn conflicts_are_marked_where_they_are_in_toml_and_json() {
    type Edit = fn(&str) -> String;
    let cases: &[(&str, Edit, Edit)] = &[
        (
            "product.name",
            |t| t.replacen("Library cards", "Cards (ours)", 1),
            |t| t.replacen("Library cards", "Cards (theirs)", 1),
        ),
        (
            "vision.statement",
            |t| t.replace("join the library online.", "join online (ours)."),
            |t| t.replace("join the library online.", "join online (theirs)."),
        ),
        (
            "objectives[O1].key_results[KR1].target",
            |t| {
                t.replace("target = 50.0", "target = 55.0")
                    .replace("\"target\": 50,", "\"target\": 55,")
            },
            |t| {
                t.replace("target = 50.0", "target = 60.0")
                    .replace("\"target\": 50,", "\"target\": 60,")
            },
        ),
        (
            "kpis[K1].threshold",
            |t| {
                t.replace("threshold = 80.0", "threshold = 81.0")
                    .replace("\"threshold\": 80,", "\"threshold\": 81,")
            },
            |t| {
                t.replace("threshold = 80.0", "threshold = 82.0")
                    .replace("\"threshold\": 80,", "\"threshold\": 82,")
            },
        ),
        (
            "items[LC-3].size",
            |t| {
                t.replace("size = 1\n", "size = 2\n")
                    .replace("\"size\": 1,", "\"size\": 2,")
            },
            |t| {
                t.replace("size = 1\n", "size = 5\n")
                    .replace("\"size\": 1,", "\"size\": 5,")
            },
        ),
        (
            "decisions[D3].summary",
            |t| t.replace("LC-1 to LC-3 added", "Ours"),
            |t| t.replace("LC-1 to LC-3 added", "Theirs"),
        ),
    ];
    for (path, ours, theirs) in cases {
        for (base, name) in [
            (PRODUCT_TOML.to_owned(), "product.toml"),
            (product_json(), "product.json"),
        ] {
            let (o, t) = (ours(&base), theirs(&base));
            assert!(
                o != base && t != base,
                "{path} {name}: an edit does nothing"
            );
            let files = Files::new(&base, &o, &t);
            let report = files.merge(Some(name));
            assert_eq!(report.how, How::Semantic);
            let paths = conflict_paths(&report.conflicts);
            assert_eq!(paths, [*path], "{name}");
            assert!(
                report.notes.is_empty(),
                "{path} {name}: {:?}\n{}",
                report.notes,
                files.ours()
            );
            let text = files.ours();
            let found = blocks(&text);
            assert_eq!(found.len(), 1, "{path} {name}:\n{text}");
            let (ours_lines, theirs_lines) = &found[0];
            assert_eq!(ours_lines.len(), 1, "{path} {name}:\n{text}");
            assert_eq!(theirs_lines.len(), 1, "{path} {name}:\n{text}");
            // Each side's line is that side's line of its own file.
            assert!(
                o.lines().any(|l| l == ours_lines[0]),
                "{path} {name}: {}",
                ours_lines[0]
            );
            // Theirs' line sets the same key (its value is checked below).
            let key = |l: &str| l.split(['=', ':']).next().unwrap().trim().to_owned();
            assert!(
                t.lines().any(|l| l != ours_lines[0]
                    && key(l) == key(theirs_lines[0])
                    && !o.contains(l)),
                "{path} {name}: {}",
                theirs_lines[0]
            );
            // Taking either side gives that side's file back.
            let take = |ours_side: bool| {
                let mut out = String::new();
                let mut state = 0;
                for line in text.lines() {
                    match (state, line) {
                        (0, "<<<<<<< ours") => state = 1,
                        (1, "=======") => state = 2,
                        (2, ">>>>>>> theirs") => state = 0,
                        (1, l) if ours_side => out += &format!("{l}\n"),
                        (2, l) if !ours_side => out += &format!("{l}\n"),
                        (0, l) => out += &format!("{l}\n"),
                        _ => {}
                    }
                }
                out
            };
            assert_eq!(take(true), o, "{path} {name}");
            assert_eq!(
                json_of(&parse(&take(false), name)),
                json_of(&parse(&t, name)),
                "{path} {name}"
            );
        }
    }
}

#[test]
fn a_key_result_removed_on_one_side_and_edited_on_the_other_is_marked_in_place() {
    let kr2 = "\n[[objectives.key_results]]\nid = \"KR2\"\ntitle = \"Renewals online\"\nstart = 0.0\ntarget = 10.0\n";
    let base = PRODUCT_TOML.replace("\n[[kpis]]", &format!("{kr2}\n[[kpis]]"));
    let ours = PRODUCT_TOML.to_owned();
    let theirs = base.replace("target = 10.0", "target = 20.0");
    let files = Files::new(&base, &ours, &theirs);
    let report = files.merge(Some("product.toml"));
    let paths = conflict_paths(&report.conflicts);
    assert_eq!(paths, ["objectives[O1].key_results[KR2]"]);
    assert!(
        report.notes.is_empty(),
        "{:?}\n{}",
        report.notes,
        files.ours()
    );
    let text = files.ours();
    let found = blocks(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert!(found[0].0.is_empty(), "{text}");
    // Theirs is written as the store writes a value (numbers as the model holds them).
    assert!(found[0].1.contains(&"target = 20"), "{text}");
    // The block is where the key result was, before the KPIs.
    assert!(
        text.find("<<<<<<< ours").unwrap() < text.find("[[kpis]]").unwrap(),
        "{text}"
    );
}

#[test]
fn merge_files_reads_json_without_a_name_and_writes_on_ours_text() {
    let base = product_json();
    let ours = base.replace("\"Renew a card\"", "\"Renew online\"");
    let theirs = base.replace("\"size\": 1,", "\"size\": 8,");
    assert_ne!(theirs, base);
    let files = Files::new(&base, &ours, &theirs);
    let report = files.merge(None);
    assert_eq!(report.how, How::Semantic);
    assert_eq!(report.conflict_count, 0);
    assert_eq!(files.ours(), ours.replace("\"size\": 1,", "\"size\": 8,"));
}

#[test]
fn merge_files_falls_back_to_git_when_a_side_does_not_read() {
    let ours = PRODUCT_TOML.replace("Renew a card", "Renew online");
    let theirs = PRODUCT_TOML.replace("size = 1\n", "size = 8\n") + "[[oops\n";
    let files = Files::new(PRODUCT_TOML, &ours, &theirs);
    let report = files.merge(Some("product.toml"));
    assert_eq!(report.how, How::Textual);
    assert_eq!(report.conflict_count, 0);
    assert!(
        report
            .fallback_reason
            .as_deref()
            .unwrap()
            .starts_with("theirs ("),
        "{:?}",
        report.fallback_reason
    );
    assert_eq!(
        files.ours(),
        ours.replace("size = 1\n", "size = 8\n") + "[[oops\n"
    );
}

/// Both sides add the last item number an id can have: renumbering theirs
/// would need a number past it, which the loader refuses. The merge says
/// so (exit 3 from the driver, so git marks the file conflicted) and
/// writes nothing, rather than leave a file no command can read.
#[test]
fn a_merge_that_would_write_an_unloadable_file_is_refused() {
    let last = "LC-999999999999999999";
    let base = PRODUCT_TOML.to_owned() + &item("LC-999999999999999998", "Near the end", "");
    let ours = base.clone() + &item(last, "Ours at the end", "");
    let theirs = base.clone() + &item(last, "Theirs at the end", "");
    let files = Files::new(&base, &ours, &theirs);
    let (b, o, t) = (files.path("base"), files.path("ours"), files.path("theirs"));
    let e = merge_files(&MergeFiles {
        base: &b,
        ours: &o,
        theirs: &t,
        path: Some(Path::new("product.toml")),
        marker_size: 7,
        upstream: None,
    })
    .expect_err("the merge wrote an id the loader refuses");
    assert_eq!(e.code, productfile::error::ErrorCode::FileInvalid, "{e}");
    assert!(
        e.to_string().contains("LC-1000000000000000000")
            || e.problems
                .iter()
                .any(|p| p.to_string().contains("LC-1000000000000000000")),
        "{e} {:?}",
        e.problems
    );
    assert_eq!(files.ours(), ours);
}

/// Merges `ours` and `theirs` (texts of `name`'s format) from `base`, and
/// returns the report and the merged text.
fn merge_texts(name: &str, base: &str, ours: &str, theirs: &str) -> (MergeReport, String) {
    let files = Files::new(base, ours, theirs);
    let report = files.merge(Some(name));
    (report, files.ours())
}

/// The text with each conflict block replaced by one side (markers of 7).
fn take(text: &str, ours_side: bool) -> String {
    let mut out = String::new();
    let mut state = 0;
    for line in text.lines() {
        match (state, line) {
            (0, "<<<<<<< ours") => state = 1,
            (1, "=======") => state = 2,
            (2, ">>>>>>> theirs") => state = 0,
            (1, l) if ours_side => out += &format!("{l}\n"),
            (2, l) if !ours_side => out += &format!("{l}\n"),
            (0, l) => out += &format!("{l}\n"),
            _ => {}
        }
    }
    out
}

/// Both sides' resolutions read as that side's product (or, with a
/// `merged` side, as the merged value), and no conflict fell to the end.
fn resolves_to_each_side(name: &str, report: &MergeReport, text: &str, ours: &str, theirs: &str) {
    assert!(report.conflict_count > 0, "{text}");
    assert!(report.notes.is_empty(), "{:?}\n{text}", report.notes);
    for (side, want) in [(true, ours), (false, theirs)] {
        let resolved = take(text, side);
        let got = productfile::store::parse(&resolved, Path::new(name)).unwrap_or_else(|e| {
            panic!(
                "{name}, taking {}: {e:?}\n{resolved}",
                if side { "ours" } else { "theirs" }
            )
        });
        assert_eq!(
            json_of(&got),
            json_of(&parse(want, name)),
            "{name} {side}:\n{resolved}"
        );
    }
}

#[test]
fn a_conflict_on_readings_resolves_either_way() {
    for (name, base) in [
        ("product.toml", PRODUCT_TOML.to_owned()),
        ("product.json", product_json()),
    ] {
        let reading = |v: &str| {
            match name {
            "product.toml" => base.replace(
                "history = [{ date = 2026-11-01, value = 84.0 }]",
                &format!("history = [{{ date = 2026-11-01, value = 84.0 }}, {{ date = 2026-11-10, value = {v} }}]"),
            ),
            _ => base.replace(
                "          \"value\": 84\n        }\n",
                &format!("          \"value\": 84\n        }},\n        {{\n          \"date\": \"2026-11-10\",\n          \"value\": {v}\n        }}\n"),
            ),
        }
        };
        let (ours, theirs) = (reading("85"), reading("86"));
        assert!(ours != base && theirs != base, "{name}");
        let (report, text) = merge_texts(name, &base, &ours, &theirs);
        let paths = conflict_paths(&report.conflicts);
        assert_eq!(paths, ["kpis[K1].history"], "{name}");
        resolves_to_each_side(name, &report, &text, &ours, &theirs);
    }
}

#[test]
fn a_conflict_inside_an_inline_table_resolves_either_way() {
    let base = PRODUCT_TOML.replace(
        "tags = [\"web\"]\n",
        "tags = [\"web\"]\nexperiment = { hypothesis = \"People join online\", measure = \"K1\" }\n",
    );
    let ours = base.replace("People join online", "People join on phones");
    let theirs = base.replace("People join online", "People join at home");
    let (report, text) = merge_texts("product.toml", &base, &ours, &theirs);
    let paths = conflict_paths(&report.conflicts);
    assert_eq!(paths, ["items[LC-1].experiment.hypothesis"]);
    resolves_to_each_side("product.toml", &report, &text, &ours, &theirs);
    // The whole inline table's line is marked, once.
    let found = blocks(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(
        found[0],
        (
            vec![r#"experiment = { hypothesis = "People join on phones", measure = "K1" }"#],
            vec![r#"experiment = { hypothesis = "People join at home", measure = "K1" }"#]
        )
    );

    // Two conflicts in one inline table, one of them a removal on ours.
    let base = base.replace(
        "measure = \"K1\" }",
        "measure = \"K1\", success = \"More joins\" }",
    );
    let ours = base
        .replace("People join online", "People join on phones")
        .replace(", success = \"More joins\"", "");
    let theirs = base
        .replace("People join online", "People join at home")
        .replace("More joins", "Twice the joins");
    let (report, text) = merge_texts("product.toml", &base, &ours, &theirs);
    assert_eq!(report.conflict_count, 2, "{text}");
    assert_eq!(blocks(&text).len(), 1, "{text}");
    resolves_to_each_side("product.toml", &report, &text, &ours, &theirs);

    // JSON written on one line.
    let json = product_json().replace(
        "\"tags\": [",
        "\"experiment\": {\"hypothesis\": \"People join online\", \"measure\": \"K1\"},\n      \"tags\": [",
    );
    let ours = json.replace("People join online", "People join on phones");
    let theirs = json.replace("People join online", "People join at home");
    let (report, text) = merge_texts("product.json", &json, &ours, &theirs);
    resolves_to_each_side("product.json", &report, &text, &ours, &theirs);
}

#[test]
fn two_conflicts_on_one_item_resolve_either_way() {
    for (name, base) in [
        ("product.toml", PRODUCT_TOML.to_owned()),
        ("product.json", product_json()),
    ] {
        let side = |title: &str, kind: &str| {
            base.replace("Renew a card", title)
                .replacen(
                    "kind = \"feature\"\nstatus = \"idea\"\nvalue = 3",
                    &format!("kind = \"{kind}\"\nstatus = \"idea\"\nvalue = 3"),
                    1,
                )
                .replacen(
                    "\"kind\": \"feature\",\n      \"status\": \"idea\",\n      \"value\": 3",
                    &format!(
                        "\"kind\": \"{kind}\",\n      \"status\": \"idea\",\n      \"value\": 3"
                    ),
                    1,
                )
        };
        let ours = side("Renew online", "bug");
        let theirs = side("Renew by post", "debt");
        let (report, text) = merge_texts(name, &base, &ours, &theirs);
        assert_eq!(report.conflict_count, 2, "{name}: {text}");
        assert_eq!(blocks(&text).len(), 2, "{name}: {text}");
        resolves_to_each_side(name, &report, &text, &ours, &theirs);
    }
}

#[test]
fn windows_line_ends_and_a_byte_order_mark_are_kept_markers_included() {
    let crlf = |t: &str| format!("\u{feff}{}", t.replace('\n', "\r\n"));
    let base = crlf(PRODUCT_TOML);
    let ours = crlf(&PRODUCT_TOML.replace("Renew a card", "Renew online"));
    let theirs = crlf(
        &PRODUCT_TOML
            .replace("Renew a card", "Renew by post")
            .replace("size = 1\n", "size = 2\n"),
    );
    let (report, text) = merge_texts("product.toml", &base, &ours, &theirs);
    assert_eq!(report.conflict_count, 1);
    assert!(text.starts_with('\u{feff}'), "{text:?}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "a bare line feed: {text:?}"
    );
    assert!(
        text.contains("\r\n<<<<<<< ours\r\ntitle = \"Renew online\"\r\n=======\r\ntitle = \"Renew by post\"\r\n>>>>>>> theirs\r\n"),
        "{text:?}"
    );
    assert!(text.contains("size = 2\r\n"), "{text:?}");
}

#[test]
fn references_in_a_replayed_commit_follow_an_item_an_earlier_merge_renumbered() {
    // Base: the branch's first commit (its LC-4); ours: main with its own
    // LC-4 and the branch's renumbered to LC-5; theirs: the second commit,
    // adding LC-5 that depends on its LC-4.
    let passport = item("LC-4", "Join with a passport", "");
    let base = with(&passport);
    let ours =
        with(&(item("LC-4", "Print a card at home", "") + &passport.replace("LC-4", "LC-5")));
    let theirs = with(
        &(passport.clone()
            + &item(
                "LC-5",
                "Join with a utility bill",
                "depends_on = [\"LC-4\", \"LC-1\"]\n",
            )),
    );
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let p = json_of(&m.product);
    assert_eq!(
        ids(&p["items"]),
        ["LC-1", "LC-2", "LC-3", "LC-4", "LC-5", "LC-6"]
    );
    assert_eq!(p["items"][5]["title"], "Join with a utility bill");
    assert_eq!(p["items"][5]["depends_on"], json!(["LC-5", "LC-1"]));

    // A retitle on ours is no renumbering: theirs' references stay.
    let retitled = edited(|t| t.replace("Renew a card", "Renew online"));
    let theirs = with(&item(
        "LC-4",
        "Join with a passport",
        "depends_on = [\"LC-2\"]\n",
    ));
    let m = merged(&product(), &retitled, &theirs);
    assert_eq!(m.product.items[3].depends_on, ["LC-2"]);
}

#[test]
fn what_a_renumbered_sides_decisions_cover_is_renumbered_too() {
    let (base, ours, mut theirs) = clashing_sides();
    let cover = |section: &str, id: &str, change: Option<productfile::model::CoverChange>| {
        productfile::model::Cover {
            section: section.into(),
            id: id.into(),
            change,
            field: change.is_none().then(|| "target".to_owned()),
            old: None,
            new: None,
        }
    };
    use productfile::model::CoverChange::{Added, Moved};
    let d4 = theirs.decisions.iter_mut().find(|d| d.id == "D4").unwrap();
    d4.covers = vec![
        cover("items", "LC-4", Some(Added)),
        cover("items", "LC-5", Some(Moved)),
        cover("key_results", "O2.KR1", None),
        cover("kpis", "K2", Some(Added)),
        cover("roadmap", "R1", Some(Added)),
        cover("objectives", "O2", Some(Added)),
        // A person who happens to share an id is not renamed.
        cover("people", "K2", None),
    ];
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let p = json_of(&m.product);
    let ids: Vec<&str> = p["decisions"][4]["covers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["LC-6", "LC-5", "O3.KR1", "K3", "R2", "O3", "K2"]);
    // Ours' decision, not renumbered, keeps its ids.
    assert_eq!(p["decisions"][3]["id"], "D4");
}

const NEED: &str = "\n[[needs]]\nid = \"N1\"\nstatement = \"Pay at any hour\"\nstatus = \"validated\"\ncreated = 2026-11-01\n\n[[needs.evidence]]\ndate = 2026-11-02\nkind = \"interview\"\nsummary = \"Six said so\"\npeople = 6\n";

fn evidence(date: &str, summary: &str, people: u32) -> String {
    format!(
        "\n[[needs.evidence]]\ndate = {date}\nkind = \"survey\"\nsummary = \"{summary}\"\npeople = {people}\n"
    )
}

fn request(id: &str, text: &str) -> String {
    format!(
        "\n[[requests]]\nid = \"{id}\"\ntext = \"{text}\"\nfrom = \"Finance\"\ndate = 2026-11-20\n"
    )
}

#[test]
fn needs_evidence_and_requests_merge_like_the_other_entities() {
    let base = with(NEED);
    let ours = with(&format!(
        "{NEED}{}{}",
        evidence("2026-11-10", "Survey of 40", 40),
        request("Q1", "Export to CSV")
    ));
    let theirs = with(&format!(
        "{NEED}{}{}",
        evidence("2026-11-10", "Survey of 90", 90),
        request("Q1", "A dark theme")
    ));
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", conflict_paths(&m.conflicts));
    let v = json_of(&m.product);
    // Both sides added on one day: both kept, ours first.
    let summaries: Vec<&str> = v["needs"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(summaries, ["Six said so", "Survey of 40", "Survey of 90"]);
    assert_eq!(m.product.needs[0].people(), 136);
    // Two requests added as Q1 on both sides: theirs is renumbered.
    assert_eq!(ids(&v["requests"]), ["Q1", "Q2"]);
    assert_eq!(v["requests"][1]["text"], "A dark theme");
    assert!(
        m.renumbered
            .contains(&renumbered("request", Side::Theirs, "Q1", "Q2")),
        "{:?}",
        m.renumbered
    );

    // A need both sides added under one id, and an item of theirs that
    // answers it: the item follows the need to its new id.
    let n2 =
        |s: &str| format!("\n[[needs]]\nid = \"N2\"\nstatement = \"{s}\"\ncreated = 2026-11-20\n");
    let ours = with(&format!("{NEED}{}", n2("Know what I owe")));
    let theirs = with(&format!(
        "{NEED}{}{}",
        n2("Pay for my family"),
        item("RX-90", "Family payments", "needs = [\"N2\"]\n")
    ));
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", conflict_paths(&m.conflicts));
    let family = m.product.find_item("RX-90").unwrap();
    let need = m.product.find_need(&family.needs[0]).unwrap();
    assert_eq!(need.statement, "Pay for my family");
    assert_eq!(need.id, "N3");
    assert!(m.product.dangling().is_empty());

    // Both sides changing a need's status differently is a conflict.
    let ours = edited(|t| t + &NEED.replace("\"validated\"", "\"met\""));
    let theirs = edited(|t| t + &NEED.replace("\"validated\"", "\"invalid\""));
    let m = merged(&base, &ours, &theirs);
    assert_eq!(conflict_paths(&m.conflicts), ["needs[N1].status"]);
}

#[test]
fn evidence_edited_on_one_side_and_added_on_the_other_keeps_its_place_and_comments() {
    let annotated = format!(
        "{PRODUCT_TOML}\n[[needs]]\nid = \"N1\"\nstatement = \"Pay at any hour\"\n\n# first\n[[needs.evidence]]\ndate = 2026-11-02\nkind = \"interview\"\nsummary = \"Six said so\"\npeople = 8  # eight\nx-ev = \"e1\"\n\n# second\n[[needs.evidence]]\ndate = 2026-11-03\nkind = \"survey\"\nsummary = \"A survey\"\npeople = 40\nx-ev = \"e2\"\n"
    );
    let ours = format!(
        "{annotated}\n[[needs.evidence]]\ndate = 2026-11-20\nkind = \"support\"\nsummary = \"Ours new\"\npeople = 3\n"
    );
    let theirs = annotated.replacen("people = 8  # eight", "people = 10  # eight", 1);
    let files = Files::new(&annotated, &ours, &theirs);
    let report = files.merge(Some("product.toml"));
    assert_eq!(report.conflict_count, 0, "{report:?}");
    let written = files.ours();
    assert!(
        written.contains("# first\n[[needs.evidence]]\ndate = 2026-11-02\nkind = \"interview\"\nsummary = \"Six said so\"\npeople = 10  # eight\nx-ev = \"e1\"\n"),
        "{written}"
    );
    assert!(
        written.contains("# second\n[[needs.evidence]]\ndate = 2026-11-03\nkind = \"survey\"\nsummary = \"A survey\"\npeople = 40\nx-ev = \"e2\"\n"),
        "{written}"
    );
    assert!(
        written.contains("summary = \"Ours new\"\npeople = 3\n"),
        "{written}"
    );

    // Both sides changing one entry's people differently is a conflict,
    // not two entries.
    let base = with(NEED);
    let ours = with(&NEED.replace("people = 6", "people = 9"));
    let theirs = with(&NEED.replace("people = 6", "people = 10"));
    let m = merged(&base, &ours, &theirs);
    assert_eq!(
        conflict_paths(&m.conflicts).len(),
        1,
        "{:?}",
        conflict_paths(&m.conflicts)
    );
    assert!(
        conflict_paths(&m.conflicts)[0].contains("people"),
        "{:?}",
        conflict_paths(&m.conflicts)
    );
    assert_eq!(m.product.needs[0].evidence.len(), 1);
}

#[test]
fn a_renumbered_request_is_renamed_in_the_rationale_that_names_it() {
    let q3 = |text: &str, status: &str| {
        format!(
            "\n[[requests]]\nid = \"Q3\"\ntext = \"{text}\"\nfrom = \"Forum\"\ndate = 2026-11-20\nstatus = \"{status}\"\nreason = \"nah\"\n"
        )
    };
    let log = "\n[[decisions]]\nid = \"D9\"\ndate = 2026-11-21\nkind = \"scope\"\nsummary = \"Q3 (Dark mode) status: open -> declined\"\ndecided_by = \"Ada Byrne\"\nrationale = \"Q3: nah\"\nrefs = [\"Q3\"]\n";
    let base = with("");
    let ours = with(&q3("Audiobooks", "accepted").replace("reason = \"nah\"\n", ""));
    let theirs = with(&format!("{}{log}", q3("Dark mode", "declined")));
    let m = merged(&base, &ours, &theirs);
    let dark = m
        .product
        .requests
        .iter()
        .find(|r| r.text == "Dark mode")
        .unwrap();
    assert_ne!(dark.id, "Q3");
    let d = m
        .product
        .decisions
        .iter()
        .find(|d| d.refs.contains(&dark.id))
        .unwrap();
    assert_eq!(
        d.rationale.as_deref(),
        Some(format!("{}: nah", dark.id).as_str())
    );
}

#[test]
fn both_sides_recording_one_assessment_merge_point_by_point_and_theirs_recommendation_is_renumbered()
 {
    let held = "\n[service]\nphase = \"alpha\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"alpha\"\ndate = 2026-11-02\nstatus = \"held\"\n\n# point three\n[[assessments.points]]\npoint = 3\nresult = \"met\"\nx-pt = \"three\"\n";
    let recorded = |point: u32, text: &str, item_id: &str| {
        format!(
            "\n[[assessments.points]]\npoint = {point}\nresult = \"not_met\"\n\n[[assessments.recommendations]]\nid = \"R1\"\npoint = {point}\ntext = \"{text}\"\n{}",
            item(item_id, text, "recommendation = \"A1.R1\"\n")
        )
    };
    let base = format!("{PRODUCT_TOML}{held}");
    let ours = format!("{base}{}", recorded(5, "Ours", "LC-4"));
    let theirs = format!("{base}{}", recorded(9, "Theirs", "LC-4"));
    let m = merged(
        &parse(&base, "product.toml"),
        &parse(&ours, "product.toml"),
        &parse(&theirs, "product.toml"),
    );
    assert!(m.conflicts.is_empty(), "{:?}", conflict_paths(&m.conflicts));
    let a1 = &m.product.assessments[0];
    let points: Vec<u32> = a1.points.iter().map(|p| p.point).collect();
    assert_eq!(points, [3, 5, 9]);
    let recs: Vec<(&str, &str)> = a1
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str()))
        .collect();
    assert_eq!(recs, [("R1", "Ours"), ("R2", "Theirs")]);
    assert!(m.renumbered.contains(&renumbered(
        "recommendation",
        Side::Theirs,
        "A1.R1",
        "A1.R2"
    )));
    // Theirs' item follows its recommendation (and is renumbered itself).
    let theirs_item = m
        .product
        .items
        .iter()
        .find(|i| i.title == "Theirs")
        .unwrap();
    assert_eq!(theirs_item.recommendation.as_deref(), Some("A1.R2"));
    let ours_item = m.product.items.iter().find(|i| i.title == "Ours").unwrap();
    assert_eq!(ours_item.recommendation.as_deref(), Some("A1.R1"));

    // As files: the comment and the unknown key stay with point 3.
    let files = Files::new(&base, &ours, &theirs);
    let report = files.merge(Some("product.toml"));
    assert_eq!(report.conflict_count, 0, "{report:?}");
    let written = files.ours();
    assert!(
        written.contains(
            "# point three\n[[assessments.points]]\npoint = 3\nresult = \"met\"\nx-pt = \"three\"\n"
        ),
        "{written}"
    );
    assert!(
        written.contains("point = 9\nresult = \"not_met\""),
        "{written}"
    );

    // Both sides changing one point's fields merge field by field; the
    // same field changed both ways is one conflict, at that point.
    let point3 = "point = 3\nresult = \"met\"";
    let ours = base.replace(point3, "point = 3\nresult = \"not_met\"");
    let theirs = base.replace(point3, "point = 3\nresult = \"met\"\nnote = \"Fine\"");
    let parsed = |t: &str| parse(t, "product.toml");
    let m = merged(&parsed(&base), &parsed(&ours), &parsed(&theirs));
    assert!(m.conflicts.is_empty(), "{:?}", conflict_paths(&m.conflicts));
    let p3 = &m.product.assessments[0].points[0];
    assert_eq!(
        (p3.result, p3.note.as_deref()),
        (Some(productfile::model::PointResult::NotMet), Some("Fine"))
    );
    let ours = base.replace(point3, "point = 3\nresult = \"met\"\nnote = \"Ours\"");
    let m = merged(&parsed(&base), &parsed(&ours), &parsed(&theirs));
    assert_eq!(
        conflict_paths(&m.conflicts),
        ["assessments[A1].points[3].note"]
    );
}

#[test]
fn a_custom_points_evidence_words_merge_as_a_set() {
    let custom = |words: &str| {
        format!(
            "{PRODUCT_TOML}\n[service]\nphase = \"alpha\"\nstandard = \"custom\"\n\n[[service.points]]\nnumber = 1\ntitle = \"Know the users\"\nevidence = [{words}]\n"
        )
    };
    let m = merged(
        &parse(&custom("\"needs\""), "product.toml"),
        &parse(&custom("\"needs\", \"experiments\""), "product.toml"),
        &parse(&custom("\"needs\", \"team\""), "product.toml"),
    );
    assert!(m.conflicts.is_empty(), "{:?}", conflict_paths(&m.conflicts));
    let service = m.product.service.as_ref().unwrap();
    assert_eq!(service.points[0].evidence, ["needs", "experiments", "team"]);
}

#[test]
fn a_renumbered_assessment_takes_its_recommendations_links_and_rationale_along() {
    let planned = |date: &str| {
        format!(
            "\n[service]\nphase = \"alpha\"\n\n[[assessments]]\nid = \"A2\"\nphase = \"beta\"\ndate = {date}\nstatus = \"held\"\n\n[[assessments.recommendations]]\nid = \"R1\"\npoint = 5\ntext = \"Test at {date}\"\n"
        )
    };
    let log = "\n[[decisions]]\nid = \"D9\"\ndate = 2026-11-21\nkind = \"assessment\"\nsummary = \"A2 added\"\ndecided_by = \"Ada Byrne\"\nrationale = \"does A2.R1\"\nrefs = [\"A2\"]\n";
    let base = parse(PRODUCT_TOML, "product.toml");
    let ours = parse(
        &format!("{PRODUCT_TOML}{}", planned("2026-12-01")),
        "product.toml",
    );
    let theirs = parse(
        &format!(
            "{PRODUCT_TOML}{}{}{log}",
            planned("2026-12-08"),
            item("LC-4", "Fix", "recommendation = \"A2.R1\"\n")
        ),
        "product.toml",
    );
    let m = merged(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", conflict_paths(&m.conflicts));
    let ids: Vec<&str> = m
        .product
        .assessments
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["A2", "A3"]);
    let fix = m.product.items.iter().find(|i| i.title == "Fix").unwrap();
    assert_eq!(fix.recommendation.as_deref(), Some("A3.R1"));
    let d = m
        .product
        .decisions
        .iter()
        .find(|d| d.summary.starts_with("A3"))
        .unwrap();
    assert_eq!(d.rationale.as_deref(), Some("does A3.R1"));
    assert_eq!(d.refs, ["A3"]);
}

#[test]
fn a_conflict_inside_an_assessments_point_is_marked_at_the_point() {
    let held = |note: &str| {
        format!(
            "{PRODUCT_TOML}\n[service]\nphase = \"alpha\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"alpha\"\ndate = 2026-09-14\nstatus = \"held\"\n\n[[assessments.points]]\npoint = 5\nresult = \"not_met\"\nnote = \"{note}\"\n\n[[assessments.points]]\npoint = 6\nresult = \"met\"\n"
        )
    };
    let (base, ours, theirs) = (held("Untested"), held("No screen reader"), held("No audit"));
    let (report, text) = merge_texts("product.toml", &base, &ours, &theirs);
    let paths = conflict_paths(&report.conflicts);
    assert_eq!(paths, ["assessments[A1].points[5].note"]);
    assert!(
        text.contains("<<<<<<< ours\nnote = \"No screen reader\"\n=======\nnote = \"No audit\"\n>>>>>>> theirs\n\n[[assessments.points]]\npoint = 6\n"),
        "{text}"
    );
    resolves_to_each_side("product.toml", &report, &text, &ours, &theirs);
}
