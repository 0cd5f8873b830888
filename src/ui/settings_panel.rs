//! The rule settings: the scheme (an edit of the matrix), how many Responsible an activity needs,
//! the thresholds, and which rules are on. Every change is an undoable step; the settings are
//! saved with the matrix, and the findings follow every change at once (a memo over them).

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::edit::{Edit, Parts};
use crate::model::Scheme;
use crate::rules::thresholds::{
    MAX_CONSULTED, MAX_OWNERSHIP, MAX_RESPONSIBLE, OVERLOAD_FROM, Threshold,
};
use crate::rules::{ResponsibleRule, RuleId, RuleSettings};

use super::state::Workshop;

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let settings = workshop.settings;
    // Messages about bad input, per threshold; Restore defaults clears them.
    let errors: RwSignal<BTreeMap<&'static str, String>> = RwSignal::new(BTreeMap::new());
    let scheme = Memo::new(move |_| workshop.read(Parts::SCHEME, |m| m.scheme));
    let doer = move || {
        let s = scheme.get();
        s.letter_name(s.doer()).unwrap_or("Responsible")
    };
    let adviser = move || {
        let s = scheme.get();
        s.letter_name(s.adviser()).unwrap_or("Consulted")
    };

    let scheme_options = Scheme::ALL
        .into_iter()
        .map(|s| {
            view! {
                <option value=s.name() prop:selected=move || scheme.get() == s>
                    {s.name()}
                </option>
            }
        })
        .collect_view();
    let scheme_letters = move || {
        scheme
            .get()
            .letters()
            .iter()
            .map(|(letter, name)| format!("{letter} {name}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let on_scheme = move |ev: leptos::ev::Event| {
        if let Some(picked) = Scheme::from_name(&event_target_value(&ev))
            && picked != scheme.get_untracked()
        {
            // Through the history: the room can undo a scheme change like any other edit.
            workshop.apply_or_explain(Edit::SetScheme { scheme: picked });
        }
    };

    let responsible = move || settings.with(|s| s.responsible);
    let set_responsible = move |rule: ResponsibleRule| {
        workshop.change_settings("responsible", |s| s.responsible = rule);
    };

    let live = move || {
        workshop
            .findings
            .with(|f| format!("Findings now: {}.", f.counts()))
    };

    let rules = RuleId::ALL
        .into_iter()
        .map(|rule| {
            let enabled = move || settings.with(|s| s.is_enabled(rule));
            let count = move || {
                let n = workshop.findings.with(|f| f.of_rule(rule));
                if enabled() {
                    n.to_string()
                } else {
                    "off".to_owned()
                }
            };
            view! {
                <li class="rule-toggle">
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=enabled
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                workshop.change_settings(rule.as_str(), |s| {
                                    if on {
                                        s.disabled.remove(&rule);
                                    } else {
                                        s.disabled.insert(rule);
                                    }
                                });
                            }
                        />
                        <span class="rule-title">{rule.title()}</span>
                        <code class="rule-id">{rule.as_str()}</code>
                    </label>
                    <span class="rule-count" title="Findings of this rule now" aria-hidden="true">
                        {count}
                    </span>
                </li>
            }
        })
        .collect_view();

    let restore = move |_| {
        errors.set(BTreeMap::new());
        workshop.change_settings("restore-defaults", |s| *s = RuleSettings::default());
        // Fields holding bad input show the values again, even when nothing changed.
        settings.notify();
    };

    view! {
        <div class="settings-panel">
            <p class="settings-intro">
                "Saved with the matrix. Findings follow every change at once."
            </p>
            <p class="settings-live" aria-live="polite">{live}</p>

            <div class="field">
                <label class="field-label" for="rules-scheme">"Scheme"</label>
                <select id="rules-scheme" class="field-input" on:change=on_scheme>
                    {scheme_options}
                </select>
                <span class="field-help">{scheme_letters}</span>
                <span class="field-help">"A change can be undone; cells keep their letters."</span>
            </div>

            <fieldset class="field-group">
                <legend class="field-label">{move || format!("{} per activity", doer())}</legend>
                <label class="check">
                    <input
                        type="radio"
                        name="rules-responsible"
                        prop:checked=move || responsible() == ResponsibleRule::AtLeastOne
                        on:change=move |_| set_responsible(ResponsibleRule::AtLeastOne)
                    />
                    "At least one"
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="rules-responsible"
                        prop:checked=move || responsible() == ResponsibleRule::ExactlyOne
                        on:change=move |_| set_responsible(ResponsibleRule::ExactlyOne)
                    />
                    "Exactly one"
                </label>
            </fieldset>

            <div class="threshold-grid">
                <NumberField
                    threshold=MAX_RESPONSIBLE
                    errors=errors
                    label=Signal::derive(move || format!("Most {} per activity", plural(doer())))
                    help=Signal::derive(move || {
                        if responsible() == ResponsibleRule::ExactlyOne {
                            "Not used while exactly one is required.".to_owned()
                        } else {
                            "More than this: consider splitting the activity.".to_owned()
                        }
                    })
                />
                <NumberField
                    threshold=MAX_CONSULTED
                    errors=errors
                    label=Signal::derive(move || format!("Most {} per activity", plural(adviser())))
                    help=Signal::derive(|| "More than this: does everyone need a say?".to_owned())
                />
                <NumberField
                    threshold=MAX_OWNERSHIP
                    errors=errors
                    label=Signal::derive(|| "Overloaded above (% of activities)".to_owned())
                    help=Signal::derive(move || {
                        let s = scheme.get();
                        format!("A role holding {} or {} on more than this share.", s.doer(), s.owner())
                    })
                />
                <NumberField
                    threshold=OVERLOAD_FROM
                    errors=errors
                    label=Signal::derive(|| "Overload rule from (activities)".to_owned())
                    help=Signal::derive(|| "Smaller matrices are not checked for overload.".to_owned())
                />
            </div>

            <fieldset class="field-group">
                <legend class="field-label">"Rules in use"</legend>
                <ul class="rule-list">{rules}</ul>
            </fieldset>

            <button class="button" on:click=restore>"Restore defaults"</button>
        </div>
    }
}

