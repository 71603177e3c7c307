//! Decision rights through the library, without the binary: each kind of
//! decision refused to someone who may not make it, refused without the
//! agreement it needs, and made (with the decision logged) by someone who
//! may, through `ops` and `ops::Transaction`.

use std::path::Path;

use productfile::model::{Date, DecisionKind, Horizon, Product};
use productfile::ops::decide::{self, Decide};
use productfile::ops::kpi::{self, EditKpi};
use productfile::ops::okr::{self, AddObjective, EditKeyResult};
use productfile::ops::people::{self, ChangeRoles};
use productfile::ops::roadmap::{self, MoveEntry};
use productfile::ops::vision::{self, SetVision};
use productfile::ops::{Actor, Committed, Transaction};
use productfile::{Error, ErrorCode, ErrorKind, store};

const PRIYA: &str = "Priya Shah";
const DAN: &str = "Dan Okafor";
const SAM: &str = "Sam Lee";

/// An owner, a leadership person and a team member under the default
/// rules, with something of every section a decision can touch.
const TEAM: &str = r#"version = 1

[product]
name = "Prescription payments"
key = "RX"
owner = "Priya Shah"

[vision]
statement = "Anyone who pays for prescriptions can do it online."

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[people]]
name = "Dan Okafor"
roles = ["leadership"]

[[people]]
name = "Sam Lee"
roles = ["team"]

[[objectives]]
id = "O1"
title = "Make paying effortless"

[[objectives.key_results]]
id = "KR1"
title = "Online completion rate"
unit = "%"
start = 62.0
target = 85.0

