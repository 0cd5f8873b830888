//! The formats the export menu offers: each one's button, file name, media type and writer, so
//! that the menu only lays out buttons and a new format is added here, with its test.

use crate::model::{Date, Matrix};
use crate::rules::{Finding, RuleSettings};

use super::{
    CsvOptions, file_name, findings_csv, findings_markdown, handbook, json, long_csv, markdown,
    web_page, wide_csv,
};

/// The media type of an .xlsx file.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One way to export the matrix (or its findings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    WideCsv,
    /// Written by the workbook worker, not by the page: see [`Format::write`].
    Excel,
    Json,
    Markdown,
    LongCsv,
    FindingsCsv,
    FindingsMarkdown,
    RoleHandbook,
    WebPage,
}

impl Format {
    /// Every format, in the order the menu shows them (those under "More" last).
    pub const ALL: [Format; 9] = [
        Format::WideCsv,
        Format::Excel,
        Format::Json,
        Format::Markdown,
        Format::LongCsv,
        Format::FindingsCsv,
        Format::FindingsMarkdown,
        Format::RoleHandbook,
        Format::WebPage,
    ];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Format::WideCsv => "Export CSV",
            Format::Excel => "Export Excel",
            Format::Json => "Export JSON",
            Format::Markdown => "Export Markdown",
            Format::LongCsv => "Export long CSV",
            Format::FindingsCsv => "Export findings CSV",
            Format::FindingsMarkdown => "Export findings Markdown",
            Format::RoleHandbook => "Export role handbook",
            Format::WebPage => "Export web page",
        }
    }

    /// Whether it is offered under "More" rather than in the toolbar.
    pub fn is_more(self) -> bool {
        matches!(
            self,
            Format::LongCsv
                | Format::FindingsCsv
                | Format::FindingsMarkdown
                | Format::RoleHandbook
                | Format::WebPage
        )
    }

    /// The download's name for a matrix called `title`, exported on `date`.
    pub fn file_name(self, title: &str, date: &str) -> String {
        match self {
            Format::WideCsv => file_name(title, date, "csv"),
            Format::Excel => file_name(title, date, "xlsx"),
            Format::Json => file_name(title, date, "json"),
            Format::Markdown => file_name(title, date, "md"),
            Format::LongCsv => file_name(&format!("{title} (long)"), date, "csv"),
            Format::FindingsCsv => file_name(&format!("{title} findings"), date, "csv"),
            Format::FindingsMarkdown => file_name(&format!("{title} findings"), date, "md"),
            Format::RoleHandbook => file_name(&format!("{title} role handbook"), date, "md"),
            Format::WebPage => file_name(title, date, "html"),
        }
    }

    /// The download's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::WideCsv | Format::LongCsv | Format::FindingsCsv => "text/csv;charset=utf-8",
            Format::Excel => XLSX,
            Format::Json => "application/json",
            Format::Markdown | Format::FindingsMarkdown | Format::RoleHandbook => {
                "text/markdown;charset=utf-8"
            }
            Format::WebPage => "text/html;charset=utf-8",
        }
    }

    /// The file's bytes, dated `today` where the file says its date. None for Excel: the
    /// workbook writer lives in the xlsx worker (a wasm module of its own, so the page does not
    /// carry it), which writes it from [`json`].
    pub fn write(
        self,
        matrix: &Matrix,
        settings: &RuleSettings,
        findings: &[Finding],
        today: Date,
    ) -> Option<Vec<u8>> {
        let csv = CsvOptions::default();
        Some(match self {
            Format::WideCsv => wide_csv(matrix, &csv),
            Format::Excel => return None,
            Format::Json => json(matrix, settings).into_bytes(),
            Format::Markdown => markdown(matrix).into_bytes(),
            Format::LongCsv => long_csv(matrix, &csv),
            Format::FindingsCsv => findings_csv(matrix, findings, &csv),
            Format::FindingsMarkdown => findings_markdown(matrix, findings).into_bytes(),
            Format::RoleHandbook => handbook(matrix, today).into_bytes(),
            Format::WebPage => web_page(matrix, settings, today).into_bytes(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::rules::check;

    #[test]
    fn each_format_names_its_file_after_the_title_and_date() {
        let names: Vec<String> = Format::ALL
            .iter()
            .map(|f| f.file_name("Cloud ops", "2026-11-30"))
            .collect();
        assert_eq!(
            names,
            [
                "Cloud ops-2026-11-30.csv",
                "Cloud ops-2026-11-30.xlsx",
                "Cloud ops-2026-11-30.json",
                "Cloud ops-2026-11-30.md",
                "Cloud ops (long)-2026-11-30.csv",
                "Cloud ops findings-2026-11-30.csv",
                "Cloud ops findings-2026-11-30.md",
                "Cloud ops role handbook-2026-11-30.md",
                "Cloud ops-2026-11-30.html",
            ]
        );
        assert_eq!(Format::Json.media_type(), "application/json");
        assert!(Format::Excel.media_type().ends_with("spreadsheetml.sheet"));
    }

    #[test]
    fn the_toolbar_shows_four_formats_and_more_holds_the_rest() {
        let toolbar: Vec<&str> = Format::ALL
            .iter()
            .filter(|f| !f.is_more())
            .map(|f| f.label())
            .collect();
        assert_eq!(
            toolbar,
            [
                "Export CSV",
                "Export Excel",
                "Export JSON",
                "Export Markdown"
            ]
        );
    }

    #[test]
    fn every_format_but_excel_is_written_here() {
        let m = example();
        let settings = RuleSettings::default();
        let findings = check(&m, &settings);
        let today = "2026-11-30".parse().unwrap();
        for format in Format::ALL {
            let bytes = format.write(&m, &settings, &findings, today);
            assert_eq!(bytes.is_none(), format == Format::Excel, "{format:?}");
            if let Some(bytes) = bytes {
                let text = String::from_utf8(bytes).unwrap();
                assert!(!text.is_empty(), "{format:?}");
            }
        }
        let json = Format::Json.write(&m, &settings, &findings, today).unwrap();
        assert!(String::from_utf8(json).unwrap().contains(&m.title));
    }
}
