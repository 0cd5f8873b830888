//! Writing a matrix as an .xlsx a person would be glad to receive: the matrix sheet (title above,
//! frozen header and activity column, groups as section rows, wrapped headers, a dropdown of the
//! scheme's letters, a check column that keeps checking after the workshop), then the findings,
//! the review's improvement actions (when there are any) and a legend.
//!
//! The matrix sheet holds exactly the rows of the wide CSV export ([`crate::export::wide_sheet`]),
//! so importing the workbook gives back the same matrix, as importing the CSV does. Every text is
//! written as a string: a name starting with "=" shows as typed and never runs as a formula.

use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::export::{SheetRow, wide_columns, wide_sheet};
use crate::import::CHECK_HEADER;
use crate::model::{Action, Date, InfoColumn, Letter, Letters, Matrix, Scheme};
use crate::review::activity_label;
use crate::rules::{Finding, RuleSettings, check_on};

/// The sheet names, in the order they are written.
pub const MATRIX_SHEET: &str = "Matrix";
pub const FINDINGS_SHEET: &str = "Findings";
pub const ACTIONS_SHEET: &str = "Actions";
pub const LEGEND_SHEET: &str = "Legend";

/// The row (0-based) of the matrix sheet's header: a title and the scheme line sit above it.
pub const HEADER_ROW: u32 = 3;

/// Why a workbook could not be written (a matrix past Excel's 1,048,576 rows or 16,384 columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "The workbook could not be written: {}.", self.0)
    }
}

impl std::error::Error for WriteError {}

impl From<XlsxError> for WriteError {
    fn from(error: XlsxError) -> WriteError {
        WriteError(error.to_string())
    }
}

/// The workbook's bytes: matrix, findings (under `settings`, on `today`, as the app shows them),
/// the review record's actions when it has any, and the legend.
pub fn write(matrix: &Matrix, settings: &RuleSettings, today: Date) -> Result<Vec<u8>, WriteError> {
    let findings = check_on(matrix, settings, today);
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&matrix.title)
            .set_subject("RACI matrix")
            .set_comment("Exported by RACI Workshop"),
    );
    let styles = Styles::new();
    matrix_sheet(workbook.add_worksheet(), matrix, &styles)?;
    findings_sheet(workbook.add_worksheet(), matrix, &findings, &styles)?;
    if !matrix.record.actions.is_empty() {
        actions_sheet(workbook.add_worksheet(), matrix, today, &styles)?;
    }
    legend_sheet(workbook.add_worksheet(), matrix.scheme, &styles)?;
    Ok(workbook.save_to_buffer()?)
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    section: Format,
    text: Format,
    letter: Format,
    check: Format,
    problem: Format,
    fine: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xDCE6F2))
            .set_border_bottom(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x555555)),
            header,
            section: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xEFEFEF)),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            letter: Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top),
            check: Format::new().set_align(FormatAlign::Top),
            problem: Format::new()
                .set_font_color(Color::RGB(0x9C0006))
                .set_background_color(Color::RGB(0xFFC7CE)),
            fine: Format::new().set_font_color(Color::RGB(0x006100)),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
        }
    }
}

/// The scheme line under the title; the importer reads the scheme back from it.
fn scheme_line(scheme: Scheme) -> String {
    let letters: Vec<String> = scheme
        .letters()
        .iter()
        .map(|(letter, name)| format!("{letter} {name}"))
        .collect();
    format!("Scheme: {} ({})", scheme.name(), letters.join(", "))
}

