//! One module per command: each loads a `Session`, does its one job through
//! `progress`, `check` and `ui`, and says what it concluded.

pub mod classroom;
pub mod dev;
pub mod goto;
pub mod hint;
pub mod init;
pub mod list;
pub mod reset;
pub mod run;
pub mod solution;
pub mod tracks;
pub mod verify;

/// What a command concluded, mapped to the exit code in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: an exercise is not done (yet).
    NotDone,
}
