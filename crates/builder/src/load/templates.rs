//! The template syntax of other generators, given its meaning before the body
//! is read as Markdown, line for line (so diagnostics keep their lines):
//!
//! - links to posts as Liquid or shortcode tags (`{% post_url 2013-05-06-x %}`,
//!   `{% link _posts/x.markdown %}`, `{{< ref "x.md" >}}`, `{{< relref "x" >}}`)
//!   become source links the link resolver understands;
//! - `{% highlight rust %}` and `{{< highlight rust >}}` become code fences,
//!   `{{< figure src=… caption=… >}}` a figure, `{{< youtube id >}}` and
//!   `{{< vimeo id >}}` the video's link (its placeholder on a line of its
//!   own), `{{< notice tip >}}` and `{{< alert >}}` callouts,
//!   `{{ "/x/" | relative_url }}` the path;
//! - Liquid output of a page's or site's variable (`{{ page.title }}`) is
//!   removed and named, as the generator's templates alone knew it;
//! - every other tag (`{% include %}`, unknown shortcodes) is removed and
//!   named in a warning: literal template syntax never reaches a reader;
//! - MDX's `import`/`export` lines go.
//!
//! Fenced code and `{% raw %}` regions are left as they are.

/// A body made ready for Markdown.
#[derive(Debug, Default, PartialEq)]
pub struct Prepared {
    pub body: String,
    /// MDX `import`/`export` lines removed.
    pub mdx_removed: usize,
    /// Tags removed, by 0-based line of the body: `{% include x.html %}`.
    pub removed: Vec<(usize, String)>,
}

/// The body with its template tags given their meaning or removed.
pub fn prepare(body: &str, mdx: bool) -> Prepared {
    let body = one_line_tags(body);
    let body = body.as_ref();
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<String> = None;
    let mut mdx_removed = 0;
    let mut tags = Tags::default();
    // The fence a highlight tag opened, closed by its end tag.
    let mut tag_fence = false;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        tags.line = n;
        let trimmed = line.trim_start();
        if tag_fence {
            let t = trimmed.trim();
            let inner = t
                .strip_prefix("{%")
                .and_then(|t| t.strip_suffix("%}"))
                .or_else(|| t.strip_prefix("{{<").and_then(|t| t.strip_suffix(">}}")))
                .map(str::trim);
            if matches!(inner, Some("endhighlight" | "/highlight")) {
                tag_fence = false;
                out.push_str("```");
                out.push_str(&line[line.trim_end_matches(['\n', '\r']).len()..]);
            } else {
                out.push_str(line);
            }
            continue;
        }
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str())
                && trimmed
                    .trim_end()
                    .trim_start_matches(f.chars().next().unwrap_or('`'))
                    .is_empty()
            {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if marker.len() >= 3
            && marker
                .chars()
                .all(|c| c == marker.chars().next().unwrap_or('`'))
        {
            fence = Some(marker);
            out.push_str(line);
            continue;
        }
        if mdx && (trimmed.starts_with("import ") || trimmed.starts_with("export ")) {
            mdx_removed += 1;
            continue;
        }
        let replaced = tags.replace(line);
        // A line that held only tags that went is left empty, not half-blank.
        if replaced.trim().is_empty() && !line.trim().is_empty() {
            out.push_str(&line[line.trim_end_matches(['\n', '\r']).len()..]);
        } else {
            out.push_str(&replaced);
        }
        // A `{% highlight %}` opened a fence: its body is code.
        if std::mem::take(&mut tags.opened_fence) {
            tag_fence = true;
        }
    }
    Prepared {
        body: out,
        mdx_removed,
        removed: tags.removed,
    }
}

