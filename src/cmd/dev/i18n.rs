//! `rustdrill dev i18n extract|update|status`: the course's translation
//! catalogues (docs/course-format.md, "Translations"). The work is in the
//! `rustdrill-i18n` crate; this module reads the course and writes files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustdrill_i18n::extract::{self, ChapterText, CourseText, ExerciseText, TrackText};
use rustdrill_i18n::po::Catalogue;
use rustdrill_i18n::{Counts, Lang, merge};

use crate::cli::Global;
use crate::cmd::Outcome;
use crate::cmd::dev::problem::Problem;
use crate::ui::{self, outln};
use rustdrill_engine::course::{self, INFO_FILE, Info, info};
use rustdrill_engine::files;

/// The English text of the course at `root`, read from its files.
pub fn course_text(root: &Path, info: &Info) -> Result<CourseText> {
    let mut chapters: Vec<ChapterText> = Vec::new();
    for ex in &info.exercises {
        let Some(dir) = &ex.dir else {
            anyhow::bail!(
                "exercise `{}` has no `dir` in info.toml: translations are kept per chapter, \
                 so every exercise needs one",
                ex.name
            );
        };
        let exercise = read(&root.join(ex.relative_path()))?;
        let solution_path = root
            .join("solutions")
            .join(dir)
            .join(format!("{}.rs", ex.name));
        let solution = fs::read_to_string(&solution_path).ok();
        let text = ExerciseText {
            name: ex.name.clone(),
            hints: ex.hints.clone(),
            exercise,
            solution,
        };
        match chapters.iter_mut().find(|c| &c.dir == dir) {
            Some(c) => c.exercises.push(text),
            None => chapters.push(ChapterText {
                dir: dir.clone(),
                readme: fs::read_to_string(root.join("exercises").join(dir).join("README.md")).ok(),
                exercises: vec![text],
            }),
        }
    }
    Ok(CourseText {
        welcome: info.welcome_message.clone(),
        final_message: info.final_message.clone(),
        tracks: info
            .tracks
            .iter()
            .map(|t| TrackText {
                name: t.name.clone(),
                description: t.description.clone(),
                chapters: t.chapters.clone(),
            })
            .collect(),
        chapters,
    })
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The course's root and info.toml, parsed leniently (the author fixes
/// warnings with `dev check`).
fn open(global: &Global) -> Result<(PathBuf, Info)> {
    let root = course::find_root(global.course.as_deref())?;
    let info = read_info(&root)?;
    Ok((root, info))
}

/// The info.toml of the course at `root`, parsed leniently.
fn read_info(root: &Path) -> Result<Info> {
    let path = root.join(INFO_FILE);
    let text = read(&path)?;
    let info = info::parse(Path::new(INFO_FILE), &text, false)
        .map_err(|e| anyhow::anyhow!("{e}").context(format!("{} does not load", path.display())))?;
    Ok(info)
}

const TEMPLATE_TITLE: &str =
    "Template of the rustdrill course's text: do not edit, run `rustdrill dev i18n extract`.";

fn title(lang: &Lang) -> String {
    format!(
        "{} translation of the rustdrill course. Glossary: {}. \
         After the English changes: `rustdrill dev i18n update`.",
        lang.native_name(),
        rustdrill_i18n::GLOSSARY
    )
}

/// Writes `text` to `root/rel` atomically, creating its folder; says so
/// when it changed anything.
fn write(root: &Path, rel: &str, text: &str) -> Result<bool> {
    let path = root.join(rel);
    if fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    files::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

/// `dev i18n extract`: the templates from the English course.
pub fn extract(global: &Global) -> Result<Outcome> {
    let (root, info) = open(global)?;
    let templates = extract::templates(&course_text(&root, &info)?);
    let mut changed = 0;
    let mut messages = 0;
    for (stem, cat) in &templates {
        messages += cat.entries.len();
        if write(
            &root,
            &rustdrill_i18n::template_path(stem),
            &cat.to_po(TEMPLATE_TITLE)?,
        )? {
            changed += 1;
        }
    }
    // A chapter that is gone leaves no template behind.
    let dir = root
        .join(rustdrill_i18n::DIR)
        .join(rustdrill_i18n::TEMPLATES);
    for stale in pot_stems(&dir)?
        .into_iter()
        .filter(|s| !templates.contains_key(s))
    {
        let path = dir.join(format!("{stale}.pot"));
        fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        outln!("removed {} (no such chapter any more)", path.display())?;
    }
    outln!(
        "{} templates, {messages} messages, in {} ({changed} changed). Next: `rustdrill dev i18n update`.",
        templates.len(),
        dir.display()
    )?;
    Ok(Outcome::Done)
}

fn pot_stems(dir: &Path) -> Result<Vec<String>> {
    stems(dir, "pot")
}

fn stems(dir: &Path, ext: &str) -> Result<Vec<String>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == ext)
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            out.push(stem.to_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// The course's templates, by stem.
fn templates(root: &Path) -> Result<BTreeMap<String, Catalogue>> {
    let dir = root
        .join(rustdrill_i18n::DIR)
        .join(rustdrill_i18n::TEMPLATES);
    let stems = pot_stems(&dir)?;
    anyhow::ensure!(
        !stems.is_empty(),
        "no templates in {}: run `rustdrill dev i18n extract` first",
        dir.display()
    );
    stems
        .into_iter()
        .map(|s| {
            let rel = rustdrill_i18n::template_path(&s);
            Ok((s, Catalogue::parse(&read(&root.join(&rel))?, &rel)?))
        })
        .collect()
}

/// The languages the course has catalogues for.
pub fn languages(root: &Path) -> Result<Vec<Lang>> {
    let dir = root.join(rustdrill_i18n::DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != rustdrill_i18n::TEMPLATES
            && entry.path().is_dir()
            && let Ok(lang) = name.parse::<Lang>()
        {
            out.push(lang);
        }
    }
    out.sort();
    Ok(out)
}

/// A language's catalogues in the course, by stem.
pub fn catalogues(root: &Path, lang: &Lang) -> Result<BTreeMap<String, Catalogue>> {
    let dir = root.join(rustdrill_i18n::DIR).join(lang.as_str());
    stems(&dir, "po")?
        .into_iter()
        .map(|s| {
            let rel = rustdrill_i18n::catalogue_path(lang, &s);
            Ok((s, Catalogue::parse(&read(&root.join(&rel))?, &rel)?))
        })
        .collect()
}

/// `dev i18n update [--lang L]`: each template merged into each language's
/// catalogue (created when missing); changed English becomes fuzzy.
pub fn update(global: &Global, only: Option<&Lang>) -> Result<Outcome> {
    let (root, _) = open(global)?;
    let templates = templates(&root)?;
    let langs = match only {
        Some(l) => vec![l.clone()],
        None => languages(&root)?,
    };
    anyhow::ensure!(
        !langs.is_empty(),
        "the course has no language yet: start one with `rustdrill dev i18n update --lang ko` \
         (it creates {}/ko/)",
        rustdrill_i18n::DIR
    );
    for lang in &langs {
        anyhow::ensure!(
            !lang.is_english(),
            "English is the course itself: it has no catalogue"
        );
        let old = catalogues(&root, lang)?;
        let mut total = merge::Changes::default();
        for (stem, template) in &templates {
            let others: Vec<&Catalogue> = old
                .iter()
                .filter(|(s, _)| *s != stem)
                .map(|(_, c)| c)
                .collect();
            let (new, changes) = merge::update(template, old.get(stem), &others, lang.as_str());
            write(
                &root,
                &rustdrill_i18n::catalogue_path(lang, stem),
                &new.to_po(&title(lang))?,
            )?;
            total.newly_fuzzy += changes.newly_fuzzy;
            total.moved += changes.moved;
            total.dropped += changes.dropped;
            total.added += changes.added;
        }
        for stale in old.keys().filter(|s| !templates.contains_key(*s)) {
            let path = root.join(rustdrill_i18n::catalogue_path(lang, stale));
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            outln!("{lang}: removed {} (no template any more)", path.display())?;
        }
        let glossary = format!(
            "{}/{lang}/{}",
            rustdrill_i18n::DIR,
            rustdrill_i18n::GLOSSARY
        );
        if !root.join(&glossary).exists() {
            write(&root, &glossary, &glossary_start(lang))?;
        }
        outln!(
            "{lang}: {} new, {} changed in English (now fuzzy), {} moved, {} dropped",
            total.added,
            total.newly_fuzzy,
            total.moved,
            total.dropped
        )?;
    }
    Ok(Outcome::Done)
}

fn glossary_start(lang: &Lang) -> String {
    format!(
        "# Glossary: {} ({lang})\n\n\
         The Rust terms this translation uses, as the translation of The Rust Programming \
         Language uses them. Proper nouns, crate and API names, code and compiler messages \
         stay in English.\n\n\
         | English | {lang} | note |\n|---|---|---|\n",
        lang.native_name()
    )
}

/// `dev i18n status`: per language and track, translated / fuzzy / missing.
pub fn status(global: &Global) -> Result<Outcome> {
    let (root, info) = open(global)?;
    let langs = languages(&root)?;
    if langs.is_empty() {
        outln!("No translations yet: `rustdrill dev i18n update --lang ko` starts one.")?;
        return Ok(Outcome::Done);
    }
    for (lang, rows) in course_coverage(&root, &info)? {
        outln!("{} ({lang})", lang.native_name())?;
        for (part, counts) in rows {
            outln!("  {}", coverage_line(&part.to_string(), counts))?;
        }
    }
    Ok(Outcome::Done)
}

/// What a coverage count is of: the course's own messages or one track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Course,
    Track(String),
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Part::Course => f.write_str("course"),
            Part::Track(name) => write!(f, "track {name}"),
        }
    }
}

