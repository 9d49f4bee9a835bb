//! The reader's side of the UI text ([`blog_bundle::ui`], shared with the
//! builder's entry pages through `blog_views::Ui`): dates through the
//! browser's `Intl.DateTimeFormat`, with the same rules as the fallback.

use blog_bundle::lang;
use blog_bundle::ui::{Strings, strings};
use blog_views::Ui;

/// The UI text of `lang` (the page's `<html lang>`), with the browser's dates.
pub fn ui_for(lang: &str) -> Ui {
    Ui {
        strings: strings(lang),
        format_date: date,
    }
}

/// "25 июля 2025" / "25 July 2025" from `YYYY-MM-DD`, by `Intl.DateTimeFormat`
/// in the browser; by `blog_bundle::lang` (what the pre-rendered pages say)
/// where there is no `Intl`, or for a date it can't read.
fn date(strings: &'static Strings, iso: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl::long_date(iso, strings.date_locale) {
        return text;
    }
    lang::human_date(iso, strings.lang)
}

/// Creates the date formatter ahead of the first date. The browser's first
/// `Intl.DateTimeFormat` loads ICU's calendar data (about 20 ms on a fast
/// machine); called in a task of its own while the first data is on its way,
/// that work does not lengthen the task which renders the view.
pub fn prepare_dates(ui: &Ui) {
    #[cfg(target_arch = "wasm32")]
    intl::formatter(ui.date_locale);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ui;
}

/// Long dates through the browser's `Intl.DateTimeFormat`, one formatter per
/// locale for the session.
#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::RefCell;

    use js_sys::{Array, Date, Intl::DateTimeFormat, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    thread_local!(static FORMAT: RefCell<Option<(&'static str, DateTimeFormat)>> =
        const { RefCell::new(None) });

    pub fn formatter(locale: &'static str) -> DateTimeFormat {
        FORMAT.with_borrow_mut(|slot| {
            if let Some((l, f)) = slot
                && *l == locale
            {
                return f.clone();
            }
            let options = Object::new();
            for (key, value) in [
                ("day", "numeric"),
                ("month", "long"),
                ("year", "numeric"),
                // Bundle dates are calendar days, not instants in the reader's zone.
                ("timeZone", "UTC"),
            ] {
                let _ = Reflect::set(&options, &key.into(), &value.into());
            }
            let format = DateTimeFormat::new(&Array::of1(&locale.into()), &options);
            *slot = Some((locale, format.clone()));
            format
        })
    }

    /// "25 июля 2025": the day, month and year parts with what stands between
    /// them, without the era suffix some locales add after the year (ru " г.").
    pub fn long_date(iso: &str, locale: &'static str) -> Option<String> {
        let (y, m, d) = blog_bundle::lang::ymd(iso)?;
        let date = Date::new(&JsValue::from_str(&format!(
            "{y:04}-{m:02}-{d:02}T00:00:00Z"
        )));
        if date.get_time().is_nan() {
            return None;
        }
        let mut text = String::new();
        let mut pending = String::new();
        for part in formatter(locale).format_to_parts(&date).iter() {
            let part: &Object = part.unchecked_ref();
            let get = |key: &str| Reflect::get(part, &key.into()).ok()?.as_string();
            let value = get("value")?;
            if get("type").as_deref() == Some("literal") {
                pending.push_str(&value);
            } else {
                text.push_str(&pending);
                pending.clear();
                text.push_str(&value);
            }
        }
        (!text.is_empty()).then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        // The rules themselves are tested in blog_bundle::lang.
        assert_eq!(ui_for("ru").date("2025-07-25"), "25 июля 2025");
        assert_eq!(ui_for("en").date("2025-07-25"), "25 July 2025");
    }
}
