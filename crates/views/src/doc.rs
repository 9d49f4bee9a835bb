//! The document tree from the bundle, turned into Leptos views.
//!
//! The tree is allow-listed by the builder; this is the only place that turns
//! it into DOM (in the app) or HTML (in the entry pages), and it does so with
//! elements and text nodes only: there is no `inner_html` anywhere, so
//! nothing from content can become markup or script.
//!
//! `here` is the full path of the page the body is on: in-page anchors are
//! written with it (see [`crate::anchor`]).

use blog_bundle::embed::VideoHost;
use blog_bundle::math::{MathNode, MathTag};
use blog_bundle::{Align, Block, Footnote, Inline, InlineTag, LinkTarget, ListItem, PostSummary};
use leptos::prelude::*;

use crate::{anchor, href, ui};

/// Blocks shown in the first render; the rest follow in pieces.
const FIRST_BLOCKS: usize = 150;
/// Blocks rendered per task after the first ones.
const BLOCKS_PER_TASK: usize = 400;

/// A post's body, for the page at `here`. In the browser a long one renders
/// in pieces, one task each, so the page answers the reader while the rest
/// of a huge post is built (a post with 100,000 headings froze the page for
/// seconds in one task); an entry page gets it whole.
pub fn document(blocks: &[Block], here: &str) -> AnyView {
    if blocks.len() <= FIRST_BLOCKS || !cfg!(target_arch = "wasm32") {
        return blocks_view(blocks, here).into_any();
    }
    let blocks: std::sync::Arc<[Block]> = blocks.into();
    let here: std::sync::Arc<str> = here.into();
    let total = blocks.len();
    let shown = RwSignal::new(FIRST_BLOCKS);
    fn more(shown: RwSignal<usize>, total: usize) {
        set_timeout(
            move || {
                // Gone with its route: nothing more to show.
                let Some(n) = shown.try_get_untracked() else {
                    return;
                };
                let n = (n + BLOCKS_PER_TASK).min(total);
                shown.set(n);
                if n < total {
                    more(shown, total);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    more(shown, total);
    let first = blocks_view(&blocks[..FIRST_BLOCKS], &here);
    let rest = (FIRST_BLOCKS..total)
        .step_by(BLOCKS_PER_TASK)
        .map(|start| {
            let end = (start + BLOCKS_PER_TASK).min(total);
            let visible = Memo::new(move |_| shown.get() > start);
            let (blocks, here) = (blocks.clone(), here.clone());
            move || {
                visible
                    .get()
                    .then(|| blocks_view(&blocks[start..end], &here))
            }
        })
        .collect_view();
    view! { {first}{rest} }.into_any()
}

fn blocks_view(blocks: &[Block], here: &str) -> Vec<AnyView> {
    blocks.iter().map(|b| block_view(b, here)).collect()
}

fn block_view(block: &Block, here: &str) -> AnyView {
    match block {
        Block::Paragraph(content) => view! { <p>{inlines(content, here)}</p> }.into_any(),
        Block::Heading { level, id, content } => {
            heading(*level, id.clone(), inlines(content, here))
        }
        Block::List { start, items } => list(*start, items, here),
        Block::BlockQuote(children) => {
            view! { <blockquote>{blocks_view(children, here)}</blockquote> }.into_any()
        }
        Block::Callout {
            kind,
            title,
            blocks,
        } => {
            let label = title
                .clone()
                .unwrap_or_else(|| ui().callout(*kind).to_owned());
            let name = label.clone();
            view! {
                <div class=format!("callout callout-{}", kind.name()) role="note" aria-label=name>
                    <p class="callout-title" aria-hidden="true">{label}</p>
                    {blocks_view(blocks, here)}
                </div>
            }
            .into_any()
        }
        Block::Details {
            summary,
            open,
            blocks,
        } => {
            let summary =
                (!summary.is_empty()).then(|| view! { <summary>{summary.clone()}</summary> });
            view! { <details open=*open>{summary}{blocks_view(blocks, here)}</details> }.into_any()
        }
        Block::Figure { content, caption } => {
            let caption = (!caption.is_empty())
                .then(|| view! { <figcaption>{inlines(caption, here)}</figcaption> });
            view! { <figure class="figure">{inlines(content, here)}{caption}</figure> }.into_any()
        }
        Block::Embed { host, id, title } => embed(*host, id, title.as_deref()),
        Block::CodeBlock {
            lang,
            code,
            title,
            marked,
            spans,
        } => code_block(lang.as_deref(), code, title.clone(), marked, spans),
        Block::Rule => view! { <hr/> }.into_any(),
        Block::Table { align, head, rows } => table(align, head, rows, here),
        Block::Footnotes(notes) => footnotes(notes, here),
    }
}

/// A code block: its title, then the code, highlighted by the builder (token
/// classes, [`blog_bundle::code`]); with marked lines, one block per line.
fn code_block(
    lang: Option<&str>,
    code: &str,
    title: Option<String>,
    marked: &[u32],
    spans: &[(u8, u32)],
) -> AnyView {
    let class = lang.map(|l| format!("language-{l}"));
    let piece = |(class, text): (Option<&'static str>, &str)| match class {
        Some(class) => view! { <span class=class>{text.to_owned()}</span> }.into_any(),
        None => text.to_owned().into_any(),
    };
    let pieces = blog_bundle::code::pieces(code, spans);
    let body = if marked.is_empty() {
        pieces.into_iter().map(piece).collect_view().into_any()
    } else {
        // Lines as blocks (their line breaks left out), so a marked one is
        // tinted across the block's width.
        let mut lines: Vec<Vec<(Option<&'static str>, &str)>> = vec![Vec::new()];
        for (class, text) in pieces {
            let mut parts = text.split('\n').peekable();
            while let Some(part) = parts.next() {
                if !part.is_empty() {
                    lines.last_mut().expect("a line").push((class, part));
                }
                if parts.peek().is_some() {
                    lines.push(Vec::new());
                }
            }
        }
        if code.ends_with('\n') {
            lines.pop();
        }
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let mark = marked.binary_search(&(i as u32 + 1)).is_ok();
                let class = if mark {
                    "code-line marked"
                } else {
                    "code-line"
                };
                // An empty line still takes its height.
                let line = if line.is_empty() {
                    vec![(None, " ")]
                } else {
                    line
                };
                view! { <span class=class>{line.into_iter().map(piece).collect_view()}</span> }
            })
            .collect_view()
            .into_any()
    };
    let title = title.map(|t| view! { <div class="code-title">{t}</div> });
    // The copy button works through the shell's script (`public/theme.js`),
    // on entry pages and in the app alike; without JavaScript it is hidden.
    view! {
        <div class="code-block">
            {title}
            <pre tabindex="0"><code class=class>{body}</code></pre>
            <button type="button" class="copy-code" aria-label=ui().copy_code
                data-copied=ui().copied></button>
        </div>
    }
    .into_any()
}

/// A video of YouTube or Vimeo as a placeholder that loads nothing from the
/// host: a link to the video's page, which the shell's script turns into the
/// host's player (`data-player`) when the reader plays it.
fn embed(host: VideoHost, id: &str, title: Option<&str>) -> AnyView {
    let ui = ui();
    let label = title.map_or_else(|| ui.play_video(host.name()), str::to_owned);
    let frame_title = label.clone();
    view! {
        <figure class="embed" data-player=host.player_url(id) data-title=frame_title>
            <a class="embed-play" href=host.watch_url(id)>
                <span class="embed-button" aria-hidden="true"></span>
                <span class="embed-title">{label}</span>
                <span class="embed-note">{ui.video_privacy(host.name())}</span>
            </a>
        </figure>
    }
    .into_any()
}

fn heading(level: u8, id: String, content: Vec<AnyView>) -> AnyView {
    match level {
        0..=2 => view! { <h2 id=id>{content}</h2> }.into_any(),
        3 => view! { <h3 id=id>{content}</h3> }.into_any(),
        4 => view! { <h4 id=id>{content}</h4> }.into_any(),
        5 => view! { <h5 id=id>{content}</h5> }.into_any(),
        _ => view! { <h6 id=id>{content}</h6> }.into_any(),
    }
}

fn list(start: Option<u64>, items: &[ListItem], here: &str) -> AnyView {
    let is_task_list = items.iter().any(|i| i.checked.is_some());
    let items = items
        .iter()
        .map(|item| {
            let checkbox = item.checked.map(|checked| {
                view! { <input type="checkbox" disabled=true checked=checked/> " " }
            });
            view! { <li>{checkbox}{blocks_view(&item.blocks, here)}</li> }
        })
        .collect_view();
    let class = is_task_list.then_some("task-list");
    match start {
        Some(start) => view! { <ol class=class start=start>{items}</ol> }.into_any(),
        None => view! { <ul class=class>{items}</ul> }.into_any(),
    }
}

fn align_class(align: Option<&Align>) -> Option<&'static str> {
    match align {
        Some(Align::Left) => Some("align-left"),
        Some(Align::Center) => Some("align-center"),
        Some(Align::Right) => Some("align-right"),
        _ => None,
    }
}

fn table(align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], here: &str) -> AnyView {
    let head = head
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            view! { <th scope="col" class=align_class(align.get(i))>{inlines(cell, here)}</th> }
        })
        .collect_view();
    let rows = rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(i, cell)| view! { <td class=align_class(align.get(i))>{inlines(cell, here)}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn footnotes(notes: &[Footnote], here: &str) -> AnyView {
    let items = notes
        .iter()
        .map(|note| {
            let back = anchor(here, &format!("fnref-{}", note.number));
            view! {
                <li id=format!("fn-{}", note.number)>
                    {blocks_view(&note.blocks, here)}
                    " "
                    <a href=back class="footnote-back" aria-label="↩">"↩"</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="footnotes" aria-label=ui().footnotes>
            <hr/>
            <ol>{items}</ol>
        </section>
    }
    .into_any()
}

fn inlines(content: &[Inline], here: &str) -> Vec<AnyView> {
    content.iter().map(|i| inline_view(i, here)).collect()
}

fn inline_view(inline: &Inline, here: &str) -> AnyView {
    match inline {
        Inline::Text(text) => text.clone().into_any(),
        Inline::Code(code) => view! { <code>{code.clone()}</code> }.into_any(),
        Inline::Emphasis(c) => view! { <em>{inlines(c, here)}</em> }.into_any(),
        Inline::Strong(c) => view! { <strong>{inlines(c, here)}</strong> }.into_any(),
        Inline::Strikethrough(c) => view! { <del>{inlines(c, here)}</del> }.into_any(),
        Inline::LineBreak => view! { <br/> }.into_any(),
        Inline::FootnoteRef(n) => view! {
            <sup class="footnote-ref">
                <a href=anchor(here, &format!("fn-{n}")) id=format!("fnref-{n}")>{n.to_string()}</a>
            </sup>
        }
        .into_any(),
        Inline::Image {
            src,
            alt,
            title,
            size,
            variants,
        } => view! {
            <img src=asset_url(src) alt=alt.clone() title=title.clone()
                width=size.map(|[w, _]| w) height=size.map(|[_, h]| h)
                srcset=srcset(src, size.map(|[w, _]| w), variants)
                sizes=(!variants.is_empty()).then_some(SIZES)
                loading="lazy" decoding="async"/>
        }
        .into_any(),
        Inline::Link {
            target,
            title,
            content,
        } => link(target, title.clone(), inlines(content, here), here),
        Inline::Tagged {
            tag,
            title,
            content,
        } => tagged(*tag, title.clone(), inlines(content, here)),
        Inline::Math { block, nodes } => formula(*block, nodes),
        Inline::Media { video, src, poster } => {
            let src = asset_url(src);
            let name = src.rsplit('/').next().unwrap_or(&src).to_owned();
            let fallback = view! { <a href=src.clone()>{name}</a> };
            if *video {
                view! {
                    <video controls=true preload="none" playsinline=true src=src
                        poster=poster.as_deref().map(asset_url)>{fallback}</video>
                }
                .into_any()
            } else {
                view! { <audio controls=true preload="none" src=src>{fallback}</audio> }.into_any()
            }
        }
    }
}

/// A formula, as MathML that the browser lays out itself.
fn formula(block: bool, nodes: &[MathNode]) -> AnyView {
    leptos::math::math()
        .display(if block { "block" } else { "inline" })
        .child(math_nodes(nodes))
        .into_any()
}

fn math_nodes(nodes: &[MathNode]) -> Vec<AnyView> {
    nodes.iter().map(math_node).collect()
}

fn math_node(node: &MathNode) -> AnyView {
    use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
    use leptos::attr::custom::custom_attribute;
    use leptos::math::*;
    let MathNode::El {
        tag,
        attrs,
        children,
    } = node
    else {
        let MathNode::Text(text) = node else {
            unreachable!()
        };
        return text.clone().into_any();
    };
    let attrs: Vec<AnyAttribute> = attrs
        .iter()
        .map(|(a, v)| custom_attribute(a.name(), v.clone()).into_any_attr())
        .collect();
    let kids = math_nodes(children);
    macro_rules! elements {
        ($($tag:ident => $f:ident),* $(,)?) => {
            match tag {
                $(MathTag::$tag => $f().child(kids).add_any_attr(attrs).into_any(),)*
            }
        };
    }
    elements!(
        Mi => mi, Mn => mn, Mo => mo, Mtext => mtext, Mspace => mspace, Mrow => mrow,
        Mfrac => mfrac, Msqrt => msqrt, Mroot => mroot, Msub => msub, Msup => msup,
        Msubsup => msubsup, Munder => munder, Mover => mover, Munderover => munderover,
        Mmultiscripts => mmultiscripts, Mprescripts => mprescripts, Mtable => mtable,
        Mtr => mtr, Mtd => mtd, Mpadded => mpadded, Mphantom => mphantom,
        Mstyle => mstyle, Menclose => menclose, Merror => merror, Ms => ms,
    )
}

fn tagged(tag: InlineTag, title: Option<String>, content: Vec<AnyView>) -> AnyView {
    match tag {
        InlineTag::Sub => view! { <sub>{content}</sub> }.into_any(),
        InlineTag::Sup => view! { <sup>{content}</sup> }.into_any(),
        InlineTag::Kbd => view! { <kbd>{content}</kbd> }.into_any(),
        InlineTag::Mark => view! { <mark>{content}</mark> }.into_any(),
        InlineTag::Abbr => view! { <abbr title=title>{content}</abbr> }.into_any(),
        InlineTag::Ins => view! { <ins>{content}</ins> }.into_any(),
        InlineTag::Small => view! { <small>{content}</small> }.into_any(),
    }
}

/// How wide a picture of the text column is shown (`--measure` in the
/// stylesheet), for the browser to pick one of its copies.
const SIZES: &str = "(max-width: 44rem) 100vw, 42rem";

/// `srcset` of a picture with smaller copies: theirs, and its own width.
fn srcset(src: &str, width: Option<u32>, variants: &[u32]) -> Option<String> {
    if variants.is_empty() {
        return None;
    }
    let copies = variants.iter().map(|w| {
        format!(
            "{} {w}w",
            asset_url(&blog_bundle::media::variant_path(src, *w))
        )
    });
    let own = width.map(|w| format!("{} {w}w", asset_url(src)));
    Some(copies.chain(own).collect::<Vec<_>>().join(", "))
}

/// A post's cover image, decorative (its title says what the post is), in a
/// box of `size`; `eager` for the one that is the page's largest paint.
pub fn hero(
    post: &PostSummary,
    class: &'static str,
    [w, h]: [u32; 2],
    eager: bool,
) -> Option<AnyView> {
    let src = post.hero_image.as_deref()?;
    let (loading, priority) = if eager {
        ("eager", "high")
    } else {
        ("lazy", "auto")
    };
    let variants = &post.hero_variants;
    Some(
        view! {
            <img class=class src=asset_url(src) alt="" width=w height=h
                srcset=srcset(src, post.hero_width, variants)
                sizes=(!variants.is_empty()).then_some(SIZES)
                loading=loading decoding="async" fetchpriority=priority/>
        }
        .into_any(),
    )
}

/// Site-relative image paths are served from the site root, wherever it is deployed.
fn asset_url(src: &str) -> String {
    if src.starts_with('/') {
        href(src)
    } else {
        src.to_owned()
    }
}

fn link(target: &LinkTarget, title: Option<String>, content: Vec<AnyView>, here: &str) -> AnyView {
    match target {
        // Posts are routes of this app: the router handles the click, no reload.
        LinkTarget::Post { path, fragment } => {
            let mut url = href(&blog_bundle::post_route(path));
            if let Some(fragment) = fragment {
                url.push('#');
                url.push_str(fragment);
            }
            view! { <a href=url title=title>{content}</a> }.into_any()
        }
        // Other files of the site (feeds, images, pages the app doesn't know):
        // `rel=external` makes the router leave them to the browser.
        LinkTarget::Site(path) => {
            view! { <a href=href(path) title=title rel="external">{content}</a> }.into_any()
        }
        LinkTarget::Anchor(id) => {
            view! { <a href=anchor(here, id) title=title>{content}</a> }.into_any()
        }
        LinkTarget::External(url) => view! {
            <a href=url.clone() title=title rel="external noopener noreferrer" class="external">
                {content}
            </a>
        }
        .into_any(),
    }
}
