//! Finding the header row (past title rows) and naming what each header says its column holds.
//!
//! Headers are matched on a folded form (lower case, "_" as space, spaces collapsed, a trailing
//! ":" or "*" dropped), so "Work_Item", "TASK:" and "Activity *" all count.

use crate::model::Letter;

use super::cell::{ParsedCell, Words, parse_cell};
use super::grid::Grid;
use super::notes::Notes;
use super::{ImportError, NoteKind};

/// What a header says about its column, before the content is looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderKind {
    Activity,
    Group,
    Description,
    Notes,
    /// "Role" or "Team": the role column of a long sheet.
    Role,
    /// "Letters" or "RACI": the letters column of a long sheet.
    Letters,
    /// "Role description": in a long sheet, what a role is.
    RoleDescription,
    /// A letter or its name ("R", "Responsible"): a column of a transposed sheet.
    LetterName(Letter, Words),
    /// A column that is a field by its name (ID, WBS, Owner team, ...), whatever it holds.
    KnownField,
    /// "RACI check": the exported workbook's own formula column, which the rules recompute.
    Check,
    /// Anything else: a role or a field, decided by content.
    Other,
}

const ACTIVITY: &[&str] = &[
    "activity",
    "activities",
    "activity name",
    "task",
    "tasks",
    "task name",
    "deliverable",
    "deliverables",
    "process",
    "processes",
    "process step",
    "step",
    "steps",
    "work item",
    "work items",
    "work package",
    "decision",
    "decisions",
    "action",
    "actions",
    "milestone",
    "activity / task",
    "task / activity",
    "key activity",
    "key activities",
    "item",
];
const GROUP: &[&str] = &[
    "group",
    "phase",
    "category",
    "stage",
    "section",
    "area",
    "workstream",
    "domain",
];
const DESCRIPTION: &[&str] = &[
    "description",
    "details",
    "detail",
    "activity description",
    "task description",
];
const NOTES: &[&str] = &["notes", "note", "comments", "comment", "remarks", "remark"];
const ROLE: &[&str] = &[
    "role",
    "roles",
    "role name",
    "team",
    "who",
    "stakeholder",
    "party",
];
const LETTERS: &[&str] = &[
    "letters",
    "letter",
    "raci",
    "rasci",
    "raci letter",
    "raci letters",
    "raci code",
    "raci value",
    "assignment",
    "responsibility",
    "involvement",
    "code",
];
/// The header of the check column the Excel export adds beside the roles.
pub const CHECK_HEADER: &str = "RACI check";
const ROLE_DESCRIPTION: &[&str] = &["role description", "role details"];
const KNOWN_FIELD: &[&str] = &[
    "id",
    "#",
    "no",
    "no.",
    "nr",
    "number",
    "ref",
    "reference",
    "wbs",
    "wbs id",
    "key",
    "owner",
    "owner team",
    "status",
    "priority",
    "due",
    "due date",
    "date",
    "frequency",
    "cadence",
    "tool",
    "tools",
    "system",
    "link",
    "url",
    "source",
    "sla",
    "kpi",
    "level",
    "type",
];

/// What the header text `text` says its column holds.
pub(crate) fn classify(text: &str) -> HeaderKind {
    // A corner cell split in two ("Teams" above, "Deliverables" below a diagonal line) names the
    // activity column on one of its lines.
    if text.trim().contains('\n')
        && text
            .lines()
            .any(|line| !line.contains('\n') && is_activity(line))
    {
        return HeaderKind::Activity;
    }
    let folded = fold(text);
    let is = |list: &[&str]| list.contains(&folded.as_str());
    if is(ACTIVITY) {
        HeaderKind::Activity
    } else if is(GROUP) {
        HeaderKind::Group
    } else if is(DESCRIPTION) {
        HeaderKind::Description
    } else if is(NOTES) {
        HeaderKind::Notes
    } else if is(ROLE) {
        HeaderKind::Role
    } else if is(LETTERS) {
        HeaderKind::Letters
    } else if is(ROLE_DESCRIPTION) {
        HeaderKind::RoleDescription
    } else if folded == CHECK_HEADER.to_lowercase() {
        HeaderKind::Check
    } else if is(KNOWN_FIELD) {
        HeaderKind::KnownField
    } else if let Some((letter, words)) = letter_name(text) {
        HeaderKind::LetterName(letter, words)
    } else {
        HeaderKind::Other
    }
}

fn is_activity(text: &str) -> bool {
    ACTIVITY.contains(&fold(text).as_str())
}

/// A single letter or letter name ("R", "Accountable", "Support").
fn letter_name(text: &str) -> Option<(Letter, Words)> {
    let ParsedCell::Letters { letters, words, .. } = parse_cell(text) else {
        return None;
    };
    let mut iter = letters.iter();
    match (iter.next(), iter.next()) {
        (Some(letter), None) if text.trim().chars().count() == 1 || text.trim().len() > 3 => {
            Some((letter, words))
        }
        _ => None,
    }
}

