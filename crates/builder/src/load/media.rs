//! Local images: a post's co-located or relative pictures (`![](photo.jpg)`
//! in a page bundle, `./logo.png`, Astro's `heroImage: '../../assets/x.jpg'`)
//! found next to its file, given a content-hashed name under `media/` (so a
//! changed picture is a new URL and every one can be cached for good) and
//! their width and height, read from the file's header, so the page does not
//! move as they load.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// An image file of the content, as it is published.
#[derive(Clone, Debug, PartialEq)]
pub struct MediaFile {
    pub source: PathBuf,
    /// Site path without the leading slash: `media/<hash>/<name>`.
    pub path: String,
    /// Width and height in pixels, when the header says.
    pub size: Option<[u32; 2]>,
    /// Widths of the smaller WebP copies written with it (large PNG and
    /// JPEG pictures: [`blog_bundle::media::variant_widths`]).
    pub variants: Vec<u32>,
}

/// Where an image source points.
#[derive(Debug, PartialEq)]
pub enum Local {
    /// A URL or a site path: published as written.
    NotLocal,
    Found(MediaFile),
    /// A relative source with no file there (the path looked at).
    Missing(PathBuf),
}

/// Image files larger than this are not copied (a warning says so).
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// What to do about an image that is not there.
pub const MISSING_HELP: &str = "put the file next to the post (or, for a path from the site's root, in its static folder), or fix the path";

/// `src` of a post whose file is in `post_dir`; a site-absolute one
/// (`/images/x.png`) is looked for in the site's `static_dirs`, and is a URL
/// of the host when there are none.
pub fn locate(post_dir: &Path, static_dirs: &[PathBuf], src: &str) -> Local {
    let src = src.trim();
    let lower = src.to_ascii_lowercase();
    let site_absolute = src.starts_with('/') && !src.starts_with("//");
    if src.is_empty()
        || (src.starts_with('/') && !site_absolute)
        || (site_absolute && static_dirs.is_empty())
        || src.starts_with('#')
        || lower.contains("://")
        || lower.starts_with("data:")
        || lower.starts_with("mailto:")
    {
        return Local::NotLocal;
    }
    let file = src.split(['?', '#']).next().unwrap_or(src);
    let file = percent_encoding::percent_decode_str(file)
        .decode_utf8()
        .map_or_else(|_| file.to_owned(), |f| f.into_owned());
    let path = if site_absolute {
        let rel = file.trim_start_matches('/');
        // `..` never leaves the static folder.
        if rel.split('/').any(|seg| seg == "..") {
            return Local::Missing(static_dirs[0].join(rel));
        }
        let candidates = static_dirs.iter().map(|d| d.join(rel));
        match candidates.clone().find(|p| p.is_file()) {
            Some(p) => p,
            None => return Local::Missing(static_dirs[0].join(rel)),
        }
    } else {
        post_dir.join(&file)
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return Local::Missing(path);
    };
    if !meta.is_file() || meta.len() > MAX_IMAGE_BYTES {
        return Local::Missing(path);
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return Local::Missing(path);
    };
    let digest = Sha256::digest(&bytes);
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(sanitize)
        .unwrap_or_else(|| "image".into());
    let size = imagesize::blob_size(&bytes)
        .ok()
        .and_then(|s| Some([u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?]))
        .or_else(|| svg_size(&bytes));
    let lower_name = name.to_ascii_lowercase();
    let resizable = [".png", ".jpg", ".jpeg"]
        .iter()
        .any(|e| lower_name.ends_with(e));
    let variants = match size {
        Some([w, _]) if resizable => blog_bundle::media::variant_widths(w),
        _ => Vec::new(),
    };
    Local::Found(MediaFile {
        source: path,
        path: format!("media/{hash}/{name}"),
        size,
        variants,
    })
}

