//! Translations of a rustdrill course that follow the English: gettext
//! catalogues extracted from the course (`extract`), merged when the
//! English changes (`merge`), and applied to what a learner reads
//! (`Translations`): hints and messages at run time, exercise comments and
//! chapter READMEs when `init` or `lang` writes the course.
//!
//! The layout inside a course (docs/course-format.md, "Translations"):
//! `i18n/templates/course.pot` and `i18n/templates/CHAPTER.pot` from the
//! English, and `i18n/LANG/course.po`, `i18n/LANG/CHAPTER.po` and
//! `i18n/LANG/glossary.md` per language.

pub mod extract;
pub mod markdown;
pub mod merge;
pub mod po;
pub mod rust;

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use po::{Catalogue, Entry, EntryState};

/// The catalogues' folder in a course.
pub const DIR: &str = "i18n";
/// The templates' folder inside it.
pub const TEMPLATES: &str = "templates";
/// Each language's glossary of Rust terms, beside its catalogues.
pub const GLOSSARY: &str = "glossary.md";

/// `i18n/templates/STEM.pot`, relative to the course.
pub fn template_path(stem: &str) -> String {
    format!("{DIR}/{TEMPLATES}/{stem}.pot")
}

/// `i18n/LANG/STEM.po`, relative to the course.
pub fn catalogue_path(lang: &Lang, stem: &str) -> String {
    format!("{DIR}/{lang}/{stem}.po")
}

/// A language a course can be read in: a lowercase ISO 639 code (`ko`,
/// `ja`), optionally with a region (`pt_BR`). `en` is the course's own
/// English, which needs no catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(String);

impl Lang {
    pub fn english() -> Lang {
        Lang("en".to_owned())
    }

