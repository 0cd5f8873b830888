//! The example matrix shown on first visit.
