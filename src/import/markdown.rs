//! Markdown to a [`Grid`]: our Markdown export (title heading, `Scheme:` line, pipe table with bold
//! section rows, backslash escapes and `<br>`) and plain wiki pipe tables.
//!
//! Escapes are undone exactly as docs/formats.md lists them, after bold markers are read, so an
//! activity literally called "**x**" (exported as `\*\*x\*\*`) comes back as it was.

use crate::model::Scheme;

use super::grid::{Grid, Section};

/// Characters the export escapes with a backslash.
const ESCAPED: &[char] = &['\\', '|', '*', '_', '`', '[', ']', '<', '>', '~', '&', '#'];

/// What a Markdown file holds besides its table.
pub(crate) struct MarkdownSheet {
    pub grid: Grid,
    /// The first "# " heading above the table.
    pub title: Option<String>,
    /// The scheme named by a "Scheme:" line, as our export writes it.
    pub scheme: Option<Scheme>,
    /// The 1-based line of the table's header, or None when there is no table.
    pub table_line: Option<usize>,
}

/// True when `text` holds a pipe table (a row with "|" followed by a "---" separator row).
pub(crate) fn looks_like(text: &str) -> bool {
    let mut previous: Option<&str> = None;
    for line in text.lines().take(500) {
        if previous.is_some_and(|p| split_row(p).len() > 1) && is_separator(line) {
            return true;
        }
        previous = Some(line);
    }
    false
}

/// Reads the first pipe table of `text`, with the title and scheme written above it.
pub(crate) fn parse(text: &str) -> MarkdownSheet {
    let lines: Vec<&str> = text.lines().collect();
    let mut title = None;
    let mut scheme = None;
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let next = lines.get(i + 1).copied().unwrap_or("");
        if split_row(trimmed).len() > 1 && is_separator(next) {
            start = Some(i);
            break;
        }
        if title.is_none()
            && let Some(heading) = trimmed.strip_prefix("# ")
        {
            title = Some(unescape(heading.trim()));
        }
        if scheme.is_none()
            && let Some(rest) = trimmed.strip_prefix("Scheme:")
        {
            let name = rest.split('(').next().unwrap_or("");
            scheme = Scheme::from_name(name);
        }
    }
    let mut grid = Grid::with_capacity(text.len(), 0);
    let Some(start) = start else {
        return MarkdownSheet {
            grid,
            title,
            scheme,
            table_line: None,
        };
    };
    let mut rows: Vec<(usize, Vec<(String, bool)>)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start) {
        if i == start + 1 {
            continue; // the separator row
        }
        let cells = split_row(line.trim());
        if line.trim().is_empty() || (cells.len() < 2 && !line.contains('|')) {
            break;
        }
        let cells = cells
            .into_iter()
            .map(|raw| {
                let raw = raw.trim();
                match bold_inner(raw) {
                    Some(inner) => (unescape(inner.trim()), true),
                    None => (unescape(raw), false),
                }
            })
            .collect();
        rows.push((i + 1, cells));
    }
    // Our export marks every section row in bold; when a table uses bold rows (or is our export,
    // recognised by its Scheme line), a row that is not bold is an activity even without letters.
    let marked = scheme.is_some() || rows.iter().any(|(_, c)| c.iter().any(|(_, b)| *b));
    for (number, cells) in &rows {
        let bold = cells.iter().any(|(_, b)| *b);
        let section = match (marked, bold) {
            (false, _) => Section::Unknown,
            (true, true) => Section::Yes,
            (true, false) => Section::No,
        };
        grid.start_row(*number, section);
        for (text, _) in cells {
            grid.push_cell(text);
        }
    }
    MarkdownSheet {
        grid,
        title,
        scheme,
        table_line: Some(start + 1),
    }
}

/// The cells of a table row, split at pipes that are not escaped; the outer pipes are optional.
fn split_row(line: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                cells.push(line.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(line.get(start..).unwrap_or(""));
    if line.starts_with('|') && !cells.is_empty() {
        cells.remove(0);
    }
    if line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|") {
        cells.pop();
    }
    cells
}

