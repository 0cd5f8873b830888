//! Choosing the scheme from the letters and words a sheet used, and saying why in a note.

use crate::model::{Letter, Letters, Scheme};

use super::cell::Words;
use super::notes::Notes;
use super::{NoteKind, column_name};

/// Which letters and words the cells used, with where each letter first appeared.
#[derive(Clone, Debug, Default)]
pub(crate) struct Evidence {
    pub letters: Letters,
    pub words: Words,
    first: [Option<(usize, usize)>; 8],
}

impl Evidence {
    /// Records a cell's letters read at `row`, `column` (1-based). Cheap when nothing is new.
    pub fn add(&mut self, letters: Letters, words: Words, row: usize, column: usize) {
        if words != Words::default() {
            self.words = self.words.union(words);
        }
        if self.letters.len() == Letter::ALL.len() {
            return;
        }
        for letter in letters.iter() {
            if !self.letters.contains(letter) {
                self.letters = self.letters.with(letter);
                if let Some(slot) = self.first.get_mut(letter as usize) {
                    *slot = Some((row, column));
                }
            }
        }
    }

    fn where_first(&self, letter: Letter) -> String {
        match self.first.get(letter as usize).copied().flatten() {
            Some((row, column)) => format!(" (first at row {row}, column {})", column_name(column)),
            None => String::new(),
        }
    }
}

/// The scheme to use: forced by the user, else declared by the file, else guessed from
/// `evidence`. Notes the guess, and any letter the chosen scheme does not have.
pub(crate) fn choose(
    evidence: &Evidence,
    forced: Option<Scheme>,
    declared: Option<Scheme>,
    notes: &mut Notes,
) -> Scheme {
    let used = evidence.letters;
    let scheme = if let Some(scheme) = forced.or(declared) {
        scheme
    } else {
        let (scheme, why) = guess(evidence);
        notes.push(
            NoteKind::Guessed,
            None,
            None,
            format!("Scheme {scheme} chosen: {why}. Change it in the settings if that is wrong."),
        );
        scheme
    };
    let foreign: Vec<String> = used
        .iter()
        .filter(|l| !scheme.has(*l))
        .map(|l| format!("{l}{}", evidence.where_first(l)))
        .collect();
    if !foreign.is_empty() {
        notes.push(
            NoteKind::Kept,
            None,
            None,
            format!(
                "Cells use {}, which {scheme} does not have; those letters are kept and flagged.",
                foreign.join(", ")
            ),
        );
    }
    scheme
}

fn guess(e: &Evidence) -> (Scheme, String) {
    let used = e.letters;
    if used.contains(Letter::D) {
        (
            Scheme::Daci,
            format!("cells use D (Driver){}", e.where_first(Letter::D)),
        )
    } else if used.contains(Letter::V)
        || (used.contains(Letter::S) && e.words.signatory && !e.words.support)
    {
        let why = if used.contains(Letter::V) {
            format!("cells use V (Verifier){}", e.where_first(Letter::V))
        } else {
            format!(
                "cells say Signatory or Sign-off{}",
                e.where_first(Letter::S)
            )
        };
        (Scheme::RaciVs, why)
    } else if used.contains(Letter::O) {
        (
            Scheme::Cairo,
            format!("cells use O (Out of the loop){}", e.where_first(Letter::O)),
        )
    } else if used.contains(Letter::S) {
        (
            Scheme::Rasci,
            format!("cells use S, read as Support{}", e.where_first(Letter::S)),
        )
    } else {
        (Scheme::Raci, "the cells only use R, A, C and I".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(letters: &[Letter], words: Words) -> Evidence {
        let mut e = Evidence::default();
        for (i, l) in letters.iter().enumerate() {
            e.add(Letters::only(*l), words, i + 2, 3);
        }
        e
    }

    fn pick(letters: &[Letter], words: Words) -> Scheme {
        choose(&evidence(letters, words), None, None, &mut Notes::default())
    }

    #[test]
    fn the_scheme_follows_the_letters_used() {
        use Letter::*;
        let none = Words::default();
        let support = Words {
            support: true,
            signatory: false,
        };
        let signatory = Words {
            support: false,
            signatory: true,
        };
        assert_eq!(pick(&[R, A, C, I], none), Scheme::Raci);
        assert_eq!(pick(&[R, A, S], none), Scheme::Rasci);
        assert_eq!(pick(&[R, A, S], support), Scheme::Rasci);
        assert_eq!(pick(&[R, A, S], signatory), Scheme::RaciVs);
        assert_eq!(pick(&[R, A, V, S], none), Scheme::RaciVs);
        assert_eq!(pick(&[R, A, O], none), Scheme::Cairo);
        assert_eq!(pick(&[D, A, C, I], none), Scheme::Daci);
    }

    #[test]
    fn the_guess_is_explained_and_foreign_letters_are_reported() {
        let mut notes = Notes::default();
        let e = evidence(
            &[Letter::R, Letter::A, Letter::S, Letter::O],
            Words::default(),
        );
        let scheme = choose(&e, Some(Scheme::Raci), None, &mut notes);
        assert_eq!(scheme, Scheme::Raci);
        let done = notes.finish();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].kind, NoteKind::Kept);
        assert!(
            done[0].message.contains("S (first at row 4, column C), O"),
            "{}",
            done[0]
        );

        let mut notes = Notes::default();
        choose(&e, None, None, &mut notes);
        let done = notes.finish();
        assert!(
            done[0]
                .message
                .starts_with("Scheme CAIRO chosen: cells use O"),
            "{}",
            done[0]
        );
    }
}
