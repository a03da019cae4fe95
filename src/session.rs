//! A command's working set: the course it runs in and the learner's
//! progress in it, loaded once with their warnings shown.

use anyhow::Result;

use crate::cli::Global;
use crate::ui;
use rustdrill_engine::course::{self, Course, Exercise};
use rustdrill_engine::progress::Progress;

pub struct Session {
    pub course: Course,
    pub progress: Progress,
}

impl Session {
    pub fn load(global: &Global) -> Result<Session> {
        let root = course::find_root(global.course.as_deref())?;
        let course = Course::load(&root, false)?;
        set_language(&course);
        course.remove_leftovers();
        for w in &course.warnings {
            eprintln!("{}", ui::warn(&w.to_string()));
        }
        let mut progress = Progress::load(&course)?;
        progress.listen(Box::new(rustdrill_classroom::report::Reporter));
        for w in progress.take_warnings() {
            eprintln!("{}", ui::warn(&w));
        }
        Ok(Session { course, progress })
    }

    /// The course at `root` loaded again (watch, after info.toml changed),
    /// its warnings left in it for the caller to show: stderr is under
    /// the watch screen.
    pub fn reload(root: &std::path::Path) -> Result<Session> {
        let course = Course::load(root, false)?;
        set_language(&course);
        let mut progress = Progress::load(&course)?;
        progress.listen(Box::new(rustdrill_classroom::report::Reporter));
        Ok(Session { course, progress })
    }

    /// The named exercise, or the current one.
    pub fn pick(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            Some(name) => self.course.exercise(name),
            None => Ok(self.progress.current(&self.course)),
        }
    }

    /// Brings the classroom up to date after a command's output, if this
    /// course joined one (see `rustdrill_classroom::client::resync`).
    pub fn resync_classroom(&self) {
        if let Some(note) = rustdrill_classroom::client::resync(&self.course.state_dir()) {
            eprintln!("{}", ui::warn(&note));
        }
    }
}

/// Speaks the course's language from now on: the one `init --lang` or
/// `rustdrill lang` stored in its `.rustdrill/`, unless `RUSTDRILL_LANG`
/// overrides it. `main` already warned about a bad `RUSTDRILL_LANG`. A
/// course translated into a language the runner's own text lacks (its
/// catalogues can hold any) gets the runner in English, without a warning
/// on every command.
fn set_language(course: &Course) {
    let stored = rustdrill_engine::i18n::current(&course.root).to_string();
    let _ = ui::text::set_course_language(Some(&stored));
}
