//! The choices the import preview offers to override what was detected ("Read as"), with the ids
//! its form uses and the words it shows. "auto" is no choice: detect it.

use super::{Format, Layout};

/// The id of "detect it".
pub const AUTO: &str = "auto";

/// Formats the user can force: value, id, label. A workbook is told by its content, never chosen.
pub const FORMATS: [(Format, &str, &str); 3] = [
    (Format::Delimited, "delimited", "Delimited text"),
    (Format::Markdown, "markdown", "Markdown table"),
    (Format::Json, "json", "JSON"),
];

/// Delimiters the user can force: byte, id, label.
pub const DELIMITERS: [(u8, &str, &str); 4] = [
    (b',', "comma", "Comma ,"),
    (b';', "semicolon", "Semicolon ;"),
    (b'\t', "tab", "Tab"),
    (b'|', "pipe", "Pipe |"),
];

/// Sheet layouts the user can force: value, id, label.
pub const LAYOUTS: [(Layout, &str, &str); 3] = [
    (Layout::Wide, "wide", "Wide (roles as columns)"),
    (Layout::Long, "long", "Long (one row per assignment)"),
    (
        Layout::Transposed,
        "transposed",
        "Transposed (letters as columns)",
    ),
];

/// The (id, label) pairs of `choices`, in order, for a form's options.
pub fn options<T>(
    choices: &[(T, &'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    choices.iter().map(|(_, id, label)| (*id, *label)).collect()
}

/// The id of `chosen` among `choices`; [`AUTO`] for none (or one that cannot be chosen).
pub fn id_of<T: PartialEq>(
    choices: &[(T, &'static str, &'static str)],
    chosen: Option<T>,
) -> &'static str {
    chosen
        .and_then(|c| choices.iter().find(|(value, _, _)| *value == c))
        .map_or(AUTO, |(_, id, _)| id)
}

/// The choice whose id is `id`; None for [`AUTO`] or an unknown id.
pub fn parse<T: Copy>(choices: &[(T, &'static str, &'static str)], id: &str) -> Option<T> {
    choices
        .iter()
        .find(|(_, known, _)| *known == id)
        .map(|(value, _, _)| *value)
}

/// A detected delimiter in a word: "semicolon" ("other" for one the user cannot choose).
pub fn delimiter_name(delimiter: u8) -> &'static str {
    DELIMITERS
        .iter()
        .find(|(byte, _, _)| *byte == delimiter)
        .map_or("other", |(_, id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_through_its_id() {
        for (format, id, _) in FORMATS {
            assert_eq!(id_of(&FORMATS, Some(format)), id);
            assert_eq!(parse(&FORMATS, id), Some(format));
        }
        for (delimiter, id, _) in DELIMITERS {
            assert_eq!(id_of(&DELIMITERS, Some(delimiter)), id);
            assert_eq!(parse(&DELIMITERS, id), Some(delimiter));
        }
        for (layout, id, _) in LAYOUTS {
            assert_eq!(id_of(&LAYOUTS, Some(layout)), id);
            assert_eq!(parse(&LAYOUTS, id), Some(layout));
        }
    }

    #[test]
    fn auto_and_what_cannot_be_chosen_have_the_auto_id() {
        assert_eq!(id_of(&FORMATS, None), AUTO);
        assert_eq!(id_of(&FORMATS, Some(Format::Workbook)), AUTO);
        assert_eq!(id_of(&DELIMITERS, Some(b':')), AUTO);
        assert_eq!(parse(&LAYOUTS, AUTO), None);
        assert_eq!(parse(&FORMATS, "xlsx"), None);
        assert_eq!(delimiter_name(b'\t'), "tab");
        assert_eq!(delimiter_name(b':'), "other");
        assert_eq!(
            options(&DELIMITERS),
            [
                ("comma", "Comma ,"),
                ("semicolon", "Semicolon ;"),
                ("tab", "Tab"),
                ("pipe", "Pipe |")
            ]
        );
    }
}
