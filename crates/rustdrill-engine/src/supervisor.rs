//! Every process rustdrill starts goes through here: exercises, cargo,
//! `rustc --version`, rustfmt, `cargo metadata`, `cargo fetch`.
//!
//! On Unix each one runs under a small supervisor process of its own
//! (rustdrill itself, re-run as `rustdrill __supervise PROGRAM ARGS…`; see
//! `reaper`), which starts the program in a new process group and ends
//! everything it started when either
//! - the program exits (its group, and on Linux every process that left the
//!   group and came back to the supervisor, a child subreaper, as an orphan:
//!   `setsid` daemons, double forks), or
//! - rustdrill tells it to (a timeout, a cancelled check) by a byte on its
//!   *lifeline*, a pipe whose only write end rustdrill holds, or rustdrill is
//!   gone: the pipe closes however rustdrill ended (a signal, a panic,
//!   `kill -9`), and the supervisor ends the program's tree, then exits.
//!
//! So rustdrill itself signals no process at all: no group it does not own
//! (it may not lead its own group, when a script or an editor starts it),
//! no child another thread started and is waiting for, no pid that may have
//! been reused. Each supervisor acts on its own children only, which are
//! the program and the orphans that came back to it.

#[cfg(unix)]
pub mod reaper;

use std::ffi::OsStr;
use std::io;
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError, Weak};
use std::thread;
use std::time::{Duration, Instant};

/// The hidden first argument that makes rustdrill a supervisor.
pub const ARG: &str = "__supervise";
/// Where the supervisor finds its lifeline (the pipe's read end).
const LIFELINE_ENV: &str = "RUSTDRILL_SUPERVISOR_LIFELINE";
/// Where the supervisor says whether the program started: `ok`, or the OS
/// error number that `spawn` gave.
const REPORT_ENV: &str = "RUSTDRILL_SUPERVISOR_REPORT";
/// How much lower the supervisor sets its CPU priority (and so its
/// program's), for `low_priority`.
const NICE_ENV: &str = "RUSTDRILL_SUPERVISOR_NICE";

/// A command that runs `program` under a supervisor: add arguments, the
/// environment, the working directory and stdio to it as to any command
/// (the supervisor passes them all on), then start it with `spawn`,
/// `output` or `status`.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    #[cfg(unix)]
    {
        let mut cmd = Command::new(own_executable());
        cmd.arg(ARG).arg(program);
        cmd
    }
    #[cfg(not(unix))]
    Command::new(program)
}

/// `cmd` (made by `command`) at a lower CPU priority (nice 10 more), for
/// work nobody waits on: the supervisor lowers its own, and the program
/// inherits it. Elsewhere than on Unix the priority stays as it is.
pub fn low_priority(cmd: &mut Command) -> &mut Command {
    #[cfg(unix)]
    cmd.env(NICE_ENV, "10");
    cmd
}

/// `cmd` (program, arguments, environment, directory: not its stdio) as a
/// command under a supervisor, for a command a library builds
/// (`cargo_metadata`'s).
pub fn wrap(cmd: &Command) -> Command {
    let mut wrapped = command(cmd.get_program());
    wrapped.args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => wrapped.env(key, value),
            None => wrapped.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        wrapped.current_dir(dir);
    }
    wrapped
}

/// This executable, for the supervisor (so `ps` shows it as `rustdrill
/// __supervise PROGRAM …`). On Linux, when the file is gone (replaced by an
/// upgrade while rustdrill runs), `/proc/self/exe`, which still runs it.
#[cfg(unix)]
fn own_executable() -> std::path::PathBuf {
    // A unit test runs in the test harness, which cannot supervise: its
    // supervisor is the rustdrill binary cargo builds beside it
    // (`target/debug/deps/rustdrill-HASH` → `target/debug/rustdrill`).
    #[cfg(test)]
    if let Some(bin) = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("rustdrill")))
    {
        assert!(
            bin.is_file(),
            "unit tests that start processes run them under {}: `cargo build` first",
            bin.display()
        );
        return bin;
    }
    match std::env::current_exe() {
        Ok(exe) if exe.is_file() => exe,
        _ if cfg!(target_os = "linux") => "/proc/self/exe".into(),
        _ => "rustdrill".into(),
    }
}

/// One lifeline: the write end of the pipe a supervisor watches.
#[derive(Debug)]
struct Lifeline {
    /// The supervisor's pid (for `shutdown` to wait for it).
    pid: u32,
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
}

impl Lifeline {
    /// Tells the supervisor to end its program's tree now (SIGTERM to the
    /// group, a short grace, then SIGKILL to everything). A supervisor
    /// already gone is fine.
    fn end(&self) {
        #[cfg(unix)]
        {
            let _ = rustix::io::write(&self.fd, b"e");
        }
    }
}