/// One language's counts: the course's own messages, then each track.
pub type Coverage = Vec<(Part, Counts)>;

/// Each language's coverage of the course at `root`, from its catalogues:
/// what `dev i18n status` prints and `rustdrill tracks` shows. A learner's
/// copy has the catalogues but not the templates (`init` leaves those
/// out); every catalogue holds all its template's entries, so the
/// templates only matter for a catalogue not yet made.
pub fn course_coverage(root: &Path, info: &Info) -> Result<Vec<(Lang, Coverage)>> {
    let templates_dir = root
        .join(rustdrill_i18n::DIR)
        .join(rustdrill_i18n::TEMPLATES);
    let templates = if templates_dir.is_dir() {
        templates(root)?
    } else {
        BTreeMap::new()
    };
    languages(root)?
        .into_iter()
        .map(|lang| {
            let cats = catalogues(root, &lang)?;
            let rows = coverage(info, &templates, &cats);
            Ok((lang, rows))
        })
        .collect()
}

/// [`course_coverage`] of the course at `root`, reading its info.toml.
pub fn coverage_at(root: &Path) -> Result<Vec<(Lang, Coverage)>> {
    course_coverage(root, &read_info(root)?)
}

/// A language's coverage: the course's own messages, then each track. A
/// template the language has no catalogue for counts as all missing.
pub fn coverage(
    info: &Info,
    templates: &BTreeMap<String, Catalogue>,
    cats: &BTreeMap<String, Catalogue>,
) -> Coverage {
    let counts = |stem: &str| match (cats.get(stem), templates.get(stem)) {
        (Some(c), _) => Counts::of(&c.entries),
        (None, Some(t)) => Counts {
            missing: t.entries.len(),
            ..Counts::default()
        },
        (None, None) => Counts::default(),
    };
    let mut rows = vec![(Part::Course, counts(extract::COURSE))];
    for track in &info.tracks {
        let mut total = Counts::default();
        for chapter in &track.chapters {
            total += counts(chapter);
        }
        rows.push((Part::Track(track.name.clone()), total));
    }
    rows
}

