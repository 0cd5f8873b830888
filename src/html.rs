//! Text made safe for HTML, shared by everything that writes markup: the exported web page, the
//! grid's cells and the sheet choice.

/// Text for HTML, in element content and in quoted attribute values alike.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape_html("<b title=\"x\">R&D's</b> é"),
            "&lt;b title=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/b&gt; é"
        );
    }
}
