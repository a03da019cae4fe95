//! The course: `info.toml` validated and each exercise mapped to the cargo
//! `bin` target that builds it (asked of `cargo metadata`, never guessed from
//! file names).

pub mod filter;
pub mod info;
pub mod targets;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};

pub use info::{ExerciseInfo, Info, InfoProblem, Track};
pub use targets::{BinTarget, Targets};

pub const INFO_FILE: &str = "info.toml";

/// One exercise, ready to be checked.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Position in the course, from 0.
    pub index: usize,
    pub name: String,
    /// The chapter folder (`dir` in info.toml), if any.
    pub chapter: Option<String>,
    /// The track holding the chapter (`core` in a course without tracks).
    pub track: String,
    /// The learner's file, absolute.
    pub path: PathBuf,
    /// The same, relative to the course root (for messages).
    pub relative_path: PathBuf,
    /// The reference solution, relative to the course root.
    pub solution_path: PathBuf,
    pub test: bool,
    pub strict_clippy: bool,
    pub skip_check_unsolved: bool,
    pub hints: Vec<String>,
    pub timeout: Duration,
    /// The cargo package owning the bin target named like the exercise.
    pub package: String,
}

/// Which exercise, as the runner tells them apart: its place in the course.
/// Names are for people, at the edges (arguments, files, JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExerciseId(usize);

impl Exercise {
    pub fn id(&self) -> ExerciseId {
        ExerciseId(self.index)
    }
}

/// Where cargo runs for this course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// `exercises/Cargo.toml` is a workspace, one package per chapter.
    Workspace,
    /// rustlings 6: one root `Cargo.toml` listing every exercise as a bin.
    Rustlings,
}

#[derive(Debug, Clone)]
pub struct Course {
    pub root: PathBuf,
    pub layout: Layout,
    /// The directory cargo runs in (its `.cargo/config.toml` applies).
    pub cargo_dir: PathBuf,
    pub target_dir: PathBuf,
    pub welcome_message: Option<String>,
    pub final_message: Option<String>,
    pub exercises: Vec<Exercise>,
    /// Every track of info.toml, included in this folder or not.
    pub tracks: Vec<Track>,
    /// The course declares `[[tracks]]` (else `tracks` is the one implicit track).
    pub declared_tracks: bool,
    /// Names of the tracks whose chapters this folder holds.
    pub included_tracks: Vec<String>,
    /// It is the course embedded in this binary (same info.toml): `reset`
    /// and solutions come from the binary.
    pub embedded: bool,
    /// Non-fatal problems in info.toml (unknown keys).
    pub warnings: Vec<InfoProblem>,
}

/// Which layout the course at `root` has, and where cargo runs for it.
pub fn cargo_workspace(root: &Path) -> Option<(Layout, PathBuf)> {
    if root.join("exercises/Cargo.toml").is_file() {
        Some((Layout::Workspace, root.join("exercises")))
    } else if root.join("Cargo.toml").is_file() {
        Some((Layout::Rustlings, root.to_path_buf()))
    } else {
        None
    }
}

/// A course folder and where cargo runs for it.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The course root, canonical.
    pub root: PathBuf,
    pub layout: Layout,
    pub cargo_dir: PathBuf,
}

impl Workspace {
    /// The workspace of the course at `root` (canonical), or why cargo
    /// cannot build it.
    pub fn of(root: PathBuf) -> Result<Workspace> {
        let Some((layout, cargo_dir)) = cargo_workspace(&root) else {
            bail!(
                "{} has an {INFO_FILE} but no exercises/Cargo.toml (rustdrill layout) \
                 nor Cargo.toml (rustlings layout): cargo cannot build its exercises",
                root.display()
            );
        };
        Ok(Workspace {
            root,
            layout,
            cargo_dir,
        })
    }
}

