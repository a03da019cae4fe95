//! The learner's language: which one a course is read in, the catalogues
//! it comes from, and the course's text translated through them (hints and
//! messages when the course loads; exercise comments and READMEs when a
//! file is written: `init`, `lang`, `reset`, a revealed solution).
//!
//! English is always the fallback: a text is translated only where the
//! catalogue's English is the course's English and the entry is not fuzzy
//! (`rustdrill_i18n::Translations`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustdrill_i18n::po::Catalogue;
use rustdrill_i18n::{Lang, Translations};
use serde::{Deserialize, Serialize};

use crate::course::{Course, InfoProblem};
use crate::{embedded, files};

/// In `.rustdrill/`: the course's language and what rustdrill wrote in it.
pub const LANG_FILE: &str = "lang.toml";
/// In `.rustdrill/`: the English of a course not embedded in rustdrill,
/// for `rustdrill lang` to translate again.
pub const ENGLISH_DIR: &str = "english";

/// `.rustdrill/lang.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangState {
    pub lang: String,
    /// Every file rustdrill wrote in that language (course-relative path →
    /// blake3 of its bytes): a file whose bytes still hash the same is
    /// one the learner has not changed, which `lang` may rewrite.
    #[serde(default)]
    pub written: BTreeMap<String, String>,
}

impl LangState {
    pub fn lang(&self) -> Lang {
        self.lang.parse().unwrap_or_else(|_| Lang::english())
    }
}

fn state_path(root: &Path) -> PathBuf {
    root.join(".rustdrill").join(LANG_FILE)
}

/// The course's language state; English when it has none. A file that
/// does not read is English too, with the reason.
pub fn load_state(root: &Path) -> (LangState, Option<String>) {
    let path = state_path(root);
    let english = || LangState {
        lang: "en".to_owned(),
        written: BTreeMap::new(),
    };
    match fs::read_to_string(&path) {
        Ok(text) => match toml::from_str::<LangState>(&text) {
            Ok(state) if state.lang.parse::<Lang>().is_ok() => (state, None),
            Ok(state) => (
                english(),
                Some(format!(
                    "{}: `{}` is no language code",
                    path.display(),
                    state.lang
                )),
            ),
            Err(e) => (
                english(),
                Some(format!(
                    "{} does not read ({}): the course is shown in English; \
                     `rustdrill lang LANG` writes it again",
                    path.display(),
                    e.message()
                )),
            ),
        },
        Err(_) => (english(), None),
    }
}

/// Writes `.rustdrill/lang.toml` atomically.
pub fn save_state(root: &Path, state: &LangState) -> Result<()> {
    let path = state_path(root);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let text = toml::to_string(state).context("cannot write the language state")?;
    files::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The course's language (English when none was chosen).
pub fn current(root: &Path) -> Lang {
    load_state(root).0.lang()
}

/// The catalogues of `lang` among `files` (course-relative path, bytes).
pub fn from_files<'a>(
    lang: &Lang,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Option<Translations>> {
    let prefix = format!("{}/{lang}/", rustdrill_i18n::DIR);
    let mut catalogues = Vec::new();
    for (rel, bytes) in files {
        if rel.starts_with(&prefix) && rel.ends_with(".po") {
            let text = String::from_utf8_lossy(bytes);
            catalogues.push(Catalogue::parse(&text, rel)?);
        }
    }
    Ok((!catalogues.is_empty()).then(|| Translations::new(lang.clone(), catalogues)))
}

/// The languages among `files` (those with a catalogue folder).
pub fn languages_in<'a>(files: impl IntoIterator<Item = &'a str>) -> Vec<Lang> {
    let prefix = format!("{}/", rustdrill_i18n::DIR);
    let mut out: Vec<Lang> = files
        .into_iter()
        .filter_map(|rel| rel.strip_prefix(&prefix))
        .filter(|rest| rest.ends_with(".po"))
        .filter_map(|rest| rest.split('/').next())
        .filter_map(|l| l.parse().ok())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The translations of `lang` for the course at `root`: its own
/// `i18n/LANG/`, else (the course inside rustdrill) the embedded ones.
pub fn translations(root: &Path, lang: &Lang, embedded: bool) -> Result<Translations> {
    if lang.is_english() {
        return Ok(Translations::english());
    }
    let dir = root.join(rustdrill_i18n::DIR).join(lang.as_str());
    let mut on_disk = Vec::new();
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "po") {
                let bytes =
                    fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                let rel = format!(
                    "{}/{lang}/{}",
                    rustdrill_i18n::DIR,
                    entry.file_name().to_string_lossy()
                );
                on_disk.push((rel, bytes));
            }
        }
    }
    let found = if on_disk.is_empty() && embedded {
        from_files(lang, embedded::files().iter().map(|(p, b)| (*p, *b)))?
    } else {
        from_files(
            lang,
            on_disk.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        )?
    };
    found.with_context(|| {
        format!(
            "this course has no {} ({lang}) translation (no {}/)",
            lang.native_name(),
            dir.display()
        )
    })
}

