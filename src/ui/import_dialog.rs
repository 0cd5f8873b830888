//! The "Import preview" dialog: what the importer detected (each choice overridable), what it
//! changed, and the matrix it would load, before anything replaces the current one.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::import::choices::{self, DELIMITERS, FORMATS, LAYOUTS};
use crate::import::{Format, ImportReport, Imported, NoteKind};
use crate::model::{Cell, Matrix, Scheme};
use crate::rules::{self, Severity};

use super::grid_state::GridState;
use super::modal::Modal;
use super::pending_import::{ImportPreview, PendingImport};
use super::review_state::ReviewState;
use super::sheet_choice::SheetChoice;
use super::state::Workshop;
use super::storage::Library;

/// How many activities and roles the preview table shows: enough to recognise the matrix.
const PREVIEW_ROWS: usize = 8;
const PREVIEW_COLUMNS: usize = 8;

/// The open dialog; mounted while an import is pending (by `on_demand::ImportDialog`).
#[component]
pub(super) fn PreviewDialog() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let preview = expect_context::<ImportPreview>();
    let dialog = NodeRef::<Dialog>::new();

    // Closing the element first hands the focus back to where it was before the dialog.
    let close_element = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let cancel = move |_| {
        close_element();
        preview.cancel();
    };
    let replace = move |_| {
        close_element();
        preview.confirm(workshop);
    };
    let comparing = move || {
        preview
            .pending
            .with(|p| p.as_ref().is_some_and(|p| p.compare))
    };
    let review = use_context::<ReviewState>();
    let compare = move |_| {
        close_element();
        if let Some(review) = review {
            preview.confirm_compare(review);
        }
    };
    // With a library, the import can sit beside the current matrix instead of replacing it.
    let library = use_context::<Library>();
    let grid = use_context::<GridState>();
    let open_as_new = move |_| {
        close_element();
        if let (Some(library), Some(grid)) = (library, grid) {
            preview.open_as_new(workshop, grid, library);
        }
    };
    let can_open_as_new = library.is_some() && grid.is_some();

    let ok = Memo::new(move |_| {
        preview
            .pending
            .with(|p| p.as_ref().is_some_and(|p| p.result.is_ok()))
    });
    let file_name = move || {
        preview
            .pending
            .with(|p| p.as_ref().map(|p| p.file_name.clone()))
            .unwrap_or_default()
    };

    view! {
        // Escape closes a modal dialog natively; that is a cancel.
        <Modal
            class="import-dialog"
            labelled_by="import-preview-heading"
            element=dialog
            on_close=move || preview.cancel()
        >
            <header class="import-dialog-header">
                <h2 id="import-preview-heading">"Import preview"</h2>
                <p class="import-file-name">
                    <span class="visually-hidden">"File: "</span>
                    {file_name}
                </p>
            </header>
            <div class="import-dialog-body">
                <ReadAs />
                <div class="import-columns">
                    {move || {
                        preview
                            .pending
                            .with(|p| p.as_ref().map(|p| outcome(p, workshop)))
                    }}
                </div>
            </div>
            <footer class="import-dialog-footer">
                // The error already says that nothing changed; say it once.
                <p class="import-hint">
                    {move || {
                        ok.get()
                            .then(|| {
                                if comparing() {
                                    "Comparing changes nothing: you adopt differences one by one."
                                } else if can_open_as_new {
                                    "The current matrix changes only when you replace it; a new matrix keeps it in the Library."
                                } else {
                                    "The current matrix changes only when you replace it."
                                }
                            })
                    }}
                </p>
                <button class="button" autofocus=move || !ok.get() on:click=cancel>
                    "Cancel"
                </button>
                {move || {
                    (ok.get() && can_open_as_new && !comparing())
                        .then(|| {
                            view! {
                                <button class="button" on:click=open_as_new>
                                    "Open as a new matrix"
                                </button>
                            }
                        })
                }}
                {move || {
                    ok.get()
                        .then(|| {
                            if comparing() {
                                view! {
                                    <button class="button button-primary" autofocus on:click=compare>
                                        "Compare with current matrix"
                                    </button>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <button class="button button-primary" autofocus on:click=replace>
                                        "Replace current matrix"
                                    </button>
                                }
                                    .into_any()
                            }
                        })
                }}
            </footer>
        </Modal>
    }
}

