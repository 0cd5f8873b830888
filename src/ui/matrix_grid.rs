//! The matrix as an editable grid: roles as column headers, activities as row headers, groups as
//! collapsible section rows, letters styled per letter, and findings marked on cells and headers.
//!
//! Rows are keyed by a fingerprint of everything they show, so an edit re-renders only the rows it
//! changed; one delegated handler per event type serves every cell.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::commands;
use crate::edit::Edit;
use crate::grid::{
    CellRef, Columns, FindingIndex, GridRow, HeaderCell, KeyedRow, Layout, Marks, Move, Note,
    RowFilter, Selection, body_rows, header_cells,
};
use crate::model::{ActivityId, Cell, GroupId, Letter, RoleId, Scheme};
use crate::rules::Severity;

use super::rename::{RenameField, Renaming};
use super::state::Workshop;

/// From this many rows on, only the rows near the view are rendered.
const VIRTUAL_FROM: usize = 150;
/// Rows rendered beyond each edge of the view, so that scrolling shows no gap.
const OVERSCAN: usize = 15;

/// An empty row standing in for `height` pixels of rows that are not rendered.
fn spacer(height: f64) -> Option<impl IntoView + use<>> {
    (height > 0.0).then(|| {
        view! { <tr class="spacer" aria-hidden="true" style=format!("height: {height}px")></tr> }
    })
}

/// The selection as the cells show it.
#[derive(Clone, Default, PartialEq)]
struct SelectionShape {
    cells: Vec<CellRef>,
    /// The focused cell, or the first cell when nothing is selected: the grid's one tab stop.
    focus: Option<CellRef>,
    /// Whether a cell is selected at all (the tab stop is outlined only then).
    selected: bool,
}

/// Marks the selected cells and the tab stop in the DOM: unmarks what `before` marked, then marks
/// `now`. Rows re-rendered by an edit come back unmarked, so `now` is always applied in full.
fn apply_selection(before: &SelectionShape, now: &SelectionShape) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let find = |cell: CellRef| document.query_selector(&cell_selector(cell)).ok().flatten();
    let mark = |cell: CellRef, selected: bool| {
        if let Some(td) = find(cell) {
            let classes = td.class_list();
            let _ = if selected {
                classes.add_1("selected")
            } else {
                classes.remove_1("selected")
            };
        }
    };
    for cell in &before.cells {
        mark(*cell, false);
    }
    if let Some(td) = before.focus.and_then(find) {
        let _ = td.class_list().remove_1("active");
        let _ = td.set_attribute("tabindex", "-1");
        let _ = td.remove_attribute("aria-describedby");
    }
    for cell in &now.cells {
        mark(*cell, true);
    }
    if let Some(td) = now.focus.and_then(find) {
        if now.selected {
            let _ = td.class_list().add_1("active");
        }
        let _ = td.set_attribute("tabindex", "0");
        let _ = td.set_attribute("aria-describedby", "cell-callout");
    }
}

/// The CSS selector of one cell's element.
fn cell_selector(cell: CellRef) -> String {
    format!(
        "td[data-activity=\"{}\"][data-role=\"{}\"]",
        cell.activity.0, cell.role.0
    )
}

/// Grid state that only the view needs.
#[derive(Clone, Copy)]
pub struct GridState {
    pub selection: RwSignal<Option<Selection>>,
    pub collapsed: RwSignal<BTreeSet<GroupId>>,
    /// Show only activities that have findings.
    pub only_findings: RwSignal<bool>,
    /// The letter picker is open on the focused cell.
    pub picker: RwSignal<bool>,
    /// Show only activities whose name contains this text (case-insensitive); "" shows all.
    pub search: RwSignal<String>,
    /// The role whose column is highlighted (the role view is open on it).
    pub highlight_role: RwSignal<Option<RoleId>>,
    /// The name being renamed in place, if any.
    pub renaming: RwSignal<Option<Renaming>>,
    /// Scroll position and height of the grid's viewport, in pixels: large matrices render only
    /// the rows in (and near) view.
    viewport: RwSignal<(f64, f64)>,
    /// Height of one row in pixels, measured once rows are on screen.
    row_px: RwSignal<f64>,
    /// A row that keyboard or a finding wants to reach but that is not rendered yet.
    pending_row: RwSignal<Option<ActivityId>>,
    /// Mouse button held on a cell: moving over others extends the selection.
    dragging: RwSignal<bool>,
    /// The page is being printed: every row is rendered, not only those near the view.
    pub printing: RwSignal<bool>,
}

