//! Reading one cell's text as letters: "A/R", "r, a", "RA", "Accountable", Cyrillic look-alikes.
//!
//! Public because the UI reads typed and pasted input with the same rules as the importer. The
//! parser never allocates: it works on the borrowed text and returns a small `Copy` value.

use crate::model::{Cell, Letter, Letters};

use super::grid::trim;

/// Which full words a cell used, where the word decides what a letter means: "S" is Support in
/// RASCI but Signatory in RACI-VS.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// "Support" (RASCI's S).
    pub support: bool,
    /// "Signatory" or "Sign-off" (RACI-VS's S).
    pub signatory: bool,
}

impl Words {
    /// Both sets of words together.
    pub fn union(self, other: Words) -> Words {
        Words {
            support: self.support || other.support,
            signatory: self.signatory || other.signatory,
        }
    }
}

/// What a cell's text says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParsedCell {
    /// Blank, or only spaces.
    Empty,
    /// Letters. `canonical` is true when the text was already written the way export writes it
    /// ("A/R", "C"), so nothing was normalised.
    Letters {
        letters: Letters,
        canonical: bool,
        words: Words,
    },
    /// A mark written for "not involved" ("N", "-", "n/a", "none"): read as empty, and reported
    /// once for the whole file rather than flagged cell by cell.
    NotInvolved,
    /// Not letters ("maybe", "x", "TBD"): keep the text as it was, and let the rules flag it.
    Unrecognised,
}

impl ParsedCell {
    /// The model cell for this reading of `text` (unrecognised text is kept, trimmed).
    pub fn to_cell(self, text: &str) -> Cell {
        match self {
            ParsedCell::Empty | ParsedCell::NotInvolved => Cell::EMPTY,
            ParsedCell::Letters { letters, .. } => Cell::letters(letters),
            ParsedCell::Unrecognised => Cell::unrecognised(text.trim()),
        }
    }

    /// The letters read, if any.
    pub fn letters(self) -> Option<Letters> {
        match self {
            ParsedCell::Letters { letters, .. } => Some(letters),
            _ => None,
        }
    }
}

/// Full words and the letter each stands for, compared case-insensitively with any spacing.
/// "Approver", "Contributor" and "Driver" are DACI's names; the scheme is chosen later from the
/// letters, so they only need to map to their letter here.
const WORDS: &[(&str, Letter, Words)] = &[
    ("responsible", Letter::R, NONE),
    ("accountable", Letter::A, NONE),
    ("consulted", Letter::C, NONE),
    ("consult", Letter::C, NONE),
    ("informed", Letter::I, NONE),
    ("inform", Letter::I, NONE),
    ("support", Letter::S, SUPPORT),
    ("supports", Letter::S, SUPPORT),
    ("supporting", Letter::S, SUPPORT),
    ("supportive", Letter::S, SUPPORT),
    ("verifier", Letter::V, NONE),
    ("verify", Letter::V, NONE),
    ("verifies", Letter::V, NONE),
    ("signatory", Letter::S, SIGNATORY),
    ("sign-off", Letter::S, SIGNATORY),
    ("sign off", Letter::S, SIGNATORY),
    ("signoff", Letter::S, SIGNATORY),
    ("signs off", Letter::S, SIGNATORY),
    ("out of the loop", Letter::O, NONE),
    ("out-of-the-loop", Letter::O, NONE),
    ("omitted", Letter::O, NONE),
    ("driver", Letter::D, NONE),
    ("approver", Letter::A, NONE),
    ("approves", Letter::A, NONE),
    ("contributor", Letter::C, NONE),
    ("contributes", Letter::C, NONE),
];

const NONE: Words = Words {
    support: false,
    signatory: false,
};
const SUPPORT: Words = Words {
    support: true,
    signatory: false,
};
const SIGNATORY: Words = Words {
    support: false,
    signatory: true,
};

/// Reads a cell's text. Separators "/", ",", ";", "+", "&", "and" and spaces are accepted between
/// letters and words; anything else makes the whole cell unrecognised (never half-read).
pub fn parse_cell(text: &str) -> ParsedCell {
    let trimmed = trim(text);
    if trimmed.is_empty() {
        return ParsedCell::Empty;
    }
    if let Some(letters) = canonical(trimmed) {
        return ParsedCell::Letters {
            letters,
            canonical: trimmed.len() == text.len(),
            words: NONE,
        };
    }
    if is_not_involved(trimmed) {
        return ParsedCell::NotInvolved;
    }
    let mut letters = Letters::EMPTY;
    let mut words = NONE;
    for part in trimmed.split(['/', ',', ';', '+', '&', '\n']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((letter, w)) = word(part) {
            letters = letters.with(letter);
            words = words.union(w);
            continue;
        }
        for piece in part.split_whitespace() {
            if piece.eq_ignore_ascii_case("and") {
                continue;
            }
            if let Some((letter, w)) = word(piece) {
                letters = letters.with(letter);
                words = words.union(w);
            } else if let Some(run) = letter_run(piece) {
                letters = Letters::from_iter(letters.iter().chain(run.iter()));
            } else {
                return ParsedCell::Unrecognised;
            }
        }
    }
    if letters.is_empty() {
        return ParsedCell::Unrecognised;
    }
    ParsedCell::Letters {
        letters,
        canonical: false,
        words,
    }
}

