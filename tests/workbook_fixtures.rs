//! Importing Excel workbooks as people keep them: a hand-made workbook in tests/fixtures (XML
//! written by hand, not by the library the export uses), workbooks built here with
//! rust_xlsxwriter, and files that are not workbooks. Each asserts the matrix, the report and the
//! findings, through the same path the page takes: read (in the worker), encode, decode, import.

use std::collections::BTreeSet;
use std::path::Path;

use raci_workshop::import::{
    Format, ImportError, ImportOptions, Imported, Layout, NoteKind, Workbook, WorkbookFile, import,
    import_workbook, workbook_file,
};
use raci_workshop::model::Matrix;
use raci_workshop::rules::{RuleSettings, check};
use raci_workshop::workbook;
use rust_xlsxwriter::{Format as CellFormat, Formula, Workbook as Writer};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the page does with a file: a workbook goes through the worker's reader and back as
/// text; anything else through the text importer.
fn open(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let name = options.file_name.clone().unwrap_or_default();
    match workbook_file(bytes, &name) {
        WorkbookFile::Text => import(bytes, options),
        WorkbookFile::Refused(e) => Err(e),
        WorkbookFile::Package => {
            let sent = workbook::read(bytes)?.encode();
            import_workbook(&Workbook::decode(&sent)?, options)
        }
    }
}

fn named(name: &str) -> ImportOptions {
    ImportOptions {
        file_name: Some(name.to_owned()),
        ..ImportOptions::default()
    }
}

fn load(bytes: &[u8], name: &str) -> Imported {
    open(bytes, &named(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn roles(m: &Matrix) -> Vec<&str> {
    m.roles.iter().map(|r| r.name.as_str()).collect()
}

fn activities(m: &Matrix) -> Vec<&str> {
    m.activities.iter().map(|a| a.name.as_str()).collect()
}

fn cell(m: &Matrix, activity: &str, role: &str) -> String {
    let a = m
        .activities
        .iter()
        .find(|a| a.name == activity)
        .unwrap_or_else(|| panic!("no activity {activity:?}"));
    let r = m
        .roles
        .iter()
        .position(|r| r.name == role)
        .unwrap_or_else(|| panic!("no role {role:?}"));
    a.cells[r].to_string()
}

fn field<'m>(m: &'m Matrix, activity: &str, key: &str) -> &'m str {
    m.activities
        .iter()
        .find(|a| a.name == activity)
        .and_then(|a| a.fields.get(key))
        .map_or("", String::as_str)
}

fn group_of<'m>(m: &'m Matrix, activity: &str) -> &'m str {
    m.activities
        .iter()
        .find(|a| a.name == activity)
        .map_or("", |a| m.group_name_of(a))
}

fn findings(m: &Matrix) -> BTreeSet<(String, String)> {
    check(m, &RuleSettings::default())
        .into_iter()
        .map(|f| {
            let activity = f
                .activity
                .and_then(|id| m.activity(id))
                .map_or(String::new(), |a| a.name.clone());
            (f.rule.as_str().to_owned(), activity)
        })
        .collect()
}

fn notes_text(imported: &Imported) -> String {
    imported
        .report
        .notes
        .iter()
        .map(|n| format!("{:?}: {n}\n", n.kind))
        .collect()
}

fn has_note(imported: &Imported, kind: NoteKind, text: &str) -> bool {
    imported
        .report
        .notes
        .iter()
        .any(|n| n.kind == kind && n.to_string().contains(text))
}

