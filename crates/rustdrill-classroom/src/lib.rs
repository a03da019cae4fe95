//! Classroom, the learner's half: the wire types both halves share, the
//! outbox and the client. The instructor's half (`classroom serve`: the
//! server, its database and the dashboard) is the crate
//! `rustdrill-classroom-server`, the one place Tokio and Axum run; a
//! learner's rustdrill never needs it. The learner's side is blocking code:
//! a check appends an event to an outbox in `.rustdrill/`, which is sent
//! with short timeouts beside watch, or after a command's output (see
//! `client`), so nothing async ever runs in `watch` or `run`, and a slow,
//! silent or absent server never slows the learner.

pub mod client;
pub mod outbox;
pub mod report;

use serde::{Deserialize, Serialize};

/// What a learner's rustdrill tells the server. Never the learner's code,
/// except in a `Help` event (the learner asked for help).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Per learner, increasing: the server ignores a seq it already has.
    pub seq: u64,
    pub kind: EventKind,
    pub exercise: String,
    /// The verdict kind (`pass`, `compile_error`, …) of a check or help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// The verdict's one-line first message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Checks of this exercise so far.
    #[serde(default)]
    pub checks: u32,
    /// Hints of this exercise shown so far.
    #[serde(default)]
    pub hints: u32,
    /// The learner's current exercise after the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// When it happened on the learner's machine, Unix milliseconds.
    pub at: u64,
    /// The exercise file, in a `Help` event only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What the learner says they are stuck on (`help-me --message`), in a
    /// `Help` event only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// 1-based line of the first error in `code`, in a `Help` event, when
    /// the learner's rustdrill knows it (watch does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_line: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A check finished (run, verify, watch).
    Check,
    /// A hint was revealed.
    Hint,
    /// The current exercise changed.
    Current,
    /// The learner raised a hand.
    Help,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Check => "check",
            EventKind::Hint => "hint",
            EventKind::Current => "current",
            EventKind::Help => "help",
        }
    }
}

/// One exercise of the course, as the dashboard lays out its columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseExercise {
    pub name: String,
    #[serde(default)]
    pub chapter: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    pub code: String,
    pub name: String,
    /// The learner's course: compared with the room's (never its layout).
    #[serde(default)]
    pub course: Vec<CourseExercise>,
    /// The token this course folder was given by this server before: the
    /// same learner joining again keeps their row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The tracks the learner's course holds (`rustdrill tracks`).
    #[serde(default)]
    pub tracks: Vec<String>,
    /// The course's language (`en`, `ko`, `ja`: `rustdrill lang`), shown
    /// on the dashboard. Absent from a rustdrill older than it: unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinResponse {
    pub learner: i64,
    pub token: String,
    /// The learner presented a token the server knew: the same row.
    #[serde(default)]
    pub again: bool,
    /// Set when the learner's course is not the room's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_note: Option<String>,
}

/// The server's answer to events for exercises its course does not have
/// (422): their seqs, which the learner's rustdrill drops from its outbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refused {
    pub error: String,
    pub unknown: Vec<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventsRequest {
    pub events: Vec<Event>,
    /// The learner's clock as it sent this, Unix milliseconds: the server
    /// corrects the events' times by how far that clock is off its own
    /// (a laptop's clock can be minutes wrong; "time on it" must not be).
    #[serde(default)]
    pub sent_at: Option<u64>,
}

/// What the server tells a learner after each send and on each poll.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// The highest seq the server holds for this learner.
    pub acked: u64,
    #[serde(default)]
    pub announcement: Option<String>,
    /// The exercise the room moves to.
    #[serde(default)]
    pub goto: Option<String>,
    /// The learner's latest raised hand, if not lowered by solving.
    #[serde(default)]
    pub hand: Option<Hand>,
    /// The server misses events before these (its database was restored
    /// from a copy, or the learner's outbox was cleared): the learner's
    /// rustdrill sends its summary (see `outbox::Outbox::summary`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resync: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hand {
    pub exercise: String,
    pub answered: bool,
    /// Who is on the way (an instructor or helper claimed the hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
}

/// The longest code a raised hand carries (bytes; longer is cut by the
/// learner before sending and by the server before storing).
pub const MAX_CODE: usize = 64 * 1024;

/// The longest name, message or announcement the server stores (bytes).
pub const MAX_TEXT: usize = 500;

/// At most `max` bytes of `s`, cut at a character boundary.
pub fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Unix milliseconds now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// `bytes` random bytes as lowercase hex (keys, tokens).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the OS has a random source");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A verdict kind as the wire and the database spell it (`compile_error`).
pub fn verdict_name(kind: rustdrill_engine::verdict::VerdictKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rustdrill from before the language was sent still joins.
    #[test]
    fn a_join_request_without_a_language_reads() {
        let old: JoinRequest =
            serde_json::from_str(r#"{"code":"ABC","name":"Ada","course":[],"tracks":["core"]}"#)
                .unwrap();
        assert_eq!(old.language, None);
        let new: JoinRequest =
            serde_json::from_str(r#"{"code":"ABC","name":"Ada","language":"ko"}"#).unwrap();
        assert_eq!(new.language.as_deref(), Some("ko"));
    }
}
