//! Calendar dates and year-months, parsed strictly from what writers type.
//! YAML leaves `2026-05-12` a string; we parse it here and explain the
//! common mistakes (`2026-5-12`, `2026年5月12日`).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Splits `s` at `-`, `/`, `.` or the Chinese 年/月/日 into numeric parts.
fn numeric_parts(s: &str) -> Option<Vec<u32>> {
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .map(|p| {
            if p.chars().all(|c| c.is_ascii_digit()) && p.len() <= 4 {
                p.parse().ok()
            } else {
                None
            }
        })
        .collect()
}

impl Date {
    /// Parses `YYYY-MM-DD`. The error says how to write the date when the
    /// input is a date in another common form.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let t = s.trim();
        let b = t.as_bytes();
        let strict = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        let bad = || DateError::NotADate(t.to_string());
        if strict {
            let year = t[0..4].parse().map_err(|_| bad())?;
            let month = t[5..7].parse().map_err(|_| bad())?;
            let day = t[8..10].parse().map_err(|_| bad())?;
            return Date::new(year, month, day).ok_or_else(|| DateError::NoSuchDay(t.to_string()));
        }
        if let Some(p) = numeric_parts(t)
            && p.len() == 3
            && (1000..=9999).contains(&p[0])
            && (1..=12).contains(&p[1])
            && (1..=31).contains(&p[2])
        {
            return Err(DateError::Unpadded {
                written: t.to_string(),
                fixed: format!("{:04}-{:02}-{:02}", p[0], p[1], p[2]),
            });
        }
        Err(bad())
    }

    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year_month(self) -> YearMonth {
        YearMonth {
            year: self.year,
            month: self.month,
        }
    }

    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // Days since 1970-01-01 (a Thursday), by the civil-from-days inverse.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        ((days + 3).rem_euclid(7)) as u8
    }

    /// RFC 3339 timestamp at midnight China time, for feeds.
    pub fn rfc3339(self) -> String {
        format!("{self}T00:00:00+08:00")
    }
}

/// Why a text is not a `YYYY-MM-DD` date: data, so that each language says
/// it in its words (`msg`); `Display` is the English, for the command line.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DateError {
    /// Not a date at all (`下周三`).
    NotADate(String),
    /// In the form, but no day of the calendar (`2026-02-30`).
    NoSuchDay(String),
    /// A date without its leading zeros or with other separators
    /// (`2026-5-3`, `2026/05/03`), and how to write it.
    Unpadded { written: String, fixed: String },
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::NotADate(t) => {
                write!(
                    f,
                    "`{t}` is not a date: write it as YYYY-MM-DD, e.g. 2026-05-12"
                )
            }
            DateError::NoSuchDay(t) => write!(
                f,
                "`{t}` is not a day of the calendar (check the month and the day)"
            ),
            DateError::Unpadded { written, fixed } => write!(
                f,
                "write the date as YYYY-MM-DD with two-digit month and day: `{fixed}`, not `{written}`"
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// The offset of China Standard Time (UTC+8, no daylight saving): the
/// day of a Chinese district, whatever the time zone of the machine that
/// builds its site (a UTC build server would see yesterday every morning
/// before eight).
const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

/// The environment variable that fixes the day dangri takes as today.
pub(crate) const TODAY_VAR: &str = "DANGRI_TODAY";

/// The reproducible-builds convention: the build's time, in seconds since
/// 1970-01-01 UTC.
pub(crate) const EPOCH_VAR: &str = "SOURCE_DATE_EPOCH";

/// The day dangri takes as today, and whether it came from the clock.
/// `DANGRI_TODAY=YYYY-MM-DD` first, then `SOURCE_DATE_EPOCH` (seconds, read
/// in China time), then the clock in China time. A site's pages depend on
/// it only through the months still in progress on that day, so a
/// rebuild on the same day, or with either variable set, gives the same
/// bytes. The error says which variable is wrong, and how.
pub(crate) fn today_checked() -> Result<Date, TodayError> {
    if let Some(v) = std::env::var_os(TODAY_VAR) {
        let v = v.to_string_lossy();
        return Date::parse(&v).map_err(TodayError::Today);
    }
    if let Some(v) = std::env::var_os(EPOCH_VAR) {
        let v = v.to_string_lossy();
        return v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(Date::from_unix)
            .ok_or_else(|| TodayError::Epoch(v.into_owned()));
    }
    Ok(clock_day())
}

/// Why `DANGRI_TODAY` or `SOURCE_DATE_EPOCH` gives no day: data, which
/// `msg` says in the site's language.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum TodayError {
    /// `DANGRI_TODAY` is not a `YYYY-MM-DD` date.
    Today(DateError),
    /// `SOURCE_DATE_EPOCH` is not a number of seconds a `Date` can hold.
    Epoch(String),
}

