//! What a change did to the findings, in the few words a screen reader announces: "New: ...
//! Resolved: ... Findings now: ...", not the whole list again.

use super::{Finding, changes, counts};

/// What a change did to the findings, in a few words: the first new and resolved findings, then
/// how many more, then the counts now. Empty when nothing appeared or went away.
pub fn announce(before: &[Finding], now: &[Finding]) -> String {
    announce_counted(before, now, &counts(now))
}

/// [`announce`] with the counts now already in words: `before` and `now` may be the parts of
/// two lists that hold every place that changed.
pub(super) fn announce_counted(before: &[Finding], now: &[Finding], counts: &str) -> String {
    const NAMED: usize = 3;
    let (appeared, gone) = changes(before, now);
    if appeared.is_empty() && gone.is_empty() {
        return String::new();
    }
    let list = |label: &str, findings: &[&Finding]| {
        if findings.is_empty() {
            return String::new();
        }
        let mut text = format!("{label}: ");
        let named: Vec<&str> = findings.iter().take(NAMED).map(|f| &*f.message).collect();
        text.push_str(&named.join(" "));
        if findings.len() > NAMED {
            text.push_str(&format!(" And {} more.", findings.len() - NAMED));
        }
        text.push(' ');
        text
    };
    format!(
        "{}{}Findings now: {counts}.",
        list("New", &appeared),
        list("Resolved", &gone),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::model::{Cell, Letter, Letters};
    use crate::rules::{RuleSettings, check};

    #[test]
    fn an_announcement_names_what_appeared_and_what_went_away() {
        let mut m = example();
        let settings = RuleSettings::default();
        let before = check(&m, &settings);
        assert_eq!(announce(&before, &before), "");
        // Two Accountables on the first activity: one new finding.
        let extra = m.activities[0]
            .cells
            .iter()
            .position(|c| !c.letters.contains(Letter::A))
            .unwrap();
        m.activities[0].cells[extra] = Cell::letters(Letters::only(Letter::A));
        let after = check(&m, &settings);
        let said = announce(&before, &after);
        assert!(said.starts_with("New: "), "{said}");
        assert!(
            said.ends_with(&format!("Findings now: {}.", counts(&after))),
            "{said}"
        );
        let back = announce(&after, &before);
        assert!(back.starts_with("Resolved: "), "{back}");
    }

    #[test]
    fn an_announcement_names_three_and_counts_the_rest() {
        let m = example();
        let now = check(&m, &RuleSettings::default());
        assert!(now.len() > 3, "the example has findings");
        let said = announce(&[], &now);
        let named: Vec<&str> = now.iter().take(3).map(|f| &*f.message).collect();
        assert!(
            said.starts_with(&format!("New: {}", named.join(" "))),
            "{said}"
        );
        assert!(
            said.contains(&format!(" And {} more. ", now.len() - 3)),
            "{said}"
        );
    }
}
