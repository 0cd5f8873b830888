//! The rules engine: one pass over the cells with per-role tallies, then the per-role and name rules.
//!
//! The pass allocates nothing per cell: letters are compared as bit masks and counted in plain
//! integers; strings are built only for the findings it reports. That keeps a full check of
//! 1,000 x 50 cells far below a millisecond, so every edit simply re-runs it.

use super::Finding;
use super::settings::{ResponsibleRule, RuleId, RuleSettings, Severity};
use super::words::{self, Text};
use crate::model::{Activity, Cell, Letter, Letters, Matrix, Role, Scheme};

/// Sort key of a finding: severity, then activity order (role-only findings after every activity),
/// then role order (the activity's own findings before its cells), then rule order.
pub(super) type Key = (Severity, u32, u32, RuleId);

/// Where a finding points: an activity and/or a role, each with its position in the matrix.
type Place<'m> = (Option<(usize, &'m Activity)>, Option<(usize, &'m Role)>);

/// What the pass learns about one role column.
#[derive(Clone, Copy, Default)]
pub(super) struct RoleTally {
    /// Some cell holds letters.
    pub lettered: bool,
    /// Some cell holds anything, letters or an unrecognised value.
    pub occupied: bool,
    /// Activities on which the role is the doer or the owner.
    pub owning: usize,
}

/// The letters of a cell as a bit mask, so that the hot loop compares and counts with integer
/// operations.
fn mask(letters: Letters) -> u8 {
    letters.bits()
}

fn bit(letter: Letter) -> u8 {
    Letters::only(letter).bits()
}

/// Collects findings with their sort keys; knows which rules are switched on.
pub(super) struct Report<'a> {
    settings: &'a RuleSettings,
    /// `settings.disabled` looked up once, not once per activity.
    enabled: [bool; RuleId::ALL.len()],
    pub found: Vec<(Key, Finding)>,
}

impl Report<'_> {
    pub fn new(settings: &RuleSettings) -> Report<'_> {
        Report {
            settings,
            enabled: RuleId::ALL.map(|r| settings.is_enabled(r)),
            found: Vec::new(),
        }
    }

    fn on(&self, rule: RuleId) -> bool {
        self.enabled[rule as usize]
    }

    fn push(&mut self, rule: RuleId, severity: Severity, (activity, role): Place, text: Text) {
        let key = (
            severity,
            activity.map_or(u32::MAX, |(i, _)| i as u32),
            role.map_or(0, |(i, _)| i as u32 + 1),
            rule,
        );
        self.found.push((
            key,
            Finding {
                rule,
                severity,
                activity: activity.map(|(_, a)| a.id),
                role: role.map(|(_, r)| r.id),
                message: text.message.into(),
                why: text.why.into(),
                fix: text.fix.into(),
                accepted: None,
            },
        ));
    }
}

/// Checks `matrix` against every enabled rule; see [`super::check`].
pub(super) fn run(matrix: &Matrix, settings: &RuleSettings) -> Vec<Finding> {
    let scheme = matrix.scheme;
    let mut report = Report::new(settings);
    let masks = SchemeMasks::of(scheme);
    let mut tallies = vec![RoleTally::default(); matrix.roles.len()];
    let mut row = Vec::with_capacity(matrix.roles.len());
    for (ai, activity) in matrix.activities.iter().enumerate() {
        check_activity(
            matrix,
            masks,
            (ai, activity),
            &mut row,
            &mut tallies,
            &mut report,
        );
    }
    check_roles(matrix, scheme, &tallies, &mut report);
    check_names(matrix, &mut report);

    let mut found = report.found;
    // Keys are unique (one finding per rule and place), so an unstable sort is still deterministic.
    found.sort_unstable_by_key(|(key, _)| *key);
    found.into_iter().map(|(_, f)| f).collect()
}

/// The scheme's letters that the rules count, as bit masks.
#[derive(Clone, Copy)]
pub(super) struct SchemeMasks {
    scheme: Scheme,
    owner: u8,
    doer: u8,
    adviser: u8,
    /// Every letter the scheme has.
    known: u8,
}

impl SchemeMasks {
    /// What a cell's code (see [`check_activity`]) adds to its role's column: (occupied,
    /// lettered, owning), each 0 or 1.
    pub fn column_share(self, code: u16) -> [u32; 3] {
        let [letters, unreadable] = code.to_le_bytes();
        [
            u32::from(letters != 0 || unreadable != 0),
            u32::from(letters != 0),
            u32::from(letters & (self.owner | self.doer) != 0),
        ]
    }

    pub fn of(scheme: Scheme) -> SchemeMasks {
        SchemeMasks {
            scheme,
            owner: bit(scheme.owner()),
            doer: bit(scheme.doer()),
            adviser: bit(scheme.adviser()),
            known: scheme.letters().iter().fold(0, |m, (l, _)| m | bit(*l)),
        }
    }
}

