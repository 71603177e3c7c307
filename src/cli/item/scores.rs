//! The scoring flags `item score`, `item add` and `item edit` share, checked
//! against the file's scale before anything is written.

use productfile::model::{Item, Moscow, Scale};
use productfile::priority;

use super::super::error::{CmdResult, CommandError};

/// A number for a scoring field, or `none` to clear it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Setting<T> {
    Set(T),
    Clear,
}

fn number_or_none(text: &str) -> Result<Setting<f64>, String> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(Setting::Clear);
    }
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Setting::Set)
        .ok_or_else(|| format!("`{text}` is not a number (or `none` to clear it)"))
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
    #[arg(long, value_name = "N", value_parser = number_or_none, allow_hyphen_values = true)]
    pub value: Option<Setting<f64>>,
    /// WSJF: time criticality
    #[arg(long, value_name = "N", value_parser = number_or_none, allow_hyphen_values = true)]
    pub time_criticality: Option<Setting<f64>>,
    /// WSJF: risk reduction or opportunity enablement
    #[arg(long, value_name = "N", value_parser = number_or_none, allow_hyphen_values = true)]
    pub risk_reduction: Option<Setting<f64>>,
    /// WSJF: job size (also the MoSCoW share)
    #[arg(long, value_name = "N", value_parser = number_or_none, allow_hyphen_values = true)]
    pub size: Option<Setting<f64>>,
    /// Value/cost: what it costs, in any unit used consistently
    #[arg(long, value_name = "X", value_parser = number_or_none, allow_hyphen_values = true)]
    pub cost: Option<Setting<f64>>,
    /// RICE: people reached per period
    #[arg(long, value_name = "X", value_parser = number_or_none, allow_hyphen_values = true)]
    pub reach: Option<Setting<f64>>,
    /// RICE: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal
    #[arg(long, value_name = "X", value_parser = number_or_none, allow_hyphen_values = true)]
    pub impact: Option<Setting<f64>>,
    /// RICE: confidence in percent, 0 to 100
    #[arg(long, value_name = "N", value_parser = number_or_none, allow_hyphen_values = true)]
    pub confidence: Option<Setting<f64>>,
    /// RICE: effort in person-months
    #[arg(long, value_name = "X", value_parser = number_or_none, allow_hyphen_values = true)]
    pub effort: Option<Setting<f64>>,
    /// MoSCoW: must, should, could or wont
    #[arg(long, value_name = "M", value_parser = moscow_or_none)]
    pub moscow: Option<Setting<Moscow>>,
}

impl ScoreArgs {
    fn numbers(&self) -> [(&'static str, Option<Setting<f64>>); 9] {
        [
            ("value", self.value),
            ("time_criticality", self.time_criticality),
            ("risk_reduction", self.risk_reduction),
            ("size", self.size),
            ("cost", self.cost),
            ("reach", self.reach),
            ("impact", self.impact),
            ("confidence", self.confidence),
            ("effort", self.effort),
        ]
    }

    /// Whether any scoring flag was given.
    pub fn any(&self) -> bool {
        self.moscow.is_some() || self.numbers().iter().any(|(_, s)| s.is_some())
    }

    /// Checks every value against the scale, then sets them; nothing is set
    /// unless all are allowed.
    pub fn apply(&self, item: &mut Item, scale: Scale) -> CmdResult<()> {
        for (field, setting) in self.numbers() {
            if let Some(Setting::Set(v)) = setting {
                priority::check_input(field, v, scale).map_err(|message| {
                    CommandError::usage(format!("--{}: {message}", field.replace('_', "-")))
                        .with_hint(match (scale, priority::SCALED_FIELDS.contains(&field)) {
                            (Scale::Fibonacci, true) => format!(
                                "the file sets [scoring] scale = \"fibonacci\"; allowed: {}",
                                priority::allowed(scale)
                            ),
                            _ => "give a number of 0 or more (more than 0 for size, cost and effort; at most 100 for confidence)".into(),
                        })
                })?;
            }
        }
        for (field, setting) in self.numbers() {
            if let Some(setting) = setting {
                let slot = item.number_mut(field).expect("a numeric field");
                *slot = match setting {
                    Setting::Set(v) => Some(v),
                    Setting::Clear => None,
                };
            }
        }
        if let Some(m) = self.moscow {
            item.moscow = match m {
                Setting::Set(m) => Some(m),
                Setting::Clear => None,
            };
        }
        Ok(())
    }
}
