//! Bytes to text: BOMs (UTF-8, UTF-16 LE/BE), UTF-8, and Windows-1252 when the bytes are not UTF-8.
//!
//! Excel writes "CSV UTF-8" with a BOM, "Unicode text" as UTF-16 LE with a BOM, and plain "CSV"
//! in the local code page, which in Western Europe is Windows-1252. Valid UTF-8 without a BOM is
//! borrowed, not copied.
//!
//! The decoders are the standard library's and a 32-entry table for Windows-1252, checked byte for
//! byte against encoding_rs in the tests: encoding_rs's runtime-chosen decoder links every
//! encoding's tables, which would add about 200 KB to the wasm bundle for three encodings.

use std::borrow::Cow;

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
    let decoded = if let Some((encoding, rest)) = strip_bom(bytes) {
        with(encoding, rest, notes)
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
        with(encoding, bytes, notes)
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
                Decoded {
                    text: Cow::Owned(windows_1252(bytes)),
                    encoding: "windows-1252",
                }
            }
        }
    };
    refuse_binary(&decoded.text)?;
    Ok(decoded)
}

/// An encoding a byte-order mark announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unicode {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Unicode {
    fn name(self) -> &'static str {
        match self {
            Unicode::Utf8 => "UTF-8 with BOM",
            Unicode::Utf16Le => "UTF-16LE",
            Unicode::Utf16Be => "UTF-16BE",
        }
    }
}

fn strip_bom(bytes: &[u8]) -> Option<(Unicode, &[u8])> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some((Unicode::Utf8, rest))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some((Unicode::Utf16Le, rest))
    } else {
        bytes
            .strip_prefix(b"\xFE\xFF")
            .map(|rest| (Unicode::Utf16Be, rest))
    }
}

fn with<'a>(encoding: Unicode, bytes: &'a [u8], notes: &mut Notes) -> Decoded<'a> {
    let name = encoding.name();
    let (text, had_errors) = match encoding {
        Unicode::Utf8 => match String::from_utf8_lossy(bytes) {
            Cow::Borrowed(text) => (Cow::Borrowed(text), false),
            Cow::Owned(text) => (Cow::Owned(text), true),
        },
        Unicode::Utf16Le => utf16(bytes, u16::from_le_bytes),
        Unicode::Utf16Be => utf16(bytes, u16::from_be_bytes),
    };
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

/// UTF-16 to text; unpaired surrogates and an odd last byte become U+FFFD.
fn utf16<'a>(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (Cow<'a, str>, bool) {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut had_errors = bytes.len() % 2 == 1;
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            had_errors = true;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (Cow::Owned(text), had_errors)
}

/// Windows-1252 is Latin-1 except for 0x80..=0x9F; these are the WHATWG index's code points there
/// (the five unassigned bytes map to the C1 controls, as browsers do).
const WINDOWS_1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_80_9F[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Unicode> {
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
        Some(Unicode::Utf16Le)
    } else if zero_even * 10 >= pairs * 9 && zero_odd == 0 {
        Some(Unicode::Utf16Be)
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

    #[test]
    fn decoders_agree_with_encoding_rs_byte_for_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let (expected, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&all);
        assert_eq!(windows_1252(&all), expected);

        let text = "Sécurité, Überwachung, 財務, 🚀 and \u{FFFD}";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16(&le, u16::from_le_bytes).0, text);
        assert_eq!(utf16(&be, u16::from_be_bytes).0, text);
        let broken = [0x00, 0xD8, 0x41, 0x00, 0x42];
        let (ours, ours_errors) = utf16(&broken, u16::from_le_bytes);
        let (theirs, theirs_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(&broken);
        assert_eq!(
            (ours.as_ref(), ours_errors),
            (theirs.as_ref(), theirs_errors)
        );
    }

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
