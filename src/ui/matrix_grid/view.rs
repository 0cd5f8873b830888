//! How header cells, group rows and activity rows look: built from the plain rows of
//! `crate::grid`. An activity row follows its content as it changes, touching only what changed.

use std::sync::Arc;

use leptos::prelude::*;

use crate::grid::{
    ActivityRow, CellFace, ColumnWindow, Columns, GridRow, HeaderCell, KeyedRow, Marks, Note,
    SELECTION_CLASSES, cells_between, cells_markup, changed_faces, header_title, owners, symbol,
    tooltip,
};
use crate::model::GroupId;
use crate::rules::Severity;

use crate::grid::Renaming;
use crate::ui::dom::{SelectionShape, mark_row};
use crate::ui::grid_state::GridState;
use crate::ui::markup::RowCells;
use crate::ui::rename::RenameField;

/// An empty row standing in for `height` pixels of rows that are not rendered.
pub(super) fn spacer(height: f64) -> Option<impl IntoView + use<>> {
    (height > 0.0).then(|| {
        view! { <tr class="spacer" aria-hidden="true" style:height=format!("{height}px")></tr> }
    })
}

/// A header cell standing in for `columns` role columns that are not drawn.
fn column_spacer(columns: usize, column_px: f64) -> impl IntoView + use<> {
    view! {
        <th class="column-spacer" aria-hidden="true" style:width=format!("{}px", columns as f64 * column_px)></th>
    }
}

/// The column headers of the columns in `window`. Each name turns into a text field while it is
/// renamed, without re-rendering the rest of the header. The focused cell's column keeps its mark
/// (`shape`) when the header is drawn again.
pub(super) fn header_row(
    cells: &[HeaderCell],
    grid: GridState,
    window: ColumnWindow,
    column_px: f64,
    shape: &SelectionShape,
) -> impl IntoView + use<> {
    let focus_column = shape.focus.filter(|_| shape.selected).map(|f| f.role);
    let first = window.first;
    let roles = cells
        .get(window.range())
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(at, cell)| {
            let column_index = window
                .windowed
                .then(|| ColumnWindow::aria_index(first + at).to_string());
            let focused = focus_column == Some(cell.id);
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
                    if focused {
                        class.push_str(" focus-column");
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
                    aria-colindex=column_index
                >
                    {renamable(grid, Renaming::Role(id), move || name.clone(), "role-name")}
                    {mark(marks)}
                    {change_mark(changed.as_deref())}
                </th>
            }
        })
        .collect_view();
    let spacers = window.windowed.then(|| {
        (
            column_spacer(window.first, column_px),
            column_spacer(window.after(), column_px),
        )
    });
    let (before, after) = spacers.unzip();
    view! {
        <tr>
            <th scope="col" class="corner" aria-colindex=window.windowed.then_some("1")>"Activity"</th>
            {before}
            {roles}
            {after}
        </tr>
    }
}

/// What every drawn row reads besides its own content.
#[derive(Clone)]
pub(super) struct RowContext {
    pub columns: Arc<Columns>,
    /// The role columns drawn.
    pub window: Memo<ColumnWindow>,
    /// The selection as the cells show it, for cells drawn when the window moves.
    pub applied: StoredValue<SelectionShape>,
    pub grid: GridState,
}

/// One body row. Group rows are drawn as they are; an activity row follows `current` (its
/// content as the grid's rows change): its header is reactive and its cells are updated in place,
/// only those whose face changed, so an edit leaves the row and the focused cell where they are.
pub(super) fn render_row(
    row: &KeyedRow,
    current: ReadSignal<Arc<GridRow>>,
    context: RowContext,
) -> AnyView {
    match &*row.row {
        GridRow::Group {
            id,
            name,
            activities,
            collapsed,
        } => group_row(
            *id,
            name.clone(),
            *activities,
            *collapsed,
            context.window,
            context.grid,
        ),
        GridRow::Activity(first) => activity_row(first, current, context),
    }
}

