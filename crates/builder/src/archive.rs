//! `archive.json`: every post, newest first, grouped by year then month.

use blog_bundle::{Archive, ArchiveMonth, ArchiveYear, PostLink};

use crate::Site;

/// A month (1 to 12) as a heading: nominative in Russian (`Июль`), English otherwise.
pub fn month_name(month: u8, language: &str) -> &'static str {
    const RU: [&str; 12] = [
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
    const EN: [&str; 12] = [
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
    let i = (month.clamp(1, 12) - 1) as usize;
    if language.starts_with("ru") {
        RU[i]
    } else {
        EN[i]
    }
}

/// Year and month of a `YYYY-MM-DD` date.
fn year_month(date: &str) -> (i32, u8) {
    let year = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let month = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    (year, month)
}

/// The archive of a site (its posts are newest first, so the groups are too).
pub fn archive(site: &Site) -> Archive {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for p in &site.posts {
        let s = &p.post.summary;
        let (year, month) = year_month(&s.date);
        if years.last().is_none_or(|y| y.year != year) {
            years.push(ArchiveYear {
                year,
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed");
        if y.months.last().is_none_or(|m| m.month != month) {
            y.months.push(ArchiveMonth {
                month,
                posts: Vec::new(),
            });
        }
        y.months.last_mut().expect("pushed").posts.push(PostLink {
            slug: s.slug.clone(),
            title: s.title.clone(),
            date: s.date.clone(),
        });
    }
    Archive {
        build_id: site.build_id.clone(),
        years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names() {
        assert_eq!(month_name(7, "ru"), "Июль");
        assert_eq!(month_name(1, "ru-RU"), "Январь");
        assert_eq!(month_name(12, "en"), "December");
    }

    #[test]
    fn dates_split() {
        assert_eq!(year_month("2025-07-25"), (2025, 7));
        assert_eq!(year_month("1999-12-01"), (1999, 12));
    }
}
