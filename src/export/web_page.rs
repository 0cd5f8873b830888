//! "Export web page": one self-contained .html file with the matrix, its legend, the findings,
//! the role cards and a working "Who owns...?" search, for a file share, a mail attachment or a
//! documentation portal. It makes no request of any kind: its own Content-Security-Policy allows
//! nothing but its one style sheet and one script, by hash, and every name is escaped.

use std::fmt::Write;

use crate::html::escape_html;
use crate::model::{Date, Matrix};
use crate::publish::{LookupIndex, RoleCard, ownership, role_cards};
use crate::rules::{self, RuleSettings, Severity};

/// The page's style sheet; its hash is in [`STYLE_HASH`].
const STYLE: &str = "
:root{color-scheme:light dark;--bg:#fff;--text:#1c2430;--muted:#5a6678;--border:#d4dae3;--soft:#eef1f5;--accent:#1f5fbf;--gap:#8a5a00}
@media (prefers-color-scheme:dark){:root{--bg:#12161c;--text:#e6ebf2;--muted:#9aa6b8;--border:#334052;--soft:#232b36;--accent:#8ab8ff;--gap:#f5c46b}}
body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--text);font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;list-style:none}
section{margin:1.5rem 0}
label{display:block;font-weight:650;margin-bottom:.25rem}
input{font:inherit;padding:.45rem .6rem;width:100%;max-width:32rem;box-sizing:border-box;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--text)}
.answer,.card{border:1px solid var(--border);border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
.answer h3,.card h3{margin:0 0 .3rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem;margin:0}
dt{font-weight:650}dd{margin:0}
.nobody{color:var(--gap);font-weight:650}
.muted{color:var(--muted)}
.scroll{overflow:auto;max-height:80vh;border:1px solid var(--border);border-radius:6px}
table{border-collapse:collapse;width:max-content;min-width:100%}
th,td{border:1px solid var(--border);padding:.3rem .5rem}
thead th{position:sticky;top:0;background:var(--soft)}
tbody th{text-align:left;font-weight:500}
td{text-align:center;font-weight:700}
.group th{background:var(--soft);text-transform:uppercase;font-size:.85rem;letter-spacing:.04em}
@media print{nav,#lookup{display:none}.card{break-after:page;border:none}.scroll{max-height:none;overflow:visible}}
";

/// The search: shows the answers holding every typed word, the first 20 of them.
const SCRIPT: &str = "
const field = document.getElementById('who-owns');
const status = document.getElementById('who-owns-status');
const answers = Array.from(document.querySelectorAll('#answers .answer'));
field.addEventListener('input', () => {
  const words = field.value.toLowerCase().split(/\\s+/).filter(Boolean);
  let found = 0;
  for (const answer of answers) {
    const text = answer.getAttribute('data-search');
    const match = words.length > 0 && words.every((w) => text.includes(w));
    if (match) found += 1;
    answer.hidden = !match || found > 20;
  }
  status.textContent = words.length === 0 ? '' : found === 1 ? 'Found 1 activity.' : `Found ${found} activities.` + (found > 20 ? ' The first 20 are shown: add a word to narrow it.' : '');
});
";

/// sha256 of [`STYLE`] and [`SCRIPT`], base64: the page's CSP allows exactly these two (checked
/// by a test).
const STYLE_HASH: &str = "sha256-+3F+QlZsuL79Qn2tAd7F0PIVJh3vXrHXapLI3Ttm124=";
const SCRIPT_HASH: &str = "sha256-u1El7bllYawJ9rIWoHS0d5ODg03+jbZ71f0E2uRevPg=";

/// The Content-Security-Policy the page declares.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src '{STYLE_HASH}'; script-src '{SCRIPT_HASH}'; \
         img-src data:; base-uri 'none'; form-action 'none'"
    )
}

