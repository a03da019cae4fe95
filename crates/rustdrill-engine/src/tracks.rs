//! Writing a course folder with only some of the course's tracks, for
//! `init --track` and `tracks add`: the chosen tracks' chapters, their
//! info.toml entries (the `[[tracks]]` table kept whole), the workspace
//! members, and a `Cargo.lock` cargo trims to exactly what that workspace
//! needs, so nothing of another track is fetched or built.
//!
//! The source is the course embedded in the binary, or a course folder
//! (`--from DIR`, for an instructor's own course and for the tests).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, Result, bail};
use toml_edit::DocumentMut;

use crate::course::filter::{filter_info, filter_members};
use crate::course::{self, INFO_FILE, Info, Layout, info};
use crate::embedded;
use crate::supervisor;

mod costs;
pub use costs::{COSTS_FILE, Calibration, Cost, Costs, Figure, Machine};
pub use costs::{readme_disagrees, rewrite_readme};

/// A whole course to take tracks from.
pub struct Source {
    /// Every file, relative to the course root with `/` separators.
    pub files: Vec<(String, Vec<u8>)>,
    pub info_text: String,
    pub info: Info,
    /// The course embedded in this binary (its solutions are revealed one
    /// by one; a folder's are copied with its exercises).
    pub embedded: bool,
}

impl Source {
    pub fn embedded() -> Result<Source> {
        let files = embedded::files()
            .iter()
            .map(|(p, b)| ((*p).to_owned(), b.to_vec()))
            .collect();
        Source::new(files, true, Path::new("the course inside rustdrill"))
    }

    /// A course folder: info.toml, exercises/ and solutions/ (build output
    /// and hidden folders but `.cargo` left out), and a root Cargo.toml.
    pub fn from_dir(dir: &Path) -> Result<Source> {
        if !dir.join(INFO_FILE).is_file() {
            bail!("no {INFO_FILE} in {}: not a course", dir.display());
        }
        let mut files = Vec::new();
        // A root Cargo.toml is the course's only in the rustlings layout
        // (in the workspace layout it may be a runner's, like rustdrill's).
        let rustlings = !dir.join("exercises/Cargo.toml").is_file();
        let tops: &[&str] = if rustlings {
            &[INFO_FILE, "Cargo.toml", "Cargo.lock"]
        } else {
            &[INFO_FILE]
        };
        for top in tops.iter().chain(&[COSTS_FILE]) {
            if let Ok(bytes) = fs::read(dir.join(top)) {
                files.push(((*top).to_owned(), bytes));
            }
        }
        for top in ["exercises", "solutions", rustdrill_i18n::DIR] {
            walk(dir, &dir.join(top), &mut files)?;
        }
        // The translations' templates are the author's, not a learner's.
        let templates = format!("{}/{}/", rustdrill_i18n::DIR, rustdrill_i18n::TEMPLATES);
        files.retain(|(rel, _)| !rel.starts_with(&templates));
        files.sort();
        Source::new(files, false, dir)
    }

    fn new(files: Vec<(String, Vec<u8>)>, embedded: bool, name: &Path) -> Result<Source> {
        let Some((_, bytes)) = files.iter().find(|(p, _)| p == INFO_FILE) else {
            bail!("{} has no {INFO_FILE}", name.display());
        };
        let info_text = String::from_utf8(bytes.clone())
            .with_context(|| format!("{INFO_FILE} of {} is not UTF-8", name.display()))?;
        let info = info::parse(Path::new(INFO_FILE), &info_text, false)
            .with_context(|| format!("the course in {} does not load", name.display()))?;
        Ok(Source {
            files,
            info_text,
            info,
            embedded,
        })
    }

    /// Each track's measured cost, when the course ships them (none
    /// without the file; an error naming the file when it does not read).
    pub fn costs(&self) -> Result<Costs> {
        let Some(bytes) = self.file(COSTS_FILE) else {
            return Ok(Costs::default());
        };
        Costs::parse(&String::from_utf8_lossy(bytes))
            .with_context(|| format!("{COSTS_FILE} of the course does not read"))
    }