/// Marks people write for "not involved". "O" is not among them: it is CAIRO's letter (Out of the
/// loop, which is what RACI-O's O means too), so it is kept as a letter and the scheme says so.
/// "x" is not either: many sheets tick involvement with an "x", so blanking it could hide an
/// assignment; it stays unrecognised and the room decides.
const NOT_INVOLVED: &[&str] = &[
    "n",
    "-",
    "--",
    "\u{2013}",
    "\u{2014}",
    "n/a",
    "na",
    "n.a.",
    "none",
    "not involved",
    "nil",
];

/// True for a "not involved" mark, in any case.
fn is_not_involved(text: &str) -> bool {
    text.len() <= 12
        && NOT_INVOLVED
            .iter()
            .any(|mark| mark.eq_ignore_ascii_case(text))
}

/// The letters of text written exactly as export writes it: upper-case letters in print order
/// joined by "/". This is the hot path of a large import, so it looks at bytes only.
fn canonical(text: &str) -> Option<Letters> {
    let bytes = text.as_bytes();
    if bytes.len().is_multiple_of(2) || bytes.len() > 15 {
        return None;
    }
    let mut letters = Letters::EMPTY;
    let mut last_rank = None;
    for (i, &b) in bytes.iter().enumerate() {
        if i % 2 == 1 {
            if b != b'/' {
                return None;
            }
            continue;
        }
        let (letter, rank) = print_rank(b)?;
        if last_rank.is_some_and(|last| rank <= last) {
            return None;
        }
        last_rank = Some(rank);
        letters = letters.with(letter);
    }
    Some(letters)
}

/// An upper-case letter byte and its place in print order ([`Letter::ALL`]).
fn print_rank(b: u8) -> Option<(Letter, u8)> {
    Some(match b {
        b'A' => (Letter::A, 0),
        b'R' => (Letter::R, 1),
        b'D' => (Letter::D, 2),
        b'S' => (Letter::S, 3),
        b'V' => (Letter::V, 4),
        b'C' => (Letter::C, 5),
        b'I' => (Letter::I, 6),
        b'O' => (Letter::O, 7),
        _ => return None,
    })
}

/// A full word or phrase ("Out of the loop"), any case and spacing.
fn word(text: &str) -> Option<(Letter, Words)> {
    // No word is longer than this; most text in a sheet is, and is turned away here.
    if text.len() > 20 {
        return None;
    }
    let found = if text.contains(char::is_whitespace) {
        WORDS.iter().find(|(phrase, _, _)| same_words(text, phrase))
    } else {
        WORDS
            .iter()
            .find(|(phrase, _, _)| phrase.eq_ignore_ascii_case(text))
    };
    found.map(|(_, letter, words)| (*letter, *words))
}

fn same_words(text: &str, phrase: &str) -> bool {
    let mut theirs = text.split_whitespace();
    let mut ours = phrase.split(' ');
    loop {
        match (theirs.next(), ours.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => {}
            _ => return false,
        }
    }
}

/// Letters written together: "RA", "ar", or a look-alike "А" (Cyrillic). Lower-case runs stop at
/// two letters and upper-case ones at four, so that ordinary words such as "acid" or "radio" stay
/// unrecognised instead of turning into letters.
fn letter_run(text: &str) -> Option<Letters> {
    let mut letters = Letters::EMPTY;
    let mut count = 0;
    let mut any_lower = false;
    for c in text.chars() {
        let (letter, upper) = look_alike(c)?;
        if letters.contains(letter) {
            return None;
        }
        letters = letters.with(letter);
        any_lower |= !upper;
        count += 1;
    }
    let limit = if any_lower { 2 } else { 4 };
    (count > 0 && count <= limit).then_some(letters)
}

