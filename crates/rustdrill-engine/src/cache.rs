//! Cached verdicts: an exercise whose inputs are byte for byte what they
//! were at its last recorded verdict need not be rebuilt. The key is a
//! BLAKE3 hash (stable across Rust releases, unlike std's `DefaultHasher`)
//! of everything that can change the verdict: every file the exercise's
//! last build read — as cargo's and rustc's dep-info list them (its own
//! file, its modules, the chapter's support library, files read with
//! `include_str!`, a migration; see `freshness`) — and the environment
//! variables it read, the cargo manifests and lock file that build it,
//! cargo configuration, the toolchain's version, `RUSTFLAGS`, and the
//! exercise's flags in info.toml. An exercise whose inputs were never
//! recorded in the course's target directory has no key: it is checked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::Result;

use crate::course::{Course, Exercise};
use crate::freshness::{self, Record, Tracker};
use crate::toolchain;

/// Bump when the key's recipe changes, so old keys never match.
/// v2: the files of the exercise's dep-info and the variables it read.
const KEY_VERSION: &str = "rustdrill-verdict-cache-v2";

/// Computes cache keys for the exercises of one course, reading each shared
/// file (lock file, manifests) once.
#[derive(Debug, Clone)]
pub struct CacheKeys {
    root: PathBuf,
    cargo_dir: PathBuf,
    target_dir: PathBuf,
    toolchain: String,
    files: HashMap<PathBuf, blake3::Hash>,
    /// What the last builds read (`None`: nothing recorded). Shared: keys
    /// are cloned for each check of watch mode.
    record: Option<Arc<Record>>,
    /// When these keys were made: a check that follows them started later.
    made: SystemTime,
}

impl CacheKeys {
    pub fn new(course: &Course) -> Result<CacheKeys> {
        let made = SystemTime::now();
        Ok(CacheKeys {
            root: course.root.clone(),
            cargo_dir: course.cargo_dir.clone(),
            target_dir: course.target_dir.clone(),
            toolchain: toolchain::rustc_version(&course.cargo_dir)?,
            files: HashMap::new(),
            record: load_record(&course.root, &course.cargo_dir, &course.target_dir),
            made,
        })
    }

    /// The same toolchain, every file read anew: for keys computed after a
    /// check (the build may have written `Cargo.lock`, and recorded what it
    /// read).
    pub fn reread(&self) -> CacheKeys {
        CacheKeys {
            root: self.root.clone(),
            cargo_dir: self.cargo_dir.clone(),
            target_dir: self.target_dir.clone(),
            toolchain: self.toolchain.clone(),
            files: HashMap::new(),
            record: load_record(&self.root, &self.cargo_dir, &self.target_dir),
            made: SystemTime::now(),
        }
    }

    /// The key of each exercise as its files are after a check, given
    /// whether its verdict may be cached (`check::Checked::cacheable`).
    /// None for a verdict that may not be, and for one whose inputs changed
    /// while it was checked (a save during the check makes it stale): an
    /// input these keys read that now reads otherwise, an input written
    /// since these keys were made, or one the build saw change.
    pub fn after_check(&self, judged: &[(&Exercise, bool)]) -> Vec<Option<String>> {
        let mut after = self.reread();
        judged
            .iter()
            .map(|&(ex, cacheable)| {
                if !cacheable {
                    return None;
                }
                let key = after.key(ex)?;
                let inputs = after.inputs(ex);
                // Cargo itself may write the lock file during the check: its
                // content after the check is in the key.
                let lock = self.cargo_dir.join("Cargo.lock");
                let steady = inputs.iter().filter(|p| **p != lock).all(|path| {
                    let same = match (self.files.get(path), after.files.get(path)) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    let unknown = after.record.as_ref().is_some_and(|r| r.unknown(path));
                    same && !unknown && !changed_since(path, self.made)
                });
                steady.then_some(key)
            })
            .collect()
    }

    /// `rustc --version` as run in the course (its rust-toolchain applies).
    pub fn toolchain(&self) -> &str {
        &self.toolchain
    }

