//! Moving a library saved by the localStorage builds into the new store, the cache written
//! behind, and backups (round trip, merge). Fixtures in tests/fixtures are libraries as the
//! localStorage builds left them (key and value, exactly).

use std::collections::BTreeMap;

use super::backup::{self, Choice, Plan};
use super::*;
use crate::document;
use crate::edit::Edit;
use crate::grid::{CellRef, Selection};
use crate::model::Letter;

const NOW: &str = "2026-11-30T10:00:00.000Z";
const LATER: &str = "2026-11-30T12:00:00.000Z";

/// The localStorage of a visitor of the localStorage builds: three matrices (one with undo
/// steps and a selection), a matrix set aside as unreadable, and two preferences.
const LIBRARY_FIXTURE: &str = "tests/fixtures/library-localstorage-v1.json";
/// The localStorage of a visitor of the single-matrix builds.
const LEGACY_FIXTURE: &str = "tests/fixtures/library-localstorage-legacy.json";

fn fixture(path: &str) -> MemoryStore {
    let text = std::fs::read_to_string(path).unwrap();
    let items: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    MemoryStore {
        items,
        ..MemoryStore::default()
    }
}

/// The library fixture, made with this build's own library code over a store in memory (so it
/// is the format the localStorage builds wrote). `cargo test -- --ignored write_fixtures`
/// writes it again.
fn make_library_fixture() -> MemoryStore {
    let mut store = MemoryStore::default();
    let loaded = load(&mut store, NOW);
    let mut index = loaded.index;
    let first = loaded.opened.id.clone();
    // The example, with two undo steps and a selection.
    let mut matrix = loaded.opened.matrix;
    let mut settings = loaded.opened.settings;
    let mut history = History::default();
    let (activity, role) = (matrix.activities[1].id, matrix.roles[2].id);
    history
        .apply(
            &mut matrix,
            Edit::ToggleLetter {
                activity,
                role,
                letter: Letter::C,
            },
        )
        .unwrap();
    history
        .apply(
            &mut matrix,
            Edit::SetTitle {
                title: "Cloud operating model, reviewed".into(),
            },
        )
        .unwrap();
    let _ = &mut settings;
    save(
        &mut store, &mut index, &first, &matrix, &settings, &history, NOW,
    )
    .unwrap();
    let selection = Selection::single(CellRef { activity, role });
    store
        .set(&view_key(&first), &Selection::view_json(Some(selection)))
        .unwrap();
    // A blank one, and a third that could not be read (kept aside by the load that found it).
    let (blank, _) = create(
        &mut store,
        &mut index,
        &blank_matrix("Team plan"),
        &RuleSettings::default(),
        NOW,
    );
    let (broken, _) = create(
        &mut store,
        &mut index,
        &blank_matrix("Damaged"),
        &RuleSettings::default(),
        NOW,
    );
    store
        .set(
            &matrix_key(&broken),
            "{\"format\": \"raci-workshop\", garbage",
        )
        .unwrap();
    let reloaded = load(&mut store, LATER);
    assert_eq!(reloaded.problems.len(), 1, "{:?}", reloaded.problems);
    // The blank one is open, as the user left it.
    let mut index = reloaded.index;
    index.current = blank.clone();
    save_index(&mut store, &mut index).unwrap();
    // Preferences of the UI live beside the library.
    store.set("raci-workshop/large-type", "on").unwrap();
    store.set("raci-workshop/density", "compact").unwrap();
    // Those builds wrote no journals.
    store.items.retain(|k, _| !k.contains("/journal/"));
    store
}

fn make_legacy_fixture() -> MemoryStore {
    let mut store = MemoryStore::default();
    let mut matrix = crate::example::example();
    let mut history = History::default();
    history
        .apply(
            &mut matrix,
            Edit::SetTitle {
                title: "Saved before the library".into(),
            },
        )
        .unwrap();
    store
        .set(
            LEGACY_MATRIX_KEY,
            &document::to_json(&matrix, &RuleSettings::default()),
        )
        .unwrap();
    store.set(LEGACY_HISTORY_KEY, &history.to_json()).unwrap();
    store
}

#[test]
#[ignore = "writes the fixtures again"]
fn write_fixtures() {
    for (path, store) in [
        (LIBRARY_FIXTURE, make_library_fixture()),
        (LEGACY_FIXTURE, make_legacy_fixture()),
    ] {
        let text = serde_json::to_string_pretty(&store.items).unwrap();
        std::fs::write(path, text + "\n").unwrap();
    }
}

