//! Parsing and validating `info.toml`: every problem names the file, the
//! line and column, the exercise and the field, so an author can fix it
//! without guessing.
//!
//! Course text (hints, the welcome and final messages, what a track says
//! of itself) is shown on the learner's terminal by every command, so it
//! leaves the parser as exercise output is shown: through
//! `sanitize::course_text`, with no escape sequence left to retitle the
//! terminal or set its clipboard. A course comes from anywhere (`init
//! --from`, `tracks add --from`, a shared folder).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::sanitize;

/// The `format_version` this runner understands (rustlings 6 uses 1 too).
pub const FORMAT_VERSION: i64 = 1;
/// Wall-clock limit for an exercise's run and its tests when not set.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;
const MAX_NAME_LEN: usize = 48;
/// Bin names cargo refuses: they are folders of its target directory.
const RESERVED_NAMES: &[&str] = &["build", "deps", "examples", "incremental"];

/// Keys rustdrill knows at the top level and in an `[[exercises]]` entry.
const TOP_KEYS: &[&str] = &[
    "format_version",
    "welcome_message",
    "final_message",
    "exercises",
    "tracks",
];
const EXERCISE_KEYS: &[&str] = &[
    "name",
    "dir",
    "test",
    "strict_clippy",
    "skip_check_unsolved",
    "hint",
    "hints",
    "timeout_secs",
];
const TRACK_KEYS: &[&str] = &[
    "name",
    "description",
    "chapters",
    "system_libraries",
    "install",
];

/// A problem found in `info.toml`, located precisely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoProblem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The exercise the problem belongs to, when it belongs to one.
    pub exercise: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for InfoProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = format!("{}:{}:{}: ", self.file.display(), self.line, self.column);
        match (&self.exercise, &self.field) {
            (Some(ex), Some(field)) => {
                text.push_str(&format!("exercise `{ex}`, field `{field}`: "))
            }
            (Some(ex), None) => text.push_str(&format!("exercise `{ex}`: ")),
            (None, Some(field)) => text.push_str(&format!("field `{field}`: ")),
            (None, None) => {}
        }
        text.push_str(&self.message);
        // The name and the key are the author's, as written (an invalid
        // name, a quoted key): shown like course text.
        f.write_str(&sanitize::course_text(&text))
    }
}

/// All problems of one `info.toml`; errors stop loading, warnings do not.
#[derive(Debug)]
pub struct InfoErrors(pub Vec<InfoProblem>);

impl fmt::Display for InfoErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InfoErrors {}

#[derive(Deserialize)]
struct RawInfo {
    format_version: Spanned<i64>,
    welcome_message: Option<String>,
    final_message: Option<String>,
    #[serde(default)]
    exercises: Vec<Spanned<RawExercise>>,
    #[serde(default)]
    tracks: Vec<Spanned<RawTrack>>,
}

#[derive(Deserialize)]
struct RawTrack {
    name: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    chapters: Option<Spanned<Vec<Spanned<String>>>>,
    system_libraries: Option<Vec<String>>,
    install: Option<String>,
}

#[derive(Deserialize)]
struct RawExercise {
    name: Option<Spanned<String>>,
    dir: Option<Spanned<String>>,
    test: Option<bool>,
    strict_clippy: Option<bool>,
    skip_check_unsolved: Option<bool>,
    hint: Option<Spanned<String>>,
    hints: Option<Spanned<Vec<Spanned<String>>>>,
    timeout_secs: Option<Spanned<i64>>,
}

/// The course description, validated.
#[derive(Debug, Clone)]
pub struct Info {
    pub welcome_message: Option<String>,
    pub final_message: Option<String>,
    pub exercises: Vec<ExerciseInfo>,
    /// The `[[tracks]]`, in order; a course that declares none has one,
    /// [`DEFAULT_TRACK`], holding every chapter.
    pub tracks: Vec<Track>,
    /// The course has `[[tracks]]` of its own.
    pub declared_tracks: bool,
    /// Chapters a track names but no exercise has: a mistake in an
    /// author's course (`dev check`), normal in a course `init` wrote with
    /// some tracks left out.
    pub absent_chapters: Vec<InfoProblem>,
    /// Unknown keys and other non-fatal problems.
    pub warnings: Vec<InfoProblem>,
}

