//! Words of a text, for matching texts with each other: the builder's related
//! posts use it, and the reader's search can use the same rules so that a query
//! and an index agree.
//!
//! - [`tokens`] lowercases, folds `ё` into `е` and splits on everything that is
//!   not a letter or a digit;
//! - [`stem`] reduces a token with the Snowball stemmer of its script: Russian
//!   for Cyrillic words, English for Latin ones (others are kept as they are);
//! - [`is_stop_word`] knows the most frequent Russian and English function words;
//! - [`terms`] chains them: the stemmed content words of a text.

use rust_stemmers::{Algorithm, Stemmer};

/// Lowercased tokens of `text` with `ё` folded into `е`: the maximal runs of
/// letters and digits (`"Ёлка-2025, клиенты!"` → `елка`, `2025`, `клиенты`).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(normalise)
}

/// The words of `text` as they are written: the maximal runs of letters and
/// digits, not yet [`normalise`]d (what [`tokens`] is made of, without allocating).
pub fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|s| !s.is_empty())
}

/// A letter or digit (fast for ASCII and Russian, the common case), or a
/// combining diacritic: decomposed `й` (`и` + U+0306), `ё` (`е` + U+0308) and
/// stress marks (U+0301) are inside a word, not between two.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'а'..='я' | 'А'..='Я')
        || (!c.is_ascii() && (c.is_alphanumeric() || is_combining(c)))
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// True when [`normalise`] would change `word`.
pub fn needs_normalising(word: &str) -> bool {
    word.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else if matches!(c, 'а'..='я') {
            false
        } else {
            let mut lower = c.to_lowercase();
            c == 'ё'
                || matches!(c, '\u{0300}' | '\u{0301}' | '\u{0306}' | '\u{0308}')
                || lower.next() != Some(c)
                || lower.next().is_some()
        }
    })
}

/// Lowercases one word and folds `ё` into `е`; decomposed Cyrillic letters
/// are composed (`и` + U+0306 → `й`, `е` + U+0308 → `е`) and stress marks
/// after a Cyrillic letter dropped (`за́мок` → `замок`).
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ё' => out.push('е'),
            '\u{0306}' if out.ends_with('и') => {
                out.pop();
                out.push('й');
            }
            '\u{0308}' if out.ends_with('е') => {}
            '\u{0300}' | '\u{0301}' if out.chars().next_back().is_some_and(is_cyrillic) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The stem of a token (as produced by [`tokens`]): the Russian Snowball
/// stemmer for words with Cyrillic letters, the English one for ASCII words
/// with letters, the token itself otherwise (numbers, other scripts).
/// `клиент`, `клиенты`, `клиентов`, `клиентам` → `клиент`.
pub fn stem(word: &str) -> String {
    let word = if needs_normalising(word) {
        normalise(word)
    } else {
        word.to_owned()
    };
    let algorithm = if word.chars().any(is_cyrillic) {
        Algorithm::Russian
    } else if word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.bytes().any(|b| b.is_ascii_alphabetic())
    {
        Algorithm::English
    } else {
        return word;
    };
    Stemmer::create(algorithm).stem(&word).into_owned()
}

