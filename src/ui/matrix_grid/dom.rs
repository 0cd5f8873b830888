//! The few imperative DOM touches of the grid: marking the selection on the cells it changes,
//! moving focus, finding the cell of an event, and placing the callout.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::grid::CellRef;
use crate::model::ActivityId;
use crate::model::RoleId;

use super::GridState;

/// The selection as the cells show it.
#[derive(Clone, Default, PartialEq)]
pub(super) struct SelectionShape {
    pub cells: Vec<CellRef>,
    /// The focused cell, or the first cell when nothing is selected: the grid's one tab stop.
    pub focus: Option<CellRef>,
    /// Whether a cell is selected at all (the tab stop is outlined only then).
    pub selected: bool,
}

/// Marks the selected cells and the tab stop in the DOM: unmarks what `before` marked, then marks
/// `now`. Rows re-rendered by an edit come back unmarked, so `now` is always applied in full.
pub(super) fn apply_selection(before: &SelectionShape, now: &SelectionShape) {
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
pub(super) fn cell_selector(cell: CellRef) -> String {
    format!(
        "td[data-activity=\"{}\"][data-role=\"{}\"]",
        cell.activity.0, cell.role.0
    )
}

/// The cell a mouse event happened on.
pub(super) fn cell_of_event(ev: &leptos::ev::MouseEvent) -> Option<CellRef> {
    cell_of_element(&event_element(ev)?)
}

/// The element an event happened on.
pub fn event_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into().ok()
}

pub(super) fn cell_of_element(element: &web_sys::Element) -> Option<CellRef> {
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

/// Puts the callout under `cell` (above it when there is no room below), inside the grid's
/// scrolling box so that it scrolls with the cell.
pub(super) fn place_callout(
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
