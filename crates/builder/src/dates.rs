//! Dates of the front matter, without a date library.

/// A parsed front-matter date: its UTC calendar date and a sortable timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    /// `YYYY-MM-DD` in UTC.
    pub date: String,
    /// Seconds since 1970-01-01T00:00:00Z.
    pub timestamp: i64,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The calendar date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn num(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional `Z` or
/// `±HH:MM` offset (a space may replace the `T`). Times without an offset are UTC.
pub fn parse_date(input: &str) -> Option<Date> {
    let s = input.trim();
    if s.len() < 10 || !s.is_char_boundary(10) {
        return None;
    }
    let (date, rest) = s.split_at(10);
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = num(&date[0..4], 4)? as i64;
    let m = num(&date[5..7], 2)?;
    let d = num(&date[8..10], 2)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86400;
    if !rest.is_empty() {
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        // Split off the offset.
        let (time, offset) = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
            (t, 0i64)
        } else if let Some(pos) = rest.rfind(['+', '-']) {
            let (t, o) = rest.split_at(pos);
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let o = &o[1..];
            let (oh, om) = o.split_once(':').unwrap_or((o.get(..2)?, o.get(2..)?));
            let (oh, om) = (num(oh, 2)?, num(om, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            (t, sign * (oh as i64 * 3600 + om as i64 * 60))
        } else {
            (rest, 0)
        };
        let mut parts = time.splitn(3, ':');
        let h = num(parts.next()?, 2)?;
        let mi = num(parts.next()?, 2)?;
        let sec = match parts.next() {
            None => 0,
            Some(sec) => {
                let (whole, frac) = sec.split_once('.').unwrap_or((sec, "0"));
                if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                num(whole, 2)?
            }
        };
        if h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        secs += (h * 3600 + mi * 60 + sec) as i64 - offset;
    }
    let (y, m, d) = civil_from_days(secs.div_euclid(86400));
    Some(Date {
        date: format!("{y:04}-{m:02}-{d:02}"),
        timestamp: secs,
    })
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// RFC 822 date as RSS wants it: `Fri, 25 Jul 2025 22:55:40 +0000`.
pub fn rfc822(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86400);
    let secs = timestamp.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        WEEKDAYS[days.rem_euclid(7) as usize],
        MONTHS[m as usize - 1],
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A date for people, as the reader shows it (`blog_bundle::lang`):
/// `25 июля 2025` (ru) or `25 July 2025` (others), in UTC.
pub fn human_date(date: &str, language: &str) -> String {
    let Some(parsed) = parse_date(date) else {
        return date.to_owned();
    };
    let (y, m, d) = civil_from_days(parsed.timestamp.div_euclid(86400));
    blog_bundle::lang::human_date(&format!("{y:04}-{m:02}-{d:02}"), language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_dates() {
        let cases = [
            ("2025-07-25", "2025-07-25", 1753401600),
            ("2025-07-25T22:55:40.303Z", "2025-07-25", 1753484140),
            ("2025-07-25T22:55:40Z", "2025-07-25", 1753484140),
            ("2025-07-25 22:55:40", "2025-07-25", 1753484140),
            ("2025-07-25T22:55", "2025-07-25", 1753484100),
            ("2025-07-25T23:30:00-02:00", "2025-07-26", 1753493400),
            ("2025-07-26T01:00:00+03:00", "2025-07-25", 1753480800),
            ("2024-02-29", "2024-02-29", 1709164800),
            ("1970-01-01T00:00:00Z", "1970-01-01", 0),
            ("1969-12-31T23:59:59Z", "1969-12-31", -1),
            ("2000-02-29", "2000-02-29", 951782400),
        ];
        for (input, date, ts) in cases {
            let d = parse_date(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!((d.date.as_str(), d.timestamp), (date, ts), "{input}");
        }
    }

    #[test]
    fn invalid_dates() {
        for bad in [
            "",
            "xyz",
            "2025-02-30",
            "2023-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-7-25",
            "2025/07/25",
            "2025-07-25T25:00",
            "2025-07-25T22",
            "2025-07-25T22:61",
            "2025-07-25X22:00",
            "2025-07-25T22:00:00+5",
            "2025-07-25T22:00:00.Z",
            "вчера вечером",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn rss_and_human_dates() {
        assert_eq!(rfc822(1753484140), "Fri, 25 Jul 2025 22:55:40 +0000");
        assert_eq!(rfc822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(human_date("2025-07-25", "ru"), "25 июля 2025");
        assert_eq!(human_date("2025-07-25", "en"), "25 July 2025");
    }
}
