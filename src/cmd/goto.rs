//! `rustdrill goto NAME`: make an exercise the current one, so `rustdrill`
//! and `rustdrill run` start there (an instructor steering a room to the
//! same chapter, or a learner going back). A watch open on the course
//! follows at once.

use anyhow::Result;

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::outln;

pub fn run(global: &Global, name: &str) -> Result<Outcome> {
    let mut session = Session::load(global)?;
    let ex = session.course.exercise(name)?.clone();
    session.progress.go_to(&session.course, &ex).into_result()?;
    let done = if session.progress.is_done(&ex.name) {
        " (already done)"
    } else {
        ""
    };
    outln!(
        "Current exercise: {}{done} — {}\nRun `rustdrill` to work on it.",
        ex.name,
        ex.relative_path.display()
    )?;
    Ok(Outcome::Done)
}
