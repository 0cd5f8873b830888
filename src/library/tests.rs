//! The library over a store in memory: first visits, migration, unreadable data, full storage,
//! two tabs, and the index's changes.

use super::*;
use crate::document;
use crate::edit::Edit;

const NOW: &str = "2026-11-27T10:00:00.000Z";
const LATER: &str = "2026-11-27T11:00:00.000Z";

fn saved_example(store: &mut MemoryStore) -> Loaded {
    load(store, NOW)
}

#[test]
fn first_visit_opens_the_example_and_saves_it() {
    let mut store = MemoryStore::default();
    let loaded = load(&mut store, NOW);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.opened.matrix, example());
    assert_eq!(loaded.index.current, loaded.opened.id);
    assert_eq!(loaded.index.matrices.len(), 1);
    assert_eq!(loaded.index.matrices[0].title, "Cloud operating model");
    assert!(store.items.contains_key(INDEX_KEY));
    assert!(store.items.contains_key(&matrix_key(&loaded.opened.id)));
    // A second visit reads the same thing back.
    let again = load(&mut store, LATER);
    assert_eq!(again.opened.matrix, loaded.opened.matrix);
    assert_eq!(again.index, loaded.index);
}

#[test]
fn the_single_matrix_of_earlier_builds_moves_into_the_library() {
    let mut store = MemoryStore::default();
    let mut matrix = example();
    let mut history = History::default();
    history
        .apply(
            &mut matrix,
            Edit::SetTitle {
                title: "Our model".into(),
            },
        )
        .unwrap();
    let doc = document::to_json(&matrix, &RuleSettings::default());
    store.set(LEGACY_MATRIX_KEY, &doc).unwrap();
    store
        .set(
            LEGACY_HISTORY_KEY,
            &serde_json::to_string(&history).unwrap(),
        )
        .unwrap();
    let loaded = load(&mut store, NOW);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.opened.matrix.title, "Our model");
    assert_eq!(loaded.opened.history, history);
    assert_eq!(loaded.index.matrices[0].title, "Our model");
    assert!(!store.items.contains_key(LEGACY_MATRIX_KEY));
    assert!(!store.items.contains_key(LEGACY_HISTORY_KEY));
    assert_eq!(store.items[&matrix_key(&loaded.opened.id)], doc);
}

#[test]
fn migration_keeps_the_old_keys_when_the_new_ones_cannot_be_written() {
    let doc = document::to_json(&example(), &RuleSettings::default());
    let mut store = MemoryStore {
        capacity: Some(doc.len() + LEGACY_MATRIX_KEY.len() + 10),
        ..MemoryStore::default()
    };
    store.set(LEGACY_MATRIX_KEY, &doc).unwrap();
    let loaded = load(&mut store, NOW);
    assert_eq!(loaded.opened.matrix, example());
    assert!(!loaded.problems.is_empty());
    assert_eq!(store.items[LEGACY_MATRIX_KEY], doc);
}

#[test]
fn an_unreadable_old_matrix_is_kept_aside() {
    let mut store = MemoryStore::default();
    store.set(LEGACY_MATRIX_KEY, "{not json").unwrap();
    let loaded = load(&mut store, NOW);
    assert_eq!(loaded.opened.matrix, example());
    assert_eq!(loaded.problems.len(), 1);
    assert!(loaded.problems[0].contains("kept aside"));
    let aside: Vec<_> = store
        .items
        .iter()
        .filter(|(k, _)| k.starts_with(SET_ASIDE_PREFIX))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].1, "{not json");
}

#[test]
fn an_unreadable_matrix_is_set_aside_and_another_one_opens() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let first = loaded.opened.id.clone();
    let (second, saved) = create(
        &mut store,
        &mut loaded.index,
        &blank_matrix("Blank"),
        &RuleSettings::default(),
        NOW,
    );
    saved.unwrap();
    store.set(&matrix_key(&second), "garbage").unwrap();
    let again = load(&mut store, LATER);
    assert_eq!(again.opened.id, first);
    assert_eq!(again.problems.len(), 1);
    assert!(again.problems[0].contains("\"Blank\" could not be read"));
    assert!(again.index.entry(&second).is_none());
    let key = format!("{SET_ASIDE_PREFIX}matrix/{second}");
    assert_eq!(store.items[&key], "garbage");
    // Setting aside again never overwrites what is already there.
    assert_eq!(
        set_aside(&mut store, &matrix_key(&second), "other garbage").unwrap(),
        format!("{key} (2)")
    );
    assert_eq!(store.items[&key], "garbage");
}

