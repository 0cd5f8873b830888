//! Bytes to text: BOMs (UTF-8, UTF-16 LE/BE), UTF-8, and Windows-1252 when the bytes are not UTF-8.
//!
//! Excel writes "CSV UTF-8" with a BOM, "Unicode text" as UTF-16 LE with a BOM, and plain "CSV"
//! in the local code page, which in Western Europe is Windows-1252. Valid UTF-8 without a BOM is
//! borrowed, not copied.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::notes::Notes;
use super::{ImportError, NoteKind};

/// Decoded text and the name of the encoding it was read in.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "windows-1252".
    pub encoding: &'static str,
}

/// Decodes `bytes`, noting any guess; refuses binary data (NUL or many control characters).
pub(crate) fn decode<'a>(bytes: &'a [u8], notes: &mut Notes) -> Result<Decoded<'a>, ImportError> {
    let decoded = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let name = if encoding == UTF_8 {
            "UTF-8 with BOM"
        } else if encoding == UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        with(encoding, name, rest, notes)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        notes.push(
            NoteKind::Guessed,
            None,
            None,
            format!(
                "The file has no byte-order mark but looks like {}; read it that way.",
                encoding.name()
            ),
        );
        let name = if encoding == UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        with(encoding, name, bytes, notes)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: Cow::Borrowed(text),
                encoding: "UTF-8",
            },
            Err(e) => {
                let line = line_of(bytes, e.valid_up_to());
                notes.push(
                    NoteKind::Guessed,
                    Some(line),
                    None,
                    "The file is not UTF-8 (the first byte that is not is on this line); read it \
                     as Windows-1252, the Western European code page Excel uses for plain CSV. \
                     If accented letters look wrong, save the sheet as \"CSV UTF-8\" and import \
                     again.",
                );
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                Decoded {
                    text,
                    encoding: "windows-1252",
                }
            }
        }
    };
    refuse_binary(&decoded.text)?;
    Ok(decoded)
}

fn with<'a>(
    encoding: &'static Encoding,
    name: &'static str,
    bytes: &'a [u8],
    notes: &mut Notes,
) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push(
            NoteKind::Normalised,
            None,
            None,
            format!(
                "Some bytes are not valid {name}; they were replaced with \u{FFFD}. Check names \
                 with that mark."
            ),
        );
    }
    Decoded {
        text,
        encoding: name,
    }
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(512))?;
    if sample.len() < 8 || !sample.len().is_multiple_of(2) {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if zero_odd * 10 >= pairs * 9 && zero_even == 0 {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 9 && zero_odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Text tables hold no NUL and hardly any control characters; random bytes and images do.
fn refuse_binary(text: &str) -> Result<(), ImportError> {
    let mut controls = 0usize;
    for (offset, b) in text.bytes().enumerate() {
        if b == 0 {
            return Err(binary(text, offset));
        }
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f {
            controls += 1;
        }
    }
    let c1 = text
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .count();
    if (controls + c1) * 50 > text.len().max(1) {
        let offset = text
            .bytes()
            .position(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
            .unwrap_or(0);
        return Err(binary(text, offset));
    }
    Ok(())
}

fn binary(text: &str, offset: usize) -> ImportError {
    ImportError {
        row: Some(line_of(text.as_bytes(), offset)),
        column: None,
        message: "This file does not look like a text table: it holds binary data (from this \
                  line on). Save the sheet as CSV, TSV, Markdown or JSON and import that."
            .to_owned(),
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(bytes: &[u8], offset: usize) -> usize {
    let upto = bytes.get(..offset).unwrap_or(bytes);
    1 + upto.iter().filter(|b| **b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (String, &'static str, Vec<String>) {
        let mut notes = Notes::default();
        let decoded = decode(bytes, &mut notes).expect("decodes");
        let messages = notes.finish().into_iter().map(|n| n.to_string()).collect();
        (decoded.text.into_owned(), decoded.encoding, messages)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(run(b"a,b").0, "a,b");
        assert_eq!(run(b"a,b").1, "UTF-8");
        let (text, encoding, notes) = run(b"\xEF\xBB\xBFActivity;Ops");
        assert_eq!(
            (text.as_str(), encoding),
            ("Activity;Ops", "UTF-8 with BOM")
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn utf16_as_excel_unicode_text_writes_it() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Tâche\tOps".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(run(&le).0, "Tâche\tOps");
        assert_eq!(run(&le).1, "UTF-16LE");
        assert_eq!(run(&be).0, "Tâche\tOps");
        assert_eq!(run(&be).1, "UTF-16BE");
        let bare: Vec<u8> = le.get(2..).unwrap_or_default().to_vec();
        let (text, encoding, notes) = run(&bare);
        assert_eq!((text.as_str(), encoding), ("Tâche\tOps", "UTF-16LE"));
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn windows_1252_when_not_utf8_with_the_line_of_the_first_odd_byte() {
        let (text, encoding, notes) = run(b"Activity,Ops\nS\xE9curit\xE9,R\n");
        assert_eq!(text, "Activity,Ops\nSécurité,R\n");
        assert_eq!(encoding, "windows-1252");
        assert!(
            notes[0].starts_with("Row 2: The file is not UTF-8"),
            "{notes:?}"
        );
    }

    #[test]
    fn binary_data_is_refused_with_its_line() {
        let mut notes = Notes::default();
        let error = decode(b"Activity,Ops\nDeploy,R\x00\x01\x02", &mut notes).expect_err("binary");
        assert_eq!(error.row, Some(2));
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&junk, &mut notes).is_err());
    }
}