/// One `[[exercises]]` entry as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseInfo {
    pub name: String,
    pub dir: Option<String>,
    pub test: bool,
    pub strict_clippy: bool,
    pub skip_check_unsolved: bool,
    /// `hint` first, then each of `hints`.
    pub hints: Vec<String>,
    pub timeout: Duration,
    /// Line of the entry in info.toml, for later messages about it.
    pub line: usize,
}

impl ExerciseInfo {
    /// The exercise's source file, relative to the course root.
    pub fn relative_path(&self) -> PathBuf {
        let mut path = PathBuf::from("exercises");
        if let Some(dir) = &self.dir {
            path.push(dir);
        }
        path.push(format!("{}.rs", self.name));
        path
    }

    /// The reference solution, relative to the course root.
    pub fn solution_path(&self) -> PathBuf {
        let mut path = PathBuf::from("solutions");
        if let Some(dir) = &self.dir {
            path.push(dir);
        }
        path.push(format!("{}.rs", self.name));
        path
    }
}

struct Locator<'a> {
    file: &'a Path,
    text: &'a str,
    /// Byte offset where each line starts: a lookup is a binary search, so
    /// locating every entry of a large info.toml stays linear overall.
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(file: &'a Path, text: &'a str) -> Locator<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            file,
            text,
            line_starts,
        }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |l| l.chars().count())
            + 1;
        (line, column)
    }

    fn problem(
        &self,
        span: Range<usize>,
        exercise: Option<&str>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> InfoProblem {
        let (line, column) = self.line_col(span.start);
        InfoProblem {
            file: self.file.to_path_buf(),
            line,
            column,
            exercise: exercise.map(str::to_owned),
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }

    /// The exercise and the field `offset` falls in, for errors serde
    /// reports with a position only (a value of the wrong type, say).
    fn context_of(&self, offset: usize) -> (Option<String>, Option<String>) {
        #[derive(Deserialize)]
        struct Loose {
            #[serde(default)]
            exercises: Vec<Spanned<toml::Table>>,
            #[serde(default)]
            tracks: Vec<Spanned<toml::Table>>,
        }
        let Ok(loose) = toml::from_str::<Loose>(self.text) else {
            return (None, None);
        };
        // The entry starting last before `offset`, exercise or track.
        let entries = loose.exercises.iter().map(|e| (e, true));
        let entries = entries.chain(loose.tracks.iter().map(|t| (t, false)));
        match entries
            .filter(|(e, _)| e.span().start <= offset)
            .max_by_key(|(e, _)| e.span().start)
        {
            Some((entry, is_exercise)) => {
                let name = entry.get_ref().get("name").and_then(|v| v.as_str());
                let field = self.key_before(&entry.span(), entry.get_ref().keys(), offset);
                (name.filter(|_| is_exercise).map(str::to_owned), field)
            }
            None => {
                let keys = self.text.parse::<toml::Table>().ok();
                let keys = keys.iter().flat_map(|t| t.keys());
                (None, self.key_before(&(0..self.text.len()), keys, offset))
            }
        }
    }

    /// Of `keys` in `within`, the one written last before `offset`.
    fn key_before<'k>(
        &self,
        within: &Range<usize>,
        keys: impl Iterator<Item = &'k String>,
        offset: usize,
    ) -> Option<String> {
        keys.filter_map(|key| {
            let span = self.key_span(within, key);
            (span != *within && span.start <= offset).then_some((span.start, key))
        })
        .max_by_key(|(start, _)| *start)
        .map(|(_, key)| key.clone())
    }

    /// Where `key = ` starts inside `within`, for keys serde gives no span for.
    fn key_span(&self, within: &Range<usize>, key: &str) -> Range<usize> {
        // An entry's span may cover only its `[[exercises]]` header: search
        // from its start to the next table header.
        let slice = &self.text[within.start..];
        let mut offset = 0;
        for (i, line) in slice.split_inclusive('\n').enumerate() {
            let trimmed = line.trim_start();
            if i > 0 && trimmed.starts_with('[') {
                break;
            }
            if let Some(rest) = trimmed.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                let start = within.start + offset + (line.len() - trimmed.len());
                return start..start + key.len();
            }
            offset += line.len();
        }
        within.clone()
    }
}

/// The one track of a course that declares no `[[tracks]]`.
pub const DEFAULT_TRACK: &str = "core";

