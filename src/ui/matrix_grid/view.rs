//! How header cells, group rows and activity rows look: built from the plain rows of
//! `crate::grid`, reading no signal except the renaming state of a name.

use leptos::prelude::*;

use crate::grid::{
    Columns, GridRow, HeaderCell, Marks, Note, cell_label, header_title, owners, tooltip,
};
use crate::model::Cell;
use crate::rules::Severity;

use crate::grid::Renaming;
use crate::ui::grid_state::GridState;
use crate::ui::rename::RenameField;

/// An empty row standing in for `height` pixels of rows that are not rendered.
pub(super) fn spacer(height: f64) -> Option<impl IntoView + use<>> {
    (height > 0.0).then(|| {
        view! { <tr class="spacer" aria-hidden="true" style:height=format!("{height}px")></tr> }
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
            let changed = cell.changed.clone();
            let class = {
                let worst = marks.and_then(|m| m.worst);
                let changed = changed.is_some();
                move || {
                    let mut class = header_class("role-header", worst);
                    if grid.highlight_role.get() == Some(id) {
                        class.push_str(" highlighted");
                    }
                    if changed {
                        class.push_str(" changed");
                    }
                    class
                }
            };
            view! {
                <th
                    scope="col"
                    class=class
                    // The full name too: compact columns show it upright and may cut it short.
                    title=with_change(tooltip(&header_title(&cell.name, &cell.description), marks), changed.as_deref())
                    data-rename-role=id.0.to_string()
                >
                    {renamable(grid, Renaming::Role(id), name, "role-name")}
                    {mark(marks)}
                    {change_mark(changed.as_deref())}
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
            changed,
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
                    let mut label = cell_label(
                        columns.scheme,
                        columns.roles.get(i).map_or("", |(_, name)| name.as_str()),
                        &name,
                        &c.cell,
                    );
                    if let Some(was) = &c.was {
                        label.push_str(&format!(", changed, was {was}"));
                    }
                    // Selection and focus are applied to the cells by `apply_selection`, so that
                    // moving the selection touches a handful of cells, not a reactive node each.
                    let mut class = cell_class(&c.cell, c.marks.as_ref());
                    if c.was.is_some() {
                        class.push_str(" changed");
                    }
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
                        class=format!(
                            "{}{}",
                            header_class("activity-header", marks.as_ref().and_then(|m| m.worst)),
                            if changed.is_some() { " changed" } else { "" },
                        )
                        title=with_change(tooltip(&description, marks.as_ref()), changed.as_deref())
                        data-rename-activity=id.0.to_string()
                    >
                        {renamable(grid, Renaming::Activity(id), name, "activity-name")}
                        {mark(marks.as_ref())}
                        {change_mark(changed.as_deref())}
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
    match marks {
        Some(Marks {
            worst: Some(severity),
            ..
        }) => class.push_str(&format!(" has-{severity}")),
        Some(Marks { accepted: true, .. }) => class.push_str(" has-accepted"),
        _ => {}
    }
    class
}

/// A tooltip with what changed since the baseline on its last line.
fn with_change(tooltip: String, changed: Option<&str>) -> String {
    match changed {
        None => tooltip,
        Some(what) if tooltip.is_empty() => format!("Changed since the baseline: {what}"),
        Some(what) => format!("{tooltip}\nChanged since the baseline: {what}"),
    }
}

/// The mark of a changed row or column header: a shape, so it does not rely on colour, and
/// words for screen readers.
fn change_mark(changed: Option<&str>) -> Option<impl IntoView + use<>> {
    changed.map(|what| {
        view! {
            <span class="change-mark" aria-hidden="true">"Δ"</span>
            <span class="visually-hidden">{format!(" (changed: {what})")}</span>
        }
    })
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
                        <span class="callout-fix">{note.advice()}</span>
                    </span>
                </p>
            }
        })
        .collect_view()
}

/// A severity mark that does not rely on colour alone: each severity has its own symbol, and
/// findings the room accepted show a check instead.
pub(super) fn mark(marks: Option<&Marks>) -> Option<impl IntoView + use<>> {
    let marks = marks?;
    Some(match marks.worst {
        Some(severity) => view! {
            <span class=format!("mark mark-{severity}") aria-hidden="true">{symbol(severity)}</span>
        }
        .into_any(),
        None if marks.accepted => {
            view! { <span class="mark mark-accepted" aria-hidden="true">"✓"</span> }.into_any()
        }
        None => return None,
    })
}

/// The decisions of the callout, after its findings.
pub(super) fn callout_decisions(decisions: &[String]) -> impl IntoView + use<> {
    decisions
        .iter()
        .map(|text| view! { <p class="callout-note note-decision">{text.clone()}</p> })
        .collect_view()
}

/// Each severity's symbol, so that no mark relies on colour alone.
pub(super) fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Conflict => "!",
        Severity::Gap => "?",
        Severity::Warning => "i",
    }
}
