//! Front matter: the YAML between the leading `---` lines of a post.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

/// A post file cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the `.md` file where the body starts.
    pub body_line: usize,
}

/// Line of the `.md` file where the YAML starts (after the opening `---`).
pub const YAML_FIRST_LINE: usize = 2;

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end_matches(['\r', '\n'])
        .trim_end_matches([' ', '\t'])
        == fence
}

/// Splits `---\n<yaml>\n---\n<body>`; tolerates a UTF-8 BOM and CRLF line ends.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first, "---") {
        return Err("the file does not start with front matter (a line `---`)".into());
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if is_fence(line, "---") || is_fence(line, "...") {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                body: &text[pos + line.len()..],
                body_line: line_no + 1,
            });
        }
        pos += line.len();
    }
    Err("the front matter is not closed: add a line `---` after it".into())
}

/// The fields a post's front matter can have.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    /// As written; checked by [`crate::dates::parse_date`].
    pub pub_date: String,
    pub pub_date_line: usize,
    pub description: Option<String>,
    pub keywords: Vec<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub hero_image: Option<String>,
    pub updated_date: Option<String>,
    pub updated_date_line: usize,
    pub draft: bool,
    pub slug: Option<String>,
    pub slug_line: usize,
    /// JSON-LD for the page head, as written.
    pub schema: Option<Value>,
}

const KNOWN: [&str; 11] = [
    "title",
    "pubDate",
    "description",
    "keywords",
    "tags",
    "author",
    "heroImage",
    "updatedDate",
    "draft",
    "slug",
    "schema",
];

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Parses the YAML of the front matter. Lines in diagnostics are lines of the
/// `.md` file. Returns `None` when there were errors.
pub fn parse(yaml: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<FrontMatter> {
    let md_line = |yaml_line: u64| yaml_line as usize + YAML_FIRST_LINE - 1;
    if yaml.trim().is_empty() {
        diags.push(
            Diagnostic::error(file, "the front matter is empty")
                .line(YAML_FIRST_LINE - 1)
                .help("add at least `title: \"...\"` and `pubDate: 2025-07-25`"),
        );
        return None;
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
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let mut fm = FrontMatter::default();

    for (key, value) in &map {
        let line = md_line(value.referenced.line());
        if !KNOWN.contains(&key.as_str()) {
            diags.push(
                Diagnostic::warning(
                    file,
                    format!("unknown front-matter field `{key}` is ignored"),
                )
                .line(line)
                .help(format!("the known fields are: {}", KNOWN.join(", "))),
            );
        }
    }

    let mut text = |key: &str, required: bool| -> Option<(String, usize)> {
        let Some(v) = map.get(key) else {
            if required {
                diags.push(
                    Diagnostic::error(file, format!("front matter has no `{key}`"))
                        .line(YAML_FIRST_LINE)
                        .help(match key {
                            "pubDate" => "add e.g. `pubDate: 2025-07-25`".to_owned(),
                            _ => format!("add `{key}: \"...\"`"),
                        }),
                );
            }
            return None;
        };
        let line = md_line(v.referenced.line());
        let s = match &v.value {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            Value::Null if !required => return None,
            other => {
                diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{key}` must be text, found {}", type_name(other)),
                    )
                    .line(line)
                    .help(format!("write it as `{key}: \"...\"`")),
                );
                return None;
            }
        };
        if s.is_empty() && required {
            diags.push(
                Diagnostic::error(file, format!("`{key}` is empty"))
                    .line(line)
                    .help(format!("write it as `{key}: \"...\"`")),
            );
            return None;
        }
        Some((s, line))
    };

    fm.title = text("title", true).map(|t| t.0).unwrap_or_default();
    if let Some((d, line)) = text("pubDate", true) {
        fm.pub_date = d;
        fm.pub_date_line = line;
    }
    fm.description = text("description", false)
        .map(|t| t.0)
        .filter(|s| !s.is_empty());
    fm.author = text("author", false).map(|t| t.0).filter(|s| !s.is_empty());
    fm.hero_image = text("heroImage", false)
        .map(|t| t.0)
        .filter(|s| !s.is_empty());
    if let Some((d, line)) = text("updatedDate", false) {
        fm.updated_date = Some(d);
        fm.updated_date_line = line;
    }
    if let Some((s, line)) = text("slug", false) {
        fm.slug = Some(s);
        fm.slug_line = line;
    }

    for (key, out) in [("keywords", &mut fm.keywords), ("tags", &mut fm.tags)] {
        let Some(v) = map.get(key) else { continue };
        match string_list(&v.value) {
            Some(list) => *out = list,
            None => diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "`{key}` must be comma-separated text or a list of text, found {}",
                        type_name(&v.value)
                    ),
                )
                .line(md_line(v.referenced.line()))
                .help(format!("write it as `{key}: \"one, two\"`")),
            ),
        }
    }
    if let Some(v) = map.get("draft") {
        match &v.value {
            Value::Bool(b) => fm.draft = *b,
            Value::Null => {}
            other => diags.push(
                Diagnostic::error(
                    file,
                    format!("`draft` must be true or false, found {}", type_name(other)),
                )
                .line(md_line(v.referenced.line()))
                .help("write `draft: true` or remove the line"),
            ),
        }
    }
    if let Some(v) = map.get("schema") {
        match &v.value {
            Value::Object(_) | Value::Array(_) => fm.schema = Some(v.value.clone()),
            Value::Null => {}
            other => diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "`schema` must be a mapping (JSON-LD), found {}",
                        type_name(other)
                    ),
                )
                .line(md_line(v.referenced.line()))
                .help("write it as a JSON object or a nested YAML mapping, or remove it"),
            ),
        }
    }

    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(fm)
}

