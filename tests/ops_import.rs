//! CSV import run in-process through `ops::import`: source keys that
//! repeat, done dates, values an import reads but does not keep (each told
//! once a column), confidences written as percentages or fractions, and
//! files that are not CSV at all. No binary, no files.

use productfile::interchange::ImportOptions;
use productfile::model::{Date, Product, Status};
use productfile::ops::import::{self, CsvImported, ImportCsv};
use productfile::{Error, ErrorCode};

/// An empty product keyed DM; `scoring` goes before `[product]`.
fn product_with(scoring: &str) -> Product {
    let text = format!(
        "version = 1\n\n{scoring}\n[product]\nname = \"Data management\"\nkey = \"DM\"\nowner = \"Ada Byrne\"\n\n[[people]]\nname = \"Ada Byrne\"\nroles = [\"owner\"]\n"
    );
    toml::from_str(&text).expect("the fixture is a product")
}

fn product() -> Product {
    product_with("")
}

fn today() -> Date {
    Date::from_ymd(2026, 11, 23).unwrap()
}

fn day(text: &str) -> Option<Date> {
    Some(text.parse().unwrap())
}

fn read(name: &str, csv: &[u8], map: &[&str]) -> Result<ImportCsv, Error> {
    let options = ImportOptions {
        map: map.iter().map(|m| (*m).to_owned()).collect(),
        ..ImportOptions::default()
    };
    ImportCsv::read(name, csv, &options, false)
}

fn import(p: &mut Product, csv: &str, map: &[&str]) -> Result<CsvImported, Error> {
    let opts = read("issues.csv", csv.as_bytes(), map)?;
    import::csv(p, today(), &opts)
}

/// The warnings that mention `needle`.
fn warnings_about<'a>(report: &'a CsvImported, needle: &str) -> Vec<&'a str> {
    report
        .warnings
        .iter()
        .map(String::as_str)
        .filter(|w| w.contains(needle))
        .collect()
}

// Defect 2: several Jira instances in one export repeat their issue ids.
const TWO_INSTANCES: &str = "repo_name,id,issue_name\n\
    Apache,101,Crash on start\n\
    Spring,101,Slow login\n\
    Apache,102,Typo in docs\n\
    Spring,103,Retry uploads\n\
    Spring,102,Bad link\n";

#[test]
fn a_repeated_id_column_is_refused_naming_the_rows() {
    let mut p = product();
    let before = p.clone();
    let e = import(&mut p, TWO_INSTANCES, &["title=issue_name"]).unwrap_err();
    assert_eq!(e.code, ErrorCode::CsvRowsInvalid);
    assert_eq!(
        e.message,
        "issues.csv: 2 rows cannot be imported; nothing was written"
    );
    let problems: Vec<(&str, &str)> = e
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "row 3, id",
                "id `101` is on row 2 too; each id names one item"
            ),
            (
                "row 6, id",
                "id `102` is on row 4 too; each id names one item"
            ),
        ]
    );
    assert_eq!(e.problems[0].line_col, Some((3, 8)));
    let hint = e.hint.unwrap();
    assert!(hint.contains("--map source=COLUMN+id"), "{hint}");
    assert_eq!(p, before, "nothing changes");
}

#[test]
fn a_source_key_is_built_from_two_columns() {
    let mut p = product();
    let map = ["title=issue_name", "source=repo_name+id"];
    let first = import(&mut p, TWO_INSTANCES, &map).unwrap();
    assert_eq!(first.created.len(), 5);
    let sources: Vec<&str> = p.items.iter().filter_map(|i| i.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            "Apache/101",
            "Spring/101",
            "Apache/102",
            "Spring/103",
            "Spring/102"
        ]
    );
    // The ids were part of the key: the items are numbered in this file.
    assert_eq!(p.items[0].id, "DM-1");
    // Importing the same export again finds every item by its key.
    let again = import(&mut p, TWO_INSTANCES, &map).unwrap();
    assert_eq!(
        (again.created.len(), again.unchanged.len()),
        (0, 5),
        "{again:#?}"
    );

    // A row whose key would lack a part cannot be told apart: a problem.
    let mut p = product();
    let csv = "repo_name,id,issue_name\nApache,101,One\n,102,Two\n";
    let e = import(&mut p, csv, &map).unwrap_err();
    assert_eq!(e.problems[0].path, "row 3, repo_name");
    assert_eq!(
        e.problems[0].message,
        "the source key is built from repo_name and id, and repo_name is empty"
    );

    // Only a source key is built from several columns.
    let e = read(
        "issues.csv",
        TWO_INSTANCES.as_bytes(),
        &["title=issue_name+id"],
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Usage);
    assert!(e.message.contains("only source"), "{}", e.message);
}

