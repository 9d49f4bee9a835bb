//! Every piece of UI text, in one place, for each supported site language:
//! the reader's views and the builder's pre-rendered pages both say these
//! words, chosen by one language test ([`strings`]). Plurals, dates and
//! month headings come from [`crate::lang`].

use crate::lang;

/// UI strings of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    pub lang: &'static str,
    pub skip_to_content: &'static str,
    pub home: &'static str,
    pub loading: &'static str,
    pub contents: &'static str,
    pub tags: &'static str,
    pub older_post: &'static str,
    pub newer_post: &'static str,
    pub older_posts: &'static str,
    pub newer_posts: &'static str,
    pub page_n_of: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub retry: &'static str,
    pub error_title: &'static str,
    pub error_offline: &'static str,
    pub error_timeout: &'static str,
    pub error_http: &'static str,
    pub error_corrupt: &'static str,
    pub error_other_build: &'static str,
    pub footnotes: &'static str,
    /// Callout labels: note, tip, important, warning, caution.
    pub callouts: [&'static str; 5],
    pub no_posts: &'static str,
    pub post_navigation: &'static str,
    pub pagination: &'static str,
    pub updated: &'static str,
    pub archive: &'static str,
    pub related: &'static str,
    pub shared_tags: &'static str,
    /// The reason of a related post that shares no tag or word: chosen as
    /// one published around the same time.
    pub same_time: &'static str,
    pub shared_words: &'static str,
    pub site_navigation: &'static str,
    pub tag_title: &'static str,
    pub dark_theme: &'static str,
    pub read: &'static str,
    pub continue_reading: &'static str,
    pub read_percent: &'static str,
    pub light_theme: &'static str,
    pub search: &'static str,
    pub tags_description: &'static str,
    pub archive_description: &'static str,
    pub search_description: &'static str,
    /// The search page without JavaScript, before a link to the archive.
    pub search_needs_js: &'static str,
    pub search_placeholder: &'static str,
    pub search_hint: &'static str,
    pub found: &'static str,
    pub search_none: &'static str,
    pub update_available: &'static str,
    pub update_action: &'static str,
    pub dismiss: &'static str,
    pub offline_notice: &'static str,
    pub save_all: &'static str,
    pub all_saved: &'static str,
    pub available_offline: &'static str,
    pub not_available_offline: &'static str,
    pub saved_of: &'static str,
    pub saving: &'static str,
    pub copy_code: &'static str,
    pub copied: &'static str,
    /// A video's play button: "{host}" is where it loads from.
    pub play_video: &'static str,
    /// Under it: nothing is loaded until the reader plays it.
    pub video_privacy: &'static str,
    /// Its link for readers without JavaScript.
    pub watch_on: &'static str,
}

pub static RU: Strings = Strings {
    lang: "ru",
    skip_to_content: "Перейти к содержанию",
    home: "Главная",
    loading: "Загрузка…",
    contents: "Содержание",
    tags: "Теги",
    older_post: "Предыдущая статья",
    newer_post: "Следующая статья",
    older_posts: "Старые записи",
    newer_posts: "Новые записи",
    page_n_of: "Страница {n} из {total}",
    not_found_title: "Страница не найдена",
    not_found_text: "Такой страницы здесь нет. Возможно, ссылка устарела или в адресе опечатка.",
    back_home: "На главную",
    retry: "Повторить",
    error_title: "Не удалось загрузить блог",
    error_offline: "Нет соединения с сетью. Проверьте подключение и попробуйте ещё раз.",
    error_timeout: "Сервер слишком долго не отвечает. Попробуйте ещё раз.",
    error_http: "Сервер ответил ошибкой {code}.",
    error_corrupt: "Данные блога повреждены или имеют неизвестный формат.",
    error_other_build: "Блог только что обновился. Обновите страницу.",
    footnotes: "Примечания",
    callouts: ["Примечание", "Совет", "Важно", "Внимание", "Осторожно"],
    no_posts: "Здесь пока нет записей.",
    post_navigation: "Другие статьи",
    pagination: "Страницы",
    updated: "обновлено",
    archive: "Архив",
    related: "Читайте также",
    shared_tags: "Общие теги:",
    same_time: "Написано в то же время",
    shared_words: "Общие темы:",
    site_navigation: "Разделы сайта",
    tag_title: "Тег «{name}»",
    read: "Прочитано",
    continue_reading: "Продолжить чтение ({p}%)",
    read_percent: "Прочитано {p}%",
    dark_theme: "Тёмная тема",
    light_theme: "Светлая тема",
    search: "Поиск",
    tags_description: "Все теги блога",
    archive_description: "Все записи по месяцам",
    search_description: "Поиск по всем записям блога",
    search_needs_js: "Поиск работает в браузере с включённым JavaScript. Все записи собраны в архиве:",
    search_placeholder: "Поиск по блогу",
    search_hint: "Введите слово или его начало, например «клиент» или «консьерж». Нажмите «/», чтобы перейти к поиску с любой страницы.",
    found: "Найдено:",
    search_none: "По запросу «{q}» ничего не найдено. Проверьте написание или попробуйте другое слово.",
    update_available: "Опубликованы новые записи.",
    update_action: "Обновить",
    dismiss: "Скрыть",
    offline_notice: "Нет сети. Сохранённые статьи можно читать и без неё.",
    save_all: "Сохранить всё для чтения офлайн",
    all_saved: "Все статьи сохранены для чтения офлайн.",
    available_offline: "Доступно офлайн",
    not_available_offline: "Не сохранено для офлайна",
    saved_of: "Для чтения офлайн сохранено статей: {n} из {total}.",
    saving: "Сохранение: {n} из {total}",
    copy_code: "Копировать код",
    copied: "Скопировано",
    play_video: "Смотреть видео ({host})",
    video_privacy: "Видео загрузится с {host}, только когда вы его запустите.",
    watch_on: "Смотреть на {host}",
};

