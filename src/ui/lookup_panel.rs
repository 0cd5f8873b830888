//! "Who owns...?": type a few words of an activity or a role, see at once who is Accountable,
//! Responsible, Consulted and Informed, with the group, notes and escalation owner. The editor
//! shows it as a tab of the side pane; a shared link opens on it.

use leptos::prelude::*;

use super::grid_state::GridState;
use super::jump::jump_to_cell;
use super::pane_state::PaneState;
use super::state::Workshop;
use crate::grid::CellRef;
use crate::model::{ActivityId, Matrix, RoleId};
use crate::publish::{Lookup, LookupIndex, Ownership, role_summary};

/// The lookup over `matrix`. `on_activity` and `on_role` (when given) make each answer's name a
/// button that shows it elsewhere (its row in the grid, the role's view).
#[component]
pub fn LookupPanel(
    matrix: Signal<Matrix>,
    #[prop(optional)] on_activity: Option<Callback<ActivityId>>,
    #[prop(optional)] on_role: Option<Callback<RoleId>>,
    /// Put the focus in the search field when shown (the shared view opens on it).
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    // Lower-cased once per matrix, so each keystroke is one pass over the activities.
    let index = Memo::new(move |_| matrix.with(LookupIndex::new));
    let found: Memo<Lookup> = Memo::new(move |_| {
        let query = query.get();
        index.with(|index| matrix.with(|m| index.search(m, &query)))
    });
    let status = move || {
        if query.with(|q| q.trim().is_empty()) {
            return String::new();
        }
        found.with(|f| {
            let shown = f.activities.len() + f.more;
            let activities = match shown {
                0 => "no activity".to_owned(),
                1 => "1 activity".to_owned(),
                n => format!("{n} activities"),
            };
            match f.roles.len() {
                0 => format!("Found {activities}."),
                1 => format!("Found {activities} and 1 role."),
                n => format!("Found {activities} and {n} roles."),
            }
        })
    };
    let roles = move || {
        let ids = found.with(|f| f.roles.clone());
        (!ids.is_empty()).then(|| {
            let items = matrix.with(|m| {
                ids.iter()
                    .filter_map(|id| m.role(*id).map(|r| (r.id, r.name.clone(), role_summary(m, r.id))))
                    .map(|(id, name, summary)| {
                        let name = match on_role {
                            Some(show) => view! {
                                <button class="link-button" on:click=move |_| show.run(id)>{name}</button>
                            }
                            .into_any(),
                            None => view! { <strong>{name}</strong> }.into_any(),
                        };
                        view! { <li class="lookup-role">{name}" · "{summary}</li> }
                    })
                    .collect_view()
            });
            view! { <ul class="lookup-roles" aria-label="Roles">{items}</ul> }
        })
    };
    let answers = move || {
        found.with(|f| {
            f.activities
                .iter()
                .cloned()
                .map(|answer| answer_view(answer, on_activity))
                .collect_view()
        })
    };
    let more = move || {
        found.with(|f| {
            (f.more > 0).then(|| {
                view! {
                    <p class="lookup-more">
                        {format!("and {} more: add a word to narrow the search.", f.more)}
                    </p>
                }
            })
        })
    };
    let input = NodeRef::<leptos::html::Input>::new();
    if autofocus {
        Effect::new(move |_| {
            if let Some(input) = input.get() {
                let _ = input.focus();
            }
        });
    }
    view! {
        <section class="lookup" aria-labelledby="lookup-heading">
            <h2 class="pane-heading" id="lookup-heading">"Who owns...?"</h2>
            <div class="field lookup-field" role="search">
                // The heading shows the words; the label gives them to the field.
                <label class="visually-hidden" for="lookup-query">"Who owns...?"</label>
                <input
                    id="lookup-query"
                    class="field-input lookup-input"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="A few words of an activity or a role"
                    aria-describedby="lookup-status"
                    node_ref=input
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" && !query.with_untracked(String::is_empty) {
                            ev.prevent_default();
                            query.set(String::new());
                        }
                    }
                />
            </div>
            <p class="lookup-status" id="lookup-status" role="status">{status}</p>
            {roles}
            <div class="lookup-answers">{answers}</div>
            {more}
        </section>
    }
}

/// One activity's answer: its name, group, who holds each letter, notes and escalation.
fn answer_view(answer: Ownership, on_activity: Option<Callback<ActivityId>>) -> impl IntoView {
    let id = answer.activity;
    let name = match on_activity {
        Some(show) => view! {
            <button class="link-button" title="Show it in the matrix" on:click=move |_| show.run(id)>
                {answer.name.clone()}
            </button>
        }
        .into_any(),
        None => answer.name.clone().into_any(),
    };
    let holders = answer
        .holders
        .into_iter()
        .map(|h| {
            let nobody = h.roles.is_empty();
            let who = if nobody {
                "nobody".to_owned()
            } else {
                h.roles.join(", ")
            };
            view! {
                <div class="lookup-holder" class:is-nobody=nobody data-letter=h.letter.to_string()>
                    <dt>
                        <span class=format!("letter letter-{}", h.letter) aria-hidden="true">{h.letter.to_string()}</span>
                        {h.word}
                    </dt>
                    <dd>{who}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="lookup-answer">
            <h3 class="lookup-name">{name}</h3>
            {answer.group.map(|g| view! { <p class="lookup-group">{g}</p> })}
            <dl class="lookup-holders">{holders}</dl>
            {(!answer.description.is_empty()).then(|| view! { <p class="lookup-text">{answer.description}</p> })}
            {(!answer.notes.is_empty()).then(|| view! { <p class="lookup-text">"Notes: "{answer.notes}</p> })}
            {answer.escalation.map(|e| view! { <p class="lookup-escalation">"Escalate to: "{e}</p> })}
        </article>
    }
}

/// The lookup as the editor's side-pane tab: an activity's name goes to its row in the grid (on
/// the Accountable's cell, else the first role's), a role's name to its role view.
#[component]
pub fn EditorLookup() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let pane = expect_context::<PaneState>();
    let on_activity = Callback::new(move |activity: ActivityId| {
        let role = workshop.matrix.with_untracked(|m| {
            let owner = m.scheme.owner();
            let cells = m
                .activity(activity)
                .map(|a| a.cells.as_slice())
                .unwrap_or_default();
            m.roles
                .iter()
                .zip(cells)
                .find(|(_, c)| c.letters.contains(owner))
                .map(|(r, _)| r.id)
                .or_else(|| m.roles.first().map(|r| r.id))
        });
        if let Some(role) = role {
            jump_to_cell(workshop, grid, CellRef { activity, role });
        }
    });
    let on_role = Callback::new(move |role: RoleId| pane.view_role(Some(role)));
    view! { <LookupPanel matrix=workshop.matrix.into() on_activity on_role /> }
}
