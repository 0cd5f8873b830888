//! The grid's column density ("Fit to width", "Comfortable", "Compact"), chosen above the grid
//! and remembered in this browser; the grid decides what "Fit to width" means for the width it
//! has ([`crate::grid::DensityChoice::is_compact`]).

use leptos::prelude::*;

use super::preferences;
use crate::grid::DensityChoice;

const KEY: &str = "raci-workshop/density";

/// The choice, provided by the app for the grid and the control.
#[derive(Clone, Copy)]
pub struct Density(pub RwSignal<DensityChoice>);

impl Density {
    pub fn load() -> Density {
        let remembered = preferences::read(KEY).map(|id| DensityChoice::from_id(&id));
        Density(RwSignal::new(remembered.unwrap_or_default()))
    }
}

#[component]
pub fn DensitySelect() -> impl IntoView {
    let density = expect_context::<Density>();
    let options = DensityChoice::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <option value=choice.id() prop:selected=move || density.0.get() == choice>
                    {choice.label()}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let choice = DensityChoice::from_id(&event_target_value(&ev));
        density.0.set(choice);
        let kept = (choice != DensityChoice::Auto).then_some(choice.id());
        preferences::write(KEY, kept);
    };
    view! {
        <label class="density-select">
            "Density "
            <select on:change=on_change title="Compact columns fit many roles on the screen; names turn upright">
                {options}
            </select>
        </label>
    }
}
