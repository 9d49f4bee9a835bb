//! Full-text search over the builder's sharded index (`blog_bundle::search`):
//! query parsing, ranking and snippets as pure functions, and the fetching
//! of exactly the shards a query needs.

use std::rc::Rc;

pub use blog_bundle::query::{MIN_CHARS, QueryWord, parse_query, rank};
use blog_bundle::query::{ShardPostings, decode_postings};
use blog_bundle::search::{self as index, Posting, SearchDoc, SearchKeys};
use blog_bundle::text;
use futures::future::join_all;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{self, LoadError};

/// A piece of a snippet; `hit` pieces are the matched words.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

fn matches(word: &str, query: &[QueryWord]) -> bool {
    // Stems only cut endings: a word whose first letter no query word has is
    // no match, and is not stemmed (most words of a text, at every keystroke).
    let Some(c) = word.chars().next() else {
        return false;
    };
    let initial = text::normalise(c.encode_utf8(&mut [0; 4]));
    if !query
        .iter()
        .any(|q| q.form.starts_with(&initial) || q.stem.starts_with(&initial))
    {
        return false;
    }
    let form = text::normalise(word);
    query.iter().any(|q| {
        form == q.form || (q.prefix && form.starts_with(&q.form)) || text::stem(&form) == q.stem
    })
}

/// About `width` characters of `text` around its first matched word, with
/// every matched word marked; `None` when no word of the text matches.
pub fn snippet(source: &str, query: &[QueryWord], width: usize) -> Option<Vec<Piece>> {
    let chars: Vec<char> = source.chars().collect();
    // Word boundaries as char ranges.
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        let word_char = c.is_alphanumeric();
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, chars.len()));
    }
    let word = |&(s, e): &(usize, usize)| chars[s..e].iter().collect::<String>();
    // Only the words up to the end of the window are compared.
    let first_hit = spans.iter().position(|sp| matches(&word(sp), query))?;
    let first = spans[first_hit].0;
    // Start a few words before the first hit, on a word boundary.
    let from = spans
        .iter()
        .rev()
        .find(|&&(s, _)| s <= first && first - s >= width / 4)
        .map_or(0, |&(s, _)| s);
    let to = spans
        .iter()
        .find(|&&(_, e)| e >= from + width)
        .map_or(chars.len(), |&(_, e)| e);
    let hits: Vec<(usize, usize)> = spans[first_hit..]
        .iter()
        .take_while(|&&(_, e)| e <= to)
        .filter(|sp| matches(&word(sp), query))
        .copied()
        .collect();
    let mut pieces = Vec::new();
    let mut at = from;
    if from > 0 {
        pieces.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    // `hits` start at the first hit (never before `from`) and end by `to`.
    for &(s, e) in &hits {
        if s > at {
            pieces.push(Piece {
                text: chars[at..s].iter().collect(),
                hit: false,
            });
        }
        pieces.push(Piece {
            text: chars[s..e].iter().collect(),
            hit: true,
        });
        at = e;
    }
    if to > at {
        pieces.push(Piece {
            text: chars[at..to].iter().collect(),
            hit: false,
        });
    }
    if to < chars.len() {
        pieces.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    Some(pieces)
}

/// What a query found.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Found {
    /// The query these results answer.
    pub query: String,
    pub total: usize,
    /// The first results, whose snippets [`snippets`] cuts.
    pub hits: Vec<SearchDoc>,
    /// The other results shown, by document number ([`more`] reads them).
    pub rest: Vec<u32>,
    /// The build these document numbers belong to.
    pub build: String,
}

/// Results shown for one query.
pub const SHOWN: usize = 20;
/// Results that get a snippet from their text (the rest show their description).
pub const WITH_SNIPPET: usize = 5;

thread_local!(static KEYS: std::cell::RefCell<Option<Rc<SearchKeys>>> = const { std::cell::RefCell::new(None) });

/// Decoded index files by path (which names their build), newest first.
type Decoded = std::cell::RefCell<std::collections::VecDeque<(String, Rc<dyn std::any::Any>)>>;