/// Tags that a line break splits (`({{ site.repository` / `}}/issues/1)`,
/// as text wrapped at 80 columns has them) on one line: the break moves to
/// the last space before the tag, so lines keep their count and numbers.
/// Fenced code is left as it is.
fn one_line_tags(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains("{{") && !body.contains("{%") {
        return body.into();
    }
    let mut lines: Vec<String> = body.split_inclusive('\n').map(str::to_owned).collect();
    let mut fence = false;
    for i in 0..lines.len() {
        let trimmed = lines[i].trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
        }
        if fence || i + 1 == lines.len() {
            continue;
        }
        let line = lines[i].trim_end_matches(['\n', '\r']);
        let open = [("{{", "}}"), ("{%", "%}")]
            .into_iter()
            .filter_map(|(o, c)| line.rfind(o).map(|at| (at, c)))
            .max_by_key(|(at, _)| *at);
        let Some((at, close)) = open else { continue };
        if line[at..].contains(close) || !lines[i + 1].contains(close) {
            continue;
        }
        let Some(space) = line[..at].rfind(' ') else {
            continue;
        };
        let moved = format!("{}\n{} ", &line[..space], &line[space + 1..]);
        let next = lines[i + 1].trim_start().to_owned();
        lines[i] = moved[..=space].to_owned();
        lines[i + 1] = format!("{}{next}", &moved[space + 1..]);
    }
    lines.concat().into()
}

/// The name of a tag as [`Prepared::removed`] gives it: `include` of
/// `{% include x.html %}`.
pub fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches(['{', '%', '<'])
        .split_whitespace()
        .next()
        .unwrap_or("")
}

#[derive(Default)]
struct Tags {
    /// Inside `{% raw %}`.
    raw: bool,
    line: usize,
    removed: Vec<(usize, String)>,
    /// Set when a line opened a code fence (from a highlight tag).
    opened_fence: bool,
    /// Variables the removed tags named.
    variables: Vec<String>,
}

/// A template's output expression, written as templates write them
/// (`{{ npm.downloads | humanReadableNum }}`, `{{ external_url }}`): a
/// name, its fields and filters. (`{{closure}}` in Rust's type names has
/// no spaces and stays.)
fn is_expression(inner: &str) -> bool {
    let (value, _filters) = inner.split_once('|').unwrap_or((inner, ""));
    let value = value.trim();
    let mut chars = value.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.[]'\"".contains(c))
}

/// Liquid and Nunjucks output of a template variable: `page.title`,
/// `site.url | append: "/x"`, `include.caption`, `metadata.author`, or one
/// the body's own removed tags named (`{% for issue in … %}`: `issue`).
fn is_liquid_variable(inner: &str, named: &[String]) -> bool {
    const ROOTS: [&str; 11] = [
        "page",
        "site",
        "post",
        "include",
        "layout",
        "paginator",
        "jekyll",
        "forloop",
        "collections",
        "eleventy",
        "metadata",
    ];
    let first = inner.split(['.', '[', '|', ' ']).next().unwrap_or("");
    if inner.contains(['{', '}', ';']) {
        return false;
    }
    (ROOTS.contains(&first) && inner.len() > first.len()) || named.iter().any(|n| n == first)
}

/// `key="value"` or `key=value` among a shortcode's words.
fn named<'a>(inner: &'a str, key: &str) -> Option<&'a str> {
    let at = inner.find(&format!("{key}="))?;
    if at > 0 && !inner[..at].ends_with(char::is_whitespace) {
        return None;
    }
    let rest = &inner[at + key.len() + 1..];
    Some(match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
        _ => rest.split_whitespace().next().unwrap_or(""),
    })
}

