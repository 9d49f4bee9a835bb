//! `gen-corpus --posts N --out DIR --seed S [--topics K] [--code P]`: a
//! synthetic Russian blog for benchmarking related posts
//! (bench/related/run.sh) and builds; with `--code P`, P % of the posts end
//! with a code block (Rust, JavaScript, Python or shell) to highlight.
//!
//! Every post belongs to one of K topics (ground truth: `DIR/.truth.json`,
//! `{"slug": topic, ...}`, which the builder ignores: it reads only `*.md` and
//! `site.toml`). Bodies: 28 % of the words are the topic's nouns and 10 % other
//! topics' nouns, all inflected with varied Russian endings (so stemming
//! matters), the rest generic filler and function words. Keywords are only
//! partly on topic: 2 from the topic's 6 and 2
//! generic ones shared by every topic. Both front-matter styles of the seeds
//! (one-line quoted, block YAML with `>-` and lists) are used.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// SplitMix64: small, seedable, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Topics: name, nouns (`stem|class`: m = masculine hard, f = feminine -а,
/// n = neuter -о), on-topic keywords.
const TOPICS: &[(&str, &str, &[&str])] = &[
    (
        "яхты",
        "яхт|f причал|m капитан|m парус|m марин|f шкипер|m круиз|m палуб|f катер|m волн|f бухт|f штурвал|m",
        &[
            "яхты",
            "морские прогулки",
            "аренда яхт",
            "круизы",
            "парусный спорт",
            "катера",
        ],
    ),
    (
        "рестораны",
        "ресторан|m шеф|m блюд|n столик|m повар|m десерт|m вин|n ужин|m соус|m бокал|m официант|m рецепт|m",
        &[
            "рестораны",
            "гастрономия",
            "ужин",
            "кухня",
            "вино",
            "шеф-повар",
        ],
    ),
    (
        "путешествия",
        "билет|m рейс|m аэропорт|m перелет|m виз|f паспорт|m багаж|m трансфер|m гостиниц|f маршрут|m чемодан|m турист|m",
        &[
            "путешествия",
            "авиабилеты",
            "визы",
            "трансфер",
            "туризм",
            "перелеты",
        ],
    ),
    (
        "недвижимость",
        "квартир|f аренд|f договор|m собственник|m арендатор|m ремонт|m риелтор|m залог|m ипотек|f застройщик|m кадастр|m метраж|m",
        &[
            "недвижимость",
            "аренда квартир",
            "ипотека",
            "риелторы",
            "ремонт",
            "договор аренды",
        ],
    ),
    (
        "автомобили",
        "машин|f шофер|m мотор|m салон|m бензин|m гараж|m лимузин|m кузов|m тормоз|m пробег|m кроссовер|m техосмотр|m",
        &[
            "автомобили",
            "лимузины",
            "водитель",
            "аренда авто",
            "автосервис",
            "трансфер на машине",
        ],
    ),
    (
        "здоровье",
        "врач|m клиник|f анализ|m диагноз|m пациент|m препарат|m терапевт|m стоматолог|m осмотр|m витамин|m массаж|m процедур|f",
        &[
            "здоровье",
            "медицина",
            "клиники",
            "врачи",
            "чекап",
            "стоматология",
        ],
    ),
    (
        "праздники",
        "праздник|m банкет|m торжеств|n фейерверк|m декор|m букет|m свадьб|f музыкант|m оркестр|m торт|m шар|m конкурс|m",
        &[
            "праздники",
            "свадьба",
            "банкеты",
            "организация мероприятий",
            "декор",
            "фейерверки",
        ],
    ),
    (
        "образование",
        "школ|f репетитор|m урок|m студент|m экзамен|m диплом|m учебник|m класс|m гувернантк|f садик|m олимпиад|f факультет|m",
        &[
            "образование",
            "репетиторы",
            "школы",
            "экзамены",
            "гувернантки",
            "обучение детей",
        ],
    ),
    (
        "мода",
        "бутик|m костюм|m дизайнер|m стилист|m гардероб|m магазин|m бренд|m аксессуар|m пиджак|m шарф|m примерк|f сумк|f",
        &["мода", "шопинг", "стилисты", "бутики", "гардероб", "бренды"],
    ),
    (
        "спорт",
        "тренер|m спортзал|m фитнес|m бассейн|m абонемент|m тренировк|f йог|f марафон|m велосипед|m теннис|m корт|m бег|m",
        &["спорт", "фитнес", "тренеры", "йога", "теннис", "марафоны"],
    ),
    (
        "культура",
        "театр|m концерт|m музей|m выставк|f картин|f художник|m балет|m опер|f партер|m актер|m скульптур|f филармони|f",
        &[
            "культура",
            "театры",
            "выставки",
            "концерты",
            "музеи",
            "балет",
        ],
    ),
    (
        "финансы",
        "банк|m кредит|m инвестор|m бюджет|m налог|m бухгалтер|m вклад|m дивиденд|m аудит|m контракт|m партнер|m капитал|m",
        &[
            "финансы",
            "инвестиции",
            "налоги",
            "банки",
            "бухгалтерия",
            "капитал",
        ],
    ),
];