#[test]
fn the_fixtures_are_what_the_localstorage_builds_wrote() {
    // The library code that wrote them is unchanged: making them again gives the same keys.
    let made = make_library_fixture();
    let stored = fixture(LIBRARY_FIXTURE);
    assert_eq!(
        made.items.keys().collect::<Vec<_>>(),
        stored.items.keys().collect::<Vec<_>>()
    );
    assert!(stored.items.keys().any(|k| k.starts_with(SET_ASIDE_PREFIX)));
}

/// Moves `old` into `new` as the browser does: write, read back, verify, then remove.
fn move_and_verify(old: &mut MemoryStore, new: &mut CachedStore) -> MoveIn {
    let moved = move_in(old, new, LATER).unwrap();
    let behind: BTreeMap<String, Option<String>> = new.take_changes().into_iter().collect();
    assert!(verify(&moved.written, |k| behind.get(k).cloned().flatten()));
    for key in &moved.to_remove {
        old.remove(key).unwrap();
    }
    moved
}

#[test]
fn a_library_of_the_localstorage_builds_moves_whole_and_opens_the_same() {
    let mut old = fixture(LIBRARY_FIXTURE);
    let before = old.clone();
    let mut new = CachedStore::default();
    let moved = move_and_verify(&mut old, &mut new);
    assert!(moved.problems.is_empty());
    // Every library key arrived unchanged; only the preferences stay behind.
    for (key, value) in &before.items {
        if is_library_key(key) {
            assert_eq!(new.items().get(key), Some(value), "{key}");
        }
    }
    assert_eq!(
        old.items.keys().collect::<Vec<_>>(),
        ["raci-workshop/density", "raci-workshop/large-type"]
    );
    // The new store opens as the old one did: same list, same open matrix, history and view.
    let mut old_again = before.clone();
    let then = load(&mut old_again, LATER);
    let now = load(&mut new, LATER);
    assert_eq!(now.index, then.index);
    assert_eq!(now.opened, then.opened);
    assert_eq!(now.index.matrices.len(), 2);
    let mut index = now.index.clone();
    let example = open(&mut new, &mut index, &now.index.matrices[0].id).unwrap();
    assert_eq!(example.matrix.title, "Cloud operating model, reviewed");
    assert_eq!(example.history.steps(), 2);
    assert!(example.view.is_some());
}

#[test]
fn the_single_matrix_of_earlier_builds_moves_too() {
    let mut old = fixture(LEGACY_FIXTURE);
    let mut new = CachedStore::default();
    move_and_verify(&mut old, &mut new);
    assert!(old.items.is_empty());
    let loaded = load(&mut new, LATER);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.opened.matrix.title, "Saved before the library");
    assert_eq!(loaded.opened.history.steps(), 1);
}

#[test]
fn moving_again_after_a_crash_between_write_and_remove_adds_nothing() {
    let mut old = fixture(LIBRARY_FIXTURE);
    let mut new = CachedStore::default();
    move_in(&old, &mut new, LATER).unwrap();
    new.take_changes();
    let copy = new.items();
    // The old keys are still there: the next visit finds both.
    let moved = move_and_verify(&mut old, &mut new);
    assert!(moved.written.is_empty(), "{:?}", moved.written);
    assert_eq!(new.items(), copy);
    assert!(old.items.keys().all(|k| !is_library_key(k)));
}

#[test]
fn a_tab_of_an_older_build_that_saved_after_the_move_loses_nothing() {
    let mut old = fixture(LIBRARY_FIXTURE);
    let mut new = CachedStore::default();
    move_and_verify(&mut old, &mut new);
    load(&mut new, LATER);
    // The old tab goes on saving the open matrix in localStorage, under the same id.
    let mut stale = fixture(LIBRARY_FIXTURE);
    let mut loaded = load(&mut stale, LATER);
    let id = loaded.opened.id.clone();
    let mut matrix = loaded.opened.matrix.clone();
    matrix.title = "Edited in the old tab".into();
    save(
        &mut stale,
        &mut loaded.index,
        &id,
        &matrix,
        &loaded.opened.settings,
        &History::default(),
        LATER,
    )
    .unwrap();
    let mut old = stale;
    let moved = move_and_verify(&mut old, &mut new);
    assert!(moved.problems.is_empty());
    let now = load(&mut new, LATER);
    let titles: Vec<&str> = now
        .index
        .matrices
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Cloud operating model, reviewed",
            "Team plan",
            "Edited in the old tab"
        ]
    );
    // The one in the new store is untouched.
    assert_eq!(read_document(&new, &id).unwrap().0.title, "Team plan");
}

