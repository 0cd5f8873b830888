//! How wide the grid's role columns are: comfortable (names written across, about 7.5 characters
//! wide) or compact (as narrow as the letters, names turned upright as printed RACI charts do).
//! "Auto", the default, is compact when the roles would not fit the width comfortably.

/// What the user chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DensityChoice {
    #[default]
    Auto,
    Comfortable,
    Compact,
}

/// The width of a comfortable role column and of the activity column, in rem (style/main.css).
pub const COMFORTABLE_ROLE_REM: f64 = 7.5;
pub const ACTIVITY_REM: f64 = 16.0;

impl DensityChoice {
    pub const ALL: [DensityChoice; 3] = [
        DensityChoice::Auto,
        DensityChoice::Comfortable,
        DensityChoice::Compact,
    ];

    /// The id kept in storage and used as the option's value.
    pub fn id(self) -> &'static str {
        match self {
            DensityChoice::Auto => "auto",
            DensityChoice::Comfortable => "comfortable",
            DensityChoice::Compact => "compact",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DensityChoice::Auto => "Fit to width",
            DensityChoice::Comfortable => "Comfortable",
            DensityChoice::Compact => "Compact",
        }
    }

    pub fn from_id(id: &str) -> DensityChoice {
        DensityChoice::ALL
            .into_iter()
            .find(|d| d.id() == id)
            .unwrap_or_default()
    }

    /// Whether `roles` columns are drawn compact in a grid `available_rem` wide (in rem, so
    /// large type needs more room). An unmeasured width (0) keeps the comfortable layout.
    pub fn is_compact(self, roles: usize, available_rem: f64) -> bool {
        match self {
            DensityChoice::Comfortable => false,
            DensityChoice::Compact => true,
            DensityChoice::Auto => {
                let wanted = ACTIVITY_REM + roles as f64 * COMFORTABLE_ROLE_REM;
                available_rem > 0.0 && wanted > available_rem
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_turns_compact_when_the_roles_do_not_fit() {
        let auto = DensityChoice::Auto;
        // 1280 px with the side pane leaves about 870 px to the grid: 54 rem, or 43.5 in large
        // type (20 px to the rem).
        assert!(!auto.is_compact(5, 870.0 / 16.0));
        assert!(auto.is_compact(8, 870.0 / 16.0));
        assert!(
            auto.is_compact(5, 870.0 / 20.0),
            "large type needs more room"
        );
        assert!(!auto.is_compact(40, 0.0), "not measured yet");
        assert!(DensityChoice::Compact.is_compact(1, 300.0));
        assert!(!DensityChoice::Comfortable.is_compact(40, 20.0));
    }

    #[test]
    fn choices_round_trip_through_their_ids() {
        for choice in DensityChoice::ALL {
            assert_eq!(DensityChoice::from_id(choice.id()), choice);
        }
        assert_eq!(DensityChoice::from_id("bogus"), DensityChoice::Auto);
    }
}