fn group_row(
    id: GroupId,
    name: String,
    activities: usize,
    collapsed: bool,
    window: Memo<ColumnWindow>,
    grid: GridState,
) -> AnyView {
    let label = format!(
        "{} group {name}",
        if collapsed { "Expand" } else { "Collapse" }
    );
    view! {
        <tr class="group-row">
            <th scope="rowgroup" colspan=move || window.get().cells() + 1>
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
                    {renamable(grid, Renaming::Group(id), move || name.clone(), "group-name-text")}
                </span>
                <span class="group-count">{format!("{activities}")}</span>
                </span>
            </th>
        </tr>
    }
    .into_any()
}

/// What an activity row's header shows.
#[derive(Clone, PartialEq)]
struct RowHeader {
    name: String,
    description: String,
    marks: Option<Marks>,
    changed: Option<String>,
}

fn activity_row(
    first: &ActivityRow,
    current: ReadSignal<Arc<GridRow>>,
    context: RowContext,
) -> AnyView {
    let RowContext {
        columns,
        window,
        applied,
        grid,
    } = context;
    let id = first.id;
    let header = Memo::new(move |_| {
        current.with(|row| {
            row.activity().map(|a| RowHeader {
                name: a.name.clone(),
                description: a.description.clone(),
                marks: a.marks.clone(),
                changed: a.changed.clone(),
            })
        })
    });
    let header_part = move |f: fn(&RowHeader) -> String| {
        move || header.with(|h| h.as_ref().map(f).unwrap_or_default())
    };
    let class = header_part(|h| {
        format!(
            "{}{}",
            header_class("activity-header", h.marks.as_ref().and_then(|m| m.worst)),
            if h.changed.is_some() { " changed" } else { "" },
        )
    });
    let title = header_part(|h| {
        with_change(
            tooltip(&h.description, h.marks.as_ref()),
            h.changed.as_deref(),
        )
    });
    // Its own memo, so that the name is drawn again only when it changes, not with the marks.
    let name = Memo::new(move |_| header.with(|h| h.as_ref().map(|h| h.name.clone())));
    let marks = move || header.with(|h| h.as_ref().and_then(|h| h.marks.clone()));
    let changed = move || header.with(|h| h.as_ref().and_then(|h| h.changed.clone()));
    // While searching, the row says who owns it: their columns may be out of view.
    let owners_line = {
        let columns = Arc::clone(&columns);
        move || {
            (!grid.search.with(|s| s.trim().is_empty())).then(|| {
                let text = current.with(|row| row.activity().map(|a| owners(&columns, &a.cells)));
                view! { <span class="row-owners">{text}</span> }
            })
        }
    };
    let drawn = window.get_untracked();
    let tr = NodeRef::<leptos::html::Tr>::new();
    let cells = row_cells(first, current, tr, columns, window, applied);
    view! {
        <tr data-activity-row=id.0.to_string() node_ref=tr>
            <th
                scope="row"
                class=class
                title=title
                data-rename-activity=id.0.to_string()
                aria-colindex=drawn.windowed.then_some("1")
            >
                {renamable(grid, Renaming::Activity(id), move || name.get().unwrap_or_default(), "activity-name")}
                {move || mark(marks().as_ref())}
                {move || change_mark(changed().as_deref())}
                {owners_line}
            </th>
            {cells}
        </tr>
    }
    .into_any()
}

/// An activity row's cells, drawn for the column window now, and kept up to date in `tr` as its
/// content and the window change. Selection and focus are applied to the cells by
/// `apply_selection`, so that moving the selection touches a handful of cells, not a reactive
/// node each.
fn row_cells(
    first: &ActivityRow,
    current: ReadSignal<Arc<GridRow>>,
    tr: NodeRef<leptos::html::Tr>,
    columns: Arc<Columns>,
    window: Memo<ColumnWindow>,
    applied: StoredValue<SelectionShape>,
) -> RowCells {
    let id = first.id;
    let drawn = window.get_untracked();
    let shown = Arc::clone(&current.get_untracked());
    let cells = RowCells(cells_markup(&columns, first, drawn));
    // Cells leaving the window go, cells entering it are drawn from the content now, and those
    // that stay are patched.
    Effect::new(move |before: Option<(Arc<GridRow>, ColumnWindow)>| {
        let (before, drawn) = before.unwrap_or_else(|| (Arc::clone(&shown), drawn));
        let now = current.get();
        let wanted = window.get();
        let Some(tr) = tr.get_untracked() else {
            return (before, drawn);
        };
        if wanted != drawn
            && let GridRow::Activity(row) = &*now
        {
            shift_cells(&tr, &columns, row, drawn, wanted);
            applied.with_value(|shape| mark_row(&tr, id, shape));
        }
        if !Arc::ptr_eq(&before, &now) {
            let kept = drawn.first.max(wanted.first)..drawn.end.min(wanted.end);
            patch_cells(&tr, &columns, &before, &now, wanted, kept);
        }
        (now, wanted)
    });
    cells
}

