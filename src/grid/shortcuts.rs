//! Every key the grid and the panels know, in the words the shortcut sheet ("?") shows. The
//! keyboard handlers and the buttons' titles use the same key names, so the sheet cannot drift
//! far from them; a test checks that no key is listed twice.

/// Adds an activity below the focused one.
pub const ADD_ACTIVITY: &str = "Alt+Enter";
/// Adds a role right of the focused one.
pub const ADD_ROLE: &str = "Alt+Shift+Enter";
/// Deletes the focused cell's activity (undoable).
pub const DELETE_ACTIVITY: &str = "Alt+Delete";
/// Deletes the focused cell's role (undoable).
pub const DELETE_ROLE: &str = "Alt+Shift+Delete";

/// A section of the sheet: its heading and its keys with what each does.
pub struct Section {
    pub heading: &'static str,
    pub keys: &'static [(&'static str, &'static str)],
}

/// The shortcut sheet, section by section.
pub const SHEET: &[Section] = &[
    Section {
        heading: "Moving in the matrix",
        keys: &[
            ("Arrow keys", "Move to the next cell"),
            (
                "Tab, Shift+Tab",
                "Next or previous cell; past the last (or before the first) cell, leave the matrix",
            ),
            ("Enter, Shift+Enter", "Cell below or above"),
            ("Home, End", "First or last cell of the row"),
            ("Ctrl+Home, Ctrl+End", "First or last cell of the matrix"),
            ("Shift+arrow keys", "Select a range of cells"),
            (
                "Escape",
                "Close the letter picker; otherwise leave the matrix for its toolbar",
            ),
        ],
    },
    Section {
        heading: "Letters",
        keys: &[
            (
                "R, A, C, I (the scheme's letters)",
                "Add the letter to the selected cells, or take it away",
            ),
            ("Space", "Open the letter picker"),
            ("Delete, Backspace", "Clear the selected cells"),
            ("Ctrl+C", "Copy the selected cells as tab-separated letters"),
            (
                "Ctrl+V",
                "Paste a block of letters from the selected cell (a table with names opens the import preview)",
            ),
        ],
    },
    Section {
        heading: "Rows and columns",
        keys: &[
            (ADD_ACTIVITY, "Add an activity below the focused one"),
            (ADD_ROLE, "Add a role right of the focused one"),
            (DELETE_ACTIVITY, "Delete the focused cell's activity"),
            (DELETE_ROLE, "Delete the focused cell's role"),
            ("Alt+Up, Alt+Down", "Move the activity up or down"),
            ("Alt+Left, Alt+Right", "Move the role left or right"),
            ("F2, Shift+F2", "Rename the activity, or the role"),
            (
                "Enter, Escape (renaming)",
                "Keep the name, or cancel (a row or role just added goes again)",
            ),
        ],
    },
    Section {
        heading: "Anywhere",
        keys: &[
            ("Ctrl+Z", "Undo"),
            ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
            ("?", "Show this list"),
            (
                "Escape (menus, search, dialogs)",
                "Close the menu or dialog, or clear the search",
            ),
            (
                "Arrow keys, Home, End (side panel tabs)",
                "Move between Findings, Role view and Rules",
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_listed_twice() {
        let mut keys: Vec<&str> = SHEET
            .iter()
            .flat_map(|s| s.keys.iter().map(|(k, _)| *k))
            .collect();
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all);
    }

    #[test]
    fn the_structure_keys_are_on_the_sheet() {
        for key in [ADD_ACTIVITY, ADD_ROLE, DELETE_ACTIVITY, DELETE_ROLE] {
            assert!(SHEET.iter().any(|s| s.keys.iter().any(|(k, _)| *k == key)));
        }
    }
}
