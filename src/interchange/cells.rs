//! Reading one CSV cell as an item's value: statuses and priorities as
//! trackers name them, issue types, numbers, yes/no, dates in the forms
//! exports write, and lists.

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{Date, ExperimentResult, Kind, Moscow, Status};

use super::quote::shown;

/// How a tracker's status reads, by its name in lower case. Anything else
/// is an idea, with a warning.
pub fn status(name: &str, custom: &[(String, Status)]) -> Option<Status> {
    let key = name.trim().to_lowercase();
    if let Some((_, s)) = custom.iter().find(|(n, _)| n.to_lowercase() == key) {
        return Some(*s);
    }
    Some(match key.as_str() {
        "idea" | "to do" | "todo" | "open" | "opened" | "backlog" | "new" => Status::Idea,
        "ready" => Status::Ready,
        "doing" | "in progress" => Status::Doing,
        "done" | "closed" | "resolved" => Status::Done,
        "dropped" => Status::Dropped,
        _ => return None,
    })
}

/// How a tracker's priority reads as MoSCoW. `None` for one it does not know.
pub fn priority(name: &str, custom: &[(String, Option<Moscow>)]) -> Option<Option<Moscow>> {
    let key = name.trim().to_lowercase();
    if let Some((_, m)) = custom.iter().find(|(n, _)| n.to_lowercase() == key) {
        return Some(*m);
    }
    Some(Some(match key.as_str() {
        "must" | "highest" | "blocker" | "critical" => Moscow::Must,
        "should" | "high" | "major" => Moscow::Should,
        "could" | "medium" => Moscow::Could,
        "wont" | "won't" | "low" | "lowest" | "minor" | "trivial" => Moscow::Wont,
        _ => return None,
    }))
}

/// An issue type as an item kind: bugs, debt, spikes and experiments are
/// told apart; stories, tasks, epics and the like are features.
pub fn kind(name: &str) -> Kind {
    match name.trim().to_lowercase().as_str() {
        "bug" | "defect" | "incident" => Kind::Bug,
        "debt" | "tech debt" | "technical debt" => Kind::Debt,
        "spike" => Kind::Spike,
        "experiment" => Kind::Experiment,
        _ => Kind::Feature,
    }
}

/// A number: `5`, `3.0`, ` 8 `; with `decimal_comma` (a CSV separated by
/// semicolons, as spreadsheets write it where the comma is the decimal
/// mark) `2,5` too. Infinity and NaN are not numbers here.
pub fn number(text: &str, decimal_comma: bool) -> Result<f64, String> {
    let trimmed = text.trim();
    let read = if decimal_comma && trimmed.matches(',').count() == 1 && !trimmed.contains('.') {
        trimmed.replace(',', ".")
    } else {
        trimmed.to_owned()
    };
    read.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("`{}` is not a number", shown(text)))
}

/// A percentage: a [`number`], with or without a `%` after it (`80%`, `80`).
pub fn percent(text: &str, decimal_comma: bool) -> Result<f64, String> {
    match text.trim().strip_suffix('%') {
        Some(figure) => {
            number(figure, decimal_comma).map_err(|_| format!("`{}` is not a number", shown(text)))
        }
        None => number(text, decimal_comma),
    }
}

/// Yes or no, as spreadsheets and our own export write it.
pub fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!(
            "`{}` is not yes or no (true, false, yes, no, 1, 0)",
            shown(text)
        )),
    }
}

/// A day from the forms exports write: `2026-11-24`, an ISO date and time
/// (`2026-11-24T10:15:00.000+0000`, `2026-11-24 10:15:02.733`), and Jira's
/// `24/Nov/26 10:15 AM`. Day/month orders that could be read either way
/// (`03/04/2026`) are refused rather than guessed.
pub fn date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    let iso_with_time = text.len() > 10 && matches!(text.as_bytes()[10], b'T' | b' ');
    if (text.len() == 10 || iso_with_time)
        && let Ok(date) = head.parse::<Date>()
    {
        return Ok(date);
    }
    for format in ["%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(Date(t.date()));
        }
    }
    for format in [
        "%d/%b/%y",
        "%d/%b/%Y",
        "%d %b %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%B %d, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Ok(Date(d));
        }
    }
    Err(format!(
        "`{}` is not a date; expected YYYY-MM-DD (or an ISO date and time, or Jira's 24/Nov/26)",
        shown(text)
    ))
}