/// The supervisors rustdrill started and has not finished with.
struct Registry {
    running: Vec<Arc<Lifeline>>,
    /// rustdrill is exiting: nothing new starts.
    closed: bool,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    running: Vec::new(),
    closed: false,
});

fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Ends, from another thread, what was started with it: a check whose
/// result is no longer wanted (watch saw a newer save), a background build
/// the learner's check must not wait for. What starts after `cancel` is
/// ended as soon as it starts.
#[derive(Debug, Default)]
pub struct Cancel {
    state: Mutex<CancelState>,
}

#[derive(Debug, Default)]
struct CancelState {
    cancelled: bool,
    started: Vec<Weak<Lifeline>>,
}

impl Cancel {
    pub fn cancel(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.cancelled = true;
        for lifeline in state.started.drain(..).filter_map(|w| w.upgrade()) {
            lifeline.end();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .cancelled
    }

    fn started(&self, lifeline: &Arc<Lifeline>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.cancelled {
            lifeline.end();
            return;
        }
        state.started.retain(|w| w.strong_count() > 0);
        state.started.push(Arc::downgrade(lifeline));
    }
}

/// A program running under its supervisor. Dropping it ends the program's
/// tree (the lifeline closes).
#[derive(Debug)]
pub struct Supervised {
    /// The supervisor process: its exit status is the program's (the same
    /// code, or death by the same signal).
    child: Option<Child>,
    lifeline: Arc<Lifeline>,
}

/// Starts `cmd` (made by `command`) under its supervisor, registered so
/// that rustdrill's exit ends it, and with `cancel` if given. Fails as
/// `Command::spawn` would when the program cannot start (not found, …).
pub fn spawn(cmd: &mut Command, cancel: Option<&Cancel>) -> io::Result<Supervised> {
    #[cfg(unix)]
    {
        spawn_unix(cmd, cancel)
    }
    #[cfg(not(unix))]
    {
        let mut list = registry();
        if list.closed {
            return Err(io::Error::other(STOPPING));
        }
        let child = cmd.spawn()?;
        let lifeline = Arc::new(Lifeline { pid: child.id() });
        list.running.push(Arc::clone(&lifeline));
        drop(list);
        if let Some(cancel) = cancel {
            cancel.started(&lifeline);
        }
        Ok(Supervised {
            child: Some(child),
            lifeline,
        })
    }
}

#[cfg(unix)]
fn spawn_unix(cmd: &mut Command, cancel: Option<&Cancel>) -> io::Result<Supervised> {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;

    let (life_read, life_write) = cloexec_pipe()?;
    let (report_read, report_write) = cloexec_pipe()?;
    let handed = [life_read.as_raw_fd(), report_write.as_raw_fd()];
    cmd.env(LIFELINE_ENV, handed[0].to_string())
        .env(REPORT_ENV, handed[1].to_string())
        // Its own group: the terminal's Ctrl-C goes to rustdrill, which
        // decides; the program gets a group of its own from the supervisor.
        .process_group(0);
    // SAFETY: fcntl is async-signal-safe, as pre_exec requires, and only
    // touches this child's copies of the two descriptors it inherits.
    unsafe {
        cmd.pre_exec(move || {
            for fd in handed {
                let fd = std::os::fd::BorrowedFd::borrow_raw(fd);
                rustix::io::fcntl_setfd(fd, rustix::io::FdFlags::empty())?;
            }
            Ok(())
        });
    }
    let mut list = registry();
    if list.closed {
        return Err(io::Error::other(STOPPING));
    }
    let child = cmd.spawn()?;
    // The supervisor holds the ends it needs; rustdrill keeps the other two.
    drop((life_read, report_write));
    let lifeline = Arc::new(Lifeline {
        pid: child.id(),
        fd: life_write,
    });
    list.running.push(Arc::clone(&lifeline));
    drop(list);
    if let Some(cancel) = cancel {
        cancel.started(&lifeline);
    }
    let mut supervised = Supervised {
        child: Some(child),
        lifeline,
    };
    let mut report = String::new();
    let _ = std::fs::File::from(report_read).read_to_string(&mut report);
    match report.trim().parse::<i32>() {
        Ok(errno) => {
            // The program did not start; the supervisor exits at once.
            let _ = supervised.wait();
            Err(io::Error::from_raw_os_error(errno))
        }
        Err(_) if report.trim() == "ok" => Ok(supervised),
        Err(_) => {
            let _ = supervised.wait();
            Err(io::Error::other(format!(
                "the process supervisor did not start {}",
                cmd.get_args().nth(1).unwrap_or_default().to_string_lossy()
            )))
        }
    }
}

/// A pipe whose ends no other child inherits.
#[cfg(unix)]
fn cloexec_pipe() -> io::Result<(std::os::fd::OwnedFd, std::os::fd::OwnedFd)> {
    #[cfg(not(target_vendor = "apple"))]
    {
        Ok(rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)?)
    }
    #[cfg(target_vendor = "apple")]
    {
        // No pipe2 there: a child started by another thread in between may
        // inherit an end (as std's own pipes may, there).
        let (read, write) = rustix::pipe::pipe()?;
        rustix::io::fcntl_setfd(&read, rustix::io::FdFlags::CLOEXEC)?;
        rustix::io::fcntl_setfd(&write, rustix::io::FdFlags::CLOEXEC)?;
        Ok((read, write))
    }
}