/// The first line of a YAML error, without the crate's own location suffix.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = e.to_string();
    let first = full.lines().next().unwrap_or("").trim();
    // The location is reported separately, in .md lines.
    let msg = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    msg.trim_start_matches("error: ").to_owned()
}

/// `"a, b"` or `[a, b]` → `["a", "b"]` (trimmed, empties dropped).
fn string_list(v: &Value) -> Option<Vec<String>> {
    let list: Vec<String> = match v {
        Value::Null => Vec::new(),
        Value::String(s) => s.split(',').map(|s| s.trim().to_owned()).collect(),
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match item {
                    Value::String(s) => out.push(s.trim().to_owned()),
                    Value::Number(n) => out.push(n.to_string()),
                    Value::Bool(b) => out.push(b.to_string()),
                    _ => return None,
                }
            }
            out
        }
        _ => return None,
    };
    Some(list.into_iter().filter(|s| !s.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_file(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let split = split(text).unwrap();
        (parse(split.yaml, Path::new("x.md"), &mut d), d)
    }

    #[test]
    fn split_variants() {
        let s = split("---\ntitle: a\n---\n# Body\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: a\n", "# Body\n", 4));
        let s = split("\u{feff}---\r\ntitle: a\r\nx: 1\r\n---\r\nbody").unwrap();
        assert_eq!(
            (s.yaml, s.body, s.body_line),
            ("title: a\r\nx: 1\r\n", "body", 5)
        );
        let s = split("---\n---\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("", "", 3));
        assert!(split("# no front matter\n").is_err());
        assert!(split("").is_err());
        assert!(split("---\ntitle: a\n").unwrap_err().contains("not closed"));
    }

    #[test]
    fn seed_flow_style() {
        let (fm, d) = parse_file(include_str!("../../../content/kachestvo-obsluzhivaniya.md"));
        let fm = fm.unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.title, "Качество обслуживания: ключ к успеху ButlerSPB");
        assert_eq!(fm.pub_date, "2025-07-25T22:55:40.303Z");
        assert_eq!(fm.pub_date_line, 5);
        assert_eq!(fm.keywords.len(), 6);
        assert_eq!(fm.keywords[0], "качество обслуживания");
        assert_eq!(fm.keywords[2], "ButlerSPB");
        assert_eq!(fm.author.as_deref(), Some("Эксперт ButlerSPB"));
        assert!(
            fm.hero_image
                .unwrap()
                .starts_with("https://images.unsplash.com/")
        );
        let schema = fm.schema.unwrap();
        assert_eq!(schema["@type"], "HowTo");
        assert_eq!(schema["aggregateRating"]["reviewCount"], 608);
        assert!(!fm.draft);
    }

    #[test]
    fn seed_block_style() {
        let (fm, d) = parse_file(include_str!("../../../content/rutina-konserzha.md"));
        let fm = fm.unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.title, "Рутина консьержа: один день из жизни ButlerSPB");
        assert_eq!(
            fm.description.as_deref(),
            Some(
                "Узнайте, из чего состоит день консьержа ButlerSPB. От утреннего кофе и \
                 планирования до решения нетривиальных задач и выполнения самых неожиданных запросов."
            )
        );
        assert!(fm.keywords.is_empty());
        assert_eq!(
            fm.hero_image.as_deref(),
            Some(
                "https://images.unsplash.com/photo-1560448204-e02f11c3d0e2?q=80&w=2070&auto=format&fit=crop"
            )
        );
        let schema = fm.schema.unwrap();
        assert_eq!(schema["@context"], "https://schema.org");
        assert_eq!(schema["aggregateRating"]["reviewCount"], 615);
        assert_eq!(schema["aggregateRating"]["ratingValue"], "4.9");
    }

    #[test]
    fn keyword_forms() {
        let cases: [(&str, &[&str]); 5] = [
            ("keywords: \"a, b ,, c \"", &["a", "b", "c"]),
            ("keywords: [a, ' b ', \"\"]", &["a", "b"]),
            ("keywords:\n  - один\n  - два", &["один", "два"]),
            ("keywords:", &[]),
            ("keywords: single", &["single"]),
        ];
        for (yaml, want) in cases {
            let (fm, d) = parse_file(&format!(
                "---\ntitle: T\npubDate: 2025-01-01\n{yaml}\n---\n"
            ));
            assert!(d.is_empty(), "{yaml}: {d:?}");
            assert_eq!(fm.expect(yaml).keywords, want, "{yaml}");
        }
        let (fm, d) =
            parse_file("---\ntitle: T\npubDate: 2025-01-01\ntags: [x, z]\ndraft: true\n---\n");
        let fm = fm.unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(fm.tags, ["x", "z"]);
        assert!(fm.draft);
    }

    #[test]
    fn errors() {
        // (front matter, expected message part, expected .md line)
        let cases: [(&str, &str, usize); 8] = [
            ("pubDate: 2025-01-01", "has no `title`", 2),
            ("title: T", "has no `pubDate`", 2),
            ("title: \"\"\npubDate: 2025-01-01", "`title` is empty", 2),
            (
                "title: [a, b]\npubDate: 2025-01-01",
                "`title` must be text, found a list",
                2,
            ),
            (
                "title: T\npubDate:\n  a: 1",
                "`pubDate` must be text, found a mapping",
                4,
            ),
            (
                "title: T\npubDate: 2025-01-01\ndraft: maybe",
                "`draft` must be true or false",
                4,
            ),
            (
                "title: T\npubDate: 2025-01-01\nkeywords: {a: 1}",
                "`keywords` must be",
                4,
            ),
            (
                "title: T\npubDate: 2025-01-01\nauthor: a: b",
                "not valid YAML",
                4,
            ),
        ];
        for (yaml, msg, line) in cases {
            let (fm, d) = parse_file(&format!("---\n{yaml}\n---\nbody\n"));
            assert!(fm.is_none(), "{yaml}");
            let e = d
                .iter()
                .find(|d| d.is_error())
                .unwrap_or_else(|| panic!("{yaml}"));
            assert!(e.message.contains(msg), "{yaml}: {e}");
            assert_eq!(e.line, Some(line), "{yaml}: {e}");
        }
    }

    #[test]
    fn malformed_yaml_line_is_md_line() {
        let text = "---\ntitle: T\npubDate: 2025-01-01\nauthor: a\nbad: [1, 2\nnext: x\n---\n";
        let (fm, d) = parse_file(text);
        assert!(fm.is_none());
        let e = &d[0];
        assert!(
            e.message.starts_with("front matter is not valid YAML"),
            "{e}"
        );
        let line = e.line.unwrap();
        assert!((5..=7).contains(&line), "{e}");
        let text = "---\ntitle: T\n  pubDate: 2025\n---\n";
        let (_, d) = parse_file(text);
        assert_eq!(d[0].line, Some(4 - 1), "{}", d[0]);
    }

    #[test]
    fn unknown_field_warns() {
        let (fm, d) = parse_file("---\ntitle: T\npubDate: 2025-01-01\ncategory: x\n---\n");
        assert!(fm.is_some());
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error());
        assert!(d[0].message.contains("`category`"));
        assert_eq!(d[0].line, Some(4));
    }

    #[test]
    fn bom_and_crlf() {
        let (fm, d) = parse_file(
            "\u{feff}---\r\ntitle: \"Привет\"\r\npubDate: 2025-01-01\r\n---\r\nbody\r\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.unwrap().title, "Привет");
    }
}
