//! The exported workbook as a package: the parts and relations Excel requires (so it opens
//! without a repair prompt), well-formed XML in every part, the features the export promises
//! (frozen panes, dropdowns, the check formula with its cached value and conditional format),
//! strings kept as strings, and a second reader (calamine, independent of the writer) seeing
//! the same cells.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use raci_workshop::edit::{self, Edit, ReviewEdit};
use raci_workshop::model::{Action, Cell, Date, Letter, Letters, Matrix};
use raci_workshop::rules::RuleSettings;
use raci_workshop::workbook;

fn today() -> Date {
    "2026-11-30".parse().expect("a date")
}

fn sample() -> Matrix {
    let mut m = Matrix::new("Cloud & platform <RACI>");
    m.push_role("=Ops");
    m.push_role("Security");
    let plan = m.group_named("Plan");
    m.push_activity("=SUM(A1)", Some(plan));
    m.push_activity("Rotate keys", Some(plan));
    m.activities[0].cells[0] = Cell::letters([Letter::A, Letter::R].into_iter().collect());
    m.activities[1].cells[1] = Cell::letters(Letters::only(Letter::R));
    m
}

/// Every part of the package, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("part");
        let name = file.name().map(|n| n.to_string()).expect("part name");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 part");
        parts.insert(name, text);
    }
    parts
}

fn well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name} has unclosed elements");
}

/// The targets of every relationship in a .rels part.
fn targets(rels: &str) -> Vec<String> {
    rels.split("Target=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_package_has_the_parts_and_relations_excel_requires() {
    let bytes = workbook::write(&sample(), &RuleSettings::default(), today()).expect("writes");
    let parts = parts(&bytes);
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
    ] {
        assert!(
            parts.contains_key(required),
            "{required} missing: {:?}",
            parts.keys()
        );
    }
    for (name, xml) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(name, xml);
        }
    }
    // Every relationship points at a part that exists, and every part has its content type.
    for target in targets(&parts["_rels/.rels"]) {
        assert!(parts.contains_key(&target), "_rels/.rels -> {target}");
    }
    for target in targets(&parts["xl/_rels/workbook.xml.rels"]) {
        let path = format!("xl/{target}");
        assert!(parts.contains_key(&path), "workbook.xml.rels -> {path}");
        assert!(
            parts["[Content_Types].xml"].contains(&format!("PartName=\"/{path}\"")),
            "{path} has no content type"
        );
    }
    let workbook_xml = &parts["xl/workbook.xml"];
    for sheet in ["Matrix", "Findings", "Legend"] {
        assert!(
            workbook_xml.contains(&format!("name=\"{sheet}\"")),
            "{sheet}"
        );
    }

    let matrix_xml = &parts["xl/worksheets/sheet1.xml"];
    assert!(matrix_xml.contains("state=\"frozen\""), "frozen panes");
    assert!(
        matrix_xml.contains("<dataValidation type=\"list\""),
        "dropdown"
    );
    assert!(
        matrix_xml.contains("<conditionalFormatting"),
        "conditional format"
    );
    assert!(matrix_xml.contains("<f>IF(SUMPRODUCT("), "check formula");
    assert!(
        matrix_xml.contains("<v>No Accountable</v>"),
        "cached check value"
    );
    // Names starting with "=" are strings, never formulas.
    assert!(
        !matrix_xml.contains("<f>SUM(A1)"),
        "a name became a formula"
    );
    assert!(parts["xl/sharedStrings.xml"].contains("=SUM(A1)"));
}

#[test]
fn a_second_reader_sees_the_cells_as_written() {
    let bytes = workbook::write(&sample(), &RuleSettings::default(), today()).expect("writes");
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("opens");
    assert_eq!(xlsx.sheet_names(), ["Matrix", "Findings", "Legend"]);
    let range = xlsx.worksheet_range("Matrix").expect("matrix sheet");
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("Cloud & platform <RACI>".into()));
    assert_eq!(
        at(1, 0),
        Data::String("Scheme: RACI (R Responsible, A Accountable, C Consulted, I Informed)".into())
    );
    assert_eq!(at(3, 0), Data::String("Activity".into()));
    assert_eq!(at(3, 1), Data::String("Description".into()));
    assert_eq!(at(3, 2), Data::String("=Ops".into()));
    assert_eq!(at(3, 4), Data::String("RACI check".into()));
    assert_eq!(at(4, 0), Data::String("Plan".into()));
    assert_eq!(at(5, 0), Data::String("=SUM(A1)".into()));
    assert_eq!(at(5, 2), Data::String("A/R".into()));
    assert_eq!(at(5, 4), Data::String("OK".into()));
    assert_eq!(at(6, 4), Data::String("No Accountable".into()));
    let findings = xlsx.worksheet_range("Findings").expect("findings sheet");
    assert_eq!(
        findings.get_value((0, 0)),
        Some(&Data::String("Severity".into()))
    );
    assert!(findings.rows().any(|r| {
        r.iter()
            .any(|c| *c == Data::String("missing-accountable".into()))
    }));
    let legend = xlsx.worksheet_range("Legend").expect("legend sheet");
    assert_eq!(
        legend.get_value((2, 1)),
        Some(&Data::String("Accountable".into()))
    );
}