/// The size an SVG drawing asks for: its root's `width` and `height` in
/// pixels, or else its `viewBox` (imagesize reads raster formats only).
fn svg_size(bytes: &[u8]) -> Option<[u32; 2]> {
    let text = std::str::from_utf8(bytes.get(..bytes.len().min(8192))?).ok()?;
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(&rest[..rest.find(quote)?])
    };
    let px = |v: &str| -> Option<u32> {
        let n: f64 = v
            .trim()
            .strip_suffix("px")
            .unwrap_or(v.trim())
            .parse()
            .ok()?;
        (1.0..100_000.0).contains(&n).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(px), attr("height").and_then(px)) {
        return Some([w, h]);
    }
    let view: Vec<&str> = attr("viewBox")?
        .split([' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    match view[..] {
        [_, _, w, h] => Some([px(w)?, px(h)?]),
        _ => None,
    }
}

/// A file name that is one safe URL segment: letters, digits, `.-_`.
fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_owned();
    if s.is_empty() { "image".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 PNG.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0,
        0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0x12, 0x16, 0xf1, 0x4d,
    ];

    #[test]
    fn co_located_and_relative_images_are_found_hashed_and_measured() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("blog/post");
        std::fs::create_dir_all(&post).unwrap();
        std::fs::create_dir_all(dir.path().join("assets")).unwrap();
        std::fs::write(post.join("my photo.png"), PNG).unwrap();
        std::fs::write(dir.path().join("assets/x.png"), PNG).unwrap();
        let Local::Found(a) = locate(&post, &[], "my%20photo.png?v=1") else {
            panic!()
        };
        assert_eq!(a.size, Some([3, 2]));
        assert!(
            a.path.starts_with("media/") && a.path.ends_with("/my-photo.png"),
            "{}",
            a.path
        );
        let Local::Found(b) = locate(&post, &[], "../../assets/x.png") else {
            panic!()
        };
        // Same bytes, same hash: one file in the output.
        assert_eq!(a.path.split('/').nth(1), b.path.split('/').nth(1));
        assert_eq!(
            locate(&post, &[], "./nope.jpg"),
            Local::Missing(post.join("./nope.jpg"))
        );
        for not_local in [
            "/img/a.png",
            "https://x.org/a.png",
            "data:image/png;base64,xx",
            "",
        ] {
            assert_eq!(
                locate(&post, &[], not_local),
                Local::NotLocal,
                "{not_local}"
            );
        }
    }

    #[test]
    fn svg_drawings_have_their_size() {
        let cases: [(&str, Option<[u32; 2]>); 5] = [
            (
                "<svg viewBox=\"0 0 720 315\" xmlns=\"http://www.w3.org/2000/svg\">",
                Some([720, 315]),
            ),
            (
                "<?xml version=\"1.0\"?><svg width=\"64px\" height='48' viewBox=\"0 0 8 6\">",
                Some([64, 48]),
            ),
            (
                "<svg width=\"100%\" height=\"100%\" viewBox=\"0,0,30.5,20\">",
                Some([31, 20]),
            ),
            ("<svg width=\"10em\">", None),
            ("not a drawing", None),
        ];
        for (svg, want) in cases {
            assert_eq!(svg_size(svg.as_bytes()), want, "{svg}");
        }
    }

    #[test]
    fn site_absolute_images_come_from_the_static_folders() {
        let site = tempfile::tempdir().unwrap();
        let post = site.path().join("content/posts");
        let (stat, assets) = (site.path().join("static"), site.path().join("assets"));
        for d in [&post, &stat.join("images"), &assets] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(stat.join("images/a.png"), PNG).unwrap();
        std::fs::write(assets.join("b.png"), PNG).unwrap();
        std::fs::write(site.path().join("secret.png"), PNG).unwrap();
        let dirs = [stat.clone(), assets.clone()];
        let Local::Found(a) = locate(&post, &dirs, "/images/a.png") else {
            panic!()
        };
        assert_eq!(
            (a.source, a.size),
            (stat.join("images/a.png"), Some([3, 2]))
        );
        assert!(
            matches!(locate(&post, &dirs, "/b.png"), Local::Found(f) if f.source == assets.join("b.png"))
        );
        assert_eq!(
            locate(&post, &dirs, "/images/gone.png"),
            Local::Missing(stat.join("images/gone.png"))
        );
        assert!(matches!(
            locate(&post, &dirs, "/../secret.png"),
            Local::Missing(_)
        ));
        assert_eq!(locate(&post, &dirs, "//cdn.example/a.png"), Local::NotLocal);
    }
}