impl GridState {
    pub fn new() -> GridState {
        GridState {
            selection: RwSignal::new(None),
            collapsed: RwSignal::new(BTreeSet::new()),
            only_findings: RwSignal::new(false),
            picker: RwSignal::new(false),
            search: RwSignal::new(String::new()),
            highlight_role: RwSignal::new(None),
            renaming: RwSignal::new(None),
            viewport: RwSignal::new((0.0, 800.0)),
            row_px: RwSignal::new(44.0),
            pending_row: RwSignal::new(None),
            dragging: RwSignal::new(false),
            printing: RwSignal::new(false),
        }
    }

    /// The rows and columns shown now.
    pub fn layout(&self, workshop: Workshop) -> Layout {
        let filter = self.filter_untracked();
        // Only the findings filter needs to know which rows have findings.
        let flagged: rustc_hash::FxHashSet<ActivityId> = if filter.only_findings {
            workshop
                .findings
                .with_untracked(|f| f.iter().filter_map(|f| f.activity).collect())
        } else {
            Default::default()
        };
        workshop
            .matrix
            .with_untracked(|m| filter.layout(m, |a| flagged.contains(&a)))
    }

    fn filter_untracked(&self) -> RowFilter {
        RowFilter {
            collapsed: self.collapsed.get_untracked(),
            only_findings: self.only_findings.get_untracked(),
            search: self.search.get_untracked(),
        }
    }

    fn filter(&self) -> RowFilter {
        RowFilter {
            collapsed: self.collapsed.get(),
            only_findings: self.only_findings.get(),
            search: self.search.get(),
        }
    }

    /// Selects one cell, opens its group if it was collapsed, and scrolls it into view.
    pub fn reveal(&self, workshop: Workshop, cell: CellRef) {
        if let Some(group) = workshop
            .matrix
            .with_untracked(|m| m.activity(cell.activity).and_then(|a| a.group))
        {
            self.collapsed.update(|c| {
                c.remove(&group);
            });
        }
        self.selection.set(Some(Selection::single(cell)));
        self.bring_into_view(cell);
    }

    /// Focuses and scrolls to a cell; when its row is not rendered (a large matrix renders only
    /// the rows near the view), scrolls there first and focuses it once it is drawn.
    pub fn bring_into_view(&self, cell: CellRef) {
        if !focus_cell(cell, true) {
            self.pending_row.set(Some(cell.activity));
        }
    }
}

impl Default for GridState {
    fn default() -> Self {
        GridState::new()
    }
}

