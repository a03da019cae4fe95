//! Where the learner's progress is stored: `.rustdrill/state.toml` inside
//! the course, versioned, written atomically, and never silently thrown
//! away. What the fields *mean* and how they change is `progress`'s job;
//! this module reads and writes them.
//!
//! Several rustdrill processes may share one course (watch open, and
//! `rustdrill verify` or an instructor's `goto` in another terminal), so
//! every change is a read-modify-write under an exclusive lock on
//! `.rustdrill/lock` ([`Store::update`]): each process applies *its*
//! change to what is on disk now, instead of writing back a stale copy.
//! Readers need no lock: a rename replaces the file whole.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::files;
use crate::verdict::VerdictKind;

pub const STATE_VERSION: u32 = 1;
pub const STATE_FILE: &str = "state.toml";
const LOCK_FILE: &str = "lock";

/// Progress on one exercise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseState {
    /// It passed at its last check.
    #[serde(default)]
    pub done: bool,
    /// When the exercise was first made current.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "Timestamp::lenient"
    )]
    pub first_opened: Option<Timestamp>,
    /// When it first passed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "Timestamp::lenient"
    )]
    pub solved_at: Option<Timestamp>,
    /// How many times it was checked.
    #[serde(default)]
    pub checks: u32,
    /// How many hints were revealed.
    #[serde(default)]
    pub hints_shown: usize,
    /// The last verdict and what it was computed from, so an unchanged
    /// exercise need not be rebuilt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<CachedVerdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CachedVerdict {
    /// Hash of the exercise file, manifests, lock file and toolchain.
    pub key: String,
    pub kind: VerdictKind,
    pub first_message: String,
    /// The line of the first compile error in the exercise file, for a
    /// hand raised later from the command line (`help-me`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u32,
    /// The exercise the learner works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The welcome message was shown.
    #[serde(default)]
    pub welcomed: bool,
    /// Chapters whose README introduction watch mode has shown.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub chapters_introduced: BTreeSet<String>,
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseState>,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: STATE_VERSION,
            current: None,
            welcomed: false,
            chapters_introduced: BTreeSet::new(),
            exercises: BTreeMap::new(),
        }
    }
}

/// A moment progress records, to the second: written in the file as RFC 3339
/// in UTC (`2026-11-29T04:51:44Z`), which people and tools can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(SystemTime);

impl Timestamp {
    /// Now, cut to the whole second: what the file can hold, so the copy in
    /// memory equals the one read back (`Store::reload` compares them).
    pub fn now() -> Timestamp {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(UNIX_EPOCH + Duration::from_secs(since_epoch.as_secs()))
    }

    /// A time in the file that does not read as RFC 3339 (edited by hand)
    /// is dropped rather than costing the learner the whole file.
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        let text = String::deserialize(d)?;
        Ok(humantime::parse_rfc3339_weak(&text).ok().map(Timestamp))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        humantime::format_rfc3339_seconds(self.0).fmt(f)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl State {
    pub fn exercise(&mut self, name: &str) -> &mut ExerciseState {
        self.exercises.entry(name.to_owned()).or_default()
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.exercises.get(name).is_some_and(|e| e.done)
    }

    /// Makes `name` current, recording when it was first opened.
    pub fn set_current(&mut self, name: &str) {
        self.current = Some(name.to_owned());
        let entry = self.exercise(name);
        if entry.first_opened.is_none() {
            entry.first_opened = Some(Timestamp::now());
        }
    }
}

/// The state file of one course, and what it held when last read.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The state as last read or written by this process.
    pub state: State,
    /// No state file existed when it was last read: nothing was saved yet.
    pub fresh: bool,
    /// Problems met while reading (a damaged file moved aside).
    pub warnings: Vec<String>,
}

impl Store {
    pub fn open(dir: &Path) -> Result<Store> {
        let mut warnings = Vec::new();
        let (state, fresh) = read(dir, &mut warnings)?;
        Ok(Store {
            dir: dir.to_path_buf(),
            state,
            fresh,
            warnings,
        })
    }

    /// Reads the file again, for a process that stays open (watch) while
    /// others change it. True when what is on disk differs from the copy.
    pub fn reload(&mut self) -> Result<bool> {
        let (state, fresh) = read(&self.dir, &mut self.warnings)?;
        let changed = state != self.state;
        self.state = state;
        self.fresh = fresh;
        Ok(changed)
    }

    /// Applies `change` to the state on disk, under the lock, and saves it;
    /// the copy in memory becomes what was written. `change` may run twice:
    /// when saving fails it is applied to the copy in memory, so the
    /// process goes on with a consistent view, and the error is returned
    /// beside its value (the caller shows the result, then the warning).
    pub fn update<R>(&mut self, change: impl Fn(&mut State) -> R) -> (R, Result<()>) {
        match self.update_on_disk(&change) {
            Ok(value) => (value, Ok(())),
            Err(e) => (change(&mut self.state), Err(e)),
        }
    }