/// Words of any topic, already inflected.
const FILLER: &[&str] = &[
    "время",
    "времени",
    "работа",
    "работы",
    "работе",
    "работу",
    "вопрос",
    "вопросы",
    "вопросов",
    "человек",
    "люди",
    "людей",
    "день",
    "дня",
    "дни",
    "год",
    "года",
    "лет",
    "место",
    "места",
    "сервис",
    "сервиса",
    "сервисе",
    "клиент",
    "клиенты",
    "клиентов",
    "клиентам",
    "услуга",
    "услуги",
    "услуг",
    "качество",
    "качества",
    "опыт",
    "опыта",
    "команда",
    "команды",
    "команде",
    "решение",
    "решения",
    "задача",
    "задачи",
    "задач",
    "результат",
    "результаты",
    "важно",
    "важный",
    "важные",
    "хороший",
    "хорошие",
    "лучший",
    "лучшие",
    "новый",
    "новые",
    "новых",
    "сегодня",
    "всегда",
    "каждый",
    "каждого",
    "очень",
    "просто",
    "быстро",
    "удобно",
    "комфорт",
    "комфорта",
    "внимание",
    "внимания",
    "детали",
    "деталей",
    "помощь",
    "помощи",
    "организовать",
    "организация",
    "выбрать",
    "выбор",
    "выбора",
    "рассказываем",
    "советуем",
    "помогаем",
    "делаем",
    "знаем",
    "можно",
    "нужно",
    "стоит",
    "вместе",
    "заранее",
    "премиум",
    "уровень",
    "уровня",
    "подход",
    "подхода",
    "ассистент",
    "консьерж",
    "консьержа",
    "Петербург",
    "Петербурге",
    "город",
    "города",
    "городе",
    "жизнь",
    "жизни",
    "ButlerSPB",
    "идея",
    "идеи",
    "план",
    "плана",
];

/// Function words, as they occur in text.
const FUNCTION: &[&str] = &[
    "и",
    "в",
    "на",
    "с",
    "что",
    "это",
    "как",
    "для",
    "не",
    "по",
    "к",
    "но",
    "из",
    "мы",
    "вы",
    "от",
    "о",
    "за",
    "так",
    "же",
    "все",
    "или",
    "уже",
    "если",
    "только",
    "когда",
    "чтобы",
    "при",
    "у",
    "до",
    "без",
    "вам",
    "нас",
];

/// Keywords any post may carry, whatever its topic.
const GENERIC_KEYWORDS: &[&str] = &[
    "ButlerSPB",
    "консьерж-сервис",
    "качество обслуживания",
    "клиентский сервис",
    "премиум",
    "советы",
    "лайфхаки",
    "Санкт-Петербург",
    "личный ассистент",
    "экономия времени",
    "VIP",
    "лояльность клиентов",
    "стандарты сервиса",
    "персональный подход",
    "делегирование",
    "образ жизни",
    "сервис 24/7",
    "отзывы",
    "кейсы",
    "новости",
];

fn hard_i(stem: &str) -> bool {
    stem.ends_with(['к', 'г', 'х', 'ж', 'ш', 'ч', 'щ'])
}

/// Some inflected form of a noun `stem|class`.
fn inflect(noun: &str, rng: &mut Rng) -> String {
    let (stem, class) = noun.split_once('|').unwrap_or((noun, "m"));
    let y = if hard_i(stem) { "и" } else { "ы" };
    let endings: Vec<&str> = match class {
        "f" => vec!["а", y, "е", "у", "ой", "ам", "ами", "ах"],
        "n" => vec!["о", "а", "у", "ом", "е", "ам", "ами", "ах"],
        _ => {
            let gen_pl = if stem.ends_with(['ж', 'ш', 'ч', 'щ']) {
                "ей"
            } else {
                "ов"
            };
            vec!["", "а", "у", "ом", "е", y, gen_pl, "ам", "ами", "ах"]
        }
    };
    format!("{stem}{}", rng.pick(&endings))
}

fn nouns(topic: usize) -> Vec<&'static str> {
    TOPICS[topic].1.split_whitespace().collect()
}

