//! The roadmap, people, stakeholders and the vision through the library,
//! without the binary: the rules of `ops::roadmap`, `ops::people`,
//! `ops::stakeholder` and `ops::vision`, and the read models of `query`
//! (roadmap, MVP, stakeholder grid, dashboard, report, decision log).

use productfile::model::{Date, Horizon, Item, Kind, Level, Product, Quadrant, Status};
use productfile::ops::okr::{self, AddObjective};
use productfile::ops::people::{self, AddPerson, ChangeRoles, RemovePerson};
use productfile::ops::roadmap::{self, AddEntry, EditEntry, MoveEntry, RemoveEntry};
use productfile::ops::stakeholder::{self, AddStakeholder, EditStakeholder, RemoveStakeholder};
use productfile::ops::vision::{self, SetVision, VisionEntries};
use productfile::ops::{Actor, Transaction};
use productfile::query;
use productfile::{Error, ErrorCode, ErrorKind};

fn today() -> Date {
    Date::from_ymd(2027, 1, 15).unwrap()
}

fn item(n: u32, status: Status) -> Item {
    let mut item = Item::new(
        format!("PAY-{n}"),
        format!("Item {n}"),
        Kind::Feature,
        today(),
    );
    item.status = status;
    item
}

/// A product with O1, R1 (now), and three items: PAY-1 and PAY-3 linked to
/// R1 (PAY-1 done), PAY-2 not linked.
fn product() -> Product {
    let mut p = Product::new("Payments".into(), "PAY".into());
    okr::add_objective(
        &mut p,
        today(),
        &AddObjective {
            title: "Make paying effortless".into(),
            start: None,
            end: None,
            commitment: productfile::model::Commitment::Aspirational,
            description: None,
        },
    )
    .unwrap();
    roadmap::add(&mut p, today(), &AddEntry::new("Pay online", Horizon::Now)).unwrap();
    p.items = vec![
        item(1, Status::Done),
        item(2, Status::Ready),
        item(3, Status::Idea),
    ];
    p.items[0].roadmap = Some("R1".into());
    p.items[2].roadmap = Some("R1".into());
    p
}

fn fails<T: std::fmt::Debug>(
    p: &mut Product,
    change: impl FnOnce(&mut Product) -> productfile::error::Result<T>,
) -> Error {
    let before = p.clone();
    let e = change(p).expect_err("refused");
    assert_eq!(*p, before, "a refused change changed the product: {e}");
    e
}

#[test]
fn an_entry_serves_objectives_the_product_has_and_a_hard_date_has_its_reason() {
    let mut p = product();
    let entry = AddEntry {
        objectives: vec!["O1".into(), "O1".into()],
        date: Date::from_ymd(2027, 3, 1),
        date_reason: Some("Regulation takes effect".into()),
        ..AddEntry::new(" Exemption checks ", Horizon::Next)
    };
    let added = roadmap::add(&mut p, today(), &entry).unwrap();
    assert_eq!(added.entry.id, "R2");
    assert_eq!(added.entry.title, "Exemption checks");
    assert_eq!(added.entry.objectives, ["O1"]);

    let e = fails(&mut p, |p| {
        roadmap::add(
            p,
            today(),
            &AddEntry {
                objectives: vec!["O7".into()],
                ..AddEntry::new("Refunds", Horizon::Later)
            },
        )
    });
    assert_eq!(
        (e.code, e.message.as_str()),
        (ErrorCode::UnknownId, "no objective `O7`")
    );
    let e = fails(&mut p, |p| {
        roadmap::add(
            p,
            today(),
            &AddEntry {
                date: Date::from_ymd(2027, 6, 1),
                ..AddEntry::new("Refunds", Horizon::Later)
            },
        )
    });
    assert_eq!(e.message, "R3 has a hard date but no reason for it");

    let edit = |e: EditEntry| EditEntry {
        id: "R2".into(),
        ..e
    };
    let e = fails(&mut p, |p| {
        roadmap::edit(p, today(), &edit(EditEntry::default()))
    });
    assert_eq!(e.message, "nothing to change");
    let e = fails(&mut p, |p| {
        roadmap::edit(
            p,
            today(),
            &edit(EditEntry {
                date: Some(None),
                date_reason: Some("x".into()),
                ..EditEntry::default()
            }),
        )
    });
    assert_eq!(e.kind, ErrorKind::Usage);
    let edited = roadmap::edit(
        &mut p,
        today(),
        &edit(EditEntry {
            date: Some(None),
            unlink_objectives: vec!["O1".into()],
            outcome: Some("Nobody pays a penalty by mistake".into()),
            ..EditEntry::default()
        }),
    )
    .unwrap();
    assert!(edited.changed);
    assert_eq!((edited.entry.date, edited.entry.date_reason), (None, None));
    assert!(edited.entry.objectives.is_empty());
}

