//! A page opened from a share link: the lookup first, then the matrix and its findings, all
//! read-only, and "Save a copy to my library". The user's own library is not read or written
//! until they save; a broken link opens the editor on their library with a message.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::download::today_date;
use super::lookup_panel::LookupPanel;
use super::on_demand::OnDemandParts;
use super::share_link::{expand, forget_fragment};
use super::{App, Legend};
use crate::grid::cell_label;
use crate::model::Matrix;
use crate::publish::share::{self, ShareError};
use crate::rules::{self, RuleSettings, Severity};

/// What the page shows after a share link was read.
#[derive(Clone)]
enum Arrival {
    Opening,
    Shared(Matrix, RuleSettings),
    /// The editor on the user's library, saving the shared matrix into it first (when given),
    /// or saying why the link could not be opened.
    Editor(Option<(Matrix, RuleSettings)>, Option<String>),
}

/// Draws the page for a share link's `data`, a part that loads on first use
/// (src/ui/on_demand.rs).
pub fn shared_page(data: Result<Vec<u8>, ShareError>, parts: OnDemandParts) -> AnyView {
    view! { <SharedRoot data parts /> }.into_any()
}

/// The page for a share link's `data` (the fragment's compressed bytes, or why there are none).
#[component]
fn SharedRoot(data: Result<Vec<u8>, ShareError>, parts: OnDemandParts) -> impl IntoView {
    let arrival = RwSignal::new(Arrival::Opening);
    spawn_local(async move {
        let opened = match data {
            Ok(bytes) => match expand(&bytes).await {
                Ok(expanded) => share::read_payload(&expanded),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        arrival.set(match opened {
            Ok((matrix, settings)) => Arrival::Shared(matrix, settings),
            Err(error) => {
                forget_fragment();
                Arrival::Editor(None, Some(error.to_string()))
            }
        });
    });
    let save = Callback::new(move |shared: (Matrix, RuleSettings)| {
        forget_fragment();
        arrival.set(Arrival::Editor(Some(shared), None));
    });
    move || match arrival.get() {
        Arrival::Opening => view! {
            <p class="shared-opening" role="status">"Opening the shared matrix…"</p>
        }
        .into_any(),
        Arrival::Shared(matrix, settings) => {
            view! { <SharedView matrix settings on_save=save /> }.into_any()
        }
        Arrival::Editor(adopt, problem) => view! { <App parts adopt problem /> }.into_any(),
    }
}

/// The shared matrix, read-only.
#[component]
fn SharedView(
    matrix: Matrix,
    settings: RuleSettings,
    on_save: Callback<(Matrix, RuleSettings)>,
) -> impl IntoView {
    let title = matrix.title.clone();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} (shared) · RACI Workshop"));
    }
    let findings = rules::check_on(&matrix, &settings, today_date());
    let scheme = matrix.scheme;
    let stewardship = matrix.record.stewardship.clone();
    let kept = (matrix.clone(), settings);
    let matrix = Signal::stored(matrix);
    let owners = [
        ("Matrix owner", stewardship.matrix_owner),
        ("Escalation owner", stewardship.escalation_owner),
    ]
    .into_iter()
    .filter(|(_, who)| !who.trim().is_empty())
    .map(|(what, who)| view! { <span class="shared-owner">{what}": "<strong>{who}</strong></span> })
    .collect_view();
    view! {
        <header class="app-header shared-header">
            <div class="brand">
                <span class="brand-name">"RACI Workshop"</span>
                <h1 class="matrix-title">{title.clone()}</h1>
            </div>
            <div class="toolbar">
                <button class="button button-primary" on:click=move |_| on_save.run(kept.clone())>
                    "Save a copy to my library"
                </button>
            </div>
        </header>
        <div class="banner banner-notice shared-note" role="note">
            "A read-only copy from a share link: nothing here is saved or sent anywhere. Save a copy to my library to edit it."
            {owners}
        </div>
        <main class="shared-main">
            <LookupPanel matrix autofocus=true />
            <section class="shared-matrix" aria-labelledby="shared-matrix-heading">
                <h2 class="pane-heading" id="shared-matrix-heading">"Matrix"</h2>
                <Legend scheme=Signal::stored(scheme) />
                {move || matrix.with(read_only_grid)}
            </section>
            <SharedFindings findings />
        </main>
    }
}

/// The matrix as a plain table: groups as section rows, letters with their names for screen
/// readers. Nothing in it can be edited.
fn read_only_grid(m: &Matrix) -> impl IntoView + use<> {
    let head = m
        .roles
        .iter()
        .map(|r| view! { <th scope="col" class="role-header" title=r.description.clone()>{r.name.clone()}</th> })
        .collect_view();
    let mut rows = Vec::new();
    let mut group = None;
    for a in &m.activities {
        if a.group != group {
            group = a.group;
            if let Some(g) = a.group.and_then(|g| m.group(g)) {
                rows.push(
                    view! {
                        <tr class="group-row">
                            <th scope="rowgroup" colspan=m.roles.len() + 1>{g.name.clone()}</th>
                        </tr>
                    }
                    .into_any(),
                );
            }
        }
        let cells = m
            .roles
            .iter()
            .zip(&a.cells)
            .map(|(r, c)| {
                let label = cell_label(m.scheme, &r.name, &a.name, c);
                let letters = c
                    .letters
                    .iter()
                    .map(|l| view! { <span class=format!("letter letter-{l}")>{l.to_string()}</span> })
                    .collect_view();
                view! {
                    <td class="cell" aria-label=label.clone() title=label>
                        {letters}
                        {c.unrecognised.as_deref().map(|t| view! { <span class="cell-unrecognised">{t.to_owned()}</span> })}
                    </td>
                }
            })
            .collect_view();
        rows.push(
            view! {
                <tr>
                    <th scope="row" class="activity-header" title=a.description.clone()>{a.name.clone()}</th>
                    {cells}
                </tr>
            }
            .into_any(),
        );
    }
    view! {
        <div class="grid-scroll shared-grid" tabindex="0" role="group" aria-label="Matrix, scrolls sideways">
            <table class="matrix read-only" aria-label="RACI matrix">
                <thead>
                    <tr>
                        <th scope="col" class="corner">"Activity"</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The findings on the shared matrix, by severity.
#[component]
fn SharedFindings(findings: Vec<rules::Finding>) -> impl IntoView {
    let summary = rules::counts(&findings);
    let lists = Severity::ALL
        .into_iter()
        .filter_map(|severity| {
            let items: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == severity && f.is_open())
                .map(|f| {
                    view! {
                        <li class=format!("finding finding-{}", f.severity) data-rule=f.rule.as_str()>
                            <span class="finding-text">
                                <span class="finding-message">{f.message.clone()}</span>
                                <span class="finding-fix">{f.fix.clone()}</span>
                            </span>
                        </li>
                    }
                })
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <h3 class=format!("findings-heading heading-{severity}")>{severity.heading()}</h3>
                    <ul class="findings-list">{items}</ul>
                }
            })
        })
        .collect_view();
    view! {
        <section class="findings shared-findings" aria-label="Findings">
            <h2 class="pane-heading">"Findings"</h2>
            <p class="findings-summary">{summary}</p>
            {lists}
        </section>
    }
}
