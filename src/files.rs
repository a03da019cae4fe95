//! Writing the learner's files safely: every replacement is atomic (a temp
//! file in the same folder, synced, then renamed over the old one, so a
//! crash or Ctrl-C leaves the old file or the new one, never half of each),
//! and a kept copy never overwrites an earlier one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Replaces `path` with `bytes` atomically. An existing file keeps its
/// permissions (the temp file would otherwise leave it private, 0600).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    // A recognisable name, so a temp file left by a killed process can be
    // told from the learner's files and cleaned up later.
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// How every temp file of `write_atomic` starts.
pub const TEMP_PREFIX: &str = ".rustdrill-tmp-";

/// Removes temp files of ours in `dir` older than `age`: what a process
/// killed in the middle of `write_atomic` left behind (a whole copy of the
/// file it was writing). Best effort: a file that cannot be removed stays.
pub fn remove_stale_temp_files(dir: &Path, age: Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let ours = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed >= age);
        if ours && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `dir/{prefix}{time}{suffix}`, with `-1`, `-2`… before the suffix when
/// that name is taken: the time has only seconds, and an earlier copy made
/// in the same second must survive.
pub fn stamped_path(dir: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let stamp = humantime::format_rfc3339_seconds(SystemTime::now())
        .to_string()
        .replace(':', "-");
    let mut path = dir.join(format!("{prefix}{stamp}{suffix}"));
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("{prefix}{stamp}-{n}{suffix}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_keeping_permissions_and_leaves_no_temp_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temp_files_of_ours_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join(format!("{TEMP_PREFIX}abc"));
        let learners = dir.path().join(".tmp-learner");
        fs::write(&ours, "leftover").unwrap();
        fs::write(&learners, "mine").unwrap();
        remove_stale_temp_files(dir.path(), Duration::from_secs(3600));
        assert!(
            ours.exists(),
            "a fresh temp file may belong to a live write"
        );
        remove_stale_temp_files(dir.path(), Duration::ZERO);
        assert!(!ours.exists());
        assert!(learners.exists());
    }

    #[test]
    fn stamped_paths_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let first = stamped_path(dir.path(), "x-", ".rs");
        fs::write(&first, "1").unwrap();
        let second = stamped_path(dir.path(), "x-", ".rs");
        assert_ne!(first, second);
        assert!(
            second.to_string_lossy().ends_with("-1.rs"),
            "{}",
            second.display()
        );
    }
}