#[test]
fn moving_an_entry_says_where_from_and_removing_one_takes_its_links_only_when_asked() {
    let mut p = product();
    let to = |h: Horizon| MoveEntry {
        id: "R1".into(),
        to: h,
    };
    let moved = roadmap::move_entry(&mut p, today(), &to(Horizon::Next)).unwrap();
    assert_eq!((moved.from, moved.changed), (Horizon::Now, true));
    assert!(
        !roadmap::move_entry(&mut p, today(), &to(Horizon::Next))
            .unwrap()
            .changed
    );

    let rm = |unlink: bool| RemoveEntry {
        id: "R1".into(),
        unlink,
    };
    let e = fails(&mut p, |p| roadmap::remove(p, today(), &rm(false)));
    assert_eq!(e.message, "R1 has items linked to it: PAY-1, PAY-3");
    let removed = roadmap::remove(&mut p, today(), &rm(true)).unwrap();
    assert_eq!(removed.entry.title, "Pay online");
    assert_eq!(removed.unlinked, ["PAY-1", "PAY-3"]);
    assert!(p.roadmap.is_empty() && p.items.iter().all(|i| i.roadmap.is_none()));
    let e = fails(&mut p, |p| roadmap::remove(p, today(), &rm(true)));
    assert_eq!(e.code, ErrorCode::UnknownId);
}

#[test]
fn the_roadmap_reads_in_horizons_with_its_items_progress() {
    let mut p = product();
    roadmap::add(&mut p, today(), &AddEntry::new("Refunds", Horizon::Later)).unwrap();
    let r = query::roadmap::roadmap(&p);
    assert_eq!(r.now.len(), 1);
    assert!(r.next.is_empty());
    assert_eq!(r.later[0].id, "R2");
    assert_eq!((r.now[0].items_done, r.now[0].items_total), (1, 2));
    let entry = query::roadmap::entry(&p, "R1").unwrap();
    let ids: Vec<&str> = entry.items.iter().map(|i| i.id.as_str()).collect();
    // Open items first, then done ones.
    assert_eq!(ids, ["PAY-3", "PAY-1"]);
    let e = query::roadmap::entry(&p, "R9").expect_err("no R9");
    assert_eq!(e.hint.as_deref(), Some("known roadmap entries: R1, R2"));
}

#[test]
fn the_mvp_counts_its_sizes_and_what_stands_in_its_way() {
    let mut p = product();
    for (i, size) in [(0, Some(3.0)), (1, Some(5.0)), (2, None)] {
        p.items[i].mvp = true;
        p.items[i].size = size;
    }
    p.items.push(item(4, Status::Dropped));
    p.items[2].depends_on = vec!["PAY-4".into()];
    let mvp = query::mvp::MvpReport::of(&p);
    assert_eq!((mvp.items_done, mvp.items_total), (1, 3));
    assert_eq!((mvp.size_done, mvp.size_total), (3.0, 8.0));
    assert_eq!(mvp.unsized_items, ["PAY-3"]);
    assert_eq!(mvp.open, ["PAY-2", "PAY-3"]);
    assert_eq!(mvp.unmet_dependencies[0].depends_on, "PAY-4");
    let ids: Vec<&str> = query::mvp::items(&p)
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["PAY-2", "PAY-3", "PAY-1"]);
}

#[test]
fn the_dashboard_and_the_report_gather_the_product() {
    let p = product();
    let d = query::dashboard::dashboard(&p, today());
    assert_eq!(d.open_items, 2);
    assert_eq!(d.top, ["PAY-2", "PAY-3"]);
    let counts: Vec<(Status, usize)> = d
        .items_by_status
        .iter()
        .map(|c| (c.status, c.count))
        .collect();
    assert_eq!(
        counts,
        [
            (Status::Idea, 1),
            (Status::Ready, 1),
            (Status::Doing, 0),
            (Status::Done, 1),
            (Status::Dropped, 0),
        ]
    );
    assert_eq!(d.roadmap_now[0].id, "R1");
    assert_eq!(d.objectives[0].id, "O1");
    let r = query::report::report(&p, today(), &Default::default());
    assert_eq!(r.decisions_since, Date::from_ymd(2026, 12, 16).unwrap());
    assert_eq!(r.top.len(), 2);
}

