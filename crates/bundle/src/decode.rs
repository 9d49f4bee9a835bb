//! Reading the bundle back in the reader, without serde's derives.
//!
//! The builder writes the bundle with serde (`Serialize`); the reader gets
//! each file from the browser's `JSON.parse` and reads the values it needs
//! through [`Json`]. serde's derived decoders, with their visitors for every
//! type and variant, were an eighth of the reader's WebAssembly; these
//! functions read the same JSON in a fraction of the code. The form is
//! serde's, as the types' attributes make it: structs are objects with
//! their fields' names, enums are externally tagged (`"hr"`, `{"p": […]}`),
//! [`LinkTarget`] is adjacently tagged (`{"k": "post", "v": …}`), fields
//! serde skips when empty are read as empty when absent.
//!
//! `tests/bundle_decode.rs` in the builder holds the two to each other: every
//! file of built real blogs, decoded here from `serde_json::Value`, equals
//! what serde decodes.

use crate::math::{MathAttr, MathNode, MathTag};
use crate::search::{SearchDoc, SearchKeys};
use crate::{
    Align, Archive, ArchiveMonth, ArchiveYear, Block, CalloutKind, Footnote, Inline, InlineTag,
    LinkTarget, ListItem, ListPage, Manifest, Post, PostLink, PostSummary, RelatedPost, SiteConfig,
    Tag, TagCount, TagIndex, TagPage, TocEntry, embed::VideoHost,
};

/// A parsed JSON value, as the decoders read it.
pub trait Json: Sized {
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// An object's field, None when it is absent or null.
    fn field(&self, name: &str) -> Option<Self>;
    /// An array's elements.
    fn elements(&self) -> Option<Vec<Self>>;
    /// An externally tagged enum's variant: a string names a variant without
    /// data; an object with one field, a variant and its data.
    fn variant(&self) -> Option<(String, Option<Self>)>;
}

/// A bundle type read from JSON: None when the value is not one.
pub trait Decode: Sized {
    fn decode<J: Json>(value: &J) -> Option<Self>;

    /// The value of an absent field: an error, except for what serde skips
    /// when empty or leaves out when None.
    fn absent() -> Option<Self> {
        None
    }
}

/// Field `name` of the object `value`.
pub fn field<T: Decode, J: Json>(value: &J, name: &str) -> Option<T> {
    match value.field(name) {
        Some(v) => T::decode(&v),
        None => T::absent(),
    }
}

/// A struct, or an enum's struct variant, from the fields of the same names.
macro_rules! fields {
    ($value:expr, $($path:ident)::+ { $($f:ident),* $(,)? }) => {{
        let value = $value;
        $($path)::+ { $($f: field(value, stringify!($f))?,)* }
    }};
}

macro_rules! structs {
    ($($ty:ident { $($f:ident),* $(,)? })*) => {$(
        impl Decode for $ty {
            fn decode<J: Json>(value: &J) -> Option<Self> {
                Some(fields!(value, $ty { $($f),* }))
            }
        }
    )*};
}

structs! {
    Manifest { schema_version, build_id, site, post_count, page_count }
    SiteConfig { title, description, language, base_url, author, posts_per_page }
    PostSummary {
        path, title, description, date, updated, author, hero_image, hero_width,
        hero_variants, word_count, reading_minutes, tags,
    }
    Tag { slug, name }
    ListPage { build_id, page, page_count, total, posts }
    Post { build_id, summary, headline, toc, body, prev, next, related }
    RelatedPost { path, title, date, shared_tags, shared_words }
    TagIndex { build_id, tags }
    TagCount { tag, count }
    TagPage { build_id, tag, page, page_count, total, posts }
    Archive { build_id, years }
    ArchiveYear { year, months }
    ArchiveMonth { month, posts }
    PostLink { path, title, date }
    TocEntry { level, id, text }
    ListItem { checked, blocks }
    Footnote { number, blocks }
    SearchKeys { build_id, keys }
    SearchDoc { path, title, date, description }
}

impl Decode for Block {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        let (name, data) = value.variant()?;
        if name == "hr" {
            return Some(Block::Rule);
        }
        let data = &data?;
        Some(match name.as_str() {
            "p" => Block::Paragraph(Decode::decode(data)?),
            "h" => fields!(data, Block::Heading { level, id, content }),
            "ul" => fields!(data, Block::List { start, items }),
            "quote" => Block::BlockQuote(Decode::decode(data)?),
            "callout" => fields!(
                data,
                Block::Callout {
                    kind,
                    title,
                    blocks
                }
            ),
            "details" => fields!(
                data,
                Block::Details {
                    summary,
                    open,
                    blocks
                }
            ),
            "figure" => fields!(data, Block::Figure { content, caption }),
            "embed" => fields!(data, Block::Embed { host, id, title }),
            "code" => fields!(
                data,
                Block::CodeBlock {
                    lang,
                    code,
                    title,
                    marked,
                    spans
                }
            ),
            "table" => fields!(data, Block::Table { align, head, rows }),
            "notes" => Block::Footnotes(Decode::decode(data)?),
            _ => return None,
        })
    }
}