/// How authors tag: well (the default), carelessly, or not at all.
#[derive(Clone, Copy, PartialEq)]
enum Tags {
    /// 2 of the topic's keywords and 2 generic ones.
    Good,
    /// 4–6 keywords, only 0–2 of them on topic, one on every post; bodies
    /// mostly text every topic shares (the topic still in every paragraph).
    Noisy,
    /// No keywords or tags at all.
    None,
}

/// `len` words of topic `topic`'s text, `pct` % of them the topic's nouns.
fn words_with(topic: usize, len: usize, pct: usize, rng: &mut Rng) -> Vec<String> {
    let own = nouns(topic);
    let mut out: Vec<String> = (0..len)
        .map(|_| {
            let r = rng.below(100);
            if r < pct {
                let n = *rng.pick::<&str>(&own);
                inflect(n, rng)
            } else if r < pct + 6 {
                let other = nouns(rng.below(TOPICS.len()));
                let n = *rng.pick::<&str>(&other);
                inflect(n, rng)
            } else if r < 62 {
                rng.pick(FILLER).to_string()
            } else {
                rng.pick(FUNCTION).to_string()
            }
        })
        .collect();
    // The topic shows in every piece of text, however little.
    if !out.is_empty()
        && !own.iter().any(|n| {
            out.iter()
                .any(|w| w.starts_with(n.split('|').next().unwrap_or(n)))
        })
    {
        let at = rng.below(out.len());
        let n = *rng.pick::<&str>(&own);
        out[at] = inflect(n, rng);
    }
    out
}

/// `len` words of topic `topic`'s text.
fn words(topic: usize, len: usize, rng: &mut Rng) -> Vec<String> {
    let own = nouns(topic);
    (0..len)
        .map(|_| {
            let r = rng.below(100);
            if r < 28 {
                {
                    let n = *rng.pick::<&str>(&own);
                    inflect(n, rng)
                }
            } else if r < 38 {
                let other = nouns(rng.below(TOPICS.len()));
                {
                    let n = *rng.pick::<&str>(&other);
                    inflect(n, rng)
                }
            } else if r < 72 {
                rng.pick(FILLER).to_string()
            } else {
                rng.pick(FUNCTION).to_string()
            }
        })
        .collect()
}

fn sentence(words: &[String]) -> String {
    let mut s = words.join(" ");
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
    s.push('.');
    s
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: gen-corpus --posts N --out DIR --seed S [--topics K (1-{})] [--tags good|noisy|none] [--code PERCENT]",
        TOPICS.len()
    );
    ExitCode::from(2)
}

/// Snippets for `--code P` (P % of the posts get one).
const CODE_SAMPLES: [(&str, &str); 4] = [
    (
        "rust",
        "use std::collections::HashMap;\n\n/// Counts words.\nfn count(text: &str) -> HashMap<&str, usize> {\n    let mut seen = HashMap::new();\n    for word in text.split_whitespace() {\n        *seen.entry(word).or_insert(0) += 1;\n    }\n    seen\n}",
    ),
    (
        "js",
        "// Debounce a handler.\nexport function debounce(fn, ms = 200) {\n  let timer;\n  return (...args) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}",
    ),
    (
        "python",
        "import json\n\ndef load(path: str) -> dict:\n    \"\"\"Read a settings file.\"\"\"\n    with open(path, encoding=\"utf-8\") as f:\n        return json.load(f)",
    ),
    (
        "sh",
        "#!/bin/sh\nset -eu\nfor f in content/*.md; do\n  echo \"$f: $(wc -w < \"$f\") words\"\ndone",
    ),
];

