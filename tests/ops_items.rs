//! The backlog's rules, run in-process through the library: `ops::item`,
//! `ops::rank` and `ops::import` on a product in memory, inside a
//! `Transaction` where decision rights matter, and `query` for what faces
//! show. No binary, no files.

use productfile::interchange::ImportOptions;
use productfile::model::{Date, ExperimentResult, Kind, MoveTo, NumberField, Product, Status};
use productfile::ops::import::{self, ImportCsv};
use productfile::ops::item::{
    self, AddItem, DoneItem, DropItem, EditItem, ItemFields, MoveItem, ReopenItem, ReplaceItem,
    ScoreItem, Scores,
};
use productfile::ops::rank::{self, ApplyRanking};
use productfile::ops::{Actor, Transaction};
use productfile::priority::Placement;
use productfile::query::{items as item_query, rank as rank_query};
use productfile::{ErrorCode, ErrorKind};

const PRIYA: &str = "Priya Shah";
const DAN: &str = "Dan Okafor";

/// An owner, a leadership person, an objective with a key result, a
/// roadmap entry and three open items; `extra` goes before the items.
fn product_with(extra: &str) -> Product {
    let text = format!(
        r#"version = 1

[product]
name = "Prescription payments"
key = "RX"
owner = "Priya Shah"

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[people]]
name = "Dan Okafor"
roles = ["leadership"]

{extra}

[[objectives]]
id = "O1"
title = "Make paying effortless"

[[objectives.key_results]]
id = "KR1"
title = "Online completion rate"
start = 62.0
target = 85.0

[[kpis]]
id = "K1"
name = "User satisfaction"
direction = "up"

[[roadmap]]
id = "R1"
title = "Pay online"
horizon = "now"

[[items]]
id = "RX-1"
title = "Pay by card"
kind = "feature"
status = "ready"
value = 8
time_criticality = 5
risk_reduction = 3
size = 8
created = 2026-11-01
updated = 2026-11-01

[[items]]
id = "RX-2"
title = "Refund a payment"
kind = "bug"
status = "idea"
depends_on = ["RX-1"]
value = 5
time_criticality = 9
risk_reduction = 8
size = 2
created = 2026-11-01
updated = 2026-11-01

[[items]]
id = "RX-3"
title = "Receipts by email"
kind = "feature"
status = "idea"
created = 2026-11-01
updated = 2026-11-01
"#
    );
    toml::from_str(&text).expect("the fixture is a product")
}

fn product() -> Product {
    product_with("")
}

fn today() -> Date {
    Date::from_ymd(2026, 11, 23).unwrap()
}

fn add(title: &str) -> AddItem {
    AddItem {
        title: title.into(),
        ..AddItem::default()
    }
}

fn edit(id: &str) -> EditItem {
    EditItem {
        id: id.into(),
        ..EditItem::default()
    }
}

#[test]
fn an_item_is_added_with_the_next_id_todays_date_and_its_fields() {
    let mut p = product();
    let added = item::add(
        &mut p,
        today(),
        &AddItem {
            title: "  Pay by bank transfer ".into(),
            fields: ItemFields {
                kind: Some(Kind::Feature),
                tags: vec!["payments".into(), "payments".into(), " ".into()],
                mvp: Some(true),
                key_results: vec!["O1.KR1".into()],
                roadmap: Some(Some("R1".into())),
                depends_on: vec!["RX-1".into()],
                ..ItemFields::default()
            },
            scores: Scores::default().set(NumberField::Size, 3.0),
        },
    )
    .unwrap();
    assert_eq!(added.id, "RX-4");
    assert!(added.warnings.is_empty(), "{:?}", added.warnings);
    let item = p.find_item("RX-4").unwrap();
    assert_eq!(item.title, "Pay by bank transfer");
    assert_eq!(item.status, Status::Idea);
    assert_eq!(item.tags, ["payments"]);
    assert!(item.mvp);
    assert_eq!(item.size, Some(3.0));
    assert_eq!((item.created, item.updated), (Some(today()), Some(today())));
}

