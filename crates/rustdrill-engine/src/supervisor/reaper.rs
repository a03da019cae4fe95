//! The supervisor process (`rustdrill __supervise PROGRAM ARGS…`): starts
//! PROGRAM in a process group of its own, waits for it to exit or for its
//! lifeline to speak or close, then ends everything PROGRAM started and
//! exits as PROGRAM did (the same code, or death by the same signal).
//!
//! On Linux it is a child subreaper (`PR_SET_CHILD_SUBREAPER`): a process
//! that left PROGRAM's group (`setsid`, a double fork) comes back to it
//! when its parent exits, instead of going to init. Ending the tree is
//! then: SIGKILL to PROGRAM's group while PROGRAM is not yet reaped (so the
//! group id cannot have been reused), then SIGKILL to every child of the
//! supervisor — each an unreaped child, so its pid is still its own —
//! until none is left (a killed orphan's own children come back in turn).
//! Elsewhere there is no subreaper: the group is ended, and a process that
//! left it outlives the check.
//!
//! Single-threaded, and quiet: it writes nothing to PROGRAM's streams.

use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd, FromRawFd, OwnedFd};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::io::Errno;
use rustix::process::{Pid, Signal, WaitId, WaitIdOptions, WaitOptions};
use signal_hook::consts::{SIGCHLD, SIGHUP, SIGINT, SIGTERM};

use super::{LIFELINE_ENV, NICE_ENV, REPORT_ENV};

/// How long PROGRAM gets after SIGTERM before everything is SIGKILLed.
const GRACE: Duration = Duration::from_millis(200);
/// How long ending the tree may take before the supervisor gives up (a
/// process stuck in the kernel).
const CLEANUP_LIMIT: Duration = Duration::from_secs(5);

/// When rustdrill was started as a supervisor, supervises and returns the
/// exit code (or dies of PROGRAM's signal); `None` for any other run.
pub fn run_if_supervising() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != super::ARG {
        return None;
    }
    let lifeline = inherited_fd(LIFELINE_ENV)?;
    let report = inherited_fd(REPORT_ENV)?;
    let program = args.next()?;
    let args: Vec<OsString> = args.collect();
    Some(supervise(lifeline, report, program, &args))
}

/// The descriptor rustdrill handed over in `var`.
fn inherited_fd(var: &str) -> Option<OwnedFd> {
    let fd: i32 = std::env::var(var).ok()?.parse().ok()?;
    // SAFETY: only asks whether `fd` is open; an fd that is not gives EBADF.
    rustix::io::fcntl_getfd(unsafe { BorrowedFd::borrow_raw(fd) }).ok()?;
    // SAFETY: open (checked above), and this process's alone: rustdrill
    // created it for this supervisor, and nothing else here owns it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // Not for PROGRAM to inherit.
    rustix::io::fcntl_setfd(&fd, rustix::io::FdFlags::CLOEXEC).ok()?;
    Some(fd)
}

fn supervise(lifeline: OwnedFd, report: OwnedFd, program: OsString, args: &[OsString]) -> ExitCode {
    // Lowered here, on itself, rather than in a `pre_exec` hook of
    // rustdrill's: PROGRAM inherits it all the same, and nothing unsafe is
    // needed. Best effort, as `nice` is: a check that runs at the usual
    // priority is still right.
    if let Some(by) = std::env::var(NICE_ENV).ok().and_then(|n| n.parse().ok()) {
        let _ = rustix::process::nice(by);
    }
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_child_subreaper(Some(rustix::process::getpid()));
    // Woken by SIGCHLD (PROGRAM or an orphan exited) and by a signal asking
    // this process to stop (someone's `kill`): both through one pipe.
    let Ok((wake_read, wake_write)) = super::cloexec_pipe() else {
        return ExitCode::from(125);
    };
    // Non-blocking both ways: a signal handler must never block on it.
    let _ = rustix::io::ioctl_fionbio(&wake_read, true);
    let _ = rustix::io::ioctl_fionbio(&wake_write, true);
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGINT, SIGHUP] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    for signal in [SIGCHLD, SIGTERM, SIGINT, SIGHUP] {
        if let Ok(fd) = wake_write.try_clone() {
            let _ = signal_hook::low_level::pipe::register_raw(signal, fd);
        }
    }

    let main = match start(&program, args) {
        Ok(pid) => pid,
        Err(e) => {
            let code = e.raw_os_error().unwrap_or(Errno::NOENT.raw_os_error());
            let _ = rustix::io::write(&report, code.to_string().as_bytes());
            return ExitCode::from(127);
        }
    };
    let _ = rustix::io::write(&report, b"ok");
    drop(report);

    let mut ended_early = false;
    loop {
        if exited(main) {
            break;
        }
        if stop.load(Ordering::SeqCst) || spoke_or_closed(lifeline.as_fd()) {
            ended_early = true;
            break;
        }
        wait_for(&[lifeline.as_fd(), wake_read.as_fd()], None);
        if drain(wake_read.as_fd()) {
            reap_orphans(main);
        }
    }
    if ended_early {
        // PROGRAM is not reaped yet, so its group id is still its own.
        let _ = rustix::process::kill_process_group(main, Signal::TERM);
        let deadline = Instant::now() + GRACE;
        while !exited(main) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            wait_for(&[wake_read.as_fd()], Some(left));
            drain(wake_read.as_fd());
        }
    }
    // What PROGRAM left in its group (still unreaped: the id is ours).
    let _ = rustix::process::kill_process_group(main, Signal::KILL);
    let status = rustix::process::waitpid(Some(main), WaitOptions::empty());
    end_orphans();
    match status {
        Ok(Some((_, status))) => {
            if let Some(signal) = status.terminating_signal() {
                die_of(signal);
            }
            ExitCode::from(status.exit_status().unwrap_or(1).clamp(0, 255) as u8)
        }
        _ => ExitCode::from(125),
    }
}