#[test]
fn a_header_with_a_plus_is_still_one_column() {
    let mut p = product();
    let csv = "Title,Key+Instance\nOne,A-1\n";
    import(&mut p, csv, &["source=Key+Instance"]).unwrap();
    assert_eq!(p.items[0].source.as_deref(), Some("A-1"));
}

// Defect 3: a resolution date and no status column.
#[test]
fn a_row_with_a_resolution_date_is_done_unless_its_status_says_otherwise() {
    let mut p = product();
    let csv = "Summary,Issue key,resolutiondate\n\
        Crash,X-1,2020-01-02 10:00:00\n\
        Slow,X-2,\n";
    let report = import(&mut p, csv, &[]).unwrap();
    assert_eq!(
        (p.items[0].status, p.items[0].done_on),
        (Status::Done, day("2020-01-02"))
    );
    assert_eq!(
        (p.items[1].status, p.items[1].done_on),
        (Status::Idea, None)
    );
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);

    // A status the import does not know says nothing against the date.
    let mut p = product();
    let csv = "Summary,Issue key,Status,Resolved\n\
        Crash,X-1,Verified,2020-01-02\n\
        Slow,X-2,Open,2020-01-03\n\
        Typo,X-3,Done,2020-01-04\n\
        Link,X-4,In Progress,2020-01-05\n";
    let report = import(&mut p, csv, &[]).unwrap();
    let states: Vec<(Status, Option<Date>)> =
        p.items.iter().map(|i| (i.status, i.done_on)).collect();
    assert_eq!(
        states,
        [
            (Status::Done, day("2020-01-02")),
            (Status::Idea, None),
            (Status::Done, day("2020-01-04")),
            (Status::Doing, None),
        ]
    );
    // An open status does say otherwise, and the dates it drops are told.
    let dropped = warnings_about(&report, "done_on");
    assert_eq!(dropped.len(), 1, "{:#?}", report.warnings);
    assert!(
        dropped[0].starts_with(
            "done_on from column `Resolved`: 2 values not kept (rows 3, 5): the row's status is open"
        ),
        "{}",
        dropped[0]
    );
    assert!(dropped[0].contains("--status-map"), "{}", dropped[0]);
}