[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"
target = 90.0
threshold = 80.0

[[roadmap]]
id = "R1"
title = "Pay online"
horizon = "next"

[[items]]
id = "RX-1"
title = "Pay by card online"
kind = "feature"
status = "ready"
size = 3

[[items]]
id = "RX-2"
title = "Email a receipt"
kind = "feature"
status = "idea"
"#;

fn today() -> Date {
    Date::from_ymd(2026, 11, 23).unwrap()
}

fn team() -> Product {
    store::parse(TEAM, Path::new("product.toml")).unwrap()
}

/// A change to the team's product.
type Change = fn(&mut Product, Date) -> productfile::error::Result<()>;

/// Makes `change` in a transaction on the team's product and commits it as `actor`.
fn attempt(change: Change, actor: &Actor) -> Result<Committed, Error> {
    let mut tx = Transaction::in_memory(team(), today());
    tx.apply(change)?;
    tx.commit(actor)
}

fn refused(change: Change, actor: &Actor, needle: &str) {
    let Err(e) = attempt(change, actor) else {
        panic!("{actor:?} was not refused");
    };
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
    assert_eq!(e.code, ErrorCode::Refused, "{e}");
    assert!(e.message.contains(needle), "`{needle}` not in: {e}");
}

fn priya() -> Actor {
    Actor::named(PRIYA)
}

fn sam() -> Actor {
    Actor::named(SAM)
}

/// A change the owner makes alone: refused to the team member and to
/// leadership, made by the owner with no decision logged (none is owed).
fn owner_decides_alone(kind: &str, change: Change) {
    for who in [SAM, DAN] {
        refused(
            change,
            &Actor::named(who),
            &format!(
                "{who} may not take {kind} decisions: the rule is decide = [owner], held by {PRIYA}"
            ),
        );
    }
    let done = attempt(change, &priya()).unwrap();
    assert!(done.decision.is_none(), "{:?}", done.decision);
    assert_ne!(done.product, team(), "the change changed nothing");
}

/// A change the owner makes with leadership's agreement: refused to the
/// team member, refused to the owner alone and with the wrong person's
/// agreement; made with Dan's, which logs D1 of that kind.
fn owner_decides_with_leadership(kind: DecisionKind, change: Change) -> Committed {
    let name = kind.name();
    refused(
        change,
        &sam().agreed_by(DAN),
        &format!("{SAM} may not take {name} decisions"),
    );
    refused(
        change,
        &priya(),
        &format!("{name} decisions need the agreement of one of [leadership]: {DAN}"),
    );
    refused(
        change,
        &priya().agreed_by(SAM),
        &format!("{SAM} cannot agree to {name} decisions"),
    );
    refused(
        change,
        &priya().agreed_by("Zara Hussain"),
        "Zara Hussain is not in [[people]]",
    );
    let done = attempt(
        change,
        &priya().agreed_by(DAN).because("Agreed at the review"),
    )
    .unwrap();
    let d = done.decision.clone().expect("a decision is logged");
    assert_eq!(d.id, "D1");
    assert_eq!(d.date, today());
    assert_eq!(d.kinds, [kind]);
    assert_eq!(d.decided_by, PRIYA);
    assert_eq!(d.agreed_by, [DAN]);
    assert_eq!(d.rationale.as_deref(), Some("Agreed at the review"));
    assert_eq!(done.product.decisions, [d]);
    done
}

#[test]
fn prioritisation_is_the_owners_alone() {
    owner_decides_alone("prioritisation", |p, _| {
        p.find_item_mut("RX-2")?.size = Some(5.0);
        Ok(())
    });
}

#[test]
fn scope_is_the_owners_alone() {
    owner_decides_alone("scope", |p, _| {
        p.find_item_mut("RX-2")?.mvp = true;
        Ok(())
    });
}

#[test]
fn goals_need_leaderships_agreement() {
    let done = owner_decides_with_leadership(DecisionKind::Goals, |p, today| {
        okr::add_objective(
            p,
            today,
            &AddObjective {
                title: "Nobody pays a penalty by mistake".into(),
                start: None,
                end: None,
                commitment: productfile::model::Commitment::Committed,
                description: None,
            },
        )?;
        Ok(())
    });
    assert_eq!(done.product.objectives.len(), 2);
    assert_eq!(done.decision.unwrap().refs, ["O2"]);

    let done = owner_decides_with_leadership(DecisionKind::Goals, |p, today| {
        okr::edit_key_result(
            p,
            today,
            &EditKeyResult {
                reference: "O1.KR1".into(),
                target: Some(90.0),
                ..EditKeyResult::default()
            },
        )?;
        Ok(())
    });
    let d = done.decision.unwrap();
    assert_eq!(
        d.summary,
        "O1.KR1 (Online completion rate) target: 85 -> 90"
    );
    assert_eq!(d.refs, ["O1.KR1"]);
}

#[test]
fn a_check_in_needs_nobodys_agreement() {
    let check_in: Change = |p, today| {
        okr::check_in(p, today, &okr::CheckIn::new("O1.KR1", 70.0))?;
        kpi::record(p, today, &kpi::Record::new("K1", 84.0))?;
        Ok(())
    };
    // Readings are not decisions: anyone named, or nobody, may record them.
    for actor in [sam(), Actor::nobody()] {
        let done = attempt(check_in, &actor).unwrap();
        assert!(done.decision.is_none());
        assert_eq!(
            done.product.find_key_result("O1.KR1").unwrap().current,
            Some(70.0)
        );
    }
}

#[test]
fn metrics_need_leaderships_agreement() {
    let done = owner_decides_with_leadership(DecisionKind::Metrics, |p, today| {
        kpi::edit(
            p,
            today,
            &EditKpi {
                id: "K1".into(),
                target: Some(Some(92.0)),
                ..EditKpi::default()
            },
        )?;
        Ok(())
    });
    assert_eq!(done.product.find_kpi("K1").unwrap().target, Some(92.0));
}

#[test]
fn launch_needs_leaderships_agreement() {
    let done = owner_decides_with_leadership(DecisionKind::Launch, |p, today| {
        roadmap::move_entry(
            p,
            today,
            &MoveEntry {
                id: "R1".into(),
                to: Horizon::Now,
            },
        )?;
        Ok(())
    });
    assert_eq!(
        done.decision.unwrap().summary,
        "R1 (Pay online) horizon: next -> now"
    );
}

#[test]
fn vision_needs_leaderships_agreement() {
    owner_decides_with_leadership(DecisionKind::Vision, |p, today| {
        vision::set(
            p,
            today,
            &SetVision {
                users: Some(vec!["Pharmacy staff".into()]),
                ..SetVision::default()
            },
        )?;
        Ok(())
    });
}

#[test]
fn rights_are_leaderships_alone_and_always_logged() {
    let give: Change = |p, today| {
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: SAM.into(),
                add: vec!["leadership".into()],
                remove: vec![],
            },
        )?;
        Ok(())
    };
    refused(give, &sam(), "Sam Lee may not take rights decisions");
    refused(
        give,
        &priya(),
        "Priya Shah may not take rights decisions: the rule is decide = [leadership], held by Dan Okafor",
    );
    // Leadership decides alone, and a change of rights is logged even
    // with no reason given: it is what every other decision is judged by.
    let done = attempt(give, &Actor::named(DAN)).unwrap();
    let d = done.decision.unwrap();
    assert_eq!(d.kinds, [DecisionKind::Rights]);
    assert_eq!(d.decided_by, DAN);
    assert!(d.agreed_by.is_empty());
    assert_eq!(d.rationale, None);
    assert_eq!(
        done.product.find_person(SAM).unwrap().roles,
        ["team", "leadership"]
    );
    let done = attempt(give, &Actor::named(DAN).because("Sam leads the beta")).unwrap();
    let d = done.decision.unwrap();
    assert_eq!(
        d.summary,
        "Sam Lee roles: [\"team\"] -> [\"team\",\"leadership\"]"
    );
    assert_eq!(d.rationale.as_deref(), Some("Sam leads the beta"));
    // People are not refs: a decision refers to parts of the product.
    assert!(d.refs.is_empty());
}