/// The detected format, delimiter, encoding, layout, section rows and scheme, each a control
/// that re-reads the file with the user's choice.
#[component]
fn ReadAs() -> impl IntoView {
    let preview = expect_context::<ImportPreview>();
    let with_pending = move |f: &dyn Fn(&PendingImport) -> String| {
        preview
            .pending
            .with(|p| p.as_ref().map(f))
            .unwrap_or_default()
    };
    let report = move |f: &dyn Fn(&ImportReport) -> String| {
        with_pending(&|p| p.result.as_ref().map(|i| f(&i.report)).unwrap_or_default())
    };

    let format = Signal::derive(move || {
        with_pending(&|p| choices::id_of(&FORMATS, p.options.format).to_owned())
    });
    let format_auto = Signal::derive(move || {
        with_pending(&|p| match (&p.options.format, &p.result) {
            (None, Ok(i)) => format!("Auto: {}", i.report.format.name()),
            _ => "Auto".to_owned(),
        })
    });
    let delimiter = Signal::derive(move || {
        with_pending(&|p| choices::id_of(&DELIMITERS, p.options.delimiter).to_owned())
    });
    let delimiter_auto = Signal::derive(move || {
        with_pending(&|p| match (&p.options.delimiter, &p.result) {
            (None, Ok(Imported { report, .. })) => match report.delimiter {
                Some(d) => format!("Auto: {}", choices::delimiter_name(d)),
                None => "Auto: not delimited text".to_owned(),
            },
            _ => "Auto".to_owned(),
        })
    });
    // A delimiter means nothing to Markdown or JSON; a sheet layout nothing to our own document.
    let not_delimited = Signal::derive(move || {
        preview.pending.with(|p| {
            p.as_ref().is_some_and(|p| {
                let detected = p.result.as_ref().ok().map(|i| i.report.format);
                p.options
                    .format
                    .or(detected)
                    .is_some_and(|f| f != Format::Delimited)
            })
        })
    });
    let is_workbook = Signal::derive(move || {
        preview
            .pending
            .with(|p| p.as_ref().is_some_and(|p| p.workbook.is_some()))
    });
    let no_sheet = Signal::derive(move || {
        preview.pending.with(|p| {
            p.as_ref()
                .and_then(|p| p.result.as_ref().ok())
                .is_some_and(|i| i.report.layout.is_none())
        })
    });
    let layout = Signal::derive(move || {
        with_pending(&|p| choices::id_of(&LAYOUTS, p.options.layout).to_owned())
    });
    let layout_auto = Signal::derive(move || {
        with_pending(&|p| match (&p.options.layout, &p.result) {
            (None, Ok(Imported { report, .. })) => match report.layout {
                Some(layout) => format!("Auto: {}", layout.name()),
                None => "Auto: our own document".to_owned(),
            },
            _ => "Auto".to_owned(),
        })
    });
    let scheme = Signal::derive(move || {
        with_pending(&|p| {
            p.options
                .scheme
                .map_or(choices::AUTO, Scheme::name)
                .to_owned()
        })
    });
    let scheme_auto = Signal::derive(move || {
        with_pending(&|p| match (&p.options.scheme, &p.result) {
            (None, Ok(i)) => format!("Auto: {}", i.matrix.scheme.name()),
            _ => "Auto".to_owned(),
        })
    });
    let sections = move || {
        preview
            .pending
            .with(|p| p.as_ref().is_some_and(|p| !p.options.no_section_rows))
    };
    let encoding = move || {
        let encoding = report(&|r| r.encoding.clone());
        if encoding.is_empty() {
            "Not known".to_owned()
        } else {
            encoding
        }
    };

    let schemes: Vec<(&'static str, &'static str)> =
        Scheme::ALL.iter().map(|s| (s.name(), s.name())).collect();

    view! {
        <section class="read-as" aria-labelledby="read-as-heading">
            <h3 id="read-as-heading">"Read as"</h3>
            <div class="read-as-grid">
                {override_select(
                    "Format",
                    choices::options(&FORMATS),
                    format,
                    format_auto,
                    is_workbook,
                    move |v| preview.set_options(|o| o.format = choices::parse(&FORMATS, &v)),
                )}
                <SheetChoice />
                {override_select(
                    "Delimiter",
                    choices::options(&DELIMITERS),
                    delimiter,
                    delimiter_auto,
                    not_delimited,
                    move |v| preview.set_options(|o| o.delimiter = choices::parse(&DELIMITERS, &v)),
                )}
                <div class="choice">
                    <span class="choice-label">"Encoding"</span>
                    <output class="choice-value" aria-label="Encoding">{encoding}</output>
                </div>
                {override_select(
                    "Layout",
                    choices::options(&LAYOUTS),
                    layout,
                    layout_auto,
                    no_sheet,
                    move |v| preview.set_options(|o| o.layout = choices::parse(&LAYOUTS, &v)),
                )}
                <div class="choice">
                    <span class="choice-label">"Section rows"</span>
                    <label class="choice-check">
                        <input
                            type="checkbox"
                            prop:checked=sections
                            disabled=move || no_sheet.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                preview.set_options(|o| o.no_section_rows = !on);
                            }
                        />
                        "Name-only rows are groups"
                    </label>
                </div>
                {override_select(
                    "Scheme",
                    schemes,
                    scheme,
                    scheme_auto,
                    Signal::stored(false),
                    move |v| preview.set_options(|o| o.scheme = Scheme::from_name(&v)),
                )}
            </div>
        </section>
    }
}

