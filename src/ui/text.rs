//! The runner's own words in the learner's language: every message lives
//! in a Project Fluent file (`src/locales/{en,ko,ja}/rustdrill.ftl`,
//! embedded in the binary), looked up here by id. English is the fallback
//! for any message a translation lacks. The compiler's diagnostics, the
//! course's own text and command, crate and API names are not translated
//! here.
//!
//! The language is process-wide: `main` sets it from `RUSTDRILL_LANG` at
//! start (for commands with no course yet, like `init`), and
//! `Session::load` sets it again with the course's stored language
//! (`set_course_language`); `set_language` forces one.
//!
//! ```ignore
//! use crate::ui::text::t;
//! let line = t!("watch-checking", name = &ex.name);
//! ```

use std::sync::OnceLock;
#[cfg(not(test))]
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// A language the runner speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ko,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ja];

    /// The code used by `RUSTDRILL_LANG`, `--lang` and the course's state.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
        }
    }

    /// `ko`, `ja`, `en`, also as a locale (`ko_KR.UTF-8`, `ja-JP`) so a
    /// value copied from `LANG` works.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The catalogue's source, compiled in.
    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en/rustdrill.ftl"),
            Lang::Ko => include_str!("../locales/ko/rustdrill.ftl"),
            Lang::Ja => include_str!("../locales/ja/rustdrill.ftl"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The language asked for is not one the runner speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl std::fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rustdrill does not speak `{}`: the languages are en, ko and ja",
            self.0
        )
    }
}

impl std::error::Error for UnknownLanguage {}

/// The environment variable that picks the runner's language when the
/// course stores none.
pub const LANG_VAR: &str = "RUSTDRILL_LANG";

#[cfg(not(test))]
static LANGUAGE: AtomicU8 = AtomicU8::new(0);

// Tests run on parallel threads and render in different languages (the
// English snapshots next to the Korean ones): each test thread has its own.
#[cfg(test)]
thread_local! {
    static TEST_LANGUAGE: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// Sets the language of every message from now on.
pub fn set(lang: Lang) {
    #[cfg(test)]
    TEST_LANGUAGE.set(lang as u8);
    #[cfg(not(test))]
    LANGUAGE.store(lang as u8, Ordering::Relaxed);
}

/// Sets the language by its code (`en`, `ko`, `ja`, or a locale such as
/// `ko_KR.UTF-8`).
pub fn set_language(code: &str) -> Result<Lang, UnknownLanguage> {
    let lang = Lang::parse(code).ok_or_else(|| UnknownLanguage(code.to_owned()))?;
    set(lang);
    Ok(lang)
}

/// The language once a course is loaded: `RUSTDRILL_LANG` if set (a
/// one-off override: `RUSTDRILL_LANG=en rustdrill list`), else the
/// language the course stores (`rustdrill init --lang`, `rustdrill lang`),
/// else English. Call it from `Session::load` and `Session::reload` with
/// the stored code; an unknown stored code is an error to warn about (the
/// runner then speaks English).
pub fn set_course_language(stored: Option<&str>) -> Result<Lang, UnknownLanguage> {
    let env = std::env::var(LANG_VAR).ok();
    let (lang, problem) = choose(env.as_deref(), stored);
    set(lang);
    problem.map_or(Ok(lang), Err)
}

/// The language from the environment's and the course's codes (see
/// `set_course_language`), and a code that was not understood.
fn choose(env: Option<&str>, stored: Option<&str>) -> (Lang, Option<UnknownLanguage>) {
    let mut problem = None;
    for code in [env, stored].into_iter().flatten().map(str::trim) {
        if code.is_empty() {
            continue;
        }
        match Lang::parse(code) {
            Some(lang) => return (lang, problem),
            None => problem = problem.or(Some(UnknownLanguage(code.to_owned()))),
        }
    }
    (Lang::En, problem)
}

/// The language messages are in now.
pub fn language() -> Lang {
    #[cfg(test)]
    let code = TEST_LANGUAGE.get();
    #[cfg(not(test))]
    let code = LANGUAGE.load(Ordering::Relaxed);
    match code {
        1 => Lang::Ko,
        2 => Lang::Ja,
        _ => Lang::En,
    }
}

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, parsed on first use. The shipped files are
/// checked by the tests below, so a parse error cannot reach a learner;
/// should one slip through, the entries that did parse are still used.
fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(bundle))
}