#[test]
fn a_rights_change_nobody_is_named_for_is_refused_not_left_unlogged() {
    // A file with nobody in it yet: no rule binds, but the first role given
    // is still a change of rights, logged under someone's name.
    let mut bare = Product::new("P".into(), "RX".into());
    bare.people.clear();
    let mut tx = Transaction::in_memory(bare, today());
    tx.apply(|p, today| {
        people::add(p, today, &people::AddPerson::new(PRIYA, ["owner"]))?;
        Ok(())
    })
    .unwrap();
    let Err(e) = tx.commit(&Actor::nobody()) else {
        panic!("a rights change with nobody named was not refused");
    };
    assert_eq!(e.kind, ErrorKind::Usage, "{e}");
    assert!(
        e.message
            .contains("a change of rights is always logged, and nobody is named"),
        "{e}"
    );
}

#[test]
fn taking_the_owner_role_needs_the_owners_agreement() {
    // Route 6 of the governance issue: leadership names themselves owner.
    let take: Change = |p, today| {
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: DAN.into(),
                add: vec!["owner".into()],
                remove: vec![],
            },
        )?;
        Ok(())
    };
    refused(
        take,
        &Actor::named(DAN),
        "taking the owner role needs the agreement of the current owner, Priya Shah",
    );
    let Err(e) = attempt(take, &Actor::named(DAN)) else {
        unreachable!()
    };
    assert!(
        e.hint
            .as_deref()
            .unwrap_or("")
            .contains("--agreed-by \"Priya Shah\""),
        "{e:?}"
    );
    // Another person's agreement is not the owner's.
    refused(
        take,
        &Actor::named(DAN).agreed_by(SAM),
        "needs the agreement of the current owner",
    );
    let done = attempt(take, &Actor::named(DAN).agreed_by(PRIYA)).unwrap();
    let d = done.decision.unwrap();
    assert_eq!(d.kinds, [DecisionKind::Rights]);
    assert_eq!(d.agreed_by, [PRIYA]);

    // Taking it from its holder is the same: leadership removes Priya
    // after giving it to Sam.
    let swap: Change = |p, today| {
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: SAM.into(),
                add: vec!["owner".into()],
                remove: vec![],
            },
        )?;
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: PRIYA.into(),
                add: vec![],
                remove: vec!["owner".into()],
            },
        )?;
        Ok(())
    };
    refused(
        swap,
        &Actor::named(DAN),
        "the agreement of the current owner",
    );
    assert!(attempt(swap, &Actor::named(DAN).agreed_by(PRIYA)).is_ok());
}

#[test]
fn the_last_owner_keeps_the_role() {
    let take: Change = |p, today| {
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: PRIYA.into(),
                add: vec![],
                remove: vec!["owner".into()],
            },
        )?;
        Ok(())
    };
    refused(take, &Actor::named(DAN), "nobody holding the owner role");
}

#[test]
fn a_change_of_two_kinds_needs_both_and_logs_both() {
    let both: Change = |p, _| {
        let item = p.find_item_mut("RX-1")?;
        item.size = Some(8.0);
        item.mvp = true;
        Ok(())
    };
    refused(
        both,
        &sam(),
        "Sam Lee may not take prioritisation decisions",
    );
    let done = attempt(both, &priya().because("Sized and in")).unwrap();
    let d = done.decision.unwrap();
    assert_eq!(d.kinds, [DecisionKind::Prioritisation, DecisionKind::Scope]);
    assert_eq!(d.kind_names(), "prioritisation, scope");
    assert_eq!(
        d.summary,
        "RX-1 (Pay by card online) size: 3 -> 8; RX-1 mvp: none -> true"
    );
}

