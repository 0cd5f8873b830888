//! The journal over a store in memory: a save appends only what changed, reopening replays it to
//! the same matrix, settings and history (after undo and redo too), compaction, the size limit,
//! a journal that cannot be read, another tab's journal, delete and restore, backups,
//! libraries saved before there was a journal, and journals of builds with the older fingerprint.

use proptest::prelude::*;

use super::*;
use crate::commands;
use crate::edit::Edit;
use crate::model::{Letter, Matrix};

const NOW: &str = "2026-11-30T10:00:00.000Z";

/// The open matrix as the page holds it.
struct Open {
    id: String,
    matrix: Matrix,
    settings: RuleSettings,
    history: History,
}

fn start(store: &mut MemoryStore) -> (Index, Open) {
    let loaded = load(store, NOW);
    let o = loaded.opened;
    let open = Open {
        id: o.id,
        matrix: o.matrix,
        settings: o.settings,
        history: o.history,
    };
    (loaded.index, open)
}

fn save_it(store: &mut MemoryStore, index: &mut Index, open: &mut Open) {
    let shorter = save_changes(
        store,
        index,
        &open.id,
        &open.matrix,
        &open.settings,
        &mut open.history,
        NOW,
    )
    .unwrap();
    assert!(shorter.is_none());
}

fn compact_it(store: &mut MemoryStore, open: &mut Open) {
    compact(
        store,
        &open.id,
        &open.matrix,
        &open.settings,
        &mut open.history,
    )
    .unwrap();
}

fn toggle(open: &mut Open, a: usize, r: usize, letter: Letter) {
    let edit = Edit::ToggleLetter {
        activity: open.matrix.activities[a % open.matrix.activities.len()].id,
        role: open.matrix.roles[r % open.matrix.roles.len()].id,
        letter,
    };
    open.history.apply(&mut open.matrix, edit).unwrap();
}

/// The same matrix as far as saving goes: equal documents (which carry the id counter too; the
/// edits a journal replays carry their own ids).
fn same(a: &Matrix, b: &Matrix) -> bool {
    let settings = RuleSettings::default();
    crate::document::to_compact_json(a, &settings) == crate::document::to_compact_json(b, &settings)
}

fn assert_reopens_the_same(store: &mut MemoryStore, open: &Open) {
    let mut index = load(store, NOW).index;
    let back = super::open(store, &mut index, &open.id).unwrap();
    assert_eq!(back.warning, None);
    assert!(same(&back.matrix, &open.matrix), "the matrix differs");
    assert_eq!(back.settings, open.settings);
    assert_eq!(back.history, open.history);
}

#[test]
fn a_save_after_an_edit_appends_to_the_journal_and_reopening_replays_it() {
    let mut store = MemoryStore::default();
    let (mut index, mut open) = start(&mut store);
    // The first save of a history that does not know what is saved writes it whole.
    toggle(&mut open, 0, 0, Letter::C);
    save_it(&mut store, &mut index, &mut open);
    let document = store.items[&matrix_key(&open.id)].clone();
    let journal = store.items[&journal_key(&open.id)].clone();
    assert!(!journal::has_changes(&journal));

    toggle(&mut open, 1, 1, Letter::I);
    save_it(&mut store, &mut index, &mut open);
    toggle(&mut open, 2, 1, Letter::I);
    let mut typed = open.settings.clone();
    typed.max_consulted = 9;
    open.history
        .change_settings(&mut open.settings, typed.clone(), "consulted");
    typed.max_consulted = 11;
    open.history
        .change_settings(&mut open.settings, typed, "consulted");
    save_it(&mut store, &mut index, &mut open);
    assert_eq!(
        store.items[&matrix_key(&open.id)],
        document,
        "not rewritten"
    );
    let journal = &store.items[&journal_key(&open.id)];
    assert_eq!(journal.lines().count(), 3, "{journal}");
    assert!(
        journal.len() < 1_000,
        "a few hundred bytes: {}",
        journal.len()
    );
    assert_reopens_the_same(&mut store, &open);
}