fn matrix_sheet(sheet: &mut Worksheet, matrix: &Matrix, s: &Styles) -> Result<(), WriteError> {
    sheet.set_name(MATRIX_SHEET)?;
    let rows = wide_sheet(matrix);
    let columns = wide_columns(matrix);
    let roles = matrix.roles.len();
    let width = columns.info.len() + roles;
    let role_first = columns.roles_at as u16;
    let info_at = |i: usize| if i < columns.roles_at { i } else { i + roles };
    let activity_col = columns
        .info
        .iter()
        .position(|c| matches!(c, InfoColumn::Activity(_)))
        .map_or(0, info_at) as u16;
    let check_col = width as u16;

    sheet.write_string_with_format(0, 0, &matrix.title, &s.title)?;
    sheet.write_string_with_format(1, 0, scheme_line(matrix.scheme), &s.subtitle)?;

    let mut row_number = HEADER_ROW;
    let mut activities = matrix.activities.iter();
    let mut first_data = None;
    for (index, row) in rows.iter().enumerate() {
        let is_header = index == 0;
        let is_description = index == 1 && !row.section && has_role_descriptions(matrix);
        let format = if is_header {
            &s.header
        } else if row.section {
            &s.section
        } else {
            &s.text
        };
        write_row(sheet, row_number, row, format, role_first, roles, s)?;
        if is_header {
            sheet.write_string_with_format(row_number, check_col, CHECK_HEADER, &s.header)?;
        } else if row.section {
            for c in 0..=check_col {
                if row.cells.get(c as usize).is_none_or(String::is_empty) {
                    sheet.write_blank(row_number, c, &s.section)?;
                }
            }
        } else if !is_description && let Some(activity) = activities.next() {
            first_data.get_or_insert(row_number);
            let letters: Vec<Letters> = activity.cells.iter().map(|c| c.letters).collect();
            let formula = check_formula(row_number, role_first, roles, matrix.scheme)
                .set_result(check_result(&letters, matrix.scheme));
            sheet.write_formula_with_format(row_number, check_col, formula, &s.check)?;
        }
        row_number += 1;
    }
    let last_row = row_number.saturating_sub(1);

    // Frozen header row and every column up to the activity names.
    sheet.set_freeze_panes(HEADER_ROW + 1, activity_col + 1)?;
    set_widths(sheet, &rows, width, role_first, roles, check_col)?;
    if rows
        .first()
        .is_some_and(|h| h.cells.iter().any(|c| c.chars().count() > 14))
    {
        sheet.set_row_height(HEADER_ROW, 45)?;
    }
    if let Some(first) = first_data
        && roles > 0
    {
        let validation = DataValidation::new()
            .allow_list_strings(&allowed_values(matrix.scheme))?
            .ignore_blank(true)
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Not a letter of this scheme")?
            .set_error_message(format!(
                "{} uses {}. Keep it anyway?",
                matrix.scheme.name(),
                letter_list(matrix.scheme)
            ))?;
        let role_last = role_first + roles as u16 - 1;
        sheet.add_data_validation(first, role_first, last_row, role_last, &validation)?;
        let column = rust_xlsxwriter::column_number_to_name(check_col);
        let at = first + 1;
        let problem = ConditionalFormatFormula::new()
            .set_rule(format!("=AND(${column}{at}<>\"\",${column}{at}<>\"OK\")").as_str())
            .set_format(&s.problem);
        let fine = ConditionalFormatFormula::new()
            .set_rule(format!("=${column}{at}=\"OK\"").as_str())
            .set_format(&s.fine);
        sheet.add_conditional_format(first, check_col, last_row, check_col, &problem)?;
        sheet.add_conditional_format(first, check_col, last_row, check_col, &fine)?;
    }
    Ok(())
}

fn has_role_descriptions(matrix: &Matrix) -> bool {
    matrix.roles.iter().any(|r| !r.description.is_empty())
}

/// One sheet row: role cells centred, every other cell as wrapped text; all as strings.
fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &SheetRow,
    format: &Format,
    role_first: u16,
    roles: usize,
    s: &Styles,
) -> Result<(), WriteError> {
    let role_range = role_first..role_first + roles as u16;
    for (c, text) in cells.cells.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let c = c as u16;
        let f = if role_range.contains(&c) && !std::ptr::eq(format, &s.header) && !cells.section {
            &s.letter
        } else {
            format
        };
        sheet.write_string_with_format(row, c, text, f)?;
    }
    Ok(())
}

/// Columns wide enough to read: names up to 50 characters, letters narrow, headers wrapped.
fn set_widths(
    sheet: &mut Worksheet,
    rows: &[SheetRow],
    width: usize,
    role_first: u16,
    roles: usize,
    check_col: u16,
) -> Result<(), WriteError> {
    let role_range = role_first as usize..role_first as usize + roles;
    for c in 0..width {
        let longest = rows
            .iter()
            .skip(1)
            .filter_map(|r| r.cells.get(c))
            .flat_map(|t| t.lines())
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        let header = rows
            .first()
            .and_then(|r| r.cells.get(c))
            .map_or(0, |h| h.chars().count());
        let chars = if role_range.contains(&c) {
            header.clamp(6, 14).max(longest)
        } else {
            longest.max(header.min(20)).clamp(8, 50)
        };
        sheet.set_column_width(c as u16, chars as f64 + 2.0)?;
    }
    sheet.set_column_width(check_col, 18)?;
    Ok(())
}