/// The course with its hints, messages and track descriptions in the
/// course's language. A catalogue that does not read leaves the course in
/// English, with a warning saying why.
pub fn localise_course(mut course: Course) -> Course {
    let (state, problem) = load_state(&course.root);
    if let Some(p) = problem {
        course.warnings.push(warning(&course.root, p));
    }
    let lang = state.lang();
    if lang.is_english() {
        return course;
    }
    let t = match translations(&course.root, &lang, course.embedded) {
        Ok(t) => t,
        Err(e) => {
            let message = format!("{e:#}: the course is shown in English");
            course.warnings.push(warning(&course.root, message));
            return course;
        }
    };
    for ex in &mut course.exercises {
        for (i, hint) in ex.hints.iter_mut().enumerate() {
            *hint = t.hint(&ex.name, i, hint).to_owned();
        }
    }
    if let Some(w) = &mut course.welcome_message {
        *w = t.welcome(w).to_owned();
    }
    if let Some(f) = &mut course.final_message {
        *f = t.final_message(f).to_owned();
    }
    for track in &mut course.tracks {
        track.description = t.track(&track.name, &track.description).to_owned();
    }
    course
}

fn warning(root: &Path, message: String) -> InfoProblem {
    InfoProblem {
        file: state_path(root),
        line: 1,
        column: 1,
        exercise: None,
        field: None,
        message,
    }
}

/// `english`, the course file at `rel` (course-relative, `/`-separated),
/// in `t`'s language: an exercise's or solution's comments, a chapter
/// README's blocks. `None` for any other file.
pub fn localise_text(t: &Translations, rel: &str, english: &str) -> Option<String> {
    let mut parts = rel.split('/');
    let (top, chapter, file) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !matches!(top, "exercises" | "solutions") {
        return None;
    }
    if let Some(name) = file.strip_suffix(".rs") {
        // The file's stem is its exercise's name; a support file has no
        // comments in the catalogues and stays as it is.
        Some(t.rust_file(name, english))
    } else if file == "README.md" && top == "exercises" {
        Some(t.readme(chapter, english))
    } else {
        None
    }
}

/// Whether `rel` is a file `localise_text` translates.
pub fn is_localisable(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    matches!(parts.as_slice(), ["exercises" | "solutions", _, f] if f.ends_with(".rs"))
        || matches!(parts.as_slice(), ["exercises", _, "README.md"])
}

/// An original file (`reset`, a revealed solution) in the course's
/// language; as it is when the course is English or the catalogues do not
/// read (the course's warnings already say why).
pub fn localise_original(course: &Course, rel: &Path, english: Vec<u8>) -> Vec<u8> {
    let lang = current(&course.root);
    if lang.is_english() {
        return english;
    }
    let (Some(rel), Ok(text)) = (rel.to_str(), std::str::from_utf8(&english)) else {
        return english;
    };
    let rel = rel.replace('\\', "/");
    match translations(&course.root, &lang, course.embedded) {
        Ok(t) => localise_text(&t, &rel, text).map_or(english, String::into_bytes),
        Err(_) => english,
    }
}

/// blake3 of `bytes`, as `lang.toml` records it.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exercises_solutions_and_readmes_are_localisable() {
        assert!(is_localisable("exercises/00_intro/intro1.rs"));
        assert!(is_localisable("solutions/00_intro/intro1.rs"));
        assert!(is_localisable("exercises/00_intro/README.md"));
        assert!(!is_localisable("solutions/README.md"));
        assert!(!is_localisable("exercises/Cargo.toml"));
        assert!(!is_localisable(
            "exercises/09_databases/migrations/0001.sql"
        ));
        assert!(!is_localisable("info.toml"));
    }

    #[test]
    fn a_damaged_lang_file_means_english_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".rustdrill")).unwrap();
        fs::write(dir.path().join(".rustdrill/lang.toml"), "lang = ").unwrap();
        let (state, problem) = load_state(dir.path());
        assert!(state.lang().is_english());
        assert!(problem.unwrap().contains("rustdrill lang LANG"));
        save_state(
            dir.path(),
            &LangState {
                lang: "ko".into(),
                written: BTreeMap::new(),
            },
        )
        .unwrap();
        assert_eq!(current(dir.path()).as_str(), "ko");
    }
}
