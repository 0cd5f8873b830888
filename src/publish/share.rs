//! Share by link, without a server: the matrix travels in the URL's fragment (after "#", which
//! browsers never send to a server) as `share=<version>.<base64url of the compressed document>`.
//!
//! The browser compresses and decompresses (CompressionStream "deflate-raw", so the page carries
//! no compressor); this module does everything around it: what goes into a link, the link's text,
//! reading it back, and plain words for every way a link can be broken.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::document::{self, DocumentError};
use crate::model::{Matrix, Record};
use crate::rules::RuleSettings;

/// Where a share link's data starts in the fragment.
pub const PREFIX: &str = "share=";

/// The link format this build writes: 1 = deflate-raw of our JSON document, base64url.
pub const LINK_VERSION: u32 = 1;

/// Past this many characters a link may not survive the trip: 2,083 is the URL limit of Windows'
/// WinINet (Microsoft KB 208427), which older Office and mail software still goes through, and
/// RFC 9110 (section 4.1) only asks software to handle URIs of at least 8,000 octets. Chromium
/// itself opens URLs of up to 2 MB. Longer links still open wherever they arrive whole; the page
/// says so and suggests the exported file instead.
pub const SAFE_LINK_CHARS: usize = 2_000;

/// The most a link may expand to: ten times the import limit for files, so a link built to
/// expand without end is refused instead of filling the memory.
pub const MAX_EXPANDED_BYTES: usize = 50 * 1024 * 1024;

/// Why a share link cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No data after the prefix.
    Empty,
    /// Characters that base64url does not use, or a length it cannot have: cut or altered.
    NotEncoded,
    /// A link from a newer build of the app.
    NewerLink { version: u32 },
    /// The data does not decompress (the browser's words), or expands past the limit.
    Damaged(String),
    /// It decompresses, but is not a matrix this build can open.
    Document(DocumentError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const ASK: &str = "Ask whoever sent it for the link again, or for the exported file \
                           (Export JSON or Excel).";
        match self {
            ShareError::Empty => write!(f, "This share link holds no matrix. {ASK}"),
            ShareError::NotEncoded | ShareError::Damaged(_) => write!(
                f,
                "This share link is damaged or cut short (a chat or mail program may have \
                 shortened it), so the matrix cannot be read. {ASK}"
            ),
            ShareError::NewerLink { version } => write!(
                f,
                "This share link was made by a newer version of RACI Workshop (link format \
                 {version}; this one reads up to {LINK_VERSION}). Reload the page to get the \
                 newest version, or ask for the exported file."
            ),
            ShareError::Document(DocumentError::Newer { .. }) => write!(
                f,
                "This share link holds a matrix saved by a newer version of RACI Workshop. \
                 Reload the page to get the newest version, or ask for the exported file."
            ),
            ShareError::Document(_) => write!(
                f,
                "This share link opens, but what it holds is not a matrix this app can read. \
                 {ASK}"
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// What a link carries: the matrix, its rule settings, and of the review record what a reader
/// needs (owners, escalation, decisions, actions), not the baseline or past reviews.
pub fn payload(matrix: &Matrix, settings: &RuleSettings) -> Vec<u8> {
    let record = &matrix.record;
    let shared = Matrix {
        record: Record {
            baseline: None,
            reviews: Vec::new(),
            ..record.clone()
        },
        ..matrix.clone()
    };
    document::to_json(&shared, settings).into_bytes()
}

/// The fragment (without "#") for compressed `data`.
pub fn fragment(compressed: &[u8]) -> String {
    format!(
        "{PREFIX}{LINK_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(compressed)
    )
}

/// The compressed data of a share fragment (with or without its "#"); None when the fragment is
/// not a share link at all (the app opens as usual).
pub fn compressed_data(fragment: &str) -> Option<Result<Vec<u8>, ShareError>> {
    let rest = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = rest.strip_prefix(PREFIX)?;
    // Mail programs wrap long links; the wrapping is not part of the data.
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    Some(decode(&rest))
}

fn decode(rest: &str) -> Result<Vec<u8>, ShareError> {
    if rest.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, data) = rest.split_once('.').ok_or(ShareError::NotEncoded)?;
    let version: u32 = version.parse().map_err(|_| ShareError::NotEncoded)?;
    if version > LINK_VERSION {
        return Err(ShareError::NewerLink { version });
    }
    if version == 0 {
        return Err(ShareError::NotEncoded);
    }
    if data.is_empty() {
        return Err(ShareError::Empty);
    }
    URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| ShareError::NotEncoded)
}

/// The matrix in a link's decompressed data.
pub fn read_payload(expanded: &[u8]) -> Result<(Matrix, RuleSettings), ShareError> {
    if expanded.len() > MAX_EXPANDED_BYTES {
        return Err(ShareError::Damaged("it expands past the size limit".into()));
    }
    let text = std::str::from_utf8(expanded)
        .map_err(|_| ShareError::Document(DocumentError::Damaged("not UTF-8 text".into())))?;
    let value = serde_json::from_str(text)
        .map_err(|e| ShareError::Document(DocumentError::Damaged(e.to_string())))?;
    document::from_value(value).map_err(ShareError::Document)
}

/// How a link's length reads to its sender: "1,234 characters" and whether it may be cut short.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkLength {
    pub chars: usize,
    pub too_long_for_chat: bool,
}

