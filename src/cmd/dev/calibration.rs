//! The machine's calibration figure for `rustdrill dev measure`: how long a
//! fixed build takes here, so figures measured on two machines can be
//! compared, or one scaled to the other.
//!
//! The build is a small cargo workspace rustdrill writes itself (four
//! independent library crates and a binary using them, derive-heavy and
//! generic code, debug profile as `verify` builds), not a crate of the
//! course's lock: it needs no network and no cargo cache, works for a course
//! with no dependencies at all, and stays the same build when the course's
//! lock changes — so two files' calibrations compare whenever their `id`s
//! match. Independent crates let cargo build in parallel, so the figure
//! reflects the number of cores as a course build does.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use rustdrill_engine::supervisor;

/// Items per library crate by default: 120 took 60 s of CPU per build on a
/// loaded 2-core machine, so 40 should take about 20 s of CPU, some 10 s on
/// an idle 2 cores: long enough to be steady, short next to a course.
pub const DEFAULT_SIZE: u32 = 40;
const CRATES: u32 = 4;
/// Bump when the generated code changes: older figures no longer compare.
const VERSION: u32 = 1;

/// What the figure is the time of; two figures compare only when equal.
pub fn id(size: u32) -> String {
    format!("rustdrill-calibration v{VERSION}, {CRATES} crates of {size} items, debug")
}

/// Seconds of one cold build of the calibration workspace, in a fresh
/// folder with its own target directory.
pub fn build_once(size: u32) -> Result<f64> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    write_workspace(dir.path(), size)?;
    let start = Instant::now();
    let out = supervisor::output(
        cold(&mut supervisor::command("cargo"))
            .args(["build", "--offline", "--quiet"])
            .current_dir(dir.path())
            .env("CARGO_TARGET_DIR", dir.path().join("target"))
            .stdin(Stdio::null()),
    )
    .map_err(|e| rustdrill_engine::toolchain::cannot_start(e, "cargo build"))?;
    let secs = start.elapsed().as_secs_f64();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        bail!(
            "the calibration build failed (a bug of rustdrill's, please report it); cargo's \
             last words:\n{}",
            lines[lines.len().saturating_sub(30)..].join("\n")
        );
    }
    Ok(secs)
}

/// A command that builds from cold: no compiler cache (sccache) or
/// incremental setting of the measurer's shell, which a learner's has not.
pub fn cold(cmd: &mut std::process::Command) -> &mut std::process::Command {
    cmd.env_remove("RUSTC_WRAPPER")
        .env_remove("CARGO_BUILD_RUSTC_WRAPPER")
        .env_remove("CARGO_INCREMENTAL")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTDRILL_COURSE")
}

fn write_workspace(dir: &Path, size: u32) -> Result<()> {
    let names: Vec<String> = (0..CRATES).map(|i| format!("calib{i}")).collect();
    let mut files = vec![
        (
            "Cargo.toml".to_owned(),
            format!(
                "[workspace]\nmembers = [\"app\", {}]\nresolver = \"3\"\n",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        (
            "app/Cargo.toml".to_owned(),
            format!(
                "{}[dependencies]\n{}",
                package("app"),
                names
                    .iter()
                    .map(|n| format!("{n} = {{ path = \"../{n}\" }}\n"))
                    .collect::<String>()
            ),
        ),
        (
            "app/src/main.rs".to_owned(),
            format!(
                "fn main() {{\n    println!(\"{{}}\", {});\n}}\n",
                names
                    .iter()
                    .map(|n| format!("{n}::all()"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
        ),
    ];
    for name in &names {
        files.push((format!("{name}/Cargo.toml"), package(name)));
        files.push((format!("{name}/src/lib.rs"), library(size)));
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn package(name: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n"
    )
}

/// `size` items of the code a course's dependencies are made of: derived
/// traits, generic functions instantiated per type, iterator chains,
/// formatting, a match over an enum.
fn library(size: u32) -> String {
    let mut out = String::from("use std::collections::BTreeMap;\nuse std::fmt::Debug;\n\n");
    for i in 0..size {
        // Self-referential, not a chain of the items before it: a chain
        // 64 deep overflows rustc's drop check.
        let inner = format!("Option<Box<Item{i}>>");
        let _ = write!(
            out,
            "#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]\n\
             pub struct Item{i} {{ pub id: u64, pub name: String, pub tags: Vec<u32>, pub inner: {inner} }}\n\n\
             #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n\
             pub enum Kind{i} {{ A, B(u8), C {{ x: i32, y: i32 }}, D(u64, u64) }}\n\n\
             pub fn describe{i}(kind: Kind{i}) -> String {{\n    match kind {{\n        \
             Kind{i}::A => \"a\".to_owned(),\n        Kind{i}::B(n) => format!(\"b{{n}}\"),\n        \
             Kind{i}::C {{ x, y }} => format!(\"c{{}}\", x * y + {i}),\n        \
             Kind{i}::D(a, b) => format!(\"d{{}}\", a.wrapping_add(b)),\n    }}\n}}\n\n\
             pub fn summary{i}<T: Debug + Clone + Ord>(items: &[T]) -> BTreeMap<String, usize> {{\n    \
             let mut sorted = items.to_vec();\n    sorted.sort();\n    \
             sorted.iter().map(|x| format!(\"{{x:?}}\")).filter(|s| s.len() > {m})\
             .fold(BTreeMap::new(), |mut map, s| {{ *map.entry(s).or_insert(0) += 1; map }})\n}}\n\n\
             pub fn run{i}() -> usize {{\n    \
             let items: Vec<Item{i}> = (0..{n}u64).map(|id| Item{i} {{ id, name: id.to_string(), ..Default::default() }}).collect();\n    \
             summary{i}(&items).len() + summary{i}(&[{i}u32, 1, 2]).len() + describe{i}(Kind{i}::C {{ x: 2, y: 3 }}).len()\n}}\n\n",
            m = i % 7,
            n = i % 5 + 1,
        );
    }
    out.push_str("pub fn all() -> usize {\n    0");
    for i in 0..size {
        let _ = write!(out, " + run{i}()");
    }
    out.push_str("\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calibration_workspace_is_the_same_build_every_time() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_workspace(a.path(), 3).unwrap();
        write_workspace(b.path(), 3).unwrap();
        for rel in ["Cargo.toml", "app/src/main.rs", "calib3/src/lib.rs"] {
            assert_eq!(
                fs::read(a.path().join(rel)).unwrap(),
                fs::read(b.path().join(rel)).unwrap()
            );
        }
        assert_ne!(id(3), id(DEFAULT_SIZE));
    }
}
