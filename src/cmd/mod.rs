//! One module per command: each loads a `Session`, does its one job through
//! `progress`, `check` and `ui`, and says what it concluded.

pub mod classroom;
pub mod dev;
pub mod goto;
pub mod hint;
pub mod init;
pub mod lang;
pub mod list;
pub mod reset;
pub mod run;
pub mod solution;
pub mod tracks;
pub mod verify;
pub mod watch;

/// What a command concluded, mapped to the exit code in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: an exercise is not done (yet).
    NotDone,
}

impl Outcome {
    /// What the command concluded, when showing it failed only because
    /// nobody reads stdout any more (`rustdrill run x | head -1`): a closed
    /// pipe must not turn "not done" into success, so a failing check
    /// still exits 1 under `set -o pipefail`. Any other error stands.
    pub fn despite_closed_pipe(self, shown: anyhow::Result<()>) -> anyhow::Result<Outcome> {
        match shown {
            Err(e) if !crate::is_broken_pipe(&e) => Err(e),
            _ => Ok(self),
        }
    }
}
