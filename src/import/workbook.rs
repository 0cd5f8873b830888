//! A workbook's sheets as the text grids the tolerant reader already knows, and importing one.
//!
//! The Excel reader itself (calamine) lives in [`crate::workbook`] and runs in a separately
//! loaded web worker, so that the first page load stays small. What crosses from the worker to
//! the page is a [`Workbook`]: sheet names, rows of cell text and the reader's own notes, in a
//! compact text encoding ([`Workbook::encode`]). Everything after that (header, layout, sections,
//! cell spellings, scheme, report) is the same code as for CSV.

use super::grid::{Grid, Section};
use super::notes::Notes;
use super::{
    Format, ImportError, ImportNote, ImportOptions, ImportReport, Imported, MAX_FILE_BYTES,
    NoteKind, layout, title_from_file_name,
};
use crate::import::cell::{ParsedCell, parse_cell};
use crate::model::Scheme;

/// One sheet of a workbook, as text.
#[derive(Debug, Default)]
pub struct WorkbookSheet {
    pub name: String,
    grid: Grid,
    /// What the reader did to get text out of the cells (merged cells filled down).
    notes: Vec<ImportNote>,
}

/// A workbook read into text: what the importer needs of it.
#[derive(Debug, Default)]
pub struct Workbook {
    pub sheets: Vec<WorkbookSheet>,
}

/// What the bytes of a file say it is, before any reading.
#[derive(Debug, PartialEq, Eq)]
pub enum WorkbookFile {
    /// Not a workbook: the text importer reads it.
    Text,
    /// A zip package (.xlsx, .ods): the workbook reader reads it.
    Package,
    /// A workbook that cannot be read, with the reason and what to do.
    Refused(ImportError),
}

const SHEET: char = '\u{1d}';
const ROW: char = '\u{1e}';
const CELL: char = '\u{1f}';
const NOTE: char = '\u{1c}';

/// Workbook file name endings: a file named so is never read as text.
const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xltx", "xltm", "xlsb", "xls", "ods"];

/// Whether the file is for the workbook reader (a zip package, an old Office file, or named like
/// a workbook), which says what it makes of it; everything else is read as text. This is all the
/// page itself decides, so the reader's refusals and their words stay in the xlsx worker.
pub fn is_workbook(bytes: &[u8], file_name: &str) -> bool {
    let ext = super::extension(file_name).unwrap_or_default();
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(OLE) || EXTENSIONS.contains(&ext.as_str())
}

