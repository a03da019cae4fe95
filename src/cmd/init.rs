//! `rustdrill init [DIR] [--track NAME]… [--all-tracks] [--no-fetch]`: write
//! the course embedded in the binary (or `--from` a course folder) into a new
//! folder with the chosen tracks only, then `cargo fetch` their dependencies
//! so it later builds with no network.
//!
//! Solutions of the embedded course are not written up front: `solutions/`
//! holds a note, and each solution appears there when its exercise is solved
//! (`progress::reveal_solution`, called where a pass is recorded).

use crate::supervisor;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::Outcome;
use crate::tracks::{self, Source};
use crate::ui::outln;

pub struct Options {
    pub no_fetch: bool,
    pub tracks: Vec<String>,
    pub all_tracks: bool,
    pub from: Option<PathBuf>,
    pub vendor: bool,
}

pub fn run(dir: &Path, options: &Options) -> Result<Outcome> {
    ensure_empty(dir)?;
    let source = match &options.from {
        Some(from) => Source::from_dir(from)?,
        None => Source::embedded()?,
    };
    let selected = choose_tracks(&source, options)?;
    for track in source
        .info
        .tracks
        .iter()
        .filter(|t| selected.contains(&t.name))
    {
        if let Some(warning) = tracks::missing_libraries(track) {
            eprintln!("{}", crate::ui::warn(&warning));
        }
    }
    let existed = dir.exists();
    if let Err(e) = write_course(dir, &source, &selected) {
        // No half-written course: what this run wrote goes.
        remove_written(dir, existed);
        return Err(e);
    }
    let trimmed = tracks::trim_lock(dir)?;
    if options.vendor {
        eprintln!(
            "Copying the dependencies of {} into vendor/ (cargo vendor)…",
            selected.join(", ")
        );
        match tracks::vendor(dir) {
            Ok(size) => eprintln!(
                "Vendored: {} in {}. The folder builds with no network and an empty \
                 cargo home (copy it whole, vendor/ included).",
                tracks::human_size(size),
                dir.join(tracks::VENDOR_DIR).display()
            ),
            Err(e) => {
                remove_written(dir, existed);
                return Err(e.context(format!("nothing was written to {}", dir.display())));
            }
        }
    } else if options.no_fetch {
        eprintln!(
            "Skipped downloading dependencies (--no-fetch): run `cargo fetch` in {} \
             while online before working on the chapters that need them.",
            dir.join("exercises").display()
        );
        if !trimmed {
            eprintln!(
                "Its Cargo.lock still lists the packages of the tracks left out: \
                 `cargo fetch` trims it."
            );
        }
    } else {
        fetch(dir)?;
    }
    outln!("Your course is ready in {}. Next:", dir.display())?;
    outln!("  cd {}", shell_word(dir))?;
    outln!("  rustdrill")?;
    Ok(Outcome::Done)
}

/// The tracks to write: those named, every one, the learner's answer on a
/// terminal, or the base track alone (saying how to add more).
fn choose_tracks(source: &Source, options: &Options) -> Result<Vec<String>> {
    let all: Vec<String> = source.info.tracks.iter().map(|t| t.name.clone()).collect();
    if options.all_tracks || all.len() == 1 {
        return source.selection(&options.tracks).map(|_| all);
    }
    if !options.tracks.is_empty() {
        return source.selection(&options.tracks);
    }
    let base = &all[0];
    if io::stdin().is_terminal() && io::stderr().is_terminal() {
        return ask(source);
    }
    eprintln!(
        "Writing the `{base}` track only. Add others later with `rustdrill tracks add NAME` \
         (tracks: {}), or choose now with `--track NAME` or `--all-tracks`.",
        all[1..].join(", ")
    );
    source.selection(&[])
}

/// Asks which tracks to include: a short list, then numbers or names.
fn ask(source: &Source) -> Result<Vec<String>> {
    let tracks = &source.info.tracks;
    let width = tracks.iter().map(|t| t.name.len()).max().unwrap_or(4);
    let costs = source.costs();
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "This course has {} tracks; `{}` is always included:",
        tracks.len(),
        tracks[0].name
    )?;
    for (i, t) in tracks.iter().enumerate() {
        let exercises = source
            .info
            .exercises
            .iter()
            .filter(|e| e.dir.as_ref().is_some_and(|d| t.chapters.contains(d)))
            .count();
        let cost = costs
            .get(&t.name)
            .map_or_else(String::new, |c| format!(", {}", c.short()));
        writeln!(
            err,
            "  {}. {:width$}  {} ({exercises} exercise{}{cost})",
            i + 1,
            t.name,
            t.description,
            if exercises == 1 { "" } else { "s" }
        )?;
    }
    write!(
        err,
        "Tracks to add (numbers or names, `all`; Enter for `{}` only): ",
        tracks[0].name
    )?;
    err.flush()?;
    drop(err);
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    if answer.trim() == "all" {
        return Ok(tracks.iter().map(|t| t.name.clone()).collect());
    }
    let names: Vec<String> = answer
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| match w.parse::<usize>() {
            Ok(n) if (1..=tracks.len()).contains(&n) => tracks[n - 1].name.clone(),
            _ => w.to_owned(),
        })
        .collect();
    source.selection(&names)
}

fn remove_written(dir: &Path, existed: bool) {
    if !existed {
        let _ = fs::remove_dir_all(dir);
    } else if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let _ = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
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

/// The chosen tracks' files (the embedded course's solutions are revealed
/// one by one later), plus the files a learner's folder needs: a
/// .gitignore, an editor config, and a note in `solutions/`.
fn write_course(dir: &Path, source: &Source, selected: &[String]) -> Result<()> {
    let files = source.course_files(selected, !source.embedded)?;
    tracks::write_files(dir, &files, false)?;
    if source.embedded {
        write(&dir.join("solutions/README.md"), SOLUTIONS_NOTE.as_bytes())?;
    }
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
pub(crate) fn fetch(dir: &Path) -> Result<()> {
    let exercises = dir.join("exercises");
    eprintln!("Downloading the course's dependencies (cargo fetch)…");
    let status = supervisor::status(
        supervisor::command("cargo")
            .arg("fetch")
            .current_dir(&exercises),
    )
    .map_err(|e| crate::toolchain::cannot_start(e, "cargo fetch"))?;
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
