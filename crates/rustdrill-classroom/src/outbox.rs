//! The learner's outbox: events waiting for the server, one file each in
//! `.rustdrill/outbox/`, named by their seq so a listing is their order.
//!
//! Several rustdrill processes share `.rustdrill/` (watch, and `run` in
//! another terminal), so a seq is taken and its file written under an
//! exclusive lock on `outbox/lock`: a file is visible only after every file
//! before it. Sending takes a second lock, `outbox/send.lock`, so one
//! process at a time sends, in order. Files are written atomically and
//! removed only once the server holds them; a repeat (a process killed
//! between the server's answer and the removal) is ignored by the server.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::{Event, EventKind};
use rustdrill_engine::files;

const LOCK: &str = "lock";
const SEND_LOCK: &str = "send.lock";
const NEXT: &str = "next";
const SUFFIX: &str = ".json";
const REFUSED: &str = "refused.jsonl";
/// The latest check and hint count of each exercise, and where the learner
/// is: what the server is sent again when it lost events (see `summary`).
// Not `.json`: only events are named so.
const LATEST: &str = "latest.summary";

#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    pub fn new(state_dir: &Path) -> Outbox {
        Outbox {
            dir: state_dir.join("outbox"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends `events`, in order, each given the next seq; returns the
    /// last seq given.
    pub fn push(&self, events: Vec<Event>) -> io::Result<u64> {
        fs::create_dir_all(&self.dir)?;
        let _lock = lock(&self.dir.join(LOCK))?;
        // What a process killed in the middle of a write left behind.
        files::remove_stale_temp_files(&self.dir, files::STALE_TEMP_AGE);
        let next_path = self.dir.join(NEXT);
        let first = match fs::read_to_string(&next_path) {
            Ok(text) => text.trim().parse::<u64>().unwrap_or(1),
            Err(e) if e.kind() == io::ErrorKind::NotFound => 1,
            Err(e) => return Err(e),
        };
        let end = first + events.len() as u64;
        // The seqs are reserved first: a crash in between leaves a gap,
        // never one seq on two events (a sender may already have sent it).
        files::write_atomic(&next_path, end.to_string().as_bytes())?;
        let mut latest = self.latest();
        for (seq, mut event) in (first..).zip(events) {
            event.seq = seq;
            let json = serde_json::to_vec(&event).map_err(io::Error::other)?;
            files::write_atomic(&self.dir.join(file_name(seq)), &json)?;
            remember(&mut latest, event);
        }
        let json = serde_json::to_vec(&latest).map_err(io::Error::other)?;
        files::write_atomic(&self.dir.join(LATEST), &json)?;
        let seq = end;
        Ok(seq - 1)
    }

    fn latest(&self) -> BTreeMap<String, Event> {
        fs::read(self.dir.join(LATEST))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// The learner's state as events, for a server that lost some (a
    /// database restored from a copy): the latest check and hints of each
    /// exercise, in the order they happened, then where the learner is.
    /// Their seqs are given by `push`.
    pub fn summary(&self) -> Vec<Event> {
        let latest = self.latest();
        let mut events: Vec<Event> = latest
            .iter()
            .filter(|(k, _)| k.as_str() != CURRENT)
            .map(|(_, e)| e.clone())
            .collect();
        events.sort_by_key(|e| e.seq);
        events.extend(latest.get(CURRENT).cloned());
        events
    }

    /// The events waiting, oldest first. A file that cannot be parsed
    /// (a disk that lied) is kept aside under another name.
    pub fn pending(&self) -> io::Result<Vec<Event>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut seqs: Vec<u64> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                name.strip_suffix(SUFFIX)?.parse().ok()
            })
            .collect();
        seqs.sort_unstable();
        let mut events = Vec::with_capacity(seqs.len());
        for seq in seqs {
            let path = self.dir.join(file_name(seq));
            let Ok(bytes) = fs::read(&path) else { continue };
            match serde_json::from_slice::<Event>(&bytes) {
                Ok(event) => events.push(event),
                Err(_) => {
                    let _ = fs::rename(&path, path.with_extension("damaged"));
                }
            }
        }
        Ok(events)
    }

    /// Whether any event waits (one directory listing, nothing parsed).
    pub fn has_events(&self) -> bool {
        fs::read_dir(&self.dir).is_ok_and(|mut entries| {
            entries.any(|e| {
                e.is_ok_and(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(SUFFIX))
                        .is_some_and(|n| n.parse::<u64>().is_ok())
                })
            })
        })
    }

    /// Removes every event up to `seq`: the server holds them.
    pub fn ack(&self, seq: u64) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(s) = name
                .to_str()
                .and_then(|n| n.strip_suffix(SUFFIX))
                .and_then(|n| n.parse::<u64>().ok())
            else {
                continue;
            };
            if s <= seq {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Takes the events `seqs` out (the server refused them for good) and
    /// keeps a copy of each in `refused.jsonl`: the learner's record, not
    /// sent again. Returns how many were taken.
    pub fn refuse(&self, seqs: &[u64]) -> io::Result<usize> {
        use std::io::Write;
        let mut kept = File::options()
            .create(true)
            .append(true)
            .open(self.dir.join(REFUSED))?;
        let mut taken = 0;
        for &seq in seqs {
            let path = self.dir.join(file_name(seq));
            let Ok(bytes) = fs::read(&path) else { continue };
            kept.write_all(&bytes)?;
            kept.write_all(b"\n")?;
            fs::remove_file(&path)?;
            taken += 1;
        }
        Ok(taken)
    }

    /// Where refused events are kept.
    pub fn refused_path(&self) -> PathBuf {
        self.dir.join(REFUSED)
    }

    /// The right to send, if no other process (or thread) holds it now.
    pub fn try_send_lock(&self) -> io::Result<Option<File>> {
        fs::create_dir_all(&self.dir)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(SEND_LOCK))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Forgets every event (on `leave` or a new `join`); the seq goes on.
    pub fn clear(&self) {
        if let Ok(events) = self.pending()
            && let Some(last) = events.last()
        {
            self.ack(last.seq);
        }
    }
}

