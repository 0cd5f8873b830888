//! Reading a workbook's cells as text, as a person sees them: formulas as their cached values,
//! numbers without a trailing ".0", dates as 2024-05-31, merged cells filled down their rows.
//!
//! calamine does the unzipping and XML; what is ours is turning its cells into the grid the CSV
//! path reads, and turning its errors into a message that says what to do.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xlsx, XlsxError};

use crate::import::{ImportError, Workbook, column_name};

/// More cells than this (in all sheets) are refused: a 10,000 x 100 matrix is 1,000,000.
pub const MAX_CELLS: usize = 3_000_000;

/// Reads every sheet of an .xlsx or .ods file. Errors say what is wrong with the file and what
/// to do; they never panic, whatever the bytes.
pub fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    // Part names sit uncompressed in a zip's directory: they tell an Excel package from an
    // OpenDocument one (or from a Word file) before either reader is tried.
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let workbook = if has(b"content.xml") && !has(b"xl/") {
        let mut ods = Ods::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
        read_ods(&mut ods)?
    } else {
        let mut xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|e| open_error(&e, bytes))?;
        read_xlsx(&mut xlsx)?
    };
    if workbook.sheets.is_empty() {
        return Err(plain(NOT_A_WORKBOOK));
    }
    Ok(workbook)
}

const NOT_A_WORKBOOK: &str = "This is a zip file, but not an Excel workbook or OpenDocument \
                              spreadsheet: it has no sheets inside. Import the .xlsx, .ods or \
                              .csv file that holds the matrix.";

fn read_xlsx(xlsx: &mut Xlsx<Cursor<&[u8]>>) -> Result<Workbook, ImportError> {
    let mut workbook = Workbook::default();
    let mut cells = 0;
    for name in xlsx.sheet_names() {
        let range = xlsx
            .worksheet_range(&name)
            .map_err(|e| damaged(&format!("the sheet \"{name}\" cannot be read ({e})")))?;
        // A sheet whose merged cells cannot be listed is still read, only without filling down.
        let merged = xlsx.merge_cells_by_sheet_name(&name).unwrap_or_default();
        cells += add_sheet(&mut workbook, &name, &range, &merged)?;
        guard(cells)?;
    }
    Ok(workbook)
}

fn read_ods(ods: &mut Ods<Cursor<&[u8]>>) -> Result<Workbook, ImportError> {
    let mut workbook = Workbook::default();
    let mut cells = 0;
    for name in ods.sheet_names() {
        let range = ods
            .worksheet_range(&name)
            .map_err(|e| damaged(&format!("the sheet \"{name}\" cannot be read ({e})")))?;
        cells += add_sheet(&mut workbook, &name, &range, &[])?;
        guard(cells)?;
    }
    Ok(workbook)
}

fn guard(cells: usize) -> Result<(), ImportError> {
    if cells > MAX_CELLS {
        return Err(plain(&format!(
            "The workbook has more than {MAX_CELLS} cells, more than this importer reads. \
             Delete the sheets and columns that are not part of the matrix, and import again."
        )));
    }
    Ok(())
}

/// Adds one sheet: rows keep their Excel numbers and cells their Excel columns, so every note
/// points where the user looks. Blank rows are left out. Returns the number of cells read.
fn add_sheet(
    workbook: &mut Workbook,
    name: &str,
    range: &Range<Data>,
    merged: &[Dimensions],
) -> Result<usize, ImportError> {
    workbook.add_sheet(name);
    let Some((top, left)) = range.start() else {
        return Ok(0);
    };
    let fill = fill_down(range, merged, workbook);
    let mut count = 0;
    let mut texts: Vec<String> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = top as usize + i;
        texts.clear();
        texts.extend(row.iter().enumerate().map(|(j, data)| {
            let text = text(data);
            if text.is_empty() {
                let at = (r as u32, left + j as u32);
                if let Some(filled) = fill.get(&at) {
                    return filled.clone();
                }
            }
            text
        }));
        let Some(last) = texts.iter().rposition(|t| !t.trim().is_empty()) else {
            continue;
        };
        workbook.start_row(r + 1);
        for _ in 0..left {
            workbook.push_cell("");
        }
        for t in texts.iter().take(last + 1) {
            workbook.push_cell(t);
        }
        count += last + 1;
    }
    Ok(count)
}

