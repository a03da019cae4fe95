//! The learner's side of a classroom: membership (`.rustdrill/classroom.json`),
//! joining and leaving, and the background sender. Blocking code only
//! (`ureq`), on threads of its own: a check appends to the outbox and
//! returns; sending happens beside it with short timeouts.
//!
//! Nothing about the classroom may slow a check. Watch sends at once, on a
//! thread, since it lives on. A one-shot command (`run`, `verify`, …) only
//! queues its events: they leave once its output is shown
//! ([`send_queued`]), the command waits a few milliseconds for them at
//! most, and a send still in flight then is handed to a detached rustdrill
//! process ([`run_if_handed_off`]) so the learner's shell gets its prompt
//! back at once. What is not sent stays in the outbox for the next time.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::outbox::Outbox;
use super::{CourseExercise, Event, EventsRequest, JoinRequest, JoinResponse, Refused, Status};
use rustdrill_engine::files;

const MEMBERSHIP: &str = "classroom.json";
/// Who this course folder is to a server, kept after `leave`: joining the
/// same server again presents its token and keeps the learner's row.
const IDENTITY: &str = "classroom-identity.json";
/// A note from a background send for the next command to show (events
/// the server refused).
const NOTE: &str = "classroom-note.txt";
/// The most events one request carries.
const BATCH: usize = 200;
/// How long one request may take before the sender gives up for now (a
/// workshop's server is on the local network: it answers in milliseconds
/// or not at all).
const TIMEOUT: Duration = Duration::from_secs(2);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Set in the environment of the detached process a command hands an
/// unfinished send to: the state folder whose outbox to send.
const HAND_OFF_ENV: &str = "RUSTDRILL_CLASSROOM_SEND";
/// How long a handed-off sender waits for the command that started it to
/// let go of the outbox's send lock (it exits within milliseconds).
const HAND_OFF_WAIT: Duration = Duration::from_secs(3);

/// This course's place in a classroom.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Membership {
    pub url: String,
    pub token: String,
    pub learner: i64,
    pub name: String,
}

/// The membership of the course whose state is in `state_dir`, if joined.
pub fn membership(state_dir: &Path) -> Option<Membership> {
    let text = fs::read(state_dir.join(MEMBERSHIP)).ok()?;
    serde_json::from_slice(&text).ok()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .http_status_as_error(false)
        .build()
        .into()
}

/// This course folder's identity at a server, kept across `leave`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Identity {
    url: String,
    learner: i64,
    token: String,
}

/// What the learner's course is, for the server to compare with the room's.
pub struct JoinCourse {
    pub exercises: Vec<CourseExercise>,
    pub tracks: Vec<String>,
    pub language: Option<String>,
}

/// A join as the server answered it.
pub struct Joined {
    pub membership: Membership,
    /// The server knew this course folder: the same row as before.
    pub again: bool,
    /// The room's course is not the learner's (the instructor sees this).
    pub course_note: Option<String>,
}

