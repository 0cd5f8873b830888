//! Component tests: mount pieces of the UI in headless Chromium and check what a user would see.
#![cfg(target_arch = "wasm32")]

use std::ops::Deref;

use leptos::prelude::*;
use raci_workshop::edit::{Edit, apply};
use raci_workshop::example::example;
use raci_workshop::grid::{CellRef, Selection};
use raci_workshop::model::{Cell, Letter, Letters};
use raci_workshop::rules::{ResponsibleRule, RuleId, RuleSettings};
use raci_workshop::ui::{
    ActionsPanel, ChangesPanel, ExportMenu, FindingsPanel, GridState, ImportDialog, ImportPreview,
    ImportStatus, LargeTypeToggle, Library, LibraryMenu, MatrixGrid, MenuState, OnDemandParts,
    PaneState, ReviewPanel, ReviewState, SaveStatus, SearchBox, SettingsPanel, SidePane,
    StructureBar, UndoButtons, Workshop,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Starts a test: lets the frame callbacks the last test's components scheduled run (their
/// components are off the page by then), then makes the reactive owner of this test. It is never
/// disposed, as the app's never is, so such callbacks always find their signals.
async fn new_owner() {
    next_frame().await;
    // A root owner: contexts an earlier test provided must not reach this one.
    if let Some(earlier) = Owner::current() {
        earlier.unset();
    }
    let owner = Owner::new();
    owner.set();
    std::mem::forget(owner);
}

/// A component on the page for the length of one test. Dropping it takes it off the page: the
/// grid finds its cells by selector in the whole document, so one test's grid must not linger
/// into the next.
struct Mounted {
    container: HtmlElement,
}

impl Deref for Mounted {
    type Target = HtmlElement;

    fn deref(&self) -> &HtmlElement {
        &self.container
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// Mounts `view` in a fresh container, with `workshop`, the parts that load on first use, the
/// Library menu's state (and whatever the test provided) in context.
fn mount(workshop: Workshop, view: fn() -> AnyView) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    // A test that failed never dropped its `Mounted`: take what it left off the page.
    let root = document.document_element().unwrap();
    for left in find_all(&root, "[data-component-test]") {
        left.remove();
    }
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container.set_attribute("data-component-test", "").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_context(workshop);
        provide_context(OnDemandParts::linked());
        provide_context(MenuState::new());
        view()
    });
    // Never unmounted (see `new_owner`); `Mounted` only takes it off the page.
    handle.forget();
    Mounted { container }
}

/// The example matrix with default settings.
fn example_workshop() -> Workshop {
    Workshop::new(example(), RuleSettings::default())
}

/// Grid and pane state in context for the components mounted next, as the app provides them.
fn provide_grid() -> GridState {
    let grid = GridState::new();
    provide_context(grid);
    provide_context(PaneState::new(Some(grid)));
    grid
}

/// What the app does on start: reads the library from storage, provides it, and resumes the
/// workshop on the matrix it opens.
fn load_workshop() -> Workshop {
    let (library, saved) = Library::load();
    provide_context(library);
    Workshop::resume(saved)
}

fn rules_shown(container: &Element) -> Vec<String> {
    find_all(container, "[data-rule]")
        .into_iter()
        .filter_map(|e| e.get_attribute("data-rule"))
        .collect()
}

/// Waits `ms` milliseconds of real time (for what the app times, such as the callout's delay).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    tick().await;
}

/// Lets effects run and the DOM follow the signals.
async fn tick() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Waits for the next animation frame (focus and scrolling happen there).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The button a user would name: by its text or its accessible label.
fn try_button(root: &Element, name: &str) -> Option<HtmlElement> {
    find_all(root, "button")
        .into_iter()
        .find(|b| text(b).trim() == name || b.get_attribute("aria-label").as_deref() == Some(name))
        .map(JsCast::unchecked_into)
}

fn button(root: &Element, name: &str) -> HtmlElement {
    try_button(root, name).unwrap_or_else(|| panic!("no button {name:?} in {}", text(root)))
}

fn disabled(element: &Element) -> bool {
    js_sys::Reflect::get(element, &JsValue::from_str("disabled"))
        .unwrap()
        .is_truthy()
}

fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