pub static EN: Strings = Strings {
    lang: "en",
    skip_to_content: "Skip to content",
    home: "Home",
    loading: "Loading…",
    contents: "Contents",
    tags: "Tags",
    older_post: "Previous post",
    newer_post: "Next post",
    older_posts: "Older posts",
    newer_posts: "Newer posts",
    page_n_of: "Page {n} of {total}",
    not_found_title: "Page not found",
    not_found_text: "There is no page here. The link may be outdated or mistyped.",
    back_home: "Back to the home page",
    retry: "Try again",
    error_title: "The blog could not be loaded",
    error_offline: "No network connection. Check it and try again.",
    error_timeout: "The server is taking too long to answer. Try again.",
    error_http: "The server answered with error {code}.",
    error_corrupt: "The blog's data is damaged or in an unknown format.",
    error_other_build: "The blog has just been updated. Reload the page.",
    footnotes: "Notes",
    callouts: ["Note", "Tip", "Important", "Warning", "Caution"],
    no_posts: "No posts yet.",
    post_navigation: "More posts",
    pagination: "Pages",
    updated: "updated",
    archive: "Archive",
    related: "Read next",
    shared_tags: "Shared tags:",
    same_time: "Written around the same time",
    shared_words: "Shared topics:",
    site_navigation: "Site sections",
    tag_title: "Tag “{name}”",
    read: "Read",
    continue_reading: "Continue reading ({p}%)",
    read_percent: "{p}% read",
    dark_theme: "Dark theme",
    light_theme: "Light theme",
    search: "Search",
    tags_description: "Every tag of the blog",
    archive_description: "Every post by month",
    search_description: "Search every post of the blog",
    search_needs_js: "Search runs in the browser with JavaScript on. Every post is in the archive:",
    search_placeholder: "Search the blog",
    search_hint: "Type a word or its beginning. Press “/” on any page to jump to search.",
    found: "Found:",
    search_none: "Nothing found for “{q}”. Check the spelling or try another word.",
    update_available: "New posts are published.",
    update_action: "Refresh",
    dismiss: "Dismiss",
    offline_notice: "You are offline. Saved posts can still be read.",
    save_all: "Save everything for offline reading",
    all_saved: "Every post is saved for offline reading.",
    available_offline: "Available offline",
    not_available_offline: "Not saved for offline",
    saved_of: "Posts saved for offline reading: {n} of {total}.",
    saving: "Saving: {n} of {total}",
    copy_code: "Copy code",
    copied: "Copied",
    play_video: "Play video ({host})",
    video_privacy: "The video loads from {host} only when you play it.",
    watch_on: "Watch on {host}",
};

/// The strings for a BCP 47 language tag; English for anything but Russian.
pub fn strings(lang: &str) -> &'static Strings {
    if lang::is_russian(lang) { &RU } else { &EN }
}