pub fn coverage_line(label: &str, c: Counts) -> String {
    let line = format!(
        "{label:<20} {:>3}%  {:>5} translated  {:>4} fuzzy  {:>5} missing",
        c.percent(),
        c.translated,
        c.fuzzy,
        c.missing
    );
    if c.complete() { ui::ok(&line) } else { line }
}

/// `dev check`'s part: templates current, catalogues up to date with
/// them, every translated exercise and solution with the English's code,
/// kept words (`TODO`, `SAFETY:`) kept. Returns the problems and each
/// language's coverage lines. A course without templates has nothing to check.
pub fn check(root: &Path, info: &Info) -> (Vec<Problem>, Vec<String>) {
    let mut problems = Vec::new();
    let mut report = Vec::new();
    // No templates: a course without translations, or a learner's copy
    // (`init` copies the catalogues, not the templates).
    let templates_dir = root
        .join(rustdrill_i18n::DIR)
        .join(rustdrill_i18n::TEMPLATES);
    if !templates_dir.is_dir() {
        return (problems, report);
    }
    let text = match course_text(root, info) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem::of_course(format!(
                "translations not checked: {e:#}"
            )));
            return (problems, report);
        }
    };
    let fresh = extract::templates(&text);
    let keys = |c: &Catalogue| -> Vec<(String, String)> {
        c.entries
            .iter()
            .map(|e| (e.ctxt.clone(), e.id.clone()))
            .collect()
    };
    let on_disk = match templates(root) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem::of_course(format!("{e:#}")));
            BTreeMap::new()
        }
    };
    for (stem, template) in &fresh {
        if on_disk.get(stem).map(keys) != Some(keys(template)) {
            problems.push(Problem::new(
                rustdrill_i18n::template_path(stem),
                None,
                "not the course's English any more: run `rustdrill dev i18n extract`, \
                 then `rustdrill dev i18n update`",
            ));
        }
    }
    let langs = match languages(root) {
        Ok(l) => l,
        Err(e) => {
            problems.push(Problem::of_course(format!("{e:#}")));
            Vec::new()
        }
    };
    for lang in &langs {
        let cats = match catalogues(root, lang) {
            Ok(c) => c,
            Err(e) => {
                problems.push(Problem::of_course(format!("{e:#}")));
                continue;
            }
        };
        for (stem, template) in &fresh {
            let rel = rustdrill_i18n::catalogue_path(lang, stem);
            if cats.get(stem).map(keys) != Some(keys(template)) {
                problems.push(Problem::new(
                    &rel,
                    None,
                    "behind the English: run `rustdrill dev i18n update` (translations are kept, \
                     changed English becomes fuzzy)",
                ));
            }
            for e in cats.get(stem).iter().flat_map(|c| &c.entries) {
                if let (Some(prefix), Some(t)) =
                    (rustdrill_i18n::rust::kept_prefix(&e.id), e.usable())
                    && (e.ctxt.contains(":comment:") || e.ctxt.contains(":solution:"))
                    && !t.starts_with(prefix)
                {
                    problems.push(Problem::new(
                        &rel,
                        None,
                        format!(
                            "{}: the translation must start with `{prefix}` as the English does \
                             (the course and clippy look for it); until it does, learners get \
                             the English",
                            e.ctxt
                        ),
                    ));
                }
            }
        }
        let t = rustdrill_i18n::Translations::new(lang.clone(), cats.values().cloned());
        for chapter in &text.chapters {
            let rel = rustdrill_i18n::catalogue_path(lang, &chapter.dir);
            for ex in &chapter.exercises {
                let files = [
                    (
                        format!("exercises/{}/{}.rs", chapter.dir, ex.name),
                        Some(&ex.exercise),
                    ),
                    (
                        format!("solutions/{}/{}.rs", chapter.dir, ex.name),
                        ex.solution.as_ref(),
                    ),
                ];
                // A test that reads its own file (`include_str!("NAME.rs")`)
                // must not find in a translated comment what it looks for.
                let reads_itself = ex
                    .exercise
                    .contains(&format!("include_str!(\"{}.rs\")", ex.name));
                let literals: Vec<&str> = if reads_itself {
                    rustdrill_i18n::rust::string_literals(&ex.exercise)
                        .into_iter()
                        .filter(|l| l.trim().chars().count() >= 4)
                        .collect()
                } else {
                    Vec::new()
                };
                let own = format!("{}:", ex.name);
                for e in cats.get(&chapter.dir).iter().flat_map(|c| &c.entries) {
                    let Some(translation) = e.usable() else {
                        continue;
                    };
                    if !e.ctxt.starts_with(&own) || e.ctxt.contains(":hint:") {
                        continue;
                    }
                    if let Some(found) = literals
                        .iter()
                        .find(|l| translation.contains(**l) && !e.id.contains(**l))
                    {
                        problems.push(Problem::new(
                            &rel,
                            Some(&ex.name),
                            format!(
                                "{}: the translation contains `{found}`, which the exercise's \
                                 tests look for in its own source: say it another way",
                                e.ctxt
                            ),
                        ));
                    }
                }
                for (file, english) in files {
                    let Some(english) = english else { continue };
                    let translated = t.rust_file(&ex.name, english);
                    if let Some((line, tline)) =
                        rustdrill_i18n::rust::code_differs(english, &translated)
                    {
                        problems.push(Problem::new(
                            &rel,
                            Some(&ex.name),
                            format!(
                                "its translated comments change the code of {file} \
                                 (line {line} of the English, {tline} translated): a comment's \
                                 translation must stay a comment"
                            ),
                        ));
                    }
                }
            }
        }
        report.push(format!("{} ({lang})", lang.native_name()));
        // As learners get it: the catalogues merged with today's English
        // (English changed since the last update counts as fuzzy).
        let merged: BTreeMap<String, Catalogue> = fresh
            .iter()
            .map(|(stem, template)| {
                let others: Vec<&Catalogue> = cats
                    .iter()
                    .filter(|(s, _)| *s != stem)
                    .map(|(_, c)| c)
                    .collect();
                let (c, _) = merge::update(template, cats.get(stem), &others, lang.as_str());
                (stem.clone(), c)
            })
            .collect();
        for (part, counts) in coverage(info, &fresh, &merged) {
            report.push(format!("  {}", coverage_line(&part.to_string(), counts)));
        }
    }
    (problems, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of Korean and Japanese coverage per track is
    /// what the shipped course's catalogues say (it drifts otherwise).
    #[test]
    fn readme_language_table_is_the_courses_coverage() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let coverage = coverage_at(root).unwrap();
        let percent = |lang: &str, track: &str| {
            let (_, rows) = coverage.iter().find(|(l, _)| l.as_str() == lang).unwrap();
            let (_, c) = rows
                .iter()
                .find(|(p, _)| *p == Part::Track(track.to_owned()))
                .unwrap();
            format!("{}%", c.percent())
        };
        let info = read_info(root).unwrap();
        let mut expected = String::from("| track | ko | ja |\n|---|---|---|\n");
        for track in &info.tracks {
            expected += &format!(
                "| {} | {} | {} |\n",
                track.name,
                percent("ko", &track.name),
                percent("ja", &track.name)
            );
        }
        let readme = fs::read_to_string(root.join("README.md")).unwrap();
        assert!(
            readme.contains(&expected),
            "README.md's Languages table should read:\n{expected}"
        );
    }

    /// A one-exercise course whose test reads its own file, with Korean
    /// catalogues translating its TODO as `todo`.
    fn course_reading_itself(todo: &str) -> (tempfile::TempDir, Info) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let info_text = "format_version = 1\n\n[[exercises]]\nname = \"src1\"\ndir = \"ch\"\nhint = \"Look.\"\n";
        let exercise = "fn main() {\n    // TODO: add the button.\n}\n\n#[cfg(test)]\nmod tests {\n    \
                        #[test]\n    fn has_a_button() {\n        \
                        assert!(include_str!(\"src1.rs\").contains(\"<button on:click=\"));\n    }\n}\n";
        fs::create_dir_all(root.join("exercises/ch")).unwrap();
        fs::write(root.join("info.toml"), info_text).unwrap();
        fs::write(root.join("exercises/ch/src1.rs"), exercise).unwrap();
        let info = info::parse(Path::new(INFO_FILE), info_text, false).unwrap();
        let templates = extract::templates(&course_text(root, &info).unwrap());
        let ko: Lang = "ko".parse().unwrap();
        for (stem, template) in &templates {
            write(
                root,
                &rustdrill_i18n::template_path(stem),
                &template.to_po("t").unwrap(),
            )
            .unwrap();
            let (mut cat, _) = merge::update(template, None, &[], "ko");
            for e in &mut cat.entries {
                if e.ctxt == "src1:comment:1" {
                    e.translation = todo.to_owned();
                }
            }
            write(
                root,
                &rustdrill_i18n::catalogue_path(&ko, stem),
                &cat.to_po("ko").unwrap(),
            )
            .unwrap();
        }
        (dir, info)
    }

    #[test]
    fn a_translation_that_hands_a_test_its_answer_is_a_problem() {
        let (dir, info) = course_reading_itself("TODO: 버튼을 추가하세요 (<button on:click=).");
        let (problems, coverage) = check(dir.path(), &info);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "i18n/ko/ch.po: exercise `src1`: src1:comment:1: the translation contains \
              `<button on:click=`, which the exercise's tests look for in its own source: \
              say it another way"
            ]
        );
        assert!(
            coverage.iter().any(|l| l.contains("한국어 (ko)")),
            "{coverage:?}"
        );

        let (dir, info) = course_reading_itself("TODO: 버튼을 추가하세요.");
        assert_eq!(check(dir.path(), &info).0, Vec::new());
    }
}
