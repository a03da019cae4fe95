//! Helpers shared by the integration tests: fixture courses copied to temp
//! dirs, and the real rustdrill binary run against them.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub mod classroom;

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

    /// `rustdrill ARGS` run inside the course, to add environment, a
    /// launcher or a timeout before `run`.
    pub fn rustdrill(&self, args: &[&str]) -> Rustdrill {
        Rustdrill::new(self.root(), args)
    }

    /// `rustdrill ARGS` inside the course as a `Command`, for a test that
    /// spawns it and handles the child itself.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.rustdrill(args).command()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.rustdrill(args).run()
    }
}

/// `rustdrill ARGS` in `dir` (which need not be a course), run to the end.
pub fn rustdrill(dir: &Path, args: &[&str]) -> Run {
    Rustdrill::new(dir, args).run()
}

/// How every test starts rustdrill: in a folder, with `NO_COLOR=1`, and
/// without the test's own `RUSTDRILL_COURSE` or `CARGO_TARGET_DIR` (a
/// developer's environment must not change what a test sees). Tests add
/// their environment, a launcher and a timeout on top.
///
/// Defaults: stdin null, stdout and stderr captured (each drained on its
/// own thread, so a full pipe cannot stall rustdrill), no timeout.
pub struct Rustdrill {
    dir: PathBuf,
    args: Vec<OsString>,
    /// Changes after the defaults, in order: `None` removes the variable.
    env: Vec<(OsString, Option<OsString>)>,
    /// A program and its arguments that start rustdrill, which gets
    /// rustdrill's path and arguments after them (`sh -c '…; exec "$0"
    /// "$@"'`, `setsid`).
    launcher: Vec<OsString>,
    stdin: Option<Stdio>,
    stdout_closed: bool,
    timeout: Option<Duration>,
}

impl Rustdrill {
    /// The variables rustdrill never inherits from the test.
    // The runner speaks English unless a test asks otherwise (RUSTDRILL_LANG).
    const CLEARED: [&str; 3] = ["CARGO_TARGET_DIR", "RUSTDRILL_COURSE", "RUSTDRILL_LANG"];

