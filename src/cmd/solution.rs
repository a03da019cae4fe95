//! `rustdrill solution [NAME] [--show]`: the reference solution, once solved.

use std::fs;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::outln;

pub fn run(global: &Global, name: Option<&str>, show: bool) -> Result<Outcome> {
    let session = Session::load(global)?;
    let mut ex = session.pick(name)?;
    // Solving moves the course on, so right after a pass the current exercise
    // is the next, unsolved one: show the one solved last instead.
    if name.is_none()
        && !session.progress.is_done(&ex.name)
        && let Some(last) = session.progress.last_solved(&session.course)
    {
        ex = last;
        outln!("(the exercise you solved last: {})", ex.name)?;
    }
    if !session.progress.is_done(&ex.name) {
        outln!(
            "Solve {} first: its solution is shown once it passes. \
             Try `rustdrill hint {}`.",
            ex.name,
            ex.name
        )?;
        return Ok(Outcome::NotDone);
    }
    let path = session.course.root.join(&ex.solution_path);
    if !path.is_file() {
        outln!(
            "This course has no solution file for {} ({}).",
            ex.name,
            ex.solution_path.display()
        )?;
        return Ok(Outcome::NotDone);
    }
    outln!("{}", ex.solution_path.display())?;
    if show {
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        // A course's file, shown as course text is: no escape sequences.
        outln!("\n{}", rustdrill_engine::sanitize::course_text(&text))?;
    }
    Ok(Outcome::Done)
}