fn fire(target: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// A key pressed while `target` has the focus.
fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Text typed into a field: its value changes, then the input event.
fn type_into(input: &Element, value: &str) {
    input.unchecked_ref::<HtmlInputElement>().set_value(value);
    fire(input, "input");
}

fn choose(select: &Element, value: &str) {
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    fire(select, "change");
}

/// The cell of `activity` and `role`, by their names in the example.
fn cell_named(workshop: Workshop, activity: &str, role: &str) -> CellRef {
    workshop.matrix.with_untracked(|m| CellRef {
        activity: m
            .activities
            .iter()
            .find(|a| a.name == activity)
            .unwrap_or_else(|| panic!("no activity {activity}"))
            .id,
        role: m
            .role_by_name(role)
            .unwrap_or_else(|| panic!("no role {role}"))
            .id,
    })
}

fn letters_at(workshop: Workshop, cell: CellRef) -> Letters {
    workshop
        .matrix
        .with_untracked(|m| m.cell(cell.activity, cell.role).unwrap().letters)
}

fn td(root: &Element, cell: CellRef) -> Element {
    find(
        root,
        &format!(
            "td[data-activity=\"{}\"][data-role=\"{}\"]",
            cell.activity.0, cell.role.0
        ),
    )
}

fn row_header(root: &Element, cell: CellRef) -> Element {
    find(
        root,
        &format!(
            "tr[data-activity-row=\"{}\"] th[scope=row]",
            cell.activity.0
        ),
    )
}

fn activity_rows(root: &Element) -> usize {
    find_all(root, "tr[data-activity-row]").len()
}

fn has_class(element: &Element, class: &str) -> bool {
    element.class_list().contains(class)
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn grid_shows_roles_and_activities_as_headers() {
    new_owner().await;
    let workshop = example_workshop();
    provide_grid();
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    tick().await;
    let table = find(&container, "table[aria-label='RACI matrix']");
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
    new_owner().await;
    let workshop = example_workshop();
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
    // The list follows the edit in the task after its frame is painted.
    tick().await;
    next_frame().await;
    sleep(20).await;
    let items = container.query_selector_all("[data-rule]").unwrap();
    let listed: String = (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert!(!listed.contains("has no letters at all"), "{listed}");
    assert!(!rules_shown(&container).contains(&"unassigned-activity".to_owned()));
    // Screen readers are told what went away.
    let status = container
        .query_selector("[role=status]")
        .unwrap()
        .and_then(|s| s.text_content())
        .unwrap_or_default();
    assert!(
        status.starts_with("Resolved: \"Define backup and restore policy\" has no letters at all."),
        "{status}"
    );
}

#[wasm_bindgen_test]
async fn typing_a_letter_on_the_focused_cell_toggles_it() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    let cell = cell_named(workshop, "Define backup and restore policy", "Security");
    grid.selection.set(Some(Selection::single(cell)));
    tick().await;
    assert_eq!(
        td(&container, cell).get_attribute("aria-label").unwrap(),
        "Security, Define backup and restore policy: empty"
    );

    press(&td(&container, cell), "c");
    tick().await;
    assert_eq!(letters_at(workshop, cell), Letters::only(Letter::C));
    let shown = td(&container, cell);
    assert_eq!(
        shown.get_attribute("aria-label").unwrap(),
        "Security, Define backup and restore policy: Consulted"
    );
    assert_eq!(text(&shown), "C");
    assert!(workshop.history.with_untracked(|h| h.can_undo()));

    // A letter the scheme lacks (S is RASCI's) does nothing; the same letter again removes it.
    press(&td(&container, cell), "s");
    tick().await;
    assert_eq!(letters_at(workshop, cell), Letters::only(Letter::C));
    press(&td(&container, cell), "C");
    tick().await;
    assert!(letters_at(workshop, cell).is_empty());
    assert_eq!(
        td(&container, cell).get_attribute("aria-label").unwrap(),
        "Security, Define backup and restore policy: empty"
    );
}

#[wasm_bindgen_test]
async fn delete_clears_every_selected_cell_in_one_step() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    // A 2 x 2 range: Cloud CoE and Platform team on the first two Platform activities.
    let anchor = cell_named(workshop, "Design the account structure", "Cloud CoE");
    let focus = cell_named(workshop, "Provision new accounts", "Platform team");
    let outside = cell_named(workshop, "Design the account structure", "Security");
    grid.selection.set(Some(Selection { anchor, focus }));
    tick().await;
    assert!(has_class(&td(&container, anchor), "selected"));
    assert!(has_class(&td(&container, focus), "active"));

    press(&td(&container, focus), "Delete");
    tick().await;
    for (activity, role) in [
        ("Design the account structure", "Cloud CoE"),
        ("Design the account structure", "Platform team"),
        ("Provision new accounts", "Cloud CoE"),
        ("Provision new accounts", "Platform team"),
    ] {
        let cell = cell_named(workshop, activity, role);
        assert!(letters_at(workshop, cell).is_empty(), "{activity}, {role}");
        let label = td(&container, cell).get_attribute("aria-label").unwrap();
        assert_eq!(label, format!("{role}, {activity}: empty"));
    }
    assert_eq!(letters_at(workshop, outside), Letters::only(Letter::C));

    // One undo brings all four back.
    workshop.undo();
    tick().await;
    assert_eq!(letters_at(workshop, anchor), Letters::only(Letter::A));
    assert_eq!(
        td(&container, focus).get_attribute("aria-label").unwrap(),
        "Platform team, Provision new accounts: Accountable and Responsible"
    );
}

#[wasm_bindgen_test]
async fn findings_are_marked_on_their_cells_rows_and_columns() {
    new_owner().await;
    let workshop = example_workshop();
    provide_grid();
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    tick().await;

    // Two Accountables: a conflict on the row, with its own symbol.
    let two_owners = cell_named(workshop, "Approve exceptions to guardrails", "Security");
    let header = row_header(&container, two_owners);
    assert!(
        has_class(&header, "has-conflict"),
        "{}",
        header.class_name()
    );
    assert_eq!(text(&find(&header, ".mark")), "!");
    // Nobody at all: a gap on the row.
    let abandoned = cell_named(workshop, "Define backup and restore policy", "Security");
    let header = row_header(&container, abandoned);
    assert!(has_class(&header, "has-gap"));
    assert_eq!(text(&find(&header, ".mark")), "?");
    // "R/C" is not a combination the rules accept: a warning on the cell itself.
    let mixed = cell_named(workshop, "Run vulnerability management", "App teams");
    let cell = td(&container, mixed);
    assert!(has_class(&cell, "has-warning"), "{}", cell.class_name());
    assert_eq!(text(&find(&cell, ".mark")), "i");
    assert!(cell.get_attribute("title").unwrap().contains("Fix:"));
    // A role with no letters: a warning on its column header.
    let idle = find_all(&container, "th.role-header")
        .into_iter()
        .find(|th| text(th).contains("Enterprise architecture"))
        .unwrap();
    assert!(has_class(&idle, "has-warning"));
    assert!(idle.query_selector(".mark").unwrap().is_some());
    // A row without findings carries no mark.
    let clean = cell_named(workshop, "Provision new accounts", "Platform team");
    let header = row_header(&container, clean);
    assert!(!header.class_name().contains("has-"));
    assert!(header.query_selector(".mark").unwrap().is_none());

    // Settling the conflict (Security does the work, Cloud CoE owns it) takes its mark away.
    workshop
        .apply(Edit::SetCell {
            activity: two_owners.activity,
            role: two_owners.role,
            cell: Cell::letters(Letters::only(Letter::R)),
        })
        .unwrap();
    tick().await;
    let header = row_header(&container, two_owners);
    assert!(!has_class(&header, "has-conflict"));
    assert!(header.query_selector(".mark").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn collapsing_a_group_hides_its_rows() {
    new_owner().await;
    let workshop = example_workshop();
    provide_grid();
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    tick().await;
    assert_eq!(activity_rows(&container), 15);

    let toggle = button(&container, "Collapse group Platform");
    assert_eq!(toggle.get_attribute("aria-expanded").unwrap(), "true");
    toggle.click();
    tick().await;
    assert_eq!(
        activity_rows(&container),
        11,
        "the 4 Platform rows are hidden"
    );
    let table = text(&container);
    assert!(!table.contains("Provision new accounts"), "{table}");
    assert!(table.contains("Manage identity and access"));
    let toggle = button(&container, "Expand group Platform");
    assert_eq!(toggle.get_attribute("aria-expanded").unwrap(), "false");

    toggle.click();
    tick().await;
    assert_eq!(activity_rows(&container), 15);
    assert!(text(&container).contains("Provision new accounts"));
}

#[wasm_bindgen_test]
async fn the_focused_cell_explains_its_findings_next_to_it() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || view! { <MatrixGrid /> }.into_any());
    let conflict = workshop.findings.with_untracked(|f| {
        f.iter()
            .find(|f| f.rule == RuleId::MultipleAccountable)
            .cloned()
            .unwrap()
    });
    let cell = cell_named(workshop, "Approve exceptions to guardrails", "Cloud CoE");
    grid.selection.set(Some(Selection::single(cell)));
    tick().await;
    td(&container, cell)
        .unchecked_into::<HtmlElement>()
        .focus()
        .unwrap();
    tick().await;

    let callout = find(&container, "#cell-callout");
    // Like a tooltip, it waits for the focus to rest; the description is there at once.
    assert!(callout.has_attribute("hidden"), "not while moving through");
    assert!(text(&callout).contains(&*conflict.message));
    sleep(600).await;
    assert!(
        !callout.has_attribute("hidden"),
        "shown once the focus rests, while the grid has focus"
    );
    let said = text(&callout);
    assert!(said.contains(&*conflict.message), "{said}");
    assert!(said.contains(&format!("Fix: {}", conflict.fix)), "{said}");
    assert_eq!(
        td(&container, cell)
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("cell-callout"),
        "screen readers get it as the cell's description"
    );

    // A cell whose activity, role and self have no findings has nothing to explain.
    let quiet = cell_named(workshop, "Provision new accounts", "Platform team");
    let pinned = workshop.findings.with_untracked(|f| {
        f.iter()
            .any(|f| f.activity == Some(quiet.activity) || f.role == Some(quiet.role))
    });
    assert!(!pinned, "the example has no finding there");
    grid.selection.set(Some(Selection::single(quiet)));
    tick().await;
    assert!(callout.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn undo_and_redo_buttons_follow_the_history() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || view! { <UndoButtons /> }.into_any());
    tick().await;
    let (undo, redo) = (button(&container, "Undo"), button(&container, "Redo"));
    assert!(disabled(&undo) && disabled(&redo), "nothing to undo yet");

    let cell = cell_named(
        workshop,
        "Define backup and restore policy",
        "Platform team",
    );
    workshop
        .apply(Edit::SetCell {
            activity: cell.activity,
            role: cell.role,
            cell: Cell::letters(Letters::only(Letter::A)),
        })
        .unwrap();
    tick().await;
    assert!(!disabled(&undo) && disabled(&redo));

    undo.click();
    tick().await;
    assert!(letters_at(workshop, cell).is_empty(), "the edit is undone");
    assert!(disabled(&undo) && !disabled(&redo));
    assert_eq!(
        grid.selection.get_untracked(),
        Some(Selection::single(cell)),
        "the room sees which cell changed"
    );

    redo.click();
    tick().await;
    assert_eq!(letters_at(workshop, cell), Letters::only(Letter::A));
    assert!(!disabled(&undo) && disabled(&redo));
}

/// The list item of `rule` in the settings panel.
fn rule_toggle(container: &Element, rule: &str) -> Element {
    find_all(container, "li.rule-toggle")
        .into_iter()
        .find(|li| text(&find(li, ".rule-id")) == rule)
        .unwrap_or_else(|| panic!("no switch for {rule}"))
}

fn count_of(workshop: Workshop, rule: RuleId) -> usize {
    workshop
        .findings
        .with_untracked(|f| f.iter().filter(|f| f.rule == rule).count())
}

#[wasm_bindgen_test]
async fn turning_a_rule_off_removes_its_findings_until_defaults_are_restored() {
    new_owner().await;
    let workshop = example_workshop();
    let container = mount(workshop, || view! { <SettingsPanel /> }.into_any());
    tick().await;
    let toggle = rule_toggle(&container, "unassigned-activity");
    assert_eq!(text(&find(&toggle, ".rule-count")), "1");
    assert_eq!(count_of(workshop, RuleId::UnassignedActivity), 1);

    let switch = find(&toggle, "input[type=checkbox]");
    click(&switch);
    tick().await;
    assert!(!switch.unchecked_ref::<HtmlInputElement>().checked());
    assert!(
        workshop
            .settings
            .with_untracked(|s| !s.is_enabled(RuleId::UnassignedActivity))
    );
    assert_eq!(count_of(workshop, RuleId::UnassignedActivity), 0);
    assert_eq!(text(&find(&toggle, ".rule-count")), "off");

    button(&container, "Restore defaults").click();
    tick().await;
    assert_eq!(workshop.settings.get_untracked(), RuleSettings::default());
    assert!(switch.unchecked_ref::<HtmlInputElement>().checked());
    assert_eq!(text(&find(&toggle, ".rule-count")), "1");
}

#[wasm_bindgen_test]
async fn thresholds_and_the_responsible_rule_change_the_findings() {
    new_owner().await;
    let workshop = example_workshop();
    let container = mount(workshop, || view! { <SettingsPanel /> }.into_any());
    tick().await;
    let field = find(&container, "#rules-max-consulted");
    assert_eq!(field.unchecked_ref::<HtmlInputElement>().value(), "3");
    let before = count_of(workshop, RuleId::TooManyConsulted);

    // Three Consulted on "Define cloud strategy" are too many once the limit is 2.
    type_into(&field, "2");
    tick().await;
    assert_eq!(workshop.settings.with_untracked(|s| s.max_consulted), 2);
    let after = count_of(workshop, RuleId::TooManyConsulted);
    assert!(after > before, "{before} -> {after}");
    let strategy = cell_named(
        workshop,
        "Define cloud strategy and guardrails",
        "Cloud CoE",
    );
    assert!(workshop.findings.with_untracked(|f| {
        f.iter()
            .any(|f| f.rule == RuleId::TooManyConsulted && f.activity == Some(strategy.activity))
    }));
    let shown = text(&find(
        &rule_toggle(&container, "too-many-consulted"),
        ".rule-count",
    ));
    assert_eq!(shown, after.to_string());

    // Out of range: explained in plain words, and the rule keeps its last good value.
    type_into(&field, "0");
    tick().await;
    assert_eq!(workshop.settings.with_untracked(|s| s.max_consulted), 2);
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let error = text(&find(&container, "#rules-max-consulted-error"));
    assert!(
        error.contains("not a whole number from 1 to 30") && error.contains("keeps 2"),
        "{error}"
    );

    // "Exactly one" Responsible: two doers on one activity become a conflict.
    let incidents = cell_named(workshop, "Respond to security incidents", "Security");
    let conflict = move || {
        workshop.findings.with_untracked(|f| {
            f.iter().any(|f| {
                f.rule == RuleId::TooManyResponsible && f.activity == Some(incidents.activity)
            })
        })
    };
    assert!(!conflict());
    let exactly_one = find_all(&container, "label.check")
        .into_iter()
        .find(|l| text(l).trim() == "Exactly one")
        .unwrap();
    click(&find(&exactly_one, "input"));
    tick().await;
    assert_eq!(
        workshop.settings.with_untracked(|s| s.responsible),
        ResponsibleRule::ExactlyOne
    );
    assert!(conflict());
    assert!(text(&container).contains("Not used while exactly one is required."));
}

#[wasm_bindgen_test]
async fn the_role_view_lists_what_a_role_holds_by_letter() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || {
        view! {
            <MatrixGrid />
            <SidePane />
        }
        .into_any()
    });
    tick().await;
    let tab = find(&container, "#tab-role-view");
    assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("false"));
    assert!(find(&container, "#panel-role-view").has_attribute("hidden"));
    click(&tab);
    tick().await;
    assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
    assert!(!find(&container, "#panel-role-view").has_attribute("hidden"));

    let security = cell_named(workshop, "Manage identity and access", "Security");
    choose(
        &find(&container, "#role-view-role"),
        &security.role.0.to_string(),
    );
    tick().await;
    let panel = find(&container, "#panel-role-view");
    assert_eq!(text(&find(&panel, ".role-name-heading")), "Security");
    // The owner letter comes first, in the scheme's words.
    let first = find(&panel, "section.role-holding");
    assert_eq!(first.get_attribute("data-letter").as_deref(), Some("A"));
    assert_eq!(text(&find(&first, "h4")), "Accountable for (4)");
    let names: Vec<String> = find_all(&first, ".role-activity-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        names,
        [
            "Approve exceptions to guardrails",
            "Manage identity and access",
            "Respond to security incidents",
            "Run vulnerability management",
        ]
    );
    let responsible = find(&panel, "section[data-letter=R]");
    assert_eq!(text(&find(&responsible, "h4")), "Responsible for (1)");
    // Its column is highlighted in the grid.
    assert_eq!(grid.highlight_role.get_untracked(), Some(security.role));
    let highlighted = find(&container, "th.role-header.highlighted");
    assert!(text(&highlighted).contains("Security"));

    // An activity in the list jumps to its cell.
    let jump = find_all(&panel, "button.role-activity")
        .into_iter()
        .find(|b| text(&find(b, ".role-activity-name")) == "Manage identity and access")
        .unwrap();
    click(&jump);
    tick().await;
    assert_eq!(
        grid.selection.get_untracked(),
        Some(Selection::single(security))
    );

    // Leaving the tab takes the highlight away.
    click(&find(&container, "#tab-findings"));
    tick().await;
    assert_eq!(grid.highlight_role.get_untracked(), None);
}