#[test]
fn nothing_changes_when_an_add_is_refused() {
    let before = product();
    let refused = |opts: AddItem| {
        let mut p = before.clone();
        let e = item::add(&mut p, today(), &opts).unwrap_err();
        assert_eq!(p, before, "{}", e.message);
        e
    };
    assert_eq!(refused(add("   ")).kind, ErrorKind::Usage);
    let bare_kr = refused(AddItem {
        fields: ItemFields {
            key_results: vec!["KR1".into()],
            ..ItemFields::default()
        },
        ..add("Linked")
    });
    assert_eq!(bare_kr.code, ErrorCode::UnknownId);
    assert_eq!(bare_kr.message, "no key result `KR1`");
    assert!(
        bare_kr
            .hint
            .as_deref()
            .unwrap()
            .starts_with("a key result is named with its objective, as O1.KR1")
    );
    let roadmap = refused(AddItem {
        fields: ItemFields {
            roadmap: Some(Some("R9".into())),
            ..ItemFields::default()
        },
        ..add("Planned")
    });
    assert_eq!(roadmap.message, "no roadmap entry `R9`");
    let measure = refused(AddItem {
        fields: ItemFields {
            kind: Some(Kind::Experiment),
            measure: Some("K9".into()),
            ..ItemFields::default()
        },
        ..add("Try")
    });
    assert_eq!(measure.message, "no KPI or key result `K9`");
    let not_an_experiment = refused(AddItem {
        fields: ItemFields {
            hypothesis: Some("People pay".into()),
            ..ItemFields::default()
        },
        ..add("Try")
    });
    assert_eq!(not_an_experiment.kind, ErrorKind::Usage);
    let off_scale = refused(AddItem {
        scores: Scores::default()
            .set(NumberField::Value, 3.0)
            .set(NumberField::Cost, 0.0),
        ..add("Free")
    });
    assert_eq!(
        off_scale.message,
        "--cost: cost must be more than 0: scores divide by it"
    );
}

#[test]
fn ids_run_out_after_the_highest_number() {
    let mut p = product();
    p.items[2].id = "RX-999999999999999999".into();
    let e = item::add(&mut p, today(), &add("One more")).unwrap_err();
    assert_eq!(e.code, ErrorCode::IdsExhausted);
}

#[test]
fn an_experiment_added_without_what_makes_it_one_is_warned_about() {
    let mut p = product();
    let added = item::add(
        &mut p,
        today(),
        &AddItem {
            fields: ItemFields {
                kind: Some(Kind::Experiment),
                hypothesis: Some("Reminders cut missed payments".into()),
                ..ItemFields::default()
            },
            ..add("Reminders")
        },
    )
    .unwrap();
    assert_eq!(
        added.warnings,
        [
            "an experiment needs --measure, --success: add with `product item edit RX-4 --measure ... --success ...`"
        ]
    );
}

#[test]
fn an_edit_that_changes_nothing_leaves_the_item_undated() {
    let mut p = product();
    let before = p.clone();
    let same = item::edit(
        &mut p,
        today(),
        &EditItem {
            title: Some("Pay by card".into()),
            fields: ItemFields {
                kind: Some(Kind::Feature),
                ..ItemFields::default()
            },
            ..edit("RX-1")
        },
    )
    .unwrap();
    assert!(!same.changed);
    assert_eq!(p, before);
    let changed = item::edit(
        &mut p,
        today(),
        &EditItem {
            untag: vec!["none".into()],
            fields: ItemFields {
                tags: vec!["payments".into()],
                roadmap: Some(Some("R1".into())),
                ..ItemFields::default()
            },
            ..edit("RX-1")
        },
    )
    .unwrap();
    assert!(changed.changed);
    let item = p.find_item("RX-1").unwrap();
    assert_eq!(item.updated, Some(today()));
    assert_eq!(item.roadmap.as_deref(), Some("R1"));
}

