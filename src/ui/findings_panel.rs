//! The findings, grouped by severity with counts, in plain words naming activity and role.

use leptos::prelude::*;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::edit::Edit;
use crate::edit::ReviewEdit;
use crate::model::Decision;
use crate::rules::{self, Finding, Severity};

use super::after_paint::after_paint;
use super::grid_state::GridState;
use super::review_state::{ReviewState, ReviewTab};
use super::state::Workshop;
use crate::grid::CellRef;

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = use_context::<GridState>();
    let review = use_context::<ReviewState>();
    // Selects the finding's cell (or the first cell of its row or column) and scrolls to it; a
    // finding about the matrix as a whole leads to the tab where it is fixed.
    let go_to = move |finding: &crate::rules::Finding| {
        if finding.activity.is_none() && finding.role.is_none() {
            if let Some(review) = review {
                let tab = match finding.rule {
                    rules::RuleId::OverdueAction => ReviewTab::Actions,
                    _ => ReviewTab::Review,
                };
                review.show_tab.set(Some(tab));
            }
            return;
        }
        let Some(grid) = grid else {
            return;
        };
        let cell = workshop.matrix.with_untracked(|m| {
            let activity = finding
                .activity
                .or_else(|| m.activities.first().map(|a| a.id))?;
            let role = finding.role.or_else(|| m.roles.first().map(|r| r.id))?;
            Some(CellRef { activity, role })
        });
        if let Some(cell) = cell {
            grid.only_findings.set(false);
            grid.reveal(workshop, cell);
        }
    };
    // The lists follow an edit one frame late: the edit's frame shows the cell and the summary,
    // and the list (items built, laid out and painted) comes in the next. Paper gets the
    // findings as they are.
    let printing = move || grid.is_some_and(|g| g.printing.get());
    let later = after_paint(workshop.findings);
    let listed = Memo::new(move |_| {
        if printing() {
            workshop.findings.get()
        } else {
            later.get()
        }
    });
    // The open findings of each severity, counted once per change: headings, lists and buttons
    // read them.
    let open = Memo::new(move |_| listed.with(|f| Severity::ALL.map(|s| f.open(s))));
    let count = move |severity: Severity| open.with(|o| o[severity as usize]);
    let summary = move || {
        workshop.findings.with(|f| {
            if f.is_empty() {
                "No findings: every activity has one owner and someone doing the work.".to_owned()
            } else {
                f.counts()
            }
        })
    };
    // One keyed list per severity: an edit re-renders only the findings it added or changed.
    let section = move |severity: Severity| {
        // A room reads the first findings; thousands of them on screen help nobody and slow
        // every edit, so the rest wait behind a button.
        let expanded = RwSignal::new(false);
        // Paper gets every finding.
        let show_all = Signal::derive(move || expanded.get() || printing());
        // The findings listed; most edits change none of them, and then the list stays the same
        // one (compared in place, nothing copied), so the keyed list does nothing.
        let items = Memo::new_owning(move |old: Option<Vec<Arc<Finding>>>| {
            let limit = if show_all.get() {
                usize::MAX
            } else {
                SHOWN_AT_FIRST
            };
            listed.with(|findings| {
                let shown = || {
                    findings
                        .of_severity(severity)
                        .filter(|f| f.is_open())
                        .take(limit)
                };
                match old {
                    Some(old) if old.iter().map(|f| &**f).eq(shown()) => (old, false),
                    _ => (shown().map(|f| Arc::new(f.clone())).collect(), true),
                }
            })
        });
        let count = move || count(severity);
        let more = move || {
            let hidden = count().saturating_sub(SHOWN_AT_FIRST);
            (hidden > 0 && !show_all.get()).then(|| {
                view! {
                    <button class="button button-quiet show-all" on:click=move |_| expanded.set(true)>
                        {format!("Show all {} {}", count(), severity.heading().to_lowercase())}
                    </button>
                }
            })
        };
        view! {
            <Show when=move || { count() > 0 }>
                <h3 class=format!("findings-heading heading-{severity}")>
                    {move || format!("{} ({})", severity.heading(), count())}
                </h3>
            </Show>
            <ul class="findings-list">
                <For
                    each=move || items.get()
                    key=|f| finding_key(f)
                    children=move |f| {
                        let target = f.clone();
                        let accepting = Arc::clone(&f);
                        view! {
                            <li class=format!("finding finding-{}", f.severity) data-rule=f.rule.as_str()>
                                <button class="finding-button" on:click=move |_| go_to(&target)>
                                    <span class=format!("mark mark-{}", f.severity) aria-hidden="true">
                                        {match f.severity {
                                            Severity::Conflict => "!",
                                            Severity::Gap => "?",
                                            Severity::Warning => "i",
                                        }}
                                    </span>
                                    <span class="finding-text">
                                        <span class="finding-message">{f.message.clone()}</span>
                                        <span class="finding-why">{f.why.clone()}</span>
                                        <span class="finding-fix">{f.fix.clone()}</span>
                                    </span>
                                </button>
                            </li>
                            // Its own item, so that the finding's item holds one button: the one
                            // that goes to it.
                            <li class="finding-accept">
                                <AcceptFinding finding=accepting />
                            </li>
                        }
                    }
                />
            </ul>
            {more}
        }
    };
    let groups = Severity::ALL.map(section);
    let accepted = move || {
        let list: Vec<Arc<Finding>> =
            listed.with(|f| f.accepted().map(|f| Arc::new(f.clone())).collect());
        (!list.is_empty()).then(|| {
            let count = list.len();
            let items = list
                .into_iter()
                .map(|f| {
                    let reopen = Arc::clone(&f);
                    let target = Arc::clone(&f);
                    view! {
                        <li class="finding finding-accepted" data-rule=f.rule.as_str()>
                            <button class="finding-button" on:click=move |_| go_to(&target)>
                                <span class="mark mark-accepted" aria-hidden="true">"✓"</span>
                                <span class="finding-text">
                                    <span class="finding-message">{f.message.clone()}</span>
                                    <span class="finding-fix">
                                        {format!("Accepted: {}", f.accepted.clone().unwrap_or_default())}
                                    </span>
                                </span>
                            </button>
</li>
                        <li class="finding-accept">
                            <button
                                class="button button-quiet accept-button"
                                title="Open this finding again; the decision stays in the record"
                                on:click=move |_| reopen_finding(workshop, &reopen)
                            >
                                "Reopen"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 class="findings-heading heading-accepted">{format!("Accepted ({count})")}</h3>
                <ul class="findings-list">{items}</ul>
            }
        })
    };

    // Screen readers hear what a change did, not the whole list again: "New: ... Resolved: ...".
    let announcement = RwSignal::new(String::new());
    let previous = StoredValue::new(None::<rules::Findings>);
    Effect::new(move |_| {
        let now = workshop.findings.get();
        if let Some(before) = previous.get_value() {
            announcement.set(now.announce_since(&before));
        }
        previous.set_value(Some(now));
    });
    view! {
        <aside class="findings-pane">
            <section aria-label="Findings" class="findings">
                <h2>"Findings"</h2>
                <p class="findings-summary">{summary}</p>
                <p class="visually-hidden findings-announcement" role="status" aria-atomic="true">
                    {move || announcement.get()}
                </p>
                {groups}
                {accepted}
            </section>
        </aside>
    }
}

/// Findings of one severity listed before "Show all".
const SHOWN_AT_FIRST: usize = 100;

/// Identity of a finding on screen: its rule, place and wording (the fix names the escalation
/// owner, which can change on its own).
fn finding_key(finding: &Finding) -> u64 {
    let mut h = DefaultHasher::new();
    (
        finding.rule,
        finding.activity,
        finding.role,
        &finding.message,
        &finding.fix,
    )
        .hash(&mut h);
    h.finish()
}

/// Opens an accepted finding again: the decision that accepted it stays, without the acceptance.
fn reopen_finding(workshop: Workshop, finding: &Finding) {
    let decision = workshop.matrix.with_untracked(|m| {
        m.record
            .decisions
            .iter()
            .rev()
            .find(|d| {
                d.activity == finding.activity
                    && d.role == finding.role
                    && d.accepts.as_ref().is_some_and(|a| a.rule == finding.rule)
            })
            .cloned()
    });
    if let Some(mut decision) = decision {
        decision.accepts = None;
        workshop.apply_or_explain(Edit::Review(Box::new(ReviewEdit::SetDecision { decision })));
    }
}

/// "Accept…": the room decides a finding is fine as it is and says why, in one decision.
///
/// Up to a hundred of these stand in the list, so each holds one signal until it is opened; the
/// form and its state are made on the click.
#[component]
fn AcceptFinding(finding: Arc<Finding>) -> impl IntoView {
    let open = RwSignal::new(false);
    move || {
        if open.get() {
            accept_form(Arc::clone(&finding), open).into_any()
        } else {
            view! {
                <button
                    class="button button-quiet accept-button"
                    title=format!("Accept as it is, with a reason: {}", finding.message)
                    on:click=move |_| open.set(true)
                >
                    "Accept…"
                </button>
            }
            .into_any()
        }
    }
}

/// The reason asked for when a finding is accepted, with the keyboard in its field.
fn accept_form(finding: Arc<Finding>, open: RwSignal<bool>) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let reason = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let field = NodeRef::<leptos::html::Input>::new();
    field.on_load(|input| {
        let _ = input.focus();
    });
    let accept = move || {
        let today = workshop.today.get_untracked();
        let decision = workshop
            .matrix
            .with_untracked(|m| Decision::accepting(m, &finding, &reason.get_untracked(), today));
        match workshop.apply(Edit::Review(Box::new(ReviewEdit::AddDecision {
            index: usize::MAX,
            decision,
        }))) {
            Ok(()) => open.set(false),
            Err(_) => error.set(Some(
                "Say in a few words why the room accepts it.".to_owned(),
            )),
        }
    };
    let accept_click = accept.clone();
    view! {
        <div class="accept-form">
            <label class="field">
                "Reason"
                <input
                    node_ref=field
                    type="text"
                    placeholder="Security advises only: agreed"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                        "Enter" => {
                            ev.prevent_default();
                            accept();
                        }
                        "Escape" => {
                            ev.prevent_default();
                            ev.stop_propagation();
                            open.set(false);
                        }
                        _ => {}
                    }
                />
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button class="button" on:click=move |_| accept_click()>"Accept finding"</button>
            <button class="button button-quiet" on:click=move |_| open.set(false)>"Cancel"</button>
        </div>
    }
}