/// The horizontal analysis of one activity, feeding the per-role tallies on the way. Leaves the
/// row's cell codes in `row` (letters in the low byte, "unreadable" above).
pub(super) fn check_activity(
    matrix: &Matrix,
    masks: SchemeMasks,
    (ai, activity): (usize, &Activity),
    row: &mut Vec<u16>,
    tallies: &mut [RoleTally],
    report: &mut Report,
) {
    let SchemeMasks {
        scheme,
        owner,
        doer,
        adviser,
        known,
    } = masks;
    let check_cells = report.on(RuleId::UnresolvedCell);

    let (mut owners, mut doers, mut advisers) = (0usize, 0usize, 0usize);
    let mut occupied = false;
    // First copy the row into a compact buffer (letters in the low byte, "unreadable" above):
    // this tight loop lets the processor stream the cells from memory, which is what a million
    // cells are bound by; the counting below then runs on a buffer that sits in L1.
    row.clear();
    row.extend(
        activity
            .cells
            .iter()
            .map(|c| u16::from(mask(c.letters)) | u16::from(c.unrecognised.is_some()) << 8),
    );
    for ((ri, &code), tally) in row.iter().enumerate().zip(tallies.iter_mut()) {
        // Branch-free on purpose: blank and filled cells are mixed at random, and a branch per
        // cell would be mispredicted often enough to double the time of the whole check.
        let [letters, unreadable] = code.to_le_bytes();
        let unreadable = unreadable != 0;
        let lettered = letters != 0;
        occupied |= lettered | unreadable;
        tally.occupied |= lettered | unreadable;
        tally.lettered |= lettered;
        owners += usize::from(letters & owner != 0);
        doers += usize::from(letters & doer != 0);
        advisers += usize::from(letters & adviser != 0);
        tally.owning += usize::from(letters & (owner | doer) != 0);
        let several = letters & letters.wrapping_sub(1) != 0;
        let unresolved =
            (letters & !known != 0) | unreadable | (several & (letters != owner | doer));
        if check_cells && unresolved {
            let cell = &activity.cells[ri];
            unresolved_cell(matrix, scheme, (ai, activity), ri, cell, report);
        }
    }

    let here = (Some((ai, activity)), None);
    let name = activity.name.as_str();
    if !occupied && report.on(RuleId::UnassignedActivity) {
        // An abandoned row says it all; "no Accountable" and "no Responsible" on it would be noise.
        report.push(
            RuleId::UnassignedActivity,
            Severity::Gap,
            here,
            words::abandoned(scheme, name),
        );
        return;
    }
    if owners == 0 && report.on(RuleId::MissingAccountable) {
        report.push(
            RuleId::MissingAccountable,
            Severity::Gap,
            here,
            words::missing_owner(scheme, name),
        );
    }
    if owners > 1 && report.on(RuleId::MultipleAccountable) {
        let holders: Vec<&str> = matrix
            .roles
            .iter()
            .zip(&activity.cells)
            .filter(|(_, c)| c.letters.contains(scheme.owner()))
            .map(|(r, _)| r.name.as_str())
            .collect();
        report.push(
            RuleId::MultipleAccountable,
            Severity::Conflict,
            here,
            words::multiple_owners(scheme, name, &holders),
        );
    }
    if doers == 0 && report.on(RuleId::MissingResponsible) {
        report.push(
            RuleId::MissingResponsible,
            Severity::Gap,
            here,
            words::missing_doer(scheme, name),
        );
    }
    if report.on(RuleId::TooManyResponsible) {
        let limit = report.settings.max_responsible;
        match report.settings.responsible {
            ResponsibleRule::ExactlyOne if doers > 1 => report.push(
                RuleId::TooManyResponsible,
                Severity::Conflict,
                here,
                words::too_many_doers(scheme, name, doers, 1, true),
            ),
            ResponsibleRule::AtLeastOne if doers > limit => report.push(
                RuleId::TooManyResponsible,
                Severity::Warning,
                here,
                words::too_many_doers(scheme, name, doers, limit, false),
            ),
            _ => {}
        }
    }
    let limit = report.settings.max_consulted;
    if advisers > limit && report.on(RuleId::TooManyConsulted) {
        report.push(
            RuleId::TooManyConsulted,
            Severity::Warning,
            here,
            words::too_many_advisers(scheme, name, advisers, limit),
        );
    }
}

