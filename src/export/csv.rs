//! CSV writing: UTF-8 with an optional BOM, comma or semicolon, CRLF, and the formula guard.

use super::sheet::{self, SheetRow};
use crate::model::Matrix;

/// How to write CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// b',' or b';' (for locales where the comma is the decimal mark).
    pub delimiter: u8,
    /// Start with a UTF-8 byte order mark, so that Excel reads accents correctly.
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            bom: true,
        }
    }
}

/// The wide sheet (roles as columns) as CSV bytes.
pub fn wide_csv(matrix: &Matrix, options: &CsvOptions) -> Vec<u8> {
    write_rows(&sheet::wide(matrix), options)
}

/// The long sheet (one row per assignment) as CSV bytes.
pub fn long_csv(matrix: &Matrix, options: &CsvOptions) -> Vec<u8> {
    write_rows(&sheet::long(matrix), options)
}

/// Neutralises text that a spreadsheet program would run as a formula (OWASP "CSV injection"):
/// text starting with = + - @ tab or carriage return, after any apostrophes, gets one more leading
/// apostrophe. Import removes exactly one, so the text comes back unchanged.
pub fn guard_formula(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text
        .trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

pub(super) fn write_rows(rows: &[SheetRow], options: &CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter)
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row.cells.iter().map(|c| guard_formula(c).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letter, Letters};

    #[test]
    fn formulas_are_guarded_and_plain_text_is_not() {
        assert_eq!(guard_formula("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard_formula("+1"), "'+1");
        assert_eq!(guard_formula("-"), "'-");
        assert_eq!(guard_formula("@admin"), "'@admin");
        assert_eq!(guard_formula("'=x"), "''=x");
        assert_eq!(guard_formula("'quoted'"), "'quoted'");
        assert_eq!(guard_formula("Deploy"), "Deploy");
        assert_eq!(guard_formula("A/R"), "A/R");
    }

    #[test]
    fn wide_csv_has_bom_crlf_and_quotes_where_needed() {
        let mut m = Matrix::new("T");
        m.push_role("Ops, \"core\"");
        m.push_activity("=cmd|' /C calc'!A0", None);
        m.activities[0].cells[0] = Cell::letters([Letter::R, Letter::A].into_iter().collect());
        let bytes = wide_csv(&m, &CsvOptions::default());
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}Activity,Description,\"Ops, \"\"core\"\"\"\r\n'=cmd|' /C calc'!A0,,A/R\r\n"
        );
        let semicolon = wide_csv(
            &m,
            &CsvOptions {
                delimiter: b';',
                bom: false,
            },
        );
        assert!(
            String::from_utf8(semicolon)
                .unwrap()
                .starts_with("Activity;Description;\"Ops, \"\"core\"\"\"\r\n")
        );
        assert_eq!(Letters::only(Letter::C).to_string(), "C");
    }
}