#[test]
fn the_old_keys_stay_when_the_copy_does_not_read_back() {
    let old = fixture(LIBRARY_FIXTURE);
    let mut new = CachedStore::default();
    let moved = move_in(&old, &mut new, LATER).unwrap();
    // The write behind failed: nothing reads back.
    assert!(!verify(&moved.written, |_| None));
    // One value read back different (a truncated write) is as bad.
    let behind: BTreeMap<String, Option<String>> = new.take_changes().into_iter().collect();
    let damaged = |k: &str| {
        let v = behind.get(k).cloned().flatten()?;
        Some(if k == INDEX_KEY {
            v[..v.len() / 2].to_owned()
        } else {
            v
        })
    };
    assert!(!verify(&moved.written, damaged));
}

#[test]
fn nothing_to_move_writes_nothing() {
    let mut old = MemoryStore::default();
    old.set("raci-workshop/large-type", "true").unwrap();
    let mut new = CachedStore::default();
    let moved = move_in(&old, &mut new, NOW).unwrap();
    assert_eq!(moved, MoveIn::default());
    assert!(!new.has_changes());
}

#[test]
fn the_cache_writes_each_changed_key_once_with_its_newest_value() {
    let mut cache = CachedStore::with_items([("a".to_owned(), "1".to_owned())]);
    cache.set("a", "1").unwrap();
    assert!(
        !cache.has_changes(),
        "an unchanged value is not written again"
    );
    cache.set("a", "2").unwrap();
    cache.set("a", "3").unwrap();
    cache.set("b", "x").unwrap();
    cache.remove("b").unwrap();
    assert_eq!(
        cache.take_changes(),
        [
            ("a".to_owned(), Some("3".to_owned())),
            ("b".to_owned(), None)
        ]
    );
    assert!(!cache.has_changes());
    // A refused write goes back in the queue, behind any newer change of the same key.
    cache.set("a", "4").unwrap();
    cache.requeue(vec![
        ("a".to_owned(), Some("3".to_owned())),
        ("c".to_owned(), Some("z".to_owned())),
    ]);
    assert_eq!(
        cache.take_changes(),
        [
            ("a".to_owned(), Some("4".to_owned())),
            ("c".to_owned(), Some("z".to_owned()))
        ]
    );
    // What another tab wrote is taken in without being written again; our own newer change wins.
    cache.absorb("d", Some("theirs".to_owned()));
    assert_eq!(cache.get("d").unwrap().as_deref(), Some("theirs"));
    cache.set("e", "mine").unwrap();
    cache.absorb("e", Some("theirs".to_owned()));
    assert_eq!(cache.get("e").unwrap().as_deref(), Some("mine"));
    assert_eq!(
        cache.take_changes(),
        [("e".to_owned(), Some("mine".to_owned()))]
    );
}

#[test]
fn the_library_works_the_same_over_the_cache() {
    let mut memory = MemoryStore::default();
    let mut cache = CachedStore::default();
    let a = load(&mut memory, NOW);
    let b = load(&mut cache, NOW);
    assert_eq!(a, b);
    assert_eq!(memory.items, cache.items());
}

fn library_with_three() -> (CachedStore, Index) {
    let mut store = CachedStore::default();
    let mut index = load(&mut store, NOW).index;
    let _ = create(
        &mut store,
        &mut index,
        &blank_matrix("Team plan"),
        &RuleSettings::default(),
        NOW,
    );
    let _ = create(
        &mut store,
        &mut index,
        &blank_matrix("Ops"),
        &RuleSettings::default(),
        NOW,
    );
    store
        .set(&history_key("m2"), &History::default().to_json())
        .unwrap();
    store.set(&view_key("m2"), "{\"selection\":null}").unwrap();
    store
        .set(&format!("{SET_ASIDE_PREFIX}matrix/m9"), "{garbage")
        .unwrap();
    (store, index)
}

