//! Words that depend on the site's language, shared by the builder's
//! pre-rendered pages and the reader, so both say the same thing:
//! dates («25 июля 2025»), month headings («Июль 2025») and Russian plurals
//! («1 минута», «3 минуты», «5 минут» чтения).

const MONTHS_RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_RU_NOMINATIVE: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// True for Russian (`ru`, `ru-RU`, `RU`…); everything else is shown in English.
pub fn is_russian(language: &str) -> bool {
    language
        .split(['-', '_'])
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("ru"))
}

/// Which of the three Russian plural forms a count takes: 0 = one, 1 = few, 2 = many.
pub fn ru_plural_form(n: u64) -> usize {
    let (n10, n100) = (n % 10, n % 100);
    if n10 == 1 && n100 != 11 {
        0
    } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
        1
    } else {
        2
    }
}

/// `n` and the noun in the right form: Russian `[one, few, many]`, English `[one, many]`.
pub fn count(n: u64, language: &str, ru: [&str; 3], en: [&str; 2]) -> String {
    let word = if is_russian(language) {
        ru[ru_plural_form(n)]
    } else if n == 1 {
        en[0]
    } else {
        en[1]
    };
    format!("{n} {word}")
}

/// "5 минут чтения" / "5 min read".
pub fn reading_time(minutes: u32, language: &str) -> String {
    if is_russian(language) {
        count(
            minutes.into(),
            language,
            ["минута чтения", "минуты чтения", "минут чтения"],
            ["", ""],
        )
    } else {
        format!("{minutes} min read")
    }
}

/// Year, month (1 to 12) and day of a `YYYY-MM-DD` date (anything after the
/// day is ignored); `None` when it isn't such a date.
pub fn ymd(iso: &str) -> Option<(u32, u8, u8)> {
    let mut parts = iso.splitn(3, '-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// "25 июля 2025" / "25 July 2025" from `YYYY-MM-DD` (anything after the day is
/// ignored); the input itself when it isn't such a date.
pub fn human_date(iso: &str, language: &str) -> String {
    let Some((y, m, d)) = ymd(iso) else {
        return iso.to_owned();
    };
    let months = if is_russian(language) {
        &MONTHS_RU_GENITIVE
    } else {
        &MONTHS_EN
    };
    format!("{d} {} {y}", months[usize::from(m) - 1])
}

/// A month heading: "Июль 2025" / "July 2025" (month 1 to 12).
pub fn month_year(month: u8, year: i32, language: &str) -> String {
    let months = if is_russian(language) {
        &MONTHS_RU_NOMINATIVE
    } else {
        &MONTHS_EN
    };
    let name = months
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?");
    format!("{name} {year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plural_forms() {
        for (n, form) in [
            (0, 2),
            (1, 0),
            (2, 1),
            (4, 1),
            (5, 2),
            (11, 2),
            (12, 2),
            (14, 2),
            (21, 0),
            (22, 1),
            (25, 2),
            (101, 0),
            (111, 2),
            (112, 2),
            (122, 1),
        ] {
            assert_eq!(ru_plural_form(n), form, "n = {n}");
        }
    }

    #[test]
    fn reading_times() {
        assert_eq!(reading_time(1, "ru"), "1 минута чтения");
        assert_eq!(reading_time(3, "ru"), "3 минуты чтения");
        assert_eq!(reading_time(5, "ru"), "5 минут чтения");
        assert_eq!(reading_time(21, "ru-RU"), "21 минута чтения");
        assert_eq!(reading_time(7, "en"), "7 min read");
    }

    #[test]
    fn dates_use_genitive_months() {
        assert_eq!(human_date("2025-07-25", "ru"), "25 июля 2025");
        assert_eq!(human_date("2025-03-01", "ru"), "1 марта 2025");
        assert_eq!(human_date("2024-12-31T10:00:00Z", "ru"), "31 декабря 2024");
        assert_eq!(human_date("2025-07-25", "en"), "25 July 2025");
        // Anything unexpected is shown as it is rather than lost.
        assert_eq!(human_date("2025-13-01", "ru"), "2025-13-01");
        assert_eq!(human_date("вчера", "ru"), "вчера");
    }

    #[test]
    fn calendar_days_are_read_from_the_front() {
        assert_eq!(ymd("2025-07-25"), Some((2025, 7, 25)));
        assert_eq!(ymd("2024-12-31T23:59:59+03:00"), Some((2024, 12, 31)));
        for bad in ["2025-00-10", "2025-07-32", "2025-07", "25.07.2025", ""] {
            assert_eq!(ymd(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn month_headings_and_counts() {
        assert_eq!(month_year(7, 2025, "ru"), "Июль 2025");
        assert_eq!(month_year(12, 2024, "en"), "December 2024");
        assert_eq!(
            count(3, "ru", ["запись", "записи", "записей"], ["post", "posts"]),
            "3 записи"
        );
        assert_eq!(
            count(1, "en", ["запись", "записи", "записей"], ["post", "posts"]),
            "1 post"
        );
        assert!(is_russian("RU") && is_russian("ru-RU") && !is_russian("en") && !is_russian(""));
    }
}