#[test]
fn people_have_unique_names_roles_once_and_leave_the_log_intact() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    people::add(
        &mut p,
        today(),
        &AddPerson::new("Priya Shah", ["owner", " owner "]),
    )
    .unwrap();
    assert_eq!(p.people[0].roles, ["owner"]);
    let e = fails(&mut p, |p| {
        people::add(p, today(), &AddPerson::new("priya shah", ["team"]))
    });
    assert_eq!(e.code, ErrorCode::DuplicateName);
    let e = fails(&mut p, |p| {
        people::add(p, today(), &AddPerson::new("Sam", ["", "team"]))
    });
    assert_eq!(e.message, "a role is empty");
    people::add(
        &mut p,
        today(),
        &AddPerson::new("Dan Okafor", ["leadership"]),
    )
    .unwrap();
    let changed = people::change_roles(
        &mut p,
        today(),
        &ChangeRoles {
            name: "Dan Okafor".into(),
            add: vec!["owner".into(), "leadership".into()],
            remove: vec!["leadership".into()],
        },
    )
    .unwrap();
    assert_eq!(changed.person.roles, ["owner", "leadership"]);
    let e = fails(&mut p, |p| {
        people::change_roles(
            p,
            today(),
            &ChangeRoles {
                name: "Zara".into(),
                add: vec!["team".into()],
                remove: vec![],
            },
        )
    });
    assert_eq!(e.message, "no person `Zara`");

    // Someone the log names stays, as does the owner [product] names.
    let mut tx = Transaction::in_memory(p, today());
    tx.apply(|p, today| {
        vision::set(
            p,
            today,
            &SetVision {
                statement: Some("Pay online".into()),
                ..SetVision::default()
            },
        )
    })
    .unwrap();
    let mut p = tx
        .commit(&Actor::named("Priya Shah").agreed_by("Dan Okafor"))
        .unwrap()
        .product;
    p.product.owner = Some("Priya Shah".into());
    let gone = |name: &str| RemovePerson { name: name.into() };
    let e = fails(&mut p, |p| people::remove(p, today(), &gone("Dan Okafor")));
    assert_eq!(e.message, "the decision log names Dan Okafor (D1)");
    let e = fails(&mut p, |p| people::remove(p, today(), &gone("Priya Shah")));
    assert!(e.message.contains("product owner"), "{e}");
    people::add(&mut p, today(), &AddPerson::new("Sam Lee", ["team"])).unwrap();
    let removed = people::remove(&mut p, today(), &gone("Sam Lee")).unwrap();
    assert_eq!(removed.person.name, "Sam Lee");
}

#[test]
fn stakeholders_sit_on_the_grid_by_name() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    let finance = AddStakeholder {
        notes: Some("  ".into()),
        ..AddStakeholder::new("Finance", Level::Low, Level::High)
    };
    let added = stakeholder::add(&mut p, today(), &finance).unwrap();
    assert_eq!(added.quadrant, Quadrant::KeepSatisfied);
    assert_eq!(added.stakeholder.notes, None);
    let e = fails(&mut p, |p| {
        stakeholder::add(
            p,
            today(),
            &AddStakeholder::new(" FINANCE", Level::High, Level::High),
        )
    });
    assert_eq!(e.message, "there is already a stakeholder named `Finance`");
    stakeholder::add(
        &mut p,
        today(),
        &AddStakeholder::new("Patients", Level::High, Level::Low),
    )
    .unwrap();
    let e = fails(&mut p, |p| {
        stakeholder::edit(
            p,
            today(),
            &EditStakeholder {
                name: "Patients".into(),
                rename: Some("finance".into()),
                ..EditStakeholder::default()
            },
        )
    });
    assert_eq!(e.code, ErrorCode::DuplicateName);
    let edited = stakeholder::edit(
        &mut p,
        today(),
        &EditStakeholder {
            name: "Patients".into(),
            rename: Some("Patients' forum".into()),
            influence: Some(Level::High),
            ..EditStakeholder::default()
        },
    )
    .unwrap();
    assert_eq!(edited.quadrant, Quadrant::ManageClosely);
    let grid = query::stakeholders::grid(&p);
    assert_eq!(grid.manage_closely[0].name, "Patients' forum");
    assert_eq!(grid.keep_satisfied[0].name, "Finance");

    // Two records of one name cannot be told apart.
    p.stakeholders.push(p.stakeholders[0].clone());
    let e = fails(&mut p, |p| {
        stakeholder::remove(
            p,
            today(),
            &RemoveStakeholder {
                name: "Finance".into(),
            },
        )
    });
    assert_eq!(e.message, "2 stakeholders are named `Finance`");
}

