//! Building the next chapter's dependencies in the background, so a
//! chapter that pulls in tokio or axum is ready when the learner reaches
//! it. The build never competes with the learner's own check: the loop
//! stops it (killing cargo's whole process group, which frees cargo's
//! target-directory lock at once) when a check starts and starts it again
//! when the check is done; it also runs at a lower CPU priority.
//!
//! What it builds: exactly what the real check of the next chapter's first
//! exercise will build — the same cargo commands, selected with `--bin` in
//! the course workspace like `cargo.rs` does (never `-p`, which could
//! resolve features differently and produce artifacts the check cannot
//! reuse). The exercise itself is still unsolved and fails to compile, but
//! cargo builds every dependency before it reaches the exercise, which is
//! all this is for.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread;

use super::events::Event;

/// What the background build tells the loop; `generation` tells a stopped
/// build's last words apart from the current one's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrebuildReport {
    /// Another crate was compiled.
    Progress {
        generation: u64,
        chapter: String,
        crates: usize,
    },
    Finished {
        generation: u64,
        chapter: String,
    },
}

/// One background build to run: the chapter and the exercise bin whose
/// dependencies it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub chapter: String,
    pub bin: String,
    pub cargo_dir: PathBuf,
    /// Where the builds go (`Course::target_dir`).
    pub target_dir: PathBuf,
    /// Where clippy builds (`Cargo::clippy_target_dir`).
    pub clippy_target_dir: PathBuf,
}

#[derive(Debug, Default)]
struct Shared {
    stopped: bool,
    /// The running cargo's process group.
    group: Option<i32>,
}

/// The running background build, if any.
#[derive(Debug, Default)]
pub struct Prebuild {
    running: Option<(u64, Arc<Mutex<Shared>>)>,
    generation: u64,
}

impl Prebuild {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn is_current(&self, generation: u64) -> bool {
        self.running.as_ref().is_some_and(|(g, _)| *g == generation)
    }

    /// The loop saw the build finish.
    pub fn finished(&mut self, generation: u64) {
        if self.is_current(generation) {
            self.running = None;
        }
    }

    /// Starts `job` (stopping any other build first).
    pub fn start(&mut self, job: Job, tx: Sender<Event>) {
        self.stop();
        self.generation += 1;
        let generation = self.generation;
        let shared = Arc::new(Mutex::new(Shared::default()));
        self.running = Some((generation, Arc::clone(&shared)));
        thread::spawn(move || run(job, generation, &shared, &tx));
    }

    /// Kills the build, if one runs. Returns at once: cargo's lock is
    /// released as soon as the kernel has ended the group.
    pub fn stop(&mut self) {
        if let Some((_, shared)) = self.running.take() {
            let mut shared = shared.lock().unwrap_or_else(|p| p.into_inner());
            shared.stopped = true;
            if let Some(group) = shared.group.take() {
                kill_group(group);
            }
        }
    }
}

impl Drop for Prebuild {
    fn drop(&mut self) {
        self.stop();
    }
}

fn run(job: Job, generation: u64, shared: &Mutex<Shared>, tx: &Sender<Event>) {
    let mut crates = 0;
    // The three builds a check makes: build, test build, clippy (in its own
    // target directory), in the order the check needs them.
    let phases: [&[&str]; 3] = [
        &["build", "--keep-going"],
        &["test", "--no-run", "--no-fail-fast"],
        &["clippy", "--keep-going"],
    ];
    for (i, args) in phases.iter().enumerate() {
        let mut cmd = Command::new("cargo");
        cmd.args(*args);
        let target_dir = if i == 2 {
            &job.clippy_target_dir
        } else {
            &job.target_dir
        };
        cmd.arg("--target-dir").arg(target_dir);
        cmd.args(["--message-format=json", "--bin", &job.bin])
            .current_dir(&job.cargo_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // Its own group, so stopping it ends rustc processes too.
            cmd.process_group(0);
            // SAFETY: nice(2) is async-signal-safe and touches nothing
            // but the child's own priority.
            unsafe {
                cmd.pre_exec(|| {
                    libc::nice(10);
                    Ok(())
                });
            }
        }
        let mut child = {
            let mut shared = shared.lock().unwrap_or_else(|p| p.into_inner());
            if shared.stopped {
                return;
            }
            let Ok(child) = cmd.spawn() else {
                // No cargo: the check will say so, with the fix.
                break;
            };
            shared.group = i32::try_from(child.id()).ok();
            child
        };
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // A cheap look is enough to count; nothing else is read.
                if line.contains(r#""reason":"compiler-artifact""#) {
                    crates += 1;
                    let _ = tx.send(Event::Prebuild(PrebuildReport::Progress {
                        generation,
                        chapter: job.chapter.clone(),
                        crates,
                    }));
                }
            }
        }
        let _ = child.wait();
        let mut shared = shared.lock().unwrap_or_else(|p| p.into_inner());
        shared.group = None;
        if shared.stopped {
            return;
        }
    }
    let _ = tx.send(Event::Prebuild(PrebuildReport::Finished {
        generation,
        chapter: job.chapter,
    }));
}

fn kill_group(group: i32) {
    #[cfg(unix)]
    // SAFETY: killpg only sends a signal; a group already gone gives ESRCH.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
    }
    #[cfg(not(unix))]
    let _ = group;
}