/// One `[[tracks]]` entry: a path through the course a learner picks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub name: String,
    pub description: String,
    /// Chapter folders (`dir`), in the order the track lists them.
    pub chapters: Vec<String>,
    /// Line of the entry in info.toml (0 for the implicit track).
    pub line: usize,
    /// pkg-config names of the system libraries its chapters link to.
    pub system_libraries: Vec<String>,
    /// The command that installs them, shown when they are missing.
    pub install: Option<String>,
}

impl Info {
    /// The track holding `chapter` (in a course without tracks, the one).
    pub fn track_of(&self, chapter: Option<&str>) -> Option<&Track> {
        if !self.declared_tracks {
            return self.tracks.first();
        }
        let chapter = chapter?;
        self.tracks
            .iter()
            .find(|t| t.chapters.iter().any(|c| c == chapter))
    }

    /// Tracks with at least one exercise in this info.toml (every track of
    /// an author's course; the chosen ones in a course `init` wrote).
    pub fn included_tracks(&self) -> Vec<&Track> {
        self.tracks
            .iter()
            .filter(|t| {
                !self.declared_tracks
                    || self
                        .exercises
                        .iter()
                        .any(|e| e.dir.as_ref().is_some_and(|d| t.chapters.contains(d)))
            })
            .collect()
    }

    /// The track by name, or an error listing the valid names.
    pub fn track(&self, name: &str) -> Result<&Track, String> {
        self.tracks.iter().find(|t| t.name == name).ok_or_else(|| {
            let names: Vec<&str> = self.tracks.iter().map(|t| t.name.as_str()).collect();
            format!(
                "there is no track named `{name}` in this course. Tracks: {}",
                names.join(", ")
            )
        })
    }
}

/// Is `name` a valid exercise name (also used for chapter dirs)?
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    !RESERVED_NAMES.contains(&name)
        && matches!(chars.next(), Some('a'..='z'))
        && name.len() <= MAX_NAME_LEN
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

