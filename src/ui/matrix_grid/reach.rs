//! Reaching what is not drawn: a large matrix renders only the rows and columns near the view, so
//! a cell or a role's column that the keyboard, a finding or the role view asks for is scrolled to
//! first, and focused once it is drawn.

use std::sync::Arc;

use leptos::prelude::*;

use crate::grid::{ColumnWindow, Columns, HorizontalView, RowSlot};
use crate::model::RoleId;

use super::super::dom::{focus_cell, scroll_into_grid_view};
use super::super::grid_state::GridState;

/// What the grid draws now, for scrolling to what it does not.
#[derive(Clone, Copy)]
pub(super) struct Drawn {
    pub slots: Memo<Vec<RowSlot>>,
    /// (first row, end row, pixels above, pixels below).
    pub rows: Memo<(usize, usize, f64, f64)>,
    pub columns: Memo<Arc<Columns>>,
    pub window: Memo<ColumnWindow>,
    pub scroller: NodeRef<leptos::html::Div>,
}

/// The grid's horizontal view as the column window reads it.
pub(super) fn horizontal_view(grid: GridState) -> HorizontalView {
    let (scroll_left, width) = grid.h_viewport.get();
    let (corner, column) = grid.column_px.get();
    HorizontalView {
        scroll_left,
        width,
        corner,
        column,
    }
}

/// A cell whose row or column is not rendered: scroll to it, then focus the selected cell.
pub(super) fn follow_pending(grid: GridState, drawn: Drawn, measure: impl Fn() + Copy + 'static) {
    Effect::new(move |_| {
        let Some(cell) = grid.pending.get() else {
            return;
        };
        grid.pending.set(None);
        let Some(div) = drawn.scroller.get_untracked() else {
            return;
        };
        let row = drawn.slots.with_untracked(|r| {
            r.iter()
                .position(|s| matches!(*s, RowSlot::Activity { id, .. } if id == cell.activity))
        });
        let (first, end, _, _) = drawn.rows.get_untracked();
        if let Some(index) = row.filter(|i| !(first..end).contains(i)) {
            let px = grid.row_px.get_untracked();
            let target = (index as f64 * px - f64::from(div.client_height()) / 3.0).max(0.0);
            div.set_scroll_top(target as i32);
        }
        scroll_to_column(grid, drawn, cell.role);
        measure();
        request_animation_frame(move || {
            if let Some(selection) = grid.selection.get_untracked() {
                let _ = focus_cell(selection.focus, true);
            }
        });
    });
}

/// Scrolls the grid so that `role`'s column is drawn, if it is not.
fn scroll_to_column(grid: GridState, drawn: Drawn, role: RoleId) {
    let Some(div) = drawn.scroller.get_untracked() else {
        return;
    };
    let column = drawn
        .columns
        .with_untracked(|c| c.roles.iter().position(|(id, _)| *id == role));
    if let Some(column) = column.filter(|c| !drawn.window.get_untracked().contains(*c)) {
        let view = untrack(|| horizontal_view(grid));
        div.set_scroll_left(ColumnWindow::scroll_to(column, view) as i32);
    }
}

/// The role view's role: its column is brought into view, beside the sticky Activity column
/// (drawn first if it is out of the window).
pub(super) fn follow_highlight(grid: GridState, drawn: Drawn, measure: impl Fn() + Copy + 'static) {
    Effect::new(move |_| {
        let Some(role) = grid.highlight_role.get() else {
            return;
        };
        let header = move || {
            web_sys::window().and_then(|w| w.document()).and_then(|d| {
                d.query_selector(&format!("table.matrix th[data-rename-role=\"{}\"]", role.0))
                    .ok()
                    .flatten()
            })
        };
        request_animation_frame(move || {
            if let Some(header) = header() {
                scroll_into_grid_view(&header);
                return;
            }
            scroll_to_column(grid, drawn, role);
            measure();
            request_animation_frame(move || {
                if let Some(header) = header() {
                    scroll_into_grid_view(&header);
                }
            });
        });
    });
}
