//! RACI Workshop: review who owns what.
//!
//! The domain (model, edits, import, rules, export) is plain Rust that builds and tests natively.
//! The browser UI in [`ui`] exists only on wasm32, so the compiler keeps the domain free of the DOM.
//!
//! Data flow: file bytes -> [`import`] -> [`model::Matrix`] -> [`edit::apply`] -> [`rules::check`]
//! -> findings -> view -> [`export`]. Excel workbooks go through [`workbook`], which only the
//! lazily loaded xlsx worker (src/bin/xlsx_worker.rs) calls.

pub mod commands;
pub mod document;
pub mod edit;
pub mod example;
pub mod export;
pub mod grid;
pub mod history;
pub mod html;
pub mod import;
pub mod library;
pub mod model;
pub mod publish;
pub mod review;
pub mod rules;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
pub mod ui;
