//! The "Changes" region: what changed since the review's baseline, grouped by activity in plain
//! words, with the room's decisions beside them; and "Compare with file", which lists how another
//! file differs and lets the room adopt its values one by one or all at once.

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::grid::CellRef;
use crate::model::Matrix;
use crate::review::{self, ChangeSubject};

use super::grid_state::GridState;
use super::pending_import::ImportPreview;
use super::review_state::ReviewState;
use super::state::Workshop;

/// Subjects listed before "Show all": a long list helps nobody at the projector.
const SHOWN_AT_FIRST: usize = 60;

#[component]
pub fn ChangesPanel() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let baseline_date = move || {
        workshop
            .matrix
            .with(|m| m.record.baseline.as_ref().map(|b| b.taken))
    };
    let summary = move || {
        let count = review.changes.with(|c| c.len());
        match baseline_date() {
            None => {
                "No baseline yet: choose \u{201c}Start review\u{201d} in the Review tab.".to_owned()
            }
            Some(date) if count == 0 => format!("No changes since the baseline of {date}."),
            Some(date) if count == 1 => format!("1 change since the baseline of {date}."),
            Some(date) => format!("{count} changes since the baseline of {date}."),
        }
    };
    view! {
        <section class="changes" aria-label="Changes">
            <h2>"Changes"</h2>
            <p class="changes-summary">{summary}</p>
            <ChangeList />
            <CompareWithFile />
        </section>
    }
}

/// The "Show changes" switch above the grid: the grid marks what changed since the baseline.
#[component]
pub fn ShowChangesToggle() -> impl IntoView {
    let review = expect_context::<ReviewState>();
    view! {
        <label class="filter-toggle show-changes">
            <input
                type="checkbox"
                prop:checked=move || review.show_changes.get()
                on:change=move |ev| review.show_changes.set(event_target_checked(&ev))
            />
            "Show changes"
        </label>
    }
}

/// The changes grouped by what they are about, each leading to its cell.
#[component]
fn ChangeList() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let grid = use_context::<GridState>();
    let expanded = RwSignal::new(false);
    let go_to = move |target: Option<(crate::model::ActivityId, crate::model::RoleId)>| {
        if let (Some(grid), Some((activity, role))) = (grid, target) {
            grid.reveal(workshop, CellRef { activity, role });
        }
    };
    let groups = move || {
        let changes = review.changes.get();
        let limit = if expanded.get() {
            usize::MAX
        } else {
            SHOWN_AT_FIRST
        };
        workshop.matrix.with(|m| {
            review::group_by_subject(&changes)
                .into_iter()
                .take(limit)
                .map(|(subject, changes)| {
                    let heading = match &subject {
                        ChangeSubject::Matrix => "Matrix".to_owned(),
                        ChangeSubject::Group(name) => format!("Group {name}"),
                        ChangeSubject::Role(_, name) => format!("Role {name}"),
                        ChangeSubject::Activity(_, name) => name.clone(),
                    };
                    let lines = changes
                        .iter()
                        .map(|change| {
                            let target = review::change_target(change, m);
                            let detail = change.detail();
                            match target {
                                Some(_) => view! {
                                    <li>
                                        <button class="change-button" on:click=move |_| go_to(target)>
                                            {detail}
                                        </button>
                                    </li>
                                }
                                .into_any(),
                                None => view! { <li class="change-gone">{detail}</li> }.into_any(),
                            }
                        })
                        .collect_view();
                    let decisions = decisions_about(m, &subject);
                    view! {
                        <li class="change-group">
                            <h3 class="change-subject">{heading}</h3>
                            <ul class="change-lines">{lines}</ul>
                            {decisions}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let more = move || {
        let total = review.changes.with(|c| review::group_by_subject(c).len());
        (total > SHOWN_AT_FIRST && !expanded.get()).then(|| {
            view! {
                <button class="button button-quiet" on:click=move |_| expanded.set(true)>
                    {format!("Show all {total}")}
                </button>
            }
        })
    };
    view! {
        <ul class="change-groups">{groups}</ul>
        {more}
    }
}

/// The decisions about an activity, shown beside its changes.
fn decisions_about(m: &Matrix, subject: &ChangeSubject) -> Option<impl IntoView + use<>> {
    let ChangeSubject::Activity(id, _) = subject else {
        return None;
    };
    let items: Vec<String> = m
        .record
        .decisions
        .iter()
        .filter(|d| d.activity == Some(*id))
        .map(|d| format!("Decision {}: {}", d.date, d.text))
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <ul class="change-decisions">
                {items.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
            </ul>
        }
    })
}

/// "Compare with file": a second file read like an import, whose differences are listed here.
#[component]
fn CompareWithFile() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let preview = expect_context::<ImportPreview>();
    let grid = use_context::<GridState>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        preview.open_file_to_compare(workshop, file);
    };
    let adopt_all = move |_| {
        if let Some(edit) = review
            .comparison
            .with_untracked(|c| c.as_ref().and_then(|c| c.adopt_all()))
        {
            workshop.apply_or_explain(edit);
        }
    };
    let result = move || {
        let compared = review.compared.get()?;
        let comparison = review.comparison.get()?;
        let cells = comparison
            .cells
            .iter()
            .map(|difference| {
                let edit = difference.adopt();
                let words = difference.words();
                let cell = CellRef {
                    activity: difference.activity,
                    role: difference.role,
                };
                view! {
                    <li class="difference">
                        <button
                            class="change-button"
                            on:click=move |_| {
                                if let Some(grid) = grid {
                                    grid.reveal(workshop, cell);
                                }
                            }
                        >
                            {words.clone()}
                        </button>
                        <button
                            class="button button-quiet"
                            on:click=move |_| workshop.apply_or_explain(edit.clone())
                        >
                            "Adopt"
                            <span class="visually-hidden">{format!(" {words}")}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let one_sided = [
            (
                "Activities only here",
                comparison.activities_only_here.clone(),
            ),
            (
                "Activities only in the file",
                comparison.activities_only_there.clone(),
            ),
            ("Roles only here", comparison.roles_only_here.clone()),
            (
                "Roles only in the file",
                comparison.roles_only_there.clone(),
            ),
        ]
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(heading, names)| {
            view! {
                <h4>{heading}</h4>
                <ul class="one-sided">
                    {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            }
        })
        .collect_view();
        let any_cells = !comparison.cells.is_empty();
        Some(view! {
            <div class="comparison" role="group" aria-label="Comparison">
                <p class="comparison-summary">
                    {format!("Compared with \u{201c}{}\u{201d}: {}.", compared.file_name, comparison.summary())}
                </p>
                <p class="comparison-actions">
                    {any_cells.then(|| view! {
                        <button class="button" on:click=adopt_all>"Adopt all from file"</button>
                    })}
                    <button class="button button-quiet" on:click=move |_| review.compared.set(None)>
                        "Stop comparing"
                    </button>
                </p>
                <ul class="differences">{cells}</ul>
                {one_sided}
            </div>
        })
    };
    view! {
        <div class="compare">
            <h3>"Compare with another file"</h3>
            <p class="hint">"What teams really do, or another team's copy: matched by name, nothing changes until you adopt it."</p>
            <label class="button compare-button">
                "Compare with file"
                <input
                    type="file"
                    class="visually-hidden"
                    accept=".csv,.tsv,.txt,.json,.md,.markdown,text/csv,text/tab-separated-values,application/json,text/markdown"
                    on:change=on_change
                />
            </label>
            {result}
        </div>
    }
}
