//! The findings the app shows, as a shared snapshot: an edit makes a new snapshot that shares
//! every place (an activity's row, a role's column) it did not change with the one before, keeps
//! its counts up to date from what changed, and says what changed, so that nothing downstream
//! (counts, marks, the announcement) walks every finding after an edit.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::settings::{RuleId, Severity};
use super::{Finding, announce, counts_in_words};

/// Places per chunk: an edit copies the chunks it changed (this many pointers each) and the list
/// of chunks (one pointer per this many places), not every place.
const CHUNK: usize = 64;

/// Every finding on one day, in the order [`super::check_on`] lists them: by severity, then the
/// activities' rows in order, then the roles' columns, then the findings about the matrix as a
/// whole. Cloning it is cheap; two snapshots are equal when they are the same one.
#[derive(Clone, Debug)]
pub struct Findings(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    /// Unique among all snapshots, so that a delta can say which snapshot it starts from.
    id: u64,
    /// The places in order, `CHUNK` to a chunk.
    chunks: Vec<Arc<Chunk>>,
    /// Findings about the matrix as a whole (the review record's), after every place.
    record: Vec<Finding>,
    tally: Tally,
    /// What changed since the snapshot this one was made from, when it was made from one.
    delta: Option<Delta>,
}

/// The findings of `CHUNK` places, with how many of each severity they hold.
#[derive(Debug, Default)]
struct Chunk {
    places: Vec<Arc<[Finding]>>,
    /// Findings of each severity, open or accepted.
    all: [usize; 3],
    accepted: usize,
}

/// Counts kept as places change, so that no count walks the findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tally {
    open: [usize; 3],
    accepted: usize,
    total: usize,
    by_rule: [usize; RuleId::ALL.len()],
}

impl Tally {
    fn add(&mut self, findings: &[Finding], sign: isize) {
        for f in findings {
            let step = |n: &mut usize| *n = n.wrapping_add_signed(sign);
            if f.is_open() {
                step(&mut self.open[f.severity as usize]);
            } else {
                step(&mut self.accepted);
            }
            step(&mut self.total);
            step(&mut self.by_rule[f.rule as usize]);
        }
    }
}

/// What changed between two snapshots: the places whose findings changed, with what they held
/// before, and the matrix-wide findings before.
#[derive(Debug)]
struct Delta {
    from: u64,
    /// Place numbers, ascending, with their findings before.
    places: Vec<(usize, Arc<[Finding]>)>,
    record: Vec<Finding>,
}

fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Default for Findings {
    fn default() -> Findings {
        Findings::new(Vec::new(), Vec::new())
    }
}

impl PartialEq for Findings {
    fn eq(&self, other: &Findings) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Findings {
    /// A snapshot of `places` (each a row's or column's findings) and the matrix-wide findings.
    pub(super) fn new(places: Vec<Arc<[Finding]>>, record: Vec<Finding>) -> Findings {
        let mut tally = Tally::default();
        tally.add(&record, 1);
        let mut chunks = Vec::with_capacity(places.len().div_ceil(CHUNK));
        let mut places = places.into_iter().peekable();
        while places.peek().is_some() {
            let chunk = Chunk::of(places.by_ref().take(CHUNK).collect());
            for place in &chunk.places {
                tally.add(place, 1);
            }
            chunks.push(Arc::new(chunk));
        }
        Findings(Arc::new(Inner {
            id: next_id(),
            chunks,
            record,
            tally,
            delta: None,
        }))
    }

    /// The snapshot after replacing the findings of some places (ascending place numbers) and
    /// the matrix-wide ones; the rest is shared with `self`.
    pub(super) fn with_changes(
        &self,
        changed: Vec<(usize, Arc<[Finding]>)>,
        record: Vec<Finding>,
    ) -> Findings {
        let mut chunks = self.0.chunks.clone();
        let mut tally = self.0.tally.clone();
        tally.add(&self.0.record, -1);
        tally.add(&record, 1);
        let mut before = Vec::with_capacity(changed.len());
        let mut i = 0;
        while i < changed.len() {
            let c = changed[i].0 / CHUNK;
            let mut places = chunks[c].places.clone();
            while i < changed.len() && changed[i].0 / CHUNK == c {
                let (at, found) = &changed[i];
                let old = std::mem::replace(&mut places[at % CHUNK], Arc::clone(found));
                tally.add(&old, -1);
                tally.add(found, 1);
                before.push((*at, old));
                i += 1;
            }
            chunks[c] = Arc::new(Chunk::of(places));
        }
        Findings(Arc::new(Inner {
            id: next_id(),
            chunks,
            record: record.clone(),
            tally,
            delta: Some(Delta {
                from: self.0.id,
                places: before,
                record: self.0.record.clone(),
            }),
        }))
    }

    /// The findings of place `at`, in the order they are shown within their severity.
    pub fn place(&self, at: usize) -> &[Finding] {
        self.0
            .chunks
            .get(at / CHUNK)
            .and_then(|c| c.places.get(at % CHUNK))
            .map_or(&[], |p| p)
    }

    /// The matrix-wide findings (about no activity or role).
    pub(super) fn record(&self) -> &[Finding] {
        &self.0.record
    }

    /// Every finding, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        Severity::ALL
            .into_iter()
            .flat_map(move |s| self.of_severity(s))
    }

    /// The findings of one severity (open and accepted), in order.
    pub fn of_severity(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        let s = severity as usize;
        self.0
            .chunks
            .iter()
            .filter(move |c| c.all[s] > 0)
            .flat_map(|c| c.places.iter())
            .flat_map(|p| p.iter())
            .chain(self.0.record.iter())
            .filter(move |f| f.severity == severity)
    }