/// The first bytes of an OLE container: an old Office file, or an encrypted .xlsx.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Tells a workbook from a text file by its first bytes and its name.
pub fn workbook_file(bytes: &[u8], file_name: &str) -> WorkbookFile {
    let ext = super::extension(file_name).unwrap_or_default();
    let named = EXTENSIONS.contains(&ext.as_str());
    let refused = |message: &str| {
        WorkbookFile::Refused(ImportError {
            row: None,
            column: None,
            message: message.to_owned(),
        })
    };
    if bytes.len() > MAX_FILE_BYTES && (named || bytes.starts_with(b"PK")) {
        return refused(&format!(
            "The workbook is {:.1} MB; this importer reads files up to {} MB. Delete the sheets \
             you do not need (or save the matrix sheet alone), and import again.",
            bytes.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return WorkbookFile::Package;
    }
    if bytes.starts_with(OLE) {
        // An encrypted .xlsx is an OLE container holding an "EncryptedPackage" stream, whose
        // name is stored in UTF-16.
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return refused(
                "This workbook is password-protected, so its cells cannot be read. In Excel, \
                 open it with the password, choose File > Info > Protect Workbook > Encrypt \
                 with Password, clear the password, save, and import that copy.",
            );
        }
        return refused(
            "This is an old-format Excel workbook (.xls) or another old Office file, which \
             cannot be read here. In Excel choose File > Save As > \"Excel Workbook (.xlsx)\", \
             then import that.",
        );
    }
    if named {
        return refused(&format!(
            "\"{file_name}\" is named like a workbook but is not one: its content is not an \
             Excel or OpenDocument package. If it is a CSV or text file that was renamed, give \
             it back its .csv name and import it again; if it came from Excel, save it again as \
             .xlsx."
        ));
    }
    WorkbookFile::Text
}

impl Workbook {
    /// Starts a new sheet; the rows and cells pushed next belong to it.
    pub fn add_sheet(&mut self, name: &str) {
        self.sheets.push(WorkbookSheet {
            name: clean(name),
            ..WorkbookSheet::default()
        });
    }

    /// Starts row `number` (1-based, as Excel shows it) of the last sheet.
    pub fn start_row(&mut self, number: usize) {
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.grid.start_row(number, Section::Unknown);
        }
    }

    /// Appends a cell to the last row of the last sheet.
    pub fn push_cell(&mut self, text: &str) {
        if let Some(sheet) = self.sheets.last_mut() {
            if text.contains([SHEET, ROW, CELL, NOTE]) {
                sheet.grid.push_cell(&clean(text));
            } else {
                sheet.grid.push_cell(text);
            }
        }
    }

    /// Records what the reader did on the last sheet (reported as a guess).
    pub fn note(&mut self, row: usize, column: usize, message: &str) {
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.notes.push(ImportNote {
                kind: NoteKind::Guessed,
                row: Some(row),
                column: Some(column),
                message: clean(message),
            });
        }
    }

    /// The sheet names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// The sheet that looks most like a RACI matrix: the most cells that read as letters (or as
    /// "not involved"), the first such sheet on a tie.
    pub fn likeliest_sheet(&self) -> usize {
        let score = |sheet: &WorkbookSheet| -> usize {
            sheet
                .grid
                .rows()
                .take(5_000)
                .map(|row| {
                    row.cells()
                        .filter(|c| {
                            matches!(
                                parse_cell(c),
                                ParsedCell::Letters { .. } | ParsedCell::NotInvolved
                            )
                        })
                        .count()
                })
                .sum()
        };
        // Ranked by: not an aside sheet and has letters, then has any text, then letters, then
        // workbook order.
        let mut best: Option<(usize, (bool, bool, usize))> = None;
        for (i, sheet) in self.sheets.iter().enumerate() {
            let letters = score(sheet);
            let rank = (
                !is_aside(&sheet.name) && letters > 0,
                !is_aside(&sheet.name) && !sheet.grid.rows().all(|r| r.is_blank()),
                letters,
            );
            if best.is_none_or(|(_, b)| rank > b) {
                best = Some((i, rank));
            }
        }
        best.map_or(0, |(i, _)| i)
    }

    /// The workbook as one string: cheap to send from the worker to the page and to read back.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for sheet in &self.sheets {
            out.push(SHEET);
            out.push_str(&sheet.name);
            for note in &sheet.notes {
                out.push(NOTE);
                out.push_str(&format!(
                    "{},{},{}",
                    note.row.unwrap_or(0),
                    note.column.unwrap_or(0),
                    note.message
                ));
            }
            for row in sheet.grid.rows() {
                out.push(ROW);
                out.push_str(&row.number().to_string());
                for cell in row.cells() {
                    out.push(CELL);
                    out.push_str(cell);
                }
            }
        }
        out
    }

    /// Reads back what [`Workbook::encode`] wrote.
    pub fn decode(text: &str) -> Result<Workbook, ImportError> {
        let broken = || ImportError {
            row: None,
            column: None,
            message: "The Excel reader sent back something this page cannot read; reload the \
                      page and import the workbook again."
                .to_owned(),
        };
        let mut workbook = Workbook::default();
        for sheet_text in text.split(SHEET).skip(1) {
            let (head, rows) = sheet_text.split_once(ROW).unwrap_or((sheet_text, ""));
            let mut parts = head.split(NOTE);
            workbook.add_sheet(parts.next().unwrap_or(""));
            for note in parts {
                let mut fields = note.splitn(3, ',');
                let row = fields
                    .next()
                    .and_then(|f| f.parse().ok())
                    .ok_or_else(broken)?;
                let column = fields
                    .next()
                    .and_then(|f| f.parse().ok())
                    .ok_or_else(broken)?;
                workbook.note(row, column, fields.next().unwrap_or(""));
            }
            if rows.is_empty() {
                continue;
            }
            for row_text in rows.split(ROW) {
                let mut cells = row_text.split(CELL);
                let number = cells
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(broken)?;
                workbook.start_row(number);
                for cell in cells {
                    workbook.push_cell(cell);
                }
            }
        }
        Ok(workbook)
    }
}