    /// Every file the exercise's key covers: its own file, the manifests,
    /// cargo configs, and what its last build read.
    fn inputs(&self, ex: &Exercise) -> Vec<PathBuf> {
        let mut inputs = vec![
            ex.path.clone(),
            self.cargo_dir.join("Cargo.toml"),
            self.cargo_dir.join("Cargo.lock"),
        ];
        // The package manifest that owns the exercise, and every cargo
        // config between the exercise and the course root.
        let mut package_found = false;
        for dir in ex.path.ancestors().skip(1) {
            if !package_found && dir.join("Cargo.toml").is_file() {
                inputs.push(dir.join("Cargo.toml"));
                package_found = true;
            }
            inputs.push(dir.join(".cargo/config.toml"));
            inputs.push(dir.join(".cargo/config"));
            if dir == self.root {
                break;
            }
        }
        if let Some(built) = self.record.as_ref().and_then(|r| r.inputs(&ex.name)) {
            inputs.extend(built.files.iter().cloned());
        }
        inputs
    }

    /// The exercise's key: it changes whenever anything that could change
    /// its verdict changes. `None` when no build of it was recorded (what
    /// it reads is not known): it matches no cached verdict.
    pub fn key(&mut self, ex: &Exercise) -> Option<String> {
        let built = self
            .record
            .as_ref()
            .and_then(|r| r.inputs(&ex.name))
            .cloned();
        let inputs = self.inputs(ex);

        let mut hasher = blake3::Hasher::new();
        let mut field = |label: &str, bytes: &[u8]| {
            // Length-prefixed, so no two different inputs hash alike.
            hasher.update(&(label.len() as u64).to_le_bytes());
            hasher.update(label.as_bytes());
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        field("version", KEY_VERSION.as_bytes());
        field("toolchain", self.toolchain.as_bytes());
        field(
            "rustflags",
            std::env::var("RUSTFLAGS").unwrap_or_default().as_bytes(),
        );
        let flags = format!(
            "test={} strict_clippy={} timeout_ms={}",
            ex.test,
            ex.strict_clippy,
            ex.timeout.as_millis()
        );
        field("flags", flags.as_bytes());
        for var in built.iter().flat_map(|b| &b.env) {
            let value = std::env::var_os(var);
            let value = value.as_ref().map(|v| v.as_encoded_bytes());
            field(&format!("env:{var}"), value.unwrap_or(b"\0unset"));
        }
        // A folder a build script scans: which files it holds (a file
        // added to it changes the key; each file's content is an input).
        for dir in built.iter().flat_map(|b| &b.dirs) {
            let mut listing = blake3::Hasher::new();
            for file in freshness::files_under(dir, &self.target_dir) {
                let name = file.to_string_lossy();
                listing.update(&(name.len() as u64).to_le_bytes());
                listing.update(name.as_bytes());
            }
            field(
                &format!("dir:{}", dir.to_string_lossy()),
                listing.finalize().as_bytes(),
            );
        }
        for path in inputs {
            let hash = match self.files.get(&path) {
                Some(hash) => *hash,
                None => {
                    // The record's hash when the file's stat vouches for
                    // it: a key with nothing changed reads no file.
                    let hash = self
                        .record
                        .as_ref()
                        .and_then(|r| r.known_hash(&path))
                        .unwrap_or_else(|| freshness::content_hash(&path));
                    self.files.insert(path.clone(), hash);
                    hash
                }
            };
            field(&path.to_string_lossy(), hash.as_bytes());
        }
        let key = hasher.finalize().to_hex().to_string();
        built.is_some().then_some(key)
    }
}

fn load_record(root: &Path, cargo_dir: &Path, target_dir: &Path) -> Option<Arc<Record>> {
    Tracker::new(root, cargo_dir, target_dir)
        .load()
        .map(Arc::new)
}

/// Was `path` written (or replaced, or its time set) at or after `since`?
/// ctime cannot be set back, so this also catches a write that kept an
/// old mtime. (File-system clocks are coarse: a write in the first few
/// milliseconds after `since` may read as before it, but then cargo has
/// not started yet, so the check reads the new content anyway.)
fn changed_since(path: &Path, since: SystemTime) -> bool {
    ctime(path).is_some_and(|t| t >= since)
}

#[cfg(unix)]
fn ctime(path: &Path) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    let secs = u64::try_from(meta.ctime()).ok()?;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::new(secs, nanos))
}

#[cfg(not(unix))]
fn ctime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_hex() {
        // BLAKE3 is specified: this value never changes between releases.
        assert_eq!(
            blake3::hash(b"missing").to_hex().len(),
            64,
            "a 256-bit hex digest"
        );
        assert_ne!(freshness::content_hash(Path::new("/no/such/file")), {
            let dir = tempfile::tempdir().unwrap();
            let empty = dir.path().join("empty");
            std::fs::write(&empty, "").unwrap();
            freshness::content_hash(&empty)
        });
    }
}
