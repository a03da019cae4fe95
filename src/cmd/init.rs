//! `rustdrill init [DIR] [--track NAME]… [--all-tracks] [--no-fetch]`: write
//! the course embedded in the binary (or `--from` a course folder) into a new
//! folder with the chosen tracks only, then `cargo fetch` their dependencies
//! so it later builds with no network.
//!
//! The course is made in a hidden folder beside the target and moved into
//! place when complete (see [`Staging`]): an `init` stopped at any point
//! leaves the target as it was, and the next one clears what it left.
//!
//! Solutions of the embedded course are not written up front: `solutions/`
//! holds a note, and each solution appears there when its exercise is solved
//! (`progress::reveal_solution`, called where a pass is recorded).

use rustdrill_engine::supervisor;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::Outcome;
use crate::ui::outln;
use crate::ui::text::t;
use rustdrill_engine::course::INFO_FILE;
use rustdrill_engine::tracks::{self, Source};

pub struct Options {
    pub no_fetch: bool,
    pub tracks: Vec<String>,
    pub all_tracks: bool,
    pub from: Option<PathBuf>,
    pub vendor: bool,
    /// The language of the comments, READMEs and hints (`--lang`).
    pub lang: Option<rustdrill_i18n::Lang>,
}

pub fn run(dir: &Path, options: &Options) -> Result<Outcome> {
    prepare_target(dir)?;
    let source = match &options.from {
        Some(from) => Source::from_dir(from)?,
        None => Source::embedded()?,
    };
    let selected = choose_tracks(&source, options)?;
    let lang = super::lang::choose(&source, options.lang.as_ref())?;
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
    // The whole course is made in a folder beside `dir` and moved into
    // place once complete: a kill at any point leaves `dir` as it was, and
    // the next `init` removes what the killed one left.
    let staging = Staging::new(dir)?;
    let built = staging.path();
    write_course(built, &source, &selected)?;
    super::lang::write_new_course(built, &source, &lang)?;
    let trimmed = tracks::trim_lock(built)?;
    let mut fetched = true;
    if options.vendor {
        eprintln!("{}", t!("init-vendoring", tracks = selected.join(", ")));
        let size = tracks::vendor(built)
            .map_err(|e| e.context(format!("nothing was written to {}", dir.display())))?;
        eprintln!(
            "{}",
            t!(
                "init-vendored",
                size = tracks::human_size(size),
                dir = dir.join(tracks::VENDOR_DIR).display().to_string()
            )
        );
    } else if options.no_fetch {
        eprintln!(
            "{}",
            t!(
                "init-no-fetch",
                dir = dir.join("exercises").display().to_string()
            )
        );
        if !trimmed {
            eprintln!("{}", t!("init-lock-untrimmed"));
        }
    } else {
        fetched = cargo_fetch(built)?;
    }
    staging.finish(dir)?;
    if !fetched {
        bail!(fetch_failed(dir));
    }
    outln!("{}", t!("init-ready", dir = dir.display().to_string()))?;
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
        "{}",
        t!("init-base-only", base = base, others = all[1..].join(", "))
    );
    source.selection(&[])
}

/// Asks which tracks to include: a short list, then numbers or names.
fn ask(source: &Source) -> Result<Vec<String>> {
    let tracks = &source.info.tracks;
    let width = tracks.iter().map(|t| t.name.len()).max().unwrap_or(4);
    // Costs are a courtesy: a file that does not read is said, not fatal.
    let costs = source.costs().unwrap_or_else(|e| {
        eprintln!("{}", crate::ui::warn(&format!("{e:#} (costs not shown)")));
        tracks::Costs::default()
    });
    let on = costs.on_kind();
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "{}",
        t!(
            "init-ask-tracks",
            count = tracks.len(),
            base = &tracks[0].name
        )
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
            .map_or_else(String::new, |c| format!("; {}", c.short(i > 0, Some(&on))));
        writeln!(
            err,
            "  {}. {:width$}  {} ({}{cost})",
            i + 1,
            t.name,
            t.description,
            t!("init-ask-exercises", count = exercises)
        )?;
    }
    if !costs.is_empty() {
        writeln!(
            err,
            "Build times: {} (the first track alone, others on top of it); \
             yours depend on your machine.",
            costs.method()
        )?;
    }
    write!(err, "{} ", t!("init-ask-prompt", base = &tracks[0].name))?;
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

