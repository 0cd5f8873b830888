//! The few imperative DOM touches of the page: marking the selection on the cells it changes,
//! moving focus, finding the cell of an event, and placing the callout.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::grid::CellRef;
use crate::model::ActivityId;
use crate::model::RoleId;

/// The selection as the cells show it.
#[derive(Clone, Default, PartialEq)]
pub(super) struct SelectionShape {
    pub cells: Vec<CellRef>,
    /// The focused cell, or the first cell when nothing is selected: the grid's one tab stop.
    pub focus: Option<CellRef>,
    /// Whether a cell is selected at all (the tab stop is outlined only then).
    pub selected: bool,
}

/// Marks the selected cells and the tab stop in the DOM: unmarks what `before` marked and `now`
/// does not, then marks `now` where a cell lacks its mark. Rows drawn anew (a scroll, a new
/// column) come back unmarked, so `now` is checked in full; cells already marked are not touched,
/// so that an edit, which leaves its cells in place, costs no style work here.
pub(super) fn apply_selection(before: &SelectionShape, now: &SelectionShape) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let find = |cell: CellRef| document.query_selector(&cell_selector(cell)).ok().flatten();
    let header = |cell: CellRef| {
        let selector = format!("th[data-rename-role=\"{}\"]", cell.role.0);
        document.query_selector(&selector).ok().flatten()
    };
    for cell in before.cells.iter().filter(|c| !now.cells.contains(c)) {
        if let Some(td) = find(*cell) {
            let _ = td.class_list().remove_1("selected");
        }
    }
    let focus_moved = before.focus != now.focus;
    if focus_moved || !now.selected {
        // The focused cell's column header shows its whole name (compact columns may cut it short).
        if let Some(th) = before.focus.and_then(header) {
            let _ = th.class_list().remove_1("focus-column");
        }
    }
    if focus_moved && let Some(td) = before.focus.and_then(find) {
        let _ = td.class_list().remove_1("active");
        let _ = td.set_attribute("tabindex", "-1");
        let _ = td.remove_attribute("aria-describedby");
    }
    for cell in &now.cells {
        if let Some(td) = find(*cell) {
            ensure_class(&td, "selected", true);
        }
    }
    if let Some(td) = now.focus.and_then(find) {
        mark_tab_stop(&td, now.selected);
        if now.selected
            && let Some(th) = now.focus.and_then(header)
        {
            ensure_class(&th, "focus-column", true);
        }
    }
}

/// Marks the selection on the cells of one row that were just drawn (the column window moved):
/// what `apply_selection` did to the cells it found, for those it could not find then.
pub(super) fn mark_row(tr: &web_sys::Element, activity: ActivityId, shape: &SelectionShape) {
    let find = |role: RoleId| {
        tr.query_selector(&format!("td[data-role=\"{}\"]", role.0))
            .ok()
            .flatten()
    };
    for cell in shape.cells.iter().filter(|c| c.activity == activity) {
        if let Some(td) = find(cell.role) {
            ensure_class(&td, "selected", true);
        }
    }
    if let Some(focus) = shape.focus.filter(|f| f.activity == activity)
        && let Some(td) = find(focus.role)
    {
        mark_tab_stop(&td, shape.selected);
    }
}

/// Makes `td` the grid's tab stop, outlined while a cell is selected; writes only what differs.
fn mark_tab_stop(td: &web_sys::Element, selected: bool) {
    ensure_class(td, "active", selected);
    if td.get_attribute("tabindex").as_deref() != Some("0") {
        let _ = td.set_attribute("tabindex", "0");
        let _ = td.set_attribute("aria-describedby", "cell-callout");
    }
}

/// Adds or removes `class` only when the element does not already say so (no style work then).
fn ensure_class(element: &web_sys::Element, class: &str, on: bool) {
    let classes = element.class_list();
    if classes.contains(class) != on {
        let _ = if on {
            classes.add_1(class)
        } else {
            classes.remove_1(class)
        };
    }
}

/// Whether the keyboard is on `cell` already.
pub(super) fn is_focused(cell: CellRef) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|active| cell_of_element(&active))
        == Some(cell)
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

/// Moves DOM focus to a cell (and scrolls to it). Returns false when the cell is not rendered.
pub fn focus_cell(cell: CellRef, scroll: bool) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    // An edit leaves the focused cell in place: focusing it again would only cost a layout.
    if !scroll && is_focused(cell) {
        return true;
    }
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
        // The browser's own scrolling on focus ignores the sticky Activity column and header row
        // and can leave the cell under them: scroll here instead.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
        if scroll {
            scroll_into_grid_view(&element);
        }
    }
    true
}

