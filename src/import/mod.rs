//! Tolerant import of CSV, TSV, Markdown and JSON, honest about every normalisation it made.
//!
//! `import` turns file bytes into a [`Matrix`] plus an [`ImportReport`] listing every change,
//! guess and skipped item with its row and column, or an [`ImportError`] that says what and where.
//! It never panics, whatever the bytes.
//!
//! The pipeline, one module per step: `sniff` refuses what cannot be a table, `decode`
//! turns bytes into text, `delimited`, `markdown` or `json` turn text into a grid of cells,
//! `header` finds the header row, `layout` picks `wide`, `long` or `transposed` to build the
//! matrix (cells read by [`parse_cell`]), `scheme` picks the scheme, and `notes` keeps the report
//! readable.

mod cell;
pub mod choices;
mod decode;
mod delimited;
mod grid;
mod header;
mod json;
mod layout;
mod legend_block;
mod long;
mod markdown;
mod notes;
mod scheme;
mod sheet;
mod sniff;
mod title;
mod transposed;
mod wide;
mod workbook;

use std::fmt;

use crate::model::{Matrix, Scheme};
use crate::rules::RuleSettings;

pub use cell::{ParsedCell, Words, parse_cell};
pub use header::CHECK_HEADER;
pub use layout::DEFAULT_TITLE;
pub use long::ACTIVITY_NUMBER_HEADER;
pub use title::title_from_file_name;
pub use workbook::{
    Workbook, WorkbookFile, WorkbookSheet, import_workbook, is_workbook, workbook_file,
};

use notes::Notes;

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
    /// An Excel workbook (.xlsx) or OpenDocument spreadsheet (.ods), one sheet of it.
    Workbook,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Delimited => "delimited text",
            Format::Markdown => "Markdown table",
            Format::Json => "JSON",
            Format::Workbook => "Excel workbook",
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
    /// The sheet of a workbook to read, instead of the one that looks most like a RACI matrix.
    pub sheet: Option<String>,
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
    /// A workbook's sheet names, in order (empty for other formats).
    pub sheets: Vec<String>,
    /// The workbook sheet that was read.
    pub sheet: Option<String>,
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
///
/// Detects the format, encoding, delimiter, layout and scheme unless `options` forces them, and
/// reports every normalisation, guess and skipped item. Errors say what is wrong and where.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    sniff::refuse_unreadable(bytes)?;
    let mut notes = Notes::default();
    let decoded = decode::decode(bytes, &mut notes)?;
    let text: &str = &decoded.text;
    let file_name = options.file_name.as_deref().unwrap_or("");
    let format = options
        .format
        .unwrap_or_else(|| detect_format(text, file_name));
    let file_title = title_from_file_name(file_name);
    let report = |format, delimiter, layout, notes: Notes| ImportReport {
        format,
        delimiter,
        encoding: decoded.encoding.to_owned(),
        layout,
        notes: notes.finish(),
        sheets: Vec::new(),
        sheet: None,
    };
    match format {
        Format::Json => match json::parse(text, &mut notes)? {
            json::JsonContent::Document(document) => {
                let (mut matrix, settings) = *document;
                if let Some(scheme) = options.scheme
                    && scheme != matrix.scheme
                {
                    notes.push(
                        NoteKind::Normalised,
                        None,
                        None,
                        format!(
                            "The document uses {}; switched to {scheme} as chosen.",
                            matrix.scheme
                        ),
                    );
                    matrix.scheme = scheme;
                }
                Ok(Imported {
                    matrix,
                    settings: Some(settings),
                    report: report(format, None, None, notes),
                })
            }
            json::JsonContent::Sheet(grid) => {
                notes.push(
                    NoteKind::Guessed,
                    None,
                    None,
                    "Read the JSON rows as a sheet: the keys are the header (row 1) and item n of \
                     the list is row n + 1.",
                );
                let (matrix, layout) =
                    layout::read_sheet(&grid, options, None, file_title, None, &mut notes)?;
                Ok(Imported {
                    matrix,
                    settings: None,
                    report: report(format, None, Some(layout), notes),
                })
            }
        },
        Format::Markdown => {
            let sheet = markdown::parse(text);
            if sheet.table_line.is_none() {
                return Err(ImportError {
                    row: None,
                    column: None,
                    message: "No table found in this Markdown: expected a pipe table (a header \
                              row such as | Activity | Ops |, then a | --- | --- | row)."
                        .to_owned(),
                });
            }
            let (matrix, layout) = layout::read_sheet(
                &sheet.grid,
                options,
                sheet.title,
                file_title,
                sheet.scheme,
                &mut notes,
            )?;
            Ok(Imported {
                matrix,
                settings: None,
                report: report(format, None, Some(layout), notes),
            })
        }
        Format::Workbook => Err(ImportError {
            row: None,
            column: None,
            message: "A workbook is read by the workbook reader, not as text.".to_owned(),
        }),
        Format::Delimited => {
            let hint = extension(file_name)
                .filter(|e| e == "tsv" || e == "tab")
                .map(|_| b'\t');
            let delimiter = options
                .delimiter
                .unwrap_or_else(|| delimited::detect_delimiter(text, hint));
            let grid = delimited::parse(text, delimiter, &mut notes);
            let (matrix, layout) =
                layout::read_sheet(&grid, options, None, file_title, None, &mut notes)?;
            Ok(Imported {
                matrix,
                settings: None,
                report: report(format, Some(delimiter), Some(layout), notes),
            })
        }
    }
}