/// One unresolved-cell finding, for the first reason that applies: a value nobody could read, a
/// letter the scheme lacks, or a combination other than owner-with-doer.
fn unresolved_cell(
    matrix: &Matrix,
    scheme: Scheme,
    (ai, activity): (usize, &Activity),
    ri: usize,
    cell: &Cell,
    report: &mut Report,
) {
    let role = &matrix.roles[ri];
    let (a, r) = (activity.name.as_str(), role.name.as_str());
    let foreign: Letters = cell.letters.iter().filter(|l| !scheme.has(*l)).collect();
    let text = if let Some(value) = &cell.unrecognised {
        words::unrecognised_value(scheme, a, r, value)
    } else if !foreign.is_empty() {
        words::foreign_letters(scheme, a, r, foreign, cell.letters)
    } else {
        words::mixed_letters(scheme, a, r, cell.letters)
    };
    report.push(
        RuleId::UnresolvedCell,
        Severity::Warning,
        (Some((ai, activity)), Some((ri, role))),
        text,
    );
}

/// The vertical analysis: each role column, from the tallies of the pass.
fn check_roles(matrix: &Matrix, scheme: Scheme, tallies: &[RoleTally], report: &mut Report) {
    for (place, tally) in matrix.roles.iter().enumerate().zip(tallies) {
        check_role(matrix, scheme, place, *tally, report);
    }
}

/// The per-role rules of one column, from its tally.
pub(super) fn check_role(
    matrix: &Matrix,
    scheme: Scheme,
    (ri, role): (usize, &Role),
    tally: RoleTally,
    report: &mut Report,
) {
    let total = matrix.activities.len();
    let settings = report.settings;
    let overload_counts = total >= settings.overload_min_activities && total > 0;
    let here = (None, Some((ri, role)));
    let name = role.name.as_str();
    if !tally.occupied && report.on(RuleId::IdleRole) {
        report.push(
            RuleId::IdleRole,
            Severity::Warning,
            here,
            words::idle_role(name),
        );
    }
    // A role holding only unreadable values is unresolved, not one without ownership.
    if tally.lettered && tally.owning == 0 && report.on(RuleId::RoleWithoutOwnership) {
        report.push(
            RuleId::RoleWithoutOwnership,
            Severity::Warning,
            here,
            words::role_without_ownership(scheme, name),
        );
    }
    let limit = usize::from(settings.max_ownership_percent);
    if overload_counts && tally.owning * 100 > limit * total && report.on(RuleId::OverloadedRole) {
        report.push(
            RuleId::OverloadedRole,
            Severity::Warning,
            here,
            words::overloaded_role(
                scheme,
                name,
                tally.owning,
                total,
                settings.max_ownership_percent,
            ),
        );
    }
}

/// Duplicate activity and role names, compared trimmed and case-insensitively. Each repeat is
/// pinned; the first holder of the name is left alone, as the one people will keep.
pub(super) fn check_names(matrix: &Matrix, report: &mut Report) {
    if !report.on(RuleId::DuplicateName) {
        return;
    }
    let activities = &matrix.activities;
    for (later, first) in repeats(activities, |a| &a.name) {
        report.push(
            RuleId::DuplicateName,
            Severity::Warning,
            (Some((later, &activities[later])), None),
            words::repeated_activity(&activities[later].name, &activities[first].name),
        );
    }
    let roles = &matrix.roles;
    for (later, first) in repeats(roles, |r| &r.name) {
        report.push(
            RuleId::DuplicateName,
            Severity::Warning,
            (None, Some((later, &roles[later]))),
            words::repeated_role(&roles[later].name, &roles[first].name),
        );
    }
}

/// `(later, first)` index pairs of items whose names repeat an earlier one. Names are hashed as
/// they are folded rather than lowercased into new strings, so only the index list allocates.
fn repeats<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<(usize, usize)> {
    let mut keyed: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| !name(item).trim().is_empty())
        .map(|(i, item)| (folded_hash(name(item)), i))
        .collect();
    keyed.sort_unstable();
    let mut pairs = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    for run in keyed
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() > 1)
    {
        // Within a run indices ascend, so the first of each distinct name comes first; the inner
        // search only matters for a hash collision between different names.
        firsts.clear();
        for &(_, i) in run {
            let this = name(&items[i]);
            match firsts.iter().find(|&&f| same_name(name(&items[f]), this)) {
                Some(&f) => pairs.push((i, f)),
                None => firsts.push(i),
            }
        }
    }
    pairs
}

/// The characters of a name as compared: trimmed and lowercased.
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.trim().chars().flat_map(char::to_lowercase)
}

fn same_name(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// FNV-1a over the folded characters: fast, and good enough because equal hashes are re-checked.
/// ASCII names (nearly all) skip Unicode case mapping, which costs several times more per character.
fn folded_hash(name: &str) -> u64 {
    fn step(h: u64, c: u32) -> u64 {
        (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
    }
    let name = name.trim();
    let seed = 0xcbf2_9ce4_8422_2325;
    if name.is_ascii() {
        name.bytes()
            .fold(seed, |h, b| step(h, u32::from(b.to_ascii_lowercase())))
    } else {
        folded(name).fold(seed, |h, c| step(h, u32::from(c)))
    }
}
