//! Export to spreadsheets (wide and long CSV), our JSON document, Markdown for wikis, and the
//! findings as a report. The shapes are described in docs/formats.md.

mod csv;
mod format;
mod handbook;
mod markdown;
mod minutes;
mod report;
mod sheet;
mod web_page;

pub use self::csv::{CsvOptions, guard_formula, long_csv, wide_csv};
pub use format::Format;
pub use handbook::handbook;
pub use markdown::{escape_markdown, markdown};
pub use minutes::{actions_csv, minutes};
pub use report::{findings_csv, findings_markdown};
pub use sheet::{SheetRow, long as long_sheet, wide as wide_sheet, wide_columns};
pub use web_page::web_page;

use crate::model::Matrix;
use crate::rules::RuleSettings;

/// Our own JSON document (everything, including rule settings).
pub fn json(matrix: &Matrix, settings: &RuleSettings) -> String {
    crate::document::to_json(matrix, settings)
}

/// A download name: the title made safe for file systems, the date, and the extension:
/// `file_name("Cloud ops: RACI", "2026-11-27", "csv")` is "Cloud ops RACI-2026-11-27.csv".
/// Import takes the title back from such a name.
pub fn file_name(title: &str, date: &str, extension: &str) -> String {
    let safe: String = title
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let safe = safe.split_whitespace().collect::<Vec<_>>().join(" ");
    let safe = safe.trim_matches('.');
    let stem = if safe.is_empty() { "RACI matrix" } else { safe };
    format!("{stem}-{date}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_dated() {
        assert_eq!(
            file_name("Cloud ops: RACI", "2026-11-27", "csv"),
            "Cloud ops RACI-2026-11-27.csv"
        );
        assert_eq!(
            file_name(" ../ ", "2026-11-27", "md"),
            "RACI matrix-2026-11-27.md"
        );
        assert_eq!(
            file_name("Sécurité\tplan", "2026-01-02", "json"),
            "Sécurité plan-2026-01-02.json"
        );
    }
}