/// The whole page for `matrix`, its findings checked under `settings` on `today`.
pub fn web_page(matrix: &Matrix, settings: &RuleSettings, today: Date) -> String {
    let title = escape_html(&matrix.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <title>{title} · RACI matrix</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>{title}</h1><p class=\"muted\">RACI matrix exported from RACI Workshop on \
         {today}.</p></header>\n<nav aria-label=\"Contents\"><ul><li><a href=\"#lookup\">Who \
         owns...?</a></li><li><a href=\"#matrix\">Matrix</a></li><li><a href=\"#findings\">\
         Findings</a></li><li><a href=\"#roles\">Role cards</a></li></ul></nav>\n<main>\n",
        content_security_policy()
    );
    write_lookup(&mut out, matrix);
    write_matrix(&mut out, matrix);
    write_findings(&mut out, matrix, settings, today);
    write_cards(&mut out, &role_cards(matrix));
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

fn write_lookup(out: &mut String, matrix: &Matrix) {
    out.push_str(
        "<section id=\"lookup\" aria-labelledby=\"lookup-heading\">\n<h2 id=\"lookup-heading\">\
         Who owns...?</h2>\n<label for=\"who-owns\">A few words of an activity</label>\n\
         <input id=\"who-owns\" type=\"search\" autocomplete=\"off\" \
         aria-describedby=\"who-owns-status\">\n<p id=\"who-owns-status\" role=\"status\" \
         class=\"muted\"></p>\n<div id=\"answers\">\n",
    );
    for (a, search) in matrix
        .activities
        .iter()
        .zip(LookupIndex::search_texts(matrix))
    {
        let Some(answer) = ownership(matrix, a.id) else {
            continue;
        };
        let _ = write!(
            out,
            "<article class=\"answer\" hidden data-search=\"{}\"><h3>{}</h3>",
            escape_html(&search),
            escape_html(&answer.name)
        );
        if let Some(group) = &answer.group {
            let _ = write!(out, "<p class=\"muted\">{}</p>", escape_html(group));
        }
        out.push_str("<dl>");
        for h in &answer.holders {
            let who = if h.roles.is_empty() {
                "<span class=\"nobody\">nobody</span>".to_owned()
            } else {
                escape_html(&h.roles.join(", "))
            };
            let _ = write!(out, "<dt>{} ({})</dt><dd>{who}</dd>", h.word, h.letter);
        }
        out.push_str("</dl>");
        if !answer.notes.is_empty() {
            let _ = write!(out, "<p>Notes: {}</p>", escape_html(&answer.notes));
        }
        if let Some(e) = &answer.escalation {
            let _ = write!(
                out,
                "<p><strong>Escalate to:</strong> {}</p>",
                escape_html(e)
            );
        }
        out.push_str("</article>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn write_matrix(out: &mut String, m: &Matrix) {
    out.push_str("<section id=\"matrix\" aria-labelledby=\"matrix-heading\">\n<h2 id=\"matrix-heading\">Matrix</h2>\n<p>");
    let legend: Vec<String> = m
        .scheme
        .letters()
        .iter()
        .map(|(l, name)| format!("<strong>{l}</strong> {name}"))
        .collect();
    let _ = writeln!(out, "{}: {}</p>", m.scheme.name(), legend.join(" · "));
    out.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Matrix, scrolls sideways\">\n<table>\n<thead><tr><th scope=\"col\">Activity</th>");
    for r in &m.roles {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape_html(&r.name));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut group = None;
    for a in &m.activities {
        if a.group != group {
            group = a.group;
            if let Some(g) = a.group.and_then(|g| m.group(g)) {
                let _ = writeln!(
                    out,
                    "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
                    m.roles.len() + 1,
                    escape_html(&g.name)
                );
            }
        }
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape_html(&a.name));
        for cell in &a.cells {
            let _ = write!(out, "<td>{}</td>", escape_html(&cell.to_string()));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn write_findings(out: &mut String, m: &Matrix, settings: &RuleSettings, today: Date) {
    let findings = rules::check_on(m, settings, today);
    let _ = write!(
        out,
        "<section id=\"findings\" aria-labelledby=\"findings-heading\">\n<h2 \
         id=\"findings-heading\">Findings</h2>\n<p>{}</p>\n",
        escape_html(&rules::counts(&findings))
    );
    for severity in Severity::ALL {
        let open: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == severity && f.is_open())
            .collect();
        if open.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", severity.heading());
        for f in open {
            let _ = writeln!(
                out,
                "<li data-rule=\"{}\">{} <span class=\"muted\">Fix: {}</span></li>",
                f.rule.as_str(),
                escape_html(&f.message),
                escape_html(&f.fix)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn write_cards(out: &mut String, cards: &[RoleCard]) {
    out.push_str("<section id=\"roles\" aria-labelledby=\"roles-heading\">\n<h2 id=\"roles-heading\">Role cards</h2>\n");
    for card in cards {
        let _ = write!(
            out,
            "<article class=\"card\"><h3>{}</h3>",
            escape_html(&card.name)
        );
        if !card.description.is_empty() {
            let _ = write!(
                out,
                "<p class=\"muted\">{}</p>",
                escape_html(&card.description)
            );
        }
        out.push_str("<dl>");
        for duty in &card.duties {
            let _ = write!(out, "<dt>{} ({})</dt><dd>", duty.phrase, duty.count());
            if duty.count() == 0 {
                out.push_str("nothing");
            }
            for (i, (group, activities)) in duty.groups.iter().enumerate() {
                if i > 0 {
                    out.push_str("<br>");
                }
                if let Some(group) = group {
                    let _ = write!(out, "<strong>{}:</strong> ", escape_html(group));
                }
                let names: Vec<String> = activities.iter().map(|a| escape_html(a)).collect();
                out.push_str(&names.join(", "));
            }
            out.push_str("</dd>");
        }
        for contact in &card.escalation {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                escape_html(&contact.what),
                escape_html(&contact.who)
            );
        }
        out.push_str("</dl></article>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_policy_allows_exactly_the_page_style_and_script() {
        let hash = |text: &str| {
            let digest = Sha256::digest(text.as_bytes());
            format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        };
        assert_eq!(STYLE_HASH, hash(STYLE), "update STYLE_HASH");
        assert_eq!(SCRIPT_HASH, hash(SCRIPT), "update SCRIPT_HASH");
    }

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape_html("<b onclick=\"x\">Tom & Jerry's</b>"),
            "&lt;b onclick=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;"
        );
    }

    #[test]
    fn names_holding_html_or_script_stay_text() {
        use crate::model::{Cell, Letter, Letters};
        let evil = "<script>alert(1)</script>";
        let attribute = "\"><img src=x onerror=alert(2)>";
        let mut m = Matrix::new(evil);
        m.push_role(attribute);
        m.push_role("</td></tr></table><script>alert(3)</script>");
        let g = m.group_named("<style>body{display:none}</style>");
        m.push_activity(&format!("Deploy {evil}"), Some(g));
        m.push_activity(attribute, None);
        m.activities[0].notes = "</article><script>alert(4)</script>".into();
        m.activities[0].cells[0] = Cell::letters(Letters::only(Letter::A));
        m.activities[1].cells[1] = Cell::unrecognised("<b>maybe</b>");
        m.record.stewardship.escalation_owner = "<i>boss</i>".into();
        let page = web_page(
            &m,
            &RuleSettings::default(),
            "2026-11-30".parse().expect("a date"),
        );
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert_eq!(
            page.matches("<style").count(),
            1,
            "only the page's own style"
        );
        for raw in ["<img", "<b>", "<i>", "</table><", "</article><"] {
            assert!(!page.contains(raw), "{raw} is not escaped");
        }
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        // The policy comes before anything it governs, and allows no source but the hashes.
        let csp = page.find("Content-Security-Policy").expect("a policy");
        assert!(csp < page.find("<style").expect("a style"));
        assert!(content_security_policy().starts_with("default-src 'none';"));
        assert!(!content_security_policy().contains("unsafe"));
        // The search has a text to match for each activity, the role cards one per role.
        assert_eq!(page.matches("class=\"answer\"").count(), 2);
        assert_eq!(page.matches("class=\"card\"").count(), 2);
    }
}