fn main() -> ExitCode {
    let mut posts = 1000usize;
    let mut out = PathBuf::from("corpus");
    let mut seed = 1u64;
    let mut topics = TOPICS.len();
    let mut tags = Tags::Good;
    let mut code = 0u32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next();
        let ok = match (a.as_str(), v) {
            ("--posts", Some(v)) => v.parse().map(|n| posts = n).is_ok(),
            ("--out", Some(v)) => {
                out = v.into();
                true
            }
            ("--seed", Some(v)) => v.parse().map(|n| seed = n).is_ok(),
            ("--code", Some(v)) => v.parse().map(|n: u32| code = n.min(100)).is_ok(),
            ("--topics", Some(v)) => v
                .parse()
                .map(|n: usize| topics = n.clamp(1, TOPICS.len()))
                .is_ok(),
            ("--tags", Some(v)) => {
                tags = match v.as_str() {
                    "good" => Tags::Good,
                    "noisy" => Tags::Noisy,
                    "none" => Tags::None,
                    _ => return usage(),
                };
                true
            }
            _ => false,
        };
        if !ok {
            return usage();
        }
    }
    if let Err(e) = generate(posts, &out, seed, topics, tags, code) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn generate(
    posts: usize,
    out: &std::path::Path,
    seed: u64,
    topics: usize,
    tags: Tags,
    code: u32,
) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join("site.toml"),
        "title = \"Корпус\"\nbase_url = \"https://example.org/\"\nlanguage = \"ru\"\nposts_per_page = 10\n",
    )?;
    let mut truth = String::from("{");
    // Dates: three years back from 2025-07-25, one post every ~day.
    let end = 1_753_401_600i64;
    for i in 0..posts {
        let topic = rng.below(topics);
        let slug = format!("post-{i:05}");
        let title_words = words(topic, 3 + rng.below(4), &mut rng);
        let title = sentence(&title_words);
        let title = title.trim_end_matches('.');
        let description = sentence(&words(topic, 12 + rng.below(10), &mut rng));
        let mut keywords: Vec<&str> = Vec::new();
        let own = TOPICS[topic].2;
        let (on_topic, total) = match tags {
            Tags::Good => (2, 4),
            Tags::Noisy => (rng.below(3), 4 + rng.below(3)),
            Tags::None => (0, 0),
        };
        if tags == Tags::Noisy {
            // One keyword on every post.
            keywords.push("блог");
        }
        while keywords.len() < on_topic + usize::from(tags == Tags::Noisy) {
            let k = rng.pick(own);
            if !keywords.contains(k) {
                keywords.push(k);
            }
        }
        while keywords.len() < total {
            let k = rng.pick(GENERIC_KEYWORDS);
            if !keywords.contains(k) {
                keywords.push(k);
            }
        }
        // Shuffle so the topic keywords are not always first.
        for j in (1..keywords.len()).rev() {
            keywords.swap(j, rng.below(j + 1));
        }
        let ts = end - rng.below(3 * 365 * 86_400) as i64;
        let (days, secs) = (ts.div_euclid(86_400), ts.rem_euclid(86_400));
        let date = format!(
            "{}T{:02}:{:02}:{:02}.000Z",
            blog_builder::dates::ymd_of_days(days),
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        );
        let mut body = String::new();
        for p in 0..(3 + rng.below(5)) {
            if p > 0 && rng.chance(0.4) {
                let h = words(topic, 3 + rng.below(3), &mut rng);
                let _ = writeln!(body, "## {}\n", sentence(&h).trim_end_matches('.'));
            }
            let mut para = Vec::new();
            for _ in 0..(2 + rng.below(4)) {
                let len = 8 + rng.below(12);
                let w = match tags {
                    Tags::Noisy => words_with(topic, len, 10, &mut rng),
                    _ => words(topic, len, &mut rng),
                };
                para.push(sentence(&w));
            }
            let _ = writeln!(body, "{}\n", para.join(" "));
        }
        // Code, in the languages blogs show most, for highlighting to do.
        if rng.below(100) < code as usize {
            let (lang, sample) = CODE_SAMPLES[rng.below(CODE_SAMPLES.len())];
            let _ = writeln!(body, "```{lang}\n{sample}\n```\n");
        }
        let mut md = String::from("---\n");
        if i % 2 == 0 {
            // The one-line quoted style.
            let _ = writeln!(md, "title: {}", quoted(title));
            let _ = writeln!(md, "description: {}", quoted(&description));
            if !keywords.is_empty() {
                let _ = writeln!(md, "keywords: {}", quoted(&keywords.join(", ")));
            }
            let _ = writeln!(md, "pubDate: {}", quoted(&date));
            md.push_str("author: \"Эксперт ButlerSPB\"\n");
        } else {
            // Block YAML: folded description, keywords and tags as lists.
            let _ = writeln!(md, "title: '{}'", title.replace('\'', "''"));
            md.push_str("description: >-\n");
            let dwords: Vec<&str> = description.split(' ').collect();
            for chunk in dwords.chunks(8) {
                let _ = writeln!(md, "  {}", chunk.join(" "));
            }
            let _ = writeln!(md, "pubDate: '{date}'");
            md.push_str("author: Эксперт ButlerSPB\n");
            let half = keywords.len() / 2;
            for (key, list) in [("keywords", &keywords[..half]), ("tags", &keywords[half..])] {
                if !list.is_empty() {
                    let _ = writeln!(md, "{key}:");
                    for k in list {
                        let _ = writeln!(md, "  - {}", quoted(k));
                    }
                }
            }
        }
        md.push_str("---\n");
        md.push_str(&body);
        std::fs::write(out.join(format!("{slug}.md")), md)?;
        if i > 0 {
            truth.push(',');
        }
        let _ = write!(truth, "\n\"{slug}\":{topic}");
    }
    truth.push_str("\n}\n");
    std::fs::write(out.join(".truth.json"), truth)
}