/// "| --- | :---: |": every cell dashes, with optional alignment colons.
fn is_separator(line: &str) -> bool {
    let cells = split_row(line.trim());
    !cells.is_empty()
        && line.contains('-')
        && cells.iter().all(|c| {
            let c = c.trim().trim_start_matches(':').trim_end_matches(':');
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

/// The text inside `**...**` or `__...__`, when the whole cell is bold.
fn bold_inner(cell: &str) -> Option<&str> {
    for marker in ["**", "__"] {
        if let Some(inner) = cell
            .strip_prefix(marker)
            .and_then(|rest| rest.strip_suffix(marker))
            && !inner.is_empty()
            && !inner.ends_with('\\')
        {
            return Some(inner);
        }
    }
    None
}

/// Undoes the export's escapes: a backslash before one of [`ESCAPED`] and `<br>` for a line break.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or("");
        if c == '\\'
            && let Some(next) = after.chars().next()
            && ESCAPED.contains(&next)
        {
            out.push(next);
            rest = after.get(next.len_utf8()..).unwrap_or("");
            continue;
        }
        if c == '<'
            && let Some(len) = br_tag(rest)
        {
            out.push('\n');
            rest = rest.get(len..).unwrap_or("");
            continue;
        }
        out.push(c);
        rest = after;
    }
    out
}

/// The length of a `<br>`, `<br/>` or `<br />` tag at the start of `text`.
fn br_tag(text: &str) -> Option<usize> {
    ["<br>", "<br/>", "<br />"]
        .into_iter()
        .find(|tag| {
            text.get(..tag.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(tag))
        })
        .map(str::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "# Cloud \\& platform\n\nScheme: RASCI (R Responsible, A Accountable, S Support, C Consulted, I Informed)\n\n| Activity | Platform team | Security |\n| --- | --- | --- |\n| **Plan** | | |\n| Define \\*core\\* accounts\\|OUs | A/R | C |\n| Rotate keys<br>quarterly | | |\n";

    fn rows(sheet: &MarkdownSheet) -> Vec<(usize, Section, Vec<String>)> {
        sheet
            .grid
            .rows()
            .map(|r| {
                (
                    r.number(),
                    r.section(),
                    r.cells().map(str::to_owned).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn our_export_reads_back_with_title_scheme_sections_and_escapes() {
        assert!(looks_like(EXPORT));
        let sheet = parse(EXPORT);
        assert_eq!(sheet.title.as_deref(), Some("Cloud & platform"));
        assert_eq!(sheet.scheme, Some(Scheme::Rasci));
        assert_eq!(sheet.table_line, Some(5));
        let rows = rows(&sheet);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].2, ["Activity", "Platform team", "Security"]);
        assert_eq!(
            rows[1],
            (7, Section::Yes, vec!["Plan".into(), "".into(), "".into()])
        );
        assert_eq!(rows[2].2[0], "Define *core* accounts|OUs");
        assert_eq!(rows[3].1, Section::No);
        assert_eq!(rows[3].2[0], "Rotate keys\nquarterly");
    }

    #[test]
    fn plain_wiki_tables_without_outer_pipes_are_read() {
        let text = "Some intro.\n\nTask | Ops | Dev\n:--- | :-: | ---\nDeploy | R | A\n\nAfter.";
        assert!(looks_like(text));
        let sheet = parse(text);
        let rows = rows(&sheet);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            (
                5,
                Section::Unknown,
                vec!["Deploy".into(), "R".into(), "A".into()]
            )
        );
    }

    #[test]
    fn unknown_escapes_and_text_that_is_not_a_table_stay_as_written() {
        assert_eq!(unescape("C:\\temp \\x <BR/>"), "C:\\temp \\x \n");
        assert_eq!(unescape("\\<br\\>"), "<br>");
        assert!(!looks_like("a|b\nc|d\n"));
        assert!(parse("no table").table_line.is_none());
    }
}