/// Brings the cells of `range` in a row drawn for `window` from `before` to `now`: only the cells
/// whose face changed are touched, and the selection's classes on them are kept.
fn patch_cells(
    tr: &web_sys::Element,
    columns: &Columns,
    before: &GridRow,
    now: &GridRow,
    window: ColumnWindow,
    range: std::ops::Range<usize>,
) {
    let changed = changed_faces(columns, before, now, range);
    let mut changed = changed.into_iter().peekable();
    // The row header comes first, then the left spacer of a windowed row, then a cell per
    // drawn column.
    let mut element = first_cell(tr, window);
    let mut column = window.first;
    while let (Some(td), Some((at, _))) = (&element, changed.peek()) {
        if column == *at {
            let (_, face) = changed.next().unwrap_or_else(|| unreachable!());
            apply_face(td, &face);
        }
        element = td.next_element_sibling();
        column += 1;
    }
}

/// The cell of the first drawn column of a row.
fn first_cell(tr: &web_sys::Element, window: ColumnWindow) -> Option<web_sys::Element> {
    let cell = tr.first_element_child()?.next_element_sibling()?;
    match window.windowed {
        true => cell.next_element_sibling(),
        false => Some(cell),
    }
}

/// Moves a windowed row's cells from the columns of `from` to those of `to`: removes the cells
/// that leave and parses those that enter beside the spacers, leaving the rest in place.
fn shift_cells(
    tr: &web_sys::Element,
    columns: &Columns,
    row: &ActivityRow,
    from: ColumnWindow,
    to: ColumnWindow,
) {
    let (Some(left), Some(right)) = (
        tr.first_element_child()
            .and_then(|th| th.next_element_sibling()),
        tr.last_element_child(),
    ) else {
        return;
    };
    if !(from.windowed && to.windowed) || left == right {
        return;
    }
    let cells = |range| cells_between(columns, row, range, true);
    if to.first >= from.end || to.end <= from.first {
        while let Some(cell) = left.next_element_sibling().filter(|c| *c != right) {
            cell.remove();
        }
        let _ = left.insert_adjacent_html("afterend", &cells(to.range()));
        return;
    }
    for _ in from.first..to.first {
        if let Some(cell) = left.next_element_sibling().filter(|c| *c != right) {
            cell.remove();
        }
    }
    for _ in to.end..from.end {
        if let Some(cell) = right.previous_element_sibling().filter(|c| *c != left) {
            cell.remove();
        }
    }
    if to.first < from.first {
        let _ = left.insert_adjacent_html("afterend", &cells(to.first..from.first));
    }
    if to.end > from.end {
        let _ = right.insert_adjacent_html("beforebegin", &cells(from.end..to.end));
    }
}

fn apply_face(td: &web_sys::Element, face: &CellFace) {
    let selection = td.class_list();
    let mut class = face.class.clone();
    for kept in SELECTION_CLASSES {
        if selection.contains(kept) {
            class.push(' ');
            class.push_str(kept);
        }
    }
    td.set_class_name(&class);
    let _ = td.set_attribute("aria-label", &face.label);
    let _ = td.set_attribute("title", &face.title);
    td.set_inner_html(&face.markup);
}

pub(super) fn header_class(base: &str, worst: Option<Severity>) -> String {
    match worst {
        Some(severity) => format!("{base} has-{severity}"),
        None => base.to_owned(),
    }
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

/// A name that turns into a text field while it is renamed, without re-rendering around it.
pub(super) fn renamable(
    grid: GridState,
    target: Renaming,
    name: impl Fn() -> String + Send + Sync + 'static,
    class: &'static str,
) -> impl IntoView {
    move || {
        if grid.renaming.get() == Some(target) {
            view! { <RenameField target=target /> }.into_any()
        } else {
            view! { <span class=class>{name()}</span> }.into_any()
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
