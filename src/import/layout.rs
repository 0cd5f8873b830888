//! From a grid of text to a matrix: find the header, choose the layout (unless the user forced
//! one), read the sheet with the matching reader, and choose the scheme.

use crate::model::{Matrix, Scheme};

use super::grid::Grid;
use super::header;
use super::notes::Notes;
use super::scheme::{self, Evidence};
use super::sheet::Sheet;
use super::{ImportError, ImportOptions, Layout, NoteKind, long, transposed, wide};

/// The title used when neither the file nor its name gives one.
pub const DEFAULT_TITLE: &str = "Imported matrix";

/// Reads `grid` as a sheet. The title is the file's own (a Markdown heading, else a title row
/// above the header), else the one from the file name; `declared` is a scheme the file states (a
/// Markdown "Scheme:" line).
pub(crate) fn read_sheet(
    grid: &Grid,
    options: &ImportOptions,
    heading: Option<String>,
    file_title: Option<String>,
    declared: Option<Scheme>,
    notes: &mut Notes,
) -> Result<(Matrix, Layout), ImportError> {
    let header = header::find(grid, notes)?;
    let sheet = Sheet::new(grid, header.index);
    sheet.note_legend(notes);
    if sheet.data_rows().all(|r| r.is_blank()) {
        return Err(ImportError {
            row: Some(sheet.header_number()),
            column: None,
            message: "This header row has nothing under it: the file has no activities to \
                      import."
                .to_owned(),
        });
    }
    let layout = match options.layout {
        Some(layout) => layout,
        None if long::fits(&sheet) => Layout::Long,
        None if transposed::fits(&sheet) => Layout::Transposed,
        None => Layout::Wide,
    };
    if options.layout.is_none() && layout != Layout::Wide {
        notes.push(
            NoteKind::Guessed,
            Some(sheet.header_number()),
            None,
            format!(
                "Layout detected from the header: {}. Choose another layout if that is wrong.",
                layout.name()
            ),
        );
    }
    let title = heading
        .or(header.title)
        .or(file_title)
        .unwrap_or_else(|| DEFAULT_TITLE.to_owned());
    let mut matrix = Matrix::new(&title);
    let mut evidence = Evidence::default();
    match layout {
        Layout::Wide => wide::read(&sheet, options, &mut matrix, &mut evidence, notes)?,
        Layout::Long => long::read(&sheet, &mut matrix, &mut evidence, notes)?,
        Layout::Transposed => transposed::read(&sheet, options, &mut matrix, &mut evidence, notes)?,
    }
    matrix.scheme = scheme::choose(&evidence, options.scheme, declared, notes);
    Ok((matrix, layout))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(rows)
    }

    fn layout_of(rows: &[&[&str]]) -> Layout {
        let mut notes = Notes::default();
        read_sheet(
            &grid(rows),
            &ImportOptions::default(),
            None,
            None,
            None,
            &mut notes,
        )
        .map(|(_, l)| l)
        .expect("reads")
    }

    #[test]
    fn the_layout_is_detected_from_the_header() {
        assert_eq!(
            layout_of(&[&["Activity", "Ops"], &["Deploy", "R"]]),
            Layout::Wide
        );
        assert_eq!(
            layout_of(&[&["Activity", "Role", "Letters"], &["Deploy", "Ops", "R"]]),
            Layout::Long
        );
        assert_eq!(
            layout_of(&[
                &["Task", "R", "A", "C", "I"],
                &["Deploy", "Ops", "CCoE", "", ""]
            ]),
            Layout::Transposed
        );
    }

    #[test]
    fn a_forced_layout_wins_and_a_header_alone_is_refused() {
        let options = ImportOptions {
            layout: Some(Layout::Long),
            ..ImportOptions::default()
        };
        let mut notes = Notes::default();
        let error = read_sheet(
            &grid(&[&["Activity", "Ops"], &["Deploy", "R"]]),
            &options,
            None,
            None,
            None,
            &mut notes,
        )
        .expect_err("not long");
        assert!(error.message.contains("Role column"), "{error}");
        let error = read_sheet(
            &grid(&[&["Title"], &["Activity", "Ops"], &["", ""]]),
            &ImportOptions::default(),
            None,
            None,
            None,
            &mut notes,
        )
        .expect_err("header only");
        assert_eq!(error.row, Some(2));
    }

    #[test]
    fn titles_come_from_the_file_then_its_name_then_the_default() {
        let rows: &[&[&str]] = &[&["Cloud RACI"], &["Activity", "Ops"], &["Deploy", "R"]];
        let options = ImportOptions::default();
        let name = || Some("From name".to_owned());
        let read = |rows: &[&[&str]], heading: Option<String>, file: Option<String>| {
            let mut notes = Notes::default();
            read_sheet(&grid(rows), &options, heading, file, None, &mut notes)
                .expect("reads")
                .0
                .title
        };
        assert_eq!(read(rows, Some("Heading".into()), name()), "Heading");
        assert_eq!(read(rows, None, name()), "Cloud RACI");
        assert_eq!(read(&rows[1..], None, name()), "From name");
        assert_eq!(read(&rows[1..], None, None), DEFAULT_TITLE);
    }
}
