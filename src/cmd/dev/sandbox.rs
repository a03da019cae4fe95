//! The sandbox `dev check` builds in: a temporary copy of the course where
//! exercises can be replaced by their solutions without touching the
//! author's files, and where each recorded wrong answer is a bin target of
//! its own. It shares the course's target directory, so dependencies build
//! once, and is removed when dropped.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::TempDir;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use super::wrong_answers::WrongAnswer;
use rustdrill_engine::course::{Course, Exercise, Layout};

pub struct Sandbox {
    /// The copy, as the course it is.
    course: Course,
    /// Each wrong answer placed, with the exercise it is built as.
    wrong: Vec<(WrongAnswer, Exercise)>,
    /// Removed with the sandbox.
    _dir: TempDir,
}

impl Sandbox {
    /// Copies `course` (without build output) into a new temporary folder,
    /// with `wrong` answers as bin targets of their own.
    pub fn new(course: &Course, wrong: &[WrongAnswer]) -> Result<Sandbox> {
        let dir = tempfile::Builder::new()
            .prefix("rustdrill-dev-check-")
            .tempdir()
            .context("cannot create a temporary folder for the course copy")?;
        let root = dir
            .path()
            .canonicalize()
            .context("cannot open the temporary folder for the course copy")?;
        copy_course(course, &root)?;
        isolate_units(course, &root)?;
        let copy = rebased(course, &root);
        let wrong = place_wrong_answers(course, &copy, wrong)?;
        Ok(Sandbox {
            course: copy,
            wrong,
            _dir: dir,
        })
    }

    pub fn course(&self) -> &Course {
        &self.course
    }

    /// The wrong answers, each with the exercise that builds it: the
    /// exercise's settings (tests, strictness, time limit, package) under
    /// its own bin name.
    pub fn wrong_answers(&self) -> &[(WrongAnswer, Exercise)] {
        &self.wrong
    }

    /// Puts the solution of every exercise `wanted` in place of its file,
    /// to be judged with strict clippy. Returns the names of those solved
    /// (an exercise without a solution is left as shipped).
    pub fn solve(&mut self, wanted: impl Fn(&Exercise) -> bool) -> Result<Vec<String>> {
        let mut solved = Vec::new();
        for ex in &mut self.course.exercises {
            let solution = self.course.root.join(&ex.solution_path);
            if solution.is_file() && wanted(ex) {
                fs::copy(&solution, &ex.path)
                    .with_context(|| format!("cannot copy {} into the copy", solution.display()))?;
                ex.strict_clippy = true;
                solved.push(ex.name.clone());
            }
        }
        Ok(solved)
    }
}

/// `course` as copied to `root`: the same exercises and bin targets (the
/// copy has the same manifests), no second `cargo metadata`. Builds and
/// clippy (whose folder derives from it) keep the original's target dir.
fn rebased(course: &Course, root: &Path) -> Course {
    let mut copy = course.clone();
    copy.root = root.to_path_buf();
    copy.cargo_dir = match course.layout {
        Layout::Workspace => root.join("exercises"),
        Layout::Rustlings => root.to_path_buf(),
    };
    for ex in &mut copy.exercises {
        ex.path = root.join(&ex.relative_path);
    }
    copy
}

