//! Lays a matrix out as the rows of a sheet (wide or long), shared by the CSV and Markdown writers.
//! The shapes are described in docs/formats.md; import reads them back to the same matrix.

use crate::import::ACTIVITY_NUMBER_HEADER;
use crate::model::{Activity, GroupId, InfoColumn, Matrix, SheetColumns};

/// One row of an exported sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    pub cells: Vec<String>,
    /// A group heading (Markdown prints it in bold).
    pub section: bool,
}

impl SheetRow {
    fn plain(cells: Vec<String>) -> SheetRow {
        SheetRow {
            cells,
            section: false,
        }
    }
}

/// The wide sheet: header, optional role description row, then activities (with section rows or a
/// Group column).
pub fn wide(matrix: &Matrix) -> Vec<SheetRow> {
    let columns = wide_columns(matrix);
    let group_column = columns
        .info
        .iter()
        .any(|c| matches!(c, InfoColumn::Group(_)));
    let width = columns.info.len() + matrix.roles.len();
    let role_start = columns.roles_at;

    let mut rows = Vec::with_capacity(matrix.activities.len() + 2);
    let mut header = Vec::with_capacity(width);
    for (i, column) in columns.info.iter().enumerate() {
        if i == role_start {
            header.extend(matrix.roles.iter().map(|r| r.name.clone()));
        }
        header.push(column.header().to_owned());
    }
    if role_start == columns.info.len() {
        header.extend(matrix.roles.iter().map(|r| r.name.clone()));
    }
    rows.push(SheetRow::plain(header));

    if matrix.roles.iter().any(|r| !r.description.is_empty()) {
        let mut row = vec![String::new(); width];
        for (i, role) in matrix.roles.iter().enumerate() {
            row[role_start + i] = role.description.clone();
        }
        rows.push(SheetRow::plain(row));
    }

    let info_at = |i: usize| {
        if i < role_start {
            i
        } else {
            i + matrix.roles.len()
        }
    };
    let activity_at = columns
        .info
        .iter()
        .position(|c| matches!(c, InfoColumn::Activity(_)))
        .map_or(0, info_at);
    let mut current_group = None;
    for activity in &matrix.activities {
        if !group_column && activity.group != current_group {
            current_group = activity.group;
            let mut row = vec![String::new(); width];
            row[activity_at] = matrix.group_name_of(activity).to_owned();
            rows.push(SheetRow {
                cells: row,
                section: true,
            });
        }
        let mut row = Vec::with_capacity(width);
        for (i, column) in columns.info.iter().enumerate() {
            if i == role_start {
                row.extend(activity.cells.iter().map(ToString::to_string));
            }
            row.push(info_value(matrix, activity, column));
        }
        if role_start == columns.info.len() {
            row.extend(activity.cells.iter().map(ToString::to_string));
        }
        rows.push(SheetRow::plain(row));
    }

    let group_at = columns
        .info
        .iter()
        .position(|c| matches!(c, InfoColumn::Group(_)))
        .map(info_at);
    for group in matrix
        .groups
        .iter()
        .filter(|g| is_empty_group(matrix, g.id))
    {
        let mut row = vec![String::new(); width];
        match group_at {
            Some(at) => row[at] = group.name.clone(),
            None => row[activity_at] = group.name.clone(),
        }
        rows.push(SheetRow {
            cells: row,
            section: group_at.is_none(),
        });
    }
    rows
}

