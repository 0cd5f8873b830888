//! Excel workbooks in both directions: reading an .xlsx (or .ods) into the text sheets the
//! tolerant importer reads ([`read`]), and writing a matrix as an .xlsx a person would be glad to
//! receive ([`write`]).
//!
//! This module is the only one that uses calamine and rust_xlsxwriter. The page never calls it:
//! it runs in the xlsx worker (src/bin/xlsx_worker.rs), a second wasm module loaded on first use,
//! so the first page load does not carry the two crates.

pub mod read;
pub mod write;

pub use read::read;
pub use write::write;