/// An experiment's result.
pub fn result(text: &str) -> Result<ExperimentResult, String> {
    match text.trim().to_lowercase().as_str() {
        "validated" => Ok(ExperimentResult::Validated),
        "invalidated" => Ok(ExperimentResult::Invalidated),
        "inconclusive" => Ok(ExperimentResult::Inconclusive),
        _ => Err(format!(
            "`{}` is not an experiment result; expected validated, invalidated or inconclusive",
            shown(text)
        )),
    }
}

/// The parts of a list cell. Acceptance criteria are one a line; tags and
/// ids are split at commas too, unless the cell has lines. A cell that opens
/// with `["` is a JSON array of strings: it is how our own export writes a
/// list whose parts hold commas or line breaks. Such a cell that is not one
/// (a part that is a number, a quote left open) is refused rather than split
/// into odd parts.
pub fn list(text: &str, lines_only: bool) -> Result<Vec<String>, String> {
    let trimmed = text.trim();
    if let Some(inside) = trimmed.strip_prefix('[')
        && inside.trim_start().starts_with('"')
    {
        let not_one = |why: String| {
            format!(
                "`{}` opens as a JSON list but is not a list of text: {why}; write the parts as a JSON list of quoted text ([\"a, b\", \"c\"]) or separated by commas",
                shown(text)
            )
        };
        let parts = serde_json::from_str::<Vec<serde_json::Value>>(trimmed)
            .map_err(|e| not_one(e.to_string()))?;
        return parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| match part {
                serde_json::Value::String(s) => Ok(s),
                other => Err(not_one(format!("part {} is {}", i + 1, json_kind(&other)))),
            })
            .collect();
    }
    let by_lines = lines_only || text.contains('\n');
    let parts: Vec<&str> = if by_lines {
        text.lines().collect()
    } else {
        text.split(',').collect()
    };
    Ok(parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect())
}

