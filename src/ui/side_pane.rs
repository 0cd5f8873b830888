//! The right-hand pane: the findings, the review (changes, actions, record), the role view and the
//! rule settings as tabs.
//!
//! The findings tab is the default and stays mounted while hidden, so its region and counts are
//! always current; the others are drawn only while shown. The role view highlights its role's
//! column only while its tab is shown.

use leptos::prelude::*;

use super::arriving::Arriving;
use super::dom::focus_by_id;
use super::findings_panel::FindingsPanel;
use super::on_demand::{Draw, OnDemand, OnDemandParts};
use super::pane_state::{PaneState, Tab};
use super::preferences;
use super::review_state::{ReviewState, ReviewTab};
use super::state::Workshop;

/// Where the pane sits under the grid (narrow screens, a projector at 1024 wide): the findings'
/// counts above the grid, and a way down to them.
#[component]
pub fn FindingsJump() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let pane = expect_context::<PaneState>();
    let go = move |_| {
        pane.show(Tab::Findings);
        if let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("tab-findings"))
        {
            list.scroll_into_view();
        }
        focus_tab(Tab::Findings);
    };
    view! {
        <button class="button button-quiet findings-jump" on:click=go>
            {move || format!("Findings: {} ↓", workshop.findings.with(|f| f.counts()))}
        </button>
    }
}

/// Where this browser remembers that the side pane is collapsed.
const COLLAPSED_KEY: &str = "raci-workshop/side-pane-collapsed";

#[component]
pub fn SidePane() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let pane = expect_context::<PaneState>();
    let parts = expect_context::<OnDemandParts>();
    // Collapsed, the pane gives its width to the matrix and keeps only a button with the count.
    let collapsed = RwSignal::new(preferences::read(COLLAPSED_KEY).is_some_and(|v| v == "yes"));
    let set_collapsed = move |value: bool| {
        collapsed.set(value);
        preferences::write(COLLAPSED_KEY, value.then_some("yes"));
        focus_id(if value { "pane-show" } else { "pane-hide" });
    };

    let findings_count = move || workshop.findings.with(|f| f.open_total());
    // Alt+N in the grid writes a decision: the Review tab holds its field.
    if let Some(review) = use_context::<ReviewState>() {
        Effect::new(move |_| {
            if review.write_decision.get() && pane.tab.get_untracked() != Tab::Review {
                pane.show(Tab::Review);
            }
        });
        // A finding about the matrix as a whole leads to where it is fixed.
        Effect::new(move |_| {
            let Some(wanted) = review.show_tab.get() else {
                return;
            };
            review.show_tab.set(None);
            let tab = match wanted {
                ReviewTab::Actions => Tab::Actions,
                ReviewTab::Review => Tab::Review,
            };
            pane.show(tab);
            focus_tab(tab);
        });
    }
    // Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern); Tab leaves the list.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = Tab::ALL
            .iter()
            .position(|t| *t == pane.tab.get_untracked())
            .unwrap_or(0);
        let last = Tab::ALL.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (current + 1) % Tab::ALL.len(),
            "ArrowLeft" | "ArrowUp" => (current + last) % Tab::ALL.len(),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        let tab = Tab::ALL[next];
        pane.show(tab);
        focus_tab(tab);
    };
    let tabs = Tab::ALL
        .into_iter()
        .map(|tab| {
            let selected = move || pane.tab.get() == tab;
            let badge = (tab == Tab::Findings).then(|| {
                view! { <span class="tab-count">{findings_count}</span> }
            });
            view! {
                <button
                    role="tab"
                    class="pane-tab"
                    id=format!("tab-{}", tab.id())
                    aria-controls=format!("panel-{}", tab.id())
                    aria-selected=move || selected().to_string()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| pane.show(tab)
                >
                    {tab.label()}
                    {badge}
                </button>
            }
        })
        .collect_view();
    let panel = move |tab: Tab, body: AnyView| {
        view! {
            <div
                role="tabpanel"
                class="pane-panel"
                id=format!("panel-{}", tab.id())
                aria-labelledby=format!("tab-{}", tab.id())
                hidden=move || pane.tab.get() != tab
            >
                {body}
            </div>
        }
    };
    let on_demand_panel = move |tab: Tab, load: fn() -> Arriving<Draw>| {
        panel(
            tab,
            view! { <Show when=move || pane.tab.get() == tab><OnDemand load /></Show> }.into_any(),
        )
    };
    let count_text = move || {
        let n = findings_count();
        if n == 1 {
            "1 finding".to_owned()
        } else {
            format!("{n} findings")
        }
    };
    view! {
        <div class="side-pane" class:collapsed=move || collapsed.get()>
            <Show when=move || collapsed.get()>
                <button
                    class="button pane-show"
                    id="pane-show"
                    aria-expanded="false"
                    aria-controls="side-pane-body"
                    title="Show the side panel"
                    on:click=move |_| set_collapsed(false)
                >
                    <span aria-hidden="true">"◂"</span>
                    "Show panel"
                    <span class="tab-count pane-show-count">{count_text}</span>
                </button>
            </Show>
            <div class="pane-body" id="side-pane-body" hidden=move || collapsed.get()>
                <div class="pane-head">
                    <div class="pane-tabs" role="tablist" aria-label="Side panel" on:keydown=on_keydown>
                        {tabs}
                    </div>
                    <button
                        class="button button-quiet pane-hide"
                        id="pane-hide"
                        aria-expanded="true"
                        aria-controls="side-pane-body"
                        aria-label="Hide panel"
                        title="Hide the side panel: the matrix gets its width"
                        on:click=move |_| set_collapsed(true)
                    >
                        // A glyph, so the three tabs keep the width at any type size.
                        <span aria-hidden="true">"»"</span>
                    </button>
                </div>
                {panel(Tab::Findings, view! { <FindingsPanel /> }.into_any())}
                // The other panels are drawn only while shown: hidden, they would follow every edit.
                // Their code arrives after the matrix (on_demand).
                {on_demand_panel(Tab::Changes, parts.changes_panel)}
                {on_demand_panel(Tab::Actions, parts.actions_panel)}
                {on_demand_panel(Tab::Review, parts.review_panel)}
                {on_demand_panel(Tab::Lookup, parts.lookup_panel)}
                {on_demand_panel(Tab::RoleView, parts.role_view)}
                {on_demand_panel(Tab::Rules, parts.rules_panel)}
            </div>
        </div>
    }
}

/// Focuses the element with `id` once it is drawn (next frame).
fn focus_id(id: &'static str) {
    request_animation_frame(move || focus_by_id(id));
}

/// Focuses the button of `tab`.
pub fn focus_tab(tab: Tab) {
    focus_by_id(&format!("tab-{}", tab.id()));
}