/// "=IF(a=0,"No Accountable",IF(a>1,a&" Accountables",IF(r=0,"No Responsible","OK")))" where a
/// and r count the role cells holding the letter as one of their "/"-separated letters.
fn check_formula(row: u32, role_first: u16, roles: usize, scheme: Scheme) -> Formula {
    let first = rust_xlsxwriter::column_number_to_name(role_first);
    let last = rust_xlsxwriter::column_number_to_name(role_first + roles.max(1) as u16 - 1);
    let n = row + 1;
    let range = format!("{first}{n}:{last}{n}");
    let count = |letter: Letter| {
        format!("SUMPRODUCT(--ISNUMBER(FIND(\"/{letter}/\",\"/\"&{range}&\"/\")))")
    };
    let (owner, doer) = (scheme.owner(), scheme.doer());
    let owner_name = scheme.letter_name(owner).unwrap_or("Accountable");
    let doer_name = scheme.letter_name(doer).unwrap_or("Responsible");
    Formula::new(format!(
        "=IF({a}=0,\"No {owner_name}\",IF({a}>1,{a}&\" {owner_name}s\",IF({r}=0,\"No {doer_name}\",\"OK\")))",
        a = count(owner),
        r = count(doer),
    ))
}

/// What [`check_formula`] computes, stored as its cached value for readers that do not
/// recalculate (previews, phones, the importer).
pub fn check_result(cells: &[Letters], scheme: Scheme) -> String {
    let (owner, doer) = (scheme.owner(), scheme.doer());
    let owners = cells.iter().filter(|l| l.contains(owner)).count();
    let doers = cells.iter().filter(|l| l.contains(doer)).count();
    let owner_name = scheme.letter_name(owner).unwrap_or("Accountable");
    let doer_name = scheme.letter_name(doer).unwrap_or("Responsible");
    match (owners, doers) {
        (0, _) => format!("No {owner_name}"),
        (n, _) if n > 1 => format!("{n} {owner_name}s"),
        (_, 0) => format!("No {doer_name}"),
        _ => "OK".to_owned(),
    }
}

/// The dropdown: every letter of the scheme, then every pair, written as export writes them.
fn allowed_values(scheme: Scheme) -> Vec<String> {
    let letters: Vec<Letter> = scheme.letters().iter().map(|(l, _)| *l).collect();
    let mut values: Vec<String> = letters.iter().map(|l| l.to_string()).collect();
    for (i, a) in letters.iter().enumerate() {
        for b in letters.iter().skip(i + 1) {
            values.push(Letters::from_iter([*a, *b]).to_string());
        }
    }
    values
}

