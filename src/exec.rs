//! Running exercise processes (mains and test binaries) safely: stdin is
//! null, stdout and stderr are drained on their own threads and capped, the
//! process runs in its own process group, and on timeout the whole group —
//! children that outlive their parent included — is terminated.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError, mpsc};
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

/// Runs `cmd` to completion or until `timeout`, capturing its output.
pub fn run(mut cmd: Command, timeout: Duration) -> io::Result<ProcessOutput> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Own process group, so a timeout can kill grandchildren too.
    let (mut child, registered) = spawn_registered(&mut cmd, Ending::Kill)?;
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));

    let termination = match wait_timeout(&mut child, timeout)? {
        Some(status) => from_status(status),
        None => {
            signal_group(registered.0, Ending::Term);
            if wait_timeout(&mut child, GRACE)?.is_none() {
                signal_group(registered.0, Ending::Kill);
                child.wait()?;
            }
            Termination::TimedOut(timeout)
        }
    };
    // Children that outlived their parent still hold the pipes: end them,
    // and those that left the group (setsid) and came back to us as orphans.
    signal_group(registered.0, Ending::Kill);
    drop(registered);
    end_escapees();
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

/// Sends `ending`'s signal to the process group `group` (an already-empty
/// group is fine).
pub fn signal_group(group: i32, ending: Ending) {
    #[cfg(unix)]
    {
        let signal = match ending {
            Ending::Kill => libc::SIGKILL,
            Ending::Term => libc::SIGTERM,
        };
        // SAFETY: killpg only sends a signal; a group already gone gives
        // ESRCH, which is fine.
        unsafe {
            libc::killpg(group, signal);
        }
    }
    #[cfg(not(unix))]
    let _ = (group, ending);
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

/// How to end a process group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// SIGKILL: an exercise may ignore anything gentler.
    Kill,
    /// SIGTERM: cargo, which then stops its rustc jobs cleanly.
    Term,
}

/// Process groups rustdrill started and has not finished with. They are
/// groups of their own, which the terminal's Ctrl-C does not reach: when
/// rustdrill is ended by a signal, it ends them itself.
static RUNNING: Mutex<Vec<(i32, Ending)>> = Mutex::new(Vec::new());

fn running() -> MutexGuard<'static, Vec<(i32, Ending)>> {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A process in `RUNNING`; dropping it takes the process off the list.
pub struct Registered(i32);

impl Drop for Registered {
    fn drop(&mut self) {
        running().retain(|(pid, _)| *pid != self.0);
    }
}

/// Spawns `cmd` as the leader of a new process group and registers it in
/// the same step, so a signal can never fall between the two and miss it.
/// On Linux the process also dies with rustdrill (`PR_SET_PDEATHSIG`): a
/// `kill -9` of the runner must not leave a looping exercise behind.
pub fn spawn_registered(cmd: &mut Command, ending: Ending) -> io::Result<(Child, Registered)> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let signal = match ending {
            Ending::Kill => libc::SIGKILL,
            Ending::Term => libc::SIGTERM,
        };
        let parent = std::process::id() as libc::pid_t;
        // SAFETY: prctl and getppid are async-signal-safe, as pre_exec
        // requires; nothing is allocated.
        unsafe {
            cmd.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, signal as libc::c_ulong, 0, 0, 0) != 0 {
                    return Err(io::Error::last_os_error());
                }
                // The parent died before prctl took effect: nobody would
                // send the signal, so act as if it had.
                if libc::getppid() != parent {
                    libc::raise(signal);
                }
                Ok(())
            });
        }
    }
    let mut list = running();
    let child = cmd.spawn()?;
    let pid = i32::try_from(child.id()).map_err(io::Error::other)?;
    list.push((pid, ending));
    Ok((child, Registered(pid)))
}

