//! Front matter: the block at the top of a post, in any of the three formats
//! the generators use, parsed by a maintained parser into one shape (keys,
//! JSON values and the `.md` line of each key) that [`super::fields`] reads.
//!
//! | opens with | format | parser |
//! |---|---|---|
//! | `---` | YAML (Astro, Jekyll, Eleventy, Hugo) | serde-saphyr |
//! | `+++` | TOML (Hugo, Zola) | toml |
//! | `{` | JSON (Hugo) | serde_json |
//! | `---js` | JavaScript (Eleventy): refused, it would have to run | |
//!
//! A file without any of them has no front matter (Hugo and Jekyll allow it).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, line_of};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
    /// No front matter at all.
    None,
}

/// A post file cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter's text (for JSON: the whole object).
    pub raw: &'a str,
    /// 1-based line of the file on which `raw` starts.
    pub raw_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end_matches(['\r', '\n'])
        .trim_end_matches([' ', '\t'])
        == fence
}

/// Splits a post into front matter and body; tolerates a UTF-8 BOM and CRLF.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let first_trimmed = first.trim_end();
    if matches!(first_trimmed, "---js" | "---javascript") {
        return Err(
            "the front matter is JavaScript (`---js`), which cannot be read without running it"
                .into(),
        );
    }
    let (format, fence) = if is_fence(first, "---") {
        (Format::Yaml, "---")
    } else if is_fence(first, "+++") {
        (Format::Toml, "+++")
    } else if first.starts_with('{') {
        return split_json(text);
    } else {
        return Ok(Split {
            format: Format::None,
            raw: "",
            raw_line: 1,
            body: text,
            body_line: 1,
        });
    };
    let start = first.len();
    let mut pos = start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if is_fence(line, fence) || (format == Format::Yaml && is_fence(line, "...")) {
            return Ok(Split {
                format,
                raw: &text[start..pos],
                raw_line: 2,
                body: &text[pos + line.len()..],
                body_line: line_no + 1,
            });
        }
        pos += line.len();
    }
    Err(format!(
        "the front matter is not closed: add a line `{fence}` after it"
    ))
}

fn split_json(text: &str) -> Result<Split<'_>, String> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(Value::Object(_))) => {
            let end = stream.byte_offset();
            let rest = &text[end..];
            let rest = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .unwrap_or(rest);
            Ok(Split {
                format: Format::Json,
                raw: &text[..end],
                raw_line: 1,
                body: rest,
                body_line: line_of(text, text.len() - rest.len()),
            })
        }
        Some(Err(e)) => Err(format!("the JSON front matter is not valid JSON: {e}")),
        _ => Err("the JSON front matter is not an object".into()),
    }
}

/// Parsed front matter: each key with its value and the file's line of the key.
#[derive(Debug, Default, PartialEq)]
pub struct Raw {
    pub fields: BTreeMap<String, (Value, usize)>,
}

impl Raw {
    pub fn get(&self, key: &str) -> Option<&(Value, usize)> {
        self.fields.get(key)
    }
}

/// Parses the front matter of `split`. Diagnostics carry the file's lines.
pub fn parse(split: &Split, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<Raw> {
    match split.format {
        Format::None => Some(Raw::default()),
        Format::Yaml => parse_yaml(split.raw, split.raw_line, file, diags),
        Format::Toml => parse_toml(split.raw, split.raw_line, file, diags),
        Format::Json => parse_json(split.raw, file, diags),
    }
}

fn parse_yaml(
    yaml: &str,
    first_line: usize,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Raw> {
    let md_line = |yaml_line: u64| yaml_line as usize + first_line - 1;
    if yaml.trim().is_empty() {
        return Some(Raw::default());
    }
    let map: BTreeMap<String, Spanned<Value>> = match serde_saphyr::from_str(yaml) {
        Ok(m) => m,
        Err(e) => {
            let e = e.without_snippet();
            let mut d = Diagnostic::error(
                file,
                format!("front matter is not valid YAML: {}", yaml_message(e)),
            );
            if let Some(loc) = e.location() {
                d = d.at(md_line(loc.line()), loc.column() as usize);
            }
            diags.push(d.help("check quotes and indentation; quote values containing `: ` or `#`"));
            return None;
        }
    };
    Some(Raw {
        fields: map
            .into_iter()
            .map(|(k, v)| (k, (v.value, md_line(v.referenced.line()))))
            .collect(),
    })
}

/// The first line of a YAML error, without the crate's own location suffix.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = e.to_string();
    let first = full.lines().next().unwrap_or("").trim();
    let msg = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    msg.trim_start_matches("error: ").to_owned()
}

/// TOML values as JSON: datetimes become their RFC 3339 text.
pub fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Line of the top-level key `key` in `text` (the first line `key = …`), or
/// of the `[key]` table header.
fn toml_key_line(text: &str, key: &str, first_line: usize) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix('"')
                .and_then(|l| l.strip_prefix(key))
                .and_then(|l| l.strip_prefix('"'))
                .or_else(|| l.strip_prefix(key));
            l.is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .or_else(|| {
            text.lines().position(|l| {
                let l = l.trim();
                l == format!("[{key}]") || l.starts_with(&format!("[{key}."))
            })
        })
        .map_or(first_line, |i| i + first_line)
}