#[component]
pub fn MatrixGrid() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = use_context::<GridState>().unwrap_or_else(|| {
        let grid = GridState::new();
        provide_context(grid);
        grid
    });

    // One index of the findings per change, shared by the header and the rows.
    let index = Memo::new_with_compare(
        move |_| Arc::new(workshop.findings.with(|f| FindingIndex::new(f))),
        |_, _| true,
    );
    let header = Memo::new(move |_| {
        workshop
            .matrix
            .with(|m| index.with(|index| header_cells(m, index)))
    });
    let columns = Memo::new(move |_| Arc::new(workshop.matrix.with(Columns::of)));
    let rows = Memo::new(move |previous: Option<&Vec<KeyedRow>>| {
        let filter = grid.filter();
        workshop.matrix.with(|m| {
            index.with(|index| body_rows(m, index, &filter, previous.map_or(&[], Vec::as_slice)))
        })
    });
    let shape = Memo::new(move |_| {
        let selection = grid.selection.get();
        rows.track();
        let layout = grid.layout(workshop);
        SelectionShape {
            cells: selection.map(|s| layout.cells(s)).unwrap_or_default(),
            focus: selection
                .map(|s| s.focus)
                .filter(|f| layout.contains(*f))
                .or_else(|| layout.first()),
            selected: selection.is_some(),
        }
    });
    // Large matrices render only the rows near the view, between two spacer rows that keep the
    // scroll height: (first row, end row, pixels above, pixels below).
    let window = Memo::new(move |_| {
        let len = rows.with(Vec::len);
        if len <= VIRTUAL_FROM || grid.printing.get() {
            return (0, len, 0.0, 0.0);
        }
        let (top, height) = grid.viewport.get();
        let px = grid.row_px.get().max(1.0);
        let first = ((top / px) as usize).saturating_sub(OVERSCAN).min(len);
        let end = (first + (height / px).ceil() as usize + 2 * OVERSCAN).min(len);
        (first, end, first as f64 * px, (len - end) as f64 * px)
    });
    let scroller = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(div) = scroller.get_untracked() {
            grid.viewport
                .set((f64::from(div.scroll_top()), f64::from(div.client_height())));
        }
    };
    Effect::new(move |_| {
        // Once rows are drawn: the viewport's size, and the height of a row.
        window.track();
        request_animation_frame(move || {
            measure();
            let row = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector("table.matrix tr[data-activity-row]")
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(row) = row {
                let px = f64::from(row.offset_height());
                if px > 0.0 && (px - grid.row_px.get_untracked()).abs() > 0.5 {
                    grid.row_px.set(px);
                }
            }
        });
    });
    // Reaching a row that is not rendered: scroll to it, then focus the selected cell.
    Effect::new(move |_| {
        let Some(activity) = grid.pending_row.get() else {
            return;
        };
        grid.pending_row.set(None);
        let index = rows.with_untracked(|r| {
            r.iter()
                .position(|k| matches!(*k.row, GridRow::Activity { id, .. } if id == activity))
        });
        if let (Some(index), Some(div)) = (index, scroller.get_untracked()) {
            let px = grid.row_px.get_untracked();
            let target = (index as f64 * px - f64::from(div.client_height()) / 3.0).max(0.0);
            div.set_scroll_top(target as i32);
            measure();
            request_animation_frame(move || {
                if let Some(selection) = grid.selection.get_untracked() {
                    let _ = focus_cell(selection.focus, true);
                }
            });
        }
    });

    let applied = StoredValue::new(SelectionShape::default());
    Effect::new(move |_| {
        rows.track();
        window.track();
        shape.with(|now| {
            apply_selection(&applied.get_value(), now);
            applied.set_value(now.clone());
        });
    });
    // The findings of the focused cell, explained next to it while the grid has focus: what a
    // tooltip shows on hover, for the keyboard. Screen readers get it as the cell's description.
    let grid_focused = RwSignal::new(false);
    let callout = Memo::new(move |_| {
        let focus = shape.with(|s| s.focus.filter(|_| s.selected))?;
        let notes: Vec<Note> = index.with(|i| i.notes_for(focus).into_iter().cloned().collect());
        (!notes.is_empty()).then_some((focus, notes))
    });
    let callout_box = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let shown = callout.with(|c| c.as_ref().map(|(cell, _)| *cell));
        rows.track();
        if let Some(cell) = shown {
            request_animation_frame(move || place_callout(callout_box, scroller, cell));
        }
    });
    let callout_hidden =
        move || !grid_focused.get() || grid.picker.get() || callout.with(Option::is_none);

    let picker = move || {
        let open = grid.picker.get();
        let focus = grid.selection.get().map(|s| s.focus);
        match (open, focus) {
            (true, Some(cell)) => Some(view! { <LetterPicker cell=cell /> }),
            _ => None,
        }
    };

    // Keep DOM focus on the focused cell: it moves with the selection, and an edit re-renders the
    // row under it.
    Effect::new(move |_| {
        grid.selection.track();
        rows.track();
        // Read the selection when the frame comes: keys pressed meanwhile may have moved it.
        request_animation_frame(move || {
            if let Some(selection) = grid.selection.get_untracked() {
                let _ = focus_cell(selection.focus, false);
            }
        });
    });

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| on_key(workshop, grid, ev);
    let on_mousedown = move |ev: leptos::ev::MouseEvent| {
        let Some(cell) = cell_of_event(&ev) else {
            return;
        };
        if ev.button() != 0 {
            return;
        }
        grid.picker.set(false);
        grid.dragging.set(true);
        let anchor = match (ev.shift_key(), grid.selection.get_untracked()) {
            (true, Some(s)) => s.anchor,
            _ => cell,
        };
        grid.selection.set(Some(Selection {
            anchor,
            focus: cell,
        }));
    };
    let on_mouseover = move |ev: leptos::ev::MouseEvent| {
        if !grid.dragging.get_untracked() {
            return;
        }
        if let (Some(cell), Some(s)) = (cell_of_event(&ev), grid.selection.get_untracked())
            && s.focus != cell
        {
            grid.selection.set(Some(Selection {
                anchor: s.anchor,
                focus: cell,
            }));
        }
    };
    // Focus arriving on a cell (Tab into the grid, a click) selects it.
    let on_focusout = move |_| grid_focused.set(false);
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        grid_focused.set(true);
        let Some(cell) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| cell_of_element(&e))
        else {
            return;
        };
        if grid.selection.get_untracked().map(|s| s.focus) != Some(cell)
            && !grid.dragging.get_untracked()
        {
            grid.selection.set(Some(Selection::single(cell)));
        }
    };
    let _release = window_event_listener(leptos::ev::mouseup, move |_| grid.dragging.set(false));
    // Paper shows every row. The rows are rendered in the microtasks that follow the event,
    // before the browser lays the page out for printing.
    let _before_print =
        window_event_listener(leptos::ev::beforeprint, move |_| grid.printing.set(true));
    let _after_print =
        window_event_listener(leptos::ev::afterprint, move |_| grid.printing.set(false));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Ok(Some(toggle)) = target.closest("[data-group-toggle]")
            && let Some(id) = toggle
                .get_attribute("data-group-toggle")
                .and_then(|v| v.parse().ok())
        {
            grid.collapsed.update(|c| {
                let id = GroupId(id);
                if !c.remove(&id) {
                    c.insert(id);
                }
            });
        }
    };

    // Double-click on a name renames it in place.
    let on_dblclick = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let id_of = |attribute: &str| {
            target
                .closest(&format!("[{attribute}]"))
                .ok()
                .flatten()
                .and_then(|e| e.get_attribute(attribute))
                .and_then(|v| v.parse::<u32>().ok())
        };
        let renaming = if let Some(id) = id_of("data-rename-group") {
            Some(Renaming::Group(GroupId(id)))
        } else if let Some(id) = id_of("data-rename-activity") {
            Some(Renaming::Activity(ActivityId(id)))
        } else {
            id_of("data-rename-role").map(|id| Renaming::Role(RoleId(id)))
        };
        if renaming.is_some() {
            grid.renaming.set(renaming);
        }
    };

    view! {
        // The highlighted role's column, as one style rule instead of a reactive node per cell.
        <style>
            {move || {
                grid.highlight_role
                    .get()
                    .map(|role| {
                        format!(
                            "table.matrix td[data-role=\"{}\"]:not(.active) {{ box-shadow: inset 3px 0 0 var(--accent), inset -3px 0 0 var(--accent); }}",
                            role.0,
                        )
                    })
                    .unwrap_or_default()
            }}
        </style>
        <div class="grid-scroll" node_ref=scroller on:scroll=move |_| measure()>
            <table
                class=move || {
                    if rows.with(Vec::len) > VIRTUAL_FROM { "matrix virtual" } else { "matrix" }
                }
                aria-label="RACI matrix"
                on:keydown=on_keydown
                on:mousedown=on_mousedown
                on:mouseover=on_mouseover
                on:click=on_click
                on:focusin=on_focusin
                on:focusout=on_focusout
                on:dblclick=on_dblclick
            >
                <thead>{move || header.with(|cells| header_row(cells, grid))}</thead>
                <tbody>
                    {move || spacer(window.get().2)}
                    <For
                        each=move || {
                            let (first, end, _, _) = window.get();
                            rows.with(|r| r.get(first..end).map(<[KeyedRow]>::to_vec).unwrap_or_default())
                        }
                        key=|row| row.key
                        children=move |row| render_row(&row.row, &columns.get_untracked(), grid)
                    />
                    {move || spacer(window.get().3)}
                </tbody>
            </table>
            // A table has no selected state for screen readers to read: a range is told here.
            <p class="visually-hidden" role="status">
                {move || {
                    let cells = shape.with(|s| s.cells.len());
                    (cells > 1).then(|| format!("{cells} cells selected"))
                }}
            </p>
            <div
                class="cell-callout"
                id="cell-callout"
                role="tooltip"
                node_ref=callout_box
                hidden=callout_hidden
            >
                {move || callout.with(|c| c.as_ref().map(|(_, notes)| callout_notes(notes)))}
            </div>
            {picker}
        </div>
    }
}