#[test]
fn a_change_nobody_makes_is_refused_where_a_rule_binds() {
    let e = attempt(
        |p, today| {
            vision::set(
                p,
                today,
                &SetVision {
                    statement: Some("Pay online".into()),
                    ..SetVision::default()
                },
            )?;
            Ok(())
        },
        &Actor::nobody(),
    )
    .err()
    .expect("refused");
    assert_eq!(e.kind, ErrorKind::Refused);
    assert!(e.message.contains("nobody is named"), "{e}");
}

#[test]
fn a_decision_taken_elsewhere_is_recorded_under_the_same_rules() {
    let launch = Decide {
        refs: vec!["R1".into()],
        ..Decide::new(DecisionKind::Launch, "Public beta from 3 March")
    };
    let record = |actor: &Actor| {
        let mut tx = Transaction::in_memory(team(), today());
        tx.apply(|p, today| decide::decide(p, today, actor, &launch))?;
        tx.commit(actor)
    };
    let refusal = |actor: &Actor| record(actor).err().expect("refused");
    assert!(
        refusal(&sam().agreed_by(DAN))
            .message
            .contains("Sam Lee may not take launch decisions")
    );
    assert!(
        refusal(&priya())
            .message
            .contains("launch decisions need the agreement")
    );
    let e = refusal(&Actor::nobody());
    assert_eq!(e.kind, ErrorKind::Refused);

    let done = record(&priya().agreed_by(DAN).because("Beta users are ready")).unwrap();
    // The decision recorded is the only one: adding to the log decides nothing.
    assert!(done.decision.is_none());
    let [d] = done.product.decisions.as_slice() else {
        panic!("{:?}", done.product.decisions);
    };
    assert_eq!(d.id, "D1");
    assert_eq!(d.kinds, [DecisionKind::Launch]);
    assert_eq!(d.summary, "Public beta from 3 March");
    assert_eq!(d.agreed_by, [DAN]);
    assert_eq!(d.rationale.as_deref(), Some("Beta users are ready"));
    assert_eq!(d.refs, ["R1"]);

    // A decision of two kinds needs the rights to both.
    let two = Decide {
        kinds: vec![DecisionKind::Scope, DecisionKind::Rights],
        ..Decide::new(DecisionKind::Scope, "Sam owns the refunds scope")
    };
    let mut tx = Transaction::in_memory(team(), today());
    let e = tx
        .apply(|p, today| decide::decide(p, today, &priya(), &two))
        .expect_err("refused");
    assert!(e.message.contains("may not take rights decisions"), "{e}");
}

#[test]
fn the_rules_as_they_stood_judge_a_change_to_them() {
    // Giving the team the right to decide goals is itself a rights
    // decision, judged by the rules before it: leadership's, not the team's.
    let change: Change = |p, _| {
        p.rights.goals = Some(productfile::model::Rule {
            decide: vec!["team".into()],
            agree: vec![],
        });
        Ok(())
    };
    refused(change, &sam(), "Sam Lee may not take rights decisions");
    assert!(attempt(change, &Actor::named(DAN)).is_ok());
}

// Routes 4 and 5 of the governance issue, through the library.

#[test]
fn rewording_an_item_is_refinement_the_owners_or_the_teams() {
    use productfile::ops::item::{self, EditItem};
    let reword: Change = |p, today| {
        item::edit(
            p,
            today,
            &EditItem {
                id: "RX-1".into(),
                title: Some("Email a receipt".into()),
                ..EditItem::default()
            },
        )?;
        Ok(())
    };
    // Someone with no role, and leadership, may not rewrite the backlog.
    for who in ["Ola Bello", DAN] {
        refused(
            reword,
            &Actor::named(who),
            &format!(
                "{who} may not take refinement decisions: the rule is decide = [owner, team], held by {PRIYA}, {SAM}"
            ),
        );
    }
    for who in [PRIYA, SAM] {
        let done = attempt(reword, &Actor::named(who)).unwrap();
        assert!(done.decision.is_none(), "{:?}", done.decision);
    }
}

