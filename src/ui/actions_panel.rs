//! The "Actions" region: improvement opportunities and parking-lot items with an owner, a due
//! date and an activity, tracked to completion. Filters show what is open, overdue or done, or
//! one owner's; done actions stay listed with their completion date.

use leptos::prelude::*;

use crate::edit::{Parts, ReviewEdit};
use crate::model::ActivityId;
use crate::model::{Action, Date};
use crate::review::{self, ActionFilter};

use super::grid_state::GridState;
use super::review_state::ReviewState;
use super::state::Workshop;

/// Activities offered in the form's list; beyond this the selected cell's activity is offered.
const LISTED_ACTIVITIES: usize = 400;

#[component]
pub fn ActionsPanel() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let review = expect_context::<ReviewState>();
    let filter = RwSignal::new(ActionFilter::Open);
    let owner: RwSignal<Option<String>> = RwSignal::new(None);
    let counts = move || {
        let today = workshop.today.get();
        review.actions.with(|actions| {
            let open = actions.iter().filter(|a| a.is_open()).count();
            let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
            format!(
                "{open} open ({overdue} overdue), {} done.",
                actions.len() - open
            )
        })
    };
    let filter_options = ActionFilter::ALL
        .into_iter()
        .map(|f| {
            view! {
                <option value=f.label() prop:selected=move || filter.get() == f>{f.label()}</option>
            }
        })
        .collect_view();
    let owner_options = move || {
        review.actions.with(|actions| {
            review::action_owners(actions)
                .into_iter()
                .map(|o| {
                    let selected = o.clone();
                    let value = o.clone();
                    view! {
                        <option
                            value=value
                            prop:selected=move || owner.with(|x| x.as_deref() == Some(selected.as_str()))
                        >
                            {o}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let list = move || {
        let today = workshop.today.get();
        let (filter, owner) = (filter.get(), owner.get());
        let actions = review.actions.get();
        // Tracked, so that a deleted activity shows as deleted at once; the panel is drawn only
        // while its tab is shown.
        workshop.read(
            Parts::RECORD | Parts::ACTIVITIES | Parts::ROLES | Parts::GROUPS,
            |m| {
                let shown = review::filter_actions(&actions, filter, owner.as_deref(), today);
                if shown.is_empty() {
                    return view! { <p class="empty-list">"No actions to show."</p> }.into_any();
                }
                let items = shown
                    .into_iter()
                    .map(|a| action_item(workshop, m, a, today))
                    .collect_view();
                view! { <ul class="actions-list">{items}</ul> }.into_any()
            },
        )
    };
    view! {
        <section class="actions" aria-label="Actions">
            <h2>"Actions"</h2>
            <p class="actions-summary">{counts}</p>
            <NewActionForm />
            <div class="action-filters">
                <label class="field">
                    "Status"
                    <select on:change=move |ev| {
                        if let Some(f) = ActionFilter::from_label(&event_target_value(&ev)) {
                            filter.set(f);
                        }
                    }>
                        {filter_options}
                    </select>
                </label>
                <label class="field">
                    "Assigned to"
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        owner.set((!value.is_empty()).then_some(value));
                    }>
                        <option value="" prop:selected=move || owner.with(Option::is_none)>"Everyone"</option>
                        {owner_options}
                    </select>
                </label>
            </div>
            {list}
        </section>
    }
}

/// One action: done checkbox, title, owner, due date, status, activity, delete.
fn action_item(
    workshop: Workshop,
    m: &crate::model::Matrix,
    action: &Action,
    today: Date,
) -> impl IntoView + use<> {
    let status = action.status_words(today);
    let activity = review::activity_label(m, action.activity, &action.activity_name);
    let mut meta = vec![if action.owner.is_empty() {
        "No owner".to_owned()
    } else {
        format!("Owner: {}", action.owner)
    }];
    if let Some(due) = action.due {
        meta.push(format!("due {due}"));
    }
    if !activity.is_empty() {
        meta.push(activity);
    }
    let overdue = action.is_overdue(today);
    let toggled = {
        let mut next = action.clone();
        next.done = if action.is_open() { Some(today) } else { None };
        next
    };
    let id = action.id;
    let title = action.title.clone();
    view! {
        <li class="action" class:action-overdue=overdue class:action-done=!action.is_open()>
            <label class="action-done-toggle">
                <input
                    type="checkbox"
                    prop:checked=!action.is_open()
                    on:change=move |_| {
                        let _ = workshop.apply_review(ReviewEdit::SetAction { action: toggled.clone() });
                    }
                />
                <span class="action-title">{title.clone()}</span>
            </label>
            <span class="action-meta">{meta.join(" · ")}</span>
            <span class="action-status">{status}</span>
            <button
                class="button button-quiet"
                aria-label=format!("Delete action {title}")
                on:click=move |_| workshop.apply_or_explain(crate::edit::Edit::Review(Box::new(ReviewEdit::DeleteAction { id })))
            >
                "Delete"
            </button>
        </li>
    }
}

/// The form that adds an action: title, owner (a role or anyone), due date, activity.
#[component]
fn NewActionForm() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = use_context::<GridState>();
    let title = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let activity: RwSignal<Option<ActivityId>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    // The selected cell's activity is the likely subject of a new action.
    let selected_activity = move || {
        grid.and_then(|g| g.selection.get())
            .map(|s| s.focus.activity)
    };
    Effect::new(move |_| {
        if let Some(a) = selected_activity() {
            activity.set(Some(a));
        }
    });
    let role_names = move || {
        workshop.read(Parts::ROLES, |m| {
            m.roles
                .iter()
                .map(|r| view! { <option value=r.name.clone()></option> })
                .collect_view()
        })
    };
    let activity_options = move || {
        workshop.read(Parts::ACTIVITIES, |m| {
            let chosen = activity.get();
            let listed: Vec<_> = if m.activities.len() <= LISTED_ACTIVITIES {
                m.activities.iter().collect()
            } else {
                m.activities.iter().filter(|a| Some(a.id) == chosen).collect()
            };
            listed
                .into_iter()
                .map(|a| {
                    let id = a.id;
                    view! {
                        <option value=id.0.to_string() prop:selected=move || activity.get() == Some(id)>
                            {a.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due_date = match due.get_untracked().trim() {
            "" => None,
            text => match text.parse::<Date>() {
                Ok(date) => Some(date),
                Err(e) => {
                    error.set(Some(e.to_string()));
                    return;
                }
            },
        };
        let today = workshop.today.get_untracked();
        let action = workshop.matrix.with_untracked(|m| {
            Action::new(
                m,
                &title.get_untracked(),
                &owner.get_untracked(),
                due_date,
                activity.get_untracked(),
                today,
            )
        });
        match workshop.apply_review(ReviewEdit::AddAction {
            index: usize::MAX,
            action,
        }) {
            Ok(()) => {
                error.set(None);
                title.set(String::new());
                due.set(String::new());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="new-action" on:submit=submit>
            <h3>"New action"</h3>
            <label class="field">
                "Action"
                <input
                    type="text"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                    aria-describedby="new-action-error"
                />
            </label>
            <label class="field">
                "Owner"
                <input
                    type="text"
                    list="action-owner-roles"
                    prop:value=move || owner.get()
                    on:input=move |ev| owner.set(event_target_value(&ev))
                />
            </label>
            <datalist id="action-owner-roles">{role_names}</datalist>
            <label class="field">
                "Due date"
                <input
                    type="date"
                    prop:value=move || due.get()
                    on:input=move |ev| due.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                "Activity"
                <select on:change=move |ev| {
                    activity.set(event_target_value(&ev).parse().ok().map(ActivityId));
                }>
                    <option value="" prop:selected=move || activity.get().is_none()>"None"</option>
                    {activity_options}
                </select>
            </label>
            <p id="new-action-error" class="field-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="button button-primary">"Add action"</button>
        </form>
    }
}