/// Joins the classroom at `url` with `code`; replaces any membership. A
/// course folder that joined this server before presents its token, so
/// the learner keeps their row (renamed if the name changed).
pub fn join(
    state_dir: &Path,
    url: &str,
    code: &str,
    name: &str,
    course: JoinCourse,
) -> Result<Joined> {
    let url = url.trim_end_matches('/').to_owned();
    if url.starts_with("https://") {
        bail!(
            "rustdrill talks to a classroom over plain http:// only (a workshop's own \
             network), so {url} cannot work: use the http:// address `classroom serve` prints"
        );
    }
    if !url.starts_with("http://") {
        bail!("the classroom's address starts with http:// (as `classroom serve` prints it)");
    }
    let identity: Option<Identity> = fs::read(state_dir.join(IDENTITY))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(|i: &Identity| i.url == url);
    let request = JoinRequest {
        code: code.to_owned(),
        name: name.to_owned(),
        course: course.exercises,
        token: identity.as_ref().map(|i| i.token.clone()),
        tracks: course.tracks,
        language: course.language,
    };
    let mut response = agent()
        .post(format!("{url}/api/join"))
        .send_json(&request)
        .with_context(|| format!("cannot reach the classroom at {url}"))?;
    match response.status().as_u16() {
        200 => {}
        403 => bail!(
            "the classroom refused the join code {code:?}: check it on the instructor's screen"
        ),
        429 => bail!(
            "the classroom asks to wait before joining again ({}): try again in {} s",
            response
                .body_mut()
                .read_to_string()
                .unwrap_or_default()
                .trim(),
            retry_after(&response)
        ),
        503 => bail!(
            "the classroom is full: {}",
            response
                .body_mut()
                .read_to_string()
                .unwrap_or_default()
                .trim()
        ),
        status => bail!("the classroom answered {status} to joining"),
    }
    let joined: JoinResponse = response
        .body_mut()
        .read_json()
        .context("the classroom's answer cannot be read")?;
    let membership = Membership {
        url: url.clone(),
        token: joined.token.clone(),
        learner: joined.learner,
        name: name.to_owned(),
    };
    fs::create_dir_all(state_dir)
        .with_context(|| format!("cannot create {}", state_dir.display()))?;
    let same_learner = identity.is_some_and(|i| i.learner == joined.learner) && joined.again;
    if !same_learner {
        // Events of an earlier membership belong to nobody now.
        Outbox::new(state_dir).clear();
    }
    files::write_atomic(
        &state_dir.join(MEMBERSHIP),
        &serde_json::to_vec_pretty(&membership)?,
    )
    .with_context(|| format!("cannot save the membership in {}", state_dir.display()))?;
    let identity = Identity {
        url,
        learner: joined.learner,
        token: joined.token,
    };
    files::write_atomic(
        &state_dir.join(IDENTITY),
        &serde_json::to_vec_pretty(&identity)?,
    )
    .with_context(|| format!("cannot save the membership in {}", state_dir.display()))?;
    Ok(Joined {
        membership,
        again: joined.again,
        course_note: joined.course_note,
    })
}

fn retry_after(response: &ureq::http::Response<ureq::Body>) -> u64 {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// How `leave` went.
pub struct Left {
    /// Events that could not be sent and were dropped.
    pub unsent: usize,
    /// The server heard of it (it marks the learner left).
    pub told: bool,
}

/// Leaves the classroom: sends what waits (for a few seconds at most),
/// tells the server (the row is marked left), then forgets the membership
/// (the identity stays, for joining again).
pub fn leave(state_dir: &Path) -> Result<Option<Left>> {
    let Some(member) = membership(state_dir) else {
        return Ok(None);
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match flush(state_dir) {
            Ok(Some(_)) => break,
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(_) => break,
        }
    }
    let outbox = Outbox::new(state_dir);
    let unsent = outbox.pending().map(|p| p.len()).unwrap_or(0);
    let told = agent()
        .post(format!("{}/api/leave", member.url))
        .header("Authorization", &format!("Bearer {}", member.token))
        .send_empty()
        .is_ok_and(|r| r.status().is_success());
    fs::remove_file(state_dir.join(MEMBERSHIP))
        .with_context(|| format!("cannot remove {}", state_dir.join(MEMBERSHIP).display()))?;
    outbox.clear();
    Ok(Some(Left { unsent, told }))
}

/// For a command that does not check anything (`list`, `tracks`, …) but
/// should bring the room up to date: what waits in the outbox leaves after
/// the command's output, like a check's events (see [`send_queued`]). Also
/// returns, once, what a background send could not tell anyone, for the
/// command to show as a warning.
pub fn resync(state_dir: &Path) -> Option<String> {
    // Not in a classroom: nothing to bring up to date.
    membership(state_dir)?;
    let note = state_dir.join(NOTE);
    let warning = fs::read_to_string(&note).ok().map(|text| {
        let _ = fs::remove_file(&note);
        text.trim().to_owned()
    });
    if Outbox::new(state_dir).has_events() {
        send_soon(state_dir);
    }
    warning
}

/// Appends `events` to the outbox when this course is in a classroom, and
/// starts sending them in the background, or, in a one-shot command
/// ([`queue_sends`]), queues the send for [`send_queued`]. Never fails the
/// caller: progress is the learner's, the classroom only watches.
pub fn report(state_dir: &Path, events: Vec<Event>) {
    if events.is_empty() || !state_dir.join(MEMBERSHIP).exists() {
        return;
    }
    if Outbox::new(state_dir).push(events).is_ok() {
        send_soon(state_dir);
    }
}

/// Sends the outbox of `state_dir` in the background now, or, in a
/// one-shot command ([`queue_sends`]), once its output is shown.
fn send_soon(state_dir: &Path) {
    let mut queued = QUEUED.lock().unwrap_or_else(PoisonError::into_inner);
    match queued.as_mut() {
        Some(dirs) => {
            if !dirs.iter().any(|d| d == state_dir) {
                dirs.push(state_dir.to_path_buf());
            }
        }
        None => {
            drop(queued);
            send_in_background(state_dir);
        }
    }
}

static SENDERS: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());
/// `Some` in a one-shot command: the state folders whose outbox got events,
/// sent by `send_queued` once the command's output is shown.
static QUEUED: Mutex<Option<Vec<PathBuf>>> = Mutex::new(None);