/// An exercise of info.toml that no bin target of its name builds.
#[derive(Debug, Clone)]
pub enum TargetProblem {
    /// No bin target builds the exercise's file.
    Missing {
        exercise: ExerciseInfo,
        /// The file is there (else the name may be misspelt).
        file_exists: bool,
        /// Which manifest the entry to add goes in.
        layout: Layout,
    },
    /// The bin target named like the exercise builds another file (its
    /// `path` points elsewhere).
    OtherFile {
        exercise: ExerciseInfo,
        bin: BinTarget,
        /// The file it builds, relative to the course root when inside it.
        source: PathBuf,
    },
    /// The exercise's file is built by a bin target of another name.
    Misnamed {
        exercise: ExerciseInfo,
        bin: BinTarget,
    },
}

impl fmt::Display for TargetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetProblem::Missing {
                exercise,
                file_exists,
                layout,
            } => {
                f.write_str(&missing_target_message(exercise, layout))?;
                if !file_exists {
                    // Neither file nor target: an entry with no exercise.
                    write!(
                        f,
                        "\n  (and {} does not exist: is the name in info.toml misspelt?)",
                        exercise.relative_path().display()
                    )?;
                }
                Ok(())
            }
            TargetProblem::OtherFile {
                exercise: ex,
                bin,
                source,
            } => write!(
                f,
                "{INFO_FILE}:{}: exercise `{}`: the bin target `{}` of package `{}` builds {}, \
                 not {}: its `path` must be the exercise's file",
                ex.line,
                ex.name,
                bin.name,
                bin.package,
                source.display(),
                ex.relative_path().display()
            ),
            TargetProblem::Misnamed { exercise: ex, bin } => write!(
                f,
                "{INFO_FILE}:{}: exercise `{}`: its file is built by the bin target `{}` \
                 of package `{}`; the bin must be named `{}` like the exercise",
                ex.line, ex.name, bin.name, bin.package, ex.name
            ),
        }
    }
}

/// Every exercise that no bin target of its name builds: the course
/// cannot be checked until each has one.
#[derive(Debug)]
pub struct UnbuiltExercises(pub Vec<TargetProblem>);