impl TodayError {
    /// The variable at fault.
    pub fn var(&self) -> &'static str {
        match self {
            TodayError::Today(_) => TODAY_VAR,
            TodayError::Epoch(_) => EPOCH_VAR,
        }
    }
}

/// The clock's day in China time.
fn clock_day() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Date::from_unix(secs).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Today as `today_checked` finds it; the clock's day when a variable is
/// unusable (the commands that depend on it report that through
/// `today_checked`).
pub(crate) fn today() -> Date {
    today_checked().unwrap_or_else(|_| clock_day())
}

impl Date {
    /// The day in China time of a Unix time; `None` outside the years a
    /// `Date` holds.
    pub fn from_unix(secs: i64) -> Option<Date> {
        let days = secs.checked_add(CHINA_OFFSET_SECONDS)?.div_euclid(86_400);
        // Civil from days (Howard Hinnant's algorithm), days since 1970-01-01.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The year the Communist Party of China was founded: no branch record is
/// older, so a month folder of an earlier year is a typo.
pub(crate) const FIRST_YEAR: u16 = 1921;

impl YearMonth {
    /// Parses a month folder name, `YYYY-MM` with a month 01..12.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return None;
        }
        if !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Months from `self` to `last`, both included.
    pub fn range_to(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        std::iter::successors(Some(self), move |m| {
            let n = m.next();
            (n <= last).then_some(n)
        })
        .take_while(move |m| *m <= last)
    }

    /// Months since the start of year 0: the distance between two months
    /// is the difference of their ordinals.
    pub fn ordinal(self) -> u32 {
        u32::from(self.year) * 12 + u32::from(self.month) - 1
    }

    /// Day `day` of the month, or its last day when the month is shorter.
    pub fn day_or_last(self, day: u8) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: day.clamp(1, days_in_month(self.year, self.month)),
        }
    }

    /// The last day of the month.
    pub fn last_day(self) -> Date {
        self.day_or_last(31)
    }

    /// `2026年5月`
    pub fn zh(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates() {
        assert_eq!(
            Date::parse("2026-05-12"),
            Ok(Date {
                year: 2026,
                month: 5,
                day: 12
            })
        );
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn explains_common_mistakes() {
        let e = Date::parse("2025-2-3").unwrap_err().to_string();
        assert!(e.contains("2025-02-03"), "{e}");
        let e = Date::parse("2025年2月3日").unwrap_err().to_string();
        assert!(e.contains("2025-02-03"), "{e}");
        let e = Date::parse("下周三").unwrap_err().to_string();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn weekday_is_right() {
        // 2026-11-29 is a Sunday; 1970-01-01 a Thursday.
        assert_eq!(Date::parse("2026-11-29").unwrap().weekday(), 6);
        assert_eq!(Date::parse("1970-01-01").unwrap().weekday(), 3);
        assert_eq!(Date::parse("2024-02-29").unwrap().weekday(), 3);
    }

    #[test]
    fn unix_times_are_read_in_china_time() {
        let day = |s| Date::from_unix(s).unwrap().to_string();
        assert_eq!(day(0), "1970-01-01");
        // 2026-11-30 16:00 UTC is midnight on 1 December in China.
        assert_eq!(day(1_796_054_399), "2026-11-30");
        assert_eq!(day(1_796_054_400), "2026-12-01");
        assert_eq!(day(951_782_400 - 8 * 3600), "2000-02-29");
        assert_eq!(Date::from_unix(i64::MAX), None);
        assert_eq!(Date::from_unix(-1_000_000_000_000), None);
    }

    #[test]
    fn a_day_of_a_short_month_is_its_last() {
        let feb = YearMonth::parse("2026-02").unwrap();
        assert_eq!(feb.day_or_last(31).to_string(), "2026-02-28");
        assert_eq!(feb.day_or_last(0).to_string(), "2026-02-01");
        assert_eq!(
            YearMonth::parse("2024-02").unwrap().last_day().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn month_folders() {
        assert_eq!(
            YearMonth::parse("2026-05"),
            Some(YearMonth {
                year: 2026,
                month: 5
            })
        );
        assert_eq!(YearMonth::parse("2026-13"), None);
        assert_eq!(YearMonth::parse("2026-5"), None);
        assert_eq!(YearMonth::parse("202605"), None);
        let a = YearMonth::parse("2025-11").unwrap();
        let b = YearMonth::parse("2026-02").unwrap();
        assert_eq!(a.range_to(b).count(), 4);
    }
}
