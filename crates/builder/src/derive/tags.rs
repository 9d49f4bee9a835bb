//! Tags: front-matter `keywords` + `tags`, merged, with transliterated slugs;
//! the tag index and the tag pages of a site.

use blog_bundle::{Tag, TagCount, TagIndex, TagPage};

use crate::Site;

fn translit(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "sch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// A URL slug from any text: Russian letters transliterated, ASCII letters and
/// digits kept (lowercased), every other run → `-`, trimmed of `-`.
/// `"качество обслуживания"` → `"kachestvo-obsluzhivaniya"`.
pub fn transliterate_slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else if let Some(t) = translit(c) {
            if !t.is_empty() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(t);
            }
        } else {
            dash = true;
        }
    }
    out
}

/// Outcome of merging the tags of one post.
#[derive(Debug, Default, PartialEq)]
pub struct Merged {
    pub tags: Vec<Tag>,
    /// Human-readable notes on names that were merged or dropped.
    pub notes: Vec<String>,
}

/// Merges names (keywords first, then tags): trimmed, identity by case-folded
/// name, first spelling kept; names with the same slug are merged too.
pub fn merge_tags<'a>(names: impl IntoIterator<Item = &'a str>) -> Merged {
    let mut out = Merged::default();
    let mut folded: Vec<String> = Vec::new();
    for name in names {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        let fold = name.to_lowercase();
        if folded.contains(&fold) {
            continue;
        }
        let slug = transliterate_slug(&name);
        if slug.is_empty() {
            out.notes.push(format!(
                "tag \"{name}\" has no letters or digits usable in a URL and is dropped"
            ));
            continue;
        }
        if let Some(existing) = out.tags.iter().find(|t| t.slug == slug) {
            out.notes.push(format!(
                "tags \"{}\" and \"{name}\" have the same slug \"{slug}\" and are merged",
                existing.name
            ));
            folded.push(fold);
            continue;
        }
        folded.push(fold);
        out.tags.push(Tag { slug, name });
    }
    out
}

/// Every tag of the site with the places in `site.posts` of the posts
/// carrying it (newest first), most used tag first, ties by name
/// (case-folded), then slug.
pub fn posts_by_tag(site: &Site) -> Vec<(Tag, Vec<u32>)> {
    let mut by_slug: std::collections::BTreeMap<&str, (Tag, Vec<u32>)> = Default::default();
    for (i, p) in site.posts.iter().enumerate() {
        for t in &p.post.summary.tags {
            by_slug
                .entry(t.slug.as_str())
                .or_insert_with(|| (t.clone(), Vec::new()))
                .1
                .push(i as u32);
        }
    }
    let mut tags: Vec<_> = by_slug.into_values().collect();
    tags.sort_by_cached_key(|(t, posts)| {
        (
            std::cmp::Reverse(posts.len()),
            t.name.to_lowercase(),
            t.slug.clone(),
        )
    });
    tags
}

/// `tags.json` and every tag page, from one pass over the posts.
pub fn index_and_pages(site: &Site) -> (TagIndex, TagPages) {
    let by_tag = posts_by_tag(site);
    let index = TagIndex {
        build_id: site.build_id.clone(),
        tags: by_tag
            .iter()
            .map(|(tag, posts)| TagCount {
                tag: tag.clone(),
                count: posts.len(),
            })
            .collect(),
    };
    (index, TagPages::of(site, by_tag))
}

/// Pages of one tag's posts: `posts_per_page` each, at least one.
pub fn tag_page_count(posts: usize, per_page: usize) -> usize {
    posts.div_ceil(per_page.max(1)).max(1)
}

/// Every page of every tag, in the order of [`posts_by_tag`], pages in
/// order; each made when it is asked for, from the posts' places in the
/// site. Made all at once, a 10,000-post blog's tag pages held 40,000
/// copies of posts' summaries (30 MB) until the last page was written.
pub struct TagPages {
    build_id: String,
    per_page: usize,
    /// Every tag with the places of its posts in `site.posts`, newest first.
    tags: Vec<(Tag, Vec<u32>)>,
    /// (place of the tag in `tags`, page number) of every page, in order.
    pages: Vec<(usize, usize)>,
}

impl TagPages {
    fn of(site: &Site, tags: Vec<(Tag, Vec<u32>)>) -> Self {
        let per_page = site.config.posts_per_page.max(1);
        let pages = tags
            .iter()
            .enumerate()
            .flat_map(|(n, (_, tagged))| {
                (1..=tag_page_count(tagged.len(), per_page)).map(move |page| (n, page))
            })
            .collect();
        TagPages {
            build_id: site.build_id.clone(),
            per_page,
            tags,
            pages,
        }
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Page `i` of the list, with its posts' summaries; `site` is the site
    /// the pages were made from.
    pub fn get(&self, site: &Site, i: usize) -> TagPage {
        let (n, page) = self.pages[i];
        let (tag, tagged) = &self.tags[n];
        TagPage {
            build_id: self.build_id.clone(),
            tag: tag.clone(),
            page,
            page_count: tag_page_count(tagged.len(), self.per_page),
            total: tagged.len(),
            posts: tagged
                .iter()
                .skip((page - 1) * self.per_page)
                .take(self.per_page)
                .map(|&p| site.posts[p as usize].post.summary.clone())
                .collect(),
        }
    }

    /// Every page, in order.
    pub fn iter<'a>(&'a self, site: &'a Site) -> impl Iterator<Item = TagPage> + 'a {
        (0..self.len()).map(move |i| self.get(site, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("качество обслуживания", "kachestvo-obsluzhivaniya"),
            ("ButlerSPB", "butlerspb"),
            ("Щука, ёж и объём!", "schuka-ezh-i-obem"),
            ("  --Привет--мир--  ", "privet-mir"),
            ("Чат-поддержка 24/7", "chat-podderzhka-24-7"),
            ("Юла Яхта Цех Эхо Шум Хит", "yula-yahta-tseh-eho-shum-hit"),
            ("подъезд", "podezd"),
            ("日本", ""),
            ("", ""),
            ("Über", "ber"),
        ];
        for (input, want) in cases {
            assert_eq!(transliterate_slug(input), want, "{input}");
        }
    }

    #[test]
    fn merging() {
        let m = merge_tags([
            "Качество обслуживания",
            "ButlerSPB",
            " качество  обслуживания ",
            "butlerspb",
            "Butler SPB",
            "!!!",
        ]);
        let names: Vec<_> = m
            .tags
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("kachestvo-obsluzhivaniya", "Качество обслуживания"),
                ("butlerspb", "ButlerSPB"),
                ("butler-spb", "Butler SPB"),
            ]
        );
        assert_eq!(m.notes.len(), 1, "{:?}", m.notes);
        let m = merge_tags(["сервис", "servis"]);
        assert_eq!(m.tags.len(), 1);
        assert!(m.notes[0].contains("same slug"));
    }
}