impl Supervised {
    pub fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.child.as_mut()?.stdout.take()
    }

    pub fn take_stderr(&mut self) -> Option<ChildStderr> {
        self.child.as_mut()?.stderr.take()
    }

    /// Ends the program and everything it started (at once for what
    /// ignores SIGTERM, after a short grace otherwise). `wait` then says
    /// how the program ended.
    pub fn end(&self) {
        self.lifeline.end();
    }

    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        match self.child.as_mut() {
            Some(child) => child.try_wait(),
            None => Err(io::Error::other("already waited for")),
        }
    }

    /// Waits for the program and its supervisor to end. An error once
    /// rustdrill is stopping: the program was ended on the way out, and its
    /// failure must not pass for an answer (an interrupted `init` going on
    /// as if `cargo` had merely failed).
    pub fn wait(&mut self) -> io::Result<ExitStatus> {
        let status = match self.child.as_mut() {
            Some(child) => child.wait()?,
            None => return Err(io::Error::other("already waited for")),
        };
        self.child = None;
        not_stopping()?;
        Ok(status)
    }

    /// Waits at most `limit`; `None` if the program still runs.
    pub fn wait_timeout(&mut self, limit: Duration) -> io::Result<Option<ExitStatus>> {
        let deadline = Instant::now() + limit;
        // Polling with a short, growing sleep: cheap, portable, and the
        // added latency (at most 10 ms) is invisible next to a compile.
        let mut pause = Duration::from_millis(1);
        loop {
            if let Some(status) = self.try_wait()? {
                self.child = None;
                not_stopping()?;
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
}

impl Drop for Supervised {
    fn drop(&mut self) {
        registry()
            .running
            .retain(|l| !Arc::ptr_eq(l, &self.lifeline));
        if let Some(mut child) = self.child.take() {
            // Dropped while running (an error on the way): end it, and
            // reap the supervisor on a thread rather than leave a zombie.
            self.lifeline.end();
            thread::spawn(move || child.wait());
        }
    }
}

/// `Command::output` through a supervisor: stdin closed, both streams
/// captured (each drained on its own thread, so neither pipe can fill up).
pub fn output(cmd: &mut Command) -> io::Result<Output> {
    use std::io::Read;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn(cmd, None)?;
    let stderr = child.take_stderr().map(|mut pipe| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    });
    let mut stdout = Vec::new();
    if let Some(mut pipe) = child.take_stdout() {
        pipe.read_to_end(&mut stdout)?;
    }
    let status = child.wait()?;
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    Ok(Output {
        status,
        stdout,
        stderr,
    })
}

/// `Command::status` through a supervisor: stdio as `cmd` sets it
/// (inherited by default).
pub fn status(cmd: &mut Command) -> io::Result<ExitStatus> {
    spawn(cmd, None)?.wait()
}

/// Whether rustdrill is exiting (a signal, or the end of `main`).
pub fn stopping() -> bool {
    registry().closed
}

fn not_stopping() -> io::Result<()> {
    if stopping() {
        return Err(io::Error::new(io::ErrorKind::Interrupted, STOPPING));
    }
    Ok(())
}

/// Tells every supervisor to end its program (watch reloading the course:
/// a check still running was for the old one). New ones may start.
pub fn end_running() {
    for lifeline in &registry().running {
        lifeline.end();
    }
}

/// rustdrill is exiting: tells every supervisor to end its program, lets
/// nothing new start, and waits at most `limit` for the supervisors to be
/// done, so that when rustdrill's exit is seen its processes are gone.
/// (Were it to exit without this, the closed lifelines would end them all
/// the same, a moment later.)
pub fn shutdown(limit: Duration) {
    let mut list = registry();
    list.closed = true;
    for lifeline in &list.running {
        lifeline.end();
    }
    let pids: Vec<u32> = list.running.iter().map(|l| l.pid).collect();
    drop(list);
    let deadline = Instant::now() + limit;
    for pid in pids {
        while !has_exited(pid) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(2));
        }
    }
}

