//! Dates: every form the five generators accept, through jiff.
//!
//! Front matter gives RFC 3339 (`2025-07-25T22:55:40Z`), TOML datetimes and
//! strings without a zone (`2024-04-27T17:49:26`, read as UTC, as Hugo and
//! Zola do without a time zone setting), Jekyll's `2013-05-06 02:12:52 +0200`,
//! RFC 2822, and the English forms JavaScript's `Date` reads (`Jul 08 2022`,
//! `25 Aug 2024`, `August 25, 2024`). File names and Zola paths carry dates
//! too (`2022-04-22-three-million.md`, `2016-4-1-…`, `2025/06/26/…`).

use jiff::civil;
use jiff::fmt::strtime;
use jiff::{Timestamp, tz::TimeZone};

/// A parsed date: its UTC calendar date and a sortable timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    /// `YYYY-MM-DD` in UTC.
    pub date: String,
    /// Seconds since 1970-01-01T00:00:00Z.
    pub timestamp: i64,
}

impl Date {
    fn from_timestamp(ts: Timestamp) -> Date {
        Date {
            date: ts.to_zoned(TimeZone::UTC).date().to_string(),
            timestamp: ts.as_second(),
        }
    }

    fn from_civil(dt: civil::DateTime) -> Option<Date> {
        dt.to_zoned(TimeZone::UTC)
            .ok()
            .map(|z| Date::from_timestamp(z.timestamp()))
    }
}

/// English forms with a month name, as `strptime` patterns. `%b` reads the
/// abbreviation and `%B` the full name; both ignore case and take one or two
/// digits for the day.
const NAMED_FORMS: &[&str] = &[
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a %b %d %Y",
    "%a, %b %d, %Y",
    "%A, %B %d, %Y",
    "%a, %d %b %Y",
    "%b %d %Y %H:%M",
    "%B %d %Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %H:%M",
];

/// Numeric forms with an offset that RFC 3339 does not cover.
const OFFSET_FORMS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S.%f %z",
    "%Y-%m-%d %H:%M:%S %Z",
];

/// Parses a date as authors write it; `None` when no known form fits.
pub fn parse_date(input: &str) -> Option<Date> {
    let s = input.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if s.is_empty() || !s.is_ascii() {
        return None;
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(Date::from_timestamp(ts));
    }
    if let Ok(dt) = s.parse::<civil::DateTime>() {
        return Date::from_civil(dt);
    }
    for form in OFFSET_FORMS {
        if let Ok(ts) = strtime::parse(form, s).and_then(|t| t.to_timestamp()) {
            return Some(Date::from_timestamp(ts));
        }
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(Date::from_timestamp(z.timestamp()));
    }
    // `2016-4-1`, `2016/04/01`: numbers without padding or with slashes.
    for form in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = strtime::parse(form, s).and_then(|t| t.to_date()) {
            return Date::from_civil(d.to_datetime(civil::Time::midnight()));
        }
    }
    for form in NAMED_FORMS {
        if let Ok(t) = strtime::parse(form, s) {
            let time = t.to_time().unwrap_or(civil::Time::midnight());
            // A two-digit "year" means the form did not fit (`Jul 2022` is no day).
            if let Ok(d) = t.to_date()
                && d.year() >= 1000
            {
                return Date::from_civil(d.to_datetime(time));
            }
        }
    }
    None
}

/// The date at the start of a file name and the rest of the name:
/// `2022-04-22-three-million` → (2022-04-22, `three-million`); `2016-4-1-x` too.
pub fn date_in_name(stem: &str) -> Option<(Date, &str)> {
    let mut parts = stem.splitn(4, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let rest = parts.next().unwrap_or("");
    let number = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())).then_some(())
    };
    number(y, 4).filter(|_| y.len() == 4)?;
    number(m, 2)?;
    number(d, 2)?;
    let date = parse_date(&format!("{y}-{m}-{d}"))?;
    Some((date, rest))
}

/// A date written as consecutive path segments `YYYY/MM/DD` (Zola's `path`,
/// Hugo's dated folders): the date and the segments after it.
pub fn date_in_path(path: &str) -> Option<(Date, String)> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for i in 0..segments.len().saturating_sub(2) {
        let (y, m, d) = (segments[i], segments[i + 1], segments[i + 2]);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if digits(y, 4)
            && (1..=2).contains(&m.len())
            && digits(m, m.len())
            && (1..=2).contains(&d.len())
            && digits(d, d.len())
            && let Some(date) = parse_date(&format!("{y}-{m}-{d}"))
        {
            return Some((date, segments[i + 3..].join("/")));
        }
    }
    None
}

/// RFC 2822 date as RSS wants it: `Fri, 25 Jul 2025 22:55:40 +0000`.
pub fn rfc822(timestamp: i64) -> String {
    let ts = Timestamp::from_second(timestamp).unwrap_or(Timestamp::UNIX_EPOCH);
    strtime::format("%a, %d %b %Y %H:%M:%S +0000", &ts.to_zoned(TimeZone::UTC)).unwrap_or_default()
}

