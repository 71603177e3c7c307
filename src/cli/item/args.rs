//! The flags `item add`, `item edit` and `item score` share, turned into
//! the library's option structs.

use crate::cli::choice::choice;
use productfile::model::{Kind, Moscow, NumberField};
use productfile::ops::item::{ItemFields, Scores, Setting};

use super::super::candidates;
use super::super::number;

/// Flags that set an item's fields.
#[derive(Debug, Default, clap::Args)]
pub struct FieldArgs {
    /// What sort of work it is
    #[arg(long, value_parser = choice::<Kind>())]
    kind: Option<Kind>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Mark it as part of the minimum viable product
    #[arg(long, overrides_with = "no_mvp")]
    mvp: bool,
    /// Take it out of the minimum viable product
    #[arg(long)]
    no_mvp: bool,
    /// Add an acceptance criterion, e.g. "Given ..., when ..., then ..." (repeatable)
    #[arg(long = "acceptance", value_name = "TEXT")]
    acceptance: Vec<String>,
    /// Set the description (an empty string removes it)
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// Link it to a key result it works towards, e.g. O1.KR1 (repeatable)
    #[arg(long = "kr", value_name = "O1.KR1", add = candidates::key_results())]
    key_results: Vec<String>,
    /// Link it to a user need it answers, e.g. N1 (repeatable)
    #[arg(long = "need", value_name = "N1", add = candidates::needs())]
    needs: Vec<String>,
    /// Put it under a roadmap entry, e.g. R1 (`none` takes it off the roadmap)
    #[arg(long, value_name = "R1", add = candidates::roadmap_or_none())]
    roadmap: Option<String>,
    /// Link it to the assessment recommendation it addresses, e.g. A1.R3 (`none` unlinks it)
    #[arg(long, value_name = "A1.R3", add = candidates::recommendations_or_none())]
    recommendation: Option<String>,
    /// Add an item it cannot start before, e.g. RX-4 (repeatable)
    #[arg(long = "depends-on", value_name = "ID", add = candidates::items())]
    depends_on: Vec<String>,
    /// Experiment: what you believe, e.g. "Reminders cut missed payments"
    #[arg(long, value_name = "TEXT", help_heading = "Experiments")]
    hypothesis: Option<String>,
    /// Experiment: the KPI or key result that tells, e.g. K1 or O1.KR1
    #[arg(long, value_name = "K1|O1.KR1", help_heading = "Experiments", add = candidates::measures())]
    measure: Option<String>,
    /// Experiment: what result counts as success, e.g. "K1 down by 10%"
    #[arg(long, value_name = "TEXT", help_heading = "Experiments")]
    success: Option<String>,
}

impl From<FieldArgs> for ItemFields {
    fn from(a: FieldArgs) -> Self {
        ItemFields {
            kind: a.kind,
            tags: a.tags,
            mvp: match (a.mvp, a.no_mvp) {
                (_, true) => Some(false),
                (true, false) => Some(true),
                (false, false) => None,
            },
            acceptance: a.acceptance,
            description: a.description,
            key_results: a.key_results,
            needs: a.needs,
            roadmap: a
                .roadmap
                .map(|r| (!r.eq_ignore_ascii_case("none")).then_some(r)),
            recommendation: a
                .recommendation
                .map(|r| (!r.eq_ignore_ascii_case("none")).then_some(r)),
            depends_on: a.depends_on,
            hypothesis: a.hypothesis,
            measure: a.measure,
            success: a.success,
        }
    }
}

fn moscow_or_none(text: &str) -> Result<Setting<Moscow>, String> {
    match text.to_ascii_lowercase().as_str() {
        "none" => Ok(Setting::Clear),
        "must" => Ok(Setting::Set(Moscow::Must)),
        "should" => Ok(Setting::Set(Moscow::Should)),
        "could" => Ok(Setting::Set(Moscow::Could)),
        "wont" | "won't" => Ok(Setting::Set(Moscow::Wont)),
        _ => Err(format!(
            "`{text}` is not a MoSCoW category; use must, should, could, wont (or none)"
        )),
    }
}

/// Flags that set the inputs of the scores. Each takes `none` to clear it.
#[derive(Debug, Default, clap::Args)]
#[command(next_help_heading = "Scoring")]
pub struct ScoreArgs {
    /// WSJF: user-business value
    #[arg(long, value_name = "N", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    value: Option<Setting<f64>>,
    /// WSJF: time criticality
    #[arg(long, value_name = "N", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    time_criticality: Option<Setting<f64>>,
    /// WSJF: risk reduction or opportunity enablement
    #[arg(long, value_name = "N", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    risk_reduction: Option<Setting<f64>>,
    /// WSJF: job size (also the MoSCoW share)
    #[arg(long, value_name = "N", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    size: Option<Setting<f64>>,
    /// Value/cost: what it costs, in any unit used consistently
    #[arg(long, value_name = "X", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    cost: Option<Setting<f64>>,
    /// RICE: people reached per period
    #[arg(long, value_name = "X", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    reach: Option<Setting<f64>>,
    /// RICE: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal
    #[arg(long, value_name = "X", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    impact: Option<Setting<f64>>,
    /// RICE: confidence in percent, 0 to 100 (80 or 80%, not 0.8)
    #[arg(long, value_name = "N", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    confidence: Option<Setting<f64>>,
    /// RICE: effort in person-months
    #[arg(long, value_name = "X", value_parser = number::plain_or_none, allow_hyphen_values = true)]
    effort: Option<Setting<f64>>,
    /// MoSCoW: must, should, could or wont
    #[arg(long, value_name = "M", value_parser = moscow_or_none)]
    moscow: Option<Setting<Moscow>>,
}

impl From<ScoreArgs> for Scores {
    fn from(a: ScoreArgs) -> Self {
        let numbers = [
            (NumberField::Value, a.value),
            (NumberField::TimeCriticality, a.time_criticality),
            (NumberField::RiskReduction, a.risk_reduction),
            (NumberField::Size, a.size),
            (NumberField::Cost, a.cost),
            (NumberField::Reach, a.reach),
            (NumberField::Impact, a.impact),
            (NumberField::Confidence, a.confidence),
            (NumberField::Effort, a.effort),
        ]
        .into_iter()
        .filter_map(|(field, setting)| Some((field, setting?)))
        .collect();
        Scores {
            numbers,
            moscow: a.moscow,
        }
    }
}