/// Makes rustdrill a child subreaper (Linux): a process an exercise starts
/// in a session of its own (`setsid`) leaves the exercise's process group,
/// and when its parent exits it is re-parented to rustdrill instead of to
/// init, where `end_escapees` finds and ends it. Elsewhere such a process
/// outlives the check (see docs/course-format.md).
pub fn adopt_orphans() {
    #[cfg(target_os = "linux")]
    // SAFETY: a plain prctl on this process.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }
}

/// Kills rustdrill's children that belong to no process group it runs:
/// orphans re-parented to it (see `adopt_orphans`), and their groups. The
/// list of running groups is held meanwhile, so nothing being spawned is
/// mistaken for an orphan.
pub fn end_escapees() {
    #[cfg(target_os = "linux")]
    {
        let me = std::process::id() as i32;
        // A killed orphan's own children are re-parented to us in turn.
        for _ in 0..20 {
            let list = running();
            let groups: Vec<i32> = list.iter().map(|(g, _)| *g).collect();
            let orphans: Vec<(i32, i32)> = children_of(me)
                .into_iter()
                .filter(|(pid, pgrp)| !groups.contains(pgrp) && !groups.contains(pid))
                .collect();
            if orphans.is_empty() {
                return;
            }
            for &(pid, pgrp) in &orphans {
                // SAFETY: signals and a non-blocking wait on one pid we own;
                // never waitpid(-1), which would steal std's children.
                unsafe {
                    if pgrp != me && pgrp > 1 {
                        libc::killpg(pgrp, libc::SIGKILL);
                    }
                    libc::kill(pid, libc::SIGKILL);
                }
            }
            drop(list);
            thread::sleep(Duration::from_millis(5));
            for &(pid, _) in &orphans {
                // SAFETY: as above: reaps this one zombie if it is one.
                unsafe {
                    libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG);
                }
            }
        }
    }
}

/// `(pid, process group)` of every process whose parent is `parent`.
#[cfg(target_os = "linux")]
fn children_of(parent: i32) -> Vec<(i32, i32)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (comm) state ppid pgrp …`: comm may hold spaces and ')'.
            let rest = &stat[stat.rfind(')')? + 1..];
            let mut fields = rest.split_whitespace().skip(1);
            let ppid: i32 = fields.next()?.parse().ok()?;
            let pgrp: i32 = fields.next()?.parse().ok()?;
            (ppid == parent).then_some((pid, pgrp))
        })
        .collect()
}

/// Ends every registered process. Returns the list still locked, so that no
/// new process can start before rustdrill exits.
pub fn end_running() -> MutexGuard<'static, Vec<(i32, Ending)>> {
    let list = running();
    for &(group, ending) in list.iter() {
        signal_group(group, ending);
    }
    list
}

/// `end_running` for the panic hook: never waits for the list (the panic
/// may have struck while it was held), but reads one an earlier panic
/// poisoned, like every other lock here.
pub fn end_running_after_panic() {
    let list = match RUNNING.try_lock() {
        Ok(list) => list,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) => return,
    };
    for &(group, ending) in list.iter() {
        signal_group(group, ending);
    }
}

/// For the one-shot commands: on SIGINT, SIGTERM or SIGHUP, end the
/// processes rustdrill started, then die of the signal as if unhandled.
/// (Watch mode listens for these itself, to restore the terminal first.)
pub fn end_children_on_signal() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _held = end_running();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
    Ok(())
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

    #[cfg(target_os = "linux")]
    #[test]
    fn children_are_listed_with_their_group() {
        let mut child = Command::new("sleep").arg("5").spawn().unwrap();
        let me = std::process::id() as i32;
        let found = children_of(me);
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            found.iter().any(|(pid, _)| *pid == child.id() as i32),
            "{found:?}"
        );
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let out = run(sh("printf 'ok \\377\\376 end'"), Duration::from_secs(5)).unwrap();
        assert_eq!(out.stdout.text, "ok \u{fffd}\u{fffd} end");
    }
}