/// Cargo hashes a workspace member by its path *relative to the workspace
/// root*, so the copy's exercises would share the original's fingerprints
/// in the shared target dir, and after the solved pass the original would
/// look fresh with the solutions' binaries in it. A per-package profile
/// setting that changes nothing (256 codegen units is the dev default) gives
/// the copy's exercise packages their own units; dependencies stay shared.
fn isolate_units(course: &Course, copy_root: &Path) -> Result<()> {
    let manifest = match course.layout {
        Layout::Workspace => copy_root.join("exercises/Cargo.toml"),
        Layout::Rustlings => copy_root.join("Cargo.toml"),
    };
    let text = fs::read_to_string(&manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let mut doc: toml::Table = text
        .parse()
        .with_context(|| format!("cannot parse {}", manifest.display()))?;
    let packages: BTreeSet<&str> = course
        .exercises
        .iter()
        .map(|e| e.package.as_str())
        .collect();
    for profile in ["dev", "test"] {
        let table = ["profile", profile, "package"]
            .iter()
            .try_fold(&mut doc, |t, key| {
                t.entry(*key)
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                    .as_table_mut()
            })
            .with_context(|| {
                format!("{}: `profile.{profile}` is not a table", manifest.display())
            })?;
        for package in &packages {
            if let Some(settings) = table
                .entry(*package)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                .as_table_mut()
            {
                settings
                    .entry("codegen-units")
                    .or_insert(toml::Value::Integer(256));
            }
        }
    }
    let text = toml::to_string(&doc).context("cannot write the copy's manifest")?;
    fs::write(&manifest, text).with_context(|| format!("cannot write {}", manifest.display()))
}

/// Writes each wrong answer into the copy where cargo builds it as a bin of
/// its exercise's package: `<exercise's folder>/.rustdrill-wrong/<n>/<exercise>.rs`.
/// The file keeps its exercise's name so that a test reading its own source
/// (`include_str!("gen4.rs")`) reads the wrong answer. One `[[bin]]` per
/// answer is added to the manifest nearest above the exercise's file.
fn place_wrong_answers(
    original: &Course,
    copy: &Course,
    wrong: &[WrongAnswer],
) -> Result<Vec<(WrongAnswer, Exercise)>> {
    let mut placed = Vec::new();
    let mut manifests: BTreeMap<PathBuf, DocumentMut> = BTreeMap::new();
    let mut index = copy.exercises.len();
    for answer in wrong {
        let Some(ex) = copy.exercises.iter().find(|e| e.name == answer.exercise) else {
            continue;
        };
        let folder = ex.path.parent().unwrap_or(&copy.root);
        let path = folder
            .join(WRONG_FOLDER)
            .join(answer.n.to_string())
            .join(format!("{}.rs", ex.name));
        let source = original.root.join(&answer.file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::copy(&source, &path)
            .with_context(|| format!("cannot copy {} into the copy", source.display()))?;
        link_siblings(folder, &path)?;

        let manifest = package_manifest(folder, &copy.root).with_context(|| {
            format!(
                "no Cargo.toml above {} in the copy",
                ex.relative_path.display()
            )
        })?;
        if !manifests.contains_key(&manifest) {
            let text = fs::read_to_string(&manifest)
                .with_context(|| format!("cannot read {}", manifest.display()))?;
            let doc: DocumentMut = text
                .parse()
                .with_context(|| format!("cannot parse {}", manifest.display()))?;
            manifests.insert(manifest.clone(), doc);
        }
        let manifest_dir = manifest.parent().unwrap_or(&copy.root);
        let bin_path = path.strip_prefix(manifest_dir).unwrap_or(&path);
        let name = answer.bin_name();
        if let Some(doc) = manifests.get_mut(&manifest) {
            add_bin(doc, &name, &bin_path.to_string_lossy())
                .with_context(|| format!("{}: `bin` is not a list", manifest.display()))?;
        }

        let mut built_as = ex.clone();
        built_as.index = index;
        index += 1;
        built_as.name = name;
        built_as.relative_path = path.strip_prefix(&copy.root).unwrap_or(&path).to_path_buf();
        built_as.path = path;
        placed.push((answer.clone(), built_as));
    }
    for (manifest, doc) in manifests {
        fs::write(&manifest, doc.to_string())
            .with_context(|| format!("cannot write {}", manifest.display()))?;
    }
    Ok(placed)
}

/// The folder of the copy that holds the wrong answers of one chapter.
const WRONG_FOLDER: &str = ".rustdrill-wrong";

/// Links every other entry of the exercise's folder beside the wrong answer
/// at `answer`, so that what the exercise reads relative to its own file
/// (`include_str!("migrations/0001.sql")`, a module file) the wrong answer
/// reads too. The answer itself is a copy, never a link.
fn link_siblings(folder: &Path, answer: &Path) -> Result<()> {
    let Some(beside) = answer.parent() else {
        return Ok(());
    };
    let entries =
        fs::read_dir(folder).with_context(|| format!("cannot list {}", folder.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let path = entry.path();
        // Not the package's manifest (a second package for cargo to find)
        // nor other Rust sources (other exercises: the answer is one file).
        let skipped = name == WRONG_FOLDER
            || name == "target"
            || name == "Cargo.toml"
            || path.extension().is_some_and(|e| e == "rs");
        if skipped || beside.join(&name).exists() {
            continue;
        }
        link(&path, &beside.join(&name))
            .with_context(|| format!("cannot link {} beside a wrong answer", path.display()))?;
    }
    Ok(())
}

#[cfg(unix)]
fn link(original: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(original, link)
}

#[cfg(not(unix))]
fn link(original: &Path, link: &Path) -> std::io::Result<()> {
    // No symlinks without privileges: files are copied, folders left out.
    if original.is_file() {
        fs::copy(original, link).map(drop)
    } else {
        Ok(())
    }
}

/// The nearest `Cargo.toml` at or above `folder`, inside `root`.
fn package_manifest(folder: &Path, root: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .take_while(|dir| dir.starts_with(root))
        .map(|dir| dir.join("Cargo.toml"))
        .find(|m| m.is_file())
}

/// Adds a bin target to a manifest, whichever way it lists its bins
/// (`[[bin]]` tables or rustlings' inline `bin = [{ … }]`).
fn add_bin(doc: &mut DocumentMut, name: &str, path: &str) -> Option<()> {
    let item = doc
        .entry("bin")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    if let Some(tables) = item.as_array_of_tables_mut() {
        let mut table = Table::new();
        table["name"] = value(name);
        table["path"] = value(path);
        tables.push(table);
        return Some(());
    }
    let list = item.as_array_mut()?;
    let mut inline = InlineTable::new();
    inline.insert("name", name.into());
    inline.insert("path", path.into());
    list.push(inline);
    Some(())
}

/// Copies what cargo needs to build the course, without build output.
fn copy_course(course: &Course, dest: &Path) -> Result<()> {
    let mut tops = vec!["info.toml", "exercises", "solutions"];
    if course.layout == Layout::Rustlings {
        tops.extend(["Cargo.toml", "Cargo.lock", ".cargo"]);
    }
    for top in tops {
        let src = course.root.join(top);
        if src.is_dir() {
            copy_dir(&src, &dest.join(top))?;
        } else if src.is_file() {
            fs::copy(&src, dest.join(top))
                .with_context(|| format!("cannot copy {}", src.display()))?;
        }
    }
    Ok(())
}

fn copy_dir(src: &Path, dest: &Path) -> Result<()> {
    fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    for entry in fs::read_dir(src).with_context(|| format!("cannot read {}", src.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", src.display()))?;
        let name = entry.file_name();
        if name == "target" || name == ".rustdrill" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &dest.join(&name))?;
        } else {
            fs::copy(&path, dest.join(&name))
                .with_context(|| format!("cannot copy {}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_builds_in_its_own_folder_into_the_original_target_dir() {
        let course = rustdrill_engine::testing::course();
        let copy = rebased(&course, Path::new("/tmp/copy"));
        assert_eq!(copy.root, Path::new("/tmp/copy"));
        assert_eq!(copy.cargo_dir, Path::new("/tmp/copy/exercises"));
        assert_eq!(copy.target_dir, course.target_dir);
        let ex = &copy.exercises[0];
        assert_eq!(ex.path, Path::new("/tmp/copy/exercises/00_intro/intro2.rs"));
        assert_eq!(ex.relative_path, course.exercises[0].relative_path);
        assert_eq!(ex.package, course.exercises[0].package);
    }
}