/// A letter and whether it was upper case, for ASCII letters and the Cyrillic and Greek letters
/// that look the same (pasted from documents written with another keyboard layout).
fn look_alike(c: char) -> Option<(Letter, bool)> {
    if c.is_ascii_alphabetic() {
        return Letter::from_char(c).map(|l| (l, c.is_ascii_uppercase()));
    }
    let found = match c {
        // Cyrillic
        'А' => (Letter::A, true),
        'а' => (Letter::A, false),
        'С' => (Letter::C, true),
        'с' => (Letter::C, false),
        'Р' => (Letter::R, true),
        'р' => (Letter::R, false),
        'І' => (Letter::I, true),
        'і' => (Letter::I, false),
        'О' => (Letter::O, true),
        'о' => (Letter::O, false),
        'Ѕ' => (Letter::S, true),
        'ѕ' => (Letter::S, false),
        // Greek
        'Α' => (Letter::A, true),
        'α' => (Letter::A, false),
        'Ρ' => (Letter::R, true),
        'ρ' => (Letter::R, false),
        'Ι' => (Letter::I, true),
        'ι' => (Letter::I, false),
        'Ο' => (Letter::O, true),
        'ο' => (Letter::O, false),
        _ => return None,
    };
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        match parse_cell(text) {
            ParsedCell::Empty => "empty".into(),
            ParsedCell::NotInvolved => "none".into(),
            ParsedCell::Letters { letters, .. } => letters.to_string(),
            ParsedCell::Unrecognised => "?".into(),
        }
    }

    fn is_canonical(text: &str) -> bool {
        matches!(
            parse_cell(text),
            ParsedCell::Letters {
                canonical: true,
                ..
            }
        )
    }

    #[test]
    fn canonical_spellings_are_not_normalised() {
        for text in ["R", "A", "A/R", "C/I", "A/R/C", "D", "S", "O"] {
            assert!(is_canonical(text), "{text}");
        }
        for text in ["R/A", " R", "r", "RA", "A, R", "A/A"] {
            assert!(!is_canonical(text), "{text}");
        }
    }

    #[test]
    fn print_ranks_follow_the_model_print_order() {
        for (rank, letter) in Letter::ALL.into_iter().enumerate() {
            let byte = letter.as_char() as u8;
            assert_eq!(print_rank(byte), Some((letter, rank as u8)));
        }
    }

    #[test]
    fn combined_cells_in_every_spelling_read_as_a_r() {
        for text in [
            "A/R",
            "R/A",
            "R, A",
            "A,R",
            "RA",
            "A+R",
            "A & R",
            "r/a",
            "ra",
            "a r",
            " A / R ",
            "Accountable/Responsible",
            "responsible and accountable",
            "R;A",
        ] {
            assert_eq!(read(text), "A/R", "{text}");
        }
    }

    #[test]
    fn full_words_read_as_their_letters() {
        assert_eq!(read("Responsible"), "R");
        assert_eq!(read("CONSULTED"), "C");
        assert_eq!(read("informed"), "I");
        assert_eq!(read("Out of  the loop"), "O");
        assert_eq!(read("Omitted"), "O");
        assert_eq!(read("Verifier"), "V");
        assert_eq!(read("verify"), "V");
        assert_eq!(read("Driver"), "D");
        assert_eq!(read("Approver"), "A");
        assert_eq!(read("contributor"), "C");
        let ParsedCell::Letters { words, .. } = parse_cell("Sign-off") else {
            panic!("sign-off is a letter");
        };
        assert!(words.signatory && !words.support);
        let ParsedCell::Letters { words, .. } = parse_cell("support") else {
            panic!("support is a letter");
        };
        assert!(words.support && !words.signatory);
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_read_as_latin_letters() {
        assert_eq!(read("А"), "A"); // Cyrillic A
        assert_eq!(read("Р/А"), "A/R"); // Cyrillic R and A
        assert_eq!(read("С"), "C");
        assert_eq!(read("І"), "I");
        assert_eq!(read("Ѕ"), "S");
        assert_eq!(read("Ρ"), "R"); // Greek Rho
        assert_eq!(read("Α/Ρ"), "A/R");
        assert_eq!(read("ο"), "O");
        // Cyrillic В looks like B, which is no RACI letter.
        assert_eq!(read("В"), "?");
    }

    #[test]
    fn anything_else_is_unrecognised_never_blanked() {
        for text in [
            "maybe", "x", "X", "✓", "?", "R?", "acid", "radio", "TBD", "1", "-x-", "nope",
        ] {
            assert_eq!(read(text), "?", "{text}");
            assert_eq!(
                parse_cell(text).to_cell(text),
                Cell::unrecognised(text.trim())
            );
        }
        assert_eq!(read("   "), "empty");
        assert_eq!(read(""), "empty");
        assert_eq!(read("\u{a0}"), "empty");
    }

    #[test]
    fn not_involved_marks_read_as_empty_but_o_stays_a_letter() {
        for text in [
            "N",
            "n",
            " - ",
            "n/a",
            "N/A",
            "NA",
            "none",
            "–",
            "Not involved",
        ] {
            assert_eq!(read(text), "none", "{text}");
            assert_eq!(parse_cell(text).to_cell(text), Cell::EMPTY);
        }
        assert_eq!(read("O"), "O");
        assert_eq!(read("x"), "?");
    }
}
