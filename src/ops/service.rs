//! `[service]`: setting the phase a public service is in and the standard
//! it answers to. Moving the phase is launching the service (a `launch`
//! decision, which needs leadership's agreement where leadership exists).
//!
//! ```
//! use productfile::model::{Phase, Product, Standard};
//! use productfile::ops::service::{self, SetService};
//!
//! let mut product = Product::new("Renew a licence".into(), "RL".into());
//! let opts = SetService { phase: Some(Phase::Alpha), standard: Some(Standard::Govuk), ..SetService::default() };
//! let set = service::set(&mut product, &opts)?;
//! assert_eq!(set.service.phase, Phase::Alpha);
//! assert_eq!(product.standard_points().len(), 14);
//! # Ok::<(), productfile::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{CustomPoint, Phase, Product, Service, Standard, standard_name};

use super::text::required;

/// What to set; at least one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetService {
    pub phase: Option<Phase>,
    pub standard: Option<Standard>,
    /// The titles of a custom standard's points, in order (numbered from 1);
    /// they replace the points the file has.
    pub points: Vec<String>,
}

/// The service as set, and the phase it was in (none for a new `[service]`).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceSet {
    pub service: Service,
    pub phase_before: Option<Phase>,
}

/// A custom standard's points listed again: a point keeps what the file
/// says of it (its summary, its evidence, its `[service.evidence]` entry)
/// by its title, wherever it now stands; a point retitled in place keeps
/// its evidence. A point an assessment recorded may not move to another
/// number: its outcomes and recommendations are filed under the number,
/// and would fall to another point.
fn follow_the_titles(
    product: &Product,
    before: &[CustomPoint],
    service: &mut Service,
) -> Result<()> {
    let mut moved = BTreeMap::new();
    let listed: Vec<String> = service.points.iter().map(|p| p.title.clone()).collect();
    for point in &mut service.points {
        let Some(was) = before.iter().find(|p| p.title == point.title) else {
            // A new title where a point no longer listed stood: that point
            // retitled. Its summary spoke of the old title; its evidence
            // still applies.
            if let Some(was) = before
                .iter()
                .find(|p| p.number == point.number && !listed.contains(&p.title))
            {
                point.evidence.clone_from(&was.evidence);
            }
            continue;
        };
        point.summary.clone_from(&was.summary);
        point.evidence.clone_from(&was.evidence);
        if was.number == point.number {
            continue;
        }
        // Recorded at its number, or at the number it would take (whose
        // own point is gone or moved): either way outcomes change points.
        let recorded = [was.number, point.number].into_iter().find_map(|n| {
            product
                .assessments
                .iter()
                .find(|a| a.points_named().any(|named| named == n))
                .map(|a| (a, n))
        });
        if let Some((a, n)) = recorded {
            let stays = before
                .iter()
                .find(|p| p.number == n)
                .map_or_else(String::new, |p| format!(" ({} stays point {n})", p.title));
            return Err(Error::new(
                ErrorKind::Usage,
                ErrorCode::InvalidValue,
                format!(
                    "point {} ({}) would become point {}, and assessment {} records point {n}: what the panel found would fall to another point",
                    was.number, was.title, point.number, a.id
                ),
            )
            .with_hint(format!(
                "keep the recorded points at their numbers{stays} and add new points after them"
            )));
        }
        moved.insert(was.number.to_string(), point.number.to_string());
    }
    // An entry of a point that moved goes with it; one whose number a moved
    // point took over (its own point gone) goes.
    let taken: BTreeSet<&String> = moved.values().collect();
    service.evidence = std::mem::take(&mut service.evidence)
        .into_iter()
        .filter_map(|(key, sources)| match moved.get(&key) {
            Some(to) => Some((to.clone(), sources)),
            None if taken.contains(&key) => None,
            None => Some((key, sources)),
        })
        .collect();
    Ok(())
}

/// Sets the phase, the standard or a custom standard's points, creating
/// `[service]` if the file has none. A standard that would leave a held
/// assessment's outcome on a point it does not have is refused.
pub fn set(product: &mut Product, opts: &SetService) -> Result<ServiceSet> {
    if opts.phase.is_none() && opts.standard.is_none() && opts.points.is_empty() {
        return Err(Error::usage("nothing to set")
            .with_hint("give --phase, --standard or --point (for a custom standard)"));
    }
    let phase_before = product.service.as_ref().map(|s| s.phase);
    let mut service = product.service.clone().unwrap_or_default();
    if let Some(phase) = opts.phase {
        service.phase = phase;
    }
    if let Some(standard) = opts.standard {
        service.standard = standard;
        if standard != Standard::Custom {
            service.points.clear();
        }
    }
    if !opts.points.is_empty() {
        if service.standard != Standard::Custom {
            return Err(Error::usage(format!(
                "--point lists the points of a custom standard, and the standard is `{}`",
                service.standard
            ))
            .with_hint("add --standard custom"));
        }
        let before = std::mem::take(&mut service.points);
        service.points = opts
            .points
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                let title = required(title, "a point's title")?;
                Ok(CustomPoint {
                    number,
                    title,
                    summary: None,
                    evidence: Vec::new(),
                })
            })
            .collect::<Result<_>>()?;
        follow_the_titles(product, &before, &mut service)?;
    }
    if service.standard == Standard::Custom && service.points.is_empty() {
        return Err(
            Error::usage("a custom standard needs its points, and none are listed").with_hint(
                "give each point's title in order: --point \"Understand users\" --point ...",
            ),
        );
    }
    let mut after = product.clone();
    after.service = Some(service.clone());
    let numbers = after.point_numbers();
    for a in &product.assessments {
        let outside = a.points_named().find(|n| !numbers.contains(n));
        if let Some(n) = outside {
            return Err(Error::new(
                ErrorKind::Usage,
                ErrorCode::InvalidValue,
                format!(
                    "assessment {} records point {n}, which the {} does not have",
                    a.id,
                    standard_name(service.standard)
                ),
            )
            .with_hint("keep the standard the assessments were made against"));
        }
    }
    product.service = Some(service.clone());
    Ok(ServiceSet {
        service,
        phase_before,
    })
}