/// "Most Drivers", "Most Contributors", but "Most Responsible", "Most Consulted".
fn plural(name: &str) -> String {
    match name {
        "Driver" | "Contributor" | "Approver" => format!("{name}s"),
        other => other.to_owned(),
    }
}

/// A labelled whole-number input. Bad input is explained in plain words and the rule keeps its
/// last good value; leaving the field puts that value back.
#[component]
fn NumberField(
    threshold: Threshold,
    errors: RwSignal<BTreeMap<&'static str, String>>,
    label: Signal<String>,
    help: Signal<String>,
) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let settings = workshop.settings;
    let input = NodeRef::<leptos::html::Input>::new();
    let id = format!("rules-{}", threshold.id);
    let error_id = format!("{id}-error");
    let current = move || settings.with(|s| (threshold.get)(s));
    let error = move || errors.with(|e| e.get(threshold.id).cloned());
    let on_input =
        move |ev: leptos::ev::Event| match threshold.parse(&event_target_value(&ev), current()) {
            Ok(value) => {
                errors.update(|e| {
                    e.remove(threshold.id);
                });
                workshop.change_settings(threshold.id, |s| (threshold.set)(s, value));
            }
            Err(refused) => errors.update(|e| {
                e.insert(threshold.id, refused.to_string());
            }),
        };
    // On leaving the field, show the value the rule actually uses; the message stays until fixed.
    let on_change = move |_| {
        if error().is_some()
            && let Some(input) = input.get()
        {
            input.set_value(&current().to_string());
        }
    };
    view! {
        <div class="field">
            <label class="field-label" for=id.clone()>{move || label.get()}</label>
            <input
                node_ref=input
                id=id
                class="field-input field-number"
                type="number"
                inputmode="numeric"
                min=threshold.min.to_string()
                max=threshold.max.to_string()
                step="1"
                prop:value=move || current().to_string()
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=error_id.clone()
                on:input=on_input
                on:change=on_change
            />
            <span class="field-help">{move || help.get()}</span>
            <span class="field-error" id=error_id role="alert">{error}</span>
        </div>
    }
}
