//! Property tests: every export format reads back to the matrix it came from, whatever the names
//! hold (quotes, delimiters, line breaks, non-Latin text, leading formula characters).

mod common;

use common::{matrix, settings};
use proptest::prelude::*;
use raci_workshop::export::{self, CsvOptions};
use raci_workshop::import::{ImportOptions, Workbook, import, import_workbook};
use raci_workshop::model::{Matrix, Scheme};
use raci_workshop::workbook;

/// The first difference between two canonical matrices, in words, or "" when they are equal.
fn difference(back: &Matrix, original: &Matrix) -> String {
    let (b, o) = (back.canonical(), original.canonical());
    if b == o {
        return String::new();
    }
    if b.title != o.title || b.scheme != o.scheme {
        return format!(
            "title/scheme: {:?}/{} vs {:?}/{}",
            b.title, b.scheme, o.title, o.scheme
        );
    }
    if b.roles != o.roles {
        return format!("roles: {:?}\n vs {:?}", b.roles, o.roles);
    }
    if b.groups != o.groups {
        return format!("groups: {:?}\n vs {:?}", b.groups, o.groups);
    }
    if b.columns != o.columns {
        return format!("columns: {:?}\n vs {:?}", b.columns, o.columns);
    }
    if b.activities.len() != o.activities.len() {
        let names = |m: &Matrix| {
            m.activities
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
        };
        return format!("activities: {:?}\n vs {:?}", names(&b), names(&o));
    }
    for (x, y) in b.activities.iter().zip(&o.activities) {
        if x != y {
            return format!("activity: {x:?}\n vs {y:?}");
        }
    }
    "next id".into()
}

fn reimport(bytes: &[u8], file_name: &str, scheme: Option<Scheme>) -> Matrix {
    let options = ImportOptions {
        file_name: Some(file_name.to_owned()),
        scheme,
        ..ImportOptions::default()
    };
    match import(bytes, &options) {
        Ok(imported) => imported.matrix,
        Err(error) => panic!("{error}\n{}", String::from_utf8_lossy(bytes)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn json_round_trips_everything(m in matrix(), settings in settings()) {
        let json = export::json(&m, &settings);
        let imported = import(json.as_bytes(), &ImportOptions::default()).unwrap();
        prop_assert_eq!(imported.matrix, m);
        prop_assert_eq!(imported.settings, Some(settings));
    }

    #[test]
    fn wide_csv_round_trips(m in matrix(), semicolon in any::<bool>(), bom in any::<bool>()) {
        let options = CsvOptions { delimiter: if semicolon { b';' } else { b',' }, bom };
        let bytes = export::wide_csv(&m, &options);
        let name = export::file_name(&m.title, "2026-11-27", "csv");
        let back = reimport(&bytes, &name, Some(m.scheme));
        prop_assert_eq!(difference(&back, &m), "", "{}", String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn markdown_round_trips(m in matrix()) {
        let text = export::markdown(&m);
        let back = reimport(text.as_bytes(), "wiki.md", None);
        prop_assert_eq!(difference(&back, &m), "", "{}", text);
    }

    #[test]
    fn long_csv_round_trips(m in matrix()) {
        let bytes = export::long_csv(&m, &CsvOptions::default());
        let name = export::file_name(&m.title, "2026-11-27", "csv");
        let mut back = reimport(&bytes, &name, Some(m.scheme));
        // A long sheet has no role columns, so where they sat among the other columns is not in it.
        back.columns = m.columns.clone();
        prop_assert_eq!(difference(&back, &m), "", "{}", String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn xlsx_round_trips(m in matrix(), settings in settings()) {
        let bytes = workbook::write(&m, &settings, "2026-11-30".parse().unwrap()).unwrap();
        // As the page does it: read in the worker, sent over as text, imported on the page. The
        // scheme is not forced: the workbook says it above the table.
        let sent = workbook::read(&bytes).unwrap().encode();
        let options = ImportOptions {
            file_name: Some(export::file_name(&m.title, "2026-11-27", "xlsx")),
            ..ImportOptions::default()
        };
        let back = import_workbook(&Workbook::decode(&sent).unwrap(), &options)
            .unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(back.report.sheet.as_deref(), Some("Matrix"));
        prop_assert_eq!(difference(&back.matrix, &m), "");
    }
}
