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
    let tmp = temp_file_with(dir, bytes)?;
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to a new file `path` (which must not exist) so that it
/// exists only whole: written to a temp file, checked, synced, renamed to
/// its name without replacing anything, and the folder synced. For copies
/// kept for the learner (backups): a failed write (a full disk) leaves no
/// file at all, never an empty or partial one, and never replaces a copy
/// already there.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let tmp = temp_file_with(dir, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    // The new name itself survives a power cut only once its folder is
    // synced; a failure here leaves the whole file in place.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A temp file of ours in `dir` holding all of `bytes`, synced. It is
/// locked while it lives, so [`remove_stale_temp_files`] in another
/// process can tell a write in progress from one a killed process left.
fn temp_file_with(dir: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    // Best effort: where locks are not supported, a cleaner cannot take
    // the lock either, and leaves the file alone.
    let _ = tmp.as_file().lock();
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    // What the file system holds now, not what was asked of it.
    let written = tmp.as_file().metadata()?.len();
    if written != bytes.len() as u64 {
        return Err(io::Error::other(format!(
            "{written} of {} bytes were written",
            bytes.len()
        )));
    }
    Ok(tmp)
}

/// How every temp file of `write_atomic` starts.
pub const TEMP_PREFIX: &str = ".rustdrill-tmp-";

/// A temp file of ours untouched for this long, and locked by no process,
/// was left by a killed one (a write takes milliseconds, and holds its lock
/// for as long as it runs).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Removes the temp files of ours in `dir` that no write will finish: older
/// than `age` and locked by no live process (see `temp_file_with`). What a
/// process killed in the middle of `write_atomic` or `write_new` left (a
/// whole or partial copy of the file it was writing). Best effort: a file
/// that cannot be removed stays.
pub fn remove_stale_temp_files(dir: &Path, age: Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed >= age);
        if !old {
            continue;
        }
        // Held while removing, so a writer cannot take it up meanwhile.
        let Ok(file) = fs::File::open(entry.path()) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the empty files in `dir` (not its folders) untouched for `age`:
/// backups an older rustdrill began on a full disk. A backup written now
/// appears only whole (`write_new`), and an empty exercise gets none.
pub fn remove_stale_empty_files(dir: &Path, age: Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed >= age);
        if meta.is_file() && meta.len() == 0 && old {
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
    fn a_temp_file_a_live_write_holds_stays_however_old() {
        let dir = tempfile::tempdir().unwrap();
        let held = dir.path().join(format!("{TEMP_PREFIX}live"));
        fs::write(&held, "being written").unwrap();
        let writer = fs::File::open(&held).unwrap();
        writer.lock().unwrap();
        remove_stale_temp_files(dir.path(), Duration::ZERO);
        assert!(held.exists());
        drop(writer);
        remove_stale_temp_files(dir.path(), Duration::ZERO);
        assert!(!held.exists());
    }

    #[test]
    fn a_new_file_is_whole_or_absent_and_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.rs");
        write_new(&path, b"first").unwrap();
        let again = write_new(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        // No temp file left by the refused one.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // A folder that cannot be written: no file at all.
        let missing = dir.path().join("no/such/folder/x.rs");
        assert!(write_new(&missing, b"x").is_err());
        assert!(!missing.exists());
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
