//! `product assessment`: service assessments planned and held, readiness
//! for the next one, and the panel's outcomes and recommendations.

mod change;
mod list;
mod plan;
mod prepare;
mod record;
mod show;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Plan service assessments, prepare for them, and record what the panel found
///
/// An assessment (A1, A2, ...) is for a phase (alpha, beta or live) on a
/// day, with a panel. `prepare` lists each point of the standard with the
/// evidence the file holds for it (validated needs, experiments, the team,
/// throughput, KPIs, tagged items: see docs/service-standard.md), the gaps,
/// and the previous assessment's recommendations with their work. `record`
/// writes down the panel's outcome for a point, met or not met, with a note
/// and recommendations (A1.R1, ...); link the items that address one with
/// `product item edit ID --recommendation A1.R1`. Planning and recording
/// are the owner's to do alone (the `assessment` decision kind), and each
/// is logged in the decision log.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment plan --phase beta --date 2027-01-20 --panel \"Sam Lee\"
  product assessment prepare A2 --format markdown > beta-readiness.md
  product assessment record A1 --point 5 --not-met --note \"No testing with assistive technology\" --recommendation \"Test with screen reader users\"
  product assessment edit A2 --date 2027-01-27
  product assessment show A1
  product assessment list")]
pub struct Args {
    #[command(subcommand)]
    command: AssessmentCommand,
}

#[derive(Debug, Subcommand)]
enum AssessmentCommand {
    Plan(plan::Args),
    Prepare(prepare::Args),
    Record(record::Args),
    Edit(change::EditArgs),
    Rm(change::RmArgs),
    Show(show::Args),
    List(list::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        AssessmentCommand::Plan(a) => plan::run(ctx, a),
        AssessmentCommand::Prepare(a) => prepare::run(ctx, a),
        AssessmentCommand::Record(a) => record::run(ctx, a),
        AssessmentCommand::Edit(a) => change::edit(ctx, a),
        AssessmentCommand::Rm(a) => change::rm(ctx, a),
        AssessmentCommand::Show(a) => show::run(ctx, a),
        AssessmentCommand::List(a) => list::run(ctx, a),
    }
}