#[test]
fn a_backup_restores_every_matrix_with_its_records_into_an_empty_library() {
    let (store, index) = library_with_three();
    let text = backup::export(&store, &index, LATER).unwrap().to_json();
    let file = backup::parse(&text).unwrap();
    assert_eq!(file.matrices.len(), 3);
    // A fresh browser: the example only.
    let mut fresh = CachedStore::default();
    let mut fresh_index = load(&mut fresh, NOW).index;
    let plans = backup::plan(&file, &fresh, &fresh_index);
    assert_eq!(plans, [Plan::Same, Plan::Add, Plan::Add]);
    let restored = backup::apply(&mut fresh, &mut fresh_index, &file, &plans, &[]).unwrap();
    assert_eq!((restored.added, restored.unchanged), (2, 1));
    for entry in &index.matrices {
        let doc = |s: &CachedStore| {
            serde_json::from_str::<serde_json::Value>(
                &s.get(&matrix_key(&entry.id)).unwrap().unwrap(),
            )
            .unwrap()
        };
        assert_eq!(doc(&fresh), doc(&store));
        assert_eq!(
            fresh.get(&history_key(&entry.id)),
            store.get(&history_key(&entry.id))
        );
        assert_eq!(
            fresh.get(&view_key(&entry.id)),
            store.get(&view_key(&entry.id))
        );
    }
    assert_eq!(fresh_index.matrices, index.matrices);
    // What was kept aside is kept aside again, never lost.
    assert!(
        fresh
            .keys()
            .unwrap()
            .iter()
            .any(|k| k.starts_with(SET_ASIDE_PREFIX)
                && fresh.get(k).unwrap().as_deref() == Some("{garbage"))
    );
    // Restoring the same file again changes nothing.
    let plans = backup::plan(&file, &fresh, &fresh_index);
    assert!(plans.iter().all(|p| *p == Plan::Same));
    assert!(backup::summary_is_nothing_new(
        &backup::apply(&mut fresh, &mut fresh_index, &file, &plans, &[]).unwrap()
    ));
}

#[test]
fn restore_never_writes_over_a_newer_matrix_without_asking() {
    let (mut store, mut index) = library_with_three();
    let file = backup::parse(&backup::export(&store, &index, NOW).unwrap().to_json()).unwrap();
    // After the backup, "Team plan" changes here: newer than the file's copy.
    let (mut matrix, settings) = read_document(&store, "m2").unwrap();
    matrix.title = "Team plan, edited".into();
    save(
        &mut store,
        &mut index,
        "m2",
        &matrix,
        &settings,
        &History::default(),
        LATER,
    )
    .unwrap();
    // And "Ops" is older here than in a later backup.
    let mut newer_file = file.clone();
    newer_file.matrices[2].updated = LATER.replace("12:00", "13:00");
    newer_file.matrices[2].document["title"] = "Ops from the file".into();
    newer_file.matrices[2].title = "Ops from the file".into();
    let plans = backup::plan(&newer_file, &store, &index);
    assert_eq!(plans[0], Plan::Same);
    assert!(matches!(&plans[1], Plan::Ask { mine } if mine.title == "Team plan, edited"));
    assert_eq!(plans[2], Plan::Newer);

    // Keep mine: the edit here stays.
    let mut kept = store.clone();
    let mut kept_index = index.clone();
    backup::apply(
        &mut kept,
        &mut kept_index,
        &newer_file,
        &plans,
        &[Choice::KeepMine],
    )
    .unwrap();
    assert_eq!(
        read_document(&kept, "m2").unwrap().0.title,
        "Team plan, edited"
    );
    assert_eq!(
        read_document(&kept, "m3").unwrap().0.title,
        "Ops from the file"
    );
    // Take the file's.
    let mut taken = store.clone();
    let mut taken_index = index.clone();
    let restored = backup::apply(
        &mut taken,
        &mut taken_index,
        &newer_file,
        &plans,
        &[Choice::TakeFile],
    )
    .unwrap();
    assert_eq!(read_document(&taken, "m2").unwrap().0.title, "Team plan");
    assert_eq!(restored.written_over, ["m2", "m3"]);
    // Keep both: the file's copy comes in beside, under a new id and its own title.
    let restored = backup::apply(
        &mut store,
        &mut index,
        &newer_file,
        &plans,
        &[Choice::KeepBoth],
    )
    .unwrap();
    assert_eq!(restored.added, 1);
    assert_eq!(
        read_document(&store, "m2").unwrap().0.title,
        "Team plan, edited"
    );
    let titles: Vec<&str> = index.matrices.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Cloud operating model",
            "Team plan, edited",
            "Ops from the file",
            "Team plan"
        ]
    );
    assert!(index.matrices[3].id != "m3" && index.matrices[3].id != "m2");
}

