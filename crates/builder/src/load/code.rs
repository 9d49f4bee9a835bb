//! Code blocks: what a fence's info string says (language, title, marked
//! lines) and syntax highlighting at build time.
//!
//! Highlighting is syntect's parser with the grammars bat ships (two-face:
//! syntect's own set lacks TypeScript, TOML, Kotlin and Dockerfile). Its
//! TextMate scopes are reduced to the few token kinds of
//! [`blog_bundle::code`], which the stylesheet colours for both themes, so
//! the tree carries classes, never colours or markup.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use blog_bundle::code::{
    ATTRIBUTE, COMMENT, CONSTANT, DELETED, FUNCTION, HUNK, INSERTED, KEYWORD, PLAIN, STRING, TAG,
    TYPE,
};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// What a fence's info string says: ```` ```rust title="main.rs" {2,4-5} ````.
#[derive(Debug, Default, PartialEq)]
pub struct Fence {
    pub lang: Option<String>,
    pub title: Option<String>,
    pub marked: Vec<u32>,
}

/// Marked lines past this many are not read (`{1-100000000}`).
const MAX_MARKED: u32 = 10_000;

/// Reads the info strings of Markdown generators: the language first (or
/// before a comma, as in `rust,ignore`), then `title="…"` (or `title=…`),
/// and marked lines as `{1,3-5}` (Docusaurus, Astro), `hl_lines="1 3-5"`
/// (Hugo, Zola), `{hl_lines=[1,"3-5"]}` or `mark={1}`.
pub fn parse_fence(info: &str) -> Fence {
    let info = info.trim();
    let lang_end = info
        .find(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .unwrap_or(info.len());
    let lang = Some(&info[..lang_end])
        .filter(|l| !l.is_empty())
        .map(|l| l.to_ascii_lowercase());
    let rest = &info[lang_end..];
    let title = attribute(rest, "title");
    let mut marked = Vec::new();
    let mut ranges = Vec::new();
    for key in ["hl_lines", "mark", "highlight", "lines"] {
        if let Some(v) = attribute(rest, key) {
            ranges.push(v);
        }
    }
    // A bare `{…}` of numbers, outside quotes.
    if let Some(open) = rest.find('{') {
        let inner = &rest[open + 1..];
        let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
        if inner
            .chars()
            .all(|c| c.is_ascii_digit() || " ,-".contains(c))
        {
            ranges.push(inner.to_owned());
        }
    }
    for spec in ranges {
        for part in spec.split(|c: char| c == ',' || c.is_whitespace() || c == '[' || c == ']') {
            let part = part.trim_matches('"');
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
                for n in a.max(1)..=b.min(MAX_MARKED) {
                    marked.push(n);
                }
            }
        }
    }
    marked.sort_unstable();
    marked.dedup();
    Fence {
        lang,
        title,
        marked,
    }
}

/// `key="value"`, `key='value'` or `key=value` in an info string.
fn attribute(info: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = info[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let before = info[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            continue;
        }
        let Some(rest) = info[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '}')
                .next()
                .unwrap_or(""),
        };
        let value = value.trim();
        return (!value.is_empty()).then(|| value.to_owned());
    }
    None
}

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Names authors use that are no grammar's file extension.
fn grammar(lang: &str) -> Option<&'static SyntaxReference> {
    let set = &*SYNTAXES;
    let token = match lang {
        "shell" | "console" | "shell-session" | "sh-session" | "terminal" | "zsh" | "fish" => {
            "bash"
        }
        "golang" => "go",
        "c++" => "cpp",
        "jsx" | "javascriptreact" => "js",
        "typescriptreact" => "tsx",
        "py3" | "python3" => "py",
        "text" | "txt" | "plain" | "plaintext" | "none" | "output" => return None,
        other => other,
    };
    set.find_syntax_by_token(token)
}

