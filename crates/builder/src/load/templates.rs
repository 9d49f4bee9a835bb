//! The template syntax of other generators that a body needs before it is
//! Markdown: links to posts written as Liquid or shortcode tags
//! (`{% post_url 2013-05-06-x %}`, `{% link _posts/x.markdown %}`,
//! `{{< ref "x.md" >}}`, `{{< relref "x" >}}`) become source links the link
//! resolver understands, and MDX's `import`/`export` lines go. Fenced code
//! and `{% raw %}` regions are left as they are.

/// The body with link tags replaced, and the number of MDX lines removed.
pub fn prepare(body: &str, mdx: bool) -> (String, usize) {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<String> = None;
    let mut removed = 0;
    let mut raw = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
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
            removed += 1;
            continue;
        }
        out.push_str(&replace_tags(line, &mut raw));
    }
    (out, removed)
}

/// One line with its link tags replaced (`raw` carries `{% raw %}` across lines).
fn replace_tags(line: &str, raw: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        let next = [("{%", "%}"), ("{{<", ">}}"), ("{{%", "%}}")]
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
        if *raw {
            if open == "{%" && name == "endraw" {
                *raw = false;
                out.push_str(&rest[..at]);
            } else {
                out.push_str(&rest[..end]);
            }
            rest = &rest[end..];
            continue;
        }
        out.push_str(&rest[..at]);
        let arg = words
            .next()
            .map(|a| a.trim_matches(|c| c == '"' || c == '\''));
        match (open, name, arg) {
            ("{%", "raw", _) => *raw = true,
            ("{%", "post_url" | "link", Some(arg)) => {
                out.push_str("@/");
                out.push_str(arg);
            }
            ("{{<" | "{{%", "ref" | "relref", Some(arg)) => out.push_str(arg),
            _ => out.push_str(&rest[at..end]),
        }
        rest = &rest[end..];
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
            (
                "{{< youtube id >}} and {% include x.html %}\n",
                "{{< youtube id >}} and {% include x.html %}\n",
            ),
            ("std::{{closure}}\n", "std::{{closure}}\n"),
        ];
        for (input, want) in cases {
            assert_eq!(prepare(input, false).0, want, "{input}");
        }
    }

    #[test]
    fn mdx_imports_go() {
        let (out, n) = prepare(
            "import X from './x';\nexport const a = 1;\n\n# T\n\n```js\nimport y\n```\n",
            true,
        );
        assert_eq!(n, 2);
        assert_eq!(out, "\n# T\n\n```js\nimport y\n```\n");
    }
}