impl fmt::Display for UnbuiltExercises {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnbuiltExercises {}

/// Finds the course root: `explicit` if given, else the first ancestor of
/// the current directory holding an `info.toml`.
pub fn find_root(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if !dir.join(INFO_FILE).is_file() {
            bail!(
                "no {INFO_FILE} in {} — is this a rustdrill course? \
                 Create one with `rustdrill init DIR`.",
                dir.display()
            );
        }
        return Ok(dir.to_path_buf());
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    for dir in cwd.ancestors() {
        if dir.join(INFO_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "no {INFO_FILE} found in {} or any folder above it.\n\
         Run rustdrill inside a course, point to one with `--course DIR`, \
         or create one with `rustdrill init DIR`.",
        cwd.display()
    )
}

impl Course {
    /// Loads the course at `root`. `strict` makes unknown keys errors.
    pub fn load(root: &Path, strict: bool) -> Result<Course> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot open the course folder {}", root.display()))?;
        let info_path = root.join(INFO_FILE);
        let text = fs::read_to_string(&info_path)
            .with_context(|| format!("cannot read {}", info_path.display()))?;
        let info = info::parse(Path::new(INFO_FILE), &text, strict)?;
        let embedded = is_embedded_info(&text, &info);
        let workspace = Workspace::of(root)?;
        let state_dir = workspace.root.join(".rustdrill");
        // The cache is keyed by the manifests, not by the exercise files:
        // one that became a symlink, or stopped being one, since cargo was
        // asked leaves it stale. Only cargo's own answer is final.
        if let Some(cached) = targets::cached(&workspace.cargo_dir, &state_dir)
            && let Ok(course) = Self::assemble(workspace.clone(), &info, &cached, embedded)
        {
            return Ok(crate::i18n::localise_course(course));
        }
        let targets = targets::refresh(&workspace.cargo_dir, &state_dir)?;
        // Hints and messages in the learner's language (`rustdrill lang`).
        Ok(crate::i18n::localise_course(Self::assemble(
            workspace, &info, &targets, embedded,
        )?))
    }

    /// The course `info` describes, each exercise mapped to the bin target
    /// of `targets` building its file. Every exercise without one is a
    /// [`TargetProblem`]; any makes the course unbuildable.
    pub fn assemble(
        workspace: Workspace,
        info: &Info,
        targets: &Targets,
        embedded: bool,
    ) -> Result<Course, UnbuiltExercises> {
        let Workspace {
            root,
            layout,
            cargo_dir,
        } = workspace;
        // A missing exercise file does not stop the course: that exercise's
        // verdict says so, and `reset` restores it. Its bin target is still
        // known to cargo, which does not read sources to list targets.
        let mut problems = Vec::new();

        let target_dir = own_target_dir(&root, &cargo_dir, &targets.target_dir);
        let included_tracks = info
            .included_tracks()
            .into_iter()
            .map(|t| t.name.clone())
            .collect();
        let track_of = |dir: Option<&str>| {
            info.track_of(dir)
                .map_or_else(String::new, |t| t.name.clone())
        };
        let mut exercises = Vec::with_capacity(info.exercises.len());
        for (index, ex) in info.exercises.iter().cloned().enumerate() {
            let path = root.join(ex.relative_path());
            let Some(bin) = targets.bins.get(&source_key(&path)) else {
                // A bin of the exercise's name builds another file: its
                // `path` is what to fix, not a bin to add.
                let named = targets.bins.iter().find(|(_, bin)| bin.name == ex.name);
                problems.push(match named {
                    Some((source, bin)) => TargetProblem::OtherFile {
                        exercise: ex,
                        bin: bin.clone(),
                        source: source.strip_prefix(&root).unwrap_or(source).to_path_buf(),
                    },
                    None => TargetProblem::Missing {
                        file_exists: path.exists(),
                        layout: layout.clone(),
                        exercise: ex,
                    },
                });
                continue;
            };
            if bin.name != ex.name {
                problems.push(TargetProblem::Misnamed {
                    exercise: ex,
                    bin: bin.clone(),
                });
                continue;
            }
            exercises.push(Exercise {
                index,
                relative_path: ex.relative_path(),
                solution_path: ex.solution_path(),
                track: track_of(ex.dir.as_deref()),
                name: ex.name,
                chapter: ex.dir,
                path,
                test: ex.test,
                strict_clippy: ex.strict_clippy,
                skip_check_unsolved: ex.skip_check_unsolved,
                hints: ex.hints,
                timeout: ex.timeout,
                package: bin.package.clone(),
            });
        }
        if !problems.is_empty() {
            return Err(UnbuiltExercises(problems));
        }

        Ok(Course {
            root,
            layout,
            cargo_dir,
            target_dir,
            welcome_message: info.welcome_message.clone(),
            final_message: info.final_message.clone(),
            embedded,
            exercises,
            tracks: info.tracks.clone(),
            declared_tracks: info.declared_tracks,
            included_tracks,
            warnings: info.warnings.clone(),
        })
    }

    /// Looks an exercise up by name, suggesting close names when absent.
    pub fn exercise(&self, name: &str) -> Result<&Exercise> {
        if let Some(ex) = self.exercises.iter().find(|e| e.name == name) {
            return Ok(ex);
        }
        let close = info::closest(name, self.exercises.iter().map(|e| e.name.as_str()));
        let suggestion = match close.as_slice() {
            [] => "Run `rustdrill list` to see every exercise.".to_owned(),
            names => format!("Did you mean {}?", names.join(", ")),
        };
        bail!("there is no exercise named `{name}` in this course. {suggestion}")
    }

    /// Said when `exercise` has just passed and, with it, every exercise of
    /// its track is done (`is_done` by name): which tracks remain, in this
    /// folder and not added yet. None in a course without tracks. (English;
    /// the runner words it in the learner's language from `track_done`.)
    pub fn track_done_message(
        &self,
        exercise: &Exercise,
        is_done: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let done = self.track_done(exercise, is_done)?;
        let mut message = format!("Track `{}` is done!", done.track);
        if !done.unfinished.is_empty() {
            message.push_str(&format!(
                " Still to go here: {}.",
                done.unfinished.join(", ")
            ));
        }
        if let Some(first) = done.not_added.first() {
            message.push_str(&format!(
                " Tracks not added yet: {} (`rustdrill tracks add {first}`).",
                done.not_added.join(", ")
            ));
        }
        Some(message)
    }

    /// The facts behind `track_done_message`: `exercise`'s track is now
    /// complete; which tracks remain in this folder and which are not
    /// added yet. None in a course without tracks or while one remains.
    pub fn track_done(
        &self,
        exercise: &Exercise,
        is_done: impl Fn(&str) -> bool,
    ) -> Option<TrackDone> {
        let in_track = |e: &&Exercise| e.track == exercise.track;
        if !self.declared_tracks
            || !self
                .exercises
                .iter()
                .filter(in_track)
                .all(|e| is_done(&e.name))
        {
            return None;
        }
        let unfinished: Vec<String> = self
            .included_tracks
            .iter()
            .filter(|t| {
                self.exercises
                    .iter()
                    .any(|e| &e.track == *t && !is_done(&e.name))
            })
            .cloned()
            .collect();
        let not_added: Vec<String> = self
            .tracks
            .iter()
            .map(|t| t.name.clone())
            .filter(|t| !self.included_tracks.iter().any(|i| i == t))
            .collect();
        Some(TrackDone {
            track: exercise.track.clone(),
            unfinished,
            not_added,
        })
    }

    /// The runner's own files (state, backups) live here.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(".rustdrill")
    }

