//! Running exercise processes (mains and test binaries) safely: stdin is
//! null, stdout and stderr are drained on their own threads and capped, and
//! the process runs under a supervisor (`crate::supervisor`), which ends
//! everything it started when it exits, times out, or its check is
//! cancelled.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::supervisor::{self, Cancel};

/// Bytes kept of each stream; the middle of anything longer is cut.
pub const OUTPUT_CAP: usize = 1024 * 1024;
/// How long to wait for the pipes to close once the process group is gone.
const DRAIN_DEADLINE: Duration = Duration::from_secs(2);

/// One stream's captured output, decoded lossily.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captured {
    pub text: String,
    /// Bytes dropped from the middle because the stream exceeded the cap.
    pub cut_bytes: u64,
}

impl Captured {
    fn from_capture(head: &[u8], tail: &VecDeque<u8>, cut: u64) -> Captured {
        let mut tail: Vec<u8> = tail.iter().copied().collect();
        if cut == 0 {
            // One contiguous stream: decode it whole, or a character that
            // straddles head and tail would show as two U+FFFD.
            let mut all = head.to_vec();
            all.append(&mut tail);
            return Captured {
                text: String::from_utf8_lossy(&all).into_owned(),
                cut_bytes: 0,
            };
        }
        // The cut falls anywhere: move it to character boundaries, so valid
        // UTF-8 never shows replacement characters at the marker.
        let head_keep = head.len() - incomplete_suffix(head);
        let tail_skip = continuation_prefix(&tail);
        let cut = cut + (head.len() - head_keep + tail_skip) as u64;
        let mut text = String::from_utf8_lossy(&head[..head_keep]).into_owned();
        text.push_str(&format!("\n[… {cut} bytes cut]\n"));
        text.push_str(&String::from_utf8_lossy(&tail[tail_skip..]));
        Captured {
            text,
            cut_bytes: cut,
        }
    }
}

/// Length of a UTF-8 sequence begun but not finished at the end of `bytes`.
fn incomplete_suffix(bytes: &[u8]) -> usize {
    // A sequence is at most 4 bytes: its lead byte is at most 3 back.
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        if byte & 0xC0 != 0x80 {
            let needs = match byte {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if needs > back { back } else { 0 };
        }
    }
    0
}

/// Continuation bytes at the start of `bytes`: the end of a character whose
/// start was cut away.
fn continuation_prefix(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take(3)
        .take_while(|b| *b & 0xC0 == 0x80)
        .count()
}

/// How a process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termination {
    Exited(i32),
    /// Killed by a signal it did not ask for (a crash, an abort).
    Signaled(i32),
    /// We killed it after the time limit.
    TimedOut(Duration),
}

impl Termination {
    pub fn success(self) -> bool {
        self == Termination::Exited(0)
    }
}

impl fmt::Display for Termination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Termination::Exited(code) => write!(f, "exit status {code}"),
            Termination::Signaled(sig) => {
                write!(f, "killed by signal {sig} ({})", signal_name(sig))
            }
            Termination::TimedOut(limit) => {
                write!(f, "timed out after {} s", limit.as_secs_f64())
            }
        }
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        6 => "SIGABRT: the program aborted",
        9 => "SIGKILL",
        11 => "SIGSEGV: invalid memory access",
        15 => "SIGTERM",
        _ => "signal",
    }
}

#[derive(Debug, Clone)]
pub struct ProcessOutput {
    pub termination: Termination,
    pub stdout: Captured,
    pub stderr: Captured,
}

/// Runs `cmd` (made by `supervisor::command`) to completion or until
/// `timeout`, capturing its output; `cancel` ends it early.
pub fn run(
    mut cmd: Command,
    timeout: Duration,
    cancel: Option<&Cancel>,
) -> io::Result<ProcessOutput> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = supervisor::spawn(&mut cmd, cancel)?;
    let stdout = child.take_stdout().map(drain);
    let stderr = child.take_stderr().map(drain);

    let termination = match child.wait_timeout(timeout)? {
        Some(status) => from_status(status),
        None => {
            // The supervisor ends the whole tree: the group, then (Linux)
            // whatever left it.
            child.end();
            child.wait()?;
            Termination::TimedOut(timeout)
        }
    };
    // The supervisor has ended what the process left behind; only a
    // process that escaped it (off Linux) may still hold the pipes.
    let deadline = Instant::now() + DRAIN_DEADLINE;
    let finish = |d: Option<Drain>| d.map_or_else(Captured::default, |d| d.finish(deadline));
    Ok(ProcessOutput {
        termination,
        stdout: finish(stdout),
        stderr: finish(stderr),
    })
}

