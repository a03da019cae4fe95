//! The producers of the watch loop: the file watcher (notify's debouncer),
//! the key reader (crossterm's events), the hangup watch and the signal
//! listener. Each runs on its own thread and only sends an `Event` down
//! the one channel the loop reads; none of them touches the state or the
//! screen.

use std::collections::{BTreeSet, HashMap};

use crate::ui::text::t;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use crossterm::event::Event as TermEvent;
use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache};

use super::check_worker::{CheckFailed, Judged};
use super::keys::Key;
use super::prebuild::PrebuildReport;
use rustdrill_engine::check::CheckEvent;

/// Everything the watch loop reacts to.
#[derive(Debug)]
pub enum Event {
    Key(Key),
    /// The key reader stopped (the terminal went away).
    KeysGone,
    /// One debounced batch of changed paths.
    Files(Vec<PathBuf>),
    /// The progress file changed: another rustdrill process (or this one)
    /// wrote it.
    StateChanged,
    /// The watcher reported an error after it started.
    WatchError(String),
    /// Progress of check `id`.
    CheckProgress {
        id: u64,
        progress: CheckEvent,
    },
    CheckFinished {
        id: u64,
        result: Result<Vec<Judged>, CheckFailed>,
    },
    Prebuild(PrebuildReport),
    /// The terminal changed size (crossterm reports it with the keys).
    Resized,
    /// What the classroom's server says (announcement, where the room
    /// goes, the raised hand), when it changed.
    Classroom(rustdrill_classroom::Status),
    /// The classroom's server refused this learner (it must join again).
    ClassroomRefused(String),
    /// SIGTERM, SIGHUP or SIGINT: restore the terminal and leave.
    Terminate,
}

/// How often watch sends what waits in the classroom outbox and asks the
/// server for news.
const CLASSROOM_POLL: Duration = Duration::from_secs(3);
/// How often once the server refused this learner (removed, or a new
/// database): its wrong token counts against this machine's address.
const CLASSROOM_POLL_REFUSED: Duration = Duration::from_secs(30);

/// Sends the outbox and polls the classroom's server, on a thread of its
/// own (blocking HTTP with short timeouts; nothing async). Reports a
/// status only when it changed. Idle while the course is in no classroom.
pub fn classroom(state_dir: PathBuf, tx: Sender<Event>) {
    let spawned = thread::Builder::new()
        .name("classroom-poll".into())
        .spawn(move || {
            let mut last = None;
            let mut refused = false;
            loop {
                let event = match rustdrill_classroom::client::flush(&state_dir) {
                    Ok(Some(status)) if last.as_ref() != Some(&status) || refused => {
                        refused = false;
                        last = Some(status.clone());
                        Some(Event::Classroom(status))
                    }
                    // Only a refusal is news: an absent server is normal
                    // (the outbox waits for it).
                    Err(e) if !refused && e.to_string().contains("join") => {
                        refused = true;
                        Some(Event::ClassroomRefused(format!("{e:#}")))
                    }
                    _ => None,
                };
                if let Some(event) = event
                    && tx.send(event).is_err()
                {
                    return;
                }
                thread::sleep(if refused {
                    CLASSROOM_POLL_REFUSED
                } else {
                    CLASSROOM_POLL
                });
            }
        });
    // Without it the classroom only hears from the next command.
    drop(spawned);
}

/// How long the file watcher waits for a burst of writes to settle. Editors
/// write a file in a few system calls (truncate + write, temp + rename) within
/// a millisecond or two; 25 ms folds those into one save and keeps the delay
/// invisible next to a compile.
const DEBOUNCE: Duration = Duration::from_millis(25);
/// How often the debouncer looks for settled events (latency ≤ DEBOUNCE + TICK).
const TICK: Duration = Duration::from_millis(10);
/// How often `--poll` scans the exercise folders.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// Maps changed paths to the exercises they are.
#[derive(Debug, Default)]
pub struct PathMap {
    by_path: HashMap<PathBuf, usize>,
}

impl PathMap {
    pub fn new<'a>(files: impl IntoIterator<Item = (usize, &'a Path)>) -> PathMap {
        PathMap {
            by_path: files
                .into_iter()
                .map(|(i, p)| (p.to_path_buf(), i))
                .collect(),
        }
    }

    /// The exercises among `paths`, each once, in course order. Build
    /// output and the runner's own files never count as a save.
    pub fn exercises<'a>(&self, paths: impl IntoIterator<Item = &'a PathBuf>) -> BTreeSet<usize> {
        paths
            .into_iter()
            .filter(|p| !is_ignored(p))
            .filter_map(|p| self.by_path.get(p.as_path()).copied())
            .collect()
    }

    /// The folders to watch: each exercise's own folder, not recursively, so
    /// `target/` (thousands of files churning during a build) is never
    /// watched. Folders, not files: a rename over the file replaces its
    /// inode, which a watch on the file itself would lose.
    pub fn folders(&self) -> BTreeSet<PathBuf> {
        self.by_path
            .keys()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect()
    }
}

/// Whether an event can change what a file holds. Opening and reading a
/// file (cargo and rustc read it on every check) is an `Access` event and
/// must not count as a save, or every check would start another.
fn changes_content(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    )
}

fn is_ignored(path: &Path) -> bool {
    path.components().any(|c| match c {
        Component::Normal(name) => name == "target" || name == ".rustdrill",
        _ => false,
    })
}

