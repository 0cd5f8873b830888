//! The findings as a report: CSV for spreadsheets and Markdown for wikis.

use std::fmt::Write;

use super::csv::{CsvOptions, write_rows};
use super::markdown::escape_markdown;
use super::sheet::SheetRow;
use crate::model::Matrix;
use crate::rules::{self, Finding, Severity};

/// One row per finding: severity, rule, activity, role, finding, why, fix.
pub fn findings_csv(matrix: &Matrix, findings: &[Finding], options: &CsvOptions) -> Vec<u8> {
    let header = [
        "Severity", "Rule", "Activity", "Role", "Finding", "Why", "Fix",
    ];
    let mut rows = vec![SheetRow {
        cells: header.iter().map(|h| (*h).to_owned()).collect(),
        section: false,
    }];
    rows.extend(findings.iter().map(|f| {
        let (activity, role) = names(matrix, f);
        SheetRow {
            cells: vec![
                f.severity.as_str().to_owned(),
                f.rule.as_str().to_owned(),
                activity,
                role,
                f.message.to_string(),
                f.why.to_string(),
                f.fix.to_string(),
            ],
            section: false,
        }
    }));
    write_rows(&rows, options)
}

/// A Markdown report: counts, then the findings grouped by severity.
pub fn findings_markdown(matrix: &Matrix, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Findings: {}\n", escape_markdown(&matrix.title));
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    if findings.is_empty() {
        out.push_str("No findings: every activity has one Accountable and someone Responsible.\n");
        return out;
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "{}, {}: {}.\n",
        plural(matrix.activities.len(), "activity", "activities"),
        plural(matrix.roles.len(), "role", "roles"),
        rules::counts(findings)
    );
    for severity in Severity::ALL {
        if count(severity) == 0 {
            continue;
        }
        let _ = writeln!(out, "## {} ({})\n", severity.heading(), count(severity));
        for f in findings.iter().filter(|f| f.severity == severity) {
            let _ = writeln!(
                out,
                "- **{}** `{}`<br>Why: {}<br>Fix: {}",
                escape_markdown(&f.message),
                f.rule.as_str(),
                escape_markdown(&f.why),
                escape_markdown(&f.fix)
            );
        }
        out.push('\n');
    }
    out
}

fn names(matrix: &Matrix, finding: &Finding) -> (String, String) {
    let activity = finding
        .activity
        .and_then(|a| matrix.activity(a))
        .map_or(String::new(), |a| a.name.clone());
    let role = finding
        .role
        .and_then(|r| matrix.role(r))
        .map_or(String::new(), |r| r.name.clone());
    (activity, role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    fn sample() -> (Matrix, Vec<Finding>) {
        let mut m = Matrix::new("Ops");
        let role = m.push_role("Security");
        let activity = m.push_activity("Patch hosts", None);
        let findings = vec![
            Finding {
                rule: RuleId::MissingAccountable,
                severity: Severity::Gap,
                activity: Some(activity),
                role: None,
                message: "\"Patch hosts\" has no Accountable.".into(),
                why: "Nobody answers for the outcome.".into(),
                fix: "Give one role the A.".into(),
                accepted: None,
            },
            Finding {
                rule: RuleId::IdleRole,
                severity: Severity::Warning,
                activity: None,
                role: Some(role),
                message: "Security has no letters.".into(),
                why: "Is the role needed?".into(),
                fix: "Assign or remove it.".into(),
                accepted: None,
            },
        ];
        (m, findings)
    }

    #[test]
    fn findings_csv_names_activity_and_role() {
        let (m, findings) = sample();
        let text = String::from_utf8(findings_csv(&m, &findings, &CsvOptions::default())).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "\u{feff}Severity,Rule,Activity,Role,Finding,Why,Fix"
        );
        assert_eq!(
            lines[1],
            "gap,missing-accountable,Patch hosts,,\"\"\"Patch hosts\"\" has no Accountable.\",Nobody answers for the outcome.,Give one role the A."
        );
        assert!(lines[2].starts_with("warning,idle-role,,Security,"));
    }

    #[test]
    fn findings_markdown_groups_by_severity_with_counts() {
        let (m, findings) = sample();
        let text = findings_markdown(&m, &findings);
        assert!(
            text.contains("1 activity, 1 role: 0 conflicts, 1 gap, 1 warning."),
            "{text}"
        );
        assert!(
            text.contains(
                "## Gaps (1)\n\n- **\"Patch hosts\" has no Accountable.** `missing-accountable`"
            ),
            "{text}"
        );
        assert!(text.contains("## Warnings (1)"));
        assert!(!text.contains("## Conflicts"));
        assert!(findings_markdown(&m, &[]).contains("No findings"));
    }
}