fn bundle(lang: Lang) -> Bundle {
    bundle_of(lang.code(), lang.source())
}

fn bundle_of(code: &str, source: &str) -> Bundle {
    let id: LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks (U+2068, U+2069) around every argument would
    // reach the terminal: they take no column yet some terminals draw them.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `id` with `args`, in the current language or else English.
/// An id no catalogue has (a bug the tests catch) comes back as itself, so
/// the screen shows something searchable rather than nothing.
pub fn lookup(id: &str, args: Option<&FluentArgs>) -> String {
    let bundles = bundles();
    resolve(
        &[&bundles[language().index()], &bundles[Lang::En.index()]],
        id,
        args,
    )
}

/// The first of `bundles` that has `id` and formats it without error.
fn resolve(bundles: &[&Bundle], id: &str, args: Option<&FluentArgs>) -> String {
    bundles
        .iter()
        .find_map(|b| format_in(b, id, args))
        .unwrap_or_else(|| id.to_owned())
}

fn format_in(bundle: &Bundle, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    // A missing argument is a bug in the caller; fall back to English
    // rather than show `{$name}`.
    errors.is_empty().then(|| text.into_owned())
}

/// `t!("id")` or `t!("id", name = value, count = n)`: the message in the
/// current language. Values are anything Fluent takes (strings, numbers).
macro_rules! t {
    ($id:literal) => {
        $crate::ui::text::lookup($id, None)
    };
    ($id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $(args.set(stringify!($key), $value);)+
        $crate::ui::text::lookup($id, Some(&args))
    }};
}

pub(crate) use t;

/// Columns `text` takes on a terminal (escape sequences excluded): a
/// Korean or Japanese character takes two.
pub fn width(text: &str) -> usize {
    console::measure_text_width(text)
}

/// `text` padded with spaces to `columns` terminal columns (never cut).
pub fn pad(text: &str, columns: usize) -> String {
    let w = width(text);
    format!("{text}{}", " ".repeat(columns.saturating_sub(w)))
}

