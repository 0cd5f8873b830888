//! The matrix title from a file name: the stem without the "-YYYY-MM-DD" date export appends.

/// The title a file name gives, if any: "Cloud ops-2024-05-31.csv" -> "Cloud ops".
pub fn title_from_file_name(file_name: &str) -> Option<String> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=8).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem
        }
        _ => base,
    };
    let stem = strip_date(stem).trim();
    (!stem.is_empty()).then(|| stem.to_owned())
}

/// Removes a trailing "-YYYY-MM-DD" (also with "_" or " " before it).
fn strip_date(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n < 11 {
        return stem;
    }
    let tail = &bytes[n - 11..];
    let digits = |range: std::ops::Range<usize>| {
        tail.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let shaped = matches!(tail[0], b'-' | b'_' | b' ')
        && digits(1..5)
        && tail[5] == b'-'
        && digits(6..8)
        && tail[8] == b'-'
        && digits(9..11);
    if shaped {
        stem.get(..n - 11).unwrap_or(stem)
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_dates_and_extensions_are_removed() {
        assert_eq!(
            title_from_file_name("Cloud operating model-2024-05-31.csv").as_deref(),
            Some("Cloud operating model")
        );
        assert_eq!(
            title_from_file_name("C:\\Users\\ana\\Landing zone RACI.tsv").as_deref(),
            Some("Landing zone RACI")
        );
        assert_eq!(
            title_from_file_name("/tmp/ops v1.2.md").as_deref(),
            Some("ops v1.2")
        );
        assert_eq!(
            title_from_file_name("2024-05-31.csv").as_deref(),
            Some("2024-05-31")
        );
        assert_eq!(title_from_file_name("-2024-05-31.csv"), None);
        assert_eq!(title_from_file_name(".csv").as_deref(), Some(".csv"));
        assert_eq!(title_from_file_name(""), None);
    }
}