#[wasm_bindgen_test]
async fn search_hides_rows_that_do_not_match_and_counts_the_rest() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || {
        view! {
            <SearchBox />
            <MatrixGrid />
        }
        .into_any()
    });
    tick().await;
    let input = find(&container, "#search-activities");
    let count = find(&container, ".search-count");
    assert_eq!(text(&count), "");

    type_into(&input, "DESIGN");
    tick().await;
    assert_eq!(grid.search.get_untracked(), "DESIGN");
    assert_eq!(text(&count), "2 of 15 activities");
    let names: Vec<String> = find_all(&container, ".activity-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        names,
        [
            "Design the account structure",
            "Design network connectivity"
        ]
    );

    press(&input, "Escape");
    tick().await;
    assert_eq!(grid.search.get_untracked(), "");
    assert_eq!(input.unchecked_ref::<HtmlInputElement>().value(), "");
    assert_eq!(text(&count), "");
    assert_eq!(activity_rows(&container), 15);
}

#[wasm_bindgen_test]
async fn the_structure_bar_moves_deletes_and_adds_activities() {
    new_owner().await;
    let workshop = example_workshop();
    let grid = provide_grid();
    let container = mount(workshop, || {
        view! {
            <StructureBar />
            <MatrixGrid />
        }
        .into_any()
    });
    tick().await;
    let bar = find(&container, ".structure-bar");
    let context = find(&bar, ".structure-context");
    assert_eq!(text(&context), "Select a cell to edit its row or column");
    assert!(disabled(&button(&bar, "Delete activity")));
    let names = || {
        workshop.matrix.with_untracked(|m| {
            m.activities
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
        })
    };

    let cell = cell_named(workshop, "Provision new accounts", "Security");
    grid.selection.set(Some(Selection::single(cell)));
    tick().await;
    assert_eq!(text(&context), "Provision new accounts · Security");
    assert!(!disabled(&button(&bar, "Delete activity")));

    button(&bar, "Move activity down").click();
    tick().await;
    assert_eq!(
        names()[3..6],
        [
            "Design the account structure",
            "Design network connectivity",
            "Provision new accounts",
        ]
    );

    // Deleting selects the next activity, so the room can keep going.
    button(&bar, "Delete activity").click();
    tick().await;
    assert!(!names().contains(&"Provision new accounts".to_owned()));
    assert_eq!(
        text(&context),
        "Define backup and restore policy · Security"
    );

    // A new activity comes right after the focused one, its name ready to type.
    button(&bar, "Add activity").click();
    tick().await;
    assert_eq!(names()[6], "New activity");
    let field = find(&container, "input.rename-field");
    assert_eq!(
        field.get_attribute("aria-label").as_deref(),
        Some("Activity name")
    );
    field
        .unchecked_ref::<HtmlInputElement>()
        .set_value("Test restores");
    press(&field, "Enter");
    tick().await;
    assert_eq!(names()[6], "Test restores");
    assert_eq!(names().len(), 15);
    assert!(
        container
            .query_selector("input.rename-field")
            .unwrap()
            .is_none()
    );
    assert!(text(&find(&container, "table.matrix")).contains("Test restores"));
}

