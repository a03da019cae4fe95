//! The room's course: the instructor's (`classroom serve --course DIR`, or
//! the course rustdrill ships), fixed for the server's life. It lays out
//! the dashboard's columns; an event for an exercise it does not have is
//! refused, so no learner can add columns, and a learner whose course
//! differs is marked as such on their own row only.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::CourseExercise;
use rustdrill_engine::course::{INFO_FILE, info};

#[derive(Debug, Clone)]
pub struct RoomCourse {
    pub exercises: Vec<CourseExercise>,
    names: HashSet<String>,
}

impl RoomCourse {
    /// The course at `dir` (its info.toml), or the embedded one.
    pub fn load(dir: Option<&Path>) -> Result<RoomCourse> {
        let text = match dir {
            Some(dir) => {
                let path = dir.join(INFO_FILE);
                std::fs::read_to_string(&path).with_context(|| {
                    format!(
                        "cannot read {}: --course takes a course folder (the one with {INFO_FILE})",
                        path.display()
                    )
                })?
            }
            None => {
                let bytes = rustdrill_engine::embedded::file(Path::new(INFO_FILE))
                    .context("this rustdrill embeds no course: give one with --course DIR")?;
                String::from_utf8_lossy(bytes).into_owned()
            }
        };
        let info = info::parse(Path::new(INFO_FILE), &text, false)
            .map_err(|e| anyhow::anyhow!("the room's course does not load: {e}"))?;
        let exercises: Vec<CourseExercise> = info
            .exercises
            .iter()
            .map(|e| CourseExercise {
                name: e.name.clone(),
                chapter: e.dir.clone().unwrap_or_default(),
            })
            .collect();
        if exercises.is_empty() {
            bail!("the room's course has no exercises");
        }
        Ok(RoomCourse::new(exercises))
    }

    pub fn new(exercises: Vec<CourseExercise>) -> RoomCourse {
        let names = exercises.iter().map(|e| e.name.clone()).collect();
        RoomCourse { exercises, names }
    }

    pub fn has(&self, exercise: &str) -> bool {
        self.names.contains(exercise)
    }

    /// What the dashboard notes on a learner's row when their course is
    /// not the room's: a part of it (other tracks), or another course or
    /// version (exercises the room does not have). `None` when it is the
    /// room's course, or the learner did not say (an older rustdrill).
    pub fn note_for(&self, learner: &[CourseExercise], tracks: &[String]) -> Option<String> {
        if learner.is_empty() {
            return None;
        }
        let theirs: HashSet<&str> = learner.iter().map(|e| e.name.as_str()).collect();
        let foreign = theirs.iter().filter(|n| !self.has(n)).count();
        let missing = self
            .names
            .iter()
            .filter(|n| !theirs.contains(n.as_str()))
            .count();
        match (foreign, missing) {
            (0, 0) => None,
            (0, _) if !tracks.is_empty() => {
                let mut tracks: Vec<&str> = tracks.iter().map(String::as_str).take(8).collect();
                tracks.sort_unstable();
                Some(super::text::one_line(&format!(
                    "tracks: {}",
                    tracks.join(", ")
                )))
            }
            (0, missing) => Some(format!(
                "part of the course ({} of {} exercises)",
                self.names.len() - missing,
                self.names.len()
            )),
            (foreign, _) => Some(format!(
                "other course version ({foreign} exercise(s) not in the room's course)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(name: &str) -> CourseExercise {
        CourseExercise {
            name: name.into(),
            chapter: "c".into(),
        }
    }

    #[test]
    fn a_learners_course_is_compared_never_adopted() {
        let room = RoomCourse::new(vec![ex("a"), ex("b"), ex("c")]);
        assert_eq!(room.note_for(&[ex("a"), ex("b"), ex("c")], &[]), None);
        assert_eq!(room.note_for(&[], &[]), None);
        assert_eq!(
            room.note_for(&[ex("a")], &["core".into()]).as_deref(),
            Some("tracks: core")
        );
        assert_eq!(
            room.note_for(&[ex("a"), ex("b")], &[]).as_deref(),
            Some("part of the course (2 of 3 exercises)")
        );
        assert_eq!(
            room.note_for(&[ex("a"), ex("zz")], &["core".into()])
                .as_deref(),
            Some("other course version (1 exercise(s) not in the room's course)")
        );
        assert!(!room.has("zz"));
    }

    #[test]
    fn the_embedded_course_is_the_default() {
        rustdrill_engine::embedded::install(rustdrill_course::files());
        let room = RoomCourse::load(None).unwrap();
        assert!(room.exercises.len() > 50, "{}", room.exercises.len());
        assert!(room.exercises.iter().all(|e| !e.chapter.is_empty()));
    }
}