    fn update_on_disk<R>(&mut self, change: &impl Fn(&mut State) -> R) -> Result<R> {
        let unwritable = |e: io::Error| unwritable(&self.dir, &e);
        fs::create_dir_all(&self.dir).map_err(unwritable)?;
        ensure_gitignore(&self.dir);
        let _lock = Lock::acquire(&self.dir).map_err(unwritable)?;
        files::remove_stale_temp_files(&self.dir, files::STALE_TEMP_AGE);
        let (mut state, _) = read(&self.dir, &mut self.warnings)?;
        let value = change(&mut state);
        let text = toml::to_string_pretty(&state).context("cannot serialise progress")?;
        files::write_atomic(&self.dir.join(STATE_FILE), text.as_bytes()).map_err(unwritable)?;
        self.state = state;
        self.fresh = false;
        Ok(value)
    }

    /// Fails, as `update` would, when progress cannot be saved: `watch`
    /// calls it before its screen takes over.
    pub fn ensure_writable(&self) -> Result<()> {
        // Creating a file is the only sure test (ACLs, read-only mounts).
        // Not the folder itself: a command that fails later (a misspelt
        // exercise name) must leave no trace in the course.
        let probe = if self.dir.exists() {
            self.dir.as_path()
        } else {
            self.dir.parent().unwrap_or(&self.dir)
        };
        tempfile::NamedTempFile::new_in(probe).map_err(|e| unwritable(&self.dir, &e))?;
        Ok(())
    }
}

/// An exclusive lock on `.rustdrill/lock`, released when dropped (or when
/// the process dies: the OS releases it with the file descriptor).
struct Lock(#[expect(dead_code, reason = "held for its Drop")] File);

impl Lock {
    fn acquire(dir: &Path) -> io::Result<Lock> {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        file.lock()?;
        Ok(Lock(file))
    }
}

/// The state on disk: `(state, fresh)`. A file that cannot be used is
/// moved aside (a warning says where) and the state starts over.
fn read(dir: &Path, warnings: &mut Vec<String>) -> Result<(State, bool)> {
    let path = dir.join(STATE_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((State::default(), true)),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
        Err(e) => {
            return Err(e).with_context(|| {
                format!(
                    "cannot read progress from {}: check that {} is a folder you can read and write",
                    path.display(),
                    dir.display()
                )
            });
        }
    };
    let problem = match toml::from_str::<State>(&text) {
        Ok(state) if state.version == STATE_VERSION => return Ok((state, false)),
        Ok(state) => format!(
            "it has version {} and this rustdrill reads version {STATE_VERSION}",
            state.version
        ),
        Err(e) => format!("it is damaged ({})", e.message().trim()),
    };
    // Keep the learner's data for inspection; start over beside it.
    let aside = files::stamped_path(dir, &format!("{STATE_FILE}.corrupt-"), "");
    fs::rename(&path, &aside)
        .with_context(|| format!("cannot move the unreadable {} aside", path.display()))?;
    warnings.push(format!(
        "progress file {} could not be used: {problem}. It was kept as {} \
         and progress starts over (exercises you solved will be recognised \
         again when checked).",
        path.display(),
        aside.display()
    ));
    Ok((State::default(), false))
}

/// Why progress could not be saved, and what to do about it.
fn unwritable(dir: &Path, e: &io::Error) -> anyhow::Error {
    let advice = match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "The disk is full: make room, then check again."
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "The folder is read-only: make it writable, or copy the course somewhere writable."
        }
        _ => "Check that it is a folder you can write to (or copy the course somewhere writable).",
    };
    anyhow::anyhow!("cannot save progress in {} ({e}). {advice}", dir.display())
}