/// The long sheet: one row per non-empty cell, plus the rows that keep idle roles, bare activities
/// and empty groups (see docs/formats.md).
pub fn long(matrix: &Matrix) -> Vec<SheetRow> {
    let with_groups = !matrix.groups.is_empty();
    let with_role_descriptions = matrix.roles.iter().any(|r| !r.description.is_empty());
    let columns = wide_columns(matrix);
    let info: Vec<&InfoColumn> = columns
        .info
        .iter()
        .filter(|c| {
            matches!(
                c,
                InfoColumn::Description(_) | InfoColumn::Notes(_) | InfoColumn::Field(_)
            )
        })
        .collect();
    let activity_header = matrix
        .columns
        .info
        .iter()
        .find(|c| matches!(c, InfoColumn::Activity(_)))
        .map_or("Activity", InfoColumn::header);
    let group_header = matrix
        .columns
        .info
        .iter()
        .find(|c| matches!(c, InfoColumn::Group(_)))
        .map_or("Group", InfoColumn::header);

    // Long rows find their activity by name; when names repeat, a number tells them apart.
    let mut seen = std::collections::HashSet::new();
    let numbered = !matrix
        .activities
        .iter()
        .all(|a| seen.insert((a.group, a.name.as_str())));

    let positions: std::collections::HashMap<_, _> = if numbered {
        matrix
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect()
    } else {
        Default::default()
    };

    let mut header = Vec::new();
    if with_groups {
        header.push(group_header.to_owned());
    }
    header.push(activity_header.to_owned());
    if numbered {
        header.push(ACTIVITY_NUMBER_HEADER.to_owned());
    }
    header.extend(["Role".into(), "Letters".into()]);
    header.extend(info.iter().map(|c| c.header().to_owned()));
    if with_role_descriptions {
        header.push("Role description".into());
    }
    let width = header.len();
    let mut rows = vec![SheetRow::plain(header)];

    let push = |rows: &mut Vec<SheetRow>,
                group: &str,
                activity: Option<&Activity>,
                role: Option<(&str, &str)>,
                letters: String| {
        let mut row = Vec::with_capacity(width);
        if with_groups {
            row.push(group.to_owned());
        }
        row.push(activity.map_or(String::new(), |a| a.name.clone()));
        if numbered {
            let number = activity
                .and_then(|a| positions.get(&a.id))
                .map_or(String::new(), |i| (i + 1).to_string());
            row.push(number);
        }
        row.push(role.map_or(String::new(), |(name, _)| name.to_owned()));
        row.push(letters);
        for column in &info {
            row.push(activity.map_or(String::new(), |a| info_value(matrix, a, column)));
        }
        if with_role_descriptions {
            row.push(role.map_or(String::new(), |(_, d)| d.to_owned()));
        }
        rows.push(SheetRow::plain(row));
    };

    // Role rows first when the roles' order of first appearance would not give their order back,
    // or when a role has no letters (it would vanish) or a description (it needs a row to sit on).
    if !roles_appear_in_order(matrix) || with_role_descriptions {
        for role in &matrix.roles {
            push(
                &mut rows,
                "",
                None,
                Some((&role.name, &role.description)),
                String::new(),
            );
        }
    }
    for activity in &matrix.activities {
        let group = matrix.group_name_of(activity);
        let mut any = false;
        for (role, cell) in matrix.roles.iter().zip(&activity.cells) {
            if !cell.is_empty() {
                any = true;
                push(
                    &mut rows,
                    group,
                    Some(activity),
                    Some((&role.name, &role.description)),
                    cell.to_string(),
                );
            }
        }
        if !any {
            push(&mut rows, group, Some(activity), None, String::new());
        }
    }
    for group in matrix
        .groups
        .iter()
        .filter(|g| is_empty_group(matrix, g.id))
    {
        push(&mut rows, &group.name, None, None, String::new());
    }
    rows
}

