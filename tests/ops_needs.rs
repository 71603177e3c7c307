//! User needs, evidence and requests through the library, without the
//! binary: a product built from scratch with needs researched, items linked
//! and ranked by their evidence, and requests triaged under decision
//! rights; then the coverage, the checks and the report read back.

use std::path::Path;

use productfile::check;
use productfile::model::{
    Date, DecisionKind, EvidenceKind, Item, NeedStatus, NumberField, Product,
};
use productfile::ops::item::{self as item_ops, AddItem, ItemFields, Scores};
use productfile::ops::need::{self, AddEvidence, AddNeed, EditNeed, RemoveNeed};
use productfile::ops::request::{self, AcceptRequest, AddRequest};
use productfile::ops::{Actor, Transaction};
use productfile::priority::{Method, NeedEvidence, rank, score};
use productfile::query::{needs, report, requests};
use productfile::{Error, ErrorCode, ErrorKind, store};

type Result<T> = std::result::Result<T, Error>;

const ADA: &str = "Ada Lovell";
const LEE: &str = "Lee Marsh";
const TOM: &str = "Tom Reyes";

/// A library-card service: an owner, a leader whose agreement accepting or
/// declining work needs, and a team member.
const START: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"
owner = "Ada Lovell"

[vision]
users = ["Residents who borrow books", "Library staff"]

[[people]]
name = "Ada Lovell"
roles = ["owner"]

[[people]]
name = "Lee Marsh"
roles = ["leadership"]

[[people]]
name = "Tom Reyes"
roles = ["team"]

[[people]]
name = "Val Okoro"

[rights]
scope = { decide = ["owner"], agree = ["leadership"] }

[scoring.formulas]
evidence_value = "value * evidence / size"
"#;

fn day(d: u32) -> Date {
    Date::from_ymd(2026, 11, d).unwrap()
}

fn start() -> Product {
    store::parse(START, Path::new("product.toml")).unwrap()
}

/// Runs one change as `actor` in memory and returns the product and the
/// decision it logged.
fn change<T>(
    product: Product,
    today: Date,
    actor: &Actor,
    f: impl FnOnce(&mut Product, Date) -> Result<T>,
) -> Result<(Product, Option<productfile::model::Decision>, T)> {
    let mut tx = Transaction::in_memory(product, today);
    let out = tx.apply(f)?;
    let done = tx.commit(actor)?;
    Ok((done.product, done.decision, out))
}

fn item(title: &str, value: f64, size: f64, needs: &[&str]) -> AddItem {
    AddItem {
        title: title.into(),
        fields: ItemFields {
            needs: needs.iter().map(|n| (*n).to_owned()).collect(),
            ..ItemFields::default()
        },
        scores: Scores::default()
            .set(NumberField::Value, value)
            .set(NumberField::Size, size),
    }
}

