//! `rustdrill lang LANG`, and the language `init` writes a course in:
//! exercise comments and chapter READMEs translated when the files are
//! written; hints and messages follow at run time (`rustdrill_engine::i18n`).
//!
//! A file the learner has changed is never rewritten: `lang` compares each
//! file with what rustdrill wrote (the hash `.rustdrill/lang.toml` keeps,
//! or the original in the old language) and names those it left alone.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use rustdrill_i18n::{Lang, Translations};

use super::Outcome;
use crate::cli::Global;
use crate::ui::outln;
use crate::ui::text::{self, t};
use rustdrill_engine::course::{self, INFO_FILE};
use rustdrill_engine::i18n::{self, ENGLISH_DIR, LangState};
use rustdrill_engine::tracks::Source;
use rustdrill_engine::{embedded, files};

/// The language `init` writes the course in: `--lang`, the learner's
/// answer on a terminal (offering the locale's language), else English.
pub fn choose(source: &Source, asked: Option<&Lang>) -> Result<Lang> {
    let available = i18n::languages_in(source.files.iter().map(|(p, _)| p.as_str()));
    if let Some(lang) = asked {
        if lang.is_english() || available.contains(lang) {
            return Ok(lang.clone());
        }
        bail!(
            "this course has no {} ({lang}) translation. Languages: {}",
            lang.native_name(),
            names(&available)
        );
    }
    if available.is_empty() {
        return Ok(Lang::english());
    }
    let from_locale = locale_lang().filter(|l| available.contains(l));
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        if let Some(l) = &from_locale {
            eprintln!(
                "{}",
                t!(
                    "lang-init-english",
                    code = l.to_string(),
                    language = l.native_name()
                )
            );
        }
        return Ok(Lang::english());
    }
    let default = from_locale.unwrap_or_else(Lang::english);
    // How much of each is translated: a learner choosing Korean should know
    // how much English is left.
    let offered: Vec<String> = std::iter::once("en (English)".to_owned())
        .chain(available.iter().map(|l| {
            let percent = translated_percent(source, l).map_or_else(String::new, |p| {
                format!(", {}", t!("lang-init-translated", percent = p))
            });
            format!("{l} ({}{percent})", l.native_name())
        }))
        .collect();
    let mut err = io::stderr().lock();
    write!(
        err,
        "{} ",
        t!(
            "lang-init-ask",
            offered = offered.join(", "),
            default = default.to_string()
        )
    )?;
    err.flush()?;
    drop(err);
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    let answer = answer.trim();
    if answer.is_empty() {
        return Ok(default);
    }
    let lang: Lang = answer.parse().map_err(anyhow::Error::msg)?;
    if lang.is_english() || available.contains(&lang) {
        Ok(lang)
    } else {
        bail!("no {lang} translation: choose one of {}", names(&available))
    }
}

/// The share of `lang`'s messages in `source` that are translated.
fn translated_percent(source: &Source, lang: &Lang) -> Option<usize> {
    let prefix = format!("{}/{lang}/", rustdrill_i18n::DIR);
    let mut counts = rustdrill_i18n::Counts::default();
    for (rel, bytes) in &source.files {
        if rel.starts_with(&prefix) && rel.ends_with(".po") {
            let catalogue =
                rustdrill_i18n::po::Catalogue::parse(&String::from_utf8_lossy(bytes), rel).ok()?;
            counts += rustdrill_i18n::Counts::of(&catalogue.entries);
        }
    }
    Some(counts.percent())
}

