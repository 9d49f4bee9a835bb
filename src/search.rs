//! Full-text search over the builder's sharded index (`blog_bundle::search`):
//! query parsing, ranking and snippets as pure functions, and the fetching
//! of exactly the shards a query needs.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use blog_bundle::search::{
    self as index, Posting, SearchDoc, SearchDocs, SearchKeys, SearchShard, SearchText,
};
use blog_bundle::text;
use futures::future::join_all;

use crate::api::{self, LoadError};

/// One word of a query.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryWord {
    /// Lowercased, `ё` folded.
    pub form: String,
    pub stem: String,
    /// The last word while the reader is still typing it: also matches longer words.
    pub prefix: bool,
}

/// Words shorter than this aren't searched (except as exact forms in a longer query).
pub const MIN_CHARS: usize = 2;

/// The searchable words of `query`: stop words and one-letter words are
/// dropped, except that the last word is kept as a prefix when the reader is
/// still typing it (no space or punctuation after it).
pub fn parse_query(query: &str) -> Vec<QueryWord> {
    let typing = query.chars().last().is_some_and(char::is_alphanumeric);
    let tokens: Vec<String> = text::tokens(query).collect();
    let last = tokens.len().saturating_sub(1);
    let mut words: Vec<QueryWord> = Vec::new();
    for (i, form) in tokens.into_iter().enumerate() {
        let prefix = typing && i == last;
        if form.chars().count() < MIN_CHARS || (!prefix && text::is_stop_word(&form)) {
            continue;
        }
        if words.iter().any(|w| w.form == form) {
            continue;
        }
        words.push(QueryWord {
            stem: text::stem(&form),
            form,
            prefix,
        });
    }
    words
}

/// Prefix matches count a little less than whole words.
const PREFIX_FACTOR: f64 = 0.8;

/// How well each document matches one query word: the stem's weight plus the
/// exact form's bonus; for a prefix, the best word or term that starts with it.
fn word_scores(word: &QueryWord, shards: &HashMap<String, SearchShard>) -> HashMap<u32, f64> {
    let empty = SearchShard::default();
    let shard = shards.get(&index::shard_key(&word.form)).unwrap_or(&empty);
    let stem_shard = shards.get(&index::shard_key(&word.stem)).unwrap_or(&empty);
    let mut scores: HashMap<u32, f64> = HashMap::new();
    let mut add = |postings: &[Posting], factor: f64| {
        for &(doc, weight) in postings {
            *scores.entry(doc).or_default() += f64::from(weight) * factor;
        }
    };
    if let Some(p) = stem_shard.terms.get(&word.stem) {
        add(p, 1.0);
    }
    if let Some(p) = shard.words.get(&word.form) {
        add(p, 1.0);
    }
    if word.prefix {
        let mut best: HashMap<u32, f64> = HashMap::new();
        let longer = |map: &BTreeMap<String, Vec<Posting>>| {
            map.range(word.form.clone()..)
                .take_while(|(k, _)| k.starts_with(&word.form))
                .filter(|(k, _)| **k != word.form && **k != word.stem)
                .flat_map(|(_, p)| p.iter().copied())
                .collect::<Vec<_>>()
        };
        for (doc, weight) in longer(&shard.terms).into_iter().chain(longer(&shard.words)) {
            let w = f64::from(weight) * PREFIX_FACTOR;
            let entry = best.entry(doc).or_default();
            *entry = entry.max(w);
        }
        for (doc, w) in best {
            let entry = scores.entry(doc).or_default();
            *entry = entry.max(w);
        }
    }
    scores
}

/// Documents matching the query, best first: every word must match; when no
/// document has them all, those matching the most words come first.
pub fn rank(words: &[QueryWord], shards: &HashMap<String, SearchShard>) -> Vec<(u32, f64)> {
    let per_word: Vec<HashMap<u32, f64>> = words.iter().map(|w| word_scores(w, shards)).collect();
    let mut total: HashMap<u32, (usize, f64)> = HashMap::new();
    for scores in &per_word {
        for (&doc, &s) in scores {
            let e = total.entry(doc).or_default();
            e.0 += 1;
            e.1 += s;
        }
    }
    let all = words.len();
    let any_complete = total.values().any(|(n, _)| *n == all);
    let mut ranked: Vec<(u32, usize, f64)> = total
        .into_iter()
        .filter(|(_, (n, _))| !any_complete || *n == all)
        .map(|(doc, (n, s))| (doc, n, s))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(doc, _, s)| (doc, s)).collect()
}

/// A piece of a snippet; `hit` pieces are the matched words.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

