//! Component tests: mount pieces of the UI in headless Chromium and check what a user would see.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use raci_workshop::edit::{Edit, apply};
use raci_workshop::example::example;
use raci_workshop::model::Letter;
use raci_workshop::rules::RuleSettings;
use raci_workshop::ui::{FindingsPanel, MatrixGrid, Workshop};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` in a fresh container and returns the container.
fn mount(workshop: Workshop, view: fn() -> AnyView) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_context(workshop);
        view()
    });
    handle.forget();
    container
}

fn rules_shown(container: &web_sys::HtmlElement) -> Vec<String> {
    let nodes = container.query_selector_all("[data-rule]").unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-rule"))
        .collect()
}

async fn tick() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn grid_shows_roles_and_activities_as_headers() {
    let owner = Owner::new();
    owner.set();
    let workshop = Workshop::new(example(), RuleSettings::default());
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    tick().await;
    let table = container
        .query_selector("table[aria-label='RACI matrix']")
        .unwrap()
        .unwrap();
    let column_headers = table.query_selector_all("th[scope=col]").unwrap().length();
    assert_eq!(column_headers, 1 + 7, "corner plus one header per role");
    let text = table.text_content().unwrap();
    assert!(text.contains("Platform team") && text.contains("Provision new accounts"));
    let cell = table
        .query_selector(
            "td[aria-label='Platform team, Provision new accounts: Accountable and Responsible']",
        )
        .unwrap();
    assert!(cell.is_some(), "cells carry an accessible name");
}

#[wasm_bindgen_test]
async fn findings_follow_edits_of_the_matrix() {
    let owner = Owner::new();
    owner.set();
    let workshop = Workshop::new(example(), RuleSettings::default());
    let container = mount(workshop, || view! { <FindingsPanel /> }.into_any());
    tick().await;
    assert!(rules_shown(&container).contains(&"unassigned-activity".to_owned()));

    // Give the abandoned activity an owner and a doer: its finding disappears.
    workshop.matrix.update(|m| {
        let activity = m
            .activities
            .iter()
            .find(|a| a.name.starts_with("Define backup"))
            .unwrap()
            .id;
        let platform = m.roles[1].id;
        apply(
            m,
            Edit::ToggleLetter {
                activity,
                role: platform,
                letter: Letter::A,
            },
        )
        .unwrap();
        apply(
            m,
            Edit::ToggleLetter {
                activity,
                role: platform,
                letter: Letter::R,
            },
        )
        .unwrap();
    });
    tick().await;
    let text = container.text_content().unwrap();
    assert!(!text.contains("Define backup and restore policy"), "{text}");
    assert!(!rules_shown(&container).contains(&"unassigned-activity".to_owned()));
}
