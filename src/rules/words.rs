//! The wording of every finding: what is wrong, why it matters and how to fix it, in the scheme's
//! own letter names (DACI says Approver and Driver where RACI says Accountable and Responsible).
//!
//! Only findings pay for strings: the engine calls these functions once per finding, never per cell.

use crate::model::{Letter, Letters, Scheme};

/// The three sentences of one finding.
pub(super) struct Text {
    pub message: String,
    pub why: String,
    pub fix: String,
}

fn text(message: String, why: String, fix: String) -> Text {
    Text { message, why, fix }
}

/// What the scheme calls `letter` ("Accountable", "Approver"), or the bare letter for one it lacks.
fn called(scheme: Scheme, letter: Letter) -> String {
    scheme
        .letter_name(letter)
        .map_or_else(|| letter.to_string(), str::to_owned)
}

/// "A/R" in RACI, "A/D" in DACI: the one combination that is normal in a cell.
fn owner_doing(scheme: Scheme) -> Letters {
    Letters::only(scheme.owner()).with(scheme.doer())
}

/// The scheme's letters as a list a person reads: "R, A, C, I".
fn letter_list(scheme: Scheme) -> String {
    let letters: Vec<String> = scheme
        .letters()
        .iter()
        .map(|(l, _)| l.to_string())
        .collect();
    letters.join(", ")
}

pub(super) fn missing_owner(scheme: Scheme, activity: &str) -> Text {
    let owner = called(scheme, scheme.owner());
    text(
        format!("\"{activity}\" has no {owner}."),
        format!(
            "Without an {owner} nobody answers for the outcome or signs it off; \
             PMBOK asks for exactly one per activity."
        ),
        format!(
            "Mark the one role that owns the outcome as {owner} ({}).",
            scheme.owner()
        ),
    )
}

pub(super) fn multiple_owners(scheme: Scheme, activity: &str, roles: &[&str]) -> Text {
    let owner = called(scheme, scheme.owner());
    let doer = called(scheme, scheme.doer());
    let adviser = called(scheme, scheme.adviser());
    let names: Vec<String> = roles.iter().map(|r| format!("\"{r}\"")).collect();
    text(
        format!(
            "\"{activity}\" has {} roles marked {owner}: {}.",
            roles.len(),
            names.join(", ")
        ),
        format!(
            "When several roles are {owner}, each can assume another one decides, \
             so the outcome has no single owner."
        ),
        format!(
            "Keep {owner} on the one role that owns the outcome and make the others \
             {doer} or {adviser}."
        ),
    )
}

pub(super) fn missing_doer(scheme: Scheme, activity: &str) -> Text {
    let doer = called(scheme, scheme.doer());
    text(
        format!("\"{activity}\" has no {doer}."),
        format!("Without a {doer} role the work may not get done."),
        format!(
            "Mark the role that does the work as {doer} ({}); the {} may also do it ({}).",
            scheme.doer(),
            called(scheme, scheme.owner()),
            owner_doing(scheme)
        ),
    )
}

pub(super) fn abandoned(scheme: Scheme, activity: &str) -> Text {
    text(
        format!("\"{activity}\" has no letters at all."),
        "Nobody is assigned to it: it is an abandoned responsibility, \
         the kind AWS OPS02-BP04 asks teams to find."
            .to_owned(),
        format!(
            "Mark one role {} and at least one {}, or delete the activity if it is no longer needed.",
            called(scheme, scheme.owner()),
            called(scheme, scheme.doer())
        ),
    )
}

/// More doers than the team allows; `exactly_one` when the setting demands a single one.
pub(super) fn too_many_doers(
    scheme: Scheme,
    activity: &str,
    count: usize,
    limit: usize,
    exactly_one: bool,
) -> Text {
    let doer = called(scheme, scheme.doer());
    if exactly_one {
        text(
            format!("\"{activity}\" has {count} roles marked {doer}; this matrix allows only one."),
            format!(
                "The team asks for exactly one {doer} per activity so that it is clear \
                 who does the work."
            ),
            format!(
                "Keep {doer} on the role that does the work and give the others another letter, \
                 or split the activity."
            ),
        )
    } else {
        text(
            format!("\"{activity}\" has {count} roles marked {doer} (more than {limit})."),
            "When many roles share the work each may wait for the others, \
             and the activity is probably several activities."
                .to_owned(),
            format!("Consider splitting the activity so that each part has few {doer} roles."),
        )
    }
}

pub(super) fn too_many_advisers(
    scheme: Scheme,
    activity: &str,
    count: usize,
    limit: usize,
) -> Text {
    let adviser = called(scheme, scheme.adviser());
    text(
        format!("\"{activity}\" has {count} roles marked {adviser} (more than {limit})."),
        format!("Each {adviser} role is a two-way conversation that slows the work down."),
        format!(
            "Keep {adviser} for the roles whose input changes the result; \
             mark the others {} or leave them out.",
            called(scheme, Letter::I)
        ),
    )
}