    /// Removes what killed rustdrill processes left half-written in the
    /// folders rustdrill writes to (exercise and solution folders, the
    /// course root and workspace, its state, backups and outbox): temp
    /// files of ours that are old and that no live process holds (see
    /// `files::remove_stale_temp_files`), so another process's write in
    /// progress is never touched; and the empty backups an older rustdrill
    /// left when a disk was full (they hold nothing, and look like a kept
    /// copy). Each command that works on the course starts with it; a few
    /// directory listings.
    pub fn remove_leftovers(&self) {
        let state = self.state_dir();
        crate::files::remove_stale_empty_files(&state.join("backup"), crate::files::STALE_TEMP_AGE);
        let mut dirs: Vec<PathBuf> = vec![
            self.root.clone(),
            self.cargo_dir.clone(),
            state.join("backup"),
            state.join("outbox"),
            state,
        ];
        for ex in &self.exercises {
            let written = [ex.path.clone(), self.root.join(&ex.solution_path)];
            for dir in written.iter().filter_map(|f| f.parent()) {
                if !dirs.iter().any(|d| d == dir) {
                    dirs.push(dir.to_path_buf());
                }
            }
        }
        for dir in &dirs {
            crate::files::remove_stale_temp_files(dir, crate::files::STALE_TEMP_AGE);
        }
    }

    /// The exercises of one chapter, in order.
    pub fn chapter(&self, dir: &str) -> Vec<&Exercise> {
        self.exercises
            .iter()
            .filter(|e| e.chapter.as_deref() == Some(dir))
            .collect()
    }
}

