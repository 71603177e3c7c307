//! The page's "Service standard" section: the phase, the last and next
//! assessments, and each point's last outcome with its readiness for the
//! next one. Shown only for a product set up as a service.

use maud::{Markup, html};

use productfile::model::PointResult;
use productfile::query::report::ServiceStandard;

use crate::render::service::{assessment_words, outcome_words, readiness_line};

pub(super) fn service(s: Option<&ServiceStandard>) -> Markup {
    let Some(s) = s else {
        return html! {};
    };
    let v = &s.service;
    html! {
        section #service {
            h2 { "Service standard" }
            p.meta {
                "Phase: " strong { (v.phase) } " · " (v.standard_name)
            }
            @if let Some(last) = &v.last {
                p { "Last assessment: " (assessment_words(last)) ": " (outcome_words(last)) "." }
            }
            @match (&v.next, &s.readiness) {
                (Some(next), Some(r)) => p { "Next assessment: " (assessment_words(next)) ". " (readiness_line(r)) "." },
                _ => p.empty { "No assessment is planned. Plan one with " code { "product assessment plan" } "." },
            }
            div.scroll {
                table.service {
                    thead { tr {
                        th scope="col" { "Point" } th scope="col" { "Last outcome" }
                        @if s.readiness.is_some() {
                            th scope="col" { "Evidence" } th scope="col" { "Gaps" } th scope="col" { "Still asked" }
                        }
                    } }
                    tbody { @for p in &v.points {
                        tr {
                            td { span.id { (p.number) } " " (p.title) }
                            td { @match p.last.as_ref() {
                                Some(l) if l.result == PointResult::Met => { span.word.green { "met" } " " span.notes { (l.assessment) } },
                                Some(l) => { span.word.red { "not met" } " " span.notes { (l.assessment) } },
                                None => { span.notes { "not assessed" } },
                            } }
                            @if let Some(r) = &s.readiness {
                                @let ready = r.points.iter().find(|x| x.number == p.number);
                                @let evidence = ready.map_or(0, |x| x.evidence.len());
                                @let gaps: Vec<&str> = ready.map(|x| x.gaps.iter().map(|g| g.text.as_str()).collect()).unwrap_or_default();
                                @let asked: Vec<String> = ready.map(|x| x.recommendations.iter().filter(|rec| !rec.addressed()).map(|rec| format!("{} {}", rec.reference, rec.text)).collect()).unwrap_or_default();
                                td.num { @if evidence == 0 { span.word.red { "none" } } @else { (evidence) } }
                                td { @for (i, g) in gaps.iter().enumerate() { @if i > 0 { br; } (g) } }
                                td { @for (i, a) in asked.iter().enumerate() { @if i > 0 { br; } span.word.amber { (a) } } }
                            }
                        }
                    } }
                }
            }
        }
    }
}
