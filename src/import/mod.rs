//! Tolerant import of CSV, TSV, Markdown and JSON, honest about every normalisation it made.
//!
//! `import` turns file bytes into a [`Matrix`] plus an [`ImportReport`] listing every change,
//! guess and skipped item with its row and column, or an [`ImportError`] that says what and where.
//! It never panics, whatever the bytes.

use std::fmt;

use crate::model::{Matrix, Scheme};
use crate::rules::RuleSettings;

/// Files larger than this are refused before any parsing (a 10,000 x 100 matrix is about 3 MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The kind of file, detected from its content (and name), or forced by the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Delimited text: CSV, semicolon CSV, TSV, pipe-separated.
    Delimited,
    /// A Markdown pipe table, as the Markdown export and wikis write it.
    Markdown,
    /// Our own JSON document, or an array of row objects.
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Delimited => "delimited text",
            Format::Markdown => "Markdown table",
            Format::Json => "JSON",
        }
    }
}

/// How the sheet lays the matrix out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Activities as rows, roles as columns, letters in the cells.
    Wide,
    /// One row per assignment: activity, role, letters (and optionally group).
    Long,
    /// Activity | R | A | C | I columns whose cells list role names.
    Transposed,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Wide => "wide (roles as columns)",
            Layout::Long => "long (one row per assignment)",
            Layout::Transposed => "transposed (letters as columns)",
        }
    }
}

/// Choices the user can override; `Default` detects everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The file's name: gives the matrix title (without a trailing export date) and hints the format.
    pub file_name: Option<String>,
    pub format: Option<Format>,
    /// Force a delimiter (b',', b';', b'\t', b'|').
    pub delimiter: Option<u8>,
    pub layout: Option<Layout>,
    /// Read rows with a name and no letters as group headings (true unless the user turns it off).
    pub no_section_rows: bool,
    /// Force a scheme instead of guessing it from the letters used.
    pub scheme: Option<Scheme>,
}

/// What kind of liberty the importer took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Written differently, read the same ("r/a" became "A/R").
    Normalised,
    /// A judgement call the user may want to override (a row read as a group heading).
    Guessed,
    /// Left out (a blank row, an empty column).
    Skipped,
    /// Not understood, kept as it was and flagged (a cell reading "maybe").
    Kept,
}

/// One line of the import report. Rows and columns are 1-based, as a spreadsheet shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportNote {
    pub kind: NoteKind,
    pub row: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Everything the importer detected and did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub format: Format,
    /// The delimiter of delimited text.
    pub delimiter: Option<u8>,
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "windows-1252", ...
    pub encoding: String,
    /// None for our own JSON document, which has no sheet layout.
    pub layout: Option<Layout>,
    pub notes: Vec<ImportNote>,
}

/// A successful import.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub matrix: Matrix,
    /// Rule settings, when the file carried them (our own JSON document does).
    pub settings: Option<RuleSettings>,
    pub report: ImportReport,
}

/// Why nothing could be imported; the user's current matrix is untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub row: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Spreadsheet column name for a 1-based column number: 1 -> "A", 27 -> "AA".
pub fn column_name(mut column: usize) -> String {
    let mut name = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        name.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// "Row 4, column C: " or "Row 4: " or "" for where a note or error applies.
pub fn position(row: Option<usize>, column: Option<usize>) -> String {
    match (row, column) {
        (Some(r), Some(c)) => format!("Row {r}, column {}: ", column_name(c)),
        (Some(r), None) => format!("Row {r}: "),
        (None, Some(c)) => format!("Column {}: ", column_name(c)),
        (None, None) => String::new(),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", position(self.row, self.column), self.message)
    }
}

impl std::error::Error for ImportError {}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", position(self.row, self.column), self.message)
    }
}

/// Imports a matrix from file bytes.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    todo!("import helper")
}