/// Imports one sheet of `workbook`: the one named in `options.sheet`, else the likeliest.
pub fn import_workbook(
    workbook: &Workbook,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    if workbook.sheets.is_empty() {
        return Err(ImportError {
            row: None,
            column: None,
            message: "The workbook has no sheets.".to_owned(),
        });
    }
    let chosen = match &options.sheet {
        Some(name) => workbook
            .sheets
            .iter()
            .position(|s| &s.name == name)
            .ok_or_else(|| ImportError {
                row: None,
                column: None,
                message: format!("The workbook has no sheet called \"{name}\"."),
            })?,
        None => workbook.likeliest_sheet(),
    };
    let Some(sheet) = workbook.sheets.get(chosen) else {
        return Err(ImportError {
            row: None,
            column: None,
            message: "The workbook has no such sheet.".to_owned(),
        });
    };
    let mut notes = Notes::default();
    if options.sheet.is_none() && workbook.sheets.len() > 1 {
        notes.push(
            NoteKind::Guessed,
            None,
            None,
            format!(
                "Read the sheet \"{}\", the one of {} that looks most like a RACI matrix; \
                 choose another sheet if that is wrong.",
                sheet.name,
                workbook.sheets.len()
            ),
        );
    }
    for note in &sheet.notes {
        notes.push(note.kind, note.row, note.column, note.message.clone());
    }
    if sheet.grid.rows().all(|r| r.is_blank()) {
        return Err(ImportError {
            row: None,
            column: None,
            message: format!(
                "The sheet \"{}\" is empty. Choose the sheet that holds the matrix.",
                sheet.name
            ),
        });
    }
    let file_title = title_from_file_name(options.file_name.as_deref().unwrap_or(""));
    let declared = declared_scheme(&sheet.grid);
    let (matrix, layout) =
        layout::read_sheet(&sheet.grid, options, None, file_title, declared, &mut notes).map_err(
            |mut e| {
                e.message = format!("Sheet \"{}\": {}", sheet.name, e.message);
                e
            },
        )?;
    Ok(Imported {
        matrix,
        settings: None,
        report: ImportReport {
            format: Format::Workbook,
            delimiter: None,
            encoding: "Unicode (workbook)".to_owned(),
            layout: Some(layout),
            notes: notes.finish(),
            sheets: workbook.sheet_names(),
            sheet: Some(sheet.name.clone()),
        },
    })
}

/// A "Scheme: RASCI (...)" line above the table, as the Excel and Markdown exports write it.
fn declared_scheme(grid: &Grid) -> Option<Scheme> {
    grid.rows().take(10).find_map(|row| {
        if row.filled() != 1 {
            return None;
        }
        let text = row.cells().map(str::trim).find(|c| !c.is_empty())?;
        let rest = text.strip_prefix("Scheme:")?;
        Scheme::from_name(rest.split('(').next().unwrap_or(""))
    })
}

