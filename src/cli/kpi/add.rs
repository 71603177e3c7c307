//! `product kpi add`: a new key performance indicator, or a template's.

use crate::cli::choice::choice;
use serde::Serialize;

use super::super::number::{self, in_unit};
use crate::render::numbers::with_unit;
use crate::render::{Block, View};
use productfile::model::number::Written;
use productfile::model::{Cadence, DecisionKind, Direction, Kpi};
use productfile::ops;
use productfile::ops::init::Template;
use productfile::ops::kpi::{self, AddKpi, KpiSkipped, TemplateAdded};

use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};

/// Add a KPI: what is measured, which way is better, and the target
///
/// The KPI gets the next free id (K1, K2, ...). Values take K, M and B for
/// thousands, millions and billions. `--template govuk` adds the four KPIs
/// every GOV.UK service must measure (those `product init --template govuk`
/// starts with) that the product does not already have by name, without
/// targets; give them targets with `product kpi edit`. Adding KPIs is a
/// metrics decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi add --name \"User satisfaction\" --unit % --direction up --target 90 --threshold 80
  product kpi add --name \"Cost per transaction\" --unit £ --direction down --target 1.50 --threshold 2.50 --cadence monthly
  product kpi add --template govuk")]
pub struct Args {
    /// What is measured
    #[arg(long, required_unless_present = "template")]
    name: Option<String>,
    /// The unit values are in, e.g. %, £, seconds
    #[arg(long, required_unless_present = "template")]
    unit: Option<String>,
    /// Which way is better
    #[arg(long, value_parser = choice::<Direction>(), required_unless_present = "template")]
    direction: Option<Direction>,
    /// Green at or beyond this value
    #[arg(
        long,
        value_name = "X",
        allow_hyphen_values = true,
        value_parser = number::written,
        required_unless_present = "template"
    )]
    target: Option<Written>,
    /// Red beyond this value, amber between it and the target
    #[arg(long, value_name = "Y", allow_hyphen_values = true, value_parser = number::written)]
    threshold: Option<Written>,
    /// How often it should be read; a reading older than that is overdue
    #[arg(long, value_parser = choice::<Cadence>())]
    cadence: Option<Cadence>,
    /// Add a template's KPIs instead: those the product lacks by name
    #[arg(
        long,
        value_parser = choice::<Template>(),
        conflicts_with_all = ["name", "unit", "direction", "target", "threshold", "cadence"]
    )]
    template: Option<Template>,
}

#[derive(Debug, Serialize)]
struct Added {
    action: &'static str,
    kpi: Kpi,
    /// Things worth knowing that did not stop the change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    /// The command that records its first reading.
    next: String,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "kpi_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let k = &self.kpi;
        let unit = k.unit.as_deref();
        let better = match k.direction {
            Direction::Up => "higher",
            Direction::Down => "lower",
        };
        let target = k.target.map_or(String::new(), |t| {
            format!(", target {}", with_unit(t, unit))
        });
        let threshold = k.threshold.map_or(String::new(), |t| {
            format!(", threshold {}", with_unit(t, unit))
        });
        let mut blocks = vec![Block::Line(format!(
            "Added {}: {} ({better} is better{target}{threshold})",
            k.id, k.name
        ))];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks.push(Block::Line(format!("Next: {}", self.next)));
        blocks
    }
}

/// The KPIs a template added, and those the product already had.
#[derive(Debug, Serialize)]
struct Applied {
    action: &'static str,
    template: &'static str,
    added: Vec<Kpi>,
    skipped: Vec<KpiSkipped>,
    /// The command that gives the first one its target, with the agreement
    /// it needs; none when nothing was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

impl View for Applied {
    fn kind(&self) -> &'static str {
        "kpi_template_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks: Vec<Block> = self
            .added
            .iter()
            .map(|k| Block::Line(format!("Added {}: {}", k.id, k.name)))
            .collect();
        blocks.extend(
            self.skipped
                .iter()
                .map(|s| Block::Line(format!("Already there: {} ({})", s.name, s.id))),
        );
        match &self.next {
            Some(next) => blocks.push(Block::Line(format!("Next: {next}"))),
            None => blocks.push(Block::Line(format!(
                "Nothing added: the product has every KPI of the {} template",
                self.template
            ))),
        }
        blocks
    }
}

fn add_template(ctx: &Ctx, template: Template) -> CmdResult<()> {
    let (
        TemplateAdded {
            template,
            added,
            skipped,
        },
        next,
    ) = ctx.mutate(|product| {
        let applied = kpi::add_template(product, ctx.today, template)?;
        // A KPI's target is a metrics decision: name whose agreement it needs.
        let next = applied.added.first().map(|k| {
            ctx.command(&ops::with_agreement(
                product,
                &[DecisionKind::Metrics],
                ctx.actor_name().as_deref(),
                &format!("product kpi edit {} --target X --threshold Y", k.id),
            ))
        });
        Ok((applied, next))
    })?;
    ctx.print(&Applied {
        next,
        action: if added.is_empty() {
            "unchanged"
        } else {
            "added"
        },
        template,
        added,
        skipped,
    })
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    if let Some(template) = args.template {
        return add_template(ctx, template);
    }
    // clap requires these without --template.
    let (Some(name), Some(unit), Some(direction), Some(target)) =
        (args.name, args.unit, args.direction, args.target)
    else {
        return Err(CommandError::usage(
            "give --name, --unit, --direction and --target, or --template",
        ));
    };
    let unit = Some(unit.trim().to_owned()).filter(|u| !u.is_empty());
    let opts = AddKpi {
        target: Some(in_unit(&target, "--target", unit.as_deref())?),
        threshold: args
            .threshold
            .as_ref()
            .map(|t| in_unit(t, "--threshold", unit.as_deref()))
            .transpose()?,
        name,
        unit,
        direction,
        cadence: args.cadence,
        mandatory: None,
    };
    let added = ctx.mutate(|product| kpi::add(product, ctx.today, &opts))?;
    ctx.print(&Added {
        action: "added",
        next: ctx.command(&format!("product kpi record {} VALUE", added.kpi.id)),
        kpi: added.kpi,
        warnings: added.warnings,
    })
}