/// `.rustdrill/` holds one learner's progress: keep it out of git.
fn ensure_gitignore(dir: &Path) {
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = fs::write(ignore, "*\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn round_trips_and_is_atomic() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert!(store.fresh);
        let ((), saved) = store.update(|s| {
            s.set_current("intro1");
            s.exercise("intro1").checks = 3;
        });
        saved.unwrap();
        let again = Store::open(dir.path()).unwrap();
        assert_eq!(again.state, store.state);
        assert!(!again.fresh);
        // The state, the lock and the .gitignore: no temp files left over.
        assert_eq!(names(dir.path()), [".gitignore", "lock", "state.toml"]);
    }

    #[test]
    fn an_update_applies_to_what_is_on_disk_not_to_a_stale_copy() {
        let dir = tempfile::tempdir().unwrap();
        let mut watch = Store::open(dir.path()).unwrap();
        let mut verify = Store::open(dir.path()).unwrap();
        let _ = verify.update(|s| s.exercise("a").done = true);
        // `watch` has not seen that; its own change must not undo it.
        let _ = watch.update(|s| s.set_current("b"));
        let on_disk = Store::open(dir.path()).unwrap().state;
        assert!(on_disk.is_done("a"));
        assert_eq!(on_disk.current.as_deref(), Some("b"));
        assert_eq!(watch.state, on_disk, "the copy in memory caught up");
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let mut store = Store::open(&dir).unwrap();
                    for _ in 0..25 {
                        let (_, saved) = store.update(|s| {
                            let e = s.exercise("shared");
                            e.checks += 1;
                            s.exercise(&format!("ex{t}")).done = true;
                        });
                        saved.unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let state = Store::open(dir.path()).unwrap().state;
        assert_eq!(state.exercises["shared"].checks, 200);
        assert!((0..8).all(|t| state.is_done(&format!("ex{t}"))));
    }

    #[test]
    fn a_change_that_cannot_be_saved_still_applies_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let state_dir = dir.path().join(".rustdrill");
        let mut store = Store::open(&state_dir).unwrap();
        // A file where the folder should be: nothing can be written (a
        // read-only folder would not stop root, who runs CI).
        fs::write(&state_dir, "").unwrap();
        let (value, saved) = store.update(|s| {
            s.exercise("a").done = true;
            7
        });
        assert_eq!(value, 7);
        let message = format!("{:#}", saved.unwrap_err());
        assert!(message.contains("cannot save progress"), "{message}");
        assert!(store.state.is_done("a"));
    }

    #[test]
    fn damaged_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("state.toml"), "version = \"oops\n").unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.warnings.len(), 1);
        assert_eq!(store.state, State::default());
        let kept: Vec<_> = names(dir.path())
            .into_iter()
            .filter(|n| n.starts_with("state.toml.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1);
        let text = fs::read_to_string(dir.path().join(&kept[0])).unwrap();
        assert_eq!(text, "version = \"oops\n");
    }

    /// A file as every rustdrill so far has written it, times as text.
    const OLD_FORMAT: &str = r#"version = 1
current = "intro2"
welcomed = true
chapters_introduced = ["00_intro"]

[exercises.intro1]
done = true
first_opened = "2026-11-20T09:15:02Z"
solved_at = "2026-11-20T09:21:47Z"
checks = 3
hints_shown = 1

[exercises.intro1.cache]
key = "5f0c"
kind = "pass"
first_message = "done"

[exercises.intro2]
done = false
first_opened = "2026-11-20T09:21:47Z"
checks = 1
hints_shown = 0
"#;

    #[test]
    fn an_old_state_file_still_loads_and_keeps_its_times() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STATE_FILE), OLD_FORMAT).unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.warnings.is_empty(), "{:?}", store.warnings);
        let state = &store.state;
        assert_eq!(state.current.as_deref(), Some("intro2"));
        let intro1 = &state.exercises["intro1"];
        assert!(intro1.done);
        assert_eq!(intro1.checks, 3);
        assert_eq!(
            intro1.cache.as_ref().map(|c| c.kind),
            Some(VerdictKind::Pass)
        );
        let solved = intro1.solved_at.expect("solved_at read");
        assert!(intro1.first_opened.expect("first_opened read") < solved);
        assert_eq!(solved.to_string(), "2026-11-20T09:21:47Z");
        // Written back, the times read exactly as before.
        let text = toml::to_string_pretty(state).unwrap();
        assert!(
            text.contains(r#"first_opened = "2026-11-20T09:15:02Z""#),
            "{text}"
        );
        assert!(
            text.contains(r#"solved_at = "2026-11-20T09:21:47Z""#),
            "{text}"
        );
        assert_eq!(toml::from_str::<State>(&text).unwrap(), *state);
    }

    #[test]
    fn a_time_edited_into_nonsense_costs_only_that_time() {
        let text = OLD_FORMAT.replace("2026-11-20T09:15:02Z", "last tuesday");
        let state: State = toml::from_str(&text).unwrap();
        assert_eq!(state.exercises["intro1"].first_opened, None);
        assert!(state.exercises["intro1"].solved_at.is_some());
    }

    #[test]
    fn a_time_taken_now_reads_back_equal() {
        // Whole seconds, so `reload` sees no change where there was none.
        let mut state = State::default();
        state.set_current("a");
        let text = toml::to_string_pretty(&state).unwrap();
        assert_eq!(toml::from_str::<State>(&text).unwrap(), state);
    }

    #[test]
    fn unknown_version_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("state.toml"), "version = 99\n").unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.warnings[0].contains("version 99"));
    }
}
