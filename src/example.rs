//! The example matrix shown on first visit: a cloud operating model in the spirit of the AWS
//! Prescriptive Guidance RACI/RASCI pattern, with a few real findings left in for the room to fix.

use crate::model::{Cell, InfoColumn, Letter, Letters, Matrix, SheetColumns};

const ROLES: [(&str, &str); 7] = [
    ("Cloud CoE", "Cloud Centre of Excellence lead"),
    ("Platform team", "Landing zone and shared services"),
    ("Security", "Cloud security engineering"),
    ("Networking", ""),
    ("FinOps", "Cloud financial management"),
    ("App teams", "Workload owners"),
    ("Enterprise architecture", ""),
];

/// (group, activity, description, letters per role in ROLES order).
const ROWS: [(&str, &str, &str, [&str; 7]); 15] = [
    (
        "Governance",
        "Define cloud strategy and guardrails",
        "Principles, policies, guardrails",
        ["A/R", "C", "C", "", "C", "I", ""],
    ),
    (
        "Governance",
        "Maintain the RACI matrix",
        "Review twice a year (OPS02-BP04)",
        ["A/R", "C", "C", "C", "C", "C", ""],
    ),
    (
        "Governance",
        "Approve exceptions to guardrails",
        "",
        ["A", "C", "A", "", "", "I", ""],
    ),
    (
        "Platform",
        "Design the account structure",
        "Organizational units and accounts",
        ["A", "R", "C", "C", "I", "I", ""],
    ),
    (
        "Platform",
        "Provision new accounts",
        "Account vending",
        ["I", "A/R", "C", "C", "I", "I", ""],
    ),
    (
        "Platform",
        "Design network connectivity",
        "Transit, DNS, hybrid links",
        ["I", "C", "C", "A/R", "", "I", ""],
    ),
    (
        "Platform",
        "Define backup and restore policy",
        "RPO/RTO per data class",
        ["", "", "", "", "", "", ""],
    ),
    (
        "Security",
        "Manage identity and access",
        "Federation, permission sets",
        ["I", "R", "A", "", "", "C", ""],
    ),
    (
        "Security",
        "Respond to security incidents",
        "",
        ["I", "C", "A/R", "C", "", "R", ""],
    ),
    (
        "Security",
        "Run vulnerability management",
        "",
        ["", "R", "A", "", "", "R/C", ""],
    ),
    (
        "Operations",
        "Monitor workloads and alert",
        "",
        ["", "C", "I", "", "", "A/R", ""],
    ),
    (
        "Operations",
        "Manage production changes",
        "Change approval",
        ["", "C", "C", "C", "", "R", ""],
    ),
    (
        "Operations",
        "Patch operating systems",
        "",
        ["", "R", "C", "", "", "A/R", ""],
    ),
    (
        "Financial management",
        "Set budgets and cost alerts",
        "",
        ["C", "C", "", "", "A/R", "I", ""],
    ),
    (
        "Financial management",
        "Maintain the tagging strategy",
        "Cost allocation tags",
        ["C", "R", "C", "", "R", "I", ""],
    ),
];

/// A fresh copy of the example matrix.
pub fn example() -> Matrix {
    let mut matrix = Matrix::new("Cloud operating model");
    for (name, description) in ROLES {
        matrix.push_role(name);
        if let Some(role) = matrix.roles.last_mut() {
            role.description = description.to_owned();
        }
    }
    for (group, name, description, letters) in ROWS {
        let group = matrix.group_named(group);
        matrix.push_activity(name, Some(group));
        if let Some(activity) = matrix.activities.last_mut() {
            activity.description = description.to_owned();
            activity.cells = letters.iter().map(|text| cell(text)).collect();
        }
    }
    matrix.columns = SheetColumns {
        info: vec![
            InfoColumn::Group("Phase".into()),
            InfoColumn::Activity("Activity".into()),
            InfoColumn::Description("Description".into()),
        ],
        roles_at: 3,
    };
    let stewardship = &mut matrix.record.stewardship;
    "Cloud CoE".clone_into(&mut stewardship.matrix_owner);
    "Head of Cloud Platform".clone_into(&mut stewardship.escalation_owner);
    matrix
}

/// Parses the canonical spelling used above ("A/R"); the example is ours, so it is well formed.
fn cell(text: &str) -> Cell {
    let letters: Letters = text
        .split('/')
        .filter_map(|part| part.chars().next().and_then(Letter::from_char))
        .collect();
    Cell::letters(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_a_realistic_operating_model() {
        let m = example();
        assert_eq!(m.roles.len(), 7);
        assert_eq!(m.activities.len(), 15);
        assert_eq!(m.groups.len(), 5);
        assert!(m.activities.iter().all(|a| a.cells.len() == m.roles.len()));
        let vuln = &m.activities[9];
        assert_eq!(vuln.cells[5].to_string(), "R/C");
    }
}
