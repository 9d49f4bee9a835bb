//! Highlighted code in the document tree: the kinds of token the builder
//! tells apart, as CSS classes (`tok-k`…) whose colours the stylesheet sets for
//! the light and the dark theme.

/// The class of each token kind; kind 0 is plain text (no element).
pub const TOKEN_CLASSES: [&str; 12] = [
    "", "tok-c", "tok-s", "tok-n", "tok-k", "tok-f", "tok-t", "tok-g", "tok-a", "tok-i", "tok-d",
    "tok-h",
];

pub const PLAIN: u8 = 0;
pub const COMMENT: u8 = 1;
pub const STRING: u8 = 2;
/// Numbers and language constants (`true`, `None`, `null`).
pub const CONSTANT: u8 = 3;
pub const KEYWORD: u8 = 4;
pub const FUNCTION: u8 = 5;
pub const TYPE: u8 = 6;
/// Markup tag names.
pub const TAG: u8 = 7;
/// Markup attribute names, keys.
pub const ATTRIBUTE: u8 = 8;
/// Lines a diff adds, removes, and its range headers.
pub const INSERTED: u8 = 9;
pub const DELETED: u8 = 10;
pub const HUNK: u8 = 11;

/// The pieces of `code` that `spans` describe, with the class of each
/// (`None` for plain text). A span past the end or off a character boundary
/// ends the walk: the rest is plain.
pub fn pieces<'a>(code: &'a str, spans: &[(u8, u32)]) -> Vec<(Option<&'static str>, &'a str)> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    let mut at = 0usize;
    for &(kind, len) in spans {
        let end = at + len as usize;
        let Some(text) = code.get(at..end) else {
            break;
        };
        let class = TOKEN_CLASSES
            .get(kind as usize)
            .copied()
            .filter(|c| !c.is_empty());
        out.push((class, text));
        at = end;
    }
    if at < code.len() {
        out.push((None, &code[at..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cut_the_code_and_bad_spans_stop_safely() {
        assert_eq!(
            pieces("let x = 1;", &[(KEYWORD, 3), (PLAIN, 5), (CONSTANT, 1)]),
            vec![
                (Some("tok-k"), "let"),
                (None, " x = "),
                (Some("tok-n"), "1"),
                (None, ";")
            ]
        );
        // Off a character boundary (ж is two bytes), or past the end.
        assert_eq!(pieces("жx", &[(STRING, 1)]), vec![(None, "жx")]);
        assert_eq!(pieces("ab", &[(STRING, 5)]), vec![(None, "ab")]);
        assert_eq!(pieces("ab", &[(99, 1)]), vec![(None, "a"), (None, "b")]);
    }
}
