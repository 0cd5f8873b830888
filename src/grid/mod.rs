//! What the matrix grid shows, as plain data: which rows are visible, what each row holds, where
//! the findings are, and how the keyboard moves over it. No DOM here, so it is tested natively and
//! the browser layer in `ui` only turns these values into elements.

pub mod cell_face;
pub mod changes;
pub mod clipboard;
pub mod column_window;
pub mod density;
pub mod holdings;
pub mod labels;
pub mod marks;
pub mod rename;
pub mod rows;
pub mod selection;
pub mod shortcuts;

pub use cell_face::{
    CellFace, SELECTION_CLASSES, SPACER_CELL, cells_between, cells_markup, changed_faces, symbol,
};
pub use changes::ChangeMarks;
pub use clipboard::{PastePlan, Pasted, classify, paste, range_tsv};
pub use column_window::{ColumnWindow, HorizontalView};
pub use density::DensityChoice;
pub use labels::{cell_label, empty_hint, header_title, tooltip};
pub use marks::{FindingIndex, Marks, Note};
pub use rename::Renaming;
pub use rows::{
    ActivityRow, Columns, GridRow, HeaderCell, KeyedRow, RowFilter, RowSlot, body_rows, body_slots,
    header_cells, keyed_rows, name_matches, owners, search_key,
};
pub use selection::{CellRef, Layout, Move, Selection};