#[wasm_bindgen_test]
async fn large_type_scales_the_page_and_is_remembered() {
    const KEY: &str = "raci-workshop/large-type";
    new_owner().await;
    local_storage().clear().unwrap();
    let root = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    let workshop = example_workshop();

    let container = mount(workshop, || view! { <LargeTypeToggle /> }.into_any());
    tick().await;
    let toggle = button(&container, "Large type");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert!(!root.has_attribute("data-large-type"));
    toggle.click();
    tick().await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(root.has_attribute("data-large-type"));
    assert_eq!(
        local_storage().get_item(KEY).unwrap().as_deref(),
        Some("on")
    );
    drop(container);

    // The next visit starts large.
    let container = mount(workshop, || view! { <LargeTypeToggle /> }.into_any());
    tick().await;
    let toggle = button(&container, "Large type");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    toggle.click();
    tick().await;
    assert!(!root.has_attribute("data-large-type"));
    assert_eq!(local_storage().get_item(KEY).unwrap(), None);
}

/// Catches the downloads the page offers instead of letting the browser save them: the export
/// builds a Blob, makes a URL of it and clicks a link with a file name.
struct Downloads {
    log: js_sys::Array,
    restore: js_sys::Function,
}

impl Downloads {
    fn catch() -> Downloads {
        let install = js_sys::Function::new_no_args(
            "const log = [];
             const click = HTMLAnchorElement.prototype.click;
             const createObjectURL = URL.createObjectURL;
             let blob = null;
             URL.createObjectURL = (b) => { blob = b; return createObjectURL.call(URL, b); };
             HTMLAnchorElement.prototype.click = function () { log.push([this.download, blob]); };
             return [log, () => {
                 HTMLAnchorElement.prototype.click = click;
                 URL.createObjectURL = createObjectURL;
             }];",
        );
        let parts: js_sys::Array = install.call0(&JsValue::NULL).unwrap().unchecked_into();
        Downloads {
            log: parts.get(0).unchecked_into(),
            restore: parts.get(1).unchecked_into(),
        }
    }