#[test]
fn when_nothing_is_readable_the_example_opens_under_a_new_id() {
    let mut store = MemoryStore::default();
    let loaded = saved_example(&mut store);
    store.set(&matrix_key(&loaded.opened.id), "[]").unwrap();
    let again = load(&mut store, LATER);
    assert_eq!(again.opened.matrix, example());
    assert_ne!(again.opened.id, loaded.opened.id);
    assert_eq!(again.index.matrices.len(), 1);
    assert!(
        store
            .items
            .keys()
            .any(|k| k.starts_with(SET_ASIDE_PREFIX) && store.items[k] == "[]")
    );
}

#[test]
fn an_unreadable_index_is_kept_aside_and_rebuilt_from_the_records() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    create(
        &mut store,
        &mut loaded.index,
        &blank_matrix("Blank"),
        &RuleSettings::default(),
        NOW,
    )
    .1
    .unwrap();
    store.set(INDEX_KEY, "oops").unwrap();
    let again = load(&mut store, LATER);
    assert_eq!(again.index.matrices.len(), 2);
    assert_eq!(again.problems.len(), 1);
    assert_eq!(store.items[&format!("{SET_ASIDE_PREFIX}index")], "oops");
    let titles: Vec<_> = again.index.matrices.iter().map(|e| &e.title).collect();
    assert_eq!(titles, ["Cloud operating model", "Blank"]);
}

#[test]
fn an_index_from_a_newer_version_is_not_overwritten_in_place() {
    let mut store = MemoryStore::default();
    saved_example(&mut store);
    let newer = r#"{"version": 2, "current": "x", "matrices": []}"#;
    store.set(INDEX_KEY, newer).unwrap();
    let again = load(&mut store, LATER);
    assert!(again.problems[0].contains("newer version"));
    assert_eq!(store.items[&format!("{SET_ASIDE_PREFIX}index")], newer);
}

#[test]
fn disabled_storage_still_opens_the_example_and_says_so() {
    let mut store = MemoryStore {
        disabled: true,
        ..MemoryStore::default()
    };
    let loaded = load(&mut store, NOW);
    assert!(loaded.read_only);
    assert_eq!(loaded.opened.matrix, example());
    assert!(loaded.problems[0].contains("does not allow saving"));
}

#[test]
fn saving_reports_a_full_store_and_keeps_the_index_in_memory() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let used = store.used();
    store.capacity = Some(used);
    let mut matrix = loaded.opened.matrix.clone();
    matrix.title = "A much longer title than before, which no longer fits".into();
    let result = save(
        &mut store,
        &mut loaded.index,
        &loaded.opened.id,
        &matrix,
        &RuleSettings::default(),
        &History::default(),
        LATER,
    );
    assert_eq!(result, Err(StoreError::Refused));
    // What was saved before is still there and readable.
    let (read, _) = read_document(&store, &loaded.opened.id).unwrap();
    assert_eq!(read, example());
}

#[test]
fn ids_are_never_reused_and_titles_stay_apart() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let index = &mut loaded.index;
    let (a, _) = create(
        &mut store,
        index,
        &blank_matrix("x"),
        &RuleSettings::default(),
        NOW,
    );
    let deleted = delete(&mut store, index, &a).unwrap();
    let (b, _) = create(
        &mut store,
        index,
        &blank_matrix("y"),
        &RuleSettings::default(),
        NOW,
    );
    assert_ne!(a, b);
    restore(&mut store, index, &deleted).unwrap();
    assert!(index.entry(&a).is_some() && index.entry(&b).is_some());

    assert_eq!(
        unique_title("Cloud operating model", index),
        "Cloud operating model 2"
    );
    assert_eq!(unique_title("  ", index), "Untitled matrix");
    assert_eq!(copy_title("x", index), "x (copy)");
    index.touch("m99", "x (copy)", NOW);
    assert_eq!(copy_title("x", index), "x (copy) 2");
}

