//! `archive.json`: every post, newest first, grouped by year then month.

use blog_bundle::{Archive, ArchiveMonth, ArchiveYear, PostLink};

use crate::Site;

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
            path: s.path.clone(),
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
    fn dates_split() {
        assert_eq!(year_month("2025-07-25"), (2025, 7));
        assert_eq!(year_month("1999-12-01"), (1999, 12));
    }
}
