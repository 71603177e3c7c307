//! The decision-rights step of every change: what the change decides (the
//! semantic diff), whether the person making it may (the rules), and the
//! decision to log when agreement was needed or a reason was given.

use std::io::Write;
use std::process::Command;

use productfile::diff::{self, Change};
use productfile::model::{Decision, Product};
use productfile::rights::{self, Authorised, Refusal};

use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorKind, ErrorCode};

/// How many changes a generated summary names before saying how many more.
const SUMMARY_CHANGES: usize = 3;

/// Who is making the change: `--as`, else `$PRODUCT_AS`, else git's
/// `user.name` (asked of git only when it is needed, through an argument
/// list, never a shell).
pub fn actor(ctx: &Ctx) -> Option<String> {
    ctx.actor_found.get_or_init(|| look_up_actor(ctx)).clone()
}

fn look_up_actor(ctx: &Ctx) -> Option<String> {
    if let Some(a) = ctx
        .actor
        .as_ref()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
    {
        return Some(a.to_owned());
    }
    let out = Command::new("git")
        .args(["config", "user.name"])
        .current_dir(&ctx.cwd)
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (out.status.success() && !name.is_empty()).then(|| name.to_owned())
}

/// Checks the change from `before` to `after` against the decision rights
/// of `before`, and appends the decision to `after`'s log when one is owed.
/// A refusal leaves the file untouched, since nothing has been written yet.
pub fn govern(ctx: &Ctx, before: &Product, after: &mut Product) -> CmdResult<Option<Decision>> {
    let changes = diff::diff(before, after);
    let kinds = diff::kinds(&changes);
    if kinds.is_empty() {
        return Ok(None);
    }
    let actor = actor(ctx);
    let authorised =
        rights::authorise(before, &kinds, actor.as_deref(), &ctx.agreed_by).map_err(refusal)?;
    rights::keeps_an_owner(before, after).map_err(refusal)?;
    let wanted = authorised.agreement_needed || ctx.why.is_some() || !ctx.agreed_by.is_empty();
    if !wanted {
        return Ok(None);
    }
    let Some(actor) = actor else {
        return Err(CommandError::usage(
            "a decision is to be logged, and nobody is named as taking it",
        )
        .with_hint("say who you are with --as NAME, $PRODUCT_AS or `git config user.name`"));
    };
    let decision = decision(ctx, after, &changes, &authorised, actor);
    after.decisions.push(decision.clone());
    Ok(Some(decision))
}

/// Tells the person at the terminal which decision was logged.
pub fn announce(ctx: &Ctx, decision: &Decision) {
    if ctx.quiet || ctx.format == crate::render::OutputFormat::Json {
        return;
    }
    let agreed = if decision.agreed_by.is_empty() {
        String::new()
    } else {
        format!(", agreed by {}", decision.agreed_by.join(", "))
    };
    let _ = writeln!(
        std::io::stderr(),
        "Logged {}: {} decision by {}{agreed}",
        decision.id,
        decision.kind,
        decision.decided_by
    );
}

fn decision(
    ctx: &Ctx,
    product: &Product,
    changes: &[Change],
    authorised: &Authorised,
    actor: String,
) -> Decision {
    let governed: Vec<&Change> = changes.iter().filter(|c| c.kind.is_some()).collect();
    let mut summary: Vec<String> = governed
        .iter()
        .take(SUMMARY_CHANGES)
        .map(|c| c.summary())
        .collect();
    if governed.len() > SUMMARY_CHANGES {
        summary.push(format!("and {} more", governed.len() - SUMMARY_CHANGES));
    }
    let mut refs: Vec<String> = Vec::new();
    for c in &governed {
        if !c.id.is_empty() && !refs.contains(&c.id) && c.section != "people" {
            refs.push(c.id.clone());
        }
    }
    Decision {
        id: next_decision_id(product),
        date: ctx.today,
        kind: authorised
            .kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(", "),
        summary: summary.join("; "),
        decided_by: actor,
        // Agreement given where none was needed is still worth the record.
        agreed_by: if authorised.agreed_by.is_empty() {
            ctx.agreed_by.clone()
        } else {
            authorised.agreed_by.clone()
        },
        rationale: ctx.why.clone(),
        refs,
    }
}

/// `D` and one more than the highest decision number.
pub fn next_decision_id(product: &Product) -> String {
    let highest = product
        .decisions
        .iter()
        .filter_map(|d| d.id.strip_prefix('D')?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("D{}", highest + 1)
}

/// A refusal as the command's error: exit 4, the rule, and what to do.
pub fn refusal(r: Refusal) -> CommandError {
    let hint = match &r {
        Refusal::NoActor { .. } => {
            "say who you are with --as NAME, $PRODUCT_AS or `git config user.name`".to_owned()
        }
        Refusal::NotDecider { holders, .. } => format!(
            "ask {} to make this change, or have the rule changed in [rights]",
            holders.join(" or ")
        ),
        Refusal::NeedsAgreement { holders, .. } => format!(
            "once agreed, run it again with --agreed-by \"{}\" (and --why to say why)",
            holders.first().map_or("NAME", String::as_str)
        ),
        Refusal::NotAgreer { holders, .. } => {
            format!("agreement must come from {}", holders.join(" or "))
        }
        Refusal::UnknownPerson { known, .. } => format!(
            "name one of {}, or add them with `product people add NAME`",
            known.join(", ")
        ),
        Refusal::NoOwnerLeft => {
            "give the owner role to someone else first: `product people role NAME --add owner`"
                .to_owned()
        }
    };
    CommandError::new(ErrorKind::Refused, ErrorCode::Refused, r.to_string()).with_hint(hint)
}