const CURRENT: &str = "current";

/// Keeps what a summary needs of `event` (never a hand: its code is the
/// learner's, sent once, on purpose).
fn remember(latest: &mut BTreeMap<String, Event>, event: Event) {
    let key = match event.kind {
        EventKind::Check => format!("check {}", event.exercise),
        EventKind::Hint => format!("hint {}", event.exercise),
        EventKind::Current | EventKind::Help => String::new(),
    };
    let current = Event {
        kind: EventKind::Current,
        exercise: event
            .current
            .clone()
            .unwrap_or_else(|| event.exercise.clone()),
        verdict: None,
        message: None,
        code: None,
        note: None,
        error_line: None,
        ..event.clone()
    };
    latest.insert(CURRENT.to_owned(), current);
    if !key.is_empty() {
        latest.insert(key, event);
    }
}

fn file_name(seq: u64) -> String {
    format!("{seq:020}{SUFFIX}")
}

fn lock(path: &Path) -> io::Result<File> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    file.lock()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EventKind;

    fn event(seq: u64) -> Event {
        Event {
            seq,
            kind: EventKind::Check,
            exercise: "intro1".into(),
            verdict: Some("pass".into()),
            message: None,
            checks: 1,
            hints: 0,
            current: None,
            at: 0,
            code: None,
            note: None,
            error_line: None,
        }
    }

    #[test]
    fn events_come_out_in_order_and_ack_removes_them() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(dir.path());
        for _ in 0..4 {
            outbox.push(vec![event(0)]).unwrap();
        }
        outbox.push((0..8).map(event).collect()).unwrap();
        let seqs: Vec<u64> = outbox.pending().unwrap().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=12).collect::<Vec<_>>());
        assert!(outbox.has_events());
        outbox.ack(10);
        let seqs: Vec<u64> = outbox.pending().unwrap().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [11, 12]);
        outbox.clear();
        assert!(outbox.pending().unwrap().is_empty());
        assert!(!outbox.has_events());
        assert_eq!(
            outbox.push(vec![event(0)]).unwrap(),
            13,
            "seqs are never reused"
        );
    }

    #[test]
    fn concurrent_writers_get_distinct_seqs() {
        let dir = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let outbox = Outbox::new(dir.path());
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        outbox.push(vec![event(0)]).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let seqs: Vec<u64> = Outbox::new(dir.path())
            .pending()
            .unwrap()
            .iter()
            .map(|e| e.seq)
            .collect();
        assert_eq!(seqs, (1..=120).collect::<Vec<_>>());
    }

    #[test]
    fn refused_events_leave_the_queue_and_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(dir.path());
        outbox.push((0..3).map(event).collect()).unwrap();
        assert_eq!(outbox.refuse(&[2, 9]).unwrap(), 1);
        let seqs: Vec<u64> = outbox.pending().unwrap().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [1, 3]);
        let kept = fs::read_to_string(outbox.refused_path()).unwrap();
        assert_eq!(kept.lines().count(), 1);
        assert!(kept.contains("\"seq\":2"), "{kept}");
    }

    #[test]
    fn the_summary_is_each_exercises_latest_check_and_where_the_learner_is() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(dir.path());
        let check = |exercise: &str, verdict: &str| Event {
            exercise: exercise.into(),
            verdict: Some(verdict.into()),
            current: Some("b".into()),
            ..event(0)
        };
        let help = Event {
            kind: EventKind::Help,
            code: Some("fn main() {}".into()),
            ..check("b", "compile_error")
        };
        outbox
            .push(vec![
                check("a", "compile_error"),
                check("a", "pass"),
                check("b", "compile_error"),
                help,
            ])
            .unwrap();
        outbox.ack(4);
        let summary = outbox.summary();
        let shown: Vec<(EventKind, &str, Option<&str>)> = summary
            .iter()
            .map(|e| (e.kind, e.exercise.as_str(), e.verdict.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                (EventKind::Check, "a", Some("pass")),
                (EventKind::Check, "b", Some("compile_error")),
                (EventKind::Current, "b", None),
            ]
        );
        assert!(summary.iter().all(|e| e.code.is_none()));
    }

    #[test]
    fn one_sender_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(dir.path());
        let held = outbox.try_send_lock().unwrap();
        assert!(held.is_some());
        assert!(outbox.try_send_lock().unwrap().is_none());
        drop(held);
        assert!(outbox.try_send_lock().unwrap().is_some());
    }
}
