//! The matrix as a table: roles as column headers, activities as row headers, groups as section
//! rows, letters styled per letter, and the findings marked on cells and headers.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::model::{ActivityId, Cell, Matrix, RoleId, Scheme};
use crate::rules::{Finding, Severity};

use super::state::Workshop;

/// The findings of one cell, row or column, for marking and tooltips.
#[derive(Default)]
struct Marks {
    worst: Option<Severity>,
    text: Vec<String>,
}

impl Marks {
    fn add(&mut self, finding: &Finding) {
        self.worst = Some(
            self.worst
                .map_or(finding.severity, |w| w.min(finding.severity)),
        );
        self.text
            .push(format!("{} {}", finding.message, finding.fix));
    }
}

#[derive(Default)]
struct FindingIndex {
    cells: HashMap<(ActivityId, RoleId), Marks>,
    activities: HashMap<ActivityId, Marks>,
    roles: HashMap<RoleId, Marks>,
}

impl FindingIndex {
    fn new(findings: &[Finding]) -> FindingIndex {
        let mut index = FindingIndex::default();
        for f in findings {
            match (f.activity, f.role) {
                (Some(a), Some(r)) => index.cells.entry((a, r)).or_default().add(f),
                (Some(a), None) => index.activities.entry(a).or_default().add(f),
                (None, Some(r)) => index.roles.entry(r).or_default().add(f),
                (None, None) => {}
            }
        }
        index
    }
}

#[component]
pub fn MatrixGrid() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    move || {
        workshop.matrix.with(|matrix| {
            workshop
                .findings
                .with(|findings| render(matrix, &FindingIndex::new(findings)))
        })
    }
}

fn render(matrix: &Matrix, index: &FindingIndex) -> impl IntoView + use<> {
    let scheme = matrix.scheme;
    let columns = matrix.roles.len() + 1;
    let head = matrix
        .roles
        .iter()
        .map(|role| {
            let marks = index.roles.get(&role.id);
            let class = header_class("role-header", marks);
            let title = tooltip(&role.description, marks);
            view! {
                <th scope="col" class=class title=title>
                    <span class="role-name">{role.name.clone()}</span>
                    {mark(marks)}
                </th>
            }
        })
        .collect_view();

    let mut rows = Vec::with_capacity(matrix.activities.len() + matrix.groups.len());
    let mut current_group = None;
    for activity in &matrix.activities {
        if activity.group != current_group {
            current_group = activity.group;
            if activity.group.is_some() {
                let name = matrix.group_name_of(activity).to_owned();
                rows.push(
                    view! {
                        <tr class="group-row">
                            <th scope="rowgroup" colspan=columns>{name}</th>
                        </tr>
                    }
                    .into_any(),
                );
            }
        }
        let marks = index.activities.get(&activity.id);
        let class = header_class("activity-header", marks);
        let title = tooltip(&activity.description, marks);
        let cells = matrix
            .roles
            .iter()
            .zip(&activity.cells)
            .map(|(role, cell)| {
                let marks = index.cells.get(&(activity.id, role.id));
                let label = cell_label(scheme, &role.name, &activity.name, cell);
                view! {
                    <td class=cell_class(cell, marks) aria-label=label.clone() title=tooltip(&label, marks)>
                        {cell_text(cell)}
                        {mark(marks)}
                    </td>
                }
            })
            .collect_view();
        rows.push(
            view! {
                <tr>
                    <th scope="row" class=class title=title>
                        <span class="activity-name">{activity.name.clone()}</span>
                        {mark(marks)}
                    </th>
                    {cells}
                </tr>
            }
            .into_any(),
        );
    }

    view! {
        <div class="grid-scroll">
            <table class="matrix" aria-label="RACI matrix">
                <thead>
                    <tr>
                        <th scope="col" class="corner">"Activity"</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn header_class(base: &str, marks: Option<&Marks>) -> String {
    match marks.and_then(|m| m.worst) {
        Some(severity) => format!("{base} has-{severity}"),
        None => base.to_owned(),
    }
}

fn cell_class(cell: &Cell, marks: Option<&Marks>) -> String {
    let mut class = String::from("cell");
    for letter in cell.letters.iter() {
        class.push_str(&format!(" has-letter-{letter}"));
    }
    if cell.unrecognised.is_some() {
        class.push_str(" unrecognised");
    }
    if let Some(severity) = marks.and_then(|m| m.worst) {
        class.push_str(&format!(" has-{severity}"));
    }
    class
}

fn cell_text(cell: &Cell) -> impl IntoView + use<> {
    match &cell.unrecognised {
        Some(text) => view! { <span class="unrecognised-text">{text.to_string()}</span> }.into_any(),
        None => cell
            .letters
            .iter()
            .map(|letter| view! { <span class=format!("letter letter-{letter}")>{letter.to_string()}</span> })
            .collect_view()
            .into_any(),
    }
}

/// "Security, Define account structure: Responsible and Accountable".
fn cell_label(scheme: Scheme, role: &str, activity: &str, cell: &Cell) -> String {
    let what = match &cell.unrecognised {
        Some(text) => format!("unrecognised value \"{text}\""),
        None if cell.letters.is_empty() => "empty".to_owned(),
        None => cell
            .letters
            .iter()
            .map(|l| {
                scheme
                    .letter_name(l)
                    .map_or_else(|| format!("{l} (not in {scheme})"), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join(" and "),
    };
    format!("{role}, {activity}: {what}")
}

fn tooltip(base: &str, marks: Option<&Marks>) -> String {
    let mut lines = Vec::new();
    if !base.is_empty() {
        lines.push(base.to_owned());
    }
    if let Some(marks) = marks {
        lines.extend(marks.text.iter().cloned());
    }
    lines.join("\n")
}

/// A severity mark that does not rely on colour alone: each severity has its own symbol.
fn mark(marks: Option<&Marks>) -> Option<impl IntoView + use<>> {
    marks.and_then(|m| m.worst).map(|severity| {
        let symbol = match severity {
            Severity::Conflict => "!",
            Severity::Gap => "?",
            Severity::Warning => "i",
        };
        view! { <span class=format!("mark mark-{severity}") aria-hidden="true">{symbol}</span> }
    })
}