// Typing a query asks for the same shards and chunks at every keystroke, and
// on a large blog parsing a shard takes longer than a keystroke. Term shards
// are large (hundreds of KB at 10,000 posts): the last few are kept. Document
// chunks are small and a query's results spread over many: all of them are
// kept (625 at 10,000 posts, about 3 MB parsed), each document decoded
// again when a query shows it (a few microseconds).
thread_local!(static SHARDS: Decoded = const { std::cell::RefCell::new(std::collections::VecDeque::new()) });
thread_local!(static CHUNKS: Decoded = const { std::cell::RefCell::new(std::collections::VecDeque::new()) });
const SHARDS_MAX: usize = 24;
const CHUNKS_MAX: usize = 1024;
/// Snippet texts kept (each at most 20,000 characters).
const TEXTS_MAX: usize = 64;

/// The index file at `path` of build `build`, made into a `T` by `make`
/// once while it is among the `max` last used of `cache`.
async fn decoded<T: 'static>(
    cache: &'static std::thread::LocalKey<Decoded>,
    max: usize,
    path: String,
    build: &str,
    make: fn(JsValue) -> Result<T, LoadError>,
) -> Result<Rc<T>, LoadError> {
    let known = cache.with_borrow(|d| d.iter().find(|(p, _)| *p == path).map(|(_, v)| v.clone()));
    let file = match known.and_then(|v| v.downcast::<T>().ok()) {
        Some(file) => file,
        None => Rc::new(make(api::fetch_value(path.clone(), build).await?)?),
    };
    cache.with_borrow_mut(|d| {
        d.retain(|(p, _)| *p != path);
        d.push_front((path, file.clone()));
        d.truncate(max);
    });
    Ok(file)
}

// One call for a prefix's keys: a shard has thousands, and asking for each
// key and comparing it from the WebAssembly crossed into JavaScript three
// times a key (about 4 ms of a first query's 100 on a 10,000-post blog).
// Release builds bundle this into the loader (scripts/minify-loader.py).
#[wasm_bindgen(inline_js = "export function longer(map, prefix, except) {
  const found = [];
  for (const key in map) {
    if (key.startsWith(prefix) && key !== prefix && key !== except) found.push(map[key]);
  }
  return found;
}")]
extern "C" {
    /// The values of `map`'s keys that start with `prefix`, except the keys
    /// `prefix` and `except` themselves.
    fn longer(map: &Object, prefix: &str, except: &str) -> Array;
}

/// A term shard ([`index::SearchShard`]) as the browser's `JSON.parse` read
/// it: a query turns only its own words' postings into numbers. Decoded
/// whole, every posting of a 10,000-post blog's shard (200 KB, some 90,000
/// postings) crossed into the WebAssembly first: about 6 of the 23 ms
/// between a first query's shard arriving and its next requests.
struct JsShard {
    terms: Object,
    words: Object,
}

impl JsShard {
    fn of(value: JsValue) -> Result<Self, LoadError> {
        let map = |name: &str| {
            Reflect::get(&value, &name.into())
                .ok()
                .and_then(|m| m.dyn_into::<Object>().ok())
                .ok_or(LoadError::Corrupt)
        };
        Ok(JsShard {
            terms: map("terms")?,
            words: map("words")?,
        })
    }

    fn postings(map: &Object, key: &JsValue) -> Vec<Posting> {
        Reflect::get(map, key)
            .ok()
            .and_then(|p| p.as_string())
            .map(|p| decode_postings(&p))
            .unwrap_or_default()
    }
}

impl ShardPostings for JsShard {
    fn term(&self, term: &str) -> Vec<Posting> {
        Self::postings(&self.terms, &term.into())
    }

    fn word(&self, word: &str) -> Vec<Posting> {
        Self::postings(&self.words, &word.into())
    }

    fn longer(&self, prefix: &str, except: &str) -> Vec<Posting> {
        let mut all = Vec::new();
        for map in [&self.terms, &self.words] {
            for postings in longer(map, prefix, except) {
                if let Some(p) = postings.as_string() {
                    all.extend(decode_postings(&p));
                }
            }
        }
        all
    }
}

/// A document chunk ([`index::SearchDocs`]) as `JSON.parse` read it: a
/// query's results are one or two documents of each chunk they fall in, and
/// only those are decoded (the whole chunk's strings crossing into the
/// WebAssembly cost a first query some 5 ms).
struct JsDocs {
    first: u32,
    docs: Array,
}

