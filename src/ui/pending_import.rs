//! The import waiting for the user's yes in the preview dialog: its bytes, the choices that
//! override detection, and what the importer made of them. Nothing here touches the current
//! matrix until [`ImportPreview::confirm`].

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::import::{self, ImportError, ImportOptions, Imported, Workbook};

use super::arriving::{Arriving, NotLoaded, when_here};
use super::grid_state::GridState;
use super::review_state::{Compared, ReviewState};
use super::state::{ImportSummary, Workshop};
use super::storage::Library;
use super::xlsx_client;

/// The importer's entry points. Its code is one of the parts that load on first use
/// (src/ui/on_demand.rs): the page holds these once it is here.
#[derive(Clone, Copy, Debug)]
pub struct ImportEngine {
    pub import: fn(&[u8], &ImportOptions) -> Result<Imported, ImportError>,
    pub import_workbook: fn(&Workbook, &ImportOptions) -> Result<Imported, ImportError>,
}

impl ImportEngine {
    /// The importer linked into the module that calls it.
    pub fn linked() -> ImportEngine {
        ImportEngine {
            import: import::import,
            import_workbook: import::import_workbook,
        }
    }
}

/// A file (or pasted cells) read but not yet imported.
#[derive(Clone, Debug)]
pub struct PendingImport {
    /// Kept so that every change of an override re-reads the same bytes.
    pub bytes: Arc<[u8]>,
    /// The file's name, or "Pasted cells".
    pub file_name: String,
    pub options: ImportOptions,
    pub result: Result<Imported, ImportError>,
    /// Read to compare the matrix with ("Compare with file"), not to replace it.
    pub compare: bool,
    /// A workbook's sheets as the xlsx worker read them: choosing another sheet or layout
    /// re-reads these, without the worker.
    pub workbook: Option<Arc<Workbook>>,
    engine: ImportEngine,
}

impl PendingImport {
    fn new(engine: ImportEngine, file_name: String, bytes: Arc<[u8]>) -> PendingImport {
        let options = ImportOptions {
            file_name: Some(file_name.clone()),
            ..ImportOptions::default()
        };
        let result = (engine.import)(&bytes, &options);
        PendingImport {
            engine,
            bytes,
            file_name,
            options,
            result,
            compare: false,
            workbook: None,
        }
    }

    /// A workbook read by the worker (or the reason it could not be).
    fn from_workbook(
        engine: ImportEngine,
        file_name: String,
        bytes: Arc<[u8]>,
        workbook: Result<Workbook, ImportError>,
    ) -> PendingImport {
        let options = ImportOptions {
            file_name: Some(file_name.clone()),
            ..ImportOptions::default()
        };
        let (result, workbook) = match workbook {
            Ok(workbook) => (
                (engine.import_workbook)(&workbook, &options),
                Some(Arc::new(workbook)),
            ),
            Err(error) => (Err(error), None),
        };
        PendingImport {
            engine,
            bytes,
            file_name,
            options,
            result,
            workbook,
            compare: false,
        }
    }

    fn reread(&mut self) {
        self.result = match &self.workbook {
            Some(workbook) => (self.engine.import_workbook)(workbook, &self.options),
            None => (self.engine.import)(&self.bytes, &self.options),
        };
    }
}

/// The pending import, shared through context by everything that can start an import (picker,
/// drop, paste) and the dialog that previews it. `None` while no preview is open.
#[derive(Clone, Copy)]
pub struct ImportPreview {
    pub pending: RwSignal<Option<PendingImport>>,
    /// What is being read while the xlsx worker works ("Reading the workbook ..."), for the
    /// progress line.
    pub busy: RwSignal<Option<String>>,
    engine: fn() -> Arriving<ImportEngine>,
}

impl ImportPreview {
    /// `engine` brings the importer (`OnDemandParts::import_engine`).
    pub fn new(engine: fn() -> Arriving<ImportEngine>) -> ImportPreview {
        ImportPreview {
            pending: RwSignal::new(None),
            busy: RwSignal::new(None),
            engine,
        }
    }

    /// Reads `bytes` with every choice on auto and opens the preview on the result (at once
    /// when the importer's code is here, else once it has arrived). If it cannot arrive, the
    /// problem banner says so; nothing else changes.
    pub fn open(&self, workshop: Workshop, file_name: String, bytes: Vec<u8>) {
        let pending = self.pending;
        when_here((self.engine)(), move |engine| match engine {
            Ok(engine) => pending.set(Some(PendingImport::new(engine, file_name, bytes.into()))),
            Err(NotLoaded) => importer_missing(workshop, &file_name),
        });
    }

    /// Reads a file the user picked or dropped, then opens the preview. A file the browser cannot
    /// read is reported in the problem banner; the current matrix stays as it is.
    pub fn open_file(&self, workshop: Workshop, file: web_sys::File) {
        self.read_file(workshop, file, false);
    }

    /// Reads a file to compare the matrix with, through the same reader and preview as an import.
    pub fn open_file_to_compare(&self, workshop: Workshop, file: web_sys::File) {
        self.read_file(workshop, file, true);
    }