/// The column headers. Each name turns into a text field while it is renamed, without
/// re-rendering the rest of the header.
fn header_row(cells: &[HeaderCell], grid: GridState) -> impl IntoView + use<> {
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

fn render_row(row: &GridRow, columns: &Columns, grid: GridState) -> AnyView {
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
                    </th>
                    {cells}
                </tr>
            }
            .into_any()
        }
    }
}

/// Handles the keyboard on the grid, as a spreadsheet would.
fn on_key(workshop: Workshop, grid: GridState, ev: leptos::ev::KeyboardEvent) {
    let Some(selection) = grid.selection.get_untracked() else {
        return;
    };
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    if let Some(edit) = structure_key(workshop, grid, selection, &ev) {
        ev.prevent_default();
        workshop.apply_or_explain(edit);
        refocus(grid);
        return;
    }
    let step = match key.as_str() {
        "ArrowUp" => Some(Move::Up),
        "ArrowDown" => Some(Move::Down),
        "ArrowLeft" => Some(Move::Left),
        "ArrowRight" => Some(Move::Right),
        "Tab" if ev.shift_key() => Some(Move::Previous),
        "Tab" => Some(Move::Next),
        "Enter" if ev.shift_key() => Some(Move::Up),
        "Enter" => Some(Move::Down),
        "Home" if command => Some(Move::GridStart),
        "End" if command => Some(Move::GridEnd),
        "Home" => Some(Move::RowStart),
        "End" => Some(Move::RowEnd),
        _ => None,
    };
    if let Some(step) = step {
        ev.prevent_default();
        grid.picker.set(false);
        let layout = grid.layout(workshop);
        let focus = layout.moved(selection.focus, step);
        let extend = ev.shift_key() && key.starts_with("Arrow");
        let anchor = if extend { selection.anchor } else { focus };
        grid.selection.set(Some(Selection { anchor, focus }));
        grid.bring_into_view(focus);
        return;
    }
    if command {
        return;
    }
    match key.as_str() {
        "Delete" | "Backspace" => {
            ev.prevent_default();
            let cells = grid.layout(workshop).cells(selection);
            let edits = cells
                .into_iter()
                .map(|c| Edit::SetCell {
                    activity: c.activity,
                    role: c.role,
                    cell: Cell::EMPTY,
                })
                .collect();
            workshop.apply_or_explain(Edit::Batch { edits });
            refocus(grid);
        }
        " " => {
            ev.prevent_default();
            grid.picker.update(|open| *open = !*open);
        }
        "Escape" => grid.picker.set(false),
        _ => {
            let mut chars = key.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(letter) = Letter::from_char(c)
                && workshop.matrix.with_untracked(|m| m.scheme.has(letter))
            {
                ev.prevent_default();
                let cells = grid.layout(workshop).cells(selection);
                toggle_in(workshop, &cells, letter);
                refocus(grid);
            }
        }
    }
}