    /// `rustdrill ARGS` in `dir` (which need not be a course).
    pub fn new(dir: &Path, args: &[&str]) -> Rustdrill {
        Rustdrill {
            dir: dir.to_path_buf(),
            args: args.iter().map(OsString::from).collect(),
            env: vec![("NO_COLOR".into(), Some("1".into()))],
            launcher: Vec::new(),
            stdin: None,
            stdout_closed: false,
            timeout: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Rustdrill {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Rustdrill {
        self.env
            .push((key.as_ref().to_owned(), Some(value.as_ref().to_owned())));
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Rustdrill {
        self.env.push((key.as_ref().to_owned(), None));
        self
    }

    /// Cargo without the network (`CARGO_NET_OFFLINE`): what the registry
    /// cache does not hold fails instead of being fetched.
    pub fn offline(self) -> Rustdrill {
        self.env("CARGO_NET_OFFLINE", "true")
    }

    /// `home` as cargo's home (an empty one: no registry cache at all).
    pub fn cargo_home(self, home: &Path) -> Rustdrill {
        self.env("CARGO_HOME", home)
    }

    /// Started through `launcher`, a program and its arguments which get
    /// rustdrill's path and arguments after them.
    pub fn via(mut self, launcher: &[&str]) -> Rustdrill {
        self.launcher = launcher.iter().map(OsString::from).collect();
        self
    }

    pub fn stdin(mut self, stdin: Stdio) -> Rustdrill {
        self.stdin = Some(stdin);
        self
    }

    /// Its stdout a pipe whose reading end is closed before rustdrill
    /// writes, as in `rustdrill list | head -0`: every write fails.
    pub fn stdout_closed(mut self) -> Rustdrill {
        self.stdout_closed = true;
        self
    }

    /// `run` kills rustdrill and fails the test, with what it printed,
    /// once it has run this long.
    pub fn timeout(mut self, timeout: Duration) -> Rustdrill {
        self.timeout = Some(timeout);
        self
    }

    /// `rustdrill ARGS`, for messages.
    fn describe(&self) -> String {
        let args: Vec<_> = self.args.iter().map(|a| a.to_string_lossy()).collect();
        format!("`rustdrill {}` in {}", args.join(" "), self.dir.display())
    }

    /// As a `Command`, stdio left to the caller (a test that spawns it).
    pub fn command(&self) -> Command {
        let mut cmd = match self.launcher.split_first() {
            Some((program, rest)) => {
                let mut cmd = Command::new(program);
                cmd.args(rest).arg(BIN);
                cmd
            }
            None => Command::new(BIN),
        };
        cmd.args(&self.args).current_dir(&self.dir);
        for key in Rustdrill::CLEARED {
            cmd.env_remove(key);
        }
        for (key, value) in &self.env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        cmd
    }

    /// As one shell command line (`cd DIR && env … BIN ARGS`), for a
    /// terminal or a script to run.
    pub fn shell(&self) -> String {
        let mut words = vec!["cd".to_owned(), quote(self.dir.as_os_str())];
        words.push("&&".to_owned());
        words.push("env".to_owned());
        for key in Rustdrill::CLEARED {
            words.push(format!("-u {key}"));
        }
        for (key, value) in &self.env {
            let key = key.to_string_lossy();
            words.push(match value {
                Some(value) => format!("{key}={}", quote(value)),
                None => format!("-u {key}"),
            });
        }
        words.extend(self.launcher.iter().map(|w| quote(w)));
        words.push(quote(OsStr::new(BIN)));
        words.extend(self.args.iter().map(|w| quote(w)));
        words.join(" ")
    }

    /// Runs it to the end; what it printed and its exit code.
    #[track_caller]
    pub fn run(mut self) -> Run {
        let command = self.describe();
        let mut child = self
            .command()
            .stdin(self.stdin.take().unwrap_or_else(Stdio::null))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{command} does not start: {e}"));
        let stdout = match child.stdout.take() {
            Some(pipe) if self.stdout_closed => {
                drop(pipe);
                Drain::new(None::<ChildStdout>)
            }
            pipe => Drain::new(pipe),
        };
        let stderr = Drain::new(child.stderr.take());
        let status = match self.timeout {
            None => child.wait().expect("wait for rustdrill"),
            Some(timeout) => {
                let deadline = Instant::now() + timeout;
                loop {
                    if let Some(status) = child.try_wait().expect("wait for rustdrill") {
                        break status;
                    }
                    if Instant::now() > deadline {
                        let _ = child.kill();
                        let _ = child.wait();
                        panic!(
                            "{command} did not end within {timeout:?} and was killed\n\
                             --- stdout\n{}\n--- stderr\n{}",
                            stdout.so_far(),
                            stderr.so_far()
                        );
                    }
                    thread::sleep(Duration::from_millis(20));
                }
            }
        };
        Run {
            command,
            code: status.code().unwrap_or(-1),
            stdout: stdout.finish(),
            stderr: stderr.finish(),
        }
    }
}

/// `word` in single quotes, for a POSIX shell.
fn quote(word: &OsStr) -> String {
    format!("'{}'", word.to_string_lossy().replace('\'', r"'\''"))
}

/// A child's output stream read to its end on a thread of its own; what
/// came so far can be read while the child runs (for a timeout's message).
struct Drain {
    text: Arc<Mutex<Vec<u8>>>,
    reader: thread::JoinHandle<()>,
}

impl Drain {
    fn new(pipe: Option<impl Read + Send + 'static>) -> Drain {
        let text = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&text);
        let reader = thread::spawn(move || {
            let Some(mut pipe) = pipe else { return };
            let mut buf = [0; 8192];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Drain { text, reader }
    }

    fn so_far(&self) -> String {
        String::from_utf8_lossy(&self.text.lock().unwrap()).into_owned()
    }

    fn finish(self) -> String {
        let Drain { text, reader } = self;
        let _ = reader.join();
        String::from_utf8_lossy(&text.lock().unwrap()).into_owned()
    }
}

/// A finished rustdrill run.
pub struct Run {
    /// What ran, for messages: `` `rustdrill ARGS` in DIR ``.
    pub command: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code of {}\n--- stdout\n{}\n--- stderr\n{}",
            self.command, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn expect_contains(&self, needle: &str) -> &Run {
        assert!(
            self.all().contains(needle),
            "expected {needle:?} in the output of {}\n--- stdout\n{}\n--- stderr\n{}",
            self.command,
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
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        course
            .rustdrill(&all)
            .env("RUSTDRILL_NO_PREBUILD", "1")
            .shell()
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
