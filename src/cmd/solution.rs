//! `rustdrill solution [NAME] [--show]`: the reference solution, once solved.

use std::fs;

use anyhow::{Context, Result};

use super::{Ctx, Outcome};
use crate::cli::Global;

pub fn run(global: &Global, name: Option<&str>, show: bool) -> Result<Outcome> {
    let ctx = Ctx::load(global)?;
    let ex = ctx.pick(name)?;
    if !ctx.state.is_done(&ex.name) {
        println!(
            "Solve {} first: its solution is shown once it passes. \
             Try `rustdrill hint {}`.",
            ex.name, ex.name
        );
        return Ok(Outcome::NotDone);
    }
    let path = ctx.course.root.join(&ex.solution_path);
    if !path.is_file() {
        println!(
            "This course has no solution file for {} ({}).",
            ex.name,
            ex.solution_path.display()
        );
        return Ok(Outcome::NotDone);
    }
    println!("{}", ex.solution_path.display());
    if show {
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        println!("\n{text}");
    }
    Ok(Outcome::Done)
}