fn valid_dir(dir: &str) -> bool {
    !dir.is_empty()
        && dir.len() <= MAX_NAME_LEN
        && dir
            .chars()
            .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// Parses and validates `text`, read from `file`.
///
/// `strict` turns unknown keys into errors (the authoring check); otherwise
/// they are warnings, so typos surface without stopping a learner.
pub fn parse(file: &Path, text: &str, strict: bool) -> Result<Info, InfoErrors> {
    let loc = Locator::new(file, text);
    let raw: RawInfo = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_owned();
        let message = if message.contains("missing field `format_version`") {
            format!("{message} (add `format_version = {FORMAT_VERSION}` at the top)")
        } else {
            message
        };
        let (exercise, field) = loc.context_of(span.start);
        InfoErrors(vec![loc.problem(
            span,
            exercise.as_deref(),
            field.as_deref(),
            message,
        )])
    })?;

    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    if *raw.format_version.get_ref() != FORMAT_VERSION {
        errors.push(loc.problem(
            raw.format_version.span(),
            None,
            Some("format_version"),
            format!(
                "unsupported format_version {} (this rustdrill reads version {FORMAT_VERSION}; \
                 a newer course may need a newer rustdrill)",
                raw.format_version.get_ref()
            ),
        ));
    }

    // Unknown keys: serde ignores them, so look at the plain table.
    if let Ok(table) = text.parse::<toml::Table>() {
        let mut unknown = |problem: InfoProblem| {
            if strict {
                errors.push(problem)
            } else {
                warnings.push(problem)
            }
        };
        for key in table.keys().filter(|k| !TOP_KEYS.contains(&k.as_str())) {
            let span = loc.key_span(&(0..text.len()), key);
            unknown(loc.problem(span, None, Some(key), "unknown key (typo?)"));
        }
        if let Some(toml::Value::Array(entries)) = table.get("exercises") {
            for (entry, raw_ex) in entries.iter().zip(&raw.exercises) {
                let Some(entry) = entry.as_table() else {
                    continue;
                };
                let name = raw_ex.get_ref().name.as_ref().map(|n| n.get_ref().as_str());
                for key in entry
                    .keys()
                    .filter(|k| !EXERCISE_KEYS.contains(&k.as_str()))
                {
                    let span = loc.key_span(&raw_ex.span(), key);
                    let hint = match key.as_str() {
                        "hint_2" | "hints2" | "more_hints" => {
                            " (further hints go in `hints = [...]`)"
                        }
                        "timeout" => " (did you mean `timeout_secs`?)",
                        _ => " (typo?)",
                    };
                    unknown(loc.problem(span, name, Some(key), format!("unknown key{hint}")));
                }
            }
        }
        if let Some(toml::Value::Array(entries)) = table.get("tracks") {
            for (entry, raw_track) in entries.iter().zip(&raw.tracks) {
                let Some(entry) = entry.as_table() else {
                    continue;
                };
                let name = raw_track.get_ref().name.as_ref().map(|n| n.get_ref());
                for key in entry.keys().filter(|k| !TRACK_KEYS.contains(&k.as_str())) {
                    let span = loc.key_span(&raw_track.span(), key);
                    let track = name.map_or_else(String::new, |n| format!("track `{n}`: "));
                    unknown(loc.problem(
                        span,
                        None,
                        Some(key),
                        format!("{track}unknown key (a track has name, description, chapters, system_libraries, install)"),
                    ));
                }
            }
        }
    }

    let mut exercises = Vec::with_capacity(raw.exercises.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, spanned) in raw.exercises.iter().enumerate() {
        let entry_span = spanned.span();
        let raw_ex = spanned.get_ref();
        let (line, _) = loc.line_col(entry_span.start);
        let Some(name) = &raw_ex.name else {
            errors.push(loc.problem(
                entry_span,
                None,
                Some("name"),
                format!("exercise #{} has no `name`", index + 1),
            ));
            continue;
        };
        let name_str = name.get_ref().as_str();
        let mut ok = true;
        if !valid_name(name_str) {
            ok = false;
            errors.push(loc.problem(
                name.span(),
                Some(name_str),
                Some("name"),
                if RESERVED_NAMES.contains(&name_str) {
                    format!(
                        "`{name_str}` is reserved by cargo (a folder of its target \
                         directory): choose another name"
                    )
                } else {
                    format!(
                        "invalid name: use 1-{MAX_NAME_LEN} characters of a-z, 0-9 and `_`, \
                         starting with a letter (names are cargo bin targets and file names)"
                    )
                },
            ));
        } else if let Some(first_line) = seen.get(name_str) {
            ok = false;
            errors.push(loc.problem(
                name.span(),
                Some(name_str),
                Some("name"),
                format!("duplicate name: already used by the exercise at line {first_line}"),
            ));
        } else {
            seen.insert(name_str.to_owned(), line);
        }

        if let Some(dir) = &raw_ex.dir
            && !valid_dir(dir.get_ref())
        {
            ok = false;
            errors.push(loc.problem(
                dir.span(),
                Some(name_str),
                Some("dir"),
                format!(
                    "invalid dir {:?}: one folder name of a-z, 0-9 and `_` \
                     (no `/`, `..` or absolute paths)",
                    dir.get_ref()
                ),
            ));
        }

        let mut hints = Vec::new();
        match &raw_ex.hint {
            None => {
                ok = false;
                errors.push(loc.problem(
                    entry_span.clone(),
                    Some(name_str),
                    Some("hint"),
                    "missing `hint`: every exercise needs at least one hint",
                ));
            }
            Some(hint) if hint.get_ref().trim().is_empty() => {
                ok = false;
                errors.push(loc.problem(hint.span(), Some(name_str), Some("hint"), "empty hint"));
            }
            Some(hint) => hints.push(sanitize::course_text(hint.get_ref().trim())),
        }
        if let Some(more) = &raw_ex.hints {
            for hint in more.get_ref() {
                if hint.get_ref().trim().is_empty() {
                    ok = false;
                    errors.push(loc.problem(
                        hint.span(),
                        Some(name_str),
                        Some("hints"),
                        "empty hint",
                    ));
                } else {
                    hints.push(sanitize::course_text(hint.get_ref().trim()));
                }
            }
        }

        let timeout = match &raw_ex.timeout_secs {
            None => Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            Some(t) if (1..=3600).contains(t.get_ref()) => Duration::from_secs(*t.get_ref() as u64),
            Some(t) => {
                ok = false;
                errors.push(loc.problem(
                    t.span(),
                    Some(name_str),
                    Some("timeout_secs"),
                    "timeout_secs must be between 1 and 3600",
                ));
                Duration::ZERO
            }
        };

        if ok {
            exercises.push(ExerciseInfo {
                name: name_str.to_owned(),
                dir: raw_ex.dir.as_ref().map(|d| d.get_ref().clone()),
                test: raw_ex.test.unwrap_or(true),
                strict_clippy: raw_ex.strict_clippy.unwrap_or(false),
                skip_check_unsolved: raw_ex.skip_check_unsolved.unwrap_or(false),
                hints,
                timeout,
                line,
            });
        }
    }

    if raw.exercises.is_empty() {
        errors.push(loc.problem(
            0..0,
            None,
            Some("exercises"),
            "the course has no [[exercises]]",
        ));
    }

    let declared_tracks = !raw.tracks.is_empty();
    let (tracks, absent_chapters) = if declared_tracks {
        parse_tracks(&loc, &raw, &mut errors)
    } else {
        let mut chapters: Vec<String> = Vec::new();
        for dir in exercises.iter().filter_map(|e| e.dir.as_ref()) {
            if !chapters.contains(dir) {
                chapters.push(dir.clone());
            }
        }
        let whole = Track {
            name: DEFAULT_TRACK.to_owned(),
            description: "the whole course".to_owned(),
            chapters,
            line: 0,
            system_libraries: Vec::new(),
            install: None,
        };
        (vec![whole], Vec::new())
    };

    if !errors.is_empty() {
        return Err(InfoErrors(errors));
    }
    Ok(Info {
        welcome_message: raw.welcome_message.as_deref().map(sanitize::course_text),
        final_message: raw.final_message.as_deref().map(sanitize::course_text),
        exercises,
        tracks,
        declared_tracks,
        absent_chapters,
        warnings,
    })
}

