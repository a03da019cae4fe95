//! `rustdrill reset NAME`: back up the learner's file, restore the original.

use anyhow::{Result, bail};

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::outln;

pub fn run(global: &Global, name: &str, yes: bool) -> Result<Outcome> {
    let mut session = Session::load(global)?;
    let ex = session.course.exercise(name)?.clone();
    if !yes {
        let term = console::Term::stderr();
        if !term.is_term() || !console::user_attended() {
            bail!(
                "resetting replaces {}; confirm with `--yes`",
                ex.relative_path.display()
            );
        }
        eprint!(
            "Reset {} to its original? Your version is kept as a backup. [y/N] ",
            ex.relative_path.display()
        );
        let answer = term.read_line().unwrap_or_default();
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("Nothing changed.");
            return Ok(Outcome::NotDone);
        }
    }
    let saved = session.progress.reset(&session.course, &ex)?;
    outln!("Restored {} to its original.", ex.relative_path.display())?;
    if let Some(backup) = &saved.value {
        outln!("Your version is kept in {}", backup.display())?;
    }
    saved.into_result()?;
    Ok(Outcome::Done)
}