fn letter_list(scheme: Scheme) -> String {
    scheme
        .letters()
        .iter()
        .map(|(l, _)| l.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn findings_sheet(
    sheet: &mut Worksheet,
    matrix: &Matrix,
    findings: &[Finding],
    s: &Styles,
) -> Result<(), WriteError> {
    sheet.set_name(FINDINGS_SHEET)?;
    let header = [
        "Severity", "Rule", "Activity", "Role", "Finding", "Why", "Fix", "Accepted",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &s.header)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let row = i as u32 + 1;
        let activity = f
            .activity
            .and_then(|a| matrix.activity(a))
            .map_or("", |a| a.name.as_str());
        let role = f
            .role
            .and_then(|r| matrix.role(r))
            .map_or("", |r| r.name.as_str());
        let cells = [
            f.severity.as_str(),
            f.rule.as_str(),
            activity,
            role,
            &*f.message,
            &*f.why,
            &*f.fix,
            f.accepted.as_deref().unwrap_or(""),
        ];
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string_with_format(row, c as u16, *text, &s.text)?;
            }
        }
    }
    if findings.is_empty() {
        sheet.write_string(
            1,
            0,
            "No findings: every activity has one Accountable and someone Responsible.",
        )?;
    } else {
        sheet.autofilter(0, 0, findings.len() as u32, header.len() as u16 - 1)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (c, width) in [10.0, 22.0, 30.0, 20.0, 45.0, 45.0, 45.0, 30.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// The review's improvement actions. Status is a formula, so an action turns "Overdue" in the
/// file when its due date passes, and "Done" when someone fills in its "Done on" date.
fn actions_sheet(
    sheet: &mut Worksheet,
    matrix: &Matrix,
    today: Date,
    s: &Styles,
) -> Result<(), WriteError> {
    sheet.set_name(ACTIONS_SHEET)?;
    let header = [
        "Action",
        "Owner",
        "Due date",
        "Status",
        "Done on",
        "Activity",
        "Description",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &s.header)?;
    }
    let actions = &matrix.record.actions;
    for (i, action) in actions.iter().enumerate() {
        let row = i as u32 + 1;
        let activity = activity_label(matrix, action.activity, &action.activity_name);
        for (column, text) in [
            (0, action.title.as_str()),
            (1, action.owner.as_str()),
            (5, activity.as_str()),
            (6, action.description.as_str()),
        ] {
            if !text.is_empty() {
                sheet.write_string_with_format(row, column, text, &s.text)?;
            }
        }
        if let Some(due) = action.due {
            sheet.write_datetime_with_format(row, 2, excel_date(due)?, &s.date)?;
        }
        let status = Formula::new(format!(
            "=IF(E{n}<>\"\",\"Done\",IF(AND(C{n}<>\"\",C{n}<TODAY()),\"Overdue\",\"Open\"))",
            n = row + 1
        ))
        .set_result(action_status(action, today));
        sheet.write_formula_with_format(row, 3, status, &s.check)?;
        if let Some(done) = action.done {
            sheet.write_datetime_with_format(row, 4, excel_date(done)?, &s.date)?;
        }
    }
    let last = actions.len() as u32;
    let overdue = ConditionalFormatFormula::new()
        .set_rule("=$D2=\"Overdue\"")
        .set_format(&s.problem);
    sheet.add_conditional_format(1, 3, last, 3, &overdue)?;
    sheet.autofilter(0, 0, last, header.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 1)?;
    for (c, width) in [40.0, 22.0, 12.0, 10.0, 12.0, 30.0, 45.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// What the Actions sheet's status formula gives on `today`.
fn action_status(action: &Action, today: Date) -> &'static str {
    if !action.is_open() {
        "Done"
    } else if action.is_overdue(today) {
        "Overdue"
    } else {
        "Open"
    }
}

fn excel_date(date: Date) -> Result<ExcelDateTime, WriteError> {
    let (year, month, day) = date.ymd();
    let out_of_range = || WriteError(format!("the date {date} is outside Excel's range"));
    let year = u16::try_from(year).map_err(|_| out_of_range())?;
    Ok(ExcelDateTime::from_ymd(year, month as u8, day as u8)?)
}

fn legend_sheet(sheet: &mut Worksheet, scheme: Scheme, s: &Styles) -> Result<(), WriteError> {
    sheet.set_name(LEGEND_SHEET)?;
    sheet.write_string_with_format(0, 0, "Letter", &s.header)?;
    sheet.write_string_with_format(0, 1, "Meaning", &s.header)?;
    let mut row = 1;
    for (letter, name) in scheme.letters() {
        sheet.write_string(row, 0, letter.to_string())?;
        sheet.write_string(row, 1, *name)?;
        row += 1;
    }
    row += 1;
    let notes = [
        format!("Scheme: {}.", scheme.name()),
        "Combined letters are written with a slash, Accountable first: A/R.".to_owned(),
        format!(
            "The \"{CHECK_HEADER}\" column on the {MATRIX_SHEET} sheet recomputes as you edit: \
             each activity needs exactly one {} and at least one {}.",
            scheme.letter_name(scheme.owner()).unwrap_or("Accountable"),
            scheme.letter_name(scheme.doer()).unwrap_or("Responsible")
        ),
    ];
    for note in notes {
        sheet.write_string(row, 0, note)?;
        row += 1;
    }
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(1, 30)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_result_names_what_is_missing() {
        let a = Letters::only(Letter::A);
        let r = Letters::only(Letter::R);
        let ar: Letters = [Letter::A, Letter::R].into_iter().collect();
        assert_eq!(check_result(&[ar], Scheme::Raci), "OK");
        assert_eq!(check_result(&[a, r], Scheme::Raci), "OK");
        assert_eq!(check_result(&[r], Scheme::Raci), "No Accountable");
        assert_eq!(check_result(&[a, a, r], Scheme::Raci), "2 Accountables");
        assert_eq!(check_result(&[a], Scheme::Raci), "No Responsible");
        assert_eq!(check_result(&[a], Scheme::Daci), "No Driver");
    }

    #[test]
    fn the_dropdown_lists_letters_and_pairs_in_export_spelling() {
        let values = allowed_values(Scheme::Raci);
        assert_eq!(&values[..4], ["R", "A", "C", "I"]);
        assert!(values.contains(&"A/R".to_owned()));
        assert_eq!(values.len(), 10);
        assert!(values.join(",").len() < 255);
    }
}
