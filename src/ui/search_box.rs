//! The search box above the grid: hides activities whose name does not contain the text.

use leptos::prelude::*;

use crate::edit::Parts;
use crate::grid::{name_matches, search_key};

use super::grid_state::GridState;
use super::state::Workshop;

#[component]
pub fn SearchBox() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    // The same test the grid applies, for the count.
    let count = move || {
        let search = grid.search.with(|s| search_key(s));
        if search.is_empty() {
            return None;
        }
        let (found, total) = workshop.read(Parts::ACTIVITIES, |m| {
            let found = m
                .activities
                .iter()
                .filter(|a| name_matches(&a.name, &search))
                .count();
            (found, m.activities.len())
        });
        let noun = if total == 1 { "activity" } else { "activities" };
        Some(format!("{found} of {total} {noun}"))
    };
    view! {
        <div class="search-box" role="search">
            // The placeholder shows the words; the label gives them to screen readers too.
            <label class="visually-hidden" for="search-activities">"Search activities"</label>
            <input
                id="search-activities"
                class="search-input"
                type="search"
                autocomplete="off"
                placeholder="Search activities"
                spellcheck="false"
                prop:value=move || grid.search.get()
                on:input=move |ev| grid.search.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" && !grid.search.with_untracked(String::is_empty) {
                        ev.prevent_default();
                        grid.search.set(String::new());
                    }
                }
            />
            <span class="search-count" aria-live="polite">{count}</span>
        </div>
    }
}