#[test]
fn a_hand_made_workbook_with_everything_real_ones_hold() {
    let imported = load(&fixture("hand-made-raci.xlsx"), "hand-made-raci.xlsx");
    let m = &imported.matrix;
    let report = &imported.report;
    assert_eq!(report.format, Format::Workbook);
    assert_eq!(report.sheets, ["Instructions", "RACI 2024"]);
    assert_eq!(report.sheet.as_deref(), Some("RACI 2024"));
    assert_eq!(report.layout, Some(Layout::Wide));
    // The merged title above the table, not the file name.
    assert_eq!(m.title, "Cloud platform RACI");
    // Trailing space gone; the legend two columns right and "Due" are not roles.
    assert_eq!(roles(m), ["Platform team", "Security", "FinOps"]);
    assert_eq!(
        activities(m),
        [
            "Create landing zone",
            "Set up billing",
            "Review IAM",
            "Rotate keys"
        ]
    );
    // Merged section rows are groups.
    assert_eq!(group_of(m, "Create landing zone"), "Foundation");
    assert_eq!(group_of(m, "Review IAM"), "Security");
    // Rich text, a formula's cached value, and "N", "-", "n/a" read as empty.
    assert_eq!(cell(m, "Create landing zone", "Platform team"), "A/R");
    assert_eq!(cell(m, "Create landing zone", "FinOps"), "");
    assert_eq!(cell(m, "Set up billing", "FinOps"), "A");
    assert_eq!(cell(m, "Set up billing", "Security"), "");
    assert_eq!(cell(m, "Review IAM", "Platform team"), "");
    // A date, a number and a boolean, as Excel shows them.
    assert_eq!(field(m, "Create landing zone", "Due"), "2024-05-31");
    assert_eq!(field(m, "Set up billing", "Due"), "3");
    assert_eq!(field(m, "Review IAM", "Due"), "TRUE");

    let notes = notes_text(&imported);
    assert!(
        has_note(&imported, NoteKind::Guessed, "Read the sheet \"RACI 2024\""),
        "{notes}"
    );
    assert!(
        has_note(
            &imported,
            NoteKind::Skipped,
            "Columns H to I beside the table look like a legend"
        ),
        "{notes}"
    );
    assert!(
        has_note(
            &imported,
            NoteKind::Normalised,
            "3 cells written \"N\" or \"-\" or \"n/a\" for \"not involved\""
        ),
        "{notes}"
    );
    assert!(
        has_note(&imported, NoteKind::Skipped, "\"Project: Atlas\""),
        "{notes}"
    );
    assert!(!notes.contains("Column I"), "{notes}");

    let found = findings(m);
    assert!(found.contains(&("missing-accountable".into(), "Review IAM".into())));
    assert!(!found.iter().any(|(_, a)| a == "Create landing zone"));

    // The user can choose the other sheet; it has no table, and says so.
    let options = ImportOptions {
        sheet: Some("Instructions".into()),
        ..named("hand-made-raci.xlsx")
    };
    let error = open(&fixture("hand-made-raci.xlsx"), &options).expect_err("no table");
    assert!(
        error.message.starts_with("Sheet \"Instructions\": "),
        "{error}"
    );
}

#[test]
fn files_that_are_not_good_workbooks_fail_in_plain_words() {
    let error = open(&fixture("cut-short.xlsx"), &named("cut-short.xlsx")).expect_err("cut");
    assert!(error.message.contains("damaged"), "{error}");
    assert!(error.message.contains("save it again"), "{error}");

    let error =
        open(&fixture("renamed-csv.xlsx"), &named("renamed-csv.xlsx")).expect_err("renamed");
    assert!(error.message.contains("named like a workbook"), "{error}");
    assert!(error.message.contains(".csv"), "{error}");

    // Encrypted by msoffcrypto-tool with the password "workshop", as Excel's "Encrypt with
    // Password" does: an OLE container, not a zip (see tests/fixtures/README.md).
    let error = open(
        &fixture("password-protected.xlsx"),
        &named("password-protected.xlsx"),
    )
    .expect_err("encrypted");
    assert!(error.message.contains("password-protected"), "{error}");
    assert!(error.message.contains("clear the password"), "{error}");

    // A zip that holds no workbook (here, a package of one text file).
    let mut zip = Writer::new();
    zip.add_worksheet();
    let real = zip.save_to_buffer().expect("writes");
    let mut not_excel = real.clone();
    // Same zip structure, but the workbook part renamed away: no workbook inside.
    let needle = b"xl/workbook.xml";
    for i in 0..not_excel.len().saturating_sub(needle.len()) {
        if &not_excel[i..i + needle.len()] == needle {
            not_excel[i..i + 2].copy_from_slice(b"zz");
        }
    }
    let error = open(&not_excel, &named("odd.xlsx")).expect_err("no workbook");
    assert!(
        error.message.contains("damaged") || error.message.contains("no sheets inside"),
        "{error}"
    );
}