#[test]
fn renaming_a_kpi_or_a_roadmap_entry_is_governed_like_its_target() {
    let done = owner_decides_with_leadership(DecisionKind::Metrics, |p, today| {
        kpi::edit(
            p,
            today,
            &EditKpi {
                id: "K1".into(),
                name: Some("Cost per transaction".into()),
                ..EditKpi::default()
            },
        )?;
        Ok(())
    });
    assert_eq!(
        done.product.find_kpi("K1").unwrap().name,
        "Cost per transaction"
    );
    owner_decides_with_leadership(DecisionKind::Metrics, |p, today| {
        kpi::edit(
            p,
            today,
            &EditKpi {
                id: "K1".into(),
                unit: Some(Some("points".into())),
                ..EditKpi::default()
            },
        )?;
        Ok(())
    });
    owner_decides_with_leadership(DecisionKind::Launch, |p, today| {
        roadmap::edit(
            p,
            today,
            &roadmap::EditEntry {
                id: "R1".into(),
                outcome: Some("Nobody calls the helpline".into()),
                ..roadmap::EditEntry::default()
            },
        )?;
        Ok(())
    });
    owner_decides_with_leadership(DecisionKind::Goals, |p, today| {
        okr::edit_key_result(
            p,
            today,
            &EditKeyResult {
                reference: "O1.KR1".into(),
                unit: Some(Some("people".into())),
                ..EditKeyResult::default()
            },
        )?;
        Ok(())
    });
}

#[test]
fn init_force_over_a_file_that_does_not_read_is_refused_unless_discarded() {
    use productfile::ops::init::{self, Init, Replaced};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("product.toml");
    std::fs::write(&path, format!("{TEAM}\n[[items]\n")).unwrap();
    let new = init::starter(&Init::new("Mine"), store::Format::Toml)
        .unwrap()
        .product;
    let e =
        init::authorise_replacement(&path, &new, &Actor::named("Ola Bello"), false).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid, "{e}");
    assert_eq!(e.code, ErrorCode::FileInvalid, "{e}");
    assert!(e.message.contains("product.toml:"), "{e}");
    // Outside git there is no earlier version whose rules could judge it.
    let done = init::authorise_replacement(&path, &new, &Actor::named("Ola Bello"), true).unwrap();
    assert!(
        matches!(
            done,
            Replaced::Invalid {
                checked_at: None,
                ..
            }
        ),
        "{done:?}"
    );
    // A valid file is judged by its own rules.
    std::fs::write(&path, TEAM).unwrap();
    let e = init::authorise_replacement(&path, &new, &Actor::named("Ola Bello"), true).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
}

/// Gives `role` to `name` (added to `[[people]]` when not there yet).
fn give(p: &mut Product, today: Date, name: &str, role: &str) -> productfile::error::Result<()> {
    if p.find_person(name).is_err() {
        people::add(p, today, &people::AddPerson::new(name, [role]))?;
    } else {
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: name.into(),
                add: vec![role.into()],
                remove: vec![],
            },
        )?;
    }
    Ok(())
}