/// The token kind of a TextMate scope, by its most telling prefix.
fn kind_of(scope: &str) -> Option<u8> {
    const RULES: [(&str, u8); 24] = [
        ("comment", COMMENT),
        ("string", STRING),
        ("constant.character.escape", STRING),
        ("constant", CONSTANT),
        ("markup.inserted", INSERTED),
        ("markup.deleted", DELETED),
        ("meta.diff.range", HUNK),
        ("meta.diff.header", HUNK),
        ("markup.heading", KEYWORD),
        ("keyword.operator", PLAIN),
        ("keyword", KEYWORD),
        // `const`, `fn`, `int`: keywords to every reader, whatever the grammar says.
        ("storage", KEYWORD),
        ("variable.language", CONSTANT),
        ("support.constant", CONSTANT),
        ("entity.name.function", FUNCTION),
        ("support.function", FUNCTION),
        ("variable.function", FUNCTION),
        ("entity.name.tag", TAG),
        ("entity.other.attribute-name", ATTRIBUTE),
        ("support.type.property-name", ATTRIBUTE),
        ("meta.mapping.key", ATTRIBUTE),
        ("entity.name", TYPE),
        ("support.type", TYPE),
        ("support.class", TYPE),
    ];
    RULES
        .iter()
        .find(|(prefix, _)| {
            scope.starts_with(prefix)
                && scope[prefix.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == '.')
        })
        .map(|&(_, kind)| kind)
}

/// The kind of the innermost scope that has one (cached: scopes are few).
fn kind_of_stack(stack: &ScopeStack, cache: &Mutex<HashMap<Scope, Option<u8>>>) -> u8 {
    for scope in stack.as_slice().iter().rev() {
        let kind = *cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(*scope)
            .or_insert_with(|| kind_of(&scope.build_string()));
        if let Some(kind) = kind {
            return kind;
        }
    }
    PLAIN
}

static KINDS: LazyLock<Mutex<HashMap<Scope, Option<u8>>>> = LazyLock::new(Default::default);

/// Code longer than this is shown plain: highlighting it would cost more
/// than it helps (generated files, data dumps).
const MAX_HIGHLIGHTED: usize = 256 * 1024;