#[test]
fn delete_keeps_everything_needed_to_undo_it() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let (id, _) = create(
        &mut store,
        &mut loaded.index,
        &blank_matrix("Blank"),
        &RuleSettings::default(),
        NOW,
    );
    store.set(&view_key(&id), "{}").unwrap();
    let before = store.items.clone();
    let deleted = delete(&mut store, &mut loaded.index, &id).unwrap();
    assert!(loaded.index.entry(&id).is_none());
    assert!(!store.items.contains_key(&matrix_key(&id)));
    // Document, history, journal and view.
    assert_eq!(deleted.records.len(), 4);
    restore(&mut store, &mut loaded.index, &deleted).unwrap();
    assert_eq!(store.items, before);
}

#[test]
fn delete_removes_nothing_when_the_index_cannot_be_written() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let id = loaded.opened.id.clone();
    store.disabled = true;
    assert!(delete(&mut store, &mut loaded.index, &id).is_err());
    store.disabled = false;
    assert!(loaded.index.entry(&id).is_some());
    assert!(store.items.contains_key(&matrix_key(&id)));
}

#[test]
fn undo_steps_give_way_when_the_matrix_would_not_fit() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let id = loaded.opened.id.clone();
    let mut matrix = loaded.opened.matrix.clone();
    let mut history = History::default();
    // Ten imports, each of which keeps the matrix before it for undo.
    for n in 0..10 {
        let mut next = example();
        next.title = format!("Import {n}");
        history
            .apply(
                &mut matrix,
                Edit::ReplaceMatrix {
                    matrix: Box::new(next),
                },
            )
            .unwrap();
    }
    let needed = document::to_json(&matrix, &RuleSettings::default()).len()
        + history.to_json().len()
        + store.used();
    store.capacity = Some(needed - history.to_json().len() / 2);
    let kept = save(
        &mut store,
        &mut loaded.index,
        &id,
        &matrix,
        &RuleSettings::default(),
        &history,
        LATER,
    )
    .unwrap()
    .expect("the history was shortened");
    assert!(kept.steps() > 0 && kept.steps() < history.steps());
    assert_eq!(read_document(&store, &id).unwrap().0.title, "Import 9");
    let reopened = open(&mut store, &mut loaded.index, &id).unwrap();
    assert_eq!(reopened.history, kept);
    assert_eq!(loaded.index.entry(&id).unwrap().title, "Import 9");

    // When nothing of it fits either, the save says so.
    store.capacity = Some(store.used());
    let mut bigger = matrix.clone();
    bigger.title = "A much longer title than before".into();
    assert_eq!(
        save(
            &mut store,
            &mut loaded.index,
            &id,
            &bigger,
            &RuleSettings::default(),
            &history,
            LATER,
        ),
        Err(StoreError::Refused)
    );
}

#[test]
fn two_tabs_never_erase_each_others_entries() {
    let mut store = MemoryStore::default();
    let mut first = saved_example(&mut store).index;
    // A second tab opens the same library.
    let mut second = load(&mut store, NOW).index;
    let (mine, _) = create(
        &mut store,
        &mut first,
        &blank_matrix("Made in the first tab"),
        &RuleSettings::default(),
        NOW,
    );
    // The second tab, which never saw that matrix, saves its own open one.
    let open = second.current.clone();
    save(
        &mut store,
        &mut second,
        &open,
        &example(),
        &RuleSettings::default(),
        &History::default(),
        LATER,
    )
    .unwrap();
    assert!(
        second.entry(&mine).is_some(),
        "it now lists the other tab's matrix"
    );
    assert_eq!(second.current, open, "and keeps its own open matrix");
    let titles = |store: &MemoryStore| -> Vec<String> {
        let raw = store.get(INDEX_KEY).unwrap().unwrap();
        parse_index(&raw)
            .unwrap()
            .matrices
            .into_iter()
            .map(|e| e.title)
            .collect()
    };
    assert_eq!(
        titles(&store),
        ["Cloud operating model", "Made in the first tab"]
    );

    // A delete in one tab is not undone by the other tab's next save; a new id from the
    // other tab does not collide with one already used.
    delete(&mut store, &mut first, &mine).unwrap();
    save_index(&mut store, &mut second).unwrap();
    assert_eq!(titles(&store), ["Cloud operating model"]);
    let (theirs, _) = create(
        &mut store,
        &mut second,
        &blank_matrix("Made in the second tab"),
        &RuleSettings::default(),
        LATER,
    );
    assert_ne!(theirs, mine);
}