/// The most frequent Russian (ё folded) and English function words: words
/// that say nothing about what a text is about. `word` is a token.
pub fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        // Russian
        "а" | "без" | "бы" | "был" | "была" | "были" | "было" | "быть" | "в" | "вам" | "вас"
            | "ваш" | "ваши" | "ведь" | "во" | "вот" | "все" | "всех" | "вы" | "где" | "да"
            | "для" | "до" | "его" | "ее" | "если" | "есть" | "еще" | "же" | "за" | "здесь"
            | "и" | "из" | "или" | "им" | "их" | "к" | "как" | "когда" | "кто" | "ли" | "либо"
            | "мы" | "на" | "над" | "нас" | "наш" | "наши" | "не" | "нет" | "ни" | "но" | "о"
            | "об" | "он" | "она" | "они" | "оно" | "от" | "по" | "под" | "при" | "с" | "со"
            | "так" | "также" | "то" | "того" | "только" | "том" | "тоже" | "у" | "уже" | "чем"
            | "что" | "чтобы" | "это" | "этот" | "эти" | "этой" | "этого" | "я"
            // English
            | "an" | "and" | "are" | "as" | "at" | "be" | "been" | "but" | "by" | "can" | "do"
            | "for" | "from" | "had" | "has" | "have" | "he" | "her" | "his" | "i" | "if"
            | "in" | "is" | "it" | "its" | "not" | "of" | "on" | "or" | "our" | "she" | "so"
            | "that" | "the" | "their" | "they" | "this" | "to" | "was" | "we" | "were"
            | "what" | "which" | "will" | "with" | "you" | "your"
    )
}

/// The stemmed content words of `text`: [`tokens`] without stop words, one-letter
/// words and bare numbers, each passed through [`stem`].
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text)
        .filter(|t| is_content_word(t))
        .map(|t| stem(&t))
}

/// True for a token [`terms`] keeps: not a stop word, not a single letter,
/// not only digits.
pub fn is_content_word(token: &str) -> bool {
    token.chars().nth(1).is_some()
        && !token.chars().all(|c| c.is_ascii_digit())
        && !is_stop_word(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_lowercase_fold_and_split() {
        let t: Vec<_> = tokens("Ёлка-2025, КЛИЕНТЫ! «Сервис»  — e-mail's").collect();
        assert_eq!(t, ["елка", "2025", "клиенты", "сервис", "e", "mail", "s"]);
    }

    #[test]
    fn decomposed_letters_and_stress_marks_stay_inside_a_word() {
        let t: Vec<_> =
            tokens("Йогурт и\u{0306}огурт Е\u{0308}лка за\u{0301}мок cafe\u{0301}").collect();
        assert_eq!(t, ["йогурт", "йогурт", "елка", "замок", "cafe\u{0301}"]);
        assert!(needs_normalising("и\u{0306}огурт"));
        assert_eq!(stem("и\u{0306}огурта"), stem("йогурт"));
    }

    #[test]
    fn normalising_is_needed_only_when_it_changes_the_word() {
        for w in ["клиент", "abc", "2025", "日本", "елка"] {
            assert!(!needs_normalising(w), "{w}");
            assert_eq!(normalise(w), w);
        }
        for w in ["Клиент", "ёлка", "ABC", "İ", "ǅ"] {
            assert!(needs_normalising(w), "{w}");
            assert_ne!(normalise(w), w);
        }
    }

    #[test]
    fn russian_word_forms_share_a_stem() {
        let stems: Vec<_> = ["клиент", "клиенты", "клиентов", "клиентам", "клиентами"]
            .iter()
            .map(|w| stem(w))
            .collect();
        assert!(stems.iter().all(|s| s == "клиент"), "{stems:?}");
        assert_eq!(stem("обслуживание"), stem("обслуживания"));
        assert_eq!(stem("качество"), stem("качества"));
        // ё and е are one letter.
        assert_eq!(stem("ёлки"), stem("елки"));
        assert_eq!(stem("Ёлкой"), stem("елкой"));
    }

    #[test]
    fn english_words_use_the_english_stemmer() {
        assert_eq!(stem("services"), "servic");
        assert_eq!(stem("service"), "servic");
        assert_eq!(stem("2025"), "2025");
        assert_eq!(stem("日本"), "日本");
    }

    #[test]
    fn terms_drop_function_words() {
        let t: Vec<_> =
            terms("Это и есть качество обслуживания для клиентов, and the clients 24").collect();
        assert_eq!(t, ["качеств", "обслуживан", "клиент", "client"]);
        assert!(is_stop_word("что") && is_stop_word("the"));
        assert!(!is_stop_word("клиент"));
    }
}