// Defect 4: values a tracker allows that the file's scale does not.
#[test]
fn numbers_the_file_does_not_allow_are_left_out_with_one_warning_a_column() {
    let mut p = product_with("[scoring]\nscale = \"fibonacci\"\n");
    let csv = "Title,URL,Weight\n\
        Zero,https://g.example/1,0\n\
        Four,https://g.example/2,4\n\
        Five,https://g.example/3,5\n\
        Six,https://g.example/4,6\n\
        Ten,https://g.example/5,10\n\
        Also zero,https://g.example/6,0\n";
    let report = import(&mut p, csv, &[]).unwrap();
    assert_eq!(report.created.len(), 6, "every row is imported");
    assert!(report.skipped.is_empty());
    let sizes: Vec<Option<f64>> = p.items.iter().map(|i| i.size).collect();
    assert_eq!(sizes, [None, None, Some(5.0), None, None, None]);
    let about = warnings_about(&report, "Weight");
    assert_eq!(about.len(), 1, "once a column: {:#?}", report.warnings);
    assert_eq!(
        about[0],
        "size from column `Weight`: 5 values not kept: size must be more than 0, as scores divide by it (rows 2, 7); \
         not on the fibonacci scale 1, 2, 3, 5, 8, 13, 20 (rows 3, 5, 6); \
         those items are imported without a size: give them one with `product item score ID --size N`, \
         or set `scale = \"free\"` under [scoring] to keep any number"
    );

    // One reason: the rows come straight after the count.
    let mut p = product_with("[scoring]\nscale = \"fibonacci\"\n");
    let csv = "issuekey,title,storypoint\nA-1,One,4\nA-2,Two,6\nA-3,Three,1\n";
    let report = import(&mut p, csv, &[]).unwrap();
    assert!(
        report.warnings[0].starts_with(
            "size from column `storypoint`: 2 values not kept (rows 2, 3): not on the fibonacci scale 1, 2, 3, 5, 8, 13, 20; "
        ),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn a_number_that_is_not_a_number_is_still_a_bad_row() {
    let mut p = product();
    let csv = "Title,Story Points\nOne,three\n";
    let e = import(&mut p, csv, &[]).unwrap_err();
    assert_eq!(e.problems[0].message, "`three` is not a number");
}

// Defect 5: RICE confidence as a percentage or as a fraction.
#[test]
fn a_confidence_may_end_in_a_percent_sign_and_a_fraction_is_warned_about() {
    let mut p = product();
    let csv = "title,reach,impact,confidence,effort\n\
        A,100,1,80%,1\n\
        B,100,1,0.8,1\n\
        C,100,1, 50 % ,1\n\
        D,100,1,1,1\n\
        E,100,1,0,1\n";
    let report = import(&mut p, csv, &[]).unwrap();
    let confidences: Vec<Option<f64>> = p.items.iter().map(|i| i.confidence).collect();
    assert_eq!(
        confidences,
        [Some(80.0), Some(0.8), Some(50.0), Some(1.0), Some(0.0)]
    );
    let about = warnings_about(&report, "confidence");
    assert_eq!(about.len(), 1, "{:#?}", report.warnings);
    assert!(
        about[0].starts_with(
            "confidence from column `confidence`: 2 values of at most 1 (rows 3, 5), kept as written; \
             confidence is a percentage, so 0.8 is 0.8%, not 80%"
        ),
        "{}",
        about[0]
    );
}

// Defect 10: a JSON file given to `import csv`.
#[test]
fn a_json_file_is_said_to_be_json_not_read_as_a_header() {
    let mut json = b"  \n[{\"id\": 25326678, \"title\": \"XSRF\", \"description\": \"".to_vec();
    json.extend(std::iter::repeat_n(b'x', 3_000_000));
    json.extend(b"\"}]\n");
    for (name, bytes) in [
        ("issues.csv", &json[..]),
        ("issues.json", b"Title\nOne\n".as_slice()),
        ("standard input", b"{\"items\": []}"),
    ] {
        let e = read(name, bytes, &[]).unwrap_err();
        assert_eq!(e.code, ErrorCode::CsvInvalid, "{name}");
        assert_eq!(
            e.message,
            format!("{name}: the file looks like JSON, not CSV"),
            "{name}"
        );
        let hint = e.hint.unwrap();
        assert!(
            hint.contains("reads a product file in JSON directly"),
            "{hint}"
        );
        assert!(hint.contains("exported from Jira"), "{hint}");
    }
    // A header that only starts with a bracket is CSV.
    let mut p = product();
    import(&mut p, "[Key],Title\nA-1,One\n", &[]).unwrap();
    assert_eq!(p.items[0].title, "One");
}

#[test]
fn an_error_never_quotes_a_whole_huge_cell_or_header() {
    let huge = "y".repeat(200_000);
    // A header with no title among them.
    let csv = format!("{huge},other\n1,2\n");
    let e = read("issues.csv", csv.as_bytes(), &[]).unwrap_err();
    assert!(e.message.len() < 500, "{} bytes", e.message.len());
    // A column mapped by hand that is not there, close to a huge one.
    let csv = format!("Title,{huge}\nOne,2\n");
    let wanted = format!("size={}z", &huge[..100]);
    let e = read("issues.csv", csv.as_bytes(), &[&wanted]).unwrap_err();
    assert!(e.message.len() < 500, "{} bytes", e.message.len());
    // A cell that is not a number, and a status nobody knows.
    let mut p = product();
    let csv = format!("Title,Story Points\nOne,{huge}\n");
    let e = import(&mut p, &csv, &[]).unwrap_err();
    assert!(e.problems[0].message.len() < 500);
    assert!(e.problems[0].message.ends_with("` is not a number"));
    let csv = format!("Title,Status\nOne,{huge}\n");
    let report = import(&mut p, &csv, &[]).unwrap();
    assert!(
        report.warnings[0].len() < 500,
        "{}",
        report.warnings[0].len()
    );
}

// Issue 20, item 7: a repeated header is told, naming both columns, which
// one counts, and how to read the other (by its column number).
#[test]
fn a_repeated_header_is_told_with_both_positions_and_how_to_choose() {
    let csv = "Key,Summary,Summary\nA-1,First,Second\nA-2,,Only the second\n";
    let mut p = product();
    let report = import(&mut p, csv, &["source=Key"]).unwrap();
    assert_eq!(p.items[0].title, "First");
    assert_eq!(p.items[1].title, "Only the second");
    assert_eq!(
        warnings_about(&report, "Summary"),
        [
            "columns 2 and 3 are both `Summary`: title is read from column 2, and from column 3 only where column 2 is empty; to read column 3 instead, add --map title=#3"
        ]
    );
    // The hint works: column 3 by its number.
    let mut p = product();
    let report = import(&mut p, csv, &["source=Key", "title=#3"]).unwrap();
    assert_eq!(p.items[0].title, "Second");
    assert!(
        warnings_about(&report, "both").is_empty(),
        "{:?}",
        report.warnings
    );
    // A column number that is not there says how many there are.
    let e = import(&mut product(), csv, &["title=#4"]).unwrap_err();
    assert_eq!(e.code, ErrorCode::Usage);
    assert!(
        e.message.contains("the CSV has 3 columns, so no column #4"),
        "{}",
        e.message
    );
    // Repeated list columns (Jira's Labels) add up, and are not told.
    let mut p = product();
    let report = import(&mut p, "Summary,Labels,Labels\nOne,a,b\n", &[]).unwrap();
    assert_eq!(p.items[0].tags, ["a", "b"]);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

// Issue 20, item 7: a list cell that opens as a JSON list but is not a
// list of text is refused at its place, not split into odd tags.
#[test]
fn a_malformed_json_list_cell_is_refused_at_its_place() {
    let csv = "Summary,Labels\nGood,\"[\"\"a, b\"\",\"\"c\"\"]\"\nBad,\"[\"\"a, b\"\",1,{}]\"\nAlso bad,\"[\"\"a\"\", \"\"b]\"\n";
    let mut p = product();
    let before = p.clone();
    let e = import(&mut p, csv, &[]).unwrap_err();
    assert_eq!(e.code, ErrorCode::CsvRowsInvalid);
    assert_eq!(p, before);
    let problems: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.line_col, p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].0, Some((3, 5)));
    assert_eq!(problems[0].1, "row 3, Labels");
    assert!(
        problems[0].2.starts_with(
            "`[\"a, b\",1,{}]` opens as a JSON list but is not a list of text: part 2 is a number"
        ),
        "{}",
        problems[0].2
    );
    assert_eq!(problems[1].0, Some((4, 10)));
    assert!(
        problems[1].2.contains("is not a list of text"),
        "{}",
        problems[1].2
    );
    // With --skip-invalid the good row keeps its two tags.
    let opts = ImportCsv::read(
        "issues.csv",
        csv.as_bytes(),
        &ImportOptions::default(),
        true,
    )
    .unwrap();
    let mut p = product();
    let report = import::csv(&mut p, today(), &opts).unwrap();
    assert_eq!(report.skipped.len(), 2);
    assert_eq!(p.items.len(), 1);
    assert_eq!(p.items[0].tags, ["a, b", "c"]);
    // A bracketed tag that is no JSON stays one tag.
    let mut p = product();
    import(&mut p, "Summary,Labels\nOne,[wip]\n", &[]).unwrap();
    assert_eq!(p.items[0].tags, ["[wip]"]);
}