/// F2 renames the activity (Shift+F2 the role) of the focused cell; Alt+arrows move its row or
/// column. Returns the edit for a move.
fn structure_key(
    workshop: Workshop,
    grid: GridState,
    selection: Selection,
    ev: &leptos::ev::KeyboardEvent,
) -> Option<Edit> {
    let focus = selection.focus;
    match ev.key().as_str() {
        "F2" => {
            ev.prevent_default();
            grid.renaming.set(Some(if ev.shift_key() {
                Renaming::Role(focus.role)
            } else {
                Renaming::Activity(focus.activity)
            }));
            None
        }
        "ArrowUp" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_activity(m, focus.activity, -1)),
        "ArrowDown" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_activity(m, focus.activity, 1)),
        "ArrowLeft" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_role(m, focus.role, -1)),
        "ArrowRight" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_role(m, focus.role, 1)),
        _ => None,
    }
}

/// Toggles `letter` in every cell: adds it to all unless all already hold it, then removes it.
pub fn toggle_in(workshop: Workshop, cells: &[CellRef], letter: Letter) {
    let all_have = workshop.matrix.with_untracked(|m| {
        cells.iter().all(|c| {
            m.cell(c.activity, c.role)
                .is_some_and(|cell| cell.letters.contains(letter))
        })
    });
    let edits = workshop.matrix.with_untracked(|m| {
        cells
            .iter()
            .filter_map(|c| {
                let cell = m.cell(c.activity, c.role)?;
                let letters = if all_have {
                    cell.letters.without(letter)
                } else {
                    cell.letters.with(letter)
                };
                (letters != cell.letters || cell.unrecognised.is_some()).then(|| Edit::SetCell {
                    activity: c.activity,
                    role: c.role,
                    cell: Cell::letters(letters),
                })
            })
            .collect::<Vec<_>>()
    });
    if !edits.is_empty() {
        workshop.apply_or_explain(Edit::Batch { edits });
    }
}

