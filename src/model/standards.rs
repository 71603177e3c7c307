//! The points of the service standards the tool knows (GOV.UK, NHS), read
//! from the data files in `data/standards/` when the library is built, and
//! the points of the standard a product answers to: a known one, or its
//! own, each with the sources of evidence a readiness review looks at.

use std::fmt;

use super::Product;
use super::service::Standard;

/// One point of a standard, as a product answers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub number: u32,
    pub title: String,
    pub summary: Option<String>,
    /// Where a readiness review looks for its evidence.
    pub evidence: Vec<Source>,
}

/// Where a readiness review looks for a point's evidence. Written in the
/// file and the data as its word (`needs`, `tag:accessibility`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// Validated or met user needs, with the people their evidence stands for.
    Needs,
    /// Usability tests among the needs' evidence.
    Usability,
    /// Experiments and their results.
    Experiments,
    /// The people and the roles they hold.
    Team,
    /// Items done in the last twelve weeks.
    Throughput,
    /// The decision log.
    Decisions,
    /// KPIs with a reading in their cadence.
    Kpis,
    /// Objectives running now, with their key results.
    Objectives,
    /// The four GOV.UK mandatory KPIs, each with a recent reading (at beta and live).
    MandatoryKpis,
    /// Roadmap entries.
    Roadmap,
    /// Items with this tag, done and open.
    Tag(String),
}

impl Source {
    /// The words a source is written as, the tag form last.
    pub const NAMES: &[&str] = &[
        "needs",
        "usability",
        "experiments",
        "team",
        "throughput",
        "decisions",
        "kpis",
        "objectives",
        "mandatory_kpis",
        "roadmap",
        "tag:NAME",
    ];

    /// The source a word names; `None` for an unknown word.
    pub fn parse(word: &str) -> Option<Source> {
        Some(match word.trim() {
            "needs" => Source::Needs,
            "usability" => Source::Usability,
            "experiments" => Source::Experiments,
            "team" => Source::Team,
            "throughput" => Source::Throughput,
            "decisions" => Source::Decisions,
            "kpis" => Source::Kpis,
            "objectives" => Source::Objectives,
            "mandatory_kpis" => Source::MandatoryKpis,
            "roadmap" => Source::Roadmap,
            other => {
                let tag = other.strip_prefix("tag:")?.trim();
                if tag.is_empty() {
                    return None;
                }
                Source::Tag(tag.to_owned())
            }
        })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Needs => f.write_str("needs"),
            Source::Usability => f.write_str("usability"),
            Source::Experiments => f.write_str("experiments"),
            Source::Team => f.write_str("team"),
            Source::Throughput => f.write_str("throughput"),
            Source::Decisions => f.write_str("decisions"),
            Source::Kpis => f.write_str("kpis"),
            Source::Objectives => f.write_str("objectives"),
            Source::MandatoryKpis => f.write_str("mandatory_kpis"),
            Source::Roadmap => f.write_str("roadmap"),
            Source::Tag(tag) => write!(f, "tag:{tag}"),
        }
    }
}

const GOVUK: &str = include_str!("../../data/standards/govuk.tsv");
const NHS: &str = include_str!("../../data/standards/nhs.tsv");

/// The points of a known standard, from its data file; none for `custom`.
pub fn known_points(standard: Standard) -> Vec<Point> {
    let data = match standard {
        Standard::Govuk => GOVUK,
        Standard::Nhs => NHS,
        Standard::Custom => return Vec::new(),
    };
    data.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let number = cells.next()?.trim().parse().ok()?;
            let title = cells.next()?.trim().to_owned();
            let summary = cells.next().map(|s| s.trim().to_owned());
            let evidence = cells
                .next()
                .unwrap_or("")
                .split_whitespace()
                .filter_map(Source::parse)
                .collect();
            Some(Point {
                number,
                title,
                summary,
                evidence,
            })
        })
        .collect()
}

/// The standard's name as people write it.
pub fn standard_name(standard: Standard) -> &'static str {
    match standard {
        Standard::Govuk => "GOV.UK Service Standard",
        Standard::Nhs => "NHS service standard",
        Standard::Custom => "custom standard",
    }
}

impl Product {
    /// The points of the standard this product answers to, in order, each
    /// with its evidence sources as `[service.evidence]` overrides them.
    /// Unknown source words are left out here (`product check` names
    /// them). A product with no `[service]` answers to the GOV.UK standard.
    pub fn standard_points(&self) -> Vec<Point> {
        let default = super::Service::default();
        let service = self.service.as_ref().unwrap_or(&default);
        let mut points = match service.standard {
            Standard::Custom => service
                .points
                .iter()
                .map(|p| Point {
                    number: p.number,
                    title: p.title.clone(),
                    summary: p.summary.clone(),
                    evidence: p.evidence.iter().filter_map(|w| Source::parse(w)).collect(),
                })
                .collect(),
            known => known_points(known),
        };
        points.sort_by_key(|p| p.number);
        for point in &mut points {
            if let Some(words) = service.evidence.get(&point.number.to_string()) {
                point.evidence = words.iter().filter_map(|w| Source::parse(w)).collect();
            }
        }
        points
    }

    /// The numbers of the standard's points, for messages.
    pub fn point_numbers(&self) -> Vec<u32> {
        self.standard_points().iter().map(|p| p.number).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_standards_have_every_point_with_a_summary_and_evidence() {
        for (standard, count) in [(Standard::Govuk, 14), (Standard::Nhs, 17)] {
            let points = known_points(standard);
            assert_eq!(points.len(), count);
            for (i, p) in points.iter().enumerate() {
                assert_eq!(p.number as usize, i + 1);
                assert!(!p.title.is_empty());
                assert!(p.summary.as_deref().is_some_and(|s| s.len() > 20));
                assert!(!p.evidence.is_empty(), "point {} has no evidence", p.number);
            }
        }
        let govuk = known_points(Standard::Govuk);
        assert_eq!(govuk[0].title, "Understand users and their needs");
        assert_eq!(govuk[0].evidence, [Source::Needs, Source::Experiments]);
        assert!(govuk[9].evidence.contains(&Source::MandatoryKpis));
    }

    #[test]
    fn a_product_overrides_a_points_evidence() {
        let mut p = Product::new("P".into(), "P".into());
        p.service
            .get_or_insert_default()
            .evidence
            .insert("12".into(), vec!["tag:code".into(), "decisions".into()]);
        let points = p.standard_points();
        assert_eq!(
            points[11].evidence,
            [Source::Tag("code".into()), Source::Decisions]
        );
        assert_eq!(Source::parse("tag:"), None);
        assert_eq!(Source::parse("tag:x").unwrap().to_string(), "tag:x");
    }
}