/// Wraps plain text at word boundaries, keeping its indentation, and
/// inside a word wider than the line (Japanese puts no spaces between
/// words), all in terminal columns; styled text is left for `render` to
/// cut.
pub fn wrap(line: &str, cols: usize) -> Vec<String> {
    if console::measure_text_width(line) <= cols || line.contains('\x1b') {
        return vec![line.to_owned()];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let room = cols.saturating_sub(indent.len()).max(1);
    let mut words: Vec<String> = Vec::new();
    for word in line.split_whitespace() {
        words.extend(split_columns(word, room));
    }
    let mut out = Vec::new();
    let mut current = indent.clone();
    for word in &words {
        let width = console::measure_text_width(&current);
        if width > indent.len() && width + 1 + console::measure_text_width(word) > cols {
            out.push(std::mem::replace(&mut current, indent.clone()));
        }
        if console::measure_text_width(&current) > indent.len() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

/// `word` in pieces of at most `cols` terminal columns.
fn split_columns(word: &str, cols: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut width = 0;
    for c in word.chars() {
        let w = console::measure_text_width(c.encode_utf8(&mut [0; 4]));
        if width + w > cols && width > 0 {
            pieces.push(String::new());
            width = 0;
        }
        width += w;
        pieces.last_mut().expect("one piece at least").push(c);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

    use super::*;

    fn ids(lang: Lang) -> BTreeSet<String> {
        let resource = FluentResource::try_new(lang.source().to_owned())
            .unwrap_or_else(|(_, e)| panic!("{}: {e:?}", lang.code()));
        resource
            .entries()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Every variable a message uses, so a translation cannot drop or
    /// misspell one (`{ $nmae }` would show as an error, then English).
    fn variables(lang: Lang) -> BTreeSet<(String, String)> {
        fn walk(id: &str, p: &Pattern<&str>, out: &mut BTreeSet<(String, String)>) {
            for el in &p.elements {
                if let PatternElement::Placeable { expression } = el {
                    expr(id, expression, out);
                }
            }
        }
        fn inline(id: &str, e: &InlineExpression<&str>, out: &mut BTreeSet<(String, String)>) {
            match e {
                InlineExpression::VariableReference { id: v } => {
                    out.insert((id.to_owned(), v.name.to_owned()));
                }
                InlineExpression::Placeable { expression } => expr(id, expression, out),
                _ => {}
            }
        }
        fn expr(id: &str, e: &Expression<&str>, out: &mut BTreeSet<(String, String)>) {
            match e {
                Expression::Inline(i) => inline(id, i, out),
                Expression::Select { selector, variants } => {
                    inline(id, selector, out);
                    for v in variants {
                        walk(id, &v.value, out);
                    }
                }
            }
        }
        let resource = FluentResource::try_new(lang.source().to_owned()).expect("parses");
        let mut out = BTreeSet::new();
        for e in resource.entries() {
            if let Entry::Message(m) = e
                && let Some(value) = &m.value
            {
                walk(m.id.name, value, &mut out);
            }
        }
        out
    }

    #[test]
    fn every_catalogue_parses() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(lang.source().to_owned()) {
                panic!("src/locales/{}/rustdrill.ftl: {errors:?}", lang.code());
            }
            let mut bundle = FluentBundle::new_concurrent(vec![]);
            let resource = FluentResource::try_new(lang.source().to_owned()).expect("parses");
            // Duplicate ids are an error here.
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("{}: {e:?}", lang.code()));
        }
    }

    #[test]
    fn korean_and_japanese_have_every_english_message_with_its_variables() {
        let english = ids(Lang::En);
        assert!(english.len() > 50, "{english:?}");
        let english_vars = variables(Lang::En);
        for lang in [Lang::Ko, Lang::Ja] {
            let theirs = ids(lang);
            let missing: Vec<_> = english.difference(&theirs).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(
                extra.is_empty(),
                "{} has unknown ids {extra:?}",
                lang.code()
            );
            let vars = variables(lang);
            let unknown: Vec<_> = vars.difference(&english_vars).collect();
            assert!(
                unknown.is_empty(),
                "{} uses variables English does not pass: {unknown:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn the_environment_overrides_the_course_and_english_is_the_default() {
        assert_eq!(choose(None, None), (Lang::En, None));
        assert_eq!(choose(None, Some("ko")), (Lang::Ko, None));
        assert_eq!(choose(Some("ja"), Some("ko")), (Lang::Ja, None));
        assert_eq!(choose(Some(""), Some("ko")), (Lang::Ko, None));
        // An unknown override is reported and the course's language used.
        assert_eq!(
            choose(Some("fr"), Some("ko")),
            (Lang::Ko, Some(UnknownLanguage("fr".to_owned())))
        );
        assert_eq!(
            choose(None, Some("xx")),
            (Lang::En, Some(UnknownLanguage("xx".to_owned())))
        );
    }

    #[test]
    fn languages_parse_from_codes_and_locales() {
        assert_eq!(Lang::parse("ko"), Some(Lang::Ko));
        assert_eq!(Lang::parse("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    /// English is the fallback, plural selectors pick by count, and no
    /// isolation marks reach the terminal.
    #[test]
    fn messages_follow_the_language_with_english_as_fallback() {
        set(Lang::En);
        assert_eq!(t!("verify-score", done = 1, total = 1), "1/1 exercise done");
        assert_eq!(
            t!("verify-score", done = 2, total = 8),
            "2/8 exercises done"
        );
        set(Lang::Ko);
        let ko = t!("verify-score", done = 2, total = 8);
        // Korean has no plural: one form, with no isolation marks.
        assert_eq!(ko, "연습 문제 8개 중 2개 완료");
        // Not in any catalogue: the id itself.
        assert_eq!(t!("no-such-message"), "no-such-message");
        set(Lang::En);
    }

    /// A message the translation lacks, or cannot format (a variable it
    /// misspells), comes from English.
    #[test]
    fn a_missing_or_broken_translation_falls_back_to_english() {
        let ko = bundle_of("ko", "only-ko = 한국어\nbroken = { $nmae } 완료\n");
        let en = bundle_of(
            "en",
            "only-ko = Korean\nonly-en = English\nbroken = { $name } done\n",
        );
        let mut args = FluentArgs::new();
        args.set("name", "vars1");
        assert_eq!(resolve(&[&ko, &en], "only-ko", None), "한국어");
        assert_eq!(resolve(&[&ko, &en], "only-en", None), "English");
        assert_eq!(resolve(&[&ko, &en], "broken", Some(&args)), "vars1 done");
        assert_eq!(resolve(&[&ko, &en], "neither", None), "neither");
    }
}
