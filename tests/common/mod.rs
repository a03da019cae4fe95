//! Helpers shared by the integration tests: fixture courses copied to temp
//! dirs, and the real rustdrill binary run against them.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_rustdrill");

/// A fixture course copied into a fresh temp dir.
pub struct Course {
    pub dir: tempfile::TempDir,
}

impl Course {
    /// Copies `tests/fixtures/<name>` into a temp dir.
    pub fn fixture(name: &str) -> Course {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&src, dir.path());
        Course { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        fs::write(self.path(rel), text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// `rustdrill ARGS` run inside the course, colours off.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .env_remove("RUSTDRILL_COURSE")
            // The runner speaks English unless a test asks otherwise.
            .env_remove("RUSTDRILL_LANG")
            .env_remove("CARGO_TARGET_DIR");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd(args).output().expect("rustdrill starts"))
    }
}

/// A finished rustdrill run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn expect_contains(&self, needle: &str) -> &Run {
        assert!(
            self.all().contains(needle),
            "expected {needle:?} in the output\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

pub fn copy_dir(src: &Path, dest: &Path) {
    fs::create_dir_all(dest).expect("create dir");
    for entry in fs::read_dir(src).unwrap_or_else(|e| panic!("read {}: {e}", src.display())) {
        let entry = entry.expect("dir entry");
        let name = entry.file_name();
        if name == "target" || name == ".rustdrill" {
            continue;
        }
        let to = dest.join(&name);
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), &to).expect("copy file");
        }
    }
}

/// `rustdrill watch` in a real terminal: a tmux server of its own (its own
/// socket in the course copy) runs it in a pane 40 rows high; `keys`
/// types, `screen` reads the pane. `watch` starts it 100 columns wide and,
/// after rustdrill ends, the pane prints `EXIT=` and its exit code, so a
/// test can tell that watch is gone; `session` runs any shell script.
pub struct Tmux {
    pub course: Course,
    socket: PathBuf,
    /// Whether `screen` includes up to 100 lines scrolled off the top.
    scrollback: bool,
    /// How long `wait_until` waits.
    deadline: Duration,
}

impl Tmux {
    /// Long enough for a cold build on a busy 2-core machine.
    pub const DEADLINE: Duration = Duration::from_secs(120);

    /// Starts `rustdrill watch ARGS` on `course`.
    pub fn watch(course: Course, args: &[&str]) -> Tmux {
        Tmux::watch_then(course, args, "")
    }

    /// `watch`, with the pane running the shell commands `then` (ending in
    /// `;`) after it printed `EXIT=`.
    pub fn watch_then(course: Course, args: &[&str], then: &str) -> Tmux {
        let script = format!(
            "{}; echo \"EXIT=$?\"; {then}sleep 600",
            Tmux::watch_command(&course, args)
        );
        Tmux::session(course, 100, &script)
    }

    /// The shell command that runs `rustdrill watch ARGS` in `course`, with
    /// no colours, no prebuild and nothing of the test's cargo or course
    /// environment.
    pub fn watch_command(course: &Course, args: &[&str]) -> String {
        format!(
            "cd '{}' && env -u CARGO_TARGET_DIR -u RUSTDRILL_COURSE -u RUSTDRILL_LANG NO_COLOR=1 \
             RUSTDRILL_NO_PREBUILD=1 '{BIN}' watch {}",
            course.root().display(),
            args.join(" ")
        )
    }

    /// A `width`×40 tmux session on a server of its own running the shell
    /// `script` (which should end in a long `sleep`, so the pane stays).
    pub fn session(course: Course, width: u16, script: &str) -> Tmux {
        if Command::new("tmux").arg("-V").output().is_err() {
            panic!("these tests need tmux (apt-get install tmux)");
        }
        let socket = course.path("tmux.sock");
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(["-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(width.to_string())
            .args(["-y", "40"])
            .arg(script)
            .status()
            .expect("tmux starts");
        assert!(status.success(), "tmux new-session failed");
        Tmux {
            course,
            socket,
            scrollback: false,
            deadline: Tmux::DEADLINE,
        }
    }

    /// `screen` includes up to 100 lines scrolled off the pane's top.
    pub fn with_scrollback(mut self) -> Tmux {
        self.scrollback = true;
        self
    }

    /// The waits give up after `deadline` (`DEADLINE` unless told).
    pub fn with_deadline(mut self, deadline: Duration) -> Tmux {
        self.deadline = deadline;
        self
    }

    /// Runs `tmux ARGS` on this server; its stdout.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        if self.scrollback {
            self.tmux(&["capture-pane", "-p", "-J", "-S", "-100"])
        } else {
            self.tmux(&["capture-pane", "-p", "-J"])
        }
    }

    /// Waits until the screen shows `text`; returns the screen.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text))
    }

    /// Waits until `ok(screen)`, failing after the deadline with the screen.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > self.deadline {
                panic!(
                    "waited {:?} for {what:?}; the screen shows:\n{screen}",
                    self.deadline
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// Types keys (tmux key names: `h`, `Enter`, `Escape`, `C-c`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend(keys);
        self.tmux(&args);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// How long a process may take to die once it should.
pub const DIE_WITHIN: Duration = Duration::from_secs(10);

/// Is the process alive (and not a zombie waiting to be reaped)? Linux's
/// /proc.
pub fn alive(pid: &str) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

/// Waits up to `DIE_WITHIN` for `pid` to die; kills it if it did not (the
/// test must not leave it) and says whether it had to.
pub fn survived(pid: &str) -> bool {
    let deadline = Instant::now() + DIE_WITHIN;
    while alive(pid) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    let survived = alive(pid);
    if survived {
        kill("-KILL", pid);
    }
    survived
}

/// Sends `signal` (`-TERM`, `-KILL`, …) to `pid`, quietly: the process may
/// be gone already.
pub fn kill(signal: &str, pid: &str) {
    let _ = Command::new("kill")
        .args([signal, pid])
        .stderr(Stdio::null())
        .status();
}
