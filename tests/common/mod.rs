//! Helpers shared by the integration tests: fixture courses copied to temp
//! dirs, and the real rustdrill binary run against them.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
/// socket in the course copy) runs it in a 100×40 pane; `keys` types,
/// `screen` reads the pane. After rustdrill ends the pane prints `EXIT=`
/// and its exit code, so a test can tell that watch is gone.
pub struct Tmux {
    pub course: Course,
    socket: PathBuf,
}

impl Tmux {
    /// Long enough for a cold build on a busy 2-core machine.
    pub const DEADLINE: std::time::Duration = std::time::Duration::from_secs(120);

    /// Starts `rustdrill watch ARGS` on `course`.
    pub fn watch(course: Course, args: &[&str]) -> Tmux {
        if Command::new("tmux").arg("-V").output().is_err() {
            panic!("these tests need tmux (apt-get install tmux)");
        }
        let script = format!(
            "cd '{}' && env -u CARGO_TARGET_DIR -u RUSTDRILL_COURSE NO_COLOR=1 \
             RUSTDRILL_NO_PREBUILD=1 '{BIN}' watch {}; echo \"EXIT=$?\"; sleep 600",
            course.root().display(),
            args.join(" ")
        );
        let socket = course.path("tmux.sock");
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "40",
            ])
            .arg(&script)
            .status()
            .expect("tmux starts");
        assert!(status.success(), "tmux new-session failed");
        Tmux { course, socket }
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
        self.tmux(&["capture-pane", "-p", "-J"])
    }

    /// Waits until the screen shows `text`; returns the screen.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text))
    }

    /// Waits until `ok(screen)`, failing after `DEADLINE` with the screen.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = std::time::Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > Self::DEADLINE {
                panic!(
                    "waited {:?} for {what:?}; the screen shows:\n{screen}",
                    Self::DEADLINE
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
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