#[test]
fn files_that_are_not_backups_get_a_clear_message() {
    assert!(matches!(
        backup::parse("{oops"),
        Err(backup::BackupError::NotJson(_))
    ));
    let single = document::to_json(&crate::example::example(), &RuleSettings::default());
    assert_eq!(backup::parse(&single), Err(backup::BackupError::NotABackup));
    let newer =
        r#"{"format": "raci-workshop-library", "version": 9, "exported": "", "matrices": []}"#;
    assert_eq!(backup::parse(newer), Err(backup::BackupError::Newer(9)));
    assert!(
        backup::parse(newer)
            .unwrap_err()
            .to_string()
            .contains("newer version")
    );
    let damaged = r#"{"format": "raci-workshop-library", "version": 1, "matrices": 3}"#;
    assert!(matches!(
        backup::parse(damaged),
        Err(backup::BackupError::Damaged(_))
    ));
    // A matrix of the file that cannot be read is reported, not restored, and stops nothing else.
    let (store, index) = library_with_three();
    let mut file = backup::export(&store, &index, NOW).unwrap();
    file.matrices[1].document = serde_json::json!({"format": "raci-workshop", "version": 99});
    file.matrices[1].id = "m42".into();
    let mut fresh = CachedStore::default();
    let mut fresh_index = load(&mut fresh, NOW).index;
    let plans = backup::plan(&file, &fresh, &fresh_index);
    assert!(matches!(plans[1], Plan::Unreadable(_)));
    let restored = backup::apply(&mut fresh, &mut fresh_index, &file, &plans, &[]).unwrap();
    assert_eq!(restored.unreadable, ["Team plan"]);
    assert!(restored.summary().contains("could not be read: Team plan"));
}

/// `store`'s values as the browser hands them over at start: the index and whatever is not a
/// matrix's record as text, the records unread, noting each time one is made into text.
fn as_read_at_start(
    store: &CachedStore,
) -> (CachedStore, std::rc::Rc<std::cell::RefCell<Vec<String>>>) {
    let asked = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let (mut text, mut unread) = (Vec::new(), Vec::new());
    for (key, value) in store.items() {
        if is_matrix_record(&key) {
            let asked = std::rc::Rc::clone(&asked);
            let name = key.clone();
            let read = move || {
                asked.borrow_mut().push(name.clone());
                Some(value.clone())
            };
            unread.push((key, Unread(std::rc::Rc::new(read))));
        } else {
            text.push((key, value));
        }
    }
    (CachedStore::with_unread(text, unread), asked)
}

#[test]
fn records_read_at_start_become_text_only_when_their_matrix_is_used() {
    let (store, _) = library_with_three();
    let (mut lazy, asked) = as_read_at_start(&store);
    // Loading reads the open matrix's records, and nothing of the other two.
    let mut eager = store.clone();
    let then = load(&mut eager, LATER);
    let now = load(&mut lazy, LATER);
    assert_eq!(now, then);
    let current = &now.index.current;
    assert!(
        asked
            .borrow()
            .iter()
            .all(|k| k.ends_with(&format!("/{current}"))),
        "{:?}",
        asked.borrow()
    );
    assert_eq!(lazy.keys().unwrap(), eager.keys().unwrap());
    // Another matrix opens the same, and its records are read then.
    let index = now.index.clone();
    let other = index
        .matrices
        .iter()
        .find(|e| e.id != *current)
        .unwrap()
        .id
        .clone();
    let opened = open(&mut lazy, &mut index.clone(), &other).unwrap();
    assert_eq!(
        opened,
        open(&mut eager, &mut index.clone(), &other).unwrap()
    );
    assert!(asked.borrow().contains(&matrix_key(&other)));
    // Written or removed, a record's unread value is gone: the new one is read back, and
    // written behind.
    lazy.take_changes();
    lazy.set(&matrix_key(&other), "new").unwrap();
    assert_eq!(
        lazy.get(&matrix_key(&other)).unwrap().as_deref(),
        Some("new")
    );
    lazy.remove(&history_key(&other)).unwrap();
    assert_eq!(lazy.get(&history_key(&other)).unwrap(), None);
    assert_eq!(
        lazy.take_changes(),
        [
            (history_key(&other), None),
            (matrix_key(&other), Some("new".to_owned()))
        ]
    );
    // Another tab's value takes the place of an unread one.
    let third = index
        .matrices
        .iter()
        .find(|e| e.id != *current && e.id != other)
        .unwrap()
        .id
        .clone();
    lazy.absorb(&matrix_key(&third), Some("theirs".to_owned()));
    assert_eq!(
        lazy.get(&matrix_key(&third)).unwrap().as_deref(),
        Some("theirs")
    );
    // A backup holds everything, read or not.
    let (fresh, _) = as_read_at_start(&store);
    assert_eq!(
        backup::export(&fresh, &index, LATER).unwrap().to_json(),
        backup::export(&store, &index, LATER).unwrap().to_json()
    );
}
