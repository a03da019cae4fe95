//! The sandbox `dev check` builds in: a temporary copy of the course where
//! exercises can be replaced by their solutions without touching the
//! author's files. It shares the course's target directory, so
//! dependencies build once, and is removed when dropped.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use tempfile::TempDir;

use crate::course::{Course, Exercise, Layout};

pub struct Sandbox {
    /// The copy, as the course it is.
    course: Course,
    /// Removed with the sandbox.
    _dir: TempDir,
}

impl Sandbox {
    /// Copies `course` (without build output) into a new temporary folder.
    pub fn new(course: &Course) -> Result<Sandbox> {
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
        Ok(Sandbox {
            course: rebased(course, &root),
            _dir: dir,
        })
    }

    pub fn course(&self) -> &Course {
        &self.course
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
        let course = crate::ui::tests::course();
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