    pub fn file(&self, rel: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(p, _)| p == rel)
            .map(|(_, b)| b.as_slice())
    }

    /// `names` checked against the course's tracks, with the base track
    /// (the first) added, in course order.
    pub fn selection(&self, names: &[String]) -> Result<Vec<String>> {
        for name in names {
            self.info.track(name).map_err(anyhow::Error::msg)?;
        }
        Ok(self
            .info
            .tracks
            .iter()
            .enumerate()
            .filter(|(i, t)| *i == 0 || names.contains(&t.name))
            .map(|(_, t)| t.name.clone())
            .collect())
    }

    /// Chapters of the tracks not selected.
    fn left_out(&self, selected: &[String]) -> HashSet<String> {
        self.info
            .tracks
            .iter()
            .filter(|t| !selected.contains(&t.name))
            .flat_map(|t| t.chapters.iter().cloned())
            .collect()
    }

    /// The files of a course folder holding the `selected` tracks: the
    /// chapters of the others left out, info.toml and the workspace
    /// manifest rewritten to match. Solutions only if `with_solutions`.
    pub fn course_files(
        &self,
        selected: &[String],
        with_solutions: bool,
    ) -> Result<Vec<(String, Vec<u8>)>> {
        let left_out = self.left_out(selected);
        if !left_out.is_empty() && self.file("exercises/Cargo.toml").is_none() {
            bail!(
                "this course has no exercises/Cargo.toml workspace: tracks can only be \
                 left out of a course with one package per chapter (see docs/course-format.md)"
            );
        }
        let mut out = Vec::new();
        for (rel, bytes) in &self.files {
            if rel.starts_with("solutions/") && !with_solutions {
                continue;
            }
            if chapter_of(rel).is_some_and(|c| left_out.contains(c)) {
                continue;
            }
            let bytes = if left_out.is_empty() {
                bytes.clone()
            } else if rel == INFO_FILE {
                filter_info(&self.info_text, &left_out)?.into_bytes()
            } else if rel == "exercises/Cargo.toml" {
                let text = String::from_utf8_lossy(bytes);
                filter_members(&text, &left_out)
                    .context("cannot read exercises/Cargo.toml of the course")?
                    .into_bytes()
            } else {
                bytes.clone()
            };
            out.push((rel.clone(), bytes));
        }
        Ok(out)
    }
}

/// The chapter a course file belongs to: `exercises/<chapter>/…` or
/// `solutions/<chapter>/…`.
pub fn chapter_of(rel: &str) -> Option<&str> {
    let mut parts = rel.split('/');
    let top = parts.next()?;
    let chapter = parts.next()?;
    parts.next()?;
    matches!(top, "exercises" | "solutions").then_some(chapter)
}