fn names(available: &[Lang]) -> String {
    std::iter::once(Lang::english())
        .chain(available.iter().cloned())
        .map(|l| format!("{l} ({})", l.native_name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The language the learner's locale names (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`: the first that is set, as gettext reads them).
fn locale_lang() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::from_locale(&v))
}

/// After `init` wrote the course into `dir`: its exercises, solutions and
/// READMEs in `lang`, the English kept for `lang` to translate again (a
/// course not inside rustdrill), and `.rustdrill/lang.toml`.
pub fn write_new_course(dir: &Path, source: &Source, lang: &Lang) -> Result<()> {
    let t = if lang.is_english() {
        Translations::english()
    } else {
        i18n::from_files(
            lang,
            source.files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        )?
        .with_context(|| format!("the course has no {lang} catalogues"))?
    };
    let mut written = BTreeMap::new();
    for rel in localisable_files(dir)? {
        let path = dir.join(&rel);
        let english = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if !source.embedded {
            keep_english(dir, &rel, &english)?;
        }
        let bytes = translate(&t, &rel, english);
        files::write_atomic(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.insert(rel, i18n::hash(&bytes));
    }
    i18n::save_state(
        dir,
        &LangState {
            lang: lang.to_string(),
            written,
        },
    )
}

fn translate(t: &Translations, rel: &str, english: Vec<u8>) -> Vec<u8> {
    match std::str::from_utf8(&english) {
        Ok(text) => i18n::localise_text(t, rel, text).map_or(english, String::into_bytes),
        Err(_) => english,
    }
}

fn keep_english(root: &Path, rel: &str, english: &[u8]) -> Result<()> {
    let dest = root.join(".rustdrill").join(ENGLISH_DIR).join(rel);
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    files::write_atomic(&dest, english).with_context(|| format!("cannot write {}", dest.display()))
}

/// The course's exercise, solution and README files (course-relative).
fn localisable_files(root: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for top in ["exercises", "solutions"] {
        let Ok(chapters) = fs::read_dir(root.join(top)) else {
            continue;
        };
        for chapter in chapters.flatten() {
            let chapter_name = chapter.file_name().to_string_lossy().into_owned();
            let Ok(entries) = fs::read_dir(chapter.path()) else {
                continue;
            };
            for entry in entries.flatten() {
                let rel = format!(
                    "{top}/{chapter_name}/{}",
                    entry.file_name().to_string_lossy()
                );
                if i18n::is_localisable(&rel) && entry.path().is_file() {
                    out.push(rel);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `rustdrill lang LANG`: the course switched to `lang`.
pub fn run(global: &Global, lang: &Lang) -> Result<Outcome> {
    let root = course::find_root(global.course.as_deref())?;
    let info_text = fs::read_to_string(root.join(INFO_FILE))
        .with_context(|| format!("cannot read {}", root.join(INFO_FILE).display()))?;
    let info = course::info::parse(&root.join(INFO_FILE), &info_text, false)?;
    let embedded = course::is_embedded_info(&info_text, &info);
    let (mut state, problem) = i18n::load_state(&root);
    if let Some(p) = problem {
        eprintln!("{}", crate::ui::warn(&p));
    }
    let old = state.lang();
    let new_t = i18n::translations(&root, lang, embedded).map_err(|e| {
        // Say which languages there are.
        let mut on_disk = Vec::new();
        if let Ok(entries) = fs::read_dir(root.join(rustdrill_i18n::DIR)) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                on_disk.push(format!("{}/{name}/x.po", rustdrill_i18n::DIR));
            }
        }
        let mut known = i18n::languages_in(on_disk.iter().map(String::as_str));
        if embedded {
            known.extend(i18n::languages_in(
                embedded::files().iter().map(|(p, _)| *p),
            ));
            known.sort();
            known.dedup();
        }
        anyhow::anyhow!("{e:#}; nothing changed. Languages: {}", names(&known))
    })?;
    // What rustdrill wrote in the old language, to tell the learner's own
    // changes from it; English if that language's catalogues are gone.
    let old_t =
        i18n::translations(&root, &old, embedded).unwrap_or_else(|_| Translations::english());
    let mut rewritten = 0;
    let mut left = Vec::new();
    for rel in localisable_files(&root)? {
        let path = root.join(&rel);
        let current = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let recorded = state
            .written
            .get(&rel)
            .is_some_and(|h| *h == i18n::hash(&current));
        let english = match english_of(&root, &rel, embedded) {
            Some(e) => e,
            // An English course not inside rustdrill, from before
            // `.rustdrill/english/`: a file as written is the English.
            None if recorded && old.is_english() => {
                keep_english(&root, &rel, &current)?;
                current.clone()
            }
            None => {
                left.push((rel, Left::NoOriginal));
                continue;
            }
        };
        let as_written = translate(&old_t, &rel, english.clone());
        let bytes = translate(&new_t, &rel, english.clone());
        // `reset` of a course not inside rustdrill restores the copy kept
        // on its first run: from now on, the one in the new language.
        let kept = root.join(".rustdrill").join("originals").join(&rel);
        if !embedded && kept.is_file() {
            files::write_atomic(&kept, &bytes)
                .with_context(|| format!("cannot write {}", kept.display()))?;
        }
        if !(recorded || current == as_written || current == english) {
            left.push((rel, Left::Changed));
            continue;
        }
        if bytes != current {
            files::write_atomic(&path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            rewritten += 1;
        }
        state.written.insert(rel, i18n::hash(&bytes));
    }
    state.lang = lang.to_string();
    i18n::save_state(&root, &state)?;
    // The learner chose this language: say so in it.
    let _ = text::set_language(&lang.to_string());
    outln!(
        "{}",
        t!(
            "lang-done",
            language = lang.native_name(),
            code = lang.to_string(),
            rewritten = rewritten
        )
    )?;
    if !left.is_empty() {
        outln!("{}", t!("lang-left-alone"))?;
        for (rel, why) in &left {
            let why = match why {
                Left::Changed => t!("lang-left-changed"),
                Left::NoOriginal => t!("lang-left-no-original"),
            };
            outln!("  {rel} ({why})")?;
        }
    }
    Ok(Outcome::Done)
}

/// Why `lang` left a file as it was.
enum Left {
    /// The learner changed it since rustdrill wrote it.
    Changed,
    /// A course not inside rustdrill, with no English copy of the file.
    NoOriginal,
}

/// The English of a course file: the binary's, or the copy `init` kept.
fn english_of(root: &Path, rel: &str, embedded: bool) -> Option<Vec<u8>> {
    if embedded && let Some(bytes) = embedded::file(Path::new(rel)) {
        return Some(bytes.to_vec());
    }
    fs::read(root.join(".rustdrill").join(ENGLISH_DIR).join(rel)).ok()
}

/// The translations the course at `root` is written in (English: none).
pub fn course_translations(root: &Path, embedded: bool) -> Result<Translations> {
    i18n::translations(root, &i18n::current(root), embedded)
}

/// A file `tracks add` writes into the course at `root`, in the course's
/// language (`t`, from `course_translations`); for a course not inside
/// rustdrill its English is kept for `lang`. Any other file as it is.
pub fn localise_new_file(
    root: &Path,
    embedded: bool,
    t: &Translations,
    rel: &str,
    english: &[u8],
) -> Result<Vec<u8>> {
    if !i18n::is_localisable(rel) {
        return Ok(english.to_vec());
    }
    if !embedded {
        keep_english(root, rel, english)?;
    }
    Ok(translate(t, rel, english.to_vec()))
}