impl JsDocs {
    fn of(value: JsValue) -> Result<Self, LoadError> {
        let field = |name: &str| Reflect::get(&value, &name.into()).ok();
        Ok(JsDocs {
            first: field("first")
                .and_then(|f| f.as_f64())
                .ok_or(LoadError::Corrupt)? as u32,
            docs: field("docs")
                .and_then(|d| d.dyn_into::<Array>().ok())
                .ok_or(LoadError::Corrupt)?,
        })
    }

    /// Document `id`, if this chunk has it whole.
    fn get(&self, id: u32) -> Option<SearchDoc> {
        let at = id.checked_sub(self.first)?;
        if at >= self.docs.length() {
            return None;
        }
        api::decode(self.docs.get(at)).ok()
    }
}

/// The shard keys of build `build`, fetched once per session.
async fn keys(build: &str) -> Result<Rc<SearchKeys>, LoadError> {
    if let Some(k) = KEYS
        .with_borrow(|k| k.clone())
        .filter(|k| k.build_id == build)
    {
        return Ok(k);
    }
    let keys = Rc::new(api::fetch_shard::<SearchKeys>(index::keys_path(build), build).await?);
    KEYS.set(Some(keys.clone()));
    Ok(keys)
}

// The snippet texts of posts, by build and post path:
// the same results come back at every keystroke.
thread_local!(static TEXTS: std::cell::RefCell<std::collections::VecDeque<(String, Rc<str>)>> =
    const { std::cell::RefCell::new(std::collections::VecDeque::new()) });

/// Where [`TEXTS`] keeps the text of the post at `path` of build `build`.
fn text_key(build: &str, path: &str) -> String {
    format!("{build}/{path}")
}

