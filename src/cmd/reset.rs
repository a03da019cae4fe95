//! `rustdrill reset NAME`: back up the learner's file, restore the original.

use std::fs;

use anyhow::{Context, Result, bail};

use super::{Ctx, Outcome, original};
use crate::cli::Global;
use crate::files;
use crate::ui::outln;

pub fn run(global: &Global, name: &str, yes: bool) -> Result<Outcome> {
    let mut ctx = Ctx::load_to_write(global)?;
    let ex = ctx.course.exercise(name)?.clone();
    let original = original(&ctx.course, &ex)?;
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
    let backup = backup_and_restore(&ctx, &ex, &original)?;
    let entry = ctx.state.exercise(&ex.name);
    entry.done = false;
    entry.hints_shown = 0;
    ctx.save()?;
    outln!("Restored {} to its original.", ex.relative_path.display())?;
    if let Some(backup) = backup {
        outln!("Your version is kept in {}", backup.display())?;
    }
    Ok(Outcome::Done)
}

/// Copies the current file to `.rustdrill/backup/NAME-TIME.rs`, then
/// atomically replaces it with `original`. Returns the backup's path.
pub fn backup_and_restore(
    ctx: &Ctx,
    ex: &crate::course::Exercise,
    original: &[u8],
) -> Result<Option<std::path::PathBuf>> {
    let backup_dir = ctx.course.state_dir().join("backup");
    let mut backup = None;
    if let Ok(current) = fs::read(&ex.path) {
        fs::create_dir_all(&backup_dir)
            .with_context(|| format!("cannot create {}", backup_dir.display()))?;
        let path = files::stamped_path(&backup_dir, &format!("{}-", ex.name), ".rs");
        fs::write(&path, current).with_context(|| format!("cannot write {}", path.display()))?;
        backup = Some(path);
    }
    files::write_atomic(&ex.path, original)
        .with_context(|| format!("cannot replace {}", ex.path.display()))?;
    Ok(backup)
}