/// Validates `[[tracks]]`: each has a valid, unique name, a description
/// and chapters; every chapter is in exactly one track; every exercise's
/// chapter is in one. Returns the tracks and the chapters no exercise has.
fn parse_tracks(
    loc: &Locator<'_>,
    raw: &RawInfo,
    errors: &mut Vec<InfoProblem>,
) -> (Vec<Track>, Vec<InfoProblem>) {
    let mut tracks = Vec::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    // chapter -> (its track, line of the listing), and where it was listed.
    let mut owner: HashMap<&str, (String, usize)> = HashMap::new();
    let mut listed = Vec::new();
    for (index, spanned) in raw.tracks.iter().enumerate() {
        let entry_span = spanned.span();
        let raw_track = spanned.get_ref();
        let (line, _) = loc.line_col(entry_span.start);
        let Some(name) = &raw_track.name else {
            errors.push(loc.problem(
                entry_span,
                None,
                Some("name"),
                format!("track #{} has no `name`", index + 1),
            ));
            continue;
        };
        let name_str = name.get_ref().as_str();
        let about = format!("track `{name_str}`: ");
        if !valid_name(name_str) {
            errors.push(loc.problem(
                name.span(),
                None,
                Some("name"),
                format!(
                    "{about}invalid name: use 1-{MAX_NAME_LEN} characters of a-z, 0-9 and `_`, \
                     starting with a letter (learners type it: `rustdrill init --track NAME`)"
                ),
            ));
        } else if let Some(first) = names.get(name_str) {
            errors.push(loc.problem(
                name.span(),
                None,
                Some("name"),
                format!("{about}duplicate name: already used by the track at line {first}"),
            ));
        } else {
            names.insert(name_str, line);
        }
        let description = match &raw_track.description {
            Some(d) if !d.get_ref().trim().is_empty() => sanitize::course_text(d.get_ref().trim()),
            _ => {
                errors.push(loc.problem(
                    entry_span.clone(),
                    None,
                    Some("description"),
                    format!(
                        "{about}missing or empty `description`: one line saying what it teaches"
                    ),
                ));
                String::new()
            }
        };
        let mut chapters = Vec::new();
        match &raw_track.chapters {
            Some(list) if !list.get_ref().is_empty() => {
                for chapter in list.get_ref() {
                    let dir = chapter.get_ref().as_str();
                    let (chapter_line, _) = loc.line_col(chapter.span().start);
                    if !valid_dir(dir) {
                        errors.push(loc.problem(
                            chapter.span(),
                            None,
                            Some("chapters"),
                            format!(
                                "{about}invalid chapter {dir:?}: a chapter is a `dir` of info.toml"
                            ),
                        ));
                    } else if let Some((other, other_line)) = owner.get(dir) {
                        errors.push(loc.problem(
                            chapter.span(),
                            None,
                            Some("chapters"),
                            format!(
                                "{about}chapter `{dir}` is already in track `{other}` (line \
                                 {other_line}): a chapter belongs to exactly one track"
                            ),
                        ));
                    } else {
                        owner.insert(dir, (name_str.to_owned(), chapter_line));
                        listed.push((chapter.span(), name_str, dir));
                        chapters.push(dir.to_owned());
                    }
                }
            }
            _ => errors.push(loc.problem(
                entry_span.clone(),
                None,
                Some("chapters"),
                format!("{about}no `chapters`: list the chapter folders (`dir`) it holds"),
            )),
        }
        tracks.push(Track {
            name: name_str.to_owned(),
            description,
            chapters,
            line,
            system_libraries: raw_track
                .system_libraries
                .iter()
                .flatten()
                .map(|l| sanitize::course_text(l))
                .collect(),
            install: raw_track.install.as_deref().map(sanitize::course_text),
        });
    }

    let mut used = HashSet::new();
    for spanned in &raw.exercises {
        let raw_ex = spanned.get_ref();
        let name = raw_ex.name.as_ref().map(|n| n.get_ref().as_str());
        match &raw_ex.dir {
            None => errors.push(loc.problem(
                spanned.span(),
                name,
                Some("dir"),
                "no `dir`: in a course with [[tracks]] every exercise is in a chapter \
                 (its `dir`), and every chapter in a track",
            )),
            Some(dir) => {
                used.insert(dir.get_ref().as_str());
                if valid_dir(dir.get_ref()) && !owner.contains_key(dir.get_ref().as_str()) {
                    errors.push(loc.problem(
                        dir.span(),
                        name,
                        Some("dir"),
                        format!(
                            "chapter `{}` is in no track: add it to the `chapters` of one \
                             [[tracks]] entry",
                            dir.get_ref()
                        ),
                    ));
                }
            }
        }
    }
    let absent = listed
        .into_iter()
        .filter(|(_, _, dir)| !used.contains(dir))
        .map(|(span, track, dir)| {
            loc.problem(
                span,
                None,
                Some("chapters"),
                format!("track `{track}`: no exercise has `dir = \"{dir}\"` (a misspelt chapter?)"),
            )
        })
        .collect();
    (tracks, absent)
}