impl Decode for Inline {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        let (name, data) = value.variant()?;
        if name == "br" {
            return Some(Inline::LineBreak);
        }
        let data = &data?;
        Some(match name.as_str() {
            "s" => Inline::Text(data.string()?),
            "code" => Inline::Code(data.string()?),
            "em" => Inline::Emphasis(Decode::decode(data)?),
            "b" => Inline::Strong(Decode::decode(data)?),
            "del" => Inline::Strikethrough(Decode::decode(data)?),
            "a" => fields!(
                data,
                Inline::Link {
                    target,
                    title,
                    content
                }
            ),
            "img" => fields!(
                data,
                Inline::Image {
                    src,
                    alt,
                    title,
                    size,
                    variants
                }
            ),
            "math" => fields!(data, Inline::Math { block, nodes }),
            "av" => fields!(data, Inline::Media { video, src, poster }),
            "fn" => Inline::FootnoteRef(Decode::decode(data)?),
            "tag" => fields!(
                data,
                Inline::Tagged {
                    tag,
                    title,
                    content
                }
            ),
            _ => return None,
        })
    }
}

impl Decode for LinkTarget {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        let data = value.field("v")?;
        Some(match value.field("k")?.string()?.as_str() {
            "post" => fields!(&data, LinkTarget::Post { path, fragment }),
            "site" => LinkTarget::Site(data.string()?),
            "anchor" => LinkTarget::Anchor(data.string()?),
            "ext" => LinkTarget::External(data.string()?),
            _ => return None,
        })
    }
}

impl Decode for MathNode {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        let (name, data) = value.variant()?;
        let data = &data?;
        Some(match name.as_str() {
            "e" => fields!(
                data,
                MathNode::El {
                    tag,
                    attrs,
                    children
                }
            ),
            "t" => MathNode::Text(data.string()?),
            _ => return None,
        })
    }
}

/// Enums without data, by the names serde gives their variants.
macro_rules! named {
    ($($ty:ty => $from_name:expr;)*) => {$(
        impl Decode for $ty {
            fn decode<J: Json>(value: &J) -> Option<Self> {
                $from_name(value.string()?.as_str())
            }
        }
    )*};
}

named! {
    MathTag => MathTag::from_name;
    MathAttr => MathAttr::from_name;
    InlineTag => InlineTag::from_html;
    CalloutKind => |name| [
        CalloutKind::Note, CalloutKind::Tip, CalloutKind::Important,
        CalloutKind::Warning, CalloutKind::Caution,
    ].into_iter().find(|k| k.name() == name);
    Align => |name| match name {
        "none" => Some(Align::None),
        "left" => Some(Align::Left),
        "center" => Some(Align::Center),
        "right" => Some(Align::Right),
        _ => None,
    };
    VideoHost => |name| match name {
        "youtube" => Some(VideoHost::YouTube),
        "vimeo" => Some(VideoHost::Vimeo),
        _ => None,
    };
}

impl Decode for String {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        value.string()
    }
}

impl Decode for bool {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        value.boolean()
    }

    fn absent() -> Option<Self> {
        Some(false)
    }
}

macro_rules! integers {
    ($($ty:ty)*) => {$(
        impl Decode for $ty {
            fn decode<J: Json>(value: &J) -> Option<Self> {
                let n = value.number()?;
                let whole = n.fract() == 0.0 && n >= <$ty>::MIN as f64 && n <= <$ty>::MAX as f64;
                whole.then_some(n as $ty)
            }
        }
    )*};
}

integers!(u8 u32 u64 usize i32);

impl<T: Decode> Decode for Option<T> {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        T::decode(value).map(Some)
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        value.elements()?.iter().map(T::decode).collect()
    }

    fn absent() -> Option<Self> {
        Some(Vec::new())
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        match &value.elements()?[..] {
            [a, b] => Some((A::decode(a)?, B::decode(b)?)),
            _ => None,
        }
    }
}

impl Decode for [u32; 2] {
    fn decode<J: Json>(value: &J) -> Option<Self> {
        let (a, b) = <(u32, u32)>::decode(value)?;
        Some([a, b])
    }
}

