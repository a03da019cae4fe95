//! Which cargo `bin` target builds which file, asked of `cargo metadata`.
//! The answer is cached in `.rustdrill/targets.json`, keyed by every file
//! that can change it (manifests, cargo config, `CARGO_TARGET_DIR`), because
//! `cargo metadata` costs as much as a tenth of a whole check. A cached
//! answer is only a first guess: `Course::load` asks cargo again
//! (`refresh`) when it does not cover every exercise's file.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::Result;
use cargo_metadata::{MetadataCommand, TargetKind};
use serde::{Deserialize, Serialize};

use crate::files;

const CACHE_FILE: &str = "targets.json";

#[derive(Serialize, Deserialize)]
struct Cached {
    key: String,
    targets: Targets,
}

/// The bin targets of the workspace in `cargo_dir` as cached in
/// `state_dir`, when nothing the key covers changed since.
pub fn cached(cargo_dir: &Path, state_dir: &Path) -> Option<Targets> {
    let text = fs::read_to_string(state_dir.join(CACHE_FILE)).ok()?;
    let cached = serde_json::from_str::<Cached>(&text).ok()?;
    (cached.key == fingerprint(cargo_dir)).then_some(cached.targets)
}

/// Asks cargo for the bin targets of the workspace in `cargo_dir` and
/// caches the answer in `state_dir`.
pub fn refresh(cargo_dir: &Path, state_dir: &Path) -> Result<Targets> {
    let key = fingerprint(cargo_dir);
    let targets = query(cargo_dir)?;
    // Only into an existing state folder: a course never run stays untouched.
    if state_dir.is_dir() {
        let cached = Cached { key, targets };
        let _ = files::write_atomic(&state_dir.join(CACHE_FILE), &serde_json::to_vec(&cached)?);
        return Ok(cached.targets);
    }
    Ok(targets)
}

/// Size and modification time of every manifest under `cargo_dir` (three
/// levels deep, `target/` skipped) and of every cargo config that applies.
fn fingerprint(cargo_dir: &Path) -> String {
    let mut files = Vec::new();
    collect_manifests(cargo_dir, 0, &mut files);
    for dir in cargo_dir.ancestors() {
        files.push(dir.join(".cargo/config.toml"));
        files.push(dir.join(".cargo/config"));
    }
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        files.push(PathBuf::from(home).join("config.toml"));
    }
    let mut key = format!(
        "v3 {} {:?}\n",
        cargo_dir.display(),
        std::env::var_os("CARGO_TARGET_DIR")
    );
    for file in files {
        if let Ok(meta) = fs::metadata(&file) {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            key.push_str(&format!("{} {} {mtime}\n", file.display(), meta.len()));
        }
    }
    key
}

fn collect_manifests(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let manifest = dir.join("Cargo.toml");
    if manifest.is_file() {
        out.push(manifest);
    }
    if depth >= 3 {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name();
            name != "target" && !name.to_string_lossy().starts_with('.')
        })
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs {
        collect_manifests(&d, depth + 1, out);
    }
}

/// A `bin` target of the course's workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BinTarget {
    pub package: String,
    pub name: String,
    /// The manifest that declares it.
    pub manifest: PathBuf,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Targets {
    /// Source path (as `super::source_key` spells it) -> the bin target
    /// building it.
    pub bins: HashMap<PathBuf, BinTarget>,
    /// Sources of the other targets (a shared `lib.rs`), spelt the same way.
    pub other_sources: HashSet<PathBuf>,
    pub target_dir: PathBuf,
}

/// `MetadataCommand::exec`, with cargo under a supervisor like every
/// process rustdrill starts.
fn metadata(cargo_dir: &Path) -> cargo_metadata::Result<cargo_metadata::Metadata> {
    let base = MetadataCommand::new()
        .current_dir(cargo_dir)
        .manifest_path(cargo_dir.join("Cargo.toml"))
        .no_deps()
        .cargo_command();
    let output = crate::supervisor::output(&mut crate::supervisor::wrap(&base))?;
    if !output.status.success() {
        return Err(cargo_metadata::Error::CargoMetadata {
            stderr: String::from_utf8(output.stderr)?,
        });
    }
    let stdout = std::str::from_utf8(&output.stdout)?
        .lines()
        .find(|line| line.starts_with('{'))
        .ok_or(cargo_metadata::Error::NoJson)?;
    MetadataCommand::parse(stdout)
}

/// Asks `cargo metadata` (no cache): every target of the workspace's packages.
pub fn query(cargo_dir: &Path) -> Result<Targets> {
    let metadata = metadata(cargo_dir).map_err(|e| match e {
        cargo_metadata::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            anyhow::anyhow!(crate::toolchain::CARGO_MISSING)
        }
        cargo_metadata::Error::CargoMetadata { stderr } => anyhow::anyhow!(
            "cargo cannot read the course's manifests in {}:\n{}",
            cargo_dir.display(),
            stderr.trim()
        ),
        other => anyhow::Error::new(other).context("`cargo metadata` failed"),
    })?;
    let mut bins = HashMap::new();
    let mut other_sources = HashSet::new();
    for package in &metadata.packages {
        for target in &package.targets {
            let src = target.src_path.clone().into_std_path_buf();
            let src = super::source_key(&src);
            if target.kind.contains(&TargetKind::Bin) {
                let bin = BinTarget {
                    package: package.name.to_string(),
                    name: target.name.clone(),
                    manifest: package.manifest_path.clone().into_std_path_buf(),
                };
                bins.insert(src, bin);
            } else {
                other_sources.insert(src);
            }
        }
    }
    Ok(Targets {
        bins,
        other_sources,
        target_dir: metadata.target_directory.into_std_path_buf(),
    })
}