#[test]
fn dependencies_may_not_go_round_in_a_cycle() {
    let mut p = product();
    let before = p.clone();
    let cycle = item::edit(
        &mut p,
        today(),
        &EditItem {
            fields: ItemFields {
                depends_on: vec!["RX-2".into()],
                ..ItemFields::default()
            },
            ..edit("RX-1")
        },
    )
    .unwrap_err();
    assert_eq!(cycle.code, ErrorCode::DependencyCycle);
    assert_eq!(
        cycle.message,
        "that would make a dependency cycle: RX-1 -> RX-2 -> RX-1"
    );
    let itself = item::edit(
        &mut p,
        today(),
        &EditItem {
            fields: ItemFields {
                depends_on: vec!["RX-3".into()],
                ..ItemFields::default()
            },
            ..edit("RX-3")
        },
    )
    .unwrap_err();
    assert_eq!(itself.message, "RX-3 cannot depend on itself");
    assert_eq!(p, before);
}

#[test]
fn scores_are_checked_against_the_scale_before_any_is_set() {
    let mut p = product_with("[scoring]\nscale = \"fibonacci\"");
    let before = p.clone();
    let e = item::score(
        &mut p,
        today(),
        &ScoreItem {
            id: "RX-3".into(),
            scores: Scores::default()
                .set(NumberField::Value, 8.0)
                .set(NumberField::Size, 4.0),
        },
    )
    .unwrap_err();
    assert_eq!(
        e.message,
        "--size: size 4 is not on the fibonacci scale; use one of 1, 2, 3, 5, 8, 13, 20"
    );
    assert_eq!(p, before);
    let scored = item::score(
        &mut p,
        today(),
        &ScoreItem {
            id: "RX-3".into(),
            scores: Scores::default()
                .set(NumberField::Value, 8.0)
                .clear(NumberField::Size),
        },
    )
    .unwrap();
    assert!(scored.changed);
    assert_eq!(
        p.find_item("RX-3").unwrap().number(NumberField::Value),
        Some(8.0)
    );
}

#[test]
fn an_items_life_records_its_dates_and_reasons() {
    let mut p = product();
    let started = item::start(&mut p, today(), "RX-2").unwrap();
    assert_eq!(started.warnings, ["it depends on RX-1 (ready), still open"]);
    assert_eq!(
        item::start(&mut p, today(), "RX-2").unwrap_err().message,
        "RX-2 is already doing"
    );
    item::done(
        &mut p,
        today(),
        &DoneItem {
            id: "RX-1".into(),
            ..DoneItem::default()
        },
    )
    .unwrap();
    let one = p.find_item("RX-1").unwrap();
    assert_eq!((one.status, one.done_on), (Status::Done, Some(today())));

    let dropping = DropItem {
        id: "RX-1".into(),
        reason: "  ".into(),
    };
    assert_eq!(
        item::drop(&mut p, today(), &dropping).unwrap_err().kind,
        ErrorKind::Usage
    );
    let dropped = item::drop(
        &mut p,
        today(),
        &DropItem {
            reason: "Replaced by the national service".into(),
            ..dropping
        },
    )
    .unwrap();
    assert_eq!(dropped.warnings.len(), 1, "RX-2 waits for it");
    let one = p.find_item("RX-1").unwrap();
    assert_eq!((one.status, one.done_on), (Status::Dropped, None));
    assert_eq!(
        one.reason.as_deref(),
        Some("Replaced by the national service")
    );

    let reopen = |status| ReopenItem {
        id: "RX-1".into(),
        status,
    };
    assert!(item::reopen(&mut p, today(), &reopen(Status::Done)).is_err());
    item::reopen(&mut p, today(), &reopen(Status::Ready)).unwrap();
    let one = p.find_item("RX-1").unwrap();
    assert_eq!((one.status, &one.reason), (Status::Ready, &None));
    assert!(item::reopen(&mut p, today(), &reopen(Status::Ready)).is_err());
}