impl Tags {
    /// One line with its tags replaced.
    fn replace(&mut self, line: &str) -> String {
        let mut out = String::new();
        let mut rest = line;
        loop {
            let next = [("{%", "%}"), ("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}")]
                .iter()
                .filter_map(|(open, close)| rest.find(open).map(|i| (i, *open, *close)))
                .min_by_key(|(i, _, _)| *i);
            let Some((at, open, close)) = next else {
                out.push_str(rest);
                return out;
            };
            let Some(len) = rest[at + open.len()..].find(close) else {
                out.push_str(rest);
                return out;
            };
            let inner = rest[at + open.len()..at + open.len() + len].trim();
            let end = at + open.len() + len + close.len();
            let mut words = inner.split_whitespace();
            let name = words.next().unwrap_or("");
            if self.raw {
                if open == "{%" && name == "endraw" {
                    self.raw = false;
                    out.push_str(&rest[..at]);
                } else {
                    out.push_str(&rest[..end]);
                }
                rest = &rest[end..];
                continue;
            }
            let arg = words
                .next()
                .map(|a| a.trim_matches(|c| c == '"' || c == '\''));
            // Liquid output (`{{ … }}`) only when it is a URL filter: `{{` is
            // also Rust's `{{closure}}` and many a template's own example.
            if open == "{{" {
                let quoted = inner
                    .strip_prefix(['"', '\''])
                    .and_then(|q| q.split(['"', '\'']).next());
                match quoted {
                    // A string through filters (`| relative_url`, Eleventy's
                    // own `| canonicalTwitterUrl`): the string is the best
                    // meaning left.
                    Some(path) if inner[path.len() + 2..].trim_start().starts_with('|') => {
                        out.push_str(&rest[..at]);
                        out.push_str(path);
                    }
                    // A page's or site's variable (`{{ page.title }}`): what the
                    // generator's templates knew is not known here.
                    _ if is_liquid_variable(inner, &self.variables)
                        || (rest[at + 2..].starts_with(' ') && is_expression(inner)) =>
                    {
                        out.push_str(&rest[..at]);
                        self.removed.push((self.line, rest[at..end].to_owned()));
                    }
                    _ => out.push_str(&rest[..end]),
                }
                rest = &rest[end..];
                continue;
            }
            out.push_str(&rest[..at]);
            let shortcode = open != "{%";
            match (shortcode, name, arg) {
                (false, "raw", _) => self.raw = true,
                (false, "post_url" | "link", Some(arg)) => {
                    out.push_str("@/");
                    out.push_str(arg);
                }
                (true, "ref" | "relref", Some(arg)) => out.push_str(arg),
                (_, "highlight", lang) => {
                    let lang = lang.unwrap_or("").split(',').next().unwrap_or("");
                    out.push_str("```");
                    out.push_str(lang);
                    self.opened_fence = true;
                }
                (_, "endhighlight" | "/highlight", _) => out.push_str("```"),
                (true, "figure", _) => {
                    let attr = |s: &str| {
                        s.replace('&', "&amp;")
                            .replace('"', "&quot;")
                            .replace('<', "&lt;")
                    };
                    let src = named(inner, "src").unwrap_or("");
                    let caption = named(inner, "caption").or_else(|| named(inner, "title"));
                    let alt = named(inner, "alt").or(caption).unwrap_or("");
                    // Raw HTML the Markdown reader makes a figure node of.
                    out.push_str(&format!(
                        "<figure><img src=\"{}\" alt=\"{}\">",
                        attr(src),
                        attr(alt)
                    ));
                    if let Some(caption) = caption {
                        out.push_str(&format!("<figcaption>{}</figcaption>", attr(caption)));
                    }
                    out.push_str("</figure>");
                }
                (true, "youtube" | "vimeo", _) => {
                    let id = named(inner, "id").or(arg).unwrap_or("");
                    let url = if name == "youtube" {
                        format!("https://www.youtube.com/watch?v={id}")
                    } else {
                        format!("https://vimeo.com/{id}")
                    };
                    // On a line of its own, a video link is the video's placeholder.
                    out.push_str(&format!("<{url}>"));
                }
                (true, "notice" | "alert" | "admonition" | "callout", kind) => {
                    let kind = named(inner, "type").or(kind).unwrap_or("note");
                    let kind = blog_bundle::CalloutKind::from_name(kind)
                        .unwrap_or(blog_bundle::CalloutKind::Note);
                    out.push_str(":::");
                    out.push_str(kind.name());
                }
                (true, "/notice" | "/alert" | "/admonition" | "/callout", _) => out.push_str(":::"),
                // The closing half of a paired tag: its opening one was named.
                (_, closing, _) if closing.starts_with('/') || closing.starts_with("end") => {}
                _ => {
                    // Names a loop or an assignment gives: their output goes too.
                    if !shortcode
                        && matches!(name, "for" | "assign" | "capture" | "set")
                        && let Some(var) = arg
                    {
                        self.variables.push(var.to_owned());
                    }
                    self.removed.push((self.line, rest[at..end].to_owned()));
                }
            }
            rest = &rest[end..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_tags_become_source_links() {
        let cases = [
            (
                "[a]({% post_url 2013-05-06-x %})\n",
                "[a](@/2013-05-06-x)\n",
            ),
            (
                "[b]({% link _posts/2017-03-02-y.markdown %}#v)\n",
                "[b](@/_posts/2017-03-02-y.markdown#v)\n",
            ),
            ("[c]({{< ref \"z.md\" >}})\n", "[c](z.md)\n"),
            ("[d]({{< relref \"../w\" >}})\n", "[d](../w)\n"),
            (
                "{% raw %}{% post_url x %}{% endraw %}\n",
                "{% post_url x %}\n",
            ),
            (
                "```\n{% post_url x %}\n```\n",
                "```\n{% post_url x %}\n```\n",
            ),
            ("std::{{closure}}\n", "std::{{closure}}\n"),
            (
                "<a href=\"{{ \"https://t.co/x\" | canonicalTwitterUrl }}\">t</a>\n",
                "<a href=\"https://t.co/x\">t</a>\n",
            ),
            (
                "{{ \"a\" }} {{closure}} {{x}}\n",
                "{{ \"a\" }} {{closure}} {{x}}\n",
            ),
            (
                "now {{ npm.downloads | humanReadableNum }} [x]({{ external_url }})\n",
                "now  [x]()\n",
            ),
            (
                "exit codes ([#1338]({{ site.repository\n}}/issues/1338)).\n",
                "exit codes\n([#1338](/issues/1338)).\n",
            ),
            ("```\n{{ a\n}}\n```\n", "```\n{{ a\n}}\n```\n"),
            ("{{ pages }} {{site}} {{ post }}\n", " {{site}} \n"),
        ];
        for (input, want) in cases {
            assert_eq!(prepare(input, false).body, want, "{input}");
        }
    }

    #[test]
    fn other_tags_are_given_their_meaning_or_removed_and_named() {
        let input = "Intro {% include note.html %} here.\n\
            {{< youtube dQw4w9WgXcQ >}}\n\
            {{< vimeo id=\"123\" >}}\n\
            {{< figure src=\"/img/a.png\" caption=\"A [chart]\" >}}\n\
            {% highlight ruby %}\n\
            puts {{ x }} {% not a tag %}\n\
            {% endhighlight %}\n\
            {{< notice warning >}}\n\
            Careful.\n\
            {{< /notice >}}\n\
            [Docs]({{ \"/docs/\" | relative_url }}) {{ page.title }}\n\
            {{< gist user 123 >}}\n\
            {{% mycode %}}x{{% /mycode %}}\n";
        let p = prepare(input, false);
        assert_eq!(
            p.body,
            "Intro  here.\n\
             <https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n\
             <https://vimeo.com/123>\n\
             <figure><img src=\"/img/a.png\" alt=\"A [chart]\"><figcaption>A [chart]</figcaption></figure>\n\
             ```ruby\n\
             puts {{ x }} {% not a tag %}\n\
             ```\n\
             :::warning\n\
             Careful.\n\
             :::\n\
             [Docs](/docs/) \n\
             \n\
             x\n"
        );
        assert_eq!(
            p.body.lines().count(),
            input.lines().count(),
            "line for line"
        );
        assert_eq!(
            p.removed,
            vec![
                (0, "{% include note.html %}".to_owned()),
                (10, "{{ page.title }}".to_owned()),
                (11, "{{< gist user 123 >}}".to_owned()),
                (12, "{{% mycode %}}".to_owned()),
            ]
        );
    }

    #[test]
    fn loop_variables_go_with_their_loop() {
        let p = prepare(
            "{% for issue in list %}\n[#{{ issue }}]: {{ site.repository }}/issues/{{ issue.id }}\n{% endfor %}\n{{ other }}\n",
            false,
        );
        assert_eq!(p.body, "\n[#]: /issues/\n\n\n");
        assert_eq!(p.removed.len(), 5, "{:?}", p.removed);
    }

    #[test]
    fn mdx_imports_go() {
        let p = prepare(
            "import X from './x';\nexport const a = 1;\n\n# T\n\n```js\nimport y\n```\n",
            true,
        );
        assert_eq!(p.mdx_removed, 2);
        assert_eq!(p.body, "\n# T\n\n```js\nimport y\n```\n");
    }
}