/// `YYYY-MM-DD` of `days` days after 1970-01-01.
pub fn ymd_of_days(days: i64) -> String {
    let ts = Timestamp::from_second(days * 86_400).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned(TimeZone::UTC).date().to_string()
}

/// A date for people, as the reader shows it (`blog_bundle::lang`):
/// `25 июля 2025` (ru) or `25 July 2025` (others), in UTC.
pub fn human_date(date: &str, language: &str) -> String {
    match parse_date(date) {
        Some(d) => blog_bundle::lang::human_date(&d.date, language),
        None => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_the_generators_accept() {
        // (as written, UTC date, timestamp)
        let cases = [
            ("2025-07-25", "2025-07-25", 1753401600),
            ("2025-07-25T22:55:40.303Z", "2025-07-25", 1753484140),
            ("2025-07-25T22:55:40Z", "2025-07-25", 1753484140),
            ("2025-07-25 22:55:40", "2025-07-25", 1753484140),
            ("2024-04-27T17:49:26", "2024-04-27", 1714240166),
            ("2025-07-25T22:55", "2025-07-25", 1753484100),
            ("2025-07-25T23:30:00-02:00", "2025-07-26", 1753493400),
            ("2025-07-26T01:00:00+03:00", "2025-07-25", 1753480800),
            ("2013-05-06 02:12:52 +0200", "2013-05-06", 1367799172),
            ("2013-09-14 20:46:50 -0400", "2013-09-15", 1379206010),
            ("\"2013-05-06 02:12:52 +0200\"", "2013-05-06", 1367799172),
            ("Fri, 25 Jul 2025 22:55:40 +0000", "2025-07-25", 1753484140),
            ("Jul 08 2022", "2022-07-08", 1657238400),
            ("'Jul 08 2022'", "2022-07-08", 1657238400),
            ("July 8 2022", "2022-07-08", 1657238400),
            ("25 Aug 2024", "2024-08-25", 1724544000),
            ("27 January 2023", "2023-01-27", 1674777600),
            ("04 July 2023", "2023-07-04", 1688428800),
            ("4 July 2025", "2025-07-04", 1751587200),
            ("6 December 2024", "2024-12-06", 1733443200),
            ("August 25, 2024", "2024-08-25", 1724544000),
            ("Aug 25, 2024", "2024-08-25", 1724544000),
            ("2016-4-1", "2016-04-01", 1459468800),
            ("2024-02-29", "2024-02-29", 1709164800),
            ("1970-01-01T00:00:00Z", "1970-01-01", 0),
            ("1969-12-31T23:59:59Z", "1969-12-31", -1),
        ];
        for (input, date, ts) in cases {
            let d = parse_date(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!((d.date.as_str(), d.timestamp), (date, ts), "{input}");
        }
    }

    #[test]
    fn not_dates() {
        for bad in [
            "",
            "xyz",
            "2025-02-30",
            "2023-02-29",
            "2025-13-01",
            "2025-00-10",
            "25.07.2025",
            "2025-07-25T25:00",
            "2025-07-25X22:00",
            "2023-01-29 18:30:22 2023 -0800",
            "вчера вечером",
            "Jul 2022",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_in_names_and_paths() {
        let (d, rest) = date_in_name("2022-04-22-three-million").unwrap();
        assert_eq!((d.date.as_str(), rest), ("2022-04-22", "three-million"));
        let (d, rest) = date_in_name("2016-4-1-legal-transparency-report").unwrap();
        assert_eq!(
            (d.date.as_str(), rest),
            ("2016-04-01", "legal-transparency-report")
        );
        for no in [
            "three-million",
            "2018-08-2x-psa",
            "20-04-22-x",
            "2022-13-01-x",
            "post-2022-04-22",
        ] {
            assert!(date_in_name(no).is_none(), "{no}");
        }
        let (d, rest) = date_in_path("2025/06/26/Rust-1.88.0").unwrap();
        assert_eq!(
            (d.date.as_str(), rest.as_str()),
            ("2025-06-26", "Rust-1.88.0")
        );
        let (d, rest) = date_in_path("inside-rust/2023/10/06/polonius-update").unwrap();
        assert_eq!(
            (d.date.as_str(), rest.as_str()),
            ("2023-10-06", "polonius-update")
        );
        assert!(date_in_path("blog/posts/x").is_none());
    }

    #[test]
    fn feeds_and_people() {
        assert_eq!(rfc822(1753484140), "Fri, 25 Jul 2025 22:55:40 +0000");
        assert_eq!(rfc822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(ymd_of_days(20_000), "2024-10-04");
        assert_eq!(human_date("2025-07-25", "ru"), "25 июля 2025");
        assert_eq!(human_date("2025-07-25", "en"), "25 July 2025");
    }
}
