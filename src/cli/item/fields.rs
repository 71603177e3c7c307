//! The item flags `item add` and `item edit` share, checking the ids they
//! name, and applying them.

use crate::cli::choice::choice;
use productfile::model::{Experiment, Item, Kind, Product};

use super::super::candidates;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::super::okr::check_key_results;

/// Flags that set an item's fields.
#[derive(Debug, Default, clap::Args)]
pub struct FieldArgs {
    /// What sort of work it is
    #[arg(long, value_parser = choice::<Kind>())]
    pub kind: Option<Kind>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Mark it as part of the minimum viable product
    #[arg(long, overrides_with = "no_mvp")]
    pub mvp: bool,
    /// Take it out of the minimum viable product
    #[arg(long)]
    pub no_mvp: bool,
    /// Add an acceptance criterion, e.g. "Given ..., when ..., then ..." (repeatable)
    #[arg(long = "acceptance", value_name = "TEXT")]
    pub acceptance: Vec<String>,
    /// Set the description (an empty string removes it)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Link it to a key result it works towards, e.g. O1.KR1 (repeatable)
    #[arg(long = "kr", value_name = "O1.KR1", add = candidates::key_results())]
    pub key_results: Vec<String>,
    /// Put it under a roadmap entry, e.g. R1 (`none` takes it off the roadmap)
    #[arg(long, value_name = "R1", add = candidates::roadmap_or_none())]
    pub roadmap: Option<String>,
    /// Add an item it cannot start before, e.g. RX-4 (repeatable)
    #[arg(long = "depends-on", value_name = "ID", add = candidates::items())]
    pub depends_on: Vec<String>,
    /// Experiment: what you believe, e.g. "Reminders cut missed payments"
    #[arg(long, value_name = "TEXT", help_heading = "Experiments")]
    pub hypothesis: Option<String>,
    /// Experiment: the KPI or key result that tells, e.g. K1 or O1.KR1
    #[arg(long, value_name = "K1|O1.KR1", help_heading = "Experiments", add = candidates::measures())]
    pub measure: Option<String>,
    /// Experiment: what result counts as success, e.g. "K1 down by 10%"
    #[arg(long, value_name = "TEXT", help_heading = "Experiments")]
    pub success: Option<String>,
}

impl FieldArgs {
    /// Whether any field flag was given.
    pub fn any(&self) -> bool {
        self.kind.is_some()
            || !self.tags.is_empty()
            || self.mvp
            || self.no_mvp
            || !self.acceptance.is_empty()
            || self.description.is_some()
            || !self.key_results.is_empty()
            || self.roadmap.is_some()
            || !self.depends_on.is_empty()
            || self.experiment_given()
    }

    fn experiment_given(&self) -> bool {
        self.hypothesis.is_some() || self.measure.is_some() || self.success.is_some()
    }

    /// Refuses ids the product does not have: key results, the roadmap
    /// entry, items depended on, and an experiment's measure.
    pub fn check_links(&self, product: &Product, own_id: Option<&str>) -> CmdResult<()> {
        check_key_results(product, &self.key_results)?;
        if let Some(r) = self.roadmap.as_deref().filter(|r| !is_none(r)) {
            check_roadmap(product, r)?;
        }
        for dep in &self.depends_on {
            if Some(dep.as_str()) == own_id {
                return Err(CommandError::new(
                    ErrorKind::Invalid,
                    ErrorCode::DependencyCycle,
                    format!("{dep} cannot depend on itself"),
                ));
            }
            if product.item(dep).is_none() {
                return Err(super::unknown(product, dep));
            }
        }
        if let Some(m) = &self.measure {
            check_measure(product, m)?;
        }
        Ok(())
    }

