//! One module per command. Shared here: loading the course and state.

pub mod dev;
pub mod goto;
pub mod hint;
pub mod init;
pub mod list;
pub mod reset;
pub mod run;
pub mod solution;
pub mod verify;

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::cli::Global;
use crate::course::{self, Course, Exercise};
use crate::embedded;
use crate::state::StateFile;
use crate::ui;

/// What a command concluded, mapped to the exit code in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: an exercise is not done (yet).
    NotDone,
}

/// A loaded course and the learner's progress in it.
pub struct Ctx {
    pub course: Course,
    pub state: StateFile,
}

impl Ctx {
    pub fn load(global: &Global) -> Result<Ctx> {
        let root = course::find_root(global.course.as_deref())?;
        let course = Course::load(&root, false)?;
        for w in &course.warnings {
            eprintln!("{}", ui::warn(&w.to_string()));
        }
        let state = StateFile::load(&course)?;
        for w in &state.warnings {
            eprintln!("{}", ui::warn(w));
        }
        Ok(Ctx { course, state })
    }

    /// Loads the course for a command that records progress: refuses at
    /// once, with the fix, when the progress could not be saved.
    pub fn load_to_write(global: &Global) -> Result<Ctx> {
        let ctx = Ctx::load(global)?;
        ctx.state.ensure_writable()?;
        Ok(ctx)
    }

    /// The named exercise, or the current one.
    pub fn pick(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            Some(name) => self.course.exercise(name),
            None => Ok(self.state.current(&self.course)),
        }
    }

    /// Saves progress; on the first save of a course that is not the
    /// embedded one, keeps a copy of every exercise so `reset` can restore it.
    pub fn save(&mut self) -> Result<()> {
        if self.state.fresh && !self.course.embedded {
            for ex in &self.course.exercises {
                let dest = originals_dir(&self.course).join(&ex.relative_path);
                if !dest.exists() {
                    let parent = dest.parent().expect("a file has a parent");
                    fs::create_dir_all(parent)
                        .and_then(|()| fs::copy(&ex.path, &dest).map(drop))
                        .with_context(|| format!("cannot keep an original of {}", ex.name))?;
                }
            }
        }
        self.state.save()?;
        self.state.fresh = false;
        Ok(())
    }
}

pub fn originals_dir(course: &Course) -> PathBuf {
    course.state_dir().join("originals")
}

/// The exercise file as the course shipped it.
pub fn original(course: &Course, ex: &Exercise) -> Result<Vec<u8>> {
    if course.embedded
        && let Some(bytes) = embedded::file(&ex.relative_path)
    {
        return Ok(bytes.to_vec());
    }
    let kept = originals_dir(course).join(&ex.relative_path);
    match fs::read(&kept) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
            "rustdrill has no original of {} (it keeps one from the first time it runs \
             a course). If the course is in git, restore it with `git checkout -- {}`.",
            ex.relative_path.display(),
            ex.relative_path.display()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", kept.display())),
    }
}
