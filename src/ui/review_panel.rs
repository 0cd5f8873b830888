//! The "Review" region: the review in progress (its baseline, attendees, "Complete review" and
//! the minutes), the room's decisions, who owns the matrix and takes escalations, how often it is
//! reviewed, and the reviews already completed.

use leptos::html::Input;
use leptos::prelude::*;

use crate::edit::{Parts, ReviewEdit};
use crate::export::{self, CsvOptions};
use crate::grid::CellRef;
use crate::model::{Decision, ReviewEntry, Stewardship};
use crate::model::{GroupId, Matrix};
use crate::review::{self};

use super::dom::focus_cell;
use super::download::download;
use super::grid_state::GridState;
use super::review_state::ReviewState;
use super::state::Workshop;

#[component]
pub fn ReviewPanel() -> impl IntoView {
    view! {
        <section class="review-panel" aria-label="Review">
            <h2>"Review"</h2>
            <ThisReview />
            <Decisions />
            <Ownership />
            <PastReviews />
        </section>
    }
}

/// Downloads the minutes of `entry` as Markdown, named after the matrix and the review's date.
fn download_minutes(workshop: Workshop, entry: &ReviewEntry) {
    let today = workshop.today.get_untracked();
    let (name, text) = workshop.matrix.with_untracked(|m| {
        let text = workshop
            .findings
            .with_untracked(|f| export::minutes(m, &f.to_vec(), entry, today));
        let name = export::file_name(
            &format!("{} minutes", m.title),
            &entry.date.to_string(),
            "md",
        );
        (name, text)
    });
    if let Err(problem) = download(&name, "text/markdown;charset=utf-8", text.as_bytes()) {
        workshop.problem.set(Some(problem));
    }
}

/// The review in progress: since when, who is in the room, complete it, its minutes.
#[component]
fn ThisReview() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let status = RwSignal::new(String::new());
    let started = move || {
        workshop.read(Parts::RECORD, |m| {
            m.record.baseline.as_ref().map(|b| b.taken)
        })
    };
    let progress = move || {
        let changes = review.changes.with(|c| c.len());
        let made = workshop.read(Parts::RECORD, |m| {
            let entry_ids = |f: fn(&ReviewEntry) -> &Vec<u32>| -> std::collections::HashSet<u32> {
                m.record
                    .reviews
                    .iter()
                    .flat_map(|r| f(r).iter().copied())
                    .collect()
            };
            let (old_d, old_a) = (entry_ids(|r| &r.decisions), entry_ids(|r| &r.actions));
            (
                m.record
                    .decisions
                    .iter()
                    .filter(|d| !old_d.contains(&d.id))
                    .count(),
                m.record
                    .actions
                    .iter()
                    .filter(|a| !old_a.contains(&a.id))
                    .count(),
            )
        });
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let so_far = format!(
            "{}, {}, {} so far.",
            plural(changes, "change", "changes"),
            plural(made.0, "decision", "decisions"),
            plural(made.1, "action", "actions")
        );
        match started() {
            Some(date) => format!("Started {date} (the baseline): {so_far}"),
            None => format!("Not started: {so_far}"),
        }
    };
    let start = move |_| {
        let taken = workshop.today.get_untracked();
        match workshop.apply_review(ReviewEdit::StartReview { taken }) {
            Ok(()) => status.set(format!(
                "Review started: the matrix as it is now is the baseline of {taken}. Undo brings back the previous one."
            )),
            Err(e) => workshop.problem.set(Some(e.to_string())),
        }
    };
    let complete = move |_| {
        let today = workshop.today.get_untracked();
        let attendees = review.attendees.get_untracked();
        let edit = workshop.matrix.with_untracked(|m| {
            workshop
                .settings
                .with_untracked(|s| review::complete_review(m, s, today, &attendees))
        });
        match workshop.apply(edit) {
            Ok(()) => {
                let summary = workshop.matrix.with_untracked(|m| {
                    m.record
                        .reviews
                        .last()
                        .map(review::summary)
                        .unwrap_or_default()
                });
                status.set(format!(
                    "Review completed on {today}: {summary}. The matrix as it is now is the new baseline."
                ));
                review.attendees.set(String::new());
            }
            Err(e) => workshop.problem.set(Some(e.to_string())),
        }
    };
    let minutes = move |_| {
        let today = workshop.today.get_untracked();
        let attendees = review.attendees.get_untracked();
        let entry = workshop.matrix.with_untracked(|m| {
            workshop
                .settings
                .with_untracked(|s| review::minutes_entry(m, s, today, &attendees))
        });
        download_minutes(workshop, &entry);
    };
    let actions_csv = move |_| {
        let (name, bytes) = workshop.matrix.with_untracked(|m| {
            (
                export::file_name(
                    &format!("{} actions", m.title),
                    &workshop.today.get_untracked().to_string(),
                    "csv",
                ),
                export::actions_csv(m, &CsvOptions::default()),
            )
        });
        if let Err(problem) = download(&name, "text/csv;charset=utf-8", &bytes) {
            workshop.problem.set(Some(problem));
        }
    };
    view! {
        <div class="review-section">
            <h3>"This review"</h3>
            <p class="review-progress">{progress}</p>
            <p class="review-buttons">
                <button
                    class="button"
                    title="Take the matrix as it is now as the baseline that changes are listed against"
                    on:click=start
                >
                    "Start review"
                </button>
            </p>
            <label class="field">
                "Attendees"
                <input
                    type="text"
                    placeholder="Ana (Ops), Ben (Security)"
                    prop:value=move || review.attendees.get()
                    on:input=move |ev| review.attendees.set(event_target_value(&ev))
                />
            </label>
            <p class="review-buttons">
                <button class="button button-primary" on:click=complete>"Complete review"</button>
                <button class="button" on:click=minutes>"Export minutes"</button>
                <button class="button" on:click=actions_csv>"Export actions CSV"</button>
            </p>
            <p class="review-status" role="status">{move || status.get()}</p>
        </div>
    }
}