/// The sample with the review's actions: one overdue, one done, one open without a due date on
/// a deleted activity.
fn with_actions() -> Matrix {
    let mut m = sample();
    let day = |text: &str| text.parse::<Date>().expect("a date");
    let rotate = m.activities[1].id;
    let add = |m: &mut Matrix, title: &str, due: Option<Date>, done: Option<Date>| {
        let mut action = Action::new(m, title, "=Ops", due, Some(rotate), day("2026-11-01"));
        action.done = done;
        let add = ReviewEdit::AddAction {
            index: usize::MAX,
            action,
        };
        edit::apply(m, Edit::Review(Box::new(add))).expect("adds");
    };
    add(
        &mut m,
        "Write the key rotation runbook",
        Some(day("2026-11-15")),
        None,
    );
    add(
        &mut m,
        "=HYPERLINK(\"x\")",
        Some(day("2026-12-15")),
        Some(day("2026-11-20")),
    );
    add(&mut m, "Name a backup owner", None, None);
    m.activities.remove(1);
    m
}

#[test]
fn the_actions_sheet_lists_the_review_actions_with_a_status_that_keeps_checking() {
    let bytes =
        workbook::write(&with_actions(), &RuleSettings::default(), today()).expect("writes");
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).expect("opens");
    assert_eq!(
        xlsx.sheet_names(),
        ["Matrix", "Findings", "Actions", "Legend"]
    );
    let actions = xlsx.worksheet_range("Actions").expect("actions sheet");
    let text = |r: u32, c: u32| actions.get_value((r, c)).map(|d| d.to_string());
    let header: Vec<_> = (0..7).filter_map(|c| text(0, c)).collect();
    assert_eq!(
        header,
        [
            "Action",
            "Owner",
            "Due date",
            "Status",
            "Done on",
            "Activity",
            "Description"
        ]
    );
    assert_eq!(
        text(1, 0).as_deref(),
        Some("Write the key rotation runbook")
    );
    assert_eq!(text(1, 1).as_deref(), Some("=Ops"));
    assert_eq!(text(1, 3).as_deref(), Some("Overdue"));
    assert_eq!(text(1, 5).as_deref(), Some("Rotate keys (deleted)"));
    // A title that looks like a formula is text.
    assert_eq!(text(2, 0).as_deref(), Some("=HYPERLINK(\"x\")"));
    assert_eq!(text(2, 3).as_deref(), Some("Done"));
    assert_eq!(text(3, 3).as_deref(), Some("Open"));
    assert_eq!(text(3, 2).unwrap_or_default(), "", "no due date, no date");
    // Dates are dates (sortable in Excel), shown as YYYY-MM-DD.
    match actions.get_value((1, 2)) {
        Some(Data::DateTime(date)) => {
            let (y, m, d, ..) = date.to_ymd_hms_milli();
            assert_eq!((y, m, d), (2026, 11, 15));
        }
        other => panic!("the due date is {other:?}"),
    }
    let parts = parts(&bytes);
    let sheet = &parts["xl/worksheets/sheet3.xml"];
    assert!(sheet.contains("TODAY()"), "the status is a formula");
    assert!(
        sheet.contains("<conditionalFormatting"),
        "overdue is marked"
    );
    assert!(!sheet.contains("<f>HYPERLINK"), "a title became a formula");
    let styles = &parts["xl/styles.xml"];
    assert!(styles.contains("yyyy-mm-dd"));
    // The findings are the ones the app shows on that day: the overdue action among them.
    let findings = xlsx.worksheet_range("Findings").expect("findings sheet");
    assert!(findings.rows().any(|r| {
        r.iter()
            .any(|c| *c == Data::String("overdue-action".into()))
    }));
}

#[test]
fn a_matrix_without_actions_has_no_actions_sheet() {
    let bytes = workbook::write(&sample(), &RuleSettings::default(), today()).expect("writes");
    let xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("opens");
    assert!(!xlsx.sheet_names().contains(&"Actions".to_owned()));
}