/// Scrolls the grid so that `element` (a cell or a column header) shows whole beside the sticky
/// Activity column and under the sticky header row, then scrolls the page to it if needed.
pub fn scroll_into_grid_view(element: &web_sys::Element) {
    let Some(scroller) = element
        .closest(".grid-scroll")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let sticky = |selector: &str| {
        scroller
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|e| e.get_bounding_client_rect())
    };
    let area = scroller.get_bounding_client_rect();
    let target = element.get_bounding_client_rect();
    let inner_left = area.left() + f64::from(scroller.client_left());
    let inner_top = area.top() + f64::from(scroller.client_top());
    let corner = sticky("thead th.corner").map_or(0.0, |r| r.width());
    let in_header = element.closest("thead").ok().flatten().is_some();
    let head = if in_header {
        0.0
    } else {
        sticky("thead").map_or(0.0, |r| r.height())
    };
    let is_row_header = element
        .matches("th[scope=\"row\"], th.corner")
        .unwrap_or(false);
    let (left, right) = (
        inner_left + if is_row_header { 0.0 } else { corner },
        inner_left + f64::from(scroller.client_width()),
    );
    let (top, bottom) = (
        inner_top + head,
        inner_top + f64::from(scroller.client_height()),
    );
    let shift = |start: f64, end: f64, from: f64, to: f64| {
        if start < from {
            start - from
        } else if end > to {
            (end - to).min(start - from)
        } else {
            0.0
        }
    };
    let dx = shift(target.left(), target.right(), left, right);
    let dy = shift(target.top(), target.bottom(), top, bottom);
    if dx != 0.0 {
        scroller.set_scroll_left(scroller.scroll_left() + dx.round() as i32);
    }
    if dy != 0.0 {
        scroller.set_scroll_top(scroller.scroll_top() + dy.round() as i32);
    }
    // The page itself (the grid is below the fold on a small screen): only as far as needed.
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Whether the grid has columns beyond its left and right edges, for the edge shadows that show
/// that the matrix goes on.
pub(super) fn overflow(scroller: &web_sys::HtmlElement) -> (bool, bool) {
    let left = scroller.scroll_left();
    let hidden = scroller.scroll_width() - scroller.client_width();
    (left > 1, hidden - left > 1)
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
    let (scroll_top, scroll_left) = (
        f64::from(scroller.scroll_top()),
        f64::from(scroller.scroll_left()),
    );
    // Through the style object, not a style attribute, which the page's CSP (style-src 'self') refuses.
    let style = web_sys::HtmlElement::style(&callout);
    // Measured at the left, where the grid's whole width is free, then held at that width: an
    // absolute box's room is counted from the unscrolled edge, so placed beside a cell of a grid
    // scrolled sideways it would shrink to its longest word.
    let _ = style.remove_property("width");
    let _ = style.set_property("left", "0px");
    let height = f64::from(callout.offset_height());
    let width = f64::from(callout.offset_width());
    let _ = style.set_property("width", &format!("{width:.0}px"));
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
    let _ = style.set_property("top", &format!("{top:.0}px"));
    let _ = style.set_property("left", &format!("{left:.0}px"));
}

/// Moves DOM focus to the element with `id`, if it is on the page.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Pixels to the rem: 16, or 20 in large type.
pub fn root_font_px() -> f64 {
    web_sys::window()
        .and_then(|w| {
            let root = w.document()?.document_element()?;
            let style = w.get_computed_style(&root).ok()??;
            style.get_property_value("font-size").ok()
        })
        .and_then(|size| size.trim_end_matches("px").parse::<f64>().ok())
        .filter(|px| *px > 0.0)
        .unwrap_or(16.0)
}

/// `performance.now()`, or 0 where there is none.
pub fn now_ms() -> f64 {
    let performance = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    js_sys::Reflect::get(&performance, &"now".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
        .and_then(|f| f.call0(&performance).ok())
        .and_then(|t| t.as_f64())
        .unwrap_or(0.0)
}

/// Records how long the work started at `start` took as a User Timing measure called `name`
/// (`performance.measure(name, { start })`): scripts/bench reads these to tell saving's share of
/// the main thread from an edit's.
pub fn measure_since(name: &str, start: f64) {
    let Some(performance) =
        web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
    else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    if let Some(measure) = js_sys::Reflect::get(&performance, &"measure".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
    {
        let _ = measure.call2(&performance, &name.into(), &options);
    }
}