/// What a decision is about, as the scope picker offers it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Matrix,
    Activity,
    Cell,
}

/// The room's decisions: a field to write one (Alt+N from the grid), and the list.
#[component]
fn Decisions() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let grid = use_context::<GridState>();
    let text = RwSignal::new(String::new());
    let scope = RwSignal::new(Scope::Activity);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let field = NodeRef::<Input>::new();
    let selected = move || grid.and_then(|g| g.selection.get()).map(|s| s.focus);
    // Alt+N in the grid asks for the field; the panel may have just been drawn for it.
    Effect::new(move |_| {
        if review.write_decision.get()
            && let Some(input) = field.get()
        {
            scope.set(Scope::Activity);
            let _ = input.focus();
            review.write_decision.set(false);
        }
    });
    let scope_label = move |s: Scope| {
        let cell = selected();
        workshop.read(Parts::ACTIVITIES | Parts::ROLES, |m| {
            let activity = cell
                .and_then(|c| m.activity(c.activity))
                .map(|a| a.name.clone());
            let role = cell.and_then(|c| m.role(c.role)).map(|r| r.name.clone());
            match (s, activity, role) {
                (Scope::Matrix, _, _) => "The whole matrix".to_owned(),
                (Scope::Activity, Some(a), _) => format!("Activity: {a}"),
                (Scope::Cell, Some(a), Some(r)) => format!("Cell: {a} / {r}"),
                (Scope::Activity, None, _) => "Activity: select a cell first".to_owned(),
                (Scope::Cell, _, _) => "Cell: select a cell first".to_owned(),
            }
        })
    };
    // Back to the cell the decision is about; the field lets go of the focus first, since the
    // grid never takes it from a text field by itself.
    let back_to_grid = move || {
        if let Some(cell) = selected() {
            if let Some(input) = field.get_untracked() {
                let _ = input.blur();
            }
            focus_cell(cell, true);
        }
    };
    let record = move || {
        let cell = selected();
        let (activity, role) = match scope.get_untracked() {
            Scope::Matrix => (None, None),
            Scope::Activity => (cell.map(|c| c.activity), None),
            Scope::Cell => (cell.map(|c| c.activity), cell.map(|c| c.role)),
        };
        if scope.get_untracked() != Scope::Matrix && activity.is_none() {
            error.set(Some(
                "Select a cell in the matrix first, or record it for the whole matrix.".to_owned(),
            ));
            return;
        }
        let today = workshop.today.get_untracked();
        let decision = workshop
            .matrix
            .with_untracked(|m| Decision::new(m, &text.get_untracked(), activity, role, today));
        match workshop.apply_review(ReviewEdit::AddDecision {
            index: usize::MAX,
            decision,
        }) {
            Ok(()) => {
                error.set(None);
                text.set(String::new());
                back_to_grid();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            record();
        }
        "Escape" => {
            ev.prevent_default();
            back_to_grid();
        }
        _ => {}
    };
    let scopes = [Scope::Activity, Scope::Cell, Scope::Matrix]
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <option value=i.to_string() prop:selected=move || scope.get() == s>
                    {move || scope_label(s)}
                </option>
            }
        })
        .collect_view();
    let list = move || {
        let decisions = review.decisions.get();
        if decisions.is_empty() {
            return view! { <p class="empty-list">"No decisions recorded yet."</p> }.into_any();
        }
        // Tracked: a deleted activity's decisions say so at once (the panel is drawn only while
        // its tab is shown, so this costs nothing during editing elsewhere).
        workshop.read(
            Parts::RECORD | Parts::ACTIVITIES | Parts::ROLES | Parts::GROUPS,
            |m| {
                let items = decisions
                    .iter()
                    .rev()
                    .map(|d| decision_item(workshop, grid, m, d))
                    .collect_view();
                view! { <ul class="decisions-list">{items}</ul> }.into_any()
            },
        )
    };
    view! {
        <div class="review-section">
            <h3>"Decisions"</h3>
            <label class="field">
                "Decision"
                <input
                    node_ref=field
                    type="text"
                    placeholder="Ops owns restores from Q3; Security consulted"
                    title="Alt+N in the matrix writes a decision about the selected activity. Enter records it; Escape goes back."
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=on_keydown
                />
            </label>
            <label class="field">
                "About"
                <select on:change=move |ev| {
                    let s = match event_target_value(&ev).as_str() {
                        "1" => Scope::Cell,
                        "2" => Scope::Matrix,
                        _ => Scope::Activity,
                    };
                    scope.set(s);
                }>
                    {scopes}
                </select>
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button class="button" on:click=move |_| record()>"Record decision"</button>
            {list}
        </div>
    }
}

