//! `pace-changed`: the last 4 weeks' throughput differs from the 8 weeks
//! before them by more than `[check] pace_change`, so a forecast sampling
//! the whole window may be too hopeful or too gloomy.

use std::collections::BTreeMap;

use crate::forecast::{self, backtest};
use crate::model::{Date, KeyPath, Product, RuleLevel};

use super::Finding;
use super::rules::PACE_CHANGED;

pub fn check(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    if product.check.rules.get(PACE_CHANGED.id) == Some(&RuleLevel::Off) {
        return;
    }
    let history = forecast::weekly_history(product, today, &BTreeMap::new());
    let threshold = product.check.pace_change();
    let pace = backtest::pace(&history.per_week, threshold);
    if !pace.changed {
        return;
    }
    let change = match pace.change {
        Some(c) => format!("{:+.0}%", c * 100.0),
        None => "up from none".into(),
    };
    findings.push(
        Finding::new(
            PACE_CHANGED,
            KeyPath::root().key("items"),
            format!(
                "the pace has changed by {change}: {:.2} items done a week in the last {} weeks \
                 against {:.2} in the {} before (threshold {:.0}%)",
                pace.recent_per_week,
                backtest::RECENT_WEEKS,
                pace.earlier_per_week,
                backtest::EARLIER_WEEKS,
                threshold * 100.0
            ),
        )
        .hint(
            "forecasts sample the whole window; see `product forecast --backtest`, or try a shorter --window",
        ),
    );
}
