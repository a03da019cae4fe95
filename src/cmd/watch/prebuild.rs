//! Building the next chapter's dependencies in the background, so a
//! chapter that pulls in tokio or axum is ready when the learner reaches
//! it. The build never competes with the learner's own check: the loop
//! stops it (ending cargo's whole process group, which frees cargo's
//! target-directory lock) when a check starts and starts it again when the
//! check is done; it also runs at a lower CPU priority.
//!
//! What it builds: exactly what the real check of the next chapter's first
//! exercise will build — the same two phases through `cargo::Cargo` (clippy runs inside the build), so
//! the same `--bin` selection, target directory and clippy wrapper (never `-p`, which
//! could resolve features differently and produce artifacts the check
//! cannot reuse). The exercise itself is still unsolved and fails to compile, but
//! cargo builds every dependency before it reaches the exercise, which is
//! all this is for.

use std::sync::Arc;
use std::thread;

use cargo_metadata::Message;

use rustdrill_engine::cargo::{Cargo, Phase};
use rustdrill_engine::supervisor::Cancel;

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
#[derive(Debug, Clone)]
pub struct Job {
    pub chapter: String,
    pub bin: String,
    /// The course's cargo (run in the background by the build).
    pub cargo: Cargo,
}

/// The running background build, if any. Which build is current (and
/// whether one should run) is the scheduler's to decide; this only holds
/// the way to stop it.
#[derive(Debug, Default)]
pub struct Prebuild {
    running: Option<Arc<Cancel>>,
}

impl Prebuild {
    /// Starts `job` as build `generation` (stopping any other build
    /// first); `report` hears from it on its thread.
    pub fn start(
        &mut self,
        generation: u64,
        job: Job,
        report: impl Fn(PrebuildReport) + Send + 'static,
    ) {
        self.stop();
        let cancel = Arc::new(Cancel::default());
        self.running = Some(Arc::clone(&cancel));
        thread::spawn(move || run(job, generation, &cancel, &report));
    }

    /// The build ended by itself: nothing left to stop.
    pub fn finished(&mut self) {
        self.running = None;
    }

    /// Stops the build, if one runs. Returns at once: cargo's lock is
    /// released as soon as the kernel has ended the group.
    pub fn stop(&mut self) {
        if let Some(cancel) = self.running.take() {
            cancel.cancel();
        }
    }
}

impl Drop for Prebuild {
    fn drop(&mut self) {
        self.stop();
    }
}

fn run(job: Job, generation: u64, cancel: &Cancel, report: &impl Fn(PrebuildReport)) {
    let cargo = job.cargo.in_background();
    let mut crates = 0;
    let mut count = |message: &Message| {
        if let Message::CompilerArtifact(_) = message {
            crates += 1;
            report(PrebuildReport::Progress {
                generation,
                chapter: job.chapter.clone(),
                crates,
            });
        }
    };
    // The three builds a check makes, in the order the check needs them.
    for phase in [Phase::Build, Phase::TestBuild] {
        if cancel.is_cancelled() {
            return;
        }
        // An error (no cargo) is for the learner's own check to explain.
        if cargo
            .run_phase_cancellable(phase, &[&job.bin], &mut count, Some(cancel))
            .is_err()
        {
            break;
        }
    }
    if !cancel.is_cancelled() {
        report(PrebuildReport::Finished {
            generation,
            chapter: job.chapter,
        });
    }
}
