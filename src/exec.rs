//! Running exercise processes (mains and test binaries) safely: stdin is
//! null, stdout and stderr are drained on their own threads and capped, the
//! process runs in its own process group, and on timeout the whole group —
//! children that outlive their parent included — is terminated.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Bytes kept of each stream; the middle of anything longer is cut.
pub const OUTPUT_CAP: usize = 1024 * 1024;
/// How long a process gets to exit after SIGTERM before SIGKILL.
const GRACE: Duration = Duration::from_millis(200);
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
    fn from_capture(head: Vec<u8>, tail: VecDeque<u8>, cut: u64) -> Captured {
        let mut text = String::from_utf8_lossy(&head).into_owned();
        if cut > 0 {
            text.push_str(&format!("\n[… {cut} bytes cut]\n"));
        }
        let tail: Vec<u8> = tail.into();
        text.push_str(&String::from_utf8_lossy(&tail));
        Captured {
            text,
            cut_bytes: cut,
        }
    }
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

/// Runs `cmd` to completion or until `timeout`, capturing its output.
pub fn run(mut cmd: Command, timeout: Duration) -> io::Result<ProcessOutput> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Own process group, so a timeout can kill grandchildren too.
        cmd.process_group(0);
    }
    let mut child = cmd.spawn()?;
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));

    let termination = match wait_timeout(&mut child, timeout)? {
        Some(status) => from_status(status),
        None => {
            kill_group(&child, Signal::Term);
            if wait_timeout(&mut child, GRACE)?.is_none() {
                kill_group(&child, Signal::Kill);
                child.wait()?;
            }
            Termination::TimedOut(timeout)
        }
    };
    // Children that outlived their parent still hold the pipes: end them.
    kill_group(&child, Signal::Kill);
    let deadline = Instant::now() + DRAIN_DEADLINE;
    let stdout = stdout.finish(deadline);
    let stderr = stderr.finish(deadline);
    Ok(ProcessOutput {
        termination,
        stdout,
        stderr,
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

/// Waits for `child` at most `limit`; `None` if it is still running.
fn wait_timeout(child: &mut Child, limit: Duration) -> io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + limit;
    // Polling with a short, growing sleep: cheap, portable, and the added
    // latency (at most 10 ms) is invisible next to a compile.
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(10));
    }
}

enum Signal {
    Term,
    Kill,
}

fn kill_group(child: &Child, signal: Signal) {
    #[cfg(unix)]
    {
        let sig = match signal {
            Signal::Term => libc::SIGTERM,
            Signal::Kill => libc::SIGKILL,
        };
        let Ok(pgid) = i32::try_from(child.id()) else {
            return;
        };
        // SAFETY: killpg only sends a signal; an already-empty group gives
        // ESRCH, which is fine.
        unsafe {
            libc::killpg(pgid, sig);
        }
    }
    #[cfg(not(unix))]
    {
        let _ = signal;
        let _ = child;
    }
}

struct Drain {
    rx: mpsc::Receiver<Captured>,
}

impl Drain {
    fn finish(self, deadline: Instant) -> Captured {
        let wait = deadline.saturating_duration_since(Instant::now());
        self.rx.recv_timeout(wait).unwrap_or_else(|_| Captured {
            text: "[output not collected: a process outside the exercise's group kept it open]"
                .to_owned(),
            cut_bytes: 0,
        })
    }
}

/// Reads `stream` to its end on its own thread, so a full pipe never blocks
/// the child, keeping the first and last halves of `OUTPUT_CAP`.
fn drain(mut stream: impl Read + Send + 'static) -> Drain {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let half = OUTPUT_CAP / 2;
        let mut head = Vec::new();
        let mut tail: VecDeque<u8> = VecDeque::new();
        let mut cut: u64 = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            let mut chunk = &buf[..n];
            if head.len() < half {
                let take = chunk.len().min(half - head.len());
                head.extend_from_slice(&chunk[..take]);
                chunk = &chunk[take..];
            }
            tail.extend(chunk);
            if tail.len() > half {
                let excess = tail.len() - half;
                tail.drain(..excess);
                cut += excess as u64;
            }
        }
        let _ = tx.send(Captured::from_capture(head, tail, cut));
    });
    Drain { rx }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(script);
        cmd
    }

    #[test]
    fn captures_both_streams_and_status() {
        let out = run(sh("echo out; echo err >&2; exit 3"), Duration::from_secs(5)).unwrap();
        assert_eq!(out.stdout.text, "out\n");
        assert_eq!(out.stderr.text, "err\n");
        assert_eq!(out.termination, Termination::Exited(3));
    }

    #[test]
    fn timeout_kills_the_process() {
        let started = Instant::now();
        let out = run(sh("sleep 30"), Duration::from_millis(200)).unwrap();
        assert!(matches!(out.termination, Termination::TimedOut(_)));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn caps_output_keeping_head_and_tail() {
        let script = "head -c 3000000 /dev/zero | tr '\\0' x; echo END";
        let out = run(sh(script), Duration::from_secs(20)).unwrap();
        assert!(out.stdout.cut_bytes > 1_000_000);
        assert!(out.stdout.text.len() < OUTPUT_CAP + 100);
        assert!(out.stdout.text.contains("bytes cut]"));
        assert!(out.stdout.text.ends_with("END\n"));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let out = run(sh("printf 'ok \\377\\376 end'"), Duration::from_secs(5)).unwrap();
        assert_eq!(out.stdout.text, "ok \u{fffd}\u{fffd} end");
    }
}