fn decision_item(
    workshop: Workshop,
    grid: Option<GridState>,
    m: &Matrix,
    d: &Decision,
) -> impl IntoView + use<> {
    let about = [
        review::activity_label(m, d.activity, &d.activity_name),
        review::role_label(m, d.role, &d.role_name),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" / ");
    let about = if about.is_empty() {
        "The whole matrix".to_owned()
    } else {
        about
    };
    let accepts = d
        .accepts
        .as_ref()
        .map(|a| format!(" Accepts the finding \u{201c}{}\u{201d}.", a.rule.title()));
    let target = d.activity.and_then(|a| {
        let role = d.role.or_else(|| m.roles.first().map(|r| r.id))?;
        (m.activity(a).is_some() && m.role(role).is_some()).then_some(CellRef { activity: a, role })
    });
    let id = d.id;
    let text = d.text.clone();
    let about_view = match (target, grid) {
        (Some(cell), Some(grid)) => view! {
            <button class="change-button" on:click=move |_| grid.reveal(workshop, cell)>{about.clone()}</button>
        }
        .into_any(),
        _ => view! { <span class="decision-about">{about.clone()}</span> }.into_any(),
    };
    view! {
        <li class="decision">
            <span class="decision-date">{d.date.to_string()}</span>
            {about_view}
            <span class="decision-text">{text.clone()}{accepts}</span>
            <button
                class="button button-quiet"
                on:click=move |_| workshop.apply_or_explain(crate::edit::Edit::Review(Box::new(ReviewEdit::DeleteDecision { id })))
            >
                "Delete"
                <span class="visually-hidden">{format!(" decision: {text}")}</span>
            </button>
        </li>
    }
}