/// The product with three needs researched, one found invalid, and four
/// items linked to them.
fn researched() -> Product {
    // Adding items is scope: the owner's, with leadership's agreement here.
    let ada = Actor::named(ADA).agreed_by(LEE);
    let tom = Actor::named(TOM);
    let (p, decision, _) =
        change(start(), day(2), &tom, |p, today| {
            need::add(
                p,
                today,
                &AddNeed {
                    statement:
                        "As a resident I need to renew my books from home so that I am not fined"
                            .into(),
                    users: Some("Residents who borrow books".into()),
                },
            )?;
            need::add(
                p,
                today,
                &AddNeed::new("As a resident I need to know when a reserved book is in"),
            )?;
            need::add(
                p,
                today,
                &AddNeed {
                    statement: "As library staff I need to print a card at the desk".into(),
                    users: Some("Library staff".into()),
                },
            )?;
            Ok(())
        })
        .unwrap();
    // Adding needs is refinement, the team's to do alone: nothing logged.
    assert!(decision.is_none());
    let (p, _, _) = change(p, day(3), &tom, |p, today| {
        let interviews = AddEvidence {
            date: Some(day(1)),
            ..AddEvidence::new(
                "N1",
                EvidenceKind::Interview,
                6,
                "Five of six renew in person only because they must",
            )
        };
        need::add_evidence(p, today, &interviews)?;
        let survey = AddEvidence {
            link: Some("https://example.org/survey".into()),
            ..AddEvidence::new("N1", EvidenceKind::Survey, 240, "71% would renew online")
        };
        need::add_evidence(p, today, &survey)?;
        need::add_evidence(
            p,
            today,
            &AddEvidence::new("N3", EvidenceKind::Interview, 4, "Desk staff asked for it"),
        )?;
        need::set_status(p, today, "N1", NeedStatus::Validated, None)?;
        // Validated before any evidence is recorded: `check` says so.
        need::set_status(p, today, "N2", NeedStatus::Validated, None)?;
        need::set_status(
            p,
            today,
            "N3",
            NeedStatus::Invalid,
            Some("Cards are posted; nobody prints at the desk"),
        )?;
        Ok(())
    })
    .unwrap();
    let (p, _, _) = change(p, day(4), &ada, |p, today| {
        item_ops::add(p, today, &item("Renew online", 8.0, 2.0, &["N1"]))?;
        item_ops::add(p, today, &item("Pay fines by card", 5.0, 5.0, &[]))?;
        item_ops::add(
            p,
            today,
            &item("Print cards at the desk", 8.0, 2.0, &["N3"]),
        )?;
        item_ops::add(p, today, &item("Renewal reminders", 3.0, 1.0, &["N1"]))?;
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}: {:?}", e.hint));
    p
}

#[test]
fn needs_are_researched_and_items_rank_by_their_evidence() {
    let p = researched();
    let n1 = p.find_need("N1").unwrap();
    assert_eq!(n1.status, NeedStatus::Validated);
    assert_eq!(n1.people(), 246);
    assert_eq!(
        n1.evidence[0].date,
        day(1),
        "evidence is kept in date order"
    );
    assert_eq!(
        p.find_need("N3").unwrap().reason.as_deref(),
        Some("Cards are posted; nobody prints at the desk")
    );

    // evidence = people of the item's needs that are not invalid.
    let method = Method::resolve("evidence_value", &p.scoring).unwrap();
    let ev = NeedEvidence::of(&p);
    let of = |id: &str| -> Item { p.find_item(id).unwrap().clone() };
    assert_eq!(ev.of_item(&of("LC-1")), (246.0, 1.0));
    assert_eq!(
        ev.of_item(&of("LC-3")),
        (0.0, 0.0),
        "an invalid need lends nothing"
    );
    let (s, explanation) = score(&of("LC-1"), &method, &ev).unwrap();
    assert_eq!(s.value, 984.0); // 8 * 246 / 2
    assert_eq!(
        explanation.working,
        "value * evidence / size with value = 8, evidence = 246, size = 2 = 984"
    );
    let ranking = rank(&p, &method);
    assert_eq!(ranking.order(), ["LC-1", "LC-4", "LC-2", "LC-3"]); // 984, 738, 0, 0
    let inputs: Vec<&str> = ranking.ranked[0]
        .explanation
        .inputs
        .iter()
        .map(|i| i.field.name())
        .collect();
    assert_eq!(inputs, ["value", "evidence", "size"]);
}

#[test]
fn requests_are_accepted_declined_and_merged_under_the_rights() {
    let p = researched();
    let ada = Actor::named(ADA);
    let anyone = Actor::named(TOM);
    // Recording a request decides nothing: anyone may.
    let (p, decision, _) = change(p, day(10), &anyone, |p, today| {
        for (text, from, d) in [
            ("Pay fines online", "Finance", 1),
            ("Reading lists for schools", "Schools team", 2),
            ("Dark mode", "A resident", 3),
            ("Renew by text message", "Residents' forum", 4),
        ] {
            request::add(
                p,
                today,
                &AddRequest {
                    date: Some(day(d)),
                    ..AddRequest::new(text, from)
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    assert!(decision.is_none());
    assert_eq!(p.requests.len(), 4);

    // Someone with no role cannot accept: scope is the owner's, with leadership.
    let val = Actor::named("Val Okoro").agreed_by(LEE);
    let refused = change(p.clone(), day(12), &val, |p, today| {
        request::accept(p, today, &AcceptRequest::new("Q1"))
    })
    .expect_err("refused");
    assert_eq!(refused.kind, ErrorKind::Refused);
    // Nor can the owner alone, where the rule wants leadership's agreement.
    let alone = change(p.clone(), day(12), &ada, |p, today| {
        request::accept(p, today, &AcceptRequest::new("Q1"))
    })
    .expect_err("refused");
    assert_eq!(alone.kind, ErrorKind::Refused);
    assert!(alone.message.contains("agreement"), "{}", alone.message);

    let agreed = Actor::named(ADA).agreed_by(LEE);
    let (p, d1, accepted) = change(p, day(12), &agreed, |p, today| {
        request::accept(p, today, &AcceptRequest::new("Q1"))
    })
    .unwrap();
    assert!(accepted.created);
    assert_eq!(accepted.items, ["LC-5"]);
    assert_eq!(p.find_item("LC-5").unwrap().title, "Pay fines online");
    assert_eq!(p.find_item("LC-5").unwrap().requests, ["Q1"]);
    let d1 = d1.expect("accepting is logged where agreement is needed");
    assert_eq!(d1.kinds, [DecisionKind::Scope]);
    assert_eq!(d1.agreed_by, [LEE]);
    assert!(
        d1.refs.contains(&"Q1".to_owned()) && d1.refs.contains(&"LC-5".to_owned()),
        "{:?}",
        d1.refs
    );

    let (p, d2, linked) = change(p, day(13), &agreed, |p, today| {
        request::accept(
            p,
            today,
            &AcceptRequest {
                item: Some("LC-4".into()),
                ..AcceptRequest::new("Q2")
            },
        )
    })
    .unwrap();
    assert!(!linked.created);
    assert_eq!(p.find_item("LC-4").unwrap().requests, ["Q2"]);
    assert_eq!(d2.unwrap().kinds, [DecisionKind::Scope]);

    let (p, d3, _) = change(p, day(14), &agreed, |p, today| {
        request::decline(
            p,
            today,
            "Q3",
            "The council's style guide has no dark theme yet",
        )
    })
    .unwrap();
    let d3 = d3.expect("a decline is logged");
    assert_eq!(d3.kinds, [DecisionKind::Scope]);
    assert_eq!(
        d3.rationale.as_deref(),
        Some("Q3: The council's style guide has no dark theme yet")
    );

    // Merging refines what is there: the team may, and nothing is logged.
    let (p, d4, _) = change(p, day(15), &Actor::named(TOM), |p, today| {
        request::merge(p, today, "Q4", "N1")
    })
    .unwrap();
    assert!(d4.is_none());
    assert_eq!(p.find_request("Q4").unwrap().into.as_deref(), Some("N1"));

    // A request is triaged once.
    let again = change(p.clone(), day(16), &agreed, |p, today| {
        request::decline(p, today, "Q1", "changed our minds")
    })
    .err()
    .unwrap();
    assert_eq!(again.code, ErrorCode::InvalidValue);
    assert!(
        again.message.contains("already accepted on 2026-11-12"),
        "{}",
        again.message
    );

    // What happened to them, as of the 20th.
    let r = requests::requests(&p, day(20));
    assert!(r.open.is_empty());
    let ids = |rows: &[requests::RequestRow]| rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&r.accepted), ["Q1", "Q2"]);
    assert_eq!(r.accepted[0].items, ["LC-5"]);
    assert_eq!(r.accepted[0].waiting_days, 11); // asked on the 1st, accepted on the 12th
    assert_eq!(
        r.declined[0].reason.as_deref(),
        Some("The council's style guide has no dark theme yet")
    );
    assert_eq!(ids(&r.merged), ["Q4"]);
    assert_eq!(r.median_days_to_triage, Some(11)); // 11, 11, 11, 11
}

#[test]
fn coverage_checks_and_report_show_the_figures() {
    let p = researched();
    let c = needs::coverage(&p, None);
    let row = |id: &str| c.needs.iter().find(|n| n.id == id).unwrap();
    assert_eq!(
        (row("N1").people, row("N1").items.open, row("N1").evidence),
        (246, 2, 2)
    );
    assert_eq!(row("N2").items.open, 0);
    assert_eq!(c.unaddressed, ["N2"]);
    let without: Vec<&str> = c.items_without_need.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        without,
        ["LC-2", "LC-3"],
        "LC-3 answers only an invalid need"
    );
    assert_eq!(
        needs::coverage(&p, Some(NeedStatus::Invalid)).needs.len(),
        1
    );

    let findings = check::check(&p, None, day(20));
    let about = |rule: &str| -> Vec<(String, String)> {
        findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.entity.clone().unwrap_or_default(), f.path.to_string()))
            .collect()
    };
    assert_eq!(
        about("need-without-evidence"),
        [("N2".to_owned(), "needs[N2].status".to_owned())]
    );
    assert_eq!(
        about("need-unaddressed"),
        [("N2".to_owned(), "needs[N2].statement".to_owned())]
    );
    assert_eq!(
        about("item-without-need"),
        [
            ("LC-2".to_owned(), "items[LC-2].id".to_owned()),
            ("LC-3".to_owned(), "items[LC-3].id".to_owned())
        ]
    );

    // Evidence and an item for N2 clear both of its findings.
    let tom = Actor::named(TOM);
    let (p, _, _) = change(p, day(21), &tom, |p, today| {
        need::add_evidence(
            p,
            today,
            &AddEvidence::new(
                "N2",
                EvidenceKind::Support,
                31,
                "Calls asking if a reservation is in",
            ),
        )?;
        item_ops::edit(
            p,
            today,
            &productfile::ops::item::EditItem {
                id: "LC-2".into(),
                fields: ItemFields {
                    needs: vec!["N2".into()],
                    ..ItemFields::default()
                },
                ..Default::default()
            },
        )
    })
    .unwrap();
    let findings = check::check(&p, None, day(21));
    assert!(
        !findings.iter().any(|f| f.rule.starts_with("need-")),
        "{findings:?}"
    );

    // A request waiting past [check] request_days (30).
    let (p, _, _) = change(p, day(21), &tom, |p, today| {
        request::add(
            p,
            today,
            &AddRequest {
                date: Some(Date::from_ymd(2026, 10, 1).unwrap()),
                ..AddRequest::new("Audiobooks", "Residents' forum")
            },
        )
    })
    .unwrap();
    let findings = check::check(&p, None, day(21));
    let waiting: Vec<&check::Finding> = findings
        .iter()
        .filter(|f| f.rule == "request-waiting")
        .collect();
    assert_eq!(waiting.len(), 1);
    assert!(
        waiting[0].message.contains("has waited 51 days"),
        "{}",
        waiting[0].message
    );
    assert_eq!(waiting[0].path.to_string(), "requests[Q1].date");

    let r = report::report(&p, day(21), &report::Options::default());
    assert_eq!(r.needs.needs.len(), 3);
    assert_eq!(r.needs.needs[1].people, 31);
    assert_eq!(r.requests.open.len(), 1);
    assert_eq!(r.requests.oldest_open_days, Some(51));
}

#[test]
fn bad_ids_and_values_are_refused_with_the_known_ones() {
    let p = researched();
    let ada = Actor::named(ADA).agreed_by(LEE);
    let e = change(p.clone(), day(10), &ada, |p, today| {
        need::add_evidence(
            p,
            today,
            &AddEvidence::new("N9", EvidenceKind::Survey, 3, "x"),
        )
    })
    .err()
    .unwrap();
    assert_eq!((e.kind, e.code), (ErrorKind::Invalid, ErrorCode::UnknownId));
    assert_eq!(e.message, "no need `N9`");
    assert_eq!(e.hint.as_deref(), Some("known needs: N1, N2, N3"));

    let e = change(p.clone(), day(10), &ada, |p, today| {
        request::decline(p, today, "Q7", "no")
    })
    .err()
    .unwrap();
    assert_eq!(e.code, ErrorCode::UnknownId);
    assert_eq!(e.hint.as_deref(), Some("there are no requests yet"));

    let e = change(p.clone(), day(10), &ada, |p, today| {
        request::add(p, today, &AddRequest::new("Audiobooks", "Forum"))?;
        request::merge(p, today, "Q1", "LC-99")
    })
    .err()
    .unwrap();
    assert_eq!(e.code, ErrorCode::UnknownId);
    assert!(
        e.hint.as_deref().unwrap().contains("N1, N2, N3, LC-1"),
        "{:?}",
        e.hint
    );

    let e = change(p.clone(), day(10), &ada, |p, today| {
        item_ops::edit(
            p,
            today,
            &productfile::ops::item::EditItem {
                id: "LC-1".into(),
                fields: ItemFields {
                    needs: vec!["N8".into()],
                    ..ItemFields::default()
                },
                ..Default::default()
            },
        )
    })
    .err()
    .unwrap();
    assert_eq!(
        (e.code, e.message.as_str()),
        (ErrorCode::UnknownId, "no need `N8`")
    );

    // Evidence from the future, and an invalid need with no reason.
    let e = change(p.clone(), day(10), &ada, |p, today| {
        need::add_evidence(
            p,
            today,
            &AddEvidence {
                date: Some(day(11)),
                ..AddEvidence::new("N1", EvidenceKind::Survey, 3, "x")
            },
        )
    })
    .err()
    .unwrap();
    assert_eq!(e.code, ErrorCode::DateInFuture);
    let e = change(p.clone(), day(10), &ada, |p, today| {
        need::set_status(p, today, "N1", NeedStatus::Invalid, Some("  "))
    })
    .err()
    .unwrap();
    assert_eq!(e.kind, ErrorKind::Usage);

    // A need linked from items is not removed unless the links go too.
    let e = change(p.clone(), day(10), &ada, |p, today| {
        need::remove(
            p,
            today,
            &RemoveNeed {
                id: "N1".into(),
                unlink: false,
            },
        )
    })
    .err()
    .unwrap();
    assert!(
        e.message.contains("linked from LC-1, LC-4"),
        "{}",
        e.message
    );
    let (p, _, removed) = change(p, day(10), &ada, |p, today| {
        need::remove(
            p,
            today,
            &RemoveNeed {
                id: "N1".into(),
                unlink: true,
            },
        )
    })
    .unwrap();
    assert_eq!(removed.notes, ["unlinked from LC-1, LC-4"]);
    assert!(
        p.items
            .iter()
            .all(|i| i.needs.is_empty() || i.needs == ["N3"])
    );
    assert!(p.dangling().is_empty());
    // Its id is not handed out again.
    let (p, _, added) = change(p, day(10), &ada, |p, today| {
        need::add(p, today, &AddNeed::new("Another"))
    })
    .unwrap();
    assert_eq!(added.need.id, "N4");
    // A user group the vision does not name is kept, with a note.
    let (_, _, edited) = change(p, day(10), &ada, |p, today| {
        need::edit(
            p,
            today,
            &EditNeed {
                id: "N4".into(),
                users: Some(Some("Schools".into())),
                ..EditNeed::default()
            },
        )
    })
    .unwrap();
    assert_eq!(edited.need.users.as_deref(), Some("Schools"));
    assert!(
        edited.notes[0].contains("not one of the vision's users"),
        "{:?}",
        edited.notes
    );
}