impl LinkLength {
    pub fn of(link: &str) -> LinkLength {
        let chars = link.chars().count();
        LinkLength {
            chars,
            too_long_for_chat: chars > SAFE_LINK_CHARS,
        }
    }

    /// What the page says under the link.
    pub fn words(&self) -> String {
        let count = thousands(self.chars);
        if self.too_long_for_chat {
            format!(
                "The link is {count} characters long: chat and mail programs may cut links \
                 over about {} characters short. It opens wherever it arrives whole; for mail, \
                 send the exported file (Export JSON or Excel) instead.",
                thousands(SAFE_LINK_CHARS)
            )
        } else {
            format!(
                "The link is {count} characters long; the matrix is in the link itself, so \
                 nothing is stored on any server."
            )
        }
    }
}

/// 12345 as "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_share_fragments_are_links() {
        assert_eq!(compressed_data(""), None);
        assert_eq!(compressed_data("#cell-3"), None);
        assert_eq!(compressed_data("#share=1.AAEC"), Some(Ok(vec![0, 1, 2])));
        assert_eq!(compressed_data("share=1.AA\n EC"), Some(Ok(vec![0, 1, 2])));
    }

    #[test]
    fn broken_links_say_what_is_wrong() {
        assert_eq!(compressed_data("#share="), Some(Err(ShareError::Empty)));
        assert_eq!(compressed_data("#share=1."), Some(Err(ShareError::Empty)));
        assert_eq!(
            compressed_data("#share=1.A*B"),
            Some(Err(ShareError::NotEncoded))
        );
        assert_eq!(
            compressed_data("#share=AAEC"),
            Some(Err(ShareError::NotEncoded))
        );
        let newer = compressed_data("#share=7.AAEC").unwrap().unwrap_err();
        assert_eq!(newer, ShareError::NewerLink { version: 7 });
        assert!(newer.to_string().contains("newer version"), "{newer}");
        let damaged = read_payload(b"{\"format\": \"raci").unwrap_err();
        assert!(damaged.to_string().contains("not a matrix"), "{damaged}");
    }

    #[test]
    fn the_length_is_said_with_a_warning_past_the_safe_size() {
        let short = LinkLength::of(&"x".repeat(1_500));
        assert!(!short.too_long_for_chat);
        assert!(
            short.words().contains("1,500 characters"),
            "{}",
            short.words()
        );
        let long = LinkLength::of(&"x".repeat(12_345));
        assert!(long.too_long_for_chat);
        assert!(long.words().contains("12,345 characters"));
        assert!(long.words().contains("exported file"));
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }
}