fn fold(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace('_', " ");
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches([':', '*']).trim_end().to_owned()
}

/// Where the table starts.
#[derive(Debug)]
pub(crate) struct HeaderRow {
    /// Index of the header row in the grid.
    pub index: usize,
    /// The text of the first title row above the header, if any.
    pub title: Option<String>,
}

/// How far down a header row is looked for.
const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header: the first row naming an activity column, else the first row with two or more
/// filled cells. Rows above it are reported: single-cell rows as titles, others as skipped.
pub(crate) fn find(grid: &Grid, notes: &mut Notes) -> Result<HeaderRow, ImportError> {
    let candidates = || grid.rows().enumerate().take(HEADER_SEARCH_ROWS);
    let named = candidates()
        .find(|(_, row)| {
            row.filled() >= 2 && row.cells().any(|c| classify(c) == HeaderKind::Activity)
        })
        .map(|(i, _)| i);
    let index = match named.or_else(|| candidates().find(|(_, r)| r.filled() >= 2).map(|(i, _)| i))
    {
        Some(index) => index,
        None => return Err(no_table(grid)),
    };
    let mut title = None;
    for row in grid.rows().take(index) {
        match row.filled() {
            0 => notes.blank_row(row.number()),
            1 => {
                let text = row
                    .cells()
                    .map(str::trim)
                    .find(|c| !c.is_empty())
                    .unwrap_or("");
                notes.push(
                    NoteKind::Skipped,
                    Some(row.number()),
                    None,
                    format!(
                        "\"{text}\" above the header read as a title, not as part of the table."
                    ),
                );
                if title.is_none() {
                    title = Some(text.to_owned());
                }
            }
            _ => notes.push(
                NoteKind::Skipped,
                Some(row.number()),
                None,
                "Row above the header row left out (it does not look like part of the table).",
            ),
        }
    }
    Ok(HeaderRow { index, title })
}

fn no_table(grid: &Grid) -> ImportError {
    let first_filled = grid.rows().find(|r| !r.is_blank());
    match first_filled {
        None => ImportError {
            row: None,
            column: None,
            message: "The file has no table: every row is blank.".to_owned(),
        },
        Some(row) => ImportError {
            row: Some(row.number()),
            column: None,
            message: "No header row found: no row near the top has two or more filled cells. A \
                      RACI sheet needs a column of activities and one column per role."
                .to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(rows)
    }

    #[test]
    fn header_synonyms_are_recognised_in_any_case_and_spacing() {
        for text in [
            "Activity",
            "TASK:",
            "Work_Item",
            " deliverable ",
            "Decision",
            "Step",
        ] {
            assert_eq!(classify(text), HeaderKind::Activity, "{text}");
        }
        assert_eq!(classify("Phase"), HeaderKind::Group);
        assert_eq!(classify("Details"), HeaderKind::Description);
        assert_eq!(classify("Remarks"), HeaderKind::Notes);
        assert_eq!(classify("WBS"), HeaderKind::KnownField);
        assert_eq!(classify("Role"), HeaderKind::Role);
        assert_eq!(classify("RACI"), HeaderKind::Letters);
        assert!(matches!(
            classify("R"),
            HeaderKind::LetterName(Letter::R, _)
        ));
        assert!(matches!(
            classify("Accountable"),
            HeaderKind::LetterName(Letter::A, _)
        ));
        assert_eq!(classify("Security"), HeaderKind::Other);
        assert_eq!(classify("Teams\n\nDeliverables"), HeaderKind::Activity);
        assert_eq!(classify("Project\nManager"), HeaderKind::Other);
        assert_eq!(classify("RA"), HeaderKind::Other);
    }

    #[test]
    fn title_rows_above_the_header_are_skipped_and_give_the_title() {
        let g = grid(&[
            &["Cloud operating model", "", ""],
            &["", "", ""],
            &["Task", "Ops", "Sec"],
            &["Deploy", "R", "A"],
        ]);
        let mut notes = Notes::default();
        let header = find(&g, &mut notes).expect("header");
        assert_eq!(header.index, 2);
        assert_eq!(header.title.as_deref(), Some("Cloud operating model"));
        let notes = notes.finish();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].row, Some(1));
    }

    #[test]
    fn a_sheet_without_two_filled_cells_in_a_row_has_no_header() {
        let mut notes = Notes::default();
        let e = find(&grid(&[&["only"], &["one column"]]), &mut notes).expect_err("no header");
        assert_eq!(e.row, Some(1));
        let e = find(&grid(&[&["", " "]]), &mut notes).expect_err("blank");
        assert!(e.message.contains("blank"));
    }
}
