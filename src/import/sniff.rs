//! Refusing, before any parsing, files that cannot be a text table: too big, empty, or a known
//! binary format (an Excel workbook, a PDF). The message says what to do instead.

use super::{ImportError, MAX_FILE_BYTES};

/// Ok when the bytes may be a text table; otherwise an error in plain words.
pub(crate) fn refuse_unreadable(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(error(format!(
            "The file is {:.1} MB; this importer reads files up to {} MB. Split the matrix, or \
             remove columns that are not roles or activities, and import again.",
            bytes.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let content = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .or_else(|| bytes.strip_prefix(b"\xFF\xFE"))
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF"))
        .unwrap_or(bytes);
    if content.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(error(
            "The file is empty: there is no table in it to import.".to_owned(),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Err(error(
            "This looks like an Excel workbook (.xlsx) or another zipped file. Reading .xlsx is \
             not supported yet: in Excel choose File > Save As > \"CSV UTF-8\" (or copy the \
             cells), then import that."
                .to_owned(),
        ));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(error(
            "This looks like an old Excel workbook (.xls), which cannot be read here. In Excel \
             choose File > Save As > \"CSV UTF-8\", then import that."
                .to_owned(),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(error(
            "This is a PDF, which holds no table this importer can read. Import the spreadsheet \
             the PDF was made from (saved as CSV)."
                .to_owned(),
        ));
    }
    Ok(())
}

fn error(message: String) -> ImportError {
    ImportError {
        row: None,
        column: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_files_are_refused() {
        for bytes in [&b""[..], b"   \r\n\t", b"\xEF\xBB\xBF", b"\xFF\xFE\x00\x00"] {
            let e = refuse_unreadable(bytes).expect_err("empty");
            assert!(e.message.contains("empty"), "{e}");
        }
    }

    #[test]
    fn workbooks_are_refused_with_what_to_do() {
        let e = refuse_unreadable(b"PK\x03\x04\x14\x00\x06\x00rest").expect_err("xlsx");
        assert!(
            e.message.contains("xlsx") && e.message.contains("CSV"),
            "{e}"
        );
        let e = refuse_unreadable(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....").expect_err("xls");
        assert!(e.message.contains(".xls"), "{e}");
    }

    #[test]
    fn oversized_files_are_refused_before_parsing() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        let e = refuse_unreadable(&big).expect_err("too big");
        assert!(e.message.contains("up to 20 MB"), "{e}");
        assert!(refuse_unreadable(b"Activity,Ops\nDeploy,R\n").is_ok());
    }
}
