//! Generators the property tests share: matrices whose names hold everything that breaks
//! formats (quotes, delimiters, line breaks, non-Latin text, leading formula characters), and
//! rule settings.

use proptest::prelude::*;
use raci_workshop::export;
use raci_workshop::model::{Cell, InfoColumn, Letter, Letters, Matrix, Scheme};
use raci_workshop::rules::{ResponsibleRule, RuleSettings};

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
    pub fn matrix()(
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

pub fn settings() -> impl Strategy<Value = RuleSettings> {
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