/// A workbook as people build them in Excel: notes sheet first, the matrix on a later sheet
/// under a title, a phase column merged down beside its activities, "N" for not involved.
fn built_workbook() -> Vec<u8> {
    let mut book = Writer::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").expect("name");
    notes
        .write_string(0, 0, "Agreed in the kick-off")
        .expect("write");

    let sheet = book.add_worksheet();
    sheet.set_name("Team RACI").expect("name");
    let bold = CellFormat::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 5, "Onboarding matrix", &bold)
        .expect("title");
    let header = ["Phase", "Step", "HR", "IT", "Manager", "Buddy"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("header");
    }
    let rows: [[&str; 6]; 4] = [
        ["Before day 1", "Send contract", "A/R", "N", "C", "N"],
        ["", "Order laptop", "I", "R", "A", "N"],
        ["Day 1", "Welcome", "N", "N", "A", "R"],
        ["", "Accounts", "N", "R", "N", "N"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(3 + r as u32, c as u16, *text)
                    .expect("cell");
            }
        }
    }
    // The phase column merged down over its two activities, as people format it.
    sheet
        .merge_range(3, 0, 4, 0, "Before day 1", &CellFormat::new())
        .expect("merge");
    sheet
        .merge_range(5, 0, 6, 0, "Day 1", &CellFormat::new())
        .expect("merge");
    // A formula whose cached value is a letter.
    sheet
        .write_formula(6, 5, Formula::new("=\"I\"").set_result("I"))
        .expect("formula");
    book.save_to_buffer().expect("saves")
}

#[test]
fn a_workbook_built_in_excel_style_reads_its_matrix_sheet() {
    let imported = load(&built_workbook(), "onboarding.xlsx");
    let m = &imported.matrix;
    assert_eq!(imported.report.sheet.as_deref(), Some("Team RACI"));
    assert_eq!(m.title, "Onboarding matrix");
    assert_eq!(roles(m), ["HR", "IT", "Manager", "Buddy"]);
    assert_eq!(
        activities(m),
        ["Send contract", "Order laptop", "Welcome", "Accounts"]
    );
    // Merged down: each activity has its phase.
    assert_eq!(group_of(m, "Order laptop"), "Before day 1");
    assert_eq!(group_of(m, "Accounts"), "Day 1");
    assert_eq!(cell(m, "Accounts", "Buddy"), "I");
    assert_eq!(cell(m, "Welcome", "HR"), "");
    assert!(
        has_note(
            &imported,
            NoteKind::Guessed,
            "Merged cells A4:A5 hold \"Before day 1\""
        ),
        "{}",
        notes_text(&imported)
    );
    assert!(
        has_note(&imported, NoteKind::Normalised, "7 cells written \"N\""),
        "{}",
        notes_text(&imported)
    );
    let found = findings(m);
    assert!(found.contains(&("missing-accountable".into(), "Accounts".into())));
    assert!(!found.contains(&("missing-responsible".into(), "Order laptop".into())));

    // Choosing the notes sheet instead is honoured (and fails: it has no table).
    let options = ImportOptions {
        sheet: Some("Notes".into()),
        ..named("onboarding.xlsx")
    };
    assert!(open(&built_workbook(), &options).is_err());
}

#[test]
fn an_opendocument_spreadsheet_reads_the_same_way() {
    let imported = load(&fixture("hand-made-raci.ods"), "hand-made-raci.ods");
    let m = &imported.matrix;
    assert_eq!(imported.report.format, Format::Workbook);
    assert_eq!(imported.report.sheet.as_deref(), Some("RACI"));
    assert_eq!(m.title, "Landing zone RACI");
    assert_eq!(roles(m), ["Platform team", "Security"]);
    assert_eq!(activities(m), ["Create landing zone", "Review IAM"]);
    assert_eq!(cell(m, "Create landing zone", "Security"), "");
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        "1 cell written \"N\" for \"not involved\""
    ));
    assert!(findings(m).contains(&("missing-accountable".into(), "Review IAM".into())));
}