pub(super) fn idle_role(role: &str) -> Text {
    text(
        format!("\"{role}\" has no letters on any activity."),
        "A role that takes part in nothing may not be needed, or its part was forgotten."
            .to_owned(),
        "Give the role the letters it should have, or remove it from the matrix.".to_owned(),
    )
}

pub(super) fn role_without_ownership(scheme: Scheme, role: &str) -> Text {
    let doer = called(scheme, scheme.doer());
    let owner = called(scheme, scheme.owner());
    text(
        format!("\"{role}\" is never {doer} or {owner}."),
        "The role only advises or is kept informed, so it owns none of the work; \
         check that this is intended."
            .to_owned(),
        format!(
            "Mark it {} or {} where it does or owns the work, or confirm it is there only to advise.",
            scheme.doer(),
            scheme.owner()
        ),
    )
}

pub(super) fn overloaded_role(
    scheme: Scheme,
    role: &str,
    count: usize,
    total: usize,
    limit_percent: u8,
) -> Text {
    // Rounded down, so that "60%" is never shown for a share that did not pass a 60% limit.
    let percent = count * 100 / total.max(1);
    text(
        format!(
            "\"{role}\" holds {} or {} on {count} of {total} activities \
             ({percent}%; the limit is {limit_percent}%).",
            scheme.doer(),
            scheme.owner()
        ),
        "A role that does or owns most of the work may not keep up, \
         and decisions queue up behind it."
            .to_owned(),
        format!(
            "Push {} down to the roles closer to the work, or share the {} load.",
            called(scheme, scheme.owner()),
            called(scheme, scheme.doer())
        ),
    )
}

pub(super) fn unrecognised_value(scheme: Scheme, activity: &str, role: &str, value: &str) -> Text {
    text(
        format!("\"{role}\" on \"{activity}\" reads \"{value}\", which is not a {scheme} letter."),
        "The rules cannot count a value they do not understand, \
         so this role's part is invisible to them."
            .to_owned(),
        format!(
            "Replace it with the letters {scheme} uses ({}), or clear the cell.",
            letter_list(scheme)
        ),
    )
}

/// A cell holding `foreign` letters the scheme lacks; `cell` is everything in it.
pub(super) fn foreign_letters(
    scheme: Scheme,
    activity: &str,
    role: &str,
    foreign: Letters,
    cell: Letters,
) -> Text {
    let fits = Scheme::ALL
        .into_iter()
        .find(|s| cell.iter().all(|l| s.has(l)));
    let fix = match fits {
        Some(other) => format!(
            "Switch the matrix to {other}, which has {foreign}, or use {scheme}'s letters ({}).",
            letter_list(scheme)
        ),
        None => format!("Use {scheme}'s letters ({}) instead.", letter_list(scheme)),
    };
    text(
        format!("\"{role}\" on \"{activity}\" holds {foreign}, which {scheme} does not have."),
        "The rules only count the scheme's own letters, so this role's part is invisible to them."
            .to_owned(),
        fix,
    )
}

pub(super) fn mixed_letters(scheme: Scheme, activity: &str, role: &str, cell: Letters) -> Text {
    let normal = owner_doing(scheme);
    text(
        format!("\"{role}\" on \"{activity}\" is marked {cell}."),
        format!(
            "Apart from {normal}, several letters in one cell usually mean \
             the role's part is not settled yet."
        ),
        format!(
            "Agree on the one letter that fits; {normal} is fine when the owner also does the work."
        ),
    )
}

pub(super) fn repeated_activity(name: &str, first: &str) -> Text {
    text(
        format!(
            "\"{name}\" has the same name as an earlier activity{}.",
            earlier(name, first)
        ),
        "Two activities with one name make the matrix ambiguous: \
         people cannot tell which row they own."
            .to_owned(),
        "Rename one of them to say how they differ, or merge them into one row.".to_owned(),
    )
}

pub(super) fn repeated_role(name: &str, first: &str) -> Text {
    text(
        format!(
            "\"{name}\" has the same name as an earlier role{}.",
            earlier(name, first)
        ),
        "Two roles with one name make the matrix ambiguous: \
         nobody can tell which column is theirs."
            .to_owned(),
        "Rename one of the roles, or merge their columns.".to_owned(),
    )
}

/// Shows the earlier spelling only when it differs ("Deploy" vs "deploy "), where it helps to find it.
fn earlier(name: &str, first: &str) -> String {
    if name == first {
        String::new()
    } else {
        format!(", \"{first}\"")
    }
}