/// Sheets that explain a workbook rather than hold its matrix; they hold letters too (a legend
/// lists R, A, C, I), so they are chosen only when no other sheet has any.
fn is_aside(name: &str) -> bool {
    let lower = name.to_lowercase();
    [
        "legend",
        "key",
        "finding",
        "instruction",
        "read me",
        "readme",
        "help",
        "guide",
        "notes",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// Text without the encoding's separators (a cell can hold any character).
fn clean(text: &str) -> String {
    text.replace([SHEET, ROW, CELL, NOTE], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workbook {
        let mut wb = Workbook::default();
        wb.add_sheet("Read me");
        wb.start_row(1);
        wb.push_cell("This workbook holds the RACI");
        wb.add_sheet("RACI");
        wb.note(4, 1, "Merged cells A4:A5 read as \"Plan\" in each row.");
        wb.start_row(2);
        wb.push_cell("Activity");
        wb.push_cell("Ops, and \u{1f} more");
        wb.start_row(4);
        wb.push_cell("Deploy");
        wb.push_cell("R");
        wb.add_sheet("Empty");
        wb
    }

    #[test]
    fn a_workbook_survives_its_encoding() {
        let wb = sample();
        let back = Workbook::decode(&wb.encode()).expect("decodes");
        assert_eq!(back.sheet_names(), ["Read me", "RACI", "Empty"]);
        assert_eq!(back.encode(), wb.encode());
        let raci = &back.sheets[1];
        assert_eq!(raci.grid.row(1).map(|r| r.number()), Some(4));
        assert_eq!(raci.grid.row(0).map(|r| r.cell(1)), Some("Ops, and   more"));
        assert_eq!(raci.notes[0].row, Some(4));
        assert!(Workbook::decode("\u{1d}S\u{1e}x").is_err());
    }

    #[test]
    fn the_sheet_with_letters_is_chosen_and_another_can_be() {
        let wb = sample();
        assert_eq!(wb.likeliest_sheet(), 1);
        let imported = import_workbook(&wb, &ImportOptions::default()).expect("imports");
        assert_eq!(imported.report.sheet.as_deref(), Some("RACI"));
        assert_eq!(imported.matrix.activities[0].name, "Deploy");
        assert!(
            imported
                .report
                .notes
                .iter()
                .any(|n| n.message.starts_with("Merged cells A4:A5"))
        );
        let options = ImportOptions {
            sheet: Some("Empty".into()),
            ..ImportOptions::default()
        };
        let e = import_workbook(&wb, &options).expect_err("empty sheet");
        assert!(e.message.contains("\"Empty\" is empty"), "{e}");
    }

    #[test]
    fn files_are_told_apart_by_content_and_name() {
        assert_eq!(
            workbook_file(b"Activity,Ops\n", "a.csv"),
            WorkbookFile::Text
        );
        assert_eq!(
            workbook_file(b"PK\x03\x04rest", "a.bin"),
            WorkbookFile::Package
        );
        let WorkbookFile::Refused(e) = workbook_file(b"Activity,Ops\n", "RACI.xlsx") else {
            panic!("a renamed CSV is refused");
        };
        assert!(e.message.contains("named like a workbook"), "{e}");
        let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let WorkbookFile::Refused(e) = workbook_file(&encrypted, "RACI.xlsx") else {
            panic!("encrypted is refused");
        };
        assert!(e.message.contains("password-protected"), "{e}");
        let WorkbookFile::Refused(e) =
            workbook_file(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "old.xls")
        else {
            panic!("xls is refused");
        };
        assert!(e.message.contains(".xls"), "{e}");
    }

    #[test]
    fn the_page_sends_to_the_workbook_reader_exactly_what_it_does_not_read_as_text() {
        let files: [(&[u8], &str); 6] = [
            (b"Activity,Ops\n", "a.csv"),
            (b"PK\x03\x04rest", "a.bin"),
            (b"Activity,Ops\n", "RACI.xlsx"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "old.xls"),
            (b"{\"format\": 1}", "RACI.json"),
            (b"Activity\tOps\n", "RACI.ODS"),
        ];
        for (bytes, name) in files {
            assert_eq!(
                is_workbook(bytes, name),
                workbook_file(bytes, name) != WorkbookFile::Text,
                "{name}"
            );
        }
    }
}