#[test]
fn undo_and_redo_are_replayed_with_both_stacks() {
    let mut store = MemoryStore::default();
    let (mut index, mut open) = start(&mut store);
    save_it(&mut store, &mut index, &mut open);
    for n in 0..4 {
        toggle(&mut open, n, n, Letter::R);
    }
    save_it(&mut store, &mut index, &mut open);
    open.history.undo(&mut open.matrix, &mut open.settings);
    open.history.undo(&mut open.matrix, &mut open.settings);
    save_it(&mut store, &mut index, &mut open);
    assert_reopens_the_same(&mut store, &open);
    open.history.redo(&mut open.matrix, &mut open.settings);
    save_it(&mut store, &mut index, &mut open);
    assert!(open.history.can_redo());
    assert_reopens_the_same(&mut store, &open);
    // A new step after an undo drops the redo side, and so does its replay.
    toggle(&mut open, 5, 2, Letter::A);
    save_it(&mut store, &mut index, &mut open);
    assert!(!open.history.can_redo());
    assert_reopens_the_same(&mut store, &open);
}

#[test]
fn compacting_writes_the_matrix_whole_and_empties_the_journal() {
    let mut store = MemoryStore::default();
    let (mut index, mut open) = start(&mut store);
    save_it(&mut store, &mut index, &mut open);
    toggle(&mut open, 0, 1, Letter::S);
    save_it(&mut store, &mut index, &mut open);
    let document = store.items[&matrix_key(&open.id)].clone();
    compact_it(&mut store, &mut open);
    assert_ne!(store.items[&matrix_key(&open.id)], document);
    assert!(!journal::has_changes(&store.items[&journal_key(&open.id)]));
    assert_reopens_the_same(&mut store, &open);
    // In step already: nothing is written again.
    let before = store.items.clone();
    compact_it(&mut store, &mut open);
    assert_eq!(store.items, before);
    // And the journal goes on from the new document.
    toggle(&mut open, 3, 0, Letter::S);
    save_it(&mut store, &mut index, &mut open);
    assert!(journal::has_changes(&store.items[&journal_key(&open.id)]));
    assert_reopens_the_same(&mut store, &open);
}

#[test]
fn a_journal_never_grows_past_its_limit() {
    let mut store = MemoryStore::default();
    let (mut index, mut open) = start(&mut store);
    let activity = open.matrix.activities[0].id;
    for n in 0..400 {
        let edit = Edit::RenameActivity {
            activity,
            name: format!("{n} {}", "x".repeat(2_000)),
        };
        open.history.apply(&mut open.matrix, edit).unwrap();
        save_it(&mut store, &mut index, &mut open);
        assert!(store.items[&journal_key(&open.id)].len() <= JOURNAL_LIMIT);
    }
    assert_reopens_the_same(&mut store, &open);
}

/// Saves an edit into the journal, then spoils the journal with `spoil`; reopening sets it aside,
/// tells why, and opens the matrix as last written whole.
fn spoiled(spoil: impl FnOnce(&str) -> String) -> (Opened, MemoryStore, Matrix, String) {
    let mut store = MemoryStore::default();
    let (mut index, mut open) = start(&mut store);
    save_it(&mut store, &mut index, &mut open);
    let whole = open.matrix.clone();
    toggle(&mut open, 0, 0, Letter::D);
    save_it(&mut store, &mut index, &mut open);
    let key = journal_key(&open.id);
    let raw = spoil(&store.items[&key]);
    store.items.insert(key, raw.clone());
    let opened = super::open(&mut store, &mut index, &open.id).unwrap();
    (opened, store, whole, raw)
}

#[test]
fn a_journal_that_cannot_be_read_is_kept_aside_and_the_user_told() {
    let (opened, store, whole, raw) = spoiled(|raw| format!("{raw}{{\"v\":1,\"ops\":[tru"));
    assert!(opened.matrix == whole);
    let Some(OpenError::ChangesKeptAside { aside, reason, .. }) = &opened.warning else {
        panic!("{:?}", opened.warning);
    };
    assert!(matches!(
        reason,
        LibraryError::DamagedJournal { line: 3, .. }
    ));
    assert_eq!(store.items[aside], raw);
    assert!(!store.items.contains_key(&journal_key(&opened.id)));
    assert!(
        opened.history.log().is_none(),
        "the next save writes it whole"
    );
    assert!(
        opened
            .warning
            .as_ref()
            .unwrap()
            .to_string()
            .contains("opened as it was last saved in full")
    );
}

