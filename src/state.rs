//! The learner's progress, in `.rustdrill/state.toml` inside the course:
//! versioned, written atomically, and never silently thrown away.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::course::Course;
use crate::files;
use crate::verdict::VerdictKind;

pub const STATE_VERSION: u32 = 1;
const STATE_FILE: &str = "state.toml";

/// Progress on one exercise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseState {
    #[serde(default)]
    pub done: bool,
    /// RFC 3339 time the exercise was first made current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_opened: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solved_at: Option<String>,
    /// How many times it was checked.
    #[serde(default)]
    pub checks: u32,
    /// How many hints were revealed.
    #[serde(default)]
    pub hints_shown: usize,
    /// The last verdict and what it was computed from, so an unchanged
    /// exercise need not be rebuilt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<CachedVerdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CachedVerdict {
    /// Hash of the exercise file, manifests, lock file and toolchain.
    pub key: String,
    pub kind: VerdictKind,
    pub first_message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u32,
    /// The exercise the learner works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The welcome message was shown.
    #[serde(default)]
    pub welcomed: bool,
    /// Chapters whose README introduction watch mode has shown.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub chapters_introduced: BTreeSet<String>,
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseState>,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: STATE_VERSION,
            current: None,
            welcomed: false,
            chapters_introduced: BTreeSet::new(),
            exercises: BTreeMap::new(),
        }
    }
}

/// The state and where it lives.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    pub state: State,
    /// Set when the file did not exist: this is the learner's first run.
    pub fresh: bool,
    /// Problems met while loading (a damaged file moved aside).
    pub warnings: Vec<String>,
}

pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

impl StateFile {
    pub fn load(course: &Course) -> Result<StateFile> {
        Self::load_from(&course.state_dir())
    }

    pub fn load_from(dir: &Path) -> Result<StateFile> {
        let path = dir.join(STATE_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(StateFile {
                    path,
                    state: State::default(),
                    fresh: true,
                    warnings: vec![],
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => String::new(),
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "cannot read progress from {}: check that {} is a folder you can read and write",
                        path.display(),
                        dir.display()
                    )
                });
            }
        };
        let problem = match toml::from_str::<State>(&text) {
            Ok(state) if state.version == STATE_VERSION => {
                return Ok(StateFile {
                    path,
                    state,
                    fresh: false,
                    warnings: vec![],
                });
            }
            Ok(state) => format!(
                "it has version {} and this rustdrill reads version {STATE_VERSION}",
                state.version
            ),
            Err(e) => format!("it is damaged ({})", e.message().trim()),
        };
        // Keep the learner's data for inspection; start over beside it.
        let aside = files::stamped_path(dir, &format!("{STATE_FILE}.corrupt-"), "");
        fs::rename(&path, &aside)
            .with_context(|| format!("cannot move the unreadable {} aside", path.display()))?;
        let warning = format!(
            "progress file {} could not be used: {problem}. It was kept as {} \
             and progress starts over (exercises you solved will be recognised \
             again when checked).",
            path.display(),
            aside.display()
        );
        Ok(StateFile {
            path,
            state: State::default(),
            fresh: false,
            warnings: vec![warning],
        })
    }

    /// Fails, as `save` would, when progress cannot be saved: a command
    /// that records progress calls it first, rather than check an exercise
    /// and lose the result (or print a hint it cannot remember).
    pub fn ensure_writable(&self) -> Result<()> {
        let dir = self.path.parent().expect("state file has a parent");
        // Creating a file is the only sure test (ACLs, read-only mounts).
        // Not the folder itself: a command that fails later (a misspelt
        // exercise name) must leave no trace in the course.
        let probe = if dir.exists() {
            dir
        } else {
            dir.parent().unwrap_or(dir)
        };
        tempfile::NamedTempFile::new_in(probe).with_context(|| unwritable(dir))?;
        Ok(())
    }

    /// Writes the state atomically: a temp file in the same folder, then a
    /// rename, so a crash or Ctrl-C leaves either the old or the new file.
    pub fn save(&self) -> Result<()> {
        let dir = self.path.parent().expect("state file has a parent");
        let context = || unwritable(dir);
        fs::create_dir_all(dir).with_context(context)?;
        ensure_gitignore(dir);
        let text = toml::to_string_pretty(&self.state).context("cannot serialise progress")?;
        files::write_atomic(&self.path, text.as_bytes()).with_context(context)?;
        Ok(())
    }

    pub fn exercise(&mut self, name: &str) -> &mut ExerciseState {
        self.state.exercises.entry(name.to_owned()).or_default()
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.state.exercises.get(name).is_some_and(|e| e.done)
    }

    /// The current exercise: the recorded one if it still exists, else the
    /// first one not done (the last one when all are done).
    pub fn current<'c>(&self, course: &'c Course) -> &'c crate::course::Exercise {
        if let Some(name) = &self.state.current
            && let Some(ex) = course.exercises.iter().find(|e| &e.name == name)
        {
            return ex;
        }
        course
            .exercises
            .iter()
            .find(|e| !self.is_done(&e.name))
            .unwrap_or_else(|| course.exercises.last().expect("a course has exercises"))
    }

    /// Makes `name` current, recording when it was first opened.
    pub fn set_current(&mut self, name: &str) {
        self.state.current = Some(name.to_owned());
        let entry = self.exercise(name);
        if entry.first_opened.is_none() {
            entry.first_opened = Some(now());
        }
    }

    /// The next exercise not done after `after`, wrapping to the start.
    pub fn next_pending<'c>(
        &self,
        course: &'c Course,
        after: &str,
    ) -> Option<&'c crate::course::Exercise> {
        let pos = course
            .exercises
            .iter()
            .position(|e| e.name == after)
            .unwrap_or(0);
        let (before, rest) = course.exercises.split_at(pos + 1);
        rest.iter().chain(before).find(|e| !self.is_done(&e.name))
    }

    pub fn done_count(&self, course: &Course) -> usize {
        course
            .exercises
            .iter()
            .filter(|e| self.is_done(&e.name))
            .count()
    }
}

fn unwritable(dir: &Path) -> String {
    format!(
        "cannot save progress in {} — is the course folder read-only? \
         Make it writable, or copy the course somewhere writable.",
        dir.display()
    )
}

/// `.rustdrill/` holds one learner's progress: keep it out of git.
fn ensure_gitignore(dir: &Path) {
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = fs::write(ignore, "*\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_atomic() {
        let dir = tempfile::tempdir().unwrap();
        let mut sf = StateFile::load_from(dir.path()).unwrap();
        assert!(sf.fresh);
        sf.set_current("intro1");
        sf.exercise("intro1").checks = 3;
        sf.save().unwrap();
        let again = StateFile::load_from(dir.path()).unwrap();
        assert_eq!(again.state, sf.state);
        assert!(!again.fresh);
        // Only the state file and the .gitignore: no temp files left over.
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".gitignore", "state.toml"]);
    }

    #[test]
    fn damaged_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("state.toml"), "version = \"oops\n").unwrap();
        let sf = StateFile::load_from(dir.path()).unwrap();
        assert_eq!(sf.warnings.len(), 1);
        assert_eq!(sf.state, State::default());
        let kept: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with("state.toml.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1);
        let text = fs::read_to_string(dir.path().join(&kept[0])).unwrap();
        assert_eq!(text, "version = \"oops\n");
    }

    #[test]
    fn unknown_version_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("state.toml"), "version = 99\n").unwrap();
        let sf = StateFile::load_from(dir.path()).unwrap();
        assert!(sf.warnings[0].contains("version 99"));
    }
}