/// What a killed `init` leaves, and how the next one knows it: the course
/// is made in `.NAME.rustdrill-init-RANDOM/` beside the target, with a lock
/// file `.NAME.rustdrill-init-RANDOM.lock` the making process holds until
/// the course is in place. Moving into a target folder that already exists
/// (empty) is one rename per entry, under `TARGET/.rustdrill-init.lock`.
const STAGING_MARK: &str = ".rustdrill-init-";
const LOCK_SUFFIX: &str = ".lock";
const MOVING_LOCK: &str = ".rustdrill-init.lock";
/// The staging folder inside the target, when it cannot be beside it.
const INSIDE_DIR: &str = ".rustdrill-init-staging";

/// Can a rename move `a`'s entries to `b`?
fn same_file_system(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev(),
            _ => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Fails unless `dir` can take a new course: missing, empty, or what a
/// killed `init` left there (emptied now). Removes what killed `init`s
/// left beside it.
fn prepare_target(dir: &Path) -> Result<()> {
    remove_stale_staging(dir)?;
    let moving = dir.join(MOVING_LOCK);
    if moving.is_file() {
        let lock =
            fs::File::open(&moving).with_context(|| format!("cannot read {}", moving.display()))?;
        if lock.try_lock().is_err() {
            bail!(another_init(dir));
        }
        // A killed init was moving its course in: nothing else is there
        // (it moves only into an empty folder), and its info.toml comes
        // last, so no rustdrill command ran in it. Unless one did.
        // (`.rustdrill/` itself comes with the course: `init` records the
        // language there; progress is `state.toml`.)
        if dir.join(".rustdrill").join("state.toml").exists() {
            bail!(
                "{} holds part of a course an interrupted `rustdrill init` wrote, and \
                 progress in .rustdrill/: move what you want to keep elsewhere, empty the \
                 folder, and run init again",
                dir.display()
            );
        }
        for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
            let path = entry?.path();
            if path != moving {
                remove_path(&path)
                    .with_context(|| format!("cannot remove the unfinished {}", path.display()))?;
            }
        }
        fs::remove_file(&moving).with_context(|| format!("cannot remove {}", moving.display()))?;
    }
    ensure_empty(dir)
}

fn remove_path(path: &Path) -> io::Result<()> {
    if path.is_dir() && !path.is_symlink() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// The folder `dir` is in, and the name the staging folders beside it
/// start with.
fn staging_prefix(dir: &Path) -> Result<(PathBuf, String)> {
    let absolute = std::path::absolute(dir)
        .with_context(|| format!("cannot find where {} is", dir.display()))?;
    // `init .` or `init course/..`: the folder's own name.
    let absolute = if absolute.file_name().is_none() {
        absolute.canonicalize().unwrap_or(absolute)
    } else {
        absolute
    };
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        bail!(
            "{} cannot hold a course: choose a folder inside it",
            dir.display()
        );
    };
    Ok((
        parent.to_path_buf(),
        format!(".{}{STAGING_MARK}", name.to_string_lossy()),
    ))
}