fn from_status(status: ExitStatus) -> Termination {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return Termination::Signaled(sig);
        }
    }
    Termination::Exited(status.code().unwrap_or(-1))
}

/// What a stream's reader has kept so far: the first and last halves of
/// `OUTPUT_CAP` and how much was dropped between them.
#[derive(Default)]
struct Capture {
    head: Vec<u8>,
    tail: VecDeque<u8>,
    cut: u64,
}

impl Capture {
    fn push(&mut self, mut chunk: &[u8]) {
        let half = OUTPUT_CAP / 2;
        if self.head.len() < half {
            let take = chunk.len().min(half - self.head.len());
            self.head.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
        }
        self.tail.extend(chunk);
        if self.tail.len() > half {
            let excess = self.tail.len() - half;
            self.tail.drain(..excess);
            self.cut += excess as u64;
        }
    }
}

struct Drain {
    /// Signalled when the stream reached its end.
    done: mpsc::Receiver<()>,
    capture: Arc<Mutex<Capture>>,
}

impl Drain {
    fn finish(self, deadline: Instant) -> Captured {
        let wait = deadline.saturating_duration_since(Instant::now());
        let complete = self.done.recv_timeout(wait).is_ok();
        let capture = self.capture.lock().unwrap_or_else(PoisonError::into_inner);
        let mut captured = Captured::from_capture(&capture.head, &capture.tail, capture.cut);
        if !complete {
            // What was read so far is kept: it is often what explains why.
            captured.text.push_str(NOT_COLLECTED);
        }
        captured
    }
}

const NOT_COLLECTED: &str = "\n[output after this not collected: a process outside the exercise's \
     group (one that called setsid, say) kept it open]\n";

/// Reads `stream` to its end on its own thread, so a full pipe never blocks
/// the child, keeping the first and last halves of `OUTPUT_CAP`. What was
/// read stays available if the stream never ends (a daemon holds it).
fn drain(mut stream: impl Read + Send + 'static) -> Drain {
    let (tx, done) = mpsc::channel();
    let capture = Arc::new(Mutex::new(Capture::default()));
    let shared = Arc::clone(&capture);
    thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            shared
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(&buf[..n]);
        }
        let _ = tx.send(());
    });
    Drain { done, capture }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = supervisor::command("sh");
        cmd.arg("-c").arg(script);
        cmd
    }

    #[test]
    fn captures_both_streams_and_status() {
        let out = run(
            sh("echo out; echo err >&2; exit 3"),
            Duration::from_secs(5),
            None,
        )
        .unwrap();
        assert_eq!(out.stdout.text, "out\n");
        assert_eq!(out.stderr.text, "err\n");
        assert_eq!(out.termination, Termination::Exited(3));
    }

    #[test]
    fn timeout_kills_the_process() {
        let started = Instant::now();
        let out = run(sh("sleep 30"), Duration::from_millis(200), None).unwrap();
        assert!(matches!(out.termination, Termination::TimedOut(_)));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn caps_output_keeping_head_and_tail() {
        let script = "head -c 3000000 /dev/zero | tr '\\0' x; echo END";
        let out = run(sh(script), Duration::from_secs(20), None).unwrap();
        assert!(out.stdout.cut_bytes > 1_000_000);
        assert!(out.stdout.text.len() < OUTPUT_CAP + 100);
        assert!(out.stdout.text.contains("bytes cut]"));
        assert!(out.stdout.text.ends_with("END\n"));
    }

    #[test]
    fn characters_are_not_split_where_head_and_tail_meet() {
        // No cut: head and tail are one stream, decoded whole.
        let tail: VecDeque<u8> = [0xA9, b'b'].into_iter().collect();
        let c = Captured::from_capture(b"a\xC3", &tail, 0);
        assert_eq!(c.text, "a\u{e9}b");
        // A cut: the partial characters on both sides count as cut.
        let tail: VecDeque<u8> = [0x82, 0xAC, b'z'].into_iter().collect();
        let c = Captured::from_capture(b"a\xE2\x82", &tail, 10);
        assert_eq!(c.text, "a\n[… 14 bytes cut]\nz");
        assert_eq!(c.cut_bytes, 14);
        // Invalid bytes are not "incomplete": they stay, shown lossily.
        let c = Captured::from_capture(b"a\xFF", &VecDeque::new(), 1);
        assert!(c.text.starts_with("a\u{fffd}"), "{}", c.text);
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let out = run(
            sh("printf 'ok \\377\\376 end'"),
            Duration::from_secs(5),
            None,
        )
        .unwrap();
        assert_eq!(out.stdout.text, "ok \u{fffd}\u{fffd} end");
    }
}