/// Writes `files` under `dir`, creating folders; `skip_existing` keeps a
/// file already there (a learner's work when a track is added).
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)], skip_existing: bool) -> Result<()> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if skip_existing && path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Lets cargo trim the course's full `Cargo.lock` to the workspace's
/// members, offline: every version kept stays as locked, packages only
/// other tracks need go. False when cargo could not (no registry index
/// cached yet): `cargo fetch` trims it then, online.
pub fn trim_lock(root: &Path) -> Result<bool> {
    let Some((Layout::Workspace, cargo_dir)) = course::cargo_workspace(root) else {
        return Ok(true);
    };
    let status = supervisor::status(
        supervisor::command("cargo")
            .args(["metadata", "--format-version", "1", "--offline"])
            .current_dir(&cargo_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
    .map_err(|e| crate::toolchain::cannot_start(e, "cargo metadata"))?;
    Ok(status.success())
}

/// Said before anything is built when a track's system libraries (its
/// `system_libraries`, asked of pkg-config) are missing: which, and the
/// track's `install` command. None when all are there.
pub fn missing_libraries(track: &crate::course::Track) -> Option<String> {
    if track.system_libraries.is_empty() {
        return None;
    }
    let mut missing = Vec::new();
    for lib in &track.system_libraries {
        match supervisor::status(
            supervisor::command("pkg-config")
                .args(["--exists", lib])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        ) {
            Ok(status) if status.success() => {}
            Ok(_) => missing.push(lib.as_str()),
            Err(_) => {
                missing = track.system_libraries.iter().map(String::as_str).collect();
                missing.push("pkg-config");
                break;
            }
        }
    }
    if missing.is_empty() {
        return None;
    }
    let install = track.install.as_deref().map_or_else(
        || "Install their development packages".to_owned(),
        |cmd| format!("Install them with: {cmd}"),
    );
    Some(format!(
        "track `{}` needs system libraries missing here: {}. {install} \
         (its chapters will not build until then).",
        track.name,
        missing.join(", ")
    ))
}

/// Where a vendored course keeps its dependencies' sources.
pub const VENDOR_DIR: &str = "vendor";
const VENDORED_SOURCE: &str = "vendored-sources";

/// Copies the sources of every dependency of the course's workspace into
/// `root/vendor/` (`cargo vendor`, which also trims `Cargo.lock`) and points
/// cargo at them in `exercises/.cargo/config.toml`, so the folder builds
/// with an empty cargo home and no network. The old `vendor/` is replaced
/// only once the new one is complete. Returns its size in bytes.
pub fn vendor(root: &Path) -> Result<u64> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open {}", root.display()))?;
    let cargo_dir = root.join("exercises");
    let staging = root.join(".vendor-new");
    let _ = fs::remove_dir_all(&staging);
    // `cargo vendor` ignores the [source] replacement already there, so it
    // takes crates from the registry (or cargo's cache), never from vendor/.
    let status = supervisor::status(
        supervisor::command("cargo")
            .args(["vendor", "--quiet"])
            .arg(&staging)
            .current_dir(&cargo_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
    )
    .map_err(|e| crate::toolchain::cannot_start(e, "cargo vendor"))?;
    if !status.success() {
        let _ = fs::remove_dir_all(&staging);
        bail!(
            "`cargo vendor` could not copy the dependencies (see above): it needs the \
             network, or every crate already in cargo's cache. Try again when online."
        );
    }
    let vendor = root.join(VENDOR_DIR);
    if vendor.exists() {
        fs::remove_dir_all(&vendor)
            .with_context(|| format!("cannot replace {}", vendor.display()))?;
    }
    if staging.exists() {
        fs::rename(&staging, &vendor)
            .with_context(|| format!("cannot write {}", vendor.display()))?;
    } else {
        // No dependency at all: cargo writes nothing.
        fs::create_dir_all(&vendor)
            .with_context(|| format!("cannot create {}", vendor.display()))?;
    }
    write_source_replacement(&cargo_dir)?;
    Ok(dir_size(&vendor))
}

/// Does the course build from `vendor/` (made by `init --vendor`)?
pub fn is_vendored(root: &Path) -> bool {
    root.join(VENDOR_DIR).is_dir()
        && fs::read_to_string(root.join("exercises/.cargo/config.toml"))
            .is_ok_and(|c| c.contains(VENDORED_SOURCE))
}

/// `[source]` replacement of crates.io by `../vendor`, merged into the
/// workspace's cargo config (which may scope `RUSTC_BOOTSTRAP` already).
fn write_source_replacement(cargo_dir: &Path) -> Result<()> {
    let path = cargo_dir.join(".cargo/config.toml");
    let text = fs::read_to_string(&path).unwrap_or_default();
    let mut doc: DocumentMut = text
        .parse()
        .with_context(|| format!("cannot read {}", path.display()))?;
    let source = doc
        .entry("source")
        .or_insert(toml_edit::table())
        .as_table_mut()
        .context("`source` in the cargo config is not a table")?;
    source.set_implicit(true);
    let mut crates_io = toml_edit::Table::new();
    crates_io["replace-with"] = toml_edit::value(VENDORED_SOURCE);
    source.insert("crates-io", toml_edit::Item::Table(crates_io));
    let mut vendored = toml_edit::Table::new();
    // Relative to the folder holding `.cargo/`: exercises/../vendor.
    vendored["directory"] = toml_edit::value(format!("../{VENDOR_DIR}"));
    source.insert(VENDORED_SOURCE, toml_edit::Item::Table(vendored));
    fs::create_dir_all(cargo_dir.join(".cargo"))
        .with_context(|| format!("cannot create {}", cargo_dir.join(".cargo").display()))?;
    fs::write(&path, doc.to_string()).with_context(|| format!("cannot write {}", path.display()))
}

/// Bytes of every file under `dir`, as `du -sb` counts them: a file with
/// several names counts once. Cargo hard-links each binary it builds
/// (`target/debug/NAME` and `target/debug/deps/NAME-HASH`): counted per name,
/// a course's `target/` looked 13 % bigger than the disk it takes.
pub fn dir_size(dir: &Path) -> u64 {
    let mut seen = std::collections::HashSet::new();
    size_under(dir, &mut seen)
}

fn size_under(dir: &Path, seen: &mut std::collections::HashSet<(u64, u64)>) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut total = 0;
    for e in entries.flatten() {
        match e.file_type() {
            Ok(t) if t.is_dir() => total += size_under(&e.path(), seen),
            _ => {
                let Ok(m) = e.metadata() else { continue };
                #[cfg(unix)]
                {
                    use std::os::unix::fs::MetadataExt;
                    if m.nlink() > 1 && !seen.insert((m.dev(), m.ino())) {
                        continue;
                    }
                }
                total += m.len();
            }
        }
    }
    total
}

/// Bytes for people: `1.2 MB`.
pub fn human_size(bytes: u64) -> String {
    let mb = bytes as f64 / 1_000_000.0;
    if mb >= 1000.0 {
        format!("{:.1} GB", mb / 1000.0)
    } else if mb >= 0.1 {
        format!("{mb:.1} MB")
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "target" || (name.starts_with('.') && name != ".cargo") {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, files)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes =
                fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            files.push((rel, bytes));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_of_files() {
        assert_eq!(chapter_of("exercises/02_web/web1.rs"), Some("02_web"));
        assert_eq!(chapter_of("solutions/02_web/web1.rs"), Some("02_web"));
        assert_eq!(chapter_of("exercises/Cargo.toml"), None);
        assert_eq!(chapter_of("info.toml"), None);
    }

    #[test]
    fn a_file_with_two_names_counts_once_like_du() {
        let dir = tempfile::tempdir().unwrap();
        let deps = dir.path().join("debug/deps");
        fs::create_dir_all(&deps).unwrap();
        fs::write(deps.join("intro1-0123abcd"), vec![0u8; 3000]).unwrap();
        fs::write(dir.path().join("debug/intro1.d"), vec![0u8; 200]).unwrap();
        // What cargo does with every binary it builds.
        fs::hard_link(
            deps.join("intro1-0123abcd"),
            dir.path().join("debug/intro1"),
        )
        .unwrap();
        assert_eq!(dir_size(dir.path()), 3200);
        assert_eq!(dir_size(&dir.path().join("missing")), 0);
    }
}
