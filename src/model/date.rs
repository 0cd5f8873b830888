//! Calendar dates (no time of day) for the review record: when a decision was taken, when an
//! action is due, when the next review falls.
//!
//! A date is a day number since 1970-01-01, so comparing and adding days is integer arithmetic;
//! it is written as ISO 8601 ("2026-11-30"), in saved documents as everywhere else. The civil-date
//! conversion is Howard Hinnant's `days_from_civil` algorithm: three small functions, which keeps
//! a date crate (and its formatting machinery) out of the first page load.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(i32);

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a date: write it as year-month-day, e.g. 2026-11-30.",
            self.0
        )
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// The date of a year, month (1-12) and day (1-31); None when no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// The date `days` days after 1970-01-01 (the Unix epoch), e.g. from a clock.
    pub fn from_days_since_epoch(days: i32) -> Date {
        Date(days)
    }

    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The date `days` later (earlier when negative).
    pub fn plus_days(self, days: i32) -> Date {
        Date(self.0.saturating_add(days))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Reads "2026-11-30" (ISO 8601, as date fields and our documents write it).
    fn from_str(text: &str) -> Result<Date, DateError> {
        let error = || DateError(text.to_owned());
        let mut parts = text.trim().splitn(3, '-');
        let mut next = || parts.next().ok_or_else(error);
        let (y, m, d) = (next()?, next()?, next()?);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !digits(y) || !digits(m) || !digits(d) || m.len() > 2 || d.len() > 2 {
            return Err(error());
        }
        let (y, m, d) = (
            y.parse().map_err(|_| error())?,
            m.parse().map_err(|_| error())?,
            d.parse().map_err(|_| error())?,
        );
        Date::from_ymd(y, m, d).ok_or_else(error)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400) as u32;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe as i32 + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_print_as_iso() {
        let date: Date = "2026-11-30".parse().unwrap();
        assert_eq!(date.to_string(), "2026-11-30");
        assert_eq!(date.ymd(), (2026, 11, 30));
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(" 2024-02-29 ".parse::<Date>().unwrap().ymd(), (2024, 2, 29));
    }

    #[test]
    fn impossible_dates_are_refused_in_plain_words() {
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "30/11/2026",
            "",
            "2026-1",
            "x-1-1",
        ] {
            let error = bad.parse::<Date>().unwrap_err();
            assert!(error.to_string().contains("year-month-day"), "{bad}");
        }
    }

    #[test]
    fn day_arithmetic_crosses_months_years_and_leap_days() {
        let d: Date = "2024-02-28".parse().unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-02-29");
        assert_eq!(d.plus_days(2).to_string(), "2024-03-01");
        assert_eq!(d.plus_days(366).to_string(), "2025-02-28");
        let a: Date = "2026-09-01".parse().unwrap();
        assert_eq!(a.days_until("2026-11-30".parse().unwrap()), 90);
        assert_eq!(a.plus_days(90).to_string(), "2026-11-30");
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        let start = Date::from_ymd(1900, 1, 1).unwrap().days_since_epoch();
        let end = Date::from_ymd(2300, 1, 1).unwrap().days_since_epoch();
        let mut previous: Option<(i32, u32, u32)> = None;
        for n in start..end {
            let (y, m, d) = Date(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(n)));
            if let Some(p) = previous {
                assert!((y, m, d) > p);
            }
            previous = Some((y, m, d));
        }
    }
}