/// Starts PROGRAM as the leader of a new process group, with the
/// supervisor's stdio, directory and environment (its own marks removed).
/// On Linux PROGRAM dies with the supervisor, should the supervisor itself
/// be killed.
fn start(program: &OsString, args: &[OsString]) -> std::io::Result<Pid> {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env_remove(LIFELINE_ENV)
        .env_remove(REPORT_ENV)
        .env_remove(NICE_ENV)
        .process_group(0);
    #[cfg(target_os = "linux")]
    {
        let parent = rustix::process::getpid();
        // SAFETY: prctl, getppid and kill are plain system calls, safe
        // after fork; nothing is allocated.
        unsafe {
            cmd.pre_exec(move || {
                rustix::process::set_parent_process_death_signal(Some(Signal::KILL))?;
                // The supervisor died before prctl took effect.
                if rustix::process::getppid() != Some(parent) {
                    let _ = rustix::process::kill_process(rustix::process::getpid(), Signal::KILL);
                }
                Ok(())
            });
        }
    }
    let child = cmd.spawn()?;
    // Waited for by pid from here on (std's handle is dropped unreaped).
    Ok(Pid::from_child(&child))
}

/// Whether `pid` has exited, without reaping it.
fn exited(pid: Pid) -> bool {
    let options = WaitIdOptions::EXITED | WaitIdOptions::NOHANG | WaitIdOptions::NOWAIT;
    !matches!(rustix::process::waitid(WaitId::Pid(pid), options), Ok(None))
}

/// Whether the lifeline has a byte to read (end now) or is closed
/// (rustdrill is gone).
fn spoke_or_closed(fd: BorrowedFd<'_>) -> bool {
    let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
}

/// Blocks until one of `fds` is readable (or closed), a signal arrives,
/// or `limit` passes.
fn wait_for(fds: &[BorrowedFd<'_>], limit: Option<Duration>) {
    let mut polled: Vec<PollFd<'_>> = fds
        .iter()
        .map(|fd| PollFd::from_borrowed_fd(*fd, PollFlags::IN))
        .collect();
    let timeout = limit.map(|d| Timespec {
        tv_sec: d.as_secs() as _,
        tv_nsec: d.subsec_nanos() as _,
    });
    let _ = poll(&mut polled, timeout.as_ref());
}

/// Empties the (non-blocking) wake-up pipe; whether a signal had come.
fn drain(fd: BorrowedFd<'_>) -> bool {
    let mut buf = [0u8; 64];
    let mut woken = false;
    while matches!(rustix::io::read(fd, &mut buf), Ok(n) if n > 0) {
        woken = true;
    }
    woken
}

/// Reaps orphans that came back and exited while PROGRAM runs (they are
/// not ended before PROGRAM is: a test may rely on a daemon it started).
fn reap_orphans(main: Pid) {
    for pid in children() {
        if pid != main {
            let _ = rustix::process::waitpid(Some(pid), WaitOptions::NOHANG);
        }
    }
}

/// PROGRAM is reaped: SIGKILL to every child (orphans that came back),
/// reaping them, until no child is left.
fn end_orphans() {
    let deadline = Instant::now() + CLEANUP_LIMIT;
    loop {
        // Reap all that are done; ECHILD: no child at all is left (the
        // usual case, known without reading /proc).
        loop {
            match rustix::process::wait(WaitOptions::NOHANG) {
                Ok(Some(_)) => continue,
                Ok(None) => break,
                Err(_) => return,
            }
        }
        if Instant::now() > deadline {
            return;
        }
        for pid in children() {
            let _ = rustix::process::kill_process(pid, Signal::KILL);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// This process's children (Linux: from /proc; elsewhere none come back).
fn children() -> Vec<Pid> {
    #[cfg(target_os = "linux")]
    {
        let me = rustix::process::getpid().as_raw_nonzero().get();
        children_of(me)
            .into_iter()
            .filter_map(Pid::from_raw)
            .collect()
    }
    #[cfg(not(target_os = "linux"))]
    Vec::new()
}

/// The pid of every process whose parent is `parent`.
#[cfg(target_os = "linux")]
pub fn children_of(parent: i32) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
                // `pid (comm) state ppid …`: comm may hold spaces and ')'.
                stat.rfind(')')
                    .and_then(|end| stat[end + 1..].split_whitespace().nth(1)?.parse().ok())
                    == Some(parent)
            })
        })
        .collect()
}

/// Dies of `signal` as PROGRAM did, so rustdrill sees the same status,
/// without a core dump of the supervisor.
fn die_of(signal: i32) -> ! {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    let core = rustix::process::getrlimit(rustix::process::Resource::Core);
    let _ = rustix::process::setrlimit(
        rustix::process::Resource::Core,
        rustix::process::Rlimit {
            current: Some(0),
            maximum: core.maximum,
        },
    );
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn children_are_listed() {
        let mut child = Command::new("sleep").arg("5").spawn().unwrap();
        let me = std::process::id() as i32;
        let found = children_of(me);
        let _ = child.kill();
        let _ = child.wait();
        assert!(found.contains(&(child.id() as i32)), "{found:?}");
    }
}
