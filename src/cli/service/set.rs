//! `product service set`: the phase, the standard, a custom standard's points.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::{Block, View};
use productfile::model::{Phase, Service, Standard, standard_name};
use productfile::ops::service::{self, SetService};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Set the service's phase or standard (moving the phase is a launch decision)
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product service set --phase alpha --standard govuk
  product service set --phase beta --agreed-by \"Dan Okafor\" --why \"Alpha assessment met\"
  product service set --standard nhs
  product service set --standard custom --point \"Know the patients\" --point \"Keep data safe\"")]
pub struct Args {
    /// The phase it is in
    #[arg(long, value_parser = choice::<Phase>())]
    phase: Option<Phase>,
    /// The standard it is assessed against
    #[arg(long, value_parser = choice::<Standard>())]
    standard: Option<Standard>,
    /// A point of a custom standard, in order (repeatable; replaces the points listed)
    #[arg(long = "point", value_name = "TITLE")]
    points: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ServiceSetView {
    service: Service,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase_before: Option<Phase>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<String>,
}

impl View for ServiceSetView {
    fn kind(&self) -> &'static str {
        "service_set"
    }

    fn blocks(&self) -> Vec<Block> {
        let s = &self.service;
        let phase = match self.phase_before {
            Some(before) if before != s.phase => format!("moved from {before} to {}", s.phase),
            _ => format!("in {}", s.phase),
        };
        let points = match s.standard {
            productfile::model::Standard::Custom => format!(" ({} points)", s.points.len()),
            _ => String::new(),
        };
        vec![Block::Line(format!(
            "The service is {phase}, assessed against the {}{points}",
            standard_name(s.standard)
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = SetService {
        phase: args.phase,
        standard: args.standard,
        points: args.points,
    };
    let (set, decision) = ctx.mutate_logged(|product| service::set(product, &opts))?;
    ctx.print(&ServiceSetView {
        service: set.service,
        phase_before: set.phase_before,
        decision,
    })
}
