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
        set_language(None);
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
        set_language(None);
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
}

/// Speaks the course's language from now on: `stored` is the code the
/// course keeps in `.rustdrill/` (issue 25: `init --lang`, `rustdrill
/// lang`; `None` until that lands), and `RUSTDRILL_LANG` still overrides
/// it. `main` already warned about a bad `RUSTDRILL_LANG`; a bad stored
/// code is warned about here.
fn set_language(stored: Option<&str>) {
    if let Err(e) = ui::text::set_course_language(stored)
        && stored.is_some_and(|code| e.0 == code)
    {
        eprintln!("{}", ui::warn(&format!("{e}; speaking English")));
    }
}