/// Removes the staging folders killed `init`s left beside `dir` (into it,
/// or into a sibling: a learner who gave up on a name tries another); fails
/// if a live one is writing into `dir`.
fn remove_stale_staging(dir: &Path) -> Result<()> {
    let (parent, prefix) = staging_prefix(dir)?;
    let Ok(entries) = fs::read_dir(&parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.contains(STAGING_MARK)) {
            continue;
        }
        let base = name.strip_suffix(LOCK_SUFFIX).unwrap_or(&name);
        let lock_path = parent.join(format!("{base}{LOCK_SUFFIX}"));
        if let Ok(lock) = fs::File::open(&lock_path)
            && lock.try_lock().is_err()
        {
            if name.starts_with(&prefix) {
                bail!(another_init(dir));
            }
            // Another live init, into another folder: its own business.
            continue;
        }
        let _ = fs::remove_dir_all(parent.join(base));
        let _ = fs::remove_file(&lock_path);
    }
    Ok(())
}

/// The folder a course is made in before it moves to its place; removed
/// (with its lock) when dropped unless `finish` moved it.
struct Staging {
    dir: PathBuf,
    lock_path: PathBuf,
    _lock: fs::File,
}

impl Staging {
    /// Beside `target`; or inside it, under its moving lock, when it is an
    /// existing folder the course could not be renamed into from beside (a
    /// mount point, a USB stick: another file system) or whose parent is
    /// not writable.
    fn new(target: &Path) -> Result<Staging> {
        if !target.is_dir() {
            return Staging::beside(target);
        }
        let (parent, _) = staging_prefix(target)?;
        if !same_file_system(&parent, target) {
            return Staging::inside(target);
        }
        Staging::beside(target).or_else(|_| Staging::inside(target))
    }

    fn inside(target: &Path) -> Result<Staging> {
        let cannot = |e: io::Error| anyhow::anyhow!("cannot write in {} ({e})", target.display());
        let lock_path = target.join(MOVING_LOCK);
        let lock = fs::File::create(&lock_path).map_err(cannot)?;
        if lock.try_lock().is_err() {
            bail!(another_init(target));
        }
        let staging = Staging {
            dir: target.join(INSIDE_DIR),
            lock_path,
            _lock: lock,
        };
        fs::create_dir(&staging.dir).map_err(cannot)?;
        Ok(staging)
    }

    fn beside(target: &Path) -> Result<Staging> {
        let (parent, prefix) = staging_prefix(target)?;
        let cannot = |e: io::Error| {
            anyhow::anyhow!(
                "cannot write in {} ({e}): `rustdrill init` makes the course beside its \
                 folder first. Choose a folder you can write to.",
                parent.display()
            )
        };
        fs::create_dir_all(&parent).map_err(cannot)?;
        let (lock, lock_path) = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(LOCK_SUFFIX)
            .tempfile_in(&parent)
            .map_err(cannot)?
            .keep()
            .map_err(|e| cannot(e.error))?;
        lock.lock().map_err(cannot)?;
        let name = lock_path.file_name().unwrap_or_default().to_string_lossy();
        let dir = parent.join(name.strip_suffix(LOCK_SUFFIX).unwrap_or(&name));
        let staging = Staging {
            dir,
            lock_path,
            _lock: lock,
        };
        fs::create_dir(&staging.dir).map_err(cannot)?;
        Ok(staging)
    }

    fn path(&self) -> &Path {
        &self.dir
    }

