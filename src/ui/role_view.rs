//! The role view: everything one role holds, grouped by letter in the scheme's own words
//! ("Accountable for", "Approver of"), with a jump from each activity to its cell in the grid.

use leptos::prelude::*;

use crate::edit::Parts;
use crate::grid::holdings::{holdings, summary};
use crate::model::{ActivityId, RoleId};

use super::grid_state::GridState;
use super::jump::jump_to_cell;
use super::pane_state::{PaneState, Tab};
use super::role_cards::{EscalationContacts, PrintRoleCards};
use super::state::Workshop;
use crate::grid::CellRef;

#[component]
pub fn RoleView() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let pane = expect_context::<PaneState>();
    let grid = use_context::<GridState>();

    // A role that was deleted (or replaced by an import) is no longer shown.
    let role = Memo::new(move |_| {
        pane.role
            .get()
            .filter(|r| workshop.read(Parts::ROLES, |m| m.role_index(*r).is_some()))
    });
    // The choices change only when roles are added, removed, renamed or moved: an edit to a cell
    // leaves the list (and its DOM) as it is.
    let choices = Memo::new(move |_| {
        workshop.read(Parts::ROLES, |m| {
            m.roles
                .iter()
                .map(|r| (r.id, r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let options = move || {
        choices
            .get()
            .into_iter()
            .map(|(id, name)| {
                view! {
                    <option value=id.0.to_string() prop:selected=move || role.get() == Some(id)>
                        {name}
                    </option>
                }
            })
            .collect_view()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev).parse().ok().map(RoleId);
        pane.view_role(picked);
    };
    let reveal = move |activity: ActivityId, role: RoleId| {
        let Some(grid) = grid else {
            return;
        };
        jump_to_cell(workshop, grid, CellRef { activity, role });
    };
    // Drawn while its tab is shown: hidden, it would redo its holdings on every edit.
    let shown = Memo::new(move |_| pane.tab.get() == Tab::RoleView);
    let body = move || {
        if !shown.get() {
            return ().into_any();
        }
        let Some(role) = role.get() else {
            return view! {
                <p class="role-empty">
                    "Choose a role to see every activity it holds, grouped by letter. Its column is highlighted in the matrix."
                </p>
            }
            .into_any();
        };
        let (name, description, summary, holdings) = workshop.matrix.with(|m| {
            let r = m.role(role);
            (
                r.map(|r| r.name.clone()).unwrap_or_default(),
                r.map(|r| r.description.clone()).unwrap_or_default(),
                summary(m, role),
                holdings(m, role),
            )
        });
        let role_findings = workshop.findings.with(|f| {
            f.iter()
                .filter(|f| f.role == Some(role) && f.activity.is_none())
                .map(|f| {
                    view! {
                        <li class=format!("role-finding finding-{}", f.severity) data-rule=f.rule.as_str()>
                            {f.message.clone()}
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        });
        let role_findings = (!role_findings.is_empty())
            .then(|| view! { <ul class="role-findings">{role_findings}</ul> });
        let groups = holdings
            .into_iter()
            .map(|h| {
                let heading = format!("{} ({})", h.phrase, h.items.len());
                let empty = h.items.is_empty();
                let items = h
                    .items
                    .into_iter()
                    .map(|item| {
                        let activity = item.activity;
                        view! {
                            <li>
                                <button class="role-activity" on:click=move |_| reveal(activity, role)>
                                    <span class="role-activity-name">{item.name}</span>
                                    <span class="role-activity-meta">
                                        <span class="role-activity-cell">{item.cell}</span>
                                        {item.group.map(|g| view! { <span class="role-activity-group">{g}</span> })}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="role-holding" class:is-empty=empty data-letter=h.key>
                        <h4 class="role-holding-heading">{heading}</h4>
                        <ul class="role-activities" aria-label=h.phrase>{items}</ul>
                    </section>
                }
            })
            .collect_view();
        view! {
            <h3 class="role-name-heading">{name}</h3>
            {(!description.is_empty()).then(|| view! { <p class="role-description">{description}</p> })}
            <p class="role-summary">{summary}</p>
            {role_findings}
            <div class="role-holdings">{groups}</div>
            <EscalationContacts role />
        }
        .into_any()
    };
    view! {
        <div class="role-view">
            <PrintRoleCards />
            <div class="field">
                <label class="field-label" for="role-view-role">"Role"</label>
                <select id="role-view-role" class="field-input" on:change=on_change>
                    <option value="" prop:selected=move || role.get().is_none()>"Choose a role…"</option>
                    {options}
                </select>
            </div>
            {body}
        </div>
    }
}
