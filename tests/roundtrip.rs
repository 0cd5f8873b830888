//! Property tests: every export format reads back to the matrix it came from, whatever the names
//! hold (quotes, delimiters, line breaks, non-Latin text, leading formula characters).

use proptest::prelude::*;
use raci_workshop::export::{self, CsvOptions};
use raci_workshop::import::{ImportOptions, Workbook, import, import_workbook};
use raci_workshop::model::{Cell, InfoColumn, Letter, Letters, Matrix, Scheme};
use raci_workshop::rules::{ResponsibleRule, RuleSettings};
use raci_workshop::workbook;

/// Words that start names: realistic, and each awkward in its own way.
const STARTS: &[&str] = &[
    "Deploy",
    "Plan",
    "Платформа",
    "Sécurité",
    "財務チーム",
    "=SUM(A1)",
    "-Ops",
    "+Infra",
    "@team",
    "\"Quoted\" crew",
    "a,b",
    "x;y",
    "p|q",
    "Tab\there",
    "Back\\slash",
    "*bold*",
    "# hash",
    "<b>html</b>",
    "Ünïcödé",
    "Line\nbreak",
    "'apostrophe",
    "Data & AI",
    "[link](x)",
    "50% _under_",
];

/// Tails appended to make names unique and awkward; never only letters a cell could mean.
fn tail() -> impl Strategy<Value = String> {
    "[a-z0-9 ,;\"'=|\\n\u{e9}\u{416}\u{6f22}]{0,6}"
}

fn name() -> impl Strategy<Value = String> {
    (prop::sample::select(STARTS), tail())
        .prop_map(|(start, tail)| format!("{start}{tail}").trim().to_owned())
}

/// Free text for descriptions, notes and fields ("" half of the time).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (prop::sample::select(STARTS), tail()).prop_map(|(start, tail)| format!(
            "note {start}{tail}"
        )
        .trim()
        .to_owned()),
    ]
}

fn cell(scheme: Scheme) -> impl Strategy<Value = Cell> {
    let letters: Vec<Letter> = scheme.letters().iter().map(|(l, _)| *l).collect();
    prop_oneof![
        4 => Just(Cell::EMPTY),
        5 => prop::sample::subsequence(letters, 1..=2)
            .prop_map(|ls| Cell::letters(ls.into_iter().collect::<Letters>())),
        1 => prop::sample::select(vec!["maybe", "TBD", "ask Bob", "x?", "??", "n/a later"])
            .prop_map(Cell::unrecognised),
    ]
}

fn scheme() -> impl Strategy<Value = Scheme> {
    prop::sample::select(Scheme::ALL.to_vec())
}

prop_compose! {
    fn matrix()(
        scheme in scheme(),
        role_names in prop::collection::vec(name(), 1..6),
        role_descriptions in prop::collection::vec(text(), 6),
        group_names in prop::collection::vec(name(), 0..3),
        rows in prop::collection::vec((name(), any::<prop::sample::Index>(), text(), text(), text()), 1..8),
        title in "[A-Za-z]( ?[A-Za-z0-9]){0,20}",
        wbs_first in any::<bool>(),
    )(
        cells in prop::collection::vec(prop::collection::vec(cell(scheme), role_names.len()), rows.len()),
        scheme in Just(scheme), role_names in Just(role_names), role_descriptions in Just(role_descriptions),
        group_names in Just(group_names), rows in Just(rows), title in Just(title), wbs_first in Just(wbs_first),
    ) -> Matrix {
        let mut m = Matrix::new(&title);
        m.scheme = scheme;
        for (i, name) in role_names.iter().enumerate() {
            if m.roles.iter().all(|r| r.name.to_lowercase() != name.to_lowercase()) {
                m.push_role(name);
                m.roles.last_mut().unwrap().description = role_descriptions[i].clone();
            }
        }
        let mut groups = Vec::new();
        for name in &group_names {
            groups.push(m.group_named(name));
        }
        for ((name, group, description, notes, wbs), cells) in rows.iter().zip(cells) {
            let group = (!groups.is_empty()).then(|| groups[group.index(groups.len())]);
            m.push_activity(name, group);
            let a = m.activities.last_mut().unwrap();
            a.description = description.clone();
            a.notes = notes.clone();
            if !wbs.is_empty() {
                a.fields.insert("WBS".into(), wbs.clone());
            }
            a.cells = cells.into_iter().take(m.roles.len()).collect();
        }
        // A column holding more unrecognised text than letters reads as a text column, not a
        // role: real role columns are mostly letters, so keep the generated ones that way.
        for r in 0..m.roles.len() {
            let count = |m: &Matrix, f: fn(&Cell) -> bool| m.activities.iter().filter(|a| f(&a.cells[r])).count();
            while count(&m, |c| c.unrecognised.is_some()) > count(&m, |c| !c.letters.is_empty()) {
                if let Some(a) = m.activities.iter_mut().find(|a| a.cells[r].unrecognised.is_some()) {
                    a.cells[r] = Cell::letters(Letters::only(Letter::A));
                }
            }
        }
        m.columns.info = vec![InfoColumn::Activity("Activity".into()), InfoColumn::Description("Description".into())];
        m.columns.roles_at = 2;
        if m.activities.iter().any(|a| a.fields.contains_key("WBS")) {
            if wbs_first {
                m.columns.info.insert(0, InfoColumn::Field("WBS".into()));
                m.columns.roles_at += 1;
            } else {
                m.columns.info.push(InfoColumn::Field("WBS".into()));
            }
        }
        // Export adds the columns the content needs; start from those, as an import would.
        m.columns = export::wide_columns(&m);
        m
    }
}

fn settings() -> impl Strategy<Value = RuleSettings> {
    (any::<bool>(), 1usize..9, 1usize..9, 10u8..100).prop_map(|(exact, r, c, percent)| {
        RuleSettings {
            responsible: if exact {
                ResponsibleRule::ExactlyOne
            } else {
                ResponsibleRule::AtLeastOne
            },
            max_responsible: r,
            max_consulted: c,
            max_ownership_percent: percent,
            ..RuleSettings::default()
        }
    })
}

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