#[test]
fn the_vision_sets_what_is_given_and_needs_something_given() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    let e = fails(&mut p, |p| vision::set(p, today(), &SetVision::default()));
    assert_eq!(e.message, "nothing to set");
    let set = vision::set(
        &mut p,
        today(),
        &SetVision {
            statement: Some(" Pay in two minutes ".into()),
            problems: Some(vec!["Paper forms get lost".into(), "".into()]),
            ..SetVision::default()
        },
    )
    .unwrap();
    assert!(set.changed);
    assert_eq!(set.vision.statement.as_deref(), Some("Pay in two minutes"));
    assert_eq!(set.vision.problems, ["Paper forms get lost"]);
    let cleared = vision::set(
        &mut p,
        today(),
        &SetVision {
            statement: Some(String::new()),
            ..SetVision::default()
        },
    )
    .unwrap();
    assert_eq!(cleared.vision.statement, None);
}

#[test]
fn the_decision_log_filters_by_kind_and_date() {
    use productfile::model::DecisionKind;
    use productfile::query::decisions::{Filter, log, recent};
    let mut p = Product::new("Payments".into(), "PAY".into());
    let text = r#"version = 1
[product]
name = "P"
key = "P"
[[decisions]]
id = "D1"
date = 2026-10-01
kind = "goals, metrics"
summary = "a"
decided_by = "Priya"
[[decisions]]
id = "D2"
date = 2027-01-10
kind = ["scope", "budget"]
summary = "b"
decided_by = "Priya"
"#;
    p.decisions = productfile::store::parse(text, "p.toml".as_ref())
        .unwrap()
        .decisions;
    let ids =
        |f: Filter| -> Vec<String> { log(&p, &f).decisions.into_iter().map(|d| d.id).collect() };
    assert_eq!(
        ids(Filter {
            kind: Some(DecisionKind::Metrics),
            since: None
        }),
        ["D1"]
    );
    assert_eq!(
        ids(Filter {
            kind: Some(DecisionKind::Scope),
            since: None
        }),
        ["D2"]
    );
    assert_eq!(
        ids(Filter {
            kind: None,
            since: Date::from_ymd(2027, 1, 1)
        }),
        ["D2"]
    );
    assert_eq!(log(&p, &Filter::default()).total, 2);
    assert_eq!(p.decisions[1].other_kinds, ["budget"]);
    let newest: Vec<String> = recent(&p, Date::from_ymd(2026, 1, 1).unwrap())
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(newest, ["D2", "D1"]);
}

#[test]
fn vision_entries_are_added_and_removed_one_at_a_time() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    p.vision.users = vec!["Patients".into()];
    p.vision.strategy = vec!["Digital first".into(), "Assisted digital".into()];
    let added = vision::add(
        &mut p,
        today(),
        &VisionEntries {
            users: vec![" Pharmacy staff ".into(), "Patients".into()],
            problems: vec!["Paper forms get lost".into()],
            ..VisionEntries::default()
        },
    )
    .unwrap();
    assert!(added.changed);
    // Added at the end, each once; the lists keep what they had.
    assert_eq!(p.vision.users, ["Patients", "Pharmacy staff"]);
    assert_eq!(p.vision.problems, ["Paper forms get lost"]);
    let removed = vision::remove(
        &mut p,
        today(),
        &VisionEntries {
            strategy: vec!["Digital first".into()],
            ..VisionEntries::default()
        },
    )
    .unwrap();
    assert!(removed.changed);
    assert_eq!(p.vision.strategy, ["Assisted digital"]);
    assert_eq!(p.vision.users, ["Patients", "Pharmacy staff"]);
    // An entry that is not there is refused, naming those that are.
    let e = fails(&mut p, |p| {
        vision::remove(
            p,
            today(),
            &VisionEntries {
                users: vec!["Pharmacists".into()],
                ..VisionEntries::default()
            },
        )
    });
    assert_eq!(e.kind, ErrorKind::Invalid, "{e}");
    assert!(e.message.contains("Pharmacists"), "{e}");
    assert!(
        e.hint.as_deref().unwrap_or("").contains("Pharmacy staff"),
        "{e:?}"
    );
    let e = fails(&mut p, |p| {
        vision::add(p, today(), &VisionEntries::default())
    });
    assert_eq!(e.kind, ErrorKind::Usage, "{e}");
    // An entry there already: nothing changes.
    let again = vision::add(
        &mut p,
        today(),
        &VisionEntries {
            users: vec!["Patients".into()],
            ..VisionEntries::default()
        },
    )
    .unwrap();
    assert!(!again.changed);
}