    /// The findings the room accepted, in order.
    pub fn accepted(&self) -> impl Iterator<Item = &Finding> {
        let record = self.0.record.iter().filter(|f| !f.is_open());
        Severity::ALL.into_iter().flat_map(move |s| {
            self.0
                .chunks
                .iter()
                .filter(move |c| c.accepted > 0 && c.all[s as usize] > 0)
                .flat_map(|c| c.places.iter())
                .flat_map(|p| p.iter())
                .filter(move |f| f.severity == s && !f.is_open())
                .chain(record.clone().filter(move |f| f.severity == s))
        })
    }

    /// Every finding, as a list.
    pub fn to_vec(&self) -> Vec<Finding> {
        self.iter().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.0.tally.total
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Open findings of `severity`.
    pub fn open(&self, severity: Severity) -> usize {
        self.0.tally.open[severity as usize]
    }

    /// Open findings of every severity.
    pub fn open_total(&self) -> usize {
        self.0.tally.open.iter().sum()
    }

    /// Findings the room accepted.
    pub fn accepted_count(&self) -> usize {
        self.0.tally.accepted
    }

    /// Findings (open or accepted) of `rule`.
    pub fn of_rule(&self, rule: RuleId) -> usize {
        self.0.tally.by_rule[rule as usize]
    }

    /// The counts in words, as [`super::counts`] says them: "1 conflict, 4 gaps, 3 warnings".
    pub fn counts(&self) -> String {
        counts_in_words(self.0.tally.open, self.0.tally.accepted)
    }

    /// The places whose findings changed since `before`, with what they held then, when this
    /// snapshot was made from `before`; None when it was not (then anything may have changed).
    pub fn changed_since(&self, before: &Findings) -> Option<Vec<(usize, &[Finding])>> {
        if self == before {
            return Some(Vec::new());
        }
        let delta = self.0.delta.as_ref().filter(|d| d.from == before.0.id)?;
        Some(delta.places.iter().map(|(at, f)| (*at, &f[..])).collect())
    }

    /// What a screen reader is told about the change from `before` to this snapshot, as
    /// [`super::announce`] says it; from the places that changed when this snapshot was made
    /// from `before`.
    pub fn announce_since(&self, before: &Findings) -> String {
        if self == before {
            return String::new();
        }
        let Some(delta) = self.0.delta.as_ref().filter(|d| d.from == before.0.id) else {
            return announce(&before.to_vec(), &self.to_vec());
        };
        // The changed places' findings before and after, each in list order: by severity, then
        // place, then order within the place. Places are listed once, so comparing them is
        // comparing the lists.
        let ordered = |pieces: Vec<&[Finding]>| -> Vec<Finding> {
            Severity::ALL
                .into_iter()
                .flat_map(|s| {
                    pieces
                        .iter()
                        .flat_map(|p| p.iter())
                        .filter(move |f| f.severity == s)
                })
                .cloned()
                .collect()
        };
        let mut old: Vec<&[Finding]> = delta.places.iter().map(|(_, f)| &f[..]).collect();
        old.push(&delta.record);
        let mut new: Vec<&[Finding]> = delta.places.iter().map(|(at, _)| self.place(*at)).collect();
        new.push(&self.0.record);
        super::announce::announce_counted(&ordered(old), &ordered(new), &self.counts())
    }
}

impl Chunk {
    fn of(places: Vec<Arc<[Finding]>>) -> Chunk {
        let mut chunk = Chunk {
            places,
            ..Chunk::default()
        };
        for f in chunk.places.iter().flat_map(|p| p.iter()) {
            chunk.all[f.severity as usize] += 1;
            chunk.accepted += usize::from(!f.is_open());
        }
        chunk
    }
}

#[cfg(test)]
mod tests {
    use crate::edit::{self, Edit};
    use crate::example::example;
    use crate::model::Letter;
    use crate::rules::{Change, Checker, RuleSettings, check_on};

    #[test]
    fn an_edit_changes_only_the_places_it_touched_and_shares_the_rest() {
        let mut m = example();
        let settings = RuleSettings::default();
        let today = "2026-11-30".parse().expect("a date");
        let mut checker = Checker::new(&m, &settings);
        let before = checker.findings_on(&m, today);
        // A second Accountable on the first activity: a conflict on its row.
        let (activity, role) = (m.activities[0].id, m.roles[1].id);
        let edit = Edit::ToggleLetter {
            activity,
            role,
            letter: Letter::A,
        };
        let change = Change::of(&edit);
        edit::apply(&mut m, edit).expect("the cell exists");
        checker.update(&m, &settings, &change);
        let after = checker.findings_on(&m, today);
        assert_eq!(after.to_vec(), check_on(&m, &settings, today));
        let changed = after
            .changed_since(&before)
            .expect("made from the one before");
        // The row (place 0) and at most the column whose tallies moved; nothing else.
        assert_eq!(changed.first().map(|(at, _)| *at), Some(0));
        assert!(changed.len() <= 2, "{changed:?}");
        assert!(
            changed[1..]
                .iter()
                .all(|(at, _)| *at == m.activities.len() + 1)
        );
        assert!(after.announce_since(&before).starts_with("New: "));
        // An edit no finding reads hands out the same snapshot: nothing downstream runs.
        let title = Edit::SetTitle {
            title: "Another title".to_owned(),
        };
        let change = Change::of(&title);
        edit::apply(&mut m, title).expect("a title");
        checker.update(&m, &settings, &change);
        assert_eq!(checker.findings_on(&m, today), after);
        assert_eq!(after.announce_since(&after), "");
        assert_eq!(after.changed_since(&after), Some(Vec::new()));
    }
}
