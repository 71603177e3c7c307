//! `product decisions`: the decision log.

use crate::cli::choice::choice;
use clap::Subcommand;
use serde::Serialize;

use std::path::{Path, PathBuf};

use crate::render::plans::decision_table;
use crate::render::{Block, Cell, Csv, OutputFormat, TableBlock, Tone, View};
use productfile::model::{Date, Decision, DecisionKind};
use productfile::ops::{self, sign::Signed};
use productfile::query::decisions::{self, DecisionLog, Filter, Verification};
use productfile::signing;
use productfile::store::{self, ssh::KeySource};

use super::candidates;
use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Read the decision log: what was decided, by whom, with whose agreement
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions
  product decisions list --kind goals --since 2026-10-01
  product decisions show D3
  product decisions sign D3
  product decisions verify")]
pub struct Args {
    #[command(subcommand)]
    command: Option<DecisionsCommand>,
}

#[derive(Debug, Subcommand)]
enum DecisionsCommand {
    List(ListArgs),
    Show(ShowArgs),
    Sign(SignArgs),
    Payload(PayloadArgs),
    Verify(VerifyArgs),
}

/// Sign a decision you decided or agreed to, with your SSH key
///
/// Signs the decision's content (everything but its id) as canonical JSON
/// (RFC 8785) in an SSH signature, namespace `productfile-decision`, the
/// format of `ssh-keygen -Y sign` and git's SSH commit signing. The key is
/// --key PATH (a private key, or a public key whose private half is in the
/// SSH agent), else git's `user.signingkey` (with `gpg.format = ssh`), else
/// the agent's key that is one of yours in [[people]]. --signature FILE
/// attaches a signature made elsewhere instead. The signer is the person
/// acting (--as, $PRODUCT_AS or git's user.name), who must be named on the
/// decision. A signature is not itself a decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions sign D7
  product decisions sign D7 --key ~/.ssh/id_ed25519
  product decisions payload D7 > d7.json
  ssh-keygen -Y sign -n productfile-decision -f ~/.ssh/id_ed25519 d7.json
  product decisions sign D7 --signature d7.json.sig")]
pub struct SignArgs {
    /// The decision's id, e.g. D7
    #[arg(add = candidates::decisions())]
    id: String,
    /// The SSH key to sign with: a private key, or a .pub whose key the agent holds
    #[arg(long, value_name = "PATH", conflicts_with = "signature")]
    key: Option<PathBuf>,
    /// Attach this signature (`ssh-keygen -Y sign` output) instead of signing
    #[arg(long, value_name = "FILE")]
    signature: Option<PathBuf>,
}

/// Print the exact bytes a signature of a decision signs
///
/// The decision's content without its id, as canonical JSON (RFC 8785), with
/// no newline after it: sign it elsewhere with `ssh-keygen -Y sign -n
/// productfile-decision`, or check a signature with `ssh-keygen -Y verify`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions payload D7
  product decisions payload D7 | ssh-keygen -Y sign -n productfile-decision -f ~/.ssh/id_ed25519")]
pub struct PayloadArgs {
    /// The decision's id, e.g. D7
    #[arg(add = candidates::decisions())]
    id: String,
}

/// Check decisions' signatures against the signing keys in the file
///
/// Shows, for each signed decision (or the one named), every signature it
/// needs (its decider's and each agreer's) and every one it carries: valid,
/// with the key's fingerprint, or why not (missing, not named on it,
/// unknown key, content changed after signing). Keys in the same file show
/// that the file agrees with itself; `product check --base REV
/// --require-signatures` checks a change against the keys REV holds.
/// Exits 1 when a signature is not valid (or, for a decision named or with
/// signatures required, when one is missing).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions verify
  product decisions verify D7 --json")]
pub struct VerifyArgs {
    /// Only this decision, e.g. D7
    #[arg(add = candidates::decisions())]
    id: Option<String>,
}

/// List decisions, latest last
#[derive(Debug, Default, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions list
  product decisions list --kind metrics --since 2026-11-01")]
pub struct ListArgs {
    /// Only decisions of this kind
    #[arg(long, value_parser = choice::<DecisionKind>())]
    kind: Option<DecisionKind>,
    /// Only decisions on or after this day
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,
}

