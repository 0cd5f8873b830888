//! Share links: a matrix survives the trip through a link, and whatever a link has become on the
//! way (cut short, altered, random), opening it gives a matrix or an error, never a panic.
//!
//! The browser compresses with CompressionStream("deflate-raw"); flate2's raw deflate stands in
//! for it here (the same format, RFC 1951).

mod common;

use std::io::{Read, Write};

use common::{matrix, settings};
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use proptest::prelude::*;
use raci_workshop::model::{Action, Date, Matrix};
use raci_workshop::publish::share::{
    LinkLength, MAX_EXPANDED_BYTES, ShareError, compressed_data, fragment, payload, read_payload,
};
use raci_workshop::review;
use raci_workshop::rules::RuleSettings;

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("compresses");
    encoder.finish().expect("compresses")
}

/// What the browser does, capped as the page caps it.
fn inflate(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::new();
    DeflateDecoder::new(bytes)
        .take(MAX_EXPANDED_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| ShareError::Damaged(e.to_string()))?;
    Ok(out)
}

fn link(matrix: &Matrix, settings: &RuleSettings) -> String {
    format!(
        "https://example.org/raci/#{}",
        fragment(&deflate(&payload(matrix, settings)))
    )
}

/// Everything the page does with a link's fragment.
fn open(link: &str) -> Option<Result<(Matrix, RuleSettings), ShareError>> {
    let fragment = link.split_once('#').map_or("", |(_, f)| f);
    let data = compressed_data(fragment)?;
    Some(
        data.and_then(|d| inflate(&d))
            .and_then(|e| read_payload(&e)),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_matrix_comes_back_from_its_link(m in matrix(), s in settings()) {
        let (back, back_settings) = open(&link(&m, &s)).expect("a share link").expect("opens");
        prop_assert_eq!(back.canonical(), m.canonical());
        prop_assert_eq!(back_settings, s);
    }

    #[test]
    fn random_fragments_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = open(&format!("x#share={text}"));
        let _ = open(&format!("x#share=1.{text}"));
        // Random bytes as the compressed data itself.
        let _ = open(&format!("x#{}", fragment(&bytes)));
    }

    #[test]
    fn altered_links_open_or_say_why(m in matrix(), cut in any::<prop::sample::Index>(),
                                     at in any::<prop::sample::Index>(), with in any::<char>()) {
        let good = link(&m, &RuleSettings::default());
        // Cut short, as a chat program might.
        let _ = open(&good[..cut.index(good.len())]);
        // One character changed.
        let mut chars: Vec<char> = good.chars().collect();
        let i = at.index(chars.len());
        chars[i] = with;
        let changed: String = chars.into_iter().collect();
        if let Some(Ok((back, _))) = open(&changed) {
            // Deflate has no checksum: a change can still give a matrix, but only a whole one.
            prop_assert!(back.activities.iter().all(|a| a.cells.len() == back.roles.len()));
        }
    }
}

#[test]
fn a_link_cut_short_says_it_is_damaged() {
    let m = raci_workshop::example::example();
    let good = link(&m, &RuleSettings::default());
    let cut = &good[..good.len() * 2 / 3];
    let error = open(cut)
        .expect("still a share link")
        .expect_err("cut short");
    assert!(
        error.to_string().contains("damaged or cut short"),
        "{error}"
    );
}

#[test]
fn the_link_carries_owners_decisions_and_actions_but_not_the_baseline() {
    let today: Date = "2026-11-30".parse().expect("a date");
    let mut m = review::with_baseline(raci_workshop::example::example(), today);
    m.record.stewardship.escalation_owner = "Head of Platform".into();
    let action = Action::new(&m, "Name a restore owner", "Ops", None, None, today);
    m.record.actions.push(action);
    assert!(m.record.baseline.is_some());
    let (back, _) = open(&link(&m, &RuleSettings::default()))
        .expect("a share link")
        .expect("opens");
    assert_eq!(back.record.stewardship.escalation_owner, "Head of Platform");
    assert_eq!(back.record.actions.len(), 1);
    assert!(back.record.baseline.is_none());
}

#[test]
fn a_link_that_expands_without_end_is_refused() {
    let zeros = vec![b' '; MAX_EXPANDED_BYTES + 10];
    let bomb = deflate(&zeros);
    assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
    let error = open(&format!("x#{}", fragment(&bomb)))
        .expect("a share link")
        .expect_err("refused");
    assert!(matches!(error, ShareError::Damaged(_)), "{error:?}");
}

/// The sizes the README reports: the example, a 200 x 30 and a 1,000 x 60 matrix.
#[test]
fn link_sizes_of_typical_matrices() {
    let example = raci_workshop::example::example();
    let small = link(&example, &RuleSettings::default());
    let length = LinkLength::of(&small);
    assert!(!length.too_long_for_chat, "{}", length.words());
    for (activities, roles) in [(200, 30), (1_000, 60)] {
        let m = generated(activities, roles);
        let long = link(&m, &RuleSettings::default());
        let length = LinkLength::of(&long);
        println!(
            "{activities} x {roles}: {} characters (payload {} bytes)",
            length.chars,
            payload(&m, &RuleSettings::default()).len()
        );
        assert!(length.too_long_for_chat);
        let (back, _) = open(&long).expect("a share link").expect("opens");
        assert_eq!(back.canonical(), m.canonical());
    }
    println!("example: {} characters", length.chars);
}

/// A wide matrix with varied names, about a third of the cells filled at random (a fixed seed),
/// so that it compresses as a real one does, not as a pattern.
fn generated(activities: usize, roles: usize) -> Matrix {
    use raci_workshop::model::{Cell, Letter, Letters};
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const VERBS: [&str; 8] = [
        "Deploy", "Review", "Approve", "Rotate", "Restore", "Patch", "Audit", "Plan",
    ];
    const THINGS: [&str; 8] = [
        "payments API",
        "landing zone",
        "backups",
        "IAM roles",
        "budgets",
        "DNS zones",
        "release notes",
        "on-call rota",
    ];
    let mut m = Matrix::new("Generated");
    for r in 0..roles {
        m.push_role(&format!("Team {r} {}", THINGS[next() as usize % 8]));
    }
    let letters = [Letter::R, Letter::A, Letter::C, Letter::I];
    for a in 0..activities {
        let name = format!(
            "{} {} {}",
            VERBS[next() as usize % 8],
            THINGS[next() as usize % 8],
            next() % 10_000
        );
        m.push_activity(&name, None);
        for r in 0..roles {
            if next() % 3 == 0 {
                let letter = letters[next() as usize % 4];
                m.activities[a].cells[r] = Cell::letters(Letters::only(letter));
            }
        }
    }
    m
}