    /// The file names and bytes offered since the last call.
    async fn take(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        for entry in self.log.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let name = entry.get(0).as_string().unwrap();
            let blob: web_sys::Blob = entry.get(1).unchecked_into();
            let bytes = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
                .await
                .unwrap();
            files.push((name, js_sys::Uint8Array::new(&bytes).to_vec()));
        }
        self.log.set_length(0);
        files
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        let _ = self.restore.call0(&JsValue::NULL);
    }
}

fn is_dated(name: &str, stem: &str, extension: &str) -> bool {
    let Some(date) = name
        .strip_prefix(&format!("{stem}-"))
        .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
    else {
        return false;
    };
    date.len() == 10
        && date.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[wasm_bindgen_test]
async fn export_offers_the_matrix_as_files_named_after_its_title() {
    new_owner().await;
    let workshop = example_workshop();
    let container = mount(workshop, || view! { <ExportMenu /> }.into_any());
    tick().await;
    let downloads = Downloads::catch();

    button(&container, "Export CSV").click();
    let files = downloads.take().await;
    assert_eq!(files.len(), 1);
    let (name, bytes) = &files[0];
    assert!(is_dated(name, "Cloud operating model", "csv"), "{name}");
    let csv = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a BOM, so that Excel reads UTF-8");
    let csv = std::str::from_utf8(csv).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("Platform team") && header.contains("Enterprise architecture"));
    assert!(csv.contains("Provision new accounts"));

    button(&container, "Export findings Markdown").click();
    let files = downloads.take().await;
    assert_eq!(files.len(), 1);
    let (name, bytes) = &files[0];
    let report = std::str::from_utf8(bytes).unwrap();
    assert!(
        is_dated(name, "Cloud operating model findings", "md"),
        "{name}"
    );
    let abandoned = workshop.findings.with_untracked(|f| {
        f.iter()
            .find(|f| f.rule == RuleId::UnassignedActivity)
            .unwrap()
            .message
            .clone()
    });
    assert!(report.contains(&*abandoned), "{report}");
    assert_eq!(workshop.problem.get_untracked(), None);
}