#[test]
fn a_journal_of_a_newer_build_is_refused_and_kept() {
    let (opened, store, whole, raw) = spoiled(|raw| raw.replace("\"v\":1", "\"v\":7"));
    assert!(opened.matrix == whole);
    let Some(OpenError::ChangesKeptAside { aside, reason, .. }) = &opened.warning else {
        panic!("{:?}", opened.warning);
    };
    assert_eq!(reason, &LibraryError::NewerJournal(7));
    assert!(reason.to_string().contains("newer version"));
    assert_eq!(store.items[aside], raw);
}

#[test]
fn a_journal_of_another_version_of_the_document_is_not_replayed() {
    let (opened, _, whole, _) = spoiled(|raw| raw.replacen("\"base\":\"", "\"base\":\"0", 1));
    assert!(opened.matrix == whole);
    assert!(matches!(
        opened.warning,
        Some(OpenError::ChangesKeptAside {
            reason: LibraryError::JournalOfAnotherDocument,
            ..
        })
    ));
}

#[test]
fn when_another_tab_wrote_the_journal_the_save_writes_whole() {
    let mut store = MemoryStore::default();
    let (mut index, mut mine) = start(&mut store);
    save_it(&mut store, &mut index, &mut mine);
    let (mut their_index, mut theirs) = start(&mut store);
    toggle(&mut theirs, 1, 1, Letter::V);
    save_it(&mut store, &mut their_index, &mut theirs);
    // This tab does not append to a journal it did not write: the tab that saves last wins.
    toggle(&mut mine, 2, 2, Letter::O);
    save_it(&mut store, &mut index, &mut mine);
    assert!(!journal::has_changes(&store.items[&journal_key(&mine.id)]));
    assert_reopens_the_same(&mut store, &mine);
}

#[test]
fn delete_restore_rename_and_backup_see_the_journal() {
    let mut store = MemoryStore::default();
    let (mut index, mut open) = start(&mut store);
    save_it(&mut store, &mut index, &mut open);
    toggle(&mut open, 0, 2, Letter::C);
    save_it(&mut store, &mut index, &mut open);
    let (other, _) = create(
        &mut store,
        &mut index,
        &blank_matrix("Other"),
        &open.settings,
        NOW,
    );

    // A backup holds the matrix as it was left, and restores to it.
    let backup = backup::export(&store, &index, NOW).unwrap();
    let mut fresh = MemoryStore::default();
    let mut fresh_index = Index::default();
    let parsed = backup::parse(&backup.to_json()).unwrap();
    let plans = backup::plan(&parsed, &fresh, &fresh_index);
    backup::apply(&mut fresh, &mut fresh_index, &parsed, &plans, &[]).unwrap();
    assert_reopens_the_same(&mut fresh, &open);
    // The file's copy is the same as the one here.
    let plans = backup::plan(&parsed, &store, &index);
    assert_eq!(plans[0], backup::Plan::Same);

    // Delete and restore bring back the journal too.
    let deleted = delete(&mut store, &mut index, &open.id).unwrap();
    assert!(!store.items.contains_key(&journal_key(&open.id)));
    restore(&mut store, &mut index, &deleted).unwrap();
    assert_reopens_the_same(&mut store, &open);

    // Renaming (not the open one) keeps the journal's changes.
    index.current = other;
    rename(&mut store, &mut index, &open.id, "Renamed").unwrap();
    let (renamed, _) = read_document(&store, &open.id).unwrap();
    assert_eq!(renamed.title, "Renamed");
    assert_eq!(renamed.activities, open.matrix.activities);
    open.matrix.title = "Renamed".to_owned();
    assert_reopens_the_same(&mut store, &open);
}