#[test]
fn a_role_whose_rights_the_giver_holds_is_theirs_to_give() {
    // `team` decides only refinement, which the owner decides too: with
    // leadership named, the owner still adds a team member, as a logged
    // rights decision, with or without anyone's agreement.
    let add_ann: Change = |p, today| give(p, today, "Ann Ruiz", "team");
    for actor in [priya(), priya().agreed_by(DAN)] {
        let done = attempt(add_ann, &actor).unwrap();
        let d = done.decision.expect("a rights change is logged");
        assert_eq!(d.kinds, [DecisionKind::Rights]);
        assert_eq!(d.decided_by, PRIYA);
        assert_eq!(
            done.product.find_person("Ann Ruiz").unwrap().roles,
            ["team"]
        );
    }
    // Taking it is the same; and the team member passes on his own role.
    let take_sams: Change = |p, today| {
        people::change_roles(
            p,
            today,
            &ChangeRoles {
                name: SAM.into(),
                add: vec![],
                remove: vec!["team".into()],
            },
        )?;
        Ok(())
    };
    let done = attempt(take_sams, &priya()).unwrap();
    assert!(done.product.find_person(SAM).unwrap().roles.is_empty());
    assert_eq!(done.decision.unwrap().kinds, [DecisionKind::Rights]);
    assert!(attempt(add_ann, &sam()).is_ok());

    // A role carrying a right the giver lacks stays leadership's to give.
    let lead: Change = |p, today| give(p, today, "Ann Ruiz", "leadership");
    refused(
        lead,
        &priya(),
        "Priya Shah may not take rights decisions: the rule is decide = [leadership], held by Dan Okafor",
    );
    refused(
        lead,
        &priya().agreed_by(DAN),
        "may not take rights decisions",
    );
    assert!(attempt(lead, &Actor::named(DAN)).is_ok());
    // The team member cannot give `team` with something more in the change.
    let team_and_lead: Change = |p, today| {
        give(p, today, "Ann Ruiz", "team")?;
        give(p, today, "Ann Ruiz", "leadership")
    };
    refused(
        team_and_lead,
        &sam(),
        "Sam Lee may not take rights decisions",
    );
    // Someone not in [[people]] holds no rights to pass on.
    refused(
        add_ann,
        &Actor::named("Zara Hussain"),
        "may not take rights decisions",
    );

    // The owner role keeps its own rule: leadership's to give, with the
    // owner's word, even though the owner holds every right it carries.
    let owner: Change = |p, today| give(p, today, SAM, "owner");
    refused(owner, &priya(), "Priya Shah may not take rights decisions");
    refused(owner, &sam(), "Sam Lee may not take rights decisions");
    assert!(attempt(owner, &Actor::named(DAN).agreed_by(PRIYA)).is_ok());
}

#[test]
fn what_a_role_carries_follows_the_files_own_rules() {
    // With prioritisation the team's as well, `team` carries a right the
    // owner holds; with launch decided by `team` alone, it carries one she
    // lacks, and is leadership's to give again.
    let add_ann: Change = |p, today| give(p, today, "Ann Ruiz", "team");
    let mut tx = Transaction::in_memory(team(), today());
    tx.product_mut().rights.prioritisation = Some(productfile::model::Rule {
        decide: vec!["owner".into(), "team".into()],
        agree: vec![],
    });
    let shared = tx.commit(&Actor::named(DAN)).unwrap().product;
    let mut tx = Transaction::in_memory(shared.clone(), today());
    tx.apply(add_ann).unwrap();
    assert!(tx.commit(&priya()).is_ok());

    let mut tx = Transaction::in_memory(shared, today());
    tx.product_mut().rights.launch = Some(productfile::model::Rule {
        decide: vec!["team".into()],
        agree: vec![],
    });
    let teams = tx.commit(&Actor::named(DAN)).unwrap().product;
    let mut tx = Transaction::in_memory(teams, today());
    tx.apply(add_ann).unwrap();
    let Err(e) = tx.commit(&priya()) else {
        panic!("the owner gave a role carrying launch, which she does not decide");
    };
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
}

#[test]
fn decision_summaries_name_what_they_add_and_remove_by_title() {
    let add_objective: Change = |p, today| {
        okr::add_objective(
            p,
            today,
            &AddObjective {
                title: "Grow renewals".into(),
                start: None,
                end: None,
                commitment: productfile::model::Commitment::Committed,
                description: None,
            },
        )?;
        Ok(())
    };
    let done = attempt(add_objective, &priya().agreed_by(DAN)).unwrap();
    assert_eq!(done.decision.unwrap().summary, "O2 added: Grow renewals");
    let add_item: Change = |p, today| {
        productfile::ops::item::add(
            p,
            today,
            &productfile::ops::item::AddItem {
                title: "Offline mode".into(),
                ..Default::default()
            },
        )?;
        Ok(())
    };
    let done = attempt(add_item, &priya().because("Pharmacies lose signal")).unwrap();
    let id = done.product.items.last().unwrap().id.clone();
    assert_eq!(
        done.decision.unwrap().summary,
        format!("{id} added: Offline mode")
    );
    let remove_item: Change = |p, today| {
        productfile::ops::item::remove(p, today, "RX-2")?;
        Ok(())
    };
    let done = attempt(remove_item, &priya().because("Not needed")).unwrap();
    assert_eq!(
        done.decision.unwrap().summary,
        "RX-2 removed: Email a receipt"
    );
}

#[test]
fn a_person_added_is_summarised_with_their_roles() {
    let add_ann: Change = |p, today| give(p, today, "Ann Ruiz", "team");
    let done = attempt(add_ann, &priya()).unwrap();
    assert_eq!(done.decision.unwrap().summary, "Ann Ruiz added: team");
}