/// Who keeps the matrix current, who takes escalations (for the matrix and per group), and how
/// often it is reviewed. Each field is one undoable step when it is left or Enter is pressed.
#[component]
fn Ownership() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let change = move |update: Box<dyn FnOnce(&mut Stewardship)>| {
        let mut next = review.stewardship.get_untracked();
        update(&mut next);
        if next == review.stewardship.get_untracked() {
            return;
        }
        match workshop.apply_review(ReviewEdit::SetStewardship { stewardship: next }) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let text_field = move |label: &'static str,
                           get: fn(&Stewardship) -> String,
                           set: fn(&mut Stewardship, String)| {
        view! {
            <label class="field">
                {label}
                <input
                    type="text"
                    prop:value=move || review.stewardship.with(get)
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        change(Box::new(move |s| set(s, value)));
                    }
                />
            </label>
        }
    };
    let cadence = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match text.trim().parse::<u32>() {
            Ok(days) if days > 0 => change(Box::new(move |s| s.review_every_days = days)),
            _ => error.set(Some(format!(
                "\u{201c}{text}\u{201d} is not a number of days (1 or more). The cadence stays {} days.",
                review.stewardship.with_untracked(|s| s.review_every_days)
            ))),
        }
    };
    let dates = move || {
        let last = review.stewardship.with(|s| {
            s.last_review
                .map_or("none yet".to_owned(), |d| d.to_string())
        });
        let next = workshop
            .matrix
            .with(|m| m.record.next_review_due())
            .map_or("when a review has started".to_owned(), |d| d.to_string());
        format!("Last review: {last}. Next review due: {next}.")
    };
    let groups = move || {
        workshop.read(Parts::GROUPS, |m| {
            m.groups
                .iter()
                .map(|g| {
                    let id: GroupId = g.id;
                    let label = format!("Escalates to ({})", g.name);
                    view! {
                        <label class="field">
                            {label}
                            <input
                                type="text"
                                prop:value=move || {
                                    review.stewardship.with(|s| s.group_escalation.get(&id).cloned().unwrap_or_default())
                                }
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    change(Box::new(move |s| {
                                        s.group_escalation.insert(id, value);
                                    }));
                                }
                            />
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let has_groups = move || workshop.read(Parts::GROUPS, |m| !m.groups.is_empty());
    view! {
        <div class="review-section">
            <h3>"Ownership of this matrix"</h3>
            {text_field("Matrix owner", |s| s.matrix_owner.clone(), |s, v| s.matrix_owner = v)}
            {text_field("Escalation owner", |s| s.escalation_owner.clone(), |s, v| s.escalation_owner = v)}
            <label class="field">
                "Review every (days)"
                <input
                    type="number"
                    min="1"
                    inputmode="numeric"
                    prop:value=move || review.stewardship.with(|s| s.review_every_days.to_string())
                    on:change=cadence
                />
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <p class="review-dates">{dates}</p>
            <Show when=has_groups>
                <details class="group-escalation">
                    <summary>"Escalation owners per group"</summary>
                    <p class="hint">"Where a group's gaps go to someone else than the matrix's escalation owner."</p>
                    {groups}
                </details>
            </Show>
        </div>
    }
}

/// Completed reviews, newest first, each with its summary and minutes.
#[component]
fn PastReviews() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let list = move || {
        let reviews = review.reviews.get();
        if reviews.is_empty() {
            return view! { <p class="empty-list">"No review completed yet."</p> }.into_any();
        }
        let items = reviews
            .iter()
            .rev()
            .map(|entry| {
                let who = if entry.attendees.is_empty() {
                    String::new()
                } else {
                    format!(" with {}", entry.attendees)
                };
                let heading = format!("{}{who}", entry.date);
                let summary = review::summary(entry);
                let date = entry.date;
                let entry = entry.clone();
                view! {
                    <li class="past-review">
                        <span class="past-review-heading">{heading}</span>
                        <span class="past-review-summary">{summary}</span>
                        <button class="button button-quiet" on:click=move |_| download_minutes(workshop, &entry)>
                            {format!("Minutes of {date}")}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="past-reviews">{items}</ul> }.into_any()
    };
    view! {
        <div class="review-section">
            <h3>"Past reviews"</h3>
            {list}
        </div>
    }
}
