//! Small HTML helpers: escaping for output, and a forgiving tokenizer for the
//! raw HTML found in Markdown (which is never passed through).

/// Appends `s` with `& < > " '` escaped; safe in text and in quoted attributes.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s` with `& < > " '` escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// JSON for a `<script>` element ([`blog_bundle::script_safe`]).
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    blog_bundle::script_safe(&json)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "bull" => '•',
        "middot" => '·',
        "times" => '×',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "bdquo" => '„',
        "deg" => '°',
        "euro" => '€',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

/// Decodes character references (`&amp;`, `&#39;`, `&#x41;`, common names).
/// Unknown or malformed references are kept as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                match char::from_u32(n) {
                    Some('\0') | None => '\u{fffd}',
                    Some(c) => c,
                }
            } else {
                named_entity(name)?
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Raw text (entities not yet decoded).
    Text(&'a str),
    Start {
        /// Lowercased.
        name: String,
        /// Lowercased names, decoded values.
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
    /// Comments, doctypes, processing instructions, CDATA: all dropped.
    Ignored,
}

/// A forgiving HTML tokenizer over one string.
pub struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(s: &'a str) -> Self {
        Tokenizer { s, pos: 0 }
    }

    /// Skips everything up to and including `</name ...>` (case-insensitive).
    /// Returns false if the end tag is not in this string (all of it is skipped).
    pub fn skip_raw_text(&mut self, name: &str) -> bool {
        let hay = self.s[self.pos..].to_ascii_lowercase();
        let needle = format!("</{name}");
        let mut from = 0;
        while let Some(i) = hay[from..].find(&needle) {
            let after = from + i + needle.len();
            let next = hay.as_bytes().get(after).copied();
            if matches!(
                next,
                None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
            ) {
                let close = hay[after..]
                    .find('>')
                    .map(|j| after + j + 1)
                    .unwrap_or(hay.len());
                self.pos += close;
                return true;
            }
            from = after;
        }
        self.pos = self.s.len();
        false
    }

    fn tag(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        let b = s.as_bytes();
        let start = self.pos;
        let rest = &s[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            self.pos = comment
                .find("-->")
                .map(|i| start + 4 + i + 3)
                .unwrap_or(s.len());
            return Some(Token::Ignored);
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            self.pos = rest.find('>').map(|i| start + i + 1).unwrap_or(s.len());
            return Some(Token::Ignored);
        }
        let (is_end, name_start) = if rest.starts_with("</") {
            (true, start + 2)
        } else {
            (false, start + 1)
        };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut i = name_start;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len()
                && !matches!(
                    b[i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            let attr = s[a..i].to_ascii_lowercase();
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v = i + 1;
                    let end = s[v..].find(q as char).map(|e| v + e).unwrap_or(b.len());
                    value = decode_entities(&s[v..end]);
                    i = (end + 1).min(b.len());
                } else {
                    let v = i;
                    while i < b.len()
                        && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                    {
                        i += 1;
                    }
                    value = decode_entities(&s[v..i]);
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            }
        }
        self.pos = i;
        Some(if is_end {
            Token::End { name }
        } else {
            Token::Start { name, attrs }
        })
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if self.pos >= self.s.len() {
            return None;
        }
        if self.s[self.pos..].starts_with('<') {
            if let Some(t) = self.tag() {
                return Some(t);
            }
            // A lone `<`: text up to the next `<`.
            let start = self.pos;
            let end = self.s[start + 1..]
                .find('<')
                .map(|i| start + 1 + i)
                .unwrap_or(self.s.len());
            self.pos = end;
            return Some(Token::Text(&self.s[start..end]));
        }
        let start = self.pos;
        let end = self.s[start..]
            .find('<')
            .map(|i| start + i)
            .unwrap_or(self.s.len());
        self.pos = end;
        Some(Token::Text(&self.s[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let v = serde_json::json!({"x": "</script><b>&amp;\u{2028}"});
        let j = script_safe_json(&v);
        assert!(
            !j.contains('<') && !j.contains('>') && !j.contains('&'),
            "{j}"
        );
        let back: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn entities() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&#39;&#x41;&#X42;", "'AB"),
            ("&laquo;x&raquo; &mdash; &nbsp;", "«x» — \u{a0}"),
            ("&unknown; & &amp", "&unknown; & &amp"),
            ("&#0;&#xZZ;", "\u{fffd}&#xZZ;"),
            ("Привет &lt;b&gt;", "Привет <b>"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "{input}");
        }
    }

    #[test]
    fn tokens() {
        let toks: Vec<_> = Tokenizer::new(
            r#"<A target=_blank HREF='https://x.org/?a=1&amp;b=2' rel="nofollow">text</a><br/><!-- c --> 1 < 2"#,
        )
        .collect();
        assert_eq!(
            toks,
            [
                Token::Start {
                    name: "a".into(),
                    attrs: vec![
                        ("target".into(), "_blank".into()),
                        ("href".into(), "https://x.org/?a=1&b=2".into()),
                        ("rel".into(), "nofollow".into()),
                    ]
                },
                Token::Text("text"),
                Token::End { name: "a".into() },
                Token::Start {
                    name: "br".into(),
                    attrs: vec![]
                },
                Token::Ignored,
                Token::Text(" 1 "),
                Token::Text("< 2"),
            ]
        );
    }

    #[test]
    fn raw_text_skipping() {
        let mut t = Tokenizer::new("<script>if (a</b) {}</SCRIPT >after");
        assert!(matches!(t.next(), Some(Token::Start { .. })));
        assert!(t.skip_raw_text("script"));
        assert_eq!(t.next(), Some(Token::Text("after")));
        let mut t = Tokenizer::new("alert(1)");
        assert!(!t.skip_raw_text("script"));
        assert_eq!(t.next(), None);
    }
}
