//! A view of table cells given as markup, parsed by the browser in one call. Building many cells
//! element by element costs a call into the page per element and per attribute; the HTML parser
//! does the same work natively, many times faster. The markup must be trusted (made by
//! `grid::cells_markup`, which escapes every text it writes).

use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use wasm_bindgen::JsCast;

/// `<td>` elements, as markup, to be placed in a table row.
pub struct RowCells(pub String);

/// The cells: their markup until they are first placed, then the elements, in order.
pub struct RowCellsState {
    markup: Option<String>,
    cells: Vec<web_sys::Element>,
}

impl RowCellsState {
    /// Places the markup before `marker` in `parent` (at its end without one), parsed in place:
    /// one call, where parsing apart and moving each cell in cost one call per cell.
    fn place(&mut self, markup: &str, parent: &Element, marker: Option<&web_sys::Element>) {
        let before = match marker {
            Some(marker) => marker.previous_element_sibling(),
            None => parent.last_element_child(),
        };
        let placed = match marker {
            Some(marker) => marker.insert_adjacent_html("beforebegin", markup),
            None => parent.insert_adjacent_html("beforeend", markup),
        };
        if placed.is_err() {
            return;
        }
        let mut next = match before {
            Some(before) => before.next_element_sibling(),
            None => parent.first_element_child(),
        };
        while let Some(cell) = next {
            if marker == Some(&cell) {
                break;
            }
            next = cell.next_element_sibling();
            self.cells.push(cell);
        }
    }
}

impl Render for RowCells {
    type State = RowCellsState;

    fn build(self) -> Self::State {
        RowCellsState {
            markup: Some(self.0),
            cells: Vec::new(),
        }
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut cells = self.build();
        if state.insert_before_this(&mut cells) {
            state.unmount();
        }
        *state = cells;
    }
}

impl Mountable for RowCellsState {
    fn unmount(&mut self) {
        for cell in &self.cells {
            cell.remove();
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        if let Some(markup) = self.markup.take() {
            match marker.map(|m| m.dyn_ref::<web_sys::Element>()) {
                None => return self.place(&markup, parent, None),
                Some(Some(marker)) => return self.place(&markup, parent, Some(marker)),
                // A text or comment node cannot take markup beside it: parse the cells apart,
                // then move them in.
                Some(None) => self.cells = parse(&markup),
            }
        }
        for cell in &self.cells {
            let _ = parent.insert_before(cell, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match self.cells.first().and_then(|first| first.parent_element()) {
            Some(parent) => {
                child.mount(&parent, self.cells.first().map(|c| c.unchecked_ref()));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<Element> {
        self.cells.clone()
    }
}

/// The cells of `markup`, parsed apart from the page.
fn parse(markup: &str) -> Vec<web_sys::Element> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    // A detached row parses its inner HTML as a row's content: `<td>` elements stay cells.
    let Ok(row) = document.create_element("tr") else {
        return Vec::new();
    };
    row.set_inner_html(markup);
    let mut cells = Vec::new();
    let mut next = row.first_element_child();
    while let Some(cell) = next {
        next = cell.next_element_sibling();
        cells.push(cell);
    }
    cells
}

impl AddAnyAttr for RowCells {
    type Output<SomeNewAttr: Attribute> = RowCells;

    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        // Cells are a row's children; nothing spreads attributes onto them.
        self
    }
}

impl RenderHtml for RowCells {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn html_len(&self) -> usize {
        self.0.len()
    }

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
        buf.push_str(&self.0);
        *position = Position::NextChild;
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &Cursor,
        _position: &PositionState,
    ) -> Self::State {
        // The app renders on the client only (leptos's "csr" feature): nothing is hydrated.
        self.build()
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}
