//! The rule thresholds the settings panel lets the user type (how many Responsible or Consulted
//! are too many, the share of activities one role may own, where overload starts), with the
//! range each accepts and the words for a number it cannot take.

use std::fmt;

use super::RuleSettings;

/// A whole-number threshold, with the range the panel accepts.
#[derive(Clone, Copy)]
pub struct Threshold {
    pub id: &'static str,
    pub min: usize,
    pub max: usize,
    pub get: fn(&RuleSettings) -> usize,
    pub set: fn(&mut RuleSettings, usize),
}

pub const MAX_RESPONSIBLE: Threshold = Threshold {
    id: "max-responsible",
    min: 1,
    max: 30,
    get: |s| s.max_responsible,
    set: |s, v| s.max_responsible = v,
};
pub const MAX_CONSULTED: Threshold = Threshold {
    id: "max-consulted",
    min: 1,
    max: 30,
    get: |s| s.max_consulted,
    set: |s, v| s.max_consulted = v,
};
pub const MAX_OWNERSHIP: Threshold = Threshold {
    id: "max-ownership-percent",
    min: 1,
    max: 100,
    get: |s| usize::from(s.max_ownership_percent),
    set: |s, v| s.max_ownership_percent = u8::try_from(v).unwrap_or(100),
};
pub const OVERLOAD_FROM: Threshold = Threshold {
    id: "overload-min-activities",
    min: 1,
    max: 1000,
    get: |s| s.overload_min_activities,
    set: |s, v| s.overload_min_activities = v,
};

impl Threshold {
    /// The value typed, if it is a whole number in range; else why not. `kept` is the value the
    /// rule keeps meanwhile.
    pub fn parse(&self, text: &str, kept: usize) -> Result<usize, ThresholdError> {
        let text = text.trim();
        let refused = |typed: Option<&str>| ThresholdError {
            typed: typed.map(str::to_owned),
            min: self.min,
            max: self.max,
            kept,
        };
        if text.is_empty() {
            return Err(refused(None));
        }
        match text.parse::<usize>() {
            Ok(v) if (self.min..=self.max).contains(&v) => Ok(v),
            _ => Err(refused(Some(text))),
        }
    }
}

/// A threshold typed that the rule cannot take; the rule keeps `kept` until it is fixed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThresholdError {
    /// What was typed (trimmed); None when the field is empty.
    pub typed: Option<String>,
    pub min: usize,
    pub max: usize,
    pub kept: usize,
}

impl fmt::Display for ThresholdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let range = format!("a whole number from {} to {}", self.min, self.max);
        match &self.typed {
            None => write!(f, "Enter {range}. The rule keeps {} until then.", self.kept),
            Some(text) => write!(
                f,
                "\u{201c}{text}\u{201d} is not {range}. The rule keeps {}.",
                self.kept
            ),
        }
    }
}

impl std::error::Error for ThresholdError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_takes_whole_numbers_in_its_range_and_says_why_not() {
        assert_eq!(MAX_RESPONSIBLE.parse(" 4 ", 2), Ok(4));
        assert_eq!(
            MAX_RESPONSIBLE.parse("", 2).unwrap_err().to_string(),
            "Enter a whole number from 1 to 30. The rule keeps 2 until then."
        );
        assert_eq!(
            MAX_OWNERSHIP.parse("120", 50).unwrap_err().to_string(),
            "\u{201c}120\u{201d} is not a whole number from 1 to 100. The rule keeps 50."
        );
        assert!(OVERLOAD_FROM.parse("2.5", 8).is_err());
        let mut settings = RuleSettings::default();
        (MAX_CONSULTED.set)(&mut settings, 7);
        assert_eq!((MAX_CONSULTED.get)(&settings), 7);
    }
}