    pub fn is_english(&self) -> bool {
        self.0 == "en"
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language a locale names (`LC_ALL`/`LANG`: `ko_KR.UTF-8` → `ko`;
    /// `C` and `POSIX` name none).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let code = locale.split(['_', '.', '@']).next()?;
        if code == "C" || code == "POSIX" {
            return None;
        }
        code.parse().ok()
    }

    /// The language's own name, for a learner choosing it.
    pub fn native_name(&self) -> &str {
        match self.0.as_str() {
            "en" => "English",
            "ko" => "한국어",
            "ja" => "日本語",
            "zh_CN" => "简体中文",
            "zh_TW" => "繁體中文",
            "fr" => "Français",
            "de" => "Deutsch",
            "uk" => "Українська",
            other => other,
        }
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        let (code, region) = match s.split_once(['_', '-']) {
            Some((c, r)) => (c, Some(r)),
            None => (s, None),
        };
        let code_ok = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        let region_ok =
            region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()));
        if code_ok && region_ok {
            Ok(Lang(match region {
                Some(r) => format!("{code}_{r}"),
                None => code.to_owned(),
            }))
        } else {
            Err(format!(
                "`{s}` is not a language code: use a lowercase ISO 639 code such as `ko`, `ja` or `en` \
                 (with a region: `pt_BR`)"
            ))
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How much of a catalogue (or several) is translated.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub translated: usize,
    pub fuzzy: usize,
    pub missing: usize,
}

impl Counts {
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Counts {
        let mut c = Counts::default();
        for e in entries {
            match e.state() {
                EntryState::Translated => c.translated += 1,
                EntryState::Fuzzy => c.fuzzy += 1,
                EntryState::Missing => c.missing += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.translated + self.fuzzy + self.missing
    }

    /// Every message translated and none fuzzy.
    pub fn complete(&self) -> bool {
        self.fuzzy == 0 && self.missing == 0
    }

    /// Whole percent translated (100 only when complete).
    pub fn percent(&self) -> usize {
        match self.total() {
            0 => 100,
            t if self.complete() => 100 * self.translated / t,
            t => (100 * self.translated / t).min(99),
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.translated += o.translated;
        self.fuzzy += o.fuzzy;
        self.missing += o.missing;
    }
}

/// A language's translations, as a learner's course uses them: each text
/// is translated only where the catalogue's English is the text's English
/// and the entry is not fuzzy; anything else stays English.
#[derive(Debug, Clone)]
pub struct Translations {
    lang: Lang,
    by_ctxt: HashMap<String, Entry>,
    /// Usable translations by (owner, English): the owner is the part of
    /// the msgctxt before its first `:` (an exercise, a chapter).
    by_english: HashMap<(String, String), String>,
}

impl Translations {
    /// No translation: every text is the English.
    pub fn english() -> Translations {
        Translations::new(Lang::english(), Vec::new())
    }

    pub fn new(lang: Lang, catalogues: impl IntoIterator<Item = Catalogue>) -> Translations {
        let mut by_ctxt = HashMap::new();
        let mut by_english = HashMap::new();
        for e in catalogues.into_iter().flat_map(|c| c.entries) {
            let owner = e.ctxt.split(':').next().unwrap_or("").to_owned();
            if let Some(t) = e.usable() {
                by_english
                    .entry((owner, e.id.clone()))
                    .or_insert_with(|| t.to_owned());
            }
            by_ctxt.insert(e.ctxt.clone(), e);
        }
        Translations {
            lang,
            by_ctxt,
            by_english,
        }
    }

    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// The translation of the text at `ctxt` whose English is `english`,
    /// or `english` itself (no entry, another English, fuzzy, empty).
    pub fn text<'a>(&'a self, ctxt: &str, english: &'a str) -> &'a str {
        self.by_ctxt
            .get(ctxt)
            .filter(|e| e.id == english)
            .and_then(Entry::usable)
            .unwrap_or(english)
    }

    pub fn welcome<'a>(&'a self, english: &'a str) -> &'a str {
        self.text(&extract::welcome_ctxt(), english)
    }

    pub fn final_message<'a>(&'a self, english: &'a str) -> &'a str {
        self.text(&extract::final_ctxt(), english)
    }

    pub fn track<'a>(&'a self, track: &str, english: &'a str) -> &'a str {
        self.text(&extract::track_ctxt(track), english)
    }

    /// The `n`th hint (0-based: `hint`, then `hints`).
    pub fn hint<'a>(&'a self, exercise: &str, n: usize, english: &'a str) -> &'a str {
        self.text(&extract::hint_ctxt(exercise, n + 1), english)
    }

    /// A chapter README with each block translated where it can be.
    pub fn readme(&self, chapter: &str, text: &str) -> String {
        if self.by_english.is_empty() {
            return text.to_owned();
        }
        markdown::translate(text, |i, english| {
            self.placed(&extract::readme_ctxt(chapter, i + 1), chapter, english)
        })
    }

    /// An exercise (or its solution) with each comment translated where
    /// it can be; the code is untouched.
    pub fn rust_file(&self, exercise: &str, source: &str) -> String {
        if self.by_english.is_empty() {
            return source.to_owned();
        }
        rust::translate(source, |i, english| {
            self.placed(&extract::comment_ctxt(exercise, i + 1), exercise, english)
        })
    }

    /// The translation at `ctxt` if it is for `english`, else the one of
    /// the same English elsewhere in `owner` (a comment the solution
    /// shares with the exercise, a block that moved since extraction).
    fn placed(&self, ctxt: &str, owner: &str, english: &str) -> Option<String> {
        let here = self
            .by_ctxt
            .get(ctxt)
            .filter(|e| e.id == english)
            .and_then(Entry::usable);
        here.map(str::to_owned).or_else(|| {
            self.by_english
                .get(&(owner.to_owned(), english.to_owned()))
                .cloned()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ko() -> Translations {
        let mut hint = Entry::new("intro1:hint:1", "Pass a `&str`.");
        hint.translation = "`&str`을 넘기세요.".into();
        let mut fuzzy = Entry::new("intro1:hint:2", "Like \"Ferris\".");
        fuzzy.translation = "\"Ferris\"처럼.".into();
        fuzzy.fuzzy = true;
        let mut welcome = Entry::new("course:welcome", "Welcome!");
        welcome.translation = "환영합니다!".into();
        let cat = Catalogue {
            language: Some("ko".into()),
            entries: vec![hint, fuzzy, welcome, Entry::new("course:final", "Done.")],
        };
        Translations::new("ko".parse().unwrap(), [cat])
    }

    #[test]
    fn falls_back_to_english_for_fuzzy_missing_and_changed_english() {
        let t = ko();
        assert_eq!(t.hint("intro1", 0, "Pass a `&str`."), "`&str`을 넘기세요.");
        assert_eq!(t.hint("intro1", 1, "Like \"Ferris\"."), "Like \"Ferris\".");
        assert_eq!(t.final_message("Done."), "Done.");
        assert_eq!(t.welcome("Welcome!"), "환영합니다!");
        // The learner's course has other English than the catalogue's.
        assert_eq!(t.welcome("Welcome, learner!"), "Welcome, learner!");
        assert_eq!(t.hint("intro1", 2, "A third hint."), "A third hint.");
    }

    #[test]
    fn languages_parse_from_codes_and_locales() {
        assert_eq!("ko".parse::<Lang>().unwrap().as_str(), "ko");
        assert_eq!("pt-BR".parse::<Lang>().unwrap().as_str(), "pt_BR");
        assert!("Korean".parse::<Lang>().is_err());
        assert!("../x".parse::<Lang>().is_err());
        assert_eq!(Lang::from_locale("ja_JP.UTF-8").unwrap().as_str(), "ja");
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale(""), None);
    }
}