#[wasm_bindgen_test]
async fn an_import_changes_nothing_until_the_user_replaces_the_matrix() {
    new_owner().await;
    let workshop = example_workshop();
    let preview = ImportPreview::new(OnDemandParts::linked().import_engine);
    provide_context(preview);
    let container = mount(workshop, || {
        view! {
            <ImportStatus />
            <ImportDialog />
        }
        .into_any()
    });
    tick().await;
    assert!(container.query_selector("dialog").unwrap().is_none());
    let csv = b"Activity,Ops,Dev\nDeploy,A/R,C\nTest,I,A/R\n".to_vec();

    // Cancel leaves the current matrix as it was.
    preview.open(workshop, "team.csv".to_owned(), csv.clone());
    tick().await;
    let dialog = find(&container, "dialog");
    assert!(dialog.has_attribute("open"));
    let shown = text(&dialog);
    assert!(
        shown.contains("Import preview") && shown.contains("team.csv"),
        "{shown}"
    );
    assert_eq!(workshop.matrix.with_untracked(|m| m.activities.len()), 15);
    button(&dialog, "Cancel").click();
    tick().await;
    assert!(container.query_selector("dialog").unwrap().is_none());
    assert_eq!(workshop.matrix.with_untracked(|m| m.activities.len()), 15);
    assert!(!workshop.history.with_untracked(|h| h.can_undo()));

    // A file that cannot be read offers nothing to replace the matrix with.
    preview.open(workshop, "empty.csv".to_owned(), Vec::new());
    tick().await;
    let dialog = find(&container, "dialog");
    assert!(try_button(&dialog, "Replace current matrix").is_none());
    button(&dialog, "Cancel").click();
    tick().await;

    // Replace: the new matrix, one undoable step, and a line saying what was read.
    preview.open(workshop, "team.csv".to_owned(), csv);
    tick().await;
    button(&find(&container, "dialog"), "Replace current matrix").click();
    tick().await;
    assert!(container.query_selector("dialog").unwrap().is_none());
    let (activities, roles) = workshop.matrix.with_untracked(|m| {
        (
            m.activities
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>(),
            m.roles.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
        )
    });
    assert_eq!(activities, ["Deploy", "Test"]);
    assert_eq!(roles, ["Ops", "Dev"]);
    assert!(workshop.history.with_untracked(|h| h.can_undo()));
    // Facts that stay true after edits: the file and when, not counts an edit would change.
    let status = text(&container);
    assert!(status.contains("Imported \"team.csv\" at "), "{status}");
    assert!(!status.contains("2 activities"), "{status}");
}

