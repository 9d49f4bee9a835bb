//! Videos of the two hosts posts embed most, shown as a placeholder that
//! loads nothing from the host until the reader plays the video. The player
//! addresses are made here from the video's id alone; the page's
//! Content-Security-Policy allows frames from [`FRAME_ORIGINS`] only.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum VideoHost {
    #[serde(rename = "youtube")]
    YouTube,
    #[serde(rename = "vimeo")]
    Vimeo,
}

/// The origins whose players may be framed.
pub const FRAME_ORIGINS: [&str; 2] = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
];

impl VideoHost {
    /// Its name as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            Self::YouTube => "YouTube",
            Self::Vimeo => "Vimeo",
        }
    }

    /// Whether `id` is a video id of this host (and so safe in its URLs).
    pub fn valid_id(self, id: &str) -> bool {
        match self {
            Self::YouTube => {
                id.len() == 11
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            }
            Self::Vimeo => (1..=12).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()),
        }
    }

    /// The player to frame once the reader asks for it (it starts playing).
    pub fn player_url(self, id: &str) -> String {
        match self {
            Self::YouTube => format!("{}/embed/{id}?autoplay=1", FRAME_ORIGINS[0]),
            Self::Vimeo => format!("{}/video/{id}?autoplay=1&dnt=1", FRAME_ORIGINS[1]),
        }
    }

    /// The video's page on its host: where a reader without JavaScript goes.
    pub fn watch_url(self, id: &str) -> String {
        match self {
            Self::YouTube => format!("https://www.youtube.com/watch?v={id}"),
            Self::Vimeo => format!("https://vimeo.com/{id}"),
        }
    }

    /// The video a URL shows: `youtube.com/watch?v=…`, `youtu.be/…`,
    /// `youtube.com/embed/…`, `youtube-nocookie.com/embed/…`, `vimeo.com/…`,
    /// `player.vimeo.com/video/…`.
    pub fn of_url(url: &str) -> Option<(Self, String)> {
        let rest = url
            .trim()
            .strip_prefix("https://")
            .or_else(|| url.trim().strip_prefix("http://"))?;
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        let rest = rest.strip_prefix("m.").unwrap_or(rest);
        let (host, path) = rest.split_once('/')?;
        let first = |s: &str| {
            s.split(['?', '&', '#', '/'])
                .next()
                .unwrap_or("")
                .to_owned()
        };
        let (kind, id) = match host.to_ascii_lowercase().as_str() {
            "youtube.com" | "youtube-nocookie.com" => {
                if let Some(q) = path.strip_prefix("watch?") {
                    let v = q.split('&').find_map(|kv| kv.strip_prefix("v="))?;
                    (Self::YouTube, first(v))
                } else if let Some(id) = path
                    .strip_prefix("embed/")
                    .or_else(|| path.strip_prefix("shorts/"))
                {
                    (Self::YouTube, first(id))
                } else {
                    return None;
                }
            }
            "youtu.be" => (Self::YouTube, first(path)),
            "vimeo.com" => (Self::Vimeo, first(path)),
            "player.vimeo.com" => (Self::Vimeo, first(path.strip_prefix("video/")?)),
            _ => return None,
        };
        kind.valid_id(&id).then_some((kind, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_urls() {
        let yt = Some((VideoHost::YouTube, "dQw4w9WgXcQ".to_owned()));
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=10",
            "https://youtu.be/dQw4w9WgXcQ?t=3",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
            "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
        ] {
            assert_eq!(VideoHost::of_url(url), yt, "{url}");
        }
        let vimeo = Some((VideoHost::Vimeo, "76979871".to_owned()));
        assert_eq!(VideoHost::of_url("https://vimeo.com/76979871"), vimeo);
        assert_eq!(
            VideoHost::of_url("https://player.vimeo.com/video/76979871?h=1"),
            vimeo
        );
        for not in [
            "https://www.youtube.com/channel/UCx",
            "https://youtube.com/watch?v=short",
            "https://youtube.com/watch?v=dQw4w9WgXc\"",
            "https://vimeo.com/about",
            "https://example.com/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)",
        ] {
            assert_eq!(VideoHost::of_url(not), None, "{not}");
        }
    }

    #[test]
    fn players_are_on_the_framed_origins() {
        assert!(
            VideoHost::YouTube
                .player_url("dQw4w9WgXcQ")
                .starts_with(FRAME_ORIGINS[0])
        );
        assert!(
            VideoHost::Vimeo
                .player_url("1")
                .starts_with(FRAME_ORIGINS[1])
        );
    }
}
