//! LaTeX formulas (`$…$`, `$$…$$`) to MathML at build time, with
//! [math-core](https://docs.rs/math-core) (pure Rust, MathML Core output that
//! browsers render natively, so the reader needs no script for it). Its
//! output is read back with roxmltree into the allow-listed
//! [`MathNode`] tree: elements and attributes outside the lists are dropped.

use blog_bundle::math::{MathAttr, MathNode, MathTag, attr_value_allowed};
use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

thread_local! {
    static CONVERTER: LatexToMathML =
        LatexToMathML::new(MathCoreConfig::default()).expect("no macros to parse");
}

/// The children of the formula's `<math>` element, or why LaTeX could not
/// be read (an unknown command, an unclosed group…).
pub fn to_mathml(tex: &str, block: bool) -> Result<Vec<MathNode>, String> {
    let display = if block {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    let mathml = CONVERTER
        .with(|c| c.convert_with_local_state(tex, display))
        .map_err(|e| e.to_string())?
        .mathml;
    let doc = roxmltree::Document::parse(&mathml).map_err(|e| e.to_string())?;
    Ok(children(doc.root_element()))
}

fn children(node: roxmltree::Node) -> Vec<MathNode> {
    let mut out = Vec::new();
    for child in node.children() {
        if let Some(text) = child.text().filter(|_| child.is_text()) {
            if !text.trim().is_empty() {
                out.push(MathNode::Text(text.trim().to_owned()));
            }
        } else if child.is_element() {
            match MathTag::from_name(child.tag_name().name()) {
                Some(tag) => out.push(MathNode::El {
                    tag,
                    attrs: child
                        .attributes()
                        .filter_map(|a| {
                            let attr = MathAttr::from_name(a.name())?;
                            attr_value_allowed(attr, a.value())
                                .then(|| (attr, a.value().to_owned()))
                        })
                        .collect(),
                    children: children(child),
                }),
                // `<semantics>`, `<span>`…: their content stays.
                None => out.extend(children(child)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: MathTag, children: Vec<MathNode>) -> MathNode {
        MathNode::El {
            tag,
            attrs: vec![],
            children,
        }
    }
    fn t(s: &str) -> MathNode {
        MathNode::Text(s.into())
    }

    #[test]
    fn superscripts_and_fractions() {
        assert_eq!(
            to_mathml("x^2", false).unwrap(),
            vec![el(
                MathTag::Msup,
                vec![el(MathTag::Mi, vec![t("x")]), el(MathTag::Mn, vec![t("2")])]
            )]
        );
        let frac = to_mathml(r"\frac{a}{b}", true).unwrap();
        assert!(
            matches!(
                &frac[..],
                [MathNode::El {
                    tag: MathTag::Mfrac,
                    ..
                }]
            ),
            "{frac:?}"
        );
    }

    #[test]
    fn greek_roots_and_sums_convert() {
        for tex in [
            r"\alpha + \beta",
            r"\sqrt{b^2 - 4ac}",
            r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
            r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
            r"e^{i\pi} + 1 = 0",
        ] {
            let nodes = to_mathml(tex, true).unwrap_or_else(|e| panic!("{tex}: {e}"));
            assert!(!nodes.is_empty(), "{tex}");
        }
    }

    #[test]
    fn unknown_commands_are_errors() {
        let err = to_mathml(r"\notacommand{x}", false).unwrap_err();
        assert!(err.contains("notacommand"), "{err}");
        assert!(to_mathml(r"\frac{a}{b", false).is_err());
    }

    #[test]
    fn links_ids_and_classes_are_not_kept() {
        let nodes = to_mathml(r"\href{https://example.com}{x}", false);
        let dump = format!("{nodes:?}");
        assert!(!dump.contains("example.com"), "{dump}");
        let mut text = String::new();
        blog_bundle::math::math_text(&to_mathml(r"\text{hi} + y", false).unwrap(), &mut text);
        assert_eq!(text, "hi+y");
    }
}