    /// Applies the flags: lists grow, values are replaced. An experiment's
    /// fields need the item to be an experiment.
    pub fn apply(self, item: &mut Item) -> CmdResult<()> {
        if let Some(kind) = self.kind {
            item.kind = kind;
        }
        if (self.experiment_given()) && item.kind != Kind::Experiment {
            return Err(CommandError::usage(format!(
                "--hypothesis, --measure and --success are for experiments, and {} is a {}",
                item.id, item.kind
            ))
            .with_hint("add --kind experiment"));
        }
        for tag in self.tags {
            let tag = tag.trim().to_owned();
            if !tag.is_empty() && !item.tags.contains(&tag) {
                item.tags.push(tag);
            }
        }
        if self.mvp {
            item.mvp = true;
        }
        if self.no_mvp {
            item.mvp = false;
        }
        item.acceptance.extend(
            self.acceptance
                .into_iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty()),
        );
        if let Some(d) = self.description {
            item.description = Some(d).filter(|d| !d.trim().is_empty());
        }
        for kr in self.key_results {
            if !item.key_results.contains(&kr) {
                item.key_results.push(kr);
            }
        }
        if let Some(r) = self.roadmap {
            item.roadmap = (!is_none(&r)).then_some(r);
        }
        for dep in self.depends_on {
            if !item.depends_on.contains(&dep) {
                item.depends_on.push(dep);
            }
        }
        if self.hypothesis.is_some() || self.measure.is_some() || self.success.is_some() {
            let e = item.experiment.get_or_insert_with(Experiment::default);
            let text = |t: String| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
            if let Some(h) = self.hypothesis {
                e.hypothesis = text(h);
            }
            if let Some(m) = self.measure {
                e.measure = text(m);
            }
            if let Some(s) = self.success {
                e.success = text(s);
            }
        }
        Ok(())
    }
}

/// Refuses a change to an item's dependencies that would make it depend on
/// itself through others. An edit that leaves them alone is not held up by a
/// cycle a hand edit put in the file (that is `product check`'s to report).
pub fn check_no_cycle(product: &Product, id: &str, before: &[String]) -> CmdResult<()> {
    let Some(item) = product.item(id) else {
        return Ok(());
    };
    if item.depends_on.iter().all(|d| before.contains(d)) {
        return Ok(());
    }
    match product.cycle_through(id, &item.depends_on) {
        None => Ok(()),
        Some(cycle) => Err(CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::DependencyCycle,
            format!("that would make a dependency cycle: {}", cycle.join(" -> ")),
        )
        .with_hint(format!(
            "an item cannot wait, through others, for itself; break the cycle elsewhere, e.g. `product item edit {} --unlink-depends-on {id}`",
            cycle[cycle.len() - 2]
        ))),
    }
}

/// What is worth knowing about an item's links after a change: an
/// experiment missing what makes it one, a dependency that was dropped.
pub fn link_warnings(product: &Product, item: &Item) -> Vec<String> {
    let mut warnings = Vec::new();
    if item.kind == Kind::Experiment {
        let e = item.experiment.clone().unwrap_or_default();
        let missing: Vec<&str> = [
            ("--hypothesis", e.hypothesis.is_none()),
            ("--measure", e.measure.is_none()),
            ("--success", e.success.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, missing)| missing.then_some(flag))
        .collect();
        if !missing.is_empty() {
            warnings.push(format!(
                "an experiment needs {}: add with `product item edit {} {}`",
                missing.join(", "),
                item.id,
                missing
                    .iter()
                    .map(|f| format!("{f} ..."))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    let dropped = product.dropped_dependencies(item);
    if !dropped.is_empty() {
        warnings.push(format!(
            "it depends on {}, which was dropped",
            dropped.join(", ")
        ));
    }
    warnings
}

fn is_none(text: &str) -> bool {
    text.eq_ignore_ascii_case("none")
}

/// Refuses a roadmap id the product does not have.
pub fn check_roadmap(product: &Product, id: &str) -> CmdResult<()> {
    if product.roadmap_entry(id).is_some() {
        return Ok(());
    }
    Err(CommandError::unknown(
        "roadmap entry",
        id,
        product.roadmap.iter().map(|r| &r.id),
    ))
}

/// An experiment's measure is a KPI (`K1`) or a key result (`O1.KR1`).
fn check_measure(product: &Product, measure: &str) -> CmdResult<()> {
    if product.kpi(measure).is_some() || product.key_result(measure).is_some() {
        return Ok(());
    }
    let known = product
        .kpis
        .iter()
        .map(|k| k.id.clone())
        .chain(product.key_result_refs());
    Err(CommandError::unknown("KPI or key result", measure, known))
}