/// Whether the supervisor `pid` (a child of rustdrill) has exited. It is
/// not reaped: the thread that started it does that.
fn has_exited(pid: u32) -> bool {
    #[cfg(unix)]
    {
        use rustix::process::{Pid, WaitId, WaitIdOptions, waitid};
        let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
            return true;
        };
        let options = WaitIdOptions::EXITED | WaitIdOptions::NOHANG | WaitIdOptions::NOWAIT;
        // An error (ECHILD: reaped already) means it is gone too.
        !matches!(waitid(WaitId::Pid(pid), options), Ok(None))
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// `end_running` for the panic hook: never waits for the registry (the
/// panic may have struck while it was held), but reads one an earlier
/// panic poisoned.
pub fn end_running_after_panic() {
    let list = match REGISTRY.try_lock() {
        Ok(list) => list,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) => return,
    };
    for lifeline in &list.running {
        lifeline.end();
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
            shutdown(SHUTDOWN_WAIT);
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// How long rustdrill waits at exit for its processes to be ended: a
/// supervisor gives a program 200 ms after SIGTERM.
pub const SHUTDOWN_WAIT: Duration = Duration::from_millis(1000);

const STOPPING: &str = "rustdrill is stopping: no new process starts";

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = command("sh");
        cmd.arg("-c").arg(script);
        cmd
    }

    #[test]
    fn output_and_status_pass_through_the_supervisor() {
        let out = output(&mut sh("echo out; echo err >&2; exit 3")).unwrap();
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
        assert_eq!(out.status.code(), Some(3));
    }

    #[test]
    fn death_by_a_signal_is_passed_on() {
        use std::os::unix::process::ExitStatusExt;
        let out = output(&mut sh("kill -SEGV $$")).unwrap();
        assert_eq!(out.status.signal(), Some(11), "{out:?}");
    }

    #[test]
    fn a_program_that_cannot_start_is_an_error_as_with_spawn() {
        let e = output(&mut command("/nonexistent/rustdrill-test")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound, "{e}");
    }

    #[test]
    fn cancel_ends_the_running_program_and_one_started_after_it() {
        let cancel = Cancel::default();
        let mut running = spawn(&mut sh("sleep 30"), Some(&cancel)).unwrap();
        let started = Instant::now();
        cancel.cancel();
        assert!(
            running.wait().unwrap().code().is_none(),
            "ended by a signal"
        );
        let mut late = spawn(&mut sh("sleep 30"), Some(&cancel)).unwrap();
        assert!(late.wait().unwrap().code().is_none(), "ended by a signal");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    /// A background build runs at a lower CPU priority: the supervisor
    /// lowers its own, the program inherits it, and the supervisor's mark
    /// is not passed on.
    #[cfg(target_os = "linux")]
    #[test]
    fn low_priority_lowers_the_program_and_nothing_else() {
        fn nice_of(stat: &[u8]) -> i32 {
            let stat = String::from_utf8_lossy(stat);
            // `pid (comm) state …`: the 19th field, the 17th after comm.
            let after_comm = &stat[stat.rfind(')').expect("a stat line") + 1..];
            after_comm
                .split_whitespace()
                .nth(16)
                .unwrap()
                .parse()
                .unwrap()
        }
        let own = nice_of(&std::fs::read("/proc/self/stat").unwrap());
        let stat = |low: bool| {
            let mut cmd = sh("cat /proc/self/stat; env");
            if low {
                low_priority(&mut cmd);
            }
            output(&mut cmd).unwrap().stdout
        };
        let low = stat(true);
        assert_eq!(nice_of(&low), (own + 10).min(19));
        assert!(!String::from_utf8_lossy(&low).contains(NICE_ENV));
        assert_eq!(nice_of(&stat(false)), own);
    }

    /// Two checks ending at once (their supervisors ending their trees,
    /// daemons included) leave a tool another thread started, and is
    /// waiting for, alone: rustdrill kills no child it did not mean to.
    #[test]
    fn checks_ending_beside_a_tool_leave_it_running() {
        let tool = thread::spawn(|| output(&mut sh("sleep 1; echo done; exit 7")).unwrap());
        let checks: Vec<_> = (0..2)
            .map(|_| {
                thread::spawn(|| {
                    for _ in 0..3 {
                        let out = output(&mut sh("sh -c 'setsid sleep 30 &' ; true")).unwrap();
                        assert!(out.status.success());
                    }
                })
            })
            .collect();
        for check in checks {
            check.join().unwrap();
        }
        let tool = tool.join().unwrap();
        assert_eq!(tool.status.code(), Some(7));
        assert_eq!(tool.stdout, b"done\n");
    }
}
