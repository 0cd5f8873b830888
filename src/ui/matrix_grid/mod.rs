//! The matrix as an editable grid: roles as column headers, activities as row headers, groups as
//! collapsible section rows, letters styled per letter, and findings marked on cells and headers.
//!
//! Rows are keyed by what they are (an activity, a group) and an edit updates the cells it changed
//! in place; one delegated handler per event type serves every cell.

use std::sync::Arc;

use leptos::prelude::*;
use rustc_hash::FxHashMap;
use wasm_bindgen::JsCast;

use crate::edit::Parts;
use crate::grid::{
    CellRef, ChangeMarks, ColumnWindow, Columns, FindingIndex, GridRow, KeyedRow, Note, Renaming,
    Selection, body_slots, empty_hint, header_cells, keyed_rows,
};
use crate::model::{ActivityId, GroupId, RoleId};

use super::density::Density;
use super::dom::{
    SelectionShape, apply_selection, cell_of_element, cell_of_event, event_element, focus_cell,
    overflow, place_callout, root_font_px,
};
use super::grid_state::GridState;
use super::review_state::ReviewState;
use super::state::Workshop;

mod keyboard;
mod picker;
mod reach;
pub mod structure;
mod view;

pub use keyboard::LEAVE_TO;
use keyboard::on_key;
use picker::LetterPicker;
use reach::{Drawn, follow_highlight, follow_pending, horizontal_view};
use view::{RowContext, callout_decisions, callout_notes, header_row, render_row, spacer};

/// From this many rows on, only the rows near the view are rendered.
const VIRTUAL_FROM: usize = 150;
/// How long the focus rests on a cell before its callout shows.
const CALLOUT_DELAY: std::time::Duration = std::time::Duration::from_millis(400);
/// Rows rendered beyond each edge of the view, so that scrolling shows no gap.
const OVERSCAN: usize = 15;

