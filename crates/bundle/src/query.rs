//! The search ranking: how a query is read and how documents are scored, in
//! one place for the reader (`src/search.rs`), the builder's tests and the
//! benchmark (`bench/search/query`).
//!
//! Every query word is normalised and stemmed (stop words and one-letter words
//! dropped); a document's score for a word is the stem's weight plus the exact
//! form's; the last word also matches as a prefix while the reader types it,
//! and a document keeps its best match per word. Every word must match; when
//! no document has them all, those matching the most words come first.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use crate::search::{Posting, SearchShard, shard_key};
use crate::text;

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

/// What ranking reads of a term shard: the postings of one key, and those
/// of every key that starts with a prefix. [`SearchShard`] answers from its
/// maps; the reader answers from the shard as the browser parsed it, so a
/// query turns only its own words' postings into numbers.
pub trait ShardPostings {
    /// The postings of stem `term`, best first (none when the shard lacks it).
    fn term(&self, term: &str) -> Vec<Posting>;
    /// The postings of word form `word`, best first.
    fn word(&self, word: &str) -> Vec<Posting>;
    /// The postings of the terms and of the word forms longer than `prefix`
    /// that start with it, except the term or form `except`.
    fn longer(&self, prefix: &str, except: &str) -> Vec<Posting>;
}

/// Postings written by [`crate::search::compact::encode`]; a damaged text
/// (a fault of the host, not of the build) matches nothing.
pub fn decode_postings(text: &str) -> Vec<Posting> {
    crate::search::compact::decode(text).unwrap_or_default()
}

impl ShardPostings for SearchShard {
    fn term(&self, term: &str) -> Vec<Posting> {
        self.terms.get(term).cloned().unwrap_or_default()
    }

    fn word(&self, word: &str) -> Vec<Posting> {
        self.words.get(word).cloned().unwrap_or_default()
    }

    fn longer(&self, prefix: &str, except: &str) -> Vec<Posting> {
        let longer = |map: &'_ BTreeMap<String, Vec<Posting>>| {
            map.range(prefix.to_owned()..)
                .take_while(|(k, _)| k.starts_with(prefix))
                .filter(|(k, _)| *k != prefix && *k != except)
                .flat_map(|(_, p)| p.iter().copied())
                .collect::<Vec<_>>()
        };
        let mut all = longer(&self.terms);
        all.extend(longer(&self.words));
        all
    }
}

/// How well each document matches one query word: the stem's weight plus the
/// exact form's bonus; for a prefix, the best word or term that starts with it.
fn word_scores<'a, S: ShardPostings + 'a>(
    word: &QueryWord,
    shard_of: &impl Fn(&str) -> Option<&'a S>,
) -> HashMap<u32, f64> {
    let shard = shard_of(&shard_key(&word.form));
    let stem_shard = shard_of(&shard_key(&word.stem));
    let mut scores: HashMap<u32, f64> = HashMap::default();
    let mut add = |postings: Vec<Posting>, factor: f64| {
        for (doc, weight) in postings {
            *scores.entry(doc).or_default() += f64::from(weight) * factor;
        }
    };
    if let Some(s) = stem_shard {
        add(s.term(&word.stem), 1.0);
    }
    if let Some(s) = shard {
        add(s.word(&word.form), 1.0);
    }
    if word.prefix
        && let Some(s) = shard
    {
        let mut best: HashMap<u32, f64> = HashMap::default();
        for (doc, weight) in s.longer(&word.form, &word.stem) {
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

/// The best documents for a query, and how many match it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ranked {
    /// Documents matching the query.
    pub total: usize,
    /// The first of them, best first: document number and score.
    pub best: Vec<(u32, f64)>,
}

/// The first `shown` documents matching the query, best first: every word
/// must match; when no document has them all, those matching the most words
/// come first. `shown` bounds the sorting too: a common word matches
/// thousands of documents, of which a reader sees twenty.
/// `shard_of` answers a shard key with that shard, if the index has it.
pub fn rank<'a, S: ShardPostings + 'a>(
    words: &[QueryWord],
    shard_of: impl Fn(&str) -> Option<&'a S>,
    shown: usize,
) -> Ranked {
    let per_word: Vec<HashMap<u32, f64>> =
        words.iter().map(|w| word_scores(w, &shard_of)).collect();
    let mut total: HashMap<u32, (usize, f64)> = HashMap::default();
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
    // Words matched, then score, then document number: a total order (the
    // numbers differ), so the unstable sorts give one answer.
    let order = |a: &(u32, usize, f64), b: &(u32, usize, f64)| {
        b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0))
    };
    let matching = ranked.len();
    if shown < matching {
        ranked.select_nth_unstable_by(shown, order);
        ranked.truncate(shown);
    }
    ranked.sort_unstable_by(order);
    Ranked {
        total: matching,
        best: ranked.into_iter().map(|(doc, _, s)| (doc, s)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

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
        let ranked = rank(&q, |k| shards.get(k), usize::MAX).best;
        assert_eq!(
            ranked[0].0, 2,
            "the exact form adds to the stem: {ranked:?}"
        );
        assert_eq!(ranked.len(), 3);
        // The first of them only, and how many there are.
        let first = rank(&q, |k| shards.get(k), 1);
        assert_eq!((first.total, first.best), (3, ranked[..1].to_vec()));
        assert_eq!(rank(&q, |k| shards.get(k), 2).best, ranked[..2]);
        // AND: only documents with both words.
        let both = rank(&parse_query("клиенты сервис "), |k| shards.get(k), 10).best;
        assert_eq!(both.iter().map(|r| r.0).collect::<Vec<_>>(), [3, 1]);
        // Nothing at all.
        assert!(
            rank(&parse_query("zzqx "), |k| shards.get(k), 10)
                .best
                .is_empty()
        );
    }

    #[test]
    fn the_last_word_matches_as_a_prefix() {
        let mut shards = HashMap::new();
        shards.insert(
            "кл".to_string(),
            shard(&[("клиент", &[(4, 100)])], &[("клиентам", &[(5, 40)])]),
        );
        let ranked = rank(&parse_query("клие"), |k| shards.get(k), 10).best;
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 5]);
        assert!(
            rank(&parse_query("клие "), |k| shards.get(k), 10)
                .best
                .is_empty(),
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
        let ranked = rank(&parse_query("клиент qqqq "), |k| shards.get(k), 10).best;
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [1]);
    }
}
