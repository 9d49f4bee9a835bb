//! The content's own pictures, written into the site: each file once, and
//! the smaller WebP copies of large ones ([`blog_bundle::media`]), made in
//! parallel (image decodes PNG and JPEG and resizes; libwebp, through the
//! `webp` crate, encodes: the image crate's own WebP encoder is lossless
//! only, which for photographs is larger than the JPEG it replaces).
//!
//! A picture's folder is named by the hash of its bytes, so a copy that the
//! previous build in `--out` already has is of the same picture: it is taken
//! from there, and an unchanged picture is never processed twice.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::DynamicImage;
use image::imageops::FilterType;
use rayon::prelude::*;

use crate::load::media::MediaFile;

/// WebP quality of the copies: photographs look as they did, at a fraction
/// of a JPEG's bytes.
const QUALITY: f32 = 80.0;

/// How the copies of a build's pictures came about.
#[derive(Debug, Default, PartialEq)]
pub struct Copies {
    /// Made from the picture.
    pub made: usize,
    /// Taken from the previous build.
    pub reused: usize,
}

/// Writes a file of the site: its path in the site, its bytes.
pub type Write<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), String> + Sync);

/// Writes `files` (each once) and their copies with `write`; `previous` is
/// the build being replaced, if any.
pub fn write_media(
    files: &[&MediaFile],
    previous: Option<&Path>,
    write: Write,
) -> Result<Copies, String> {
    let (made, reused) = (AtomicUsize::new(0), AtomicUsize::new(0));
    files
        .par_iter()
        .try_for_each(|file| -> Result<(), String> {
            let bytes = std::fs::read(&file.source)
                .map_err(|e| format!("cannot read {}: {e}", file.source.display()))?;
            write(&file.path, &bytes)?;
            let mut decoded: Option<Option<DynamicImage>> = None;
            // Largest first: each copy is made from the one before, which is
            // faster than from the original and as sharp.
            for &width in file.variants.iter().rev() {
                let rel = blog_bundle::media::variant_path(&file.path, width);
                if let Some(old) = previous.and_then(|p| std::fs::read(p.join(&rel)).ok()) {
                    write(&rel, &old)?;
                    reused.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                let source = decoded.get_or_insert_with(|| image::load_from_memory(&bytes).ok());
                let webp = match source {
                    Some(img) => {
                        let height = (u64::from(img.height()) * u64::from(width)
                            / u64::from(img.width().max(1)))
                        .max(1) as u32;
                        let smaller = img.resize_exact(width, height, FilterType::CatmullRom);
                        let webp = encode(&smaller);
                        *img = smaller;
                        webp
                    }
                    // Its header was read but not its pixels (a truncated file):
                    // the copies are the picture itself, which browsers still show.
                    None => bytes.clone(),
                };
                write(&rel, &webp)?;
                made.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })?;
    Ok(Copies {
        made: made.into_inner(),
        reused: reused.into_inner(),
    })
}

fn encode(img: &DynamicImage) -> Vec<u8> {
    if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height())
            .encode(QUALITY)
            .to_vec()
    } else {
        let rgb = img.to_rgb8();
        webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height())
            .encode(QUALITY)
            .to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    fn photo(dir: &Path) -> MediaFile {
        let img = image::RgbImage::from_fn(1200, 800, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let source = dir.join("photo.jpg");
        img.save(&source).unwrap();
        MediaFile {
            source,
            path: "media/00ff/photo.jpg".into(),
            size: Some([1200, 800]),
            variants: blog_bundle::media::variant_widths(1200),
        }
    }

    fn build(files: &[&MediaFile], previous: Option<&Path>) -> (Copies, BTreeMap<String, Vec<u8>>) {
        let written = Mutex::new(BTreeMap::new());
        let copies = write_media(files, previous, &|rel, bytes| {
            written
                .lock()
                .unwrap()
                .insert(rel.to_owned(), bytes.to_vec());
            Ok(())
        })
        .unwrap();
        (copies, written.into_inner().unwrap())
    }

    #[test]
    fn large_pictures_get_webp_copies_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = photo(dir.path());
        let (copies, written) = build(&[&file], None);
        assert_eq!(copies, Copies { made: 2, reused: 0 });
        assert_eq!(
            written.keys().collect::<Vec<_>>(),
            [
                "media/00ff/photo-480w.webp",
                "media/00ff/photo-960w.webp",
                "media/00ff/photo.jpg"
            ]
        );
        let small = webp::Decoder::new(&written["media/00ff/photo-480w.webp"])
            .decode()
            .unwrap();
        assert_eq!((small.width(), small.height()), (480, 320));
        assert_eq!(
            image::guess_format(&written["media/00ff/photo-960w.webp"]).unwrap(),
            image::ImageFormat::WebP
        );
        // The next build finds them in the previous one: nothing is made again.
        let out = dir.path().join("out");
        for (rel, bytes) in &written {
            std::fs::create_dir_all(out.join(rel).parent().unwrap()).unwrap();
            std::fs::write(out.join(rel), bytes).unwrap();
        }
        let (copies, again) = build(&[&file], Some(&out));
        assert_eq!(copies, Copies { made: 0, reused: 2 });
        assert_eq!(again, written);
    }
}