/// The library's list items, as their titles.
fn library_titles(container: &Element) -> Vec<String> {
    find_all(container, "li.library-item .library-title")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn the_library_creates_deletes_and_brings_back_matrices() {
    new_owner().await;
    local_storage().clear().unwrap();
    // What the app does on start: read the library from storage (empty: the example).
    let workshop = load_workshop();
    provide_grid();
    let container = mount(workshop, || view! { <LibraryMenu /> }.into_any());
    tick().await;
    button(&container, "Library").click();
    tick().await;
    assert_eq!(library_titles(&container), ["Cloud operating model"]);

    button(&container, "New blank matrix").click();
    tick().await;
    assert_eq!(
        workshop.matrix.with_untracked(|m| m.title.clone()),
        "Untitled matrix"
    );
    assert!(
        container
            .query_selector("#library-panel")
            .unwrap()
            .is_none()
    );
    button(&container, "Library").click();
    tick().await;
    let mut titles = library_titles(&container);
    titles.sort();
    assert_eq!(titles, ["Cloud operating model", "Untitled matrix"]);
    let current = find(&container, "li.library-item[aria-current=true]");
    assert_eq!(text(&find(&current, ".library-title")), "Untitled matrix");

    // Deleting asks first; the open matrix gives way to the one left.
    button(&current, "Delete").click();
    tick().await;
    let current = find(&container, "li.library-item[aria-current=true]");
    assert!(text(&current).contains("Delete \"Untitled matrix\"?"));
    button(&current, "Yes, delete").click();
    tick().await;
    assert_eq!(library_titles(&container), ["Cloud operating model"]);
    assert_eq!(
        workshop.matrix.with_untracked(|m| m.title.clone()),
        "Cloud operating model"
    );
    let notice = find(&container, ".library-notice");
    assert!(text(&notice).contains("Deleted \"Untitled matrix\"."));

    button(&notice, "Undo delete").click();
    tick().await;
    assert_eq!(library_titles(&container).len(), 2);
    assert_eq!(
        workshop.matrix.with_untracked(|m| m.title.clone()),
        "Untitled matrix",
        "it was open, so it is open again"
    );
    assert!(
        container
            .query_selector(".library-notice")
            .unwrap()
            .is_none()
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn full_storage_shows_not_saved_and_keeps_the_unsaved_matrix_open() {
    new_owner().await;
    local_storage().clear().unwrap();
    let workshop = load_workshop();
    provide_grid();
    let container = mount(workshop, || {
        view! {
            <LibraryMenu />
            <SaveStatus />
        }
        .into_any()
    });
    tick().await;
    assert!(container.query_selector(".save-status").unwrap().is_none());

    // Fill this origin's storage to the last few bytes.
    let storage = local_storage();
    let mut n = 0;
    for size in [1 << 20, 1 << 16, 1 << 12, 1 << 8, 1 << 4, 1] {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("filler/{n}"), &chunk).is_ok() {
            n += 1;
        }
    }

    button(&container, "Library").click();
    tick().await;
    button(&container, "New blank matrix").click();
    tick().await;
    assert_eq!(
        workshop.matrix.with_untracked(|m| m.title.clone()),
        "Untitled matrix",
        "the new matrix is on screen and can be worked on"
    );
    let status = text(&find(&container, ".save-status[role=alert]"));
    assert!(status.starts_with("Not saved"), "{status}");

    // Opening another would lose the unsaved one: it stays open, and the line says why.
    button(&container, "Library").click();
    tick().await;
    button(&container, "New from example").click();
    tick().await;
    assert_eq!(
        workshop.matrix.with_untracked(|m| m.title.clone()),
        "Untitled matrix"
    );
    let status = text(&find(&container, ".save-status"));
    assert!(
        status.contains("could not be saved, so it stays open"),
        "{status}"
    );
    storage.clear().unwrap();
}

/// The example with a baseline of itself, as an import or a new matrix starts a review.
fn reviewed_workshop() -> Workshop {
    let workshop = example_workshop();
    workshop
        .matrix
        .update(|m| *m = workshop.with_baseline(std::mem::take(m)));
    workshop
}

#[wasm_bindgen_test]
async fn the_changes_panel_lists_each_change_and_leads_to_its_cell() {
    new_owner().await;
    let workshop = reviewed_workshop();
    let grid = provide_grid();
    provide_context(ReviewState::new(workshop));
    provide_context(ImportPreview::new(OnDemandParts::linked().import_engine));
    let container = mount(workshop, || {
        view! { <ChangesPanel /> <MatrixGrid /> }.into_any()
    });
    tick().await;
    assert!(
        text(&container).contains("No changes since the baseline"),
        "{}",
        text(&container)
    );

    let cell = cell_named(workshop, "Provision new accounts", "Security");
    workshop
        .apply(Edit::SetCell {
            activity: cell.activity,
            role: cell.role,
            cell: Cell::letters(Letters::only(Letter::A)),
        })
        .unwrap();
    tick().await;
    let panel = find(&container, "[aria-label=Changes]");
    assert!(
        text(&panel).contains("1 change since the baseline"),
        "{}",
        text(&panel)
    );
    let line = button(&panel, "Security: C -> A");
    line.click();
    next_frame().await;
    tick().await;
    assert_eq!(grid.selection.get_untracked().map(|s| s.focus), Some(cell));

    // Undo takes the change away again.
    workshop.undo();
    tick().await;
    assert!(
        text(&panel).contains("No changes since the baseline"),
        "{}",
        text(&panel)
    );
}

#[wasm_bindgen_test]
async fn an_action_is_added_filtered_and_done() {
    new_owner().await;
    let workshop = reviewed_workshop();
    provide_grid();
    provide_context(ReviewState::new(workshop));
    let container = mount(workshop, || view! { <ActionsPanel /> }.into_any());
    tick().await;
    let field = |label: &str| {
        find_all(&container, "label.field")
            .into_iter()
            .find(|l| text(l).trim_start().starts_with(label))
            .and_then(|l| l.query_selector("input, select").unwrap())
            .unwrap_or_else(|| panic!("no field {label}"))
    };
    type_into(&field("Action"), "Write the restore runbook");
    type_into(&field("Owner"), "platform team");
    type_into(&field("Due date"), "2020-01-31");
    button(&container, "Add action").click();
    tick().await;
    let actions = workshop.matrix.with_untracked(|m| m.record.actions.clone());
    assert_eq!(actions.len(), 1);
    assert_eq!(
        actions[0].owner, "Platform team",
        "a role's name is taken as the role's"
    );
    let item = find(&container, ".action");
    assert!(
        text(&item).contains("Overdue (due 2020-01-31)"),
        "{}",
        text(&item)
    );

    // Done: it leaves the open list and keeps its date.
    click(&find(&item, "input[type=checkbox]"));
    tick().await;
    assert!(text(&container).contains("No actions to show."));
    choose(&field("Status"), "Done");
    tick().await;
    assert!(text(&find(&container, ".action")).contains("Done "));
    assert!(
        workshop
            .matrix
            .with_untracked(|m| m.record.actions[0].done.is_some())
    );
}

#[wasm_bindgen_test]
async fn ownership_fields_are_undoable_steps_and_clear_their_findings() {
    new_owner().await;
    let workshop = Workshop::new(
        raci_workshop::library::blank_matrix("Blank"),
        RuleSettings::default(),
    );
    provide_grid();
    provide_context(ReviewState::new(workshop));
    let container = mount(workshop, || view! { <ReviewPanel /> }.into_any());
    tick().await;
    let has = |rule: RuleId| {
        workshop
            .findings
            .with_untracked(|f| f.iter().any(|x| x.rule == rule))
    };
    assert!(has(RuleId::NoMatrixOwner));
    let owner = find_all(&container, "label.field")
        .into_iter()
        .find(|l| text(l).trim_start().starts_with("Matrix owner"))
        .and_then(|l| l.query_selector("input").unwrap())
        .unwrap();
    owner
        .unchecked_ref::<HtmlInputElement>()
        .set_value("Cloud CoE");
    fire(&owner, "change");
    tick().await;
    assert!(!has(RuleId::NoMatrixOwner));
    workshop.undo();
    tick().await;
    assert!(has(RuleId::NoMatrixOwner));
    assert_eq!(owner.unchecked_ref::<HtmlInputElement>().value(), "");
}
