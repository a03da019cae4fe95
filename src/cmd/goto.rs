//! `rustdrill goto NAME`: make an exercise the current one, so `rustdrill`
//! and `rustdrill run` start there (an instructor steering a room to the
//! same chapter, or a learner going back).

use anyhow::Result;

use super::{Ctx, Outcome};
use crate::cli::Global;
use crate::ui::outln;

pub fn run(global: &Global, name: &str) -> Result<Outcome> {
    let mut ctx = Ctx::load_to_write(global)?;
    let ex = ctx.course.exercise(name)?.clone();
    ctx.state.set_current(&ex.name);
    ctx.save()?;
    let done = if ctx.state.is_done(&ex.name) {
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