/// Keeps the watcher running; dropping it stops it.
pub enum Watcher {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// Starts watching `folders`, sending `Event::Files` batches to `tx`, and
/// `Event::StateChanged` when `state_file` (in one of them) changes.
pub fn watch(
    folders: &BTreeSet<PathBuf>,
    state_file: PathBuf,
    poll: bool,
    tx: Sender<Event>,
) -> notify::Result<Watcher> {
    let handler = move |result: DebounceEventResult| {
        let _ = match result {
            Ok(events) => {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| changes_content(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if paths.contains(&state_file) {
                    let _ = tx.send(Event::StateChanged);
                }
                if paths.is_empty() {
                    return;
                }
                tx.send(Event::Files(paths))
            }
            Err(errors) => tx.send(Event::WatchError(t!(
                "watch-watcher-failed",
                error = errors
                    .first()
                    .map_or_else(|| "unknown error".to_owned(), ToString::to_string),
                help = t!("watch-failed-help")
            ))),
        };
    };
    let mut watcher = if poll {
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            // Content, not just mtime: two saves within the filesystem's
            // timestamp granularity must both be seen.
            .with_compare_contents(true);
        Watcher::Poll(notify_debouncer_full::new_debouncer_opt(
            DEBOUNCE,
            Some(TICK),
            handler,
            NoCache,
            config,
        )?)
    } else {
        Watcher::Native(notify_debouncer_full::new_debouncer(
            DEBOUNCE,
            Some(TICK),
            handler,
        )?)
    };
    for folder in folders {
        match &mut watcher {
            Watcher::Native(d) => d.watch(folder, RecursiveMode::NonRecursive)?,
            Watcher::Poll(d) => d.watch(folder, RecursiveMode::NonRecursive)?,
        }
    }
    Ok(watcher)
}

/// Reads key presses and resizes (raw mode is already on) until the
/// terminal goes away. crossterm's reader retries a read a signal
/// interrupts, so no signal needs keeping away from this thread.
pub fn read_keys(tx: Sender<Event>) {
    let keys = tx.clone();
    thread::spawn(move || {
        loop {
            let event = match crossterm::event::read() {
                Ok(TermEvent::Key(key)) => match Key::from_event(&key) {
                    Some(key) => Event::Key(key),
                    None => continue,
                },
                Ok(TermEvent::Resize(..)) => Event::Resized,
                Ok(_) => continue,
                Err(_) => Event::KeysGone,
            };
            let gone = matches!(event, Event::KeysGone);
            if keys.send(event).is_err() || gone {
                return;
            }
        }
    });
    watch_hangup(tx);
}

/// Sends `KeysGone` when the terminal hangs up. crossterm's reader does
/// not report a terminal that went away (it retries the failing read;
/// crossterm issue 793), and a hangup that brings no SIGHUP (watch in a
/// session of its own, as under `setsid`) must still end watch. poll(2)
/// with no events asked waits for a hangup or an error only, so the
/// thread sleeps until then.
fn watch_hangup(tx: Sender<Event>) {
    use rustix::event::{PollFd, PollFlags, poll};
    thread::spawn(move || {
        let stdin = std::io::stdin();
        loop {
            let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
            match poll(&mut fds, None) {
                Err(rustix::io::Errno::INTR) => continue,
                Ok(_) if fds[0].revents().is_empty() => continue,
                _ => {
                    let _ = tx.send(Event::KeysGone);
                    return;
                }
            }
        }
    });
}

/// Turns SIGTERM/SIGHUP/SIGINT into `Terminate` (a resize comes with the
/// keys, from crossterm).
pub fn listen_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Event::Terminate).is_err() {
                return;
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> PathMap {
        PathMap::new([
            (0, Path::new("/c/exercises/00_intro/intro1.rs")),
            (1, Path::new("/c/exercises/00_intro/intro2.rs")),
            (2, Path::new("/c/exercises/01_vars/vars1.rs")),
        ])
    }

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn a_write_maps_to_its_exercise() {
        let got = map().exercises(&paths(&["/c/exercises/01_vars/vars1.rs"]));
        assert_eq!(got.into_iter().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_rename_over_counts_by_its_destination() {
        // vim, JetBrains and VS Code write a temp file and rename it over.
        let got = map().exercises(&paths(&[
            "/c/exercises/00_intro/.intro2.rs.swp",
            "/c/exercises/00_intro/intro2.rs",
        ]));
        assert_eq!(got.into_iter().collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn several_events_for_one_file_are_one_save() {
        let got = map().exercises(&paths(&[
            "/c/exercises/00_intro/intro1.rs",
            "/c/exercises/00_intro/intro1.rs~",
            "/c/exercises/00_intro/intro1.rs",
            "/c/exercises/01_vars/vars1.rs",
        ]));
        assert_eq!(got.into_iter().collect::<Vec<_>>(), [0, 2]);
    }

    #[test]
    fn other_files_and_build_output_are_ignored() {
        let got = map().exercises(&paths(&[
            "/c/exercises/00_intro/README.md",
            "/c/exercises/target/debug/intro1",
            "/c/.rustdrill/state.toml",
            "/c/exercises/00_intro/4913",
        ]));
        assert!(got.is_empty());
    }

    #[test]
    fn reading_a_file_is_not_a_save() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn watches_each_exercise_folder_once() {
        let folders: Vec<PathBuf> = map().folders().into_iter().collect();
        assert_eq!(
            folders,
            paths(&["/c/exercises/00_intro", "/c/exercises/01_vars"])
        );
    }
}