    /// Moves the course to `target`: one rename when `target` does not
    /// exist; else (an empty folder, maybe a shell's current one, which
    /// must stay the same folder) one rename per entry, under a lock file
    /// in `target` that tells the next `init` a killed move from a course.
    fn finish(self, target: &Path) -> Result<()> {
        let cannot = |e: io::Error| {
            anyhow::anyhow!("cannot move the course into {} ({e})", target.display())
        };
        if !target.exists() {
            return fs::rename(&self.dir, target).map_err(cannot);
        }
        let moving = target.join(MOVING_LOCK);
        // Made inside: the lock is held already.
        let _lock = if self.lock_path == moving {
            None
        } else {
            let lock = fs::File::create(&moving).map_err(cannot)?;
            lock.lock().map_err(cannot)?;
            Some(lock)
        };
        // info.toml last: until it is there, no command takes the folder
        // for a course.
        let mut entries = fs::read_dir(&self.dir)
            .map_err(cannot)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<Vec<_>>>()
            .map_err(cannot)?;
        entries.sort_by_key(|name| name == INFO_FILE);
        for name in entries {
            fs::rename(self.dir.join(&name), target.join(&name)).map_err(cannot)?;
        }
        fs::remove_file(&moving).map_err(cannot)?;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // After `finish` only the empty folder (or nothing) is left.
        let _ = fs::remove_dir_all(&self.dir);
        let _ = fs::remove_file(&self.lock_path);
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
    if !cargo_fetch(dir)? {
        bail!(fetch_failed(dir));
    }
    Ok(())
}

/// `cargo fetch` in the course at `dir`: whether it succeeded.
fn cargo_fetch(dir: &Path) -> Result<bool> {
    eprintln!("{}", t!("init-fetching"));
    let status = supervisor::status(
        supervisor::command("cargo")
            .arg("fetch")
            .current_dir(dir.join("exercises")),
    )
    .map_err(|e| rustdrill_engine::toolchain::cannot_start(e, "cargo fetch"))?;
    Ok(status.success())
}

fn fetch_failed(dir: &Path) -> String {
    t!(
        "init-fetch-failed",
        dir = dir.display().to_string(),
        exercises = dir.join("exercises").display().to_string()
    )
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

fn another_init(dir: &Path) -> String {
    t!("init-another", dir = dir.display().to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn make_course_in(staging: &Staging) {
        fs::write(staging.path().join(INFO_FILE), "format_version = 1\n").unwrap();
        fs::create_dir(staging.path().join("exercises")).unwrap();
        fs::write(staging.path().join("exercises/a.rs"), "fn main() {}\n").unwrap();
    }

    #[test]
    fn a_course_made_inside_its_folder_moves_up_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("usb");
        fs::create_dir(&target).unwrap();
        let staging = Staging::inside(&target).unwrap();
        // A second init into the same folder meanwhile is refused.
        let other = prepare_target(&target).unwrap_err();
        assert!(format!("{other:#}").contains("another `rustdrill init`"));
        make_course_in(&staging);
        staging.finish(&target).unwrap();
        assert_eq!(names(&target), ["exercises", "info.toml"]);
        assert_eq!(names(dir.path()), ["usb"]);
    }

    #[test]
    fn a_course_made_beside_a_new_folder_is_renamed_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("course");
        let staging = Staging::new(&target).unwrap();
        assert!(!target.exists());
        make_course_in(&staging);
        staging.finish(&target).unwrap();
        assert_eq!(names(&target), ["exercises", "info.toml"]);
        assert_eq!(names(dir.path()), ["course"]);
    }

    #[test]
    fn what_a_killed_init_left_is_cleared_and_a_learners_folder_is_not() {
        let dir = tempfile::tempdir().unwrap();
        // Killed while making the course beside, and while moving it in.
        let target = dir.path().join("course");
        let left = dir.path().join(".course.rustdrill-init-x1y2z3");
        fs::create_dir_all(left.join("exercises")).unwrap();
        fs::write(dir.path().join(".course.rustdrill-init-x1y2z3.lock"), "").unwrap();
        fs::create_dir(&target).unwrap();
        fs::write(target.join(MOVING_LOCK), "").unwrap();
        fs::create_dir(target.join("exercises")).unwrap();
        prepare_target(&target).unwrap();
        assert_eq!(names(&target), Vec::<String>::new());
        assert_eq!(names(dir.path()), ["course"]);
        // Without init's lock file, a folder with anything in it is the
        // learner's: refused, untouched.
        fs::write(target.join("notes.txt"), "mine").unwrap();
        assert!(prepare_target(&target).is_err());
        assert_eq!(names(&target), ["notes.txt"]);
    }
}