/// The builder's and the tests' JSON.
#[cfg(not(target_arch = "wasm32"))]
impl Json for serde_json::Value {
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| !v.is_null()).cloned()
    }

    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }

    fn variant(&self) -> Option<(String, Option<Self>)> {
        if let Some(name) = self.as_str() {
            return Some((name.to_owned(), None));
        }
        let object = self.as_object()?;
        let (name, data) = object.iter().next().filter(|_| object.len() == 1)?;
        Some((name.clone(), Some(data.clone())))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    fn decoded<T: Decode>(value: serde_json::Value) -> Option<T> {
        T::decode(&value)
    }

    /// A body with every kind of block and inline node (and each kind of link).
    pub(crate) fn every_kind_of_node() -> Vec<Block> {
        vec![
            Block::Heading {
                level: 2,
                id: "почему".into(),
                content: vec![Inline::Text("Почему".into())],
            },
            Block::Paragraph(vec![
                Inline::Emphasis(vec![Inline::Strong(vec![Inline::Strikethrough(vec![])])]),
                Inline::Code("x".into()),
                Inline::LineBreak,
                Inline::FootnoteRef(1),
                Inline::Link {
                    target: LinkTarget::Post {
                        path: "blog/x".into(),
                        fragment: None,
                    },
                    title: Some("t".into()),
                    content: vec![],
                },
                Inline::Link {
                    target: LinkTarget::Site("/f.pdf".into()),
                    title: None,
                    content: vec![],
                },
                Inline::Link {
                    target: LinkTarget::Anchor("a".into()),
                    title: None,
                    content: vec![],
                },
                Inline::Link {
                    target: LinkTarget::External("https://e.org".into()),
                    title: None,
                    content: vec![],
                },
                Inline::Image {
                    src: "i.png".into(),
                    alt: "i".into(),
                    title: None,
                    size: Some([640, 480]),
                    variants: vec![320],
                },
                Inline::Math {
                    block: true,
                    nodes: vec![MathNode::El {
                        tag: MathTag::Mfrac,
                        attrs: vec![(MathAttr::Displaystyle, "true".into())],
                        children: vec![MathNode::Text("1".into())],
                    }],
                },
                Inline::Media {
                    video: true,
                    src: "v.mp4".into(),
                    poster: None,
                },
                Inline::Tagged {
                    tag: InlineTag::Kbd,
                    title: None,
                    content: vec![],
                },
            ]),
            Block::List {
                start: Some(3),
                items: vec![ListItem {
                    checked: Some(true),
                    blocks: vec![Block::Rule],
                }],
            },
            Block::BlockQuote(vec![]),
            Block::Callout {
                kind: CalloutKind::Warning,
                title: None,
                blocks: vec![],
            },
            Block::Details {
                summary: "s".into(),
                open: true,
                blocks: vec![],
            },
            Block::Figure {
                content: vec![],
                caption: vec![Inline::Text("c".into())],
            },
            Block::Embed {
                host: VideoHost::Vimeo,
                id: "1".into(),
                title: None,
            },
            Block::CodeBlock {
                lang: Some("rust".into()),
                code: "fn".into(),
                title: None,
                marked: vec![1],
                spans: vec![(3, 2)],
            },
            Block::Table {
                align: vec![Align::Center, Align::None],
                head: vec![vec![]],
                rows: vec![vec![vec![Inline::Text("r".into())]]],
            },
            Block::Footnotes(vec![Footnote {
                number: 1,
                blocks: vec![],
            }]),
        ]
    }

    #[test]
    fn every_kind_of_node_reads_back_as_serde_wrote_it() {
        let body = every_kind_of_node();
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(decoded::<Vec<Block>>(json), Some(body));
    }

    #[test]
    fn what_is_not_the_bundles_form_is_refused() {
        assert_eq!(
            decoded::<Block>(json!("p")),
            None,
            "a variant with data, without it"
        );
        assert_eq!(
            decoded::<Block>(json!({"p": [], "h": {}})),
            None,
            "two variants"
        );
        assert_eq!(
            decoded::<Block>(json!({"script": "x"})),
            None,
            "no such variant"
        );
        assert_eq!(decoded::<u8>(json!(256)), None);
        assert_eq!(decoded::<u32>(json!(1.5)), None);
        assert_eq!(decoded::<u32>(json!(-1)), None);
        assert_eq!(
            decoded::<Tag>(json!({"slug": "a"})),
            None,
            "a field missing"
        );
        assert_eq!(decoded::<(u8, u32)>(json!([1])), None);
    }

    #[test]
    fn fields_serde_skips_read_as_empty() {
        let link =
            decoded::<Inline>(json!({"a": {"target": {"k": "anchor", "v": "x"}, "content": []}}));
        assert_eq!(
            link,
            Some(Inline::Link {
                target: LinkTarget::Anchor("x".into()),
                title: None,
                content: vec![]
            })
        );
        let math = decoded::<Inline>(json!({"math": {"nodes": []}}));
        assert_eq!(
            math,
            Some(Inline::Math {
                block: false,
                nodes: vec![]
            })
        );
    }
}