#[test]
fn an_experiment_records_what_it_showed_and_others_cannot() {
    let mut p = product();
    let result = |id: &str| DoneItem {
        id: id.into(),
        result: Some(ExperimentResult::Validated),
        learning: Some("Reminders cut late payments by 14%".into()),
    };
    let e = item::done(&mut p, today(), &result("RX-3")).unwrap_err();
    assert_eq!(
        e.message,
        "--result is for experiments, and RX-3 is a feature"
    );
    p.items[2].kind = Kind::Experiment;
    item::done(&mut p, today(), &result("RX-3")).unwrap();
    let e = p.items[2].experiment.as_ref().unwrap();
    assert_eq!(e.result, Some(ExperimentResult::Validated));
    assert_eq!(
        e.learning.as_deref(),
        Some("Reminders cut late payments by 14%")
    );
}

#[test]
fn moving_and_removing_items() {
    let mut p = product();
    let moved = item::move_item(
        &mut p,
        today(),
        &MoveItem {
            id: "RX-3".into(),
            to: MoveTo::Top,
        },
    )
    .unwrap();
    assert!(moved.changed);
    assert_eq!(p.backlog_position("RX-3"), Some(1));
    let unknown = item::move_item(
        &mut p,
        today(),
        &MoveItem {
            id: "RX-3".into(),
            to: MoveTo::After("RX-9".into()),
        },
    )
    .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::UnknownId);

    let removed = item::remove(&mut p, today(), "RX-1").unwrap();
    assert_eq!(removed.unlinked, ["RX-2"]);
    assert!(p.find_item("RX-2").unwrap().depends_on.is_empty());
    assert_eq!(
        item::remove(&mut p, today(), "RX-1").unwrap_err().code,
        ErrorCode::UnknownId
    );
}

#[test]
fn a_whole_item_replaces_the_one_it_was_read_from_only() {
    let mut p = product();
    let before = p.find_item("RX-3").unwrap().clone();
    let mut edited = before.clone();
    edited.title = "Receipts by email and text".into();
    edited.key_results.push("O1.KR7".into());
    let problem = item::check_replacement(&p, &before, &edited).unwrap_err();
    assert!(
        problem.message.starts_with("no key result `O1.KR7`"),
        "{problem}"
    );

    edited.key_results.clear();
    edited.depends_on.push("RX-2".into());
    let opts = ReplaceItem {
        before: before.clone(),
        edited: edited.clone(),
    };
    let replaced = item::replace(&mut p, today(), &opts).unwrap();
    assert!(replaced.changed);
    assert_eq!(p.find_item("RX-3").unwrap().updated, Some(today()));
    // It is no longer as `before` has it: a second replacement is a conflict.
    let again = item::replace(&mut p, today(), &opts).unwrap_err();
    assert_eq!(again.kind, ErrorKind::Conflict);
}

#[test]
fn a_change_someone_may_not_make_is_refused_and_nothing_is_kept() {
    let mut tx = Transaction::in_memory(product(), today());
    let added = tx
        .apply(|p, today| item::add(p, today, &add("Pay in instalments")))
        .unwrap();
    assert_eq!(added.id, "RX-4");
    // Adding an item is a scope decision, the owner's to make.
    let Err(e) = tx.commit(&Actor::named(DAN)) else {
        panic!("Dan is not the owner");
    };
    assert_eq!(e.kind, ErrorKind::Refused);
    assert!(e.message.contains("scope"), "{}", e.message);
}