impl Strings {
    /// "25 июля 2025" / "25 July 2025" from `YYYY-MM-DD`, the same in the
    /// reader and in the pre-rendered pages.
    pub fn date(&self, iso: &str) -> String {
        lang::human_date(iso, self.lang)
    }

    /// The label of a callout of `kind`.
    pub fn callout(&self, kind: crate::CalloutKind) -> &'static str {
        self.callouts[kind as usize]
    }

    /// "1 минута чтения", "3 минуты чтения", "5 минут чтения" / "5 min read".
    pub fn reading_time(&self, minutes: u32) -> String {
        lang::reading_time(minutes, self.lang)
    }

    /// "По запросу «xyz» ничего не найдено…"
    pub fn search_none(&self, query: &str) -> String {
        self.search_none.replace("{q}", query)
    }

    /// "Продолжить чтение (43%)".
    pub fn continue_reading(&self, fraction: f64) -> String {
        self.continue_reading.replace("{p}", &percent(fraction))
    }

    /// "Прочитано 43%".
    pub fn read_percent(&self, fraction: f64) -> String {
        self.read_percent.replace("{p}", &percent(fraction))
    }

    /// "Смотреть видео (YouTube)".
    pub fn play_video(&self, host: &str) -> String {
        self.play_video.replace("{host}", host)
    }

    /// "The video loads from YouTube only when you play it."
    pub fn video_privacy(&self, host: &str) -> String {
        self.video_privacy.replace("{host}", host)
    }

    /// "Watch on YouTube".
    pub fn watch_on(&self, host: &str) -> String {
        self.watch_on.replace("{host}", host)
    }

    /// "Тег «сервис»".
    pub fn tag_title(&self, name: &str) -> String {
        self.tag_title.replace("{name}", name)
    }

    /// "Июль 2025".
    pub fn month_year(&self, month: u8, year: i32) -> String {
        lang::month_year(month, year, self.lang)
    }

    /// "1 запись", "3 записи", "5 записей" / "1 post", "5 posts".
    pub fn post_count(&self, n: usize) -> String {
        lang::count(
            n as u64,
            self.lang,
            ["запись", "записи", "записей"],
            ["post", "posts"],
        )
    }

    /// "Страница 2 из 5".
    pub fn page_of(&self, n: usize, total: usize) -> String {
        self.page_n_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// "Для чтения офлайн сохранено статей: 3 из 5."
    pub fn saved_of(&self, n: u32, total: u32) -> String {
        self.saved_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// "Сохранение: 3 из 40"
    pub fn saving(&self, n: u32, total: u32) -> String {
        self.saving
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    pub fn http_error(&self, code: u16) -> String {
        self.error_http.replace("{code}", &code.to_string())
    }
}

/// `0.433` → `"43"`, through integers: formatting a float would compile
/// Rust's float printing into the reader's WebAssembly.
fn percent(fraction: f64) -> String {
    ((fraction.clamp(0.0, 1.0) * 100.0).round() as u32).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_times_follow_the_language() {
        assert_eq!(RU.reading_time(3), "3 минуты чтения");
        assert_eq!(EN.reading_time(7), "7 min read");
    }

    #[test]
    fn dates_follow_the_language() {
        // The rules themselves are tested in crate::lang.
        assert_eq!(RU.date("2025-07-25"), "25 июля 2025");
        assert_eq!(EN.date("2025-07-25"), "25 July 2025");
        assert_eq!(EN.date("someday"), "someday");
    }

    #[test]
    fn language_selection() {
        assert_eq!(strings("ru").lang, "ru");
        assert_eq!(strings("ru-RU").lang, "ru");
        assert_eq!(strings("RU").lang, "ru");
        assert_eq!(strings("en").lang, "en");
        assert_eq!(strings("de").lang, "en");
        assert_eq!(strings("").lang, "en");
    }

    #[test]
    fn templates() {
        assert_eq!(RU.page_of(2, 5), "Страница 2 из 5");
        assert_eq!(RU.http_error(503), "Сервер ответил ошибкой 503.");
        assert_eq!(
            RU.saved_of(3, 5),
            "Для чтения офлайн сохранено статей: 3 из 5."
        );
        assert_eq!(EN.saving(1, 40), "Saving: 1 of 40");
        assert_eq!(RU.tag_title("сервис"), "Тег «сервис»");
        assert_eq!(RU.continue_reading(0.433), "Продолжить чтение (43%)");
        assert_eq!(EN.read_percent(0.996), "100% read");
        assert_eq!(EN.read_percent(0.0), "0% read");
    }
}