#[component]
pub fn MatrixGrid() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();

    // One index of the findings, shared by the header and the rows, updated in place from the
    // places of the findings that changed (copied only if something still held the old one).
    let index = Memo::new_owning(move |old: Option<Arc<FindingIndex>>| {
        let index = workshop.findings.with(|f| match old {
            Some(mut index) => {
                Arc::make_mut(&mut index).update(f);
                index
            }
            None => Arc::new(FindingIndex::of(f)),
        });
        (index, true)
    });
    // What changed since the baseline, while "Show changes" is on; nothing is diffed otherwise.
    let review = use_context::<ReviewState>();
    let changes = Memo::new_with_compare(
        move |_| {
            Arc::new(match review {
                Some(review) if review.show_changes.get() => {
                    review.changes.with(|c| ChangeMarks::new(c))
                }
                _ => ChangeMarks::default(),
            })
        },
        |a, b| a.is_none_or(|a| b.is_none_or(|b| a != b)),
    );
    let header = Memo::new(move |_| {
        workshop.read(Parts::ROLES, |m| {
            index.with(|index| changes.with(|changes| header_cells(m, index, changes)))
        })
    });
    let columns =
        Memo::new(move |_| Arc::new(workshop.read(Parts::ROLES | Parts::SCHEME, Columns::of)));
    // Which rows are shown, cheaply: their content is made only for the rows drawn, below. A
    // letter typed changes none of it (unless only rows with findings are shown), so neither
    // this nor the selection's shape walks the activities again.
    let slots = Memo::new(move |_| {
        let filter = grid.filter();
        workshop.read(Parts::ACTIVITIES | Parts::GROUPS, |m| {
            if filter.only_findings {
                index.with(|index| body_slots(m, index, &filter))
            } else {
                index.with_untracked(|index| body_slots(m, index, &filter))
            }
        })
    });
    let shape = Memo::new(move |_| {
        let selection = grid.selection.get();
        slots.track();
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
        let len = slots.with(Vec::len);
        if len <= VIRTUAL_FROM || grid.printing.get() {
            return (0, len, 0.0, 0.0);
        }
        let (top, height) = grid.viewport.get();
        let px = grid.row_px.get().max(1.0);
        // OVERSCAN rows on each side of the view: at the top, none above and OVERSCAN below.
        let in_view = (top / px) as usize;
        let first = in_view.saturating_sub(OVERSCAN).min(len);
        let end = (in_view + (height / px).ceil() as usize + OVERSCAN).min(len);
        (first, end, first as f64 * px, (len - end) as f64 * px)
    });
    // Wide matrices render only the role columns near the view, between spacer cells that keep
    // every column in its place; a small scroll keeps the window (see `ColumnWindow::for_view`).
    let column_window = Memo::new(move |previous: Option<&ColumnWindow>| {
        let count = columns.with(|c| c.roles.len());
        if grid.printing.get() {
            return ColumnWindow::all(count);
        }
        ColumnWindow::for_view(count, horizontal_view(grid), previous.copied())
    });
    // The rows drawn, with their content and fingerprints; rows that did not change are reused.
    let rows = Memo::new(move |previous: Option<&Vec<KeyedRow>>| {
        let (first, end, _, _) = window.get();
        workshop.matrix.with(|m| {
            index.with(|index| {
                changes.with(|changes| {
                    slots.with(|slots| {
                        let drawn = slots.get(first..end).unwrap_or_default();
                        keyed_rows(
                            m,
                            index,
                            changes,
                            drawn,
                            previous.map_or(&[], Vec::as_slice),
                        )
                    })
                })
            })
        })
    });
    // Each drawn row's content, by key. An edit sets only the rows whose content changed, so
    // the other rows' views are not woken at all (a memo per row would each re-run).
    let drawn: StoredValue<FxHashMap<u64, RwSignal<Arc<GridRow>>>> =
        StoredValue::new(FxHashMap::default());
    Effect::new(move |_| {
        rows.with(|rows| {
            drawn.with_value(|drawn| {
                for row in rows {
                    if let Some(current) = drawn.get(&row.key)
                        && current.try_with_untracked(|c| Arc::ptr_eq(c, &row.row)) == Some(false)
                    {
                        current.try_set(Arc::clone(&row.row));
                    }
                }
            })
        })
    });
    let drawn_count = Memo::new(move |_| rows.with(Vec::len));
    let scroller = NodeRef::<leptos::html::Div>::new();
    // Columns beyond the left and right edges: an edge shadow says the matrix goes on.
    let more = RwSignal::new((false, false));
    // The grid's width in rem: "Fit to width" turns compact when the roles need more.
    let width_rem = RwSignal::new(0.0);
    let measure = move || {
        if let Some(div) = scroller.get_untracked() {
            grid.viewport
                .set((f64::from(div.scroll_top()), f64::from(div.client_height())));
            let horizontal = (f64::from(div.scroll_left()), f64::from(div.client_width()));
            if grid.h_viewport.get_untracked() != horizontal {
                grid.h_viewport.set(horizontal);
            }
            measure_columns(&div, grid);
            let now = overflow(&div);
            if more.get_untracked() != now {
                more.set(now);
            }
            // The room the grid may take: its box hugs a narrow matrix, so that is its parent's.
            let room = div
                .parent_element()
                .map_or(div.client_width(), |parent| parent.client_width());
            let rem = root_font_px();
            let width = (f64::from(room) / rem * 10.0).round() / 10.0;
            if width_rem.get_untracked() != width {
                width_rem.set(width);
            }
        }
    };
    let density = use_context::<Density>();
    let compact = Memo::new(move |_| {
        let choice = density.map(|d| d.0.get()).unwrap_or_default();
        let roles = columns.with(|c| c.roles.len());
        choice.is_compact(roles, width_rem.get())
    });
    let _resize = window_event_listener(leptos::ev::resize, move |_| measure());
    Effect::new(move |_| {
        // Once rows are drawn: the viewport's size, and the height of a row (compact columns
        // change both, and whether columns go on out of view).
        window.track();
        columns.track();
        drawn_count.track();
        compact.track();
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
    // Another matrix starts at its top left, not where the last one was scrolled to.
    Effect::new(move |first: Option<()>| {
        workshop.replaced.track();
        if first.is_some()
            && let Some(div) = scroller.get_untracked()
        {
            div.set_scroll_top(0);
            div.set_scroll_left(0);
            measure();
        }
    });
    let drawn_now = Drawn {
        slots,
        rows: window,
        columns,
        window: column_window,
        scroller,
    };
    follow_pending(grid, drawn_now, measure);
    follow_highlight(grid, drawn_now, measure);

    let applied = StoredValue::new(SelectionShape::default());
    Effect::new(move |_| {
        rows.track();
        window.track();
        column_window.track();
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
        // The room's decisions about the activity (or this cell) explain it too.
        let decisions: Vec<String> = workshop.read(Parts::RECORD, |m| {
            m.record
                .decisions_for(focus.activity, focus.role)
                .into_iter()
                .map(|d| format!("Decision {}: {}", d.date, d.text))
                .collect()
        });
        (!notes.is_empty() || !decisions.is_empty()).then_some((focus, notes, decisions))
    });
    // Like a tooltip, it waits until the focus rests on a cell, so that moving through the grid
    // does not flash it at every step; edits of the cell it explains update it at once.
    let rested_on = RwSignal::new(None::<CellRef>);
    let rest_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let focus = shape.with(|s| s.focus.filter(|_| s.selected));
        if rested_on.get_untracked() == focus {
            return;
        }
        if let Some(timer) = rest_timer.get_value() {
            timer.clear();
        }
        rested_on.set(None);
        let timer = set_timeout_with_handle(move || rested_on.set(focus), CALLOUT_DELAY);
        rest_timer.set_value(timer.ok());
    });
    let callout_box = NodeRef::<leptos::html::Div>::new();
    let callout_shown = move || {
        grid_focused.get()
            && !grid.picker.get()
            && callout
                .with(|c| c.as_ref().map(|(cell, ..)| *cell))
                .is_some_and(|cell| rested_on.get() == Some(cell))
    };
    Effect::new(move |_| {
        rows.track();
        if callout_shown() {
            let cell = callout.with_untracked(|c| c.as_ref().map(|(cell, ..)| *cell));
            if let Some(cell) = cell {
                request_animation_frame(move || place_callout(callout_box, scroller, cell));
            }
        }
    });
    let callout_hidden = move || !callout_shown();

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

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        // Alt+N writes a decision about the selected activity (the code, not the key: on a Mac
        // Option+N types a dead key).
        if ev.alt_key()
            && ev.code() == "KeyN"
            && let Some(review) = review
        {
            ev.prevent_default();
            review.write_decision.set(true);
            return;
        }
        on_key(workshop, grid, ev)
    };
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
        let Some(cell) = event_element(&ev).and_then(|e| cell_of_element(&e)) else {
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
        let Some(target) = event_element(&ev) else {
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
        let Some(target) = event_element(&ev) else {
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

    highlight_column(grid);

    view! {
        <p class="grid-status" role="status">{move || grid.status.get()}</p>
        <div
            class="grid-frame"
            class:more-left=move || more.get().0
            class:more-right=move || more.get().1
        >
        <div class="grid-scroll" node_ref=scroller on:scroll=move |_| measure()>
            <table
                class=move || {
                    let virtual_rows = slots.with(Vec::len) > VIRTUAL_FROM;
                    match (virtual_rows, compact.get()) {
                        (false, false) => "matrix",
                        (true, false) => "matrix virtual",
                        (false, true) => "matrix compact",
                        (true, true) => "matrix virtual compact",
                    }
                }
                aria-label="RACI matrix"
                // Screen readers learn the true column count when only some columns are drawn.
                aria-colcount=move || columns.with(|c| c.roles.len() + 1)
                on:keydown=on_keydown
                on:mousedown=on_mousedown
                on:mouseover=on_mouseover
                on:click=on_click
                on:focusin=on_focusin
                on:focusout=on_focusout
                on:dblclick=on_dblclick
            >
                <thead>
                    {move || {
                        let window = column_window.get();
                        let column_px = grid.column_px.get().1;
                        header.with(|cells| {
                            applied.with_value(|shape| header_row(cells, grid, window, column_px, shape))
                        })
                    }}
                </thead>
                <tbody>
                    {move || spacer(window.get().2)}
                    <For
                        each=move || rows.get()
                        key=|row| row.key
                        children=move |row| {
                            let key = row.key;
                            let current = RwSignal::new(Arc::clone(&row.row));
                            drawn.update_value(|d| {
                                d.insert(key, current);
                            });
                            on_cleanup(move || {
                                drawn.update_value(|d| {
                                    if d.get(&key) == Some(&current) {
                                        d.remove(&key);
                                    }
                                });
                            });
                            let context = RowContext {
                                columns: columns.get_untracked(),
                                window: column_window,
                                applied,
                                grid,
                            };
                            render_row(&row, current.read_only(), context)
                        }
                    />
                    {move || spacer(window.get().3)}
                </tbody>
            </table>
            {move || {
                workshop
                    .matrix
                    .with(|m| {
                        let letters = m.activities.iter().any(|a| a.cells.iter().any(|c| !c.is_empty()));
                        empty_hint(m.activities.len(), m.roles.len(), letters)
                    })
                    .map(|hint| view! { <p class="grid-empty">{hint}</p> })
            }}
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
                {move || {
                    callout.with(|c| {
                        c.as_ref().map(|(_, notes, decisions)| (callout_notes(notes), callout_decisions(decisions)))
                    })
                }}
            </div>
            {picker}
        </div>
        // Shadows at the edges where columns go on out of view (a cue, not a control).
        <div class="overflow-cue overflow-cue-left" aria-hidden="true"></div>
        <div class="overflow-cue overflow-cue-right" aria-hidden="true"></div>
        </div>
    }
}

/// The highlighted role's column, as one style rule instead of a reactive node per cell. The rule
/// lives in a constructed style sheet: the page's CSP (style-src 'self') refuses an inline <style>.
fn highlight_column(grid: GridState) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    Effect::new(move |_| {
        let rule = grid
            .highlight_role
            .get()
            .map(|role| {
                format!(
                    "table.matrix td[data-role=\"{}\"]:not(.active) {{ box-shadow: inset 3px 0 0 var(--accent), inset -3px 0 0 var(--accent); }}",
                    role.0,
                )
            })
            .unwrap_or_default();
        let _ = sheet.replace_sync(&rule);
    });
}

/// The widths of the Activity column and of a drawn role column, as laid out (they change with
/// compact columns and large type): the column window and the header's spacers follow them.
fn measure_columns(scroller: &web_sys::HtmlElement, grid: GridState) {
    let width = |selector: &str| {
        scroller
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|e| e.get_bounding_client_rect().width())
            .filter(|w| *w > 0.0)
    };
    let (corner, column) = grid.column_px.get_untracked();
    let corner_now = width("thead th.corner").unwrap_or(corner);
    let column_now = width("thead th.role-header").unwrap_or(column);
    if (corner_now - corner).abs() > 0.5 || (column_now - column).abs() > 0.01 {
        grid.column_px.set((corner_now, column_now));
    }
}