#[test]
fn an_agreed_change_logs_the_decision() {
    let rules = "[rights]\nscope = { decide = [\"owner\"], agree = [\"leadership\"] }";
    let drop_it = |actor: Actor| {
        let mut tx = Transaction::in_memory(product_with(rules), today());
        tx.apply(|p, today| {
            item::drop(
                p,
                today,
                &DropItem {
                    id: "RX-3".into(),
                    reason: "Paper receipts are enough".into(),
                },
            )
        })
        .unwrap();
        tx.commit(&actor)
    };
    let Err(unagreed) = drop_it(Actor::named(PRIYA)) else {
        panic!("dropping needs leadership's agreement");
    };
    assert_eq!(unagreed.kind, ErrorKind::Refused);

    let done = drop_it(
        Actor::named(PRIYA)
            .agreed_by(DAN)
            .because("Nobody asked for them"),
    )
    .unwrap();
    let decision = done.decision.expect("a decision is logged");
    assert_eq!(decision.id, "D1");
    assert_eq!(decision.kinds, [productfile::rights::DecisionKind::Scope]);
    assert_eq!(decision.decided_by, PRIYA);
    assert_eq!(decision.agreed_by, [DAN]);
    assert_eq!(decision.refs, ["RX-3"]);
    assert_eq!(done.product.decisions, [decision]);
    assert_eq!(
        done.product.find_item("RX-3").unwrap().status,
        Status::Dropped
    );
    assert!(!done.written, "in memory: nothing to write");
}

fn import(
    p: &mut Product,
    csv: &str,
    skip_invalid: bool,
) -> productfile::error::Result<import::CsvImported> {
    let opts = ImportCsv::read(
        "issues.csv",
        csv.as_bytes(),
        &ImportOptions::default(),
        skip_invalid,
    )?;
    import::csv(p, today(), &opts)
}

#[test]
fn an_import_moves_items_through_the_same_life() {
    let mut p = product();
    let closed = "Title,URL,State,Closed At (UTC)\nLogin,https://g.example/1,closed,2019-11-25 10:00:00\nLogout,https://g.example/2,closed,\n";
    let first = import(&mut p, closed, false).unwrap();
    assert_eq!(first.created.len(), 2);
    let login = p.find_item("RX-4").unwrap();
    assert_eq!(
        (login.status, login.done_on),
        (Status::Done, Some(Date::from_ymd(2019, 11, 25).unwrap()))
    );
    // Done on a day the tracker does not say: not dated the day of the import.
    assert_eq!(p.find_item("RX-5").unwrap().done_on, None);

    let reopened = "Title,URL,State\nLogin,https://g.example/1,opened\n";
    let second = import(&mut p, reopened, false).unwrap();
    assert_eq!(second.updated[0].changed, ["status", "done_on"]);
    let login = p.find_item("RX-4").unwrap();
    assert_eq!((login.status, login.done_on), (Status::Idea, None));
    assert_eq!(login.updated, Some(today()));
}

#[test]
fn a_bad_row_stops_an_import_unless_it_is_skipped() {
    let mut p = product();
    let before = p.clone();
    let csv = "Summary,Story Points,Roadmap\nGood,3,R1\nBad,lots,R1\nLinked,1,R7\n";
    let e = import(&mut p, csv, false).unwrap_err();
    assert_eq!(e.code, ErrorCode::CsvRowsInvalid);
    assert_eq!(
        e.message,
        "issues.csv: 1 row cannot be imported; nothing was written"
    );
    assert_eq!(e.problems[0].path, "row 3, Story Points");
    assert_eq!(p, before);

    let done = import(&mut p, csv, true).unwrap();
    assert_eq!(done.created.len(), 2);
    assert_eq!(done.skipped[0].row, 3);
    assert_eq!(
        done.warnings,
        [
            "roadmap entry `R7` (row 4) is not in this file; the link is kept, and `product check` reports it until it is added"
        ]
    );
}

