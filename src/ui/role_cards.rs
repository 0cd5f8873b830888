//! Role cards on paper: "Print role cards" prints every role's card, one per page, and the role
//! view shows the escalation contacts that close each card.

use leptos::portal::Portal;
use leptos::prelude::*;

use super::state::Workshop;
use crate::model::RoleId;
use crate::publish::{RoleCard, role_card, role_cards};

/// Prints all role cards, one per page. The cards are drawn only for the printout, outside the
/// editor, and removed after it.
#[component]
pub fn PrintRoleCards() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let printing = RwSignal::new(false);
    let set_printing = move |on: bool| {
        printing.set(on);
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body
                .class_list()
                .toggle_with_force("printing-role-cards", on);
        }
    };
    let after = window_event_listener(leptos::ev::afterprint, move |_| set_printing(false));
    on_cleanup(move || after.remove());
    let print = move |_| {
        set_printing(true);
        // Printed once the cards are drawn.
        request_animation_frame(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        });
    };
    let cards = move || {
        printing.get().then(|| {
            // The portal's children are a function: it draws the cards when mounted.
            let cards = move || {
                let (cards, title) = workshop
                    .matrix
                    .with_untracked(|m| (role_cards(m), m.title.clone()));
                cards
                    .into_iter()
                    .map(|card| card_view(card, &title))
                    .collect_view()
            };
            view! {
                <Portal>
                    <div class="print-cards">{cards}</div>
                </Portal>
            }
        })
    };
    view! {
        <button class="button button-quiet print-cards-button" on:click=print>"Print role cards"</button>
        {cards}
    }
}

/// One printed card: the role, each letter's activities by group, whom to escalate to.
fn card_view(card: RoleCard, title: &str) -> impl IntoView + use<> {
    let duties = card
        .duties
        .into_iter()
        .map(|duty| {
            let count = duty.count();
            let groups = duty
                .groups
                .into_iter()
                .map(|(group, activities)| {
                    view! {
                        {group.map(|g| view! { <p class="card-group">{g}</p> })}
                        <ul>{activities.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                    }
                })
                .collect_view();
            view! {
                <section class="card-duty">
                    <h3>{format!("{} ({count})", duty.phrase)}</h3>
                    {(count == 0).then(|| view! { <p>"Nothing."</p> })}
                    {groups}
                </section>
            }
        })
        .collect_view();
    let contacts = contacts_list(&card.escalation);
    view! {
        <article class="role-card">
            <p class="card-matrix">{title.to_owned()}</p>
            <h2>{card.name}</h2>
            {(!card.description.is_empty()).then(|| view! { <p>{card.description}</p> })}
            {duties}
            <section class="card-duty">
                <h3>"Escalation"</h3>
                {contacts}
            </section>
        </article>
    }
}

fn contacts_list(contacts: &[crate::publish::Contact]) -> AnyView {
    if contacts.is_empty() {
        return view! { <p>"No escalation owner is named in the matrix."</p> }.into_any();
    }
    let items = contacts
        .iter()
        .map(|c| view! { <li>{format!("{}: ", c.what)}<strong>{c.who.clone()}</strong></li> })
        .collect_view();
    view! { <ul class="card-contacts">{items}</ul> }.into_any()
}

/// Whom `role` escalates to, as its card says.
#[component]
pub fn EscalationContacts(role: RoleId) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let contacts = move || {
        workshop
            .matrix
            .with(|m| role_card(m, role).map(|card| contacts_list(&card.escalation)))
    };
    view! {
        <section class="role-holding role-escalation">
            <h4 class="role-holding-heading">"Escalation"</h4>
            {contacts}
        </section>
    }
}
