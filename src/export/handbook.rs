//! The role handbook: one Markdown section per role, what it is Accountable for, Responsible
//! for, Consulted on and Informed about, grouped by group, with whom to escalate to; ready to
//! paste into a wiki.

use std::fmt::Write;

use super::markdown::escape_markdown;
use crate::model::{Date, Matrix};
use crate::publish::{RoleCard, role_cards};

/// The handbook of `matrix`, dated `today`.
pub fn handbook(matrix: &Matrix, today: Date) -> String {
    let esc = |text: &str| escape_markdown(text);
    let mut out = String::new();
    let _ = writeln!(out, "# Role handbook: {}\n", esc(&matrix.title));
    let letters: Vec<String> = matrix
        .scheme
        .letters()
        .iter()
        .map(|(l, name)| format!("{l} {name}"))
        .collect();
    let _ = writeln!(
        out,
        "Who does what, one section per role ({}: {}). Exported from RACI Workshop on {today}.\n",
        matrix.scheme.name(),
        letters.join(", ")
    );
    let cards = role_cards(matrix);
    if cards.is_empty() {
        out.push_str("The matrix has no roles yet.\n");
    }
    // With groups in the matrix, activities outside them are labelled too.
    let grouped = !matrix.groups.is_empty();
    for card in &cards {
        write_card(&mut out, card, grouped);
    }
    out
}

fn write_card(out: &mut String, card: &RoleCard, grouped: bool) {
    let esc = |text: &str| escape_markdown(text);
    let _ = writeln!(out, "## {}\n", esc(&card.name));
    if !card.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", esc(&card.description));
    }
    for duty in &card.duties {
        let count = duty.count();
        if count == 0 {
            let _ = writeln!(out, "**{}:** nothing.\n", duty.phrase);
            continue;
        }
        let _ = writeln!(out, "### {} ({count})\n", duty.phrase);
        for (group, activities) in &duty.groups {
            if grouped {
                let name = group.as_deref().map_or("Not in a group".to_owned(), esc);
                let _ = writeln!(out, "*{name}*\n");
            }
            for activity in activities {
                let _ = writeln!(out, "- {}", esc(activity));
            }
            out.push('\n');
        }
    }
    out.push_str("### Escalation\n\n");
    if card.escalation.is_empty() {
        out.push_str("No escalation owner is named in the matrix.\n\n");
    }
    for contact in &card.escalation {
        let _ = writeln!(out, "- {}: {}", contact.what, esc(&contact.who));
    }
    if !card.escalation.is_empty() {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letter, Letters};

    #[test]
    fn one_section_per_role_grouped_and_escaped() {
        let mut m = Matrix::new("Cloud | ops");
        m.push_role("Ops *team*");
        m.push_role("Security");
        let run = m.group_named("Run");
        m.push_activity("Deploy <prod>", Some(run));
        m.push_activity("Write policy", None);
        m.activities[0].cells[0] = Cell::letters([Letter::A, Letter::R].into_iter().collect());
        m.activities[1].cells[0] = Cell::letters(Letters::only(Letter::C));
        m.record.stewardship.escalation_owner = "Head of Platform".into();
        let md = handbook(&m, "2026-11-30".parse().expect("a date"));
        assert!(md.starts_with("# Role handbook: Cloud \\| ops\n"), "{md}");
        assert!(md.contains("on 2026-11-30"));
        assert!(md.contains("## Ops \\*team\\*\n"), "{md}");
        assert!(
            md.contains("### Accountable for (1)\n\n*Run*\n\n- Deploy \\<prod\\>\n"),
            "{md}"
        );
        assert!(
            md.contains("### Consulted on (1)\n\n*Not in a group*\n\n- Write policy\n"),
            "{md}"
        );
        assert!(md.contains("**Informed about:** nothing."), "{md}");
        assert!(md.contains("- Escalation owner: Head of Platform"), "{md}");
        assert_eq!(md.matches("\n## ").count(), 2, "a section per role");
        assert!(
            md.contains("## Security\n\n**Accountable for:** nothing."),
            "{md}"
        );
    }
}
