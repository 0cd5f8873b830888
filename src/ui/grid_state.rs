//! The grid's view state (selection, collapsed groups, filters, what is renamed, the rows in
//! view): provided through context by `App`, so the grid, the panels and storage share it without
//! importing the grid's component.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::grid::{CellRef, Layout, Renaming, RowFilter, Selection};
use crate::model::{ActivityId, GroupId, RoleId};

use super::dom::{focus_cell, is_focused};
use super::state::Workshop;

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
    /// What the last paste or copy did, for the status line under the grid's commands.
    pub status: RwSignal<String>,
    /// An activity or role just added, while its name is first edited: Escape takes it back.
    pub fresh: RwSignal<Option<Renaming>>,
    /// Scroll position and height of the grid's viewport, in pixels: large matrices render only
    /// the rows in (and near) view.
    pub(super) viewport: RwSignal<(f64, f64)>,
    /// Height of one row in pixels, measured once rows are on screen.
    pub(super) row_px: RwSignal<f64>,
    /// Horizontal scroll position and width of the viewport, in pixels: wide matrices render only
    /// the columns in (and near) view.
    pub(super) h_viewport: RwSignal<(f64, f64)>,
    /// Widths of the Activity column and of one role column, measured once they are on screen.
    pub(super) column_px: RwSignal<(f64, f64)>,
    /// A cell that keyboard or a finding wants to reach but whose row or column is not rendered.
    pub(super) pending: RwSignal<Option<CellRef>>,
    /// Mouse button held on a cell: moving over others extends the selection.
    pub(super) dragging: RwSignal<bool>,
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
            fresh: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            viewport: RwSignal::new((0.0, 800.0)),
            row_px: RwSignal::new(44.0),
            h_viewport: RwSignal::new((0.0, 1024.0)),
            // 16rem and 7.5rem at 16 px, with padding and border, until measured.
            column_px: RwSignal::new((256.0, 138.6)),
            pending: RwSignal::new(None),
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

    pub(super) fn filter(&self) -> RowFilter {
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

    /// Focuses and scrolls to a cell; when its row or column is not rendered (a large matrix
    /// renders only the rows and columns near the view), scrolls there first and focuses it once
    /// it is drawn.
    pub fn bring_into_view(&self, cell: CellRef) {
        if !focus_cell(cell, true) {
            self.pending.set(Some(cell));
        }
    }
}

impl Default for GridState {
    fn default() -> Self {
        GridState::new()
    }
}

/// Focuses the selection's cell once an edit is on screen, unless the keyboard is on it still
/// (edits of letters leave their cells in place; new rows and columns are drawn anew).
pub fn refocus(grid: GridState) {
    request_animation_frame(move || {
        if let Some(selection) = grid.selection.get_untracked()
            && !is_focused(selection.focus)
        {
            grid.bring_into_view(selection.focus);
        }
    });
}