/// Show one decision in full
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product decisions show D3")]
pub struct ShowArgs {
    /// The decision's id, e.g. D3
    #[arg(add = candidates::decisions())]
    id: String,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        None => list(ctx, ListArgs::default()),
        Some(DecisionsCommand::List(a)) => list(ctx, a),
        Some(DecisionsCommand::Show(a)) => show(ctx, a),
        Some(DecisionsCommand::Sign(a)) => sign(ctx, a),
        Some(DecisionsCommand::Payload(a)) => payload(ctx, a),
        Some(DecisionsCommand::Verify(a)) => verify(ctx, a),
    }
}

/// The log as the command shows it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Log(DecisionLog);

impl View for Log {
    fn kind(&self) -> &'static str {
        "decision_list"
    }

    fn csv(&self) -> Csv {
        Csv::table(&decision_table(&self.0.decisions, true))
    }

    fn blocks(&self) -> Vec<Block> {
        let log = &self.0;
        if log.decisions.is_empty() {
            return vec![Block::Line(format!(
                "No decisions match ({} in the log).",
                log.total
            ))];
        }
        vec![
            Block::Table(decision_table(&log.decisions, false)),
            Block::Line(format!(
                "{} of {} decisions",
                log.decisions.len(),
                log.total
            )),
        ]
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let filter = Filter {
        kind: args.kind,
        since: args.since,
    };
    ctx.print(&Log(decisions::log(&product, &filter)))
}

#[derive(Debug, Serialize)]
struct One {
    decision: Decision,
}

impl View for One {
    fn kind(&self) -> &'static str {
        "decision"
    }

    fn blocks(&self) -> Vec<Block> {
        let d = &self.decision;
        let mut fields: Vec<(String, Cell)> = vec![
            ("Date".into(), d.date.to_string().into()),
            ("Kind".into(), d.kind_names().into()),
            ("Decided by".into(), d.decided_by.as_str().into()),
        ];
        if !d.agreed_by.is_empty() {
            fields.push(("Agreed by".into(), d.agreed_by.join(", ").into()));
        }
        if let Some(r) = &d.rationale {
            fields.push(("Why".into(), r.as_str().into()));
        }
        if !d.refs.is_empty() {
            fields.push(("About".into(), d.refs.join(", ").into()));
        }
        if !d.signatures.is_empty() {
            let by: Vec<&str> = d.signatures.iter().map(|s| s.by.as_str()).collect();
            fields.push((
                "Signed by".into(),
                format!("{} (`product decisions verify {}`)", by.join(", "), d.id).into(),
            ));
        }
        vec![
            Block::Heading(format!("{} {}", d.id, d.summary)),
            Block::Fields(fields),
        ]
    }
}

fn show(ctx: &Ctx, args: ShowArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let decision = product.find_decision(&args.id)?.clone();
    ctx.print(&One { decision })
}

/// A signature attached.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct SignedView(Signed);

impl View for SignedView {
    fn kind(&self) -> &'static str {
        "decision_signed"
    }

    fn blocks(&self) -> Vec<Block> {
        let s = &self.0;
        let verb = if s.replaced { "Signed again" } else { "Signed" };
        let mut lines = vec![Block::Line(format!(
            "{verb} {} as {} with {}",
            s.decision, s.by, s.key
        ))];
        if !s.still_needed.is_empty() {
            lines.push(Block::Line(format!(
                "Still to sign: {}",
                s.still_needed.join(", ")
            )));
        }
        lines
    }
}