fn matches(word: &str, query: &[QueryWord]) -> bool {
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
    let hits: Vec<(usize, usize)> = spans
        .iter()
        .filter(|sp| matches(&word(sp), query))
        .copied()
        .collect();
    let &(first, _) = hits.first()?;
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
    let mut pieces = Vec::new();
    let mut at = from;
    if from > 0 {
        pieces.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    for &(s, e) in hits.iter().filter(|&&(s, e)| s >= from && e <= to) {
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

/// One result as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: SearchDoc,
    /// Highlighted text around the match, or `None` (show the description).
    pub snippet: Option<Vec<Piece>>,
}

/// What a query found.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Found {
    /// The query these results answer.
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Results shown for one query.
pub const SHOWN: usize = 20;
/// Results that get a snippet from their text (the rest show their description).
pub const WITH_SNIPPET: usize = 5;

thread_local!(static KEYS: std::cell::RefCell<Option<Rc<SearchKeys>>> = const { std::cell::RefCell::new(None) });

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

/// Runs `query` against the deployed index: one shard per distinct key of
/// its words, then the document chunks and texts of the results shown.
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
    let mut wanted: Vec<String> = words
        .iter()
        .flat_map(|w| [index::shard_key(&w.form), index::shard_key(&w.stem)])
        .filter(|k| keys.keys.binary_search(k).is_ok())
        .collect();
    wanted.sort();
    wanted.dedup();
    // Every fetch of a step at once: a query costs three round trips, not one per file.
    let fetched = join_all(
        wanted
            .iter()
            .map(|key| api::fetch_shard::<SearchShard>(index::shard_path(&build, key), &build)),
    )
    .await;
    let mut shards: HashMap<String, SearchShard> = HashMap::new();
    for (key, shard) in wanted.into_iter().zip(fetched) {
        shards.insert(key, shard?);
    }
    let ranked = rank(&words, &shards);
    let shown: Vec<u32> = ranked.iter().take(SHOWN).map(|&(doc, _)| doc).collect();
    let mut chunk_ids: Vec<u32> = shown
        .iter()
        .map(|doc| doc / index::DOCS_PER_CHUNK)
        .collect();
    chunk_ids.sort_unstable();
    chunk_ids.dedup();
    let (chunks, texts) =
        futures::join!(
            join_all(
                chunk_ids
                    .iter()
                    .map(|&c| api::fetch_shard::<SearchDocs>(index::docs_path(&build, c), &build))
            ),
            join_all(shown.iter().take(WITH_SNIPPET).map(|&doc| {
                api::fetch_shard::<SearchText>(index::text_path(&build, doc), &build)
            })),
        );
    let mut docs: HashMap<u32, SearchDocs> = HashMap::new();
    for (id, chunk) in chunk_ids.into_iter().zip(chunks) {
        docs.insert(id, chunk?);
    }
    let hits = shown
        .iter()
        .enumerate()
        .filter_map(|(i, &doc)| {
            let chunk = docs.get(&(doc / index::DOCS_PER_CHUNK))?;
            let found = chunk.docs.get((doc - chunk.first) as usize)?;
            // A missing snippet text only costs the highlight: the description shows instead.
            let snippet = match texts.get(i) {
                Some(Ok(t)) => snippet(&t.text, &words, 180),
                _ => None,
            };
            Some(Hit {
                doc: found.clone(),
                snippet,
            })
        })
        .collect();
    Ok(Rc::new(Found {
        query: query.to_owned(),
        total: ranked.len(),
        hits,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(terms: &[(&str, &[Posting])], words: &[(&str, &[Posting])]) -> SearchShard {
        let map =
            |v: &[(&str, &[Posting])]| v.iter().map(|(k, p)| (k.to_string(), p.to_vec())).collect();
        SearchShard {
            build_id: "b".into(),
            terms: map(terms),
            words: map(words),
        }
    }

    #[test]
    fn queries_are_parsed_into_normalised_stemmed_words() {
        let q = parse_query("Клиентов и Ёлки");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].form, "клиентов");
        assert_eq!(q[0].stem, text::stem("клиент"));
        assert!(!q[0].prefix);
        assert_eq!(q[1].form, "елки");
        assert!(q[1].prefix, "still typing the last word");
        assert!(!parse_query("клиент ")[0].prefix);
        assert!(parse_query("").is_empty());
        assert!(
            parse_query("<script>alert(1)</script>")
                .iter()
                .all(|w| w.form.chars().all(char::is_alphanumeric))
        );
        assert!(parse_query("*** --- !!!").is_empty());
        assert!(parse_query("и").is_empty(), "one letter");
    }

    #[test]
    fn every_word_must_match_and_exact_forms_rank_higher() {
        let stem = text::stem("клиенты");
        let mut shards = HashMap::new();
        shards.insert(
            "кл".to_string(),
            shard(
                &[(stem.as_str(), &[(1, 100), (2, 100), (3, 50)])],
                &[("клиенты", &[(2, 30)])],
            ),
        );
        shards.insert(
            "се".to_string(),
            shard(&[(text::stem("сервис").as_str(), &[(3, 80), (1, 10)])], &[]),
        );
        let q = parse_query("клиенты ");
        let ranked = rank(&q, &shards);
        assert_eq!(
            ranked[0].0, 2,
            "the exact form adds to the stem: {ranked:?}"
        );
        assert_eq!(ranked.len(), 3);
        // AND: only documents with both words.
        let both = rank(&parse_query("клиенты сервис "), &shards);
        assert_eq!(both.iter().map(|r| r.0).collect::<Vec<_>>(), [3, 1]);
        // Nothing at all.
        assert!(rank(&parse_query("zzqx "), &shards).is_empty());
    }

    #[test]
    fn the_last_word_matches_as_a_prefix() {
        let mut shards = HashMap::new();
        shards.insert(
            "кл".to_string(),
            shard(&[("клиент", &[(4, 100)])], &[("клиентам", &[(5, 40)])]),
        );
        let ranked = rank(&parse_query("клие"), &shards);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 5]);
        assert!(
            rank(&parse_query("клие "), &shards).is_empty(),
            "a finished word is not a prefix"
        );
    }

    #[test]
    fn when_no_document_has_every_word_the_best_partial_matches_show() {
        let mut shards = HashMap::new();
        shards.insert(
            "кл".to_string(),
            shard(&[(text::stem("клиент").as_str(), &[(1, 100)])], &[]),
        );
        let ranked = rank(&parse_query("клиент qqqq "), &shards);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [1]);
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
