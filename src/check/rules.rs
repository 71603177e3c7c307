//! Every rule `product check` knows: its stable id, the severity it has
//! unless `[check.rules]` says otherwise, the part of the product it
//! looks at, and what it asks for, in a line (for `--list-rules` and SARIF).

use serde::Serialize;

use super::Severity;

/// A rule of `product check`.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable, kebab-case: the name used in `[check.rules]` and in output.
    pub id: &'static str,
    pub severity: Severity,
    /// `file`, `backlog`, `needs`, `service`, `goals`, `roadmap`, `git` or `governance`.
    pub area: &'static str,
    /// What the rule asks for, in one line.
    pub summary: &'static str,
}

/// A constant for each rule, and `$list`: every one of them, in order.
/// The portfolio's rules are declared with it too.
macro_rules! rule_list {
    ($list:ident; $($name:ident = $id:literal, $severity:ident, $area:literal, $summary:literal;)*) => {
        $(pub const $name: &$crate::check::Rule = &$crate::check::Rule {
            id: $id,
            severity: $crate::check::Severity::$severity,
            area: $area,
            summary: $summary,
        };)*

        /// Every rule, in the order they are listed.
        pub const $list: &[&$crate::check::Rule] = &[$($name),*];
    };
}
pub(crate) use rule_list;