/// How a target's source file is told apart: its folder canonical, its
/// own name as it is. Cargo builds the path its manifest names, whether
/// that is a regular file or a symlink (to anywhere), so the file itself is
/// not resolved; folders are, as the course root may be reached through a
/// symlinked folder (`/tmp` on macOS) and cargo reports another spelling.
pub fn source_key(path: &Path) -> PathBuf {
    match (
        path.parent().and_then(|p| p.canonicalize().ok()),
        path.file_name(),
    ) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// The course builds in a target directory of its own. Cargo decides what
/// is fresh by file times and by paths relative to the workspace, so two
/// copies of one course sharing a target directory (a global
/// `CARGO_TARGET_DIR`, say) could run one copy's binary for the other's
/// unchanged file: a false verdict. A target directory inside the course
/// (the default, or one the course configures) is kept.
fn own_target_dir(root: &Path, cargo_dir: &Path, from_cargo: &Path) -> PathBuf {
    if from_cargo.starts_with(root) {
        from_cargo.to_path_buf()
    } else {
        cargo_dir.join("target")
    }
}

fn missing_target_message(ex: &ExerciseInfo, layout: &Layout) -> String {
    // Suggest the entry for the manifest cargo reads in this layout.
    let (manifest, path) = match (layout, &ex.dir) {
        (Layout::Workspace, Some(dir)) => (
            format!("exercises/{dir}/Cargo.toml"),
            format!("{}.rs", ex.name),
        ),
        (Layout::Workspace, None) => (
            "a package of exercises/Cargo.toml".to_owned(),
            format!("{}.rs", ex.name),
        ),
        (Layout::Rustlings, _) => (
            "Cargo.toml".to_owned(),
            ex.relative_path().display().to_string(),
        ),
    };
    format!(
        "{INFO_FILE}:{}: exercise `{}`: no cargo bin target builds {}.\n  \
         Add to {manifest}:\n    [[bin]]\n    name = \"{}\"\n    path = \"{path}\"",
        ex.line,
        ex.name,
        ex.relative_path().display(),
        ex.name,
    )
}
/// Is a course with this info.toml the one embedded in the binary, whole or
/// with some of its tracks (as `init --track` writes it)? Then `reset` and
/// `solution` can take its files from the binary.
/// `info` is `info_toml` parsed (by the caller, who needed it anyway).
pub fn is_embedded_info(info_toml: &str, info: &Info) -> bool {
    let Some(embedded) = crate::embedded::file(Path::new(INFO_FILE)) else {
        return false;
    };
    embedded == info_toml.as_bytes()
        || std::str::from_utf8(embedded)
            .is_ok_and(|embedded| filter::is_filtered_from(embedded, info_toml, info))
}

/// A track just finished (`Course::track_done`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackDone {
    pub track: String,
    /// Included tracks with exercises not done yet.
    pub unfinished: Vec<String>,
    /// Tracks of the course this folder does not include yet.
    pub not_added: Vec<String>,
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    #[test]
    fn a_bin_of_the_exercise_s_name_building_another_file_is_not_told_to_add_a_bin() {
        let text = "format_version = 1\n[[exercises]]\nname = \"a1\"\ndir = \"ch\"\nhint = \"h\"\n";
        let info = info::parse(Path::new(INFO_FILE), text, false).unwrap();
        let root = PathBuf::from("/no-such-course");
        let bin = BinTarget {
            package: "ch".to_owned(),
            name: "a1".to_owned(),
            manifest: root.join("exercises/ch/Cargo.toml"),
        };
        let targets = Targets {
            bins: HashMap::from([(root.join("exercises/ch/other.rs"), bin)]),
            other_sources: HashSet::new(),
            target_dir: root.join("exercises/target"),
        };
        let workspace = Workspace {
            root: root.clone(),
            layout: Layout::Workspace,
            cargo_dir: root.join("exercises"),
        };
        let err = Course::assemble(workspace, &info, &targets, false)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "the bin target `a1` of package `ch` builds exercises/ch/other.rs, \
                 not exercises/ch/a1.rs"
            ),
            "{err}"
        );
        assert!(!err.contains("[[bin]]"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_keeps_its_own_name_as_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("elsewhere.rs");
        fs::write(&real, "fn main() {}\n").unwrap();
        let link = dir.path().join("ex.rs");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let folder = dir.path().canonicalize().unwrap();
        assert_eq!(source_key(&link), folder.join("ex.rs"));
        assert_eq!(source_key(&real), folder.join("elsewhere.rs"));
        assert_eq!(
            source_key(&dir.path().join("gone.rs")),
            folder.join("gone.rs")
        );
    }
}