/// A labelled <select> whose first option is "Auto: what was detected".
fn override_select(
    label: &'static str,
    choices: Vec<(&'static str, &'static str)>,
    current: Signal<String>,
    auto_label: Signal<String>,
    disabled: Signal<bool>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            view! {
                <option value=value prop:selected=move || current.with(|c| c == value)>
                    {text}
                </option>
            }
        })
        .collect_view();
    // The label names the select alone: wrapped around it, it would also read out the options.
    let id = format!("import-{}", label.to_ascii_lowercase().replace(' ', "-"));
    view! {
        <div class="choice">
            <label class="choice-label" for=id.clone()>
                {label}
            </label>
            <select
                id=id
                class="choice-select"
                disabled=move || disabled.get()
                on:change=move |ev| {
                    let picked = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                        .map(|select| select.value());
                    if let Some(picked) = picked {
                        on_pick(picked);
                    }
                }
            >
                <option value=choices::AUTO prop:selected=move || current.with(|c| c == choices::AUTO)>
                    {move || auto_label.get()}
                </option>
                {options}
            </select>
        </div>
    }
}

/// The result and the report of a successful import, or the error of a failed one.
fn outcome(pending: &PendingImport, workshop: Workshop) -> AnyView {
    match &pending.result {
        Ok(imported) => {
            let settings = imported
                .settings
                .clone()
                .unwrap_or_else(|| workshop.settings.get_untracked());
            let findings = rules::check(&imported.matrix, &settings);
            view! {
                {result(&imported.matrix, &findings)}
                {report(&imported.report)}
            }
            .into_any()
        }
        Err(error) => view! {
            <div class="import-error" role="alert">
                <p class="import-error-title">
                    {format!("Could not import \"{}\".", pending.file_name)}
                </p>
                <p class="import-error-message">{error.to_string()}</p>
                <p class="import-error-help">
                    "Your current matrix is unchanged. If the file was read the wrong way, \
                     forcing the format, delimiter or layout above may fix it."
                </p>
            </div>
        }
        .into_any(),
    }
}