/// A small picker of the scheme's letters for the focused cell, for pointer users.
#[component]
fn LetterPicker(cell: CellRef) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let letters = move || {
        workshop.matrix.with(|m| {
            let current = m.cell(cell.activity, cell.role).cloned().unwrap_or_default();
            m.scheme
                .letters()
                .iter()
                .map(|(letter, name)| {
                    let letter = *letter;
                    let on = current.letters.contains(letter);
                    view! {
                        <button
                            class=format!("button picker-letter letter-choice-{letter}")
                            aria-pressed=on.to_string()
                            on:click=move |_| {
                                let cells = grid
                                    .selection
                                    .get_untracked()
                                    .map(|s| grid.layout(workshop).cells(s))
                                    .unwrap_or_else(|| vec![cell]);
                                toggle_in(workshop, &cells, letter);
                            }
                        >
                            <span class=format!("letter letter-{letter}")>{letter.to_string()}</span>
                            {*name}
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let title = move || {
        workshop.matrix.with(|m| {
            let role = m.role(cell.role).map_or("", |r| r.name.as_str()).to_owned();
            let activity = m
                .activity(cell.activity)
                .map_or("", |a| a.name.as_str())
                .to_owned();
            format!("{role}, {activity}")
        })
    };
    view! {
        <div class="letter-picker" role="dialog" aria-label="Pick letters">
            <p class="picker-title">{title}</p>
            <div class="picker-letters">{letters}</div>
            <div class="picker-actions">
                <button
                    class="button button-quiet"
                    on:click=move |_| {
                        let edits = grid
                            .selection
                            .get_untracked()
                            .map(|s| grid.layout(workshop).cells(s))
                            .unwrap_or_else(|| vec![cell])
                            .into_iter()
                            .map(|c| Edit::SetCell { activity: c.activity, role: c.role, cell: Cell::EMPTY })
                            .collect();
                        workshop.apply_or_explain(Edit::Batch { edits });
                    }
                >
                    "Clear"
                </button>
                <button
                    class="button"
                    on:click=move |_| {
                        grid.picker.set(false);
                        let _ = focus_cell(cell, false);
                    }
                >
                    "Done"
                </button>
            </div>
        </div>
    }
}

/// The cell a mouse event happened on.
fn cell_of_event(ev: &leptos::ev::MouseEvent) -> Option<CellRef> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    cell_of_element(&target)
}

fn cell_of_element(element: &web_sys::Element) -> Option<CellRef> {
    let td = element.closest("td[data-activity]").ok()??;
    Some(CellRef {
        activity: ActivityId(td.get_attribute("data-activity")?.parse().ok()?),
        role: RoleId(td.get_attribute("data-role")?.parse().ok()?),
    })
}

/// Focuses the selection's cell once the edit that re-renders its row is on screen.
pub fn refocus(grid: GridState) {
    request_animation_frame(move || {
        if let Some(selection) = grid.selection.get_untracked() {
            grid.bring_into_view(selection.focus);
        }
    });
}

/// Moves DOM focus to a cell (and scrolls to it). Returns false when the cell is not rendered.
pub fn focus_cell(cell: CellRef, scroll: bool) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(Some(element)) = document.query_selector(&cell_selector(cell)) else {
        return false;
    };
    // Never take focus from a text field (a name being renamed, the search box); otherwise only
    // when focus is in the grid already, or when asked to go there.
    let active = document.active_element();
    let typing = active
        .as_ref()
        .is_some_and(|a| matches!(a.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
    let in_grid = active.is_some_and(|a| a.closest("table.matrix").ok().flatten().is_some());
    if typing || !(scroll || in_grid) {
        return true;
    }
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
        if scroll {
            element.scroll_into_view_with_bool(false);
        }
    }
    true
}

fn header_class(base: &str, worst: Option<Severity>) -> String {
    match worst {
        Some(severity) => format!("{base} has-{severity}"),
        None => base.to_owned(),
    }
}

fn cell_class(cell: &Cell, marks: Option<&Marks>) -> String {
    let mut class = String::from("cell");
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
        lines.extend(marks.notes.iter().map(Note::line));
    }
    lines.join("\n")
}

/// A name that turns into a text field while it is renamed, without re-rendering around it.
fn renamable(
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
fn callout_notes(notes: &[Note]) -> impl IntoView + use<> {
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

/// Puts the callout under `cell` (above it when there is no room below), inside the grid's
/// scrolling box so that it scrolls with the cell.
fn place_callout(
    callout: NodeRef<leptos::html::Div>,
    scroller: NodeRef<leptos::html::Div>,
    cell: CellRef,
) {
    let (Some(callout), Some(scroller)) = (callout.get_untracked(), scroller.get_untracked())
    else {
        return;
    };
    let Some(td) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&cell_selector(cell)).ok().flatten())
    else {
        return;
    };
    let area = scroller.get_bounding_client_rect();
    let target = td.get_bounding_client_rect();
    let height = f64::from(callout.offset_height());
    let width = f64::from(callout.offset_width());
    let (scroll_top, scroll_left) = (
        f64::from(scroller.scroll_top()),
        f64::from(scroller.scroll_left()),
    );
    let visible_bottom = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .map_or(area.bottom(), |h| h.min(area.bottom()));
    let below = target.bottom() + height + 8.0 <= visible_bottom;
    let top = if below {
        target.bottom() - area.top() + scroll_top + 4.0
    } else {
        target.top() - area.top() + scroll_top - height - 4.0
    };
    let room = f64::from(scroller.client_width()) + scroll_left - width - 8.0;
    let left = (target.left() - area.left() + scroll_left)
        .min(room)
        .max(scroll_left + 4.0);
    let _ = callout.set_attribute("style", &format!("top: {top:.0}px; left: {left:.0}px"));
}

/// A severity mark that does not rely on colour alone: each severity has its own symbol.
fn mark(marks: Option<&Marks>) -> Option<impl IntoView + use<>> {
    marks.and_then(|m| m.worst).map(|severity| {
        view! { <span class=format!("mark mark-{severity}") aria-hidden="true">{symbol(severity)}</span> }
    })
}

/// Each severity's symbol, so that no mark relies on colour alone.
fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Conflict => "!",
        Severity::Gap => "?",
        Severity::Warning => "i",
    }
}
