//! Export to spreadsheets (wide and long CSV), our JSON document, Markdown for wikis, and the
//! findings as a report.
