//! Markdown for wikis: a `# Title` heading, a `Scheme:` legend line and a pipe table.

use std::fmt::Write;

use super::sheet::{self, SheetRow};
use crate::model::{Matrix, Scheme};

/// The matrix as a Markdown document (see docs/formats.md); import reads it back.
pub fn markdown(matrix: &Matrix) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(&matrix.title));
    let _ = writeln!(out, "{}\n", legend(matrix.scheme));
    write_table(&mut out, &sheet::wide(matrix));
    out
}

/// "Scheme: RACI (R Responsible, A Accountable, C Consulted, I Informed)".
pub(super) fn legend(scheme: Scheme) -> String {
    let letters: Vec<String> = scheme
        .letters()
        .iter()
        .map(|(letter, name)| format!("{letter} {name}"))
        .collect();
    format!("Scheme: {} ({})", scheme.name(), letters.join(", "))
}

pub(super) fn write_table(out: &mut String, rows: &[SheetRow]) {
    let Some((header, body)) = rows.split_first() else {
        return;
    };
    write_row(out, header.cells.iter().map(|c| escape_markdown(c)));
    write_row(out, header.cells.iter().map(|_| "---".to_owned()));
    for row in body {
        if row.section {
            write_row(
                out,
                row.cells.iter().map(|c| {
                    if c.is_empty() {
                        String::new()
                    } else {
                        format!("**{}**", escape_markdown(c))
                    }
                }),
            );
        } else {
            write_row(out, row.cells.iter().map(|c| escape_markdown(c)));
        }
    }
}

fn write_row(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push('|');
    for cell in cells {
        if cell.is_empty() {
            out.push_str(" |");
        } else {
            let _ = write!(out, " {cell} |");
        }
    }
    out.push('\n');
}

/// Escapes text for a Markdown table cell: punctuation that Markdown would format gets a backslash
/// and line breaks become `<br>`, so the wiki shows the text as it is and import gets it back.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letter, Letters};

    #[test]
    fn markdown_has_title_legend_and_table_with_bold_sections() {
        let mut m = Matrix::new("Cloud ops");
        m.push_role("Platform");
        m.push_role("Security");
        let plan = m.group_named("Plan");
        m.push_activity("Define *accounts*", Some(plan));
        m.activities[0].cells[0] = Cell::letters([Letter::A, Letter::R].into_iter().collect());
        m.activities[0].cells[1] = Cell::letters(Letters::only(Letter::C));
        m.activities[0].description = "one | two\nthree".into();
        let text = markdown(&m);
        assert_eq!(
            text,
            "# Cloud ops\n\n\
             Scheme: RACI (R Responsible, A Accountable, C Consulted, I Informed)\n\n\
             | Activity | Description | Platform | Security |\n\
             | --- | --- | --- | --- |\n\
             | **Plan** | | | |\n\
             | Define \\*accounts\\* | one \\| two<br>three | A/R | C |\n"
        );
    }

    #[test]
    fn escaping_covers_markdown_punctuation_and_breaks() {
        assert_eq!(
            escape_markdown("a_b [c] <d> #e"),
            "a\\_b \\[c\\] \\<d\\> \\#e"
        );
        assert_eq!(escape_markdown("x\r\ny\nz"), "x<br>y<br>z");
        assert_eq!(escape_markdown("back\\slash"), "back\\\\slash");
    }
}