#[test]
fn applying_a_ranking_keeps_pinned_items_in_place() {
    let mut p = product();
    p.items[2].pinned = true;
    p.items[2].value = Some(1.0);
    p.items[2].time_criticality = Some(1.0);
    p.items[2].risk_reduction = Some(1.0);
    p.items[2].size = Some(1.0);
    // Pinning alone: RX-2's dependency is tried in the tests below.
    p.items[1].depends_on.clear();
    // WSJF: RX-1 2, RX-2 11, RX-3 3 but pinned third.
    let applied = rank::apply(&mut p, today(), &ApplyRanking::default()).unwrap();
    assert_eq!(applied.moved, 2);
    assert!(applied.report.applied);
    let order: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["RX-2", "RX-1", "RX-3"]);
    let again = rank::apply(&mut p, today(), &ApplyRanking::default()).unwrap();
    assert_eq!(again.moved, 0);

    let unknown = rank::apply(
        &mut p,
        today(),
        &ApplyRanking {
            by: Some("wsfj".into()),
        },
    )
    .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::UnknownMethod);
}

/// The open items `RX-1`, `RX-2`, ... in this order, each scored by
/// value/cost (cost 1) with its value, in a status (`pinned` pins an idea)
/// and depending on the items listed.
fn backlog(items: &[(u32, &str, &[&str])]) -> Product {
    let mut p = product();
    p.items = items
        .iter()
        .enumerate()
        .map(|(n, (value, status, deps))| {
            let mut item = productfile::model::Item::new(
                format!("RX-{}", n + 1),
                format!("Item {}", n + 1),
                Kind::Feature,
                today(),
            );
            item.value = Some(f64::from(*value));
            item.cost = Some(1.0);
            item.pinned = *status == "pinned";
            item.status = if *status == "doing" {
                Status::Doing
            } else {
                Status::Idea
            };
            item.depends_on = deps.iter().map(|d| (*d).to_owned()).collect();
            item
        })
        .collect();
    p
}

fn apply_value_cost(p: &mut Product) -> rank::RankApplied {
    let by = ApplyRanking {
        by: Some("value-cost".into()),
    };
    rank::apply(p, today(), &by).unwrap()
}