/// From now on `report` queues its sends instead of starting them: a
/// one-shot command's events leave after its output ([`send_queued`]).
pub fn queue_sends() {
    let mut queued = QUEUED.lock().unwrap_or_else(PoisonError::into_inner);
    queued.get_or_insert_with(Vec::new);
}

/// Sends what this command queued, waiting `max` at most (a few
/// milliseconds: enough for a server that answers, nothing a learner
/// notices). A send still in flight then goes on in a detached rustdrill
/// process; one that failed (no server) leaves its events in the outbox
/// for the next command.
pub fn send_queued(max: Duration) {
    let dirs = QUEUED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    // Sent already (`join`, `help-me` wait for theirs).
    let dirs: Vec<PathBuf> = dirs
        .into_iter()
        .filter(|d| Outbox::new(d).has_events())
        .collect();
    if dirs.is_empty() {
        return;
    }
    for dir in &dirs {
        send_in_background(dir);
    }
    if settle(max) {
        return;
    }
    for dir in &dirs {
        hand_off(dir);
    }
}

/// Starts `rustdrill` detached (its own process group, no terminal, no
/// pipes of ours) to send `state_dir`'s outbox, and does not wait for it.
fn hand_off(state_dir: &Path) {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut cmd = std::process::Command::new(exe);
    cmd.env(HAND_OFF_ENV, state_dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Out of the terminal's process group: Ctrl-C at the prompt that
        // comes back is not for it.
        cmd.process_group(0);
    }
    // Not waited for: it is re-parented when this process exits, and its
    // events stay in the outbox if it cannot start.
    drop(cmd.spawn());
}

/// When a command handed its unfinished send to this process (see
/// [`send_queued`]): sends that outbox and returns the exit code; `None`
/// for a normal rustdrill run. Never prints: nobody reads it.
pub fn run_if_handed_off() -> Option<std::process::ExitCode> {
    let dir = PathBuf::from(std::env::var_os(HAND_OFF_ENV)?);
    let deadline = Instant::now() + HAND_OFF_WAIT;
    // `Ok(None)` while the command that started it still holds the send
    // lock (or another process sends: then this one is not needed, but
    // waiting a moment costs nobody anything).
    while membership(&dir).is_some() {
        match flush(&dir) {
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(20)),
            _ => break,
        }
    }
    Some(std::process::ExitCode::SUCCESS)
}

/// Sends the outbox on a thread of its own.
pub fn send_in_background(state_dir: &Path) {
    let dir = state_dir.to_path_buf();
    let spawned = thread::Builder::new()
        .name("classroom-send".into())
        .spawn(move || {
            let _ = flush(&dir);
        });
    if let Ok(handle) = spawned {
        let mut senders = SENDERS.lock().unwrap_or_else(PoisonError::into_inner);
        senders.retain(|h| !h.is_finished());
        senders.push(handle);
    }
}

/// Gives background sends up to `max` to finish; true when none is still
/// running. What is not sent waits in the outbox for the next check.
pub fn settle(max: Duration) -> bool {
    let deadline = Instant::now() + max;
    loop {
        let busy = {
            let mut senders = SENDERS.lock().unwrap_or_else(PoisonError::into_inner);
            senders.retain(|h| !h.is_finished());
            !senders.is_empty()
        };
        if !busy {
            return true;
        }
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        thread::sleep((deadline - now).min(Duration::from_millis(2)));
    }
}

