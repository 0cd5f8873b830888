//! How header cells, group rows and activity rows look: built from the plain rows of
//! `crate::grid`, reading no signal except the renaming state of a name.

use leptos::prelude::*;

use crate::grid::{Columns, GridRow, HeaderCell, Marks, Note, cell_label, owners, tooltip};
use crate::model::Cell;
use crate::rules::Severity;

use super::GridState;
use crate::ui::rename::{RenameField, Renaming};

/// An empty row standing in for `height` pixels of rows that are not rendered.
pub(super) fn spacer(height: f64) -> Option<impl IntoView + use<>> {
    (height > 0.0).then(|| {
        view! { <tr class="spacer" aria-hidden="true" style=format!("height: {height}px")></tr> }
    })
}

/// The column headers. Each name turns into a text field while it is renamed, without
/// re-rendering the rest of the header.
pub(super) fn header_row(cells: &[HeaderCell], grid: GridState) -> impl IntoView + use<> {
    let roles = cells
        .iter()
        .map(|cell| {
            let id = cell.id;
            let name = cell.name.clone();
            let marks = cell.marks.as_ref();
            let class = {
                let worst = marks.and_then(|m| m.worst);
                move || {
                    let mut class = header_class("role-header", worst);
                    if grid.highlight_role.get() == Some(id) {
                        class.push_str(" highlighted");
                    }
                    class
                }
            };
            view! {
                <th
                    scope="col"
                    class=class
                    title=tooltip(&cell.description, marks)
                    data-rename-role=id.0.to_string()
                >
                    {renamable(grid, Renaming::Role(id), name, "role-name")}
                    {mark(marks)}
                </th>
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="col" class="corner">"Activity"</th>
            {roles}
        </tr>
    }
}

pub(super) fn render_row(row: &GridRow, columns: &Columns, grid: GridState) -> AnyView {
    let roles = columns.roles.len();
    match row.clone() {
        GridRow::Group {
            id,
            name,
            activities,
            collapsed,
        } => {
            let label = format!(
                "{} group {name}",
                if collapsed { "Expand" } else { "Collapse" }
            );
            view! {
                <tr class="group-row">
                    <th scope="rowgroup" colspan=roles + 1>
                        <span class="group-label">
                        <button
                            class="group-toggle"
                            // The grid is one tab stop; the keyboard folds groups with
                            // Alt+Shift+Up and Alt+Shift+Down from a cell.
                            tabindex="-1"
                            data-group-toggle=id.0.to_string()
                            aria-expanded=(!collapsed).to_string()
                            aria-label=label
                        >
                            <span class="chevron" aria-hidden="true">{if collapsed { "▸" } else { "▾" }}</span>
                        </button>
                        <span class="group-name" data-rename-group=id.0.to_string()>
                            {renamable(grid, Renaming::Group(id), name, "group-name-text")}
                        </span>
                        <span class="group-count">{format!("{activities}")}</span>
                        </span>
                    </th>
                </tr>
            }
            .into_any()
        }
        GridRow::Activity {
            id,
            name,
            description,
            marks,
            cells,
        } => {
            // While searching, the row says who owns it: their columns may be out of view.
            let owners_line = {
                let text = owners(columns, &cells);
                move || {
                    (!grid.search.with(|s| s.trim().is_empty()))
                        .then(|| view! { <span class="row-owners">{text.clone()}</span> })
                }
            };
            let cells = cells
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    let role = c.role;
                    let label = cell_label(
                        columns.scheme,
                        columns.roles.get(i).map_or("", |(_, name)| name.as_str()),
                        &name,
                        &c.cell,
                    );
                    // Selection and focus are applied to the cells by `apply_selection`, so that
                    // moving the selection touches a handful of cells, not a reactive node each.
                    let class = cell_class(&c.cell, c.marks.as_ref());
                    let title = tooltip(&label, c.marks.as_ref());
                    view! {
                        <td
                            class=class
                            data-activity=id.0.to_string()
                            data-role=role.0.to_string()
                            tabindex="-1"
                            aria-label=label
                            title=title
                        >
                            {cell_text(&c.cell)}
                            {mark(c.marks.as_ref())}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-activity-row=id.0.to_string()>
                    <th
                        scope="row"
                        class=header_class("activity-header", marks.as_ref().and_then(|m| m.worst))
                        title=tooltip(&description, marks.as_ref())
                        data-rename-activity=id.0.to_string()
                    >
                        {renamable(grid, Renaming::Activity(id), name, "activity-name")}
                        {mark(marks.as_ref())}
                        {owners_line}
                    </th>
                    {cells}
                </tr>
            }
            .into_any()
        }
    }
}

pub(super) fn header_class(base: &str, worst: Option<Severity>) -> String {
    match worst {
        Some(severity) => format!("{base} has-{severity}"),
        None => base.to_owned(),
    }
}

pub(super) fn cell_class(cell: &Cell, marks: Option<&Marks>) -> String {
    let mut class = String::from("cell");
    if cell.unrecognised.is_some() {
        class.push_str(" unrecognised");
    }
    if let Some(severity) = marks.and_then(|m| m.worst) {
        class.push_str(&format!(" has-{severity}"));
    }
    class
}

pub(super) fn cell_text(cell: &Cell) -> impl IntoView + use<> {
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

/// A name that turns into a text field while it is renamed, without re-rendering around it.
pub(super) fn renamable(
    grid: GridState,
    target: Renaming,
    name: String,
    class: &'static str,
) -> impl IntoView + use<> {
    move || {
        if grid.renaming.get() == Some(target) {
            view! { <RenameField target=target /> }.into_any()
        } else {
            view! { <span class=class>{name.clone()}</span> }.into_any()
        }
    }
}

/// The notes of the callout: each finding with its symbol, what is wrong and the fix.
pub(super) fn callout_notes(notes: &[Note]) -> impl IntoView + use<> {
    notes
        .iter()
        .map(|note| {
            let severity = note.severity;
            view! {
                <p class=format!("callout-note note-{severity}")>
                    <span class=format!("mark mark-{severity}") aria-hidden="true">{symbol(severity)}</span>
                    <span class="callout-text">
                        <span class="callout-message">{note.message.clone()}</span>
                        " "
                        <span class="callout-fix">{format!("Fix: {}", note.fix)}</span>
                    </span>
                </p>
            }
        })
        .collect_view()
}

/// A severity mark that does not rely on colour alone: each severity has its own symbol.
pub(super) fn mark(marks: Option<&Marks>) -> Option<impl IntoView + use<>> {
    marks.and_then(|m| m.worst).map(|severity| {
        view! { <span class=format!("mark mark-{severity}") aria-hidden="true">{symbol(severity)}</span> }
    })
}

/// Each severity's symbol, so that no mark relies on colour alone.
pub(super) fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Conflict => "!",
        Severity::Gap => "?",
        Severity::Warning => "i",
    }
}