rule_list! {
    RULES;
    UNKNOWN_KEY = "unknown-key", Warning, "file",
        "Every key is one the file format knows (a typo is kept, but does nothing).";
    DANGLING_REFERENCE = "dangling-reference", Error, "file",
        "Links from items, objectives, roadmap entries, experiments and requests name things the file has.";
    UNKNOWN_PERSON = "unknown-person", Warning, "file",
        "People named in the decision log are in [[people]].";
    ID_FORMAT = "id-format", Warning, "file",
        "Ids follow the file's patterns: KEY-n, On, KRn, Kn, Rn, Dn, Nn, Qn.";
    DUPLICATE_SOURCE = "duplicate-source", Warning, "file",
        "No two items share a source, the key `import csv` finds an item by.";
    DEPENDENCY_CYCLE = "dependency-cycle", Error, "file",
        "No items wait for each other in a circle.";
    OWNER_NOT_IN_PEOPLE = "owner-not-in-people", Warning, "file",
        "The owner in [product] is in [[people]] and holds the owner role.";
    UNHELD_ROLE = "unheld-role", Warning, "file",
        "Every role a rule in [rights] names is held by somebody.";
    AGREEMENT_FALLS_AWAY = "agreement-falls-away", Warning, "file",
        "Nobody both decides a kind and holds its only agreeing role, so that agreement silently falls away.";
    SIGNING_KEY_INVALID = "signing-key-invalid", Error, "file",
        "Every signing key in [[people]] is an SSH public key.";
    SIGNING_KEY_MISSING = "signing-key-missing", Error, "file",
        "With signatures required, everyone who decides or agrees has a signing key.";
    SIGNATURE_INVALID = "signature-invalid", Warning, "file",
        "Every signature on a decision is by a person it names, with their key, of its content as it stands.";
    READY_NEEDS_ACCEPTANCE = "ready-needs-acceptance", Warning, "backlog",
        "An item that is ready or in progress has acceptance criteria.";
    READY_NEEDS_SIZE = "ready-needs-size", Warning, "backlog",
        "An item that is ready or in progress has a size.";
    SCORE_OUT_OF_SCALE = "score-out-of-scale", Error, "backlog",
        "Scoring inputs of open items are on the scale ([scoring] scale) and in range.";
    CONFIDENCE_FRACTION = "confidence-fraction", Warning, "backlog",
        "An open item's RICE confidence is a percentage (80), not a fraction (0.8, read as 0.8%).";
    WSJF_NO_REFERENCE = "wsjf-no-reference", Info, "backlog",
        "Each WSJF input has a 1 among open items, the reference the others are judged against.";
    MUST_HAVE_SHARE = "must-have-share", Warning, "backlog",
        "Must-haves take no more than [check] must_have_share (60%) of the size.";
    DROPPED_WITHOUT_REASON = "dropped-without-reason", Warning, "backlog",
        "A dropped item says why it was dropped.";
    TOO_MANY_DOING = "too-many-doing", Warning, "backlog",
        "No more items in progress than [check] max_doing (5).";
    PACE_CHANGED = "pace-changed", Info, "backlog",
        "The last 4 weeks' throughput is within [check] pace_change (30%) of the 8 weeks before them.";
    NEED_WITHOUT_EVIDENCE = "need-without-evidence", Warning, "needs",
        "A validated user need has evidence: what showed it is real.";
    NEED_UNADDRESSED = "need-unaddressed", Warning, "needs",
        "A validated user need has an open or done item that answers it.";
    ITEM_WITHOUT_NEED = "item-without-need", Info, "needs",
        "An open feature answers a user need (once the file has needs).";
    REQUEST_WAITING = "request-waiting", Warning, "needs",
        "No request waits to be triaged longer than [check] request_days (30).";
    INVALID_NEED_WITHOUT_REASON = "invalid-need-without-reason", Warning, "needs",
        "A need found invalid says why.";
    REQUEST_INCOMPLETE = "request-incomplete", Warning, "needs",
        "A triaged request says how: a declined one why, a merged one into what, an accepted one its items; an item lists only accepted requests.";
    RECOMMENDATION_UNADDRESSED = "recommendation-unaddressed", Warning, "service",
        "Before the next assessment (within [check] assessment_days, 30), each recommendation of the last one has a done item.";
    ASSESSMENT_GAP = "assessment-gap", Warning, "service",
        "Before the next assessment (within [check] assessment_days, 30), each point of the standard has some evidence in the file.";
    MANDATORY_KPI_MISSING = "mandatory-kpi-missing", Warning, "service",
        "A GOV.UK service in beta or live has the four mandatory KPIs, each with a reading in its cadence.";
    PHASE_BEHIND = "phase-behind", Warning, "service",
        "The service's phase is not behind an assessment it has held.";
    ASSESSMENT_PLANNED_TWICE = "assessment-planned-twice", Warning, "service",
        "One assessment at most waits to be held for each phase (two branches may each have planned one).";
    KR_START_EQUALS_TARGET = "kr-start-equals-target", Error, "goals",
        "A key result's start and target differ, so progress can be measured.";
    OBJECTIVE_WITHOUT_KEY_RESULTS = "objective-without-key-results", Warning, "goals",
        "Every objective has at least one key result.";
    TOO_MANY_KEY_RESULTS = "too-many-key-results", Warning, "goals",
        "An objective has no more key results than [check] max_key_results (5).";
    END_BEFORE_START = "end-before-start", Error, "goals",
        "An objective's period ends after it starts.";
    COMMITTED_OBJECTIVE_MISSED = "committed-objective-missed", Warning, "goals",
        "A committed objective that ended below 1.0 has a decision recorded about it.";
    CURRENT_NOT_LATEST = "current-not-latest", Warning, "goals",
        "A key result's current value is its latest check-in.";
    FUTURE_READING = "future-reading", Warning, "goals",
        "No check-in or reading is dated after today.";
    THRESHOLD_WRONG_SIDE = "threshold-wrong-side", Error, "goals",
        "A KPI's threshold lies on the bad side of its target.";
    PERCENT_OUT_OF_RANGE = "percent-out-of-range", Warning, "goals",
        "Values in % (KPI readings, targets and thresholds; key result start, target, current and check-ins) are from 0 to 100.";
    KPI_NO_READING = "kpi-no-reading", Warning, "goals",
        "Every KPI has a reading.";
    KPI_STALE_READING = "kpi-stale-reading", Warning, "goals",
        "A KPI's latest reading is no older than its cadence.";
    HARD_DATE_WITHOUT_REASON = "hard-date-without-reason", Warning, "roadmap",
        "A roadmap entry with a hard date says why it is fixed.";
    HARD_DATE_AT_RISK = "hard-date-at-risk", Warning, "roadmap",
        "A roadmap entry's hard date has at least a [check] hard_date_confidence (85%) chance by the forecast.";
    TOO_MANY_NOW = "too-many-now", Warning, "roadmap",
        "No more roadmap entries in Now than [check] max_now (3).";
    NOW_WITHOUT_OPEN_ITEMS = "now-without-open-items", Warning, "roadmap",
        "A roadmap entry in Now has open items to work on.";
    MERGE_DRIVER_MISSING = "merge-driver-missing", Info, "git",
        "In a git repository, .gitattributes routes the product file to `product merge` (product git setup).";
    UNGOVERNED_CHANGE = "ungoverned-change", Error, "governance",
        "With --base: a change that needs agreement, and every rights change, comes with a matching decision.";
    UNSIGNED_DECISION = "unsigned-decision", Error, "governance",
        "With signatures required (--require-signatures, [rights] signatures), a decision covering a change is signed by its decider and each agreer, with keys of the base.";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        for id in &ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
