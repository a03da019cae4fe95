//! `rustdrill init [DIR] [--no-fetch]`: write the course embedded in the
//! binary into a new folder, then `cargo fetch` its dependencies so it later
//! builds with no network.
//!
//! Solutions are not written up front: `solutions/` holds a note, and each
//! solution appears there when its exercise is solved (`progress::reveal_solution`,
//! called where a pass is recorded).

use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::Outcome;
use crate::cargo::CARGO_MISSING;
use crate::embedded;
use crate::ui::outln;

pub fn run(dir: &Path, no_fetch: bool) -> Result<Outcome> {
    ensure_empty(dir)?;
    write_course(dir)?;
    if no_fetch {
        eprintln!(
            "Skipped downloading dependencies (--no-fetch): run `cargo fetch` in {} \
             while online before working on the chapters that need them.",
            dir.join("exercises").display()
        );
    } else {
        fetch(dir)?;
    }
    outln!("Your course is ready in {}. Next:", dir.display())?;
    outln!("  cd {}", shell_word(dir))?;
    outln!("  rustdrill")?;
    Ok(Outcome::Done)
}

/// A missing or empty folder is fine; anything else would mix the course
/// with the learner's files.
pub(crate) fn ensure_empty(dir: &Path) -> Result<()> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{} is not empty: `rustdrill init` writes a new course and will not mix \
                     it with other files. Choose a new folder, e.g. `rustdrill init rust-course`.",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            bail!(
                "{} is a file: choose a folder name for the course",
                dir.display()
            )
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
}

/// Every embedded file but the solutions, plus the files a learner's folder
/// needs: a .gitignore, an editor config, and a note in `solutions/`.
fn write_course(dir: &Path) -> Result<()> {
    for (rel, bytes) in embedded::files() {
        if rel.starts_with("solutions/") {
            continue;
        }
        write(&dir.join(rel), bytes)?;
    }
    write(&dir.join("solutions/README.md"), SOLUTIONS_NOTE.as_bytes())?;
    write(&dir.join(".gitignore"), GITIGNORE.as_bytes())?;
    write(
        &dir.join(".vscode/settings.json"),
        VSCODE_SETTINGS.as_bytes(),
    )?;
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Downloads every dependency of the course now, while the learner is
/// surely online; cargo's own progress goes straight to the terminal.
fn fetch(dir: &Path) -> Result<()> {
    let exercises = dir.join("exercises");
    eprintln!("Downloading the course's dependencies (cargo fetch)…");
    let status = Command::new("cargo")
        .arg("fetch")
        .current_dir(&exercises)
        .status()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => anyhow::anyhow!(CARGO_MISSING),
            _ => anyhow::Error::new(e).context("cannot start cargo fetch"),
        })?;
    if !status.success() {
        bail!(
            "the course was written to {}, but `cargo fetch` failed (see above). \
             When you are online, run `cargo fetch` in {} so the course builds offline; \
             the first chapter needs no dependencies and works already.",
            dir.display(),
            exercises.display()
        );
    }
    Ok(())
}

/// Quotes a path for the "cd" hint when it holds characters a shell splits on.
fn shell_word(dir: &Path) -> String {
    let text = dir.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~+".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

const GITIGNORE: &str = "\
# Build output and rustdrill's progress: local to this machine.
target/
.rustdrill/
";

/// rust-analyzer gets its own target directory (`true` = a subfolder of the
/// course's target dir), so its checks never hold the build lock while
/// rustdrill builds; `linkedProjects` points it at the exercises workspace.
const VSCODE_SETTINGS: &str = r#"{
    "rust-analyzer.linkedProjects": ["exercises/Cargo.toml"],
    "rust-analyzer.cargo.targetDir": true
}
"#;

const SOLUTIONS_NOTE: &str = "\
# Solutions

Each exercise's reference solution appears in this folder once you have
solved the exercise: rustdrill writes it here when your code first passes.
Compare it with yours — there is usually more than one good answer.
";
