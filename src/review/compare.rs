//! Comparing the matrix with another file (what teams say they do, another team's copy): matched
//! by name, as the importer reads names, because two files share no ids. The other matrix is
//! never applied as a whole; each difference can be adopted on its own, as one edit.

use std::collections::HashMap;

use crate::edit::Edit;
use crate::model::{ActivityId, Cell, Matrix, RoleId};

/// A cell that reads differently in the other file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellDifference {
    pub activity: ActivityId,
    pub role: RoleId,
    pub activity_name: String,
    pub role_name: String,
    /// The cell in the current matrix.
    pub ours: Cell,
    /// The cell in the other file.
    pub theirs: Cell,
}

impl CellDifference {
    /// The edit that takes the other file's value into the current matrix.
    pub fn adopt(&self) -> Edit {
        Edit::SetCell {
            activity: self.activity,
            role: self.role,
            cell: self.theirs.clone(),
        }
    }

    /// "Deploy to production / Ops: R here, A/R in the file".
    pub fn words(&self) -> String {
        format!(
            "{} / {}: {} here, {} in the file",
            self.activity_name,
            self.role_name,
            shown(&self.ours),
            shown(&self.theirs)
        )
    }
}

fn shown(cell: &Cell) -> String {
    if cell.is_empty() {
        "(blank)".to_owned()
    } else {
        cell.to_string()
    }
}

/// Every difference between the current matrix and another one, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Cells of activities and roles both have, whose values differ; in the current order.
    pub cells: Vec<CellDifference>,
    /// Activities and roles only one side has, by name as that side writes it.
    pub activities_only_here: Vec<String>,
    pub activities_only_there: Vec<String>,
    pub roles_only_here: Vec<String>,
    pub roles_only_there: Vec<String>,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
            && self.activities_only_here.is_empty()
            && self.activities_only_there.is_empty()
            && self.roles_only_here.is_empty()
            && self.roles_only_there.is_empty()
    }

    /// One edit that adopts every differing cell of the other file, or None when none differ.
    pub fn adopt_all(&self) -> Option<Edit> {
        (!self.cells.is_empty()).then(|| Edit::Batch {
            edits: self.cells.iter().map(CellDifference::adopt).collect(),
        })
    }

    /// "3 cells differ; 1 activity only here; 2 roles only in the file", or "No differences".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let count = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if !self.cells.is_empty() {
            parts.push(format!(
                "{} {}",
                count(self.cells.len(), "cell", "cells"),
                if self.cells.len() == 1 {
                    "differs"
                } else {
                    "differ"
                }
            ));
        }
        let sides = [
            (
                &self.activities_only_here,
                "activity",
                "activities",
                "only here",
            ),
            (
                &self.activities_only_there,
                "activity",
                "activities",
                "only in the file",
            ),
            (&self.roles_only_here, "role", "roles", "only here"),
            (&self.roles_only_there, "role", "roles", "only in the file"),
        ];
        for (names, one, many, side) in sides {
            if !names.is_empty() {
                parts.push(format!("{} {side}", count(names.len(), one, many)));
            }
        }
        if parts.is_empty() {
            "No differences".to_owned()
        } else {
            parts.join("; ")
        }
    }
}

/// A name as compared: trimmed, inner runs of spaces made one, case ignored.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Compares `current` with `other` by activity and role names.
pub fn compare(current: &Matrix, other: &Matrix) -> Comparison {
    let index = |names: Vec<&str>| {
        let mut map = HashMap::new();
        for (i, name) in names.into_iter().enumerate() {
            map.entry(name_key(name)).or_insert(i);
        }
        map
    };
    let their_roles = index(other.roles.iter().map(|r| r.name.as_str()).collect());
    let their_activities = index(other.activities.iter().map(|a| a.name.as_str()).collect());
    let our_roles = index(current.roles.iter().map(|r| r.name.as_str()).collect());
    let our_activities = index(current.activities.iter().map(|a| a.name.as_str()).collect());

    // Our column index -> theirs, for roles both have.
    let columns: Vec<Option<usize>> = current
        .roles
        .iter()
        .map(|r| their_roles.get(&name_key(&r.name)).copied())
        .collect();
    let mut comparison = Comparison::default();
    for activity in &current.activities {
        let Some(&theirs) = their_activities.get(&name_key(&activity.name)) else {
            comparison.activities_only_here.push(activity.name.clone());
            continue;
        };
        let their_cells = &other.activities[theirs].cells;
        for (ri, role) in current.roles.iter().enumerate() {
            let Some(tc) = columns[ri] else { continue };
            let (ours, theirs) = (&activity.cells[ri], &their_cells[tc]);
            if ours != theirs {
                comparison.cells.push(CellDifference {
                    activity: activity.id,
                    role: role.id,
                    activity_name: activity.name.clone(),
                    role_name: role.name.clone(),
                    ours: ours.clone(),
                    theirs: theirs.clone(),
                });
            }
        }
    }
    comparison.activities_only_there = other
        .activities
        .iter()
        .filter(|a| !our_activities.contains_key(&name_key(&a.name)))
        .map(|a| a.name.clone())
        .collect();
    comparison.roles_only_here = current
        .roles
        .iter()
        .zip(&columns)
        .filter(|(_, c)| c.is_none())
        .map(|(r, _)| r.name.clone())
        .collect();
    comparison.roles_only_there = other
        .roles
        .iter()
        .filter(|r| !our_roles.contains_key(&name_key(&r.name)))
        .map(|r| r.name.clone())
        .collect();
    comparison
}
