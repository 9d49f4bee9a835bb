//! Formulas in the document tree: MathML made from LaTeX at build time,
//! reduced to MathML Core's presentation elements and a few plain
//! attributes. Browsers lay it out themselves; no script runs for it.

use serde::{Deserialize, Serialize};

/// One node of a formula.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum MathNode {
    #[serde(rename = "e")]
    El {
        tag: MathTag,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attrs: Vec<(MathAttr, String)>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        children: Vec<MathNode>,
    },
    #[serde(rename = "t")]
    Text(String),
}

macro_rules! names {
    ($(#[$doc:meta])* $ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $ty {
            $(#[serde(rename = $name)] $variant,)*
        }

        impl $ty {
            /// Its name in MathML.
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)* }
            }

            /// The kept one of this name, if it is kept.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)* _ => None }
            }
        }
    };
}

names! {
    /// The elements kept inside `<math>`: MathML Core's presentation markup.
    MathTag {
        Mi = "mi", Mn = "mn", Mo = "mo", Mtext = "mtext", Mspace = "mspace",
        Mrow = "mrow", Mfrac = "mfrac", Msqrt = "msqrt", Mroot = "mroot",
        Msub = "msub", Msup = "msup", Msubsup = "msubsup", Munder = "munder",
        Mover = "mover", Munderover = "munderover", Mmultiscripts = "mmultiscripts",
        Mprescripts = "mprescripts", Mtable = "mtable", Mtr = "mtr", Mtd = "mtd",
        Mpadded = "mpadded", Mphantom = "mphantom", Mstyle = "mstyle",
        Menclose = "menclose", Merror = "merror", Ms = "ms",
    }
}

names! {
    /// The attributes kept on them: layout only (no links, ids or classes).
    MathAttr {
        Mathvariant = "mathvariant", Displaystyle = "displaystyle",
        Scriptlevel = "scriptlevel", Lspace = "lspace", Rspace = "rspace",
        Stretchy = "stretchy", Symmetric = "symmetric", Largeop = "largeop",
        Movablelimits = "movablelimits", Form = "form", Fence = "fence",
        Separator = "separator", Minsize = "minsize", Maxsize = "maxsize",
        Accent = "accent", Accentunder = "accentunder", Linethickness = "linethickness",
        Width = "width", Height = "height", Depth = "depth", Voffset = "voffset",
        Notation = "notation", Columnalign = "columnalign", Rowalign = "rowalign",
        Columnspan = "columnspan", Rowspan = "rowspan", Mathcolor = "mathcolor",
        Mathbackground = "mathbackground", Style = "style",
    }
}

/// Whether an attribute's value is safe to publish as it is: `style` may
/// only set plain values (no `url(…)` or other functions that fetch).
pub fn attr_value_allowed(attr: MathAttr, value: &str) -> bool {
    match attr {
        MathAttr::Style => value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .:;%#-,".contains(c)),
        _ => !value.contains(['<', '>']),
    }
}

/// A formula's text, for search and summaries: its characters in order.
pub fn math_text(nodes: &[MathNode], out: &mut String) {
    for n in nodes {
        match n {
            MathNode::Text(t) => out.push_str(t),
            MathNode::El { children, .. } => math_text(children, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for tag in [MathTag::Mi, MathTag::Munderover, MathTag::Ms] {
            assert_eq!(MathTag::from_name(tag.name()), Some(tag));
        }
        assert_eq!(MathTag::from_name("script"), None);
        assert_eq!(MathAttr::from_name("href"), None);
        assert_eq!(MathAttr::from_name("style"), Some(MathAttr::Style));
    }

    #[test]
    fn style_values_cannot_fetch() {
        assert!(attr_value_allowed(
            MathAttr::Style,
            "padding: 0.2em; color: #ff0000"
        ));
        assert!(!attr_value_allowed(
            MathAttr::Style,
            "background: url(https://x)"
        ));
        assert!(!attr_value_allowed(
            MathAttr::Style,
            "color: red\"><script>"
        ));
    }
}
