//! The learner's side of a classroom: membership (`.rustdrill/classroom.json`),
//! joining and leaving, and the background sender. Blocking code only
//! (`ureq`), on threads of its own: a check appends to the outbox and
//! returns; sending happens beside it with short timeouts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::outbox::Outbox;
use super::{CourseExercise, Event, EventsRequest, JoinRequest, JoinResponse, Status};
use crate::files;

const MEMBERSHIP: &str = "classroom.json";
/// The most events one request carries.
const BATCH: usize = 200;
/// How long one request may take before the sender gives up for now.
const TIMEOUT: Duration = Duration::from_secs(3);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

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

/// Joins the classroom at `url` with `code`; replaces any membership.
pub fn join(
    state_dir: &Path,
    url: &str,
    code: &str,
    name: &str,
    course: Vec<CourseExercise>,
) -> Result<Membership> {
    let url = url.trim_end_matches('/').to_owned();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!("the classroom's address starts with http:// (as `classroom serve` prints it)");
    }
    let request = JoinRequest {
        code: code.to_owned(),
        name: name.to_owned(),
        course,
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
        status => bail!("the classroom answered {status} to joining"),
    }
    let joined: JoinResponse = response
        .body_mut()
        .read_json()
        .context("the classroom's answer cannot be read")?;
    let membership = Membership {
        url,
        token: joined.token,
        learner: joined.learner,
        name: name.to_owned(),
    };
    fs::create_dir_all(state_dir)
        .with_context(|| format!("cannot create {}", state_dir.display()))?;
    // Events of an earlier membership belong to nobody now.
    Outbox::new(state_dir).clear();
    files::write_atomic(
        &state_dir.join(MEMBERSHIP),
        &serde_json::to_vec_pretty(&membership)?,
    )
    .with_context(|| format!("cannot save the membership in {}", state_dir.display()))?;
    Ok(membership)
}

/// Leaves the classroom: sends what waits (for a few seconds at most),
/// then forgets the membership. Returns how many events were not sent.
pub fn leave(state_dir: &Path) -> Result<Option<usize>> {
    if membership(state_dir).is_none() {
        return Ok(None);
    }
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
    fs::remove_file(state_dir.join(MEMBERSHIP))
        .with_context(|| format!("cannot remove {}", state_dir.join(MEMBERSHIP).display()))?;
    outbox.clear();
    Ok(Some(unsent))
}

/// Appends `events` to the outbox when this course is in a classroom,
/// and starts sending them in the background. Never fails the caller:
/// progress is the learner's, the classroom only watches.
pub fn report(state_dir: &Path, events: Vec<Event>) {
    if events.is_empty() || !state_dir.join(MEMBERSHIP).exists() {
        return;
    }
    if Outbox::new(state_dir).push(events).is_ok() {
        send_in_background(state_dir);
    }
}

static SENDERS: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());

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

/// Gives background sends up to `max` to finish, before a command exits.
/// What is not sent by then waits in the outbox for the next check.
pub fn settle(max: Duration) {
    let deadline = Instant::now() + max;
    loop {
        let busy = {
            let mut senders = SENDERS.lock().unwrap_or_else(PoisonError::into_inner);
            senders.retain(|h| !h.is_finished());
            !senders.is_empty()
        };
        if !busy || Instant::now() >= deadline {
            return;
        }
        thread::sleep(Duration::from_millis(10));
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
    loop {
        let pending = outbox.pending()?;
        if pending.is_empty() {
            return get_status(agent, member);
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
        check_answer(response.status().as_u16())?;
        let status: Status = response.body_mut().read_json()?;
        outbox.ack(status.acked.min(last));
        if status.acked < last {
            bail!("the classroom did not store every event");
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
            "the classroom does not know this learner (was its database replaced?): \
             run `rustdrill join URL CODE` again"
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