#[test]
fn an_index_that_cannot_be_read_is_never_written_over() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    store.set(INDEX_KEY, "{ damaged").unwrap();
    assert_eq!(
        save_index(&mut store, &mut loaded.index),
        Err(StoreError::UnreadableIndex)
    );
    assert_eq!(store.get(INDEX_KEY).unwrap().unwrap(), "{ damaged");
}

#[test]
fn an_index_written_elsewhere_keeps_this_tabs_open_matrix() {
    let mut store = MemoryStore::default();
    let ours = saved_example(&mut store).index;
    let mut other = ours.clone();
    other.current = "m99".into();
    other.touch("m99", "Elsewhere", LATER);
    let seen = index_written_elsewhere(&other.to_json(), &ours).unwrap();
    assert_eq!(seen.current, ours.current);
    assert_eq!(seen.matrices.len(), 2);
    assert_eq!(index_written_elsewhere("nonsense", &ours), None);
}

#[test]
fn rename_changes_the_document_and_the_list() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let id = loaded.opened.id.clone();
    rename(&mut store, &mut loaded.index, &id, "Renamed").unwrap();
    assert_eq!(read_document(&store, &id).unwrap().0.title, "Renamed");
    assert_eq!(load(&mut store, LATER).index.matrices[0].title, "Renamed");
}

#[test]
fn unreadable_history_costs_only_the_undo_steps() {
    let mut store = MemoryStore::default();
    let loaded = saved_example(&mut store);
    store.set(&history_key(&loaded.opened.id), "nope").unwrap();
    let again = load(&mut store, LATER);
    assert_eq!(again.opened.matrix, example());
    assert_eq!(again.opened.history, History::default());
    assert_eq!(
        store.items[&format!("{SET_ASIDE_PREFIX}history/{}", loaded.opened.id)],
        "nope"
    );
}

#[test]
fn a_blank_matrix_has_cells_to_fill() {
    let blank = blank_matrix("Untitled matrix");
    assert_eq!(blank.roles.len(), 3);
    assert_eq!(blank.activities.len(), 3);
    assert!(blank.activities.iter().all(|a| a.cells.len() == 3));
}

#[test]
fn errors_say_what_happened_in_the_words_the_user_sees() {
    let mut store = MemoryStore::default();
    let mut loaded = saved_example(&mut store);
    let id = loaded.opened.id.clone();
    store.set(&matrix_key(&id), "garbage").unwrap();
    let reason = read_document(&store, &id).unwrap_err();
    assert!(matches!(reason, LibraryError::NotJson(_)));
    assert!(reason.to_string().starts_with("it is not JSON: "));
    let problem = open(&mut store, &mut loaded.index, &id).unwrap_err();
    let OpenError::KeptAside { title, aside, .. } = &problem else {
        panic!("{problem:?}");
    };
    assert_eq!(title, "Cloud operating model");
    assert!(problem.to_string().ends_with(&format!(
        "Its data was kept aside, unchanged, in this browser's storage under \"{aside}\"."
    )));
    assert_eq!(read_document(&store, &id), Err(LibraryError::Missing));
    assert_eq!(
        rename(&mut store, &mut loaded.index, &id, "New")
            .unwrap_err()
            .to_string(),
        "nothing is saved under its name"
    );
    assert_eq!(
        parse_index(r#"{"version": 9}"#).unwrap_err().to_string(),
        "it was written by a newer version of RACI Workshop (version 9)"
    );
    assert_eq!(
        parse_index("{}").unwrap_err(),
        LibraryError::IndexWithoutVersion
    );
}
