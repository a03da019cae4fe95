//! `rustdrill solution [NAME] [--show]`: the reference solution, once solved.

use std::fs;

use anyhow::{Context, Result};

use super::{Ctx, Outcome};
use crate::cli::Global;
use crate::ui::outln;

pub fn run(global: &Global, name: Option<&str>, show: bool) -> Result<Outcome> {
    let ctx = Ctx::load(global)?;
    let mut ex = ctx.pick(name)?;
    // Solving moves the course on, so right after a pass the current exercise
    // is the next, unsolved one: show the one solved last instead.
    if name.is_none()
        && !ctx.state.is_done(&ex.name)
        && let Some(last) = last_solved(&ctx)
    {
        ex = last;
        outln!("(the exercise you solved last: {})", ex.name)?;
    }
    if !ctx.state.is_done(&ex.name) {
        outln!(
            "Solve {} first: its solution is shown once it passes. \
             Try `rustdrill hint {}`.",
            ex.name,
            ex.name
        )?;
        return Ok(Outcome::NotDone);
    }
    let path = ctx.course.root.join(&ex.solution_path);
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
        outln!("\n{text}")?;
    }
    Ok(Outcome::Done)
}

/// The done exercise with the latest `solved_at` (RFC 3339 sorts by time).
fn last_solved(ctx: &Ctx) -> Option<&crate::course::Exercise> {
    ctx.course
        .exercises
        .iter()
        .filter_map(|ex| {
            let state = ctx.state.state.exercises.get(&ex.name)?;
            state.done.then_some((state.solved_at.as_deref()?, ex))
        })
        .max_by_key(|(solved_at, _)| *solved_at)
        .map(|(_, ex)| ex)
}