/// Merged cells that span rows (a phase merged down beside its activities) hold their text in
/// the top cell only; each row they cover reads it. Merges across columns only (a title, a
/// section row) are left as Excel stores them: the text in the first cell, the rest blank.
fn fill_down(
    range: &Range<Data>,
    merged: &[Dimensions],
    workbook: &mut Workbook,
) -> HashMap<(u32, u32), String> {
    let mut fill = HashMap::new();
    for m in merged.iter().filter(|m| m.end.0 > m.start.0) {
        let value = range.get_value(m.start).map(text).unwrap_or_default();
        if value.trim().is_empty() {
            continue;
        }
        for row in m.start.0 + 1..=m.end.0 {
            fill.insert((row, m.start.1), value.clone());
        }
        let place = |(r, c): (u32, u32)| format!("{}{}", column_name(c as usize + 1), r + 1);
        workbook.note(
            m.start.0 as usize + 1,
            m.start.1 as usize + 1,
            &format!(
                "Merged cells {}:{} hold \"{}\": read in each of their rows.",
                place(m.start),
                place(m.end),
                value.trim()
            ),
        );
    }
    fill
}

/// A cell as text, the way Excel shows it by default.
fn text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(d) if d.is_duration() => number(d.as_f64()),
        Data::DateTime(d) => date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// 3 rather than 3.0; 0.1 rather than 0.1000000000000000055.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel date serial as 2024-05-31 (with the time when there is one).
fn date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return number(serial);
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    // Serial 25569 is 1970-01-01 (Excel counts from 1899-12-30, after its 1900 leap-year bug).
    let (y, m, d) = civil_from_days(days - 25_569);
    let mut text = format!("{y:04}-{m:02}-{d:02}");
    if seconds > 0 && seconds < 86_400 {
        text.push_str(&format!(" {:02}:{:02}", seconds / 3600, seconds / 60 % 60));
    }
    text
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (Howard
/// Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Why a file that is a zip package did not open as a workbook, in words.
fn open_error(error: &XlsxError, bytes: &[u8]) -> ImportError {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    match error {
        XlsxError::Password => plain(
            "This workbook is password-protected, so its cells cannot be read. Remove the \
             password in Excel (File > Info > Protect Workbook), save, and import that copy.",
        ),
        XlsxError::Zip(_) | XlsxError::Io(_) => damaged("its zip package is broken or cut short"),
        _ if has(b"word/document.xml") => plain(
            "This is a Word document, not a workbook. Import the spreadsheet that holds the \
             matrix (.xlsx, .ods or .csv).",
        ),
        _ if has(b"ppt/presentation.xml") => plain(
            "This is a PowerPoint presentation, not a workbook. Import the spreadsheet that \
             holds the matrix (.xlsx, .ods or .csv).",
        ),
        XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => plain(NOT_A_WORKBOOK),
        other => damaged(&format!("its contents cannot be read ({other})")),
    }
}

fn damaged(what: &str) -> ImportError {
    plain(&format!(
        "The workbook seems damaged: {what}. Open it in Excel (which may offer to repair it), \
         save it again, and import the saved copy."
    ))
}

fn plain(message: &str) -> ImportError {
    ImportError {
        row: None,
        column: None,
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_read_as_excel_shows_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(-12.5), "-12.5");
        assert_eq!(date(45_443.0), "2024-05-31");
        assert_eq!(date(25_569.0), "1970-01-01");
        assert_eq!(date(45_443.5), "2024-05-31 12:00");
        assert_eq!(date(f64::NAN), "NaN");
    }

    #[test]
    fn junk_in_a_zip_wrapper_is_refused_in_words() {
        let e = read(b"PK\x03\x04 not really a zip").expect_err("junk");
        assert!(e.message.contains("damaged"), "{e}");
        let e = read(b"").expect_err("empty");
        assert!(!e.message.is_empty());
    }
}