/// `code` in `lang` as (token kind, length in bytes) pieces, neighbours of
/// one kind merged; `None` when the language is not known (or the grammar fails).
pub fn highlight(lang: &str, code: &str) -> Option<Vec<(u8, u32)>> {
    if code.len() > MAX_HIGHLIGHTED {
        return None;
    }
    let syntax = grammar(lang)?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut spans: Vec<(u8, u32)> = Vec::new();
    let mut push = |kind: u8, len: usize| {
        if len == 0 {
            return;
        }
        match spans.last_mut() {
            Some((k, l)) if *k == kind => *l += len as u32,
            _ => spans.push((kind, len as u32)),
        }
    };
    for line in code.split_inclusive('\n') {
        let ops = state.parse_line(line, &SYNTAXES).ok()?;
        let mut at = 0;
        for (pos, op) in ops {
            push(kind_of_stack(&stack, &KINDS), pos - at);
            at = pos;
            stack.apply(&op).ok()?;
        }
        push(kind_of_stack(&stack, &KINDS), line.len() - at);
    }
    (spans.iter().any(|(k, _)| *k != PLAIN)).then_some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_bundle::code::pieces;

    #[test]
    fn fences_of_every_generator() {
        let fence = |lang: Option<&str>, title: Option<&str>, marked: &[u32]| Fence {
            lang: lang.map(Into::into),
            title: title.map(Into::into),
            marked: marked.to_vec(),
        };
        for (info, want) in [
            ("", fence(None, None, &[])),
            ("rust", fence(Some("rust"), None, &[])),
            ("rust,ignore", fence(Some("rust"), None, &[])),
            (
                "JS title=\"app.js\"",
                fence(Some("js"), Some("app.js"), &[]),
            ),
            (
                "js title='a b.js' {2,4-5}",
                fence(Some("js"), Some("a b.js"), &[2, 4, 5]),
            ),
            ("python {6}", fence(Some("python"), None, &[6])),
            ("go{1-2}", fence(Some("go"), None, &[1, 2])),
            (
                "toml hl_lines=\"1 3-4\"",
                fence(Some("toml"), None, &[1, 3, 4]),
            ),
            (
                "yaml {hl_lines=[1,\"3-4\"]}",
                fence(Some("yaml"), None, &[1, 3, 4]),
            ),
            (
                "sh title=run.sh mark={3}",
                fence(Some("sh"), Some("run.sh"), &[3]),
            ),
            ("c {0-2}", fence(Some("c"), None, &[1, 2])),
            ("c {1-99999999999}", fence(Some("c"), None, &[])),
            ("text subtitle=\"no\"", fence(Some("text"), None, &[])),
        ] {
            assert_eq!(parse_fence(info), want, "{info}");
        }
    }

    fn kinds(lang: &str, code: &str) -> Vec<(u8, String)> {
        let spans = highlight(lang, code).unwrap_or_else(|| panic!("{lang} not highlighted"));
        pieces(code, &spans)
            .into_iter()
            .map(|(class, text)| {
                let kind = blog_bundle::code::TOKEN_CLASSES
                    .iter()
                    .position(|c| Some(*c) == class)
                    .unwrap_or(0) as u8;
                (kind, text.to_owned())
            })
            .collect()
    }

    #[test]
    fn the_languages_real_blogs_use_are_highlighted() {
        for (lang, code, kind, token) in [
            ("rust", "fn main() { let x = \"hi\"; }\n", STRING, "\"hi\""),
            ("rust", "// note\nfn main() {}\n", COMMENT, "// note\n"),
            ("js", "const a = 1; // x\n", KEYWORD, "const"),
            ("ts", "let a: number = 1;\n", TYPE, "number"),
            ("jsx", "function App() { return 1 }\n", FUNCTION, "App"),
            ("python", "def f():\n    return None\n", CONSTANT, "None"),
            ("go", "package main\nfunc main() {}\n", KEYWORD, "package"),
            ("c", "int main(void) { return 0; }\n", KEYWORD, "int"),
            ("cpp", "#include <vector>\n", STRING, "<vector>"),
            ("java", "public class A {}\n", KEYWORD, "public"),
            ("kotlin", "fun main() = println(\"x\")\n", STRING, "\"x\""),
            ("ruby", "def hi; puts 'x'; end\n", STRING, "'x'"),
            ("php", "<?php echo 'x'; ?>\n", STRING, "'x'"),
            ("bash", "echo \"$HOME\" # x\n", COMMENT, "# x"),
            ("console", "ls -la # list\n", COMMENT, "# list"),
            ("sql", "SELECT * FROM t WHERE id = 1;\n", KEYWORD, "SELECT"),
            ("html", "<p class=\"x\">hi</p>\n", TAG, "p"),
            ("css", "a { color: red; }\n", ATTRIBUTE, "color"),
            ("json", "{\"a\": true}\n", CONSTANT, "true"),
            ("yaml", "key: 'v'\n", STRING, "'v'"),
            ("toml", "[x]\nname = \"v\"\n", STRING, "\"v\""),
            (
                "diff",
                "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n",
                INSERTED,
                "+new\n",
            ),
            (
                "dockerfile",
                "FROM rust:1.95\nRUN cargo build\n",
                KEYWORD,
                "FROM",
            ),
        ] {
            let got = kinds(lang, code);
            assert!(
                got.iter().any(|(k, t)| *k == kind && t.contains(token)),
                "{lang}: {token:?} as {kind} in {got:?}"
            );
            let whole: String = got.iter().map(|(_, t)| t.as_str()).collect();
            assert_eq!(whole, code, "{lang}: the pieces are the code");
        }
        assert_eq!(highlight("brainfudge", "+++"), None);
        assert_eq!(highlight("text", "plain"), None);
    }
}
