//! Prioritisation: scores for backlog items and the ranking they give.
//!
//! - **WSJF** (weighted shortest job first) = (value + time criticality +
//!   risk reduction) / size. The sum is the *cost of delay*.
//! - **Value/cost** = value / cost.
//! - **RICE** = reach × impact × confidence% / effort.
//! - **MoSCoW** groups items into must, should, could and won't have, and
//!   warns when the must-haves take more than 60% of the size.
//! - **Formulas** of the file's own, in `[scoring.formulas]`.
//!
//! A missing input, a negative one or a zero divisor leaves an item
//! unscored, with the reason; it never divides by zero. Scores are derived
//! on the fly and never stored. Where every input is a whole number, scores
//! are compared exactly (by cross-multiplication), so equal scores tie and
//! the tie goes to the smaller size, cost or effort, then to the item higher
//! in the backlog.
//!
//! ```
//! use productfile::model::{Date, Item, Kind, Product};
//! use productfile::priority::{Method, rank};
//!
//! let today = Date::from_ymd(2026, 11, 24).unwrap();
//! let mut product = Product::new("Payments".into(), "RX".into());
//! // (value, time criticality, risk reduction, size)
//! for (n, (v, tc, rr, size)) in [(8.0, 4.0, 3.0, 5.0), (5.0, 9.0, 8.0, 2.0), (4.0, 3.0, 7.0, 8.0)]
//!     .into_iter()
//!     .enumerate()
//! {
//!     let mut item = Item::new(format!("RX-{}", n + 1), format!("Item {}", n + 1), Kind::Feature, today);
//!     (item.value, item.time_criticality, item.risk_reduction, item.size) =
//!         (Some(v), Some(tc), Some(rr), Some(size));
//!     product.items.push(item);
//! }
//!
//! let ranking = rank(&product, &Method::Wsjf);
//! let top = &ranking.ranked[0];
//! assert_eq!(top.id, "RX-2");                       // cost of delay 22, size 2
//! assert_eq!(top.explanation.cost_of_delay, Some(22.0));
//! assert_eq!(top.score.value, 11.0);
//! assert_eq!(top.explanation.working, "(5 + 9 + 8) / 2 = 11");
//! assert_eq!(ranking.order(), ["RX-2", "RX-1", "RX-3"]); // 11, 3, 1.75
//! ```

mod formula;
mod method;
mod moscow;
mod place;
mod rank;
mod scale;
mod score;
mod variable;

pub use formula::{Formula, FormulaError, RESERVED, Unevaluable};
pub use method::{Method, MethodError, UnknownMethod};
pub use moscow::{MUST_SHARE_LIMIT, MoscowGroup, MoscowSummary, moscow};
pub use rank::{Placement, Ranked, Ranking, UnscoredItem, rank};
pub use scale::{
    DIVISORS, InputProblem, SCALED_FIELDS, allowed, check_input, confidence_as_fraction, in_scale,
    input_problem,
};
pub use score::{Explanation, Input, Score, Unscored, display_score, score};
pub use variable::{NeedEvidence, Variable};

use crate::model::{Invalid, KeyPath, Scoring};

/// Problems with `[scoring]` that stop a file from loading: formulas that do
/// not parse or name unknown fields, and a default method that does not exist.
pub fn validate_scoring(scoring: &Scoring) -> Vec<Invalid> {
    let at = KeyPath::root().key("scoring");
    let mut problems = Vec::new();
    for (name, text) in &scoring.formulas {
        if let Err(e) = Formula::parse(name, text) {
            problems.push(Invalid {
                path: at.key("formulas").key(name),
                message: format!(
                    "{e} (at character {} of \"{text}\")",
                    text[..e.offset.min(text.len())].chars().count() + 1
                ),
                within: Some(e.offset),
            });
        }
    }
    if let Some(method) = &scoring.method
        && let Err(MethodError::Unknown(e)) = Method::resolve(method, scoring)
    {
        problems.push(Invalid {
            path: at.key("method"),
            message: e.to_string(),
            within: None,
        });
    }
    problems
}