/// Sends every waiting event, oldest first, and returns the server's
/// status; `Ok(None)` when not joined or another sender is at work.
pub fn flush(state_dir: &Path) -> Result<Option<Status>> {
    let Some(member) = membership(state_dir) else {
        return Ok(None);
    };
    let outbox = Outbox::new(state_dir);
    let agent = agent();
    loop {
        let status = {
            let Some(_sending) = outbox.try_send_lock()? else {
                return Ok(None);
            };
            send_pending(&agent, &member, &outbox)?
        };
        // An event pushed while the lock was being released would wait
        // for the next send: look once more.
        if outbox.pending()?.is_empty() {
            return Ok(Some(status));
        }
    }
}

fn send_pending(agent: &ureq::Agent, member: &Membership, outbox: &Outbox) -> Result<Status> {
    // The summary goes once per send: its own seqs follow what was sent.
    let mut resent = false;
    loop {
        let pending = outbox.pending()?;
        if pending.is_empty() {
            let status = get_status(agent, member)?;
            // Asked again: the sender that saw the first request may have
            // ended (a command's process exits) before it sent the summary.
            if status.resync && !resent {
                resent = true;
                let summary = outbox.summary();
                if !summary.is_empty() {
                    outbox.push(summary)?;
                    continue;
                }
            }
            return Ok(status);
        }
        let batch: Vec<Event> = pending.into_iter().take(BATCH).collect();
        let last = batch.last().map_or(0, |e| e.seq);
        let mut response = agent
            .post(format!("{}/api/events", member.url))
            .header("Authorization", &format!("Bearer {}", member.token))
            .send_json(EventsRequest {
                events: batch,
                sent_at: Some(super::now_ms()),
            })?;
        if response.status().as_u16() == 422 {
            // Exercises the room's course does not have: sending them
            // again would be refused forever. They leave the queue (a copy
            // stays), the learner is told, and the rest goes on.
            let refused: Refused = response
                .body_mut()
                .read_json()
                .context("the classroom refused events and its answer cannot be read")?;
            let text = format!(
                "{}: {} classroom event(s) dropped (kept in {})",
                refused.error,
                refused.unknown.len(),
                outbox.refused_path().display()
            );
            // The note first: once the events are gone, the next command
            // may look for it.
            if let Some(state_dir) = outbox.dir().parent() {
                let _ = files::write_atomic(&state_dir.join(NOTE), text.as_bytes());
            }
            let dropped = outbox.refuse(&refused.unknown)?;
            if dropped == 0 {
                bail!("{text}");
            }
            continue;
        }
        check_answer(response.status().as_u16())?;
        let status: Status = response.body_mut().read_json()?;
        outbox.ack(status.acked.min(last));
        if status.acked < last {
            bail!("the classroom did not store every event");
        }
        if status.resync && !resent {
            resent = true;
            let summary = outbox.summary();
            if !summary.is_empty() {
                outbox.push(summary)?;
            }
        }
        if outbox.pending()?.is_empty() {
            return Ok(status);
        }
    }
}

fn get_status(agent: &ureq::Agent, member: &Membership) -> Result<Status> {
    let mut response = agent
        .get(format!("{}/api/status", member.url))
        .header("Authorization", &format!("Bearer {}", member.token))
        .call()?;
    check_answer(response.status().as_u16())?;
    Ok(response.body_mut().read_json()?)
}

fn check_answer(code: u16) -> Result<()> {
    match code {
        200 => Ok(()),
        401 | 403 => bail!(
            "the classroom does not know this learner (removed by the instructor, or a new \
             database): run `rustdrill join URL CODE` again"
        ),
        429 => bail!("the classroom asks to slow down; what waits is sent later"),
        code => bail!("the classroom answered {code}"),
    }
}

/// The outbox folder, for messages.
pub fn outbox_dir(state_dir: &Path) -> PathBuf {
    Outbox::new(state_dir).dir().to_path_buf()
}

/// Whether the outbox is empty (for tests and `leave`).
pub fn pending_count(state_dir: &Path) -> io::Result<usize> {
    Ok(Outbox::new(state_dir).pending()?.len())
}