/// Title, size, findings by severity and a corner of the matrix.
fn result(matrix: &Matrix, findings: &[rules::Finding]) -> impl IntoView + use<> {
    let activities = matrix.activities.len();
    let roles = matrix.roles.len();
    let counts = Severity::ALL
        .iter()
        .map(|severity| {
            let n = findings.iter().filter(|f| f.severity == *severity).count();
            view! {
                <li class=count_class("count", severity.as_str(), n) data-severity=severity.as_str()>
                    {severity.counted(n)}
                </li>
            }
        })
        .collect_view();
    let shown_roles = &matrix.roles[..roles.min(PREVIEW_COLUMNS)];
    let head = shown_roles
        .iter()
        .map(|role| view! { <th scope="col" title=role.name.clone()>{role.name.clone()}</th> })
        .collect_view();
    let rows = matrix
        .activities
        .iter()
        .take(PREVIEW_ROWS)
        .map(|activity| {
            let cells = activity
                .cells
                .iter()
                .take(shown_roles.len())
                .map(|cell| view! { <td>{cell_text(cell)}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" title=activity.name.clone()>{activity.name.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let shown = if activities > PREVIEW_ROWS || roles > PREVIEW_COLUMNS {
        Some(format!(
            "Showing {} of {activities} activities and {} of {roles} roles.",
            activities.min(PREVIEW_ROWS),
            roles.min(PREVIEW_COLUMNS),
        ))
    } else {
        None
    };
    view! {
        <section class="import-result" aria-labelledby="import-result-heading">
            <h3 id="import-result-heading">"Result"</h3>
            <p class="import-result-title">{matrix.title.clone()}</p>
            <p class="import-result-size">
                {format!(
                    "{} · {} · {}",
                    plural(activities, "activity", "activities"),
                    plural(roles, "role", "roles"),
                    matrix.scheme.name(),
                )}
            </p>
            <ul class="import-counts" aria-label="Findings after import">{counts}</ul>
            // Focusable, so that the keyboard can scroll a preview wider than the dialog.
            <div class="preview-scroll" tabindex="0" role="region" aria-label="Preview of the imported matrix, scrollable">
                <table class="preview-table" aria-label="Preview of the imported matrix">
                    <thead>
                        <tr>
                            <th scope="col">"Activity"</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {shown.map(|text| view! { <p class="preview-more">{text}</p> })}
        </section>
    }
}

/// Every normalisation, guess, skip and kept value, counted by kind and listed with its position.
fn report(report: &ImportReport) -> impl IntoView + use<> {
    let kinds = [
        NoteKind::Normalised,
        NoteKind::Guessed,
        NoteKind::Skipped,
        NoteKind::Kept,
    ];
    let counts = kinds
        .iter()
        .map(|kind| {
            let n = report.notes.iter().filter(|n| n.kind == *kind).count();
            let name = kind_name(*kind);
            view! { <li class=count_class("note-count", name, n)>{format!("{n} {name}")}</li> }
        })
        .collect_view();
    let notes = report
        .notes
        .iter()
        .map(|note| {
            let name = kind_name(note.kind);
            view! {
                <li class=format!("note note-{name}")>
                    <span class="note-kind">{name}</span>
                    <span class="note-text">{note.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let body = if report.notes.is_empty() {
        view! { <p class="import-notes-empty">"Nothing needed changing."</p> }.into_any()
    } else {
        // Focusable: a long report scrolls, and the keyboard must be able to scroll it.
        view! { <ul class="notes import-notes" tabindex="0" aria-labelledby="import-report-heading">{notes}</ul> }
            .into_any()
    };
    view! {
        <section class="import-report" aria-labelledby="import-report-heading">
            <h3 id="import-report-heading">"What the importer did"</h3>
            <ul class="note-counts">{counts}</ul>
            {body}
        </section>
    }
}

/// "count count-gap", plus "is-zero" so that a count of nothing stays quiet.
fn count_class(base: &str, kind: &str, n: usize) -> String {
    if n == 0 {
        format!("{base} {base}-{kind} is-zero")
    } else {
        format!("{base} {base}-{kind}")
    }
}

fn kind_name(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Normalised => "normalised",
        NoteKind::Guessed => "guessed",
        NoteKind::Skipped => "skipped",
        NoteKind::Kept => "kept",
    }
}

fn cell_text(cell: &Cell) -> AnyView {
    match &cell.unrecognised {
        Some(text) => {
            view! { <span class="unrecognised-text">{text.to_string()}</span> }.into_any()
        }
        None => cell
            .letters
            .iter()
            .map(|letter| {
                view! { <span class=format!("letter letter-{letter}")>{letter.to_string()}</span> }
            })
            .collect_view()
            .into_any(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
