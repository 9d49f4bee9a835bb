//! `_headers`: the response headers of the site, for the hosts that read this
//! file (Netlify, Cloudflare Pages; `scripts/serve.py --headers` too).
//!
//! - Every file: the Content-Security-Policy as a real header (with
//!   `frame-ancestors`, which a `<meta>` cannot set) and the usual hardening.
//! - Files whose name carries their hash (the app's JS, WebAssembly and CSS,
//!   the content's images under `media/<hash>/`)
//!   and everything under `data/<build>/` (the path names the build): cached
//!   for a year, immutable. Rules never overlap on a header, since those hosts
//!   join the values of every rule that matches.
//! - Everything else (pages, the manifest, the service worker) keeps the
//!   host's default, which revalidates.

use super::shell::shell_csp;
use crate::Site;

const YEAR: &str = "public, max-age=31536000, immutable";

/// True for Trunk's hashed file names: `blogreader-187f8c67ecfe7e12_bg.wasm`.
/// Trunk writes its 64-bit hash in hex without leading zeros, so one name in
/// sixteen has 15 digits or fewer.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| {
        (10..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The `_headers` file for a site whose entry pages come from `shell`, with
/// the app's files in `app`, deployed under `public_path` (`/` or `/sub/`).
pub fn headers_file(
    site: &Site,
    shell: &str,
    app: &super::app::App,
    public_path: &str,
) -> Result<String, String> {
    let csp = shell_csp(shell)?;
    let mut out = format!(
        "{public_path}*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n  \
         X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\n"
    );
    out.push_str(&format!(
        "{public_path}data/{}/*\n  Cache-Control: {YEAR}\n",
        site.build_id
    ));
    // The content's images: their folder is named after their hash.
    if site.posts.iter().any(|p| !p.media.is_empty()) {
        out.push_str(&format!("{public_path}media/*\n  Cache-Control: {YEAR}\n"));
    }
    let names = app.top_level_names();
    for name in names.iter().filter(|n| is_hashed(n)) {
        out.push_str(&format!("{public_path}{name}\n  Cache-Control: {YEAR}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        for yes in [
            "blogreader-187f8c67ecfe7e12.js",
            "blogreader-187f8c67ecfe7e12_bg.wasm",
            // A hash with a leading zero, which Trunk leaves out.
            "blogreader-bc9d700bf81fcd2_bg.wasm",
            "main-9d1caef4d94750c1.css",
        ] {
            assert!(is_hashed(yes), "{yes}");
        }
        for no in [
            "theme.js",
            "favicon.svg",
            "icon-192.png",
            "index.html",
            "sw.js",
        ] {
            assert!(!is_hashed(no), "{no}");
        }
    }
}
