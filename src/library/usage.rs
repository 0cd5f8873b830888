//! The line the Library shows about this browser's storage: what the app uses, what it may use,
//! and whether the browser promised to keep it.

/// A size in bytes as people read it: "812 KB", "4.1 MB", "2.3 GB".
pub fn size(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[0])
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// "Using 4.1 MB of 2.3 GB in this browser." and whether the browser agreed to keep the data
/// (`persisted`; None when it was not asked or cannot say).
pub fn usage_text(used: Option<(f64, f64)>, persisted: Option<bool>) -> String {
    let mut text = match used {
        Some((used, quota)) => format!("Using {} of {} in this browser.", size(used), size(quota)),
        None => "Saved in this browser only.".to_owned(),
    };
    text.push(' ');
    text.push_str(match persisted {
        Some(true) => "The browser agreed to keep this data even when space runs low.",
        Some(false) => {
            "The browser did not promise to keep it: it may clear it when space runs low, so \
             export the library now and then."
        }
        None => "Export the library to keep a copy elsewhere.",
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(0.0), "0 bytes");
        assert_eq!(size(812.0), "812 bytes");
        assert_eq!(size(4_100_000.0), "4.1 MB");
        assert_eq!(size(2_300_000_000.0), "2.3 GB");
        assert_eq!(size(61_000_000.0), "61 MB");
    }

    #[test]
    fn the_line_says_what_is_used_and_whether_it_is_kept() {
        assert_eq!(
            usage_text(Some((4_100_000.0, 2_300_000_000.0)), Some(true)),
            "Using 4.1 MB of 2.3 GB in this browser. The browser agreed to keep this data even \
             when space runs low."
        );
        assert!(usage_text(None, Some(false)).contains("may clear it"));
        assert!(usage_text(None, None).starts_with("Saved in this browser only."));
    }
}