/// Names close to `wanted`, best first, for "did you mean" messages.
pub fn closest<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for name in names {
        let score = strsim::jaro_winkler(wanted, name);
        let contains = name.contains(wanted) || wanted.contains(name);
        if score >= 0.8 || contains {
            // Higher similarity first.
            scored
                .entry(((1.0 - score) * 1000.0) as u64)
                .or_default()
                .push(name);
        }
    }
    scored.into_values().flatten().take(3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Info, InfoErrors> {
        parse(Path::new("info.toml"), text, false)
    }

    fn only_error(text: &str) -> InfoProblem {
        let mut errs = parse_str(text).unwrap_err().0;
        assert_eq!(errs.len(), 1, "{errs:?}");
        errs.remove(0)
    }

    const HEADER: &str = "format_version = 1\n";

    #[test]
    fn parses_a_minimal_course() {
        let info = parse_str(&format!(
            "{HEADER}[[exercises]]\nname = \"a1\"\ndir = \"00_a\"\nhint = \"h\"\nhints = [\"h2\"]\n"
        ))
        .unwrap();
        let ex = &info.exercises[0];
        assert_eq!(ex.name, "a1");
        assert_eq!(ex.hints, ["h", "h2"]);
        assert!(ex.test);
        assert_eq!(ex.timeout, Duration::from_secs(10));
        assert_eq!(ex.relative_path(), Path::new("exercises/00_a/a1.rs"));
        assert_eq!(ex.line, 2);
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let p = only_error("format_version = 1\n[[exercises]\n");
        assert_eq!(p.line, 2);
        assert!(p.to_string().starts_with("info.toml:2:"), "{p}");
    }

    #[test]
    fn a_large_info_toml_loads_and_locates_errors_at_the_end() {
        // Was quadratic: 16,000 entries took 16 s. Asserting on lines, not
        // time: the last entry's duplicate is found where it is.
        let mut text = HEADER.to_owned();
        for i in 0..20_000 {
            text.push_str(&format!("[[exercises]]\nname = \"e{i}\"\nhint = \"h\"\n\n"));
        }
        text.push_str("[[exercises]]\nname = \"e7\"\nhint = \"h\"\n");
        let p = only_error(&text);
        let header_lines = HEADER.matches('\n').count();
        assert_eq!(p.line, header_lines + 20_000 * 4 + 2);
        assert_eq!(p.column, 8);
    }

    #[test]
    fn locator_counts_lines_and_characters() {
        let loc = Locator::new(Path::new("info.toml"), "ab\néé x\n\nz");
        assert_eq!(loc.line_col(0), (1, 1));
        assert_eq!(loc.line_col(3), (2, 1));
        assert_eq!(
            loc.line_col(8),
            (2, 4),
            "columns count characters, not bytes"
        );
        assert_eq!(loc.line_col(11), (4, 1));
        assert_eq!(loc.line_col(999), (4, 2));
    }

    #[test]
    fn duplicate_name_points_at_second_entry() {
        let text = format!(
            "{HEADER}[[exercises]]\nname = \"a\"\nhint = \"h\"\n\n[[exercises]]\nname = \"a\"\nhint = \"h\"\n"
        );
        let p = only_error(&text);
        assert_eq!((p.line, p.field.as_deref()), (7, Some("name")));
        assert!(p.message.contains("line 2"), "{p}");
    }

    #[test]
    fn rejects_bad_names_and_dirs() {
        for name in [
            "A1",
            "a/b",
            "..",
            "1a",
            "",
            &"a".repeat(49),
            "deps",
            "build",
        ] {
            let text = format!("{HEADER}[[exercises]]\nname = {name:?}\nhint = \"h\"\n");
            let p = only_error(&text);
            assert_eq!(p.field.as_deref(), Some("name"), "{name}: {p}");
        }
        for dir in ["..", "/abs", "a/b", "Ch1"] {
            let text =
                format!("{HEADER}[[exercises]]\nname = \"a\"\ndir = {dir:?}\nhint = \"h\"\n");
            let p = only_error(&text);
            assert_eq!(p.field.as_deref(), Some("dir"), "{dir}: {p}");
            assert_eq!(p.line, 4);
        }
    }

    #[test]
    fn missing_hint_and_name() {
        let p = only_error(&format!("{HEADER}[[exercises]]\nname = \"a\"\n"));
        assert_eq!(p.field.as_deref(), Some("hint"));
        let p = only_error(&format!("{HEADER}[[exercises]]\nhint = \"h\"\n"));
        assert_eq!(p.field.as_deref(), Some("name"));
    }

    #[test]
    fn wrong_format_version() {
        let p = only_error("format_version = 2\n[[exercises]]\nname = \"a\"\nhint = \"h\"\n");
        assert_eq!((p.line, p.field.as_deref()), (1, Some("format_version")));
    }

    #[test]
    fn unknown_keys_warn_or_fail() {
        let text = format!("{HEADER}[[exercises]]\nname = \"a\"\nhint = \"h\"\ntimeout = 3\n");
        let info = parse_str(&text).unwrap();
        assert_eq!(info.warnings.len(), 1);
        let w = &info.warnings[0];
        assert_eq!((w.line, w.field.as_deref()), (5, Some("timeout")));
        assert!(w.message.contains("timeout_secs"));
        let strict = parse(Path::new("info.toml"), &text, true).unwrap_err();
        assert_eq!(strict.0.len(), 1);
    }

    const TRACKED: &str = "format_version = 1\n\
        [[tracks]]\nname = \"core\"\ndescription = \"d\"\nchapters = [\"01_a\"]\n\
        [[tracks]]\nname = \"web\"\ndescription = \"d\"\nchapters = [\"02_b\", \"03_c\"]\n\
        [[exercises]]\nname = \"a\"\ndir = \"01_a\"\nhint = \"h\"\n";

    #[test]
    fn tracks_parse_and_own_their_chapters() {
        let info = parse_str(&format!(
            "{TRACKED}[[exercises]]\nname = \"b\"\ndir = \"02_b\"\nhint = \"h\"\n"
        ))
        .unwrap();
        assert!(info.declared_tracks);
        assert_eq!(info.tracks.len(), 2);
        assert_eq!(info.tracks[1].chapters, ["02_b", "03_c"]);
        assert_eq!(info.track_of(Some("02_b")).unwrap().name, "web");
        assert_eq!(info.included_tracks().len(), 2);
        assert_eq!(info.absent_chapters.len(), 1, "03_c has no exercise");
        assert_eq!(info.absent_chapters[0].line, 9);
        let only_core = parse_str(TRACKED).unwrap();
        assert_eq!(only_core.included_tracks().len(), 1);
        assert!(info.track("games").unwrap_err().contains("core, web"));
    }

    #[test]
    fn a_course_without_tracks_is_one_track() {
        let info = parse_str(&format!(
            "{HEADER}[[exercises]]\nname = \"a\"\ndir = \"01_a\"\nhint = \"h\"\n"
        ))
        .unwrap();
        assert!(!info.declared_tracks);
        assert_eq!(info.tracks[0].name, DEFAULT_TRACK);
        assert_eq!(info.tracks[0].chapters, ["01_a"]);
        assert_eq!(info.track_of(None).unwrap().name, DEFAULT_TRACK);
    }

    #[test]
    fn a_chapter_in_no_track_or_two_is_an_error() {
        let p = only_error(&format!(
            "{TRACKED}[[exercises]]\nname = \"d\"\ndir = \"04_d\"\nhint = \"h\"\n"
        ));
        assert_eq!((p.line, p.column, p.field.as_deref()), (16, 7, Some("dir")));
        assert!(
            p.to_string()
                .contains("exercise `d`, field `dir`: chapter `04_d` is in no track"),
            "{p}"
        );
        let twice = TRACKED.replace("[\"02_b\", \"03_c\"]", "[\"02_b\", \"01_a\"]");
        let p = only_error(&twice);
        assert_eq!((p.line, p.field.as_deref()), (9, Some("chapters")));
        assert!(
            p.message.contains("already in track `core` (line 5)"),
            "{p}"
        );
        let no_dir = format!("{TRACKED}[[exercises]]\nname = \"d\"\nhint = \"h\"\n");
        assert_eq!(only_error(&no_dir).field.as_deref(), Some("dir"));
    }

    #[test]
    fn bad_tracks_name_their_field() {
        let p = only_error(&TRACKED.replace("name = \"web\"", "name = \"core\""));
        assert!(p.message.contains("duplicate name"), "{p}");
        let p = only_error(
            &TRACKED.replace("description = \"d\"\nchapters = [\"02", "chapters = [\"02"),
        );
        assert_eq!(p.field.as_deref(), Some("description"));
        let p =
            only_error(&TRACKED.replace("chapters = [\"02_b\", \"03_c\"]", "chapters = \"02_b\""));
        assert_eq!((p.line, p.field.as_deref()), (9, Some("chapters")), "{p}");
        let strict = parse(
            Path::new("info.toml"),
            &TRACKED.replace(
                "description = \"d\"\nchapters = [\"02",
                "descripton = \"d\"\ndescription = \"d\"\nchapters = [\"02",
            ),
            true,
        )
        .unwrap_err();
        assert_eq!(strict.0[0].field.as_deref(), Some("descripton"));
    }

    #[test]
    fn course_text_leaves_the_parser_without_escapes() {
        let esc = "\\u001b";
        let text = format!(
            "format_version = 1\nwelcome_message = \"hi{esc}]0;t\\u0007!\"\n\
             final_message = \"bye{esc}c\"\n\
             [[tracks]]\nname = \"core\"\ndescription = \"d{esc}[2J\"\nchapters = [\"ch\"]\n\
             install = \"apt{esc}]52;c;eA==\\u0007 x\"\n\
             [[exercises]]\nname = \"a\"\ndir = \"ch\"\nhint = \"h{esc}]2;t{esc}\\\\1\"\n\
             hints = [\"line\\r\\nnext\"]\n"
        );
        let info = parse_str(&text).unwrap();
        assert_eq!(info.welcome_message.as_deref(), Some("hi!"));
        assert_eq!(info.final_message.as_deref(), Some("bye"));
        assert_eq!(info.tracks[0].description, "d");
        assert_eq!(info.tracks[0].install.as_deref(), Some("apt x"));
        assert_eq!(info.exercises[0].hints, ["h1", "line\nnext"]);
        let bad = only_error(
            "format_version = 1\n[[exercises]]\nname = \"a\\u001b]0;t\\u0007\"\nhint = \"h\"\n",
        );
        assert!(!bad.to_string().contains('\x1b'), "{bad}");
    }

    #[test]
    fn closest_names() {
        let names = ["intro1", "intro2", "tokio1"];
        assert_eq!(closest("intro3", names)[..2], ["intro1", "intro2"]);
        assert!(closest("zzz", names).is_empty());
    }
}