fn sign(ctx: &Ctx, args: SignArgs) -> CmdResult<()> {
    let Some(by) = ctx.actor_name() else {
        return Err(CommandError::usage("nobody is named as signing")
            .with_hint("say who you are with --as NAME, $PRODUCT_AS or `git config user.name`"));
    };
    let signature = match &args.signature {
        Some(file) => store::ssh::read_signature(file)?,
        None => {
            let (path, product) = ctx.load()?;
            // Refused before any key is touched or passphrase asked for.
            ops::sign::may_sign(&product, &args.id, &by)?;
            let message = decisions::payload(&product, &args.id)?;
            let theirs = product
                .find_person(&by)
                .map(|p| p.signing_keys.clone())
                .unwrap_or_default();
            let source = match &args.key {
                Some(key) => KeySource::File(key.clone()),
                None => KeySource::Configured,
            };
            let dir = path.parent().unwrap_or(Path::new("."));
            store::ssh::sign(&message, &source, dir, &by, &theirs)?
        }
    };
    let signed =
        ctx.mutate(|product| ops::sign::attach(product, ctx.today, &args.id, &by, &signature))?;
    ctx.print(&SignedView(signed))
}

/// The bytes to sign, as text: JSON, so it is text.
#[derive(Debug, Serialize)]
struct PayloadView {
    decision: String,
    namespace: &'static str,
    payload: String,
}

impl View for PayloadView {
    fn kind(&self) -> &'static str {
        "decision_payload"
    }

    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(self.payload.clone())]
    }
}

fn payload(ctx: &Ctx, args: PayloadArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let bytes = decisions::payload(&product, &args.id)?;
    if ctx.format == OutputFormat::Json {
        return ctx.print(&PayloadView {
            decision: args.id,
            namespace: signing::NAMESPACE,
            payload: String::from_utf8_lossy(&bytes).into_owned(),
        });
    }
    // Exactly the bytes signed: no newline after them.
    ctx.print_raw(&bytes)
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct VerifyView(Verification);

impl View for VerifyView {
    fn kind(&self) -> &'static str {
        "decision_signatures"
    }

    fn csv(&self) -> Csv {
        let rows = self
            .0
            .decisions
            .iter()
            .flat_map(|d| {
                d.signers.iter().map(move |c| {
                    vec![
                        d.id.clone(),
                        c.person.clone(),
                        c.role.to_owned(),
                        c.problem.is_none().to_string(),
                        c.key.clone().unwrap_or_default(),
                        c.problem.as_ref().map_or(String::new(), |p| p.to_string()),
                    ]
                })
            })
            .collect();
        Csv::Table {
            header: ["Decision", "Person", "As", "Valid", "Key", "Problem"]
                .map(String::from)
                .to_vec(),
            rows,
        }
    }

    fn blocks(&self) -> Vec<Block> {
        let v = &self.0;
        if v.decisions.is_empty() {
            return vec![Block::Line(format!(
                "No decision is signed ({} in the log).",
                v.total
            ))];
        }
        let rows = v
            .decisions
            .iter()
            .flat_map(|d| {
                d.signers.iter().map(move |c| {
                    let (status, tone) = match (&c.problem, &c.key) {
                        (None, key) => (
                            format!("valid ({})", key.as_deref().unwrap_or("")),
                            Tone::Good,
                        ),
                        (Some(p), _) => (p.to_string(), Tone::Bad),
                    };
                    vec![
                        Cell::new(d.id.clone(), Tone::Strong),
                        c.person.as_str().into(),
                        c.role.into(),
                        Cell::new(status, tone),
                    ]
                })
            })
            .collect();
        let failed = v.decisions.iter().filter(|d| d.failed).count();
        let signed = v.decisions.iter().filter(|d| d.fully_signed).count();
        vec![
            Block::Table(TableBlock {
                header: ["Decision", "Person", "As", "Signature"]
                    .map(String::from)
                    .to_vec(),
                rows,
            }),
            Block::Line(format!(
                "{signed} of {} fully signed, {failed} failing{}",
                v.decisions.len(),
                if v.required {
                    " (signatures are required)"
                } else {
                    ""
                }
            )),
        ]
    }
}

fn verify(ctx: &Ctx, args: VerifyArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let verification = decisions::verify(&product, args.id.as_deref())?;
    let failed = verification.failed();
    let count = verification.decisions.iter().filter(|d| d.failed).count();
    ctx.print(&VerifyView(verification))?;
    if failed {
        return Err(CommandError::found(format!(
            "{count} decision{} not signed as {}",
            if count == 1 { " is" } else { "s are" },
            if count == 1 { "it needs" } else { "they need" }
        )));
    }
    Ok(())
}