/// The info columns the wide sheet writes: the imported ones, plus any the matrix now needs (a
/// Description, Notes or field column that gained content, a Group column section rows cannot
/// replace). Importing the sheet gives exactly these columns back.
pub fn wide_columns(matrix: &Matrix) -> SheetColumns {
    let mut columns = matrix.columns.clone();
    let has = |columns: &SheetColumns, f: fn(&InfoColumn) -> bool| columns.info.iter().any(f);
    // Columns added in front of the roles shift them right; columns appended go after them.
    let insert = |columns: &mut SheetColumns, at: usize, column: InfoColumn| {
        let appended = at == columns.info.len();
        columns.info.insert(at, column);
        if at < columns.roles_at || (at == columns.roles_at && !appended) {
            columns.roles_at += 1;
        }
    };
    if !has(&columns, |c| matches!(c, InfoColumn::Activity(_))) {
        insert(&mut columns, 0, InfoColumn::Activity("Activity".into()));
    }
    let activity_at = columns
        .info
        .iter()
        .position(|c| matches!(c, InfoColumn::Activity(_)))
        .unwrap_or(0);
    if matrix.activities.iter().any(|a| !a.description.is_empty())
        && !has(&columns, |c| matches!(c, InfoColumn::Description(_)))
    {
        insert(
            &mut columns,
            activity_at + 1,
            InfoColumn::Description("Description".into()),
        );
    }
    if matrix.activities.iter().any(|a| !a.notes.is_empty())
        && !has(&columns, |c| matches!(c, InfoColumn::Notes(_)))
    {
        let end = columns.info.len();
        insert(&mut columns, end, InfoColumn::Notes("Notes".into()));
    }
    for activity in &matrix.activities {
        for name in activity.fields.keys() {
            let known = columns
                .info
                .iter()
                .any(|c| matches!(c, InfoColumn::Field(h) if h == name));
            if !known {
                let end = columns.info.len();
                insert(&mut columns, end, InfoColumn::Field(name.clone()));
            }
        }
    }
    if !has(&columns, |c| matches!(c, InfoColumn::Group(_))) && needs_group_column(matrix) {
        insert(&mut columns, activity_at, InfoColumn::Group("Group".into()));
    }
    columns
}

/// Whether section rows cannot carry this matrix's groups unambiguously. Import reads section
/// rows only in a sheet whose first row is one, and a section row looks exactly like an activity
/// without letters or text.
fn needs_group_column(matrix: &Matrix) -> bool {
    let bare = |a: &Activity| {
        a.cells.iter().all(|c| c.is_empty())
            && a.description.is_empty()
            && a.notes.is_empty()
            && a.fields.values().all(|v| v.is_empty())
    };
    let Some(first) = matrix.activities.first() else {
        return false;
    };
    if bare(first) {
        return true;
    }
    if matrix.groups.is_empty() {
        return false;
    }
    // Section rows cannot say that an activity after a group belongs to no group.
    let mut seen_group = false;
    let ungrouped_after_group = matrix.activities.iter().any(|a| {
        seen_group |= a.group.is_some();
        seen_group && a.group.is_none()
    });
    // A sheet without a single letter is read as a list of activities, never of headings.
    let no_letters = matrix
        .activities
        .iter()
        .all(|a| a.cells.iter().all(|c| c.letters.is_empty()));
    first.group.is_none()
        || ungrouped_after_group
        || no_letters
        || matrix.activities.iter().any(bare)
}

fn is_empty_group(matrix: &Matrix, group: GroupId) -> bool {
    !matrix.activities.iter().any(|a| a.group == Some(group))
}

fn roles_appear_in_order(matrix: &Matrix) -> bool {
    let mut seen = vec![false; matrix.roles.len()];
    let mut order = Vec::with_capacity(matrix.roles.len());
    for activity in &matrix.activities {
        for (i, cell) in activity.cells.iter().enumerate() {
            if !cell.is_empty() && !seen[i] {
                seen[i] = true;
                order.push(i);
            }
        }
    }
    order.len() == matrix.roles.len() && order.iter().enumerate().all(|(i, r)| i == *r)
}

fn info_value(matrix: &Matrix, activity: &Activity, column: &InfoColumn) -> String {
    match column {
        InfoColumn::Activity(_) => activity.name.clone(),
        InfoColumn::Group(_) => matrix.group_name_of(activity).to_owned(),
        InfoColumn::Description(_) => activity.description.clone(),
        InfoColumn::Notes(_) => activity.notes.clone(),
        InfoColumn::Field(name) => activity.fields.get(name).cloned().unwrap_or_default(),
    }
}
