//! The import waiting for the user's yes in the preview dialog: its bytes, the choices that
//! override detection, and what the importer made of them. Nothing here touches the current
//! matrix until [`ImportPreview::confirm`].

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::import::{self, ImportError, ImportOptions, Imported, Workbook, WorkbookFile};

use super::state::{ImportSummary, Workshop};
use super::xlsx_client;

/// A file (or pasted cells) read but not yet imported.
#[derive(Clone, Debug)]
pub struct PendingImport {
    /// Kept so that every change of an override re-reads the same bytes.
    pub bytes: Arc<[u8]>,
    /// The file's name, or "Pasted cells".
    pub file_name: String,
    pub options: ImportOptions,
    pub result: Result<Imported, ImportError>,
    /// A workbook's sheets as the xlsx worker read them: choosing another sheet or layout
    /// re-reads these, without the worker.
    pub workbook: Option<Arc<Workbook>>,
}

impl PendingImport {
    fn new(file_name: String, bytes: Arc<[u8]>) -> PendingImport {
        let options = ImportOptions {
            file_name: Some(file_name.clone()),
            ..ImportOptions::default()
        };
        let result = import::import(&bytes, &options);
        PendingImport {
            bytes,
            file_name,
            options,
            result,
            workbook: None,
        }
    }

    /// A workbook read by the worker (or the reason it could not be).
    fn from_workbook(
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
                import::import_workbook(&workbook, &options),
                Some(Arc::new(workbook)),
            ),
            Err(error) => (Err(error), None),
        };
        PendingImport {
            bytes,
            file_name,
            options,
            result,
            workbook,
        }
    }

    fn reread(&mut self) {
        self.result = match &self.workbook {
            Some(workbook) => import::import_workbook(workbook, &self.options),
            None => import::import(&self.bytes, &self.options),
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
}

impl ImportPreview {
    pub fn new() -> ImportPreview {
        ImportPreview {
            pending: RwSignal::new(None),
            busy: RwSignal::new(None),
        }
    }

    /// Reads `bytes` with every choice on auto and opens the preview on the result.
    pub fn open(&self, file_name: String, bytes: Vec<u8>) {
        self.pending
            .set(Some(PendingImport::new(file_name, bytes.into())));
    }

    /// Reads a file the user picked or dropped, then opens the preview. A file the browser cannot
    /// read is reported in the problem banner; the current matrix stays as it is.
    pub fn open_file(&self, workshop: Workshop, file: web_sys::File) {
        let preview = *self;
        let name = file.name();
        spawn_local(async move {
            let blob = gloo_file::Blob::from(file);
            match gloo_file::futures::read_as_bytes(&blob).await {
                Ok(bytes) => preview.open_any(name, bytes).await,
                Err(error) => workshop
                    .problem
                    .set(Some(format!("Could not read \"{name}\": {error}."))),
            }
        });
    }

    /// Opens the preview on a file of any kind: text is read here; a workbook is read by the xlsx
    /// worker (loaded on first use) while a progress line says so; a file that is no readable
    /// workbook opens the preview on the reason.
    pub async fn open_any(&self, file_name: String, bytes: Vec<u8>) {
        match import::workbook_file(&bytes, &file_name) {
            WorkbookFile::Text => self.open(file_name, bytes),
            WorkbookFile::Refused(error) => self.pending.set(Some(PendingImport::from_workbook(
                file_name,
                bytes.into(),
                Err(error),
            ))),
            WorkbookFile::Package => {
                self.busy
                    .set(Some(format!("Reading the workbook \"{file_name}\"…")));
                let read = xlsx_client::read_workbook(&bytes).await;
                self.busy.set(None);
                let workbook = read
                    .map_err(|message| ImportError {
                        row: None,
                        column: None,
                        message,
                    })
                    .and_then(|text| Workbook::decode(&text));
                self.pending.set(Some(PendingImport::from_workbook(
                    file_name,
                    bytes.into(),
                    workbook,
                )));
            }
        }
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
        let ready = self
            .pending
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.result.is_ok()));
        if !ready {
            return;
        }
        let mut taken = None;
        self.pending.update(|p| taken = p.take());
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
        }));
    }

    /// Closes the preview; the current matrix is left exactly as it was.
    pub fn cancel(&self) {
        if self.pending.with_untracked(Option::is_some) {
            self.pending.set(None);
        }
    }
}

impl Default for ImportPreview {
    fn default() -> Self {
        ImportPreview::new()
    }
}
