//! Cached verdicts: an exercise whose inputs are byte for byte what they
//! were at its last recorded verdict need not be rebuilt. The key is a
//! BLAKE3 hash (stable across Rust releases, unlike std's `DefaultHasher`)
//! of everything that can change the verdict: the exercise file, the cargo
//! manifests and lock file that build it, cargo configuration, the
//! toolchain's version, `RUSTFLAGS`, and the exercise's flags in info.toml.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::course::{Course, Exercise};
use crate::toolchain;

/// Bump when the key's recipe changes, so old keys never match.
const KEY_VERSION: &str = "rustdrill-verdict-cache-v1";

/// Computes cache keys for the exercises of one course, reading each shared
/// file (lock file, manifests) once.
#[derive(Debug, Clone)]
pub struct Keys {
    root: PathBuf,
    cargo_dir: PathBuf,
    toolchain: String,
    files: HashMap<PathBuf, blake3::Hash>,
}

impl Keys {
    pub fn new(course: &Course) -> Result<Keys> {
        Ok(Keys {
            root: course.root.clone(),
            cargo_dir: course.cargo_dir.clone(),
            toolchain: toolchain::rustc_version(&course.cargo_dir)?,
            files: HashMap::new(),
        })
    }

    /// The same toolchain, every file read anew: for keys computed after a
    /// check (the build may have written `Cargo.lock`).
    pub fn reread(&self) -> Keys {
        Keys {
            root: self.root.clone(),
            cargo_dir: self.cargo_dir.clone(),
            toolchain: self.toolchain.clone(),
            files: HashMap::new(),
        }
    }

    /// Did `path` read the same in both? (False if either did not read it.)
    pub fn same_file(&self, other: &Keys, path: &Path) -> bool {
        matches!((self.files.get(path), other.files.get(path)), (Some(a), Some(b)) if a == b)
    }

    /// The key of each of `exercises` as its files are after a check (the
    /// build may have written `Cargo.lock`), for those whose file still
    /// reads as it did before the check: a save during the check makes its
    /// verdict stale, so it gets no key.
    pub fn after_check(&self, exercises: &[&Exercise]) -> Vec<Option<String>> {
        let mut after = self.reread();
        exercises
            .iter()
            .map(|ex| {
                let key = after.key(ex);
                self.same_file(&after, &ex.path).then_some(key)
            })
            .collect()
    }

    /// `rustc --version` as run in the course (its rust-toolchain applies).
    pub fn toolchain(&self) -> &str {
        &self.toolchain
    }

    /// The exercise's key: it changes whenever anything that could change
    /// its verdict changes.
    pub fn key(&mut self, ex: &Exercise) -> String {
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
        for path in inputs {
            let hash = *self
                .files
                .entry(path.clone())
                .or_insert_with(|| file_hash(&path));
            field(&path.to_string_lossy(), hash.as_bytes());
        }
        hasher.finalize().to_hex().to_string()
    }
}

/// A missing file hashes differently from every existing one (an empty file
/// included), so creating a `.cargo/config.toml` changes the key.
fn file_hash(path: &Path) -> blake3::Hash {
    // Never read what is not a regular file: a FIFO would block.
    if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return blake3::hash(b"missing");
    }
    match fs::read(path) {
        Ok(bytes) => {
            let mut h = blake3::Hasher::new();
            h.update(b"file:");
            h.update(&bytes);
            h.finalize()
        }
        Err(_) => blake3::hash(b"missing"),
    }
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
        assert_ne!(file_hash(Path::new("/no/such/file")), {
            let dir = tempfile::tempdir().unwrap();
            let empty = dir.path().join("empty");
            fs::write(&empty, "").unwrap();
            file_hash(&empty)
        });
    }
}
