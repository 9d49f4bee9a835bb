//! The content's own pictures: large ones also exist as smaller WebP copies,
//! made by the builder, named here once for the builder that writes them and
//! the views that list them in `srcset`.

/// Widths of the copies of a picture wider than the first of them.
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1440];

/// The copies a picture `width` pixels wide gets: the widths below its own.
pub fn variant_widths(width: u32) -> Vec<u32> {
    VARIANT_WIDTHS.into_iter().filter(|w| *w < width).collect()
}

/// `/media/ab12/photo.jpg` at 960 px: `/media/ab12/photo-960w.webp`.
pub fn variant_path(src: &str, width: u32) -> String {
    let (dir, name) = src.rsplit_once('/').unwrap_or(("", src));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let sep = if dir.is_empty() && !src.starts_with('/') {
        ""
    } else {
        "/"
    };
    format!("{dir}{sep}{stem}-{width}w.webp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_their_names() {
        assert_eq!(variant_widths(400), Vec::<u32>::new());
        assert_eq!(variant_widths(1000), vec![480, 960]);
        assert_eq!(variant_widths(4000), vec![480, 960, 1440]);
        assert_eq!(
            variant_path("/media/ab/photo.one.jpg", 480),
            "/media/ab/photo.one-480w.webp"
        );
        assert_eq!(variant_path("media/ab/x.png", 960), "media/ab/x-960w.webp");
    }
}