/// The text of the post at `path` of build `build`, if [`TEXTS`] keeps it.
fn cached_text(build: &str, path: &str) -> Option<Rc<str>> {
    let key = text_key(build, path);
    TEXTS.with_borrow(|t| t.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
}

/// Keeps `text` as the text of the post at `path` of build `build`.
fn keep_text(build: &str, path: &str, text: Rc<str>) {
    TEXTS.with_borrow_mut(|t| {
        t.push_front((text_key(build, path), text));
        t.truncate(TEXTS_MAX);
    });
}

/// About how many characters of a post's text a snippet shows.
const SNIPPET_CHARS: usize = 180;

/// The text snippets of the post at `path` are cut from ([`index::post_text`]),
/// or `None` when the post cannot be read.
async fn snippet_text(path: &str) -> Option<Rc<str>> {
    let (manifest, post) = api::post(path).await.ok()?;
    if let Some(text) = cached_text(&manifest.build_id, path) {
        return Some(text);
    }
    let text: Rc<str> = index::post_text(&post).into();
    keep_text(&manifest.build_id, path, text.clone());
    Some(text)
}

/// Reads what every query needs before the first one (the manifest and the
/// shard keys), when the search page opens or the search box is focused, so
/// typing waits only for its own files. Failures are left to the query.
/// Once they are read, the search box is marked `data-ready` (the search
/// benchmark types after the mark, as Pagefind's after `pagefind.init()`).
pub async fn prepare() {
    let ready = match api::manifest(false).await {
        Ok(manifest) => keys(&manifest.build_id).await.is_ok(),
        Err(_) => false,
    };
    thread_local!(static WARM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !WARM.replace(true) {
        warm_up();
    }
    if ready
        && let Some(input) =
            leptos::prelude::document().get_element_by_id(blog_views::frame::SEARCH_INPUT_ID)
    {
        let _ = input.set_attribute("data-ready", "");
    }
}

/// What [`warm_up`] searches for, and in what: a shard of the stem of
/// "пример" (documents 0 and 1) and of the form "примеры" (document 0), and
/// a chunk of document 0. The last word, being typed, is a prefix.
const WARM_QUERY: &str = "примеры при";
const WARM_SHARD: &str = r#"{"terms":{"пример":"AOgHAfQD"},"words":{"примеры":"AOgH"}}"#;
const WARM_DOCS: &str = r#"{"first":0,"docs":[{"path":"p","title":"Пример","date":"2025-01-01","description":"Примеры"}]}"#;

/// Runs a query's own steps once, on a made-up shard and chunk, while the
/// reader has not typed yet. The browser compiles each WebAssembly function
/// when it first runs: on this machine a first query spent some 20 ms of
/// its 100 compiling the code that parses, ranks, decodes and cuts snippets.
fn warm_up() {
    let words = parse_query(WARM_QUERY);
    let (Ok(Ok(shard)), Ok(Ok(docs))) = (
        js_sys::JSON::parse(WARM_SHARD).map(JsShard::of),
        js_sys::JSON::parse(WARM_DOCS).map(JsDocs::of),
    ) else {
        return;
    };
    // Every word of the query starts the same way: one shard holds them.
    let shards = vec![(index::shard_key(WARM_QUERY), Rc::new(shard))];
    let ranked = ranked(&words, &shards);
    if let Some(doc) = ranked.best.first().and_then(|&(id, _)| docs.get(id)) {
        let _ = crate::page::ui().date(&doc.date);
        let _ = snippet(&doc.description, &words, SNIPPET_CHARS);
    }
}

/// The results numbered `ids` of build `build`, in that order, from their
/// document chunks (each fetched once, all at once).
async fn docs_of(ids: &[u32], build: &str) -> Result<Vec<SearchDoc>, LoadError> {
    let chunk_ids = distinct(ids.iter().map(|doc| doc / index::DOCS_PER_CHUNK));
    let read = join_all(chunk_ids.into_iter().map(|c| async move {
        let path = index::docs_path(build, c);
        let chunk = decoded(&CHUNKS, CHUNKS_MAX, path, build, JsDocs::of).await?;
        Ok::<_, LoadError>(
            ids.iter()
                .filter(|&&id| id / index::DOCS_PER_CHUNK == c)
                .filter_map(|&id| Some((id, chunk.get(id)?)))
                .collect::<Vec<_>>(),
        )
    }))
    .await;
    let mut docs: Vec<(u32, SearchDoc)> = Vec::new();
    for chunk in read {
        docs.extend(chunk?);
    }
    Ok(ids
        .iter()
        .filter_map(|id| {
            let at = docs.iter().position(|(d, _)| d == id)?;
            Some(docs.swap_remove(at).1)
        })
        .collect())
}

/// `items` without repeats, in their first order. (The lists are a query's
/// few shard keys and twenty results' chunks: neither a sort nor a hash map
/// earns its code in the WebAssembly.)
fn distinct<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A query's term shards, by key.
type Shards = Vec<(String, Rc<JsShard>)>;

/// The [`SHOWN`] best results of `words` in `shards` (by shard key): one
/// function for the queries and [`warm_up`], so that warming compiles it.
fn ranked(words: &[QueryWord], shards: &Shards) -> blog_bundle::query::Ranked {
    let shard = |key: &str| shards.iter().find(|(k, _)| k == key).map(|(_, s)| &**s);
    rank(words, shard, SHOWN)
}

/// Runs `query` against the deployed index: one shard per distinct key of
/// its words, then the document chunks of the first [`WITH_SNIPPET`]
/// results, which show with their descriptions; [`snippets`] then reads
/// their posts and puts the posts' own words around the query's in place
/// (opening such a result then finds its article already read). The other
/// results shown are read by [`more`], after these are on screen: the twenty
/// results of a query fall in up to twenty chunks.
pub async fn search(query: &str) -> Result<Rc<Found>, LoadError> {
    let words = parse_query(query);
    if words.is_empty() {
        return Ok(Rc::new(Found {
            query: query.to_owned(),
            ..Found::default()
        }));
    }
    let manifest = api::manifest(false).await?;
    let build = manifest.build_id.clone();
    let keys = keys(&build).await?;
    // Terms live under their stem's key, word forms under their own (usually
    // the same); keys without a shard have no word starting that way.
    let wanted = distinct(
        words
            .iter()
            .flat_map(|w| [index::shard_key(&w.form), index::shard_key(&w.stem)])
            .filter(|k| keys.keys.binary_search(k).is_ok()),
    );
    // Every fetch of a step at once: a query costs a few round trips, not one per file.
    let fetched = join_all(wanted.iter().map(|key| {
        let path = index::shard_path(&build, key);
        decoded(&SHARDS, SHARDS_MAX, path, &build, JsShard::of)
    }))
    .await;
    let mut shards = Shards::new();
    for (key, shard) in wanted.into_iter().zip(fetched) {
        shards.push((key, shard?));
    }
    let ranked = ranked(&words, &shards);
    let shown: Vec<u32> = ranked.best.iter().map(|&(doc, _)| doc).collect();
    let first = &shown[..shown.len().min(WITH_SNIPPET)];
    let hits = docs_of(first, &build).await?;
    Ok(Rc::new(Found {
        query: query.to_owned(),
        total: ranked.total,
        hits,
        rest: shown[first.len()..].to_vec(),
        build,
    }))
}

/// The snippets of `found`'s first results, in their order: the words
/// around the query's in each post's text, or `None` (its description shows).
pub async fn snippets(found: &Found) -> Vec<Option<Vec<Piece>>> {
    let words = parse_query(&found.query);
    let texts = join_all(found.hits.iter().map(|doc| snippet_text(&doc.path))).await;
    texts
        .into_iter()
        .map(|text| snippet(&text?, &words, SNIPPET_CHARS))
        .collect()
}

/// [`snippets`] without waiting, when every one of `found`'s posts is
/// already read (typing a query that shows the same results again).
pub fn snippets_at_hand(found: &Found) -> Option<Vec<Option<Vec<Piece>>>> {
    let words = parse_query(&found.query);
    (found.hits.iter())
        .map(|doc| {
            let text = cached_text(&found.build, &doc.path)?;
            Some(snippet(&text, &words, SNIPPET_CHARS))
        })
        .collect()
}

/// The results of `found` after its first ones (up to [`SHOWN`] in all),
/// which show their descriptions.
pub async fn more(found: &Found) -> Result<Vec<SearchDoc>, LoadError> {
    docs_of(&found.rest, &found.build).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_runs_every_step_of_a_query() {
        // The made-up shard and chunk, read as the builder's own types: the
        // query must rank document 0 first, so that warm_up decodes it and
        // cuts a snippet from it.
        let value: serde_json::Value = serde_json::from_str(WARM_SHARD).unwrap();
        let map = |name: &str| -> std::collections::BTreeMap<String, Vec<Posting>> {
            let postings = value[name].as_object().unwrap();
            (postings.iter())
                .map(|(k, v)| (k.clone(), decode_postings(v.as_str().unwrap())))
                .collect()
        };
        let shard = index::SearchShard {
            build_id: String::new(),
            terms: map("terms"),
            words: map("words"),
        };
        assert_eq!(shard.terms[&text::stem("пример")], [(0, 1000), (1, 500)]);
        let words = parse_query(WARM_QUERY);
        assert!(words.last().unwrap().prefix);
        // warm_up files the shard under the query's own key.
        let key = index::shard_key(WARM_QUERY);
        assert!(
            words
                .iter()
                .all(|w| index::shard_key(&w.form) == key && index::shard_key(&w.stem) == key)
        );
        let ranked = rank(&words, |_| Some(&shard), SHOWN);
        assert_eq!(ranked.best[0].0, 0, "{ranked:?}");
        let docs: index::SearchDocs =
            serde_json::from_str(&WARM_DOCS.replace(r#""first""#, r#""build_id":"","first""#))
                .unwrap();
        assert!(snippet(&docs.docs[0].description, &words, SNIPPET_CHARS).is_some());
    }

    #[test]
    fn snippets_mark_every_form_of_the_word() {
        let text =
            "Начало текста. Мы работаем для клиентов каждый день, и каждый клиент важен. Конец.";
        let pieces = snippet(text, &parse_query("клиент "), 60).unwrap();
        let hits: Vec<&str> = pieces
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, ["клиентов", "клиент"]);
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert!(joined.contains("для клиентов каждый"), "{joined}");
        assert!(snippet(text, &parse_query("сервис "), 60).is_none());
        // ё and е are one letter to search.
        let pieces = snippet("Новогодняя ёлка в офисе", &parse_query("елка "), 60).unwrap();
        assert!(
            pieces.iter().any(|p| p.hit && p.text == "ёлка"),
            "{pieces:?}"
        );
    }
}