#[test]
fn a_library_saved_before_the_journal_opens_unchanged_and_journals_from_there() {
    let text = std::fs::read_to_string("tests/fixtures/library-localstorage-v1.json").unwrap();
    let items: std::collections::BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    assert!(!items.keys().any(|k| k.contains("/journal/")));
    let mut store = MemoryStore {
        items,
        ..MemoryStore::default()
    };
    let before = store.clone();
    let (mut index, mut open) = start(&mut store);
    let mut untouched = before.clone();
    let plain = open_without_journal(&mut untouched, &open.id);
    assert!(open.matrix == plain.0);
    assert_eq!(open.history, plain.1);
    // The first save appends to a new journal: the document is not written again.
    let document = store.items[&matrix_key(&open.id)].clone();
    toggle(&mut open, 0, 0, Letter::A);
    save_it(&mut store, &mut index, &mut open);
    assert_eq!(store.items[&matrix_key(&open.id)], document);
    assert!(journal::has_changes(&store.items[&journal_key(&open.id)]));
    assert_reopens_the_same(&mut store, &open);
}

#[test]
fn a_journal_of_an_earlier_build_replays_and_goes_on_growing() {
    // Written by the build before XXH3 bases (564bf4a): one whole save with C in the first cell,
    // then a journal line (its base a legacy FNV-1a fingerprint) with an I and an R.
    let text = std::fs::read_to_string("tests/fixtures/library-journal-fnv.json").unwrap();
    let items: std::collections::BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    let mut store = MemoryStore {
        items,
        ..MemoryStore::default()
    };
    let (mut index, mut open) = start(&mut store);
    let (matrix, history) = open_without_journal(&mut store.clone(), &open.id);
    let mut expected = Open {
        id: open.id.clone(),
        matrix,
        settings: open.settings.clone(),
        history,
    };
    toggle(&mut expected, 1, 1, Letter::I);
    toggle(&mut expected, 2, 0, Letter::R);
    assert!(
        same(&open.matrix, &expected.matrix),
        "the journal was replayed"
    );
    assert!(!same(
        &open.matrix,
        &open_without_journal(&mut store.clone(), &open.id).0
    ));

    // The next save goes on appending to that journal; the document is not written again.
    let document = store.items[&matrix_key(&open.id)].clone();
    toggle(&mut open, 3, 1, Letter::C);
    save_it(&mut store, &mut index, &mut open);
    assert_eq!(store.items[&matrix_key(&open.id)], document);
    let journal = &store.items[&journal_key(&open.id)];
    assert_eq!(journal.lines().count(), 3, "{journal}");
    assert!(!journal.contains("xxh3-"), "{journal}");
    assert_reopens_the_same(&mut store, &open);

    // A whole write starts the journal again, based on this build's fingerprint.
    compact_it(&mut store, &mut open);
    assert!(store.items[&journal_key(&open.id)].contains("\"base\":\"xxh3-"));
    toggle(&mut open, 4, 0, Letter::I);
    save_it(&mut store, &mut index, &mut open);
    assert_reopens_the_same(&mut store, &open);
}

/// The matrix and history as the documents alone hold them.
fn open_without_journal(store: &mut MemoryStore, id: &str) -> (Matrix, History) {
    let (matrix, _) = parse_document(&store.items[&matrix_key(id)]).unwrap();
    let history = History::from_json(&store.items[&history_key(id)]).unwrap();
    (matrix, history)
}

/// One thing done at random to the open matrix, its storage or the page.
#[derive(Clone, Debug)]
enum Act {
    Toggle(usize, usize, usize),
    Rename(usize, u8),
    AddActivity(usize),
    DeleteActivity(usize),
    Settings(u8),
    /// Several cells in one step, as a paste makes.
    Paste(Vec<(usize, usize)>),
    /// An import over the open matrix, with settings of its own or without.
    Replace(bool),
    Undo,
    Redo,
    Save,
    Compact,
    Reload,
}

fn act() -> impl Strategy<Value = Act> {
    let i = || 0usize..20;
    prop_oneof![
        6 => (i(), i(), 0usize..Letter::ALL.len()).prop_map(|(a, r, l)| Act::Toggle(a, r, l)),
        2 => (i(), any::<u8>()).prop_map(|(a, n)| Act::Rename(a, n)),
        1 => i().prop_map(Act::AddActivity),
        1 => i().prop_map(Act::DeleteActivity),
        2 => any::<u8>().prop_map(Act::Settings),
        1 => prop::collection::vec((i(), i()), 1..4).prop_map(Act::Paste),
        1 => any::<bool>().prop_map(Act::Replace),
        3 => Just(Act::Undo),
        2 => Just(Act::Redo),
        4 => Just(Act::Save),
        1 => Just(Act::Compact),
        2 => Just(Act::Reload),
    ]
}

