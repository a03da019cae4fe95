//! The templates: every English text of a course that a learner reads,
//! one message each, named by a stable `msgctxt`.
//!
//! | msgctxt | text |
//! |---|---|
//! | `course:welcome`, `course:final` | info.toml's messages |
//! | `course:track:NAME` | a track's description |
//! | `CHAPTER:readme:N` | the Nth block of the chapter's README |
//! | `EXERCISE:hint:N` | the Nth hint (`hint` is 1, then `hints`) |
//! | `EXERCISE:comment:N` | the Nth comment of the exercise file |
//! | `EXERCISE:solution:N` | the Nth comment of the solution that the exercise does not have |
//!
//! `course` goes to `course.pot`, the rest to `CHAPTER.pot`.

use std::collections::{BTreeMap, HashSet};

use crate::po::{Catalogue, Entry};
use crate::{markdown, rust};

/// The catalogue file that holds what is not a chapter's.
pub const COURSE: &str = "course";

/// The English text of a course, as the runner read it.
#[derive(Debug, Clone, Default)]
pub struct CourseText {
    pub welcome: Option<String>,
    pub final_message: Option<String>,
    pub tracks: Vec<TrackText>,
    pub chapters: Vec<ChapterText>,
}

#[derive(Debug, Clone)]
pub struct TrackText {
    pub name: String,
    pub description: String,
    pub chapters: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ChapterText {
    /// The chapter's folder (`dir`); the catalogue's file name.
    pub dir: String,
    pub readme: Option<String>,
    pub exercises: Vec<ExerciseText>,
}

#[derive(Debug, Clone)]
pub struct ExerciseText {
    pub name: String,
    /// `hint`, then `hints`.
    pub hints: Vec<String>,
    /// The exercise file as shipped.
    pub exercise: String,
    pub solution: Option<String>,
}

pub fn welcome_ctxt() -> String {
    format!("{COURSE}:welcome")
}
pub fn final_ctxt() -> String {
    format!("{COURSE}:final")
}
pub fn track_ctxt(track: &str) -> String {
    format!("{COURSE}:track:{track}")
}
pub fn readme_ctxt(chapter: &str, n: usize) -> String {
    format!("{chapter}:readme:{n}")
}
pub fn hint_ctxt(exercise: &str, n: usize) -> String {
    format!("{exercise}:hint:{n}")
}
pub fn comment_ctxt(exercise: &str, n: usize) -> String {
    format!("{exercise}:comment:{n}")
}
pub fn solution_ctxt(exercise: &str, n: usize) -> String {
    format!("{exercise}:solution:{n}")
}

const WELCOME_NOTE: &str = "Shown once, when the learner first starts the course.";
const FINAL_NOTE: &str = "Shown when every exercise is done.";
const TRACK_NOTE: &str = "A track's one-line description (`rustdrill tracks`, `init`).";
const HINT_NOTE: &str = "A hint, shown on `h` in watch mode and by `rustdrill hint`.";
const README_NOTE: &str =
    "A block of the chapter's README (Markdown: keep `code`, **bold** and links).";
const KEEP_NOTE: &str = "Start the translation with the same word, untranslated";

/// The templates of a course: `course` and one per chapter, by file stem.
pub fn templates(course: &CourseText) -> BTreeMap<String, Catalogue> {
    let mut out = BTreeMap::new();
    let mut main = Catalogue::default();
    let push = |cat: &mut Catalogue, ctxt: String, id: &str, note: &str, source: String| {
        if id.trim().is_empty() {
            return;
        }
        let mut e = Entry::new(ctxt, id);
        e.note = note.to_owned();
        e.source = source;
        cat.entries.push(e);
    };
    if let Some(w) = &course.welcome {
        push(
            &mut main,
            welcome_ctxt(),
            w,
            WELCOME_NOTE,
            "info.toml".into(),
        );
    }
    if let Some(f) = &course.final_message {
        push(&mut main, final_ctxt(), f, FINAL_NOTE, "info.toml".into());
    }
    for t in &course.tracks {
        push(
            &mut main,
            track_ctxt(&t.name),
            &t.description,
            TRACK_NOTE,
            "info.toml".into(),
        );
    }
    out.insert(COURSE.to_owned(), main);

    for chapter in &course.chapters {
        let mut cat = Catalogue::default();
        let dir = &chapter.dir;
        if let Some(readme) = &chapter.readme {
            for (i, block) in markdown::blocks(readme).into_iter().enumerate() {
                let source = format!("exercises/{dir}/README.md:{}", block.line);
                push(
                    &mut cat,
                    readme_ctxt(dir, i + 1),
                    &block.text,
                    README_NOTE,
                    source,
                );
            }
        }
        for ex in &chapter.exercises {
            let name = &ex.name;
            for (i, hint) in ex.hints.iter().enumerate() {
                push(
                    &mut cat,
                    hint_ctxt(name, i + 1),
                    hint,
                    HINT_NOTE,
                    "info.toml".into(),
                );
            }
            let file = format!("exercises/{dir}/{name}.rs");
            let mut seen = HashSet::new();
            for (i, c) in rust::comments(&ex.exercise).into_iter().enumerate() {
                // A rule of dashes is layout, not text (its index still counts).
                if !c.text.chars().any(char::is_alphabetic) {
                    continue;
                }
                let note = comment_note(&c.text);
                push(
                    &mut cat,
                    comment_ctxt(name, i + 1),
                    &c.text,
                    &note,
                    format!("{file}:{}", c.line),
                );
                seen.insert(c.text);
            }
            if let Some(solution) = &ex.solution {
                let file = format!("solutions/{dir}/{name}.rs");
                for (i, c) in rust::comments(solution).into_iter().enumerate() {
                    // What the exercise already says is translated once.
                    if seen.contains(&c.text) || !c.text.chars().any(char::is_alphabetic) {
                        continue;
                    }
                    let note = comment_note(&c.text);
                    push(
                        &mut cat,
                        solution_ctxt(name, i + 1),
                        &c.text,
                        &note,
                        format!("{file}:{}", c.line),
                    );
                }
            }
        }
        out.insert(dir.clone(), cat);
    }
    out
}

fn comment_note(english: &str) -> String {
    let mut note = "A comment in the code: each line of the translation becomes one comment \
                    line (break lines where you like); `code` stays as written."
        .to_owned();
    if let Some(p) = rust::kept_prefix(english) {
        note.push_str(&format!("\n{KEEP_NOTE}: `{p}` (tools look for it)."));
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn fixture() -> CourseText {
        CourseText {
            welcome: Some("Welcome!".into()),
            final_message: None,
            tracks: vec![TrackText {
                name: "core".into(),
                description: "The basics".into(),
                chapters: vec!["00_intro".into()],
            }],
            chapters: vec![ChapterText {
                dir: "00_intro".into(),
                readme: Some("# Intro\n\nSave a file.\n".into()),
                exercises: vec![ExerciseText {
                    name: "intro1".into(),
                    hints: vec!["Pass a `&str`.".into(), "Like \"Ferris\".".into()],
                    exercise:
                        "// intro1: a header.\n\nfn main() {\n    // TODO: fix the call.\n    \
                               let s = \"// not a comment\";\n}\n#[test]\nfn says_hello() {}\n"
                            .into(),
                    solution: Some(
                        "// intro1: a header.\n\nfn main() {\n    // Fixed: a literal.\n    \
                                    let s = \"// not a comment\";\n}\n"
                            .into(),
                    ),
                }],
            }],
        }
    }

    #[test]
    fn every_text_has_its_place() {
        let t = templates(&fixture());
        let ctxts = |file: &str| -> Vec<(String, String)> {
            t[file]
                .entries
                .iter()
                .map(|e| (e.ctxt.clone(), e.id.clone()))
                .collect()
        };
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            ctxts("course"),
            pairs(&[
                ("course:welcome", "Welcome!"),
                ("course:track:core", "The basics")
            ])
        );
        assert_eq!(
            ctxts("00_intro"),
            pairs(&[
                ("00_intro:readme:1", "Intro"),
                ("00_intro:readme:2", "Save a file."),
                ("intro1:hint:1", "Pass a `&str`."),
                ("intro1:hint:2", "Like \"Ferris\"."),
                ("intro1:comment:1", "intro1: a header."),
                ("intro1:comment:2", "TODO: fix the call."),
                ("intro1:solution:2", "Fixed: a literal."),
            ])
        );
        let todo = t["00_intro"].get("intro1:comment:2").unwrap();
        assert!(todo.note.contains("`TODO`"), "{}", todo.note);
        assert_eq!(todo.source, "exercises/00_intro/intro1.rs:4");
    }
}