fn ids(p: &Product) -> Vec<&str> {
    p.items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn applying_a_ranking_puts_no_item_above_what_it_depends_on() {
    let mut p = backlog(&[(9, "idea", &["RX-3"]), (5, "idea", &[]), (1, "idea", &[])]);
    let applied = apply_value_cost(&mut p);
    // RX-1 scores most but waits for RX-3, and comes right after it.
    assert_eq!(ids(&p), ["RX-2", "RX-3", "RX-1"]);
    let first = &applied.report.ranked[0];
    assert_eq!(first.id, "RX-1");
    assert_eq!(
        first.placement,
        Some(Placement::AfterDependency { id: "RX-3".into() })
    );
    assert_eq!(apply_value_cost(&mut p).moved, 0);
}

#[test]
fn applying_a_ranking_keeps_items_in_progress_in_place() {
    let mut p = backlog(&[(1, "doing", &[]), (2, "idea", &[]), (3, "idea", &[])]);
    let applied = apply_value_cost(&mut p);
    assert_eq!(ids(&p), ["RX-1", "RX-3", "RX-2"]);
    let doing = applied
        .report
        .ranked
        .iter()
        .find(|r| r.id == "RX-1")
        .unwrap();
    assert!(doing.doing);
    assert_eq!(doing.new_position, 1);
}

#[test]
fn what_a_held_item_depends_on_moves_up_just_above_it() {
    // RX-3 is pinned third and depends on RX-5, the lowest scored.
    let mut p = backlog(&[
        (5, "idea", &[]),
        (4, "idea", &[]),
        (3, "pinned", &["RX-5"]),
        (2, "idea", &[]),
        (1, "idea", &[]),
    ]);
    let applied = apply_value_cost(&mut p);
    assert_eq!(ids(&p), ["RX-1", "RX-5", "RX-3", "RX-2", "RX-4"]);
    let pulled = applied
        .report
        .ranked
        .iter()
        .find(|r| r.id == "RX-5")
        .unwrap();
    assert_eq!(
        pulled.placement,
        Some(Placement::BeforeDependent { id: "RX-3".into() })
    );

    // An item in progress first, depending on a pinned one below it: there is
    // no place above the first, so it moves down one, under its dependency.
    let mut p = backlog(&[
        (1, "doing", &["RX-3"]),
        (5, "idea", &[]),
        (2, "pinned", &[]),
    ]);
    apply_value_cost(&mut p);
    assert_eq!(ids(&p), ["RX-3", "RX-1", "RX-2"]);
    assert_eq!(apply_value_cost(&mut p).moved, 0);
}

#[test]
fn a_dependency_cycle_keeps_score_order_and_is_named() {
    let mut p = backlog(&[
        (1, "idea", &["RX-2"]),
        (2, "idea", &["RX-1"]),
        (3, "idea", &[]),
    ]);
    let applied = apply_value_cost(&mut p);
    assert_eq!(ids(&p), ["RX-3", "RX-2", "RX-1"]);
    for row in applied.report.ranked.iter().filter(|r| r.id != "RX-3") {
        assert_eq!(row.cycle, ["RX-1", "RX-2"], "{}", row.id);
    }
    assert!(applied.report.ranked[0].cycle.is_empty());
}

#[test]
fn queries_show_the_backlog_as_faces_do() {
    let p = product();
    let list = item_query::list(
        &p,
        &item_query::ItemFilter {
            kind: Some(Kind::Bug),
            ..item_query::ItemFilter::default()
        },
    )
    .unwrap();
    assert_eq!(list.items.len(), 1);
    assert_eq!(list.items[0].blocked_by, ["RX-1"]);
    assert_eq!(list.total, 3);
    let e = item_query::list(
        &p,
        &item_query::ItemFilter {
            roadmap: Some("R9".into()),
            ..item_query::ItemFilter::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownId);

    let detail = item_query::detail(&p, "RX-2").unwrap();
    assert_eq!(detail.position, Some(2));
    let scores = item_query::scores(&p, "RX-2").unwrap();
    assert_eq!(scores.default_method, "wsjf");
    assert_eq!(scores.scores[0].score, Some(11.0));

    let ranked = rank_query::rank(
        &p,
        &rank_query::RankQuery {
            by: None,
            limit: Some(1),
        },
    )
    .unwrap();
    assert_eq!(ranked.ranked[0].id, "RX-2");
    assert_eq!(ranked.not_shown, 1);
    assert_eq!(
        ranked.unscored[0].reason,
        "missing value, time_criticality, risk_reduction, size"
    );
    let json = serde_json::to_value(&ranked).unwrap();
    assert_eq!(
        json["ranked"][0]["explanation"]["inputs"][0]["field"],
        "value"
    );
}

#[test]
fn an_edit_marks_an_item_ready_pins_it_and_dates_it_through_its_life() {
    let mut p = product();
    let due = Date::from_ymd(2027, 2, 1).unwrap();
    let changed = item::edit(
        &mut p,
        today(),
        &EditItem {
            status: Some(Status::Ready),
            pinned: Some(true),
            due: Some(Some(due)),
            ..edit("RX-3")
        },
    )
    .unwrap();
    assert!(changed.changed);
    let rx3 = p.find_item("RX-3").unwrap();
    assert_eq!(
        (rx3.status, rx3.pinned, rx3.due),
        (Status::Ready, true, Some(due))
    );
    assert_eq!(rx3.updated, Some(today()));
    // Unpinned and undated; and a done item marked ready is open again,
    // with no done date (the one lifecycle).
    item::done(
        &mut p,
        today(),
        &DoneItem {
            id: "RX-3".into(),
            ..DoneItem::default()
        },
    )
    .unwrap();
    item::edit(
        &mut p,
        today(),
        &EditItem {
            status: Some(Status::Ready),
            pinned: Some(false),
            due: Some(None),
            ..edit("RX-3")
        },
    )
    .unwrap();
    let rx3 = p.find_item("RX-3").unwrap();
    assert_eq!(
        (rx3.status, rx3.pinned, rx3.due, rx3.done_on),
        (Status::Ready, false, None, None)
    );
    // Done and dropped have their own commands, which record what goes with them.
    for (status, hint) in [
        (Status::Done, "product item done RX-3"),
        (Status::Dropped, "product item drop RX-3 --reason"),
    ] {
        let before = p.clone();
        let e = item::edit(
            &mut p,
            today(),
            &EditItem {
                status: Some(status),
                ..edit("RX-3")
            },
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Usage, "{e}");
        assert!(e.hint.as_deref().unwrap_or("").contains(hint), "{e:?}");
        assert_eq!(p, before);
    }
    // Pinning is a prioritisation decision: the owner's.
    let mut tx = Transaction::in_memory(product(), today());
    tx.apply(|p, today| {
        item::edit(
            p,
            today,
            &EditItem {
                pinned: Some(true),
                ..edit("RX-2")
            },
        )
    })
    .unwrap();
    assert!(tx.commit(&Actor::named(DAN)).is_err());
}

#[test]
fn a_confidence_of_at_most_1_is_warned_about_as_a_fraction() {
    let mut p = product();
    let confidence = |c: f64| Scores::default().set(NumberField::Confidence, c);
    let scored = item::score(
        &mut p,
        today(),
        &ScoreItem {
            id: "RX-3".into(),
            scores: confidence(0.8),
        },
    )
    .unwrap();
    assert_eq!(
        scored.warnings,
        ["confidence 0.8 is read as 0.8 %; did you mean 80%?"]
    );
    // It is set all the same: a confidence of 1% may be what was meant.
    assert_eq!(
        p.find_item("RX-3").unwrap().number(NumberField::Confidence),
        Some(0.8)
    );
    let added = item::add(
        &mut p,
        today(),
        &AddItem {
            scores: confidence(1.0),
            ..add("Receipts by text")
        },
    )
    .unwrap();
    assert_eq!(
        added.warnings,
        ["confidence 1 is read as 1 %; did you mean 100%?"]
    );
    let edited = item::edit(
        &mut p,
        today(),
        &EditItem {
            scores: confidence(0.25),
            ..edit("RX-2")
        },
    )
    .unwrap();
    assert_eq!(
        edited.warnings,
        ["confidence 0.25 is read as 0.25 %; did you mean 25%?"]
    );
    // A percentage, and no confidence at all, are nothing to warn about.
    for c in [80.0, 0.0, 1.5] {
        let scored = item::score(
            &mut p,
            today(),
            &ScoreItem {
                id: "RX-3".into(),
                scores: confidence(c),
            },
        )
        .unwrap();
        assert!(scored.warnings.is_empty(), "{c}: {:?}", scored.warnings);
    }
}

#[test]
fn a_ranking_that_scores_nothing_says_why_and_how_to_score() {
    let by = |method: &str| rank_query::RankQuery {
        by: Some(method.into()),
        limit: None,
    };
    let mut p = backlog(&[(1, "idea", &[]), (2, "idea", &[])]);
    // Scored by value/cost, but no item has a MoSCoW category.
    let moscow = rank_query::rank(&p, &by("moscow")).unwrap();
    let none = moscow.nothing_scored.expect("nothing is scored");
    assert_eq!(none.reason, "no item has moscow");
    assert_eq!(none.hint, "product item score RX-1 --moscow must");

    // Every input there, but no cost can be divided by.
    for item in &mut p.items {
        item.cost = Some(0.0);
    }
    let zero = rank_query::rank(&p, &by("value-cost")).unwrap();
    let none = zero.nothing_scored.expect("nothing is scored");
    assert_eq!(
        none.reason,
        "no item's inputs can be used (e.g. RX-1: cost is 0)"
    );
    assert_eq!(none.hint, "product item score RX-1");

    // One scored item is enough.
    p.items[1].cost = Some(1.0);
    let one = rank_query::rank(&p, &by("value-cost")).unwrap();
    assert!(one.nothing_scored.is_none());
}