fn activity(m: &Matrix, a: usize) -> Option<crate::model::ActivityId> {
    m.activities
        .get(a % m.activities.len().max(1))
        .map(|x| x.id)
}

fn perform(store: &mut MemoryStore, index: &mut Index, open: &mut Open, act: Act) {
    match act {
        Act::Toggle(a, r, l) => {
            if !open.matrix.activities.is_empty() {
                toggle(open, a, r, Letter::ALL[l]);
            }
        }
        Act::Rename(a, n) => {
            if let Some(activity) = activity(&open.matrix, a) {
                let edit = Edit::RenameActivity {
                    activity,
                    name: format!("Step {n}"),
                };
                let _ = open.history.apply(&mut open.matrix, edit);
            }
        }
        Act::AddActivity(a) => {
            let (edit, _) = commands::add_activity_after(&open.matrix, activity(&open.matrix, a));
            open.history.apply(&mut open.matrix, edit).unwrap();
        }
        Act::DeleteActivity(a) => {
            if let Some(activity) = activity(&open.matrix, a) {
                let edit = Edit::DeleteActivity { activity };
                open.history.apply(&mut open.matrix, edit).unwrap();
            }
        }
        Act::Settings(n) => {
            let mut new = open.settings.clone();
            new.max_consulted = usize::from(n % 8);
            let source = if n % 2 == 0 { "consulted" } else { "other" };
            open.history
                .change_settings(&mut open.settings, new, source);
        }
        Act::Paste(cells) => {
            if open.matrix.activities.is_empty() || open.matrix.roles.is_empty() {
                return;
            }
            let m = &open.matrix;
            let edits = cells
                .into_iter()
                .map(|(a, r)| Edit::ToggleLetter {
                    activity: m.activities[a % m.activities.len()].id,
                    role: m.roles[r % m.roles.len()].id,
                    letter: Letter::C,
                })
                .collect();
            let _ = open.history.apply(&mut open.matrix, Edit::Batch { edits });
        }
        Act::Replace(with_settings) => {
            let edit = Edit::ReplaceMatrix {
                matrix: Box::new(blank_matrix("Imported")),
            };
            if with_settings {
                let new = RuleSettings {
                    max_consulted: 3,
                    ..RuleSettings::default()
                };
                open.history
                    .apply_with_settings(&mut open.matrix, &mut open.settings, edit, new)
                    .unwrap();
            } else {
                open.history.apply(&mut open.matrix, edit).unwrap();
            }
        }
        Act::Undo => {
            open.history.undo(&mut open.matrix, &mut open.settings);
        }
        Act::Redo => {
            open.history.redo(&mut open.matrix, &mut open.settings);
        }
        Act::Save => save_it(store, index, open),
        Act::Compact => {
            save_it(store, index, open);
            compact_it(store, open);
        }
        Act::Reload => {
            save_it(store, index, open);
            let loaded = load(store, NOW);
            assert_eq!(loaded.opened.warning, None);
            assert!(
                same(&loaded.opened.matrix, &open.matrix),
                "the matrix differs"
            );
            assert_eq!(loaded.opened.settings, open.settings);
            assert_eq!(loaded.opened.history, open.history);
            *index = loaded.index;
            open.matrix = loaded.opened.matrix;
            open.settings = loaded.opened.settings;
            open.history = loaded.opened.history;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever is done, in whatever order, with saves, compactions and reloads at any point:
    /// what reopens is what the page held when it last saved.
    #[test]
    fn reopening_gives_what_was_saved(acts in prop::collection::vec(act(), 1..60)) {
        let mut store = MemoryStore::default();
        let (mut index, mut open) = start(&mut store);
        for act in acts {
            perform(&mut store, &mut index, &mut open, act);
        }
        save_it(&mut store, &mut index, &mut open);
        assert_reopens_the_same(&mut store, &open);
    }
}