/// The format from the file name's extension, else from the content.
fn detect_format(text: &str, file_name: &str) -> Format {
    match extension(file_name).as_deref() {
        Some("json") => return Format::Json,
        Some("md" | "markdown") => return Format::Markdown,
        Some("csv" | "tsv" | "tab") => return Format::Delimited,
        _ => {}
    }
    let start = text.trim_start();
    let after_bracket = start.strip_prefix('[').map(str::trim_start);
    if start.starts_with('{')
        || after_bracket
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['{', '[', '"', ']']))
    {
        return Format::Json;
    }
    if markdown::looks_like(text) {
        return Format::Markdown;
    }
    Format::Delimited
}

fn extension(file_name: &str) -> Option<String> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letter, Letters};

    fn run(text: &str, file_name: &str) -> Imported {
        let options = ImportOptions {
            file_name: Some(file_name.into()),
            ..ImportOptions::default()
        };
        import(text.as_bytes(), &options).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn formats_are_detected_from_name_and_content() {
        assert_eq!(detect_format("[{\"a\": 1}]", ""), Format::Json);
        assert_eq!(detect_format("{}", ""), Format::Json);
        assert_eq!(detect_format("a|b\n--|--\n", ""), Format::Markdown);
        assert_eq!(detect_format("[Phase 1],Ops\n", ""), Format::Delimited);
        assert_eq!(detect_format("{x}", "m.csv"), Format::Delimited);
        assert_eq!(detect_format("a,b", "m.JSON"), Format::Json);
    }

    #[test]
    fn a_small_csv_imports_with_title_from_the_file_name() {
        let imported = run(
            "Activity,Ops,Sec\r\nDeploy,r/a,C\r\n",
            "Cloud ops-2024-05-31.csv",
        );
        let m = &imported.matrix;
        assert_eq!(m.title, "Cloud ops");
        assert_eq!(m.scheme, Scheme::Raci);
        let ar: Letters = [Letter::A, Letter::R].into_iter().collect();
        assert_eq!(
            m.activities[0].cells,
            [Cell::letters(ar), Cell::letters(Letters::only(Letter::C))]
        );
        assert_eq!(imported.report.delimiter, Some(b','));
        assert_eq!(imported.report.encoding, "UTF-8");
        assert_eq!(imported.report.layout, Some(Layout::Wide));
        assert!(
            imported
                .report
                .notes
                .iter()
                .any(|n| n.to_string() == "Row 2, column B: \"r/a\" read as A/R.")
        );
    }

    #[test]
    fn markdown_export_shape_reads_back() {
        let text = "# Landing zone\n\nScheme: RASCI (R Responsible)\n\n| Activity | Ops |\n| --- | --- |\n| **Plan** | |\n| Budget | |\n| Deploy | S |\n";
        let imported = run(text, "whatever-2020-01-01.md");
        let m = &imported.matrix;
        assert_eq!(m.title, "Landing zone");
        assert_eq!(m.scheme, Scheme::Rasci);
        assert_eq!(m.groups.len(), 1);
        assert_eq!(m.activities.len(), 2);
        assert_eq!(imported.report.format, Format::Markdown);
    }

    #[test]
    fn errors_say_what_and_where() {
        let e = import(b"", &ImportOptions::default()).expect_err("empty");
        assert!(e.message.contains("empty"));
        let e = import(
            b"# Notes\n\nno table here",
            &ImportOptions {
                file_name: Some("a.md".into()),
                ..ImportOptions::default()
            },
        )
        .expect_err("no table");
        assert!(e.message.contains("No table"), "{e}");
        let e = import(b"Activity,Ops\n", &ImportOptions::default()).expect_err("header only");
        assert_eq!(
            e.to_string(),
            "Row 1: This header row has nothing under it: the file has no activities to import."
        );
    }
}