    fn read_file(&self, workshop: Workshop, file: web_sys::File, compare: bool) {
        let preview = *self;
        let name = file.name();
        spawn_local(async move {
            let blob = gloo_file::Blob::from(file);
            match gloo_file::futures::read_as_bytes(&blob).await {
                Ok(bytes) => {
                    preview.open_any(workshop, name, bytes).await;
                    if compare {
                        preview.pending.update(|p| {
                            if let Some(p) = p {
                                p.compare = true;
                            }
                        });
                    }
                }
                Err(error) => workshop
                    .problem
                    .set(Some(format!("Could not read \"{name}\": {error}."))),
            }
        });
    }

    /// Takes the previewed file as the one to compare with, and closes the preview. Does nothing
    /// when it could not be read; the matrix is never changed.
    pub fn confirm_compare(&self, review: ReviewState) {
        let taken = self.take_ready();
        if let Some(PendingImport {
            file_name,
            result: Ok(imported),
            ..
        }) = taken
        {
            review.compared.set(Some(Compared {
                file_name,
                matrix: Arc::new(imported.matrix),
            }));
        }
    }

    /// Opens the preview on a file of any kind: text is read here; a workbook is read by the xlsx
    /// worker (loaded on first use) while a progress line says so; a file that is no readable
    /// workbook opens the preview on the reason.
    pub async fn open_any(&self, workshop: Workshop, file_name: String, bytes: Vec<u8>) {
        if !import::is_workbook(&bytes, &file_name) {
            match (self.engine)().await {
                Ok(engine) => {
                    self.pending
                        .set(Some(PendingImport::new(engine, file_name, bytes.into())))
                }
                Err(NotLoaded) => importer_missing(workshop, &file_name),
            }
            return;
        }
        self.busy
            .set(Some(format!("Reading the workbook \"{file_name}\"…")));
        let read = xlsx_client::read_workbook(&bytes, &file_name).await;
        let engine = (self.engine)().await;
        self.busy.set(None);
        let Ok(engine) = engine else {
            importer_missing(workshop, &file_name);
            return;
        };
        let workbook = read
            .map_err(|message| ImportError {
                row: None,
                column: None,
                message,
            })
            .and_then(|text| Workbook::decode(&text));
        self.pending.set(Some(PendingImport::from_workbook(
            engine,
            file_name,
            bytes.into(),
            workbook,
        )));
    }

    /// Takes the pending import out of the preview (closing it), but only when it was read: a
    /// failed one stays, with its message.
    fn take_ready(&self) -> Option<PendingImport> {
        let ready = self
            .pending
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.result.is_ok()));
        let mut taken = None;
        if ready {
            self.pending.update(|p| taken = p.take());
        }
        taken
    }

    /// Re-reads the same bytes with changed overrides and refreshes the preview.
    pub fn set_options(&self, change: impl FnOnce(&mut ImportOptions)) {
        self.pending.update(|pending| {
            if let Some(pending) = pending {
                change(&mut pending.options);
                pending.reread();
            }
        });
    }

    /// Replaces the current matrix with the previewed one as one undoable step, and closes the
    /// preview. Does nothing when the import failed.
    pub fn confirm(&self, workshop: Workshop) {
        let taken = self.take_ready();
        let Some(PendingImport {
            file_name,
            result: Ok(imported),
            ..
        }) = taken
        else {
            return;
        };
        workshop.replace_matrix(imported.matrix, imported.settings);
        workshop.problem.set(None);
        workshop.last_import.set(Some(ImportSummary {
            file_name,
            report: imported.report,
            at: clock_time(),
            depth: workshop.history.with_untracked(|h| h.undo_depth()),
        }));
    }

    /// Opens the previewed matrix as a new matrix of the library, beside the current one, and
    /// closes the preview. Does nothing when the import failed.
    pub fn open_as_new(&self, workshop: Workshop, grid: GridState, library: Library) {
        let taken = self.take_ready();
        let Some(PendingImport {
            file_name,
            result: Ok(imported),
            ..
        }) = taken
        else {
            return;
        };
        library.create(
            workshop,
            grid,
            imported.matrix,
            imported.settings.unwrap_or_default(),
        );
        workshop.problem.set(None);
        workshop.last_import.set(Some(ImportSummary {
            file_name,
            report: imported.report,
            at: clock_time(),
            depth: 0,
        }));
    }

    /// Closes the preview; the current matrix is left exactly as it was.
    pub fn cancel(&self) {
        if self.pending.with_untracked(Option::is_some) {
            self.pending.set(None);
        }
    }
}

/// Says that `file_name` could not be read because the importer's code did not arrive.
fn importer_missing(workshop: Workshop, file_name: &str) {
    workshop.problem.set(Some(format!(
        "Could not read \"{file_name}\": the importer could not be fetched, because {}",
        NotLoaded::WHY
    )));
}

/// The time now on the user's clock, as "14:05".
fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}