fn parse_toml(
    text: &str,
    first_line: usize,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Raw> {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => Some(Raw {
            fields: table
                .into_iter()
                .map(|(k, v)| {
                    let line = toml_key_line(text, &k, first_line);
                    (k, (toml_to_json(v), line))
                })
                .collect(),
        }),
        Err(e) => {
            let mut d = Diagnostic::error(
                file,
                format!("front matter is not valid TOML: {}", e.message().trim()),
            );
            if let Some(span) = e.span() {
                let line = line_of(text, span.start);
                let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let column = text[line_start..span.start].chars().count() + 1;
                d = d.at(line + first_line - 1, column);
            }
            diags.push(d.help("TOML front matter between `+++` lines holds lines like `title = \"…\"`; quote text and dates"));
            None
        }
    }
}

fn parse_json(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<Raw> {
    match serde_json::from_str::<serde_json::Map<String, Value>>(text) {
        Ok(map) => Some(Raw {
            fields: map
                .into_iter()
                .map(|(k, v)| {
                    let needle = format!("\"{k}\"");
                    let line = text.find(&needle).map_or(1, |at| line_of(text, at));
                    (k, (v, line))
                })
                .collect(),
        }),
        Err(e) => {
            diags.push(
                Diagnostic::error(file, format!("front matter is not valid JSON: {e}"))
                    .at(e.line(), e.column())
                    .help("check commas and quotes"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Option<Raw>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let split = split(text).unwrap();
        (parse(&split, Path::new("x.md"), &mut d), d)
    }

    #[test]
    fn split_variants() {
        let s = split("---\ntitle: a\n---\n# Body\n").unwrap();
        assert_eq!(
            (s.format, s.raw, s.body, s.body_line),
            (Format::Yaml, "title: a\n", "# Body\n", 4)
        );
        let s = split("\u{feff}---\r\ntitle: a\r\nx: 1\r\n---\r\nbody").unwrap();
        assert_eq!(
            (s.raw, s.body, s.body_line),
            ("title: a\r\nx: 1\r\n", "body", 5)
        );
        let s = split("+++\r\ntitle = \"a\"\r\n+++\r\nbody\r\n").unwrap();
        assert_eq!(
            (s.format, s.raw, s.body, s.body_line),
            (Format::Toml, "title = \"a\"\r\n", "body\r\n", 4)
        );
        let s = split("{\n  \"title\": \"a\"\n}\nbody\n").unwrap();
        assert_eq!((s.format, s.body, s.body_line), (Format::Json, "body\n", 4));
        let s = split("# no front matter\n").unwrap();
        assert_eq!(
            (s.format, s.body, s.body_line),
            (Format::None, "# no front matter\n", 1)
        );
        assert!(split("---\ntitle: a\n").unwrap_err().contains("not closed"));
        assert!(split("+++\ntitle = 1\n").unwrap_err().contains("`+++`"));
        assert!(
            split("---js\nconst title = 1;\n---\n")
                .unwrap_err()
                .contains("JavaScript")
        );
        assert!(
            split("{\"title\": }\nbody")
                .unwrap_err()
                .contains("not valid JSON")
        );
    }

    #[test]
    fn the_three_formats_give_one_shape() {
        let yaml = "---\ntitle: T\ndate: 2018-05-01\ntags: [a, b]\n---\n";
        let toml = "+++\ntitle = \"T\"\ndate = 2018-05-01\ntags = [\"a\", \"b\",]\n+++\n";
        let json = "{\n\"title\": \"T\",\n\"date\": \"2018-05-01\",\n\"tags\": [\"a\", \"b\"]\n}\n";
        for text in [yaml, toml, json] {
            let (raw, d) = parsed(text);
            assert!(d.is_empty(), "{text}: {d:?}");
            let raw = raw.unwrap();
            assert_eq!(raw.get("title").unwrap(), &(Value::from("T"), 2), "{text}");
            assert_eq!(
                raw.get("date").unwrap(),
                &(Value::from("2018-05-01"), 3),
                "{text}"
            );
            assert_eq!(
                raw.get("tags").unwrap().0,
                serde_json::json!(["a", "b"]),
                "{text}"
            );
        }
        let (raw, _) = parsed(
            "+++\ntitle = \"T\"\n[extra]\nteam = \"x\"\n[taxonomies]\ntags = [\"t\"]\n+++\n",
        );
        let raw = raw.unwrap();
        assert_eq!(
            raw.get("extra").unwrap(),
            &(serde_json::json!({"team": "x"}), 3)
        );
        assert_eq!(raw.get("taxonomies").unwrap().1, 5);
        let (raw, _) = parsed("+++\ndate = 1979-05-27T07:32:00-08:00\n+++\n");
        assert_eq!(
            raw.unwrap().get("date").unwrap().0,
            "1979-05-27T07:32:00-08:00"
        );
    }

    #[test]
    fn errors_name_the_file_line() {
        let (raw, d) = parsed("---\ntitle: T\nbad: [1, 2\nnext: x\n---\n");
        assert!(raw.is_none());
        assert!(
            d[0].message.starts_with("front matter is not valid YAML"),
            "{}",
            d[0]
        );
        assert!((3..=5).contains(&d[0].line.unwrap()), "{}", d[0]);
        let (raw, d) = parsed("+++\ntitle = \"T\"\ndate = 2018-05-01\nbad = \n+++\n");
        assert!(raw.is_none());
        assert!(
            d[0].message.starts_with("front matter is not valid TOML"),
            "{}",
            d[0]
        );
        assert_eq!(d[0].line, Some(4), "{}", d[0]);
        assert!(d[0].column.is_some());
    }
}