/// What a JSON value is, as a message names it.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A list as [`list`] reads it back: joined at commas (tags, ids) or line
/// ends (acceptance criteria) where that is unambiguous, else a JSON array.
pub fn joined(parts: &[String], lines_only: bool) -> String {
    let plain = |p: &String| {
        !p.is_empty()
            && p.trim() == p
            && !p.contains('\n')
            && !p.starts_with('[')
            && (lines_only || !p.contains(','))
    };
    if parts.iter().all(plain) {
        parts.join(if lines_only { "\n" } else { ", " })
    } else {
        serde_json::to_string(parts).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracker_statuses_read_as_ours() {
        assert_eq!(status("To Do", &[]), Some(Status::Idea));
        assert_eq!(status("In Progress", &[]), Some(Status::Doing));
        assert_eq!(status("CLOSED", &[]), Some(Status::Done));
        assert_eq!(status("opened", &[]), Some(Status::Idea));
        assert_eq!(status("In Review", &[]), None);
        let custom = [("In Review".to_owned(), Status::Doing)];
        assert_eq!(status("in review", &custom), Some(Status::Doing));
    }

    #[test]
    fn priorities_read_as_moscow() {
        for (name, moscow) in [
            ("Highest", Moscow::Must),
            ("Blocker", Moscow::Must),
            ("Critical", Moscow::Must),
            ("High", Moscow::Should),
            ("Major", Moscow::Should),
            ("Medium", Moscow::Could),
            ("Low", Moscow::Wont),
            ("Lowest", Moscow::Wont),
            ("Minor", Moscow::Wont),
            ("Trivial", Moscow::Wont),
        ] {
            assert_eq!(priority(name, &[]), Some(Some(moscow)), "{name}");
        }
        assert_eq!(priority("P3", &[]), None);
        let custom = [
            ("P3".to_owned(), Some(Moscow::Could)),
            ("P4".to_owned(), None),
        ];
        assert_eq!(priority("p3", &custom), Some(Some(Moscow::Could)));
        assert_eq!(priority("P4", &custom), Some(None));
        assert_eq!(priority("Major", &custom), Some(Some(Moscow::Should)));
    }

    #[test]
    fn dates_in_the_forms_exports_write() {
        let day = |y, m, d| Date::from_ymd(y, m, d).unwrap();
        assert_eq!(date("2026-11-24"), Ok(day(2026, 11, 24)));
        assert_eq!(date("2021-01-08T16:38:15.000+0000"), Ok(day(2021, 1, 8)));
        assert_eq!(date("2019-09-26 03:22:02.733"), Ok(day(2019, 9, 26)));
        assert_eq!(date("24/Nov/26 10:15 AM"), Ok(day(2026, 11, 24)));
        assert_eq!(date("03/Feb/2025"), Ok(day(2025, 2, 3)));
        assert!(date("03/04/2026").is_err());
        assert!(date("2026-02-30").is_err());
        assert!(date("2026-11-24x").is_err());
    }

    #[test]
    fn lists_split_at_commas_unless_the_cell_has_lines() {
        let list = |text, lines_only| list(text, lines_only).unwrap();
        assert_eq!(list("payments, ux,,", false), ["payments", "ux"]);
        assert_eq!(list(r#"["a, b", "c\nd"]"#, false), ["a, b", "c\nd"]);
        assert_eq!(list("[not json]", false), ["[not json]"]);
        assert_eq!(list("[1, 2]", false), ["[1", "2]"]);
        assert_eq!(list("a, b\nc", false), ["a, b", "c"]);
        assert_eq!(
            list("Given x, when y\nthen z", true),
            ["Given x, when y", "then z"]
        );
    }

    #[test]
    fn a_cell_that_opens_as_a_json_list_must_be_one() {
        let e = list(r#"["a, b",1,{}]"#, false).unwrap_err();
        assert!(
            e.contains("is not a list of text: part 2 is a number"),
            "{e}"
        );
        let e = list(r#"[ "a", "b]"#, true).unwrap_err();
        assert!(
            e.contains("is not a list of text: EOF while parsing"),
            "{e}"
        );
    }

    #[test]
    fn lists_read_back_as_they_were_joined() {
        for (parts, lines_only) in [
            (vec!["payments", "ux"], false),
            (vec!["a, b", "c"], false),
            (vec!["Given a card,\nwhen I pay", "then"], true),
            (vec!["[x]"], true),
            (vec![" padded"], false),
            (vec!["one, two", "three"], true),
        ] {
            let parts: Vec<String> = parts.into_iter().map(String::from).collect();
            assert_eq!(list(&joined(&parts, lines_only), lines_only), Ok(parts));
        }
        assert_eq!(joined(&["a".into(), "b".into()], false), "a, b");
        assert_eq!(joined(&["a".into(), "b".into()], true), "a\nb");
    }

    #[test]
    fn numbers_and_yes_no() {
        assert_eq!(number(" 3.0 ", false), Ok(3.0));
        assert_eq!(number("2,5", true), Ok(2.5));
        assert!(number("2,5", false).is_err());
        assert!(number("1,000.5", true).is_err());
        assert!(number("three", false).is_err());
        assert!(number("inf", false).is_err());
        assert_eq!(percent("80%", false), Ok(80.0));
        assert_eq!(percent(" 12,5 % ", true), Ok(12.5));
        assert_eq!(percent("0.8", false), Ok(0.8));
        assert_eq!(percent("%", false), Err("`%` is not a number".into()));
        assert_eq!(yes_no("Yes"), Ok(true));
        assert_eq!(
            yes_no(""),
            Err("`` is not yes or no (true, false, yes, no, 1, 0)".into())
        );
    }
}
